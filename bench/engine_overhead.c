/* engine_overhead.c - measurement 2 of make bench: what validation adds to
 * parsing, in process, on the bulk NDJSON corpus.
 *
 *   engine_overhead [-r REPS] [-m MODE] [-s SCHEMA_DIR] NAME FILE [NAME FILE ...]
 *
 * Every FILE is read into memory once and split into lines; NAME is the
 * body schema of its lines.  Each repetition then times one pass over all
 * lines for every mode, the modes interleaved so drift hits them alike:
 *   cjson       cJSON_ParseWithLength + cJSON_Delete (reference)
 *   cjson_validate  the same + jsv_validate of cJSON's tree (the pipeline
 *               "parse with cJSON, then validate", taken literally)
 *   parse       json_parse into one arena, reset per line
 *   parse_dup   the same, rejecting duplicate keys (what campaign-lint does)
 *   validate    parse + jsv_validate with the compiled body schema
 *   contract    parse_dup + contract_check (schema and rules on a tree)
 *   tape        json_tape_parse, rejecting duplicate keys
 *   tape_validate  tape + jsv_check_tape with the compiled body schema
 *   tape_contract  tape + contract_check_tape (schema and rules: what
 *               campaign-lint does for a payload that keeps the contract,
 *               minus reading and printing)
 * -m MODE times that mode only (for profiling one mode under perf).
 * Prints one tab-separated sample per line on stdout:
 *   mode  rep  seconds  payloads  bytes
 * Exit status 1 when a payload does not parse or validate (the corpus is
 * meant to be valid), 2 on a usage, file or schema error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "campaign/arena.h"
#include "bench_util.h"
#include "campaign/contract.h"
#include "campaign/json_parse.h"
#include "campaign/jsv.h"

#define MAX_INPUTS 8
#define ID_PREFIX "https://campaign-contract.example/schemas/"

enum mode { M_CJSON, M_CJSON_VALIDATE, M_PARSE, M_PARSE_DUP, M_VALIDATE, M_CONTRACT,
            M_TAPE, M_TAPE_VALIDATE, M_TAPE_CONTRACT, M_COUNT };
static const char *const MODE_NAMES[M_COUNT] = {"cjson", "cjson_validate", "parse", "parse_dup",
                                                "validate", "contract", "tape", "tape_validate",
                                                "tape_contract"};

typedef struct input {
    const char *name;        /* body schema name */
    char *data;              /* whole file */
    bench_line *lines;
    size_t nlines;
    const jsv_schema *schema; /* compiled from the registry */
} input;

typedef struct engine {
    jsv_registry *reg;
    contract *contract;
    arena *mem;
    json_tape *tape;
    jsv_result *result;
    contract_report *report;
} engine;

/* One pass of one mode over every line; returns the failures. */
static size_t run_pass(engine *e, input *in, size_t nin, enum mode m)
{
    json_parse_opts plain = {0, 0}, dup = {JSON_PARSE_REJECT_DUPLICATES, 0};
    size_t failures = 0;
    for (size_t i = 0; i < nin; i++) {
        for (size_t l = 0; l < in[i].nlines; l++) {
            const bench_line *ln = &in[i].lines[l];
            if (m == M_CJSON || m == M_CJSON_VALIDATE) {
                cJSON *root = cJSON_ParseWithLength(ln->start, ln->len);
                failures += root == NULL;
                if (root && m == M_CJSON_VALIDATE) failures += jsv_validate(in[i].schema, root, e->result) != 1;
                cJSON_Delete(root);
                continue;
            }
            json_error err;
            if (m == M_TAPE || m == M_TAPE_VALIDATE || m == M_TAPE_CONTRACT) {
                if (json_tape_parse(e->tape, ln->start, ln->len, &dup, &err) != 0) {
                    failures++;
                } else if (m == M_TAPE_VALIDATE) {
                    failures += jsv_check_tape(in[i].schema, e->tape, e->result) != 1;
                } else if (m == M_TAPE_CONTRACT) {
                    failures += contract_check_tape(e->contract, in[i].name, e->tape, 0, e->report) != 1;
                }
                continue;
            }
            arena_reset(e->mem);
            json_doc *doc = json_parse(ln->start, ln->len,
                                       (m == M_PARSE || m == M_VALIDATE) ? &plain : &dup,
                                       e->mem, &err);
            if (!doc) {
                failures++;
                continue;
            }
            if (m == M_VALIDATE) {
                failures += jsv_validate(in[i].schema, doc->root, e->result) != 1;
            } else if (m == M_CONTRACT) {
                contract_report_clear(e->report);
                failures += contract_check(e->contract, in[i].name, doc->root, 0, e->report) != 1;
            }
            json_doc_free(doc);
        }
    }
    return failures;
}

