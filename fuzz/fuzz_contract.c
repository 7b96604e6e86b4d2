/* fuzz_contract.c - libFuzzer target: arbitrary bytes as a campaign body.
 *
 * The input goes through campaign-lint's payload check (strict parse with
 * duplicates rejected, the contract's create-request schema and rules,
 * the pointer of a parse error, json output), and, when it parses, through
 * contract_check against every body the contract names.  The tape parser
 * must agree with the tree parser on every input (the same error, or the
 * same document), with duplicates allowed and rejected, and the tape's
 * contract verdict must be the tree's (or "cannot tell" from the tape's
 * schema walk, which a tree then decides).  The contract is
 * loaded once from $CAMPAIGN_SCHEMA_DIR or ./schemas. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "campaign/contract.h"
#include "campaign/json_parse.h"
#include "lint.h"
#include "tape_compare.h"

typedef struct target {
    contract *contract;
    contract_report *report;
    lint_checker *checker[2];
    lint_output *out[2];
    FILE *sink;
} target;

static target T;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void give_up(const char *what)
{
    fprintf(stderr, "fuzz_contract: %s\n", what);
    exit(2);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    const char *dir = getenv("CAMPAIGN_SCHEMA_DIR");
    jsv_error err;
    memset(&err, 0, sizeof err);
    T.contract = contract_load(dir && *dir ? dir : "schemas", NULL, &err);
    if (!T.contract) give_up(err.message);
    T.report = contract_report_new();
    T.sink = fopen("/dev/null", "w");
    if (!T.report || !T.sink) give_up("out of memory");
    /* a text and a json emitter over the create-request body */
    static const enum lint_format fmt[2] = { LINT_TEXT, LINT_JSON };
    for (int i = 0; i < 2; i++) {
        lint_config cfg = { T.contract, "campaign-create-request", NULL, NULL, 0, 0, 0 };
        T.checker[i] = lint_checker_new(&cfg);
        T.out[i] = lint_output_new(fmt[i], T.sink, "campaign-create-request");
        if (!T.checker[i] || !T.out[i]) give_up("out of memory");
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data;
    int which = size & 1;
    int undecided;
    if (lint_check_payload(T.checker[which], "fuzz.json", "fuzz.json", buf, size, 1, T.out[which], &undecided) < 0)
        give_up("lint_check_payload: out of memory");

    for (unsigned dup = 0; dup < 2; dup++) {
        json_parse_opts o = { dup ? JSON_PARSE_REJECT_DUPLICATES : 0, 0 };
        char why[512];
        const char *diff = tape_parse_compare(buf, size, &o, why, sizeof why);
        if (diff) {
            fprintf(stderr, "tape and tree parsers disagree: %s\n", diff);
            abort();
        }
    }

    json_parse_opts opts = { 0, 0 };
    json_error err;
    json_doc *doc = json_parse(buf, size, &opts, NULL, &err);
    if (!doc) return 0;
    json_tape *tape = json_tape_new();
    if (!tape || json_tape_parse(tape, buf, size, &opts, &err) != 0) give_up("json_tape_parse failed where json_parse did not");
    for (size_t i = 0; i < contract_body_count; i++) {
        contract_report_clear(T.report);
        int ok = contract_check(T.contract, contract_body_names[i], doc->root, 0, T.report);
        if (ok == -1) give_up("contract_check: unknown body name");
        if ((ok == 1) != (contract_report_count(T.report) == 0)) {
            fprintf(stderr, "contract_check(%s) returned %d with %zu findings\n",
                    contract_body_names[i], ok, contract_report_count(T.report));
            abort();
        }
        /* a tape answers 0 for a body the tree leaves undecided (it cannot tell) */
        int on_tape = contract_check_tape(T.contract, contract_body_names[i], tape, 0, T.report);
        if (on_tape != (ok == CONTRACT_UNDECIDED ? 0 : ok) &&
            !(ok == 1 && jsv_check_tape(contract_schema(T.contract, contract_body_names[i]), tape, NULL) == -1)) {
            fprintf(stderr, "contract_check(%s) returned %d, contract_check_tape %d\n", contract_body_names[i], ok,
                    on_tape);
            abort();
        }
    }
    json_tape_free(tape);
    json_doc_free(doc);
    return 0;
}
