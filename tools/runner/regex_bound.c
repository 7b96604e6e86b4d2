/* regex_bound.c - time-bounded PCRE2 searches (see regex_bound.h).
 *
 * PCRE2 offers no deadline, but it calls a callout function wherever the
 * pattern has a callout item: one is put at the pattern's start, so it
 * runs once per start position tried (positions PCRE2's start-up
 * optimisations skip cost nothing and call nothing), and it aborts the
 * search once the deadline has passed.  The work at one start position
 * is bounded by the match limit (some 0.1 to 0.2 s here), so a search
 * ends within that of its deadline. */
#include "regex_bound.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* PCRE2's default match limit, a depth bound by the heap, and a heap of
 * 64 MiB: a benign pattern over a long subject is still decided. */
#define MATCH_LIMIT    10000000u
#define HEAP_LIMIT_KIB 65536u
/* What the callout answers past the deadline (PCRE2's own codes stay
 * above -100, and it hands a negative callout result back as the
 * search's). */
#define PAST_DEADLINE  (-1000)
#define CALLOUT        "(?C1)"

static uint64_t now_ns(void)
{
    struct timespec ts;
#ifdef CLOCK_MONOTONIC_COARSE
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);  /* a few ns a read; 4 ms grain is plenty */
#else
    clock_gettime(CLOCK_MONOTONIC, &ts);
#endif
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void ct_regex_budget_init(ct_regex_budget *b, unsigned ms)
{
    atomic_init(&b->left_ns, (uint_fast64_t)ms * 1000000u);
}

/* Take `took` off the budget, never below zero. */
static void charge(ct_regex_budget *b, uint64_t took)
{
    uint_fast64_t left = atomic_load(&b->left_ns);
    while (!atomic_compare_exchange_weak(&b->left_ns, &left, took >= left ? 0 : left - took)) {}
}

static int on_callout(pcre2_callout_block *cb, void *data)
{
    (void)cb;
    return now_ns() >= *(const uint64_t *)data ? PAST_DEADLINE : 0;
}

/* Where the callout goes: after the option-setting items such as
 * (*UTF) or (*LIMIT_MATCH=9), which must open the pattern. */
static size_t callout_at(const char *re, size_t len)
{
    size_t i = 0;
    while (i + 2 < len && re[i] == '(' && re[i + 1] == '*') {
        size_t j = i + 2;
        while (j < len && ((re[j] >= 'A' && re[j] <= 'Z') || re[j] == '_' || re[j] == '=' ||
                           (re[j] >= '0' && re[j] <= '9')))
            j++;
        if (j == len || re[j] != ')') break;
        i = j + 1;
    }
    return i;
}

/* re with the callout inserted at `at`; NULL when out of memory. */
static pcre2_code *compile_with_callout(const char *re, size_t len, size_t at, char *err, size_t errlen)
{
    size_t cl = sizeof CALLOUT - 1;
    char *text = malloc(len + cl);
    if (!text) { snprintf(err, errlen, "out of memory"); return NULL; }
    memcpy(text, re, at);
    memcpy(text + at, CALLOUT, cl);
    memcpy(text + at + cl, re + at, len - at);
    int ec;
    PCRE2_SIZE off;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)text, len + cl, PCRE2_UTF, &ec, &off, NULL);
    free(text);
    if (!code) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(ec, msg, sizeof msg);
        /* offsets as the case file's author counts them */
        size_t o = off > at ? (off >= at + cl ? off - cl : at) : off;
        snprintf(err, errlen, "invalid regex at offset %zu: %s", o, (const char *)msg);
    }
    return code;
}

static int undecided(int rc, char *err, size_t errlen)
{
    if (rc == PAST_DEADLINE) {
        snprintf(err, errlen, "the search reached its time limit: %u s a search, --regex-budget a run",
                 CT_REGEX_SEARCH_MS / 1000);
        return CT_REGEX_UNDECIDED;
    }
    PCRE2_UCHAR msg[160];
    if (pcre2_get_error_message(rc, msg, sizeof msg) < 0) snprintf((char *)msg, sizeof msg, "PCRE2 error %d", rc);
    snprintf(err, errlen, "the regex could not be evaluated: %s", (const char *)msg);
    return rc == PCRE2_ERROR_NOMEMORY ? CT_REGEX_INVALID : CT_REGEX_UNDECIDED;
}

int ct_regex_search(ct_regex_budget *budget, const char *re, size_t re_len, const char *subject,
                    size_t len, char *err, size_t errlen)
{
    uint64_t start = now_ns();
    uint64_t allowed = (uint64_t)CT_REGEX_SEARCH_MS * 1000000u;
    if (budget) {
        uint64_t left = atomic_load(&budget->left_ns);
        if (left < allowed) allowed = left;
    }
    if (allowed == 0) return undecided(PAST_DEADLINE, err, errlen);
    pcre2_code *code = compile_with_callout(re, re_len, callout_at(re, re_len), err, errlen);
    if (!code) return CT_REGEX_INVALID;
    uint64_t deadline = start + allowed;
    pcre2_match_context *mc = pcre2_match_context_create(NULL);
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    int rc = PCRE2_ERROR_NOMEMORY;
    if (mc && md) {
        pcre2_set_match_limit(mc, MATCH_LIMIT);
        pcre2_set_heap_limit(mc, HEAP_LIMIT_KIB);
        pcre2_set_callout(mc, on_callout, &deadline);
        rc = pcre2_match(code, (PCRE2_SPTR)subject, len, 0, 0, md, mc);
    }
    pcre2_match_data_free(md);
    pcre2_match_context_free(mc);
    pcre2_code_free(code);
    if (budget) charge(budget, now_ns() - start);
    if (rc >= 0) return CT_REGEX_MATCH;
    if (rc == PCRE2_ERROR_NOMATCH) return CT_REGEX_NO_MATCH;
    return undecided(rc, err, errlen);
}
