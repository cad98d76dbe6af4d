/*
 * A policy repository, through libgit2: sources are read from commits
 * (never from a checkout), and a published version is an annotated tag
 * `<policy>/<locale>/<version>` whose message is a JSON object with the
 * version's dates, summary, classification and source hash.
 */
#ifndef POLICY_REPO_H
#define POLICY_REPO_H

#include "buf.h"
#include "common.h"
#include "document.h"
#include "level.h"
#include "timeline.h"
#include "version.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct policy_repo policy_repo;

/** A published version, as its tag records it. */
typedef struct {
	const char *policy;
	const char *locale;
	const char *version_text;
	const char *title; /**< the policy's title in that version; "" when the tag has none */
	policy_version version;
	policy_date released;
	policy_date effective;
	policy_level level;  /**< against the version before; none for the first */
	unsigned categories; /**< of the findings at major or above */
	const char *summary; /**< "" when none */
	const char *sha256;  /**< of the source, hex; "" when the tag has none */
	char commit[41];     /**< the tagged commit, hex */
} policy_published;

/**
 * Open the repository holding `path` (a directory in it, or the top);
 * with `path` NULL, the working directory. Returns 0, POLICY_ENOTFOUND
 * when there is none, or POLICY_ERROR. Free with policy_repo_free().
 */
POLICY_EXTERN int policy_repo_open(policy_repo **out, const char *path);

/** Create a new, empty repository at `path` (made if missing). */
POLICY_EXTERN int policy_repo_init(policy_repo **out, const char *path);

POLICY_EXTERN void policy_repo_free(policy_repo *repo);

/** The top of the working tree ("/"-terminated), or NULL when bare. */
POLICY_EXTERN const char *policy_repo_workdir(const policy_repo *repo);

/**
 * The published versions of `policy`/`locale` (NULL for every one), in
 * order of policy, locale and version. The list and its strings belong
 * to the repository and stay valid, and unchanged, until it is freed:
 * policy_repo_tag() makes a new list and leaves those handed out as they
 * were. Returns 0,
 * POLICY_EPARSE for a tag of the published shape whose message is not
 * valid (naming the tag), POLICY_ENOMEM or POLICY_ERROR.
 */
POLICY_EXTERN int policy_repo_published(const policy_published **out, size_t *count,
					policy_repo *repo, const char *policy, const char *locale);

/** `count` published versions (of one policy and locale) as the timeline
 * reads them (policy/timeline.h), into `out`, which holds `count`. */
POLICY_EXTERN void policy_repo_timeline(policy_timeline_entry *out, const policy_published *list,
					size_t count);

/**
 * Resolve a reference: `policy/locale@VERSION`, `policy/locale@latest`
 * (the highest version), or `policy/locale@YYYY-MM-DD` (the version in
 * effect on that day: the latest effective date not after it). Returns 0,
 * POLICY_EINVALID for a malformed reference, POLICY_ENOTFOUND when no
 * version matches (nothing published yet, or the date is before the
 * first one), or the errors of policy_repo_published().
 */
POLICY_EXTERN int policy_repo_resolve(const policy_published **out, policy_repo *repo,
				      const char *ref);

/** Is `text` shaped like a reference (a '@' after "policy/locale")? */
POLICY_EXTERN int policy_repo_is_ref(const char *text);

/**
 * The source of a published version, read from its tagged commit, into
 * `out` (replacing what it held). Returns 0, POLICY_ENOTFOUND when the
 * commit has no policies/<policy>/<locale>.md, or POLICY_ERROR.
 */
POLICY_EXTERN int policy_repo_read_version(policy_buf *out, policy_repo *repo,
					   const policy_published *v);

/**
 * Read a published version's source as policy_repo_read_version() does,
 * check it against the SHA-256 its tag records, and parse it, named
 * "policy/locale@version" in diagnostics. `opts` may be NULL; its
 * layout_path is set here. With `source` not NULL the source's bytes are
 * left there too. Returns 0 and a usable document (the caller frees it);
 * POLICY_ECONFLICT when the source is not the one the tag records;
 * POLICY_EPARSE when it cannot be used (the first fatal problem in the
 * last error); or the errors of policy_repo_read_version().
 */
POLICY_EXTERN int policy_repo_load_version(policy_doc **out, policy_buf *source, policy_repo *repo,
					   const policy_published *v,
					   const policy_doc_options *opts);

/**
 * The file `path` (relative to the top) in HEAD's commit. Returns 0,
 * POLICY_ENOTFOUND when HEAD has no such file (or no commit), or
 * POLICY_ERROR.
 */
POLICY_EXTERN int policy_repo_read_head(policy_buf *out, policy_repo *repo, const char *path);

/** A source in HEAD's tree: policies/<policy>/<locale>.md. */
typedef struct {
	const char *policy;
	const char *locale;
	const char *path; /**< relative to the top */
} policy_source;

/**
 * The sources in HEAD's commit, in order of policy and locale: every
 * policies/<policy>/<locale>.md whose locale is a language tag. The list
 * stays valid until the repository is freed. Returns 0 (an empty list
 * when HEAD has no commit), POLICY_ENOMEM or POLICY_ERROR.
 */
POLICY_EXTERN int policy_repo_sources(const policy_source **out, size_t *count, policy_repo *repo);

/**
 * The files that publishing reads (policies/, templates/, policyctl.yaml)
 * and that differ from HEAD's commit in the index or the working tree,
 * untracked ones included: their paths, one a line, into `out`
 * (replacing what it held; empty when all is committed). Returns 0 or
 * POLICY_ERROR. A bare repository has nothing uncommitted.
 */
POLICY_EXTERN int policy_repo_uncommitted(policy_buf *out, policy_repo *repo);

/**
 * Commit every file of the working tree (new, changed and deleted ones)
 * on HEAD with `message`, as the repository's configured user, else
 * "policyctl". Returns 0 or POLICY_ERROR.
 */
POLICY_EXTERN int policy_repo_commit_all(policy_repo *repo, const char *message);

/**
 * Publish: create the annotated tag for `v` on HEAD's commit (v->commit is
 * ignored), its message the JSON of `v`. The tagger is the repository's
 * configured user, else "policyctl". Returns 0, POLICY_EEXISTS when the
 * tag exists (tags never move), or POLICY_ERROR.
 */
POLICY_EXTERN int policy_repo_tag(policy_repo *repo, const policy_published *v);

/**
 * Pack the repository's loose refs into its packed-refs file, as
 * `git pack-refs --all` does: a repository of thousands of published
 * versions then lists its tags from one file rather than one file each.
 * Nothing else changes. Returns 0, or POLICY_ERROR (packing is only an
 * optimisation: the caller may go on).
 */
POLICY_EXTERN int policy_repo_pack_refs(policy_repo *repo);

#ifdef __cplusplus
}
#endif

#endif
