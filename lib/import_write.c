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

#include "import_internal.h"
#include "internal.h"
#include "policy/document.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/utf8.h"

/* --- writing -------------------------------------------------------------- */

/* Ids written so far: an open-addressing table, so that a policy of many
 * headings is not quadratic. Each id also keeps the next suffix to try
 * when it is taken again, so that many headings of one title are not
 * quadratic either. */
typedef struct {
	const char *id;
	unsigned next;
} id_slot;

typedef struct {
	policy_buf *out;
	arena *mem;
	id_slot *slots;
	size_t count, cap; /* cap a power of two, at least twice count */
} id_set;

static size_t id_hash(const char *s)
{
	size_t h = 1469598103934665603u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

static id_slot *id_find(const id_set *ids, const char *id)
{
	if (ids->cap == 0)
		return NULL;
	for (size_t i = id_hash(id) & (ids->cap - 1);; i = (i + 1) & (ids->cap - 1)) {
		if (ids->slots[i].id == NULL)
			return NULL;
		if (strcmp(ids->slots[i].id, id) == 0)
			return &ids->slots[i];
	}
}

static int id_add(id_set *ids, const char *id)
{
	size_t k;
	const char *copy;

	if (2 * (ids->count + 1) > ids->cap) {
		size_t cap = ids->cap ? ids->cap * 2 : 64;
		id_slot *slots = calloc(cap, sizeof(*slots));

		if (slots == NULL)
			return error_nomem();
		for (size_t i = 0; i < ids->cap; i++) {
			if (ids->slots[i].id == NULL)
				continue;
			for (k = id_hash(ids->slots[i].id) & (cap - 1); slots[k].id != NULL; k = (k + 1) & (cap - 1))
				;
			slots[k] = ids->slots[i];
		}
		free(ids->slots);
		ids->slots = slots;
		ids->cap = cap;
	}
	if ((copy = arena_strdup(ids->mem, id)) == NULL)
		return error_nomem();
	for (k = id_hash(id) & (ids->cap - 1); ids->slots[k].id != NULL; k = (k + 1) & (ids->cap - 1))
		;
	ids->slots[k].id = copy;
	ids->slots[k].next = 2;
	ids->count++;
	return 0;
}

/* The heading's text, and an explicit id when its derived one is taken. */
static int heading(id_set *ids, int level, const char *markdown, const char *plain, int recipients)
{
	policy_buf slug = POLICY_BUF_INIT;
	const char *base;
	id_slot *taken;
	int rc = 0, renamed = 0;
	char id[200];

	for (int i = 0; i < level && rc == 0; i++)
		rc = buf_putc(ids->out, '#');
	if (rc == 0)
		rc = buf_printf_line(ids->out, " %s", markdown);
	if (rc == 0 && policy_section_slug(&slug, plain) < 0) {
		policy_error_clear();
		buf_clear(&slug);
	}
	base = slug.ptr && slug.ptr[0] ? slug.ptr : "section";
	snprintf(id, sizeof(id), "%.180s", base);
	if ((taken = id_find(ids, id)) != NULL) {
		unsigned n = taken->next;

		do
			snprintf(id, sizeof(id), "%.180s-%u", base, n++);
		while (id_find(ids, id) != NULL);
		if ((taken = id_find(ids, base)) != NULL) /* still there: the table may not have grown yet */
			taken->next = n;
		renamed = 1;
	}
	if (rc == 0 && (renamed || strcmp(base, "section") == 0 || recipients))
		rc = buf_printf_line(ids->out, " {#%s%s}", id, recipients ? " .recipients" : "");
	if (rc == 0)
		rc = id_add(ids, id);
	if (rc == 0)
		rc = buf_puts(ids->out, "\n\n");
	policy_buf_dispose(&slug);
	return rc;
}

/* The heading written above a table of third parties that had none. */
static const char *third_parties(const char *locale)
{
	return strncmp(locale, "zh", 2) == 0 ? "第三方" : "Third parties";
}

int import_write_body(import_doc *d, policy_buf *out, const char *locale)
{
	id_set ids = {out, &d->mem, NULL, 0, 0};

	int rc = 0, in_list = 0;

	for (size_t i = 0; i < d->count && rc == 0; i++) {
		block *b = &d->blocks[i];
		int list_like = b->kind == BLOCK_ITEM || b->kind == BLOCK_FIELD;

		if (b->dropped || b->title)
			continue;
		if (in_list && !list_like)
			rc = buf_putc(out, '\n');
		in_list = list_like;
		if (rc < 0)
			break;
		switch (b->kind) {
		case BLOCK_PARA:
			rc = buf_printf_line(out, "%s\n\n", b->markdown);
			break;
		case BLOCK_HEADING:
			rc = heading(&ids, b->level, b->markdown, b->plain, b->recipients);
			break;
		case BLOCK_RECORD:
			if (b->recipients)
				rc = heading(&ids, b->level - 1, third_parties(locale), third_parties(locale), 1);
			if (rc == 0)
				rc = heading(&ids, b->level, b->markdown, b->plain, 0);
			break;
		case BLOCK_ITEM:
			for (int k = 0; k < b->depth && rc == 0; k++)
				rc = buf_puts(out, "  ");
			if (rc == 0)
				rc = buf_printf_line(out, "- %s\n", b->markdown);
			break;
		case BLOCK_FIELD:
			rc = buf_printf_line(out, "- %s\n", b->markdown);
			break;
		case BLOCK_BREAK:
			break;
		}
	}
	free(ids.slots);
	return rc;
}
