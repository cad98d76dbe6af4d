/*
 * Reading a policy's web page for import, through libxml2's HTML parser
 * (which honours the encoding the page declares). The page becomes the
 * import's blocks: headings h1-h6, paragraphs (a <br> ends one, as lines
 * of pasted text do), list items with their depth, and tables, which
 * become GFM tables (a row a line). Links keep their
 * target when it is safe to render; emphasis and code keep their marks.
 * Scripts, styles, navigation and forms are dropped.
 */
#define _GNU_SOURCE
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "array.h"
#include "buf.h"
#include "error.h"
#include "import_internal.h"
#include "internal.h"
#include "utf8.h"

typedef struct {
	import_doc *d;
	policy_buf md; /* the paragraph being gathered */
	policy_buf plain;
	unsigned line;
	int list_depth;   /* -1 outside lists */
	unsigned flushes; /* blocks made so far, to know one was made inside an element */
	int ordered;
	int in_cell; /* > 0 while a table cell's text is gathered */
	int rc;
} reader;

static int named(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, name) == 0;
}

static int dropped(xmlNodePtr n)
{
	static const char *const tags[] = {"script", "style",    "nav",    "noscript", "template",
					   "iframe", "form",     "button", "svg",      "select",
					   "input",  "textarea", "head",   "img",      "video",
					   "audio",  "canvas",   "object", "footer"};
	static const char *const chrome[] = {"nav", "menu", "breadcrumb", "sidebar"};
	xmlChar *role, *hidden, *cls, *id;
	int drop = 0;

	for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (named(n, tags[i]))
			return 1;
	role = xmlGetProp(n, BAD_CAST "role");
	hidden = xmlGetProp(n, BAD_CAST "hidden");
	cls = xmlGetProp(n, BAD_CAST "class");
	id = xmlGetProp(n, BAD_CAST "id");
	drop = hidden != NULL ||
	       (role != NULL && strcasecmp((const char *)role, "navigation") == 0);
	/* The site's menus around the policy: class or id naming them. */
	for (size_t i = 0; i < sizeof(chrome) / sizeof(chrome[0]) && !drop; i++)
		drop = (cls && strcasestr((const char *)cls, chrome[i])) ||
		       (id && strcasestr((const char *)id, chrome[i]));
	xmlFree(role);
	xmlFree(hidden);
	xmlFree(cls);
	xmlFree(id);
	return drop;
}

static int is_block(xmlNodePtr n)
{
	static const char *const tags[] = {
		"p",      "div",        "section", "article", "main", "header", "footer",
		"aside",  "blockquote", "pre",     "address", "dl",   "dt",     "dd",
		"figure", "figcaption", "hr",      "body",    "html", "center"};

	for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (named(n, tags[i]))
			return 1;
	return 0;
}

static int heading_level(xmlNodePtr n)
{
	if (n->type != XML_ELEMENT_NODE || (n->name[0] != 'h' && n->name[0] != 'H') ||
	    n->name[1] < '1' || n->name[1] > '6' || n->name[2] != '\0')
		return 0;
	return n->name[1] - '0';
}

/* Append text with HTML's white space collapsed. */
static void add_text(reader *r, const char *text)
{
	policy_buf collapsed = POLICY_BUF_INIT;
	int space = r->plain.size == 0 || r->plain.ptr[r->plain.size - 1] == ' ';

	for (const char *p = text; *p && r->rc == 0; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == '\f') {
			if (!space)
				r->rc = policy__buf_putc(&collapsed, ' ');
			space = 1;
		} else {
			r->rc = policy__buf_putc(&collapsed, *p);
			space = 0;
		}
	}
	if (r->rc == 0 && collapsed.size > 0) {
		r->rc = policy__buf_put(&r->plain, collapsed.ptr, collapsed.size);
		if (r->rc == 0)
			r->rc = policy__import_escape(&r->md, collapsed.ptr, collapsed.size);
	}
	policy_buf_dispose(&collapsed);
}

