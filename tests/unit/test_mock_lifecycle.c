/* test_mock_lifecycle.c - campaign-mock's create / get / list, execute
 * (with partial failures and debug payloads), pause with its cascade,
 * reactivate, every rejected transition, the media-buy-status poll and the
 * most-restrictive status rule, over real HTTP.  Every response body is
 * checked against its response schema and the contract rules. */
#include "test_mock_client.h"

static struct check T = { 0, 0, "test_mock_lifecycle" };

#define SC "campaign-status-change-response"
#define CR "campaign-response"

static void path_of(char *out, size_t n, const char *id, const char *suffix)
{
    snprintf(out, n, "/campaigns/%s%s", id, suffix ? suffix : "");
}

static void test_create(mc *m)
{
    char *body = mc_create_body("Create test", 10000, "[\"prod_display_1\",\"prod_video_1\"]",
                                "\"brief\":\"video for tech fans\",\"catalogId\":42,"
                                "\"audienceConfig\":{\"targetAudienceIds\":[\"aud_1\"],\"suppressAudienceIds\":[\"aud_2\"]},"
                                "\"frequencyCaps\":[{\"max_impressions\":3,\"window\":{\"interval\":1,\"unit\":\"days\"}}],"
                                "\"storefrontIds\":[42,57]");
    mc_resp r;
    mc_call(m, &r, "POST", "/campaigns", body, 201, CR);
    const cJSON *c = mc_at(r.json, "/campaign");
    CHECK_STR(&T, mc_str(c, "/status"), "DRAFT");
    CHECK_STR(&T, mc_str(c, "/advertiserId"), "12345");
    CHECK_STR(&T, mc_str(c, "/campaignType"), "DECISIONED");
    CHECK_STR(&T, mc_str(c, "/optimizationApplyMode"), "AUTO");   /* the advertiser's default */
    CHECK_STR(&T, mc_str(c, "/brief"), "video for tech fans");
    CHECK_INT(&T, mc_num(c, "/catalogId"), 42);
    CHECK_INT(&T, mc_num(c, "/productCount"), 2);
    CHECK_STR(&T, mc_str(c, "/products/1/productId"), "prod_video_1");
    CHECK_STR(&T, mc_str(c, "/discoveryId"), "disc_demo");
    MC_CHECK_NUM(m, mc_num(c, "/mediaBudget/total"), 9000);
    MC_CHECK_NUM(m, mc_num(c, "/fees/0/amount"), 1000);
    CHECK_STR(&T, mc_str(c, "/fees/0/pricingType"), "MARGIN");
    MC_CHECK_NUM(m, mc_num(c, "/fees/0/marginPercent"), 10);
    MC_CHECK_NUM(m, mc_num(c, "/allocatedBudget"), 0);
    MC_CHECK_NUM(m, mc_num(c, "/unallocatedBudget"), 9000);
    mc_check_money(m, c);
    CHECK(&T, mc_at(c, "/mediaBuys") == NULL && mc_at(c, "/mediaBuyRefs") == NULL);
    CHECK_INT(&T, mc_len(c, "/audiences"), 2);
    CHECK_STR(&T, mc_str(c, "/audiences/1/type"), "SUPPRESS");
    CHECK_INT(&T, mc_len(c, "/frequencyCaps"), 1);
    CHECK_STR(&T, mc_str(c, "/frequencyCaps/0/targetLevel"), "CAMPAIGN");
    CHECK_INT(&T, mc_len(c, "/storefronts"), 2);
    CHECK_STR(&T, mc_str(c, "/storefronts/0/platformId"), "acme-media");
    /* creativeFormats: required = formats of the selected products */
    CHECK_INT(&T, mc_len(c, "/creativeFormats/required"), 3);
    CHECK_INT(&T, mc_len(c, "/creativeFormats/covered"), 3);
    CHECK_INT(&T, mc_len(c, "/creativeFormats/missing"), 0);
    char id[64];
    snprintf(id, sizeof id, "%s", mc_str(c, "/campaignId") ? mc_str(c, "/campaignId") : "");
    mc_resp_free(&r);
    free(body);

    /* GET returns the same campaign */
    mc_get(m, id, &r);
    CHECK_STR(&T, mc_str(r.json, "/campaign/campaignId"), id);
    CHECK_STR(&T, mc_str(r.json, "/campaign/name"), "Create test");
    CHECK(&T, mc_at(r.json, "/campaign/creativeFormats/missing") != NULL);
    mc_resp_free(&r);

    /* currency defaults to USD, optimizationApplyMode as given */
    body = mc_fmt("{\"advertiserId\":12345,\"name\":\"d\",\"flightDates\":{\"startDate\":\"2026-01-01T00:00:00Z\","
                  "\"endDate\":\"2026-02-01T00:00:00Z\"},\"budget\":{\"total\":99.99},\"campaignType\":\"ROUTED\","
                  "\"optimizationApplyMode\":\"MANUAL\"}");
    mc_call(m, &r, "POST", "/campaigns", body, 201, CR);
    CHECK_STR(&T, mc_str(r.json, "/campaign/budget/currency"), "USD");
    CHECK_STR(&T, mc_str(r.json, "/campaign/optimizationApplyMode"), "MANUAL");
    CHECK_STR(&T, mc_str(r.json, "/campaign/campaignType"), "ROUTED");
    MC_CHECK_NUM(m, mc_num(r.json, "/campaign/fees/0/amount"), 10.00);
    MC_CHECK_NUM(m, mc_num(r.json, "/campaign/mediaBudget/total"), 89.99);
    CHECK_INT(&T, mc_num(r.json, "/campaign/productCount"), 0);
    mc_resp_free(&r);
    free(body);
}

