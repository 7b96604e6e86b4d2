/* regex_ecma.h - ECMA-262 regular expressions on PCRE2.
 *
 * JSON Schema's "pattern", "patternProperties" and the "regex" format use
 * ECMA-262 syntax and meaning.  PCRE2 (UTF mode) is close but differs: in
 * ECMA-262 \d and \w are ASCII-only while \s is Unicode white space, `$`
 * matches only at the very end, some PCRE2-only syntax must be rejected
 * (\A, \Z, possessive quantifiers, (?#...), \h, ...), and \cX, \uXXXX,
 * \u{...} and /u-mode escapes need translating.  This module translates a
 * pattern to PCRE2 syntax, compiles it once (JIT when available) and
 * matches without allocating (the caller passes match data).
 * Patterns and subjects are UTF-8.  A compiled regex is immutable and can
 * be shared between threads; match data cannot. */
#ifndef REGEX_ECMA_H
#define REGEX_ECMA_H

#include <stddef.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

typedef struct ecma_regex ecma_regex;

/* Compile pattern[0..len).  On error returns NULL and writes a message
 * naming the offset into errbuf (e.g. "at offset 3: missing )"). */
ecma_regex *ecma_regex_compile(const char *pattern, size_t len,
                               char *errbuf, size_t errlen);

/* 1 if the regex matches anywhere in subject[0..len) (ECMA "search"
 * semantics, unanchored), 0 if not, -1 on a matching error (e.g. match
 * limit, or subject not valid UTF-8).  md: match data from
 * ecma_regex_match_data_new(), or NULL (then one is allocated for this
 * call).  Variable-length lookbehinds, which PCRE2 cannot run natively,
 * are evaluated with temporary allocations of their own. */
int ecma_regex_search(const ecma_regex *re, const char *subject, size_t len,
                      pcre2_match_data *md);

/* ecma_regex_search for a subject already known to be valid UTF-8 (a
 * string from the strict parser): PCRE2 is told not to check it again.
 * Undefined for invalid UTF-8. */
int ecma_regex_search_utf8(const ecma_regex *re, const char *subject, size_t len,
                           pcre2_match_data *md);

pcre2_match_data *ecma_regex_match_data_new(void);
void ecma_regex_match_data_free(pcre2_match_data *md);

/* 1 if pattern[0..len) is a valid ECMA-262 regex, else 0.  A valid
 * pattern beyond PCRE2's limits (e.g. a{99999}, or a backreference into a
 * variable-length lookbehind) is still 1 although ecma_regex_compile
 * refuses it with an explanatory message. */
int ecma_regex_valid(const char *pattern, size_t len);

void ecma_regex_free(ecma_regex *re);

#endif
