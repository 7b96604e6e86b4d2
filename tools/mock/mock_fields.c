/* mock_fields.c - campaign members from request bodies (see mock_fields.h). */
#include "mock_fields.h"
#include "mock_json.h"
#include "mock_shape.h"
#include "campaign/json_value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(mock_reply *r)
{
    reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory");
}

const char *fields_enum(const char *s, const char *const *values)
{
    for (size_t i = 0; s && values[i]; i++)
        if (strcmp(s, values[i]) == 0) return values[i];
    return NULL;
}

int fields_budget_total(const mock_app *app, const cJSON *total, const char *field,
                        mock_cents *out, mock_reply *r)
{
    mock_cents c;
    if (!cJSON_IsNumber(total) || money_from_number(total->valuedouble, &c) != 0 || c < 1) {
        reply_error(r, 400, "VALIDATION_ERROR", field, NULL,
                    "budget.total must be between 0.01 and 1000000000000 (amounts are kept in cents)");
        return -1;
    }
    if (campaign_media_budget(app->fx, c) < 1) {
        reply_error(r, 400, "VALIDATION_ERROR", field, NULL,
                    "budget.total %.2f leaves no media budget after fees", money_to_number(c));
        return -1;
    }
    *out = c;
    return 0;
}

static const char *const budget_pacings[] = { "EVEN", "ASAP", "FRONTLOADED", NULL };

int fields_budget_rest(mock_campaign *c, const cJSON *budget, mock_reply *r)
{
    (void)r;
    const char *cur = mj_string(budget, "currency");
    if (cur) snprintf(c->currency, sizeof c->currency, "%s", cur);
    const cJSON *cap = mj_get(budget, "dailyCap");
    if (cJSON_IsNumber(cap)) { c->has_daily_cap = 1; c->daily_cap = cap->valuedouble; }
    const char *pacing = fields_enum(mj_string(budget, "pacing"), budget_pacings);
    if (pacing) c->budget_pacing = pacing;
    return 0;
}

int fields_check_storefronts(const mock_app *app, const cJSON *ids, mock_reply *r)
{
    const cJSON *e;
    size_t i = 0;
    cJSON_ArrayForEach(e, ids) {
        if (!cJSON_IsNumber(e) || !fixtures_storefront(app->fx, (int64_t)e->valuedouble)) {
            char field[64];
            snprintf(field, sizeof field, "/storefrontIds/%zu", i);
            char nb[40];
            reply_error(r, 404, "NOT_FOUND", field, NULL, "storefront %s not found",
                        cJSON_IsNumber(e) ? jv_number_text(e, nb, sizeof nb) : "0");
            return -1;
        }
        i++;
    }
    return 0;
}

int fields_set_echo(mock_campaign *c, const char *key, const cJSON *v, mock_reply *r)
{
    if (!c->echo && !(c->echo = cJSON_CreateObject())) { oom(r); return -1; }
    cJSON_DeleteItemFromObjectCaseSensitive(c->echo, key);
    if (!v || cJSON_IsNull(v)) return 0;
    cJSON *copy = shape_echo(key, v);   /* only what the response declares */
    if (!copy || !cJSON_AddItemToObject(c->echo, key, copy)) { cJSON_Delete(copy); oom(r); return -1; }
    return 0;
}

/* Index of the audience (id, type) in the list, or -1. */
static int find_audience(const cJSON *list, const char *id, const char *type)
{
    int i = 0;
    const cJSON *a;
    cJSON_ArrayForEach(a, list) {
        const char *aid = mj_string(a, "audienceId"), *at = mj_string(a, "type");
        if (aid && at && strcmp(aid, id) == 0 && strcmp(at, type) == 0) return i;
        i++;
    }
    return -1;
}

static int listed(const cJSON *ids, const char *id)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, ids)
        if (cJSON_IsString(e) && strcmp(e->valuestring, id) == 0) return 1;
    return 0;
}

int fields_audiences(mock_campaign *c, const cJSON *cfg, int replace, mock_reply *r)
{
    static const char *const keys[2] = { "targetAudienceIds", "suppressAudienceIds" };
    static const char *const types[2] = { "TARGET", "SUPPRESS" };
    if (!c->audiences && !(c->audiences = cJSON_CreateArray())) { oom(r); return -1; }
    if (replace) {
        /* deleteMissing: keep only what this request lists */
        for (int i = cJSON_GetArraySize(c->audiences) - 1; i >= 0; i--) {
            const cJSON *a = cJSON_GetArrayItem(c->audiences, i);
            const char *aid = mj_string(a, "audienceId"), *at = mj_string(a, "type");
            int t = at && strcmp(at, "SUPPRESS") == 0;
            if (!aid || !listed(mj_get(cfg, keys[t]), aid))
                cJSON_DeleteItemFromArray(c->audiences, i);
        }
    }
    char now[MOCK_TIME_LEN];
    mock_now(now);
    for (int t = 0; t < 2; t++) {
        const cJSON *e;
        cJSON_ArrayForEach(e, mj_get(cfg, keys[t])) {
            if (!cJSON_IsString(e) || find_audience(c->audiences, e->valuestring, types[t]) >= 0)
                continue;
            cJSON *a = cJSON_CreateObject();
            int ok = mj_add_str(a, "audienceId", e->valuestring);
            ok &= mj_add_null(a, "name");
            ok &= mj_add_str(a, "status", "READY");
            ok &= mj_add_str(a, "type", types[t]);
            ok &= mj_add_str(a, "enabledAt", now);
            if (!ok) { cJSON_Delete(a); oom(r); return -1; }
            if (!mj_add(c->audiences, NULL, a)) { oom(r); return -1; }
        }
    }
    return 0;
}

