/* mock_fields.h - applying campaign request members to campaign state,
 * shared by create and update.  Each function either succeeds (0) or
 * fills r with the error reply and returns -1; the campaign may then be
 * half-changed, which is why callers work on a copy they can drop.
 * Functions taking the store need the store lock (they allocate ids). */
#ifndef MOCK_FIELDS_H
#define MOCK_FIELDS_H

#include <cjson/cJSON.h>
#include "mock_api.h"

/* budget.total (number) to cents at pointer `field`: 400 VALIDATION_ERROR
 * when below one cent, above the maximum, or leaving no media budget. */
int fields_budget_total(const mock_app *app, const cJSON *total, const char *field,
                        mock_cents *out, mock_reply *r);

/* budget.currency / dailyCap / pacing members present in budget. */
int fields_budget_rest(mock_campaign *c, const cJSON *budget, mock_reply *r);

/* storefrontIds: every id must be a known storefront (404 NOT_FOUND). */
int fields_check_storefronts(const mock_app *app, const cJSON *ids, mock_reply *r);

/* Store v as echo[key], cut to the members the response declares
 * (mock_shape.h); v NULL or JSON null removes the member. */
int fields_set_echo(mock_campaign *c, const char *key, const cJSON *v, mock_reply *r);

/* audienceConfig: attach target / suppress audiences; replace = drop
 * those not listed (update's deleteMissing). */
int fields_audiences(mock_campaign *c, const cJSON *cfg, int replace, mock_reply *r);

/* utmConfig: merge params by key, or replace them with deleteMissing. */
int fields_utm(mock_campaign *c, const cJSON *cfg, mock_reply *r);

/* dataDelivery: outputs, when given, replace the campaign-scoped outputs
 * (echoed with ids, enabled, deliveryConfig pathPrefix and format, source
 * and timestamps); {} leaves them as they are (a campaign without any
 * then returns dataDelivery {}). */
int fields_data_delivery(mock_store *st, mock_campaign *c, const cJSON *dd, mock_reply *r);

/* frequencyCaps: replace every cap ([] clears). */
int fields_caps(mock_store *st, mock_campaign *c, const cJSON *caps, mock_reply *r);

/* A static copy of a known enum string (so state never points into a
 * request), or NULL when s is not one of values. */
const char *fields_enum(const char *s, const char *const *values);

#endif
