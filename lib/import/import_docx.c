/*
 * Importing a Word file (.docx). A .docx is a zip (read with libarchive)
 * of XML parts (read with libxml2): word/document.xml holds the text,
 * word/styles.xml says which paragraph styles are headings, and
 * word/_rels/document.xml.rels where hyperlinks go. The document is
 * translated into the plain HTML the page reader already understands
 * (h1-h6, p, b, a, ul/li, table/tr/td) and read by it, so Word's
 * headings, bold-only paragraphs, lists and tables (one record per row
 * under a table of third parties) are read as a page's are.
 *
 * Headings: a paragraph style named "heading N" (or "标题 N"), or an
 * outline level on the paragraph or its style. Lists: paragraphs with
 * numbering (w:numPr). Everything else in the zip (images, headers,
 * comments) is left out.
 */
#include <archive.h>
#include <archive_entry.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "error.h"
#include "html.h"
#include "import_internal.h"
#include "policy/document.h"

/* A part larger than this, or parts larger than this together, is not a
 * policy: a zip bomb is stopped while it inflates. */
#define PART_MAX (32u << 20)
#define STYLES_MAX 512

typedef struct {
	char id[64];
	int level; /* 1-6 for a heading style, 0 otherwise */
} style_level;

typedef struct {
	style_level styles[STYLES_MAX];
	size_t nstyles;
	xmlDocPtr rels;
	policy_buf html;
	int rc;
} docx;

static int is_w(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c != NULL; c = c->next)
		if (is_w(c, name))
			return c;
	return NULL;
}

/* An attribute by its local name (any namespace prefix), or NULL; free
 * with xmlFree. */
static char *attr(xmlNodePtr n, const char *name)
{
	for (xmlAttrPtr a = n ? n->properties : NULL; a != NULL; a = a->next)
		if (strcmp((const char *)a->name, name) == 0)
			return (char *)xmlNodeGetContent((xmlNodePtr)a);
	return NULL;
}

/* w:val, the value of most of Word's properties. */
static char *val(xmlNodePtr n)
{
	return attr(n, "val");
}

/* ---- the zip ---- */

static int read_parts(const char *data, size_t len, const char *name, policy_buf *document,
		      policy_buf *styles, policy_buf *rels)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	size_t total = 0;
	int rc = 0, r;

	if (a == NULL)
		return policy__error_nomem();
	archive_read_support_format_zip(a);
	if (archive_read_open_memory(a, data, len) != ARCHIVE_OK) {
		rc = policy__error_set_at(POLICY_EPARSE, name, 1, "not a Word file: %s",
					  archive_error_string(a));
		goto done;
	}
	while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
		const char *path = archive_entry_pathname(e);
		policy_buf *into = path == NULL                                        ? NULL
				   : strcmp(path, "word/document.xml") == 0            ? document
				   : strcmp(path, "word/styles.xml") == 0              ? styles
				   : strcmp(path, "word/_rels/document.xml.rels") == 0 ? rels
										       : NULL;
		char chunk[16384];
		la_ssize_t n;

		if (into == NULL)
			continue;
		while ((n = archive_read_data(a, chunk, sizeof(chunk))) > 0) {
			total += (size_t)n;
			if (into->size + (size_t)n > PART_MAX || total > PART_MAX) {
				rc = policy__error_set_at(
					POLICY_EPARSE, name, 1,
					"%s inflates past %u MiB: not a policy (a zip bomb?)", path,
					PART_MAX >> 20);
				goto done;
			}
			if ((rc = policy__buf_put(into, chunk, (size_t)n)) < 0)
				goto done;
		}
		if (n < 0) {
			rc = policy__error_set_at(POLICY_EPARSE, name, 1,
						  "a broken Word file: %s: %s", path,
						  archive_error_string(a));
			goto done;
		}
	}
	if (r != ARCHIVE_EOF && rc == 0)
		rc = policy__error_set_at(POLICY_EPARSE, name, 1, "a broken Word file: %s",
					  archive_error_string(a));
	else if (rc == 0 && document->size == 0)
		rc = policy__error_set_at(POLICY_EPARSE, name, 1,
					  "a zip without word/document.xml: not a Word file");
done:
	archive_read_free(a);
	return rc;
}

static void quiet(void *ctx, xmlError *error)
{
	(void)ctx;
	(void)error;
}

/* XML from the zip: no network, no entities expanded, no DTD loaded, and
 * libxml2's messages kept off the terminal (the caller says what failed). */
