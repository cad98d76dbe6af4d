/*
 * Importing an existing policy: plain text copied out of an app, or a web
 * page, turned into a source in policyctl's format. Headings come from the
 * numbering (一、 （一） 1. 1.1 (1) 第一条 Section 3 ...), nested by style
 * in the order the styles first appear; the title, release and effective
 * dates and the version are found in the text. Everything inferred, and
 * everything that could not be, is reported.
 */
#ifndef POLICY_IMPORT_H
#define POLICY_IMPORT_H

#include "common.h"
#include "version.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	POLICY_IMPORT_AUTO = 0, /**< HTML when the input looks like markup, else text */
	POLICY_IMPORT_TEXT,
	POLICY_IMPORT_HTML,
	POLICY_IMPORT_DOCX,     /**< a Word file (.docx); AUTO reads a zip as one */
	POLICY_IMPORT_MARKDOWN, /**< Markdown: front matter made, the body kept as it is */
} policy_import_format;

/** Options for policy_import_parse(). Initialise with POLICY_IMPORT_OPTIONS_INIT. */
typedef struct {
	unsigned version;
	policy_import_format format;
	const char *locale; /**< the policy's locale; NULL to guess (the page's lang, else the
			       script) */
	const char *name;   /**< the input's name in messages */
	const char *policy; /**< the policy id for the front matter; NULL to leave it out */
	policy_date today;  /**< for dates not found; year 0 for the real today */
} policy_import_options;

#define POLICY_IMPORT_OPTIONS_VERSION 1
#define POLICY_IMPORT_OPTIONS_INIT                                                                 \
	{                                                                                          \
		POLICY_IMPORT_OPTIONS_VERSION, POLICY_IMPORT_AUTO, NULL, NULL, NULL,               \
		{                                                                                  \
			0, 0, 0                                                                    \
		}                                                                                  \
	}

/**
 * Set `opts` to the defaults (as POLICY_IMPORT_OPTIONS_INIT) for the options version
 * `version` the caller was built with (POLICY_IMPORT_OPTIONS_VERSION). Returns 0, or
 * POLICY_EINVALID when this library does not know that version. Every
 * function taking these options refuses a version it does not know.
 */
POLICY_EXTERN int policy_import_options_init(policy_import_options *opts, unsigned version);

/** One thing the import inferred, or could not. */
typedef struct {
	const char *kind;    /**< "found", "guessed", "missing" or "dropped" */
	const char *field;   /**< "title", "version", "released", "effective", "locale", "format",
				"headings", ... */
	const char *value;   /**< what was used; "" when nothing */
	unsigned line;       /**< where in the input, 0 when nowhere */
	const char *message; /**< one line */
} policy_import_note;

typedef struct policy_import policy_import;

/**
 * Import `len` bytes at `data` (policy_import_parse). Returns 0 and a result (the source and the
 * notes); POLICY_EPARSE when the input is not valid UTF-8 (text) or not
 * readable as HTML, or holds no text at all, with the line in the last
 * error; POLICY_EINVALID for a bad option; POLICY_ENOMEM. Free with
 * policy_import_free().
 */
POLICY_EXTERN int policy_import_parse(policy_import **out, const char *data, size_t len,
				      const policy_import_options *opts);

POLICY_EXTERN void policy_import_free(policy_import *result);

/** The source written: front matter and CommonMark. Owned by the result. */
POLICY_EXTERN const char *policy_import_source(const policy_import *result, size_t *len);

/** The format read ("text", "html", "docx" or "markdown") and the locale used. */
POLICY_EXTERN const char *policy_import_format_name(const policy_import *result);
POLICY_EXTERN const char *policy_import_locale(const policy_import *result);

POLICY_EXTERN size_t policy_import_note_count(const policy_import *result);
POLICY_EXTERN const policy_import_note *policy_import_note_at(const policy_import *result,
							      size_t i);

#ifdef __cplusplus
}
#endif

#endif
