/*
 * The text diff: two texts in, edit operations out through a callback.
 * Text is compared in two passes: sentences first (cut after 。！？；;
 * and after . ! ? followed by white space), then, inside each changed
 * run of sentences, tokens (one CJK character each, since Chinese has no
 * spaces; one run of letters or digits; one run of white space; one
 * punctuation mark). Both passes are Myers' O(ND) diff (lib/diff/myers.c,
 * as git's word diff), with runs of equal units interned to integers
 * first. It knows nothing of documents or output formats.
 */
#ifndef POLICY_TEXT_H
#define POLICY_TEXT_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	POLICY_EDIT_EQUAL = 0,
	POLICY_EDIT_INSERT,
	POLICY_EDIT_DELETE,
	/** Text of the old version that the new one has elsewhere (only in
	 * a policy_diff, which finds moves between sentences). */
	POLICY_EDIT_MOVED_OUT,
	/** Text of the new version that the old one had elsewhere. */
	POLICY_EDIT_MOVED_IN,
} policy_edit_kind;

/**
 * Called for each run of tokens, in order: `text` (not NUL-terminated) is
 * in the old text for EQUAL and DELETE, in the new text for INSERT.
 * Adjacent tokens of one kind arrive as one run. Return 0 to go on,
 * non-zero to stop (policy_text_diff then returns that value).
 */
typedef int (*policy_edit_cb)(policy_edit_kind kind, const char *text, size_t len, void *payload);

/**
 * Compare `old` and `new` (UTF-8) and report the edits (EQUAL, INSERT and
 * DELETE only). A changed run of sentences too large to compare token by
 * token (a heavy rewrite) is reported as one deletion and one insertion;
 * when `coarse` is not NULL, each such run adds one to *coarse.
 * Returns 0; the callback's non-zero value; POLICY_EINVALID for invalid
 * UTF-8; POLICY_ENOMEM; or POLICY_ERROR.
 */
POLICY_EXTERN int policy_text_diff(const char *old, size_t old_len, const char *new_text,
				   size_t new_len, policy_edit_cb cb, void *payload,
				   size_t *coarse);

#ifdef __cplusplus
}
#endif

#endif
