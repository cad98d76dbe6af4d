/*
 * Front matter: a YAML block between a first line "---" and the next line
 * "---" (or "..."). libyaml's event parser reads it; we accept only a
 * mapping of scalar keys to scalar values, because every key we know is a
 * scalar, and say exactly where anything else stands. Values stay strings:
 * typing them (dates, versions) is the document's job, so that `2.10` is
 * never read as the float 2.1.
 *
 * Events, not libyaml's document loader: the loader resolves every alias
 * by a scan of the anchors before it (100,000 anchors took 45 s), and a
 * tree is not needed to read a flat mapping. What is nested is skipped by
 * counting depth, and refused past FM_DEPTH_MAX, which stops libyaml's
 * scanner before its per-token walk of open levels grows quadratic.
 * Duplicate keys are found by sorting, not by comparing every pair.
 */
#include "frontmatter.h"

#include <stdlib.h>
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
		fm_entry *n = policy__arena_alloc(mem, ncap * sizeof(*n));

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

#define FM_DEPTH_MAX 64
#define FM_SIZE_MAX (256u * 1024u)

static int fatal(policy_diags *diags, const char *code, const char *path, unsigned line,
		 const char *message, const char *detail)
{
	return policy__diag_addf(diags, POLICY_SEVERITY_FATAL, code, path, line, "%s%s", message,
				 detail ? detail : "") < 0
		       ? POLICY_ENOMEM
		       : 1;
}

/* The line in the source of a mark in the YAML (which starts on line 2). */
static unsigned line_of(const yaml_mark_t *m)
{
	return (unsigned)m->line + 2;
}

static int by_key_then_line(const void *x, const void *y)
{
	const fm_entry *a = x, *b = y;
	int c = strcmp(a->key, b->key);

	return c != 0 ? c : (a->line > b->line) - (a->line < b->line);
}

/* Every key given twice, reported at its later line, naming the first. */
static int report_duplicates(const frontmatter *fm, const char *path, policy_diags *diags,
			     arena *mem)
{
	fm_entry *sorted;
	int rc = 0;

	if (fm->count < 2)
		return 0;
	if ((sorted = policy__arena_alloc(mem, fm->count * sizeof(*sorted))) == NULL)
		return POLICY_ENOMEM;
	memcpy(sorted, fm->entries, fm->count * sizeof(*sorted));
	qsort(sorted, fm->count, sizeof(*sorted), by_key_then_line);
	for (size_t i = 1, first = 0; i < fm->count; i++) {
		if (strcmp(sorted[i].key, sorted[first].key) != 0) {
			first = i;
			continue;
		}
		if (policy__diag_addf(diags, POLICY_SEVERITY_FATAL, "duplicate-key", path,
				      sorted[i].line, "%s: given twice (first on line %u)",
				      sorted[i].key, sorted[first].line) < 0)
			return POLICY_ENOMEM;
		rc = 1;
	}
	return rc;
}

/* Skip the rest of a collection whose start event was just read. 0, or
 * the parse failed / went too deep (1 with a diagnostic). */
static int skip_nested(yaml_parser_t *parser, const char *path, policy_diags *diags)
{
	unsigned depth = 1;

	while (depth > 0) {
		yaml_event_t ev;
		int type;

		if (!yaml_parser_parse(parser, &ev))
			return fatal(diags, "front-matter-syntax", path,
				     line_of(&parser->problem_mark),
				     "front matter is not valid YAML: ",
				     parser->problem ? parser->problem : "unknown problem");
		type = ev.type;
		yaml_event_delete(&ev);
		if (type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT)
			depth++;
		else if (type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT)
			depth--;
		else if (type == YAML_STREAM_END_EVENT)
			break;
		if (depth > FM_DEPTH_MAX)
			return fatal(diags, "front-matter-syntax", path, line_of(&parser->mark),
				     "front matter nests deeper than 64 levels", NULL);
	}
	return 0;
}

/* The first control character of a value (C0 but tab and line feed,
 * DEL, C1), or -1. A NUL (YAML's "\0") would silently cut the value; an
 * ESC would reach a terminal through `policyctl log`. */
static long control_char(const unsigned char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if ((s[i] < 0x20 && s[i] != '\t' && s[i] != '\n') || s[i] == 0x7f)
			return s[i];
		if (s[i] == 0xc2 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9f)
			return s[i + 1];
	}
	return -1;
}

/* The next event, or 1 with a diagnostic when the YAML is not valid. */
static int next_event(yaml_parser_t *parser, yaml_event_t *ev, const char *path,
		      policy_diags *diags)
{
	if (yaml_parser_parse(parser, ev))
		return 0;
	return fatal(diags, "front-matter-syntax", path, line_of(&parser->problem_mark),
		     "front matter is not valid YAML: ",
		     parser->problem ? parser->problem : "unknown problem");
}

