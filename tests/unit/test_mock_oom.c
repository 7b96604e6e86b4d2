/* test_mock_oom.c - out of memory anywhere in a request is a 500 with the
 * error contract, never a 400, a crash, a leak or a half-applied change.
 *
 * Drives the mock's request functions (mock_request.h) in process, on
 * the default fixtures and the contract schemas, and fails allocations on
 * purpose: every malloc, calloc, realloc, strdup and strndup of the mock
 * and the validator library (this program is linked with --wrap for them,
 * see the Makefile) and every cJSON allocation (cJSON_InitHooks).  For
 * each request of a scenario covering every endpoint it first takes the
 * normal answer, then runs the request again failing the k-th allocation,
 * for k = 1, 2, ... until the request makes fewer than k allocations; in a
 * second pass every allocation from the k-th on fails (memory stays
 * short).  Each answer must be either the normal one (same status, a body
 * of the same shape that keeps its response schema; an error body equal
 * to the normal one) or 500 INTERNAL_ERROR keeping error-response (or no
 * body at all, which the server sends as its fixed 500 text); a refused
 * change must leave the campaign exactly as it was.  Leaks are found by
 * LeakSanitizer under `make test SANITIZE=1`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "mock_render.h"
#include "test_mock_inproc.h"

static struct check T = { 0, 0, "test_mock_oom" };

/* ---- allocation failure injection ----------------------------------- */

/* The test's one piece of process state: the allocator shims below have no
 * context argument, so the countdown lives here. */
static struct {
    int armed;          /* count (and fail) allocations */
    int sticky;         /* fail every allocation from fail_at on */
    long count;         /* allocations since arming */
    long fail_at;       /* 1-based */
    long failed;        /* allocations refused */
} Inj;

static int fail_now(void)
{
    if (!Inj.armed) return 0;
    Inj.count++;
    int f = Inj.sticky ? Inj.count >= Inj.fail_at : Inj.count == Inj.fail_at;
    if (f) Inj.failed++;
    return f;
}

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t s);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t s);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

void *__wrap_malloc(size_t n) { return fail_now() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t s) { return fail_now() ? NULL : __real_calloc(n, s); }
void *__wrap_realloc(void *p, size_t n) { return fail_now() ? NULL : __real_realloc(p, n); }
char *__wrap_strdup(const char *s) { return fail_now() ? NULL : __real_strdup(s); }
char *__wrap_strndup(const char *s, size_t n) { return fail_now() ? NULL : __real_strndup(s, n); }

/* Run without injection; the answer's status must be want. */
static void run_ok(const mock_app *app, const mi_call *c, int want, mock_reply *r)
{
    mi_run(app, c, r);
    CHECK_MSG(&T, r->status == want, "%s %s: got %d, want %d", c->method, c->url, r->status, want);
}


/* 1 when a and b have the same members (names, order), array lengths and
 * types all the way down: values (ids, timestamps) may differ.  Else 0
 * with the path of the first difference in at (size n). */
static int same_shape(const cJSON *a, const cJSON *b, char *at, size_t n)
{
    size_t l = strlen(at);
    if (a && a->string) snprintf(at + l, n - l, "/%s", a->string);
    if (!a || !b) return a == b;
    if ((a->type & 0xFF) != (b->type & 0xFF)) return 0;
    if ((a->string == NULL) != (b->string == NULL)) return 0;
    if (a->string && strcmp(a->string, b->string) != 0) return 0;
    const cJSON *x = a->child, *y = b->child;
    for (size_t i = 0; x && y; x = x->next, y = y->next, i++) {
        size_t m = strlen(at);
        if (cJSON_IsArray(a)) snprintf(at + m, n - m, "/%zu", i);
        if (!same_shape(x, y, at, n)) return 0;
        at[m] = 0;
    }
    if (x || y) snprintf(at + strlen(at), n - strlen(at), " (%s member %s)", x ? "missing" : "extra",
                         x ? (x->string ? x->string : "[item]") : (y->string ? y->string : "[item]"));
    return x == NULL && y == NULL;
}

