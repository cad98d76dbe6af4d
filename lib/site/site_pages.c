/*
 * The site's own pages: the archive page of a policy (versions.html,
 * every version newest first, for users to review and download) and the
 * site's index.html. Both are templates (templates/versions.html and
 * index.html) whose sample list item is repeated once per entry; labels
 * come from the catalogue of the page's language (render/labels.c; each
 * entry of the index in its own), data in text nodes and attributes.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "site.h"
#include "template.h"

typedef struct {
	const site_plan *plan;
	const site_stream *stream;
	const char *locale; /* for lang-* conditions */
	size_t item;        /* the entry being filled */
	int bundle;         /* the archive page inside a bundle */
} pages_ctx;

static int set_text(template_el *el, const char *text)
{
	return policy__template_set_text(el, text) < 0 ? -1 : 1;
}

static int set_href(template_el *el, const char *href)
{
	return policy__template_set_attr(el, "href", href);
}

/* "recipients and third parties, contact", in the page's language. */
static int categories_text(template_el *el, unsigned categories)
{
	const labels *words = policy__template_labels(el);
	policy_buf text = POLICY_BUF_INIT;
	int rc = 0;

	for (unsigned bit = 1; bit < (1u << POLICY_CATEGORY_COUNT) && rc == 0; bit <<= 1)
		if (categories & bit) {
			if (text.size > 0)
				rc = policy__buf_puts(&text,
						      policy__label(words, "list-separator"));
			if (rc == 0)
				rc = policy__buf_puts(&text, policy__label_category(words, bit));
		}
	if (rc == 0)
		rc = policy__template_set_text(el, text.ptr ? text.ptr : "");
	policy_buf_dispose(&text);
	return rc < 0 ? -1 : 1;
}

/* The versions newest first. */
static const site_version *nth_newest(const site_stream *s, size_t i)
{
	return &s->versions[s->count - 1 - i];
}

static int version_fill(void *payload, const char *name, template_el *el)
{
	pages_ctx *c = payload;
	const site_version *v = nth_newest(c->stream, c->item);
	char buf[160];

	if (strcmp(name, "v-version") == 0)
		return set_text(el, v->pub.version_text);
	if (strcmp(name, "v-level") == 0) {
		const labels *words = policy__template_labels(el);

		snprintf(buf, sizeof(buf), "level level-%s", policy_level_name(v->pub.level));
		if (policy__template_set_attr(el, "class", buf) < 0)
			return -1;
		/* the first version changed nothing: it is the first release */
		return set_text(el, v->diff[0] ? policy__label_level(words, v->pub.level)
					       : policy__label(words, "level-first"));
	}
	if (strcmp(name, "v-categories") == 0)
		return categories_text(el, v->pub.categories);
	if (strcmp(name, "v-released") == 0 || strcmp(name, "v-effective") == 0) {
		policy_date_format(buf, name[2] == 'r' ? &v->pub.released : &v->pub.effective);
		if (policy__template_set_attr(el, "datetime", buf) < 0)
			return -1;
		return set_text(el, buf);
	}
	if (strcmp(name, "v-summary") == 0)
		return set_text(el, v->pub.summary);
	if (strcmp(name, "v-html") == 0 || strcmp(name, "v-markdown") == 0) {
		snprintf(buf, sizeof(buf), "%s.%s", v->pub.version_text,
			 name[2] == 'h' ? "html" : "md");
		return set_href(el, buf);
	}
	if (strcmp(name, "v-diff") == 0)
		return set_href(el, v->diff);
	return 0;
}

static int version_cond(void *payload, const char *name)
{
	pages_ctx *c = payload;
	size_t index = c->stream->count - 1 - c->item;
	const site_version *v = &c->stream->versions[index];

	/* a bundle depends on the published versions alone, not on the day */
	if (strcmp(name, "v-current") == 0)
		return !c->bundle && c->stream->current == (long)index;
	if (strcmp(name, "v-upcoming") == 0)
		return !c->bundle && c->stream->current < (long)index;
	if (strcmp(name, "v-summary") == 0)
		return v->pub.summary[0] != '\0';
	if (strcmp(name, "v-diff") == 0)
		return v->diff[0] != '\0';
	if (strcmp(name, "v-categories") == 0)
		return v->pub.categories != 0;
	if (strncmp(name, "lang-", 5) == 0)
		return policy__template_lang_is(c->locale, name + 5);
	return 0;
}

