/* report_html.h - the parts of the HTML report (report_html.c) shared
 * between its files: the anchors and the failing step's block. */
#ifndef REPORT_HTML_H
#define REPORT_HTML_H

#include <stddef.h>
#include "results.h"
#include "campaign/strbuf.h"

/* Lines of a body shown before the rest is folded (html_fold.h). */
#define CT_HTML_FOLD 40

/* The CSS class of an outcome: "passed", "failed", "error", "skipped", "notrun". */
const char *ct_html_class(ct_outcome o);

/* 1 for a failed or errored outcome: what the report details. */
int ct_html_bad(ct_outcome o);

/* The ids of the page: a failing step "f<S>-<T>", the values its findings
 * point at "v<S>-<T>-<K>" (ct_json_html), a failing scenario "s<S>"; S
 * and T are indexes in the run. */

/* Append step T of scenario S, which failed or errored, with everything
 * needed to triage it: a table of its findings with expected and actual
 * side by side (each pointer linked to its value), the response body
 * pretty-printed with those values marked and folded past CT_HTML_FOLD
 * lines, then the request and the expectation folded away. */
void ct_html_failing_step(strbuf *b, const ct_step_result *st, size_t s, size_t t);

#endif
