/* The editorial form of text: what is left when only whitespace,
 * full-/half-width forms, CJK punctuation styles and quotes are ignored. */
#ifndef POLICY_EDITORIAL_H
#define POLICY_EDITORIAL_H

#include <stddef.h>

#include "policy/buf.h"
#include "policy/common.h"

/* Write the editorial form of `len` bytes at `s` into `out` (replacing
 * what it held). 0, POLICY_EINVALID or POLICY_ENOMEM. */
int policy__editorial_form(policy_buf *out, const char *s, size_t len);

/* Does text have content beyond white space and punctuation? */
int policy__editorial_has_content(const char *s, size_t len);

#endif
