/* case_load.c - case file discovery, parsing and validation. */
#include "case_load.h"
#include "case_vars.h"
#include "json_util.h"
#include "campaign/dir.h"
#include "campaign/json_pointer.h"
#include "campaign/strbuf.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct case_loader {
    jsv_registry *reg;
    jsv_schema *schema;
    const contract *contract;
    char **dirs;          /* resolved directories body files may read below */
    size_t ndirs;
};

const char *ct_read_error(int err)
{
    return err == EFBIG ? "larger than 16 MiB" : err == EINVAL ? "not a regular file" : strerror(err);
}

int case_loader_allow_dir(case_loader *l, const char *dir)
{
    char *real = realpath(dir, NULL);
    if (!real) return -1;
    char **v = realloc(l->dirs, (l->ndirs + 1) * sizeof *v);
    if (!v) { free(real); errno = ENOMEM; return -1; }
    l->dirs = v;
    l->dirs[l->ndirs++] = real;
    return 0;
}

static char *dir_of(const char *path);

/* 1 when resolved path lies below resolved directory dir. */
static int below(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    if (strncmp(path, dir, n) != 0) return 0;
    return path[n] == '/' || (n == 1 && dir[0] == '/');
}

/* 1 when the resolved body file may be read for the case at case_path:
 * below the case file's own directory or an allowed one. */
static int body_allowed(const case_loader *l, const char *case_path, const char *real)
{
    char *dir = dir_of(case_path), *rdir = dir ? realpath(dir, NULL) : NULL;
    int ok = rdir && below(real, rdir);
    free(dir);
    free(rdir);
    for (size_t i = 0; !ok && i < l->ndirs; i++) ok = below(real, l->dirs[i]);
    return ok;
}

case_loader *case_loader_new(const char *schema_path, const contract *c, char *err, size_t errlen)
{
    case_loader *l = calloc(1, sizeof *l);
    if (!l) { snprintf(err, errlen, "out of memory"); return NULL; }
    l->contract = c;
    l->reg = jsv_registry_new();
    jsv_error je;
    memset(&je, 0, sizeof je);
    const char *uri = NULL;
    if (!l->reg || jsv_registry_add_file(l->reg, schema_path, NULL, &uri, &je) != 0) {
        snprintf(err, errlen, "%s: cannot load the case schema: %s", schema_path, je.message);
        case_loader_free(l);
        return NULL;
    }
    l->schema = jsv_compile(l->reg, uri, NULL, &je);
    if (!l->schema) {
        snprintf(err, errlen, "%s: cannot compile the case schema: %s (at %s)", schema_path, je.message, je.pointer);
        case_loader_free(l);
        return NULL;
    }
    return l;
}

void case_loader_free(case_loader *l)
{
    if (!l) return;
    for (size_t i = 0; i < l->ndirs; i++) free(l->dirs[i]);
    free(l->dirs);
    jsv_schema_free(l->schema);
    jsv_registry_free(l->reg);
    free(l);
}

void ct_case_free(ct_case *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->nsteps; i++) {
        free(c->steps[i].name);
        json_doc_free(c->steps[i].body_file);
        ct_covers_free(c->steps[i].covers, c->steps[i].ncovers);
    }
    free(c->steps);
    for (size_t i = 0; i < c->ntags; i++) free(c->tags[i]);
    free(c->tags);
    ct_covers_free(c->covers, c->ncovers);
    free(c->name);
    free(c->path);
    json_doc_free(c->doc);
    free(c);
}

int ct_covers_add(char ***v, size_t *n, const char *id)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*v)[i], id) == 0) return 0;
    char **nv = realloc(*v, (*n + 1) * sizeof *nv);
    if (!nv) return -1;
    *v = nv;
    if (!(nv[*n] = strdup(id))) return -1;
    (*n)++;
    return 0;
}

void ct_covers_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

/* Append the row IDs of a "covers" array (schema-checked: strings) to
 * v[0..*n).  0, or -1 when out of memory. */
