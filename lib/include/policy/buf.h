/*
 * The output buffer the library writes text into.
 */
#ifndef POLICY_BUF_H
#define POLICY_BUF_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * A growable byte buffer handed out by the library. Always NUL-terminated
 * once written to; `size` excludes the terminator. Initialise with
 * POLICY_BUF_INIT, release with policy_buf_dispose().
 */
typedef struct {
	char *ptr;
	size_t size;
	size_t asize;
} policy_buf;

#define POLICY_BUF_INIT                                                                            \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

/** Append `len` bytes to the buffer. Returns 0 or POLICY_ENOMEM. */
POLICY_EXTERN int policy_buf_append(policy_buf *buf, const char *data, size_t len);

/** Free the buffer's memory and reset it to empty. Accepts NULL. */
POLICY_EXTERN void policy_buf_dispose(policy_buf *buf);

#ifdef __cplusplus
}
#endif

#endif
