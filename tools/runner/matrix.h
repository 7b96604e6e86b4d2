/* matrix.h - the conformance matrix: which rows of docs/contract.md the
 * selected scenarios exercise, and how they fared.
 *
 * A case names the rows it exercises in "covers" (its own and its steps');
 * the scenario result carries them.  The rows the matrix counts as
 * documented come from a row list beside the schemas, contract-rows.tsv
 * (one "ID<TAB>short title" a line, '#' comments), kept in step with
 * docs/contract.md by tests/unit/test_traceability.c: the runner never reads
 * the documentation itself. */
#ifndef MATRIX_H
#define MATRIX_H

#include <stdio.h>
#include <stddef.h>
#include "case_load.h"
#include "results.h"

#define CT_ROWS_FILE "contract-rows.tsv"

typedef struct ct_matrix_row {
    const char *id;        /* borrowed from the run */
    const char *title;     /* NULL when the row list does not hold the row */
    size_t passed;         /* scenarios covering the row that passed, */
    size_t failed;         /* ... failed or errored, */
    size_t notrun;         /* ... were skipped or not run */
    size_t *scen;          /* their indexes in run->scen, in run order */
    size_t nscen;          /* 0: documented, named by no selected scenario */
    int documented;        /* in the row list */
} ct_matrix_row;

typedef struct ct_matrix {
    ct_matrix_row *rows;   /* every row a selected scenario names and every
                            * documented row, sorted by ct_row_cmp */
    size_t n;
    size_t documented;     /* rows in the row list */
    size_t exercised;      /* documented rows a scenario that ran covers */
} ct_matrix;

/* Order of row IDs: C rows before D rows, each by number ("D5" < "D40"). */
int ct_row_cmp(const char *a, const char *b);

/* 1 when id is a row ID: C and three digits, or D and one to three. */
int ct_row_id_ok(const char *id);

/* Read a row list (format above) into a sorted array (caller frees with
 * ct_rows_free).  0; 1 when the file does not exist; -1 with err filled
 * when it cannot be read or a line is malformed (a bad ID, no title, a
 * repeated ID: "FILE:LINE: ..."). */
int ct_rows_load(const char *path, ct_row **rows, size_t *n, char *err, size_t errlen);
void ct_rows_free(ct_row *rows, size_t n);

/* Load schema_dir/contract-rows.tsv into run (rows, have_rows).  A missing
 * file leaves the run without a row list; a malformed one too, with a
 * warning on errs. */
void ct_run_load_rows(ct_run_result *run, const char *schema_dir, FILE *errs);

/* Copy the case's covers (and each step's) into its result, whose steps
 * are already allocated.  0, or -1 when out of memory. */
int ct_result_set_covers(ct_scenario_result *r, const ct_case *c);

/* Count the run.  0, or -1 when out of memory. */
int ct_matrix_build(const ct_run_result *run, ct_matrix *m);
void ct_matrix_free(ct_matrix *m);

#endif
