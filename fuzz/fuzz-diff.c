/* The diff and classification of two inputs (split at the first line
 * "=====", else in the middle), in every output format; and the same two
 * read together (policy_diff_load's way, the text they share parsed at
 * most once), whose diff must be the same in every format: a difference
 * aborts. */
#include <stdio.h>

#include "diff_internal.h"
#include "fuzz.h"
#include "policy.h"

/* The diff of the two read together, each format compared with `whole`. */
static void same_read_together(const char *text, size_t first, size_t second, size_t size,
			       const policy_buf *whole, const policy_diff_format *formats,
			       size_t nformats)
{
	policy_doc *a = NULL, *b = NULL;
	policy_diff *diff = NULL;
	policy_buf out = POLICY_BUF_INIT;

	if (policy__diff_parse_pair(&a, &b, "policies/privacy/zh-CN.md", text, first, text + second,
				    size - second) == 0 &&
	    policy_doc_usable(a) == 0 && policy_doc_usable(b) == 0 &&
	    policy_diff_new(&diff, a, b) == 0) {
		for (size_t i = 0; i < nformats; i++) {
			if (policy_diff_render(&out, diff, formats[i], (int)(i % 2), NULL) < 0)
				continue; /* out of memory, say: nothing to compare */
			if (out.size != whole[i].size ||
			    memcmp(out.ptr ? out.ptr : "", whole[i].ptr ? whole[i].ptr : "",
				   out.size) != 0) {
				fprintf(stderr, "format %zu differs read together\n", i);
				abort();
			}
		}
	}
	policy_diff_free(diff);
	policy_doc_free(a);
	policy_doc_free(b);
	policy_buf_dispose(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const policy_diff_format formats[] = {POLICY_DIFF_TEXT, POLICY_DIFF_JSON,
						     POLICY_DIFF_HTML, POLICY_DIFF_MARKDOWN};
	const char *text = (const char *)data, *cut = NULL;
	size_t first = size / 2, second = size / 2;
	policy_doc *a = NULL, *b = NULL;
	policy_diff *diff = NULL;
	enum { nformats = sizeof(formats) / sizeof(formats[0]) };
	policy_buf out[nformats] = {POLICY_BUF_INIT, POLICY_BUF_INIT, POLICY_BUF_INIT,
				    POLICY_BUF_INIT};

	for (size_t i = 0; i + 7 <= size; i++)
		if ((i == 0 || text[i - 1] == '\n') && memcmp(text + i, "=====\n", 6) == 0) {
			cut = text + i;
			break;
		}
	if (cut != NULL) {
		first = (size_t)(cut - text);
		second = first + 6;
	}
	if (policy_doc_parse(&a, "policies/privacy/zh-CN.md", text, first, NULL) == 0 &&
	    policy_doc_parse(&b, "policies/privacy/zh-CN.md", text + second, size - second, NULL) ==
		    0 &&
	    policy_doc_usable(a) == 0 && policy_doc_usable(b) == 0 &&
	    policy_diff_new(&diff, a, b) == 0) {
		int all = 1;

		for (size_t i = 0; i < nformats; i++)
			all &= policy_diff_render(&out[i], diff, formats[i], (int)(i % 2), NULL) ==
			       0;
		(void)policy_notice_decide((const policy_diff *const *)&diff, 1);
		if (all)
			same_read_together(text, first, second, size, out, formats, nformats);
	}
	policy_diff_free(diff);
	policy_doc_free(a);
	policy_doc_free(b);
	for (size_t i = 0; i < nformats; i++)
		policy_buf_dispose(&out[i]);
	return 0;
}
