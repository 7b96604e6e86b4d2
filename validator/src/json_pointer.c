/* json_pointer.c - JSON Pointer building and lookup (see json_pointer.h). */
#include "json_pointer.h"

#include <stdio.h>
#include <stdlib.h>
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

/* Unescape one reference token (~0 -> ~, ~1 -> /) into out (n + 1 bytes);
 * 0 when it holds a '~' followed by anything else. */
static int unescape_token(const char *t, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i] != '~') { out[o++] = t[i]; continue; }
        if (i + 1 >= n || (t[i + 1] != '0' && t[i + 1] != '1')) return 0;
        out[o++] = t[++i] == '0' ? '~' : '/';
    }
    out[o] = 0;
    return 1;
}

const cJSON *jp_get(const cJSON *root, const char *ptr, size_t len)
{
    const cJSON *cur = root;
    size_t i = 0;
    if (len && ptr[0] != '/') return NULL;
    while (cur && i < len) {
        size_t start = i + 1, end = start;
        while (end < len && ptr[end] != '/') end++;
        size_t n = end - start;
        char small[128], *tok = n < sizeof small ? small : malloc(n + 1);
        if (!tok) return NULL;
        const cJSON *next = NULL;
        if (unescape_token(ptr + start, n, tok)) {
            if ((cur->type & 0xFF) == cJSON_Object) {
                for (next = cur->child; next && strcmp(next->string, tok); next = next->next) {}
            } else if ((cur->type & 0xFF) == cJSON_Array && n > 0 && n < 10 &&
                       (n == 1 || tok[0] != '0') && strspn(tok, "0123456789") == n) {
                long idx = strtol(tok, NULL, 10);
                for (next = cur->child; next && idx > 0; idx--) next = next->next;
            }
        }
        if (tok != small) free(tok);
        cur = next;
        i = end;
    }
    return cur;
}
