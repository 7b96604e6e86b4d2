/* test_mock_shapes.c - what campaign-mock returns holds exactly the
 * members the contract declares, over real HTTP: the full create example
 * through every lifecycle state, unknown request members (accepted and
 * ignored where requests are open, never echoed into closed response
 * objects, passed through where responses are open), closed mediaBuys[]
 * entries (400 at the member), geo arrays echoed exactly, dataDelivery {}
 * and output defaults, open media-buy goals and vendors, and members that
 * are omitted rather than null.  Every response body is checked against its
 * response schema and the contract rules. */
#include "test_mock_client.h"

static struct check T = { 0, 0, "test_mock_shapes" };

#define CR "campaign-response"
#define SC "campaign-status-change-response"
#define UNKNOWN "x_unknown_member"

/* ---- helpers --------------------------------------------------------------- */

static cJSON *read_json(const char *path)
{
    FILE *f = fopen(path, "r");
    CHECK_MSG(&T, f != NULL, "cannot open %s", path);
    if (!f) return NULL;
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    cJSON *v = cJSON_Parse(buf);
    CHECK_MSG(&T, v != NULL, "%s is not JSON", path);
    return v;
}

/* The object at ptr inside v (a tree the test owns), or NULL. */
static cJSON *at_mut(cJSON *v, const char *ptr)
{
    return (cJSON *)mc_at(v, ptr);
}

/* JSON text of v (caller frees). */
static char *text_of(const cJSON *v)
{
    char *s = cJSON_PrintUnformatted(v);
    return s ? s : calloc(1, 1);
}

/* The value at ptr in got equals want (structurally). */
static void check_equal(const cJSON *got, const char *ptr, const cJSON *want, const char *what)
{
    const cJSON *g = mc_at(got, ptr);
    int same = g && want && cJSON_Compare(g, want, 1);
    char *gs = g ? text_of(g) : NULL, *ws = want ? text_of(want) : NULL;
    CHECK_MSG(&T, same, "%s: %s is %.300s, want %.300s", what, ptr, gs ? gs : "(absent)", ws ? ws : "(absent)");
    free(gs);
    free(ws);
}

/* No null anywhere in a campaign body but where the contract allows one
 * (an audience's name, a cap's archivedAt, a package's delivery.clicks). */
static void check_no_nulls(const cJSON *v, char *ptr, size_t cap, const char *what)
{
    size_t len = strlen(ptr);
    if (cJSON_IsNull(v)) {
        const char *last = strrchr(ptr, '/');
        int allowed = last && (!strcmp(last, "/name") || !strcmp(last, "/archivedAt") || !strcmp(last, "/clicks"));
        CHECK_MSG(&T, allowed, "%s: null at %s", what, ptr);
        return;
    }
    const cJSON *e;
    size_t i = 0;
    cJSON_ArrayForEach(e, v) {
        if (cJSON_IsArray(v)) snprintf(ptr + len, cap - len, "/%zu", i++);
        else snprintf(ptr + len, cap - len, "/%s", e->string ? e->string : "");
        check_no_nulls(e, ptr, cap, what);
        ptr[len] = 0;
    }
}

/* A campaign response body keeps its schema (mc_call checked it) and has
 * no forbidden nulls. */
static void check_campaign_body(const mc_resp *r, const char *what)
{
    char ptr[512] = "";
    if (r->json && mc_at(r->json, "/campaign")) check_no_nulls(r->json, ptr, sizeof ptr, what);
}

static void create_json(mc *m, const cJSON *body, long expect, mc_resp *r)
{
    char *s = text_of(body);
    mc_call(m, r, "POST", "/campaigns", s, expect, CR);
    if (r->status == 201) check_campaign_body(r, "create");
    free(s);
}

static void put_json(mc *m, const char *id, const cJSON *body, long expect, mc_resp *r)
{
    char path[128], *s = text_of(body);
    snprintf(path, sizeof path, "/campaigns/%s", id);
    mc_call(m, r, "PUT", path, s, expect, CR);
    if (r->status == 200) check_campaign_body(r, "update");
    free(s);
}

static void get_checked(mc *m, const char *id, mc_resp *r)
{
    mc_get(m, id, r);
    check_campaign_body(r, "get");
}

static void post_op(mc *m, const char *id, const char *op, const char *body, long expect)
{
    char path[128];
    snprintf(path, sizeof path, "/campaigns/%s/%s", id, op);
    mc_resp r;
    mc_call(m, &r, "POST", path, body, expect, SC);
    mc_resp_free(&r);
}

