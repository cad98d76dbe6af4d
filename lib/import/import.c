/*
 * Importing a policy from plain text, Markdown, a web page or a Word file.
 * The readers (import_text.c, import_html.c, import_docx.c) turn the input
 * into blocks (import_block.c); then, for all alike:
 *
 * 1. metadata (import_meta.c): short lines naming a release or effective date or a
 *    version (发布日期：2020年8月, Last updated: May 26, 2023, 当前政策版本：
 *    2.0, Version 2.0) give the front matter and leave the body;
 * 2. the title: the page's first heading, else its first short line;
 * 3. headings (import_outline.c): a short numbered line that does not read as a sentence is
 *    a heading; each numbering style used (一、 （一） 1. 1.1 (1) 第一条 ...)
 *    gets a depth by its place in the numbering system (style_rank), so
 *    mixed numbering nests the way such documents are written; headings
 *    an HTML page marks as such keep their relative levels instead;
 * 4. the source is written (import_write.c) (front matter through libyaml, the body as
 *    CommonMark with the policy's text escaped), ids made unique, and
 *    parsed once more to report what `check` would.
 * Everything found, guessed or missing is a note.
 */
#define _GNU_SOURCE
#include "policy/import.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "array.h"
#include "buf.h"
#include "error.h"
#include "import_internal.h"
#include "internal.h"
#include "policy/document.h"
#include "render_internal.h"
#include "utf8.h"

#define EDGE_BLOCKS 12 /* blocks at either end where long text may state dates */

struct policy_import {
	import_doc doc;
	policy_buf source;
	const char *format;
	const char *locale;
};
/* --- the import ------------------------------------------------------------ */

static int looks_like_html(const char *data, size_t len)
{
	size_t i = 0;

	while (i < len && (isspace((unsigned char)data[i]) || (unsigned char)data[i] == 0xEF ||
			   (unsigned char)data[i] == 0xBB || (unsigned char)data[i] == 0xBF))
		i++;
	if (i < len && data[i] == '<')
		return 1;
	for (size_t k = 0; k + 5 < len && k < 4096; k++)
		if (data[k] == '<' && (strncasecmp(data + k, "<html", 5) == 0 ||
				       strncasecmp(data + k, "<body", 5) == 0 ||
				       strncasecmp(data + k, "<p>", 3) == 0))
			return 1;
	return 0;
}

static const char *guess_locale(import_doc *d, policy_import *r)
{
	policy_buf tag = POLICY_BUF_INIT;
	size_t cjk = 0, all = 0;
	const char *locale;

	if (d->lang != NULL && d->lang[0]) {
		/* zh-cn as written in pages: the region in capitals. */
		int rc = policy__buf_puts(&tag, d->lang);
		char *dash = rc == 0 ? strchr(tag.ptr, '-') : NULL;

		if (rc == 0) {
			for (char *p = tag.ptr; p < (dash ? dash : tag.ptr + tag.size); p++)
				*p = (char)tolower((unsigned char)*p);
			if (dash && strlen(dash + 1) == 2)
				for (char *p = dash + 1; *p; p++)
					*p = (char)toupper((unsigned char)*p);
		}
		locale = rc == 0 && policy_locale_valid(tag.ptr)
				 ? policy__arena_strdup(&d->mem, tag.ptr)
				 : NULL;
		policy_buf_dispose(&tag);
		if (locale != NULL) {
			policy__import_note(d, "found", "locale", locale, 0,
					    "the page's lang attribute");
			return locale;
		}
	}
	for (size_t i = 0; i < d->count; i++) {
		const char *s = d->blocks[i].plain;
		size_t pos = 0, n = strlen(s);

		while (pos < n) {
			int32_t c = policy__utf8_next(s, n, &pos);

			all += c > 0 && policy__utf8_is_alnum(c);
			cjk += c > 0 && policy__utf8_is_cjk(c);
		}
	}
	locale = cjk * 5 > all ? "zh-CN" : "en";
	policy__import_note(d, "guessed", "locale", locale, 0,
			    cjk * 5 > all
				    ? "most of the text is Chinese; give --locale to say otherwise"
				    : "the text is not Chinese; give --locale to say otherwise");
	(void)r;
	return locale;
}

static int names_a_policy(const char *s)
{
	static const char *const words[] = {"隐私",    "政策",   "个人信息保护",
					    "privacy", "policy", "notice"};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcasestr(s, words[i]) != NULL)
			return 1;
	return 0;
}

/* The page's h1; else, of the first few short lines, one that names a
 * policy, else the first; else the page's <title>. */
