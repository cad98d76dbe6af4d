/* What the readers of an import (text, HTML) hand the writer: a list of
 * blocks with their plain text and their Markdown, and the notes. */
#ifndef POLICY_IMPORT_INTERNAL_H
#define POLICY_IMPORT_INTERNAL_H

#include "arena.h"
#include "buf.h"
#include "policy/document.h"
#include "policy/import.h"
#include "policy/version.h"

typedef enum {
	BLOCK_PARA,    /* a paragraph (a numbered one may become a heading) */
	BLOCK_HEADING, /* a heading whose level the source gave (HTML h1-h6) */
	BLOCK_ITEM,    /* a list item */
	BLOCK_TABLE,   /* a GFM table, its lines in `markdown` */
	BLOCK_BREAK,   /* the end of a run of items */
} block_kind;

typedef struct {
	block_kind kind;
	int level;            /* BLOCK_HEADING: 1-6 as given; then the level written */
	int depth;            /* BLOCK_ITEM: nesting, 0 for the outermost */
	int ordered;          /* BLOCK_ITEM: from a numbered list */
	int title;            /* the policy's title */
	int dropped;          /* a line of metadata, not written */
	const char *plain;    /* the text as a reader sees it */
	const char *markdown; /* the same as CommonMark inline content */
	unsigned line;        /* in the input, 0 when unknown */
} block;

typedef struct {
	arena mem;
	block *blocks;
	size_t count;
	size_t cap;
	policy_import_note *notes;
	size_t note_count;
	size_t note_cap;
	const char *lang;  /* the input's own idea of its language, or NULL */
	const char *title; /* the page's <title>, or NULL */
} import_doc;

/* Append a block; its strings are copied. NULL when out of memory. */
block *policy__import_add(import_doc *d, block_kind kind, const char *plain, const char *markdown,
			  unsigned line);

/* Record a note (strings copied). 0 or POLICY_ENOMEM. */
int policy__import_note(import_doc *d, const char *kind, const char *field, const char *value,
			unsigned line, const char *message);

/* `text` with the characters CommonMark would read as markup escaped. */
int policy__import_escape(policy_buf *out, const char *text, size_t len);

/* The size of `s` in code points. */
size_t policy__import_code_points(const char *s);

/* Readers (lib/import/import_text.c): plain text and Markdown into blocks. */
int policy__import_read_text(import_doc *d, const char *data, size_t len, const char *name);
int policy__import_read_markdown(import_doc *d, const char *data, size_t len, const char *name);
/* Does the input read as Markdown (ATX or setext headings, links, a
 * table's rule)? */
int policy__import_looks_like_markdown(const char *data, size_t len);
/* A Markdown input's body, after any front matter of its own. */
const char *policy__import_markdown_body(const char *data, size_t len, size_t *body_len);

/* Metadata (lib/import/import_meta.c). */
typedef enum { META_RELEASED, META_EFFECTIVE, META_VERSION } meta_field;

typedef struct {
	int found;
	policy_date date;
	int month_only;
	char version[32];
	unsigned line;
	char text[80]; /* as written */
} meta_value;

/* Read block `b` for dates and a version into `found` (indexed by
 * meta_field), marking a line of metadata dropped; `edge` lets a long
 * paragraph state a date. */
int policy__import_scan_meta(block *b, meta_value *found, policy_buf *norm, int edge);
/* The front matter's values from what was found, each noted. */
int policy__import_settle_meta(import_doc *d, meta_value *meta, policy_meta *m,
			       const policy_date *today, char *released, char *effective);

/* Outline (lib/import/import_outline.c): which blocks are headings, at which level. */
int policy__import_assign_levels(import_doc *d);
/* Does `s` read as a sentence rather than a title? */
int policy__import_ends_like_sentence(const char *s);

/* Writer (lib/import/import_write.c): the blocks as a CommonMark body. */
int policy__import_write_body(import_doc *d, policy_buf *out, const char *locale);

/* Read a Word file (.docx) into blocks, through policy__import_html(). 0,
 * or POLICY_EPARSE (not a zip, no document part, a part inflating past
 * its limit), POLICY_ENOMEM. policyctl's light executable links a stub
 * of its own instead (cli/stub_docx.c), so that it does not load libarchive. */
int policy__import_docx(import_doc *d, const char *data, size_t len, const char *name);
/* Does the input start like a zip (a .docx)? */
int policy__import_looks_like_docx(const char *data, size_t len);

/* Read an HTML page into blocks. 0 or POLICY_EPARSE (not HTML at all),
 * POLICY_ENOMEM. */
int policy__import_html(import_doc *d, const char *data, size_t len, const char *name);

#endif
