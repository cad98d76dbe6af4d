/*
 * The policy repository on libgit2. Published versions are read from the
 * tags `<policy>/<locale>/<version>`: each must be annotated, and its
 * message is the JSON that policy_repo_tag() wrote. Sources are read from
 * commits' trees, never from the working tree.
 */
#include "policy/repo.h"
#include "policy/timeline.h"

#include <fcntl.h>
#include <git2.h>
#include <jansson.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "array.h"
#include "buf.h"
#include "digest.h"
#include "error.h"
#include "internal.h"
#include "json.h"
#include "parallel.h"
#include "policy/category.h"
#include "policy/document.h"
#include "policy/file.h"
#include "strmap.h"

/* Tags per thread reading them: a thread opens a repository handle of its
 * own (about a millisecond), worth it past a few hundred tags. */
#define TAG_GRAIN 256

struct policy_repo {
	git_repository *git;
	arena mem;              /* the published list's strings */
	policy_published *list; /* NULL until read */
	size_t count;
	size_t cap;
	int listed;
	/* lists handed out before a tag was added: kept as they were until
	 * the repository is freed */
	policy_published **retired;
	size_t retired_count;
	size_t retired_cap;
	policy_source *sources; /* HEAD's, NULL until read */
	size_t source_count;
	size_t source_cap;
	int sources_read;
};

static pthread_once_t git_once = PTHREAD_ONCE_INIT;
static int git_ready;

static void git_start(void)
{
	git_ready = git_libgit2_init() >= 0;
}

static int fail(const char *what)
{
	const git_error *e = git_error_last();

	return policy__error_set(POLICY_ERROR, "%s: %s", what,
				 e && e->message ? e->message : "libgit2 failed");
}

static int start(void)
{
	pthread_once(&git_once, git_start);
	return git_ready ? 0 : policy__error_set(POLICY_ERROR, "cannot initialise libgit2");
}

static int wrap(policy_repo **out, git_repository *git)
{
	policy_repo *r = calloc(1, sizeof(*r));

	if (r == NULL) {
		git_repository_free(git);
		return policy__error_nomem();
	}
	r->git = git;
	*out = r;
	return 0;
}

int policy_repo_open(policy_repo **out, const char *path)
{
	git_repository *git;
	int rc;

	*out = NULL;
	if ((rc = start()) < 0)
		return rc;
	rc = git_repository_open_ext(&git, path ? path : ".", 0, NULL);
	if (rc == GIT_ENOTFOUND)
		return policy__error_set(POLICY_ENOTFOUND, "%s is not in a git repository",
					 path ? path : ".");
	if (rc < 0)
		return fail(path ? path : ".");
	return wrap(out, git);
}

int policy_repo_init(policy_repo **out, const char *path)
{
	git_repository *git;
	int rc;

	*out = NULL;
	if ((rc = start()) < 0)
		return rc;
	if (git_repository_init(&git, path, 0) < 0)
		return fail(path);
	return wrap(out, git);
}

void policy_repo_free(policy_repo *repo)
{
	if (repo == NULL)
		return;
	git_repository_free(repo->git);
	free(repo->list);
	for (size_t i = 0; i < repo->retired_count; i++)
		free(repo->retired[i]);
	free(repo->retired);
	free(repo->sources);
	policy__arena_free(&repo->mem);
	free(repo);
}

const char *policy_repo_workdir(const policy_repo *repo)
{
	return git_repository_workdir(repo->git);
}

/* "policy/locale/version" split in place; 0 when it has that shape. */
static int split_tag(char *name, char **policy, char **locale, char **version)
{
	char *a = strchr(name, '/'), *b = a ? strchr(a + 1, '/') : NULL;

	if (a == NULL || b == NULL || strchr(b + 1, '/') != NULL)
		return -1;
	*a = *b = '\0';
	*policy = name;
	*locale = a + 1;
	*version = b + 1;
	return 0;
}

