/*
 * Everything that needs Unicode knowledge (normalisation, character
 * categories) goes through utf8proc. Validation is the UTF-8 encoding rules
 * alone and runs over every byte of every source, so it is an automaton
 * here rather than a call into utf8proc per code point.
 */
#include "utf8.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "error.h"

/* Are the eight bytes of `w` all ASCII, none of them NUL? Below 0x80, a
 * byte plus 0x7F carries into its high bit exactly when it is not 0, and
 * never into the next byte. */
static int ascii8(uint64_t w)
{
	const uint64_t high = 0x8080808080808080u, low = 0x7F7F7F7F7F7F7F7Fu;

	return (w & high) == 0 && ((w + low) & high) == high;
}

/* Where the first ill-formed sequence starts: a byte at a time, each
 * case by the rules of the Unicode standard's table 3-7 (no overlong
 * forms, no surrogates, nothing above U+10FFFF) and no NUL. */
static size_t first_invalid(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];

		if ((unsigned char)(c - 1) < 0x7F) {
			i++;
		} else if (c >= 0xC2 && c <= 0xDF) {
			if (len - i < 2 || (s[i + 1] & 0xC0) != 0x80)
				return i;
			i += 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;

			if (len - i < 3 || s[i + 1] < lo || s[i + 1] > hi ||
			    (s[i + 2] & 0xC0) != 0x80)
				return i;
			i += 3;
		} else if (c >= 0xF0 && c <= 0xF4) {
			unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;

			if (len - i < 4 || s[i + 1] < lo || s[i + 1] > hi ||
			    (s[i + 2] & 0xC0) != 0x80 || (s[i + 3] & 0xC0) != 0x80)
				return i;
			i += 4;
		} else {
			return i; /* NUL, a continuation byte, C0, C1, F5..FF */
		}
	}
	return len;
}

/*
 * The same rules as an automaton of nine states, for the pass over every
 * byte of every source. A state is a multiple of 6, the shift that picks
 * its successor out of the row of the byte read: row[b] holds, in bits
 * 6q..6q+5, the state that follows state q on b. One shift a byte and no
 * branch, where the byte loop branched at every change between one-, two-
 * and three-byte forms, every few bytes in Chinese text.
 */
enum {
	ACCEPT,
	ERROR,
	TAIL1, /* one continuation byte to come */
	TAIL2,
	TAIL3,
	AFTER_E0, /* A0..BF, then one: not overlong */
	AFTER_ED, /* 80..9F, then one: not a surrogate */
	AFTER_F0, /* 90..BF, then two: not overlong */
	AFTER_F4, /* 80..8F, then two: not above U+10FFFF */
	STATES
};

static uint64_t utf8_rows[256];
static pthread_once_t utf8_rows_once = PTHREAD_ONCE_INIT;

static unsigned successor(unsigned state, unsigned b)
{
	int cont = b >= 0x80 && b <= 0xBF;

	switch (state) {
	case ACCEPT:
		if (b >= 0x01 && b <= 0x7F)
			return ACCEPT;
		if (b >= 0xC2 && b <= 0xDF)
			return TAIL1;
		if (b == 0xE0 || b == 0xED)
			return b == 0xE0 ? AFTER_E0 : AFTER_ED;
		if (b >= 0xE1 && b <= 0xEF)
			return TAIL2;
		if (b == 0xF0 || b == 0xF4)
			return b == 0xF0 ? AFTER_F0 : AFTER_F4;
		if (b >= 0xF1 && b <= 0xF3)
			return TAIL3;
		return ERROR;
	case TAIL1:
		return cont ? ACCEPT : ERROR;
	case TAIL2:
		return cont ? TAIL1 : ERROR;
	case TAIL3:
		return cont ? TAIL2 : ERROR;
	case AFTER_E0:
		return b >= 0xA0 && b <= 0xBF ? TAIL1 : ERROR;
	case AFTER_ED:
		return b >= 0x80 && b <= 0x9F ? TAIL1 : ERROR;
	case AFTER_F0:
		return b >= 0x90 && b <= 0xBF ? TAIL2 : ERROR;
	case AFTER_F4:
		return b >= 0x80 && b <= 0x8F ? TAIL2 : ERROR;
	default:
		return ERROR;
	}
}

