/*
 * The body of an HTML page. cmark renders the blocks in safe mode (and the
 * tree was sanitised when the document was parsed: no raw HTML, no unsafe
 * link targets); the section headings are DOM elements made here, so that
 * they carry their section ids and lose their attribute blocks. cmark's
 * output goes into the DOM as text that libxml2 writes out unchanged,
 * because it is already escaped: escaping it again through the DOM cost
 * more than the whole of cmark's work (bench/render).
 */
#include <libxml/parserInternals.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "internal.h"
#include "policy/render.h"
#include "render_internal.h"
#include "template.h"
#include "treemem.h"

/* Append cmark's HTML for `node` (safe mode) to `out`. */
static int render_cmark(policy_buf *out, cmark_node *node)
{
	char *html = cmark_render_html(node, CMARK_OPT_DEFAULT, NULL); /* safe by default */
	int rc;

	if (html == NULL)
		return policy__error_nomem();
	rc = policy__buf_puts(out, html);
	policy__treemem_release(html);
	return rc;
}

/* Add `html`, already escaped by cmark, as a text node libxml2 writes out
 * as it is. */
static int add_markup(xmlNodePtr parent, policy_buf *html)
{
	xmlNodePtr t;

	if (html->size == 0)
		return 0;
	t = xmlNewTextLen(BAD_CAST html->ptr, (int)html->size);
	if (t == NULL)
		return policy__error_nomem();
	t->name = xmlStringTextNoenc;
	xmlAddChild(parent, t);
	policy__buf_clear(html);
	return 0;
}

/* A section heading: a DOM element with the section's id, holding cmark's
 * HTML for the heading's inline content without the attribute block. */
static int add_heading(xmlNodePtr parent, const policy_doc *doc, size_t index, cmark_node *h)
{
	const policy_section *s = policy_doc_section_at(doc, index);
	size_t cut = policy__doc_section_attr_len(doc, index);
	policy_buf inner = POLICY_BUF_INIT;
	char name[3] = {'h', (char)('0' + cmark_node_get_heading_level(h)), '\0'};
	xmlNodePtr el = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
	int rc = 0;

	if (el == NULL)
		return policy__error_nomem();
	xmlSetProp(el, BAD_CAST "id", BAD_CAST s->id);
	for (cmark_node *c = cmark_node_first_child(h); c != NULL && rc == 0;
	     c = cmark_node_next(c)) {
		if (cut > 0 && cmark_node_next(c) == NULL &&
		    cmark_node_get_type(c) == CMARK_NODE_TEXT) {
			const char *lit = cmark_node_get_literal(c);
			size_t keep = strlen(lit) > cut ? strlen(lit) - cut : 0;
			cmark_node *t = policy__treemem_node(CMARK_NODE_TEXT);
			char *part = strndup(lit, keep);

			if (t == NULL || part == NULL || !cmark_node_set_literal(t, part))
				rc = policy__error_nomem();
			else
				rc = render_cmark(&inner, t);
			free(part);
			if (t != NULL)
				cmark_node_free(t);
		} else {
			rc = render_cmark(&inner, c);
		}
	}
	if (rc == 0)
		rc = add_markup(el, &inner);
	if (rc == 0 && (rc = policy__buf_putc(&inner, '\n')) == 0) {
		xmlNodePtr nl = xmlNewTextLen(BAD_CAST "\n", 1);

		if (nl == NULL)
			rc = policy__error_nomem();
		else
			xmlAddChild(parent, nl);
	}
	policy_buf_dispose(&inner);
	return rc;
}

/*
 * The body under `container`. Runs of top-level blocks between section
 * headings become one pre-escaped text node each, so serialising the page
 * costs a copy of cmark's output rather than a second escaping pass.
 */
int policy__html_build_body(xmlNodePtr container, const policy_doc *doc)
{
	cmark_node *root = policy__doc_tree(doc);
	policy_buf run = POLICY_BUF_INIT;
	size_t section = 0;
	int rc = 0;

	if (root == NULL)
		return policy__error_set(POLICY_EINVALID, "the document has no body to render");
	for (cmark_node *n = cmark_node_first_child(root); n != NULL && rc == 0;
	     n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING) {
			rc = add_markup(container, &run);
			if (rc == 0)
				rc = add_heading(container, doc, section++, n);
		} else {
			rc = render_cmark(&run, n);
		}
	}
	if (rc == 0)
		rc = add_markup(container, &run);
	policy_buf_dispose(&run);
	return rc;
}
