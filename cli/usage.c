/*
 * What policyctl says about its commands: the summary and usage of each,
 * for `policyctl --help`, `policyctl COMMAND --help` and usage errors.
 * Every executable and module of policyctl has this table (cli/exec.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "policyctl.h"

static const struct {
	const char *name;
	const char *summary;
	const char *usage;
} usages[] = {
	{"archive", "build or verify the bundles of published versions",
	 "archive build [--repo DIR] [--out DIR]\n"
	 "       policyctl archive verify BUNDLE... [--repo DIR] [--json]"},
	{"at", "the version in effect on a day",
	 "at DATE [--policy ID] [--locale L] [--repo DIR] [--json]"},
	{"check", "lint policy sources", "check [--json] [--now DATE] [FILE|DIR...]"},
	{"diff", "compare two versions: level, findings and a redline",
	 "diff OLD NEW [--format text|html|markdown|json] [--fail-on LEVEL]\n"
	 "                    [--color auto|always|never] [-o FILE] [--template DIR] [--repo DIR]\n"
	 "OLD and NEW are files or published versions: privacy/zh-CN@2.0, @latest, @YYYY-MM-DD"},
	{"facts", "the privacy facts a version states", "facts FILE|REF [--repo DIR] [--json]"},
	{"import", "turn a policy's text or web page into a source",
	 "import FILE [--format text|html|docx|markdown] [--locale L] [-o FILE] [--json]"},
	{"init", "start a policy repository", "init [DIR]"},
	{"log", "the published versions", "log [--policy ID] [--locale L] [--repo DIR] [--json]"},
	{"notice", "the notice due to a user who accepted a version",
	 "notice --since VERSION [--policy ID --locale L] [--now DATE] [--repo DIR] [--json]"},
	{"publish", "tag new versions and write the static site",
	 "publish [--repo DIR] [--out DIR] [--now DATE] [--dry-run] [--json]"},
	{"render", "render a policy as HTML, an HTML fragment, Markdown or JSON",
	 "render FILE|REF [--format html|fragment|markdown|json] [-o FILE] [--template DIR]\n"
	 "                    [--repo DIR]"},
	{"serve", "serve a published site to apps over HTTP",
	 "serve --site DIR [--listen ADDR:PORT] [--threads N] [--max-connections N]"},
	{"show", "the source of a published version", "show REF [--repo DIR] [-o FILE]"},

};

void cli_print_usage(FILE *out)
{
	fprintf(out, "usage: policyctl COMMAND [ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(usages) / sizeof(usages[0]); i++)
		fprintf(out, "  %-8s %s\n", usages[i].name, usages[i].summary);
	fprintf(out, "\n'policyctl COMMAND --help' tells more; see policyctl(1).\n");
}

int cli_help(const char *name)
{
	for (size_t i = 0; i < sizeof(usages) / sizeof(usages[0]); i++) {
		if (strcmp(usages[i].name, name) == 0) {
			printf("usage: policyctl %s\n\n%s.\n", usages[i].usage, usages[i].summary);
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
	for (size_t i = 0; i < sizeof(usages) / sizeof(usages[0]); i++)
		if (strcmp(usages[i].name, command) == 0)
			fprintf(stderr, "usage: policyctl %s\n", usages[i].usage);
	return EXIT_USAGE;
}
