/* report.h - the three report writers and their shared helpers.
 *
 * Each writer renders the whole run into memory and then writes the file
 * atomically (ct_write_atomic), so a reader never sees half a report.  The
 * run's texts are already redacted; writers only escape and truncate.
 * Each returns 0, or -1 with a message in err. */
#ifndef REPORT_H
#define REPORT_H

#include <stddef.h>
#include "results.h"
#include "campaign/strbuf.h"

int report_junit(const ct_run_result *run, const char *path, char *err, size_t errlen);
int report_html(const ct_run_result *run, const char *path, char *err, size_t errlen);
int report_json(const ct_run_result *run, const char *path, char *err, size_t errlen);

/* Append s escaped for XML/HTML text or attribute values (xml.h): & < > " '
 * become entities, invalid UTF-8 bytes, DEL and the characters XML 1.0
 * cannot carry become U+FFFD, and at most max bytes of s are used (0 =
 * all; a cut is marked "... (truncated, N bytes in all)").  Nothing for
 * a NULL s. */
void sb_xml_escape(strbuf *b, const char *s, size_t max);

/* The same for an XML attribute value: newline, tab and carriage return
 * (the cut's mark included) as references, which a parser keeps. */
void sb_xml_attr(strbuf *b, const char *s, size_t max);

/* Copy of s with invalid UTF-8 replaced by U+FFFD (malloc'd; "" for NULL). */
char *ct_utf8_clean(const char *s);

/* "2026-05-01T12:00:00Z" for t. */
void ct_iso_time(time_t t, char out[32]);

#endif
