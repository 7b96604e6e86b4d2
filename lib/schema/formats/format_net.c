/* format_net.c - IPv4 (RFC 2673 dotted quad), IPv6 (RFC 4291 text forms)
 * and mailboxes (RFC 5321 section 4.1.2; RFC 6531 for idn-email). */
#include "format_internal.h"

#include <string.h>

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Four decimal octets 0..255 without leading zeros. */
int fmt_ipv4(const char *s, size_t len)
{
    size_t i = 0;
    for (int part = 0; part < 4; part++) {
        size_t start = i;
        int v = 0;
        if (part > 0) {
            if (i >= len || s[i] != '.')
                return 0;
            start = ++i;
        }
        while (i < len && is_digit(s[i]) && i - start < 3)
            v = v * 10 + (s[i++] - '0');
        if (i == start || v > 255 || (s[start] == '0' && i - start > 1))
            return 0;
    }
    return i == len;
}

/* Groups of 1-4 hex digits separated by ':', at most one "::" standing
 * for one or more zero groups, and optionally a dotted quad as the last
 * 32 bits.  No zone identifier, no prefix length. */
int fmt_ipv6(const char *s, size_t len)
{
    int groups = 0, compressed = 0;
    size_t i = 0;

    if (len < 2)
        return 0;
    if (s[0] == ':') {
        if (s[1] != ':')
            return 0;
        compressed = 1;
        i = 2;
        if (i == len)
            return 1;
    }
    for (;;) {
        size_t start = i;
        while (i < len && hex_value(s[i]) >= 0 && i - start < 5)
            i++;
        if (i < len && s[i] == '.') {
            /* the embedded IPv4 part ends the address */
            if (!fmt_ipv4(s + start, len - start))
                return 0;
            groups += 2;
            break;
        }
        if (i == start || i - start > 4)
            return 0;
        groups++;
        if (i == len)
            break;
        if (s[i] != ':')
            return 0;
        i++;
        if (i < len && s[i] == ':') {
            if (compressed)
                return 0;
            compressed = 1;
            i++;
            if (i == len)
                break;
        } else if (i == len) {
            return 0;       /* a single trailing colon */
        }
    }
    return compressed ? groups <= 7 : groups == 8;
}

/* atext of RFC 5322, as RFC 5321 Atom uses it. */
static int is_atext(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit((char)c) ||
           (c != 0 && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

/* The local part at s[0..): Dot-string or Quoted-string, stopping at the
 * '@'.  Returns its length, or 0 when it is malformed.  With utf8,
 * non-ASCII characters count as atext and qtext (RFC 6531). */
static size_t local_part(const char *s, size_t len, int utf8)
{
    size_t i = 0;
    uint32_t cp;

    if (len == 0)
        return 0;
    if (s[0] == '"') {
        i = 1;
        while (i < len && s[i] != '"') {
            unsigned char c = (unsigned char)s[i];
            if (c == '\\') {
                if (i + 1 >= len || s[i + 1] < 32 || s[i + 1] > 126)
                    return 0;
                i += 2;
            } else if (c >= 32 && c <= 126) {
                i++;
            } else if (utf8 && c >= 0x80 && fmt_utf8_next(s, len, &i, &cp)) {
                /* UTF8-non-ascii, already consumed */
            } else {
                return 0;
            }
        }
        return i < len ? i + 1 : 0;
    }
    for (;;) {
        size_t start = i;
        while (i < len) {
            unsigned char c = (unsigned char)s[i];
            if (c < 0x80 && is_atext(c))
                i++;
            else if (utf8 && c >= 0x80 && fmt_utf8_next(s, len, &i, &cp))
                ;
            else
                break;
        }
        if (i == start)
            return 0;
        if (i < len && s[i] == '.') {
            i++;
            continue;
        }
        return i;
    }
}

/* Does s[0..len) start with the ASCII text tag, in any case?  RFC 5321
 * writes its literal strings in RFC 5234 ABNF, where "..." matches either
 * case; compared by hand so the locale cannot change the answer. */
static int starts_with_ci(const char *s, size_t len, const char *tag)
{
    size_t n = strlen(tag);
    if (len < n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != tag[i])
            return 0;
    }
    return 1;
}

/* address-literal: "[" IPv4 "]" or "[IPv6:" IPv6 "]" (the tag in any
 * case: "[ipv6:::1]" is the same address literal). */
static int address_literal(const char *s, size_t len)
{
    if (len < 2 || s[0] != '[' || s[len - 1] != ']')
        return 0;
    s++;
    len -= 2;
    if (len > 5 && starts_with_ci(s, len, "ipv6:"))
        return fmt_ipv6(s + 5, len - 5);
    return fmt_ipv4(s, len);
}

static int mailbox(const char *s, size_t len, int utf8)
{
    size_t at = local_part(s, len, utf8);
    const char *dom;
    size_t dlen;

    if (at == 0 || at > 64 || at >= len || s[at] != '@')
        return 0;
    dom = s + at + 1;
    dlen = len - at - 1;
    if (dlen > 0 && dom[0] == '[')
        return address_literal(dom, dlen);
    return utf8 ? fmt_idn_hostname(dom, dlen) : fmt_hostname(dom, dlen);
}

int fmt_email(const char *s, size_t len)
{
    return mailbox(s, len, 0);
}

int fmt_idn_email(const char *s, size_t len)
{
    return mailbox(s, len, 1);
}
