/*
 * Templates are ordinary HTML5 files a designer can open in a browser.
 * Dynamic parts are marked with attributes rather than a template language:
 * data-slot="name" has its content replaced, data-if="name" (or "!name")
 * keeps an element only when the condition holds, and data-label="key"
 * has its text replaced by the page language's word for it (labels.c). Filling goes through
 * libxml2's DOM, so every value becomes a text node or attribute and is
 * escaped when serialised; no string of markup is ever pasted together.
 */
#include "template.h"

#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "labels.h"
#include "policy/file.h"

#define TEMPLATE_MAX_SIZE (1024u * 1024u)

int policy__template_parse(htmlDocPtr *out, const char *data, size_t len, const char *name)
{
	htmlDocPtr doc;

	doc = htmlReadMemory(data, (int)len, name, "UTF-8",
			     HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
		return policy__error_set_at(POLICY_EPARSE, name, 1,
					    "template is not readable as HTML");
	}
	*out = doc;
	return 0;
}

int policy__template_load(htmlDocPtr *out, const char *name, const char *override_dir)
{
	if (override_dir != NULL) {
		policy_buf path = POLICY_BUF_INIT, data = POLICY_BUF_INIT;
		int rc;

		if (policy__buf_puts(&path, override_dir) < 0 || policy__buf_putc(&path, '/') < 0 ||
		    policy__buf_puts(&path, name) < 0) {
			policy_buf_dispose(&path);
			return policy__error_nomem();
		}
		rc = policy_file_read(&data, path.ptr, TEMPLATE_MAX_SIZE);
		if (rc == 0)
			rc = policy__template_parse(out, data.ptr ? data.ptr : "", data.size,
						    path.ptr);
		policy_buf_dispose(&path);
		policy_buf_dispose(&data);
		if (rc != POLICY_ENOTFOUND)
			return rc;
	}
	for (size_t i = 0; i < policy_builtin_template_count; i++)
		if (strcmp(policy_builtin_templates[i].name, name) == 0)
			return policy__template_parse(out, policy_builtin_templates[i].data,
						      policy_builtin_templates[i].len, name);
	return policy__error_set(POLICY_ENOTFOUND, "no template named %s", name);
}

void policy__template_clear(xmlNodePtr element)
{
	while (element->children != NULL) {
		xmlNodePtr c = element->children;

		xmlUnlinkNode(c);
		xmlFreeNode(c);
	}
}

int policy__template_set_text(xmlNodePtr element, const char *text)
{
	xmlNodePtr t;

	policy__template_clear(element);
	t = xmlNewText(BAD_CAST text);
	if (t == NULL)
		return policy__error_nomem();
	xmlAddChild(element, t);
	return 0;
}

static int cond_holds(const template_filler *f, const char *expr)
{
	if (expr[0] == '!')
		return !f->cond(f->payload, expr + 1);
	return f->cond(f->payload, expr);
}

