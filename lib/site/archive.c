/*
 * Verifying a bundle. Three layers of evidence, each checked on its own:
 * SHA256SUMS covers every file (a changed byte anywhere shows); the
 * manifest's SHA-256 of each source and the chain hash over all versions
 * before it cover the history (a removed or altered version breaks the
 * chain); and the repository's tags, when given, cover the newest
 * versions too (a version removed from the end of the bundle, manifest
 * and all, is still missing against the tags). The bundle is read with
 * libarchive, whichever of its formats it is.
 */
#include "policy/archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "buf.h"
#include "digest.h"
#include "error.h"
#include "internal.h"
#include "site.h"

typedef struct {
	char *name;
	char sha256[DIGEST_HEX_SIZE];
	policy_buf data; /* kept only for the manifest and SHA256SUMS */
	int listed;      /* named in SHA256SUMS */
} entry;

typedef struct {
	const char *path;
	policy_diags *problems;
	entry *entries; /* sorted by name once read */
	size_t count;
	size_t cap;
	char prefix[300]; /* "<policy>-<locale>/" */
} bundle;

#define PROBLEM(b, code, ...)                                                                      \
	policy__diag_addf((b)->problems, POLICY_SEVERITY_ERROR, (code), (b)->path, 0, __VA_ARGS__)

/* What a bundle may hold, and how far it may unpack. The files of a
 * bundle are text, which deflate shrinks some 3 to 10 times; a stream
 * that has unpacked past UNPACK_FREE bytes at over UNPACK_RATIO times
 * the bytes read from disk is a decompression bomb, stopped there. */
#define UNPACK_FREE (16u * 1024u * 1024u)
#define UNPACK_RATIO 100u
#define KEPT_MAX (16u * 1024u * 1024u)

static void entries_free(bundle *b)
{
	for (size_t i = 0; i < b->count; i++) {
		free(b->entries[i].name);
		policy_buf_dispose(&b->entries[i].data);
	}
	free(b->entries);
}

/* A reader of `path` with only what a bundle is: zip, or tar under gzip.
 * Never archive_read_support_filter_all(): it would run lrzip, lzop or
 * grzip programs found on PATH for files that carry their magic. */
static struct archive *open_reader(bundle *b, int raw)
{
	struct archive *a = archive_read_new();

	if (a == NULL) {
		policy__error_nomem();
		return NULL;
	}
	archive_read_support_filter_gzip(a);
	if (raw) {
		archive_read_support_format_raw(a);
	} else {
		archive_read_support_format_zip(a);
		archive_read_support_format_tar(a);
	}
	if (archive_read_open_filename(a, b->path, 65536) != ARCHIVE_OK) {
		PROBLEM(b, "unreadable", "%s", archive_error_string(a));
		archive_read_free(a);
		return NULL;
	}
	return a;
}

/* Has the reader unpacked too much for what it read? */
static int bomb(bundle *b, struct archive *a, uint64_t unpacked)
{
	uint64_t read = (uint64_t)archive_filter_bytes(a, -1);

	if (unpacked > POLICY_ARCHIVE_MAX_SIZE) {
		PROBLEM(b, "unreadable", "the bundle unpacks to more than %u bytes",
			POLICY_ARCHIVE_MAX_SIZE);
		return 1;
	}
	if (unpacked > UNPACK_FREE && unpacked / UNPACK_RATIO > read) {
		PROBLEM(b, "unreadable",
			"the bundle unpacks to over %u times its size: a decompression bomb",
			UNPACK_RATIO);
		return 1;
	}
	return 0;
}

/* A gzip stream is unpacked once, to nowhere, before its tar is read:
 * the tar reader buffers headers (a pax header may announce any size),
 * so a bomb is stopped here, while the bytes cost nothing. A zip's
 * entries are each checked as they are read. */
static int check_stream(bundle *b)
{
	struct archive *a;
	struct archive_entry *ae;
	char chunk[65536];
	uint64_t total = 0;
	la_ssize_t n;

	if ((a = open_reader(b, 1)) == NULL)
		return policy_diags_count(b->problems) > 0 ? 0 : POLICY_ENOMEM;
	if (archive_filter_code(a, 0) == ARCHIVE_FILTER_NONE ||
	    archive_read_next_header(a, &ae) != ARCHIVE_OK) {
		archive_read_free(a);
		return 0; /* not compressed as a stream: the format reader decides */
	}
	while ((n = archive_read_data(a, chunk, sizeof(chunk))) > 0) {
		total += (uint64_t)n;
		if (bomb(b, a, total))
			break;
	}
	if (n < 0 && policy_diags_count(b->problems) == 0)
		PROBLEM(b, "unreadable", "%s", archive_error_string(a));
	archive_read_free(a);
	return 0;
}

