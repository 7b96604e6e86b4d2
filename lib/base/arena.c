/* arena.c - chunked bump allocator (see arena.h).
 *
 * Small requests are carved from the current chunk; a request larger than a
 * quarter of the chunk size gets a chunk of its own, so one big string does
 * not waste the rest of the current chunk.  The first chunk is allocated
 * together with the arena header and survives arena_reset(), which makes a
 * reset-and-reuse loop over many small documents allocation-free. */
#include "arena.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_ALIGN    _Alignof(max_align_t)
#define ARENA_DEFAULT  ((size_t)64 * 1024)
#define ARENA_MINIMUM  ((size_t)256)

/* Round n up to a multiple of ARENA_ALIGN (a power of two). */
#define ROUND_UP(n) (((n) + (ARENA_ALIGN - 1)) & ~(size_t)(ARENA_ALIGN - 1))

typedef struct chunk {
    struct chunk *next;
    size_t size;          /* payload bytes */
} chunk;

/* Chunk payload starts this far into the malloc'd block (keeps alignment,
 * since malloc returns max_align_t-aligned memory). */
#define CHUNK_HDR ROUND_UP(sizeof(chunk))

struct arena {
    unsigned char *ptr, *end; /* free space in the current chunk */
    chunk *extra;             /* chunks beyond the first, newest first */
    chunk *spare;             /* regular chunks kept by arena_reset() */
    size_t chunk_size;        /* payload size of a regular chunk */
    size_t used;              /* bytes handed out since the last reset */
    unsigned char *first;     /* payload of the built-in first chunk */
};

#define ARENA_HDR ROUND_UP(sizeof(struct arena))

arena *arena_new(size_t chunk_size)
{
    if (chunk_size == 0) chunk_size = ARENA_DEFAULT;
    if (chunk_size < ARENA_MINIMUM) chunk_size = ARENA_MINIMUM;
    chunk_size = ROUND_UP(chunk_size);
    if (chunk_size > SIZE_MAX - ARENA_HDR - CHUNK_HDR) return NULL;
    unsigned char *block = malloc(ARENA_HDR + chunk_size);
    if (!block) return NULL;
    arena *a = (arena *)block;
    a->first = block + ARENA_HDR;
    a->ptr = a->first;
    a->end = a->first + chunk_size;
    a->extra = NULL;
    a->spare = NULL;
    a->chunk_size = chunk_size;
    a->used = 0;
    return a;
}

/* A chunk with room for size bytes (a spare one when size is the regular
 * size), put on the extra list. */
static unsigned char *new_chunk(arena *a, size_t size)
{
    chunk *c;
    if (size == a->chunk_size && a->spare) {
        c = a->spare;
        a->spare = c->next;
    } else {
        c = malloc(CHUNK_HDR + size);
        if (!c) return NULL;
        c->size = size;
    }
    c->next = a->extra;
    a->extra = c;
    return (unsigned char *)c + CHUNK_HDR;
}

void *arena_alloc(arena *a, size_t size)
{
    if (!a) return NULL;
    if (size == 0) size = 1; /* every call gets a distinct pointer */
    if (size > SIZE_MAX - ARENA_ALIGN - CHUNK_HDR) return NULL;
    size = ROUND_UP(size);
    if ((size_t)(a->end - a->ptr) >= size) {
        void *r = a->ptr;
        a->ptr += size;
        a->used += size;
        return r;
    }
    if (size > a->chunk_size / 4) {
        /* own chunk; the current chunk keeps serving small requests */
        unsigned char *r = new_chunk(a, size);
        if (r) a->used += size;
        return r;
    }
    unsigned char *r = new_chunk(a, a->chunk_size);
    if (!r) return NULL;
    a->ptr = r + size;
    a->end = r + a->chunk_size;
    a->used += size;
    return r;
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
    if (len == SIZE_MAX) return NULL;
    char *r = arena_alloc(a, len + 1);
    if (!r) return NULL;
    if (len) memcpy(r, s, len);
    r[len] = '\0';
    return r;
}

static void free_list(chunk *c)
{
    while (c) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
}

/* Regular chunks go to the spare list: a batch of similar documents then
 * reuses the same memory instead of returning it to the C library, which
 * may give it back to the system and fault it in again, page by page, for
 * the next document.  Chunks of single large allocations are freed. */
void arena_reset(arena *a)
{
    if (!a) return;
    chunk *c = a->extra;
    while (c) {
        chunk *next = c->next;
        if (c->size == a->chunk_size) {
            c->next = a->spare;
            a->spare = c;
        } else free(c);
        c = next;
    }
    a->extra = NULL;
    a->ptr = a->first;
    a->end = a->first + a->chunk_size;
    a->used = 0;
}

size_t arena_used(const arena *a)
{
    return a ? a->used : 0;
}

size_t arena_capacity(const arena *a)
{
    if (!a) return 0;
    size_t n = a->chunk_size;
    for (const chunk *c = a->extra; c; c = c->next) n += c->size;
    for (const chunk *c = a->spare; c; c = c->next) n += c->size;
    return n;
}

void arena_free(arena *a)
{
    if (!a) return;
    free_list(a->extra);
    free_list(a->spare);
    free(a);
}
