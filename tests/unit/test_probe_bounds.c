/* test_probe_bounds.c - the values campaign-probes puts around a bound
 * (tools/probe/probe_bounds.h): string lengths in code points, numeric
 * steps for integers and amounts (inclusive and exclusive bounds), the
 * number texts, near misses of enum and pattern values, format misses. */
#include "probe_bounds.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>

static struct check T = { 0, 0, "probe_bounds" };

static void pair(enum probe_num_kw kw, double bound, int integer, const char *in, const char *out)
{
    char *i = NULL, *o = NULL;
    CHECK_INT(&T, probe_number_pair(kw, bound, integer, &i, &o), 0);
    CHECK_STR(&T, i, in);
    CHECK_STR(&T, o, out);
    free(i);
    free(o);
}

static void test_strings(void)
{
    CHECK_INT(&T, probe_codepoints(""), 0);
    CHECK_INT(&T, probe_codepoints("abc"), 3);
    CHECK_INT(&T, probe_codepoints("\xc3\xa9t\xc3\xa9"), 3);
    CHECK_INT(&T, probe_codepoints("\xf0\x9f\x98\x80"), 1);
    char *s = probe_string_of("ab", 5, "\xc3\xa9");
    CHECK_STR(&T, s, "ab\xc3\xa9\xc3\xa9\xc3\xa9");
    CHECK_INT(&T, probe_codepoints(s), 5);
    free(s);
    s = probe_string_of("\xc3\xa9t\xc3\xa9", 2, "x");  /* cut at a code point, not a byte */
    CHECK_STR(&T, s, "\xc3\xa9t");
    free(s);
    s = probe_string_of("abc", 0, "x");
    CHECK_STR(&T, s, "");
    free(s);
    s = probe_string_of("", 255, "\xc3\xa9");
    CHECK_INT(&T, probe_codepoints(s), 255);
    CHECK_INT(&T, strlen(s), 510);
    free(s);
}

static void test_numbers(void)
{
    enum probe_num_kw kw;
    CHECK_INT(&T, probe_number_kw("exclusiveMinimum", &kw), 0);
    CHECK_INT(&T, kw, PN_EXCL_MINIMUM);
    CHECK_INT(&T, probe_number_kw("multipleOf", &kw), -1);
    /* amounts step by a cent */
    pair(PN_EXCL_MINIMUM, 0, 0, "0.01", "0");
    pair(PN_MINIMUM, 0, 0, "0", "-0.01");
    pair(PN_MINIMUM, 1, 0, "1", "0.99");
    pair(PN_MAXIMUM, 10, 0, "10", "10.01");
    pair(PN_EXCL_MAXIMUM, 1, 0, "0.99", "1");
    /* integers step by one, also past 2^53 - 1 */
    pair(PN_MINIMUM, 1, 1, "1", "0");
    pair(PN_MAXIMUM, 9007199254740991.0, 1, "9007199254740991", "9007199254740992");
    pair(PN_EXCL_MINIMUM, 0, 1, "1", "0");
    pair(PN_EXCL_MAXIMUM, 5, 1, "4", "5");
    /* an integer member under a fractional bound: the nearest integers */
    pair(PN_MINIMUM, 0.5, 1, "1", "0");
    pair(PN_MAXIMUM, 2.5, 1, "2", "3");
    char *i = NULL, *o = NULL;
    CHECK_INT(&T, probe_number_pair(PN_MINIMUM, 1.0 / 0.0, 0, &i, &o), -1);
    char *t = probe_number_text(0.1);
    CHECK_STR(&T, t, "0.1");
    free(t);
    t = probe_number_text(-0.0);
    CHECK_STR(&T, t, "0");
    free(t);
    t = probe_number_text(53999.99);
    CHECK_STR(&T, t, "53999.99");
    free(t);
    t = probe_number_text(1.0 / 3.0);
    CHECK(&T, t && strtod(t, NULL) == 1.0 / 3.0);
    free(t);
}

static void test_misses(void)
{
    char *m[5];
    size_t n = probe_near_misses("EVEN", m);
    CHECK_INT(&T, n, 4);   /* lower case first; upper case is the value itself */
    if (n == 4) {
        CHECK_STR(&T, m[0], "even");
        CHECK_STR(&T, m[1], "EVEN!");
        CHECK_STR(&T, m[2], "!EVEN");
        CHECK_STR(&T, m[3], "");
    }
    for (size_t i = 0; i < n; i++) free(m[i]);
    n = probe_near_misses("", m);
    CHECK_INT(&T, n, 1);   /* "!" appended and prepended count once; "" is the value */
    for (size_t i = 0; i < n; i++) free(m[i]);
    char *f = probe_format_miss("date-time", "2026-05-01T00:00:00Z");
    CHECK_STR(&T, f, "2026-05-01T00:00:00");
    free(f);
    f = probe_format_miss("date-time", "2026-11-01T00:00:00-05:00");
    CHECK_STR(&T, f, "2026-11-01T00:00:00");
    free(f);
    f = probe_format_miss("date", "2026-05-01");
    CHECK_STR(&T, f, "2026-05-32");
    free(f);
    CHECK(&T, probe_format_miss("email", "a@b.example") == NULL);
    CHECK(&T, probe_format_miss("date", "May 1") == NULL);
}

int main(void)
{
    test_strings();
    test_numbers();
    test_misses();
    return check_done(&T);
}
