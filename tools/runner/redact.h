/* redact.h - keep the API token out of everything the runner prints.
 *
 * Every text that reaches the terminal or a report (request and response
 * echoes, error messages, findings) passes through redact() first:
 *   - the value of every "Authorization:" header line is replaced by
 *     "[REDACTED]" (whatever token it carries, valid or not);
 *   - every occurrence of the secret itself is replaced by "[REDACTED]"
 *     wherever it sits, in any encoding a server or a JSON encoder may
 *     give it: as is, percent-encoded (upper- or lower-case hex, every
 *     byte or only some), JSON-escaped ("\u00XX" in any case, "\/",
 *     "\"", ...), the forms mixed within one occurrence;
 *   - a prefix of the secret right before "..." (the mark of a value cut
 *     for display) is replaced too.
 * Mask first, then cut: a text is cut for display only after redact().
 * A redactor is immutable after creation (safe to share). */
#ifndef REDACT_H
#define REDACT_H

#include <stddef.h>

typedef struct redactor redactor;

/* secret may be NULL or "" (then only Authorization lines are masked).
 * The secret is copied.  NULL when out of memory. */
redactor *redactor_new(const char *secret);
void redactor_free(redactor *r);

/* Redacted copy of text[0..len) (len (size_t)-1 = strlen).  NUL bytes in
 * the input become "\0" escapes so the result is a C string.  Returns a
 * malloc'd string, or NULL when out of memory or text is NULL. */
char *redact(const redactor *r, const char *text, size_t len);

/* redact() for a C string formatted by another module into a buffer of
 * bound bytes, and so cut without a mark when it fills it: then a prefix
 * of the secret that ends the text is masked too. */
char *redact_cut(const redactor *r, const char *text, size_t bound);

/* 1 when text[0..len) holds the secret in any form redact() masks. */
int redact_contains(const redactor *r, const char *text, size_t len);

#define REDACTED "[REDACTED]"

#endif