static int usage(void)
{
    fprintf(stderr, "usage: engine_overhead [-r REPS] [-m cjson|cjson_validate|parse|parse_dup|validate|contract|\n"
                    "                        tape|tape_validate|tape_contract]\n"
                    "                       [-s SCHEMA_DIR] NAME FILE [NAME FILE ...]\n");
    return 2;
}

int main(int argc, char **argv)
{
    int reps = 7, opt, only = -1;
    const char *schema_dir = "schemas";
    while ((opt = getopt(argc, argv, "r:m:s:")) != -1) {
        if (opt == 'r') {
            reps = atoi(optarg);
        } else if (opt == 'm') {
            for (int m = 0; m < M_COUNT; m++)
                if (strcmp(optarg, MODE_NAMES[m]) == 0)
                    only = m;
            if (only < 0)
                return usage();
        } else if (opt == 's')
            schema_dir = optarg;
        else
            return usage();
    }
    int nargs = argc - optind;
    if (reps < 1 || nargs < 2 || nargs % 2 || nargs / 2 > MAX_INPUTS)
        return usage();

    engine e = {0};
    jsv_error err;
    e.reg = jsv_registry_new();
    if (!e.reg || jsv_registry_add_dir(e.reg, schema_dir, ID_PREFIX, &err) < 0) {
        fprintf(stderr, "engine_overhead: %s: %s\n", err.file[0] ? err.file : schema_dir,
                err.message);
        return 2;
    }
    e.contract = contract_load(schema_dir, NULL, &err);
    if (!e.contract) {
        fprintf(stderr, "engine_overhead: contract: %s\n", err.message);
        return 2;
    }
    e.mem = arena_new(0);
    e.tape = json_tape_new();
    e.result = jsv_result_new();
    e.report = contract_report_new();
    if (!e.mem || !e.tape || !e.result || !e.report) {
        fprintf(stderr, "engine_overhead: out of memory\n");
        return 2;
    }

    input in[MAX_INPUTS];
    jsv_schema *compiled[MAX_INPUTS];
    size_t nin = (size_t)nargs / 2, payloads = 0, bytes = 0;
    for (size_t i = 0; i < nin; i++) {
        in[i].name = argv[optind + 2 * i];
        const char *file = argv[optind + 2 * i + 1];
        size_t len;
        char uri[512];
        snprintf(uri, sizeof uri, "%s%s.json", ID_PREFIX, in[i].name);
        compiled[i] = jsv_compile(e.reg, uri, NULL, &err);
        if (!compiled[i]) {
            fprintf(stderr, "engine_overhead: %s: %s\n", uri, err.message);
            return 2;
        }
        in[i].schema = compiled[i];
        in[i].data = jsv_read_file(file, &len);
        if (!in[i].data) {
            perror(file);
            return 2;
        }
        in[i].lines = bench_split_lines(in[i].data, len, &in[i].nlines);
        if (!in[i].lines) {
            fprintf(stderr, "engine_overhead: out of memory\n");
            return 2;
        }
        payloads += in[i].nlines;
        for (size_t l = 0; l < in[i].nlines; l++)
            bytes += in[i].lines[l].len;
    }

    /* One untimed pass per mode warms caches and checks the corpus. */
    size_t failures = 0;
    for (int m = 0; m < M_COUNT; m++) {
        if (only >= 0 && m != only)
            continue;
        size_t f = run_pass(&e, in, nin, (enum mode)m);
        if (f)
            fprintf(stderr, "engine_overhead: %s: %zu payloads failed\n", MODE_NAMES[m], f);
        failures += f;
    }
    for (int r = 1; r <= reps; r++) {
        for (int m = 0; m < M_COUNT; m++) {
            if (only >= 0 && m != only)
                continue;
            double t0 = bench_now();
            run_pass(&e, in, nin, (enum mode)m);
            double t = bench_now() - t0;
            printf("%s\t%d\t%.6f\t%zu\t%zu\n", MODE_NAMES[m], r, t, payloads, bytes);
        }
        fflush(stdout);
    }

    for (size_t i = 0; i < nin; i++) {
        free(in[i].lines);
        free(in[i].data);
        jsv_schema_free(compiled[i]);
    }
    contract_report_free(e.report);
    json_tape_free(e.tape);
    jsv_result_free(e.result);
    arena_free(e.mem);
    contract_free(e.contract);
    jsv_registry_free(e.reg);
    return failures ? 1 : 0;
}
