/*
 * Aligning two versions. Sections are matched by id, so renumbering, new
 * titles and moves are never rewrites. The plain text of each matched pair
 * that differs is compared sentence by sentence; a sentence deleted in one
 * place and inserted in another (the same, or the same but for editorial
 * differences) is a move, found across all sections at once; what is left
 * of each changed run of sentences is compared token by token (diff.c).
 * Removed sections are listed where they stood in the old version, so a
 * redline reads in order.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "buf.h"
#include "diff_internal.h"
#include "editorial.h"
#include "error.h"
#include "hash.h"
#include "internal.h"
#include "parallel.h"
#include "textdiff.h"
#include "utf8.h"

/* Sentences shorter than this (in bytes of editorial form) are too common
 * to call a move: "是的。", "Yes.". */
#define MOVE_MIN 12
/* Section changes per thread comparing sentences (see FACTS_GRAIN). */
#define SENTENCE_GRAIN 64
#define NONE SIZE_MAX

/* The sentence pass of one section change, kept until moves are known. */
typedef struct {
	text_units sa, sb;
	unit_region *regions;
	size_t region_count;
	size_t *cand_a;   /* per old sentence: its move candidate, or NONE */
	unsigned *move_a; /* per sentence: move number, 0 for none */
	unsigned *move_b;
} change_work;

/* A deleted or inserted sentence that may be one end of a move. */
typedef struct {
	const char *form; /* editorial form */
	size_t form_len;
	size_t k; /* section change */
	size_t region;
	size_t unit;    /* sentence index on its side */
	int side;       /* 0: deleted from old, 1: inserted in new */
	size_t partner; /* the other end, or NONE */
} move_cand;

typedef struct {
	policy_diff *diff;
	policy_edit *edits;
	size_t count;
	size_t cap;
} edit_list;

static size_t char_count(const char *text, size_t len)
{
	size_t chars = 0, pos = 0;

	while (pos < len) {
		policy__utf8_next(text, len, &pos);
		chars++;
	}
	return chars;
}

static int add_edit(edit_list *l, policy_edit_kind kind, const char *text, size_t len,
		    unsigned move, const char *move_section)
{
	policy_edit *e;

	if (ARRAY_RESERVE(l->edits, l->cap, l->count) < 0)
		return POLICY_ENOMEM;
	e = &l->edits[l->count++];
	e->kind = kind;
	e->text = text;
	e->len = len;
	e->move = move;
	e->move_section = move_section;
	if (kind == POLICY_EDIT_INSERT)
		l->diff->inserted += char_count(text, len);
	else if (kind == POLICY_EDIT_DELETE)
		l->diff->deleted += char_count(text, len);
	return 0;
}

static int on_edit(policy_edit_kind kind, const char *text, size_t len, void *payload)
{
	return add_edit(payload, kind, text, len, 0, NULL);
}

static const char *plain_copy(arena *mem, const policy_doc *doc, const policy_section *s)
{
	policy_buf b = POLICY_BUF_INIT;
	const char *copy = NULL;

	if (s == NULL)
		return "";
	if (policy__doc_section_plain(
		    doc, s->level == 0 ? DOC_PREAMBLE : policy__doc_section_index(doc, s), &b) == 0)
		copy = policy__arena_strndup(mem, b.ptr ? b.ptr : "", b.size);
	policy_buf_dispose(&b);
	return copy;
}

static int parent_id_differs(const policy_doc *a, const policy_section *x, const policy_doc *b,
			     const policy_section *y)
{
	const char *px = x->parent >= 0 ? policy_doc_section_at(a, (size_t)x->parent)->id : "";
	const char *py = y->parent >= 0 ? policy_doc_section_at(b, (size_t)y->parent)->id : "";

	return strcmp(px, py) != 0;
}

/* The text before the first heading as a section of its own (id
 * "preamble", level 0), or NULL when there is none. Real documents keep
 * dates, banners and whole policies there. */
