/*
 * Importing a policy from plain text or a web page. The readers (plain
 * text here, HTML in import_html.c) turn the input into blocks; then, for
 * both alike:
 *
 * 1. metadata: short lines naming a release or effective date or a
 *    version (发布日期：2020年8月, Last updated: May 26, 2023, 当前政策版本：
 *    2.0, Version 2.0) give the front matter and leave the body;
 * 2. the title: the page's first heading, else its first short line;
 * 3. headings: a short numbered line that does not read as a sentence is
 *    a heading; each numbering style used (一、 （一） 1. 1.1 (1) 第一条 ...)
 *    gets a depth by its place in the numbering system (style_rank), so
 *    mixed numbering nests the way such documents are written; headings
 *    an HTML page marks as such keep their relative levels instead;
 * 4. the source is written (front matter through libyaml, the body as
 *    CommonMark with the policy's text escaped), ids made unique, and
 *    parsed once more to report what `check` would.
 * Everything found, guessed or missing is a note.
 */
#define _GNU_SOURCE
#include "policy/import.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import_internal.h"
#include "internal.h"
#include "policy/document.h"
#include "render_internal.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/utf8.h"

#define META_LINE_MAX 120   /* code points: longer lines are text, not metadata */
#define HEADING_CJK_MAX 30  /* code points of a heading after its number */
#define HEADING_LATIN_MAX 80
#define STYLES_MAX 8
#define BARE_MAX 64          /* unnumbered body titles a table of contents numbers */
#define EDGE_BLOCKS 12      /* blocks at either end where long text may state dates */

struct policy_import {
	import_doc doc;
	policy_buf source;
	const char *format;
	const char *locale;
};

/* --- building blocks ---------------------------------------------------- */

block *import_add(import_doc *d, block_kind kind, const char *plain, const char *markdown,
		  unsigned line)
{
	block *b;

	if (ARRAY_RESERVE(d->blocks, d->cap, d->count) < 0)
		return NULL;
	b = &d->blocks[d->count];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->line = line;
	b->plain = arena_strdup(&d->mem, plain ? plain : "");
	b->markdown = arena_strdup(&d->mem, markdown ? markdown : "");
	if (b->plain == NULL || b->markdown == NULL)
		return NULL;
	d->count++;
	return b;
}

int import_note(import_doc *d, const char *kind, const char *field, const char *value,
		unsigned line, const char *message)
{
	policy_import_note n;

	if (ARRAY_RESERVE(d->notes, d->note_cap, d->note_count) < 0)
		return POLICY_ENOMEM;
	n.kind = kind;
	n.field = field;
	n.value = arena_strdup(&d->mem, value ? value : "");
	n.line = line;
	n.message = arena_strdup(&d->mem, message);
	if (n.value == NULL || n.message == NULL)
		return error_nomem();
	d->notes[d->note_count++] = n;
	return 0;
}

int import_escape(policy_buf *out, const char *text, size_t len)
{
	size_t start = out->size;
	int rc = 0;

	for (size_t i = 0; i < len && rc == 0; i++) {
		char c = text[i];

		if (strchr("\\`*_[]<>#{}&|~", c) != NULL && c != '\0')
			rc = buf_putc(out, '\\');
		if (rc == 0)
			rc = buf_putc(out, c);
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

			if ((rc = buf_putc(out, ' ')) == 0) {
				memmove(out->ptr + at + 1, out->ptr + at, out->size - at - 1);
				out->ptr[at] = '\\';
			}
		}
	}
	return rc;
}

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
		if (!is_blank_char(utf8_next(s, b, &next)))
			break;
		a = next;
	}
	while (b > a) {
		size_t k = b - 1;

		while (k > a && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		next = k;
		if (!is_blank_char(utf8_next(s, b, &next)))
			break;
		b = k;
	}
	*from = a;
	*to = b;
}

/* A bullet at the start of a line: the bytes it takes, with the blank after. */
static size_t bullet_len(const char *s, size_t len)
{
	static const char *const bullets[] = {"•", "·", "●", "○", "▪", "■", "◆", "◇", "-", "*", "–"};

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

	if (out->size == 0 || out->size > 40 || buf_putc(out, 'x') < 0)
		return 0;
	n = numbering_style(out->ptr, style, sizeof(style));
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

	buf_clear(out);
	while (pos < len && rc == 0) {
		size_t at = pos;
		int32_t c = utf8_next(s, len, &pos);

		if (is_blank_char(c)) {
			pending = 1;
			continue;
		}
		if (pending && (!(utf8_is_cjk(before) && utf8_is_cjk(c)) || after_numbering(out)))
			rc = buf_putc(out, ' ');
		pending = 0;
		if (rc == 0)
			rc = buf_put(out, s + at, pos - at);
		before = c;
	}
	return rc;
}

static int read_text(import_doc *d, const char *data, size_t len, const char *name)
{
	policy_buf md = POLICY_BUF_INIT, plain = POLICY_BUF_INIT;
	size_t bad = utf8_invalid_offset(data, len), pos = 0;
	unsigned line = 0;
	int rc = 0, blank = 1;

	if (bad < len) {
		unsigned at = 1;

		for (size_t i = 0; i < bad; i++)
			at += data[i] == '\n';
		return error_set_at(POLICY_EPARSE, name, at, "byte 0x%02x at offset %zu is not valid UTF-8",
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
			if (!blank && import_add(d, BLOCK_BREAK, "", "", line) == NULL)
				rc = error_nomem();
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
		buf_clear(&md);
		if ((rc = squeeze(&plain, data + a, b - a)) < 0 || (rc = import_escape(&md, plain.ptr, plain.size)) < 0)
			break;
		blk = import_add(d, bl > 0 ? BLOCK_ITEM : BLOCK_PARA, plain.ptr, md.ptr, line);
		if (blk == NULL)
			rc = error_nomem();
	}
	policy_buf_dispose(&md);
	policy_buf_dispose(&plain);
	if (rc == 0 && d->count == 0)
		rc = error_set_at(POLICY_EPARSE, name, 1, "the input holds no text");
	return rc;
}

/* --- Markdown ------------------------------------------------------------ */

/* Markdown: in its first 64 KB, two headings (ATX "## Title", or setext:
 * a line of ===, --- under text), two links "[text](http...", or a
 * table's rule line. */
static int looks_like_markdown(const char *data, size_t len)
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
		if (n >= 3 && (i + n == len || data[i + n] == '\n' || data[i + n] == '\r') && i >= 2 &&
		    data[i - 2] != '\n')
			headings++;
		if (i + 4 < len && (strncmp(data + i, "|---", 4) == 0 || strncmp(data + i, "| ---", 5) == 0 ||
				    strncmp(data + i, "|:--", 4) == 0))
			return 1;
	}
	return headings >= 2 || links >= 2;
}

