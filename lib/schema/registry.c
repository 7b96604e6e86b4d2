/* registry.c - schema documents indexed by absolute URI.
 *
 * Loading walks each document once, following only keywords whose values
 * are schemas, to record every resource ($id), anchor ($anchor,
 * $dynamicAnchor) and, for every schema object, its base URI and JSON
 * Pointer.  Lookups by URI then need no further parsing; JSON Pointer
 * fragments are walked on demand (compile time only). */
#include "dir.h"
#include "engine.h"
#include "json_pointer.h"
#include "uri.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JT(x) ((x)->type & 0xFF)

/* Does the tree under root hold parsed node n?  A value's descendants
 * start after it and before its next sibling, so the search follows one
 * branch down by byte offsets instead of visiting the whole tree. */
static int tree_holds(const cJSON *root, const json_node *n)
{
    for (const cJSON *at = root; at;) {
        if (at == &n->item) return 1;
        const cJSON *down = NULL;
        for (const cJSON *c = at->child; c; c = c->next) {
            const json_node *ci = json_node_info(c);
            if (!ci || ci->offset > n->offset) break;
            down = c;
        }
        at = down;
    }
    return 0;
}

/* The document of reg (or of a registry under it) whose tree holds n;
 * NULL for a node no document of theirs holds. */
static const reg_doc *doc_holding(const jsv_registry *reg, const json_node *n)
{
    for (; reg; reg = reg->parent)
        for (const reg_doc *d = reg->docs; d; d = d->next)
            if (tree_holds(d->doc->root, n)) return d;
    return NULL;
}

void engine_error(jsv_error *err, const jsv_registry *reg, const char *uri, const char *pointer,
                  const cJSON *node, const char *fmt, va_list ap)
{
    if (!err) return;
    memset(err, 0, sizeof *err);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    if (uri) snprintf(err->uri, sizeof err->uri, "%s", uri);
    if (pointer) snprintf(err->pointer, sizeof err->pointer, "%s", pointer);
    const json_node *ni = json_node_info(node);
    const reg_doc *d = ni ? doc_holding(reg, ni) : NULL;
    if (d) {
        json_text_pos at = JSON_TEXT_START;
        json_text_position(d->text, d->len, ni->offset, &at);
        err->line = at.line;
        err->col = at.col;
    }
}

static void set_err(jsv_error *err, const jsv_registry *reg, const char *uri, const char *pointer,
                    const cJSON *node, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    engine_error(err, reg, uri, pointer, node, fmt, ap);
    va_end(ap);
}

jsv_registry *jsv_registry_new(void)
{
    jsv_registry *reg = calloc(1, sizeof *reg);
    if (!reg) return NULL;
    reg->mem = arena_new(0);
    if (!reg->mem) { free(reg); return NULL; }
    return reg;
}

jsv_registry *jsv_registry_new_overlay(const jsv_registry *parent)
{
    jsv_registry *reg = jsv_registry_new();
    if (reg) reg->parent = parent;
    return reg;
}

void jsv_registry_free(jsv_registry *reg)
{
    if (!reg) return;
    for (reg_doc *d = reg->docs, *n; d; d = n) {
        n = d->next;
        json_doc_free(d->doc);
        free(d->text);
        free(d);
    }
    strmap_free(&reg->targets);
    ptrmap_free(&reg->locs);
    arena_free(reg->mem);
    free(reg);
}

static char *reg_strdup(jsv_registry *reg, const char *s)
{
    return arena_strndup(reg->mem, s, strlen(s));
}

/* Keywords whose value is one schema, an array of schemas, or an object
 * whose member values are schemas. */
static const char *const kw_single[] = {
    "additionalProperties", "propertyNames", "not", "if", "then", "else", "contains",
    "unevaluatedItems", "unevaluatedProperties", "contentSchema", "items", "additionalItems", NULL
};
static const char *const kw_array[] = { "allOf", "anyOf", "oneOf", "prefixItems", "items", NULL };
static const char *const kw_object[] = {
    "$defs", "definitions", "properties", "patternProperties", "dependentSchemas", NULL
};

