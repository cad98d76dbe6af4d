/*
 * Checks across documents. Translations of one policy are published
 * together and an app may switch locale at any time, so every locale must
 * carry the same version; section ids should match too, so that a finding
 * or a link in one locale has its counterpart in the others.
 */
#include "policy/check.h"

#include <string.h>

#include "internal.h"

static int same_ids(const policy_doc *a, const policy_doc *b)
{
	if (policy_doc_section_count(a) != policy_doc_section_count(b))
		return 0;
	for (size_t i = 0; i < policy_doc_section_count(a); i++)
		if (policy_doc_find_section(b, policy_doc_section_at(a, i)->id) == NULL)
			return 0;
	return 1;
}

int policy_check_locales(policy_diags *out, const policy_doc *const *docs, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		const policy_meta *mi = policy_doc_meta(docs[i]);
		const policy_doc *first = NULL;

		if (!mi->in_layout || policy_doc_usable(docs[i]) < 0)
			continue;
		/* Compare with the first usable document of the same policy. */
		for (size_t j = 0; j < i && first == NULL; j++) {
			const policy_meta *mj = policy_doc_meta(docs[j]);

			if (mj->in_layout && policy_doc_usable(docs[j]) == 0 &&
			    strcmp(mj->policy, mi->policy) == 0)
				first = docs[j];
		}
		if (first == NULL)
			continue;
		if (policy_version_cmp(&mi->version, &policy_doc_meta(first)->version) != 0 &&
		    policy__diag_addf(out, POLICY_SEVERITY_ERROR, "locale-version",
				      policy_doc_path(docs[i]), 1,
				      "version %s differs from %s's version %s", mi->version_text,
				      policy_doc_meta(first)->locale,
				      policy_doc_meta(first)->version_text) < 0)
			return POLICY_ENOMEM;
		if (!same_ids(docs[i], first) &&
		    policy__diag_addf(out, POLICY_SEVERITY_WARNING, "locale-sections",
				      policy_doc_path(docs[i]), 1,
				      "its section ids differ from %s's; give sections the same "
				      "{#id} in every locale",
				      policy_doc_meta(first)->locale) < 0)
			return POLICY_ENOMEM;
	}
	return 0;
}
