/* test_runner_matrix.c - campaign-test's conformance matrix: covers as the
 * loader reads them, the counts, and the three reports, without the
 * network.
 *
 * Links the runner's modules as a library (build/tools/librunner.a).  Run
 * from the project root (the case schema is read from schemas/). */
#include "check.h"
#include "campaign/jsv.h"

#include "case_load.h"
#include "matrix.h"
#include "report.h"
#include "results.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>


static char **strs(int n, ...)
{
    char **v = calloc((size_t)n + 1, sizeof *v);
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) v[i] = strdup(va_arg(ap, const char *));
    va_end(ap);
    return v;
}

/* The file's text, NUL-terminated (the library's reader), or NULL. */
static char *slurp(const char *path)
{
    size_t len;
    return jsv_read_file(path, &len);
}

/* A run of three scenarios with overlapping covers: passed (C268, D40),
 * failed (C268, C272), not run (D40, C272, C999); rows C268, C272, C273,
 * D40 documented (C999 is named but not documented). */
static void make_run(ct_run_result *run, int with_rows)
{
    memset(run, 0, sizeof *run);
    run->base_url = strdup("http://127.0.0.1:1/api/v2/buyer");
    run->nscen = 3;
    run->scen = calloc(3, sizeof *run->scen);
    static const char *const files[] = { "cases/a/pass.json", "cases/a/fail.json", "cases/a/notrun.json" };
    static const ct_outcome outs[] = { CT_PASS, CT_FAIL, CT_NOTRUN };
    for (int i = 0; i < 3; i++) {
        ct_scenario_result *s = &run->scen[i];
        s->file = strdup(files[i]);
        s->name = strdup(files[i] + 8);
        s->outcome = outs[i];
        s->nsteps = 1;
        s->steps = calloc(1, sizeof *s->steps);
        s->steps[0].name = strdup("01 GET /campaigns");
        s->steps[0].outcome = outs[i];
    }
    run->scen[0].covers = strs(2, "C268", "D40");
    run->scen[0].ncovers = 2;
    run->scen[0].steps[0].covers = strs(1, "D40");
    run->scen[0].steps[0].ncovers = 1;
    run->scen[1].covers = strs(2, "C268", "C272");
    run->scen[1].ncovers = 2;
    run->scen[1].steps[0].message = strdup("status: expected 404, got 200");
    run->scen[2].covers = strs(3, "D40", "C272", "C999");
    run->scen[2].ncovers = 3;
    if (!with_rows) return;
    static const char *const ids[] = { "C268", "C272", "C273", "D40" };
    static const char *const titles[] = { "missing token → 401", "unknown route → 404", "wrong method → 405",
                                          "Order of the HTTP checks" };
    run->rows = calloc(4, sizeof *run->rows);
    for (int i = 0; i < 4; i++) { run->rows[i].id = strdup(ids[i]); run->rows[i].title = strdup(titles[i]); }
    run->nrows = 4;
    run->have_rows = 1;
}

static void check_row(struct check *t, const cJSON *m, const char *id, int p, int f, int nr, const char *files)
{
    const cJSON *r = cJSON_GetObjectItemCaseSensitive(m, id);
    CHECK_MSG(t, r != NULL, "matrix has %s", id);
    if (!r) return;
    CHECK_INT(t, cJSON_GetObjectItemCaseSensitive(r, "passed")->valuedouble, p);
    CHECK_INT(t, cJSON_GetObjectItemCaseSensitive(r, "failed")->valuedouble, f);
    CHECK_INT(t, cJSON_GetObjectItemCaseSensitive(r, "notRun")->valuedouble, nr);
    char got[512] = "";
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(r, "scenarios")) {
        if (got[0]) strncat(got, " ", sizeof got - strlen(got) - 1);
        strncat(got, e->valuestring, sizeof got - strlen(got) - 1);
    }
    CHECK_STR(t, got, files);
}

static void test_counts(struct check *t)
{
    ct_run_result run;
    make_run(&run, 1);
    ct_matrix m;
    CHECK_INT(t, ct_matrix_build(&run, &m), 0);
    CHECK_INT(t, m.n, 5);              /* the four documented rows and C999 */
    CHECK_INT(t, m.documented, 4);
    CHECK_INT(t, m.exercised, 3);      /* C268, C272, D40; not C273 */
    static const char *const order[] = { "C268", "C272", "C273", "C999", "D40" };
    for (size_t i = 0; i < m.n && i < 5; i++) CHECK_STR(t, m.rows[i].id, order[i]);
    CHECK(t, m.rows[3].title == NULL && !m.rows[3].documented && m.rows[3].notrun == 1);
    ct_matrix_free(&m);
    ct_run_result_free(&run);
}

