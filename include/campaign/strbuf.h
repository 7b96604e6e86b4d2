/* strbuf.h - growable NUL-terminated byte buffer (internal to the library,
 * also used by the tools and tests).
 *
 * A zero-initialised strbuf is empty and owns nothing.  The buffer owns
 * data until sb_take hands it to the caller or sb_free releases it.
 * Allocation failure is sticky: the buffer remembers it (oom) and ignores
 * further appends, so callers check once at the end instead of after every
 * append.  Any append, even of zero bytes, leaves data non-NULL unless oom. */
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
/* Take ownership of the data (never NULL unless oom: "" when empty); the
 * buffer is left empty.  After oom the partial data is freed and NULL
 * returned. */
char *sb_take(strbuf *b);
/* Release the data and reset the buffer (including its oom flag). */
void sb_free(strbuf *b);

#endif
