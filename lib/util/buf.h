/* Growable byte buffers (policy_buf) for the library's own use. */
#ifndef POLICY_UTIL_BUF_H
#define POLICY_UTIL_BUF_H

#include <stdarg.h>

#include "policy/buf.h"
#include "policy/common.h"

/* Make room for `extra` more bytes plus a terminator. 0 or POLICY_ENOMEM. */
int policy__buf_grow(policy_buf *buf, size_t extra);
int policy__buf_put(policy_buf *buf, const char *data, size_t len);
int policy__buf_puts(policy_buf *buf, const char *str);
int policy__buf_putc(policy_buf *buf, char c);
void policy__buf_clear(policy_buf *buf);
/* Append formatted text (for short lines of reports, never markup). */
int policy__buf_printf_line(policy_buf *buf, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
