/* probe_gen.c - derive boundary probes from the request schemas and the
 * contract rules, confirm each with the contract, write case files.
 *
 * The walk: for each request body (create, update) the full example is the
 * base; the walk follows the body's schema over the base (properties,
 * items of the first array element, $ref, allOf, and the if/then branches
 * whose "if" the base meets), and at every member the base has it turns
 * each constraint keyword met there into a candidate: ONE value changed
 * (or one member removed), a value just inside the bound and one just
 * outside.  The contract is the oracle: the inside body must keep it, the
 * outside body must break it with its first finding at the probe's
 * pointer (the member; its object for `required`; the rule's pointer for
 * a rule).  Candidates that do not are dropped, counted and listed in the
 * summary, so every written probe agrees with the library that the
 * servers under test are held to.
 *
 * The cross-field rules (C code, docs/rules.md) cannot be read from a
 * schema; a table below names, per rule, the one-value change that
 * crosses it. */
#include "probe_gen.h"
#include "probe_bounds.h"

#include "campaign/contract.h"
#include "campaign/dir.h"
#include "campaign/strbuf.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The name every probe's campaign gets; PLACEHOLDER (as long as a UUID, so
 * lengths checked here are the lengths sent) becomes ${uniqueId} in the
 * written files. */
#define PLACEHOLDER "00000000-0000-4000-8000-000000000000"
#define BASE_NAME "probe " PLACEHOLDER
#define PAD "\xc3\xa9" /* U+00E9: two bytes, one code point */
#define SCHEMA_URI_PREFIX "https://campaign-contract.example/schemas/"
#define CASE_SCHEMA SCHEMA_URI_PREFIX "case.schema.json"

typedef struct {
    char id[8];
    char **locs;   /* schema locations of the Enforced-by column */
    size_t nlocs;
    char *enforced; /* the column's text (rule ids are searched in it) */
} row;

typedef struct {
    char *name;
    cJSON *doc;
} schema_file;

typedef struct {
    const cJSON *s;
    const char *file;
    char loc[400]; /* JSON Pointer inside file */
} sref;

#define MAX_CHAIN 48

typedef struct {
    const probe_opts *o;
    FILE *err;
    contract *c;
    contract_report *rep;
    const char *schema_dir;
    char *examples_dir;
    schema_file files[32];
    size_t nfiles;
    row *rows;
    size_t nrows;
    /* the body being probed */
    const char *op;          /* "create" or "update" */
    const char *body_schema; /* "campaign-create-request", ... */
    const cJSON *base;
    const char *base_label;  /* the example it came from */
    const cJSON *create_base; /* update: the body of the create step */
    /* results */
    char **keys;
    size_t nkeys;
    size_t written, dropped;
    char *kinds[64];
    size_t kind_written[64];
    size_t nkinds;
    strbuf drops;
    int failed;
} gen;

/* ---- small helpers ------------------------------------------------------ */

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    strbuf b = { 0 };
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) sb_append(&b, buf, n);
    fclose(f);
    if (len) *len = b.len;
    return sb_take(&b);
}

static cJSON *read_json(gen *g, const char *path)
{
    char *text = read_file(path, NULL);
    if (!text) { fprintf(g->err, "campaign-probes: cannot read %s: %s\n", path, strerror(errno)); return NULL; }
    cJSON *j = cJSON_Parse(text);
    free(text);
    if (!j) fprintf(g->err, "campaign-probes: %s is not JSON\n", path);
    return j;
}

