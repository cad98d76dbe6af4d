/*
 * The server over a published site, on libmicrohttpd's thread pool.
 *
 * A request works on one snapshot of the site: the directory the site's
 * path named when the request began, held open. publish swaps a new site
 * in with one rename, so a later stat of the path names another directory
 * and the next request starts a new snapshot; the old one is freed when
 * its last request is done. Should the old site be deleted while a
 * request still reads it, the request starts again on the new one, so
 * that no answer mixes the two.
 *
 * Files never change within a snapshot, so each is read once: its bytes,
 * its strong ETag (from a SHA-256 of the content) and a response object
 * with every header are kept and queued again for each request, gzip
 * twins beside them. Paths are resolved with openat2(RESOLVE_BENEATH |
 * RESOLVE_NO_SYMLINKS): nothing outside the site, no symbolic link, is
 * ever opened.
 */
#define _GNU_SOURCE
#include "policy/serve.h"
#include "policy/publish.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <linux/openat2.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "buf.h"
#include "digest.h"
#include "error.h"
#include "negotiate.h"
#include "policy/diff.h"
#include "policy/file.h"
#include "policy/notice.h"
#include "policy/timeline.h"
#include "policy/version.h"
#include "serve_gate.h"
#include "serve_path.h"

#define BUCKETS 1024
#define FILE_MAX (64u * 1024u * 1024u)
#define PATH_LIMIT SERVE_PATH_MAX
#define SHORT_CACHE "public, max-age=60"
#define IMMUTABLE "public, max-age=31536000, immutable"

/* A file of a snapshot, read once. Files over LARGE_FILE (the bundles)
 * are not kept in memory: their responses read them from an open
 * descriptor, so a snapshot that slow downloads still hold after a
 * publish costs a descriptor, not the file's bytes. */
#define LARGE_FILE (256u * 1024u)

typedef struct cached {
	char *path;
	char *data; /* NULL for a large file, read from `fd` */
	int fd;     /* a large file's, owned by `ok` once made */
	size_t len;
	char etag[72];
	const char *type;
	int immutable;
	struct MHD_Response *ok;      /* 200 with every header */
	struct MHD_Response *not_mod; /* 304 */
	struct cached *gz;            /* the twin, NULL when there is none */
	struct cached *next;
} cached;

/* A policy/locale's manifest, parsed once per snapshot: its JSON and its
 * versions typed for the library's timeline. */
typedef struct stream {
	char *rel;
	json_t *json;
	policy_timeline_entry *versions;
	size_t count;
	int broken; /* a version whose number, effective date or level does not read */
	struct stream *next;
} stream;

typedef struct snapshot {
	dev_t dev;
	ino_t ino;
	ino_t marker; /* of its POLICY_PUBLISH_MARKER: a new one, the site changes */
	int dirfd;
	unsigned refs;
	pthread_mutex_t lock; /* the cache below */
	cached *buckets[BUCKETS];
	size_t bytes;
	json_t *manifests; /* path -> its JSON, parsed on first use */
	stream *streams;   /* the manifests of policy/locale, typed on first use */
} snapshot;

struct policy_server {
	struct MHD_Daemon *daemon;
	size_t max_request; /* bytes of request line and headers */
	serve_gate *gate;   /* accepts connections, and closes slow ones */
	char *site;
	unsigned port;
	pthread_mutex_t lock; /* live and the snapshots' refs */
	snapshot *live;
};

/* What a request holds until it is done. */
typedef struct {
	policy_server *server;
	snapshot *snap;
} request;

/* --- snapshots ------------------------------------------------------- */

static void cached_free(cached *c)
{
	while (c != NULL) {
		cached *next = c->next;

		if (c->gz != NULL)
			cached_free(c->gz);
		if (c->ok)
			MHD_destroy_response(c->ok);
		if (c->not_mod)
			MHD_destroy_response(c->not_mod);
		if (c->fd >= 0)
			close(c->fd);
		free(c->path);
		free(c->data);
		free(c);
		c = next;
	}
}

static void stream_free(stream *m)
{
	while (m != NULL) {
		stream *next = m->next;

		free(m->rel);
		free(m->versions);
		free(m);
		m = next;
	}
}

static void snapshot_free(snapshot *s)
{
	for (size_t i = 0; i < BUCKETS; i++)
		cached_free(s->buckets[i]);
	stream_free(s->streams);
	json_decref(s->manifests);
	pthread_mutex_destroy(&s->lock);
	close(s->dirfd);
	free(s);
}

static void release(policy_server *srv, snapshot *s)
{
	int last;

	if (s == NULL)
		return;
	pthread_mutex_lock(&srv->lock);
	last = --s->refs == 0;
	pthread_mutex_unlock(&srv->lock);
	if (last)
		snapshot_free(s);
}

