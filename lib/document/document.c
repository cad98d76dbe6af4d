/*
 * The document model. A source is read in one pass per layer: the bytes are
 * checked as UTF-8, the front matter is split off and typed, the body is
 * parsed by cmark, and the top-level headings of cmark's tree become
 * sections. Every problem found on the way is recorded as a diagnostic
 * rather than returned, so that `check` can report all of them at once;
 * only fatal problems stop a layer.
 *
 * The document keeps cmark's tree for the renderers, sanitised here once:
 * raw HTML nodes are removed and unsafe link targets cleared, so no
 * renderer can forget to.
 */
#include <cmark-gfm-core-extensions.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "arena.h"
#include "array.h"
#include "buf.h"
#include "chunks.h"
#include "error.h"
#include "frontmatter.h"
#include "internal.h"
#include "policy/file.h"
#include "strmap.h"
#include "treemem.h"
#include "utf8.h"

typedef struct {
	cmark_node *node;
	size_t attr_len;
	size_t field_start;
	size_t record_start;
	uint64_t chunk_hash; /* of its source, when elided */
	int elided;          /* left out of the tree: its source was blank to cmark */
} section_extra;

struct policy_doc {
	arena mem;
	char *path;
	char *layout_path; /* the path that names policy and locale */
	policy_meta meta;
	policy_diags *diags;
	cmark_node *root;
	char *source; /* a loaded file's bytes, owned; NULL when parsed from the caller's */
	void *map;    /* or a loaded file mapped, `map_len` bytes, owned */
	size_t map_len;
	const char *body; /* in `source`, or in the arena */
	size_t body_len;
	const char *preamble;
	size_t preamble_len;
	policy_section *sections;
	section_extra *extra;
	size_t section_count;
	size_t section_cap;
	policy_field *fields;
	size_t field_count;
	size_t field_cap;
	table_records records; /* rows of tables of recipients, in document order */
	strmap ids;            /* section id -> index */
	/* For ids used more than once: the next suffix to try, by id. */
	strmap dups;
	treemem *tree_mem; /* the cmark tree's */
	/* policyctl.yaml's fact vocabulary, copied from the rules */
	fact_term *terms;
	size_t term_count;
	int body_ready;      /* the front matter read, the body still to parse */
	size_t elided_count; /* sections left out of the tree (policy__doc_finish) */
};

#define DIAG(doc, sev, code, line, ...)                                                            \
	do {                                                                                       \
		if (policy__diag_addf((doc)->diags, (sev), (code), (doc)->path, (line),            \
				      __VA_ARGS__) < 0)                                            \
			return POLICY_ENOMEM;                                                      \
	} while (0)

static unsigned line_of(const char *s, size_t offset)
{
	unsigned line = 1;

	for (size_t i = 0; i < offset; i++)
		line += s[i] == '\n';
	return line;
}

/* ---- front matter ---- */

static const char *const known_keys[] = {"policy",   "locale",    "title",   "version",
					 "released", "effective", "summary", "risk"};

static const fm_entry *fm_get(const frontmatter *fm, const char *key)
{
	for (size_t i = 0; i < fm->count; i++)
		if (strcmp(fm->entries[i].key, key) == 0)
			return &fm->entries[i];
	return NULL;
}

/* Policy ids become directory and tag names: keep them to a safe alphabet. */
static int policy_id_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 64 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

/* policies/<policy>/<locale>.md: the last three components of the path. */
static int path_layout(const char *path, arena *mem, const char **policy, const char **locale)
{
	const char *end = path + strlen(path);
	const char *slash[3] = {NULL, NULL, NULL};
	const char *p = end;
	const char *dir;
	int n = 0;

	if (end - path < 3 || strcmp(end - 3, ".md") != 0)
		return 0;
	while (p > path && n < 3) {
		p--;
		if (*p == '/')
			slash[n++] = p;
	}
	if (n < 2)
		return 0;
	dir = n == 3 ? slash[2] + 1 : path;
	if ((size_t)(slash[1] - dir) != 8 || memcmp(dir, "policies", 8) != 0)
		return 0;
	*policy = policy__arena_strndup(mem, slash[1] + 1, (size_t)(slash[0] - slash[1] - 1));
	*locale = policy__arena_strndup(mem, slash[0] + 1, (size_t)(end - 3 - slash[0] - 1));
	if (*policy == NULL || *locale == NULL)
		return -1;
	/* policies/notes/README.md is not a locale of a policy. */
	return policy_locale_valid(*locale) ? 1 : 0;
}

static const char *path_stem(const char *path, arena *mem)
{
	const char *base = strrchr(path, '/');
	const char *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	return policy__arena_strndup(mem, base,
				     dot && dot != base ? (size_t)(dot - base) : strlen(base));
}

static int check_identity(policy_doc *doc, const frontmatter *fm)
{
	policy_meta *m = &doc->meta;
	const fm_entry *p = fm_get(fm, "policy");
	const fm_entry *l = fm_get(fm, "locale");
	const char *path_policy = NULL, *path_locale = NULL;
	int layout = path_layout(doc->layout_path, &doc->mem, &path_policy, &path_locale);

	if (layout < 0)
		return POLICY_ENOMEM;
	m->in_layout = layout == 1;
	if (p != NULL && p->value != NULL) {
		if (!policy_id_ok(p->value))
			DIAG(doc, POLICY_SEVERITY_FATAL, "bad-policy-id", p->line,
			     "policy: \"%.64s\" is not an id of lowercase letters, digits, - and _",
			     p->value);
		else if (layout == 1 && strcmp(p->value, path_policy) != 0)
			DIAG(doc, POLICY_SEVERITY_FATAL, "policy-mismatch", p->line,
			     "policy: \"%s\" disagrees with the path, which says \"%s\"", p->value,
			     path_policy);
		m->policy = p->value;
	}
	if (l != NULL && l->value != NULL) {
		if (!policy_locale_valid(l->value))
			DIAG(doc, POLICY_SEVERITY_FATAL, "bad-locale", l->line,
			     "locale: \"%.40s\" is not a BCP 47 language tag", l->value);
		else if (layout == 1 && strcmp(l->value, path_locale) != 0)
			DIAG(doc, POLICY_SEVERITY_FATAL, "locale-mismatch", l->line,
			     "locale: \"%s\" disagrees with the path, which says \"%s\"", l->value,
			     path_locale);
		m->locale = l->value;
	}
	if (layout == 1) {
		if (!policy_id_ok(path_policy))
			DIAG(doc, POLICY_SEVERITY_FATAL, "bad-policy-id", 1,
			     "the path's policy \"%.64s\" is not an id of lowercase letters, "
			     "digits, - and _",
			     path_policy);
		m->policy = path_policy;
		m->locale = path_locale;
	}
	if (m->policy == NULL || m->locale == NULL) {
		if (m->policy == NULL && (m->policy = path_stem(doc->path, &doc->mem)) == NULL)
			return POLICY_ENOMEM;
		if (m->locale == NULL)
			m->locale = "und";
		DIAG(doc, POLICY_SEVERITY_WARNING, "no-policy-id", 1,
		     "neither the path (policies/<policy>/<locale>.md) nor the front matter names "
		     "the "
		     "policy and locale; using \"%s\" and \"%s\"",
		     m->policy, m->locale);
	}
	return 0;
}