/* The body of a Markdown source: after its front matter, if any. */
static const char *markdown_body(const char *data, size_t len, size_t *body_len)
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
static int read_markdown(import_doc *d, const char *data, size_t len, const char *name)
{
	size_t blen;
	const char *body = markdown_body(data, len, &blen);
	int rc = read_text(d, body, blen, name);

	for (size_t i = 0; i < d->count && rc == 0; i++) {
		block *b = &d->blocks[i];
		char *plain = arena_strdup(&d->mem, b->plain), *o = plain;
		int level = 0;

		if (plain == NULL)
			return error_nomem();
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

/* --- metadata ----------------------------------------------------------- */

typedef enum { META_RELEASED, META_EFFECTIVE, META_VERSION } meta_field;

static const struct {
	const char *key;
	meta_field field;
} meta_keys[] = {
	{"版本生效日期", META_EFFECTIVE}, {"版本更新日期", META_RELEASED}, {"版本发布日期", META_RELEASED},
	{"最近更新日期", META_RELEASED}, {"最后更新日期", META_RELEASED}, {"更新日期", META_RELEASED},
	{"最近更新时间", META_RELEASED}, {"最后更新时间", META_RELEASED}, {"最近更新", META_RELEASED},
	{"最后更新", META_RELEASED},     {"最后发布", META_RELEASED},     {"最近发布", META_RELEASED},
	{"更新于", META_RELEASED},       {"发布于", META_RELEASED},
	{"更新时间", META_RELEASED},     {"发布日期", META_RELEASED},     {"发布时间", META_RELEASED},
	{"生效日期", META_EFFECTIVE},    {"生效时间", META_EFFECTIVE},    {"当前政策版本", META_VERSION},
	{"政策版本", META_VERSION},      {"当前版本", META_VERSION},      {"版本号", META_VERSION},
	{"版本", META_VERSION},          {"last updated", META_RELEASED}, {"last modified", META_RELEASED},
	{"last revised", META_RELEASED}, {"updated on", META_RELEASED},   {"updated", META_RELEASED},
	{"release date", META_RELEASED}, {"published", META_RELEASED},    {"effective date", META_EFFECTIVE},
	{"effective from", META_EFFECTIVE}, {"effective as of", META_EFFECTIVE},
	{"effective", META_EFFECTIVE},   {"version", META_VERSION},
};

static const char *const months[] = {"january", "february", "march",     "april",   "may",      "june",
				     "july",    "august",   "september", "october", "november", "december"};

typedef struct {
	int found;
	policy_date date;
	int month_only;
	char version[32];
	unsigned line;
	char text[80]; /* as written */
} meta_value;

static size_t skip_blank_punct(const char *s, size_t i, size_t n)
{
	while (i < n && (s[i] == ' ' || s[i] == ':' || s[i] == '-' || s[i] == '\t'))
		i++;
	if (i + 3 <= n && strncasecmp(s + i, "is ", 3) == 0)
		i += 3;
	if (i + 3 <= n && strncasecmp(s + i, "on ", 3) == 0)
		i += 3;
	if (i + 3 <= n && strncasecmp(s + i, "as ", 3) == 0)
		i += 3;
	if (i + 3 <= n && strncasecmp(s + i, "of ", 3) == 0)
		i += 3;
	while (i < n && (s[i] == ' ' || s[i] == ':'))
		i++;
	return i;
}

static size_t number(const char *s, size_t i, size_t n, int *out)
{
	size_t start = i;
	int v = 0;

	while (i < n && isdigit((unsigned char)s[i]) && i - start < 5)
		v = v * 10 + (s[i++] - '0');
	*out = v;
	return i - start;
}

static int month_name(const char *s, size_t i, size_t n, int *month, size_t *used)
{
	for (int m = 0; m < 12; m++) {
		size_t full = strlen(months[m]);

		if (i + full <= n && strncasecmp(s + i, months[m], full) == 0) {
			*month = m + 1;
			*used = full;
			return 1;
		}
		if (i + 3 <= n && strncasecmp(s + i, months[m], 3) == 0 &&
		    (i + 3 == n || !isalpha((unsigned char)s[i + 3]) || s[i + 3] == '.')) {
			*month = m + 1;
			*used = 3 + (i + 3 < n && s[i + 3] == '.');
			return 1;
		}
	}
	return 0;
}

/* A date at s[i] (NFKC text): 2023年5月26日, 2023年8月, 2023-05-26,
 * 2023/5/26, 2023.05.26, 2023-05, May 26, 2023, 26 May 2023, May 2023. */
static size_t parse_date(const char *s, size_t i, size_t n, meta_value *v)
{
	int y = 0, m = 0, d = 0;
	size_t k, start = i, used;
	char text[16];

	v->month_only = 0;
	if ((k = number(s, i, n, &y)) == 4) {
		size_t sp;

		i += k;
		/* "2020 年 05 月 25 日": spaces around each part */
		for (sp = i; sp < n && s[sp] == ' '; sp++)
			;
		if (sp + 3 <= n && memcmp(s + sp, "年", 3) == 0) {
			i = sp + 3;
			while (i < n && s[i] == ' ')
				i++;
			if ((k = number(s, i, n, &m)) == 0)
				return 0;
			for (sp = i + k; sp < n && s[sp] == ' '; sp++)
				;
			if (sp + 3 > n || memcmp(s + sp, "月", 3) != 0)
				return 0;
			i = sp + 3;
			while (i < n && s[i] == ' ')
				i++;
			k = number(s, i, n, &d);
			for (sp = i + k; sp < n && s[sp] == ' '; sp++)
				;
			if (k > 0 && sp + 3 <= n && (memcmp(s + sp, "日", 3) == 0 || memcmp(s + sp, "号", 3) == 0))
				i = sp + 3;
			else
				d = 0;
		} else if (i < n && strchr("-/.", s[i]) != NULL && s[i] != '\0') {
			char sep = s[i++];

			if ((k = number(s, i, n, &m)) == 0)
				return 0;
			i += k;
			if (i < n && s[i] == sep && (k = number(s, i + 1, n, &d)) > 0)
				i += 1 + k;
		} else {
			return 0;
		}
	} else if (month_name(s, i, n, &m, &used)) {
		i += used;
		while (i < n && s[i] == ' ')
			i++;
		if ((k = number(s, i, n, &d)) > 0 && k <= 2) {
			i += k;
			while (i < n && (s[i] == ',' || s[i] == ' '))
				i++;
		} else {
			d = 0;
		}
		if (number(s, i, n, &y) != 4)
			return 0;
		i += 4;
	} else if ((k = number(s, i, n, &d)) > 0 && k <= 2) {
		i += k;
		while (i < n && s[i] == ' ')
			i++;
		if (!month_name(s, i, n, &m, &used))
			return 0;
		i += used;
		while (i < n && (s[i] == ' ' || s[i] == ','))
			i++;
		if (number(s, i, n, &y) != 4)
			return 0;
		i += 4;
	} else {
		return 0;
	}
	if (d == 0) {
		d = 1;
		v->month_only = 1;
	}
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return 0;
	snprintf(text, sizeof(text), "%04d-%02d-%02d", y, m, d);
	if (policy_date_parse(&v->date, text) < 0) {
		policy_error_clear();
		return 0;
	}
	return i - start;
}

/* A version at s[i]: 2.0, V2.0.1, 2 (read as 2.0). */
static size_t parse_version(const char *s, size_t i, size_t n, meta_value *v)
{
	size_t start = i, k = 0;
	policy_version parsed;

	if (i < n && (s[i] == 'v' || s[i] == 'V'))
		i++;
	while (i + k < n && (isdigit((unsigned char)s[i + k]) || s[i + k] == '.') && k < 20)
		k++;
	while (k > 0 && s[i + k - 1] == '.')
		k--;
	if (k == 0 || !isdigit((unsigned char)s[i]))
		return 0;
	snprintf(v->version, sizeof(v->version), "%.*s%s", (int)k, s + i, memchr(s + i, '.', k) ? "" : ".0");
	if (policy_version_parse(&parsed, v->version) < 0) {
		policy_error_clear();
		return 0;
	}
	return i + k - start;
}

static size_t code_points(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Find metadata in one short block; drop the block when it holds nothing
 * else. */
/* A date the word after it names: "本政策于2017年9月1日发布，自2017年9月7日
 * 起生效", "2023年5月26日更新". The bytes it used, or 0. */
static size_t date_then_word(const char *s, size_t i, size_t n, const block *b, meta_value *found)
{
	static const struct {
		const char *word;
		meta_field field;
	} after[] = {{"发布", META_RELEASED}, {"更新", META_RELEASED}, {"修订", META_RELEASED},
		     {"生效", META_EFFECTIVE}, {"施行", META_EFFECTIVE}, {"实施", META_EFFECTIVE}};
	static const char *const fillers[] = {"起", "正式", "开始", "并", " ", NULL};
	meta_value v;
	size_t got, at;

	if (i > 0 && isdigit((unsigned char)s[i - 1]))
		return 0;
	memset(&v, 0, sizeof(v));
	if ((got = parse_date(s, i, n, &v)) == 0)
		return 0;
	at = i + got;
	for (int again = 1; again;) {
		again = 0;
		for (size_t k = 0; fillers[k] != NULL; k++)
			if (at + strlen(fillers[k]) <= n && memcmp(s + at, fillers[k], strlen(fillers[k])) == 0) {
				at += strlen(fillers[k]);
				again = 1;
			}
	}
	/* "对《隐私政策》进行了更新": what was updated, then the word */
	if (at + 3 <= n && memcmp(s + at, "对", 3) == 0) {
		const char *close = memmem(s + at, n - at < 90 ? n - at : 90, "》", 3);
		static const char *const done[] = {"进行了", "进行", "作了", "做了", NULL};

		if (close != NULL) {
			at = (size_t)(close - s) + 3;
			for (size_t k = 0; done[k] != NULL; k++)
				if (at + strlen(done[k]) <= n && memcmp(s + at, done[k], strlen(done[k])) == 0) {
					at += strlen(done[k]);
					break;
				}
		}
	}
	for (size_t k = 0; k < sizeof(after) / sizeof(after[0]); k++) {
		size_t wl = strlen(after[k].word);

		if (at + wl > n || memcmp(s + at, after[k].word, wl) != 0)
			continue;
		v.found = 1;
		v.line = b->line;
		snprintf(v.text, sizeof(v.text), "%.*s", (int)(at + wl - i), s + i);
		if (!found[after[k].field].found)
			found[after[k].field] = v;
		return at + wl - i;
	}
	return 0;
}

/* Drop the brackets some policies put around a date's parts
 * ("【2020 年 12 月 08 日】", "2020年【10】月【29】日"); NFKC keeps them. */
static size_t drop_brackets(char *s, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < n;) {
		if (i + 3 <= n && (memcmp(s + i, "【", 3) == 0 || memcmp(s + i, "】", 3) == 0)) {
			i += 3;
			continue;
		}
		if (s[i] == '[' || s[i] == ']') {
			i++;
			continue;
		}
		s[o++] = s[i++];
	}
	s[o] = '\0';
	return o;
}

/* `edge`: the block is among the first or last few of the document,
 * where a long paragraph may still state the policy's dates in a
 * sentence ("我们于2019年10月17日对《隐私政策》进行了更新"). */
static int scan_meta(block *b, meta_value *found, policy_buf *norm, int edge)
{
	size_t n, rest = 0;
	int hits = 0, sentence_only = 0;

	if (code_points(b->plain) > META_LINE_MAX) {
		if (!edge || code_points(b->plain) > 4 * META_LINE_MAX)
			return 0;
		sentence_only = 1; /* dates named by a word after them, no keys */
	}
	buf_clear(norm);
	if (utf8_nfkc(norm, b->plain, strlen(b->plain), 0) < 0 || norm->ptr == NULL)
		return policy_error_last()->code == POLICY_ENOMEM ? POLICY_ENOMEM : 0;
	n = norm->size = drop_brackets(norm->ptr, norm->size);
	for (size_t i = 0; i < n;) {
		size_t used = 0;

		for (size_t k = 0; k < sizeof(meta_keys) / sizeof(meta_keys[0]) && !sentence_only; k++) {
			size_t kl = strlen(meta_keys[k].key), at, got;
			meta_value v;

			if (i + kl > n || strncasecmp(norm->ptr + i, meta_keys[k].key, kl) != 0)
				continue;
			/* "version" inside "conversion" is no key. */
			if (isalpha((unsigned char)meta_keys[k].key[0]) && i > 0 && isalpha((unsigned char)norm->ptr[i - 1]))
				continue;
			memset(&v, 0, sizeof(v));
			at = skip_blank_punct(norm->ptr, i + kl, n);
			got = meta_keys[k].field == META_VERSION ? parse_version(norm->ptr, at, n, &v)
								  : parse_date(norm->ptr, at, n, &v);
			if (got == 0)
				continue;
			v.found = 1;
			v.line = b->line;
			snprintf(v.text, sizeof(v.text), "%.*s", (int)(at + got - i), norm->ptr + i);
			if (!found[meta_keys[k].field].found)
				found[meta_keys[k].field] = v;
			used = at + got - i;
			hits++;
			break;
		}
		if (used == 0 && (used = date_then_word(norm->ptr, i, n, b, found)) > 0)
			hits++;
		if (used > 0) {
			i += used;
		} else {
			/* Letters and digits outside key and value are text. */
			size_t at = i;
			int32_t c = utf8_next(norm->ptr, n, &at);

			rest += c > 0 && utf8_is_alnum(c);
			i = at > i ? at : i + 1;
		}
	}
	/* A line that is only "key: value" pairs is metadata, not text. */
	if (hits > 0 && rest <= 2 && !sentence_only)
		b->dropped = 1;
	return 0;
}

/* --- headings ------------------------------------------------------------ */

static int ends_like_sentence(const char *s)
{
	static const char *const ends[] = {"。", "；", "，", "：", "！", "？", ".", ";", ",", ":", "!", "?"};
	size_t n = strlen(s);

	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		size_t k = strlen(ends[i]);

		if (n >= k && memcmp(s + n - k, ends[i], k) == 0)
			return 1;
	}
	return 0;
}

static int mostly_cjk(const char *s)
{
	size_t pos = 0, n = strlen(s), cjk = 0, all = 0;

	while (pos < n) {
		int32_t c = utf8_next(s, n, &pos);

		if (c < 0)
			continue;
		all += utf8_is_alnum(c);
		cjk += utf8_is_cjk(c);
	}
	return all > 0 && cjk * 5 > all;
}

/* numbering_style(), and two more forms plain-text policies number their
 * headings with: "4 如何访问您的信息" (a number, a blank, a Chinese title)
 * and "7 .标题"; both count as "1." does. Section ids keep such numbers
 * (an English "2024 update" is no numbering), so only import reads them. */
static size_t line_numbering(const char *s, char *style, size_t size)
{
	size_t n = numbering_style(s, style, size), i = 0, j;

	if (n > 0)
		return n;
	while (i < 3 && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 0 || (s[i] >= '0' && s[i] <= '9'))
		return 0;
	for (j = i; s[j] == ' '; j++)
		;
	if (j == i)
		return 0;
	if (s[j] == '.')
		for (j++; s[j] == ' '; j++)
			;
	if ((unsigned char)s[j] < 0xE3 || (unsigned char)s[j] > 0xE9)
		return 0; /* a CJK character must follow */
	snprintf(style, size, "num1");
	return j;
}

/* A title that introduces what follows ("我们如何收集个人信息："): short,
 * its colon its only punctuation of a sentence. */
static int colon_title(const char *rest)
{
	static const char *const inner[] = {"。", "，", "；", ". ", ", ", "; "};
	size_t n = strlen(rest), k = n >= 3 && strcmp(rest + n - 3, "：") == 0 ? 3
				       : n >= 1 && rest[n - 1] == ':'		? 1
										: 0;

	if (k == 0 || code_points(rest) > 20)
		return 0;
	for (size_t i = 0; i < sizeof(inner) / sizeof(inner[0]); i++)
		if (memmem(rest, n - k, inner[i], strlen(inner[i])) != NULL)
			return 0;
	return 1;
}

/* A numbered paragraph short enough, and not a sentence: a heading. The
 * style is written to `style`. */
static int numbered_heading(const block *b, char *style, size_t size)
{
	size_t prefix = line_numbering(b->plain, style, size);
	const char *rest = b->plain + prefix;

	if (prefix == 0 || *rest == '\0' || (ends_like_sentence(rest) && !colon_title(rest)))
		return 0;
	return code_points(rest) <= (mostly_cjk(rest) ? HEADING_CJK_MAX : HEADING_LATIN_MAX);
}

/* "**text**" as a whole (a bold line used as a heading): "text". */
static const char *unwrap_emphasis(import_doc *d, const char *md)
{
	size_t n = strlen(md);

	if (n > 4 && strncmp(md, "**", 2) == 0 && strcmp(md + n - 2, "**") == 0 &&
	    strstr(md + 2, "**") == md + n - 2) {
		const char *inner = arena_strndup(&d->mem, md + 2, n - 4);

		return inner ? inner : md;
	}
	return md;
}

/* A table of third parties under a heading that has subsections of its
 * own (the table is not the whole section) gets a heading of its own:
 * records are direct subsections of a recipients heading, nothing else.
 * Under a heading the keyword rules call a recipients section anyway
 * (共享, Sharing) the rows stay direct subsections: its subsections are
 * records whatever is done here. */
static void separate_records(import_doc *d)
{
	for (size_t i = 0; i < d->count; i++) {
		block *h = &d->blocks[i];
		int others = 0;
		size_t k;

		if (h->kind != BLOCK_HEADING || !h->recipients)
			continue;
		for (k = i + 1; k < d->count; k++) {
			block *b = &d->blocks[k];

			if (b->kind == BLOCK_HEADING && b->level <= h->level)
				break;
			others |= b->kind == BLOCK_HEADING && b->level == h->level + 1;
		}
		if (!others || (policy_rules_match(NULL, h->plain) & POLICY_CATEGORY_RECIPIENTS))
			continue;
		h->recipients = 0;
		for (k = i + 1; k < d->count && d->blocks[k].kind != BLOCK_RECORD; k++)
			;
		if (k < d->count) {
			d->blocks[k].recipients = 1; /* a heading above the first record */
			for (; k < d->count && (d->blocks[k].kind == BLOCK_RECORD || d->blocks[k].kind == BLOCK_FIELD); k++)
				if (d->blocks[k].kind == BLOCK_RECORD && d->blocks[k].level < 6)
					d->blocks[k].level++;
		}
	}
}

/* --- tables of contents --------------------------------------------------- */

typedef struct {
	const char *rest; /* the title after its numbering, spaces dropped */
	size_t index;
} titled;

static int by_rest(const void *x, const void *y)
{
	const titled *a = x, *b = y;
	int c = strcmp(a->rest, b->rest);

	return c != 0 ? c : (a->index > b->index) - (a->index < b->index);
}

/* The title of a numbered line without its numbering and white space:
 * "1、我们收集的信息" and "一、 我们收集的信息" read the same. */
static const char *bare_title(import_doc *d, const block *b)
{
	char style[24];
	size_t prefix = line_numbering(b->plain, style, sizeof(style)), n = 0;
	const char *rest = b->plain + prefix;
	char *out = arena_alloc(&d->mem, strlen(rest) + 1);

	if (out == NULL)
		return NULL;
	for (; *rest; rest++)
		if (*rest != ' ' && *rest != '\t')
			out[n++] = *rest;
	out[n] = '\0';
	return out;
}

/* Does a numbered line count from the start (一、 1. （1） 2.1 第一条 A. ①)?
 * The last number of its numbering is one. */
static int first_ordinal(const char *plain, size_t prefix)
{
	static const char *const ones[] = {"一", "1", "I", "i", "A", "a", "①", "壹"};
	size_t end = prefix, start;

	/* back over the separator after the number: 、 . ） ) 条 章 节 部分 and blanks */
	while (end > 0 && !((plain[end - 1] >= '0' && plain[end - 1] <= '9') ||
			    (plain[end - 1] >= 'A' && plain[end - 1] <= 'Z') ||
			    (plain[end - 1] >= 'a' && plain[end - 1] <= 'z'))) {
		size_t k = end - 1;

		while (k > 0 && ((unsigned char)plain[k] & 0xC0) == 0x80)
			k--;
		if (end - k == 3 && strncmp(plain + k, "、", 3) != 0 && strncmp(plain + k, "）", 3) != 0 &&
		    strncmp(plain + k, "．", 3) != 0 && strncmp(plain + k, "条", 3) != 0 &&
		    strncmp(plain + k, "章", 3) != 0 && strncmp(plain + k, "节", 3) != 0 &&
		    strncmp(plain + k, "分", 3) != 0 && strncmp(plain + k, "部", 3) != 0 &&
		    strncmp(plain + k, "：", 3) != 0)
			break; /* a CJK numeral or ① */
		end = k;
	}
	start = end;
	while (start > 0 && ((plain[start - 1] >= '0' && plain[start - 1] <= '9') ||
			     ((unsigned char)plain[start - 1] & 0x80)))
		if ((unsigned char)plain[start - 1] & 0x80) {
			size_t k = start - 1;

			while (k > 0 && ((unsigned char)plain[k] & 0xC0) == 0x80)
				k--;
			if (start - k != 3 || strncmp(plain + k, "第", 3) == 0 ||
			    strncmp(plain + k, "（", 3) == 0)
				break;
			start = k;
		} else {
			start--;
		}
	if (start == end && end > 0 && ((plain[end - 1] >= 'A' && plain[end - 1] <= 'Z') ||
					(plain[end - 1] >= 'a' && plain[end - 1] <= 'z')))
		start = end - 1;
	for (size_t i = 0; i < sizeof(ones) / sizeof(ones[0]); i++)
		if (end - start == strlen(ones[i]) && strncmp(plain + start, ones[i], end - start) == 0)
			return 1;
	return 0;
}

/* Are two bare titles the same title reworded a little ("我们如何收集和使用
 * 您的个人信息" in the contents, "我们如何收集和使用您的信息" in the body)?
 * Dice's coefficient over pairs of adjacent characters, at least 0.75:
 * titles of one policy share much ("我们如何…您的个人信息"), so less would
 * pair different sections. */
#define SIMILAR_CP 64
static int similar_titles(const char *a, const char *b)
{
	int32_t x[SIMILAR_CP], y[SIMILAR_CP];
	unsigned char used[SIMILAR_CP] = {0};
	size_t nx = 0, ny = 0, pa = 0, pb = 0, la = strlen(a), lb = strlen(b), common = 0;

	if (strcmp(a, b) == 0)
		return 1;
	while (pa < la && nx < SIMILAR_CP)
		x[nx++] = utf8_next(a, la, &pa);
	while (pb < lb && ny < SIMILAR_CP)
		y[ny++] = utf8_next(b, lb, &pb);
	if (nx < 3 || ny < 3)
		return 0;
	for (size_t i = 0; i + 1 < nx; i++)
		for (size_t j = 0; j + 1 < ny; j++)
			if (!used[j] && x[i] == y[j] && x[i + 1] == y[j + 1]) {
				used[j] = 1;
				common++;
				break;
			}
	return common * 8 >= (nx - 1 + ny - 1) * 3;
}

/* Does line `b` start the count again, in the style of the run's first
 * numbered line or with a title like it: the body after its contents,
 * the titles reworded a little? */
static int restarts_run(import_doc *d, const titled *rest_of, size_t from, size_t to, size_t b)
{
	const block *x = &d->blocks[b];
	char style[24], first_style[24];

	while (from < to && rest_of[from].rest == NULL)
		from++;
	if (from == to || rest_of[b].rest == NULL ||
	    !first_ordinal(x->plain, line_numbering(x->plain, style, sizeof(style))))
		return 0;
	/* a list never counts from one again in its own style */
	line_numbering(d->blocks[from].plain, first_style, sizeof(first_style));
	return strcmp(style, first_style) == 0 || similar_titles(rest_of[from].rest, rest_of[b].rest);
}

/* Does the text before block `i` announce a table of contents
 * ("本政策将帮助您了解以下内容：", "您可以根据以下索引阅读相应章节", "目录")? */
static int announces_contents(import_doc *d, size_t i)
{
	static const char *const cues[] = {"以下内容", "以下索引", "目录", "章节", "Contents", "contents",
					   NULL};

	while (i > 0 && d->blocks[i - 1].kind == BLOCK_BREAK)
		i--;
	if (i == 0 || d->blocks[i - 1].kind != BLOCK_PARA || code_points(d->blocks[i - 1].plain) > 80)
		return 0;
	for (size_t k = 0; cues[k] != NULL; k++)
		if (strstr(d->blocks[i - 1].plain, cues[k]) != NULL)
			return 1;
	return 0;
}

/*
 * A table of contents is a run of three or more numbered heading-like
 * lines with nothing but blank lines between them, most of whose titles
 * come back as numbered lines after the run, with the body. Its lines are
 * kept as a list, not made sections (before, 58 of 63 real policies with
 * contents got empty sections, and a body numbered in another style than
 * its contents dropped a level). Titles are compared without numbering,
 * so contents numbered 1、 and a body numbered 一、 match; found by
 * sorting, so 100,000 numbered lines stay near linear.
 */
static int mark_contents(import_doc *d)
{
	titled *all = malloc((d->count ? d->count : 1) * sizeof(*all));
	titled *rest_of = calloc(d->count ? d->count : 1, sizeof(*rest_of));
	size_t budget = 1u << 20; /* fuzzy comparisons, for the whole document */
	size_t *last = calloc(d->count ? d->count : 1, sizeof(*last)), n = 0;
	size_t *first = calloc(d->count ? d->count : 1, sizeof(*first));
	char style[24];
	int rc = 0;

	if (all == NULL || last == NULL || first == NULL || rest_of == NULL) {
		rc = error_nomem();
		goto done;
	}
	for (size_t i = 0; i < d->count; i++) {
		block *b = &d->blocks[i];

		if (b->kind != BLOCK_PARA || b->dropped || b->title || !numbered_heading(b, style, sizeof(style)))
			continue;
		if ((all[n].rest = bare_title(d, b)) == NULL) {
			rc = error_nomem();
			goto done;
		}
		all[n].index = i;
		rest_of[i] = all[n++];
	}
	qsort(all, n, sizeof(*all), by_rest);
	/* last[i]: the last line with the same title as line i */
	for (size_t a = 0, b; a < n; a = b) {
		for (b = a; b < n && strcmp(all[b].rest, all[a].rest) == 0; b++)
			;
		for (size_t k = a; k < b; k++) {
			last[all[k].index] = all[b - 1].index;
			first[all[k].index] = all[a].index;
		}
	}
	for (size_t i = 0; i < d->count;) {
		size_t end = i, lines = 0, back, nbare, bare[BARE_MAX][2];
		int restarted;

		/* The run ends at body text, or where a title repeats one of
		 * the run's own: there the body starts with its first heading,
		 * directly followed by its subheadings. */
		while (end < d->count && (d->blocks[end].kind == BLOCK_BREAK ||
					  (d->blocks[end].kind == BLOCK_PARA && !d->blocks[end].dropped &&
					   !d->blocks[end].title && numbered_heading(&d->blocks[end], style, sizeof(style)) &&
					   !(first[end] >= i && first[end] < end) &&
					   !restarts_run(d, rest_of, i, end, end)))) {
			lines += d->blocks[end].kind == BLOCK_PARA;
			end++;
		}
		if (end == i) {
			i++;
			continue;
		}
		/* count the titles that come back after the whole run */
		back = 0;
		nbare = 0;
		for (size_t k = i; k < end; k++) {
			int found = 0;

			if (d->blocks[k].kind != BLOCK_PARA)
				continue;
			if (last[k] >= end) {
				back++;
				continue;
			}
			if (rest_of[k].rest == NULL)
				continue;
			/* reworded in the body: a like title among the next lines */
			for (size_t j = end; j < d->count && j < end + 2000 && budget > 0 && !found; j++)
				if (rest_of[j].rest != NULL && budget-- > 0 &&
				    similar_titles(rest_of[k].rest, rest_of[j].rest))
					found = 1;
			/* or the same title with no number: a body that numbers
			 * only its contents */
			for (size_t j = end; j < d->count && j < end + 2000 && budget > 0 && !found; j++) {
				const block *x = &d->blocks[j];

				if (x->kind == BLOCK_PARA && rest_of[j].rest == NULL && !x->dropped && !x->title &&
				    budget-- > 0 && code_points(x->plain) <= HEADING_CJK_MAX &&
				    !ends_like_sentence(x->plain) && similar_titles(rest_of[k].rest, x->plain) &&
				    nbare < BARE_MAX) {
					bare[nbare][0] = k;
					bare[nbare++][1] = j;
					found = 1;
				}
			}
			back += found;
		}
		/* With more evidence (a line announcing contents before the run,
		 * or the body restarting at the run's first title right after
		 * it) two in five titles coming back are enough: bodies reword
		 * ("用户权利" comes back as "用户的权利"). */
		restarted = end < d->count && d->blocks[end].kind == BLOCK_PARA &&
			    ((first[end] >= i && first[end] < end) || restarts_run(d, rest_of, i, end, end));
		if (lines >= 3 && (back * 5 >= lines * 3 ||
				   (back * 5 >= lines * 2 && (restarted || announces_contents(d, i))))) {
			/* titles the body gives without a number take the one
			 * the contents give them, and so their depth */
			for (size_t b = 0; b < nbare && rc == 0; b++) {
				block *t = &d->blocks[bare[b][1]];
				const block *item = &d->blocks[bare[b][0]];
				size_t prefix = line_numbering(item->plain, style, sizeof(style));
				policy_buf num = POLICY_BUF_INIT;

				if ((rc = buf_put(&num, item->plain, prefix)) == 0 && (rc = buf_puts(&num, t->plain)) == 0 &&
				    (t->plain = arena_strdup(&d->mem, num.ptr)) == NULL)
					rc = error_nomem();
				buf_clear(&num);
				if (rc == 0 && ((rc = import_escape(&num, t->plain, strlen(t->plain))) < 0 ||
						(t->markdown = arena_strdup(&d->mem, num.ptr)) == NULL))
					rc = rc < 0 ? rc : error_nomem();
				policy_buf_dispose(&num);
				if (rc == 0)
					rc = import_note(d, "guessed", "numbering", t->plain, t->line,
							 "a title the table of contents numbers: numbered so");
			}
			if (rc < 0)
				goto done;
			for (size_t k = i; k < end; k++)
				if (d->blocks[k].kind == BLOCK_PARA) {
					d->blocks[k].kind = BLOCK_ITEM;
					d->blocks[k].ordered = 1;
					d->blocks[k].depth = 0;
				}
			{
				char count[32];

				snprintf(count, sizeof(count), "%zu", lines);
				rc = import_note(d, "found", "contents", count, d->blocks[i].line,
						 "a table of contents: kept as a list, its titles are the "
						 "sections after it");
				if (rc < 0)
					goto done;
			}
		}
		i = end;
	}
done:
	free(all);
	free(rest_of);
	free(last);
	free(first);
	return rc;
}

/*
 * Where a numbering style stands in the system Chinese (and English)
 * documents number by, outermost first: 第一部分 > 第一章 > 第一节 > 第一条
 * > 一、 > （一） > 1. > 1.1 > 1.1.1 > (1) > 1) > ①, with I. and A. beside
 * the Chinese ones and a. last. Depth follows this order, not the order
 * styles first appear in: a "1、" list met before the first "一、" does not
 * become the top level.
 */
static int style_rank(const char *style)
{
	static const struct {
		const char *style;
		int rank;
	} order[] = {
		{"di-部分", 0}, {"di-编", 1},	{"di-章", 2},	 {"di-节", 3},	     {"di-条", 4},
		{"word-Part", 0}, {"word-Chapter", 2}, {"word-Article", 4}, {"word-Section", 5},
		{"roman", 6},	 {"cjk", 7},	{"upper", 8},	 {"cjk-paren", 9},   {"num1", 10},
		{"num2", 11},	 {"num3", 12},	{"num4", 13},	 {"num-paren", 14}, {"num1)", 15},
		{"circled", 16}, {"lower", 17},
	};

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (strcmp(order[i].style, style) == 0)
			return order[i].rank;
	if (strncmp(style, "di-", 3) == 0 || strncmp(style, "word-", 5) == 0)
		return 4;
	if (strncmp(style, "num", 3) == 0)
		return 13;
	return 18;
}

/* Is style x outside style y: more of y's counts start under x than the
 * other way round, or, the document silent, x first in the usual system? */
static int outer(unsigned votes[][STYLES_MAX], char styles[][24], size_t x, size_t y)
{
	if (votes[x][y] != votes[y][x])
		return votes[x][y] > votes[y][x];
	return style_rank(styles[x]) < style_rank(styles[y]);
}

/*
 * The styles of the numbered lines that will be headings, outermost
 * first. The document itself says which style holds which: a style whose
 * count starts (一、, 1、, （1）) right after a heading of another style
 * sits under that style, and the styles are ordered by those votes; where
 * the document does not say, by the usual system (style_rank). So "1、"
 * under "一、" in one policy and "（一）" under "1、" in another both nest as
 * written, and a "1、" list met before the first "一、" does not become the
 * top level.
 */
static void rank_styles(import_doc *d, char styles[][24], size_t *nstyles)
{
	unsigned votes[STYLES_MAX][STYLES_MAX];
	char style[24];
	long prev = -1;

	memset(votes, 0, sizeof(votes));
	*nstyles = 0;
	for (size_t i = 0; i < d->count; i++) {
		block *b = &d->blocks[i];
		size_t s, prefix;

		if (b->kind != BLOCK_PARA || b->dropped || b->title ||
		    !numbered_heading(b, style, sizeof(style)))
			continue;
		for (s = 0; s < *nstyles && strcmp(styles[s], style) != 0; s++)
			;
		if (s == *nstyles) {
			if (*nstyles == STYLES_MAX)
				continue;
			snprintf(styles[(*nstyles)++], sizeof(styles[0]), "%s", style);
		}
		prefix = line_numbering(b->plain, style, sizeof(style));
		if (prev >= 0 && (size_t)prev != s && first_ordinal(b->plain, prefix))
			votes[prev][s]++;
		prev = (long)s;
	}
	/* the order by the votes, the usual system breaking ties */
	{
		size_t order[STYLES_MAX];
		char sorted[STYLES_MAX][24];

		for (size_t i = 0; i < *nstyles; i++)
			order[i] = i;
		for (size_t i = 1; i < *nstyles; i++)
			for (size_t at = i; at > 0 && outer(votes, styles, order[at], order[at - 1]); at--) {
				size_t t = order[at];

				order[at] = order[at - 1];
				order[at - 1] = t;
			}
		for (size_t i = 0; i < *nstyles; i++)
			memcpy(sorted[i], styles[order[i]], sizeof(sorted[0]));
		memcpy(styles, sorted, *nstyles * sizeof(sorted[0]));
	}
}

/* Give every heading its level: the title 1, the rest from 2. */
static int assign_levels(import_doc *d)
{
	char styles[STYLES_MAX][24], style[24];
	size_t nstyles = 0, explicit_headings = 0;
	int given[7] = {0}, rank[7] = {0}, next = 2, last = 1;
	long last_heading = -1;
	int rc;

	if ((rc = mark_contents(d)) < 0)
		return rc;
	rank_styles(d, styles, &nstyles);
	for (size_t i = 0; i < d->count; i++)
		if (d->blocks[i].kind == BLOCK_HEADING && !d->blocks[i].title) {
			explicit_headings++;
			given[d->blocks[i].level] = 1;
		}
	if (nstyles > 0 && explicit_headings < 2) {
		/* the decision, for the report: "cjk > cjk-paren > num1" */
		char order[STYLES_MAX * 26] = "";

		for (size_t i = 0; i < nstyles; i++)
			snprintf(order + strlen(order), sizeof(order) - strlen(order), "%s%s", i ? " > " : "",
				 styles[i]);
		if ((rc = import_note(d, "found", "numbering", order, 0,
				      "numbering styles outermost first, by where each style's count "
				      "starts, else by the usual order (docs/import.md)")) < 0)
			return rc;
	}

	/* Levels the page gave, ranked: h2 h4 become 2 3. */
	for (int l = 1; l <= 6; l++)
		if (given[l])
			rank[l] = next++;
	for (size_t i = 0; i < d->count; i++) {
		block *b = &d->blocks[i];

		if (b->dropped || b->title)
			continue;
		if (b->kind == BLOCK_HEADING) {
			b->level = rank[b->level];
			b->markdown = unwrap_emphasis(d, b->markdown);
		} else if (b->kind == BLOCK_PARA && explicit_headings < 2 &&
			   numbered_heading(b, style, sizeof(style))) {
			size_t s;

			for (s = 0; s < nstyles && strcmp(styles[s], style) != 0; s++)
				;
			if (s == nstyles)
				continue; /* past STYLES_MAX styles: text */
			b->kind = BLOCK_HEADING;
			b->level = 2 + (int)s;
			b->markdown = unwrap_emphasis(d, b->markdown);
		} else if (b->kind == BLOCK_RECORD) {
			if (last_heading >= 0 && d->blocks[last_heading].kind == BLOCK_HEADING &&
			    !d->blocks[last_heading].recipients && b[-1].kind != BLOCK_FIELD &&
			    b[-1].kind != BLOCK_RECORD && b[-1].kind != BLOCK_BREAK)
				d->blocks[last_heading].recipients = 1;
			else if (last_heading < 0 || !d->blocks[last_heading].recipients)
				b->recipients = 1; /* a heading is written above it */
			b->level = (last_heading >= 0 ? d->blocks[last_heading].level : 1) + 1 + b->recipients;
			if (b->level > 6)
				b->level = 6;
			continue;
		} else {
			continue;
		}
		/* No level is skipped: 2 after 1, 3 after 2 at most. */
		if (b->level > last + 1)
			b->level = last + 1;
		if (b->level > 6)
			b->level = 6;
		last = b->level;
		last_heading = (long)i;
	}
	separate_records(d);
	return 0;
}

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

static int write_body(import_doc *d, policy_buf *out, const char *locale)
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

/* --- the import ------------------------------------------------------------ */

static int looks_like_html(const char *data, size_t len)
{
	size_t i = 0;

	while (i < len && (isspace((unsigned char)data[i]) || (unsigned char)data[i] == 0xEF ||
			   (unsigned char)data[i] == 0xBB || (unsigned char)data[i] == 0xBF))
		i++;
	if (i < len && data[i] == '<')
		return 1;
	for (size_t k = 0; k + 5 < len && k < 4096; k++)
		if (data[k] == '<' && (strncasecmp(data + k, "<html", 5) == 0 ||
				       strncasecmp(data + k, "<body", 5) == 0 || strncasecmp(data + k, "<p>", 3) == 0))
			return 1;
	return 0;
}

static const char *guess_locale(import_doc *d, policy_import *r)
{
	policy_buf tag = POLICY_BUF_INIT;
	size_t cjk = 0, all = 0;
	const char *locale;

	if (d->lang != NULL && d->lang[0]) {
		/* zh-cn as written in pages: the region in capitals. */
		int rc = buf_puts(&tag, d->lang);
		char *dash = rc == 0 ? strchr(tag.ptr, '-') : NULL;

		if (rc == 0) {
			for (char *p = tag.ptr; p < (dash ? dash : tag.ptr + tag.size); p++)
				*p = (char)tolower((unsigned char)*p);
			if (dash && strlen(dash + 1) == 2)
				for (char *p = dash + 1; *p; p++)
					*p = (char)toupper((unsigned char)*p);
		}
		locale = rc == 0 && policy_locale_valid(tag.ptr) ? arena_strdup(&d->mem, tag.ptr) : NULL;
		policy_buf_dispose(&tag);
		if (locale != NULL) {
			import_note(d, "found", "locale", locale, 0, "the page's lang attribute");
			return locale;
		}
	}
	for (size_t i = 0; i < d->count; i++) {
		const char *s = d->blocks[i].plain;
		size_t pos = 0, n = strlen(s);

		while (pos < n) {
			int32_t c = utf8_next(s, n, &pos);

			all += c > 0 && utf8_is_alnum(c);
			cjk += c > 0 && utf8_is_cjk(c);
		}
	}
	locale = cjk * 5 > all ? "zh-CN" : "en";
	import_note(d, "guessed", "locale", locale, 0,
		    cjk * 5 > all ? "most of the text is Chinese; give --locale to say otherwise"
				  : "the text is not Chinese; give --locale to say otherwise");
	(void)r;
	return locale;
}

static int names_a_policy(const char *s)
{
	static const char *const words[] = {"隐私", "政策", "个人信息保护", "privacy", "policy", "notice"};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcasestr(s, words[i]) != NULL)
			return 1;
	return 0;
}