static char *snapshot(mc *m, const char *id)
{
    mc_resp r, f;
    mc_get(m, id, &r);
    mc_facts(m, id, &f);
    cJSON_DeleteItemFromObject(at_mut(r.json, "/campaign"), "updatedAt");
    char *s = r.json ? text_of(r.json) : calloc(1, 1);
    char *all = mc_fmt("%s %s", s, f.text ? f.text : "");
    free(s);
    mc_resp_free(&r);
    mc_resp_free(&f);
    return all;
}

/* ---- the full create example through every state ------------------------ */

static void test_full_example(mc *m)
{
    cJSON *body = read_json("examples/campaign-create-request.full.json");
    if (!body) return;
    mc_resp r;
    create_json(m, body, 201, &r);
    const cJSON *c = mc_at(r.json, "/campaign");
    char id[64];
    snprintf(id, sizeof id, "%s", mc_str(c, "/campaignId") ? mc_str(c, "/campaignId") : "none");
    /* declared members come back as sent */
    static const char *const same[] = {
        "/flightDates", "/constraints", "/pacingPeriods", "/performanceConfig", "/brief", "/catalogId",
        "/discoveryId", "/budget",
    };
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        char ptr[64];
        snprintf(ptr, sizeof ptr, "/campaign%s", same[i]);
        check_equal(r.json, ptr, mc_at(body, same[i]), "full create");
    }
    CHECK_STR(&T, mc_str(c, "/optimizationApplyMode"), "MANUAL");
    CHECK_STR(&T, mc_str(c, "/dataDelivery/outputs/0/deliveryConfig/bucket"), "acme-reporting");
    CHECK_STR(&T, mc_str(c, "/dataDelivery/outputs/0/credentialId"), "cred_gcs-reporting");
    CHECK(&T, cJSON_IsTrue(mc_at(c, "/dataDelivery/outputs/0/enabled")));
    mc_check_money(m, c);
    mc_resp_free(&r);

    /* every state: the bodies keep the closed shapes */
    post_op(m, id, "execute", "{\"debug\":true}", 200);
    get_checked(m, id, &r);
    CHECK_STR(&T, mc_str(r.json, "/campaign/status"), "ACTIVE");
    check_equal(r.json, "/campaign/constraints", mc_at(body, "/constraints"), "after execute");
    mc_resp_free(&r);
    post_op(m, id, "pause", NULL, 200);
    get_checked(m, id, &r);
    CHECK_STR(&T, mc_str(r.json, "/campaign/status"), "PAUSED");
    mc_resp_free(&r);
    mc_call(m, &r, "GET", "/campaigns?status=PAUSED", NULL, 200, "campaign-list-response");
    mc_resp_free(&r);
    char path[128];
    snprintf(path, sizeof path, "/campaigns/%s/media-buy-status", id);
    mc_call(m, &r, "GET", path, NULL, 200, "media-buy-status-response");
    mc_resp_free(&r);
    post_op(m, id, "reactivate", NULL, 200);
    get_checked(m, id, &r);
    CHECK_STR(&T, mc_str(r.json, "/campaign/status"), "ACTIVE");
    mc_resp_free(&r);
    cJSON_Delete(body);
}

/* ---- unknown members in create and update bodies ----------------------- */

/* Where an unknown member goes in the full create body, and whether the
 * response passes it through (open response objects) or drops it. */
static const struct { const char *in; const char *out; } create_unknown[] = {
    { "", NULL },
    { "/flightDates", NULL },
    { "/budget", NULL },
    { "/pacingPeriods", NULL },
    { "/pacingPeriods/periods/1", NULL },
    { "/performanceConfig", NULL },
    { "/performanceConfig/optimizationGoals/0", NULL },
    { "/performanceConfig/optimizationGoals/0/eventSources/0", NULL },
    { "/performanceConfig/optimizationGoals/0/target", NULL },
    { "/performanceConfig/optimizationGoals/0/attributionWindow", NULL },
    { "/performanceConfig/optimizationGoals/0/attributionWindow/postView", NULL },
    { "/performanceConfig/optimizationGoals/1", NULL },
    { "/performanceConfig/optimizationGoals/1/target", NULL },
    { "/dataDelivery", NULL },
    { "/dataDelivery/outputs/0", NULL },
    { "/dataDelivery/outputs/0/deliveryConfig", NULL },
    { "/audienceConfig", NULL },
    { "/utmConfig", NULL },
    { "/frequencyCaps/0", NULL },
    { "/frequencyCaps/0/window", "/frequencyCaps/0/window" },    /* caps are open */
    { "/constraints", "/constraints" },                          /* open */
    { "/constraints/geo_metros/0", "/constraints/geo_metros/0" },
    { "/constraints/geo_postal_areas_exclude/0", "/constraints/geo_postal_areas_exclude/0" },
};

