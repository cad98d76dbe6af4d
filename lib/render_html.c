/*
 * HTML output. The body is built directly as libxml2 nodes from cmark's
 * tree (rather than rendering cmark's HTML and parsing it back), so the
 * page is one DOM from template to body and every string is escaped by the
 * serialiser. The tree was sanitised when the document was parsed (no raw
 * HTML, no unsafe link targets); here, top-level headings get their section
 * ids and lose their attribute blocks. `page` fills templates/page.html;
 * `fragment` is the body alone.
 */
#include <string.h>

#include "internal.h"
#include "policy/render.h"
#include "render_internal.h"
#include "template.h"
#include "util/buf.h"
#include "util/error.h"

typedef struct {
	const policy_doc *doc;
	cmark_node *root;
	size_t section; /* next top-level heading's section index */
} body_ctx;

static xmlNodePtr add_element(xmlNodePtr parent, const char *name)
{
	return xmlNewChild(parent, NULL, BAD_CAST name, NULL);
}

static int add_text(xmlNodePtr parent, const char *text, size_t len)
{
	xmlNodePtr t = xmlNewTextLen(BAD_CAST text, (int)len);

	if (t == NULL)
		return -1;
	if (xmlAddChild(parent, t) == NULL) {
		xmlFreeNode(t);
		return -1;
	}
	return 0;
}

/* Blocks are followed by a newline so the HTML reads line by line. */
static int is_block(cmark_node_type t)
{
	return t >= CMARK_NODE_FIRST_BLOCK && t <= CMARK_NODE_LAST_BLOCK;
}

static int in_tight_list(cmark_node *para)
{
	cmark_node *item = cmark_node_parent(para);
	cmark_node *list = item ? cmark_node_parent(item) : NULL;

	return list != NULL && cmark_node_get_type(list) == CMARK_NODE_LIST &&
	       cmark_node_get_list_tight(list);
}

/* Open the element for `n` under `parent`; NULL with *skip set for nodes
 * that add no element. */