static int mkdirs(const char *path)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(tmp, 0777) != 0 && errno != EEXIST) return -1;
        *p = '/';
    }
    return mkdir(tmp, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

static void ptr_append(char *buf, size_t size, const char *tok)
{
    size_t n = strlen(buf);
    if (n + 2 >= size) return;
    buf[n++] = '/';
    for (const char *t = tok; *t && n + 3 < size; t++) {
        if (*t == '~') { buf[n++] = '~'; buf[n++] = '0'; }
        else if (*t == '/') { buf[n++] = '~'; buf[n++] = '1'; }
        else buf[n++] = *t;
    }
    buf[n] = '\0';
}

static void ptr_append_index(char *buf, size_t size, size_t i)
{
    char t[32];
    snprintf(t, sizeof t, "%zu", i);
    ptr_append(buf, size, t);
}

/* The value at an RFC 6901 pointer (NULL when absent); *parent and *tok
 * (unescaped last token) when asked. */
static cJSON *ptr_get(cJSON *root, const char *ptr, cJSON **parent, char *tok, size_t toksize)
{
    cJSON *cur = root, *par = NULL;
    const char *p = ptr;
    char t[256] = "";
    while (*p == '/') {
        p++;
        size_t n = 0;
        while (*p && *p != '/' && n + 1 < sizeof t) {
            if (*p == '~' && p[1] == '1') { t[n++] = '/'; p += 2; }
            else if (*p == '~' && p[1] == '0') { t[n++] = '~'; p += 2; }
            else t[n++] = *p++;
        }
        t[n] = '\0';
        par = cur;
        if (cJSON_IsArray(cur)) cur = cJSON_GetArrayItem(cur, atoi(t));
        else if (cJSON_IsObject(cur)) cur = cJSON_GetObjectItemCaseSensitive(cur, t);
        else cur = NULL;
        if (!cur) break;
    }
    if (parent) *parent = par;
    if (tok) snprintf(tok, toksize, "%s", t);
    return cur;
}

static void parent_ptr(const char *ptr, char *out, size_t size)
{
    const char *slash = strrchr(ptr, '/');
    snprintf(out, size, "%.*s", slash ? (int)(slash - ptr) : 0, ptr);
}

/* ---- schema files and $ref ---------------------------------------------- */

static const cJSON *schema_doc(gen *g, const char *name)
{
    for (size_t i = 0; i < g->nfiles; i++)
        if (strcmp(g->files[i].name, name) == 0) return g->files[i].doc;
    if (g->nfiles == sizeof g->files / sizeof g->files[0]) return NULL;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", g->schema_dir, name);
    cJSON *d = read_json(g, path);
    if (!d) { g->failed = 1; return NULL; }
    g->files[g->nfiles].name = xstrdup(name);
    g->files[g->nfiles].doc = d;
    return g->files[g->nfiles++].doc;
}

/* Resolve ref (relative to file) into *out. */
static int resolve(gen *g, const char *ref, const char *file, sref *out)
{
    const char *hash = strchr(ref, '#');
    char fname[256];
    if (hash == ref) snprintf(fname, sizeof fname, "%s", file);
    else snprintf(fname, sizeof fname, "%.*s", hash ? (int)(hash - ref) : (int)strlen(ref), ref);
    const cJSON *doc = schema_doc(g, fname);
    if (!doc) return -1;
    for (size_t i = 0; i < g->nfiles; i++)
        if (strcmp(g->files[i].name, fname) == 0) out->file = g->files[i].name;
    const char *frag = hash ? hash + 1 : "";
    cJSON *target = ptr_get((cJSON *)doc, frag, NULL, NULL, 0);
    if (!target) return -1;
    out->s = target;
    snprintf(out->loc, sizeof out->loc, "%s", frag);
    return 0;
}

/* Does inst meet an "if" schema?  Only the forms the contract uses are
 * read (type, required, properties, const, enum); any other keyword makes
 * the answer "no", so an unknown condition adds no branch. */
static int meets(const cJSON *s, const cJSON *inst)
{
    if (cJSON_IsBool(s)) return cJSON_IsTrue(s);
    const cJSON *k;
    cJSON_ArrayForEach(k, s) {
        const char *n = k->string;
        if (strcmp(n, "type") == 0) {
            const char *t = cJSON_IsString(k) ? k->valuestring : "";
            int ok = strcmp(t, "object") == 0 ? cJSON_IsObject(inst)
                   : strcmp(t, "null") == 0 ? cJSON_IsNull(inst)
                   : strcmp(t, "array") == 0 ? cJSON_IsArray(inst)
                   : strcmp(t, "string") == 0 ? cJSON_IsString(inst) : 0;
            if (!ok) return 0;
        } else if (strcmp(n, "required") == 0) {
            const cJSON *r;
            if (!cJSON_IsObject(inst)) continue;
            cJSON_ArrayForEach(r, k)
                if (!cJSON_IsString(r) || !cJSON_GetObjectItemCaseSensitive(inst, r->valuestring)) return 0;
        } else if (strcmp(n, "properties") == 0) {
            const cJSON *p;
            if (!cJSON_IsObject(inst)) continue;
            cJSON_ArrayForEach(p, k) {
                const cJSON *v = cJSON_GetObjectItemCaseSensitive(inst, p->string);
                if (v && !meets(p, v)) return 0;
            }
        } else if (strcmp(n, "const") == 0) {
            if (!cJSON_Compare(k, inst, 1)) return 0;
        } else if (strcmp(n, "enum") == 0) {
            const cJSON *e;
            int any = 0;
            cJSON_ArrayForEach(e, k) any |= cJSON_Compare(e, inst, 1);
            if (!any) return 0;
        } else if (strcmp(n, "$comment") != 0 && strcmp(n, "description") != 0) {
            return 0;
        }
    }
    return 1;
}

/* Every schema that applies to inst, starting from s. */
static void collect(gen *g, sref *chain, size_t *n, const sref *s, const cJSON *inst, int depth)
{
    if (!cJSON_IsObject(s->s) || *n >= MAX_CHAIN || depth > 16) return;
    chain[(*n)++] = *s;
    const cJSON *ref = cJSON_GetObjectItemCaseSensitive(s->s, "$ref");
    if (cJSON_IsString(ref)) {
        sref t;
        if (resolve(g, ref->valuestring, s->file, &t) == 0) collect(g, chain, n, &t, inst, depth + 1);
    }
    const cJSON *all = cJSON_GetObjectItemCaseSensitive(s->s, "allOf"), *a;
    size_t i = 0;
    cJSON_ArrayForEach(a, all) {
        sref t = { a, s->file, "" };
        snprintf(t.loc, sizeof t.loc, "%s", s->loc);
        ptr_append(t.loc, sizeof t.loc, "allOf");
        ptr_append_index(t.loc, sizeof t.loc, i++);
        collect(g, chain, n, &t, inst, depth + 1);
    }
    const cJSON *cond = cJSON_GetObjectItemCaseSensitive(s->s, "if");
    if (cond) {
        const char *branch = meets(cond, inst) ? "then" : "else";
        const cJSON *b = cJSON_GetObjectItemCaseSensitive(s->s, branch);
        if (b) {
            sref t = { b, s->file, "" };
            snprintf(t.loc, sizeof t.loc, "%s", s->loc);
            ptr_append(t.loc, sizeof t.loc, branch);
            collect(g, chain, n, &t, inst, depth + 1);
        }
    }
}

static void loc_of(const sref *s, const char *kw, char *out, size_t size)
{
    char p[400];
    snprintf(p, sizeof p, "%s", s->loc);
    if (kw) ptr_append(p, sizeof p, kw);
    snprintf(out, size, "%s#%s", s->file, p);
}

/* The first keyword kw among the chain (its schema in *where). */
static const cJSON *chain_kw(const sref *chain, size_t n, const char *kw, const sref **where)
{
    for (size_t i = 0; i < n; i++) {
        const cJSON *k = cJSON_GetObjectItemCaseSensitive(chain[i].s, kw);
        if (k) { if (where) *where = &chain[i]; return k; }
    }
    return NULL;
}

/* ---- docs/contract.md rows ---------------------------------------------- */

static void load_rows(gen *g, const char *path)
{
    char *text = read_file(path, NULL);
    if (!text) {
        fprintf(g->err, "campaign-probes: warning: cannot read %s: probes name no contract rows\n", path);
        return;
    }
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "| C", 3) != 0 || line[3] < '0' || line[3] > '9') continue;
        /* | ID | source | constraint | enforced by | ... */
        char *cells[6] = { 0 };
        size_t nc = 0;
        for (char *p = line + 1; *p && nc < 6; ) {
            cells[nc++] = p;
            char *bar = p;
            while (*bar && !(*bar == '|' && bar[-1] != '\\')) bar++;
            if (!*bar) break;
            *bar = '\0';
            p = bar + 1;
        }
        if (nc < 5) continue;
        row *nr = realloc(g->rows, (g->nrows + 1) * sizeof *g->rows);
        if (!nr) break;
        g->rows = nr;
        row *r = &g->rows[g->nrows++];
        memset(r, 0, sizeof *r);
        sscanf(cells[0], " %7s", r->id);
        r->enforced = xstrdup(cells[3]);
        for (char *q = cells[3]; (q = strchr(q, '`')); ) {
            char *e = strchr(q + 1, '`');
            if (!e) break;
            if (memchr(q + 1, '#', (size_t)(e - q - 1))) {
                char **nl = realloc(r->locs, (r->nlocs + 1) * sizeof *r->locs);
                if (!nl) break;
                r->locs = nl;
                r->locs[r->nlocs] = malloc((size_t)(e - q));
                if (r->locs[r->nlocs]) {
                    memcpy(r->locs[r->nlocs], q + 1, (size_t)(e - q - 1));
                    r->locs[r->nlocs][e - q - 1] = '\0';
                    r->nlocs++;
                }
            }
            q = e + 1;
        }
    }
    free(text);
}

static int loc_covers(const char *rowloc, const char *loc)
{
    size_t n = strlen(rowloc);
    return strncmp(rowloc, loc, n) == 0 && (loc[n] == '\0' || loc[n] == '/');
}

/* Contract rows for a finding at schema location floc (or rule id rule),
 * and for the member's own location mloc (exact match only). */
static void rows_for(const gen *g, const char *floc, const char *rule, const char *mloc, strbuf *out)
{
    size_t before = out->len;
    for (size_t i = 0; i < g->nrows; i++) {
        const row *r = &g->rows[i];
        int hit = 0;
        if (rule && *rule) {
            const char *p = strstr(r->enforced, rule);
            hit = p && (p[strlen(rule)] == '\0' || !(p[strlen(rule)] == '-' || (p[strlen(rule)] >= 'A' && p[strlen(rule)] <= 'Z')));
        }
        for (size_t j = 0; !hit && j < r->nlocs; j++)
            hit = (floc && loc_covers(r->locs[j], floc)) || (mloc && strcmp(r->locs[j], mloc) == 0);
        if (hit) sb_printf(out, "%s%s", out->len > before ? ", " : "", r->id);
    }
}

/* The case's covers: C277 (a refused body names its first finding's
 * pointer in error.field, which every outside step asserts) and the rows
 * of list ("C018, C019", as rows_for writes them), each once. */
