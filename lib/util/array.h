/* Growing an array of any element type by doubling. */
#ifndef POLICY_UTIL_ARRAY_H
#define POLICY_UTIL_ARRAY_H

#include <stddef.h>

/* Make room in the array at *ptr (capacity *cap elements of `size` bytes)
 * for one element past `count`. 0 or POLICY_ENOMEM (the array unchanged). */
int policy__array_reserve(void *ptr, size_t *cap, size_t count, size_t size);

/* The usual call: ARRAY_RESERVE(list->items, list->cap, list->count). */
#define ARRAY_RESERVE(items, cap, count)                                                           \
	policy__array_reserve(&(items), &(cap), (count), sizeof(*(items)))

#endif
