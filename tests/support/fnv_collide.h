/* fnv_collide.h - keys crafted against the unkeyed hash the parser's
 * duplicate-key table and the contract rules' id index used before they
 * were keyed: 64-bit FNV-1a, whose table slot is its low bits.  The low b
 * bits of FNV-1a after each byte depend only on the low b bits before it
 * and the byte, and the step is invertible, so a meet in the middle finds
 * for any prefix a 6-byte ending that lands on a chosen value: every key
 * made here has FNV-1a low 20 bits equal to 0, so in any table of up to
 * 2^20 slots all of them want the same slot.  Used by the benchmark that
 * shows the attack and by the tests that it no longer costs more. */
#ifndef FNV_COLLIDE_H
#define FNV_COLLIDE_H

#include <stddef.h>
#include <stdint.h>

#define FNV_COLLIDE_BITS 20
#define FNV_COLLIDE_KEY_LEN 14 /* bytes of every key made here */

/* The two starting values the old code used: the parser's duplicate
 * table started from FNV's offset basis, map.h's map_hash_bytes (the
 * contract rules' id index, strmap) from that number without its last
 * digit. */
#define FNV_BASIS_PARSER 0xcbf29ce484222325ULL
#define FNV_BASIS_MAP 1469598103934665603ULL

/* 64-bit FNV-1a of p[0..n) from basis (the old hashes). */
uint64_t fnv1a64(uint64_t basis, const void *p, size_t n);

typedef struct fnv_collider fnv_collider;

/* A collider for FNV-1a from basis (owned by the caller:
 * fnv_collider_free), NULL out of memory.  It holds a 2 MiB table. */
fnv_collider *fnv_collider_new(uint64_t basis);
void fnv_collider_free(fnv_collider *c);

/* Write the i-th crafted key (FNV_COLLIDE_KEY_LEN bytes, lowercase
 * letters and digits, no terminator) to out: distinct i give distinct
 * keys.  0, or -1 when no ending was found for this i (rare: try the next
 * i). */
int fnv_collide_key(const fnv_collider *c, unsigned long i, char *out);

/* The i-th key of the same shape with a pseudo-random ending (seeded by
 * *state, which it advances): what an ordinary document's keys look like
 * to the hash. */
void fnv_random_key(unsigned long i, uint64_t *state, char *out);

#endif
