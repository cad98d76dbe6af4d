/*
 * The redline page: templates/redline.html filled from a diff. The level
 * and the findings come first, each linking to its section; then every
 * section that changed, its text with <del> and <ins> in place and moved
 * passages marked (linked to their other end); unchanged sections follow
 * folded in <details>, so the whole new version can still be read. All
 * text goes in through html.c, which escapes it.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "html.h"
#include "internal.h"
#include "render_internal.h"
#include "template.h"

typedef struct {
	const policy_diff *d;
	const char *locale;
} redline_ctx;

/* The words of the page `el` is in (render/labels.c). */
#define W(el) policy__template_labels(el)

static int text(policy_buf *out, const char *s, size_t len)
{
	return policy__html_text(out, s, len) < 0 ? policy__error_nomem() : 0;
}

static int start2(policy_buf *out, const char *tag, const char *a, const char *av, const char *b,
		  const char *bv)
{
	const char *const attrs[4] = {a, av, b, bv};

	return policy__html_start(out, tag, attrs,
				  a == NULL   ? 0
				  : b == NULL ? 1
					      : 2) < 0
		       ? policy__error_nomem()
		       : 0;
}

static int end(policy_buf *out, const char *tag)
{
	return policy__html_end(out, tag) < 0 ? policy__error_nomem() : 0;
}

/* <tag class="cls">text</tag> (no class when cls is NULL). */
static int element(policy_buf *out, const char *tag, const char *cls, const char *s, size_t len)
{
	return policy__html_element(out, tag, cls ? "class" : NULL, cls, s, len) < 0
		       ? policy__error_nomem()
		       : 0;
}

static int add_move(policy_buf *out, const policy_edit *e, const char *label)
{
	char own[32], other[32];
	int moved_out = e->kind == POLICY_EDIT_MOVED_OUT;
	const char *tag = moved_out ? "del" : "ins";
	const char *const link[6] = {"class", "move", "href", other, "title", e->move_section};

	snprintf(own, sizeof(own), "move-%u-%s", e->move, moved_out ? "from" : "to");
	snprintf(other, sizeof(other), "#move-%u-%s", e->move, moved_out ? "to" : "from");
	if (start2(out, tag, "class", "moved", "id", own) < 0 || text(out, e->text, e->len) < 0 ||
	    end(out, tag) < 0 || policy__html_start(out, "a", link, 3) < 0 ||
	    text(out, label, strlen(label)) < 0)
		return policy__error_nomem();
	return end(out, "a");
}

static int build_redline(policy_buf *out, const policy_section_change *c, const labels *words)
{
	for (size_t i = 0; i < c->edit_count; i++) {
		const policy_edit *e = &c->edits[i];
		int rc = 0;

		switch (e->kind) {
		case POLICY_EDIT_EQUAL:
			rc = text(out, e->text, e->len);
			break;
		case POLICY_EDIT_DELETE:
			rc = element(out, "del", NULL, e->text, e->len);
			break;
		case POLICY_EDIT_INSERT:
			rc = element(out, "ins", NULL, e->text, e->len);
			break;
		case POLICY_EDIT_MOVED_OUT:
			rc = add_move(out, e, policy__label(words, "moved-to"));
			break;
		case POLICY_EDIT_MOVED_IN:
			rc = add_move(out, e, policy__label(words, "moved-from"));
			break;
		}
		if (rc < 0)
			return rc;
	}
	return 0;
}

static const char *status_label(const policy_section_change *c, const labels *words)
{
	if (c->status == POLICY_STATUS_CHANGED && c->editorial)
		return policy__label(words, "status-editorial");
	return policy__label_of(words, "status", policy_diff_status_name(c->status));
}

/* The start tag of a section's change, `tag` with its id and class
 * "change status-<status>". */
static int open_change(policy_buf *out, const char *tag, const policy_section_change *c)
{
	char cls[64];

	snprintf(cls, sizeof(cls), "change status-%s", policy_diff_status_name(c->status));
	return start2(out, tag, "id", c->id, "class", cls);
}

