/*
 * published [REPO] [DAY]: the versions a policy repository has published
 * (one line each: policy, locale, version, dates, level), and for each
 * policy and locale the version in effect on DAY (YYYY-MM-DD, default
 * today).
 *
 * Built against the installed library:
 *   cc published.c $(pkg-config --cflags --libs libpolicy) -o published
 */
#include <policy.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	policy_repo *repo = NULL;
	const policy_published *list, *in_effect;
	policy_date day = policy_date_today();
	char released[11], effective[11], ref[200], when[11];
	size_t count;
	int rc = 2;

	if (argc > 2 && policy_date_parse(&day, argv[2]) < 0) {
		fprintf(stderr, "published: %s\n", policy_error_last()->message);
		return 2;
	}
	if (policy_repo_open(&repo, argc > 1 ? argv[1] : NULL) < 0 ||
	    policy_repo_published(&list, &count, repo, NULL, NULL) < 0) {
		fprintf(stderr, "published: %s\n", policy_error_last()->message);
		goto done;
	}
	policy_date_format(when, &day);
	for (size_t i = 0; i < count; i++) {
		const policy_published *v = &list[i];

		policy_date_format(released, &v->released);
		policy_date_format(effective, &v->effective);
		printf("%s/%s %s released %s effective %s level %s\n", v->policy, v->locale,
		       v->version_text, released, effective, policy_level_name(v->level));
		/* after the last version of each policy and locale */
		if (i + 1 == count || strcmp(list[i + 1].policy, v->policy) != 0 ||
		    strcmp(list[i + 1].locale, v->locale) != 0) {
			snprintf(ref, sizeof(ref), "%s/%s@%s", v->policy, v->locale, when);
			if (policy_repo_resolve(&in_effect, repo, ref) == 0)
				printf("  in effect on %s: %s\n", when, in_effect->version_text);
			else
				printf("  in effect on %s: none (%s)\n", when,
				       policy_error_last()->message);
		}
	}
	rc = 0;
done:
	policy_repo_free(repo);
	return rc;
}
