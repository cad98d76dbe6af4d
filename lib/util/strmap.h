/*
 * A map from NUL-terminated strings to size_t values: open addressing,
 * linear probing, hash_text (util/hash.h), a power-of-two table at most
 * half full. Each slot keeps its key's hash: a probe compares hashes
 * before it compares strings (keys such as a site's paths share long
 * beginnings), and the table grows without hashing its keys again. Keys
 * are not copied: they must outlive the map (an arena's strings, or the
 * strings of the records the values index).
 */
#ifndef POLICY_UTIL_STRMAP_H
#define POLICY_UTIL_STRMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	const char *key; /* NULL: an empty slot */
	size_t value;
	uint64_t hash; /* the key's */
} strmap_slot;

typedef struct {
	strmap_slot *slots;
	size_t count;
	size_t cap;
} strmap;

#define STRMAP_INIT                                                                                \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

/* The value stored for `key`, which the caller may change; NULL when the
 * key is not in the map. */
size_t *policy__strmap_get(const strmap *m, const char *key);

/* Store `value` for `key`, replacing any value it had. 0, or
 * POLICY_ENOMEM with the map unchanged. */
int policy__strmap_put(strmap *m, const char *key, size_t value);

/* Free the table (not the keys); the map is empty and usable again. */
void policy__strmap_dispose(strmap *m);

#endif
