/*
 * Emitters for a diff: they only format what compare.c and classify.c
 * decided (the HTML page and CriticMarkup have files of their own). `json` is DESIGN's object (with
 * each finding's rule and reference), built with jansson; `text` is a terminal report: the level
 * and findings, then every changed section as a git-style word diff
 * ([-deleted-]{+inserted+}), coloured when asked.
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "internal.h"
#include "json.h"
#include "render_internal.h"

int policy_diff_format_from_name(policy_diff_format *out, const char *name)
{
	if (strcmp(name, "text") == 0)
		*out = POLICY_DIFF_TEXT;
	else if (strcmp(name, "json") == 0)
		*out = POLICY_DIFF_JSON;
	else if (strcmp(name, "html") == 0)
		*out = POLICY_DIFF_HTML;
	else if (strcmp(name, "markdown") == 0)
		*out = POLICY_DIFF_MARKDOWN;
	else
		return policy__error_set(
			POLICY_ENOTFOUND,
			"no diff format is named \"%.40s\" (text, html, markdown, json)", name);
	return 0;
}

static json_t *version_json(const policy_doc *doc)
{
	const policy_meta *m = policy_doc_meta(doc);
	char released[11], effective[11];

	policy_date_format(released, &m->released);
	policy_date_format(effective, &m->effective);
	return json_pack("{s:s, s:s, s:s}", "version", m->version_text, "released", released,
			 "effective", effective);
}

/* The diff's text came from validated documents, cut at character
 * boundaries: jansson's check of every character again (a fifth of a
 * large diff's JSON) is skipped. Were one ever ill-formed, dumping it
 * would fail, not write it. */
static json_t *text_json(const char *s, size_t len)
{
	return json_stringn_nocheck(s, len);
}

static json_t *string_or_null(const char *s)
{
	return s ? text_json(s, strlen(s)) : json_null();
}

/* An object of `n` members, each a key (a literal of the code) and its
 * value, in that order; NULL, each value released, when a value is NULL
 * or memory runs out. json_pack() read its format and checked every key
 * again for each of a large diff's thousands of objects. */
static json_t *object_of(size_t n, ...)
{
	json_t *o = json_object();
	va_list ap;

	va_start(ap, n);
	for (size_t i = 0; i < n; i++) {
		const char *key = va_arg(ap, const char *);
		json_t *value = va_arg(ap, json_t *);

		if (o != NULL && json_object_set_new_nocheck(o, key, value) < 0) {
			json_decref(o);
			o = NULL;
		} else if (o == NULL) {
			json_decref(value);
		}
	}
	va_end(ap);
	return o;
}

/* A string of the code's own (a name, a rule, a reference). */
static json_t *name_json(const char *s)
{
	return json_string_nocheck(s);
}

static int json_mark(policy_edit_kind kind, const char *text, size_t len, void *payload)
{
	const char *op = kind == POLICY_EDIT_DELETE ? "-" : kind == POLICY_EDIT_INSERT ? "+" : "=";
	json_t *run = json_array();

	if (run == NULL || json_array_append_new(run, name_json(op)) < 0 ||
	    json_array_append_new(run, text_json(text, len)) < 0) {
		json_decref(run);
		return POLICY_ENOMEM;
	}
	/* jansson releases `run` when it cannot add it */
	return json_array_append_new(payload, run) < 0 ? POLICY_ENOMEM : 0;
}

/* [["=", "unchanged"], ["-", "old words"], ["+", "new words"], ...] */
static json_t *marked_json(const policy_finding *f)
{
	json_t *runs = json_array();

	if (runs != NULL && policy_diff_finding_marks(f, json_mark, runs) != 0) {
		json_decref(runs);
		return NULL;
	}
	return runs;
}

static json_t *finding_json(const policy_finding *f)
{
	json_t *fact = f->fact_kind == NULL ? json_null()
					    : object_of(3, "kind", name_json(f->fact_kind), "value",
							string_or_null(f->fact), "old",
							string_or_null(f->fact_old));

	return object_of(12, "level", name_json(policy_level_name(f->level)), "category",
			 f->category ? name_json(policy_category_name(f->category)) : json_null(),
			 "change", name_json(f->change), "section", string_or_null(f->section),
			 "title", string_or_null(f->title), "fact", fact, "message",
			 string_or_null(f->message), "rule", string_or_null(f->rule), "reference",
			 string_or_null(f->reference), "old", string_or_null(f->old_text), "new",
			 string_or_null(f->new_text), "marked", marked_json(f));
}

