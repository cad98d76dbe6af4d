/*
 * Escaping for the pages written from compiled templates (template.c),
 * the body (render_html.c) and the redline. The rules are those libxml2's
 * HTML serialiser follows, which wrote these pages before: text escapes
 * &, <, > and CR and keeps UTF-8 as it is; attribute values are quoted
 * with ' when they hold " but no ', else with " (and " escaped);
 * URI attributes are percent-encoded outside the characters a URI keeps
 * (after &, < and > became entities).
 */
#include "html.h"

#include <string.h>

#include "buf.h"

static int put_escaped(policy_buf *out, const char *s, size_t len, int attr)
{
	size_t start = 0;

	for (size_t i = 0; i < len; i++) {
		const char *with;

		switch (s[i]) {
		case '&':
			with = "&amp;";
			break;
		case '<':
			with = "&lt;";
			break;
		case '>':
			with = "&gt;";
			break;
		case '\r':
			with = "&#13;";
			break;
		case '"':
			with = attr ? "&quot;" : NULL;
			break;
		default:
			with = NULL;
		}
		if (with == NULL)
			continue;
		if (policy__buf_put(out, s + start, i - start) < 0 ||
		    policy__buf_puts(out, with) < 0)
			return -1;
		start = i + 1;
	}
	return policy__buf_put(out, s + start, len - start);
}

int policy__html_text(policy_buf *out, const char *text, size_t len)
{
	return put_escaped(out, text, len, 0);
}

int policy__html_quoted(policy_buf *out, const char *value, size_t len)
{
	return put_escaped(out, value, len, 1);
}

/* Does a URI keep byte `c` as it is (RFC 2396's unreserved characters and
 * those libxml2 leaves in href)? */
static int uri_keeps(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c != '\0' && strchr("-_.!~*'()@/:=?;#%&,+", c) != NULL);
}

static int put_uri(policy_buf *out, const char *value)
{
	static const char hex[] = "0123456789ABCDEF";

	while (*value == ' ' || *value == '\t' || *value == '\n' || *value == '\r')
		value++;
	for (const unsigned char *p = (const unsigned char *)value; *p != '\0'; p++) {
		char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
		int rc = *p == '&'       ? policy__buf_puts(out, "&amp;")
			 : *p == '<'     ? policy__buf_puts(out, "&lt;")
			 : *p == '>'     ? policy__buf_puts(out, "&gt;")
			 : uri_keeps(*p) ? policy__buf_putc(out, (char)*p)
					 : policy__buf_put(out, esc, 3);

		if (rc < 0)
			return -1;
	}
	return 0;
}

static int is_uri_attr(const char *name)
{
	return strcmp(name, "href") == 0 || strcmp(name, "src") == 0 || strcmp(name, "action") == 0;
}

int policy__html_attr(policy_buf *out, const char *name, const char *value)
{
	char quote;

	if (policy__buf_putc(out, ' ') < 0 || policy__buf_puts(out, name) < 0)
		return -1;
	if (value == NULL)
		return 0;
	if (is_uri_attr(name)) {
		if (policy__buf_puts(out, "=\"") < 0 || put_uri(out, value) < 0)
			return -1;
		return policy__buf_putc(out, '"');
	}
	/* libxml2 quotes a value holding " but no ' with ' */
	quote = strchr(value, '"') != NULL && strchr(value, '\'') == NULL ? '\'' : '"';
	if (policy__buf_putc(out, '=') < 0 || policy__buf_putc(out, quote) < 0 ||
	    put_escaped(out, value, strlen(value), quote == '"') < 0)
		return -1;
	return policy__buf_putc(out, quote);
}

int policy__html_start(policy_buf *out, const char *tag, const char *const *attrs, size_t count)
{
	if (policy__buf_putc(out, '<') < 0 || policy__buf_puts(out, tag) < 0)
		return -1;
	for (size_t i = 0; i < count; i++)
		if (policy__html_attr(out, attrs[2 * i], attrs[2 * i + 1]) < 0)
			return -1;
	return policy__buf_putc(out, '>');
}

int policy__html_end(policy_buf *out, const char *tag)
{
	if (policy__buf_puts(out, "</") < 0 || policy__buf_puts(out, tag) < 0)
		return -1;
	return policy__buf_putc(out, '>');
}

int policy__html_element(policy_buf *out, const char *tag, const char *attr, const char *value,
			 const char *text, size_t len)
{
	const char *const attrs[2] = {attr, value};

	if (policy__html_start(out, tag, attrs, attr != NULL) < 0 ||
	    policy__html_text(out, text, len) < 0)
		return -1;
	return policy__html_end(out, tag);
}
