/* test_mock_server.c - campaign-mock's HTTP plumbing over real HTTP:
 * --port 0 and the listening line, authentication, unknown routes and
 * methods, content type, body size limit, malformed JSON, validation
 * errors with their field pointer, fault injection (deterministic 503s,
 * latency), concurrent requests, exit statuses and fixtures errors.
 * Every response body is checked against its response schema. */
#include "test_mock_client.h"

#include "campaign/json_parse.h"

#include <pthread.h>
#include <regex.h>

static struct check T = { 0, 0, "test_mock_server" };

static void test_listening_line(mc *m)
{
    regex_t re;
    regcomp(&re, "^listening on http://127\\.0\\.0\\.1:[0-9]+$", REG_EXTENDED | REG_NOSUB);
    CHECK_MSG(&T, regexec(&re, m->srv.first_line, 0, NULL, 0) == 0, "first line \"%s\"",
              m->srv.first_line);
    regfree(&re);
    CHECK(&T, m->srv.port > 0 && m->srv.port < 65536);
    /* two servers with --port 0 get different ports */
    mc_server other;
    CHECK(&T, mc_start(&other, NULL) == 0);
    CHECK(&T, other.port != m->srv.port);
    CHECK_INT(&T, mc_stop(&other), 0);
}

static void test_auth(mc *m)
{
    static const struct { const char *token, *header; } bad[] = {
        { "", NULL },                          /* no Authorization header */
        { "wrong-token", NULL },
        { "demo-token-longer", NULL },
        { "demo-toke", NULL },
        { NULL, "Basic ZGVtbzp0b2tlbg==" },
        { NULL, "Bearer" },
        { NULL, "demo-token" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mc_opts o = { .token = bad[i].token, .auth_header = bad[i].header };
        mc_resp r;
        mc_request(&m->srv, "GET", "/campaigns", NULL, 0, &o, &r);
        CHECK_MSG(&T, r.status == 401, "case %zu: status %ld", i, r.status);
        mc_check_schema(m, "error-response", r.json, "401 body");
        CHECK_STR(&T, mc_str(r.json, "/error/code"), "UNAUTHORIZED");
        CHECK(&T, strstr(r.www_auth, "Bearer") != NULL);
        CHECK(&T, r.text && !strstr(r.text, "demo-token"));   /* never echoed */
        mc_resp_free(&r);
    }
    /* scheme is case-insensitive */
    mc_opts o = { .auth_header = "bearer demo-token" };
    mc_resp r;
    mc_request(&m->srv, "GET", "/campaigns", NULL, 0, &o, &r);
    CHECK_INT(&T, r.status, 200);
    mc_resp_free(&r);
    /* 401 comes before routing: unknown routes are not revealed */
    mc_opts none = { .token = "" };
    mc_request(&m->srv, "GET", "/nowhere", NULL, 0, &none, &r);
    CHECK_INT(&T, r.status, 401);
    mc_resp_free(&r);
}

static void test_token_options(mc *m)
{
    (void)m;
    mc_server s;
    const char *const env[] = { "CAMPAIGN_MOCK_TOKEN=env-secret", NULL };
    CHECK(&T, mc_start_env(&s, NULL, env) == 0);
    mc_resp r;
    mc_request(&s, "GET", "/campaigns", NULL, 0, NULL, &r);      /* demo-token */
    CHECK_INT(&T, r.status, 401);
    mc_resp_free(&r);
    mc_opts o = { .token = "env-secret" };
    mc_request(&s, "GET", "/campaigns", NULL, 0, &o, &r);
    CHECK_INT(&T, r.status, 200);
    mc_resp_free(&r);
    mc_stop(&s);
    /* --token wins over the environment */
    const char *const args[] = { "--token", "opt-secret", NULL };
    CHECK(&T, mc_start_full(&s, args, env, 0) == 0);   /* logging on */
    o.token = "env-secret";
    mc_request(&s, "GET", "/campaigns", NULL, 0, &o, &r);
    CHECK_INT(&T, r.status, 401);
    mc_resp_free(&r);
    o.token = "opt-secret";
    mc_request(&s, "GET", "/campaigns", NULL, 0, &o, &r);
    CHECK_INT(&T, r.status, 200);
    mc_resp_free(&r);
    /* the token never reaches the log, even without --quiet */
    CHECK(&T, strstr(mc_stderr(&s), "opt-secret") == NULL);
    mc_stop(&s);
}

static void test_routes(mc *m)
{
    static const char *const unknown[] = {
        "/api/v2/buyer", "/api/v2/buyer/", "/api/v2/buyer/campaign", "/api/v2/buyer/campaigns/",
        "/api/v2/buyer/campaigns/cmp_000001/explode", "/api/v2/buyer/campaigns/a/b/c",
        "/api/v1/buyer/campaigns", "/", "/campaigns",
    };
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        char url[256];
        snprintf(url, sizeof url, "http://127.0.0.1:%u%s", m->srv.port, unknown[i]);
        mc_resp r;
        mc_request(&m->srv, "GET", url, NULL, 0, NULL, &r);
        CHECK_MSG(&T, r.status == 404, "%s: status %ld", unknown[i], r.status);
        mc_check_schema(m, "error-response", r.json, unknown[i]);
        CHECK_STR(&T, mc_str(r.json, "/error/code"), "NOT_FOUND");
        CHECK(&T, strncmp(r.content_type, "application/json", 16) == 0);
        mc_resp_free(&r);
    }
    /* a well-formed route to a campaign that does not exist */
    static const char *const missing[][2] = {
        { "GET", "/campaigns/cmp_999999" }, { "PUT", "/campaigns/cmp_999999" },
        { "POST", "/campaigns/cmp_999999/execute" }, { "POST", "/campaigns/cmp_999999/pause" },
        { "POST", "/campaigns/cmp_999999/reactivate" }, { "GET", "/campaigns/cmp_999999/media-buy-status" },
        { "GET", "/campaigns/nonsense%20id" },
    };
    for (size_t i = 0; i < sizeof missing / sizeof missing[0]; i++) {
        mc_resp r;
        mc_call(m, &r, missing[i][0], missing[i][1], strcmp(missing[i][0], "PUT") ? NULL : "{}", 404, NULL);
        CHECK_STR(&T, mc_str(r.json, "/error/code"), "NOT_FOUND");
        mc_resp_free(&r);
    }
}

