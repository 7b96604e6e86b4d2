/* bench_util.h - small helpers shared by the benchmark drivers in bench/.
 *
 * Timing uses CLOCK_MONOTONIC; statistics are over a caller-owned array of
 * samples.  Nothing here allocates except bench_split_lines (caller frees). */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include <stddef.h>

/* Monotonic time in seconds. */
double bench_now(void);

/* Sorts v[0..n) in place and stores min, median and max (n >= 1). */
void bench_stats(double *v, size_t n, double *min, double *median, double *max);

/* One line of an NDJSON buffer: start and byte length (no newline). */
typedef struct bench_line {
    const char *start;
    size_t len;
} bench_line;

/* Split buf[0..len) at '\n' (a trailing '\r' is dropped) and skip blank
 * lines.  Returns a malloc'd array (caller frees) and its length in *n,
 * or NULL when out of memory.  The lines point into buf. */
bench_line *bench_split_lines(const char *buf, size_t len, size_t *n);

#endif
