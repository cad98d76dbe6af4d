/*
 * The server's connection policy. libmicrohttpd, at its connection limit,
 * stops accepting: new clients (a health check among them) wait in the
 * kernel's backlog until some connection ends, and a few hundred slow or
 * idle clients hold the server for as long as they like. So the daemon's
 * own limit is set well above the server's, and the gate keeps the
 * server's, from the daemon's connection notifications; it knows every
 * connection and what it is doing:
 *
 *   waiting  accepted or answered, and no request line read since;
 *   reading  a request line read, the rest of the request not yet;
 *   busy     a request read, its answer not yet all sent.
 *
 * A connection that arrives when `limit` are open takes the place of the
 * one that has waited longest (an idle keep-alive), or failing that of the
 * one that has been reading longest (a slow client trickling headers): a
 * client that sends its request at once is reading for microseconds, so
 * a flood of silent connections cannot push it out; when every
 * connection is busy the newcomer gets a short 503.
 * Once the server is half full, a connection that waits longer than
 * `request_timeout` seconds for a whole request is closed (checked four
 * times a second on the gate's thread), so slow clients cannot hold
 * slots however slowly they trickle.
 *
 * A connection is closed from here with shutdown(2) on its socket, under
 * the gate's lock; libmicrohttpd then sees the end of the stream and
 * closes it, telling the gate first (MHD_CONNECTION_NOTIFY_CLOSED, under
 * the same lock), so the gate never touches a descriptor after its close.
 * (Accepting on a thread of the gate's and handing connections over with
 * MHD_add_connection() was tried first: libmicrohttpd 0.9.75's daemons
 * then deadlock on their own mutexes under churn.)
 */
#define _GNU_SOURCE
#include "serve_gate.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "error.h"

enum { WAITING, READING, BUSY };

typedef struct {
	int fd;
	int state;
	int closing;  /* shut down by the gate; the daemon closes it next */
	double since; /* when it last started waiting */
} gate_conn;

struct serve_gate {
	pthread_mutex_t lock;
	gate_conn *conns; /* every connection the daemon holds, unordered */
	size_t count, cap;
	size_t closing; /* of them, shut down by the gate */
	unsigned limit, timeout;
	int wake[2];
	int started;
	pthread_t thread;
};

/* The answer to a connection the server has no room for. */
static const char BUSY_ANSWER[] = "HTTP/1.1 503 Service Unavailable\r\n"
				  "Content-Type: application/json; charset=utf-8\r\n"
				  "Retry-After: 1\r\n"
				  "Connection: close\r\n"
				  "Content-Length: 56\r\n\r\n"
				  "{\"error\": \"the server is busy; try again\", \"status\": 503}";

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static gate_conn *find(serve_gate *g, int fd)
{
	for (size_t i = 0; i < g->count; i++)
		if (g->conns[i].fd == fd)
			return &g->conns[i];
	return NULL;
}

static void forget(serve_gate *g, int fd)
{
	gate_conn *c = find(g, fd);

	if (c == NULL)
		return;
	if (c->closing)
		g->closing--;
	*c = g->conns[--g->count];
}

static void shut(serve_gate *g, gate_conn *c)
{
	shutdown(c->fd, SHUT_RDWR);
	c->closing = 1;
	g->closing++;
}

/* Bytes the client has sent that the daemon has not read yet: a request
 * on its way, as when many connections are accepted in one go before any
 * is read. */
static int has_unread(const gate_conn *c)
{
	int n = 0;

	return ioctl(c->fd, FIONREAD, &n) == 0 && n > 0;
}

/* A client that has just connected is given this long to send its
 * request line before a newcomer may take its place ahead of others. */
#define GRACE 0.1

/* The connection in `state` that has been in it longest, at least `age`
 * seconds, skipping those with a request unread; NULL when there is none. */
static gate_conn *longest_in(serve_gate *g, int state, double age)
{
	double limit = now() - age;
	gate_conn *best = NULL;

	for (size_t i = 0; i < g->count; i++) {
		gate_conn *c = &g->conns[i];

		if (c->state == state && !c->closing && c->since <= limit &&
		    (best == NULL || c->since < best->since) && !has_unread(c))
			best = c;
	}
	return best;
}

/* The connection to close for a newcomer: one silent past its grace,
 * else one trickling its request, else one just connected; NULL when all
 * are busy. A flood of silent connections thus pushes out its own kind
 * before a client that is sending its request at once. */
static gate_conn *longest_waiting(serve_gate *g)
{
	gate_conn *c = longest_in(g, WAITING, GRACE);

	if (c == NULL)
		c = longest_in(g, READING, 0);
	return c != NULL ? c : longest_in(g, WAITING, 0);
}

