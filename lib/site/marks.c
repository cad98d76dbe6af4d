/*
 * Marks of a bundle's SHA-256: the hash's state at every MARK_STEP bytes
 * of a file publish wrote, kept in the bundle cache beside the site. The
 * next publish's zip begins with the bytes of this one (its versions),
 * so its hash goes on from the last mark within them instead of reading
 * and hashing them again (about 10 ms for 14 MB).
 *
 * Marks hold for one file only: the cache file is named by the SHA-256 of
 * the file's device, inode, size and modification time, as fstat(2) gives
 * them when the file is written and when it is read again, and states
 * them on its first line. A file changed since (written again, copied,
 * touched) has other ones, and its marks are not found: it is then read
 * and hashed whole, as before. A marks file that does not read as one is
 * ignored the same way.
 */
#define _GNU_SOURCE /* the file types of struct stat */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"
#include "buf.h"
#include "error.h"
#include "policy/file.h"
#include "site.h"

#define MARKS_HEAD "policyctl sha256 marks 1 "
#define MARKS_MAX ((size_t)16 << 20)

/* The first line of the marks of the file open at `fd` (without its
 * newline), and the cache's name for them: -1 when fstat fails. */
static int marks_name(int fd, char head[160], char name[DIGEST_HEX_SIZE + 8])
{
	struct stat st;
	char hex[DIGEST_HEX_SIZE];

	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return -1;
	snprintf(head, 160, MARKS_HEAD "%ju %ju %jd %jd.%09ld", (uintmax_t)st.st_dev,
		 (uintmax_t)st.st_ino, (intmax_t)st.st_size, (intmax_t)st.st_mtim.tv_sec,
		 st.st_mtim.tv_nsec);
	if (policy__digest_sha256(hex, head, strlen(head)) < 0) {
		policy_error_clear();
		return -1;
	}
	snprintf(name, DIGEST_HEX_SIZE + 8, "%s.marks", hex);
	return 0;
}

/* Note `name` as a file of the cache this publish used. */
static int note_used(policy_buf *used, const char *name)
{
	return used ? policy__buf_printf_line(used, "%s\n", name) : 0;
}

int policy__marks_add(hash_marks *m, const digest_stream *d)
{
	if (ARRAY_RESERVE(m->at, m->cap, m->count) < 0)
		return policy__error_nomem();
	if (policy__digest_stream_mark(d, &m->at[m->count]) < 0)
		return POLICY_ERROR;
	m->count++;
	return 0;
}

/* One line "<length> <eight words in hex>" into `m`: 0 or -1. The words
 * are exactly 64 hex digits: sscanf alone would take signs and short ones. */
static int read_mark(const char *line, digest_mark *m)
{
	const char *words = strchr(line, ' ');
	int n = 0;

	if (words == NULL || strspn(line, "0123456789") != (size_t)(words - line) ||
	    strspn(words + 1, "0123456789abcdef") != 64 || words[65] != '\0')
		return -1;

	if (sscanf(line,
		   "%" SCNu64 " %8" SCNx32 "%8" SCNx32 "%8" SCNx32 "%8" SCNx32 "%8" SCNx32
		   "%8" SCNx32 "%8" SCNx32 "%8" SCNx32 "%n",
		   &m->length, &m->h[0], &m->h[1], &m->h[2], &m->h[3], &m->h[4], &m->h[5], &m->h[6],
		   &m->h[7], &n) != 9 ||
	    line[n] != '\0' || strlen(line) != (size_t)n || m->length % 64 != 0)
		return -1;
	return 0;
}

void policy__marks_read(hash_marks *m, const char *cache_dir, int fd, policy_buf *used)
{
	char head[160], name[DIGEST_HEX_SIZE + 8], path[4200];
	policy_buf text = POLICY_BUF_INIT;
	char *line, *nl;

	memset(m, 0, sizeof(*m));
	if (cache_dir == NULL || marks_name(fd, head, name) < 0)
		return;
	snprintf(path, sizeof(path), "%s/%s", cache_dir, name);
	if (policy_file_read(&text, path, MARKS_MAX) < 0 || text.ptr == NULL ||
	    (nl = strchr(text.ptr, '\n')) == NULL || (size_t)(nl - text.ptr) != strlen(head) ||
	    strncmp(text.ptr, head, strlen(head)) != 0)
		goto fail;
	for (line = nl + 1; *line; line = nl + 1) {
		if ((nl = strchr(line, '\n')) == NULL)
			goto fail;
		*nl = '\0';
		if (ARRAY_RESERVE(m->at, m->cap, m->count) < 0 ||
		    read_mark(line, &m->at[m->count]) < 0 ||
		    (m->count > 0 && m->at[m->count].length <= m->at[m->count - 1].length))
			goto fail;
		m->count++;
	}
	policy_buf_dispose(&text);
	if (note_used(used, name) < 0)
		policy__marks_dispose(m);
	return;
fail:
	policy_error_clear();
	policy_buf_dispose(&text);
	policy__marks_dispose(m);
}

void policy__marks_write(const hash_marks *m, const char *cache_dir, int fd, policy_buf *used)
{
	char head[160], name[DIGEST_HEX_SIZE + 8], path[4200];
	policy_buf text = POLICY_BUF_INIT;
	int rc;

	if (cache_dir == NULL || m->count == 0 || marks_name(fd, head, name) < 0)
		return;
	rc = policy__buf_printf_line(&text, "%s\n", head);
	for (size_t i = 0; i < m->count && rc == 0; i++) {
		const uint32_t *h = m->at[i].h;

		rc = policy__buf_printf_line(
			&text,
			"%" PRIu64 " %08" PRIx32 "%08" PRIx32 "%08" PRIx32 "%08" PRIx32 "%08" PRIx32
			"%08" PRIx32 "%08" PRIx32 "%08" PRIx32 "\n",
			m->at[i].length, h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]);
	}
	snprintf(path, sizeof(path), "%s/%s", cache_dir, name);
	if (rc < 0 || policy__site_cache_put(path, &text) < 0 || note_used(used, name) < 0)
		policy_error_clear();
	policy_buf_dispose(&text);
}

void policy__marks_dispose(hash_marks *m)
{
	free(m->at);
	memset(m, 0, sizeof(*m));
}
