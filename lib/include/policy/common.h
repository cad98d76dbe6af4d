/*
 * Conventions shared by every module of libpolicy: the export macro, error
 * codes and the thread-local last error, and the output buffer.
 *
 * Every fallible function returns an int: 0 on success, a negative
 * POLICY_E* code on failure. The failure's message (with the file and line
 * it concerns, when there is one) is then read with policy_error_last().
 * Objects handed out through an `**out` parameter belong to the caller and
 * are released with the matching `_free`, which accepts NULL.
 */
#ifndef POLICY_COMMON_H
#define POLICY_COMMON_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(POLICY_BUILDING) && defined(__GNUC__)
#define POLICY_EXTERN __attribute__((visibility("default")))
#else
#define POLICY_EXTERN
#endif

/** Return codes. Every failure is negative. */
typedef enum {
	POLICY_OK = 0,
	POLICY_ERROR = -1,     /**< anything not listed below */
	POLICY_ENOTFOUND = -3, /**< a named thing does not exist */
	POLICY_EEXISTS = -4,   /**< a thing to create exists already */
	POLICY_EINVALID = -5,  /**< an argument or value is not acceptable */
	POLICY_EPARSE = -6,    /**< input could not be read as its format */
	POLICY_ECONFLICT = -7, /**< the request contradicts stored state */
	POLICY_ENOMEM = -8,    /**< out of memory */
	POLICY_EIO = -9,       /**< the operating system refused a read or write */
} policy_error_code;

/** The last error raised on this thread. */
typedef struct {
	int code;            /**< a policy_error_code */
	const char *file;    /**< the file it concerns, or NULL */
	unsigned line;       /**< 1-based line in `file`, or 0 */
	const char *message; /**< one impersonal line, no trailing period */
} policy_error;

/**
 * The last error raised on the calling thread. Never NULL: with no error
 * the code is POLICY_OK and the message empty. Valid until the next
 * library call on this thread.
 */
POLICY_EXTERN const policy_error *policy_error_last(void);

/** Forget the last error of the calling thread. */
POLICY_EXTERN void policy_error_clear(void);

#ifdef __cplusplus
}
#endif

#endif
