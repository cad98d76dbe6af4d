/*
 * The body of an HTML page. cmark renders the blocks in safe mode (and the
 * tree was sanitised when the document was parsed: no raw HTML, no unsafe
 * link targets); the section headings are DOM elements made here, so that
 * they carry their section ids and lose their attribute blocks. cmark's
 * output is appended as it is, being escaped already; the headings are
 * written through html.c.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "html.h"
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

/* A section heading: an element with the section's id, holding cmark's
 * HTML for the heading's inline content without the attribute block. */
static int add_heading(policy_buf *out, const policy_doc *doc, size_t index, cmark_node *h)
{
	const policy_section *s = policy_doc_section_at(doc, index);
	size_t cut = policy__doc_section_attr_len(doc, index);
	char name[3] = {'h', (char)('0' + cmark_node_get_heading_level(h)), '\0'};
	const char *const id[2] = {"id", s->id};
	int rc = policy__html_start(out, name, id, 1) < 0 ? policy__error_nomem() : 0;

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
				rc = render_cmark(out, t);
			free(part);
			if (t != NULL)
				cmark_node_free(t);
		} else {
			rc = render_cmark(out, c);
		}
	}
	if (rc == 0 && (policy__html_end(out, name) < 0 || policy__buf_putc(out, '\n') < 0))
		rc = policy__error_nomem();
	return rc;
}

int policy__html_body(policy_buf *out, const policy_doc *doc)
{
	cmark_node *root = policy__doc_tree(doc);
	size_t section = 0, len;
	int rc = 0;

	if (root == NULL)
		return policy__error_set(POLICY_EINVALID, "the document has no body to render");
	/* Room for the whole body at once: HTML is about the size of its
	 * Markdown (a 2 MB policy's page is 8% larger). Grown half again at a
	 * time, the page's buffer was copied and faulted in some twenty times,
	 * a quarter of rendering 2 MB. */
	policy__doc_body(doc, &len);
	if (policy__buf_grow(out, len + len / 4) < 0)
		return POLICY_ENOMEM;
	for (cmark_node *n = cmark_node_first_child(root); n != NULL && rc == 0;
	     n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING)
			rc = add_heading(out, doc, section++, n);
		else
			rc = render_cmark(out, n);
	}
	return rc;
}
