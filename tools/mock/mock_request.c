/* mock_request.c - routing, authentication, body limits, content type,
 * fault injection and the JSON parse of one request (see mock_request.h). */
#include "mock_request.h"
#include "mock_mutant.h"
#include "mock_json.h"
#include "campaign/json_parse.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define API_PREFIX "/api/v2/buyer"
/* Mock-only routes live outside the API root: they are no part of the
 * contract (tools/mock/README.md). */
#define MOCK_PREFIX "/_mock"

enum route {
    R_NONE, R_CAMPAIGNS, R_CAMPAIGN, R_EXECUTE, R_PAUSE, R_REACTIVATE, R_STATUS,
    R_MOCK_FACTS
};

/* Deterministic pseudo-random fraction for request number n (splitmix64). */
static double fraction(uint64_t seed, uint64_t n)
{
    uint64_t z = seed + (n + 1) * UINT64_C(0x9E3779B97F4A7C15);
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    z ^= z >> 31;
    return (double)(z >> 11) / 9007199254740992.0;
}

/* Compare the presented token with the expected one in time that depends
 * only on the expected token's length. */
static int token_equal(const char *got, size_t glen, const char *want)
{
    size_t wlen = strlen(want);
    volatile unsigned char diff = (unsigned char)(glen != wlen);
    for (size_t i = 0; i < wlen; i++) {
        unsigned char g = glen ? (unsigned char)got[i < glen ? i : 0] : 0;
        diff |= (unsigned char)(g ^ (unsigned char)want[i]);
    }
    return diff == 0;
}

static const char *header(const mock_request *rq, const char *name)
{
    return rq->header ? rq->header(rq->header_cls, name) : NULL;
}

static int authorized(const mock_policy *p, const mock_request *rq)
{
    const char *h = header(rq, "Authorization");
    if (!h) return 0;
    while (*h == ' ') h++;
    if (strncasecmp(h, "Bearer", 6) != 0 || (h[6] != ' ' && h[6] != '\t')) return 0;
    h += 6;
    while (*h == ' ' || *h == '\t') h++;
    size_t len = strlen(h);
    while (len && (h[len - 1] == ' ' || h[len - 1] == '\t')) len--;
    return token_equal(h, len, p->token);
}

/* "application/json", any case, optionally followed by parameters. */
static int is_json_type(const char *ct)
{
    if (!ct) return 0;
    while (*ct == ' ') ct++;
    if (strncasecmp(ct, "application/json", 16) != 0) return 0;
    char c = ct[16];
    return c == 0 || c == ';' || c == ' ' || c == '\t';
}

/* The id segment at url (up to the next '/') into id; its end, or NULL
 * when the segment is empty.  An id too long to exist is "" (not found). */
static const char *id_segment(const char *url, char *id, size_t idlen)
{
    const char *slash = strchr(url, '/');
    size_t n = slash ? (size_t)(slash - url) : strlen(url);
    if (n == 0) return NULL;
    const char *end = url + n;
    if (n >= idlen) n = 0;
    memcpy(id, url, n);
    id[n] = 0;
    return end;
}

static enum route match_route(const char *url, char *id, size_t idlen)
{
    size_t ml = strlen(MOCK_PREFIX "/campaigns/");
    if (strncmp(url, MOCK_PREFIX "/campaigns/", ml) == 0) {
        const char *end = id_segment(url + ml, id, idlen);
        return end && !*end ? R_MOCK_FACTS : R_NONE;
    }
    size_t pl = strlen(API_PREFIX);
    if (strncmp(url, API_PREFIX, pl) != 0) return R_NONE;
    url += pl;
    if (strcmp(url, "/campaigns") == 0) return R_CAMPAIGNS;
    if (strncmp(url, "/campaigns/", 11) != 0) return R_NONE;
    const char *rest = id_segment(url + 11, id, idlen);
    if (!rest) return R_NONE;
    if (!*rest) return R_CAMPAIGN;
    if (strcmp(rest, "/execute") == 0) return R_EXECUTE;
    if (strcmp(rest, "/pause") == 0) return R_PAUSE;
    if (strcmp(rest, "/reactivate") == 0) return R_REACTIVATE;
    if (strcmp(rest, "/media-buy-status") == 0) return R_STATUS;
    return R_NONE;
}

static const char *allowed_methods(enum route r)
{
    switch (r) {
    case R_CAMPAIGNS: return "GET, POST";
    case R_CAMPAIGN: return "GET, PUT";
    case R_STATUS: case R_MOCK_FACTS: return "GET";
    default: return "POST";
    }
}

static int method_allowed(enum route r, const char *m)
{
    switch (r) {
    case R_CAMPAIGNS: return strcmp(m, "GET") == 0 || strcmp(m, "POST") == 0;
    case R_CAMPAIGN: return strcmp(m, "GET") == 0 || strcmp(m, "PUT") == 0;
    case R_STATUS: case R_MOCK_FACTS: return strcmp(m, "GET") == 0;
    case R_EXECUTE: case R_PAUSE: case R_REACTIVATE: return strcmp(m, "POST") == 0;
    default: return 0;
    }
}

/* Endpoints whose body is JSON: required for create and update, optional
 * for execute. 0 = the body is ignored. */
static int json_body_kind(int r, const char *m)
{
    if (r == R_CAMPAIGNS && strcmp(m, "POST") == 0) return 2;
    if (r == R_CAMPAIGN && strcmp(m, "PUT") == 0) return 2;
    if (r == R_EXECUTE) return 1;
    return 0;
}

