/*
 * Compiling a template: libxml2 reads the HTML (as a browser would, so a
 * designer's file need not be well-formed), and the tree becomes a flat
 * list of template_node. A subtree without data-if, data-label or
 * data-slot anywhere in it is serialised by libxml2 once, here, and kept
 * as markup; the elements that carry one, and their ancestors, are kept as
 * elements for template.c to write. The built-in templates are compiled
 * when policyctl is built (template_gen.c); a template directory's own at
 * run time, which is the one use of libxml2 a page render has.
 */
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "error.h"
#include "template.h"

struct template_program {
	template_node *nodes;
	size_t count, cap;
	arena strings;
	policy_buf markup; /* markup not yet a node */
	int failed;        /* 1: out of memory; POLICY_EPARSE: too many attributes */
};

static const char *const marks[] = {"data-if", "data-label", "data-slot"};

/* Is `name` a mark: 2 for one the page keeps (data-slot stays as a
 * styling hook), 1 for one it loses? */
static int is_mark(const xmlChar *name)
{
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (xmlStrcasecmp(name, BAD_CAST marks[i]) == 0)
			return i == 2 ? 2 : 1;
	return 0;
}

/* Does the subtree at `node` carry a mark? */
static int dynamic(xmlNodePtr node)
{
	if (node->type != XML_ELEMENT_NODE)
		return 0;
	for (xmlAttrPtr a = node->properties; a != NULL; a = a->next)
		if (is_mark(a->name))
			return 1;
	for (xmlNodePtr c = node->children; c != NULL; c = c->next)
		if (dynamic(c))
			return 1;
	return 0;
}

static template_node *push(template_program *p)
{
	if (p->count == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 32;
		template_node *grown = realloc(p->nodes, cap * sizeof(*grown));

		if (grown == NULL)
			return NULL;
		p->nodes = grown;
		p->cap = cap;
	}
	memset(&p->nodes[p->count], 0, sizeof(p->nodes[0]));
	return &p->nodes[p->count++];
}

static const char *keep(template_program *p, const char *s, size_t len)
{
	char *copy = policy__arena_strndup(&p->strings, s, len);

	if (copy == NULL)
		p->failed = 1;
	return copy;
}

/* The markup gathered so far becomes a node. */
static void flush(template_program *p)
{
	template_node *n;

	if (p->markup.size == 0 || p->failed)
		return;
	if ((n = push(p)) == NULL) {
		p->failed = 1;
		return;
	}
	n->text = keep(p, p->markup.ptr, p->markup.size);
	n->len = (unsigned)p->markup.size;
	policy__buf_clear(&p->markup);
}

static int write_to_buf(void *context, const char *data, int len)
{
	return policy__buf_put(context, data, (size_t)len) == 0 ? len : -1;
}

/* Serialise `node` as libxml2 writes HTML (UTF-8 kept as it is). */
static void markup(template_program *p, xmlNodePtr node)
{
	xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(write_to_buf, NULL, &p->markup, NULL);

	if (ob == NULL) {
		p->failed = 1;
		return;
	}
	htmlNodeDumpFormatOutput(ob, node->doc, node, NULL, 0);
	if (xmlOutputBufferClose(ob) < 0)
		p->failed = 1;
}

/* A mark's value, kept; NULL when the element has none. */
static const char *mark(template_program *p, xmlNodePtr node, const char *name)
{
	xmlChar *v = xmlGetProp(node, BAD_CAST name);
	const char *copy = v ? keep(p, (const char *)v, strlen((const char *)v)) : NULL;

	xmlFree(v);
	return copy;
}

static void element(template_program *p, xmlNodePtr node);

/* The nodes from `first` on. In a slot, the first element is kept as an
 * element whatever it holds: it is the sample item a list repeats. */
static void list(template_program *p, xmlNodePtr first, int in_slot)
{
	for (xmlNodePtr c = first; c != NULL && !p->failed; c = c->next) {
		int sample = in_slot && c->type == XML_ELEMENT_NODE;

		if (c->type == XML_DTD_NODE)
			continue; /* written by doctype() */
		if (sample)
			in_slot = 0;
		if (sample || dynamic(c)) {
			flush(p);
			element(p, c);
		} else {
			markup(p, c);
		}
	}
}

