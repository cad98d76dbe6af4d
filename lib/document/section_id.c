/*
 * Stable section ids. A heading without `{#id}` is known by its title with
 * the numbering taken off, so that renumbering a policy (inserting a
 * section, switching from 一、 to 1.) does not change any id. The numbering
 * styles are those of Chinese and English legal documents; the matcher is
 * written as a few small recognisers over code points rather than regular
 * expressions, because it must know CJK numerals and full-width forms.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "error.h"
#include "internal.h"
#include "policy/document.h"
#include "utf8.h"

#define MAX_SLUG 96

static int32_t peek(const char *s, size_t len, size_t pos, size_t *next)
{
	*next = pos;
	if (pos >= len)
		return 0;
	return policy__utf8_next(s, len, next);
}

static int is_cjk_numeral(int32_t c)
{
	static const int32_t set[] = {0x96F6, 0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
				      0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341,
				      0x767E, 0x5343, 0x4E24}; /* 零〇一二三四五六七八九十百千两 */

	for (size_t i = 0; i < sizeof(set) / sizeof(set[0]); i++)
		if (c == set[i])
			return 1;
	return 0;
}

static int is_digit(int32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

static int is_circled(int32_t c)
{
	return (c >= 0x2460 && c <= 0x249B) || (c >= 0x2776 && c <= 0x2793) ||
	       (c >= 0x3220 && c <= 0x3229) || (c >= 0x3251 && c <= 0x325F);
}

static int is_roman(int32_t c)
{
	return c != 0 && strchr("IVXLCivxlc", (int)c) != NULL && c < 0x80;
}

static int is_ascii_alpha(int32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Skip a run of code points satisfying `pred`; returns how many. */
static size_t run(const char *s, size_t len, size_t *pos, int (*pred)(int32_t))
{
	size_t n = 0, next;

	while (*pos < len && pred(peek(s, len, *pos, &next))) {
		*pos = next;
		n++;
	}
	return n;
}

static int is_numeral(int32_t c)
{
	return is_cjk_numeral(c) || is_digit(c);
}

/* 第三条 第一部分 第2章 ... */
static size_t match_di(const char *s, size_t len)
{
	static const char *const units[] = {"部分", "条", "章", "节", "款", "项", "篇", "编"};
	size_t pos = 0, next;

	if (peek(s, len, pos, &next) != 0x7B2C) /* 第 */
		return 0;
	pos = next;
	if (run(s, len, &pos, is_numeral) == 0)
		return 0;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		size_t u = strlen(units[i]);

		if (len - pos >= u && memcmp(s + pos, units[i], u) == 0)
			return pos + u;
	}
	return 0;
}

/* 一、 十一、 二． */
static size_t match_cjk_list(const char *s, size_t len)
{
	size_t pos = 0, next;
	int32_t c;

	if (run(s, len, &pos, is_cjk_numeral) == 0)
		return 0;
	c = peek(s, len, pos, &next);
	return c == 0x3001 || c == 0xFF0E || c == '.' ? next : 0;
}

/* （一） (一) (1) （1） */
static size_t match_paren(const char *s, size_t len)
{
	size_t pos = 0, next;
	int32_t open = peek(s, len, pos, &next), close;

	if (open != '(' && open != 0xFF08)
		return 0;
	pos = next;
	if (run(s, len, &pos, is_numeral) == 0)
		return 0;
	close = peek(s, len, pos, &next);
	return close == ')' || close == 0xFF09 ? next : 0;
}

/* 1. 1、 1) 1．1.2 1.2.3. */
static size_t match_arabic(const char *s, size_t len)
{
	size_t pos = 0, next, after;
	int dots = 0;
	int32_t c;

	if (run(s, len, &pos, is_digit) == 0)
		return 0;
	for (;;) {
		c = peek(s, len, pos, &next);
		if ((c == '.' || c == 0xFF0E) && is_digit(peek(s, len, next, &after))) {
			pos = next;
			run(s, len, &pos, is_digit);
			dots++;
			continue;
		}
		break;
	}
	c = peek(s, len, pos, &next);
	if (c == '.' || c == 0xFF0E || c == 0x3001 || c == ')' || c == 0xFF09)
		return next;
	/* "1.2 Title": a dotted number needs no closing mark. */
	if (dots > 0 && (c == ' ' || c == 0x3000))
		return pos;
	return 0;
}

/* I. IV) A. a) i. */
static size_t match_letter(const char *s, size_t len)
{
	size_t pos = 0, next, n;
	int32_t c;

	n = run(s, len, &pos, is_roman);
	if (n == 0) {
		if (!is_ascii_alpha(peek(s, len, 0, &next)))
			return 0;
		pos = next;
		n = 1;
	}
	c = peek(s, len, pos, &next);
	if (c != '.' && c != ')')
		return 0;
	c = peek(s, len, next, &pos);
	return c == ' ' || c == 0x3000 ? next : 0;
}

/* Article 3, Section 2.1, Chapter IV, Part 1, Clause 5 */
static size_t match_word(const char *s, size_t len)
{
	static const char *const words[] = {"article", "section", "chapter", "part", "clause"};
	size_t pos, next;

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t w = strlen(words[i]);

		if (len < w + 2 || strncasecmp(s, words[i], w) != 0 || s[w] != ' ')
			continue;
		pos = w + 1;
		if (run(s, len, &pos, is_digit) > 0) {
			while (pos + 1 < len && s[pos] == '.' &&
			       is_digit((unsigned char)s[pos + 1])) {
				pos++;
				run(s, len, &pos, is_digit);
			}
		} else if (run(s, len, &pos, is_roman) == 0) {
			continue;
		}
		if (pos < len &&
		    !(s[pos] == ' ' || s[pos] == '.' || s[pos] == ':' || s[pos] == '-'))
			continue;
		(void)next;
		return pos;
	}
	return 0;
}