static void test_create_errors(mc *m)
{
    mc_resp r;
    char *body = mc_fmt("{\"advertiserId\":999,\"name\":\"x\",\"flightDates\":{\"startDate\":\"2026-01-01T00:00:00Z\","
                        "\"endDate\":\"2026-02-01T00:00:00Z\"},\"budget\":{\"total\":10},\"campaignType\":\"ROUTED\"}");
    mc_call(m, &r, "POST", "/campaigns", body, 404, NULL);
    CHECK_STR(&T, mc_str(r.json, "/error/code"), "NOT_FOUND");
    CHECK_STR(&T, mc_str(r.json, "/error/field"), "/advertiserId");
    mc_resp_free(&r);
    free(body);
    /* messages name ids as the request wrote them, not rounded to a
     * double's digits: 2^53 - 1 is the largest id, 2^53 + 1 too large */
    static const struct { const char *id, *message; long status; } ids[] = {
        { "9007199254740991", "advertiser 9007199254740991 not found", 404 },
        { "9007199254740993", "expected at most 9007199254740991, got 9007199254740993", 400 },
    };
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        body = mc_fmt("{\"advertiserId\":%s,\"name\":\"x\",\"flightDates\":{\"startDate\":"
                      "\"2026-01-01T00:00:00Z\",\"endDate\":\"2026-02-01T00:00:00Z\"},\"budget\":{\"total\":10},"
                      "\"campaignType\":\"ROUTED\"}", ids[i].id);
        mc_call(m, &r, "POST", "/campaigns", body, ids[i].status, NULL);
        CHECK_STR(&T, mc_str(r.json, "/error/message"), ids[i].message);
        mc_resp_free(&r);
        free(body);
    }

    body = mc_create_body("x", 100, NULL, "\"discoveryId\":\"disc_nope\"");
    mc_call(m, &r, "POST", "/campaigns", body, 404, NULL);
    CHECK_STR(&T, mc_str(r.json, "/error/field"), "/discoveryId");
    mc_resp_free(&r);
    free(body);

    body = mc_create_body("x", 100, "[\"prod_display_1\",\"prod_nope\"]", NULL);
    mc_call(m, &r, "POST", "/campaigns", body, 404, NULL);
    CHECK_STR(&T, mc_str(r.json, "/error/field"), "/productIds/1");
    mc_resp_free(&r);
    free(body);

    body = mc_create_body("x", 100, "[\"prod_display_1\",\"prod_display_1\"]", NULL);
    mc_call(m, &r, "POST", "/campaigns", body, 400, NULL);
    CHECK_STR(&T, mc_str(r.json, "/error/field"), "/productIds/1");
    mc_resp_free(&r);
    free(body);

    body = mc_create_body("x", 100, NULL, "\"storefrontIds\":[42,4242]");
    mc_call(m, &r, "POST", "/campaigns", body, 404, NULL);
    CHECK_STR(&T, mc_str(r.json, "/error/field"), "/storefrontIds/1");
    mc_resp_free(&r);
    free(body);

    /* below one cent: the mock keeps money in cents */
    body = mc_fmt("{\"advertiserId\":12345,\"name\":\"x\",\"flightDates\":{\"startDate\":\"2026-01-01T00:00:00Z\","
                  "\"endDate\":\"2026-02-01T00:00:00Z\"},\"budget\":{\"total\":0.001},\"campaignType\":\"ROUTED\"}");
    mc_call(m, &r, "POST", "/campaigns", body, 400, NULL);
    CHECK_STR(&T, mc_str(r.json, "/error/field"), "/budget/total");
    mc_resp_free(&r);
    free(body);
}

/* Query filters are read exactly: a list of any length (the last of many
 * statuses still counts), a %00 is refused rather than read cut, and a
 * parameter past the 32 read is refused rather than dropped. */
static void test_list_query_exact(mc *m, const char *active_id)
{
    mc_resp r;
    char *path = malloc(2048);
    if (!path) return;
    size_t o = (size_t)snprintf(path, 2048, "/campaigns?status=");
    for (int i = 0; i < 120; i++) o += (size_t)snprintf(path + o, 2048 - o, "PAUSED,");
    snprintf(path + o, 2048 - o, "ACTIVE");
    mc_call(m, &r, "GET", path, NULL, 200, "campaign-list-response");
    int seen = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, mc_at(r.json, "/campaigns")) seen |= mc_str(e, "/campaignId") &&
                                                               !strcmp(mc_str(e, "/campaignId"), active_id);
    CHECK_MSG(&T, seen, "the ACTIVE campaign at the end of a %zu-byte filter", o);
    mc_resp_free(&r);
    static const char *const nul[] = { "/campaigns?status=ACTIVE%00RUNNING", "/campaigns?status%00x=RUNNING",
                                       "/campaigns?mediaBuyStatus=%00" };
    for (size_t i = 0; i < sizeof nul / sizeof nul[0]; i++) {
        mc_call(m, &r, "GET", nul[i], NULL, 400, "error-response");
        CHECK_MSG(&T, mc_str(r.json, "/error/message") && strstr(mc_str(r.json, "/error/message"), "U+0000"),
                  "%s", nul[i]);
        mc_resp_free(&r);
    }
    /* 32 parameters are read; a 33rd is refused */
    for (int n = 32; n <= 33; n++) {
        o = (size_t)snprintf(path, 2048, "/campaigns?");
        for (int i = 0; i < n - 1; i++) o += (size_t)snprintf(path + o, 2048 - o, "x%d=1&", i);
        snprintf(path + o, 2048 - o, "status=RUNNING");
        mc_call(m, &r, "GET", path, NULL, 400, "error-response");
        const char *msg = mc_str(r.json, "/error/message");
        CHECK_MSG(&T, msg && strstr(msg, n == 32 ? "unknown status" : "more than 32 query parameters"),
                  "%d parameters: %s", n, msg ? msg : "(none)");
        mc_resp_free(&r);
    }
    free(path);
}

