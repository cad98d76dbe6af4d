/*
 * policy_publish(): from HEAD's committed sources to tags and a site.
 *
 * Everything is checked before anything is done. The working tree must
 * match HEAD for every file publishing reads; every source must pass the
 * same checks as `policyctl check` (warnings allowed); and each source
 * that differs from its last published version must carry a strictly
 * higher version, a release date not before the last one, and, when its
 * change is major or above, an effective date at least notice_days after
 * its release. Every problem found is reported with its file and line,
 * and then nothing is tagged or written. Only then are the new versions
 * tagged (classified against the version before) and the site written
 * from the tags (site.c).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "array.h"
#include "buf.h"
#include "error.h"
#include "internal.h"
#include "policy/archive.h"
#include "policy/config.h"
#include "policy/diff.h"
#include "policy/publish.h"
#include "policy/timeline.h"
#include "site.h"

struct policy_publish_result {
	arena mem;
	policy_diags *problems;
	policy_publish_item *items;
	size_t count;
	size_t cap;
	size_t written;
	size_t kept;
};

/* A source that differs from its last published version. */
typedef struct {
	policy_published pub;
	char sha256[DIGEST_HEX_SIZE];
} planned;

typedef struct {
	policy_repo *repo;
	policy_publish_result *result;
	policy_config *config;
	const policy_rules *rules;
	policy_date now;
	planned *plan;
	size_t plan_count;
	size_t plan_cap;
} publisher;

#define PROBLEM(p, code, file, line, ...)                                                          \
	policy__diag_addf((p)->result->problems, POLICY_SEVERITY_ERROR, (code), (file), (line),    \
			  __VA_ARGS__)

/* The line of front matter key `key` in `source`, or 1. */
static unsigned key_line(const char *source, size_t len, const char *key)
{
	size_t n = strlen(key);
	unsigned line = 1;

	for (size_t i = 0; i < len; i++) {
		if ((i == 0 || source[i - 1] == '\n') && i + n < len &&
		    memcmp(source + i, key, n) == 0 && source[i + n] == ':')
			return line;
		if (source[i] == '\n')
			line++;
	}
	return 1;
}

/* policyctl.yaml as committed in HEAD. */
static int read_config(publisher *p)
{
	policy_buf text = POLICY_BUF_INIT;
	int rc = policy_repo_read_head(&text, p->repo, "policyctl.yaml");

	if (rc == POLICY_ENOTFOUND) {
		policy_error_clear();
		rc = 0;
	} else if (rc == 0) {
		rc = policy_config_parse(&p->config, "policyctl.yaml", text.ptr ? text.ptr : "",
					 text.size);
		if (rc == POLICY_EPARSE) {
			const policy_error *e = policy_error_last();

			rc = policy__diag_addf(p->result->problems, POLICY_SEVERITY_ERROR, "config",
					       "policyctl.yaml", e->line ? e->line : 1, "%s",
					       e->message);
		}
	}
	policy_buf_dispose(&text);
	if (p->config)
		p->rules = policy_config_rules(p->config);
	return rc;
}

static int check_uncommitted(publisher *p)
{
	policy_buf list = POLICY_BUF_INIT;
	int rc = policy_repo_uncommitted(&list, p->repo);

	for (char *line = list.ptr, *nl; rc == 0 && line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		*nl = '\0';
		rc = PROBLEM(p, "uncommitted", line, 1,
			     "differs from HEAD's commit; commit it before publishing");
	}
	policy_buf_dispose(&list);
	return rc;
}

/* The diff of the last published version against `doc`. */
static int classify(policy_repo *repo, const policy_rules *rules, const policy_published *last,
		    const policy_doc *doc, policy_level *level, unsigned *categories)
{
	policy_doc_options opts = POLICY_DOC_OPTIONS_INIT;
	policy_doc *old = NULL;
	policy_diff *diff = NULL;
	int rc;

	opts.rules = rules;
	opts.now = last->released;
	if ((rc = policy_repo_load_version(&old, NULL, repo, last, &opts)) < 0)
		goto done;
	if ((rc = policy_diff_new(&diff, old, doc)) < 0)
		goto done;
	*level = policy_diff_level(diff);
	*categories = 0;
	for (size_t i = 0; i < policy_diff_finding_count(diff); i++) {
		const policy_finding *f = policy_diff_finding_at(diff, i);

		if (f->level >= POLICY_LEVEL_MAJOR)
			*categories |= f->category;
	}
done:
	policy_diff_free(diff);
	policy_doc_free(old);
	return rc;
}