static const policy_section *preamble_section(policy_diff *d, const policy_doc *doc)
{
	size_t len, a = 0;
	const char *text = policy_doc_preamble(doc, &len);
	policy_section *s;

	while (a < len && (text[a] == ' ' || text[a] == '\n' || text[a] == '\r' || text[a] == '\t'))
		a++;
	while (len > a && (text[len - 1] == ' ' || text[len - 1] == '\n' || text[len - 1] == '\r' ||
			   text[len - 1] == '\t'))
		len--;
	if (a == len || (s = policy__arena_alloc(&d->mem, sizeof(*s))) == NULL)
		return NULL;
	memset(s, 0, sizeof(*s));
	s->id = "preamble";
	s->title = "";
	s->level = 0;
	s->parent = -1;
	s->text = text + a;
	s->text_len = len - a;
	return s;
}

/* Pair the sections and their status; no plain text (diff_texts reads
 * it) and no diff yet. */
static int fill_change(policy_diff *d, size_t k, const policy_section *o, const policy_section *n,
		       int out_of_order)
{
	policy_section_change *c = &d->sections[k];
	int same;

	c->old_section = o;
	c->new_section = n;
	c->id = n ? n->id : o->id;
	c->title = n ? n->title : o->title;
	/* The same source has the same text: not worth extracting. */
	same = o != NULL && n != NULL && o->text_len == n->text_len &&
	       strcmp(o->title, n->title) == 0 && memcmp(o->text, n->text, o->text_len) == 0;
	d->old_plain[k] = d->new_plain[k] = "";
	if (o == NULL)
		c->status = POLICY_STATUS_ADDED;
	else if (n == NULL)
		c->status = POLICY_STATUS_REMOVED;
	else if (!same) /* the text, a title, or only link targets and markup */
		c->status = POLICY_STATUS_CHANGED;
	else if (out_of_order || parent_id_differs(d->old_doc, o, d->new_doc, n))
		c->status = POLICY_STATUS_MOVED;
	else
		c->status = POLICY_STATUS_UNCHANGED;
	return 0;
}

static int has_text_diff(const policy_section_change *c)
{
	return c->status != POLICY_STATUS_UNCHANGED && c->status != POLICY_STATUS_MOVED;
}

/* Are both sides of `c` elided sections of the same source? Their plain
 * text is then the same, and read once. */
static int same_elided(const policy_diff *d, const policy_section_change *c)
{
	const policy_section *o = c->old_section, *n = c->new_section;
	uint64_t a, b;

	return o != NULL && n != NULL && o->level > 0 && n->level > 0 &&
	       policy__doc_section_elided(d->old_doc, policy__doc_section_index(d->old_doc, o),
					  &a) &&
	       policy__doc_section_elided(d->new_doc, policy__doc_section_index(d->new_doc, n),
					  &b) &&
	       a == b && o->text_len == n->text_len && memcmp(o->text, n->text, o->text_len) == 0;
}

/* Section change k's plain text, from `mem`, then its sentences compared.
 * Touches change k alone: the sections' blocks are disjoint. */
static int sentence_pass(policy_diff *d, size_t k, change_work *w, arena *mem)
{
	const policy_section_change *c = &d->sections[k];
	const char *a, *b;
	int rc;

	if ((a = plain_copy(mem, d->old_doc, c->old_section)) == NULL ||
	    (b = same_elided(d, c) ? a : plain_copy(mem, d->new_doc, c->new_section)) == NULL)
		return policy__error_nomem();
	d->old_plain[k] = a;
	d->new_plain[k] = b;
	if ((rc = policy__units_sentences(&w->sa, a, strlen(a))) < 0 ||
	    (rc = policy__units_sentences(&w->sb, b, strlen(b))) < 0 ||
	    (rc = policy__units_diff(&w->sa, &w->sb, &w->regions, &w->region_count)) < 0)
		return rc;
	w->cand_a = malloc((w->sa.count + 1) * sizeof(size_t));
	w->move_a = calloc(w->sa.count + 1, sizeof(unsigned));
	w->move_b = calloc(w->sb.count + 1, sizeof(unsigned));
	if (w->cand_a == NULL || w->move_a == NULL || w->move_b == NULL)
		return policy__error_nomem();
	for (size_t i = 0; i <= w->sa.count; i++)
		w->cand_a[i] = NONE;
	return 0;
}