static void test_reports(struct check *t)
{
    char dir[] = "/tmp/runner-matrix.XXXXXX";
    if (!mkdtemp(dir)) { CHECK(t, !"mkdtemp"); return; }
    char json[256], html[256], junit[256], err[256];
    snprintf(json, sizeof json, "%s/summary.json", dir);
    snprintf(html, sizeof html, "%s/report.html", dir);
    snprintf(junit, sizeof junit, "%s/junit.xml", dir);
    ct_run_result run;
    make_run(&run, 1);
    CHECK_INT(t, report_json(&run, json, err, sizeof err), 0);
    CHECK_INT(t, report_html(&run, html, err, sizeof err), 0);
    CHECK_INT(t, report_junit(&run, junit, err, sizeof err), 0);

    char *text = slurp(json);
    cJSON *root = text ? cJSON_Parse(text) : NULL;
    CHECK(t, root != NULL);
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(root, "matrix");
    CHECK(t, cJSON_IsObject(m));
    check_row(t, m, "C268", 1, 1, 0, "cases/a/pass.json cases/a/fail.json");
    check_row(t, m, "C272", 0, 1, 1, "cases/a/fail.json cases/a/notrun.json");
    check_row(t, m, "D40", 1, 0, 1, "cases/a/pass.json cases/a/notrun.json");
    check_row(t, m, "C999", 0, 0, 1, "cases/a/notrun.json");
    CHECK(t, cJSON_GetObjectItemCaseSensitive(m, "C273") == NULL);   /* documented, named by none */
    const cJSON *rows = cJSON_GetObjectItemCaseSensitive(m, "rows");
    CHECK_INT(t, cJSON_GetObjectItemCaseSensitive(rows, "documented")->valuedouble, 4);
    CHECK_INT(t, cJSON_GetObjectItemCaseSensitive(rows, "exercised")->valuedouble, 3);
    const cJSON *ne = cJSON_GetObjectItemCaseSensitive(rows, "notExercised");
    CHECK(t, cJSON_GetArraySize(ne) == 1 && strcmp(cJSON_GetArrayItem(ne, 0)->valuestring, "C273") == 0);
    /* covers on the scenario and on its step */
    const cJSON *s0 = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "scenarios"), 0);
    const cJSON *sc = cJSON_GetObjectItemCaseSensitive(s0, "covers");
    CHECK(t, cJSON_GetArraySize(sc) == 2 && strcmp(cJSON_GetArrayItem(sc, 1)->valuestring, "D40") == 0);
    const cJSON *st = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(s0, "steps"), 0);
    CHECK(t, cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(st, "covers")) == 1);
    cJSON_Delete(root);
    free(text);

    /* HTML: the section, its figure, failing rows first, then passing, not
     * run, not exercised. */
    text = slurp(html);
    CHECK(t, text && strstr(text, "<h2 id=\"matrix\">Conformance matrix</h2>"));
    CHECK(t, text && strstr(text, "3 of 4 documented rows exercised"));
    CHECK(t, text && strstr(text, "<span class=\"n\">3 / 4</span>"));
    const char *c268 = text ? strstr(text, "<td>C268</td>") : NULL, *c272 = text ? strstr(text, "<td>C272</td>") : NULL;
    const char *d40 = text ? strstr(text, "<td>D40</td>") : NULL, *c999 = text ? strstr(text, "<td>C999</td>") : NULL;
    const char *c273 = text ? strstr(text, "<td>C273</td>") : NULL;
    CHECK(t, c268 && c272 && d40 && c999 && c273 && c268 < c272 && c272 < d40 && d40 < c999 && c999 < c273);
    CHECK(t, text && strstr(text, "<tr class=\"failed\"><td>C268</td><td>missing token → 401</td><td class=\"failed\">failed</td>"));
    CHECK(t, text && strstr(text, "<tr class=\"unexercised\"><td>C273</td>"));
    CHECK(t, c999 && strstr(c999, "(not in the row list)"));
    free(text);

    /* JUnit: a covers property per testsuite */
    text = slurp(junit);
    CHECK(t, text && strstr(text, "<property name=\"covers\" value=\"C268,D40\"/>"));
    CHECK(t, text && strstr(text, "<property name=\"covers\" value=\"D40,C272,C999\"/>"));
    free(text);
    ct_run_result_free(&run);

    /* Without a row list the matrix still counts; "rows" is left out. */
    make_run(&run, 0);
    CHECK_INT(t, report_json(&run, json, err, sizeof err), 0);
    text = slurp(json);
    root = text ? cJSON_Parse(text) : NULL;
    m = cJSON_GetObjectItemCaseSensitive(root, "matrix");
    CHECK(t, m && !cJSON_GetObjectItemCaseSensitive(m, "rows"));
    check_row(t, m, "C268", 1, 1, 0, "cases/a/pass.json cases/a/fail.json");
    cJSON_Delete(root);
    free(text);
    CHECK_INT(t, report_html(&run, html, err, sizeof err), 0);
    text = slurp(html);
    CHECK(t, text && strstr(text, "Conformance matrix") && !strstr(text, "documented rows exercised"));
    free(text);
    ct_run_result_free(&run);
    unlink(json);
    unlink(html);
    unlink(junit);
    rmdir(dir);
}