/* A source to check against its published versions. */
typedef struct {
	const char *policy, *locale, *path;
	const policy_doc *doc;
	const char *data; /* its bytes */
	size_t len;
	char sha256[DIGEST_HEX_SIZE];
} candidate;

#define CHECK_PROBLEM(out, code, c, key, ...)                                                      \
	policy__diag_addf((out), POLICY_SEVERITY_ERROR, (code), (c)->path,                         \
			  key_line((c)->data, (c)->len, (key)), __VA_ARGS__)

/* Publish's checks of a source against its published versions: its
 * version is not published with other content, not below the last one,
 * released not before it, and a major change takes effect after the
 * notice period. Problems go to `out`. Returns 1 when the source is
 * published as it is, 0 when it would be a new version (its level and
 * categories set), <0 for an error. */
static int check_against(policy_diags *out, policy_repo *repo, const policy_config *config,
			 const candidate *c, policy_level *level, unsigned *categories)
{
	const policy_meta *m = policy_doc_meta(c->doc);
	const policy_published *list, *last;
	const policy_rules *rules = config ? policy_config_rules(config) : NULL;
	unsigned days = config ? policy_config_notice_days(config) : 0;
	size_t count;
	char day[11];
	int rc;

	*level = POLICY_LEVEL_NONE;
	*categories = 0;
	if ((rc = policy_repo_published(&list, &count, repo, c->policy, c->locale)) < 0)
		return rc;
	for (size_t i = 0; i < count; i++) {
		if (policy_version_cmp(&list[i].version, &m->version) != 0)
			continue;
		if (strcmp(list[i].sha256, c->sha256) == 0)
			return 1; /* published as it is */
		return CHECK_PROBLEM(out, "version-published", c, "version",
				     "version %s is published already with other content; a change "
				     "needs a higher version (policyctl new)",
				     m->version_text);
	}
	if (count == 0)
		return 0;
	last = &list[count - 1];
	if (policy_version_cmp(&m->version, &last->version) < 0)
		return CHECK_PROBLEM(out, "version-not-higher", c, "version",
				     "version %s is lower than the published %s", m->version_text,
				     last->version_text);
	if (policy_date_cmp(&m->released, &last->released) < 0) {
		policy_date_format(day, &last->released);
		return CHECK_PROBLEM(out, "released-earlier", c, "released",
				     "released is before %s, the release of the published %s", day,
				     last->version_text);
	}
	if ((rc = classify(repo, rules, last, c->doc, level, categories)) < 0)
		return rc;
	if (*level >= POLICY_LEVEL_MAJOR &&
	    policy_date_to_days(&m->effective) - policy_date_to_days(&m->released) < (long)days) {
		policy_date earliest =
			policy_date_from_days(policy_date_to_days(&m->released) + (long)days);

		policy_date_format(day, &earliest);
		return CHECK_PROBLEM(out, "notice-period", c, "effective",
				     "a %s change must take effect at least %u days after its "
				     "release (notice_days in policyctl.yaml): effective %s at the "
				     "earliest",
				     policy_level_name(*level), days, day);
	}
	return 0;
}

int policy_publish_check_source(policy_diags *out, policy_repo *repo, const policy_config *config,
				const policy_doc *doc, const char *data, size_t len)
{
	const policy_meta *m = policy_doc_meta(doc);
	candidate c = {m->policy, m->locale, policy_doc_path(doc), doc, data, len, ""};
	policy_level level;
	unsigned categories;
	int rc;

	if (!m->in_layout || policy_doc_usable(doc) < 0)
		return 0;
	if ((rc = policy__digest_sha256(c.sha256, data, len)) < 0)
		return rc;
	rc = check_against(out, repo, config, &c, &level, &categories);
	return rc < 0 ? rc : 0;
}