static void add_covers(cJSON *doc, const char *list)
{
    cJSON *covers = cJSON_CreateArray();
    cJSON_AddItemToArray(covers, cJSON_CreateString("C277"));
    while (*list) {
        size_t n = strcspn(list, ", ");
        char id[16];
        if (n && n < sizeof id) {
            memcpy(id, list, n);
            id[n] = '\0';
            int seen = 0;
            for (const cJSON *c = covers->child; c && !seen; c = c->next)
                seen = strcmp(c->valuestring, id) == 0;
            if (!seen)
                cJSON_AddItemToArray(covers, cJSON_CreateString(id));
        }
        list += n;
        list += strspn(list, ", ");
    }
    cJSON_AddItemToObject(doc, "covers", covers);
}

/* ---- candidates --------------------------------------------------------- */

enum expect_at { AT_MEMBER, AT_PARENT, AT_GIVEN, AT_XERROR };

typedef struct {
    const char *kind;      /* counted under this name */
    char ptr[400];         /* the value changed */
    char keyword[64];      /* for names */
    char what[200];        /* the bound, for the case name */
    char sloc[512];        /* where the constraint is written */
    char mloc[512];        /* the member's own schema location */
    cJSON *inside[64];     /* values put at ptr (NULL entry: the base's) */
    size_t ninside;
    cJSON *outside;        /* NULL with remove: the member removed */
    int remove;
    enum expect_at at;
    char given[400];       /* AT_GIVEN: the expected pointer */
    char suffix[80];       /* file name suffix */
} cand;

static void cand_free(cand *c)
{
    for (size_t i = 0; i < c->ninside; i++) cJSON_Delete(c->inside[i]);
    cJSON_Delete(c->outside);
}

static int seen_key(gen *g, const char *key)
{
    for (size_t i = 0; i < g->nkeys; i++)
        if (strcmp(g->keys[i], key) == 0) return 1;
    char **nk = realloc(g->keys, (g->nkeys + 1) * sizeof *g->keys);
    if (!nk) return 1;
    g->keys = nk;
    g->keys[g->nkeys++] = xstrdup(key);
    return 0;
}

/* A copy of base with v put at ptr (v NULL: removed; v borrowed). */
static cJSON *with_value(const cJSON *base, const char *ptr, const cJSON *v)
{
    cJSON *b = cJSON_Duplicate(base, 1), *parent = NULL;
    char tok[256];
    if (!b) return NULL;
    cJSON *old = ptr_get(b, ptr, &parent, tok, sizeof tok);
    if (!old || !parent) { cJSON_Delete(b); return NULL; }
    if (!v) {
        if (cJSON_IsArray(parent)) cJSON_DeleteItemFromArray(parent, atoi(tok));
        else cJSON_DeleteItemFromObjectCaseSensitive(parent, tok);
        return b;
    }
    cJSON *nv = cJSON_Duplicate(v, 1);
    if (!nv) { cJSON_Delete(b); return NULL; }
    if (cJSON_IsArray(parent)) cJSON_ReplaceItemInArray(parent, atoi(tok), nv);
    else cJSON_ReplaceItemInObjectCaseSensitive(parent, tok, nv);
    return b;
}

/* The contract's verdict on body (1 keeps it); *first gets the first
 * finding's pointer, id and schema location (file#pointer) when it does
 * not. */
static int oracle(gen *g, const cJSON *body, char *fptr, size_t fsize, char *fid, size_t idsize,
                  char *floc, size_t locsize)
{
    char *text = cJSON_PrintUnformatted(body);
    if (!text) return -1;
    int v = contract_check_text(g->c, g->body_schema, text, strlen(text), 0, g->rep, NULL);
    fptr[0] = fid[0] = floc[0] = '\0';
    if (v != 1 && contract_report_count(g->rep) > 0) {
        const contract_finding *f = contract_report_get(g->rep, 0);
        snprintf(fptr, fsize, "%s", f->pointer ? f->pointer : "");
        snprintf(fid, idsize, "%s", f->id ? f->id : "");
        const char *a = f->absolute_keyword_location ? f->absolute_keyword_location : "";
        if (strncmp(a, SCHEMA_URI_PREFIX, strlen(SCHEMA_URI_PREFIX)) == 0) a += strlen(SCHEMA_URI_PREFIX);
        snprintf(floc, locsize, "%s", a);
    }
    free(text);
    return v;
}

static void count_kind(gen *g, const char *kind)
{
    for (size_t i = 0; i < g->nkinds; i++)
        if (strcmp(g->kinds[i], kind) == 0) { g->kind_written[i]++; return; }
    if (g->nkinds < 64) { g->kinds[g->nkinds] = xstrdup(kind); g->kind_written[g->nkinds++] = 1; }
}

static void drop(gen *g, const cand *c, const char *fmt, const char *a, const char *b)
{
    g->dropped++;
    sb_printf(&g->drops, "%s %s %s: ", g->op, c->ptr, c->keyword);
    sb_printf(&g->drops, fmt, a, b);
    sb_puts(&g->drops, "\n");
}

/* A short label for a value in step names. */
static void label(const cJSON *v, int removed, char *out, size_t size)
{
    if (removed) { snprintf(out, size, "member removed"); return; }
    if (cJSON_IsString(v) && probe_codepoints(v->valuestring) > 40) {
        snprintf(out, size, "a string of %zu code points", probe_codepoints(v->valuestring));
        return;
    }
    if (cJSON_IsArray(v) && cJSON_GetArraySize(v) > 3) {
        snprintf(out, size, "an array of %d items", cJSON_GetArraySize(v));
        return;
    }
    char *t = cJSON_PrintUnformatted(v);
    if (t && strlen(t) <= 60) snprintf(out, size, "%s", t);
    else snprintf(out, size, "a %s", cJSON_IsObject(v) ? "object" : cJSON_IsArray(v) ? "array" : "value");
    free(t);
}

static void slug(const char *ptr, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = *ptr == '/' ? ptr + 1 : ptr; *p && n + 1 < size; p++) {
        char ch = *p;
        out[n++] = ch == '/' ? '.' : ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-') ? ch : '_';
    }
    out[n] = '\0';
}

static void replace_placeholder(strbuf *out, const char *text)
{
    const char *p = text, *q;
    while ((q = strstr(p, PLACEHOLDER))) {
        sb_append(out, p, (size_t)(q - p));
        sb_puts(out, "${uniqueId}");
        p = q + strlen(PLACEHOLDER);
    }
    sb_puts(out, p);
}

static cJSON *step(const char *name, int negative, const char *method, const char *path, const cJSON *body)
{
    cJSON *s = cJSON_CreateObject(), *req = cJSON_CreateObject();
    cJSON_AddStringToObject(s, "name", name);
    if (negative) cJSON_AddTrueToObject(s, "negative");
    cJSON_AddStringToObject(req, "method", method);
    cJSON_AddStringToObject(req, "path", path);
    cJSON_AddItemToObject(req, "body", cJSON_Duplicate(body, 1));
    cJSON_AddItemToObject(s, "request", req);
    return s;
}

static void expect_status(cJSON *s, int status)
{
    cJSON *e = cJSON_CreateObject();
    cJSON_AddNumberToObject(e, "status", status);
    cJSON_AddItemToObject(s, "expect", e);
}

static void expect_refusal(cJSON *s, const char *field)
{
    cJSON *e = cJSON_CreateObject(), *b = cJSON_CreateArray(), *a1 = cJSON_CreateObject(), *a2 = cJSON_CreateObject();
    cJSON_AddNumberToObject(e, "status", 400);
    cJSON_AddStringToObject(a1, "pointer", "/error/code");
    cJSON_AddStringToObject(a1, "equals", "VALIDATION_ERROR");
    cJSON_AddStringToObject(a2, "pointer", "/error/field");
    cJSON_AddStringToObject(a2, "equals", field);
    cJSON_AddItemToArray(b, a1);
    cJSON_AddItemToArray(b, a2);
    cJSON_AddItemToObject(e, "body", b);
    cJSON_AddItemToObject(s, "expect", e);
}

