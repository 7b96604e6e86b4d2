/* mock_facts.c - GET /_mock/campaigns/{campaignId}: what the mock knows
 * about a campaign that the contract's bodies do not carry.
 *
 * Mock-only, outside /api/v2/buyer and not part of the contract (no
 * response schema): the conformance cases and the mock's tests read here
 * which sales agent and which creatives each media buy has, and the
 * campaign's most-restrictive media buy status that ?mediaBuyStatus=
 * filters on.  Same authentication as every other route.
 *
 *   {"campaignId": "cmp_000001",
 *    "mediaBuyStatus": "PENDING_APPROVAL",        (null without buys)
 *    "mediaBuys": [{"mediaBuyId", "salesAgentId", "creativeIds": [...]}]} */
#include "mock_api.h"
#include "mock_render.h"

static cJSON *facts_body(const mock_campaign *c, const mock_fixtures *fx)
{
    cJSON *o = cJSON_CreateObject();
    if (!o) return NULL;
    int ok = cJSON_AddStringToObject(o, "campaignId", c->id) != NULL;
    int s = campaign_surfaced_status(c);
    ok &= (s < 0 ? cJSON_AddNullToObject(o, "mediaBuyStatus")
                 : cJSON_AddStringToObject(o, "mediaBuyStatus", buy_status_name(s))) != NULL;
    cJSON *buys = cJSON_AddArrayToObject(o, "mediaBuys");
    ok &= buys != NULL;
    for (size_t i = 0; ok && i < c->n_buys; i++) {
        const mock_buy *b = &c->buys[i];
        cJSON *e = cJSON_CreateObject();
        if (!e || !cJSON_AddItemToArray(buys, e)) { cJSON_Delete(e); ok = 0; break; }
        ok &= cJSON_AddStringToObject(e, "mediaBuyId", b->id) != NULL;
        ok &= cJSON_AddStringToObject(e, "salesAgentId", b->agent->id) != NULL;
        cJSON *ids = cJSON_AddArrayToObject(e, "creativeIds");
        ok &= ids != NULL;
        const fx_creative *cr[256];
        size_t n = buy_effective_creatives(b, fx, cr, 256);
        for (size_t k = 0; ok && k < n; k++) {
            cJSON *id = cJSON_CreateString(cr[k]->id);
            if (!id || !cJSON_AddItemToArray(ids, id)) { cJSON_Delete(id); ok = 0; }
        }
    }
    if (!ok) { cJSON_Delete(o); return NULL; }
    return o;
}

void api_mock_facts(const mock_app *app, const char *id, mock_reply *r)
{
    store_lock(app->store);
    const mock_campaign *c = store_find(app->store, id);
    if (!c) {
        reply_error(r, 404, "NOT_FOUND", NULL, NULL, "campaign %s not found", id);
    } else {
        cJSON *body = facts_body(c, app->fx);
        if (!body) {
            reply_error(r, 500, "INTERNAL_ERROR", NULL, NULL, "out of memory");
        } else {
            cJSON_Delete(r->body);
            r->status = 200;
            r->body = body;
            r->schema = NULL;   /* mock-only: no contract schema */
        }
    }
    store_unlock(app->store);
}
