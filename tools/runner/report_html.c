/* report_html.c - one self-contained HTML page for people.
 *
 * No external assets (inline CSS, no scripts): the file can be attached to
 * a CI run and opened anywhere.  Order: the totals, then scenarios with
 * failures (each failing step showing its findings, the expectation, the
 * request and the response), then the rest, then the conformance matrix
 * (a line per contract row: failing rows first).  Every text is escaped. */
#include "report.h"
#include "matrix.h"

#include <stdio.h>
#include <string.h>

#define ECHO_MAX (16 * 1024)

static const char CSS[] =
    "body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1d1d1f;background:#fafafa}"
    "h1{font-size:1.4em;margin:0 0 .3em}h2{font-size:1.1em;margin:1.6em 0 .5em}"
    ".totals{display:flex;gap:1em;margin:1em 0}.totals div{padding:.6em 1em;border-radius:6px;background:#fff;border:1px solid #ddd}"
    ".n{font-size:1.6em;font-weight:600;display:block}"
    ".passed{color:#17703a}.failed,.error{color:#b3261e}.skipped,.notrun{color:#8a6d00}"
    "details{background:#fff;border:1px solid #ddd;border-radius:6px;margin:.4em 0;padding:.3em .8em}"
    "details.failed,details.error{border-left:4px solid #b3261e}details.passed{border-left:4px solid #17703a}"
    "details.skipped,details.notrun{border-left:4px solid #c9a100}"
    "summary{cursor:pointer;font-weight:600}.file{color:#666;font-weight:400;font-size:.9em}"
    "pre{background:#f3f3f3;padding:.6em;overflow:auto;max-height:30em;white-space:pre-wrap;word-break:break-all}"
    "table{border-collapse:collapse;margin:.5em 0;width:100%}td,th{border-bottom:1px solid #eee;padding:.25em .5em;text-align:left;vertical-align:top}"
    "ul.findings{margin:.3em 0;padding-left:1.2em}ul.findings li{color:#b3261e}"
    "tr.failed td:first-child{border-left:4px solid #b3261e}tr.passed td:first-child{border-left:4px solid #17703a}"
    "tr.notrun td:first-child,tr.unexercised td:first-child{border-left:4px solid #c9a100}.unexercised{color:#8a6d00}"
    "td.files{font-size:.9em}";

static const char *cls(ct_outcome o)
{
    switch (o) {
    case CT_PASS: return "passed";
    case CT_FAIL: return "failed";
    case CT_ERROR: return "error";
    case CT_SKIP: return "skipped";
    default: return "notrun";
    }
}

static void esc(strbuf *b, const char *s) { sb_xml_escape(b, s ? s : "", 0); }

static void pre(strbuf *b, const char *title, const char *text)
{
    if (!text) return;
    sb_printf(b, "<h4>%s</h4><pre>", title);
    sb_xml_escape(b, text, ECHO_MAX);
    sb_puts(b, "</pre>");
}

static void step_html(strbuf *b, const ct_step_result *st)
{
    int bad = st->outcome == CT_FAIL || st->outcome == CT_ERROR;
    sb_printf(b, "<details class=\"%s\"%s><summary>", cls(st->outcome), bad ? " open" : "");
    esc(b, st->name);
    sb_printf(b, " &mdash; <span class=\"%s\">%s%s</span>", cls(st->outcome), ct_outcome_name(st->outcome),
              st->undecided ? " (undecided)" : "");
    if (st->http_status) sb_printf(b, " <span class=\"file\">HTTP %ld, %.3f s</span>", st->http_status, st->seconds);
    sb_puts(b, "</summary>");
    if (st->message && !bad) { sb_puts(b, "<p>"); esc(b, st->message); sb_puts(b, "</p>"); }
    if (bad) {
        sb_puts(b, "<h4>What was seen</h4><ul class=\"findings\">");
        if (st->ndetails == 0) { sb_puts(b, "<li>"); esc(b, st->message); sb_puts(b, "</li>"); }
        for (size_t i = 0; i < st->ndetails; i++) { sb_puts(b, "<li>"); esc(b, st->details[i]); sb_puts(b, "</li>"); }
        sb_puts(b, "</ul>");
    }
    if (st->nnotes) {
        sb_puts(b, "<h4>Differs from the reference&#39;s choice</h4><ul>");
        for (size_t i = 0; i < st->nnotes; i++) { sb_puts(b, "<li>"); esc(b, st->notes[i]); sb_puts(b, "</li>"); }
        sb_puts(b, "</ul>");
    }
    pre(b, "Expectation", st->expectation);
    pre(b, "Request", st->request);
    pre(b, "Response", st->response);
    sb_puts(b, "</details>\n");
}