static int write_case(gen *g, const cand *c, cJSON *const *inside_bodies, const cJSON *outside_body,
                      const char *field, const char *floc, const char *fid)
{
    char sl[300], path[4096], dir[4096], name[256], lab[128];
    slug(c->ptr, sl, sizeof sl);
    snprintf(dir, sizeof dir, "%s/%s", g->o->out, g->op);
    snprintf(path, sizeof path, "%s/%s.%s%s%s.json", dir, sl, c->keyword, *c->suffix ? "." : "", c->suffix);
    if (mkdirs(dir) != 0) { fprintf(g->err, "campaign-probes: cannot create %s: %s\n", dir, strerror(errno)); return -1; }

    cJSON *doc = cJSON_CreateObject(), *tags = cJSON_CreateArray(), *steps = cJSON_CreateArray();
    char tag[32];
    snprintf(tag, sizeof tag, "probe-%s", g->op);
    cJSON_AddStringToObject(doc, "$schema", CASE_SCHEMA);
    snprintf(name, sizeof name, "probe %s %s: %s", g->op, c->ptr, c->what);
    cJSON_AddStringToObject(doc, "name", name);

    strbuf d = { 0 }, rows = { 0 };
    rows_for(g, floc, c->at == AT_GIVEN ? fid : NULL, c->at == AT_PARENT ? NULL : c->mloc, &rows);
    sb_printf(&d, "One value of examples/%s changed at %s (%s; the constraint is at %s). ", g->base_label,
              c->ptr, c->remove ? "the member removed" : "the value replaced", c->sloc);
    sb_printf(&d, "Inside: %s must be accepted (%d). Outside: must be refused with 400 VALIDATION_ERROR and "
                  "error.field %s (the first finding: %s at %s). ",
              c->ninside > 1 ? "each value" : "the value", strcmp(g->op, "create") == 0 ? 201 : 200,
              *field ? field : "\"\"", fid, *floc ? floc : "a contract rule");
    if (strcmp(g->op, "update") == 0) sb_puts(&d, "The campaign updated is a DRAFT the first step creates. ");
    sb_printf(&d, "Contract rows: %s.", rows.len ? rows.data : "none mapped");
    cJSON_AddStringToObject(doc, "description", d.data ? d.data : "");
    sb_free(&d);
    add_covers(doc, rows.len ? rows.data : "");
    sb_free(&rows);
    cJSON_AddItemToArray(tags, cJSON_CreateString("probe"));
    cJSON_AddItemToArray(tags, cJSON_CreateString(tag));
    cJSON_AddItemToObject(doc, "tags", tags);

    const char *path_op = "/campaigns";
    if (strcmp(g->op, "update") == 0) {
        cJSON *s = step("create the DRAFT campaign to update", 0, "POST", "/campaigns", g->create_base);
        cJSON *e = cJSON_CreateObject(), *b = cJSON_CreateArray(), *a = cJSON_CreateObject(), *cap = cJSON_CreateObject();
        cJSON_AddNumberToObject(e, "status", 201);
        cJSON_AddStringToObject(a, "pointer", "/campaign/status");
        cJSON_AddStringToObject(a, "equals", "DRAFT");
        cJSON_AddItemToArray(b, a);
        cJSON_AddItemToObject(e, "body", b);
        cJSON_AddItemToObject(s, "expect", e);
        cJSON_AddStringToObject(cap, "campaignId", "/campaign/campaignId");
        cJSON_AddItemToObject(s, "capture", cap);
        cJSON_AddItemToArray(steps, s);
        path_op = "/campaigns/${campaignId}";
    }
    const char *method = strcmp(g->op, "update") == 0 ? "PUT" : "POST";
    for (size_t i = 0; i < c->ninside; i++) {
        char sn[200];
        const cJSON *v = c->inside[i] ? c->inside[i] : ptr_get((cJSON *)g->base, c->ptr, NULL, NULL, 0);
        label(v, 0, lab, sizeof lab);
        snprintf(sn, sizeof sn, "inside: %s = %s%s", c->ptr, lab, c->inside[i] ? "" : " (the example's)");
        cJSON *s = step(sn, 0, method, path_op, inside_bodies[i]);
        expect_status(s, strcmp(g->op, "create") == 0 ? 201 : 200);
        cJSON_AddItemToArray(steps, s);
    }
    {
        char sn[200];
        label(c->outside, c->remove, lab, sizeof lab);
        snprintf(sn, sizeof sn, "outside: %s = %s", c->ptr, lab);
        cJSON *s = step(sn, 1, method, path_op, outside_body);
        expect_refusal(s, field);
        cJSON_AddItemToArray(steps, s);
    }
    cJSON_AddItemToObject(doc, "steps", steps);
    char *text = cJSON_Print(doc);
    cJSON_Delete(doc);
    if (!text) return -1;
    strbuf out = { 0 };
    replace_placeholder(&out, text);
    sb_puts(&out, "\n");
    free(text);
    FILE *f = fopen(path, "w");
    int rc = f && out.data && fwrite(out.data, 1, out.len, f) == out.len ? 0 : -1;
    if (f && fclose(f) != 0) rc = -1;
    if (rc != 0) fprintf(g->err, "campaign-probes: cannot write %s: %s\n", path, strerror(errno));
    sb_free(&out);
    return rc;
}

/* Confirm a candidate with the contract and write it, or drop it.  Takes
 * ownership of c's values. */
static void settle(gen *g, cand *c)
{
    char key[600];
    snprintf(key, sizeof key, "%s %s %s %s", g->op, c->ptr, c->keyword, c->suffix);
    if (seen_key(g, key)) { cand_free(c); return; }
    cJSON *ins[64] = { 0 }, *out = NULL;
    char fptr[512], fid[128], floc[512], expect[400];
    size_t kept = 0;
    int ok = 1;
    for (size_t i = 0; i < c->ninside; i++) {
        const cJSON *v = c->inside[i] ? c->inside[i] : ptr_get((cJSON *)g->base, c->ptr, NULL, NULL, 0);
        cJSON *b = with_value(g->base, c->ptr, v);
        int verdict = b ? oracle(g, b, fptr, sizeof fptr, fid, sizeof fid, floc, sizeof floc) : -1;
        if (verdict != 1) {
            char lab[128];
            label(v, 0, lab, sizeof lab);
            drop(g, c, "inside value %s is refused by the contract (%s)", lab, *fid ? fid : "no verdict");
            cJSON_Delete(b);
            ok = 0;
            break;
        }
        ins[kept++] = b;
    }
    if (ok) {
        out = with_value(g->base, c->ptr, c->remove ? NULL : c->outside);
        int verdict = out ? oracle(g, out, fptr, sizeof fptr, fid, sizeof fid, floc, sizeof floc) : -1;
        switch (c->at) {
        case AT_MEMBER: snprintf(expect, sizeof expect, "%s", c->ptr); break;
        case AT_PARENT: parent_ptr(c->ptr, expect, sizeof expect); break;
        case AT_GIVEN: snprintf(expect, sizeof expect, "%s", c->given); break;
        case AT_XERROR: snprintf(expect, sizeof expect, "%s", fptr); break;
        }
        if (verdict != 0) {
            drop(g, c, "outside value is %s by the contract%s", verdict == 1 ? "accepted" : "not decided", "");
            ok = 0;
        } else if (strcmp(fptr, expect) != 0) {
            char why[700];
            snprintf(why, sizeof why, "%s at \"%s\"", fid, fptr);
            drop(g, c, "outside's first finding is %s, not at \"%s\"", why, expect);
            ok = 0;
        } else if (c->at == AT_XERROR) {
            char par[400];
            parent_ptr(c->ptr, par, sizeof par);
            if (strcmp(fid, "x-error") != 0 || strncmp(fptr, par, strlen(par)) != 0) {
                drop(g, c, "outside's first finding is %s at \"%s\", not an x-error condition of the member's object",
                     fid, fptr);
                ok = 0;
            }
        } else if (c->at == AT_GIVEN && strcmp(fid, c->kind) != 0) {
            drop(g, c, "outside's first finding is %s, not %s", fid, c->kind);
            ok = 0;
        }
    }
    if (ok) {
        if (write_case(g, c, ins, out, expect, floc, fid) == 0) {
            g->written++;
            count_kind(g, c->kind);
        } else {
            g->failed = 1;
        }
    }
    for (size_t i = 0; i < kept; i++) cJSON_Delete(ins[i]);
    cJSON_Delete(out);
    cand_free(c);
}

