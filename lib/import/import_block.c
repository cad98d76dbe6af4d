/*
 * The import's model: the blocks its readers make (lib/import/import_internal.h)
 * and the notes every stage adds, with the escaping of text as CommonMark.
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
#include "utf8.h"

/* --- building blocks ---------------------------------------------------- */

block *policy__import_add(import_doc *d, block_kind kind, const char *plain, const char *markdown,
			  unsigned line)
{
	block *b;

	if (ARRAY_RESERVE(d->blocks, d->cap, d->count) < 0)
		return NULL;
	b = &d->blocks[d->count];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->line = line;
	b->plain = policy__arena_strdup(&d->mem, plain ? plain : "");
	b->markdown = policy__arena_strdup(&d->mem, markdown ? markdown : "");
	if (b->plain == NULL || b->markdown == NULL)
		return NULL;
	d->count++;
	return b;
}

int policy__import_note(import_doc *d, const char *kind, const char *field, const char *value,
			unsigned line, const char *message)
{
	policy_import_note n;

	if (ARRAY_RESERVE(d->notes, d->note_cap, d->note_count) < 0)
		return POLICY_ENOMEM;
	n.kind = kind;
	n.field = field;
	n.value = policy__arena_strdup(&d->mem, value ? value : "");
	n.line = line;
	n.message = policy__arena_strdup(&d->mem, message);
	if (n.value == NULL || n.message == NULL)
		return policy__error_nomem();
	d->notes[d->note_count++] = n;
	return 0;
}

int policy__import_escape(policy_buf *out, const char *text, size_t len)
{
	size_t start = out->size;
	int rc = 0;

	for (size_t i = 0; i < len && rc == 0; i++) {
		char c = text[i];

		if (strchr("\\`*_[]<>#{}&|~", c) != NULL && c != '\0')
			rc = policy__buf_putc(out, '\\');
		if (rc == 0)
			rc = policy__buf_putc(out, c);
	}
	if (rc == 0 && out->size > start) {
		/* What a line may not begin with: list markers, quotes, rules. */
		char *p = out->ptr + start;
		size_t digits = 0;

		while (start + digits < out->size && isdigit((unsigned char)p[digits]))
			digits++;
		if ((digits > 0 && digits < 10 && start + digits < out->size &&
		     (p[digits] == '.' || p[digits] == ')')) ||
		    (digits == 0 && strchr("-+=", p[0]) != NULL && p[0] != '\0')) {
			size_t at = start + digits;

			if ((rc = policy__buf_putc(out, ' ')) == 0) {
				memmove(out->ptr + at + 1, out->ptr + at, out->size - at - 1);
				out->ptr[at] = '\\';
			}
		}
	}
	return rc;
}

size_t policy__import_code_points(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

int policy__import_looks_like_docx(const char *data, size_t len)
{
	return len >= 4 && memcmp(data, "PK\003\004", 4) == 0;
}
