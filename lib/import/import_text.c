/*
 * The import's readers of plain text and of Markdown: lines become
 * paragraphs and list items; Markdown keeps its body and is read only for
 * the title, dates and headings it states.
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

/* --- plain text --------------------------------------------------------- */

static int is_blank_char(int32_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == 0x3000 || c == 0xA0 || c == 0xFEFF ||
	       c == '\f' || c == '\v';
}

/* Trim blanks (full-width, no-break and BOM included) at both ends. */
static void trim(const char *s, size_t len, size_t *from, size_t *to)
{
	size_t a = 0, b = len, next;

	while (a < b) {
		next = a;
		if (!is_blank_char(policy__utf8_next(s, b, &next)))
			break;
		a = next;
	}
	while (b > a) {
		size_t k = b - 1;

		while (k > a && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		next = k;
		if (!is_blank_char(policy__utf8_next(s, b, &next)))
			break;
		b = k;
	}
	*from = a;
	*to = b;
}

/* A bullet at the start of a line: the bytes it takes, with the blank after. */
static size_t bullet_len(const char *s, size_t len)
{
	static const char *const bullets[] = {"•", "·", "●", "○", "▪", "■",
					      "◆", "◇", "-", "*", "–"};

	for (size_t i = 0; i < sizeof(bullets) / sizeof(bullets[0]); i++) {
		size_t n = strlen(bullets[i]);

		if (len > n && memcmp(s, bullets[i], n) == 0 &&
		    (s[n] == ' ' || s[n] == '\t' || (unsigned char)s[n] >= 0x80))
			return n + (s[n] == ' ' || s[n] == '\t');
	}
	return 0;
}

/* Is all of `out` a numbering prefix (第一章 in "第一章  总则")? */
static int after_numbering(policy_buf *out)
{
	char style[24];
	size_t n;

	if (out->size == 0 || out->size > 40 || policy__buf_putc(out, 'x') < 0)
		return 0;
	n = policy__numbering_style(out->ptr, style, sizeof(style));
	out->ptr[--out->size] = '\0';
	return n == out->size;
}

/* `len` bytes of a line with each run of blanks inside made one space,
 * or none between two CJK characters (where a pasted tab is noise). */
static int squeeze(policy_buf *out, const char *s, size_t len)
{
	size_t pos = 0;
	int32_t before = 0;
	int pending = 0, rc = 0;

	policy__buf_clear(out);
	while (pos < len && rc == 0) {
		size_t at = pos;
		int32_t c = policy__utf8_next(s, len, &pos);

		if (is_blank_char(c)) {
			pending = 1;
			continue;
		}
		if (pending && (!(policy__utf8_is_cjk(before) && policy__utf8_is_cjk(c)) ||
				after_numbering(out)))
			rc = policy__buf_putc(out, ' ');
		pending = 0;
		if (rc == 0)
			rc = policy__buf_put(out, s + at, pos - at);
		before = c;
	}
	return rc;
}

int policy__import_read_text(import_doc *d, const char *data, size_t len, const char *name)
{
	policy_buf md = POLICY_BUF_INIT, plain = POLICY_BUF_INIT;
	size_t bad = policy__utf8_invalid_offset(data, len), pos = 0;
	unsigned line = 0;
	int rc = 0, blank = 1;

	if (bad < len) {
		unsigned at = 1;

		for (size_t i = 0; i < bad; i++)
			at += data[i] == '\n';
		return policy__error_set_at(POLICY_EPARSE, name, at,
					    "byte 0x%02x at offset %zu is not valid UTF-8",
					    (unsigned char)data[bad], bad);
	}
	while (pos < len && rc == 0) {
		size_t end = pos, a, b, bl;
		block *blk;

		/* A line ends at LF, CRLF or a bare CR (old Mac files). */
		while (end < len && data[end] != '\n' && data[end] != '\r')
			end++;
		line++;
		trim(data + pos, end - pos, &a, &b);
		a += pos;
		b += pos;
		pos = end + (end + 1 < len && data[end] == '\r' && data[end + 1] == '\n' ? 2 : 1);
		if (a == b) {
			if (!blank && policy__import_add(d, BLOCK_BREAK, "", "", line) == NULL)
				rc = policy__error_nomem();
			blank = 1;
			continue;
		}
		blank = 0;
		bl = bullet_len(data + a, b - a);
		if (bl > 0) {
			size_t x, y;

			trim(data + a + bl, b - a - bl, &x, &y);
			a += bl + x;
			b = a + (y - x);
		}
		policy__buf_clear(&md);
		if ((rc = squeeze(&plain, data + a, b - a)) < 0 ||
		    (rc = policy__import_escape(&md, plain.ptr, plain.size)) < 0)
			break;
		blk = policy__import_add(d, bl > 0 ? BLOCK_ITEM : BLOCK_PARA, plain.ptr, md.ptr,
					 line);
		if (blk == NULL)
			rc = policy__error_nomem();
	}
	policy_buf_dispose(&md);
	policy_buf_dispose(&plain);
	if (rc == 0 && d->count == 0)
		rc = policy__error_set_at(POLICY_EPARSE, name, 1, "the input holds no text");
	return rc;
}

/* --- Markdown ------------------------------------------------------------ */

/* Markdown: in its first 64 KB, two headings (ATX "## Title", or setext:
 * a line of ===, --- under text), two links "[text](http...", or a
 * table's rule line. */
int policy__import_looks_like_markdown(const char *data, size_t len)
{
	size_t headings = 0, links = 0;

	for (size_t i = 0; i < len && i < 65536; i++) {
		size_t n = 0;

		if (data[i] == ']' && i + 5 < len && strncmp(data + i, "](http", 6) == 0)
			links++;
		if (i > 0 && data[i - 1] != '\n')
			continue;
		while (i + n < len && data[i + n] == '#' && n < 7)
			n++;
		if (n >= 1 && n <= 6 && i + n < len && data[i + n] == ' ')
			headings++;
		for (n = 0; i + n < len && (data[i + n] == '=' || data[i + n] == '-'); n++)
			;
		if (n >= 3 && (i + n == len || data[i + n] == '\n' || data[i + n] == '\r') &&
		    i >= 2 && data[i - 2] != '\n')
			headings++;
		if (i + 4 < len &&
		    (strncmp(data + i, "|---", 4) == 0 || strncmp(data + i, "| ---", 5) == 0 ||
		     strncmp(data + i, "|:--", 4) == 0))
			return 1;
	}
	return headings >= 2 || links >= 2;
}

/* The body of a Markdown source: after its front matter, if any. */
const char *policy__import_markdown_body(const char *data, size_t len, size_t *body_len)
{
	if (len >= 4 && strncmp(data, "---\n", 4) == 0) {
		const char *end = memmem(data + 4, len - 4, "\n---\n", 5);

		if (end != NULL) {
			*body_len = len - (size_t)(end + 5 - data);
			return end + 5;
		}
	}
	*body_len = len;
	return data;
}

/* Lines of Markdown as blocks, for the dates and the title: ATX headings
 * are headings, emphasis marks are left out of the text read. The body
 * itself is written back as it is. */
int policy__import_read_markdown(import_doc *d, const char *data, size_t len, const char *name)
{
	size_t blen;
	const char *body = policy__import_markdown_body(data, len, &blen);
	int rc = policy__import_read_text(d, body, blen, name);

	for (size_t i = 0; i < d->count && rc == 0; i++) {
		block *b = &d->blocks[i];
		char *plain = policy__arena_strdup(&d->mem, b->plain), *o = plain;
		int level = 0;

		if (plain == NULL)
			return policy__error_nomem();
		while (level < 7 && plain[level] == '#')
			level++;
		if (level >= 1 && level <= 6 && plain[level] == ' ') {
			b->kind = BLOCK_HEADING;
			b->level = level;
			memmove(plain, plain + level + 1, strlen(plain + level));
		} else if (strlen(plain) >= 3 && (strspn(plain, "=") == strlen(plain) ||
						  strspn(plain, "-") == strlen(plain))) {
			/* a setext underline: the line above is the heading */
			if (i > 0 && d->blocks[i - 1].kind == BLOCK_PARA) {
				d->blocks[i - 1].kind = BLOCK_HEADING;
				d->blocks[i - 1].level = plain[0] == '=' ? 1 : 2;
			}
			b->kind = BLOCK_BREAK;
		}
		for (const char *p = plain; *p; p++) {
			if (*p == '*' || *p == '_')
				continue;
			if (*p == '\\' && p[1] != '\0' && ispunct((unsigned char)p[1]))
				p++; /* "1\. Introduction" reads "1. Introduction" */
			*o++ = *p;
		}
		*o = '\0';
		b->plain = plain;
	}
	return rc;
}
