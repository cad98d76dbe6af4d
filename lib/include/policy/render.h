/*
 * Rendering a document: a standalone HTML page from a template, the body
 * alone as an HTML fragment, normalised Markdown with front matter, or the
 * metadata and section tree as JSON.
 *
 * HTML is built as a libxml2 DOM from the CommonMark tree, so every value is
 * escaped by construction. Raw HTML in the source is never rendered, and
 * links and images whose scheme is not http, https, mailto or tel lose
 * their target.
 */
#ifndef POLICY_RENDER_H
#define POLICY_RENDER_H

#include "buf.h"
#include "common.h"
#include "document.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	POLICY_FORMAT_HTML = 0, /**< standalone page from templates/page.html */
	POLICY_FORMAT_FRAGMENT, /**< the body's HTML alone */
	POLICY_FORMAT_MARKDOWN, /**< front matter and normalised CommonMark */
	POLICY_FORMAT_JSON,     /**< metadata and the section tree */
} policy_format;

/**
 * The format named `name` ("html", "fragment", "markdown", "json").
 * Returns 0 or POLICY_ENOTFOUND.
 */
POLICY_EXTERN int policy_render_format_from_name(policy_format *out, const char *name);

/** Options for rendering. Initialise with POLICY_RENDER_OPTIONS_INIT. */
typedef struct {
	unsigned version;
	/**
	 * A directory whose files override the built-in templates
	 * (page.html); NULL for the built-in ones alone.
	 */
	const char *template_dir;
	/**
	 * A version that takes effect later, announced on the page (the
	 * template's "upcoming" condition), and its effective date
	 * (YYYY-MM-DD); NULL for none. Since version 2.
	 */
	const char *upcoming_version;
	const char *upcoming_effective;
	/** A link to the page of earlier versions (the "archive"
	 * condition); NULL for none. Since version 2. */
	const char *archive_href;
	/**
	 * This version's level against the one before (a policy_level; -1
	 * when not known, and nothing is shown) and a link to its redline
	 * (NULL for none: a first release). Since version 3.
	 */
	int level;
	const char *changes_href;
	/**
	 * The upcoming version's level (-1 when not known), a link to its
	 * page and to its redline (NULL for none). A major or consent
	 * version is announced prominently. Since version 3.
	 */
	int upcoming_level;
	const char *upcoming_href;
	const char *upcoming_changes_href;
} policy_render_options;

#define POLICY_RENDER_OPTIONS_VERSION 3
#define POLICY_RENDER_OPTIONS_INIT                                                                 \
	{                                                                                          \
		POLICY_RENDER_OPTIONS_VERSION, NULL, NULL, NULL, NULL, -1, NULL, -1, NULL, NULL    \
	}

/**
 * Set `opts` to the defaults (as POLICY_RENDER_OPTIONS_INIT) for the options version
 * `version` the caller was built with (POLICY_RENDER_OPTIONS_VERSION). Returns 0, or
 * POLICY_EINVALID when this library does not know that version. Every
 * function taking these options refuses a version it does not know.
 */
POLICY_EXTERN int policy_render_options_init(policy_render_options *opts, unsigned version);

/**
 * Render `doc` as `format` into `out` (replacing what it held; the caller
 * disposes of it). The document must be usable (policy_doc_usable()).
 * `opts` may be NULL. Returns 0; POLICY_EINVALID for an unusable document;
 * POLICY_EPARSE for a template that cannot be used (file and problem in the
 * last error); POLICY_EIO when a template cannot be read; POLICY_ENOMEM.
 */
POLICY_EXTERN int policy_render(policy_buf *out, const policy_doc *doc, policy_format format,
				const policy_render_options *opts);

#ifdef __cplusplus
}
#endif

#endif
