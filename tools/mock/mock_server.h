/* mock_server.h - the HTTP side of campaign-mock (libmicrohttpd).
 *
 * Connections are accepted and bounded by the gate (mock_gate.h: per
 * address and total limits, a deadline for every request head, a
 * malformed Content-Length answered once) and then served by a pool of
 * epoll threads, or with --latency-ms by one thread per connection so a
 * sleep delays only its own connection.  Per request, in this order:
 *   fault injection (503, before anything else: the server is "down"),
 *   Bearer authentication (401), route (404), method (405, with Allow),
 *   declared body size over 1 MiB (413, before reading the body),
 *   Content-Type of JSON endpoints (415), body read (413 when a chunked
 *   body grows past 1 MiB; nothing beyond the limit is kept), strict JSON
 *   parse (400), then the endpoint handler (mock_api.h).  Those checks are
 *   mock_request.h, free of the HTTP library; this file only moves bytes.
 * An answer decided before the body (413 for a declared length over the
 * limit, 401, ...) is sent after reading and dropping the body, up to
 * 8 MiB, unless the client waits for "100 Continue": a client that writes
 * its whole body before reading gets the answer instead of a reset. */
#ifndef MOCK_SERVER_H
#define MOCK_SERVER_H

#include <stddef.h>
#include <stdint.h>
#include "mock_api.h"
#include "mock_request.h"

typedef struct mock_server_opts {
    const char *host;       /* numeric address or name; default 127.0.0.1 */
    unsigned port;          /* 0 = any free port */
    const char *token;      /* expected Bearer token (never logged) */
    unsigned latency_ms;    /* delay before every response */
    double fail_rate;       /* fraction of requests answered 503 */
    uint64_t seed;          /* makes the 503 choice reproducible */
    int quiet;              /* no request log on stderr */
    int self_check;         /* check every response against its schema, log violations */
    unsigned idle_timeout_s;/* close a connection idle this long, and one whose request
                               body is still arriving this long after its headers
                               (0 = 30) */
    unsigned header_timeout_s;  /* a request head must be complete this long after the
                                   connection opened or the previous response (0 = 10) */
    unsigned max_connections;   /* open connections in all (0 = 1024; fewer when the
                                   descriptor limit cannot be raised, said in the log) */
    unsigned max_per_address;   /* open connections from one client address (0 = 128) */
} mock_server_opts;

typedef struct mock_server mock_server;

/* Bind, listen and start serving app (which must outlive the server).
 * May raise the process's soft descriptor limit to fit max_connections.
 * NULL on failure with a message naming host:port and the reason in err. */
mock_server *server_start(const mock_server_opts *o, const mock_app *app, char *err, size_t errlen);

/* The port actually bound (useful with port 0). */
unsigned server_port(const mock_server *s);

/* Stop accepting, cut injected latency short, drop open connections
 * (requests in progress are answered or cut off), free.  Takes well
 * under a second even with a thousand connections open (the stop test in
 * tests/cli/mock_hostile.sh).  NULL is ignored. */
void server_stop(mock_server *s);

#endif
