/* map.h - open-addressing hash maps used by the registry and compiler.
 * strmap: NUL-terminated string key -> value (keys are borrowed: they must
 * outlive the map).  ptrmap: pointer key -> value.  Both grow by doubling. */
#ifndef MAP_H
#define MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct strmap { struct strmap_slot *slots; size_t cap, len; } strmap;
typedef struct ptrmap { struct ptrmap_slot *slots; size_t cap, len; } ptrmap;

uint64_t map_hash_bytes(const void *p, size_t n);

/* 0 on success, -1 out of memory.  An existing key's value is replaced. */
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

#endif
