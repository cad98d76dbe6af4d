/*
 * The library itself: its version. What it promises about threads and
 * the libraries it initialises is said in policy.h.
 */
#ifndef POLICY_LIBRARY_H
#define POLICY_LIBRARY_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The library's version string, e.g. "0.1.0". */
POLICY_EXTERN const char *policy_library_version(void);

#ifdef __cplusplus
}
#endif

#endif
