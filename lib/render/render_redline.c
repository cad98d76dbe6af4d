/*
 * The redline page: templates/redline.html filled from a diff. The level
 * and the findings come first, each linking to its section; then every
 * section that changed, its text with <del> and <ins> in place and moved
 * passages marked (linked to their other end); unchanged sections follow
 * folded in <details>, so the whole new version can still be read. All
 * text goes in through libxml2's DOM, which escapes it.
 */
#include <string.h>

#include "buf.h"
#include "error.h"
#include "internal.h"
#include "render_internal.h"
#include "template.h"

typedef struct {
	const policy_diff *d;
	const char *locale;
} redline_ctx;

/* The words of the page `node` is in (render/labels.c). */
#define W(node) policy__template_labels(node)

/* Set attribute `name` to `prefix` followed by `rest`. */
static int set_prop(xmlNodePtr el, const char *name, const char *prefix, const char *rest)
{
	xmlChar *v = xmlStrncatNew(BAD_CAST prefix, BAD_CAST rest, -1);

	if (v == NULL)
		return policy__error_nomem();
	if (xmlSetProp(el, BAD_CAST name, v) == NULL) {
		xmlFree(v);
		return policy__error_nomem();
	}
	xmlFree(v);
	return 0;
}

static int add_text(xmlNodePtr parent, const char *text, size_t len)
{
	xmlNodePtr t = xmlNewTextLen(BAD_CAST text, (int)len);

	if (t == NULL || xmlAddChild(parent, t) == NULL) {
		xmlFreeNode(t);
		return policy__error_nomem();
	}
	return 0;
}

/* A child element `name` holding `text` (not NUL-terminated); NULL when
 * out of memory. */
static xmlNodePtr add_text_el(xmlNodePtr parent, const char *name, const char *text, size_t len)
{
	xmlNodePtr el = xmlNewChild(parent, NULL, BAD_CAST name, NULL);

	return el != NULL && add_text(el, text, len) == 0 ? el : NULL;
}

static int add_move(xmlNodePtr parent, const policy_edit *e, const char *label)
{
	char own[32], other[32];
	int out = e->kind == POLICY_EDIT_MOVED_OUT;
	xmlNodePtr mark = add_text_el(parent, out ? "del" : "ins", e->text, e->len), a;

	snprintf(own, sizeof(own), "move-%u-%s", e->move, out ? "from" : "to");
	snprintf(other, sizeof(other), "#move-%u-%s", e->move, out ? "to" : "from");
	if (mark == NULL || set_prop(mark, "class", "moved", "") < 0 ||
	    set_prop(mark, "id", own, "") < 0)
		return policy__error_nomem();
	a = add_text_el(parent, "a", label, strlen(label));
	if (a == NULL || set_prop(a, "class", "move", "") < 0 ||
	    set_prop(a, "href", other, "") < 0 || set_prop(a, "title", e->move_section, "") < 0)
		return policy__error_nomem();
	return 0;
}