static void scenario_html(strbuf *b, const ct_scenario_result *s)
{
    int bad = s->outcome == CT_FAIL || s->outcome == CT_ERROR;
    sb_printf(b, "<details class=\"%s\"%s><summary>", cls(s->outcome), bad ? " open" : "");
    sb_printf(b, "<span class=\"%s\">%s</span> ", cls(s->outcome), ct_outcome_name(s->outcome));
    esc(b, s->name);
    sb_puts(b, " <span class=\"file\">");
    esc(b, s->file);
    sb_printf(b, " &middot; %zu steps &middot; %.3f s", s->nsteps, s->seconds);
    if (s->ntags) {
        sb_puts(b, " &middot; ");
        for (size_t i = 0; i < s->ntags; i++) { if (i) sb_puts(b, ", "); esc(b, s->tags[i]); }
    }
    if (s->ncovers) {
        sb_puts(b, " &middot; covers ");
        for (size_t i = 0; i < s->ncovers; i++) { if (i) sb_puts(b, ", "); esc(b, s->covers[i]); }
    }
    sb_puts(b, "</span></summary>");
    if (s->message) { sb_puts(b, "<p>"); esc(b, s->message); sb_puts(b, "</p>"); }
    for (size_t i = 0; i < s->nsteps; i++) step_html(b, &s->steps[i]);
    sb_puts(b, "</details>\n");
}

/* The rank of a matrix row in the table: failing first, then passing,
 * then rows whose scenarios did not run, then rows no scenario covers. */
static int row_rank(const ct_matrix_row *r)
{
    return r->failed ? 0 : r->passed ? 1 : r->nscen ? 2 : 3;
}

static void matrix_html(strbuf *b, const ct_run_result *run, const ct_matrix *m)
{
    sb_puts(b, "<h2 id=\"matrix\">Conformance matrix</h2>\n<p>");
    if (run->have_rows)
        sb_printf(b, "%zu of %zu documented rows exercised (a scenario that covers the row ran). ",
                  m->exercised, m->documented);
    sb_puts(b, "Failing rows first, then passing, not run and not exercised ones; a row counts each "
               "scenario that covers it.</p>\n<table><tr><th>row</th><th>behaviour</th><th>result</th>"
               "<th>passed</th><th>failed</th><th>not run</th><th>scenarios</th></tr>\n");
    static const char *const label[] = { "failed", "passed", "not run", "not exercised" };
    static const char *const klass[] = { "failed", "passed", "notrun", "unexercised" };
    for (int rank = 0; rank < 4; rank++)
        for (size_t i = 0; i < m->n; i++) {
            const ct_matrix_row *r = &m->rows[i];
            if (row_rank(r) != rank) continue;
            sb_printf(b, "<tr class=\"%s\"><td>", klass[rank]);
            esc(b, r->id);
            sb_puts(b, "</td><td>");
            if (r->title) esc(b, r->title);
            else sb_puts(b, "<span class=\"file\">(not in the row list)</span>");
            sb_printf(b, "</td><td class=\"%s\">%s</td><td>%zu</td><td>%zu</td><td>%zu</td><td class=\"files\">",
                      klass[rank], label[rank], r->passed, r->failed, r->notrun);
            for (size_t k = 0; k < r->nscen; k++) {
                const ct_scenario_result *s = &run->scen[r->scen[k]];
                sb_printf(b, "%s<span class=\"%s\">", k ? "<br>" : "", cls(s->outcome));
                esc(b, s->file);
                sb_puts(b, "</span>");
            }
            sb_puts(b, "</td></tr>\n");
        }
    sb_puts(b, "</table>\n");
}

