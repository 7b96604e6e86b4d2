/* test_schema_suite.c - run the official JSON-Schema-Test-Suite (draft
 * 2020-12) through the engine.
 *
 * Paths: $JSON_SCHEMA_TEST_SUITE (default ../shared/JSON-Schema-Test-Suite)
 * and $JSON_SCHEMA_META (default ../shared/json-schema-2020-12).  The
 * suite's remotes/ are registered under http://localhost:1234/ and the
 * metaschemas under their own $ids, in a base registry that every test
 * group overlays.  Required tests run with format as an annotation (as the
 * suite expects); optional/format runs with format asserting.
 * Prints "compliance: N passed, N failed" for the required tests, then for
 * optional/; each required test is one check, and optional/format must
 * reach 95%.  SUITE_VERBOSE=1 lists every failing test.
 *
 * Every test instance is also given to the engine's two walkers apart:
 * the verdict walker (schema_verdict) must agree with the reporting walk
 * (schema_evaluate) wherever it answers; each agreement is a check.  The
 * same holds for the verdict walk over tapes (schema_verdict_tape), given
 * the instance written out and parsed into a tape.
 *
 * A missing suite or metaschema directory is one failure each, with the
 * line tests/cli/lib.sh's need_shared prints, and nothing else is run. */
#include "check.h"
#include "engine.h"
#include "campaign/json_parse.h"
#include "json_write.h"
#include "campaign/jsv.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct tally { int passed, failed; } tally;

/* The two walkers compared: answered = verdict walker gave 1 or 0 and
 * agreed; disagreed; skipped = it declined (-1: dynamic scope,
 * unevaluated*, depth). */
typedef struct walkers { int answered, disagreed, skipped; } walkers;

typedef struct suite_ctx {
    jsv_registry *base;
    int verbose;
    FILE *failures;  /* where failing test names go */
    walkers w;       /* verdict walk over trees */
    walkers wt;      /* verdict walk over tapes */
    json_tape *tape;
    pcre2_match_data *md;
} suite_ctx;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.json file names in dir, sorted; *n set.  Caller frees. */
static char **list_json(const char *dir, size_t *n)
{
    DIR *d = opendir(dir);
    *n = 0;
    if (!d) return NULL;
    char **v = NULL;
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 6 || strcmp(e->d_name + l - 5, ".json")) continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nv = realloc(v, cap * sizeof *nv);
            if (!nv) break;
            v = nv;
        }
        v[(*n)++] = strdup(e->d_name);
    }
    closedir(d);
    if (v) qsort(v, *n, sizeof *v, cmp_str);
    return v;
}

