/*
 * The redline as Markdown with CriticMarkup: {++inserted++},
 * {--deleted--}, {~~old title~>new title~~} and {>>comments<<} saying
 * where moved text went or came from. The level and the findings come
 * first, as a list; then each changed section under its own heading.
 * The policy's text is escaped so that nothing in it reads as Markdown,
 * HTML or CriticMarkup.
 */
#include <string.h>

#include "buf.h"
#include "error.h"
#include "render_internal.h"

/* Text as Markdown that shows it literally: characters that open markup
 * anywhere are backslash-escaped, those that do so only at the start of a
 * line (list, heading and quote markers, "1.") only there; a line break
 * stays a line break. */
static int put_escaped(policy_buf *out, const char *text, size_t len)
{
	static const char anywhere[] = "\\`*_{}[]<>|~&";
	static const char line_start[] = "-+#=>!";
	int at_start = 1, number = 0; /* number: the line so far is digits */

	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		int rc, esc = c != '\0' && (strchr(anywhere, c) != NULL ||
					    (at_start && strchr(line_start, c) != NULL) ||
					    ((c == '.' || c == ')') && number));

		if (c == '\n')
			rc = policy__buf_put(out, "  \n", 3); /* a hard break keeps the line */
		else if (esc)
			rc = policy__buf_putc(out, '\\') < 0 ? POLICY_ENOMEM
							     : policy__buf_putc(out, c);
		else
			rc = policy__buf_putc(out, c);
		if (rc < 0)
			return POLICY_ENOMEM;
		number = (c >= '0' && c <= '9') && (at_start || number);
		at_start = c == '\n' || (at_start && c == ' ');
	}
	return 0;
}

static int put_wrapped(policy_buf *out, const char *open, const char *text, size_t len,
		       const char *close)
{
	if (policy__buf_puts(out, open) < 0 || put_escaped(out, text, len) < 0 ||
	    policy__buf_puts(out, close) < 0)
		return POLICY_ENOMEM;
	return 0;
}

/* A finding's sentence as a quote line, its changed words in CriticMarkup. */
static int put_mark(policy_edit_kind kind, const char *text, size_t len, void *payload)
{
	policy_buf *out = payload, one = POLICY_BUF_INIT;
	int rc;

	/* the quote is one line: breaks inside the sentence read as spaces */
	if ((rc = policy__buf_put(&one, text, len)) == 0)
		for (size_t i = 0; i < one.size; i++)
			if (one.ptr[i] == '\n')
				one.ptr[i] = ' ';
	if (rc == 0)
		rc = kind == POLICY_EDIT_DELETE ? put_wrapped(out, "{--", one.ptr, one.size, "--}")
		     : kind == POLICY_EDIT_INSERT
			     ? put_wrapped(out, "{++", one.ptr, one.size, "++}")
			     : put_escaped(out, one.ptr, one.size);
	policy_buf_dispose(&one);
	return rc;
}

static int put_section(policy_buf *out, const policy_section_change *c)
{
	int rc = policy__buf_puts(out, "\n## ");

	if (rc == 0 && c->old_section && c->new_section &&
	    strcmp(c->old_section->title, c->new_section->title) != 0) {
		rc = put_wrapped(out, "{~~", c->old_section->title, strlen(c->old_section->title),
				 "~>");
		if (rc == 0)
			rc = put_wrapped(out, "", c->new_section->title,
					 strlen(c->new_section->title), "~~}");
	} else if (rc == 0) {
		rc = put_escaped(out, c->title, strlen(c->title));
	}
	if (rc == 0)
		rc = policy__buf_printf_line(out, "\n\n*%s%s* · `%s`\n\n",
					     policy_diff_status_name(c->status),
					     c->editorial ? ", editorial" : "", c->id);
	for (size_t i = 0; i < c->edit_count && rc == 0; i++) {
		const policy_edit *e = &c->edits[i];

		switch (e->kind) {
		case POLICY_EDIT_EQUAL:
			rc = put_escaped(out, e->text, e->len);
			break;
		case POLICY_EDIT_DELETE:
			rc = put_wrapped(out, "{--", e->text, e->len, "--}");
			break;
		case POLICY_EDIT_INSERT:
			rc = put_wrapped(out, "{++", e->text, e->len, "++}");
			break;
		case POLICY_EDIT_MOVED_OUT:
		case POLICY_EDIT_MOVED_IN:
			rc = put_wrapped(out, e->kind == POLICY_EDIT_MOVED_OUT ? "{--" : "{++",
					 e->text, e->len,
					 e->kind == POLICY_EDIT_MOVED_OUT ? "--}" : "++}");
			if (rc == 0)
				rc = policy__buf_printf_line(
					out, "{>>moved %s `%s`<<}",
					e->kind == POLICY_EDIT_MOVED_OUT ? "to" : "from",
					e->move_section);
			break;
		}
	}
	if (rc == 0)
		rc = policy__buf_putc(out, '\n');
	return rc;
}

