/*
 * The plain-text view of a CommonMark tree: what a reader sees, without
 * markup, with a link's destination after its text when it says more, a
 * table a line a row. The diff and the facts compare this text.
 */
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "error.h"
#include "internal.h"
#include "utf8.h"

int policy__inline_text(policy_buf *out, cmark_node *node)
{
	for (cmark_node *c = cmark_node_first_child(node); c != NULL; c = cmark_node_next(c)) {
		int rc = 0;

		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			rc = policy__buf_puts(out, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			rc = policy__buf_putc(out, ' ');
			break;
		case CMARK_NODE_HTML_INLINE:
			break;
		default:
			rc = policy__inline_text(out, c);
			break;
		}
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int32_t last_char(const policy_buf *b)
{
	size_t at = b->size, pos;

	while (at > 0 && ((unsigned char)b->ptr[at - 1] & 0xC0) == 0x80)
		at--;
	pos = at > 0 ? at - 1 : 0;
	return policy__utf8_next(b->ptr, b->size, &pos);
}

/* A line wrapped in the source reads as nothing between two CJK
 * characters and as a space elsewhere, as in the rendered page; only hard
 * breaks and block ends are line breaks of the plain text. */
static int put_text(policy_buf *out, const char *text, int *soft)
{
	if (*soft && out->size > 0 && out->ptr[out->size - 1] != '\n') {
		size_t pos = 0;
		int32_t next = policy__utf8_next(text, strlen(text), &pos);

		if (!(policy__utf8_is_cjk(last_char(out)) && policy__utf8_is_cjk(next)) &&
		    policy__buf_putc(out, ' ') < 0)
			return POLICY_ENOMEM;
	}
	*soft = 0;
	return policy__buf_puts(out, text);
}

/* After a link's or an image's text, its destination in angle brackets
 * when it says more than the text does. */
static int put_dest(policy_buf *out, cmark_node *link)
{
	policy_buf dest = POLICY_BUF_INIT, text = POLICY_BUF_INIT;
	const char *shown;
	int rc;

	if ((rc = policy__url_dest_form(&dest, cmark_node_get_url(link))) < 0 || dest.size == 0)
		goto done;
	shown = dest.ptr;
	if (strncasecmp(shown, "mailto:", 7) == 0)
		shown += 7;
	if ((rc = policy__inline_text(&text, link)) < 0)
		goto done;
	if (text.ptr == NULL || (strcmp(text.ptr, shown) != 0 && strcmp(text.ptr, dest.ptr) != 0 &&
				 strstr(cmark_node_get_url(link), text.ptr) == NULL)) {
		if ((rc = policy__buf_puts(out, " <")) == 0 &&
		    (rc = policy__buf_puts(out, shown)) == 0)
			rc = policy__buf_putc(out, '>');
	}
done:
	policy_buf_dispose(&dest);
	policy_buf_dispose(&text);
	return rc;
}

/* 1 for a table's row (its header row too), 2 for a cell, else 0: the
 * table extension's node types are known by name only. */
static int table_part(cmark_node *n)
{
	const char *t = cmark_node_get_type_string(n);

	if (t == NULL || strncmp(t, "table_", 6) != 0)
		return 0;
	return strcmp(t + 6, "cell") == 0
		       ? 2
		       : strcmp(t + 6, "row") == 0 || strcmp(t + 6, "header") == 0;
}

int policy__plain_block(policy_buf *out, cmark_node *block)
{
	cmark_iter *it = cmark_iter_new(block);
	cmark_event_type ev;
	int rc = 0, soft = 0;

	if (it == NULL)
		return policy__error_nomem();
	while (rc == 0 && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			if (ev == CMARK_EVENT_ENTER)
				rc = put_text(out, cmark_node_get_literal(n), &soft);
			break;
		case CMARK_NODE_SOFTBREAK:
			soft = 1;
			break;
		case CMARK_NODE_LINEBREAK:
			soft = 0;
			rc = policy__buf_putc(out, '\n');
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			if (ev == CMARK_EVENT_EXIT)
				rc = put_dest(out, n);
			break;
		default:
			/* a table: a line a row, its cells parted by " | " */
			if (ev == CMARK_EVENT_EXIT && table_part(n) == 2 &&
			    cmark_node_next(n) != NULL) {
				soft = 0;
				rc = policy__buf_puts(out, " | ");
			} else if (ev == CMARK_EVENT_EXIT && table_part(n) == 1) {
				soft = 0;
				rc = policy__buf_putc(out, '\n');
			}
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
		case CMARK_NODE_ITEM:
			soft = 0;
			if (ev == CMARK_EVENT_EXIT && out->size > 0 &&
			    out->ptr[out->size - 1] != '\n')
				rc = policy__buf_putc(out, '\n');
			break;
		}
	}
	cmark_iter_free(it);
	return rc;
}
