/*
 * The text diff, in two passes as a reviewer reads: sentences first, so an
 * edited sentence is a region of its own and unchanged ones are skipped
 * whole; then tokens inside each changed region. Both passes write their
 * units one a line (newlines escaped) and hand the two streams to
 * libgit2's git_diff_buffers, as git's word diff does: a proven Myers
 * diff, near linear when the texts are close. A region too large to diff
 * token by token is reported whole, and counted so the output can say so.
 */
#include "policy/diff.h"

#include <git2.h>
#include <stdlib.h>
#include <string.h>

#include "textdiff.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/utf8.h"

void units_dispose(text_units *u)
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
	if (l->u->count + 1 >= l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 64;
		size_t *n = realloc(l->u->start, ncap * sizeof(size_t));

		if (n == NULL)
			return error_nomem();
		l->u->start = n;
		l->cap = ncap;
	}
	l->u->start[l->u->count++] = at;
	return 0;
}

static int unit_list_init(unit_list *l, text_units *u, const char *s)
{
	u->text = s;
	u->count = 0;
	u->start = NULL;
	l->u = u;
	l->cap = 0;
	return 0;
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
	if (utf8_is_space(c))
		return 1;
	if (utf8_is_cjk(c) && utf8_is_alnum(c))
		return 2; /* a token of its own */
	if (utf8_is_alnum(c))
		return 3;
	return 4; /* punctuation and symbols: one each */
}

