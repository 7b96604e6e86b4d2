/* fnv_collide.c - see fnv_collide.h.  Key layout: 'c', the index in 7
 * base-32 digits, 3 "middle" bytes searched forward, 3 "tail" bytes
 * looked up in a table built backward from the target. */
#include "fnv_collide.h"

#include <stdlib.h>

#define FNV_PRIME 0x100000001b3ULL
#define MASK (((uint64_t)1 << FNV_COLLIDE_BITS) - 1)

static const char alpha[33] = "abcdefghijklmnopqrstuvwxyz012345";

struct fnv_collider {
    uint16_t *tail; /* state (low bits) before the tail -> tail number + 1, 0: none */
    uint64_t prime_inv;
    uint64_t basis;
};

uint64_t fnv1a64(uint64_t basis, const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = basis;
    for (size_t i = 0; i < n; i++) h = (h ^ s[i]) * FNV_PRIME;
    return h;
}

/* The multiplicative inverse of an odd x mod 2^64 (Newton's iteration). */
static uint64_t inverse(uint64_t x)
{
    uint64_t y = x;
    for (int i = 0; i < 6; i++) y *= 2 - x * y;
    return y;
}

fnv_collider *fnv_collider_new(uint64_t basis)
{
    fnv_collider *c = malloc(sizeof *c);
    if (!c) return NULL;
    c->basis = basis;
    c->tail = calloc((size_t)MASK + 1, sizeof *c->tail);
    if (!c->tail) { free(c); return NULL; }
    c->prime_inv = inverse(FNV_PRIME);
    for (unsigned t = 0; t < 32 * 32 * 32; t++) {
        /* run h' = (h ^ b) * P backward from 0 over the tail, last byte first */
        uint64_t h = 0;
        for (int j = 0; j < 3; j++) h = ((h * c->prime_inv) ^ (unsigned char)alpha[(t >> (5 * j)) & 31]) & MASK;
        if (!c->tail[h]) c->tail[h] = (uint16_t)(t + 1);
    }
    return c;
}

void fnv_collider_free(fnv_collider *c)
{
    if (!c) return;
    free(c->tail);
    free(c);
}

static void put3(char *out, unsigned v)
{
    for (int j = 0; j < 3; j++) out[j] = alpha[(v >> (5 * (2 - j))) & 31];
}

static void prefix(unsigned long i, char *out)
{
    out[0] = 'c';
    for (int j = 0; j < 7; j++) out[1 + j] = alpha[(i >> (5 * (6 - j))) & 31];
}

int fnv_collide_key(const fnv_collider *c, unsigned long i, char *out)
{
    prefix(i, out);
    uint64_t h0 = fnv1a64(c->basis, out, 8);
    for (unsigned m = 0; m < 32 * 32 * 32; m++) {
        put3(out + 8, m);
        uint64_t h = h0;
        for (int j = 8; j < 11; j++) h = (h ^ (unsigned char)out[j]) * FNV_PRIME;
        unsigned t = c->tail[h & MASK];
        if (t) {
            put3(out + 11, t - 1);
            return 0;
        }
    }
    return -1;
}

void fnv_random_key(unsigned long i, uint64_t *state, char *out)
{
    prefix(i, out);
    for (int j = 8; j < FNV_COLLIDE_KEY_LEN; j++) {
        *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
        out[j] = alpha[(*state >> 59) & 31];
    }
}