/* The gathered inline text as a block of `kind` (nothing when empty). */
static block *flush(reader *r, block_kind kind)
{
	block *b = NULL;
	size_t a = 0, z = r->plain.size;

	while (a < z && r->plain.ptr[a] == ' ')
		a++;
	while (z > a && r->plain.ptr[z - 1] == ' ')
		z--;
	if (r->rc == 0 && z > a) {
		size_t ma = 0, mz = r->md.size;

		while (ma < mz && r->md.ptr[ma] == ' ')
			ma++;
		while (mz > ma && r->md.ptr[mz - 1] == ' ')
			mz--;
		r->plain.ptr[z] = '\0';
		r->md.ptr[mz] = '\0';
		b = policy__import_add(r->d, kind, r->plain.ptr + a, r->md.ptr + ma, r->line);
		if (b == NULL)
			r->rc = policy__error_nomem();
	}
	policy__buf_clear(&r->plain);
	policy__buf_clear(&r->md);
	r->flushes++;
	return b;
}

static void walk(reader *r, xmlNodePtr n);

static void walk_children(reader *r, xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c != NULL && r->rc == 0; c = c->next)
		walk(r, c);
}

/* Inline markup around the children: **bold**, *em*, `code`, [link](url). */
static void inline_marked(reader *r, xmlNodePtr n, const char *open, const char *close)
{
	size_t before = r->plain.size, md_before = r->md.size;
	unsigned flushes = r->flushes;

	if ((r->rc = policy__buf_puts(&r->md, open)) < 0)
		return;
	walk_children(r, n);
	if (r->rc < 0 || r->flushes != flushes)
		return; /* a block inside the element: its marks are lost with it */
	if (r->plain.size == before) {
		/* nothing inside: no marks either */
		r->md.size = md_before;
		r->md.ptr[r->md.size] = '\0';
		return;
	}
	r->rc = policy__buf_puts(&r->md, close);
}

static void link(reader *r, xmlNodePtr n)
{
	xmlChar *href = xmlGetProp(n, BAD_CAST "href");
	size_t md_before = r->md.size, plain_before = r->plain.size;
	unsigned flushes = r->flushes;

	if (href == NULL || href[0] == '#' || !policy__url_is_safe((const char *)href)) {
		walk_children(r, n); /* the text stays, the target goes */
		xmlFree(href);
		return;
	}
	if ((r->rc = policy__buf_putc(&r->md, '[')) == 0)
		walk_children(r, n);
	if (r->rc == 0 && r->flushes != flushes) {
		/* a block inside the link: the text went with it, the target too */
	} else if (r->rc == 0 && r->plain.size == plain_before) {
		r->md.size = md_before; /* no text: no link */
		r->md.ptr[r->md.size] = '\0';
	} else if (r->rc == 0 && (r->rc = policy__buf_puts(&r->md, "](")) == 0) {
		/* Characters that would end or break the target, encoded. */
		for (const xmlChar *p = href; *p && r->rc == 0; p++)
			r->rc = *p == '(' || *p == ')' || *p == ' ' || *p == '<' || *p == '>'
					? policy__buf_printf_line(&r->md, "%%%02X", *p)
					: policy__buf_putc(&r->md, (char)*p);
		if (r->rc == 0)
			r->rc = policy__buf_putc(&r->md, ')');
	}
	xmlFree(href);
}

/* The text of a table cell, as plain text and Markdown, on one line:
 * the cell's paragraphs, line breaks and list items are parted by
 * spaces (r->in_cell). */
static void cell_text(reader *r, xmlNodePtr cell, policy_buf *plain, policy_buf *md)
{
	policy__buf_clear(&r->plain);
	policy__buf_clear(&r->md);
	r->in_cell++;
	walk_children(r, cell);
	r->in_cell--;
	policy__buf_clear(plain);
	policy__buf_clear(md);
	if (r->rc == 0 && r->plain.size > 0)
		r->rc = policy__buf_put(plain, r->plain.ptr, r->plain.size);
	if (r->rc == 0 && r->md.size > 0)
		r->rc = policy__buf_put(md, r->md.ptr, r->md.size);
	policy__buf_clear(&r->plain);
	policy__buf_clear(&r->md);
}

