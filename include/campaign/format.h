/* format.h - the "format" vocabulary's string checks.
 *
 * Each check takes UTF-8 text s[0..len) (may contain NUL bytes) and says
 * whether it is a valid instance of the named format, following the RFC
 * the JSON Schema 2020-12 specification cites for it (RFC 3339 for
 * date-time/date/time, with leap seconds and real month lengths; ISO 8601
 * durations as in RFC 3339 appendix A; RFC 5321/6531 email; RFC 1123/5890
 * hostnames and IDNA2008 idn-hostname; RFC 2673/4291 addresses; RFC 3986/3987
 * URI/IRI; RFC 6570 uri-template; RFC 4122 uuid; RFC 6901 json-pointer;
 * draft-handrews relative-json-pointer; ECMA-262 regex). */
#ifndef FORMAT_H
#define FORMAT_H

#include <stddef.h>
#include <stdint.h>

typedef int (*format_check_fn)(const char *s, size_t len);

/* What a check answers when it cannot decide (only "regex" can: a pattern
 * nested deeper than its checker reads, see ecma_regex_valid).  Callers
 * must take it for neither valid nor invalid. */
#define FORMAT_UNDECIDED (-2)

/* The checker for a format name, or NULL when the name is unknown
 * (unknown formats are annotations only and always pass). */
format_check_fn format_lookup(const char *name);

/* 1 valid, 0 invalid, -1 unknown format name, FORMAT_UNDECIDED. */
int format_check(const char *name, const char *s, size_t len);

/* ---- RFC 3339 dates and times, read into their parts ----------------
 *
 * The one reader of RFC 3339 in the project: the "date", "time" and
 * "date-time" formats above, the contract's date rules (contract_rules.c)
 * and the mock's pacing periods all go through it, so a date means the
 * same to each.  Only ASCII digits count; 'T', 'Z' may be lower case. */

typedef struct format_datetime {
    int year, month, day;       /* a real date: month 1-12, day within the month */
    int hour, minute, second;   /* 0-23, 0-59, 0-60 (60: a leap second) */
    int offset;                 /* minutes east of UTC: local time = UTC + offset */
    const char *frac;           /* the digits after '.' (into s), or NULL */
    size_t frac_len;
} format_datetime;

/* 1 when s[0..len) is exactly a full-date ("2026-02-28"), with the date
 * in *out (the other fields untouched); else 0, *out unspecified. */
int format_read_date(const char *s, size_t len, format_datetime *out);

/* 1 when s[0..len) is exactly a date-time ("2026-02-28T12:00:00.5+01:00"),
 * with every field of *out filled; else 0, *out unspecified.  This reads
 * the grammar only: a leap second is taken at any minute, where the
 * "date-time" format (format_check) also wants it at 23:59 UTC. */
int format_read_date_time(const char *s, size_t len, format_datetime *out);

/* Days since 1970-01-01 of a proleptic Gregorian date (negative before). */
int64_t format_days_from_civil(int year, int month, int day);

/* A date-time as a point in time, for ordering: whole seconds since
 * 1970-01-01T00:00:00Z, the fraction's digits (at most 23, trailing zeros
 * dropped, so digit strings compare as the fractions do), and the day of
 * the date as written (local: before the offset is applied). */
typedef struct format_instant {
    int64_t sec;
    char frac[24];
    int64_t local_day;
} format_instant;

/* 1 and *out filled when s[0..len) is a date-time (as
 * format_read_date_time reads it), else 0. */
int format_read_instant(const char *s, size_t len, format_instant *out);

/* <0, 0, >0 as a is before, at or after b (like strcmp):
 * "2026-01-01T01:00:00+01:00" and "2026-01-01T00:00:00.000Z" are equal. */
int format_instant_cmp(const format_instant *a, const format_instant *b);

#endif
