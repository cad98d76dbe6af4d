/*
 * Checks that span several documents: the locales of one policy must agree
 * on their version and their set of section ids.
 */
#ifndef POLICY_CHECK_H
#define POLICY_CHECK_H

#include "common.h"
#include "diag.h"
#include "document.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Compare the `count` documents at `docs`, which should be the current
 * sources of one or more policies (files in the layout
 * policies/<policy>/<locale>.md; others are skipped). For each policy with
 * more than one locale, add to `out` a `locale-version` error for each
 * locale whose version differs from the first locale's, and a
 * `locale-sections` warning for each locale whose set of section ids
 * differs. Returns 0 or POLICY_ENOMEM.
 */
POLICY_EXTERN int policy_check_locales(policy_diags *out, const policy_doc *const *docs,
				       size_t count);

#ifdef __cplusplus
}
#endif

#endif
