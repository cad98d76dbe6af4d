/*
 * Privacy facts: a section's text read into what it says about personal
 * data. The text is the section's Markdown source, so link targets
 * (mailto:, form URLs), table cells and list items are all read. It is
 * split into sentences (line ends, and full stops of either script); the
 * facts come from three sources, each byte claimed by the first that
 * matches it, the most specific first:
 *
 *   patterns     e-mail addresses, URLs, phone numbers, company names by
 *                legal form (Inc., GmbH, 有限公司), SDK names;
 *   vocabulary   facts_vocab.h, longest phrase first ("email address"
 *                before "address");
 *   durations    "2 years", "三年", in a sentence about keeping data.
 *
 * A fact is negated when a negation opens its clause before it ("we do
 * not sell", "不会共享"); "not limited to" and "不限于" are not negations.
 * Rights are read as rights only where the section is about rights or
 * the sentence says so (a right, a request, "you can"): "delete" in a
 * retention rule is not a right. Values are normalised so that the same
 * fact reads the same in two versions: lower case, URLs without scheme,
 * "www.", tracking parameters and trailing slash, phones as digits.
 */
#define _GNU_SOURCE /* memmem */
#include "policy/facts.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <pthread.h>

#include "array.h"
#include "buf.h"
#include "error.h"
#include "facts_internal.h"
#include "facts_vocab.h"
#include "hash.h"
#include "internal.h"
#include "json.h"
#include "policy/category.h"
#include "utf8.h"

#define VOCAB_COUNT (sizeof(VOCAB) / sizeof(VOCAB[0]))

typedef struct {
	size_t start, end;
} span;

/* Where the words of a list (cue words, negations) occur in a text, by
 * start: read once per text, on first use, then asked of each fact. */
typedef struct {
	const char *const *words;
	span *at;
	size_t count;
	int in_place; /* too many to keep: each window is searched instead */
} word_hits;

typedef struct {
	fact_list *out;
	arena *mem;
	const char *text; /* as written */
	char *lower;      /* ASCII lower case, same offsets */
	size_t len;
	unsigned char *claimed;
	span *sentences;
	size_t sentence_count;
	word_hits hits[8]; /* of the lists read so far (six are asked) */
	unsigned hit_lists;
	const char *section;
	unsigned categories;
	int rc;
} scanner;

