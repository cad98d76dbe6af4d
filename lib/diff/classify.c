/*
 * Classification: from aligned sections to levels and findings, by the
 * privacy facts each version states (facts.c), per DESIGN's "Material
 * change" table. Each rule has a stable id and names the law or standard
 * behind it, so a reviewer can see why a change is major.
 *
 * For every section that changed (not editorially), the facts of its old
 * and new text are compared: a fact added, removed or changed is major
 * wherever it sits; a new kind of data or a new purpose (new to the whole
 * document) is consent, as is a right, or a way to exercise one, that the
 * new version no longer grants anywhere (or now denies). A fact that
 * left one section and arrived in another moved: nothing changed. Text
 * changed with no fact changed is minor, unless a negation or modal word
 * changed in a section that states facts (major). Recipient records added,
 * removed or changed are recipients findings whatever else they say, as
 * are rows of tables of recipients added or removed, and `risk: high` is
 * major.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "buf.h"
#include "diff_internal.h"
#include "editorial.h"
#include "error.h"
#include "facts_internal.h"
#include "internal.h"
#include "parallel.h"
#include "policy/facts.h"
#include "strmap.h"
#include "utf8.h"

#define EXCERPT_MAX 400
/* Section changes per thread reading facts: a short policy's few are
 * read faster than a thread starts. */
#define FACTS_GRAIN 64

static const char *const status_names[] = {"unchanged", "changed", "added", "removed", "moved"};

const char *policy_diff_status_name(policy_status status)
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
	static const char ELLIPSIS[] = "…";
	size_t n = strlen(text);
	char *cut;

	if (text[0] == '\0')
		return NULL;
	if (n <= EXCERPT_MAX)
		return text;
	/* cut before the character that holds byte EXCERPT_MAX */
	for (n = EXCERPT_MAX; ((unsigned char)text[n] & 0xC0) == 0x80; n--)
		;
	if ((cut = policy__arena_alloc(&d->mem, n + sizeof(ELLIPSIS))) == NULL)
		return NULL;
	memcpy(cut, text, n);
	memcpy(cut + n, ELLIPSIS, sizeof(ELLIPSIS));
	return cut;
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
	f->fact_kind = f->fact = f->fact_old = f->message = NULL;
	if (level > d->level)
		d->level = level;
	return 0;
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
static int window_equal(const policy_section_change *c, size_t from, size_t to,
			const policy_edit *prev, const policy_edit *next, policy_buf *side,
			policy_buf *form)
{
	for (int k = 0; k < 2; k++) {
		policy_edit_kind own = k == 0 ? POLICY_EDIT_DELETE : POLICY_EDIT_INSERT;

		policy__buf_clear(&side[k]);
		if (prev != NULL) {
			size_t n = context_before(prev->text, prev->len);

			if (policy__buf_put(&side[k], prev->text + prev->len - n, n) < 0)
				return POLICY_ENOMEM;
		}
		for (size_t i = from; i < to; i++)
			if (c->edits[i].kind == own &&
			    policy__buf_put(&side[k], c->edits[i].text, c->edits[i].len) < 0)
				return POLICY_ENOMEM;
		if (next != NULL &&
		    policy__buf_put(&side[k], next->text, context_after(next->text, next->len)) < 0)
			return POLICY_ENOMEM;
		if (policy__editorial_form(&form[k], side[k].ptr ? side[k].ptr : "", side[k].size) <
		    0)
			return POLICY_ENOMEM;
	}
	return strcmp(form[0].ptr, form[1].ptr) == 0;
}

static int numeral_run(const char *s, size_t len)
{
	static const char numerals[] = "一二三四五六七八九十";
	size_t i = 0;

	if (len == 0)
		return 0;
	while (i < len) {
		if (s[i] >= '0' && s[i] <= '9') {
			i++;
		} else if (i + 3 <= len && (unsigned char)s[i] >= 0xE0) {
			const char *hit = strstr(numerals, (char[4]){s[i], s[i + 1], s[i + 2], 0});

			if (hit == NULL || (hit - numerals) % 3 != 0)
				return 0;
			i += 3;
		} else {
			return 0;
		}
	}
	return 1;
}

