/*
 * Reading two versions to compare, the text they share parsed once at
 * most. Parsing both versions whole was most of a large diff's time,
 * though a diff needs a section's tree only for the plain text of a
 * section that changed.
 *
 * Each body is cut where its top-level headings begin (chunks.c). A chunk
 * whose text under its heading is in both versions, byte for byte, once
 * in each, and which is simple in both (one section, nothing in it
 * reaching past it), is fed to cmark as its heading's line and blank
 * lines: its section keeps its id, title, categories and source, so it
 * pairs, compares and states facts as it would parsed, but it has no
 * blocks. Whether anything in such a chunk is fatal (the one kind of
 * problem a diff stops at) needs no tree: its nesting is bounded by what
 * makes it simple. When a change needs its plain text after all (its
 * title changed, or the redline shows it), that is read from its source
 * (document.c).
 *
 * Once both are parsed, every elided section must have its twin by id in
 * the other version, elided from the same text, so that the two pair as
 * they would parsed whole. When one has not (an id that a repeated title
 * numbered differently), both are read again whole.
 */
#include <stdlib.h>
#include <string.h>

#include "chunks.h"
#include "diff_internal.h"
#include "error.h"
#include "internal.h"
#include "parallel.h"
#include "policy/diff.h"

typedef struct {
	const char *path;
	const char *data; /* NULL: read the file at `path` */
	size_t len;
	const policy_doc_options *opts;
	policy_doc *doc;
	body_chunk *chunks;
	size_t count;
	unsigned char *blank; /* per chunk */
	size_t blanked;
} side;

static void side_dispose(side *s)
{
	policy_doc_free(s->doc);
	free(s->chunks);
	free(s->blank);
	s->doc = NULL;
	s->chunks = NULL;
	s->blank = NULL;
}

static int open_item(void *ctx, size_t i, unsigned worker)
{
	side *s = (side *)ctx + i;
	int rc = policy__doc_open(&s->doc, s->path, s->data, s->len, s->opts);

	(void)worker;
	return rc < 0 ? rc : policy__doc_chunks(s->doc, &s->chunks, &s->count);
}

static int finish_item(void *ctx, size_t i, unsigned worker)
{
	side *s = (side *)ctx + i;

	(void)worker;
	return policy__doc_finish(s->doc, s->opts, s->chunks, s->count, s->blank);
}

static int load_item(void *ctx, size_t i, unsigned worker)
{
	side *s = (side *)ctx + i;

	(void)worker;
	return s->data != NULL ? policy_doc_parse(&s->doc, s->path, s->data, s->len, s->opts)
			       : policy_doc_load(&s->doc, s->path, s->opts);
}

#define TAKEN SIZE_MAX /* a text seen twice in one version */

/* Flag the chunks to leave blank: the simple ones whose text under the
 * heading is in both versions, once in each. Old chunks go into an
 * open-addressed table by hash; each new chunk claims its match, and a
 * text claimed twice, or found twice in the old version, is TAKEN. */
static int mark_shared(side *o, side *n)
{
	size_t size = 16, *table, *claim, olen, nlen;
	const char *ob, *nb;

	if (o->count == 0 || n->count == 0)
		return 0;
	while (size < 2 * o->count)
		size *= 2;
	table = malloc(size * sizeof(*table));
	claim = calloc(o->count, sizeof(*claim));
	o->blank = calloc(o->count, 1);
	n->blank = calloc(n->count, 1);
	if (table == NULL || claim == NULL || o->blank == NULL || n->blank == NULL) {
		free(table);
		free(claim);
		return policy__error_nomem();
	}
	/* 0: empty; else the index + 1 of the first old chunk of its hash */
	memset(table, 0, size * sizeof(*table));
	for (size_t i = 0; i < o->count; i++) {
		size_t at = (size_t)o->chunks[i].hash & (size - 1);

		if (!o->chunks[i].simple)
			continue;
		while (table[at] != 0 && o->chunks[table[at] - 1].hash != o->chunks[i].hash)
			at = (at + 1) & (size - 1);
		if (table[at] == 0)
			table[at] = i + 1;
		else
			claim[table[at] - 1] = TAKEN; /* twice in the old version */
	}
	for (size_t k = 0; k < n->count; k++) {
		size_t at = (size_t)n->chunks[k].hash & (size - 1), *c;

		if (!n->chunks[k].simple)
			continue;
		while (table[at] != 0 && o->chunks[table[at] - 1].hash != n->chunks[k].hash)
			at = (at + 1) & (size - 1);
		if (table[at] != 0) {
			c = &claim[table[at] - 1];
			*c = *c == 0 ? k + 1 : TAKEN; /* once, or twice in the new version */
		}
	}
	ob = policy__doc_body(o->doc, &olen);
	nb = policy__doc_body(n->doc, &nlen);
	for (size_t i = 0; i < o->count; i++) {
		const body_chunk *a = &o->chunks[i], *b;
		size_t len = a->end - a->head_end;

		if (claim[i] == 0 || claim[i] == TAKEN)
			continue;
		b = &n->chunks[claim[i] - 1];
		if (b->end - b->head_end != len ||
		    memcmp(ob + a->head_end, nb + b->head_end, len) != 0)
			continue;
		o->blank[i] = n->blank[claim[i] - 1] = 1;
		o->blanked++;
		n->blanked++;
	}
	free(table);
	free(claim);
	return 0;
}