/* Is member m named one of the keywords in list (whole names)? */
static int in_list(const char *const *list, const cJSON *m)
{
    for (; *list; list++) if (json_key_is(m, *list)) return 1;
    return 0;
}

static int put_target(jsv_registry *reg, const char *uri, const cJSON *node, int dynamic,
                      const reg_doc *doc, jsv_error *err)
{
    reg_target *t = strmap_get(&reg->targets, uri);
    if (t) {
        if (t->node == node) { if (dynamic) t->dynamic = 1; return 0; }
        set_err(err, reg, uri, NULL, node, "schema URI %s is defined twice", uri);
        (void)doc;
        return -1;
    }
    t = arena_alloc(reg->mem, sizeof *t);
    char *key = reg_strdup(reg, uri);
    if (!t || !key) { set_err(err, reg, uri, NULL, NULL, "out of memory"); return -1; }
    t->node = node;
    t->dynamic = dynamic;
    if (strmap_put(&reg->targets, key, t)) { set_err(err, reg, uri, NULL, NULL, "out of memory"); return -1; }
    return 0;
}

static int walk(jsv_registry *reg, const reg_doc *doc, const cJSON *node, const char *base,
                const char *pointer, unsigned depth, jsv_error *err)
{
    if (depth > 2000) {
        set_err(err, reg, base, pointer, node, "schema nested too deeply");
        return -1;
    }
    if (JT(node) != cJSON_Object && !cJSON_IsBool(node)) return 0;
    if (JT(node) == cJSON_Object) {
        const cJSON *id = json_member(node, "$id");
        /* an $id with a non-empty fragment is not an identifier in 2020-12
         * (older drafts used "#name" as an anchor); it is ignored */
        const char *hash = id && cJSON_IsString(id) ? strchr(id->valuestring, '#') : NULL;
        if (id && cJSON_IsString(id) && !(hash && hash[1])) {
            char *abs = uri_resolve(base, id->valuestring);
            char *nofrag = abs ? uri_strip_fragment(abs) : NULL;
            free(abs);
            if (!nofrag) { set_err(err, reg, base, pointer, NULL, "out of memory"); return -1; }
            base = reg_strdup(reg, nofrag);
            free(nofrag);
            pointer = "";
            if (!base || put_target(reg, base, node, 0, doc, err)) return -1;
        }
        const char *anchor_kw[2] = { "$anchor", "$dynamicAnchor" };
        for (int k = 0; k < 2; k++) {
            const cJSON *a = json_member(node, anchor_kw[k]);
            if (!a) continue;
            if (!cJSON_IsString(a)) {
                set_err(err, reg, base, pointer, a, "%s must be a string", anchor_kw[k]);
                return -1;
            }
            size_t n = strlen(base) + strlen(a->valuestring) + 2;
            char *u = malloc(n);
            if (!u) return -1;
            snprintf(u, n, "%s#%s", base, a->valuestring);
            int rc = put_target(reg, u, node, k == 1, doc, err);
            free(u);
            if (rc) return -1;
        }
    }
    reg_loc *loc = arena_alloc(reg->mem, sizeof *loc);
    if (!loc) return -1;
    loc->base = base;
    loc->pointer = pointer;
    if (!ptrmap_get(&reg->locs, node) && ptrmap_put(&reg->locs, node, loc)) return -1;
    if (JT(node) != cJSON_Object) return 0;

    for (const cJSON *m = node->child; m; m = m->next) {
        const char *p = jp_append_n(reg->mem, pointer, m->string, json_key_len(m));
        if (!p) return -1;
        if (JT(m) == cJSON_Array && in_list(kw_array, m)) {
            int i = 0;
            for (const cJSON *e = m->child; e; e = e->next, i++)
                if (walk(reg, doc, e, base, jp_append_index(reg->mem, p, (size_t)i), depth + 1, err)) return -1;
        } else if (in_list(kw_single, m)) {
            if (walk(reg, doc, m, base, p, depth + 1, err)) return -1;
        } else if (JT(m) == cJSON_Object && in_list(kw_object, m)) {
            for (const cJSON *e = m->child; e; e = e->next)
                if (walk(reg, doc, e, base, jp_append_n(reg->mem, p, e->string, json_key_len(e)), depth + 1, err))
                    return -1;
        }
    }
    return 0;
}

