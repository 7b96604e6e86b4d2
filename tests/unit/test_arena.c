/* test_arena.c - the bump allocator: alignment, chunking, large blocks,
 * reset keeping the first chunk, strndup, byte accounting. */
#include "check.h"
#include "campaign/arena.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static int aligned(const void *p)
{
    return ((uintptr_t)p % _Alignof(max_align_t)) == 0;
}

static void test_alignment(struct check *t)
{
    arena *a = arena_new(0);
    CHECK(t, a != NULL);
    int all = 1;
    for (size_t i = 0; i < 1000; i++) {
        unsigned char *p = arena_alloc(a, i % 37);
        if (!p || !aligned(p)) all = 0;
        if (p && i % 37) memset(p, 0xAB, i % 37);
    }
    CHECK(t, all);
    void *z1 = arena_alloc(a, 0), *z2 = arena_alloc(a, 0);
    CHECK(t, z1 && z2 && z1 != z2);
    arena_free(a);
}

static void test_distinct_and_intact(struct check *t)
{
    /* many allocations across several chunks keep their contents */
    arena *a = arena_new(1024);
    enum { N = 5000 };
    static unsigned *ptrs[N];
    for (unsigned i = 0; i < N; i++) {
        ptrs[i] = arena_alloc(a, sizeof(unsigned) * (1 + i % 5));
        for (unsigned j = 0; j < 1 + i % 5; j++) ptrs[i][j] = i * 7 + j;
    }
    int ok = 1;
    for (unsigned i = 0; i < N; i++)
        for (unsigned j = 0; j < 1 + i % 5; j++)
            if (ptrs[i][j] != i * 7 + j) ok = 0;
    CHECK(t, ok);
    arena_free(a);
}

static void test_large(struct check *t)
{
    arena *a = arena_new(4096);
    char *small1 = arena_alloc(a, 16);
    char *big = arena_alloc(a, 1 << 20); /* own chunk */
    char *small2 = arena_alloc(a, 16);
    CHECK(t, small1 && big && small2);
    CHECK(t, aligned(big));
    memset(big, 'x', 1 << 20);
    /* the current chunk kept serving small requests */
    CHECK_INT(t, small2 - small1, 16);
    CHECK(t, arena_used(a) >= (1u << 20) + 32);
    arena_free(a);
}

static void test_reset(struct check *t)
{
    arena *a = arena_new(4096);
    char *first = arena_alloc(a, 100);
    for (int i = 0; i < 100; i++) arena_alloc(a, 1000); /* spill into more chunks */
    arena_alloc(a, 100000);
    CHECK(t, arena_used(a) > 100000);
    arena_reset(a);
    CHECK_INT(t, arena_used(a), 0);
    /* the first chunk is reused: the first allocation lands where it did */
    char *again = arena_alloc(a, 100);
    CHECK(t, again == first);
    arena_reset(a);
    arena_reset(a);
    CHECK_INT(t, arena_used(a), 0);
    arena_free(a);
}

/* Chunks beyond the first are kept by a reset and handed out again, in
 * the order the arena needs them; memory stays valid and writable. */
static void test_reset_keeps_chunks(struct check *t)
{
    arena *a = arena_new(4096);
    char *seen[64];
    int n = 0;
    /* 1000-byte blocks: four per 4096-byte chunk, the rest spill over */
    for (int i = 0; i < 64; i++) seen[n++] = arena_alloc(a, 1000);
    size_t regular = arena_capacity(a);
    char *big = arena_alloc(a, 100000); /* a chunk of its own: freed by reset */
    CHECK(t, big != NULL);
    memset(big, 0x5a, 100000);
    CHECK(t, arena_capacity(a) >= regular + 100000);
    arena_reset(a);
    /* every regular chunk is kept, the large one is not */
    CHECK(t, regular >= 16u * 4096u);
    CHECK_INT(t, arena_capacity(a), regular);
    int reused = 0;
    for (int i = 0; i < 64; i++) {
        char *p = arena_alloc(a, 1000);
        if (!p) break;
        memset(p, i, 1000);
        for (int j = 0; j < 64; j++)
            if (p == seen[j]) { reused++; break; }
    }
    CHECK_INT(t, reused, 64);
    /* a second round reuses them again, and more than the peak still works */
    arena_reset(a);
    int got = 0;
    for (int i = 0; i < 200; i++) got += arena_alloc(a, 1000) != NULL;
    CHECK_INT(t, got, 200);
    CHECK(t, arena_used(a) >= 200u * 1000u);
    CHECK(t, arena_capacity(a) >= 200u * 1000u);
    size_t peak = arena_capacity(a);
    arena_reset(a);
    CHECK_INT(t, arena_capacity(a), peak);
    arena_free(a);
}

static void test_strndup(struct check *t)
{
    arena *a = arena_new(0);
    char *s = arena_strndup(a, "hello world", 5);
    CHECK_STR(t, s, "hello");
    char *e = arena_strndup(a, "", 0);
    CHECK_STR(t, e, "");
    char *nul = arena_strndup(a, "a\0b", 3);
    CHECK(t, nul && nul[0] == 'a' && nul[1] == 0 && nul[2] == 'b' && nul[3] == 0);
    CHECK_INT(t, arena_used(a), 3 * _Alignof(max_align_t));
    arena_free(a);
}

static void test_edges(struct check *t)
{
    CHECK(t, arena_alloc(NULL, 8) == NULL);
    CHECK_INT(t, arena_used(NULL), 0);
    arena_reset(NULL);
    arena_free(NULL);
    arena *a = arena_new(1); /* tiny chunk size is raised to a minimum */
    CHECK(t, a != NULL);
    CHECK(t, arena_alloc(a, SIZE_MAX) == NULL);
    CHECK(t, arena_alloc(a, SIZE_MAX - 8) == NULL);
    char *p = arena_alloc(a, 10000);
    CHECK(t, p != NULL);
    arena_free(a);
}

int main(void)
{
    struct check t = { 0, 0, "arena" };
    test_alignment(&t);
    test_distinct_and_intact(&t);
    test_large(&t);
    test_reset(&t);
    test_reset_keeps_chunks(&t);
    test_strndup(&t);
    test_edges(&t);
    return check_done(&t);
}
