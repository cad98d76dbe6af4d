/* policyctl: the command table's types, exit codes and shared helpers. */
#ifndef POLICYCTL_H
#define POLICYCTL_H

#include <getopt.h>
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
int cmd_new(int argc, char **argv);
int cmd_completion(int argc, char **argv);

/* The two executables (cli/exec.c): `policyctl` runs the commands that
 * need a repository, the site, the server or a Word file by handing its
 * whole command line (kept by cli_exec_remember) to policyctl-full. */
void cli_exec_remember(char **argv);
int cli_exec_full(int argc, char **argv);
/* Do these arguments of a command policyctl runs itself need
 * policyctl-full (a published version, --repo, a Word file)? */
int cli_needs_full(int argc, char **argv);
/* Run import, render or diff from the module policyctl-xml.so (loaded
 * now: it brings libxml2), or EXIT_USAGE when it cannot be loaded. */
int cli_run_xml(int argc, char **argv);
/* In `policyctl`, when `dir` (may be NULL) has its own template `name`,
 * which only libxml2 compiles: run the whole command in the module, set
 * *rc to its exit code and return 1. Else (and always in the module and
 * policyctl-full) 0. */
int cli_run_xml_for_template(int argc, char **argv, const char *dir, const char *name, int *rc);
/* `policyctl --help`: the commands and their summaries (cli/usage.c). */
void cli_print_usage(FILE *out);

/* One option of a command (cli/usage.c's tables). */
typedef struct {
	int id;               /* what cli_getopt_next() returns for it */
	char short_name;      /* 'o' for -o; 0 for none */
	const char *name;     /* the long name, "output" */
	const char *arg;      /* its value's name, "FILE"; NULL for a flag */
	const char *values;   /* the values it takes, space-separated; NULL: any */
	const char *complete; /* "file" or "dir" for completion; NULL: nothing */
	const char *help;     /* its meaning and default */
} cli_option;

/* A command: what --help, usage errors, the man page's synopsis and the
 * completions say, and the options getopt parses. */
typedef struct {
	const char *name;
	const char *summary;       /* one line, lower case */
	const char *operands;      /* "OLD NEW", "" for none */
	const char *complete;      /* the operands: "file", "dir", "ref", "shell", "action"; NULL */
	const cli_option *options; /* ended by a NULL name; --help is implied */
	const char *about;         /* the operands and the command, a paragraph */
	const char *exits;         /* the exit status */
	const char *example;
} cli_command;

const cli_command *cli_command_find(const char *name);
/* The i-th command, NULL past the last. */
const cli_command *cli_command_at(size_t i);
/* The man page's synopsis, in roff (`policyctl help --synopsis`). */
void cli_print_synopsis(FILE *out);

#define CLI_OPTIONS_MAX 16
#define CLI_BAD (-2) /* an option error, already reported */

/* getopt_long over a command's table. */
typedef struct {
	const cli_command *cmd;
	struct option longopts[CLI_OPTIONS_MAX + 2];
	char shortopts[2 * CLI_OPTIONS_MAX + 4];
} cli_getopt;

/* Start parsing for `command` (resets optind). 0, or -1 for no such command. */
int cli_getopt_start(cli_getopt *g, const char *command);
/* The next option's id ('h' for --help), -1 after the last, or CLI_BAD
 * when an option is unknown or lacks its value (one message printed,
 * with the usage line). optarg holds the value. */
int cli_getopt_next(cli_getopt *g, int argc, char **argv);
/* The answer to an option a command's switch does not take (`c` from
 * cli_getopt_next()): EXIT_USAGE, reported once. */
int cli_getopt_refuse(const cli_getopt *g, int c);
/* A whole number from `min` to `max` (digits only) for --`option`.
 * EXIT_OK, or EXIT_USAGE reported. */
int cli_parse_count(const char *command, const char *option, const char *text, unsigned min,
		    unsigned max, unsigned *out);
/* Print "policyctl COMMAND: message" (no usage line: for failures that
 * are not the user's, out of memory) and return EXIT_USAGE. */
int cli_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

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

/* Parse the options of `command` (those its table lists of these);
 * afterwards argv[optind...] are its operands. EXIT_OK (check
 * scope->help: --help printed, nothing to do) or EXIT_USAGE, reported. */
int cli_parse_scope(cli_scope *scope, int argc, char **argv, const char *command);

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
/* OLD and NEW, both files, read together for a diff (policy_diff_load:
 * the text they share is parsed at most once, so the documents serve
 * diffs only); into l[0] and l[1]. A failure to read either is l[0]'s. */
void cli_load_pair_quiet(cli_loaded l[2], const char *old_path, const char *new_path,
			 const char *command);
/* Print what made a load fail, if it did; returns its status. */
int cli_report_load(const cli_loaded *l);
/* Write `buf` to `path` all or nothing, or to stdout when path is NULL. */
int cli_write_output(const char *path, const policy_buf *buf);
/* Parse --now's argument. */
int cli_parse_date(policy_date *out, const char *command, const char *text);
/* The policy repository holding `file` (the nearest directory above it
 * with a policyctl.yaml or a .git), malloc'd; NULL when there is none. */
char *cli_find_root(const char *file);
/* The same for a directory: it, or the nearest above it (malloc'd). */
char *cli_find_root_of_dir(const char *dir);
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
/* After it: for inputs (files among the arguments) of a megabyte or
 * more, back the heap with huge pages. */
void cli_heap_for(int argc, char **argv);

/* The local time zone read once, not looked up again at each conversion
 * (see common.c); the same zone either way. Before any thread starts. */
void cli_tune_time_zone(void);

/* Does a command free the documents it read before it returns? Only when
 * a leak check runs at exit (AddressSanitizer's); otherwise the process's
 * end returns their memory at once. */
int cli_frees_documents(void);

#endif