/* Is every elided section of `a` paired by id with one of `b` elided
 * from the same bytes? */
static int twins(const policy_doc *a, const policy_doc *b)
{
	for (size_t i = 0; i < policy_doc_section_count(a); i++) {
		const policy_section *t;
		uint64_t h, h2;

		if (!policy__doc_section_elided(a, i, &h))
			continue;
		t = policy_doc_find_section(b, policy_doc_section_at(a, i)->id);
		if (t == NULL ||
		    !policy__doc_section_elided(b, policy__doc_section_index(b, t), &h2) || h2 != h)
			return 0;
	}
	return 1;
}

static int all_elided_paired(const side *s)
{
	const policy_doc *a = s[0].doc, *b = s[1].doc;

	return policy__doc_elided_count(a) == s[0].blanked &&
	       policy__doc_elided_count(b) == s[1].blanked && twins(a, b) && twins(b, a);
}

/* Both sides read together into *old_out and *new_out. */
static int load_pair(side s[2], policy_doc **old_out, policy_doc **new_out)
{
	unsigned workers = policy__parallel_workers(2, 1);
	int rc;

	*old_out = *new_out = NULL;
	rc = policy__parallel_for(2, workers, open_item, s);
	if (rc == 0)
		rc = mark_shared(&s[0], &s[1]);
	if (rc == 0)
		rc = policy__parallel_for(2, workers, finish_item, s);
	if (rc == 0 && (s[0].blanked > 0 || s[1].blanked > 0) && !all_elided_paired(s)) {
		side_dispose(&s[0]);
		side_dispose(&s[1]);
		rc = policy__parallel_for(2, workers, load_item, s);
	}
	if (rc == 0) {
		*old_out = s[0].doc;
		*new_out = s[1].doc;
		s[0].doc = s[1].doc = NULL;
	}
	side_dispose(&s[0]);
	side_dispose(&s[1]);
	return rc;
}

int policy_diff_load(policy_doc **old_out, policy_doc **new_out, const char *old_path,
		     const policy_doc_options *old_opts, const char *new_path,
		     const policy_doc_options *new_opts)
{
	static const policy_doc_options defaults = POLICY_DOC_OPTIONS_INIT;
	side s[2];

	if (old_out == NULL || new_out == NULL || old_path == NULL || new_path == NULL)
		return policy__error_set(POLICY_EINVALID, "two versions to load are needed");
	memset(s, 0, sizeof(s));
	s[0].path = old_path;
	s[1].path = new_path;
	s[0].opts = old_opts != NULL ? old_opts : &defaults;
	s[1].opts = new_opts != NULL ? new_opts : &defaults;
	return load_pair(s, old_out, new_out);
}

int policy__diff_parse_pair(policy_doc **old_out, policy_doc **new_out, const char *path,
			    const char *old_data, size_t old_len, const char *new_data,
			    size_t new_len)
{
	static const policy_doc_options defaults = POLICY_DOC_OPTIONS_INIT;
	side s[2];

	memset(s, 0, sizeof(s));
	s[0].path = s[1].path = path;
	s[0].data = old_data != NULL ? old_data : "";
	s[1].data = new_data != NULL ? new_data : "";
	s[0].len = old_data != NULL ? old_len : 0;
	s[1].len = new_data != NULL ? new_len : 0;
	s[0].opts = s[1].opts = &defaults;
	return load_pair(s, old_out, new_out);
}
