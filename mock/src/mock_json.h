/* mock_json.h - small cJSON helpers shared by the handlers.
 *
 * Request bodies come from the strict parser, whose nodes live in the
 * request's arena and carry parser-private type bits; anything kept past
 * the request must be rebuilt with json_copy (json_parse.h), which makes
 * ordinary malloc'd cJSON nodes (free with cJSON_Delete). */
#ifndef MOCK_JSON_H
#define MOCK_JSON_H

#include <cjson/cJSON.h>
#include "json_parse.h"
#include "mock_money.h"

/* String node holding s with every ill-formed UTF-8 byte replaced by
 * U+FFFD (s NULL = ""), so text quoted from a request never makes a body
 * invalid JSON.  NULL when out of memory. */
cJSON *mj_text(const char *s);

/* A malloc'd copy of s with every occurrence of secret replaced by
 * "[REDACTED]", or NULL when s holds none (or out of memory). */
char *mj_redact_text(const char *s, const char *secret);

/* Replace secret by "[REDACTED]" in every string value and member name
 * of v (in place), so the server's token never leaves it even when a
 * client sends it in a path, a query or a body that is echoed. */
void mj_redact(cJSON *v, const char *secret);

/* Number node for an amount in cents. */
cJSON *mj_money(mock_cents c);

/* The error contract: {"data": null, "error": {code, message, field?,
 * details?}}.  field NULL = omitted; details (taken, may be NULL). */
cJSON *mj_error_body(const char *code, const char *message, const char *field,
                     cJSON *details);

/* Member lookups that tolerate any input: NULL / default when absent or
 * of another type. */
const cJSON *mj_get(const cJSON *obj, const char *key);
const char *mj_string(const cJSON *obj, const char *key);
int mj_bool(const cJSON *obj, const char *key, int dflt);

/* JSON Pointer "prefix/i/key..." building: append "/tok" (escaped per
 * RFC 6901) to buf of size n. */
void mj_ptr_add(char *buf, size_t n, const char *tok);
void mj_ptr_add_index(char *buf, size_t n, size_t i);

#endif
