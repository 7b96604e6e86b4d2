/* report_json.c - machine-readable summary of a run.
 *
 * Shape (stable for tools):
 *   { "tool", "version", "baseUrl", "referenceUrl", "startedAt", "seconds",
 *     "interrupted", "stoppedEarly",
 *     "totals": { "scenarios": {passed, failed, skipped},
 *                 "steps": {passed, failed, errored, skipped}, "notes" },
 *     "scenarios": [ { "file", "name", "tags", "covers", "result", "seconds",
 *         "message", "steps": [ { "name", "covers", "result", "httpStatus",
 *         "seconds", "message", "findings": [...], "notes": [...],
 *         "undecided" } ] } ],
 *     "matrix": { "ROW": { "passed", "failed", "notRun", "scenarios": [files] },
 *                 ..., "rows": { "documented", "exercised", "notExercised": [IDs] } } }
 * referenceUrl and totals.notes only in differential mode; notes only on a
 * step that has some (differences from the reference's decisions).
 * result values: passed, failed, error, skipped, "not run"; undecided:
 * true on an error step whose contract check could not be decided
 * (absent otherwise). */
#include "report.h"
#include "matrix.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add_str(cJSON *o, const char *k, const char *v)
{
    if (!v) { cJSON_AddNullToObject(o, k); return; }
    char *c = ct_utf8_clean(v);
    cJSON_AddStringToObject(o, k, c ? c : "");
    free(c);
}

static cJSON *str_array(cJSON *o, const char *k, char *const *v, size_t n)
{
    cJSON *a = cJSON_AddArrayToObject(o, k);
    for (size_t i = 0; a && i < n; i++) cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
    return a;
}

/* "matrix": a member per row some scenario covers, then "rows" (only with
 * a row list: what the documented rows came to). */
static int add_matrix(cJSON *root, const ct_run_result *run)
{
    ct_matrix m;
    if (ct_matrix_build(run, &m) != 0) return -1;
    cJSON *mx = cJSON_AddObjectToObject(root, "matrix");
    for (size_t i = 0; mx && i < m.n; i++) {
        const ct_matrix_row *r = &m.rows[i];
        if (!r->nscen) continue;
        cJSON *o = cJSON_AddObjectToObject(mx, r->id);
        cJSON_AddNumberToObject(o, "passed", (double)r->passed);
        cJSON_AddNumberToObject(o, "failed", (double)r->failed);
        cJSON_AddNumberToObject(o, "notRun", (double)r->notrun);
        cJSON *files = cJSON_AddArrayToObject(o, "scenarios");
        for (size_t k = 0; files && k < r->nscen; k++) {
            char *c = ct_utf8_clean(run->scen[r->scen[k]].file);
            cJSON_AddItemToArray(files, cJSON_CreateString(c ? c : ""));
            free(c);
        }
    }
    if (mx && run->have_rows) {
        cJSON *rows = cJSON_AddObjectToObject(mx, "rows");
        cJSON_AddNumberToObject(rows, "documented", (double)m.documented);
        cJSON_AddNumberToObject(rows, "exercised", (double)m.exercised);
        cJSON *ne = cJSON_AddArrayToObject(rows, "notExercised");
        for (size_t i = 0; ne && i < m.n; i++)
            if (m.rows[i].documented && !(m.rows[i].passed + m.rows[i].failed))
                cJSON_AddItemToArray(ne, cJSON_CreateString(m.rows[i].id));
    }
    ct_matrix_free(&m);
    return 0;
}

static double round3(double x)
{
    return (double)(long long)(x * 1000.0 + 0.5) / 1000.0;
}

