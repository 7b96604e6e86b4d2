/* map.c - open-addressing hash maps (linear probing, power-of-two sizes). */
#include "map.h"

#include <stdlib.h>
#include <string.h>

struct strmap_slot { const char *key; uint64_t hash; void *value; };
struct ptrmap_slot { const void *key; void *value; };

uint64_t map_hash_bytes(const void *p, size_t n)
{
    /* FNV-1a: short keys, good enough spread for URIs and names. */
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) { h ^= s[i]; h *= 1099511628211ULL; }
    return h;
}

static int strmap_grow(strmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 16;
    if (!m->cap) sip_key_random(&m->key); /* a new table: its own key */
    struct strmap_slot *ns = calloc(cap, sizeof *ns);
    if (!ns) return -1;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].key) continue;
        size_t j = m->slots[i].hash & (cap - 1);
        while (ns[j].key) j = (j + 1) & (cap - 1);
        ns[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = ns;
    m->cap = cap;
    return 0;
}

int strmap_put(strmap *m, const char *key, void *value)
{
    if ((m->len + 1) * 4 > m->cap * 3 && strmap_grow(m)) return -1;
    uint64_t h = siphash13(&m->key, key, strlen(key));
    size_t j = h & (m->cap - 1);
    while (m->slots[j].key) {
        if (m->slots[j].hash == h && !strcmp(m->slots[j].key, key)) {
            m->slots[j].value = value;
            return 0;
        }
        j = (j + 1) & (m->cap - 1);
    }
    m->slots[j].key = key;
    m->slots[j].hash = h;
    m->slots[j].value = value;
    m->len++;
    return 0;
}

void *strmap_get(const strmap *m, const char *key)
{
    if (!m->cap) return NULL;
    uint64_t h = siphash13(&m->key, key, strlen(key));
    size_t j = h & (m->cap - 1);
    while (m->slots[j].key) {
        if (m->slots[j].hash == h && !strcmp(m->slots[j].key, key)) return m->slots[j].value;
        j = (j + 1) & (m->cap - 1);
    }
    return NULL;
}

int strmap_next(const strmap *m, size_t *pos, const char **key, void **value)
{
    while (*pos < m->cap) {
        const struct strmap_slot *sl = &m->slots[(*pos)++];
        if (sl->key) { *key = sl->key; *value = sl->value; return 1; }
    }
    return 0;
}

void strmap_free(strmap *m)
{
    free(m->slots);
    memset(m, 0, sizeof *m);
}

static size_t ptr_hash(const void *p)
{
    uint64_t x = (uint64_t)(uintptr_t)p;
    x ^= x >> 33; x *= 0xff51afd7ed558ccdULL; x ^= x >> 33;
    return (size_t)x;
}

static int ptrmap_grow(ptrmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    struct ptrmap_slot *ns = calloc(cap, sizeof *ns);
    if (!ns) return -1;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].key) continue;
        size_t j = ptr_hash(m->slots[i].key) & (cap - 1);
        while (ns[j].key) j = (j + 1) & (cap - 1);
        ns[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = ns;
    m->cap = cap;
    return 0;
}

int ptrmap_put(ptrmap *m, const void *key, void *value)
{
    if ((m->len + 1) * 4 > m->cap * 3 && ptrmap_grow(m)) return -1;
    size_t j = ptr_hash(key) & (m->cap - 1);
    while (m->slots[j].key) {
        if (m->slots[j].key == key) { m->slots[j].value = value; return 0; }
        j = (j + 1) & (m->cap - 1);
    }
    m->slots[j].key = key;
    m->slots[j].value = value;
    m->len++;
    return 0;
}

void *ptrmap_get(const ptrmap *m, const void *key)
{
    if (!m->cap) return NULL;
    size_t j = ptr_hash(key) & (m->cap - 1);
    while (m->slots[j].key) {
        if (m->slots[j].key == key) return m->slots[j].value;
        j = (j + 1) & (m->cap - 1);
    }
    return NULL;
}

void ptrmap_clear(ptrmap *m)
{
    if (m->slots) memset(m->slots, 0, m->cap * sizeof *m->slots);
    m->len = 0;
}

void ptrmap_free(ptrmap *m)
{
    free(m->slots);
    memset(m, 0, sizeof *m);
}
