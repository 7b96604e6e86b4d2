/* xml.c - escaping for XML 1.0 text and attribute values (see xml.h). */
#include "xml.h"
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

/* A character XML 1.0 allows nowhere, not even as a reference. */
static int forbidden(uint32_t cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE || cp == 0xFFFF;
}

/* What stands for the character cp under flags, or NULL when it stands
 * for itself; tmp (8 bytes) holds a \uXXXX built for it. */
static const char *replacement(uint32_t cp, unsigned flags, char *tmp)
{
    switch (cp) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return flags & XML_APOS ? "&#39;" : NULL;
    case '\n': return flags & XML_ATTR ? "&#10;" : NULL;
    case '\t': return flags & XML_ATTR ? "&#9;" : NULL;
    case '\r': return flags & (XML_ATTR | XML_CR) ? "&#13;" : NULL;
    default: break;
    }
    if (flags & XML_SHOW_FORBIDDEN) {
        if (!forbidden(cp)) return NULL;
        snprintf(tmp, 8, "\\u%04X", (unsigned)cp);
        return tmp;
    }
    return forbidden(cp) || cp == 0x7F ? REPLACEMENT : NULL;
}

void xml_escape_to(xml_sink sink, void *ctx, const char *s, size_t len, unsigned flags)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t from = 0, i = 0;
    while (i < len) {
        uint32_t cp = 0;
        char tmp[8];
        size_t n = utf8_decode(p + i, len - i, &cp);
        const char *rep = n ? replacement(cp, flags, tmp) : REPLACEMENT;
        if (!n) n = 1;
        if (!rep) {
            i += n;
            continue;
        }
        if (i > from) sink(ctx, s + from, i - from);
        /* U+FFFD once per byte: what a reader decoding byte by byte shows */
        size_t rl = strlen(rep);
        for (size_t k = 0; k < (rep == REPLACEMENT ? n : 1); k++)
            sink(ctx, rep, rl);
        i += n;
        from = i;
    }
    if (i > from) sink(ctx, s + from, i - from);
}

static void to_strbuf(void *ctx, const char *s, size_t n)
{
    sb_append(ctx, s, n);
}

void xml_escape(strbuf *b, const char *s, size_t len, unsigned flags)
{
    xml_escape_to(to_strbuf, b, s, len, flags);
}
