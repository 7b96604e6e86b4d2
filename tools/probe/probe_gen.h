/* probe_gen.h - campaign-probes' generator: walks the request schemas over
 * the full examples, derives a request just inside and one just outside
 * every bound it meets, keeps the pairs the contract itself confirms, and
 * writes them as campaign-test case files. */
#ifndef PROBE_GEN_H
#define PROBE_GEN_H

#include <stdio.h>

typedef struct probe_opts {
    const char *schemas;   /* the contract's schemas (NULL: the default) */
    const char *examples;  /* the example bodies (NULL: schemas/../examples) */
    const char *contract;  /* docs/contract.md (NULL: schemas/../docs/contract.md) */
    const char *out;       /* where the case files go */
    unsigned quiet;        /* no summary on stdout */
} probe_opts;

/* Generate.  0 when the probes and the summary were written; 2 when an
 * input could not be read (message on err) or a file could not be
 * written. */
int probe_generate(const probe_opts *o, FILE *out, FILE *err);

#endif
