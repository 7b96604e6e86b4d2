/* mock_api.h - the endpoint handlers, independent of the HTTP library.
 *
 * The server turns a request into a call of one handler with the parsed
 * body (which the handler checks against its request schema, reading a
 * copy: api_read_request) and gets back a
 * mock_reply: a status and a cJSON body that the server serialises and
 * frees.  Handlers take the store lock themselves. */
#ifndef MOCK_API_H
#define MOCK_API_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "campaign/contract.h"
#include "mock_fixtures.h"
#include "mock_store.h"

typedef struct mock_app {
    const mock_fixtures *fx;
    mock_store *store;
    const contract *contract;
} mock_app;

typedef struct mock_reply {
    int status;
    cJSON *body;            /* owned; NULL only when out of memory */
    const char *schema;     /* response body name for self-checks */
} mock_reply;

/* Query string parameters, in order (values percent-decoded). */
#define MOCK_MAX_QUERY 32
typedef struct mock_query {
    size_t n;
    const char *key[MOCK_MAX_QUERY];
    const char *value[MOCK_MAX_QUERY];
    int too_many;          /* more than MOCK_MAX_QUERY parameters came */
    const char *nul_key;   /* the first parameter whose name or value holds
                            * U+0000 (%00), or NULL: it would be read cut */
} mock_query;

/* The 400 a query the handlers cannot read exactly gets (too many
 * parameters, a %00), in r; 0 when the query is fine. */
int query_reject(const mock_query *q, mock_reply *r);

/* Fill r with an error-response body; message is printf-style. */
void reply_error(mock_reply *r, int status, const char *code, const char *field,
                 cJSON *details, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Fill r with the answer to a refusal of store_add / store_replace (code,
 * mock_store.h): 507 INSUFFICIENT_STORAGE whose message names the limit
 * reached and the option that sets it (details {limit, option, max,
 * current}), or 500 INTERNAL_ERROR for STORE_NOMEM.  Needs the lock. */
void reply_store_refused(mock_reply *r, const mock_store *s, int code);

/* Fill r with {"campaign": render_campaign(c)} and the given status. */
void reply_campaign(mock_reply *r, int status, const mock_campaign *c, const mock_fixtures *fx);

/* Check body (the parsed request) against a request schema and the
 * contract rules; on a finding fill r with 400 VALIDATION_ERROR (field =
 * the first finding's pointer) and return NULL.  When the body keeps the
 * contract, return what the handler reads: a copy of it in the mock's own
 * form (json_copy, see mock_json.h), owned by the caller (cJSON_Delete);
 * it holds the members the check saw, each under its whole name, so the
 * handler reads exactly what was checked.  NULL with a 500 in r when out
 * of memory. */
cJSON *api_read_request(const mock_app *app, const char *schema, const cJSON *body, mock_reply *r);

/* Check the rules that span members a partial update may not carry
 * together (flight order, pacing periods inside the flight, budget-mode
 * sums within budget.total) on the campaign as it would be after the
 * change.  0 with a 400 VALIDATION_ERROR in r (field: the member's pointer
 * in request terms, e.g. /pacingPeriods/periods/0/start), 1 when fine. */
int api_check_merged(const mock_app *app, const mock_campaign *c, mock_reply *r);

/* The most text one GET /campaigns answer holds: a page ends before the
 * summary that would pass it (it always holds one), and total tells the
 * client that more follow at ?offset=. */
#define MOCK_LIST_MAX_BYTES (1024 * 1024)

/* POST /campaigns, GET /campaigns, GET /campaigns/{id} (mock_campaign.c);
 * GET /campaigns/{id} takes ?includePropertyLists=true|false; GET
 * /campaigns takes ?status=, ?mediaBuyStatus= (filters), ?offset= (matches
 * to skip, default 0) and ?limit= (most summaries, at least 1; default no
 * limit but MOCK_LIST_MAX_BYTES): campaigns in creation order, total = every
 * match. */
void api_create(const mock_app *app, const cJSON *body, mock_reply *r);
void api_list(const mock_app *app, const mock_query *q, mock_reply *r);
void api_get(const mock_app *app, const char *id, const mock_query *q, mock_reply *r);

/* PUT /campaigns/{id} (mock_update.c) */
void api_update(const mock_app *app, const char *id, const cJSON *body, mock_reply *r);

/* POST execute / pause / reactivate, GET media-buy-status (mock_execute.c);
 * body may be NULL (no body sent). */
void api_execute(const mock_app *app, const char *id, const cJSON *body, mock_reply *r);
void api_pause(const mock_app *app, const char *id, mock_reply *r);
void api_reactivate(const mock_app *app, const char *id, mock_reply *r);
void api_media_buy_status(const mock_app *app, const char *id, mock_reply *r);

/* GET /_mock/campaigns/{id} (mock_facts.c): mock-only, not part of the
 * contract - each buy's sales agent and creatives, and the campaign's
 * most-restrictive media buy status. */
void api_mock_facts(const mock_app *app, const char *id, mock_reply *r);

#endif
