/* json_parse.c - strict RFC 8259 parser building cJSON trees in an arena,
 * or tapes (json_tape.h).
 *
 * One pass over the input, driven by an explicit stack of open containers
 * (so depth is limited by max_depth, never by the C stack).  Every node is a
 * json_node taken from the document's arena and linked exactly as cJSON
 * links its own trees, so the cJSON read API works on the result.  The same
 * pass, compiled a second time, appends tape entries instead (see
 * parse_document and its steps): one grammar, the same errors.
 *
 * Positions: a node keeps only its byte offset (and a member its key's);
 * the parser counts no line or column while it reads, and whoever reports
 * a node's position counts it from the offset (json_text_position).  Error
 * positions, a duplicate key's first occurrence among them, are counted
 * from the start of the input, which is simple and happens once per
 * parse. */
#include "json_parse.h"
#include "json_tape.h"
#include "json_tree_build.h"
#include "siphash.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned char uchar;

/* Byte classes inside a string: plain bytes are copied as they are. */
enum { SC_PLAIN = 0, SC_QUOTE, SC_ESC, SC_CTRL, SC_HIGH };

#define R4(x) x, x, x, x
#define R16(x) R4(x), R4(x), R4(x), R4(x)
static const uchar str_class[256] = {
    R16(SC_CTRL), R16(SC_CTRL),                                  /* 0x00-0x1F */
    SC_PLAIN, SC_PLAIN, SC_QUOTE, SC_PLAIN, R4(SC_PLAIN), R4(SC_PLAIN), R4(SC_PLAIN), /* 0x20 */
    R16(SC_PLAIN), R16(SC_PLAIN),                                /* 0x30-0x4F */
    R4(SC_PLAIN), R4(SC_PLAIN), R4(SC_PLAIN), SC_ESC, SC_PLAIN, SC_PLAIN, SC_PLAIN, /* 0x50 */
    R16(SC_PLAIN), R16(SC_PLAIN),                                /* 0x60-0x7F */
    R16(SC_HIGH), R16(SC_HIGH), R16(SC_HIGH), R16(SC_HIGH),      /* 0x80-0xFF */
    R16(SC_HIGH), R16(SC_HIGH), R16(SC_HIGH), R16(SC_HIGH),
};
#undef R16
#undef R4

#define ONES  0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* Nonzero when any of the 8 bytes in v is < 0x20, '"', '\\' or >= 0x80. */
static inline uint64_t swar_special(uint64_t v)
{
    uint64_t ctrl = (v - ONES * 0x20) & ~v;
    uint64_t q = v ^ (ONES * '"');
    uint64_t b = v ^ (ONES * '\\');
    uint64_t quote = (q - ONES) & ~q;
    uint64_t bs = (b - ONES) & ~b;
    return (ctrl | quote | bs | v) & HIGHS;
}

/* Length (2..4) of the valid UTF-8 sequence starting with the non-ASCII
 * byte at p, or 0 with *why describing the fault (RFC 3629 table 4). */
static int utf8_len(const uchar *p, const uchar *end, const char **why)
{
    unsigned c = p[0], lo = 0x80, hi = 0xBF;
    size_t avail = (size_t)(end - p);
    int n;
    if (c < 0x80) return 1;
    if (c < 0xC0) { *why = "unexpected continuation byte"; return 0; }
    if (c < 0xC2) { *why = "overlong encoding"; return 0; }
    if (c < 0xE0) n = 2;
    else if (c < 0xF0) {
        n = 3;
        if (c == 0xE0) lo = 0xA0;
        else if (c == 0xED) hi = 0x9F;
    } else if (c < 0xF5) {
        n = 4;
        if (c == 0xF0) lo = 0x90;
        else if (c == 0xF4) hi = 0x8F;
    } else {
        *why = c < 0xF8 ? "code point above U+10FFFF" : "never valid in UTF-8";
        return 0;
    }
    if (avail < 2 || (p[1] & 0xC0) != 0x80) { *why = "truncated sequence"; return 0; }
    if (p[1] < lo || p[1] > hi) {
        *why = c == 0xED ? "encoded surrogate" : c == 0xF4 ? "code point above U+10FFFF"
                                                            : "overlong encoding";
        return 0;
    }
    for (int i = 2; i < n; i++)
        if (avail <= (size_t)i || (p[i] & 0xC0) != 0x80) { *why = "truncated sequence"; return 0; }
    return n;
}

static unsigned long utf8_decode(const uchar *p, int n)
{
    if (n == 2) return ((p[0] & 0x1Ful) << 6) | (p[1] & 0x3F);
    if (n == 3) return ((p[0] & 0x0Ful) << 12) | ((p[1] & 0x3Ful) << 6) | (p[2] & 0x3F);
    return ((p[0] & 0x07ul) << 18) | ((p[1] & 0x3Ful) << 12) | ((p[2] & 0x3Ful) << 6) | (p[3] & 0x3F);
}

