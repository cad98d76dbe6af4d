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

#ifdef __cplusplus
}
#endif

#endif
