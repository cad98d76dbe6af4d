/*
 * Versions on the calendar (policy/timeline.h): the version in effect on a
 * day, the next one, and a version by value.
 */
#include "policy/timeline.h"

policy_timeline_day policy_timeline_on(const policy_timeline_entry *versions, size_t count,
				       const policy_date *day)
{
	policy_timeline_day at = {-1, -1};

	for (size_t i = 0; i < count; i++) {
		const policy_date *eff = &versions[i].effective;

		if (policy_date_cmp(eff, day) <= 0) {
			if (at.current < 0 ||
			    policy_date_cmp(eff, &versions[at.current].effective) >= 0)
				at.current = (long)i;
		} else if (at.upcoming < 0 ||
			   policy_date_cmp(eff, &versions[at.upcoming].effective) < 0) {
			at.upcoming = (long)i;
		}
	}
	return at;
}

long policy_timeline_find(const policy_timeline_entry *versions, size_t count,
			  const policy_version *version)
{
	for (size_t i = 0; i < count; i++)
		if (policy_version_cmp(&versions[i].version, version) == 0)
			return (long)i;
	return -1;
}
