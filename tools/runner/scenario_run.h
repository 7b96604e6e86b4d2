/* scenario_run.h - run scenarios concurrently, steps in order.
 *
 * Up to `jobs` scenarios are in flight at once on one http_client; each
 * scenario sends its next step only when the previous one passed (a failed
 * or errored step leaves the rest "skipped").  plan->interrupted is polled
 * about every 100 ms; once it returns non-zero (SIGINT) nothing new is sent, transfers in flight are cancelled
 * and every unfinished step is marked "not run"; with fail_fast the first
 * failing scenario stops new scenarios from starting (those in flight
 * finish).  Results land in run->scen, one per case, in case order. */
#ifndef SCENARIO_RUN_H
#define SCENARIO_RUN_H

#include "case_load.h"
#include "http_client.h"
#include "results.h"
#include "step_run.h"

typedef void (*scenario_done_fn)(const ct_scenario_result *r, void *user);

typedef struct run_plan {
    ct_case **cases;
    size_t ncases;
    int jobs;
    int fail_fast;
    int live;            /* scenarios tagged spend are skipped ... */
    int allow_spend;     /* ... unless this is set */
    int read_back;       /* read each changed campaign before and after (readback.h) */
    const run_ctx *reference; /* differential mode: the reference server (reference.h), else NULL */
    int strict_decisions;     /* a difference on a decision fails the step too */
    http_options http;
    scenario_done_fn on_done;  /* called as each scenario ends (may be NULL) */
    int (*interrupted)(void *user); /* non-zero = stop now (may be NULL) */
    void *user;
} run_plan;

/* Fills run (zeroed by the caller; base_url/started set by the caller).
 * Returns 0, or -1 when the HTTP client cannot start. */
int scenarios_run(const run_ctx *ctx, const run_plan *plan, ct_run_result *run);

#endif
