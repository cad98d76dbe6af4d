/*
 * What `policyctl` links instead of the template compiler (cli/exec.c).
 * Pages are written from compiled templates, the built-in ones compiled
 * when policyctl was built; only a template directory's own template needs
 * compiling, with libxml2, which policyctl does not load: render and diff
 * hand such a command to the module policyctl-xml.so before this could be
 * reached. These definitions keep the linker from taking
 * lib/render/template_compile.c, and libxml2 with it.
 */
#include "error.h"
#include "template.h"

int policy__template_compile(template_program **out, const char *data, size_t len, const char *name)
{
	(void)data;
	(void)len;
	*out = NULL;
	return policy__error_set(POLICY_EINVALID, "%s: templates are compiled by policyctl-xml.so",
				 name);
}

const template_node *policy__template_nodes(const template_program *p, size_t *count)
{
	(void)p;
	*count = 0;
	return NULL;
}

void policy__template_program_free(template_program *p)
{
	(void)p;
}