static void test_unknown_members_create(mc *m)
{
    for (size_t i = 0; i < sizeof create_unknown / sizeof *create_unknown; i++) {
        cJSON *body = read_json("examples/campaign-create-request.full.json");
        if (!body) return;
        cJSON *where = create_unknown[i].in[0] ? at_mut(body, create_unknown[i].in) : body;
        CHECK_MSG(&T, cJSON_IsObject(where), "no object at %s", create_unknown[i].in);
        cJSON_AddStringToObject(where, UNKNOWN, "ignored");
        mc_resp r;
        create_json(m, body, 201, &r);
        char id[64], ptr[160];
        snprintf(id, sizeof id, "%s", mc_str(r.json, "/campaign/campaignId") ? mc_str(r.json, "/campaign/campaignId") : "none");
        for (int round = 0; round < 2; round++) {     /* the create answer, then a GET */
            if (create_unknown[i].out) {
                snprintf(ptr, sizeof ptr, "/campaign%s/" UNKNOWN, create_unknown[i].out);
                CHECK_MSG(&T, mc_str(r.json, ptr) != NULL, "%s: not passed through to %s",
                          create_unknown[i].in, ptr);
            } else {
                CHECK_MSG(&T, r.text && !strstr(r.text, UNKNOWN), "%s: echoed into a closed object: %.600s",
                          create_unknown[i].in, r.text ? r.text : "");
            }
            mc_resp_free(&r);
            if (round == 0) get_checked(m, id, &r);
        }
        cJSON_Delete(body);
    }
}

/* A campaign-level maximize_value target may carry a value in a request
 * (accepted, ignored); a returned one carries none. */
static void test_maximize_value(mc *m)
{
    cJSON *body = read_json("examples/campaign-create-request.full.json");
    if (!body) return;
    cJSON *t = at_mut(body, "/performanceConfig/optimizationGoals/0/target");
    cJSON_ReplaceItemInObject(t, "kind", cJSON_CreateString("maximize_value"));
    mc_resp r;
    create_json(m, body, 201, &r);
    CHECK_STR(&T, mc_str(r.json, "/campaign/performanceConfig/optimizationGoals/0/target/kind"), "maximize_value");
    CHECK(&T, mc_at(r.json, "/campaign/performanceConfig/optimizationGoals/0/target/value") == NULL);
    mc_resp_free(&r);
    cJSON_Delete(body);
}

/* Unknown members in an update: ignored at the top and in open request
 * objects, never echoed into closed response objects. */
static void test_unknown_members_update(mc *m)
{
    static const struct { const char *body; const char *out; } cases[] = {
        { "{\"" UNKNOWN "\":1}", NULL },
        { "{\"" UNKNOWN "\":1,\"name\":\"renamed with an unknown member\"}", NULL },
        { "{\"flightDates\":{\"startDate\":\"2026-05-01T00:00:00Z\",\"endDate\":\"2026-06-30T23:59:59Z\",\"" UNKNOWN "\":1}}", NULL },
        { "{\"budget\":{\"total\":120000,\"" UNKNOWN "\":1}}", NULL },
        { "{\"pacingPeriods\":{\"mode\":\"weight\",\"" UNKNOWN "\":1,\"periods\":[{\"label\":\"all\",\"start\":\"2026-05-01\","
          "\"end\":\"2026-06-30\",\"" UNKNOWN "\":1}]}}", NULL },
        { "{\"performanceConfig\":{\"optimizationGoals\":[{\"kind\":\"metric\",\"metric\":\"clicks\",\"" UNKNOWN "\":1,"
          "\"target\":{\"kind\":\"cost_per\",\"value\":2,\"" UNKNOWN "\":1}}]}}", NULL },
        { "{\"dataDelivery\":{\"outputs\":[{\"dataDeliveryType\":\"CLICKS\",\"cadence\":\"HOURLY\",\"credentialName\":\"s3-main\","
          "\"deliveryConfig\":{\"type\":\"S3\",\"region\":\"eu-west-1\",\"" UNKNOWN "\":1}}]}}", NULL },
        { "{\"constraints\":{\"countries\":[\"US\"],\"" UNKNOWN "\":1}}", "/constraints" },
    };
    cJSON *body = read_json("examples/campaign-create-request.full.json");
    if (!body) return;
    mc_resp r;
    create_json(m, body, 201, &r);
    char id[64];
    snprintf(id, sizeof id, "%s", mc_str(r.json, "/campaign/campaignId") ? mc_str(r.json, "/campaign/campaignId") : "none");
    mc_resp_free(&r);
    cJSON_Delete(body);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cJSON *b = cJSON_Parse(cases[i].body);
        CHECK_MSG(&T, b != NULL, "case %zu is not JSON", i);
        put_json(m, id, b, 200, &r);
        if (cases[i].out) {
            char ptr[160];
            snprintf(ptr, sizeof ptr, "/campaign%s/" UNKNOWN, cases[i].out);
            CHECK_MSG(&T, mc_at(r.json, ptr) != NULL, "update %zu: not passed through to %s", i, ptr);
        } else {
            CHECK_MSG(&T, r.text && !strstr(r.text, UNKNOWN), "update %zu echoed an unknown member: %.600s",
                      i, r.text ? r.text : "");
        }
        mc_resp_free(&r);
        cJSON_Delete(b);
    }
    get_checked(m, id, &r);
    CHECK_STR(&T, mc_str(r.json, "/campaign/name"), "renamed with an unknown member");
    CHECK_STR(&T, mc_str(r.json, "/campaign/dataDelivery/outputs/0/deliveryConfig/type"), "S3");
    CHECK(&T, mc_at(r.json, "/campaign/dataDelivery/outputs/0/deliveryConfig/region") == NULL);
    mc_resp_free(&r);
}

