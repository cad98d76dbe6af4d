/*
 * Headings real Markdown marks another way. Policies published by large
 * services put their headings inside list items ("1. ## Data we collect"),
 * in bold paragraphs ("**3. UPDATES**") and bold list items
 * ("5. **3. UPDATES**"), and leave empty "###" lines; read as written, a
 * whole policy is one or two sections and every change in it is a change
 * "somewhere". Before sections are built, cmark's tree is rewritten so
 * that these become top-level headings, as their authors meant:
 *
 *   - a heading that opens a list item leaves the list, the item's other
 *     blocks follow it at the top level and the list goes on after them
 *     (an ordered list keeps its numbers);
 *   - a paragraph that is nothing but bold text, short, on one line and
 *     followed by more of the document is a heading one level under the
 *     last real heading (deeper by its own numbering: "4.2" is one under
 *     "4."); a run of unnumbered bold lines with nothing between them is
 *     left alone, as emphasis;
 *   - an empty heading is removed and reported.
 *
 * Headings made here carry their source lines in the node's user data
 * (policy__outline_start_line / policy__outline_end_line), since cmark's positions
 * belong to nodes it made itself.
 */
#include <string.h>

#include "buf.h"
#include "error.h"
#include "internal.h"
#include "treemem.h"

/* Longest bold paragraph read as a heading, in bytes. */
#define MAX_BOLD_TITLE 200

typedef struct {
	int start, end;
} node_lines;

typedef struct {
	arena *mem;
	int base;     /* level of the last real heading, 0 before any */
	int numbered; /* depth of the last numbered bold heading under it, 0 if none */
} lift_state;

int policy__outline_start_line(cmark_node *n)
{
	const node_lines *l = cmark_node_get_user_data(n);

	return l != NULL ? l->start : cmark_node_get_start_line(n);
}

int policy__outline_end_line(cmark_node *n)
{
	const node_lines *l = cmark_node_get_user_data(n);

	return l != NULL ? l->end : cmark_node_get_end_line(n);
}

static int is_blank_text(cmark_node *n)
{
	const char *s;

	if (cmark_node_get_type(n) != CMARK_NODE_TEXT)
		return 0;
	for (s = cmark_node_get_literal(n); *s == ' ' || *s == '\t'; s++)
		;
	return *s == '\0';
}

/* The STRONG node a paragraph consists of, blanks around it aside. */
static cmark_node *bold_only(cmark_node *para)
{
	cmark_node *strong = NULL;

	if (para == NULL || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH ||
	    cmark_node_get_start_line(para) != cmark_node_get_end_line(para))
		return NULL;
	/* the shape first: reading a text's literal copies it */
	for (cmark_node *c = cmark_node_first_child(para); c != NULL; c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) == CMARK_NODE_STRONG && strong == NULL)
			strong = c;
		else if (cmark_node_get_type(c) != CMARK_NODE_TEXT)
			return NULL;
	}
	for (cmark_node *c = cmark_node_first_child(para); strong != NULL && c != NULL;
	     c = cmark_node_next(c))
		if (c != strong && !is_blank_text(c))
			return NULL;
	return strong;
}

/* The depth a bold title's own numbering gives it: "4.2" 2, "B." 1,
 * none 0. */
static int numbering_depth(cmark_node *strong)
{
	policy_buf text = POLICY_BUF_INIT;
	char style[32];
	int depth = 0;

	if (policy__inline_text(&text, strong) < 0 || text.ptr == NULL ||
	    text.size > MAX_BOLD_TITLE) {
		depth = -1;
	} else if (policy__numbering_style(text.ptr, style, sizeof(style)) > 0) {
		depth = 1;
		if (strncmp(style, "num", 3) == 0 && style[3] >= '1' && style[3] <= '9')
			depth = style[3] - '0';
	}
	policy_buf_dispose(&text);
	return depth;
}