int policy__render_critic(policy_buf *out, const policy_diff *d)
{
	const policy_meta *a = policy_doc_meta(policy_diff_from(d)),
			  *b = policy_doc_meta(policy_diff_to(d));
	int rc;

	policy__buf_clear(out);
	rc = policy__buf_puts(out, "# ");
	if (rc == 0)
		rc = put_escaped(out, b->title, strlen(b->title));
	if (rc == 0)
		rc = policy__buf_printf_line(out, ": %s → %s\n\nLevel: **%s** · +%zu −%zu",
					     a->version_text, b->version_text,
					     policy_level_name(policy_diff_level(d)),
					     policy_diff_inserted(d), policy_diff_deleted(d));
	if (rc == 0 && policy_diff_moves(d) > 0)
		rc = policy__buf_printf_line(out, " · %u moved", policy_diff_moves(d));
	if (rc == 0 && policy_diff_coarse(d) > 0)
		rc = policy__buf_printf_line(
			out,
			"\n\n%zu heavily rewritten passage(s) too large to compare word "
			"by word are shown whole.",
			policy_diff_coarse(d));
	if (rc == 0 && policy_diff_finding_count(d) > 0)
		rc = policy__buf_puts(out, "\n\n## Findings\n\n");
	for (size_t i = 0; i < policy_diff_finding_count(d) && rc == 0; i++) {
		const policy_finding *f = policy_diff_finding_at(d, i);

		rc = policy__buf_printf_line(out, "- **%s** %s %s: ", policy_level_name(f->level),
					     f->category ? policy_category_name(f->category)
							 : "uncategorised",
					     f->change);
		if (rc == 0 && f->section)
			rc = put_escaped(out, f->title, strlen(f->title));
		if (rc == 0 && f->message != NULL && (rc = policy__buf_puts(out, " — ")) == 0)
			rc = put_escaped(out, f->message, strlen(f->message));
		if (rc == 0)
			rc = policy__buf_printf_line(out, " (`%s`, rule `%s`; ",
						     f->section ? f->section : "front matter",
						     f->rule);
		if (rc == 0)
			rc = put_escaped(out, f->reference, strlen(f->reference));
		if (rc == 0)
			rc = policy__buf_puts(out, ")\n");
		if (rc == 0 && (f->old_text != NULL || f->new_text != NULL) &&
		    (rc = policy__buf_puts(out, "  > ")) == 0 &&
		    (rc = policy_diff_finding_marks(f, put_mark, out)) == 0)
			rc = policy__buf_putc(out, '\n');
	}
	if (rc == 0)
		rc = policy__buf_putc(out, '\n');
	for (size_t i = 0; i < policy_diff_section_count(d) && rc == 0; i++)
		if (policy_diff_section_at(d, i)->status != POLICY_STATUS_UNCHANGED)
			rc = put_section(out, policy_diff_section_at(d, i));
	return rc < 0 ? policy__error_nomem() : 0;
}
