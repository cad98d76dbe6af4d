/* The server's reading of a request path, apart from any connection:
 * percent-decoding and the route a path names. Pure functions, so that
 * tests and fuzzers reach them directly. */
#ifndef POLICY_SERVE_PATH_H
#define POLICY_SERVE_PATH_H

#include <stddef.h>

#define SERVE_PATH_MAX 1024

typedef enum {
	SERVE_NOT_FOUND = 0, /* no route, or a path that could step out of the site */
	SERVE_HEALTH,        /* /healthz */
	SERVE_NEGOTIATE,     /* /<policy>/current */
	SERVE_CURRENT,       /* /<policy>/<locale>/current */
	SERVE_NOTICE,        /* /<policy>/<locale>/notice */
	SERVE_FILE,          /* a file of the site: `rel` */
} serve_kind;

typedef struct {
	serve_kind kind;
	char policy[SERVE_PATH_MAX + 1];
	char locale[SERVE_PATH_MAX + 1];
	char rel[SERVE_PATH_MAX + 8]; /* SERVE_FILE: relative to the site */
} serve_route;

/* Decode %XX in place, as libmicrohttpd would, except that an encoded NUL
 * becomes a control character (which no route accepts) instead of ending
 * the string early. Returns the new length. */
size_t policy__serve_unescape(char *s);

/* The route of a decoded path. Segments that are empty, start with a dot,
 * or hold a backslash or a control character name nothing; "/" is
 * index.html; /<policy>/<locale>/<version> is that version's page. */
void policy__serve_route_path(serve_route *out, const char *path);

#endif