static void test_methods(mc *m)
{
    static const struct { const char *method, *path, *allow; } cases[] = {
        { "DELETE", "/campaigns", "GET, POST" },
        { "PUT", "/campaigns", "GET, POST" },
        { "DELETE", "/campaigns/cmp_000001", "GET, PUT" },
        { "POST", "/campaigns/cmp_000001", "GET, PUT" },
        { "PATCH", "/campaigns/cmp_000001", "GET, PUT" },
        { "GET", "/campaigns/cmp_000001/execute", "POST" },
        { "PUT", "/campaigns/cmp_000001/pause", "POST" },
        { "GET", "/campaigns/cmp_000001/reactivate", "POST" },
        { "POST", "/campaigns/cmp_000001/media-buy-status", "GET" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_resp r;
        mc_call(m, &r, cases[i].method, cases[i].path, NULL, 405, NULL);
        CHECK_STR(&T, mc_str(r.json, "/error/code"), "METHOD_NOT_ALLOWED");
        CHECK_STR(&T, r.allow, cases[i].allow);
        mc_resp_free(&r);
    }
}

static void test_content_type(mc *m)
{
    char *body = mc_create_body("ct", 1000, NULL, NULL);
    static const char *const bad[] = { "", "text/plain", "application/jsonx", "application/x-www-form-urlencoded" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mc_opts o = { .content_type = bad[i] };
        mc_resp r;
        mc_request(&m->srv, "POST", "/campaigns", body, (size_t)-1, &o, &r);
        CHECK_MSG(&T, r.status == 415, "content type \"%s\": status %ld", bad[i], r.status);
        mc_check_schema(m, "error-response", r.json, "415");
        CHECK_STR(&T, mc_str(r.json, "/error/code"), "UNSUPPORTED_MEDIA_TYPE");
        mc_resp_free(&r);
    }
    /* parameters and case do not matter */
    static const char *const good[] = { "application/json; charset=utf-8", "Application/JSON" };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        mc_opts o = { .content_type = good[i] };
        mc_resp r;
        mc_request(&m->srv, "POST", "/campaigns", body, (size_t)-1, &o, &r);
        CHECK_MSG(&T, r.status == 201, "content type \"%s\": status %ld", good[i], r.status);
        mc_resp_free(&r);
    }
    free(body);
    /* PUT needs it too; execute only when it carries a body */
    char id[64];
    mc_create(m, "ct2", 1000, "[\"prod_display_1\"]", NULL, id, sizeof id);
    char path[128];
    snprintf(path, sizeof path, "/campaigns/%s", id);
    mc_opts plain = { .content_type = "text/plain" };
    mc_resp r;
    mc_request(&m->srv, "PUT", path, "{}", (size_t)-1, &plain, &r);
    CHECK_INT(&T, r.status, 415);
    mc_resp_free(&r);
    snprintf(path, sizeof path, "/campaigns/%s/execute", id);
    mc_request(&m->srv, "POST", path, "{\"debug\":true}", (size_t)-1, &plain, &r);
    CHECK_INT(&T, r.status, 415);
    mc_resp_free(&r);
    mc_opts none = { .content_type = "" };
    mc_request(&m->srv, "POST", path, NULL, 0, &none, &r);   /* no body: no type needed */
    CHECK_INT(&T, r.status, 200);
    mc_check_schema(m, "campaign-status-change-response", r.json, "execute without body");
    mc_resp_free(&r);
}

