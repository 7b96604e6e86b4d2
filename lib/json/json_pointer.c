/* json_pointer.c - JSON Pointer building and lookup (see json_pointer.h). */
#include "json_pointer.h"
#include "json_parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t jp_token_size(const char *tok, size_t len)
{
    size_t n = len;
    for (size_t i = 0; i < len; i++) {
        if (tok[i] == '~' || tok[i] == '/') n += 1;
        else if (tok[i] == '\0') n += 5;
    }
    return n;
}

void jp_token_write(char *out, const char *tok, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (tok[i] == '~') { *out++ = '~'; *out++ = '0'; }
        else if (tok[i] == '/') { *out++ = '~'; *out++ = '1'; }
        else if (tok[i] == '\0') { memcpy(out, "\\u0000", 6); out += 6; }
        else *out++ = tok[i];
    }
}

const char *jp_append_n(arena *a, const char *base, const char *tok, size_t len)
{
    size_t bl = strlen(base), tl = jp_token_size(tok, len);
    char *s = arena_alloc(a, bl + tl + 2);
    if (!s) return NULL;
    memcpy(s, base, bl);
    s[bl] = '/';
    jp_token_write(s + bl + 1, tok, len);
    s[bl + 1 + tl] = 0;
    return s;
}

const char *jp_append(arena *a, const char *base, const char *tok)
{
    return jp_append_n(a, base, tok, strlen(tok));
}

const char *jp_append_index(arena *a, const char *base, size_t i)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%zu", i);
    return jp_append(a, base, buf);
}

/* unreserved, sub-delims, ":" and "@" (pchar without pct-encoded), "/"
 * and "?": what a fragment holds as it is */
static int fragment_char(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return 1;
    return c != 0 && strchr("-._~!$&'()*+,;=:@/?", c) != NULL;
}

void jp_fragment_append(strbuf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t from = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (fragment_char(c)) continue;
        char esc[3] = { '%', hex[c >> 4], hex[c & 15] };
        sb_append(b, s + from, i - from);
        sb_append(b, esc, 3);
        from = i + 1;
    }
    sb_append(b, s + from, len - from);
}

int jp_valid(const char *ptr, size_t len)
{
    if (len > 0 && ptr[0] != '/')
        return 0;
    for (size_t i = 0; i < len; i++)
        if (ptr[i] == '~' && (i + 1 >= len || (ptr[i + 1] != '0' && ptr[i + 1] != '1')))
            return 0;
    return 1;
}

/* Unescape one reference token (~0 -> ~, ~1 -> /) into out (n + 1 bytes,
 * terminated); its length, or -1 when it holds a '~' followed by anything
 * else. */
static long unescape_token(const char *t, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i] != '~') { out[o++] = t[i]; continue; }
        if (i + 1 >= n || (t[i + 1] != '0' && t[i + 1] != '1')) return -1;
        out[o++] = t[++i] == '0' ? '~' : '/';
    }
    out[o] = 0;
    return (long)o;
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
        long tl = unescape_token(ptr + start, n, tok);
        if (tl >= 0) {
            if ((cur->type & 0xFF) == cJSON_Object) {
                next = json_member_n(cur, tok, (size_t)tl);
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
