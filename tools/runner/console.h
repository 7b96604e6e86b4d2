/* console.h - what campaign-test prints on stdout as a run goes.
 *
 * A line per scenario as it ends ("PASS    name  (file, N steps, S s)"),
 * with the first problem of one that did not pass under it; at the end,
 * when anything failed, the failures again in one block, one line per
 * failing scenario and one per failing step, so a reader of a long log
 * finds them without scrolling back.  Quiet mode prints only the lines of
 * scenarios that failed (and their problem) and the end.  Every text
 * comes from the results, which are redacted already (results.h). */
#ifndef CONSOLE_H
#define CONSOLE_H

#include "results.h"

/* The line of scenario r as it ends (nothing for one that did not fail,
 * when quiet). */
void console_scenario(const ct_scenario_result *r, int quiet);

/* The failures of run, repeated ("failures:" and a line per failing
 * scenario and step); nothing when none failed. */
void console_failures(const ct_run_result *run);

#endif