static int keeps_schema(const mock_app *app, const char *schema, const cJSON *body)
{
    if (!schema || !body) return 0;
    char *text = json_print(body);
    json_error je;
    json_doc *doc = text ? json_parse(text, strlen(text), NULL, NULL, &je) : NULL;
    contract_report *rep = doc ? contract_report_new() : NULL;
    int ok = rep && contract_check(app->contract, schema, doc->root, 0, rep) == 1;
    contract_report_free(rep);
    json_doc_free(doc);
    free(text);
    return ok;
}

/* The campaign as GET renders it, or NULL (for "nothing changed"). */
static char *campaign_text(const mock_app *app, const char *id)
{
    if (!id) return NULL;
    mock_campaign *c = store_find(app->store, id);
    cJSON *j = c ? render_campaign(c, app->fx) : NULL;
    char *t = mi_text(j);
    cJSON_Delete(j);
    return t;
}

/* ---- one step: a request, its normal answer, then every failure ----- */

typedef struct step {
    const char *name;
    int want;                               /* normal status */
    /* fills c (and the id it targets, for the unchanged check) for one
     * run; called before each run, without injection */
    void (*setup)(const mock_app *app, mi_call *c, char *id, size_t idlen);
    mi_call c;
} step;

static int check_answer(const mock_app *app, const step *s, const mock_reply *ref, const mock_reply *r,
                        const char *before, const char *after, long k, int sticky)
{
    char where[160];
    snprintf(where, sizeof where, "%s, allocation %ld%s failing", s->name, k, sticky ? " and on" : "");
    if (r->status == ref->status) {
        if (!r->body) { CHECK_MSG(&T, 0, "%s: status %d without a body", where, r->status); return 0; }
        if (ref->status >= 400) {
            char *a = mi_text(ref->body), *b = mi_text(r->body);
            int same = a && b && strcmp(a, b) == 0;
            CHECK_MSG(&T, same, "%s: error body differs:\n  %s\n  %s", where, a ? a : "?", b ? b : "?");
            free(a); free(b);
            return same;
        }
        char at[256] = "";
        int shape = same_shape(ref->body, r->body, at, sizeof at);
        CHECK_MSG(&T, shape, "%s: %d body of another shape at %s", where, r->status, at);
        int schema = keeps_schema(app, r->schema, r->body);
        CHECK_MSG(&T, schema, "%s: %d body breaks %s", where, r->status, r->schema ? r->schema : "?");
        return shape && schema;
    }
    if (r->status != 500) {
        char *b = mi_text(r->body);
        CHECK_MSG(&T, 0, "%s: got %d (want %d or 500): %.500s", where, r->status, ref->status, b ? b : "");
        free(b);
        return 0;
    }
    if (r->body) {
        const cJSON *err = json_member(r->body, "error");
        const cJSON *code = json_member(err, "code");
        int ok = keeps_schema(app, "error-response", r->body) && cJSON_IsString(code) &&
                 strcmp(code->valuestring, "INTERNAL_ERROR") == 0;
        CHECK_MSG(&T, ok, "%s: a 500 whose body is not the error contract with INTERNAL_ERROR", where);
        if (!ok) return 0;
    }
    if (before || after) {
        int same = before && after && strcmp(before, after) == 0;
        CHECK_MSG(&T, same, "%s: a 500 changed the campaign", where);
        return same;
    }
    return 1;
}

/* Returns the number of allocations of the normal run. */
static long run_step(const mock_app *app, const step *s)
{
    mi_call c = s->c;
    char id[64] = "";
    if (s->setup) s->setup(app, &c, id, sizeof id);
    mock_reply ref;
    Inj.armed = 1; Inj.count = 0; Inj.fail_at = 0; Inj.sticky = 0;
    mi_run(app, &c, &ref);
    Inj.armed = 0;
    long total = Inj.count;
    CHECK_MSG(&T, ref.status == s->want, "%s: normal answer %d, want %d", s->name, ref.status, s->want);
    int bad = 0;
    for (int sticky = 0; sticky <= 1; sticky++) {
        for (long k = 1; bad < 3; k++) {
            mi_call ck = s->c;
            char cid[64] = "";
            if (s->setup) s->setup(app, &ck, cid, sizeof cid);
            char *before = cid[0] && strcmp(ck.method, "GET") != 0 ? campaign_text(app, cid) : NULL;
            mock_reply r;
            Inj.armed = 1; Inj.count = 0; Inj.failed = 0; Inj.fail_at = k; Inj.sticky = sticky;
            mi_run(app, &ck, &r);
            Inj.armed = 0;
            int fired = Inj.failed > 0;
            char *after = before ? campaign_text(app, cid) : NULL;
            if (fired && !check_answer(app, s, &ref, &r, r.status == 500 ? before : NULL,
                                       r.status == 500 ? after : NULL, k, sticky))
                bad++;
            free(before);
            free(after);
            cJSON_Delete(r.body);
            if (!fired) break;     /* the request made fewer than k allocations */
        }
    }
    cJSON_Delete(ref.body);
    return total;
}

