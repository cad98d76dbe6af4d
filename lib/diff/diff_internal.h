/* The inside of policy_diff, shared by alignment, classification and the
 * emitters. */
#ifndef POLICY_DIFF_INTERNAL_H
#define POLICY_DIFF_INTERNAL_H

#include "arena.h"
#include "policy/diff.h"

struct policy_diff {
	arena mem;
	const policy_doc *old_doc;
	const policy_doc *new_doc;
	policy_section_change *sections;
	size_t section_count;
	policy_finding *findings;
	size_t finding_count;
	size_t finding_cap;
	policy_level level;
	size_t inserted;
	size_t deleted;
	unsigned moves;
	size_t coarse;
	/* plain text of each change's old and new section: "" when absent,
	 * and when unchanged or moved (policy__doc_section_plain has it then) */
	const char **old_plain;
	const char **new_plain;
};

/* policy_diff_load() of two sources in memory (both named `path`), with
 * the default options: for the fuzz harness, which checks that a diff of
 * versions read together is the diff of versions parsed whole. */
int policy__diff_parse_pair(policy_doc **old_out, policy_doc **new_out, const char *path,
			    const char *old_data, size_t old_len, const char *new_data,
			    size_t new_len);

/* Classify the aligned sections: fill findings and level. */
int policy__classify_diff(policy_diff *diff);

#endif
