/* json_value.c - JSON equality, exact number arithmetic, and values
 * written out for messages.  Strings and member names compare as whole
 * byte strings (a parsed one may hold U+0000). */
#include "json_value.h"
#include "json_parse.h"
#include "map.h"
#include "utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JT(x) ((x)->type & 0xFF)

const char *jv_number_text(const cJSON *x, char *buf, size_t size)
{
    const char *t = json_number_text(x);
    if (t) return t;
    double d = x->valuedouble;
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, size, "%.*g", digits, d);
        if (strtod(buf, NULL) == d) break;
    }
    return buf;
}

/* A decimal number as sign * digits * 10^exp with digits stripped of
 * leading and trailing zeros (zero has no digits). */
typedef struct decnum { int neg; char digits[800]; int ndig; long exp; int ok; } decnum;

static void dec_parse(const char *t, decnum *d)
{
    memset(d, 0, sizeof *d);
    d->ok = 1;
    const char *p = t;
    if (*p == '-') { d->neg = 1; p++; }
    long frac_digits = 0;
    int seen_point = 0;
    for (; *p && *p != 'e' && *p != 'E'; p++) {
        if (*p == '.') { seen_point = 1; continue; }
        if (*p < '0' || *p > '9') { d->ok = 0; return; }
        if (seen_point) frac_digits++;
        if (d->ndig == 0 && *p == '0') continue; /* leading zero */
        if (d->ndig >= (int)sizeof d->digits - 1) { d->ok = 0; return; }
        d->digits[d->ndig++] = *p;
    }
    long e = 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        e = strtol(p, NULL, 10);
        if (e > 100000 || e < -100000) { d->ok = 0; return; }
    }
    d->exp = e - frac_digits;
    while (d->ndig > 0 && d->digits[d->ndig - 1] == '0') { d->ndig--; d->exp++; }
    if (d->ndig == 0) { d->neg = 0; d->exp = 0; }
    d->digits[d->ndig] = 0;
}

/* Compare magnitudes of two normalized decimals. */
static int dec_cmp_abs(const decnum *a, const decnum *b)
{
    if (a->ndig == 0 || b->ndig == 0) return (a->ndig != 0) - (b->ndig != 0);
    long ma = a->ndig + a->exp, mb = b->ndig + b->exp; /* magnitude (position of leading digit) */
    if (ma != mb) return ma < mb ? -1 : 1;
    int n = a->ndig < b->ndig ? a->ndig : b->ndig;
    int c = memcmp(a->digits, b->digits, (size_t)n);
    if (c) return c < 0 ? -1 : 1;
    return (a->ndig > b->ndig) - (a->ndig < b->ndig);
}

/* Is number v written without fraction or exponent?  The parser says so
 * for its nodes; the text tells for others (no text: a number made in
 * memory, whose double is all there is). */
static int integer_text(const cJSON *v, const char *t)
{
    if (v->type & JSON_NODE_INTEGER_TEXT) return 1;
    if (json_node_info(v)) return 0;
    return !t || !strpbrk(t, ".eE");
}

int jv_num_cmp(const cJSON *a, const cJSON *b)
{
    double x = a->valuedouble, y = b->valuedouble;
    /* Rounding to double is monotonic, so distinct doubles decide. */
    if (x < y) return -1;
    if (x > y) return 1;
    const char *ta = json_number_text(a), *tb = json_number_text(b);
    if (!ta && !tb) return 0;
    /* Equal doubles below 2^53 in magnitude that came from plain integer
     * text are exact: the common case needs no decimal arithmetic. */
    if (fabs(x) < 9007199254740992.0 && integer_text(a, ta) && integer_text(b, tb))
        return 0;
    if (ta && tb && !strcmp(ta, tb)) return 0;
    char ba[40], bb[40];
    decnum da, db;
    int r = 0;
    dec_parse(jv_number_text(a, ba, sizeof ba), &da);
    dec_parse(jv_number_text(b, bb, sizeof bb), &db);
    if (da.ok && db.ok) {
        if (da.neg != db.neg) r = da.neg ? -1 : 1;
        else { r = dec_cmp_abs(&da, &db); if (da.neg) r = -r; }
    }
    return r;
}

int jv_is_integer(const cJSON *x)
{
    if (x->type & JSON_NODE_INTEGER_TEXT) return 1; /* digits alone, finite (the parser refuses overflow) */
    double d = x->valuedouble;
    if (!isfinite(d)) return 0;
    if (d != floor(d)) return 0;
    const char *t = json_number_text(x);
    if (!t || !strpbrk(t, ".eE")) return 1;
    /* 1.0000000000000000001 rounds to 1.0: ask the text. */
    decnum dn;
    dec_parse(t, &dn);
    return !dn.ok || dn.exp >= 0;
}

