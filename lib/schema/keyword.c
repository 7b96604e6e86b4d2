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

/* Items of unequal value whose unkeyed hashes agree that a first pass
 * compares before it starts over with the keyed hash.  jv_hash is
 * unkeyed and adds up an object's members, so 50 000 objects holding the
 * same nine values under the same nine names, each in another order,
 * share one hash: compared pair by pair they took 44 s at 20 000 items
 * where distinct values took 0.03 s.  Ordinary arrays meet no such pair,
 * so they never pay for a key (a system call) or for SipHash. */
#define UNIQUE_FALSE_MATCHES 16

/* Hash v[0..n)'s items (keyed when k), sort them by hash, and compare
 * items of equal hash: the first equal pair in array order goes to *a,
 * *b (n when none).  0; 1 when unkeyed and more than
 * UNIQUE_FALSE_MATCHES items of equal hash differed (the caller starts
 * over keyed). */
static int unique_pass(hashed_item *v, size_t n, const sip_key *k, size_t *a_out, size_t *b_out)
{
    size_t i = 0, a = n, b = n, false_matches = 0;
    for (const cJSON *e = v[0].v; i < n; e = e->next, i++) {
        v[i].h = k ? jv_hash_keyed(e, k) : jv_hash(e);
        v[i].i = i;
        v[i].v = e;
    }
    qsort(v, n, sizeof *v, by_hash_then_index);
    for (size_t lo = 0; lo < n;) {
        size_t hi = lo + 1;
        while (hi < n && v[hi].h == v[lo].h) hi++;
        /* in a group (by index) the first item with an equal later one
         * holds the group's earliest pair: stop there, so that n copies
         * of one value cost n, not n * n */
        for (size_t x = lo; x < hi && v[x].i < a; x++) {
            size_t y = x + 1;
            for (; y < hi; y++) {
                if (jv_equal(v[x].v, v[y].v)) break;
                if (!k && ++false_matches > UNIQUE_FALSE_MATCHES) return 1;
            }
            if (y < hi) {
                if (v[x].i < a || (v[x].i == a && v[y].i < b)) { a = v[x].i; b = v[y].i; }
                break;
            }
        }
        lo = hi;
    }
    *a_out = a;
    *b_out = b;
    return 0;
}

/* Items sorted by hash, so only items with equal hashes are compared:
 * O(n log n) instead of every pair.  The pair reported is the first in
 * array order, as a pairwise scan would find it. */
int kw_unique_ok(const cJSON *inst, size_t *a_out, size_t *b_out)
{
    size_t n = kw_child_count(inst), a, b;
    if (n < 2) return 1;
    hashed_item *v = malloc(n * sizeof *v);
    if (!v) return -1;
    v[0].v = inst->child;
    if (unique_pass(v, n, NULL, &a, &b)) {
        sip_key k;
        sip_key_random(&k);
        v[0].v = inst->child;
        unique_pass(v, n, &k, &a, &b);
    }
    free(v);
    if (a == n) return 1;
    *a_out = a;
    *b_out = b;
    return 0;
}