static void element(template_program *p, xmlNodePtr node)
{
	const htmlElemDesc *info = htmlTagLookup(node->name);
	size_t index = p->count, count = 0;
	const char **attrs = NULL;
	template_node *n;

	for (xmlAttrPtr a = node->properties; a != NULL; a = a->next)
		count += is_mark(a->name) != 1;
	if (count > USHRT_MAX) {
		p->failed = POLICY_EPARSE; /* more attributes than a node counts */
		return;
	}
	if (count > 0 &&
	    (attrs = policy__arena_alloc(&p->strings, 2 * count * sizeof(*attrs))) == NULL) {
		p->failed = 1;
		return;
	}
	count = 0;
	for (xmlAttrPtr a = node->properties; a != NULL && !p->failed; a = a->next) {
		xmlChar *v;

		if (is_mark(a->name) == 1)
			continue;
		/* a boolean attribute is written bare, as libxml2 writes it */
		v = a->children != NULL && !htmlIsBooleanAttr(a->name)
			    ? xmlNodeListGetString(node->doc, a->children, 1)
			    : NULL;
		attrs[2 * count] = keep(p, (const char *)a->name, strlen((const char *)a->name));
		attrs[2 * count + 1] = v ? keep(p, (const char *)v, strlen((const char *)v)) : NULL;
		xmlFree(v);
		count++;
	}
	if (p->failed || (n = push(p)) == NULL) {
		p->failed = 1;
		return;
	}
	n->element = 1;
	n->is_void = info != NULL && info->empty;
	n->text = keep(p, (const char *)node->name, strlen((const char *)node->name));
	n->len = (unsigned)strlen((const char *)node->name);
	n->attr_count = (unsigned short)count;
	n->attrs = attrs;
	n->cond = mark(p, node, "data-if");
	n->label = mark(p, node, "data-label");
	n->slot = mark(p, node, "data-slot");
	list(p, node->children, n->slot != NULL);
	flush(p);
	p->nodes[index].end = (unsigned)p->count;
}

/* `<!DOCTYPE html>` and a newline, as libxml2 writes a document's. */
static void doctype(template_program *p, xmlDtdPtr dtd)
{
	policy_buf *m = &p->markup;
	int rc;

	if (dtd == NULL)
		return;
	/* `<!DOCTYPE>` has no name: libxml2 writes none */
	rc = policy__buf_puts(m, "<!DOCTYPE ") |
	     policy__buf_puts(m, dtd->name ? (const char *)dtd->name : "");
	if (dtd->ExternalID != NULL) {
		rc |= policy__buf_puts(m, " PUBLIC \"") |
		      policy__buf_puts(m, (const char *)dtd->ExternalID) | policy__buf_putc(m, '"');
		if (dtd->SystemID != NULL)
			rc |= policy__buf_puts(m, " \"") |
			      policy__buf_puts(m, (const char *)dtd->SystemID) |
			      policy__buf_putc(m, '"');
	} else if (dtd->SystemID != NULL &&
		   xmlStrcmp(dtd->SystemID, BAD_CAST "about:legacy-compat") != 0) {
		rc |= policy__buf_puts(m, " SYSTEM \"") |
		      policy__buf_puts(m, (const char *)dtd->SystemID) | policy__buf_putc(m, '"');
	}
	if ((rc | policy__buf_puts(m, ">\n")) != 0)
		p->failed = 1;
}

int policy__template_compile(template_program **out, const char *data, size_t len, const char *name)
{
	htmlDocPtr doc;
	template_program *p;

	*out = NULL;
	if (len > INT_MAX)
		return policy__error_set_at(POLICY_EPARSE, name, 1, "template is too large");
	doc = htmlReadMemory(data, (int)len, name, "UTF-8",
			     HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
		return policy__error_set_at(POLICY_EPARSE, name, 1,
					    "template is not readable as HTML");
	}
	if ((p = calloc(1, sizeof(*p))) == NULL) {
		xmlFreeDoc(doc);
		return policy__error_nomem();
	}
	doctype(p, doc->intSubset);
	list(p, doc->children, 0);
	if (policy__buf_putc(&p->markup, '\n') < 0) /* as libxml2 ends a document */
		p->failed = 1;
	flush(p);
	xmlFreeDoc(doc);
	policy_buf_dispose(&p->markup);
	if (p->failed) {
		int parse = p->failed == POLICY_EPARSE;

		policy__template_program_free(p);
		return parse ? policy__error_set_at(POLICY_EPARSE, name, 1,
						    "an element has more than %u attributes",
						    USHRT_MAX)
			     : policy__error_nomem();
	}
	*out = p;
	return 0;
}

const template_node *policy__template_nodes(const template_program *p, size_t *count)
{
	*count = p->count;
	return p->nodes;
}

void policy__template_program_free(template_program *p)
{
	if (p == NULL)
		return;
	free(p->nodes);
	policy__arena_free(&p->strings);
	policy_buf_dispose(&p->markup);
	free(p);
}