/* digits*10^shift as unsigned 128-bit; 0 on overflow. */
static int dec_to_u128(const decnum *d, long shift, unsigned __int128 *out)
{
    unsigned __int128 v = 0, lim = ((unsigned __int128)1 << 124);
    for (int i = 0; i < d->ndig; i++) {
        if (v > lim / 10) return 0;
        v = v * 10 + (unsigned)(d->digits[i] - '0');
    }
    for (long i = 0; i < shift; i++) {
        if (v > lim / 10) return 0;
        v *= 10;
    }
    *out = v;
    return 1;
}

int jv_multiple_of(const cJSON *x, const cJSON *m)
{
    char bx[40], bm[40];
    decnum dx, dm;
    dec_parse(jv_number_text(x, bx, sizeof bx), &dx);
    dec_parse(jv_number_text(m, bm, sizeof bm), &dm);
    if (dx.ok && dm.ok && dm.ndig > 0) {
        if (dx.ndig == 0) return 1;
        long e = dx.exp < dm.exp ? dx.exp : dm.exp;
        unsigned __int128 a, b;
        if (dec_to_u128(&dx, dx.exp - e, &a) && dec_to_u128(&dm, dm.exp - e, &b))
            return a % b == 0;
        /* Too large for 128 bits (1e308 against 0.5): with x = A*10^ea and
         * m = B*10^eb, ea >= eb, x/m is whole iff B divides A*10^(ea-eb);
         * work modulo B. */
        if (dx.exp >= dm.exp && dec_to_u128(&dm, 0, &b) && b <= (unsigned __int128)UINT64_MAX) {
            unsigned __int128 r = 0;
            for (int i = 0; i < dx.ndig; i++) r = (r * 10 + (unsigned)(dx.digits[i] - '0')) % b;
            for (long i = 0; i < dx.exp - dm.exp && r; i++) r = (r * 10) % b;
            return r == 0;
        }
    }
    double q = x->valuedouble / m->valuedouble;
    if (!isfinite(q)) return 0;
    return q == floor(q);
}

size_t jv_utf8_length(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
    return n;
}

static size_t str_len(const cJSON *s)
{
    return json_string_len(s);
}

/* Objects with more members than this are compared through a sorted
 * copy of b's member list: finding each of a's members by walking b's
 * made two objects of 50 000 members cost 1.25e9 name compares. */
#define JV_EQUAL_SCAN_MAX 16

typedef struct named { const cJSON *m; size_t pos; } named;

/* By name (length, then bytes), then position in the object. */
static int by_name_then_pos(const void *x, const void *y)
{
    const named *a = x, *b = y;
    size_t la = json_key_len(a->m), lb = json_key_len(b->m);
    if (la != lb) return la < lb ? -1 : 1;
    int c = memcmp(a->m->string, b->m->string, la);
    if (c) return c;
    return (a->pos > b->pos) - (a->pos < b->pos);
}

/* The first member of b (in b's order) named like x, through v[0..n),
 * b's members sorted by by_name_then_pos: O(log n). */
static const cJSON *first_named(const named *v, size_t n, const cJSON *x)
{
    named want = { x, 0 };
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (by_name_then_pos(&v[mid], &want) < 0) lo = mid + 1;
        else hi = mid;
    }
    return lo < n && json_same_key(v[lo].m, x) ? v[lo].m : NULL;
}

/* Objects a and b of n members each: every member of a has a member of b
 * of that name (the first one, when b repeats it) with an equal value. */
static int objects_equal(const cJSON *a, const cJSON *b, size_t n)
{
    named *v = n > JV_EQUAL_SCAN_MAX ? malloc(n * sizeof *v) : NULL;
    if (v) {
        size_t i = 0;
        for (const cJSON *y = b->child; y; y = y->next, i++) v[i] = (named){ y, i };
        qsort(v, n, sizeof *v, by_name_then_pos);
    }
    int eq = 1;
    for (const cJSON *x = a->child; x && eq; x = x->next) {
        const cJSON *y = b->child;
        if (v) y = first_named(v, n, x);
        else while (y && !json_same_key(y, x)) y = y->next; /* few members, or out of memory */
        eq = y && jv_equal(x, y);
    }
    free(v);
    return eq;
}

int jv_equal(const cJSON *a, const cJSON *b)
{
    int ta = JT(a), tb = JT(b);
    if (ta != tb) return 0;
    switch (ta) {
    case cJSON_NULL: case cJSON_True: case cJSON_False: return 1;
    case cJSON_Number: return jv_num_cmp(a, b) == 0;
    case cJSON_String: {
        size_t la = str_len(a), lb = str_len(b);
        return la == lb && memcmp(a->valuestring, b->valuestring, la) == 0;
    }
    case cJSON_Array: {
        const cJSON *x = a->child, *y = b->child;
        for (; x && y; x = x->next, y = y->next)
            if (!jv_equal(x, y)) return 0;
        return !x && !y;
    }
    case cJSON_Object: {
        size_t na = 0, nb = 0;
        for (const cJSON *x = a->child; x; x = x->next) na++;
        for (const cJSON *y = b->child; y; y = y->next) nb++;
        if (na != nb) return 0;
        return objects_equal(a, b, na);
    }
    default: return 0;
    }
}

