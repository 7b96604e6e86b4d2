/* test_traceability.c - the conformance suite and docs/contract.md agree.
 *
 * Run from the project root.  Holds the tree to:
 *   - every case covers at least one row, and only rows docs/contract.md has
 *     (a table row C001-C999 or a decision D1-D999);
 *   - every cases/...json file the document names (a row's Test column, a
 *     decision's text) exists;
 *   - both directions agree: a row or decision that names a case is in
 *     that case's covers, and a case that covers a row is named by it;
 *   - schemas/contract-rows.tsv, the row list the runner's matrix counts as
 *     documented, holds exactly the rows a case can exercise: those of
 *     "Server behaviour over HTTP", the decisions of the mock, and any other
 *     row or decision that names a case (scripts/contract-rows.sh makes it).
 * Then builds small broken trees in a temporary directory to show that each
 * check catches what it is for, and that a consistent tree passes.
 *
 * Links the runner's modules (build/tools/librunner.a): cases are read by
 * the runner's own loader, so covers mean here what they mean in a run. */
#include "check.h"

#include "case_load.h"
#include "matrix.h"
#include "campaign/contract.h"

#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- small lists ----------------------------------------------------- */

typedef struct strlist { char **v; size_t n; } strlist;

static int sl_has(const strlist *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0) return 1;
    return 0;
}

static void sl_add(strlist *l, const char *s, size_t len)
{
    char *c = strndup(s, len);
    if (!c) abort();
    if (sl_has(l, c)) { free(c); return; }
    char **nv = realloc(l->v, (l->n + 1) * sizeof *nv);
    if (!nv) abort();
    l->v = nv;
    l->v[l->n++] = c;
}

static void sl_free(strlist *l)
{
    for (size_t i = 0; i < l->n; i++) free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* ---- the document ---------------------------------------------------- */

typedef struct doc_row {
    char id[8];
    int matrix;        /* an HTTP row or a decision of the mock */
    strlist cases;     /* the cases/...json files it names */
} doc_row;

typedef struct doc { doc_row *rows; size_t n; } doc;

static doc_row *doc_find(const doc *d, const char *id)
{
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(d->rows[i].id, id) == 0) return &d->rows[i];
    return NULL;
}

static doc_row *doc_add(doc *d, const char *id, size_t len, int matrix)
{
    doc_row *nr = realloc(d->rows, (d->n + 1) * sizeof *nr);
    if (!nr) abort();
    d->rows = nr;
    doc_row *r = &d->rows[d->n++];
    memset(r, 0, sizeof *r);
    snprintf(r->id, sizeof r->id, "%.*s", (int)len, id);
    r->matrix = matrix;
    return r;
}

/* The `cases/...json` spans of text[0..len). */
static void scan_cases(strlist *out, const char *text, size_t len)
{
    for (const char *p = text; p < text + len; p++) {
        if (*p != '`' || (size_t)(text + len - p) < 7 || strncmp(p + 1, "cases/", 6) != 0) continue;
        const char *e = memchr(p + 1, '`', (size_t)(text + len - p - 1));
        if (!e) return;
        size_t n = (size_t)(e - p - 1);
        if (n > 5 && strncmp(e - 5, ".json", 5) == 0) sl_add(out, p + 1, n);
        p = e;
    }
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, len = 0, k;
    char *b = malloc(cap);
    while (b && (k = fread(b + len, 1, cap - len - 1, f)) > 0) {
        len += k;
        if (len + 1 == cap) {
            char *nb = realloc(b, cap *= 2);
            if (!nb) free(b);
            b = nb;
        }
    }
    fclose(f);
    if (b) b[len] = '\0';
    return b;
}

