/*
 * Writing the published site. The new site is built in a directory beside
 * the old one (.<name>.new-<pid>) and swapped in with one
 * renameat2(RENAME_EXCHANGE), so a reader, or a publish killed at any
 * moment, finds the old site or the new one, whole. A lock file beside it
 * keeps two publishes apart, and leftovers of a killed one are removed by
 * the next.
 *
 * A version's files (<version>.md, .html, the redline to it, and their
 * gzip twins) never change once written, so files of versions the old
 * site has already rendered, with the same source hash, are hard-linked
 * from it instead of rendered again: publishing one new version renders
 * that version, its redline, and the pages that list versions.
 *
 * The site the swap replaced is not deleted but kept beside the new one
 * as .<name>.spare, its version files hard links shared with the live
 * site. The next publish builds in the spare instead of from nothing: it
 * already holds every version but the newest, so the publish writes the
 * new version's files, links those the spare lacks, rewrites the pages
 * and manifests that list versions, and removes what the new site does
 * not have; it touches no file of an unchanged version, so one more
 * version over a thousand costs what the new files cost. Nothing in the
 * spare is written in place (a file is unlinked first), since its version
 * files are the live site's too.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libxml/parser.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "array.h"
#include "buf.h"
#include "error.h"
#include "gzip.h"
#include "parallel.h"
#include "policy/diff.h"
#include "policy/document.h"
#include "policy/facts.h"
#include "policy/file.h"
#include "policy/publish.h"
#include "policy/render.h"
#include "site.h"
#include "strmap.h"

#define SITE_FILE_MAX (64u * 1024u * 1024u)

/* What the threads writing the site share. Streams (a policy in a
 * locale) are handed out one at a time; the repository is read by one
 * thread at a time. */
typedef struct {
	const site_plan *plan;
	char tmp[PATH_MAX];   /* the new site while it is built */
	char prev[PATH_MAX];  /* the old site, "" when there is none */
	char cache[PATH_MAX]; /* gzip members of the bundles, by content */
	char spare[PATH_MAX]; /* .<name>.spare: the site before the live one */
	int reuse;            /* tmp is the spare site, updated in place */
	/* the SHA-256 of each stream's zip and tar.gz, hashed by the thread
	 * that made them, from memory */
	char (*bundle_sums)[2][DIGEST_HEX_SIZE];
	policy_buf used; /* the cache's files this publish used, one a line */
	pthread_mutex_t lock;
	size_t next;        /* the next stream to write */
	size_t done, total; /* versions, for progress */
	int rc;             /* the first failure, and its message */
	char message[600];
} shared;

/* One thread's state. */
typedef struct {
	shared *sh;
	const site_plan *plan;
	const char *tmp, *prev;
	size_t written, kept;
	policy_buf gz; /* scratch for twins */
	bundle_entry *entries;
	size_t entry_count, entry_cap;
	policy_buf used; /* the bundle cache's files this publish used */
	/* in a spare: the files of the stream being written, relative to tmp,
	 * so that prune_stream() removes the others */
	arena names_mem;
	strmap names;
	/* ... and the inodes of the files the spare and the live site hold
	 * there, read first */
	strmap spare_files, live_files;
} writer;

/* snprintf into a PATH_MAX buffer. policy__site_write() bounds the names it is
 * given so that no path it builds can be cut short. A site of a thousand
 * versions builds some 70,000 paths per publish, so the formats it uses,
 * text and %s alone, are put together here; any other goes to vsnprintf. */