/* Check one source against its published versions; plan it when new. */
static int check_source(publisher *p, const policy_source *src, const policy_doc *doc,
			const char *data, size_t len)
{
	const policy_meta *m = policy_doc_meta(doc);
	candidate c = {src->policy, src->locale, src->path, doc, data, len, ""};
	size_t before = policy_diags_count(p->result->problems);
	planned next;
	policy_level level;
	unsigned categories;
	int rc;

	if ((rc = policy__digest_sha256(c.sha256, data, len)) < 0)
		return rc;
	if ((rc = check_against(p->result->problems, p->repo, p->config, &c, &level,
				&categories)) != 0 ||
	    policy_diags_count(p->result->problems) > before)
		return rc < 0 ? rc : 0;
	memset(&next, 0, sizeof(next));
	next.pub.policy = src->policy;
	next.pub.locale = src->locale;
	next.pub.version_text = policy__arena_strdup(&p->result->mem, m->version_text);
	next.pub.title = policy__arena_strdup(&p->result->mem, m->title);
	next.pub.version = m->version;
	next.pub.released = m->released;
	next.pub.effective = m->effective;
	next.pub.level = level;
	next.pub.categories = categories;
	next.pub.summary = policy__arena_strdup(&p->result->mem, m->summary ? m->summary : "");
	memcpy(next.sha256, c.sha256, sizeof(c.sha256));
	if (next.pub.version_text == NULL || next.pub.title == NULL || next.pub.summary == NULL ||
	    ARRAY_RESERVE(p->plan, p->plan_cap, p->plan_count) < 0)
		return policy__error_nomem();
	p->plan[p->plan_count++] = next;
	return 0;
}

static int check_sources(publisher *p)
{
	const policy_source *sources;
	size_t count;
	int rc = policy_repo_sources(&sources, &count, p->repo);

	for (size_t i = 0; i < count && rc == 0; i++) {
		policy_doc_options opts = POLICY_DOC_OPTIONS_INIT;
		policy_buf data = POLICY_BUF_INIT;
		policy_doc *doc = NULL;
		const policy_diags *d;
		size_t errors = 0;

		opts.rules = p->rules;
		opts.now = p->now;
		rc = policy_repo_read_head(&data, p->repo, sources[i].path);
		if (rc == 0)
			rc = policy_doc_parse(&doc, sources[i].path, data.ptr ? data.ptr : "",
					      data.size, &opts);
		d = doc ? policy_doc_diags(doc) : NULL;
		for (size_t k = 0; rc == 0 && d && k < policy_diags_count(d); k++) {
			const policy_diag *g = policy_diags_at(d, k);

			if (g->severity < POLICY_SEVERITY_ERROR)
				continue;
			errors++;
			rc = policy_diags_add(p->result->problems, g);
		}
		if (rc == 0 && errors == 0)
			rc = check_source(p, &sources[i], doc, data.ptr ? data.ptr : "", data.size);
		policy_doc_free(doc);
		policy_buf_dispose(&data);
	}
	return rc;
}

static int add_item(publisher *p, const planned *n)
{
	policy_publish_item item = {n->pub.policy, n->pub.locale, n->pub.version_text, n->pub.level,
				    n->pub.categories};

	item.policy = policy__arena_strdup(&p->result->mem, n->pub.policy);
	item.locale = policy__arena_strdup(&p->result->mem, n->pub.locale);
	if (item.policy == NULL || item.locale == NULL ||
	    ARRAY_RESERVE(p->result->items, p->result->cap, p->result->count) < 0)
		return policy__error_nomem();
	p->result->items[p->result->count++] = item;
	return 0;
}

/* The site's streams from the tags, with chain hashes, current and
 * upcoming versions at `now`. The arrays are malloc'd into `plan`. */
