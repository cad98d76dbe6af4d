/*
 * The precompressed twins of a published site's files, and the members of
 * its tar.gz bundles: whole buffers, compressed by libdeflate. Its gzip
 * header carries no file name and a zero time, so the output depends on
 * the input, the level and libdeflate's version alone.
 */
#include "gzip.h"

#include <libdeflate.h>

#include "buf.h"
#include "error.h"

int policy__gzip_compress(policy_buf *out, const char *data, size_t len)
{
	return policy__gzip_compress_level(out, data, len, POLICY_GZIP_LEVEL);
}

/* `data` compressed into `out`, as gzip or as raw deflate. */
static int deflate_into(policy_buf *out, const char *data, size_t len, int level, int gzip)
{
	/* a compressor costs an allocation, not a setup: none is kept */
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(level);
	size_t bound, n;

	policy__buf_clear(out);
	if (c == NULL)
		return policy__error_set(POLICY_ENOMEM, "cannot start deflate at level %d", level);
	bound = gzip ? libdeflate_gzip_compress_bound(c, len)
		     : libdeflate_deflate_compress_bound(c, len);
	if (policy__buf_grow(out, bound) < 0) {
		libdeflate_free_compressor(c);
		return POLICY_ENOMEM;
	}
	n = gzip ? libdeflate_gzip_compress(c, data, len, out->ptr, bound)
		 : libdeflate_deflate_compress(c, data, len, out->ptr, bound);
	libdeflate_free_compressor(c);
	if (n == 0)
		return policy__error_set(POLICY_ERROR, "deflate failed");
	out->size = n;
	out->ptr[n] = '\0';
	return 0;
}

int policy__gzip_compress_level(policy_buf *out, const char *data, size_t len, int level)
{
	return deflate_into(out, data, len, level, 1);
}

int policy__deflate_raw(policy_buf *out, uint32_t *crc, const char *data, size_t len, int level)
{
	*crc = libdeflate_crc32(0, data, len);
	return deflate_into(out, data, len, level, 0);
}
