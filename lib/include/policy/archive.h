/*
 * Bundles of published versions (archive/<policy>-<locale>.zip and
 * .tar.gz, written by publish) and their verification: what an auditor
 * runs to learn that a bundle holds every version, unaltered.
 */
#ifndef POLICY_ARCHIVE_H
#define POLICY_ARCHIVE_H

#include "common.h"
#include "diag.h"
#include "repo.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Bundles larger than this (unpacked) are refused. */
#define POLICY_ARCHIVE_MAX_SIZE (1024u * 1024u * 1024u)

/**
 * Write the bundles of every published version (as publish does, from
 * the tags alone; nothing is tagged) into the directory `out_dir`, made
 * if missing: <policy>-<locale>.zip and .tar.gz, each replacing its old
 * copy at once. Returns 0, POLICY_ENOTFOUND when nothing is published,
 * POLICY_EIO, POLICY_ENOMEM or POLICY_ERROR.
 */
POLICY_EXTERN int policy_archive_build(policy_repo *repo, const char *out_dir);

/**
 * Check the bundle at `path` (zip or tar.gz): every file against
 * SHA256SUMS, and no file left out of it; every version of the manifest
 * (index.json) present, its source matching the manifest's SHA-256, and
 * the chain of hashes unbroken; with `repo` (may be NULL), every version
 * against its tag, and no tagged version up to the newest in the bundle
 * missing from it. Each problem is added to `problems` as an error naming
 * the bundle, with a code (docs/publish.md lists them) and the entry
 * concerned. Returns 0 whatever was found, POLICY_ENOMEM, or the errors
 * of policy_repo_published() (a bundle that cannot be read is a problem,
 * not a failure).
 */
POLICY_EXTERN int policy_archive_verify(policy_diags *problems, const char *path,
					policy_repo *repo);

#ifdef __cplusplus
}
#endif

#endif
