/*
 * Calendar dates: a policy's release and effective dates, and the days
 * between them.
 */
#ifndef POLICY_DATE_H
#define POLICY_DATE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A calendar date. */
typedef struct {
	int year;  /**< 1..9999 */
	int month; /**< 1..12 */
	int day;   /**< 1..31, valid for the month */
} policy_date;

/**
 * Parse `text` (NUL-terminated) as YYYY-MM-DD naming a real calendar date
 * (2023-02-30 fails). Returns 0, or POLICY_EINVALID with the reason in the
 * last error.
 */
POLICY_EXTERN int policy_date_parse(policy_date *out, const char *text);

/** Negative, zero or positive as `a` is before, on or after `b`. */
POLICY_EXTERN int policy_date_cmp(const policy_date *a, const policy_date *b);

/** Days from 1970-01-01 to `date` (negative before it). */
POLICY_EXTERN long policy_date_to_days(const policy_date *date);

/** The date `days` after 1970-01-01. */
POLICY_EXTERN policy_date policy_date_from_days(long days);

/** Today's date in UTC. */
POLICY_EXTERN policy_date policy_date_today(void);

/** Write `date` as YYYY-MM-DD into `out`, which holds at least 11 bytes. */
POLICY_EXTERN void policy_date_format(char out[11], const policy_date *date);

#ifdef __cplusplus
}
#endif

#endif