static const char *kind_of(struct archive_entry *ae)
{
	if (archive_entry_hardlink(ae) != NULL)
		return "a hard link";
	switch (archive_entry_filetype(ae)) {
	case AE_IFLNK:
		return "a symbolic link";
	case AE_IFDIR:
		return NULL; /* a directory holds nothing by itself */
	case AE_IFREG:
		return "";
	case AE_IFCHR:
	case AE_IFBLK:
		return "a device";
	case AE_IFIFO:
		return "a FIFO";
	case AE_IFSOCK:
		return "a socket";
	default:
		return "not a regular file";
	}
}

/* The manifest and SHA256SUMS are read again after; every other file is
 * only hashed. */
static int kept(const char *name)
{
	const char *slash = strchr(name, '/');

	return slash != NULL && strchr(slash + 1, '/') == NULL &&
	       (strcmp(slash + 1, "index.json") == 0 || strcmp(slash + 1, "SHA256SUMS") == 0);
}

static int by_name(const void *x, const void *y)
{
	return strcmp(((const entry *)x)->name, ((const entry *)y)->name);
}

/* Read every entry: its name and SHA-256, streamed. Anything but a
 * regular file (or a directory) is a problem: what a bundle extracts
 * to must be exactly what was verified. */
static int read_all(bundle *b)
{
	struct archive *a;
	struct archive_entry *ae;
	digest_stream *d = NULL;
	uint64_t total = 0;
	int rc = 0, r;

	if ((rc = check_stream(b)) < 0 || policy_diags_count(b->problems) > 0)
		return rc;
	if ((a = open_reader(b, 0)) == NULL)
		return policy_diags_count(b->problems) > 0 ? 0 : POLICY_ENOMEM;
	if ((d = policy__digest_stream_new()) == NULL) {
		rc = policy__error_nomem();
		goto done;
	}
	while ((r = archive_read_next_header(a, &ae)) == ARCHIVE_OK) {
		const char *kind = kind_of(ae), *name = archive_entry_pathname(ae);
		char chunk[65536];
		la_ssize_t n;
		entry *e;

		if (name == NULL)
			name = "";
		if (kind == NULL)
			continue;
		if (kind[0] != '\0') {
			rc = PROBLEM(b, "not-a-file",
				     "%.200s is %s: a bundle holds regular files only", name, kind);
			goto done;
		}
		if (name[0] == '/' || strcmp(name, "..") == 0 || strncmp(name, "../", 3) == 0 ||
		    strstr(name, "/../") != NULL) {
			rc = PROBLEM(b, "unsafe-name",
				     "%.200s would be extracted outside its folder", name);
			goto done;
		}
		if (ARRAY_RESERVE(b->entries, b->cap, b->count) < 0) {
			rc = policy__error_nomem();
			goto done;
		}
		e = &b->entries[b->count];
		memset(e, 0, sizeof(*e));
		if ((e->name = strdup(name)) == NULL) {
			rc = policy__error_nomem();
			goto done;
		}
		b->count++;
		while ((n = archive_read_data(a, chunk, sizeof(chunk))) > 0) {
			total += (uint64_t)n;
			if (bomb(b, a, total))
				goto done;
			if ((rc = policy__digest_stream_add(d, chunk, (size_t)n)) < 0)
				goto done;
			if (kept(name)) {
				if (e->data.size + (size_t)n > KEPT_MAX) {
					rc = PROBLEM(b, "unreadable", "%.200s is over %u bytes",
						     name, KEPT_MAX);
					goto done;
				}
				if ((rc = policy__buf_put(&e->data, chunk, (size_t)n)) < 0)
					goto done;
			}
		}
		if (n < 0) {
			rc = PROBLEM(b, "unreadable", "%.200s: %s", name, archive_error_string(a));
			goto done;
		}
		if ((rc = policy__digest_stream_end(d, e->sha256)) < 0)
			goto done;
	}
	if (r != ARCHIVE_EOF) {
		rc = PROBLEM(b, "unreadable", "%s", archive_error_string(a));
		goto done;
	}
	qsort(b->entries, b->count, sizeof(*b->entries), by_name);
	for (size_t i = 1; i < b->count; i++)
		if (strcmp(b->entries[i - 1].name, b->entries[i].name) == 0) {
			rc = PROBLEM(
				b, "duplicate-file",
				"%.200s is in the bundle twice: what it extracts to is not what "
				"was checked",
				b->entries[i].name);
			break;
		}
done:
	policy__digest_stream_free(d);
	archive_read_free(a);
	return rc;
}

