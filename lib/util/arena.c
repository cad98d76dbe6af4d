/*
 * A document owns hundreds of small strings (ids, titles, field values) that
 * live exactly as long as it does. Allocating them from chained blocks
 * makes parsing cheaper and freeing a document a walk over a few blocks.
 * Blocks start small and double, since many arenas (a section's facts)
 * hold only a few strings.
 */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK 16384u /* the largest block made for small requests */
#define ARENA_FIRST 256u   /* the first block: many arenas hold a few strings */
#define ARENA_ALIGN (sizeof(max_align_t))

struct arena_block {
	arena_block *next;
	size_t used;
	size_t cap;
	max_align_t data[];
};

void *policy__arena_alloc(arena *a, size_t size)
{
	arena_block *b = a->head;
	size_t rounded = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	void *p;

	if (rounded < size)
		return NULL;
	if (b == NULL || b->cap - b->used < rounded) {
		/* blocks double from ARENA_FIRST to ARENA_BLOCK, so that an arena
		 * of a few keys (a section's facts) costs a small malloc */
		size_t grow = b == NULL              ? ARENA_FIRST
			      : b->cap < ARENA_BLOCK ? b->cap * 2
						     : ARENA_BLOCK;
		size_t cap = rounded > grow ? rounded : grow;

		if (cap > SIZE_MAX - sizeof(*b))
			return NULL;
		b = malloc(sizeof(*b) + cap);
		if (b == NULL)
			return NULL;
		b->cap = cap;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	p = (char *)b->data + b->used;
	b->used += rounded;
	return p;
}

char *policy__arena_strndup(arena *a, const char *s, size_t len)
{
	char *p = policy__arena_alloc(a, len + 1);

	if (p == NULL)
		return NULL;
	if (len > 0)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *policy__arena_strdup(arena *a, const char *s)
{
	return policy__arena_strndup(a, s, strlen(s));
}

char *policy__arena_printf(arena *a, const char *fmt, ...)
{
	char small[256]; /* most strings fit: formatted once, then copied */
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	if ((size_t)n < sizeof(small))
		return policy__arena_strndup(a, small, (size_t)n);
	p = policy__arena_alloc(a, (size_t)n + 1);
	if (p == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void policy__arena_free(arena *a)
{
	arena_block *b = a->head;

	while (b != NULL) {
		arena_block *next = b->next;

		free(b);
		b = next;
	}
	a->head = NULL;
}

void policy__arena_adopt(arena *into, arena *from)
{
	arena_block *last = from->head;

	if (last == NULL)
		return;
	while (last->next != NULL)
		last = last->next;
	/* behind the head of `into`, whose free room is still the next
	 * allocation's */
	if (into->head == NULL) {
		into->head = from->head;
	} else {
		last->next = into->head->next;
		into->head->next = from->head;
	}
	from->head = NULL;
}

void policy__arena_adopt_all(arena *into, arena *from, size_t n)
{
	for (size_t i = 0; i < n; i++)
		policy__arena_adopt(into, &from[i]);
}
