/* mock_campaign.c - POST /campaigns, GET /campaigns, GET /campaigns/{id}. */
#include "mock_api.h"
#include "mock_fields.h"
#include "mock_json.h"
#include "campaign/json_value.h"
#include "mock_render.h"
#include "mock_mutant.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const campaign_types[] = { "DECISIONED", "ROUTED", NULL };
static const char *const apply_modes[] = { "AUTO", "MANUAL", NULL };

/* Members echoed back as given. */
static const char *const echo_members[] = {
    "brief", "flightDates", "constraints", "storefrontIds", "performanceConfig",
    "catalogId", "discoveryId", "pacingPeriods", NULL
};

/* discoveryId + productIds: the session must exist and offer every product
 * (404 NOT_FOUND, like any other referenced id); a product listed twice is
 * a 400 (it would mean two packages for one product). */
static int select_products(const mock_app *app, mock_campaign *c, const cJSON *body, mock_reply *r)
{
    const char *disc = mj_string(body, "discoveryId");
    const cJSON *ids = mj_get(body, "productIds");
    const fx_session *s = NULL;
    if (disc && !(s = fixtures_session(app->fx, disc))) {
        reply_error(r, 404, "NOT_FOUND", "/discoveryId", NULL, "discovery session %s not found", disc);
        return -1;
    }
    size_t n = (size_t)cJSON_GetArraySize(ids);
    if (!s || n == 0 || mock_mutant("create_products_dropped")) return 0;
    c->selected = calloc(n, sizeof *c->selected);
    if (!c->selected) { reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory"); return -1; }
    const cJSON *e;
    size_t i = 0;
    cJSON_ArrayForEach(e, ids) {
        char field[64];
        snprintf(field, sizeof field, "/productIds/%zu", i);
        const fx_product *p = cJSON_IsString(e) ? fixtures_product(app->fx, e->valuestring) : NULL;
        if (!p || !session_has_product(s, p)) {
            reply_error(r, 404, "NOT_FOUND", field, NULL, "product %s not found in discovery session %s",
                        cJSON_IsString(e) ? e->valuestring : "?", disc);
            return -1;
        }
        for (size_t j = 0; j < c->n_selected && !mock_mutant("create_duplicate_product_ok"); j++)
            if (c->selected[j] == p) {
                reply_error(r, 400, "VALIDATION_ERROR", field, NULL, "product %s is listed twice", p->id);
                return -1;
            }
        c->selected[c->n_selected++] = p;
        i++;
    }
    return 0;
}

/* Everything of the create body except what needs ids (under the lock). */
static int build_campaign(const mock_app *app, mock_campaign *c, const cJSON *body, mock_reply *r)
{
    const cJSON *adv = mj_get(body, "advertiserId");
    c->advertiser = cJSON_IsNumber(adv) ? fixtures_advertiser(app->fx, (int64_t)adv->valuedouble) : NULL;
    if (!c->advertiser) {
        char nb[40];
        reply_error(r, mock_mutant("create_unknown_advertiser_400") ? 400 : 404,
                    mock_mutant("create_unknown_advertiser_400") ? "VALIDATION_ERROR" : "NOT_FOUND", "/advertiserId", NULL, "advertiser %s not found",
                    cJSON_IsNumber(adv) ? jv_number_text(adv, nb, sizeof nb) : "0");
        return -1;
    }
    const cJSON *budget = mj_get(body, "budget");
    if (fields_budget_total(app, mj_get(budget, "total"), "/budget/total", &c->total, r) != 0) return -1;
    snprintf(c->currency, sizeof c->currency, "USD");
    fields_budget_rest(c, budget, r);
    if (mock_mutant("create_currency_ignored")) snprintf(c->currency, sizeof c->currency, "USD");
    if (fields_check_storefronts(app, mj_get(body, "storefrontIds"), r) != 0) return -1;
    if (select_products(app, c, body, r) != 0) return -1;
    c->name = strdup(mj_string(body, "name") ? mj_string(body, "name") : "");
    c->type = fields_enum(mj_string(body, "campaignType"), campaign_types);
    c->apply_mode = fields_enum(mj_string(body, "optimizationApplyMode"), apply_modes);
    if (!c->apply_mode) c->apply_mode = mock_mutant("create_apply_mode_default_manual") ? "MANUAL"
                                        : c->advertiser->apply_mode;
    if (!c->type) c->type = campaign_types[0];   /* schema-checked: unreachable */
    if (!c->name) { reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory"); return -1; }
    c->status = mock_mutant("create_status_active") ? CS_ACTIVE : CS_DRAFT;
    for (size_t i = 0; echo_members[i]; i++) {
        const cJSON *v = mj_get(body, echo_members[i]);
        if (mock_mutant("create_brief_dropped") && strcmp(echo_members[i], "brief") == 0) continue;
        if (v && fields_set_echo(c, echo_members[i], v, r) != 0) return -1;
    }
    if (!c->echo && !(c->echo = cJSON_CreateObject())) {
        reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory");
        return -1;
    }
    const cJSON *utm = mj_get(body, "utmConfig");
    if (utm && fields_utm(c, utm, r) != 0) return -1;
    if (fields_audiences(c, mj_get(body, "audienceConfig"), 0, r) != 0) return -1;
    return 0;
}

/* POST /campaigns with the request as the mock reads it (api_read_request). */
static void create(const mock_app *app, const cJSON *body, mock_reply *r)
{
    mock_campaign *c = campaign_new();
    if (!c) { reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory"); return; }
    if (build_campaign(app, c, body, r) != 0) { campaign_free(c); return; }
    store_lock(app->store);
    const cJSON *dd = mj_get(body, "dataDelivery"), *caps = mj_get(body, "frequencyCaps");
    if ((dd && fields_data_delivery(app->store, c, dd, r) != 0) ||
        (caps && fields_caps(app->store, c, caps, r) != 0)) {
        store_unlock(app->store);
        campaign_free(c);
        return;
    }
    mock_now(c->created_at);
    memcpy(c->updated_at, c->created_at, sizeof c->updated_at);
    int rc = store_add(app->store, c);
    if (rc != STORE_OK) {
        reply_store_refused(r, app->store, rc);
        store_unlock(app->store);
        campaign_free(c);
        return;
    }
    reply_campaign(r, mock_mutant("create_status_200") ? 200 : 201, c, app->fx);
    store_unlock(app->store);
}

void api_create(const mock_app *app, const cJSON *body, mock_reply *r)
{
    cJSON *req = api_read_request(app, "campaign-create-request", body, r);
    if (!req) return;
    create(app, req, r);
    cJSON_Delete(req);
}

/* ?includePropertyLists=: exactly true or false (repeated, the same each
 * time); *on set.  0 with a 400 in r otherwise. */
static int property_lists_param(const mock_query *q, int *on, mock_reply *r)
{
    static const char param[] = "includePropertyLists";
    int seen = -1;
    for (size_t i = 0; i < q->n; i++) {
        if (strcmp(q->key[i], param) != 0) continue;
        int v = strcmp(q->value[i], "true") == 0 ? 1 : strcmp(q->value[i], "false") == 0 ? 0 : -1;
        if (v < 0 && mock_mutant("get_property_lists_any_value")) v = 0;
        if (v < 0 || (seen >= 0 && v != seen)) {
            cJSON *d = mj_param_details(param);
            if (!d)
                reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory");
            else if (v < 0)
                reply_error(r, 400, "VALIDATION_ERROR", NULL, d,
                            "query parameter %s: expected true or false, got \"%s\"", param, q->value[i]);
            else
                reply_error(r, 400, "VALIDATION_ERROR", NULL, d,
                            "query parameter %s: given more than once with different values", param);
            return 0;
        }
        seen = v;
    }
    *on = seen == 1;
    return 1;
}

void api_get(const mock_app *app, const char *id, const mock_query *q, mock_reply *r)
{
    store_lock(app->store);
    const mock_campaign *c = store_find(app->store, id);
    int lists = 0;
    if (!c) {
        if (mock_mutant("get_unknown_400"))
            reply_error(r, 400, "VALIDATION_ERROR", NULL, NULL, "campaign %s not found", id);
        else
            reply_error(r, 404, "NOT_FOUND", NULL, NULL, "campaign %s not found", id);
    } else if (property_lists_param(q, &lists, r)) {
        if (mock_mutant("get_property_lists_ignored")) lists = 0;
        reply_campaign(r, 200, c, app->fx);
        if (mock_mutant("get_created_at_now") && r->status == 200) {
            char now[MOCK_TIME_LEN];
            mock_now(now);
            cJSON *camp = mj_child(r->body, "campaign");
            cJSON_ReplaceItemInObject(camp, "createdAt", cJSON_CreateString(now));
        }
        cJSON *camp = r->status == 200 ? mj_child(r->body, "campaign") : NULL;
        cJSON *pl = camp && lists ? render_property_lists(c, app->fx) : NULL;
        if (camp && lists && (!pl || !cJSON_AddItemToObject(camp, "propertyLists", pl))) {
            cJSON_Delete(pl);
            reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory");
        }
    }
    store_unlock(app->store);
}

/* Parse one comma-separated status filter into a bitmask of the statuses
 * parse() knows; 0 with a 400 in r on an unknown value. */
static int parse_filter(const char *param, const char *value, int (*parse)(const char *),
                        unsigned *mask, mock_reply *r)
{
    char *buf = strdup(value), *save = NULL; /* the whole list, however long */
    if (!buf) {
        reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory");
        return 0;
    }
    int ok = 1;
    for (char *tok = strtok_r(buf, ",", &save); tok && ok; tok = strtok_r(NULL, ",", &save)) {
        while (*tok == ' ') tok++;
        size_t l = strlen(tok);
        while (l && tok[l - 1] == ' ') tok[--l] = 0;
        int s = parse(tok);
        if (s < 0 && mock_mutant("list_invalid_status_ignored")) continue;
        if (s < 0) {
            cJSON *d = mj_param_details(param);
            if (d)
                reply_error(r, 400, "VALIDATION_ERROR", NULL, d,
                            "query parameter %s: unknown status \"%s\"", param, tok);
            else
                reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory");
            ok = 0;
            continue;
        }
        *mask |= 1u << s;
        if (mock_mutant("list_status_first_only")) break;
    }
    free(buf);
    return ok;
}

/* ?offset= / ?limit=: a whole number from min to 2^53 - 1, the same each
 * time it is repeated; *out keeps its default when absent.  0 with a 400
 * (details {parameter}) in r otherwise. */
static int count_param(const mock_query *q, const char *param, unsigned long long min,
                       unsigned long long *out, mock_reply *r)
{
    int seen = 0;
    for (size_t i = 0; i < q->n; i++) {
        if (strcmp(q->key[i], param) != 0) continue;
        const char *v = q->value[i];
        size_t n = strspn(v, "0123456789");
        unsigned long long x = n && n <= 16 && !v[n] ? strtoull(v, NULL, 10) : 0;
        int bad = !n || n > 16 || v[n] || x < min || x > 9007199254740991ULL;
        if (bad || (seen && x != *out)) {
            cJSON *d = mj_param_details(param);
            if (!d) reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory");
            else if (bad)
                reply_error(r, 400, "VALIDATION_ERROR", NULL, d,
                            "query parameter %s: expected a whole number from %llu, got \"%s\"", param, min, v);
            else
                reply_error(r, 400, "VALIDATION_ERROR", NULL, d,
                            "query parameter %s: given more than once with different values", param);
            return 0;
        }
        *out = x;
        seen = 1;
    }
    return 1;
}

/* The filters and the page a list request asks for. */
typedef struct list_query {
    unsigned status_mask, buy_mask;
    unsigned long long offset, limit;
} list_query;

static int read_list_query(const mock_query *q, list_query *lq, mock_reply *r)
{
    memset(lq, 0, sizeof *lq);
    lq->limit = 9007199254740991ULL;
    for (size_t i = 0; i < q->n; i++) {
        if (strcmp(q->key[i], "status") == 0 &&
            !parse_filter("status", q->value[i], campaign_status_parse, &lq->status_mask, r))
            return 0;
        if (strcmp(q->key[i], "mediaBuyStatus") == 0 &&
            !parse_filter("mediaBuyStatus", q->value[i], buy_status_parse, &lq->buy_mask, r))
            return 0;
    }
    int ok = count_param(q, "offset", 0, &lq->offset, r) && count_param(q, "limit", 1, &lq->limit, r);
    if (mock_mutant("list_limit_ignored")) lq->limit = 9007199254740991ULL;
    return ok;
}

static int list_matches(const list_query *lq, const mock_campaign *c)
{
    if (mock_mutant("list_status_filter_ignored")) return 1;
    if (lq->status_mask && !(lq->status_mask & (1u << c->status))) return 0;
    if (!lq->buy_mask || mock_mutant("list_buy_status_filter_ignored")) return 1;
    int s = campaign_surfaced_status(c);
    return s >= 0 && (lq->buy_mask & (1u << s));
}

/* Room the page leaves for the wrapper {"campaigns":[...],"total":N}. */
#define LIST_WRAPPER_BYTES 64

/* Append c's summary to list when the page has room: 1 added, 0 page full
 * (it always takes a first summary), -1 out of memory.  *bytes counts the
 * page's text so far. */
static int page_add(cJSON *list, const mock_campaign *c, size_t *bytes)
{
    cJSON *sum = render_summary(c);
    char *text = sum ? mj_print(sum) : NULL;
    size_t len = text ? strlen(text) + 1 : 0;   /* with its comma */
    free(text);
    if (!len) { cJSON_Delete(sum); return -1; }
    if (*bytes && *bytes + len > MOCK_LIST_MAX_BYTES - LIST_WRAPPER_BYTES) {
        cJSON_Delete(sum);
        return 0;
    }
    if (!mj_add(list, NULL, sum)) return -1;
    *bytes += len;
    return 1;
}

void api_list(const mock_app *app, const mock_query *q, mock_reply *r)
{
    list_query lq;
    if (!read_list_query(q, &lq, r)) return;
    cJSON *body = cJSON_CreateObject();
    cJSON *list = mj_add_arr(body, "campaigns");
    int ok = list != NULL, open = 1;
    unsigned long long total = 0, taken = 0;
    size_t bytes = 0;
    store_lock(app->store);
    for (size_t i = 0; ok && i < store_count(app->store); i++) {
        const mock_campaign *c = store_at(app->store, i);
        if (!list_matches(&lq, c)) {
            if (mock_mutant("list_total_unfiltered")) total++;
            continue;
        }
        if (open && total >= lq.offset && taken < lq.limit) {
            int a = page_add(list, c, &bytes);
            if (a < 0) ok = 0;
            else if (a == 0) open = 0;     /* the rest is for the next page */
            else taken++;
        }
        total++;
    }
    store_unlock(app->store);
    ok &= mj_add_num(body, "total", (double)total);
    if (!ok) { cJSON_Delete(body); reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory"); return; }
    cJSON_Delete(r->body);
    r->status = 200;
    r->body = body;
    r->schema = "campaign-list-response";
}