static const char *find_title(import_doc *d, const char *locale)
{
	long first = -1, named = -1;
	size_t seen = 0;
	char style[24];

	for (size_t i = 0; i < d->count && seen < 5; i++) {
		block *b = &d->blocks[i];

		if (b->dropped || b->kind == BLOCK_BREAK)
			continue;
		seen++;
		if (b->kind == BLOCK_HEADING && b->level == 1) {
			first = named = (long)i;
			break;
		}
		if (b->kind != BLOCK_PARA || policy__import_code_points(b->plain) > 40 ||
		    policy__import_ends_like_sentence(b->plain) ||
		    policy__numbering_style(b->plain, style, sizeof(style)) > 0)
			continue;
		if (first < 0)
			first = (long)i;
		if (named < 0 && names_a_policy(b->plain))
			named = (long)i;
	}
	if (named < 0 && seen > 0 && first == 0)
		named = first;
	if (named >= 0) {
		block *b = &d->blocks[named];

		b->title = 1;
		policy__import_note(d, "found", "title", b->plain, b->line,
				    "the first heading, or a short line naming the policy");
		return b->plain;
	}
	if (d->title != NULL && d->title[0]) {
		policy__import_note(d, "found", "title", d->title, 0, "the page's <title>");
		return d->title;
	}
	if (first >= 0) {
		block *b = &d->blocks[first];

		b->title = 1;
		policy__import_note(d, "guessed", "title", b->plain, b->line,
				    "the first short line");
		return b->plain;
	}
	locale = strncmp(locale, "zh", 2) == 0 ? "隐私政策" : "Privacy Policy";
	policy__import_note(d, "missing", "title", locale, 0,
			    "no title found; a generic one is used");
	return locale;
}

/* Parse what was written, as check would, and note its problems. */
static int self_check(policy_import *r, const char *name)
{
	policy_doc_options opts = POLICY_DOC_OPTIONS_INIT;
	policy_doc *doc = NULL;
	const policy_diags *diags;
	char message[600];
	int rc = policy_doc_parse(&doc, name ? name : "imported.md", r->source.ptr, r->source.size,
				  &opts);

	if (rc < 0)
		return rc;
	diags = policy_doc_diags(doc);
	for (size_t i = 0; i < policy_diags_count(diags) && rc == 0; i++) {
		const policy_diag *g = policy_diags_at(diags, i);

		if (g->severity < POLICY_SEVERITY_ERROR || strcmp(g->code, "no-policy-id") == 0)
			continue;
		snprintf(message, sizeof(message), "the result fails check: %s [%s]", g->message,
			 g->code);
		rc = policy__import_note(&r->doc, "missing", "check", "", g->line, message);
	}
	policy_doc_free(doc);
	return rc;
}