static int read_mapping(frontmatter *fm, yaml_parser_t *parser, const char *path,
			policy_diags *diags, arena *mem)
{
	yaml_event_t ev;
	yaml_mark_t at;
	size_t cap = 0;
	int rc = 0, r;

	/* STREAM-START, then DOCUMENT-START, or STREAM-END when empty. */
	do {
		if ((r = next_event(parser, &ev, path, diags)) != 0)
			return r;
		r = ev.type;
		at = ev.start_mark;
		yaml_event_delete(&ev);
	} while (r == YAML_STREAM_START_EVENT || r == YAML_DOCUMENT_START_EVENT);
	if (r == YAML_STREAM_END_EVENT || r == YAML_DOCUMENT_END_EVENT)
		return fatal(diags, "empty-front-matter", path, 1, "front matter is empty", NULL);
	if (r != YAML_MAPPING_START_EVENT)
		return fatal(diags, "front-matter-syntax", path, line_of(&at),
			     "front matter is not a mapping of keys to values", NULL);
	for (;;) {
		yaml_event_t key, value;
		fm_entry e;
		unsigned line;

		if ((r = next_event(parser, &key, path, diags)) != 0)
			return r;
		if (key.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&key);
			break;
		}
		line = line_of(&key.start_mark);
		if (key.type != YAML_SCALAR_EVENT) {
			int nested = key.type == YAML_SEQUENCE_START_EVENT ||
				     key.type == YAML_MAPPING_START_EVENT;

			yaml_event_delete(&key);
			if (nested && (r = skip_nested(parser, path, diags)) != 0)
				return r;
			if (policy__diag_addf(diags, POLICY_SEVERITY_FATAL, "front-matter-syntax",
					      path, line,
					      "a front matter key is not a plain name") < 0)
				return POLICY_ENOMEM;
			rc = 1;
			if ((r = next_event(parser, &value, path, diags)) != 0)
				return r;
			nested = value.type == YAML_SEQUENCE_START_EVENT ||
				 value.type == YAML_MAPPING_START_EVENT;
			yaml_event_delete(&value);
			if (nested && (r = skip_nested(parser, path, diags)) != 0)
				return r;
			continue;
		}
		e.key = policy__arena_strndup(mem, (const char *)key.data.scalar.value,
					      key.data.scalar.length);
		e.line = line;
		e.value = NULL;
		yaml_event_delete(&key);
		if (e.key == NULL)
			return POLICY_ENOMEM;
		if ((r = next_event(parser, &value, path, diags)) != 0)
			return r;
		if (value.type != YAML_SCALAR_EVENT) {
			int nested = value.type == YAML_SEQUENCE_START_EVENT ||
				     value.type == YAML_MAPPING_START_EVENT;

			yaml_event_delete(&value);
			if (nested && (r = skip_nested(parser, path, diags)) != 0)
				return r;
			if (policy__diag_addf(
				    diags, POLICY_SEVERITY_FATAL, "bad-value", path, line,
				    nested ? "%s: value is a list or mapping, not a single value"
					   : "%s: value is an alias (*name), not a single value",
				    e.key) < 0)
				return POLICY_ENOMEM;
			rc = 1;
			continue;
		}
		{
			long c = control_char(value.data.scalar.value, value.data.scalar.length);

			if (c >= 0) {
				yaml_event_delete(&value);
				if (policy__diag_addf(diags, POLICY_SEVERITY_FATAL, "bad-value",
						      path, line,
						      "%s: holds the control character U+%04lX, "
						      "which no value "
						      "needs",
						      e.key, (unsigned long)c) < 0)
					return POLICY_ENOMEM;
				rc = 1;
				continue;
			}
		}
		/* A plain empty value ("key:") is YAML's null. */
		if (value.data.scalar.length > 0 ||
		    value.data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
			e.value = policy__arena_strndup(mem, (const char *)value.data.scalar.value,
							value.data.scalar.length);
			if (e.value == NULL) {
				yaml_event_delete(&value);
				return POLICY_ENOMEM;
			}
		}
		yaml_event_delete(&value);
		if (add_entry(fm, &cap, e, mem) < 0)
			return POLICY_ENOMEM;
	}
	/* A second document in the front matter is not one mapping. */
	if ((r = next_event(parser, &ev, path, diags)) != 0)
		return r;
	yaml_event_delete(&ev);
	if ((r = next_event(parser, &ev, path, diags)) != 0)
		return r;
	if (ev.type != YAML_STREAM_END_EVENT) {
		rc = fatal(diags, "front-matter-syntax", path, line_of(&ev.start_mark),
			   "front matter holds more than one YAML document", NULL);
	}
	yaml_event_delete(&ev);
	if ((r = report_duplicates(fm, path, diags, mem)) != 0)
		return r;
	return rc;
}

int policy__frontmatter_parse(frontmatter *out, const char *src, size_t len, const char *path,
			      policy_diags *diags, arena *mem)
{
	size_t start, i, yaml_start, yaml_end = 0;
	unsigned line = 2;
	int found = 0;
	yaml_parser_t parser;
	int rc;

	memset(out, 0, sizeof(*out));
	start = len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	i = line_end(src, len, start);
	if (!is_fence(src + start, i - start, "---"))
		return policy__diag_addf(
			       diags, POLICY_SEVERITY_FATAL, "no-front-matter", path, 1,
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
		return policy__diag_addf(
			       diags, POLICY_SEVERITY_FATAL, "unclosed-front-matter", path, 1,
			       "front matter opened here is never closed by a line \"---\"") < 0
			       ? POLICY_ENOMEM
			       : 1;

	if (yaml_end - yaml_start > FM_SIZE_MAX)
		return fatal(diags, "front-matter-syntax", path, 2,
			     "front matter is over 256 KiB: a source's front matter is a few lines",
			     NULL);
	if (!yaml_parser_initialize(&parser))
		return POLICY_ENOMEM;
	yaml_parser_set_input_string(&parser, (const unsigned char *)src + yaml_start,
				     yaml_end - yaml_start);
	rc = read_mapping(out, &parser, path, diags, mem);
	yaml_parser_delete(&parser);
	return rc;
}