static int read_meta(policy_doc *doc, const frontmatter *fm, int fm_broken)
{
	policy_meta *m = &doc->meta;
	static const char *const required[] = {"title", "version", "released", "effective"};
	const fm_entry *rel = fm_get(fm, "released");
	const fm_entry *eff = fm_get(fm, "effective");
	const fm_entry *e;
	int dates = 0;

	for (size_t i = 0; i < fm->count; i++) {
		int known = 0;

		for (size_t k = 0; k < sizeof(known_keys) / sizeof(known_keys[0]); k++)
			known |= strcmp(fm->entries[i].key, known_keys[k]) == 0;
		if (!known)
			DIAG(doc, POLICY_SEVERITY_WARNING, "unknown-key", fm->entries[i].line,
			     "%.60s: not a front matter key policyctl knows; ignored",
			     fm->entries[i].key);
	}
	for (size_t i = 0; !fm_broken && i < sizeof(required) / sizeof(required[0]); i++) {
		e = fm_get(fm, required[i]);
		if (e == NULL || e->value == NULL || e->value[0] == '\0')
			DIAG(doc, POLICY_SEVERITY_FATAL, "missing-key", e ? e->line : 1,
			     "front matter lacks %s", required[i]);
	}
	if ((e = fm_get(fm, "title")) != NULL && e->value != NULL)
		m->title = e->value;
	if ((e = fm_get(fm, "version")) != NULL && e->value != NULL) {
		m->version_text = e->value;
		if (policy_version_parse(&m->version, e->value) < 0)
			DIAG(doc, POLICY_SEVERITY_FATAL, "bad-version", e->line, "%s",
			     policy_error_last()->message);
	}
	if (rel != NULL && rel->value != NULL) {
		if (policy_date_parse(&m->released, rel->value) < 0)
			DIAG(doc, POLICY_SEVERITY_FATAL, "bad-date", rel->line, "released: %s",
			     policy_error_last()->message);
		else
			dates |= 1;
	}
	if (eff != NULL && eff->value != NULL) {
		if (policy_date_parse(&m->effective, eff->value) < 0)
			DIAG(doc, POLICY_SEVERITY_FATAL, "bad-date", eff->line, "effective: %s",
			     policy_error_last()->message);
		else
			dates |= 2;
	}
	if (dates == 3 && policy_date_cmp(&m->effective, &m->released) < 0)
		DIAG(doc, POLICY_SEVERITY_FATAL, "effective-before-released", eff->line,
		     "effective date %s is before the released date %s", eff->value, rel->value);
	if ((e = fm_get(fm, "summary")) != NULL && e->value != NULL)
		m->summary = e->value;
	if ((e = fm_get(fm, "risk")) != NULL && e->value != NULL) {
		if (strcmp(e->value, "high") != 0 && strcmp(e->value, "medium") != 0 &&
		    strcmp(e->value, "low") != 0 && strcmp(e->value, "none") != 0)
			DIAG(doc, POLICY_SEVERITY_FATAL, "bad-risk", e->line,
			     "risk: \"%.40s\" is not one of high, medium, low, none", e->value);
		m->risk = e->value;
	}
	return check_identity(doc, fm);
}

/* ---- body ---- */

static unsigned node_line(const policy_doc *doc, cmark_node *n)
{
	return doc->meta.body_line + (unsigned)policy__outline_start_line(n) - 1;
}

/* <br>, <br/>, <br /> in any case. */
static int is_line_break(const char *html)
{
	size_t i = 0;

	if (html == NULL || html[0] != '<' || (html[1] | 32) != 'b' || (html[2] | 32) != 'r')
		return 0;
	for (i = 3; html[i] == ' ' || html[i] == '\t'; i++)
		;
	if (html[i] == '/')
		i++;
	return html[i] == '>' && html[i + 1] == '\0';
}

/* Turn a remote image into a link to it, its alt text the link's text. */
static int image_to_link(cmark_node *image)
{
	cmark_node *link = policy__treemem_node(CMARK_NODE_LINK), *c;

	if (link == NULL || !cmark_node_set_url(link, cmark_node_get_url(image)))
		goto fail;
	while ((c = cmark_node_first_child(image)) != NULL)
		if (!cmark_node_append_child(link, c))
			goto fail;
	if (cmark_node_first_child(link) == NULL) {
		cmark_node *text = policy__treemem_node(CMARK_NODE_TEXT);

		if (text == NULL || !cmark_node_set_literal(text, cmark_node_get_url(image)) ||
		    !cmark_node_append_child(link, text)) {
			cmark_node_free(text);
			goto fail;
		}
	}
	if (!cmark_node_replace(image, link))
		goto fail;
	cmark_node_free(image);
	return 0;
fail:
	cmark_node_free(link);
	return policy__error_nomem();
}

/* Remove raw HTML from the tree at `root` (parsed from `src`, `len`
 * bytes), clear unsafe link targets and turn remote images into links,
 * reporting each in doc's diagnostics when `report` is set. */