static int hexval(uchar c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Value of the four hex digits at p, or -1. */
static long hex4(const uchar *p, const uchar *end)
{
    if (end - p < 4) return -1;
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(p[i]);
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    return v;
}

/* ---- parser state, positions and errors ---- */

typedef struct parser {
    const uchar *buf, *end;
    const uchar *origin;     /* line 1, column 1 (after a skipped BOM) */
    arena *mem;              /* tree mode: nodes and strings */
    json_tape *tape;         /* tape mode: the entries and decoded strings */
    json_error *err;
    unsigned flags, max_depth;
    sip_key key;             /* the duplicate tables' key, once have_key */
    int have_key;
    json_parse_stats work;   /* the duplicate check's work so far */
} parser;

/* Line and column of any position, counted from the start (error path). */
static void locate_slow(const parser *P, const uchar *at, unsigned *line, unsigned *col)
{
    unsigned l = 1, c = 1;
    for (const uchar *q = P->origin; q < at; q++) {
        if (*q == '\n' || (*q == '\r' && !(q + 1 < P->end && q[1] == '\n'))) { l++; c = 1; }
        else if (*q != '\r') c += (*q & 0xC0) != 0x80;
    }
    *line = l;
    *col = c;
}

__attribute__((format(printf, 4, 5)))
static void fail(parser *P, int code, const uchar *at, const char *fmt, ...)
{
    json_error *e = P->err;
    if (e->code != JSON_OK) return; /* keep the first error */
    e->code = code;
    e->offset = (size_t)(at - P->buf);
    if (at < P->origin) { e->line = 1; e->col = 1; }
    else locate_slow(P, at, &e->line, &e->col);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
}

static void fail_utf8(parser *P, const uchar *at, const char *why)
{
    fail(P, JSON_ERR_UTF8, at, "invalid UTF-8 byte 0x%02X (%s)", *at, why);
}

/* Human form of the character at p: 'x', U+0001, 'é' (U+00E9).  Returns 0
 * (after reporting the UTF-8 error) when p starts invalid UTF-8. */
static int describe(parser *P, const uchar *p, char *buf, size_t size)
{
    uchar c = *p;
    if (c < 0x20 || c == 0x7F) snprintf(buf, size, "U+%04X", c);
    else if (c == '\'') snprintf(buf, size, "\"'\"");
    else if (c < 0x80) snprintf(buf, size, "'%c'", c);
    else {
        const char *why;
        int n = utf8_len(p, P->end, &why);
        if (!n) { fail_utf8(P, p, why); return 0; }
        snprintf(buf, size, "'%.*s' (U+%04lX)", n, (const char *)p, utf8_decode(p, n));
    }
    return 1;
}

/* "unexpected character X, expected WHAT" (or end of input). */
static void fail_unexpected(parser *P, const uchar *p, const char *what, const char *hint)
{
    char d[32];
    if (p >= P->end) {
        fail(P, JSON_ERR_SYNTAX, p, "unexpected end of input, expected %s%s", what, hint);
        return;
    }
    if (!describe(P, p, d, sizeof d)) return;
    if (*p == '\'' && !*hint) hint = " (JSON strings use double quotes)";
    fail(P, JSON_ERR_SYNTAX, p, "unexpected character %s, expected %s%s", d, what, hint);
}

static void fail_nomem(parser *P, const uchar *at)
{
    fail(P, JSON_ERR_NOMEM, at, "out of memory");
}

static inline const uchar *skip_ws(parser *P, const uchar *p)
{
    const uchar *end = P->end;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
    return p;
}

/* ---- strings ---- */

static unsigned char *put_utf8(unsigned char *o, unsigned long cp)
{
    if (cp < 0x80) *o++ = (uchar)cp;
    else if (cp < 0x800) {
        *o++ = (uchar)(0xC0 | (cp >> 6));
        *o++ = (uchar)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *o++ = (uchar)(0xE0 | (cp >> 12));
        *o++ = (uchar)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (uchar)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (uchar)(0xF0 | (cp >> 18));
        *o++ = (uchar)(0x80 | ((cp >> 12) & 0x3F));
        *o++ = (uchar)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (uchar)(0x80 | (cp & 0x3F));
    }
    return o;
}

/* Decode the already validated string body s[0..e) into o. */
static void decode_escapes(const uchar *s, const uchar *e, uchar *o)
{
    while (s < e) {
        const uchar *bs = memchr(s, '\\', (size_t)(e - s));
        if (!bs) { memcpy(o, s, (size_t)(e - s)); return; }
        memcpy(o, s, (size_t)(bs - s));
        o += bs - s;
        s = bs + 2;
        switch (bs[1]) {
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u': {
            unsigned long cp = (unsigned long)hex4(s, e);
            s += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned long lo = (unsigned long)hex4(s + 2, e);
                s += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            o = put_utf8(o, cp);
            break;
        }
        default: *o++ = bs[1]; break; /* '"', '\\', '/' */
        }
    }
}

static const char *control_escape(uchar c)
{
    switch (c) {
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: return NULL;
    }
}

/* A string checked by scan_string: its body s[0..raw) in the input, n
 * bytes once decoded, has_esc when decoding changes it. */
typedef struct str_span {
    const uchar *s;
    size_t raw, n;
    int has_esc;
} str_span;

/* Check the string whose opening quote is at p and fill *sp.  Returns the
 * position after the closing quote; NULL after reporting an error. */
static inline __attribute__((always_inline)) const uchar *scan_string(parser *P, const uchar *p, str_span *sp)
{
    const uchar *end = P->end, *s = p + 1, *q = s;
    size_t removed = 0; /* bytes saved by decoding escapes */
    int has_esc = 0;
    for (;;) {
        while (end - q >= 8) {
            uint64_t v;
            memcpy(&v, q, 8);
            if (swar_special(v)) break;
            q += 8;
        }
        while (q < end && str_class[*q] == SC_PLAIN) q++;
        if (q >= end) {
            unsigned l, c;
            locate_slow(P, p, &l, &c);
            fail(P, JSON_ERR_SYNTAX, end, "unexpected end of input in string (opened at line %u, column %u)",
                 l, c);
            return NULL;
        }
        switch (str_class[*q]) {
        case SC_QUOTE:
            goto closed;
        case SC_CTRL: {
            const char *e = control_escape(*q);
            char u[8];
            snprintf(u, sizeof u, "\\u%04X", *q);
            fail(P, JSON_ERR_CONTROL_CHAR, q, "raw control character U+%04X in string (escape it as %s)",
                 *q, e ? e : u);
            return NULL;
        }
        case SC_HIGH: {
            const char *why;
            int n = utf8_len(q, end, &why);
            if (!n) { fail_utf8(P, q, why); return NULL; }
            q += n;
            break;
        }
        default: /* SC_ESC */
            has_esc = 1;
            if (end - q < 2) {
                fail(P, JSON_ERR_SYNTAX, end, "unexpected end of input in string escape");
                return NULL;
            }
            switch (q[1]) {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
                q += 2;
                removed += 1;
                break;
            case 'u': {
                long u = hex4(q + 2, end);
                if (u < 0) {
                    fail(P, JSON_ERR_ESCAPE, q, "invalid \\u escape in string (expected four hex digits)");
                    return NULL;
                }
                if (u >= 0xD800 && u <= 0xDBFF) {
                    long lo = (end - q >= 12 && q[6] == '\\' && q[7] == 'u') ? hex4(q + 8, end) : -1;
                    if (lo < 0xDC00 || lo > 0xDFFF) {
                        fail(P, JSON_ERR_ESCAPE, q,
                             "unpaired surrogate \\u%04lX in string (a high surrogate must be followed by a "
                             "\\uDC00-\\uDFFF escape)", u);
                        return NULL;
                    }
                    q += 12;
                    removed += 8;
                } else if (u >= 0xDC00 && u <= 0xDFFF) {
                    fail(P, JSON_ERR_ESCAPE, q,
                         "lone surrogate \\u%04lX in string (a low surrogate must follow a high one)", u);
                    return NULL;
                } else {
                    q += 6;
                    removed += 6 - (u < 0x80 ? 1 : u < 0x800 ? 2 : 3);
                }
                break;
            }
            default: {
                char d[32];
                if (!describe(P, q + 1, d, sizeof d)) return NULL;
                fail(P, JSON_ERR_ESCAPE, q, "invalid escape sequence in string: backslash followed by %s", d);
                return NULL;
            }
            }
        }
    }
closed:
    sp->s = s;
    sp->raw = (size_t)(q - s);
    sp->n = sp->raw - removed;
    sp->has_esc = has_esc;
    return q + 1;
}

/* Tree mode: parse the string at p into a NUL-terminated arena copy *out
 * of *outlen bytes.  Returns the position after it, NULL on error. */
static const uchar *parse_string(parser *P, const uchar *p, char **out, size_t *outlen)
{
    str_span sp;
    const uchar *after = scan_string(P, p, &sp);
    if (!after) return NULL;
    uchar *o = arena_alloc(P->mem, sp.n + 1);
    if (!o) { fail_nomem(P, p); return NULL; }
    if (sp.has_esc) decode_escapes(sp.s, sp.s + sp.raw, o);
    else memcpy(o, sp.s, sp.raw);
    o[sp.n] = '\0';
    *out = (char *)o;
    *outlen = sp.n;
    return after;
}