static int build_section(policy_buf *out, const policy_section_change *c, const labels *words)
{
	const char *label = status_label(c, words);
	int rc = open_change(out, "section", c);

	if (rc == 0)
		rc = start2(out, "h3", NULL, NULL, NULL, NULL);
	if (rc == 0 && c->old_section && c->new_section &&
	    strcmp(c->old_section->title, c->new_section->title) != 0) {
		if (element(out, "del", NULL, c->old_section->title,
			    strlen(c->old_section->title)) < 0 ||
		    text(out, " ", 1) < 0 ||
		    element(out, "ins", NULL, c->new_section->title,
			    strlen(c->new_section->title)) < 0)
			rc = POLICY_ENOMEM;
	} else if (rc == 0) {
		rc = text(out, c->title, strlen(c->title));
	}
	if (rc == 0)
		rc = end(out, "h3");
	if (rc == 0)
		rc = element(out, "p", "status", label, strlen(label));
	if (rc == 0)
		rc = start2(out, "div", "class", "redline", NULL, NULL);
	if (rc == 0)
		rc = build_redline(out, c, words);
	if (rc == 0)
		rc = end(out, "div");
	return rc == 0 ? end(out, "section") : rc;
}

/* An unchanged (or only moved) section, folded. */
static int build_folded(policy_buf *out, const policy_section_change *c, const redline_ctx *x,
			const labels *words)
{
	const policy_doc *doc = policy_diff_to(x->d);
	policy_buf plain = POLICY_BUF_INIT;
	const char *label = status_label(c, words);
	int rc = open_change(out, "details", c);

	if (rc == 0)
		rc = start2(out, "summary", NULL, NULL, NULL, NULL);
	if (rc == 0 && (text(out, c->title, strlen(c->title)) < 0 ||
			text(out, " · ", strlen(" · ")) < 0 || text(out, label, strlen(label)) < 0))
		rc = POLICY_ENOMEM;
	if (rc == 0)
		rc = end(out, "summary");
	if (rc == 0)
		rc = start2(out, "div", "class", "redline", NULL, NULL);
	if (rc == 0)
		rc = policy__doc_section_plain(doc, policy__doc_section_index(doc, c->new_section),
					       &plain);
	if (rc == 0 && plain.size > 0)
		rc = text(out, plain.ptr, plain.size);
	policy_buf_dispose(&plain);
	if (rc == 0)
		rc = end(out, "div");
	return rc == 0 ? end(out, "details") : rc;
}

static int mark_el(policy_edit_kind kind, const char *s, size_t len, void *payload)
{
	policy_buf *out = payload;

	if (kind == POLICY_EDIT_EQUAL)
		return text(out, s, len) < 0 ? POLICY_ENOMEM : 0;
	return element(out, kind == POLICY_EDIT_DELETE ? "del" : "ins", NULL, s, len) < 0
		       ? POLICY_ENOMEM
		       : 0;
}

static int build_finding(policy_buf *out, const policy_finding *f, const labels *words)
{
	const char *cat = f->category ? policy__label_category(words, f->category) : "-";
	const char *level = policy__label_level(words, f->level);
	const char *rule = policy__label(words, "rule");
	char head[200], cls[48];
	int rc;

	snprintf(head, sizeof(head), " %s · %s · ", cat,
		 policy__label_of(words, "change", f->change));
	snprintf(cls, sizeof(cls), "level level-%s", policy_level_name(f->level));
	rc = start2(out, "li", NULL, NULL, NULL, NULL);
	if (rc == 0)
		rc = element(out, "span", cls, level, strlen(level));
	if (rc == 0)
		rc = text(out, head, strlen(head));
	if (rc == 0 && f->section != NULL) {
		policy_buf href = POLICY_BUF_INIT;

		if (policy__buf_putc(&href, '#') < 0 || policy__buf_puts(&href, f->section) < 0 ||
		    policy__html_element(out, "a", "href", href.ptr, f->title, strlen(f->title)) <
			    0)
			rc = POLICY_ENOMEM;
		policy_buf_dispose(&href);
	} else if (rc == 0) {
		const char *what = policy__label(words, "risk-assessment");

		rc = text(out, what, strlen(what));
	}
	if (rc == 0 && f->message != NULL &&
	    (text(out, " ", 1) < 0 ||
	     element(out, "strong", "fact", f->message, strlen(f->message)) < 0 ||
	     text(out, " ", 1) < 0))
		rc = POLICY_ENOMEM;
	if (rc == 0 && (start2(out, "span", "class", "rule", NULL, NULL) < 0 ||
			text(out, " [", 2) < 0 || text(out, rule, strlen(rule)) < 0 ||
			text(out, " ", 1) < 0 || text(out, f->rule, strlen(f->rule)) < 0 ||
			text(out, "]", 1) < 0 || end(out, "span") < 0))
		rc = POLICY_ENOMEM;
	if (rc == 0)
		rc = element(out, "span", "excerpt reference", f->reference, strlen(f->reference));
	if (rc == 0 && (f->old_text != NULL || f->new_text != NULL)) {
		/* the sentence, just its changed words struck or inserted */
		if (start2(out, "span", "class", "excerpt", NULL, NULL) < 0 ||
		    policy_diff_finding_marks(f, mark_el, out) != 0 || end(out, "span") < 0)
			rc = POLICY_ENOMEM;
	}
	return rc == 0 ? end(out, "li") : policy__error_nomem();
}

