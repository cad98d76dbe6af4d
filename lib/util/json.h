/* jansson helpers shared by the modules that write JSON. */
#ifndef POLICY_UTIL_JSON_H
#define POLICY_UTIL_JSON_H

#include <jansson.h>

#include "policy/buf.h"
#include "policy/common.h"

/* `o` (taken: freed here, NULL allowed) as indented JSON in key order
 * and a newline, into `out` (replacing what it held). 0 or POLICY_ENOMEM. */
int policy__json_write(policy_buf *out, json_t *o);

#endif