static void test_body_limit(mc *m)
{
    size_t big = 1024 * 1024 + 1;
    char *body = malloc(big + 1);
    memset(body, ' ', big);
    body[0] = '{';
    body[big - 1] = '}';
    body[big] = 0;
    char id[64];
    mc_create(m, "limit", 1000, NULL, NULL, id, sizeof id);
    char path[128];
    snprintf(path, sizeof path, "/campaigns/%s", id);
    /* declared length over the limit: refused before the body is read */
    mc_resp r;
    mc_request(&m->srv, "PUT", path, body, big, NULL, &r);
    CHECK_INT(&T, r.status, 413);
    mc_check_schema(m, "error-response", r.json, "413");
    CHECK_STR(&T, mc_str(r.json, "/error/code"), "PAYLOAD_TOO_LARGE");
    mc_resp_free(&r);
    /* same without a declared length (chunked) */
    mc_opts chunked = { .chunked = 1 };
    mc_request(&m->srv, "PUT", path, body, big, &chunked, &r);
    CHECK_INT(&T, r.status, 413);
    mc_check_schema(m, "error-response", r.json, "413 chunked");
    mc_resp_free(&r);
    /* exactly 1 MiB is fine */
    body[big - 2] = '}';
    mc_request(&m->srv, "PUT", path, body, big - 1, NULL, &r);
    CHECK_INT(&T, r.status, 200);
    mc_resp_free(&r);
    mc_request(&m->srv, "PUT", path, body, big - 1, &chunked, &r);
    CHECK_INT(&T, r.status, 200);
    mc_resp_free(&r);
    free(body);
    /* the server is still fine afterwards */
    mc_get(m, id, &r);
    mc_resp_free(&r);
}

