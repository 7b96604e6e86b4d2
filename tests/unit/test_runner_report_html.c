/* test_runner_report_html.c - the HTML report for triage: the JSON
 * pretty-printer and its marks, folding, findings read back into expected
 * and actual, and the page's index and one-line scenarios.
 *
 * Links the runner's modules as a library (build/tools/librunner.a). */
#include "check.h"
#include "campaign/jsv.h"

#include "finding_parts.h"
#include "html_fold.h"
#include "json_html.h"
#include "report.h"
#include "results.h"

#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

/* The file's text, NUL-terminated (the library's reader), or NULL. */
static char *slurp(const char *path)
{
    size_t len;
    return jsv_read_file(path, &len);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay ? strstr(hay, needle) : NULL; p; p = strstr(p + 1, needle)) n++;
    return n;
}

/* ct_json_html of body with the pointers; the HTML (malloc'd). */
static char *pretty(const char *body, const char *const *ptrs, size_t n, int *placed, int *json)
{
    strbuf b = {0};
    int j = ct_json_html(&b, body, ptrs, n, "v", placed);
    if (json) *json = j;
    return sb_take(&b);
}

static void test_pretty_layout(struct check *t)
{
    int json = 0;
    char *h = pretty("{\"a\":[1,{\"b\":\"x\"}],\"e\":{},\"n\":[] ,\"big\":9007199254740993,\"f\":1.50}", NULL, 0, NULL, &json);
    CHECK(t, json == 1);
    CHECK_STR(t, h, "{\n  &quot;a&quot;: [\n    1,\n    {\n      &quot;b&quot;: &quot;x&quot;\n    }\n  ],\n"
                    "  &quot;e&quot;: {},\n  &quot;n&quot;: [],\n  &quot;big&quot;: 9007199254740993,\n"
                    "  &quot;f&quot;: 1.50\n}");
    free(h);
}

static void test_pretty_marks(struct check *t)
{
    const char *body = "{\"campaign\":{\"mediaBuys\":[{\"status\":\"ACTIVE\"},{\"status\":\"<b>&\\\"x\\\"\"}]},"
                       "\"k<&>\":1}";
    const char *ptrs[] = { "/campaign/mediaBuys/1/status", "/campaign/mediaBuys/0", "/nope/0", "/campaign/mediaBuys/1/status" };
    int placed[4] = { 9, 9, 9, 9 };
    char *h = pretty(body, ptrs, 4, placed, NULL);
    /* a value in an array in an object, escaped inside its mark */
    CHECK(t, h && strstr(h, "&quot;status&quot;: <mark id=\"v-0\">&quot;&lt;b&gt;&amp;\\&quot;x\\&quot;&quot;</mark>"));
    /* an object marked whole: the mark spans its lines */
    CHECK(t, h && strstr(h, "<mark id=\"v-1\">{\n        &quot;status&quot;: &quot;ACTIVE&quot;\n      }</mark>"));
    /* a pointer naming nothing: no mark, the rest still shown; a repeated
     * pointer: one mark, with the first id */
    CHECK_INT(t, placed[0], 1);
    CHECK_INT(t, placed[1], 1);
    CHECK_INT(t, placed[2], 0);
    CHECK_INT(t, placed[3], 1);
    CHECK_INT(t, count(h, "<mark"), 2);
    CHECK(t, h && !strstr(h, "v-2") && !strstr(h, "v-3"));
    /* a member name escaped too; no raw < & > but the marks */
    CHECK(t, h && strstr(h, "&quot;k&lt;&amp;&gt;&quot;: 1"));
    CHECK_INT(t, count(h, "<") - count(h, "<mark") - count(h, "</mark>"), 0);
    free(h);

    /* the root marked by the empty pointer */
    const char *root[] = { "" };
    h = pretty("[1]", root, 1, placed, NULL);
    CHECK_STR(t, h, "<mark id=\"v-0\">[\n  1\n]</mark>");
    free(h);
}

static void test_pretty_not_json(struct check *t)
{
    const char *ptrs[] = { "/a" };
    int placed[1] = { 9 }, json = 9;
    /* cut short by the echo limit, or not JSON at all: shown as it is */
    char *h = pretty("{\"a\":\"<x>\"\n... (70000 bytes in all)", ptrs, 1, placed, &json);
    CHECK_INT(t, json, 0);
    CHECK_INT(t, placed[0], 0);
    CHECK_STR(t, h, "{&quot;a&quot;:&quot;&lt;x&gt;&quot;\n... (70000 bytes in all)");
    free(h);
}

