/* Deterministic gzip through zlib. */
#ifndef POLICY_UTIL_GZIP_H
#define POLICY_UTIL_GZIP_H

#include "policy/buf.h"
#include "policy/common.h"

/* `len` bytes at `data` compressed as a gzip member with no name and no
 * time in its header, into `out` (replacing what it held): the same input
 * gives the same bytes on every run. 0, POLICY_ENOMEM or POLICY_ERROR. */
int policy__gzip_compress(policy_buf *out, const char *data, size_t len);

#endif
