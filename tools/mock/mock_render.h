/* mock_render.h - campaign state as response JSON (the Campaign and
 * CampaignSummary shapes of the contract).  Every function returns a new
 * cJSON tree owned by the caller, or NULL when out of memory. */
#ifndef MOCK_RENDER_H
#define MOCK_RENDER_H

#include <cjson/cJSON.h>
#include "mock_model.h"

/* The Campaign object (what {"campaign": ...} carries). */
cJSON *render_campaign(const mock_campaign *c, const mock_fixtures *fx);

/* The PropertyLists object (GET /campaigns/{id}?includePropertyLists=true):
 * the lists of the campaign's advertiser that cover every product or one
 * of its products (the selection while DRAFT, afterwards the products of
 * its live packages), each
 * with viaMediaBuys naming the live packages of live buys it applies to,
 * and the summary counts of those lists. */
cJSON *render_property_lists(const mock_campaign *c, const mock_fixtures *fx);

/* A CampaignSummary (GET /campaigns items). */
cJSON *render_summary(const mock_campaign *c);

/* Creatives assigned to a buy: the explicit creative_ids override, or by
 * auto-sync the linked creatives whose format one of its products accepts.
 * Fills out (capacity cap) and returns the count. */
size_t buy_effective_creatives(const mock_buy *b, const mock_fixtures *fx,
                               const fx_creative **out, size_t cap);

#endif
