/* bench_util.c - timing, statistics and NDJSON splitting for the drivers. */
#include "bench_util.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void bench_stats(double *v, size_t n, double *min, double *median, double *max)
{
    qsort(v, n, sizeof *v, cmp_double);
    *min = v[0];
    *max = v[n - 1];
    *median = (n % 2) ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

bench_line *bench_split_lines(const char *buf, size_t len, size_t *n)
{
    size_t cap = 1024, count = 0, pos = 0;
    bench_line *lines = malloc(cap * sizeof *lines);
    if (!lines)
        return NULL;
    while (pos < len) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - buf) : len;
        size_t l = end - pos;
        if (l > 0 && buf[pos + l - 1] == '\r')
            l--;
        int blank = 1;
        for (size_t i = 0; i < l && blank; i++)
            blank = (buf[pos + i] == ' ' || buf[pos + i] == '\t');
        if (!blank) {
            if (count == cap) {
                bench_line *grown = realloc(lines, 2 * cap * sizeof *lines);
                if (!grown) {
                    free(lines);
                    return NULL;
                }
                lines = grown;
                cap *= 2;
            }
            lines[count].start = buf + pos;
            lines[count].len = l;
            count++;
        }
        pos = end + 1;
    }
    *n = count;
    return lines;
}
