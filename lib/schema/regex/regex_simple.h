/* regex_simple.h - anchored patterns of ASCII character sets, matched
 * without PCRE2.
 *
 * Most patterns in API contracts are of one kind: "^[A-Z]{2}$",
 * "^\d{4}-\d{2}-\d{2}$", "^[a-z0-9][a-z0-9_-]*$" - a start anchor, then a
 * sequence of ASCII characters or bracket sets, each with a count, maybe
 * an end anchor.  Such a pattern is matched by one left-to-right pass with
 * no backtracking when every atom whose count varies is the last one or is
 * followed by an atom that needs at least one character outside its set:
 * then there is only one way to split the subject between the atoms.
 * regex_simple_compile recognises exactly those patterns and refuses
 * everything else (the caller keeps PCRE2 for them), so the answer of
 * regex_simple_match is always the ECMA-262 answer.  Internal header. */
#ifndef REGEX_SIMPLE_H
#define REGEX_SIMPLE_H

#include <stddef.h>

typedef struct regex_simple regex_simple;

/* The program for pattern[0..len) (ECMA-262 source), or NULL when the
 * pattern is not of that kind (or out of memory).  Free with free(). */
regex_simple *regex_simple_compile(const char *pattern, size_t len);

/* 1 match, 0 no match.  A set holds no byte from 0x80 up, so a valid
 * UTF-8 subject gets ECMA-262's answer; for one that may not be valid
 * UTF-8 the caller decides (PCRE2 refuses those). */
int regex_simple_match(const regex_simple *p, const char *s, size_t len);

#endif
