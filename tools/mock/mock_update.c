/* mock_update.c - PUT /campaigns/{id}: partial update and mediaBuys[].
 *
 * The update runs on a copy of the campaign; only when every member and
 * every media buy action succeeded is the copy swapped in, so a rejected
 * request (400, 404, 409) leaves the campaign exactly as it was.
 * Entries on buys of seller-managed storefronts are checked like any other
 * but not applied: each becomes a proposal and the reply is 202. */
#include "mock_api.h"
#include "mock_budget.h"
#include "mock_fields.h"
#include "mock_json.h"
#include "mock_shape.h"
#include "mock_mutant.h"
#include "campaign/format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const apply_modes[] = { "AUTO", "MANUAL", NULL };
static const char *const package_pacings[] = { "even", "asap", "front_loaded", NULL };

static void oom(mock_reply *r)
{
    reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory");
}

/* Pointer "base/key" or "base/key/i" into out. */
static const char *ptr(char *out, size_t n, const char *base, const char *key, long idx)
{
    snprintf(out, n, "%s", base);
    mj_ptr_add(out, n, key);
    if (idx >= 0) mj_ptr_add_index(out, n, (size_t)idx);
    return out;
}

/* A buy without live packages is canceled (what canceling its last
 * packages means). */
static void cancel_if_empty(mock_buy *b)
{
    for (size_t j = 0; j < b->n_pkgs; j++)
        if (buy_status_is_live(b->pkgs[j].status)) return;
    if (buy_status_is_live(b->status)) b->status = BS_CANCELED;
}

/* Set a package budget the request names explicitly (c cents). */
static int set_package_budget(mock_buy *b, mock_package *p, mock_cents c, const char *field,
                              mock_reply *r)
{
    if (c != p->budget && b->agent->refuses_budget_updates && !buy_is_seller_managed(b) &&
        !mock_mutant("budget_explicit_refusal_ignored")) {
        cJSON *d = cJSON_CreateObject();
        int ok = mj_add_str(d, "mediaBuyId", b->id);
        ok &= mj_add_str(d, "salesAgentId", b->agent->id);
        ok &= mj_add_str(d, "packageId", p->id);
        if (!ok) { cJSON_Delete(d); oom(r); return -1; }
        reply_error(r, 409, "SELLER_REJECTED", field, d,
                    "sales agent %s refused the budget update of package %s; nothing was changed",
                    b->agent->id, p->id);
        return -1;
    }
    p->budget = c;
    p->explicit_budget = 1;
    return 0;
}

/* A budget member as cents: 400 when out of range. */
static int budget_cents(const cJSON *v, const char *field, mock_cents *out, mock_reply *r)
{
    if (!cJSON_IsNumber(v) || money_from_number(v->valuedouble, out) != 0 || *out < 1) {
        reply_error(r, 400, "VALIDATION_ERROR", field, NULL,
                    "budget must be between 0.01 and 1000000000000 (amounts are kept in cents)");
        return -1;
    }
    return 0;
}

static void set_bid(mock_package *p, const cJSON *v)
{
    if (cJSON_IsNumber(v)) { p->has_bid = 1; p->bid = v->valuedouble; }
    else if (cJSON_IsNull(v)) { p->has_bid = 0; p->bid = 0; }
}

static int update_packages(mock_buy *b, const cJSON *list, const char *base, mock_reply *r)
{
    const cJSON *e;
    long j = 0;
    char f[256], g[256];
    cJSON_ArrayForEach(e, list) {
        const char *pid = mj_string(e, "packageId");
        mock_package *p = buy_package(b, pid);
        snprintf(g, sizeof g, "%s", ptr(f, sizeof f, base, "packages", j));
        if (!p) {
            reply_error(r, 404, "NOT_FOUND", ptr(f, sizeof f, g, "packageId", -1), NULL,
                        "package %s not found in media buy %s", pid ? pid : "?", b->id);
            return -1;
        }
        if (!buy_status_is_live(p->status) && !mock_mutant("mb_update_canceled_ok")) {
            reply_error(r, 400, "VALIDATION_ERROR", ptr(f, sizeof f, g, "packageId", -1), NULL,
                        "package %s is %s and cannot be updated", p->id, buy_status_name(p->status));
            return -1;
        }
        const cJSON *budget = mj_get(e, "budget");
        mock_cents c;
        if (budget && (budget_cents(budget, ptr(f, sizeof f, g, "budget", -1), &c, r) != 0 ||
                       set_package_budget(b, p, c, f, r) != 0))
            return -1;
        const char *pacing = fields_enum(mj_string(e, "pacing"), package_pacings);
        if (pacing && !mock_mutant("mb_package_pacing_ignored")) p->pacing = pacing;
        if (!(mock_mutant("mb_bid_null_kept") && cJSON_IsNull(mj_get(e, "bid_price"))))
            set_bid(p, mj_get(e, "bid_price"));
        j++;
    }
    return 0;
}