static void cand_init(cand *c, const char *kind, const char *ptr, const char *keyword, const sref *where,
                      const char *mloc)
{
    memset(c, 0, sizeof *c);
    c->kind = kind;
    snprintf(c->ptr, sizeof c->ptr, "%s", ptr);
    snprintf(c->keyword, sizeof c->keyword, "%s", keyword);
    if (where) loc_of(where, keyword, c->sloc, sizeof c->sloc);
    snprintf(c->mloc, sizeof c->mloc, "%s", mloc ? mloc : "");
    c->at = AT_MEMBER;
}

/* ---- the walk ----------------------------------------------------------- */

/* Members that name a record of the server (an advertiser, a storefront,
 * a discovery session): a value at a bound names no record, so a server
 * rightly refuses it with 404 whatever the bound.  Their inside request
 * keeps the example's value; the outside one still crosses the bound. */
static int names_record(const char *ptr)
{
    static const char *const refs[] = { "/advertiserId", "/storefrontIds/", "/discoveryId", "/productIds/" };
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
        size_t n = strlen(refs[i]);
        if (refs[i][n - 1] == '/' ? strncmp(ptr, refs[i], n) == 0 : strcmp(ptr, refs[i]) == 0) return 1;
    }
    return 0;
}

/* A value probe's inside values: the derived one, or the example's for a
 * member naming a record. */
static void set_inside(cand *c, cJSON *v)
{
    if (names_record(c->ptr)) {
        cJSON_Delete(v);
        v = NULL;
        size_t n = strlen(c->what);
        snprintf(c->what + n, sizeof c->what - n, " (inside keeps the example's id)");
    }
    c->inside[c->ninside++] = v;
}

static const char *json_type(const cJSON *v)
{
    if (cJSON_IsString(v)) return "string";
    if (cJSON_IsNumber(v)) return v->valuedouble == floor(v->valuedouble) ? "integer" : "number";
    if (cJSON_IsBool(v)) return "boolean";
    if (cJSON_IsArray(v)) return "array";
    if (cJSON_IsObject(v)) return "object";
    return "null";
}

static int type_allows(const cJSON *type, const char *t)
{
    if (cJSON_IsString(type))
        return strcmp(type->valuestring, t) == 0 || (strcmp(type->valuestring, "number") == 0 && strcmp(t, "integer") == 0);
    const cJSON *e;
    cJSON_ArrayForEach(e, type)
        if (cJSON_IsString(e) && type_allows(e, t)) return 1;
    return 0;
}

static void probe_type(gen *g, const sref *chain, size_t n, const cJSON *v, const char *ptr, const char *mloc)
{
    const sref *w = NULL;
    const cJSON *type = chain_kw(chain, n, "type", &w);
    if (!type) return;
    /* a value of another type: a string for anything but strings, else a number */
    static const char *const tries[] = { "\"1\"", "1", "true", "[]", "{}" };
    for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
        cJSON *o = cJSON_Parse(tries[i]);
        if (!o) return;
        if (type_allows(type, json_type(o)) || strcmp(json_type(o), json_type(v)) == 0) { cJSON_Delete(o); continue; }
        cand c;
        cand_init(&c, "type", ptr, "type", w, mloc);
        snprintf(c.what, sizeof c.what, "type %s: another type outside",
                 cJSON_IsString(type) ? type->valuestring : "(list)");
        c.inside[c.ninside++] = NULL;
        c.outside = o;
        settle(g, &c);
        return;
    }
}

/* What a string is padded with to reach a length: a two-byte code point
 * (so that a server counting bytes is caught), unless the contract
 * refuses it there (a pattern), then the value's own last character,
 * then "a". */
static const char *length_pad(gen *g, const char *ptr, const char *base, size_t n)
{
    static char last[8];
    const char *pads[3] = { PAD, NULL, "a" };
    size_t len = strlen(base), k = len;
    while (k > 0 && ((unsigned char)base[k - 1] & 0xC0) == 0x80) k--;
    if (k > 0 && len - (k - 1) < sizeof last) {
        memcpy(last, base + k - 1, len - (k - 1));
        last[len - (k - 1)] = '\0';
        pads[1] = last;
    }
    for (int i = 0; i < 3; i++) {
        if (!pads[i]) continue;
        char *v = probe_string_of(base, n, pads[i]);
        cJSON *o = cJSON_CreateString(v ? v : "");
        cJSON *b = with_value(g->base, ptr, o);
        char fp[512], fid[128], fl[512];
        int ok = b && oracle(g, b, fp, sizeof fp, fid, sizeof fid, fl, sizeof fl) == 1;
        free(v);
        cJSON_Delete(o);
        cJSON_Delete(b);
        if (ok) return pads[i];
    }
    return PAD;
}

