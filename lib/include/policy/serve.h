/*
 * The HTTP endpoint apps fetch policies from: a published site (see
 * policy/publish.h) served read-only through libmicrohttpd, with what
 * static files cannot do: the version in effect at request time, the
 * locale picked from Accept-Language, the format from Accept, and the
 * notice due to a user who accepted a given version. A publish that swaps
 * the site is picked up by the next request; a request never mixes the
 * old site and the new one. Routes and headers are in
 * docs/app-integration.md.
 */
#ifndef POLICY_SERVE_H
#define POLICY_SERVE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Options for policy_serve_start(). Initialise with POLICY_SERVE_OPTIONS_INIT. */
typedef struct {
	unsigned version;
	const char *site_dir;     /**< the published site (required) */
	const char *address;      /**< IPv4 or IPv6 address to listen on */
	unsigned port;            /**< 0 for any free port (see policy_serve_port()) */
	unsigned threads;         /**< worker threads; 0 for one per CPU */
	unsigned max_connections; /**< connections at once; more are refused */
	unsigned idle_timeout;    /**< seconds before an idle connection is closed */
	size_t max_request;       /**< bytes of request line and headers */
} policy_serve_options;

#define POLICY_SERVE_OPTIONS_VERSION 1
#define POLICY_SERVE_OPTIONS_INIT                                                                  \
	{                                                                                          \
		POLICY_SERVE_OPTIONS_VERSION, NULL, "127.0.0.1", 8080, 0, 256, 30, 16384           \
	}

/**
 * Set `opts` to the defaults (as POLICY_SERVE_OPTIONS_INIT) for the options version
 * `version` the caller was built with (POLICY_SERVE_OPTIONS_VERSION). Returns 0, or
 * POLICY_EINVALID when this library does not know that version. Every
 * function taking these options refuses a version it does not know.
 */
POLICY_EXTERN int policy_serve_options_init(policy_serve_options *opts, unsigned version);

typedef struct policy_server policy_server;

/**
 * Start serving on background threads. Returns 0 and a server;
 * POLICY_EINVALID for a bad option or address; POLICY_ENOTFOUND when the
 * site directory does not exist or holds no site (index.json); POLICY_EIO
 * when the address cannot be bound. Stop with policy_serve_stop().
 */
POLICY_EXTERN int policy_serve_start(policy_server **out, const policy_serve_options *opts);

/** The port the server listens on. */
POLICY_EXTERN unsigned policy_serve_port(const policy_server *server);

/** Stop serving (requests in flight are closed) and free the server.
 * Accepts NULL. */
POLICY_EXTERN void policy_serve_stop(policy_server *server);

#ifdef __cplusplus
}
#endif

#endif