static void test_malformed(mc *m)
{
    static const struct { const char *body; const char *where; } cases[] = {
        { "{\"name\": ", "line 1" },
        { "{\"name\": \"x\",}", "column 14" },
        { "{\n  \"name\": \"a\",\n  \"name\": \"b\"\n}", "line 3" },   /* duplicate key */
        { "", "line 1" },
        { "{\"budget\": {\"total\": 01}}", "line 1" },
        { "[1, 2", "line 1" },
        { "{} {}", "line 1" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_resp r;
        mc_request(&m->srv, "POST", "/campaigns", cases[i].body, (size_t)-1, NULL, &r);
        CHECK_MSG(&T, r.status == 400, "case %zu: status %ld", i, r.status);
        mc_check_schema(m, "error-response", r.json, "malformed");
        CHECK_STR(&T, mc_str(r.json, "/error/code"), "VALIDATION_ERROR");
        const char *msg = mc_str(r.json, "/error/message");
        CHECK_MSG(&T, msg && strstr(msg, "malformed JSON") && strstr(msg, cases[i].where),
                  "case %zu: message \"%s\" should name %s", i, msg ? msg : "", cases[i].where);
        mc_resp_free(&r);
    }
}

/* The field pointer is the first finding of the same check campaign-lint runs. */
static void test_validation_field(mc *m)
{
    char longname[300];
    memset(longname, 'n', 256);
    longname[256] = 0;
    char *bodies[] = {
        mc_create_body(longname, 1000, NULL, NULL),
        mc_create_body("neg", -5, NULL, NULL),
        mc_fmt("{\"advertiserId\":12345,\"name\":\"x\",\"budget\":{\"total\":5},\"campaignType\":\"DECISIONED\"}"),
        mc_fmt("{\"advertiserId\":12345,\"name\":\"x\",\"flightDates\":{\"startDate\":\"2026-01-01T00:00:00Z\","
               "\"endDate\":\"2026-03-01T00:00:00Z\"},\"budget\":{\"total\":5},\"campaignType\":\"OTHER\"}"),
        mc_fmt("{\"advertiserId\":12345,\"name\":\"x\",\"flightDates\":{\"startDate\":\"2026-03-01T00:00:00Z\","
               "\"endDate\":\"2026-01-01T00:00:00Z\"},\"budget\":{\"total\":5},\"campaignType\":\"ROUTED\"}"),
        mc_create_body("prods", 1000, NULL, "\"productIds\":[\"prod_display_1\"]"),
        mc_create_body("caps", 1000, NULL, "\"frequencyCaps\":[{\"max_impressions\":3,\"window\":{\"interval\":0,\"unit\":\"days\"}}]"),
    };
    const char *want[] = { "/name", "/budget/total", NULL, "/campaignType", NULL, NULL,
                           "/frequencyCaps/0/window/interval" };
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        mc_resp r;
        mc_call(m, &r, "POST", "/campaigns", bodies[i], 400, NULL);
        CHECK_STR(&T, mc_str(r.json, "/error/code"), "VALIDATION_ERROR");
        const char *field = mc_str(r.json, "/error/field");
        /* what the engine says about the same body */
        json_error jerr;
        json_doc *doc = json_parse(bodies[i], strlen(bodies[i]), NULL, NULL, &jerr);
        contract_report *rep = contract_report_new();
        contract_check(m->c, "campaign-create-request", doc ? doc->root : NULL, 0, rep);
        const contract_finding *f = contract_report_count(rep) ? contract_report_get(rep, 0) : NULL;
        CHECK_STR(&T, field, f ? f->pointer : "(no finding)");
        CHECK_STR(&T, mc_str(r.json, "/error/message"), f ? f->message : "(no finding)");
        if (want[i]) CHECK_STR(&T, field, want[i]);
        contract_report_free(rep);
        json_doc_free(doc);
        mc_resp_free(&r);
        free(bodies[i]);
    }
}

/* JSON text for U+0000. */
#define NUL "\\u0000"

/* A response's text parsed as the tools parse it (U+0000 kept, duplicate
 * keys an error); NULL when it does not parse so. */
static json_doc *strict(const mc_resp *r)
{
    json_parse_opts o = { JSON_PARSE_REJECT_DUPLICATES, 0 };
    json_error e;
    return r->text ? json_parse(r->text, r->len, &o, NULL, &e) : NULL;
}

/* The string at /campaign/<name> of a strict parse: its bytes in out
 * (size bytes at most), its length, or -1 when absent. */
static long campaign_string(const json_doc *d, const char *name, char *out, size_t size)
{
    const cJSON *v = d ? json_member(json_member(d->root, "campaign"), name) : NULL;
    if (!cJSON_IsString(v)) return -1;
    size_t n = json_string_len(v);
    memcpy(out, v->valuestring, n < size ? n : size);
    return (long)n;
}