static void test_list(mc *m)
{
    char a[64], b[64];
    mc_create(m, "list-draft", 1000, NULL, NULL, a, sizeof a);
    mc_create_active(m, "list-active", 1000, "[\"prod_display_1\",\"prod_pending_1\"]", b, sizeof b);
    mc_resp r;
    mc_call(m, &r, "GET", "/campaigns", NULL, 200, "campaign-list-response");
    int n = mc_len(r.json, "/campaigns");
    CHECK(&T, n >= 2);
    CHECK_INT(&T, mc_num(r.json, "/total"), n);
    mc_resp_free(&r);

    struct { const char *query; const char *must, *must_not; } cases[] = {
        { "?status=DRAFT", a, b },
        { "?status=ACTIVE", b, a },
        { "?status=ACTIVE,PAUSED", b, a },
        { "?status=PAUSED&status=ACTIVE", b, a },
        { "?mediaBuyStatus=PENDING_APPROVAL", b, a },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[128];
        snprintf(path, sizeof path, "/campaigns%s", cases[i].query);
        mc_call(m, &r, "GET", path, NULL, 200, "campaign-list-response");
        int has_must = 0, has_not = 0, consistent = 1;
        const cJSON *e;
        cJSON_ArrayForEach(e, mc_at(r.json, "/campaigns")) {
            const char *id = mc_str(e, "/campaignId");
            has_must |= id && strcmp(id, cases[i].must) == 0;
            has_not |= id && strcmp(id, cases[i].must_not) == 0;
            if (i == 0) consistent &= mc_str(e, "/status") && !strcmp(mc_str(e, "/status"), "DRAFT");
        }
        CHECK_MSG(&T, has_must && !has_not && consistent, "filter %s", cases[i].query);
        CHECK_INT(&T, mc_num(r.json, "/total"), mc_len(r.json, "/campaigns"));
        mc_resp_free(&r);
    }
    mc_call(m, &r, "GET", "/campaigns?status=RUNNING", NULL, 400, NULL);
    CHECK_STR(&T, mc_str(r.json, "/error/code"), "VALIDATION_ERROR");
    mc_resp_free(&r);
    test_list_query_exact(m, b);
    /* a summary carries the summary fields */
    mc_call(m, &r, "GET", "/campaigns?status=ACTIVE", NULL, 200, "campaign-list-response");
    CHECK(&T, mc_at(r.json, "/campaigns/0/budget/total") != NULL);
    CHECK(&T, mc_at(r.json, "/campaigns/0/productCount") == NULL);   /* DRAFT only */
    mc_resp_free(&r);
}

static void test_execute(mc *m)
{
    char id[64], path[128];
    mc_create(m, "exec", 10000, "[\"prod_display_1\",\"prod_display_2\",\"prod_video_1\"]", NULL, id, sizeof id);
    path_of(path, sizeof path, id, "/execute");
    mc_resp r;
    mc_call(m, &r, "POST", path, "{}", 200, SC);
    CHECK_STR(&T, mc_str(r.json, "/campaignId"), id);
    CHECK_STR(&T, mc_str(r.json, "/previousStatus"), "DRAFT");
    CHECK_STR(&T, mc_str(r.json, "/newStatus"), "ACTIVE");
    CHECK(&T, cJSON_IsTrue(mc_at(r.json, "/success")));
    CHECK_INT(&T, mc_len(r.json, "/errors"), 0);
    mc_resp_free(&r);

    mc_get(m, id, &r);
    const cJSON *c = mc_at(r.json, "/campaign");
    CHECK_STR(&T, mc_str(c, "/status"), "ACTIVE");
    CHECK_INT(&T, mc_len(c, "/mediaBuys"), 2);        /* one per sales agent */
    CHECK_INT(&T, mc_len(c, "/mediaBuyRefs"), 2);
    const cJSON *acme = mc_buy_of(m, c, "agent_acme"), *vid = mc_buy_of(m, c, "agent_vidco");
    CHECK(&T, acme && vid);
    CHECK_INT(&T, mc_len(acme, "/packages"), 2);       /* one per product */
    CHECK_INT(&T, mc_len(vid, "/packages"), 1);
    MC_CHECK_NUM(m, mc_num(acme, "/packages/0/budget"), 3000);   /* 9000 split equally */
    MC_CHECK_NUM(m, mc_num(vid, "/packages/0/budget"), 3000);
    CHECK_STR(&T, mc_str(acme, "/packages/1/productIds/0"), "prod_display_2");
    CHECK_STR(&T, mc_str(acme, "/status"), "ACTIVE");
    char st[32];
    CHECK_STR(&T, mc_surfaced(m, id, st, sizeof st), "ACTIVE");
    MC_CHECK_NUM(m, mc_num(c, "/allocatedBudget"), 9000);
    MC_CHECK_NUM(m, mc_num(c, "/unallocatedBudget"), 0);
    mc_check_money(m, c);
    CHECK(&T, mc_at(c, "/productCount") == NULL);     /* DRAFT only */
    mc_resp_free(&r);

    /* an uneven split hands the left-over cents out, the sum stays exact */
    mc_create(m, "odd", 100, "[\"prod_display_1\",\"prod_display_2\",\"prod_video_1\"]", NULL, id, sizeof id);
    path_of(path, sizeof path, id, "/execute");
    mc_call(m, &r, "POST", path, NULL, 200, SC);
    mc_resp_free(&r);
    mc_get(m, id, &r);
    MC_CHECK_NUM(m, mc_num(r.json, "/campaign/allocatedBudget"), 90);
    mc_check_money(m, mc_at(r.json, "/campaign"));
    mc_resp_free(&r);

    /* an execute body is schema-checked */
    mc_create(m, "exec-bad", 100, "[\"prod_display_1\"]", NULL, id, sizeof id);
    path_of(path, sizeof path, id, "/execute");
    mc_call(m, &r, "POST", path, "{\"debug\":\"yes\"}", 400, NULL);
    CHECK_STR(&T, mc_str(r.json, "/error/field"), "/debug");
    mc_resp_free(&r);
    mc_get(m, id, &r);
    CHECK_STR(&T, mc_str(r.json, "/campaign/status"), "DRAFT");
    mc_resp_free(&r);

    /* no products: nothing to execute */
    mc_create(m, "exec-empty", 100, NULL, NULL, id, sizeof id);
    path_of(path, sizeof path, id, "/execute");
    mc_call(m, &r, "POST", path, NULL, 400, NULL);
    CHECK_STR(&T, mc_str(r.json, "/error/code"), "VALIDATION_ERROR");
    mc_resp_free(&r);
}