static void work_dispose(change_work *w)
{
	policy__units_dispose(&w->sa);
	policy__units_dispose(&w->sb);
	free(w->regions);
	free(w->cand_a);
	free(w->move_a);
	free(w->move_b);
}

typedef struct {
	move_cand *items;
	size_t count, cap;
	policy_buf form;
} cand_list;

static int add_cand(policy_diff *d, cand_list *l, const text_units *u, size_t k, size_t region,
		    size_t unit, int side)
{
	const char *text = u->text + u->start[unit];
	size_t len = u->start[unit + 1] - u->start[unit];
	move_cand *c;
	int rc;

	if (!policy__editorial_has_content(text, len))
		return 0;
	if ((rc = policy__editorial_form(&l->form, text, len)) < 0)
		return rc;
	if (l->form.size < MOVE_MIN)
		return 0;
	if (ARRAY_RESERVE(l->items, l->cap, l->count) < 0)
		return POLICY_ENOMEM;
	c = &l->items[l->count++];
	c->form = policy__arena_strndup(&d->mem, l->form.ptr, l->form.size);
	c->form_len = l->form.size;
	c->k = k;
	c->region = region;
	c->unit = unit;
	c->side = side;
	c->partner = NONE;
	return c->form ? 0 : policy__error_nomem();
}

/* Equal forms together; within them deletions first, in document order. */
static int cand_order(const void *x, const void *y)
{
	const move_cand *a = x, *b = y;
	size_t n = a->form_len < b->form_len ? a->form_len : b->form_len;
	int c = memcmp(a->form, b->form, n);

	if (c != 0)
		return c;
	if (a->form_len != b->form_len)
		return a->form_len < b->form_len ? -1 : 1;
	if (a->side != b->side)
		return a->side - b->side;
	if (a->k != b->k)
		return a->k < b->k ? -1 : 1;
	return a->unit < b->unit ? -1 : a->unit > b->unit;
}

/* Within each group of equal forms, pair each insertion with the first
 * free deletion that is not in its own changed region (there it is an
 * edit in place, left to the token pass). */
static void pair_cands(move_cand *c, size_t count)
{
	for (size_t g = 0; g < count;) {
		size_t end = g, ins;

		while (end < count && c[end].form_len == c[g].form_len &&
		       memcmp(c[end].form, c[g].form, c[g].form_len) == 0)
			end++;
		for (ins = g; ins < end && c[ins].side == 0; ins++)
			;
		for (size_t i = ins; i < end; i++) {
			for (size_t j = g; j < ins; j++) {
				if (c[j].partner != NONE ||
				    (c[j].k == c[i].k && c[j].region == c[i].region))
					continue;
				c[j].partner = i;
				c[i].partner = j;
				break;
			}
		}
		g = end;
	}
}

/* Number the moves in old-document order; consecutive moved sentences
 * that land consecutively in one place are one move. ends[2m], ends[2m+1]
 * are the changes move m leaves and enters. */
static int number_moves(policy_diff *d, change_work *w, const move_cand *c, size_t **ends)
{
	const move_cand *prev = NULL;
	size_t cap = 0;

	for (size_t k = 0; k < d->section_count; k++) {
		for (size_t i = 0; i < w[k].sa.count; i++) {
			const move_cand *from, *to;

			if (w[k].cand_a[i] == NONE || c[w[k].cand_a[i]].partner == NONE) {
				prev = NULL;
				continue;
			}
			from = &c[w[k].cand_a[i]];
			to = &c[from->partner];
			if (prev == NULL || prev->k != from->k || prev->unit + 1 != from->unit ||
			    prev->region != from->region || c[prev->partner].k != to->k ||
			    c[prev->partner].region != to->region ||
			    c[prev->partner].unit + 1 != to->unit) {
				d->moves++;
				if (policy__array_reserve(ends, &cap, 2 * d->moves + 1,
							  sizeof(size_t)) < 0)
					return POLICY_ENOMEM;
				(*ends)[2 * d->moves] = from->k;
				(*ends)[2 * d->moves + 1] = to->k;
			}
			w[k].move_a[i] = d->moves;
			w[to->k].move_b[to->unit] = d->moves;
			prev = from;
		}
	}
	return 0;
}