/* Tape mode: parse the string at p; *off and *decoded say where its bytes
 * are (the input, or the tape's side buffer when it has escapes), *outlen
 * how many.  Returns the position after it, NULL on error. */
static const uchar *tape_string(parser *P, const uchar *p, uint32_t *off, int *decoded, size_t *outlen)
{
    str_span sp;
    const uchar *after = scan_string(P, p, &sp);
    if (!after) return NULL;
    *outlen = sp.n;
    if (!sp.has_esc) {
        *off = (uint32_t)(sp.s - (const uchar *)P->tape->input);
        *decoded = 0;
        return after;
    }
    json_tape *t = P->tape;
    if (t->capdecoded - t->ndecoded < sp.n) {
        size_t cap = t->capdecoded ? t->capdecoded : 256;
        while (cap - t->ndecoded < sp.n) cap *= 2;
        char *b = realloc(t->decoded, cap);
        if (!b) { fail_nomem(P, p); return NULL; }
        t->decoded = b;
        t->capdecoded = cap;
    }
    decode_escapes(sp.s, sp.s + sp.raw, (uchar *)t->decoded + t->ndecoded);
    *off = (uint32_t)t->ndecoded;
    *decoded = 1;
    t->ndecoded += sp.n;
    return after;
}

/* ---- numbers ---- */

static const double pow10_exact[23] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

static inline int is_digit(uchar c) { return c >= '0' && c <= '9'; }

/* Scan the number starting at p (a '-' or digit): its value *d and
 * whether it is written as digits alone.  Returns the position after it,
 * NULL after reporting an error. */
static inline __attribute__((always_inline)) const uchar *scan_number(parser *P, const uchar *p, double *out,
                                                                     int *is_integer_text)
{
    const uchar *end = P->end, *s = p;
    uint64_t m = 0;     /* significant digits, while they fit */
    int nd = 0, exact = 1;
    long frac = 0, ex = 0;
    int neg = 0, integer_text = 1;
    if (*p == '-') { neg = 1; p++; }
    if (p >= end || !is_digit(*p)) {
        if (p < end && end - p >= 8 && memcmp(p, "Infinity", 8) == 0) {
            fail(P, JSON_ERR_NUMBER, s, "NaN and Infinity are not valid JSON numbers");
            return NULL;
        }
        if (p >= end) fail(P, JSON_ERR_NUMBER, p, "unexpected end of input, expected a digit after '-'");
        else {
            char d[32];
            if (describe(P, p, d, sizeof d))
                fail(P, JSON_ERR_NUMBER, p, "expected a digit after '-', found %s", d);
        }
        return NULL;
    }
#define DIGIT(c) do { unsigned d_ = (unsigned)((c) - '0'); \
        if (m == 0 && d_ == 0) break; \
        if (nd < 19) { m = m * 10 + d_; nd++; } else exact = 0; } while (0)
    if (*p == '0') {
        p++;
        if (p < end && is_digit(*p)) {
            fail(P, JSON_ERR_NUMBER, p - 1, "leading zeros are not allowed in numbers");
            return NULL;
        }
        if (p < end && (*p == 'x' || *p == 'X')) {
            fail(P, JSON_ERR_NUMBER, p, "hexadecimal numbers are not allowed in JSON");
            return NULL;
        }
    } else {
        while (p < end && is_digit(*p)) { DIGIT(*p); p++; }
    }
    if (p < end && *p == '.') {
        p++;
        integer_text = 0;
        if (p >= end || !is_digit(*p)) {
            if (p >= end) fail(P, JSON_ERR_NUMBER, p, "unexpected end of input, expected a digit after the decimal point");
            else fail(P, JSON_ERR_NUMBER, p, "expected a digit after the decimal point");
            return NULL;
        }
        while (p < end && is_digit(*p)) { DIGIT(*p); frac++; p++; }
    }
#undef DIGIT
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        integer_text = 0;
        int eneg = 0;
        if (p < end && (*p == '+' || *p == '-')) { eneg = *p == '-'; p++; }
        if (p >= end || !is_digit(*p)) {
            if (p >= end) fail(P, JSON_ERR_NUMBER, p, "unexpected end of input, expected a digit in the exponent");
            else fail(P, JSON_ERR_NUMBER, p, "expected a digit in the exponent");
            return NULL;
        }
        while (p < end && is_digit(*p)) {
            if (ex < 1000000) ex = ex * 10 + (*p - '0');
            p++;
        }
        if (eneg) ex = -ex;
    }
    size_t len = (size_t)(p - s);
    double d;
    long e10 = ex - frac;
    /* Exact mantissa and a power of ten that is itself exact: one
     * correctly rounded operation gives the correctly rounded result. */
    if (exact && m <= (1ULL << 53) && e10 >= -22 && e10 <= 22) {
        d = (double)m;
        if (e10 < 0) d /= pow10_exact[-e10];
        else d *= pow10_exact[e10];
        if (neg) d = -d;
    } else {
        /* strtod wants a terminated copy */
        char small[128], *text = len < sizeof small ? small : malloc(len + 1);
        if (!text) { fail_nomem(P, s); return NULL; }
        memcpy(text, s, len);
        text[len] = '\0';
        d = strtod(text, NULL);
        if (isinf(d))
            fail(P, JSON_ERR_RANGE, s, "number out of range: %.60s%s", text, len > 60 ? "..." : "");
        if (text != small) free(text);
        if (isinf(d)) return NULL;
    }
    *out = d;
    *is_integer_text = integer_text;
    return p;
}

/* Tree mode: parse the number starting at p into n. */
static const uchar *parse_number(parser *P, const uchar *p, json_node *n)
{
    double d;
    int integer_text;
    const uchar *after = scan_number(P, p, &d, &integer_text);
    if (!after) return NULL;
    size_t len = (size_t)(after - p);
    char *text = arena_strndup(P->mem, (const char *)p, len);
    if (!text) { fail_nomem(P, p); return NULL; }
    n->item.type = cJSON_Number | JSON_NODE_PARSED | (integer_text ? JSON_NODE_INTEGER_TEXT : 0);
    n->item.valuedouble = d;
    n->item.valueint = tree_number_int(d);
    n->text = text;
    n->len = len;
    return after;
}

/* ---- duplicate keys ---- */

/* Objects with more members than this get a hash table of their keys. */
#define KEYSET_MIN 8