static void test_execute_failures(mc *m)
{
    char id[64], path[128];
    mc_create(m, "partial", 10000, "[\"prod_display_1\",\"prod_fail_1\"]", NULL, id, sizeof id);
    path_of(path, sizeof path, id, "/execute");
    mc_resp r;
    mc_call(m, &r, "POST", path, NULL, 200, SC);
    CHECK_STR(&T, mc_str(r.json, "/newStatus"), "ACTIVE");
    CHECK(&T, cJSON_IsFalse(mc_at(r.json, "/success")));
    CHECK_INT(&T, mc_len(r.json, "/errors"), 1);
    CHECK_STR(&T, mc_str(r.json, "/errors/0/salesAgentId"), "agent_broken");
    CHECK(&T, mc_str(r.json, "/errors/0/message") != NULL);
    CHECK(&T, mc_at(r.json, "/errors/0/debug") == NULL);       /* only with debug: true */
    char failed[64];
    snprintf(failed, sizeof failed, "%s", mc_str(r.json, "/errors/0/mediaBuyId") ? mc_str(r.json, "/errors/0/mediaBuyId") : "");
    mc_resp_free(&r);

    mc_get(m, id, &r);
    const cJSON *c = mc_at(r.json, "/campaign");
    const cJSON *broken = mc_buy_of(m, c, "agent_broken");
    CHECK_STR(&T, mc_str(broken, "/mediaBuyId"), failed);
    CHECK_STR(&T, mc_str(broken, "/status"), "FAILED");
    /* the failed share is not allocated */
    MC_CHECK_NUM(m, mc_num(c, "/allocatedBudget"), 4500);
    MC_CHECK_NUM(m, mc_num(c, "/unallocatedBudget"), 4500);
    char st[32];
    CHECK_STR(&T, mc_surfaced(m, id, st, sizeof st), "FAILED");   /* most restrictive */
    mc_check_money(m, c);
    mc_resp_free(&r);

    /* debug: true carries the ADCP exchange */
    mc_create(m, "debug", 10000, "[\"prod_fail_1\",\"prod_video_1\"]", NULL, id, sizeof id);
    path_of(path, sizeof path, id, "/execute");
    mc_call(m, &r, "POST", path, "{\"debug\":true}", 200, SC);
    const cJSON *d = mc_at(r.json, "/errors/0/debug");
    CHECK(&T, cJSON_IsObject(mc_at(d, "/request")));
    CHECK(&T, cJSON_IsObject(mc_at(d, "/response")));
    CHECK(&T, mc_len(d, "/debugLogs") >= 1);
    CHECK(&T, mc_str(d, "/error") != NULL);
    CHECK_STR(&T, mc_str(d, "/request/packages/0/product_id"), "prod_fail_1");
    mc_resp_free(&r);

    /* every submission failing: the campaign stays DRAFT, without buys */
    mc_create(m, "all-fail", 1000, "[\"prod_fail_1\"]", NULL, id, sizeof id);
    path_of(path, sizeof path, id, "/execute");
    mc_call(m, &r, "POST", path, "{\"debug\":false}", 200, SC);
    CHECK_STR(&T, mc_str(r.json, "/newStatus"), "DRAFT");
    CHECK(&T, cJSON_IsFalse(mc_at(r.json, "/success")));
    CHECK_INT(&T, mc_len(r.json, "/errors"), 1);
    mc_resp_free(&r);
    mc_get(m, id, &r);
    CHECK_STR(&T, mc_str(r.json, "/campaign/status"), "DRAFT");
    CHECK(&T, mc_at(r.json, "/campaign/mediaBuys") == NULL);
    CHECK_INT(&T, mc_num(r.json, "/campaign/productCount"), 1);
    mc_resp_free(&r);
}

static void test_pacing_packages(mc *m)
{
    /* weight mode: one package per product per period, by weight x days */
    char id[64], path[128];
    mc_create(m, "paced", 10000, "[\"prod_display_1\",\"prod_video_1\"]",
              "\"pacingPeriods\":{\"mode\":\"weight\",\"periods\":["
              "{\"label\":\"jan\",\"start\":\"2026-01-01\",\"end\":\"2026-01-10\",\"weight\":1},"
              "{\"label\":\"feb\",\"start\":\"2026-02-01\",\"end\":\"2026-02-10\",\"weight\":2}]}", id, sizeof id);
    path_of(path, sizeof path, id, "/execute");
    mc_resp r;
    mc_call(m, &r, "POST", path, NULL, 200, SC);
    mc_resp_free(&r);
    mc_get(m, id, &r);
    const cJSON *c = mc_at(r.json, "/campaign");
    const cJSON *acme = mc_buy_of(m, c, "agent_acme");
    CHECK_INT(&T, mc_len(acme, "/packages"), 2);
    MC_CHECK_NUM(m, mc_num(acme, "/packages/0/budget"), 1500);
    MC_CHECK_NUM(m, mc_num(acme, "/packages/1/budget"), 3000);
    MC_CHECK_NUM(m, mc_num(c, "/allocatedBudget"), 9000);
    mc_check_money(m, c);
    mc_resp_free(&r);

    /* budget mode: the amounts per period are campaign-wide */
    mc_create(m, "budgeted", 10000, "[\"prod_display_1\",\"prod_video_1\"]",
              "\"pacingPeriods\":{\"mode\":\"budget\",\"periods\":["
              "{\"label\":\"jan\",\"start\":\"2026-01-01\",\"end\":\"2026-01-31\",\"budget\":2000},"
              "{\"label\":\"feb\",\"start\":\"2026-02-01\",\"end\":\"2026-02-28\",\"budget\":4000}]}", id, sizeof id);
    path_of(path, sizeof path, id, "/execute");
    mc_call(m, &r, "POST", path, NULL, 200, SC);
    mc_resp_free(&r);
    mc_get(m, id, &r);
    c = mc_at(r.json, "/campaign");
    const cJSON *vid = mc_buy_of(m, c, "agent_vidco");
    MC_CHECK_NUM(m, mc_num(vid, "/packages/0/budget"), 1000);
    MC_CHECK_NUM(m, mc_num(vid, "/packages/1/budget"), 2000);
    MC_CHECK_NUM(m, mc_num(c, "/allocatedBudget"), 6000);
    MC_CHECK_NUM(m, mc_num(c, "/unallocatedBudget"), 3000);
    mc_check_money(m, c);
    mc_resp_free(&r);
}

static void expect_transition_refused(mc *m, const char *id, const char *op, const char *current)
{
    char path[128];
    path_of(path, sizeof path, id, op);
    mc_resp r;
    mc_call(m, &r, "POST", path, NULL, 409, NULL);
    CHECK_STR(&T, mc_str(r.json, "/error/code"), "INVALID_STATE_TRANSITION");
    CHECK_STR(&T, mc_str(r.json, "/error/details/currentStatus"), current);
    mc_resp_free(&r);
    mc_get(m, id, &r);
    CHECK_STR(&T, mc_str(r.json, "/campaign/status"), current);   /* unchanged */
    mc_resp_free(&r);
}