/* ---- mediaBuys[] entries are closed ----------------------------------------- */

static void test_media_buy_entries_closed(mc *m)
{
    char id[64], buy[64], pkg[64];
    mc_create_active(m, "closed entries", 10000, "[\"prod_display_1\",\"prod_display_2\"]", id, sizeof id);
    mc_resp r;
    get_checked(m, id, &r);
    snprintf(buy, sizeof buy, "%s", mc_str(r.json, "/campaign/mediaBuys/0/mediaBuyId") ? mc_str(r.json, "/campaign/mediaBuys/0/mediaBuyId") : "none");
    snprintf(pkg, sizeof pkg, "%s", mc_str(r.json, "/campaign/mediaBuys/0/packages/0/packageId") ? mc_str(r.json, "/campaign/mediaBuys/0/packages/0/packageId") : "none");
    mc_resp_free(&r);
    static const struct { const char *entry; const char *field; } cases[] = {
        /* a misspelt creative_ids must not be dropped without a word */
        { "{\"mediaBuyId\":\"%s\",\"creativeIds\":[\"cr_display_300x250\"]}", "/mediaBuys/0/creativeIds" },
        { "{\"mediaBuyId\":\"%s\",\"" UNKNOWN "\":1}", "/mediaBuys/0/" UNKNOWN },
        { "{\"mediaBuyId\":\"%s\",\"salesAgentId\":\"agent_acme\"}", "/mediaBuys/0/salesAgentId" },
        { "{\"mediaBuyId\":\"%s\",\"action\":\"cancel\",\"priority\":1}", "/mediaBuys/0/priority" },
        { "{\"mediaBuyId\":\"%s\",\"packages\":[{\"packageId\":\"%s\",\"bidPrice\":3}]}", "/mediaBuys/0/packages/0/bidPrice" },
        { "{\"mediaBuyId\":\"%s\",\"products\":[{\"product_id\":\"prod_display_1\",\"" UNKNOWN "\":1}]}",
          "/mediaBuys/0/products/0/" UNKNOWN },
    };
    char *before = snapshot(m, id);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char entry[512], body[700], path[128];
        snprintf(entry, sizeof entry, cases[i].entry, buy, pkg);
        snprintf(body, sizeof body, "{\"name\":\"not applied\",\"mediaBuys\":[%s]}", entry);
        snprintf(path, sizeof path, "/campaigns/%s", id);
        mc_call(m, &r, "PUT", path, body, 400, CR);
        CHECK_STR(&T, mc_str(r.json, "/error/code"), "VALIDATION_ERROR");
        CHECK_STR(&T, mc_str(r.json, "/error/field"), cases[i].field);
        mc_resp_free(&r);
    }
    char *after = snapshot(m, id);
    CHECK_MSG(&T, strcmp(before, after) == 0, "rejected entries changed the campaign:\n %s\n %s", before, after);
    free(before);
    free(after);
    /* an unknown top-level member beside a valid entry is still ignored */
    char body[512];
    snprintf(body, sizeof body, "{\"" UNKNOWN "\":true,\"mediaBuys\":[{\"mediaBuyId\":\"%s\",\"name\":\"renamed buy\","
             "\"pacingPeriods\":{\"mode\":\"weight\",\"periods\":[{\"label\":\"p\",\"start\":\"2026-01-01\","
             "\"end\":\"2026-01-31\",\"" UNKNOWN "\":1}]}}]}", buy);
    cJSON *b = cJSON_Parse(body);
    put_json(m, id, b, 200, &r);
    cJSON_Delete(b);
    CHECK_STR(&T, mc_str(r.json, "/campaign/mediaBuys/0/name"), "renamed buy");
    CHECK_STR(&T, mc_str(r.json, "/campaign/mediaBuys/0/pacingPeriods/periods/0/label"), "p");
    CHECK(&T, r.text && !strstr(r.text, UNKNOWN));
    mc_resp_free(&r);
}

