/* policyctl: the command table's types, exit codes and shared helpers. */
#ifndef POLICYCTL_H
#define POLICYCTL_H

#include <jansson.h>
#include <stdio.h>

#include "policy.h"

/* Exit codes, as DESIGN.md defines them. */
enum {
	EXIT_OK = 0,
	EXIT_FOUND = 1, /* `check` found errors, or --fail-on was reached */
	EXIT_USAGE = 2, /* bad usage, or input the command cannot use */
};

int cmd_check(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_log(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_at(int argc, char **argv);
int cmd_notice(int argc, char **argv);
int cmd_publish(int argc, char **argv);
int cmd_archive(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_facts(int argc, char **argv);

/* The two executables (cli/exec.c): `policyctl` runs the commands that
 * need a repository, the site, the server or a Word file by handing its
 * whole command line (kept by cli_exec_remember) to policyctl-full. */
void cli_exec_remember(char **argv);
int cli_exec_full(int argc, char **argv);
/* Do these arguments of a command policyctl runs itself need
 * policyctl-full (a published version, --repo, a Word file)? */
int cli_needs_full(int argc, char **argv);
/* Run render, import or diff from the module policyctl-xml.so (loaded
 * now: it brings libxml2), or EXIT_USAGE when it cannot be loaded. */
int cli_run_xml(int argc, char **argv);
/* `policyctl --help`: the commands and their summaries (cli/usage.c). */
void cli_print_usage(FILE *out);

/* Print "policyctl NAME: message" for a usage problem and return EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Report the library's last error as "file:line: message" (or "policyctl:
 * message") on stderr and return EXIT_USAGE. */
int cli_library_error(const char *what);
/* Print a diagnostic as "file:line: severity[code]: message". */
void cli_print_diag(FILE *out, const policy_diag *d);
/* Text from a file or a tag, for a terminal: control characters (C0,
 * DEL, C1) written as \xNN or \uNNNN escapes, never raw. */
void cli_put_text(FILE *out, const char *text);
/* A diagnostic as a JSON object {file, line, severity, code, message}. */
json_t *cli_diag_json(const policy_diag *d);
/* Print `o` (taken: it is freed) as indented JSON and a newline on
 * stdout. EXIT_OK, or EXIT_USAGE when out of memory (`o` NULL included). */
int cli_print_json(json_t *o);
/* Open the policy repository holding `dir` (NULL: the working
 * directory). EXIT_OK, or EXIT_USAGE with the problem printed. */
int cli_open_repo(policy_repo **out, const char *dir, const char *command);
/* Print a published version's categories as "a, b" (nothing for none). */
void cli_print_categories(FILE *out, unsigned categories);
/* The categories as a JSON array of names. */
json_t *cli_categories_json(unsigned categories);
/* The options of the commands that read published versions. */
typedef struct {
	const char *repo;   /* --repo DIR; NULL: the working directory's */
	const char *policy; /* --policy ID */
	const char *locale; /* --locale L (needs --policy) */
	const char *since;  /* --since VERSION (notice) */
	policy_date now;    /* --now DATE; today when not given */
	int json;           /* --json */
	int help;           /* --help was answered */
} cli_scope;

/* Parse those options for `command`; afterwards argv[optind...] are its
 * operands. `with_since` and `with_now` allow those two. EXIT_OK (check
 * scope->help: --help printed, nothing to do) or EXIT_USAGE, reported. */
int cli_parse_scope(cli_scope *scope, int argc, char **argv, const char *command, int with_since,
		    int with_now);

/* A published version as one line on stdout, and as JSON (cmd_log.c). */
void cli_print_published(const policy_published *v);
/* Published versions on the calendar, as their tags record them
 * (malloc'd, one per version; NULL when out of memory). */
policy_timeline_entry *cli_timeline(const policy_published *list, size_t count);
json_t *cli_published_json(const policy_published *v);
/* Print the command's usage and summary, for --help. */
int cli_help(const char *name);
/* Load a source for a command that needs a usable one: a file, or a
 * published version `policy/locale@VERSION|latest|DATE` of the repository
 * holding `repo_dir` (NULL: the working directory). On fatal problems,
 * print them all and return EXIT_USAGE (the caller frees *out). */
int cli_load_doc(policy_doc **out, const char *path, const char *repo_dir, const char *command);
/* The same in two steps, so that loading (on any thread) prints nothing
 * and the report comes when the caller chooses. */
typedef struct {
	policy_doc *doc;  /* the caller frees it */
	int status;       /* EXIT_OK or EXIT_USAGE */
	char error[1200]; /* a library error's line, or "" */
} cli_loaded;
void cli_load_quiet(cli_loaded *l, const char *path, const char *repo_dir, const char *command);
/* Print what made a load fail, if it did; returns its status. */
int cli_report_load(const cli_loaded *l);
/* Write `buf` to `path` all or nothing, or to stdout when path is NULL. */
int cli_write_output(const char *path, const policy_buf *buf);
/* Parse --now's argument. */
int cli_parse_date(policy_date *out, const char *command, const char *text);
/* The policy repository holding `file` (the nearest directory above it
 * with a policyctl.yaml or a .git), malloc'd; NULL when there is none. */
char *cli_find_root(const char *file);
/* The templates/ directory of the policy repository holding `file`, or NULL. */
char *cli_find_templates(const char *file);
/* The settings (policyctl.yaml) of the repository holding `file`: *out is
 * NULL when it has none. EXIT_OK, or EXIT_USAGE with the library's error
 * set (not printed). */
int cli_load_config(policy_config **out, const char *file);
/* The same for the repository whose top is `root`. */
int cli_load_config_at(policy_config **out, const char *root);

/* Heap settings for a short-lived command over large documents. */
void cli_tune_heap(void);

#endif
