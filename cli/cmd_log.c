/*
 * policyctl log: the published versions, read from the repository's tags,
 * oldest first: version, dates, level and categories, summary.
 */
#include <getopt.h>
#include <string.h>

#include "policyctl.h"

json_t *cli_published_json(const policy_published *v)
{
	char released[11], effective[11];

	policy_date_format(released, &v->released);
	policy_date_format(effective, &v->effective);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s}", "policy",
			 v->policy, "locale", v->locale, "version", v->version_text, "title", v->title,
			 "released", released, "effective", effective, "level", v->level, "categories",
			 cli_categories_json(v->categories), "summary", v->summary, "sha256", v->sha256,
			 "commit", v->commit);
}

void cli_print_published(const policy_published *v)
{
	char released[11], effective[11];

	policy_date_format(released, &v->released);
	policy_date_format(effective, &v->effective);
	printf("%s/%s %s  released %s  effective %s  %s", v->policy, v->locale, v->version_text,
	       released, effective, v->level);
	if (v->categories) {
		printf(" (");
		cli_print_categories(stdout, v->categories);
		printf(")");
	}
	if (v->summary[0])
		printf("  %s", v->summary);
	printf("\n");
}

int cmd_log(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"repo", required_argument, NULL, 'r'},
		{"policy", required_argument, NULL, 'p'},
		{"locale", required_argument, NULL, 'l'},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *dir = NULL, *policy = NULL, *locale = NULL;
	const policy_published *list;
	policy_repo *repo = NULL;
	size_t count;
	int c, rc, json = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r':
			dir = optarg;
			break;
		case 'p':
			policy = optarg;
			break;
		case 'l':
			locale = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'h':
			return cli_help("log");
		default:
			return cli_usage_error("log", "unknown option");
		}
	}
	if (optind != argc)
		return cli_usage_error("log", "takes no arguments");
	if (locale != NULL && policy == NULL)
		return cli_usage_error("log", "--locale needs --policy");
	if ((rc = cli_open_repo(&repo, dir, "log")) != EXIT_OK)
		return rc;
	if (policy_repo_published(repo, policy, locale, &list, &count) < 0) {
		rc = cli_library_error("log");
	} else if (json) {
		json_t *a = json_array();

		for (size_t i = 0; a != NULL && i < count; i++)
			json_array_append_new(a, cli_published_json(&list[i]));
		rc = cli_print_json(a);
	} else {
		for (size_t i = 0; i < count; i++)
			cli_print_published(&list[i]);
		if (count == 0)
			fprintf(stderr, "policyctl log: no published version%s\n",
				policy ? " of that policy" : " yet");
	}
	policy_repo_free(repo);
	return rc;
}
