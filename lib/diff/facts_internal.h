/* The fact scanner, for the inventory (facts.c) and the classifier. */
#ifndef POLICY_FACTS_INTERNAL_H
#define POLICY_FACTS_INTERNAL_H

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

/* `n` bytes of `src` with A-Z lowered into `dst`, then a NUL. */
static inline void ascii_lower(char *dst, const char *src, size_t n)
{
	/* branch-free, so the compiler can use vector instructions */
	for (size_t i = 0; i < n; i++) {
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
