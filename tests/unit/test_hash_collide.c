/* test_hash_collide.c - the hash-grouped checks other than the parser's
 * duplicate table (test_json_parse.c) against values crafted to collide
 * under the unkeyed hashes they used: uniqueItems over objects whose
 * values are permuted among the same names, and CR-BUY-REFS over media
 * buy ids aimed at one slot of an FNV-1a table; and jv_equal on large
 * objects whose members come in another order.  Each still finds what it
 * must (both sides: a repeat and no repeat), and costs about what random
 * values cost: work where it can be counted, else the time of the two
 * side by side in this run with a slack (10x) far under what the unkeyed
 * code took (1488x and 36x at these sizes). */
#include "check.h"
#include "campaign/contract.h"
#include "contract_rules.h"
#include "fnv_collide.h"
#include "campaign/json_value.h"
#include "keyword.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* The i-th permutation of 1..7 over the names a..g (crafted), or distinct
 * values (random); an array of n such objects. */
static cJSON *objects(size_t n, int crafted)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++) {
        int pool[7] = { 1, 2, 3, 4, 5, 6, 7 }, np = 7;
        size_t r = i % 5040;
        cJSON *o = cJSON_CreateObject();
        for (int j = 0; j < 7; j++) {
            char name[2] = { (char)('a' + j), 0 };
            int v = (int)(7 * i) + j;
            if (crafted) {
                int pick = (int)(r % (size_t)np);
                r /= (size_t)np;
                v = pool[pick];
                memmove(pool + pick, pool + pick + 1, (size_t)(np - pick - 1) * sizeof *pool);
                np--;
            }
            cJSON_AddNumberToObject(o, name, v);
        }
        cJSON_AddItemToArray(arr, o);
    }
    return arr;
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

/* Distinct values among h[0..n) (sorts h). */
static size_t distinct(uint64_t *h, size_t n)
{
    qsort(h, n, sizeof *h, cmp_u64);
    size_t d = n > 0;
    for (size_t i = 1; i < n; i++) d += h[i] != h[i - 1];
    return d;
}

/* Best of three timings of kw_unique_ok on arr; *ok its verdict. */
static double unique_time(const cJSON *arr, int *ok, size_t *a, size_t *b)
{
    double best = 1e30;
    for (int r = 0; r < 3; r++) {
        double t0 = now();
        *ok = kw_unique_ok(arr, a, b);
        double t = now() - t0;
        if (t < best) best = t;
    }
    return best;
}

static void test_unique(struct check *t)
{
    cJSON *perm = objects(5040, 1);
    uint64_t *h = malloc(5040 * sizeof *h);
    size_t i = 0;
    sip_key k;
    sip_key_random(&k);
    /* the unkeyed hash adds the members up: every permutation shares it */
    for (const cJSON *e = perm->child; e; e = e->next) h[i++] = jv_hash(e);
    CHECK_INT(t, distinct(h, 5040), 1);
    i = 0;
    for (const cJSON *e = perm->child; e; e = e->next) h[i++] = jv_hash_keyed(e, &k);
    CHECK_INT(t, distinct(h, 5040), 5040);
    /* equal values, equal keyed hashes: 1 and 1.0, members in any order */
    cJSON *x = cJSON_Parse("[{\"a\":1,\"b\":[2,\"s\"]},{\"b\":[2.0,\"s\"],\"a\":1.0}]");
    CHECK(t, jv_hash_keyed(x->child, &k) == jv_hash_keyed(x->child->next, &k));
    cJSON_Delete(x);
    free(h);
    cJSON_Delete(perm);

    /* 20 000 items: permutations (each one 4 times: a repeat at 5040) */
    size_t n = 20000, a = 0, b = 0;
    int ok;
    cJSON *random = objects(n, 0), *crafted = objects(n, 1);
    double tr = unique_time(random, &ok, &a, &b);
    CHECK_INT(t, ok, 1);
    double tx = unique_time(crafted, &ok, &a, &b);
    CHECK(t, ok == 0 && a == 0 && b == 5040);
    CHECK_MSG(t, tx <= 10 * tr + 0.05, "random %.4f s, crafted %.4f s", tr, tx);
    cJSON_Delete(crafted);
    /* no repeat among 5040 permutations; one more item repeating the
     * 17th makes one */
    crafted = objects(5040, 1);
    CHECK_INT(t, kw_unique_ok(crafted, &a, &b), 1);
    cJSON_AddItemToArray(crafted, cJSON_Duplicate(cJSON_GetArrayItem(crafted, 17), 1));
    CHECK(t, kw_unique_ok(crafted, &a, &b) == 0 && a == 17 && b == 5040);
    cJSON_Delete(crafted);
    /* n copies of one value: the first pair, found without n * n work */
    cJSON *same = cJSON_CreateArray();
    for (size_t j = 0; j < n; j++) cJSON_AddItemToArray(same, cJSON_CreateNumber(7));
    double ts = unique_time(same, &ok, &a, &b);
    CHECK(t, ok == 0 && a == 0 && b == 1);
    CHECK_MSG(t, ts <= 10 * tr + 0.05, "random %.4f s, copies %.4f s", tr, ts);
    cJSON_Delete(same);
    cJSON_Delete(random);
}