/* Index document jd, parsed from text[0..len) (malloc'd), under base_uri
 * (NULL: its absolute $id or a generated URI).  On success the registry
 * owns jd and text; on failure the caller still does. */
static int add_doc(jsv_registry *reg, json_doc *jd, char *text, size_t len, const char *base_uri,
                   const char **out_uri, jsv_error *err)
{
    char gen[64];
    const cJSON *root = jd->root;
    const char *docuri = base_uri;
    if (!docuri) {
        const cJSON *id = JT(root) == cJSON_Object ? json_member(root, "$id") : NULL;
        if (id && cJSON_IsString(id) && uri_has_scheme(id->valuestring)) docuri = id->valuestring;
        else {
            snprintf(gen, sizeof gen, "urn:jsv:doc:%u", ++reg->counter);
            docuri = gen;
        }
    }
    char *nofrag = uri_strip_fragment(docuri);
    if (!nofrag) return -1;
    const char *canon = reg_strdup(reg, nofrag);
    free(nofrag);
    reg_doc *d = calloc(1, sizeof *d);
    if (!d || !canon) { free(d); set_err(err, reg, docuri, NULL, NULL, "out of memory"); return -1; }
    d->doc = jd;
    d->text = text;
    d->len = len;
    d->uri = canon;
    /* listed before the walk, so that an error naming one of its nodes
     * finds the text to count the node's position in */
    d->next = reg->docs;
    reg->docs = d;
    if (put_target(reg, canon, root, 0, d, err) || walk(reg, d, root, canon, "", 0, err)) {
        reg->docs = d->next;
        free(d);
        return -1;
    }
    if (out_uri) {
        /* the document's own $id when it has one, else its retrieval URI */
        const reg_loc *l = ptrmap_get(&reg->locs, root);
        *out_uri = l ? l->base : canon;
    }
    return 0;
}

/* A schema document's tree, or NULL with *err filled (its message, uri,
 * and the parse error's line and column). */
static json_doc *parse_schema(const jsv_registry *reg, const char *text, size_t len, const char *uri,
                              jsv_error *err)
{
    json_error je;
    json_parse_opts po = { JSON_PARSE_REJECT_DUPLICATES, 0 };
    json_doc *jd = json_parse(text, len, &po, NULL, &je);
    if (!jd) {
        set_err(err, reg, uri, NULL, NULL, "%s", je.message);
        if (err) { err->line = je.line; err->col = je.col; }
    }
    return jd;
}

int jsv_registry_add_json(jsv_registry *reg, const char *base_uri, const char *json, size_t len,
                          const char **out_uri, jsv_error *err)
{
    json_doc *jd = parse_schema(reg, json, len, base_uri, err);
    if (!jd) return -1;
    /* the registry keeps its own copy: the caller's text may go */
    char *text = malloc(len ? len : 1);
    if (!text) {
        json_doc_free(jd);
        set_err(err, reg, base_uri, NULL, NULL, "out of memory");
        return -1;
    }
    if (len) memcpy(text, json, len);
    if (add_doc(reg, jd, text, len, base_uri, out_uri, err)) {
        json_doc_free(jd);
        free(text);
        return -1;
    }
    return 0;
}

/* jsv_registry_add_file on a buffer already read from path (malloc'd;
 * kept by the registry on success, freed here on failure). */
static int add_file_buf(jsv_registry *reg, const char *path, char *buf, size_t len,
                        const char *base_uri, const char **out_uri, jsv_error *err);