static void pathf(char out[PATH_MAX], const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void pathf(char out[PATH_MAX], const char *fmt, ...)
{
	va_list ap;
	size_t n = 0;
	const char *f;

	va_start(ap, fmt);
	for (f = fmt; *f != '\0' && n < PATH_MAX - 1; f++) {
		if (f[0] == '%' && f[1] == 's') {
			const char *arg = va_arg(ap, const char *);
			size_t len = strnlen(arg, PATH_MAX - 1 - n);

			memcpy(out + n, arg, len);
			n += len;
			f++;
		} else if (f[0] == '%') {
			break; /* another conversion */
		} else {
			out[n++] = *f;
		}
	}
	va_end(ap);
	out[n] = '\0';
	if (*f == '%') {
		va_start(ap, fmt);
		vsnprintf(out, PATH_MAX, fmt, ap);
		va_end(ap);
	}
}

static int io_error(const char *what, const char *path)
{
	return policy__error_set(POLICY_EIO, "%s %s: %s", what, path, policy__strerror(errno));
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int policy__site_remove_tree(const char *path)
{
	if (nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) < 0 && errno != ENOENT)
		return io_error("cannot remove", path);
	return 0;
}

static int make_dirs(const char *root, const char *rel)
{
	char path[PATH_MAX];

	pathf(path, "%s/%s", root, rel);
	for (char *p = path + strlen(root) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			return io_error("cannot create", path);
		*p = '/';
	}
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		return io_error("cannot create", path);
	return 0;
}

/* Note that the new site has `rel` and its twin, when it is built in a
 * spare (which holds files the new site may not have). */
static int track(writer *w, const char *rel)
{
	char *key, *twin, name[PATH_MAX];

	if (!w->sh->reuse)
		return 0;
	pathf(name, "%s.gz", rel);
	key = policy__arena_strdup(&w->names_mem, rel);
	twin = policy__arena_strdup(&w->names_mem, name);
	if (key == NULL || twin == NULL || policy__strmap_put(&w->names, key, 1) < 0 ||
	    policy__strmap_put(&w->names, twin, 1) < 0)
		return policy__error_nomem();
	return 0;
}

/* Write `rel` in the new site and its gzip twin `rel`.gz. */
static int put(writer *w, const char *rel, const char *data, size_t len)
{
	char path[PATH_MAX];
	int rc;

	if ((rc = track(w, rel)) < 0)
		return rc;
	pathf(path, "%s/%s", w->tmp, rel);
	if ((rc = policy__site_write_file(path, data, len)) < 0)
		return rc;
	if ((rc = policy__gzip_compress(&w->gz, data, len)) < 0)
		return rc;
	strncat(path, ".gz", sizeof(path) - strlen(path) - 1);
	if ((rc = policy__site_write_file(path, w->gz.ptr, w->gz.size)) < 0)
		return rc;
	w->written += 2;
	return 0;
}

static int copy_file(const char *from, const char *to)
{
	policy_buf data = POLICY_BUF_INIT;
	int rc = policy_file_read(&data, from, SITE_FILE_MAX);

	if (rc == 0)
		rc = policy__site_write_file(to, data.ptr ? data.ptr : "", data.size);
	policy_buf_dispose(&data);
	return rc;
}

/* The files `rels` and their twins are the new site's, kept: 1, or
 * POLICY_ENOMEM. */
static int kept_all(writer *w, const char *const *rels, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (track(w, rels[k]) < 0)
			return POLICY_ENOMEM;
	w->kept += 2 * n;
	return 1;
}

/* Keep the files `rels` and their twins from the old site, all or none:
 * 1 when kept, 0 when the old site lacks one of them (nothing is left
 * linked: a file written over a link would change the old site's copy
 * too), negative on failure. link() is the only lookup: on the hot path
 * of publishing one version, 12,000 files go through here. */
static int keep(writer *w, const char *const *rels, size_t n)
{
	char from[PATH_MAX], to[PATH_MAX];
	size_t done = 0;
	int rc = 1;

	for (; done < 2 * n && rc == 1; done++) {
		const char *twin = done % 2 ? ".gz" : "";

		pathf(from, "%s/%s%s", w->prev, rels[done / 2], twin);
		pathf(to, "%s/%s%s", w->tmp, rels[done / 2], twin);
		if (link(from, to) == 0)
			continue;
		/* a spare's file of that name, of another version's content */
		if (errno == EEXIST && unlink(to) == 0 && link(from, to) == 0)
			continue;
		if (errno == ENOENT)
			rc = 0;
		else if ((rc = copy_file(from, to)) == 0)
			rc = 1; /* another file system: copied instead */
	}
	if (rc != 1) {
		/* Undo the links made before the one that failed. */
		for (size_t k = 0; k + 1 < done; k++) {
			pathf(to, "%s/%s%s", w->tmp, rels[k / 2], k % 2 ? ".gz" : "");
			unlink(to);
		}
		return rc;
	}
	return kept_all(w, rels, n);
}

/* Is `rel` in the spare the live site's file itself (a hard link)? */
static int same_file(const writer *w, const char *rel)
{
	size_t *a = policy__strmap_get(&w->spare_files, rel);
	size_t *b = policy__strmap_get(&w->live_files, rel);

	return a != NULL && b != NULL && *a == *b;
}

/* Keep the files `rels` and their twins where they are in the spare, all
 * or none, when they are the live site's files (as keep() would link
 * them): 1 when they all are, 0 when not (the version is new to the
 * spare, or someone changed a file), negative on failure. */
static int in_spare(writer *w, const char *const *rels, size_t n)
{
	char twin[PATH_MAX];

	if (!w->sh->reuse)
		return 0;
	for (size_t k = 0; k < n; k++) {
		pathf(twin, "%s.gz", rels[k]);
		if (!same_file(w, rels[k]) || !same_file(w, twin))
			return 0;
	}
	return kept_all(w, rels, n);
}

/* The old site's archive/<policy>-<locale>.SHA256SUMS: its text, and each
 * file's name to the offset of its hash in it. */
typedef struct {
	policy_buf text;
	strmap names;
} sums;

static int old_sums(sums *out, const writer *w, const site_stream *s)
{
	char path[PATH_MAX];

	*out = (sums){POLICY_BUF_INIT, STRMAP_INIT};
	if (w->prev[0] == '\0')
		return 0;
	pathf(path, "%s/archive/%s-%s.SHA256SUMS", w->prev, s->policy, s->locale);
	if (policy_file_read(&out->text, path, SITE_FILE_MAX) < 0) {
		policy_error_clear();
		return 0;
	}
	for (char *line = out->text.ptr, *nl; line && *line; line = nl + 1) {
		if ((nl = strchr(line, '\n')) == NULL)
			break;
		*nl = '\0';
		if (nl - line > 66 && line[64] == ' ' && line[65] == ' ') {
			line[64] = '\0';
			if (policy__strmap_put(&out->names, line + 66,
					       (size_t)(line - out->text.ptr)) < 0)
				return policy__error_nomem();
		}
	}
	return 0;
}

static void sums_free(sums *m)
{
	policy__strmap_dispose(&m->names);
	policy_buf_dispose(&m->text);
}

/* The hash the old site's SHA256SUMS gives its file `name` (NULL: none). */
static const char *sums_get(const sums *old, const char *name)
{
	size_t *at = policy__strmap_get(&old->names, name);

	return at ? old->text.ptr + *at : NULL;
}

/* Does the old site hold `v` from the same source? Its <version>.md is
 * the source byte for byte, so its hash in SHA256SUMS is the source's:
 * one small file read instead of the manifest. */
static int same_hash(const sums *old, const site_version *v)
{
	char name[PATH_MAX];
	const char *h;

	pathf(name, "%s.md", v->pub.version_text);
	h = sums_get(old, name);
	return h != NULL && v->pub.sha256[0] != '\0' && strcmp(h, v->pub.sha256) == 0;
}

/* ... and the redline to it, from the same version before it? */
static int same_diff(const sums *old, const site_stream *s, long i)
{
	return i > 0 && same_hash(old, &s->versions[i]) && same_hash(old, &s->versions[i - 1]) &&
	       sums_get(old, s->versions[i].diff) != NULL;
}

/* The documents of a stream, read from their tags when first needed; at
 * most two are held at once (a version and the one before it). */
typedef struct {
	const site_plan *plan;
	pthread_mutex_t *lock; /* around reads of the repository */
	const site_stream *s;
	policy_buf source[2];
	policy_doc *doc[2];
	long index[2];
} doc_cache;

static int cache_get(doc_cache *c, long i, const policy_doc **doc, const policy_buf **source)
{
	policy_doc_options opts = POLICY_DOC_OPTIONS_INIT;
	const site_version *v = &c->s->versions[i];
	int slot, rc;

	for (slot = 0; slot < 2; slot++) {
		if (c->index[slot] == i) {
			*doc = c->doc[slot];
			*source = &c->source[slot];
			return 0;
		}
	}
	/* Evict the lower index: versions are visited in order. */
	slot = c->index[0] < c->index[1] ? 0 : 1;
	policy_doc_free(c->doc[slot]);
	c->doc[slot] = NULL;
	c->index[slot] = -1;
	opts.rules = c->plan->rules;
	opts.now = v->pub.released;
	pthread_mutex_lock(c->lock);
	rc = policy_repo_load_version(&c->doc[slot], &c->source[slot], c->plan->repo, &v->pub,
				      &opts);
	pthread_mutex_unlock(c->lock);
	if (rc < 0)
		return rc;
	c->index[slot] = i;
	*doc = c->doc[slot];
	*source = &c->source[slot];
	return 0;
}

static void cache_free(doc_cache *c)
{
	for (int i = 0; i < 2; i++) {
		policy_doc_free(c->doc[i]);
		policy_buf_dispose(&c->source[i]);
	}
}

/* A version's page (`v`), and with `up` the current page announcing the
 * upcoming version. */
static int render_page(writer *w, const policy_doc *doc, const char *rel, const site_version *v,
		       const site_version *up)
{
	policy_render_options opts = POLICY_RENDER_OPTIONS_INIT;
	policy_buf html = POLICY_BUF_INIT;
	char when[11], up_page[80];
	int rc;

	opts.template_dir = w->plan->template_dir;
	opts.archive_href = "versions.html";
	opts.level = (int)v->pub.level;
	opts.changes_href = v->diff[0] ? v->diff : NULL;
	if (up != NULL) {
		policy_date_format(when, &up->pub.effective);
		snprintf(up_page, sizeof(up_page), "%s.html", up->pub.version_text);
		opts.upcoming_version = up->pub.version_text;
		opts.upcoming_effective = when;
		opts.upcoming_level = (int)up->pub.level;
		opts.upcoming_href = up_page;
		opts.upcoming_changes_href = up->diff[0] ? up->diff : NULL;
	}
	rc = policy_render(&html, doc, POLICY_FORMAT_HTML, &opts);
	if (rc == 0)
		rc = put(w, rel, html.ptr, html.size);
	policy_buf_dispose(&html);
	return rc;
}

/* <version>.facts.json: the privacy facts the version states. */
static int put_facts(writer *w, const policy_doc *doc, const char *rel)
{
	policy_buf text = POLICY_BUF_INIT;
	int rc = policy_facts_json(&text, doc);

	if (rc == 0)
		rc = put(w, rel, text.ptr, text.size);
	policy_buf_dispose(&text);
	return rc;
}

/* What write_version() kept from the old site, by version: the bundles
 * reuse exactly those files' hashes and compressed entries. */
#define KEPT_PAGES 1 /* the source, the page and their twins */
#define KEPT_DIFF 2  /* the redline to it */

static int write_version(writer *w, doc_cache *c, const sums *old, const char *dir, long i,
			 unsigned char *kept)
{
	const site_stream *s = c->s;
	const site_version *v = &s->versions[i];
	const policy_doc *doc, *before;
	const policy_buf *source, *unused;
	char md[PATH_MAX], html[PATH_MAX], facts[PATH_MAX], diff[PATH_MAX];
	int rc = 0;

	const char *pages[] = {md, html, facts}, *one[] = {diff};

	pathf(md, "%s/%s.md", dir, v->pub.version_text);
	pathf(html, "%s/%s.html", dir, v->pub.version_text);
	pathf(facts, "%s/%s.facts.json", dir, v->pub.version_text);
	*kept = 0;
	if (same_hash(old, v) &&
	    ((rc = in_spare(w, pages, 3)) != 0 || (rc = keep(w, pages, 3)) != 0)) {
		if (rc < 0)
			return rc;
		*kept |= KEPT_PAGES;
	} else if ((rc = cache_get(c, i, &doc, &source)) < 0 ||
		   (rc = put(w, md, source->ptr ? source->ptr : "", source->size)) < 0 ||
		   (rc = render_page(w, doc, html, v, NULL)) < 0 ||
		   (rc = put_facts(w, doc, facts)) < 0) {
		return rc;
	}
	if (i == 0)
		return 0;
	pathf(diff, "%s/%s", dir, v->diff);
	if (same_diff(old, s, i) &&
	    ((rc = in_spare(w, one, 1)) != 0 || (rc = keep(w, one, 1)) != 0)) {
		if (rc > 0)
			*kept |= KEPT_DIFF;
		return rc < 0 ? rc : 0;
	}
	{
		policy_diff *d = NULL;
		policy_buf page = POLICY_BUF_INIT;

		if ((rc = cache_get(c, i - 1, &before, &unused)) < 0 ||
		    (rc = cache_get(c, i, &doc, &source)) < 0)
			return rc;
		rc = policy_diff_new(&d, before, doc);
		if (rc == 0)
			rc = policy_diff_render(&page, d, POLICY_DIFF_HTML, 0,
						w->plan->template_dir);
		if (rc == 0)
			rc = put(w, diff, page.ptr, page.size);
		policy_buf_dispose(&page);
		policy_diff_free(d);
	}
	return rc;
}

/* Versions per gzip member of the tar.gz: publishing one more version
 * compresses at most this many again. */
#define BUNDLE_GROUP 16
#define BUNDLE_TAIL 0xffffffffu /* the manifest and SHA256SUMS */

static bundle_entry *bundle_next(writer *w, const char *name, unsigned group,
				 const policy_date *when)
{
	bundle_entry *e;

	if (ARRAY_RESERVE(w->entries, w->entry_cap, w->entry_count) < 0)
		return NULL;
	e = &w->entries[w->entry_count];
	memset(e, 0, sizeof(*e));
	if ((e->name = strdup(name)) == NULL)
		return NULL;
	e->group = group;
	e->mtime = policy_date_to_days(when) * 86400LL;
	w->entry_count++;
	return e;
}

/* Add the file `rel` of the new site as `name`: its hash from the old
 * site's SHA256SUMS when `kept` (the same bytes), else read and hashed. */
static int bundle_add(writer *w, const char *rel, const char *name, unsigned group,
		      const policy_date *when, int kept, const sums *old)
{
	bundle_entry *e = bundle_next(w, name, group, when);
	const char *h = kept ? sums_get(old, strchr(name, '/') + 1) : NULL;
	char path[PATH_MAX];

	if (e == NULL || (pathf(path, "%s/%s", w->tmp, rel), (e->path = strdup(path)) == NULL))
		return policy__error_nomem();
	if (h != NULL && strlen(h) == DIGEST_HEX_SIZE - 1) {
		memcpy(e->sha256, h, DIGEST_HEX_SIZE);
		e->kept = 1;
		return 0;
	}
	if (policy_file_read(&e->data, path, SITE_FILE_MAX) < 0)
		return policy_error_last()->code;
	e->loaded = 1;
	return policy__digest_sha256(e->sha256, e->data.ptr ? e->data.ptr : "", e->data.size);
}

/* Add `data` (taken) as `name`. */
static int bundle_add_data(writer *w, policy_buf *data, const char *name, const policy_date *when)
{
	bundle_entry *e = bundle_next(w, name, BUNDLE_TAIL, when);

	if (e == NULL) {
		policy_buf_dispose(data);
		return policy__error_nomem();
	}
	e->data = *data;
	*data = (policy_buf)POLICY_BUF_INIT;
	e->loaded = 1;
	return policy__digest_sha256(e->sha256, e->data.ptr ? e->data.ptr : "", e->data.size);
}

static void bundle_clear(writer *w)
{
	for (size_t i = 0; i < w->entry_count; i++) {
		free(w->entries[i].name);
		free(w->entries[i].path);
		policy_buf_dispose(&w->entries[i].data);
	}
	w->entry_count = 0;
}

/* archive/<policy>-<locale>.zip and .tar.gz: every version's source, page
 * and redline in version order, then the manifest (`manifest`, the form
 * bundles hold, taken) and SHA256SUMS over all of them (also beside the
 * bundles as <policy>-<locale>.SHA256SUMS, so the next publish hashes
 * only what is new). */
static int write_bundles(writer *w, const site_stream *s, const char *dir,
			 const unsigned char *kept, const sums *old, policy_buf *manifest)
{
	const policy_date *last = &s->versions[s->count - 1].pub.effective;
	char rel[PATH_MAX], name[PATH_MAX], zip[PATH_MAX], tgz[PATH_MAX], old_zip[PATH_MAX];
	policy_buf text = POLICY_BUF_INIT;
	bundle_target t;
	struct stat st;
	int rc = 0;

	bundle_clear(w);
	for (size_t i = 0; i < s->count && rc == 0; i++) {
		const site_version *v = &s->versions[i];
		unsigned group = (unsigned)(i / BUNDLE_GROUP);
		int same = (kept[i] & KEPT_PAGES) != 0;
		const char *ext[] = {"md", "html"};

		for (int k = 0; k < 2 && rc == 0; k++) {
			pathf(rel, "%s/%s.%s", dir, v->pub.version_text, ext[k]);
			pathf(name, "%s-%s/%s.%s", s->policy, s->locale, v->pub.version_text,
			      ext[k]);
			rc = bundle_add(w, rel, name, group, &v->pub.effective, same, old);
		}
		if (rc == 0 && v->diff[0]) {
			pathf(rel, "%s/%s", dir, v->diff);
			pathf(name, "%s-%s/%s", s->policy, s->locale, v->diff);
			rc = bundle_add(w, rel, name, group, &v->pub.effective,
					(kept[i] & KEPT_DIFF) != 0, old);
		}
	}
	/* the archive page the version pages link to, for reading offline:
	 * without the links that lead out of the bundle */
	if (rc == 0 && (rc = policy__site_page_versions(&text, w->plan, s, 1)) == 0) {
		pathf(name, "%s-%s/versions.html", s->policy, s->locale);
		rc = bundle_add_data(w, &text, name, last);
	}
	if (rc == 0) {
		pathf(name, "%s-%s/index.json", s->policy, s->locale);
		rc = bundle_add_data(w, manifest, name, last);
	}
	/* SHA256SUMS in the format of sha256sum(1), names relative to it. */
	for (size_t i = 0; i < w->entry_count && rc == 0; i++)
		rc = policy__buf_printf_line(&text, "%s  %s\n", w->entries[i].sha256,
					     strchr(w->entries[i].name, '/') + 1);
	if (rc == 0) {
		pathf(rel, "%s/archive/%s-%s.SHA256SUMS", w->tmp, s->policy, s->locale);
		rc = policy__site_write_file(rel, text.ptr ? text.ptr : "", text.size);
		w->written++;
	}
	if (rc == 0) {
		pathf(name, "%s-%s/SHA256SUMS", s->policy, s->locale);
		rc = bundle_add_data(w, &text, name, last);
	}
	if (rc == 0) {
		pathf(zip, "%s/archive/%s-%s.zip", w->tmp, s->policy, s->locale);
		pathf(tgz, "%s/archive/%s-%s.tar.gz", w->tmp, s->policy, s->locale);
		pathf(old_zip, "%s/archive/%s-%s.zip", w->prev, s->policy, s->locale);
		t.zip_path = zip;
		t.tgz_path = tgz;
		t.old_zip = w->prev[0] && stat(old_zip, &st) == 0 ? old_zip : NULL;
		t.cache_dir = w->sh->cache[0] ? w->sh->cache : NULL;
		t.used = &w->used;
		/* written to new files, a spare's unlinked first: never in place */
		rc = policy__bundle_write(&t, w->entries, w->entry_count);
		w->written += 2;
	}
	if (rc == 0) {
		char(*hex)[DIGEST_HEX_SIZE] = w->sh->bundle_sums[s - w->plan->streams];

		memcpy(hex[0], t.zip_sha256, DIGEST_HEX_SIZE);
		memcpy(hex[1], t.tgz_sha256, DIGEST_HEX_SIZE);
	}
	policy_buf_dispose(&text);
	bundle_clear(w);
	return rc;
}

/* archive/SHA256SUMS: the downloads themselves (every stream's .zip and
 * .tar.gz), so that `sha256sum -c SHA256SUMS` beside them checks what
 * was downloaded; each bundle's own SHA256SUMS lists what is inside it. */
static int archive_sums(writer *w)
{
	policy_buf text = POLICY_BUF_INIT;
	char path[PATH_MAX];
	int rc = 0;

	for (size_t i = 0; i < w->plan->count && rc == 0; i++) {
		const site_stream *s = &w->plan->streams[i];

		for (int k = 0; k < 2 && rc == 0; k++)
			rc = policy__buf_printf_line(&text, "%s  %s-%s.%s\n",
						     w->sh->bundle_sums[i][k], s->policy, s->locale,
						     k ? "tar.gz" : "zip");
	}
	if (rc == 0) {
		pathf(path, "%s/archive/SHA256SUMS", w->tmp);
		rc = policy__site_write_file(path, text.ptr ? text.ptr : "", text.size);
		w->written++;
	}
	policy_buf_dispose(&text);
	return rc;
}

/* Call `each(ctx, path, e)` for each entry `e` of the directory `rel` of
 * the site at `root` but . and .. (`path`: the entry's), until one returns
 * non-zero. A directory that is not there has no entries. */
static int each_entry(const char *root, const char *rel,
		      int (*each)(void *ctx, const char *path, const struct dirent *e), void *ctx)
{
	char dir[PATH_MAX], path[PATH_MAX];
	struct dirent *e;
	DIR *d;
	int rc = 0;

	pathf(dir, "%s/%s", root, rel);
	if ((d = opendir(dir)) == NULL)
		return errno == ENOENT ? 0 : io_error("cannot read", dir);
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		pathf(path, "%s/%s", dir, e->d_name);
		rc = each(ctx, path, e);
	}
	closedir(d);
	return rc;
}