/* covers as the loader reads them: the scenario's, then each step's, each
 * ID once; the schema refuses a malformed ID and a repeat. */
static void test_load(struct check *t)
{
    char err[256] = "";
    case_loader *l = case_loader_new("schemas/case.schema.json", NULL, err, sizeof err);
    CHECK_MSG(t, l != NULL, "case schema: %s", err);
    if (!l) return;
    static const char good[] =
        "{\"name\": \"n\", \"covers\": [\"C268\", \"D40\"], \"steps\": ["
        "{\"covers\": [\"D40\", \"C272\"], \"request\": {\"method\": \"GET\", \"path\": \"/a\"}},"
        "{\"request\": {\"method\": \"GET\", \"path\": \"/b\"}},"
        "{\"covers\": [\"D5\"], \"request\": {\"method\": \"GET\", \"path\": \"/c\"}}]}";
    FILE *errs = tmpfile();
    ct_case *c = case_load_text(l, "cases/x.json", good, strlen(good), errs);
    CHECK(t, c != NULL);
    if (c) {
        CHECK_INT(t, c->ncovers, 4);
        if (c->ncovers == 4) {
            CHECK_STR(t, c->covers[0], "C268");
            CHECK_STR(t, c->covers[1], "D40");
            CHECK_STR(t, c->covers[2], "C272");
            CHECK_STR(t, c->covers[3], "D5");
        }
        CHECK_INT(t, c->steps[0].ncovers, 2);
        CHECK_INT(t, c->steps[1].ncovers, 0);
        CHECK_INT(t, c->steps[2].ncovers, 1);
        ct_scenario_result r;
        memset(&r, 0, sizeof r);
        r.nsteps = c->nsteps;
        r.steps = calloc(r.nsteps, sizeof *r.steps);
        CHECK_INT(t, ct_result_set_covers(&r, c), 0);
        CHECK_INT(t, r.ncovers, 4);
        CHECK_INT(t, r.steps[0].ncovers, 2);
        CHECK_INT(t, r.steps[2].ncovers, 1);
        ct_run_result run = { .scen = malloc(sizeof r), .nscen = 1 };
        run.scen[0] = r;
        ct_run_result_free(&run);
        ct_case_free(c);
    }
    static const char *const bad[] = {
        "{\"name\": \"n\", \"covers\": [\"C26\"], \"steps\": [{\"request\": {\"method\": \"GET\", \"path\": \"/a\"}}]}",
        "{\"name\": \"n\", \"covers\": [\"C268\", \"C268\"], \"steps\": [{\"request\": {\"method\": \"GET\", \"path\": \"/a\"}}]}",
        "{\"name\": \"n\", \"covers\": [], \"steps\": [{\"request\": {\"method\": \"GET\", \"path\": \"/a\"}}]}",
        "{\"name\": \"n\", \"steps\": [{\"covers\": [\"X1\"], \"request\": {\"method\": \"GET\", \"path\": \"/a\"}}]}",
        "{\"name\": \"n\", \"steps\": [{\"covers\": \"C268\", \"request\": {\"method\": \"GET\", \"path\": \"/a\"}}]}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        c = case_load_text(l, "cases/x.json", bad[i], strlen(bad[i]), errs);
        CHECK_MSG(t, c == NULL, "refused: %s", bad[i]);
        ct_case_free(c);
    }
    fclose(errs);
    case_loader_free(l);
}

int main(void)
{
    struct check t = { 0, 0, "runner_matrix" };
    test_counts(&t);
    test_reports(&t);
    test_load(&t);
    return check_done(&t);
}
