/* mock_execute.c - the lifecycle endpoints: execute, pause, reactivate,
 * and the media-buy-status poll.
 *
 * Allowed transitions (everything else is 409 INVALID_STATE_TRANSITION):
 *   execute     DRAFT -> ACTIVE, COMPLETED -> ACTIVE
 *   pause       ACTIVE -> PAUSED (cascades to every buy and package)
 *   reactivate  PAUSED -> ACTIVE (buys and packages get back the status
 *               they had before the pause) */
#include "mock_api.h"
#include "mock_json.h"
#include "mock_mutant.h"
#include "campaign/format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(mock_reply *r)
{
    reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory");
}

static void reject_transition(mock_reply *r, const mock_campaign *c, const char *op,
                              const char *const *allowed, const char *hint)
{
    cJSON *d = cJSON_CreateObject();
    int ok = mj_add_str(d, "currentStatus", campaign_status_name(c->status));
    cJSON *a = mj_add_arr(d, "allowedFrom");
    ok &= a != NULL;
    for (size_t i = 0; allowed[i]; i++) ok &= mj_add(a, NULL, cJSON_CreateString(allowed[i]));
    if (!ok) { cJSON_Delete(d); oom(r); return; }
    reply_error(r, mock_mutant("transition_409_as_400") ? 400 : 409,
                mock_mutant("transition_409_as_400") ? "VALIDATION_ERROR" : "INVALID_STATE_TRANSITION", NULL, d,
                "cannot %s campaign %s: it is %s%s", op, c->id, campaign_status_name(c->status),
                hint ? hint : "");
}

static cJSON *status_change_body(const char *id, int prev, int next, cJSON *errors)
{
    cJSON *b = cJSON_CreateObject();
    if (!b || !errors) { cJSON_Delete(b); cJSON_Delete(errors); return NULL; }
    int ok = mj_add_str(b, "campaignId", id);
    ok &= mj_add_str(b, "previousStatus", campaign_status_name(prev));
    ok &= mj_add_str(b, "newStatus", campaign_status_name(next));
    ok &= mj_add_bool(b, "success", cJSON_GetArraySize(errors) == 0);
    ok &= mj_add(b, "errors", errors);
    if (!ok) { cJSON_Delete(b); return NULL; }
    return b;
}

static void reply_body(mock_reply *r, cJSON *body, const char *schema)
{
    if (!body) { oom(r); return; }
    cJSON_Delete(r->body);
    r->status = 200;
    r->body = body;
    r->schema = schema;
}

/* ---- execute ---------------------------------------------------------- */

/* Days since 1970-01-01 of "YYYY-MM-DD"; 0 on junk (the request schema
 * has already refused it: a period's dates are format "date"). */
static long long civil_days(const char *s)
{
    format_datetime t;
    if (!s || !format_read_date(s, strlen(s), &t)) return 0;
    return format_days_from_civil(t.year, t.month, t.day);
}

/* Per-period amounts of one product's share.  weight mode: proportional to
 * weight x days (weight 1 when absent); budget mode: the given amounts are
 * campaign-wide, so each product gets its 1/n of every period (scaled to
 * the media budget if they exceed it).  Without periods: one package. */
typedef struct plan {
    size_t n_periods;           /* >= 1 */
    mock_cents *per_product;    /* [product][period] */
} plan;

