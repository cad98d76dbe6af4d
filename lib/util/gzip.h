/* Deterministic gzip through zlib. */
#ifndef POLICY_UTIL_GZIP_H
#define POLICY_UTIL_GZIP_H

#include "policy/buf.h"

/* The level of every gzip stream publish writes. 5: on the pages,
 * sources, facts and redlines of a site it takes 27% less time than
 * zlib's default 6 for output 1% larger (800 files of bench/publish's
 * site), and compression was two fifths of a publish from nothing. The
 * level is part of the bytes, so the bundles' cached members name it
 * (site/bundle.c). */
#define POLICY_GZIP_LEVEL 5
/* The level of the parts of a bundle that every publish makes again (the
 * last members of a tar.gz, site/bundle.c). */
#define POLICY_GZIP_FAST 1
#include "policy/common.h"

/* `len` bytes at `data` compressed as a gzip member with no name and no
 * time in its header, into `out` (replacing what it held): the same input
 * gives the same bytes on every run. 0, POLICY_ENOMEM or POLICY_ERROR. */
int policy__gzip_compress(policy_buf *out, const char *data, size_t len);
/* The same at zlib level `level`. */
int policy__gzip_compress_level(policy_buf *out, const char *data, size_t len, int level);

#endif
