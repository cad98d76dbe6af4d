/*
 * Token diff. The texts are cut into tokens, each token written as one
 * line (newlines in white-space tokens escaped), and the two streams given
 * to libgit2's git_diff_buffers: git's own word diff works the same way,
 * and it gives a proven Myers diff, near linear when the texts are close.
 * The line callback reports changed token indices; the runs of equal tokens
 * between them are reconstructed from the indices.
 */
#include "policy/diff.h"

#include <git2.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/utf8.h"

typedef struct {
	const char *text;
	size_t *start; /* token i is text[start[i] .. start[i + 1]) */
	size_t count;
} tokens;

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

static int tokenize(tokens *t, const char *s, size_t len)
{
	size_t cap = 64, pos = 0;
	int prev = 0;

	t->text = s;
	t->count = 0;
	t->start = malloc((cap + 1) * sizeof(size_t));
	if (t->start == NULL)
		return error_nomem();
	while (pos < len) {
		size_t at = pos;
		int32_t c = utf8_next(s, len, &pos);
		int cls;

		if (c < 0)
			return error_set(POLICY_EINVALID, "text is not valid UTF-8");
		cls = token_class(c);
		if (cls == prev && (cls == 1 || cls == 3))
			continue;
		if (t->count == cap) {
			size_t *n = realloc(t->start, (cap * 2 + 1) * sizeof(size_t));

			if (n == NULL)
				return error_nomem();
			t->start = n;
			cap *= 2;
		}
		t->start[t->count++] = at;
		prev = cls;
	}
	t->start[t->count] = len;
	return 0;
}

/* One token a line; "\n" and "\\" escaped so no token spans lines. */
static int token_lines(policy_buf *out, const tokens *t)
{
	for (size_t i = 0; i < t->count; i++) {
		for (size_t k = t->start[i]; k < t->start[i + 1]; k++) {
			char c = t->text[k];
			int rc = c == '\n' ? buf_put(out, "\\n", 2)
					   : c == '\\' ? buf_put(out, "\\\\", 2) : buf_putc(out, c);

			if (rc < 0)
				return rc;
		}
		if (buf_putc(out, '\n') < 0)
			return POLICY_ENOMEM;
	}
	return 0;
}

typedef struct {
	const tokens *a, *b;
	size_t ia, ib; /* next unreported token of each side */
	policy_edit_cb cb;
	void *payload;
	int stopped;
	/* the pending run, merged until its kind changes */
	policy_edit_kind kind;
	const char *run;
	size_t run_len;
} walk;

static int flush(walk *w)
{
	int rc = 0;

	if (w->run_len > 0)
		rc = w->cb(w->kind, w->run, w->run_len, w->payload);
	w->run_len = 0;
	if (rc != 0)
		w->stopped = rc;
	return rc;
}

static int emit(walk *w, policy_edit_kind kind, const tokens *t, size_t from, size_t to)
{
	const char *p = t->text + t->start[from];
	size_t len = t->start[to] - t->start[from];

	if (len == 0)
		return 0;
	if (w->run_len > 0 && (w->kind != kind || w->run + w->run_len != p) && flush(w) != 0)
		return w->stopped;
	if (w->run_len == 0) {
		w->kind = kind;
		w->run = p;
	}
	w->run_len += len;
	return 0;
}

static int equal_until_old(walk *w, size_t ia)
{
	size_t n = ia - w->ia;
	int rc = emit(w, POLICY_EDIT_EQUAL, w->a, w->ia, ia);

	w->ia = ia;
	w->ib += n;
	return rc;
}

static int on_line(const git_diff_delta *delta, const git_diff_hunk *hunk,
		   const git_diff_line *line, void *payload)
{
	walk *w = payload;
	int rc = 0;

	(void)delta;
	(void)hunk;
	if (line->origin == GIT_DIFF_LINE_DELETION) {
		rc = equal_until_old(w, (size_t)line->old_lineno - 1);
		if (rc == 0)
			rc = emit(w, POLICY_EDIT_DELETE, w->a, w->ia, w->ia + 1);
		w->ia++;
	} else if (line->origin == GIT_DIFF_LINE_ADDITION) {
		size_t ib = (size_t)line->new_lineno - 1;

		rc = equal_until_old(w, w->ia + (ib - w->ib));
		if (rc == 0)
			rc = emit(w, POLICY_EDIT_INSERT, w->b, w->ib, w->ib + 1);
		w->ib++;
	}
	return rc;
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

int policy_text_diff(const char *old, size_t old_len, const char *new_text, size_t new_len,
		     policy_edit_cb cb, void *payload)
{
	tokens a = {NULL, NULL, 0}, b = {NULL, NULL, 0};
	policy_buf la = POLICY_BUF_INIT, lb = POLICY_BUF_INIT;
	git_diff_options opts;
	walk w;
	int rc;

	if ((rc = lib_init()) < 0 || (rc = tokenize(&a, old, old_len)) < 0 ||
	    (rc = tokenize(&b, new_text, new_len)) < 0 || (rc = token_lines(&la, &a)) < 0 ||
	    (rc = token_lines(&lb, &b)) < 0)
		goto done;
	if (git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION) < 0) {
		rc = error_set(POLICY_ERROR, "cannot set up libgit2's diff");
		goto done;
	}
	memset(&w, 0, sizeof(w));
	w.a = &a;
	w.b = &b;
	w.cb = cb;
	w.payload = payload;
	opts.context_lines = 0;
	opts.interhunk_lines = 0;
	opts.flags = GIT_DIFF_FORCE_TEXT;
	rc = git_diff_buffers(la.ptr ? la.ptr : "", la.size, NULL, lb.ptr ? lb.ptr : "", lb.size, NULL,
			      &opts, NULL, NULL, NULL, on_line, &w);
	if (w.stopped != 0) {
		rc = w.stopped;
		goto done;
	}
	if (rc < 0) {
		rc = error_set(POLICY_ERROR, "diff failed: %s",
			       git_error_last() ? git_error_last()->message : "unknown");
		goto done;
	}
	if ((rc = equal_until_old(&w, a.count)) == 0)
		rc = flush(&w);
done:
	free(a.start);
	free(b.start);
	policy_buf_dispose(&la);
	policy_buf_dispose(&lb);
	return rc;
}
