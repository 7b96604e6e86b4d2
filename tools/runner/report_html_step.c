/* report_html_step.c - a failing step in the HTML report (report_html.h):
 * what was expected beside what came, and the response laid out with the
 * wrong values marked, so a reader finds them without hunting. */
#include "report_html.h"
#include "finding_parts.h"
#include "html_fold.h"
#include "json_html.h"
#include "report.h"
#include "campaign/xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void esc(strbuf *b, const char *s) { sb_xml_escape(b, s ? s : "", 0); }

/* The parsed findings of a step, and the pointers among them. */
typedef struct step_findings {
    ct_finding_parts *parts;  /* one per detail */
    size_t n;
    const char **ptrs;        /* the pointers of parts that have one */
    size_t *ptr_of;           /* parts[i]'s index in ptrs, or (size_t)-1 */
    size_t nptrs;
    int *placed;              /* ct_json_html's answer per pointer */
} step_findings;

static int findings_parse(const ct_step_result *st, step_findings *f)
{
    memset(f, 0, sizeof *f);
    size_t n = st->ndetails;
    if (!n) return 0;
    f->parts = calloc(n, sizeof *f->parts);
    f->ptrs = calloc(n, sizeof *f->ptrs);
    f->ptr_of = calloc(n, sizeof *f->ptr_of);
    f->placed = calloc(n, sizeof *f->placed);
    if (!f->parts || !f->ptrs || !f->ptr_of || !f->placed) return -1;
    f->n = n;
    for (size_t i = 0; i < n; i++) {
        if (ct_finding_parse(st->details[i], &f->parts[i]) != 0) return -1;
        f->ptr_of[i] = (size_t)-1;
        if (f->parts[i].is_pointer) { f->ptr_of[i] = f->nptrs; f->ptrs[f->nptrs++] = f->parts[i].where; }
    }
    return 0;
}

static void findings_free(step_findings *f)
{
    for (size_t i = 0; f->parts && i < f->n; i++) ct_finding_parts_clear(&f->parts[i]);
    free(f->parts);
    free(f->ptrs);
    free(f->ptr_of);
    free(f->placed);
}

/* The mark a pointer's value got: the first pointer naming the same text
 * (ct_json_html marks a value once, with the first id). */
static size_t mark_of(const step_findings *f, size_t k)
{
    for (size_t j = 0; j < k; j++)
        if (f->placed[j] && strcmp(f->ptrs[j], f->ptrs[k]) == 0) return j;
    return k;
}

static void where_cell(strbuf *b, const step_findings *f, size_t i, size_t s, size_t t)
{
    const ct_finding_parts *p = &f->parts[i];
    size_t k = f->ptr_of[i];
    sb_puts(b, "<td class=\"at\">");
    if (k != (size_t)-1 && f->placed[k]) sb_printf(b, "<a href=\"#v%zu-%zu-%zu\">", s, t, mark_of(f, k));
    esc(b, p->is_pointer && !p->where[0] ? "(root)" : p->where);
    if (k != (size_t)-1 && f->placed[k]) sb_puts(b, "</a>");
    sb_puts(b, "</td>");
}

/* The findings as a table: at / expected / actual; a finding in no known
 * form spans the row. */
static void findings_table(strbuf *b, const ct_step_result *st, const step_findings *f, size_t s, size_t t)
{
    sb_puts(b, "<table class=\"ea\"><caption>What was seen</caption><tr><th>at</th><th>expected</th><th>actual</th></tr>\n");
    for (size_t i = 0; i < f->n; i++) {
        const ct_finding_parts *p = &f->parts[i];
        sb_puts(b, "<tr>");
        if (!p->where || !p->expected) {
            sb_puts(b, "<td colspan=\"3\">");
            esc(b, st->details[i]);
            sb_puts(b, "</td></tr>\n");
            continue;
        }
        where_cell(b, f, i, s, t);
        sb_puts(b, "<td class=\"want\">");
        esc(b, p->expected);
        sb_puts(b, "</td><td class=\"got\">");
        if (p->actual) esc(b, p->actual);
        else if (p->is_pointer && f->placed[f->ptr_of[i]]) sb_puts(b, "<span class=\"file\">(marked in the response)</span>");
        else sb_puts(b, "<span class=\"file\">(not found in the response)</span>");
        sb_puts(b, "</td></tr>\n");
    }
    sb_puts(b, "</table>\n");
    sb_puts(b, "<details class=\"fold\"><summary>the findings as recorded</summary><ul class=\"findings\">");
    for (size_t i = 0; i < f->n; i++) { sb_puts(b, "<li>"); esc(b, st->details[i]); sb_puts(b, "</li>"); }
    sb_puts(b, "</ul></details>\n");
}