/* The `tr` elements under a table (through thead, tbody, tfoot), in
 * order, into a growing array. 0 or POLICY_ENOMEM. */
static int rows_of(xmlNodePtr table, xmlNodePtr **rows, size_t *count, size_t *cap)
{
	for (xmlNodePtr c = table->children; c != NULL; c = c->next) {
		int group = named(c, "thead") || named(c, "tbody") || named(c, "tfoot");

		for (xmlNodePtr t = group ? c->children : c; t != NULL;
		     t = group ? t->next : NULL) {
			if (!named(t, "tr"))
				continue;
			if (ARRAY_RESERVE(*rows, *cap, *count) < 0)
				return policy__error_nomem();
			(*rows)[(*count)++] = t;
		}
	}
	return 0;
}

static int is_cell(xmlNodePtr n)
{
	return named(n, "td") || named(n, "th");
}

/* Append `b` without the spaces at either end. */
static int put_trimmed(policy_buf *out, const policy_buf *b)
{
	size_t a = 0, z = b->size;

	while (a < z && b->ptr[a] == ' ')
		a++;
	while (z > a && b->ptr[z - 1] == ' ')
		z--;
	return z > a ? policy__buf_put(out, b->ptr + a, z - a) : 0;
}

/* One row as a GFM table line ("| a | b |"), padded with empty cells to
 * `ncols`; its plain text (cells parted by " | ") into `plain`. A NULL
 * row is an empty one. */
static void table_line(reader *r, xmlNodePtr row, size_t ncols, policy_buf *md, policy_buf *plain)
{
	policy_buf cp = POLICY_BUF_INIT, cm = POLICY_BUF_INIT;
	xmlNodePtr c = row ? row->children : NULL;

	for (size_t col = 0; col < ncols && r->rc == 0; col++) {
		while (c != NULL && !is_cell(c))
			c = c->next;
		policy__buf_clear(&cp);
		policy__buf_clear(&cm);
		if (c != NULL) {
			cell_text(r, c, &cp, &cm);
			c = c->next;
		}
		r->rc = policy__buf_puts(md, "| ");
		if (r->rc == 0)
			r->rc = put_trimmed(md, &cm);
		if (r->rc == 0)
			r->rc = policy__buf_putc(md, ' ');
		if (r->rc == 0 && col > 0)
			r->rc = policy__buf_puts(plain, " | ");
		if (r->rc == 0)
			r->rc = put_trimmed(plain, &cp);
	}
	if (r->rc == 0)
		r->rc = policy__buf_puts(md, "|\n");
	if (r->rc == 0)
		r->rc = policy__buf_putc(plain, '\n');
	policy_buf_dispose(&cp);
	policy_buf_dispose(&cm);
}

/* A table becomes a GFM table block. Its first row is the header when
 * it is one (th cells, or the first of more than two rows); a table
 * without one gets an empty header, since GFM needs a header row. The
 * rows of a table of third parties are then recipient records of the
 * document model (lib/document/table.c). */
static void table(reader *r, xmlNodePtr t)
{
	xmlNodePtr *rows = NULL;
	size_t nrows = 0, cap = 0, ncols = 0, first = 0;
	policy_buf md = POLICY_BUF_INIT, plain = POLICY_BUF_INIT;
	unsigned line = (unsigned)xmlGetLineNo(t);
	int has_header = 0;

	flush(r, BLOCK_PARA);
	if ((r->rc = rows_of(t, &rows, &nrows, &cap)) < 0 || nrows == 0)
		goto done;
	for (size_t i = 0; i < nrows; i++) {
		size_t cells = 0;

		for (xmlNodePtr c = rows[i]->children; c != NULL; c = c->next) {
			cells += is_cell(c);
			has_header |= i == 0 && named(c, "th");
		}
		ncols = cells > ncols ? cells : ncols;
	}
	if (ncols == 0)
		goto done;
	first = has_header || nrows > 2;
	table_line(r, first ? rows[0] : NULL, ncols, &md, &plain);
	for (size_t col = 0; col < ncols && r->rc == 0; col++)
		r->rc = policy__buf_puts(&md, col == 0 ? "| --- |" : " --- |");
	if (r->rc == 0)
		r->rc = policy__buf_putc(&md, '\n');
	for (size_t i = first; i < nrows && r->rc == 0; i++)
		table_line(r, rows[i], ncols, &md, &plain);
	if (r->rc == 0 && policy__import_add(r->d, BLOCK_TABLE, plain.ptr, md.ptr, line) == NULL)
		r->rc = policy__error_nomem();
done:
	free(rows);
	policy_buf_dispose(&md);
	policy_buf_dispose(&plain);
}

