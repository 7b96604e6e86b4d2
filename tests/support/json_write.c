/* json_write.c - compact JSON writer that keeps exact number text. */
#include "json_write.h"
#include "campaign/json_parse.h"
#include "campaign/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_str(strbuf *b, const char *s, size_t len)
{
    sb_append(b, "\"", 1);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        if (c == '"' || c == '\\') { esc[0] = '\\'; esc[1] = (char)c; sb_append(b, esc, 2); }
        else if (c < 0x20) { snprintf(esc, sizeof esc, "\\u%04x", c); sb_append(b, esc, 6); }
        else sb_append(b, (const char *)&s[i], 1);
    }
    sb_append(b, "\"", 1);
}

static void write_value(strbuf *b, const cJSON *v)
{
    switch (v->type & 0xFF) {
    case cJSON_NULL: sb_append(b, "null", 4); break;
    case cJSON_True: sb_append(b, "true", 4); break;
    case cJSON_False: sb_append(b, "false", 5); break;
    case cJSON_Number: {
        const char *t = json_number_text(v);
        char buf[40];
        if (!t) { snprintf(buf, sizeof buf, "%.17g", v->valuedouble); t = buf; }
        sb_append(b, t, strlen(t));
        break;
    }
    case cJSON_String: put_str(b, v->valuestring, json_string_len(v)); break;
    case cJSON_Array:
        sb_append(b, "[", 1);
        for (const cJSON *e = v->child; e; e = e->next) {
            write_value(b, e);
            if (e->next) sb_append(b, ",", 1);
        }
        sb_append(b, "]", 1);
        break;
    case cJSON_Object:
        sb_append(b, "{", 1);
        for (const cJSON *e = v->child; e; e = e->next) {
            put_str(b, e->string, json_key_len(e));
            sb_append(b, ":", 1);
            write_value(b, e);
            if (e->next) sb_append(b, ",", 1);
        }
        sb_append(b, "}", 1);
        break;
    default: sb_append(b, "null", 4);
    }
}

char *json_write(const cJSON *v)
{
    strbuf b = {0};
    write_value(&b, v);
    return sb_take(&b);
}
