/* mock_shape.h - request values cut down to the members their response
 * shape declares.
 *
 * Request objects are open (unknown members are accepted and ignored) but
 * the objects a response returns are closed, except constraints, frequency
 * caps and media-buy goals.  So whatever the mock keeps from a request to
 * return it later keeps only the declared members of the output shape:
 * flightDates {startDate, endDate}; pacingPeriods {mode, periods[{label,
 * start, end, weight, budget}]}; performanceConfig {optimizationGoals[...]}
 * with each goal's members by kind (a maximize_value target returns no
 * value); a data-delivery output's input members, its deliveryConfig
 * {type, bucket, pathPrefix, format}.  Every other value is copied whole.
 *
 * Lookups go through mj_get, like every other member lookup of the mock.
 * Each function returns a new tree of plain cJSON nodes (cJSON_Delete),
 * safe to keep past the request; NULL when v is NULL or out of memory. */
#ifndef MOCK_SHAPE_H
#define MOCK_SHAPE_H

#include <cjson/cJSON.h>

/* A campaign member echoed back (key as in the create / update request:
 * flightDates, pacingPeriods, performanceConfig, or any other). */
cJSON *shape_echo(const char *key, const cJSON *v);

/* pacingPeriods of a campaign or of a media buy. */
cJSON *shape_pacing_periods(const cJSON *v);

/* One dataDelivery.outputs[] item: the members a returned output shares
 * with the request (dataDeliveryType, cadence, syncWeeklyDay, enabled,
 * credentialName, deliveryConfig). */
cJSON *shape_data_delivery_output(const cJSON *v);

#endif
