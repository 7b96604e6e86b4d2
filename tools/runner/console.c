/* console.c - the runner's console lines (console.h). */
#include "console.h"

#include <stdio.h>

static const char *const LABEL[] = { "PASS", "FAIL", "ERROR", "SKIP", "NOT RUN" };

void console_scenario(const ct_scenario_result *r, int quiet)
{
    int failed = r->outcome == CT_FAIL || r->outcome == CT_ERROR;
    if (quiet && !failed)
        return;
    printf("%-7s %s  (%s, %zu step%s, %.2f s)\n", LABEL[r->outcome], r->name, r->file, r->nsteps,
           r->nsteps == 1 ? "" : "s", r->seconds);
    if (r->message && r->outcome != CT_PASS)
        printf("        %s\n", r->message);
    fflush(stdout);
}

void console_failures(const ct_run_result *run)
{
    size_t n = 0;
    for (size_t i = 0; i < run->nscen; i++)
        n += run->scen[i].outcome == CT_FAIL || run->scen[i].outcome == CT_ERROR;
    if (!n)
        return;
    printf("\nfailures (%zu scenario%s):\n", n, n == 1 ? "" : "s");
    for (size_t i = 0; i < run->nscen; i++) {
        const ct_scenario_result *s = &run->scen[i];
        if (s->outcome != CT_FAIL && s->outcome != CT_ERROR)
            continue;
        printf("  %s  (%s)\n", s->name, s->file);
        for (size_t j = 0; j < s->nsteps; j++) {
            const ct_step_result *st = &s->steps[j];
            if (st->outcome == CT_FAIL || st->outcome == CT_ERROR)
                printf("    %s %s: %s\n", st->outcome == CT_FAIL ? "failed" : "error", st->name,
                       st->message ? st->message : "");
        }
    }
    printf("\n");
}
