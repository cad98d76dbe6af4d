/*
 * Policy versions (MAJOR.MINOR[.PATCH], compared numerically) and calendar
 * dates (YYYY-MM-DD, proleptic Gregorian).
 */
#ifndef POLICY_VERSION_H
#define POLICY_VERSION_H

#include <stdint.h>

#include "common.h"
#include "date.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A parsed version. `has_patch` tells "2.0" from "2.0.0". */
typedef struct {
	uint32_t major;
	uint32_t minor;
	uint32_t patch;
	int has_patch;
} policy_version;

/**
 * Parse `text` (NUL-terminated) as MAJOR.MINOR[.PATCH]: decimal numbers of
 * at most nine digits, no sign, no leading zero. Returns 0, or
 * POLICY_EINVALID with the last error saying what is wrong.
 */
POLICY_EXTERN int policy_version_parse(policy_version *out, const char *text);

/** Negative, zero or positive as `a` is lower than, equal to or above `b`.
 * A missing patch counts as 0, so "2.0" and "2.0.0" compare equal. */
POLICY_EXTERN int policy_version_cmp(const policy_version *a, const policy_version *b);

#ifdef __cplusplus
}
#endif

#endif
