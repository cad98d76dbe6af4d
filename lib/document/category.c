/*
 * Categories and keyword rules. A section that its author did not tag gets
 * its categories from its title: each rule is a keyword that, found in the
 * title (both NFKC-normalised and case-folded), implies a category. The
 * built-in keywords of every language apply whatever the locale, since a
 * draft handed to `diff` may not say its locale. Only titles are matched:
 * body text mentions data and third parties everywhere, titles say what a
 * section is about.
 */
#include "policy/category.h"
#include "policy/rules.h"

#include <jansson.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "buf.h"
#include "error.h"
#include "internal.h"
#include "policy/facts.h"
#include "utf8.h"

static const char *const names[POLICY_CATEGORY_COUNT] = {
	"purposes", "controller", "recipients", "rights",
	"contact",  "transfer",   "retention",  "risk",
};

typedef struct {
	unsigned category;
	const char *keyword; /* already NFKC and case-folded */
} rule;

/* Built-in keywords, zh then en. Kept to words that name a section's
 * subject; broad words ("data", "信息") would tag everything. */
static const rule builtin[] = {
	{POLICY_CATEGORY_PURPOSES, "收集"},
	{POLICY_CATEGORY_PURPOSES, "使用您的"},
	{POLICY_CATEGORY_PURPOSES, "目的"},
	{POLICY_CATEGORY_PURPOSES, "处理规则"},
	{POLICY_CATEGORY_PURPOSES, "collect"},
	{POLICY_CATEGORY_PURPOSES, "how we use"},
	{POLICY_CATEGORY_PURPOSES, "use of your"},
	{POLICY_CATEGORY_PURPOSES, "purpose"},
	{POLICY_CATEGORY_PURPOSES, "如何使用"},
	{POLICY_CATEGORY_PURPOSES, "uses personal"},
	{POLICY_CATEGORY_PURPOSES, "uses your"},
	{POLICY_CATEGORY_PURPOSES, "use personal"},
	{POLICY_CATEGORY_PURPOSES, "information we"},
	{POLICY_CATEGORY_CONTROLLER, "关于我们"},
	{POLICY_CATEGORY_CONTROLLER, "运营者"},
	{POLICY_CATEGORY_CONTROLLER, "控制者"},
	{POLICY_CATEGORY_CONTROLLER, "个人信息处理者"},
	{POLICY_CATEGORY_CONTROLLER, "who we are"},
	{POLICY_CATEGORY_CONTROLLER, "about us"},
	{POLICY_CATEGORY_CONTROLLER, "controller"},
	{POLICY_CATEGORY_RECIPIENTS, "共享"},
	{POLICY_CATEGORY_RECIPIENTS, "转让"},
	{POLICY_CATEGORY_RECIPIENTS, "公开披露"},
	{POLICY_CATEGORY_RECIPIENTS, "委托处理"},
	{POLICY_CATEGORY_RECIPIENTS, "第三方"},
	{POLICY_CATEGORY_RECIPIENTS, "sdk"},
	{POLICY_CATEGORY_RECIPIENTS, "shar"},
	{POLICY_CATEGORY_RECIPIENTS, "disclos"},
	{POLICY_CATEGORY_RECIPIENTS, "third part"},
	{POLICY_CATEGORY_RECIPIENTS, "recipient"},
	{POLICY_CATEGORY_RECIPIENTS, "processors"},
	{POLICY_CATEGORY_RECIPIENTS, "对外提供"},
	{POLICY_CATEGORY_RECIPIENTS, "提供给"},
	{POLICY_CATEGORY_RECIPIENTS, "provision of personal"},
	{POLICY_CATEGORY_RECIPIENTS, "service provider"},
	{POLICY_CATEGORY_RIGHTS, "权利"},
	{POLICY_CATEGORY_RIGHTS, "管理您的个人信息"},
	{POLICY_CATEGORY_RIGHTS, "管理您的信息"},
	{POLICY_CATEGORY_RIGHTS, "rights"},
	{POLICY_CATEGORY_RIGHTS, "your choices"},
	{POLICY_CATEGORY_CONTACT, "联系"},
	{POLICY_CATEGORY_CONTACT, "投诉"},
	{POLICY_CATEGORY_CONTACT, "contact"},
	{POLICY_CATEGORY_CONTACT, "complain"},
	{POLICY_CATEGORY_CONTACT, "inquir"},
	{POLICY_CATEGORY_CONTACT, "enquir"},
	{POLICY_CATEGORY_CONTACT, "questions"},
	{POLICY_CATEGORY_TRANSFER, "跨境"},
	{POLICY_CATEGORY_TRANSFER, "出境"},
	{POLICY_CATEGORY_TRANSFER, "境外"},
	{POLICY_CATEGORY_TRANSFER, "全球范围"},
	{POLICY_CATEGORY_TRANSFER, "international"},
	{POLICY_CATEGORY_TRANSFER, "cross-border"},
	{POLICY_CATEGORY_TRANSFER, "overseas"},
	{POLICY_CATEGORY_TRANSFER, "abroad"},
	{POLICY_CATEGORY_RETENTION, "保存"},
	{POLICY_CATEGORY_RETENTION, "存储期限"},
	{POLICY_CATEGORY_RETENTION, "如何存储"},
	{POLICY_CATEGORY_RETENTION, "存储个人信息"},
	{POLICY_CATEGORY_RETENTION, "keep your"},
	{POLICY_CATEGORY_RETENTION, "保留"},
	{POLICY_CATEGORY_RETENTION, "retention"},
	{POLICY_CATEGORY_RETENTION, "retain"},
	{POLICY_CATEGORY_RETENTION, "how long"},
};

