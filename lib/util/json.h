/* jansson helpers shared by the modules that write JSON. */
#ifndef POLICY_UTIL_JSON_H
#define POLICY_UTIL_JSON_H

#include <jansson.h>

#include "policy/buf.h"
#include "policy/common.h"

/* `o` (taken: freed here, NULL allowed) as indented JSON in key order
 * and a newline, into `out` (replacing what it held). 0 or POLICY_ENOMEM. */
int policy__json_write(policy_buf *out, json_t *o);

/* Makes item i of array `array` (NULL when out of memory). Called on
 * several threads at once, each for items of its own. */
typedef json_t *(*policy_json_item_fn)(void *ctx, size_t array, size_t i);

/* policy__json_write() of `root` (taken), whose top-level members named
 * names[k] hold empty arrays there: each is written as the array of
 * counts[k] items `make` makes, byte for byte as jansson would write it.
 * A large array is made, written and freed in runs on a few threads, its
 * text spliced into root's. 0 or POLICY_ENOMEM (an item that cannot be
 * made fails the whole, never leaves it out). */
int policy__json_write_arrays(policy_buf *out, json_t *root, size_t narrays,
			      const char *const *names, const size_t *counts,
			      policy_json_item_fn make, void *ctx);
/* The same for `nroots` roots (each taken) that share those arrays: the
 * items are made and written once, and spliced into each root's text,
 * into outs[r] (NULL: that root is not written). On failure every out is
 * left empty. */
int policy__json_write_shared(policy_buf *const *outs, json_t *const *roots, size_t nroots,
			      size_t narrays, const char *const *names, const size_t *counts,
			      policy_json_item_fn make, void *ctx);

#endif
