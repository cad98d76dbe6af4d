/* Growable byte buffers (policy_buf) for the library's own use. */
#ifndef POLICY_UTIL_BUF_H
#define POLICY_UTIL_BUF_H

#include <stdarg.h>

#include "policy/common.h"

/* Make room for `extra` more bytes plus a terminator. 0 or POLICY_ENOMEM. */
int buf_grow(policy_buf *buf, size_t extra);
int buf_put(policy_buf *buf, const char *data, size_t len);
int buf_puts(policy_buf *buf, const char *str);
int buf_putc(policy_buf *buf, char c);
void buf_clear(policy_buf *buf);
/* Append formatted text (for short lines of reports, never markup). */
int buf_printf_line(policy_buf *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