static void build_utf8_rows(void)
{
	for (unsigned b = 0; b < 256; b++)
		for (unsigned q = 0; q < STATES; q++)
			utf8_rows[b] |= (uint64_t)(successor(q, b) * 6) << (q * 6);
}

size_t policy__utf8_invalid_offset(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	uint64_t state = ACCEPT;
	size_t i = 0;

	pthread_once(&utf8_rows_once, build_utf8_rows);
	while (i < len) {
		/* between characters, eight bytes at a time while they are
		 * ASCII other than NUL */
		if ((state & 63) == ACCEPT * 6) {
			uint64_t w;

			while (len - i >= 8 && (memcpy(&w, s + i, 8), ascii8(w)))
				i += 8;
		}
		if (len - i >= 64) {
			const unsigned char *p = s + i;

			/* unrolled: one shift a byte is the whole cost */
			for (size_t k = 0; k < 64; k += 4) {
				state = utf8_rows[p[k]] >> (state & 63);
				state = utf8_rows[p[k + 1]] >> (state & 63);
				state = utf8_rows[p[k + 2]] >> (state & 63);
				state = utf8_rows[p[k + 3]] >> (state & 63);
			}
			i += 64;
		} else {
			for (; i < len; i++)
				state = utf8_rows[s[i]] >> (state & 63);
		}
		if ((state & 63) == ERROR * 6)
			break;
	}
	/* where the bad sequence starts is for the slower reading to say */
	return (state & 63) == ACCEPT * 6 ? len : first_invalid(s, len);
}

