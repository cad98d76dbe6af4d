/*
 * The text diff, in two passes as a reviewer reads: sentences first, so an
 * edited sentence is a region of its own and unchanged ones are skipped
 * whole; then tokens inside each changed region. Both passes turn their
 * units into ids (equal text, equal id) and compare the id sequences with
 * Myers' algorithm (myers.c), as git's word diff does with lines of one
 * token each: near linear when the texts are close. A region too large to
 * diff token by token is compared sentence pair by sentence pair, or
 * whole, and counted so the output can say so.
 */
#include "policy/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "buf.h"
#include "error.h"
#include "hash.h"
#include "myers.h"
#include "textdiff.h"
#include "utf8.h"

void policy__units_dispose(text_units *u)
{
	free(u->start);
	u->start = NULL;
	u->count = 0;
}

typedef struct {
	text_units *u;
	size_t cap;
} unit_list;

static int unit_add(unit_list *l, size_t at)
{
	if (ARRAY_RESERVE(l->u->start, l->cap, l->u->count) < 0)
		return POLICY_ENOMEM;
	l->u->start[l->u->count++] = at;
	return 0;
}

static void unit_list_init(unit_list *l, text_units *u, const char *s)
{
	u->text = s;
	u->count = 0;
	u->start = NULL;
	l->u = u;
	l->cap = 0;
}

/* Close the list: the end offset after the last unit. */
static int unit_list_end(unit_list *l, size_t len)
{
	if (unit_add(l, len) < 0)
		return POLICY_ENOMEM;
	l->u->count--;
	return 0;
}

static int token_class(int32_t c)
{
	if (policy__utf8_is_space(c))
		return 1;
	if (policy__utf8_is_cjk(c) && policy__utf8_is_alnum(c))
		return 2; /* a token of its own */
	if (policy__utf8_is_alnum(c))
		return 3;
	return 4; /* punctuation and symbols: one each */
}

int policy__units_tokens(text_units *u, const char *s, size_t len)
{
	unit_list l;
	size_t pos = 0;
	int prev = 0;

	unit_list_init(&l, u, s);
	while (pos < len) {
		size_t at = pos;
		int32_t c = policy__utf8_next(s, len, &pos);
		int cls;

		if (c < 0)
			return policy__error_set(POLICY_EINVALID, "text is not valid UTF-8");
		cls = token_class(c);
		if (cls == prev && (cls == 1 || cls == 3))
			continue;
		if (unit_add(&l, at) < 0)
			return POLICY_ENOMEM;
		prev = cls;
	}
	return unit_list_end(&l, len);
}

static int ends_sentence(int32_t c)
{
	switch (c) {
	case 0x3002: /* 。 */
	case 0xFF01: /* ！ */
	case 0xFF1F: /* ？ */
	case 0xFF1B: /* ； */
	case ';':
		return 1;
	default:
		return 0;
	}
}

static int closes(int32_t c)
{
	switch (c) {
	case 0x201D: /* ” */
	case 0x2019: /* ’ */
	case 0x300D: /* 」 */
	case 0x300F: /* 』 */
	case 0xFF09: /* ） */
	case ')':
	case '"':
		return 1;
	default:
		return 0;
	}
}

/* How many bytes at the start of `s` are ASCII letters and digits or
 * characters of lead byte E4..E9 (U+4000..U+9FFF, nearly all CJK
 * ideographs), well formed: most of a text. None of them ends, closes or
 * separates a sentence, so they are skipped without decoding. */
static size_t plain_run(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i];

		if ((c | 0x20) - 'a' < 26u || c - '0' < 10u)
			i++;
		else if (c - 0xE4u < 6u && len - i >= 3 &&
			 ((s[i + 1] ^ 0x80) | (s[i + 2] ^ 0x80)) < 0x40)
			i += 3;
		else
			break;
	}
	return i;
}