/* A member whose name holds U+0000 is a member of its own: the mock reads
 * the very members the schema checked ("name\u0000xxx..." is not name,
 * whichever comes first), and a string holding U+0000 is stored and
 * echoed whole. */
static void test_whole_names(mc *m)
{
    char key[1100], value[1100];
    int n = snprintf(key, sizeof key, "name" NUL);
    memset(key + n, 'x', 1000);
    key[n + 1000] = '\0';
    memset(value, 'y', 1000);
    value[1000] = '\0';
    for (int order = 0; order < 2; order++) {
        char *body = mc_fmt("{%s%s%s\"advertiserId\":12345,\"name\":\"ok\","
                            "\"flightDates\":{\"startDate\":\"2026-01-01T00:00:00Z\",\"endDate\":\"2026-03-31T23:59:59Z\"},"
                            "\"budget\":{\"total\":1000,\"currency\":\"USD\"},\"campaignType\":\"DECISIONED\"%s%s%s}",
                            order ? "" : "\"", order ? "" : key, order ? "" : "\":\"x\",",
                            order ? ",\"" : "", order ? key : "", order ? "\":\"x\"" : "");
        char *twisted = strstr(body, "\"x\"");   /* the long name's value: 1000 characters */
        char *full = mc_fmt("%.*s\"%s\"%s", (int)(twisted - body), body, value, twisted + 3);
        mc_resp r;
        mc_call(m, &r, "POST", "/campaigns", full, 201, "campaign-response");
        json_doc *d = strict(&r);
        char got[1100];
        long len = campaign_string(d, "name", got, sizeof got);
        CHECK_MSG(&T, len == 2 && memcmp(got, "ok", 2) == 0, "order %d: stored name of %ld bytes", order, len);
        json_doc_free(d);
        const char *id = mc_str(r.json, "/campaign/campaignId");
        mc_resp g;
        if (id) {
            mc_get(m, id, &g);
            CHECK_STR(&T, mc_str(g.json, "/campaign/name"), "ok");
            mc_resp_free(&g);
        }
        mc_resp_free(&r);
        free(full);
        free(body);
    }

    /* a name holding U+0000 round-trips through create, GET and PUT */
    char *body = mc_create_body("a" NUL "b", 1000, NULL, NULL);
    mc_resp r;
    mc_call(m, &r, "POST", "/campaigns", body, 201, "campaign-response");
    CHECK_MSG(&T, r.text && strstr(r.text, "\"name\":\"a" NUL "b\""), "create: %.200s", r.text ? r.text : "");
    json_doc *d = strict(&r);
    char got[64];
    CHECK(&T, campaign_string(d, "name", got, sizeof got) == 3 && memcmp(got, "a\0b", 3) == 0);
    json_doc_free(d);
    char id[64];
    snprintf(id, sizeof id, "%s", mc_str(r.json, "/campaign/campaignId") ? mc_str(r.json, "/campaign/campaignId") : "x");
    mc_resp_free(&r);
    free(body);
    mc_get(m, id, &r);
    d = strict(&r);
    CHECK(&T, campaign_string(d, "name", got, sizeof got) == 3 && memcmp(got, "a\0b", 3) == 0);
    json_doc_free(d);
    mc_resp_free(&r);
    char path[128];
    snprintf(path, sizeof path, "/campaigns/%s", id);
    mc_call(m, &r, "PUT", path, "{\"name\":\"" NUL "c" NUL "\"}", 200, "campaign-response");
    mc_resp_free(&r);
    mc_get(m, id, &r);
    d = strict(&r);
    CHECK(&T, campaign_string(d, "name", got, sizeof got) == 3 && memcmp(got, "\0c\0", 3) == 0);
    json_doc_free(d);
    mc_resp_free(&r);
    /* ... and a 255-character name with U+0000 in it is still 255 characters */
    char name[300];
    n = snprintf(name, sizeof name, "a" NUL);
    memset(name + n, 'z', 253);
    name[n + 253] = '\0';
    body = mc_create_body(name, 1000, NULL, NULL);
    mc_call(m, &r, "POST", "/campaigns", body, 201, "campaign-response");
    mc_resp_free(&r);
    free(body);
    name[n + 253] = 'z';
    name[n + 254] = '\0';
    body = mc_create_body(name, 1000, NULL, NULL);
    mc_call(m, &r, "POST", "/campaigns", body, 400, NULL);
    CHECK_STR(&T, mc_str(r.json, "/error/field"), "/name");
    mc_resp_free(&r);
    free(body);

    /* a nested name holding U+0000 stays apart from the name it starts
     * with: dropped from closed flightDates (no second "endDate" in the
     * response), echoed whole by open constraints */
    body = mc_fmt("{\"advertiserId\":12345,\"name\":\"echo\",\"flightDates\":{\"startDate\":\"2026-01-01T00:00:00Z\","
                  "\"endDate" NUL "x\":\"not a date\",\"endDate\":\"2026-03-31T23:59:59Z\"},"
                  "\"constraints\":{\"language" NUL "x\":\"kept\",\"language\":[\"en\"]},"
                  "\"budget\":{\"total\":1000},\"campaignType\":\"DECISIONED\"}");
    mc_call(m, &r, "POST", "/campaigns", body, 201, "campaign-response");
    d = strict(&r);
    CHECK_MSG(&T, d != NULL, "the response has no duplicate key: %.300s", r.text ? r.text : "");
    const cJSON *camp = d ? json_member(d->root, "campaign") : NULL;
    const cJSON *fd = json_member(camp, "flightDates"), *cons = json_member(camp, "constraints");
    CHECK(&T, json_string_is(json_member(fd, "endDate"), "2026-03-31T23:59:59Z"));
    CHECK(&T, fd && json_member_n(fd, "endDate\0x", 9) == NULL);
    CHECK(&T, json_string_is(json_member_n(cons, "language\0x", 10), "kept"));
    CHECK(&T, cJSON_IsArray(json_member(cons, "language")));
    json_doc_free(d);
    mc_resp_free(&r);
    free(body);

    /* an id holding U+0000 is not the id it starts with */
    body = mc_create_body("disc", 1000, NULL, "\"discoveryId\":\"disc_demo" NUL "x\",\"productIds\":[\"prod_display_1\"]");
    mc_call(m, &r, "POST", "/campaigns", body, 404, NULL);
    CHECK_STR(&T, mc_str(r.json, "/error/field"), "/discoveryId");
    CHECK_MSG(&T, r.text && strstr(r.text, "disc_demo" NUL "x not found"), "%.300s", r.text ? r.text : "");
    mc_resp_free(&r);
    free(body);
}
#undef NUL

