/*
 * The parts of the text diff that compare.c builds on: text cut into
 * units (sentences or tokens), the regions where two unit sequences
 * differ, an edit sink that merges runs, and the token pass over one
 * region. policy_text_diff() is these put together; compare.c puts them
 * together with move detection between sentences in the middle.
 */
#ifndef POLICY_TEXTDIFF_H
#define POLICY_TEXTDIFF_H

#include <stddef.h>

#include "policy/text.h"

/* Above this many tokens (both sides together) a changed region is not
 * diffed token by token but reported whole: the cost stays bounded on
 * heavy rewrites. */
#define TOKEN_REGION_MAX 20000

/* Unit i is text[start[i] .. start[i + 1]). */
typedef struct {
	const char *text;
	size_t *start;
	size_t count;
} text_units;

/* Sentences: cut after 。！？；; (and closing quotes or brackets after
 * them), after . ! ? followed by white space, and after line breaks; the
 * white space after a sentence belongs to it. */
int policy__units_sentences(text_units *u, const char *s, size_t len);

/* Tokens: one CJK character, one run of letters or digits, one run of
 * white space, one punctuation mark. POLICY_EINVALID on invalid UTF-8. */
int policy__units_tokens(text_units *u, const char *s, size_t len);

void policy__units_dispose(text_units *u);

/* Where a and b differ: a[a_from .. a_to) was replaced by b[b_from ..
 * b_to); the units between regions are equal pairs, in order. */
typedef struct {
	size_t a_from, a_to, b_from, b_to;
} unit_region;

/* Compare two unit sequences (Myers, through libgit2). *regions is
 * malloc'd (NULL when the sequences are equal). */
int policy__units_diff(const text_units *a, const text_units *b, unit_region **regions,
		       size_t *count);

/* Hands runs to the callback, merging adjacent runs of one kind that are
 * contiguous in memory. */
typedef struct {
	policy_edit_cb cb;
	void *payload;
	int stopped;
	policy_edit_kind kind;
	const char *run;
	size_t run_len;
} edit_sink;

void policy__sink_init(edit_sink *s, policy_edit_cb cb, void *payload);
/* 0, or the callback's non-zero value. */
int policy__sink_emit(edit_sink *s, policy_edit_kind kind, const char *text, size_t len);
int policy__sink_flush(edit_sink *s);

/* Emit a's units as EQUAL between regions and call `fn` for each region
 * (in order), so a caller decides how a region is reported. */
typedef int (*region_fn)(edit_sink *s, const text_units *a, const text_units *b,
			 const unit_region *r, void *arg);
int policy__walk_regions(edit_sink *s, const text_units *a, const text_units *b,
			 const unit_region *regions, size_t count, region_fn fn, void *arg);

/* Diff a[0..alen) against b[0..blen) token by token into the sink; when
 * the region is too large (TOKEN_REGION_MAX), report it whole and count
 * it in *coarse. */
int policy__token_pass(edit_sink *s, const char *a, size_t alen, const char *b, size_t blen,
		       size_t *coarse);

#endif
