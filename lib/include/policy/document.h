/*
 * A policy document: front matter, a CommonMark body, and the section tree
 * built from its headings, with stable ids, categories and recipient
 * records.
 *
 * Parsing never stops at the first problem: it records every problem it
 * finds as a diagnostic (policy/diag.h) and still hands out the document,
 * so that `check` can report them all. Problems of severity
 * POLICY_SEVERITY_FATAL make the document unusable for anything else;
 * policy_doc_usable() tells.
 */
#ifndef POLICY_DOCUMENT_H
#define POLICY_DOCUMENT_H

#include "buf.h"
#include "category.h"
#include "common.h"
#include "diag.h"
#include "locale.h"
#include "rules.h"
#include "section.h"
#include "version.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Sources larger than this are refused (`too-large`). */
#define POLICY_DOC_MAX_SIZE (16u * 1024u * 1024u)

typedef struct policy_doc policy_doc;

/** The front matter, checked and typed. Strings are owned by the document. */
typedef struct {
	const char *policy; /**< from the path or front matter; the file's stem as a last resort */
	const char *locale; /**< BCP 47 tag; "und" when neither path nor front matter name it */
	int in_layout;      /**< 1 when the path is policies/<policy>/<locale>.md */
	const char *title;  /**< "" when missing */
	const char *version_text; /**< as written; "" when missing */
	policy_version version;
	policy_date released;
	policy_date effective;
	const char *summary; /**< NULL when absent */
	const char *risk;    /**< NULL when absent; "high" raises a risk finding */
	unsigned body_line;  /**< line of the first body line */
} policy_meta;

/** A `- key: value` item of a recipient record. */
typedef struct {
	const char *key;
	const char *value;
	unsigned line;
} policy_field;

/**
 * A row of a table of recipients (a table in a recipients section, or
 * one whose header names a party: 第三方名称, SDK, Partner): a recipient
 * record, as a subsection of a recipients section is.
 */
typedef struct {
	const char *name;           /**< the row's cell under the column naming the party */
	unsigned line;              /**< line of the row */
	const policy_field *fields; /**< each cell under its column's header */
	size_t field_count;
} policy_record;

/** One heading and the text up to the next heading. */
typedef struct {
	const char *id;      /**< stable id: `{#id}`, else the slugged title */
	const char *title;   /**< heading text without its attribute block */
	int level;           /**< 1..6 */
	unsigned line;       /**< line of the heading */
	int parent;          /**< index of the enclosing section, -1 for none */
	int explicit_id;     /**< 1 when the id came from `{#id}` */
	unsigned categories; /**< policy_category mask: tagged | inherited | keyword */
	unsigned tagged;     /**< from the heading's own `.category` classes */
	unsigned inherited;  /**< from the enclosing sections */
	unsigned keyword;    /**< from keyword rules (untagged sections only) */
	int is_record;       /**< 1 for a direct subsection of a recipients section */
	const char *text;    /**< the section's own Markdown source, subsections excluded */
	size_t text_len;
	const policy_field *fields; /**< `- key: value` items; records only */
	size_t field_count;
	/** Rows of the tables of recipients in the section's own text. */
	const policy_record *records;
	size_t record_count;
} policy_section;

/** Options for parsing. Initialise with POLICY_DOC_OPTIONS_INIT. */
typedef struct {
	unsigned version;
	/** Keyword rules for untagged sections; NULL for the built-in ones. */
	const policy_rules *rules;
	/** "Today" for the stale-release warning; year 0 means the real today. */
	policy_date now;
	/**
	 * The source's path in the repository layout
	 * (policies/<policy>/<locale>.md) when the `path` given to the parser
	 * only names it for messages, as for a version read from a tag
	 * ("privacy/zh-CN@2.0"); NULL when `path` is that path. Since
	 * version 2.
	 */
	const char *layout_path;
} policy_doc_options;

#define POLICY_DOC_OPTIONS_VERSION 2
#define POLICY_DOC_OPTIONS_INIT                                                                    \
	{                                                                                          \
		POLICY_DOC_OPTIONS_VERSION, NULL, {0, 0, 0}, NULL                                  \
	}

/**
 * Set `opts` to the defaults (as POLICY_DOC_OPTIONS_INIT) for the options version
 * `version` the caller was built with (POLICY_DOC_OPTIONS_VERSION). Returns 0, or
 * POLICY_EINVALID when this library does not know that version. Every
 * function taking these options refuses a version it does not know.
 */
POLICY_EXTERN int policy_doc_options_init(policy_doc_options *opts, unsigned version);

/**
 * Parse `len` bytes at `data` as a source named `path` (used in
 * diagnostics, and for policy and locale when it follows the layout
 * policies/<policy>/<locale>.md). `opts` may be NULL.
 *
 * Returns 0 and a document, whatever problems the source has (read them
 * with policy_doc_diags()); POLICY_EINVALID for a NULL argument; or
 * POLICY_ENOMEM. The caller frees the document with policy_doc_free().
 */
POLICY_EXTERN int policy_doc_parse(policy_doc **out, const char *path, const char *data, size_t len,
				   const policy_doc_options *opts);

/**
 * Read the file at `path` and parse it as policy_doc_parse() does. A file
 * over POLICY_DOC_MAX_SIZE gives a document with a single fatal
 * `too-large` diagnostic. Returns 0, POLICY_ENOTFOUND or POLICY_EIO when
 * the file cannot be read, or POLICY_ENOMEM.
 */
POLICY_EXTERN int policy_doc_load(policy_doc **out, const char *path,
				  const policy_doc_options *opts);

/** Free the document and everything it owns. Accepts NULL. */
POLICY_EXTERN void policy_doc_free(policy_doc *doc);

/**
 * 0 when the document has no fatal problem; otherwise POLICY_EPARSE, with
 * the first fatal problem (file, line, message) as the last error.
 */
POLICY_EXTERN int policy_doc_usable(const policy_doc *doc);

/** Every problem found while parsing, in source order. Owned by the document. */
POLICY_EXTERN const policy_diags *policy_doc_diags(const policy_doc *doc);

/** The front matter. Owned by the document. */
POLICY_EXTERN const policy_meta *policy_doc_meta(const policy_doc *doc);

/** The path the document was parsed under. */
POLICY_EXTERN const char *policy_doc_path(const policy_doc *doc);

/** Number of sections (headings at the top level of the body). */
POLICY_EXTERN size_t policy_doc_section_count(const policy_doc *doc);

/** The i-th section in document order; NULL past the end. */
POLICY_EXTERN const policy_section *policy_doc_section_at(const policy_doc *doc, size_t i);

/** The section with id `id`, or NULL. */
POLICY_EXTERN const policy_section *policy_doc_find_section(const policy_doc *doc, const char *id);

/** The body's Markdown text before the first heading (may be empty). */
POLICY_EXTERN const char *policy_doc_preamble(const policy_doc *doc, size_t *len);

#ifdef __cplusplus
}
#endif

#endif