static void list(reader *r, xmlNodePtr n)
{
	int depth = r->list_depth, ordered = r->ordered;

	flush(r, r->list_depth >= 0 ? BLOCK_ITEM : BLOCK_PARA);
	r->list_depth++;
	r->ordered = named(n, "ol");
	for (xmlNodePtr c = n->children; c != NULL && r->rc == 0; c = c->next) {
		if (!named(c, "li")) {
			walk(r, c);
			continue;
		}
		r->line = (unsigned)xmlGetLineNo(c);
		walk_children(r, c);
		{
			block *b = flush(r, BLOCK_ITEM);

			if (b != NULL) {
				b->depth = r->list_depth;
				b->ordered = r->ordered;
			}
		}
	}
	r->list_depth = depth;
	r->ordered = ordered;
}

static void walk(reader *r, xmlNodePtr n)
{
	int level;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		add_text(r, (const char *)n->content);
		return;
	}
	if (n->type != XML_ELEMENT_NODE || dropped(n))
		return;
	if (r->in_cell > 0 && (heading_level(n) > 0 || is_block(n) || named(n, "br") ||
			       named(n, "ul") || named(n, "ol") || named(n, "li") ||
			       named(n, "table") || named(n, "tr") || is_cell(n))) {
		/* inside a cell, blocks are parted by a space, all on one line */
		add_text(r, " ");
		walk_children(r, n);
		add_text(r, " ");
		return;
	}
	if ((level = heading_level(n)) > 0) {
		block *b;

		flush(r, BLOCK_PARA);
		r->line = (unsigned)xmlGetLineNo(n);
		walk_children(r, n);
		if ((b = flush(r, BLOCK_HEADING)) != NULL)
			b->level = level;
		return;
	}
	if (named(n, "br")) {
		block *b = flush(r, r->list_depth >= 0 ? BLOCK_ITEM : BLOCK_PARA);

		if (b != NULL && b->kind == BLOCK_ITEM)
			b->depth = r->list_depth;
		r->line = (unsigned)xmlGetLineNo(n);
		return;
	}
	if (named(n, "ul") || named(n, "ol")) {
		list(r, n);
		return;
	}
	if (named(n, "table")) {
		table(r, n);
		return;
	}
	if (named(n, "strong") || named(n, "b")) {
		inline_marked(r, n, "**", "**");
		return;
	}
	if (named(n, "em") || named(n, "i")) {
		inline_marked(r, n, "*", "*");
		return;
	}
	if (named(n, "code")) {
		inline_marked(r, n, "`", "`");
		return;
	}
	if (named(n, "a")) {
		link(r, n);
		return;
	}
	if (is_block(n)) {
		block *b = flush(r, r->list_depth >= 0 ? BLOCK_ITEM : BLOCK_PARA);

		if (b != NULL && b->kind == BLOCK_ITEM)
			b->depth = r->list_depth;
		r->line = (unsigned)xmlGetLineNo(n);
		walk_children(r, n);
		b = flush(r, r->list_depth >= 0 ? BLOCK_ITEM : BLOCK_PARA);
		if (b != NULL && b->kind == BLOCK_ITEM)
			b->depth = r->list_depth;
		return;
	}
	walk_children(r, n);
}

static const char *text_of(import_doc *d, xmlNodePtr n)
{
	xmlChar *t = xmlNodeGetContent(n);
	const char *copy = t ? policy__arena_strdup(&d->mem, (const char *)t) : NULL;

	xmlFree(t);
	return copy;
}

#define ATTRIBUTES_MAX 1000