/* The site as its path names it now, with a reference for the caller. */
static snapshot *acquire(policy_server *srv)
{
	struct stat st;
	snapshot *s, *old = NULL;
	int fd;

	if (stat(srv->site, &st) < 0)
		return NULL;
	pthread_mutex_lock(&srv->lock);
	s = srv->live;
	if (s != NULL && s->dev == st.st_dev && s->ino == st.st_ino) {
		s->refs++;
		pthread_mutex_unlock(&srv->lock);
		return s;
	}
	pthread_mutex_unlock(&srv->lock);
	if ((fd = open(srv->site, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || (s = calloc(1, sizeof(*s))) == NULL) {
		close(fd);
		return NULL;
	}
	s->dirfd = fd;
	s->dev = st.st_dev;
	s->ino = st.st_ino;
	s->marker =
		fstatat(fd, POLICY_PUBLISH_MARKER, &st, AT_SYMLINK_NOFOLLOW) == 0 ? st.st_ino : 0;
	s->refs = 2; /* the server's and the caller's */
	s->manifests = json_object();
	pthread_mutex_init(&s->lock, NULL);
	pthread_mutex_lock(&srv->lock);
	if (srv->live != NULL && srv->live->dev == s->dev && srv->live->ino == s->ino) {
		/* Another request got here first. */
		srv->live->refs++;
		old = s;
		s = srv->live;
		old->refs = 0;
	} else {
		old = srv->live;
		srv->live = s;
	}
	pthread_mutex_unlock(&srv->lock);
	if (old != NULL && old->refs == 0)
		snapshot_free(old);
	else
		release(srv, old); /* the server's reference to the site before */
	return s;
}

/* Has the snapshot's directory been deleted, or is a publish changing it
 * (a site replaced by one publish is the spare the next builds in, and
 * gets a new marker first: docs/publish.md)? */
static int gone(const snapshot *s)
{
	struct stat st;

	if (fstat(s->dirfd, &st) < 0 || st.st_nlink == 0)
		return 1;
	/* a site without the marker (copied without its dot files) is never
	 * changed by a publish: only a deletion tells */
	return s->marker != 0 &&
	       (fstatat(s->dirfd, POLICY_PUBLISH_MARKER, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		st.st_ino != s->marker);
}

/* --- files ------------------------------------------------------------ */

/* Open `rel` beneath the site, following no symbolic link. */
static int open_beneath(int dirfd, const char *rel)
{
	struct open_how how;
	int fd;

	memset(&how, 0, sizeof(how));
	how.flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK; /* a FIFO must not block */
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
	fd = (int)syscall(SYS_openat2, dirfd, rel, &how, sizeof(how));
	if (fd >= 0 || errno != ENOSYS)
		return fd;
	/* Kernels before 5.6: one component at a time, none a link. */
	{
		char part[PATH_LIMIT + 1];
		const char *p = rel;
		int at = dirfd;

		for (;;) {
			const char *slash = strchr(p, '/');
			size_t n = slash ? (size_t)(slash - p) : strlen(p);

			memcpy(part, p, n);
			part[n] = '\0';
			fd = openat(at, part,
				    O_RDONLY | O_CLOEXEC | O_NOFOLLOW | (slash ? O_DIRECTORY : 0));
			if (at != dirfd)
				close(at);
			if (fd < 0 || slash == NULL)
				return fd;
			at = fd;
			p = slash + 1;
		}
	}
}

static const char *type_of(const char *path)
{
	static const char *const types[][2] = {
		{".html", "text/html; charset=utf-8"},
		{".md", "text/markdown; charset=utf-8"},
		{".json", "application/json; charset=utf-8"},
		{".atom", "application/atom+xml; charset=utf-8"},
		{".zip", "application/zip"},
		{".tar.gz", "application/gzip"},
		{"SHA256SUMS", "text/plain; charset=utf-8"},
	};
	size_t n = strlen(path);

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		size_t k = strlen(types[i][0]);

		if (n >= k && strcmp(path + n - k, types[i][0]) == 0)
			return types[i][1];
	}
	return "application/octet-stream";
}

/* <policy>/<locale>/<version>.html|.md and redlines never change. */
static int is_immutable(const char *path)
{
	const char *a = strchr(path, '/'), *b = a ? strchr(a + 1, '/') : NULL;
	char version[64];
	policy_version v;
	const char *dot;
	size_t n;

	if (b == NULL)
		return 0;
	if (strncmp(b + 1, "diff/", 5) == 0)
		return 1;
	dot = strrchr(b + 1, '.');
	if (dot == NULL || strchr(b + 1, '/') != NULL ||
	    (strcmp(dot, ".html") != 0 && strcmp(dot, ".md") != 0))
		return 0;
	n = (size_t)(dot - b - 1);
	if (n == 0 || n >= sizeof(version))
		return 0;
	memcpy(version, b + 1, n);
	version[n] = '\0';
	return policy_version_parse(&v, version) == 0;
}

static unsigned long hash_path(const char *p)
{
	unsigned long h = 5381;

	while (*p)
		h = h * 33 + (unsigned char)*p++;
	return h % BUCKETS;
}

static int add_headers(struct MHD_Response *r, const cached *c, int encoded, int vary)
{
	if (MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, c->etag) == MHD_NO ||
	    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL,
				    c->immutable ? IMMUTABLE : SHORT_CACHE) == MHD_NO)
		return -1;
	if (vary && MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, "Accept-Encoding") == MHD_NO)
		return -1;
	if (encoded &&
	    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip") == MHD_NO)
		return -1;
	return 0;
}

/* Read `rel` (and, for the identity, its .gz twin) into a new entry. */
static void set_etag(cached *c, const char *hex, int twin, const char *etag_base)
{
	if (twin)
		snprintf(c->etag, sizeof(c->etag), "\"%.32s-gz\"", etag_base);
	else
		snprintf(c->etag, sizeof(c->etag), "\"%.32s\"", hex);
}

/* A large file: hashed by reading it once through a small buffer, then
 * left open for its response. */
