/* lint.h - internal interfaces of campaign-lint.
 *
 *   lint_main.c    command line, the file loop, exit status
 *   lint_check.c   one payload: parse strictly, check, collect findings
 *   lint_input.c   reading files and stdin in one go
 *   lint_lines.c   reading NDJSON line by line in bounded memory
 *   lint_locate.c  the JSON Pointer at a byte offset of malformed text
 *   lint_hint.c    "did you mean" for unknown properties (findings with
 *                  --strict, notes without)
 *   lint_output.c  the text, json, junit and github formats
 *
 * A "unit" is one payload: a file, or one line of an NDJSON file. */
#ifndef LINT_H
#define LINT_H

#include <stddef.h>
#include <stdio.h>
#include "campaign/contract.h"
#include "campaign/json_parse.h"
#include "campaign/jsv.h"

#define LINT_NAME "campaign-lint"
/* Default regex search time of a whole run (--regex-budget): hostile
 * patterns cannot hold a run up for longer, however many payloads. */
#define LINT_REGEX_BUDGET_MS 10000
/* Default number of findings shown per payload (--max-findings).  Each
 * finding kept costs some 700 bytes (its strings held by the engine, the
 * report and the output), so a 10 MB payload with 200,000 errors would
 * need 140 MB for them alone; past the bound each costs a 64-byte record
 * in the engine's result.  A thousand is more than anyone reads. */
#define LINT_MAX_FINDINGS 1000

/* ---- findings and units ------------------------------------------------ */

/* A finding is the library's one record (jsv_finding, jsv.h): lint
 * shows the report's findings as they are, a "did you mean" hint added
 * to the message of an unknown property.  Its line and column are
 * counted from its offset where it is printed (lint_output.c, with
 * json_text_position). */
typedef struct lint_unit {
    const char *name;  /* "FILE", or "FILE:LINE" for an NDJSON line */
    const char *file;  /* FILE as it names the input */
    const jsv_finding *findings; /* in source order (by offset) */
    size_t count;
    int undecided;     /* count > 0 and every finding is undecided: the
                        * payload is neither valid nor invalid */
    size_t more;       /* findings past --max-findings: counted, not shown */
    const char *text;  /* the payload's text, which the offsets point into
                        * (NULL: none; a finding then sits at line first_line,
                        * column 1, as does one with offset JSV_NO_OFFSET) */
    size_t len;
    unsigned first_line; /* line of the file the text's first byte is on */
    json_text_pos known; /* a position of the text already counted (a parse
                          * error's), counted on from; line 0: none */
    const jsv_finding *notes; /* in source order: members no schema declares
                          * where they stand, each close to a declared name
                          * (its message ends with the hint); they are no
                          * findings and change no verdict */
    size_t nnotes;
} lint_unit;

/* ---- output ------------------------------------------------------------ */

enum lint_format { LINT_TEXT, LINT_JSON, LINT_JUNIT, LINT_GITHUB };

typedef struct lint_output lint_output;

/* An emitter writing to out; suite names the junit test suite.  NULL when
 * out of memory. */
lint_output *lint_output_new(enum lint_format format, FILE *out, const char *suite);
/* Emit one unit (valid when u->count == 0).  0, or -1 when out of memory. */
int lint_output_unit(lint_output *o, const lint_unit *u);
/* Write what the format keeps for the end and free o.  0, or -1 on a
 * write error. */
int lint_output_finish(lint_output *o);

/* Root pointer as shown in text and github lines. */
const char *lint_display_pointer(const char *pointer);

/* ---- input ------------------------------------------------------------- */

/* Read all of path ("-" = stdin) into a malloc'd buffer (*buf, *len; one
 * spare NUL after the data).  0, or an errno value (EISDIR for a
 * directory). */
int lint_read_file(const char *path, size_t max, char **buf, size_t *len);
/* What a failed lint_read_file says: for EINVAL "not a regular file ...",
 * for EFBIG "larger than MAX bytes (--max-size)" (built in out), else
 * strerror(err). */
const char *lint_read_error(int err, size_t max, char *out, size_t size);

/* Default bound on one payload (--max-size): a file, standard input, or
 * one line of NDJSON (the NDJSON input as a whole is not bounded). */
#define LINT_MAX_INPUT ((size_t)256 << 20)