/* The table hashes keys with FNV-1a, unkeyed: fast for the short keys of
 * API payloads, but anyone can compute it, so a document can be written
 * whose keys all want the same slot, and each new key then walks all the
 * keys before it (50 000 such members took 2.39 s to parse where random
 * ones took 0.0069 s).  The table counts the slots its lookups look at;
 * when they pass KEYSET_PROBES_PER_KEY per member (plus a little for small
 * tables) it is rebuilt with SipHash-1-3 under a key drawn for this parse,
 * which a document cannot aim at.  Random keys in a table at most half
 * full average under 2.5 probes, so ordinary documents never pay for the
 * switch (no getrandom call, no SipHash), and a crafted one pays at most
 * about 4 probes per member before it, plus one rebuild.  Growing the
 * table moves the slots with their stored hashes instead of hashing every
 * key again: with the probe count, checking the 1 MB campaign response
 * takes 2.7% (tape) and 2.1% (tree) fewer instructions than before, 1 KB
 * ones 1.4% and 1.1% (callgrind, bench/scale_inproc). */
#define KEYSET_PROBES_PER_KEY 4
#define KEYSET_PROBES_SLACK 64

/* A member as the duplicate check holds it: its node (tree mode) or 1 +
 * its tape index (tape mode: entries move as the tape grows). */
typedef union mref { json_node *n; size_t i; } mref;

typedef struct kslot { uint64_t h; mref m; } kslot; /* m zero: empty */

typedef struct frame {
    json_node *node;  /* tree mode: the container */
    size_t ti;        /* tape mode: the container's index */
    size_t last;      /* tape mode: the last child's index (when count) */
    size_t count;     /* members or elements so far */
    kslot *slots;     /* key hash table (objects, duplicate check), or NULL */
    size_t kcap;
    size_t probes;    /* slots its lookups have looked at */
    int keyed;        /* 1 once slots hash with SipHash under P->key */
} frame;

static uint64_t hash_key(const char *k, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ (uchar)k[i]) * 0x100000001b3ULL;
    return h;
}

/* Key k's hash in f's table: FNV-1a, or SipHash once f is keyed. */
static inline uint64_t frame_hash(const parser *P, const frame *f, const char *k, size_t n)
{
    return f->keyed ? siphash13(&P->key, k, n) : hash_key(k, n);
}

/* Member m's key bytes and length. */
static inline const char *mref_key(const parser *P, const int tape, mref m, size_t *len)
{
    if (!tape) {
        *len = m.n->key_len;
        return m.n->item.string;
    }
    const jt_value *v = &P->tape->v[m.i - 1];
    *len = v->key_len;
    return jt_key(P->tape, v);
}

static inline int same_key(const parser *P, const int tape, mref m, const char *k, size_t n)
{
    size_t len;
    const char *mk = mref_key(P, tape, m, &len);
    return len == n && memcmp(mk, k, n) == 0;
}

/* Where member m's key starts (for the duplicate message). */
static void mref_where(const parser *P, mref m, unsigned *line, unsigned *col)
{
    if (!P->tape) {
        locate_slow(P, P->buf + m.n->key_offset, line, col);
        return;
    }
    /* The tape keeps no key positions.  The member parsed, so its value is
     * preceded by the key's closing quote, a colon and whitespace only: go
     * back to the closing quote, then to the quote that opens the key (the
     * first one before it that no odd run of backslashes escapes). */
    const uchar *origin = (const uchar *)P->tape->input;
    const uchar *q = origin + P->tape->v[m.i - 1].pos - 1;
    while (*q != ':') q--;
    while (*q != '"') q--;
    for (q--;; q--) {
        if (*q != '"') continue;
        size_t bs = 0;
        while (q - bs > origin && q[-1 - (ptrdiff_t)bs] == '\\') bs++;
        if (bs % 2 == 0) break;
    }
    locate_slow(P, q, line, col);
}

static inline int mref_empty(mref m, const int tape) { return tape ? m.i == 0 : m.n == NULL; }

/* The member of f named k[0..n) (hash h), or an empty ref; the slots
 * looked at are counted in f->probes and P->work. */
static inline mref keyset_find(parser *P, const int tape, frame *f, uint64_t h, const char *k, size_t n)
{
    size_t mask = f->kcap - 1, i = h & mask, probes = 1;
    mref found = { 0 };
    for (; !mref_empty(f->slots[i].m, tape); i = (i + 1) & mask, probes++)
        if (f->slots[i].h == h && same_key(P, tape, f->slots[i].m, k, n)) { found = f->slots[i].m; break; }
    f->probes += probes;
    P->work.key_probes += probes;
    return found;
}

static inline void keyset_put(const int tape, kslot *slots, size_t cap, uint64_t h, mref m)
{
    size_t mask = cap - 1, i = h & mask;
    while (!mref_empty(slots[i].m, tape)) i = (i + 1) & mask;
    slots[i].h = h;
    slots[i].m = m;
}

/* The member after m in f, or an empty ref. */
static inline mref mref_next(const parser *P, const int tape, mref m)
{
    if (!tape) return (mref){ .n = (json_node *)m.n->item.next };
    const jt_value *v = &P->tape->v[m.i - 1];
    return v->next ? (mref){ .i = m.i + v->next } : (mref){ .i = 0 };
}

/* f's first member (f has at least one). */
static inline mref mref_first(const int tape, const frame *f)
{
    if (!tape) return (mref){ .n = (json_node *)f->node->item.child };
    return (mref){ .i = f->ti + 2 };
}

/* A table of cap slots holding every member of f, hashed as frame_hash
 * hashes them now (the member m, if any, with its hash h already
 * computed).  NULL out of memory. */
static kslot *keyset_fill(const parser *P, const int tape, const frame *f, size_t cap, uint64_t h, mref m)
{
    kslot *s = calloc(cap, sizeof *s);
    if (!s) return NULL;
    for (mref c = mref_first(tape, f); !mref_empty(c, tape); c = mref_next(P, tape, c)) {
        size_t len;
        const char *k = mref_key(P, tape, c, &len);
        int same = tape ? c.i == m.i : c.n == m.n;
        keyset_put(tape, s, cap, same ? h : frame_hash(P, f, k, len), c);
    }
    return s;
}

/* Add m (already linked, counted) to f's table, creating or growing it.
 * Growing moves the slots with the hashes they keep. */
static inline int keyset_add(const parser *P, const int tape, frame *f, uint64_t h, mref m)
{
    if (f->slots && f->count * 2 <= f->kcap) {
        keyset_put(tape, f->slots, f->kcap, h, m);
        return 0;
    }
    size_t cap = f->kcap ? f->kcap * 2 : 32;
    while (cap < f->count * 2) cap *= 2;
    kslot *s;
    if (!f->slots) {
        if (!(s = keyset_fill(P, tape, f, cap, h, m))) return -1;
    } else {
        if (!(s = calloc(cap, sizeof *s))) return -1;
        for (size_t i = 0; i < f->kcap; i++)
            if (!mref_empty(f->slots[i].m, tape)) keyset_put(tape, s, cap, f->slots[i].h, f->slots[i].m);
        keyset_put(tape, s, cap, h, m);
    }
    free(f->slots);
    f->slots = s;
    f->kcap = cap;
    return 0;
}

/* Rebuild f's table with SipHash under this parse's key (drawn now if
 * it is the first table to need it).  -1 out of memory. */
