/*
 * The thread-local "last error", as in libgit2: a failing function sets it
 * and returns its code; the caller reads it with policy_error_last(). The
 * message and file name live in fixed per-thread buffers, so raising an
 * error never allocates and cannot itself fail.
 */
#include "error.h"
#include "policy/library.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static _Thread_local char last_message[512];
static _Thread_local char last_file[512];
static _Thread_local policy_error last = {POLICY_OK, NULL, 0, ""};

static int set(int code, const char *file, unsigned line, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

static int set(int code, const char *file, unsigned line, const char *fmt, va_list ap)
{
	vsnprintf(last_message, sizeof(last_message), fmt, ap);
	last.code = code;
	last.line = line;
	last.message = last_message;
	last.file = NULL;
	if (file != NULL) {
		snprintf(last_file, sizeof(last_file), "%s", file);
		last.file = last_file;
	}
	return code;
}

int policy__error_set(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set(code, NULL, 0, fmt, ap);
	va_end(ap);
	return code;
}

int policy__error_set_at(int code, const char *file, unsigned line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set(code, file, line, fmt, ap);
	va_end(ap);
	return code;
}

int policy__error_nomem(void)
{
	return policy__error_set(POLICY_ENOMEM, "out of memory");
}

const policy_error *policy_error_last(void)
{
	if (last.message == NULL)
		last.message = "";
	return &last;
}

void policy_error_clear(void)
{
	last.code = POLICY_OK;
	last.file = NULL;
	last.line = 0;
	last_message[0] = '\0';
	last.message = last_message;
}

const char *policy_library_version(void)
{
	return POLICY_VERSION;
}

const char *policy__strerror_r(int err, char *buf, size_t size)
{
	/* XSI strerror_r (_XOPEN_SOURCE, not _GNU_SOURCE): 0 when it wrote */
	if (strerror_r(err, buf, size) != 0)
		snprintf(buf, size, "error %d", err);
	return buf;
}

int policy__options_check(unsigned version, unsigned newest, const char *what)
{
	if (version >= 1 && version <= newest)
		return 0;
	return policy__error_set(
		POLICY_EINVALID,
		"%s version %u is not one this library knows (1 to %u): initialise it "
		"with its _init function or macro",
		what, version, newest);
}