/* ---- geo arrays -------------------------------------------------------------- */

static void test_geo_arrays(mc *m)
{
    static const char *const constraints[] = {
        "{\"geo_metros\":[{\"system\":\"nielsen_dma\",\"values\":[\"501\",\"803\"]},{\"system\":\"custom\",\"values\":[\"north\"]}],"
        "\"geo_metros_exclude\":[{\"system\":\"nielsen_dma\",\"values\":[\"602\"]}],"
        "\"geo_postal_areas\":[{\"system\":\"us_zip\",\"values\":[\"10001\",\"10002\"]},{\"system\":\"ca_fsa\",\"values\":[\"M5V\"]}],"
        "\"geo_postal_areas_exclude\":[{\"system\":\"us_zip_plus_four\",\"values\":[\"10001-0001\"]}]}",
        "{\"countries\":[\"US\"],\"geo_metros\":[],\"geo_postal_areas\":[{\"system\":\"gb_outward\",\"values\":[]}]}",
        "{\"geo_metros_exclude\":[{\"system\":\"nielsen_dma\",\"values\":[\"501\"],\"note\":\"open entry\"}]}",
    };
    for (size_t i = 0; i < sizeof constraints / sizeof *constraints; i++) {
        cJSON *want = cJSON_Parse(constraints[i]);
        char extra[1024], id[64];
        snprintf(extra, sizeof extra, "\"constraints\":%s", constraints[i]);
        mc_create(m, "geo", 1000, "[\"prod_display_1\"]", extra, id, sizeof id);
        mc_resp r;
        get_checked(m, id, &r);
        check_equal(r.json, "/campaign/constraints", want, "create then GET");
        mc_resp_free(&r);
        /* update: the next set replaces it, on DRAFT and on ACTIVE alike */
        const char *next = constraints[(i + 1) % (sizeof constraints / sizeof *constraints)];
        cJSON *want2 = cJSON_Parse(next);
        char body[1100];
        snprintf(body, sizeof body, "{\"constraints\":%s}", next);
        cJSON *b = cJSON_Parse(body);
        if (i == 1) post_op(m, id, "execute", NULL, 200);
        put_json(m, id, b, 200, &r);
        check_equal(r.json, "/campaign/constraints", want2, "update answer");
        mc_resp_free(&r);
        get_checked(m, id, &r);
        check_equal(r.json, "/campaign/constraints", want2, "update then GET");
        mc_resp_free(&r);
        cJSON_Delete(b);
        cJSON_Delete(want);
        cJSON_Delete(want2);
    }
    /* the old single-object form is no longer the contract */
    mc_resp r;
    char *body = mc_create_body("geo object", 1000, NULL,
                                "\"constraints\":{\"geo_metros\":{\"system\":\"nielsen_dma\",\"values\":[\"501\"]}}");
    mc_call(m, &r, "POST", "/campaigns", body, 400, NULL);
    CHECK_STR(&T, mc_str(r.json, "/error/field"), "/constraints/geo_metros");
    mc_resp_free(&r);
    free(body);
}

/* ---- dataDelivery ------------------------------------------------------------ */

