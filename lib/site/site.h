/*
 * The published site's model, shared by the modules that write it: the
 * writer (site.c), its pages (site_pages.c), the feed (feed.c), the
 * manifests and chain (manifest.c) and the bundles (bundle.c). publish.c
 * builds the plan from the repository's tags.
 */
#ifndef POLICY_SITE_H
#define POLICY_SITE_H

#include <jansson.h>

#include "digest.h"
#include "policy/repo.h"

/* A published version as the site shows it. */
typedef struct {
	policy_published pub;        /* as its tag records it; strings owned by the repo */
	char chain[DIGEST_HEX_SIZE]; /* the chain hash up to and with this version */
	char diff[128];              /* "diff/1.0..2.0.html"; "" for the first */
} site_version;

/* Every version of one policy in one locale, oldest first. */
typedef struct {
	const char *policy;
	const char *locale;
	const char *title; /* of the current version, else the newest */
	site_version *versions;
	size_t count;
	long current;  /* index of the version in effect, -1 for none */
	long upcoming; /* index of the next to take effect, -1 for none */
} site_stream;

typedef struct {
	policy_repo *repo;
	const char *title;          /* the site's */
	const char *base_url;       /* NULL: links stay relative */
	const char *default_locale; /* NULL when not set */
	const char *template_dir;   /* NULL: the built-in templates */
	const void *rules;          /* const policy_rules *, for parsing */
	policy_date now;
	site_stream *streams;
	size_t count;
	void (*progress)(void *payload, size_t done, size_t total);
	void *payload;
} site_plan;

/* Write the site to `out_dir`, built beside it and swapped in whole.
 * Counts the files written and kept from the previous site. 0 or a
 * negative code with the last error set; the old site is untouched. */
int policy__site_write(const site_plan *plan, const char *out_dir, size_t *written, size_t *kept);

/* rm -rf `path`; a path that is not there is fine. 0 or POLICY_EIO. */
int policy__site_remove_tree(const char *path);
/* Remove a site written by policy__site_write() with what it keeps beside it
 * (its lock file and its cache of bundle parts). 0 or POLICY_EIO. */
int policy__site_discard(const char *out_dir);

/* The chain hash of a version after `prev_chain` ("" for the first). */
int policy__manifest_chain(char out[DIGEST_HEX_SIZE], const char *prev_chain, const char *policy,
			   const char *locale, const char *version, const char *released,
			   const char *effective, const char *sha256);

/* The policy manifest (<policy>/<locale>/index.json) and the site's
 * index.json, as JSON text ending in a newline. The policy manifest comes
 * in two forms, made from one list of versions: the site's into `site`,
 * and into `bundle` (either may be NULL) the one bundles hold, without
 * what depends on the day of publishing (current and upcoming). */
int policy__manifest_policy(policy_buf *site, policy_buf *bundle, const site_stream *s);
int policy__manifest_site(policy_buf *out, const site_plan *plan);

/* The archive page (versions.html) of a stream, and the site's index.html. */
/* With `bundle`, the copy inside a bundle: no link out of it (the page in
 * effect, the downloads, the feed). */
int policy__site_page_versions(policy_buf *out, const site_plan *plan, const site_stream *s,
			       int bundle);
int policy__site_page_index(policy_buf *out, const site_plan *plan);

/* The Atom feed of a stream's versions. */
int policy__feed_atom(policy_buf *out, const site_plan *plan, const site_stream *s);

/* A file of a bundle. */
typedef struct {
	char *name;      /* path inside the bundle */
	char *path;      /* the file to read it from, or NULL when `data` holds it */
	policy_buf data; /* read when needed */
	int loaded;
	long long mtime; /* seconds since 1970 */
	char sha256[DIGEST_HEX_SIZE];
	unsigned group; /* consecutive entries of a group share a tar.gz member */
	int kept;       /* the same bytes as the old bundle's entry of that name */
} bundle_entry;

typedef struct {
	const char *zip_path;
	const char *tgz_path;
	const char *old_zip;              /* the old site's zip, or NULL */
	const char *cache_dir;            /* tar.gz members by content, or NULL */
	policy_buf *used;                 /* the cache's files used, one a line; may be NULL */
	char zip_sha256[DIGEST_HEX_SIZE]; /* set: the SHA-256 of what was written */
	char tgz_sha256[DIGEST_HEX_SIZE];
} bundle_target;

/* Write a new file of the site at `path`: a file of that name is unlinked
 * first, never written over, because in a spare site (site.c) it may be a
 * hard link the live site shares. Not synced: the site is, as a whole,
 * before it is swapped in. 0 or POLICY_EIO naming the path. */
int policy__site_write_file(const char *path, const char *data, size_t len);
/* The same in pieces, for a file written as it is made: create it (a file
 * descriptor, or POLICY_EIO), put bytes, and close it, which passes on
 * `rc` or the first error. */
int policy__site_create_file(const char *path);
int policy__site_put(int fd, const char *path, const char *data, size_t len);
int policy__site_close_file(int fd, const char *path, int rc);

/* Write a file of the bundle cache: into a temporary name, then renamed,
 * so that a reader never finds half of it. No fsync: a file lost is made
 * again. 0, or -1 (errno) for a failure, which only costs time. */
int policy__site_cache_put(const char *path, const policy_buf *data);

/* Marks of a bundle's SHA-256 (marks.c): the hash's state at every
 * MARK_STEP bytes of a file, kept in the bundle cache for that file. */
#define MARK_STEP ((uint64_t)256 << 10)
typedef struct {
	digest_mark *at; /* by length, ascending */
	size_t count;
	size_t cap;
} hash_marks;

/* The mark of `d` at its length added to `m`: 0 or a negative code. */
int policy__marks_add(hash_marks *m, const digest_stream *d);
/* The marks the cache `cache_dir` (NULL: none) holds for the file open at
 * `fd` into `m`, none when it holds none for it as it is now; their file
 * is noted in `used` (may be NULL), one name a line. */
void policy__marks_read(hash_marks *m, const char *cache_dir, int fd, policy_buf *used);
/* Keep `m` in the cache as the marks of the file open at `fd`, written
 * in full; noted in `used`. A failure only costs time next publish. */
void policy__marks_write(const hash_marks *m, const char *cache_dir, int fd, policy_buf *used);
void policy__marks_dispose(hash_marks *m);

/* Write the entries, in their order, as a zip and a gzip-compressed tar,
 * byte for byte the same on every run, reusing what the old zip and the
 * cache hold, and set the two files' hashes in `t`. 0 or a negative code. */
int policy__bundle_write(bundle_target *t, bundle_entry *entries, size_t count);

#endif
