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
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "buf.h"
#include "digest.h"
#include "error.h"
#include "gzip.h"
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

/* A bundle written as it is made, to a new file (a spare's is replaced,
 * never written in place), and hashed on the way. */
typedef struct {
	const char *path;
	int fd;
	digest_stream *sha;
	hash_marks *marks; /* NULL, or the hash's marks to add to as it goes */
} out_file;

static int out_open(out_file *o, const char *path)
{
	o->path = path;
	o->fd = -1;
	o->marks = NULL;
	if ((o->sha = policy__digest_stream_new()) == NULL)
		return policy__error_nomem();
	if ((o->fd = policy__site_create_file(path)) < 0) {
		policy__digest_stream_free(o->sha);
		return o->fd;
	}
	return 0;
}

/* Hash `len` bytes, with a mark at every MARK_STEP when marks are kept. */
static int out_hash(out_file *o, const char *data, size_t len)
{
	int rc = 0;

	while (len > 0 && rc == 0) {
		uint64_t at = policy__digest_stream_length(o->sha);
		size_t n = len;

		if (o->marks != NULL && n > MARK_STEP - at % MARK_STEP)
			n = (size_t)(MARK_STEP - at % MARK_STEP);
		rc = policy__digest_stream_add(o->sha, data, n);
		if (rc == 0 && o->marks != NULL && (at + n) % MARK_STEP == 0)
			rc = policy__marks_add(o->marks, o->sha);
		data += n;
		len -= n;
	}
	return rc;
}

static int out_put(out_file *o, const void *data, size_t len)
{
	int rc = out_hash(o, data, len);

	return rc == 0 ? policy__site_put(o->fd, o->path, data, len) : rc;
}

/* Close the file, after `rc` from writing it; with 0, its SHA-256 into
 * `hex`. The kernel is asked to start writing it to disk now, without
 * waiting: the publish syncs the file system before its swap, and the
 * bundles are most of what it writes. */
static int out_close(out_file *o, int rc, char hex[DIGEST_HEX_SIZE])
{
	if (rc == 0)
		rc = policy__digest_stream_end(o->sha, hex);
#ifdef SYNC_FILE_RANGE_WRITE
	if (rc == 0)
		(void)sync_file_range(o->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
	policy__digest_stream_free(o->sha);
	return policy__site_close_file(o->fd, o->path, rc);
}

/*
 * The zip's file: a libzip source that reads the old bundle and writes
 * the new one. When the new zip begins with entries of the old (a
 * version added at the end), libzip asks to keep that part of the old
 * file as it is ("cloning") and writes only what follows: here, that
 * part is copied from file to file in pieces, never held whole, and
 * hashed from the last mark the old file's hash left within it
 * (marks.c): the bytes before it are not hashed again. What libzip
 * writes is made in memory, where it goes back over each entry's header
 * to set its sizes without a flush and a seek; the new file is created,
 * written and hashed at the commit, and not at all when libzip rolls
 * back.
 */
typedef struct {
	int old_fd;            /* the old bundle, or -1 */
	zip_uint64_t old_size; /* its size */
	zip_uint64_t at;       /* where the next read begins */
	zip_uint64_t kept;     /* the old file's leading bytes the new keeps */
	policy_buf tail;       /* what libzip wrote after them */
	zip_uint64_t pos;      /* where in `tail` the next write goes */
	bundle_target *t;      /* the new file, the cache; its zip_sha256 set at the commit */
	int rc;                /* the commit's error code, or 0 */
	zip_error_t error;
} zip_file;

/* The zip's file for `t`: its old bundle (t->old_zip; NULL: none) open
 * for reading, nothing written yet. */
static void zip_file_init(zip_file *f, bundle_target *t)
{
	struct stat st;

	memset(f, 0, sizeof(*f));
	zip_error_init(&f->error);
	f->t = t;
	f->old_fd = t->old_zip ? open(t->old_zip, O_RDONLY | O_CLOEXEC) : -1;
	if (f->old_fd >= 0 && (fstat(f->old_fd, &st) < 0 || !S_ISREG(st.st_mode))) {
		close(f->old_fd);
		f->old_fd = -1;
	}
	f->old_size = f->old_fd >= 0 ? (zip_uint64_t)st.st_size : 0;
}

static void zip_file_dispose(zip_file *f)
{
	if (f->old_fd >= 0)
		close(f->old_fd);
	policy_buf_dispose(&f->tail);
	zip_error_fini(&f->error);
}

/* `len` bytes of the old file from `at` into `data`: 0, or -1 and errno. */
static int read_old(const zip_file *f, void *data, size_t len, zip_uint64_t at)
{
	while (len > 0) {
		ssize_t n = pread(f->old_fd, data, len, (off_t)at);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			errno = n < 0 ? errno : EIO; /* the file shrank */
			return -1;
		}
		data = (char *)data + n;
		len -= (size_t)n;
		at += (zip_uint64_t)n;
	}
	return 0;
}