static int update_products(mock_buy *b, const cJSON *list, const char *base, mock_reply *r)
{
    const cJSON *e;
    long j = 0;
    char f[256], g[256];
    cJSON_ArrayForEach(e, list) {
        const char *pid = mj_string(e, "product_id");
        snprintf(g, sizeof g, "%s", ptr(f, sizeof f, base, "products", j));
        size_t k, live = 0;
        for (k = 0; k < b->n_products; k++)
            if (pid && strcmp(b->products[k]->id, pid) == 0) break;
        if (k == b->n_products) {
            reply_error(r, 404, "NOT_FOUND", ptr(f, sizeof f, g, "product_id", -1), NULL,
                        "product %s is not part of media buy %s (the mock does not add products "
                        "to a running buy)", pid ? pid : "?", b->id);
            return -1;
        }
        const fx_product *prod = b->products[k];
        for (size_t q = 0; q < b->n_pkgs; q++)
            if (b->pkgs[q].product == prod && buy_status_is_live(b->pkgs[q].status)) live++;
        if (mj_bool(e, "remove", 0)) {
            for (size_t q = 0; q < b->n_pkgs; q++)
                if (b->pkgs[q].product == prod && buy_status_is_live(b->pkgs[q].status))
                    b->pkgs[q].status = BS_CANCELED;
            cancel_if_empty(b);
            j++;
            continue;
        }
        const cJSON *budget = mj_get(e, "budget");
        if (budget && live == 0) {
            reply_error(r, 400, "VALIDATION_ERROR", ptr(f, sizeof f, g, "budget", -1), NULL,
                        "product %s has no live package in media buy %s", prod->id, b->id);
            return -1;
        }
        mock_cents total = 0;
        if (budget && budget_cents(budget, ptr(f, sizeof f, g, "budget", -1), &total, r) != 0)
            return -1;
        /* a product budget is split equally over its live packages (periods) */
        mock_cents parts[64];
        int64_t ones[64];
        size_t np = live < 64 ? live : 64, idx = 0;
        for (size_t q = 0; q < np; q++) ones[q] = 1;
        money_split(total, ones, np, parts);
        const char *pacing = fields_enum(mj_string(e, "pacing"), package_pacings);
        for (size_t q = 0; q < b->n_pkgs; q++) {
            mock_package *p = &b->pkgs[q];
            if (p->product != prod || !buy_status_is_live(p->status)) continue;
            if (budget && idx < np &&
                set_package_budget(b, p, parts[idx++], ptr(f, sizeof f, g, "budget", -1), r) != 0)
                return -1;
            if (pacing) p->pacing = pacing;
            set_bid(p, mj_get(e, "bid_price"));
        }
        j++;
    }
    return 0;
}

/* creative_ids: every id linked to the campaign (the fixture creatives are
 * linked to every campaign) and of a format one of the buy's products
 * accepts; never silently filtered. */
