/* HTML templates: plain HTML5 files with slots marked by attributes.
 * A template is compiled once (template_compile.c, with libxml2) into a
 * flat list of nodes, markup to copy as it is and the elements that carry
 * slots, conditions or labels; filling writes the page straight from that
 * list, so rendering a page needs neither libxml2 nor a DOM. The built-in
 * templates are compiled when policyctl is built. */
#ifndef POLICY_TEMPLATE_H
#define POLICY_TEMPLATE_H

#include "labels.h"
#include "policy/buf.h"
#include "policy/common.h"

/* One node of a compiled template. Markup (element == 0) is copied as it
 * is. An element is written from its tag and attributes; its descendants
 * are the nodes up to `end`. */
typedef struct {
	const char *text; /* markup; or the element's tag name */
	unsigned len;     /* of text */
	unsigned end;     /* element: the index after its last descendant */
	unsigned char element;
	unsigned char is_void; /* no content, no end tag (<meta>, <br>) */
	unsigned short attr_count;
	const char *cond;  /* data-if, or NULL */
	const char *label; /* data-label, or NULL */
	const char *slot;  /* data-slot, or NULL */
	/* attr_count pairs of name and value (NULL: a bare attribute);
	 * data-if and data-label left out, data-slot kept for styling */
	const char *const *attrs;
} template_node;

typedef struct template_program template_program;

/* Compile `len` bytes of HTML (`name` in errors): 0, POLICY_EPARSE or
 * POLICY_ENOMEM. */
int policy__template_compile(template_program **out, const char *data, size_t len,
			     const char *name);
const template_node *policy__template_nodes(const template_program *p, size_t *count);
void policy__template_program_free(template_program *p);

/* An element being written. Its start tag goes out when its filler first
 * writes content, or after the filler returns. */
typedef struct template_el template_el;

typedef struct {
	/* Fill the element marked data-slot="name": return 1 when its content
	 * was written (set_text, markup, repeat), 0 to keep the template's
	 * own, negative on failure. */
	int (*fill)(void *payload, const char *name, template_el *element);
	/* Is the condition of data-if="name" true? */
	int (*cond)(void *payload, const char *name);
	void *payload;
} template_filler;

/* Load template `name` ("page.html": from `override_dir` when it holds that
 * file, else the built-in copy) and the catalogue of `lang` (labels.json
 * in `override_dir` too), and write the page into `out` (cleared): drop
 * elements whose data-if is false, write the text of data-label elements
 * from the catalogue, fill slots, set <html lang> to `lang` (unless NULL
 * or "und"). 0 or a negative code. */
int policy__template_render(policy_buf *out, const char *name, const char *override_dir,
			    const template_filler *filler, const char *lang);

/* The same from a compiled template and a catalogue (NULL: English). */
int policy__template_write(policy_buf *out, const template_node *nodes, size_t count,
			   const template_filler *filler, const labels *words, const char *lang);

/* Set attribute `name` of the element to `value` before its start tag is
 * written (in its place when the template has it, else last). 0, or
 * POLICY_EINVALID after the start tag, POLICY_ENOMEM. */
int policy__template_set_attr(template_el *el, const char *name, const char *value);

/* Write `text` (escaped) as the element's content. 0 or POLICY_ENOMEM. */
int policy__template_set_text(template_el *el, const char *text);

/* The buffer to write the element's content into, as markup made with
 * html.h; the start tag is written first. NULL when out of memory. */
policy_buf *policy__template_markup(template_el *el);

/* Repeat the first element inside `list` (the template's sample item)
 * `count` times as its content, each followed by a newline: for each i,
 * `fill_item(payload, i, item)` sets what it needs on the item and writes
 * it with policy__template_fill_node(). 0 or a negative code. */
int policy__template_repeat(template_el *list, size_t count,
			    int (*fill_item)(void *payload, size_t i, template_el *item),
			    void *payload);

/* Write one element with its descendants filled by `filler` (the
 * element's own data-if and data-slot are not read). 0 or a negative code. */
int policy__template_fill_node(template_el *el, const template_filler *filler);

/* The catalogue of the page `el` is in (NULL is English), and another one
 * for an element and its descendants. */
const labels *policy__template_labels(const template_el *el);
void policy__template_set_labels(template_el *el, const labels *words);

/* Is `locale` in language `lang` ("zh" for zh, zh-CN, zh-Hans-CN)? For
 * the "lang-<language>" conditions of templates. */
int policy__template_lang_is(const char *locale, const char *lang);

/* The built-in templates, compiled from templates/ at build time. */
typedef struct {
	const char *name;
	const template_node *nodes;
	size_t count;
} builtin_template;
extern const builtin_template policy_builtin_templates[];
extern const size_t policy_builtin_template_count;

#endif