int32_t policy__utf8_next(const char *str, size_t len, size_t *pos)
{
	const unsigned char *s = (const unsigned char *)str + *pos;
	size_t left = len - *pos;
	unsigned char c = s[0];
	int32_t cp;

	if (c < 0x80) {
		(*pos)++;
		return c;
	}
	/* The same rules as policy__utf8_invalid_offset, decoding as it goes. */
	if (c >= 0xC2 && c <= 0xDF && left >= 2 && (s[1] & 0xC0) == 0x80) {
		*pos += 2;
		return ((c & 0x1F) << 6) | (s[1] & 0x3F);
	}
	if (c >= 0xE0 && c <= 0xEF && left >= 3 && s[1] >= (c == 0xE0 ? 0xA0 : 0x80) &&
	    s[1] <= (c == 0xED ? 0x9F : 0xBF) && (s[2] & 0xC0) == 0x80) {
		*pos += 3;
		return ((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
	}
	if (c >= 0xF0 && c <= 0xF4 && left >= 4 && s[1] >= (c == 0xF0 ? 0x90 : 0x80) &&
	    s[1] <= (c == 0xF4 ? 0x8F : 0xBF) && (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80) {
		cp = ((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) |
		     (s[3] & 0x3F);
		*pos += 4;
		return cp;
	}
	(*pos)++;
	return -1;
}

/* Code points that NFKC leaves as they are, whatever surrounds them:
 * ASCII (in a string without combining marks) and the CJK ideographs of
 * the basic block and extension A, which have no decomposition and take
 * part in no composition. */
static int nfkc_inert(int32_t cp)
{
	return cp < 0x80 || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

/* Blocks whose characters decompose, if at all, into characters that
 * compose with nothing (general punctuation, letterlike symbols, arrows,
 * CJK symbols and punctuation, full-width and half-width forms): there
 * NFKC is the compatibility decomposition of each character alone, as
 * long as every character it yields has combining class 0. */
static int nfkc_by_char(int32_t cp)
{
	return (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
	       (cp >= 0xFF00 && cp <= 0xFFEF);
}

/* NFKC without utf8proc_map for text made only of the code points above,
 * which is nearly all of a Chinese or English policy. Returns 1 when done,
 * 0 when the text needs the full algorithm (out is then as it was). */
static int nfkc_fast(policy_buf *out, const char *s, size_t len, int casefold)
{
	size_t pos = 0, mark = out->size;
	utf8proc_option_t opts =
		UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | (casefold ? UTF8PROC_CASEFOLD : 0);

	while (pos < len) {
		size_t at = pos;
		int32_t cp = policy__utf8_next(s, len, &pos);
		utf8proc_int32_t dec[8];
		utf8proc_ssize_t n;
		int bound = 0;

		if (cp >= 0 && nfkc_inert(cp)) {
			char c = (char)(casefold && cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);

			if (cp < 0x80 ? policy__buf_putc(out, c) < 0
				      : policy__buf_put(out, s + at, pos - at) < 0)
				return POLICY_ENOMEM;
			continue;
		}
		if (cp < 0 || !nfkc_by_char(cp))
			goto slow;
		n = utf8proc_decompose_char(cp, dec, 8, opts, &bound);
		if (n < 0 || n > 8)
			goto slow;
		for (utf8proc_ssize_t i = 0; i < n; i++) {
			if (utf8proc_get_property(dec[i])->combining_class != 0 ||
			    !(nfkc_inert(dec[i]) || nfkc_by_char(dec[i])))
				goto slow;
			if (policy__utf8_put(out, dec[i]) < 0)
				return POLICY_ENOMEM;
		}
	}
	return 1;
slow:
	out->size = mark;
	if (out->ptr)
		out->ptr[mark] = '\0';
	return 0;
}

int policy__utf8_nfkc(policy_buf *out, const char *s, size_t len, int casefold)
{
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT;
	utf8proc_ssize_t n;
	int rc;

	if ((rc = nfkc_fast(out, s, len, casefold)) != 0)
		return rc < 0 ? rc : 0;
	if (casefold)
		opts |= UTF8PROC_CASEFOLD;
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &mapped, opts);
	if (n < 0) {
		if (n == UTF8PROC_ERROR_NOMEM)
			return policy__error_nomem();
		return policy__error_set(POLICY_EINVALID, "text is not valid UTF-8");
	}
	rc = policy__buf_put(out, (const char *)mapped, (size_t)n);
	free(mapped);
	return rc;
}

int policy__utf8_is_cjk(int32_t cp)
{
	return (cp >= 0x2E80 && cp <= 0x2FDF)       /* radicals */
	       || (cp >= 0x3000 && cp <= 0x303F)    /* CJK symbols and punctuation */
	       || (cp >= 0x3040 && cp <= 0x30FF)    /* kana */
	       || (cp >= 0x3100 && cp <= 0x31BF)    /* bopomofo */
	       || (cp >= 0x3400 && cp <= 0x4DBF)    /* extension A */
	       || (cp >= 0x4E00 && cp <= 0x9FFF)    /* unified ideographs */
	       || (cp >= 0xAC00 && cp <= 0xD7AF)    /* Hangul syllables */
	       || (cp >= 0xF900 && cp <= 0xFAFF)    /* compatibility ideographs */
	       || (cp >= 0xFF00 && cp <= 0xFFEF)    /* full-width forms */
	       || (cp >= 0x20000 && cp <= 0x3FFFF); /* supplementary ideographs */
}

int policy__utf8_is_alnum(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
	if (cp >= 0x4E00 && cp <= 0x9FFF)
		return 1;
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

int policy__utf8_is_space(int32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
	if (cp >= 0x4E00 && cp <= 0x9FFF)
		return 0;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		return 1;
	default:
		return 0;
	}
}

int policy__utf8_put(policy_buf *out, int32_t cp)
{
	utf8proc_uint8_t tmp[4];

	if (cp >= 0 && cp < 0x80)
		return policy__buf_putc(out, (char)cp);
	utf8proc_ssize_t n = utf8proc_encode_char(cp, tmp);

	return policy__buf_put(out, (const char *)tmp, (size_t)n);
}
