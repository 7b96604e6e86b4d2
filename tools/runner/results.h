/* results.h - what a run found, step by step, ready for the reporters.
 *
 * Every string stored here has already been redacted (redact.h): the
 * reporters and the terminal output print them as they are, so the token
 * cannot leak through a report.  All strings are malloc'd and owned by the
 * result that holds them; ct_run_result_free() releases everything. */
#ifndef RESULTS_H
#define RESULTS_H

#include <stddef.h>
#include <time.h>

#define CT_VERSION "1.0.0"

typedef enum ct_outcome {
    CT_PASS = 0,
    CT_FAIL,     /* an expectation was broken (status, schema, assertion) */
    CT_ERROR,    /* transport or runtime trouble (refused, timeout, bad case data) */
    CT_SKIP,     /* deliberately not run (spend on a live run, earlier step failed) */
    CT_NOTRUN    /* never reached: the run was interrupted or stopped (--fail-fast) */
} ct_outcome;

const char *ct_outcome_name(ct_outcome o); /* "passed", "failed", ... */

typedef struct ct_step_result {
    char *name;          /* "01 create campaign" */
    ct_outcome outcome;
    char *message;       /* one line; NULL when passed */
    char **details;      /* every finding, one per entry */
    size_t ndetails;
    char **notes;        /* differential mode: where this server differs
                          * from the reference's choice on a behaviour the
                          * pages leave to each server (a decision), one per
                          * entry; they do not fail the step */
    size_t nnotes;
    char *request;       /* "POST URL\nheaders\n\nbody" or NULL when not sent */
    char *response;      /* "HTTP 201\nheaders\n\nbody" or NULL */
    char *expectation;   /* the step's expect object as JSON text, or NULL */
    long http_status;    /* 0 when no response */
    double seconds;
    char **covers;       /* the step's own contract rows ("C268", "D40") */
    size_t ncovers;
    int undecided;       /* CT_ERROR because a contract check could not be
                          * decided: a schema keyword of the body could not
                          * be evaluated (a regex limit), so the body neither
                          * kept nor broke the contract */
} ct_step_result;

typedef struct ct_scenario_result {
    char *file;
    char *name;
    char **tags;
    size_t ntags;
    char **covers;       /* the rows the scenario exercises, its steps' included */
    size_t ncovers;
    ct_outcome outcome;  /* PASS, FAIL (any fail/error), SKIP, NOTRUN */
    char *message;       /* skip reason or first problem; may be NULL */
    ct_step_result *steps;
    size_t nsteps;
    double seconds;
} ct_scenario_result;

/* A row of docs/contract.md the conformance matrix counts (matrix.h). */
typedef struct ct_row {
    char *id;            /* "C268", "D40" */
    char *title;         /* a short title */
} ct_row;

typedef struct ct_run_result {
    ct_scenario_result *scen;
    size_t nscen;
    char *base_url;
    char *reference_url; /* differential mode: the reference's API root, else NULL */
    time_t started;
    double seconds;
    int interrupted;     /* SIGINT arrived */
    int stopped;         /* --fail-fast stopped the run */
    ct_row *rows;        /* the documented rows (matrix.h), sorted; NULL when */
    size_t nrows;        /* ... no row list was read (have_rows 0) */
    int have_rows;
} ct_run_result;

typedef struct ct_totals {
    size_t scen_passed, scen_failed, scen_skipped;   /* NOTRUN counts as skipped */
    size_t steps_passed, steps_failed, steps_errored, steps_skipped;
    size_t notes;        /* differential notes of every step */
} ct_totals;

void ct_run_totals(const ct_run_result *run, ct_totals *t);

/* Add a finding to a step (copied). */
void ct_step_add_detail(ct_step_result *s, const char *text);
/* Add a note to a step (copied). */
void ct_step_add_note(ct_step_result *s, const char *text);
/* Free what a step result holds and zero it. */
void ct_step_result_clear(ct_step_result *s);

void ct_run_result_free(ct_run_result *run);

/* Write data to path atomically: a temporary file in the same directory,
 * then rename(2).  Creates missing parent directories.  0 or -1 with errno. */
int ct_write_atomic(const char *path, const char *data, size_t len);

#endif
