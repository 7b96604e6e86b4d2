/* test_runner_readback.c - campaign-test's read-back invariants
 * (tools/runner/readback.h, tools/runner/README.md "Read-back
 * invariants"), judged on exchanges built by hand: each invariant holds
 * on a truthful server and breaks on one that says yes and does something
 * else, with the pointer and both values named and the token masked.
 *
 * Links the runner's modules as a library (build/tools/librunner.a). */
#include "check.h"

#include "readback.h"
#include "redact.h"

#include <stdlib.h>
#include <string.h>

#define BASE "http://127.0.0.1:1/api/v2/buyer"
#define TOKEN "s3cr3t-token-value"

static struct check T = { 0, 0, "runner_readback" };

/* A campaign body with the fields the invariants read. */
static char *campaign(const char *id, const char *status, const char *name, const char *created,
                      const char *updated)
{
    static char buf[4][1024];
    static int turn;
    char *b = buf[turn++ % 4];
    snprintf(b, sizeof buf[0],
             "{\"campaign\": {\"campaignId\": \"%s\", \"status\": \"%s\", \"name\": \"%s\", "
             "\"budget\": {\"total\": 10000, \"currency\": \"USD\"}, \"tags\": [\"a\", \"b\"], "
             "\"createdAt\": \"%s\", \"updatedAt\": \"%s\"}}",
             id, status, name, created, updated);
    return b;
}

#define C0 "2026-01-01T00:00:00Z"
#define C1 "2026-01-01T00:00:05Z"

/* A finished exchange: method, path below BASE, status and body. */
static void exchange(http_exchange *x, const char *method, const char *path, long status, const char *body)
{
    memset(x, 0, sizeof *x);
    x->method = strdup(method);
    size_t n = strlen(BASE) + strlen(path) + 1;
    x->url = malloc(n);
    snprintf(x->url, n, "%s%s", BASE, path);
    x->status = status;
    x->code = CURLE_OK;
    if (body) sb_puts(&x->resp_body, body);
}

static json_doc *parse(const char *text)
{
    return text ? json_parse(text, strlen(text), NULL, NULL, NULL) : NULL;
}

/* Judge one step: op as rb_step_op names it from the step's exchange,
 * the reads before and after (NULL: none), in memory m.  Returns the
 * step's outcome; details in *res (the caller frees them). */
static ct_outcome judge(const run_ctx *ctx, rb_memory *m, const char *method, const char *path, long status,
                        const char *answer, const char *before, const char *after, ct_step_result *res)
{
    http_exchange x;
    char id[RB_ID_MAX];
    exchange(&x, method, path, status, answer);
    ct_op op = rb_step_op(&x, BASE, id);
    CHECK(&T, op != OP_UNKNOWN);
    json_doc *b = parse(before), *a = parse(after), *ans = parse(answer);
    if (op == OP_CREATE) CHECK(&T, rb_created_id(status, ans ? ans->root : NULL, id) == (status >= 200 && status < 300));
    memset(res, 0, sizeof *res);
    res->outcome = CT_PASS;
    rb_judge(ctx, m, op, id, b ? b->root : NULL, status, ans ? ans->root : NULL, a ? a->root : NULL, res);
    json_doc_free(b);
    json_doc_free(a);
    json_doc_free(ans);
    http_exchange_clear(&x);
    return res->outcome;
}

static void res_free(ct_step_result *r)
{
    for (size_t i = 0; i < r->ndetails; i++) free(r->details[i]);
    free(r->details);
    free(r->message);
}

/* The detail of a failed judgement contains want. */
static void failed_with(ct_outcome o, ct_step_result *r, const char *want, int line)
{
    int ok = o == CT_FAIL && r->ndetails >= 1 && strstr(r->details[0], want) && r->message &&
             strcmp(r->message, r->details[0]) == 0;
    check_report(&T, ok, "read-back finding", __FILE__, line, r->ndetails ? r->details[0] : "(no finding)");
    res_free(r);
}
#define FAILED_WITH(o, r, want) failed_with((o), (r), (want), __LINE__)

