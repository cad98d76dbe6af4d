/*
 * The buffer behind policy_buf: a pointer, a size and a capacity, grown by
 * half again each time so appends are amortised constant time, and kept
 * NUL-terminated so the contents can be handed out as a C string.
 */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

int policy__buf_grow(policy_buf *buf, size_t extra)
{
	size_t need = buf->size + extra + 1;
	size_t cap;
	char *ptr;

	if (need < extra)
		return policy__error_nomem();
	if (need <= buf->asize)
		return 0;
	cap = buf->asize < 64 ? 64 : buf->asize + buf->asize / 2;
	if (cap < need)
		cap = need;
	ptr = realloc(buf->ptr, cap);
	if (ptr == NULL)
		return policy__error_nomem();
	buf->ptr = ptr;
	buf->asize = cap;
	return 0;
}

int policy__buf_put(policy_buf *buf, const char *data, size_t len)
{
	if (policy__buf_grow(buf, len) < 0)
		return POLICY_ENOMEM;
	if (len > 0)
		memcpy(buf->ptr + buf->size, data, len);
	buf->size += len;
	buf->ptr[buf->size] = '\0';
	return 0;
}

int policy__buf_puts(policy_buf *buf, const char *str)
{
	return policy__buf_put(buf, str, strlen(str));
}

int policy__buf_putc(policy_buf *buf, char c)
{
	return policy__buf_put(buf, &c, 1);
}

void policy__buf_clear(policy_buf *buf)
{
	buf->size = 0;
	if (buf->ptr != NULL)
		buf->ptr[0] = '\0';
}

void policy_buf_dispose(policy_buf *buf)
{
	if (buf == NULL)
		return;
	free(buf->ptr);
	buf->ptr = NULL;
	buf->size = 0;
	buf->asize = 0;
}

int policy_buf_append(policy_buf *buf, const char *data, size_t len)
{
	return policy__buf_put(buf, data, len);
}

int policy__buf_printf_line(policy_buf *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	/* formatted straight into the room there is; again only when the
	 * text is longer (a line rarely is) */
	if (policy__buf_grow(buf, 128) < 0)
		return policy__error_nomem();
	va_start(ap, fmt);
	n = vsnprintf(buf->ptr + buf->size, buf->asize - buf->size, fmt, ap);
	va_end(ap);
	if (n < 0) {
		buf->ptr[buf->size] = '\0';
		return policy__error_nomem();
	}
	if ((size_t)n >= buf->asize - buf->size) {
		buf->ptr[buf->size] = '\0'; /* what was cut short is not the text */
		if (policy__buf_grow(buf, (size_t)n) < 0)
			return policy__error_nomem();
		va_start(ap, fmt);
		vsnprintf(buf->ptr + buf->size, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	buf->size += (size_t)n;
	return 0;
}