static void test_transitions(mc *m)
{
    char id[64], path[128];
    mc_create(m, "life", 10000, "[\"prod_display_1\",\"prod_video_1\",\"prod_pending_1\"]", NULL, id, sizeof id);
    /* DRAFT: no pause, no reactivate */
    expect_transition_refused(m, id, "/pause", "DRAFT");
    expect_transition_refused(m, id, "/reactivate", "DRAFT");
    path_of(path, sizeof path, id, "/execute");
    mc_resp r;
    mc_call(m, &r, "POST", path, NULL, 200, SC);
    mc_resp_free(&r);
    /* ACTIVE: no execute, no reactivate */
    expect_transition_refused(m, id, "/execute", "ACTIVE");
    expect_transition_refused(m, id, "/reactivate", "ACTIVE");

    /* pause cascades to every buy and package */
    path_of(path, sizeof path, id, "/pause");
    mc_call(m, &r, "POST", path, NULL, 200, SC);
    CHECK_STR(&T, mc_str(r.json, "/previousStatus"), "ACTIVE");
    CHECK_STR(&T, mc_str(r.json, "/newStatus"), "PAUSED");
    CHECK(&T, cJSON_IsTrue(mc_at(r.json, "/success")));
    mc_resp_free(&r);
    mc_get(m, id, &r);
    const cJSON *c = mc_at(r.json, "/campaign"), *b, *p;
    CHECK_STR(&T, mc_str(c, "/status"), "PAUSED");
    int buys = 0, pkgs = 0, paused_buys = 0, paused_pkgs = 0;
    cJSON_ArrayForEach(b, mc_at(c, "/mediaBuys")) {
        buys++;
        paused_buys += !strcmp(mc_str(b, "/status") ? mc_str(b, "/status") : "", "PAUSED");
        cJSON_ArrayForEach(p, mc_at(b, "/packages")) {
            pkgs++;
            paused_pkgs += !strcmp(mc_str(p, "/status") ? mc_str(p, "/status") : "", "PAUSED");
        }
    }
    CHECK_INT(&T, buys, 3);
    CHECK_INT(&T, paused_buys, buys);
    CHECK_INT(&T, paused_pkgs, pkgs);
    CHECK_STR(&T, mc_str(c, "/mediaBuyRefs/0/status"), "PAUSED");
    MC_CHECK_NUM(m, mc_num(c, "/allocatedBudget"), 9000);   /* paused budgets stay allocated */
    mc_check_money(m, c);
    mc_resp_free(&r);

    /* PAUSED: execute is refused (reactivate is the only way back), so is pause */
    expect_transition_refused(m, id, "/execute", "PAUSED");
    expect_transition_refused(m, id, "/pause", "PAUSED");

    /* reactivate restores each buy's status from before the pause */
    path_of(path, sizeof path, id, "/reactivate");
    mc_call(m, &r, "POST", path, NULL, 200, SC);
    CHECK_STR(&T, mc_str(r.json, "/previousStatus"), "PAUSED");
    CHECK_STR(&T, mc_str(r.json, "/newStatus"), "ACTIVE");
    mc_resp_free(&r);
    mc_get(m, id, &r);
    c = mc_at(r.json, "/campaign");
    CHECK_STR(&T, mc_str(c, "/status"), "ACTIVE");
    CHECK_STR(&T, mc_str(mc_buy_of(m, c, "agent_acme"), "/status"), "ACTIVE");
    CHECK_STR(&T, mc_str(mc_buy_of(m, c, "agent_acme"), "/packages/0/status"), "ACTIVE");
    CHECK_STR(&T, mc_str(mc_buy_of(m, c, "agent_slow"), "/status"), "PENDING_APPROVAL");
    char st[32];
    CHECK_STR(&T, mc_surfaced(m, id, st, sizeof st), "PENDING_APPROVAL");
    mc_resp_free(&r);
    /* and it can be paused again */
    path_of(path, sizeof path, id, "/pause");
    mc_call(m, &r, "POST", path, NULL, 200, SC);
    mc_resp_free(&r);
}

static void test_media_buy_status(mc *m)
{
    char id[64], path[128];
    mc_create(m, "poll", 10000, "[\"prod_display_1\",\"prod_pending_1\",\"prod_fail_1\"]", NULL, id, sizeof id);
    path_of(path, sizeof path, id, "/media-buy-status");
    mc_resp r;
    mc_call(m, &r, "GET", path, NULL, 200, "media-buy-status-response");   /* DRAFT: nothing */
    CHECK_INT(&T, mc_len(r.json, "/media_buys"), 0);
    CHECK_INT(&T, mc_num(r.json, "/agents_queried"), 0);
    mc_resp_free(&r);
    char ex[128];
    path_of(ex, sizeof ex, id, "/execute");
    mc_call(m, &r, "POST", ex, NULL, 200, SC);
    mc_resp_free(&r);
    for (int poll = 0; poll < 2; poll++) {
        mc_call(m, &r, "GET", path, NULL, 200, "media-buy-status-response");
        CHECK_STR(&T, mc_str(r.json, "/campaign_id"), id);
        CHECK_INT(&T, mc_len(r.json, "/media_buys"), 2);        /* the failed one is not polled */
        CHECK_INT(&T, mc_num(r.json, "/agents_queried"), 2);
        CHECK_INT(&T, mc_len(r.json, "/errors"), 1);
        const cJSON *e;
        cJSON_ArrayForEach(e, mc_at(r.json, "/media_buys")) {
            CHECK(&T, cJSON_IsFalse(mc_at(e, "/updated")));   /* agent_slow stays pending */
            CHECK_STR(&T, mc_str(e, "/internal_status"), mc_str(e, "/previous_internal_status"));
            CHECK(&T, mc_str(e, "/adcp_media_buy_id") && mc_str(e, "/adcp_media_buy_id")[0]);
        }
        mc_resp_free(&r);
    }
    mc_get(m, id, &r);
    CHECK_STR(&T, mc_str(mc_buy_of(m, mc_at(r.json, "/campaign"), "agent_slow"), "/status"), "PENDING_APPROVAL");
    mc_resp_free(&r);
}

