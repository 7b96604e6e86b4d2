/* format_internal.h - helpers shared by the format_*.c checks.
 *
 * The public contract is format.h; this header only connects the files
 * that implement it.  Every check has the format_check_fn signature:
 * text s[0..len) (UTF-8, may hold NUL bytes), result 1 valid / 0 invalid
 * (/ FORMAT_UNDECIDED for fmt_regex).
 * Nothing here allocates. */
#ifndef FORMAT_INTERNAL_H
#define FORMAT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* format_time.c - RFC 3339 and its appendix A */
int fmt_date_time(const char *s, size_t len);
int fmt_date(const char *s, size_t len);
int fmt_time(const char *s, size_t len);
int fmt_duration(const char *s, size_t len);

/* format_net.c - addresses and mailboxes */
int fmt_ipv4(const char *s, size_t len);
int fmt_ipv6(const char *s, size_t len);
int fmt_email(const char *s, size_t len);
int fmt_idn_email(const char *s, size_t len);

/* format_idn.c - host names, with IDNA2008 label checks */
int fmt_hostname(const char *s, size_t len);
int fmt_idn_hostname(const char *s, size_t len);

/* format_uri.c - RFC 3986 / 3987 / 6570 */
int fmt_uri(const char *s, size_t len);
int fmt_uri_reference(const char *s, size_t len);
int fmt_iri(const char *s, size_t len);
int fmt_iri_reference(const char *s, size_t len);
int fmt_uri_template(const char *s, size_t len);

/* format.c - small syntaxes */
int fmt_uuid(const char *s, size_t len);
int fmt_json_pointer(const char *s, size_t len);
int fmt_relative_json_pointer(const char *s, size_t len);
int fmt_regex(const char *s, size_t len);

/* Decode one UTF-8 sequence at s[*i..len): store the code point in *cp,
 * advance *i and return 1; return 0 on malformed, overlong or surrogate
 * encodings and on truncation (then *i is unchanged). */
int fmt_utf8_next(const char *s, size_t len, size_t *i, uint32_t *cp);

/* format_unicode.c - the small Unicode property tables IDNA2008 needs.
 * They cover the scripts and exceptions RFC 5892/5893 name; they are not
 * a full Unicode database. */
int fmt_uc_is_mark(uint32_t cp);        /* general category M* */
int fmt_uc_is_virama(uint32_t cp);      /* canonical combining class 9 */
int fmt_uc_disallowed(uint32_t cp);     /* IDNA2008 DISALLOWED (non-ASCII) */
int fmt_uc_is_greek(uint32_t cp);
int fmt_uc_is_hebrew(uint32_t cp);
int fmt_uc_is_kana_han(uint32_t cp);    /* Hiragana, Katakana or Han */

/* Joining_Type (RFC 5892 appendix A.1): 'D', 'R', 'L', 'T', or 'U'. */
char fmt_uc_joining_type(uint32_t cp);

/* Bidi_Class as far as RFC 5893 distinguishes it. */
enum fmt_bidi { FMT_BIDI_L, FMT_BIDI_R, FMT_BIDI_AN, FMT_BIDI_EN,
                FMT_BIDI_NSM, FMT_BIDI_OTHER /* ES CS ET ON BN */ };
enum fmt_bidi fmt_uc_bidi(uint32_t cp);

#endif