static void run_file(suite_ctx *sc, const char *path, const char *label, unsigned flags, tally *t)
{
    size_t len;
    char *buf = jsv_read_file(path, &len);
    if (!buf) { fprintf(stderr, "cannot read %s\n", path); t->failed++; return; }
    json_error je;
    json_doc *doc = json_parse(buf, len, NULL, NULL, &je);
    if (!doc) {
        fprintf(stderr, "%s:%u:%u: %s\n", path, je.line, je.col, je.message);
        t->failed++;
        free(buf);
        return;
    }
    jsv_result *res = jsv_result_new();
    for (const cJSON *g = doc->root->child; g; g = g->next) {
        const cJSON *desc = cJSON_GetObjectItemCaseSensitive(g, "description");
        const cJSON *schema = cJSON_GetObjectItemCaseSensitive(g, "schema");
        const cJSON *tests = cJSON_GetObjectItemCaseSensitive(g, "tests");
        jsv_registry *reg = jsv_registry_new_overlay(sc->base);
        char *text = json_write(schema);
        jsv_error err;
        const char *uri = NULL;
        jsv_schema *s = NULL;
        if (text && jsv_registry_add_json(reg, NULL, text, strlen(text), &uri, &err) == 0) {
            jsv_options o = { flags, 0, 0 };
            s = jsv_compile(reg, uri, &o, &err);
        }
        free(text);
        for (const cJSON *tc = tests ? tests->child : NULL; tc; tc = tc->next) {
            const cJSON *tdesc = cJSON_GetObjectItemCaseSensitive(tc, "description");
            const cJSON *data = cJSON_GetObjectItemCaseSensitive(tc, "data");
            int want = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(tc, "valid"));
            int got = s ? jsv_validate(s, data, res) : -2;
            if (s) {
                int v = schema_verdict(s, data, sc->md), full = schema_evaluate(s, data, res);
                if (v < 0) sc->w.skipped++;
                else if (v == full) sc->w.answered++;
                else {
                    sc->w.disagreed++;
                    fprintf(stderr, "  WALKERS DISAGREE %s: %s / %s: verdict %d, report %d\n", label,
                            desc ? desc->valuestring : "?", tdesc ? tdesc->valuestring : "?", v, full);
                }
                char *dtext = json_write(data);
                json_error te;
                int vt = dtext && json_tape_parse(sc->tape, dtext, strlen(dtext), NULL, &te) == 0
                             ? schema_verdict_tape(s, sc->tape, sc->md) : -2;
                if (vt == -2) {
                    sc->wt.disagreed++;
                    fprintf(stderr, "  TAPE NOT PARSED %s: %s / %s\n", label, desc ? desc->valuestring : "?",
                            tdesc ? tdesc->valuestring : "?");
                } else if (vt < 0) sc->wt.skipped++;
                else if (vt == full) sc->wt.answered++;
                else {
                    sc->wt.disagreed++;
                    fprintf(stderr, "  TAPE WALK DISAGREES %s: %s / %s: tape %d, report %d\n", label,
                            desc ? desc->valuestring : "?", tdesc ? tdesc->valuestring : "?", vt, full);
                }
                free(dtext);
            }
            if (got == want) t->passed++;
            else {
                t->failed++;
                fprintf(sc->failures, "  FAIL %s: %s / %s: expected %s, got %s%s%s\n", label,
                        desc ? desc->valuestring : "?", tdesc ? tdesc->valuestring : "?",
                        want ? "valid" : "invalid",
                        got == -2 ? "schema error: " : got == 1 ? "valid" : "invalid",
                        got == -2 ? err.message : "",
                        got == 0 && jsv_result_count(res) ? "" : "");
            }
        }
        jsv_schema_free(s);
        jsv_registry_free(reg);
    }
    jsv_result_free(res);
    json_doc_free(doc);
    free(buf);
}

static void run_dir(suite_ctx *sc, const char *dir, const char *label, unsigned flags, tally *t)
{
    size_t n;
    char **files = list_json(dir, &n);
    for (size_t i = 0; i < n; i++) {
        char path[4096], lab[512];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        snprintf(lab, sizeof lab, "%s%s", label, files[i]);
        run_file(sc, path, lab, flags, t);
        free(files[i]);
    }
    free(files);
}

/* ---- the "basic" output format against the official output schema ---- */

#define OUTPUT_SCHEMA "https://json-schema.org/draft/2020-12/output/schema"

/* Validate instance (JSON text) against schema (JSON text) in reg, with
 * format as an annotation (the specification's default); the engine's
 * verdict, and its basic output in *out (NULL when not needed). */
static int basic_of(jsv_registry *reg, const char *base, const char *schema, const cJSON *instance,
                    unsigned flags, cJSON **out)
{
    const char *uri = NULL;
    jsv_error err;
    jsv_options o = { flags | JSV_FORMAT_ANNOTATION, 0, 0 };
    if (jsv_registry_add_json(reg, base, schema, strlen(schema), &uri, &err) != 0) return -2;
    jsv_schema *s = jsv_compile(reg, uri, &o, &err);
    jsv_result *r = jsv_result_new();
    int v = s && r ? jsv_validate(s, instance, r) : -2;
    *out = v == 0 ? jsv_result_basic(r) : NULL;
    jsv_result_free(r);
    jsv_schema_free(s);
    return v;
}

/* Is out valid against the schema at uri (registered in reg)? */
static int output_keeps(jsv_registry *reg, const char *uri, const cJSON *out)
{
    jsv_error err;
    jsv_schema *s = jsv_compile(reg, uri, NULL, &err);
    if (!s) { fprintf(stderr, "  output schema %s: %s\n", uri, err.message); return 0; }
    int v = jsv_validate(s, out, NULL);
    jsv_schema_free(s);
    return v == 1;
}

