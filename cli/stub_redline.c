/*
 * What `policyctl` links instead of the redline page (cli/exec.c): the page
 * is made through templates and libxml2, which policyctl does not load, so
 * it hands `diff --format html` to the module policyctl-xml.so before this
 * could be reached. Its definition keeps the linker from taking
 * lib/render/render_redline.c, and libxml2 with it; the diff's text, JSON
 * and Markdown emitters need neither.
 */
#include "error.h"
#include "render_internal.h"

int policy__render_redline(policy_buf *out, const policy_diff *diff, const char *template_dir)
{
	(void)out;
	(void)diff;
	(void)template_dir;
	return policy__error_set(POLICY_EINVALID, "the redline page is made by policyctl-xml.so");
}