static int set_creatives(const mock_app *app, mock_buy *b, const cJSON *ids, const char *base,
                         mock_reply *r)
{
    size_t n = (size_t)cJSON_GetArraySize(ids), k = 0;
    const fx_creative **list = n ? calloc(n, sizeof *list) : NULL;
    if (n && !list) { oom(r); return -1; }
    const cJSON *e;
    long i = 0;
    char f[256];
    cJSON_ArrayForEach(e, ids) {
        ptr(f, sizeof f, base, "creative_ids", i);
        const char *id = cJSON_IsString(e) ? e->valuestring : "?";
        const fx_creative *cr = fixtures_creative(app->fx, id);
        if (!cr) {
            free(list);
            reply_error(r, 400, "VALIDATION_ERROR", f, NULL,
                        "creative %s is not linked to this campaign", id);
            return -1;
        }
        int accepted = 0;
        for (size_t p = 0; p < b->n_products && !accepted; p++)
            accepted = product_accepts_format(b->products[p], cr->format);
        if (!accepted) {
            free(list);
            reply_error(r, 400, "VALIDATION_ERROR", f, NULL,
                        "creative %s has format %s, which no product of media buy %s accepts",
                        id, cr->format->id, b->id);
            return -1;
        }
        int dup = 0;
        for (size_t q = 0; q < k; q++) dup |= list[q] == cr;
        if (!dup) list[k++] = cr;
        i++;
    }
    free(b->creatives);
    b->creatives = list;
    b->n_creatives = k;
    b->creatives_explicit = 1;
    return 0;
}

static int set_time(char **dst, const cJSON *v, const char *field, mock_reply *r)
{
    if (!v) return 0;
    if (!cJSON_IsString(v) || format_check("date-time", v->valuestring, strlen(v->valuestring)) != 1) {
        reply_error(r, 400, "VALIDATION_ERROR", field, NULL,
                    "expected an RFC 3339 date-time with an offset, e.g. 2026-05-01T00:00:00Z");
        return -1;
    }
    char *s = strdup(v->valuestring);
    if (!s) { oom(r); return -1; }
    free(*dst);
    *dst = s;
    return 0;
}

static int action_update(const mock_app *app, mock_buy *b, const cJSON *e, const char *base,
                         mock_reply *r)
{
    char f[256];
    if (!buy_status_is_live(b->status) && !mock_mutant("mb_update_canceled_ok")) {
        reply_error(r, 400, "VALIDATION_ERROR", ptr(f, sizeof f, base, "mediaBuyId", -1), NULL,
                    "media buy %s is %s and cannot be updated", b->id, buy_status_name(b->status));
        return -1;
    }
    const char *name = mj_string(e, "name");
    if (name && !mock_mutant("mb_rename_ignored")) {
        char *s = strdup(name);
        if (!s) { oom(r); return -1; }
        free(b->name);
        b->name = s;
    }
    if (update_packages(b, mj_get(e, "packages"), base, r) != 0) return -1;
    if (update_products(b, mj_get(e, "products"), base, r) != 0) return -1;
    const cJSON *pp = mj_get(e, "pacingPeriods");
    if (pp) {
        cJSON *copy = cJSON_IsNull(pp) ? NULL : shape_pacing_periods(pp);
        if (!cJSON_IsNull(pp) && !copy) { oom(r); return -1; }
        cJSON_Delete(b->pacing_periods);
        b->pacing_periods = copy;
    }
    const cJSON *goals = mj_get(e, "optimization_goals");
    if (goals && mock_mutant("mb_goals_appended") && b->goals) {
        /* the new goals are added to the old ones instead of replacing them */
        const cJSON *g;
        cJSON_ArrayForEach(g, goals) {
            cJSON *copy = json_copy(g);
            if (!copy || !cJSON_AddItemToArray(b->goals, copy)) { cJSON_Delete(copy); oom(r); return -1; }
        }
        goals = NULL;
    }
    if (goals) {
        cJSON *copy = json_copy(goals);
        if (!copy) { oom(r); return -1; }
        cJSON_Delete(b->goals);
        b->goals = copy;
    }
    if (set_time(&b->start_time, mj_get(e, "start_time"), ptr(f, sizeof f, base, "start_time", -1), r) != 0 ||
        set_time(&b->end_time, mj_get(e, "end_time"), ptr(f, sizeof f, base, "end_time", -1), r) != 0)
        return -1;
    const cJSON *cr = mj_get(e, "creative_ids");
    if (cr && set_creatives(app, b, cr, base, r) != 0) return -1;
    return 0;
}

