/*
 * policyctl notice: what an app must show a user who accepted VERSION,
 * now: nothing, a prominent notice, or a request for consent again. Each
 * version since is compared with the one before it (read from its tag),
 * the library's decision function gives the answer, and the findings at
 * major or above say why.
 */
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "policyctl.h"

/* The one policy/locale of the repository when neither was named. */
static int pick_stream(policy_repo *repo, const char **policy, const char **locale)
{
	const policy_published *all;
	size_t count;

	if (policy_repo_published(&all, &count, repo, NULL, NULL) < 0)
		return cli_library_error("notice");
	for (size_t i = 1; i < count; i++)
		if (strcmp(all[i].policy, all[0].policy) != 0 ||
		    strcmp(all[i].locale, all[0].locale) != 0)
			return cli_usage_error("notice",
					       "the repository publishes more than one policy or "
					       "locale; give --policy and --locale");
	if (count == 0) {
		fprintf(stderr, "policyctl notice: nothing is published yet\n");
		return EXIT_USAGE;
	}
	*policy = all[0].policy;
	*locale = all[0].locale;
	return EXIT_OK;
}

static json_t *finding_json(const policy_finding *f)
{
	return json_pack("{s:s, s:s?, s:s, s:s?, s:s?, s:s}", "level", policy_level_name(f->level),
			 "category", f->category ? policy_category_name(f->category) : NULL,
			 "change", f->change, "section", f->section, "title", f->title, "rule",
			 f->rule);
}

static void print_finding(const policy_finding *f)
{
	printf("    %s", policy_level_name(f->level));
	if (f->category)
		printf(" %s", policy_category_name(f->category));
	printf(" %s", f->change);
	if (f->section)
		printf(" [%s] %s", f->section, f->title ? f->title : "");
	printf(" (%s)\n", f->rule);
}

typedef struct {
	const policy_published *list; /* the stream's versions */
	size_t since, current;        /* indexes */
	policy_doc **docs;            /* since..current */
	policy_diff **diffs;          /* one per version after since */
} chain;

static int build_chain(chain *c, policy_repo *repo)
{
	policy_doc_options opts = POLICY_DOC_OPTIONS_INIT;
	policy_config *config = NULL;
	size_t n = c->current - c->since + 1;
	const char *top = policy_repo_workdir(repo);

	if (top != NULL && cli_load_config_at(&config, top) != EXIT_OK)
		return cli_library_error("notice");
	opts.rules = config ? policy_config_rules(config) : NULL;
	c->docs = calloc(n, sizeof(*c->docs));
	c->diffs = calloc(n, sizeof(*c->diffs));
	if (c->docs == NULL || c->diffs == NULL) {
		policy_config_free(config);
		return cli_usage_error("notice", "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		if (policy_repo_load_version(&c->docs[i], NULL, repo, &c->list[c->since + i],
					     &opts) < 0 ||
		    (i > 0 && policy_diff_new(&c->diffs[i - 1], c->docs[i - 1], c->docs[i]) < 0)) {
			policy_config_free(config);
			return cli_library_error("notice");
		}
	}
	policy_config_free(config);
	return EXIT_OK;
}

static void chain_free(chain *c, size_t n)
{
	for (size_t i = 0; c->diffs && i < n; i++)
		policy_diff_free(c->diffs[i]);
	for (size_t i = 0; c->docs && i < n; i++)
		policy_doc_free(c->docs[i]);
	free(c->diffs);
	free(c->docs);
}

