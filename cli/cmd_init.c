/*
 * policyctl init: a new policy repository, committed, with policyctl.yaml,
 * a starter privacy policy in the layout, and a .gitignore for the site
 * that publish writes beside the sources.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "policyctl.h"

static const char config_text[] =
	"# Settings of this policy repository (see policyctl(1) and docs/config.md).\n"
	"title: Privacy policies\n"
	"default_locale: en\n"
	"# Days between the release and the effect of a major change.\n"
	"notice_days: 30\n";

/* Is `url` one base_url takes: http(s)://, no space, quote or control
 * character (as policyctl.yaml's reader checks)? */
static int good_base_url(const char *url)
{
	if (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)
		return 0;
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '\'' || *p == '\\' || *p == 0x7f)
			return 0;
	return strlen(url) < 200;
}

/* The site's base URL, asked on a terminal: "" for none. */
static void ask_base_url(char *out, size_t size)
{
	out[0] = '\0';
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return;
	for (int tries = 0; tries < 3; tries++) {
		printf("Where will the site be served (e.g. https://example.com/legal)? It makes "
		       "the "
		       "feed's ids unique. Empty for none: ");
		fflush(stdout);
		if (fgets(out, (int)size, stdin) == NULL) {
			out[0] = '\0';
			return;
		}
		out[strcspn(out, "\r\n")] = '\0';
		if (out[0] == '\0' || good_base_url(out))
			return;
		printf("That is not an http:// or https:// URL.\n");
	}
	out[0] = '\0';
}

static const char ignore_text[] = "/site/\n/.site.*\n";

/* After the front matter, which names today's date. */
static const char starter_body[] =
	"# Privacy Policy\n"
	"\n"
	"This policy explains what personal information we collect, why, who we share it with,\n"
	"and the rights you have.\n"
	"\n"
	"## 1. Who we are {#controller .controller}\n"
	"\n"
	"Example Ltd. is responsible for your personal information.\n"
	"\n"
	"## 2. What we collect and why {#purposes .purposes}\n"
	"\n"
	"- Account details, to let you sign in.\n"
	"\n"
	"## 3. Who we share it with {#sharing .recipients}\n"
	"\n"
	"We share nothing with third parties.\n"
	"\n"
	"## 4. How long we keep it {#retention .retention}\n"
	"\n"
	"We keep your account details while your account exists.\n"
	"\n"
	"## 5. Your rights {#rights .rights}\n"
	"\n"
	"You may access, correct and delete your personal information.\n"
	"\n"
	"## 6. Contact us {#contact .contact}\n"
	"\n"
	"Write to privacy@example.org.\n";

static int write_new(const char *top, const char *rel, const char *text)
{
	char path[PATH_MAX];
	policy_buf buf = POLICY_BUF_INIT;
	int rc;

	snprintf(path, sizeof(path), "%s/%s", top, rel);
	if (access(path, F_OK) == 0) {
		fprintf(stderr, "policyctl init: %s exists already; nothing changed\n", path);
		return EXIT_USAGE;
	}
	rc = policy_buf_append(&buf, text, strlen(text)) < 0 ? cli_library_error("init")
							     : cli_write_output(path, &buf);
	policy_buf_dispose(&buf);
	return rc;
}

int cmd_init(int argc, char **argv)
{
	cli_getopt g;
	const char *dir = ".";
	char today[11], starter[sizeof(starter_body) + 160], sub[PATH_MAX], base_url[256];
	char config[sizeof(config_text) + 300];
	int have_url = 0;
	policy_date now = policy_date_today();
	policy_repo *repo = NULL;
	int c, rc;

	cli_getopt_start(&g, "init");
	while ((c = cli_getopt_next(&g, argc, argv)) != -1) {
		switch (c) {
		case 'b':
			if (!good_base_url(optarg))
				return cli_usage_error("init",
						       "--base-url: \"%s\" is not an http:// or "
						       "https:// URL",
						       optarg);
			snprintf(base_url, sizeof(base_url), "%s", optarg);
			have_url = 1;
			break;
		case 'h':
			return cli_help("init");
		default:
			return cli_getopt_refuse(&g, c);
		}
	}
	if (argc - optind > 1)
		return cli_usage_error("init", "give at most one DIR");
	if (argc - optind == 1)
		dir = argv[optind];
	snprintf(sub, sizeof(sub), "%s/policyctl.yaml", dir);
	if (access(sub, F_OK) == 0) {
		fprintf(stderr, "policyctl init: %s is a policy repository already\n", dir);
		return EXIT_USAGE;
	}
	snprintf(sub, sizeof(sub), "%s/policies/privacy/en.md", dir);
	if (access(sub, F_OK) == 0) {
		fprintf(stderr, "policyctl init: %s exists already; nothing changed\n", sub);
		return EXIT_USAGE;
	}
	if (!have_url)
		ask_base_url(base_url, sizeof(base_url));
	snprintf(config, sizeof(config), "%s%s%s%s", config_text,
		 base_url[0] ? "# Where the site is served: the feed's ids and links.\nbase_url: "
			     : "",
		 base_url, base_url[0] ? "\n" : "");
	if (policy_repo_init(&repo, dir) < 0)
		return cli_library_error("init");
	snprintf(sub, sizeof(sub), "%s/policies", dir);
	mkdir(sub, 0755);
	snprintf(sub, sizeof(sub), "%s/policies/privacy", dir);
	if (mkdir(sub, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "policyctl init: cannot create %s: %s\n", sub, strerror(errno));
		policy_repo_free(repo);
		return EXIT_USAGE;
	}
	policy_date_format(today, &now);
	snprintf(starter, sizeof(starter),
		 "---\ntitle: Privacy Policy\nversion: \"0.1\"\nreleased: %s\neffective: %s\n"
		 "summary: First draft.\n---\n%s",
		 today, today, starter_body);
	if ((rc = write_new(dir, "policyctl.yaml", config)) == EXIT_OK &&
	    (rc = write_new(dir, "policies/privacy/en.md", starter)) == EXIT_OK &&
	    (rc = write_new(dir, ".gitignore", ignore_text)) == EXIT_OK) {
		if (policy_repo_commit_all(repo, "Start a policy repository") < 0)
			rc = cli_library_error("init");
		else
			printf("policy repository in %s: edit policies/privacy/en.md, commit, then "
			       "'policyctl publish'\n",
			       dir);
	}
	policy_repo_free(repo);
	return rc;
}
