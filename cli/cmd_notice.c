/*
 * policyctl notice: what an app must show a user who accepted VERSION,
 * now: nothing, a prominent notice, or a request for consent again. The
 * answer is the library's (policy_notice_since), from the levels the tags
 * record, as the server gives it: the published record is what users were
 * shown. Each version since is then compared again with the one before
 * it, only to explain: the findings at major or above say why, and a
 * version today's rules would classify differently says so.
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
	size_t since, current;        /* indexes: accepted, last change counted */
	long in_effect;               /* index of the version in effect, -1 for none */
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
		return cli_error("notice", "out of memory");
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

/* The level today's rules give version i of the chain (after `since`),
 * or -1 when it could not be compared again. */
static int level_now(const chain *c, size_t i)
{
	return c->diffs && c->diffs[i] ? (int)policy_diff_level(c->diffs[i]) : -1;
}

static json_t *findings_json(const chain *c, size_t i)
{
	json_t *findings = json_array();

	for (size_t k = 0;
	     findings && c->diffs && c->diffs[i] && k < policy_diff_finding_count(c->diffs[i]); k++)
		if (policy_diff_finding_at(c->diffs[i], k)->level >= POLICY_LEVEL_MAJOR)
			json_array_append_new(findings,
					      finding_json(policy_diff_finding_at(c->diffs[i], k)));
	return findings;
}

static int report(const chain *c, policy_notice notice, int json)
{
	size_t n = c->current - c->since;
	const char *current = c->in_effect >= 0 ? c->list[c->in_effect].version_text : NULL;

	if (json) {
		json_t *o = json_pack(
			"{s:s, s:s, s:s?, s:[]}", "notice", policy_notice_name(notice), "since",
			c->list[c->since].version_text, "current", current, "changes");
		json_t *changes = o ? json_object_get(o, "changes") : NULL;

		for (size_t i = 0; changes && i < n; i++) {
			const policy_published *v = &c->list[c->since + 1 + i];
			int now = level_now(c, i);
			json_t *change = json_pack(
				"{s:s, s:s, s:s, s:o, s:o}", "version", v->version_text, "level",
				policy_level_name(v->level), "summary", v->summary, "categories",
				cli_categories_json(v->categories), "findings",
				findings_json(c, i));

			/* today's rules, when they read the change differently */
			if (change != NULL && now >= 0 && now != (int)v->level)
				json_object_set_new(
					change, "level_now",
					json_string(policy_level_name((policy_level)now)));
			json_array_append_new(changes, change);
		}
		return cli_print_json(o);
	}
	printf("notice: %s (accepted %s, current %s)\n", policy_notice_name(notice),
	       c->list[c->since].version_text, current ? current : "none in effect yet");
	for (size_t i = 0; i < n; i++) {
		const policy_published *v = &c->list[c->since + 1 + i];
		int now = level_now(c, i);

		printf("  %s %s", v->version_text, policy_level_name(v->level));
		if (now >= 0 && now != (int)v->level)
			printf(" (published as %s; today's rules: %s)", policy_level_name(v->level),
			       policy_level_name((policy_level)now));
		if (v->summary[0]) {
			printf("  ");
			cli_put_text(stdout, v->summary);
		}
		printf("\n");
		for (size_t k = 0;
		     c->diffs && c->diffs[i] && k < policy_diff_finding_count(c->diffs[i]); k++)
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
	policy_timeline_entry *timeline = NULL;
	policy_notice_answer answer;
	chain c = {NULL, 0, 0, -1, NULL, NULL};
	cli_scope o;
	size_t count;
	int rc;

	if ((rc = cli_parse_scope(&o, argc, argv, "notice")) != EXIT_OK || o.help)
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
	if ((timeline = cli_timeline(c.list, count)) == NULL) {
		rc = cli_error("notice", "out of memory");
		goto done;
	}
	/* The answer, from the published record. */
	if (policy_notice_since(&answer, timeline, count, &accepted, &o.now) < 0) {
		fprintf(stderr, "policyctl notice: %s is not a published version of %s/%s\n",
			o.since, policy, locale);
		rc = EXIT_USAGE;
		goto done;
	}
	c.since = (size_t)answer.accepted;
	/* the changes since, up to the version in effect (none when the user
	 * accepted that one, or a newer one) */
	c.current = answer.day.current > answer.accepted ? (size_t)answer.day.current : c.since;
	c.in_effect = answer.day.current;
	/* The explanations, from comparing the versions again. */
	if (build_chain(&c, repo) != EXIT_OK)
		fprintf(stderr, "policyctl notice: the answer stands on the published levels, "
				"without findings\n");
	rc = report(&c, answer.notice, o.json);
	chain_free(&c, c.current - c.since + 1);
done:
	free(timeline);
	policy_repo_free(repo);
	return rc;
}