static int make_plan(const mock_app *app, const mock_campaign *c, plan *pl)
{
    size_t np = c->n_selected;
    const cJSON *pp = mj_get(c->echo, "pacingPeriods");
    const cJSON *periods = mj_get(pp, "periods");
    size_t nk = cJSON_IsArray(periods) && cJSON_GetArraySize(periods) > 0
                ? (size_t)cJSON_GetArraySize(periods) : 1;
    pl->n_periods = nk;
    pl->per_product = calloc(np * nk, sizeof *pl->per_product);
    int64_t *w = calloc(nk > np ? nk : np, sizeof *w);
    mock_cents *tmp = calloc(nk > np ? nk : np, sizeof *tmp);
    if (!pl->per_product || !w || !tmp) { free(w); free(tmp); return -1; }
    mock_cents media = campaign_media_budget(app->fx, c->total);
    const char *mode = mj_string(pp, "mode");
    if (nk > 1 || cJSON_IsArray(periods)) {
        if (mode && strcmp(mode, "budget") == 0) {
            mock_cents sum = 0, *amount = calloc(nk, sizeof *amount);
            if (!amount) { free(w); free(tmp); return -1; }
            for (size_t k = 0; k < nk; k++) {
                const cJSON *b = mj_get(cJSON_GetArrayItem(periods, (int)k), "budget");
                if (!cJSON_IsNumber(b) || money_from_number(b->valuedouble, &amount[k]) != 0) amount[k] = 0;
                sum += amount[k];
            }
            if (sum > media) {
                for (size_t k = 0; k < nk; k++) w[k] = amount[k];
                money_split(media, w, nk, amount);
            }
            for (size_t k = 0; k < nk; k++) {
                for (size_t p = 0; p < np; p++) w[p] = 1;
                money_split(amount[k], w, np, tmp);
                for (size_t p = 0; p < np; p++) pl->per_product[p * nk + k] = tmp[p];
            }
            free(amount);
        } else {
            for (size_t p = 0; p < np; p++) w[p] = 1;
            mock_cents *share = calloc(np, sizeof *share);
            if (!share) { free(w); free(tmp); return -1; }
            money_split(media, w, np, share);
            for (size_t k = 0; k < nk; k++) {
                const cJSON *per = cJSON_GetArrayItem(periods, (int)k);
                const cJSON *wt = mj_get(per, "weight");
                double weight = cJSON_IsNumber(wt) ? wt->valuedouble : 1.0;
                long long days = civil_days(mj_string(per, "end")) - civil_days(mj_string(per, "start")) + 1;
                if (days < 1) days = 1;
                w[k] = (int64_t)(weight * 1e6 + 0.5) * days;
            }
            for (size_t p = 0; p < np; p++) {
                money_split(share[p], w, nk, tmp);
                for (size_t k = 0; k < nk; k++) pl->per_product[p * nk + k] = tmp[k];
            }
            free(share);
        }
    } else {
        for (size_t p = 0; p < np; p++) w[p] = 1;
        money_split(mock_mutant("execute_split_ignores_fees") ? c->total : media, w, np, pl->per_product);
        if (mock_mutant("execute_split_rounding") && np > 0) {
            /* each share rounded down to the whole unit: the cents left over are lost */
            for (size_t p = 0; p < np; p++) pl->per_product[p] = media / (mock_cents)np / 100 * 100;
        }
    }
    free(w);
    free(tmp);
    return 0;
}

static const char *package_pacing(const mock_campaign *c)
{
    if (c->budget_pacing && strcmp(c->budget_pacing, "ASAP") == 0) return "asap";
    if (c->budget_pacing && strcmp(c->budget_pacing, "FRONTLOADED") == 0) return "front_loaded";
    return "even";
}

/* The ADCP exchange of a failed submission, for debug: true. */
static cJSON *failure_debug(const mock_campaign *c, const mock_buy *b, const char *error)
{
    char now[MOCK_TIME_LEN];
    mock_now(now);
    cJSON *d = cJSON_CreateObject();
    cJSON *req = mj_add_obj(d, "request");
    int ok = mj_add_str(req, "task", "create_media_buy");
    ok &= mj_add_str(req, "buyer_ref", b->id);
    ok &= mj_add_str(req, "campaign_ref", c->id);
    if (b->start_time) ok &= mj_add_str(req, "start_time", b->start_time);
    if (b->end_time) ok &= mj_add_str(req, "end_time", b->end_time);
    cJSON *pk = mj_add_arr(req, "packages");
    ok &= pk != NULL;
    mock_cents total = 0;
    for (size_t j = 0; j < b->n_pkgs; j++) {
        cJSON *p = cJSON_CreateObject();
        ok &= mj_add_str(p, "buyer_ref", b->pkgs[j].id);
        ok &= mj_add_str(p, "product_id", b->pkgs[j].product->id);
        ok &= mj_add_num(p, "budget", money_to_number(b->pkgs[j].budget));
        ok &= mj_add_str(p, "pacing", b->pkgs[j].pacing);
        ok &= mj_add(pk, NULL, p);
        total += b->pkgs[j].budget;
    }
    cJSON *bud = mj_add_obj(req, "budget");
    ok &= mj_add_num(bud, "total", money_to_number(total));
    ok &= mj_add_str(bud, "currency", c->currency);
    cJSON *resp = mj_add_obj(d, "response");
    ok &= mj_add_str(resp, "status", b->status == BS_REJECTED ? "rejected" : "failed");
    ok &= mj_add_num(resp, "http_status", b->agent->fail_http_status);
    cJSON *errs = mj_add_arr(resp, "errors");
    cJSON *e = cJSON_CreateObject();
    ok &= mj_add_str(e, "code", b->status == BS_REJECTED ? "REJECTED" : "SUBMISSION_FAILED");
    ok &= mj_add_str(e, "message", b->agent->fail_message);
    ok &= mj_add(errs, NULL, e);
    cJSON *logs = mj_add_arr(d, "debugLogs");
    const char *lines[2][2] = {
        { "info", "sending create_media_buy over A2A" },
        { "error", error },
    };
    for (int i = 0; i < 2; i++) {
        cJSON *l = cJSON_CreateObject();
        ok &= mj_add_str(l, "timestamp", now);
        ok &= mj_add_str(l, "level", lines[i][0]);
        ok &= mj_add_str(l, "salesAgentId", b->agent->id);
        ok &= mj_add_str(l, "message", lines[i][1]);
        ok &= mj_add(logs, NULL, l);
    }
    ok &= mj_add_str(d, "error", error);
    if (!ok) { cJSON_Delete(d); return NULL; }
    return d;
}

