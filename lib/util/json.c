/*
 * What every JSON writer of the library does: print an object
 * the same way (indented, keys in the order written, a final newline, so
 * files are stable byte for byte).
 */
#include "json.h"

#include <stdlib.h>

#include "buf.h"
#include "error.h"

static int put_chunk(const char *text, size_t len, void *payload)
{
	return policy__buf_put(payload, text, len) < 0 ? -1 : 0;
}

int policy__json_write(policy_buf *out, json_t *o)
{
	int rc;

	if (o == NULL)
		return policy__error_nomem();
	/* straight into `out`: a large diff's object is most of a megabyte */
	policy__buf_clear(out);
	rc = json_dump_callback(o, put_chunk, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (rc < 0)
		return policy__error_nomem();
	return policy__buf_putc(out, '\n');
}