/* Is the run of changes [from, to) a line's number and nothing else
 * ("14. Security" to "13. Security", "1.2 Data" to "1.3 Data")? DESIGN
 * counts renumbering as editorial. */
static int renumbered(const policy_section_change *c, size_t from, size_t to,
		      const policy_edit *prev, const policy_edit *next)
{
	size_t at;
	int dotted = 0;
	char mark;

	for (size_t i = from; i < to; i++)
		if (!numeral_run(c->edits[i].text, c->edits[i].len))
			return 0;
	if (prev != NULL) {
		at = prev->len;
		while (at > 0 && ((prev->text[at - 1] >= '0' && prev->text[at - 1] <= '9') ||
				  prev->text[at - 1] == '.'))
			dotted |= prev->text[--at] == '.';
		while (at > 0 && (prev->text[at - 1] == ' ' || prev->text[at - 1] == '\t'))
			at--;
		if (at > 0 ? prev->text[at - 1] != '\n' : prev != &c->edits[0])
			return 0;
	}
	if (next == NULL || next->len == 0)
		return 0;
	mark = next->text[0];
	return mark == '.' || mark == ')' || (mark == ' ' && dotted) ||
	       (next->len >= 3 &&
		(memcmp(next->text, "、", 3) == 0 || memcmp(next->text, "．", 3) == 0 ||
		 memcmp(next->text, "）", 3) == 0));
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
	if (policy__editorial_form(&form[0], t1, strlen(t1)) < 0 ||
	    policy__editorial_form(&form[1], t2, strlen(t2)) < 0) {
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
		if (c->edits[i].kind == POLICY_EDIT_MOVED_OUT ||
		    c->edits[i].kind == POLICY_EDIT_MOVED_IN) {
			i++; /* moved text is not compared here */
			continue;
		}
		while (end < c->edit_count && (c->edits[end].kind == POLICY_EDIT_DELETE ||
					       c->edits[end].kind == POLICY_EDIT_INSERT))
			end++;
		for (size_t j = end; j < c->edit_count && next == NULL; j++)
			if (c->edits[j].kind == POLICY_EDIT_EQUAL)
				next = &c->edits[j];
		same = renumbered(c, i, end, prev, next) ||
		       window_equal(c, i, end, prev, next, side, form);
		i = end;
	}
done:
	for (int k = 0; k < 2; k++) {
		policy_buf_dispose(&side[k]);
		policy_buf_dispose(&form[k]);
	}
	return same;
}

/* ---- facts ---- */

typedef struct {
	policy_diff *d;
	char *old_lower; /* the old body in ASCII lower case, made when first needed */
	size_t old_lower_len;
	strmap old_phrases; /* "kind value": whether the old version uses a phrase of it */
	fact_list new_doc;  /* every fact of the new version, read when first needed */
	int new_read;
	fact_list *old_sec, *new_sec; /* of each change's old and new section */
	unsigned char *modal;         /* of each change: a negation or modal word changed */
	fact_list added, removed;     /* added to, removed from, any section */
	int zh;                       /* messages in Chinese */
} fact_ctx;

/* Is the policy Chinese? Its locale says, or else its title. */
static int is_zh(const policy_doc *doc)
{
	const policy_meta *m = policy_doc_meta(doc);
	const char *t = m->title ? m->title : "";
	size_t pos = 0;

	if (m->locale != NULL && strncmp(m->locale, "zh", 2) == 0)
		return 1;
	if (m->locale != NULL && strcmp(m->locale, "und") != 0)
		return 0;
	while (t[pos] != '\0')
		if (policy__utf8_is_cjk(policy__utf8_next(t, strlen(t), &pos)))
			return 1;
	return 0;
}

