/*
 * Comparing two versions of a policy: sections aligned by id, the text of
 * each changed section diffed token by token, and every change classified
 * as a level (none < editorial < minor < major < consent) with findings
 * that say why: category, kind of change, section, old and new text, and
 * the rule that fired with the law or standard behind it.
 */
#ifndef POLICY_DIFF_H
#define POLICY_DIFF_H

#include "buf.h"
#include "common.h"
#include "document.h"
#include "level.h"
#include "text.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	POLICY_STATUS_UNCHANGED = 0,
	POLICY_STATUS_CHANGED,
	POLICY_STATUS_ADDED,
	POLICY_STATUS_REMOVED,
	POLICY_STATUS_MOVED,
} policy_status;

/** "unchanged", "changed", "added", "removed" or "moved". */
POLICY_EXTERN const char *policy_diff_status_name(policy_status status);

/** One run of a section's text diff. */
typedef struct {
	policy_edit_kind kind;
	const char *text;
	size_t len;
	/** For MOVED_OUT and MOVED_IN: the move's number (1, 2, ...; both
	 * ends share it) and the id of the section at the other end. */
	unsigned move;
	const char *move_section;
} policy_edit;

/** A section of either version and what happened to it. */
typedef struct {
	const char *id;
	const char *title; /**< the new title, or the old one when removed */
	policy_status status;
	const policy_section *old_section; /**< NULL when added */
	const policy_section *new_section; /**< NULL when removed */
	int editorial;                     /**< changed, but only editorially */
	const policy_edit *edits;          /**< the plain text's diff; none when unchanged */
	size_t edit_count;
} policy_section_change;

/** Why a change matters. Strings are owned by the diff. */
typedef struct {
	policy_level level;
	unsigned category;     /**< one policy_category, or 0 for none */
	const char *change;    /**< "added", "removed" or "changed" */
	const char *section;   /**< section id; NULL for front matter */
	const char *title;     /**< section title; NULL for front matter */
	const char *rule;      /**< stable rule id, e.g. "recipients-added" */
	const char *reference; /**< the law or standard behind the rule */
	const char *old_text;  /**< NULL when there was none */
	const char *new_text;  /**< NULL when there is none */
	const char *fact_kind; /**< "data", "recipient", ... (policy/facts.h); NULL when no fact
				  decided it */
	const char *fact;      /**< the fact as written (the new one when changed), or NULL */
	const char *fact_old;  /**< the fact before, when it changed; else NULL */
	const char *message;   /**< one line for a reviewer, in the policy's language (zh or en);
				  NULL when no fact decided it (rule, change and title say it) */
} policy_finding;

typedef struct policy_diff policy_diff;

/**
 * Compare `old_doc` with `new_doc` (both usable) and classify the changes.
 * Returns 0; POLICY_EINVALID for an unusable document; POLICY_ENOMEM; or
 * POLICY_ERROR when the diff engine fails. Free with policy_diff_free().
 * The diff refers to both documents, which must outlive it.
 */
POLICY_EXTERN int policy_diff_new(policy_diff **out, const policy_doc *old_doc,
				  const policy_doc *new_doc);

/**
 * Load two versions to compare, each as policy_doc_load() would
 * (`old_opts` and `new_opts` may be NULL), parsing the text they share at
 * most once: a section whose text under its heading is the same in both
 * (and holds nothing that could read otherwise apart) keeps its source
 * but is not parsed into a tree; when a diff needs its plain text, that
 * is read from its source. The documents serve policy_diff_new() and
 * every format of policy_diff_render(), and nothing else:
 * policy_render() refuses them. Only fatal diagnostics are sure to be
 * reported: text left unparsed is not checked further. A redline of a
 * large policy is quicker from policy_doc_load(), since it shows the text
 * of every section. Returns 0 with both set (free each with
 * policy_doc_free()), or a negative code with neither.
 */
POLICY_EXTERN int policy_diff_load(policy_doc **old_out, policy_doc **new_out, const char *old_path,
				   const policy_doc_options *old_opts, const char *new_path,
				   const policy_doc_options *new_opts);

/** Free the diff. Accepts NULL. */
POLICY_EXTERN void policy_diff_free(policy_diff *diff);

/** The highest level of any finding (editorial or none without findings). */
POLICY_EXTERN policy_level policy_diff_level(const policy_diff *diff);

POLICY_EXTERN const policy_doc *policy_diff_from(const policy_diff *diff);
POLICY_EXTERN const policy_doc *policy_diff_to(const policy_diff *diff);

/** Sections of both versions: the new order, removed ones where they stood. */
POLICY_EXTERN size_t policy_diff_section_count(const policy_diff *diff);
POLICY_EXTERN const policy_section_change *policy_diff_section_at(const policy_diff *diff,
								  size_t i);

/** Findings, most serious first. */
POLICY_EXTERN size_t policy_diff_finding_count(const policy_diff *diff);
POLICY_EXTERN const policy_finding *policy_diff_finding_at(const policy_diff *diff, size_t i);

/**
 * The finding's sentence with just the changed words marked: its old and
 * new sentences compared token by token, the runs handed to `cb` as
 * policy_text_diff() does. A finding with one sentence only (a fact
 * added or removed) hands it whole as EQUAL; one with none calls nothing.
 * Returns 0, the callback's non-zero value, POLICY_ENOMEM or
 * POLICY_ERROR.
 */
POLICY_EXTERN int policy_diff_finding_marks(const policy_finding *finding, policy_edit_cb cb,
					    void *payload);

/** Characters inserted, and deleted, over all sections (moved text is
 * neither). */
POLICY_EXTERN size_t policy_diff_inserted(const policy_diff *diff);
POLICY_EXTERN size_t policy_diff_deleted(const policy_diff *diff);

/** Passages of text moved from one place to another (same, or the same
 * but for editorial differences). */
POLICY_EXTERN unsigned policy_diff_moves(const policy_diff *diff);

/** Changed passages too large to compare token by token, reported whole
 * (0 unless a section was heavily rewritten). */
POLICY_EXTERN size_t policy_diff_coarse(const policy_diff *diff);

typedef enum {
	POLICY_DIFF_TEXT = 0, /**< git-style word diff */
	POLICY_DIFF_JSON,     /**< DESIGN.md's object */
	POLICY_DIFF_HTML,     /**< a standalone redline page */
	POLICY_DIFF_MARKDOWN, /**< CriticMarkup */
} policy_diff_format;

/** The format named `name` ("text", "json", "html", "markdown").
 * Returns 0 or POLICY_ENOTFOUND. */
POLICY_EXTERN int policy_diff_format_from_name(policy_diff_format *out, const char *name);

/**
 * Write `diff` as `format` into `out` (replacing what it held). With
 * `color`, text output is coloured with ANSI escapes. The HTML page comes
 * from `template_dir`/redline.html when that file exists, else from the
 * built-in template (`template_dir` may be NULL). Returns 0,
 * POLICY_ENOMEM, or POLICY_EIO / POLICY_EPARSE for an unreadable template.
 */
POLICY_EXTERN int policy_diff_render(policy_buf *out, const policy_diff *diff,
				     policy_diff_format format, int color,
				     const char *template_dir);

#ifdef __cplusplus
}
#endif

#endif
