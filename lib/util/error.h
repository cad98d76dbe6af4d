/* Raising the thread-local last error. Each returns the code it sets. */
#ifndef POLICY_UTIL_ERROR_H
#define POLICY_UTIL_ERROR_H

#include <stddef.h>

#include "policy/common.h"

int policy__error_set(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int policy__error_set_at(int code, const char *file, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int policy__error_nomem(void);

/* 0 when an options struct's `version` is one this library knows (1 to
 * `newest`), else POLICY_EINVALID naming `what` (e.g. "policy_doc_options"). */
int policy__options_check(unsigned version, unsigned newest, const char *what);

/* The text of errno value `err`, thread-safe (strerror_r into `buf`);
 * policy__strerror(err) gives it a buffer that lives to the end of the
 * enclosing block. strerror() itself is banned here: the library runs in
 * publish's and serve's threads. */
const char *policy__strerror_r(int err, char *buf, size_t size);
#define policy__strerror(err) policy__strerror_r((err), (char[128]){0}, 128)

#endif
