/*
 * policyctl log: the published versions, read from the repository's tags,
 * oldest first: version, dates, level and categories, summary.
 */
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "policyctl.h"

json_t *cli_published_json(const policy_published *v)
{
	char released[11], effective[11];

	policy_date_format(released, &v->released);
	policy_date_format(effective, &v->effective);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s}", "policy",
			 v->policy, "locale", v->locale, "version", v->version_text, "title",
			 v->title, "released", released, "effective", effective, "level",
			 policy_level_name(v->level), "categories",
			 cli_categories_json(v->categories), "summary", v->summary, "sha256",
			 v->sha256, "commit", v->commit);
}

void cli_print_published(const policy_published *v)
{
	char released[11], effective[11];

	policy_date_format(released, &v->released);
	policy_date_format(effective, &v->effective);
	printf("%s/%s %s  released %s  effective %s  %s", v->policy, v->locale, v->version_text,
	       released, effective, policy_level_name(v->level));
	if (v->categories) {
		printf(" (");
		cli_print_categories(stdout, v->categories);
		printf(")");
	}
	if (v->summary[0]) {
		printf("  ");
		cli_put_text(stdout, v->summary);
	}
	printf("\n");
}

policy_timeline_entry *cli_timeline(const policy_published *list, size_t count)
{
	policy_timeline_entry *t = malloc((count ? count : 1) * sizeof(*t));

	if (t != NULL)
		policy_repo_timeline(t, list, count);
	return t;
}

int cmd_log(int argc, char **argv)
{
	const policy_published *list;
	policy_repo *repo = NULL;
	cli_scope o;
	size_t count;
	int rc;

	if ((rc = cli_parse_scope(&o, argc, argv, "log")) != EXIT_OK || o.help)
		return rc;
	if (optind != argc)
		return cli_usage_error("log", "takes no arguments");
	if ((rc = cli_open_repo(&repo, o.repo, "log")) != EXIT_OK)
		return rc;
	if (policy_repo_published(&list, &count, repo, o.policy, o.locale) < 0) {
		rc = cli_library_error("log");
	} else if (o.json) {
		json_t *a = json_array();

		for (size_t i = 0; a != NULL && i < count; i++)
			json_array_append_new(a, cli_published_json(&list[i]));
		rc = cli_print_json(a);
	} else {
		for (size_t i = 0; i < count; i++)
			cli_print_published(&list[i]);
		if (count == 0)
			fprintf(stderr, "policyctl log: no published version%s\n",
				o.policy ? " of that policy" : " yet");
	}
	policy_repo_free(repo);
	return rc;
}
