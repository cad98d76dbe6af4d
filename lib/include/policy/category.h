/*
 * Material-change categories and the keyword rules that give untagged
 * sections their categories from their titles.
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

/** A set of keyword rules: title substrings that imply a category. */
typedef struct policy_rules policy_rules;

/**
 * New rules holding the built-in keywords (Chinese and English; all apply
 * whatever the document's locale). Returns 0 or POLICY_ENOMEM. Free with
 * policy_rules_free().
 */
POLICY_EXTERN int policy_rules_new(policy_rules **out);

/** Free the rules. Accepts NULL. */
POLICY_EXTERN void policy_rules_free(policy_rules *rules);

/**
 * Add `keyword` (UTF-8, matched case-insensitively after NFKC) for the
 * single category `category`. Returns 0, POLICY_EINVALID for an empty
 * keyword, invalid UTF-8 or a mask that is not one category, or
 * POLICY_ENOMEM.
 */
POLICY_EXTERN int policy_rules_add(policy_rules *rules, unsigned category, const char *keyword);

/**
 * The categories whose keywords occur in `title` (UTF-8, NUL-terminated).
 * With `rules` NULL, the built-in rules. Returns a mask, 0 for none.
 */
POLICY_EXTERN unsigned policy_rules_match(const policy_rules *rules, const char *title);

/**
 * Add `phrase` to the privacy-fact vocabularies (policy/facts.h): `kind`
 * is a policy_fact_kind. For a data item, `label` names its kind, one of
 * policy_rules_data_kinds() (NULL: personal data of no particular kind),
 * and `sensitive` is 1 or 0, or -1 for what the kind says. Latin phrases
 * match whole words whatever their case; others match anywhere. Returns
 * 0, POLICY_EINVALID (an empty phrase, invalid UTF-8, an unknown kind or
 * label), or POLICY_ENOMEM.
 */
POLICY_EXTERN int policy_rules_add_term(policy_rules *rules, int kind, const char *phrase,
					const char *label, int sensitive);

/** The names of the kinds of data, NULL-terminated: "identity",
 * "contact", "id-document", "biometric", "health", ... */
POLICY_EXTERN const char *const *policy_rules_data_kinds(void);

#ifdef __cplusplus
}
#endif

#endif
