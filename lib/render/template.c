/*
 * Templates are ordinary HTML5 files a designer can open in a browser.
 * Dynamic parts are marked with attributes rather than a template language:
 * data-slot="name" has its content replaced, data-if="name" (or "!name")
 * keeps an element only when the condition holds, and data-label="key"
 * has its text replaced by the page language's word for it (labels.c).
 *
 * This file writes a page from a compiled template (template_compile.c)
 * in one pass: markup is copied, elements are written from their tag and
 * attributes, and every value a filler gives goes through html.c's
 * escaping; no string of markup from a document is pasted in unescaped.
 */
#include "template.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "html.h"
#include "labels.h"
#include "policy/file.h"

#define TEMPLATE_MAX_SIZE (1024u * 1024u)
#define MAX_SET 4 /* attributes a filler sets on one element */

struct template_el {
	const template_node *nodes; /* of the template: children follow the node */
	size_t index;
	policy_buf *out;
	const labels *words;
	int started;
	size_t set_count;
	const char *set_names[MAX_SET];
	char *set_values[MAX_SET];
};

static int write_list(const template_node *nodes, size_t from, size_t to, const template_filler *f,
		      const labels *words, policy_buf *out, const char *lang);

int policy__template_set_attr(template_el *el, const char *name, const char *value)
{
	size_t i;
	char *copy;

	if (el->started)
		return policy__error_set(POLICY_EINVALID, "attribute %s set after the start tag",
					 name);
	for (i = 0; i < el->set_count && strcmp(el->set_names[i], name) != 0; i++)
		;
	if (i == MAX_SET)
		return policy__error_set(POLICY_EINVALID, "too many attributes set on one element");
	if ((copy = strdup(value)) == NULL)
		return policy__error_nomem();
	if (i == el->set_count) {
		el->set_names[i] = name;
		el->set_count++;
	} else {
		free(el->set_values[i]);
	}
	el->set_values[i] = copy;
	return 0;
}

/* The value set for `name`, or NULL (a value set is never NULL). */
static const char *set_value(const template_el *el, const char *name)
{
	for (size_t i = 0; i < el->set_count; i++)
		if (strcmp(el->set_names[i], name) == 0)
			return el->set_values[i];
	return NULL;
}

static void drop_set(template_el *el)
{
	for (size_t i = 0; i < el->set_count; i++)
		free(el->set_values[i]);
	el->set_count = 0;
}

/* The start tag: the template's attributes in order, with the values set
 * in their place, then those the template lacks. */
static int start(template_el *el)
{
	const template_node *n = &el->nodes[el->index];
	int rc = 0;

	if (el->started)
		return 0;
	el->started = 1;
	if (policy__buf_putc(el->out, '<') < 0 || policy__buf_puts(el->out, n->text) < 0)
		rc = -1;
	for (size_t i = 0; i < n->attr_count && rc == 0; i++) {
		const char *v = set_value(el, n->attrs[2 * i]);

		rc = policy__html_attr(el->out, n->attrs[2 * i], v ? v : n->attrs[2 * i + 1]);
	}
	for (size_t i = 0; i < el->set_count && rc == 0; i++) {
		size_t a;

		for (a = 0; a < n->attr_count && strcmp(n->attrs[2 * a], el->set_names[i]) != 0;
		     a++)
			;
		if (a == n->attr_count)
			rc = policy__html_attr(el->out, el->set_names[i], el->set_values[i]);
	}
	if (rc == 0)
		rc = policy__buf_putc(el->out, '>');
	drop_set(el);
	return rc < 0 ? policy__error_nomem() : 0;
}

int policy__template_set_text(template_el *el, const char *text)
{
	if (start(el) < 0 || policy__html_text(el->out, text, strlen(text)) < 0)
		return policy__error_nomem();
	return 0;
}

policy_buf *policy__template_markup(template_el *el)
{
	return start(el) < 0 ? NULL : el->out;
}

const labels *policy__template_labels(const template_el *el)
{
	return el->words;
}

void policy__template_set_labels(template_el *el, const labels *words)
{
	el->words = words;
}

/* The content and end tag of an element whose start is written or due. */
static int finish(template_el *el, int filled, const template_filler *f)
{
	const template_node *n = &el->nodes[el->index];
	int rc = start(el);

	if (rc == 0 && !filled && !n->is_void) {
		if (n->label != NULL) {
			const char *text = policy__label(el->words, n->label);

			rc = policy__html_text(el->out, text, strlen(text));
		} else {
			rc = write_list(el->nodes, el->index + 1, n->end, f, el->words, el->out,
					NULL);
		}
	}
	if (rc == 0 && !n->is_void && policy__html_end(el->out, n->text) < 0)
		rc = policy__error_nomem();
	return rc;
}

static int cond_holds(const template_filler *f, const char *expr)
{
	if (expr[0] == '!')
		return !f->cond(f->payload, expr + 1);
	return f->cond(f->payload, expr);
}

