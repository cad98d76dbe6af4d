/*
 * Bundles: every version of a policy in one download, as a zip and as a
 * gzip-compressed tar, through libarchive. A rebuild of the same versions
 * must give the same bytes, so nothing comes from the machine or the
 * clock: entries are sorted by name, owned by uid 0 with no user names,
 * mode 0644, their times the versions' effective dates, and the gzip
 * header carries no time.
 */
#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <string.h>

#include "site.h"
#include "util/error.h"

static int by_name(const void *x, const void *y)
{
	return strcmp(((const bundle_entry *)x)->name, ((const bundle_entry *)y)->name);
}

static int fail(struct archive *a, const char *path)
{
	const char *why = archive_error_string(a);

	return error_set(POLICY_EIO, "%s: %s", path, why ? why : "cannot write the bundle");
}

static int write_one(const char *path, int zip, const bundle_entry *entries, size_t count)
{
	struct archive *a = archive_write_new();
	struct archive_entry *e = archive_entry_new();
	int rc = 0;

	if (a == NULL || e == NULL) {
		archive_write_free(a);
		archive_entry_free(e);
		return error_nomem();
	}
	if (zip) {
		if (archive_write_set_format_zip(a) != ARCHIVE_OK ||
		    archive_write_set_options(a, "zip:compression=deflate,zip:compression-level=1") != ARCHIVE_OK)
			rc = fail(a, path);
	} else if (archive_write_set_format_pax_restricted(a) != ARCHIVE_OK ||
		   archive_write_add_filter_gzip(a) != ARCHIVE_OK ||
		   archive_write_set_options(a, "gzip:!timestamp,gzip:compression-level=6") != ARCHIVE_OK) {
		rc = fail(a, path);
	}
	if (rc == 0 && archive_write_open_filename(a, path) != ARCHIVE_OK)
		rc = fail(a, path);
	for (size_t i = 0; i < count && rc == 0; i++) {
		archive_entry_clear(e);
		archive_entry_set_pathname(e, entries[i].name);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, (la_int64_t)entries[i].len);
		archive_entry_set_mtime(e, (time_t)entries[i].mtime, 0);
		archive_entry_set_uid(e, 0);
		archive_entry_set_gid(e, 0);
		if (archive_write_header(a, e) != ARCHIVE_OK ||
		    (entries[i].len > 0 &&
		     archive_write_data(a, entries[i].data, entries[i].len) != (la_ssize_t)entries[i].len))
			rc = fail(a, path);
	}
	if (archive_write_close(a) != ARCHIVE_OK && rc == 0)
		rc = fail(a, path);
	archive_entry_free(e);
	archive_write_free(a);
	return rc;
}

int bundle_write(const char *zip_path, const char *tgz_path, bundle_entry *entries, size_t count)
{
	int rc;

	qsort(entries, count, sizeof(*entries), by_name);
	rc = write_one(zip_path, 1, entries, count);
	return rc == 0 ? write_one(tgz_path, 0, entries, count) : rc;
}
