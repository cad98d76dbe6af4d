/*
 * Locale tags, as policyctl names sources and pages by them.
 */
#ifndef POLICY_LOCALE_H
#define POLICY_LOCALE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Is `tag` a well-formed locale tag in the shapes policies use: a 2-3
 * letter language (or "und"), then subtags of 1-8 letters or digits? */
POLICY_EXTERN int policy_locale_valid(const char *tag);

#ifdef __cplusplus
}
#endif

#endif
