/*
 * SHA-256 digests for tamper evidence: sources, chains and bundle
 * contents, through libcrypto: one shot for what is in memory (the EVP
 * interface), a stream for what is read or written in pieces (a bundle
 * being verified or written). The hex form is what manifests, tags and
 * SHA256SUMS carry.
 *
 * A stream can be saved at a block's end and resumed another day (a
 * bundle that begins with the bytes of the last one is hashed from where
 * those end). EVP's contexts cannot be saved, so streams use libcrypto's
 * SHA256_* functions, deprecated in OpenSSL 3.0 but kept, whose context
 * is a public structure: the same block function underneath.
 */
#define OPENSSL_API_COMPAT 0x10101000L /* SHA256_CTX, see above */

#include "digest.h"

#include <openssl/evp.h>
#include <openssl/sha.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

static void to_hex(char hex[DIGEST_HEX_SIZE], const unsigned char *md, unsigned n)
{
	static const char digits[] = "0123456789abcdef";

	for (unsigned i = 0; i < n; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[2 * n] = '\0';
}

int policy__digest_sha256(char hex[DIGEST_HEX_SIZE], const void *data, size_t len)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	if (EVP_Digest(data, len, md, &n, EVP_sha256(), NULL) != 1 || n != 32)
		return policy__error_set(POLICY_ERROR, "SHA-256 failed");
	to_hex(hex, md, n);
	return 0;
}

struct digest_stream {
	SHA256_CTX ctx;
	uint64_t length;
	int started;
};

digest_stream *policy__digest_stream_new(void)
{
	return calloc(1, sizeof(digest_stream));
}

int policy__digest_stream_add(digest_stream *d, const void *data, size_t len)
{
	if (!d->started) {
		if (SHA256_Init(&d->ctx) != 1)
			return policy__error_set(POLICY_ERROR, "SHA-256 failed");
		d->started = 1;
		d->length = 0;
	}
	if (SHA256_Update(&d->ctx, data, len) != 1)
		return policy__error_set(POLICY_ERROR, "SHA-256 failed");
	d->length += len;
	return 0;
}

int policy__digest_stream_end(digest_stream *d, char hex[DIGEST_HEX_SIZE])
{
	unsigned char md[SHA256_DIGEST_LENGTH];

	if (!d->started && policy__digest_stream_add(d, "", 0) < 0)
		return POLICY_ERROR;
	d->started = 0;
	if (SHA256_Final(md, &d->ctx) != 1)
		return policy__error_set(POLICY_ERROR, "SHA-256 failed");
	to_hex(hex, md, SHA256_DIGEST_LENGTH);
	return 0;
}

int policy__digest_stream_mark(const digest_stream *d, digest_mark *m)
{
	if (!d->started || d->length % SHA256_CBLOCK != 0 || d->ctx.num != 0)
		return policy__error_set(POLICY_ERROR, "SHA-256: no mark within a block");
	m->length = d->length;
	for (int i = 0; i < 8; i++)
		m->h[i] = d->ctx.h[i];
	return 0;
}

int policy__digest_stream_resume(digest_stream *d, const digest_mark *m)
{
	if (m->length % SHA256_CBLOCK != 0 || SHA256_Init(&d->ctx) != 1)
		return policy__error_set(POLICY_ERROR, "SHA-256: no mark within a block");
	for (int i = 0; i < 8; i++)
		d->ctx.h[i] = m->h[i];
	/* the length in bits, in two words */
	d->ctx.Nl = (SHA_LONG)((m->length << 3) & 0xffffffffu);
	d->ctx.Nh = (SHA_LONG)(m->length >> 29);
	d->length = m->length;
	d->started = 1;
	return 0;
}

uint64_t policy__digest_stream_length(const digest_stream *d)
{
	return d->started ? d->length : 0;
}

void policy__digest_stream_free(digest_stream *d)
{
	free(d);
}