static int find_moves(policy_diff *d, change_work *w, size_t **ends)
{
	cand_list l = {NULL, 0, 0, POLICY_BUF_INIT};
	int rc = 0;

	for (size_t k = 0; k < d->section_count && rc == 0; k++) {
		for (size_t r = 0; r < w[k].region_count && rc == 0; r++) {
			const unit_region *g = &w[k].regions[r];

			for (size_t i = g->a_from; i < g->a_to && rc == 0; i++)
				rc = add_cand(d, &l, &w[k].sa, k, r, i, 0);
			for (size_t j = g->b_from; j < g->b_to && rc == 0; j++)
				rc = add_cand(d, &l, &w[k].sb, k, r, j, 1);
		}
	}
	if (rc == 0 && l.count > 1) {
		qsort(l.items, l.count, sizeof(*l.items), cand_order);
		pair_cands(l.items, l.count);
		for (size_t x = 0; x < l.count; x++)
			if (l.items[x].side == 0)
				w[l.items[x].k].cand_a[l.items[x].unit] = x;
		rc = number_moves(d, w, l.items, ends);
	}
	free(l.items);
	policy_buf_dispose(&l.form);
	return rc;
}

typedef struct {
	policy_diff *d;
	const change_work *w;
	const size_t *ends; /* of each move, as number_moves() left them */
	edit_list *list;
} region_ctx;

/* The section at the other end of move `m` seen from side `side`. */
static const char *move_other(const region_ctx *x, unsigned m, int side)
{
	return x->d->sections[x->ends[2 * (size_t)m + (side == 0)]].id;
}

/* The run of sentences from `i` that share move `moves[i]`. */
static size_t move_end(const unsigned *moves, size_t i, size_t to)
{
	size_t e = i;

	while (e < to && moves[e] == moves[i])
		e++;
	return e;
}

/* A changed run of sentences: the sentences that moved are reported as
 * such; the pieces between them are compared token by token, piece k of
 * the old side with piece k of the new. */
static int region_with_moves(edit_sink *s, const text_units *a, const text_units *b,
			     const unit_region *r, void *arg)
{
	region_ctx *x = arg;
	const change_work *w = x->w;
	size_t i = r->a_from, j = r->b_from;
	int rc = 0;

	while (rc == 0 && (i < r->a_to || j < r->b_to)) {
		size_t i2 = i, j2 = j;

		while (i2 < r->a_to && w->move_a[i2] == 0)
			i2++;
		while (j2 < r->b_to && w->move_b[j2] == 0)
			j2++;
		rc = policy__token_pass(s, a->text + a->start[i], a->start[i2] - a->start[i],
					b->text + b->start[j], b->start[j2] - b->start[j],
					&x->d->coarse);
		if (rc == 0)
			rc = policy__sink_flush(s);
		i = i2;
		j = j2;
		if (rc == 0 && i < r->a_to) {
			size_t e = move_end(w->move_a, i, r->a_to);

			rc = add_edit(x->list, POLICY_EDIT_MOVED_OUT, a->text + a->start[i],
				      a->start[e] - a->start[i], w->move_a[i],
				      move_other(x, w->move_a[i], 0));
			i = e;
		}
		if (rc == 0 && j < r->b_to) {
			size_t e = move_end(w->move_b, j, r->b_to);

			rc = add_edit(x->list, POLICY_EDIT_MOVED_IN, b->text + b->start[j],
				      b->start[e] - b->start[j], w->move_b[j],
				      move_other(x, w->move_b[j], 1));
			j = e;
		}
	}
	return rc;
}

static int emit_edits(policy_diff *d, const change_work *w, const size_t *ends, size_t k)
{
	policy_section_change *c = &d->sections[k];
	edit_list l = {d, NULL, 0, 0};
	region_ctx x = {d, &w[k], ends, &l};
	edit_sink s;
	int rc;

	policy__sink_init(&s, on_edit, &l);
	rc = policy__walk_regions(&s, &w[k].sa, &w[k].sb, w[k].regions, w[k].region_count,
				  region_with_moves, &x);
	if (rc == 0)
		rc = policy__sink_flush(&s);
	if (rc == 0 && l.count > 0) {
		policy_edit *copy = policy__arena_alloc(&d->mem, l.count * sizeof(*copy));

		if (copy == NULL)
			rc = policy__error_nomem();
		else
			memcpy(copy, l.edits, l.count * sizeof(*copy));
		c->edits = copy;
		c->edit_count = l.count;
	}
	free(l.edits);
	return rc;
}

