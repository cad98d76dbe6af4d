/* Shared by the libFuzzer harnesses: the entry point's prototype and a
 * NUL-terminated copy of the input. */
#ifndef POLICY_FUZZ_H
#define POLICY_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a C string (freed by the caller); NULL when out of memory. */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s != NULL) {
		memcpy(s, data, size);
		s[size] = '\0';
	}
	return s;
}

#endif
