/*
 * The editorial test of DESIGN's "Diff": two texts are editorially equal
 * when their forms here are equal. NFKC (utf8proc) makes full-width and
 * half-width forms the same; the CJK punctuation NFKC leaves alone is
 * folded by hand (。 to ., “ ” to ", ‘ ’ to ', 、 to ,); white space is
 * dropped next to CJK characters and punctuation, where it is only line
 * wrapping, and collapsed to one space between words elsewhere. Letter
 * case is folded, and a run of one punctuation mark ("provided..") reads
 * as that mark once.
 */
#include "editorial.h"

#include "buf.h"
#include "error.h"
#include "utf8.h"

static int32_t fold(int32_t c)
{
	switch (c) {
	case 0x3002: /* 。 */
	case 0xFF61: /* ｡ */
		return '.';
	case 0x201C: /* “ */
	case 0x201D: /* ” */
	case 0x300C: /* 「 */
	case 0x300D: /* 」 */
		return '"';
	case 0x2018: /* ‘ */
	case 0x2019: /* ’ */
		return '\'';
	case 0x3001: /* 、 */
		return ',';
	default:
		return c;
	}
}

/* Letters and digits that are not CJK: the only neighbours across which a
 * space is kept. */
static int is_word(int32_t c)
{
	return c >= 0 && policy__utf8_is_alnum(c) && !policy__utf8_is_cjk(c);
}

int policy__editorial_form(policy_buf *out, const char *s, size_t len)
{
	policy_buf norm = POLICY_BUF_INIT;
	size_t pos = 0;
	int32_t prev = -1;
	int space = 0, rc;

	policy__buf_clear(out);
	if ((rc = policy__utf8_nfkc(&norm, s, len, 1)) < 0)
		goto done;
	while (pos < norm.size) {
		int32_t c = fold(policy__utf8_next(norm.ptr, norm.size, &pos));

		if (policy__utf8_is_space(c)) {
			space = 1;
			continue;
		}
		if (space && is_word(prev) && is_word(c) && (rc = policy__buf_putc(out, ' ')) < 0)
			goto done;
		if (c == prev && !policy__utf8_is_alnum(c) && !space)
			continue; /* "provided.." is "provided." */
		space = 0;
		if ((rc = policy__utf8_put(out, c)) < 0)
			goto done;
		prev = c;
	}
	if (out->ptr == NULL)
		rc = policy__buf_puts(out, "");
done:
	policy_buf_dispose(&norm);
	return rc;
}

int policy__editorial_has_content(const char *s, size_t len)
{
	size_t pos = 0;

	while (pos < len)
		if (policy__utf8_is_alnum(policy__utf8_next(s, len, &pos)))
			return 1;
	return 0;
}
