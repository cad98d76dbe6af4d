/*
 * Publishing: every source in HEAD's commit that differs from its last
 * published version is checked (a strictly higher version, a release date
 * not before the last one, the notice period for a major change),
 * classified against that version and tagged; then the static site that
 * apps fetch is written: manifests, every version's page and source,
 * redlines, the archive page, a feed, bundles, and a gzip twin of each
 * text file. The site is built beside the old one and swapped in at once,
 * so a reader (or a crash) sees the old site or the new one, never a mix.
 * See docs/publish.md for the layout and the guarantees.
 */
#ifndef POLICY_PUBLISH_H
#define POLICY_PUBLISH_H

#include "common.h"
#include "config.h"
#include "diag.h"
#include "document.h"
#include "repo.h"
#include "version.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Options for policy_publish(). Initialise with POLICY_PUBLISH_OPTIONS_INIT. */
typedef struct {
	unsigned version;
	/** The site's directory; NULL to tag without writing a site. */
	const char *out_dir;
	/** The day that decides the current version; year 0 for today (UTC). */
	policy_date now;
	/** Check and report what would be tagged; tag and write nothing. */
	int dry_run;
	/** Called as the site is written: `done` of `total` steps. May be NULL. */
	void (*progress)(void *payload, size_t done, size_t total);
	void *payload;
} policy_publish_options;

/* The file publish writes into every site it builds, and replaces when it
 * starts changing a directory that was a site before (the spare): nothing
 * without it is ever replaced or removed, and policyctl serve knows by it
 * that a site it may still be answering from is changing. */
#define POLICY_PUBLISH_MARKER ".policyctl-site"

#define POLICY_PUBLISH_OPTIONS_VERSION 1
#define POLICY_PUBLISH_OPTIONS_INIT                                                                \
	{                                                                                          \
		POLICY_PUBLISH_OPTIONS_VERSION, NULL, {0, 0, 0}, 0, NULL, NULL                     \
	}

/**
 * Set `opts` to the defaults (as POLICY_PUBLISH_OPTIONS_INIT) for the options version
 * `version` the caller was built with (POLICY_PUBLISH_OPTIONS_VERSION). Returns 0, or
 * POLICY_EINVALID when this library does not know that version. Every
 * function taking these options refuses a version it does not know.
 */
POLICY_EXTERN int policy_publish_options_init(policy_publish_options *opts, unsigned version);

/** A version this publish tagged (or, with dry_run, would tag). */
typedef struct {
	const char *policy;
	const char *locale;
	const char *version;
	policy_level level;  /**< against the version before; none for the first */
	unsigned categories; /**< of the findings at major or above */
} policy_publish_item;

typedef struct policy_publish_result policy_publish_result;

/**
 * Publish the repository's HEAD. Returns 0 with a result; POLICY_EINVALID
 * with a result whose problems (policy_publish_problems()) say what stops
 * the publish, each with file, line and code, and nothing tagged or
 * written; or, with no result, POLICY_ECONFLICT when another publish holds
 * the site, POLICY_EEXISTS when the output directory holds something
 * other than a site, POLICY_EIO, POLICY_ENOMEM or POLICY_ERROR, with the
 * site untouched. Tags made before a failure to write the site stay: the
 * next publish writes the site from them. Free with
 * policy_publish_result_free().
 */
POLICY_EXTERN int policy_publish(policy_publish_result **out, policy_repo *repo,
				 const policy_publish_options *opts);

POLICY_EXTERN void policy_publish_result_free(policy_publish_result *result);

/**
 * Publish's checks of one source against the published versions of
 * `repo`, without publishing (for `check`): its version is not published
 * already with other content (`version-published`), not below the last
 * one (`version-not-higher`), released not before it
 * (`released-earlier`), and a major change takes effect at least
 * notice_days after its release (`notice-period`, naming the earliest
 * allowed date). `doc` is the source parsed from the `len` bytes at
 * `data`; a document outside the layout (policies/<policy>/<locale>.md)
 * or unusable is skipped. `config` may be NULL (no rules added, a notice
 * period of 0). Each problem is added to `out` as an error naming the
 * source's file and line. Returns 0, or an error of reading the
 * published versions.
 */
POLICY_EXTERN int policy_publish_check_source(policy_diags *out, policy_repo *repo,
					      const policy_config *config, const policy_doc *doc,
					      const char *data, size_t len);

/** What stopped the publish (empty after a success). Owned by the result. */
POLICY_EXTERN const policy_diags *policy_publish_problems(const policy_publish_result *result);

/** The versions tagged, in order of policy, locale and version. */
POLICY_EXTERN size_t policy_publish_item_count(const policy_publish_result *result);
POLICY_EXTERN const policy_publish_item *policy_publish_item_at(const policy_publish_result *result,
								size_t i);

/** Files of the site written anew, and those kept from the previous site
 * because their version was rendered already. */
POLICY_EXTERN void policy_publish_files(const policy_publish_result *result, size_t *written,
					size_t *kept);

#ifdef __cplusplus
}
#endif

#endif
