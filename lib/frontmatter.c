/*
 * Front matter: a YAML block between a first line "---" and the next line
 * "---" (or "..."). libyaml reads it into a node tree; we accept only a
 * mapping of scalar keys to scalar values, because every key we know is a
 * scalar, and say exactly where anything else stands. Values stay strings:
 * typing them (dates, versions) is the document's job, so that `2.10` is
 * never read as the float 2.1.
 */
#include "frontmatter.h"

#include <string.h>
#include <yaml.h>

#include "internal.h"

static size_t line_end(const char *s, size_t len, size_t i)
{
	const char *nl = memchr(s + i, '\n', len - i);

	return nl ? (size_t)(nl - s) : len;
}

static int is_fence(const char *s, size_t n, const char *fence)
{
	while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n == 3 && memcmp(s, fence, 3) == 0;
}

static int add_entry(frontmatter *fm, size_t *cap, fm_entry e, arena *mem)
{
	if (fm->count == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		fm_entry *n = arena_alloc(mem, ncap * sizeof(*n));

		if (n == NULL)
			return POLICY_ENOMEM;
		if (fm->count > 0)
			memcpy(n, fm->entries, fm->count * sizeof(*n));
		fm->entries = n;
		*cap = ncap;
	}
	fm->entries[fm->count++] = e;
	return 0;
}

static int read_mapping(frontmatter *fm, yaml_document_t *ydoc, const char *path,
			policy_diags *diags, arena *mem)
{
	yaml_node_t *root = yaml_document_get_root_node(ydoc);
	size_t cap = 0;
	int rc = 0;

	if (root == NULL)
		return diag_addf(diags, POLICY_SEVERITY_FATAL, "empty-front-matter", path, 1,
				 "front matter is empty") < 0 ? POLICY_ENOMEM : 1;
	if (root->type != YAML_MAPPING_NODE)
		return diag_addf(diags, POLICY_SEVERITY_FATAL, "front-matter-syntax", path,
				 (unsigned)root->start_mark.line + 2,
				 "front matter is not a mapping of keys to values") < 0 ? POLICY_ENOMEM : 1;
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	     p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(ydoc, p->key);
		yaml_node_t *v = yaml_document_get_node(ydoc, p->value);
		unsigned line = (unsigned)k->start_mark.line + 2;
		fm_entry e;

		if (k->type != YAML_SCALAR_NODE) {
			if (diag_addf(diags, POLICY_SEVERITY_FATAL, "front-matter-syntax", path, line,
				      "a front matter key is not a plain name") < 0)
				return POLICY_ENOMEM;
			rc = 1;
			continue;
		}
		e.key = arena_strndup(mem, (const char *)k->data.scalar.value, k->data.scalar.length);
		e.line = line;
		e.value = NULL;
		if (e.key == NULL)
			return POLICY_ENOMEM;
		if (v->type != YAML_SCALAR_NODE) {
			if (diag_addf(diags, POLICY_SEVERITY_FATAL, "bad-value", path, line,
				      "%s: value is a list or mapping, not a single value", e.key) < 0)
				return POLICY_ENOMEM;
			rc = 1;
			continue;
		}
		/* A plain empty value ("key:") is YAML's null. */
		if (v->data.scalar.length > 0 || v->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
			e.value = arena_strndup(mem, (const char *)v->data.scalar.value,
						v->data.scalar.length);
			if (e.value == NULL)
				return POLICY_ENOMEM;
		}
		for (size_t i = 0; i < fm->count; i++) {
			if (strcmp(fm->entries[i].key, e.key) == 0) {
				if (diag_addf(diags, POLICY_SEVERITY_FATAL, "duplicate-key", path, line,
					      "%s: given twice (first on line %u)", e.key,
					      fm->entries[i].line) < 0)
					return POLICY_ENOMEM;
				rc = 1;
			}
		}
		if (add_entry(fm, &cap, e, mem) < 0)
			return POLICY_ENOMEM;
	}
	return rc;
}

int frontmatter_parse(frontmatter *out, const char *src, size_t len, const char *path,
		      policy_diags *diags, arena *mem)
{
	size_t start, i, yaml_start, yaml_end = 0;
	unsigned line = 2;
	int found = 0;
	yaml_parser_t parser;
	yaml_document_t ydoc;
	int rc;

	memset(out, 0, sizeof(*out));
	start = len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	i = line_end(src, len, start);
	if (!is_fence(src + start, i - start, "---"))
		return diag_addf(diags, POLICY_SEVERITY_FATAL, "no-front-matter", path, 1,
				 "the file does not start with front matter (a line \"---\")") < 0
			       ? POLICY_ENOMEM
			       : 1;
	yaml_start = i < len ? i + 1 : len;
	for (i = yaml_start; i < len; line++) {
		size_t e = line_end(src, len, i);

		if (is_fence(src + i, e - i, "---") || is_fence(src + i, e - i, "...")) {
			yaml_end = i;
			out->body_offset = e < len ? e + 1 : len;
			out->body_line = line + 1;
			found = 1;
			break;
		}
		i = e + 1;
	}
	if (!found)
		return diag_addf(diags, POLICY_SEVERITY_FATAL, "unclosed-front-matter", path, 1,
				 "front matter opened here is never closed by a line \"---\"") < 0
			       ? POLICY_ENOMEM
			       : 1;

	if (!yaml_parser_initialize(&parser))
		return POLICY_ENOMEM;
	yaml_parser_set_input_string(&parser, (const unsigned char *)src + yaml_start,
				     yaml_end - yaml_start);
	if (!yaml_parser_load(&parser, &ydoc)) {
		rc = diag_addf(diags, POLICY_SEVERITY_FATAL, "front-matter-syntax", path,
			       (unsigned)parser.problem_mark.line + 2, "front matter is not valid YAML: %s",
			       parser.problem ? parser.problem : "unknown problem") < 0
			     ? POLICY_ENOMEM
			     : 1;
		yaml_parser_delete(&parser);
		return rc;
	}
	rc = read_mapping(out, &ydoc, path, diags, mem);
	yaml_document_delete(&ydoc);
	yaml_parser_delete(&parser);
	return rc;
}