static int plan_site(publisher *p, site_plan *plan)
{
	const policy_published *all;
	size_t count = 0, cap = 0;
	int rc = policy_repo_published(&all, &count, p->repo, NULL, NULL);
	/* each stream's versions on the calendar, in turn */
	policy_timeline_entry *timeline = malloc((count ? count : 1) * sizeof(*timeline));

	if (rc == 0 && timeline == NULL)
		rc = policy__error_nomem();
	for (size_t i = 0; i < count && rc == 0;) {
		size_t n = 1;
		site_stream s;
		policy_timeline_day at;

		while (i + n < count && strcmp(all[i + n].policy, all[i].policy) == 0 &&
		       strcmp(all[i + n].locale, all[i].locale) == 0)
			n++;
		memset(&s, 0, sizeof(s));
		s.policy = all[i].policy;
		s.locale = all[i].locale;
		s.count = n;
		s.current = s.upcoming = -1;
		s.versions = calloc(n, sizeof(*s.versions));
		if (s.versions == NULL || ARRAY_RESERVE(plan->streams, cap, plan->count) < 0) {
			free(s.versions);
			rc = policy__error_nomem();
			break;
		}
		for (size_t k = 0; k < n && rc == 0; k++) {
			site_version *v = &s.versions[k];
			char released[11], effective[11];

			v->pub = all[i + k];
			policy_date_format(released, &v->pub.released);
			policy_date_format(effective, &v->pub.effective);
			rc = policy__manifest_chain(v->chain, k ? s.versions[k - 1].chain : "",
						    s.policy, s.locale, v->pub.version_text,
						    released, effective, v->pub.sha256);
			if (k > 0)
				snprintf(v->diff, sizeof(v->diff), "diff/%s..%s.html",
					 s.versions[k - 1].pub.version_text, v->pub.version_text);
		}
		policy_repo_timeline(timeline, &all[i], n);
		at = policy_timeline_on(timeline, n, &p->now);
		s.current = at.current;
		s.upcoming = at.upcoming;
		s.title = s.versions[s.current >= 0 ? s.current : (long)n - 1].pub.title;
		plan->streams[plan->count++] = s;
		i += n;
	}
	free(timeline);
	return rc;
}

static void plan_free(site_plan *plan)
{
	for (size_t i = 0; i < plan->count; i++)
		free(plan->streams[i].versions);
	free(plan->streams);
}

static int site_from_tags(publisher *p, const char *out_dir,
			  void (*progress)(void *, size_t, size_t), void *payload)
{
	site_plan plan;
	char templates[4096];
	const char *top = policy_repo_workdir(p->repo);
	int rc;

	memset(&plan, 0, sizeof(plan));
	plan.repo = p->repo;
	plan.now = p->now;
	plan.rules = p->rules;
	plan.progress = progress;
	plan.payload = payload;
	if (p->config) {
		plan.title = policy_config_title(p->config);
		plan.base_url = policy_config_base_url(p->config);
		plan.default_locale = policy_config_default_locale(p->config);
	}
	if (top != NULL) {
		snprintf(templates, sizeof(templates), "%stemplates", top);
		plan.template_dir = templates;
	}
	if ((rc = plan_site(p, &plan)) == 0) {
		if (plan.title == NULL)
			plan.title = plan.count > 0 ? plan.streams[0].title : "Policies";
		rc = policy__site_write(&plan, out_dir, &p->result->written, &p->result->kept);
	}
	plan_free(&plan);
	return rc;
}

static int write_site(publisher *p, const policy_publish_options *opts)
{
	return site_from_tags(p, opts->out_dir, opts->progress, opts->payload);
}

int policy_publish(policy_publish_result **out, policy_repo *repo,
		   const policy_publish_options *opts)
{
	static const policy_publish_options defaults = POLICY_PUBLISH_OPTIONS_INIT;
	publisher p;
	int rc;

	*out = NULL;
	if (opts == NULL)
		opts = &defaults;
	if ((rc = policy__options_check(opts->version, POLICY_PUBLISH_OPTIONS_VERSION,
					"policy_publish_options")) < 0)
		return rc;
	memset(&p, 0, sizeof(p));
	p.repo = repo;
	p.now = opts->now.year ? opts->now : policy_date_today();
	if ((p.result = calloc(1, sizeof(*p.result))) == NULL)
		return policy__error_nomem();
	if ((rc = policy_diags_new(&p.result->problems)) < 0)
		goto fail;
	if ((rc = check_uncommitted(&p)) < 0 || (rc = read_config(&p)) < 0 ||
	    (rc = check_sources(&p)) < 0)
		goto fail;
	for (size_t i = 0; i < p.plan_count && rc == 0; i++)
		rc = add_item(&p, &p.plan[i]);
	if (rc < 0)
		goto fail;
	if (policy_diags_count(p.result->problems) > 0) {
		policy_config_free(p.config);
		free(p.plan);
		*out = p.result;
		return policy__error_set(POLICY_EINVALID, "%zu problems stop the publish",
					 policy_diags_count(p.result->problems));
	}
	if (opts->dry_run)
		goto done;
	for (size_t i = 0; i < p.plan_count && rc == 0; i++) {
		p.plan[i].pub.sha256 = p.plan[i].sha256;
		rc = policy_repo_tag(repo, &p.plan[i].pub);
	}
	/* a tag a file: with a thousand versions, listing the loose ones took
	 * a twentieth of a publish; packed, the next publish reads one file.
	 * Only an optimisation: a failure (another git holding the lock)
	 * leaves them loose. */
	if (rc == 0 && p.plan_count > 0 && policy_repo_pack_refs(repo) < 0)
		policy_error_clear();
	if (rc == 0 && opts->out_dir != NULL)
		rc = write_site(&p, opts);
	if (rc < 0)
		goto fail;
done:
	policy_config_free(p.config);
	free(p.plan);
	*out = p.result;
	return 0;
fail:
	policy_config_free(p.config);
	free(p.plan);
	policy_publish_result_free(p.result);
	return rc;
}

