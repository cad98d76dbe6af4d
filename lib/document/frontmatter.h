/* Splitting a source into front matter and body, and reading the front
 * matter's YAML mapping of scalars. */
#ifndef POLICY_FRONTMATTER_H
#define POLICY_FRONTMATTER_H

#include <stddef.h>

#include "arena.h"
#include "policy/diag.h"

typedef struct {
	const char *key;
	const char *value; /* NULL for an empty (null) value */
	unsigned line;     /* line of the key in the source */
} fm_entry;

typedef struct {
	fm_entry *entries; /* in the arena */
	size_t count;
	size_t body_offset; /* where the body starts in the source */
	unsigned body_line; /* its line */
} frontmatter;

/*
 * Find and read the front matter at the start of `src`. Problems go to
 * `diags`; returns 0 when the front matter was read (possibly with
 * non-fatal problems), 1 when it could not be (a fatal diagnostic was
 * added), or POLICY_ENOMEM.
 */
int policy__frontmatter_parse(frontmatter *out, const char *src, size_t len, const char *path,
			      policy_diags *diags, arena *mem);

#endif
