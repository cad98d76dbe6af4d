/*
 * What policyctl says about its commands, from one table per command:
 * the options getopt parses, `policyctl COMMAND --help` (every option
 * with its meaning and default, the exit status, an example), the usage
 * line of an error, the man page's synopsis (`policyctl help --synopsis`,
 * checked against docs/policyctl.1 by a test) and the shell completions
 * (`policyctl completion bash|zsh|fish`, installed by meson). Every
 * executable and module of policyctl has this table (cli/exec.c).
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "policyctl.h"

#define O_REPO                                                                                     \
	{                                                                                          \
		'r', 0, "repo", "DIR", NULL, "dir",                                                \
			"the policy repository (default: the one holding the working directory)"   \
	}
#define O_JSON                                                                                     \
	{                                                                                          \
		'j', 0, "json", NULL, NULL, NULL, "write JSON instead of text"                     \
	}
#define O_POLICY                                                                                   \
	{                                                                                          \
		'p', 0, "policy", "ID", NULL, NULL, "only this policy (default: every one)"        \
	}
#define O_LOCALE                                                                                   \
	{                                                                                          \
		'l', 0, "locale", "L", NULL, NULL,                                                 \
			"only this locale, a BCP 47 tag; needs --policy"                           \
	}
#define O_NOW(what)                                                                                \
	{                                                                                          \
		'n', 0, "now", "DATE", NULL, NULL,                                                 \
			"the day to " what ", YYYY-MM-DD (default: today)"                         \
	}
#define O_OUTPUT(what)                                                                             \
	{                                                                                          \
		'o', 'o', "output", "FILE", NULL, "file",                                          \
			"write " what " to FILE (default: standard output)"                        \
	}
#define O_TEMPLATE                                                                                 \
	{                                                                                          \
		't', 0, "template", "DIR", NULL, "dir",                                            \
			"page templates (default: the repository's templates/, else the built-in " \
			"ones)"                                                                    \
	}
#define O_END                                                                                      \
	{                                                                                          \
		0, 0, NULL, NULL, NULL, NULL, NULL                                                 \
	}

static const cli_option archive_options[] = {
	O_REPO,
	{'o', 'o', "out", "DIR", NULL, "dir",
	 "build: where the bundles go (default: archive/ in the working directory)"},
	{'j', 0, "json", NULL, NULL, NULL, "verify: write JSON instead of text"},
	O_END,
};
static const cli_option at_options[] = {O_POLICY, O_LOCALE, O_REPO, O_JSON, O_END};
static const cli_option check_options[] = {
	O_JSON,
	O_NOW("judge dates against"),
	O_END,
};
static const cli_option completion_options[] = {O_END};
static const cli_option diff_options[] = {
	{'f', 'f', "format", "FORMAT", "text html markdown json", NULL,
	 "text, html (a redline page), markdown or json (default: text)"},
	{'j', 0, "json", NULL, NULL, NULL, "the same as --format json"},
	{'F', 0, "fail-on", "LEVEL", "editorial minor major consent", NULL,
	 "exit 1 when the change is LEVEL or above (default: exit 0 whatever the level)"},
	{'c', 0, "color", "WHEN", "auto always never", NULL,
	 "colour the text redline: auto (on a terminal, unless NO_COLOR is set), always or "
	 "never (default: auto)"},
	O_OUTPUT("the result"),
	O_TEMPLATE,
	O_REPO,
	O_END,
};
static const cli_option facts_options[] = {O_REPO, O_JSON, O_END};
static const cli_option import_options[] = {
	{'f', 'f', "format", "FORMAT", "text html docx markdown", NULL,
	 "text, html, docx or markdown (default: guessed from the content)"},
	{'l', 0, "locale", "L", NULL, NULL,
	 "the policy's language, a BCP 47 tag (default: from -o's path, else guessed)"},
	O_OUTPUT("the source"),
	{'j', 0, "json", NULL, NULL, NULL,
	 "write the import report (and the source, without -o) as JSON"},
	O_END,
};
static const cli_option init_options[] = {
	{'b', 0, "base-url", "URL", NULL, NULL,
	 "where the site will be served, for the feed's ids and links (default: asked on a "
	 "terminal, else none)"},
	O_END,
};
static const cli_option log_options[] = {O_POLICY, O_LOCALE, O_REPO, O_JSON, O_END};
static const cli_option new_options[] = {
	{'p', 0, "policy", "ID", NULL, NULL, "the policy (default: the only one)"},
	O_LOCALE,
	O_NOW("release on"),
	O_REPO,
	O_END,
};
static const cli_option notice_options[] = {
	{'s', 0, "since", "VERSION", NULL, NULL, "the version the user accepted (required)"},
	{'p', 0, "policy", "ID", NULL, NULL, "the policy (default: the only one published)"},
	{'l', 0, "locale", "L", NULL, NULL, "the locale; needs --policy"},
	O_NOW("answer for"),
	O_REPO,
	O_JSON,
	O_END,
};
static const cli_option publish_options[] = {
	O_REPO,
	{'o', 'o', "out", "DIR", NULL, "dir",
	 "where the site goes (default: site/ in the repository)"},
	O_NOW("publish on"),
	{'d', 0, "dry-run", NULL, NULL, NULL,
	 "check and tell what would be published; write nothing"},
	O_JSON,
	O_END,
};
static const cli_option render_options[] = {
	{'f', 'f', "format", "FORMAT", "html fragment markdown json", NULL,
	 "html (a page), fragment (the policy's HTML alone), markdown or json (default: html)"},
	O_OUTPUT("the result"),
	O_TEMPLATE,
	O_REPO,
	O_END,
};
static const cli_option serve_options[] = {
	{'s', 0, "site", "DIR", NULL, "dir",
	 "the published site (default: site/ of the repository holding the working directory)"},
	{'l', 0, "listen", "ADDR", NULL, NULL,
	 "HOST:PORT, [IPv6]:PORT, :PORT or PORT; HOST may be a name such as localhost (default: "
	 "127.0.0.1:8080)"},
	{'t', 0, "threads", "N", NULL, NULL, "worker threads, 1 to 64 (default: one per CPU)"},
	{'m', 0, "max-connections", "N", NULL, NULL,
	 "connections at once, 1 to 100000 (default: 256)"},
	O_END,
};
static const cli_option show_options[] = {O_REPO, O_OUTPUT("the source"), O_END};

#define EXIT_STATUS "0 done; 2 bad usage, a bad input or a failure"
#define REF_FORMS "a published version: privacy/zh-CN@2.0, @latest or @YYYY-MM-DD"

static const cli_command commands[] = {
	{"archive", "build or verify the bundles of published versions", "build|verify [BUNDLE...]",
	 "action", archive_options,
	 "build writes the bundles of every published version; verify checks each BUNDLE (every "
	 "file against its SHA256SUMS, the sources against the manifest's chain of hashes, and "
	 "with --repo against the tags).",
	 "0 done, every bundle verified; 1 a bundle failed verification; 2 bad usage or a "
	 "failure",
	 "policyctl archive verify archive/privacy-zh-CN.tar.gz"},
	{"at", "the version in effect on a day", "DATE", NULL, at_options,
	 "For each policy and locale, the published version in effect on DATE (YYYY-MM-DD): the "
	 "latest effective date not after it.",
	 EXIT_STATUS, "policyctl at 2025-01-01 --policy privacy --locale zh-CN"},
	{"check", "lint policy sources", "[FILE|DIR...]", "file", check_options,
	 "Checks each FILE, and every .md under each DIR (default: policies/). In a repository it "
	 "also runs publish's checks: a published version's text changed without a new version, "
	 "version order, dates, the notice period, and section ids that differ between locales.",
	 "0 no error (warnings allowed); 1 an error was found; 2 bad usage or a failure",
	 "policyctl check policies/"},
	{"completion", "print a shell completion script", "bash|zsh|fish", "shell",
	 completion_options, "meson installs the three scripts; print one to install it by hand.",
	 EXIT_STATUS,
	 "policyctl completion bash > ~/.local/share/bash-completion/completions/policyctl"},
	{"diff", "compare two versions: level, findings and a redline", "OLD NEW", "file",
	 diff_options,
	 "OLD and NEW are files or published versions: privacy/zh-CN@2.0, @latest or "
	 "@YYYY-MM-DD.",
	 "0 done; 1 the change reached --fail-on's level; 2 bad usage, a bad input or a failure",
	 "policyctl diff privacy/zh-CN@latest policies/privacy/zh-CN.md --fail-on major"},
	{"facts", "the privacy facts a version states", "FILE|REF", "file", facts_options,
	 "Data items, purposes, recipients, rights, contacts, retention, transfers and the "
	 "controller, each with where it was read. REF is " REF_FORMS ".",
	 EXIT_STATUS, "policyctl facts policies/privacy/zh-CN.md --json"},
	{"import", "turn a policy's text, web page or Word file into a source", "FILE", "file",
	 import_options,
	 "Reads FILE (text, HTML, Markdown or .docx) and writes a source with front matter; the "
	 "report says what was found, guessed or missing, and where.",
	 EXIT_STATUS, "policyctl import policy.docx -o policies/privacy/zh-CN.md"},
	{"init", "start a policy repository", "[DIR]", "dir", init_options,
	 "Makes DIR (default: the working directory) a git repository with policyctl.yaml, "
	 "policies/ and templates/.",
	 EXIT_STATUS, "policyctl init mypolicies --base-url https://example.com/legal"},
	{"log", "the published versions", "", NULL, log_options,
	 "Oldest first: version, dates, level, categories and summary.", EXIT_STATUS,
	 "policyctl log --policy privacy --locale zh-CN"},
	{"new", "start a new version of a policy", "VERSION", NULL, new_options,
	 "Sets the version of every locale's source to VERSION, released to today (or --now) and "
	 "effective to the earliest date the notice period allows; the text stays.",
	 EXIT_STATUS, "policyctl new 2.1"},
	{"notice", "the notice due to a user who accepted a version", "", NULL, notice_options,
	 "none, prominent or consent, from the levels recorded when each version since was "
	 "published (the server's answer too); the findings say why.",
	 EXIT_STATUS, "policyctl notice --since 1.0 --policy privacy --locale zh-CN"},
	{"publish", "tag new versions and write the static site", "", NULL, publish_options,
	 "Checks every source of HEAD's commit, tags each one that changed, and writes the site "
	 "atomically.",
	 "0 done; 1 a check failed, nothing was published; 2 bad usage or a failure",
	 "policyctl publish --dry-run"},
	{"render", "render a policy as HTML, an HTML fragment, Markdown or JSON", "FILE|REF",
	 "file", render_options, "REF is " REF_FORMS ".", EXIT_STATUS,
	 "policyctl render policies/privacy/zh-CN.md -o privacy.html"},
	{"serve", "serve a published site to apps over HTTP", "", NULL, serve_options,
	 "Serves the site with the version in effect at request time, locale negotiation and "
	 "the notice answer (docs/app-integration.md) until SIGINT or SIGTERM.",
	 "0 stopped by a signal; 2 bad usage, no site, or the address cannot be listened on",
	 "policyctl serve --listen localhost:8080"},
	{"show", "the source of a published version", "REF", "ref", show_options,
	 "REF is " REF_FORMS ".", EXIT_STATUS, "policyctl show privacy/zh-CN@2.0 -o old.md"},
};

#define COMMAND_COUNT (sizeof(commands) / sizeof(commands[0]))

const cli_command *cli_command_find(const char *name)
{
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

const cli_command *cli_command_at(size_t i)
{
	return i < COMMAND_COUNT ? &commands[i] : NULL;
}

void cli_print_usage(FILE *out)
{
	fprintf(out, "usage: policyctl COMMAND [ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\n'policyctl COMMAND --help' tells more; see policyctl(1).\n");
}

/* "policyctl diff [OPTIONS] OLD NEW" */
static void usage_line(FILE *out, const cli_command *c)
{
	fprintf(out, "usage: policyctl %s%s%s%s\n", c->name, c->options[0].name ? " [OPTIONS]" : "",
		c->operands[0] ? " " : "", c->operands);
}