static void passed(ct_outcome o, ct_step_result *r, int line)
{
    check_report(&T, o == CT_PASS && r->ndetails == 0, "read-back holds", __FILE__, line,
                 r->ndetails ? r->details[0] : NULL);
    res_free(r);
}
#define PASSED(o, r) passed((o), (r), __LINE__)

static void test_step_op(void)
{
    struct { const char *method, *path; ct_op op; const char *id; } rows[] = {
        { "POST", "/campaigns", OP_CREATE, "" },
        { "PUT", "/campaigns/cmp_1", OP_UPDATE, "cmp_1" },
        { "PUT", "/campaigns/cmp_1?x=1", OP_UPDATE, "cmp_1" },
        { "POST", "/campaigns/cmp%2F2/execute", OP_EXECUTE, "cmp%2F2" },
        { "POST", "/campaigns/c/pause", OP_PAUSE, "c" },
        { "POST", "/campaigns/c/reactivate", OP_REACTIVATE, "c" },
        { "GET", "/campaigns/c", OP_GET, "c" },
        { "GET", "/campaigns", OP_UNKNOWN, "" },
        { "GET", "/campaigns/c/media-buy-status", OP_UNKNOWN, "" },
        { "DELETE", "/campaigns/c", OP_UNKNOWN, "" },
        { "POST", "/campaigns/c/archive", OP_UNKNOWN, "" },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        http_exchange x;
        char id[RB_ID_MAX];
        exchange(&x, rows[i].method, rows[i].path, 0, NULL);
        ct_op op = rb_step_op(&x, BASE, id);
        CHECK_MSG(&T, op == rows[i].op && strcmp(id, rows[i].id) == 0, "%s %s: op %d id %s", rows[i].method,
                  rows[i].path, (int)op, id);
        http_exchange_clear(&x);
    }
    /* another host, and an id at the bound and past it */
    http_exchange x;
    char id[RB_ID_MAX], path[RB_ID_MAX + 32];
    exchange(&x, "PUT", "/campaigns/c", 0, NULL);
    CHECK(&T, rb_step_op(&x, "http://127.0.0.2:1/api/v2/buyer", id) == OP_UNKNOWN);
    http_exchange_clear(&x);
    char longest[RB_ID_MAX + 1];
    memset(longest, 'i', RB_ID_MAX);
    longest[RB_ID_MAX - 1] = '\0'; /* RB_ID_MAX - 1 bytes: the longest read back */
    snprintf(path, sizeof path, "/campaigns/%s", longest);
    exchange(&x, "PUT", path, 0, NULL);
    CHECK(&T, rb_step_op(&x, BASE, id) == OP_UPDATE && strlen(id) == RB_ID_MAX - 1);
    http_exchange_clear(&x);
    longest[RB_ID_MAX - 1] = 'i';
    longest[RB_ID_MAX] = '\0';
    snprintf(path, sizeof path, "/campaigns/%s", longest);
    exchange(&x, "PUT", path, 0, NULL);
    CHECK(&T, rb_step_op(&x, BASE, id) == OP_UNKNOWN);
    http_exchange_clear(&x);
}

