/* mock_model.h - the state of one campaign: its fields, media buys,
 * packages and frequency caps, plus the derived numbers the responses
 * report (fees, media budget, allocation, surfaced media buy status).
 *
 * Ownership: a mock_campaign owns everything it points to except the
 * fixture objects (products, agents, creatives, advertisers), which live in
 * the immutable mock_fixtures for the whole run.  cJSON members are the
 * mock's own nodes (built with mock_json's clean copy, never nodes of a
 * parsed request).  campaign_clone() makes a full independent copy: an
 * update works on a clone and swaps it in only when everything succeeded,
 * which is what makes every update atomic. */
#ifndef MOCK_MODEL_H
#define MOCK_MODEL_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "mock_fixtures.h"
#include "mock_money.h"

enum campaign_status { CS_DRAFT, CS_ACTIVE, CS_PAUSED, CS_COMPLETED, CS_ARCHIVED, CS_COUNT };

enum buy_status {
    BS_DRAFT, BS_PENDING_APPROVAL, BS_INPUT_REQUIRED, BS_ACTIVE, BS_PAUSED,
    BS_COMPLETED, BS_CANCELED, BS_FAILED, BS_REJECTED, BS_ARCHIVED, BS_COUNT
};

const char *campaign_status_name(int s);
int campaign_status_parse(const char *name);        /* -1 when unknown */
const char *buy_status_name(int s);
int buy_status_parse(const char *name);             /* -1 when unknown */

/* Statuses whose budgets count as allocated: everything except CANCELED,
 * ARCHIVED, FAILED and REJECTED (money a seller will never spend). */
int buy_status_is_live(int s);

/* Rank for the most-restrictive rule: higher is more restrictive.
 * FAILED > REJECTED > INPUT_REQUIRED > PENDING_APPROVAL > DRAFT > PAUSED >
 * ACTIVE > COMPLETED > CANCELED > ARCHIVED. */
int buy_status_rank(int s);

#define MOCK_ID_LEN 32
#define MOCK_TIME_LEN 32

typedef struct mock_package {
    char id[MOCK_ID_LEN];
    const fx_product *product;
    int status, paused_from;    /* paused_from: status to restore on reactivate */
    mock_cents budget;
    const char *pacing;         /* static string: even, asap, front_loaded */
    int has_bid;                /* 0: no bid price (null) */
    double bid;
    int explicit_budget;        /* transient, during one update: budget set by the request */
} mock_package;

typedef struct mock_buy {
    char id[MOCK_ID_LEN];
    char adcp_id[MOCK_ID_LEN];  /* seller's id; "" when the submission failed */
    const fx_agent *agent;
    char *name;
    int status, paused_from;
    int seller_status;          /* last status the seller reported (media-buy-status) */
    size_t n_products;
    const fx_product **products;
    size_t n_pkgs;
    mock_package *pkgs;
    cJSON *goals;               /* optimization_goals as given, or NULL */
    cJSON *pacing_periods;      /* buy-level pacingPeriods, or NULL */
    int creatives_explicit;     /* 0: auto-sync; 1: creatives[] set by creative_ids */
    size_t n_creatives;
    const fx_creative **creatives;
    char *start_time, *end_time;
    char created_at[MOCK_TIME_LEN], updated_at[MOCK_TIME_LEN];
} mock_buy;

typedef struct mock_cap {
    char id[MOCK_ID_LEN];
    cJSON *input;               /* the FrequencyCapInput object as given */
    char created_at[MOCK_TIME_LEN], updated_at[MOCK_TIME_LEN];
} mock_cap;

typedef struct mock_campaign {
    char id[MOCK_ID_LEN];
    const fx_advertiser *advertiser;
    char *name;
    int status;
    const char *type;           /* static: DECISIONED or ROUTED */
    const char *apply_mode;     /* static: AUTO or MANUAL */
    char created_at[MOCK_TIME_LEN], updated_at[MOCK_TIME_LEN];
    mock_cents total;           /* budget.total */
    char currency[16];          /* 3 code points, up to 12 bytes of UTF-8 */
    int has_daily_cap;
    double daily_cap;
    const char *budget_pacing;  /* static or NULL */
    cJSON *echo;                /* object: members echoed as given (brief, flightDates,
                                   constraints, storefrontIds, performanceConfig, catalogId,
                                   discoveryId, pacingPeriods) and kept ones (utmConfig) */
    cJSON *audiences;           /* array of Audience output objects */
    cJSON *data_delivery;       /* DataDeliveryEcho object, or NULL */
    size_t n_selected;          /* products selected from the discovery session */
    const fx_product **selected;
    size_t n_buys;
    mock_buy *buys;
    size_t n_caps;
    mock_cap *caps;
} mock_campaign;

/* A zeroed campaign (NULL when out of memory); free with campaign_free. */
mock_campaign *campaign_new(void);
void campaign_free(mock_campaign *c);
/* Deep copy, NULL when out of memory.  Transient flags are cleared. */
mock_campaign *campaign_clone(const mock_campaign *c);

void buy_free_members(mock_buy *b);
/* Deep copy of a buy into dst (flags kept); 0 when out of memory (dst is
 * then still safe to pass to buy_free_members). */
int buy_clone(mock_buy *dst, const mock_buy *src);

/* The heap the campaign holds: every block it owns (the struct, its
 * strings, arrays and cJSON trees, nodes and texts), each counted as the
 * chunk glibc's malloc gives it (the request plus 8 bytes, rounded up to
 * 16, at least 32), arrays by their lengths.  Fixture objects are shared
 * and not counted.  What --max-state-bytes limits (mock_store.h). */
size_t campaign_footprint(const mock_campaign *c);

/* Derived numbers. */
mock_cents campaign_fee(const mock_fixtures *fx, mock_cents total, size_t i);
mock_cents campaign_fees_total(const mock_fixtures *fx, mock_cents total);
mock_cents campaign_media_budget(const mock_fixtures *fx, mock_cents total);
int package_is_live(const mock_buy *b, const mock_package *p);
mock_cents campaign_allocated(const mock_campaign *c);
/* Most restrictive buy status, or -1 when the campaign has no buys. */
int campaign_surfaced_status(const mock_campaign *c);
/* 1 when a buy's products include one on a seller-managed storefront. */
int buy_is_seller_managed(const mock_buy *b);

/* Lookups inside a campaign; NULL when absent. */
mock_buy *campaign_buy(mock_campaign *c, const char *id);
mock_package *buy_package(mock_buy *b, const char *id);

/* Current time as RFC 3339 UTC with milliseconds into out. */
void mock_now(char out[MOCK_TIME_LEN]);

#endif
