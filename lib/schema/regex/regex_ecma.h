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
#include <stdint.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

typedef struct ecma_regex ecma_regex;

/* Compile pattern[0..len).  On error returns NULL and writes a message
 * naming the offset into errbuf (e.g. "at offset 3: missing )"). */
ecma_regex *ecma_regex_compile(const char *pattern, size_t len,
                               char *errbuf, size_t errlen);

/* What a search answers when it neither matches (1) nor fails to (0):
 * the answer is unknown, and a caller must not take it for either. */
enum {
    ECMA_REGEX_LIMIT = -1,  /* PCRE2's match, depth or heap limit was reached */
    ECMA_REGEX_BUDGET = -2, /* the run's time budget is spent (ecma_regex_run) */
    ECMA_REGEX_ERROR = -3   /* the subject is not UTF-8, or out of memory */
};

/* The searches of one run (e.g. one validation of a document) and the
 * time they may take together.  Each search is bounded by PCRE2's limits
 * (some 10 to 50 ms for a catastrophic pattern); the budget bounds how
 * many such searches a run pays for, so a hostile pattern against many
 * strings cannot stretch the run out either: once the budget is spent,
 * every further PCRE2 search answers ECMA_REGEX_BUDGET at once (the
 * one-pass matcher of regex_simple.c needs no bound).  On the caller's
 * stack; not shared between threads. */
typedef struct ecma_regex_run {
    pcre2_match_data *md;   /* for the searches (borrowed); NULL: one per search */
    uint64_t left_ns;       /* search time still allowed */
    int limited;            /* 0: no budget */
} ecma_regex_run;

/* Start a run with match data md and a budget of budget_ms milliseconds
 * of search time (0: none). */
void ecma_regex_run_init(ecma_regex_run *run, pcre2_match_data *md, unsigned budget_ms);

/* 1 if the regex matches anywhere in subject[0..len) (ECMA "search"
 * semantics, unanchored), 0 if not, else ECMA_REGEX_LIMIT, _BUDGET or
 * _ERROR.  utf8: the subject is known to be valid UTF-8 (a string from
 * the strict parser), so PCRE2 is told not to check it again (undefined
 * for invalid UTF-8).  A JIT search that runs out of JIT stack is run
 * again by PCRE2's interpreter.  Variable-length lookbehinds, which PCRE2
 * cannot run natively, are evaluated with temporary allocations of their
 * own, within the same budget. */
int ecma_regex_run_search(ecma_regex_run *run, const ecma_regex *re, const char *subject, size_t len,
                          int utf8);

/* ecma_regex_run_search on a run of its own without a budget.  md: match
 * data from ecma_regex_match_data_new(), or NULL (then one is allocated
 * for this call). */
int ecma_regex_search(const ecma_regex *re, const char *subject, size_t len,
                      pcre2_match_data *md);

/* The same for a subject known to be valid UTF-8. */
int ecma_regex_search_utf8(const ecma_regex *re, const char *subject, size_t len,
                           pcre2_match_data *md);

pcre2_match_data *ecma_regex_match_data_new(void);
void ecma_regex_match_data_free(pcre2_match_data *md);

/* 1 if pattern[0..len) is a valid ECMA-262 regex, 0 if not, -1 when
 * that could not be decided: the check stopped before the end of the
 * grammar (parentheses nested deeper than the translator recurses, out of
 * memory).  A valid pattern beyond PCRE2's limits (e.g. a{99999}, or a
 * backreference into a variable-length lookbehind) is still 1 although
 * ecma_regex_compile refuses it with an explanatory message. */
int ecma_regex_valid(const char *pattern, size_t len);

void ecma_regex_free(ecma_regex *re);

#endif