typedef struct {
	const char *rel;
	int (*wanted)(void *ctx, const char *rel, const char *name);
	void *ctx;
} pruning;

static int prune_entry(void *ctx, const char *path, const struct dirent *e)
{
	const pruning *p = ctx;
	struct stat st;

	if (p->wanted(p->ctx, p->rel, e->d_name))
		return 0;
	if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return policy__site_remove_tree(path);
	return unlink(path) < 0 && errno != ENOENT ? io_error("cannot remove", path) : 0;
}

/* Remove from the directory `rel` of the new site (in tmp) each entry
 * `wanted(ctx, rel, name)` does not want: what a spare holds that the new
 * site does not (a version no longer published, a redline renamed, a
 * stream gone). */
static int prune(const char *root, const char *rel,
		 int (*wanted)(void *ctx, const char *rel, const char *name), void *ctx)
{
	pruning p = {rel, wanted, ctx};

	return each_entry(root, rel, prune_entry, &p);
}

typedef struct {
	writer *w;
	strmap *files;
	const char *rel;
} listing;

static int list_entry(void *ctx, const char *path, const struct dirent *e)
{
	listing *l = ctx;
	char *key, name[PATH_MAX];

	(void)path;
	if (e->d_type != DT_REG && e->d_type != DT_UNKNOWN)
		return 0;
	pathf(name, "%s/%s", l->rel, e->d_name);
	key = policy__arena_strdup(&l->w->names_mem, name);
	if (key == NULL || policy__strmap_put(l->files, key, (size_t)e->d_ino) < 0)
		return policy__error_nomem();
	return 0;
}