int policy_import_parse(policy_import **out, const char *data, size_t len,
			const policy_import_options *opts)
{
	static const policy_import_options defaults = POLICY_IMPORT_OPTIONS_INIT;
	meta_value meta[3];
	policy_buf norm = POLICY_BUF_INIT;
	policy_import *r;
	policy_meta m;
	policy_date today;
	char released[11], effective[11];
	const char *name;
	int html, word, md, rc = 0;

	*out = NULL;
	if (opts == NULL)
		opts = &defaults;
	if ((rc = policy__options_check(opts->version, POLICY_IMPORT_OPTIONS_VERSION,
					"policy_import_options")) < 0)
		return rc;
	if (data == NULL && len > 0)
		return policy__error_set(POLICY_EINVALID, "nothing to import");
	if (opts->locale != NULL && !policy_locale_valid(opts->locale))
		return policy__error_set(POLICY_EINVALID, "\"%.40s\" is not a BCP 47 language tag",
					 opts->locale);
	if (len > POLICY_DOC_MAX_SIZE)
		return policy__error_set_at(POLICY_EPARSE, opts->name, 1,
					    "the input is %zu bytes, over the limit of %u", len,
					    POLICY_DOC_MAX_SIZE);
	name = opts->name ? opts->name : "input";
	today = opts->today.year ? opts->today : policy_date_today();
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return policy__error_nomem();
	word = opts->format == POLICY_IMPORT_DOCX ||
	       (opts->format == POLICY_IMPORT_AUTO &&
		policy__import_looks_like_docx(data ? data : "", len));
	html = !word &&
	       (opts->format == POLICY_IMPORT_HTML ||
		(opts->format == POLICY_IMPORT_AUTO && looks_like_html(data ? data : "", len)));
	md = !word && !html &&
	     (opts->format == POLICY_IMPORT_MARKDOWN ||
	      (opts->format == POLICY_IMPORT_AUTO &&
	       policy__import_looks_like_markdown(data ? data : "", len)));
	r->format = word ? "docx" : html ? "html" : md ? "markdown" : "text";
	rc = word   ? policy__import_docx(&r->doc, data ? data : "", len, name)
	     : html ? policy__import_html(&r->doc, data ? data : "", len, name)
	     : md   ? policy__import_read_markdown(&r->doc, data ? data : "", len, name)
		    : policy__import_read_text(&r->doc, data ? data : "", len, name);
	if (rc == 0 && opts->format == POLICY_IMPORT_AUTO)
		rc = policy__import_note(&r->doc, "guessed", "format", r->format, 0,
					 word   ? "the input is a zip: read as a Word file"
					 : html ? "the input looks like HTML"
					 : md   ? "the input has Markdown headings or tables: its "
						  "body is kept as it is"
						: "the input is not HTML: read as text");
	memset(meta, 0, sizeof(meta));
	for (size_t i = 0; i < r->doc.count && rc == 0; i++)
		if (r->doc.blocks[i].kind == BLOCK_PARA || r->doc.blocks[i].kind == BLOCK_HEADING)
			rc = policy__import_scan_meta(&r->doc.blocks[i], meta, &norm,
						      i < EDGE_BLOCKS ||
							      i + EDGE_BLOCKS >= r->doc.count);
	for (size_t i = 0; i < r->doc.count && rc == 0; i++)
		if (r->doc.blocks[i].dropped)
			rc = policy__import_note(
				&r->doc, "dropped", "metadata", r->doc.blocks[i].plain,
				r->doc.blocks[i].line,
				"a line of dates or version, now in the front matter");
	if (rc < 0)
		goto fail;
	memset(&m, 0, sizeof(m));
	if (opts->locale != NULL)
		rc = policy__import_note(&r->doc, "found", "locale", opts->locale, 0, "given");
	r->locale = opts->locale ? opts->locale : guess_locale(&r->doc, r);
	m.locale = r->locale;
	m.policy = opts->policy;
	m.title = find_title(&r->doc, r->locale);
	if (rc < 0 ||
	    (rc = policy__import_settle_meta(&r->doc, meta, &m, &today, released, effective)) < 0 ||
	    (!md && (rc = policy__import_assign_levels(&r->doc)) < 0))
		goto fail;
	{
		size_t headings = 0;
		char count[32];

		for (size_t i = 0; i < r->doc.count; i++)
			headings +=
				r->doc.blocks[i].kind == BLOCK_HEADING && !r->doc.blocks[i].title;
		snprintf(count, sizeof(count), "%zu", headings);
		rc = policy__import_note(
			&r->doc, headings ? "found" : "missing", "headings", count, 0,
			headings ? "sections from the numbering or the page's headings"
				 : "no numbered heading found: the body is one section");
	}
	if (rc == 0 && md) {
		/* Markdown keeps its body; a title heading only when it has none */
		size_t blen;
		const char *body = policy__import_markdown_body(data, len, &blen);
		int has_h1 = 0;

		for (size_t i = 0; i < r->doc.count && !has_h1; i++)
			has_h1 = r->doc.blocks[i].kind == BLOCK_HEADING &&
				 r->doc.blocks[i].level == 1;
		if ((rc = policy__markdown_front_matter(&r->source, &m)) == 0 &&
		    (rc = policy__buf_puts(&r->source, "---\n\n")) == 0 && !has_h1 &&
		    (rc = policy__buf_puts(&r->source, "# ")) == 0 &&
		    (rc = policy__import_escape(&r->source, m.title, strlen(m.title))) == 0)
			rc = policy__buf_puts(&r->source, "\n\n");
		if (rc == 0)
			rc = policy__buf_put(&r->source, body, blen);
		if (rc == 0 && (r->source.size == 0 || r->source.ptr[r->source.size - 1] != '\n'))
			rc = policy__buf_putc(&r->source, '\n');
	} else if (rc == 0 && (rc = policy__markdown_front_matter(&r->source, &m)) == 0 &&
		   (rc = policy__buf_puts(&r->source, "---\n\n# ")) == 0 &&
		   (rc = policy__import_escape(&r->source, m.title, strlen(m.title))) == 0 &&
		   (rc = policy__buf_puts(&r->source, "\n\n")) == 0)
		rc = policy__import_write_body(&r->doc, &r->source, r->locale);
	while (rc == 0 && r->source.size > 1 && r->source.ptr[r->source.size - 1] == '\n' &&
	       r->source.ptr[r->source.size - 2] == '\n')
		r->source.ptr[--r->source.size] = '\0';
	if (rc == 0)
		rc = self_check(r, name);
	if (rc < 0)
		goto fail;
	policy_buf_dispose(&norm);
	*out = r;
	return 0;
fail:
	policy_buf_dispose(&norm);
	policy_import_free(r);
	return rc;
}

void policy_import_free(policy_import *result)
{
	if (result == NULL)
		return;
	free(result->doc.blocks);
	free(result->doc.notes);
	policy__arena_free(&result->doc.mem);
	policy_buf_dispose(&result->source);
	free(result);
}

const char *policy_import_source(const policy_import *result, size_t *len)
{
	if (len != NULL)
		*len = result->source.size;
	return result->source.ptr ? result->source.ptr : "";
}

const char *policy_import_format_name(const policy_import *result)
{
	return result->format;
}

const char *policy_import_locale(const policy_import *result)
{
	return result->locale;
}

size_t policy_import_note_count(const policy_import *result)
{
	return result->doc.note_count;
}

const policy_import_note *policy_import_note_at(const policy_import *result, size_t i)
{
	return i < result->doc.note_count ? &result->doc.notes[i] : NULL;
}

int policy_import_options_init(policy_import_options *opts, unsigned version)
{
	static const policy_import_options defaults = POLICY_IMPORT_OPTIONS_INIT;
	int rc = policy__options_check(version, POLICY_IMPORT_OPTIONS_VERSION,
				       "policy_import_options");

	if (rc == 0)
		*opts = defaults;
	return rc;
}