static cached *load_large(const char *rel, int fd, size_t size, int twin, const char *etag_base,
			  int *missing)
{
	char hex[DIGEST_HEX_SIZE] = "", chunk[65536];
	digest_stream *d = twin ? NULL : policy__digest_stream_new();
	size_t total = 0;
	ssize_t got = 0;
	cached *c = NULL;

	if (!twin) {
		while (d != NULL && (got = read(fd, chunk, sizeof(chunk))) > 0 &&
		       policy__digest_stream_add(d, chunk, (size_t)got) == 0)
			total += (size_t)got;
		if (d == NULL || got != 0 || total != size || policy__digest_stream_end(d, hex) < 0)
			goto fail;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL || (c->path = strdup(rel)) == NULL)
		goto fail;
	policy__digest_stream_free(d);
	c->fd = fd;
	c->len = size;
	c->type = type_of(rel);
	c->immutable = is_immutable(rel);
	set_etag(c, hex, twin, etag_base);
	return c;
fail:
	if (c != NULL)
		free(c);
	policy__digest_stream_free(d);
	close(fd);
	*missing = 1;
	return NULL;
}

static cached *load_file(snapshot *s, const char *rel, int twin, const char *etag_base,
			 int *missing)
{
	policy_buf data = POLICY_BUF_INIT;
	char hex[DIGEST_HEX_SIZE], path[PATH_LIMIT + 8];
	cached *c;
	struct stat st;
	ssize_t got;
	int fd;

	*missing = 0;
	snprintf(path, sizeof(path), "%s%s", rel, twin ? ".gz" : "");
	if ((fd = open_beneath(s->dirfd, path)) < 0) {
		*missing = 1;
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > FILE_MAX) {
		close(fd);
		*missing = 1;
		return NULL;
	}
	if ((size_t)st.st_size > LARGE_FILE)
		return load_large(rel, fd, (size_t)st.st_size, twin, etag_base, missing);
	if (policy__buf_grow(&data, (size_t)st.st_size) < 0) {
		close(fd);
		*missing = 1;
		return NULL;
	}
	while ((got = read(fd, data.ptr + data.size, (size_t)st.st_size - data.size)) > 0 &&
	       data.size < (size_t)st.st_size)
		data.size += (size_t)got;
	if (got > 0)
		data.size += (size_t)got;
	close(fd);
	if ((c = calloc(1, sizeof(*c))) == NULL || (c->path = strdup(rel)) == NULL) {
		free(c);
		policy_buf_dispose(&data);
		return NULL;
	}
	c->data = data.ptr ? data.ptr : strdup("");
	c->fd = -1;
	c->len = data.size;
	c->type = type_of(rel);
	c->immutable = is_immutable(rel);
	if (!twin)
		policy__digest_sha256(hex, c->data, c->len);
	set_etag(c, hex, twin, etag_base);
	return c;
}

static int make_responses(cached *c, int encoded, int vary)
{
	if (c->fd >= 0) {
		/* The response owns the descriptor from here on, and closes
		 * it when the last connection using it is done. */
		c->ok = MHD_create_response_from_fd64(c->len, c->fd);
		if (c->ok == NULL)
			close(c->fd);
		c->fd = -1;
	} else {
		c->ok = MHD_create_response_from_buffer(c->len, c->data, MHD_RESPMEM_PERSISTENT);
	}
	c->not_mod = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	if (c->ok == NULL || c->not_mod == NULL ||
	    MHD_add_response_header(c->ok, MHD_HTTP_HEADER_CONTENT_TYPE, c->type) == MHD_NO ||
	    add_headers(c->ok, c, encoded, vary) < 0 ||
	    add_headers(c->not_mod, c, encoded, vary) < 0)
		return -1;
	return 0;
}

/* The file `rel` of the snapshot, read on first use. NULL when it is not
 * there (or is not a regular file beneath the site). */
static cached *get_file(snapshot *s, const char *rel)
{
	unsigned long h = hash_path(rel);
	cached *c, *gz = NULL;
	int missing;

	pthread_mutex_lock(&s->lock);
	for (c = s->buckets[h]; c != NULL && strcmp(c->path, rel) != 0; c = c->next)
		;
	pthread_mutex_unlock(&s->lock);
	if (c != NULL)
		return c;
	if ((c = load_file(s, rel, 0, NULL, &missing)) == NULL)
		return NULL;
	gz = load_file(s, rel, 1, c->etag + 1, &missing);
	if (gone(s)) {
		/* read from a site a publish is changing: the caller starts
		 * again on the new one */
		cached_free(gz);
		cached_free(c);
		return NULL;
	}
	if (make_responses(c, 0, gz != NULL) < 0 || (gz != NULL && make_responses(gz, 1, 1) < 0)) {
		cached_free(gz);
		cached_free(c);
		return NULL;
	}
	c->gz = gz;
	pthread_mutex_lock(&s->lock);
	{
		cached *other;

		for (other = s->buckets[h]; other != NULL && strcmp(other->path, rel) != 0;
		     other = other->next)
			;
		if (other != NULL) {
			/* Read twice at once: keep the first. */
			pthread_mutex_unlock(&s->lock);
			cached_free(c);
			return other;
		}
		c->next = s->buckets[h];
		s->buckets[h] = c;
		s->bytes += c->len + (gz ? gz->len : 0);
	}
	pthread_mutex_unlock(&s->lock);
	return c;
}

/* --- answers ---------------------------------------------------------- */

/* Headers of a JSON answer besides its type and ETag; NULL for none. */
typedef struct {
	const char *cache; /* Cache-Control; NULL: no-store */
	const char *vary;
	const char *location; /* Content-Location */
	const char *language; /* Content-Language */
	const char *allow;    /* Allow, for a 405 */
} json_headers;

/* Queue a JSON answer (`o` taken). A 200 carries an ETag, the hash of its
 * text, and is a bodiless 304 to a request whose If-None-Match names it. */
