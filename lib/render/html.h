/* Writing HTML markup: every text and attribute value goes through these,
 * escaped as libxml2's HTML serialiser escapes it, so that pages written
 * from compiled templates read the same as pages the DOM wrote. */
#ifndef POLICY_HTML_H
#define POLICY_HTML_H

#include "policy/buf.h"

/* `len` bytes of text as element content: &, <, > and CR escaped. */
int policy__html_text(policy_buf *out, const char *text, size_t len);

/* `len` bytes as the value of an attribute quoted with ": as text, and "
 * escaped too. */
int policy__html_quoted(policy_buf *out, const char *value, size_t len);

/* ` name="value"`: the value escaped (in '' when it holds " but no '); a URI attribute's (href,
 * src, action) percent-encoded outside the characters URIs keep; a NULL value writes the bare name.
 */
int policy__html_attr(policy_buf *out, const char *name, const char *value);

/* `<tag` with the `count` name and value pairs of `attrs`, then `>`. */
int policy__html_start(policy_buf *out, const char *tag, const char *const *attrs, size_t count);

/* `</tag>`. */
int policy__html_end(policy_buf *out, const char *tag);

/* `<tag attr="value">text</tag>`, without the attribute when `attr` is
 * NULL. */
int policy__html_element(policy_buf *out, const char *tag, const char *attr, const char *value,
			 const char *text, size_t len);

#endif
