/* fuzz_schema.c - libFuzzer target: an arbitrary schema and instance
 * through the engine.
 *
 * Input: SCHEMA NUL INSTANCE (no NUL: the whole input is the schema and
 * it is validated against itself).  The schema is registered in a fresh
 * registry layered over one holding the contract's schemas (so $refs to
 * them resolve), compiled with options picked by the last byte, and, when
 * it compiles, the instance is parsed strictly and validated; the result
 * is also rendered in the "basic" output format.  The engine's two walks
 * are also run apart: the verdict walk, when it answers, must agree with
 * the reporting walk, and so must the verdict walk over a tape of the
 * instance.  Load and compile errors are expected; a crash,
 * leak, hang or disagreement is not. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "campaign/json_parse.h"
#include "campaign/jsv.h"

static jsv_registry *Base;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    const char *dir = getenv("CAMPAIGN_SCHEMA_DIR");
    jsv_error err;
    memset(&err, 0, sizeof err);
    Base = jsv_registry_new();
    if (!Base || jsv_registry_add_dir(Base, dir && *dir ? dir : "schemas",
                                      "https://fuzz.invalid/schemas/", &err) < 0) {
        fprintf(stderr, "fuzz_schema: %s\n", err.message);
        exit(2);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data;
    const char *nul = memchr(buf, 0, size);
    size_t slen = nul ? (size_t)(nul - buf) : size;
    const char *inst = nul ? nul + 1 : buf;
    size_t ilen = nul ? size - slen - 1 : size;

    jsv_registry *reg = jsv_registry_new_overlay(Base);
    if (!reg) abort();
    jsv_error err;
    memset(&err, 0, sizeof err);
    const char *uri = NULL;
    if (jsv_registry_add_json(reg, "https://fuzz.invalid/input.json", buf, slen, &uri, &err) == 0) {
        jsv_options opts = { size ? (unsigned)(data[size - 1] & 3) : 0, 0, 0 };
        jsv_schema *s = jsv_compile(reg, uri, &opts, &err);
        if (s) {
            json_parse_opts po = { 0, 0 };
            json_error je;
            json_doc *doc = json_parse(inst, ilen, &po, NULL, &je);
            if (doc) {
                jsv_result *r = jsv_result_new();
                if (!r) abort();
                int v = jsv_validate(s, doc->root, r);
                if (v == 0 && jsv_result_count(r) == 0) {
                    fprintf(stderr, "invalid without errors\n");
                    abort();
                }
                if (jsv_validate(s, doc->root, NULL) != v) {
                    fprintf(stderr, "verdict differs without a result\n");
                    abort();
                }
                pcre2_match_data *md = ecma_regex_match_data_new();
                if (!md) abort();
                int fast = schema_verdict(s, doc->root, md);
                int full = schema_evaluate(s, doc->root, r);
                json_tape *tape = json_tape_new();
                if (!tape || json_tape_parse(tape, inst, ilen, &po, &je) != 0) abort();
                int on_tape = schema_verdict_tape(s, tape, md);
                json_tape_free(tape);
                ecma_regex_match_data_free(md);
                if (fast >= 0 && full >= 0 && fast != full) {
                    fprintf(stderr, "verdict walk says %d, reporting walk %d\n", fast, full);
                    abort();
                }
                if (on_tape >= 0 && full >= 0 && on_tape != full) {
                    fprintf(stderr, "tape verdict walk says %d, reporting walk %d\n", on_tape, full);
                    abort();
                }
                /* what the reporting walk leaves open, no walk may decide */
                if (full == JSV_UNDECIDED && (fast >= 0 || on_tape >= 0)) {
                    fprintf(stderr, "undecided, yet the verdict walks say %d / %d\n", fast, on_tape);
                    abort();
                }
                cJSON_Delete(jsv_result_basic(r));
                jsv_result_free(r);
                json_doc_free(doc);
            }
            jsv_schema_free(s);
        }
    }
    jsv_registry_free(reg);
    return 0;
}
