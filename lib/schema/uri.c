/* uri.c - RFC 3986 section 5.2 reference resolution. */
#include "uri.h"
#include "strbuf.h"

#include <stdlib.h>
#include <string.h>

/* The five components of a URI reference, as slices of the source text. */
typedef struct uri_parts {
    const char *scheme, *auth, *path, *query, *frag;
    size_t scheme_len, auth_len, path_len, query_len, frag_len;
    int has_scheme, has_auth, has_query, has_frag;
} uri_parts;

static void uri_split(const char *s, uri_parts *p)
{
    memset(p, 0, sizeof *p);
    const char *c = s;
    /* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" */
    if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z')) {
        const char *e = c;
        while ((*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z') ||
               (*e >= '0' && *e <= '9') || *e == '+' || *e == '-' || *e == '.')
            e++;
        if (*e == ':') {
            p->has_scheme = 1; p->scheme = c; p->scheme_len = (size_t)(e - c);
            c = e + 1;
        }
    }
    if (c[0] == '/' && c[1] == '/') {
        c += 2;
        const char *e = c + strcspn(c, "/?#");
        p->has_auth = 1; p->auth = c; p->auth_len = (size_t)(e - c);
        c = e;
    }
    size_t n = strcspn(c, "?#");
    p->path = c; p->path_len = n;
    c += n;
    if (*c == '?') {
        c++;
        n = strcspn(c, "#");
        p->has_query = 1; p->query = c; p->query_len = n;
        c += n;
    }
    if (*c == '#') {
        c++;
        p->has_frag = 1; p->frag = c; p->frag_len = strlen(c);
    }
}

/* Remove "." and ".." segments (RFC 3986 5.2.4) from path[0..len) into out;
 * returns the output length.  out needs len + 1 bytes. */
static size_t remove_dot_segments(const char *in, size_t len, char *out)
{
    size_t o = 0, i = 0;
    while (i < len) {
        const char *s = in + i;
        size_t rest = len - i;
        if (rest >= 3 && !strncmp(s, "../", 3)) { i += 3; continue; }
        if (rest >= 2 && !strncmp(s, "./", 2)) { i += 2; continue; }
        if (rest >= 3 && !strncmp(s, "/./", 3)) { i += 2; continue; }
        if (rest == 2 && !strncmp(s, "/.", 2)) { out[o++] = '/'; i += 2; continue; }
        if ((rest >= 4 && !strncmp(s, "/../", 4)) || (rest == 3 && !strncmp(s, "/..", 3))) {
            while (o > 0 && out[o - 1] != '/') o--;
            if (o > 0) o--;
            if (rest == 3) { out[o++] = '/'; i += 3; } else i += 3;
            continue;
        }
        if ((rest == 1 && s[0] == '.') || (rest == 2 && !strncmp(s, "..", 2))) break;
        /* move the first segment (with its leading '/') to the output */
        size_t j = (s[0] == '/') ? 1 : 0;
        while (j < rest && s[j] != '/') j++;
        memcpy(out + o, s, j);
        o += j;
        i += j;
    }
    out[o] = 0;
    return o;
}

static void sb_path(strbuf *b, const char *path, size_t len)
{
    char *tmp = malloc(len + 1);
    if (!tmp) { b->oom = 1; return; }
    size_t n = remove_dot_segments(path, len, tmp);
    sb_append(b, tmp, n);
    free(tmp);
}

char *uri_resolve(const char *base, const char *ref)
{
    uri_parts b, r;
    uri_split(base ? base : "", &b);
    uri_split(ref, &r);
    strbuf out = {0};
    sb_append(&out, "", 0);
    const uri_parts *t_scheme = r.has_scheme ? &r : &b;
    if (t_scheme->has_scheme) {
        sb_append(&out, t_scheme->scheme, t_scheme->scheme_len);
        sb_append(&out, ":", 1);
    }
    if (r.has_scheme || r.has_auth) {
        const uri_parts *a = &r;
        if (a->has_auth) { sb_append(&out, "//", 2); sb_append(&out, a->auth, a->auth_len); }
        sb_path(&out, a->path, a->path_len);
        if (a->has_query) { sb_append(&out, "?", 1); sb_append(&out, a->query, a->query_len); }
    } else {
        if (b.has_auth) { sb_append(&out, "//", 2); sb_append(&out, b.auth, b.auth_len); }
        if (r.path_len == 0) {
            sb_append(&out, b.path, b.path_len);
            if (r.has_query) { sb_append(&out, "?", 1); sb_append(&out, r.query, r.query_len); }
            else if (b.has_query) { sb_append(&out, "?", 1); sb_append(&out, b.query, b.query_len); }
        } else {
            if (r.path[0] == '/') {
                sb_path(&out, r.path, r.path_len);
            } else {
                /* merge: base path up to its last '/', then the reference */
                strbuf m = {0};
                sb_append(&m, "", 0);
                if (b.has_auth && b.path_len == 0) sb_append(&m, "/", 1);
                else {
                    size_t k = b.path_len;
                    while (k > 0 && b.path[k - 1] != '/') k--;
                    sb_append(&m, b.path, k);
                }
                sb_append(&m, r.path, r.path_len);
                if (m.oom) out.oom = 1; else sb_path(&out, m.data, m.len);
                sb_free(&m);
            }
            if (r.has_query) { sb_append(&out, "?", 1); sb_append(&out, r.query, r.query_len); }
        }
    }
    if (r.has_frag) { sb_append(&out, "#", 1); sb_append(&out, r.frag, r.frag_len); }
    return sb_take(&out);
}

char *uri_strip_fragment(const char *uri)
{
    size_t n = strcspn(uri, "#");
    char *s = malloc(n + 1);
    if (!s) return NULL;
    memcpy(s, uri, n);
    s[n] = 0;
    return s;
}

int uri_has_scheme(const char *uri)
{
    uri_parts p;
    uri_split(uri, &p);
    return p.has_scheme;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

char *uri_percent_decode(const char *s, size_t len, size_t *outlen)
{
    char *out = malloc(len + 1);
    if (!out) return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        int h, l;
        if (s[i] == '%' && i + 2 < len && (h = hexval((unsigned char)s[i + 1])) >= 0 &&
            (l = hexval((unsigned char)s[i + 2])) >= 0) {
            out[o++] = (char)(h * 16 + l);
            i += 2;
        } else {
            out[o++] = s[i];
        }
    }
    out[o] = 0;
    if (outlen) *outlen = o;
    return out;
}
