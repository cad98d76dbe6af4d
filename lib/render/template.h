/* HTML templates: plain HTML5 files with slots marked by attributes, read
 * with libxml2 and filled through its DOM. */
#ifndef POLICY_TEMPLATE_H
#define POLICY_TEMPLATE_H

#include <libxml/HTMLtree.h>

#include "labels.h"
#include "policy/buf.h"
#include "policy/common.h"

typedef struct {
	/* Fill the element marked data-slot="name": return 1 when filled, 0
	 * to leave the template's own content, negative on failure. */
	int (*fill)(void *payload, const char *name, xmlNodePtr element);
	/* Is the condition of data-if="name" true? */
	int (*cond)(void *payload, const char *name);
	void *payload;
} template_filler;

/* A template from `len` bytes of HTML; `name` in errors. 0 or POLICY_EPARSE. */
int policy__template_parse(htmlDocPtr *out, const char *data, size_t len, const char *name);

/* Load template `name` ("page.html"): from `override_dir` when it holds
 * that file, else the built-in copy. 0, POLICY_EIO or POLICY_EPARSE. */
int policy__template_load(htmlDocPtr *out, const char *name, const char *override_dir);

/* Walk the document: drop elements whose data-if is false, set the text
 * of data-label elements from the catalogue in doc->_private (NULL:
 * English), fill slots, set <html lang> to `lang` (unless NULL). 0 or a
 * negative code. */
int policy__template_fill(htmlDocPtr doc, const template_filler *filler, const char *lang);

/* Load template `name` and the catalogue of `lang` (labels.json in
 * `override_dir` too), fill it and serialise it into `out`: the steps
 * above in one. 0 or a negative code. */
int policy__template_render(policy_buf *out, const char *name, const char *override_dir,
			    const template_filler *filler, const char *lang);

/* Repeat the first element inside `list` (the template's sample item)
 * `count` times: every child of `list` is removed, then for each i a copy
 * of the sample is appended and filled by `fill_item(payload, i, copy)`.
 * 0 or a negative code. */
int policy__template_repeat(xmlNodePtr list, size_t count,
			    int (*fill_item)(void *payload, size_t i, xmlNodePtr item),
			    void *payload);

/* Fill the descendants of one element as policy__template_fill() does a
 * document (the element's own data-if and data-slot are not read). 0 or a
 * negative code. */
int policy__template_fill_node(xmlNodePtr node, const template_filler *filler);

/* The catalogue of the page `node` is in (while policy__template_render()
 * fills it; NULL otherwise, which policy__label() reads as English). */
const labels *policy__template_labels(xmlNodePtr node);

/* Is `locale` in language `lang` ("zh" for zh, zh-CN, zh-Hans-CN)? For
 * the "lang-<language>" conditions of templates. */
int policy__template_lang_is(const char *locale, const char *lang);

/* Remove all of the element's children. */
void policy__template_clear(xmlNodePtr element);

/* Replace the element's children with the text `text`. */
int policy__template_set_text(xmlNodePtr element, const char *text);

/* Serialise the document as HTML5 in UTF-8 (a DOCTYPE line first). */
int policy__template_serialise(policy_buf *out, htmlDocPtr doc);

/* Serialise the children of `node` (for fragments). */
int policy__template_serialise_children(policy_buf *out, xmlNodePtr node);

/* The built-in templates, generated from templates/ at build time. */
typedef struct {
	const char *name;
	const char *data;
	size_t len;
} builtin_template;
extern const builtin_template policy_builtin_templates[];
extern const size_t policy_builtin_template_count;

#endif
