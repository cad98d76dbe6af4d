/*
 * Section titles: the numbering prefix they start with, and the stable id
 * a title gives its section.
 */
#ifndef POLICY_SECTION_H
#define POLICY_SECTION_H

#include "buf.h"
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The stable id that a heading titled `title` (UTF-8, NUL-terminated)
 * would get without an explicit `{#id}`: numbering prefix removed, then
 * slugged (letters lowercased, CJK kept, other runs become "-"). Written
 * into `out` (caller frees with policy_buf_dispose). Returns 0,
 * POLICY_EINVALID for invalid UTF-8, or POLICY_ENOMEM.
 */
POLICY_EXTERN int policy_section_slug(policy_buf *out, const char *title);

/**
 * The length in bytes of the numbering prefix of `title` (一、 （一） 1.
 * 1.2 ① I. A. a) "Article 3" 第三条 ...), including the space after it; 0
 * when it has none.
 */
POLICY_EXTERN size_t policy_section_numbering_len(const char *title);

#ifdef __cplusplus
}
#endif

#endif