typedef struct {
	policy_diff *d;
	change_work *w;
	arena mem[POLICY_PARALLEL_MAX]; /* a worker's */
} sentence_job;

static int sentence_item(void *ctx, size_t k, unsigned worker)
{
	sentence_job *job = ctx;

	return has_text_diff(&job->d->sections[k])
		       ? sentence_pass(job->d, k, &job->w[k], &job->mem[worker])
		       : 0;
}

/* The text diff of every changed section, moves found across all. The
 * sections' sentences are compared on a few threads when there are many. */
static int diff_texts(policy_diff *d)
{
	change_work *w = calloc(d->section_count ? d->section_count : 1, sizeof(*w));
	size_t *ends = NULL;
	sentence_job job;
	int rc = 0;

	if (w == NULL)
		return policy__error_nomem();
	memset(&job, 0, sizeof(job));
	job.d = d;
	job.w = w;
	rc = policy__parallel_for(d->section_count,
				  policy__parallel_workers(d->section_count, SENTENCE_GRAIN),
				  sentence_item, &job);
	policy__arena_adopt_all(&d->mem, job.mem, POLICY_PARALLEL_MAX);
	if (rc == 0)
		rc = find_moves(d, w, &ends);
	for (size_t k = 0; k < d->section_count && rc == 0; k++)
		if (has_text_diff(&d->sections[k]))
			rc = emit_edits(d, w, ends, k);
	for (size_t k = 0; k < d->section_count; k++)
		work_dispose(&w[k]);
	free(w);
	free(ends);
	return rc;
}

/* ---- sections renamed by a date or a respelling ---- */

/* A section id without what changes from version to version in a
 * title that stays the same section: digits (a date, a year, a
 * renumbering), month names, and hyphens ("E-mail" and "Email"). ""
 * when nothing is left. */
static char *loose_key(arena *mem, const char *id)
{
	static const char *const months[] = {
		"january", "february",  "march",   "april",    "may",      "june", "july",
		"august",  "september", "october", "november", "december", "jan",  "feb",
		"mar",     "apr",       "jun",     "jul",      "aug",      "sep",  "sept",
		"oct",     "nov",       "dec",     NULL};
	size_t n = strlen(id), o = 0;
	char *key = policy__arena_alloc(mem, n + 1);

	if (key == NULL)
		return NULL;
	for (size_t i = 0; i < n;) {
		size_t e = i, w = o;
		int month = 0;

		while (e < n && id[e] != '-')
			e++;
		for (size_t k = 0; months[k] != NULL && !month; k++)
			month = strlen(months[k]) == e - i && memcmp(id + i, months[k], e - i) == 0;
		for (size_t k = i; k < e && !month; k++)
			if (!(id[k] >= '0' && id[k] <= '9'))
				key[w++] = id[k];
		o = w;
		i = e + 1;
	}
	key[o] = '\0';
	return key;
}

typedef struct {
	const char *key;
	size_t index;
} keyed;

static int by_key(const void *x, const void *y)
{
	const keyed *a = x, *b = y;
	int c = strcmp(a->key, b->key);

	return c != 0 ? c : (a->index > b->index) - (a->index < b->index);
}

/* For each new section no old id matches, the old section no new id
 * matches whose loose key is the same (the first not yet taken), or -1;
 * `taken` marks those old sections. */