static enum MHD_Result send_json_with(struct MHD_Connection *conn, unsigned status, json_t *o,
				      const json_headers *h)
{
	char *text = o ? json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	const char *inm =
		MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
	char hex[DIGEST_HEX_SIZE], etag[72];
	struct MHD_Response *r;
	enum MHD_Result ret;
	int not_modified = 0;

	json_decref(o);
	if (text == NULL)
		return MHD_NO;
	if (status == MHD_HTTP_OK) {
		policy__digest_sha256(hex, text, strlen(text));
		snprintf(etag, sizeof(etag), "\"%.32s\"", hex);
		not_modified = inm != NULL && policy__negotiate_etag_matches(inm, etag);
	}
	r = not_modified
		    ? MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT)
		    : MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
	if (r == NULL || not_modified)
		free(text);
	if (r == NULL)
		return MHD_NO;
	if (!not_modified)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
					"application/json; charset=utf-8");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL,
				h && h->cache ? h->cache : "no-store");
	if (h && h->vary)
		MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, h->vary);
	if (h && h->location)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_LOCATION, h->location);
	if (h && h->language)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_LANGUAGE, h->language);
	if (h && h->allow)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, h->allow);
	if (status == MHD_HTTP_OK)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, etag);
	ret = MHD_queue_response(conn, not_modified ? MHD_HTTP_NOT_MODIFIED : status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result send_json(struct MHD_Connection *conn, unsigned status, json_t *o,
				 const char *cache, const char *vary)
{
	json_headers h = {cache, vary, NULL, NULL, NULL};

	return send_json_with(conn, status, o, &h);
}

static enum MHD_Result send_error(struct MHD_Connection *conn, unsigned status, const char *message)
{
	return send_json(conn, status,
			 json_pack("{s:s, s:i}", "error", message, "status", (int)status), NULL,
			 NULL);
}

static int accepts_gzip(struct MHD_Connection *conn)
{
	return policy__negotiate_gzip(MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
								  MHD_HTTP_HEADER_ACCEPT_ENCODING));
}

/* A static file as it is. */
static enum MHD_Result send_file(struct MHD_Connection *conn, cached *c)
{
	const char *inm =
		MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);

	if (c->gz != NULL && accepts_gzip(conn))
		c = c->gz;
	if (inm != NULL && policy__negotiate_etag_matches(inm, c->etag))
		return MHD_queue_response(conn, MHD_HTTP_NOT_MODIFIED, c->not_mod);
	return MHD_queue_response(conn, MHD_HTTP_OK, c->ok);
}

/* A file served under another name (current): its bytes and ETag, but a
 * short cache lifetime and the headers of negotiation. */