/* Copy the old file's bytes from `from` to `to` into `o`, hashed or not
 * (the bytes before the mark the hash goes on from). */
static int copy_old(const zip_file *f, out_file *o, zip_uint64_t from, zip_uint64_t to, int hash)
{
	enum { PIECE = 1 << 20 };
	char *piece = from < to ? malloc(PIECE) : NULL;
	int rc = 0;

	if (from < to && piece == NULL)
		return policy__error_nomem();
	for (zip_uint64_t at = from; rc == 0 && at < to; at += PIECE) {
		size_t n = to - at < PIECE ? (size_t)(to - at) : PIECE;

		if (read_old(f, piece, n, at) < 0)
			rc = policy__error_set(POLICY_EIO, "%s: cannot read the old zip: %s",
					       f->t->zip_path, policy__strerror(errno));
		else if (hash)
			rc = out_put(o, piece, n);
		else
			rc = policy__site_put(o->fd, o->path, piece, n);
	}
	free(piece);
	return rc;
}

/* The new file: the old file's kept bytes, then the tail. Its hash goes
 * on from the old file's last mark within the bytes kept (whose marks
 * are the new file's too), and its marks are kept for the next publish. */
static int zip_file_commit(zip_file *f)
{
	hash_marks marks;
	zip_uint64_t from = 0;
	out_file o;
	int rc;

	policy__marks_read(&marks, f->kept ? f->t->cache_dir : NULL, f->old_fd, f->t->used);
	while (marks.count > 0 && marks.at[marks.count - 1].length > f->kept)
		marks.count--;
	if ((rc = out_open(&o, f->t->zip_path)) < 0) {
		policy__marks_dispose(&marks);
		return rc;
	}
	if (f->t->cache_dir != NULL)
		o.marks = &marks;
	if (marks.count > 0) {
		from = marks.at[marks.count - 1].length;
		rc = policy__digest_stream_resume(o.sha, &marks.at[marks.count - 1]);
	}
	if (rc == 0)
		rc = copy_old(f, &o, 0, from, 0);
	if (rc == 0)
		rc = copy_old(f, &o, from, f->kept, 1);
	if (rc == 0)
		rc = out_put(&o, f->tail.ptr ? f->tail.ptr : "", f->tail.size);
	if (rc == 0 && o.marks != NULL)
		policy__marks_write(&marks, f->t->cache_dir, o.fd, f->t->used);
	policy__marks_dispose(&marks);
	return out_close(&o, rc, f->t->zip_sha256);
}

/* Write `len` bytes at the write position, over what is there or after. */
static zip_int64_t zip_file_write(zip_file *f, const void *data, zip_uint64_t len)
{
	zip_uint64_t end = f->pos + len;

	if (end > f->tail.size) {
		if (policy__buf_grow(&f->tail, (size_t)(end - f->tail.size)) < 0) {
			zip_error_set(&f->error, ZIP_ER_MEMORY, 0);
			return -1;
		}
		f->tail.size = (size_t)end;
	}
	memcpy(f->tail.ptr + f->pos, data, (size_t)len);
	f->pos = end;
	return (zip_int64_t)len;
}