static int sanitise_tree(const policy_doc *doc, cmark_node *root, const char *src, size_t len,
			 int report)
{
	cmark_iter *it;
	cmark_node **doomed = NULL, **remote = NULL, **breaks = NULL;
	size_t ndoomed = 0, cap = 0, nremote = 0, rcap = 0, nbreaks = 0, bcap = 0;
	cmark_event_type ev;
	int rc = 0;

	/* Raw HTML, autolinks and links all need a '<' or a '[': without
	 * either, the walk would find nothing. */
	if (!memchr(src, '<', len) && !memchr(src, '[', len))
		return 0;
	if ((it = cmark_iter_new(root)) == NULL)
		return policy__error_nomem();
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_HTML_INLINE && is_line_break(cmark_node_get_literal(n))) {
			/* <br> is the line break of pages turned into Markdown */
			if (ARRAY_RESERVE(breaks, bcap, nbreaks) < 0)
				goto nomem;
			breaks[nbreaks++] = n;
		} else if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE) {
			/* An HTML block is dropped whole, its text with it: an
			 * error. An inline tag is dropped, its text kept. */
			int block = t == CMARK_NODE_HTML_BLOCK;

			if (report &&
			    policy__diag_addf(doc->diags,
					      block ? POLICY_SEVERITY_ERROR
						    : POLICY_SEVERITY_WARNING,
					      "raw-html", doc->path, node_line(doc, n),
					      block ? "raw HTML is never rendered, and this "
						      "block's text is lost; "
						      "write Markdown instead"
						    : "an HTML tag is never rendered (the text "
						      "around it is); "
						      "write Markdown instead") < 0)
				goto nomem;
			if (ARRAY_RESERVE(doomed, cap, ndoomed) < 0)
				goto nomem;
			doomed[ndoomed++] = n;
		} else if ((t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) &&
			   !policy__url_is_safe(cmark_node_get_url(n))) {
			if (report &&
			    policy__diag_addf(
				    doc->diags, POLICY_SEVERITY_ERROR, "unsafe-link", doc->path,
				    node_line(doc, n),
				    "link target \"%.60s\" has an unsafe scheme; it is removed",
				    cmark_node_get_url(n)) < 0)
				goto nomem;
			cmark_node_set_url(n, "");
		} else if (t == CMARK_NODE_IMAGE && policy__url_is_remote(cmark_node_get_url(n))) {
			if (report &&
			    policy__diag_addf(
				    doc->diags, POLICY_SEVERITY_WARNING, "remote-image", doc->path,
				    node_line(doc, n),
				    "image \"%.60s\" is on another site; pages load nothing from "
				    "elsewhere, so it is shown as a link",
				    cmark_node_get_url(n)) < 0)
				goto nomem;
			if (ARRAY_RESERVE(remote, rcap, nremote) < 0)
				goto nomem;
			remote[nremote++] = n;
		}
	}
	goto done;
nomem:
	rc = policy__error_nomem();
done:
	cmark_iter_free(it);
	for (size_t i = 0; i < ndoomed; i++)
		cmark_node_free(doomed[i]);
	for (size_t i = 0; i < nremote && rc == 0; i++)
		rc = image_to_link(remote[i]);
	for (size_t i = 0; i < nbreaks && rc == 0; i++) {
		cmark_node *br = policy__treemem_node(CMARK_NODE_LINEBREAK);

		if (br != NULL && !cmark_node_replace(breaks[i], br)) {
			/* a table cell holds no line break: a space there */
			cmark_node_free(br);
			if ((br = policy__treemem_node(CMARK_NODE_TEXT)) != NULL &&
			    (!cmark_node_set_literal(br, " ") ||
			     !cmark_node_replace(breaks[i], br))) {
				cmark_node_free(br);
				br = NULL;
			}
		}
		if (br == NULL)
			rc = policy__error_nomem();
		else
			cmark_node_free(breaks[i]);
	}
	free(doomed);
	free(remote);
	free(breaks);
	return rc;
}

static int sanitise(policy_doc *doc)
{
	return sanitise_tree(doc, doc->root, doc->body, doc->body_len, 1);
}

/* A trailing `{#id .class key=value}` on a heading's last text node. */
typedef struct {
	const char *id;
	size_t id_len;
	const char *classes[POLICY_CATEGORY_COUNT * 2];
	size_t class_len[POLICY_CATEGORY_COUNT * 2];
	size_t nclasses;
	size_t len; /* bytes of the block and the blanks before it */
} attr_block;

static int parse_attr_block(attr_block *a, const char *text)
{
	size_t n = strlen(text), open, i;

	memset(a, 0, sizeof(*a));
	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	if (n < 3 || text[n - 1] != '}')
		return 0;
	open = n - 1;
	while (open > 0 && text[open - 1] != '{' && text[open - 1] != '}')
		open--;
	if (open == 0 || text[open - 1] != '{')
		return 0;
	open--;
	for (i = open + 1; i < n - 1;) {
		size_t start;

		while (i < n - 1 && (text[i] == ' ' || text[i] == '\t'))
			i++;
		if (i >= n - 1)
			break;
		start = i;
		while (i < n - 1 && text[i] != ' ' && text[i] != '\t')
			i++;
		if (text[start] == '#' && a->id == NULL && i - start > 1) {
			a->id = text + start + 1;
			a->id_len = i - start - 1;
		} else if (text[start] == '.' && i - start > 1) {
			if (a->nclasses < sizeof(a->classes) / sizeof(a->classes[0])) {
				a->classes[a->nclasses] = text + start + 1;
				a->class_len[a->nclasses++] = i - start - 1;
			}
		} else if (memchr(text + start, '=', i - start) == NULL) {
			return 0;
		}
	}
	if (a->id == NULL && a->nclasses == 0)
		return 0;
	while (open > 0 && (text[open - 1] == ' ' || text[open - 1] == '\t'))
		open--;
	a->len = strlen(text) - open;
	return 1;
}