/* A fixtures file where the slow seller approves on the next poll. */
static void test_poll_changes_status(mc *m)
{
    FILE *in = fopen("tools/mock/fixtures.json", "r");
    CHECK(&T, in != NULL);
    if (!in) return;
    char *text = calloc(1, 1 << 16);
    size_t n = fread(text, 1, (1 << 16) - 1, in);
    fclose(in);
    text[n] = 0;
    const char *needle = "\"onExecute\": \"PENDING_APPROVAL\"";
    char *at = strstr(text, needle);
    CHECK(&T, at != NULL);
    if (!at) { free(text); return; }
    char path[] = "/tmp/test_mock_poll_XXXXXX";
    int fd = mkstemp(path);
    FILE *out = fdopen(fd, "w");
    fwrite(text, 1, (size_t)(at - text), out);
    fprintf(out, "%s, \"approveOnPoll\": true%s", needle, at + strlen(needle));
    fclose(out);
    free(text);
    mc sub = *m;
    const char *const args[] = { "--fixtures", path, NULL };
    CHECK(&T, mc_start(&sub.srv, args) == 0);
    char id[64], p[128];
    mc_create_active(&sub, "approve", 1000, "[\"prod_pending_1\"]", id, sizeof id);
    path_of(p, sizeof p, id, "/media-buy-status");
    mc_resp r;
    mc_call(&sub, &r, "GET", p, NULL, 200, "media-buy-status-response");
    CHECK(&T, cJSON_IsTrue(mc_at(r.json, "/media_buys/0/updated")));
    CHECK_STR(&T, mc_str(r.json, "/media_buys/0/previous_internal_status"), "PENDING_APPROVAL");
    CHECK_STR(&T, mc_str(r.json, "/media_buys/0/internal_status"), "ACTIVE");
    CHECK_STR(&T, mc_str(r.json, "/media_buys/0/adcp_status"), "active");
    mc_resp_free(&r);
    mc_call(&sub, &r, "GET", p, NULL, 200, "media-buy-status-response");   /* persisted */
    CHECK(&T, cJSON_IsFalse(mc_at(r.json, "/media_buys/0/updated")));
    CHECK_STR(&T, mc_str(r.json, "/media_buys/0/previous_internal_status"), "ACTIVE");
    mc_resp_free(&r);
    mc_get(&sub, id, &r);
    CHECK_STR(&T, mc_str(r.json, "/campaign/mediaBuys/0/status"), "ACTIVE");
    CHECK_STR(&T, mc_str(r.json, "/campaign/mediaBuys/0/packages/0/status"), "ACTIVE");
    mc_resp_free(&r);
    CHECK_INT(&T, mc_stop(&sub.srv), 0);
    unlink(path);
}

static void test_most_restrictive(mc *m)
{
    char id[64], draft[64], st[32];
    mc_create(m, "restrictive-draft", 1000, "[\"prod_display_1\"]", NULL, draft, sizeof draft);
    CHECK_STR(&T, mc_surfaced(m, draft, st, sizeof st), "null");    /* no buys yet */
    mc_create_active(m, "restrictive", 1000, "[\"prod_display_1\",\"prod_pending_1\"]", id, sizeof id);
    CHECK_STR(&T, mc_surfaced(m, id, st, sizeof st), "PENDING_APPROVAL");   /* ACTIVE + PENDING_APPROVAL */
    /* the facts name each buy's sales agent; the contract body does not */
    mc_resp r;
    mc_facts(m, id, &r);
    CHECK_INT(&T, mc_len(r.json, "/mediaBuys"), 2);
    CHECK_STR(&T, mc_str(r.json, "/mediaBuys/0/salesAgentId"), "agent_acme");
    CHECK_STR(&T, mc_str(r.json, "/mediaBuys/1/salesAgentId"), "agent_slow");
    mc_resp_free(&r);
    mc_get(m, id, &r);
    CHECK(&T, mc_at(r.json, "/campaign/mediaBuyStatus") == NULL);
    CHECK(&T, mc_at(r.json, "/campaign/mediaBuys/0/salesAgentId") == NULL);
    CHECK(&T, mc_at(r.json, "/campaign/mediaBuys/0/creativeIds") == NULL);
    mc_resp_free(&r);
    /* ?mediaBuyStatus= filters on the surfaced status */
    static const struct { const char *query; int want_active, want_draft; } filters[] = {
        { "?mediaBuyStatus=PENDING_APPROVAL", 1, 0 },
        { "?mediaBuyStatus=ACTIVE", 0, 0 },
        { "?mediaBuyStatus=ACTIVE,PENDING_APPROVAL", 1, 0 },
        { "?mediaBuyStatus=FAILED&mediaBuyStatus=PENDING_APPROVAL", 1, 0 },
        { "?mediaBuyStatus=DRAFT", 0, 0 },   /* a campaign without buys has no surfaced status */
    };
    for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++) {
        char path[160];
        snprintf(path, sizeof path, "/campaigns%s", filters[i].query);
        mc_call(m, &r, "GET", path, NULL, 200, "campaign-list-response");
        int has_active = 0, has_draft = 0;
        const cJSON *e;
        cJSON_ArrayForEach(e, mc_at(r.json, "/campaigns")) {
            const char *cid = mc_str(e, "/campaignId");
            has_active |= cid && !strcmp(cid, id);
            has_draft |= cid && !strcmp(cid, draft);
            CHECK(&T, mc_at(e, "/mediaBuyStatus") == NULL);
        }
        CHECK_MSG(&T, has_active == filters[i].want_active && has_draft == filters[i].want_draft,
                  "filter %s: active campaign %s, draft %s", filters[i].query,
                  has_active ? "listed" : "not listed", has_draft ? "listed" : "not listed");
        mc_resp_free(&r);
    }
}

/* The summary agrees with the lists; returns the list ids as "a,b,c". */
static const char *check_property_lists(const cJSON *pl, char *ids, size_t n)
{
    int inc = 0, exc = 0, total = 0;
    const cJSON *l;
    ids[0] = 0;
    cJSON_ArrayForEach(l, mc_at(pl, "/propertyLists")) {
        const char *purpose = mc_str(l, "/purpose");
        inc += purpose && !strcmp(purpose, "include");
        exc += purpose && !strcmp(purpose, "exclude");
        total++;
        size_t len = strlen(ids);
        snprintf(ids + len, n - len, "%s%s", len ? "," : "", mc_str(l, "/listId") ? mc_str(l, "/listId") : "?");
    }
    CHECK_INT(&T, mc_num(pl, "/summary/totalLists"), total);
    CHECK_INT(&T, mc_num(pl, "/summary/includeCount"), inc);
    CHECK_INT(&T, mc_num(pl, "/summary/excludeCount"), exc);
    return ids;
}

/* The package ids a list applies to through buy `buy`, as "p1,p2" ("" when
 * the list names no package of that buy). */
