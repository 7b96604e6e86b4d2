/* finding_parts.h - a step's finding taken apart for the HTML report.
 *
 * The runner records each finding as one line of text (results.h), in a
 * few fixed forms (expect.c, step_run.c, reference.c):
 *   "WHERE: expected [OP ]WANT, got GOT[ (EXTRA)]"
 *   "response violates SCHEMA: POINTER: MESSAGE [ID]"
 *   "differs from the reference[...] at POINTER: this server A, the reference B"
 * This reads those forms back so the report can show expected and actual
 * side by side and highlight the value a pointer names.  A text in no
 * known form keeps only its text; nothing here fails on any input. */
#ifndef FINDING_PARTS_H
#define FINDING_PARTS_H

typedef struct ct_finding_parts {
    char *where;     /* "status", "header X", a pointer ("" = the root), or
                      * NULL when the text names no place */
    int is_pointer;  /* where is a JSON Pointer into the response body */
    char *expected;  /* what was wanted, in words ("\"PAUSED\"", "a number > 0"), or NULL */
    char *actual;    /* what was seen, or NULL (the report may look it up at where) */
} ct_finding_parts;

/* Take text apart into p (every string malloc'd, owned by p; free with
 * ct_finding_parts_clear).  An "every item to satisfy" finding whose
 * EXTRA names the first failing item ("K of M items fail; item N: SUB")
 * is followed into SUB: where becomes WHERE/N plus SUB's pointer and the
 * expected and actual values are SUB's.  Returns 0, -1 when out of
 * memory (p then holds nothing). */
int ct_finding_parse(const char *text, ct_finding_parts *p);
void ct_finding_parts_clear(ct_finding_parts *p);

#endif