static int pair_loosely(policy_diff *d, long *partner, unsigned char *taken)
{
	size_t nold = policy_doc_section_count(d->old_doc),
	       nnew = policy_doc_section_count(d->new_doc);
	keyed *olds = malloc((nold ? nold : 1) * sizeof(*olds));
	size_t count = 0;

	if (olds == NULL)
		return policy__error_nomem();
	for (size_t i = 0; i < nold; i++) {
		const policy_section *o = policy_doc_section_at(d->old_doc, i);

		if (policy_doc_find_section(d->new_doc, o->id) != NULL)
			continue;
		if ((olds[count].key = loose_key(&d->mem, o->id)) == NULL) {
			free(olds);
			return policy__error_nomem();
		}
		olds[count++].index = i;
	}
	qsort(olds, count, sizeof(*olds), by_key);
	for (size_t j = 0; j < nnew; j++) {
		const policy_section *n = policy_doc_section_at(d->new_doc, j);
		keyed probe, *hit;

		partner[j] = -1;
		if (count == 0 || policy_doc_find_section(d->old_doc, n->id) != NULL)
			continue;
		if ((probe.key = loose_key(&d->mem, n->id)) == NULL) {
			free(olds);
			return policy__error_nomem();
		}
		if (probe.key[0] == '\0')
			continue;
		probe.index = 0;
		/* the first of the equal keys, then the first one free */
		hit = olds;
		for (size_t lo = 0, hi = count; lo < hi;) {
			size_t mid = (lo + hi) / 2;

			if (strcmp(olds[mid].key, probe.key) < 0)
				lo = mid + 1;
			else
				hi = mid;
			hit = olds + lo;
		}
		for (; hit < olds + count && strcmp(hit->key, probe.key) == 0; hit++)
			if (!taken[hit->index]) {
				taken[hit->index] = 1;
				partner[j] = (long)hit->index;
				break;
			}
	}
	free(olds);
	return 0;
}

/* ---- sections renamed: paired by title and content ---- */

/* Sections left unmatched by id and loose key are compared pairwise;
 * past this many on either side they are left as removed and added. */
#define MAX_SIMILAR 256
#define SKETCH 32
#define SHINGLE 8

/* A bottom-k sketch of a text's 8-byte shingles: their SKETCH smallest
 * hashes, sorted; Jaccard similarity is estimated from two of them. */
typedef struct {
	uint64_t h[SKETCH];
	size_t n;
} sketch;

static void sketch_add(sketch *k, uint64_t h)
{
	size_t at;

	if (k->n == SKETCH && h >= k->h[SKETCH - 1])
		return;
	for (at = 0; at < k->n && k->h[at] < h; at++)
		;
	if (at < k->n && k->h[at] == h)
		return;
	if (k->n < SKETCH)
		k->n++;
	memmove(k->h + at + 1, k->h + at, (k->n - at - 1) * sizeof(k->h[0]));
	k->h[at] = h;
}

static void sketch_of(sketch *k, const char *text, size_t len, size_t width)
{
	k->n = 0;
	if (len < width) {
		if (len > 0)
			sketch_add(k, hash_bytes(text, len));
		return;
	}
	for (size_t i = 0; i + width <= len; i++)
		sketch_add(k, hash_bytes(text + i, width));
}

/* Estimated Jaccard similarity of the two sets, 0 to 1. */
static double sketch_similarity(const sketch *a, const sketch *b)
{
	size_t i = 0, j = 0, seen = 0, both = 0;

	if (a->n == 0 || b->n == 0)
		return a->n == b->n;
	while (seen < SKETCH && (i < a->n || j < b->n)) {
		if (j == b->n || (i < a->n && a->h[i] < b->h[j])) {
			i++;
		} else if (i == a->n || b->h[j] < a->h[i]) {
			j++;
		} else {
			both++;
			i++;
			j++;
		}
		seen++;
	}
	return (double)both / (double)seen;
}

typedef struct {
	double score;
	size_t old_index, new_index;
} pairing;

static int by_score(const void *x, const void *y)
{
	const pairing *a = x, *b = y;

	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	if (a->new_index != b->new_index)
		return a->new_index < b->new_index ? -1 : 1;
	return (a->old_index > b->old_index) - (a->old_index < b->old_index);
}

/* Is this a pair? Content alike, or titles alike with some content in
 * common (or no content on either side). */
