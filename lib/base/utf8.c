/* utf8.c - strict UTF-8 decoding (see utf8.h). */
#include "utf8.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned c = s[0];
    size_t len;
    uint32_t v, min;
    if (c < 0x80) { *cp = c; return 1; }
    if (c >= 0xC2 && c <= 0xDF) { len = 2; v = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; v = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; v = c & 0x07; min = 0x10000; }
    else return 0;
    if (n < len) return 0;
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80) return 0;
        v = v << 6 | (s[k] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return len;
}

/* Bytes a sequence starting with lead byte c takes (1 for anything that
 * does not start one). */
static size_t seq_len(unsigned char c)
{
    return c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? (c <= 0xEF ? 3 : 1) : c >= 0xC2 ? 2 : 1;
}

size_t utf8_complete(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    /* the last lead byte is at most 3 bytes back in whole text */
    for (size_t back = 1; back <= 4 && back <= n; back++) {
        unsigned char c = u[n - back];
        if ((c & 0xC0) == 0x80) continue;
        return seq_len(c) > back ? n - back : n;
    }
    return n;
}

size_t utf8_cut(const char *s, size_t len, size_t max)
{
    return len <= max ? len : utf8_complete(s, max);
}

void utf8_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
    int n = vsnprintf(buf, size, fmt, ap);
    if (n >= (int)size) buf[utf8_complete(buf, size - 1)] = '\0';
}

int utf8_span(const char *s, size_t max)
{
    if (max > INT_MAX - 1) max = INT_MAX - 1;
    return (int)utf8_cut(s, strnlen(s, max + 1), max);
}
