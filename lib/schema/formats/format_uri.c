/* format_uri.c - URI and URI-reference (RFC 3986 section 3 and 4.1), IRI
 * and IRI-reference (RFC 3987 section 2.2) and URI templates (RFC 6570
 * section 2).  The checks follow the ABNF; no normalisation is done. */
#include "format_internal.h"

#include <stdbool.h>
#include <string.h>

static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool is_hex(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool is_unreserved(char c)
{
    return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

static bool is_sub_delim(char c)
{
    return c != 0 && strchr("!$&'()*+,;=", c) != NULL;
}

/* RFC 3987 ucschar and iprivate */
static bool is_ucschar(uint32_t c)
{
    if (c >= 0xA0 && c <= 0xD7FF) return true;
    if (c >= 0xF900 && c <= 0xFDCF) return true;
    if (c >= 0xFDF0 && c <= 0xFFEF) return true;
    if (c >= 0x10000 && c <= 0xDFFFF) return (c & 0xFFFF) <= 0xFFFD;
    return c >= 0xE1000 && c <= 0xEFFFD;
}

static bool is_iprivate(uint32_t c)
{
    return (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xF0000 && c <= 0xFFFFD) ||
           (c >= 0x100000 && c <= 0x10FFFD);
}

enum { IRI = 1, PRIVATE = 2 };

/* Length of one character of the class unreserved / pct-encoded /
 * sub-delims / the ASCII in extra (plus ucschar with IRI, and iprivate
 * with PRIVATE) at s[i..len), or 0. */
static size_t one_char(const char *s, size_t len, size_t i, int mode, const char *extra)
{
    unsigned char c = (unsigned char)s[i];
    if (c == '%')
        return i + 2 < len && is_hex(s[i + 1]) && is_hex(s[i + 2]) ? 3 : 0;
    if (c < 0x80)
        return c != 0 && (is_unreserved((char)c) || is_sub_delim((char)c) ||
                          strchr(extra, c) != NULL) ? 1 : 0;
    if (mode & IRI) {
        size_t j = i;
        uint32_t cp;
        if (fmt_utf8_next(s, len, &j, &cp) &&
            (is_ucschar(cp) || ((mode & PRIVATE) && is_iprivate(cp))))
            return j - i;
    }
    return 0;
}

/* Every character of s[0..len) is of the class one_char accepts. */
static bool all_chars(const char *s, size_t len, int mode, const char *extra)
{
    for (size_t i = 0; i < len;) {
        size_t n = one_char(s, len, i, mode, extra);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

/* IP-literal contents: IPv6address / IPvFuture */
static bool ip_literal(const char *s, size_t len)
{
    size_t i = 1;
    if (len > 0 && (s[0] == 'v' || s[0] == 'V')) {
        while (i < len && is_hex(s[i]))
            i++;
        if (i == 1 || i >= len || s[i] != '.' || i + 1 == len)
            return false;
        for (i++; i < len; i++)
            if (!is_unreserved(s[i]) && !is_sub_delim(s[i]) && s[i] != ':')
                return false;
        return true;
    }
    return fmt_ipv6(s, len);
}

/* authority = [ userinfo "@" ] host [ ":" port ] */
static bool authority(const char *s, size_t len, int mode)
{
    const char *at = memchr(s, '@', len);
    size_t i, host_end;

    if (at) {
        size_t ulen = (size_t)(at - s);
        if (!all_chars(s, ulen, mode, ":"))
            return false;
        s += ulen + 1;
        len -= ulen + 1;
    }
    if (len > 0 && s[0] == '[') {
        const char *close = memchr(s, ']', len);
        if (!close || !ip_literal(s + 1, (size_t)(close - s) - 1))
            return false;
        host_end = (size_t)(close - s) + 1;
    } else {
        const char *colon = memchr(s, ':', len);
        host_end = colon ? (size_t)(colon - s) : len;
        /* reg-name; an IPv4address is a reg-name too */
        if (!all_chars(s, host_end, mode, ""))
            return false;
    }
    if (host_end == len)
        return true;
    if (s[host_end] != ':')
        return false;
    for (i = host_end + 1; i < len; i++)
        if (!is_digit(s[i]))
            return false;
    return true;
}

/* URI-reference / IRI-reference; with need_scheme only the absolute
 * forms (URI / IRI). */
static int reference(const char *s, size_t len, int mode, bool need_scheme)
{
    size_t i = 0, hier_end, query_end;
    bool scheme = false;
    const char *hash, *q;

    if (len > 0 && is_alpha(s[0])) {
        for (i = 1; i < len && (is_alpha(s[i]) || is_digit(s[i]) ||
                                s[i] == '+' || s[i] == '-' || s[i] == '.'); i++)
            ;
        if (i < len && s[i] == ':') {
            scheme = true;
            i++;
        } else {
            i = 0;
        }
    }
    if (need_scheme && !scheme)
        return 0;

    hash = memchr(s + i, '#', len - i);
    query_end = hash ? (size_t)(hash - s) : len;
    q = memchr(s + i, '?', query_end - i);
    hier_end = q ? (size_t)(q - s) : query_end;

    if (hash && !all_chars(hash + 1, len - query_end - 1, mode & IRI, ":@/?"))
        return 0;
    if (q && !all_chars(q + 1, query_end - hier_end - 1, mode | PRIVATE, ":@/?"))
        return 0;

    if (hier_end - i >= 2 && s[i] == '/' && s[i + 1] == '/') {
        const char *slash = memchr(s + i + 2, '/', hier_end - i - 2);
        size_t auth_end = slash ? (size_t)(slash - s) : hier_end;
        if (!authority(s + i + 2, auth_end - i - 2, mode & IRI))
            return 0;
        i = auth_end;
    } else if (!scheme && i < hier_end && s[i] != '/') {
        /* path-noscheme: the first segment must not contain ':' */
        const char *slash = memchr(s + i, '/', hier_end - i);
        size_t seg_end = slash ? (size_t)(slash - s) : hier_end;
        if (memchr(s + i, ':', seg_end - i))
            return 0;
    }
    return all_chars(s + i, hier_end - i, mode & IRI, ":@/");
}

int fmt_uri(const char *s, size_t len)
{
    return reference(s, len, 0, true);
}

int fmt_uri_reference(const char *s, size_t len)
{
    return reference(s, len, 0, false);
}

int fmt_iri(const char *s, size_t len)
{
    return reference(s, len, IRI, true);
}

int fmt_iri_reference(const char *s, size_t len)
{
    return reference(s, len, IRI, false);
}

/* ---- URI Template (RFC 6570 section 2) -------------------------------- */

/* varname = varchar *( ["."] varchar ), varchar = ALPHA / DIGIT / "_" /
 * pct-encoded.  Returns the length, 0 when there is none. */
static size_t varname(const char *s, size_t len)
{
    size_t i = 0;
    bool need_char = true;

    while (i < len) {
        if (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '_') {
            i++;
        } else if (s[i] == '%' && i + 2 < len && is_hex(s[i + 1]) && is_hex(s[i + 2])) {
            i += 3;
        } else if (s[i] == '.' && !need_char) {
            i++;
            need_char = true;
            continue;
        } else {
            break;
        }
        need_char = false;
    }
    return need_char ? 0 : i;
}

/* expression body between the braces:
 * [ operator ] varspec *( "," varspec ), varspec = varname [ ":" max-length / "*" ] */
static bool expression(const char *s, size_t len)
{
    size_t i = 0;

    /* op-level2, op-level3; the reserved operators "=,!@|" are errors */
    if (len > 0 && strchr("+#./;?&", s[0]) != NULL)
        i++;
    for (;;) {
        size_t n = varname(s + i, len - i);
        if (n == 0)
            return false;
        i += n;
        if (i < len && s[i] == ':') {
            size_t start = ++i;
            if (i >= len || s[i] < '1' || s[i] > '9')
                return false;
            while (i < len && is_digit(s[i]))
                i++;
            if (i - start > 4)
                return false;
        } else if (i < len && s[i] == '*') {
            i++;
        }
        if (i == len)
            return true;
        if (s[i] != ',')
            return false;
        i++;
    }
}

int fmt_uri_template(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c == '{') {
            const char *close = memchr(s + i + 1, '}', len - i - 1);
            if (!close || !expression(s + i + 1, (size_t)(close - s) - i - 1))
                return 0;
            i = (size_t)(close - s) + 1;
        } else if (c == '%') {
            if (!(i + 2 < len && is_hex(s[i + 1]) && is_hex(s[i + 2])))
                return 0;
            i += 3;
        } else if (c >= 0x80) {
            uint32_t cp;
            if (!fmt_utf8_next(s, len, &i, &cp) || !(is_ucschar(cp) || is_iprivate(cp)))
                return 0;
        } else if (c > 0x20 && c < 0x7F && !strchr("\"<>\\^`{|}", c)) {
            /* literals; "'" is accepted as the JSON Schema suite expects */
            i++;
        } else {
            return 0;
        }
    }
    return 1;
}
