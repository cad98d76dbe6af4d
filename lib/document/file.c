/*
 * Reading a source whole (with a size limit checked before reading), or
 * mapping it (a document's source is read in place, not copied), and
 * writing an output all or nothing: a temporary file beside the target,
 * flushed to disk, then renamed over it, so a reader or a crash never sees
 * half a file.
 */
#define _DEFAULT_SOURCE /* MAP_POPULATE */
#include "policy/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"
#include "internal.h"

int policy_file_read(policy_buf *out, const char *path, size_t max_size)
{
	struct stat st;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer; it is
	 * refused below, as everything but a regular file is. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	int rc = 0;
	size_t got = 0;

	if (fd < 0)
		return policy__error_set_at(errno == ENOENT ? POLICY_ENOTFOUND : POLICY_EIO, path,
					    0, "cannot open: %s", policy__strerror(errno));
	if (fstat(fd, &st) < 0) {
		rc = policy__error_set_at(POLICY_EIO, path, 0, "cannot stat: %s",
					  policy__strerror(errno));
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = policy__error_set_at(POLICY_EINVALID, path, 0, "not a regular file");
		goto done;
	}
	if ((unsigned long long)st.st_size > max_size) {
		rc = policy__error_set_at(POLICY_EINVALID, path, 1,
					  "file is %lld bytes, over the limit of %zu",
					  (long long)st.st_size, max_size);
		goto done;
	}
	policy__buf_clear(out);
	if ((rc = policy__buf_grow(out, (size_t)st.st_size)) < 0)
		goto done;
	for (;;) {
		ssize_t n;

		if (got == out->asize - 1 && (rc = policy__buf_grow(out, 4096)) < 0)
			goto done;
		n = read(fd, out->ptr + got, out->asize - 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = policy__error_set_at(POLICY_EIO, path, 0, "cannot read: %s",
						  policy__strerror(errno));
			goto done;
		}
		if (n == 0)
			break;
		got += (size_t)n;
		if (got > max_size) {
			rc = policy__error_set_at(POLICY_EINVALID, path, 1,
						  "file is over the limit of %zu bytes", max_size);
			goto done;
		}
	}
	out->size = got;
	out->ptr[got] = '\0';
done:
	close(fd);
	return rc;
}

void *policy__file_map(const char *path, size_t max_size, size_t *len)
{
	long page = sysconf(_SC_PAGESIZE);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	void *map = NULL;

	if (fd < 0)
		return NULL;
	/* Only where the zeros after the end of the file are mapped too:
	 * the text is then NUL-terminated, as a policy_buf is. */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (unsigned long long)st.st_size <= max_size && page > 0 && st.st_size % page != 0) {
		map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
		if (map == MAP_FAILED)
			map = NULL;
		else
			*len = (size_t)st.st_size;
	}
	close(fd);
	return map;
}

void policy__file_unmap(void *map, size_t len)
{
	if (map != NULL)
		munmap(map, len);
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int policy_file_write(const char *path, const char *data, size_t len)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	size_t tmplen = strlen(path) + 16;
	char *tmp = malloc(tmplen);
	int fd = -1;
	int rc = 0;

	if (tmp == NULL)
		return policy__error_nomem();
	snprintf(tmp, tmplen, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
	fd = mkstemp(tmp);
	if (fd < 0) {
		rc = policy__error_set_at(POLICY_EIO, path, 0, "cannot create a file beside it: %s",
					  policy__strerror(errno));
		free(tmp);
		return rc;
	}
	if (write_all(fd, data, len) < 0 || fchmod(fd, 0644) < 0 || fsync(fd) < 0) {
		rc = policy__error_set_at(POLICY_EIO, path, 0, "cannot write: %s",
					  policy__strerror(errno));
		goto done;
	}
	if (close(fd) < 0) {
		fd = -1;
		rc = policy__error_set_at(POLICY_EIO, path, 0, "cannot write: %s",
					  policy__strerror(errno));
		goto done;
	}
	fd = -1;
	if (rename(tmp, path) < 0)
		rc = policy__error_set_at(POLICY_EIO, path, 0, "cannot replace: %s",
					  policy__strerror(errno));
done:
	if (fd >= 0)
		close(fd);
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	return rc;
}
