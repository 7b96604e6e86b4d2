/* test_mock_update.c - PUT /campaigns/{id} on campaign-mock over real
 * HTTP: partial updates, the immutable campaignType, pacingPeriods only on
 * DRAFT, frequencyCaps replace / clear, every mediaBuys[] action,
 * creative_ids rules, budget reductions (proportional, with explicit
 * package budgets, atomic refusal, INSUFFICIENT_MEDIA_BUDGET), 202
 * proposals for seller-managed storefronts, the money formulas after every
 * change, and concurrent updates of one campaign.  Every response body is
 * checked against its response schema and the contract rules. */
#include "test_mock_client.h"

#include <pthread.h>

static struct check T = { 0, 0, "test_mock_update" };

#define CR "campaign-response"

/* PUT body to campaign id, expecting status; r filled (caller frees). */
static void put(mc *m, mc_resp *r, const char *id, long expect, const char *body)
{
    char path[128];
    snprintf(path, sizeof path, "/campaigns/%s", id);
    mc_call(m, r, "PUT", path, body, expect, CR);
    if (r->status == 200) mc_check_money(m, mc_at(r->json, "/campaign"));
}

static void putf(mc *m, mc_resp *r, const char *id, long expect, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void putf(mc *m, mc_resp *r, const char *id, long expect, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *body = mc_vfmt(fmt, ap);
    va_end(ap);
    put(m, r, id, expect, body);
    free(body);
}

/* The campaign's JSON text without updatedAt, followed by its mock-only
 * facts (each buy's creatives), to compare before / after. */
static char *snapshot(mc *m, const char *id)
{
    mc_resp r, f;
    mc_get(m, id, &r);
    mc_facts(m, id, &f);
    cJSON *c = cJSON_DetachItemFromObject(r.json, "campaign");
    cJSON_DeleteItemFromObject(c, "updatedAt");
    char *s = c ? cJSON_PrintUnformatted(c) : NULL;
    char *all = s ? mc_fmt("%s %s", s, f.text ? f.text : "") : NULL;
    free(s);
    cJSON_Delete(c);
    mc_resp_free(&r);
    mc_resp_free(&f);
    return all ? all : calloc(1, 1);
}

static void check_unchanged(mc *m, const char *id, const char *before, const char *what)
{
    char *after = snapshot(m, id);
    CHECK_MSG(&T, strcmp(before, after) == 0, "%s changed the campaign:\n before %s\n after  %s",
              what, before, after);
    free(after);
}

/* Id of the media buy of agent in campaign id, and of its package i. */
static void ids_of(mc *m, const char *id, const char *agent, char *buy, char *pkg, int i)
{
    mc_resp r;
    mc_get(m, id, &r);
    const cJSON *b = mc_buy_of(m, mc_at(r.json, "/campaign"), agent);
    char ptr[32];
    snprintf(ptr, sizeof ptr, "/packages/%d/packageId", i);
    snprintf(buy, 64, "%s", mc_str(b, "/mediaBuyId") ? mc_str(b, "/mediaBuyId") : "none");
    if (pkg) snprintf(pkg, 64, "%s", mc_str(b, ptr) ? mc_str(b, ptr) : "none");
    mc_resp_free(&r);
}

static void test_partial(mc *m)
{
    char id[64];
    mc_create(m, "partial", 1000, "[\"prod_display_1\"]",
              "\"brief\":\"keep me\",\"constraints\":{\"countries\":[\"US\"]},\"catalogId\":7", id, sizeof id);
    mc_resp r;
    put(m, &r, id, 200, "{\"name\":\"renamed\"}");
    const cJSON *c = mc_at(r.json, "/campaign");
    CHECK_STR(&T, mc_str(c, "/name"), "renamed");
    CHECK_STR(&T, mc_str(c, "/brief"), "keep me");
    CHECK_STR(&T, mc_str(c, "/constraints/countries/0"), "US");
    MC_CHECK_NUM(m, mc_num(c, "/budget/total"), 1000);
    CHECK_INT(&T, mc_num(c, "/productCount"), 1);
    mc_resp_free(&r);
    /* {} changes nothing but is fine; catalogId null detaches */
    put(m, &r, id, 200, "{}");
    CHECK_STR(&T, mc_str(r.json, "/campaign/name"), "renamed");
    mc_resp_free(&r);
    put(m, &r, id, 200, "{\"catalogId\":null,\"budget\":{\"dailyCap\":50,\"pacing\":\"ASAP\"},"
                        "\"optimizationApplyMode\":\"MANUAL\"}");
    CHECK(&T, mc_at(r.json, "/campaign/catalogId") == NULL);
    MC_CHECK_NUM(m, mc_num(r.json, "/campaign/budget/dailyCap"), 50);
    CHECK_STR(&T, mc_str(r.json, "/campaign/budget/pacing"), "ASAP");
    CHECK_STR(&T, mc_str(r.json, "/campaign/optimizationApplyMode"), "MANUAL");
    MC_CHECK_NUM(m, mc_num(r.json, "/campaign/budget/total"), 1000);
    mc_resp_free(&r);
    /* audiences: additive, deleteMissing replaces */
    put(m, &r, id, 200, "{\"audienceConfig\":{\"targetAudienceIds\":[\"a1\",\"a2\"]}}");
    CHECK_INT(&T, mc_len(r.json, "/campaign/audiences"), 2);
    mc_resp_free(&r);
    put(m, &r, id, 200, "{\"audienceConfig\":{\"targetAudienceIds\":[\"a3\"]}}");
    CHECK_INT(&T, mc_len(r.json, "/campaign/audiences"), 3);
    mc_resp_free(&r);
    put(m, &r, id, 200, "{\"audienceConfig\":{\"targetAudienceIds\":[\"a3\"],\"deleteMissing\":true}}");
    CHECK_INT(&T, mc_len(r.json, "/campaign/audiences"), 1);
    CHECK_STR(&T, mc_str(r.json, "/campaign/audiences/0/audienceId"), "a3");
    mc_resp_free(&r);
    /* a schema violation: 400 with the pointer, nothing changes */
    char *before = snapshot(m, id);
    put(m, &r, id, 400, "{\"name\":\"\",\"brief\":\"changed\"}");
    CHECK_STR(&T, mc_str(r.json, "/error/code"), "VALIDATION_ERROR");
    CHECK_STR(&T, mc_str(r.json, "/error/field"), "/name");
    mc_resp_free(&r);
    /* flight dates out of order */
    put(m, &r, id, 400, "{\"flightDates\":{\"startDate\":\"2026-05-01T00:00:00Z\",\"endDate\":\"2026-04-01T00:00:00Z\"}}");
    CHECK(&T, mc_str(r.json, "/error/field") && !strncmp(mc_str(r.json, "/error/field"), "/flightDates", 12));
    mc_resp_free(&r);
    check_unchanged(m, id, before, "rejected updates");
    free(before);
}

static void test_campaign_type(mc *m)
{
    char id[64];
    mc_create(m, "typed", 1000, NULL, NULL, id, sizeof id);
    mc_resp r;
    char *before = snapshot(m, id);
    put(m, &r, id, 400, "{\"campaignType\":\"ROUTED\",\"name\":\"not applied\"}");
    CHECK_STR(&T, mc_str(r.json, "/error/code"), "VALIDATION_ERROR");
    CHECK_STR(&T, mc_str(r.json, "/error/field"), "/campaignType");
    mc_resp_free(&r);
    check_unchanged(m, id, before, "campaignType change");
    free(before);
    put(m, &r, id, 200, "{\"campaignType\":\"DECISIONED\"}");   /* the same value is no change */
    CHECK_STR(&T, mc_str(r.json, "/campaign/campaignType"), "DECISIONED");
    mc_resp_free(&r);
}

static void test_pacing_periods(mc *m)
{
    char id[64];
    mc_create(m, "pacing", 1000, "[\"prod_display_1\"]", NULL, id, sizeof id);
    const char *pp = "{\"pacingPeriods\":{\"mode\":\"weight\",\"periods\":[{\"label\":\"a\",\"start\":\"2026-01-01\","
                     "\"end\":\"2026-01-31\",\"weight\":2},{\"label\":\"b\",\"start\":\"2026-02-01\",\"end\":\"2026-02-28\"}]}}";
    mc_resp r;
    put(m, &r, id, 200, pp);
    CHECK_INT(&T, mc_len(r.json, "/campaign/pacingPeriods/periods"), 2);
    mc_resp_free(&r);
    put(m, &r, id, 200, "{\"pacingPeriods\":null}");
    CHECK(&T, mc_at(r.json, "/campaign/pacingPeriods") == NULL);
    mc_resp_free(&r);
    put(m, &r, id, 200, pp);
    mc_resp_free(&r);
    /* a flight change that leaves the periods outside it is refused */
    put(m, &r, id, 400, "{\"flightDates\":{\"startDate\":\"2026-01-15T00:00:00Z\",\"endDate\":\"2026-03-31T00:00:00Z\"}}");
    CHECK(&T, mc_str(r.json, "/error/field") && !strncmp(mc_str(r.json, "/error/field"), "/pacingPeriods", 14));
    mc_resp_free(&r);
    /* budget mode amounts must fit the (lowered) budget.total */
    put(m, &r, id, 400, "{\"budget\":{\"total\":100},\"pacingPeriods\":{\"mode\":\"budget\",\"periods\":["
                        "{\"label\":\"a\",\"start\":\"2026-01-01\",\"end\":\"2026-01-31\",\"budget\":80},"
                        "{\"label\":\"b\",\"start\":\"2026-02-01\",\"end\":\"2026-02-28\",\"budget\":80}]}}");
    mc_resp_free(&r);
    /* after execute: 400, and nothing changes */
    char path[128];
    snprintf(path, sizeof path, "/campaigns/%s/execute", id);
    mc_call(m, &r, "POST", path, NULL, 200, "campaign-status-change-response");
    mc_resp_free(&r);
    char *before = snapshot(m, id);
    put(m, &r, id, 400, pp);
    CHECK_STR(&T, mc_str(r.json, "/error/code"), "VALIDATION_ERROR");
    CHECK_STR(&T, mc_str(r.json, "/error/field"), "/pacingPeriods");
    mc_resp_free(&r);
    put(m, &r, id, 400, "{\"pacingPeriods\":null}");
    mc_resp_free(&r);
    check_unchanged(m, id, before, "pacingPeriods on ACTIVE");
    free(before);
}

static void test_frequency_caps(mc *m)
{
    char id[64];
    mc_create(m, "caps", 1000, NULL, "\"frequencyCaps\":[{\"max_impressions\":5,\"window\":{\"interval\":1,\"unit\":\"days\"}}]",
              id, sizeof id);
    mc_resp r;
    put(m, &r, id, 200, "{\"frequencyCaps\":[{\"max_impressions\":3,\"window\":{\"interval\":1,\"unit\":\"hours\"}},"
                        "{\"max_impressions\":10,\"window\":{\"interval\":7,\"unit\":\"days\"}}]}");
    const cJSON *c = mc_at(r.json, "/campaign");
    CHECK_INT(&T, mc_len(c, "/frequencyCaps"), 2);              /* replaced, not appended */
    CHECK_INT(&T, mc_num(c, "/frequencyCaps/0/max_impressions"), 3);
    CHECK_STR(&T, mc_str(c, "/frequencyCaps/0/window/unit"), "hours");
    CHECK_STR(&T, mc_str(c, "/frequencyCaps/1/targetId"), id);
    char first[64];
    snprintf(first, sizeof first, "%s", mc_str(c, "/frequencyCaps/0/id") ? mc_str(c, "/frequencyCaps/0/id") : "");
    mc_resp_free(&r);
    put(m, &r, id, 200, "{\"name\":\"caps untouched\"}");       /* omitted: left alone */
    CHECK_INT(&T, mc_len(r.json, "/campaign/frequencyCaps"), 2);
    CHECK_STR(&T, mc_str(r.json, "/campaign/frequencyCaps/0/id"), first);
    mc_resp_free(&r);
    put(m, &r, id, 200, "{\"frequencyCaps\":[]}");             /* [] clears */
    CHECK_INT(&T, mc_len(r.json, "/campaign/frequencyCaps"), 0);
    mc_resp_free(&r);
}

static void test_media_buy_actions(mc *m)
{
    char id[64], acme[64], vid[64], pkg1[64], pkg2[64];
    mc_create_active(m, "actions", 10000, "[\"prod_display_1\",\"prod_display_2\",\"prod_video_1\"]", id, sizeof id);
    ids_of(m, id, "agent_acme", acme, pkg1, 0);
    ids_of(m, id, "agent_acme", acme, pkg2, 1);
    ids_of(m, id, "agent_vidco", vid, NULL, 0);
    mc_resp r;

    /* update: packages, name, goals applied to the buy */
    putf(m, &r, id, 200, "{\"mediaBuys\":[{\"mediaBuyId\":\"%s\",\"name\":\"Acme renamed\","
         "\"packages\":[{\"packageId\":\"%s\",\"budget\":2500,\"pacing\":\"asap\",\"bid_price\":4.5}],"
         "\"optimization_goals\":[{\"kind\":\"metric\",\"metric\":\"completed_views\",\"target\":{\"kind\":\"cost_per\",\"value\":0.08}}],"
         "\"updated_reason\":\"tuning\"}]}", acme, pkg1);
    const cJSON *b = mc_buy_of(m, mc_at(r.json, "/campaign"), "agent_acme");
    CHECK_STR(&T, mc_str(b, "/name"), "Acme renamed");
    MC_CHECK_NUM(m, mc_num(b, "/packages/0/budget"), 2500);
    CHECK_STR(&T, mc_str(b, "/packages/0/pacing"), "asap");
    MC_CHECK_NUM(m, mc_num(b, "/packages/0/bidPrice"), 4.5);
    CHECK_STR(&T, mc_str(b, "/optimizationGoals/0/metric"), "completed_views");
    MC_CHECK_NUM(m, mc_num(r.json, "/campaign/allocatedBudget"), 8500);
    mc_resp_free(&r);
    /* bid_price null clears it; action defaults to update */
    putf(m, &r, id, 200, "{\"mediaBuys\":[{\"mediaBuyId\":\"%s\",\"packages\":[{\"packageId\":\"%s\",\"bid_price\":null}]}]}",
         acme, pkg1);
    CHECK(&T, mc_at(mc_buy_of(m, mc_at(r.json, "/campaign"), "agent_acme"), "/packages/0/bidPrice") == NULL);
    mc_resp_free(&r);

    /* unknown ids: 404, and nothing of the request is applied */
    char *before = snapshot(m, id);
    putf(m, &r, id, 404, "{\"name\":\"no\",\"mediaBuys\":[{\"mediaBuyId\":\"%s\",\"name\":\"no\"},"
         "{\"mediaBuyId\":\"mb_nope\"}]}", acme);
    CHECK_STR(&T, mc_str(r.json, "/error/code"), "NOT_FOUND");
    CHECK_STR(&T, mc_str(r.json, "/error/field"), "/mediaBuys/1/mediaBuyId");
    mc_resp_free(&r);
    putf(m, &r, id, 404, "{\"mediaBuys\":[{\"mediaBuyId\":\"%s\",\"packages\":[{\"packageId\":\"pkg_nope\",\"budget\":5}]}]}", acme);
    CHECK_STR(&T, mc_str(r.json, "/error/field"), "/mediaBuys/0/packages/0/packageId");
    mc_resp_free(&r);
    putf(m, &r, id, 404, "{\"mediaBuys\":[{\"action\":\"cancel\",\"mediaBuyId\":\"%s\",\"packageIds\":[\"pkg_nope\"]}]}", acme);
    CHECK_STR(&T, mc_str(r.json, "/error/field"), "/mediaBuys/0/packageIds/0");
    mc_resp_free(&r);
    check_unchanged(m, id, before, "404 updates");
    free(before);

    /* cancel only one package: the buy stays */
    putf(m, &r, id, 200, "{\"mediaBuys\":[{\"action\":\"cancel\",\"mediaBuyId\":\"%s\",\"packageIds\":[\"%s\"],"
         "\"reason\":\"format not supported\"}]}", acme, pkg2);
    b = mc_buy_of(m, mc_at(r.json, "/campaign"), "agent_acme");
    CHECK_STR(&T, mc_str(b, "/status"), "ACTIVE");
    CHECK_STR(&T, mc_str(b, "/packages/0/status"), "ACTIVE");
    CHECK_STR(&T, mc_str(b, "/packages/1/status"), "CANCELED");
    MC_CHECK_NUM(m, mc_num(r.json, "/campaign/allocatedBudget"), 5500);   /* 2500 + 3000 */
    mc_resp_free(&r);
    /* a canceled package cannot be updated */
    putf(m, &r, id, 400, "{\"mediaBuys\":[{\"mediaBuyId\":\"%s\",\"packages\":[{\"packageId\":\"%s\",\"budget\":10}]}]}",
         acme, pkg2);
    mc_resp_free(&r);
    /* cancel the whole video buy */
    putf(m, &r, id, 200, "{\"mediaBuys\":[{\"action\":\"cancel\",\"mediaBuyId\":\"%s\",\"reason\":\"underperforming\"}]}", vid);
    const cJSON *c = mc_at(r.json, "/campaign");
    b = mc_buy_of(m, c, "agent_vidco");
    CHECK_STR(&T, mc_str(b, "/status"), "CANCELED");
    CHECK_STR(&T, mc_str(b, "/packages/0/status"), "CANCELED");
    MC_CHECK_NUM(m, mc_num(c, "/allocatedBudget"), 2500);
    const cJSON *ref;
    int ref_ok = 0;
    cJSON_ArrayForEach(ref, mc_at(c, "/mediaBuyRefs"))
        if (!strcmp(mc_str(ref, "/mediaBuyId") ? mc_str(ref, "/mediaBuyId") : "", vid))
            ref_ok = !strcmp(mc_str(ref, "/status") ? mc_str(ref, "/status") : "", "CANCELED");
    CHECK(&T, ref_ok);
    char st[32];
    CHECK_STR(&T, mc_surfaced(m, id, st, sizeof st), "ACTIVE");   /* ACTIVE is more restrictive than CANCELED */
    mc_resp_free(&r);
    /* a canceled buy cannot be updated */
    putf(m, &r, id, 400, "{\"mediaBuys\":[{\"mediaBuyId\":\"%s\",\"name\":\"x\"}]}", vid);
    mc_resp_free(&r);
    /* delete archives */
    putf(m, &r, id, 200, "{\"mediaBuys\":[{\"action\":\"delete\",\"mediaBuyId\":\"%s\"}]}", acme);
    c = mc_at(r.json, "/campaign");
    CHECK_STR(&T, mc_str(mc_buy_of(m, c, "agent_acme"), "/status"), "ARCHIVED");
    CHECK_STR(&T, mc_str(mc_buy_of(m, c, "agent_acme"), "/packages/0/status"), "ARCHIVED");
    MC_CHECK_NUM(m, mc_num(c, "/allocatedBudget"), 0);
    mc_resp_free(&r);
}

static void test_creative_ids(mc *m)
{
    char id[64], acme[64], vid[64];
    mc_create_active(m, "creatives", 1000, "[\"prod_display_1\",\"prod_video_1\"]", id, sizeof id);
    ids_of(m, id, "agent_acme", acme, NULL, 0);
    ids_of(m, id, "agent_vidco", vid, NULL, 0);
    mc_resp r;
    /* auto-sync by default: the linked creatives of accepted formats */
    mc_get(m, id, &r);
    CHECK_INT(&T, mc_creative_count(m, id, "agent_vidco"), 2);
    CHECK_INT(&T, mc_creative_count(m, id, "agent_acme"), 1);
    mc_resp_free(&r);
    putf(m, &r, id, 200, "{\"mediaBuys\":[{\"action\":\"update\",\"mediaBuyId\":\"%s\",\"creative_ids\":[\"cr_video_15s\"]}]}", vid);
    mc_resp_free(&r);
    mc_resp f;
    const cJSON *b = mc_fact_of(m, id, "agent_vidco", &f);
    CHECK_INT(&T, mc_len(b, "/creativeIds"), 1);
    CHECK_STR(&T, mc_str(b, "/creativeIds/0"), "cr_video_15s");
    mc_resp_free(&f);
    char *before = snapshot(m, id);
    /* not linked to the campaign */
    putf(m, &r, id, 400, "{\"mediaBuys\":[{\"mediaBuyId\":\"%s\",\"creative_ids\":[\"cr_video_30s\",\"cr_unknown\"]}]}", vid);
    CHECK_STR(&T, mc_str(r.json, "/error/code"), "VALIDATION_ERROR");
    CHECK_STR(&T, mc_str(r.json, "/error/field"), "/mediaBuys/0/creative_ids/1");
    mc_resp_free(&r);
    /* a format the buy's products do not accept: never silently filtered */
    putf(m, &r, id, 400, "{\"mediaBuys\":[{\"mediaBuyId\":\"%s\",\"creative_ids\":[\"cr_video_15s\",\"cr_display_300x250\"]}]}", vid);
    CHECK_STR(&T, mc_str(r.json, "/error/field"), "/mediaBuys/0/creative_ids/1");
    mc_resp_free(&r);
    putf(m, &r, id, 400, "{\"mediaBuys\":[{\"mediaBuyId\":\"%s\",\"creative_ids\":[\"cr_video_15s\"]}]}", acme);
    CHECK_STR(&T, mc_str(r.json, "/error/field"), "/mediaBuys/0/creative_ids/0");
    mc_resp_free(&r);
    /* only with action update */
    putf(m, &r, id, 400, "{\"mediaBuys\":[{\"action\":\"cancel\",\"mediaBuyId\":\"%s\",\"creative_ids\":[\"cr_video_15s\"]}]}", vid);
    CHECK_STR(&T, mc_str(r.json, "/error/code"), "VALIDATION_ERROR");
    CHECK_STR(&T, mc_str(r.json, "/error/field"), "/mediaBuys/0/creative_ids");
    mc_resp_free(&r);
    putf(m, &r, id, 400, "{\"mediaBuys\":[{\"action\":\"delete\",\"mediaBuyId\":\"%s\",\"creative_ids\":[]}]}", vid);
    mc_resp_free(&r);
    check_unchanged(m, id, before, "rejected creative_ids");
    free(before);
    /* [] clears */
    putf(m, &r, id, 200, "{\"mediaBuys\":[{\"mediaBuyId\":\"%s\",\"creative_ids\":[]}]}", vid);
    mc_resp_free(&r);
    CHECK_INT(&T, mc_creative_count(m, id, "agent_vidco"), 0);
    CHECK_INT(&T, mc_creative_count(m, id, "agent_acme"), 1);       /* untouched: still auto-synced */
}

/* Lowering budget.total below the allocation scales live packages. */
static void test_budget_reduction(mc *m)
{
    char id[64], acme[64], pkg1[64], pkg2[64];
    mc_create_active(m, "reduce", 10000, "[\"prod_display_1\",\"prod_display_2\",\"prod_video_1\"]", id, sizeof id);
    ids_of(m, id, "agent_acme", acme, pkg1, 0);
    ids_of(m, id, "agent_acme", acme, pkg2, 1);
    mc_resp r;
    put(m, &r, id, 200, "{\"budget\":{\"total\":5000,\"currency\":\"USD\"}}");
    const cJSON *c = mc_at(r.json, "/campaign");
    MC_CHECK_NUM(m, mc_num(c, "/budget/total"), 5000);
    MC_CHECK_NUM(m, mc_num(c, "/mediaBudget/total"), 4500);
    MC_CHECK_NUM(m, mc_num(c, "/allocatedBudget"), 4500);
    MC_CHECK_NUM(m, mc_num(mc_buy_of(m, c, "agent_acme"), "/packages/0/budget"), 1500);
    MC_CHECK_NUM(m, mc_num(mc_buy_of(m, c, "agent_vidco"), "/packages/0/budget"), 1500);
    mc_resp_free(&r);
    /* uneven budgets scale proportionally, the sum fits exactly */
    putf(m, &r, id, 200, "{\"mediaBuys\":[{\"mediaBuyId\":\"%s\",\"packages\":[{\"packageId\":\"%s\",\"budget\":500}]}]}",
         acme, pkg1);
    MC_CHECK_NUM(m, mc_num(r.json, "/campaign/allocatedBudget"), 3500);
    mc_resp_free(&r);
    put(m, &r, id, 200, "{\"budget\":{\"total\":3000}}");          /* media 2700 < 3500 */
    c = mc_at(r.json, "/campaign");
    MC_CHECK_NUM(m, mc_num(c, "/allocatedBudget"), 2700);
    double p1 = mc_num(mc_buy_of(m, c, "agent_acme"), "/packages/0/budget");
    double p2 = mc_num(mc_buy_of(m, c, "agent_acme"), "/packages/1/budget");
    double p3 = mc_num(mc_buy_of(m, c, "agent_vidco"), "/packages/0/budget");
    CHECK_MSG(&T, p1 > 385 && p1 < 386 && p2 > 1157 && p2 < 1158 && p3 > 1157 && p3 < 1158,
              "proportional 500:1500:1500 of 2700: %.2f %.2f %.2f", p1, p2, p3);
    mc_resp_free(&r);
    /* raising the budget leaves the packages alone */
    put(m, &r, id, 200, "{\"budget\":{\"total\":20000}}");
    MC_CHECK_NUM(m, mc_num(r.json, "/campaign/allocatedBudget"), 2700);
    MC_CHECK_NUM(m, mc_num(r.json, "/campaign/unallocatedBudget"), 15300);
    mc_resp_free(&r);
}

static void test_budget_explicit(mc *m)
{
    char id[64], acme[64], pkg1[64];
    mc_create_active(m, "explicit", 10000, "[\"prod_display_1\",\"prod_display_2\",\"prod_video_1\"]", id, sizeof id);
    ids_of(m, id, "agent_acme", acme, pkg1, 0);
    mc_resp r;
    /* explicit package budget wins, only the others scale: 4500 - 2000 = 2500 */
    putf(m, &r, id, 200, "{\"budget\":{\"total\":5000,\"currency\":\"USD\"},\"mediaBuys\":[{\"action\":\"update\","
         "\"mediaBuyId\":\"%s\",\"packages\":[{\"packageId\":\"%s\",\"budget\":2000}]}]}", acme, pkg1);
    const cJSON *c = mc_at(r.json, "/campaign");
    MC_CHECK_NUM(m, mc_num(mc_buy_of(m, c, "agent_acme"), "/packages/0/budget"), 2000);
    MC_CHECK_NUM(m, mc_num(mc_buy_of(m, c, "agent_acme"), "/packages/1/budget"), 1250);
    MC_CHECK_NUM(m, mc_num(mc_buy_of(m, c, "agent_vidco"), "/packages/0/budget"), 1250);
    MC_CHECK_NUM(m, mc_num(c, "/allocatedBudget"), 4500);
    mc_resp_free(&r);

    /* still insufficient after everything: 400 INSUFFICIENT_MEDIA_BUDGET, nothing changes */
    char *before = snapshot(m, id);
    putf(m, &r, id, 400, "{\"budget\":{\"total\":3000},\"name\":\"no\",\"mediaBuys\":[{\"mediaBuyId\":\"%s\","
         "\"packages\":[{\"packageId\":\"%s\",\"budget\":2900}]}]}", acme, pkg1);
    CHECK_STR(&T, mc_str(r.json, "/error/code"), "INSUFFICIENT_MEDIA_BUDGET");
    CHECK_STR(&T, mc_str(r.json, "/error/field"), "/budget/total");
    mc_resp_free(&r);
    /* raising a package above the media budget without touching the total */
    putf(m, &r, id, 400, "{\"mediaBuys\":[{\"mediaBuyId\":\"%s\",\"packages\":[{\"packageId\":\"%s\",\"budget\":9000}]}]}",
         acme, pkg1);
    CHECK_STR(&T, mc_str(r.json, "/error/code"), "INSUFFICIENT_MEDIA_BUDGET");
    mc_resp_free(&r);
    check_unchanged(m, id, before, "INSUFFICIENT_MEDIA_BUDGET");
    free(before);
}

static void test_budget_atomic(mc *m)
{
    char id[64], rigid[64], rpkg[64];
    mc_create_active(m, "rigid", 10000, "[\"prod_display_1\",\"prod_rigid_1\"]", id, sizeof id);
    ids_of(m, id, "agent_rigid", rigid, rpkg, 0);
    char *before = snapshot(m, id);
    mc_resp r;
    /* the generated reduction of the rigid seller's package is refused */
    put(m, &r, id, 409, "{\"budget\":{\"total\":5000},\"name\":\"not applied\"}");
    CHECK_STR(&T, mc_str(r.json, "/error/code"), "SELLER_REJECTED");
    CHECK_STR(&T, mc_str(r.json, "/error/details/salesAgentId"), "agent_rigid");
    mc_resp_free(&r);
    check_unchanged(m, id, before, "refused generated update");
    /* an explicit budget change to its package too */
    putf(m, &r, id, 409, "{\"mediaBuys\":[{\"mediaBuyId\":\"%s\",\"packages\":[{\"packageId\":\"%s\",\"budget\":100}]}]}",
         rigid, rpkg);
    mc_resp_free(&r);
    check_unchanged(m, id, before, "refused explicit update");
    free(before);
    /* the budget can still go down when the rigid package keeps its amount */
    putf(m, &r, id, 200, "{\"budget\":{\"total\":8000},\"mediaBuys\":[{\"mediaBuyId\":\"%s\","
         "\"packages\":[{\"packageId\":\"%s\",\"budget\":4500}]}]}", rigid, rpkg);
    MC_CHECK_NUM(m, mc_num(r.json, "/campaign/allocatedBudget"), 7200);
    MC_CHECK_NUM(m, mc_num(mc_buy_of(m, mc_at(r.json, "/campaign"), "agent_acme"), "/packages/0/budget"), 2700);
    mc_resp_free(&r);
}

static void test_proposals(mc *m)
{
    char id[64], ctv[64], cpkg[64], acme[64], apkg[64];
    mc_create_active(m, "seller-managed", 10000, "[\"prod_ctv_1\",\"prod_display_1\"]", id, sizeof id);
    ids_of(m, id, "agent_streamr", ctv, cpkg, 0);
    ids_of(m, id, "agent_acme", acme, apkg, 0);
    mc_resp r;
    char path[128];
    snprintf(path, sizeof path, "/campaigns/%s", id);
    char *body = mc_fmt("{\"name\":\"applied\",\"mediaBuys\":[{\"mediaBuyId\":\"%s\",\"packages\":[{\"packageId\":\"%s\","
                        "\"budget\":1000}]},{\"mediaBuyId\":\"%s\",\"packages\":[{\"packageId\":\"%s\",\"budget\":4000}]}]}",
                        ctv, cpkg, acme, apkg);
    mc_call(m, &r, "PUT", path, body, 202, NULL);
    free(body);
    CHECK_INT(&T, mc_len(r.json, "/proposals"), 1);
    CHECK_STR(&T, mc_str(r.json, "/proposals/0/mediaBuyId"), ctv);
    CHECK_STR(&T, mc_str(r.json, "/proposals/0/status"), "PENDING_SELLER_APPROVAL");
    CHECK(&T, mc_str(r.json, "/proposals/0/proposalId") != NULL);
    CHECK(&T, mc_at(r.json, "/campaign") == NULL);
    mc_resp_free(&r);
    /* the seller-managed buy waits for approval; the rest is applied */
    mc_get(m, id, &r);
    const cJSON *c = mc_at(r.json, "/campaign");
    CHECK_STR(&T, mc_str(c, "/name"), "applied");
    MC_CHECK_NUM(m, mc_num(mc_buy_of(m, c, "agent_streamr"), "/packages/0/budget"), 4500);
    MC_CHECK_NUM(m, mc_num(mc_buy_of(m, c, "agent_acme"), "/packages/0/budget"), 4000);
    mc_check_money(m, c);
    mc_resp_free(&r);
    /* cancel and delete need approval too */
    char *b2 = mc_fmt("{\"mediaBuys\":[{\"action\":\"cancel\",\"mediaBuyId\":\"%s\"}]}", ctv);
    mc_call(m, &r, "PUT", path, b2, 202, NULL);
    free(b2);
    mc_resp_free(&r);
    /* an invalid entry on such a buy is still a 400, not a proposal */
    b2 = mc_fmt("{\"mediaBuys\":[{\"mediaBuyId\":\"%s\",\"creative_ids\":[\"cr_display_300x250\"]}]}", ctv);
    mc_call(m, &r, "PUT", path, b2, 400, NULL);
    free(b2);
    mc_resp_free(&r);
    /* generated reductions leave seller-managed buys alone: the others absorb it */
    put(m, &r, id, 200, "{\"budget\":{\"total\":9000}}");   /* media 8100; ctv keeps 4500 */
    c = mc_at(r.json, "/campaign");
    MC_CHECK_NUM(m, mc_num(mc_buy_of(m, c, "agent_streamr"), "/packages/0/budget"), 4500);
    MC_CHECK_NUM(m, mc_num(mc_buy_of(m, c, "agent_acme"), "/packages/0/budget"), 3600);
    mc_resp_free(&r);
    put(m, &r, id, 400, "{\"budget\":{\"total\":4000}}");   /* media 3600 < 4500 fixed */
    CHECK_STR(&T, mc_str(r.json, "/error/code"), "INSUFFICIENT_MEDIA_BUDGET");
    mc_resp_free(&r);
}

/* Several threads update one campaign at once: no lost update, no 5xx. */
typedef struct worker { mc *m; const char *id; int n, ok, other; } worker;

static void *update_loop(void *p)
{
    worker *w = p;
    char path[128];
    snprintf(path, sizeof path, "/campaigns/%s", w->id);
    for (int i = 0; i < 50; i++) {
        char body[256];
        snprintf(body, sizeof body,
                 "{\"name\":\"thread %d update %d\",\"budget\":{\"total\":%d},"
                 "\"audienceConfig\":{\"targetAudienceIds\":[\"aud_t%d_%d\"]}}",
                 w->n, i, 5000 + w->n * 100 + i, w->n, i);
        mc_resp r;
        mc_request(&w->m->srv, "PUT", path, body, (size_t)-1, NULL, &r);
        if (r.status == 200) w->ok++;
        else w->other++;
        mc_resp_free(&r);
    }
    return NULL;
}

static void test_concurrent_updates(mc *m)
{
    enum { THREADS = 8 };
    char id[64];
    mc_create_active(m, "concurrent", 10000, "[\"prod_display_1\",\"prod_video_1\"]", id, sizeof id);
    pthread_t th[THREADS];
    worker w[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i] = (worker){ m, id, i, 0, 0 };
        pthread_create(&th[i], NULL, update_loop, &w[i]);
    }
    int ok = 0, other = 0;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(th[i], NULL);
        ok += w[i].ok;
        other += w[i].other;
    }
    CHECK_INT(&T, ok, THREADS * 50);
    CHECK_INT(&T, other, 0);
    mc_resp r;
    mc_get(m, id, &r);
    const cJSON *c = mc_at(r.json, "/campaign");
    /* every PUT added its own audience: all of them must be there */
    CHECK_INT(&T, mc_len(c, "/audiences"), THREADS * 50);
    /* the last writer's name and budget belong to the same request */
    int t = -1, i = -1;
    const char *name = mc_str(c, "/name");
    CHECK(&T, name && sscanf(name, "thread %d update %d", &t, &i) == 2);
    MC_CHECK_NUM(m, mc_num(c, "/budget/total"), 5000 + t * 100 + i);
    mc_check_money(m, c);
    mc_resp_free(&r);
}

int main(void)
{
    mc m;
    if (mc_setup(&m, &T) != 0) return check_done(&T);
    test_partial(&m);
    test_campaign_type(&m);
    test_pacing_periods(&m);
    test_frequency_caps(&m);
    test_media_buy_actions(&m);
    test_creative_ids(&m);
    test_budget_reduction(&m);
    test_budget_explicit(&m);
    test_budget_atomic(&m);
    test_proposals(&m);
    test_concurrent_updates(&m);
    mc_teardown(&m);
    return check_done(&T);
}
