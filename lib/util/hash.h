/* FNV-1a over bytes: the hash the library's tables and sketches use; and
 * a hash eight bytes at a time for long texts (sentences, diff units). */
#ifndef POLICY_UTIL_HASH_H
#define POLICY_UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline uint64_t hash_bytes(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 14695981039346656037ULL;

	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h;
}

/* A word at a time: each eight bytes xored in, multiplied, the high bits
 * folded down; then the length and splitmix64's finaliser, so every bit
 * of the result depends on every byte. FNV-1a waits for one multiply per
 * byte; this for one per eight. Equal hashes stand for equal sentences
 * (facts.c), so all 64 bits are mixed. */
static inline uint64_t hash_text(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0x9E3779B97F4A7C15ULL, w;
	size_t n = len;

	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
		h ^= h >> 31;
	}
	w = 0;
	memcpy(&w, p, n);
	h = (h ^ w ^ ((uint64_t)len << 56)) * 0xBF58476D1CE4E5B9ULL;
	h ^= h >> 30;
	h *= 0xBF58476D1CE4E5B9ULL;
	h ^= h >> 27;
	h *= 0x94D049BB133111EBULL;
	return h ^ (h >> 31);
}

#endif
