/* format_idn.c - "hostname" (RFC 1123 labels; A-labels must be valid
 * IDNA2008) and "idn-hostname" (RFC 5890-5893: U-labels and A-labels,
 * Punycode per RFC 3492, contextual rules, the Bidi rule).
 *
 * Labels are decoded into fixed buffers on the stack: no label longer
 * than 63 code points can be valid, so longer ones are rejected before
 * anything is copied. */
#include "format_internal.h"

#include <stdbool.h>

#define LABEL_MAX 63            /* octets of a label in its ASCII form */
#define NAME_MAX_LEN 253        /* octets of a name without the root dot */

/* ---- Punycode (RFC 3492) ---------------------------------------------- */

enum { PC_BASE = 36, PC_TMIN = 1, PC_TMAX = 26, PC_SKEW = 38, PC_DAMP = 700,
       PC_BIAS = 72, PC_N = 128 };

static uint32_t pc_adapt(uint32_t delta, uint32_t numpoints, bool first)
{
    uint32_t k = 0;
    delta = first ? delta / PC_DAMP : delta / 2;
    delta += delta / numpoints;
    while (delta > ((PC_BASE - PC_TMIN) * PC_TMAX) / 2) {
        delta /= PC_BASE - PC_TMIN;
        k += PC_BASE;
    }
    return k + (PC_BASE - PC_TMIN + 1) * delta / (delta + PC_SKEW);
}

static int pc_digit_value(char c)
{
    if (c >= 'a' && c <= 'z') return c - 'a';
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= '0' && c <= '9') return c - '0' + 26;
    return -1;
}

static char pc_digit(uint32_t d)
{
    return (char)(d < 26 ? 'a' + d : '0' + (d - 26));
}

static uint32_t pc_threshold(uint32_t k, uint32_t bias)
{
    return k <= bias ? PC_TMIN : k >= bias + PC_TMAX ? PC_TMAX : k - bias;
}

/* Decode in[0..inlen) into out (capacity cap).  Returns the number of
 * code points, or -1 when the input is not valid Punycode. */
static int pc_decode(const char *in, size_t inlen, uint32_t *out, size_t cap)
{
    uint32_t n = PC_N, i = 0, bias = PC_BIAS;
    size_t b = 0, outlen = 0, pos;

    for (size_t j = 0; j < inlen; j++)
        if (in[j] == '-')
            b = j;
    if (b > cap)
        return -1;
    for (size_t j = 0; j < b; j++)
        out[outlen++] = (unsigned char)in[j];
    for (pos = b > 0 ? b + 1 : 0; pos < inlen;) {
        uint32_t oldi = i, w = 1;
        for (uint32_t k = PC_BASE;; k += PC_BASE) {
            int digit;
            uint32_t t;
            if (pos >= inlen)
                return -1;
            digit = pc_digit_value(in[pos++]);
            if (digit < 0 || (uint32_t)digit > (UINT32_MAX - i) / w)
                return -1;
            i += (uint32_t)digit * w;
            t = pc_threshold(k, bias);
            if ((uint32_t)digit < t)
                break;
            if (w > UINT32_MAX / (PC_BASE - t))
                return -1;
            w *= PC_BASE - t;
        }
        bias = pc_adapt(i - oldi, (uint32_t)outlen + 1, oldi == 0);
        if (i / (outlen + 1) > 0x10FFFF - n)
            return -1;
        n += i / (uint32_t)(outlen + 1);
        i %= (uint32_t)(outlen + 1);
        if (outlen >= cap || n < 0x80 || (n >= 0xD800 && n <= 0xDFFF))
            return -1;
        for (size_t j = outlen; j > i; j--)
            out[j] = out[j - 1];
        out[i++] = n;
        outlen++;
    }
    return (int)outlen;
}

/* Encode cp[0..n) into out (capacity cap).  Returns the length, or -1
 * when it would not fit. */
