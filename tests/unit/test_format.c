/* test_format.c - the "format" checks of format.h, with valid and invalid
 * samples at the boundaries of each grammar. */
#include "campaign/format.h"
#include "campaign/utf8.h"

#include <stdarg.h>
#include <string.h>
#include "check.h"

/* String literals keep their real length, so embedded NUL bytes count. */
#define YES(t, fmt, lit) CHECK_MSG(t, format_check(fmt, lit, sizeof(lit) - 1) == 1, \
                                   "%s should accept \"%s\"", fmt, lit)
#define NO(t, fmt, lit) CHECK_MSG(t, format_check(fmt, lit, sizeof(lit) - 1) == 0, \
                                  "%s should reject \"%s\"", fmt, lit)

static void test_lookup(struct check *t)
{
    static const char *const names[] = {
        "date-time", "date", "time", "duration", "email", "idn-email",
        "hostname", "idn-hostname", "ipv4", "ipv6", "uri", "uri-reference",
        "iri", "iri-reference", "uri-template", "uuid", "json-pointer",
        "relative-json-pointer", "regex",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        CHECK_MSG(t, format_lookup(names[i]) != NULL, "lookup %s", names[i]);
    CHECK(t, format_lookup("no-such-format") == NULL);
    CHECK(t, format_lookup("Date") == NULL);
    CHECK(t, format_lookup(NULL) == NULL);
    CHECK_INT(t, format_check("no-such-format", "x", 1), -1);
    CHECK_INT(t, format_check("date", NULL, 0), 0);
}

/* A plain reading of the fixed-width fields, as the oracle for the
 * word-at-a-time reading in format_time.c. */
static int ref_digits(const char *s, const int *pos, int n)
{
    for (int i = 0; i < n; i++)
        if (s[pos[i]] < '0' || s[pos[i]] > '9') return 0;
    return 1;
}

static int ref_date(const char *s)
{
    static const int pos[] = { 0, 1, 2, 3, 5, 6, 8, 9 };
    static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (!ref_digits(s, pos, 8) || s[4] != '-' || s[7] != '-') return 0;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || d < 1) return 0;
    int leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    return d <= dim[m - 1] + (m == 2 && leap);
}

/* "HH:MM:SSZ" (or z) */
static int ref_time_z(const char *s)
{
    static const int pos[] = { 0, 1, 3, 4, 6, 7 };
    if (!ref_digits(s, pos, 6) || s[2] != ':' || s[5] != ':' || (s[8] != 'Z' && s[8] != 'z')) return 0;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0'), sec = (s[6] - '0') * 10 + (s[7] - '0');
    return h <= 23 && m <= 59 && (sec <= 59 || (sec == 60 && h == 23 && m == 59));
}

/* Every byte value in every position of base[0..n), followed by suffix:
 * the checker's answer for fmt equals oracle's.  Returns how many
 * differ; *total counts the strings tried. */
static int mutants_differ(const char *fmt, const char *base, size_t n, const char *suffix,
                          int (*oracle)(const char *), int *total)
{
    int differ = 0;
    char b[40];
    size_t ns = strlen(suffix);
    for (size_t i = 0; i < n; i++)
        for (int c = 0; c < 256; c++) {
            memcpy(b, base, n);
            b[i] = (char)c;
            memcpy(b + n, suffix, ns + 1);
            (*total)++;
            if (format_check(fmt, b, n + ns) != oracle(b) && differ++ < 5)
                fprintf(stderr, "%s: \"%.*s\" misjudged\n", fmt, (int)(n + ns), b);
        }
    return differ;
}

/* Dates and times read a word at a time (format_time.c) against the plain
 * reading, with every byte in every position of a few of them. */
static void test_date_bytes(struct check *t)
{
    static const char *dates[] = { "2024-02-29", "2023-02-28", "1999-12-31", "2000-10-09" };
    static const char *times[] = { "23:59:60Z", "12:34:56Z", "09:09:09Z", "20:00:00Z" };
    int differ = 0, total = 0;
    for (size_t k = 0; k < 4; k++) {
        differ += mutants_differ("date", dates[k], 10, "", ref_date, &total);
        differ += mutants_differ("date-time", dates[k], 10, "T12:00:00Z", ref_date, &total);
        differ += mutants_differ("time", times[k], 9, "", ref_time_z, &total);
    }
    CHECK_INT(t, differ, 0);
    CHECK_INT(t, total, 4 * (10 + 10 + 9) * 256);
}

