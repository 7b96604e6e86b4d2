/* json_util.h - small cJSON helpers the runner needs in several places.
 *
 * Nodes from json_parse() carry a private type bit and live in an arena, so
 * they must never be handed to cJSON_Duplicate or cJSON_Delete; json_copy
 * (json_parse.h) makes an ordinary malloc'd tree from any tree (caller frees
 * with cJSON_Delete). */
#ifndef JSON_UTIL_H
#define JSON_UTIL_H

#include <stddef.h>
#include <cjson/cJSON.h>
#include "campaign/json_parse.h"

/* The cJSON type of a node without extra flag bits (cJSON_Number, ...). */
int ct_json_type(const cJSON *v);

/* Structural equality: numbers by value, objects regardless of member order. */
int ct_json_equal(const cJSON *a, const cJSON *b);

/* Resolve an RFC 6901 JSON Pointer ("" = root) with jp_get()
 * (campaign/json_pointer.h: leading zeros, "-" and signs name no
 * element).  NULL when absent, when the pointer is malformed, or when
 * root or pointer is NULL.  (Whether a pointer is well formed:
 * jp_valid().) */
const cJSON *ct_pointer_get(const cJSON *root, const char *pointer);

/* Compact JSON text of v (malloc'd), numbers as their source wrote them
 * and U+0000 written \u0000 (jv_write), or NULL when out of memory. */
char *ct_json_text(const cJSON *v);

/* JSON type name as JSON Schema names them ("integer" for whole numbers). */
const char *ct_json_type_name(const cJSON *v);

/* Number of Unicode code points in a UTF-8 string. */
size_t ct_utf8_length(const char *s);

#endif