static const char *json_str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Fill `v` from the tag's message; `tag` names it in errors. */
static int read_message(arena *mem, policy_published *v, const char *tag, const char *message)
{
	json_error_t jerr;
	json_t *o = json_loads(message, 0, &jerr), *cats;
	const char *version, *released, *effective, *level, *summary, *sha, *title;
	int rc = 0;

	if (o == NULL || !json_is_object(o)) {
		json_decref(o);
		return policy__error_set(POLICY_EPARSE, "tag %s: the message is not a JSON object",
					 tag);
	}
	version = json_str(o, "version");
	released = json_str(o, "released");
	effective = json_str(o, "effective");
	level = json_str(o, "level");
	summary = json_str(o, "summary");
	sha = json_str(o, "sha256");
	title = json_str(o, "title");
	if (version == NULL || strcmp(version, v->version_text) != 0 || released == NULL ||
	    effective == NULL || policy_date_parse(&v->released, released) < 0 ||
	    policy_date_parse(&v->effective, effective) < 0) {
		rc = policy__error_set(
			POLICY_EPARSE,
			"tag %s: the message lacks the version, released and effective dates", tag);
		goto done;
	}
	v->level = POLICY_LEVEL_NONE;
	if (level != NULL && policy_level_from_name(&v->level, level) < 0) {
		rc = policy__error_set(POLICY_EPARSE, "tag %s: \"%.20s\" is not a level", tag,
				       level);
		goto done;
	}
	v->summary = policy__arena_strdup(mem, summary ? summary : "");
	v->sha256 = policy__arena_strdup(mem, sha ? sha : "");
	v->title = policy__arena_strdup(mem, title ? title : "");
	v->categories = 0;
	cats = json_object_get(o, "categories");
	for (size_t i = 0; json_is_array(cats) && i < json_array_size(cats); i++) {
		json_t *c = json_array_get(cats, i);
		unsigned cat;

		if (json_is_string(c) &&
		    policy_category_from_name(&cat, json_string_value(c),
					      strlen(json_string_value(c))) == 0)
			v->categories |= cat;
	}
	if (v->summary == NULL || v->sha256 == NULL || v->title == NULL)
		rc = policy__error_nomem();
done:
	json_decref(o);
	return rc;
}

/* What tag object `id` of `git` says, into `v` (its version text set):
 * the commit it tags and what its message says; `full` names the tag in
 * errors. */
static int tag_object(git_repository *git, arena *mem, const char *full, const git_oid *id,
		      policy_published *v)
{
	git_object *obj = NULL;
	git_tag *tag = NULL;
	int rc = 0;

	if (git_object_lookup(&obj, git, id, GIT_OBJECT_ANY) < 0)
		return fail(full);
	if (git_object_type(obj) != GIT_OBJECT_TAG) {
		rc = policy__error_set(POLICY_EPARSE,
				       "tag %s is not annotated, so it is not a published version",
				       full);
		goto done;
	}
	tag = (git_tag *)obj;
	obj = NULL;
	if (git_tag_target_type(tag) != GIT_OBJECT_COMMIT) {
		rc = policy__error_set(POLICY_EPARSE, "tag %s does not point at a commit", full);
		goto done;
	}
	git_oid_tostr(v->commit, sizeof(v->commit), git_tag_target_id(tag));
	rc = read_message(mem, v, full, git_tag_message(tag) ? git_tag_message(tag) : "");
done:
	git_object_free(obj);
	git_tag_free(tag);
	return rc;
}

typedef struct {
	const char *name; /* under refs/tags/ */
	git_oid id;
} tag_ref;

/* The tag cache: what each tag object says, read from its message once,
 * by the object's id, kept in <git dir>/policyctl-tags. Reading a thousand
 * tag objects (found, inflated and parsed by libgit2) was a tenth of a
 * publish over them, and parsing their JSON messages again at every
 * listing was 7 ms of one for 2,000 tags: the file holds the fields
 * themselves. An object's id names its content, so an entry is never
 * wrong, only unused; the file is written again when tags were read that
 * it lacked or it holds tags gone. A file that does not read as one is
 * ignored. */
typedef struct {
	char commit[GIT_OID_HEXSZ + 1];
	const char *version, *title, *summary, *sha256; /* in the file's text */
	policy_date released, effective;
	policy_level level;
	unsigned categories;
} cached_tag;

typedef struct {
	policy_buf text; /* the file, its fields NUL-terminated in place */
	strmap ids;      /* tag object id (hex) -> index in `tags` */
	cached_tag *tags;
	size_t count;
	size_t cap;
} tag_cache;

#define TAG_CACHE_FILE "policyctl-tags"
#define TAG_CACHE_HEAD "policyctl tag cache 2\n"

static void cache_path(char *path, size_t size, policy_repo *r)
{
	snprintf(path, size, "%s" TAG_CACHE_FILE, git_repository_path(r->git));
}

/* Tags read on a few threads, each with a repository handle of its own
 * (libgit2's objects are not shared between threads) and an arena. */
typedef struct {
	policy_repo *r;
	const tag_ref *refs;
	policy_published *read; /* per ref; policy NULL for a tag that is no version */
	const tag_cache *cache;
	size_t fresh[POLICY_PARALLEL_MAX]; /* tags each worker read from git */
	git_repository *git[POLICY_PARALLEL_MAX];
	arena mem[POLICY_PARALLEL_MAX];
} tag_job;

/* `v` from the cache's entry `c` for the tag `full`. */
static int from_cache(arena *mem, policy_published *v, const char *full, const cached_tag *c)
{
	if (strcmp(c->version, v->version_text) != 0)
		return policy__error_set(
			POLICY_EPARSE,
			"tag %s: the message lacks the version, released and effective dates",
			full);
	memcpy(v->commit, c->commit, sizeof(v->commit));
	v->released = c->released;
	v->effective = c->effective;
	v->level = c->level;
	v->categories = c->categories;
	v->title = policy__arena_strdup(mem, c->title);
	v->summary = policy__arena_strdup(mem, c->summary);
	v->sha256 = policy__arena_strdup(mem, c->sha256);
	return v->title && v->summary && v->sha256 ? 0 : policy__error_nomem();
}