static void test_data_delivery(mc *m)
{
    char id[64];
    mc_create(m, "dd", 1000, NULL, "\"dataDelivery\":{}", id, sizeof id);
    mc_resp r;
    get_checked(m, id, &r);
    CHECK_INT(&T, mc_len(r.json, "/campaign/dataDelivery"), 0);    /* {} as sent */
    mc_resp_free(&r);
    static const struct { const char *body; int outputs; const char *check, *want; } steps[] = {
        /* outputs without enabled, pathPrefix or format get the documented defaults */
        { "{\"dataDelivery\":{\"outputs\":[{\"dataDeliveryType\":\"IMPRESSIONS\",\"cadence\":\"DAILY\","
          "\"credentialName\":\"gcs-main\",\"deliveryConfig\":{\"type\":\"GCS\"}},"
          "{\"dataDeliveryType\":\"CLICKS\",\"cadence\":\"WEEKLY\",\"syncWeeklyDay\":1,\"enabled\":false,"
          "\"credentialName\":\"s3-main\",\"deliveryConfig\":{\"type\":\"S3\",\"pathPrefix\":\"clicks/\",\"format\":\"CSV\"}}]}}",
          2, "/campaign/dataDelivery/outputs/0/deliveryConfig/format", "JSONL" },
        { NULL, 2, "/campaign/dataDelivery/outputs/0/deliveryConfig/pathPrefix", "" },
        { NULL, 2, "/campaign/dataDelivery/outputs/1/deliveryConfig/format", "CSV" },
        { NULL, 2, "/campaign/dataDelivery/outputs/1/source", "campaign" },
        /* {} leaves the outputs as they are */
        { "{\"dataDelivery\":{}}", 2, "/campaign/dataDelivery/outputs/1/deliveryConfig/pathPrefix", "clicks/" },
        /* [] clears them */
        { "{\"dataDelivery\":{\"outputs\":[]}}", 0, NULL, NULL },
    };
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        if (steps[i].body) {
            cJSON *b = cJSON_Parse(steps[i].body);
            put_json(m, id, b, 200, &r);
            cJSON_Delete(b);
        } else {
            get_checked(m, id, &r);
        }
        CHECK_MSG(&T, mc_len(r.json, "/campaign/dataDelivery/outputs") == steps[i].outputs, "step %zu: %d outputs",
                  i, mc_len(r.json, "/campaign/dataDelivery/outputs"));
        const cJSON *o;
        cJSON_ArrayForEach(o, mc_at(r.json, "/campaign/dataDelivery/outputs")) {
            CHECK(&T, cJSON_IsBool(mc_at(o, "/enabled")));
            CHECK(&T, mc_str(o, "/deliveryConfig/pathPrefix") && mc_str(o, "/deliveryConfig/format"));
            CHECK(&T, mc_str(o, "/outputConfigId") && mc_str(o, "/createdAt") && mc_str(o, "/updatedAt"));
        }
        if (steps[i].check) CHECK_STR(&T, mc_str(r.json, steps[i].check), steps[i].want);
        mc_resp_free(&r);
    }
    get_checked(m, id, &r);
    CHECK(&T, cJSON_IsTrue(mc_at(r.json, "/campaign/dataDelivery/outputs/0/enabled")) ||
              mc_len(r.json, "/campaign/dataDelivery/outputs") == 0);
    mc_resp_free(&r);
}

/* ---- media-buy goals: open, echoed as sent ------------------------------------ */

static void test_media_buy_goals(mc *m)
{
    char id[64];
    mc_create_active(m, "buy goals", 100000, "[\"prod_display_1\",\"prod_display_2\"]", id, sizeof id);
    mc_resp r;
    get_checked(m, id, &r);
    char buy[64];
    snprintf(buy, sizeof buy, "%s", mc_str(r.json, "/campaign/mediaBuys/0/mediaBuyId") ? mc_str(r.json, "/campaign/mediaBuys/0/mediaBuyId") : "none");
    mc_resp_free(&r);
    cJSON *body = read_json("examples/campaign-update-request.media-buy-goals-and-products.json");
    if (!body) return;
    cJSON *entry = at_mut(body, "/mediaBuys/0");
    cJSON_ReplaceItemInObject(entry, "mediaBuyId", cJSON_CreateString(buy));
    /* open members inside goals and the vendor pass through */
    cJSON_AddStringToObject(at_mut(entry, "/optimization_goals/2/vendor"), UNKNOWN, "vendor extension");
    cJSON_AddStringToObject(at_mut(entry, "/optimization_goals/1"), UNKNOWN, "goal extension");
    put_json(m, id, body, 200, &r);
    const cJSON *b = mc_at(r.json, "/campaign/mediaBuys/0");
    check_equal(b, "/optimizationGoals", mc_at(entry, "/optimization_goals"), "media-buy goals");
    CHECK_STR(&T, mc_str(b, "/optimizationGoals/2/vendor/brand_id"), "brand_acme");
    CHECK_STR(&T, mc_str(b, "/optimizationGoals/2/vendor/data_subject_contestation/languages/1"), "fr");
    CHECK_STR(&T, mc_str(b, "/optimizationGoals/2/vendor/brand_kit_override/logo/provenance/declared_by/role"), "advertiser");
    CHECK_STR(&T, mc_str(b, "/optimizationGoals/1/target_frequency/window/unit"), "days");
    CHECK_STR(&T, mc_str(b, "/name"), "Acme Media display + video");
    CHECK_STR(&T, mc_str(b, "/startTime"), "2026-05-01T00:00:00Z");
    CHECK(&T, mc_at(b, "/pacingPeriods") == NULL);
    /* products: prod_display_2 gets 8000 at 12.5, prod_display_1 is removed */
    CHECK_STR(&T, mc_str(b, "/packages/0/status"), "CANCELED");
    MC_CHECK_NUM(m, mc_num(b, "/packages/1/budget"), 8000);
    MC_CHECK_NUM(m, mc_num(b, "/packages/1/bidPrice"), 12.5);
    CHECK_STR(&T, mc_str(b, "/packages/1/pacing"), "front_loaded");
    MC_CHECK_NUM(m, mc_num(r.json, "/campaign/allocatedBudget"), 8000);
    mc_resp_free(&r);
    get_checked(m, id, &r);
    check_equal(r.json, "/campaign/mediaBuys/0/optimizationGoals", mc_at(entry, "/optimization_goals"), "GET");
    mc_resp_free(&r);
    cJSON_Delete(body);
}

