/* report_html.c - one self-contained HTML page for people.
 *
 * No external assets (inline CSS, no scripts): the file can be attached to
 * a CI run and opened anywhere, and reads fully without JavaScript.  It is
 * written for triage: the verdict first, then an index of the failing
 * steps (a line each, linking down), then each failing scenario in detail
 * (report_html_step.c), then every other scenario on one line - no bodies
 * of passed steps, which keeps a green run's page small - then the
 * conformance matrix (failing rows first).  Every text is escaped. */
#include "report.h"
#include "report_html.h"
#include "matrix.h"
#include "finding_parts.h"

#include <stdio.h>
#include <string.h>

/* Characters of a finding the index quotes. */
#define INDEX_QUOTE 200

static const char CSS[] =
    "body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1d1d1f;background:#fafafa}"
    "h1{font-size:1.3em;margin:0 0 .3em}h2{font-size:1.15em;margin:1.6em 0 .5em}h3{font-size:1.05em;margin:.2em 0}"
    "h4{margin:.3em 0}.verdict{font-size:2em;font-weight:700;padding:.4em .7em;border-radius:8px;margin:.5em 0}"
    ".verdict.failed{background:#fde7e5}.verdict.passed{background:#e3f4e8}"
    ".totals{display:flex;gap:1em;margin:1em 0;flex-wrap:wrap}.totals div{padding:.4em .8em;border-radius:6px;background:#fff;border:1px solid #ddd}"
    ".n{font-size:1.3em;font-weight:600;display:block}"
    ".passed{color:#17703a}.failed,.error{color:#b3261e}.skipped,.notrun{color:#8a6d00}"
    "ol.index{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.5em .5em .5em 2.5em}"
    "ol.index li{margin:.15em 0}.why{color:#444}"
    "section.scen{background:#fff;border:1px solid #ddd;border-left:4px solid #b3261e;border-radius:6px;margin:.8em 0;padding:.5em .9em}"
    ".line{margin:.1em 0}.step{border-top:1px solid #eee;border-left:3px solid #b3261e;padding:.3em 0 .3em .6em}"
    ".file{color:#666;font-weight:400;font-size:.9em}"
    "ul.scens{list-style:none;padding:0;margin:.3em 0}ul.scens li{padding:.15em .4em;border-bottom:1px solid #eee}"
    "details{margin:.3em 0}summary{cursor:pointer}details.msg>summary{font-weight:600}"
    "details.fold>summary{color:#555;font-size:.9em}"
    "pre{background:#f3f3f3;padding:.6em;margin:.3em 0;overflow:auto;white-space:pre-wrap;word-break:break-all}"
    "mark{background:#ffd54f;color:#000;outline:2px solid #b3261e}"
    "table{border-collapse:collapse;margin:.5em 0;width:100%}td,th{border-bottom:1px solid #eee;padding:.25em .5em;text-align:left;vertical-align:top}"
    "caption{text-align:left;font-weight:600}table.ea td{font-family:ui-monospace,monospace;font-size:.92em;word-break:break-word}"
    "td.at{width:30%}td.want{background:#eef7ee;width:35%}td.got{background:#fbecea;width:35%}"
    "ul.notes{margin:.1em 0;padding-left:1.4em;color:#8a6d00;font-size:.92em}ul.findings{margin:.3em 0;padding-left:1.2em}ul.findings li{color:#b3261e}"
    "tr.failed td:first-child{border-left:4px solid #b3261e}tr.passed td:first-child{border-left:4px solid #17703a}"
    "tr.notrun td:first-child,tr.unexercised td:first-child{border-left:4px solid #c9a100}.unexercised{color:#8a6d00}"
    "td.files{font-size:.9em}";

const char *ct_html_class(ct_outcome o)
{
    switch (o) {
    case CT_PASS: return "passed";
    case CT_FAIL: return "failed";
    case CT_ERROR: return "error";
    case CT_SKIP: return "skipped";
    default: return "notrun";
    }
}

int ct_html_bad(ct_outcome o) { return o == CT_FAIL || o == CT_ERROR; }

static void esc(strbuf *b, const char *s) { sb_xml_escape(b, s ? s : "", 0); }

/* What went wrong with a step, in words: its first finding, read back
 * (finding_parts.h) so that an "every item" finding names the item and
 * its values, else as recorded; with no finding, its message. */
