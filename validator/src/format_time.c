/* format_time.c - RFC 3339 date-time, full-date, full-time and the
 * appendix A ISO 8601 duration grammar.  Only ASCII digits count. */
#include "format_internal.h"

/* Two ASCII digits at s as a number, or -1.  The callers check the
 * length once for a whole fixed-width field, then read it by position:
 * dates and times are checked on every payload, most of them several
 * times. */
static inline int two_digits(const char *s)
{
    unsigned a = (unsigned)(unsigned char)s[0] - '0', b = (unsigned)(unsigned char)s[1] - '0';
    return (a > 9 || b > 9) ? -1 : (int)(a * 10 + b);
}

static int days_in_month(int year, int month)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
        return 29;
    return days[month - 1];
}

/* full-date = date-fullyear "-" date-month "-" date-mday */
static int full_date(const char *s, size_t len, size_t *i)
{
    if (len - *i < 10)
        return 0;
    const char *p = s + *i;
    int yh = two_digits(p), yl = two_digits(p + 2), m = two_digits(p + 5), d = two_digits(p + 8);
    if ((yh | yl | m | d) < 0 || p[4] != '-' || p[7] != '-')
        return 0;
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(yh * 100 + yl, m))
        return 0;
    *i += 10;
    return 1;
}

/* full-time = partial-time time-offset.  A leap second (second 60) is
 * only valid where the time, moved to UTC by the offset, is 23:59. */
static int full_time(const char *s, size_t len, size_t *i)
{
    int offset = 0;

    if (len - *i < 8)
        return 0;
    const char *p = s + *i;
    int h = two_digits(p), m = two_digits(p + 3), sec = two_digits(p + 6);
    if ((h | m | sec) < 0 || p[2] != ':' || p[5] != ':' || h > 23 || m > 59 || sec > 60)
        return 0;
    *i += 8;
    if (*i < len && s[*i] == '.') {
        size_t start = ++*i;
        while (*i < len && s[*i] >= '0' && s[*i] <= '9')
            (*i)++;
        if (*i == start)
            return 0;
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
    if (sec == 60) {
        int utc = ((h * 60 + m - offset) % 1440 + 1440) % 1440;
        if (utc != 23 * 60 + 59)
            return 0;
    }
    return 1;
}

int fmt_date(const char *s, size_t len)
{
    size_t i = 0;
    return full_date(s, len, &i) && i == len;
}

int fmt_time(const char *s, size_t len)
{
    size_t i = 0;
    return full_time(s, len, &i) && i == len;
}

int fmt_date_time(const char *s, size_t len)
{
    size_t i = 0;
    if (!full_date(s, len, &i))
        return 0;
    if (i >= len || (s[i] != 'T' && s[i] != 't'))
        return 0;
    i++;
    return full_time(s, len, &i) && i == len;
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