static char *numbered_lines(size_t n, size_t mark_at, size_t mark_end)
{
    strbuf b = {0};
    for (size_t i = 1; i <= n; i++) {
        if (i == mark_at) sb_puts(&b, "<mark id=\"v-0\">");
        sb_printf(&b, "line %zu", i);
        if (i == mark_end) sb_puts(&b, "</mark>");
        if (i < n) sb_puts(&b, "\n");
    }
    return sb_take(&b);
}

static char *fold(const char *html, size_t at)
{
    strbuf b = {0};
    ct_html_fold(&b, html, at);
    return sb_take(&b);
}

static void test_fold(struct check *t)
{
    /* up to fold + fold/4 lines: one block */
    char *in = numbered_lines(50, 0, 0), *h = fold(in, 40);
    CHECK(t, h && strncmp(h, "<pre>line 1\n", 12) == 0 && !strstr(h, "<details"));
    free(in); free(h);

    /* a huge body without marks: the first 40 lines, the rest folded */
    in = numbered_lines(500, 0, 0);
    h = fold(in, 40);
    CHECK(t, h && strstr(h, "<pre>line 1\n") && strstr(h, "line 40</pre><details class=\"fold\"><summary>lines 41&ndash;500 of 500</summary><pre>line 41\n"));
    CHECK_INT(t, count(h, "<details"), 1);
    free(in); free(h);

    /* the first mark far down: a few lines before it shown, both sides folded */
    in = numbered_lines(500, 300, 300);
    h = fold(in, 40);
    static const char head[] = "<details class=\"fold\"><summary>lines 1&ndash;291 of 500</summary>";
    CHECK(t, h && strncmp(h, head, strlen(head)) == 0);
    CHECK(t, h && strstr(h, "line 291</pre></details><pre>line 292\n"));   /* 8 lines before the mark */
    CHECK(t, h && strstr(h, "<mark id=\"v-0\">line 300</mark>"));
    CHECK(t, h && strstr(h, "<summary>lines 332&ndash;500 of 500</summary>"));
    free(in); free(h);

    /* a mark cut by a fold: closed at the cut, reopened without its id */
    in = numbered_lines(500, 20, 60);
    h = fold(in, 40);
    CHECK(t, h && strstr(h, "line 40</mark></pre>"));
    CHECK(t, h && strstr(h, "<pre><mark>line 41\n"));
    CHECK_INT(t, count(h, "id=\"v-0\""), 1);
    CHECK_INT(t, count(h, "<mark"), count(h, "</mark>"));
    free(in); free(h);
}

/* A huge JSON body through both: pretty-printed, the marked item shown,
 * the lines above and below it folded away. */
static void test_huge_body(struct check *t)
{
    strbuf b = {0};
    sb_puts(&b, "[");
    for (int i = 0; i < 3000; i++) sb_printf(&b, "%s{\"i\":%d}", i ? "," : "", i);
    sb_puts(&b, "]");
    char *body = sb_take(&b);
    const char *ptrs[] = { "/2500/i" };
    int placed[1] = { 0 };
    char *h = pretty(body, ptrs, 1, placed, NULL);
    char *f = h ? fold(h, 40) : NULL;
    CHECK_INT(t, placed[0], 1);
    const char *mark = f ? strstr(f, "<mark id=\"v-0\">2500</mark>") : NULL;
    const char *shown = f ? strstr(f, "</details><pre>") : NULL;
    const char *after = shown ? strstr(shown, "<details") : NULL;
    CHECK(t, mark && shown && after && shown < mark && mark < after);   /* in the block shown */
    CHECK_INT(t, count(f, "<details"), 2);
    CHECK(t, f && strlen(f) > strlen(body));   /* folded, not dropped */
    free(f);
    free(h);
    free(body);
}

static void parse_ok(struct check *t, const char *text, const char *where, int is_ptr, const char *want,
                     const char *got)
{
    ct_finding_parts p;
    CHECK_INT(t, ct_finding_parse(text, &p), 0);
    CHECK_MSG(t, (where ? p.where && strcmp(p.where, where) == 0 : !p.where) && p.is_pointer == is_ptr,
              "%s: where %s (%d)", text, p.where ? p.where : "(null)", p.is_pointer);
    CHECK_MSG(t, want ? p.expected && strcmp(p.expected, want) == 0 : !p.expected, "%s: expected %s", text,
              p.expected ? p.expected : "(null)");
    CHECK_MSG(t, got ? p.actual && strcmp(p.actual, got) == 0 : !p.actual, "%s: actual %s", text,
              p.actual ? p.actual : "(null)");
    ct_finding_parts_clear(&p);
}