/* ---- the scenario ---------------------------------------------------- */

static const char CREATE[] =
    "{\"advertiserId\":12345,\"name\":\"OOM \\u0000 campaign\",\"campaignType\":\"DECISIONED\","
    "\"flightDates\":{\"startDate\":\"2026-05-01T00:00:00Z\",\"endDate\":\"2026-06-30T23:59:59Z\"},"
    "\"budget\":{\"total\":120000,\"currency\":\"USD\",\"dailyCap\":4000,\"pacing\":\"EVEN\"},"
    "\"brief\":\"premium video\",\"constraints\":{\"countries\":[\"US\",\"CA\"],"
    "\"geo_metros\":[{\"system\":\"nielsen_dma\",\"values\":[\"501\"]}]},"
    "\"storefrontIds\":[42,57,99],\"discoveryId\":\"disc_demo\","
    "\"productIds\":[\"prod_display_1\",\"prod_video_1\",\"prod_ctv_1\",\"prod_fail_1\"],"
    "\"audienceConfig\":{\"targetAudienceIds\":[\"aud_a\"],\"suppressAudienceIds\":[\"aud_b\"]},"
    "\"performanceConfig\":{\"optimizationGoals\":[{\"kind\":\"metric\",\"metric\":\"completed_views\","
    "\"target\":{\"kind\":\"threshold_rate\",\"value\":0.7},\"priority\":1}]},"
    "\"optimizationApplyMode\":\"MANUAL\",\"catalogId\":42,"
    "\"pacingPeriods\":{\"mode\":\"weight\",\"periods\":[{\"label\":\"May\",\"start\":\"2026-05-01\","
    "\"end\":\"2026-05-31\",\"weight\":3},{\"label\":\"June\",\"start\":\"2026-06-01\",\"end\":\"2026-06-30\"}]},"
    "\"utmConfig\":{\"params\":[{\"paramKey\":\"utm_source\",\"paramValue\":\"s\"}]},"
    "\"dataDelivery\":{\"outputs\":[{\"dataDeliveryType\":\"MB_DELIVERY\",\"cadence\":\"DAILY\","
    "\"credentialName\":\"gcs\",\"deliveryConfig\":{\"type\":\"GCS\",\"bucket\":\"b\"}}]},"
    "\"frequencyCaps\":[{\"max_impressions\":3,\"window\":{\"interval\":1,\"unit\":\"days\"}}]}";

/* A campaign made without injection; active: executed too. */
static void make_campaign(const mock_app *app, int active, int paused, char *id, size_t idlen)
{
    mi_call c = { "POST", "/api/v2/buyer/campaigns", NULL, CREATE };
    mock_reply r;
    run_ok(app, &c, 201, &r);
    const char *cid = json_member(json_member(r.body, "campaign"), "campaignId") ?
        json_member(json_member(r.body, "campaign"), "campaignId")->valuestring : "";
    snprintf(id, idlen, "%s", cid);
    cJSON_Delete(r.body);
    static char url[128];
    if (active) {
        snprintf(url, sizeof url, "/api/v2/buyer/campaigns/%s/execute", id);
        mi_call e = { "POST", url, NULL, NULL };
        run_ok(app, &e, 200, &r);
        cJSON_Delete(r.body);
    }
    if (paused) {
        snprintf(url, sizeof url, "/api/v2/buyer/campaigns/%s/pause", id);
        mi_call p = { "POST", url, NULL, NULL };
        run_ok(app, &p, 200, &r);
        cJSON_Delete(r.body);
    }
}

