/* json_html.h - a response body as HTML text for the report: JSON laid
 * out one member a line, and the values the findings point at marked.
 *
 * Output is text for inside a <pre>: every character of the body is
 * escaped (report.h's sb_xml_escape), and the only tags are <mark>s. */
#ifndef JSON_HTML_H
#define JSON_HTML_H

#include <stddef.h>
#include "campaign/strbuf.h"

/* Append body (a C string) to b.  When it parses as JSON: pretty-printed
 * with an indent of 2, members in the body's order, numbers and strings
 * as the body wrote them; the value each of the nptrs JSON Pointers ptrs
 * names is wrapped in <mark id="ID-K"> (id a prefix safe in an attribute,
 * K the pointer's index; a value two pointers name is marked once, with
 * the first one's id).  placed (NULL, or nptrs entries) gets 1 for each
 * pointer whose value was marked (the id to link to is then the first K
 * naming the same value), 0 for one that names nothing.  Otherwise (not
 * JSON, or cut short by the runner's echo limit) the body as it is,
 * escaped, and nothing marked.  Returns 1 when laid out as JSON, else 0. */
int ct_json_html(strbuf *b, const char *body, const char *const *ptrs, size_t nptrs, const char *id,
                 int *placed);

#endif
