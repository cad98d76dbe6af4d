/* FNV-1a over bytes: the hash the library's tables and sketches use. */
#ifndef POLICY_UTIL_HASH_H
#define POLICY_UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>

static inline uint64_t hash_bytes(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 14695981039346656037ULL;

	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h;
}

#endif
