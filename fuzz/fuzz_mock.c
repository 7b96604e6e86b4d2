/* fuzz_mock.c - libFuzzer target: HTTP requests through the mock's
 * request handling (mock_request.h), in process, on a fresh store.
 *
 * Input: one or more requests separated by a line "===":
 *     METHOD URL
 *     Name: value          (headers, until an empty line)
 *
 *     body                 (the rest, up to the separator)
 * The query string of URL becomes the query parameters (percent-decoded,
 * as the server passes them).  Requests run in order, so a seed can create
 * a campaign (cmp_000001) and then update, execute or pause it.
 *
 * Oracle, beyond "no crash, no leak, no hang": every answer has a body
 * that serialises to strict JSON, a status the mock documents, and keeps
 * the contract of the response schema it names (what --self-check logs). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "campaign/json_parse.h"
#include "mock_request.h"

#define FUZZ_TOKEN "fuzz-token"
#define MAX_HEADERS 32

static mock_fixtures *Fixtures;
static contract *Contract;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    const char *dir = getenv("CAMPAIGN_SCHEMA_DIR");
    const char *fx = getenv("CAMPAIGN_MOCK_FIXTURES");
    char err[1024];
    jsv_error jerr;
    memset(&jerr, 0, sizeof jerr);
    Fixtures = fixtures_load(fx && *fx ? fx : "tools/mock/fixtures.json", err, sizeof err);
    if (!Fixtures) { fprintf(stderr, "fuzz_mock: %s\n", err); exit(2); }
    Contract = contract_load(dir && *dir ? dir : "schemas", NULL, &jerr);
    if (!Contract) { fprintf(stderr, "fuzz_mock: %s\n", jerr.message); exit(2); }
    return 0;
}

typedef struct headers {
    size_t n;
    char *name[MAX_HEADERS], *value[MAX_HEADERS];
} headers;

static const char *lookup(void *cls, const char *name)
{
    headers *h = cls;
    for (size_t i = 0; i < h->n; i++)
        if (strcasecmp(h->name[i], name) == 0) return h->value[i];
    return NULL;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Percent-decode s in place ('+' is a space, as in a query string). */
static void decode(char *s)
{
    char *o = s;
    for (char *p = s; *p; p++) {
        if (*p == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
            *o++ = (char)(hexval(p[1]) * 16 + hexval(p[2]));
            p += 2;
        } else {
            *o++ = *p == '+' ? ' ' : *p;
        }
    }
    *o = 0;
}

static int known_status(int s)
{
    static const int ok[] = { 200, 201, 202, 400, 401, 404, 405, 409, 413, 415, 500, 503 };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        if (ok[i] == s) return 1;
    return 0;
}

static void check_reply(const mock_app *app, const char *method, const char *url, const mock_reply *r)
{
    if (!r->body) { fprintf(stderr, "%s %s: no body\n", method, url); abort(); }
    if (!known_status(r->status)) { fprintf(stderr, "%s %s: status %d\n", method, url, r->status); abort(); }
    /* the text the server sends (mock_server.c): U+0000, which the mock's
     * trees hold as C0 80, written \u0000 */
    char *text = json_print(r->body);
    if (!text) abort();
    json_parse_opts po = { JSON_PARSE_REJECT_DUPLICATES, 0 };
    json_error je;
    json_doc *doc = json_parse(text, strlen(text), &po, NULL, &je);
    if (!doc) {
        fprintf(stderr, "%s %s -> %d: the body is not strict JSON (%s at %u:%u): %.300s\n",
                method, url, r->status, je.message, je.line, je.col, text);
        abort();
    }
    if (r->schema) {
        contract_report *rep = contract_report_new();
        if (!rep) abort();
        if (contract_check(app->contract, r->schema, doc->root, 0, rep) != 1) {
            const contract_finding *f = contract_report_get(rep, 0);
            fprintf(stderr, "%s %s -> %d violates %s at \"%s\": %s\n%.2000s\n", method, url, r->status,
                    r->schema, f ? f->pointer : "", f ? f->message : "", text);
            abort();
        }
        contract_report_free(rep);
    }
    json_doc_free(doc);
    free(text);
}

/* Run one request held in req[0..len) (a private, NUL-terminated copy). */
static void one_request(const mock_app *app, const mock_policy *pol, uint64_t seq, char *req, size_t len)
{
    char *end = req + len;
    char *nl = memchr(req, '\n', len);
    char *line_end = nl ? nl : end;
    *line_end = 0;
    char *sp = strchr(req, ' ');
    if (!sp) return;
    *sp = 0;
    char *method = req, *url = sp + 1;
    char *rest = nl ? nl + 1 : end;

    headers h = { 0 };
    while (rest < end) {
        char *e = memchr(rest, '\n', (size_t)(end - rest));
        char *le = e ? e : end;
        if (le == rest) { rest = e ? e + 1 : end; break; }   /* empty line: the body follows */
        *le = 0;
        char *colon = strchr(rest, ':');
        if (colon && h.n < MAX_HEADERS) {
            *colon = 0;
            char *v = colon + 1;
            while (*v == ' ' || *v == '\t') v++;
            h.name[h.n] = rest;
            h.value[h.n] = v;
            h.n++;
        }
        rest = e ? e + 1 : end;
    }
    const char *body = rest;
    size_t blen = (size_t)(end - rest);

    mock_query q = { 0 };
    char *qs = strchr(url, '?');
    if (qs) {
        *qs++ = 0;
        for (char *tok = strtok(qs, "&"); tok && q.n < MOCK_MAX_QUERY; tok = strtok(NULL, "&")) {
            char *eq = strchr(tok, '=');
            if (eq) *eq = 0;
            decode(tok);
            if (eq) decode(eq + 1);
            q.key[q.n] = tok;
            q.value[q.n] = eq ? eq + 1 : "";
            q.n++;
        }
    }
    decode(url);

    mock_request rq = { method, url, lookup, &h, &q };
    mock_target t;
    mock_reply r = { 500, NULL, NULL };
    const char *allow = NULL;
    if (!mock_request_head(pol, seq, &rq, &t, &r, &allow))
        mock_request_body(app, &t, &rq, body, blen, blen > MOCK_MAX_BODY, &r);
    check_reply(app, method, url, &r);
    cJSON_Delete(r.body);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mock_store *store = store_new();
    if (!store) abort();
    mock_app app = { Fixtures, store, Contract };
    /* a 503 now and then, reproducibly: the seed is the input's size */
    mock_policy pol = { FUZZ_TOKEN, 0.05, size };
    char *copy = malloc(size + 1);
    if (!copy) abort();
    memcpy(copy, data, size);
    copy[size] = 0;
    static const char sep[] = "\n===\n";
    char *p = copy, *end = copy + size;
    uint64_t seq = 0;
    while (p <= end && seq < 64) {
        char *s = NULL;
        for (char *k = p; k + 5 <= end; k++)
            if (memcmp(k, sep, 5) == 0) { s = k; break; }
        size_t len = s ? (size_t)(s - p) : (size_t)(end - p);
        char save = p[len];
        p[len] = 0;
        one_request(&app, &pol, seq++, p, len);
        p[len] = save;
        if (!s) break;
        p = s + 5;
    }
    free(copy);
    store_free(store);
    return 0;
}
