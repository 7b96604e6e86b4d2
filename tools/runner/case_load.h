/* case_load.h - find, parse and validate case files (nothing is sent here).
 *
 * A case file is parsed strictly (json_parse, duplicate keys rejected),
 * validated against schemas/case.schema.json with the engine, then checked
 * for what the schema cannot say (variable syntax, regexes, pointers, body
 * files, schema names).  Every problem is printed as FILE:LINE:COL: message
 * so an editor can jump to it; a case with problems is not loaded. */
#ifndef CASE_LOAD_H
#define CASE_LOAD_H

#include <stdio.h>
#include <stddef.h>
#include <cjson/cJSON.h>
#include "campaign/json_parse.h"
#include "campaign/contract.h"

typedef struct ct_step {
    const cJSON *json;     /* the step object (borrowed from the case document) */
    char *name;            /* display name "01 create campaign" (owned) */
    json_doc *body_file;   /* parsed request.bodyFile, or NULL (owned) */
    char **covers;         /* the step's own "covers" row IDs, in file order (owned) */
    size_t ncovers;
} ct_step;

typedef struct ct_case {
    char *path;            /* as found (owned) */
    char *name;            /* scenario name (owned) */
    char **tags;           /* owned */
    size_t ntags;
    char **covers;         /* rows of docs/contract.md the scenario exercises: its
                            * "covers", then each step's, each ID once (owned) */
    size_t ncovers;
    json_doc *doc;         /* the whole case file (owned) */
    const cJSON *variables;/* "variables" object or NULL (borrowed from doc) */
    ct_step *steps;        /* owned */
    size_t nsteps;
} ct_case;

typedef struct case_loader case_loader;

/* schema_path: the case schema file; c: the contract, used to check
 * expect.schema names (may be NULL: names then go unchecked).  NULL with
 * err filled when the case schema cannot be loaded or compiled. */
case_loader *case_loader_new(const char *schema_path, const contract *c,
                             char *err, size_t errlen);
void case_loader_free(case_loader *l);

/* Let bodyFile paths read below dir (resolved now; it must exist).  A
 * body file must lie in the directory tree of its case file or below a
 * directory allowed here: the runner allows each CASES directory (or a
 * case file's own directory) and each --body-dir.  0, or -1 with errno set
 * (a missing directory, out of memory). */
int case_loader_allow_dir(case_loader *l, const char *dir);

/* Case files and body files larger than this are refused (a path such as
 * /dev/zero must not exhaust memory), and only regular files are read: a
 * FIFO or a device among the cases is an error, not a hang. */
#define CT_MAX_FILE (16u * 1024 * 1024)

/* What a failed read of a case or body file (jsv_read_regular_file with
 * CT_MAX_FILE) says: "larger than 16 MiB", "not a regular file" or
 * strerror(errno). */
const char *ct_read_error(int err);

/* Load one case file.  NULL after printing every problem to errs. */
ct_case *case_load(case_loader *l, const char *path, FILE *errs);

/* The same for text[0..len) already read from path (path names the case in
 * messages and locates relative bodyFile paths).  text is not kept. */
ct_case *case_load_text(case_loader *l, const char *path, const char *text, size_t len,
                        FILE *errs);
void ct_case_free(ct_case *c);

/* Add id to the list v[0..*n) unless it is there already (copied).  0, or
 * -1 when out of memory. */
int ct_covers_add(char ***v, size_t *n, const char *id);
void ct_covers_free(char **v, size_t n);

/* 1 if the case carries tag t. */
int ct_case_has_tag(const ct_case *c, const char *t);

/* Expand the CASES arguments (files, or directories searched recursively
 * for *.json) into a sorted list of unique paths (malloc'd, caller frees
 * each and the array).  Returns 0, or -1 after printing the problem. */
int case_collect(char *const *args, int nargs, char ***files, size_t *nfiles, FILE *errs);

#endif
