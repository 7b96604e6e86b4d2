/* utf8.h - decoding one UTF-8 sequence, strictly (RFC 3629).
 *
 * Shared by the format checks, the regex translator, the mock's and the
 * tools' text escaping: every place that must tell well-formed UTF-8 from
 * bytes that are not.  (The JSON parser has its own decoder because it
 * also explains why a sequence is ill-formed.) */
#ifndef UTF8_H
#define UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Length (1..4) of the well-formed sequence at s, with n > 0 bytes
 * available, and its code point in *cp; 0 when the bytes are ill-formed
 * (overlong, surrogate, above U+10FFFF, truncated, stray continuation). */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

#endif