static int starts(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

/* Read the rows and decisions of a contract document.  0, or -1. */
static int doc_read(const char *path, doc *d)
{
    memset(d, 0, sizeof *d);
    char *text = slurp(path);
    if (!text) return -1;
    int http = 0, mockdec = 0;
    doc_row *dec = NULL;   /* the decision whose continuation lines follow */
    for (char *line = text, *next; line && *line; line = next) {
        char *nl = strchr(line, '\n');
        next = nl ? nl + 1 : NULL;
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        if (dec && len > 2 && starts(line, "  ")) { scan_cases(&dec->cases, line, len); continue; }
        dec = NULL;
        if (line[0] == '#') {
            if (starts(line, "### Server behaviour over HTTP")) http = 1;
            else if (starts(line, "## ")) http = 0;
            mockdec = starts(line, "### Decisions of the mock");
            continue;
        }
        if (starts(line, "| C") && len > 8 && strncmp(line + 6, " |", 2) == 0) {
            doc_row *r = doc_add(d, line + 2, 4, http);
            /* the Test column: the last cell */
            size_t end = len;
            while (end && (line[end - 1] == ' ' || line[end - 1] == '|')) end--;
            size_t start = end;
            while (start >= 3 && strncmp(line + start - 3, " | ", 3) != 0) start--;
            scan_cases(&r->cases, line + start, end - start);
            continue;
        }
        if (starts(line, "- **D")) {
            size_t k = 5;
            while (k < len && line[k] >= '0' && line[k] <= '9') k++;
            if (k > 5 && k < len && line[k] == ' ') {
                dec = doc_add(d, line + 4, k - 4, mockdec);
                scan_cases(&dec->cases, line, len);
            }
        }
    }
    free(text);
    return 0;
}

static void doc_free(doc *d)
{
    for (size_t i = 0; i < d->n; i++) sl_free(&d->rows[i].cases);
    free(d->rows);
    memset(d, 0, sizeof *d);
}

/* ---- the check ------------------------------------------------------- */

typedef struct problems { int n; FILE *out; char last[512]; } problems;

static void problem(problems *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->last, sizeof p->last, fmt, ap);
    va_end(ap);
    if (p->out) fprintf(p->out, "  %s\n", p->last);
    p->n++;
}

static case_loader *loader;

/* Check the tree at root (root/docs/contract.md, root/cases,
 * root/schemas/contract-rows.tsv); every problem printed to out (may be
 * NULL).  Returns the problem count, with the last one in p->last. */
