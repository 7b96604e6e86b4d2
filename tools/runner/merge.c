/* merge.c - the --merge-reports mode: summaries in, one set of reports out.
 *
 * Kept apart from the run in runner_main.c: nothing is sent, no case is
 * loaded, and the reports come from the shards' summaries (merge_load.c).
 * The console ends as a run's does ("steps: ..." and "N passed, N failed"),
 * so a CI log reads the same for a merged suite as for one job. */
#include "merge.h"
#include "matrix.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>

static char *join(const char *dir, const char *file)
{
    size_t n = strlen(dir) + strlen(file) + 2;
    char *s = malloc(n);
    if (s) snprintf(s, n, "%s%s%s", dir, dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/", file);
    return s;
}

/* Write the reports a run would write with the same options.  0, or 1
 * when one could not be written (message printed). */
static int write_reports(const ct_run_result *run, const ct_merge_opts *m)
{
    const char *junit = m->junit, *html = m->html, *json = m->json;
    char *own[3] = { NULL, NULL, NULL }, err[1024];
    int status = 0;
    if (!junit && !html && !json) {
        const char *dir = m->report_dir ? m->report_dir : "reports";
        junit = own[0] = join(dir, "junit.xml");
        html = own[1] = join(dir, "report.html");
        json = own[2] = join(dir, "summary.json");
    }
    struct { const char *path; int (*fn)(const ct_run_result *, const char *, char *, size_t); } w[] = {
        { junit, report_junit }, { html, report_html }, { json, report_json } };
    for (size_t i = 0; i < 3; i++) {
        if (!w[i].path) continue;
        if (w[i].fn(run, w[i].path, err, sizeof err) != 0) {
            fprintf(stderr, "campaign-test: %s\n", err);
            status = 1;
        } else if (!m->quiet) {
            printf("report: %s\n", w[i].path);
        }
    }
    for (size_t i = 0; i < 3; i++) free(own[i]);
    return status;
}

int ct_merge_run(const ct_merge_opts *m)
{
    ct_run_result run;
    memset(&run, 0, sizeof run);
    int status = 2;
    for (size_t i = 0; i < m->ninputs; i++)
        if (ct_merge_load(&run, m->inputs[i], stderr) != 0) goto out;
    if (ct_merge_sort(&run, stderr) != 0) goto out;
    ct_run_load_rows(&run, m->schema_dir, stderr);  /* the documented rows the matrix counts */

    ct_totals t;
    ct_run_totals(&run, &t);
    status = (t.scen_failed || t.steps_failed || t.steps_errored || run.interrupted || run.stopped) ? 1 : 0;
    printf("merged: %zu summar%s, %zu scenarios\n", m->ninputs, m->ninputs == 1 ? "y" : "ies", run.nscen);
    if (run.interrupted || run.stopped)
        printf("merged: a shard was %s: the suite did not run whole\n", run.interrupted ? "interrupted" : "stopped early");
    if (!m->no_reports && write_reports(&run, m) != 0) status = 1;
    printf("steps: %zu passed, %zu failed, %zu errors, %zu skipped or not run; %.2f s\n", t.steps_passed,
           t.steps_failed, t.steps_errored, t.steps_skipped, run.seconds);
    if (t.scen_skipped) printf("%zu passed, %zu failed, %zu skipped\n", t.scen_passed, t.scen_failed, t.scen_skipped);
    else printf("%zu passed, %zu failed\n", t.scen_passed, t.scen_failed);
out:
    fflush(stdout);
    ct_run_result_free(&run);
    return status;
}
