/*
 * The precompressed twins of a published site's files. zlib writes the
 * gzip header itself when asked (window bits + 16); with no gz_header set
 * it carries no file name and a zero time, so the output depends on the
 * input and the compression level alone.
 */
#include "gzip.h"

#include <stdint.h>
#include <zlib.h>

#include "buf.h"
#include "error.h"

int policy__gzip_compress(policy_buf *out, const char *data, size_t len)
{
	return policy__gzip_compress_level(out, data, len, POLICY_GZIP_LEVEL);
}

int policy__gzip_compress_level(policy_buf *out, const char *data, size_t len, int level)
{
	z_stream z = {0};
	size_t bound;
	int rc;

	policy__buf_clear(out);
	if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
		return policy__error_set(POLICY_ERROR, "cannot start gzip");
	bound = deflateBound(&z, (uLong)len);
	if (policy__buf_grow(out, bound) < 0) {
		deflateEnd(&z);
		return POLICY_ENOMEM;
	}
	z.next_in = (Bytef *)(uintptr_t)data;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out->ptr;
	z.avail_out = (uInt)bound;
	rc = deflate(&z, Z_FINISH);
	out->size = z.total_out;
	out->ptr[out->size] = '\0';
	deflateEnd(&z);
	return rc == Z_STREAM_END ? 0 : policy__error_set(POLICY_ERROR, "gzip failed");
}