int policy__units_sentences(text_units *u, const char *s, size_t len)
{
	unit_list l;
	size_t pos = 0;
	int cut = 0; /* 1: a sentence ended; 2: it may end if white space follows */

	unit_list_init(&l, u, s);
	if (len > 0 && unit_add(&l, 0) < 0)
		return POLICY_ENOMEM;
	while (pos < len) {
		size_t at = pos, run = plain_run(s + pos, len - pos);
		int32_t c;

		if (run > 0) {
			if (cut == 1 && unit_add(&l, at) < 0)
				return POLICY_ENOMEM;
			cut = 0;
			pos += run;
			continue;
		}
		if ((c = policy__utf8_next(s, len, &pos)) < 0)
			return policy__error_set(POLICY_EINVALID, "text is not valid UTF-8");
		if (policy__utf8_is_space(c) || c == '\n') {
			if (cut == 2 || c == '\n')
				cut = 1;
			continue;
		}
		if (cut == 1 && !closes(c)) {
			if (unit_add(&l, at) < 0)
				return POLICY_ENOMEM;
			cut = 0;
		}
		if (ends_sentence(c))
			cut = 1;
		else if (c == '.' || c == '!' || c == '?')
			cut = 2;
		else if (!closes(c))
			cut = 0; /* a closing mark keeps the sentence's end open */
	}
	return unit_list_end(&l, len);
}

/* Units as ids, equal units with equal ids, through an open-addressing
 * table over both sides. */
typedef struct {
	const char *p;
	size_t len;
	uint64_t hash;
	uint32_t id;
} slot;

static void intern(slot *table, size_t mask, uint32_t *next_id, const text_units *u, uint32_t *ids)
{
	for (size_t i = 0; i < u->count; i++) {
		const char *p = u->text + u->start[i];
		size_t len = u->start[i + 1] - u->start[i];
		uint64_t h = hash_text(p, len);
		size_t at = (size_t)h & mask;

		while (table[at].p != NULL && (table[at].hash != h || table[at].len != len ||
					       memcmp(table[at].p, p, len) != 0))
			at = (at + 1) & mask;
		if (table[at].p == NULL) {
			table[at].p = p;
			table[at].len = len;
			table[at].hash = h;
			table[at].id = (*next_id)++;
		}
		ids[i] = table[at].id;
	}
}

/* The changed units of each side, paired into regions: unchanged units
 * correspond one to one, in order, so what lies between two unchanged
 * pairs is a region. */
static int regions_from_marks(const unsigned char *ca, size_t na, const unsigned char *cb,
			      size_t nb, unit_region **out, size_t *count)
{
	size_t i = 0, j = 0, cap = 0;

	while (i < na || j < nb) {
		unit_region r;

		if (i < na && j < nb && !ca[i] && !cb[j]) {
			i++;
			j++;
			continue;
		}
		r.a_from = i;
		r.b_from = j;
		while (i < na && ca[i])
			i++;
		while (j < nb && cb[j])
			j++;
		if (i == r.a_from && j == r.b_from) { /* one side ran out */
			i = na;
			j = nb;
		}
		r.a_to = i;
		r.b_to = j;
		if (ARRAY_RESERVE(*out, cap, *count) < 0)
			return POLICY_ENOMEM;
		(*out)[(*count)++] = r;
	}
	return 0;
}

/* Slide each pure insertion or deletion as far down as equal units allow,
 * as git's xdiff does, so "size {+and more +}you" rather than "size{+ and
 * more+} you": the script is as short, and reads as git's does. */
static void slide_down(unit_region *regions, size_t count, const uint32_t *ida, size_t na,
		       const uint32_t *idb, size_t nb)
{
	for (size_t k = 0; k < count; k++) {
		unit_region *r = &regions[k];
		size_t next_a = k + 1 < count ? regions[k + 1].a_from : na;
		size_t next_b = k + 1 < count ? regions[k + 1].b_from : nb;

		if (r->a_from == r->a_to) {
			while (r->b_to < next_b && r->a_to < next_a &&
			       idb[r->b_from] == idb[r->b_to]) {
				r->b_from++;
				r->b_to++;
				r->a_from = ++r->a_to;
			}
		} else if (r->b_from == r->b_to) {
			while (r->a_to < next_a && r->b_to < next_b &&
			       ida[r->a_from] == ida[r->a_to]) {
				r->a_from++;
				r->a_to++;
				r->b_from = ++r->b_to;
			}
		}
	}
}