/* "新增收集：心率（健康生理信息，敏感）", "new data item: heart rate (health data, sensitive)". */
static const char *fact_message(policy_diff *d, int zh, const policy_fact *f, const char *change,
				const policy_fact *before)
{
	static const char *const zh_added[] = {"新增收集",           "新增目的",     "新增接收方",
					       "新增权利或行使方式", "新增联系方式", "新增保存期限",
					       "新增传输目的地",     "新增处理者"};
	static const char *const zh_removed[] = {
		"不再收集",     "删除目的",     "删除接收方",     "删除权利或行使方式",
		"删除联系方式", "删除保存期限", "删除传输目的地", "删除处理者"};
	static const char *const zh_changed[] = {"收集变更",       "目的变更",     "接收方变更",
						 "权利变更",       "联系方式变更", "保存期限变更",
						 "传输目的地变更", "处理者变更"};
	static const char *const en_kind[] = {"data item",
					      "purpose",
					      "recipient",
					      "right",
					      "contact point",
					      "retention period",
					      "transfer destination",
					      "controller"};
	const char *detail = "";
	const char *neg = "";

	if (f->label != NULL)
		detail = zh ? policy__arena_printf(&d->mem, "（%s%s）", f->label,
						   f->sensitive ? "，敏感" : "")
			    : policy__arena_printf(&d->mem, " (%s%s)", f->label,
						   f->sensitive ? ", sensitive" : "");
	if (f->negated)
		neg = zh ? "（否定）" : "not ";
	if (before != NULL)
		return zh ? policy__arena_printf(&d->mem, "%s：%s → %s%s%s", zh_changed[f->kind],
						 before->text, neg, f->text, detail)
			  : policy__arena_printf(&d->mem, "%s changed: %s to %s%s%s",
						 en_kind[f->kind], before->text, neg, f->text,
						 detail);
	if (zh)
		return policy__arena_printf(&d->mem, "%s：%s%s%s",
					    strcmp(change, "added") == 0 ? zh_added[f->kind]
									 : zh_removed[f->kind],
					    neg, f->text, detail);
	return policy__arena_printf(&d->mem, "%s %s: %s%s%s",
				    strcmp(change, "added") == 0 ? "new" : "removed",
				    en_kind[f->kind], neg, f->text, detail);
}

/* Does the new version state the fact anywhere? It is read whole only
 * when a change needs it (a right lost from a section), and once. */
static int in_new_version(fact_ctx *fc, const policy_fact *f)
{
	if (!fc->new_read) {
		fc->new_read = 1;
		if (policy__facts_scan_doc(&fc->new_doc, &fc->d->mem, fc->d->new_doc) < 0)
			return -1;
	}
	return policy__facts_find(&fc->new_doc, f->kind, f->value, 0) >= 0;
}

/* The old version's body in lower case, to look a phrase up in. A new
 * kind of data or purpose is one whose words the old version never used:
 * reading the whole old version into facts cost a 2 MB diff more than
 * all the rest of classification. */
static const char *old_lower(void *ctx)
{
	fact_ctx *fc = ctx;

	if (fc->old_lower == NULL) {
		const char *body = policy__doc_body(fc->d->old_doc, &fc->old_lower_len);

		if ((fc->old_lower = malloc(fc->old_lower_len + 1)) == NULL)
			return NULL; /* out of memory: nothing is found */
		ascii_lower(fc->old_lower, body, fc->old_lower_len);
	}
	return fc->old_lower;
}

/* Did the old version use a phrase of the fact (`kind`, `value`)? Each
 * answer is a search of the whole old version, kept: a fact added in many
 * sections is looked up once. */
static int in_old_version(fact_ctx *fc, policy_fact_kind kind, const char *value)
{
	fact_text t = {NULL, 0, old_lower, fc};
	char key[256];
	int len = snprintf(key, sizeof(key), "%d %s", (int)kind, value);
	int keyed = len >= 0 && (size_t)len < sizeof(key);
	size_t *known = keyed ? policy__strmap_get(&fc->old_phrases, key) : NULL;
	const char *kept;
	int found;

	if (known != NULL)
		return (int)*known;
	t.text = policy__doc_body(fc->d->old_doc, &t.len);
	found = policy__facts_phrase_in(&t, kind, value);
	/* a long value, or no memory: asked again next time */
	if (keyed && (kept = policy__arena_strdup(&fc->d->mem, key)) != NULL)
		policy__strmap_put(&fc->old_phrases, kept, (size_t)found);
	return found;
}