/* Every unit of out's errors says "valid": false. */
static int units_invalid(const cJSON *out)
{
    const cJSON *errs = cJSON_GetObjectItemCaseSensitive(out, "errors");
    if (!cJSON_IsArray(errs) || !errs->child) return 0;
    for (const cJSON *u = errs->child; u; u = u->next)
        if (!cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(u, "valid"))) return 0;
    return 1;
}

/* The suite's output-tests/draft2020-12/content: each test's "basic"
 * schema checks the engine's basic output.  The engine reports errors
 * only (no annotations), so tests of a valid instance are skipped. */
static void run_output_file(suite_ctx *sc, const char *path, jsv_registry *base, tally *t, int *skipped)
{
    size_t len;
    char *buf = jsv_read_file(path, &len);
    json_error je;
    json_doc *doc = buf ? json_parse(buf, len, NULL, NULL, &je) : NULL;
    if (!doc) { fprintf(stderr, "cannot read %s\n", path); t->failed++; free(buf); return; }
    for (const cJSON *g = doc->root->child; g; g = g->next) {
        char *schema = json_write(cJSON_GetObjectItemCaseSensitive(g, "schema"));
        const cJSON *tests = cJSON_GetObjectItemCaseSensitive(g, "tests");
        for (const cJSON *tc = tests ? tests->child : NULL; tc; tc = tc->next) {
            const cJSON *want = cJSON_GetObjectItemCaseSensitive(
                cJSON_GetObjectItemCaseSensitive(tc, "output"), "basic");
            jsv_registry *reg = jsv_registry_new_overlay(base);
            cJSON *out = NULL;
            int v = schema ? basic_of(reg, NULL, schema, cJSON_GetObjectItemCaseSensitive(tc, "data"), 0, &out) : -2;
            char *wtext = json_write(want);
            const char *wuri = NULL;
            jsv_error err;
            if (v == 1 || !want) {
                (*skipped)++;
            } else if (v == 0 && out && wtext &&
                       jsv_registry_add_json(reg, NULL, wtext, strlen(wtext), &wuri, &err) == 0 &&
                       output_keeps(reg, wuri, out) && units_invalid(out)) {
                t->passed++;
            } else {
                t->failed++;
                char *o = out ? cJSON_PrintUnformatted(out) : NULL;
                fprintf(sc->failures, "  FAIL output %s: %s: %s\n", path,
                        cJSON_GetObjectItemCaseSensitive(tc, "description")->valuestring, o ? o : "(no output)");
                free(o);
            }
            free(wtext);
            cJSON_Delete(out);
            jsv_registry_free(reg);
        }
        free(schema);
    }
    json_doc_free(doc);
    free(buf);
}

/* Failing instances of the keywords whose units differ (a $ref on the
 * way, patterns, x-error, unknown properties, nested combinators): the
 * whole output must be a "basic" output unit of the output schema, and
 * every unit in it must say "valid": false. */