static void test_read(const run_ctx *ctx)
{
    http_exchange x;
    memset(&x, 0, sizeof x);
    CHECK(&T, rb_prepare_read(ctx, "cmp_9", &x) == 0);
    CHECK_STR(&T, x.method, "GET");
    CHECK_STR(&T, x.url, BASE "/campaigns/cmp_9");
    int accept = 0, auth = 0;
    for (const struct curl_slist *h = x.headers; h; h = h->next) {
        accept += strcmp(h->data, "Accept: application/json") == 0;
        auth += strcmp(h->data, "Authorization: Bearer " TOKEN) == 0;
    }
    CHECK(&T, accept == 1 && auth == 1);
    http_exchange_clear(&x);
    /* a read judges only a 200 campaign */
    exchange(&x, "GET", "/campaigns/c", 200, campaign("c", "DRAFT", "n", C0, C0));
    json_doc *d = rb_read_body(&x);
    CHECK(&T, d != NULL);
    json_doc_free(d);
    http_exchange_clear(&x);
    const char *nots[][2] = { { "404", "{\"data\": null, \"error\": {}}" }, { "200", "{\"data\": 1}" },
                              { "200", "not json" }, { "200", "" } };
    for (size_t i = 0; i < 4; i++) {
        exchange(&x, "GET", "/campaigns/c", atol(nots[i][0]), nots[i][1]);
        CHECK(&T, rb_read_body(&x) == NULL);
        http_exchange_clear(&x);
    }
}

/* RB1: a create's or update's answer is what a read right after shows. */
static void test_rb1(const run_ctx *ctx)
{
    rb_memory *m = rb_memory_new();
    ct_step_result r;
    const char *made = campaign("c1", "DRAFT", "Q1", C0, C0);
    PASSED(judge(ctx, m, "POST", "/campaigns", 201, made, NULL, made, &r), &r);
    /* the update's answer shows the new name, the read does not */
    const char *renamed = campaign("c1", "DRAFT", "Q2", C0, C1), *stale = campaign("c1", "DRAFT", "Q1", C0, C1);
    FAILED_WITH(judge(ctx, m, "PUT", "/campaigns/c1", 200, renamed, made, stale, &r), &r,
                "read-back RB1: the answer and the campaign read right after it differ at /campaign/name: "
                "answered \"Q2\", read \"Q1\"");
    PASSED(judge(ctx, m, "PUT", "/campaigns/c1", 200, renamed, stale, renamed, &r), &r);
    /* a member only one side has, an array element, a number */
    const char *extra = "{\"campaign\": {\"campaignId\": \"c1\", \"createdAt\": \"" C0 "\", \"pacing\": 1}}";
    const char *plain = "{\"campaign\": {\"campaignId\": \"c1\", \"createdAt\": \"" C0 "\"}}";
    FAILED_WITH(judge(ctx, m, "PUT", "/campaigns/c1", 200, plain, NULL, extra, &r), &r,
                "at /campaign/pacing: answered (absent), read 1");
    FAILED_WITH(judge(ctx, m, "PUT", "/campaigns/c1", 200, extra, NULL, plain, &r), &r,
                "at /campaign/pacing: answered 1, read (absent)");
    const char *arr1 = "{\"campaign\": {\"campaignId\": \"c1\", \"t\": [1, 2, 3]}}";
    const char *arr2 = "{\"campaign\": {\"campaignId\": \"c1\", \"t\": [1, 2.0, 4]}}";
    const char *arr3 = "{\"campaign\": {\"campaignId\": \"c1\", \"t\": [1, 2]}}";
    FAILED_WITH(judge(ctx, m, "PUT", "/campaigns/c1", 200, arr1, NULL, arr2, &r), &r, "at /campaign/t/2: answered 3, read 4");
    FAILED_WITH(judge(ctx, m, "PUT", "/campaigns/c1", 200, arr1, NULL, arr3, &r), &r, "at /campaign/t/2: answered 3, read (absent)");
    /* member order and 2 against 2.0 are no difference */
    const char *reordered = "{\"campaign\": {\"t\": [1.0, 2, 3], \"campaignId\": \"c1\"}}";
    PASSED(judge(ctx, m, "PUT", "/campaigns/c1", 200, arr1, NULL, reordered, &r), &r);
    /* a name with '/' and '~' is escaped in the pointer */
    const char *s1 = "{\"campaign\": {\"a/b~c\": 1}}", *s2 = "{\"campaign\": {\"a/b~c\": 2}}";
    FAILED_WITH(judge(ctx, m, "PUT", "/campaigns/c1", 200, s1, NULL, s2, &r), &r, "at /campaign/a~1b~0c:");
    /* not judged: a 202, a refused create, no read after */
    PASSED(judge(ctx, m, "PUT", "/campaigns/c1", 202, "{\"proposals\": []}", stale, renamed, &r), &r);
    PASSED(judge(ctx, m, "POST", "/campaigns", 400, "{\"data\": null}", NULL, NULL, &r), &r);
    PASSED(judge(ctx, m, "PUT", "/campaigns/c1", 200, renamed, NULL, NULL, &r), &r);
    rb_memory_free(m);
}