static void test_fail_rate(mc *m)
{
    (void)m;
    char pattern[2][41];
    for (int run = 0; run < 2; run++) {
        mc_server s;
        const char *const args[] = { "--fail-rate", "0.5", "--seed", "7", NULL };
        CHECK(&T, mc_start(&s, args) == 0);
        for (int i = 0; i < 40; i++) {
            mc_resp r;
            mc_request(&s, "GET", "/campaigns", NULL, 0, NULL, &r);
            pattern[run][i] = r.status == 503 ? 'x' : r.status == 200 ? '.' : '?';
            if (r.status == 503) {
                mc_check_schema(m, "error-response", r.json, "503");
                CHECK_STR(&T, mc_str(r.json, "/error/code"), "SERVICE_UNAVAILABLE");
            }
            mc_resp_free(&r);
        }
        pattern[run][40] = 0;
        mc_stop(&s);
    }
    CHECK_STR(&T, pattern[1], pattern[0]);          /* same seed, same answers */
    int fails = 0;
    for (int i = 0; i < 40; i++) fails += pattern[0][i] == 'x';
    CHECK_MSG(&T, fails >= 8 && fails <= 32, "%d of 40 failed with rate 0.5 (%s)", fails, pattern[0]);
    CHECK(&T, strchr(pattern[0], '?') == NULL);
    /* another seed picks other requests */
    mc_server s;
    const char *const other[] = { "--fail-rate", "0.5", "--seed", "8", NULL };
    CHECK(&T, mc_start(&s, other) == 0);
    char p2[41];
    for (int i = 0; i < 40; i++) {
        mc_resp r;
        mc_request(&s, "GET", "/campaigns", NULL, 0, NULL, &r);
        p2[i] = r.status == 503 ? 'x' : '.';
        mc_resp_free(&r);
    }
    p2[40] = 0;
    CHECK(&T, strcmp(p2, pattern[0]) != 0);
    mc_stop(&s);
    /* rate 1: everything fails, even unauthenticated requests */
    const char *const all[] = { "--fail-rate", "1", NULL };
    CHECK(&T, mc_start(&s, all) == 0);
    mc_opts none = { .token = "" };
    for (int i = 0; i < 5; i++) {
        mc_resp r;
        mc_request(&s, "GET", "/campaigns", NULL, 0, i % 2 ? &none : NULL, &r);
        CHECK_INT(&T, r.status, 503);
        mc_resp_free(&r);
    }
    mc_stop(&s);
}

