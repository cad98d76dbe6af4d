/*
 * JSON: the metadata and the section tree, built with jansson. Sections
 * nest as they do in the document, each with its id, title, level,
 * categories (and where they came from), source line and, for recipient
 * records, its fields; the rows of its tables of recipients as records.
 */
#include <jansson.h>
#include <stdlib.h>

#include "buf.h"
#include "error.h"
#include "facts_internal.h"
#include "internal.h"
#include "json.h"
#include "render_internal.h"

static json_t *fields_json(const policy_field *f, size_t n)
{
	json_t *fields = json_array();

	for (size_t i = 0; fields != NULL && i < n; i++)
		json_array_append_new(fields, json_pack("{s:s, s:s, s:i}", "key", f[i].key, "value",
							f[i].value, "line", (json_int_t)f[i].line));
	return fields;
}

static json_t *section_json(const policy_section *s)
{
	json_t *o = json_object();

	if (o == NULL)
		return NULL;
	json_object_set_new(o, "id", json_string(s->id));
	json_object_set_new(o, "title", json_string(s->title));
	json_object_set_new(o, "level", json_integer(s->level));
	json_object_set_new(o, "line", json_integer(s->line));
	json_object_set_new(o, "categories", policy__category_json(s->categories));
	json_object_set_new(o, "tagged", policy__category_json(s->tagged));
	json_object_set_new(o, "keyword", policy__category_json(s->keyword));
	if (s->is_record) {
		json_object_set_new(o, "record", json_true());
		json_object_set_new(o, "fields", fields_json(s->fields, s->field_count));
	}
	if (s->record_count > 0) {
		json_t *rows = json_array();

		for (size_t i = 0; rows != NULL && i < s->record_count; i++) {
			const policy_record *r = &s->records[i];

			json_array_append_new(rows,
					      json_pack("{s:s, s:i, s:o}", "name", r->name, "line",
							(json_int_t)r->line, "fields",
							fields_json(r->fields, r->field_count)));
		}
		json_object_set_new(o, "records", rows);
	}
	json_object_set_new(o, "sections", json_array());
	return o;
}

static json_t *render_json_meta(const policy_doc *doc)
{
	const policy_meta *m = policy_doc_meta(doc);
	char released[11], effective[11];

	policy_date_format(released, &m->released);
	policy_date_format(effective, &m->effective);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:s?}", "policy", m->policy,
			 "locale", m->locale, "title", m->title, "version", m->version_text,
			 "released", released, "effective", effective, "summary", m->summary,
			 "risk", m->risk);
}

int policy__render_json(policy_buf *out, const policy_doc *doc)
{
	size_t n = policy_doc_section_count(doc);
	json_t *root = render_json_meta(doc);
	json_t *top = json_array();
	json_t **nodes = calloc(n ? n : 1, sizeof(*nodes));
	int rc = 0;

	if (root == NULL || top == NULL || nodes == NULL)
		goto nomem;
	for (size_t i = 0; i < n; i++) {
		const policy_section *s = policy_doc_section_at(doc, i);
		json_t *parent =
			s->parent >= 0 ? json_object_get(nodes[s->parent], "sections") : top;

		if ((nodes[i] = section_json(s)) == NULL ||
		    json_array_append_new(parent, nodes[i]) < 0)
			goto nomem;
	}
	json_object_set_new(root, "sections", top);
	top = NULL;
	if (json_object_set_new(root, "facts", policy__facts_json(doc)) < 0)
		goto nomem;
	rc = policy__json_write(out, root); /* takes root */
	root = NULL;
	goto done;
nomem:
	rc = policy__error_nomem();
done:
	free(nodes);
	json_decref(top);
	json_decref(root);
	return rc;
}
