/* mock_fixtures.h - the fixed world the mock serves: advertisers, fees,
 * sales agents and their behaviours, storefronts, creative formats,
 * products, discovery sessions, creatives and the advertisers' property
 * lists (tools/mock/fixtures.json, or the
 * file given with --fixtures; format documented in tools/mock/README.md).
 *
 * Loaded once at start and immutable afterwards, so every request thread
 * reads it without locking.  All strings and arrays belong to the
 * mock_fixtures object; campaign state keeps plain pointers into it. */
#ifndef MOCK_FIXTURES_H
#define MOCK_FIXTURES_H

#include <stddef.h>
#include <stdint.h>

typedef struct fx_advertiser {
    int64_t id;
    const char *name;
    const char *apply_mode;     /* default optimizationApplyMode: AUTO or MANUAL */
} fx_advertiser;

typedef struct fx_fee {
    const char *label;
    int64_t margin_bp;          /* margin in basis points of budget.total */
} fx_fee;

typedef struct fx_storefront {
    int64_t id;
    const char *platform_id, *name;
    int seller_managed;         /* updates to its buys need seller approval (202) */
} fx_storefront;

typedef struct fx_agent {
    const char *id, *name;
    int execute_status;         /* buy status after a submission: ACTIVE, PENDING_APPROVAL or FAILED (mock_model.h enum) */
    int fail_http_status;       /* with FAILED: the status the seller "answered" */
    const char *fail_message;   /* with FAILED */
    int refuses_budget_updates; /* every budget change to its packages is refused */
    int approve_on_poll;        /* PENDING_APPROVAL buys turn ACTIVE on the next status poll */
} fx_agent;

typedef struct fx_format {
    const char *id, *agent_url;
} fx_format;

typedef struct fx_product {
    const char *id, *name, *publisher;
    const fx_agent *agent;
    const fx_storefront *storefront;   /* NULL when none */
    size_t n_formats;
    const fx_format **formats;
} fx_product;

typedef struct fx_session {
    const char *id;
    size_t n_products;
    const fx_product **products;
} fx_session;

typedef struct fx_creative {
    const char *id;
    const fx_format *format;
} fx_creative;

/* A property list of an advertiser (include or exclude), applied to the
 * packages of its products; n_products 0 = to every product. */
typedef struct fx_property_list {
    const char *id, *name;
    const fx_advertiser *advertiser;
    int exclude;                /* purpose: 0 include, 1 exclude */
    int64_t property_count;
    const char *created_at, *updated_at;
    size_t n_products;
    const fx_product **products;
} fx_property_list;

typedef struct mock_fixtures mock_fixtures;

/* Load and check a fixtures file.  NULL on failure with a one-line message
 * "FILE:LINE:COL: what" (or "FILE: what") in err. */
mock_fixtures *fixtures_load(const char *path, char *err, size_t errlen);
void fixtures_free(mock_fixtures *fx);

/* Lookups; NULL when unknown. */
const fx_advertiser *fixtures_advertiser(const mock_fixtures *fx, int64_t id);
const fx_storefront *fixtures_storefront(const mock_fixtures *fx, int64_t id);
const fx_agent *fixtures_agent(const mock_fixtures *fx, const char *id);
const fx_product *fixtures_product(const mock_fixtures *fx, const char *id);
const fx_session *fixtures_session(const mock_fixtures *fx, const char *id);
const fx_creative *fixtures_creative(const mock_fixtures *fx, const char *id);

/* Fees charged on every campaign, in order. */
size_t fixtures_fee_count(const mock_fixtures *fx);
const fx_fee *fixtures_fee(const mock_fixtures *fx, size_t i);

/* Creatives linked to every campaign (all fixture creatives), in order. */
size_t fixtures_creative_count(const mock_fixtures *fx);
const fx_creative *fixtures_creative_at(const mock_fixtures *fx, size_t i);

/* Property lists, in file order. */
size_t fixtures_property_list_count(const mock_fixtures *fx);
const fx_property_list *fixtures_property_list(const mock_fixtures *fx, size_t i);
/* 1 when the list applies to packages of product p. */
int property_list_covers(const fx_property_list *l, const fx_product *p);

/* 1 when the session offers the product / the product accepts the format. */
int session_has_product(const fx_session *s, const fx_product *p);
int product_accepts_format(const fx_product *p, const fx_format *f);

#endif
