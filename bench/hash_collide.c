/* hash_collide.c - what crafted keys cost compared with ordinary ones, for
 * the hash tables fed by documents.  For each size it builds, side by side,
 * a document with random keys and one with keys crafted against the hashes
 * the tables used before they were keyed (tests/support/fnv_collide.h:
 * every key lands in the same slot of an unkeyed FNV-1a table), runs both
 * and prints the time of each and their ratio:
 *
 *   parse_tape / parse_tree  one object of N members, parsed with
 *                            duplicate keys rejected (tape and tree)
 *   unique                   uniqueItems over N objects: distinct random
 *                            values, or permutations of the same nine
 *                            values over the same nine names (equal under
 *                            an order-independent sum of member hashes)
 *   buy_refs                 the CR-BUY-REFS rule over N mediaBuyRefs and
 *                            N mediaBuys with random or crafted ids
 *
 *   hash_collide [-r REPS] [-k] [-c CASE] [N ...]   (default sizes 50000 200000)
 *
 * Each time is the best of REPS runs (default 3).  -k: skip the cases whose
 * crafted side would be quadratic (for running against the old code at
 * the larger sizes).  -c: only that case (repeatable).  Ratios, not absolute times, are the result: both
 * sides run in the same process, one after the other.  Exit status 1 when
 * a document fails to parse or a check gives an unexpected verdict. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "campaign/contract.h"
#include "contract_rules.h"
#include "fnv_collide.h"
#include "campaign/json_parse.h"
#include "campaign/jsv.h"

typedef struct doc { char *buf; size_t len, cap; } doc;

static void put(doc *d, const char *s, size_t n)
{
    if (d->len + n + 1 > d->cap) {
        d->cap = (d->len + n + 1) * 2;
        d->buf = realloc(d->buf, d->cap);
        if (!d->buf) { perror("hash_collide"); exit(2); }
    }
    memcpy(d->buf + d->len, s, n);
    d->len += n;
    d->buf[d->len] = '\0';
}
static void puts_(doc *d, const char *s) { put(d, s, strlen(s)); }

/* The i-th key of a kind (crafted or random) into k[FNV_COLLIDE_KEY_LEN]. */
typedef struct keys { fnv_collider *c; uint64_t rng; int crafted; unsigned long next; } keys;
static void next_key(keys *ks, char *k)
{
    if (!ks->crafted) { fnv_random_key(ks->next++, &ks->rng, k); return; }
    while (fnv_collide_key(ks->c, ks->next++, k)) {}
}

static doc object_doc(keys *ks, size_t n)
{
    doc d = { 0 };
    char k[FNV_COLLIDE_KEY_LEN], num[32];
    puts_(&d, "{");
    for (size_t i = 0; i < n; i++) {
        next_key(ks, k);
        puts_(&d, i ? ",\"" : "\"");
        put(&d, k, sizeof k);
        snprintf(num, sizeof num, "\":%zu", i);
        puts_(&d, num);
    }
    puts_(&d, "}");
    return d;
}

/* n objects over the names a..i: values 9 * i + j (random), or the i-th
 * permutation of 1..9 (crafted). */
