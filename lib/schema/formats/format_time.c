/* format_time.c - RFC 3339 date-time, full-date, full-time and the
 * appendix A ISO 8601 duration grammar.  Only ASCII digits count. */
#include "format.h"
#include "format_internal.h"

#include <string.h>

/* Two ASCII digits at s as a number, or -1.  The callers check the
 * length once for a whole fixed-width field, then read it by position:
 * dates and times are checked on every payload, most of them several
 * times. */
static inline int two_digits(const char *s)
{
    unsigned a = (unsigned)(unsigned char)s[0] - '0', b = (unsigned)(unsigned char)s[1] - '0';
    return (a > 9 || b > 9) ? -1 : (int)(a * 10 + b);
}

/* p[0..8) as a word, p[0] in the low byte (gcc and clang make it one
 * load on little-endian machines). */
static inline uint64_t word8(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    return (uint64_t)u[0] | (uint64_t)u[1] << 8 | (uint64_t)u[2] << 16 | (uint64_t)u[3] << 24 |
           (uint64_t)u[4] << 32 | (uint64_t)u[5] << 40 | (uint64_t)u[6] << 48 | (uint64_t)u[7] << 56;
}

/* w's bytes XOR '0': an ASCII digit becomes its value, any other byte
 * something above 9. */
#define DIGIT_XOR 0x3030303030303030ULL

/* Bit 7 of every byte of w ^ DIGIT_XOR that is above 9, in the bytes
 * mask selects.  A byte above 9 either has bit 7 set or gets it by
 * adding 0x76; a carry out of one byte only happens from a byte already
 * flagged, and can only push the next byte up. */
static inline uint64_t non_digits(uint64_t x, uint64_t mask)
{
    return ((x + 0x7676767676767676ULL) | x) & 0x8080808080808080ULL & mask;
}

/* Digit value of byte k of x (a byte non_digits has passed). */
#define LANE(x, k) ((int)(((x) >> (8 * (k))) & 0xF))

static int days_in_month(int year, int month)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
        return 29;
    return days[month - 1];
}

/* Inlined into each reader: a caller that does not read a field (the
 * format checks read no year unless the month is February, and no
 * fraction) does not pay for it.  Measured on 400,000 checks of "date"
 * and "date-time": 60.2 million instructions before the fields, 70.9
 * million with them filled by calls, 53.8 million inlined (gcc -O2). */
#define READER static inline __attribute__((always_inline))

/* full-date = date-fullyear "-" date-month "-" date-mday */
READER int full_date(const char *s, size_t len, size_t *i, format_datetime *out)
{
    if (len - *i < 10)
        return 0;
    const char *p = s + *i;
    /* "YYYY-MM-" as one word: digits in bytes 0-3, 5 and 6 */
    uint64_t w = word8(p), x = w ^ DIGIT_XOR;
    int d = two_digits(p + 8);
    if (non_digits(x, 0x00FFFF00FFFFFFFFULL) || d < 0 || ((w >> 32) & 0xFF) != '-' || (w >> 56) != '-')
        return 0;
    int y = LANE(x, 0) * 1000 + LANE(x, 1) * 100 + LANE(x, 2) * 10 + LANE(x, 3);
    int m = LANE(x, 5) * 10 + LANE(x, 6);
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return 0;
    out->year = y;
    out->month = m;
    out->day = d;
    *i += 10;
    return 1;
}

/* full-time = partial-time time-offset.  Any minute may hold a leap
 * second here: where it may is the format's question (leap_second_ok). */
READER int full_time(const char *s, size_t len, size_t *i, format_datetime *out)
{
    int offset = 0;

    if (len - *i < 8)
        return 0;
    const char *p = s + *i;
    /* "HH:MM:SS" as one word: digits in bytes 0, 1, 3, 4, 6 and 7 */
    uint64_t w = word8(p), x = w ^ DIGIT_XOR;
    if (non_digits(x, 0xFFFF00FFFF00FFFFULL) || ((w >> 16) & 0xFF) != ':' || ((w >> 40) & 0xFF) != ':')
        return 0;
    int h = LANE(x, 0) * 10 + LANE(x, 1), m = LANE(x, 3) * 10 + LANE(x, 4), sec = LANE(x, 6) * 10 + LANE(x, 7);
    if (h > 23 || m > 59 || sec > 60)
        return 0;
    *i += 8;
    out->frac = NULL;
    out->frac_len = 0;
    if (*i < len && s[*i] == '.') {
        size_t start = ++*i;
        while (*i < len && s[*i] >= '0' && s[*i] <= '9')
            (*i)++;
        if (*i == start)
            return 0;
        out->frac = s + start;
        out->frac_len = *i - start;
    }
    if (*i >= len)
        return 0;
    if (s[*i] == 'Z' || s[*i] == 'z') {
        (*i)++;
    } else if (s[*i] == '+' || s[*i] == '-') {
        int sign = s[*i] == '-' ? -1 : 1;
        (*i)++;
        if (len - *i < 5)
            return 0;
        p = s + *i;
        int oh = two_digits(p), om = two_digits(p + 3);
        if ((oh | om) < 0 || p[2] != ':' || oh > 23 || om > 59)
            return 0;
        *i += 5;
        offset = sign * (oh * 60 + om);
    } else {
        return 0;
    }
    out->hour = h;
    out->minute = m;
    out->second = sec;
    out->offset = offset;
    return 1;
}

