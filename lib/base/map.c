/* map.c - open-addressing hash maps (linear probing, power-of-two sizes).
 *
 * One table and one probe loop serve both maps: map_find() is inlined into
 * each caller with the key's kind a constant, so the string compare and
 * the pointer compare each compile to their own straight loop. */
#include "map.h"

#include <stdlib.h>
#include <string.h>

enum key_kind { KEY_STRING, KEY_POINTER, KEY_NAME };

/* A nameset slot's hash: the length above the caller's 32-bit hash
 * (nameset_has_hash in map.h computes the same). */
static uint64_t name_hash(size_t len, uint32_t hash)
{
    return (uint64_t)len << 32 | hash;
}

uint64_t map_hash_bytes(const void *p, size_t n)
{
    /* FNV-1a: short keys, good enough spread for URIs and names. */
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) { h ^= s[i]; h *= 1099511628211ULL; }
    return h;
}

/* The slot holding key (hash h), or the empty slot where it would go.
 * The table must have a slot (cap > 0) and an empty one (len < cap). */
static inline __attribute__((always_inline)) struct map_slot *
map_find(const map_table *t, const enum key_kind kind, const void *key, uint64_t h)
{
    size_t mask = t->cap - 1, j = h & mask;
    for (;; j = (j + 1) & mask) {
        struct map_slot *s = &t->slots[j];
        if (!s->key)
            return s;
        if (kind == KEY_POINTER ? s->key == key
            : kind == KEY_NAME  ? s->hash == h && !memcmp(s->key, key, (size_t)(h >> 32))
                                : s->hash == h && !strcmp(s->key, key))
            return s;
    }
}

/* Make room for one more entry: the table doubles when it would pass
 * three quarters full (from first_cap), its slots moved by their stored
 * hashes.  0, or -1 out of memory (the table unchanged). */
static int map_reserve(map_table *t, size_t first_cap)
{
    if ((t->len + 1) * 4 <= t->cap * 3)
        return 0;
    size_t cap = t->cap ? t->cap * 2 : first_cap;
    struct map_slot *ns = calloc(cap, sizeof *ns);
    if (!ns)
        return -1;
    for (size_t i = 0; i < t->cap; i++) {
        const struct map_slot *s = &t->slots[i];
        if (!s->key)
            continue;
        size_t j = s->hash & (cap - 1);
        while (ns[j].key)
            j = (j + 1) & (cap - 1);
        ns[j] = *s;
    }
    free(t->slots);
    t->slots = ns;
    t->cap = cap;
    return 0;
}

/* Put key (hash h) -> value into t; see the put functions. */
static inline __attribute__((always_inline)) int
map_put(map_table *t, const enum key_kind kind, const void *key, uint64_t h, void *value, size_t first_cap)
{
    if (map_reserve(t, first_cap))
        return -1;
    struct map_slot *s = map_find(t, kind, key, h);
    if (!s->key) {
        s->key = key;
        s->hash = h;
        t->len++;
    }
    s->value = value;
    return 0;
}

static void map_free(map_table *t)
{
    free(t->slots);
    memset(t, 0, sizeof *t);
}

/* ---- strmap ---- */

int strmap_put(strmap *m, const char *key, void *value)
{
    if (!m->t.cap)
        sip_key_random(&m->key); /* a new table: its own key */
    return map_put(&m->t, KEY_STRING, key, siphash13(&m->key, key, strlen(key)), value, 16);
}

void *strmap_get(const strmap *m, const char *key)
{
    if (!m->t.cap)
        return NULL;
    return map_find(&m->t, KEY_STRING, key, siphash13(&m->key, key, strlen(key)))->value;
}

int strmap_next(const strmap *m, size_t *pos, const char **key, void **value)
{
    while (*pos < m->t.cap) {
        const struct map_slot *s = &m->t.slots[(*pos)++];
        if (s->key) {
            *key = s->key;
            *value = s->value;
            return 1;
        }
    }
    return 0;
}

void strmap_free(strmap *m)
{
    map_free(&m->t);
}

/* ---- ptrmap ---- */

static uint64_t ptr_hash(const void *p)
{
    uint64_t x = (uint64_t)(uintptr_t)p;
    x ^= x >> 33; x *= 0xff51afd7ed558ccdULL; x ^= x >> 33;
    return x;
}

int ptrmap_put(ptrmap *m, const void *key, void *value)
{
    return map_put(&m->t, KEY_POINTER, key, ptr_hash(key), value, 64);
}

void *ptrmap_get(const ptrmap *m, const void *key)
{
    if (!m->t.cap)
        return NULL;
    return map_find(&m->t, KEY_POINTER, key, ptr_hash(key))->value;
}

void ptrmap_clear(ptrmap *m)
{
    if (m->t.slots)
        memset(m->t.slots, 0, m->t.cap * sizeof *m->t.slots);
    m->t.len = 0;
}

void ptrmap_free(ptrmap *m)
{
    map_free(&m->t);
}

/* ---- nameset ---- */

int nameset_put(nameset *m, const char *name, size_t len, uint32_t hash)
{
    if (len > UINT32_MAX)
        return -1;
    return map_put(&m->t, KEY_NAME, name, name_hash(len, hash), (void *)name, 64);
}

void nameset_free(nameset *m)
{
    map_free(&m->t);
}
