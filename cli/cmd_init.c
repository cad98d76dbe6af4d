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
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *dir = ".";
	char today[11], starter[sizeof(starter_body) + 160], sub[PATH_MAX];
	policy_date now = policy_date_today();
	policy_repo *repo = NULL;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h')
			return cli_help("init");
		return cli_usage_error("init", "unknown option");
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
	if ((rc = write_new(dir, "policyctl.yaml", config_text)) == EXIT_OK &&
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