static int keyset_rekey(parser *P, const int tape, frame *f)
{
    if (!P->have_key) {
        sip_key_random(&P->key);
        P->have_key = 1;
    }
    f->keyed = 1;
    kslot *s = keyset_fill(P, tape, f, f->kcap, 0, (mref){ 0 });
    if (!s) return -1;
    free(f->slots);
    f->slots = s;
    P->work.keyed_tables++;
    return 0;
}

/* Display form of a key for messages: quotes, backslashes and control
 * characters escaped, long keys shortened on a character boundary. */
static void show_key(char *buf, size_t size, const char *k, size_t n)
{
    size_t o = 0, i = 0;
    for (; i < n && o + 8 < size && o < 80; i++) {
        uchar c = (uchar)k[i];
        if (c == '"' || c == '\\') { buf[o++] = '\\'; buf[o++] = (char)c; }
        else if (c < 0x20 || c == 0x7F) o += (size_t)snprintf(buf + o, size - o, "\\u%04X", c);
        else buf[o++] = (char)c;
    }
    if (i < n) {
        while (o > 0 && ((uchar)buf[o - 1] & 0xC0) == 0x80) o--; /* drop a partial character */
        if (o > 0 && (uchar)buf[o - 1] >= 0xC0) o--;
        memcpy(buf + o, "...", 4);
    } else
        buf[o] = '\0';
}

/* ---- the parser proper ---- */

/* A new zeroed tape entry for the value at p: its index, or SIZE_MAX out
 * of memory.  The tape grows by doubling (large blocks are remapped by the
 * C library, not copied). */
static inline size_t tape_push(parser *P, const uchar *p)
{
    json_tape *t = P->tape;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        if (cap > SIZE_MAX / sizeof *t->v || cap > UINT32_MAX) return SIZE_MAX;
        jt_value *v = realloc(t->v, cap * sizeof *v);
        if (!v) return SIZE_MAX;
        t->v = v;
        t->cap = cap;
    }
    jt_value *e = &t->v[t->n];
    memset(e, 0, sizeof *e);
    e->pos = (uint32_t)(p - (const uchar *)t->input);
    return t->n++;
}

/* Tape mode: entry i joins the container of f as its last child. */
static inline void tape_link(parser *P, frame *f, size_t i)
{
    jt_value *v = P->tape->v;
    if (f->count) v[f->last].next = (uint32_t)(i - f->last);
    else v[f->ti].flags |= JT_NONEMPTY;
    f->last = i;
}

static const uchar *parse_literal(parser *P, const uchar *p, int *type_out)
{
    const char *lit;
    int type;
    if (*p == 't') { lit = "true"; type = cJSON_True; }
    else if (*p == 'f') { lit = "false"; type = cJSON_False; }
    else { lit = "null"; type = cJSON_NULL; }
    size_t len = strlen(lit);
    for (size_t i = 1; i < len; i++) {
        if (p + i >= P->end) {
            fail(P, JSON_ERR_SYNTAX, p + i, "unexpected end of input in literal (expected %s)", lit);
            return NULL;
        }
        if (p[i] != (uchar)lit[i]) {
            char d[32];
            if (describe(P, p + i, d, sizeof d))
                fail(P, JSON_ERR_SYNTAX, p + i, "unexpected character %s in literal (expected %s)", d, lit);
            return NULL;
        }
    }
    *type_out = type;
    return p + len;
}

/* A character that cannot start a value: say why as precisely as we can. */
static void fail_value(parser *P, const uchar *p, const char *what, const char *hint)
{
    const uchar *end = P->end;
    if (p < end && *p == '+') {
        fail(P, JSON_ERR_NUMBER, p, "numbers may not start with '+'");
    } else if (p < end && *p == '.' && p + 1 < end && is_digit(p[1])) {
        fail(P, JSON_ERR_NUMBER, p, "numbers must have a digit before the decimal point");
    } else if ((end - p >= 3 && memcmp(p, "NaN", 3) == 0) || (end - p >= 8 && memcmp(p, "Infinity", 8) == 0)) {
        fail(P, JSON_ERR_NUMBER, p, "NaN and Infinity are not valid JSON numbers");
    } else {
        fail_unexpected(P, p, what, hint);
    }
}

static void free_frames(frame *st, size_t depth, frame *local)
{
    for (size_t i = 0; i < depth; i++) free(st[i].slots);
    if (st != local) free(st);
}

#define LOCAL_FRAMES 32

/* ---- the parser, in steps ------------------------------------------------
 *
 * parse_document() is a driver over the states of one pass: a value
 * starts (S_VALUE), a value ended (S_AFTER), a container closes
 * (S_CLOSE), an array element starts (S_ELEMENT), an object member's key
 * is read (S_KEY).  Each state is one step function; each step answers
 * the next state, or S_DONE, S_ERROR (the error reported) or S_NOMEM (out
 * of memory, not yet reported).  The helpers under the steps answer 0 or
 * -1 (error reported) unless they say otherwise.
 *
 * tape is a constant in each of the two callers of parse_document, and
 * every step is inlined into it (always_inline), so each caller gets its
 * own copy with the other output's steps compiled away and the steps'
 * constant answers turned into jumps.  Measured against the former single
 * function with labels (callgrind, instructions per check of the bench
 * corpus's 1 KB, 100 KB and 1 MB responses and update requests, parse
 * plus contract check): tapes 0.99x, trees 0.997x to 1.009x (the parse
 * itself about 1.01x). */

enum pstep { S_VALUE, S_AFTER, S_CLOSE, S_ELEMENT, S_KEY, S_DONE, S_ERROR, S_NOMEM };

#define STEP static inline __attribute__((always_inline))

/* Where the pass is: the stack of open containers (in local[] until it
 * grows past it) and the current value. */
typedef struct pdoc {
    const uchar *p;
    frame *st, *local;
    size_t cap, depth;
    int dups;                 /* JSON_PARSE_REJECT_DUPLICATES */
    json_node *root, *n;      /* tree mode: the root, the current value's node */
    size_t ti;                /* tape mode: the current value's entry */
    const char *expected;     /* when a key is missing */
} pdoc;

/* The byte order mark, the whitespace before the value, and the root's
 * node or entry. */
STEP enum pstep parse_start(parser *P, const int tape, pdoc *d)
{
    const uchar *p = d->p, *end = P->end;
    if (end - p >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        if (!(P->flags & JSON_PARSE_ALLOW_BOM)) {
            fail(P, JSON_ERR_SYNTAX, p, "byte order mark (U+FEFF) at the start of the input is not allowed");
            return S_ERROR;
        }
        p += 3;
        P->origin = p;
    }
    d->p = p = skip_ws(P, p);
    if (p >= end) {
        fail(P, JSON_ERR_EMPTY, p, "empty input: no JSON value");
        return S_ERROR;
    }
    if (tape) {
        if ((d->ti = tape_push(P, p)) == SIZE_MAX) return S_NOMEM;
    } else {
        d->root = d->n = tree_node_new(P->mem);
        if (!d->n) return S_NOMEM;
        d->n->offset = (uint32_t)(p - P->buf);
    }
    return S_VALUE;
}

