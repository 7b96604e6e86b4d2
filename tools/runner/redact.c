/* redact.c - token masking for every echoed text.
 *
 * The secret is looked for byte by byte, each byte of it in any of the
 * forms a server or a JSON encoder may give it: the byte itself,
 * percent-encoded ("%2F" or "%2f", every byte or only some), a JSON
 * "\u00XX" escape (hex digits in any case), or a JSON short escape
 * ("\/", "\"", "\\", "\b", "\f", "\n", "\r", "\t"), or a JSON Pointer
 * escape ("~1" for '/', "~0" for '~': a member name in a finding's
 * pointer).  The forms may mix
 * within one occurrence.  A text cut for display ends a quoted value with
 * "...": a prefix of the secret right before "..." is masked too, and by
 * redact_cut() one that ends a text cut at its bound, so that a cut made
 * before masking still shows no part of it. */
#include "redact.h"
#include "campaign/strbuf.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Shortest prefix of the secret masked when a cut follows it: any, as
 * even its first byte is a part of it. */
#define REDACT_MIN_PART 1
/* Steps one match attempt may take (backtracking between a literal '%'
 * or '\' and an escape that starts with it); beyond it the text is masked
 * as if it matched. */
#define REDACT_BUDGET 100000

struct redactor {
    char *secret;   /* NULL = none */
    size_t len;
    unsigned char first[256]; /* 1 for a byte that may start an occurrence */
};

redactor *redactor_new(const char *secret)
{
    redactor *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    if (secret && *secret) {
        r->secret = strdup(secret);
        if (!r->secret) { free(r); return NULL; }
        r->len = strlen(secret);
        r->first[(unsigned char)secret[0]] = 1;
        r->first['%'] = 1;
        r->first['\\'] = 1;
        r->first['~'] = 1;
    }
    return r;
}

void redactor_free(redactor *r)
{
    if (!r) return;
    free(r->secret);
    free(r);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Bytes of text at p (left bytes) that encode the single byte c in an
 * escaped form (percent, \u00XX or a JSON short escape), or 0. */
static size_t escaped_byte(const char *p, size_t left, unsigned char c)
{
    if (left >= 3 && p[0] == '%') {
        int h = hexval(p[1]), l = hexval(p[2]);
        if (h >= 0 && l >= 0 && (unsigned)(h * 16 + l) == c) return 3;
        return 0;
    }
    if (left >= 2 && p[0] == '~') {
        /* a JSON Pointer escape: a member name in a finding's pointer */
        return (p[1] == '1' && c == '/') || (p[1] == '0' && c == '~') ? 2 : 0;
    }
    if (left >= 2 && p[0] == '\\') {
        if (p[1] == 'u') {
            if (left < 6 || c >= 0x80) return 0;
            int v = 0;
            for (int k = 2; k < 6; k++) {
                int d = hexval(p[k]);
                if (d < 0) return 0;
                v = v * 16 + d;
            }
            return v == c ? 6 : 0;
        }
        static const char from[] = "/\"\\bfnrt", to[] = "/\"\\\b\f\n\r\t";
        const char *f = strchr(from, p[1]);
        return f && p[1] && (unsigned char)to[f - from] == c ? 2 : 0;
    }
    return 0;
}

/* Does the secret from its byte k on occur at p?  Sets *end to the text
 * bytes taken and returns 1 (whole), 2 (a prefix of at least
 * REDACT_MIN_PART bytes followed by "..."), or 0. */
static int match(const redactor *r, size_t k, const char *p, size_t left, int cut_end, size_t *end, long *budget)
{
    size_t j = 0;
    for (; k < r->len; k++) {
        if (--*budget < 0) { *end = j; return 1; }
        unsigned char c = (unsigned char)r->secret[k];
        size_t e = j < left ? escaped_byte(p + j, left - j, c) : 0;
        int lit = j < left && (unsigned char)p[j] == c;
        if (e && lit) {
            /* both a literal '%' or '\' and an escape: try the escape first */
            size_t sub;
            int m = match(r, k + 1, p + j + e, left - j - e, cut_end, &sub, budget);
            if (m) { *end = j + e + sub; return m; }
            j++;
        } else if (e) {
            j += e;
        } else if (lit) {
            j++;
        } else {
            if (k >= REDACT_MIN_PART && ((left - j >= 3 && memcmp(p + j, "...", 3) == 0) || (cut_end && j == left))) {
                *end = j;
                return 2;
            }
            return 0;
        }
    }
    *end = j;
    return 1;
}

/* Length of the text at p that is (an encoding of) the secret, or 0. */
static size_t secret_at(const redactor *r, const char *p, size_t left, int cut_end)
{
    if (!r->secret || !r->first[(unsigned char)*p]) return 0;
    size_t end = 0;
    long budget = REDACT_BUDGET;
    /* only a prefix counts when the match starts at the secret's start */
    return match(r, 0, p, left, cut_end, &end, &budget) ? end : 0;
}

static char *redact_text(const redactor *r, const char *text, size_t len, int cut_end)
{
    if (!text) return NULL;
    if (len == (size_t)-1) len = strlen(text);
    static const char hdr[] = "authorization:";
    strbuf b = {0};
    int line_start = 1;
    size_t i = 0, run = 0; /* text[run..i) is plain text not yet copied */
    while (i < len) {
        if (line_start && len - i >= sizeof hdr - 1 && strncasecmp(text + i, hdr, sizeof hdr - 1) == 0) {
            sb_append(&b, text + run, i - run);
            sb_append(&b, text + i, sizeof hdr - 1);
            sb_puts(&b, " " REDACTED);
            i += sizeof hdr - 1;
            while (i < len && text[i] != '\n' && text[i] != '\r') i++;
            run = i;
            line_start = 0;
            continue;
        }
        size_t n = r ? secret_at(r, text + i, len - i, cut_end) : 0;
        if (n) {
            sb_append(&b, text + run, i - run);
            sb_puts(&b, REDACTED);
            i += n;
            run = i;
            line_start = 0;
            continue;
        }
        char c = text[i];
        if (c == '\0') {
            sb_append(&b, text + run, i - run);
            sb_puts(&b, "\\0");
            run = i + 1;
        }
        line_start = (c == '\n');
        i++;
    }
    sb_append(&b, text + run, i - run);
    if (b.len == 0 && !b.oom) return strdup("");
    return sb_take(&b);
}

char *redact(const redactor *r, const char *text, size_t len)
{
    return redact_text(r, text, len, 0);
}

char *redact_cut(const redactor *r, const char *text, size_t bound)
{
    if (!text) return NULL;
    size_t len = strlen(text);
    /* a text formatted into bound bytes was cut when it fills them: the
     * cut stops between characters, up to 3 bytes short, before the NUL */
    return redact_text(r, text, len, len + 4 >= bound);
}

int redact_contains(const redactor *r, const char *text, size_t len)
{
    if (!r || !r->secret || !text) return 0;
    for (size_t i = 0; i < len; i++)
        if (secret_at(r, text + i, len - i, 0)) return 1;
    return 0;
}
