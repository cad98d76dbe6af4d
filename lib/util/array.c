/*
 * One place for the grow-by-doubling step every list in the library needs
 * (diagnostics, fields, findings, edits), with the overflow check written
 * once.
 */
#include "array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

int policy__array_reserve(void *ptr, size_t *cap, size_t count, size_t size)
{
	void **items = ptr;
	size_t ncap;
	void *grown;

	if (count < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	if (ncap < *cap || ncap > SIZE_MAX / size)
		return policy__error_nomem();
	grown = realloc(*items, ncap * size);
	if (grown == NULL)
		return policy__error_nomem();
	*items = grown;
	*cap = ncap;
	return 0;
}