static const char *via_packages(const cJSON *pl, const char *list, const char *buy, char *out, size_t n)
{
    const cJSON *l, *v, *p;
    out[0] = 0;
    cJSON_ArrayForEach(l, mc_at(pl, "/propertyLists")) {
        if (!mc_str(l, "/listId") || strcmp(mc_str(l, "/listId"), list)) continue;
        cJSON_ArrayForEach(v, mc_at(l, "/viaMediaBuys")) {
            if (!mc_str(v, "/mediaBuyId") || strcmp(mc_str(v, "/mediaBuyId"), buy)) continue;
            cJSON_ArrayForEach(p, mc_at(v, "/packageIds")) {
                size_t len = strlen(out);
                snprintf(out + len, n - len, "%s%s", len ? "," : "", cJSON_IsString(p) ? p->valuestring : "?");
            }
        }
    }
    return out;
}

static void test_property_lists(mc *m)
{
    char draft[64], bare[64], path[160], ids[512];
    mc_create(m, "lists", 10000, "[\"prod_display_1\",\"prod_video_1\"]", NULL, draft, sizeof draft);
    mc_create(m, "lists-bare", 100, NULL, NULL, bare, sizeof bare);
    mc_resp r;
    /* the parameter: true adds propertyLists; false, absent or unrelated
     * parameters do not; anything else is 400 naming it */
    static const struct { const char *query; long status; int present; } params[] = {
        { "", 200, 0 },
        { "?includePropertyLists=false", 200, 0 },
        { "?includePropertyLists=true", 200, 1 },
        { "?includePropertyLists=true&includePropertyLists=true", 200, 1 },
        { "?includePropertyLists=false&includePropertyLists=false", 200, 0 },
        { "?include=true", 200, 0 },
        { "?includePropertyLists=TRUE", 400, 0 },
        { "?includePropertyLists=True", 400, 0 },
        { "?includePropertyLists=1", 400, 0 },
        { "?includePropertyLists=0", 400, 0 },
        { "?includePropertyLists=yes", 400, 0 },
        { "?includePropertyLists=", 400, 0 },
        { "?includePropertyLists", 400, 0 },
        { "?includePropertyLists=true%20", 400, 0 },
        { "?includePropertyLists=true&includePropertyLists=false", 400, 0 },
    };
    for (size_t i = 0; i < sizeof params / sizeof params[0]; i++) {
        snprintf(path, sizeof path, "/campaigns/%s%s", draft, params[i].query);
        mc_call(m, &r, "GET", path, NULL, params[i].status, "campaign-response");
        if (params[i].status == 200) {
            CHECK_MSG(&T, (mc_at(r.json, "/campaign/propertyLists") != NULL) == params[i].present,
                      "%s: propertyLists %s", params[i].query, params[i].present ? "missing" : "present");
        } else {
            CHECK_STR(&T, mc_str(r.json, "/error/code"), "VALIDATION_ERROR");
            CHECK_STR(&T, mc_str(r.json, "/error/details/parameter"), "includePropertyLists");
            CHECK_MSG(&T, mc_str(r.json, "/error/message") && strstr(mc_str(r.json, "/error/message"), "includePropertyLists"),
                      "%s: message does not name the parameter", params[i].query);
        }
        mc_resp_free(&r);
    }
    /* an unknown campaign is 404 whatever the parameter says */
    mc_call(m, &r, "GET", "/campaigns/cmp_999999?includePropertyLists=maybe", NULL, 404, NULL);
    mc_resp_free(&r);

    /* which lists apply, and through which packages */
    snprintf(path, sizeof path, "/campaigns/%s?includePropertyLists=true", bare);
    mc_call(m, &r, "GET", path, NULL, 200, "campaign-response");
    CHECK_STR(&T, check_property_lists(mc_at(r.json, "/campaign/propertyLists"), ids, sizeof ids), "pl_brand_safety");
    mc_resp_free(&r);
    snprintf(path, sizeof path, "/campaigns/%s?includePropertyLists=true", draft);
    mc_call(m, &r, "GET", path, NULL, 200, "campaign-response");
    const cJSON *pl = mc_at(r.json, "/campaign/propertyLists");
    CHECK_STR(&T, check_property_lists(pl, ids, sizeof ids), "pl_premium_news,pl_vetted_video,pl_brand_safety,pl_competitors");
    CHECK_INT(&T, mc_num(pl, "/summary/includeCount"), 2);
    CHECK_INT(&T, mc_num(pl, "/summary/excludeCount"), 2);
    CHECK_INT(&T, mc_len(pl, "/propertyLists/0/viaMediaBuys"), 0);      /* a DRAFT has no buys */
    CHECK_INT(&T, mc_num(pl, "/propertyLists/3/propertyCount"), 57);
    mc_resp_free(&r);

    snprintf(path, sizeof path, "/campaigns/%s/execute", draft);
    mc_call(m, &r, "POST", path, NULL, 200, SC);
    mc_resp_free(&r);
    snprintf(path, sizeof path, "/campaigns/%s?includePropertyLists=true", draft);
    mc_call(m, &r, "GET", path, NULL, 200, "campaign-response");
    const cJSON *c = mc_at(r.json, "/campaign");
    pl = mc_at(c, "/propertyLists");
    const char *acme = mc_str(mc_buy_of(m, c, "agent_acme"), "/mediaBuyId");
    const char *vid = mc_str(mc_buy_of(m, c, "agent_vidco"), "/mediaBuyId");
    const char *acme_pkg = mc_str(mc_buy_of(m, c, "agent_acme"), "/packages/0/packageId");
    const char *vid_pkg = mc_str(mc_buy_of(m, c, "agent_vidco"), "/packages/0/packageId");
    CHECK(&T, acme && vid && acme_pkg && vid_pkg);
    if (acme && vid && acme_pkg && vid_pkg) {
        static const struct { const char *list; int buy; int pkg; } via[] = {   /* buy/pkg 0 acme, 1 vidco, -1 none */
            { "pl_premium_news", 0, 0 }, { "pl_premium_news", 1, -1 },
            { "pl_vetted_video", 0, -1 }, { "pl_vetted_video", 1, 1 },
            { "pl_brand_safety", 0, 0 }, { "pl_brand_safety", 1, 1 },
            { "pl_competitors", 0, 0 }, { "pl_competitors", 1, 1 },
        };
        for (size_t i = 0; i < sizeof via / sizeof via[0]; i++) {
            char got[256];
            const char *buy = via[i].buy ? vid : acme;
            const char *want = via[i].pkg < 0 ? "" : via[i].pkg ? vid_pkg : acme_pkg;
            CHECK_MSG(&T, !strcmp(via_packages(pl, via[i].list, buy, got, sizeof got), want),
                      "%s via %s: \"%s\", want \"%s\"", via[i].list, buy, got, want);
        }
    }
    CHECK_STR(&T, check_property_lists(pl, ids, sizeof ids), "pl_premium_news,pl_vetted_video,pl_brand_safety,pl_competitors");
    /* a canceled buy takes its products' lists with it */
    char body[256];
    snprintf(body, sizeof body, "{\"mediaBuys\":[{\"action\":\"cancel\",\"mediaBuyId\":\"%s\"}]}", vid ? vid : "?");
    mc_resp_free(&r);
    snprintf(path, sizeof path, "/campaigns/%s", draft);
    mc_call(m, &r, "PUT", path, body, 200, "campaign-response");
    CHECK(&T, mc_at(r.json, "/campaign/propertyLists") == NULL);     /* only GET carries them */
    mc_resp_free(&r);
    snprintf(path, sizeof path, "/campaigns/%s?includePropertyLists=true", draft);
    mc_call(m, &r, "GET", path, NULL, 200, "campaign-response");
    pl = mc_at(r.json, "/campaign/propertyLists");
    CHECK_STR(&T, check_property_lists(pl, ids, sizeof ids), "pl_premium_news,pl_brand_safety,pl_competitors");
    CHECK_INT(&T, mc_len(pl, "/propertyLists/1/viaMediaBuys"), 1);   /* the canceled buy is gone */
    mc_resp_free(&r);
    /* a product removed from a running buy takes its product-scoped lists
     * along once no live package covers them */
    mc_create_active(m, "lists-remove", 10000, "[\"prod_display_1\",\"prod_display_2\"]", draft, sizeof draft);
    snprintf(path, sizeof path, "/campaigns/%s?includePropertyLists=true", draft);
    mc_call(m, &r, "GET", path, NULL, 200, "campaign-response");
    CHECK_STR(&T, check_property_lists(mc_at(r.json, "/campaign/propertyLists"), ids, sizeof ids),
              "pl_premium_news,pl_brand_safety,pl_competitors");
    snprintf(body, sizeof body, "{\"mediaBuys\":[{\"mediaBuyId\":\"%s\",\"products\":[{\"product_id\":\"prod_display_1\",\"remove\":true}]}]}",
             mc_str(r.json, "/campaign/mediaBuys/0/mediaBuyId") ? mc_str(r.json, "/campaign/mediaBuys/0/mediaBuyId") : "?");
    mc_resp_free(&r);
    snprintf(path, sizeof path, "/campaigns/%s", draft);
    mc_call(m, &r, "PUT", path, body, 200, "campaign-response");
    mc_resp_free(&r);
    snprintf(path, sizeof path, "/campaigns/%s?includePropertyLists=true", draft);
    mc_call(m, &r, "GET", path, NULL, 200, "campaign-response");
    pl = mc_at(r.json, "/campaign/propertyLists");
    CHECK_STR(&T, check_property_lists(pl, ids, sizeof ids), "pl_premium_news,pl_brand_safety");
    CHECK_INT(&T, mc_len(pl, "/propertyLists/0/viaMediaBuys/0/packageIds"), 1);   /* prod_display_2's package */
    mc_resp_free(&r);
}

