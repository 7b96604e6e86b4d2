/* reference.h - differential mode's side of a step: the same step sent to
 * the reference server, and the server under test's answer held to the
 * reference's (differ.h says how the two are compared).
 *
 * The reference runs the scenario with its own variables (the same
 * declared values, the same ${uniqueId} and ${now}, its own captures),
 * so each server sees the requests its own answers lead to.  The
 * reference must pass the step itself: when it does not, the comparison
 * means nothing and the step is an error naming the reference.
 *
 * A difference fails the step, unless every row the step and its
 * scenario cover (`covers`) is a decision (D...): the pages leave that
 * behaviour to each server, the reference answers from its own choice,
 * and the difference is a note ("differs from the reference's choice")
 * instead; strict makes it a failure too. */
#ifndef REFERENCE_H
#define REFERENCE_H

#include "case_load.h"
#include "case_vars.h"
#include "differ.h"
#include "http_client.h"
#include "results.h"
#include "step_run.h"

/* Prepare rx, the reference's request for step st (rvars its variables).
 * 0, or -1 with res made an error saying why. */
int reference_prepare(const run_ctx *ref, const ct_step *st, const ct_vars *rvars, http_exchange *rx,
                      ct_step_result *res);

/* Judge the step against the reference after step_evaluate judged x into
 * res: evaluate rx as the reference's own step (its captures go to
 * rvars), then, when both passed, compare x with rx and record a
 * difference in res (a finding that fails it, or a note).  ctx supplies
 * the redaction of what is recorded. */
void reference_judge(const run_ctx *ctx, const run_ctx *ref, int strict, const ct_case *c, const ct_step *st,
                     ct_vars *rvars, df_state *df, const http_exchange *x, const http_exchange *rx,
                     ct_step_result *res);

/* 1 when every row c and st cover is a decision (and there is one). */
int reference_decision_only(const ct_case *c, const ct_step *st);

#endif
