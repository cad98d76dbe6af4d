/*
 * What every JSON writer of the library does: print an object
 * the same way (indented, keys in the order written, a final newline, so
 * files are stable byte for byte).
 */
#include "json.h"

#include <stdlib.h>

#include "buf.h"
#include "error.h"

int policy__json_write(policy_buf *out, json_t *o)
{
	char *text = o ? json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	int rc;

	json_decref(o);
	if (text == NULL)
		return policy__error_nomem();
	policy__buf_clear(out);
	rc = policy__buf_puts(out, text);
	if (rc == 0)
		rc = policy__buf_putc(out, '\n');
	free(text);
	return rc;
}
