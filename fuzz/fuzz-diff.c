/* The diff and classification of two inputs (split at the first line
 * "=====", else in the middle), in every output format. */
#include "fuzz.h"
#include "policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const policy_diff_format formats[] = {POLICY_DIFF_TEXT, POLICY_DIFF_JSON,
						     POLICY_DIFF_HTML, POLICY_DIFF_MARKDOWN};
	const char *text = (const char *)data, *cut = NULL;
	size_t first = size / 2, second = size / 2;
	policy_doc *a = NULL, *b = NULL;
	policy_diff *diff = NULL;
	policy_buf out = POLICY_BUF_INIT;

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
		for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
			policy_diff_render(&out, diff, formats[i], (int)(i % 2), NULL);
		(void)policy_notice_decide((const policy_diff *const *)&diff, 1);
	}
	policy_diff_free(diff);
	policy_doc_free(a);
	policy_doc_free(b);
	policy_buf_dispose(&out);
	return 0;
}