static int set_lines(lift_state *st, cmark_node *n, cmark_node *from)
{
	node_lines *l = policy__arena_alloc(st->mem, sizeof(*l));

	if (l == NULL)
		return policy__error_nomem();
	l->start = cmark_node_get_start_line(from);
	l->end = cmark_node_get_end_line(from);
	cmark_node_set_user_data(n, l);
	return 0;
}

/* A heading of `level` holding the bold text's inlines, in place of `para`. */
static cmark_node *bold_to_heading(lift_state *st, cmark_node *para, cmark_node *strong, int level,
				   const char *prefix)
{
	cmark_node *h = policy__treemem_node(CMARK_NODE_HEADING), *c;

	if (h == NULL || !cmark_node_set_heading_level(h, level) || set_lines(st, h, para) < 0)
		goto fail;
	if (prefix != NULL) {
		cmark_node *t = policy__treemem_node(CMARK_NODE_TEXT);

		if (t == NULL || !cmark_node_set_literal(t, prefix) ||
		    !cmark_node_append_child(h, t)) {
			cmark_node_free(t);
			goto fail;
		}
	}
	while ((c = cmark_node_first_child(strong)) != NULL)
		if (!cmark_node_append_child(h, c))
			goto fail;
	return h;
fail:
	cmark_node_free(h);
	policy__error_nomem();
	return NULL;
}

/* The level of a bold heading with numbering depth `depth`, and the state
 * after it. */
static int bold_level(lift_state *st, int depth)
{
	int level;

	if (depth > 0) {
		level = st->base + depth;
		st->numbered = depth;
	} else {
		level = st->base + st->numbered + 1;
	}
	if (level < 1)
		level = 1;
	return level > 6 ? 6 : level;
}

/* Does a bold paragraph followed by `next` work as a heading? */
static int bold_heads(cmark_node *next, int depth)
{
	if (next == NULL || depth < 0)
		return 0;
	/* two unnumbered bold lines in a row are emphasis, not structure */
	return depth > 0 || bold_only(next) == NULL;
}

static int is_empty_heading(cmark_node *h)
{
	for (cmark_node *c = cmark_node_first_child(h); c != NULL; c = cmark_node_next(c))
		if (!is_blank_text(c))
			return 0;
	return 1;
}

/* The item's number as text ("5. "), for a heading leaving an ordered
 * list whose own title has no numbering. */
static const char *item_number(lift_state *st, cmark_node *list, int index, cmark_node *title)
{
	policy_buf text = POLICY_BUF_INIT;
	const char *prefix = NULL;
	char style[32];

	if (cmark_node_get_list_type(list) != CMARK_ORDERED_LIST)
		return NULL;
	if (policy__inline_text(&text, title) == 0 &&
	    (text.ptr == NULL || policy__numbering_style(text.ptr, style, sizeof(style)) == 0))
		prefix = policy__arena_printf(
			st->mem, "%d%c ", cmark_node_get_list_start(list) + index,
			cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ')' : '.');
	policy_buf_dispose(&text);
	return prefix;
}

/*
 * Split `list` at `item`, whose first block `head` is a heading or a bold
 * paragraph: the heading, then the item's other blocks, then the items
 * after it in a list of their own. Returns the heading, NULL when out of
 * memory.
 */
