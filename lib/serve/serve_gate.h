/*
 * The server's connection policy: its own accept loop in front of
 * libmicrohttpd, so that a full server degrades instead of stalling.
 */
#ifndef POLICY_SERVE_GATE_H
#define POLICY_SERVE_GATE_H

#include <microhttpd.h>
#include <stddef.h>

typedef struct serve_gate serve_gate;

/* A gate for at most `limit` connections at once, where a connection may
 * take `request_timeout` seconds to send a whole request (headers and
 * body). NULL when out of memory. */
serve_gate *policy__serve_gate_new(unsigned limit, unsigned request_timeout);

/* Start the gate's thread, which closes connections past their time.
 * 0, or POLICY_EIO with the last error set. */
int policy__serve_gate_start(serve_gate *g);

/* Stop the gate's thread and free the gate (NULL is fine). Call after
 * MHD_stop_daemon(). */
void policy__serve_gate_free(serve_gate *g);

/* libmicrohttpd's MHD_OPTION_NOTIFY_CONNECTION callback, with the gate
 * as its closure: admits a new connection (making room, or refusing it
 * with a 503), forgets a closed one. */
void policy__serve_gate_notify(void *gate, struct MHD_Connection *conn, void **socket_context,
			       enum MHD_ConnectionNotificationCode code);

/* A connection's request line has been read (reading), its whole
 * request (busy), or its answer sent (waiting for the next request). */
void policy__serve_gate_reading(serve_gate *g, struct MHD_Connection *conn);
void policy__serve_gate_busy(serve_gate *g, struct MHD_Connection *conn);
void policy__serve_gate_waiting(serve_gate *g, struct MHD_Connection *conn);

/* Answer a connection that has sent only its request line with the
 * complete response `answer` (`len` bytes), and close it. */
void policy__serve_gate_answer(serve_gate *g, struct MHD_Connection *conn, const char *answer,
			       size_t len);

/* Connections open now, for tests and logs. */
size_t policy__serve_gate_open(serve_gate *g);

#endif