/* The regular files of the directory `rel` of the site at `root`, by
 * inode, into `files`: one readdir instead of a stat per file. */
static int read_files(writer *w, strmap *files, const char *root, const char *rel)
{
	listing l = {w, files, rel};

	return each_entry(root, rel, list_entry, &l);
}

/* In a spare: remove the files it held in the stream's directories
 * (listed before the stream was written) that the new site does not
 * have, and forget the names. */
static int prune_stream(writer *w)
{
	char path[PATH_MAX];
	int rc = 0;

	for (size_t i = 0; i < w->spare_files.cap && rc == 0; i++) {
		const char *rel = w->spare_files.slots[i].key;

		if (rel == NULL || policy__strmap_get(&w->names, rel) != NULL)
			continue;
		pathf(path, "%s/%s", w->tmp, rel);
		if (unlink(path) < 0 && errno != ENOENT)
			rc = io_error("cannot remove", path);
	}
	policy__strmap_dispose(&w->names);
	policy__strmap_dispose(&w->spare_files);
	policy__strmap_dispose(&w->live_files);
	policy__arena_free(&w->names_mem);
	return rc;
}

static int write_stream(writer *w, const site_stream *s)
{
	doc_cache c = {w->plan,      &w->sh->lock, s, {POLICY_BUF_INIT, POLICY_BUF_INIT},
		       {NULL, NULL}, {-1, -1}};
	policy_buf text = POLICY_BUF_INIT, manifest = POLICY_BUF_INIT;
	char dir[PATH_MAX], rel[PATH_MAX];
	sums old = {POLICY_BUF_INIT, STRMAP_INIT};
	unsigned char *kept = calloc(s->count, 1);
	int rc = kept ? old_sums(&old, w, s) : policy__error_nomem();

	pathf(dir, "%s/%s", s->policy, s->locale);
	if (rc == 0)
		rc = make_dirs(w->tmp, dir);
	if (rc == 0) {
		pathf(rel, "%s/diff", dir);
		rc = make_dirs(w->tmp, rel);
	}
	/* in a spare: the files it holds, and the live site's, by inode */
	if (rc == 0 && w->sh->reuse && (rc = read_files(w, &w->spare_files, w->tmp, dir)) == 0 &&
	    (rc = read_files(w, &w->spare_files, w->tmp, rel)) == 0 &&
	    (rc = read_files(w, &w->live_files, w->prev, dir)) == 0)
		rc = read_files(w, &w->live_files, w->prev, rel);
	for (size_t i = 0; i < s->count && rc == 0; i++) {
		rc = write_version(w, &c, &old, dir, (long)i, &kept[i]);
		pthread_mutex_lock(&w->sh->lock);
		w->sh->done++;
		if (w->plan->progress)
			w->plan->progress(w->plan->payload, w->sh->done, w->sh->total);
		if (w->sh->rc < 0 && rc == 0)
			rc = w->sh->rc; /* another thread failed: stop */
		pthread_mutex_unlock(&w->sh->lock);
	}
	if (rc == 0 && s->current >= 0) {
		const site_version *up = s->upcoming >= 0 ? &s->versions[s->upcoming] : NULL;
		const policy_doc *doc;
		const policy_buf *source;

		pathf(rel, "%s/current.html", dir);
		rc = cache_get(&c, s->current, &doc, &source);
		if (rc == 0)
			rc = render_page(w, doc, rel, &s->versions[s->current], up);
	}
	cache_free(&c);
	/* the bundle's manifest is without the day's current and upcoming, so
	 * that a bundle depends on the published versions alone */
	if (rc == 0 && (rc = policy__manifest_policy(&text, &manifest, s)) == 0) {
		pathf(rel, "%s/index.json", dir);
		rc = put(w, rel, text.ptr, text.size);
	}
	if (rc == 0 && (rc = policy__site_page_versions(&text, w->plan, s, 0)) == 0) {
		pathf(rel, "%s/versions.html", dir);
		rc = put(w, rel, text.ptr, text.size);
	}
	if (rc == 0 && (rc = policy__feed_atom(&text, w->plan, s)) == 0) {
		pathf(rel, "%s/feed.atom", dir);
		rc = put(w, rel, text.ptr, text.size);
	}
	if (rc == 0)
		rc = write_bundles(w, s, dir, kept, &old, &manifest);
	if (rc == 0)
		rc = prune_stream(w);
	sums_free(&old);
	free(kept);
	policy_buf_dispose(&manifest);
	policy_buf_dispose(&text);
	return rc;
}

