/*
 * Writing one file of a site being built, or of the bundle cache beside
 * it. A site built in the spare (site.c) shares the files of its versions
 * with the live site as hard links, so a file is never written in place:
 * whatever has its name is unlinked first and the file made anew. Nothing
 * is synced here; the whole site is, once, before it is swapped in, and a
 * cache file lost is only made again.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <unistd.h>

#include "error.h"
#include "site.h"

int policy__site_create_file(const char *path)
{
	int fd;

	if (unlink(path) < 0 && errno != ENOENT)
		return policy__error_set(POLICY_EIO, "cannot replace %s: %s", path,
					 policy__strerror(errno));
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0)
		return policy__error_set(POLICY_EIO, "cannot create %s: %s", path,
					 policy__strerror(errno));
	return fd;
}

int policy__site_put(int fd, const char *path, const char *data, size_t len)
{
	size_t off = 0;

	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return policy__error_set(POLICY_EIO, "cannot write %s: %s", path,
						 policy__strerror(errno));
		off += (size_t)n;
	}
	return 0;
}

int policy__site_close_file(int fd, const char *path, int rc)
{
	if (close(fd) < 0 && rc == 0)
		rc = policy__error_set(POLICY_EIO, "cannot write %s: %s", path,
				       policy__strerror(errno));
	return rc;
}

int policy__site_cache_put(const char *path, const policy_buf *data)
{
	char tmp[PATH_MAX + 64];
	FILE *f;
	int ok;

	snprintf(tmp, sizeof(tmp), "%s.tmp-%ld-%p", path, (long)getpid(), (const void *)data);
	if ((f = fopen(tmp, "wb")) == NULL)
		return -1;
	ok = fwrite(data->ptr ? data->ptr : "", 1, data->size, f) == data->size;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path) < 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

int policy__site_write_file(const char *path, const char *data, size_t len)
{
	int fd = policy__site_create_file(path);

	if (fd < 0)
		return fd;
	return policy__site_close_file(fd, path, policy__site_put(fd, path, data, len));
}