static enum MHD_Result send_as(struct MHD_Connection *conn, cached *c, const char *vary,
			       const char *location, const char *language)
{
	const char *inm =
		MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
	int encoded = c->gz != NULL && accepts_gzip(conn);
	cached *body = encoded ? c->gz : c;
	int not_modified = inm != NULL && policy__negotiate_etag_matches(inm, body->etag);
	struct MHD_Response *r;
	enum MHD_Result ret;

	if (body->data == NULL && !not_modified)
		return MHD_queue_response(conn, MHD_HTTP_OK, body->ok); /* a large file */
	r = MHD_create_response_from_buffer(not_modified ? 0 : body->len,
					    not_modified ? (void *)"" : body->data,
					    MHD_RESPMEM_PERSISTENT);
	if (r == NULL)
		return MHD_NO;
	if (!not_modified)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, c->type);
	MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, body->etag);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, SHORT_CACHE);
	MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, vary);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_LOCATION, location);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_LANGUAGE, language);
	if (encoded)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
	ret = MHD_queue_response(conn, not_modified ? MHD_HTTP_NOT_MODIFIED : MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

/* The JSON file `rel` of the snapshot, parsed once; NULL when it is not
 * there or not JSON. Owned by the snapshot. */
static json_t *parsed(snapshot *s, const char *rel)
{
	json_t *m;
	cached *c;

	pthread_mutex_lock(&s->lock);
	m = json_object_get(s->manifests, rel);
	pthread_mutex_unlock(&s->lock);
	if (m != NULL)
		return m;
	if ((c = get_file(s, rel)) == NULL || (m = json_loadb(c->data, c->len, 0, NULL)) == NULL)
		return NULL;
	pthread_mutex_lock(&s->lock);
	if (json_object_get(s->manifests, rel) == NULL)
		json_object_set(s->manifests, rel, m);
	json_decref(m);
	m = json_object_get(s->manifests, rel);
	pthread_mutex_unlock(&s->lock);
	return m;
}

static const char *str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Type the versions of manifest `m` into `st`. 0 or POLICY_ENOMEM. */
static int type_versions(stream *st, json_t *m)
{
	json_t *versions = json_object_get(m, "versions");

	st->count = json_array_size(versions);
	if ((st->versions = calloc(st->count ? st->count : 1, sizeof(*st->versions))) == NULL)
		return POLICY_ENOMEM;
	st->broken = !json_is_array(versions);
	for (size_t i = 0; i < st->count; i++) {
		json_t *v = json_array_get(versions, i);
		policy_timeline_entry *e = &st->versions[i];
		const char *ver = str(v, "version"), *eff = str(v, "effective"),
			   *level = str(v, "level");

		if (ver == NULL || eff == NULL || level == NULL ||
		    policy_version_parse(&e->version, ver) < 0 ||
		    policy_date_parse(&e->effective, eff) < 0 ||
		    policy_level_from_name(&e->level, level) < 0)
			st->broken = 1;
	}
	policy_error_clear();
	return 0;
}

/* The typed manifest `rel` of the snapshot, or NULL; the caller holds
 * the snapshot's lock. */
static stream *find_stream(const snapshot *s, const char *rel)
{
	stream *st = s->streams;

	while (st != NULL && strcmp(st->rel, rel) != 0)
		st = st->next;
	return st;
}

/* The manifest of policy/locale, parsed and typed once per snapshot;
 * NULL when the site has none (or out of memory). Owned by the snapshot. */
static const stream *manifest(snapshot *s, const char *policy, const char *locale)
{
	char rel[2 * PATH_LIMIT + 16];
	stream *st, *other;
	json_t *m;

	snprintf(rel, sizeof(rel), "%s/%s/index.json", policy, locale);
	pthread_mutex_lock(&s->lock);
	st = find_stream(s, rel);
	pthread_mutex_unlock(&s->lock);
	if (st != NULL)
		return st;
	if ((m = parsed(s, rel)) == NULL || (st = calloc(1, sizeof(*st))) == NULL)
		return NULL;
	st->json = m; /* the snapshot's, as long as the stream */
	if ((st->rel = strdup(rel)) == NULL || type_versions(st, m) < 0) {
		stream_free(st);
		return NULL;
	}
	pthread_mutex_lock(&s->lock);
	if ((other = find_stream(s, rel)) != NULL) {
		/* typed twice at once: keep the first */
		stream_free(st);
		st = other;
	} else {
		st->next = s->streams;
		s->streams = st;
	}
	pthread_mutex_unlock(&s->lock);
	return st;
}

/* Where today falls among a stream's versions. */
static policy_timeline_day today_in(const stream *st)
{
	policy_date now = policy_date_today();

	return policy_timeline_on(st->versions, st->count, &now);
}

typedef enum { DONE, RETRY } outcome;

/* GET /<policy>/<locale>/current, or /<policy>/current with `negotiated`. */
static outcome route_current(struct MHD_Connection *conn, snapshot *s, const char *policy,
			     const char *locale, int negotiated, enum MHD_Result *ret)
{
	const stream *st = manifest(s, policy, locale);
	json_t *m, *versions, *v;
	const char *format = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "format");
	const char *vary =
		negotiated ? "Accept, Accept-Encoding, Accept-Language" : "Accept, Accept-Encoding";
	negotiate_format f;
	char rel[400], location[410];
	const char *file;
	long current, upcoming;
	policy_timeline_day day;
	cached *c;

	if (st == NULL) {
		if (gone(s))
			return RETRY;
		*ret = send_error(conn, MHD_HTTP_NOT_FOUND, "no such policy or locale");
		return DONE;
	}
	if (st->broken) {
		*ret = send_error(conn, MHD_HTTP_INTERNAL_SERVER_ERROR,
				  "the site's manifest is broken");
		return DONE;
	}
	m = st->json;
	versions = json_object_get(m, "versions");
	day = today_in(st);
	current = day.current;
	upcoming = day.upcoming;
	if (current < 0) {
		*ret = send_error(conn, MHD_HTTP_NOT_FOUND, "no version is in effect yet");
		return DONE;
	}
	v = json_array_get(versions, (size_t)current);
	if (format != NULL)
		f = strcmp(format, "json") == 0       ? NEGOTIATE_JSON
		    : strcmp(format, "markdown") == 0 ? NEGOTIATE_MARKDOWN
		    : strcmp(format, "html") == 0     ? NEGOTIATE_HTML
						      : (negotiate_format)-1;
	else
		f = policy__negotiate_accept(
			MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT));
	if ((int)f < 0) {
		*ret = send_error(conn, MHD_HTTP_BAD_REQUEST, "format is html, json or markdown");
		return DONE;
	}
	if (f == NEGOTIATE_JSON) {
		json_t *o = json_pack(
			"{s:s, s:s, s:O?, s:O?, s:O?, s:O?, s:O?, s:O?, s:O?}", "policy", policy,
			"locale", locale, "title", json_object_get(m, "title"), "version",
			json_object_get(v, "version"), "released", json_object_get(v, "released"),
			"effective", json_object_get(v, "effective"), "level",
			json_object_get(v, "level"), "categories", json_object_get(v, "categories"),
			"summary", json_object_get(v, "summary"));

		if (o != NULL) {
			json_object_set_new(
				o, "html",
				json_sprintf("/%s/%s/%s", policy, locale, str(v, "html")));
			json_object_set_new(
				o, "markdown",
				json_sprintf("/%s/%s/%s", policy, locale, str(v, "markdown")));
			json_object_set_new(
				o, "upcoming",
				upcoming < 0
					? json_null()
					: json_pack(
						  "{s:O, s:O}", "version",
						  json_object_get(json_array_get(versions,
										 (size_t)upcoming),
								  "version"),
						  "effective",
						  json_object_get(json_array_get(versions,
										 (size_t)upcoming),
								  "effective")));
		}
		snprintf(location, sizeof(location), "/%s/%s/current?format=json", policy, locale);
		*ret = send_json_with(conn, MHD_HTTP_OK, o,
				      &(json_headers){SHORT_CACHE, vary, location, locale, NULL});
		return DONE;
	}
	if ((file = str(v, f == NEGOTIATE_MARKDOWN ? "markdown" : "html")) == NULL) {
		*ret = send_error(conn, MHD_HTTP_INTERNAL_SERVER_ERROR,
				  "the site's manifest is broken");
		return DONE;
	}
	snprintf(rel, sizeof(rel), "%s/%s/%s", policy, locale, file);
	/* The site's current.html announces the upcoming version; it is the
	 * page to send while the versions it was written for (current and
	 * upcoming at publish time) are still the ones now. */
	if (f == NEGOTIATE_HTML && upcoming >= 0 && str(m, "current") && str(m, "upcoming") &&
	    strcmp(str(m, "current"), str(v, "version")) == 0 &&
	    strcmp(str(m, "upcoming"),
		   str(json_array_get(versions, (size_t)upcoming), "version")) == 0)
		snprintf(rel, sizeof(rel), "%s/%s/current.html", policy, locale);
	if ((c = get_file(s, rel)) == NULL) {
		if (gone(s))
			return RETRY;
		*ret = send_error(conn, MHD_HTTP_INTERNAL_SERVER_ERROR,
				  "the site lacks the current page");
		return DONE;
	}
	snprintf(location, sizeof(location), "/%s", rel);
	*ret = send_as(conn, c, vary, location, locale);
	return DONE;
}

