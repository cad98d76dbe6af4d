/*
 * Diagnostics: the problems found in a source, each with a severity, a
 * stable code (see docs/check.md), the file and line it concerns and a
 * one-line message. A list owns copies of all its strings.
 */
#ifndef POLICY_DIAG_H
#define POLICY_DIAG_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	POLICY_SEVERITY_WARNING = 1, /**< worth a look; `check` still passes */
	POLICY_SEVERITY_ERROR = 2,   /**< `check` fails; the document is still usable */
	POLICY_SEVERITY_FATAL = 3,   /**< the document cannot be used at all */
} policy_severity;

typedef struct {
	policy_severity severity;
	const char *code;    /**< stable, e.g. "bad-date" */
	const char *file;    /**< as the source was named; never NULL */
	unsigned line;       /**< 1-based */
	const char *message; /**< one impersonal line */
} policy_diag;

typedef struct policy_diags policy_diags;

/** A new empty list. Returns 0 or POLICY_ENOMEM. Free with policy_diags_free(). */
POLICY_EXTERN int policy_diags_new(policy_diags **out);

/** Free the list and its strings. Accepts NULL. */
POLICY_EXTERN void policy_diags_free(policy_diags *list);

/** Number of diagnostics in the list. */
POLICY_EXTERN size_t policy_diags_count(const policy_diags *list);

/** The i-th diagnostic, in the order found; NULL past the end. Owned by the list. */
POLICY_EXTERN const policy_diag *policy_diags_at(const policy_diags *list, size_t i);

/** Number of diagnostics of exactly `severity`. */
POLICY_EXTERN size_t policy_diags_count_severity(const policy_diags *list,
						 policy_severity severity);

/** Append a copy of `diag` (its strings copied). Returns 0 or POLICY_ENOMEM. */
POLICY_EXTERN int policy_diags_add(policy_diags *list, const policy_diag *diag);

/** The severity's name: "warning", "error" or "fatal". */
POLICY_EXTERN const char *policy_diag_severity_name(policy_severity severity);

#ifdef __cplusplus
}
#endif

#endif
