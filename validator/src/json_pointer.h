/* json_pointer.h - JSON Pointers (RFC 6901): build them one reference token
 * at a time, and look them up.  Built pointers live in the arena passed in
 * (the caller owns nothing separately; they go when the arena is reset or
 * freed). */
#ifndef JSON_POINTER_H
#define JSON_POINTER_H

#include "arena.h"

#include <cjson/cJSON.h>

#include <stddef.h>

/* base + "/" + tok, with '~' written "~0" and '/' written "~1"; NULL when
 * out of memory. */
const char *jp_append(arena *a, const char *base, const char *tok);

/* base + "/" + i in decimal (an array index); NULL when out of memory. */
const char *jp_append_index(arena *a, const char *base, size_t i);

/* The value at ptr[0..len) below root ("" = root itself), or NULL when
 * absent or when the pointer is malformed (not starting with '/', a '~' not
 * followed by 0 or 1, an array index with a leading zero or not a number). */
const cJSON *jp_get(const cJSON *root, const char *ptr, size_t len);

#endif
