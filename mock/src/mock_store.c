/* mock_store.c - the campaign list and id counters (see mock_store.h). */
#include "mock_store.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mock_store {
    pthread_mutex_t lock;
    mock_campaign **items;
    size_t n, cap;
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
    return s;
}

void store_free(mock_store *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->n; i++) campaign_free(s->items[i]);
    free(s->items);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

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

int store_add(mock_store *s, mock_campaign *c)
{
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 64;
        mock_campaign **ni = realloc(s->items, nc * sizeof *ni);
        if (!ni) return -1;
        s->items = ni;
        s->cap = nc;
    }
    s->items[s->n++] = c;
    return 0;
}

void store_replace(mock_store *s, mock_campaign *old, mock_campaign *neu)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->items[i] == old) {
            s->items[i] = neu;
            campaign_free(old);
            return;
        }
}
