/* redact.h - keep the API token out of everything the runner prints.
 *
 * Every text that reaches the terminal or a report (request and response
 * echoes, error messages, findings) passes through redact() first:
 *   - the value of every "Authorization:" header line is replaced by
 *     "[REDACTED]" (whatever token it carries, valid or not);
 *   - every occurrence of the secret itself, and of its JSON-escaped and
 *     percent-encoded forms, is replaced by "[REDACTED]" wherever it sits.
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

#define REDACTED "[REDACTED]"

#endif