int report_json(const ct_run_result *run, const char *path, char *err, size_t errlen)
{
    ct_totals t;
    ct_run_totals(run, &t);
    char ts[32];
    ct_iso_time(run->started, ts);
    cJSON *root = cJSON_CreateObject();
    add_str(root, "tool", "campaign-test");
    add_str(root, "version", CT_VERSION);
    add_str(root, "baseUrl", run->base_url);
    if (run->reference_url) add_str(root, "referenceUrl", run->reference_url);
    add_str(root, "startedAt", ts);
    cJSON_AddNumberToObject(root, "seconds", round3(run->seconds));
    cJSON_AddBoolToObject(root, "interrupted", run->interrupted);
    cJSON_AddBoolToObject(root, "stoppedEarly", run->stopped);
    cJSON *tot = cJSON_AddObjectToObject(root, "totals");
    cJSON *ts_ = cJSON_AddObjectToObject(tot, "scenarios");
    cJSON_AddNumberToObject(ts_, "passed", (double)t.scen_passed);
    cJSON_AddNumberToObject(ts_, "failed", (double)t.scen_failed);
    cJSON_AddNumberToObject(ts_, "skipped", (double)t.scen_skipped);
    cJSON *tst = cJSON_AddObjectToObject(tot, "steps");
    cJSON_AddNumberToObject(tst, "passed", (double)t.steps_passed);
    cJSON_AddNumberToObject(tst, "failed", (double)t.steps_failed);
    cJSON_AddNumberToObject(tst, "errored", (double)t.steps_errored);
    cJSON_AddNumberToObject(tst, "skipped", (double)t.steps_skipped);
    if (run->reference_url) cJSON_AddNumberToObject(tot, "notes", (double)t.notes);
    cJSON *arr = cJSON_AddArrayToObject(root, "scenarios");
    for (size_t i = 0; arr && i < run->nscen; i++) {
        const ct_scenario_result *s = &run->scen[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddItemToArray(arr, o);
        add_str(o, "file", s->file);
        add_str(o, "name", s->name);
        cJSON *tags = cJSON_AddArrayToObject(o, "tags");
        for (size_t j = 0; j < s->ntags; j++) cJSON_AddItemToArray(tags, cJSON_CreateString(s->tags[j]));
        str_array(o, "covers", s->covers, s->ncovers);
        add_str(o, "result", ct_outcome_name(s->outcome));
        cJSON_AddNumberToObject(o, "seconds", round3(s->seconds));
        add_str(o, "message", s->message);
        cJSON *steps = cJSON_AddArrayToObject(o, "steps");
        for (size_t j = 0; j < s->nsteps; j++) {
            const ct_step_result *st = &s->steps[j];
            cJSON *so = cJSON_CreateObject();
            cJSON_AddItemToArray(steps, so);
            add_str(so, "name", st->name);
            str_array(so, "covers", st->covers, st->ncovers);
            add_str(so, "result", ct_outcome_name(st->outcome));
            if (st->http_status) cJSON_AddNumberToObject(so, "httpStatus", (double)st->http_status);
            else cJSON_AddNullToObject(so, "httpStatus");
            cJSON_AddNumberToObject(so, "seconds", round3(st->seconds));
            add_str(so, "message", st->message);
            if (st->undecided) cJSON_AddTrueToObject(so, "undecided");
            cJSON *fs = cJSON_AddArrayToObject(so, "findings");
            for (size_t k = 0; k < st->ndetails; k++) {
                char *c = ct_utf8_clean(st->details[k]);
                cJSON_AddItemToArray(fs, cJSON_CreateString(c ? c : ""));
                free(c);
            }
            if (st->nnotes) {
                cJSON *ns = cJSON_AddArrayToObject(so, "notes");
                for (size_t k = 0; k < st->nnotes; k++) {
                    char *c = ct_utf8_clean(st->notes[k]);
                    cJSON_AddItemToArray(ns, cJSON_CreateString(c ? c : ""));
                    free(c);
                }
            }
        }
    }
    char *text = add_matrix(root, run) == 0 ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!text) { snprintf(err, errlen, "out of memory"); return -1; }
    size_t n = strlen(text);
    text[n] = '\0';
    strbuf b = {0};
    sb_append(&b, text, n);
    sb_append(&b, "\n", 1);
    free(text);
    int rc = b.oom ? -1 : ct_write_atomic(path, b.data, b.len);
    if (rc != 0) snprintf(err, errlen, "%s: cannot write: %m", path);
    sb_free(&b);
    return rc;
}