/* ---- NDJSON lines ------------------------------------------------------ */

typedef struct lint_lines lint_lines;

/* Open path ("-" = standard input; otherwise a regular file only) to read
 * lines of at most max bytes.  flush (may be NULL) is flushed before every
 * read that may wait for input.  NULL with *err an errno value (EINVAL:
 * not a regular file, EISDIR, ENOENT, ENOMEM, ...). */
lint_lines *lint_lines_open(const char *path, size_t max, FILE *flush, int *err);
/* Close r (standard input stays open).  NULL ok. */
void lint_lines_close(lint_lines *r);

enum {
    LINT_LINE_ERROR = -1,   /* read error: errno says why */
    LINT_LINE_END = 0,      /* no more input */
    LINT_LINE_OK = 1,       /* *line[0..*len): a line without its '\n',
                             * valid until the next call */
    LINT_LINE_TOO_LONG = 2  /* line *lineno has *len bytes, more than max:
                             * skipped to its end without being kept
                             * (*line is not set) */
};
/* The next line and its 1-based number.  Returns one of the above. */
int lint_lines_next(lint_lines *r, const char **line, size_t *len, unsigned long *lineno);

/* ---- locate ------------------------------------------------------------ */

/* The JSON Pointer of the innermost value (or member) text[0..len) opens
 * at byte offset `at`, assuming the text before `at` is well-formed JSON
 * (true for the position of a parse error).  Written to out (truncated to
 * outlen). */
void lint_pointer_at(const char *text, size_t len, size_t at, char *out, size_t outlen);

/* ---- hints ------------------------------------------------------------- */

typedef struct lint_hints lint_hints;

/* Hints from the property names declared by the schema documents in the
 * given files (copied).  The files are read at the first suggestion, so a
 * run without an unknown member pays nothing; unreadable or malformed
 * files are skipped.  NULL when out of memory. */
lint_hints *lint_hints_new(const char *const *paths, size_t n);
void lint_hints_free(lint_hints *h);

/* The known property name closest to `name` (case, '_' and '-' ignored),
 * preferring the names declared at abs_location (an absolute keyword
 * location naming a schema object, its "properties" or its
 * "additionalProperties"; may be NULL), or NULL when none is close.
 * Owned by h. */
const char *lint_hints_suggest(lint_hints *h, const char *abs_location, const char *name);

/* Edit distance between a and b, ignoring case, '_' and '-' (exposed for
 * tests). */
size_t lint_name_distance(const char *a, const char *b);

/* ---- check ------------------------------------------------------------- */

typedef struct lint_checker lint_checker;

typedef struct lint_config {
    const contract *contract;  /* with body, for a contract body */
    const char *body;
    const jsv_schema *schema;  /* else a plain schema (engine only) */
    lint_hints *hints;         /* NULL = no hints */
    int notes;                 /* note members close to a declared name
                                * (request bodies, without --strict) */
    unsigned regex_budget_ms;  /* regex search time of the whole run (0: none) */
    size_t max_findings;       /* findings kept and shown per payload (0: all) */
} lint_config;

/* NULL when out of memory.  The config's objects are borrowed. */
lint_checker *lint_checker_new(const lint_config *cfg);
void lint_checker_free(lint_checker *k);

/* Lint buf[0..len) as one payload named `name` from `file`, whose first
 * byte sits on line first_line of the file, and emit the unit.  Returns
 * the number of findings (0 = valid; those past max_findings included),
 * or -1 when out of memory; *undecided
 * is set to 1 when there are findings and every one is undecided (the
 * payload could not be decided), else 0.  The checking strategy is the
 * library's (contract_check_text).  buf is borrowed and read until the
 * unit is printed: its findings' lines and columns are counted from the
 * text then. */
int lint_check_payload(lint_checker *k, const char *file, const char *name,
                       const char *buf, size_t len, unsigned first_line,
                       lint_output *out, int *undecided);

/* Emit a unit for a payload that was not checked: one finding with id
 * (e.g. "max-size") and message at line:1 of file.  1 (one finding), or
 * -1 when out of memory. */
int lint_check_refused(lint_checker *k, const char *file, const char *name, unsigned line,
                       const char *id, const char *message, lint_output *out);

#endif
