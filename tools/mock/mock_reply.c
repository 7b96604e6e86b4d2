/* mock_reply.c - building replies and checking bodies against the
 * contract (shared by every handler). */
#include "mock_api.h"
#include "mock_mutant.h"
#include "mock_json.h"
#include "campaign/utf8.h"
#include "mock_render.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int query_reject(const mock_query *q, mock_reply *r)
{
    if (!q->too_many && !q->nul_key) return 0;
    if (q->nul_key) {
        cJSON *d = mj_param_details(q->nul_key);
        if (!d) { reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory"); return 1; }
        reply_error(r, 400, "VALIDATION_ERROR", NULL, d,
                    "query parameter %s: U+0000 (%%00) is not allowed in a query", q->nul_key);
    } else {
        reply_error(r, 400, "VALIDATION_ERROR", NULL, NULL, "more than %d query parameters", MOCK_MAX_QUERY);
    }
    return 1;
}

void reply_error(mock_reply *r, int status, const char *code, const char *field,
                 cJSON *details, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    utf8_vformat(msg, sizeof msg, fmt, ap); /* the body is JSON: it must stay UTF-8 */
    va_end(ap);
    cJSON_Delete(r->body);
    r->body = mj_error_body(code, msg, field, details);
    /* no body: out of memory, which the server answers with its fixed 500 */
    r->status = r->body ? status : 500;
    r->schema = "error-response";
}

void reply_store_refused(mock_reply *r, const mock_store *s, int code)
{
    if (code != STORE_FULL_CAMPAIGNS && code != STORE_FULL_BYTES) {
        reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory");
        return;
    }
    int count = code == STORE_FULL_CAMPAIGNS;
    const char *option = count ? "--max-campaigns" : "--max-state-bytes";
    double max = count ? (double)store_max_campaigns(s) : (double)store_max_bytes(s);
    double now = count ? (double)store_count(s) : (double)store_bytes(s);
    cJSON *d = cJSON_CreateObject();
    if (!d || !cJSON_AddStringToObject(d, "limit", count ? "campaigns" : "stateBytes") ||
        !cJSON_AddStringToObject(d, "option", option) || !cJSON_AddNumberToObject(d, "max", max) ||
        !cJSON_AddNumberToObject(d, "current", now)) {
        cJSON_Delete(d);
        reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory");
        return;
    }
    if (count)
        reply_error(r, 507, "INSUFFICIENT_STORAGE", NULL, d,
                    "the mock holds %zu campaigns, the most %s allows; nothing was stored "
                    "(campaigns are kept until the mock restarts)", store_count(s), option);
    else
        reply_error(r, 507, "INSUFFICIENT_STORAGE", NULL, d,
                    "the campaigns would take more than %llu bytes, the most %s allows "
                    "(they take %llu now); nothing was stored", store_max_bytes(s), option,
                    store_bytes(s));
}

void reply_campaign(mock_reply *r, int status, const mock_campaign *c, const mock_fixtures *fx)
{
    cJSON *body = cJSON_CreateObject();
    cJSON *camp = render_campaign(c, fx);
    if (!body || !camp || !cJSON_AddItemToObject(body, "campaign", camp)) {
        cJSON_Delete(body);
        cJSON_Delete(camp);
        reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory");
        return;
    }
    cJSON_Delete(r->body);
    r->status = status;
    r->body = body;
    r->schema = "campaign-response";
}

/* The findings as details.errors (at most 20), so a client sees them
 * all; NULL when out of memory. */
static cJSON *findings_details(const contract_report *rep)
{
    cJSON *d = cJSON_CreateObject();
    cJSON *list = mj_add_arr(d, "errors");
    int ok = list != NULL;
    size_t n = contract_report_count(rep);
    for (size_t i = 0; ok && i < n && i < 20; i++) {
        const contract_finding *f = contract_report_get(rep, i);
        cJSON *e = cJSON_CreateObject();
        ok &= mj_add_str(e, "field", f->pointer ? f->pointer : "");
        ok &= mj_add_str(e, "message", f->message ? f->message : "");
        if (f->id) ok &= mj_add_str(e, "rule", f->id);
        ok &= mj_add(list, NULL, e);
    }
    if (!ok) { cJSON_Delete(d); return NULL; }
    return d;
}

/* 1 when the check ran out of memory: the library then reports an
 * "internal" finding (contract.c, schema_eval.c) and a verdict of 0,
 * which says nothing about the body. */
static int check_ran_out(const contract_report *rep)
{
    for (size_t i = 0; i < contract_report_count(rep); i++) {
        const contract_finding *f = contract_report_get(rep, i);
        if (f->id && strcmp(f->id, "internal") == 0) return 1;
    }
    return 0;
}

/* Check body against a request schema and the contract rules; on a
 * finding fill r with 400 VALIDATION_ERROR (field = the first finding's
 * pointer) and return 0.  1 when the body keeps the contract. */
static int check_request(const mock_app *app, const char *schema, const cJSON *body, mock_reply *r)
{
    contract_report *rep = contract_report_new();
    if (!rep) { reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory"); return 0; }
    int ok = contract_check(app->contract, schema, body, 0, rep);
    if (ok == 1) { contract_report_free(rep); return 1; }
    cJSON *details = check_ran_out(rep) ? NULL : findings_details(rep);
    if (!details) {
        contract_report_free(rep);
        reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory");
        return 0;
    }
    if (ok == CONTRACT_UNDECIDED) {
        /* neither accepted nor refused: the check itself could not finish */
        const contract_finding *f = contract_report_get(rep, 0);
        reply_error(r, 500, "INTERNAL_ERROR", f->pointer ? f->pointer : "", details,
                    "cannot decide whether the body keeps %s: %s", schema, f->message ? f->message : "");
        contract_report_free(rep);
        return 0;
    }
    if (ok < 0 || contract_report_count(rep) == 0) {
        cJSON_Delete(details);
        contract_report_free(rep);
        reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "cannot check the body against %s", schema);
        return 0;
    }
    const contract_finding *f = contract_report_get(rep, 0);
    if (mock_mutant("validation_field_parent") && f->pointer && strrchr(f->pointer, '/')) {
        /* the member's parent is named instead of the member */
        char parent[256];
        snprintf(parent, sizeof parent, "%.*s", (int)(strrchr(f->pointer, '/') - f->pointer), f->pointer);
        reply_error(r, 400, "VALIDATION_ERROR", parent, details, "%s", f->message ? f->message : "");
        contract_report_free(rep);
        return 0;
    }
    reply_error(r, 400, "VALIDATION_ERROR", f->pointer ? f->pointer : "", details,
                "%s", f->message ? f->message : "invalid request body");
    contract_report_free(rep);
    return 0;
}

cJSON *api_read_request(const mock_app *app, const char *schema, const cJSON *body, mock_reply *r)
{
    if (!check_request(app, schema, body, r)) return NULL;
    cJSON *own = json_copy(body);
    if (!own) reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory");
    return own;
}

/* Rules about members an update may change one at a time. */
static int merged_rule(const char *id)
{
    return id && (strcmp(id, "CR-FLIGHT-ORDER") == 0 || strncmp(id, "CR-PACING-", 10) == 0);
}

int api_check_merged(const mock_app *app, const mock_campaign *c, mock_reply *r)
{
    cJSON *body = cJSON_CreateObject();
    cJSON *camp = render_campaign(c, app->fx);
    contract_report *rep = contract_report_new();
    int built = mj_add(body, "campaign", camp);
    if (!built || !rep) {
        cJSON_Delete(body); contract_report_free(rep);
        reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory");
        return 0;
    }
    contract_check(app->contract, "campaign-response", body, CONTRACT_RULES_ONLY, rep);
    int ok = 1;
    if (check_ran_out(rep)) {
        reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory");
        ok = 0;
    }
    for (size_t i = 0; ok && i < contract_report_count(rep); i++) {
        const contract_finding *f = contract_report_get(rep, i);
        if (!merged_rule(f->id)) continue;
        const char *ptr = f->pointer ? f->pointer : "";
        if (strncmp(ptr, "/campaign", 9) == 0) ptr += 9;   /* request terms */
        reply_error(r, 400, "VALIDATION_ERROR", ptr, NULL,
                    "%s (after applying this update to the campaign)", f->message ? f->message : "");
        ok = 0;
    }
    contract_report_free(rep);
    cJSON_Delete(body);
    return ok;
}