static int check_tree(const char *root, FILE *out, problems *p)
{
    memset(p, 0, sizeof *p);
    p->out = out;
    char path[1024];
    doc d;
    snprintf(path, sizeof path, "%s/docs/contract.md", root);
    if (doc_read(path, &d) != 0) { problem(p, "%s: cannot read", path); return p->n; }

    /* the cases, read by the runner's loader */
    char casedir[1024];
    snprintf(casedir, sizeof casedir, "%s/cases", root);
    char *args[] = { casedir };
    char **files = NULL;
    size_t nfiles = 0;
    if (case_loader_allow_dir(loader, casedir) != 0 || case_collect(args, 1, &files, &nfiles, stderr) != 0) { problem(p, "%s: cannot list", casedir); doc_free(&d); return p->n; }
    size_t rootlen = strlen(root) + 1;
    ct_case **cases = calloc(nfiles + 1, sizeof *cases);
    if (!cases) abort();
    for (size_t i = 0; i < nfiles; i++) {
        const char *name = files[i] + rootlen;   /* "cases/..." */
        cases[i] = case_load(loader, files[i], stderr);
        if (!cases[i]) { problem(p, "%s: does not load", name); continue; }
        if (cases[i]->ncovers == 0) problem(p, "%s: covers no row of docs/contract.md", name);
        for (size_t k = 0; k < cases[i]->ncovers; k++) {
            const char *id = cases[i]->covers[k];
            doc_row *r = doc_find(&d, id);
            if (!r) problem(p, "%s: covers %s, which docs/contract.md does not have", name, id);
            else if (!sl_has(&r->cases, name))
                problem(p, "%s: covers %s, but %s does not name the case in docs/contract.md", name, id, id);
        }
    }
    /* what the document names */
    for (size_t i = 0; i < d.n; i++) {
        const doc_row *r = &d.rows[i];
        for (size_t k = 0; k < r->cases.n; k++) {
            const char *name = r->cases.v[k];
            size_t j = 0;
            while (j < nfiles && strcmp(files[j] + rootlen, name) != 0) j++;
            if (j == nfiles) { problem(p, "docs/contract.md: %s names %s, which does not exist", r->id, name); continue; }
            if (!cases[j]) continue;
            int covered = 0;
            for (size_t c = 0; c < cases[j]->ncovers && !covered; c++) covered = strcmp(cases[j]->covers[c], r->id) == 0;
            if (!covered) problem(p, "docs/contract.md: %s names %s, whose covers lack %s", r->id, name, r->id);
        }
    }
    /* the row list */
    snprintf(path, sizeof path, "%s/schemas/%s", root, CT_ROWS_FILE);
    ct_row *rows = NULL;
    size_t nrows = 0;
    char err[512];
    int rc = ct_rows_load(path, &rows, &nrows, err, sizeof err);
    if (rc != 0) problem(p, "%s", rc > 0 ? "schemas/" CT_ROWS_FILE " is missing" : err);
    for (size_t i = 0; rc == 0 && i < d.n; i++) {
        const doc_row *r = &d.rows[i];
        int want = r->matrix || r->cases.n > 0, have = 0;
        for (size_t k = 0; k < nrows && !have; k++) have = strcmp(rows[k].id, r->id) == 0;
        if (want && !have) problem(p, "schemas/" CT_ROWS_FILE ": %s is missing (sh scripts/contract-rows.sh makes the list)", r->id);
        if (!want && have) problem(p, "schemas/" CT_ROWS_FILE ": %s is not a row a case can exercise (sh scripts/contract-rows.sh)", r->id);
    }
    for (size_t k = 0; rc == 0 && k < nrows; k++)
        if (!doc_find(&d, rows[k].id))
            problem(p, "schemas/" CT_ROWS_FILE ": %s is not in docs/contract.md", rows[k].id);
    ct_rows_free(rows, nrows);
    for (size_t i = 0; i < nfiles; i++) { ct_case_free(cases[i]); free(files[i]); }
    free(cases);
    free(files);
    doc_free(&d);
    return p->n;
}

/* ---- fixtures -------------------------------------------------------- */

static void put(const char *root, const char *rel, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    for (char *s = path + strlen(root) + 1; *s; s++)
        if (*s == '/') { *s = '\0'; mkdir(path, 0777); *s = '/'; }
    FILE *f = fopen(path, "w");
    if (!f) { perror(path); abort(); }
    fputs(text, f);
    fclose(f);
}

static const char DOC[] =
    "# Contract\n\n## Traceability table\n\n### JSON text\n\n"
    "| ID | Source | Constraint or behaviour | Enforced by | Invalid example | Test |\n|---|---|---|---|---|---|\n"
    "| C014 | D1 | `endDate` after `startDate` | CR-FLIGHT-ORDER | `x.json` | `tests/unit/t.c`; `cases/a/2.json` |\n"
    "| C015 | CF | `budget.total` required | schema | | `tests/unit/t.c` |\n\n"
    "### Server behaviour over HTTP (mock)\n\n#### HTTP: protocol\n\n"
    "| ID | Source | Constraint or behaviour | Enforced by | Invalid example | Test |\n|---|---|---|---|---|---|\n"
    "| C268 | I4 | missing token → 401 | mock | | `tests/unit/t.c`; `cases/a/1.json` (the 401) |\n"
    "| C269 | I4 | the token option | mock | | `tests/unit/t.c` |\n\n"
    "## Decisions where the sources are silent\n\n"
    "- **D1 Flight order.** Strictly later.\n"
    "- **D2 Periods.** Inclusive days.\n\n"
    "### Decisions of the mock (HTTP behaviour)\n\n"
    "- **D40 Order of the HTTP checks.** 401 first. Cases:\n"
    "  `cases/a/1.json`.\n"
    "- **D41 Error codes.** Tests only.\n";