static json_t *section_json(const policy_section_change *c)
{
	return object_of(3, "id", string_or_null(c->id), "title", string_or_null(c->title),
			 "status", name_json(policy_diff_status_name(c->status)));
}

/* Item i of the findings (array 0) or the sections (array 1). */
static json_t *diff_item(void *ctx, size_t array, size_t i)
{
	const policy_diff *d = ctx;

	return array == 0 ? finding_json(policy_diff_finding_at(d, i))
			  : section_json(policy_diff_section_at(d, i));
}

static int diff_json(policy_buf *out, const policy_diff *d)
{
	static const char *const arrays[] = {"findings", "sections"};
	const size_t counts[] = {policy_diff_finding_count(d), policy_diff_section_count(d)};
	json_t *root;

	/* the two arrays, most of a large diff's JSON, are made and written
	 * on a few threads and put in place of the empty ones */
	root = json_pack("{s:o, s:o, s:s, s:[], s:[], s:{s:I, s:I}}", "old",
			 version_json(policy_diff_from(d)), "new", version_json(policy_diff_to(d)),
			 "level", policy_level_name(policy_diff_level(d)), "findings", "sections",
			 "stats", "inserted", (json_int_t)policy_diff_inserted(d), "deleted",
			 (json_int_t)policy_diff_deleted(d));
	if (root == NULL)
		return policy__error_nomem();
	/* Said only when it happened, so the usual object is DESIGN's exactly. */
	if (policy_diff_coarse(d) > 0 &&
	    json_object_set_new(json_object_get(root, "stats"), "coarse",
				json_integer((json_int_t)policy_diff_coarse(d))) < 0) {
		json_decref(root);
		return policy__error_nomem();
	}
	return policy__json_write_arrays(out, root, 2, arrays, counts, diff_item, (void *)d);
}

typedef struct {
	const char *on, *off;
} style;

static int put_styled(policy_buf *out, const style *st, int color, const char *open,
		      const char *text, size_t len, const char *close)
{
	int rc = 0;

	if (color && st->on)
		rc = policy__buf_puts(out, st->on);
	if (rc == 0)
		rc = policy__buf_puts(out, open);
	if (rc == 0)
		rc = policy__buf_put(out, text, len);
	if (rc == 0)
		rc = policy__buf_puts(out, close);
	if (rc == 0 && color && st->off)
		rc = policy__buf_puts(out, st->off);
	return rc;
}

/* A finding's sentence on one line, its changed words marked. */
typedef struct {
	policy_buf *out;
	int color;
} mark_ctx;

static int put_mark(policy_edit_kind kind, const char *text, size_t len, void *payload)
{
	static const style red = {"\033[31m", "\033[m"}, green = {"\033[32m", "\033[m"},
			   plain = {NULL, NULL};
	mark_ctx *m = payload;
	size_t from = m->out->size;
	int rc = kind == POLICY_EDIT_DELETE
			 ? put_styled(m->out, &red, m->color, "[-", text, len, "-]")
		 : kind == POLICY_EDIT_INSERT
			 ? put_styled(m->out, &green, m->color, "{+", text, len, "+}")
			 : put_styled(m->out, &plain, 0, "", text, len, "");

	for (size_t i = from; rc == 0 && i < m->out->size; i++)
		if (m->out->ptr[i] == '\n')
			m->out->ptr[i] = ' ';
	return rc;
}

static int put_marked_line(policy_buf *out, const policy_finding *f, int color)
{
	mark_ctx m = {out, color};
	int rc;

	if (f->old_text == NULL && f->new_text == NULL)
		return 0;
	if ((rc = policy__buf_puts(out, "            ")) < 0 ||
	    (rc = policy_diff_finding_marks(f, put_mark, &m)) != 0)
		return rc < 0 ? rc : POLICY_ERROR;
	return policy__buf_putc(out, '\n');
}