static void run_output_cases(suite_ctx *sc, jsv_registry *base, tally *t)
{
    static const struct { const char *schema, *instance; unsigned flags; } cases[] = {
        { "{\"$defs\":{\"n\":{\"type\":\"integer\"}},\"properties\":{\"a\":{\"$ref\":\"#/$defs/n\"}}}",
          "{\"a\":\"x\"}", 0 },
        { "{\"patternProperties\":{\"^x-\":{\"maxLength\":2}},\"additionalProperties\":false}",
          "{\"x-a\":\"long\",\"y\":1}", 0 },
        { "{\"required\":[\"a\",\"b\"],\"properties\":{\"a\":{\"enum\":[1,2]}}}", "{\"a\":3}", 0 },
        { "{\"anyOf\":[{\"type\":\"string\"},{\"minimum\":5}],\"not\":{\"const\":1}}", "1", 0 },
        { "{\"x-error\":\"bad ${/k}\",\"properties\":{\"k\":{\"const\":\"a\"}}}", "{\"k\":\"b\"}", 0 },
        { "{\"properties\":{\"a\":true}}", "{\"a\":1,\"zz\":2}", JSV_REPORT_UNKNOWN },
        { "{\"properties\":{\"a b%\\u00e9\\\"{}\":{\"type\":\"null\"}}}", "{\"a b%\\u00e9\\\"{}\":0}", 0 },
        { "{\"items\":{\"$ref\":\"#/$defs/p\"},\"$defs\":{\"p\":{\"oneOf\":[{\"type\":\"null\"},{\"type\":\"null\"}]}}}",
          "[null,1]", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        jsv_registry *reg = jsv_registry_new_overlay(base);
        json_error je;
        json_doc *d = json_parse(cases[i].instance, strlen(cases[i].instance), NULL, NULL, &je);
        cJSON *out = NULL;
        char uri[64];
        snprintf(uri, sizeof uri, "https://example.test/output/%zu.json", i);
        int v = d ? basic_of(reg, uri, cases[i].schema, d->root, cases[i].flags, &out) : -2;
        if (v == 0 && out && output_keeps(reg, OUTPUT_SCHEMA "#/$defs/basic", out) &&
            output_keeps(reg, OUTPUT_SCHEMA, out) && units_invalid(out)) {
            t->passed++;
        } else {
            t->failed++;
            char *o = out ? cJSON_PrintUnformatted(out) : NULL;
            fprintf(sc->failures, "  FAIL output of %s against %s: %s\n", cases[i].instance, cases[i].schema,
                    o ? o : "(no output)");
            free(o);
        }
        cJSON_Delete(out);
        json_doc_free(d);
        jsv_registry_free(reg);
    }
}

static void run_output(suite_ctx *sc, const char *suite, tally *t)
{
    char path[4096];
    jsv_error err;
    jsv_registry *base = jsv_registry_new_overlay(sc->base);
    snprintf(path, sizeof path, "%s/output-tests/draft2020-12/output-schema.json", suite);
    if (jsv_registry_add_file(base, path, NULL, NULL, &err) != 0) {
        fprintf(stderr, "output schema %s: %s\n", path, err.message);
        t->failed++;
        jsv_registry_free(base);
        return;
    }
    int skipped = 0;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/output-tests/draft2020-12/content", suite);
    size_t n;
    char **files = list_json(dir, &n);
    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        run_output_file(sc, path, base, t, &skipped);
        free(files[i]);
    }
    free(files);
    run_output_cases(sc, base, t);
    printf("basic output vs the output schema: %d passed, %d failed, %d skipped (valid instances: "
           "no annotations are produced)\n", t->passed, t->failed, skipped);
    jsv_registry_free(base);
}

/* The input from ../shared that env var `var` names (here at `path`) is a
 * directory; else one failure, with where it comes from and how to
 * override it (the same line as need_shared in tests/cli/lib.sh). */
static int need_shared_dir(struct check *ck, const char *var, const char *path, const char *desc)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) return 1;
    printf("FAIL: missing shared input %s: %s (%s; from ../shared, see README.md; set SHARED=DIR or %s=PATH)\n",
           var, path, desc, var);
    ck->failed++;
    return 0;
}

