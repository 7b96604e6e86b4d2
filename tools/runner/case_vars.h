/* case_vars.h - scenario variables and ${...} expansion.
 *
 * Syntax inside any string of a step (path, query, headers, body, assertion
 * values, capture pointers):
 *   ${name}        a variable: declared in the case's "variables" or captured
 *                  by an earlier step
 *   ${env:NAME}    an environment variable (unset = error)
 *   ${uniqueId}    one random id per scenario run (same value in every step)
 *   ${uuid}        a fresh random UUID v4 at every use
 *   ${now}         the scenario's start time, RFC 3339 UTC ("2026-05-01T12:00:00Z")
 *   ${now:+7d}     that time shifted: [+-]N then s, m, h, d or w
 *   ${date}        the scenario's start date, UTC ("2026-05-01")
 *   ${date:-1d}    that date shifted the same way (time of day dropped after)
 *   $${            a literal "${"
 * A JSON string that is exactly one ${name} reference to a non-string
 * variable takes that variable's value and type (so a captured number stays
 * a number in a request body).
 *
 * A ct_vars is owned by one scenario run; values are deep copies owned by
 * it.  Errors are written to err (e.g. "undefined variable ${campaignId}"). */
#ifndef CASE_VARS_H
#define CASE_VARS_H

#include <stddef.h>
#include <time.h>
#include <cjson/cJSON.h>

typedef struct ct_vars ct_vars;

/* unique_id NULL = generate one.  now: the scenario start time. */
ct_vars *ct_vars_new(const char *unique_id, time_t now);
void ct_vars_free(ct_vars *v);

/* Bounds on what expansion may build.  Each variable may reference the
 * one before it many times, so without them a case file of a few
 * kilobytes could make a run allocate without end ("billion laughs"). */
#define CT_MAX_EXPANSION (16u * 1024 * 1024)   /* one expanded string or tree */
#define CT_MAX_VARS_TOTAL (64u * 1024 * 1024)  /* all variables of a run together */

/* Set (or replace) a variable with a deep copy of value.  0, -1 when out
 * of memory or the name is reserved (uuid, uniqueId, now, date, env), -2
 * when the variables would hold more than CT_MAX_VARS_TOTAL bytes. */
int ct_vars_set(ct_vars *v, const char *name, const cJSON *value);
const cJSON *ct_vars_get(const ct_vars *v, const char *name);

/* Expanded copy of s (malloc'd), or NULL with err filled (also when it
 * would exceed CT_MAX_EXPANSION bytes). */
char *ct_vars_expand(const ct_vars *v, const char *s, char *err, size_t errlen);

/* Expanded deep copy of tree (ordinary cJSON nodes; caller cJSON_Deletes),
 * or NULL with err filled (also when it would exceed CT_MAX_EXPANSION). */
cJSON *ct_vars_expand_json(const ct_vars *v, const cJSON *tree, char *err, size_t errlen);

/* Syntax check only (unterminated ${, bad names, bad offsets); no lookup.
 * 1 valid, 0 invalid with err filled. */
int ct_vars_check(const char *s, char *err, size_t errlen);

/* 1 if name is usable for a variable (not reserved, [A-Za-z_][A-Za-z0-9_]*). */
int ct_vars_name_ok(const char *name);

/* A random UUID v4 in out (36 chars + NUL). */
void ct_uuid4(char out[37]);

#endif
