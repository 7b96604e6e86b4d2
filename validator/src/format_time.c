/* format_time.c - RFC 3339 date-time, full-date, full-time and the
 * appendix A ISO 8601 duration grammar.  Only ASCII digits count. */
#include "format_internal.h"

/* Read exactly n ASCII digits at s[*i..len) into *v. */
static int digits(const char *s, size_t len, size_t *i, int n, int *v)
{
    int x = 0;
    if (len - *i < (size_t)n)
        return 0;
    for (int k = 0; k < n; k++) {
        char c = s[*i + k];
        if (c < '0' || c > '9')
            return 0;
        x = x * 10 + (c - '0');
    }
    *i += (size_t)n;
    *v = x;
    return 1;
}

static int expect(const char *s, size_t len, size_t *i, char c)
{
    if (*i >= len || s[*i] != c)
        return 0;
    (*i)++;
    return 1;
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
    int y, m, d;
    return digits(s, len, i, 4, &y) && expect(s, len, i, '-') &&
           digits(s, len, i, 2, &m) && m >= 1 && m <= 12 &&
           expect(s, len, i, '-') &&
           digits(s, len, i, 2, &d) && d >= 1 && d <= days_in_month(y, m);
}

/* full-time = partial-time time-offset.  A leap second (second 60) is
 * only valid where the time, moved to UTC by the offset, is 23:59. */
static int full_time(const char *s, size_t len, size_t *i)
{
    int h, m, sec, oh = 0, om = 0, offset = 0;

    if (!(digits(s, len, i, 2, &h) && h <= 23 && expect(s, len, i, ':') &&
          digits(s, len, i, 2, &m) && m <= 59 && expect(s, len, i, ':') &&
          digits(s, len, i, 2, &sec) && sec <= 60))
        return 0;
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
        if (!(digits(s, len, i, 2, &oh) && oh <= 23 && expect(s, len, i, ':') &&
              digits(s, len, i, 2, &om) && om <= 59))
            return 0;
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
