/*
 * Normalised Markdown: the front matter written again by libyaml's emitter
 * in a fixed key order, then the body as cmark's CommonMark renderer prints
 * the sanitised tree. Both are fixed points: rendering the output once more
 * gives the same bytes, which makes the published .md files stable.
 */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "buf.h"
#include "error.h"
#include "internal.h"
#include "render_internal.h"
#include "treemem.h"

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
	return policy__buf_put(data, (const char *)buffer, size) == 0;
}

static int scalar(yaml_emitter_t *e, const char *value, yaml_scalar_style_t style)
{
	yaml_event_t ev;

	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)value, (int)strlen(value),
					  1, 1, style))
		return -1;
	return yaml_emitter_emit(e, &ev) ? 0 : -1;
}

static int pair(yaml_emitter_t *e, const char *key, const char *value, yaml_scalar_style_t style)
{
	if (value == NULL)
		return 0;
	if (scalar(e, key, YAML_PLAIN_SCALAR_STYLE) < 0)
		return -1;
	return scalar(e, value, style);
}

int policy__markdown_front_matter(policy_buf *out, const policy_meta *m)
{
	yaml_emitter_t e;
	yaml_event_t ev;
	char released[11], effective[11];
	int ok;

	policy_date_format(released, &m->released);
	policy_date_format(effective, &m->effective);
	if (!yaml_emitter_initialize(&e))
		return policy__error_nomem();
	yaml_emitter_set_output(&e, write_handler, out);
	yaml_emitter_set_unicode(&e, 1);
	yaml_emitter_set_width(&e, -1);
	ok = yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) &&
	     yaml_emitter_emit(&e, &ev) &&
	     yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 0) &&
	     yaml_emitter_emit(&e, &ev) &&
	     yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE) &&
	     yaml_emitter_emit(&e, &ev) &&
	     pair(&e, "policy", m->policy, YAML_ANY_SCALAR_STYLE) == 0 &&
	     pair(&e, "locale", m->locale, YAML_ANY_SCALAR_STYLE) == 0 &&
	     pair(&e, "title", m->title, YAML_ANY_SCALAR_STYLE) == 0 &&
	     pair(&e, "version", m->version_text, YAML_DOUBLE_QUOTED_SCALAR_STYLE) == 0 &&
	     pair(&e, "released", released, YAML_PLAIN_SCALAR_STYLE) == 0 &&
	     pair(&e, "effective", effective, YAML_PLAIN_SCALAR_STYLE) == 0 &&
	     pair(&e, "summary", m->summary, YAML_ANY_SCALAR_STYLE) == 0 &&
	     pair(&e, "risk", m->risk, YAML_ANY_SCALAR_STYLE) == 0 &&
	     yaml_mapping_end_event_initialize(&ev) && yaml_emitter_emit(&e, &ev) &&
	     yaml_document_end_event_initialize(&ev, 1) && yaml_emitter_emit(&e, &ev) &&
	     yaml_stream_end_event_initialize(&ev) && yaml_emitter_emit(&e, &ev);
	yaml_emitter_delete(&e);
	return ok ? 0 : policy__error_set(POLICY_ERROR, "cannot write the front matter as YAML");
}

int policy__render_markdown(policy_buf *out, const policy_doc *doc)
{
	char *body;
	int rc;

	policy__buf_clear(out);
	/* An explicit document start makes the emitter open with "---"; the
	 * closing line is ours, since YAML would end the document with "...". */
	if ((rc = policy__markdown_front_matter(out, policy_doc_meta(doc))) < 0)
		return rc;
	if ((rc = policy__buf_puts(out, "---\n")) < 0)
		return rc;
	body = cmark_render_commonmark(policy__doc_tree(doc), CMARK_OPT_DEFAULT, 0);
	if (body == NULL)
		return policy__error_nomem();
	if (body[0] != '\0' && (rc = policy__buf_putc(out, '\n')) == 0)
		rc = policy__buf_puts(out, body);
	policy__treemem_release(body);
	return rc;
}
