/* json_pointer.c - JSON Pointer building (see json_pointer.h). */
#include "json_pointer.h"

#include <stdio.h>
#include <string.h>

const char *jp_append(arena *a, const char *base, const char *tok)
{
    size_t bl = strlen(base), tl = strlen(tok), extra = 0;
    for (size_t i = 0; i < tl; i++) if (tok[i] == '~' || tok[i] == '/') extra++;
    char *s = arena_alloc(a, bl + tl + extra + 2);
    if (!s) return NULL;
    memcpy(s, base, bl);
    size_t o = bl;
    s[o++] = '/';
    for (size_t i = 0; i < tl; i++) {
        if (tok[i] == '~') { s[o++] = '~'; s[o++] = '0'; }
        else if (tok[i] == '/') { s[o++] = '~'; s[o++] = '1'; }
        else s[o++] = tok[i];
    }
    s[o] = 0;
    return s;
}

const char *jp_append_index(arena *a, const char *base, size_t i)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%zu", i);
    return jp_append(a, base, buf);
}