static cmark_node *split_list(lift_state *st, cmark_node *list, cmark_node *item, int index,
			      cmark_node *head)
{
	cmark_node *rest = NULL, *at, *c, *h;
	const char *prefix;

	if (cmark_node_get_type(head) == CMARK_NODE_HEADING) {
		prefix = item_number(st, list, index, head);
		if (prefix != NULL) {
			cmark_node *t = policy__treemem_node(CMARK_NODE_TEXT);

			if (t == NULL || !cmark_node_set_literal(t, prefix) ||
			    !cmark_node_prepend_child(head, t)) {
				cmark_node_free(t);
				return policy__error_nomem(), NULL;
			}
		}
		h = head;
		st->base = cmark_node_get_heading_level(h);
		st->numbered = 0;
	} else {
		cmark_node *strong = bold_only(head);

		prefix = item_number(st, list, index, strong);
		h = bold_to_heading(st, head, strong,
				    bold_level(st, prefix != NULL ? 1 : numbering_depth(strong)),
				    prefix);
		if (h == NULL)
			return NULL;
		cmark_node_free(head); /* its inlines moved to the heading */
	}
	if (cmark_node_next(item) != NULL) {
		int ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;

		/* a bullet list has no delimiter and no start to copy */
		if ((rest = policy__treemem_node(CMARK_NODE_LIST)) == NULL ||
		    !cmark_node_set_list_type(rest, cmark_node_get_list_type(list)) ||
		    !cmark_node_set_list_tight(rest, cmark_node_get_list_tight(list)) ||
		    (ordered &&
		     (!cmark_node_set_list_delim(rest, cmark_node_get_list_delim(list)) ||
		      !cmark_node_set_list_start(rest,
						 cmark_node_get_list_start(list) + index + 1)))) {
			cmark_node_free(rest);
			cmark_node_free(h);
			return policy__error_nomem(), NULL;
		}
		while ((c = cmark_node_next(item)) != NULL)
			cmark_node_append_child(rest, c);
	}
	if (!cmark_node_insert_after(list, h))
		goto fail;
	at = h;
	while ((c = cmark_node_first_child(item)) != NULL) {
		if (!cmark_node_insert_after(at, c))
			goto fail;
		at = c;
	}
	if (rest != NULL && !cmark_node_insert_after(at, rest))
		goto fail;
	cmark_node_free(item);
	if (cmark_node_first_child(list) == NULL)
		cmark_node_free(list);
	return h;
fail:
	cmark_node_free(rest);
	return policy__error_nomem(), NULL;
}

/* The first item of `list` that opens with a heading, or with a bold
 * paragraph and more blocks; its index in *index. */
static cmark_node *heading_item(cmark_node *list, int *index)
{
	int i = 0;

	for (cmark_node *item = cmark_node_first_child(list); item;
	     item = cmark_node_next(item), i++) {
		cmark_node *first = cmark_node_first_child(item);

		if (first == NULL)
			continue;
		if ((cmark_node_get_type(first) == CMARK_NODE_HEADING &&
		     !is_empty_heading(first)) ||
		    (bold_only(first) != NULL && cmark_node_next(first) != NULL &&
		     numbering_depth(bold_only(first)) >= 0)) {
			*index = i;
			return item;
		}
	}
	return NULL;
}

int policy__outline_lift(cmark_node *root, arena *mem, int (*on_empty)(void *ctx, int line),
			 void *ctx)
{
	lift_state st = {mem, 0, 0};
	cmark_node *n = cmark_node_first_child(root), *next;

	while (n != NULL) {
		cmark_node_type t = cmark_node_get_type(n);
		cmark_node *strong, *item;
		int index;

		next = cmark_node_next(n);
		if (t == CMARK_NODE_HEADING && is_empty_heading(n)) {
			int rc = on_empty(ctx, cmark_node_get_start_line(n));

			cmark_node_free(n);
			if (rc < 0)
				return rc;
		} else if (t == CMARK_NODE_HEADING) {
			st.base = cmark_node_get_heading_level(n);
			st.numbered = 0;
		} else if (t == CMARK_NODE_LIST && (item = heading_item(n, &index)) != NULL) {
			cmark_node *h =
				split_list(&st, n, item, index, cmark_node_first_child(item));

			if (h == NULL)
				return POLICY_ENOMEM;
			next = cmark_node_next(h);
		} else if ((strong = bold_only(n)) != NULL) {
			int depth = numbering_depth(strong);

			if (bold_heads(next, depth)) {
				cmark_node *h = bold_to_heading(&st, n, strong,
								bold_level(&st, depth), NULL);

				if (h == NULL || !cmark_node_replace(n, h)) {
					cmark_node_free(h);
					return policy__error_nomem();
				}
				cmark_node_free(n);
			}
		}
		n = next;
	}
	return 0;
}