/* GET /<policy>/<locale>/notice?accepted=VERSION: the library's answer
 * (policy_notice_since) from the levels the manifest records, as
 * `policyctl notice` gives it. */
static outcome route_notice(struct MHD_Connection *conn, snapshot *s, const char *policy,
			    const char *locale, enum MHD_Result *ret)
{
	const char *accepted = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "accepted");
	const stream *st = manifest(s, policy, locale);
	policy_notice_answer answer;
	policy_version want;
	policy_date now = policy_date_today();
	json_t *versions, *changes, *o;

	if (st == NULL) {
		if (gone(s))
			return RETRY;
		*ret = send_error(conn, MHD_HTTP_NOT_FOUND, "no such policy or locale");
		return DONE;
	}
	if (accepted == NULL || policy_version_parse(&want, accepted) < 0) {
		policy_error_clear();
		*ret = send_error(conn, MHD_HTTP_BAD_REQUEST,
				  "give accepted=VERSION, a version like 1.1 or 1.1.0");
		return DONE;
	}
	if (st->broken) {
		/* never "none" for want of an answer */
		*ret = send_error(conn, MHD_HTTP_INTERNAL_SERVER_ERROR,
				  "the site's manifest is broken");
		return DONE;
	}
	if (policy_notice_since(&answer, st->versions, st->count, &want, &now) < 0) {
		policy_error_clear();
		*ret = send_error(conn, MHD_HTTP_NOT_FOUND, "the site does not know that version");
		return DONE;
	}
	versions = json_object_get(st->json, "versions");
	if ((changes = json_array()) == NULL) {
		*ret = MHD_NO;
		return DONE;
	}
	for (long i = answer.accepted + 1; i <= answer.day.current; i++) {
		json_t *v = json_array_get(versions, (size_t)i);

		json_array_append_new(changes,
				      json_pack("{s:O?, s:O?, s:O?, s:O?}", "version",
						json_object_get(v, "version"), "level",
						json_object_get(v, "level"), "summary",
						json_object_get(v, "summary"), "categories",
						json_object_get(v, "categories")));
	}
	o = json_pack("{s:s, s:s?, s:o}", "notice", policy_notice_name(answer.notice), "current",
		      answer.day.current >= 0
			      ? str(json_array_get(versions, (size_t)answer.day.current), "version")
			      : NULL,
		      "changes", changes);
	*ret = send_json(conn, MHD_HTTP_OK, o, SHORT_CACHE, NULL);
	return DONE;
}

/* The locales the site publishes `policy` in, and its default. */
static outcome route_negotiate(struct MHD_Connection *conn, snapshot *s, const char *policy,
			       enum MHD_Result *ret)
{
	json_t *index = parsed(s, "index.json"), *list;
	const char *locales[64], *fallback, *pick;
	size_t n = 0;

	if (index == NULL) {
		if (gone(s))
			return RETRY;
		*ret = send_error(conn, MHD_HTTP_INTERNAL_SERVER_ERROR,
				  "the site has no index.json");
		return DONE;
	}
	list = json_object_get(index, "policies");
	for (size_t i = 0; i < json_array_size(list) && n < 64; i++) {
		json_t *e = json_array_get(list, i);
		const char *p = str(e, "policy"), *l = str(e, "locale");

		if (p != NULL && l != NULL && strcmp(p, policy) == 0)
			locales[n++] = l;
	}
	fallback = str(index, "default_locale");
	pick = policy__negotiate_locale(
		MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_LANGUAGE),
		locales, n, fallback);
	if (pick == NULL) {
		*ret = send_error(conn, MHD_HTTP_NOT_FOUND, "no such policy");
		return DONE;
	}
	return route_current(conn, s, policy, pick, 1, ret);
}

static outcome route(struct MHD_Connection *conn, snapshot *s, const char *url,
		     enum MHD_Result *ret)
{
	serve_route to;
	cached *c;

	policy__serve_route_path(&to, url);
	switch (to.kind) {
	case SERVE_HEALTH:
		*ret = send_json(conn, MHD_HTTP_OK, json_pack("{s:s}", "status", "ok"), "no-store",
				 NULL);
		return DONE;
	case SERVE_NEGOTIATE:
		return route_negotiate(conn, s, to.policy, ret);
	case SERVE_CURRENT:
		return route_current(conn, s, to.policy, to.locale, 0, ret);
	case SERVE_NOTICE:
		return route_notice(conn, s, to.policy, to.locale, ret);
	case SERVE_FILE:
		if ((c = get_file(s, to.rel)) != NULL) {
			*ret = send_file(conn, c);
			return DONE;
		}
		if (gone(s))
			return RETRY;
		break;
	case SERVE_NOT_FOUND:
		break;
	}
	*ret = send_error(conn, MHD_HTTP_NOT_FOUND, "no such page");
	return DONE;
}

/* Bytes of the request's headers. */
static enum MHD_Result add_size(void *cls, enum MHD_ValueKind kind, const char *key,
				const char *value)
{
	size_t *n = cls;

	(void)kind;
	*n += strlen(key) + (value ? strlen(value) : 0) + 4;
	return MHD_YES;
}

#define PARAMS_MAX 64