static void first_problem(strbuf *b, const ct_step_result *st)
{
    ct_finding_parts p;
    if (!st->ndetails) { sb_xml_escape(b, st->message ? st->message : "", INDEX_QUOTE); return; }
    if (ct_finding_parse(st->details[0], &p) == 0 && p.where && p.expected && p.actual) {
        strbuf w = {0};
        sb_printf(&w, "%s: expected %s, got %s", p.is_pointer && !p.where[0] ? "(root)" : p.where, p.expected,
                  p.actual);
        if (w.oom) b->oom = 1;
        else sb_xml_escape(b, w.data, INDEX_QUOTE);
        sb_free(&w);
    } else {
        sb_xml_escape(b, st->details[0], INDEX_QUOTE);
    }
    ct_finding_parts_clear(&p);
    if (st->ndetails > 1) sb_printf(b, " <span class=\"file\">(and %zu more)</span>", st->ndetails - 1);
}

static int has_bad_step(const ct_scenario_result *sc)
{
    for (size_t t = 0; t < sc->nsteps; t++) if (ct_html_bad(sc->steps[t].outcome)) return 1;
    return 0;
}

/* The index line's start: the link to href, named scenario > step. */
static void index_link(strbuf *b, const ct_scenario_result *sc, const char *href, const char *step)
{
    sb_printf(b, "<li><a href=\"#%s\">", href);
    esc(b, sc->name);
    if (step) { sb_puts(b, " &rsaquo; "); esc(b, step); }
    sb_puts(b, "</a> <span class=\"why\">");
}

/* One line per failing step (a failing scenario with no failing step,
 * e.g. a case that could not run: one line for it). */
static void index_html(strbuf *b, const ct_run_result *run)
{
    sb_puts(b, "<h2 id=\"index\">Failures</h2>\n<ol class=\"index\">\n");
    for (size_t s = 0; s < run->nscen; s++) {
        const ct_scenario_result *sc = &run->scen[s];
        if (!ct_html_bad(sc->outcome)) continue;
        char href[48];
        if (!has_bad_step(sc)) {
            snprintf(href, sizeof href, "s%zu", s);
            index_link(b, sc, href, NULL);
            sb_xml_escape(b, sc->message ? sc->message : ct_outcome_name(sc->outcome), INDEX_QUOTE);
            sb_puts(b, "</span></li>\n");
        }
        for (size_t t = 0; t < sc->nsteps; t++) {
            if (!ct_html_bad(sc->steps[t].outcome)) continue;
            snprintf(href, sizeof href, "f%zu-%zu", s, t);
            index_link(b, sc, href, sc->steps[t].name);
            first_problem(b, &sc->steps[t]);
            sb_puts(b, "</span></li>\n");
        }
    }
    sb_puts(b, "</ol>\n");
}

static void scenario_meta(strbuf *b, const ct_scenario_result *s)
{
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
    sb_puts(b, "</span>");
}

/* A step's notes (differential mode: where the server differs from the
 * reference's choice without failing), which a passed step keeps. */
static void notes_html(strbuf *b, const ct_step_result *st, int with_name)
{
    if (!st->nnotes) return;
    sb_puts(b, "<ul class=\"notes\">");
    for (size_t i = 0; i < st->nnotes; i++) {
        sb_puts(b, "<li>");
        if (with_name) { esc(b, st->name); sb_puts(b, ": "); }
        esc(b, st->notes[i]);
        sb_puts(b, "</li>");
    }
    sb_puts(b, "</ul>");
}

/* A step that is not detailed: one line (and its notes). */
static void step_line(strbuf *b, const ct_step_result *st)
{
    sb_printf(b, "<div class=\"line\"><span class=\"%s\">%s</span> ", ct_html_class(st->outcome),
              ct_outcome_name(st->outcome));
    esc(b, st->name);
    if (st->http_status) sb_printf(b, " <span class=\"file\">HTTP %ld, %.3f s</span>", st->http_status, st->seconds);
    if (st->message) { sb_puts(b, " <span class=\"file\">"); esc(b, st->message); sb_puts(b, "</span>"); }
    notes_html(b, st, 0);
    sb_puts(b, "</div>\n");
}

static void failing_scenario(strbuf *b, const ct_scenario_result *sc, size_t s)
{
    sb_printf(b, "<section class=\"scen\" id=\"s%zu\"><h3><span class=\"%s\">%s</span> ", s,
              ct_html_class(sc->outcome), ct_outcome_name(sc->outcome));
    esc(b, sc->name);
    sb_puts(b, "</h3>");
    scenario_meta(b, sc);
    /* its message repeats the first failing step's finding, shown below */
    if (sc->message && !has_bad_step(sc)) { sb_puts(b, "<p>"); esc(b, sc->message); sb_puts(b, "</p>"); }
    sb_puts(b, "\n");
    for (size_t t = 0; t < sc->nsteps; t++) {
        if (ct_html_bad(sc->steps[t].outcome)) ct_html_failing_step(b, &sc->steps[t], s, t);
        else step_line(b, &sc->steps[t]);
    }
    sb_puts(b, "</section>\n");
}