/* The line of the first tag with more than ATTRIBUTES_MAX attributes, or
 * 0. libxml2 checks each attribute of a tag against those before it, so
 * 40,000 attributes on one element took 13 s; no page needs a thousand.
 * A linear count of the name=value pairs between '<' and '>', quotes
 * respected; only a guard, the parsing stays libxml2's. */
static unsigned crowded_tag(const char *s, size_t len)
{
	unsigned line = 1, tag_line = 1, count = 0;
	int in_tag = 0;
	char quote = 0;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c == '\n')
			line++;
		if (!in_tag) {
			if (c == '<') {
				in_tag = 1;
				count = 0;
				tag_line = line;
			}
			continue;
		}
		if (quote) {
			if (c == quote)
				quote = 0;
			continue;
		}
		if (c == '"' || c == '\'')
			quote = c;
		else if (c == '>')
			in_tag = 0;
		else if (c == '=' && ++count > ATTRIBUTES_MAX)
			return tag_line;
	}
	return 0;
}

/* libxml2's messages are for its own users; ours say what matters. */
static void quiet(void *ctx, xmlError *error)
{
	(void)ctx;
	(void)error;
}

int policy__import_html(import_doc *d, const char *data, size_t len, const char *name)
{
	unsigned crowded = crowded_tag(data, len);
	htmlParserCtxtPtr ctxt = crowded ? NULL : htmlNewParserCtxt();
	/* A page that is valid UTF-8 is read as UTF-8 whatever its <meta
	 * charset> claims (pages are often re-saved without updating it);
	 * any other page by its declaration. libxml2 stops at 256 levels of
	 * nesting (no HTML_PARSE_HUGE), which also bounds the recursion of
	 * walk() below. */
	int utf8 = policy__utf8_invalid_offset(data, len) == len;
	htmlDocPtr doc;
	xmlNodePtr root, body = NULL;
	reader r = {d, POLICY_BUF_INIT, POLICY_BUF_INIT, 1, -1, 0, 0, 0, 0};
	char why[200] = "";
	xmlChar *lang;

	if (crowded)
		return policy__error_set_at(
			POLICY_EPARSE, name, crowded,
			"an element has over %d attributes: not a page to import", ATTRIBUTES_MAX);
	xmlSetStructuredErrorFunc(NULL, quiet);
	doc = ctxt ? htmlCtxtReadMemory(ctxt, data, (int)len, name, utf8 ? "UTF-8" : NULL,
					HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
						HTML_PARSE_NONET | HTML_PARSE_RECOVER |
						(utf8 ? HTML_PARSE_IGNORE_ENC : 0))
		   : NULL;
	xmlSetStructuredErrorFunc(NULL, NULL);
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (ctxt != NULL && ctxt->lastError.code == XML_ERR_INTERNAL_ERROR &&
	    ctxt->lastError.message)
		snprintf(why, sizeof(why), " (%s)", ctxt->lastError.message);
	for (char *nl = strchr(why, '\n'); nl != NULL; nl = strchr(nl, '\n'))
		*nl = ' ';
	htmlFreeParserCtxt(ctxt);
	if (root == NULL) {
		xmlFreeDoc(doc);
		return policy__error_set_at(POLICY_EPARSE, name, 1,
					    "the input cannot be read as HTML%s", why);
	}
	if ((lang = xmlGetProp(root, BAD_CAST "lang")) != NULL) {
		d->lang = policy__arena_strdup(&d->mem, (const char *)lang);
		xmlFree(lang);
	}
	for (xmlNodePtr c = root->children; c != NULL; c = c->next) {
		if (named(c, "head"))
			for (xmlNodePtr h = c->children; h != NULL; h = h->next)
				if (named(h, "title"))
					d->title = text_of(d, h);
		if (named(c, "body"))
			body = c;
	}
	walk(&r, body ? body : root);
	flush(&r, BLOCK_PARA);
	policy_buf_dispose(&r.md);
	policy_buf_dispose(&r.plain);
	xmlFreeDoc(doc);
	if (r.rc == 0 && d->count == 0)
		r.rc = policy__error_set_at(POLICY_EPARSE, name, 1, "the page holds no text%s",
					    why);
	return r.rc;
}