/* Spawn one buy per sales agent (in order of first product), one package
 * per product per pacing period; failures go to errors. */
static int spawn_buys(const mock_app *app, mock_campaign *w, int debug, cJSON *errors)
{
    plan pl = { 0, NULL };
    if (make_plan(app, w, &pl) != 0) { free(pl.per_product); return -1; }
    size_t np = w->n_selected, nk = pl.n_periods;
    w->buys = calloc(np, sizeof *w->buys);   /* at most one per product */
    if (!w->buys) { free(pl.per_product); return -1; }
    char now[MOCK_TIME_LEN];
    mock_now(now);
    const char *start = mj_string(mj_get(w->echo, "flightDates"), "startDate");
    const char *end = mj_string(mj_get(w->echo, "flightDates"), "endDate");
    for (size_t p = 0; p < np; p++) {
        const fx_agent *ag = w->selected[p]->agent;
        size_t bi;
        for (bi = 0; bi < w->n_buys && !mock_mutant("execute_one_buy_per_product"); bi++)
            if (w->buys[bi].agent == ag) break;
        mock_buy *b = &w->buys[bi];
        if (bi == w->n_buys) {
            w->n_buys++;
            b->agent = ag;
            store_next_id(app->store, ID_BUY, b->id);
            char name[512];
            snprintf(name, sizeof name, "%s - %s", w->name, ag->name);
            b->name = strdup(name);
            b->start_time = start ? strdup(start) : NULL;
            b->end_time = end ? strdup(end) : NULL;
            b->products = calloc(np, sizeof *b->products);
            b->pkgs = calloc(np * nk, sizeof *b->pkgs);
            b->status = b->seller_status = ag->execute_status;
            memcpy(b->created_at, now, sizeof now);
            memcpy(b->updated_at, now, sizeof now);
            if (!b->name || !b->products || !b->pkgs || (start && !b->start_time) || (end && !b->end_time)) {
                free(pl.per_product);
                return -1;
            }
            if (ag->execute_status != BS_FAILED) store_next_id(app->store, ID_ADCP, b->adcp_id);
        }
        b->products[b->n_products++] = w->selected[p];
        for (size_t k = 0; k < nk; k++) {
            mock_package *pk = &b->pkgs[b->n_pkgs++];
            store_next_id(app->store, ID_PACKAGE, pk->id);
            pk->product = w->selected[p];
            pk->status = ag->execute_status;
            pk->budget = pl.per_product[p * nk + k];
            pk->pacing = package_pacing(w);
        }
    }
    free(pl.per_product);
    for (size_t bi = 0; bi < w->n_buys; bi++) {
        mock_buy *b = &w->buys[bi];
        if (b->status != BS_FAILED && b->status != BS_REJECTED) continue;
        if (mock_mutant("execute_failure_hidden")) continue;
        char msg[600];
        snprintf(msg, sizeof msg, "Sales agent returned %d: %s", b->agent->fail_http_status,
                 b->agent->fail_message);
        cJSON *e = cJSON_CreateObject();
        int ok = mj_add_str(e, "mediaBuyId", b->id);
        ok &= mj_add_str(e, "salesAgentId", b->agent->id);
        ok &= mj_add_str(e, "message", msg);
        if (debug || mock_mutant("execute_debug_always")) ok &= mj_add(e, "debug", failure_debug(w, b, msg));
        if (!mj_add(errors, NULL, e) || !ok) return -1;
    }
    return 0;
}