static int version_item(void *payload, size_t i, template_el *item)
{
	pages_ctx *c = payload;
	template_filler f = {version_fill, version_cond, c};

	c->item = i;
	return policy__template_fill_node(item, &f);
}

static int versions_fill(void *payload, const char *name, template_el *el)
{
	pages_ctx *c = payload;
	const site_stream *s = c->stream;
	char buf[300];

	if (strcmp(name, "title") == 0) {
		snprintf(buf, sizeof(buf), "%s · %s", s->title,
			 policy__label(policy__template_labels(el), "earlier-versions"));
		return set_text(el, buf);
	}
	if (strcmp(name, "policy-title") == 0)
		return set_text(el, s->title);
	if (strcmp(name, "versions") == 0)
		return policy__template_repeat(el, s->count, version_item, c) < 0 ? -1 : 1;
	if (strcmp(name, "zip") == 0 || strcmp(name, "tgz") == 0) {
		snprintf(buf, sizeof(buf), "../../archive/%s-%s.%s", s->policy, s->locale,
			 name[0] == 'z' ? "zip" : "tar.gz");
		return set_href(el, buf);
	}
	if (strcmp(name, "sums") == 0)
		return set_href(el, "../../archive/SHA256SUMS");
	return 0;
}

static int lang_cond(void *payload, const char *name)
{
	pages_ctx *c = payload;

	if (strcmp(name, "has-current") == 0)
		return c->stream != NULL && c->stream->current >= 0 && !c->bundle;
	if (strcmp(name, "bundle") == 0)
		return c->bundle;
	return strncmp(name, "lang-", 5) == 0 && policy__template_lang_is(c->locale, name + 5);
}

int policy__site_page_versions(policy_buf *out, const site_plan *plan, const site_stream *s,
			       int bundle)
{
	pages_ctx c = {plan, s, s->locale, 0, bundle};
	template_filler f = {versions_fill, lang_cond, &c};

	return policy__template_render(out, "versions.html", plan->template_dir, &f, s->locale);
}

static int policy_fill(void *payload, const char *name, template_el *el)
{
	pages_ctx *c = payload;
	const site_stream *s = &c->plan->streams[c->item];
	char buf[300];

	if (strcmp(name, "p-title") == 0)
		return set_text(el, s->title);
	if (strcmp(name, "p-locale") == 0)
		return set_text(el, s->locale);
	if (strcmp(name, "p-language") == 0)
		return set_text(el, policy__label_language(s->locale));
	if (strcmp(name, "p-version") == 0)
		return set_text(el,
				s->current >= 0 ? s->versions[s->current].pub.version_text : "-");
	if (strcmp(name, "p-current") == 0 || strcmp(name, "p-archive") == 0 ||
	    strcmp(name, "p-manifest") == 0) {
		snprintf(buf, sizeof(buf), "%s/%s/%s", s->policy, s->locale,
			 name[2] == 'c'   ? (s->current >= 0 ? "current.html" : "versions.html")
			 : name[2] == 'a' ? "versions.html"
					  : "index.json");
		return set_href(el, buf);
	}
	return 0;
}

static int policy_item(void *payload, size_t i, template_el *item)
{
	pages_ctx *c = payload;
	template_filler f = {policy_fill, lang_cond, c};
	labels *words = NULL;
	int rc;

	c->item = i;
	/* Each entry speaks its own language, its labels too. */
	if ((rc = policy__template_set_attr(item, "lang", c->plan->streams[i].locale)) < 0 ||
	    (rc = policy__labels_open(&words, c->plan->streams[i].locale, c->plan->template_dir)) <
		    0)
		return rc;
	policy__template_set_labels(item, words);
	rc = policy__template_fill_node(item, &f);
	policy__labels_free(words);
	return rc;
}

static int index_fill(void *payload, const char *name, template_el *el)
{
	pages_ctx *c = payload;

	if (strcmp(name, "title") == 0)
		return set_text(el, c->plan->title);
	if (strcmp(name, "policies") == 0)
		return policy__template_repeat(el, c->plan->count, policy_item, c) < 0 ? -1 : 1;
	return 0;
}

int policy__site_page_index(policy_buf *out, const site_plan *plan)
{
	const char *lang = plan->default_locale ? plan->default_locale : "und";
	pages_ctx c = {plan, NULL, lang, 0, 0};
	template_filler f = {index_fill, lang_cond, &c};

	return policy__template_render(out, "index.html", plan->template_dir, &f, lang);
}