static const char ROWS[] =
    "# rows\nC014\tendDate after startDate\nC268\tmissing token\nC269\tthe token option\n"
    "D40\tOrder of the HTTP checks\nD41\tError codes\n";

#define CASE_HEAD "{\"name\": \"n\", "
#define STEP "{\"request\": {\"method\": \"GET\", \"path\": \"/campaigns\"}"
static const char CASE1[] = CASE_HEAD "\"covers\": [\"C268\"], \"steps\": [" STEP ", \"covers\": [\"D40\"]}]}";
static const char CASE2[] = CASE_HEAD "\"steps\": [" STEP ", \"covers\": [\"C014\"]}]}";

static void make_tree(const char *root)
{
    put(root, "docs/contract.md", DOC);
    put(root, "schemas/" CT_ROWS_FILE, ROWS);
    put(root, "cases/a/1.json", CASE1);
    put(root, "cases/a/2.json", CASE2);
}

static char *replace(const char *s, const char *from, const char *to)
{
    const char *at = strstr(s, from);
    if (!at) abort();
    size_t n = strlen(s) - strlen(from) + strlen(to) + 1;
    char *r = malloc(n);
    if (!r) abort();
    snprintf(r, n, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
    return r;
}

static void rm_tree(const char *root)
{
    static const char rows[] = "schemas/" CT_ROWS_FILE;
    const char *const files[] = { "docs/contract.md", rows, "cases/a/1.json", "cases/a/2.json", "cases/a/3.json" };
    static const char *const dirs[] = { "cases/a", "cases", "docs", "schemas" };
    char path[1024];
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) { snprintf(path, sizeof path, "%s/%s", root, files[i]); unlink(path); }
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) { snprintf(path, sizeof path, "%s/%s", root, dirs[i]); rmdir(path); }
}

/* One broken tree: make the good one, apply the change, expect one problem
 * whose text holds want. */
static void broken(struct check *t, const char *root, const char *rel, const char *from, const char *to,
                   const char *want)
{
    make_tree(root);
    if (rel) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", root, rel);
        char *old = slurp(path);
        if (!old) { put(root, rel, to); }
        else { char *s = replace(old, from, to); put(root, rel, s); free(s); free(old); }
    }
    problems p;
    int n = check_tree(root, NULL, &p);
    CHECK_MSG(t, n == 1 && strstr(p.last, want), "want one problem with \"%s\", got %d (last: %s)", want, n, p.last);
    rm_tree(root);
}