int main(void)
{
    struct check ck = { 0, 0, "schema_suite" };
    const char *suite = getenv("JSON_SCHEMA_TEST_SUITE");
    const char *meta = getenv("JSON_SCHEMA_META");
    const char *shared = getenv("SHARED");
    char sbuf[4096], mbuf[4096];
    if (!shared) shared = "../shared";
    if (!suite) { snprintf(sbuf, sizeof sbuf, "%s/JSON-Schema-Test-Suite", shared); suite = sbuf; }
    if (!meta) { snprintf(mbuf, sizeof mbuf, "%s/json-schema-2020-12", shared); meta = mbuf; }
    int have_suite = need_shared_dir(&ck, "JSON_SCHEMA_TEST_SUITE", suite, "the official JSON-Schema-Test-Suite");
    int have_meta = need_shared_dir(&ck, "JSON_SCHEMA_META", meta, "the draft 2020-12 metaschemas");
    if (!have_suite || !have_meta) return check_done(&ck);
    suite_ctx sc = { jsv_registry_new(), getenv("SUITE_VERBOSE") != NULL, stderr, { 0, 0, 0 }, { 0, 0, 0 },
                     json_tape_new(), ecma_regex_match_data_new() };

    char path[4096];
    jsv_error err;
    snprintf(path, sizeof path, "%s/remotes", suite);
    int nrem = jsv_registry_add_dir(sc.base, path, "http://localhost:1234/", &err);
    CHECK_MSG(&ck, nrem > 0, "loading remotes from %s: %s", path, err.message);
    snprintf(path, sizeof path, "%s/schema.json", meta);
    CHECK_MSG(&ck, jsv_registry_add_file(sc.base, path, NULL, NULL, &err) == 0, "metaschema %s: %s", path, err.message);
    snprintf(path, sizeof path, "%s/meta", meta);
    size_t nmeta;
    char **metas = list_json(path, &nmeta);
    CHECK_MSG(&ck, nmeta > 0, "no metaschemas in %s", path);
    for (size_t i = 0; i < nmeta; i++) {
        snprintf(path, sizeof path, "%s/meta/%s", meta, metas[i]);
        CHECK_MSG(&ck, jsv_registry_add_file(sc.base, path, NULL, NULL, &err) == 0, "metaschema %s: %s", path, err.message);
        free(metas[i]);
    }
    free(metas);

    tally req = { 0, 0 }, opt = { 0, 0 }, fmt = { 0, 0 };
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/draft2020-12", suite);
    run_dir(&sc, dir, "", JSV_FORMAT_ANNOTATION, &req);
    snprintf(dir, sizeof dir, "%s/tests/draft2020-12/optional", suite);
    /* optional/ tests other than format-assertion use format as annotation */
    run_dir(&sc, dir, "optional/", JSV_FORMAT_ANNOTATION, &opt);
    snprintf(dir, sizeof dir, "%s/tests/draft2020-12/optional/format", suite);
    run_dir(&sc, dir, "optional/format/", 0, &fmt);

    tally out = { 0, 0 };
    run_output(&sc, suite, &out);
    CHECK_MSG(&ck, out.passed >= 10, "only %d basic outputs checked against the output schema", out.passed);
    ck.passed += out.passed;
    ck.failed += out.failed;

    printf("required (tests/draft2020-12/*.json):\n");
    printf("compliance: %d passed, %d failed\n", req.passed, req.failed);
    printf("optional (tests/draft2020-12/optional/**):\n");
    printf("compliance: %d passed, %d failed\n", opt.passed + fmt.passed, opt.failed + fmt.failed);
    int total_fmt = fmt.passed + fmt.failed;
    printf("optional/format: %d of %d (%.1f%%)\n", fmt.passed, total_fmt,
           total_fmt ? 100.0 * fmt.passed / total_fmt : 0.0);

    printf("verdict walker vs reporting walk: %d agreed, %d disagreed, %d left to the reporting walk\n",
           sc.w.answered, sc.w.disagreed, sc.w.skipped);
    printf("tape verdict walker vs reporting walk: %d agreed, %d disagreed, %d left to the reporting walk\n",
           sc.wt.answered, sc.wt.disagreed, sc.wt.skipped);
    ck.passed += sc.w.answered + sc.wt.answered;
    ck.failed += sc.w.disagreed + sc.wt.disagreed;
    /* most of the suite must go through the verdict walker, or the
     * comparison above proves little */
    CHECK_MSG(&ck, sc.w.answered > 1900, "verdict walker answered only %d tests", sc.w.answered);
    CHECK_MSG(&ck, sc.wt.answered > 1800, "tape verdict walker answered only %d tests", sc.wt.answered);
    CHECK_MSG(&ck, req.passed + req.failed >= 1299, "ran %d required tests, expected 1299", req.passed + req.failed);
    ck.passed += req.passed;
    ck.failed += req.failed;
    CHECK_MSG(&ck, total_fmt > 0 && fmt.passed * 100 >= total_fmt * 95, "optional/format below 95%%: %d of %d",
              fmt.passed, total_fmt);
    ecma_regex_match_data_free(sc.md);
    jsv_registry_free(sc.base);
    json_tape_free(sc.tape);
    return check_done(&ck);
}