static doc unique_doc(int crafted, size_t n)
{
    doc d = { 0 };
    char item[160];
    puts_(&d, "[");
    for (size_t i = 0; i < n; i++) {
        int v[9], pool[9], np = 9;
        for (int j = 0; j < 9; j++) pool[j] = j + 1;
        size_t r = i;
        for (int j = 0; j < 9; j++) {
            if (crafted) {
                int pick = (int)(r % (size_t)np); /* factorial number system */
                r /= (size_t)np;
                v[j] = pool[pick];
                memmove(pool + pick, pool + pick + 1, (size_t)(np - pick - 1) * sizeof *pool);
                np--;
            } else
                v[j] = (int)(9 * i) + j;
        }
        int m = snprintf(item, sizeof item, "%s{\"a\":%d,\"b\":%d,\"c\":%d,\"d\":%d,\"e\":%d,\"f\":%d,\"g\":%d,\"h\":%d,\"i\":%d}",
                         i ? "," : "", v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
        put(&d, item, (size_t)m);
    }
    puts_(&d, "]");
    return d;
}

static doc buys_doc(keys *ks, size_t n)
{
    doc d = { 0 };
    char k[FNV_COLLIDE_KEY_LEN];
    unsigned long first = ks->next;
    uint64_t rng = ks->rng;
    for (int list = 0; list < 2; list++) {
        puts_(&d, list ? "],\"mediaBuys\":[" : "{\"mediaBuyRefs\":[");
        ks->next = first; /* the same ids in both lists */
        ks->rng = rng;
        for (size_t i = 0; i < n; i++) {
            next_key(ks, k);
            puts_(&d, i ? ",{\"mediaBuyId\":\"" : "{\"mediaBuyId\":\"");
            put(&d, k, sizeof k);
            puts_(&d, "\",\"status\":\"ACTIVE\"}");
        }
    }
    puts_(&d, "]}");
    return d;
}

typedef struct env { json_tape *tape; jsv_schema *unique; jsv_result *res; contract_report *rep; } env;
enum kind { PARSE_TAPE, PARSE_TREE, UNIQUE, BUY_REFS };
static const char *kind_name[] = { "parse_tape", "parse_tree", "unique", "buy_refs" };

/* One run of kind over d; 0 when it gave the expected verdict. */
static int run(env *e, enum kind kind, const doc *d)
{
    json_parse_opts opts = { JSON_PARSE_REJECT_DUPLICATES, 0 };
    json_error err;
    if (kind == PARSE_TAPE) return json_tape_parse(e->tape, d->buf, d->len, &opts, &err);
    json_doc *jd = json_parse(d->buf, d->len, &opts, NULL, &err);
    if (!jd) { fprintf(stderr, "hash_collide: %s\n", err.message); return -1; }
    int bad = 0;
    if (kind == UNIQUE) bad = jsv_validate(e->unique, jd->root, e->res) != 1;
    if (kind == BUY_REFS) {
        contract_report_clear(e->rep);
        cr_buy_refs(jd->root, "", e->rep);
        bad = contract_report_count(e->rep) != 0;
    }
    json_doc_free(jd);
    return bad ? -1 : 0;
}

static double best_time(env *e, enum kind kind, const doc *d, int reps, int *failed)
{
    double best = 1e30;
    for (int r = 0; r < reps; r++) {
        double t0 = bench_now();
        if (run(e, kind, d)) *failed = 1;
        double t = bench_now() - t0;
        if (t < best) best = t;
    }
    return best;
}

static doc make_doc(enum kind kind, int crafted, size_t n, fnv_collider *const c[2])
{
    keys ks = { c[kind == BUY_REFS], 0x9E3779B97F4A7C15ULL, crafted, 0 };
    if (kind == UNIQUE) return unique_doc(crafted, n);
    if (kind == BUY_REFS) return buys_doc(&ks, n);
    return object_doc(&ks, n);
}

int main(int argc, char **argv)
{
    int reps = 3, skip_quadratic = 0, i = 1, only = 0; /* only: bit per kind, 0 all */
    for (; i < argc && argv[i][0] == '-'; i++) {
        int k = BUY_REFS + 1;
        if (!strcmp(argv[i], "-k")) { skip_quadratic = 1; continue; }
        if (!strcmp(argv[i], "-r") && i + 1 < argc) { reps = atoi(argv[++i]); continue; }
        if (!strcmp(argv[i], "-c") && i + 1 < argc)
            for (k = 0; k <= BUY_REFS && strcmp(kind_name[k], argv[i + 1]); k++) {}
        if (k > BUY_REFS) {
            fprintf(stderr, "usage: hash_collide [-r REPS] [-k] [-c parse_tape|parse_tree|unique|buy_refs] [N ...]\n");
            return 2;
        }
        only |= 1 << k;
        i++;
    }
    size_t sizes[16] = { 50000, 200000 }, nsizes = 2;
    if (i < argc) nsizes = 0;
    for (; i < argc && nsizes < 16; i++) sizes[nsizes++] = (size_t)strtoul(argv[i], NULL, 10);

    env e = { json_tape_new(), NULL, jsv_result_new(), contract_report_new() };
    jsv_registry *reg = jsv_registry_new();
    jsv_error jerr;
    const char *schema = "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"uniqueItems\":true}";
    /* the parser's old hash, and map.h's (the id index) */
    fnv_collider *c[2] = { fnv_collider_new(FNV_BASIS_PARSER), fnv_collider_new(FNV_BASIS_MAP) };
    if (!e.tape || !e.res || !e.rep || !reg || !c[0] || !c[1] ||
        jsv_registry_add_json(reg, "urn:bench:unique", schema, strlen(schema), NULL, &jerr) < 0 ||
        !(e.unique = jsv_compile(reg, "urn:bench:unique", NULL, &jerr))) {
        fprintf(stderr, "hash_collide: set-up failed\n");
        return 2;
    }
    int failed = 0;
    printf("case\tn\trandom_s\tcrafted_s\tratio\n");
    for (size_t s = 0; s < nsizes; s++) {
        for (int kind = PARSE_TAPE; kind <= BUY_REFS; kind++) {
            if (only && !(only & (1 << kind))) continue;
            if (skip_quadratic && sizes[s] > 20000) {
                printf("%s\t%zu\t-\t-\tskipped (-k)\n", kind_name[kind], sizes[s]);
                continue;
            }
            doc r = make_doc(kind, 0, sizes[s], c), x = make_doc(kind, 1, sizes[s], c);
            double tr = best_time(&e, kind, &r, reps, &failed);
            double tx = best_time(&e, kind, &x, reps, &failed);
            printf("%s\t%zu\t%.6f\t%.6f\t%.2f\n", kind_name[kind], sizes[s], tr, tx, tx / tr);
            fflush(stdout);
            free(r.buf);
            free(x.buf);
        }
    }
    fnv_collider_free(c[0]);
    fnv_collider_free(c[1]);
    jsv_schema_free(e.unique);
    jsv_registry_free(reg);
    jsv_result_free(e.res);
    contract_report_free(e.rep);
    json_tape_free(e.tape);
    if (failed) fprintf(stderr, "hash_collide: a run gave an unexpected verdict\n");
    return failed;
}
