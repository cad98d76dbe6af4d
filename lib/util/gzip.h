/* Deterministic gzip of whole buffers, through libdeflate. */
#ifndef POLICY_UTIL_GZIP_H
#define POLICY_UTIL_GZIP_H

#include <stdint.h>

#include "policy/buf.h"

/* The level of every gzip stream publish writes (libdeflate's levels).
 * 5: on a 17.6 KB page of bench/publish's site, 4,484 bytes in 0.26 ms,
 * where zlib at its level 5 made 4,504 in 0.52 ms; on a tar.gz member of
 * 16 versions (528 KB), 54.5 KB in 4.5 ms against zlib's 70.7 KB in 8.7
 * ms. Compression was half of a publish from nothing. The level is part
 * of the bytes, so the bundles' cached members name it (site/bundle.c). */
#define POLICY_GZIP_LEVEL 5
/* The level of the parts of a bundle that every publish makes again (the
 * last members of a tar.gz, site/bundle.c). */
#define POLICY_GZIP_FAST 1
#include "policy/common.h"

/* `len` bytes at `data` compressed as a gzip member with no name and no
 * time in its header, into `out` (replacing what it held): the same input
 * gives the same bytes on every run. 0, POLICY_ENOMEM or POLICY_ERROR. */
int policy__gzip_compress(policy_buf *out, const char *data, size_t len);
/* The same at libdeflate level `level` (1 to 12). */
int policy__gzip_compress_level(policy_buf *out, const char *data, size_t len, int level);
/* `len` bytes at `data` as a raw deflate stream at `level`, as a zip
 * entry holds them, into `out`; their CRC-32 into *crc. */
int policy__deflate_raw(policy_buf *out, uint32_t *crc, const char *data, size_t len, int level);

#endif
