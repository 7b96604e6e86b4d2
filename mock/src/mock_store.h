/* mock_store.h - every campaign of the run, behind one mutex.
 *
 * A handler takes the lock for its whole read-modify-write (find, clone,
 * change, swap), so concurrent requests to one campaign are serialised and
 * no update is lost; the expensive work (parsing, schema checks) happens
 * before the lock is taken.  Functions other than store_new/store_free and
 * the lock calls require the caller to hold the lock. */
#ifndef MOCK_STORE_H
#define MOCK_STORE_H

#include <stddef.h>
#include "mock_model.h"

typedef struct mock_store mock_store;

enum mock_id_kind { ID_CAMPAIGN, ID_BUY, ID_PACKAGE, ID_PROPOSAL, ID_CAP, ID_OUTPUT, ID_ADCP, ID_KIND_COUNT };

mock_store *store_new(void);
void store_free(mock_store *s);   /* frees every campaign */

void store_lock(mock_store *s);
void store_unlock(mock_store *s);

/* Next id of a kind ("cmp_000001", "mb_000001", ...), unique per run. */
void store_next_id(mock_store *s, int kind, char out[MOCK_ID_LEN]);

/* Campaigns in creation order. */
size_t store_count(const mock_store *s);
mock_campaign *store_at(mock_store *s, size_t i);
mock_campaign *store_find(mock_store *s, const char *id);

/* Append c (ownership taken).  -1 when out of memory (c not taken). */
int store_add(mock_store *s, mock_campaign *c);

/* Put neu in old's place and free old. */
void store_replace(mock_store *s, mock_campaign *old, mock_campaign *neu);

#endif