/* Read tag i into job->read[i] (v->policy stays NULL for a tag that
 * names no published version): from the cache when it has the tag's
 * object, else from git. */
static int read_tag_item(void *ctx, size_t i, unsigned worker)
{
	tag_job *job = ctx;
	const char *full = job->refs[i].name;
	policy_published *v = &job->read[i];
	arena *mem = &job->mem[worker];
	char *name = policy__arena_strdup(mem, full), *policy, *locale, *version;
	char hex[GIT_OID_HEXSZ + 1];
	size_t *at;
	int rc;

	memset(v, 0, sizeof(*v));
	if (name == NULL)
		return policy__error_nomem();
	if (split_tag(name, &policy, &locale, &version) < 0)
		return 0; /* not a published version */
	v->version_text = version;
	if (policy_version_parse(&v->version, version) < 0)
		return 0; /* another naming scheme */
	git_oid_tostr(hex, sizeof(hex), &job->refs[i].id);
	if (job->cache != NULL && (at = policy__strmap_get(&job->cache->ids, hex)) != NULL) {
		rc = from_cache(mem, v, full, &job->cache->tags[*at]);
	} else {
		if (job->git[worker] == NULL &&
		    git_repository_open(&job->git[worker], git_repository_path(job->r->git)) < 0)
			return fail("opening the repository");
		rc = tag_object(job->git[worker], mem, full, &job->refs[i].id, v);
		job->fresh[worker]++;
	}
	if (rc == 0) {
		v->policy = policy;
		v->locale = locale;
	}
	return rc;
}

static void cache_dispose(tag_cache *c)
{
	policy_buf_dispose(&c->text);
	policy__strmap_dispose(&c->ids);
	free(c->tags);
	memset(c, 0, sizeof(*c));
}

/* The number at *p, up to a blank or a newline; -1 for none. */
static long long cache_number(char **p, const char *end)
{
	long long n = 0;
	char *q = *p;

	while (q < end && *q >= '0' && *q <= '9' && n < (1LL << 40))
		n = n * 10 + (*q++ - '0');
	if (q == *p || q >= end)
		return -1;
	*p = q;
	return n;
}

/* The word at *p, up to a blank, NUL-terminated in place; NULL at the
 * end of the line. */
static char *cache_word(char **p, const char *end)
{
	char *w = *p, *q = w;

	while (q < end && *q != ' ' && *q != '\n')
		q++;
	if (q == w || q >= end || *q != ' ')
		return NULL;
	*q = '\0';
	*p = q + 1;
	return w;
}

/* The categories of "purposes,recipients" or "-". */
static int cache_categories(unsigned *mask, const char *names)
{
	*mask = 0;
	if (strcmp(names, "-") == 0)
		return 0;
	for (const char *p = names, *comma;; p = comma + 1) {
		unsigned cat;

		comma = strchr(p, ',');
		if (policy_category_from_name(&cat, p, comma ? (size_t)(comma - p) : strlen(p)) < 0)
			return -1;
		*mask |= cat;
		if (comma == NULL)
			return 0;
	}
}

/* One record at *p into `t`: 0, or -1 when it does not read as one. */
static int cache_record(char **p, const char *end, cached_tag *t)
{
	char *commit, *released, *effective, *level, *cats, *q;
	const char **fields[] = {&t->version, &t->title, &t->summary, &t->sha256};
	long long len[4];

	if ((commit = cache_word(p, end)) == NULL || strlen(commit) != GIT_OID_HEXSZ ||
	    (released = cache_word(p, end)) == NULL || (effective = cache_word(p, end)) == NULL ||
	    (level = cache_word(p, end)) == NULL || (cats = cache_word(p, end)) == NULL)
		return -1;
	memcpy(t->commit, commit, sizeof(t->commit));
	if (policy_date_parse(&t->released, released) < 0 ||
	    policy_date_parse(&t->effective, effective) < 0 ||
	    policy_level_from_name(&t->level, level) < 0 ||
	    cache_categories(&t->categories, cats) < 0)
		return -1;
	for (int k = 0; k < 4; k++) {
		if ((len[k] = cache_number(p, end)) < 0 || **p != (k < 3 ? ' ' : '\n'))
			return -1;
		(*p)++;
	}
	/* the four fields, each followed by a newline made its end */
	for (int k = 0; k < 4; k++) {
		q = *p;
		if (end - q < len[k] + 1 || q[len[k]] != '\n' || memchr(q, '\0', (size_t)len[k]))
			return -1;
		q[len[k]] = '\0';
		*fields[k] = q;
		*p = q + len[k] + 1;
	}
	return 0;
}

/* Read the cache file into `c`: 0 with nothing in it when there is none
 * or it does not read as one. Records are "<tag id> <commit> <released>
 * <effective> <level> <categories> <lengths of the version, title,
 * summary and sha256>\n", then those four, each followed by a newline. */
