/* report_util.c - escaping and text cleaning shared by the reporters. */
#include "report.h"
#include "campaign/utf8.h"

#include <stdint.h>
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

void sb_xml_escape(strbuf *b, const char *s, size_t max)
{
    if (!s) return;
    size_t len = strlen(s), use = len;
    if (max && len > max) {
        use = max;
        /* Do not cut a UTF-8 sequence in half. */
        while (use > 0 && ((unsigned char)s[use] & 0xC0) == 0x80) use--;
    }
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < use) {
        unsigned char c = p[i];
        size_t n = utf8_seq(p + i, use - i);
        if (n == 0) { sb_puts(b, REPLACEMENT); i++; continue; }
        if (n > 1) { sb_append(b, s + i, n); i += n; continue; }
        switch (c) {
        case '&': sb_puts(b, "&amp;"); break;
        case '<': sb_puts(b, "&lt;"); break;
        case '>': sb_puts(b, "&gt;"); break;
        case '"': sb_puts(b, "&quot;"); break;
        case '\'': sb_puts(b, "&#39;"); break;
        case '\t': case '\n': case '\r': sb_append(b, s + i, 1); break;
        default:
            if (c < 0x20 || c == 0x7F) sb_puts(b, REPLACEMENT);
            else sb_append(b, s + i, 1);
        }
        i++;
    }
    if (use < len) sb_printf(b, "\n... (truncated, %zu bytes in all)", len);
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
