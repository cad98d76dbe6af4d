/*
 * policyctl at: the version of each policy and locale in effect on a day
 * (the latest effective date not after it), from the published versions,
 * as the library's timeline decides for every caller.
 */
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "policyctl.h"

int cmd_at(int argc, char **argv)
{
	const policy_published *list;
	policy_repo *repo = NULL;
	policy_date day;
	cli_scope o;
	json_t *a = NULL;
	size_t count;
	int rc;

	if ((rc = cli_parse_scope(&o, argc, argv, "at")) != EXIT_OK || o.help)
		return rc;
	if (argc - optind != 1)
		return cli_usage_error("at", "give one DATE (YYYY-MM-DD)");
	if (policy_date_parse(&day, argv[optind]) < 0)
		return cli_usage_error("at", "%s", policy_error_last()->message);
	if ((rc = cli_open_repo(&repo, o.repo, "at")) != EXIT_OK)
		return rc;
	if (policy_repo_published(&list, &count, repo, o.policy, o.locale) < 0) {
		rc = cli_library_error("at");
		goto done;
	}
	if (o.json && (a = json_array()) == NULL) {
		rc = cli_error("at", "out of memory");
		goto done;
	}
	/* The list is ordered by policy and locale: one answer per run. */
	for (size_t i = 0; i < count && rc == EXIT_OK;) {
		policy_timeline_entry *t;
		const policy_published *in_effect = NULL;
		size_t n = 1;
		long at;

		while (i + n < count && strcmp(list[i + n].policy, list[i].policy) == 0 &&
		       strcmp(list[i + n].locale, list[i].locale) == 0)
			n++;
		if ((t = cli_timeline(&list[i], n)) == NULL) {
			rc = cli_error("at", "out of memory");
			break;
		}
		if ((at = policy_timeline_on(t, n, &day).current) >= 0)
			in_effect = &list[i + (size_t)at];
		free(t);
		if (o.json)
			json_array_append_new(a, in_effect ? cli_published_json(in_effect)
							   : json_pack("{s:s, s:s, s:n}", "policy",
								       list[i].policy, "locale",
								       list[i].locale, "version"));
		else if (in_effect)
			cli_print_published(in_effect);
		else
			printf("%s/%s: no version in effect on %s (the first takes effect later)\n",
			       list[i].policy, list[i].locale, argv[optind]);
		i += n;
	}
	if (rc != EXIT_OK)
		goto done;
	if (o.json) {
		rc = cli_print_json(a);
		a = NULL;
	} else if (count == 0) {
		fprintf(stderr, "policyctl at: no published version%s\n",
			o.policy ? " of that policy" : " yet");
	}
done:
	json_decref(a);
	policy_repo_free(repo);
	return rc;
}
