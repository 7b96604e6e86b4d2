/* json_value.h - JSON-level operations on cJSON values for the evaluator:
 * JSON equality (1 == 1.0, key order ignored), exact number comparison,
 * exact decimal multipleOf, code-point string length, structural hashing,
 * and values written out for messages exactly as the source wrote them. */
#ifndef JSON_VALUE_H
#define JSON_VALUE_H

#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>
#include "strbuf.h"

/* 1 when a and b are equal JSON values.  Objects compare each member
 * with the first member of the other of its name, in O(n log n) for n
 * members (more than 16: through a sorted copy of one member list; out of
 * memory, member by member). */
int jv_equal(const cJSON *a, const cJSON *b);

/* Compare two numbers exactly: <0, 0, >0. */
int jv_num_cmp(const cJSON *a, const cJSON *b);

/* 1 when number x is an integer (no fractional part). */
int jv_is_integer(const cJSON *x);

/* 1 when x is an integer multiple of m (m > 0), exact for decimals. */
int jv_multiple_of(const cJSON *x, const cJSON *m);

/* Number of Unicode code points in a UTF-8 string of len bytes. */
size_t jv_utf8_length(const char *s, size_t len);

/* Hash consistent with jv_equal (equal values, equal hashes), unkeyed:
 * anyone can compute it, and objects whose values are permuted among the
 * same names share it.  For lookups where a collision costs one jv_equal
 * (enum, const), never for grouping many values of one document. */
uint64_t jv_hash(const cJSON *v);

/* The same consistency under key k (siphash.h): without k, values cannot
 * be chosen to share a hash, so grouping a document's values by it
 * (uniqueItems) stays O(n log n) whatever the document holds. */
struct sip_key;
uint64_t jv_hash_keyed(const cJSON *v, const struct sip_key *k);

/* The number's decimal text: exact source text when known, else the
 * shortest round-tripping form written into buf (size >= 32). */
const char *jv_number_text(const cJSON *x, char *buf, size_t size);

/* Append v's compact JSON text to b: numbers as jv_number_text gives
 * them (9007199254740993 stays 9007199254740993, where cJSON's printer
 * would round it), strings escaped as JSON requires.  Writing stops soon
 * after b holds stop bytes, so showing the start of a large value costs
 * little; the caller cuts. */
void jv_write(strbuf *b, const cJSON *v, size_t stop);

/* v's JSON text for a message, in buf: whole when it fits in size - 1
 * bytes, else cut on a character boundary and ended with "..." (size >=
 * 32).  Returns buf. */
const char *jv_excerpt(const cJSON *v, char *buf, size_t size);

#endif