/* The campaign the read and update steps use (executed once). */
static char Main_id[64];
static char Url[8][256];
static char Body[4][2048];

static void on_main(const mock_app *app, mi_call *c, char *id, size_t idlen)
{
    (void)app;
    snprintf(id, idlen, "%s", Main_id);
    (void)c;
}

static void fresh_draft(const mock_app *app, mi_call *c, char *id, size_t idlen)
{
    make_campaign(app, 0, 0, id, idlen);
    snprintf(Url[0], sizeof Url[0], "/api/v2/buyer/campaigns/%s/execute", id);
    c->url = Url[0];
}

static void fresh_active(const mock_app *app, mi_call *c, char *id, size_t idlen)
{
    make_campaign(app, 1, 0, id, idlen);
    snprintf(Url[1], sizeof Url[1], "/api/v2/buyer/campaigns/%s/pause", id);
    c->url = Url[1];
}

static void fresh_paused(const mock_app *app, mi_call *c, char *id, size_t idlen)
{
    make_campaign(app, 1, 1, id, idlen);
    snprintf(Url[2], sizeof Url[2], "/api/v2/buyer/campaigns/%s/reactivate", id);
    c->url = Url[2];
}

/* The ids of the main campaign's buy of agent (and its first package). */
static void buy_ids(const mock_app *app, const char *agent, char *buy, char *pkg)
{
    mock_campaign *c = store_find(app->store, Main_id);
    for (size_t i = 0; c && i < c->n_buys; i++)
        if (strcmp(c->buys[i].agent->id, agent) == 0) {
            snprintf(buy, MOCK_ID_LEN, "%s", c->buys[i].id);
            snprintf(pkg, MOCK_ID_LEN, "%s", c->buys[i].n_pkgs ? c->buys[i].pkgs[0].id : "");
        }
}

