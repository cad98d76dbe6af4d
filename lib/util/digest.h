/* SHA-256 through libcrypto, as lowercase hex. */
#ifndef POLICY_UTIL_DIGEST_H
#define POLICY_UTIL_DIGEST_H

#include <stddef.h>

#define DIGEST_HEX_SIZE 65 /* 64 hex digits and a NUL */

/* The SHA-256 of `len` bytes at `data` into `hex`. 0 or POLICY_ERROR. */
int digest_sha256(char hex[DIGEST_HEX_SIZE], const void *data, size_t len);

#endif