static int covers_from(const cJSON *covers, char ***v, size_t *n)
{
    for (const cJSON *e = covers ? covers->child : NULL; e; e = e->next)
        if (cJSON_IsString(e) && ct_covers_add(v, n, e->valuestring) != 0) return -1;
    return 0;
}

int ct_case_has_tag(const ct_case *c, const char *t)
{
    for (size_t i = 0; i < c->ntags; i++)
        if (strcmp(c->tags[i], t) == 0) return 1;
    return 0;
}

/* A file being checked: its name for messages and the text its nodes'
 * byte offsets point into (borrowed; it outlives the check). */
typedef struct src_file {
    const char *path;
    const char *text;
    size_t len;
} src_file;

/* Where node at starts in src (1:1 for a node not parsed from it). */
static json_text_pos node_position(const src_file *src, const cJSON *at)
{
    json_text_pos pos = JSON_TEXT_START;
    const json_node *n = json_node_info(at);
    if (n) json_text_position(src->text, src->len, n->offset, &pos);
    return pos;
}

/* Report a problem at a node's position (1:1 when unknown). */
static void problem(FILE *errs, const src_file *src, const cJSON *at, const char *fmt, const char *a, const char *b)
{
    json_text_pos pos = node_position(src, at);
    fprintf(errs, "%s:%u:%u: ", src->path, pos.line, pos.col);
    fprintf(errs, fmt, a ? a : "", b ? b : "");
    fputc('\n', errs);
}

/* ct_vars_check on a parsed string or name of len bytes, read whole as
 * the expansion reads it (json_c_text). */
static int vars_ok(const char *s, size_t len, char *err, size_t errlen)
{
    char *t = json_c_text(s, len);
    int ok = t && ct_vars_check(t, err, errlen);
    if (!t) snprintf(err, errlen, "out of memory");
    free(t);
    return ok;
}

/* Walk every string (and object key) below v checking ${...} syntax. */
static int check_vars(FILE *errs, const src_file *src, const cJSON *v)
{
    int bad = 0;
    char err[256];
    if (ct_json_type(v) == cJSON_String && !vars_ok(v->valuestring, json_string_len(v), err, sizeof err)) {
        problem(errs, src, v, "%s%s", err, NULL);
        bad++;
    }
    for (const cJSON *c = (ct_json_type(v) == cJSON_Array || ct_json_type(v) == cJSON_Object) ? v->child : NULL; c; c = c->next) {
        if (c->string && !vars_ok(c->string, json_key_len(c), err, sizeof err)) {
            problem(errs, src, c, "%s%s", err, NULL);
            bad++;
        }
        bad += check_vars(errs, src, c);
    }
    return bad;
}

static int check_regex(FILE *errs, const src_file *src, const cJSON *m)
{
    int ec;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)m->valuestring, json_string_len(m), PCRE2_UTF, &ec, &off, NULL);
    if (re) { pcre2_code_free(re); return 0; }
    PCRE2_UCHAR msg[200];
    pcre2_get_error_message(ec, msg, sizeof msg);
    char where[64];
    snprintf(where, sizeof where, " at offset %zu", (size_t)off);
    problem(errs, src, m, "invalid regex: %s%s", (const char *)msg, where);
    return 1;
}

/* Pointers and regexes of one body assertion, nested each/some included. */
static int check_assertion(FILE *errs, const src_file *src, const cJSON *a, int depth)
{
    int bad = 0;
    const cJSON *p = json_member(a, "pointer");
    if (cJSON_IsString(p) && !jp_valid(p->valuestring, strlen(p->valuestring))) {
        problem(errs, src, p, "invalid JSON Pointer \"%s\" (\"~\" must be followed by 0 or 1)", p->valuestring, NULL);
        bad++;
    }
    const cJSON *m = json_member(a, "matches");
    if (cJSON_IsString(m)) bad += check_regex(errs, src, m);
    static const char *const nested[] = { "each", "some" };
    for (size_t i = 0; i < 2 && depth < 16; i++) {
        const cJSON *n = json_member(a, nested[i]);
        if (cJSON_IsObject(n)) bad += check_assertion(errs, src, n, depth + 1);
    }
    return bad;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return strdup(".");
    return strndup(path, (size_t)(slash - path) + (slash == path));
}