int report_html(const ct_run_result *run, const char *path, char *err, size_t errlen)
{
    strbuf b = {0};
    ct_totals t;
    ct_run_totals(run, &t);
    char ts[32];
    ct_iso_time(run->started, ts);
    sb_printf(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                  "<title>campaign-test report</title><style>%s</style></head><body>\n", CSS);
    sb_puts(&b, "<h1>campaign-test report</h1><p>");
    esc(&b, run->base_url);
    if (run->reference_url) {
        sb_puts(&b, " &middot; compared with the reference ");
        esc(&b, run->reference_url);
        sb_printf(&b, " (%zu difference%s from its choices)", t.notes, t.notes == 1 ? "" : "s");
    }
    sb_printf(&b, " &middot; started %s &middot; %.2f s &middot; campaign-test %s", ts, run->seconds, CT_VERSION);
    if (run->interrupted) sb_puts(&b, " &middot; <strong class=\"failed\">interrupted: unfinished steps are marked not run</strong>");
    if (run->stopped) sb_puts(&b, " &middot; <strong class=\"failed\">stopped early (--fail-fast)</strong>");
    sb_puts(&b, "</p>\n<div class=\"totals\">");
    sb_printf(&b, "<div><span class=\"n passed\">%zu</span>scenarios passed</div>", t.scen_passed);
    sb_printf(&b, "<div><span class=\"n failed\">%zu</span>scenarios failed</div>", t.scen_failed);
    sb_printf(&b, "<div><span class=\"n skipped\">%zu</span>scenarios skipped / not run</div>", t.scen_skipped);
    sb_printf(&b, "<div><span class=\"n\">%zu / %zu / %zu / %zu</span>steps passed / failed / errors / skipped</div>",
              t.steps_passed, t.steps_failed, t.steps_errored, t.steps_skipped);
    ct_matrix m;
    int have_matrix = ct_matrix_build(run, &m) == 0;
    if (!have_matrix) b.oom = 1;
    if (have_matrix && run->have_rows)
        sb_printf(&b, "<div><span class=\"n\">%zu / %zu</span><a href=\"#matrix\">contract rows exercised</a></div>",
                  m.exercised, m.documented);
    sb_puts(&b, "</div>\n");
    /* Failures first, then the rest in case order. */
    if (t.scen_failed) {
        sb_puts(&b, "<h2>Failures</h2>\n");
        for (size_t i = 0; i < run->nscen; i++)
            if (run->scen[i].outcome == CT_FAIL || run->scen[i].outcome == CT_ERROR) scenario_html(&b, &run->scen[i]);
    }
    sb_puts(&b, "<h2>All other scenarios</h2>\n");
    for (size_t i = 0; i < run->nscen; i++)
        if (!(run->scen[i].outcome == CT_FAIL || run->scen[i].outcome == CT_ERROR)) scenario_html(&b, &run->scen[i]);
    if (have_matrix) {
        matrix_html(&b, run, &m);
        ct_matrix_free(&m);
    }
    sb_puts(&b, "</body></html>\n");
    if (b.oom) { snprintf(err, errlen, "out of memory"); sb_free(&b); return -1; }
    int rc = ct_write_atomic(path, b.data, b.len);
    if (rc != 0) snprintf(err, errlen, "%s: cannot write: %m", path);
    sb_free(&b);
    return rc;
}
