/* SHA-256 through libcrypto, as lowercase hex. */
#ifndef POLICY_UTIL_DIGEST_H
#define POLICY_UTIL_DIGEST_H

#include <stddef.h>

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

#endif