/* The hash of a scalar (not an array or object): FNV-1a, or SipHash
 * under k when k is given. */
static uint64_t scalar_hash(const cJSON *v, const sip_key *k)
{
    switch (JT(v)) {
    case cJSON_NULL: return 0x9e37;
    case cJSON_True: return 0x1234;
    case cJSON_False: return 0x4321;
    case cJSON_Number: {
        double d = v->valuedouble;
        if (d == 0) d = 0; /* -0 == 0 */
        return (k ? siphash13(k, &d, sizeof d) : map_hash_bytes(&d, sizeof d)) ^ 0x55;
    }
    case cJSON_String:
        return (k ? siphash13(k, v->valuestring, str_len(v)) : map_hash_bytes(v->valuestring, str_len(v))) ^ 0x77;
    default: return 0;
    }
}

uint64_t jv_hash(const cJSON *v)
{
    switch (JT(v)) {
    case cJSON_Array: {
        uint64_t h = 0xabc;
        for (const cJSON *x = v->child; x; x = x->next) h = h * 31 + jv_hash(x);
        return h;
    }
    case cJSON_Object: {
        uint64_t h = 0xdef; /* order-independent: sum of member hashes */
        for (const cJSON *x = v->child; x; x = x->next)
            h += map_hash_bytes(x->string, json_key_len(x)) * 7 + jv_hash(x);
        return h;
    }
    default: return scalar_hash(v, NULL);
    }
}

uint64_t jv_hash_keyed(const cJSON *v, const sip_key *k)
{
    switch (JT(v)) {
    case cJSON_Array: {
        sip_words w;
        sip_words_init(&w, k);
        for (const cJSON *x = v->child; x; x = x->next) sip_words_add(&w, jv_hash_keyed(x, k));
        return sip_words_end(&w) ^ 0xabc;
    }
    case cJSON_Object: {
        /* order-independent: a sum, but of a keyed hash of each (name,
         * value) pair, so that values moved between names change it */
        uint64_t h = 0xdef;
        for (const cJSON *x = v->child; x; x = x->next) {
            sip_words w;
            sip_words_init(&w, k);
            sip_words_add(&w, siphash13(k, x->string, json_key_len(x)));
            sip_words_add(&w, jv_hash_keyed(x, k));
            h += sip_words_end(&w);
        }
        return h;
    }
    default: return scalar_hash(v, k);
    }
}

/* ---- writing values out ------------------------------------------------ */

static void write_string(strbuf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t from = 0;
    sb_append(b, "\"", 1);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
                        : c == '\t' ? "\\t" : NULL;
        /* C0 80 is U+0000 in a tree json_copy made (never valid UTF-8
         * otherwise): written as the parsed string's \u0000 would be */
        int copied_nul = c == 0xC0 && i + 1 < len && (unsigned char)s[i + 1] == 0x80;
        if (!esc && c >= 0x20 && !copied_nul) continue;
        sb_append(b, s + from, i - from);
        if (copied_nul) {
            sb_puts(b, "\\u0000");
            i++;
        } else if (esc) {
            sb_puts(b, esc);
        } else {
            char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
            sb_append(b, u, 6);
        }
        from = i + 1;
    }
    sb_append(b, s + from, len - from);
    sb_append(b, "\"", 1);
}

void jv_write(strbuf *b, const cJSON *v, size_t stop)
{
    char nb[40];
    switch (JT(v)) {
    case cJSON_Number: sb_puts(b, jv_number_text(v, nb, sizeof nb)); return;
    case cJSON_String: write_string(b, v->valuestring ? v->valuestring : "", json_string_len(v)); return;
    case cJSON_True: sb_puts(b, "true"); return;
    case cJSON_False: sb_puts(b, "false"); return;
    case cJSON_NULL: sb_puts(b, "null"); return;
    case cJSON_Raw: sb_puts(b, v->valuestring ? v->valuestring : ""); return;
    case cJSON_Array: case cJSON_Object: break;
    default: return;
    }
    int obj = JT(v) == cJSON_Object;
    sb_append(b, obj ? "{" : "[", 1);
    for (const cJSON *e = v->child; e && b->len <= stop && !b->oom; e = e->next) {
        if (e != v->child) sb_append(b, ",", 1);
        if (obj) {
            uint32_t klen = 0;
            if (e->string) json_member_key(e, &klen);
            write_string(b, e->string ? e->string : "", klen);
            sb_append(b, ":", 1);
        }
        jv_write(b, e, stop);
    }
    sb_append(b, obj ? "}" : "]", 1);
}

const char *jv_excerpt(const cJSON *v, char *buf, size_t size)
{
    strbuf b = {0};
    jv_write(&b, v, size);
    size_t n = b.oom ? 0 : b.len;
    if (n < size) {
        memcpy(buf, b.data ? b.data : "", n);
        buf[n] = '\0';
    } else {
        n = utf8_cut(b.data, n, size - 4);
        memcpy(buf, b.data, n);
        memcpy(buf + n, "...", 4);
    }
    sb_free(&b);
    return buf;
}