/* Text the step sends as a C string (a path, a file name, a header
 * value) cannot hold U+0000: it would be cut there, and the step would
 * send something else than the case says.  1 when v holds one. */
static int nul_in_text(FILE *errs, const src_file *src, const cJSON *v, const char *what)
{
    if (!cJSON_IsString(v) || json_string_len(v) == strlen(v->valuestring)) return 0;
    problem(errs, src, v, "U+0000 cannot be sent in %s%s", what, NULL);
    return 1;
}

/* Checks the schema cannot express, for one (schema-valid) step. */
static int check_step(case_loader *l, FILE *errs, const src_file *src, ct_step *st)
{
    int bad = check_vars(errs, src, st->json);
    const cJSON *req = json_member(st->json, "request");
    const cJSON *expect = json_member(st->json, "expect");
    const cJSON *bf = json_member(req, "bodyFile");
    bad += nul_in_text(errs, src, json_member(req, "path"), "a request path");
    bad += nul_in_text(errs, src, bf, "a file name");
    const cJSON *rh = json_member(req, "headers");
    for (const cJSON *h = rh ? rh->child : NULL; h; h = h->next) bad += nul_in_text(errs, src, h, "a header");
    if (cJSON_IsString(bf) && !bad) {
        char *dir = dir_of(src->path);
        size_t n = strlen(dir) + strlen(bf->valuestring) + 2;
        char *full = malloc(n);
        if (dir && full) {
            if (bf->valuestring[0] == '/') snprintf(full, n, "%s", bf->valuestring);
            else snprintf(full, n, "%s/%s", dir, bf->valuestring);
            size_t len;
            char *real = realpath(full, NULL), *text = NULL;
            if (!real) {
                problem(errs, src, bf, "cannot read bodyFile %s: %s", full, strerror(errno));
                bad++;
            } else if (!body_allowed(l, src->path, real)) {
                problem(errs, src, bf,
                        "bodyFile %s is outside the cases tree (%s); allow its directory with --body-dir",
                        full, real);
                bad++;
            } else if (!(text = jsv_read_regular_file(real, CT_MAX_FILE, &len))) {
                problem(errs, src, bf, "cannot read bodyFile %s: %s", full, ct_read_error(errno));
                bad++;
            } else {
                json_error je;
                json_parse_opts o = { JSON_PARSE_REJECT_DUPLICATES, 0 };
                st->body_file = json_parse(text, len, &o, NULL, &je);
                if (!st->body_file) {
                    fprintf(errs, "%s:%u:%u: %s\n", full, je.line, je.col, je.message);
                    problem(errs, src, bf, "bodyFile %s is not valid JSON%s", full, NULL);
                    bad++;
                } else {
                    src_file body = { full, text, len };
                    bad += check_vars(errs, &body, st->body_file->root);
                }
                free(text);
            }
            free(real);
        }
        free(dir);
        free(full);
    }
    const cJSON *sch = json_member(expect, "schema");
    if (cJSON_IsString(sch) && l->contract && !contract_schema(l->contract, sch->valuestring)) {
        problem(errs, src, sch, "unknown body schema \"%s\" (see schemas/)", sch->valuestring, NULL);
        bad++;
    }
    const cJSON *body = json_member(expect, "body");
    for (const cJSON *a = body ? body->child : NULL; a; a = a->next) bad += check_assertion(errs, src, a, 0);
    const cJSON *hdrs = json_member(expect, "headers");
    for (const cJSON *h = hdrs ? hdrs->child : NULL; h; h = h->next) {
        const cJSON *m = json_member(h, "matches");
        if (cJSON_IsString(m)) bad += check_regex(errs, src, m);
    }
    return bad;
}

