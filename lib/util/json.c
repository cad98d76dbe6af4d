/*
 * The two things every JSON writer of the library does: print an object
 * the same way (indented, keys in the order written, a final newline, so
 * files are stable byte for byte), and name a category mask.
 */
#include "util/json.h"

#include <stdlib.h>

#include "policy/category.h"
#include "util/buf.h"
#include "util/error.h"

int json_write(policy_buf *out, json_t *o)
{
	char *text = o ? json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	int rc;

	json_decref(o);
	if (text == NULL)
		return error_nomem();
	buf_clear(out);
	rc = buf_puts(out, text);
	if (rc == 0)
		rc = buf_putc(out, '\n');
	free(text);
	return rc;
}

json_t *json_categories(unsigned mask)
{
	json_t *a = json_array();

	for (unsigned i = 0; a != NULL && i < POLICY_CATEGORY_COUNT; i++)
		if ((mask & policy_category_at(i)) &&
		    json_array_append_new(a, json_string(policy_category_name(policy_category_at(i)))) < 0) {
			json_decref(a);
			return NULL;
		}
	return a;
}