/* A new frame on top of the stack, the stack doubled when full. */
STEP frame *push_frame(pdoc *d)
{
    if (d->depth == d->cap) {
        frame *ns = malloc(d->cap * 2 * sizeof *ns);
        if (!ns) return NULL;
        memcpy(ns, d->st, d->depth * sizeof *d->st);
        if (d->st != d->local) free(d->st);
        d->st = ns;
        d->cap *= 2;
    }
    frame *f = &d->st[d->depth++];
    f->node = d->n;
    f->ti = d->ti;
    f->count = 0;
    f->slots = NULL;
    f->kcap = 0;
    f->probes = 0;
    f->keyed = 0;
    return f;
}

/* '{' or '[' at d->p: the container opens. */
STEP enum pstep open_container(parser *P, const int tape, pdoc *d)
{
    const uchar *p = d->p, *end = P->end;
    if (d->depth >= P->max_depth) {
        fail(P, JSON_ERR_DEPTH, p, "nesting deeper than %u levels", P->max_depth);
        return S_ERROR;
    }
    if (!push_frame(d)) return S_NOMEM;
    int object = *p == '{';
    int type = object ? cJSON_Object : cJSON_Array;
    if (tape) P->tape->v[d->ti].type = (uint8_t)type;
    else d->n->item.type = type | JSON_NODE_PARSED;
    d->p = p = skip_ws(P, p + 1);
    if (p < end && *p == (object ? '}' : ']')) { d->p = p + 1; return S_CLOSE; }
    if (object) {
        d->expected = "a string key or '}'";
        return S_KEY;
    }
    if (p >= end || *p == ',') {
        fail_unexpected(P, p, "a JSON value or ']'", "");
        return S_ERROR;
    }
    return S_ELEMENT;
}

STEP enum pstep string_value(parser *P, const int tape, pdoc *d)
{
    size_t slen;
    if (tape) {
        uint32_t off;
        int decoded;
        if (!(d->p = tape_string(P, d->p, &off, &decoded, &slen))) return S_ERROR;
        jt_value *v = &P->tape->v[d->ti];
        v->type = cJSON_String;
        if (decoded) v->flags |= JT_STR_DECODED;
        v->u.str.off = off;
        v->u.str.len = (uint32_t)slen;
    } else {
        char *s;
        if (!(d->p = parse_string(P, d->p, &s, &slen))) return S_ERROR;
        d->n->item.type = cJSON_String | JSON_NODE_PARSED;
        d->n->item.valuestring = s;
        d->n->len = slen;
    }
    return S_AFTER;
}

STEP enum pstep number_value(parser *P, const int tape, pdoc *d)
{
    if (!tape) return (d->p = parse_number(P, d->p, d->n)) ? S_AFTER : S_ERROR;
    double num;
    int integer_text;
    if (!(d->p = scan_number(P, d->p, &num, &integer_text))) return S_ERROR;
    jt_value *v = &P->tape->v[d->ti];
    v->type = cJSON_Number;
    if (integer_text) v->flags |= JT_INTEGER_TEXT;
    v->u.num = num;
    size_t tlen = (size_t)(d->p - ((const uchar *)P->tape->input + v->pos));
    v->text_len = tlen <= UINT16_MAX ? (uint16_t)tlen : 0;
    return S_AFTER;
}

/* true, false, null */
STEP enum pstep literal_value(parser *P, const int tape, pdoc *d)
{
    int type;
    if (!(d->p = parse_literal(P, d->p, &type))) return S_ERROR;
    if (tape) {
        P->tape->v[d->ti].type = (uint8_t)type;
    } else {
        d->n->item.type = type | JSON_NODE_PARSED;
        if (type == cJSON_True) d->n->item.valueint = 1;
    }
    return S_AFTER;
}

/* d->p is at the first character of a value; d->n / d->ti is its
 * (linked) node or entry. */
STEP enum pstep value_step(parser *P, const int tape, pdoc *d)
{
    switch (*d->p) {
    case '{': case '[':
        return open_container(P, tape, d);
    case '"':
        return string_value(P, tape, d);
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
        return number_value(P, tape, d);
    case 't': case 'f': case 'n':
        return literal_value(P, tape, d);
    default:
        fail_value(P, d->p, "a JSON value", "");
        return S_ERROR;
    }
}

/* After the root value: only whitespace may follow. */
STEP enum pstep end_document(parser *P, pdoc *d)
{
    const uchar *p = skip_ws(P, d->p);
    if (p < P->end) {
        fail(P, JSON_ERR_TRAILING, p, "unexpected data after the JSON value");
        return S_ERROR;
    }
    return S_DONE;
}

/* After an element, at p (whitespace skipped): ',' and the next element,
 * or ']'. */
STEP enum pstep array_next(parser *P, pdoc *d, const uchar *p)
{
    const uchar *end = P->end;
    if (p < end && *p == ',') {
        d->p = p = skip_ws(P, p + 1);
        if (p < end && *p == ']') {
            fail_unexpected(P, p, "a JSON value", " (trailing commas are not allowed)");
            return S_ERROR;
        }
        if (p >= end) { fail_unexpected(P, p, "a JSON value", ""); return S_ERROR; }
        return S_ELEMENT;
    }
    if (p < end && *p == ']') { d->p = p + 1; return S_CLOSE; }
    fail_unexpected(P, p, "',' or ']'", "");
    return S_ERROR;
}

/* After a member's value, at p (whitespace skipped): ',' and the next
 * key, or '}'. */
STEP enum pstep object_next(parser *P, pdoc *d, const uchar *p)
{
    const uchar *end = P->end;
    if (p < end && *p == ',') {
        d->p = p = skip_ws(P, p + 1);
        if (p < end && *p == '}') {
            fail_unexpected(P, p, "a string key", " (trailing commas are not allowed)");
            return S_ERROR;
        }
        d->expected = "a string key";
        return S_KEY;
    }
    if (p < end && *p == '}') { d->p = p + 1; return S_CLOSE; }
    fail_unexpected(P, p, "',' or '}'", "");
    return S_ERROR;
}

/* A value just ended at d->p. */
STEP enum pstep after_value(parser *P, const int tape, pdoc *d)
{
    if (d->depth == 0) return end_document(P, d);
    const frame *f = &d->st[d->depth - 1];
    const uchar *p = skip_ws(P, d->p);
    d->p = p;
    if (tape ? P->tape->v[f->ti].type == cJSON_Array : (f->node->item.type & cJSON_Array) != 0)
        return array_next(P, d, p);
    return object_next(P, d, p);
}

/* The container on top of the stack just ended. */
STEP enum pstep close_container(parser *P, const int tape, pdoc *d)
{
    frame *f = &d->st[--d->depth];
    free(f->slots);
    if (tape && P->tape->v[f->ti].type == cJSON_Array) P->tape->v[f->ti].u.count = f->count;
    return S_AFTER;
}

/* d->p is at the start of an array element (not whitespace, not end):
 * its node or entry, linked. */