/* Print `text` wrapped at 78 columns, each line indented by `indent`,
 * the first line starting at column `at`. */
static void wrapped(FILE *out, const char *text, int indent, int at)
{
	int col = at;

	while (*text) {
		size_t word = strcspn(text, " ");

		if (col > indent && col + 1 + (int)word > 78) {
			fprintf(out, "\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', out);
			col++;
		} else if (col < indent) {
			fprintf(out, "%*s", indent - col, "");
			col = indent;
		}
		fwrite(text, 1, word, out);
		col += (int)word;
		text += word;
		text += strspn(text, " ");
	}
	fputc('\n', out);
}

/* "  -o, --output FILE       meaning" */
static void option_help(char short_name, const char *name, const char *arg, const char *help)
{
	char spec[64];
	int n = short_name ? snprintf(spec, sizeof(spec), "  -%c, --%s%s%s", short_name, name,
				      arg ? " " : "", arg ? arg : "")
			   : snprintf(spec, sizeof(spec), "      --%s%s%s", name, arg ? " " : "",
				      arg ? arg : "");

	fputs(spec, stdout);
	wrapped(stdout, help, 26, n);
}

int cli_help(const char *name)
{
	const cli_command *c = cli_command_find(name);

	if (c == NULL)
		return EXIT_USAGE;
	usage_line(stdout, c);
	printf("\n%c%s.\n\n", c->summary[0] - 'a' + 'A', c->summary + 1);
	wrapped(stdout, c->about, 0, 0);
	printf("\noptions:\n");
	for (const cli_option *o = c->options; o->name != NULL; o++)
		option_help(o->short_name, o->name, o->arg, o->help);
	option_help('h', "help", NULL, "this help");
	printf("\nexit status:\n");
	wrapped(stdout, c->exits, 2, 0);
	printf("\nexample:\n  %s\n", c->example);
	return EXIT_OK;
}

/* "policyctl COMMAND: message" on stderr. */
static void vmessage(const char *command, const char *fmt, va_list ap)
{
	fprintf(stderr, "policyctl %s: ", command);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
	const cli_command *c = cli_command_find(command);
	va_list ap;

	va_start(ap, fmt);
	vmessage(command, fmt, ap);
	va_end(ap);
	if (c != NULL) {
		usage_line(stderr, c);
		fprintf(stderr, "'policyctl %s --help' describes every option.\n", command);
	}
	return EXIT_USAGE;
}

int cli_error(const char *command, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(command, fmt, ap);
	va_end(ap);
	return EXIT_USAGE;
}

/* --- parsing ------------------------------------------------------------ */

int cli_getopt_start(cli_getopt *g, const char *command)
{
	size_t n = 0, s = 0;

	memset(g, 0, sizeof(*g));
	g->cmd = cli_command_find(command);
	if (g->cmd == NULL)
		return -1;
	g->shortopts[s++] = ':'; /* a missing argument is ':', not '?' */
	g->shortopts[s++] = 'h';
	for (const cli_option *o = g->cmd->options; o->name != NULL && n < CLI_OPTIONS_MAX; o++) {
		g->longopts[n++] = (struct option){
			o->name, o->arg ? required_argument : no_argument, NULL, o->id};
		if (o->short_name) {
			g->shortopts[s++] = o->short_name;
			if (o->arg)
				g->shortopts[s++] = ':';
		}
	}
	g->longopts[n++] = (struct option){"help", no_argument, NULL, 'h'};
	g->longopts[n] = (struct option){NULL, 0, NULL, 0};
	g->shortopts[s] = '\0';
	optind = 1;
	opterr = 0; /* one message, ours */
	return 0;
}

int cli_getopt_next(cli_getopt *g, int argc, char **argv)
{
	int c = getopt_long(argc, argv, g->shortopts, g->longopts, NULL);
	const char *what = optind > 0 && optind <= argc ? argv[optind - 1] : "?";

	if (c == '?') {
		if (optopt != 0 && strncmp(what, "--", 2) != 0)
			cli_usage_error(g->cmd->name, "unknown option -%c", optopt);
		else
			cli_usage_error(g->cmd->name, "unknown option %s", what);
		return CLI_BAD;
	}
	if (c == ':') {
		cli_usage_error(g->cmd->name, "%s needs a value", what);
		return CLI_BAD;
	}
	return c;
}

int cli_getopt_refuse(const cli_getopt *g, int c)
{
	if (c == CLI_BAD)
		return EXIT_USAGE; /* reported */
	for (const cli_option *o = g->cmd->options; o->name != NULL; o++)
		if (o->id == c)
			return cli_usage_error(g->cmd->name, "--%s does not apply here", o->name);
	return cli_usage_error(g->cmd->name, "unknown option");
}

int cli_parse_count(const char *command, const char *option, const char *text, unsigned min,
		    unsigned max, unsigned *out)
{
	unsigned long n = 0;
	size_t i;

	for (i = 0; text[i] >= '0' && text[i] <= '9' && i < 10; i++)
		n = n * 10 + (unsigned long)(text[i] - '0');
	if (i == 0 || text[i] != '\0' || n < min || n > max)
		return cli_usage_error(command,
				       "--%s takes a whole number from %u to %u, not \"%s\"",
				       option, min, max, text);
	*out = (unsigned)n;
	return EXIT_OK;
}

/* --- the man page's synopsis -------------------------------------------- */

/* Print `s` for roff: '-' as "\-". */
static void roff(FILE *out, const char *s)
{
	for (; *s; s++)
		fputs(*s == '-' ? "\\-" : (char[2]){*s, 0}, out);
}

void cli_print_synopsis(FILE *out)
{
	for (size_t i = 0; i < COMMAND_COUNT; i++) {
		const cli_command *c = &commands[i];

		fprintf(out, ".B policyctl %s\n", c->name);
		if (c->operands[0]) {
			fprintf(out, ".I \"");
			roff(out, c->operands);
			fprintf(out, "\"\n");
		}
		for (const cli_option *o = c->options; o->name != NULL; o++) {
			fprintf(out, ".RB [ \\-\\-");
			roff(out, o->name);
			if (o->arg) {
				fprintf(out, "\n.IR ");
				roff(out, o->arg);
				fprintf(out, " ]\n");
			} else {
				fprintf(out, " ]\n");
			}
		}
		fprintf(out, ".br\n");
	}
	fprintf(out, ".B policyctl\n.BR \\-\\-help \" | \" \\-\\-version\n");
}
