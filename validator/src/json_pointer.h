/* json_pointer.h - build JSON Pointers (RFC 6901) one reference token at a
 * time.  The results live in the arena passed in (the caller owns nothing
 * separately; they go when the arena is reset or freed). */
#ifndef JSON_POINTER_H
#define JSON_POINTER_H

#include "arena.h"

#include <stddef.h>

/* base + "/" + tok, with '~' written "~0" and '/' written "~1"; NULL when
 * out of memory. */
const char *jp_append(arena *a, const char *base, const char *tok);

/* base + "/" + i in decimal (an array index); NULL when out of memory. */
const char *jp_append_index(arena *a, const char *base, size_t i);

#endif
