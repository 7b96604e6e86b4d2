/* test_mock_state.c - campaign-mock's bounded state and bounded list pages.
 *
 *   - the store's limits (mock_store.h): a create beyond --max-campaigns,
 *     and a create, update or execute that would take the campaigns past
 *     --max-state-bytes, answer 507 INSUFFICIENT_STORAGE naming the limit
 *     and its option, and change nothing; both sides of each boundary;
 *   - the byte count is honest: it matches what malloc hands out for the
 *     campaigns (mallinfo2; skipped under a sanitizer, which replaces
 *     malloc);
 *   - GET /campaigns builds at most MOCK_LIST_MAX_BYTES of text: with
 *     campaigns whose summaries are as large as the contract allows the page
 *     ends early, total counts every match, and a client following ?offset=
 *     gets every campaign exactly once; large stored campaigns do not make
 *     large list pages;
 *   - the options over HTTP: --max-campaigns / --max-state-bytes reach the
 *     server (a 507 on the wire keeping error-response), bad values exit 2.
 *
 * Drives the mock in process (test_mock_inproc.h) except for the options,
 * which start the built binary (test_mock_client.h). */
#include <malloc.h>

#include "check.h"
#include "mock_render.h"
#include "test_mock_inproc.h"
#include "test_mock_client.h"

static struct check T = { 0, 0, "test_mock_state" };

#define API "/api/v2/buyer/campaigns"

/* A valid create body: name as given (JSON string contents), constraints
 * holding `fill` country codes (a way to make a campaign large). */
static char *create_body(const char *name, size_t fill)
{
    size_t n = 1024 + strlen(name) + fill * 10;
    char *b = malloc(n), *o = b;
    if (!b) return NULL;
    o += sprintf(o, "{\"advertiserId\":12345,\"name\":\"%s\",\"campaignType\":\"DECISIONED\","
                 "\"flightDates\":{\"startDate\":\"2026-05-01T00:00:00Z\",\"endDate\":\"2026-06-30T23:59:59Z\"},"
                 "\"budget\":{\"total\":1000},\"discoveryId\":\"disc_demo\","
                 "\"productIds\":[\"prod_display_1\",\"prod_video_1\"],\"constraints\":{\"channels\":[", name);
    for (size_t i = 0; i < fill; i++) o += sprintf(o, "%s\"c%05zu\"", i ? "," : "", i % 100000);
    sprintf(o, "]}}");
    return b;
}

/* Run a request; the status must be want.  Returns the reply (free its
 * body). */
static mock_reply call(const mock_app *app, const char *method, const char *url, const char *query,
                       const char *body, int want)
{
    mi_call c = { method, url, query, body };
    mock_reply r;
    mi_run(app, &c, &r);
    if (r.status != want) {
        char *t = mi_text(r.body);
        CHECK_MSG(&T, 0, "%s %s%s%s: status %d, want %d: %.400s", method, url, query ? "?" : "",
                  query ? query : "", r.status, want, t ? t : "");
        free(t);
    }
    return r;
}

/* Create (want 201 or 507); the new id into id when created. */
static int create(const mock_app *app, const char *body, char *id, size_t n, int want)
{
    mock_reply r = call(app, "POST", API, NULL, body, want);
    const cJSON *cid = json_member(json_member(r.body, "campaign"), "campaignId");
    if (id) snprintf(id, n, "%s", cJSON_IsString(cid) ? cid->valuestring : "");
    int st = r.status;
    cJSON_Delete(r.body);
    return st;
}

