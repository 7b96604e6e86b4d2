/* strbuf.h - growable NUL-terminated byte buffer.
 *
 * Used to assemble request/response echoes and report files.  Allocation
 * failure is sticky: the buffer remembers it (oom) and further appends are
 * ignored, so callers check once at the end instead of after every append. */
#ifndef STRBUF_H
#define STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct strbuf {
    char *data;   /* malloc'd, NUL-terminated (NULL until the first append) */
    size_t len;
    size_t cap;
    int oom;
} strbuf;

void sb_append(strbuf *b, const char *s, size_t len);
void sb_puts(strbuf *b, const char *s);
void sb_printf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Take ownership of the data (never NULL unless oom: "" when empty). */
char *sb_take(strbuf *b);
void sb_free(strbuf *b);

#endif