int mock_request_head(const mock_policy *p, uint64_t seq, const mock_request *rq,
                      mock_target *t, mock_reply *r, const char **allow)
{
    *allow = NULL;
    t->route = R_NONE;
    t->id[0] = 0;
    if (p->fail_rate > 0 && fraction(p->seed, seq) < p->fail_rate) {
        reply_error(r, 503, "SERVICE_UNAVAILABLE", NULL, NULL, "injected failure (--fail-rate)");
        return 1;
    }
    if (!authorized(p, rq) &&
        !(mock_mutant("auth_any_token_on_get") && strcmp(rq->method, "GET") == 0 &&
          header(rq, "Authorization"))) {
        reply_error(r, mock_mutant("auth_401_as_403") ? 403 : 401, "UNAUTHORIZED", NULL, NULL,
                    "missing or invalid bearer token");
        return 1;
    }
    enum route route = match_route(rq->url, t->id, sizeof t->id);
    t->route = route;
    if (route == R_NONE) {
        if (mock_mutant("route_unknown_400"))
            reply_error(r, 400, "VALIDATION_ERROR", NULL, NULL, "no route for %s", rq->url);
        else
            reply_error(r, 404, "NOT_FOUND", NULL, NULL, "no route for %s", rq->url);
        return 1;
    }
    if (!method_allowed(route, rq->method)) {
        *allow = allowed_methods(route);
        if (mock_mutant("method_wrong_404")) {
            *allow = NULL;
            reply_error(r, 404, "NOT_FOUND", NULL, NULL, "no route for %s %s", rq->method, rq->url);
            return 1;
        }
        reply_error(r, 405, "METHOD_NOT_ALLOWED", NULL, NULL, "%s is not allowed here (allowed: %s)",
                    rq->method, *allow);
        return 1;
    }
    const char *cl = header(rq, "Content-Length");
    const char *te = header(rq, "Transfer-Encoding");
    unsigned long long declared = cl ? strtoull(cl, NULL, 10) : 0;
    if (declared > MOCK_MAX_BODY) {
        reply_error(r, 413, "PAYLOAD_TOO_LARGE", NULL, NULL,
                    "request body of %llu bytes is over the limit of %d bytes",
                    declared, MOCK_MAX_BODY);
        return 1;
    }
    int kind = json_body_kind(route, rq->method);
    int has_body = declared > 0 || (te && strcasecmp(te, "identity") != 0);
    if ((kind == 2 || (kind == 1 && has_body)) && !is_json_type(header(rq, "Content-Type")) &&
        !mock_mutant("content_type_unchecked")) {
        reply_error(r, 415, "UNSUPPORTED_MEDIA_TYPE", NULL, NULL,
                    "send the body as Content-Type: application/json");
        return 1;
    }
    return 0;
}

static void dispatch(const mock_app *app, const mock_target *t, const mock_request *rq,
                     const cJSON *body, mock_reply *r)
{
    static const mock_query none = { 0 };
    switch (t->route) {
    case R_CAMPAIGNS:
        if (strcmp(rq->method, "POST") == 0) api_create(app, body, r);
        else api_list(app, rq->query ? rq->query : &none, r);
        break;
    case R_CAMPAIGN:
        if (strcmp(rq->method, "PUT") == 0) api_update(app, t->id, body, r);
        else api_get(app, t->id, rq->query ? rq->query : &none, r);
        break;
    case R_EXECUTE: api_execute(app, t->id, body, r); break;
    case R_PAUSE: api_pause(app, t->id, r); break;
    case R_REACTIVATE: api_reactivate(app, t->id, r); break;
    case R_STATUS: api_media_buy_status(app, t->id, r); break;
    case R_MOCK_FACTS: api_mock_facts(app, t->id, r); break;
    default: reply_error(r, 404, "NOT_FOUND", NULL, NULL, "no route"); break;
    }
}

void mock_request_body(const mock_app *app, const mock_target *t, const mock_request *rq,
                       const char *body, size_t len, int too_large, mock_reply *r)
{
    if (too_large) {
        reply_error(r, 413, "PAYLOAD_TOO_LARGE", NULL, NULL,
                    "request body is over the limit of %d bytes", MOCK_MAX_BODY);
        return;
    }
    if (!t->id[0] && t->route != R_CAMPAIGNS) {
        reply_error(r, 404, "NOT_FOUND", NULL, NULL, "campaign not found");
        return;
    }
    json_doc *doc = NULL;
    int kind = json_body_kind(t->route, rq->method);
    if (kind == 2 || (kind == 1 && len > 0)) {
        json_parse_opts opts = { JSON_PARSE_REJECT_DUPLICATES, 0 };
        json_error jerr;
        memset(&jerr, 0, sizeof jerr);
        doc = json_parse(body ? body : "", body ? len : 0, &opts, NULL, &jerr);
        if (!doc) {
            /* a parse that ran out of memory says nothing about the body */
            cJSON *d = jerr.code == JSON_ERR_NOMEM ? NULL : cJSON_CreateObject();
            if (!mj_add_num(d, "line", jerr.line) || !mj_add_num(d, "column", jerr.col)) {
                cJSON_Delete(d);
                reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory");
                return;
            }
            reply_error(r, mock_mutant("malformed_json_500") ? 500 : 400,
                        mock_mutant("malformed_json_500") ? "INTERNAL_ERROR" : "VALIDATION_ERROR", NULL, d,
                        "malformed JSON at line %u, column %u: %s",
                        jerr.line, jerr.col, jerr.message);
            return;
        }
    }
    dispatch(app, t, rq, doc ? doc->root : NULL, r);
    json_doc_free(doc);
}
