/* mock_server.h - the HTTP side of campaign-mock (libmicrohttpd).
 *
 * One thread per connection, so --latency-ms sleeps and slow clients
 * delay only their own connection.  Per request, in this order:
 *   fault injection (503, before anything else: the server is "down"),
 *   Bearer authentication (401), route (404), method (405, with Allow),
 *   declared body size over 1 MiB (413, before reading the body),
 *   Content-Type of JSON endpoints (415), body read (413 when a chunked
 *   body grows past 1 MiB; nothing beyond the limit is kept), strict JSON
 *   parse (400), then the endpoint handler (mock_api.h).  Those checks are
 *   mock_request.h, free of the HTTP library; this file only moves bytes. */
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
} mock_server_opts;

typedef struct mock_server mock_server;

/* Bind, listen and start serving app (which must outlive the server).
 * NULL on failure with a message naming host:port and the reason in err. */
mock_server *server_start(const mock_server_opts *o, const mock_app *app, char *err, size_t errlen);

/* The port actually bound (useful with port 0). */
unsigned server_port(const mock_server *s);

/* Stop accepting, finish or drop open connections, free. */
void server_stop(mock_server *s);

#endif
