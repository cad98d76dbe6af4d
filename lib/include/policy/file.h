/*
 * Whole-file reads and all-or-nothing writes.
 */
#ifndef POLICY_FILE_H
#define POLICY_FILE_H

#include "buf.h"
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Read the whole file at `path` into `out` (replacing what it held),
 * refusing files over `max_size` bytes. Returns 0; POLICY_ENOTFOUND;
 * POLICY_EINVALID when the file is too large or not a regular file;
 * POLICY_EIO for other failures; POLICY_ENOMEM.
 */
POLICY_EXTERN int policy_file_read(policy_buf *out, const char *path, size_t max_size);

/**
 * Write `len` bytes to `path` all at once: into a temporary file in the
 * same directory, flushed, then renamed over `path`. On failure nothing is
 * left behind and an existing `path` is untouched. Returns 0 or POLICY_EIO.
 */
POLICY_EXTERN int policy_file_write(const char *path, const char *data, size_t len);

#ifdef __cplusplus
}
#endif

#endif