/* The level a fact's change calls for. */
static policy_level fact_level(fact_ctx *fc, const policy_fact *f, const char *change,
			       const char **rule)
{
	int added = strcmp(change, "removed") != 0;

	if (added && !f->negated &&
	    (f->kind == POLICY_FACT_DATA || f->kind == POLICY_FACT_PURPOSE) &&
	    !in_old_version(fc, f->kind, f->value)) {
		*rule = "purposes-extended";
		return POLICY_LEVEL_CONSENT;
	}
	if (f->kind == POLICY_FACT_RIGHT &&
	    ((!added && !f->negated && in_new_version(fc, f) == 0) || (added && f->negated))) {
		*rule = "rights-narrowed";
		return POLICY_LEVEL_CONSENT;
	}
	*rule = NULL;
	return POLICY_LEVEL_MAJOR;
}

static int add_fact_finding(policy_diff *d, fact_ctx *fc, const policy_section_change *c, size_t k,
			    const policy_fact *f, const policy_fact *before, const char *change)
{
	const char *rule = NULL;
	policy_level level = fact_level(fc, f, change, &rule), other;
	unsigned cat = policy_facts_kind_category(f->kind);
	policy_finding *out;
	int rc;

	if (before != NULL) {
		const char *rule2 = NULL;

		other = fact_level(fc, before, "removed", &rule2);
		if (other > level) {
			level = other;
			rule = rule2;
		}
	}
	if (rule == NULL && (rule = policy__arena_printf(
				     &d->mem, "%s-%s", policy_category_name(cat), change)) == NULL)
		return policy__error_nomem();
	if ((rc = add(d, level, cat, change, c, rule, k)) < 0)
		return rc;
	out = &d->findings[d->finding_count - 1];
	out->fact_kind = policy_facts_kind_name(f->kind);
	out->fact = f->text;
	out->fact_old = before ? before->text : NULL;
	out->message = fact_message(d, fc->zh, f, change, before);
	/* The sentences the fact came from, not the whole section. */
	if (strcmp(change, "removed") == 0) {
		out->old_text = excerpt(d, f->sentence);
		out->new_text = NULL;
	} else {
		out->old_text = before ? excerpt(d, before->sentence) : NULL;
		out->new_text = excerpt(d, f->sentence);
	}
	return out->message == NULL ? policy__error_nomem() : 0;
}

/* Did a changed run insert or delete a negation or modal word? */
static int modal_changed(const policy_section_change *c)
{
	for (size_t i = 0; i < c->edit_count; i++)
		if ((c->edits[i].kind == POLICY_EDIT_INSERT ||
		     c->edits[i].kind == POLICY_EDIT_DELETE) &&
		    policy__facts_has_modal(c->edits[i].text, c->edits[i].len))
			return 1;
	return 0;
}

/* Every fact of each side of each changed section, and what sections
 * gained and lost between them. */
/* The facts a section gained and lost that no other section lost or
 * gained (those moved), as findings; one lost and one gained of a kind
 * read as that fact changed. Returns the number of findings added. */
static int classify_facts(policy_diff *d, fact_ctx *fc, const policy_section_change *c, size_t k)
{
	const fact_list *o = &fc->old_sec[k], *n = &fc->new_sec[k];
	const policy_fact *gone[64], *came[64];
	size_t ngone = 0, ncame = 0;
	int found = 0, rc;

	for (size_t i = 0; i < o->count && ngone < 64; i++) {
		const policy_fact *f = &o->items[i];

		if (policy__facts_find(n, f->kind, f->value, f->negated) < 0 &&
		    policy__facts_find(&fc->added, f->kind, f->value, f->negated) < 0)
			gone[ngone++] = f;
	}
	for (size_t i = 0; i < n->count && ncame < 64; i++) {
		const policy_fact *f = &n->items[i];

		if (policy__facts_find(o, f->kind, f->value, f->negated) < 0 &&
		    policy__facts_find(&fc->removed, f->kind, f->value, f->negated) < 0)
			came[ncame++] = f;
	}
	for (size_t i = 0; i < ncame; i++) {
		const policy_fact *before = NULL;

		for (size_t j = 0; j < ngone && before == NULL; j++)
			if (gone[j] != NULL && gone[j]->kind == came[i]->kind &&
			    (came[i]->kind != POLICY_FACT_DATA &&
			     came[i]->kind != POLICY_FACT_PURPOSE &&
			     came[i]->kind != POLICY_FACT_RIGHT)) {
				before = gone[j];
				gone[j] = NULL;
			}
		if ((rc = add_fact_finding(d, fc, c, k, came[i], before,
					   before ? "changed" : "added")) < 0)
			return rc;
		found++;
	}
	for (size_t j = 0; j < ngone; j++) {
		if (gone[j] == NULL)
			continue;
		if ((rc = add_fact_finding(d, fc, c, k, gone[j], NULL, "removed")) < 0)
			return rc;
		found++;
	}
	return found;
}

