/* json_pointer.h - JSON Pointers (RFC 6901): build them one reference token
 * at a time, and look them up.  Built pointers live in the arena passed in
 * (the caller owns nothing separately; they go when the arena is reset or
 * freed). */
#ifndef JSON_POINTER_H
#define JSON_POINTER_H

#include "arena.h"
#include "strbuf.h"

#include <cjson/cJSON.h>

#include <stddef.h>

/* base + "/" + tok, with '~' written "~0" and '/' written "~1"; NULL when
 * out of memory. */
const char *jp_append(arena *a, const char *base, const char *tok);

/* The same for a token of len bytes that may hold U+0000 (a parsed member
 * name): a C string cannot hold that character, so it is written as the
 * six characters \u0000, seen in every message and never cutting the
 * name short. */
const char *jp_append_n(arena *a, const char *base, const char *tok, size_t len);

/* The bytes jp_append_n writes for a token of len bytes (escapes
 * included, no terminator); and the token itself into out. */
size_t jp_token_size(const char *tok, size_t len);
void jp_token_write(char *out, const char *tok, size_t len);

/* base + "/" + i in decimal (an array index); NULL when out of memory. */
const char *jp_append_index(arena *a, const char *base, size_t i);

/* Append s[0..len) to b as it may stand in a URI fragment (RFC 3986
 * section 3.5): every byte outside pchar, "/" and "?" percent-encoded
 * (RFC 6901 section 6), so that a JSON Pointer after "#" keeps an
 * absolute keyword location a URI whatever the member names hold. */
void jp_fragment_append(strbuf *b, const char *s, size_t len);

/* 1 when ptr[0..len) is an RFC 6901 JSON Pointer: empty, or starting
 * with '/', every '~' followed by '0' or '1'; else 0.  Only the syntax:
 * what a reference token names is jp_get's question (the "json-pointer"
 * format and campaign-test's case files check with this). */
int jp_valid(const char *ptr, size_t len);

/* The value at ptr[0..len) below root ("" = root itself), or NULL when
 * absent or when the pointer is malformed (not starting with '/', a '~' not
 * followed by 0 or 1, an array index with a leading zero or not a number).
 * A reference token names the member whose whole name it is (ptr may hold
 * U+0000: a pointer taken from a parsed string); in an array, only a
 * decimal index of at most 9 digits names an element: "-" (the element
 * after the last), "+1", " 1" and "01" name none.  root NULL: NULL.
 * (The one lookup of the library and the tools; for a C string pass
 * strlen(ptr).) */
const cJSON *jp_get(const cJSON *root, const char *ptr, size_t len);

#endif
