/*
 * The string map of util/strmap.h. Slots are probed from the key's hash
 * modulo the table size until the key or an empty slot is found; the
 * table doubles before it is half full, so a probe is short on average.
 */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "hash.h"

static uint64_t key_hash(const char *key)
{
	return hash_text(key, strlen(key));
}

static size_t slot_of(const strmap_slot *slots, size_t cap, const char *key, uint64_t hash)
{
	size_t mask = cap - 1, i = (size_t)hash & mask;

	while (slots[i].key != NULL && (slots[i].hash != hash || strcmp(slots[i].key, key) != 0))
		i = (i + 1) & mask;
	return i;
}

size_t *policy__strmap_get(const strmap *m, const char *key)
{
	size_t i;

	if (m->cap == 0)
		return NULL;
	i = slot_of(m->slots, m->cap, key, key_hash(key));
	return m->slots[i].key != NULL ? &m->slots[i].value : NULL;
}

static int grow(strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 16;
	strmap_slot *slots = calloc(cap, sizeof(*slots));

	if (slots == NULL)
		return policy__error_nomem();
	/* the keys are distinct: each goes to the first free slot */
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key != NULL) {
			size_t at = (size_t)m->slots[i].hash & (cap - 1);

			while (slots[at].key != NULL)
				at = (at + 1) & (cap - 1);
			slots[at] = m->slots[i];
		}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return 0;
}

int policy__strmap_put(strmap *m, const char *key, size_t value)
{
	uint64_t hash;
	size_t i;

	if ((m->count + 1) * 2 > m->cap && grow(m) < 0)
		return POLICY_ENOMEM;
	hash = key_hash(key);
	i = slot_of(m->slots, m->cap, key, hash);
	if (m->slots[i].key == NULL) {
		m->slots[i].key = key;
		m->slots[i].hash = hash;
		m->count++;
	}
	m->slots[i].value = value;
	return 0;
}

void policy__strmap_dispose(strmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->count = m->cap = 0;
}