static int diff_text(policy_buf *out, const policy_diff *d, int color)
{
	static const style bold = {"\033[1m", "\033[m"}, red = {"\033[31m", "\033[m"},
			   green = {"\033[32m", "\033[m"}, cyan = {"\033[36m", "\033[m"},
			   plain = {NULL, NULL};
	const policy_meta *a = policy_doc_meta(policy_diff_from(d)),
			  *b = policy_doc_meta(policy_diff_to(d));
	policy_buf line = POLICY_BUF_INIT;
	int rc = 0;

	policy__buf_clear(out);
	if (policy__buf_printf_line(&line, "%s %s -> %s: %s\n", a->policy, a->version_text,
				    b->version_text, policy_level_name(policy_diff_level(d))) < 0 ||
	    put_styled(out, &bold, color, "", line.ptr, line.size, "") < 0)
		goto nomem;
	if (policy_diff_coarse(d) > 0) {
		policy__buf_clear(&line);
		if (policy__buf_printf_line(
			    &line,
			    "  note: %zu rewritten passage(s) too large to compare word by "
			    "word are shown whole\n",
			    policy_diff_coarse(d)) < 0 ||
		    policy__buf_put(out, line.ptr, line.size) < 0)
			goto nomem;
	}
	for (size_t i = 0; i < policy_diff_finding_count(d); i++) {
		const policy_finding *f = policy_diff_finding_at(d, i);

		policy__buf_clear(&line);
		if (policy__buf_printf_line(
			    &line, "  %-9s %-10s %-7s %s%s%s [%s]\n", policy_level_name(f->level),
			    f->category ? policy_category_name(f->category) : "-", f->change,
			    f->section ? f->section : "(front matter)", f->title ? " " : "",
			    f->title ? f->title : "", f->rule) < 0 ||
		    (f->message != NULL &&
		     policy__buf_printf_line(&line, "            %s\n", f->message) < 0) ||
		    policy__buf_put(out, line.ptr, line.size) < 0 ||
		    put_marked_line(out, f, color) < 0)
			goto nomem;
	}
	for (size_t i = 0; i < policy_diff_section_count(d); i++) {
		const policy_section_change *c = policy_diff_section_at(d, i);

		if (c->status == POLICY_STATUS_UNCHANGED)
			continue;
		policy__buf_clear(&line);
		if (policy__buf_printf_line(&line, "\n## %s (%s, %s%s)\n", c->title, c->id,
					    policy_diff_status_name(c->status),
					    c->editorial ? ", editorial" : "") < 0 ||
		    put_styled(out, &bold, color, "", line.ptr, line.size, "") < 0)
			goto nomem;
		if (c->old_section && c->new_section &&
		    strcmp(c->old_section->title, c->new_section->title) != 0 &&
		    (put_styled(out, &red, color, "[-", c->old_section->title,
				strlen(c->old_section->title), "-]") < 0 ||
		     put_styled(out, &green, color, "{+", c->new_section->title,
				strlen(c->new_section->title), "+}") < 0 ||
		     policy__buf_putc(out, '\n') < 0))
			goto nomem;
		for (size_t e = 0; e < c->edit_count; e++) {
			const policy_edit *ed = &c->edits[e];

			switch (ed->kind) {
			case POLICY_EDIT_EQUAL:
				rc = put_styled(out, &plain, 0, "", ed->text, ed->len, "");
				break;
			case POLICY_EDIT_DELETE:
				rc = put_styled(out, &red, color, "[-", ed->text, ed->len, "-]");
				break;
			case POLICY_EDIT_INSERT:
				rc = put_styled(out, &green, color, "{+", ed->text, ed->len, "+}");
				break;
			case POLICY_EDIT_MOVED_OUT:
			case POLICY_EDIT_MOVED_IN:
				policy__buf_clear(&line);
				rc = policy__buf_printf_line(
					&line, "{>>moved %s %s<<}",
					ed->kind == POLICY_EDIT_MOVED_OUT ? "to" : "from",
					ed->move_section);
				if (rc == 0)
					rc = put_styled(
						out, &cyan, color,
						ed->kind == POLICY_EDIT_MOVED_OUT ? "[-" : "{+",
						ed->text, ed->len,
						ed->kind == POLICY_EDIT_MOVED_OUT ? "-]" : "+}");
				if (rc == 0)
					rc = put_styled(out, &cyan, color, "", line.ptr, line.size,
							"");
				break;
			}
			if (rc < 0)
				goto nomem;
		}
		if (c->edit_count > 0 && policy__buf_putc(out, '\n') < 0)
			goto nomem;
	}
	policy_buf_dispose(&line);
	return 0;
nomem:
	policy_buf_dispose(&line);
	return policy__error_nomem();
}

int policy_diff_render(policy_buf *out, const policy_diff *diff, policy_diff_format format,
		       int color, const char *template_dir)
{
	switch (format) {
	case POLICY_DIFF_JSON:
		return diff_json(out, diff);
	case POLICY_DIFF_TEXT:
		return diff_text(out, diff, color);
	case POLICY_DIFF_HTML:
		policy__buf_clear(out);
		return policy__render_redline(out, diff, template_dir);
	case POLICY_DIFF_MARKDOWN:
		return policy__render_critic(out, diff);
	}
	return policy__error_set(POLICY_EINVALID, "unknown diff format %d", (int)format);
}