/* Swap the executed copy *w in for c (taking it), or answer the store's
 * refusal in r (507: nothing changed). */
static void commit(const mock_app *app, mock_campaign *c, mock_campaign **w, mock_reply *r)
{
    int rc = store_replace(app->store, c, *w);
    if (rc == STORE_OK) *w = NULL;
    else reply_store_refused(r, app->store, rc);
}

void api_execute(const mock_app *app, const char *id, const cJSON *body, mock_reply *r)
{
    /* an unknown campaign is 404 whatever the body says, as for PUT */
    store_lock(app->store);
    int exists = store_find(app->store, id) != NULL;
    store_unlock(app->store);
    if (!exists) {
        reply_error(r, 404, "NOT_FOUND", NULL, NULL, "campaign %s not found", id);
        return;
    }
    cJSON *req = NULL;
    if (body && !(req = api_read_request(app, "campaign-execute-request", body, r))) return;
    int debug = mj_bool(req, "debug", 0);
    cJSON_Delete(req);
    store_lock(app->store);
    mock_campaign *c = store_find(app->store, id), *w = NULL;
    cJSON *errors = NULL;
    if (!c) {
        reply_error(r, 404, "NOT_FOUND", NULL, NULL, "campaign %s not found", id);
    } else if (c->status == CS_DRAFT && c->n_selected == 0 && !mock_mutant("execute_without_products")) {
        reply_error(r, 400, "VALIDATION_ERROR", NULL, NULL,
                    "campaign %s has no selected products to execute; create it with "
                    "discoveryId and productIds", c->id);
    } else if (c->status == CS_DRAFT) {
        w = campaign_clone(c);
        errors = cJSON_CreateArray();
        if (!w || !errors || spawn_buys(app, w, debug, errors) != 0) {
            oom(r);
        } else {
            int any_live = 0;
            for (size_t i = 0; i < w->n_buys; i++) any_live |= buy_status_is_live(w->buys[i].status);
            if (mock_mutant("execute_all_failed_active") || mock_mutant("execute_without_products")) any_live = 1;
            /* every submission failed: the campaign stays DRAFT without buys */
            reply_body(r, status_change_body(id, CS_DRAFT, any_live ? CS_ACTIVE : CS_DRAFT, errors),
                       "campaign-status-change-response");
            errors = NULL;
            if (any_live && r->status == 200) {
                /* products now live inside the buys */
                w->status = CS_ACTIVE;
                mock_now(w->updated_at);
                commit(app, c, &w, r);
            }
        }
    } else if (c->status == CS_COMPLETED || (c->status == CS_ACTIVE && mock_mutant("execute_active_allowed")) ||
               (c->status == CS_PAUSED && mock_mutant("execute_paused_resumes"))) {
        int prev = c->status;
        w = campaign_clone(c);
        if (!w) {
            oom(r);
        } else {
            /* relaunch: the completed buys and packages go live again */
            for (size_t i = 0; i < w->n_buys; i++) {
                mock_buy *b = &w->buys[i];
                if (b->status == BS_COMPLETED || (prev == CS_PAUSED && b->status == BS_PAUSED))
                    b->status = BS_ACTIVE;
                for (size_t j = 0; j < b->n_pkgs; j++)
                    if (b->pkgs[j].status == BS_COMPLETED || (prev == CS_PAUSED && b->pkgs[j].status == BS_PAUSED))
                        b->pkgs[j].status = BS_ACTIVE;
            }
            w->status = CS_ACTIVE;
            mock_now(w->updated_at);
            reply_body(r, status_change_body(id, prev, CS_ACTIVE, cJSON_CreateArray()),
                       "campaign-status-change-response");
            if (r->status == 200) commit(app, c, &w, r);
        }
    } else {
        static const char *const from[] = { "DRAFT", "COMPLETED", NULL };
        reject_transition(r, c, "execute", from,
                          c->status == CS_PAUSED ? " (use POST /campaigns/{id}/reactivate to resume it)" : NULL);
    }
    campaign_free(w);
    cJSON_Delete(errors);
    store_unlock(app->store);
}