static int cache_read(tag_cache *c, policy_repo *r)
{
	char path[4096];
	char *p, *end;

	memset(c, 0, sizeof(*c));
	cache_path(path, sizeof(path), r);
	if (policy_file_read(&c->text, path, (size_t)256 << 20) < 0 || c->text.ptr == NULL ||
	    strncmp(c->text.ptr, TAG_CACHE_HEAD, strlen(TAG_CACHE_HEAD)) != 0) {
		policy_error_clear();
		cache_dispose(c);
		return 0;
	}
	p = c->text.ptr + strlen(TAG_CACHE_HEAD);
	end = c->text.ptr + c->text.size;
	while (p < end) {
		char *id;

		if (ARRAY_RESERVE(c->tags, c->cap, c->count) < 0) {
			cache_dispose(c);
			return policy__error_nomem();
		}
		if ((id = cache_word(&p, end)) == NULL || strlen(id) != GIT_OID_HEXSZ ||
		    cache_record(&p, end, &c->tags[c->count]) < 0) {
			cache_dispose(c);
			return 0;
		}
		if (policy__strmap_put(&c->ids, id, c->count) < 0) {
			cache_dispose(c);
			return policy__error_nomem();
		}
		c->count++;
	}
	return 0;
}

/* The cache records of the versions read (a tag that is none has none). */
static int cache_records(policy_buf *text, const tag_ref *refs, const policy_published *read,
			 size_t n)
{
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		const policy_published *v = &read[i];
		const char *fields[] = {v->version_text, v->title, v->summary, v->sha256};
		char hex[GIT_OID_HEXSZ + 1], released[11], effective[11];
		size_t cats = 0;

		if (v->policy == NULL)
			continue;
		git_oid_tostr(hex, sizeof(hex), &refs[i].id);
		policy_date_format(released, &v->released);
		policy_date_format(effective, &v->effective);
		rc = policy__buf_printf_line(text, "%s %s %s %s %s ", hex, v->commit, released,
					     effective, policy_level_name(v->level));
		for (unsigned k = 0; k < POLICY_CATEGORY_COUNT && rc == 0; k++)
			if (v->categories & policy_category_at(k))
				rc = policy__buf_printf_line(
					text, "%s%s", cats++ ? "," : "",
					policy_category_name(policy_category_at(k)));
		if (rc == 0)
			rc = policy__buf_printf_line(text, "%s %zu %zu %zu %zu\n", cats ? "" : "-",
						     strlen(v->version_text), strlen(v->title),
						     strlen(v->summary), strlen(v->sha256));
		for (int k = 0; k < 4 && rc == 0; k++)
			if ((rc = policy__buf_puts(text, fields[k])) == 0)
				rc = policy__buf_putc(text, '\n');
	}
	return rc;
}

/* Write the cache of every version read, all or nothing
 * (policy_file_write). A failure (a repository that is read-only here)
 * only means the tags are read from git again next time. */
static void cache_write(policy_repo *r, const tag_ref *refs, const policy_published *read, size_t n)
{
	char path[4096];
	policy_buf text = POLICY_BUF_INIT;
	int rc = policy__buf_puts(&text, TAG_CACHE_HEAD);

	if (rc == 0)
		rc = cache_records(&text, refs, read, n);
	cache_path(path, sizeof(path), r);
	if (rc < 0 || policy_file_write(path, text.ptr, text.size) < 0)
		policy_error_clear();
	policy_buf_dispose(&text);
}

/* Add the records of tags just made to the end of an existing cache, so
 * that the next listing finds every tag there. A torn record makes the
 * file read as no cache: the next listing reads git and writes it anew. */
static void cache_append(policy_repo *r, const tag_ref *refs, const policy_published *read,
			 size_t n)
{
	char path[4096];
	policy_buf text = POLICY_BUF_INIT;
	int fd;

	cache_path(path, sizeof(path), r);
	if (cache_records(&text, refs, read, n) == 0 && text.size > 0 &&
	    (fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)) >= 0) {
		(void)!write(fd, text.ptr, text.size);
		close(fd);
	}
	policy_error_clear();
	policy_buf_dispose(&text);
}

/* Every ref under refs/tags/ with its target: the iterator gives both,
 * where git_tag_foreach() looks every name up a second time. */
static int list_refs(policy_repo *r, tag_ref **out, size_t *count)
{
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL;
	tag_ref *refs = NULL;
	size_t n = 0, cap = 0;
	int rc = 0, more;

	*out = NULL;
	*count = 0;
	if (git_reference_iterator_glob_new(&it, r->git, "refs/tags/*") < 0)
		return fail("listing tags");
	while (rc == 0 && (more = git_reference_next(&ref, it)) == 0) {
		const git_oid *id = git_reference_target(ref);

		if (id != NULL) {
			if (ARRAY_RESERVE(refs, cap, n) < 0 ||
			    (refs[n].name = policy__arena_strdup(
				     &r->mem, git_reference_name(ref) + strlen("refs/tags/"))) ==
				    NULL)
				rc = policy__error_nomem();
			else
				git_oid_cpy(&refs[n++].id, id);
		}
		git_reference_free(ref);
	}
	git_reference_iterator_free(it);
	if (rc == 0 && more != GIT_ITEROVER)
		rc = fail("listing tags");
	if (rc < 0) {
		free(refs);
		return rc;
	}
	*out = refs;
	*count = n;
	return 0;
}

