/* probe_bounds.c - values just inside and just outside a bound (see
 * probe_bounds.h). */
#include "probe_bounds.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

/* Bytes of the UTF-8 sequence starting at s (1 for a stray byte). */
static size_t cp_len(const unsigned char *s)
{
    size_t n = *s < 0x80 ? 1 : (*s & 0xE0) == 0xC0 ? 2 : (*s & 0xF0) == 0xE0 ? 3 : (*s & 0xF8) == 0xF0 ? 4 : 1;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80) return 1;
    return n;
}

size_t probe_codepoints(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p += cp_len(p)) n++;
    return n;
}

char *probe_string_of(const char *base, size_t n, const char *pad)
{
    const unsigned char *p = (const unsigned char *)base;
    size_t have = 0, bytes = 0;
    while (p[bytes] && have < n) { bytes += cp_len(p + bytes); have++; }
    size_t padlen = strlen(pad);
    if (have < n && padlen == 0) return NULL;
    char *out = malloc(bytes + (n - have) * padlen + 1);
    if (!out) return NULL;
    memcpy(out, base, bytes);
    char *w = out + bytes;
    for (size_t i = have; i < n; i++) { memcpy(w, pad, padlen); w += padlen; }
    *w = '\0';
    return out;
}

int probe_number_kw(const char *keyword, enum probe_num_kw *out)
{
    static const char *const names[] = { "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" };
    for (int i = 0; i < 4; i++)
        if (strcmp(keyword, names[i]) == 0) { *out = (enum probe_num_kw)i; return 0; }
    return -1;
}

char *probe_number_text(double v)
{
    char buf[64];
    if (v == floor(v) && fabs(v) <= 9007199254740992.0) {
        snprintf(buf, sizeof buf, "%.0f", v);
    } else {
        double c = v * 100.0;
        if (fabs(c) < 9007199254740992.0 && fabs(c - nearbyint(c)) < 1e-6) {
            long long cents = llround(c);
            long long a = cents < 0 ? -cents : cents;
            snprintf(buf, sizeof buf, "%s%lld.%02lld", cents < 0 ? "-" : "", a / 100, a % 100);
            size_t n = strlen(buf);
            while (buf[n - 1] == '0') buf[--n] = '\0';   /* 0.10 -> 0.1; never "1." (not whole) */
        } else {
            snprintf(buf, sizeof buf, "%.17g", v);
        }
    }
    if (strcmp(buf, "-0") == 0) snprintf(buf, sizeof buf, "0");
    return dup(buf);
}

int probe_number_pair(enum probe_num_kw kw, double bound, int integer, char **inside, char **outside)
{
    *inside = *outside = NULL;
    if (!isfinite(bound)) return -1;
    double step = integer ? 1.0 : 0.01;
    /* an integer member with a fractional bound: the nearest integers */
    double lo_in = integer ? ceil(bound) : bound, hi_in = integer ? floor(bound) : bound;
    double in, out;
    switch (kw) {
    case PN_MINIMUM: in = lo_in; out = lo_in - step; break;
    case PN_MAXIMUM: in = hi_in; out = hi_in + step; break;
    case PN_EXCL_MINIMUM:
        in = integer ? floor(bound) + 1 : bound + step;
        out = bound;
        break;
    case PN_EXCL_MAXIMUM:
        in = integer ? ceil(bound) - 1 : bound - step;
        out = bound;
        break;
    default: return -1;
    }
    *inside = probe_number_text(in);
    *outside = probe_number_text(out);
    if (!*inside || !*outside) { free(*inside); free(*outside); *inside = *outside = NULL; return -1; }
    return 0;
}

size_t probe_near_misses(const char *v, char *out[5])
{
    size_t n = 0, len = strlen(v);
    char *c[5] = { dup(v), dup(v), malloc(len + 2), malloc(len + 2), dup("") };
    for (char *p = c[0]; p && *p; p++) *p = (char)tolower((unsigned char)*p);
    for (char *p = c[1]; p && *p; p++) *p = (char)toupper((unsigned char)*p);
    if (c[2]) { memcpy(c[2], v, len); c[2][len] = '!'; c[2][len + 1] = '\0'; }
    if (c[3]) { c[3][0] = '!'; memcpy(c[3] + 1, v, len + 1); }
    for (int i = 0; i < 5; i++) {
        int keep = c[i] && strcmp(c[i], v) != 0;
        for (size_t j = 0; keep && j < n; j++)
            if (strcmp(out[j], c[i]) == 0) keep = 0;
        if (keep) out[n++] = c[i];
        else free(c[i]);
    }
    return n;
}

char *probe_format_miss(const char *format, const char *v)
{
    size_t len = strlen(v);
    if (strcmp(format, "date-time") == 0 && len >= 20 && v[10] == 'T') {
        char *d = dup(v);
        if (!d) return NULL;
        if (d[len - 1] == 'Z' || d[len - 1] == 'z') d[len - 1] = '\0';
        else if (len >= 25 && (d[len - 6] == '+' || d[len - 6] == '-') && d[len - 3] == ':') d[len - 6] = '\0';
        else { free(d); return NULL; }
        return d;
    }
    if (strcmp(format, "date") == 0 && len == 10 && v[4] == '-' && v[7] == '-') {
        char *d = dup(v);
        if (d) { d[8] = '3'; d[9] = '2'; }
        return d;
    }
    return NULL;
}