/*
 * What publish may replace or remove. Only what it can prove it made: a
 * site, a build directory and the bundle cache each hold a marker file
 * publish writes first, and nothing without the marker is ever deleted
 * (a folder that merely has an index.json may be someone's web app).
 */
#define SITE_MARKER POLICY_PUBLISH_MARKER
#define CACHE_MARKER ".policyctl-cache"
#define MARKER_TEXT "written by policyctl publish; the next publish replaces this directory\n"

static int has_marker(const char *dir, const char *marker)
{
	char path[PATH_MAX], text[sizeof(MARKER_TEXT)];
	struct stat st;
	ssize_t n;
	int fd;

	pathf(path, "%s/%s", dir, marker);
	if (lstat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)) < 0)
		return 0;
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	return n == (ssize_t)strlen(MARKER_TEXT) && memcmp(text, MARKER_TEXT, (size_t)n) == 0;
}

/* rm -rf a directory of ours with its marker removed last, so that a
 * removal killed half-way leaves a directory the next publish still
 * knows as its own. */
static __thread const char *keep_marker;

static int remove_unmarked(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	if (ftw->level == 1 && strcmp(path + ftw->base, keep_marker) == 0)
		return 0;
	if (ftw->level == 0)
		return 0;
	return remove(path);
}

static int remove_owned(const char *dir, const char *marker)
{
	char path[PATH_MAX];

	keep_marker = marker;
	if (nftw(dir, remove_unmarked, 16, FTW_DEPTH | FTW_PHYS) < 0 && errno != ENOENT)
		return io_error("cannot remove", dir);
	pathf(path, "%s/%s", dir, marker);
	if ((unlink(path) < 0 && errno != ENOENT) || (rmdir(dir) < 0 && errno != ENOENT))
		return io_error("cannot remove", dir);
	return 0;
}

