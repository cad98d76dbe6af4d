/*
 * What every JSON writer of the library does: print an object
 * the same way (indented, keys in the order written, a final newline, so
 * files are stable byte for byte).
 */
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "parallel.h"

static int put_chunk(const char *text, size_t len, void *payload)
{
	return policy__buf_put(payload, text, len) < 0 ? -1 : 0;
}

static const size_t JSON_FLAGS = JSON_INDENT(2) | JSON_PRESERVE_ORDER;

int policy__json_write(policy_buf *out, json_t *o)
{
	int rc;

	if (o == NULL)
		return policy__error_nomem();
	/* straight into `out`: a large diff's object is most of a megabyte */
	policy__buf_clear(out);
	rc = json_dump_callback(o, put_chunk, out, JSON_FLAGS);
	json_decref(o);
	if (rc < 0)
		return policy__error_nomem();
	return policy__buf_putc(out, '\n');
}

/* Items per run of an array written on its own (policy__json_write_arrays). */
#define JSON_RUN 64

typedef struct {
	size_t array, from, to; /* items [from, to) of `array` */
	policy_buf text;
} json_run;

typedef struct {
	json_run *runs;
	policy_json_item_fn make;
	void *ctx;
} json_runs;

/* Run k made into an array, written top-level ("[\n  ...\n]") and freed. */
static int write_run(void *ctx, size_t k, unsigned worker)
{
	json_runs *j = ctx;
	json_run *r = &j->runs[k];
	json_t *a = json_array();
	int rc = a == NULL ? -1 : 0;

	(void)worker;
	for (size_t i = r->from; i < r->to && rc == 0; i++)
		rc = json_array_append_new(a, j->make(j->ctx, r->array, i));
	if (rc == 0)
		rc = json_dump_callback(a, put_chunk, &r->text, JSON_FLAGS);
	json_decref(a);
	return rc < 0 ? policy__error_nomem() : 0;
}

/* Append `text` with each newline followed by two more spaces: one level
 * deeper, as jansson indents a member of the top-level object. */
static int put_deeper(policy_buf *out, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *nl;
	int rc = 0;

	while (rc == 0 && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		if ((rc = policy__buf_put(out, p, (size_t)(nl - p) + 1)) == 0)
			rc = policy__buf_put(out, "  ", 2);
		p = nl + 1;
	}
	return rc == 0 ? policy__buf_put(out, p, (size_t)(end - p)) : rc;
}

/* The runs of one array as one: "[" and each run's items, a comma
 * between runs (a run's text is "[" items "\n]"), then "\n]"; "[]" for
 * none. */
static int put_array(policy_buf *out, const json_run *runs, size_t count)
{
	int rc = policy__buf_putc(out, '[');

	if (count == 0)
		return rc == 0 ? policy__buf_putc(out, ']') : rc;
	for (size_t k = 0; k < count && rc == 0; k++) {
		const policy_buf *t = &runs[k].text;

		if (k > 0)
			rc = policy__buf_putc(out, ',');
		if (rc == 0)
			rc = put_deeper(out, t->ptr + 1, t->size - 3);
	}
	return rc == 0 ? put_deeper(out, "\n]", 2) : rc;
}

static size_t runs_of(size_t count)
{
	return (count + JSON_RUN - 1) / JSON_RUN;
}

/* The text of `top`, its empty arrays `names` replaced by the runs, into
 * `out`. */
static int splice(policy_buf *out, const policy_buf *top, const json_run *runs, size_t narrays,
		  const char *const *names, const size_t *counts)
{
	size_t k = 0, at = 0;
	int rc = 0;

	policy__buf_clear(out);
	/* each placeholder, "\n  \"name\": []", in turn: a newline in the
	 * text is only ever jansson's, so this is the member itself */
	for (size_t a = 0; a < narrays && rc == 0; a++) {
		char key[80];
		int n = snprintf(key, sizeof(key), "\n  \"%s\": []", names[a]);
		const char *hit =
			n > 0 && (size_t)n < sizeof(key) ? strstr(top->ptr + at, key) : NULL;

		if (hit == NULL) {
			rc = policy__error_set(POLICY_EINVALID, "no empty array \"%s\" to fill",
					       names[a]);
			break;
		}
		/* up to the member's value, then the runs in its place */
		if ((rc = policy__buf_put(out, top->ptr + at,
					  (size_t)(hit - top->ptr) + (size_t)n - 2 - at)) == 0)
			rc = put_array(out, runs + k, runs_of(counts[a]));
		at = (size_t)(hit - top->ptr) + (size_t)n;
		k += runs_of(counts[a]);
	}
	if (rc == 0)
		rc = policy__buf_put(out, top->ptr + at, top->size - at);
	return rc;
}

int policy__json_write_shared(policy_buf *const *outs, json_t *const *roots, size_t nroots,
			      size_t narrays, const char *const *names, const size_t *counts,
			      policy_json_item_fn make, void *ctx)
{
	policy_buf top = POLICY_BUF_INIT;
	json_runs j = {NULL, make, ctx};
	size_t nruns = 0, k = 0;
	int rc = 0;

	for (size_t a = 0; a < narrays; a++)
		nruns += runs_of(counts[a]);
	if ((j.runs = calloc(nruns ? nruns : 1, sizeof(*j.runs))) == NULL)
		rc = policy__error_nomem();
	for (size_t a = 0; a < narrays && rc == 0; a++)
		for (size_t from = 0; from < counts[a]; from += JSON_RUN, k++) {
			j.runs[k].array = a;
			j.runs[k].from = from;
			j.runs[k].to = from + JSON_RUN < counts[a] ? from + JSON_RUN : counts[a];
		}
	if (rc == 0)
		rc = policy__parallel_for(nruns, policy__parallel_workers(nruns, 2), write_run, &j);
	/* every root is taken: written (policy__json_write() frees it) or let go */
	for (size_t r = 0; r < nroots; r++) {
		if (rc < 0 || outs[r] == NULL)
			json_decref(roots[r]);
		else if ((rc = policy__json_write(&top, roots[r])) == 0)
			rc = splice(outs[r], &top, j.runs, narrays, names, counts);
	}
	for (size_t r = 0; rc < 0 && r < nroots; r++)
		if (outs[r] != NULL)
			policy__buf_clear(outs[r]); /* nothing half-written */
	for (size_t r = 0; j.runs != NULL && r < nruns; r++)
		policy_buf_dispose(&j.runs[r].text);
	free(j.runs);
	policy_buf_dispose(&top);
	return rc;
}

int policy__json_write_arrays(policy_buf *out, json_t *root, size_t narrays,
			      const char *const *names, const size_t *counts,
			      policy_json_item_fn make, void *ctx)
{
	return policy__json_write_shared(&out, &root, 1, narrays, names, counts, make, ctx);
}
