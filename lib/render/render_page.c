/*
 * The standalone page and the fragment. The page is templates/page.html
 * with its slots filled from the document: metadata as text, the table of
 * contents as nested lists of links to section ids, the body as written
 * by policy__html_body(). Conditions available to data-if: "summary",
 * "upcoming" (a later version is announced; "upcoming-link" and
 * "upcoming-changes" when its page and redline are known), "level" (this
 * version's level is known; "changes" when its redline is), "archive" (a
 * page of earlier versions exists), "risk-high", and "lang-<language>".
 * Labels come from the catalogue of the page's language (labels.c).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "html.h"
#include "render_internal.h"
#include "template.h"

#define TOC_MAX_LEVEL 3

typedef struct {
	const policy_doc *doc;
	const policy_render_options *opts;
	char released[11];
	char effective[11];
} page_ctx;

/* The table of contents: nested lists of links, levels 2 to 3, written
 * as the sections come. An item stays open until the next item of its
 * level or a shallower one, so that a deeper list goes inside it; a deeper
 * section with no item above it opens its list where it is. */
static int build_toc(policy_buf *out, const policy_doc *doc)
{
	int list_open[TOC_MAX_LEVEL + 1] = {0}; /* an <ol> and its last <li> are open */
	policy_buf href = POLICY_BUF_INIT;
	int rc = 0;

	for (size_t i = 0; i < policy_doc_section_count(doc) && rc == 0; i++) {
		const policy_section *s = policy_doc_section_at(doc, i);
		const char *attrs[2] = {"href", NULL};
		int level = s->level;

		if (level < 2 || level > TOC_MAX_LEVEL)
			continue;
		for (int l = TOC_MAX_LEVEL; l > level && rc == 0; l--)
			if (list_open[l]) {
				rc = policy__buf_puts(out, "</li></ol>");
				list_open[l] = 0;
			}
		if (rc == 0)
			rc = policy__buf_puts(out, list_open[level] ? "</li><li>" : "<ol><li>");
		list_open[level] = 1;
		policy__buf_clear(&href);
		if (rc == 0 && (rc = policy__buf_putc(&href, '#')) == 0 &&
		    (rc = policy__buf_puts(&href, s->id)) == 0) {
			attrs[1] = href.ptr;
			rc = policy__html_start(out, "a", attrs, 1);
		}
		if (rc == 0)
			rc = policy__html_text(out, s->title, strlen(s->title));
		if (rc == 0)
			rc = policy__html_end(out, "a");
	}
	for (int l = TOC_MAX_LEVEL; l >= 2 && rc == 0; l--)
		if (list_open[l])
			rc = policy__buf_puts(out, "</li></ol>");
	policy_buf_dispose(&href);
	return rc < 0 ? policy__error_nomem() : 0;
}

/* Point a link at `href`; its label (the template's, or data-label's)
 * stays. 0: the children are walked on. */
static int set_href(template_el *el, const char *href)
{
	return href != NULL ? policy__template_set_attr(el, "href", href) : 0;
}

/* This version's level, in words: "Major change", a first release's
 * "First release". */
static int level_slot(template_el *el, const page_ctx *ctx)
{
	const labels *words = policy__template_labels(el);
	int level = ctx->opts->level;
	char cls[48];
	const char *text = level == POLICY_LEVEL_NONE && ctx->opts->changes_href == NULL
				   ? policy__label(words, "level-first")
				   : policy__label_level(words, (policy_level)level);

	snprintf(cls, sizeof(cls), "level level-%s", policy_level_name((policy_level)level));
	if (policy__template_set_attr(el, "class", cls) < 0)
		return -1;
	return policy__template_set_text(el, text) < 0 ? -1 : 1;
}

/* "Version 2.0 (Major change) takes effect on 2024-02-01. ..." */
static int upcoming_text(template_el *el, const page_ctx *ctx)
{
	const labels *words = policy__template_labels(el);
	static const char *const names[] = {"version", "level", "date"};
	const char *values[3] = {
		ctx->opts->upcoming_version,
		ctx->opts->upcoming_level >= 0
			? policy__label_level(words, (policy_level)ctx->opts->upcoming_level)
			: "?",
		ctx->opts->upcoming_effective};
	policy_buf text = POLICY_BUF_INIT;
	int rc = policy__label_format(
		&text, words, ctx->opts->upcoming_level >= 0 ? "upcoming" : "upcoming-plain", names,
		values, 3);

	if (rc == 0)
		rc = policy__template_set_text(el, text.ptr);
	policy_buf_dispose(&text);
	return rc < 0 ? -1 : 1;
}