/* ---- pause / reactivate ------------------------------------------------ */

static int pausable(int s)
{
    return s == BS_ACTIVE || s == BS_PENDING_APPROVAL || s == BS_INPUT_REQUIRED || s == BS_DRAFT;
}

static void pause_all(mock_campaign *c, const char *now)
{
    for (size_t i = 0; i < c->n_buys && !mock_mutant("pause_no_cascade"); i++) {
        mock_buy *b = &c->buys[i];
        int changed = 0;
        if (pausable(b->status)) { b->paused_from = b->status; b->status = BS_PAUSED; changed = 1; }
        for (size_t j = 0; j < b->n_pkgs; j++) {
            mock_package *p = &b->pkgs[j];
            if (pausable(p->status)) { p->paused_from = p->status; p->status = BS_PAUSED; changed = 1; }
        }
        if (changed) memcpy(b->updated_at, now, MOCK_TIME_LEN);
    }
}

static void resume_all(mock_campaign *c, const char *now)
{
    for (size_t i = 0; i < c->n_buys; i++) {
        mock_buy *b = &c->buys[i];
        int changed = 0;
        int all_active = mock_mutant("reactivate_all_active");
        if (b->status == BS_PAUSED) { b->status = all_active ? BS_ACTIVE : b->paused_from; changed = 1; }
        for (size_t j = 0; j < b->n_pkgs; j++) {
            mock_package *p = &b->pkgs[j];
            if (p->status == BS_PAUSED) { p->status = all_active ? BS_ACTIVE : p->paused_from; changed = 1; }
        }
        if (changed) memcpy(b->updated_at, now, MOCK_TIME_LEN);
    }
}

static void transition(const mock_app *app, const char *id, int from, int to, const char *op,
                       void (*cascade)(mock_campaign *, const char *), mock_reply *r)
{
    store_lock(app->store);
    mock_campaign *c = store_find(app->store, id);
    if (!c) {
        reply_error(r, 404, "NOT_FOUND", NULL, NULL, "campaign %s not found", id);
    } else if (c->status != from &&
               !(strcmp(op, "pause") == 0 && c->status == CS_DRAFT && mock_mutant("pause_draft_allowed")) &&
               !(strcmp(op, "reactivate") == 0 && c->status == CS_ACTIVE && mock_mutant("reactivate_from_active"))) {
        const char *const allowed[] = { campaign_status_name(from), NULL };
        reject_transition(r, c, op, allowed,
                          strcmp(op, "reactivate") == 0 && c->status == CS_DRAFT
                          ? " (use POST /campaigns/{id}/execute to launch it)" : NULL);
    } else {
        /* the answer first, then the change in place (which cannot fail
         * half-way): a 500 changes nothing */
        reply_body(r, status_change_body(id, c->status, to, cJSON_CreateArray()),
                   "campaign-status-change-response");
        if (r->status == 200) {
            char now[MOCK_TIME_LEN];
            mock_now(now);
            cascade(c, now);
            c->status = to;
            memcpy(c->updated_at, now, sizeof now);
        }
    }
    store_unlock(app->store);
}

void api_pause(const mock_app *app, const char *id, mock_reply *r)
{
    transition(app, id, CS_ACTIVE, CS_PAUSED, "pause", pause_all, r);
}

void api_reactivate(const mock_app *app, const char *id, mock_reply *r)
{
    transition(app, id, CS_PAUSED, CS_ACTIVE, "reactivate", resume_all, r);
}

/* ---- media-buy-status ---------------------------------------------------- */

/* The status in the ADCP vocabulary the sellers speak, or NULL. */
static const char *adcp_status(int s)
{
    switch (s) {
    case BS_DRAFT: case BS_PENDING_APPROVAL: return "pending_activation";
    case BS_INPUT_REQUIRED: return "input_required";
    case BS_ACTIVE: return "active";
    case BS_PAUSED: return "paused";
    case BS_COMPLETED: return "completed";
    case BS_CANCELED: return "canceled";
    case BS_REJECTED: return "rejected";
    default: return NULL;
    }
}

