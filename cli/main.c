/*
 * policyctl's entry point: a table of subcommands, each in its own file,
 * and the dispatch to them. Every command answers --help.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policyctl.h"

/* Commands that need a repository, the site or the server run in
 * policyctl-full; import, which needs libxml2, in the module
 * policyctl-xml.so, loaded when it runs (cli/exec.c). render and diff
 * hand themselves to the module when a template directory has its own
 * template. */
#ifdef POLICYCTL_FULL
#define FULL(run) run
#define XML(run) run
#else
#define FULL(run) cli_exec_full
#define XML(run) cli_run_xml
#endif

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{"archive", FULL(cmd_archive)},
	{"at", FULL(cmd_at)},
	{"check", cmd_check},
	{"completion", cmd_completion},
	{"diff", cmd_diff},
	{"facts", cmd_facts},
	{"import", XML(cmd_import)},
	{"init", FULL(cmd_init)},
	{"log", FULL(cmd_log)},
	{"new", FULL(cmd_new)},
	{"notice", FULL(cmd_notice)},
	{"publish", FULL(cmd_publish)},
	{"render", cmd_render},
	{"serve", FULL(cmd_serve)},
	{"show", FULL(cmd_show)},
};

int main(int argc, char **argv)
{
	cli_exec_remember(argv);
	if (argc < 2) {
		cli_print_usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		if (argc > 2 && strcmp(argv[1], "help") == 0 &&
		    strcmp(argv[2], "--synopsis") == 0) {
			cli_print_synopsis(stdout); /* docs/policyctl.1's, for its test */
			return EXIT_OK;
		}
		if (argc > 2 && strcmp(argv[1], "help") == 0)
			return cli_help(argv[2]) == EXIT_OK
				       ? EXIT_OK
				       : cli_usage_error(argv[2], "no such command");
		cli_print_usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("policyctl %s\n", policy_library_version());
		return EXIT_OK;
	}
	if (strcmp(argv[1], "serve") != 0) {
		cli_tune_heap();
		cli_heap_for(argc - 1, argv + 1);
	}
	cli_tune_time_zone();
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(commands[i].name, argv[1]) != 0)
			continue;
#ifndef POLICYCTL_FULL
		if (cli_needs_full(argc - 1, argv + 1))
			return cli_exec_full(argc - 1, argv + 1);
#endif
		return commands[i].run(argc - 1, argv + 1);
	}
	fprintf(stderr, "policyctl: '%s' is not a command\n", argv[1]);
	cli_print_usage(stderr);
	return EXIT_USAGE;
}
