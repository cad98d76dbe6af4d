/*
 * The import's writer: the blocks as CommonMark, headings with unique
 * ids, escaped text, lists and records kept.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "array.h"
#include "buf.h"
#include "error.h"
#include "import_internal.h"
#include "internal.h"
#include "policy/document.h"
#include "strmap.h"
#include "utf8.h"

/* --- writing -------------------------------------------------------------- */

/* Ids written so far, each with the next suffix to try when it is taken
 * again, so that many headings of one title are not quadratic. */
typedef struct {
	policy_buf *out;
	arena *mem;
	strmap taken;
} id_set;

static int id_add(id_set *ids, const char *id)
{
	const char *copy = policy__arena_strdup(ids->mem, id);

	return copy != NULL ? policy__strmap_put(&ids->taken, copy, 2) : policy__error_nomem();
}

/* The heading's text, and an explicit id when its derived one is taken. */
static int heading(id_set *ids, int level, const char *markdown, const char *plain)
{
	policy_buf slug = POLICY_BUF_INIT;
	const char *base;
	size_t *taken;
	int rc = 0, renamed = 0;
	char id[200];

	for (int i = 0; i < level && rc == 0; i++)
		rc = policy__buf_putc(ids->out, '#');
	if (rc == 0)
		rc = policy__buf_printf_line(ids->out, " %s", markdown);
	if (rc == 0 && policy_section_slug(&slug, plain) < 0) {
		policy_error_clear();
		policy__buf_clear(&slug);
	}
	base = slug.ptr && slug.ptr[0] ? slug.ptr : "section";
	snprintf(id, sizeof(id), "%.180s", base);
	if ((taken = policy__strmap_get(&ids->taken, id)) != NULL) {
		size_t n = *taken;

		do
			snprintf(id, sizeof(id), "%.180s-%zu", base, n++);
		while (policy__strmap_get(&ids->taken, id) != NULL);
		*taken = n; /* before id_add: a grown table would move it */
		renamed = 1;
	}
	if (rc == 0 && (renamed || strcmp(base, "section") == 0))
		rc = policy__buf_printf_line(ids->out, " {#%s}", id);
	if (rc == 0)
		rc = id_add(ids, id);
	if (rc == 0)
		rc = policy__buf_puts(ids->out, "\n\n");
	policy_buf_dispose(&slug);
	return rc;
}

int policy__import_write_body(import_doc *d, policy_buf *out, const char *locale)
{
	id_set ids = {out, &d->mem, STRMAP_INIT};

	int rc = 0, in_list = 0;

	for (size_t i = 0; i < d->count && rc == 0; i++) {
		block *b = &d->blocks[i];
		int list_like = b->kind == BLOCK_ITEM;

		if (b->dropped || b->title)
			continue;
		if (in_list && !list_like)
			rc = policy__buf_putc(out, '\n');
		in_list = list_like;
		if (rc < 0)
			break;
		switch (b->kind) {
		case BLOCK_PARA:
			rc = policy__buf_printf_line(out, "%s\n\n", b->markdown);
			break;
		case BLOCK_HEADING:
			rc = heading(&ids, b->level, b->markdown, b->plain);
			break;
		case BLOCK_ITEM:
			for (int k = 0; k < b->depth && rc == 0; k++)
				rc = policy__buf_puts(out, "  ");
			if (rc == 0)
				rc = policy__buf_printf_line(out, "- %s\n", b->markdown);
			break;
		case BLOCK_TABLE:
			if ((rc = policy__buf_puts(out, b->markdown)) == 0)
				rc = policy__buf_putc(out, '\n');
			break;
		case BLOCK_BREAK:
			break;
		}
	}
	policy__strmap_dispose(&ids.taken);
	return rc;
}