struct policy_rules {
	rule *extra;
	size_t count;
	size_t cap;
	fact_term *terms; /* phrases added to the fact vocabularies */
	size_t term_count;
	size_t term_cap;
};

const char *policy_category_name(unsigned category)
{
	for (unsigned i = 0; i < POLICY_CATEGORY_COUNT; i++)
		if (category == (1u << i))
			return names[i];
	return NULL;
}

int policy_category_from_name(unsigned *out, const char *name, size_t len)
{
	for (unsigned i = 0; i < POLICY_CATEGORY_COUNT; i++) {
		if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0) {
			*out = 1u << i;
			return 0;
		}
	}
	return policy__error_set(POLICY_ENOTFOUND, "no category is named \"%.*s\"", (int)len, name);
}

unsigned policy_category_at(unsigned i)
{
	return i < POLICY_CATEGORY_COUNT ? 1u << i : 0;
}

int policy_rules_new(policy_rules **out)
{
	*out = calloc(1, sizeof(**out));
	return *out == NULL ? policy__error_nomem() : 0;
}

void policy_rules_free(policy_rules *rules)
{
	if (rules == NULL)
		return;
	for (size_t i = 0; i < rules->count; i++)
		free((char *)rules->extra[i].keyword);
	for (size_t i = 0; i < rules->term_count; i++)
		free((char *)rules->terms[i].phrase);
	free(rules->extra);
	free(rules->terms);
	free(rules);
}

int policy_rules_add(policy_rules *rules, unsigned category, const char *keyword)
{
	policy_buf norm = POLICY_BUF_INIT;
	int rc;

	if (policy_category_name(category) == NULL)
		return policy__error_set(POLICY_EINVALID,
					 "a keyword rule names exactly one category");
	if (keyword == NULL || keyword[0] == '\0')
		return policy__error_set(POLICY_EINVALID, "a keyword rule needs a keyword");
	if ((rc = policy__utf8_nfkc(&norm, keyword, strlen(keyword), 1)) < 0)
		goto done;
	if (rules->count == rules->cap) {
		size_t cap = rules->cap ? rules->cap * 2 : 8;
		rule *extra = realloc(rules->extra, cap * sizeof(*extra));

		if (extra == NULL) {
			rc = policy__error_nomem();
			goto done;
		}
		rules->extra = extra;
		rules->cap = cap;
	}
	rules->extra[rules->count].category = category;
	rules->extra[rules->count].keyword = norm.ptr;
	rules->count++;
	norm.ptr = NULL;
done:
	policy_buf_dispose(&norm);
	return rc;
}

/*
 * NFKC with case folding maps ASCII to its lowercase, full-width ASCII
 * (U+FF01..U+FF5E) to ASCII, and leaves unified CJK ideographs and most
 * CJK punctuation as they are. Titles written only in those, nearly all of
 * them, skip utf8proc: folded into `out`, which has room for the `n` bytes
 * of `s` and a NUL (folding them never lengthens). -1 for any other title.
 */
static int fast_fold(char *out, const char *s, size_t n)
{
	size_t pos = 0, w = 0;

	while (pos < n) {
		unsigned char c = (unsigned char)s[pos];
		size_t start = pos;
		int32_t cp;

		if (c < 0x80) {
			out[w++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			pos++;
			continue;
		}
		cp = policy__utf8_next(s, n, &pos);
		if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3001 && cp <= 0x3035)) {
			memcpy(out + w, s + start, pos - start);
			w += pos - start;
		} else if (cp >= 0xFF01 && cp <= 0xFF5E) {
			out[w++] = (char)(cp - 0xFEE0 + ((cp >= 0xFF21 && cp <= 0xFF3A) ? 32 : 0));
		} else {
			return -1;
		}
	}
	out[w] = '\0';
	return 0;
}

static unsigned pair_key(const char *s)
{
	return ((unsigned char)s[0] * 31u + (unsigned char)s[1]) & 255u;
}

/* `mask` with the category of each of the repository's `n` rules whose
 * keyword the folded title `norm` holds (a few rules: each looked for
 * whole); a category already found needs none of its other keywords. */
static unsigned match_in(const rule *list, size_t n, const char *norm, unsigned mask)
{
	for (size_t i = 0; i < n; i++)
		if (!(mask & list[i].category) && strstr(norm, list[i].keyword) != NULL)
			mask |= list[i].category;
	return mask;
}

/* The built-in rules by the pair of bytes their keyword starts with:
 * rules pair_start[k] to pair_start[k + 1] of pair_rule. A title is read
 * once, trying at each character only the keywords that start there. */
