/* results.c - run result bookkeeping and the atomic file writer. */
#include "results.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *ct_outcome_name(ct_outcome o)
{
    switch (o) {
    case CT_PASS: return "passed";
    case CT_FAIL: return "failed";
    case CT_ERROR: return "error";
    case CT_SKIP: return "skipped";
    case CT_NOTRUN: return "not run";
    }
    return "?";
}

void ct_run_totals(const ct_run_result *run, ct_totals *t)
{
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < run->nscen; i++) {
        const ct_scenario_result *s = &run->scen[i];
        switch (s->outcome) {
        case CT_PASS: t->scen_passed++; break;
        case CT_FAIL: case CT_ERROR: t->scen_failed++; break;
        default: t->scen_skipped++; break;
        }
        for (size_t j = 0; j < s->nsteps; j++) {
            t->notes += s->steps[j].nnotes;
            switch (s->steps[j].outcome) {
            case CT_PASS: t->steps_passed++; break;
            case CT_FAIL: t->steps_failed++; break;
            case CT_ERROR: t->steps_errored++; break;
            default: t->steps_skipped++; break;
            }
        }
    }
}

/* Append a copy of text to the list *v of *n strings (nothing when out
 * of memory). */
static void add_text(char ***v, size_t *n, const char *text)
{
    char **d = realloc(*v, (*n + 1) * sizeof *d);
    if (!d) return;
    *v = d;
    d[*n] = strdup(text ? text : "");
    if (d[*n]) (*n)++;
}

void ct_step_add_detail(ct_step_result *s, const char *text)
{
    add_text(&s->details, &s->ndetails, text);
}

void ct_step_add_note(ct_step_result *s, const char *text)
{
    add_text(&s->notes, &s->nnotes, text);
}

void ct_step_result_clear(ct_step_result *s)
{
    free(s->name);
    free(s->message);
    for (size_t i = 0; i < s->ndetails; i++) free(s->details[i]);
    free(s->details);
    for (size_t i = 0; i < s->nnotes; i++) free(s->notes[i]);
    free(s->notes);
    free(s->request);
    free(s->response);
    free(s->expectation);
    for (size_t i = 0; i < s->ncovers; i++) free(s->covers[i]);
    free(s->covers);
    memset(s, 0, sizeof *s);
}

void ct_run_result_free(ct_run_result *run)
{
    if (!run) return;
    for (size_t i = 0; i < run->nscen; i++) {
        ct_scenario_result *s = &run->scen[i];
        free(s->file);
        free(s->name);
        for (size_t j = 0; j < s->ntags; j++) free(s->tags[j]);
        free(s->tags);
        for (size_t j = 0; j < s->ncovers; j++) free(s->covers[j]);
        free(s->covers);
        free(s->message);
        for (size_t j = 0; j < s->nsteps; j++) ct_step_result_clear(&s->steps[j]);
        free(s->steps);
    }
    free(run->scen);
    for (size_t i = 0; i < run->nrows; i++) { free(run->rows[i].id); free(run->rows[i].title); }
    free(run->rows);
    free(run->base_url);
    free(run->reference_url);
    memset(run, 0, sizeof *run);
}

static int mkdir_parents(const char *path)
{
    char *p = strdup(path);
    if (!p) return -1;
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) { free(p); return -1; }
        *s = '/';
    }
    free(p);
    return 0;
}

int ct_write_atomic(const char *path, const char *data, size_t len)
{
    if (mkdir_parents(path) != 0) return -1;
    size_t n = strlen(path) + 32;
    char *tmp = malloc(n);
    if (!tmp) return -1;
    snprintf(tmp, n, "%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f) { free(tmp); return -1; }
    int ok = fwrite(data, 1, len, f) == len;
    ok = (fflush(f) == 0) && ok;
    ok = (fsync(fileno(f)) == 0) && ok;
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        free(tmp);
        errno = e;
        return -1;
    }
    free(tmp);
    return 0;
}