/* Read every tag of `refs` that names a published version into r->list.
 * `all` says they are every tag of the repository: the cache is read,
 * and written when it differs; otherwise they are tags just made, read
 * from git and added to the cache. */
static int read_tags(policy_repo *r, const tag_ref *refs, size_t n, int all)
{
	tag_job job;
	tag_cache cache;
	size_t fresh = 0, kept = 0;
	int rc;

	memset(&job, 0, sizeof(job));
	job.r = r;
	job.refs = refs;
	job.git[0] = r->git;
	memset(&cache, 0, sizeof(cache));
	if (all && (rc = cache_read(&cache, r)) < 0)
		return rc;
	job.cache = cache.count > 0 ? &cache : NULL;
	if ((job.read = calloc(n ? n : 1, sizeof(*job.read))) == NULL) {
		cache_dispose(&cache);
		return policy__error_nomem();
	}
	rc = policy__parallel_for(n, policy__parallel_workers(n, TAG_GRAIN), read_tag_item, &job);
	for (unsigned w = 1; w < POLICY_PARALLEL_MAX; w++)
		git_repository_free(job.git[w]);
	for (unsigned w = 0; w < POLICY_PARALLEL_MAX; w++)
		fresh += job.fresh[w];
	for (size_t i = 0; i < n; i++)
		kept += job.read[i].policy != NULL;
	/* tags the cache lacked, entries of tags gone, or no cache yet (one
	 * written for no tags is there for the tags a publish adds) */
	if (rc == 0 && !all)
		cache_append(r, refs, job.read, n);
	else if (rc == 0 && (fresh > 0 || kept != cache.count || cache.text.ptr == NULL))
		cache_write(r, refs, job.read, n);
	cache_dispose(&cache);
	policy__arena_adopt_all(&r->mem, job.mem, POLICY_PARALLEL_MAX);
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (job.read[i].policy == NULL)
			continue;
		if (ARRAY_RESERVE(r->list, r->cap, r->count) < 0)
			rc = policy__error_nomem();
		else
			r->list[r->count++] = job.read[i];
	}
	free(job.read);
	return rc;
}

static int published_order(const void *x, const void *y)
{
	const policy_published *a = x, *b = y;
	int c = strcmp(a->policy, b->policy);

	if (c == 0)
		c = strcmp(a->locale, b->locale);
	return c != 0 ? c : policy_version_cmp(&a->version, &b->version);
}

static int list_all(policy_repo *r)
{
	tag_ref *refs = NULL;
	size_t n = 0;
	int rc;

	if (r->listed)
		return 0;
	r->count = 0;
	if ((rc = list_refs(r, &refs, &n)) == 0)
		rc = read_tags(r, refs, n, 1);
	free(refs);
	if (rc < 0)
		return rc;
	if (r->count > 1)
		qsort(r->list, r->count, sizeof(*r->list), published_order);
	/* 1.0 and 1.0.0 are one version: two tags for it (one made by hand)
	 * would make "the published text of 1.0" ambiguous. */
	for (size_t i = 1; i < r->count; i++)
		if (published_order(&r->list[i - 1], &r->list[i]) == 0) {
			/* named in byte order, whatever order the refs came in */
			int swap = strcmp(r->list[i - 1].version_text, r->list[i].version_text) > 0;
			const policy_published *a = &r->list[i - 1 + swap], *b = &r->list[i - swap];

			return policy__error_set(
				POLICY_ECONFLICT,
				"tags %s/%s/%s and %s/%s/%s name one version; delete "
				"the one policyctl did not make (git tag -d)",
				a->policy, a->locale, a->version_text, b->policy, b->locale,
				b->version_text);
		}
	r->listed = 1;
	return 0;
}

int policy_repo_published(const policy_published **out, size_t *count, policy_repo *repo,
			  const char *policy, const char *locale)
{
	size_t from = 0, to;
	int rc;

	*out = NULL;
	*count = 0;
	if ((rc = list_all(repo)) < 0)
		return rc;
	if (policy == NULL) {
		*out = repo->list;
		*count = repo->count;
		return 0;
	}
	while (from < repo->count && (strcmp(repo->list[from].policy, policy) != 0 ||
				      (locale && strcmp(repo->list[from].locale, locale) != 0)))
		from++;
	for (to = from; to < repo->count && strcmp(repo->list[to].policy, policy) == 0 &&
			(!locale || strcmp(repo->list[to].locale, locale) == 0);
	     to++)
		;
	*out = repo->list + from;
	*count = to - from;
	return 0;
}

int policy_repo_is_ref(const char *text)
{
	const char *at = strchr(text, '@'), *slash = strchr(text, '/');

	return at != NULL && slash != NULL && slash < at && strchr(at + 1, '/') == NULL;
}