static xmlDocPtr parse_xml(const policy_buf *b)
{
	xmlDocPtr doc;

	if (b->size == 0 || b->size > (size_t)INT32_MAX)
		return NULL;
	xmlSetStructuredErrorFunc(NULL, quiet);
	doc = xmlReadMemory(b->ptr, (int)b->size, NULL, NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlSetStructuredErrorFunc(NULL, NULL);
	return doc;
}

/* ---- styles ---- */

static int heading_name(const char *name)
{
	/* "heading 1", "Heading1", "标题 1", "标题1" */
	const char *p = NULL;

	if (strncasecmp(name, "heading", 7) == 0)
		p = name + 7;
	else if (strncmp(name, "标题", 6) == 0)
		p = name + 6;
	if (p == NULL)
		return 0;
	while (*p == ' ')
		p++;
	return p[0] >= '1' && p[0] <= '6' && p[1] == '\0' ? p[0] - '0' : 0;
}

static int outline_level(xmlNodePtr ppr)
{
	char *v = val(child(ppr, "outlineLvl"));
	int level = v != NULL && v[0] >= '0' && v[0] <= '5' && v[1] == '\0' ? v[0] - '0' + 1 : 0;

	xmlFree(v);
	return level;
}

static void read_styles(docx *x, xmlDocPtr doc)
{
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;

	for (xmlNodePtr s = root ? root->children : NULL; s != NULL && x->nstyles < STYLES_MAX;
	     s = s->next) {
		char *type, *id, *name;
		int level;

		if (!is_w(s, "style"))
			continue;
		type = attr(s, "type");
		id = attr(s, "styleId");
		name = val(child(s, "name"));
		level = name ? heading_name(name) : 0;
		if (level == 0)
			level = outline_level(child(s, "pPr"));
		if (type != NULL && strcmp(type, "paragraph") == 0 && id != NULL && level > 0) {
			snprintf(x->styles[x->nstyles].id, sizeof(x->styles[0].id), "%s", id);
			x->styles[x->nstyles++].level = level;
		}
		xmlFree(type);
		xmlFree(id);
		xmlFree(name);
	}
}

static int style_heading(const docx *x, const char *id)
{
	for (size_t i = 0; i < x->nstyles; i++)
		if (strcmp(x->styles[i].id, id) == 0)
			return x->styles[i].level;
	return heading_name(id); /* "Heading1" without styles.xml */
}

/* ---- the body, as HTML ---- */

static void put(docx *x, const char *s)
{
	if (x->rc == 0)
		x->rc = policy__buf_puts(&x->html, s);
}

/* Text, or an attribute value in "", escaped (render/html.c). */
static void put_escaped(docx *x, const char *s)
{
	if (x->rc == 0)
		x->rc = policy__html_quoted(&x->html, s, strlen(s));
}

static int run_bold(xmlNodePtr run)
{
	xmlNodePtr b = child(child(run, "rPr"), "b");
	char *v;
	int bold;

	if (b == NULL)
		return 0;
	v = val(b);
	bold = v == NULL || (strcmp(v, "0") != 0 && strcmp(v, "false") != 0);
	xmlFree(v);
	return bold;
}

static void runs(docx *x, xmlNodePtr p);

static void run(docx *x, xmlNodePtr r)
{
	int bold = run_bold(r);

	if (bold)
		put(x, "<b>");
	for (xmlNodePtr c = r->children; c != NULL; c = c->next) {
		if (is_w(c, "t")) {
			xmlChar *t = xmlNodeGetContent(c);

			put_escaped(x, t ? (const char *)t : "");
			xmlFree(t);
		} else if (is_w(c, "tab")) {
			put(x, " ");
		} else if (is_w(c, "br") || is_w(c, "cr")) {
			put(x, "<br>");
		}
	}
	if (bold)
		put(x, "</b>");
}

/* Where a hyperlink's r:id points, from the relationships part. */
static char *link_target(docx *x, const char *id)
{
	xmlNodePtr root = x->rels ? xmlDocGetRootElement(x->rels) : NULL;

	for (xmlNodePtr r = root ? root->children : NULL; r != NULL; r = r->next) {
		char *rid = attr(r, "Id");
		int hit = rid != NULL && strcmp(rid, id) == 0;

		xmlFree(rid);
		if (hit)
			return attr(r, "Target");
	}
	return NULL;
}

static void runs(docx *x, xmlNodePtr p)
{
	for (xmlNodePtr c = p->children; c != NULL && x->rc == 0; c = c->next) {
		if (is_w(c, "r")) {
			run(x, c);
		} else if (is_w(c, "hyperlink")) {
			char *id = attr(c, "id"), *target = id ? link_target(x, id) : NULL;

			if (target != NULL) {
				put(x, "<a href=\"");
				put_escaped(x, target);
				put(x, "\">");
			}
			runs(x, c);
			if (target != NULL)
				put(x, "</a>");
			xmlFree(id);
			xmlFree(target);
		} else if (is_w(c, "ins") || is_w(c, "smartTag") || is_w(c, "sdtContent") ||
			   is_w(c, "fldSimple")) {
			runs(x, c); /* tracked insertions and wrappers keep their text */
		} else if (is_w(c, "sdt")) {
			runs(x, child(c, "sdtContent"));
		}
	}
}

static void paragraph(docx *x, xmlNodePtr p, int *in_list)
{
	xmlNodePtr ppr = child(p, "pPr");
	char *style = val(child(ppr, "pStyle"));
	int level = outline_level(ppr), item = child(ppr, "numPr") != NULL;
	char tag[16];

	if (level == 0 && style != NULL)
		level = style_heading(x, style);
	xmlFree(style);
	if (level > 0 || !item) {
		if (*in_list)
			put(x, "</ul>\n");
		*in_list = 0;
	}
	if (level > 0) {
		snprintf(tag, sizeof(tag), "h%d", level > 6 ? 6 : level);
	} else if (item) {
		if (!*in_list)
			put(x, "<ul>\n");
		*in_list = 1;
		snprintf(tag, sizeof(tag), "li");
	} else {
		snprintf(tag, sizeof(tag), "p");
	}
	put(x, "<");
	put(x, tag);
	put(x, ">");
	runs(x, p);
	put(x, "</");
	put(x, tag);
	put(x, ">\n");
}

static void body(docx *x, xmlNodePtr parent, int in_cell);

static void table(docx *x, xmlNodePtr tbl)
{
	put(x, "<table>\n");
	for (xmlNodePtr tr = tbl->children; tr != NULL && x->rc == 0; tr = tr->next) {
		if (!is_w(tr, "tr"))
			continue;
		put(x, "<tr>");
		for (xmlNodePtr tc = tr->children; tc != NULL && x->rc == 0; tc = tc->next)
			if (is_w(tc, "tc")) {
				put(x, "<td>");
				body(x, tc, 1);
				put(x, "</td>");
			}
		put(x, "</tr>\n");
	}
	put(x, "</table>\n");
}

/* Paragraphs and tables of the body, or of a table cell (whose paragraphs
 * are joined by a line break). */
static void body(docx *x, xmlNodePtr parent, int in_cell)
{
	int in_list = 0, first = 1;

	for (xmlNodePtr c = parent->children; c != NULL && x->rc == 0; c = c->next) {
		if (is_w(c, "p") && in_cell) {
			if (!first)
				put(x, "<br>");
			runs(x, c);
			first = 0;
		} else if (is_w(c, "p")) {
			paragraph(x, c, &in_list);
		} else if (is_w(c, "tbl") && !in_cell) {
			if (in_list)
				put(x, "</ul>\n");
			in_list = 0;
			table(x, c);
		} else if (is_w(c, "sdt")) {
			body(x, child(c, "sdtContent") ? child(c, "sdtContent") : c, in_cell);
		}
	}
	if (in_list)
		put(x, "</ul>\n");
}

int policy__import_docx(import_doc *d, const char *data, size_t len, const char *name)
{
	policy_buf document = POLICY_BUF_INIT, styles = POLICY_BUF_INIT, rels = POLICY_BUF_INIT;
	docx *x = calloc(1, sizeof(*x));
	xmlDocPtr doc = NULL, sdoc = NULL;
	xmlNodePtr root, b;
	int rc;

	if (x == NULL)
		return policy__error_nomem();
	if ((rc = read_parts(data, len, name, &document, &styles, &rels)) < 0)
		goto done;
	if ((doc = parse_xml(&document)) == NULL || (root = xmlDocGetRootElement(doc)) == NULL ||
	    (b = child(root, "body")) == NULL) {
		rc = policy__error_set_at(
			POLICY_EPARSE, name, 1,
			"word/document.xml cannot be read: not well-formed XML, not a Word "
			"document, or a paragraph over libxml2's limit of 10 MB");
		goto done;
	}
	sdoc = parse_xml(&styles);
	read_styles(x, sdoc);
	x->rels = parse_xml(&rels);
	put(x, "<!DOCTYPE html><html><body>\n");
	body(x, b, 0);
	put(x, "</body></html>\n");
	if ((rc = x->rc) == 0 && x->html.size > POLICY_DOC_MAX_SIZE)
		rc = policy__error_set_at(POLICY_EPARSE, name, 1,
					  "the Word file's text is %zu bytes, over the limit of %u",
					  x->html.size, POLICY_DOC_MAX_SIZE);
	if (rc == 0)
		rc = policy__import_html(d, x->html.ptr, x->html.size, name);
done:
	xmlFreeDoc(doc);
	xmlFreeDoc(sdoc);
	xmlFreeDoc(x->rels);
	policy_buf_dispose(&x->html);
	policy_buf_dispose(&document);
	policy_buf_dispose(&styles);
	policy_buf_dispose(&rels);
	free(x);
	return rc;
}