static int pc_encode(const uint32_t *cp, size_t n, char *out, size_t cap)
{
    uint32_t m = PC_N, delta = 0, bias = PC_BIAS, h, b = 0;
    size_t outlen = 0;

    for (size_t j = 0; j < n; j++)
        if (cp[j] < 0x80) {
            if (outlen >= cap)
                return -1;
            out[outlen++] = (char)cp[j];
            b++;
        }
    h = b;
    if (b > 0) {
        if (outlen >= cap)
            return -1;
        out[outlen++] = '-';
    }
    while (h < n) {
        uint32_t next = UINT32_MAX;
        for (size_t j = 0; j < n; j++)
            if (cp[j] >= m && cp[j] < next)
                next = cp[j];
        /* n <= 63 and code points <= 0x10FFFF, so delta cannot overflow */
        delta += (next - m) * (h + 1);
        m = next;
        for (size_t j = 0; j < n; j++) {
            if (cp[j] < m)
                delta++;
            if (cp[j] == m) {
                uint32_t q = delta;
                for (uint32_t k = PC_BASE;; k += PC_BASE) {
                    uint32_t t = pc_threshold(k, bias);
                    if (q < t)
                        break;
                    if (outlen >= cap)
                        return -1;
                    out[outlen++] = pc_digit(t + (q - t) % (PC_BASE - t));
                    q = (q - t) / (PC_BASE - t);
                }
                if (outlen >= cap)
                    return -1;
                out[outlen++] = pc_digit(q);
                bias = pc_adapt(delta, h + 1, h == b);
                delta = 0;
                h++;
            }
        }
        delta++;
        m++;
    }
    return (int)outlen;
}

/* ---- label rules ------------------------------------------------------ */

static bool is_ldh(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-';
}

static bool has_rtl(const uint32_t *u, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        enum fmt_bidi b = fmt_uc_bidi(u[i]);
        if (b == FMT_BIDI_R || b == FMT_BIDI_AN)
            return true;
    }
    return false;
}

/* RFC 5893 section 2, rules 1-6, for one label of a Bidi domain name. */
static bool bidi_ok(const uint32_t *u, size_t n)
{
    enum fmt_bidi first = fmt_uc_bidi(u[0]), last = FMT_BIDI_NSM;
    bool en = false, an = false;

    if (first != FMT_BIDI_L && first != FMT_BIDI_R)
        return false;
    for (size_t i = 0; i < n; i++) {
        enum fmt_bidi b = fmt_uc_bidi(u[i]);
        if (first == FMT_BIDI_R ? b == FMT_BIDI_L : (b == FMT_BIDI_R || b == FMT_BIDI_AN))
            return false;
        en |= b == FMT_BIDI_EN;
        an |= b == FMT_BIDI_AN;
        if (b != FMT_BIDI_NSM)
            last = b;
    }
    if (first == FMT_BIDI_R)
        return !(en && an) && (last == FMT_BIDI_R || last == FMT_BIDI_EN || last == FMT_BIDI_AN);
    return last == FMT_BIDI_L || last == FMT_BIDI_EN;
}

/* RFC 5892 appendix A.1: ZERO WIDTH NON-JOINER after a virama, or inside
 * a cursive join (L|D) T* ZWNJ T* (R|D). */
static bool zwnj_ok(const uint32_t *u, size_t n, size_t i)
{
    size_t j;
    char t;

    if (i > 0 && fmt_uc_is_virama(u[i - 1]))
        return true;
    for (j = i; j > 0 && (t = fmt_uc_joining_type(u[j - 1])) == 'T'; j--)
        ;
    if (j == 0 || ((t = fmt_uc_joining_type(u[j - 1])) != 'L' && t != 'D'))
        return false;
    for (j = i + 1; j < n && fmt_uc_joining_type(u[j]) == 'T'; j++)
        ;
    return j < n && ((t = fmt_uc_joining_type(u[j])) == 'R' || t == 'D');
}

/* RFC 5892 appendix A: the CONTEXTJ and CONTEXTO rules. */
static bool context_ok(const uint32_t *u, size_t n, size_t i)
{
    uint32_t c = u[i];

    switch (c) {
    case 0x200C:
        return zwnj_ok(u, n, i);
    case 0x200D:
        return i > 0 && fmt_uc_is_virama(u[i - 1]);
    case 0x00B7:
        return i > 0 && u[i - 1] == 'l' && i + 1 < n && u[i + 1] == 'l';
    case 0x0375:
        return i + 1 < n && fmt_uc_is_greek(u[i + 1]);
    case 0x05F3:
    case 0x05F4:
        return i > 0 && fmt_uc_is_hebrew(u[i - 1]);
    case 0x30FB:
        for (size_t j = 0; j < n; j++)
            if (fmt_uc_is_kana_han(u[j]))
                return true;
        return false;
    default:
        break;
    }
    if (c >= 0x0660 && c <= 0x0669) {
        for (size_t j = 0; j < n; j++)
            if (u[j] >= 0x06F0 && u[j] <= 0x06F9)
                return false;
    } else if (c >= 0x06F0 && c <= 0x06F9) {
        for (size_t j = 0; j < n; j++)
            if (u[j] >= 0x0660 && u[j] <= 0x0669)
                return false;
    }
    return true;
}

