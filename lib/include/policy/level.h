/*
 * The level of a change, as DESIGN.md names them: none < editorial < minor <
 * major < consent.
 */
#ifndef POLICY_LEVEL_H
#define POLICY_LEVEL_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	POLICY_LEVEL_NONE = 0,
	POLICY_LEVEL_EDITORIAL,
	POLICY_LEVEL_MINOR,
	POLICY_LEVEL_MAJOR,
	POLICY_LEVEL_CONSENT,
} policy_level;

/** "none", "editorial", "minor", "major" or "consent". */
POLICY_EXTERN const char *policy_level_name(policy_level level);

/** The level named `name`. Returns 0 or POLICY_ENOTFOUND. */
POLICY_EXTERN int policy_level_from_name(policy_level *out, const char *name);

#ifdef __cplusplus
}
#endif

#endif
