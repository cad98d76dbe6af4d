/*
 * Aligning two versions. Sections are matched by id, so renumbering, new
 * titles and moves are never rewrites; the plain text of each matched pair
 * that differs is diffed token by token (diff.c). Removed sections are
 * listed where they stood in the old version, so a redline reads in order.
 */
#include <stdlib.h>
#include <string.h>

#include "diff_internal.h"
#include "internal.h"
#include "util/buf.h"
#include "util/array.h"
#include "util/error.h"
#include "util/utf8.h"

typedef struct {
	policy_diff *diff;
	policy_edit *edits;
	size_t count;
	size_t cap;
} edit_list;

static int on_edit(policy_edit_kind kind, const char *text, size_t len, void *payload)
{
	edit_list *l = payload;
	size_t chars = 0, pos = 0;

	if (ARRAY_RESERVE(l->edits, l->cap, l->count) < 0)
		return POLICY_ENOMEM;
	l->edits[l->count].kind = kind;
	l->edits[l->count].text = text;
	l->edits[l->count].len = len;
	l->count++;
	while (pos < len) {
		utf8_next(text, len, &pos);
		chars++;
	}
	if (kind == POLICY_EDIT_INSERT)
		l->diff->inserted += chars;
	else if (kind == POLICY_EDIT_DELETE)
		l->diff->deleted += chars;
	return 0;
}

static const char *plain_copy(policy_diff *d, const policy_doc *doc, const policy_section *s)
{
	policy_buf b = POLICY_BUF_INIT;
	const char *copy = NULL;

	if (s == NULL)
		return "";
	if (doc_section_plain(doc, doc_section_index(doc, s), &b) == 0)
		copy = arena_strndup(&d->mem, b.ptr ? b.ptr : "", b.size);
	policy_buf_dispose(&b);
	return copy;
}

static int parent_id_differs(const policy_doc *a, const policy_section *x, const policy_doc *b,
			     const policy_section *y)
{
	const char *px = x->parent >= 0 ? policy_doc_section(a, (size_t)x->parent)->id : "";
	const char *py = y->parent >= 0 ? policy_doc_section(b, (size_t)y->parent)->id : "";

	return strcmp(px, py) != 0;
}

static int fill_change(policy_diff *d, size_t k, const policy_section *o, const policy_section *n,
		       int out_of_order)
{
	policy_section_change *c = &d->sections[k];
	edit_list l = {d, NULL, 0, 0};
	int rc;

	c->old_section = o;
	c->new_section = n;
	c->id = n ? n->id : o->id;
	c->title = n ? n->title : o->title;
	d->old_plain[k] = plain_copy(d, d->old_doc, o);
	d->new_plain[k] = plain_copy(d, d->new_doc, n);
	if (d->old_plain[k] == NULL || d->new_plain[k] == NULL)
		return error_nomem();
	if (o == NULL)
		c->status = POLICY_STATUS_ADDED;
	else if (n == NULL)
		c->status = POLICY_STATUS_REMOVED;
	else if (strcmp(d->old_plain[k], d->new_plain[k]) != 0 || strcmp(o->title, n->title) != 0)
		c->status = POLICY_STATUS_CHANGED;
	else if (out_of_order || parent_id_differs(d->old_doc, o, d->new_doc, n))
		c->status = POLICY_STATUS_MOVED;
	else
		c->status = POLICY_STATUS_UNCHANGED;
	if (c->status == POLICY_STATUS_UNCHANGED || c->status == POLICY_STATUS_MOVED)
		return 0;
	rc = policy_text_diff(d->old_plain[k], strlen(d->old_plain[k]), d->new_plain[k],
			      strlen(d->new_plain[k]), on_edit, &l);
	if (rc == 0 && l.count > 0) {
		policy_edit *copy = arena_alloc(&d->mem, l.count * sizeof(*copy));

		if (copy == NULL)
			rc = error_nomem();
		else
			memcpy(copy, l.edits, l.count * sizeof(*copy));
		c->edits = copy;
		c->edit_count = l.count;
	}
	free(l.edits);
	return rc;
}

int policy_diff_new(policy_diff **out, const policy_doc *old_doc, const policy_doc *new_doc)
{
	size_t nold = policy_doc_section_count(old_doc), nnew = policy_doc_section_count(new_doc);
	size_t total = nold + nnew, k = 0, next_old = 0, max_old = 0;
	unsigned char *emitted = NULL;
	policy_diff *d;
	int rc = 0;

	*out = NULL;
	if (policy_doc_usable(old_doc) < 0 || policy_doc_usable(new_doc) < 0)
		return error_set(POLICY_EINVALID, "%s", policy_error_last()->message);
	d = calloc(1, sizeof(*d));
	if (d == NULL)
		return error_nomem();
	d->old_doc = old_doc;
	d->new_doc = new_doc;
	d->sections = arena_alloc(&d->mem, (total ? total : 1) * sizeof(*d->sections));
	d->old_plain = arena_alloc(&d->mem, (total ? total : 1) * sizeof(char *));
	d->new_plain = arena_alloc(&d->mem, (total ? total : 1) * sizeof(char *));
	emitted = calloc(nold ? nold : 1, 1);
	if (d->sections == NULL || d->old_plain == NULL || d->new_plain == NULL || emitted == NULL) {
		rc = error_nomem();
		goto done;
	}
	memset(d->sections, 0, (total ? total : 1) * sizeof(*d->sections));
	for (size_t j = 0; j < nnew && rc == 0; j++) {
		const policy_section *n = policy_doc_section(new_doc, j);
		const policy_section *o = policy_doc_find_section(old_doc, n->id);
		int out_of_order = 0;

		if (o != NULL) {
			size_t oi = doc_section_index(old_doc, o);

			/* Old sections gone from the new version, up to this one. */
			for (; next_old < oi && rc == 0; next_old++) {
				const policy_section *r = policy_doc_section(old_doc, next_old);

				if (!emitted[next_old] && policy_doc_find_section(new_doc, r->id) == NULL) {
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
		if (!emitted[next_old] &&
		    policy_doc_find_section(new_doc, policy_doc_section(old_doc, next_old)->id) == NULL)
			rc = fill_change(d, k++, policy_doc_section(old_doc, next_old), NULL, 0);
	d->section_count = k;
	if (rc == 0)
		rc = classify_diff(d);
done:
	free(emitted);
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
	arena_free(&diff->mem);
	free(diff);
}

policy_level policy_diff_level(const policy_diff *diff)
{
	return diff->level;
}

const policy_doc *policy_diff_old(const policy_diff *diff)
{
	return diff->old_doc;
}

const policy_doc *policy_diff_new_doc(const policy_diff *diff)
{
	return diff->new_doc;
}

size_t policy_diff_section_count(const policy_diff *diff)
{
	return diff->section_count;
}

const policy_section_change *policy_diff_section(const policy_diff *diff, size_t i)
{
	return i < diff->section_count ? &diff->sections[i] : NULL;
}

size_t policy_diff_finding_count(const policy_diff *diff)
{
	return diff->finding_count;
}

const policy_finding *policy_diff_finding(const policy_diff *diff, size_t i)
{
	return i < diff->finding_count ? &diff->findings[i] : NULL;
}

void policy_diff_stats(const policy_diff *diff, size_t *inserted, size_t *deleted)
{
	*inserted = diff->inserted;
	*deleted = diff->deleted;
}
