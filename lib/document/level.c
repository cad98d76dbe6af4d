/*
 * The levels of a change by name, as DESIGN.md, the tags of published
 * versions and the manifests write them.
 */
#include <string.h>

#include "error.h"
#include "policy/level.h"

static const char *const level_names[] = {"none", "editorial", "minor", "major", "consent"};

const char *policy_level_name(policy_level level)
{
	return (unsigned)level < 5 ? level_names[level] : "unknown";
}

int policy_level_from_name(policy_level *out, const char *name)
{
	for (unsigned i = 0; i < 5; i++) {
		if (strcmp(level_names[i], name) == 0) {
			*out = (policy_level)i;
			return 0;
		}
	}
	return policy__error_set(
		POLICY_ENOTFOUND,
		"no level is named \"%.40s\" (none, editorial, minor, major, consent)", name);
}