/* RB2: a status change says what the reads around it show. */
static void test_rb2(const run_ctx *ctx)
{
    rb_memory *m = rb_memory_new();
    ct_step_result r;
    const char *draft = campaign("c2", "DRAFT", "n", C0, C0), *active = campaign("c2", "ACTIVE", "n", C0, C1);
    const char *said = "{\"campaignId\": \"c2\", \"previousStatus\": \"DRAFT\", \"newStatus\": \"ACTIVE\", \"success\": true}";
    PASSED(judge(ctx, m, "POST", "/campaigns/c2/execute", 200, said, draft, active, &r), &r);
    rb_memory_free(m);
    m = rb_memory_new();
    FAILED_WITH(judge(ctx, m, "POST", "/campaigns/c2/execute", 200, said, draft, draft, &r), &r,
                "read-back RB2: the answer's newStatus is \"ACTIVE\", the campaign read right after has status \"DRAFT\"");
    const char *paused = campaign("c2", "PAUSED", "n", C0, C1);
    const char *wrong_prev = "{\"campaignId\": \"c2\", \"previousStatus\": \"PAUSED\", \"newStatus\": \"ACTIVE\", \"success\": true}";
    FAILED_WITH(judge(ctx, m, "POST", "/campaigns/c2/reactivate", 200, wrong_prev, active, active, &r), &r,
                "the answer's previousStatus is \"PAUSED\", the campaign read right before has status \"ACTIVE\"");
    const char *pause_said = "{\"campaignId\": \"c2\", \"previousStatus\": \"ACTIVE\", \"newStatus\": \"PAUSED\", \"success\": true}";
    PASSED(judge(ctx, m, "POST", "/campaigns/c2/pause", 200, pause_said, active, paused, &r), &r);
    rb_memory_free(m);
}

/* RB3: a refused request changes nothing. */
static void test_rb3(const run_ctx *ctx)
{
    rb_memory *m = rb_memory_new();
    ct_step_result r;
    const char *before = campaign("c3", "DRAFT", "Q1", C0, C0), *after = campaign("c3", "DRAFT", "Q1 renamed", C0, C1);
    const char *refusal = "{\"data\": null, \"error\": {\"code\": \"VALIDATION_ERROR\", \"message\": \"m\"}}";
    PASSED(judge(ctx, m, "PUT", "/campaigns/c3", 400, refusal, before, before, &r), &r);
    FAILED_WITH(judge(ctx, m, "PUT", "/campaigns/c3", 409, refusal, before, after, &r), &r,
                "read-back RB3: the refused request (409) changed the campaign at /campaign/name: before \"Q1\", after \"Q1 renamed\"");
    rb_memory_free(m);
    m = rb_memory_new();
    FAILED_WITH(judge(ctx, m, "POST", "/campaigns/c3/pause", 400, refusal, before, campaign("c3", "PAUSED", "Q1", C0, C0), &r),
                &r, "RB3: the refused request (400) changed the campaign at /campaign/status");
    /* a 5xx is no refusal (the server may have acted); a 404 has nothing read */
    PASSED(judge(ctx, m, "PUT", "/campaigns/c3", 503, refusal, before, after, &r), &r);
    PASSED(judge(ctx, m, "PUT", "/campaigns/c3", 404, refusal, NULL, NULL, &r), &r);
    rb_memory_free(m);
}