int units_tokens(text_units *u, const char *s, size_t len)
{
	unit_list l;
	size_t pos = 0;
	int prev = 0;

	unit_list_init(&l, u, s);
	while (pos < len) {
		size_t at = pos;
		int32_t c = utf8_next(s, len, &pos);
		int cls;

		if (c < 0)
			return error_set(POLICY_EINVALID, "text is not valid UTF-8");
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

int units_sentences(text_units *u, const char *s, size_t len)
{
	unit_list l;
	size_t pos = 0;
	int cut = 0; /* 1: a sentence ended; 2: it may end if white space follows */

	unit_list_init(&l, u, s);
	if (len > 0 && unit_add(&l, 0) < 0)
		return POLICY_ENOMEM;
	while (pos < len) {
		size_t at = pos;
		int32_t c = utf8_next(s, len, &pos);

		if (c < 0)
			return error_set(POLICY_EINVALID, "text is not valid UTF-8");
		if (utf8_is_space(c) || c == '\n') {
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

/* One unit a line; "\n" and "\\" escaped so no unit spans lines. */
static int unit_lines(policy_buf *out, const text_units *u)
{
	const char *s = u->text;
	size_t end = u->count ? u->start[u->count] : 0;

	if (buf_grow(out, end + u->count + 16) < 0)
		return POLICY_ENOMEM;
	for (size_t i = 0; i < u->count; i++) {
		size_t from = u->start[i], k = from;

		for (; k < u->start[i + 1]; k++) {
			if (s[k] != '\n' && s[k] != '\\')
				continue;
			if (buf_put(out, s + from, k - from) < 0 ||
			    buf_put(out, s[k] == '\n' ? "\\n" : "\\\\", 2) < 0)
				return POLICY_ENOMEM;
			from = k + 1;
		}
		if (buf_put(out, s + from, k - from) < 0 || buf_putc(out, '\n') < 0)
			return POLICY_ENOMEM;
	}
	return 0;
}

typedef struct {
	unsigned char *changed[2];
} marks;

static int on_line(const git_diff_delta *delta, const git_diff_hunk *hunk,
		   const git_diff_line *line, void *payload)
{
	marks *m = payload;

	(void)delta;
	(void)hunk;
	if (line->origin == GIT_DIFF_LINE_DELETION)
		m->changed[0][line->old_lineno - 1] = 1;
	else if (line->origin == GIT_DIFF_LINE_ADDITION)
		m->changed[1][line->new_lineno - 1] = 1;
	return 0;
}

static int lib_init(void)
{
	static int done;

	/* git_libgit2_init counts; the library stays initialised for the process. */
	if (!done && git_libgit2_init() < 0)
		return error_set(POLICY_ERROR, "cannot initialise libgit2");
	done = 1;
	return 0;
}

/* The changed units of each side, paired into regions: unchanged units
 * correspond one to one, in order, so what lies between two unchanged
 * pairs is a region. */
static int regions_from_marks(const marks *m, size_t na, size_t nb, unit_region **out,
			      size_t *count)
{
	size_t i = 0, j = 0, cap = 0;

	while (i < na || j < nb) {
		unit_region r;

		if (i < na && j < nb && !m->changed[0][i] && !m->changed[1][j]) {
			i++;
			j++;
			continue;
		}
		r.a_from = i;
		r.b_from = j;
		while (i < na && m->changed[0][i])
			i++;
		while (j < nb && m->changed[1][j])
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

int units_diff(const text_units *a, const text_units *b, unit_region **regions, size_t *count)
{
	policy_buf la = POLICY_BUF_INIT, lb = POLICY_BUF_INIT;
	git_diff_options opts;
	marks m = {{NULL, NULL}};
	int rc;

	*regions = NULL;
	*count = 0;
	if ((rc = lib_init()) < 0 || (rc = unit_lines(&la, a)) < 0 || (rc = unit_lines(&lb, b)) < 0)
		goto done;
	m.changed[0] = calloc(a->count + 1, 1);
	m.changed[1] = calloc(b->count + 1, 1);
	if (m.changed[0] == NULL || m.changed[1] == NULL) {
		rc = error_nomem();
		goto done;
	}
	if (git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION) < 0) {
		rc = error_set(POLICY_ERROR, "cannot set up libgit2's diff");
		goto done;
	}
	opts.context_lines = 0;
	opts.interhunk_lines = 0;
	opts.flags = GIT_DIFF_FORCE_TEXT;
	if (git_diff_buffers(la.ptr ? la.ptr : "", la.size, NULL, lb.ptr ? lb.ptr : "", lb.size, NULL,
			     &opts, NULL, NULL, NULL, on_line, &m) < 0) {
		rc = error_set(POLICY_ERROR, "diff failed: %s",
			       git_error_last() ? git_error_last()->message : "unknown");
		goto done;
	}
	rc = regions_from_marks(&m, a->count, b->count, regions, count);
done:
	if (rc < 0) {
		free(*regions);
		*regions = NULL;
		*count = 0;
	}
	free(m.changed[0]);
	free(m.changed[1]);
	policy_buf_dispose(&la);
	policy_buf_dispose(&lb);
	return rc;
}

void sink_init(edit_sink *s, policy_edit_cb cb, void *payload)
{
	memset(s, 0, sizeof(*s));
	s->cb = cb;
	s->payload = payload;
}

int sink_flush(edit_sink *s)
{
	int rc = 0;

	if (s->run_len > 0 && s->stopped == 0)
		rc = s->cb(s->kind, s->run, s->run_len, s->payload);
	s->run_len = 0;
	if (rc != 0)
		s->stopped = rc;
	return s->stopped;
}

int sink_emit(edit_sink *s, policy_edit_kind kind, const char *text, size_t len)
{
	if (len == 0 || s->stopped != 0)
		return s->stopped;
	if (s->run_len > 0 && (s->kind != kind || s->run + s->run_len != text) && sink_flush(s) != 0)
		return s->stopped;
	if (s->run_len == 0) {
		s->kind = kind;
		s->run = text;
	}
	s->run_len += len;
	return 0;
}

int walk_regions(edit_sink *s, const text_units *a, const text_units *b,
			const unit_region *regions, size_t count, region_fn fn, void *arg)
{
	size_t i = 0;
	int rc = 0;

	for (size_t k = 0; k <= count && rc == 0; k++) {
		size_t to = k < count ? regions[k].a_from : a->count;

		rc = sink_emit(s, POLICY_EDIT_EQUAL, a->text + a->start[i],
			       a->start[to] - a->start[i]);
		if (rc == 0 && k < count) {
			rc = fn(s, a, b, &regions[k], arg);
			i = regions[k].a_to;
		}
	}
	return rc;
}

static int whole_region(edit_sink *s, const text_units *a, const text_units *b,
			const unit_region *r, void *arg)
{
	int rc = sink_emit(s, POLICY_EDIT_DELETE, a->text + a->start[r->a_from],
			   a->start[r->a_to] - a->start[r->a_from]);

	(void)arg;
	return rc ? rc
		  : sink_emit(s, POLICY_EDIT_INSERT, b->text + b->start[r->b_from],
			      b->start[r->b_to] - b->start[r->b_from]);
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

	if ((rc = units_sentences(&sa, a, alen)) < 0 || (rc = units_sentences(&sb, b, blen)) < 0)
		goto done;
	if (sa.count < 2 || sb.count < 2) {
		rc = sink_emit(s, POLICY_EDIT_DELETE, a, alen);
		if (rc == 0)
			rc = sink_emit(s, POLICY_EDIT_INSERT, b, blen);
		goto done;
	}
	for (; rc == 0 && (k < sa.count || k < sb.count); k++) {
		size_t af = k < sa.count ? sa.start[k] : alen, at = k < sa.count ? sa.start[k + 1] : alen;
		size_t bf = k < sb.count ? sb.start[k] : blen, bt = k < sb.count ? sb.start[k + 1] : blen;

		rc = token_pass_at(s, a + af, at - af, b + bf, bt - bf, NULL, 1);
	}
done:
	units_dispose(&sa);
	units_dispose(&sb);
	return rc;
}

int token_pass(edit_sink *s, const char *a, size_t alen, const char *b, size_t blen,
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
		if (utf8_invalid_offset(a, alen) != alen || utf8_invalid_offset(b, blen) != blen)
			return error_set(POLICY_EINVALID, "text is not valid UTF-8");
		rc = sink_emit(s, POLICY_EDIT_DELETE, a, alen);
		return rc ? rc : sink_emit(s, POLICY_EDIT_INSERT, b, blen);
	}
	if ((rc = units_tokens(&ta, a, alen)) < 0 || (rc = units_tokens(&tb, b, blen)) < 0)
		goto done;
	if (ta.count + tb.count > TOKEN_REGION_MAX) {
		if (coarse != NULL)
			(*coarse)++;
		if (whole) {
			rc = sink_emit(s, POLICY_EDIT_DELETE, a, alen);
			if (rc == 0)
				rc = sink_emit(s, POLICY_EDIT_INSERT, b, blen);
		} else {
			units_dispose(&ta);
			units_dispose(&tb);
			rc = sentence_pairs(s, a, alen, b, blen);
		}
		goto done;
	}
	if ((rc = units_diff(&ta, &tb, &regions, &count)) == 0)
		rc = walk_regions(s, &ta, &tb, regions, count, whole_region, NULL);
done:
	free(regions);
	units_dispose(&ta);
	units_dispose(&tb);
	return rc;
}

static int token_region(edit_sink *s, const text_units *a, const text_units *b,
			const unit_region *r, void *arg)
{
	return token_pass(s, a->text + a->start[r->a_from], a->start[r->a_to] - a->start[r->a_from],
			  b->text + b->start[r->b_from], b->start[r->b_to] - b->start[r->b_from],
			  arg);
}

int policy_text_diff(const char *old, size_t old_len, const char *new_text, size_t new_len,
		     policy_edit_cb cb, void *payload, size_t *coarse)
{
	text_units sa = {NULL, NULL, 0}, sb = {NULL, NULL, 0};
	unit_region *regions = NULL;
	size_t count = 0;
	edit_sink s;
	int rc;

	sink_init(&s, cb, payload);
	if (old_len == new_len && memcmp(old, new_text, old_len) == 0) {
		if (utf8_invalid_offset(old, old_len) != old_len)
			return error_set(POLICY_EINVALID, "text is not valid UTF-8");
		rc = sink_emit(&s, POLICY_EDIT_EQUAL, old, old_len);
	} else if ((rc = units_sentences(&sa, old, old_len)) == 0 &&
		   (rc = units_sentences(&sb, new_text, new_len)) == 0 &&
		   (rc = units_diff(&sa, &sb, &regions, &count)) == 0) {
		rc = walk_regions(&s, &sa, &sb, regions, count, token_region, coarse);
	}
	if (rc == 0)
		rc = sink_flush(&s);
	free(regions);
	units_dispose(&sa);
	units_dispose(&sb);
	return rc;
}
