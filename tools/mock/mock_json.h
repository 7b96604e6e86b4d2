/* mock_json.h - small cJSON helpers shared by the handlers.
 *
 * Request bodies come from the strict parser, whose nodes live in the
 * request's arena and carry parser-private type bits; the handlers read
 * a copy made with json_copy (json_parse.h, see api_read_request), made
 * of ordinary malloc'd cJSON nodes (free with cJSON_Delete).
 *
 * Text in the mock's own trees and fields is a C string in which U+0000
 * is the two bytes C0 80 (json_copy's form; no valid UTF-8 holds them):
 * a name "a\u0000b" is stored, compared and looked up as a text of its
 * own, never as "a", and mj_print writes it back as \u0000.  Members are
 * found with mj_get / mj_child (whole names), never with
 * cJSON_GetObjectItem*. */
#ifndef MOCK_JSON_H
#define MOCK_JSON_H

#include <cjson/cJSON.h>
#include "campaign/json_parse.h"
#include "mock_money.h"

/* String node holding s with every ill-formed UTF-8 byte replaced by
 * U+FFFD (s NULL = ""), so text quoted from a request never makes a body
 * invalid JSON; C0 80 (the mock's U+0000) is kept.  NULL when out of
 * memory. */
cJSON *mj_text(const char *s);

/* The body's JSON text for the wire (json_print: C0 80 as \u0000),
 * malloc'd, or NULL when out of memory. */
char *mj_print(const cJSON *body);

/* A malloc'd copy of s with every occurrence of secret replaced by
 * "[REDACTED]", or NULL when s holds none (or out of memory). */
char *mj_redact_text(const char *s, const char *secret);

/* Replace secret by "[REDACTED]" in every string value and member name
 * of v (in place), so the server's token never leaves it even when a
 * client sends it in a path, a query or a body that is echoed.  When the
 * new text cannot be allocated, each occurrence is overwritten with '*'
 * in place instead: the token never leaves, out of memory or not. */
void mj_redact(cJSON *v, const char *secret);

/* Number node for an amount in cents. */
cJSON *mj_money(mock_cents c);

/* The error contract: {"data": null, "error": {code, message, field?,
 * details?}}.  field NULL = omitted; details (taken, may be NULL). */
cJSON *mj_error_body(const char *code, const char *message, const char *field,
                     cJSON *details);

/* Building trees that are whole or not at all.  cJSON's own Add calls
 * drop a member silently when an allocation fails, which would turn out
 * of memory into a 200 with a member missing; these report it instead.
 * mj_add puts item into obj under key (key NULL: appends to the array
 * obj) and returns 1; on any failure (obj or item NULL, no memory) it
 * frees item and returns 0.  The others create the value first.  Use as
 * ok &= mj_add_str(o, "name", s); and drop the tree when ok is 0. */
int mj_add(cJSON *obj, const char *key, cJSON *item);
int mj_add_str(cJSON *obj, const char *key, const char *s);     /* s NULL: fails */
int mj_add_num(cJSON *obj, const char *key, double v);
int mj_add_bool(cJSON *obj, const char *key, int v);
int mj_add_null(cJSON *obj, const char *key);
/* A new empty object / array under key in obj, or NULL (nothing added). */
cJSON *mj_add_obj(cJSON *obj, const char *key);
cJSON *mj_add_arr(cJSON *obj, const char *key);

/* {"parameter": name}: the details of a refused query parameter; NULL
 * when out of memory. */
cJSON *mj_param_details(const char *name);

/* Member lookups that tolerate any input: NULL / default when absent or
 * of another type.  Names are compared whole (json_member). */
const cJSON *mj_get(const cJSON *obj, const char *key);
/* mj_get in a tree the mock owns and changes. */
cJSON *mj_child(cJSON *obj, const char *key);
const char *mj_string(const cJSON *obj, const char *key);
int mj_bool(const cJSON *obj, const char *key, int dflt);

/* JSON Pointer "prefix/i/key..." building: append "/tok" (escaped per
 * RFC 6901) to buf of size n. */
void mj_ptr_add(char *buf, size_t n, const char *tok);
void mj_ptr_add_index(char *buf, size_t n, size_t i);

#endif