static int explicit_id_ok(const char *id, size_t len)
{
	size_t pos = 0;

	if (len == 0 || len > 100)
		return 0;
	while (pos < len) {
		int32_t c = policy__utf8_next(id, len, &pos);

		if (!(policy__utf8_is_alnum(c) || c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

static policy_section *add_section(policy_doc *doc)
{
	policy_section *out;

	if (doc->section_count == doc->section_cap) {
		size_t cap = doc->section_cap ? doc->section_cap * 2 : 32;
		policy_section *s = realloc(doc->sections, cap * sizeof(*s));
		section_extra *x;

		if (s == NULL)
			return NULL;
		doc->sections = s;
		x = realloc(doc->extra, cap * sizeof(*x));
		if (x == NULL)
			return NULL;
		doc->extra = x;
		doc->section_cap = cap;
	}
	out = &doc->sections[doc->section_count];
	memset(out, 0, sizeof(*out));
	memset(&doc->extra[doc->section_count], 0, sizeof(section_extra));
	doc->section_count++;
	return out;
}

static int index_insert(policy_doc *doc, size_t index)
{
	return policy__strmap_put(&doc->ids, doc->sections[index].id, index);
}

static int unique_id(policy_doc *doc, policy_section *s, const char *id)
{
	const policy_section *prev = policy_doc_find_section(doc, id);
	size_t *next;

	if (prev == NULL) {
		s->id = policy__arena_strdup(&doc->mem, id);
		return s->id ? index_insert(doc, (size_t)(s - doc->sections))
			     : policy__error_nomem();
	}
	/* Two titles that slug alike (隐私保护政策 and 第三部分 隐私保护政策)
	 * are common and harmless: a warning, and a suffix. The same {#id}
	 * written twice is the author's mistake about a stable identity. */
	DIAG(doc, s->explicit_id ? POLICY_SEVERITY_ERROR : POLICY_SEVERITY_WARNING, "duplicate-id",
	     s->line, "section id \"%.60s\" is also the id of the section on line %u", id,
	     prev->line);
	/* The suffix goes on from where this id's last repeat left it, so
	 * that n repeats cost n lookups, not n squared. */
	if ((next = policy__strmap_get(&doc->dups, id)) == NULL) {
		const char *key = policy__arena_strdup(&doc->mem, id);

		if (key == NULL || policy__strmap_put(&doc->dups, key, 2) < 0)
			return policy__error_nomem();
		next = policy__strmap_get(&doc->dups, key);
	}
	for (size_t k = *next;; k++) {
		char *cand = policy__arena_printf(&doc->mem, "%s-%zu", id, k);

		if (cand == NULL)
			return policy__error_nomem();
		if (policy_doc_find_section(doc, cand) == NULL) {
			*next = k + 1;
			s->id = cand;
			return index_insert(doc, (size_t)(s - doc->sections));
		}
	}
}

/* The last section seen at each heading level, to find parents. */
typedef struct {
	int prev_level;
	int last_at[7];
} heading_state;

static int heading_to_section(policy_doc *doc, cmark_node *h, heading_state *hs)
{
	policy_buf title = POLICY_BUF_INIT, slug = POLICY_BUF_INIT;
	cmark_node *last = cmark_node_last_child(h);
	policy_section *s = add_section(doc);
	attr_block attr;
	int has_attr = 0, rc;
	size_t index;

	if (s == NULL)
		return policy__error_nomem();
	index = doc->section_count - 1;
	doc->extra[index].node = h;
	doc->extra[index].field_start = doc->field_count;
	s->level = cmark_node_get_heading_level(h);
	s->line = node_line(doc, h);
	s->parent = -1;
	if (hs->prev_level > 0 && s->level > hs->prev_level + 1)
		DIAG(doc, POLICY_SEVERITY_WARNING, "heading-skip", s->line,
		     "heading level %d follows level %d; a level is skipped", s->level,
		     hs->prev_level);
	hs->prev_level = s->level;
	for (int l = s->level - 1; l >= 1 && s->parent < 0; l--)
		s->parent = hs->last_at[l];
	hs->last_at[s->level] = (int)index;
	for (int l = s->level + 1; l <= 6; l++)
		hs->last_at[l] = -1;
	if (last != NULL && cmark_node_get_type(last) == CMARK_NODE_TEXT)
		has_attr = parse_attr_block(&attr, cmark_node_get_literal(last));
	if ((rc = policy__inline_text(&title, h)) < 0)
		goto done;
	if (has_attr) {
		doc->extra[index].attr_len = attr.len;
		title.size -= attr.len < title.size ? attr.len : title.size;
		title.ptr[title.size] = '\0';
	}
	while (title.size > 0 &&
	       (title.ptr[title.size - 1] == ' ' || title.ptr[title.size - 1] == '\t'))
		title.ptr[--title.size] = '\0';
	s->title = policy__arena_strndup(&doc->mem, title.ptr ? title.ptr : "", title.size);
	if (s->title == NULL) {
		rc = policy__error_nomem();
		goto done;
	}

	if (has_attr) {
		for (size_t i = 0; i < attr.nclasses; i++) {
			unsigned cat;

			if (policy_category_from_name(&cat, attr.classes[i], attr.class_len[i]) <
			    0) {
				if (policy__diag_addf(doc->diags, POLICY_SEVERITY_ERROR,
						      "unknown-category", doc->path, s->line,
						      ".%.*s is not a category (purposes, "
						      "controller, recipients, "
						      "rights, contact, transfer, retention, risk)",
						      (int)attr.class_len[i],
						      attr.classes[i]) < 0) {
					rc = policy__error_nomem();
					goto done;
				}
				continue;
			}
			s->tagged |= cat;
		}
	}
	if (has_attr && attr.id != NULL) {
		if (explicit_id_ok(attr.id, attr.id_len)) {
			rc = policy__buf_put(&slug, attr.id, attr.id_len);
			s->explicit_id = 1;
		} else if (policy__diag_addf(
				   doc->diags, POLICY_SEVERITY_ERROR, "bad-section-id", doc->path,
				   s->line,
				   "section id \"%.*s\" may hold only letters, digits, - and _",
				   (int)(attr.id_len > 60 ? 60 : attr.id_len), attr.id) < 0) {
			rc = policy__error_nomem();
		}
		if (rc < 0)
			goto done;
	}
	if (!s->explicit_id && (rc = policy_section_slug(&slug, s->title)) < 0)
		goto done;
	rc = unique_id(doc, s, slug.ptr);
done:
	policy_buf_dispose(&title);
	policy_buf_dispose(&slug);
	return rc;
}

static int add_field(policy_doc *doc, const char *text, unsigned line)
{
	const char *colon = strstr(text, "\xEF\xBC\x9A"); /* ： */
	const char *ascii = strchr(text, ':');
	size_t klen, vstart;
	policy_field *f;

	if (ascii != NULL && (colon == NULL || ascii < colon)) {
		klen = (size_t)(ascii - text);
		vstart = klen + 1;
	} else if (colon != NULL) {
		klen = (size_t)(colon - text);
		vstart = klen + 3;
	} else {
		return 0;
	}
	while (klen > 0 && text[klen - 1] == ' ')
		klen--;
	while (text[vstart] == ' ')
		vstart++;
	if (klen == 0)
		return 0;
	if (ARRAY_RESERVE(doc->fields, doc->field_cap, doc->field_count) < 0)
		return POLICY_ENOMEM;
	f = &doc->fields[doc->field_count];
	f->key = policy__arena_strndup(&doc->mem, text, klen);
	f->value = policy__arena_strdup(&doc->mem, text + vstart);
	f->line = line;
	if (f->key == NULL || f->value == NULL)
		return policy__error_nomem();
	doc->field_count++;
	return 0;
}

static int collect_fields(policy_doc *doc, cmark_node *list)
{
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		cmark_node *para = cmark_node_first_child(item);
		policy_buf text = POLICY_BUF_INIT;
		int rc;

		if (para == NULL || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
			continue;
		rc = policy__inline_text(&text, para);
		if (rc == 0 && text.ptr != NULL)
			rc = add_field(doc, text.ptr, node_line(doc, para));
		policy_buf_dispose(&text);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Line starts of the body, for slicing each section's source text. */
typedef struct {
	size_t *start;
	size_t count;
} line_index;

/* Lines end as CommonMark ends them (and as cmark counts them): at
 * "\n", "\r\n", or a "\r" alone. Without any "\r" in the text (`cr`
 * 0), memchr finds them. */
static const char *next_line_end(const char *p, const char *end, int cr)
{
	if (!cr)
		return memchr(p, '\n', (size_t)(end - p));
	for (; p < end; p++)
		if (*p == '\n' || *p == '\r')
			return *p == '\r' && p + 1 < end && p[1] == '\n' ? p + 1 : p;
	return NULL;
}

static int index_lines(line_index *li, const char *s, size_t len)
{
	size_t cap = 1024;
	const char *p = s, *end = s + len, *nl;
	int cr = memchr(s, '\r', len) != NULL;

	li->start = malloc((cap + 1) * sizeof(size_t));
	if (li->start == NULL)
		return policy__error_nomem();
	li->count = 0;
	li->start[li->count++] = 0;
	while ((nl = next_line_end(p, end, cr)) != NULL) {
		if (li->count == cap) {
			size_t *n = realloc(li->start, (cap * 2 + 1) * sizeof(size_t));

			if (n == NULL)
				return policy__error_nomem();
			li->start = n;
			cap *= 2;
		}
		p = nl + 1;
		li->start[li->count++] = (size_t)(p - s);
	}
	li->start[li->count] = len;
	return 0;
}

/* Body bytes of lines [first, last] (1-based, inclusive), blank lines
 * at either end left out. */
static void slice_lines(const policy_doc *doc, const line_index *li, size_t first, size_t last,
			const char **out, size_t *out_len)
{
	size_t a, b;

	*out = "";
	*out_len = 0;
	if (first < 1)
		first = 1;
	if (last > li->count)
		last = li->count;
	if (first > last)
		return;
	a = li->start[first - 1];
	b = li->start[last];
	while (a < b && (doc->body[a] == '\n' || doc->body[a] == '\r' || doc->body[a] == ' ' ||
			 doc->body[a] == '\t')) {
		size_t nl = a;

		while (nl < b && doc->body[nl] != '\n' &&
		       (doc->body[nl] == ' ' || doc->body[nl] == '\t' || doc->body[nl] == '\r'))
			nl++;
		if (nl < b && doc->body[nl] == '\n')
			a = nl + 1;
		else
			break;
	}
	while (b > a && (doc->body[b - 1] == '\n' || doc->body[b - 1] == '\r' ||
			 doc->body[b - 1] == ' ' || doc->body[b - 1] == '\t'))
		b--;
	*out = doc->body + a;
	*out_len = b - a;
}

/* Keyword categories need the final categories of the parent, so they are
 * applied in document order after the tree is built; parents come first. */
static void apply_keywords(policy_doc *doc, const policy_rules *rules)
{
	for (size_t i = 0; i < doc->section_count; i++) {
		policy_section *s = &doc->sections[i];

		if (s->parent >= 0)
			s->inherited = doc->sections[s->parent].categories;
		if (s->tagged == 0)
			s->keyword = policy_rules_match(rules, s->title);
		s->categories = s->tagged | s->inherited | s->keyword;
	}
}

/* The rows of each section's tables of recipients, once the sections'
 * categories are known. */
static int collect_records(policy_doc *doc)
{
	size_t i = (size_t)-1;
	int rc = 0;

	for (cmark_node *n = cmark_node_first_child(doc->root); n && rc == 0;
	     n = cmark_node_next(n)) {
		const char *type = cmark_node_get_type_string(n);

		if (cmark_node_get_type(n) == CMARK_NODE_HEADING)
			doc->extra[++i].record_start = doc->records.count;
		else if (i != (size_t)-1 && type != NULL && strcmp(type, "table") == 0)
			rc = policy__table_records(
				&doc->records, &doc->mem, n,
				(doc->sections[i].categories & POLICY_CATEGORY_RECIPIENTS) != 0,
				doc->meta.body_line);
	}
	return rc;
}

static int build_sections(policy_doc *doc, const policy_rules *rules)
{
	line_index li = {NULL, 0};
	heading_state hs = {0, {-1, -1, -1, -1, -1, -1, -1}};
	size_t current = (size_t)-1;
	int rc;

	if ((rc = index_lines(&li, doc->body, doc->body_len)) < 0)
		return rc;
	for (cmark_node *n = cmark_node_first_child(doc->root); n; n = cmark_node_next(n)) {
		cmark_node_type t = cmark_node_get_type(n);

		if (t == CMARK_NODE_HEADING) {
			if ((rc = heading_to_section(doc, n, &hs)) < 0)
				goto done;
			current = doc->section_count - 1;
		} else if (t == CMARK_NODE_LIST && current != (size_t)-1) {
			/* Fields are kept for every section; only records expose them. */
			if ((rc = collect_fields(doc, n)) < 0)
				goto done;
		}
	}
	apply_keywords(doc, rules);
	if ((rc = collect_records(doc)) < 0)
		goto done;

	for (size_t i = 0; i < doc->section_count; i++) {
		policy_section *s = &doc->sections[i];
		/* the heading's last line is the underline of a setext one */
		size_t first = (size_t)policy__outline_end_line(doc->extra[i].node) + 1;
		size_t end =
			i + 1 < doc->section_count
				? (size_t)policy__outline_start_line(doc->extra[i + 1].node) - 1
				: li.count;
		size_t fend = i + 1 < doc->section_count ? doc->extra[i + 1].field_start
							 : doc->field_count;
		size_t rend = i + 1 < doc->section_count ? doc->extra[i + 1].record_start
							 : doc->records.count;

		slice_lines(doc, &li, first, end, &s->text, &s->text_len);
		if (s->parent >= 0) {
			const policy_section *p = &doc->sections[s->parent];

			s->is_record =
				(p->categories & POLICY_CATEGORY_RECIPIENTS) && !p->is_record;
		}
		if (s->is_record) {
			s->fields = doc->fields ? doc->fields + doc->extra[i].field_start : NULL;
			s->field_count = fend - doc->extra[i].field_start;
		}
		s->record_count = rend - doc->extra[i].record_start;
		s->records =
			s->record_count ? doc->records.items + doc->extra[i].record_start : NULL;
	}
	if (doc->section_count > 0)
		slice_lines(doc, &li, 1, (size_t)policy__outline_start_line(doc->extra[0].node) - 1,
			    &doc->preamble, &doc->preamble_len);
	else
		slice_lines(doc, &li, 1, li.count, &doc->preamble, &doc->preamble_len);
done:
	free(li.start);
	return rc;
}

static int check_coverage(policy_doc *doc, const policy_date *now)
{
	static const unsigned expected[] = {
		POLICY_CATEGORY_PURPOSES,   POLICY_CATEGORY_RECIPIENTS, POLICY_CATEGORY_RIGHTS,
		POLICY_CATEGORY_CONTACT,    POLICY_CATEGORY_RETENTION,  POLICY_CATEGORY_TRANSFER,
		POLICY_CATEGORY_CONTROLLER,
	};
	policy_date today = now->year > 0 ? *now : policy_date_today();
	policy_date due = doc->meta.released;
	unsigned all = 0;
	unsigned line = doc->section_count ? doc->sections[0].line : doc->meta.body_line;

	for (size_t i = 0; i < doc->section_count; i++)
		all |= doc->sections[i].categories;
	for (size_t i = 0; i < sizeof(expected) / sizeof(expected[0]); i++)
		if (!(all & expected[i]))
			DIAG(doc, POLICY_SEVERITY_WARNING, "missing-category", line,
			     "no section covers %s (tag one with .%s or see docs/format.md)",
			     policy_category_name(expected[i]), policy_category_name(expected[i]));

	due.year++;
	if (due.month == 2 && due.day == 29)
		due.day = 28;
	if (policy_date_cmp(&due, &today) < 0) {
		char rel[11];

		policy_date_format(rel, &doc->meta.released);
		DIAG(doc, POLICY_SEVERITY_WARNING, "stale-release", 1,
		     "released %s, more than 12 months ago; review the policy at least yearly",
		     rel);
	}
	return 0;
}

static pthread_once_t extensions_once = PTHREAD_ONCE_INIT;

/* Blocks nested deeper than this (a quote in a quote ..., a list in a
 * list ...) are refused: no policy nests so, and cmark-gfm's Markdown
 * writer takes time that grows with the square of the depth (100,000
 * quotes took minutes). */
#define MAX_NESTING 200

static int too_deep(policy_doc *doc)
{
	cmark_iter *it = cmark_iter_new(doc->root);
	cmark_event_type ev;
	int depth = 0, deepest = 0;
	unsigned line = 0;

	if (it == NULL)
		return 0;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE && deepest <= MAX_NESTING) {
		cmark_node *n = cmark_iter_get_node(it);

		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_THEMATIC_BREAK:
			continue; /* leaves: entered, never left */
		default:
			break;
		}
		depth += ev == CMARK_EVENT_ENTER ? 1 : -1;
		if (depth > deepest) {
			deepest = depth;
			line = node_line(doc, n);
		}
	}
	cmark_iter_free(it);
	if (deepest <= MAX_NESTING)
		return 0;
	policy__diag_addf(
		doc->diags, POLICY_SEVERITY_FATAL, "too-deep", doc->path, line,
		"blocks nested more than %d deep (quotes or lists inside each other); no policy "
		"needs that, and it cannot be written back safely",
		MAX_NESTING);
	return 1;
}

static int empty_heading(void *ctx, int line)
{
	policy_doc *doc = ctx;

	return policy__diag_addf(doc->diags, POLICY_SEVERITY_WARNING, "empty-heading", doc->path,
				 doc->meta.body_line + (unsigned)line - 1,
				 "a heading with no text is not a section; it is left out");
}

static int copy_terms(policy_doc *doc, const policy_rules *rules)
{
	const fact_term *terms;
	size_t n = policy__rules_terms(rules, &terms);

	if (n == 0)
		return 0;
	if ((doc->terms = policy__arena_alloc(&doc->mem, n * sizeof(*doc->terms))) == NULL)
		return policy__error_nomem();
	for (size_t i = 0; i < n; i++) {
		doc->terms[i] = terms[i];
		if ((doc->terms[i].phrase = policy__arena_strdup(&doc->mem, terms[i].phrase)) ==
		    NULL)
			return policy__error_nomem();
	}
	doc->term_count = n;
	return 0;
}

size_t policy__doc_fact_terms(const policy_doc *doc, const fact_term **terms)
{
	*terms = doc->terms;
	return doc->term_count;
}

/* Chunks of the body cmark is not to read: each is fed as its heading's
 * line and a blank line for each of its others, so every line keeps its
 * number and the section its source. */
typedef struct {
	const body_chunk *chunks;
	size_t count;
	const unsigned char *blank; /* per chunk */
} body_skip;

static void feed_body(cmark_parser *parser, const policy_doc *doc, const body_skip *skip)
{
	char blanks[256];
	size_t from = 0;

	memset(blanks, '\n', sizeof(blanks));
	for (size_t i = 0; skip != NULL && i < skip->count; i++) {
		const body_chunk *c = &skip->chunks[i];

		if (!skip->blank[i])
			continue;
		cmark_parser_feed(parser, doc->body + from, c->head_end - from);
		for (size_t rest = c->lines - 1, step; rest > 0; rest -= step) {
			step = rest < sizeof(blanks) ? rest : sizeof(blanks);
			cmark_parser_feed(parser, blanks, step);
		}
		from = c->end;
	}
	cmark_parser_feed(parser, doc->body + from, doc->body_len - from);
}

/* Mark the sections whose chunks were blank (the heading on the chunk's
 * first line is the one section of a simple chunk). */
static void mark_elided(policy_doc *doc, const body_skip *skip)
{
	size_t c = 0;

	for (size_t i = 0; skip != NULL && i < doc->section_count; i++) {
		unsigned line = (unsigned)policy__outline_start_line(doc->extra[i].node);

		while (c < skip->count && skip->chunks[c].line < line)
			c++;
		if (c < skip->count && skip->chunks[c].line == line && skip->blank[c]) {
			doc->extra[i].elided = 1;
			doc->extra[i].chunk_hash = skip->chunks[c].hash;
			doc->elided_count++;
		}
	}
}

/* A parser of every tree a document has: the tree memory's allocator
 * (cmark inserts a node only among nodes of its own allocator, and
 * sanitising makes some) and GitHub's tables, for SDK and data lists are
 * tables in real policies. Its nodes go to the tree memory entered on the
 * thread, else to the heap. */
static cmark_parser *new_parser(void)
{
	cmark_parser *parser =
		cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, policy__treemem_allocator());

	pthread_once(&extensions_once, cmark_gfm_core_extensions_ensure_registered);
	if (parser != NULL)
		cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension("table"));
	return parser;
}

static int parse_body(policy_doc *doc, const policy_doc_options *opts, const body_skip *skip)
{
	cmark_parser *parser;
	int rc;
	int blank = 1;

	for (size_t i = 0; i < doc->body_len && blank; i++)
		blank = doc->body[i] == ' ' || doc->body[i] == '\n' || doc->body[i] == '\r' ||
			doc->body[i] == '\t';
	if (blank)
		DIAG(doc, POLICY_SEVERITY_ERROR, "empty-body", doc->meta.body_line,
		     "the policy has no text after its front matter");
	if ((doc->tree_mem = policy__treemem_new(doc->body_len)) == NULL ||
	    (parser = new_parser()) == NULL)
		return policy__error_nomem();
	/* the tree, and what sanitising and lifting headings add to it, in
	 * the document's own tree memory */
	policy__treemem_enter(doc->tree_mem);
	feed_body(parser, doc, skip);
	doc->root = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	if (doc->root == NULL)
		rc = policy__error_nomem();
	else if ((rc = sanitise(doc)) == 0 && (rc = copy_terms(doc, opts->rules)) == 0)
		rc = policy__outline_lift(doc->root, &doc->mem, empty_heading, doc);
	policy__treemem_leave();
	if (rc < 0)
		return rc;
	if (too_deep(doc))
		return 0; /* unusable: no sections to build */
	if ((rc = build_sections(doc, opts->rules)) == 0)
		mark_elided(doc, skip);
	return rc;
}

/* The layers before the body's tree: the bytes, the front matter, the
 * metadata. With `adopt` not NULL the document takes its buffer (holding
 * `data`) and keeps the body there instead of a copy: a loaded file is
 * not copied again. With `map` not NULL, `data` is that mapping of `len`
 * bytes, which the document takes likewise. The body is left to
 * finish_source(); doc->body_ready tells whether there is one to parse. */
static int open_source(policy_doc **out, const char *path, const char *data, size_t len,
		       const policy_doc_options *opts, policy_buf *adopt, void *map)
{
	policy_doc *doc;
	frontmatter fm;
	size_t bad;
	int rc;

	*out = NULL;
	if (path == NULL || (data == NULL && len > 0))
		return policy__error_set(POLICY_EINVALID, "no source given");
	if ((rc = policy__options_check(opts->version, POLICY_DOC_OPTIONS_VERSION,
					"policy_doc_options")) < 0)
		return rc;
	doc = calloc(1, sizeof(*doc));
	if (doc == NULL) {
		policy__file_unmap(map, len);
		return policy__error_nomem();
	}
	doc->map = map;
	doc->map_len = map ? len : 0;
	if (adopt != NULL && adopt->ptr != NULL) {
		doc->source = adopt->ptr;
		adopt->ptr = NULL;
		adopt->size = adopt->asize = 0;
	}
	if ((rc = policy_diags_new(&doc->diags)) < 0)
		goto fail;
	rc = POLICY_ENOMEM;
	if ((doc->path = policy__arena_strdup(&doc->mem, path)) == NULL)
		goto fail;
	doc->layout_path = doc->path;
	if (opts->version >= 2 && opts->layout_path != NULL &&
	    (doc->layout_path = policy__arena_strdup(&doc->mem, opts->layout_path)) == NULL)
		goto fail;
	doc->meta.title = "";
	doc->meta.version_text = "";
	doc->preamble = "";
	doc->body = "";

	if (len > POLICY_DOC_MAX_SIZE) {
		if (policy__diag_addf(doc->diags, POLICY_SEVERITY_FATAL, "too-large", path, 1,
				      "the file is %zu bytes, over the limit of %u", len,
				      POLICY_DOC_MAX_SIZE) < 0)
			goto fail;
		*out = doc;
		return 0;
	}
	bad = policy__utf8_invalid_offset(data, len);
	if (bad < len) {
		if (policy__diag_addf(doc->diags, POLICY_SEVERITY_FATAL, "invalid-utf8", path,
				      line_of(data, bad),
				      "byte 0x%02x at offset %zu is not valid UTF-8",
				      (unsigned char)data[bad], bad) < 0)
			goto fail;
		*out = doc;
		return 0;
	}
	rc = policy__frontmatter_parse(&fm, data, len, doc->path, doc->diags, &doc->mem);
	if (rc < 0)
		goto fail;
	if (fm.body_line == 0) {
		/* No front matter to speak of: the whole file is unusable. */
		*out = doc;
		return 0;
	}
	doc->meta.body_line = fm.body_line;
	if ((rc = read_meta(doc, &fm, rc == 1)) < 0)
		goto fail;
	if (doc->source != NULL || doc->map != NULL)
		doc->body = data + fm.body_offset; /* NUL-terminated, as a policy_buf is */
	else if ((doc->body = policy__arena_strndup(&doc->mem, data + fm.body_offset,
						    len - fm.body_offset)) == NULL) {
		rc = policy__error_nomem();
		goto fail;
	}
	doc->body_len = len - fm.body_offset;
	doc->body_ready = 1;
	*out = doc;
	return 0;
fail:
	policy_doc_free(doc);
	return rc < 0 ? rc : policy__error_nomem();
}

/* The body parsed (the chunks `skip` names fed blank), its coverage
 * checked and the diagnostics put in order. */
static int finish_source(policy_doc *doc, const policy_doc_options *opts, const body_skip *skip)
{
	int rc;

	if (!doc->body_ready)
		return 0;
	doc->body_ready = 0;
	if ((rc = parse_body(doc, opts, skip)) < 0)
		return rc;
	if (policy_doc_usable(doc) == 0 && (rc = check_coverage(doc, &opts->now)) < 0)
		return rc;
	policy__diags_sort_by_line(doc->diags);
	policy_error_clear();
	return 0;
}

/* The body of a document just opened (`rc`, the opening's result),
 * parsed whole; on a failure the document is freed. */
static int finish_opened(policy_doc **out, const policy_doc_options *opts, int rc)
{
	if (rc < 0)
		return rc;
	if ((rc = finish_source(*out, opts, NULL)) < 0) {
		policy_doc_free(*out);
		*out = NULL;
	}
	return rc;
}

/* policy_doc_parse(), `adopt` and `map` as for open_source(). */
static int parse_source(policy_doc **out, const char *path, const char *data, size_t len,
			const policy_doc_options *opts, policy_buf *adopt, void *map)
{
	static const policy_doc_options defaults = POLICY_DOC_OPTIONS_INIT;

	if (opts == NULL)
		opts = &defaults;
	return finish_opened(out, opts, open_source(out, path, data, len, opts, adopt, map));
}

int policy_doc_parse(policy_doc **out, const char *path, const char *data, size_t len,
		     const policy_doc_options *opts)
{
	return parse_source(out, path, data, len, opts, NULL, NULL);
}

/* A document of one fatal diagnostic, for a file too large to read. */
static int doc_too_large(policy_doc **out, const char *path, unsigned long long size)
{
	int rc = policy_doc_parse(out, path, "", 0, NULL);

	if (rc < 0)
		return rc;
	policy_diags_free((*out)->diags);
	(*out)->diags = NULL;
	if ((rc = policy_diags_new(&(*out)->diags)) == 0)
		rc = policy__diag_addf((*out)->diags, POLICY_SEVERITY_FATAL, "too-large", path, 1,
				       "the file is %llu bytes, over the limit of %u", size,
				       POLICY_DOC_MAX_SIZE);
	if (rc < 0) {
		policy_doc_free(*out);
		*out = NULL;
	}
	return rc;
}

/* The file read (mapped when it can be) and opened as open_source()
 * does; the body is left to finish_source(). */
static int open_file(policy_doc **out, const char *path, const policy_doc_options *opts)
{
	policy_buf data = POLICY_BUF_INIT;
	struct stat st;
	void *map;
	size_t len = 0;
	int rc;

	*out = NULL;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    (unsigned long long)st.st_size > POLICY_DOC_MAX_SIZE)
		return doc_too_large(out, path, (unsigned long long)st.st_size);
	if ((map = policy__file_map(path, POLICY_DOC_MAX_SIZE, &len)) != NULL)
		return open_source(out, path, map, len, opts, NULL, map);
	rc = policy_file_read(&data, path, POLICY_DOC_MAX_SIZE);
	if (rc == 0)
		rc = open_source(out, path, data.ptr ? data.ptr : "", data.size, opts, &data, NULL);
	policy_buf_dispose(&data);
	return rc;
}

int policy_doc_load(policy_doc **out, const char *path, const policy_doc_options *opts)
{
	static const policy_doc_options defaults = POLICY_DOC_OPTIONS_INIT;

	if (opts == NULL)
		opts = &defaults;
	return finish_opened(out, opts, open_file(out, path, opts));
}

int policy__doc_open(policy_doc **out, const char *path, const char *data, size_t len,
		     const policy_doc_options *opts)
{
	return data != NULL ? open_source(out, path, data, len, opts, NULL, NULL)
			    : open_file(out, path, opts);
}

int policy__doc_chunks(const policy_doc *doc, body_chunk **out, size_t *count)
{
	if (!doc->body_ready) {
		*out = NULL;
		*count = 0;
		return 0;
	}
	return policy__body_chunks(doc->body, doc->body_len, out, count);
}

int policy__doc_finish(policy_doc *doc, const policy_doc_options *opts, const body_chunk *chunks,
		       size_t count, const unsigned char *blank)
{
	body_skip skip = {chunks, count, blank};

	return finish_source(doc, opts, blank != NULL ? &skip : NULL);
}

int policy__doc_section_elided(const policy_doc *doc, size_t i, uint64_t *hash)
{
	if (i >= doc->section_count || !doc->extra[i].elided)
		return 0;
	*hash = doc->extra[i].chunk_hash;
	return 1;
}

size_t policy__doc_elided_count(const policy_doc *doc)
{
	return doc->elided_count;
}

void policy_doc_free(policy_doc *doc)
{
	if (doc == NULL)
		return;
	if (doc->root != NULL)
		cmark_node_free(doc->root); /* frees the nodes made outside the tree memory */
	policy__treemem_free(doc->tree_mem);
	policy_diags_free(doc->diags);
	free(doc->sections);
	free(doc->extra);
	free(doc->fields);
	free(doc->records.items);
	policy__strmap_dispose(&doc->ids);
	policy__strmap_dispose(&doc->dups);
	policy__arena_free(&doc->mem);
	free(doc->source);
	policy__file_unmap(doc->map, doc->map_len);
	free(doc);
}

int policy_doc_usable(const policy_doc *doc)
{
	for (size_t i = 0; i < policy_diags_count(doc->diags); i++) {
		const policy_diag *d = policy_diags_at(doc->diags, i);

		if (d->severity == POLICY_SEVERITY_FATAL)
			return policy__error_set_at(POLICY_EPARSE, d->file, d->line, "%s: %s",
						    d->code, d->message);
	}
	return 0;
}

const policy_diags *policy_doc_diags(const policy_doc *doc)
{
	return doc->diags;
}

const policy_meta *policy_doc_meta(const policy_doc *doc)
{
	return &doc->meta;
}

const char *policy_doc_path(const policy_doc *doc)
{
	return doc->path;
}

size_t policy_doc_section_count(const policy_doc *doc)
{
	return doc->section_count;
}

const policy_section *policy_doc_section_at(const policy_doc *doc, size_t i)
{
	return i < doc->section_count ? &doc->sections[i] : NULL;
}

const policy_section *policy_doc_find_section(const policy_doc *doc, const char *id)
{
	const size_t *i = policy__strmap_get(&doc->ids, id);

	return i != NULL ? &doc->sections[*i] : NULL;
}

const char *policy_doc_preamble(const policy_doc *doc, size_t *len)
{
	*len = doc->preamble_len;
	return doc->preamble;
}

cmark_node *policy__doc_tree(const policy_doc *doc)
{
	return doc->root;
}

/* The plain text of an elided section, read from its source: a simple
 * chunk reads alone as it reads in the document (chunks.c), once
 * sanitised the same way. Its own tree, freed here; any thread. */
static int elided_plain(const policy_doc *doc, const policy_section *s, policy_buf *out)
{
	/* no tree memory is entered here: the nodes come from the heap */
	cmark_parser *parser = new_parser();
	cmark_node *root;
	int rc;

	if (parser == NULL)
		return policy__error_nomem();
	cmark_parser_feed(parser, s->text, s->text_len);
	root = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	if (root == NULL)
		return policy__error_nomem();
	/* nothing is reported: the document's diagnostics are made */
	rc = sanitise_tree(doc, root, s->text, s->text_len, 0);
	for (cmark_node *n = cmark_node_first_child(root); n != NULL && rc == 0;
	     n = cmark_node_next(n))
		rc = policy__plain_block(out, n);
	cmark_node_free(root);
	return rc;
}

int policy__doc_section_plain(const policy_doc *doc, size_t i, policy_buf *out)
{
	cmark_node *n;
	int rc = 0;

	policy__buf_clear(out);
	if (i == DOC_PREAMBLE)
		n = doc->root != NULL ? cmark_node_first_child(doc->root) : NULL;
	else if (i < doc->section_count && doc->extra[i].elided) {
		rc = elided_plain(doc, &doc->sections[i], out);
		n = NULL;
	} else if (i < doc->section_count)
		n = cmark_node_next(doc->extra[i].node);
	else
		return 0;
	for (; n != NULL && cmark_node_get_type(n) != CMARK_NODE_HEADING && rc == 0;
	     n = cmark_node_next(n))
		rc = policy__plain_block(out, n);
	while (rc == 0 && out->size > 0 && out->ptr[out->size - 1] == '\n')
		out->ptr[--out->size] = '\0';
	return rc;
}

const char *policy__doc_body(const policy_doc *doc, size_t *len)
{
	*len = doc->body_len;
	return doc->body;
}

size_t policy__doc_section_index(const policy_doc *doc, const policy_section *s)
{
	return (size_t)(s - doc->sections);
}

size_t policy__doc_section_attr_len(const policy_doc *doc, size_t i)
{
	return i < doc->section_count ? doc->extra[i].attr_len : 0;
}

int policy_doc_options_init(policy_doc_options *opts, unsigned version)
{
	static const policy_doc_options defaults = POLICY_DOC_OPTIONS_INIT;
	int rc = policy__options_check(version, POLICY_DOC_OPTIONS_VERSION, "policy_doc_options");

	if (rc == 0)
		*opts = defaults;
	return rc;
}