static int write_element(const template_node *nodes, size_t index, const template_filler *f,
			 const labels *words, policy_buf *out, const char *lang)
{
	const template_node *n = &nodes[index];
	template_el el = {nodes, index, out, words, 0, 0, {NULL}, {NULL}};
	int filled = 0, rc = 0;

	if (lang != NULL && strcmp(n->text, "html") == 0)
		rc = policy__template_set_attr(&el, "lang", lang);
	if (rc == 0 && n->slot != NULL)
		rc = filled = f->fill(f->payload, n->slot, &el);
	if (rc >= 0)
		rc = finish(&el, filled, f);
	drop_set(&el);
	if (rc < 0 && policy_error_last()->code == POLICY_OK)
		rc = policy__error_nomem();
	return rc < 0 ? rc : 0;
}

static int write_list(const template_node *nodes, size_t from, size_t to, const template_filler *f,
		      const labels *words, policy_buf *out, const char *lang)
{
	for (size_t i = from; i < to;) {
		const template_node *n = &nodes[i];
		int rc;

		if (!n->element) {
			if (policy__buf_put(out, n->text, n->len) < 0)
				return policy__error_nomem();
			i++;
			continue;
		}
		if (n->cond == NULL || cond_holds(f, n->cond))
			if ((rc = write_element(nodes, i, f, words, out, lang)) < 0)
				return rc;
		i = n->end;
	}
	return 0;
}

int policy__template_fill_node(template_el *el, const template_filler *filler)
{
	return finish(el, 0, filler);
}

int policy__template_repeat(template_el *list, size_t count,
			    int (*fill_item)(void *payload, size_t i, template_el *item),
			    void *payload)
{
	const template_node *n = &list->nodes[list->index];
	size_t sample = list->index + 1;
	int rc = start(list);

	while (sample < n->end && !list->nodes[sample].element)
		sample++;
	if (sample >= n->end)
		return rc; /* a template without a sample item lists nothing */
	for (size_t i = 0; i < count && rc == 0; i++) {
		template_el item = {list->nodes, sample, list->out, list->words,
				    0,           0,      {NULL},    {NULL}};

		rc = fill_item(payload, i, &item);
		drop_set(&item);
		if (rc == 0 && policy__buf_putc(list->out, '\n') < 0)
			rc = policy__error_nomem();
	}
	return rc;
}

int policy__template_write(policy_buf *out, const template_node *nodes, size_t count,
			   const template_filler *filler, const labels *words, const char *lang)
{
	int rc;

	policy__buf_clear(out);
	if (lang != NULL && strcmp(lang, "und") == 0)
		lang = NULL;
	rc = write_list(nodes, 0, count, filler, words, out, lang);
	if (rc == 0 && policy__buf_putc(out, '\n') < 0)
		rc = policy__error_nomem();
	return rc;
}

/* The template `name` from `override_dir`: *out stays NULL when the
 * directory does not have it. */
static int load_override(template_program **out, const char *name, const char *override_dir)
{
	policy_buf path = POLICY_BUF_INIT, data = POLICY_BUF_INIT;
	int rc;

	*out = NULL;
	if (override_dir == NULL)
		return 0;
	if (policy__buf_puts(&path, override_dir) < 0 || policy__buf_putc(&path, '/') < 0 ||
	    policy__buf_puts(&path, name) < 0) {
		policy_buf_dispose(&path);
		return policy__error_nomem();
	}
	rc = policy_file_read(&data, path.ptr, TEMPLATE_MAX_SIZE);
	if (rc == 0)
		rc = policy__template_compile(out, data.ptr ? data.ptr : "", data.size, path.ptr);
	policy_buf_dispose(&path);
	policy_buf_dispose(&data);
	return rc == POLICY_ENOTFOUND ? 0 : rc;
}

int policy__template_render(policy_buf *out, const char *name, const char *override_dir,
			    const template_filler *filler, const char *lang)
{
	template_program *own = NULL;
	const template_node *nodes = NULL;
	size_t count = 0;
	labels *words = NULL;
	int rc;

	if ((rc = load_override(&own, name, override_dir)) < 0)
		return rc;
	if (own != NULL) {
		nodes = policy__template_nodes(own, &count);
	} else {
		for (size_t i = 0; i < policy_builtin_template_count; i++)
			if (strcmp(policy_builtin_templates[i].name, name) == 0) {
				nodes = policy_builtin_templates[i].nodes;
				count = policy_builtin_templates[i].count;
			}
		if (nodes == NULL)
			return policy__error_set(POLICY_ENOTFOUND, "no template named %s", name);
	}
	if ((rc = policy__labels_open(&words, lang, override_dir)) == 0)
		rc = policy__template_write(out, nodes, count, filler, words, lang);
	policy__labels_free(words);
	policy__template_program_free(own);
	return rc;
}

int policy__template_lang_is(const char *locale, const char *lang)
{
	size_t n = strlen(lang);

	return strncmp(locale, lang, n) == 0 && (locale[n] == '\0' || locale[n] == '-');
}