int policy_archive_build(policy_repo *repo, const char *out_dir)
{
	publisher p;
	char scratch[2048], from[4400], to[4400];
	const policy_published *list;
	size_t count;
	struct dirent *e;
	DIR *d;
	int rc;

	memset(&p, 0, sizeof(p));
	p.repo = repo;
	p.now = policy_date_today();
	if (strlen(out_dir) > 1900)
		return policy__error_set(POLICY_EINVALID, "the output path is too long");
	snprintf(scratch, sizeof(scratch), "%s.site-%ld", out_dir, (long)getpid());
	if ((p.result = calloc(1, sizeof(*p.result))) == NULL)
		return policy__error_nomem();
	if ((rc = policy_diags_new(&p.result->problems)) < 0 || (rc = read_config(&p)) < 0)
		goto done;
	if (policy_diags_count(p.result->problems) > 0) {
		rc = policy__error_set(POLICY_EPARSE, "policyctl.yaml in HEAD: %s",
				       policy_diags_at(p.result->problems, 0)->message);
		goto done;
	}
	if ((rc = policy_repo_published(&list, &count, repo, NULL, NULL)) < 0)
		goto done;
	if (count == 0) {
		rc = policy__error_set(POLICY_ENOTFOUND, "nothing is published yet");
		goto done;
	}
	if (mkdir(out_dir, 0755) < 0 && errno != EEXIST) {
		rc = policy__error_set(POLICY_EIO, "cannot create %s: %s", out_dir,
				       policy__strerror(errno));
		goto done;
	}
	if ((rc = site_from_tags(&p, scratch, NULL, NULL)) < 0)
		goto done;
	snprintf(from, sizeof(from), "%s/archive", scratch);
	if ((d = opendir(from)) == NULL)
		rc = policy__error_set(POLICY_EIO, "cannot read %s: %s", from,
				       policy__strerror(errno));
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(from, sizeof(from), "%s/archive/%s", scratch, e->d_name);
		snprintf(to, sizeof(to), "%s/%s", out_dir, e->d_name);
		if (rename(from, to) < 0)
			rc = policy__error_set(POLICY_EIO, "cannot move %s: %s", to,
					       policy__strerror(errno));
	}
	if (d != NULL)
		closedir(d);
	policy__site_discard(scratch);
done:
	policy_config_free(p.config);
	policy_publish_result_free(p.result);
	return rc;
}

void policy_publish_result_free(policy_publish_result *result)
{
	if (result == NULL)
		return;
	policy_diags_free(result->problems);
	free(result->items);
	policy__arena_free(&result->mem);
	free(result);
}

const policy_diags *policy_publish_problems(const policy_publish_result *result)
{
	return result->problems;
}

size_t policy_publish_item_count(const policy_publish_result *result)
{
	return result->count;
}

const policy_publish_item *policy_publish_item_at(const policy_publish_result *result, size_t i)
{
	return i < result->count ? &result->items[i] : NULL;
}

void policy_publish_files(const policy_publish_result *result, size_t *written, size_t *kept)
{
	*written = result->written;
	*kept = result->kept;
}

int policy_publish_options_init(policy_publish_options *opts, unsigned version)
{
	static const policy_publish_options defaults = POLICY_PUBLISH_OPTIONS_INIT;
	int rc = policy__options_check(version, POLICY_PUBLISH_OPTIONS_VERSION,
				       "policy_publish_options");

	if (rc == 0)
		*opts = defaults;
	return rc;
}