static void test_findings(struct check *t)
{
    parse_ok(t, "/campaign/status: expected \"DRAFT\", got \"ACTIVE\"", "/campaign/status", 1, "\"DRAFT\"", "\"ACTIVE\"");
    parse_ok(t, "(root): expected type \"object\", got array", "", 1, "type \"object\"", "array");
    parse_ok(t, "status: expected 201, got 200", "status", 0, "201", "200");
    parse_ok(t, "header Allow: expected to be present, got (absent)", "header Allow", 0, "to be present", "(absent)");
    parse_ok(t, "/n: expected length 2, got \"abc\" (length 3)", "/n", 1, "length 2", "\"abc\" (length 3)");
    /* an "every item" finding followed to its first failing item, nested */
    parse_ok(t, "/campaign/mediaBuys: expected every item to satisfy {\"pointer\":\"/packages\",\"each\":{}}, "
                "got (absent) (2 of 2 items fail; item 1: /packages: expected every item to satisfy {}, got (absent) "
                "(1 of 1 items fail; item 0: /status: expected \"PAUSED\", got \"ACTIVE\"))",
             "/campaign/mediaBuys/1/packages/0/status", 1, "\"PAUSED\"", "\"ACTIVE\"");
    parse_ok(t, "response violates campaign-response: /campaign/budget: required property \"total\" [S12]",
             "/campaign/budget", 1, "required property \"total\" [S12] (campaign-response)", NULL);
    parse_ok(t, "differs from the reference at /campaign/status: this server \"A\", the reference \"B\"",
             "/campaign/status", 1, "\"B\"", "\"A\"");
    parse_ok(t, "differs from the reference in status: this server 200, the reference 404", "status", 0, "404", "200");
    parse_ok(t, "read-back RB4: createdAt changed", NULL, 0, NULL, NULL);
    parse_ok(t, "connection refused", NULL, 0, NULL, NULL);
    parse_ok(t, "", NULL, 0, NULL, NULL);
}

/* ---- the page ------------------------------------------------------ */

static char **strs1(const char *s)
{
    char **v = calloc(2, sizeof *v);
    v[0] = strdup(s);
    return v;
}

static void set_step(ct_step_result *st, const char *name, ct_outcome o, const char *detail, const char *body)
{
    st->name = strdup(name);
    st->outcome = o;
    st->http_status = 200;
    st->request = strdup("GET http://127.0.0.1:1/api/v2/buyer/campaigns/c1\nAccept: application/json");
    if (body) {
        size_t n = strlen(body) + 64;
        st->response = malloc(n);
        snprintf(st->response, n, "HTTP/1.1 200 OK\nContent-Type: application/json\n\n%s", body);
    }
    if (detail) { st->details = strs1(detail); st->ndetails = 1; st->message = strdup(detail); }
}

/* nfail failing scenarios (the first: a passed step, then two failing
 * ones), then two passed scenarios whose bodies hold SECRET_OF_PASSED. */
static void make_run(ct_run_result *run, int nfail)
{
    memset(run, 0, sizeof *run);
    run->base_url = strdup("http://127.0.0.1:1/api/v2/buyer");
    run->nscen = (size_t)nfail + 2;
    run->scen = calloc(run->nscen, sizeof *run->scen);
    for (size_t i = 0; i < run->nscen; i++) {
        ct_scenario_result *s = &run->scen[i];
        int bad = i < (size_t)nfail;
        char name[64];
        snprintf(name, sizeof name, "%s scenario %zu <&>", bad ? "failing" : "passing", i);
        s->name = strdup(name);
        s->file = strdup("cases/x.json");
        s->outcome = bad ? CT_FAIL : CT_PASS;
        s->nsteps = bad ? 3 : 2;
        s->steps = calloc(s->nsteps, sizeof *s->steps);
        if (!bad) {
            set_step(&s->steps[0], "01 create", CT_PASS, NULL, "{\"SECRET_OF_PASSED\":1}");
            set_step(&s->steps[1], "02 get", CT_PASS, NULL, "{\"SECRET_OF_PASSED\":2}");
            continue;
        }
        set_step(&s->steps[0], "01 create", CT_PASS, NULL, "{\"SECRET_OF_PASSED\":0}");
        set_step(&s->steps[1], "02 get", CT_FAIL, "/campaign/status: expected \"DRAFT\", got \"<ACTIVE>\"",
                 "{\"campaign\":{\"status\":\"<ACTIVE>\",\"x\":[1,2]}}");
        set_step(&s->steps[2], "03 list", CT_FAIL, "/nowhere: expected 1, got (absent)", "{\"campaigns\":[]}");
        s->message = strdup("02 get: failed");
    }
}