static int report(const chain *c, policy_notice notice, int json)
{
	size_t n = c->diffs ? c->current - c->since : 0;
	const char *current = c->list[c->current].version_text;

	if (json) {
		json_t *o = json_pack("{s:s, s:s, s:s, s:[]}", "notice", policy_notice_name(notice),
				      "since", c->list[c->since].version_text, "current", current,
				      "changes");
		json_t *changes = o ? json_object_get(o, "changes") : NULL;

		for (size_t i = 0; changes && i < n; i++) {
			const policy_published *v = &c->list[c->since + 1 + i];
			json_t *findings = json_array();

			for (size_t k = 0; findings && k < policy_diff_finding_count(c->diffs[i]);
			     k++)
				if (policy_diff_finding_at(c->diffs[i], k)->level >=
				    POLICY_LEVEL_MAJOR)
					json_array_append_new(findings,
							      finding_json(policy_diff_finding_at(
								      c->diffs[i], k)));
			json_array_append_new(
				changes,
				json_pack(
					"{s:s, s:s, s:s, s:o, s:o}", "version", v->version_text,
					"level", policy_level_name(policy_diff_level(c->diffs[i])),
					"summary", v->summary, "categories",
					cli_categories_json(v->categories), "findings", findings));
		}
		return cli_print_json(o);
	}
	printf("notice: %s (accepted %s, current %s)\n", policy_notice_name(notice),
	       c->list[c->since].version_text, current);
	for (size_t i = 0; i < n; i++) {
		const policy_published *v = &c->list[c->since + 1 + i];

		printf("  %s %s%s%s\n", v->version_text,
		       policy_level_name(policy_diff_level(c->diffs[i])), v->summary[0] ? "  " : "",
		       v->summary);
		for (size_t k = 0; k < policy_diff_finding_count(c->diffs[i]); k++)
			if (policy_diff_finding_at(c->diffs[i], k)->level >= POLICY_LEVEL_MAJOR)
				print_finding(policy_diff_finding_at(c->diffs[i], k));
	}
	return EXIT_OK;
}

int cmd_notice(int argc, char **argv)
{
	const char *policy, *locale;
	policy_repo *repo = NULL;
	policy_version accepted;
	chain c = {NULL, 0, 0, NULL, NULL};
	cli_scope o;
	size_t count, found;
	int rc, have_current = 0;

	if ((rc = cli_parse_scope(&o, argc, argv, "notice", 1, 1)) != EXIT_OK || o.help)
		return rc;
	policy = o.policy;
	locale = o.locale;
	if (optind != argc || o.since == NULL)
		return cli_usage_error("notice",
				       "give --since VERSION, the version the user accepted");
	if (policy_version_parse(&accepted, o.since) < 0)
		return cli_usage_error("notice", "--since: %s", policy_error_last()->message);
	if (policy != NULL && locale == NULL)
		return cli_usage_error("notice", "give both --policy and --locale, or neither");
	if ((rc = cli_open_repo(&repo, o.repo, "notice")) != EXIT_OK)
		return rc;
	if (policy == NULL && (rc = pick_stream(repo, &policy, &locale)) != EXIT_OK)
		goto done;
	if (policy_repo_published(&c.list, &count, repo, policy, locale) < 0) {
		rc = cli_library_error("notice");
		goto done;
	}
	for (found = 0; found < count && policy_version_cmp(&c.list[found].version, &accepted) != 0;
	     found++)
		;
	if (found == count) {
		fprintf(stderr, "policyctl notice: %s is not a published version of %s/%s\n",
			o.since, policy, locale);
		rc = EXIT_USAGE;
		goto done;
	}
	c.since = c.current = found;
	for (size_t i = 0; i < count; i++)
		if (policy_date_cmp(&c.list[i].effective, &o.now) <= 0 &&
		    (!have_current ||
		     policy_date_cmp(&c.list[i].effective, &c.list[c.current].effective) >= 0)) {
			c.current = i;
			have_current = 1;
		}
	if (c.current < c.since)
		c.current = c.since; /* the user accepted a version newer than the one in effect */
	if ((rc = build_chain(&c, repo)) == EXIT_OK)
		rc = report(&c,
			    policy_notice_decide((const policy_diff *const *)c.diffs,
						 c.current - c.since),
			    o.json);
	chain_free(&c, c.current - c.since + 1);
done:
	policy_repo_free(repo);
	return rc;
}
