/* regex_bound.h - the `matches` assertions' regex searches, bounded in time.
 *
 * A case file's pattern meets a subject the server under test chose, and
 * PCRE2's own limits do not bound such a search: its match limit counts
 * per start position, so an unanchored pattern as plain as [a-z]{2,}\d
 * costs time quadratic in the subject (measured: 6 s for a 100 KB string,
 * hours for a few MB).  Here every search also stops at a deadline: at
 * most CT_REGEX_SEARCH_MS, and never past what is left of the run's budget
 * (shared by every search of the run, across threads).  A search that is
 * stopped, or that reaches PCRE2's match, depth or heap limit, decided
 * nothing: the caller reports it as undecided, neither match nor none. */
#ifndef REGEX_BOUND_H
#define REGEX_BOUND_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

/* The longest one search may take, whatever is left of the run's budget. */
#define CT_REGEX_SEARCH_MS 2000u

/* Search time the searches of one run may still take together.  Shared
 * by the run's threads; lives as long as the run (main's stack). */
typedef struct ct_regex_budget {
    atomic_uint_fast64_t left_ns;
} ct_regex_budget;

void ct_regex_budget_init(ct_regex_budget *b, unsigned ms);

enum {
    CT_REGEX_MATCH = 1,
    CT_REGEX_NO_MATCH = 0,
    CT_REGEX_INVALID = -1,  /* the pattern does not compile, or out of memory */
    CT_REGEX_UNDECIDED = -2 /* stopped: a PCRE2 limit, the search's or the run's time */
};

/* Does re[0..re_len) (PCRE2 syntax, UTF mode) match anywhere in
 * subject[0..len)?  Both are bytes that may hold U+0000.  budget may be
 * NULL (then only CT_REGEX_SEARCH_MS bounds the search).  Returns a
 * CT_REGEX_* value; for the negative ones err gets why (a sentence
 * naming the limit or PCRE2's message). */
int ct_regex_search(ct_regex_budget *budget, const char *re, size_t re_len, const char *subject,
                    size_t len, char *err, size_t errlen);

#endif