static void probe_string(gen *g, const sref *chain, size_t n, const cJSON *v, const char *ptr, const char *mloc)
{
    const sref *w = NULL;
    const cJSON *k;
    const char *base = v->valuestring;
    if ((k = chain_kw(chain, n, "maxLength", &w)) && cJSON_IsNumber(k)) {
        size_t max = (size_t)k->valuedouble;
        cand c;
        cand_init(&c, "maxLength", ptr, "maxLength", w, mloc);
        snprintf(c.what, sizeof c.what, "maxLength %zu: %zu code point%s inside, %zu outside", max, max, max == 1 ? "" : "s", max + 1);
        const char *pad = length_pad(g, ptr, base, max);
        char *in = probe_string_of(base, max, pad), *out = probe_string_of(base, max + 1, pad);
        set_inside(&c, cJSON_CreateString(in ? in : ""));
        c.outside = cJSON_CreateString(out ? out : "");
        free(in); free(out);
        settle(g, &c);
    }
    if ((k = chain_kw(chain, n, "minLength", &w)) && cJSON_IsNumber(k) && k->valuedouble >= 1) {
        size_t min = (size_t)k->valuedouble;
        cand c;
        cand_init(&c, "minLength", ptr, "minLength", w, mloc);
        snprintf(c.what, sizeof c.what, "minLength %zu: %zu code point%s inside, %zu outside", min, min, min == 1 ? "" : "s", min - 1);
        const char *pad = length_pad(g, ptr, base, min);
        char *in = probe_string_of(base, min, pad), *out = probe_string_of(base, min - 1, pad);
        set_inside(&c, cJSON_CreateString(in ? in : ""));
        c.outside = cJSON_CreateString(out ? out : "");
        free(in); free(out);
        settle(g, &c);
    }
    const cJSON *fmt = chain_kw(chain, n, "format", &w);
    if (cJSON_IsString(fmt)) {
        char *miss = probe_format_miss(fmt->valuestring, base);
        if (miss) {
            cand c;
            cand_init(&c, "format", ptr, "format", w, mloc);
            snprintf(c.what, sizeof c.what, "format %s: the example's value inside, \"%s\" outside",
                     fmt->valuestring, miss);
            c.inside[c.ninside++] = NULL;
            c.outside = cJSON_CreateString(miss);
            free(miss);
            settle(g, &c);
        }
    }
    const cJSON *pat = chain_kw(chain, n, "pattern", &w);
    if (cJSON_IsString(pat)) {
        /* the first near miss the contract refuses at this member */
        char *m[5];
        size_t nm = probe_near_misses(base, m);
        int done = 0;
        for (size_t i = 0; i < nm; i++) {
            if (!done) {
                cJSON *o = cJSON_CreateString(m[i]);
                cJSON *b = with_value(g->base, ptr, o);
                char fp[512], fid[128], fl[512];
                if (b && oracle(g, b, fp, sizeof fp, fid, sizeof fid, fl, sizeof fl) == 0 &&
                    strcmp(fp, ptr) == 0 && strcmp(fid, "pattern") == 0) {
                    cand c;
                    cand_init(&c, "pattern", ptr, "pattern", w, mloc);
                    snprintf(c.what, sizeof c.what, "pattern: the example's value inside, a near miss outside");
                    c.inside[c.ninside++] = NULL;
                    c.outside = o;
                    o = NULL;
                    settle(g, &c);
                    done = 1;
                }
                cJSON_Delete(b);
                cJSON_Delete(o);
            }
            free(m[i]);
        }
        if (!done) {
            g->dropped++;
            sb_printf(&g->drops, "%s %s pattern: no near miss of the example's value is refused at the member\n",
                      g->op, ptr);
        }
    }
}

static void probe_number(gen *g, const sref *chain, size_t n, const cJSON *v, const char *ptr, const char *mloc)
{
    static const char *const kws[] = { "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" };
    const cJSON *type = chain_kw(chain, n, "type", NULL);
    int integer = type && type_allows(type, "integer") && !type_allows(type, "number");
    if (type && cJSON_IsString(type) && strcmp(type->valuestring, "integer") == 0) integer = 1;
    if (!type && v->valuedouble == floor(v->valuedouble)) integer = 1;
    for (size_t i = 0; i < 4; i++) {
        const sref *w = NULL;
        const cJSON *k = chain_kw(chain, n, kws[i], &w);
        if (!cJSON_IsNumber(k)) continue;
        if (chain_kw(chain, n, "multipleOf", NULL)) {
            g->dropped++;
            sb_printf(&g->drops, "%s %s %s: multipleOf is not derived\n", g->op, ptr, kws[i]);
            continue;
        }
        enum probe_num_kw kw;
        char *in, *out;
        if (probe_number_kw(kws[i], &kw) != 0 || probe_number_pair(kw, k->valuedouble, integer, &in, &out) != 0) continue;
        cand c;
        cand_init(&c, kws[i], ptr, kws[i], w, mloc);
        char *bt = probe_number_text(k->valuedouble);
        snprintf(c.what, sizeof c.what, "%s %s: %s inside, %s outside", kws[i], bt ? bt : "?", in, out);
        free(bt);
        set_inside(&c, cJSON_CreateRaw(in));
        c.outside = cJSON_CreateRaw(out);
        free(in); free(out);
        settle(g, &c);
    }
}

static void probe_enum(gen *g, const sref *chain, size_t n, const cJSON *v, const char *ptr, const char *mloc)
{
    const sref *w = NULL;
    const cJSON *en = chain_kw(chain, n, "enum", &w);
    if (!cJSON_IsArray(en) || !cJSON_IsString(v)) return;
    /* inside: every value the contract accepts here; a value the enum
     * allows but a condition of the member's object refuses (an x-error)
     * is a probe of its own */
    cand c;
    cand_init(&c, "enum", ptr, "enum", w, mloc);
    const cJSON *e;
    cJSON_ArrayForEach(e, en) {
        cJSON *b = with_value(g->base, ptr, e);
        char fp[512], fid[128], fl[512];
        int verdict = b ? oracle(g, b, fp, sizeof fp, fid, sizeof fid, fl, sizeof fl) : -1;
        cJSON_Delete(b);
        if (verdict == 1) {
            if (c.ninside < 64) c.inside[c.ninside++] = cJSON_Duplicate(e, 1);
        } else if (cJSON_IsString(e)) {
            cand x;
            cand_init(&x, "x-error", ptr, "x-error", w, mloc);
            snprintf(x.sloc, sizeof x.sloc, "%s", fl);
            snprintf(x.suffix, sizeof x.suffix, "%s", e->valuestring);
            snprintf(x.what, sizeof x.what, "\"%s\" is in the enum but a condition refuses it here", e->valuestring);
            x.inside[x.ninside++] = NULL;
            x.outside = cJSON_Duplicate(e, 1);
            x.at = AT_XERROR;
            settle(g, &x);
        }
    }
    char *m[5];
    size_t nm = probe_near_misses(v->valuestring, m);
    for (size_t i = 0; i < nm; i++) {
        int in_enum = 0;
        cJSON_ArrayForEach(e, en) in_enum |= cJSON_IsString(e) && strcmp(e->valuestring, m[i]) == 0;
        if (!c.outside && !in_enum) c.outside = cJSON_CreateString(m[i]);
        free(m[i]);
    }
    snprintf(c.what, sizeof c.what, "enum: %zu allowed value%s inside, a near miss outside", c.ninside,
             c.ninside == 1 ? "" : "s");
    if (c.ninside == 0 || !c.outside) { cand_free(&c); return; }
    settle(g, &c);
}

static void probe_array(gen *g, const sref *chain, size_t n, const cJSON *v, const char *ptr, const char *mloc)
{
    const sref *w = NULL;
    const cJSON *k;
    int have = cJSON_GetArraySize(v);
    if (have == 0) return;
    const cJSON *last = cJSON_GetArrayItem(v, have - 1);
    for (int which = 0; which < 2; which++) {
        const char *kw = which ? "minItems" : "maxItems";
        if (!((k = chain_kw(chain, n, kw, &w)) && cJSON_IsNumber(k))) continue;
        int bound = (int)k->valuedouble;
        int in_n = bound, out_n = which ? bound - 1 : bound + 1;
        if (out_n < 0 || bound > 1000) continue;
        cand c;
        cand_init(&c, kw, ptr, kw, w, mloc);
        snprintf(c.what, sizeof c.what, "%s %d: %d item%s inside, %d outside", kw, bound, in_n, in_n == 1 ? "" : "s", out_n);
        /* the example's items, the last one repeated to fill */
        cJSON *arr[2] = { cJSON_CreateArray(), cJSON_CreateArray() };
        int counts[2] = { in_n, out_n };
        for (int a = 0; a < 2; a++)
            for (int i = 0; i < counts[a]; i++)
                cJSON_AddItemToArray(arr[a], cJSON_Duplicate(i < have ? cJSON_GetArrayItem(v, i) : last, 1));
        c.inside[c.ninside++] = arr[0];
        c.outside = arr[1];
        settle(g, &c);
    }
}

