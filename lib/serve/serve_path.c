/*
 * Request paths for the server. Everything that decides which file a path
 * names is here, before any file is opened: a path that is not plainly
 * "segment/segment/..." of ordinary names is refused, so that neither
 * "..", nor an encoded one, nor a hidden file, nor a NUL can reach the
 * file system (where openat2() then refuses links and escapes again).
 */
#include "serve_path.h"

#include <stdio.h>
#include <string.h>

#include "policy/version.h"

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

size_t policy__serve_unescape(char *s)
{
	char *out = s;

	for (char *in = s; *in; out++) {
		int hi, lo;

		if (in[0] == '%' && (hi = hex_digit(in[1])) >= 0 && (lo = hex_digit(in[2])) >= 0) {
			*out = (char)(hi * 16 + lo);
			if (*out == '\0')
				*out = 0x01;
			in += 3;
		} else {
			*out = *in++;
		}
	}
	*out = '\0';
	return (size_t)(out - s);
}

/* Split into at most 8 segments; -1 for one that names no file of a site. */
static int split(char *path, char **seg)
{
	int n = 0;

	for (char *p = path; *p;) {
		char *slash = strchr(p, '/');

		if (slash)
			*slash = '\0';
		if (n == 8 || *p == '\0' || *p == '.' || strchr(p, '\\') != NULL)
			return -1;
		for (const char *q = p; *q; q++)
			if ((unsigned char)*q < 0x20 || *q == 0x7f)
				return -1;
		seg[n++] = p;
		if (!slash)
			break;
		p = slash + 1;
		if (*p == '\0')
			return -1; /* a trailing slash */
	}
	return n;
}

void policy__serve_route_path(serve_route *out, const char *path)
{
	char copy[SERVE_PATH_MAX + 1], *seg[8];
	policy_version v;
	int n;

	memset(out, 0, sizeof(*out));
	if (strcmp(path, "/healthz") == 0) {
		out->kind = SERVE_HEALTH;
		return;
	}
	if (path[0] != '/' || strlen(path) > SERVE_PATH_MAX - 16)
		return;
	snprintf(copy, sizeof(copy), "%s", strcmp(path, "/") == 0 ? "/index.html" : path);
	if ((n = split(copy + 1, seg)) <= 0)
		return;
	if (n == 2 && strcmp(seg[1], "current") == 0) {
		out->kind = SERVE_NEGOTIATE;
		snprintf(out->policy, sizeof(out->policy), "%s", seg[0]);
		return;
	}
	if (n == 3 && (strcmp(seg[2], "current") == 0 || strcmp(seg[2], "notice") == 0)) {
		out->kind = seg[2][0] == 'c' ? SERVE_CURRENT : SERVE_NOTICE;
		snprintf(out->policy, sizeof(out->policy), "%s", seg[0]);
		snprintf(out->locale, sizeof(out->locale), "%s", seg[1]);
		return;
	}
	out->kind = SERVE_FILE;
	if (n == 3 && policy_version_parse(&v, seg[2]) == 0) {
		snprintf(out->rel, sizeof(out->rel), "%s/%s/%s.html", seg[0], seg[1], seg[2]);
		return;
	}
	for (int i = 0, at = 0; i < n && at >= 0 && (size_t)at < sizeof(out->rel); i++) {
		int w = snprintf(out->rel + at, sizeof(out->rel) - (size_t)at, "%s%s", seg[i],
				 i + 1 < n ? "/" : "");

		at = w < 0 ? -1 : at + w;
	}
}