static xmlNodePtr open_node(body_ctx *ctx, cmark_node *n, xmlNodePtr parent, int *skip_children)
{
	char name[4] = "h1";
	xmlNodePtr el = NULL;

	*skip_children = 0;
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_BLOCK_QUOTE:
		return add_element(parent, "blockquote");
	case CMARK_NODE_LIST:
		if (cmark_node_get_list_type(n) == CMARK_ORDERED_LIST) {
			el = add_element(parent, "ol");
			if (el != NULL && cmark_node_get_list_start(n) != 1) {
				char start[16];

				snprintf(start, sizeof(start), "%d", cmark_node_get_list_start(n));
				xmlSetProp(el, BAD_CAST "start", BAD_CAST start);
			}
			return el;
		}
		return add_element(parent, "ul");
	case CMARK_NODE_ITEM:
		return add_element(parent, "li");
	case CMARK_NODE_PARAGRAPH:
		return in_tight_list(n) ? parent : add_element(parent, "p");
	case CMARK_NODE_HEADING:
		name[1] = (char)('0' + cmark_node_get_heading_level(n));
		el = add_element(parent, name);
		if (el != NULL && cmark_node_parent(n) == ctx->root) {
			const policy_section *s = policy_doc_section(ctx->doc, ctx->section++);

			if (s != NULL)
				xmlSetProp(el, BAD_CAST "id", BAD_CAST s->id);
		}
		return el;
	case CMARK_NODE_CODE_BLOCK:
		el = add_element(parent, "pre");
		if (el != NULL) {
			xmlNodePtr code = add_element(el, "code");
			const char *lit = cmark_node_get_literal(n);

			if (code == NULL || add_text(code, lit, strlen(lit)) < 0)
				return NULL;
		}
		*skip_children = 1;
		return el;
	case CMARK_NODE_THEMATIC_BREAK:
		*skip_children = 1;
		return add_element(parent, "hr");
	case CMARK_NODE_EMPH:
		return add_element(parent, "em");
	case CMARK_NODE_STRONG:
		return add_element(parent, "strong");
	case CMARK_NODE_LINK:
		el = add_element(parent, "a");
		if (el != NULL && cmark_node_get_url(n)[0] != '\0')
			xmlSetProp(el, BAD_CAST "href", BAD_CAST cmark_node_get_url(n));
		if (el != NULL && cmark_node_get_title(n)[0] != '\0')
			xmlSetProp(el, BAD_CAST "title", BAD_CAST cmark_node_get_title(n));
		return el;
	case CMARK_NODE_IMAGE: {
		policy_buf alt = POLICY_BUF_INIT;

		el = add_element(parent, "img");
		if (el != NULL && cmark_node_get_url(n)[0] != '\0')
			xmlSetProp(el, BAD_CAST "src", BAD_CAST cmark_node_get_url(n));
		if (el != NULL && inline_text(&alt, n) == 0)
			xmlSetProp(el, BAD_CAST "alt", BAD_CAST(alt.ptr ? alt.ptr : ""));
		if (el != NULL && cmark_node_get_title(n)[0] != '\0')
			xmlSetProp(el, BAD_CAST "title", BAD_CAST cmark_node_get_title(n));
		policy_buf_dispose(&alt);
		*skip_children = 1;
		return el;
	}
	case CMARK_NODE_CODE: {
		const char *lit = cmark_node_get_literal(n);

		el = add_element(parent, "code");
		if (el != NULL && add_text(el, lit, strlen(lit)) < 0)
			return NULL;
		*skip_children = 1;
		return el;
	}
	case CMARK_NODE_TEXT: {
		const char *lit = cmark_node_get_literal(n);
		size_t len = strlen(lit);
		cmark_node *h = cmark_node_parent(n);

		/* The attribute block of a section heading never shows. */
		if (cmark_node_next(n) == NULL && cmark_node_get_type(h) == CMARK_NODE_HEADING &&
		    cmark_node_parent(h) == ctx->root) {
			size_t cut = doc_section_attr_len(ctx->doc, ctx->section - 1);

			len -= cut < len ? cut : len;
		}
		*skip_children = 1;
		return len == 0 || add_text(parent, lit, len) == 0 ? parent : NULL;
	}
	case CMARK_NODE_SOFTBREAK:
		*skip_children = 1;
		return add_text(parent, "\n", 1) == 0 ? parent : NULL;
	case CMARK_NODE_LINEBREAK:
		*skip_children = 1;
		return add_element(parent, "br");
	default:
		/* Raw HTML was removed at parse time; custom nodes are never made. */
		*skip_children = 1;
		return parent;
	}
}

int html_build_body(xmlNodePtr container, const policy_doc *doc)
{
	body_ctx ctx = {doc, doc_tree(doc), 0};
	cmark_iter *it;
	cmark_event_type ev;
	xmlNodePtr cur = container;
	int rc = 0;

	if (ctx.root == NULL)
		return error_set(POLICY_EINVALID, "the document has no body to render");
	it = cmark_iter_new(ctx.root);
	if (it == NULL)
		return error_nomem();
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		int skip;
		xmlNodePtr el;

		if (n == ctx.root)
			continue;
		/* Only containers have EXIT events; images and tight-list
		 * paragraphs opened no element of their own to close. */
		if (ev == CMARK_EVENT_EXIT) {
			if (t == CMARK_NODE_IMAGE || (t == CMARK_NODE_PARAGRAPH && in_tight_list(n)))
				continue;
			cur = cur->parent;
			if (is_block(t) && add_text(cur, "\n", 1) < 0) {
				rc = error_nomem();
				break;
			}
			continue;
		}
		el = open_node(&ctx, n, cur, &skip);
		if (el == NULL) {
			rc = error_nomem();
			break;
		}
		if (t == CMARK_NODE_IMAGE)
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		else if (!skip)
			cur = el;
		else if (is_block(t) && el != cur && add_text(cur, "\n", 1) < 0)
			rc = error_nomem();
		if (rc < 0)
			break;
	}
	cmark_iter_free(it);
	return rc;
}