/* An echoed message ("START LINE\nheaders\n\nbody"): the head folded, the
 * body laid out (json_html.h) and folded. */
static void message_html(strbuf *b, const char *title, const char *text, const step_findings *f,
                         const char *id, int open)
{
    const char *sep = strstr(text, "\n\n");
    size_t head = sep ? (size_t)(sep - text) : strlen(text);
    const char *nl = memchr(text, '\n', head);
    size_t first = nl ? (size_t)(nl - text) : head;
    sb_printf(b, "<details class=\"msg\"%s><summary>%s <code>", open ? " open" : "", title);
    xml_escape(b, text, first, XML_APOS);
    sb_puts(b, "</code></summary>");
    if (nl) {
        char *h = strndup(nl + 1, head - first - 1);
        sb_puts(b, "<details class=\"fold\"><summary>headers</summary><pre>");
        if (h) esc(b, h);
        else b->oom = 1;
        sb_puts(b, "</pre></details>");
        free(h);
    }
    if (sep && sep[2]) {
        strbuf body = {0};
        ct_json_html(&body, sep + 2, f ? f->ptrs : NULL, f ? f->nptrs : 0, id, f ? f->placed : NULL);
        if (body.oom) b->oom = 1;
        else ct_html_fold(b, body.data, CT_HTML_FOLD);
        sb_free(&body);
    }
    sb_puts(b, "</details>\n");
}

void ct_html_failing_step(strbuf *b, const ct_step_result *st, size_t s, size_t t)
{
    step_findings f;
    if (findings_parse(st, &f) != 0) b->oom = 1;
    sb_printf(b, "<div class=\"step\" id=\"f%zu-%zu\"><h4>", s, t);
    esc(b, st->name);
    sb_printf(b, " &mdash; <span class=\"%s\">%s%s</span>", ct_html_class(st->outcome), ct_outcome_name(st->outcome),
              st->undecided ? " (undecided)" : "");
    if (st->http_status) sb_printf(b, " <span class=\"file\">HTTP %ld, %.3f s</span>", st->http_status, st->seconds);
    sb_puts(b, "</h4>\n");
    if (st->message && st->ndetails == 0) { sb_puts(b, "<p class=\"failed\">"); esc(b, st->message); sb_puts(b, "</p>"); }
    /* The body first, so ct_json_html says which pointers it could mark
     * before the table links to them; the table is written into its own
     * buffer and placed above. */
    strbuf resp = {0};
    char id[64];
    snprintf(id, sizeof id, "v%zu-%zu", s, t);
    if (st->response) message_html(&resp, "Response", st->response, f.n ? &f : NULL, id, 1);
    if (f.n) findings_table(b, st, &f, s, t);
    if (st->nnotes) {
        sb_puts(b, "<h5>Differs from the reference&#39;s choice</h5><ul>");
        for (size_t i = 0; i < st->nnotes; i++) { sb_puts(b, "<li>"); esc(b, st->notes[i]); sb_puts(b, "</li>"); }
        sb_puts(b, "</ul>");
    }
    if (resp.oom) b->oom = 1;
    else if (resp.len) sb_append(b, resp.data, resp.len);
    sb_free(&resp);
    if (st->request) message_html(b, "Request", st->request, NULL, NULL, 0);
    if (st->expectation) {
        sb_puts(b, "<details class=\"msg\"><summary>Expectation</summary><pre>");
        esc(b, st->expectation);
        sb_puts(b, "</pre></details>\n");
    }
    sb_puts(b, "</div>\n");
    findings_free(&f);
}