/* The mock-only route: outside the API root, same authentication, GET
 * only, 404 for an unknown campaign. */
static void test_mock_route(mc *m)
{
    char id[64];
    mc_create(m, "mock-route", 1000, NULL, NULL, id, sizeof id);
    mc_resp r;
    mc_facts(m, id, &r);
    CHECK_INT(&T, mc_len(r.json, "/mediaBuys"), 0);
    CHECK(&T, cJSON_IsNull(mc_at(r.json, "/mediaBuyStatus")));
    CHECK_INT(&T, mc_len(r.json, ""), 3);
    mc_resp_free(&r);
    char path[160];
    snprintf(path, sizeof path, MC_MOCK "/campaigns/%s", id);
    static const struct { const char *method, *path; const char *token; long status; const char *code; } cases[] = {
        { "GET", NULL, "", 401, "UNAUTHORIZED" },
        { "GET", NULL, "wrong", 401, "UNAUTHORIZED" },
        { "PUT", NULL, NULL, 405, "METHOD_NOT_ALLOWED" },
        { "POST", NULL, NULL, 405, "METHOD_NOT_ALLOWED" },
        { "GET", MC_MOCK "/campaigns/cmp_999999", NULL, 404, "NOT_FOUND" },
        { "GET", MC_MOCK "/campaigns/", NULL, 404, "NOT_FOUND" },
        { "GET", MC_MOCK "/campaigns", NULL, 404, "NOT_FOUND" },
        { "GET", MC_MOCK "/campaigns/x/y", NULL, 404, "NOT_FOUND" },
        { "GET", MC_API MC_MOCK "/campaigns/cmp_000001", NULL, 404, "NOT_FOUND" },   /* not under the API */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_opts o = { .token = cases[i].token };
        mc_request(&m->srv, cases[i].method, cases[i].path ? cases[i].path : path, NULL, 0, &o, &r);
        CHECK_MSG(&T, r.status == cases[i].status, "%s %s: status %ld, want %ld", cases[i].method,
                  cases[i].path ? cases[i].path : path, r.status, cases[i].status);
        mc_check_schema(m, "error-response", r.json, "mock route error");
        CHECK_STR(&T, mc_str(r.json, "/error/code"), cases[i].code);
        if (r.status == 405) CHECK_STR(&T, r.allow, "GET");
        mc_resp_free(&r);
    }
}

int main(void)
{
    mc m;
    if (mc_setup(&m, &T) != 0) return check_done(&T);
    test_create(&m);
    test_create_errors(&m);
    test_list(&m);
    test_execute(&m);
    test_execute_failures(&m);
    test_pacing_packages(&m);
    test_transitions(&m);
    test_media_buy_status(&m);
    test_poll_changes_status(&m);
    test_most_restrictive(&m);
    test_mock_route(&m);
    test_property_lists(&m);
    mc_teardown(&m);
    return check_done(&T);
}