/* Every scenario that did not fail: one line, no steps. */
static void other_scenarios(strbuf *b, const ct_run_result *run)
{
    sb_puts(b, "<h2 id=\"others\">Other scenarios</h2>\n<ul class=\"scens\">\n");
    for (size_t s = 0; s < run->nscen; s++) {
        const ct_scenario_result *sc = &run->scen[s];
        if (ct_html_bad(sc->outcome)) continue;
        sb_printf(b, "<li><span class=\"%s\">%s</span> ", ct_html_class(sc->outcome), ct_outcome_name(sc->outcome));
        esc(b, sc->name);
        scenario_meta(b, sc);
        if (sc->message) { sb_puts(b, " &mdash; "); esc(b, sc->message); }
        for (size_t t = 0; t < sc->nsteps; t++) notes_html(b, &sc->steps[t], 1);
        sb_puts(b, "</li>\n");
    }
    sb_puts(b, "</ul>\n");
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
                sb_printf(b, "%s<span class=\"%s\">", k ? "<br>" : "", ct_html_class(s->outcome));
                esc(b, s->file);
                sb_puts(b, "</span>");
            }
            sb_puts(b, "</td></tr>\n");
        }
    sb_puts(b, "</table>\n");
}

static void header_html(strbuf *b, const ct_run_result *run, const ct_totals *t)
{
    char ts[32];
    ct_iso_time(run->started, ts);
    sb_puts(b, "<h1>campaign-test report</h1><p class=\"file\">");
    esc(b, run->base_url);
    if (run->reference_url) {
        sb_puts(b, " &middot; compared with the reference ");
        esc(b, run->reference_url);
        sb_printf(b, " (%zu difference%s from its choices)", t->notes, t->notes == 1 ? "" : "s");
    }
    sb_printf(b, " &middot; started %s &middot; %.2f s &middot; campaign-test %s</p>\n", ts, run->seconds, CT_VERSION);
    size_t all = t->scen_passed + t->scen_failed + t->scen_skipped;
    if (t->scen_failed)
        sb_printf(b, "<div class=\"verdict failed\">%zu of %zu scenarios failed</div>\n", t->scen_failed, all);
    else if (t->scen_skipped)
        sb_printf(b, "<div class=\"verdict passed\">No failures: %zu passed, %zu skipped or not run</div>\n",
                  t->scen_passed, t->scen_skipped);
    else
        sb_printf(b, "<div class=\"verdict passed\">All %zu scenarios passed</div>\n", all);
    if (run->interrupted) sb_puts(b, "<p><strong class=\"failed\">interrupted: unfinished steps are marked not run</strong></p>\n");
    if (run->stopped) sb_puts(b, "<p><strong class=\"failed\">stopped early (--fail-fast)</strong></p>\n");
}

static void totals_html(strbuf *b, const ct_run_result *run, const ct_totals *t, const ct_matrix *m)
{
    sb_puts(b, "<div class=\"totals\">");
    sb_printf(b, "<div><span class=\"n passed\">%zu</span>scenarios passed</div>", t->scen_passed);
    sb_printf(b, "<div><span class=\"n failed\">%zu</span>scenarios failed</div>", t->scen_failed);
    sb_printf(b, "<div><span class=\"n skipped\">%zu</span>scenarios skipped / not run</div>", t->scen_skipped);
    sb_printf(b, "<div><span class=\"n\">%zu / %zu / %zu / %zu</span>steps passed / failed / errors / skipped</div>",
              t->steps_passed, t->steps_failed, t->steps_errored, t->steps_skipped);
    if (m && run->have_rows)
        sb_printf(b, "<div><span class=\"n\">%zu / %zu</span><a href=\"#matrix\">contract rows exercised</a></div>",
                  m->exercised, m->documented);
    sb_puts(b, "</div>\n");
}

int report_html(const ct_run_result *run, const char *path, char *err, size_t errlen)
{
    strbuf b = {0};
    ct_totals t;
    ct_run_totals(run, &t);
    sb_printf(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                  "<title>campaign-test report</title><style>%s</style></head><body>\n", CSS);
    header_html(&b, run, &t);
    ct_matrix m;
    int have_matrix = ct_matrix_build(run, &m) == 0;
    if (!have_matrix) b.oom = 1;
    totals_html(&b, run, &t, have_matrix ? &m : NULL);
    if (t.scen_failed) {
        index_html(&b, run);
        sb_puts(&b, "<h2 id=\"details\">Failing scenarios</h2>\n");
        for (size_t s = 0; s < run->nscen; s++)
            if (ct_html_bad(run->scen[s].outcome)) failing_scenario(&b, &run->scen[s], s);
    }
    other_scenarios(&b, run);
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