static int fill(void *payload, const char *name, template_el *el)
{
	redline_ctx *x = payload;
	const policy_meta *a = policy_doc_meta(policy_diff_from(x->d)),
			  *b = policy_doc_meta(policy_diff_to(x->d));
	policy_buf text = POLICY_BUF_INIT;
	char da[11], db[11];
	int rc;

	if (strcmp(name, "findings") == 0) {
		policy_buf *out = policy__template_markup(el);

		for (size_t i = 0; out != NULL && i < policy_diff_finding_count(x->d); i++)
			if (build_finding(out, policy_diff_finding_at(x->d, i), W(el)) < 0)
				return -1;
		return out == NULL ? -1 : 1;
	}
	if (strcmp(name, "sections") == 0) {
		policy_buf *out = policy__template_markup(el);

		for (size_t i = 0; out != NULL && i < policy_diff_section_count(x->d); i++) {
			const policy_section_change *c = policy_diff_section_at(x->d, i);

			if ((c->status == POLICY_STATUS_UNCHANGED ||
					     c->status == POLICY_STATUS_MOVED
				     ? build_folded(out, c, x, W(el))
				     : build_section(out, c, W(el))) < 0)
				return -1;
		}
		return out == NULL ? -1 : 1;
	}
	if (strcmp(name, "title") == 0 || strcmp(name, "page-title") == 0) {
		rc = policy__buf_printf_line(&text, "%s: %s → %s", b->title, a->version_text,
					     b->version_text);
	} else if (strcmp(name, "old") == 0 || strcmp(name, "new") == 0) {
		const policy_meta *m = name[0] == 'o' ? a : b;
		static const char *const names[] = {"version", "released", "effective"};
		const char *values[3] = {m->version_text, da, db};

		policy_date_format(da, &m->released);
		policy_date_format(db, &m->effective);
		rc = policy__label_format(&text, W(el), "version-dates", names, values, 3);
	} else if (strcmp(name, "level") == 0) {
		char cls[48];

		snprintf(cls, sizeof(cls), "level level-%s",
			 policy_level_name(policy_diff_level(x->d)));
		if (policy__template_set_attr(el, "class", cls) < 0)
			return -1;
		rc = policy__buf_puts(&text, policy__label_level(W(el), policy_diff_level(x->d)));
	} else if (strcmp(name, "stats") == 0) {
		static const char *const names[] = {"inserted", "deleted", "moved"};
		char ins[24], del[24], mov[24];
		const char *values[3] = {ins, del, mov};

		snprintf(ins, sizeof(ins), "%zu", policy_diff_inserted(x->d));
		snprintf(del, sizeof(del), "%zu", policy_diff_deleted(x->d));
		snprintf(mov, sizeof(mov), "%u", policy_diff_moves(x->d));
		rc = policy__label_format(&text, W(el), "stats", names, values, 3);
	} else if (strcmp(name, "coarse") == 0) {
		static const char *const names[] = {"count"};
		char count[24];
		const char *values[1] = {count};

		snprintf(count, sizeof(count), "%zu", policy_diff_coarse(x->d));
		rc = policy__label_format(&text, W(el), "coarse", names, values, 1);
	} else {
		return 0;
	}
	if (rc == 0)
		rc = policy__template_set_text(el, text.ptr);
	policy_buf_dispose(&text);
	return rc < 0 ? -1 : 1;
}

static int cond(void *payload, const char *name)
{
	redline_ctx *x = payload;

	if (strcmp(name, "findings") == 0)
		return policy_diff_finding_count(x->d) > 0;
	if (strcmp(name, "coarse") == 0)
		return policy_diff_coarse(x->d) > 0;
	if (strncmp(name, "level-", 6) == 0)
		return strcmp(name + 6, policy_level_name(policy_diff_level(x->d))) == 0;
	if (strncmp(name, "lang-", 5) == 0)
		return policy__template_lang_is(x->locale, name + 5);
	return 0;
}

int policy__render_redline(policy_buf *out, const policy_diff *d, const char *template_dir)
{
	redline_ctx x;
	template_filler f = {fill, cond, &x};

	x.d = d;
	x.locale = policy_doc_meta(policy_diff_to(d))->locale;
	return policy__template_render(out, "redline.html", template_dir, &f, x.locale);
}