static int action_cancel(mock_buy *b, const cJSON *e, const char *base, mock_reply *r)
{
    const cJSON *ids = mj_get(e, "packageIds");
    if (!ids) {
        if (buy_status_is_live(b->status)) b->status = BS_CANCELED;
        for (size_t j = 0; j < b->n_pkgs && !mock_mutant("mb_cancel_keeps_packages"); j++)
            if (buy_status_is_live(b->pkgs[j].status)) b->pkgs[j].status = BS_CANCELED;
        return 0;
    }
    const cJSON *id;
    long k = 0;
    char f[256];
    cJSON_ArrayForEach(id, ids) {
        mock_package *p = buy_package(b, cJSON_IsString(id) ? id->valuestring : NULL);
        if (!p && mock_mutant("mb_cancel_unknown_package_ignored")) { k++; continue; }
        if (!p) {
            reply_error(r, 404, "NOT_FOUND", ptr(f, sizeof f, base, "packageIds", k), NULL,
                        "package %s not found in media buy %s",
                        cJSON_IsString(id) ? id->valuestring : "?", b->id);
            return -1;
        }
        if (buy_status_is_live(p->status)) p->status = BS_CANCELED;
        k++;
    }
    cancel_if_empty(b);
    return 0;
}

static void action_delete(mock_buy *b)
{
    int to = mock_mutant("mb_delete_cancels") ? BS_CANCELED : BS_ARCHIVED;
    b->status = to;
    for (size_t j = 0; j < b->n_pkgs; j++) b->pkgs[j].status = to;
}

/* One mediaBuys[] entry; proposals collects the seller-managed ones. */
static int apply_entry(const mock_app *app, mock_campaign *w, const cJSON *e, size_t i,
                       cJSON *proposals, int *budgets_touched, mock_reply *r)
{
    char base[64], f[256];
    snprintf(base, sizeof base, "/mediaBuys/%zu", i);
    const char *action = mj_string(e, "action");
    if (!action) action = "update";
    const char *id = mj_string(e, "mediaBuyId");
    mock_buy *b = campaign_buy(w, id);
    if (!b) {
        reply_error(r, mock_mutant("mb_unknown_400") ? 400 : 404,
                    mock_mutant("mb_unknown_400") ? "VALIDATION_ERROR" : "NOT_FOUND",
                    ptr(f, sizeof f, base, "mediaBuyId", -1), NULL,
                    "media buy %s not found in campaign %s", id ? id : "?", w->id);
        return -1;
    }
    if (mj_get(e, "creative_ids") && strcmp(action, "update") != 0) {
        reply_error(r, 400, "VALIDATION_ERROR", ptr(f, sizeof f, base, "creative_ids", -1), NULL,
                    "creative_ids is only valid with action \"update\" (got \"%s\")", action);
        return -1;
    }
    mock_buy tmp;
    if (!buy_clone(&tmp, b)) { buy_free_members(&tmp); oom(r); return -1; }
    int rc;
    if (strcmp(action, "cancel") == 0) rc = action_cancel(&tmp, e, base, r);
    else if (strcmp(action, "delete") == 0) { action_delete(&tmp); rc = 0; }
    else rc = action_update(app, &tmp, e, base, r);
    if (rc != 0) { buy_free_members(&tmp); return -1; }
    if (buy_is_seller_managed(b) && !mock_mutant("proposal_as_200")) {
        /* checked, not applied: the seller has to approve it */
        if (mock_mutant("proposal_applied_at_once")) {
            mock_now(tmp.updated_at);
            buy_free_members(b);
            *b = tmp;
            memset(&tmp, 0, sizeof tmp);
        }
        buy_free_members(&tmp);
        char pid[MOCK_ID_LEN];
        store_next_id(app->store, ID_PROPOSAL, pid);
        cJSON *p = cJSON_CreateObject();
        int ok = mj_add_str(p, "proposalId", pid);
        ok &= mj_add_str(p, "mediaBuyId", b->id);
        ok &= mj_add_str(p, "status", "PENDING_SELLER_APPROVAL");
        if (!ok) { cJSON_Delete(p); oom(r); return -1; }
        if (!mj_add(proposals, NULL, p)) { oom(r); return -1; }
        return 0;
    }
    for (size_t j = 0; j < tmp.n_pkgs; j++) *budgets_touched |= tmp.pkgs[j].explicit_budget;
    mock_now(tmp.updated_at);
    buy_free_members(b);
    *b = tmp;
    return 0;
}

