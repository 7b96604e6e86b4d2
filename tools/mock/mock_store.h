/* mock_store.h - every campaign of the run, behind one mutex, within two
 * limits: how many campaigns it holds and how many bytes they take.
 *
 * A handler takes the lock for its whole read-modify-write (find, clone,
 * change, swap), so concurrent requests to one campaign are serialised and
 * no update is lost; the expensive work (parsing, schema checks) happens
 * before the lock is taken.  Functions other than store_new/store_free,
 * store_set_limits and the lock calls require the caller to hold the lock.
 *
 * The byte count is campaign_footprint() of each stored campaign (the heap
 * the mock holds for it, mock_model.h), kept per campaign so a swap only
 * measures the new version.  Campaigns are never removed, so a full store
 * stays full until the mock restarts. */
#ifndef MOCK_STORE_H
#define MOCK_STORE_H

#include <stddef.h>
#include "mock_model.h"

typedef struct mock_store mock_store;

enum mock_id_kind { ID_CAMPAIGN, ID_BUY, ID_PACKAGE, ID_PROPOSAL, ID_CAP, ID_OUTPUT, ID_ADCP, ID_KIND_COUNT };

/* Defaults of --max-campaigns and --max-state-bytes. */
#define STORE_DEFAULT_MAX_CAMPAIGNS 10000
#define STORE_DEFAULT_MAX_BYTES (256ULL * 1024 * 1024)

/* What store_add and store_replace answer. */
enum store_result {
    STORE_OK = 0,
    STORE_NOMEM = -1,           /* out of memory: nothing changed */
    STORE_FULL_CAMPAIGNS = -2,  /* the store holds max_campaigns already */
    STORE_FULL_BYTES = -3       /* the campaigns would take more than max_bytes */
};

/* An empty store with the default limits; NULL when out of memory. */
mock_store *store_new(void);
void store_free(mock_store *s);   /* frees every campaign */

/* Set the limits (each at least 1); before the store is shared. */
void store_set_limits(mock_store *s, size_t max_campaigns, unsigned long long max_bytes);
size_t store_max_campaigns(const mock_store *s);
unsigned long long store_max_bytes(const mock_store *s);
/* Bytes the stored campaigns take (the sum of their footprints). */
unsigned long long store_bytes(const mock_store *s);

void store_lock(mock_store *s);
void store_unlock(mock_store *s);

/* Next id of a kind ("cmp_000001", "mb_000001", ...), unique per run. */
void store_next_id(mock_store *s, int kind, char out[MOCK_ID_LEN]);

/* Campaigns in creation order. */
size_t store_count(const mock_store *s);
mock_campaign *store_at(mock_store *s, size_t i);
mock_campaign *store_find(mock_store *s, const char *id);

/* Give c the next campaign id and append it (ownership taken) when both
 * limits allow; STORE_OK, else a STORE_* error with c not taken and no id
 * used up (the limits are checked first). */
int store_add(mock_store *s, mock_campaign *c);

/* Put neu in old's place and free old (STORE_OK), unless the bytes would
 * then pass the limit (STORE_FULL_BYTES: old stays, neu not taken).  A
 * change that does not grow the campaign is never refused. */
int store_replace(mock_store *s, mock_campaign *old, mock_campaign *neu);

#endif
