/* mock_gate.h - campaign-mock's own accept loop, in front of libmicrohttpd.
 *
 * Why not let libmicrohttpd accept: it has no deadline for a request
 * head (a client sending one header byte a second is never idle, so its
 * idle timeout never fires), it cannot make room for a new client by
 * dropping a stalled one when the connection limit is reached (it simply
 * stops accepting, so the ordinary client waits behind the attackers),
 * and it answers a malformed Content-Length itself with a response whose
 * status line and head are sent twice (seen with 0.9.75).  So one thread
 * here accepts every connection and holds it until its first request head
 * is complete, reading it with MSG_PEEK only; then the socket, bytes
 * untouched, goes to the library (MHD_add_connection through handoff).
 *
 * Bounds (gate_opts):
 *   - at most max_per_address connections from one client address and
 *     max_connections in all; when a new connection would exceed either,
 *     the connection that has waited longest for a request head (one
 *     still in the gate, or a served one idle between requests; from the
 *     same address for the first bound) is closed to make room, and the
 *     newcomer is refused only when there is none such.  So a flood of
 *     idle connections never locks out a client that sends its request:
 *     it only ever displaces the flood's own oldest connections;
 *   - a request head must be complete within header_timeout_ms of the
 *     connection opening or of the previous response on it, and a
 *     connection still in the gate is also closed after idle_timeout_ms
 *     without a byte;
 *   - a first head with a Content-Length that is not one decimal number
 *     (letters, a sign, two different values) is answered here with 400,
 *     one that overflows 64 bits with 413, a head over 32 KiB with 431,
 *     each one well-formed JSON error response ("Connection: close"),
 *     after which the request's remaining bytes are read and dropped for
 *     up to 2 s so the client can read the answer instead of a reset.
 *     Later requests on a kept-alive connection are parsed by the library
 *     itself (the gate never sees their bytes): their head deadline is
 *     still enforced (by shutting the socket down), their Content-Length
 *     check is the library's, which answers those once (an HTML 400 or
 *     413; only a connection's first request got the doubled head).
 * Everything here is free of the HTTP library; mock_server.c wires it. */
#ifndef MOCK_GATE_H
#define MOCK_GATE_H

#include <stddef.h>
#include <sys/socket.h>

typedef struct gate_opts {
    unsigned max_connections;     /* > 0 */
    unsigned max_per_address;     /* > 0 */
    unsigned header_timeout_ms;   /* > 0 */
    unsigned idle_timeout_ms;     /* > 0 */
} gate_opts;

/* Give a socket whose first request head is complete to the HTTP
 * library.  Ownership of fd passes in every case (the callee closes it
 * on failure); 0 on success. */
typedef int (*gate_handoff_fn)(void *cls, int fd, const struct sockaddr *addr, socklen_t addrlen);

/* One log line (no newline); the callee decides whether to print it. */
typedef void (*gate_log_fn)(void *cls, const char *line);

typedef struct gate gate;

/* A connection the HTTP library serves: an opaque handle. */
typedef struct gate_conn gate_conn;

/* Take over listen_fd (listening, blocking or not; closed by gate_free)
 * and start the accept thread.  The gate is stored in *out before the
 * thread starts, since the library's callbacks for the first connection
 * may need it before this returns.  0 on success; -1 with a message in
 * err and *out NULL on failure (listen_fd is then left open for the
 * caller). */
int gate_start(const gate_opts *o, int listen_fd, gate_handoff_fn handoff, gate_log_fn log, void *cls,
               gate **out, char *err, size_t errlen);

/* The library started serving fd (handed over by handoff): the handle to
 * pass to the calls below, or NULL for a socket the gate does not know. */
gate_conn *gate_served(gate *g, int fd);

/* The library closed the connection of c (NULL is ignored); c is invalid
 * afterwards.  Must come before the library closes the socket. */
void gate_closed(gate *g, gate_conn *c);

/* A request head on c is complete (the head deadline stops) / its
 * response is done (the deadline for the next head starts).  Lock-free;
 * NULL is ignored. */
void gate_request_began(gate_conn *c);
void gate_request_ended(gate_conn *c);

/* Stop accepting and close every connection still in the gate; the
 * served ones stay (stop the library next, then gate_free).  Returns
 * within one poll tick (100 ms).  Idempotent. */
void gate_stop(gate *g);

/* Free everything, the listening socket included (after gate_stop and
 * after the library has closed its connections).  NULL is ignored. */
void gate_free(gate *g);

#endif