/* The page's h1; else, of the first few short lines, one that names a
 * policy, else the first; else the page's <title>. */
static const char *find_title(import_doc *d, const char *locale)
{
	long first = -1, named = -1;
	size_t seen = 0;
	char style[24];

	for (size_t i = 0; i < d->count && seen < 5; i++) {
		block *b = &d->blocks[i];

		if (b->dropped || b->kind == BLOCK_BREAK)
			continue;
		seen++;
		if (b->kind == BLOCK_HEADING && b->level == 1) {
			first = named = (long)i;
			break;
		}
		if (b->kind != BLOCK_PARA || code_points(b->plain) > 40 || ends_like_sentence(b->plain) ||
		    numbering_style(b->plain, style, sizeof(style)) > 0)
			continue;
		if (first < 0)
			first = (long)i;
		if (named < 0 && names_a_policy(b->plain))
			named = (long)i;
	}
	if (named < 0 && seen > 0 && first == 0)
		named = first;
	if (named >= 0) {
		block *b = &d->blocks[named];

		b->title = 1;
		import_note(d, "found", "title", b->plain, b->line, "the first heading, or a short line naming the policy");
		return b->plain;
	}
	if (d->title != NULL && d->title[0]) {
		import_note(d, "found", "title", d->title, 0, "the page's <title>");
		return d->title;
	}
	if (first >= 0) {
		block *b = &d->blocks[first];

		b->title = 1;
		import_note(d, "guessed", "title", b->plain, b->line, "the first short line");
		return b->plain;
	}
	locale = strncmp(locale, "zh", 2) == 0 ? "隐私政策" : "Privacy Policy";
	import_note(d, "missing", "title", locale, 0, "no title found; a generic one is used");
	return locale;
}

