/*
 * The published versions of one policy and locale on the calendar: which
 * one is in effect on a day, which one comes next, and a version looked up
 * by value. One answer for every caller (`at`, `notice`, publish, serve),
 * from what each version's publication recorded.
 */
#ifndef POLICY_TIMELINE_H
#define POLICY_TIMELINE_H

#include <stddef.h>

#include "common.h"
#include "date.h"
#include "level.h"
#include "version.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One published version, as its publication recorded it. */
typedef struct {
	policy_version version;
	policy_date effective;
	policy_level level; /**< against the version before; none for the first */
} policy_timeline_entry;

/** Where a day falls among the versions: indexes, -1 for none. */
typedef struct {
	long current;  /**< in effect: the latest effective date not after the day */
	long upcoming; /**< the next to take effect: the earliest effective date after it */
} policy_timeline_day;

/**
 * Where `day` falls among `count` versions (in order of version, oldest
 * first). Of versions taking effect on the same date, the higher version
 * is in effect and the lower one comes next.
 */
POLICY_EXTERN policy_timeline_day policy_timeline_on(const policy_timeline_entry *versions,
						     size_t count, const policy_date *day);

/** The index of `version` among `versions`, compared as versions ("1.1"
 * is "1.1.0"); -1 when it is not there. */
POLICY_EXTERN long policy_timeline_find(const policy_timeline_entry *versions, size_t count,
					const policy_version *version);

#ifdef __cplusplus
}
#endif

#endif
