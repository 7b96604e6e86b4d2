/* lint_locate.c - which value a parse error sits in.
 *
 * A malformed document has no tree, but everything before the error is
 * well-formed, so a light scan of that prefix - tracking the open objects
 * (with their current key) and arrays (with their current index) - names
 * the value being read when the parser stopped.  A duplicate key is
 * thereby reported at the object holding it (the key itself would be an
 * ambiguous pointer), like "required" is. */
#include "lint.h"

#include <stdio.h>
#include <string.h>

typedef struct frame {
    int is_object;
    int has_key;        /* objects: a key has been read for this member */
    size_t key, keylen; /* objects: the raw key text (between quotes) */
    long index;         /* arrays: the current element */
} frame;

/* Index of the quote closing the string opening at text[open], or len. */
static size_t string_end(const char *text, size_t len, size_t open)
{
    for (size_t i = open + 1; i < len; i++) {
        if (text[i] == '\\')
            i++;
        else if (text[i] == '"')
            return i;
    }
    return len;
}

typedef struct out_buf {
    char *p;
    size_t n, size;
    int overflow;
} out_buf;

static void put(out_buf *o, char c)
{
    if (o->n + 1 < o->size)
        o->p[o->n++] = c;
    else
        o->overflow = 1;
}

static void put_utf8(out_buf *o, unsigned cp)
{
    if (cp < 0x80) {
        put(o, (char)cp);
    } else if (cp < 0x800) {
        put(o, (char)(0xC0 | cp >> 6));
        put(o, (char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        put(o, (char)(0xE0 | cp >> 12));
        put(o, (char)(0x80 | (cp >> 6 & 0x3F)));
        put(o, (char)(0x80 | (cp & 0x3F)));
    } else {
        put(o, (char)(0xF0 | cp >> 18));
        put(o, (char)(0x80 | (cp >> 12 & 0x3F)));
        put(o, (char)(0x80 | (cp >> 6 & 0x3F)));
        put(o, (char)(0x80 | (cp & 0x3F)));
    }
}

static int hex4(const char *s, size_t avail, unsigned *out)
{
    unsigned v = 0;
    if (avail < 4)
        return 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return 0;
    }
    *out = v;
    return 1;
}

/* Append a code point as a JSON Pointer token character (~ and / escaped;
 * U+0000 written \u0000, as the engine writes it: jp_append_n). */
static void put_token_cp(out_buf *o, unsigned cp)
{
    if (cp == '~') { put(o, '~'); put(o, '0'); }
    else if (cp == '/') { put(o, '~'); put(o, '1'); }
    else if (cp == 0) { for (const char *e = "\\u0000"; *e; e++) put(o, *e); }
    else put_utf8(o, cp);
}

/* Decode the JSON string body s[0..n) into a pointer token. */
static void put_key(out_buf *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c != '\\' || i + 1 >= n) {
            if (c == '~' || c == '/') put_token_cp(o, c);
            else put(o, (char)c);
            continue;
        }
        char e = s[++i];
        unsigned cp, lo;
        switch (e) {
        case 'b': put(o, '\b'); break;
        case 'f': put(o, '\f'); break;
        case 'n': put(o, '\n'); break;
        case 'r': put(o, '\r'); break;
        case 't': put(o, '\t'); break;
        case 'u':
            if (!hex4(s + i + 1, n - i - 1, &cp))
                break;
            i += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < n && s[i + 1] == '\\' &&
                s[i + 2] == 'u' && hex4(s + i + 3, n - i - 3, &lo) && lo >= 0xDC00 &&
                lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i += 6;
            }
            put_token_cp(o, cp);
            break;
        default: put_token_cp(o, (unsigned char)e); break;
        }
    }
}

/* Deeper levels are counted but not kept: their pointer would not fit in
 * any output buffer, and nesting is bounded by the input, not by us. */
#define MAX_FRAMES 256

void lint_pointer_at(const char *text, size_t len, size_t at, char *out, size_t outlen)
{
    frame st[MAX_FRAMES];
    size_t depth = 0, i = 0;
    out_buf o = { out, 0, outlen, 0 };
    size_t whole = 0; /* length of the complete tokens written */

    if (!outlen)
        return;
    if (at > len)
        at = len;
    while (i < at) {
        char c = text[i];
        frame *top = depth && depth <= MAX_FRAMES ? &st[depth - 1] : NULL;
        if (c == '{' || c == '[') {
            if (depth < MAX_FRAMES)
                st[depth] = (frame){ c == '{', 0, 0, 0, 0 };
            depth++;
            i++;
        } else if (c == '}' || c == ']') {
            if (depth)
                depth--;
            i++;
        } else if (c == ',') {
            if (top && top->is_object)
                top->has_key = 0;
            else if (top)
                top->index++;
            i++;
        } else if (c == '"') {
            size_t end = string_end(text, len, i);
            if (end >= at)
                break; /* the error is inside this string */
            if (top && top->is_object && !top->has_key) {
                top->key = i + 1;
                top->keylen = end - i - 1;
                top->has_key = 1;
            }
            i = end + 1;
        } else {
            i++;
        }
    }
    for (size_t k = 0; k < depth && k < MAX_FRAMES; k++) {
        if (st[k].is_object) {
            if (!st[k].has_key)
                break;
            put(&o, '/');
            put_key(&o, text + st[k].key, st[k].keylen);
        } else {
            char num[32];
            snprintf(num, sizeof num, "/%ld", st[k].index);
            for (char *p = num; *p; p++)
                put(&o, *p);
        }
        if (o.overflow)
            break;
        whole = o.n;
    }
    /* Too deep or too long for out: the pointer of an enclosing value,
     * never a cut-off token. */
    o.p[whole] = '\0';
}
