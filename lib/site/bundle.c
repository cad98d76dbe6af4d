/*
 * Bundles: every version of a policy in one download, as a zip and as a
 * gzip-compressed tar. A rebuild of the same versions must give the same
 * bytes, so nothing comes from the machine or the clock: entries come in
 * version order, owned by uid 0 with no user names, mode 0644, their
 * times the versions' effective dates, and no gzip header carries a time.
 *
 * Publishing one more version must not compress the whole history again,
 * so both formats reuse compressed data:
 * - the zip is written with libzip, which copies an entry of the old
 *   bundle without recompressing it (libarchive cannot);
 * - the tar.gz is a series of gzip members, one per group of versions
 *   (a valid gzip file, which gzip, tar and libarchive read through). The
 *   tar bytes of each group come from libarchive; each member is kept in
 *   a cache by the hash of what it holds and copied when it is there.
 * Either way the bytes are those a build from nothing gives.
 */
#define _GNU_SOURCE /* sync_file_range */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "buf.h"
#include "error.h"
#include "gzip.h"
#include "internal.h"
#include "policy/file.h"
#include "site.h"

#define ENTRY_MAX (64u * 1024u * 1024u)

static int load(bundle_entry *e)
{
	if (e->loaded)
		return 0;
	if (policy_file_read(&e->data, e->path, ENTRY_MAX) < 0)
		return policy_error_last()->code;
	e->loaded = 1;
	return 0;
}

static const char *bytes(const bundle_entry *e)
{
	return e->data.ptr ? e->data.ptr : "";
}

/* The old bundle, from memory when it can be mapped: libzip then copies
 * its thousands of entries without a seek and reads for each. */
static zip_t *open_old(const char *path, void **map, size_t *len)
{
	zip_source_t *src;
	zip_error_t err;
	zip_t *z = NULL;
	int code = 0;

	if ((*map = policy__file_map(path, (size_t)1 << 40, len)) == NULL) {
		policy_error_clear();
		return zip_open(path, ZIP_RDONLY, &code);
	}
	zip_error_init(&err);
	if ((src = zip_source_buffer_create(*map, *len, 0, &err)) != NULL &&
	    (z = zip_open_from_source(src, ZIP_RDONLY, &err)) == NULL)
		zip_source_free(src);
	zip_error_fini(&err);
	return z;
}

/* Have the kernel start writing `path` to disk now, without waiting:
 * the publish syncs the file system before its swap, and a bundle is
 * most of what it writes. */
static void start_writeback(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
#ifdef SYNC_FILE_RANGE_WRITE
		(void)sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
		close(fd);
	}
}

/* Write `data` to `path` and its SHA-256 into `hex`, hashed from
 * memory. */
static int put_bundle(const char *path, const policy_buf *data, char hex[DIGEST_HEX_SIZE])
{
	int rc = policy__digest_sha256(hex, data->ptr ? data->ptr : "", data->size);

	if (rc == 0 &&
	    (rc = policy__site_write_file(path, data->ptr ? data->ptr : "", data->size)) == 0)
		start_writeback(path);
	return rc;
}

/* The SHA-256 of the file at `path`, read back (from the page cache:
 * libzip has just written it). */
static int file_sha256(const char *path, char hex[DIGEST_HEX_SIZE])
{
	size_t len;
	void *map = policy__file_map(path, (size_t)1 << 40, &len);
	policy_buf data = POLICY_BUF_INIT;
	int rc;

	if (map != NULL) {
		rc = policy__digest_sha256(hex, map, len);
		policy__file_unmap(map, len);
		return rc;
	}
	policy_error_clear();
	if ((rc = policy_file_read(&data, path, (size_t)1 << 40)) == 0)
		rc = policy__digest_sha256(hex, data.ptr ? data.ptr : "", data.size);
	policy_buf_dispose(&data);
	return rc;
}

/* The zip: entries of the old bundle kept as they are, the others
 * deflated at level 1. libzip writes a new file and renames it into
 * place, so a spare's zip is replaced, never written in place. */
