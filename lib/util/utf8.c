/*
 * Everything that needs Unicode knowledge (normalisation, character
 * categories) goes through utf8proc. Validation is the UTF-8 encoding rules
 * alone and runs over every byte of every source, so it is a plain loop
 * here rather than a call into utf8proc per code point.
 */
#include "utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "error.h"

/* The well-formed byte sequences of the Unicode standard's table 3-7:
 * no overlong forms, no surrogates, nothing above U+10FFFF. */
size_t utf8_invalid_offset(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];

		if (c >= 0x01 && c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			if (len - i < 2 || (s[i + 1] & 0xC0) != 0x80)
				return i;
			i += 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;

			if (len - i < 3 || s[i + 1] < lo || s[i + 1] > hi || (s[i + 2] & 0xC0) != 0x80)
				return i;
			i += 3;
		} else if (c >= 0xF0 && c <= 0xF4) {
			unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;

			if (len - i < 4 || s[i + 1] < lo || s[i + 1] > hi || (s[i + 2] & 0xC0) != 0x80 ||
			    (s[i + 3] & 0xC0) != 0x80)
				return i;
			i += 4;
		} else {
			return i; /* NUL, a continuation byte, C0, C1, F5..FF */
		}
	}
	return len;
}

int32_t utf8_next(const char *s, size_t len, size_t *pos)
{
	unsigned char c = (unsigned char)s[*pos];
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;

	if (c < 0x80) {
		(*pos)++;
		return c;
	}
	n = utf8proc_iterate((const utf8proc_uint8_t *)s + *pos, (utf8proc_ssize_t)(len - *pos), &cp);
	if (n <= 0) {
		(*pos)++;
		return -1;
	}
	*pos += (size_t)n;
	return cp;
}

int utf8_nfkc(policy_buf *out, const char *s, size_t len, int casefold)
{
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT;
	utf8proc_ssize_t n;
	int rc;

	if (casefold)
		opts |= UTF8PROC_CASEFOLD;
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &mapped, opts);
	if (n < 0) {
		if (n == UTF8PROC_ERROR_NOMEM)
			return error_nomem();
		return error_set(POLICY_EINVALID, "text is not valid UTF-8");
	}
	rc = buf_put(out, (const char *)mapped, (size_t)n);
	free(mapped);
	return rc;
}

int utf8_is_cjk(int32_t cp)
{
	return (cp >= 0x2E80 && cp <= 0x2FDF)      /* radicals */
	       || (cp >= 0x3000 && cp <= 0x303F)   /* CJK symbols and punctuation */
	       || (cp >= 0x3040 && cp <= 0x30FF)   /* kana */
	       || (cp >= 0x3100 && cp <= 0x31BF)   /* bopomofo */
	       || (cp >= 0x3400 && cp <= 0x4DBF)   /* extension A */
	       || (cp >= 0x4E00 && cp <= 0x9FFF)   /* unified ideographs */
	       || (cp >= 0xAC00 && cp <= 0xD7AF)   /* Hangul syllables */
	       || (cp >= 0xF900 && cp <= 0xFAFF)   /* compatibility ideographs */
	       || (cp >= 0xFF00 && cp <= 0xFFEF)   /* full-width forms */
	       || (cp >= 0x20000 && cp <= 0x3FFFF); /* supplementary ideographs */
}

int utf8_is_alnum(int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
		return 1;
	default:
		return 0;
	}
}

int utf8_is_space(int32_t cp)
{
	if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D))
		return 1;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		return 1;
	default:
		return 0;
	}
}

int utf8_put(policy_buf *out, int32_t cp)
{
	utf8proc_uint8_t tmp[4];
	utf8proc_ssize_t n = utf8proc_encode_char(cp, tmp);

	return buf_put(out, (const char *)tmp, (size_t)n);
}