/* ---- omitted, never null ----------------------------------------------------- */

static void test_omitted_not_null(mc *m)
{
    char id[64], buy[64], pkg[64];
    mc_create(m, "no nulls", 1000, "[\"prod_display_1\"]",
              "\"catalogId\":9,\"pacingPeriods\":{\"mode\":\"weight\",\"periods\":[{\"label\":\"a\",\"start\":\"2026-01-01\","
              "\"end\":\"2026-01-31\"}]}", id, sizeof id);
    mc_resp r;
    cJSON *b = cJSON_Parse("{\"catalogId\":null,\"pacingPeriods\":null}");
    put_json(m, id, b, 200, &r);
    cJSON_Delete(b);
    CHECK(&T, mc_at(r.json, "/campaign/catalogId") == NULL);
    CHECK(&T, mc_at(r.json, "/campaign/pacingPeriods") == NULL);
    mc_resp_free(&r);
    post_op(m, id, "execute", NULL, 200);
    get_checked(m, id, &r);
    snprintf(buy, sizeof buy, "%s", mc_str(r.json, "/campaign/mediaBuys/0/mediaBuyId") ? mc_str(r.json, "/campaign/mediaBuys/0/mediaBuyId") : "none");
    snprintf(pkg, sizeof pkg, "%s", mc_str(r.json, "/campaign/mediaBuys/0/packages/0/packageId") ? mc_str(r.json, "/campaign/mediaBuys/0/packages/0/packageId") : "none");
    CHECK(&T, mc_at(r.json, "/campaign/mediaBuys/0/packages/0/bidPrice") == NULL);   /* never set */
    CHECK(&T, cJSON_IsNumber(mc_at(r.json, "/campaign/mediaBuys/0/packages/0/delivery/impressions")));
    CHECK(&T, cJSON_IsNumber(mc_at(r.json, "/campaign/mediaBuys/0/packages/0/delivery/spend")));
    CHECK_STR(&T, mc_str(r.json, "/campaign/budget/currency"), "USD");
    mc_resp_free(&r);
    static const char *const bids[] = { "2.5", "null" };
    for (size_t i = 0; i < 2; i++) {
        char body[300];
        snprintf(body, sizeof body, "{\"mediaBuys\":[{\"mediaBuyId\":\"%s\",\"packages\":[{\"packageId\":\"%s\",\"bid_price\":%s}]}]}",
                 buy, pkg, bids[i]);
        b = cJSON_Parse(body);
        put_json(m, id, b, 200, &r);
        cJSON_Delete(b);
        CHECK(&T, (mc_at(r.json, "/campaign/mediaBuys/0/packages/0/bidPrice") != NULL) == (i == 0));
        mc_resp_free(&r);
    }
    /* a budget sent without currency comes back with the default */
    char *body = mc_fmt("{\"advertiserId\":12345,\"name\":\"no currency\",\"campaignType\":\"ROUTED\","
                        "\"flightDates\":{\"startDate\":\"2026-01-01T00:00:00Z\",\"endDate\":\"2026-02-01T00:00:00Z\"},"
                        "\"budget\":{\"total\":50}}");
    mc_call(m, &r, "POST", "/campaigns", body, 201, CR);
    CHECK_STR(&T, mc_str(r.json, "/campaign/budget/currency"), "USD");
    CHECK_STR(&T, mc_str(r.json, "/campaign/mediaBudget/currency"), "USD");
    check_campaign_body(&r, "no currency");
    mc_resp_free(&r);
    free(body);
}

/* ---- sellers that reject or need input ---------------------------------------- */

/* Fixtures with two more sales agents (REJECTED and INPUT_REQUIRED on
 * execute): every state their buys reach keeps the shapes too. */