static int classify_text(policy_diff *d, fact_ctx *fc, const policy_section_change *c, size_t k,
			 const char *change)
{
	int found = classify_facts(d, fc, c, k);
	unsigned cats = (c->old_section ? c->old_section->categories : 0) |
			(c->new_section ? c->new_section->categories : 0);

	if (found != 0)
		return found < 0 ? found : 0;
	if (c->status == POLICY_STATUS_CHANGED && fc->modal[k] &&
	    (fc->old_sec[k].count > 0 || fc->new_sec[k].count > 0)) {
		unsigned cat = policy_facts_kind_category(
			(fc->new_sec[k].count ? fc->new_sec[k].items : fc->old_sec[k].items)[0]
				.kind);
		int rc = add(d, POLICY_LEVEL_MAJOR, cats ? cats & -cats : cat, change, c,
			     "negation-or-modal-changed", k);

		if (rc == 0)
			d->findings[d->finding_count - 1].message =
				fc->zh ? "限定或否定用语变更：所述事实的含义可能改变"
				       : "a negation or modal word changed: what a fact means may "
					 "have changed";
		return rc;
	}
	return add(d, POLICY_LEVEL_MINOR, 0, change, c, "text-changed", k);
}

static int classify_section(policy_diff *d, fact_ctx *fc, size_t k)
{
	policy_section_change *c = &d->sections[k];
	const policy_section *o = c->old_section, *n = c->new_section;

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
		return classify_text(d, fc, c, k, "added");
	case POLICY_STATUS_REMOVED:
		if (o->is_record)
			return add(d, POLICY_LEVEL_MAJOR, POLICY_CATEGORY_RECIPIENTS, "removed", c,
				   "recipients-removed", k);
		return classify_text(d, fc, c, k, "removed");
	case POLICY_STATUS_CHANGED:
		if (c->editorial) {
			/* The text reads the same, but a fact may sit in a
			 * link target (mailto:) that changed. */
			int found = classify_facts(d, fc, c, k);

			if (found < 0)
				return found;
			if (d->level < POLICY_LEVEL_EDITORIAL)
				d->level = POLICY_LEVEL_EDITORIAL;
			return 0;
		}
		if (o->is_record || n->is_record)
			return add(d, POLICY_LEVEL_MAJOR, POLICY_CATEGORY_RECIPIENTS, "changed", c,
				   "recipients-changed", k);
		return classify_text(d, fc, c, k, "changed");
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

/* ---- rows of tables of recipients ---- */

/* A table row, with the section change it belongs to. */
typedef struct {
	const policy_record *r;
	size_t k;
	const char *form; /* the name's editorial form */
} row_ref;

typedef struct {
	row_ref *items;
	size_t count;
	size_t cap;
} row_list;

/* The rows of one side of the sections that changed other than
 * editorially (rows of the others are the same on both sides). */
static int gather_rows(policy_diff *d, row_list *out, int new_side)
{
	policy_buf form = POLICY_BUF_INIT;
	int rc = 0;

	for (size_t k = 0; k < d->section_count && rc == 0; k++) {
		const policy_section_change *c = &d->sections[k];
		const policy_section *s = new_side ? c->new_section : c->old_section;

		if (s == NULL || c->status == POLICY_STATUS_UNCHANGED ||
		    c->status == POLICY_STATUS_MOVED || c->editorial || s->is_record)
			continue;
		for (size_t i = 0; i < s->record_count && rc == 0; i++) {
			const char *name = s->records[i].name;
			row_ref *ref;

			if ((rc = policy__editorial_form(&form, name, strlen(name))) < 0)
				break;
			if (ARRAY_RESERVE(out->items, out->cap, out->count) < 0) {
				rc = policy__error_nomem();
				break;
			}
			ref = &out->items[out->count++];
			ref->r = &s->records[i];
			ref->k = k;
			if ((ref->form = policy__arena_strdup(&d->mem, form.ptr ? form.ptr : "")) ==
			    NULL)
				rc = policy__error_nomem();
		}
	}
	policy_buf_dispose(&form);
	return rc;
}

/* Does a finding of section change `c` already name the row as a
 * recipient fact, before or after? */
static int named_by_fact(const policy_diff *d, const policy_section_change *c, const row_ref *row)
{
	policy_buf form = POLICY_BUF_INIT;
	int hit = 0;

	for (size_t i = 0; i < d->finding_count && !hit; i++) {
		const policy_finding *f = &d->findings[i];

		if (f->fact == NULL || f->section != c->id ||
		    strcmp(f->fact_kind, "recipient") != 0)
			continue;
		for (int side = 0; side < 2 && !hit; side++) {
			const char *fact = side ? f->fact_old : f->fact;

			if (fact == NULL)
				continue;
			if (policy__editorial_form(&form, fact, strlen(fact)) < 0)
				break;
			hit = form.ptr != NULL && form.ptr[0] != '\0' &&
			      (strstr(row->form, form.ptr) != NULL ||
			       strstr(form.ptr, row->form) != NULL);
		}
	}
	policy_buf_dispose(&form);
	return hit;
}

/* A row's cells, " | " between them, for the finding's excerpt. */
static const char *row_text(policy_diff *d, const policy_record *r)
{
	policy_buf b = POLICY_BUF_INIT;
	const char *s = NULL;
	int rc = 0;

	for (size_t i = 0; i < r->field_count && rc == 0; i++)
		rc = policy__buf_printf_line(&b, "%s%s", i ? " | " : "", r->fields[i].value);
	if (rc == 0)
		s = excerpt(d, b.ptr ? b.ptr : "");
	if (s != NULL && s == b.ptr)
		s = policy__arena_strdup(&d->mem, s);
	policy_buf_dispose(&b);
	return s;
}

static int add_row_finding(policy_diff *d, const fact_ctx *fc, const row_ref *row, int added)
{
	const policy_section_change *c = &d->sections[row->k];
	policy_finding *f;
	int rc;

	if ((rc = add(d, POLICY_LEVEL_MAJOR, POLICY_CATEGORY_RECIPIENTS,
		      added ? "added" : "removed", c,
		      added ? "recipients-added" : "recipients-removed", row->k)) < 0)
		return rc;
	f = &d->findings[d->finding_count - 1];
	f->fact_kind = "recipient";
	f->fact = row->r->name;
	f->old_text = added ? NULL : row_text(d, row->r);
	f->new_text = added ? row_text(d, row->r) : NULL;
	/* said as a recipient fact found or lost is */
	f->message = fact_message(d, fc->zh,
				  &(policy_fact){.kind = POLICY_FACT_RECIPIENT, .text = f->fact},
				  added ? "added" : "removed", NULL);
	return f->message == NULL || (f->old_text == NULL && f->new_text == NULL)
		       ? policy__error_nomem()
		       : 0;
}

/* A section with a row finding (from `rows_from` on, after every other
 * finding) needs no "text changed" as well. */
static void drop_text_changed(policy_diff *d, size_t rows_from)
{
	size_t out = 0;

	for (size_t i = 0; i < d->finding_count; i++) {
		const policy_finding *f = &d->findings[i];
		int redundant = 0;

		for (size_t j = rows_from;
		     strcmp(f->rule, "text-changed") == 0 && j < d->finding_count && !redundant;
		     j++)
			redundant = d->findings[j].section == f->section;
		if (!redundant)
			d->findings[out++] = *f;
	}
	d->finding_count = out;
}

/* Rows of tables of recipients added or removed anywhere: a row is
 * matched by its name (editorially: case, width, spacing aside), in any
 * changed section, so a row moved between tables is no change. Each row
 * left over is a recipients finding, unless a fact finding of its section
 * names the same recipient already. */
static int classify_rows(policy_diff *d, const fact_ctx *fc)
{
	row_list old_rows = {NULL, 0, 0}, new_rows = {NULL, 0, 0};
	strmap left = STRMAP_INIT;
	size_t rows_from = d->finding_count, *n;
	int rc;

	if ((rc = gather_rows(d, &old_rows, 0)) < 0 || (rc = gather_rows(d, &new_rows, 1)) < 0)
		goto done;
	for (size_t i = 0; i < old_rows.count && rc == 0; i++)
		if ((n = policy__strmap_get(&left, old_rows.items[i].form)) != NULL)
			++*n;
		else
			rc = policy__strmap_put(&left, old_rows.items[i].form, 1);
	for (size_t i = 0; i < new_rows.count && rc == 0; i++) {
		const row_ref *row = &new_rows.items[i];

		if ((n = policy__strmap_get(&left, row->form)) != NULL && *n > 0)
			--*n;
		else if (!named_by_fact(d, &d->sections[row->k], row))
			rc = add_row_finding(d, fc, row, 1);
	}
	for (size_t i = 0; i < old_rows.count && rc == 0; i++) {
		const row_ref *row = &old_rows.items[i];

		if ((n = policy__strmap_get(&left, row->form)) == NULL || *n == 0)
			continue;
		--*n;
		if (!named_by_fact(d, &d->sections[row->k], row))
			rc = add_row_finding(d, fc, row, 0);
	}
	if (rc == 0)
		drop_text_changed(d, rows_from);
done:
	free(old_rows.items);
	free(new_rows.items);
	policy__strmap_dispose(&left);
	return rc;
}

static int is_high(const char *risk)
{
	return risk != NULL && strcmp(risk, "high") == 0;
}

/* Did text move into or out of the section? */
static int has_moves(const policy_section_change *c)
{
	for (size_t i = 0; i < c->edit_count; i++)
		if (c->edits[i].kind == POLICY_EDIT_MOVED_OUT ||
		    c->edits[i].kind == POLICY_EDIT_MOVED_IN)
			return 1;
	return 0;
}

/* What section change k states, for gather_facts: its editorial and modal
 * flags and, when its sentences state different facts, the facts of both
 * its sides, allocated from `mem`. Touches change k's state only, so
 * changes can be read on several threads. */
static int section_facts(fact_ctx *fc, size_t k, arena *mem)
{
	policy_diff *d = fc->d;
	policy_section_change *c = &d->sections[k];
	int editorial, rc;

	if (c->status == POLICY_STATUS_UNCHANGED || c->status == POLICY_STATUS_MOVED)
		return 0;
	if (c->status == POLICY_STATUS_CHANGED) {
		if ((editorial = editorial_only(c)) < 0)
			return editorial;
		c->editorial = editorial;
		fc->modal[k] = (unsigned char)modal_changed(c);
		/* an editorial change (case, width, punctuation, a renumbered
		 * title) states no other fact: no inventory, unless text moved
		 * in or out (its facts then count for the sections at the
		 * other end) */
		if (c->editorial && !fc->modal[k] && !has_moves(c))
			return 0;
		/* a section whose changed sentences state the same facts, and
		 * no negation or modal word changed, needs no inventory */
		if (!fc->modal[k] &&
		    (rc = policy__facts_sentences_differ(d->old_doc, c->old_section, d->new_doc,
							 c->new_section)) <= 0)
			return rc;
	}
	if ((rc = policy__facts_scan_section(&fc->old_sec[k], mem, d->old_doc, c->old_section)) < 0)
		return rc;
	return policy__facts_scan_section(&fc->new_sec[k], mem, d->new_doc, c->new_section);
}

typedef struct {
	fact_ctx *fc;
	arena mem[POLICY_PARALLEL_MAX]; /* a worker's */
} facts_job;

static int section_facts_item(void *ctx, size_t k, unsigned worker)
{
	facts_job *job = ctx;

	return section_facts(job->fc, k, &job->mem[worker]);
}

/* Adds each fact of `from` that `other` lacks to `into`, once. */
static int add_missing(fact_list *into, const fact_list *from, const fact_list *other)
{
	for (size_t i = 0; i < from->count; i++) {
		const policy_fact *f = &from->items[i];

		if (policy__facts_find(other, f->kind, f->value, f->negated) < 0 &&
		    policy__facts_find(into, f->kind, f->value, f->negated) < 0 &&
		    policy__facts_list_add(into, f) < 0)
			return policy__error_nomem();
	}
	return 0;
}

static int gather_facts(policy_diff *d, fact_ctx *fc)
{
	size_t n = d->section_count;
	facts_job job;
	int rc;

	fc->zh = is_zh(d->new_doc);
	fc->d = d;
	fc->old_sec = policy__arena_alloc(&d->mem, (n + 1) * sizeof(fact_list));
	fc->new_sec = policy__arena_alloc(&d->mem, (n + 1) * sizeof(fact_list));
	if (fc->old_sec == NULL || fc->new_sec == NULL)
		return policy__error_nomem();
	memset(fc->old_sec, 0, (n + 1) * sizeof(fact_list));
	memset(fc->new_sec, 0, (n + 1) * sizeof(fact_list));
	if ((fc->modal = policy__arena_alloc(&d->mem, n + 1)) == NULL)
		return policy__error_nomem();
	memset(fc->modal, 0, n + 1);
	/* a large diff's sections are read on a few threads; what they
	 * gained and lost is merged here, in order */
	memset(&job, 0, sizeof(job));
	job.fc = fc;
	rc = policy__parallel_for(n, policy__parallel_workers(n, FACTS_GRAIN), section_facts_item,
				  &job);
	policy__arena_adopt_all(&d->mem, job.mem, POLICY_PARALLEL_MAX);
	for (size_t k = 0; k < n && rc == 0; k++)
		if ((rc = add_missing(&fc->removed, &fc->old_sec[k], &fc->new_sec[k])) == 0)
			rc = add_missing(&fc->added, &fc->new_sec[k], &fc->old_sec[k]);
	return rc;
}

static void fact_ctx_dispose(fact_ctx *fc, size_t count)
{
	free(fc->old_lower);
	policy__strmap_dispose(&fc->old_phrases);
	policy__facts_list_dispose(&fc->new_doc);
	policy__facts_list_dispose(&fc->added);
	policy__facts_list_dispose(&fc->removed);
	for (size_t k = 0; fc->old_sec != NULL && k < count; k++) {
		policy__facts_list_dispose(&fc->old_sec[k]);
		policy__facts_list_dispose(&fc->new_sec[k]);
	}
}

int policy__classify_diff(policy_diff *d)
{
	fact_ctx fc;
	int rc;

	memset(&fc, 0, sizeof(fc));
	d->level = POLICY_LEVEL_NONE;
	rc = gather_facts(d, &fc);
	for (size_t k = 0; k < d->section_count && rc == 0; k++)
		rc = classify_section(d, &fc, k);
	if (rc == 0)
		rc = classify_rows(d, &fc);
	if (rc == 0 && d->level == POLICY_LEVEL_NONE) {
		/* No section reads differently, yet the bodies differ (markup
		 * of a heading, say): editorial, never none. */
		size_t a, b;
		const char *x = policy__doc_body(d->old_doc, &a),
			   *y = policy__doc_body(d->new_doc, &b);

		if (a != b || memcmp(x, y, a) != 0)
			d->level = POLICY_LEVEL_EDITORIAL;
	}
	if (rc == 0 && is_high(policy_doc_meta(d->new_doc)->risk) &&
	    !is_high(policy_doc_meta(d->old_doc)->risk))
		rc = add(d, POLICY_LEVEL_MAJOR, POLICY_CATEGORY_RISK, "added", NULL, "risk-high",
			 0);
	if (rc == 0)
		sort_findings(d);
	fact_ctx_dispose(&fc, d->section_count);
	return rc;
}

int policy_diff_finding_marks(const policy_finding *f, policy_edit_cb cb, void *payload)
{
	const char *one = f->old_text != NULL ? f->old_text : f->new_text;

	if (f->old_text == NULL || f->new_text == NULL)
		return one != NULL ? cb(POLICY_EDIT_EQUAL, one, strlen(one), payload) : 0;
	return policy_text_diff(f->old_text, strlen(f->old_text), f->new_text, strlen(f->new_text),
				cb, payload, NULL);
}