STEP enum pstep start_element(parser *P, const int tape, pdoc *d)
{
    frame *f = &d->st[d->depth - 1];
    if (tape) {
        if ((d->ti = tape_push(P, d->p)) == SIZE_MAX) return S_NOMEM;
        tape_link(P, f, d->ti);
    } else {
        if (!(d->n = tree_node_new(P->mem))) return S_NOMEM;
        d->n->offset = (uint32_t)(d->p - P->buf);
        tree_link_child(f->node, d->n);
    }
    f->count++;
    return S_VALUE;
}

/* A member's key as read: where it is, its bytes, and (tree mode) its
 * position, (tape mode) where its bytes lie. */
typedef struct rkey {
    const uchar *at;
    const char *key;
    size_t len;
    uint32_t off;
    uint32_t offset;          /* (tree mode) its byte offset in the text */
    int decoded;
    uint64_t h;               /* its hash in the frame's table, when computed */
} rkey;

/* The key's string at d->p, read into *k. */
STEP int read_key(parser *P, const int tape, pdoc *d, rkey *k)
{
    k->at = d->p;
    k->off = k->offset = 0;
    k->decoded = 0;
    k->h = 0;
    if (tape) {
        if (!(d->p = tape_string(P, d->p, &k->off, &k->decoded, &k->len))) return -1;
        k->key = (k->decoded ? P->tape->decoded : P->tape->input) + k->off;
    } else {
        char *s;
        k->offset = (uint32_t)(d->p - P->buf);
        if (!(d->p = parse_string(P, d->p, &s, &k->len))) return -1;
        k->key = s;
    }
    return 0;
}

/* Is key k new in frame f?  0 yes; -1 a duplicate (reported); -2 out of
 * memory.  A frame with a table looks it up there (rehashing with SipHash
 * when lookups probe too long); a small one compares with each member. */
STEP int check_duplicate(parser *P, const int tape, frame *f, rkey *k)
{
    mref first = { 0 };
    if (f->slots) {
        k->h = frame_hash(P, f, k->key, k->len);
        first = keyset_find(P, tape, f, k->h, k->key, k->len);
        if (mref_empty(first, tape) && !f->keyed &&
            f->probes > KEYSET_PROBES_PER_KEY * f->count + KEYSET_PROBES_SLACK) {
            if (keyset_rekey(P, tape, f)) return -2;
            k->h = frame_hash(P, f, k->key, k->len);
        }
    } else if (f->count) {
        for (mref c = mref_first(tape, f); !mref_empty(c, tape); c = mref_next(P, tape, c))
            if (same_key(P, tape, c, k->key, k->len)) { first = c; break; }
    }
    if (mref_empty(first, tape)) return 0;
    char shown[128];
    unsigned fl, fc;
    show_key(shown, sizeof shown, k->key, k->len);
    mref_where(P, first, &fl, &fc);
    fail(P, JSON_ERR_DUPLICATE, k->at, "duplicate key \"%s\" (first at line %u, column %u)", shown, fl, fc);
    return -1;
}

/* The member of key k whose value starts at d->p: its node or entry,
 * named and linked into f; *m refers to it.  0, or -1 out of memory. */
STEP int add_member(parser *P, const int tape, pdoc *d, frame *f, const rkey *k, mref *m)
{
    uint32_t key_hash = json_key_hash(k->key, k->len);
    if (tape) {
        if ((d->ti = tape_push(P, d->p)) == SIZE_MAX) return -1;
        jt_value *v = &P->tape->v[d->ti];
        v->key_len = (uint32_t)k->len;
        v->key_hash = key_hash;
        v->key_off = k->off;
        if (k->decoded) v->flags |= JT_KEY_DECODED;
        P->tape->v[f->ti].u.names |= json_key_filter(key_hash);
        tape_link(P, f, d->ti);
        m->i = d->ti + 1;
    } else {
        json_node *n = d->n = tree_node_new(P->mem);
        if (!n) return -1;
        n->item.string = (char *)k->key;
        n->key_len = (uint32_t)k->len;
        n->key_hash = key_hash;
        n->key_word = json_key_word(k->key, k->len);
        f->node->names |= json_key_filter(key_hash);
        n->key_offset = k->offset;
        n->offset = (uint32_t)(d->p - P->buf);
        tree_link_child(f->node, n);
        m->n = n;
    }
    return 0;
}

/* d->p should be at an object key's opening quote: the key, the
 * duplicate check, ':', and the member. */
STEP enum pstep member_key(parser *P, const int tape, pdoc *d)
{
    frame *f = &d->st[d->depth - 1];
    const uchar *end = P->end;
    if (d->p >= end || *d->p != '"') {
        fail_unexpected(P, d->p, d->expected, "");
        return S_ERROR;
    }
    rkey k;
    if (read_key(P, tape, d, &k)) return S_ERROR;
    if (d->dups) {
        int r = check_duplicate(P, tape, f, &k);
        if (r) return r == -2 ? S_NOMEM : S_ERROR;
    }
    const uchar *p = skip_ws(P, d->p);
    if (p >= end || *p != ':') {
        d->p = p;
        fail_unexpected(P, p, "':' after the key", "");
        return S_ERROR;
    }
    d->p = p = skip_ws(P, p + 1);
    if (p >= end) { fail_unexpected(P, p, "a JSON value", ""); return S_ERROR; }
    mref m;
    if (add_member(P, tape, d, f, &k, &m)) return S_NOMEM;
    f->count++;
    if (d->dups && (f->slots || f->count > KEYSET_MIN)) {
        if (!f->slots) k.h = frame_hash(P, f, k.key, k.len);
        if (keyset_add(P, tape, f, k.h, m)) return S_NOMEM;
    }
    return S_VALUE;
}

/* The parser itself, for both outputs.  Tree mode builds json_node trees
 * in P->mem (the root in *root_out); tape mode fills P->tape.  0, or -1
 * after reporting an error. */
static inline __attribute__((always_inline)) int parse_document(parser *P, const int tape, cJSON **root_out)
{
    frame local[LOCAL_FRAMES];
    pdoc d = { .p = P->buf, .st = local, .local = local, .cap = LOCAL_FRAMES,
               .dups = (P->flags & JSON_PARSE_REJECT_DUPLICATES) != 0, .expected = "a string key" };
    enum pstep s = parse_start(P, tape, &d);
    for (;;) {
        switch (s) {
        case S_VALUE: s = value_step(P, tape, &d); break;
        case S_AFTER: s = after_value(P, tape, &d); break;
        case S_CLOSE: s = close_container(P, tape, &d); break;
        case S_ELEMENT: s = start_element(P, tape, &d); break;
        case S_KEY: s = member_key(P, tape, &d); break;
        case S_DONE:
            free_frames(d.st, 0, local);
            if (!tape) *root_out = &d.root->item;
            return 0;
        case S_NOMEM:
            fail_nomem(P, d.p);
            /* fall through */
        case S_ERROR:
            free_frames(d.st, d.depth, local);
            return -1;
        }
    }
}

#undef STEP

static cJSON *parse_tree(parser *P)
{
    cJSON *root = NULL;
    return parse_document(P, 0, &root) == 0 ? root : NULL;
}

