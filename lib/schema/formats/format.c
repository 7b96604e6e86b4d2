/* format.c - format name lookup and the small syntaxes (uuid, JSON
 * pointers, regex).  See format.h for the contract. */
#include "format.h"
#include "format_internal.h"
#include "json_pointer.h"
#include "utf8.h"
#include "regex_ecma.h"

#include <string.h>

struct format_entry { const char *name; format_check_fn fn; };

static const struct format_entry format_table[] = {
    { "date-time", fmt_date_time },
    { "date", fmt_date },
    { "time", fmt_time },
    { "duration", fmt_duration },
    { "email", fmt_email },
    { "idn-email", fmt_idn_email },
    { "hostname", fmt_hostname },
    { "idn-hostname", fmt_idn_hostname },
    { "ipv4", fmt_ipv4 },
    { "ipv6", fmt_ipv6 },
    { "uri", fmt_uri },
    { "uri-reference", fmt_uri_reference },
    { "iri", fmt_iri },
    { "iri-reference", fmt_iri_reference },
    { "uri-template", fmt_uri_template },
    { "uuid", fmt_uuid },
    { "json-pointer", fmt_json_pointer },
    { "relative-json-pointer", fmt_relative_json_pointer },
    { "regex", fmt_regex },
};

format_check_fn format_lookup(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < sizeof format_table / sizeof format_table[0]; i++)
        if (strcmp(format_table[i].name, name) == 0)
            return format_table[i].fn;
    return NULL;
}

int format_check(const char *name, const char *s, size_t len)
{
    format_check_fn fn = format_lookup(name);
    if (!fn)
        return -1;
    if (!s && len)
        return 0;
    return fn(s ? s : "", len);
}

int fmt_utf8_next(const char *s, size_t len, size_t *i, uint32_t *cp)
{
    if (*i >= len)
        return 0;
    size_t n = utf8_decode((const unsigned char *)s + *i, len - *i, cp);
    if (!n)
        return 0;
    *i += n;
    return 1;
}

static int is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
           (c >= 'A' && c <= 'F');
}

/* RFC 4122 string form: 8-4-4-4-12 hex digits; any version or variant. */
int fmt_uuid(const char *s, size_t len)
{
    if (len != 36)
        return 0;
    for (size_t i = 0; i < len; i++) {
        int dash = (i == 8 || i == 13 || i == 18 || i == 23);
        if (dash ? s[i] != '-' : !is_hex(s[i]))
            return 0;
    }
    return 1;
}

/* RFC 6901: *( "/" reference-token ); "~" only as "~0" or "~1". */
int fmt_json_pointer(const char *s, size_t len)
{
    return jp_valid(s, len);
}

/* Length of a non-negative-integer ("0" or a digit string without a
 * leading zero) at s[0..len), or 0 when there is none. */
static size_t nonneg_int(const char *s, size_t len)
{
    size_t i = 0;
    if (len == 0 || s[0] < '0' || s[0] > '9')
        return 0;
    if (s[0] == '0')
        return 1;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
    return i;
}

/* draft-bhutton-relative-json-pointer-00:
 *   non-negative-integer [ ("+" / "-") positive-integer ] ( "#" / json-pointer ) */
int fmt_relative_json_pointer(const char *s, size_t len)
{
    size_t i = nonneg_int(s, len);
    if (i == 0)
        return 0;
    if (i < len && (s[i] == '+' || s[i] == '-')) {
        size_t n;
        i++;
        if (i >= len || s[i] == '0')
            return 0;
        n = nonneg_int(s + i, len - i);
        if (n == 0)
            return 0;
        i += n;
    }
    if (i < len && s[i] == '#')
        return i + 1 == len;
    return jp_valid(s + i, len - i);
}

int fmt_regex(const char *s, size_t len)
{
    int v = ecma_regex_valid(s, len);
    return v < 0 ? FORMAT_UNDECIDED : v;
}
