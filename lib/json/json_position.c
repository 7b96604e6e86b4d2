/* json_position.c - line and column of a byte offset in JSON text, counted
 * as the parser counts them (json_parse.c's error positions): findings
 * keep only a byte offset, and every printer turns it into a position
 * here, so there is one way to count. */
#include "json_parse.h"

void json_text_position(const char *text, size_t len, size_t at, json_text_pos *pos)
{
    const unsigned char *base = (const unsigned char *)text, *end = base + len;
    if (at > len)
        at = len;
    if (at < pos->offset || pos->offset > len)
        *pos = JSON_TEXT_START;
    const unsigned char *p = base + pos->offset;
    /* a BOM is not a character of line 1 (JSON_PARSE_ALLOW_BOM) */
    if (pos->offset == 0 && len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        p = at >= 3 ? p + 3 : base + at;
    unsigned l = pos->line, c = pos->col;
    for (const unsigned char *stop = base + at; p < stop; p++) {
        if (*p == '\n' || (*p == '\r' && !(p + 1 < end && p[1] == '\n'))) {
            l++;
            c = 1;
        } else if (*p != '\r') {
            c += (*p & 0xC0) != 0x80;
        }
    }
    pos->offset = at;
    pos->line = l;
    pos->col = c;
}