static int fill(void *payload, const char *name, template_el *el)
{
	page_ctx *ctx = payload;
	const policy_meta *m = policy_doc_meta(ctx->doc);
	const char *text = NULL;

	if (strcmp(name, "body") == 0 || strcmp(name, "toc") == 0) {
		policy_buf *markup = policy__template_markup(el);

		if (markup == NULL)
			return -1;
		return (name[0] == 'b' ? policy__html_body(markup, ctx->doc)
				       : build_toc(markup, ctx->doc)) < 0
			       ? -1
			       : 1;
	}
	if (strcmp(name, "title") == 0)
		text = m->title;
	else if (strcmp(name, "version") == 0)
		text = m->version_text;
	else if (strcmp(name, "released") == 0)
		text = ctx->released;
	else if (strcmp(name, "effective") == 0)
		text = ctx->effective;
	else if (strcmp(name, "summary") == 0)
		text = m->summary ? m->summary : "";
	else if (strcmp(name, "policy") == 0)
		text = m->policy;
	else if (strcmp(name, "locale") == 0)
		text = m->locale;
	else if (strcmp(name, "level") == 0)
		return level_slot(el, ctx);
	else if (strcmp(name, "changes-link") == 0)
		return set_href(el, ctx->opts->changes_href);
	else if (strcmp(name, "upcoming-text") == 0)
		return upcoming_text(el, ctx);
	else if (strcmp(name, "upcoming-box") == 0)
		return policy__template_set_attr(el, "class",
						 ctx->opts->upcoming_level >= POLICY_LEVEL_MAJOR
							 ? "upcoming upcoming-major"
							 : "upcoming");
	else if (strcmp(name, "upcoming-link") == 0)
		return set_href(el, ctx->opts->upcoming_href);
	else if (strcmp(name, "upcoming-changes") == 0)
		return set_href(el, ctx->opts->upcoming_changes_href);
	else if (strcmp(name, "archive-link") == 0)
		return set_href(el, ctx->opts->archive_href);
	if (text == NULL)
		return 0;
	return policy__template_set_text(el, text) < 0 ? -1 : 1;
}

static int cond(void *payload, const char *name)
{
	page_ctx *ctx = payload;
	const policy_meta *m = policy_doc_meta(ctx->doc);

	if (strcmp(name, "summary") == 0)
		return m->summary != NULL && m->summary[0] != '\0';
	if (strcmp(name, "risk-high") == 0)
		return m->risk != NULL && strcmp(m->risk, "high") == 0;
	if (strncmp(name, "lang-", 5) == 0)
		return policy__template_lang_is(m->locale, name + 5);
	if (strcmp(name, "upcoming") == 0)
		return ctx->opts->upcoming_version != NULL && ctx->opts->upcoming_effective != NULL;
	if (strcmp(name, "archive") == 0)
		return ctx->opts->archive_href != NULL;
	if (strcmp(name, "level") == 0)
		return ctx->opts->level >= 0 && ctx->opts->level <= POLICY_LEVEL_CONSENT;
	if (strcmp(name, "changes") == 0)
		return ctx->opts->changes_href != NULL;
	if (strcmp(name, "upcoming-link") == 0)
		return ctx->opts->upcoming_href != NULL;
	if (strcmp(name, "upcoming-changes") == 0)
		return ctx->opts->upcoming_changes_href != NULL;
	return 0;
}

size_t policy__render_options_size(unsigned version)
{
	return version <= 1   ? offsetof(policy_render_options, upcoming_version)
	       : version == 2 ? offsetof(policy_render_options, level)
			      : sizeof(policy_render_options);
}

int policy__render_page(policy_buf *out, const policy_doc *doc, const policy_render_options *opts)
{
	policy_render_options all = POLICY_RENDER_OPTIONS_INIT;
	page_ctx ctx;
	template_filler f = {fill, cond, &ctx};

	/* only the fields of the caller's version: the rest keep defaults */
	memcpy(&all, opts, policy__render_options_size(opts->version));
	ctx.doc = doc;
	ctx.opts = &all;
	policy_date_format(ctx.released, &policy_doc_meta(doc)->released);
	policy_date_format(ctx.effective, &policy_doc_meta(doc)->effective);
	return policy__template_render(out, "page.html", opts->template_dir, &f,
				       policy_doc_meta(doc)->locale);
}

int policy__render_fragment(policy_buf *out, const policy_doc *doc)
{
	int rc;

	policy__buf_clear(out);
	rc = policy__html_body(out, doc);
	if (rc == 0 && (out->size == 0 || out->ptr[out->size - 1] != '\n'))
		rc = policy__buf_putc(out, '\n');
	return rc;
}
