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

#endif