static int is_alnum_ascii(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int is_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Does a UTF-8 sequence of a sentence-ending mark start at p? */
static size_t cjk_stop(const char *p, size_t left)
{
	static const char *const marks[] = {"。", "！", "？", "；"};

	for (size_t i = 0; i < 4; i++)
		if (left >= 3 && memcmp(p, marks[i], 3) == 0)
			return 3;
	return 0;
}

/* Bytes that may end a sentence: \n . ! ? ; and the lead bytes of
 * 。 (E3) and ！？； (EF). */
static const unsigned char MAY_STOP[256] = {
	['\n'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1, [';'] = 1, [0xE3] = 1, [0xEF] = 1,
};

static int may_stop(unsigned char c)
{
	return MAY_STOP[c];
}

static int split_sentences(scanner *s)
{
	size_t cap = 0, start = 0;

	for (size_t i = 0; i <= s->len; i++) {
		size_t stop = 0;

		while (i < s->len && !may_stop((unsigned char)s->text[i]))
			i++;
		if (i == s->len || s->text[i] == '\n')
			stop = 1;
		else if ((s->text[i] == '.' || s->text[i] == '!' || s->text[i] == '?' ||
			  s->text[i] == ';') &&
			 (i + 1 == s->len || s->text[i + 1] == ' ' || s->text[i + 1] == '\n'))
			stop = 1;
		else
			stop = cjk_stop(s->text + i, s->len - i);
		if (!stop)
			continue;
		if (i + (i < s->len ? stop : 0) > start) {
			if (ARRAY_RESERVE(s->sentences, cap, s->sentence_count) < 0)
				return POLICY_ENOMEM;
			s->sentences[s->sentence_count++] =
				(span){start, i < s->len ? i + stop : i};
		}
		start = i + (i < s->len ? stop : 1);
		if (stop > 1)
			i += stop - 1;
	}
	return 0;
}

/* Where `needle` (`n` bytes) occurs in `hay`, or NULL. The needles here
 * are short words: memchr() (vectorised) finds a byte of the needle that
 * is rare in text, its first for ASCII, its last for a CJK character
 * (whose lead bytes are nearly every third byte of Chinese), and memcmp()
 * checks the rest; glibc's memmem() took a quarter of a 2 MB diff. */
static const char *find(const char *hay, size_t len, const char *needle, size_t n)
{
	size_t anchor = (unsigned char)needle[0] >= 0x80 ? n - 1 : 0;
	/* a byte beside the anchor, compared before memcmp() is called: in
	 * Chinese the anchor, a continuation byte, starts many a character */
	size_t next = anchor > 0 ? anchor - 1 : n > 1 ? 1 : 0;
	const char *p = hay + anchor, *end = hay + len;

	if (n == 0 || n > len)
		return n == 0 ? hay : NULL;
	while (p < end && (p = memchr(p, needle[anchor], (size_t)(end - p))) != NULL) {
		const char *start = p - anchor;

		if (start + n <= end && start[next] == needle[next] &&
		    memcmp(start, needle, n) == 0)
			return start;
		p++;
	}
	return NULL;
}

/* The next occurrence of `needle` in `hay` at or after `from`, or `len`. */
static size_t next_at(const char *hay, size_t len, size_t from, const char *needle, size_t n)
{
	const char *at = hay != NULL && from < len ? find(hay + from, len - from, needle, n) : NULL;

	return at ? (size_t)(at - hay) : len;
}

static const span *sentence_at(const scanner *s, size_t pos)
{
	size_t lo = 0, hi = s->sentence_count;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (s->sentences[mid].end <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->sentence_count ? &s->sentences[lo] : NULL;
}

/* How far around a fact its sentence is read: a sentence of a real
 * policy is shorter; a run of text without a full stop must not make
 * every fact read all of it. */
#define WINDOW 400

static const char *const NEGATIONS[] = {" not ", "n't ", " never ", " no ", "neither", "不会",
					"不得",  "不再", "不向",    "不与", "不对",    "不",
					"未",    "绝不", "禁止",    NULL};
static const char *const NOT_NEGATIONS[] = {"not limited", "not only", "不限于", "不仅",
					    "不同",        "不超过",   "不少于", "不定期",
					    "不时",        "不断",     NULL};

/* Does a word that only looks like a negation ("not limited", "不限于")
 * hold the negation at `at`? */
static int excused(const scanner *s, size_t at)
{
	size_t back = at >= 1 ? at - 1 : at;

	for (size_t e = 0; NOT_NEGATIONS[e] != NULL; e++) {
		size_t m = strlen(NOT_NEGATIONS[e]);

		for (size_t b = back; b <= at + 1 && b + m <= s->len; b++)
			if (memcmp(s->lower + b, NOT_NEGATIONS[e], m) == 0)
				return 1;
	}
	return 0;
}

static int by_start(const void *x, const void *y)
{
	const span *a = x, *b = y;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return (a->end > b->end) - (a->end < b->end);
}

/* At most this many occurrences of a list are kept for a text of `len`
 * bytes: a real text has a cue word in a few hundred bytes, and a text
 * made of nothing else must not cost sixteen bytes per character. */
#define MAX_HITS(len) ((len) / 64 + 1024)

/* The first place in text[from, to) (lower case) where words[k] lies
 * wholly, or `to`. A negation that only looks like one ("not limited") is
 * passed over. */
static size_t next_word(const scanner *s, const char *const *words, size_t k, size_t from,
			size_t to)
{
	size_t n = strlen(words[k]), i = next_at(s->lower, to, from, words[k], n);

	while (i < to && words == NEGATIONS && excused(s, i))
		i = next_at(s->lower, to, i + 1, words[k], n);
	return i;
}

/* The occurrences of `words` in the text (next_word()); NULL when out of
 * memory (s->rc set) or when hits[] is full. */
static const word_hits *hits_of(scanner *s, const char *const *words)
{
	word_hits *h = NULL;
	size_t cap = 0;

	for (unsigned l = 0; l < s->hit_lists; l++)
		if (s->hits[l].words == words)
			return &s->hits[l];
	if (s->hit_lists == sizeof(s->hits) / sizeof(s->hits[0]))
		return NULL; /* more lists than kept: read in place */
	h = &s->hits[s->hit_lists++];
	h->words = words;
	for (size_t k = 0; words[k] != NULL; k++) {
		size_t n = strlen(words[k]);

		for (size_t i = next_word(s, words, k, 0, s->len); i < s->len;
		     i = next_word(s, words, k, i + 1, s->len)) {
			if (h->count == MAX_HITS(s->len)) {
				free(h->at);
				h->at = NULL;
				h->count = 0;
				h->in_place = 1;
				return h;
			}
			if (ARRAY_RESERVE(h->at, cap, h->count) < 0) {
				s->rc = POLICY_ENOMEM;
				return NULL;
			}
			h->at[h->count++] = (span){i, i + n};
		}
	}
	if (h->count > 1)
		qsort(h->at, h->count, sizeof(*h->at), by_start);
	return h;
}

/* Does one of `words` lie wholly in text[from, to)? */
static int hit_within(scanner *s, const char *const *words, size_t from, size_t to)
{
	const word_hits *h = hits_of(s, words);
	size_t lo = 0, hi;

	if (h == NULL || h->in_place) {
		for (size_t k = 0; words[k] != NULL && s->rc == 0; k++)
			if (next_word(s, words, k, from, to) < to)
				return 1;
		return 0;
	}
	hi = h->count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (h->at[mid].start < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < h->count && h->at[lo].start < to; lo++)
		if (h->at[lo].end <= to)
			return 1;
	return 0;
}

/* Is `word` (lower case) in the sentence around `pos`? */
static int sentence_has(scanner *s, size_t pos, const char *const *words)
{
	const span *sp = sentence_at(s, pos);
	size_t from, to;

	if (sp == NULL)
		return 0;
	from = sp->start + WINDOW < pos ? pos - WINDOW : sp->start;
	to = pos + WINDOW < sp->end ? pos + WINDOW : sp->end;
	return hit_within(s, words, from, to);
}

/* The value of the run of ASCII digits at `s`, capped (a count of
 * parties or days, never large). */
static long digits_value(const char *s)
{
	long n = 0;

	for (; *s >= '0' && *s <= '9'; s++)
		n = n < 100000000 ? n * 10 + (*s - '0') : n;
	return n;
}

/* A negation between the start of the clause and `pos`. */
static int negated(scanner *s, size_t pos)
{
	const span *sp = sentence_at(s, pos);
	size_t from;

	if (sp == NULL)
		return 0;
	from = sp->start + WINDOW < pos ? pos - WINDOW : sp->start;
	/* the clause: after the last comma before `pos` */
	for (size_t i = pos; i-- > from;)
		if (s->text[i] == ',' || (pos - i >= 3 && memcmp(s->text + i, "，", 3) == 0)) {
			from = i + 1;
			break;
		}
	return hit_within(s, NEGATIONS, from, pos);
}

/* A fact's key in the list's index: its kind and negation as two
 * characters, then its value. Into `small` when it fits, else allocated
 * (*owned set); NULL when out of memory. */
static char *fact_key(char *small, size_t size, policy_fact_kind kind, const char *value, int neg,
		      char **owned)
{
	size_t n = strlen(value) + 3;
	char *key = n <= size ? small : (*owned = malloc(n));

	if (key == NULL)
		return NULL;
	key[0] = (char)('A' + kind);
	key[1] = neg ? '1' : '0';
	memcpy(key + 2, value, n - 2);
	return key;
}

long policy__facts_find(const fact_list *list, policy_fact_kind kind, const char *value, int neg)
{
	char small[128], *owned = NULL,
			 *key = fact_key(small, sizeof(small), kind, value, neg, &owned);
	const size_t *at = key != NULL ? policy__strmap_get(&list->index, key) : NULL;

	free(owned);
	return at == NULL ? -1 : (long)*at;
}

int policy__facts_list_add(fact_list *list, const policy_fact *f)
{
	size_t n = strlen(f->value) + 3;
	char *key;

	if (ARRAY_RESERVE(list->items, list->cap, list->count) < 0)
		return POLICY_ENOMEM;
	/* the key as fact_key() writes it (it fits: nothing is allocated),
	 * kept in the list's arena */
	key = policy__arena_alloc(&list->keys, n);
	if (key == NULL || fact_key(key, n, f->kind, f->value, f->negated, NULL) == NULL ||
	    policy__strmap_put(&list->index, key, list->count) < 0)
		return POLICY_ENOMEM;
	list->items[list->count++] = *f;
	return 0;
}

void policy__facts_list_dispose(fact_list *list)
{
	free(list->items);
	policy__strmap_dispose(&list->index);
	policy__arena_free(&list->keys);
	memset(list, 0, sizeof(*list));
}

/* Record a fact at text[pos, pos + n) with the normalised `value`. */
static void add(scanner *s, policy_fact_kind kind, const char *value, size_t pos, size_t n,
		const char *label, int sensitive)
{
	policy_fact f;
	const span *sp;
	int neg;

	if (s->rc < 0 || value == NULL || value[0] == '\0')
		return;
	memset(s->claimed + pos, 1, n);
	neg = negated(s, pos);
	if (policy__facts_find(s->out, kind, value, neg) >= 0)
		return;
	sp = sentence_at(s, pos);
	memset(&f, 0, sizeof(f));
	f.kind = kind;
	f.negated = neg;
	f.label = label;
	f.sensitive = sensitive;
	f.section = s->section;
	f.value = policy__arena_strdup(s->mem, value);
	f.text = policy__arena_strndup(s->mem, s->text + pos, n);
	if (sp != NULL) {
		size_t a = sp->start, b = sp->end;

		/* white space, and the list markers and table bars of the source */
		while (a < b && (s->text[a] == ' ' || s->text[a] == '\t' || s->text[a] == '\n' ||
				 ((s->text[a] == '-' || s->text[a] == '*' || s->text[a] == '+' ||
				   s->text[a] == '|' || s->text[a] == '>') &&
				  (a + 1 == b || s->text[a + 1] == ' '))))
			a++;
		while (b > a &&
		       (s->text[b - 1] == ' ' || s->text[b - 1] == '\t' || s->text[b - 1] == '\n'))
			b--;
		f.sentence = policy__arena_strndup(s->mem, s->text + a, b - a);
	} else {
		f.sentence = "";
	}
	if (f.value == NULL || f.text == NULL || f.sentence == NULL ||
	    policy__facts_list_add(s->out, &f) < 0)
		s->rc = POLICY_ENOMEM;
}

static int unclaimed(const scanner *s, size_t pos, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s->claimed[pos + i])
			return 0;
	return 1;
}

/* ---- patterns ---- */

static int email_char(unsigned char c)
{
	return is_alnum_ascii(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

static void scan_emails(scanner *s)
{
	for (const char *at = memchr(s->text, '@', s->len); at != NULL && s->rc == 0;
	     at = memchr(at + 1, '@', s->len - (size_t)(at + 1 - s->text))) {
		size_t i = (size_t)(at - s->text), a = i, b = i + 1, dot = 0;
		char *value;

		while (a > 0 && email_char((unsigned char)s->text[a - 1]))
			a--;
		while (b < s->len && (is_alnum_ascii((unsigned char)s->text[b]) ||
				      s->text[b] == '.' || s->text[b] == '-'))
			b++;
		while (b > i + 1 && s->text[b - 1] == '.')
			b--;
		for (size_t k = i + 1; k < b; k++)
			if (s->text[k] == '.')
				dot = k;
		if (a == i || dot == 0 || b - dot < 3)
			continue;
		if ((value = policy__arena_strndup(s->mem, s->lower + a, b - a)) == NULL) {
			s->rc = POLICY_ENOMEM;
			return;
		}
		add(s, POLICY_FACT_CONTACT, value, a, b - a, NULL, 0);
	}
}

static int url_end_char(unsigned char c)
{
	return c <= ' ' || c == ')' || c == ']' || c == '>' || c == '"' || c == '\'' || c == '<' ||
	       c == '|' || c == '`' || c >= 0x80;
}

/* A URL as the same page: host lower case without www., no scheme,
 * fragment, tracking parameters or trailing slash. */
static char *normal_url(arena *mem, const char *lower, size_t n)
{
	policy_buf b = POLICY_BUF_INIT;
	size_t i = 0, q;
	char *out;

	if (n > 8 && memcmp(lower, "https://", 8) == 0)
		i = 8;
	else if (n > 7 && memcmp(lower, "http://", 7) == 0)
		i = 7;
	if (n - i > 4 && memcmp(lower + i, "www.", 4) == 0)
		i += 4;
	for (q = i; q < n && lower[q] != '?' && lower[q] != '#'; q++)
		;
	if (policy__buf_put(&b, lower + i, q - i) < 0)
		goto fail;
	while (b.size > 0 && b.ptr[b.size - 1] == '/')
		b.ptr[--b.size] = '\0';
	if (q < n && lower[q] == '?') {
		char sep = '?';

		for (size_t p = q + 1; p < n && lower[p] != '#';) {
			size_t e = p;

			while (e < n && lower[e] != '&' && lower[e] != '#')
				e++;
			if (!policy__url_tracking_param(lower + p, e - p)) {
				if (policy__buf_putc(&b, sep) < 0 ||
				    policy__buf_put(&b, lower + p, e - p) < 0)
					goto fail;
				sep = '&';
			}
			p = e < n && lower[e] == '&' ? e + 1 : e;
			if (e < n && lower[e] == '#')
				break;
		}
	}
	out = policy__arena_strdup(mem, b.ptr ? b.ptr : "");
	policy_buf_dispose(&b);
	return out;
fail:
	policy_buf_dispose(&b);
	return NULL;
}

static const char *const CONTACT_CUES[] = {"contact", "e-mail", "email",    "write to", "form",
					   "request", "submit", "complain", "reach us", "opt out",
					   "opt-out", "联系",   "反馈",     "投诉",     "客服",
					   "邮箱",    "举报",   NULL};
static const char *const CONTACT_PATHS[] = {"privacy", "contact", "form",    "request",
					    "dsar",    "optout",  "opt-out", "unsubscribe",
					    "support", "help",    "rights",  NULL};

/* A URL is a contact point where the policy sends people to reach the
 * operator or to exercise a right: in a contact or rights section, in a
 * sentence that says so, or by its own path. A banner's shop link is not. */
static int contact_url(scanner *s, size_t i, size_t e)
{
	if (s->categories & (POLICY_CATEGORY_CONTACT | POLICY_CATEGORY_RIGHTS))
		return 1;
	if (sentence_has(s, i, CONTACT_CUES))
		return 1;
	for (size_t k = 0; CONTACT_PATHS[k] != NULL; k++) {
		size_t n = strlen(CONTACT_PATHS[k]);

		for (size_t at = i; at + n <= e; at++)
			if (memcmp(s->lower + at, CONTACT_PATHS[k], n) == 0)
				return 1;
	}
	return 0;
}

static void scan_urls(scanner *s)
{
	static const char *const starts[] = {"https://", "http://", "www.", NULL};

	for (size_t k = 0; starts[k] != NULL && s->rc == 0; k++) {
		size_t n = strlen(starts[k]);

		for (size_t i = next_at(s->lower, s->len, 0, starts[k], n);
		     i < s->len && s->rc == 0; i = next_at(s->lower, s->len, i + 1, starts[k], n)) {
			size_t e;
			char *value;

			if (!unclaimed(s, i, n) ||
			    (i > 0 && is_alnum_ascii((unsigned char)s->text[i - 1])))
				continue;
			for (e = i + n; e < s->len && !url_end_char((unsigned char)s->text[e]); e++)
				;
			while (e > i + n && strchr(".,;:!", s->text[e - 1]) != NULL)
				e--;
			if (e == i + n)
				continue;
			if (!contact_url(s, i, e))
				continue;
			if ((value = normal_url(s->mem, s->lower + i, e - i)) == NULL) {
				s->rc = POLICY_ENOMEM;
				return;
			}
			add(s, POLICY_FACT_CONTACT, value, i, e - i, NULL, 0);
		}
	}
}

static const char *const PHONE_CUES[] = {"phone", "tel",  "call", "fax",  "电话",    "热线",
					 "客服",  "致电", "拨打", "联系", "contact", NULL};

static size_t fullwidth_paren(const char *p, size_t left)
{
	return left >= 3 && (memcmp(p, "（", 3) == 0 || memcmp(p, "）", 3) == 0) ? 3 : 0;
}

static int date_unit(const char *p, size_t left)
{
	return left >= 3 &&
	       (memcmp(p, "年", 3) == 0 || memcmp(p, "月", 3) == 0 || memcmp(p, "日", 3) == 0);
}

/* Bytes a phone number may start with: + ( digits, and the lead byte
 * of （. */
static const unsigned char PHONE_START[256] = {
	['+'] = 1, ['('] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1,  ['4'] = 1,
	['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, [0xEF] = 1,
};

static void scan_phones(scanner *s)
{
	for (size_t i = 0; i < s->len && s->rc == 0; i++) {
		unsigned char c;
		size_t e, digits = 0, last;
		char value[24];
		size_t v = 0;

		while (i < s->len && !PHONE_START[(unsigned char)s->text[i]])
			i++;
		if (i == s->len)
			break;
		c = (unsigned char)s->text[i];
		e = last = i;
		if (!(c == '+' || c == '(' || is_digit(c) ||
		      fullwidth_paren(s->text + i, s->len - i)) ||
		    (i > 0 && (is_alnum_ascii((unsigned char)s->text[i - 1]) ||
			       s->text[i - 1] == '.' || s->text[i - 1] == '-')))
			continue;
		if (c == '+')
			value[v++] = '+';
		for (e = i + (c == '+'); e < s->len; e++) {
			unsigned char d = (unsigned char)s->text[e];
			size_t wide = fullwidth_paren(s->text + e, s->len - e);

			if (is_digit(d)) {
				digits++;
				last = e + 1;
				if (v < sizeof(value) - 1)
					value[v++] = (char)d;
			} else if (wide > 0) {
				e += wide - 1; /* （020）95575 */
			} else if (!(d == ' ' || d == '-' || d == '(' || d == ')')) {
				break;
			}
		}
		if (digits == 0)
			continue;
		value[v] = '\0';
		if (digits >= 7 && digits <= 15 &&
		    (c == '+' || (c == '0' && digits >= 9) ||
		     (s->categories & POLICY_CATEGORY_CONTACT) || sentence_has(s, i, PHONE_CUES)) &&
		    unclaimed(s, i, last - i) && is_digit((unsigned char)s->text[last - 1]) &&
		    !date_unit(s->text + last, s->len - last)) /* 2017年 */
			add(s, POLICY_FACT_CONTACT, value, i, last - i, NULL, 0);
		i = last > i ? last : i;
	}
}

/* Legal forms that end a company's name. */
static const char *const LEGAL_FORMS[] = {
	"Inc.", "Inc", "LLC",   "L.L.C.",      "Ltd.", "Ltd",  "Limited", "GmbH",     "AG",
	"B.V.", "BV",  "N.V.",  "S.A.",        "S.L.", "SAS",  "S.A.S.",  "S.à r.l.", "S.a.r.l.",
	"PLC",  "plc", "Corp.", "Corporation", "LLP",  "Pte.", "Pty",     "K.K.",     "AB",
	"Oy",   "ApS", "A/S",   "S.p.A.",      "SE",   NULL};

static const char *const CONTROLLER_CUES[] = {
	"controller", "responsible for", "operator",       "operated by", "hereinafter",
	"运营",       "控制者",          "我们是",         "以下简称",    "下文简称",
	"以下称",     "处理者",          "is responsible", NULL};

static policy_fact_kind company_kind(scanner *s, size_t pos)
{
	if (sentence_has(s, pos, CONTROLLER_CUES) ||
	    ((s->categories & POLICY_CATEGORY_CONTROLLER) &&
	     !(s->categories & POLICY_CATEGORY_RECIPIENTS)))
		return POLICY_FACT_CONTROLLER;
	return POLICY_FACT_RECIPIENT;
}

/* Capitalised words before a legal form: "Meta Platforms Ireland Limited". */
static void scan_companies_en(scanner *s)
{
	for (size_t k = 0; LEGAL_FORMS[k] != NULL && s->rc == 0; k++) {
		size_t n = strlen(LEGAL_FORMS[k]);

		for (size_t i = next_at(s->text, s->len, 1, LEGAL_FORMS[k], n);
		     i < s->len && s->rc == 0;
		     i = next_at(s->text, s->len, i + 1, LEGAL_FORMS[k], n)) {
			size_t a = i, words = 0, e = i + n;
			char *value;

			if ((s->text[i - 1] != ' ' && s->text[i - 1] != ',') ||
			    (e < s->len && is_alnum_ascii((unsigned char)s->text[e])) ||
			    !unclaimed(s, i, n))
				continue;
			/* back over ", " and then capitalised words */
			while (a > 0 && (s->text[a - 1] == ' ' || s->text[a - 1] == ','))
				a--;
			while (a > 0 && words < 6) {
				size_t w = a;

				while (w > 0 && (is_alnum_ascii((unsigned char)s->text[w - 1]) ||
						 s->text[w - 1] == '.' || s->text[w - 1] == '-' ||
						 s->text[w - 1] == '&'))
					w--;
				if (w == a || !(is_upper((unsigned char)s->text[w]) ||
						is_digit((unsigned char)s->text[w])))
					break;
				a = w;
				words++;
				if (a == 0 || s->text[a - 1] != ' ')
					break;
				a--;
			}
			while (a < i && s->text[a] == ' ')
				a++;
			if (words == 0)
				continue;
			{
				policy_buf b = POLICY_BUF_INIT;

				for (size_t j = a; j < e; j++) {
					unsigned char c = (unsigned char)s->lower[j];

					if (is_alnum_ascii(c) || c >= 0x80)
						policy__buf_putc(&b, (char)c);
					else if (c == ' ' && b.size > 0 && b.ptr[b.size - 1] != ' ')
						policy__buf_putc(&b, ' ');
				}
				value = policy__arena_strdup(s->mem, b.ptr ? b.ptr : "");
				policy_buf_dispose(&b);
			}
			if (value == NULL) {
				s->rc = POLICY_ENOMEM;
				return;
			}
			add(s, company_kind(s, a), value, a, e - a, NULL, 0);
		}
	}
}

/* Characters that end a Chinese name when walking back from its end. */
static int zh_stop(const char *p, size_t n)
{
	static const char *const stops[] = {"，", "。", "、", "：", "；", "（", "）", "“",  "”",
					    "《", "》", "【", "】", "「", "」", "！", "？", NULL};

	if (n == 1)
		return strchr(" ,.:;|()[]*\"'\t", p[0]) != NULL;
	if (n != 3) /* every other stop is a three-byte mark */
		return 0;
	for (size_t i = 0; stops[i] != NULL; i++)
		if (memcmp(p, stops[i], 3) == 0)
			return 1;
	return 0;
}

/* Function characters stripped from the front of a name found by
 * walking back: "向北京某某有限公司" is 北京某某有限公司. */
/* Words that end a name when walking back from its end (verbs and
 * prepositions no company name holds), and those stripped from its
 * front besides ("甲公司和乙公司"): 和, 与 and 中 do occur in names. */
static const char *const ZH_BREAKS[] = {"向", "由", "为", "是", "将", "对", "给", "从",
					"在", "经", "被", "把", "请", "即", NULL};
static const char *const ZH_LEADS[] = {"向", "与", "和", "及", "由", "为", "是", "将", "对", "给",
				       "从", "在", "经", "被", "把", "即", "或", "请", NULL};
static const char *const ZH_GENERIC[] = {"本",   "该",   "我",   "贵",   "子",
					 "母",   "关联", "合作", "其他", "第三方",
					 "相关", "上述", "以下", "各",   NULL};

static int zh_lead(const char *p, size_t n);

/* The start of the name that ends at `end`, walking back at most `max`
 * characters over letters, digits and CJK. */
static size_t name_start(const scanner *s, size_t end, size_t max)
{
	size_t a = end, chars = 0;

	while (a > 0 && chars < max) {
		size_t b = a - 1;

		while (b > 0 && ((unsigned char)s->text[b] & 0xC0) == 0x80)
			b--;
		/* a place in brackets inside a name: 友盟同欣（北京）科技有限公司 */
		if (a - b == 3 && memcmp(s->text + b, "）", 3) == 0 && chars > 0) {
			size_t o = b, inner = 0;

			while (o >= 3 && inner < 5 && memcmp(s->text + o - 3, "（", 3) != 0 &&
			       ((unsigned char)s->text[o - 3] & 0xF0) == 0xE0 &&
			       !zh_stop(s->text + o - 3, 3)) {
				o -= 3;
				inner++;
			}
			if (o >= 3 && inner >= 2 && memcmp(s->text + o - 3, "（", 3) == 0 &&
			    o - 3 > 0) {
				a = o - 3;
				chars += inner + 2;
				continue;
			}
		}
		if (zh_stop(s->text + b, a - b) || s->text[b] == '\n' ||
		    zh_lead(s->text + b, a - b) || s->claimed[b])
			break;
		a = b;
		chars++;
	}
	for (int again = 1; again;) {
		again = 0;
		for (size_t i = 0; ZH_LEADS[i] != NULL; i++) {
			size_t n = strlen(ZH_LEADS[i]);

			if (end - a > n && memcmp(s->text + a, ZH_LEADS[i], n) == 0) {
				a += n;
				again = 1;
			}
		}
	}
	while (a < end && s->text[a] == ' ')
		a++;
	return a;
}

static int zh_lead(const char *p, size_t n)
{
	if (n != 3) /* every break is one CJK character */
		return 0;
	for (size_t i = 0; ZH_BREAKS[i] != NULL; i++)
		if (memcmp(p, ZH_BREAKS[i], 3) == 0)
			return 1;
	return 0;
}

/* Up to three Latin words before `end`, as in "Baidu Map SDK". */
static size_t latin_name_start(const scanner *s, size_t end)
{
	size_t a = end, words = 0;

	while (a > 0 && s->text[a - 1] == ' ')
		a--;
	while (a > 0 && words < 3) {
		size_t w = a;

		while (w > 0 &&
		       (is_alnum_ascii((unsigned char)s->text[w - 1]) || s->text[w - 1] == '-'))
			w--;
		if (w == a)
			break;
		a = w;
		words++;
		if (a < 2 || s->text[a - 1] != ' ' ||
		    !is_alnum_ascii((unsigned char)s->text[a - 2]))
			break;
		a--;
	}
	return words > 0 ? a : end;
}

static int generic_name(const char *p, size_t n)
{
	for (size_t i = 0; ZH_GENERIC[i] != NULL; i++)
		if (n >= strlen(ZH_GENERIC[i]) &&
		    memcmp(p, ZH_GENERIC[i], strlen(ZH_GENERIC[i])) == 0)
			return 1;
	return 0;
}

static void scan_named(scanner *s, const char *suffix, int lower, size_t min_bytes, int sdk)
{
	size_t n = strlen(suffix);
	const char *hay = lower ? s->lower : s->text;

	for (size_t i = next_at(hay, s->len, 0, suffix, n); i < s->len && s->rc == 0;
	     i = next_at(hay, s->len, i + 1, suffix, n)) {
		size_t a, e = i + n;
		char *value;

		if (!unclaimed(s, i, n) ||
		    (sdk && e < s->len && is_alnum_ascii((unsigned char)s->text[e])))
			continue;
		a = sdk ? latin_name_start(s, i) : i;
		if (a == i)
			a = name_start(s, i, 30);
		if (i - a < min_bytes || generic_name(s->text + a, i - a))
			continue;
		if ((value = policy__arena_strndup(s->mem, (sdk ? s->lower : s->text) + a,
						   e - a)) == NULL) {
			s->rc = POLICY_ENOMEM;
			return;
		}
		if (sdk) {
			/* "百度地图 SDK" and "百度地图SDK" are one */
			size_t w = 0;

			for (size_t r = 0; value[r] != '\0'; r++)
				if (value[r] != ' ')
					value[w++] = value[r];
			value[w] = '\0';
		}
		add(s, sdk ? POLICY_FACT_RECIPIENT : company_kind(s, a), value, a, e - a, NULL, 0);
	}
}

/* ---- vocabulary ---- */

/*
 * One pass over the text finds every phrase: the phrases are indexed by
 * their first character (two ASCII bytes, or one three-byte CJK
 * character), longest first in each bucket, so that each position of the
 * text is tried against the few phrases that can start there. (A
 * memmem() per phrase per section made a 2 MB diff 14 times git's.)
 */
#define VOCAB_BITS 12
#define VOCAB_BUCKETS (1u << VOCAB_BITS)

typedef struct {
	uint32_t first;           /* the bytes of its first character, packed */
	unsigned short item, len; /* its index in VOCAB, its length */
} vocab_slot;

static unsigned short bucket_first[VOCAB_BUCKETS + 1];
static vocab_slot slots[VOCAB_COUNT];
static pthread_once_t vocab_once = PTHREAD_ONCE_INIT;

/* The bytes of the character at `p` (two bytes for ASCII, a word's first
 * two letters), packed into a word; 0 when the text ends first. */
static uint32_t first_char(const unsigned char *p, size_t left)
{
	size_t n = p[0] < 0x80 ? 2 : p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : 2;
	uint32_t w = 0;

	if (n > left)
		return 0;
	for (size_t i = 0; i < n; i++)
		w = w << 8 | p[i];
	return w;
}

static unsigned bucket_of(uint32_t first)
{
	return (first * 2654435761u) >> (32 - VOCAB_BITS);
}

static int by_bucket_then_length(const void *x, const void *y)
{
	const vocab_slot *a = x, *b = y;
	unsigned ka = bucket_of(a->first), kb = bucket_of(b->first);

	if (ka != kb)
		return ka < kb ? -1 : 1;
	if (a->len != b->len)
		return a->len > b->len ? -1 : 1;
	return (a->item > b->item) - (a->item < b->item);
}

static void build_vocab_index(void)
{
	for (size_t i = 0; i < VOCAB_COUNT; i++) {
		const char *p = VOCAB[i].phrase;

		slots[i] = (vocab_slot){first_char((const unsigned char *)p, strlen(p)),
					(unsigned short)i, (unsigned short)strlen(p)};
	}
	qsort(slots, VOCAB_COUNT, sizeof(slots[0]), by_bucket_then_length);
	for (size_t i = 0, k = 0; k <= VOCAB_BUCKETS; k++) {
		while (i < VOCAB_COUNT && bucket_of(slots[i].first) < k)
			i++;
		bucket_first[k] = (unsigned short)i;
	}
}

static const char *const RIGHT_CUES[] = {"right", "request", "you can", "you may", "ask us", "权利",
					 "有权",  "您可以",  "你可以",  "申请",    "请求",   NULL};

static void try_entry(scanner *s, const vocab_entry *v, size_t n, size_t i)
{
	size_t e = i + n;
	int latin = (unsigned char)v->phrase[0] < 0x80;
	/* Acronyms (US, EU) match as written: "us" is a pronoun. */
	int exact = latin && is_upper((unsigned char)v->phrase[0]);
	const char *hay = exact ? s->text : s->lower;

	if (e > s->len || memcmp(hay + i, v->phrase, n) != 0)
		return;
	if (latin) {
		if (i > 0 && is_alnum_ascii((unsigned char)s->lower[i - 1]))
			return;
		if (e < s->len && s->lower[e] == 's' && !exact)
			e++;
		if (e < s->len && is_alnum_ascii((unsigned char)s->lower[e]) &&
		    v->phrase[n - 1] != '-')
			return;
	}
	if (!unclaimed(s, i, e - i))
		return;
	if (v->kind == POLICY_FACT_RIGHT && !(s->categories & POLICY_CATEGORY_RIGHTS) &&
	    !sentence_has(s, i, RIGHT_CUES))
		return;
	if (v->kind == POLICY_FACT_DATA) {
		const data_kind *dk = &DATA_KINDS[v->data_kind];

		add(s, v->kind, v->key, i, e - i, latin ? dk->en : dk->zh,
		    v->sensitive || dk->sensitive);
	} else {
		add(s, v->kind, v->key, i, e - i, NULL, 0);
	}
}

static void try_bucket(scanner *s, const char *hay, size_t i)
{
	uint32_t first = first_char((const unsigned char *)hay + i, s->len - i);
	unsigned k = bucket_of(first);

	if (first == 0)
		return;
	for (unsigned j = bucket_first[k]; j < bucket_first[k + 1] && s->rc == 0; j++) {
		/* a bucket may hold other first characters */
		if (slots[j].first == first)
			try_entry(s, &VOCAB[slots[j].item], slots[j].len, i);
		if (!unclaimed(s, i, 1))
			return;
	}
}

static void scan_vocab(scanner *s)
{
	pthread_once(&vocab_once, build_vocab_index);
	for (size_t i = 0; i < s->len && s->rc == 0; i++) {
		unsigned char c = (unsigned char)s->text[i];

		if ((c & 0xC0) == 0x80 || s->claimed[i])
			continue;
		if (c < 0x80 && i > 0 && is_alnum_ascii((unsigned char)s->lower[i - 1]))
			continue; /* inside a word */
		try_bucket(s, s->lower, i);
		if (is_upper(c) && !s->claimed[i])
			try_bucket(s, s->text, i); /* acronyms, after longer phrases */
	}
}

/* Does `s` hold an ASCII letter (so that case matters in a lookup)? */
static int has_ascii_letter(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)((*s | 0x20) - 'a') < 26u)
			return 1;
	return 0;
}

int policy__facts_phrase_in(const fact_text *t, policy_fact_kind kind, const char *value)
{
	size_t len = t->len;
	const char *in;
	int vocabulary = 0;

	for (size_t k = 0; k < VOCAB_COUNT; k++) {
		const vocab_entry *v = &VOCAB[k];
		size_t n = strlen(v->phrase);
		int latin = (unsigned char)v->phrase[0] < 0x80;

		if (v->kind != kind || strcmp(v->key, value) != 0)
			continue;
		vocabulary = 1;
		in = has_ascii_letter(v->phrase) ? t->lower(t->ctx) : t->text;
		for (size_t i = next_at(in, len, 0, v->phrase, n); i < len;
		     i = next_at(in, len, i + 1, v->phrase, n))
			if (!latin || i == 0 || !is_alnum_ascii((unsigned char)in[i - 1]))
				return 1;
	}
	/* a vocabulary fact's value is its key, a name no text uses; a
	 * pattern's (a company, an address) is text in lower case */
	if (vocabulary)
		return 0;
	in = has_ascii_letter(value) ? t->lower(t->ctx) : t->text;
	return in != NULL && memmem(in, len, value, strlen(value)) != NULL;
}

/* ---- durations ---- */

static const char *const RETENTION_CUES[] = {
	"retain", "retention", "kept", "keep", "store", "delete", "erase", "anonymi",
	"period", "保存",      "保留", "存储", "删除",  "匿名化", "期限",  NULL};

static int zh_number(const char *p, size_t n, long *out)
{
	static const char *const digits[] = {"零", "一", "二", "三", "四",
					     "五", "六", "七", "八", "九"};
	long value = 0, cur = 0;
	int any = 0;

	for (size_t i = 0; i + 3 <= n; i += 3) {
		int d = -1;

		for (int k = 0; k < 10; k++)
			if (memcmp(p + i, digits[k], 3) == 0)
				d = k;
		if (memcmp(p + i, "两", 3) == 0)
			d = 2;
		if (d >= 0) {
			cur = d;
		} else if (memcmp(p + i, "十", 3) == 0) {
			value += (cur ? cur : 1) * 10;
			cur = 0;
		} else if (memcmp(p + i, "百", 3) == 0) {
			value += (cur ? cur : 1) * 100;
			cur = 0;
		} else {
			return 0;
		}
		any = 1;
	}
	*out = value + cur;
	return any;
}

/* "for", "up to", "within", "after", "of" before a duration: a period of
 * time, not an age ("under 13 years"). */
static int period_word(const scanner *s, size_t a)
{
	static const char *const words[] = {"for ", "up to ", "within ", "after ", "of ", NULL};

	for (size_t k = 0; words[k] != NULL; k++) {
		size_t n = strlen(words[k]);

		if (a >= n && memcmp(s->lower + a - n, words[k], n) == 0)
			return 1;
	}
	return 0;
}

static void scan_durations(scanner *s)
{
	static const struct {
		const char *unit, *name;
	} units[] = {{"years", "year"}, {"year", "year"}, {"months", "month"}, {"month", "month"},
		     {"weeks", "week"}, {"week", "week"}, {"days", "day"},     {"day", "day"},
		     {"hours", "hour"}, {"hour", "hour"}, {"个月", "month"},   {"年", "year"},
		     {"天", "day"},     {"日", "day"},    {"周", "week"},      {"小时", "hour"}};
	static const char *const words[] = {"zero", "one",    "two",   "three", "four",
					    "five", "six",    "seven", "eight", "nine",
					    "ten",  "eleven", "twelve"};
	static const char *const one[] = {"a", "an", NULL};

	for (size_t k = 0; k < sizeof(units) / sizeof(units[0]) && s->rc == 0; k++) {
		size_t n = strlen(units[k].unit);
		int latin = (unsigned char)units[k].unit[0] < 0x80;

		for (size_t i = next_at(s->lower, s->len, 1, units[k].unit, n);
		     i < s->len && s->rc == 0;
		     i = next_at(s->lower, s->len, i + 1, units[k].unit, n)) {
			size_t a = i, e = i + n;
			long number = -1;
			char value[48];

			if (!unclaimed(s, i, n))
				continue;
			if (latin && ((e < s->len && is_alnum_ascii((unsigned char)s->lower[e])) ||
				      !(s->lower[i - 1] == ' ' || s->lower[i - 1] == '-')))
				continue;
			if (latin) {
				size_t w = i - 1;

				/* "one (1) year", "30 days", "two years" */
				while (w > 0 && s->lower[w - 1] == ' ')
					w--;
				if (w > 0 && s->lower[w - 1] == ')') {
					size_t o = w - 1;

					while (o > 0 && s->lower[o - 1] != '(')
						o--;
					w = o > 0 ? o - 1 : 0;
					while (w > 0 && s->lower[w - 1] == ' ')
						w--;
				}
				a = w;
				while (a > 0 && is_alnum_ascii((unsigned char)s->lower[a - 1]))
					a--;
				if (a == w)
					continue;
				if (is_digit((unsigned char)s->lower[a]))
					number = digits_value(s->lower + a);
				for (int d = 0; d < 13 && number < 0; d++)
					if (w - a == strlen(words[d]) &&
					    memcmp(s->lower + a, words[d], w - a) == 0)
						number = d;
				for (int d = 0; one[d] != NULL && number < 0; d++)
					if (w - a == strlen(one[d]) &&
					    memcmp(s->lower + a, one[d], w - a) == 0)
						number = 1;
			} else {
				while (a > 0 && is_digit((unsigned char)s->text[a - 1]))
					a--;
				if (a < i) {
					number = digits_value(s->text + a);
					if (i - a >= 4) /* 2020年 is a date */
						continue;
				} else {
					while (a >= 3 && zh_number(s->text + a - 3, 3, &number))
						a -= 3;
					if (a == i || !zh_number(s->text + a, i - a, &number))
						continue;
				}
				/* 9月1日, 5月25日: a date, not a period */
				if (strcmp(units[k].name, "day") == 0 && a >= 3 &&
				    memcmp(s->text + a - 3, "月", 3) == 0)
					continue;
				if (e + 1 <= s->len &&
				    (is_digit((unsigned char)s->text[e]) ||
				     (e + 3 <= s->len && memcmp(s->text + e, "月", 3) == 0)))
					continue;
			}
			if (number < 0 ||
			    !((s->categories & POLICY_CATEGORY_RETENTION) ||
			      sentence_has(s, i, RETENTION_CUES) || (latin && period_word(s, a))))
				continue;
			snprintf(value, sizeof(value), "%ld %s", number, units[k].name);
			add(s, POLICY_FACT_RETENTION, value, a, e - a, NULL, 0);
		}
	}
}

/* ---- the repository's own phrases (policyctl.yaml) ---- */

static void scan_terms(scanner *s, const fact_term *terms, size_t count)
{
	for (size_t k = 0; k < count && s->rc == 0; k++) {
		const fact_term *t = &terms[k];
		size_t n = strlen(t->phrase);
		int latin = (unsigned char)t->phrase[0] < 0x80;

		for (size_t i = next_at(s->lower, s->len, 0, t->phrase, n); i < s->len;
		     i = next_at(s->lower, s->len, i + 1, t->phrase, n)) {
			size_t e = i + n;

			if (latin && e < s->len && s->lower[e] == 's')
				e++; /* a plural */
			if (latin && ((i > 0 && is_alnum_ascii((unsigned char)s->lower[i - 1])) ||
				      (e < s->len && is_alnum_ascii((unsigned char)s->lower[e]))))
				continue;
			if (!unclaimed(s, i, e - i))
				continue;
			if (t->kind == POLICY_FACT_DATA) {
				const data_kind *dk =
					&DATA_KINDS[t->data_kind >= 0 ? t->data_kind : DK_NONE];
				const char *label = dk->en == NULL ? NULL : latin ? dk->en : dk->zh;

				add(s, POLICY_FACT_DATA, t->phrase, i, e - i, label,
				    t->sensitive >= 0 ? t->sensitive : dk->sensitive);
			} else {
				add(s, (policy_fact_kind)t->kind, t->phrase, i, e - i, NULL, 0);
			}
		}
	}
}

int policy__facts_scan(fact_list *out, arena *mem, const char *text, size_t len,
		       const char *section, unsigned categories, const fact_term *terms,
		       size_t term_count)
{
	scanner s;

	memset(&s, 0, sizeof(s));
	s.out = out;
	s.mem = mem;
	s.text = text;
	s.len = len;
	s.section = section;
	s.categories = categories;
	if (len == 0)
		return 0;
	s.lower = malloc(len + 1);
	s.claimed = calloc(len + 1, 1);
	if (s.lower == NULL || s.claimed == NULL) {
		s.rc = POLICY_ENOMEM;
		goto done;
	}
	ascii_lower(s.lower, text, len);
	if ((s.rc = split_sentences(&s)) < 0)
		goto done;
	scan_emails(&s);
	scan_urls(&s);
	scan_phones(&s);
	scan_companies_en(&s);
	scan_named(&s, "有限责任公司", 0, 6, 0);
	scan_named(&s, "股份有限公司", 0, 6, 0);
	scan_named(&s, "有限公司", 0, 6, 0);
	/* In a section about recipients, any named company is one ("甲公司"). */
	if (categories & POLICY_CATEGORY_RECIPIENTS)
		scan_named(&s, "公司", 0, 3, 0);
	scan_named(&s, "sdk", 1, 2, 1);
	/* the repository's phrases first: they may name what the built-in
	 * vocabulary reads another way */
	scan_terms(&s, terms, term_count);
	scan_vocab(&s);
	scan_durations(&s);
done:
	free(s.lower);
	free(s.claimed);
	free(s.sentences);
	for (unsigned l = 0; l < s.hit_lists; l++)
		free(s.hits[l].at);
	return s.rc;
}

static const char *const MODALS[] = {"not",  "never", "only",   "unless", "may", "might",
				     "will", "won't", "cannot", "must",   NULL};
static const char *const ZH_MODALS[] = {"不会", "不得", "不再", "仅",   "除非", "可能",
					"将会", "绝不", "无需", "必须", "不",   NULL};

int policy__facts_has_modal(const char *text, size_t len)
{
	for (size_t k = 0; ZH_MODALS[k] != NULL; k++)
		if (memmem(text, len, ZH_MODALS[k], strlen(ZH_MODALS[k])) != NULL)
			return 1;
	for (size_t i = 0; i < len;) {
		size_t e = i;

		while (e < len && (is_alnum_ascii((unsigned char)text[e]) || text[e] == '\''))
			e++;
		for (size_t k = 0; MODALS[k] != NULL && e > i; k++)
			if (e - i == strlen(MODALS[k]) &&
			    strncasecmp(text + i, MODALS[k], e - i) == 0)
				return 1;
		i = e > i ? e : i + 1;
	}
	return 0;
}

/* ---- a changed section, by its changed sentences ---- */

typedef struct {
	uint64_t hash;
	size_t start, end;
	int side; /* 0 old, 1 new */
} sentence_key;

static int by_hash(const void *x, const void *y)
{
	const sentence_key *a = x, *b = y;

	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	return a->side - b->side;
}

static int add_sentences(sentence_key **keys, size_t *count, size_t *cap, const char *text,
			 size_t len, int side)
{
	scanner sc;
	int rc;

	memset(&sc, 0, sizeof(sc));
	sc.text = text;
	sc.len = len;
	if ((rc = split_sentences(&sc)) == 0)
		for (size_t i = 0; i < sc.sentence_count && rc == 0; i++) {
			uint64_t h = hash_text(text + sc.sentences[i].start,
					       sc.sentences[i].end - sc.sentences[i].start);

			if (ARRAY_RESERVE(*keys, *cap, *count) < 0)
				rc = POLICY_ENOMEM;
			else
				(*keys)[(*count)++] = (sentence_key){h, sc.sentences[i].start,
								     sc.sentences[i].end, side};
		}
	free(sc.sentences);
	return rc;
}

static int same_facts(const fact_list *a, const fact_list *b)
{
	if (a->count != b->count)
		return 0;
	for (size_t i = 0; i < a->count; i++)
		if (policy__facts_find(b, a->items[i].kind, a->items[i].value,
				       a->items[i].negated) < 0)
			return 0;
	return 1;
}

int policy__facts_sentences_differ(const policy_doc *old_doc, const policy_section *o,
				   const policy_doc *new_doc, const policy_section *n)
{
	const policy_section *sec[2] = {o, n};
	const policy_doc *docs[2] = {old_doc, new_doc};
	sentence_key *keys = NULL;
	size_t count = 0, cap = 0;
	policy_buf only[2] = {POLICY_BUF_INIT, POLICY_BUF_INIT};
	fact_list found[2];
	arena mem = {NULL};
	int rc;

	if (o == NULL || n == NULL || o->categories != n->categories ||
	    strcmp(o->title, n->title) != 0)
		return 1;
	memset(found, 0, sizeof(found));
	if ((rc = add_sentences(&keys, &count, &cap, o->text, o->text_len, 0)) < 0 ||
	    (rc = add_sentences(&keys, &count, &cap, n->text, n->text_len, 1)) < 0)
		goto done;
	qsort(keys, count, sizeof(*keys), by_hash);
	/* Equal sentences pair off, an old one with a new one; the rest, on
	 * either side, are what changed. A group is sorted old first. */
	for (size_t i = 0, j; i < count && rc == 0; i = j) {
		size_t olds = 0, news, common;

		for (j = i; j < count && keys[j].hash == keys[i].hash; j++)
			olds += keys[j].side == 0;
		news = (j - i) - olds;
		common = olds < news ? olds : news;
		for (size_t k = i + common; k < i + olds && rc == 0; k++)
			rc = policy__buf_put(&only[0], o->text + keys[k].start,
					     keys[k].end - keys[k].start) < 0 ||
					     policy__buf_putc(&only[0], '\n') < 0
				     ? POLICY_ENOMEM
				     : 0;
		for (size_t k = i + olds + common; k < j && rc == 0; k++)
			rc = policy__buf_put(&only[1], n->text + keys[k].start,
					     keys[k].end - keys[k].start) < 0 ||
					     policy__buf_putc(&only[1], '\n') < 0
				     ? POLICY_ENOMEM
				     : 0;
	}
	for (int side = 0; side < 2 && rc == 0; side++) {
		const fact_term *terms;
		size_t nterms = policy__doc_fact_terms(docs[side], &terms);

		rc = policy__facts_scan(&found[side], &mem, only[side].ptr ? only[side].ptr : "",
					only[side].size, sec[side]->id, sec[side]->categories,
					terms, nterms);
	}
	if (rc == 0)
		rc = !same_facts(&found[0], &found[1]);
done:
	policy__facts_list_dispose(&found[0]);
	policy__facts_list_dispose(&found[1]);
	policy__arena_free(&mem);
	policy_buf_dispose(&only[0]);
	policy_buf_dispose(&only[1]);
	free(keys);
	return rc;
}

/* ---- the inventory ---- */

struct policy_facts {
	arena mem;
	fact_list list;
};

int policy__facts_scan_section(fact_list *out, arena *mem, const policy_doc *doc,
			       const policy_section *s)
{
	const fact_term *terms;
	size_t n = policy__doc_fact_terms(doc, &terms);
	int rc;

	if (s == NULL)
		return 0;
	if ((rc = policy__facts_scan(out, mem, s->title, strlen(s->title), s->id, s->categories,
				     terms, n)) < 0)
		return rc;
	return policy__facts_scan(out, mem, s->text, s->text_len, s->id, s->categories, terms, n);
}

int policy__facts_scan_doc(fact_list *out, arena *mem, const policy_doc *doc)
{
	const fact_term *terms;
	size_t len, n = policy__doc_fact_terms(doc, &terms);
	const char *pre = policy_doc_preamble(doc, &len);
	int rc = policy__facts_scan(out, mem, pre, len, "preamble", 0, terms, n);

	for (size_t i = 0; i < policy_doc_section_count(doc) && rc == 0; i++)
		rc = policy__facts_scan_section(out, mem, doc, policy_doc_section_at(doc, i));
	return rc;
}

int policy_facts_read(policy_facts **out, const policy_doc *doc)
{
	policy_facts *f;

	*out = NULL;
	if (doc == NULL || policy_doc_usable(doc) < 0)
		return policy__error_set(POLICY_EINVALID, "facts need a usable document");
	if ((f = calloc(1, sizeof(*f))) == NULL)
		return policy__error_nomem();
	if (policy__facts_scan_doc(&f->list, &f->mem, doc) < 0) {
		policy_facts_free(f);
		return policy__error_nomem();
	}
	*out = f;
	return 0;
}

size_t policy_facts_count(const policy_facts *facts)
{
	return facts ? facts->list.count : 0;
}

const policy_fact *policy_facts_at(const policy_facts *facts, size_t i)
{
	return facts && i < facts->list.count ? &facts->list.items[i] : NULL;
}

void policy_facts_free(policy_facts *facts)
{
	if (facts == NULL)
		return;
	policy__facts_list_dispose(&facts->list);
	policy__arena_free(&facts->mem);
	free(facts);
}

const char *policy_facts_kind_name(policy_fact_kind kind)
{
	static const char *const names[] = {"data",    "purpose",   "recipient", "right",
					    "contact", "retention", "transfer",  "controller"};

	return (unsigned)kind < POLICY_FACT_KIND_COUNT ? names[kind] : "unknown";
}

unsigned policy_facts_kind_category(policy_fact_kind kind)
{
	static const unsigned cats[] = {POLICY_CATEGORY_PURPOSES,   POLICY_CATEGORY_PURPOSES,
					POLICY_CATEGORY_RECIPIENTS, POLICY_CATEGORY_RIGHTS,
					POLICY_CATEGORY_CONTACT,    POLICY_CATEGORY_RETENTION,
					POLICY_CATEGORY_TRANSFER,   POLICY_CATEGORY_CONTROLLER};

	return (unsigned)kind < POLICY_FACT_KIND_COUNT ? cats[kind] : 0;
}

json_t *policy__facts_json(const policy_doc *doc)
{
	policy_facts *f = NULL;
	json_t *list;

	if (policy_facts_read(&f, doc) < 0 || (list = json_array()) == NULL) {
		policy_facts_free(f);
		return NULL;
	}
	for (size_t i = 0; i < policy_facts_count(f); i++) {
		const policy_fact *x = policy_facts_at(f, i);

		if (json_array_append_new(
			    list, json_pack("{s:s, s:s, s:s, s:s?, s:b, s:b, s:s, s:s}", "kind",
					    policy_facts_kind_name(x->kind), "value", x->value,
					    "text", x->text, "label", x->label, "sensitive",
					    x->sensitive, "negated", x->negated, "section",
					    x->section, "sentence", x->sentence)) < 0) {
			json_decref(list);
			list = NULL;
			break;
		}
	}
	policy_facts_free(f);
	return list;
}

int policy_facts_json(policy_buf *out, const policy_doc *doc)
{
	json_t *list;

	if (doc == NULL || policy_doc_usable(doc) < 0)
		return policy__error_set(POLICY_EINVALID, "facts need a usable document");
	if ((list = policy__facts_json(doc)) == NULL)
		return policy__error_nomem();
	return policy__json_write(out, json_pack("{s:o}", "facts", list));
}
