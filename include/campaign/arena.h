/* arena.h - bump allocator for per-document memory.
 *
 * A document's nodes, strings and scratch all come from one arena, so
 * dropping a document is one reset, and a batch of documents (NDJSON) does
 * not hammer malloc.  Chunks are kept across arena_reset() for reuse.
 * Not thread-safe: one arena belongs to one thread at a time. */
#ifndef ARENA_H
#define ARENA_H

#include <stddef.h>

typedef struct arena arena;

/* New arena whose chunks are at least chunk_size bytes (0 = default 64 KiB).
 * Returns NULL when out of memory. */
arena *arena_new(size_t chunk_size);

/* size bytes aligned for any type; NULL when out of memory. */
void *arena_alloc(arena *a, size_t size);

/* Copy of s[0..len) with a terminating NUL; NULL when out of memory. */
char *arena_strndup(arena *a, const char *s, size_t len);

/* Forget every allocation.  The chunks of ordinary allocations are kept
 * for reuse (the arena stays at its peak size until arena_free); those
 * made for single allocations larger than a quarter chunk are freed. */
void arena_reset(arena *a);

/* Bytes handed out since the last reset (for tests and benchmarks). */
size_t arena_used(const arena *a);

/* Bytes of chunks the arena holds from the C library, spare ones
 * included (for tests and benchmarks). */
size_t arena_capacity(const arena *a);

void arena_free(arena *a);

#endif
