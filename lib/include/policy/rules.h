/*
 * Keyword rules and fact vocabulary: the title keywords that give
 * untagged sections their categories, and the phrases policyctl.yaml adds
 * to what the facts reader knows.
 */
#ifndef POLICY_RULES_H
#define POLICY_RULES_H

#include "category.h"
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

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