/* Campaign-level members of the body. */
static int apply_members(const mock_app *app, const mock_campaign *c, mock_campaign *w,
                         const cJSON *body, mock_reply *r)
{
    const char *type = mj_string(body, "campaignType");
    const cJSON *tv = mj_get(body, "campaignType");
    if (tv && (!type || strcmp(type, c->type) != 0) && !mock_mutant("update_campaign_type_mutable")) {
        reply_error(r, 400, "VALIDATION_ERROR", "/campaignType", NULL,
                    "campaignType is immutable after creation (this campaign is %s)", c->type);
        return -1;
    }
    const cJSON *pp = mj_get(body, "pacingPeriods");
    if (pp && c->status != CS_DRAFT && !mock_mutant("update_pacing_periods_any_status")) {
        reply_error(r, 400, "VALIDATION_ERROR", "/pacingPeriods", NULL,
                    "pacingPeriods can only be changed on a DRAFT campaign (this one is %s)",
                    campaign_status_name(c->status));
        return -1;
    }
    const char *disc = mj_string(body, "discoveryId");
    if (disc && c->status != CS_DRAFT && !mock_mutant("update_discovery_any_status")) {
        reply_error(r, 400, "VALIDATION_ERROR", "/discoveryId", NULL,
                    "a discovery session can only be attached to a DRAFT campaign (this one is %s)",
                    campaign_status_name(c->status));
        return -1;
    }
    if (disc && !fixtures_session(app->fx, disc)) {
        reply_error(r, 404, "NOT_FOUND", "/discoveryId", NULL, "discovery session %s not found", disc);
        return -1;
    }
    if (fields_check_storefronts(app, mj_get(body, "storefrontIds"), r) != 0) return -1;
    static const char *const echoed[] = {
        "brief", "flightDates", "constraints", "storefrontIds", "performanceConfig",
        "catalogId", "discoveryId", "pacingPeriods", NULL
    };
    if (mock_mutant("update_omitted_brief_cleared") && !mj_get(body, "brief"))
        cJSON_DeleteItemFromObjectCaseSensitive(w->echo, "brief");
    for (size_t i = 0; echoed[i]; i++) {
        const cJSON *v = mj_get(body, echoed[i]);
        if (v && fields_set_echo(w, echoed[i], v, r) != 0) return -1;
    }
    const char *name = mj_string(body, "name");
    if (name) {
        char *s = strdup(name);
        if (!s) { oom(r); return -1; }
        free(w->name);
        w->name = s;
    }
    const char *mode = fields_enum(mj_string(body, "optimizationApplyMode"), apply_modes);
    if (mode && !mock_mutant("update_apply_mode_ignored")) w->apply_mode = mode;
    const cJSON *aud = mj_get(body, "audienceConfig");
    if (aud && fields_audiences(w, aud, mj_bool(aud, "deleteMissing", 0), r) != 0) return -1;
    const cJSON *utm = mj_get(body, "utmConfig");
    if (utm && fields_utm(w, utm, r) != 0) return -1;
    const cJSON *dd = mj_get(body, "dataDelivery");
    if (dd && fields_data_delivery(app->store, w, dd, r) != 0) return -1;
    const cJSON *caps = mj_get(body, "frequencyCaps");
    if (caps && cJSON_GetArraySize(caps) == 0 && mock_mutant("update_caps_empty_no_clear")) caps = NULL;
    if (caps && fields_caps(app->store, w, caps, r) != 0) return -1;
    const cJSON *budget = mj_get(body, "budget");
    if (budget && mock_mutant("update_budget_wipes_pacing")) w->budget_pacing = NULL;
    if (budget) fields_budget_rest(w, budget, r);
    return 0;
}

static int apply_update(const mock_app *app, const mock_campaign *c, mock_campaign *w,
                        const cJSON *body, cJSON *proposals, mock_reply *r)
{
    if (apply_members(app, c, w, body, r) != 0) return -1;
    int touched = 0;
    const cJSON *e;
    size_t i = 0;
    cJSON_ArrayForEach(e, mj_get(body, "mediaBuys")) {
        if (apply_entry(app, w, e, i, proposals, &touched, r) != 0) return -1;
        i++;
    }
    const cJSON *total = mj_get(mj_get(body, "budget"), "total");
    mock_cents new_total = w->total;
    if (total && fields_budget_total(app, total, "/budget/total", &new_total, r) != 0) return -1;
    return budget_apply(app, w, total != NULL, new_total, touched, r);
}

