/* A bump allocator: many small allocations, one free. */
#ifndef POLICY_UTIL_ARENA_H
#define POLICY_UTIL_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;
typedef struct {
	arena_block *head;
} arena;

/* Memory for `size` bytes aligned for any type; NULL when out of memory. */
void *policy__arena_alloc(arena *a, size_t size);
/* A NUL-terminated copy of `len` bytes at `s`. */
char *policy__arena_strndup(arena *a, const char *s, size_t len);
char *policy__arena_strdup(arena *a, const char *s);
char *policy__arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void policy__arena_free(arena *a);
/* Moves every block of `from` into `into`, which then frees them; `from`
 * is left empty. What was allocated from either stays where it is. */
void policy__arena_adopt(arena *into, arena *from);
/* The same for each of the `n` arenas at `from` (a parallel loop's, one
 * per worker). */
void policy__arena_adopt_all(arena *into, arena *from, size_t n);

#endif