static void test_latency(mc *m)
{
    mc_resp r;
    mc_request(&m->srv, "GET", "/campaigns", NULL, 0, NULL, &r);
    double fast = r.ms;
    mc_resp_free(&r);
    mc_server s;
    const char *const args[] = { "--latency-ms", "300", NULL };
    CHECK(&T, mc_start(&s, args) == 0);
    mc_request(&s, "GET", "/campaigns", NULL, 0, NULL, &r);
    CHECK_INT(&T, r.status, 200);
    CHECK_MSG(&T, r.ms >= 295, "took %.1f ms with --latency-ms 300", r.ms);
    mc_resp_free(&r);
    /* errors are delayed too */
    mc_request(&s, "GET", "/nowhere", NULL, 0, NULL, &r);
    CHECK_MSG(&T, r.ms >= 295, "404 took %.1f ms", r.ms);
    mc_resp_free(&r);
    /* a slow response delays only its own connection */
    mc_stop(&s);
    CHECK_MSG(&T, fast < 250, "without latency a request took %.1f ms", fast);
}

typedef struct par_arg { mc *m; int ok; char ids[20][64]; } par_arg;

static void *create_many(void *p)
{
    par_arg *a = p;
    for (int i = 0; i < 20; i++) {
        char *body = mc_create_body("parallel", 500, "[\"prod_display_1\"]", NULL);
        mc_resp r;
        mc_request(&a->m->srv, "POST", "/campaigns", body, (size_t)-1, NULL, &r);
        free(body);
        const char *id = mc_str(r.json, "/campaign/campaignId");
        if (r.status == 201 && id) { a->ok++; snprintf(a->ids[i], 64, "%s", id); }
        mc_resp_free(&r);
    }
    return NULL;
}

static void test_parallel_creates(mc *m)
{
    enum { N = 8 };
    pthread_t th[N];
    par_arg args[N];
    memset(args, 0, sizeof args);
    for (int i = 0; i < N; i++) { args[i].m = m; pthread_create(&th[i], NULL, create_many, &args[i]); }
    for (int i = 0; i < N; i++) pthread_join(th[i], NULL);
    int ok = 0, dup = 0;
    for (int i = 0; i < N; i++) {
        ok += args[i].ok;
        for (int j = 0; j < 20; j++)
            for (int k = 0; k < N; k++)
                for (int l = 0; l < 20; l++)
                    if ((k != i || l != j) && args[i].ids[j][0] && strcmp(args[i].ids[j], args[k].ids[l]) == 0) dup++;
    }
    CHECK_INT(&T, ok, N * 20);
    CHECK_INT(&T, dup, 0);
}