/* The entry `<prefix><rel>`, by binary search. */
static entry *find(bundle *b, const char *rel)
{
	char name[1200];
	entry key;

	if ((size_t)snprintf(name, sizeof(name), "%s%s", b->prefix, rel) >= sizeof(name))
		return NULL;
	key.name = name;
	return bsearch(&key, b->entries, b->count, sizeof(*b->entries), by_name);
}

/* Every line of SHA256SUMS: the file is there with that hash. */
static int check_sums(bundle *b)
{
	entry *sums = find(b, "SHA256SUMS");
	char *text, *line, *next;
	int rc = 0;

	if (sums == NULL)
		return PROBLEM(b, "missing-file", "%sSHA256SUMS is missing", b->prefix);
	sums->listed = 1;
	if ((text = strndup(sums->data.ptr ? sums->data.ptr : "", sums->data.size)) == NULL)
		return policy__error_nomem();
	for (line = text; rc == 0 && *line; line = next) {
		entry *e;

		next = strchr(line, '\n');
		next = next ? (*next = '\0', next + 1) : line + strlen(line);
		if (strlen(line) < 67 || line[64] != ' ' || line[65] != ' ') {
			rc = PROBLEM(b, "bad-sums",
				     "SHA256SUMS: \"%.80s\" is not \"<sha256>  <file>\"", line);
			continue;
		}
		if ((e = find(b, line + 66)) == NULL) {
			rc = PROBLEM(b, "missing-file", "%s%s is listed in SHA256SUMS but missing",
				     b->prefix, line + 66);
			continue;
		}
		e->listed = 1;
		if (strncmp(e->sha256, line, 64) != 0)
			rc = PROBLEM(b, "hash-mismatch",
				     "%s does not match its SHA-256 in SHA256SUMS", e->name);
	}
	free(text);
	for (size_t i = 0; rc == 0 && i < b->count; i++)
		if (!b->entries[i].listed)
			rc = PROBLEM(b, "extra-file", "%s is not listed in SHA256SUMS",
				     b->entries[i].name);
	return rc;
}

static const char *str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Each version of the manifest: present, its source's hash, the chain. */
static int check_versions(bundle *b, json_t *manifest, const char *policy, const char *locale)
{
	json_t *list = json_object_get(manifest, "versions");
	const char *prev_chain = "";
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < json_array_size(list); i++) {
		json_t *v = json_array_get(list, i);
		const char *version = str(v, "version"), *released = str(v, "released"),
			   *effective = str(v, "effective"), *sha = str(v, "sha256"),
			   *chain = str(v, "chain"), *md = str(v, "markdown"),
			   *html = str(v, "html"), *diff = str(v, "diff");
		char link[DIGEST_HEX_SIZE];
		entry *e;

		if (!version || !released || !effective || !sha || !chain || !md || !html) {
			rc = PROBLEM(b, "bad-manifest",
				     "%sindex.json: version entry %zu lacks a field", b->prefix,
				     i + 1);
			break;
		}
		if ((e = find(b, md)) == NULL)
			rc = PROBLEM(b, "missing-file", "%s%s (the source of %s) is missing",
				     b->prefix, md, version);
		else if (strcmp(e->sha256, sha) != 0)
			rc = PROBLEM(b, "source-hash",
				     "%s%s does not match the SHA-256 the manifest records for %s",
				     b->prefix, md, version);
		if (rc == 0 && find(b, html) == NULL)
			rc = PROBLEM(b, "missing-file", "%s%s is missing", b->prefix, html);
		if (rc == 0 && diff != NULL && find(b, diff) == NULL)
			rc = PROBLEM(b, "missing-file", "%s%s is missing", b->prefix, diff);
		if (rc == 0 &&
		    (rc = policy__manifest_chain(link, prev_chain, policy, locale, version,
						 released, effective, sha)) == 0 &&
		    strcmp(link, chain) != 0)
			rc = PROBLEM(
				b, "chain-broken",
				"the chain breaks at %s: it or a version before it was changed, "
				"removed or reordered",
				version);
		prev_chain = chain;
	}
	return rc;
}

