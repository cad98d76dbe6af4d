/*
 * Classification: from aligned sections to levels and findings. The rules
 * are DESIGN's "Material change" table; each has a stable id and names the
 * law or standard behind it, so a reviewer can see why a change is major.
 * Categories decide what a change of text means: none (minor), any
 * (major), rights losing text (consent: rights narrowed), purposes gaining
 * text (consent: the scope of consent extended). Recipient records added,
 * removed or changed are recipients findings whatever else they say.
 */
#include <stdlib.h>
#include <string.h>

#include "diff_internal.h"
#include "editorial.h"
#include "util/buf.h"
#include "util/array.h"
#include "util/error.h"

#define EXCERPT_MAX 400

static const char *const level_names[] = {"none", "editorial", "minor", "major", "consent"};
static const char *const status_names[] = {"unchanged", "changed", "added", "removed", "moved"};

const char *policy_level_name(policy_level level)
{
	return (unsigned)level < 5 ? level_names[level] : "unknown";
}

int policy_level_from_name(policy_level *out, const char *name)
{
	for (unsigned i = 0; i < 5; i++) {
		if (strcmp(level_names[i], name) == 0) {
			*out = (policy_level)i;
			return 0;
		}
	}
	return error_set(POLICY_ENOTFOUND,
			 "no level is named \"%.40s\" (none, editorial, minor, major, consent)", name);
}

const char *policy_status_name(policy_status status)
{
	return (unsigned)status < 5 ? status_names[status] : "unknown";
}

/* The law or standard each category's rules rest on. */
static const char *reference(unsigned category)
{
	switch (category) {
	case POLICY_CATEGORY_PURPOSES:
		return "PIPL Art. 14, 17(1)(2); GDPR Art. 13(1)(c); GB/T 35273-2020 Annex D";
	case POLICY_CATEGORY_CONTROLLER:
		return "PIPL Art. 17(1)(1); GDPR Art. 13(1)(a); GB/T 35273-2020 Annex D";
	case POLICY_CATEGORY_RECIPIENTS:
		return "PIPL Art. 23; GDPR Art. 13(1)(e); GB/T 35273-2020 Annex D";
	case POLICY_CATEGORY_RIGHTS:
		return "PIPL Art. 17(1)(3), 44-50; GDPR Art. 13(2)(b); WP260 rev.01 para 29-30";
	case POLICY_CATEGORY_CONTACT:
		return "PIPL Art. 17(1)(1), 52; GDPR Art. 13(1)(b); GB/T 35273-2020 Annex D";
	case POLICY_CATEGORY_TRANSFER:
		return "PIPL Art. 39; GDPR Art. 13(1)(f)";
	case POLICY_CATEGORY_RETENTION:
		return "PIPL Art. 17(1)(2), 19; GDPR Art. 13(2)(a)";
	case POLICY_CATEGORY_RISK:
		return "PIPL Art. 55-56";
	default:
		return "policyctl: text changed outside every category";
	}
}

static const char *excerpt(policy_diff *d, const char *text)
{
	size_t n = strlen(text);

	if (text[0] == '\0')
		return NULL;
	if (n <= EXCERPT_MAX)
		return text;
	while (n > EXCERPT_MAX || ((unsigned char)text[n] & 0xC0) == 0x80)
		n--;
	return arena_printf(&d->mem, "%.*s…", (int)n, text);
}

static int add(policy_diff *d, policy_level level, unsigned category, const char *change,
	       const policy_section_change *c, const char *rule, size_t k)
{
	policy_finding *f;

	if (ARRAY_RESERVE(d->findings, d->finding_cap, d->finding_count) < 0)
		return POLICY_ENOMEM;
	f = &d->findings[d->finding_count++];
	f->level = level;
	f->category = category;
	f->change = change;
	f->section = c ? c->id : NULL;
	f->title = c ? c->title : NULL;
	f->rule = rule;
	f->reference = reference(category);
	f->old_text = c ? excerpt(d, d->old_plain[k]) : NULL;
	f->new_text = c ? excerpt(d, d->new_plain[k]) : NULL;
	if (level > d->level)
		d->level = level;
	return 0;
}

static const char *rule_name(policy_diff *d, unsigned category, const char *change)
{
	return arena_printf(&d->mem, "%s-%s", policy_category_name(category), change);
}

/* One side of a section's text without the passages that moved: equal
 * runs and that side's own insertions or deletions. */
static int text_staying(policy_buf *out, const policy_section_change *c, policy_edit_kind own)
{
	for (size_t i = 0; i < c->edit_count; i++) {
		const policy_edit *e = &c->edits[i];

		if ((e->kind == POLICY_EDIT_EQUAL || e->kind == own) &&
		    policy_buf_append(out, e->text, e->len) < 0)
			return POLICY_ENOMEM;
	}
	return 0;
}

/* Editorially equal: the same title (numbering aside) and the same text,
 * moved passages aside, once whitespace, width and punctuation styles are
 * set aside. */