int fields_utm(mock_campaign *c, const cJSON *cfg, mock_reply *r)
{
    cJSON *cur = c->echo ? mj_child(c->echo, "utmConfig") : NULL;
    if (!cur || mj_bool(cfg, "deleteMissing", 0)) return fields_set_echo(c, "utmConfig", cfg, r);
    /* additive: a listed key overrides, other keys stay */
    cJSON *params = mj_child(cur, "params");
    if (!cJSON_IsArray(params)) return fields_set_echo(c, "utmConfig", cfg, r);
    const cJSON *p;
    cJSON_ArrayForEach(p, mj_get(cfg, "params")) {
        const char *key = mj_string(p, "paramKey");
        if (!key) continue;
        for (int i = cJSON_GetArraySize(params) - 1; i >= 0; i--) {
            const char *k = mj_string(cJSON_GetArrayItem(params, i), "paramKey");
            if (k && strcmp(k, key) == 0) cJSON_DeleteItemFromArray(params, i);
        }
        if (!mj_add(params, NULL, json_copy(p))) { oom(r); return -1; }
    }
    return 0;
}

int fields_data_delivery(mock_store *st, mock_campaign *c, const cJSON *dd, mock_reply *r)
{
    /* outputs is optional: {} keeps the campaign's outputs (none on create) */
    const cJSON *outputs = mj_get(dd, "outputs");
    if (!outputs) {
        if (!c->data_delivery && !(c->data_delivery = cJSON_CreateObject())) { oom(r); return -1; }
        return 0;
    }
    cJSON *echo = cJSON_CreateObject();
    cJSON *outs = echo ? cJSON_AddArrayToObject(echo, "outputs") : NULL;
    if (!outs) { cJSON_Delete(echo); oom(r); return -1; }
    char now[MOCK_TIME_LEN];
    mock_now(now);
    const cJSON *o;
    cJSON_ArrayForEach(o, outputs) {
        /* the declared input members; the rest is the server's */
        cJSON *e = shape_data_delivery_output(o);
        if (!e || !cJSON_AddItemToArray(outs, e)) { cJSON_Delete(e); cJSON_Delete(echo); oom(r); return -1; }
        char id[MOCK_ID_LEN], cred[96];
        store_next_id(st, ID_OUTPUT, id);
        int ok = mj_add_str(e, "outputConfigId", id);
        const char *name = mj_string(o, "credentialName");
        if (name) {
            snprintf(cred, sizeof cred, "cred_%s", name);
            ok &= mj_add_str(e, "credentialId", cred);
        }
        if (!mj_child(e, "enabled")) ok &= mj_add_bool(e, "enabled", 1);
        cJSON *cfg = mj_child(e, "deliveryConfig");
        if (cJSON_IsObject(cfg)) {
            /* the documented defaults, so a returned config always has both */
            if (!mj_child(cfg, "pathPrefix")) ok &= mj_add_str(cfg, "pathPrefix", "");
            if (!mj_child(cfg, "format")) ok &= mj_add_str(cfg, "format", "JSONL");
        }
        ok &= mj_add_str(e, "source", "campaign");
        ok &= mj_add_str(e, "createdAt", now);
        ok &= mj_add_str(e, "updatedAt", now);
        if (!ok) { cJSON_Delete(echo); oom(r); return -1; }
    }
    cJSON_Delete(c->data_delivery);
    c->data_delivery = echo;
    return 0;
}

int fields_caps(mock_store *st, mock_campaign *c, const cJSON *caps, mock_reply *r)
{
    size_t n = (size_t)cJSON_GetArraySize(caps);
    mock_cap *list = n ? calloc(n, sizeof *list) : NULL;
    if (n && !list) { oom(r); return -1; }
    char now[MOCK_TIME_LEN];
    mock_now(now);
    size_t i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, caps) {
        /* only the input members: id, timestamps and target are the server's */
        cJSON *in = cJSON_CreateObject();
        cJSON *mi = json_copy(mj_get(e, "max_impressions")), *win = json_copy(mj_get(e, "window"));
        if (!in || !mi || !win) {
            cJSON_Delete(in); cJSON_Delete(mi); cJSON_Delete(win);
            for (size_t j = 0; j < i; j++) cJSON_Delete(list[j].input);
            free(list);
            oom(r);
            return -1;
        }
        list[i].input = in;
        int ok = mj_add(in, "max_impressions", mi);   /* mj_add frees what it cannot add */
        if (ok) ok = mj_add(in, "window", win);
        else cJSON_Delete(win);
        if (!ok) {
            for (size_t j = 0; j <= i; j++) cJSON_Delete(list[j].input);
            free(list);
            oom(r);
            return -1;
        }
        store_next_id(st, ID_CAP, list[i].id);
        memcpy(list[i].created_at, now, sizeof now);
        memcpy(list[i].updated_at, now, sizeof now);
        i++;
    }
    for (size_t j = 0; j < c->n_caps; j++) cJSON_Delete(c->caps[j].input);
    free(c->caps);
    c->caps = list;
    c->n_caps = n;
    return 0;
}
