/*
 * The decision an app makes at start-up: given the versions published
 * since the one its user accepted, must it show nothing, a prominent
 * notice, or ask for consent again? The strongest change in the chain
 * decides: a minor change followed by a major one still needs the notice.
 */
#include "policy/notice.h"
#include "policy/diff.h"
#include "policy/timeline.h"

#include "error.h"

const char *policy_notice_name(policy_notice notice)
{
	switch (notice) {
	case POLICY_NOTICE_NONE:
		return "none";
	case POLICY_NOTICE_PROMINENT:
		return "prominent";
	case POLICY_NOTICE_CONSENT:
		return "consent";
	}
	return "unknown";
}

policy_notice policy_notice_for_level(policy_level level)
{
	if (level >= POLICY_LEVEL_CONSENT)
		return POLICY_NOTICE_CONSENT;
	if (level >= POLICY_LEVEL_MAJOR)
		return POLICY_NOTICE_PROMINENT;
	return POLICY_NOTICE_NONE;
}

policy_notice policy_notice_decide_levels(const policy_level *levels, size_t count)
{
	policy_notice notice = POLICY_NOTICE_NONE;

	for (size_t i = 0; i < count; i++) {
		policy_notice n = policy_notice_for_level(levels[i]);

		if (n > notice)
			notice = n;
	}
	return notice;
}

policy_notice policy_notice_decide(const policy_diff *const *chain, size_t count)
{
	policy_notice notice = POLICY_NOTICE_NONE;

	/* One diff at a time, through the same rule as the levels'. */
	for (size_t i = 0; i < count; i++) {
		policy_level level = policy_diff_level(chain[i]);
		policy_notice n = policy_notice_decide_levels(&level, 1);

		if (n > notice)
			notice = n;
	}
	return notice;
}

int policy_notice_since(policy_notice_answer *out, const policy_timeline_entry *versions,
			size_t count, const policy_version *accepted, const policy_date *day)
{
	out->notice = POLICY_NOTICE_NONE;
	out->day = policy_timeline_on(versions, count, day);
	if ((out->accepted = policy_timeline_find(versions, count, accepted)) < 0)
		return policy__error_set(POLICY_ENOTFOUND, "%u.%u.%u is not a published version",
					 accepted->major, accepted->minor, accepted->patch);
	for (long i = out->accepted + 1; i <= out->day.current; i++) {
		policy_notice n = policy_notice_for_level(versions[i].level);

		if (n > out->notice)
			out->notice = n;
	}
	return 0;
}