/* Two objects with the same member names. */
static int same_members(const cJSON *a, const cJSON *b)
{
    if (!cJSON_IsObject(a) || !cJSON_IsObject(b) || cJSON_GetArraySize(a) != cJSON_GetArraySize(b)) return 0;
    const cJSON *m;
    cJSON_ArrayForEach(m, a)
        if (!cJSON_GetObjectItemCaseSensitive(b, m->string)) return 0;
    return 1;
}

static void walk(gen *g, const sref *start, size_t nstart, const cJSON *v, const char *ptr, int depth)
{
    sref chain[MAX_CHAIN];
    size_t n = 0;
    if (depth > 24) return;
    for (size_t i = 0; i < nstart; i++) collect(g, chain, &n, &start[i], v, 0);
    char mloc[512] = "";
    if (nstart) loc_of(&start[0], NULL, mloc, sizeof mloc);
    if (*ptr) {
        probe_type(g, chain, n, v, ptr, mloc);
        if (cJSON_IsString(v)) probe_string(g, chain, n, v, ptr, mloc);
        if (cJSON_IsNumber(v)) probe_number(g, chain, n, v, ptr, mloc);
        probe_enum(g, chain, n, v, ptr, mloc);
        if (cJSON_IsArray(v)) probe_array(g, chain, n, v, ptr, mloc);
    }
    if (cJSON_IsObject(v)) {
        const cJSON *m;
        cJSON_ArrayForEach(m, v) {
            char cp[400];
            snprintf(cp, sizeof cp, "%s", ptr);
            ptr_append(cp, sizeof cp, m->string);
            /* required */
            for (size_t i = 0; i < n; i++) {
                const cJSON *req = cJSON_GetObjectItemCaseSensitive(chain[i].s, "required"), *r;
                int listed = 0;
                cJSON_ArrayForEach(r, req) listed |= cJSON_IsString(r) && strcmp(r->valuestring, m->string) == 0;
                if (!listed) continue;
                cand c;
                cand_init(&c, "required", cp, "required", &chain[i], NULL);
                snprintf(c.what, sizeof c.what, "required: present inside, removed outside");
                c.inside[c.ninside++] = NULL;
                c.remove = 1;
                c.at = AT_PARENT;
                settle(g, &c);
                break;
            }
            sref sub[MAX_CHAIN];
            size_t ns = 0;
            for (size_t i = 0; i < n && ns < MAX_CHAIN; i++) {
                const cJSON *props = cJSON_GetObjectItemCaseSensitive(chain[i].s, "properties");
                const cJSON *p = cJSON_GetObjectItemCaseSensitive(props, m->string);
                if (!cJSON_IsObject(p)) continue;
                sub[ns].s = p;
                sub[ns].file = chain[i].file;
                snprintf(sub[ns].loc, sizeof sub[ns].loc, "%s", chain[i].loc);
                ptr_append(sub[ns].loc, sizeof sub[ns].loc, "properties");
                ptr_append(sub[ns].loc, sizeof sub[ns].loc, m->string);
                ns++;
            }
            if (ns) walk(g, sub, ns, m, cp, depth + 1);
        }
    } else if (cJSON_IsArray(v) && cJSON_GetArraySize(v) > 0) {
        sref sub[MAX_CHAIN];
        size_t ns = 0;
        for (size_t i = 0; i < n && ns < MAX_CHAIN; i++) {
            const cJSON *it = cJSON_GetObjectItemCaseSensitive(chain[i].s, "items");
            if (!cJSON_IsObject(it)) continue;
            sub[ns].s = it;
            sub[ns].file = chain[i].file;
            snprintf(sub[ns].loc, sizeof sub[ns].loc, "%s", chain[i].loc);
            ptr_append(sub[ns].loc, sizeof sub[ns].loc, "items");
            ns++;
        }
        /* the first item, and each later object item whose member names
         * differ from every earlier one walked (another kind of goal) */
        int i = 0;
        const cJSON *it;
        cJSON_ArrayForEach(it, v) {
            int walked = i == 0 ? 0 : 1;
            if (i > 0 && cJSON_IsObject(it)) {
                walked = 0;
                for (int j = 0; j < i && !walked; j++) walked = same_members(cJSON_GetArrayItem(v, j), it);
            }
            if (!walked && ns) {
                char cp[400];
                snprintf(cp, sizeof cp, "%s", ptr);
                ptr_append_index(cp, sizeof cp, (size_t)i);
                walk(g, sub, ns, it, cp, depth + 1);
            }
            i++;
        }
    }
}

/* ---- the rules ---------------------------------------------------------- */

/* Per rule, the one change that crosses it: which base, where, a value
 * just inside (NULL: the example's own, already at the bound) and one
 * just outside (NULL: the member removed), and where the rule reports. */
typedef struct {
    const char *rule;
    const char *base;      /* "full", "minimal" or "budget" */
    const char *ptr;
    const char *inside, *outside;
    const char *at;
    const char *what;
} rule_probe;

static const rule_probe rule_probes[] = {
    { "CR-FLIGHT-ORDER", "minimal", "/flightDates/endDate", "\"2025-01-15T00:00:01Z\"", "\"2025-01-15T00:00:00Z\"",
      "/flightDates/endDate", "endDate one second after startDate inside, equal to it outside" },
    { "CR-PACING-PERIOD-ORDER", "full", "/pacingPeriods/periods/0/end", "\"2026-05-01\"", "\"2026-04-30\"",
      "/pacingPeriods/periods/0/end", "a one-day period (end = start) inside, end the day before start outside" },
    { "CR-PACING-IN-FLIGHT", "full", "/pacingPeriods/periods/0/start", NULL, "\"2026-04-30\"",
      "/pacingPeriods/periods/0/start", "start on the flight's first day inside, the day before outside" },
    { "CR-PACING-IN-FLIGHT", "full", "/pacingPeriods/periods/1/end", NULL, "\"2026-07-01\"",
      "/pacingPeriods/periods/1/end", "end on the flight's last day inside, the day after outside" },
    { "CR-PACING-NO-OVERLAP", "full", "/pacingPeriods/periods/1/start", NULL, "\"2026-05-31\"",
      "/pacingPeriods/periods/1", "start the day after the previous period ends inside, on that day outside" },
    { "CR-PACING-BUDGET-SUM", "budget", "/budget/total", "53999.99", "53999.989",
      "/pacingPeriods/periods", "total 0.01 under the periods' sum (54000) inside, 0.011 under outside" },
    { "CR-PRODUCTS-NEED-DISCOVERY", "full", "/discoveryId", NULL, NULL, "/productIds",
      "discoveryId present inside, removed outside (productIds stays)" },
};