static void test_other_seller_states(mc *m)
{
    cJSON *fx = read_json("tools/mock/fixtures.json");
    if (!fx) return;
    cJSON_AddItemToArray(at_mut(fx, "/salesAgents"), cJSON_Parse(
        "{\"salesAgentId\":\"agent_picky\",\"name\":\"Picky Sales Agent\",\"onExecute\":\"REJECTED\","
        "\"failure\":{\"httpStatus\":409,\"message\":\"inventory no longer available\"}}"));
    cJSON_AddItemToArray(at_mut(fx, "/salesAgents"), cJSON_Parse(
        "{\"salesAgentId\":\"agent_curious\",\"name\":\"Curious Sales Agent\",\"onExecute\":\"INPUT_REQUIRED\"}"));
    cJSON_AddItemToArray(at_mut(fx, "/products"), cJSON_Parse(
        "{\"productId\":\"prod_picky_1\",\"salesAgentId\":\"agent_picky\",\"formats\":[\"display_300x250\"]}"));
    cJSON_AddItemToArray(at_mut(fx, "/products"), cJSON_Parse(
        "{\"productId\":\"prod_curious_1\",\"salesAgentId\":\"agent_curious\",\"formats\":[\"video_15s\"]}"));
    cJSON *ids = at_mut(fx, "/discoverySessions/0/productIds");
    cJSON_AddItemToArray(ids, cJSON_CreateString("prod_picky_1"));
    cJSON_AddItemToArray(ids, cJSON_CreateString("prod_curious_1"));
    char path[] = "/tmp/test_mock_shapes_fx_XXXXXX";
    int fd = mkstemp(path);
    char *text = text_of(fx);
    CHECK(&T, fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text));
    if (fd >= 0) close(fd);
    free(text);
    cJSON_Delete(fx);
    mc sub = *m;
    const char *const args[] = { "--fixtures", path, NULL };
    CHECK(&T, mc_start(&sub.srv, args) == 0);
    char id[64], st[32];
    mc_create(&sub, "other sellers", 10000, "[\"prod_display_1\",\"prod_picky_1\",\"prod_curious_1\"]", NULL, id, sizeof id);
    char p[128];
    snprintf(p, sizeof p, "/campaigns/%s/execute", id);
    mc_resp r;
    mc_call(&sub, &r, "POST", p, "{\"debug\":true}", 200, SC);
    CHECK_INT(&T, mc_len(r.json, "/errors"), 1);                  /* the rejected submission */
    CHECK_STR(&T, mc_str(r.json, "/errors/0/salesAgentId"), "agent_picky");
    CHECK_STR(&T, mc_str(r.json, "/errors/0/debug/response/status"), "rejected");
    mc_resp_free(&r);
    get_checked(&sub, id, &r);
    CHECK_STR(&T, mc_str(mc_buy_of(&sub, mc_at(r.json, "/campaign"), "agent_picky"), "/status"), "REJECTED");
    CHECK_STR(&T, mc_str(mc_buy_of(&sub, mc_at(r.json, "/campaign"), "agent_curious"), "/status"), "INPUT_REQUIRED");
    MC_CHECK_NUM(m, mc_num(r.json, "/campaign/allocatedBudget"), 6000);   /* the rejected third is not allocated */
    mc_resp_free(&r);
    CHECK_STR(&T, mc_surfaced(&sub, id, st, sizeof st), "REJECTED");
    snprintf(p, sizeof p, "/campaigns/%s/media-buy-status", id);
    mc_call(&sub, &r, "GET", p, NULL, 200, "media-buy-status-response");
    mc_resp_free(&r);
    post_op(&sub, id, "pause", NULL, 200);
    get_checked(&sub, id, &r);
    CHECK_STR(&T, mc_str(mc_buy_of(&sub, mc_at(r.json, "/campaign"), "agent_curious"), "/status"), "PAUSED");
    mc_resp_free(&r);
    snprintf(p, sizeof p, "/campaigns/%s/media-buy-status", id);
    mc_call(&sub, &r, "GET", p, NULL, 200, "media-buy-status-response");
    mc_resp_free(&r);
    post_op(&sub, id, "reactivate", NULL, 200);
    get_checked(&sub, id, &r);
    CHECK_STR(&T, mc_str(mc_buy_of(&sub, mc_at(r.json, "/campaign"), "agent_curious"), "/status"), "INPUT_REQUIRED");
    mc_resp_free(&r);
    snprintf(p, sizeof p, "/campaigns/%s?includePropertyLists=true", id);
    mc_call(&sub, &r, "GET", p, NULL, 200, CR);
    check_campaign_body(&r, "property lists");
    mc_resp_free(&r);
    mc_call(&sub, &r, "GET", "/campaigns?mediaBuyStatus=REJECTED", NULL, 200, "campaign-list-response");
    CHECK_INT(&T, mc_len(r.json, "/campaigns"), 1);
    mc_resp_free(&r);
    CHECK_INT(&T, mc_stop(&sub.srv), 0);
    unlink(path);
}

int main(void)
{
    mc m;
    if (mc_setup(&m, &T) != 0) return check_done(&T);
    test_full_example(&m);
    test_unknown_members_create(&m);
    test_maximize_value(&m);
    test_unknown_members_update(&m);
    test_media_buy_entries_closed(&m);
    test_geo_arrays(&m);
    test_data_delivery(&m);
    test_media_buy_goals(&m);
    test_omitted_not_null(&m);
    test_other_seller_states(&m);
    mc_teardown(&m);
    return check_done(&T);
}