int policy__units_diff(const text_units *a, const text_units *b, unit_region **regions,
		       size_t *count)
{
	size_t n = a->count + b->count, size = 16;
	uint32_t *ids = NULL, next_id = 0;
	unsigned char *changed = NULL;
	slot *table = NULL;
	int rc;

	*regions = NULL;
	*count = 0;
	while (size < 2 * n)
		size *= 2;
	table = calloc(size, sizeof(*table));
	ids = malloc((n + 1) * sizeof(*ids));
	changed = calloc(n + 1, 1);
	if (table == NULL || ids == NULL || changed == NULL) {
		rc = policy__error_nomem();
		goto done;
	}
	intern(table, size - 1, &next_id, a, ids);
	intern(table, size - 1, &next_id, b, ids + a->count);
	rc = policy__myers_diff(ids, a->count, ids + a->count, b->count, changed,
				changed + a->count);
	if (rc == 0)
		rc = regions_from_marks(changed, a->count, changed + a->count, b->count, regions,
					count);
	if (rc == 0)
		slide_down(*regions, *count, ids, a->count, ids + a->count, b->count);
done:
	if (rc < 0) {
		free(*regions);
		*regions = NULL;
		*count = 0;
	}
	free(table);
	free(ids);
	free(changed);
	return rc;
}

void policy__sink_init(edit_sink *s, policy_edit_cb cb, void *payload)
{
	memset(s, 0, sizeof(*s));
	s->cb = cb;
	s->payload = payload;
}

int policy__sink_flush(edit_sink *s)
{
	int rc = 0;

	if (s->run_len > 0 && s->stopped == 0)
		rc = s->cb(s->kind, s->run, s->run_len, s->payload);
	s->run_len = 0;
	if (rc != 0)
		s->stopped = rc;
	return s->stopped;
}

int policy__sink_emit(edit_sink *s, policy_edit_kind kind, const char *text, size_t len)
{
	if (len == 0 || s->stopped != 0)
		return s->stopped;
	if (s->run_len > 0 && (s->kind != kind || s->run + s->run_len != text) &&
	    policy__sink_flush(s) != 0)
		return s->stopped;
	if (s->run_len == 0) {
		s->kind = kind;
		s->run = text;
	}
	s->run_len += len;
	return 0;
}

int policy__walk_regions(edit_sink *s, const text_units *a, const text_units *b,
			 const unit_region *regions, size_t count, region_fn fn, void *arg)
{
	size_t i = 0;
	int rc = 0;

	for (size_t k = 0; k <= count && rc == 0; k++) {
		size_t to = k < count ? regions[k].a_from : a->count;

		rc = policy__sink_emit(s, POLICY_EDIT_EQUAL, a->text + a->start[i],
				       a->start[to] - a->start[i]);
		if (rc == 0 && k < count) {
			rc = fn(s, a, b, &regions[k], arg);
			i = regions[k].a_to;
		}
	}
	return rc;
}

/* a replaced by b, without looking inside. */
static int emit_whole(edit_sink *s, const char *a, size_t alen, const char *b, size_t blen)
{
	int rc = policy__sink_emit(s, POLICY_EDIT_DELETE, a, alen);

	return rc ? rc : policy__sink_emit(s, POLICY_EDIT_INSERT, b, blen);
}

static int whole_region(edit_sink *s, const text_units *a, const text_units *b,
			const unit_region *r, void *arg)
{
	(void)arg;
	return emit_whole(s, a->text + a->start[r->a_from], a->start[r->a_to] - a->start[r->a_from],
			  b->text + b->start[r->b_from], b->start[r->b_to] - b->start[r->b_from]);
}

static int token_pass_at(edit_sink *s, const char *a, size_t alen, const char *b, size_t blen,
			 size_t *coarse, int whole);

/* A region too large to align token by token: its sentences are paired in
 * order (the k-th old with the k-th new) and each pair compared, so a
 * typo fixed in every sentence still reads as such; what is left over on
 * the longer side is reported whole. */
