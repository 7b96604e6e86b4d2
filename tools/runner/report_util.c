/* report_util.c - escaping and text cleaning shared by the reporters. */
#include "report.h"
#include "campaign/utf8.h"
#include "campaign/xml.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Length of a UTF-8 sequence at s that XML 1.0 can carry (1..4), or 0:
 * ill-formed bytes, and U+FFFE / U+FFFF, which XML does not allow. */
static size_t utf8_seq(const unsigned char *s, size_t left)
{
    uint32_t cp = 0;
    size_t n = utf8_decode(s, left, &cp);
    if (cp == 0xFFFE || cp == 0xFFFF) return 0;
    return n;
}

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

/* Reports escape ' too (HTML attributes) and show text, not control bytes. */
static void escape_cut(strbuf *b, const char *s, size_t max, unsigned flags)
{
    if (!s) return;
    size_t len = strlen(s), use = len;
    if (max && len > max) {
        use = max;
        /* Do not cut a UTF-8 sequence in half. */
        while (use > 0 && ((unsigned char)s[use] & 0xC0) == 0x80) use--;
    }
    xml_escape(b, s, use, flags | XML_APOS);
    if (use < len) {
        char note[64];
        int n = snprintf(note, sizeof note, "\n... (truncated, %zu bytes in all)", len);
        xml_escape(b, note, (size_t)n, flags | XML_APOS);
    }
}

void sb_xml_escape(strbuf *b, const char *s, size_t max)
{
    escape_cut(b, s, max, 0);
}

void sb_xml_attr(strbuf *b, const char *s, size_t max)
{
    escape_cut(b, s, max, XML_ATTR);
}

char *ct_utf8_clean(const char *s)
{
    strbuf b = {0};
    if (!s) return strdup("");
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s), i = 0;
    while (i < len) {
        size_t n = utf8_seq(p + i, len - i);
        if (n == 0) { sb_puts(&b, REPLACEMENT); i++; }
        else { sb_append(&b, s + i, n); i += n; }
    }
    return sb_take(&b);
}

void ct_iso_time(time_t t, char out[32])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