/* Mutants only: undo the generated reductions - give dst's packages whose
 * budget the request did not set (flags: w, the updated campaign) the
 * budgets they have in src (same buys, same packages: an update never adds
 * either). */
static void copy_package_budgets(mock_campaign *dst, const mock_campaign *src, const mock_campaign *w)
{
    for (size_t i = 0; i < dst->n_buys && i < src->n_buys; i++)
        for (size_t j = 0; j < dst->buys[i].n_pkgs && j < src->buys[i].n_pkgs; j++)
            if (!w->buys[i].pkgs[j].explicit_budget)
                dst->buys[i].pkgs[j].budget = src->buys[i].pkgs[j].budget;
}

/* 202 {proposals} (taken from *proposals on success), or a 500. */
static void reply_proposals(mock_reply *r, cJSON **proposals)
{
    cJSON *b = cJSON_CreateObject();
    if (!b || !cJSON_AddItemToObject(b, "proposals", *proposals)) {
        cJSON_Delete(b);
        oom(r);
        return;
    }
    *proposals = NULL;
    cJSON_Delete(r->body);
    r->status = 202;
    r->body = b;
    r->schema = "campaign-update-accepted-response";
}

void api_update(const mock_app *app, const char *id, const cJSON *body, mock_reply *r)
{
    store_lock(app->store);
    mock_campaign *c = store_find(app->store, id);
    if (!c) {
        store_unlock(app->store);
        if (mock_mutant("update_unknown_400"))
            reply_error(r, 400, "VALIDATION_ERROR", NULL, NULL, "campaign %s not found", id);
        else
            reply_error(r, 404, "NOT_FOUND", NULL, NULL, "campaign %s not found", id);
        return;
    }
    store_unlock(app->store);
    /* checked outside the lock: the schema check is the slow part */
    cJSON *req = api_read_request(app, "campaign-update-request", body, r);
    if (!req) return;
    store_lock(app->store);
    c = store_find(app->store, id);   /* campaigns are never removed, but be safe */
    if (!c) {
        store_unlock(app->store);
        cJSON_Delete(req);
        reply_error(r, 404, "NOT_FOUND", NULL, NULL, "campaign %s not found", id);
        return;
    }
    mock_campaign *w = campaign_clone(c);
    cJSON *proposals = cJSON_CreateArray();
    if (!w || !proposals) {
        oom(r);
    } else if (apply_update(app, c, w, req, proposals, r) == 0 && api_check_merged(app, w, r)) {
        mock_now(w->updated_at);
        if (mock_mutant("update_updated_at_reset"))
            memcpy(w->updated_at, w->created_at, sizeof w->updated_at);
        /* the answer first: a 500 while building it changes nothing */
        if (cJSON_GetArraySize(proposals) > 0) reply_proposals(r, &proposals);
        else if (mock_mutant("budget_reduction_response_stale")) {
            /* the answer shows the packages as they were before the reduction */
            mock_campaign *shown = campaign_clone(w);
            if (shown) copy_package_budgets(shown, c, w);
            reply_campaign(r, 200, shown ? shown : w, app->fx);
            campaign_free(shown);
        } else reply_campaign(r, 200, w, app->fx);
        if (mock_mutant("budget_reduction_not_stored") && r->status == 200) copy_package_budgets(w, c, w);
        int rc = r->status == 500 ? STORE_NOMEM : store_replace(app->store, c, w);
        if (rc == STORE_OK) w = NULL;
        else if (r->status != 500) reply_store_refused(r, app->store, rc);
    }
    if (w && mock_mutant("budget_refused_lowers_total") && r->status == 409) {
        const cJSON *t = mj_get(mj_get(req, "budget"), "total");
        mock_cents cents;
        if (cJSON_IsNumber(t) && money_from_number(t->valuedouble, &cents) == 0) c->total = cents;
    }
    if (w && mock_mutant("update_refused_applies_name") && r->status >= 400 && r->status < 500) {
        /* the name of a refused request is kept anyway */
        const char *name = mj_string(req, "name");
        char *s = name ? strdup(name) : NULL;
        if (s) { free(c->name); c->name = s; }
    }
    campaign_free(w);
    cJSON_Delete(proposals);
    store_unlock(app->store);
    cJSON_Delete(req);
}