/* {"mediaBuyRefs": [...], "mediaBuys": [...]} with n ids each (crafted
 * against map.h's FNV-1a, or random); buys leaves out the id at drop
 * (-1: none). */
static cJSON *buys(const fnv_collider *c, size_t n, int crafted, long drop)
{
    cJSON *o = cJSON_CreateObject();
    for (int list = 0; list < 2; list++) {
        cJSON *arr = cJSON_AddArrayToObject(o, list ? "mediaBuys" : "mediaBuyRefs");
        uint64_t rng = 7;
        unsigned long next = 0;
        for (size_t i = 0; i < n; i++) {
            char k[FNV_COLLIDE_KEY_LEN + 1] = { 0 };
            if (crafted) while (fnv_collide_key(c, next++, k)) {}
            else fnv_random_key(next++, &rng, k);
            if (list && (long)i == drop) continue;
            cJSON *e = cJSON_CreateObject();
            cJSON_AddStringToObject(e, "mediaBuyId", k);
            cJSON_AddStringToObject(e, "status", "ACTIVE");
            cJSON_AddItemToArray(arr, e);
        }
    }
    return o;
}

static double refs_time(const cJSON *doc, size_t *findings)
{
    double best = 1e30;
    contract_report *r = contract_report_new();
    for (int i = 0; i < 3; i++) {
        contract_report_clear(r);
        double t0 = now();
        cr_buy_refs(doc, "", r);
        double t = now() - t0;
        if (t < best) best = t;
    }
    *findings = contract_report_count(r);
    contract_report_free(r);
    return best;
}

static void test_buy_refs(struct check *t)
{
    fnv_collider *c = fnv_collider_new(FNV_BASIS_MAP);
    size_t n = 20000, fr, fx;
    cJSON *random = buys(c, n, 0, -1), *crafted = buys(c, n, 1, -1);
    double tr = refs_time(random, &fr), tx = refs_time(crafted, &fx);
    CHECK(t, fr == 0 && fx == 0);
    CHECK_MSG(t, tx <= 10 * tr + 0.05, "random %.4f s, crafted %.4f s", tr, tx);
    cJSON_Delete(random);
    cJSON_Delete(crafted);
    /* an id missing from mediaBuys is still found among crafted ids, in
     * long lists (keyed) and short ones (unkeyed: 32 + 31 <= 64) */
    size_t sizes[2] = { 2000, 32 };
    for (int s = 0; s < 2; s++) {
        crafted = buys(c, sizes[s], 1, 5);
        refs_time(crafted, &fx);
        CHECK_MSG(t, fx == 1, "%zu ids: %zu findings", sizes[s], fx);
        cJSON_Delete(crafted);
    }
    fnv_collider_free(c);
}

/* Two objects of n members, the second in reverse order. */
static void big_objects(size_t n, cJSON **a, cJSON **b)
{
    *a = cJSON_CreateObject();
    *b = cJSON_CreateObject();
    for (size_t i = 0; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "member%zu", i);
        cJSON_AddNumberToObject(*a, name, (double)i);
        snprintf(name, sizeof name, "member%zu", n - 1 - i);
        cJSON_AddNumberToObject(*b, name, (double)(n - 1 - i));
    }
}

static void test_big_objects_equal(struct check *t)
{
    cJSON *a, *b;
    size_t n = 100000;
    big_objects(n, &a, &b);
    /* matched member by member this took 5e9 name compares */
    double t0 = now();
    CHECK(t, jv_equal(a, b) == 1);
    double took = now() - t0;
    CHECK_MSG(t, took < 1.0, "%.3f s", took);
    cJSON_SetNumberValue(cJSON_GetObjectItemCaseSensitive(b, "member77"), -1);
    CHECK(t, jv_equal(a, b) == 0);
    cJSON_Delete(a);
    cJSON_Delete(b);
    /* both sides of the sorted path, with a repeated name: each member
     * meets the first of its name in the other, as before */
    for (size_t m = 15; m <= 18; m++) {
        big_objects(m, &a, &b);
        CHECK_MSG(t, jv_equal(a, b) == 1, "%zu members", m);
        cJSON_AddNumberToObject(a, "member0", 5);
        cJSON_AddNumberToObject(b, "member0", 5);
        CHECK_MSG(t, jv_equal(a, b) == 0, "%zu members, repeated name", m);
        cJSON_Delete(a);
        cJSON_Delete(b);
    }
}

int main(void)
{
    struct check t = { 0, 0, "hash_collide" };
    test_unique(&t);
    test_buy_refs(&t);
    test_big_objects_equal(&t);
    return check_done(&t);
}
