/*
 * A body cut where its top-level headings begin, for reading two versions
 * together (policy_diff_load): a chunk whose text under its heading is the
 * same in both versions need not be parsed into a tree, when nothing in
 * it can reach past it.
 *
 * A chunk starts at a line that opens with one to six '#' at column 0 and
 * a blank or the line's end: an ATX heading, which closes every open
 * paragraph, list, quote and table, so what follows it is read the same
 * whatever came before. Three things break that, and a body that holds
 * any of them is not cut at all: a fenced code block (a '#' line inside
 * it is code), an HTML block (some run past blank lines and headings) and
 * a link reference definition (it defines a link for the whole document).
 *
 * A chunk is simple when it is one section and nothing more: its heading
 * has text, and no later line of it could be a heading of any kind (ATX
 * inside a container, setext, a bold paragraph or list item that
 * outline.c lifts), a thematic break, or nested deep enough to come near
 * the document's nesting limit.
 */
#include "chunks.h"

#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"
#include "hash.h"

/* A line prefix of quote and list markers this long, or this many
 * emphasis and link openers in a chunk, and its nesting is not guessed:
 * the chunk is parsed. Well under the limit of 200 blocks and inlines
 * nested (document.c), at two levels per byte of prefix. */
#define MAX_PREFIX 16
#define MAX_OPENERS 96

/* The end of the line at p (its '\n' or '\r', or `end`); a "\r\n" counts
 * as one ending, as in cmark. */
static const char *line_end(const char *p, const char *end, int cr)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	if (!cr)
		return nl != NULL ? nl : end;
	for (; p < end; p++)
		if (*p == '\n' || *p == '\r')
			return p;
	return end;
}

static const char *next_line(const char *e, const char *end)
{
	if (e < end && *e == '\r' && e + 1 < end && e[1] == '\n')
		return e + 2;
	return e < end ? e + 1 : end;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Does the line [p, e) open an ATX heading at column 0? With text, 2. */
static int atx_heading(const char *p, const char *e)
{
	const char *q = p;

	while (q < e && *q == '#' && q - p < 7)
		q++;
	if (q == p || q - p > 6 || (q < e && *q != ' ' && *q != '\t'))
		return 0;
	while (q < e && (*q == ' ' || *q == '\t' || *q == '#'))
		q++;
	return q < e && *q != '{' ? 2 : 1;
}

/* Does the line [p, e) open a fence or an HTML block (or hold one in a
 * quote), which could make the body read otherwise if cut? */
static int joins_chunks(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t' || *p == '>'))
		p++;
	return p < e && (*p == '<' ||
			 (e - p >= 3 && (memcmp(p, "```", 3) == 0 || memcmp(p, "~~~", 3) == 0)));
}

/* Does the line [p, e), not the chunk's first, keep the chunk from being
 * one plain section? Skips quote markers, blanks and list markers, then
 * looks at what the line opens with. */
static int line_not_simple(const char *p, const char *e)
{
	const char *q = p, *r;

	for (;;) {
		while (q < e && (*q == ' ' || *q == '\t' || *q == '>'))
			q++;
		if (e - q >= 2 && (*q == '-' || *q == '*' || *q == '+') &&
		    (q[1] == ' ' || q[1] == '\t')) {
			q += 2;
			continue;
		}
		for (r = q; r < e && is_digit(*r) && r - q < 9; r++)
			;
		if (r == q || e - r < 2 || (*r != '.' && *r != ')') ||
		    (r[1] != ' ' && r[1] != '\t'))
			break;
		q = r + 2;
	}
	if (q - p >= MAX_PREFIX)
		return 1;
	/* '#': a heading; '=' and '-': a setext underline or a break; '*',
	 * '_' and '+': bold, a break, a list item lifted */
	return q < e &&
	       (*q == '#' || *q == '=' || *q == '-' || *q == '*' || *q == '_' || *q == '+');
}

/* Are there fewer than MAX_OPENERS emphasis and link openers in
 * [p, e)? Counted a character at a time with memchr(): text has few. */
static int few_openers(const char *p, const char *e)
{
	static const char opener[] = {'*', '_', '['};
	size_t n = 0;

	for (size_t k = 0; k < sizeof(opener); k++)
		for (const char *q = p;
		     n < MAX_OPENERS && (q = memchr(q, opener[k], (size_t)(e - q))) != NULL; q++)
			n++;
	return n < MAX_OPENERS;
}

static void close_chunk(body_chunk *c, const char *body)
{
	c->simple = c->simple && few_openers(body + c->start, body + c->end);
	c->hash = hash_text(body + c->head_end, c->end - c->head_end);
}

int policy__body_chunks(const char *body, size_t len, body_chunk **out, size_t *count)
{
	const char *p = body, *end = body + len;
	int cr = memchr(body, '\r', len) != NULL;
	body_chunk *c = NULL, *cur = NULL;
	size_t n = 0, cap = 0;
	unsigned line = 1;

	*out = NULL;
	*count = 0;
	/* "[label]: destination" may stand anywhere a container lets it */
	for (const char *q = body; (q = memchr(q, ']', (size_t)(end - q))) != NULL; q++)
		if (q + 1 < end && q[1] == ':')
			return 0;
	while (p < end) {
		const char *e = line_end(p, end, cr);
		int heading = *p == '#' ? atx_heading(p, e) : 0;

		if (joins_chunks(p, e)) {
			free(c);
			return 0;
		}
		if (heading || cur == NULL) {
			if (cur != NULL)
				close_chunk(cur, body);
			if (ARRAY_RESERVE(c, cap, n) < 0) {
				free(c);
				return policy__error_nomem();
			}
			cur = &c[n++];
			cur->start = (size_t)(p - body);
			cur->line = line;
			cur->lines = 0;
			cur->head_end = (size_t)(next_line(e, end) - body);
			/* the text before the first heading is no section */
			cur->simple = heading == 2;
		} else if (cur->simple && line_not_simple(p, e))
			cur->simple = 0;
		p = next_line(e, end);
		cur->end = (size_t)(p - body);
		cur->lines++;
		line++;
	}
	if (cur != NULL)
		close_chunk(cur, body);
	*out = c;
	*count = n;
	return 0;
}
