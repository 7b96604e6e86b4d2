/* mock_mutant.h - deliberate bugs ("mutants") that measure the strength of
 * the conformance suite in cases/ (tests/mutants/README.md).
 *
 * Only a build with -DMOCK_MUTANTS has them: there mock_mutant("name") is 1
 * when the run was started with CAMPAIGN_MOCK_MUTANT=name, and each hook
 * in the handlers breaks one documented behaviour.  In the ordinary build
 * mock_mutant() is the constant 0, so every hook is dead code the compiler
 * removes and bin/campaign-mock holds no mutant at all. */
#ifndef MOCK_MUTANT_H
#define MOCK_MUTANT_H

#ifdef MOCK_MUTANTS
#include <stdio.h>

/* 1 when name is the active mutant.  A name missing from the registry in
 * mock_mutant.c aborts the run (a hook and the list cannot drift). */
int mock_mutant(const char *name);

/* Choose the active mutant (NULL or "" for none), once, in main, before
 * any thread starts.  0 when the name is unknown. */
int mock_mutant_select(const char *name);

/* Print every mutant name, one a line. */
void mock_mutant_list(FILE *out);
#else
#define mock_mutant(name) 0
#endif

#endif
