/* uri.h - RFC 3986 reference resolution for schema identifiers.
 * Every function returns a new malloc'd string (caller frees) or NULL when
 * out of memory. */
#ifndef URI_H
#define URI_H

#include <stddef.h>

/* Resolve ref against base (RFC 3986 section 5.2, dot segments removed).
 * base may be NULL or "" when ref is absolute. */
char *uri_resolve(const char *base, const char *ref);

/* The URI without its fragment ("a#b" -> "a"). */
char *uri_strip_fragment(const char *uri);

/* 1 when uri has a scheme (is absolute, possibly with a fragment). */
int uri_has_scheme(const char *uri);

/* Percent-decode s into a new string (invalid escapes kept as-is),
 * terminated; *outlen (when not NULL) gets its length, which tells a
 * decoded %00 from the end. */
char *uri_percent_decode(const char *s, size_t len, size_t *outlen);

#endif