static void test_dates(struct check *t)
{
    YES(t, "date", "2024-02-29");
    NO(t, "date", "2023-02-29");
    YES(t, "date", "2000-02-29");
    NO(t, "date", "1900-02-29");
    YES(t, "date", "2023-12-31");
    NO(t, "date", "2023-04-31");
    NO(t, "date", "2023-13-01");
    NO(t, "date", "2023-00-10");
    NO(t, "date", "2023-01-00");
    NO(t, "date", "2023-1-01");
    NO(t, "date", "2023-01-01\0");
    NO(t, "date", "");

    YES(t, "time", "23:59:60Z");
    NO(t, "time", "23:59:60+01:00");
    YES(t, "time", "00:59:60+01:00");
    YES(t, "time", "15:59:60-08:00");
    NO(t, "time", "23:59:61Z");
    YES(t, "time", "12:00:00.000001z");
    NO(t, "time", "12:00:00.Z");
    NO(t, "time", "12:00:00");
    NO(t, "time", "12:00:00+0100");
    NO(t, "time", "12:00:00+24:00");
    NO(t, "time", "24:00:00Z");

    YES(t, "date-time", "2024-02-29T12:00:00Z");
    YES(t, "date-time", "2024-02-29t12:00:00.5+05:30");
    NO(t, "date-time", "2025-02-30T00:00:00Z");
    NO(t, "date-time", "2024-02-29 12:00:00Z");
    NO(t, "date-time", "2024-02-29T12:00:00");
    YES(t, "date-time", "1998-12-31T23:59:60Z");
    NO(t, "date-time", "1998-12-31T23:59:60+01:00");
    NO(t, "date-time", "2024-01-01T00:00:00ZZ");
    /* fixed-width fields read by position: short input, a non-digit in
     * each field (bytes just below '0' and just above '9'), wrong
     * separators, and both sides of each range */
    NO(t, "date", "2023-01-0");
    NO(t, "date", "2/23-01-01");
    NO(t, "date", "20:3-01-01");
    NO(t, "date", "2023-0:-01");
    NO(t, "date", "2023-01-0/");
    NO(t, "date", "2023/01/01");
    NO(t, "date", "2023-01_01");
    YES(t, "date", "0000-01-01");
    YES(t, "date", "9999-12-31");
    NO(t, "time", "12:00:0Z");
    NO(t, "time", "1:00:00Z");
    NO(t, "time", "12:3a:00Z");
    NO(t, "time", "12:30:/0Z");
    NO(t, "time", "12-30-00Z");
    NO(t, "time", "12:30:00+01:0");
    NO(t, "time", "12:30:00+0a:00");
    NO(t, "time", "12:30:00+01-00");
    YES(t, "time", "23:59:59+23:59");
    NO(t, "time", "23:60:00Z");
    NO(t, "time", "12:00:00+01:60");
    YES(t, "time", "00:00:00-00:00");
    NO(t, "date-time", "2024-02-29T12:00");
    NO(t, "date-time", "2024-02-29T");

    YES(t, "duration", "P1Y2M3DT4H5M6S");
    YES(t, "duration", "P3W");
    YES(t, "duration", "PT0S");
    YES(t, "duration", "P1M");
    YES(t, "duration", "PT1M");
    NO(t, "duration", "P");
    NO(t, "duration", "PT");
    NO(t, "duration", "P1DT");
    NO(t, "duration", "P1W2D");
    NO(t, "duration", "P1Y1D");
    NO(t, "duration", "PT1H1S");
    NO(t, "duration", "P1S");
    NO(t, "duration", "PT1.5S");
    NO(t, "duration", "P1D1D");
    NO(t, "duration", "p1D");
}