/* A JSON error written straight to a connection that has sent only its
 * request line, which is then closed. */
static void answer_early(policy_server *srv, struct MHD_Connection *conn, const char *status_line,
			 int status, const char *message)
{
	char body[160], text[400];
	int b = snprintf(body, sizeof(body), "{\"error\": \"%s\", \"status\": %d}\n", message,
			 status);
	int n = snprintf(text, sizeof(text),
			 "HTTP/1.1 %s\r\nContent-Type: application/json; charset=utf-8\r\n"
			 "Connection: close\r\nContent-Length: %d\r\n\r\n%s",
			 status_line, b, body);

	if (b > 0 && n > 0 && (size_t)n < sizeof(text))
		policy__serve_gate_answer(srv->gate, conn, text, (size_t)n);
}

/* libmicrohttpd's view of the request line, before it splits the query
 * into its pool: a target too long, or with too many parameters (300 of
 * them exhausted the pool, and the client waited 30 s for nothing), is
 * answered here, in JSON, and the connection closed. */
static void *check_target(void *cls, const char *uri, struct MHD_Connection *conn)
{
	policy_server *srv = cls;
	const char *q = strchr(uri, '?');
	size_t params = q ? 1 : 0;

	for (const char *p = q; p && *p; p++)
		params += *p == '&' || *p == ';';
	if (strlen(uri) > srv->max_request)
		answer_early(srv, conn, "414 URI Too Long", 414, "the request target is too long");
	else if (params > PARAMS_MAX)
		answer_early(srv, conn, "400 Bad Request", 400,
			     "the query has too many parameters");
	else
		policy__serve_gate_reading(srv->gate, conn);
	return NULL;
}

/* The request line and headers are over the server's limit: a JSON 431
 * (the target and its parameters were checked by check_target()). */
static int oversized(struct MHD_Connection *conn, const char *url, size_t max, enum MHD_Result *ret)
{
	size_t n = strlen(url);

	MHD_get_connection_values(conn, MHD_HEADER_KIND, add_size, &n);
	if (n > max) {
		*ret = send_error(conn, MHD_HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE,
				  "the request's line and headers are too large");
		return 1;
	}
	return 0;
}

/* A body (with Content-Length or chunked) that GET and HEAD never need:
 * refused before it is read, so no one holds a connection by sending one
 * slowly, or by announcing a chunk of 2^64 bytes. */
static int has_body(struct MHD_Connection *conn)
{
	const char *length =
		MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);

	return (length != NULL && strspn(length, "0") != strlen(length)) ||
	       MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
					   MHD_HTTP_HEADER_TRANSFER_ENCODING) != NULL;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url,
			      const char *method, const char *version, const char *upload,
			      size_t *upload_size, void **con_cls)
{
	policy_server *srv = cls;
	request *req = *con_cls;
	enum MHD_Result ret = MHD_NO;

	(void)version;
	(void)upload;
	if (req == NULL) {
		if ((req = calloc(1, sizeof(*req))) == NULL)
			return MHD_NO;
		req->server = srv;
		*con_cls = req;
		policy__serve_gate_busy(srv->gate, conn);
		if (oversized(conn, url, srv->max_request, &ret))
			return ret;
		if (has_body(conn))
			return send_error(conn, MHD_HTTP_BAD_REQUEST, "a request here has no body");
		if (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0)
			return MHD_YES; /* answer once the request is read */
	}
	if (*upload_size != 0) {
		*upload_size = 0; /* a body is read and ignored */
		return MHD_YES;
	}
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return send_json_with(
			conn, MHD_HTTP_METHOD_NOT_ALLOWED,
			json_pack("{s:s, s:i}", "error", "only GET and HEAD", "status", 405),
			&(json_headers){NULL, NULL, NULL, NULL, "GET, HEAD"});
	for (int attempt = 0; attempt < 3; attempt++) {
		release(srv, req->snap);
		if ((req->snap = acquire(srv)) == NULL)
			return send_error(conn, MHD_HTTP_SERVICE_UNAVAILABLE,
					  "the site cannot be read");
		if (route(conn, req->snap, url, &ret) == DONE)
			return ret;
	}
	return send_error(conn, MHD_HTTP_SERVICE_UNAVAILABLE,
			  "the site is being replaced; try again");
}

static size_t unescape(void *cls, struct MHD_Connection *conn, char *s)
{
	(void)cls;
	(void)conn;
	return policy__serve_unescape(s);
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls,
		      enum MHD_RequestTerminationCode code)
{
	request *req = *con_cls;

	(void)cls;
	(void)code;
	if (req == NULL)
		return;
	policy__serve_gate_waiting(req->server->gate, conn);
	release(req->server, req->snap);
	free(req);
	*con_cls = NULL;
}

