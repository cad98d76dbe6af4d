/*
 * libpolicy: versions, diffs, classifies and renders privacy policies.
 * Include this header; it brings in every module's header (one prefix per
 * header: policy/diff.h declares policy_diff_*, and so on).
 *
 * Conventions (policy/common.h): functions return 0 or a negative
 * POLICY_E* code, the message in policy_error_last(); an object handed
 * out through `**out` is the caller's, freed with its `_free`; an
 * options struct is initialised with its `_INIT` macro or `_init()`
 * function, and a function refuses an options version it does not know;
 * a list is read with `_count()` and `_at(i)`.
 *
 * Threads: no object is locked. Use each object from one thread at a
 * time; different objects may be used in different threads at once. A
 * parsed policy_doc and a finished policy_diff are only read, so threads
 * may share them through const pointers (policy_publish does). The last
 * error is per thread. policy_publish() runs worker threads of its own,
 * policy_serve_start() libmicrohttpd's; both return with them joined or
 * owned by the server object.
 *
 * Initialisation: none is asked of the caller. The library initialises
 * what it uses once, on first use and thread-safely: libgit2
 * (git_libgit2_init, when a repository is first opened; it never calls
 * git_libgit2_shutdown, so a program using libgit2 itself keeps its own
 * init/shutdown pairs), libxml2's parser (xmlInitParser before publish
 * starts its threads; the library never calls xmlCleanupParser, which a
 * program may call at exit after its last libpolicy call) and cmark-gfm's
 * table extension. Nothing is shut down at exit.
 */
#ifndef POLICY_H
#define POLICY_H

#include "policy/archive.h"
#include "policy/buf.h"
#include "policy/category.h"
#include "policy/check.h"
#include "policy/common.h"
#include "policy/config.h"
#include "policy/date.h"
#include "policy/diag.h"
#include "policy/diff.h"
#include "policy/document.h"
#include "policy/facts.h"
#include "policy/file.h"
#include "policy/import.h"
#include "policy/level.h"
#include "policy/library.h"
#include "policy/locale.h"
#include "policy/notice.h"
#include "policy/publish.h"
#include "policy/render.h"
#include "policy/repo.h"
#include "policy/rules.h"
#include "policy/section.h"
#include "policy/serve.h"
#include "policy/text.h"
#include "policy/timeline.h"
#include "policy/version.h"

#endif