static int build_redline(xmlNodePtr div, const policy_section_change *c, const redline_ctx *x)
{
	for (size_t i = 0; i < c->edit_count; i++) {
		const policy_edit *e = &c->edits[i];
		int rc = 0;

		switch (e->kind) {
		case POLICY_EDIT_EQUAL:
			rc = add_text(div, e->text, e->len);
			break;
		case POLICY_EDIT_DELETE:
			rc = add_text_el(div, "del", e->text, e->len) ? 0 : policy__error_nomem();
			break;
		case POLICY_EDIT_INSERT:
			rc = add_text_el(div, "ins", e->text, e->len) ? 0 : policy__error_nomem();
			break;
		case POLICY_EDIT_MOVED_OUT:
			rc = add_move(div, e, policy__label(W(div), "moved-to"));
			break;
		case POLICY_EDIT_MOVED_IN:
			rc = add_move(div, e, policy__label(W(div), "moved-from"));
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

static int build_section(xmlNodePtr parent, const policy_section_change *c, const redline_ctx *x)
{
	xmlNodePtr sec = xmlNewChild(parent, NULL, BAD_CAST "section", NULL), h, p, div;
	const char *label = status_label(c, W(parent));

	if (sec == NULL || set_prop(sec, "id", c->id, "") < 0 ||
	    set_prop(sec, "class", "change status-", policy_diff_status_name(c->status)) < 0)
		return policy__error_nomem();
	if ((h = xmlNewChild(sec, NULL, BAD_CAST "h3", NULL)) == NULL)
		return policy__error_nomem();
	if (c->old_section && c->new_section &&
	    strcmp(c->old_section->title, c->new_section->title) != 0) {
		if (!add_text_el(h, "del", c->old_section->title, strlen(c->old_section->title)) ||
		    add_text(h, " ", 1) < 0 ||
		    !add_text_el(h, "ins", c->new_section->title, strlen(c->new_section->title)))
			return policy__error_nomem();
	} else if (add_text(h, c->title, strlen(c->title)) < 0) {
		return policy__error_nomem();
	}
	p = add_text_el(sec, "p", label, strlen(label));
	if (p == NULL || set_prop(p, "class", "status", "") < 0)
		return policy__error_nomem();
	div = xmlNewChild(sec, NULL, BAD_CAST "div", NULL);
	if (div == NULL || set_prop(div, "class", "redline", "") < 0)
		return policy__error_nomem();
	return build_redline(div, c, x);
}

/* An unchanged (or only moved) section, folded. */
static int build_folded(xmlNodePtr parent, const policy_section_change *c, const redline_ctx *x)
{
	const policy_doc *doc = policy_diff_to(x->d);
	xmlNodePtr det = xmlNewChild(parent, NULL, BAD_CAST "details", NULL), sum, div;
	policy_buf text = POLICY_BUF_INIT;
	const char *label = status_label(c, W(parent));
	int rc;

	if (det == NULL || set_prop(det, "id", c->id, "") < 0 ||
	    set_prop(det, "class", "change status-", policy_diff_status_name(c->status)) < 0 ||
	    (sum = add_text_el(det, "summary", c->title, strlen(c->title))) == NULL ||
	    add_text(sum, " · ", strlen(" · ")) < 0 || add_text(sum, label, strlen(label)) < 0)
		return policy__error_nomem();
	div = xmlNewChild(det, NULL, BAD_CAST "div", NULL);
	if (div == NULL || set_prop(div, "class", "redline", "") < 0)
		return policy__error_nomem();
	rc = policy__doc_section_plain(doc, policy__doc_section_index(doc, c->new_section), &text);
	if (rc == 0 && text.size > 0)
		rc = add_text(div, text.ptr, text.size);
	policy_buf_dispose(&text);
	return rc;
}

static int mark_el(policy_edit_kind kind, const char *text, size_t len, void *payload)
{
	xmlNodePtr span = payload;

	if (kind == POLICY_EDIT_EQUAL)
		return add_text(span, text, len) < 0 ? POLICY_ENOMEM : 0;
	return add_text_el(span, kind == POLICY_EDIT_DELETE ? "del" : "ins", text, len)
		       ? 0
		       : POLICY_ENOMEM;
}

static int build_findings(xmlNodePtr ol, const redline_ctx *x)
{
	policy__template_clear(ol);
	for (size_t i = 0; i < policy_diff_finding_count(x->d); i++) {
		const policy_finding *f = policy_diff_finding_at(x->d, i);
		xmlNodePtr li = xmlNewChild(ol, NULL, BAD_CAST "li", NULL), lv, a, span;
		const labels *words = W(ol);
		const char *cat = f->category ? policy__label_category(words, f->category) : "-";
		const char *level = policy__label_level(words, f->level);
		char head[200];

		snprintf(head, sizeof(head), " %s · %s · ", cat,
			 policy__label_of(words, "change", f->change));
		lv = li ? add_text_el(li, "span", level, strlen(level)) : NULL;
		if (lv == NULL ||
		    set_prop(lv, "class", "level level-", policy_level_name(f->level)) < 0 ||
		    add_text(li, head, strlen(head)) < 0)
			return policy__error_nomem();
		if (f->section != NULL) {
			a = add_text_el(li, "a", f->title, strlen(f->title));
			if (a == NULL || set_prop(a, "href", "#", f->section) < 0)
				return policy__error_nomem();
		} else {
			const char *what = policy__label(W(ol), "risk-assessment");

			if (add_text(li, what, strlen(what)) < 0)
				return policy__error_nomem();
		}
		if (f->message != NULL) {
			span = add_text(li, " ", 1) < 0
				       ? NULL
				       : add_text_el(li, "strong", f->message, strlen(f->message));
			if (span == NULL || set_prop(span, "class", "fact", "") < 0 ||
			    add_text(li, " ", 1) < 0)
				return policy__error_nomem();
		}
		span = add_text_el(li, "span", "", 0);
		if (span == NULL || set_prop(span, "class", "rule", "") < 0 ||
		    add_text(span, " [", 2) < 0 ||
		    add_text(span, policy__label(W(ol), "rule"),
			     strlen(policy__label(W(ol), "rule"))) < 0 ||
		    add_text(span, " ", 1) < 0 || add_text(span, f->rule, strlen(f->rule)) < 0 ||
		    add_text(span, "]", 1) < 0)
			return policy__error_nomem();
		span = add_text_el(li, "span", f->reference, strlen(f->reference));
		if (span == NULL || set_prop(span, "class", "excerpt reference", "") < 0)
			return policy__error_nomem();
		if (f->old_text == NULL && f->new_text == NULL)
			continue;
		/* the sentence, just its changed words struck or inserted */
		span = add_text_el(li, "span", "", 0);
		if (span == NULL || set_prop(span, "class", "excerpt", "") < 0 ||
		    policy_diff_finding_marks(f, mark_el, span) != 0)
			return policy__error_nomem();
	}
	return 0;
}

static int fill(void *payload, const char *name, xmlNodePtr el)
{
	redline_ctx *x = payload;
	const policy_meta *a = policy_doc_meta(policy_diff_from(x->d)),
			  *b = policy_doc_meta(policy_diff_to(x->d));
	policy_buf text = POLICY_BUF_INIT;
	char da[11], db[11];
	int rc;

	if (strcmp(name, "findings") == 0)
		return build_findings(el, x) < 0 ? -1 : 1;
	if (strcmp(name, "sections") == 0) {
		policy__template_clear(el);
		for (size_t i = 0; i < policy_diff_section_count(x->d); i++) {
			const policy_section_change *c = policy_diff_section_at(x->d, i);
			if ((c->status == POLICY_STATUS_UNCHANGED ||
					     c->status == POLICY_STATUS_MOVED
				     ? build_folded(el, c, x)
				     : build_section(el, c, x)) < 0)
				return -1;
		}
		return 1;
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
		if (set_prop(el, "class", "level level-",
			     policy_level_name(policy_diff_level(x->d))) < 0)
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