static void probe_rules(gen *g, const cJSON *bases[3], const cJSON *create_bases[3], const char *labels[3])
{
    static const char *const names[3] = { "full", "minimal", "budget" };
    const cJSON *save_base = g->base, *save_create = g->create_base;
    const char *save_label = g->base_label;
    for (size_t i = 0; i < sizeof rule_probes / sizeof rule_probes[0]; i++) {
        const rule_probe *r = &rule_probes[i];
        if (strcmp(r->rule, "CR-PRODUCTS-NEED-DISCOVERY") == 0 && strcmp(g->op, "create") != 0) continue;
        int b = 0;
        while (b < 3 && strcmp(names[b], r->base) != 0) b++;
        if (b == 3 || !bases[b]) continue;
        g->base = bases[b];
        g->create_base = create_bases[b];
        g->base_label = labels[b];
        cand c;
        cand_init(&c, r->rule, r->ptr, r->rule, NULL, NULL);
        snprintf(c.sloc, sizeof c.sloc, "rule %s (docs/rules.md)", r->rule);
        snprintf(c.what, sizeof c.what, "%s: %s", r->rule, r->what);
        c.inside[c.ninside++] = r->inside ? cJSON_Parse(r->inside) : NULL;
        if (r->outside) c.outside = cJSON_Parse(r->outside);
        else c.remove = 1;
        c.at = AT_GIVEN;
        snprintf(c.given, sizeof c.given, "%s", r->at);
        if (!ptr_get((cJSON *)g->base, r->ptr, NULL, NULL, 0)) {
            drop(g, &c, "the example has no member here%s%s", "", "");
            cand_free(&c);
            continue;
        }
        settle(g, &c);
    }
    g->base = save_base;
    g->create_base = save_create;
    g->base_label = save_label;
}

/* ---- the bodies --------------------------------------------------------- */

static cJSON *example(gen *g, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", g->examples_dir, name);
    cJSON *j = read_json(g, path);
    if (!j) { g->failed = 1; return NULL; }
    cJSON_ReplaceItemInObjectCaseSensitive(j, "name", cJSON_CreateString(BASE_NAME));
    return j;
}

/* The update body: the members of a create body the update schema
 * declares. */
static cJSON *update_of(gen *g, const cJSON *create)
{
    const cJSON *us = schema_doc(g, "campaign-update-request.json");
    const cJSON *props = cJSON_GetObjectItemCaseSensitive(us, "properties"), *m;
    if (!create || !props) return NULL;
    cJSON *u = cJSON_CreateObject();
    cJSON_ArrayForEach(m, create)
        if (cJSON_GetObjectItemCaseSensitive(props, m->string))
            cJSON_AddItemToObject(u, m->string, cJSON_Duplicate(m, 1));
    return u;
}

static void probe_body(gen *g, const char *op, const char *schema_file)
{
    g->op = op;
    sref root = { schema_doc(g, schema_file), NULL, "" };
    for (size_t i = 0; i < g->nfiles; i++)
        if (strcmp(g->files[i].name, schema_file) == 0) root.file = g->files[i].name;
    if (!root.s || !root.file) { g->failed = 1; return; }
    /* the base itself must keep the contract */
    char fp[512], fid[128], fl[512];
    if (oracle(g, g->base, fp, sizeof fp, fid, sizeof fid, fl, sizeof fl) != 1) {
        fprintf(g->err, "campaign-probes: the %s base (examples/%s) does not keep %s: %s at \"%s\"\n", op,
                g->base_label, g->body_schema, fid, fp);
        g->failed = 1;
        return;
    }
    walk(g, &root, 1, g->base, "", 0);
}

int probe_generate(const probe_opts *o, FILE *out, FILE *err)
{
    gen g;
    memset(&g, 0, sizeof g);
    g.o = o;
    g.err = err;
    g.schema_dir = o->schemas ? o->schemas : contract_default_schema_dir();
    char buf[4096];
    if (o->examples) g.examples_dir = xstrdup(o->examples);
    else { snprintf(buf, sizeof buf, "%s/../examples", g.schema_dir); g.examples_dir = xstrdup(buf); }
    if (o->contract) load_rows(&g, o->contract);
    else { snprintf(buf, sizeof buf, "%s/../docs/contract.md", g.schema_dir); load_rows(&g, buf); }

    jsv_error jerr;
    g.c = contract_load(g.schema_dir, NULL, &jerr);
    g.rep = contract_report_new();
    int rc = 0;
    if (!g.c || !g.rep) {
        fprintf(err, "campaign-probes: cannot load the contract from %s\n", g.schema_dir);
        rc = 2;
        goto done;
    }
    if (mkdirs(o->out) != 0) {
        fprintf(err, "campaign-probes: cannot create %s: %s\n", o->out, strerror(errno));
        rc = 2;
        goto done;
    }

    cJSON *full = example(&g, "campaign-create-request.full.json");
    cJSON *minimal = example(&g, "campaign-create-request.json");
    cJSON *budget = example(&g, "campaign-create-request.routed-budget-pacing.json");
    if (!full || !minimal || !budget) { cJSON_Delete(full); cJSON_Delete(minimal); cJSON_Delete(budget); rc = 2; goto done; }
    cJSON *ufull = update_of(&g, full), *umin = update_of(&g, minimal), *ubud = update_of(&g, budget);
    const char *labels[3] = { "campaign-create-request.full.json", "campaign-create-request.json",
                              "campaign-create-request.routed-budget-pacing.json" };
    const char *ulabels[3] = { "campaign-create-request.full.json (its update members)",
                               "campaign-create-request.json (its update members)",
                               "campaign-create-request.routed-budget-pacing.json (its update members)" };

    g.body_schema = "campaign-create-request";
    g.base = full;
    g.base_label = labels[0];
    g.create_base = NULL;
    probe_body(&g, "create", "campaign-create-request.json");
    {
        const cJSON *b[3] = { full, minimal, budget }, *cb[3] = { NULL, NULL, NULL };
        probe_rules(&g, b, cb, labels);
    }
    g.body_schema = "campaign-update-request";
    g.base = ufull;
    g.base_label = ulabels[0];
    g.create_base = full;
    probe_body(&g, "update", "campaign-update-request.json");
    {
        const cJSON *b[3] = { ufull, umin, ubud }, *cb[3] = { full, minimal, budget };
        probe_rules(&g, b, cb, ulabels);
    }

    /* the summary */
    strbuf s = { 0 };
    sb_printf(&s, "campaign-probes: %zu probes written, %zu candidates dropped\n", g.written, g.dropped);
    sb_puts(&s, "written, by kind:\n");
    for (size_t i = 0; i < g.nkinds; i++) sb_printf(&s, "  %-28s %zu\n", g.kinds[i], g.kind_written[i]);
    sb_puts(&s, "dropped (the contract disagreed with the derived pair, so no case was written):\n");
    if (g.drops.data) sb_puts(&s, g.drops.data);
    snprintf(buf, sizeof buf, "%s/summary.txt", o->out);
    FILE *f = fopen(buf, "w");
    if (!f || fwrite(s.data, 1, s.len, f) != s.len) { fprintf(err, "campaign-probes: cannot write %s\n", buf); rc = 2; }
    if (f && fclose(f) != 0) rc = 2;
    if (!o->quiet) fwrite(s.data, 1, s.len, out);
    sb_free(&s);
    cJSON_Delete(full); cJSON_Delete(minimal); cJSON_Delete(budget);
    cJSON_Delete(ufull); cJSON_Delete(umin); cJSON_Delete(ubud);
    if (g.failed) rc = 2;
done:
    contract_report_free(g.rep);
    contract_free(g.c);
    for (size_t i = 0; i < g.nfiles; i++) { free(g.files[i].name); cJSON_Delete(g.files[i].doc); }
    for (size_t i = 0; i < g.nrows; i++) {
        for (size_t j = 0; j < g.rows[i].nlocs; j++) free(g.rows[i].locs[j]);
        free(g.rows[i].locs);
        free(g.rows[i].enforced);
    }
    free(g.rows);
    for (size_t i = 0; i < g.nkeys; i++) free(g.keys[i]);
    free(g.keys);
    for (size_t i = 0; i < g.nkinds; i++) free(g.kinds[i]);
    sb_free(&g.drops);
    free(g.examples_dir);
    return rc;
}
