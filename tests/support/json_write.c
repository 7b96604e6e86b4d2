/* json_write.c - compact JSON writer that keeps exact number text. */
#include "json_write.h"
#include "json_parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct wbuf { char *p; size_t n, cap; int oom; } wbuf;

static void put(wbuf *b, const char *s, size_t n)
{
    if (b->oom) return;
    if (b->n + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 256;
        while (nc < b->n + n + 1) nc *= 2;
        char *np = realloc(b->p, nc);
        if (!np) { b->oom = 1; return; }
        b->p = np;
        b->cap = nc;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}

static void put_str(wbuf *b, const char *s, size_t len)
{
    put(b, "\"", 1);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        if (c == '"' || c == '\\') { esc[0] = '\\'; esc[1] = (char)c; put(b, esc, 2); }
        else if (c < 0x20) { snprintf(esc, sizeof esc, "\\u%04x", c); put(b, esc, 6); }
        else put(b, (const char *)&s[i], 1);
    }
    put(b, "\"", 1);
}

static void write_value(wbuf *b, const cJSON *v)
{
    switch (v->type & 0xFF) {
    case cJSON_NULL: put(b, "null", 4); break;
    case cJSON_True: put(b, "true", 4); break;
    case cJSON_False: put(b, "false", 5); break;
    case cJSON_Number: {
        const char *t = json_number_text(v);
        char buf[40];
        if (!t) { snprintf(buf, sizeof buf, "%.17g", v->valuedouble); t = buf; }
        put(b, t, strlen(t));
        break;
    }
    case cJSON_String: put_str(b, v->valuestring, json_string_len(v)); break;
    case cJSON_Array:
        put(b, "[", 1);
        for (const cJSON *e = v->child; e; e = e->next) {
            write_value(b, e);
            if (e->next) put(b, ",", 1);
        }
        put(b, "]", 1);
        break;
    case cJSON_Object:
        put(b, "{", 1);
        for (const cJSON *e = v->child; e; e = e->next) {
            put_str(b, e->string, strlen(e->string));
            put(b, ":", 1);
            write_value(b, e);
            if (e->next) put(b, ",", 1);
        }
        put(b, "}", 1);
        break;
    default: put(b, "null", 4);
    }
}

char *json_write(const cJSON *v)
{
    wbuf b = {0};
    write_value(&b, v);
    if (b.oom) { free(b.p); return NULL; }
    return b.p;
}