void policy_repo_timeline(policy_timeline_entry *out, const policy_published *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		out[i] = (policy_timeline_entry){list[i].version, list[i].effective, list[i].level};
}

int policy_repo_resolve(const policy_published **out, policy_repo *repo, const char *ref)
{
	char name[128], *locale, *spec;
	const policy_published *list;
	size_t count;
	policy_date day;
	policy_version want;
	policy_timeline_entry *entries;
	long at = -1;
	int rc;

	*out = NULL;
	if (!policy_repo_is_ref(ref) || strlen(ref) >= sizeof(name))
		return policy__error_set(
			POLICY_EINVALID,
			"\"%.60s\" is not a reference like privacy/zh-CN@2.0, @latest or "
			"@2024-06-01",
			ref);
	snprintf(name, sizeof(name), "%s", ref);
	spec = strchr(name, '@');
	*spec++ = '\0';
	locale = strchr(name, '/');
	*locale++ = '\0';
	if ((rc = policy_repo_published(&list, &count, repo, name, locale)) < 0)
		return rc;
	if (count == 0)
		return policy__error_set(POLICY_ENOTFOUND, "%s/%s has no published version", name,
					 locale);
	if (strcmp(spec, "latest") == 0) {
		*out = &list[count - 1];
		return 0;
	}
	if ((entries = malloc(count * sizeof(*entries))) == NULL)
		return policy__error_nomem();
	policy_repo_timeline(entries, list, count);
	if (strlen(spec) == 10 && spec[4] == '-' && policy_date_parse(&day, spec) == 0) {
		at = policy_timeline_on(entries, count, &day).current;
		rc = at >= 0 ? 0
			     : policy__error_set(POLICY_ENOTFOUND,
						 "no version of %s/%s was in effect on %s", name,
						 locale, spec);
	} else if (policy_version_parse(&want, spec) < 0) {
		rc = policy__error_set(POLICY_EINVALID,
				       "\"%.40s\" is neither a version, a date nor latest", spec);
	} else {
		at = policy_timeline_find(entries, count, &want);
		rc = at >= 0 ? 0
			     : policy__error_set(POLICY_ENOTFOUND,
						 "%s/%s has no published version %s", name, locale,
						 spec);
	}
	free(entries);
	if (rc == 0)
		*out = &list[at];
	return rc;
}

/* The blob at `path` in `tree` into `out`. */
static int read_blob(policy_repo *r, git_tree *tree, const char *path, policy_buf *out)
{
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	int rc;

	rc = git_tree_entry_bypath(&entry, tree, path);
	if (rc == GIT_ENOTFOUND)
		return policy__error_set(POLICY_ENOTFOUND, "%s is not in the commit", path);
	if (rc < 0)
		return fail(path);
	if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) {
		git_tree_entry_free(entry);
		return policy__error_set(POLICY_ENOTFOUND, "%s is not a file in the commit", path);
	}
	rc = git_blob_lookup(&blob, r->git, git_tree_entry_id(entry));
	git_tree_entry_free(entry);
	if (rc < 0)
		return fail(path);
	out->size = 0;
	rc = policy_buf_append(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	return rc;
}

int policy_repo_read_version(policy_buf *out, policy_repo *repo, const policy_published *v)
{
	git_oid oid;
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	char path[256];
	int rc;

	snprintf(path, sizeof(path), "policies/%s/%s.md", v->policy, v->locale);
	if (git_oid_fromstr(&oid, v->commit) < 0 ||
	    git_commit_lookup(&commit, repo->git, &oid) < 0 || git_commit_tree(&tree, commit) < 0) {
		rc = fail(v->commit);
		goto done;
	}
	rc = read_blob(repo, tree, path, out);
done:
	git_tree_free(tree);
	git_commit_free(commit);
	return rc;
}

int policy_repo_load_version(policy_doc **out, policy_buf *source, policy_repo *repo,
			     const policy_published *v, const policy_doc_options *opts)
{
	policy_doc_options o = POLICY_DOC_OPTIONS_INIT;
	policy_buf own = POLICY_BUF_INIT, *data = source ? source : &own;
	char name[300], layout[300], hex[DIGEST_HEX_SIZE];
	int rc;

	*out = NULL;
	if (opts != NULL && (rc = policy__options_check(opts->version, POLICY_DOC_OPTIONS_VERSION,
							"policy_doc_options")) < 0)
		return rc;
	if (opts != NULL && opts->version >= 2)
		o = *opts;
	else if (opts != NULL)
		memcpy(&o, opts, offsetof(policy_doc_options, layout_path));
	o.version = POLICY_DOC_OPTIONS_VERSION;
	snprintf(name, sizeof(name), "%s/%s@%s", v->policy, v->locale, v->version_text);
	snprintf(layout, sizeof(layout), "policies/%s/%s.md", v->policy, v->locale);
	o.layout_path = layout;
	if ((rc = policy_repo_read_version(data, repo, v)) < 0)
		goto done;
	if (v->sha256 != NULL && v->sha256[0] != '\0') {
		if ((rc = policy__digest_sha256(hex, data->ptr ? data->ptr : "", data->size)) < 0)
			goto done;
		if (strcmp(hex, v->sha256) != 0) {
			rc = policy__error_set(POLICY_ECONFLICT,
					       "%s: the source in the tagged commit is not the one "
					       "the tag records",
					       name);
			goto done;
		}
	}
	rc = policy_doc_parse(out, name, data->ptr ? data->ptr : "", data->size, &o);
	if (rc == 0 && (rc = policy_doc_usable(*out)) < 0) {
		policy_doc_free(*out);
		*out = NULL;
	}
done:
	policy_buf_dispose(&own);
	return rc;
}