/* A name of the case for reports: its text, U+0000 shown as \u0000. */
static char *display_text(const cJSON *v)
{
    char *e = json_escape_nul(v->valuestring, json_string_len(v));
    return e ? e : strdup(v->valuestring);
}

static char *step_display_name(size_t idx, const cJSON *step)
{
    const cJSON *n = json_member(step, "name");
    const cJSON *req = json_member(step, "request");
    const cJSON *m = json_member(req, "method");
    const cJSON *p = json_member(req, "path");
    strbuf b = {0};
    sb_printf(&b, "%02zu ", idx + 1);
    if (cJSON_IsString(n)) {
        char *name = display_text(n);
        sb_puts(&b, name ? name : "?");
        free(name);
    } else {
        sb_printf(&b, "%s %s", cJSON_IsString(m) ? m->valuestring : "?", cJSON_IsString(p) ? p->valuestring : "?");
    }
    return sb_take(&b);
}

ct_case *case_load(case_loader *l, const char *path, FILE *errs)
{
    size_t len;
    char *text = jsv_read_regular_file(path, CT_MAX_FILE, &len);
    if (!text) {
        fprintf(errs, "%s:1:1: cannot read: %s\n", path, ct_read_error(errno));
        return NULL;
    }
    ct_case *c = case_load_text(l, path, text, len, errs);
    free(text);
    return c;
}

ct_case *case_load_text(case_loader *l, const char *path, const char *text, size_t len,
                        FILE *errs)
{
    json_error je;
    memset(&je, 0, sizeof je);
    json_parse_opts o = { JSON_PARSE_REJECT_DUPLICATES, 0 };
    json_doc *doc = json_parse(text, len, &o, NULL, &je);
    if (!doc) {
        fprintf(errs, "%s:%u:%u: %s\n", path, je.line ? je.line : 1, je.col ? je.col : 1, je.message);
        return NULL;
    }
    src_file src = { path, text, len };
    jsv_result *r = jsv_result_new();
    int v = r ? jsv_validate(l->schema, doc->root, r) : -1;
    if (v != 1) {
        size_t n = r ? jsv_result_count(r) : 0;
        for (size_t i = 0; i < n; i++) {
            const jsv_error_item *e = jsv_result_get(r, i);
            const cJSON *at = e->instance ? e->instance : ct_pointer_get(doc->root, e->instance_location);
            json_text_pos pos = node_position(&src, at);
            fprintf(errs, "%s:%u:%u: %s%s%s\n", path, pos.line, pos.col,
                    e->instance_location[0] ? e->instance_location : "", e->instance_location[0] ? ": " : "",
                    e->message);
        }
        if (n == 0) fprintf(errs, "%s:1:1: the case does not match the case schema\n", path);
        jsv_result_free(r);
        json_doc_free(doc);
        return NULL;
    }
    jsv_result_free(r);

    ct_case *c = calloc(1, sizeof *c);
    if (!c) { json_doc_free(doc); return NULL; }
    c->doc = doc;
    c->path = strdup(path);
    const cJSON *root = doc->root;
    c->name = display_text(json_member(root, "name"));
    c->variables = json_member(root, "variables");
    const cJSON *tags = json_member(root, "tags");
    size_t nt = (size_t)cJSON_GetArraySize(tags);
    c->tags = calloc(nt + 1, sizeof *c->tags);
    for (const cJSON *t = tags ? tags->child : NULL; c->tags && t; t = t->next)
        c->tags[c->ntags++] = strdup(t->valuestring);
    const cJSON *steps = json_member(root, "steps");
    size_t ns = (size_t)cJSON_GetArraySize(steps);
    c->steps = calloc(ns, sizeof *c->steps);
    if (!c->path || !c->name || !c->tags || !c->steps) {
        fprintf(errs, "%s:1:1: out of memory\n", path);
        ct_case_free(c);
        return NULL;
    }
    int bad = 0, oom = covers_from(json_member(root, "covers"), &c->covers, &c->ncovers);
    if (c->variables) bad += check_vars(errs, &src, c->variables);
    for (const cJSON *s = steps->child; s; s = s->next) {
        ct_step *st = &c->steps[c->nsteps];
        st->json = s;
        st->name = step_display_name(c->nsteps, s);
        c->nsteps++;
        const cJSON *sc = json_member(s, "covers");
        if (covers_from(sc, &st->covers, &st->ncovers) != 0 ||
            covers_from(sc, &c->covers, &c->ncovers) != 0) oom = -1;
        bad += check_step(l, errs, &src, st);
    }
    if (oom && !bad) {
        fprintf(errs, "%s:1:1: out of memory\n", path);
        bad = 1;
    }
    if (bad) { ct_case_free(c); return NULL; }
    return c;
}