static double pair_score(const sketch *ot, const sketch *oc, const sketch *nt, const sketch *nc)
{
	double title = sketch_similarity(ot, nt), content = sketch_similarity(oc, nc);

	if (content >= 0.5 || (title >= 0.5 && content >= 0.2) ||
	    (title >= 0.6 && oc->n == 0 && nc->n == 0))
		return content + title / 2;
	return 0;
}

/* The sections neither id nor loose key paired, paired by similarity of
 * title (character pairs of the id) and content, best first. */
static int pair_similar(policy_diff *d, long *partner, unsigned char *taken)
{
	size_t nold = policy_doc_section_count(d->old_doc),
	       nnew = policy_doc_section_count(d->new_doc);
	size_t *olds = malloc((nold ? nold : 1) * sizeof(*olds));
	size_t *news = malloc((nnew ? nnew : 1) * sizeof(*news));
	sketch *sk = NULL;
	pairing *pairs = NULL;
	size_t no = 0, nn = 0, np = 0;
	int rc = 0;

	if (olds == NULL || news == NULL) {
		rc = policy__error_nomem();
		goto done;
	}
	for (size_t i = 0; i < nold; i++)
		if (!taken[i] &&
		    policy_doc_find_section(d->new_doc, policy_doc_section_at(d->old_doc, i)->id) ==
			    NULL)
			olds[no++] = i;
	for (size_t j = 0; j < nnew; j++)
		if (partner[j] < 0 &&
		    policy_doc_find_section(d->old_doc, policy_doc_section_at(d->new_doc, j)->id) ==
			    NULL)
			news[nn++] = j;
	if (no == 0 || nn == 0 || no > MAX_SIMILAR || nn > MAX_SIMILAR)
		goto done;
	sk = malloc((no + nn) * 2 * sizeof(*sk));
	pairs = malloc(no * nn * sizeof(*pairs));
	if (sk == NULL || pairs == NULL) {
		rc = policy__error_nomem();
		goto done;
	}
	for (size_t i = 0; i < no + nn; i++) {
		const policy_section *s = i < no ? policy_doc_section_at(d->old_doc, olds[i])
						 : policy_doc_section_at(d->new_doc, news[i - no]);

		sketch_of(&sk[2 * i], s->id, strlen(s->id), 2);
		sketch_of(&sk[2 * i + 1], s->text, s->text_len, SHINGLE);
	}
	for (size_t i = 0; i < no; i++)
		for (size_t j = 0; j < nn; j++) {
			double score = pair_score(&sk[2 * i], &sk[2 * i + 1], &sk[2 * (no + j)],
						  &sk[2 * (no + j) + 1]);

			if (score > 0)
				pairs[np++] = (pairing){score, olds[i], news[j]};
		}
	qsort(pairs, np, sizeof(*pairs), by_score);
	for (size_t p = 0; p < np; p++)
		if (!taken[pairs[p].old_index] && partner[pairs[p].new_index] < 0) {
			taken[pairs[p].old_index] = 1;
			partner[pairs[p].new_index] = (long)pairs[p].old_index;
		}
done:
	free(olds);
	free(news);
	free(sk);
	free(pairs);
	return rc;
}

