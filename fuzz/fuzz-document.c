/* Front matter and document parsing, then every rendering of a usable
 * document. */
#include "fuzz.h"
#include "policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const policy_format formats[] = {POLICY_FORMAT_HTML, POLICY_FORMAT_FRAGMENT,
						POLICY_FORMAT_MARKDOWN, POLICY_FORMAT_JSON};
	policy_doc *doc = NULL;
	policy_buf out = POLICY_BUF_INIT;

	if (policy_doc_parse(&doc, "policies/privacy/zh-CN.md", (const char *)data, size, NULL) < 0)
		return 0;
	if (policy_doc_usable(doc) == 0)
		for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
			policy_render(&out, doc, formats[i], NULL);
	policy_buf_dispose(&out);
	policy_doc_free(doc);
	return 0;
}