static int walk(xmlNodePtr node, const template_filler *f)
{
	xmlNodePtr next;

	for (; node != NULL; node = next) {
		xmlChar *attr;
		int filled = 0;

		next = node->next;
		if (node->type != XML_ELEMENT_NODE)
			continue;
		attr = xmlGetProp(node, BAD_CAST "data-if");
		if (attr != NULL) {
			int keep = cond_holds(f, (const char *)attr);

			xmlFree(attr);
			if (!keep) {
				xmlUnlinkNode(node);
				xmlFreeNode(node);
				continue;
			}
			/* Evaluated once; the page carries no trace of it. */
			xmlUnsetProp(node, BAD_CAST "data-if");
		}
		attr = xmlGetProp(node, BAD_CAST "data-label");
		if (attr != NULL) {
			/* the page's words, from its language's catalogue */
			int rc = policy__template_set_text(
				node, policy__label(node->doc->_private, (const char *)attr));

			xmlFree(attr);
			xmlUnsetProp(node, BAD_CAST "data-label");
			if (rc < 0)
				return rc;
		}
		attr = xmlGetProp(node, BAD_CAST "data-slot");
		if (attr != NULL) {
			filled = f->fill(f->payload, (const char *)attr, node);
			xmlFree(attr);
			if (filled < 0)
				return filled;
		}
		if (!filled) {
			int rc = walk(node->children, f);

			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

int policy__template_fill(htmlDocPtr doc, const template_filler *filler, const char *lang)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);

	if (lang != NULL && strcmp(lang, "und") != 0)
		xmlSetProp(root, BAD_CAST "lang", BAD_CAST lang);
	return walk(root, filler);
}

int policy__template_fill_node(xmlNodePtr node, const template_filler *filler)
{
	return walk(node->children, filler);
}

int policy__template_repeat(xmlNodePtr list, size_t count,
			    int (*fill_item)(void *payload, size_t i, xmlNodePtr item),
			    void *payload)
{
	xmlNodePtr sample = list->children;
	int rc = 0;

	while (sample != NULL && sample->type != XML_ELEMENT_NODE)
		sample = sample->next;
	if (sample == NULL)
		return 0; /* a template without a sample item lists nothing */
	xmlUnlinkNode(sample);
	policy__template_clear(list);
	for (size_t i = 0; i < count && rc == 0; i++) {
		xmlNodePtr copy = xmlDocCopyNode(sample, list->doc, 1);

		if (copy == NULL) {
			rc = policy__error_nomem();
			break;
		}
		xmlAddChild(list, copy);
		rc = fill_item(payload, i, copy);
		if (rc == 0)
			rc = xmlAddChild(list, xmlNewDocText(list->doc, BAD_CAST "\n"))
				     ? 0
				     : policy__error_nomem();
	}
	xmlFreeNode(sample);
	return rc;
}

static int write_to_buf(void *context, const char *data, int len)
{
	return policy__buf_put(context, data, (size_t)len) == 0 ? len : -1;
}

/* An output buffer that writes into `out`. No encoder: libxml2 writes UTF-8
 * as it is rather than as character references. */
static xmlOutputBufferPtr open_output(policy_buf *out)
{
	policy__buf_clear(out);
	return xmlOutputBufferCreateIO(write_to_buf, NULL, out, NULL);
}

static int close_output(xmlOutputBufferPtr ob)
{
	return xmlOutputBufferClose(ob) < 0 ? policy__error_nomem() : 0;
}

int policy__template_serialise(policy_buf *out, htmlDocPtr doc)
{
	xmlOutputBufferPtr ob = open_output(out);

	if (ob == NULL)
		return policy__error_nomem();
	htmlDocContentDumpFormatOutput(ob, doc, NULL, 0);
	xmlOutputBufferWrite(ob, 1, "\n");
	return close_output(ob);
}

int policy__template_serialise_children(policy_buf *out, xmlNodePtr node)
{
	xmlOutputBufferPtr ob = open_output(out);

	if (ob == NULL)
		return policy__error_nomem();
	for (xmlNodePtr c = node->children; c != NULL; c = c->next)
		htmlNodeDumpFormatOutput(ob, node->doc, c, NULL, 0);
	return close_output(ob);
}

int policy__template_render(policy_buf *out, const char *name, const char *override_dir,
			    const template_filler *filler, const char *lang)
{
	htmlDocPtr page = NULL;
	labels *words = NULL;
	int rc;

	if ((rc = policy__template_load(&page, name, override_dir)) < 0)
		return rc;
	if ((rc = policy__labels_open(&words, lang, override_dir)) < 0) {
		xmlFreeDoc(page);
		return rc;
	}
	page->_private = words; /* for data-label, and the fillers (template_labels) */
	if ((rc = policy__template_fill(page, filler, lang)) == 0)
		rc = policy__template_serialise(out, page);
	page->_private = NULL;
	policy__labels_free(words);
	xmlFreeDoc(page);
	return rc < 0 && policy_error_last()->code == POLICY_OK ? policy__error_nomem() : rc;
}

const labels *policy__template_labels(xmlNodePtr node)
{
	return node != NULL && node->doc != NULL ? node->doc->_private : NULL;
}

int policy__template_lang_is(const char *locale, const char *lang)
{
	size_t n = strlen(lang);

	return strncmp(locale, lang, n) == 0 && (locale[n] == '\0' || locale[n] == '-');
}
