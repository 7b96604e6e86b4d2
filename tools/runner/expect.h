/* expect.h - assertions on a response body and headers.
 *
 * Each function evaluates one assertion object (already variable-expanded)
 * and appends one finding per broken operator to res (via
 * ct_step_add_detail).  Returns the number of findings added; those that
 * could not be decided (a `matches` search stopped by its bounds, see
 * regex_bound.h, or an each/some that only such items decide) are also
 * counted in *x->undecided.
 *
 * Body operators, on the value at "pointer":
 *   equals / notEquals V  structural equality (numbers by value)
 *   exists true|false     the pointer resolves / does not
 *   absent true           the pointer does not resolve
 *   type T | [T...]       JSON Schema type names ("number" includes integers)
 *   matches RE            string value matches the PCRE2 (UTF) regex, unanchored
 *   length N              code points of a string, items of an array,
 *                         members of an object
 *   gt ge lt le N         numeric comparisons (N may be a numeric string)
 *   approx {value, tolerance}  |actual - value| <= tolerance
 *   contains V            array: some item equals V; string: V is a
 *                         substring; object: V names a member
 * Header operators: equals, exists, absent, matches, contains (strings). */
#ifndef EXPECT_H
#define EXPECT_H

#include <cjson/cJSON.h>
#include "redact.h"
#include "regex_bound.h"
#include "results.h"

/* What the assertions of one step share.  All borrowed; any may be NULL. */
typedef struct expect_ctx {
    const redactor *red;     /* values quoted in findings pass through it before
                                they are cut to their display length, so a cut
                                never shows part of the token */
    ct_regex_budget *regex;  /* the run's regex time (NULL: each search's own bound) */
    size_t *undecided;       /* incremented per undecided finding */
} expect_ctx;

/* A value as a finding quotes it (malloc'd; "(absent)" for NULL, "?"
 * out of memory): its compact JSON text redacted first (red may be NULL),
 * then cut to at most 200 bytes on a character boundary. */
char *ct_show_value(const redactor *red, const cJSON *v);

int expect_body(const expect_ctx *x, const cJSON *assertion, const cJSON *body, ct_step_result *res);
int expect_header(const expect_ctx *x, const char *name, const cJSON *assertion, const char *value,
                  ct_step_result *res);

#endif
