/* keyword.c - the keyword predicates too large to inline (keyword.h). */
#include "keyword.h"

#include <stdlib.h>

typedef struct hashed_item { uint64_t h; size_t i; const cJSON *v; } hashed_item;

static int by_hash_then_index(const void *x, const void *y)
{
    const hashed_item *a = x, *b = y;
    if (a->h != b->h) return a->h < b->h ? -1 : 1;
    return (a->i > b->i) - (a->i < b->i);
}

/* Items sorted by hash, so only items with equal hashes are compared:
 * O(n log n) instead of every pair.  The pair reported is the first in
 * array order, as a pairwise scan would find it. */
int kw_unique_ok(const cJSON *inst, size_t *a_out, size_t *b_out)
{
    size_t n = kw_child_count(inst);
    if (n < 2) return 1;
    hashed_item *v = malloc(n * sizeof *v);
    if (!v) return -1;
    size_t i = 0;
    for (const cJSON *e = inst->child; e; e = e->next, i++) {
        v[i].h = jv_hash(e);
        v[i].i = i;
        v[i].v = e;
    }
    qsort(v, n, sizeof *v, by_hash_then_index);
    size_t a = n, b = n;
    for (size_t lo = 0; lo < n;) {
        size_t hi = lo + 1;
        while (hi < n && v[hi].h == v[lo].h) hi++;
        for (size_t x = lo; x < hi; x++)
            for (size_t y = x + 1; y < hi; y++)
                if ((v[x].i < a || (v[x].i == a && v[y].i < b)) && jv_equal(v[x].v, v[y].v)) {
                    a = v[x].i;
                    b = v[y].i;
                }
        lo = hi;
    }
    free(v);
    if (a == n) return 1;
    *a_out = a;
    *b_out = b;
    return 0;
}