/* The listening socket, bound; -1 with the last error set (saying why). */
static int listen_on(const struct sockaddr *addr, socklen_t len, const char *address, unsigned port)
{
	int one = 1;
	int fd = socket(addr->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd < 0) {
		policy__error_set(POLICY_EIO, "cannot listen on %s port %u: %s", address, port,
				  policy__strerror(errno));
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (addr->sa_family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
	if (bind(fd, addr, len) < 0 || listen(fd, 1024) < 0) {
		int saved = errno;

		close(fd);
		policy__error_set(POLICY_EIO, "cannot listen on %s port %u: %s%s", address, port,
				  policy__strerror(saved),
				  saved == EADDRINUSE ? " (another program listens there)"
				  : saved == EACCES   ? " (a port below 1024 needs privileges)"
				  : saved == EADDRNOTAVAIL
					  ? " (no interface of this machine has that address)"
					  : "");
		return -1;
	}
	return fd;
}

/* The daemon's memory per connection: room for a request of `max` bytes
 * cut into as many parameters as it can hold (each costs the daemon some
 * 50 bytes of bookkeeping), so that the server's own limits, checked in
 * JSON, are always reached first. Pages are only touched when used. */
static size_t pool_size(size_t max)
{
	return max * 8;
}

/* As many descriptors as the system lets this process have: a
 * connection takes one, and a file being read another. */
static void raise_descriptor_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

/* Stop accepting, then the daemons, and free the server. */
static void stop(policy_server *srv)
{
	if (srv->daemon != NULL)
		MHD_stop_daemon(srv->daemon);
	policy__serve_gate_free(srv->gate);
	if (srv->live != NULL)
		release(srv, srv->live);
	pthread_mutex_destroy(&srv->lock);
	free(srv->site);
	free(srv);
}

static void server_free(policy_server *srv)
{
	pthread_mutex_destroy(&srv->lock);
	free(srv->site);
	free(srv);
}

int policy_serve_start(policy_server **out, const policy_serve_options *opts)
{
	union {
		struct sockaddr sa;
		struct sockaddr_storage any;
		struct sockaddr_in v4;
		struct sockaddr_in6 v6;
	} addr;
	socklen_t addr_len;
	policy_server *srv;
	char probe[4096];
	unsigned threads, limit;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int fd;

	*out = NULL;
	if (opts == NULL || opts->site_dir == NULL || opts->address == NULL)
		return policy__error_set(POLICY_EINVALID,
					 "serve needs a site directory and an address");
	snprintf(probe, sizeof(probe), "%s/index.json", opts->site_dir);
	if (access(probe, R_OK) != 0)
		return policy__error_set(POLICY_ENOTFOUND,
					 "%s is not a published site (it has no index.json)",
					 opts->site_dir);
	if (policy__options_check(opts->version, POLICY_SERVE_OPTIONS_VERSION,
				  "policy_serve_options") < 0)
		return POLICY_EINVALID;
	if (opts->port > 65535)
		return policy__error_set(POLICY_EINVALID, "port %u is out of range", opts->port);
	memset(&addr, 0, sizeof(addr));
	if (inet_pton(AF_INET, opts->address, &addr.v4.sin_addr) == 1) {
		addr.v4.sin_family = AF_INET;
		addr.v4.sin_port = htons((uint16_t)opts->port);
		addr_len = sizeof(addr.v4);
	} else if (inet_pton(AF_INET6, opts->address, &addr.v6.sin6_addr) == 1) {
		addr.v6.sin6_family = AF_INET6;
		addr.v6.sin6_port = htons((uint16_t)opts->port);
		addr_len = sizeof(addr.v6);
	} else {
		return policy__error_set(POLICY_EINVALID, "\"%.60s\" is not an IP address",
					 opts->address);
	}
	if ((srv = calloc(1, sizeof(*srv))) == NULL ||
	    (srv->site = strdup(opts->site_dir)) == NULL) {
		free(srv);
		return policy__error_nomem();
	}
	pthread_mutex_init(&srv->lock, NULL);
	srv->max_request = opts->max_request > 4096 ? opts->max_request : (size_t)4096;
	raise_descriptor_limit();
	limit = opts->max_connections ? opts->max_connections : 256u;
	if ((srv->gate = policy__serve_gate_new(limit, opts->idle_timeout ? opts->idle_timeout
									  : 30u)) == NULL) {
		server_free(srv);
		return policy__error_nomem();
	}
	if ((fd = listen_on(&addr.sa, addr_len, opts->address, opts->port)) < 0) {
		policy__serve_gate_free(srv->gate);
		server_free(srv);
		return POLICY_EIO;
	}
	if (getsockname(fd, &addr.sa, &addr_len) == 0)
		srv->port = ntohs(addr.any.ss_family == AF_INET6 ? addr.v6.sin6_port
								 : addr.v4.sin_port);
	threads = opts->threads ? opts->threads : cpus > 0 ? (unsigned)cpus : 1;
	/* The gate keeps to `limit`; the daemon's own limit, shared by its
	 * threads, only bounds the connections the gate has shut down and
	 * the daemon not yet closed. */
	srv->daemon = MHD_start_daemon(
		flags, 0, NULL, NULL, handle, srv, MHD_OPTION_LISTEN_SOCKET, fd,
		MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT,
		limit * 4 + 64 * threads, MHD_OPTION_CONNECTION_TIMEOUT,
		opts->idle_timeout ? opts->idle_timeout : 30u, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
		pool_size(srv->max_request), MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
		MHD_OPTION_NOTIFY_CONNECTION, policy__serve_gate_notify, srv->gate,
		MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_URI_LOG_CALLBACK,
		check_target, srv, MHD_OPTION_END);
	if (srv->daemon == NULL) {
		close(fd);
		stop(srv);
		return policy__error_set(POLICY_EIO, "cannot start the server on %s port %u",
					 opts->address, opts->port);
	}
	if (policy__serve_gate_start(srv->gate) < 0) {
		int rc = policy_error_last()->code;

		stop(srv);
		return rc;
	}
	*out = srv;
	return 0;
}

unsigned policy_serve_port(const policy_server *server)
{
	return server->port;
}

void policy_serve_stop(policy_server *server)
{
	if (server != NULL)
		stop(server);
}

int policy_serve_options_init(policy_serve_options *opts, unsigned version)
{
	static const policy_serve_options defaults = POLICY_SERVE_OPTIONS_INIT;
	int rc = policy__options_check(version, POLICY_SERVE_OPTIONS_VERSION,
				       "policy_serve_options");

	if (rc == 0)
		*opts = defaults;
	return rc;
}
