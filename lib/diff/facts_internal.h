/* The fact scanner, for the inventory (facts.c) and the classifier. */
#ifndef POLICY_FACTS_INTERNAL_H
#define POLICY_FACTS_INTERNAL_H

#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "internal.h"
#include "policy/facts.h"
#include "strmap.h"

/* Facts, each (kind, value, negated) found through a hash index. */
typedef struct {
	policy_fact *items;
	size_t count, cap;
	strmap index; /* a fact's key (kind, negated, value) -> item index */
	arena keys;
} fact_list;

/* Add a copy of `f` (its strings are not copied). 0 or POLICY_ENOMEM. */
int policy__facts_list_add(fact_list *list, const policy_fact *f);
/* Free a list's arrays (not the strings). */
void policy__facts_list_dispose(fact_list *list);

/*
 * Add the facts of `text` (a section's Markdown source, `len` bytes) to
 * `out`, each (kind, value, negated) once; `section` is the section's id,
 * `categories` its categories, the context that decides what an
 * ambiguous word means. Strings go to `mem`. 0 or POLICY_ENOMEM.
 */
int policy__facts_scan(fact_list *out, arena *mem, const char *text, size_t len,
		       const char *section, unsigned categories, const fact_term *terms,
		       size_t term_count);

/* Scan a section of `doc` (its title and text), or a whole document (its
 * preamble as "preamble", then every section), with the document's own
 * vocabulary terms too. 0 or POLICY_ENOMEM. */
int policy__facts_scan_section(fact_list *out, arena *mem, const policy_doc *doc,
			       const policy_section *s);
int policy__facts_scan_doc(fact_list *out, arena *mem, const policy_doc *doc);

/* Eight bytes with A-Z lowered: the high bit of each byte of `ge_a` and
 * `gt_z` says whether its low seven bits are at least 'A' or past 'Z'
 * (no sum carries into the next byte); bytes from 0x80 stay. */
static inline uint64_t ascii_lower8(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
	uint64_t low7 = w & ~high;
	uint64_t ge_a = low7 + ones * (0x80 - 'A'), gt_z = low7 + ones * (0x7F - 'Z');

	return w | ((ge_a & ~gt_z & ~w & high) >> 2);
}

/* `n` bytes of `src` with A-Z lowered into `dst`, then a NUL; eight bytes
 * at a time (the old version of a 2 MB diff is lowered whole). */
static inline void ascii_lower(char *dst, const char *src, size_t n)
{
	size_t i = 0;

	for (; n - i >= 8; i += 8) {
		uint64_t w;

		memcpy(&w, src + i, 8);
		w = ascii_lower8(w);
		memcpy(dst + i, &w, 8);
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)src[i];

		dst[i] = (char)(c | ((unsigned char)(c - 'A') < 26u) << 5);
	}
	dst[n] = '\0';
}

/* Do the sentences that differ between two versions of a section (those
 * not in both, as many times) state different facts? The facts of a
 * sentence depend only on it and its section's categories, so when they
 * do not, the two sections' facts are the same without reading the rest.
 * 1 (or when titles or categories differ), 0, or POLICY_ENOMEM. */
int policy__facts_sentences_differ(const policy_doc *old_doc, const policy_section *o,
				   const policy_doc *new_doc, const policy_section *n);

/* The index of a fact of `kind` and `value` (and negation) in `list`, or
 * -1. */
long policy__facts_find(const fact_list *list, policy_fact_kind kind, const char *value,
			int negated);

/* A text to look phrases up in: as written, and in ASCII lower case
 * (made by `lower(ctx)` when a phrase with a Latin letter needs it, so a
 * Chinese text is never copied; NULL when out of memory, and then nothing
 * is found); both `len` bytes. */
typedef struct {
	const char *text;
	size_t len;
	const char *(*lower)(void *ctx);
	void *ctx;
} fact_text;

/* Does the text use any phrase of the vocabulary that stands for the
 * fact (`kind`, `value`)? Facts found by patterns (companies, e-mails)
 * are looked up as their value. */
int policy__facts_phrase_in(const fact_text *t, policy_fact_kind kind, const char *value);

/* Does `text` hold a word that governs a fact's meaning: a negation or a
 * modal (not, never, only, unless, may, will; 不会、仅、除非、可能、将)? */
int policy__facts_has_modal(const char *text, size_t len);

/* The inventory of `doc` as a JSON array (a new reference), NULL when
 * out of memory or the document is unusable. Used by `render --format
 * json` and the site's <version>.facts.json. */
struct json_t;
struct json_t *policy__facts_json(const policy_doc *doc);

#endif