/* RB4: ids, createdAt and updatedAt across every read. */
static void test_rb4(const run_ctx *ctx)
{
    rb_memory *m = rb_memory_new();
    ct_step_result r;
    PASSED(judge(ctx, m, "GET", "/campaigns/c4", 200, campaign("c4", "DRAFT", "n", C0, C1), NULL, NULL, &r), &r);
    /* the same instants written in another offset, and a later updatedAt */
    PASSED(judge(ctx, m, "GET", "/campaigns/c4", 200,
                 campaign("c4", "DRAFT", "n", "2026-01-01T01:00:00+01:00", "2026-01-01T00:00:05.000Z"), NULL, NULL, &r), &r);
    PASSED(judge(ctx, m, "GET", "/campaigns/c4", 200, campaign("c4", "DRAFT", "n", C0, "2026-01-01T00:00:05.5Z"), NULL,
                 NULL, &r), &r);
    FAILED_WITH(judge(ctx, m, "GET", "/campaigns/c4", 200, campaign("c4", "DRAFT", "n", C0, C1), NULL, NULL, &r), &r,
                "read-back RB4: updatedAt went back: the step's answer shows \"" C1 "\", an earlier read \"2026-01-01T00:00:05.5Z\"");
    FAILED_WITH(judge(ctx, m, "GET", "/campaigns/c4", 200, campaign("c4", "DRAFT", "n", "2026-01-01T00:00:01Z", "2026-01-02T00:00:00Z"),
                      NULL, NULL, &r), &r,
                "read-back RB4: createdAt changed: the step's answer shows \"2026-01-01T00:00:01Z\", the first read \"" C0 "\"");
    FAILED_WITH(judge(ctx, m, "GET", "/campaigns/c4", 200, campaign("other", "DRAFT", "n", C0, "2026-01-03T00:00:00Z"),
                      NULL, NULL, &r), &r,
                "read-back RB4: the step's answer shows campaignId \"other\" for campaign \"c4\"");
    /* the read after a create: the create's answer is the first read */
    const char *made = campaign("c5", "DRAFT", "n", C0, C0);
    FAILED_WITH(judge(ctx, m, "POST", "/campaigns", 201, made, NULL, campaign("c5", "DRAFT", "n", C1, C0), &r), &r,
                "read-back RB4: createdAt changed: the read after the step shows \"" C1 "\"");
    /* each campaign has its own memory */
    PASSED(judge(ctx, m, "GET", "/campaigns/c6", 200, campaign("c6", "DRAFT", "n", C1, C0), NULL, NULL, &r), &r);
    rb_memory_free(m);
}

/* A difference that quotes the token shows it masked. */
static void test_masked(const run_ctx *ctx)
{
    rb_memory *m = rb_memory_new();
    ct_step_result r;
    const char *a = campaign("c7", "DRAFT", "name " TOKEN, C0, C0), *b = campaign("c7", "DRAFT", "other", C0, C0);
    ct_outcome o = judge(ctx, m, "PUT", "/campaigns/c7", 200, a, NULL, b, &r);
    CHECK(&T, o == CT_FAIL && r.ndetails == 1 && !strstr(r.details[0], TOKEN) && !strstr(r.message, TOKEN) &&
              !strstr(r.details[0], "s3cr3t"));
    res_free(&r);
    rb_memory_free(m);
}

int main(void)
{
    redactor *red = redactor_new(TOKEN);
    run_ctx ctx = { NULL, red, BASE, TOKEN, 1000, NULL };
    test_step_op();
    test_read(&ctx);
    test_rb1(&ctx);
    test_rb2(&ctx);
    test_rb3(&ctx);
    test_rb4(&ctx);
    test_masked(&ctx);
    redactor_free(red);
    return check_done(&T);
}