int policy_repo_read_head(policy_buf *out, policy_repo *repo, const char *path)
{
	git_object *obj = NULL;
	int rc = git_revparse_single(&obj, repo->git, "HEAD^{tree}");

	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH)
		return policy__error_set(POLICY_ENOTFOUND, "the repository has no commit yet");
	if (rc < 0)
		return fail("HEAD");
	rc = read_blob(repo, (git_tree *)obj, path, out);
	git_object_free(obj);
	return rc;
}

static int source_order(const void *x, const void *y)
{
	const policy_source *a = x, *b = y;
	int c = strcmp(a->policy, b->policy);

	return c != 0 ? c : strcmp(a->locale, b->locale);
}

/* Add the <locale>.md blobs of the tree policies/<policy>. */
static int add_sources(policy_repo *r, const char *policy, git_tree *tree)
{
	for (size_t i = 0; i < git_tree_entrycount(tree); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		const char *name = git_tree_entry_name(e);
		size_t n = strlen(name);
		policy_source s;
		char *locale;

		if (git_tree_entry_type(e) != GIT_OBJECT_BLOB || n < 4 ||
		    strcmp(name + n - 3, ".md") != 0)
			continue;
		if ((locale = policy__arena_strndup(&r->mem, name, n - 3)) == NULL)
			return policy__error_nomem();
		if (!policy_locale_valid(locale))
			continue;
		s.policy = policy;
		s.locale = locale;
		s.path = policy__arena_printf(&r->mem, "policies/%s/%s", policy, name);
		if (s.path == NULL || ARRAY_RESERVE(r->sources, r->source_cap, r->source_count) < 0)
			return policy__error_nomem();
		r->sources[r->source_count++] = s;
	}
	return 0;
}

int policy_repo_sources(const policy_source **out, size_t *count, policy_repo *repo)
{
	git_object *obj = NULL;
	git_tree *top;
	int rc = 0;

	*out = NULL;
	*count = 0;
	if (!repo->sources_read) {
		repo->source_count = 0;
		rc = git_revparse_single(&obj, repo->git, "HEAD:policies");
		if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) {
			rc = 0;
			goto listed;
		}
		if (rc < 0)
			return fail("HEAD:policies");
		if (git_object_type(obj) != GIT_OBJECT_TREE)
			goto listed;
		top = (git_tree *)obj;
		for (size_t i = 0; i < git_tree_entrycount(top) && rc == 0; i++) {
			const git_tree_entry *e = git_tree_entry_byindex(top, i);
			git_tree *sub;
			char *policy;

			if (git_tree_entry_type(e) != GIT_OBJECT_TREE)
				continue;
			if ((policy = policy__arena_strdup(&repo->mem, git_tree_entry_name(e))) ==
			    NULL) {
				rc = policy__error_nomem();
				break;
			}
			if (git_tree_lookup(&sub, repo->git, git_tree_entry_id(e)) < 0) {
				rc = fail(policy);
				break;
			}
			rc = add_sources(repo, policy, sub);
			git_tree_free(sub);
		}
	listed:
		git_object_free(obj);
		if (rc < 0)
			return rc;
		if (repo->source_count > 1)
			qsort(repo->sources, repo->source_count, sizeof(*repo->sources),
			      source_order);
		repo->sources_read = 1;
	}
	*out = repo->sources;
	*count = repo->source_count;
	return 0;
}

int policy_repo_uncommitted(policy_buf *out, policy_repo *repo)
{
	char *paths[] = {"policies", "templates", "policyctl.yaml"};
	git_status_options opts;
	git_status_list *list = NULL;
	int rc = 0;

	policy__buf_clear(out);
	if (git_repository_is_bare(repo->git))
		return 0;
	if (git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION) < 0)
		return fail("status");
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
		     GIT_STATUS_OPT_SORT_CASE_SENSITIVELY;
	opts.pathspec.strings = paths;
	opts.pathspec.count = sizeof(paths) / sizeof(paths[0]);
	if (git_status_list_new(&list, repo->git, &opts) < 0)
		return fail("status");
	for (size_t i = 0; i < git_status_list_entrycount(list) && rc == 0; i++) {
		const git_status_entry *e = git_status_byindex(list, i);
		const git_diff_delta *d =
			e->index_to_workdir ? e->index_to_workdir : e->head_to_index;

		if (e->status == GIT_STATUS_CURRENT || (e->status & GIT_STATUS_IGNORED) ||
		    d == NULL)
			continue;
		rc = policy__buf_puts(out, d->new_file.path ? d->new_file.path : d->old_file.path);
		if (rc == 0)
			rc = policy__buf_putc(out, '\n');
	}
	git_status_list_free(list);
	return rc;
}

