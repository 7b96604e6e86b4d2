/* probe_bounds.h - the values campaign-probes puts just inside and just
 * outside a bound, derived from the bound and the example's value.  Pure
 * functions (no schema, no I/O), so the derivation is unit-tested on its
 * own (tests/unit/test_probe_bounds.c).
 *
 * Every returned string is malloc'd (free it); NULL means out of memory or,
 * where said, that no such value exists. */
#ifndef PROBE_BOUNDS_H
#define PROBE_BOUNDS_H

#include <stddef.h>

/* The code points of s counted as JSON Schema counts a string's length
 * (maxLength/minLength). */
size_t probe_codepoints(const char *s);

/* A string of exactly n code points: the first code points of base (at
 * most n), then pad (one code point, e.g. "\xc3\xa9") repeated. */
char *probe_string_of(const char *base, size_t n, const char *pad);

/* Numeric bounds.  The keyword is one of minimum, maximum,
 * exclusiveMinimum, exclusiveMaximum; bound is its value as written;
 * integer says the member is an integer (the step is then 1, otherwise
 * 0.01: the API's money precision and the smallest step any member of the
 * contract is written with).  *inside is the bound itself (inclusive
 * keywords) or the nearest valid value one step in (exclusive ones);
 * *outside is one step past (inclusive) or the bound itself (exclusive).
 * Both are JSON number texts.  0, or -1 for an unknown keyword, a bound
 * that is not finite, or out of memory. */
enum probe_num_kw { PN_MINIMUM, PN_MAXIMUM, PN_EXCL_MINIMUM, PN_EXCL_MAXIMUM };
int probe_number_kw(const char *keyword, enum probe_num_kw *out);
int probe_number_pair(enum probe_num_kw kw, double bound, int integer, char **inside, char **outside);

/* A JSON number text for v: an integer when v is whole and exact as one
 * (|v| <= 2^53), else at most 2 decimals when v is a whole number of
 * cents, else %.17g. */
char *probe_number_text(double v);

/* Near misses of a string value, in order of preference (the caller keeps
 * the first one the schema rejects): the value in lower case, in upper
 * case, with "!" appended, with "!" prepended, the empty string.  Entries
 * equal to the value or to an earlier one are left out.  Returns the
 * count (at most 5) written to out[]; each out[i] is malloc'd. */
size_t probe_near_misses(const char *v, char *out[5]);

/* A near miss for a date-time or date: a date-time without its offset
 * ("2026-05-01T00:00:00Z" -> "2026-05-01T00:00:00"), a date with day 32
 * ("2026-05-01" -> "2026-05-32"); NULL when v has neither shape. */
char *probe_format_miss(const char *format, const char *v);

#endif