#define BUILTIN_COUNT (sizeof(builtin) / sizeof(builtin[0]))

static unsigned char pair_start[257];
static unsigned char pair_rule[BUILTIN_COUNT];
_Static_assert(BUILTIN_COUNT < 256, "a rule's index and a count fit in a byte");
static pthread_once_t pair_once = PTHREAD_ONCE_INIT;

static void index_builtin(void)
{
	size_t fill[256] = {0};

	for (size_t i = 0; i < BUILTIN_COUNT; i++)
		pair_start[pair_key(builtin[i].keyword) + 1]++;
	for (size_t k = 0; k < 256; k++)
		pair_start[k + 1] += pair_start[k];
	for (size_t i = 0; i < BUILTIN_COUNT; i++) {
		unsigned k = pair_key(builtin[i].keyword);

		pair_rule[pair_start[k] + fill[k]++] = (unsigned char)i;
	}
}

static unsigned match_builtin(const char *norm)
{
	unsigned mask = 0;

	pthread_once(&pair_once, index_builtin);
	for (const char *s = norm; s[0] != '\0' && s[1] != '\0'; s++) {
		unsigned k = pair_key(s);

		if (((unsigned char)s[0] & 0xC0) == 0x80)
			continue; /* inside a character */
		for (unsigned j = pair_start[k]; j < pair_start[k + 1]; j++) {
			const rule *r = &builtin[pair_rule[j]];

			if (!(mask & r->category) &&
			    strncmp(s, r->keyword, strlen(r->keyword)) == 0)
				mask |= r->category;
		}
	}
	return mask;
}

unsigned policy_rules_match(const policy_rules *rules, const char *title)
{
	policy_buf norm = POLICY_BUF_INIT;
	char small[256]; /* a title's usual size: no allocation */
	size_t n = strlen(title);
	char *folded = n < sizeof(small) ? small : malloc(n + 1);
	const char *text = folded;
	unsigned mask = 0;

	if (folded == NULL || fast_fold(folded, title, n) < 0) {
		if (policy__utf8_nfkc(&norm, title, n, 1) < 0)
			goto done;
		text = norm.ptr != NULL ? norm.ptr : "";
	}
	mask = match_builtin(text);
	if (rules != NULL)
		mask = match_in(rules->extra, rules->count, text, mask);
done:
	if (folded != small)
		free(folded);
	policy_buf_dispose(&norm);
	return mask;
}

static const char *const DATA_KIND_NAMES[] = {
	"identity", "contact", "id-document",    "biometric", "health",  "financial", "location",
	"device",   "online",  "communications", "media",     "account", "special",   "minor",
	"work",     NULL};

const char *const *policy_rules_data_kinds(void)
{
	return DATA_KIND_NAMES;
}

int policy_rules_add_term(policy_rules *rules, int kind, const char *phrase, const char *label,
			  int sensitive)
{
	fact_term *t;
	size_t n;
	int data_kind = -1;

	if (kind < 0 || kind > POLICY_FACT_CONTROLLER)
		return policy__error_set(POLICY_EINVALID, "no kind of fact is numbered %d", kind);
	if (phrase == NULL || phrase[0] == '\0' ||
	    policy__utf8_invalid_offset(phrase, strlen(phrase)) != strlen(phrase))
		return policy__error_set(POLICY_EINVALID,
					 "a vocabulary phrase is a non-empty UTF-8 text");
	for (size_t i = 0; label != NULL && DATA_KIND_NAMES[i] != NULL && data_kind < 0; i++)
		if (strcmp(label, DATA_KIND_NAMES[i]) == 0)
			data_kind = (int)i;
	if (label != NULL && data_kind < 0)
		return policy__error_set(POLICY_EINVALID, "no kind of data is named \"%.40s\"",
					 label);
	if (ARRAY_RESERVE(rules->terms, rules->term_cap, rules->term_count) < 0)
		return POLICY_ENOMEM;
	t = &rules->terms[rules->term_count];
	n = strlen(phrase);
	if ((t->phrase = malloc(n + 1)) == NULL)
		return policy__error_nomem();
	for (size_t i = 0; i <= n; i++) /* matched against ASCII-lowered text */
		((char *)t->phrase)[i] =
			(char)(phrase[i] >= 'A' && phrase[i] <= 'Z' ? phrase[i] + 32 : phrase[i]);
	t->kind = kind;
	t->data_kind = data_kind;
	t->sensitive = sensitive;
	rules->term_count++;
	return 0;
}

size_t policy__rules_terms(const policy_rules *rules, const fact_term **terms)
{
	*terms = rules != NULL ? rules->terms : NULL;
	return rules != NULL ? rules->term_count : 0;
}

json_t *policy__category_json(unsigned mask)
{
	json_t *a = json_array();

	for (unsigned i = 0; a != NULL && i < POLICY_CATEGORY_COUNT; i++)
		if ((mask & policy_category_at(i)) &&
		    json_array_append_new(
			    a, json_string(policy_category_name(policy_category_at(i)))) < 0) {
			json_decref(a);
			return NULL;
		}
	return a;
}
