/* matrix.c - the conformance matrix (matrix.h). */
#include "matrix.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

int ct_row_id_ok(const char *id)
{
    size_t n = strlen(id);
    if (id[0] == 'C' && n != 4) return 0;
    if (id[0] == 'D' && (n < 2 || n > 4)) return 0;
    if (id[0] != 'C' && id[0] != 'D') return 0;
    for (size_t i = 1; i < n; i++)
        if (!isdigit((unsigned char)id[i])) return 0;
    return 1;
}

int ct_row_cmp(const char *a, const char *b)
{
    if (a[0] != b[0]) return a[0] < b[0] ? -1 : 1;
    long x = strtol(a + 1, NULL, 10), y = strtol(b + 1, NULL, 10);
    if (x != y) return x < y ? -1 : 1;
    return strcmp(a, b);   /* "D05" and "D5": any fixed order */
}

static int row_qcmp(const void *a, const void *b)
{
    return ct_row_cmp(((const ct_row *)a)->id, ((const ct_row *)b)->id);
}

void ct_rows_free(ct_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) { free(rows[i].id); free(rows[i].title); }
    free(rows);
}

int ct_rows_load(const char *path, ct_row **rows, size_t *n, char *err, size_t errlen)
{
    *rows = NULL;
    *n = 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        if (errno == ENOENT) return 1;
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char line[1024];
    size_t lineno = 0, cap = 0;
    int rc = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strlen(line);
        if (len == sizeof line - 1 && line[len - 1] != '\n') {
            snprintf(err, errlen, "%s:%zu: line longer than %zu bytes", path, lineno, sizeof line - 2);
            rc = -1;
            break;
        }
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        if (len == 0 || line[0] == '#') continue;
        char *tab = strchr(line, '\t');
        if (tab) *tab = '\0';
        if (!ct_row_id_ok(line) || !tab || !tab[1]) {
            snprintf(err, errlen, "%s:%zu: want \"ID<TAB>title\" with an ID such as C268 or D40", path, lineno);
            rc = -1;
            break;
        }
        if (*n == cap) {
            size_t nc = cap ? cap * 2 : 128;
            ct_row *nr = realloc(*rows, nc * sizeof *nr);
            if (!nr) { snprintf(err, errlen, "%s: out of memory", path); rc = -1; break; }
            *rows = nr;
            cap = nc;
        }
        ct_row *r = &(*rows)[*n];
        r->id = strdup(line);
        r->title = strdup(tab + 1);
        (*n)++;
        if (!r->id || !r->title) { snprintf(err, errlen, "%s: out of memory", path); rc = -1; break; }
    }
    if (rc == 0 && ferror(f)) { snprintf(err, errlen, "%s: read error", path); rc = -1; }
    fclose(f);
    if (rc == 0 && *n) {
        qsort(*rows, *n, sizeof **rows, row_qcmp);
        for (size_t i = 1; i < *n; i++)
            if (strcmp((*rows)[i - 1].id, (*rows)[i].id) == 0) {
                snprintf(err, errlen, "%s: %s is listed twice", path, (*rows)[i].id);
                rc = -1;
                break;
            }
    }
    if (rc != 0) { ct_rows_free(*rows, *n); *rows = NULL; *n = 0; }
    return rc;
}

void ct_run_load_rows(ct_run_result *run, const char *schema_dir, FILE *errs)
{
    size_t len = strlen(schema_dir) + sizeof "/" CT_ROWS_FILE;
    char *path = malloc(len);
    if (!path) return;
    snprintf(path, len, "%s/%s", schema_dir, CT_ROWS_FILE);
    char err[512];
    int rc = ct_rows_load(path, &run->rows, &run->nrows, err, sizeof err);
    if (rc < 0 && errs) fprintf(errs, "campaign-test: warning: %s; the reports count no documented rows\n", err);
    run->have_rows = rc == 0;
    free(path);
}

static int copy_list(char ***dst, size_t *nd, char *const *src, size_t ns)
{
    for (size_t i = 0; i < ns; i++)
        if (ct_covers_add(dst, nd, src[i]) != 0) return -1;
    return 0;
}

int ct_result_set_covers(ct_scenario_result *r, const ct_case *c)
{
    if (copy_list(&r->covers, &r->ncovers, c->covers, c->ncovers) != 0) return -1;
    for (size_t j = 0; j < c->nsteps && j < r->nsteps; j++)
        if (copy_list(&r->steps[j].covers, &r->steps[j].ncovers, c->steps[j].covers, c->steps[j].ncovers) != 0)
            return -1;
    return 0;
}

static int mrow_qcmp(const void *a, const void *b)
{
    return ct_row_cmp(((const ct_matrix_row *)a)->id, ((const ct_matrix_row *)b)->id);
}

/* The row for id among rows[0..n), sorted by ID; NULL when none. */
static ct_matrix_row *find_row(ct_matrix_row *rows, size_t n, const char *id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = ct_row_cmp(rows[mid].id, id);
        if (c == 0) return &rows[mid];
        if (c < 0) lo = mid + 1; else hi = mid;
    }
    return NULL;
}

int ct_matrix_build(const ct_run_result *run, ct_matrix *m)
{
    memset(m, 0, sizeof *m);
    size_t cap = run->nrows;
    for (size_t i = 0; i < run->nscen; i++) cap += run->scen[i].ncovers;
    m->rows = calloc(cap ? cap : 1, sizeof *m->rows);
    if (!m->rows) return -1;
    /* Every documented row, then every named row not among them. */
    for (size_t i = 0; i < run->nrows; i++) {
        m->rows[m->n].id = run->rows[i].id;
        m->rows[m->n].title = run->rows[i].title;
        m->rows[m->n].documented = 1;
        m->n++;
    }
    m->documented = run->nrows;
    for (size_t i = 0; i < run->nscen; i++)
        for (size_t k = 0; k < run->scen[i].ncovers; k++) {
            const char *id = run->scen[i].covers[k];
            int seen = 0;
            for (size_t r = run->nrows; r < m->n && !seen; r++) seen = strcmp(m->rows[r].id, id) == 0;
            if (!seen && !find_row(m->rows, run->nrows, id)) m->rows[m->n++].id = id;
        }
    qsort(m->rows, m->n, sizeof *m->rows, mrow_qcmp);
    for (size_t i = 0; i < run->nscen; i++) {
        const ct_scenario_result *s = &run->scen[i];
        for (size_t k = 0; k < s->ncovers; k++) {
            ct_matrix_row *r = find_row(m->rows, m->n, s->covers[k]);
            if (!r) continue;
            size_t *ns = realloc(r->scen, (r->nscen + 1) * sizeof *ns);
            if (!ns) { ct_matrix_free(m); return -1; }
            r->scen = ns;
            r->scen[r->nscen++] = i;
            switch (s->outcome) {
            case CT_PASS: r->passed++; break;
            case CT_FAIL: case CT_ERROR: r->failed++; break;
            default: r->notrun++; break;
            }
        }
    }
    for (size_t i = 0; i < m->n; i++)
        if (m->rows[i].documented && m->rows[i].passed + m->rows[i].failed) m->exercised++;
    return 0;
}

void ct_matrix_free(ct_matrix *m)
{
    for (size_t i = 0; i < m->n; i++) free(m->rows[i].scen);
    free(m->rows);
    memset(m, 0, sizeof *m);
}