/* The manifest's versions against the repository's tags. */
static int check_tags(bundle *b, json_t *manifest, policy_repo *repo, const char *policy,
		      const char *locale)
{
	json_t *list = json_object_get(manifest, "versions");
	const policy_published *tags;
	size_t count, n = json_array_size(list);
	policy_version newest = {0, 0, 0, 0};
	int rc = policy_repo_published(&tags, &count, repo, policy, locale);

	for (size_t i = 0; rc == 0 && i < n; i++) {
		json_t *v = json_array_get(list, i);
		const char *version = str(v, "version"), *sha = str(v, "sha256");
		policy_version parsed;
		size_t k;

		if (version == NULL || sha == NULL || policy_version_parse(&parsed, version) < 0)
			continue;
		if (policy_version_cmp(&parsed, &newest) > 0)
			newest = parsed;
		for (k = 0; k < count && policy_version_cmp(&tags[k].version, &parsed) != 0; k++)
			;
		if (k == count)
			rc = PROBLEM(b, "tag-missing", "%s/%s/%s is in the bundle but not tagged",
				     policy, locale, version);
		else if (strcmp(tags[k].sha256, sha) != 0)
			rc = PROBLEM(b, "tag-hash",
				     "%s/%s/%s: the bundle's source is not the tagged one", policy,
				     locale, version);
	}
	for (size_t k = 0; rc == 0 && k < count; k++) {
		size_t i;

		if (policy_version_cmp(&tags[k].version, &newest) > 0)
			continue; /* published after the bundle was made */
		for (i = 0; i < n; i++) {
			const char *version = str(json_array_get(list, i), "version");

			if (version && strcmp(version, tags[k].version_text) == 0)
				break;
		}
		if (i == n)
			rc = PROBLEM(b, "version-missing",
				     "%s/%s/%s is tagged but missing from the bundle", policy,
				     locale, tags[k].version_text);
	}
	return rc;
}

int policy_archive_verify(policy_diags *problems, const char *path, policy_repo *repo)
{
	bundle b;
	json_t *manifest = NULL;
	const char *policy, *locale, *slash;
	entry *m;
	int rc;

	memset(&b, 0, sizeof(b));
	b.path = path;
	b.problems = problems;
	if ((rc = read_all(&b)) < 0 || policy_diags_count(problems) > 0)
		goto done;
	for (size_t i = 0; i < b.count && b.prefix[0] == '\0'; i++) {
		slash = strchr(b.entries[i].name, '/');
		if (slash != NULL && strcmp(slash + 1, "index.json") == 0 &&
		    (size_t)(slash - b.entries[i].name) + 2 < sizeof(b.prefix))
			snprintf(b.prefix, sizeof(b.prefix), "%.*s/",
				 (int)(slash - b.entries[i].name), b.entries[i].name);
	}
	if ((m = b.prefix[0] ? find(&b, "index.json") : NULL) == NULL) {
		rc = PROBLEM(&b, "missing-file", "the bundle has no <policy>-<locale>/index.json");
		goto done;
	}
	manifest = json_loadb(m->data.ptr ? m->data.ptr : "", m->data.size, 0, NULL);
	policy = str(manifest, "policy");
	locale = str(manifest, "locale");
	if (policy == NULL || locale == NULL ||
	    !json_is_array(json_object_get(manifest, "versions"))) {
		rc = PROBLEM(&b, "bad-manifest", "%s is not a policy manifest", m->name);
		goto done;
	}
	if ((rc = check_sums(&b)) == 0 &&
	    (rc = check_versions(&b, manifest, policy, locale)) == 0 && repo != NULL)
		rc = check_tags(&b, manifest, repo, policy, locale);
done:
	json_decref(manifest);
	entries_free(&b);
	return rc;
}