static int is_separator(int32_t c)
{
	return c == ' ' || c == '\t' || c == 0x3000 || c == 0x3001 || c == '.' || c == ':' ||
	       c == 0xFF1A || c == '-' || c == 0x2014 || c == 0x2013 || c == 0xFF0E;
}

size_t policy__numbering_style(const char *s, char *style, size_t size)
{
	size_t len = strlen(s), n, next, pos;
	int32_t c;

	style[0] = '\0';
	if ((n = match_di(s, len)) > 0) {
		/* the unit names the style: 第一章 and 第一条 nest */
		size_t unit = n >= 6 && memcmp(s + n - 6, "部分", 6) == 0 ? 6 : 3;

		snprintf(style, size, "di-%.*s", (int)unit, s + n - unit);
	} else if ((n = match_cjk_list(s, len)) > 0) {
		snprintf(style, size, "cjk");
	} else if ((n = match_paren(s, len)) > 0) {
		pos = 0;
		peek(s, len, 0, &pos);
		snprintf(style, size, "%s",
			 is_cjk_numeral(peek(s, len, pos, &next)) ? "cjk-paren" : "num-paren");
	} else if ((n = match_arabic(s, len)) > 0) {
		int parts = 1;

		for (size_t i = 0; i < n; i++)
			parts += (s[i] == '.' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9');
		c = n > 0 ? (unsigned char)s[n - 1] : 0;
		snprintf(style, size, "num%d%s", parts, c == ')' ? ")" : "");
	} else if ((n = match_letter(s, len)) > 0) {
		snprintf(style, size, "%s",
			 is_roman(peek(s, len, 0, &next)) && n > 2 ? "roman"
			 : s[0] >= 'a'                             ? "lower"
								   : "upper");
	} else if ((n = match_word(s, len)) > 0) {
		snprintf(style, size, "word-%.*s", (int)(strchr(s, ' ') - s), s);
	} else if (is_circled(peek(s, len, 0, &next))) {
		n = next;
		snprintf(style, size, "circled");
	}
	if (n == 0)
		return 0;
	run(s, len, &n, is_separator);
	return n < len ? n : 0;
}

size_t policy_section_numbering_len(const char *title)
{
	size_t len = strlen(title), n, next;
	size_t (*const matchers[])(const char *, size_t) = {
		match_di, match_cjk_list, match_paren, match_arabic, match_letter, match_word,
	};

	n = 0;
	for (size_t i = 0; i < sizeof(matchers) / sizeof(matchers[0]) && n == 0; i++)
		n = matchers[i](title, len);
	if (n == 0 && is_circled(peek(title, len, 0, &next)))
		n = next;
	if (n == 0)
		return 0;
	run(title, len, &n, is_separator);
	/* A heading that is nothing but a number keeps it. */
	return n < len ? n : 0;
}

int policy_section_slug(policy_buf *out, const char *title)
{
	policy_buf norm = POLICY_BUF_INIT;
	size_t skip = policy_section_numbering_len(title);
	size_t pos = 0;
	int dash = 0, rc;

	policy__buf_clear(out);
	if ((rc = policy__utf8_nfkc(&norm, title + skip, strlen(title + skip), 1)) < 0)
		goto done;
	while (pos < norm.size) {
		int32_t c = policy__utf8_next(norm.ptr, norm.size, &pos);

		if (policy__utf8_is_alnum(c)) {
			if (dash && out->size > 0 && (rc = policy__buf_putc(out, '-')) < 0)
				goto done;
			dash = 0;
			if (out->size >= MAX_SLUG)
				break;
			if ((rc = policy__utf8_put(out, c)) < 0)
				goto done;
		} else {
			dash = 1;
		}
	}
	if (out->size == 0)
		rc = policy__buf_puts(out, "section");
done:
	policy_buf_dispose(&norm);
	return rc;
}
