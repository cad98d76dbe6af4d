/* Section ids: numbering prefixes, their styles, slugs and keyword rules. */
#include "fuzz.h"
#include "internal.h"
#include "policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *title = fuzz_string(data, size), style[24];
	policy_buf slug = POLICY_BUF_INIT;

	if (title == NULL)
		return 0;
	(void)policy_section_numbering_len(title);
	(void)policy__numbering_style(title, style, sizeof(style));
	(void)policy_rules_match(NULL, title);
	policy_section_slug(&slug, title);
	policy_buf_dispose(&slug);
	free(title);
	return 0;
}
