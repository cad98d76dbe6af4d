/*
 * Material-change categories: DESIGN's table, as bits of a mask
 * (policy/rules.h gives untagged sections theirs from their titles).
 */
#ifndef POLICY_CATEGORY_H
#define POLICY_CATEGORY_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The categories of DESIGN's "Material change" table, as bits of a mask. */
typedef enum {
	POLICY_CATEGORY_PURPOSES = 1u << 0,
	POLICY_CATEGORY_CONTROLLER = 1u << 1,
	POLICY_CATEGORY_RECIPIENTS = 1u << 2,
	POLICY_CATEGORY_RIGHTS = 1u << 3,
	POLICY_CATEGORY_CONTACT = 1u << 4,
	POLICY_CATEGORY_TRANSFER = 1u << 5,
	POLICY_CATEGORY_RETENTION = 1u << 6,
	POLICY_CATEGORY_RISK = 1u << 7,
} policy_category;

#define POLICY_CATEGORY_COUNT 8

/** The category's name ("purposes", ...), or NULL for anything but one bit. */
POLICY_EXTERN const char *policy_category_name(unsigned category);

/**
 * The category named by the `len` bytes at `name`. Returns 0, or
 * POLICY_ENOTFOUND when no category has that name.
 */
POLICY_EXTERN int policy_category_from_name(unsigned *out, const char *name, size_t len);

/**
 * The i-th category bit (0 <= i < POLICY_CATEGORY_COUNT), in the table's
 * order, for walking a mask.
 */
POLICY_EXTERN unsigned policy_category_at(unsigned i);

#ifdef __cplusplus
}
#endif

#endif