static int add_status(cJSON *o, const char *key, int s)
{
    const char *a = adcp_status(s);
    return a ? mj_add_str(o, key, a) : mj_add_null(o, key);
}

void api_media_buy_status(const mock_app *app, const char *id, mock_reply *r)
{
    store_lock(app->store);
    mock_campaign *c = store_find(app->store, id);
    if (!c && mock_mutant("mbs_unknown_empty")) {
        store_unlock(app->store);
        cJSON *e = cJSON_CreateObject();
        if (!mj_add_str(e, "campaign_id", id) || !mj_add_arr(e, "media_buys") ||
            !mj_add_num(e, "agents_queried", 0) || !mj_add_arr(e, "errors")) {
            cJSON_Delete(e);
            e = NULL;
        }
        reply_body(r, e, "media-buy-status-response");
        return;
    }
    if (!c) {
        reply_error(r, 404, "NOT_FOUND", NULL, NULL, "campaign %s not found", id);
        store_unlock(app->store);
        return;
    }
    cJSON *body = cJSON_CreateObject();
    int ok = mj_add_str(body, "campaign_id", c->id);
    cJSON *list = mj_add_arr(body, "media_buys");
    cJSON *errors = cJSON_CreateArray();
    ok &= list != NULL;
    const fx_agent *queried[256];
    size_t nq = 0;
    char now[MOCK_TIME_LEN];
    mock_now(now);
    int changed_any = 0;
    for (size_t i = 0; i < c->n_buys; i++) {
        mock_buy *b = &c->buys[i];
        if (!b->adcp_id[0] && mock_mutant("mbs_failed_not_in_errors")) continue;
        if (!b->adcp_id[0]) {
            if (mock_mutant("mbs_agents_count_failed") && nq < 256) queried[nq++] = b->agent;
            char msg[300];
            snprintf(msg, sizeof msg, "not polled: the submission to %s failed at execute, "
                     "so the seller holds no media buy", b->agent->id);
            cJSON *e = cJSON_CreateObject();
            ok &= mj_add_str(e, "media_buy_id", b->id);
            ok &= mj_add_str(e, "error", msg);
            ok &= mj_add(errors, NULL, e);
            continue;
        }
        if (b->status == BS_ARCHIVED) continue;
        size_t q;
        for (q = 0; q < nq; q++)
            if (queried[q] == b->agent) break;
        if (q == nq && nq < 256) queried[nq++] = b->agent;
        int prev = b->status, prev_seller = b->seller_status;
        if (b->agent->approve_on_poll && b->status == BS_PENDING_APPROVAL) {
            b->status = BS_ACTIVE;
            for (size_t j = 0; j < b->n_pkgs; j++)
                if (b->pkgs[j].status == BS_PENDING_APPROVAL) b->pkgs[j].status = BS_ACTIVE;
            memcpy(b->updated_at, now, sizeof now);
            changed_any = 1;
        }
        b->seller_status = b->status;
        cJSON *e = cJSON_CreateObject();
        ok &= mj_add_str(e, "media_buy_id", b->id);
        ok &= mj_add_str(e, "adcp_media_buy_id", b->adcp_id);
        ok &= mj_add_str(e, "internal_status", buy_status_name(b->status));
        ok &= add_status(e, "adcp_status", b->status);
        ok &= mj_add_str(e, "previous_internal_status", buy_status_name(prev));
        ok &= add_status(e, "previous_adcp_status", prev_seller);
        ok &= mj_add_bool(e, "updated", prev != b->status);
        ok &= mj_add(list, NULL, e);
    }
    if (changed_any) memcpy(c->updated_at, now, sizeof now);
    ok &= mj_add_num(body, "agents_queried", (double)nq);
    ok &= mj_add(body, "errors", errors);
    store_unlock(app->store);
    /* a poll that ran out of memory answers 500; what the sellers
     * reported (approveOnPoll) is kept, as a real poll would */
    if (!ok) { cJSON_Delete(body); body = NULL; }
    reply_body(r, body, "media-buy-status-response");
}
