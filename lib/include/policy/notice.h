/*
 * The notice an app owes its users (DESIGN.md's "Notice"): none, a
 * prominent notice, or explicit consent again, from the levels of the
 * versions published since the one a user accepted.
 */
#ifndef POLICY_NOTICE_H
#define POLICY_NOTICE_H

#include "common.h"
#include "diff.h"
#include "level.h"
#include "timeline.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What an app must do before use, given the versions since a user's. */
typedef enum {
	POLICY_NOTICE_NONE = 0,  /**< nothing, or show "updated" quietly */
	POLICY_NOTICE_PROMINENT, /**< a prominent notice (popup) before use */
	POLICY_NOTICE_CONSENT,   /**< ask for explicit consent again */
} policy_notice;

/** "none", "prominent" or "consent". */
POLICY_EXTERN const char *policy_notice_name(policy_notice notice);

/** The notice a single change of `level` calls for. */
POLICY_EXTERN policy_notice policy_notice_for_level(policy_level level);

/**
 * The notice due to a user who accepted the version before `chain[0]`:
 * `chain` holds the diffs between each consecutive pair of versions up to
 * the current one, oldest first. Consent when any is `consent`, prominent
 * when any is `major`, else none (an empty chain: none). The findings
 * behind the answer are those of each diff at `major` or above.
 */
POLICY_EXTERN policy_notice policy_notice_decide(const policy_diff *const *chain, size_t count);

/**
 * The same decision from the levels of the changes alone, as published
 * versions record them (oldest first): consent when any is `consent`,
 * prominent when any is `major`, else none.
 */
POLICY_EXTERN policy_notice policy_notice_decide_levels(const policy_level *levels, size_t count);

/** The answer for a user who accepted a version, on a day. */
typedef struct {
	policy_notice notice;
	long accepted; /**< index of the accepted version */
	/** The version in effect on the day and the next one (indexes, -1 for
	 * none). The changes counted are those after `accepted` up to
	 * `day.current`: none when the user accepted that one or a newer one. */
	policy_timeline_day day;
} policy_notice_answer;

/**
 * The notice due on `day` to a user who accepted `accepted`, from the
 * levels the published `versions` record (in order of version, oldest
 * first): the strongest over the versions after the accepted one, up to
 * and including the one in effect on that day. The versions are compared
 * as versions ("1.1" is "1.1.0"). Returns 0, or POLICY_ENOTFOUND when
 * `accepted` is not among them.
 */
POLICY_EXTERN int policy_notice_since(policy_notice_answer *out,
				      const policy_timeline_entry *versions, size_t count,
				      const policy_version *accepted, const policy_date *day);

#ifdef __cplusplus
}
#endif

#endif