/* A U-label's own rules (RFC 5891 section 4.2.3, RFC 5892), apart from
 * the Bidi rule, which depends on the whole name. */
static bool ulabel_ok(const uint32_t *u, size_t n)
{
    if (n == 0 || u[0] == '-' || u[n - 1] == '-')
        return false;
    if (n >= 4 && u[2] == '-' && u[3] == '-')
        return false;
    if (fmt_uc_is_mark(u[0]))
        return false;
    for (size_t i = 0; i < n; i++) {
        if (u[i] < 0x80 ? !is_ldh(u[i]) : fmt_uc_disallowed(u[i]))
            return false;
        if (!context_ok(u, n, i))
            return false;
    }
    return true;
}

static bool ascii_ieq(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z') y = (char)(y + 32);
        if (x != y)
            return false;
    }
    return true;
}

/* Check one label (code points u[0..n), already split off) and report
 * the length of its ASCII form in *alen.  An "xn--" label is decoded
 * into u in place and must re-encode to exactly itself. */
static bool label_ok(uint32_t *u, size_t *n, bool idn, size_t *alen)
{
    char a[LABEL_MAX + 1], enc[LABEL_MAX];
    bool ascii = true;
    size_t len = *n;
    int m;

    if (len == 0)
        return false;
    for (size_t i = 0; i < len; i++)
        ascii &= u[i] < 0x80;
    if (!ascii) {
        /* a U-label: only idn-hostname takes these, and its A-label must
         * still fit in 63 octets */
        if (!idn || !ulabel_ok(u, len))
            return false;
        m = pc_encode(u, len, enc, LABEL_MAX - 4);
        if (m < 0)
            return false;
        *alen = (size_t)m + 4;
        return true;
    }
    if (len > LABEL_MAX)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (!is_ldh(u[i]))
            return false;
        a[i] = (char)u[i];
    }
    *alen = len;
    if (a[0] == '-' || a[len - 1] == '-')
        return false;
    if (len < 4 || !ascii_ieq(a, "xn--", 4))
        return true;
    m = pc_decode(a + 4, len - 4, u, LABEL_MAX);
    if (m <= 0)
        return false;
    *n = (size_t)m;
    ascii = true;
    for (int i = 0; i < m; i++)
        ascii &= u[i] < 0x80;
    if (ascii || !ulabel_ok(u, *n))
        return false;
    /* only the canonical encoding is an A-label */
    m = pc_encode(u, *n, enc, sizeof enc);
    return m == (int)len - 4 && ascii_ieq(enc, a + 4, len - 4);
}

/* The label separators of RFC 3490 section 3.1, which IDNA2008
 * applications still map to '.'. */
static bool is_separator(uint32_t c, bool idn)
{
    return c == '.' || (idn && (c == 0x3002 || c == 0xFF0E || c == 0xFF61));
}

static int check_name(const char *s, size_t len, bool idn)
{
    /* Labels are checked one at a time; the Bidi rule needs to know
     * whether any label is right-to-left, so a second pass re-decodes
     * the labels only when one is. */
    uint32_t u[LABEL_MAX + 1];
    size_t i = 0, total = 0, labels = 0;
    bool rtl = false;

    if (len == 0)
        return 0;
    for (int pass = 0; pass < 2; pass++) {
        i = 0;
        total = 0;
        labels = 0;
        for (;;) {
            size_t n = 0, alen = 0;
            uint32_t c = 0;
            bool sep = false;
            while (i < len) {
                if (!fmt_utf8_next(s, len, &i, &c))
                    return 0;
                if (is_separator(c, idn)) {
                    sep = true;
                    break;
                }
                if (n > LABEL_MAX)
                    return 0;
                u[n++] = c;
            }
            if (pass == 0) {
                if (!label_ok(u, &n, idn, &alen))
                    return 0;
                total += alen + (labels > 0);
                rtl |= has_rtl(u, n);
            } else {
                if (!label_ok(u, &n, idn, &alen) || !bidi_ok(u, n))
                    return 0;
            }
            labels++;
            if (!sep)
                break;
        }
        if (pass == 0 && total > NAME_MAX_LEN)
            return 0;
        if (pass == 0 && !rtl)
            return 1;
    }
    return 1;
}

int fmt_hostname(const char *s, size_t len)
{
    return check_name(s, len, false);
}

int fmt_idn_hostname(const char *s, size_t len)
{
    return check_name(s, len, true);
}
