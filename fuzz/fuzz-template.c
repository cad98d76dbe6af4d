/* Templates: any HTML compiled as a template, every slot filled (an
 * attribute set too), every condition decided by the name, repeated
 * lists, written. */
#include "fuzz.h"
#include "template.h"

static int fill_item(void *payload, size_t i, template_el *item);

static int fill(void *payload, const char *name, template_el *el)
{
	/* Lists repeat at the top only, as the site's pages use them. */
	if (name[0] == 'r' && payload == NULL)
		return policy__template_repeat(el, 3, fill_item, el) < 0 ? -1 : 1;
	if (name[0] == 'k')
		return 0; /* keep the template's own content */
	if (name[0] == 'a')
		return policy__template_set_attr(el, "href", name) < 0 ? -1 : 0;
	return policy__template_set_text(el, name) < 0 ? -1 : 1;
}

static int cond(void *payload, const char *name)
{
	(void)payload;
	return strlen(name) % 2;
}

static int fill_item(void *payload, size_t i, template_el *item)
{
	template_filler f = {fill, cond, payload}; /* payload: inside a list */

	(void)i;
	return policy__template_fill_node(item, &f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	template_filler f = {fill, cond, NULL};
	policy_buf out = POLICY_BUF_INIT;
	template_program *p = NULL;
	const template_node *nodes;
	size_t count;

	if (size > (1u << 20) ||
	    policy__template_compile(&p, (const char *)data, size, "fuzz.html") < 0)
		return 0;
	nodes = policy__template_nodes(p, &count);
	policy__template_write(&out, nodes, count, &f, NULL, size % 2 ? "zh-CN" : "en");
	policy__template_program_free(p);
	policy_buf_dispose(&out);
	return 0;
}
