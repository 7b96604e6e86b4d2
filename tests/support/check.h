/* check.h - minimal test assertions for the unit tests.
 *
 * Each test binary keeps a struct check in main, asserts with CHECK /
 * CHECK_STR, and ends with check_done(), which prints "RESULT P F" (read
 * by tests/run.sh) and returns the exit status. */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>
#include <string.h>

struct check { int passed, failed; const char *name; };

#define CHECK(t, cond) check_report((t), !!(cond), #cond, __FILE__, __LINE__, NULL)
#define CHECK_MSG(t, cond, ...) do { char m_[512]; snprintf(m_, sizeof m_, __VA_ARGS__); \
        check_report((t), !!(cond), #cond, __FILE__, __LINE__, m_); } while (0)
#define CHECK_STR(t, got, want) do { const char *g_ = (got), *w_ = (want); \
        char m_[1024]; snprintf(m_, sizeof m_, "got \"%s\", want \"%s\"", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
        check_report((t), g_ && w_ && strcmp(g_, w_) == 0, #got " == " #want, __FILE__, __LINE__, m_); } while (0)
#define CHECK_INT(t, got, want) do { long long g_ = (long long)(got), w_ = (long long)(want); \
        char m_[256]; snprintf(m_, sizeof m_, "got %lld, want %lld", g_, w_); \
        check_report((t), g_ == w_, #got " == " #want, __FILE__, __LINE__, m_); } while (0)

static inline void check_report(struct check *t, int ok, const char *expr,
                                const char *file, int line, const char *detail)
{
    if (ok) { t->passed++; return; }
    t->failed++;
    fprintf(stderr, "FAIL %s:%d: %s%s%s\n", file, line, expr,
            detail ? " -- " : "", detail ? detail : "");
}

static inline int check_done(struct check *t)
{
    printf("RESULT %d %d\n", t->passed, t->failed);
    return t->failed ? 1 : 0;
}

#endif
