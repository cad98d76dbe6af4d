/* SHA-256 through libcrypto, as lowercase hex. */
#ifndef POLICY_UTIL_DIGEST_H
#define POLICY_UTIL_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#define DIGEST_HEX_SIZE 65 /* 64 hex digits and a NUL */

/* The SHA-256 of `len` bytes at `data` into `hex`. 0 or POLICY_ERROR. */
int policy__digest_sha256(char hex[DIGEST_HEX_SIZE], const void *data, size_t len);

/* A SHA-256 over data that arrives in pieces. */
typedef struct digest_stream digest_stream;

/* A new stream; NULL when out of memory. */
digest_stream *policy__digest_stream_new(void);
/* Add `len` bytes. 0 or POLICY_ERROR. */
int policy__digest_stream_add(digest_stream *d, const void *data, size_t len);
/* The digest of everything added, into `hex`; the stream starts again
 * empty. 0 or POLICY_ERROR. */
int policy__digest_stream_end(digest_stream *d, char hex[DIGEST_HEX_SIZE]);
/* Free the stream; NULL is fine. */
void policy__digest_stream_free(digest_stream *d);

/* A stream's state after a multiple of 64 bytes (SHA-256's block), kept
 * to go on from there another time without the bytes before it: the
 * number of bytes and the eight words of the state. */
typedef struct {
	uint64_t length;
	uint32_t h[8];
} digest_mark;

/* The stream's state into `m`, when the bytes added so far are a whole
 * number of blocks: 0, or POLICY_ERROR. */
int policy__digest_stream_mark(const digest_stream *d, digest_mark *m);
/* Start the stream again from `m`, as if its bytes had been added: 0, or
 * POLICY_ERROR for a mark that is not at a block's end. */
int policy__digest_stream_resume(digest_stream *d, const digest_mark *m);
/* The number of bytes added since the stream started. */
uint64_t policy__digest_stream_length(const digest_stream *d);

#endif