int jsv_registry_add_file(jsv_registry *reg, const char *path, const char *base_uri,
                          const char **out_uri, jsv_error *err)
{
    size_t len;
    char *buf = jsv_read_file(path, &len);
    if (!buf) {
        set_err(err, reg, NULL, NULL, NULL, "%s: %s", path, strerror(errno));
        if (err) snprintf(err->file, sizeof err->file, "%s", path);
        return -1;
    }
    return add_file_buf(reg, path, buf, len, base_uri, out_uri, err);
}

static int add_file_buf(jsv_registry *reg, const char *path, char *buf, size_t len,
                        const char *base_uri, const char **out_uri, jsv_error *err)
{
    json_doc *jd = parse_schema(reg, buf, len, base_uri, err);
    char *fileuri = NULL;
    if (jd && !base_uri) {
        /* no retrieval URI: the document's absolute $id, else the file's */
        const cJSON *id = JT(jd->root) == cJSON_Object ? json_member(jd->root, "$id") : NULL;
        if (!(id && cJSON_IsString(id) && uri_has_scheme(id->valuestring))) {
            char *rp = realpath(path, NULL);
            if (rp) {
                fileuri = malloc(strlen(rp) + 8);
                if (fileuri) sprintf(fileuri, "file://%s", rp);
                free(rp);
            }
        }
    }
    int rc = jd ? add_doc(reg, jd, buf, len, base_uri ? base_uri : fileuri, out_uri, err) : -1;
    if (rc) {
        json_doc_free(jd);
        free(buf);
        if (err) snprintf(err->file, sizeof err->file, "%s", path);
    }
    free(fileuri);
    return rc;
}

static int add_dir_rec(jsv_registry *reg, const char *dir, const char *prefix, int *count, jsv_error *err)
{
    dir_list l;
    int rc = dir_list_read(dir, ".json", DIR_LIST_SUBDIRS, &l);
    if (rc == DIR_LIST_CANNOT_OPEN) { set_err(err, reg, NULL, NULL, NULL, "%s: %s", dir, strerror(errno)); return -1; }
    for (size_t i = 0; !rc && i < l.n; i++) {
        const char *name = l.v[i].name;
        size_t pl = strlen(dir) + strlen(name) + 2;
        size_t ul = strlen(prefix) + strlen(name) + 2;
        char *path = malloc(pl), *uri = malloc(ul);
        if (!path || !uri) { free(path); free(uri); rc = -1; break; }
        snprintf(path, pl, "%s/%s", dir, name);
        if (l.v[i].kind == DIR_KIND_DIR) {
            snprintf(uri, ul, "%s%s/", prefix, name);
            rc = add_dir_rec(reg, path, uri, count, err);
        } else {
            snprintf(uri, ul, "%s%s", prefix, name);
            rc = jsv_registry_add_file(reg, path, uri, NULL, err);
            if (!rc) (*count)++;
        }
        free(path);
        free(uri);
    }
    dir_list_free(&l);
    return rc ? -1 : 0;
}

int jsv_registry_add_dir(jsv_registry *reg, const char *dir, const char *base_uri_prefix, jsv_error *err)
{
    int count = 0;
    if (add_dir_rec(reg, dir, base_uri_prefix, &count, err)) return -1;
    return count;
}

/* ---- a schema file and the files its references reach --------------- */

typedef struct ref_files {
    char **paths;          /* real paths of the files loaded, in load order */
    const cJSON **roots;   /* their documents */
    size_t n, cap;
} ref_files;

static void ref_files_free(ref_files *f)
{
    for (size_t i = 0; i < f->n; i++) free(f->paths[i]);
    free(f->paths);
    free(f->roots);
}

static int ref_files_has(const ref_files *f, const char *real)
{
    for (size_t i = 0; i < f->n; i++)
        if (!strcmp(f->paths[i], real)) return 1;
    return 0;
}