int policy_diff_new(policy_diff **out, const policy_doc *old_doc, const policy_doc *new_doc)
{
	size_t nold = policy_doc_section_count(old_doc), nnew = policy_doc_section_count(new_doc);
	size_t total = nold + nnew, k = 0, next_old = 0, max_old = 0;
	unsigned char *emitted = NULL, *taken = NULL;
	long *partner = NULL;
	policy_diff *d;
	int rc = 0;

	*out = NULL;
	if (policy_doc_usable(old_doc) < 0 || policy_doc_usable(new_doc) < 0)
		return policy__error_set(POLICY_EINVALID, "%s", policy_error_last()->message);
	d = calloc(1, sizeof(*d));
	if (d == NULL)
		return policy__error_nomem();
	d->old_doc = old_doc;
	d->new_doc = new_doc;
	total++; /* the preamble */
	d->sections = policy__arena_alloc(&d->mem, total * sizeof(*d->sections));
	d->old_plain = policy__arena_alloc(&d->mem, total * sizeof(char *));
	d->new_plain = policy__arena_alloc(&d->mem, total * sizeof(char *));
	emitted = calloc(nold ? nold : 1, 1);
	taken = calloc(nold ? nold : 1, 1);
	partner = malloc((nnew ? nnew : 1) * sizeof(*partner));
	if (d->sections == NULL || d->old_plain == NULL || d->new_plain == NULL ||
	    emitted == NULL || taken == NULL || partner == NULL) {
		rc = policy__error_nomem();
		goto done;
	}
	if ((rc = pair_loosely(d, partner, taken)) < 0 ||
	    (rc = pair_similar(d, partner, taken)) < 0)
		goto done;
	memset(d->sections, 0, total * sizeof(*d->sections));
	{
		const policy_section *po = preamble_section(d, old_doc),
				     *pn = preamble_section(d, new_doc);

		if ((po != NULL || pn != NULL) &&
		    (po == NULL || pn == NULL || po->text_len != pn->text_len ||
		     memcmp(po->text, pn->text, po->text_len) != 0))
			rc = fill_change(d, k++, po, pn, 0);
	}
	for (size_t j = 0; j < nnew && rc == 0; j++) {
		const policy_section *n = policy_doc_section_at(new_doc, j);
		const policy_section *o = policy_doc_find_section(old_doc, n->id);
		int out_of_order = 0;

		if (o == NULL && partner[j] >= 0)
			o = policy_doc_section_at(old_doc, (size_t)partner[j]);
		if (o != NULL) {
			size_t oi = policy__doc_section_index(old_doc, o);

			/* Old sections gone from the new version, up to this one. */
			for (; next_old < oi && rc == 0; next_old++) {
				const policy_section *r = policy_doc_section_at(old_doc, next_old);

				if (!emitted[next_old] && !taken[next_old] &&
				    policy_doc_find_section(new_doc, r->id) == NULL) {
					emitted[next_old] = 1;
					rc = fill_change(d, k++, r, NULL, 0);
				}
			}
			out_of_order = oi < max_old;
			if (oi > max_old)
				max_old = oi;
			emitted[oi] = 1;
		}
		if (rc == 0)
			rc = fill_change(d, k++, o, n, out_of_order);
	}
	for (; next_old < nold && rc == 0; next_old++)
		if (!emitted[next_old] && !taken[next_old] &&
		    policy_doc_find_section(new_doc,
					    policy_doc_section_at(old_doc, next_old)->id) == NULL)
			rc = fill_change(d, k++, policy_doc_section_at(old_doc, next_old), NULL, 0);
	d->section_count = k;
	if (rc == 0)
		rc = diff_texts(d);
	if (rc == 0)
		rc = policy__classify_diff(d);
done:
	free(emitted);
	free(taken);
	free(partner);
	if (rc < 0) {
		policy_diff_free(d);
		return rc;
	}
	*out = d;
	return 0;
}

void policy_diff_free(policy_diff *diff)
{
	if (diff == NULL)
		return;
	free(diff->findings);
	policy__arena_free(&diff->mem);
	free(diff);
}

policy_level policy_diff_level(const policy_diff *diff)
{
	return diff->level;
}

const policy_doc *policy_diff_from(const policy_diff *diff)
{
	return diff->old_doc;
}

const policy_doc *policy_diff_to(const policy_diff *diff)
{
	return diff->new_doc;
}

size_t policy_diff_section_count(const policy_diff *diff)
{
	return diff->section_count;
}

const policy_section_change *policy_diff_section_at(const policy_diff *diff, size_t i)
{
	return i < diff->section_count ? &diff->sections[i] : NULL;
}

size_t policy_diff_finding_count(const policy_diff *diff)
{
	return diff->finding_count;
}

const policy_finding *policy_diff_finding_at(const policy_diff *diff, size_t i)
{
	return i < diff->finding_count ? &diff->findings[i] : NULL;
}

size_t policy_diff_inserted(const policy_diff *diff)
{
	return diff->inserted;
}

size_t policy_diff_deleted(const policy_diff *diff)
{
	return diff->deleted;
}

unsigned policy_diff_moves(const policy_diff *diff)
{
	return diff->moves;
}

size_t policy_diff_coarse(const policy_diff *diff)
{
	return diff->coarse;
}