/* Close waiting connections past their time, once the server is half full. */
static void reap(serve_gate *g)
{
	double t = now();

	pthread_mutex_lock(&g->lock);
	if ((g->count - g->closing) * 2 >= g->limit)
		for (size_t i = 0; i < g->count; i++) {
			gate_conn *c = &g->conns[i];

			if (c->state != BUSY && !c->closing && t - c->since > g->timeout)
				shut(g, c);
		}
	pthread_mutex_unlock(&g->lock);
}

/* Make room for one more connection: 0 when there is room. */
static int admit(serve_gate *g, int fd)
{
	gate_conn *victim;

	if (g->count - g->closing >= g->limit) {
		if ((victim = longest_waiting(g)) == NULL)
			return -1;
		shut(g, victim);
	}
	if (g->count == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 64;
		gate_conn *grown = realloc(g->conns, cap * sizeof(*grown));

		if (grown == NULL)
			return -1;
		g->conns = grown;
		g->cap = cap;
	}
	g->conns[g->count++] = (gate_conn){fd, WAITING, 0, now()};
	return 0;
}

static void *run(void *arg)
{
	serve_gate *g = arg;
	struct pollfd wake = {g->wake[0], POLLIN, 0};

	for (;;) {
		int n = poll(&wake, 1, 250);

		if ((n < 0 && errno != EINTR) || wake.revents != 0)
			break;
		reap(g);
	}
	return NULL;
}

serve_gate *policy__serve_gate_new(unsigned limit, unsigned request_timeout)
{
	serve_gate *g = calloc(1, sizeof(*g));

	if (g == NULL)
		return NULL;
	pthread_mutex_init(&g->lock, NULL);
	g->limit = limit ? limit : 1;
	g->timeout = request_timeout ? request_timeout : 1;
	g->wake[0] = g->wake[1] = -1;
	return g;
}

int policy__serve_gate_start(serve_gate *g)
{
	if (pipe2(g->wake, O_CLOEXEC) < 0)
		return policy__error_set(POLICY_EIO, "cannot start the server: %s",
					 policy__strerror(errno));
	if (pthread_create(&g->thread, NULL, run, g) != 0)
		return policy__error_set(POLICY_EIO, "cannot start the server's accepting thread");
	g->started = 1;
	return 0;
}

void policy__serve_gate_free(serve_gate *g)
{
	if (g == NULL)
		return;
	if (g->started) {
		ssize_t n = write(g->wake[1], "x", 1);

		(void)n;
		pthread_join(g->thread, NULL);
	}
	if (g->wake[0] >= 0) {
		close(g->wake[0]);
		close(g->wake[1]);
	}
	pthread_mutex_destroy(&g->lock);
	free(g->conns);
	free(g);
}

static int fd_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *info =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);

	return info ? info->connect_fd : -1;
}

void policy__serve_gate_notify(void *gate, struct MHD_Connection *conn, void **socket_context,
			       enum MHD_ConnectionNotificationCode code)
{
	serve_gate *g = gate;
	int fd = fd_of(conn), room;

	(void)socket_context;
	pthread_mutex_lock(&g->lock);
	if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		forget(g, fd);
		pthread_mutex_unlock(&g->lock);
		return;
	}
	room = admit(g, fd) == 0;
	pthread_mutex_unlock(&g->lock);
	if (!room) {
		/* Nothing has been read or written on it yet: say why, and
		 * let the daemon close it. */
		ssize_t n =
			send(fd, BUSY_ANSWER, sizeof(BUSY_ANSWER) - 1, MSG_DONTWAIT | MSG_NOSIGNAL);

		(void)n;
		shutdown(fd, SHUT_RDWR);
	}
}

static void set_state(serve_gate *g, struct MHD_Connection *conn, int state)
{
	int fd = fd_of(conn);
	gate_conn *c;

	pthread_mutex_lock(&g->lock);
	if ((c = find(g, fd)) != NULL) {
		c->state = state;
		c->since = now();
	}
	pthread_mutex_unlock(&g->lock);
}

void policy__serve_gate_busy(serve_gate *g, struct MHD_Connection *conn)
{
	set_state(g, conn, BUSY);
}

void policy__serve_gate_waiting(serve_gate *g, struct MHD_Connection *conn)
{
	set_state(g, conn, WAITING);
}

void policy__serve_gate_reading(serve_gate *g, struct MHD_Connection *conn)
{
	set_state(g, conn, READING);
}

void policy__serve_gate_answer(serve_gate *g, struct MHD_Connection *conn, const char *answer,
			       size_t len)
{
	int fd = fd_of(conn);
	gate_conn *c;

	pthread_mutex_lock(&g->lock);
	if ((c = find(g, fd)) != NULL && !c->closing) {
		ssize_t n = send(fd, answer, len, MSG_DONTWAIT | MSG_NOSIGNAL);

		(void)n;
		shut(g, c);
	}
	pthread_mutex_unlock(&g->lock);
}

size_t policy__serve_gate_open(serve_gate *g)
{
	size_t n;

	pthread_mutex_lock(&g->lock);
	n = g->count - g->closing;
	pthread_mutex_unlock(&g->lock);
	return n;
}
