/* Raising the thread-local last error. Each returns the code it sets. */
#ifndef POLICY_UTIL_ERROR_H
#define POLICY_UTIL_ERROR_H

#include "policy/common.h"

int policy__error_set(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int policy__error_set_at(int code, const char *file, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int policy__error_nomem(void);

#endif