static int parse_tape(parser *P)
{
    return parse_document(P, 1, NULL);
}

/* Chunk size for an arena owned by one document: about what the tree
 * needs, so small payloads do not each take a 64 KiB block. */
static size_t chunk_for(size_t len)
{
    size_t c = len < (SIZE_MAX / 4) ? len * 4 : SIZE_MAX;
    if (c < 4096) c = 4096;
    if (c > (size_t)1 << 20) c = (size_t)1 << 20;
    return c;
}

/* A parser over buf[0..len) for either output; 0, or -1 with *err filled
 * when the input is too large. */
static int parser_init(parser *P, const char *buf, size_t len, const json_parse_opts *opts, json_error *err)
{
    err->code = JSON_OK;
    err->offset = 0;
    err->line = err->col = 0;
    err->message[0] = '\0';
    if (!buf) len = 0;
    P->buf = P->origin = (const uchar *)(buf ? buf : "");
    P->end = P->buf + len;
    P->mem = NULL;
    P->tape = NULL;
    P->err = err;
    P->flags = opts ? opts->flags : 0;
    P->have_key = 0;
    memset(&P->work, 0, sizeof P->work);
    P->max_depth = opts && opts->max_depth ? opts->max_depth : JSON_DEFAULT_MAX_DEPTH;
    if (len > UINT32_MAX) {
        /* lengths and offsets are kept in 32 bits */
        fail(P, JSON_ERR_SYNTAX, P->buf, "input larger than 4 GiB");
        return -1;
    }
    return 0;
}

json_doc *json_parse(const char *buf, size_t len, const json_parse_opts *opts, arena *mem, json_error *err)
{
    return json_parse_counted(buf, len, opts, mem, err, NULL);
}

json_doc *json_parse_counted(const char *buf, size_t len, const json_parse_opts *opts, arena *mem, json_error *err,
                             json_parse_stats *stats)
{
    json_error scratch;
    if (!err) err = &scratch;
    parser P;
    if (stats) memset(stats, 0, sizeof *stats);
    if (parser_init(&P, buf, len, opts, err)) return NULL;

    int own = 0;
    if (!mem) {
        mem = arena_new(chunk_for(len));
        if (!mem) {
            fail_nomem(&P, P.buf);
            return NULL;
        }
        own = 1;
    }
    P.mem = mem;
    json_doc *doc = arena_alloc(mem, sizeof *doc);
    cJSON *root = doc ? parse_tree(&P) : NULL;
    if (!doc) fail_nomem(&P, P.buf);
    if (stats) *stats = P.work;
    if (!root) {
        if (own) arena_free(mem);
        return NULL;
    }
    doc->mem = mem;
    doc->own_arena = own;
    doc->root = root;
    return doc;
}

json_tape *json_tape_new(void)
{
    return calloc(1, sizeof(json_tape));
}

void json_tape_free(json_tape *t)
{
    if (!t) return;
    free(t->v);
    free(t->decoded);
    free(t);
}

int json_tape_parse(json_tape *t, const char *buf, size_t len, const json_parse_opts *opts, json_error *err)
{
    return json_tape_parse_counted(t, buf, len, opts, err, NULL);
}

int json_tape_parse_counted(json_tape *t, const char *buf, size_t len, const json_parse_opts *opts, json_error *err,
                            json_parse_stats *stats)
{
    json_error scratch;
    if (!err) err = &scratch;
    parser P;
    if (stats) memset(stats, 0, sizeof *stats);
    if (!t) {
        parser_init(&P, buf, len, opts, err);
        fail_nomem(&P, P.buf);
        return -1;
    }
    t->n = 0;
    t->ndecoded = 0;
    t->input = buf ? buf : "";
    t->input_len = buf ? len : 0;
    if (parser_init(&P, buf, len, opts, err)) return -1;
    /* Room for a value per 16 input bytes (they average 15 to 20 in API
     * payloads) up front: growing by doubling would keep the old blocks
     * of a small tape in the heap next to the new one.  Pages of the room
     * that are never written cost no memory. */
    size_t want = len / 16 + 64;
    if (t->cap < want && want <= UINT32_MAX) {
        jt_value *v = realloc(t->v, want * sizeof *v);
        if (v) {
            t->v = v;
            t->cap = want;
        }
    }
    P.tape = t;
    int rc = parse_tape(&P);
    if (stats) *stats = P.work;
    if (rc == 0) return 0;
    t->n = 0; /* no half-built tape */
    return -1;
}

size_t json_tape_bytes(const json_tape *t)
{
    return t ? t->n * sizeof *t->v + t->ndecoded : 0;
}

const jt_value *jt_member_h(const json_tape *t, const jt_value *obj, const char *name, size_t len, uint32_t hash)
{
    if (!obj || obj->type != cJSON_Object) return NULL;
    uint64_t bits = json_key_filter(hash);
    if ((obj->u.names & bits) != bits) return NULL;
    for (const jt_value *m = jt_child(obj); m; m = jt_next(m))
        if (m->key_hash == hash && m->key_len == len && memcmp(jt_key(t, m), name, len) == 0) return m;
    return NULL;
}

const jt_value *jt_member(const json_tape *t, const jt_value *obj, const char *name)
{
    size_t len = strlen(name);
    return jt_member_h(t, obj, name, len, json_key_hash(name, len));
}

const char *jt_number_text(const json_tape *t, const jt_value *v, size_t *len)
{
    const char *s = t->input + v->pos, *e = s, *end = t->input + t->input_len;
    if (v->text_len) {
        *len = v->text_len;
        return s;
    }
    /* a longer text: the parser checked the number, so it runs to the
     * first byte that cannot be part of one */
    while (e < end && ((*e >= '0' && *e <= '9') || *e == '-' || *e == '+' || *e == '.' || *e == 'e' || *e == 'E'))
        e++;
    *len = (size_t)(e - s);
    return s;
}

void json_doc_free(json_doc *doc)
{
    if (doc && doc->own_arena) arena_free(doc->mem);
}

const char *json_number_text(const cJSON *item)
{
    const json_node *n = json_node_info(item);
    return n && (item->type & 0xFF) == cJSON_Number ? n->text : NULL;
}

const cJSON *json_member_h(const cJSON *obj, const char *name, size_t len, uint32_t hash)
{
    if (!obj || (obj->type & 0xFF) != cJSON_Object) return NULL;
    const json_node *o = json_node_info(obj);
    uint64_t bits = json_key_filter(hash);
    if (o && (o->names & bits) != bits) return NULL;
    for (const cJSON *m = obj->child; m; m = m->next) {
        uint32_t ml;
        if (json_member_key(m, &ml) == hash && ml == len && memcmp(m->string, name, len) == 0) return m;
    }
    return NULL;
}

const cJSON *json_member(const cJSON *obj, const char *name)
{
    return json_member_n(obj, name, strlen(name));
}

const cJSON *json_member_n(const cJSON *obj, const char *name, size_t len)
{
    return json_member_h(obj, name, len, json_key_hash(name, len));
}
