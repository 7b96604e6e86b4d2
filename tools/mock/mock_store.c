/* mock_store.c - the campaign list, its limits and the id counters (see
 * mock_store.h). */
#include "mock_store.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mock_store {
    pthread_mutex_t lock;
    mock_campaign **items;
    size_t *footprint;          /* campaign_footprint of items[i] */
    size_t n, cap;
    size_t max_campaigns;
    unsigned long long bytes, max_bytes;
    unsigned long long next[ID_KIND_COUNT];
};

static const char *const id_prefix[ID_KIND_COUNT] = {
    "cmp", "mb", "pkg", "prop", "fc", "ddo", "adcp"
};

mock_store *store_new(void)
{
    mock_store *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    if (pthread_mutex_init(&s->lock, NULL) != 0) { free(s); return NULL; }
    s->max_campaigns = STORE_DEFAULT_MAX_CAMPAIGNS;
    s->max_bytes = STORE_DEFAULT_MAX_BYTES;
    return s;
}

void store_free(mock_store *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->n; i++) campaign_free(s->items[i]);
    free(s->items);
    free(s->footprint);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

void store_set_limits(mock_store *s, size_t max_campaigns, unsigned long long max_bytes)
{
    s->max_campaigns = max_campaigns ? max_campaigns : 1;
    s->max_bytes = max_bytes ? max_bytes : 1;
}

size_t store_max_campaigns(const mock_store *s) { return s->max_campaigns; }
unsigned long long store_max_bytes(const mock_store *s) { return s->max_bytes; }
unsigned long long store_bytes(const mock_store *s) { return s->bytes; }

void store_lock(mock_store *s) { pthread_mutex_lock(&s->lock); }
void store_unlock(mock_store *s) { pthread_mutex_unlock(&s->lock); }

void store_next_id(mock_store *s, int kind, char out[MOCK_ID_LEN])
{
    snprintf(out, MOCK_ID_LEN, "%s_%06llu", id_prefix[kind], ++s->next[kind]);
}

size_t store_count(const mock_store *s) { return s->n; }
mock_campaign *store_at(mock_store *s, size_t i) { return i < s->n ? s->items[i] : NULL; }

mock_campaign *store_find(mock_store *s, const char *id)
{
    if (!id) return NULL;
    /* campaign ids are allocated in creation order: try that slot first */
    unsigned long long k;
    char tail;
    if (sscanf(id, "cmp_%llu%c", &k, &tail) == 1 && k >= 1 && k <= s->n &&
        strcmp(s->items[k - 1]->id, id) == 0)
        return s->items[k - 1];
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->items[i]->id, id) == 0) return s->items[i];
    return NULL;
}

/* Room for one more campaign in both arrays. */
static int reserve(mock_store *s)
{
    if (s->n < s->cap) return 0;
    size_t nc = s->cap ? s->cap * 2 : 64;
    mock_campaign **ni = realloc(s->items, nc * sizeof *ni);
    if (!ni) return -1;
    s->items = ni;
    size_t *nf = realloc(s->footprint, nc * sizeof *nf);
    if (!nf) return -1;        /* items grew already: harmless, cap stays */
    s->footprint = nf;
    s->cap = nc;
    return 0;
}

int store_add(mock_store *s, mock_campaign *c)
{
    if (s->n >= s->max_campaigns) return STORE_FULL_CAMPAIGNS;
    size_t fp = campaign_footprint(c);
    if (fp > s->max_bytes || s->bytes > s->max_bytes - fp) return STORE_FULL_BYTES;
    if (reserve(s) != 0) return STORE_NOMEM;
    store_next_id(s, ID_CAMPAIGN, c->id);
    s->items[s->n] = c;
    s->footprint[s->n] = fp;
    s->n++;
    s->bytes += fp;
    return STORE_OK;
}

int store_replace(mock_store *s, mock_campaign *old, mock_campaign *neu)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->items[i] != old) continue;
        size_t fp = campaign_footprint(neu);
        unsigned long long rest = s->bytes - s->footprint[i];
        if (fp > s->footprint[i] && (fp > s->max_bytes || rest > s->max_bytes - fp))
            return STORE_FULL_BYTES;
        s->items[i] = neu;
        s->footprint[i] = fp;
        s->bytes = rest + fp;
        campaign_free(old);
        return STORE_OK;
    }
    return STORE_NOMEM;   /* not stored: unreachable while the lock is held */
}