static int signature(git_signature **out, git_repository *git)
{
	if (git_signature_default(out, git) < 0 &&
	    git_signature_now(out, "policyctl", "policyctl@localhost") < 0)
		return fail("signature");
	return 0;
}

int policy_repo_commit_all(policy_repo *repo, const char *message)
{
	git_index *index = NULL;
	git_tree *tree = NULL;
	git_signature *who = NULL;
	git_object *parent = NULL;
	git_oid tree_id, id;
	int rc, has_parent;

	if (git_repository_index(&index, repo->git) < 0 ||
	    git_index_add_all(index, NULL, 0, NULL, NULL) < 0 ||
	    git_index_update_all(index, NULL, NULL, NULL) < 0 || git_index_write(index) < 0 ||
	    git_index_write_tree(&tree_id, index) < 0 ||
	    git_tree_lookup(&tree, repo->git, &tree_id) < 0) {
		rc = fail("staging the working tree");
		goto done;
	}
	if ((rc = signature(&who, repo->git)) < 0)
		goto done;
	has_parent = git_revparse_single(&parent, repo->git, "HEAD^{commit}") == 0;
	if (git_commit_create_v(&id, repo->git, "HEAD", who, who, NULL, message, tree,
				has_parent ? 1 : 0, parent) < 0)
		rc = fail("commit");
	repo->sources_read = 0;
done:
	git_object_free(parent);
	git_signature_free(who);
	git_tree_free(tree);
	git_index_free(index);
	return rc;
}

static char *message_of(const policy_published *v)
{
	char released[11], effective[11];
	json_t *cats = policy__category_json(v->categories), *o;
	char *text;

	policy_date_format(released, &v->released);
	policy_date_format(effective, &v->effective);
	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:s}", "policy", v->policy,
		      "locale", v->locale, "version", v->version_text, "title",
		      v->title ? v->title : "", "released", released, "effective", effective,
		      "level", policy_level_name(v->level), "categories", cats, "summary",
		      v->summary ? v->summary : "", "sha256", v->sha256 ? v->sha256 : "");
	text = o ? json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	json_decref(o);
	return text;
}

/* Give the repository a copy of its list to add to, keeping the one
 * handed out so far as it is (callers may be walking it). */
static int fresh_list(policy_repo *r)
{
	policy_published *copy = malloc((r->count + 1) * sizeof(*copy));

	if (copy == NULL || ARRAY_RESERVE(r->retired, r->retired_cap, r->retired_count) < 0) {
		free(copy);
		return policy__error_nomem();
	}
	if (r->count > 0)
		memcpy(copy, r->list, r->count * sizeof(*copy));
	r->retired[r->retired_count++] = r->list;
	r->list = copy;
	r->cap = r->count + 1;
	return 0;
}

int policy_repo_pack_refs(policy_repo *repo)
{
	git_refdb *refdb = NULL;
	int rc = 0;

	if (git_repository_refdb(&refdb, repo->git) < 0 || git_refdb_compress(refdb) < 0)
		rc = fail("packing the refs");
	git_refdb_free(refdb);
	return rc;
}

int policy_repo_tag(policy_repo *repo, const policy_published *v)
{
	git_object *head = NULL;
	git_signature *who = NULL;
	git_oid oid;
	char name[256], *message = NULL;
	int rc;

	snprintf(name, sizeof(name), "%s/%s/%s", v->policy, v->locale, v->version_text);
	if (git_revparse_single(&head, repo->git, "HEAD^{commit}") < 0)
		return policy__error_set(POLICY_ENOTFOUND, "the repository has no commit to tag");
	if ((rc = signature(&who, repo->git)) < 0)
		goto done;
	if ((message = message_of(v)) == NULL) {
		rc = policy__error_nomem();
		goto done;
	}
	rc = git_tag_create(&oid, repo->git, name, head, who, message, 0);
	if (rc == GIT_EEXISTS)
		rc = policy__error_set(POLICY_EEXISTS,
				       "tag %s exists already; published versions never change",
				       name);
	else if (rc < 0)
		rc = fail(name);
	else if (repo->listed && (rc = fresh_list(repo)) == 0 &&
		 (rc = read_tags(repo, &(tag_ref){name, oid}, 1, 0)) == 0 && repo->count > 1)
		/* The list stays read: only the new tag is added to a copy. */
		qsort(repo->list, repo->count, sizeof(*repo->list), published_order);
	if (rc < 0)
		repo->listed = 0;
done:
	free(message);
	git_signature_free(who);
	git_object_free(head);
	return rc;
}