static int note_date(import_doc *d, const char *field, meta_value *v)
{
	char day[11], message[200];

	policy_date_format(day, &v->date);
	snprintf(message, sizeof(message), "from \"%.100s\"%s", v->text,
		 v->month_only ? "; the month alone is given, so the first of the month is used" : "");
	return import_note(d, v->month_only ? "guessed" : "found", field, day, v->line, message);
}

/* The front matter's values from what was found, and notes on each. */
static int settle_meta(import_doc *d, meta_value *meta, policy_meta *m, const policy_date *today,
		       char *released, char *effective)
{
	int rc = 0;

	if (meta[META_RELEASED].found)
		rc = note_date(d, "released", &meta[META_RELEASED]);
	if (rc == 0 && meta[META_EFFECTIVE].found)
		rc = note_date(d, "effective", &meta[META_EFFECTIVE]);
	if (!meta[META_RELEASED].found && !meta[META_EFFECTIVE].found) {
		meta[META_RELEASED].date = meta[META_EFFECTIVE].date = *today;
		policy_date_format(released, today);
		rc = import_note(d, "missing", "released", released, 0,
				 "no release or effective date found; today's date is used for both");
	} else if (!meta[META_RELEASED].found) {
		meta[META_RELEASED].date = meta[META_EFFECTIVE].date;
		policy_date_format(released, &meta[META_RELEASED].date);
		rc = import_note(d, "guessed", "released", released, 0, "no release date found; the effective date is used");
	} else if (!meta[META_EFFECTIVE].found) {
		meta[META_EFFECTIVE].date = meta[META_RELEASED].date;
		policy_date_format(effective, &meta[META_EFFECTIVE].date);
		rc = import_note(d, "guessed", "effective", effective, 0,
				 "no effective date found; the release date is used");
	}
	if (rc == 0 && policy_date_cmp(&meta[META_EFFECTIVE].date, &meta[META_RELEASED].date) < 0) {
		meta[META_EFFECTIVE].date = meta[META_RELEASED].date;
		policy_date_format(effective, &meta[META_EFFECTIVE].date);
		rc = import_note(d, "guessed", "effective", effective, meta[META_EFFECTIVE].line,
				 "the effective date was before the release date; the release date is used");
	}
	if (rc == 0 && meta[META_VERSION].found) {
		char message[120];

		snprintf(message, sizeof(message), "from \"%.100s\"", meta[META_VERSION].text);
		rc = import_note(d, "found", "version", meta[META_VERSION].version, meta[META_VERSION].line, message);
	} else if (rc == 0) {
		snprintf(meta[META_VERSION].version, sizeof(meta[META_VERSION].version), "1.0");
		rc = import_note(d, "missing", "version", "1.0", 0, "no version found; 1.0 is used");
	}
	policy_date_format(released, &meta[META_RELEASED].date);
	policy_date_format(effective, &meta[META_EFFECTIVE].date);
	m->released = meta[META_RELEASED].date;
	m->effective = meta[META_EFFECTIVE].date;
	m->version_text = meta[META_VERSION].version;
	return rc;
}

