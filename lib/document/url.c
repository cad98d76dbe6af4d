/*
 * URLs as the document sees them: whether a link may be rendered, whether
 * an image loads from elsewhere, and the form of a destination that the
 * plain text compares (a link to the same page written another way reads
 * the same).
 */
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "internal.h"

/* Is `url` relative or of a safe scheme? A scheme is a letter, then
 * letters, digits, '+', '-' or '.', then ':' (RFC 3986; the WHATWG URL
 * parser reads anything else before a ':' as a relative path). Browsers
 * ignore control characters and spaces inside a scheme, so they are
 * skipped here too ("java\tscript:" is javascript:). */
int policy__url_is_safe(const char *url)
{
	static const char *const safe[] = {"http", "https", "mailto", "tel"};
	char scheme[16];
	size_t n = 0;
	int too_long = 0;

	if (strchr(url, ':') == NULL)
		return 1; /* cookie-policy.html, privacy-policy-2024.md */
	for (const char *p = url; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;
		int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

		if (c <= 0x20)
			continue;
		if (c == ':')
			break;
		if (!alpha &&
		    (n == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')))
			return 1; /* not a scheme: a relative reference */
		if (n == sizeof(scheme) - 1)
			too_long = 1;
		else
			scheme[n++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
	}
	if (too_long)
		return 0; /* a scheme, and none of the safe ones */
	scheme[n] = '\0';
	for (size_t i = 0; i < sizeof(safe) / sizeof(safe[0]); i++)
		if (strcmp(scheme, safe[i]) == 0)
			return 1;
	return 0;
}

/* Does an image's source load from another site (a scheme, or "//")?
 * The pages promise to load nothing from elsewhere: a remote image
 * would tell a third party who reads the policy, and when. */
int policy__url_is_remote(const char *url)
{
	while (*url != '\0' && (unsigned char)*url <= 0x20)
		url++;
	return strncmp(url, "//", 2) == 0 || strchr(url, ':') != NULL;
}

/* Query parameters that track a visit and never change the page: utm_*,
 * origin, ref, source, campaign, fbclid, gclid, msclkid, mc_cid, mc_eid,
 * _hsenc, _hsmi, _ga (and an empty one). Shared with facts.c's URLs. */
int policy__url_tracking_param(const char *p, size_t len)
{
	static const char *const names[] = {"origin", "ref",    "source",  "campaign",
					    "fbclid", "gclid",  "msclkid", "mc_cid",
					    "mc_eid", "_hsenc", "_hsmi",   "_ga"};

	if (len == 0 || (len >= 4 && strncmp(p, "utm_", 4) == 0))
		return 1;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t n = strlen(names[i]);

		if (len >= n && strncmp(p, names[i], n) == 0 && (len == n || p[n] == '='))
			return 1;
	}
	return 0;
}

/*
 * A link destination as the plain text shows it: empty for the page
 * itself ("" or "#"); otherwise without http(s):// , tracking parameters
 * or a trailing slash, so that a link to the same page written another
 * way reads the same (DESIGN's editorial level) and any other change of
 * destination is a change of text.
 */
int policy__url_dest_form(policy_buf *out, const char *url)
{
	size_t len, path_end, i;
	const char *q;
	int first = 1, rc = 0;

	policy__buf_clear(out);
	while (*url == ' ')
		url++;
	if (*url == '\0' || strcmp(url, "#") == 0)
		return 0;
	if (strncasecmp(url, "https://", 8) == 0)
		url += 8;
	else if (strncasecmp(url, "http://", 7) == 0)
		url += 7;
	len = strlen(url);
	path_end = strcspn(url, "?#");
	i = path_end;
	while (i > 0 && url[i - 1] == '/')
		i--;
	if ((rc = policy__buf_put(out, url, i)) < 0)
		return rc;
	if (url[path_end] != '?')
		return policy__buf_put(out, url + path_end, len - path_end);
	q = url + path_end + 1;
	while (rc == 0 && *q != '\0' && *q != '#') {
		size_t n = strcspn(q, "&#");

		if (!policy__url_tracking_param(q, n)) {
			rc = policy__buf_putc(out, first ? '?' : '&');
			if (rc == 0)
				rc = policy__buf_put(out, q, n);
			first = 0;
		}
		q += n;
		if (*q == '&')
			q++;
	}
	if (rc == 0 && *q == '#')
		rc = policy__buf_puts(out, q);
	return rc;
}
