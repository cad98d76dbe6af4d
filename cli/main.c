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
 * policyctl-full; policyctl hands them over (cli/exec.c). */
#ifdef POLICYCTL_FULL
#define FULL(run) run
#else
#define FULL(run) cli_exec_full
#endif

static const cli_command commands[] = {
	{"archive", FULL(cmd_archive), "build or verify the bundles of published versions",
	 "archive build [--repo DIR] [--out DIR]\n"
	 "       policyctl archive verify BUNDLE... [--repo DIR] [--json]"},
	{"at", FULL(cmd_at), "the version in effect on a day",
	 "at DATE [--policy ID] [--locale L] [--repo DIR] [--json]"},
	{"check", cmd_check, "lint policy sources", "check [--json] [--now DATE] [FILE|DIR...]"},
	{"diff", cmd_diff, "compare two versions: level, findings and a redline",
	 "diff OLD NEW [--format text|html|markdown|json] [--fail-on LEVEL]\n"
	 "                    [--color auto|always|never] [-o FILE] [--template DIR] [--repo DIR]\n"
	 "OLD and NEW are files or published versions: privacy/zh-CN@2.0, @latest, @YYYY-MM-DD"},
	{"facts", cmd_facts, "the privacy facts a version states",
	 "facts FILE|REF [--repo DIR] [--json]"},
	{"import", cmd_import, "turn a policy's text or web page into a source",
	 "import FILE [--format text|html|docx|markdown] [--locale L] [-o FILE] [--json]"},
	{"init", FULL(cmd_init), "start a policy repository", "init [DIR]"},
	{"log", FULL(cmd_log), "the published versions",
	 "log [--policy ID] [--locale L] [--repo DIR] [--json]"},
	{"notice", FULL(cmd_notice), "the notice due to a user who accepted a version",
	 "notice --since VERSION [--policy ID --locale L] [--now DATE] [--repo DIR] [--json]"},
	{"publish", FULL(cmd_publish), "tag new versions and write the static site",
	 "publish [--repo DIR] [--out DIR] [--now DATE] [--dry-run] [--json]"},
	{"render", cmd_render, "render a policy as HTML, an HTML fragment, Markdown or JSON",
	 "render FILE|REF [--format html|fragment|markdown|json] [-o FILE] [--template DIR]\n"
	 "                    [--repo DIR]"},
	{"serve", FULL(cmd_serve), "serve a published site to apps over HTTP",
	 "serve --site DIR [--listen ADDR:PORT] [--threads N] [--max-connections N]"},
	{"show", FULL(cmd_show), "the source of a published version",
	 "show REF [--repo DIR] [-o FILE]"},
};

static void print_usage(FILE *out)
{
	fprintf(out, "usage: policyctl COMMAND [ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\n'policyctl COMMAND --help' tells more; see policyctl(1).\n");
}

int cli_help(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(commands[i].name, name) == 0) {
			printf("usage: policyctl %s\n\n%s.\n", commands[i].usage,
			       commands[i].summary);
			return EXIT_OK;
		}
	}
	return EXIT_USAGE;
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "policyctl %s: ", command);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].name, command) == 0)
			fprintf(stderr, "usage: policyctl %s\n", commands[i].usage);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	cli_exec_remember(argv);
	if (argc < 2) {
		print_usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		if (argc > 2 && strcmp(argv[1], "help") == 0)
			return cli_help(argv[2]) == EXIT_OK
				       ? EXIT_OK
				       : cli_usage_error(argv[2], "no such command");
		print_usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("policyctl %s\n", policy_library_version());
		return EXIT_OK;
	}
	if (strcmp(argv[1], "serve") != 0)
		cli_tune_heap();
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
	print_usage(stderr);
	return EXIT_USAGE;
}