static int write_zip(bundle_target *t, bundle_entry *entries, size_t count)
{
	zip_t *za, *old = NULL;
	void *map = NULL;
	size_t map_len = 0;
	int err = 0, rc = 0;

	/* a spare's zip goes first: libzip then makes the file anew */
	if (unlink(t->zip_path) < 0 && errno != ENOENT)
		return policy__error_set(POLICY_EIO, "%s: cannot replace it", t->zip_path);
	if ((za = zip_open(t->zip_path, ZIP_CREATE | ZIP_TRUNCATE, &err)) == NULL)
		return policy__error_set(POLICY_EIO, "%s: cannot create the zip (libzip error %d)",
					 t->zip_path, err);
	if (t->old_zip != NULL)
		old = open_old(t->old_zip, &map, &map_len); /* none: everything anew */
	for (size_t i = 0; i < count && rc == 0; i++) {
		bundle_entry *e = &entries[i];
		zip_int64_t at = -1, index;
		zip_source_t *src;

		if (old != NULL && e->kept)
			at = zip_name_locate(old, e->name, ZIP_FL_ENC_RAW);
		if (at >= 0) {
			src = zip_source_zip(za, old, (zip_uint64_t)at, 0, 0, -1);
		} else {
			if ((rc = load(e)) < 0)
				break;
			src = zip_source_buffer(za, bytes(e), e->data.size, 0);
		}
		if (src == NULL || (index = zip_file_add(za, e->name, src, ZIP_FL_ENC_UTF_8)) < 0) {
			zip_source_free(src);
			rc = policy__error_set(POLICY_EIO, "%s: %s", t->zip_path, zip_strerror(za));
			break;
		}
		if (at < 0 &&
		    (zip_set_file_compression(za, (zip_uint64_t)index, ZIP_CM_DEFLATE, 1) < 0 ||
		     zip_file_set_mtime(za, (zip_uint64_t)index, (time_t)e->mtime, 0) < 0 ||
		     zip_file_set_external_attributes(za, (zip_uint64_t)index, 0, ZIP_OPSYS_UNIX,
						      (zip_uint32_t)0100644 << 16) < 0))
			rc = policy__error_set(POLICY_EIO, "%s: %s", t->zip_path, zip_strerror(za));
	}
	if (rc == 0 && zip_close(za) < 0)
		rc = policy__error_set(POLICY_EIO, "%s: %s", t->zip_path, zip_strerror(za));
	if (rc < 0)
		zip_discard(za);
	if (old != NULL)
		zip_discard(old);
	if (map != NULL)
		policy__file_unmap(map, map_len);
	if (rc == 0)
		start_writeback(t->zip_path);
	return rc == 0 ? file_sha256(t->zip_path, t->zip_sha256) : rc;
}

static la_ssize_t to_buf(struct archive *a, void *payload, const void *data, size_t len)
{
	(void)a;
	return policy__buf_put(payload, data, len) == 0 ? (la_ssize_t)len : -1;
}

/* The tar bytes of `count` entries followed by tar's end-of-archive. */
static int tar_bytes(policy_buf *out, bundle_entry *entries, size_t count)
{
	struct archive *a = archive_write_new();
	struct archive_entry *e = archive_entry_new();
	int rc = 0;

	policy__buf_clear(out);
	if (a == NULL || e == NULL) {
		archive_write_free(a);
		archive_entry_free(e);
		return policy__error_nomem();
	}
	if (archive_write_set_format_pax_restricted(a) != ARCHIVE_OK ||
	    archive_write_set_bytes_in_last_block(a, 1) != ARCHIVE_OK ||
	    archive_write_open2(a, out, NULL, to_buf, NULL, NULL) != ARCHIVE_OK)
		rc = policy__error_set(POLICY_ERROR, "tar: %s", archive_error_string(a));
	for (size_t i = 0; i < count && rc == 0; i++) {
		if ((rc = load(&entries[i])) < 0)
			break;
		archive_entry_clear(e);
		archive_entry_set_pathname(e, entries[i].name);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, (la_int64_t)entries[i].data.size);
		archive_entry_set_mtime(e, (time_t)entries[i].mtime, 0);
		if (archive_write_header(a, e) != ARCHIVE_OK ||
		    (entries[i].data.size > 0 &&
		     archive_write_data(a, bytes(&entries[i]), entries[i].data.size) !=
			     (la_ssize_t)entries[i].data.size))
			rc = policy__error_set(POLICY_ERROR, "tar: %s", archive_error_string(a));
	}
	if (archive_write_close(a) != ARCHIVE_OK && rc == 0)
		rc = policy__error_set(POLICY_ERROR, "tar: %s", archive_error_string(a));
	archive_entry_free(e);
	archive_write_free(a);
	return rc;
}

