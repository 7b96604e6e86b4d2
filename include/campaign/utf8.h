/* utf8.h - decoding one UTF-8 sequence, strictly (RFC 3629), and cutting
 * text without splitting one.
 *
 * Shared by the format checks, the regex translator, the mock's and the
 * tools' text escaping: every place that must tell well-formed UTF-8 from
 * bytes that are not; and by every message that shows part of a value,
 * so that a cut never leaves half a character behind.  (The JSON parser has its own decoder because it
 * also explains why a sequence is ill-formed.) */
#ifndef UTF8_H
#define UTF8_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Length (1..4) of the well-formed sequence at s, with n > 0 bytes
 * available, and its code point in *cp; 0 when the bytes are ill-formed
 * (overlong, surrogate, above U+10FFFF, truncated, stray continuation). */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* The length of s[0..n) without a sequence its end cuts short (a lead
 * byte wanting more continuation bytes than follow it), e.g. after a
 * bounded snprintf: n when the text ends on a whole character. */
size_t utf8_complete(const char *s, size_t n);

/* How many of the len bytes at s to keep to show at most max of them
 * without splitting a sequence: len when it fits, else max backed up to
 * the start of the sequence the cut falls into. */
size_t utf8_cut(const char *s, size_t len, size_t max);

/* utf8_cut for a NUL-terminated s (reading at most max + 1 bytes of it),
 * as the precision of a "%.*s" conversion. */
int utf8_span(const char *s, size_t max);

/* vsnprintf into buf (size > 0), and when the text does not fit, cut
 * between characters rather than inside one: a message stays UTF-8. */
void utf8_vformat(char *buf, size_t size, const char *fmt, va_list ap);

#endif
