/* test_mock_inproc.h - drive the mock's request functions (mock_request.h)
 * in process, for the tests that link the mock itself (test_mock_oom.c,
 * test_mock_state.c; see the Makefile): a request is its method, path,
 * query and body; the answer is the mock_reply the server would send.
 *
 * Header-only (static inline) because each test is its own program.  The
 * reply's body is the caller's (cJSON_Delete). */
#ifndef TEST_MOCK_INPROC_H
#define TEST_MOCK_INPROC_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mock_request.h"
#include "campaign/json_parse.h"

#define MI_TOKEN "inproc-token"

typedef struct mi_call {
    const char *method, *url;
    const char *query;      /* "k=v&k=v" (taken as decoded) or NULL */
    const char *body;       /* NULL: none */
} mi_call;

typedef struct mi_hdrs { char len[32]; int has_body; } mi_hdrs;

static inline const char *mi_header(void *cls, const char *name)
{
    mi_hdrs *h = cls;
    if (strcasecmp(name, "Authorization") == 0) return "Bearer " MI_TOKEN;
    if (strcasecmp(name, "Content-Type") == 0) return h->has_body ? "application/json" : NULL;
    if (strcasecmp(name, "Content-Length") == 0) return h->has_body ? h->len : NULL;
    return NULL;
}

/* One request through both phases, as the server runs it. */
static inline void mi_run(const mock_app *app, const mi_call *c, mock_reply *r)
{
    mi_hdrs h;
    h.has_body = c->body != NULL;
    snprintf(h.len, sizeof h.len, "%zu", c->body ? strlen(c->body) : (size_t)0);
    char qbuf[512];
    mock_query q;
    memset(&q, 0, sizeof q);
    if (c->query) {
        snprintf(qbuf, sizeof qbuf, "%s", c->query);
        char *save = NULL;
        for (char *kv = strtok_r(qbuf, "&", &save); kv && q.n < MOCK_MAX_QUERY; kv = strtok_r(NULL, "&", &save)) {
            char *eq = strchr(kv, '=');
            if (eq) *eq = 0;
            q.key[q.n] = kv;
            q.value[q.n] = eq ? eq + 1 : "";
            q.n++;
        }
    }
    mock_request rq = { c->method, c->url, mi_header, &h, &q };
    mock_policy pol = { MI_TOKEN, 0, 1 };
    mock_target t;
    const char *allow = NULL;
    r->status = 500;
    r->body = NULL;
    r->schema = NULL;
    if (!mock_request_head(&pol, 0, &rq, &t, r, &allow))
        mock_request_body(app, &t, &rq, c->body, c->body ? strlen(c->body) : 0, 0, r);
}

/* The fixtures, contract and an empty store of a test; 0, or -1 with a
 * message on stderr. */
static inline int mi_setup(mock_app *app)
{
    const char *dir = getenv("CAMPAIGN_SCHEMA_DIR");
    char err[1024];
    jsv_error jerr;
    memset(&jerr, 0, sizeof jerr);
    mock_fixtures *fx = fixtures_load("tools/mock/fixtures.json", err, sizeof err);
    contract *ct = contract_load(dir && *dir ? dir : "schemas", NULL, &jerr);
    mock_store *store = store_new();
    if (!fx || !ct || !store) {
        fprintf(stderr, "cannot set up the mock in process: %s %s\n", fx ? "" : err, ct ? "" : jerr.message);
        fixtures_free(fx);
        contract_free(ct);
        store_free(store);
        return -1;
    }
    app->fx = fx;
    app->store = store;
    app->contract = ct;
    return 0;
}

static inline void mi_teardown(mock_app *app)
{
    store_free(app->store);
    contract_free((contract *)app->contract);
    fixtures_free((mock_fixtures *)app->fx);
}

/* The text the server would send for a reply body (malloc'd), or NULL. */
static inline char *mi_text(const cJSON *body)
{
    return body ? json_print(body) : NULL;
}

#endif
