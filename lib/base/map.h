/* map.h - open-addressing hash maps used by the registry and compiler.
 * strmap: NUL-terminated string key -> value (keys are borrowed: they must
 * outlive the map).  ptrmap: pointer key -> value.  Both are one table
 * (map_table: linear probing, power-of-two sizes, growing by doubling, each
 * slot keeping its key's hash so growing never hashes again) with one
 * probe loop; they differ only in how a key is hashed and compared.  A
 * zeroed struct is an empty map; a NULL key is not a key.
 *
 * strmap's keys come from schemas ($id, $anchor, $ref URIs), which users
 * supply: it hashes them with SipHash-1-3 under a key drawn when the map
 * first allocates (siphash.h), so no schema can make its names share
 * slots and turn each lookup into a walk over all of them.  ptrmap's keys
 * are addresses the program chose, not the documents. */
#ifndef MAP_H
#define MAP_H

#include <stddef.h>
#include <stdint.h>
#include "siphash.h"

typedef struct map_table { struct map_slot *slots; size_t cap, len; } map_table;
typedef struct strmap { map_table t; sip_key key; } strmap;
typedef struct ptrmap { map_table t; } ptrmap;
typedef struct nameset { map_table t; } nameset;

/* Unkeyed FNV-1a, for lookups where a crafted collision costs one more
 * compare, not a probe chain (jv_hash of enum values; short id lists). */
uint64_t map_hash_bytes(const void *p, size_t n);

/* The put functions return 0 on success, -1 out of memory (the map is then
 * unchanged).  An existing key's value is replaced. */
int strmap_put(strmap *m, const char *key, void *value);
void *strmap_get(const strmap *m, const char *key);
/* Iterate: start with *pos = 0; returns 0 when done. */
int strmap_next(const strmap *m, size_t *pos, const char **key, void **value);
void strmap_free(strmap *m);

int ptrmap_put(ptrmap *m, const void *key, void *value);
void *ptrmap_get(const ptrmap *m, const void *key);
/* Forget every entry, keeping the table for reuse. */
void ptrmap_clear(ptrmap *m);
void ptrmap_free(ptrmap *m);

/* nameset: a set of names of len bytes (they may hold U+0000; borrowed,
 * like strmap's keys) under a hash the caller gives, json_key_hash()'s
 * (json_parse.h): a parsed document's member names carry theirs, so
 * asking for one hashes nothing.  The names come from schemas; a
 * document's names are looked up by hash alone, through the slots below
 * (jsv_tape_names_declared). */
int nameset_put(nameset *m, const char *name, size_t len, uint32_t hash);
void nameset_free(nameset *m);

/* A slot of the table: a nameset's hash is the name's length above its
 * 32-bit hash.  Visible so that a walk asking about every member of a
 * document (jsv_tape_names_declared) can probe the table inline, by
 * hashes only. */
struct map_slot { const void *key; uint64_t hash; void *value; };


#endif
