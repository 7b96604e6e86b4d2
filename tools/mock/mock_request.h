/* mock_request.h - one HTTP request through the mock's checks and
 * endpoints, independent of the HTTP library: the server (mock_server.c)
 * feeds it what libmicrohttpd parsed, the request fuzzer feeds it bytes.
 *
 * Two phases, because some answers must go out before the body is read
 * (a declared Content-Length over the limit, say):
 *   mock_request_head()  fault injection (503), Bearer authentication
 *                        (401), route (404), method (405 + Allow),
 *                        declared size (413), Content-Type (415);
 *   mock_request_body()  body over the limit (413), strict JSON parse
 *                        (400), then the endpoint handler (mock_api.h).
 * Every answer is a mock_reply whose body the caller frees with
 * cJSON_Delete (r->body starts NULL). */
#ifndef MOCK_REQUEST_H
#define MOCK_REQUEST_H

#include <stddef.h>
#include <stdint.h>
#include "mock_api.h"

#define MOCK_MAX_BODY (1024 * 1024)
#define MOCK_ID_MAX 200        /* longest campaign id looked up, NUL included */

/* Case-insensitive header lookup: the value, or NULL when absent. */
typedef const char *(*mock_header_fn)(void *cls, const char *name);

typedef struct mock_request {
    const char *method;
    const char *url;            /* path, query string removed, percent-decoded */
    mock_header_fn header;
    void *header_cls;
    const mock_query *query;    /* GET /campaigns parameters; NULL = none */
} mock_request;

typedef struct mock_policy {
    const char *token;          /* expected Bearer token */
    double fail_rate;           /* fraction answered 503 */
    uint64_t seed;              /* makes the 503 choice reproducible */
} mock_policy;

/* What the head phase learnt, for the body phase. */
typedef struct mock_target {
    int route;                  /* internal route number */
    char id[MOCK_ID_MAX];       /* campaign id; "" when too long */
} mock_target;

/* seq is the request's number (for fault injection).  Returns 1 when the
 * request is answered (r filled; *allow set to the Allow header value for
 * 405, else NULL): the body, if any, is then to be discarded.  0: read the
 * body (at most MOCK_MAX_BODY bytes) and call mock_request_body(). */
int mock_request_head(const mock_policy *p, uint64_t seq, const mock_request *rq,
                      mock_target *t, mock_reply *r, const char **allow);

/* Answer a request that passed mock_request_head().  too_large: the body
 * grew past MOCK_MAX_BODY (body is then ignored). */
void mock_request_body(const mock_app *app, const mock_target *t, const mock_request *rq,
                       const char *body, size_t len, int too_large, mock_reply *r);

#endif