static const char *err_str(const cJSON *body, const char *a, const char *b)
{
    const cJSON *v = json_member(json_member(body, "error"), a);
    if (b) v = json_member(v, b);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A 507 naming option, with the error contract's code and details. */
static void check_507(const mock_reply *r, const char *option, const char *what)
{
    CHECK_MSG(&T, r->status == 507, "%s: status %d, want 507", what, r->status);
    const char *code = err_str(r->body, "code", NULL), *msg = err_str(r->body, "message", NULL);
    CHECK_MSG(&T, code && strcmp(code, "INSUFFICIENT_STORAGE") == 0, "%s: code %s", what, code ? code : "-");
    CHECK_MSG(&T, msg && strstr(msg, option), "%s: message \"%s\" does not name %s", what, msg ? msg : "", option);
    const char *opt = err_str(r->body, "details", "option");
    CHECK_MSG(&T, opt && strcmp(opt, option) == 0, "%s: details.option %s", what, opt ? opt : "-");
    CHECK_STR(&T, r->schema, "error-response");
}

static char *campaign_text(const mock_app *app, const char *id)
{
    cJSON *j = render_campaign(store_find(app->store, id), app->fx);
    char *t = mi_text(j);
    cJSON_Delete(j);
    return t;
}

/* ---- --max-campaigns ------------------------------------------------ */

static void test_campaign_cap(void)
{
    mock_app app;
    if (mi_setup(&app) != 0) { CHECK(&T, 0); return; }
    store_set_limits(app.store, 3, 1ULL << 40);
    char *body = create_body("capped", 2);
    char id[MOCK_ID_LEN];
    for (int i = 0; i < 3; i++) CHECK_INT(&T, create(&app, body, id, sizeof id, 201), 201);
    CHECK_STR(&T, id, "cmp_000003");                     /* the third (the limit) is stored */
    mock_reply r = call(&app, "POST", API, NULL, body, 507);   /* the fourth is not */
    check_507(&r, "--max-campaigns", "create over --max-campaigns 3");
    const cJSON *max = json_member(json_member(json_member(r.body, "error"), "details"), "max");
    CHECK(&T, cJSON_IsNumber(max) && max->valuedouble == 3);
    cJSON_Delete(r.body);
    CHECK_INT(&T, store_count(app.store), 3);
    /* the stored ones still change; a refused create used up no id */
    r = call(&app, "PUT", API "/cmp_000002", NULL, "{\"name\":\"still works\"}", 200);
    cJSON_Delete(r.body);
    store_set_limits(app.store, 4, 1ULL << 40);
    CHECK_INT(&T, create(&app, body, id, sizeof id, 201), 201);
    CHECK_STR(&T, id, "cmp_000004");
    free(body);
    mi_teardown(&app);
}

/* ---- --max-state-bytes ---------------------------------------------- */

static void test_byte_cap_create(void)
{
    mock_app app;
    if (mi_setup(&app) != 0) { CHECK(&T, 0); return; }
    char *body = create_body("bytes", 500);
    CHECK_INT(&T, create(&app, body, NULL, 0, 201), 201);
    unsigned long long one = store_bytes(app.store);
    CHECK_MSG(&T, one > 500 * 40, "a campaign with 500 list items counts %llu bytes", one);
    /* room for exactly one more: stored; one byte less: 507 */
    store_set_limits(app.store, 100, 2 * one - 1);
    mock_reply r = call(&app, "POST", API, NULL, body, 507);
    check_507(&r, "--max-state-bytes", "create one byte over --max-state-bytes");
    cJSON_Delete(r.body);
    CHECK_INT(&T, store_count(app.store), 1);
    CHECK_INT(&T, store_bytes(app.store), one);
    store_set_limits(app.store, 100, 2 * one);
    char id[MOCK_ID_LEN];
    CHECK_INT(&T, create(&app, body, id, sizeof id, 201), 201);
    CHECK_STR(&T, id, "cmp_000002");
    CHECK_INT(&T, store_bytes(app.store), 2 * one);
    free(body);
    mi_teardown(&app);
}

static void test_byte_cap_update(void)
{
    mock_app app;
    if (mi_setup(&app) != 0) { CHECK(&T, 0); return; }
    char *body = create_body("grow", 10);
    char id[MOCK_ID_LEN], url[128];
    create(&app, body, id, sizeof id, 201);
    snprintf(url, sizeof url, API "/%s", id);
    unsigned long long before = store_bytes(app.store);
    /* the store is full: a PUT that grows the campaign is refused whole */
    store_set_limits(app.store, 100, before);
    char *text = campaign_text(&app, id);
    mock_reply r = call(&app, "PUT", url, NULL,
                        "{\"name\":\"a longer name\",\"brief\":\"a brief that takes room\"}", 507);
    check_507(&r, "--max-state-bytes", "growing PUT on a full store");
    cJSON_Delete(r.body);
    char *after = campaign_text(&app, id);
    CHECK_MSG(&T, text && after && strcmp(text, after) == 0, "a refused PUT changed the campaign");
    CHECK_INT(&T, store_bytes(app.store), before);
    free(after);
    /* one that does not grow it passes, however full the store is */
    r = call(&app, "PUT", url, NULL, "{\"name\":\"grow\"}", 200);
    cJSON_Delete(r.body);
    r = call(&app, "PUT", url, NULL, "{\"constraints\":{\"channels\":[\"c1\"]}}", 200);
    cJSON_Delete(r.body);
    unsigned long long shrunk = store_bytes(app.store);
    CHECK_MSG(&T, shrunk < before, "dropping list items shrinks the count (%llu -> %llu)", before, shrunk);
    /* exactly the room the growth needs: allowed */
    r = call(&app, "PUT", url, NULL, "{\"constraints\":{\"channels\":[\"c1\",\"c2\"]}}", 200);
    cJSON_Delete(r.body);
    unsigned long long grown = store_bytes(app.store);
    r = call(&app, "PUT", url, NULL, "{\"constraints\":{\"channels\":[\"c1\"]}}", 200);
    cJSON_Delete(r.body);
    store_set_limits(app.store, 100, grown);
    r = call(&app, "PUT", url, NULL, "{\"constraints\":{\"channels\":[\"c1\",\"c2\"]}}", 200);
    cJSON_Delete(r.body);
    r = call(&app, "PUT", url, NULL, "{\"constraints\":{\"channels\":[\"c1\"]}}", 200);
    cJSON_Delete(r.body);
    store_set_limits(app.store, 100, grown - 1);
    r = call(&app, "PUT", url, NULL, "{\"constraints\":{\"channels\":[\"c1\",\"c2\"]}}", 507);
    cJSON_Delete(r.body);
    free(text);
    free(body);
    mi_teardown(&app);
}

static void test_byte_cap_execute(void)
{
    mock_app app;
    if (mi_setup(&app) != 0) { CHECK(&T, 0); return; }
    char *body = create_body("exec", 10);
    char id[MOCK_ID_LEN], url[128];
    create(&app, body, id, sizeof id, 201);
    snprintf(url, sizeof url, API "/%s/execute", id);
    store_set_limits(app.store, 100, store_bytes(app.store));
    char *text = campaign_text(&app, id);
    mock_reply r = call(&app, "POST", url, NULL, NULL, 507);
    check_507(&r, "--max-state-bytes", "execute on a full store");
    cJSON_Delete(r.body);
    char *after = campaign_text(&app, id);
    CHECK_MSG(&T, text && after && strcmp(text, after) == 0, "a refused execute changed the campaign");
    CHECK_INT(&T, store_find(app.store, id)->status, CS_DRAFT);
    store_set_limits(app.store, 100, 1ULL << 40);
    r = call(&app, "POST", url, NULL, NULL, 200);
    cJSON_Delete(r.body);
    free(after);
    free(text);
    free(body);
    mi_teardown(&app);
}

/* The count against what malloc hands out: creating campaigns must grow
 * the heap in use by about what store_bytes says (within 10%). */
static void test_byte_count_honest(void)
{
    mock_app app;
    if (mi_setup(&app) != 0) { CHECK(&T, 0); return; }
    char *small = create_body("warm up", 1);
    create(&app, small, NULL, 0, 201);         /* the store's arrays exist from here */
    char *body = create_body("measured", 3000);
    struct mallinfo2 m0 = mallinfo2();
    unsigned long long b0 = store_bytes(app.store);
    for (int i = 0; i < 20; i++) create(&app, body, NULL, 0, 201);
    struct mallinfo2 m1 = mallinfo2();
    unsigned long long counted = store_bytes(app.store) - b0;
    long long heap = (long long)(m1.uordblks + m1.hblkhd) - (long long)(m0.uordblks + m0.hblkhd);
    if (heap <= 0) {
        printf("  byte count vs heap: skipped (malloc is not glibc's here)\n");
    } else {
        double ratio = (double)counted / (double)heap;
        printf("  byte count vs heap: 20 campaigns counted %llu bytes, heap grew %lld (ratio %.3f)\n",
               counted, heap, ratio);
        CHECK_MSG(&T, ratio > 0.9 && ratio < 1.1, "counted %llu, heap grew %lld", counted, heap);
    }
    free(body);
    free(small);
    mi_teardown(&app);
}

/* ---- list pages ------------------------------------------------------- */

/* GET /campaigns?query: the reply, its text (malloc'd) into *text. */
static mock_reply list(const mock_app *app, const char *query, char **text)
{
    mock_reply r = call(app, "GET", API, query, NULL, 200);
    *text = mi_text(r.body);
    return r;
}

static void test_list_pages(void)
{
    mock_app app;
    if (mi_setup(&app) != 0) { CHECK(&T, 0); return; }
    /* the largest summary the contract allows: a name of 255 U+0000, each
     * written \u0000 (1530 bytes of text) */
    char name[255 * 6 + 1] = "";
    for (int i = 0; i < 255; i++) strcat(name, "\\u0000");
    char *body = create_body(name, 1);
    enum { N = 800 };
    for (int i = 0; i < N; i++) create(&app, body, NULL, 0, 201);
    char *text;
    mock_reply r = list(&app, NULL, &text);
    size_t first = (size_t)cJSON_GetArraySize(json_member(r.body, "campaigns"));
    const cJSON *total = json_member(r.body, "total");
    CHECK(&T, cJSON_IsNumber(total) && total->valuedouble == N);
    CHECK_MSG(&T, first > 0 && first < N, "first page holds %zu of %d", first, N);
    CHECK_MSG(&T, text && strlen(text) <= MOCK_LIST_MAX_BYTES, "page of %zu bytes", text ? strlen(text) : 0);
    /* it ended because the next summary would not fit */
    cJSON *next = render_summary(store_at(app.store, first));
    char *nt = mi_text(next);
    CHECK_MSG(&T, text && nt && strlen(text) + strlen(nt) + 1 > MOCK_LIST_MAX_BYTES - 64,
              "page of %zu bytes ended early though the next summary (%zu) fits", strlen(text), strlen(nt));
    printf("  list page: %zu of %d summaries of %zu bytes, %zu bytes of text\n", first, N,
           nt ? strlen(nt) : 0, text ? strlen(text) : 0);
    free(nt);
    cJSON_Delete(next);
    free(text);
    cJSON_Delete(r.body);
    /* following offset: every campaign exactly once, in order */
    size_t seen = 0, pages = 0;
    while (seen < N && pages < 10) {
        char q[64];
        snprintf(q, sizeof q, "offset=%zu", seen);
        r = list(&app, q, &text);
        const cJSON *c;
        size_t k = 0;
        cJSON_ArrayForEach(c, json_member(r.body, "campaigns")) {
            char want[MOCK_ID_LEN];
            snprintf(want, sizeof want, "cmp_%06zu", seen + k + 1);
            const cJSON *cid = json_member(c, "campaignId");
            CHECK_MSG(&T, cJSON_IsString(cid) && strcmp(cid->valuestring, want) == 0, "page %zu item %zu", pages, k);
            k++;
        }
        CHECK_MSG(&T, text && strlen(text) <= MOCK_LIST_MAX_BYTES, "page %zu: %zu bytes", pages, strlen(text));
        CHECK(&T, json_member(r.body, "total")->valuedouble == N);
        CHECK(&T, k > 0);
        seen += k;
        pages++;
        free(text);
        cJSON_Delete(r.body);
        if (!k) break;
    }
    CHECK_INT(&T, seen, N);
    CHECK_MSG(&T, pages >= 2, "%zu pages", pages);
    /* past the end: an empty page, the total still right */
    r = list(&app, "offset=800", &text);
    CHECK_INT(&T, cJSON_GetArraySize(json_member(r.body, "campaigns")), 0);
    CHECK(&T, json_member(r.body, "total")->valuedouble == N);
    free(text);
    cJSON_Delete(r.body);
    /* limit: at most that many; 1 is the least */
    r = list(&app, "offset=799&limit=1", &text);
    CHECK_INT(&T, cJSON_GetArraySize(json_member(r.body, "campaigns")), 1);
    free(text);
    cJSON_Delete(r.body);
    r = list(&app, "limit=3&offset=10&limit=3", &text);
    CHECK_INT(&T, cJSON_GetArraySize(json_member(r.body, "campaigns")), 3);
    free(text);
    cJSON_Delete(r.body);
    static const char *const bad[] = { "limit=0", "offset=-1", "offset=x", "limit=", "offset=1e3",
                                       "offset=9007199254740992", "limit=2&limit=3" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        r = call(&app, "GET", API, bad[i], NULL, 400);
        const char *p = err_str(r.body, "details", "parameter");
        CHECK_MSG(&T, p && strncmp(bad[i], p, strlen(p)) == 0, "%s: details.parameter %s", bad[i], p ? p : "-");
        cJSON_Delete(r.body);
    }
    r = call(&app, "GET", API, "offset=9007199254740991", NULL, 200);
    cJSON_Delete(r.body);
    free(body);
    mi_teardown(&app);
}

/* Campaigns of about 600 KB each: the list body stays small (summaries
 * carry none of that). */
static void test_list_large_campaigns(void)
{
    mock_app app;
    if (mi_setup(&app) != 0) { CHECK(&T, 0); return; }
    char *body = create_body("large", 60000);
    CHECK_MSG(&T, strlen(body) > 500000 && strlen(body) < MOCK_MAX_BODY, "body of %zu bytes", strlen(body));
    for (int i = 0; i < 4; i++) create(&app, body, NULL, 0, 201);
    char *text;
    mock_reply r = list(&app, NULL, &text);
    CHECK_INT(&T, cJSON_GetArraySize(json_member(r.body, "campaigns")), 4);
    CHECK_MSG(&T, text && strlen(text) < 4096, "list of 4 large campaigns: %zu bytes", text ? strlen(text) : 0);
    printf("  4 campaigns holding %llu bytes: list body of %zu bytes\n", store_bytes(app.store),
           text ? strlen(text) : 0);
    free(text);
    cJSON_Delete(r.body);
    free(body);
    mi_teardown(&app);
}

/* ---- the options over HTTP ------------------------------------------- */

static void test_options(void)
{
    mc_server s;
    static const char *const bad[][3] = {
        { "--max-campaigns", "0", NULL }, { "--max-campaigns", "x", NULL },
        { "--max-campaigns", "100000001", NULL }, { "--max-state-bytes", "65535", NULL },
        { "--max-state-bytes", "-1", NULL },
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        CHECK_INT(&T, mc_run(&s, bad[i]), 2);
        CHECK_MSG(&T, strstr(mc_stderr(&s), bad[i][0]) != NULL, "stderr: %s", mc_stderr(&s));
        mc_stop(&s);
    }
    /* the lowest values start */
    const char *const low[] = { "--max-campaigns", "1", "--max-state-bytes", "65536", NULL };
    CHECK_INT(&T, mc_run(&s, low), -100);
    mc_stop(&s);
    /* --help names both */
    char cmd[600];
    snprintf(cmd, sizeof cmd, "%s --help", mc_bin());
    FILE *p = popen(cmd, "r");
    char help[8192] = "";
    size_t n = p ? fread(help, 1, sizeof help - 1, p) : 0;
    help[n] = 0;
    if (p) pclose(p);
    CHECK(&T, strstr(help, "--max-campaigns N") && strstr(help, "--max-state-bytes N"));

    /* a 507 on the wire */
    mc m;
    memset(&m, 0, sizeof m);
    m.t = &T;
    m.c = mc_contract();
    const char *const two[] = { "--max-campaigns", "2", NULL };
    if (!m.c || mc_start(&m.srv, two) != 0) { CHECK_MSG(&T, 0, "server did not start"); contract_free(m.c); return; }
    char id[64];
    mc_create(&m, "one", 100, NULL, NULL, id, sizeof id);
    mc_create(&m, "two", 100, NULL, NULL, id, sizeof id);
    char *body = mc_create_body("three", 100, NULL, NULL);
    mc_resp r;
    mc_call(&m, &r, "POST", "/campaigns", body, 507, "error-response");
    CHECK_STR(&T, mc_str(r.json, "/error/code"), "INSUFFICIENT_STORAGE");
    CHECK(&T, mc_str(r.json, "/error/message") && strstr(mc_str(r.json, "/error/message"), "--max-campaigns"));
    mc_resp_free(&r);
    free(body);
    CHECK_INT(&T, mc_stop(&m.srv), 0);
    contract_free(m.c);
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_ALL);
    test_campaign_cap();
    test_byte_cap_create();
    test_byte_cap_update();
    test_byte_cap_execute();
    test_byte_count_honest();
    test_list_pages();
    test_list_large_campaigns();
    test_options();
    curl_global_cleanup();
    return check_done(&T);
}
