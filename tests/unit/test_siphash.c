/* test_siphash.c - the keyed hash behind the document-fed hash tables:
 * the SipHash paper's test vector (so the rounds are the published ones),
 * that the key changes every output, and the word-stream form. */
#include "check.h"
#include "siphash.h"

#include <stdint.h>

static sip_key paper_key(void)
{
    /* key = 00 01 02 ... 0f, read as two little-endian words */
    return (sip_key){ 0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL };
}

static void test_paper_vector(struct check *t)
{
    sip_key k = paper_key();
    unsigned char m[64];
    for (int i = 0; i < 64; i++) m[i] = (unsigned char)i;
    /* "SipHash: a fast short-input PRF", appendix A: message 00..0e */
    CHECK(t, siphash24(&k, m, 15) == 0xa129ca6149be45e5ULL);
    /* the empty message (first entry of the authors' vectors) */
    CHECK(t, siphash24(&k, m, 0) == 0x726fdb47dd0e0e31ULL);
}

static void test_key_matters(struct check *t)
{
    sip_key a = paper_key(), b = a;
    b.k1 ^= 1;
    const char *s = "mediaBuyId";
    CHECK(t, siphash13(&a, s, 10) != siphash13(&b, s, 10));
    CHECK(t, siphash13(&a, s, 10) == siphash13(&a, s, 10));
    /* the length is part of the message: "a" and "a\0" differ */
    CHECK(t, siphash13(&a, "a\0", 1) != siphash13(&a, "a\0", 2));
    sip_key r1, r2;
    sip_key_random(&r1);
    sip_key_random(&r2);
    CHECK(t, r1.k0 != r2.k0 || r1.k1 != r2.k1);
}

static void test_words(struct check *t)
{
    sip_key k = paper_key();
    uint64_t w[3] = { 1, 2, 3 };
    sip_words s;
    sip_words_init(&s, &k);
    for (int i = 0; i < 3; i++) sip_words_add(&s, w[i]);
    /* on a little-endian machine the words are the bytes siphash13 reads */
    uint64_t one = 1;
    if (*(unsigned char *)&one == 1) CHECK(t, sip_words_end(&s) == siphash13(&k, w, sizeof w));
    sip_words u;
    sip_words_init(&u, &k);
    sip_words_add(&u, 2);
    sip_words_add(&u, 1);
    sip_words_add(&u, 3);
    sip_words_init(&s, &k);
    for (int i = 0; i < 3; i++) sip_words_add(&s, w[i]);
    CHECK(t, sip_words_end(&u) != sip_words_end(&s));
}

int main(void)
{
    struct check t = { 0, 0, "siphash" };
    test_paper_vector(&t);
    test_key_matters(&t);
    test_words(&t);
    return check_done(&t);
}