#define MARKER_NEW ".new" /* a marker while it is written */

/* Write the marker whole under another name, then rename it into place:
 * a directory of ours has its marker at every moment, also while a
 * publish replaces the spare's (which gives it a new inode: serve.c). */
static int put_marker(const char *dir, const char *marker)
{
	char path[PATH_MAX], tmp[PATH_MAX];
	int rc;

	pathf(path, "%s/%s", dir, marker);
	pathf(tmp, "%s%s", path, MARKER_NEW);
	if ((rc = policy__site_write_file(tmp, MARKER_TEXT, strlen(MARKER_TEXT))) < 0)
		return rc;
	return rename(tmp, path) < 0 ? io_error("cannot write", path) : 0;
}

/* A marker, or one being written? */
static int is_marker_name(const char *name)
{
	static const char *const markers[] = {SITE_MARKER, CACHE_MARKER};

	for (size_t i = 0; i < sizeof(markers) / sizeof(markers[0]); i++) {
		size_t n = strlen(markers[i]);

		if (strncmp(name, markers[i], n) == 0 &&
		    (name[n] == '\0' || strcmp(name + n, MARKER_NEW) == 0))
			return 1;
	}
	return 0;
}

/* Empty, but for a marker (perhaps half-written by a killed publish). */
static int is_empty_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int empty = 1;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
		    !is_marker_name(e->d_name))
			empty = 0;
	closedir(d);
	return empty;
}

/* Is `dir` a site publish wrote, or empty? */
static int replaceable(const char *dir)
{
	return has_marker(dir, SITE_MARKER) || is_empty_dir(dir);
}

/* Remove what killed publishes left beside `out`: .<name>.new-<pid>
 * directories that carry the marker (or are empty, killed before it was
 * written). Anything else of that name is someone's, and stays. */
static int clean_leftovers(const char *parent, const char *name)
{
	char prefix[NAME_MAX + 8], path[PATH_MAX];
	DIR *d = opendir(parent);
	struct dirent *e;
	int rc = 0;

	if (d == NULL)
		return io_error("cannot read", parent);
	snprintf(prefix, sizeof(prefix), ".%.*s.new-", NAME_MAX - 8, name);
	while ((e = readdir(d)) != NULL && rc == 0) {
		const char *pid = e->d_name + strlen(prefix);
		struct stat st;

		if (strncmp(e->d_name, prefix, strlen(prefix)) != 0 || *pid == '\0' ||
		    strspn(pid, "0123456789") != strlen(pid))
			continue;
		pathf(path, "%s/%s", parent, e->d_name);
		if (lstat(path, &st) < 0 || !S_ISDIR(st.st_mode))
			continue;
		if (has_marker(path, SITE_MARKER) || is_empty_dir(path))
			rc = remove_owned(path, SITE_MARKER);
	}
	closedir(d);
	return rc;
}

int policy__site_discard(const char *out_dir)
{
	char parent[PATH_MAX], lock[PATH_MAX];
	const char *slash = strrchr(out_dir, '/');
	const char *name = slash ? slash + 1 : out_dir;
	int rc = policy__site_remove_tree(out_dir);

	pathf(parent, "%.*s", slash ? (int)(slash - out_dir) : 1, slash ? out_dir : ".");
	pathf(lock, "%s/.%s.lock", parent, name);
	unlink(lock);
	pathf(lock, "%s/.%s.cache", parent, name);
	if (policy__site_remove_tree(lock) < 0)
		rc = POLICY_EIO;
	pathf(lock, "%s/.%s.spare", parent, name);
	if (policy__site_remove_tree(lock) < 0)
		rc = POLICY_EIO;
	return rc;
}

/* The bundle cache beside the site: made with its marker, used only when
 * it has it. 0 with `dir` set (or emptied when it cannot be made), or
 * POLICY_EEXISTS for a directory of that name publish did not make. */
static int open_cache(char dir[PATH_MAX], const char *parent, const char *name)
{
	struct stat st;

	pathf(dir, "%s/.%s.cache", parent, name);
	if (lstat(dir, &st) == 0) {
		if (S_ISDIR(st.st_mode) && (has_marker(dir, CACHE_MARKER) || is_empty_dir(dir)))
			return is_empty_dir(dir) ? put_marker(dir, CACHE_MARKER) : 0;
		return policy__error_set(
			POLICY_EEXISTS,
			"%s is not a cache policyctl made; it is left alone (move it away, or "
			"publish to another --out)",
			dir);
	}
	if (mkdir(dir, 0755) < 0 || put_marker(dir, CACHE_MARKER) < 0) {
		policy_error_clear();
		dir[0] = '\0'; /* no cache: every bundle made from nothing */
	}
	return 0;
}