/* Parse what was written, as check would, and note its problems. */
static int self_check(policy_import *r, const char *name)
{
	policy_doc_options opts = POLICY_DOC_OPTIONS_INIT;
	policy_doc *doc = NULL;
	const policy_diags *diags;
	char message[600];
	int rc = policy_doc_parse(&doc, name ? name : "imported.md", r->source.ptr, r->source.size, &opts);

	if (rc < 0)
		return rc;
	diags = policy_doc_diags(doc);
	for (size_t i = 0; i < policy_diags_count(diags) && rc == 0; i++) {
		const policy_diag *g = policy_diags_get(diags, i);

		if (g->severity < POLICY_SEVERITY_ERROR || strcmp(g->code, "no-policy-id") == 0)
			continue;
		snprintf(message, sizeof(message), "the result fails check: %s [%s]", g->message, g->code);
		rc = import_note(&r->doc, "missing", "check", "", g->line, message);
	}
	policy_doc_free(doc);
	return rc;
}

int policy_import_parse(policy_import **out, const char *data, size_t len,
			const policy_import_options *opts)
{
	static const policy_import_options defaults = POLICY_IMPORT_OPTIONS_INIT;
	meta_value meta[3];
	policy_buf norm = POLICY_BUF_INIT;
	policy_import *r;
	policy_meta m;
	policy_date today;
	char released[11], effective[11];
	const char *name;
	int html, word, md, rc = 0;

	*out = NULL;
	if (opts == NULL)
		opts = &defaults;
	if (data == NULL && len > 0)
		return error_set(POLICY_EINVALID, "nothing to import");
	if (opts->locale != NULL && !policy_locale_valid(opts->locale))
		return error_set(POLICY_EINVALID, "\"%.40s\" is not a BCP 47 language tag", opts->locale);
	if (len > POLICY_DOC_MAX_SIZE)
		return error_set_at(POLICY_EPARSE, opts->name, 1, "the input is %zu bytes, over the limit of %u",
				    len, POLICY_DOC_MAX_SIZE);
	name = opts->name ? opts->name : "input";
	today = opts->today.year ? opts->today : policy_date_today();
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return error_nomem();
	word = opts->format == POLICY_IMPORT_DOCX ||
	       (opts->format == POLICY_IMPORT_AUTO && import_looks_like_docx(data ? data : "", len));
	html = !word && (opts->format == POLICY_IMPORT_HTML ||
			 (opts->format == POLICY_IMPORT_AUTO && looks_like_html(data ? data : "", len)));
	md = !word && !html &&
	     (opts->format == POLICY_IMPORT_MARKDOWN ||
	      (opts->format == POLICY_IMPORT_AUTO && looks_like_markdown(data ? data : "", len)));
	r->format = word ? "docx" : html ? "html" : md ? "markdown" : "text";
	rc = word   ? import_docx(&r->doc, data ? data : "", len, name)
	     : html ? import_html(&r->doc, data ? data : "", len, name)
	     : md   ? read_markdown(&r->doc, data ? data : "", len, name)
		    : read_text(&r->doc, data ? data : "", len, name);
	if (rc == 0 && opts->format == POLICY_IMPORT_AUTO)
		rc = import_note(&r->doc, "guessed", "format", r->format, 0,
				 word   ? "the input is a zip: read as a Word file"
				 : html ? "the input looks like HTML"
				 : md	? "the input has Markdown headings or tables: its body is kept as it is"
					: "the input is not HTML: read as text");
	memset(meta, 0, sizeof(meta));
	for (size_t i = 0; i < r->doc.count && rc == 0; i++)
		if (r->doc.blocks[i].kind == BLOCK_PARA || r->doc.blocks[i].kind == BLOCK_HEADING)
			rc = scan_meta(&r->doc.blocks[i], meta, &norm,
				       i < EDGE_BLOCKS || i + EDGE_BLOCKS >= r->doc.count);
	for (size_t i = 0; i < r->doc.count && rc == 0; i++)
		if (r->doc.blocks[i].dropped)
			rc = import_note(&r->doc, "dropped", "metadata", r->doc.blocks[i].plain, r->doc.blocks[i].line,
					 "a line of dates or version, now in the front matter");
	if (rc < 0)
		goto fail;
	memset(&m, 0, sizeof(m));
	if (opts->locale != NULL)
		rc = import_note(&r->doc, "found", "locale", opts->locale, 0, "given");
	r->locale = opts->locale ? opts->locale : guess_locale(&r->doc, r);
	m.locale = r->locale;
	m.policy = opts->policy;
	m.title = find_title(&r->doc, r->locale);
	if (rc < 0 || (rc = settle_meta(&r->doc, meta, &m, &today, released, effective)) < 0 ||
	    (!md && (rc = assign_levels(&r->doc)) < 0))
		goto fail;
	{
		size_t headings = 0;
		char count[32];

		for (size_t i = 0; i < r->doc.count; i++)
			headings += r->doc.blocks[i].kind == BLOCK_HEADING && !r->doc.blocks[i].title;
		snprintf(count, sizeof(count), "%zu", headings);
		rc = import_note(&r->doc, headings ? "found" : "missing", "headings", count, 0,
				 headings ? "sections from the numbering or the page's headings"
					  : "no numbered heading found: the body is one section");
	}
	if (rc == 0 && md) {
		/* Markdown keeps its body; a title heading only when it has none */
		size_t blen;
		const char *body = markdown_body(data, len, &blen);
		int has_h1 = 0;

		for (size_t i = 0; i < r->doc.count && !has_h1; i++)
			has_h1 = r->doc.blocks[i].kind == BLOCK_HEADING && r->doc.blocks[i].level == 1;
		if ((rc = markdown_front_matter(&r->source, &m)) == 0 && (rc = buf_puts(&r->source, "---\n\n")) == 0 &&
		    !has_h1 && (rc = buf_puts(&r->source, "# ")) == 0 &&
		    (rc = import_escape(&r->source, m.title, strlen(m.title))) == 0)
			rc = buf_puts(&r->source, "\n\n");
		if (rc == 0)
			rc = buf_put(&r->source, body, blen);
		if (rc == 0 && (r->source.size == 0 || r->source.ptr[r->source.size - 1] != '\n'))
			rc = buf_putc(&r->source, '\n');
	} else if (rc == 0 && (rc = markdown_front_matter(&r->source, &m)) == 0 &&
	    (rc = buf_puts(&r->source, "---\n\n# ")) == 0 && (rc = import_escape(&r->source, m.title, strlen(m.title))) == 0 &&
	    (rc = buf_puts(&r->source, "\n\n")) == 0)
		rc = write_body(&r->doc, &r->source, r->locale);
	while (rc == 0 && r->source.size > 1 && r->source.ptr[r->source.size - 1] == '\n' &&
	       r->source.ptr[r->source.size - 2] == '\n')
		r->source.ptr[--r->source.size] = '\0';
	if (rc == 0)
		rc = self_check(r, name);
	if (rc < 0)
		goto fail;
	policy_buf_dispose(&norm);
	*out = r;
	return 0;
fail:
	policy_buf_dispose(&norm);
	policy_import_free(r);
	return rc;
}

void policy_import_free(policy_import *result)
{
	if (result == NULL)
		return;
	free(result->doc.blocks);
	free(result->doc.notes);
	arena_free(&result->doc.mem);
	policy_buf_dispose(&result->source);
	free(result);
}

const char *policy_import_source(const policy_import *result, size_t *len)
{
	if (len != NULL)
		*len = result->source.size;
	return result->source.ptr ? result->source.ptr : "";
}

const char *policy_import_format_name(const policy_import *result)
{
	return result->format;
}

const char *policy_import_locale(const policy_import *result)
{
	return result->locale;
}

size_t policy_import_note_count(const policy_import *result)
{
	return result->doc.note_count;
}

const policy_import_note *policy_import_note_at(const policy_import *result, size_t i)
{
	return i < result->doc.note_count ? &result->doc.notes[i] : NULL;
}