static zip_int64_t zip_file_source(void *state, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	zip_file *f = state;
	zip_int64_t to;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		f->at = 0;
		return 0;
	case ZIP_SOURCE_READ:
		len = f->old_size - f->at < len ? f->old_size - f->at : len;
		if (len > 0 && read_old(f, data, (size_t)len, f->at) < 0) {
			zip_error_set(&f->error, ZIP_ER_READ, errno);
			return -1;
		}
		f->at += len;
		return (zip_int64_t)len;
	case ZIP_SOURCE_CLOSE:
		return 0;
	case ZIP_SOURCE_SEEK:
		if ((to = zip_source_seek_compute_offset(f->at, f->old_size, data, len,
							 &f->error)) < 0)
			return -1;
		f->at = (zip_uint64_t)to;
		return 0;
	case ZIP_SOURCE_TELL:
		return (zip_int64_t)f->at;
	case ZIP_SOURCE_STAT:
		zip_stat_init(data);
		((zip_stat_t *)data)->valid = ZIP_STAT_SIZE;
		((zip_stat_t *)data)->size = f->old_size;
		return sizeof(zip_stat_t);
	case ZIP_SOURCE_BEGIN_WRITE:
	case ZIP_SOURCE_BEGIN_WRITE_CLONING:
		if (cmd == ZIP_SOURCE_BEGIN_WRITE_CLONING && len > f->old_size) {
			zip_error_set(&f->error, ZIP_ER_INVAL, 0);
			return -1;
		}
		f->kept = cmd == ZIP_SOURCE_BEGIN_WRITE_CLONING ? len : 0;
		policy__buf_clear(&f->tail);
		f->pos = 0;
		return 0;
	case ZIP_SOURCE_WRITE:
		return zip_file_write(f, data, len);
	case ZIP_SOURCE_SEEK_WRITE:
		/* libzip goes back only over what it wrote after the kept bytes */
		if ((to = zip_source_seek_compute_offset(f->kept + f->pos, f->kept + f->tail.size,
							 data, len, &f->error)) < 0)
			return -1;
		if ((zip_uint64_t)to < f->kept) {
			zip_error_set(&f->error, ZIP_ER_INVAL, 0);
			return -1;
		}
		f->pos = (zip_uint64_t)to - f->kept;
		return 0;
	case ZIP_SOURCE_TELL_WRITE:
		return (zip_int64_t)(f->kept + f->pos);
	case ZIP_SOURCE_COMMIT_WRITE:
		if ((f->rc = zip_file_commit(f)) < 0) {
			zip_error_set(&f->error, ZIP_ER_WRITE, 0);
			return -1;
		}
		return 0;
	case ZIP_SOURCE_ROLLBACK_WRITE:
		policy__buf_clear(&f->tail);
		return 0;
	case ZIP_SOURCE_REMOVE: /* nothing is written before the commit */
		return 0;
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&f->error, data, len);
	case ZIP_SOURCE_FREE: /* the caller's, disposed of by the caller */
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return ZIP_SOURCE_SUPPORTS_WRITABLE |
		       ZIP_SOURCE_MAKE_COMMAND_BITMASK(ZIP_SOURCE_BEGIN_WRITE_CLONING);
	default:
		zip_error_set(&f->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

/* How many leading entries the new zip shares with the old as they are:
 * kept (the same bytes), under the same name, at the same place. */
static size_t shared_prefix(zip_t *old, const bundle_entry *entries, size_t count)
{
	zip_int64_t n = zip_get_num_entries(old, 0);
	size_t k = 0;

	for (; k < count && (zip_int64_t)k < n && entries[k].kept; k++) {
		const char *name = zip_get_name(old, (zip_uint64_t)k, ZIP_FL_ENC_RAW);

		if (name == NULL || strcmp(name, entries[k].name) != 0)
			break;
	}
	return k;
}

/* The deflate level of the zip's entries: for unpacking in a file
 * manager, the tar.gz is the small one. */
#define ZIP_LEVEL 1

/* A new entry's bytes deflated here (libdeflate, at ZIP_LEVEL),
 * which libzip writes as they are: the source says its data is deflate
 * already; its CRC and compressed size, once read. zlib, through libzip,
 * took twice the time for output a little larger. An entry is deflated
 * when libzip opens it to write it, and let go when it closes it, so the
 * zip's entries are never all held twice. */
typedef struct {
	const char *text; /* the entry's bytes, the caller's */
	size_t len;
	policy_buf data;            /* deflated, while open */
	zip_uint64_t at, comp_size; /* comp_size and crc: 0 until read */
	uint32_t crc;
	zip_error_t error;
} deflated;

static zip_int64_t deflated_source(void *state, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	deflated *d = state;
	zip_stat_t *st = data;
	zip_uint64_t n;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		if (policy__deflate_raw(&d->data, &d->crc, d->text, d->len, ZIP_LEVEL) < 0) {
			zip_error_set(&d->error, ZIP_ER_MEMORY, 0);
			return -1;
		}
		d->comp_size = d->data.size; /* never 0: deflate of nothing is 2 bytes */
		d->at = 0;
		return 0;
	case ZIP_SOURCE_READ:
		n = d->data.size - d->at < len ? d->data.size - d->at : len;
		memcpy(data, d->data.ptr + d->at, n);
		d->at += n;
		return (zip_int64_t)n;
	case ZIP_SOURCE_CLOSE:
		policy_buf_dispose(&d->data);
		return 0;
	case ZIP_SOURCE_STAT:
		zip_stat_init(st);
		st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD |
			    (d->comp_size > 0 ? ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC : 0);
		st->size = d->len;
		st->comp_size = d->comp_size;
		st->crc = d->crc;
		st->comp_method = ZIP_CM_DEFLATE;
		st->encryption_method = ZIP_EM_NONE;
		return sizeof(*st);
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&d->error, data, len);
	case ZIP_SOURCE_FREE:
		policy_buf_dispose(&d->data);
		zip_error_fini(&d->error);
		free(d);
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ,
						      ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
						      ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		zip_error_set(&d->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

/* A source of entry `e`, deflated when libzip writes it, into *src: 0 or
 * a negative code. `e`'s bytes must last until the zip is closed. */
static int deflated_entry(zip_t *za, bundle_entry *e, const char *zip_path, zip_source_t **src)
{
	deflated *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return policy__error_nomem();
	zip_error_init(&d->error);
	d->text = bytes(e);
	d->len = e->data.size;
	if ((*src = zip_source_function(za, deflated_source, d)) == NULL) {
		zip_error_fini(&d->error);
		free(d);
		return policy__error_set(POLICY_EIO, "%s: %s", zip_path, zip_strerror(za));
	}
	return 0;
}

/* Open the zip to be made in `src`: over the old bundle, or from nothing
 * when there is none or libzip cannot read it. */
static int open_zip(zip_t **za, zip_source_t *src, zip_file *f)
{
	zip_error_t err;
	int rc = 0;

	zip_error_init(&err);
	if (f->old_fd >= 0 && (*za = zip_open_from_source(src, 0, &err)) == NULL) {
		close(f->old_fd); /* unreadable: not an error, a zip made anew */
		f->old_fd = -1;
		f->old_size = 0;
	}
	if (f->old_fd < 0 &&
	    (*za = zip_open_from_source(src, ZIP_CREATE | ZIP_TRUNCATE, &err)) == NULL)
		rc = policy__error_set(POLICY_EIO, "%s: cannot make the zip: %s", f->t->zip_path,
				       zip_error_strerror(&err));
	if (rc == 0)
		zip_source_keep(src); /* ours again after zip_close() */
	zip_error_fini(&err);
	return rc;
}

/* The zip, over the old bundle: its leading entries that the new one
 * shares stay where they are, and every entry after them goes (libzip
 * then keeps the old file's bytes up to the first of them). After them,
 * an entry of the old bundle kept as it is is copied from it without
 * being inflated; any other is deflated at ZIP_LEVEL. Without an old
 * bundle, the zip is made from nothing; either way the bytes are the
 * same. */
static int write_zip(bundle_target *t, bundle_entry *entries, size_t count)
{
	zip_file f;
	zip_source_t *src;
	zip_t *za = NULL, *old = NULL;
	size_t keep = 0;
	int rc = 0;

	zip_file_init(&f, t);
	if ((src = zip_source_function_create(zip_file_source, &f, NULL)) == NULL)
		rc = policy__error_nomem();
	else
		rc = open_zip(&za, src, &f);
	if (rc == 0 && f.old_fd >= 0) {
		keep = shared_prefix(za, entries, count);
		for (zip_int64_t i = (zip_int64_t)keep; rc == 0 && i < zip_get_num_entries(za, 0);
		     i++)
			if (zip_delete(za, (zip_uint64_t)i) < 0)
				rc = policy__error_set(POLICY_EIO, "%s: %s", t->zip_path,
						       zip_strerror(za));
	}
	for (size_t i = keep; i < count && rc == 0; i++) {
		bundle_entry *e = &entries[i];
		zip_int64_t at = -1, index;
		zip_source_t *entry = NULL;

		/* an entry kept but moved: the old bundle opened once more to
		 * read it from (the zip being made has let it go) */
		if (e->kept && old == NULL && f.old_fd >= 0 && t->old_zip != NULL)
			old = zip_open(t->old_zip, ZIP_RDONLY, NULL);
		if (old != NULL && e->kept)
			at = zip_name_locate(old, e->name, ZIP_FL_ENC_RAW);
		if (at >= 0) {
			entry = zip_source_zip(za, old, (zip_uint64_t)at, 0, 0, -1);
		} else {
			if ((rc = load(e)) < 0 ||
			    (rc = deflated_entry(za, e, t->zip_path, &entry)) < 0)
				break;
		}
		if (entry == NULL ||
		    (index = zip_file_add(za, e->name, entry, ZIP_FL_ENC_UTF_8)) < 0) {
			zip_source_free(entry);
			rc = policy__error_set(POLICY_EIO, "%s: %s", t->zip_path, zip_strerror(za));
			break;
		}
		if (at < 0 &&
		    (zip_set_file_compression(za, (zip_uint64_t)index, ZIP_CM_DEFLATE, ZIP_LEVEL) <
			     0 ||
		     zip_file_set_mtime(za, (zip_uint64_t)index, (time_t)e->mtime, 0) < 0 ||
		     zip_file_set_external_attributes(za, (zip_uint64_t)index, 0, ZIP_OPSYS_UNIX,
						      (zip_uint32_t)0100644 << 16) < 0))
			rc = policy__error_set(POLICY_EIO, "%s: %s", t->zip_path, zip_strerror(za));
	}
	if (rc == 0 && zip_close(za) < 0)
		rc = f.rc < 0 ? f.rc
			      : policy__error_set(POLICY_EIO, "%s: %s", t->zip_path,
						  zip_strerror(za));
	if (rc < 0 && za != NULL)
		zip_discard(za);
	if (old != NULL)
		zip_discard(old);
	zip_source_free(src);
	zip_file_dispose(&f);
	return rc;
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
static int group_key(char key[DIGEST_HEX_SIZE], const bundle_entry *entries, size_t count, int last,
		     int level)
{
	policy_buf text = POLICY_BUF_INIT;
	/* the level too: a member of another level is not the bytes a build
	 * from nothing makes */
	int rc = policy__buf_printf_line(&text, "tar.gz member v3 libdeflate %d %s\n", level,
					 last ? "last" : "inner");

	for (size_t i = 0; i < count && rc == 0; i++)
		rc = policy__buf_printf_line(&text, "%s %lld %s\n", entries[i].name,
					     entries[i].mtime, entries[i].sha256);
	if (rc == 0)
		rc = policy__digest_sha256(key, text.ptr, text.size);
	policy_buf_dispose(&text);
	return rc;
}

/* The gzip member of one group, at `level`, from the cache or made and
 * cached. The tar's end-of-archive (two zero blocks) stays only in the
 * last group. */
static int member(const bundle_target *t, bundle_entry *entries, size_t count, int last, int level,
		  policy_buf *out, policy_buf *scratch)
{
	char key[DIGEST_HEX_SIZE], path[4200];
	int rc;

	if ((rc = group_key(key, entries, count, last, level)) < 0)
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
	if ((rc = policy__gzip_compress_level(out, scratch->ptr, scratch->size, level)) < 0)
		return rc;
	/* A cache that cannot be written only costs time next publish. */
	if (t->cache_dir != NULL && policy__site_cache_put(path, out) == 0 && t->used)
		rc = policy__buf_printf_line(t->used, "%s.gz\n", key);
	return rc;
}

/* The level of the member that ends before entry `end`. The last two
 * members, the newest group of versions and the manifest and sums after
 * it, change at the next publish that adds a version, so they are made
 * fast; every member before them stays as it is from then on and is made
 * small, once. The rule depends on the entries alone, as the bytes must. */
static int member_level(const bundle_entry *entries, size_t end, size_t count)
{
	return end == count || entries[end].group == entries[count - 1].group ? POLICY_GZIP_FAST
									      : POLICY_GZIP_LEVEL;
}

static int write_tgz(bundle_target *t, bundle_entry *entries, size_t count)
{
	policy_buf one = POLICY_BUF_INIT, scratch = POLICY_BUF_INIT;
	out_file o;
	int rc = out_open(&o, t->tgz_path);

	if (rc < 0)
		return rc;
	for (size_t i = 0; i < count && rc == 0;) {
		size_t n = 1;

		while (i + n < count && entries[i + n].group == entries[i].group)
			n++;
		rc = member(t, entries + i, n, i + n == count, member_level(entries, i + n, count),
			    &one, &scratch);
		if (rc == 0)
			rc = out_put(&o, one.ptr ? one.ptr : "", one.size);
		i += n;
	}
	policy_buf_dispose(&one);
	policy_buf_dispose(&scratch);
	return out_close(&o, rc, t->tgz_sha256);
}

int policy__bundle_write(bundle_target *t, bundle_entry *entries, size_t count)
{
	int rc = write_zip(t, entries, count);

	return rc == 0 ? write_tgz(t, entries, count) : rc;
}
