/* siphash.h - SipHash (Aumasson and Bernstein, "SipHash: a fast
 * short-input PRF", 2012), written from the paper's description: a keyed
 * 64-bit hash whose outputs an attacker who does not know the 128-bit key
 * cannot predict, so crafted inputs cannot be made to share hash table
 * slots.
 *
 * The hash tables fed by documents (duplicate keys in the parser, the
 * uniqueItems check, the contract rules' media buy ids, map.h's strmap) use
 * SipHash-1-3 (one compression round per 8-byte word, three finalization
 * rounds): the reduced-round variant used for hash tables, cheaper for
 * short keys than SipHash-2-4 and still without a known way to steer its
 * output without the key.  SipHash-2-4 is here only so the tests can check
 * the implementation against the paper's test vector. */
#ifndef SIPHASH_H
#define SIPHASH_H

#include <stddef.h>
#include <stdint.h>

/* A 128-bit key as two little-endian words. */
typedef struct sip_key { uint64_t k0, k1; } sip_key;

/* Fill *k with random bytes from the kernel (getrandom).  0 on success;
 * -1 when none could be had, with *k then mixed from the clock and
 * addresses (unpredictable enough to an attacker who cannot see the
 * process, never a fixed key).  Call it once per parse or table, not per
 * hash: it is a system call. */
int sip_key_random(sip_key *k);

/* SipHash-1-3 of p[0..n) under key k. */
uint64_t siphash13(const sip_key *k, const void *p, size_t n);

/* SipHash-2-4 of p[0..n) (the paper's reference variant). */
uint64_t siphash24(const sip_key *k, const void *p, size_t n);

/* A streaming SipHash-1-3 over 64-bit words, for hashing a sequence of
 * hashes (an array's items): sip_words_init, sip_words_add per word,
 * sip_words_end.  The same words give the same result; a different order
 * or count gives an unrelated one. */
typedef struct sip_words { uint64_t v0, v1, v2, v3, n; } sip_words;
void sip_words_init(sip_words *s, const sip_key *k);
void sip_words_add(sip_words *s, uint64_t w);
uint64_t sip_words_end(sip_words *s);

#endif