/* ---- discovery ------------------------------------------------------- */

typedef struct pathlist { char **v; size_t n, cap; } pathlist;

static int pl_add(pathlist *pl, const char *p)
{
    if (pl->n == pl->cap) {
        size_t cap = pl->cap ? pl->cap * 2 : 64;
        char **v = realloc(pl->v, cap * sizeof *v);
        if (!v) return -1;
        pl->v = v;
        pl->cap = cap;
    }
    if (!(pl->v[pl->n] = strdup(p))) return -1;
    pl->n++;
    return 0;
}

static int ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcmp(s + a - b, suf) == 0;
}

static int walk(pathlist *pl, const char *dir, FILE *errs, int depth)
{
    if (depth > 32) { fprintf(errs, "%s: directories nested too deep\n", dir); return -1; }
    dir_list l;
    int rc = dir_list_read(dir, ".json", DIR_LIST_SUBDIRS, &l);
    if (rc == DIR_LIST_CANNOT_OPEN) { fprintf(errs, "%s: %s\n", dir, strerror(errno)); return -1; }
    for (size_t i = 0; rc == 0 && i < l.n; i++) {
        const dir_entry *e = &l.v[i];
        size_t n = strlen(dir) + strlen(e->name) + 2;
        char *p = malloc(n);
        if (!p) { rc = -1; break; }
        snprintf(p, n, "%s%s%s", dir, ends_with(dir, "/") ? "" : "/", e->name);
        if (e->kind == DIR_KIND_DIR) rc = walk(pl, p, errs, depth + 1);
        /* Files named *.body.json are request bodies (bodyFile), not cases. */
        else if (e->kind != DIR_KIND_GONE && !ends_with(p, ".body.json")) rc = pl_add(pl, p);
        free(p);
    }
    dir_list_free(&l);
    return rc ? -1 : 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int case_collect(char *const *args, int nargs, char ***files, size_t *nfiles, FILE *errs)
{
    pathlist pl = {0};
    int rc = 0;
    for (int i = 0; i < nargs && rc == 0; i++) {
        struct stat st;
        if (stat(args[i], &st) != 0) { fprintf(errs, "%s: %s\n", args[i], strerror(errno)); rc = -1; }
        else if (S_ISDIR(st.st_mode)) rc = walk(&pl, args[i], errs, 0);
        else rc = pl_add(&pl, args[i]);
    }
    if (rc != 0) {
        for (size_t i = 0; i < pl.n; i++) free(pl.v[i]);
        free(pl.v);
        return -1;
    }
    if (pl.n) qsort(pl.v, pl.n, sizeof *pl.v, cmp_str);
    size_t k = 0;
    for (size_t i = 0; i < pl.n; i++) {
        if (k && strcmp(pl.v[k - 1], pl.v[i]) == 0) { free(pl.v[i]); continue; }
        pl.v[k++] = pl.v[i];
    }
    *files = pl.v;
    *nfiles = k;
    return 0;
}
