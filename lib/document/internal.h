/*
 * Declarations shared between the library's modules and never exported:
 * the parts of a document the renderers need (its CommonMark tree), and the
 * diagnostic helper every validating module uses.
 */
#ifndef POLICY_INTERNAL_H
#define POLICY_INTERNAL_H

#include <cmark-gfm.h>
#include <jansson.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "policy/diag.h"
#include "policy/document.h"

/* Append a formatted diagnostic. 0 or POLICY_ENOMEM. */
int policy__diag_addf(policy_diags *list, policy_severity severity, const char *code,
		      const char *file, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Order a list by line, keeping the order of diagnostics on one line. */
void policy__diags_sort_by_line(policy_diags *list);

/* The document's CommonMark tree: raw HTML removed, unsafe link targets
 * cleared, heading attribute blocks still in the text. NULL when the body
 * was never parsed (an unusable document). */
cmark_node *policy__doc_tree(const policy_doc *doc);

/* Top-level headings of the tree are the sections, in order. For section i,
 * the number of bytes at the end of its heading's last text node that are
 * its attribute block (with the blanks before it), which HTML leaves out. */
size_t policy__doc_section_attr_len(const policy_doc *doc, size_t i);

/* The plain text of section i's own blocks (subsections excluded), or of
 * the blocks before the first heading for DOC_PREAMBLE: what a reader
 * sees, without markup, link destinations after their text as
 * " <dest>"; blocks and line breaks end in "\n". */
#define DOC_PREAMBLE ((size_t)-1)
int policy__doc_section_plain(const policy_doc *doc, size_t i, policy_buf *out);
/* The body's Markdown source (front matter excluded). */
const char *policy__doc_body(const policy_doc *doc, size_t *len);

/* policy_doc_load() in two steps, to read two versions together
 * (policy_diff_load): the file read, or `data` (`len` bytes, copied) when
 * not NULL, and its front matter (`opts` not NULL, kept by the caller for
 * the second step); then its body parsed,
 * the chunks (policy__doc_chunks()) whose flag in `blank` is set fed to
 * cmark as blank lines but for their heading's. Their sections keep their
 * source but have no blocks in the tree: "elided". With `blank` NULL, the
 * whole body is parsed. 0, or POLICY_ENOMEM (the document is then the
 * caller's to free). */
struct body_chunk_s;
int policy__doc_open(policy_doc **out, const char *path, const char *data, size_t len,
		     const policy_doc_options *opts);
int policy__doc_finish(policy_doc *doc, const policy_doc_options *opts,
		       const struct body_chunk_s *chunks, size_t count, const unsigned char *blank);
/* The chunks of an opened document's body (chunks.h); none when it has no
 * body to parse. */
int policy__doc_chunks(const policy_doc *doc, struct body_chunk_s **out, size_t *count);
/* Was section i elided? Then 1, and the hash of its chunk in *hash. */
int policy__doc_section_elided(const policy_doc *doc, size_t i, uint64_t *hash);
/* How many of its sections were; 0 for a document parsed whole. */
size_t policy__doc_elided_count(const policy_doc *doc);

/* The index of a section of `doc`. */
size_t policy__doc_section_index(const policy_doc *doc, const policy_section *s);

/* Is the query parameter p[0, len) ("utm_source=x", "origin=") one that
 * tracks a visit and never changes the page? */
int policy__url_tracking_param(const char *p, size_t len);

/* Is `url` (NUL-terminated) safe to render as a link or image target? */
int policy__url_is_safe(const char *url);
/* Does an image's source load from another site (a scheme, or "//")? */
int policy__url_is_remote(const char *url);
/* A link destination as the plain text shows it (into `out`, cleared):
 * empty for the page itself ("" or "#"); otherwise without http(s)://,
 * tracking parameters or a trailing slash. */
int policy__url_dest_form(policy_buf *out, const char *url);

/* Append the plain text of a block (lib/document/plain.c says what a reader sees). */
int policy__plain_block(policy_buf *out, cmark_node *block);

/* The numbering prefix of `s` (as policy_section_numbering_len() finds
 * it) and its style, written into `style`: "cjk" (一、), "cjk-paren"
 * (（一）), "num1" (1.), "num2" (1.1), "num1)" (1)), "num-paren" ((1)),
 * "di-章" (第一章), "roman", "upper", "lower", "word-Section", "circled".
 * Headings of one style sit at one depth. 0 when there is no numbering. */
size_t policy__numbering_style(const char *s, char *style, size_t size);

/* A regular file of 1 to `max_size` bytes mapped read-only, its length in
 * *len and a NUL after its last byte; NULL when it cannot be mapped so
 * (the caller reads it instead). Unmap with policy__file_unmap(). A file
 * truncated while mapped is the one way to crash a reader of it, as for
 * git, which maps its files too. */
void *policy__file_map(const char *path, size_t max_size, size_t *len);
void policy__file_unmap(void *map, size_t len);

/* Does a table's header cell name a party (第三方, SDK, partner...)?
 * 1 or 0; POLICY_ENOMEM. */
int policy__names_a_party(const char *header);

/* Rows of tables of recipients (lib/document/table.c). */
typedef struct {
	policy_record *items;
	size_t count;
	size_t cap;
} table_records;

/* Append the rows of a GFM `table` as records when it is a table of
 * recipients (in a recipients section, `in_recipients`, or its header
 * names a party); strings in `mem`; `line0` is the body's first line.
 * 0 or POLICY_ENOMEM. */
int policy__table_records(table_records *out, arena *mem, cmark_node *table, int in_recipients,
			  unsigned line0);

/* The text of a heading's inline content, as a reader sees it. */
int policy__inline_text(policy_buf *out, cmark_node *node);

/* Headings in list items and bold-only paragraphs made top-level
 * headings, empty headings removed (each reported through `on_empty`,
 * which returns 0 or an error). lib/document/outline.c says which and why. */
int policy__outline_lift(cmark_node *root, arena *mem, int (*on_empty)(void *ctx, int line),
			 void *ctx);
/* A block's first and last source lines, for headings made above too. */
int policy__outline_start_line(cmark_node *n);
int policy__outline_end_line(cmark_node *n);

/* A phrase policyctl.yaml adds to the fact vocabularies (lower case
 * ASCII; data_kind -1 or an index into policy_rules_data_kinds()). */
typedef struct {
	int kind; /* policy_fact_kind */
	const char *phrase;
	int data_kind;
	int sensitive; /* 1, 0, or -1: as the kind says */
} fact_term;

size_t policy__rules_terms(const policy_rules *rules, const fact_term **terms);
/* The document's: those of the rules it was parsed with, copied. */
size_t policy__doc_fact_terms(const policy_doc *doc, const fact_term **terms);

/* The categories of `mask` as a JSON array of their names, in table
 * order; NULL when out of memory. */
json_t *policy__category_json(unsigned mask);

#endif
