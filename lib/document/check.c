/*
 * Checks across documents. Translations of one policy are published
 * together and an app may switch locale at any time, so every locale must
 * carry the same version; section ids should match too, so that a finding
 * or a link in one locale has its counterpart in the others (the title
 * heading aside). A warning names the ids that differ, both ways.
 */
#include "policy/check.h"

#include <string.h>

#include "buf.h"
#include "internal.h"

/* The document's title: a first heading of level 1 without {#id},
 * translated in every locale by nature. */
static int is_title(const policy_doc *doc, size_t i)
{
	const policy_section *s = policy_doc_section_at(doc, i);

	return i == 0 && s->level == 1 && !s->explicit_id;
}

#define NAMED_MAX 5 /* ids named in one message; the rest are counted */

/* The ids of `a` that `b` lacks, as "a, b, c (and 4 more)" into `out`
 * (cleared); the line of the first in *line. The number of them. */
static size_t missing_ids(policy_buf *out, const policy_doc *a, const policy_doc *b, unsigned *line)
{
	size_t n = 0;

	policy__buf_clear(out);
	for (size_t i = 0; i < policy_doc_section_count(a); i++) {
		const policy_section *s = policy_doc_section_at(a, i);

		if (policy_doc_find_section(b, s->id) != NULL || is_title(a, i))
			continue;
		if (n == 0)
			*line = s->line;
		if (n < NAMED_MAX && policy__buf_printf_line(out, "%s%s", n ? ", " : "", s->id) < 0)
			return 0;
		n++;
	}
	if (n > NAMED_MAX)
		policy__buf_printf_line(out, " (and %zu more)", n - NAMED_MAX);
	return n;
}

/* Section ids of docs[i] and `first` that the other lacks, each way. */
static int compare_ids(policy_diags *out, const policy_doc *doc, const policy_doc *first)
{
	policy_buf ids = POLICY_BUF_INIT;
	unsigned line = 1;
	int rc = 0;

	if (missing_ids(&ids, doc, first, &line) > 0)
		rc = policy__diag_addf(out, POLICY_SEVERITY_WARNING, "locale-sections",
				       policy_doc_path(doc), line,
				       "section ids not in %s: %s; give sections the same {#id} in "
				       "every locale",
				       policy_doc_meta(first)->locale, ids.ptr);
	if (rc == 0 && missing_ids(&ids, first, doc, &line) > 0)
		rc = policy__diag_addf(
			out, POLICY_SEVERITY_WARNING, "locale-sections", policy_doc_path(doc), 1,
			"lacks section ids of %s: %s (%s line %u); give sections the "
			"same {#id} in every locale",
			policy_doc_meta(first)->locale, ids.ptr, policy_doc_path(first), line);
	policy_buf_dispose(&ids);
	return rc < 0 ? POLICY_ENOMEM : 0;
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
		if (compare_ids(out, docs[i], first) < 0)
			return POLICY_ENOMEM;
	}
	return 0;
}