static void test_addresses(struct check *t)
{
    YES(t, "ipv4", "255.255.255.255");
    NO(t, "ipv4", "256.0.0.1");
    NO(t, "ipv4", "1.2.3.256");
    YES(t, "ipv4", "0.0.0.0");
    NO(t, "ipv4", "01.2.3.4");
    NO(t, "ipv4", "1.2.3");
    NO(t, "ipv4", "1.2.3.4.");
    NO(t, "ipv4", "1.2.3.4\0");
    NO(t, "ipv4", "1.2.3.0004");

    YES(t, "ipv6", "::");
    YES(t, "ipv6", "::1");
    YES(t, "ipv6", "1::");
    YES(t, "ipv6", "2001:db8:0:0:0:0:2:1");
    YES(t, "ipv6", "2001:DB8::2:1");
    YES(t, "ipv6", "1:2:3:4:5:6:7::");
    YES(t, "ipv6", "::ffff:10.0.0.1");
    YES(t, "ipv6", "1:2:3:4:5:6:1.2.3.4");
    NO(t, "ipv6", "1:2:3:4:5:6:7:1.2.3.4");
    NO(t, "ipv6", "1:2:3:4:5:6:7:8:9");
    NO(t, "ipv6", "1:2:3:4:5:6:7");
    NO(t, "ipv6", ":::");
    NO(t, "ipv6", "1::2::3");
    NO(t, "ipv6", "12345::");
    NO(t, "ipv6", "::1%eth0");
    NO(t, "ipv6", "::ffff:10.0.0.01");
    NO(t, "ipv6", "1:");
    NO(t, "ipv6", "");

    YES(t, "email", "a@b.c");
    YES(t, "email", "first.last+tag@example.com");
    YES(t, "email", "\"with space\"@example.com");
    YES(t, "email", "\"esc\\\"aped\"@example.com");
    YES(t, "email", "x@[10.0.0.1]");
    YES(t, "email", "x@[IPv6:2001:db8::1]");
    NO(t, "email", "x@[IPv6:2001:db8::g]");
    NO(t, "email", "x@[10.0.0.256]");
    NO(t, "email", "a..b@example.com");
    NO(t, "email", ".a@example.com");
    NO(t, "email", "a@example..com");
    NO(t, "email", "a@-example.com");
    NO(t, "email", "@example.com");
    NO(t, "email", "a@");
    NO(t, "email", "\"unterminated@example.com");
    NO(t, "email", "\xc3\xa9@example.com");
    /* 64 octets of local part are allowed, 65 are not */
    YES(t, "email", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@x.org");
    NO(t, "email", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@x.org");

    /* the "IPv6:" tag of an address literal is case-insensitive (RFC 5321
     * literals are RFC 5234 strings); the address after it is still checked */
    static const struct { const char *text; int want; } literals[] = {
        { "x@[IPv6:::1]", 1 },
        { "x@[ipv6:::1]", 1 },
        { "x@[IPV6:::1]", 1 },
        { "x@[IpV6:2001:db8::1]", 1 },
        { "x@[iPv6:::ffff:10.0.0.1]", 1 },
        { "x@[ipv6:::g]", 0 },
        { "x@[IPV6:1::2::3]", 0 },
        { "x@[ipv6:10.0.0.1]", 0 },
        { "x@[ipv6:]", 0 },
        { "x@[ipv7:::1]", 0 },
        { "x@[ipv6;::1]", 0 },
        { "x@[ipv6 ::1]", 0 },
    };
    for (size_t i = 0; i < sizeof literals / sizeof literals[0]; i++) {
        const char *s = literals[i].text;
        CHECK_MSG(t, format_check("email", s, strlen(s)) == literals[i].want, "email %s: want %d", s,
                  literals[i].want);
        CHECK_MSG(t, format_check("idn-email", s, strlen(s)) == literals[i].want, "idn-email %s: want %d", s,
                  literals[i].want);
    }

    YES(t, "idn-email", "\xc3\xa9@example.com");
    YES(t, "idn-email", "user@\xc3\xa9xample.com");
    YES(t, "idn-email", "\"\xc3\xa9 x\"@example.com");
    NO(t, "idn-email", "\xc3@example.com");
    NO(t, "idn-email", "a@b@example.com");
}

/* format "regex" answers FORMAT_UNDECIDED for a pattern nested deeper than
 * its checker reads: neither valid nor invalid. */
static void test_regex_undecided(struct check *t)
{
    char deep[700];
    size_t n = 0;
    for (int i = 0; i < 300; i++) deep[n++] = '(';
    for (int i = 0; i < 300; i++) deep[n++] = ')';
    CHECK_INT(t, format_check("regex", deep, n), FORMAT_UNDECIDED);
    CHECK_INT(t, format_check("regex", deep + 200, 200), 1);     /* 100 deep */
    CHECK_INT(t, format_check("regex", deep, 250), FORMAT_UNDECIDED);   /* unbalanced, too deep to tell */
    CHECK_INT(t, format_check("regex", deep + 250, 99), 0);       /* unbalanced, 50 deep */
}

static void test_hostnames(struct check *t)
{
    YES(t, "hostname", "example.com");
    YES(t, "hostname", "a");
    YES(t, "hostname", "a-b.c-d");
    YES(t, "hostname", "0.example");
    /* 63 octets per label, 64 too many */
    YES(t, "hostname", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijk");
    NO(t, "hostname", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl");
    NO(t, "hostname", "a_b.com");
    NO(t, "hostname", "-a.com");
    NO(t, "hostname", "a-.com");
    NO(t, "hostname", "a..com");
    NO(t, "hostname", "com.");
    NO(t, "hostname", "");
    NO(t, "hostname", "ex\0ample.com");
    NO(t, "hostname", "\xc3\xa9xample.com");
    /* A-labels must decode to valid, canonically encoded U-labels */
    YES(t, "hostname", "xn--bcher-kva.example");      /* buecher with umlaut */
    YES(t, "hostname", "XN--BCHER-KVA.example");
    NO(t, "hostname", "xn--bcher-kv.example");
    NO(t, "hostname", "xn--abc-");
    NO(t, "hostname", "xn--");
    /* 253 octets in all is the limit */
    YES(t, "hostname",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa."
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa."
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa."
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    NO(t, "hostname",
       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa."
       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa."
       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa."
       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");

    YES(t, "idn-hostname", "b\xc3\xbc" "cher.example");
    YES(t, "idn-hostname", "xn--bcher-kva.example");
    YES(t, "idn-hostname", "\xe4\xbe\x8b\xe3\x80\x82\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88");
    NO(t, "idn-hostname", "a\xe3\x80\x82");                 /* trailing U+3002 */
    NO(t, "idn-hostname", "\xcc\x81" "abc");                  /* leading U+0301 */
    NO(t, "idn-hostname", "ab--c\xc3\xa9");                   /* "--" at 3-4 */
    NO(t, "idn-hostname", "a\xe2\x84\xaa");                   /* KELVIN SIGN */
    NO(t, "idn-hostname", "a\xc2\xa0" "b");                   /* NBSP */
    NO(t, "idn-hostname", "\xc3\x89" "cole");                 /* upper case E acute */
    YES(t, "idn-hostname", "l\xc2\xb7l");                     /* MIDDLE DOT */
    NO(t, "idn-hostname", "l\xc2\xb7x");
    YES(t, "idn-hostname", "\xe0\xa4\x95\xe0\xa5\x8d\xe2\x80\x8d");  /* KA VIRAMA ZWJ */
    NO(t, "idn-hostname", "\xe0\xa4\x95\xe2\x80\x8d");
    NO(t, "idn-hostname", "\xd9\xa0\xdb\xb0");               /* U+0660 with U+06F0 */
    NO(t, "idn-hostname", "a\xd7\x90");                       /* LTR label with Hebrew */
    YES(t, "idn-hostname", "\xd7\x90\xd7\x91.com");           /* RTL label, LTR label */
    NO(t, "idn-hostname", "1com.\xd7\x90\xd7\x91");           /* digit-first in Bidi name */
    NO(t, "idn-hostname", "\xf0\x9f\x98\x80.com");            /* emoji */
    NO(t, "idn-hostname", "a\xff" "b");                       /* not UTF-8 */
}

static void test_uris(struct check *t)
{
    YES(t, "uri", "https://user:pw@example.com:8080/a/b?c=d&e#f");
    YES(t, "uri", "urn:isbn:0451450523");
    YES(t, "uri", "file:///etc/passwd");
    YES(t, "uri", "http://[::1]:80/");
    YES(t, "uri", "http://[v7.x:y]/");
    YES(t, "uri", "a+b-c.d:");
    NO(t, "uri", "http://[::1/");
    NO(t, "uri", "http://[vz.x]/");
    NO(t, "uri", "http://host:8x/");
    NO(t, "uri", "http://exa mple.com/");
    NO(t, "uri", "http://example.com/%2");
    NO(t, "uri", "http://example.com/#a#b");
    NO(t, "uri", "relative/path");
    NO(t, "uri", "http://example.com/\xc3\xa9");

    YES(t, "uri-reference", "");
    YES(t, "uri-reference", "../a/b");
    YES(t, "uri-reference", "?q");
    YES(t, "uri-reference", "#");
    YES(t, "uri-reference", "a/b:c");
    NO(t, "uri-reference", "a:b c");
    NO(t, "uri-reference", "1a:b");
    NO(t, "uri-reference", "\\x");

    YES(t, "iri", "http://\xc3\xa9xample.com/\xe2\x82\xac?\xee\x80\x80");
    NO(t, "iri", "http://example.com/\xee\x80\x80");          /* iprivate outside query */
    NO(t, "iri", "\xc3\xa9");
    YES(t, "iri-reference", "\xc3\xa9/x");
    NO(t, "iri-reference", "a b");

    YES(t, "uri-template", "");
    YES(t, "uri-template", "/users/{id}{?fields*,page:3}");
    YES(t, "uri-template", "{+path}/here{#frag}");
    YES(t, "uri-template", "{%20x.y_z}");
    NO(t, "uri-template", "{}");
    NO(t, "uri-template", "{x");
    NO(t, "uri-template", "x}");
    NO(t, "uri-template", "{x:0}");
    NO(t, "uri-template", "{x:10000}");
    YES(t, "uri-template", "{x:9999}");
    NO(t, "uri-template", "{x.}");
    NO(t, "uri-template", "{=x}");
    NO(t, "uri-template", "{x*:3}");
    NO(t, "uri-template", "a<b");
    NO(t, "uri-template", "50%");
}

static void test_misc(struct check *t)
{
    YES(t, "uuid", "123e4567-e89b-12d3-a456-426614174000");
    YES(t, "uuid", "123E4567-E89B-12D3-A456-426614174000");
    NO(t, "uuid", "123e4567-e89b-12d3-a456-42661417400");
    NO(t, "uuid", "123e4567-e89b-12d3-a456-4266141740000");
    NO(t, "uuid", "123e4567e89b-12d3-a456-4266141740000");
    NO(t, "uuid", "{123e4567-e89b-12d3-a456-426614174000}");
    NO(t, "uuid", "123e4567-e89b-12d3-a456-42661417400g");

    YES(t, "json-pointer", "");
    YES(t, "json-pointer", "/");
    YES(t, "json-pointer", "/a~0b~1c");
    YES(t, "json-pointer", "/a\0b");
    NO(t, "json-pointer", "a");
    NO(t, "json-pointer", "/a~");
    NO(t, "json-pointer", "/a~2");

    YES(t, "relative-json-pointer", "0");
    YES(t, "relative-json-pointer", "0#");
    YES(t, "relative-json-pointer", "10/a");
    YES(t, "relative-json-pointer", "1+2/a");
    YES(t, "relative-json-pointer", "1-1#");
    NO(t, "relative-json-pointer", "1+0");
    NO(t, "relative-json-pointer", "1+");
    NO(t, "relative-json-pointer", "01");
    NO(t, "relative-json-pointer", "#");
    NO(t, "relative-json-pointer", "0#/a");
    NO(t, "relative-json-pointer", "0a");

    YES(t, "regex", "^[a-z]+(?:-[a-z]+)*$");
    YES(t, "regex", "(?<year>\\d{4})-\\k<year>");
    NO(t, "regex", "(unclosed");
    NO(t, "regex", "[z-a]");
    NO(t, "regex", "(?i)x");
}

static void vformat(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    utf8_vformat(buf, size, fmt, ap);
    va_end(ap);
}

/* utf8_complete / utf8_cut / utf8_vformat: a cut text never ends inside
 * a character; a text that fits is left whole. */
static void test_utf8_cuts(struct check *t)
{
    static const struct { const char *s; size_t max, keep; } cuts[] = {
        { "abc", 5, 3 },                          /* fits */
        { "abc", 3, 3 },
        { "ab\xe2\x82\xac", 4, 2 },               /* inside a 3-byte sequence */
        { "ab\xe2\x82\xac", 5, 5 },
        { "ab\xe2\x82\xac" "d", 5, 5 },           /* just after it */
        { "a\xf0\x9f\x98\x80", 4, 1 },            /* inside a 4-byte sequence */
        { "a\xf0\x9f\x98\x80" "b", 5, 5 },
        { "\xc3\xa9\xc3\xa9", 3, 2 },             /* inside a 2-byte sequence */
    };
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++)
        CHECK_MSG(t, utf8_cut(cuts[i].s, strlen(cuts[i].s), cuts[i].max) == cuts[i].keep, "cut %zu", i);
    char buf[6];
    vformat(buf, sizeof buf, "%s", "ab\xe2\x82\xac" "cd");   /* 7 bytes into 5 */
    CHECK_STR(t, buf, "ab\xe2\x82\xac");
    vformat(buf, sizeof buf, "%s", "abc\xe2\x82\xac");       /* 6 bytes: the euro sign is cut */
    CHECK_STR(t, buf, "abc");
    vformat(buf, sizeof buf, "%d%s", 12, "345");              /* exactly 5: whole */
    CHECK_STR(t, buf, "12345");
}

int main(void)
{
    struct check t = { 0, 0, "format" };
    test_lookup(&t);
    test_dates(&t);
    test_date_bytes(&t);
    test_addresses(&t);
    test_regex_undecided(&t);
    test_hostnames(&t);
    test_uris(&t);
    test_misc(&t);
    test_utf8_cuts(&t);
    return check_done(&t);
}
