/* merge.h - campaign-test --merge-reports: one set of reports from the
 * summaries of several runs.
 *
 * A suite split across CI jobs with --shard K/N leaves one summary.json per
 * job.  The merge reads them back into one ct_run_result (results.h) and
 * writes the three reports from it with the ordinary writers, so the merged
 * JUnit, HTML and JSON have the same shape, totals and conformance matrix
 * as a single run of the whole suite.  What a summary does not keep (each
 * step's request, response and expectation) is absent from the merged
 * JUnit and HTML: the shards' own reports keep it. */
#ifndef MERGE_H
#define MERGE_H

#include <stddef.h>
#include <stdio.h>
#include "results.h"

/* Append the scenarios of the summary at path (a summary.json, or a
 * directory holding one) to run, and fold its run-level facts in: the
 * earliest startedAt, the sum of seconds, interrupted and stoppedEarly if
 * any says so, each distinct baseUrl (and referenceUrl) once, joined by
 * ", ".  Strings are copied (run owns them, as ever).  0, or -1 after a
 * message on errs naming the file (unreadable, not JSON, not a
 * campaign-test summary, or a member of the wrong type). */
int ct_merge_load(ct_run_result *run, const char *path, FILE *errs);

/* Sort run's scenarios by file, the order a single run reports them in.
 * 0, or -1 after a message on errs when a file appears twice (the same
 * shard merged twice, or overlapping runs). */
int ct_merge_sort(ct_run_result *run, FILE *errs);

typedef struct ct_merge_opts {
    char *const *inputs;       /* summary files or report directories */
    size_t ninputs;
    const char *junit, *html, *json, *report_dir; /* as for a run */
    int no_reports, quiet;
    const char *schema_dir;    /* where contract-rows.tsv is, for the matrix */
} ct_merge_opts;

/* The whole mode: load, sort, write the reports, print the totals as a run
 * does.  Returns the exit status: 0 every scenario passed and no shard was
 * interrupted or stopped early; 1 a scenario failed or errored, a shard was
 * incomplete, or a report could not be written; 2 an input could not be
 * merged (nothing is written then). */
int ct_merge_run(const ct_merge_opts *m);

#endif