/* What a group's member holds: names, times and hashes (a hash stands
 * for the content, its size with it). */
static int group_key(char key[DIGEST_HEX_SIZE], const bundle_entry *entries, size_t count, int last)
{
	policy_buf text = POLICY_BUF_INIT;
	/* the level too: a member of another level is not the bytes a build
	 * from nothing makes */
	int rc = policy__buf_printf_line(&text, "tar.gz member v2 gzip %d %s\n", POLICY_GZIP_LEVEL,
					 last ? "last" : "inner");

	for (size_t i = 0; i < count && rc == 0; i++)
		rc = policy__buf_printf_line(&text, "%s %lld %s\n", entries[i].name,
					     entries[i].mtime, entries[i].sha256);
	if (rc == 0)
		rc = policy__digest_sha256(key, text.ptr, text.size);
	policy_buf_dispose(&text);
	return rc;
}

/* Write a cache file: into a temporary name, then renamed, so that a
 * reader never finds half a member. No fsync: a lost member is made again. */
static int cache_put(const char *path, const policy_buf *data)
{
	char tmp[4300];
	FILE *f;
	int ok;

	snprintf(tmp, sizeof(tmp), "%s.tmp-%ld-%p", path, (long)getpid(), (const void *)data);
	if ((f = fopen(tmp, "wb")) == NULL)
		return -1;
	ok = fwrite(data->ptr, 1, data->size, f) == data->size;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path) < 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* The gzip member of one group, from the cache or made and cached. The
 * tar's end-of-archive (two zero blocks) stays only in the last group. */
static int member(const bundle_target *t, bundle_entry *entries, size_t count, int last,
		  policy_buf *out, policy_buf *scratch)
{
	char key[DIGEST_HEX_SIZE], path[4200];
	int rc;

	if ((rc = group_key(key, entries, count, last)) < 0)
		return rc;
	if (t->cache_dir != NULL) {
		snprintf(path, sizeof(path), "%s/%s.gz", t->cache_dir, key);
		if (policy_file_read(out, path, ENTRY_MAX) == 0) {
			if (t->used != NULL)
				rc = policy__buf_printf_line(t->used, "%s.gz\n", key);
			return rc;
		}
		policy_error_clear();
	}
	if ((rc = tar_bytes(scratch, entries, count)) < 0)
		return rc;
	if (!last)
		scratch->size -= 1024;
	if ((rc = policy__gzip_compress(out, scratch->ptr, scratch->size)) < 0)
		return rc;
	/* A cache that cannot be written only costs time next publish. */
	if (t->cache_dir != NULL && cache_put(path, out) == 0 && t->used)
		rc = policy__buf_printf_line(t->used, "%s.gz\n", key);
	return rc;
}

static int write_tgz(bundle_target *t, bundle_entry *entries, size_t count)
{
	policy_buf all = POLICY_BUF_INIT, one = POLICY_BUF_INIT, scratch = POLICY_BUF_INIT;
	int rc = 0;

	for (size_t i = 0; i < count && rc == 0;) {
		size_t n = 1;

		while (i + n < count && entries[i + n].group == entries[i].group)
			n++;
		rc = member(t, entries + i, n, i + n == count, &one, &scratch);
		if (rc == 0)
			rc = policy__buf_put(&all, one.ptr, one.size);
		i += n;
	}
	if (rc == 0)
		rc = put_bundle(t->tgz_path, &all, t->tgz_sha256);
	policy_buf_dispose(&all);
	policy_buf_dispose(&one);
	policy_buf_dispose(&scratch);
	return rc;
}

int policy__bundle_write(bundle_target *t, bundle_entry *entries, size_t count)
{
	int rc = write_zip(t, entries, count);

	return rc == 0 ? write_tgz(t, entries, count) : rc;
}
