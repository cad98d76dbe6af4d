/*
 * The Atom feed (RFC 4287) of a policy's versions, newest first, written
 * with libxml2's xmlTextWriter so that every value is escaped. Times come
 * from the versions' release dates, never from the clock, so the feed is
 * the same bytes on every publish of the same versions. Links are
 * relative unless policyctl.yaml sets base_url; ids are unique to the
 * site either way (feed_id).
 */
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "policy/category.h"
#include "site.h"

typedef struct {
	xmlTextWriterPtr w;
	int failed;
} feed_writer;

static void start(feed_writer *f, const char *name)
{
	if (!f->failed && xmlTextWriterStartElement(f->w, BAD_CAST name) < 0)
		f->failed = 1;
}

static void end(feed_writer *f)
{
	if (!f->failed && xmlTextWriterEndElement(f->w) < 0)
		f->failed = 1;
}

static void attr(feed_writer *f, const char *name, const char *value)
{
	if (!f->failed && xmlTextWriterWriteAttribute(f->w, BAD_CAST name, BAD_CAST value) < 0)
		f->failed = 1;
}

static void element(feed_writer *f, const char *name, const char *text)
{
	if (!f->failed && xmlTextWriterWriteElement(f->w, BAD_CAST name, BAD_CAST text) < 0)
		f->failed = 1;
}

static void link_to(feed_writer *f, const char *rel, const char *href)
{
	start(f, "link");
	if (rel != NULL)
		attr(f, "rel", rel);
	attr(f, "href", href);
	end(f);
}

static void timestamp(char out[32], const policy_date *d)
{
	char day[11];

	policy_date_format(day, d);
	snprintf(out, 32, "%sT00:00:00Z", day);
}

/* `file` of the stream's directory: absolute under base_url, else relative. */
static void url(char *out, size_t size, const site_plan *plan, const site_stream *s,
		const char *file)
{
	const char *base = plan->base_url;

	if (base == NULL || base[0] == '\0')
		snprintf(out, size, "%s", file);
	else
		snprintf(out, size, "%s%s%s/%s/%s", base, base[strlen(base) - 1] == '/' ? "" : "/",
			 s->policy, s->locale, file);
}

/* An id no other site has (RFC 4287 4.2.6): the URL of `file` under
 * base_url; without one, a URN naming the commit of the stream's first
 * published version, which only this repository has. A version's id never
 * changes once published. */
static void feed_id(char *out, size_t size, const site_plan *plan, const site_stream *s,
		    const char *file, const char *version)
{
	if (plan->base_url != NULL && plan->base_url[0] != '\0')
		url(out, size, plan, s, file);
	else
		snprintf(out, size, "urn:policyctl:%.12s:%s:%s%s%s", s->versions[0].pub.commit,
			 s->policy, s->locale, version ? ":" : "", version ? version : "");
}

static void entry(feed_writer *f, const site_plan *plan, const site_stream *s,
		  const site_version *v)
{
	char when[32], file[160], href[1024], id[512];
	policy_buf title = POLICY_BUF_INIT;

	timestamp(when, &v->pub.released);
	snprintf(file, sizeof(file), "%s.html", v->pub.version_text);
	url(href, sizeof(href), plan, s, file);
	feed_id(id, sizeof(id), plan, s, file, v->pub.version_text);
	/* The title whole, however long: cut at a fixed size, it could end
	 * inside a character and make the feed invalid UTF-8. */
	if (policy__buf_puts(&title, v->pub.title[0] ? v->pub.title : s->title) < 0 ||
	    policy__buf_putc(&title, ' ') < 0 || policy__buf_puts(&title, v->pub.version_text) < 0)
		f->failed = 1;
	start(f, "entry");
	element(f, "id", id);
	element(f, "title", title.ptr ? title.ptr : "");
	policy_buf_dispose(&title);
	element(f, "updated", when);
	element(f, "published", when);
	link_to(f, "alternate", href);
	if (v->pub.summary[0] != '\0')
		element(f, "summary", v->pub.summary);
	start(f, "category");
	attr(f, "term", policy_level_name(v->pub.level));
	end(f);
	for (unsigned i = 0; i < POLICY_CATEGORY_COUNT; i++) {
		if (!(v->pub.categories & policy_category_at(i)))
			continue;
		start(f, "category");
		attr(f, "term", policy_category_name(policy_category_at(i)));
		end(f);
	}
	end(f);
}

int policy__feed_atom(policy_buf *out, const site_plan *plan, const site_stream *s)
{
	xmlBufferPtr xb = xmlBufferCreate();
	feed_writer f = {NULL, 0};
	char when[32], href[1024], id[512];
	int rc;

	if (xb == NULL || (f.w = xmlNewTextWriterMemory(xb, 0)) == NULL) {
		xmlBufferFree(xb);
		return policy__error_nomem();
	}
	xmlTextWriterSetIndent(f.w, 1);
	if (xmlTextWriterStartDocument(f.w, NULL, "UTF-8", NULL) < 0)
		f.failed = 1;
	start(&f, "feed");
	attr(&f, "xmlns", "http://www.w3.org/2005/Atom");
	attr(&f, "xml:lang", s->locale);
	feed_id(id, sizeof(id), plan, s, "feed.atom", NULL);
	element(&f, "id", id);
	element(&f, "title", s->title);
	timestamp(when, &s->versions[s->count - 1].pub.released);
	element(&f, "updated", when);
	url(href, sizeof(href), plan, s, "feed.atom");
	link_to(&f, "self", href);
	url(href, sizeof(href), plan, s, "versions.html");
	link_to(&f, "alternate", href);
	start(&f, "author");
	element(&f, "name", plan->title);
	end(&f);
	for (size_t i = s->count; i-- > 0;)
		entry(&f, plan, s, &s->versions[i]);
	end(&f);
	if (!f.failed && xmlTextWriterEndDocument(f.w) < 0)
		f.failed = 1;
	xmlFreeTextWriter(f.w);
	policy__buf_clear(out);
	rc = f.failed ? policy__error_nomem()
		      : policy__buf_put(out, (const char *)xmlBufferContent(xb),
					(size_t)xmlBufferLength(xb));
	xmlBufferFree(xb);
	return rc;
}
