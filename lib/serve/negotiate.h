/* HTTP content negotiation for the server: Accept-Language against the
 * locales a policy is published in, Accept for the format of a page, and
 * Accept-Encoding for gzip. Pure functions over header values. */
#ifndef POLICY_NEGOTIATE_H
#define POLICY_NEGOTIATE_H

#include <stddef.h>

/* The locale of `available` (count entries) that best serves the
 * Accept-Language value `header` (may be NULL): tags in order of their
 * q-values (q=0 refuses), each tried as it is, without its script subtag
 * (zh-Hans-CN to zh-CN), then shortened a subtag at a time (zh-CN to zh),
 * a bare language also matching a locale of that language; else
 * `fallback` when available, else the first. Comparison ignores case.
 * NULL when `count` is 0. */
const char *policy__negotiate_locale(const char *header, const char *const *available, size_t count,
				     const char *fallback);

typedef enum { NEGOTIATE_HTML, NEGOTIATE_JSON, NEGOTIATE_MARKDOWN } negotiate_format;

/* The format an Accept value asks for among HTML, JSON and Markdown; HTML
 * when it names none of them, or is NULL. */
negotiate_format policy__negotiate_accept(const char *header);

/* Does the Accept-Encoding value accept gzip (with a q-value above 0)? */
int policy__negotiate_gzip(const char *header);

/* Does the If-None-Match value match the entity tag `etag` ("\"...\"")? */
int policy__negotiate_etag_matches(const char *header, const char *etag);

#endif
