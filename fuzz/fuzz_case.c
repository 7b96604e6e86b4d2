/* fuzz_case.c - libFuzzer target: arbitrary bytes as a case file.
 *
 * The input goes through the runner's case loader (strict parse, the case
 * schema, the checks a schema cannot say), named /nonexistent/fuzz.json
 * so relative bodyFile paths find nothing.  A case that loads then has its
 * variables and every step expanded as a scenario run would, with a fixed
 * unique id and start time.  Problems printed by the loader go to
 * /dev/null. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_load.h"
#include "case_vars.h"

static case_loader *Loader;
static contract *Contract;
static FILE *Sink;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    const char *env = getenv("CAMPAIGN_SCHEMA_DIR");
    const char *dir = env && *env ? env : "schemas";
    jsv_error jerr;
    memset(&jerr, 0, sizeof jerr);
    Contract = contract_load(dir, NULL, &jerr);
    char path[4096], err[1024];
    snprintf(path, sizeof path, "%s/case.schema.json", dir);
    Loader = Contract ? case_loader_new(path, Contract, err, sizeof err) : NULL;
    Sink = fopen("/dev/null", "w");
    if (!Loader || !Sink) {
        fprintf(stderr, "fuzz_case: cannot load %s: %s\n", path, Contract ? err : jerr.message);
        exit(2);
    }
    return 0;
}

static void expand_steps(const ct_case *c)
{
    ct_vars *v = ct_vars_new("00000000-0000-4000-8000-000000000000", 1767225600);
    if (!v) abort();
    char err[512];
    for (const cJSON *var = c->variables ? c->variables->child : NULL; var; var = var->next) {
        cJSON *val = ct_vars_expand_json(v, var, err, sizeof err);
        int bad = !val || ct_vars_set(v, var->string, val) != 0;
        cJSON_Delete(val);
        if (bad) break;
    }
    for (size_t i = 0; i < c->nsteps; i++)
        cJSON_Delete(ct_vars_expand_json(v, c->steps[i].json, err, sizeof err));
    ct_vars_free(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ct_case *c = case_load_text(Loader, "/nonexistent/fuzz.json", (const char *)data, size, Sink);
    if (c) {
        expand_steps(c);
        ct_case_free(c);
    }
    return 0;
}
