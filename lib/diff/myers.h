/*
 * Myers' O(ND) difference algorithm with the linear-space refinement
 * (E. W. Myers, "An O(ND) Difference Algorithm and Its Variations",
 * Algorithmica 1, 1986), over sequences of integer ids: equal elements have
 * equal ids. Like GNU diff and git's xdiff it gives up on a minimal script
 * when a middle snake costs too much to find and splits at the furthest
 * point reached instead, so heavy rewrites stay near-linear.
 */
#ifndef POLICY_MYERS_H
#define POLICY_MYERS_H

#include <stddef.h>
#include <stdint.h>

/* Set changed_a[i] (changed_b[j]) to 1 for every element of a (b) outside
 * the common subsequence found; the others are left as they are (callers
 * pass zeroed arrays). 0 or POLICY_ENOMEM. */
int policy__myers_diff(const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
		       unsigned char *changed_a, unsigned char *changed_b);

#endif