/* Append real (taken over) with its document root; -1 when out of memory
 * (real freed). */
static int ref_files_push(ref_files *f, char *real, const cJSON *root)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 8;
        char **p = realloc(f->paths, cap * sizeof *p);
        if (p) f->paths = p;
        const cJSON **r = p ? realloc(f->roots, cap * sizeof *r) : NULL;
        if (!r) { free(real); return -1; }
        f->roots = r;
        f->cap = cap;
    }
    f->paths[f->n] = real;
    f->roots[f->n++] = root;
    return 0;
}

/* ref resolved against base, without its fragment, when no registered
 * document answers it; else NULL (*registered says which). */
static char *unregistered(const jsv_registry *reg, const char *base, const char *ref, int *registered)
{
    char *abs = uri_resolve(base, ref);
    char *target = abs ? uri_strip_fragment(abs) : NULL;
    reg_target t;
    free(abs);
    *registered = target && registry_find(reg, target, &t) == 0;
    if (*registered) {
        free(target);
        return NULL;
    }
    return target;
}

static int is_file_uri(const char *u)
{
    return u && strncmp(u, "file:///", 8) == 0;
}

/* The path of the file a reference names, when no registered document
 * answers it: ref resolved against the referring schema's base URI when
 * that gives a file: URI; else against the referring file's own location
 * (fileuri), so "common.json#/$defs/X" under an https $id names the file
 * beside the referrer, which is then registered under the URI the
 * reference meant (*retrieval, malloc'd; NULL for a file: URI).  NULL when
 * nothing is to be loaded. */
static char *ref_path(const jsv_registry *reg, const char *base, const char *fileuri, const char *ref,
                      char **retrieval)
{
    int registered;
    char *target = unregistered(reg, base, ref, &registered);
    *retrieval = NULL;
    if (target && !is_file_uri(target)) {
        *retrieval = target;
        target = unregistered(reg, fileuri, ref, &registered);
    }
    if (!is_file_uri(target)) {
        free(target);
        free(*retrieval);
        *retrieval = NULL;
        return NULL;
    }
    size_t n;
    char *path = uri_percent_decode(target + 7, strlen(target + 7), &n);
    free(target);
    if (path && strlen(path) != n) { free(path); path = NULL; } /* %00 */
    if (!path) { free(*retrieval); *retrieval = NULL; }
    return path;
}

static int file_error(jsv_error *err, const char *path, size_t max, int e)
{
    if (e == EINVAL)
        set_err(err, NULL, NULL, NULL, NULL, "not a regular file");
    else if (e == EFBIG)
        set_err(err, NULL, NULL, NULL, NULL, "larger than %zu bytes", max);
    else
        set_err(err, NULL, NULL, NULL, NULL, "%s", strerror(e ? e : EIO));
    if (err) snprintf(err->file, sizeof err->file, "%s", path);
    return -1;
}

/* Load the regular file at path (at most max bytes; registered under
 * retrieval, else its $id or file: URI) unless files has it: 0 (loaded,
 * already loaded, or missing: the compiler then names the reference it
 * cannot resolve), -1 with *err naming the file. */
static int load_file(jsv_registry *reg, const char *path, const char *retrieval, size_t max,
                     ref_files *files, const char **out_uri, jsv_error *err)
{
    char *real = realpath(path, NULL);
    if (!real) return errno == ENOENT || errno == ENOTDIR ? 0 : file_error(err, path, max, errno);
    if (ref_files_has(files, real)) { free(real); return 0; }
    size_t len;
    char *buf = jsv_read_regular_file(real, max, &len);
    if (!buf) {
        file_error(err, path, max, errno);
        free(real);
        return -1;
    }
    if (add_file_buf(reg, path, buf, len, retrieval, out_uri, err)) { free(real); return -1; }
    if (ref_files_push(files, real, reg->docs->doc->root)) {
        set_err(err, reg, NULL, NULL, NULL, "out of memory");
        return -1;
    }
    return 0;
}