/* RFC 3339 section 5.7: a leap second only where the time, moved to UTC
 * by the offset, is 23:59. */
static int leap_second_ok(const format_datetime *t)
{
    if (t->second != 60)
        return 1;
    int utc = ((t->hour * 60 + t->minute - t->offset) % 1440 + 1440) % 1440;
    return utc == 23 * 60 + 59;
}

READER int read_date(const char *s, size_t len, format_datetime *out)
{
    size_t i = 0;
    return full_date(s, len, &i, out) && i == len;
}

READER int read_date_time(const char *s, size_t len, format_datetime *out)
{
    size_t i = 0;
    if (!full_date(s, len, &i, out))
        return 0;
    if (i >= len || (s[i] != 'T' && s[i] != 't'))
        return 0;
    i++;
    return full_time(s, len, &i, out) && i == len;
}

int format_read_date(const char *s, size_t len, format_datetime *out)
{
    return read_date(s, len, out);
}

int format_read_date_time(const char *s, size_t len, format_datetime *out)
{
    return read_date_time(s, len, out);
}

int64_t format_days_from_civil(int year, int month, int day)
{
    /* civil-from-days inverted: count in 400-year eras starting each
     * March 1st */
    int64_t yy = year - (month <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int fmt_date(const char *s, size_t len)
{
    format_datetime t;
    return read_date(s, len, &t);
}

int fmt_time(const char *s, size_t len)
{
    format_datetime t;
    size_t i = 0;
    return full_time(s, len, &i, &t) && i == len && leap_second_ok(&t);
}

int fmt_date_time(const char *s, size_t len)
{
    format_datetime t;
    return read_date_time(s, len, &t) && leap_second_ok(&t);
}

/* duration = "P" (dur-date / dur-time / dur-week), where the date units
 * Y M D and the time units H M S each appear as one unbroken run in that
 * order (e.g. "P1Y2M", "P2M3D", never "P1Y3D"), "T" needs at least one
 * time unit, and weeks stand alone.  Components are whole numbers. */
int fmt_duration(const char *s, size_t len)
{
    static const char date_units[] = "YMD", time_units[] = "HMS";
    const char *units = date_units;
    int last = -1, in_time = 0, any = 0;
    size_t i = 1;

    if (len < 3 || s[0] != 'P')
        return 0;
    if (s[len - 1] == 'W') {
        for (i = 1; i < len - 1; i++)
            if (s[i] < '0' || s[i] > '9')
                return 0;
        return 1;
    }
    while (i < len) {
        size_t start;
        int k;
        if (s[i] == 'T') {
            if (in_time)
                return 0;
            in_time = 1;
            units = time_units;
            last = -1;
            i++;
            if (i >= len)
                return 0;
            continue;
        }
        start = i;
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == start || i >= len)
            return 0;
        for (k = 0; k < 3 && units[k] != s[i]; k++)
            ;
        if (k == 3 || (last >= 0 && k != last + 1))
            return 0;
        last = k;
        any = 1;
        i++;
    }
    return any && last >= 0;
}

int format_read_instant(const char *s, size_t len, format_instant *out)
{
    format_datetime t;
    if (!format_read_date_time(s, len, &t))
        return 0;
    /* the fraction's first digits, without trailing zeros */
    size_t n = t.frac_len < sizeof out->frac - 1 ? t.frac_len : sizeof out->frac - 1;
    if (n)
        memcpy(out->frac, t.frac, n);
    while (n > 0 && out->frac[n - 1] == '0')
        n--;
    out->frac[n] = '\0';
    out->local_day = format_days_from_civil(t.year, t.month, t.day);
    out->sec = out->local_day * 86400 + t.hour * 3600 + t.minute * 60 + t.second - t.offset * 60;
    return 1;
}

int format_instant_cmp(const format_instant *a, const format_instant *b)
{
    if (a->sec != b->sec)
        return a->sec < b->sec ? -1 : 1;
    /* digit strings without trailing zeros compare like the fractions */
    return strcmp(a->frac, b->frac);
}
