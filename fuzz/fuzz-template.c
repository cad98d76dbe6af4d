/* Template filling: any HTML as a template, every slot filled, every
 * condition decided by the name, repeated lists, serialised. */
#include "fuzz.h"
#include "template.h"

static int fill_item(void *payload, size_t i, xmlNodePtr item);

static int fill(void *payload, const char *name, xmlNodePtr el)
{
	/* Lists repeat at the top only, as the site's pages use them. */
	if (name[0] == 'r' && payload == NULL)
		return policy__template_repeat(el, 3, fill_item, el) < 0 ? -1 : 1;
	if (name[0] == 'k')
		return 0; /* keep the template's own content */
	return policy__template_set_text(el, name) < 0 ? -1 : 1;
}

static int cond(void *payload, const char *name)
{
	(void)payload;
	return strlen(name) % 2;
}

static int fill_item(void *payload, size_t i, xmlNodePtr item)
{
	template_filler f = {fill, cond, payload}; /* payload: inside a list */

	(void)i;
	return policy__template_fill_node(item, &f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	template_filler f = {fill, cond, NULL};
	policy_buf out = POLICY_BUF_INIT;
	htmlDocPtr doc = NULL;

	if (size > (1u << 20) ||
	    policy__template_parse(&doc, (const char *)data, size, "fuzz.html") < 0)
		return 0;
	if (policy__template_fill(doc, &f, size % 2 ? "zh-CN" : "en") == 0)
		policy__template_serialise(&out, doc);
	xmlFreeDoc(doc);
	policy_buf_dispose(&out);
	return 0;
}