/* Every href="#X" of text names an id="X" of text; returns the links. */
static size_t links_resolve(struct check *t, const char *text)
{
    size_t n = 0;
    for (const char *p = strstr(text, "href=\"#"); p; p = strstr(p + 1, "href=\"#")) {
        const char *q = p + 7, *e = strchr(q, '"');
        if (!e) break;
        char id[80];
        snprintf(id, sizeof id, "id=\"%.*s\"", (int)(e - q), q);
        CHECK_MSG(t, strstr(text, id) != NULL, "link %s resolves", id);
        n++;
    }
    return n;
}

static char *render(struct check *t, ct_run_result *run)
{
    char path[] = "/tmp/runner-html.XXXXXX", err[256];
    int fd = mkstemp(path);
    if (fd < 0) { CHECK(t, !"mkstemp"); return NULL; }
    close(fd);
    CHECK_INT(t, report_html(run, path, err, sizeof err), 0);
    char *text = slurp(path);
    unlink(path);
    return text;
}

static void test_page_failing(struct check *t)
{
    ct_run_result run;
    make_run(&run, 2);
    char *h = render(t, &run);
    CHECK(t, h != NULL);
    if (!h) { ct_run_result_free(&run); return; }
    CHECK(t, strstr(h, "<div class=\"verdict failed\">2 of 4 scenarios failed</div>"));
    /* the index: one line per failing step, right after the totals and
     * before the details; the scenario name escaped */
    const char *ix = strstr(h, "<ol class=\"index\">"), *ix_end = ix ? strstr(ix, "</ol>") : NULL;
    CHECK(t, ix && ix_end);
    if (ix && ix_end) {
        char *index = strndup(ix, (size_t)(ix_end - ix));
        CHECK_INT(t, count(index, "<li>"), 4);
        CHECK(t, strstr(index, "<a href=\"#f0-1\">failing scenario 0 &lt;&amp;&gt; &rsaquo; 02 get</a>"));
        CHECK(t, strstr(index, "/campaign/status: expected &quot;DRAFT&quot;, got &quot;&lt;ACTIVE&gt;&quot;"));
        CHECK(t, strstr(index, "href=\"#f1-2\""));
        free(index);
        CHECK(t, strstr(h, "id=\"f0-1\"") > ix_end);
    }
    CHECK(t, links_resolve(t, h) >= 5);
    /* the failing step: expected and actual side by side, the value marked */
    CHECK(t, strstr(h, "<td class=\"at\"><a href=\"#v0-1-0\">/campaign/status</a></td><td class=\"want\">&quot;DRAFT&quot;"
                       "</td><td class=\"got\">&quot;&lt;ACTIVE&gt;&quot;</td>"));
    CHECK(t, strstr(h, "&quot;status&quot;: <mark id=\"v0-1-0\">&quot;&lt;ACTIVE&gt;&quot;</mark>"));
    /* a pointer that names nothing: no link, no mark, the body shown */
    CHECK(t, strstr(h, "<td class=\"at\">/nowhere</td>") && !strstr(h, "v0-2-0"));
    CHECK(t, strstr(h, "&quot;campaigns&quot;: []"));
    /* passed steps and scenarios: a line each, none of their bodies */
    CHECK(t, !strstr(h, "SECRET_OF_PASSED"));
    CHECK(t, strstr(h, "<div class=\"line\"><span class=\"passed\">passed</span> 01 create"));
    CHECK_INT(t, count(h, "<li><span class=\"passed\">passed</span> passing scenario"), 2);
    CHECK(t, !strstr(h, "<script"));
    free(h);
    ct_run_result_free(&run);
}

static void test_page_green(struct check *t)
{
    ct_run_result run;
    make_run(&run, 0);
    ct_step_add_note(&run.scen[1].steps[1], "differs from the reference's choice at /a: this server 1, the reference 2");
    char *h = render(t, &run);
    /* a passed step's note (differential mode) stays, on its scenario's line */
    CHECK(t, h && strstr(h, "<ul class=\"notes\"><li>02 get: differs from the reference&#39;s choice at /a"));
    CHECK(t, h && strstr(h, "<div class=\"verdict passed\">All 2 scenarios passed</div>"));
    CHECK(t, h && !strstr(h, "class=\"index\"") && !strstr(h, "SECRET_OF_PASSED") && !strstr(h, "<pre"));
    CHECK_INT(t, count(h, "<li><span class=\"passed\">passed</span>"), 2);
    free(h);
    ct_run_result_free(&run);
}

int main(void)
{
    struct check t = { 0, 0, "runner_report_html" };
    test_pretty_layout(&t);
    test_pretty_marks(&t);
    test_pretty_not_json(&t);
    test_fold(&t);
    test_huge_body(&t);
    test_findings(&t);
    test_page_failing(&t);
    test_page_green(&t);
    return check_done(&t);
}