static int swap_in(const shared *w, const char *out)
{
	if (w->prev[0] == '\0' && access(out, F_OK) != 0) {
		if (rename(w->tmp, out) < 0)
			return io_error("cannot move the new site to", out);
		return 0;
	}
	if (renameat2(AT_FDCWD, w->tmp, AT_FDCWD, out, RENAME_EXCHANGE) < 0)
		return io_error("cannot swap the new site in for", out);
	/* w->tmp now holds the old site: the next publish builds in it, or
	 * it goes when it cannot be kept */
	if (w->prev[0] != '\0' &&
	    renameat2(AT_FDCWD, w->tmp, AT_FDCWD, w->spare, RENAME_NOREPLACE) == 0)
		return 0;
	return remove_owned(w->tmp, SITE_MARKER);
}

static void *work(void *arg)
{
	writer *w = arg;
	shared *sh = w->sh;

	for (;;) {
		size_t i;
		int rc;

		pthread_mutex_lock(&sh->lock);
		i = sh->next++;
		rc = sh->rc;
		pthread_mutex_unlock(&sh->lock);
		if (rc < 0 || i >= w->plan->count)
			break;
		if ((rc = write_stream(w, &w->plan->streams[i])) < 0) {
			pthread_mutex_lock(&sh->lock);
			if (sh->rc == 0) {
				sh->rc = rc;
				snprintf(sh->message, sizeof(sh->message), "%s",
					 policy_error_last()->message);
			}
			pthread_mutex_unlock(&sh->lock);
			break;
		}
	}
	return NULL;
}

static void writer_init(writer *w, shared *sh)
{
	memset(w, 0, sizeof(*w));
	w->sh = sh;
	w->plan = sh->plan;
	w->tmp = sh->tmp;
	w->prev = sh->prev;
}

static void writer_dispose(writer *w)
{
	policy_buf_dispose(&w->gz);
	bundle_clear(w);
	free(w->entries);
	policy_buf_dispose(&w->used);
	policy__strmap_dispose(&w->names);
	policy__strmap_dispose(&w->spare_files);
	policy__strmap_dispose(&w->live_files);
	policy__arena_free(&w->names_mem);
}

/* The streams on up to WORKERS_MAX threads (this one included). */
#define WORKERS_MAX 4

static int write_streams(shared *sh, size_t *written, size_t *kept)
{
	writer w[WORKERS_MAX];
	pthread_t threads[WORKERS_MAX];
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n = sh->plan->count < WORKERS_MAX ? sh->plan->count : WORKERS_MAX, started = 0;

	/* libxml2 must be set up before threads use it. */
	xmlInitParser();
	if (cpus > 0 && (size_t)cpus < n)
		n = (size_t)cpus;
	if (n == 0)
		n = 1;
	for (size_t i = 0; i < n; i++)
		writer_init(&w[i], sh);
	for (size_t i = 1; i < n; i++, started++)
		if (policy__thread_start(&threads[i], work, &w[i]) != 0)
			break;
	work(&w[0]);
	for (size_t i = 1; i <= started; i++)
		pthread_join(threads[i], NULL);
	for (size_t i = 0; i < n; i++) {
		*written += w[i].written;
		*kept += w[i].kept;
		if (sh->rc == 0 && w[i].used.size > 0 &&
		    policy__buf_put(&sh->used, w[i].used.ptr, w[i].used.size) < 0)
			sh->rc = POLICY_ENOMEM;
		writer_dispose(&w[i]);
	}
	return sh->rc < 0 ? policy__error_set(sh->rc, "%s", sh->message) : 0;
}

/* A name of a file of the bundle cache: 64 hex digits, then ".gz" (a
 * tar.gz member, bundle.c) or ".marks" (a bundle's hash marks, marks.c),
 * and while it is written ".tmp-..." after that. */
static int cache_member_name(const char *name)
{
	size_t hex = strspn(name, "0123456789abcdef");
	const char *ext = name + hex;
	size_t n = strncmp(ext, ".gz", 3) == 0 ? 3 : strncmp(ext, ".marks", 6) == 0 ? 6 : 0;

	return hex == 64 && n > 0 && (ext[n] == '\0' || strncmp(ext + n, ".tmp-", 5) == 0);
}

/* Remove the cache's files this publish did not use: members of
 * versions no longer in any bundle. */
static void prune_cache(shared *sh)
{
	char path[PATH_MAX];
	struct dirent *e;
	DIR *d = opendir(sh->cache);

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		const char *at = sh->used.ptr ? strstr(sh->used.ptr, e->d_name) : NULL;

		if (!cache_member_name(e->d_name) ||
		    (at != NULL && (at == sh->used.ptr || at[-1] == '\n') &&
		     at[strlen(e->d_name)] == '\n'))
			continue;
		pathf(path, "%s/%s", sh->cache, e->d_name);
		unlink(path);
	}
	closedir(d);
}

/* What the new site has at its top, in a policy's directory and in
 * archive/ (`ctx`: the plan). */
static int site_wants(void *ctx, const char *rel, const char *name)
{
	static const char *const top[] = {SITE_MARKER,  "index.json",    "index.json.gz",
					  "index.html", "index.html.gz", "archive"};
	const site_plan *plan = ctx;
	char want[PATH_MAX];

	for (size_t i = 0; rel[0] == '\0' && i < sizeof(top) / sizeof(top[0]); i++)
		if (strcmp(name, top[i]) == 0)
			return 1;
	if (strcmp(rel, "archive") == 0 && strcmp(name, "SHA256SUMS") == 0)
		return 1;
	for (size_t i = 0; i < plan->count; i++) {
		const site_stream *s = &plan->streams[i];

		if (rel[0] == '\0' && strcmp(name, s->policy) == 0)
			return 1;
		if (strcmp(rel, s->policy) == 0 && strcmp(name, s->locale) == 0)
			return 1;
		for (int k = 0; k < 3 && strcmp(rel, "archive") == 0; k++) {
			pathf(want, "%s-%s.%s", s->policy, s->locale,
			      k == 0   ? "zip"
			      : k == 1 ? "tar.gz"
				       : "SHA256SUMS");
			if (strcmp(name, want) == 0)
				return 1;
		}
	}
	return 0;
}