static int editorial_only(const policy_section_change *c)
{
	policy_buf a = POLICY_BUF_INIT, b = POLICY_BUF_INIT, fa = POLICY_BUF_INIT,
		   fb = POLICY_BUF_INIT;
	const char *t1 = c->old_section->title, *t2 = c->new_section->title;
	int same = 0;

	t1 += policy_section_numbering_len(t1);
	t2 += policy_section_numbering_len(t2);
	if (editorial_form(&fa, t1, strlen(t1)) == 0 && editorial_form(&fb, t2, strlen(t2)) == 0 &&
	    strcmp(fa.ptr, fb.ptr) == 0 && text_staying(&a, c, POLICY_EDIT_DELETE) == 0 &&
	    text_staying(&b, c, POLICY_EDIT_INSERT) == 0 &&
	    editorial_form(&fa, a.ptr ? a.ptr : "", a.size) == 0 &&
	    editorial_form(&fb, b.ptr ? b.ptr : "", b.size) == 0)
		same = strcmp(fa.ptr, fb.ptr) == 0;
	policy_buf_dispose(&a);
	policy_buf_dispose(&b);
	policy_buf_dispose(&fa);
	policy_buf_dispose(&fb);
	return same;
}

static int edits_with_content(const policy_section_change *c, policy_edit_kind kind)
{
	for (size_t i = 0; i < c->edit_count; i++)
		if (c->edits[i].kind == kind && editorial_has_content(c->edits[i].text, c->edits[i].len))
			return 1;
	return 0;
}

static int classify_categories(policy_diff *d, const policy_section_change *c, size_t k,
			       unsigned cats, const char *change)
{
	int rc = 0;

	if (cats == 0)
		return add(d, POLICY_LEVEL_MINOR, 0, change, c, "text-changed", k);
	for (unsigned i = 0; i < POLICY_CATEGORY_COUNT && rc == 0; i++) {
		unsigned cat = policy_category_at(i);
		policy_level level = POLICY_LEVEL_MAJOR;
		const char *rule = NULL;

		if (!(cats & cat))
			continue;
		if (cat == POLICY_CATEGORY_RIGHTS &&
		    (c->status == POLICY_STATUS_REMOVED || edits_with_content(c, POLICY_EDIT_DELETE))) {
			level = POLICY_LEVEL_CONSENT;
			rule = "rights-narrowed";
		} else if (cat == POLICY_CATEGORY_PURPOSES &&
			   (c->status == POLICY_STATUS_ADDED || edits_with_content(c, POLICY_EDIT_INSERT))) {
			level = POLICY_LEVEL_CONSENT;
			rule = "purposes-extended";
		}
		if (rule == NULL && (rule = rule_name(d, cat, change)) == NULL)
			return error_nomem();
		rc = add(d, level, cat, change, c, rule, k);
	}
	return rc;
}

static int classify_section(policy_diff *d, size_t k)
{
	policy_section_change *c = &d->sections[k];
	const policy_section *o = c->old_section, *n = c->new_section;
	unsigned cats = (o ? o->categories : 0) | (n ? n->categories : 0);

	switch (c->status) {
	case POLICY_STATUS_UNCHANGED:
		return 0;
	case POLICY_STATUS_MOVED:
		if (d->level < POLICY_LEVEL_EDITORIAL)
			d->level = POLICY_LEVEL_EDITORIAL;
		return 0;
	case POLICY_STATUS_ADDED:
		if (n->is_record)
			return add(d, POLICY_LEVEL_MAJOR, POLICY_CATEGORY_RECIPIENTS, "added", c,
				   "recipients-added", k);
		return classify_categories(d, c, k, cats, "added");
	case POLICY_STATUS_REMOVED:
		if (o->is_record)
			return add(d, POLICY_LEVEL_MAJOR, POLICY_CATEGORY_RECIPIENTS, "removed", c,
				   "recipients-removed", k);
		return classify_categories(d, c, k, cats, "removed");
	case POLICY_STATUS_CHANGED:
		if (editorial_only(c)) {
			c->editorial = 1;
			if (d->level < POLICY_LEVEL_EDITORIAL)
				d->level = POLICY_LEVEL_EDITORIAL;
			return 0;
		}
		if (o->is_record || n->is_record)
			return add(d, POLICY_LEVEL_MAJOR, POLICY_CATEGORY_RECIPIENTS, "changed", c,
				   "recipients-changed", k);
		return classify_categories(d, c, k, cats, "changed");
	}
	return 0;
}

/* Most serious first, in document order within a level (a stable sort;
 * finding lists are short). */
static void sort_findings(policy_diff *d)
{
	for (size_t i = 1; i < d->finding_count; i++) {
		policy_finding f = d->findings[i];
		size_t j = i;

		while (j > 0 && d->findings[j - 1].level < f.level) {
			d->findings[j] = d->findings[j - 1];
			j--;
		}
		d->findings[j] = f;
	}
}

static int is_high(const char *risk)
{
	return risk != NULL && strcmp(risk, "high") == 0;
}

int classify_diff(policy_diff *d)
{
	int rc = 0;

	d->level = POLICY_LEVEL_NONE;
	for (size_t k = 0; k < d->section_count && rc == 0; k++)
		rc = classify_section(d, k);
	if (rc == 0 && is_high(policy_doc_meta(d->new_doc)->risk) &&
	    !is_high(policy_doc_meta(d->old_doc)->risk))
		rc = add(d, POLICY_LEVEL_MAJOR, POLICY_CATEGORY_RISK, "added", NULL, "risk-high", 0);
	if (rc == 0)
		sort_findings(d);
	return rc;
}