static void test_fixtures(struct check *t)
{
    char root[] = "/tmp/traceability.XXXXXX";
    if (!mkdtemp(root)) { CHECK(t, !"mkdtemp"); return; }
    make_tree(root);
    problems p;
    int n = check_tree(root, stderr, &p);
    CHECK_MSG(t, n == 0, "a consistent tree passes, got %d problems", n);
    rm_tree(root);

    /* a case covers a row the document does not have */
    broken(t, root, "cases/a/2.json", "\"C014\"", "\"C014\", \"C999\"", "covers C999, which docs/contract.md does not have");
    /* ... or a decision it does not have */
    broken(t, root, "cases/a/1.json", "[\"D40\"]", "[\"D40\", \"D99\"]", "covers D99, which");
    /* a case covers nothing */
    broken(t, root, "cases/a/3.json", NULL, CASE_HEAD "\"steps\": [" STEP "}]}", "cases/a/3.json: covers no row");
    /* the Test column names a case that does not exist */
    broken(t, root, "docs/contract.md", "`cases/a/2.json`", "`cases/a/2.json`, `cases/a/9.json`",
           "C014 names cases/a/9.json, which does not exist");
    /* a decision names a case that does not exist */
    broken(t, root, "docs/contract.md", "  `cases/a/1.json`.", "  `cases/a/1.json`, `cases/b/1.json`.",
           "D40 names cases/b/1.json, which does not exist");
    /* a row names a case that does not cover it (and so the row list misses it) */
    make_tree(root);
    {
        char path[1024];
        snprintf(path, sizeof path, "%s/docs/contract.md", root);
        char *s = replace(DOC, "| `tests/unit/t.c` |\n\n### Server", "| `cases/a/1.json` |\n\n### Server");
        put(root, "docs/contract.md", s);
        free(s);
        put(root, "schemas/" CT_ROWS_FILE, "C014\tx\nC015\tx\nC268\tx\nC269\tx\nD40\tx\nD41\tx\n");
        n = check_tree(root, NULL, &p);
        CHECK_MSG(t, n == 1 && strstr(p.last, "C015 names cases/a/1.json, whose covers lack C015"),
                  "a row naming a case the case does not cover: %d, %s", n, p.last);
        rm_tree(root);
    }
    /* a case covers a row that does not name it */
    broken(t, root, "cases/a/2.json", "[\"C014\"]", "[\"C014\", \"C269\"]",
           "cases/a/2.json: covers C269, but C269 does not name the case");
    /* ... through a decision */
    broken(t, root, "cases/a/2.json", "[\"C014\"]", "[\"C014\", \"D40\"]",
           "cases/a/2.json: covers D40, but D40 does not name the case");
    /* the row list misses an HTTP row, or holds a row no case can exercise */
    broken(t, root, "schemas/" CT_ROWS_FILE, "C269\tthe token option\n", "", "C269 is missing");
    broken(t, root, "schemas/" CT_ROWS_FILE, "# rows\n", "# rows\nC015\tbudget\n", "C015 is not a row a case can exercise");
    broken(t, root, "schemas/" CT_ROWS_FILE, "# rows\n", "# rows\nC777\tnowhere\n", "C777 is not in docs/contract.md");
    broken(t, root, "schemas/" CT_ROWS_FILE, "# rows\n", "# rows\nC268\tagain\n", "C268 is listed twice");
    rmdir(root);
}

/* The row list reader and the ID order. */
static void test_rows(struct check *t)
{
    CHECK(t, ct_row_cmp("C014", "C268") < 0);
    CHECK(t, ct_row_cmp("C331", "D1") < 0);
    CHECK(t, ct_row_cmp("D5", "D40") < 0);
    CHECK(t, ct_row_cmp("D40", "D40") == 0);
    CHECK(t, ct_row_id_ok("C268") && ct_row_id_ok("D5") && ct_row_id_ok("D100"));
    CHECK(t, !ct_row_id_ok("C26") && !ct_row_id_ok("D") && !ct_row_id_ok("D1000") && !ct_row_id_ok("E1") && !ct_row_id_ok("C26x"));
    ct_row *rows;
    size_t n;
    char err[512];
    CHECK_INT(t, ct_rows_load("/nonexistent/contract-rows.tsv", &rows, &n, err, sizeof err), 1);
}

/* The real tree. */
static void test_tree(struct check *t)
{
    problems p;
    fprintf(stderr, "checking cases/, docs/contract.md and schemas/%s:\n", CT_ROWS_FILE);
    int n = check_tree(".", stderr, &p);
    CHECK_MSG(t, n == 0, "%d traceability problem%s (listed above)", n, n == 1 ? "" : "s");
}

int main(void)
{
    struct check t = { 0, 0, "traceability" };
    jsv_error je;
    memset(&je, 0, sizeof je);
    contract *con = contract_load("schemas", NULL, &je);
    char err[512];
    loader = con ? case_loader_new("schemas/case.schema.json", con, err, sizeof err) : NULL;
    if (!loader) {
        fprintf(stderr, "FAIL: cannot load the case schema (run from the project root): %s\n", con ? err : je.message);
        printf("RESULT 0 1\n");
        contract_free(con);
        return 1;
    }
    test_rows(&t);
    test_tree(&t);
    test_fixtures(&t);
    case_loader_free(loader);
    contract_free(con);
    return check_done(&t);
}
