/* UTF-8 helpers over utf8proc: validation, decoding, NFKC, character classes. */
#ifndef POLICY_UTIL_UTF8_H
#define POLICY_UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "policy/buf.h"
#include "policy/common.h"

/* Offset of the first byte that is not valid UTF-8 (NUL counts as
 * invalid), or `len` when all of it is valid. */
size_t policy__utf8_invalid_offset(const char *s, size_t len);
/* Decode the code point at s[*pos] and advance *pos; -1 (and one byte
 * skipped) on invalid input. */
int32_t policy__utf8_next(const char *s, size_t len, size_t *pos);
/* Append to `out` the NFKC form of `s`, case-folded when `casefold`.
 * 0, POLICY_EINVALID for invalid UTF-8, or POLICY_ENOMEM. */
int policy__utf8_nfkc(policy_buf *out, const char *s, size_t len, int casefold);
/* Han, kana, Hangul and CJK symbols: scripts written without spaces. */
int policy__utf8_is_cjk(int32_t cp);
/* Letters and digits of any script. */
int policy__utf8_is_alnum(int32_t cp);
/* Unicode white space (Zs, and the ASCII controls that act as space). */
int policy__utf8_is_space(int32_t cp);
/* Append the UTF-8 encoding of `cp`. */
int policy__utf8_put(policy_buf *out, int32_t cp);

#endif