static void test_exit_codes(mc *m)
{
    (void)m;
    mc_server s;
    const char *const bad_opt[] = { "--bogus", NULL };
    CHECK_INT(&T, mc_run(&s, bad_opt), 2);
    mc_stop(&s);
    const char *const bad_port[] = { "--port", "70000", NULL };
    CHECK_INT(&T, mc_run(&s, bad_port), 2);
    mc_stop(&s);
    const char *const bad_rate[] = { "--fail-rate", "1.5", NULL };
    CHECK_INT(&T, mc_run(&s, bad_rate), 2);
    mc_stop(&s);
    const char *const no_schemas[] = { "--schema-dir", "/nonexistent/schemas", NULL };
    CHECK_INT(&T, mc_run(&s, no_schemas), 2);
    mc_stop(&s);

    /* malformed fixtures: file:line:col and 2 */
    char path[] = "/tmp/test_mock_fx_XXXXXX";
    int fd = mkstemp(path);
    const char *text = "{\n  \"advertisers\": [\n    { \"advertiserId\": 12345, }\n  ]\n}\n";
    CHECK(&T, write(fd, text, strlen(text)) == (ssize_t)strlen(text));
    close(fd);
    const char *const fx_args[] = { "--fixtures", path, NULL };
    CHECK_INT(&T, mc_run(&s, fx_args), 2);
    char want[128];
    snprintf(want, sizeof want, "%s:3:", path);
    CHECK_MSG(&T, strstr(mc_stderr(&s), want) != NULL, "stderr: %s", mc_stderr(&s));
    mc_stop(&s);
    /* well-formed but wrong: an unknown sales agent, with its position */
    FILE *f = fopen(path, "w");
    fputs("{\"salesAgents\": [],\n \"products\": [\n  {\"productId\": \"p\", \"salesAgentId\": \"nobody\"}]}\n", f);
    fclose(f);
    CHECK_INT(&T, mc_run(&s, fx_args), 2);
    snprintf(want, sizeof want, "%s:3:", path);
    CHECK_MSG(&T, strstr(mc_stderr(&s), want) && strstr(mc_stderr(&s), "nobody"), "stderr: %s", mc_stderr(&s));
    mc_stop(&s);
    /* fixture ids and names are C strings: U+0000 is refused, not cut */
    f = fopen(path, "w");
    fputs("{\"salesAgents\": [\n  {\"salesAgentId\": \"agent\\u0000x\", \"name\": \"A\"}]}\n", f);
    fclose(f);
    CHECK_INT(&T, mc_run(&s, fx_args), 2);
    snprintf(want, sizeof want, "%s:2:", path);
    CHECK_MSG(&T, strstr(mc_stderr(&s), want) && strstr(mc_stderr(&s), "U+0000 is not allowed"), "stderr: %s",
              mc_stderr(&s));
    mc_stop(&s);
    const char *const missing[] = { "--fixtures", "/nonexistent/fixtures.json", NULL };
    CHECK_INT(&T, mc_run(&s, missing), 2);
    mc_stop(&s);
    unlink(path);

    /* the port is taken: 1, and the message names host:port */
    mc_server first;
    CHECK(&T, mc_start(&first, NULL) == 0);
    char port[16];
    snprintf(port, sizeof port, "%u", first.port);
    const char *const taken[] = { "--port", port, NULL };
    CHECK_INT(&T, mc_run(&s, taken), 1);
    snprintf(want, sizeof want, "127.0.0.1:%u", first.port);
    CHECK_MSG(&T, strstr(mc_stderr(&s), want) != NULL, "stderr: %s", mc_stderr(&s));
    mc_stop(&s);
    /* clean stops */
    CHECK_INT(&T, mc_stop_with(&first, SIGINT), 0);
    CHECK(&T, mc_start(&first, NULL) == 0);
    CHECK_INT(&T, mc_stop_with(&first, SIGTERM), 0);
    /* --help */
    const char *const help[] = { "--help", NULL };
    CHECK_INT(&T, mc_run(&s, help), 0);
    mc_stop(&s);
}

int main(void)
{
    mc m;
    if (mc_setup(&m, &T) != 0) return check_done(&T);
    test_listening_line(&m);
    test_auth(&m);
    test_token_options(&m);
    test_routes(&m);
    test_methods(&m);
    test_content_type(&m);
    test_body_limit(&m);
    test_malformed(&m);
    test_validation_field(&m);
    test_whole_names(&m);
    test_fail_rate(&m);
    test_latency(&m);
    test_parallel_creates(&m);
    test_exit_codes(&m);
    mc_teardown(&m);
    return check_done(&T);
}
