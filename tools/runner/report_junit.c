/* report_junit.c - JUnit XML (the schema in ../shared/junit/junit-10.xsd).
 *
 * Mapping: a <testsuite> per scenario file, a <testcase> per step.  A broken
 * expectation is <failure>, transport or runtime trouble is <error>, steps
 * skipped or never reached are <skipped> with the reason.  <system-out>
 * carries the redacted request and response, each cut to a few KB.  Each
 * testsuite's properties: tags, result, baseUrl and covers (the contract
 * rows the scenario exercises, comma-separated). */
#include "report.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define ECHO_MAX 4096

static void attr(strbuf *b, const char *name, const char *value)
{
    sb_printf(b, " %s=\"", name);
    sb_xml_attr(b, value ? value : "", 1000);
    sb_puts(b, "\"");
}

static void step_xml(strbuf *b, const ct_scenario_result *s, const ct_step_result *st)
{
    sb_puts(b, "    <testcase");
    attr(b, "name", st->name);
    attr(b, "classname", s->file);
    sb_printf(b, " time=\"%.3f\">\n", st->seconds);
    if (st->outcome == CT_FAIL || st->outcome == CT_ERROR) {
        const char *tag = st->outcome == CT_FAIL ? "failure" : "error";
        sb_printf(b, "      <%s", tag);
        attr(b, "type", st->outcome == CT_FAIL ? "expectation" : st->undecided ? "undecided" : "transport-or-runtime");
        attr(b, "message", st->message);
        sb_puts(b, ">");
        if (st->ndetails == 0) sb_xml_escape(b, st->message, 0);
        for (size_t i = 0; i < st->ndetails; i++) {
            sb_xml_escape(b, st->details[i], 2000);
            sb_puts(b, "\n");
        }
        if (st->expectation) {
            sb_puts(b, "\nexpected:\n");
            sb_xml_escape(b, st->expectation, ECHO_MAX);
        }
        sb_printf(b, "</%s>\n", tag);
    } else if (st->outcome == CT_SKIP || st->outcome == CT_NOTRUN) {
        sb_puts(b, "      <skipped");
        attr(b, "message", st->message ? st->message : ct_outcome_name(st->outcome));
        sb_puts(b, "/>\n");
    }
    if (st->request || st->response || st->nnotes) {
        sb_puts(b, "      <system-out>");
        for (size_t i = 0; i < st->nnotes; i++) {
            sb_puts(b, "DIFFERS FROM THE REFERENCE'S CHOICE: ");
            sb_xml_escape(b, st->notes[i], 2000);
            sb_puts(b, "\n");
        }
        if (st->nnotes) sb_puts(b, "\n");
        if (st->request) { sb_puts(b, "REQUEST\n"); sb_xml_escape(b, st->request, ECHO_MAX); sb_puts(b, "\n\n"); }
        if (st->response) { sb_puts(b, "RESPONSE\n"); sb_xml_escape(b, st->response, ECHO_MAX); sb_puts(b, "\n"); }
        sb_puts(b, "</system-out>\n");
    }
    sb_puts(b, "    </testcase>\n");
}

int report_junit(const ct_run_result *run, const char *path, char *err, size_t errlen)
{
    strbuf b = {0};
    ct_totals t;
    ct_run_totals(run, &t);
    char ts[32], host[256] = "localhost";
    ct_iso_time(run->started, ts);
    ts[19] = '\0';  /* the XSD's timestamp is a plain string; keep the usual form */
    gethostname(host, sizeof host - 1);
    sb_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"campaign-test\"");
    sb_printf(&b, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" time=\"%.3f\">\n",
              t.steps_passed + t.steps_failed + t.steps_errored + t.steps_skipped,
              t.steps_failed, t.steps_errored, run->seconds);
    for (size_t i = 0; i < run->nscen; i++) {
        const ct_scenario_result *s = &run->scen[i];
        size_t f = 0, e = 0, k = 0;
        for (size_t j = 0; j < s->nsteps; j++) {
            if (s->steps[j].outcome == CT_FAIL) f++;
            else if (s->steps[j].outcome == CT_ERROR) e++;
            else if (s->steps[j].outcome != CT_PASS) k++;
        }
        sb_puts(&b, "  <testsuite");
        attr(&b, "name", s->name);
        sb_printf(&b, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" time=\"%.3f\"",
                  s->nsteps, f, e, k, s->seconds);
        attr(&b, "timestamp", ts);
        attr(&b, "hostname", host);
        attr(&b, "file", s->file);
        sb_puts(&b, ">\n    <properties>\n");
        strbuf tags = {0};
        for (size_t j = 0; j < s->ntags; j++) { if (j) sb_puts(&tags, ","); sb_puts(&tags, s->tags[j]); }
        sb_puts(&b, "      <property name=\"tags\"");
        attr(&b, "value", tags.data ? tags.data : "");
        sb_puts(&b, "/>\n      <property name=\"result\"");
        attr(&b, "value", ct_outcome_name(s->outcome));
        sb_puts(&b, "/>\n      <property name=\"baseUrl\"");
        attr(&b, "value", run->base_url);
        strbuf covers = {0};
        for (size_t j = 0; j < s->ncovers; j++) { if (j) sb_puts(&covers, ","); sb_puts(&covers, s->covers[j]); }
        sb_puts(&b, "/>\n      <property name=\"covers\"");
        attr(&b, "value", covers.data ? covers.data : "");
        sb_puts(&b, "/>\n    </properties>\n");
        sb_free(&tags);
        sb_free(&covers);
        for (size_t j = 0; j < s->nsteps; j++) step_xml(&b, s, &s->steps[j]);
        sb_puts(&b, "  </testsuite>\n");
    }
    sb_puts(&b, "</testsuites>\n");
    if (b.oom) { snprintf(err, errlen, "out of memory"); sb_free(&b); return -1; }
    int rc = ct_write_atomic(path, b.data, b.len);
    if (rc != 0) snprintf(err, errlen, "%s: cannot write: %m", path);
    sb_free(&b);
    return rc;
}
