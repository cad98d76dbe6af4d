/*
 * SHA-256 digests for tamper evidence: sources, chains and bundle
 * contents, through libcrypto's EVP interface: one shot for what is in
 * memory, a stream for what is read in pieces (a bundle being verified).
 * The hex form is what manifests, tags and SHA256SUMS carry.
 */
#include "digest.h"

#include <openssl/evp.h>
#include <stdlib.h>

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
	EVP_MD_CTX *ctx;
	int started;
};

digest_stream *policy__digest_stream_new(void)
{
	digest_stream *d = calloc(1, sizeof(*d));

	if (d != NULL && (d->ctx = EVP_MD_CTX_new()) == NULL) {
		free(d);
		d = NULL;
	}
	return d;
}

int policy__digest_stream_add(digest_stream *d, const void *data, size_t len)
{
	if (!d->started) {
		if (EVP_DigestInit_ex(d->ctx, EVP_sha256(), NULL) != 1)
			return policy__error_set(POLICY_ERROR, "SHA-256 failed");
		d->started = 1;
	}
	if (EVP_DigestUpdate(d->ctx, data, len) != 1)
		return policy__error_set(POLICY_ERROR, "SHA-256 failed");
	return 0;
}

int policy__digest_stream_end(digest_stream *d, char hex[DIGEST_HEX_SIZE])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	if (!d->started && policy__digest_stream_add(d, "", 0) < 0)
		return POLICY_ERROR;
	d->started = 0;
	if (EVP_DigestFinal_ex(d->ctx, md, &n) != 1 || n != 32)
		return policy__error_set(POLICY_ERROR, "SHA-256 failed");
	to_hex(hex, md, n);
	return 0;
}

void policy__digest_stream_free(digest_stream *d)
{
	if (d == NULL)
		return;
	EVP_MD_CTX_free(d->ctx);
	free(d);
}