/* In a spare: remove the policies, locales and bundles the new site does
 * not have (the streams' own files are pruned as they are written). */
static int prune_site(shared *sh)
{
	void *plan = (void *)sh->plan;
	int rc = prune(sh->tmp, "", site_wants, plan);

	if (rc == 0)
		rc = prune(sh->tmp, "archive", site_wants, plan);
	for (size_t i = 0; i < sh->plan->count && rc == 0; i++)
		rc = prune(sh->tmp, sh->plan->streams[i].policy, site_wants, plan);
	return rc;
}

static int build(shared *sh, const char *out, size_t *written, size_t *kept)
{
	policy_buf text = POLICY_BUF_INIT;
	writer w;
	int rc;

	for (size_t i = 0; i < sh->plan->count; i++)
		sh->total += sh->plan->streams[i].count;
	if ((sh->bundle_sums = calloc(sh->plan->count + 1, sizeof(*sh->bundle_sums))) == NULL)
		return policy__error_nomem();
	if (!sh->reuse && mkdir(sh->tmp, 0755) < 0)
		return io_error("cannot create", sh->tmp);
	/* in a spare, a new marker: policyctl serve knows the directory it may
	 * still serve an old request from is being changed (serve.c) */
	if ((rc = put_marker(sh->tmp, SITE_MARKER)) < 0 ||
	    (rc = make_dirs(sh->tmp, "archive")) < 0 || (rc = write_streams(sh, written, kept)) < 0)
		return rc;
	if (sh->reuse && (rc = prune_site(sh)) < 0)
		return rc;
	prune_cache(sh);
	writer_init(&w, sh);
	if ((rc = archive_sums(&w)) == 0 && (rc = policy__manifest_site(&text, sh->plan)) == 0)
		rc = put(&w, "index.json", text.ptr, text.size);
	if (rc == 0 && (rc = policy__site_page_index(&text, sh->plan)) == 0)
		rc = put(&w, "index.html", text.ptr, text.size);
	*written += w.written;
	writer_dispose(&w);
	policy_buf_dispose(&text);
	if (rc == 0) {
		/* The new site reaches the disk before it replaces the old. */
		int fd = open(sh->tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (fd >= 0) {
			syncfs(fd);
			close(fd);
		}
		rc = swap_in(sh, out);
	}
	return rc;
}

/* Build in the spare when there is one (and a live site to link from),
 * under the build directory's name: a publish killed while it changes
 * the spare leaves a leftover the next one removes. A spare without a
 * live site beside it is of no use and goes. */
static int take_spare(shared *w)
{
	struct stat st;

	if (lstat(w->spare, &st) < 0 || !S_ISDIR(st.st_mode) || !has_marker(w->spare, SITE_MARKER))
		return 0; /* none, or not ours: left alone */
	if (w->prev[0] != '\0' && rename(w->spare, w->tmp) == 0) {
		w->reuse = 1;
		return 0;
	}
	return remove_owned(w->spare, SITE_MARKER);
}

int policy__site_write(const site_plan *plan, const char *out_dir, size_t *written, size_t *kept)
{
	shared w;
	char out[PATH_MAX], parent[PATH_MAX], lock[PATH_MAX], *slash;
	const char *name;
	struct stat st;
	int lock_fd, rc;

	memset(&w, 0, sizeof(w));
	w.plan = plan;
	pathf(out, "%s", out_dir);
	while (strlen(out) > 1 && out[strlen(out) - 1] == '/')
		out[strlen(out) - 1] = '\0';
	slash = strrchr(out, '/');
	pathf(parent, "%s", slash == NULL ? "." : slash == out ? "/" : out);
	if (slash != NULL && slash != out)
		parent[slash - out] = '\0';
	name = slash ? slash + 1 : out;
	if (name[0] == '\0' || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return policy__error_set(POLICY_EINVALID,
					 "--out %s: name a directory to hold the site", out_dir);
	if (strlen(out) > PATH_MAX / 2)
		return policy__error_set(POLICY_EINVALID, "--out: the path is too long");
	for (size_t i = 0; i < plan->count; i++)
		if (strlen(plan->streams[i].policy) > 128 || strlen(plan->streams[i].locale) > 128)
			return policy__error_set(POLICY_EINVALID,
						 "%.40s/%.40s: the policy or locale is too long",
						 plan->streams[i].policy, plan->streams[i].locale);
	if (stat(parent, &st) < 0 || !S_ISDIR(st.st_mode))
		return policy__error_set(
			POLICY_EIO, "%s: the directory to hold the site does not exist", parent);
	if (lstat(out, &st) == 0) {
		if (!S_ISDIR(st.st_mode) || !replaceable(out))
			return policy__error_set(
				POLICY_EEXISTS,
				"%s is not a site policyctl published (it has no %s marker); it is "
				"left alone",
				out, SITE_MARKER);
		if (realpath(out, w.prev) == NULL)
			w.prev[0] = '\0';
		else {
			char probe[PATH_MAX];

			pathf(probe, "%s/" SITE_MARKER, w.prev);
			if (access(probe, F_OK) != 0)
				w.prev[0] = '\0';
		}
	}
	pathf(lock, "%s/.%s.lock", parent, name);
	lock_fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (lock_fd < 0)
		return io_error("cannot create", lock);
	if (flock(lock_fd, LOCK_EX | LOCK_NB) < 0) {
		close(lock_fd);
		return policy__error_set(POLICY_ECONFLICT, "another publish is writing %s", out);
	}
	rc = open_cache(w.cache, parent, name);
	if (rc == 0)
		rc = clean_leftovers(parent, name);
	pathf(w.tmp, "%s/.%s.new-%ld", parent, name, (long)getpid());
	pathf(w.spare, "%s/.%s.spare", parent, name);
	if (rc == 0)
		rc = take_spare(&w);
	w.used = (policy_buf)POLICY_BUF_INIT;
	*written = *kept = 0;
	pthread_mutex_init(&w.lock, NULL);
	if (rc == 0 && (rc = build(&w, out, written, kept)) < 0) {
		int saved = rc;

		remove_owned(w.tmp, SITE_MARKER);
		rc = saved;
	}
	pthread_mutex_destroy(&w.lock);
	policy_buf_dispose(&w.used);
	free(w.bundle_sums);
	close(lock_fd);
	return rc;
}