static void test_every_endpoint(const mock_app *app)
{
    make_campaign(app, 1, 0, Main_id, sizeof Main_id);
    char acme[MOCK_ID_LEN] = "", acme_pkg[MOCK_ID_LEN] = "", ctv[MOCK_ID_LEN] = "", ctv_pkg[MOCK_ID_LEN] = "";
    buy_ids(app, "agent_acme", acme, acme_pkg);
    buy_ids(app, "agent_streamr", ctv, ctv_pkg);
    CHECK(&T, acme[0] && ctv[0]);
    snprintf(Url[3], sizeof Url[3], "/api/v2/buyer/campaigns/%s", Main_id);
    snprintf(Url[4], sizeof Url[4], "/api/v2/buyer/campaigns/%s/media-buy-status", Main_id);
    snprintf(Url[5], sizeof Url[5], "/_mock/campaigns/%s", Main_id);
    snprintf(Url[6], sizeof Url[6], "/api/v2/buyer/campaigns/%s/execute", Main_id);
    snprintf(Body[0], sizeof Body[0],
             "{\"name\":\"renamed\",\"brief\":\"b\",\"frequencyCaps\":[{\"max_impressions\":2,"
             "\"window\":{\"interval\":1,\"unit\":\"days\"}}],"
             "\"audienceConfig\":{\"targetAudienceIds\":[\"aud_c\"],\"deleteMissing\":true},"
             "\"utmConfig\":{\"params\":[{\"paramKey\":\"utm_medium\",\"paramValue\":\"m\"}]},"
             "\"dataDelivery\":{\"outputs\":[{\"dataDeliveryType\":\"MB_DELIVERY\",\"cadence\":\"DAILY\","
             "\"credentialName\":\"gcs\",\"deliveryConfig\":{\"type\":\"GCS\",\"bucket\":\"c\"}}]},"
             "\"mediaBuys\":[{\"mediaBuyId\":\"%s\",\"name\":\"Acme\",\"packages\":[{\"packageId\":\"%s\","
             "\"pacing\":\"asap\",\"bid_price\":4.5}],\"optimization_goals\":[{\"kind\":\"metric\","
             "\"metric\":\"clicks\",\"target\":{\"kind\":\"cost_per\",\"value\":0.5}}],"
             "\"creative_ids\":[\"cr_display_300x250\"]}],\"budget\":{\"total\":110000}}", acme, acme_pkg);
    snprintf(Body[1], sizeof Body[1],
             "{\"mediaBuys\":[{\"mediaBuyId\":\"%s\",\"packages\":[{\"packageId\":\"%s\",\"budget\":1}]}]}",
             ctv, ctv_pkg);
    snprintf(Body[2], sizeof Body[2], "{\"mediaBuys\":[{\"mediaBuyId\":\"mb_999999\"}]}");
    const step steps[] = {
        { "create", 201, NULL, { "POST", "/api/v2/buyer/campaigns", NULL, CREATE } },
        { "create, malformed JSON", 400, NULL, { "POST", "/api/v2/buyer/campaigns", NULL, "{\"name\": [1, }" } },
        { "create, schema finding", 400, NULL,
          { "POST", "/api/v2/buyer/campaigns", NULL, "{\"advertiserId\":12345,\"name\":\"\",\"budget\":{\"total\":-1}}" } },
        { "create, unknown advertiser", 404, NULL,
          { "POST", "/api/v2/buyer/campaigns", NULL,
            "{\"advertiserId\":1,\"name\":\"n\",\"campaignType\":\"DECISIONED\",\"flightDates\":{\"startDate\":"
            "\"2026-05-01T00:00:00Z\",\"endDate\":\"2026-06-30T23:59:59Z\"},\"budget\":{\"total\":100}}" } },
        { "get with property lists", 200, on_main, { "GET", Url[3], "includePropertyLists=true", NULL } },
        { "get, bad parameter", 400, on_main, { "GET", Url[3], "includePropertyLists=1", NULL } },
        { "get, unknown campaign", 404, NULL, { "GET", "/api/v2/buyer/campaigns/cmp_999999", NULL, NULL } },
        { "list", 200, NULL, { "GET", "/api/v2/buyer/campaigns", "status=ACTIVE,DRAFT&mediaBuyStatus=FAILED", NULL } },
        { "list, a page", 200, NULL, { "GET", "/api/v2/buyer/campaigns", "offset=1&limit=2", NULL } },
        { "list, bad offset", 400, NULL, { "GET", "/api/v2/buyer/campaigns", "offset=-1", NULL } },
        { "list, unknown status", 400, NULL, { "GET", "/api/v2/buyer/campaigns", "status=ACTIVE,NOPE", NULL } },
        { "update", 200, on_main, { "PUT", Url[3], NULL, Body[0] } },
        { "update, seller approval", 202, on_main, { "PUT", Url[3], NULL, Body[1] } },
        { "update, unknown buy", 404, on_main, { "PUT", Url[3], NULL, Body[2] } },
        { "update, pacing after draft", 400, on_main,
          { "PUT", Url[3], NULL, "{\"pacingPeriods\":null}" } },
        { "execute with debug", 200, fresh_draft, { "POST", NULL, NULL, "{\"debug\":true}" } },
        { "execute, wrong state", 409, on_main, { "POST", Url[6], NULL, NULL } },
        { "pause", 200, fresh_active, { "POST", NULL, NULL, NULL } },
        { "reactivate", 200, fresh_paused, { "POST", NULL, NULL, NULL } },
        { "media-buy-status", 200, on_main, { "GET", Url[4], NULL, NULL } },
        { "mock facts", 200, on_main, { "GET", Url[5], NULL, NULL } },
        { "unknown route", 404, NULL, { "GET", "/api/v2/buyer/nothing", NULL, NULL } },
    };
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        long n = run_step(app, &steps[i]);
        printf("  %-28s %5ld allocations, each failed in turn\n", steps[i].name, n);
        CHECK_MSG(&T, n > 0, "%s: no allocation counted (is the program linked with --wrap?)", steps[i].name);
    }
}

int main(void)
{
    cJSON_Hooks hooks = { __wrap_malloc, free };
    cJSON_InitHooks(&hooks);
    mock_app app;
    if (mi_setup(&app) != 0) return 1;
    store_set_limits(app.store, 1000000, 1ULL << 40);
    test_every_endpoint(&app);
    mi_teardown(&app);
    return check_done(&T);
}
