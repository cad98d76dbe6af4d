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

/* Bytes at the end of `text` that decide how an edit after it reads in
 * editorial form: the white space there and the character before it. */
static size_t context_before(const char *text, size_t len)
{
	size_t at = len;

	while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\n' || text[at - 1] == '\t'))
		at--;
	while (at > 0 && ((unsigned char)text[at - 1] & 0xC0) == 0x80)
		at--;
	return len - (at > 0 ? at - 1 : 0);
}

/* Likewise at the start of `text`, for an edit before it. */
static size_t context_after(const char *text, size_t len)
{
	size_t at = 0;

	while (at < len && (text[at] == ' ' || text[at] == '\n' || text[at] == '\t'))
		at++;
	if (at < len)
		at++;
	while (at < len && ((unsigned char)text[at] & 0xC0) == 0x80)
		at++;
	return at;
}

/* Does one run of changes read the same, editorially, as what it replaced?
 * Both sides are compared with the same few characters of context around
 * them, which is all the editorial form looks at across an edit. */
static int window_equal(const policy_section_change *c, size_t from, size_t to, const policy_edit *prev,
			const policy_edit *next, policy_buf *side, policy_buf *form)
{
	for (int k = 0; k < 2; k++) {
		policy_edit_kind own = k == 0 ? POLICY_EDIT_DELETE : POLICY_EDIT_INSERT;

		buf_clear(&side[k]);
		if (prev != NULL) {
			size_t n = context_before(prev->text, prev->len);

			if (buf_put(&side[k], prev->text + prev->len - n, n) < 0)
				return POLICY_ENOMEM;
		}
		for (size_t i = from; i < to; i++)
			if (c->edits[i].kind == own &&
			    buf_put(&side[k], c->edits[i].text, c->edits[i].len) < 0)
				return POLICY_ENOMEM;
		if (next != NULL &&
		    buf_put(&side[k], next->text, context_after(next->text, next->len)) < 0)
			return POLICY_ENOMEM;
		if (editorial_form(&form[k], side[k].ptr ? side[k].ptr : "", side[k].size) < 0)
			return POLICY_ENOMEM;
	}
	return strcmp(form[0].ptr, form[1].ptr) == 0;
}

/* Editorially equal: the same title (numbering aside) and the same text,
 * moved passages aside, once whitespace, width and punctuation styles are
 * set aside. Only the changed runs are compared, each with its context.
 * 1 or 0; POLICY_ENOMEM. */
static int editorial_only(const policy_section_change *c)
{
	policy_buf side[2] = {POLICY_BUF_INIT, POLICY_BUF_INIT};
	policy_buf form[2] = {POLICY_BUF_INIT, POLICY_BUF_INIT};
	const char *t1 = c->old_section->title, *t2 = c->new_section->title;
	const policy_edit *prev = NULL;
	int same = 0;
	size_t i = 0;

	t1 += policy_section_numbering_len(t1);
	t2 += policy_section_numbering_len(t2);
	if (editorial_form(&form[0], t1, strlen(t1)) < 0 || editorial_form(&form[1], t2, strlen(t2)) < 0) {
		same = POLICY_ENOMEM;
		goto done;
	}
	same = strcmp(form[0].ptr, form[1].ptr) == 0;
	while (same == 1 && i < c->edit_count) {
		size_t end = i;
		const policy_edit *next = NULL;

		if (c->edits[i].kind == POLICY_EDIT_EQUAL) {
			prev = &c->edits[i++];
			continue;
		}
		if (c->edits[i].kind == POLICY_EDIT_MOVED_OUT || c->edits[i].kind == POLICY_EDIT_MOVED_IN) {
			i++; /* moved text is not compared here */
			continue;
		}
		while (end < c->edit_count && (c->edits[end].kind == POLICY_EDIT_DELETE ||
					       c->edits[end].kind == POLICY_EDIT_INSERT))
			end++;
		for (size_t j = end; j < c->edit_count && next == NULL; j++)
			if (c->edits[j].kind == POLICY_EDIT_EQUAL)
				next = &c->edits[j];
		same = window_equal(c, i, end, prev, next, side, form);
		i = end;
	}
done:
	for (int k = 0; k < 2; k++) {
		policy_buf_dispose(&side[k]);
		policy_buf_dispose(&form[k]);
	}
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
	int editorial;

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
		if ((editorial = editorial_only(c)) < 0)
			return editorial;
		if (editorial) {
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
