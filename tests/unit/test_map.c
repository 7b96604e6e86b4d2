/* test_map.c - the registry's and compiler's hash maps (lib/base/map.h):
 * strmap finds a key by its bytes, ptrmap by its address; values are
 * replaced, not doubled; both keep every entry across growth (the table
 * passes three quarters full at 13 of 16 and 49 of 64 entries); strmap's
 * iteration sees each entry once; ptrmap_clear empties the table and keeps
 * it for reuse. */
#include "check.h"
#include "map.h"

#include <stdio.h>
#include <stdlib.h>

#define N 1000

static void test_strmap(struct check *t)
{
    strmap m = {0};
    static char keys[N][16];
    CHECK(t, strmap_get(&m, "absent") == NULL);
    for (int i = 0; i < N; i++) {
        snprintf(keys[i], sizeof keys[i], "#/$defs/k%d", i);
        CHECK(t, strmap_put(&m, keys[i], &keys[i]) == 0);
        if (i == 11 || i == 12 || i == 13)
            CHECK_INT(t, m.t.cap, i < 12 ? 16 : 32); /* grows at 13 entries */
    }
    CHECK_INT(t, m.t.len, N);
    int found = 0;
    for (int i = 0; i < N; i++) {
        char copy[16];
        snprintf(copy, sizeof copy, "#/$defs/k%d", i); /* same bytes, other address */
        found += strmap_get(&m, copy) == &keys[i];
    }
    CHECK_INT(t, found, N);
    CHECK(t, strmap_get(&m, "#/$defs/k1000") == NULL);
    CHECK(t, strmap_get(&m, "#/$defs/k") == NULL);

    /* replacing keeps one entry */
    int other;
    CHECK(t, strmap_put(&m, "#/$defs/k7", &other) == 0);
    CHECK_INT(t, m.t.len, N);
    CHECK(t, strmap_get(&m, keys[7]) == &other);

    size_t pos = 0, seen = 0;
    const char *k;
    void *v;
    char *hit = calloc(N, 1);
    while (strmap_next(&m, &pos, &k, &v)) {
        int i = atoi(k + 9);
        CHECK(t, i >= 0 && i < N && !hit[i]);
        if (i >= 0 && i < N) hit[i] = 1;
        seen++;
    }
    CHECK_INT(t, seen, N);
    free(hit);
    strmap_free(&m);
    CHECK(t, m.t.slots == NULL && m.t.cap == 0 && m.t.len == 0);
    CHECK(t, strmap_get(&m, keys[0]) == NULL);
}

static void test_ptrmap(struct check *t)
{
    ptrmap m = {0};
    static int objs[N];
    static const char a[] = "same", b[] = "same";
    CHECK(t, ptrmap_get(&m, &objs[0]) == NULL);
    CHECK(t, ptrmap_put(&m, a, (void *)"a") == 0);
    CHECK(t, ptrmap_put(&m, b, (void *)"b") == 0);
    CHECK_STR(t, ptrmap_get(&m, a), "a"); /* by address, not by bytes */
    CHECK_STR(t, ptrmap_get(&m, b), "b");
    for (int i = 0; i < N; i++) {
        CHECK(t, ptrmap_put(&m, &objs[i], &objs[(i + 1) % N]) == 0);
        if (i == 45 || i == 46)
            CHECK_INT(t, m.t.cap, i < 46 ? 64 : 128); /* grows at 49 entries (2 + 47) */
    }
    CHECK_INT(t, m.t.len, N + 2);
    int found = 0;
    for (int i = 0; i < N; i++)
        found += ptrmap_get(&m, &objs[i]) == &objs[(i + 1) % N];
    CHECK_INT(t, found, N);
    CHECK(t, ptrmap_put(&m, &objs[3], NULL) == 0);
    CHECK(t, ptrmap_get(&m, &objs[3]) == NULL);
    CHECK_INT(t, m.t.len, N + 2);

    size_t cap = m.t.cap;
    ptrmap_clear(&m);
    CHECK(t, m.t.len == 0 && m.t.cap == cap);
    CHECK(t, ptrmap_get(&m, &objs[5]) == NULL);
    CHECK(t, ptrmap_put(&m, &objs[5], &objs[9]) == 0);
    CHECK(t, ptrmap_get(&m, &objs[5]) == &objs[9]);
    ptrmap_free(&m);
    CHECK(t, m.t.slots == NULL && m.t.cap == 0);
}

int main(void)
{
    struct check t = { 0, 0, "map" };
    test_strmap(&t);
    test_ptrmap(&t);
    return check_done(&t);
}