static const char *const ref_keywords[] = { "$ref", "$dynamicRef" };

/* Load the file each reference below node names (schema objects only:
 * those the registry indexed). */
static int load_refs_below(jsv_registry *reg, const cJSON *node, const char *fileuri, size_t max,
                           ref_files *files, jsv_error *err)
{
    if (JT(node) != cJSON_Object && JT(node) != cJSON_Array) return 0;
    const reg_loc *loc = JT(node) == cJSON_Object ? ptrmap_get(&reg->locs, node) : NULL;
    for (int k = 0; loc && k < 2; k++) {
        const cJSON *r = json_member(node, ref_keywords[k]);
        char *retrieval = NULL;
        char *path = r && cJSON_IsString(r) ? ref_path(reg, loc->base, fileuri, r->valuestring, &retrieval) : NULL;
        int rc = path ? load_file(reg, path, retrieval, max, files, NULL, err) : 0;
        free(path);
        free(retrieval);
        if (rc) return -1;
    }
    for (const cJSON *c = node->child; c; c = c->next)
        if (load_refs_below(reg, c, fileuri, max, files, err)) return -1;
    return 0;
}

int jsv_registry_add_schema_file(jsv_registry *reg, const char *path, size_t max,
                                 const char **out_uri, char ***loaded, jsv_error *err)
{
    ref_files files = { 0 };
    int rc = load_file(reg, path, NULL, max, &files, out_uri, err);
    if (!rc && !files.n) rc = file_error(err, path, max, ENOENT);
    /* files grows while it is walked: each new file is walked in turn */
    for (size_t i = 0; !rc && i < files.n; i++) {
        char *fileuri = malloc(strlen(files.paths[i]) + 8);
        if (!fileuri) { set_err(err, reg, NULL, NULL, NULL, "out of memory"); rc = -1; break; }
        sprintf(fileuri, "file://%s", files.paths[i]);
        rc = load_refs_below(reg, files.roots[i], fileuri, max, &files, err);
        free(fileuri);
    }
    if (rc) { ref_files_free(&files); return -1; }
    int n = (int)files.n;
    free(files.roots);
    if (loaded) *loaded = files.paths;
    else { files.roots = NULL; ref_files_free(&files); }
    return n;
}

/* ---- lookups -------------------------------------------------------- */

/* The node at a fragment JSON Pointer (percent-encoded, as in a URI). */
static const cJSON *walk_pointer(const cJSON *node, const char *frag)
{
    size_t len;
    char *dec = uri_percent_decode(frag, strlen(frag), &len);
    if (!dec) return NULL;
    const cJSON *n = jp_get(node, dec, len);
    free(dec);
    return n;
}

int registry_find(const jsv_registry *reg, const char *uri, reg_target *out)
{
    for (; reg; reg = reg->parent) {
        const char *hash = strchr(uri, '#');
        if (!hash || !hash[1]) {
            char *base = uri_strip_fragment(uri);
            if (!base) return -1;
            const reg_target *t = strmap_get(&reg->targets, base);
            free(base);
            if (t) { *out = *t; out->dynamic = 0; return 0; }
            continue;
        }
        if (hash[1] == '/') {
            char *base = uri_strip_fragment(uri);
            if (!base) return -1;
            const reg_target *t = strmap_get(&reg->targets, base);
            free(base);
            if (!t) continue;
            const cJSON *n = walk_pointer(t->node, hash + 1);
            if (!n) return -1;
            out->node = n;
            out->dynamic = 0;
            return 0;
        }
        const reg_target *t = strmap_get(&reg->targets, uri);
        if (t) { *out = *t; return 0; }
    }
    return -1;
}

const reg_loc *registry_loc(const jsv_registry *reg, const cJSON *node)
{
    for (; reg; reg = reg->parent) {
        const reg_loc *l = ptrmap_get(&reg->locs, node);
        if (l) return l;
    }
    return NULL;
}
