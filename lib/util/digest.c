/*
 * SHA-256 digests for tamper evidence: sources, chains and bundle
 * contents. libcrypto's one-shot EVP_Digest() is all that is needed; the
 * hex form is what manifests, tags and SHA256SUMS carry.
 */
#include "util/digest.h"

#include <openssl/evp.h>

#include "util/error.h"

int digest_sha256(char hex[DIGEST_HEX_SIZE], const void *data, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	if (EVP_Digest(data, len, md, &n, EVP_sha256(), NULL) != 1 || n != 32)
		return error_set(POLICY_ERROR, "SHA-256 failed");
	for (unsigned i = 0; i < n; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[2 * n] = '\0';
	return 0;
}