static int sentence_pairs(edit_sink *s, const char *a, size_t alen, const char *b, size_t blen)
{
	text_units sa = {NULL, NULL, 0}, sb = {NULL, NULL, 0};
	size_t k = 0;
	int rc;

	if ((rc = policy__units_sentences(&sa, a, alen)) < 0 ||
	    (rc = policy__units_sentences(&sb, b, blen)) < 0)
		goto done;
	if (sa.count < 2 || sb.count < 2) {
		rc = emit_whole(s, a, alen, b, blen);
		goto done;
	}
	for (; rc == 0 && (k < sa.count || k < sb.count); k++) {
		size_t af = k < sa.count ? sa.start[k] : alen,
		       at = k < sa.count ? sa.start[k + 1] : alen;
		size_t bf = k < sb.count ? sb.start[k] : blen,
		       bt = k < sb.count ? sb.start[k + 1] : blen;

		rc = token_pass_at(s, a + af, at - af, b + bf, bt - bf, NULL, 1);
	}
done:
	policy__units_dispose(&sa);
	policy__units_dispose(&sb);
	return rc;
}

int policy__token_pass(edit_sink *s, const char *a, size_t alen, const char *b, size_t blen,
		       size_t *coarse)
{
	return token_pass_at(s, a, alen, b, blen, coarse, 0);
}

/* `whole`: too large is reported whole, not split into sentence pairs. */
static int token_pass_at(edit_sink *s, const char *a, size_t alen, const char *b, size_t blen,
			 size_t *coarse, int whole)
{
	text_units ta = {NULL, NULL, 0}, tb = {NULL, NULL, 0};
	unit_region *regions = NULL;
	size_t count = 0;
	int rc;

	if (alen == 0 || blen == 0) { /* nothing to align: one side is new */
		if (policy__utf8_invalid_offset(a, alen) != alen ||
		    policy__utf8_invalid_offset(b, blen) != blen)
			return policy__error_set(POLICY_EINVALID, "text is not valid UTF-8");
		return emit_whole(s, a, alen, b, blen);
	}
	if ((rc = policy__units_tokens(&ta, a, alen)) < 0 ||
	    (rc = policy__units_tokens(&tb, b, blen)) < 0)
		goto done;
	if (ta.count + tb.count > TOKEN_REGION_MAX) {
		if (coarse != NULL)
			(*coarse)++;
		policy__units_dispose(&ta); /* before the sentence pass makes its own */
		policy__units_dispose(&tb);
		rc = whole ? emit_whole(s, a, alen, b, blen) : sentence_pairs(s, a, alen, b, blen);
		goto done;
	}
	if ((rc = policy__units_diff(&ta, &tb, &regions, &count)) == 0)
		rc = policy__walk_regions(s, &ta, &tb, regions, count, whole_region, NULL);
done:
	free(regions);
	policy__units_dispose(&ta);
	policy__units_dispose(&tb);
	return rc;
}

static int token_region(edit_sink *s, const text_units *a, const text_units *b,
			const unit_region *r, void *arg)
{
	return policy__token_pass(
		s, a->text + a->start[r->a_from], a->start[r->a_to] - a->start[r->a_from],
		b->text + b->start[r->b_from], b->start[r->b_to] - b->start[r->b_from], arg);
}

int policy_text_diff(const char *old, size_t old_len, const char *new_text, size_t new_len,
		     policy_edit_cb cb, void *payload, size_t *coarse)
{
	text_units sa = {NULL, NULL, 0}, sb = {NULL, NULL, 0};
	unit_region *regions = NULL;
	size_t count = 0;
	edit_sink s;
	int rc;

	policy__sink_init(&s, cb, payload);
	if (old_len == new_len && memcmp(old, new_text, old_len) == 0) {
		if (policy__utf8_invalid_offset(old, old_len) != old_len)
			return policy__error_set(POLICY_EINVALID, "text is not valid UTF-8");
		rc = policy__sink_emit(&s, POLICY_EDIT_EQUAL, old, old_len);
	} else if ((rc = policy__units_sentences(&sa, old, old_len)) == 0 &&
		   (rc = policy__units_sentences(&sb, new_text, new_len)) == 0 &&
		   (rc = policy__units_diff(&sa, &sb, &regions, &count)) == 0) {
		rc = policy__walk_regions(&s, &sa, &sb, regions, count, token_region, coarse);
	}
	if (rc == 0)
		rc = policy__sink_flush(&s);
	free(regions);
	policy__units_dispose(&sa);
	policy__units_dispose(&sb);
	return rc;
}
