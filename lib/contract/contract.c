/* contract.c - load the contract's schemas, check bodies, collect findings.
 *
 * One registry holds every schema file of the directory (bodies and the
 * shared definitions they $ref), each registered under its own $id; each
 * body schema is compiled once at load.  A check runs the compiled schema
 * and then the rules of contract_rules.c, so every tool judges a body the
 * same way. */
#include "contract.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "contract_rules.h"
#include "dir.h"
#include "locate.h"
#include "json_parse.h"
#include "json_pointer.h"

const char *const contract_body_names[] = {
    "campaign-create-request",
    "campaign-update-request",
    "campaign-execute-request",
    "campaign-response",
    "campaign-list-response",
    "campaign-status-change-response",
    "campaign-update-accepted-response",
    "media-buy-status-response",
    "error-response",
};
#define BODY_COUNT (sizeof contract_body_names / sizeof contract_body_names[0])
const size_t contract_body_count = BODY_COUNT;

struct contract {
    jsv_registry *reg;
    jsv_schema *schemas[BODY_COUNT];
};

struct contract_report {
    contract_finding *items;
    size_t count, cap;
    jsv_result *scratch; /* reused by every check made with this report */
    arena *strings;      /* contract_check_tape: strings the rules read */
    unsigned regex_ms;   /* contract_report_limit_regex */
    size_t keep;         /* contract_report_keep: findings kept (0: all) */
    size_t dropped;      /* findings past keep, counted only */
    /* contract_check_text: the text's tape and tree, kept until the next
     * check or clear (the findings point into the tree) */
    json_tape *tape;
    arena *doc_mem;
    json_doc *doc;
    size_t doc_bytes;    /* contract_report_document_bytes */
    int tape_valid;      /* tape holds the last check's text */
};

/* A failing text's tape this large (bytes) is given back and the text
 * parsed into a tree, so the two are not held at once (the next text
 * grows a new one); a smaller tape gives the tree itself.  On the failing
 * bench responses, the tree from the tape took 13.1 M instructions where
 * parsing the 1 MB text took 34.2 M (lint in all: 77.5 M against 98.6 M;
 * 100 KB: 15.5 M against 17.6 M). */
#define LARGE_TAPE ((size_t)4 << 20)

/* The result every check made with r reuses, made at the first check
 * (with r's regex budget); NULL when out of memory. */
static jsv_result *report_scratch(contract_report *r)
{
    if (!r->scratch && (r->scratch = jsv_result_new())) {
        jsv_result_limit_regex(r->scratch, r->regex_ms);
        jsv_result_keep_errors(r->scratch, r->keep);
    }
    return r->scratch;
}

void contract_report_limit_regex(contract_report *r, unsigned ms)
{
    if (!r)
        return;
    r->regex_ms = ms;
    jsv_result_limit_regex(r->scratch, ms);
}

static int body_index(const char *name)
{
    for (size_t i = 0; name && i < BODY_COUNT; i++)
        if (strcmp(contract_body_names[i], name) == 0)
            return (int)i;
    return -1;
}

/* ---- default directory ------------------------------------------------- */

/* Beside the executable: the installed layout first, then the build
 * tree's; then the working directory. */
static const char *const schema_beside[] = { LOCATE_DATA_DIR "/schemas", "../schemas", NULL };

static locate_spec schema_spec(const char *option)
{
    locate_spec s = { "the contract schemas", option, "CAMPAIGN_SCHEMA_DIR", schema_beside, "./schemas", 1 };
    return s;
}

int contract_find_schema_dir(const char *option, char *dir, size_t n, char *err, size_t errlen)
{
    locate_spec s = schema_spec(option ? option : "--schema-dir DIR");
    return locate_data(&s, dir, n, err, errlen) == LOCATE_NONE ? -1 : 0;
}

/* Computed once: the answer depends only on where the binary lives. */
static pthread_once_t exe_dir_once = PTHREAD_ONCE_INIT;
static char exe_schema_dir[PATH_MAX];

static void find_exe_schema_dir(void)
{
    locate_spec s = schema_spec("--schema-dir DIR");
    s.env = NULL;
    s.cwd = NULL;
    if (locate_data(&s, exe_schema_dir, sizeof exe_schema_dir, NULL, 0) != LOCATE_FOUND)
        exe_schema_dir[0] = '\0';
}

const char *contract_default_schema_dir(void)
{
    const char *env = getenv("CAMPAIGN_SCHEMA_DIR");
    if (env && *env)
        return env;
    pthread_once(&exe_dir_once, find_exe_schema_dir);
    return exe_schema_dir[0] ? exe_schema_dir : "schemas";
}

/* ---- load -------------------------------------------------------------- */

static void set_error(jsv_error *err, const char *file, const char *fmt, ...)
{
    va_list ap;
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    if (file && strlen(file) < sizeof err->file)
        memcpy(err->file, file, strlen(file) + 1);
}

/* The sorted *.json file names of dir (so loading is deterministic). */
static char **list_json_files(const char *dir, size_t *n, jsv_error *err)
{
    dir_list l;
    int rc = dir_list_read(dir, ".json", 0, &l);
    if (rc == DIR_LIST_CANNOT_OPEN) {
        set_error(err, dir, "cannot open schema directory %s: %s", dir, strerror(errno));
        return NULL;
    }
    if (rc != 0) {
        set_error(err, dir, "out of memory listing %s", dir);
        return NULL;
    }
    char **names = calloc(l.n + 1, sizeof *names);
    if (!names) {
        dir_list_free(&l);
        set_error(err, dir, "out of memory listing %s", dir);
        return NULL;
    }
    for (size_t i = 0; i < l.n; i++)
        names[i] = l.v[i].name;   /* the names change hands */
    *n = l.n;
    free(l.v);
    return names;
}

contract *contract_load(const char *dir, const jsv_options *opts, jsv_error *err)
{
    return contract_load_body(dir, opts, NULL, err);
}

contract *contract_load_body(const char *dir, const jsv_options *opts, const char *only, jsv_error *err)
{
    size_t nfiles = 0;
    const char *uris[BODY_COUNT] = { 0 };
    char **files;
    contract *c;

    if (!dir)
        dir = contract_default_schema_dir();
    if (!(files = list_json_files(dir, &nfiles, err)))
        return NULL;
    if (!(c = calloc(1, sizeof *c)) || !(c->reg = jsv_registry_new())) {
        set_error(err, dir, "out of memory loading %s", dir);
        goto fail;
    }
    for (size_t i = 0; i < nfiles; i++) {
        char path[PATH_MAX];
        const char *uri = NULL;
        if (snprintf(path, sizeof path, "%s/%s", dir, files[i]) >= (int)sizeof path) {
            set_error(err, dir, "schema path too long: %s/%s", dir, files[i]);
            goto fail;
        }
        if (jsv_registry_add_file(c->reg, path, NULL, &uri, err) != 0)
            goto fail;
        for (size_t b = 0; b < BODY_COUNT; b++) {
            size_t len = strlen(contract_body_names[b]);
            if (strncmp(files[i], contract_body_names[b], len) == 0 &&
                strcmp(files[i] + len, ".json") == 0)
                uris[b] = uri;
        }
    }
    for (size_t b = 0; b < BODY_COUNT; b++) {
        if (!uris[b]) {
            set_error(err, dir, "schema directory %s has no %s.json", dir,
                      contract_body_names[b]);
            goto fail;
        }
        if (only && strcmp(only, contract_body_names[b]) != 0)
            continue;
        if (!(c->schemas[b] = jsv_compile(c->reg, uris[b], opts, err)))
            goto fail;
    }
    for (size_t i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
    return c;
fail:
    for (size_t i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
    contract_free(c);
    return NULL;
}

void contract_free(contract *c)
{
    if (!c)
        return;
    for (size_t b = 0; b < BODY_COUNT; b++)
        jsv_schema_free(c->schemas[b]);
    jsv_registry_free(c->reg);
    free(c);
}

const jsv_schema *contract_schema(const contract *c, const char *name)
{
    int i = body_index(name);
    return c && i >= 0 ? c->schemas[i] : NULL;
}

/* ---- report ------------------------------------------------------------ */

contract_report *contract_report_new(void)
{
    return calloc(1, sizeof(contract_report));
}

static void finding_free(contract_finding *f)
{
    free((char *)f->pointer);
    free((char *)f->id);
    free((char *)f->message);
    free((char *)f->keyword_location);
    free((char *)f->absolute_keyword_location);
}

void contract_report_clear(contract_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->count; i++)
        finding_free(&r->items[i]);
    r->count = 0;
    r->dropped = 0;
    r->doc_bytes = 0;
    r->tape_valid = 0;
    json_doc_free(r->doc);
    r->doc = NULL;
    if (r->doc_mem)
        arena_reset(r->doc_mem);
}

void contract_report_keep(contract_report *r, size_t n)
{
    if (!r)
        return;
    r->keep = n;
    jsv_result_keep_errors(r->scratch, n);
}

size_t contract_report_document_bytes(const contract_report *r)
{
    return r ? r->doc_bytes : 0;
}

const json_tape *contract_report_tape(const contract_report *r)
{
    return r && r->tape_valid ? r->tape : NULL;
}

size_t contract_report_dropped(const contract_report *r)
{
    return r ? r->dropped : 0;
}

void contract_report_free(contract_report *r)
{
    if (!r)
        return;
    contract_report_clear(r);
    free(r->items);
    jsv_result_free(r->scratch);
    arena_free(r->strings);
    json_tape_free(r->tape);
    arena_free(r->doc_mem);
    free(r);
}

size_t contract_report_count(const contract_report *r)
{
    return r ? r->count : 0;
}

const contract_finding *contract_report_get(const contract_report *r, size_t i)
{
    return r && i < r->count ? &r->items[i] : NULL;
}

static int add_full(contract_report *r, const char *pointer, const char *id,
                    const char *message, const char *kw, const char *abs_kw,
                    const cJSON *instance, size_t offset, int is_rule, int undecided)
{
    if (!r)
        return -1;
    if (r->keep && r->count >= r->keep) {
        r->dropped++;
        return 0;
    }
    if (r->count == r->cap) {
        size_t ncap = r->cap ? r->cap * 2 : 8;
        contract_finding *p = realloc(r->items, ncap * sizeof *p);
        if (!p)
            return -1;
        r->items = p;
        r->cap = ncap;
    }
    contract_finding f = {
        .pointer = strdup(pointer ? pointer : ""),
        .id = strdup(id ? id : ""),
        .message = strdup(message ? message : ""),
        .keyword_location = kw ? strdup(kw) : NULL,
        .absolute_keyword_location = abs_kw ? strdup(abs_kw) : NULL,
        .instance = instance,
        .offset = offset,
        .is_rule = is_rule,
        .undecided = undecided,
    };
    if (!f.pointer || !f.id || !f.message || (kw && !f.keyword_location) ||
        (abs_kw && !f.absolute_keyword_location)) {
        finding_free(&f);
        return -1;
    }
    r->items[r->count++] = f;
    return 0;
}

int contract_report_add(contract_report *r, const char *pointer, const char *id,
                        const char *message, const cJSON *instance, int is_rule)
{
    return add_full(r, pointer, id, message, NULL, NULL, instance,
                    jsv_finding_offset(id, instance), is_rule, 0);
}

int contract_report_add_result(contract_report *r, const jsv_result *res)
{
    size_t n = jsv_result_count(res);
    for (size_t i = 0; i < n; i++) {
        const jsv_error_item *e = jsv_result_get(res, i);
        if (e && add_full(r, e->instance_location, e->keyword, e->message,
                          e->keyword_location, e->absolute_keyword_location,
                          e->instance, e->offset, 0, e->kind == JSV_ERROR_UNDECIDED) != 0)
            return -1;
    }
    return 0;
}

/* ---- check ------------------------------------------------------------- */

/* What a check already knows of the schema's verdict on the body: a
 * tape walk over the same text may have said. */
enum known { KNOWN_NOTHING, KNOWN_VALID, KNOWN_INVALID };

/* The schema part of a check on a tree: its findings appended to r.
 * Returns the schema's verdict (1, 0, JSV_UNDECIDED, -1). */
static int check_schema(const jsv_schema *s, const cJSON *body, enum known known, contract_report *r)
{
    if (!s)
        return 0;
    if (known == KNOWN_VALID)
        return 1;
    int v = -1;
    if (report_scratch(r))
        v = known == KNOWN_INVALID ? jsv_explain(s, body, r->scratch) : jsv_validate(s, body, r->scratch);
    if (v != 1) {
        if (!r->scratch || contract_report_add_result(r, r->scratch) != 0 ||
            (v < 0 && jsv_result_count(r->scratch) == 0))
            contract_report_add(r, "", "internal", "validation failed: out of memory", NULL, 0);
    }
    return v;
}

/* contract_check on a tree, with the schema s (NULL: not loaded) and the
 * rules of name (NULL: none), given what is known of the verdict. */
static int check_tree(const jsv_schema *s, const char *name, const cJSON *body, unsigned flags,
                      enum known known, contract_report *r)
{
    size_t before = r->count + r->dropped;
    int failed = 0, open = 0;

    if (!body) {
        contract_report_add(r, "", "json", "no JSON body", NULL, 1);
        return 0;
    }
    if (!(flags & CONTRACT_RULES_ONLY)) {
        int v = check_schema(s, body, known, r);
        if (v == JSV_UNDECIDED) open = 1;
        else if (v != 1) failed = 1;
    }
    size_t schema_end = r->count + r->dropped;
    if (name && !(flags & CONTRACT_SCHEMA_ONLY))
        contract_rules_apply(name, body, r);
    /* a rule's finding is a violation whatever the schema left open */
    if (failed || r->count + r->dropped != schema_end)
        return 0;
    return open ? CONTRACT_UNDECIDED : r->count + r->dropped != before ? 0 : 1;
}

int contract_check(const contract *c, const char *name, const cJSON *body,
                   unsigned flags, contract_report *r)
{
    int b = body_index(name);
    if (b < 0 || !r)
        return -1;
    return check_tree(c ? c->schemas[b] : NULL, name, body, flags, KNOWN_NOTHING, r);
}

/* ---- check text -------------------------------------------------------- */

/* A finding made without a parsed instance (a rule naming only a
 * pointer) gets the offset of the value at its pointer, when there is
 * one. */
static void fill_offsets(contract_report *r, const cJSON *root)
{
    for (size_t i = 0; i < r->count; i++) {
        contract_finding *f = &r->items[i];
        if (f->offset == JSV_NO_OFFSET && !json_node_info(f->instance))
            f->offset = jsv_finding_offset(f->id, jp_get(root, f->pointer, strlen(f->pointer)));
    }
}

/* The verdict over a tape: 1 kept, 0 not or cannot tell; *known says
 * what the schema's walk said. */
static int tape_verdict(const jsv_schema *s, const char *name, const json_tape *t, unsigned flags,
                        contract_report *r, enum known *known)
{
    *known = KNOWN_NOTHING;
    if (!(flags & CONTRACT_RULES_ONLY)) {
        int v = s && report_scratch(r) ? jsv_check_tape(s, t, r->scratch) : -1;
        *known = v == 1 ? KNOWN_VALID : v == 0 ? KNOWN_INVALID : KNOWN_NOTHING;
        if (v != 1)
            return 0;
    }
    if (name && !(flags & CONTRACT_SCHEMA_ONLY)) {
        if (!r->strings && !(r->strings = arena_new(0)))
            return 0;
        arena_reset(r->strings);
        if (contract_rules_tape(name, t, r->strings) != 1)
            return 0;
    }
    return 1;
}

int contract_check_tape(const contract *c, const char *name, const json_tape *t, unsigned flags,
                        contract_report *r)
{
    enum known known;
    int b = body_index(name);
    if (b < 0 || !r)
        return -1;
    return tape_verdict(c ? c->schemas[b] : NULL, name, t, flags, r, &known);
}

/* Step 1 of contract_check_text: parse a tape of the text and take its
 * verdict.  1 kept, 0 not or cannot tell, or CONTRACT_MALFORMED. */
static int check_on_tape(const jsv_schema *s, const char *name, const char *text, size_t len,
                         unsigned flags, contract_report *r, json_error *err, enum known *known)
{
    static const json_parse_opts opts = { JSON_PARSE_REJECT_DUPLICATES, 0 };
    *known = KNOWN_NOTHING;
    if (!r->tape && !(r->tape = json_tape_new()))
        return 0;
    if (json_tape_parse(r->tape, text, len, &opts, err) != 0)
        return err->code == JSON_ERR_NOMEM ? 0 : CONTRACT_MALFORMED;
    return tape_verdict(s, name, r->tape, flags, r, known);
}

/* Step 2 of contract_check_text: the text's tree in r->doc, for the
 * reporting walk.  A tape that holds it already (tape_ok) gives the tree
 * without reading the text again, unless it is large (LARGE_TAPE): then
 * memory comes first, and the tape is given back before the text is
 * parsed, so the two are never held at once.  0, or CONTRACT_MALFORMED
 * with *err filled. */
static int tree_of_text(const char *text, size_t len, const json_parse_opts *opts, int tape_ok,
                        contract_report *r, json_error *err)
{
    memset(err, 0, sizeof *err);
    if (!r->doc_mem && !(r->doc_mem = arena_new(0))) {
        err->code = JSON_ERR_NOMEM;
        snprintf(err->message, sizeof err->message, "out of memory");
        return CONTRACT_MALFORMED;
    }
    if (tape_ok && json_tape_bytes(r->tape) < LARGE_TAPE) {
        r->doc = json_tape_tree(r->tape, r->doc_mem, err);
    } else {
        if (r->tape && json_tape_bytes(r->tape) >= LARGE_TAPE) {
            json_tape_free(r->tape);
            r->tape = NULL;
        }
        r->doc = json_parse(text, len, opts, r->doc_mem, err);
    }
    return r->doc ? 0 : CONTRACT_MALFORMED;
}

static int check_text(const jsv_schema *s, const char *name, const char *text, size_t len,
                      unsigned flags, contract_report *r, json_error *err)
{
    /* the findings need offsets only (json_text_position counts the few
     * positions printed) */
    static const json_parse_opts strict = { JSON_PARSE_REJECT_DUPLICATES, 0 };
    static const json_parse_opts loose = { 0, 0 };
    const json_parse_opts *opts = flags & CONTRACT_ALLOW_DUPLICATES ? &loose : &strict;
    json_error scratch_err;
    enum known known = KNOWN_NOTHING;
    int tape_ok = 0;
    if (!err)
        err = &scratch_err;
    memset(err, 0, sizeof *err);
    contract_report_clear(r);
    if (opts == &strict && (jsv_checks_tapes(s) || ((flags & CONTRACT_RULES_ONLY) && name))) {
        int v = check_on_tape(s, name, text, len, flags, r, err, &known);
        tape_ok = r->tape && err->code == JSON_OK; /* else out of memory */
        if (tape_ok)
            r->doc_bytes = json_tape_bytes(r->tape);
        r->tape_valid = tape_ok;
        if (v != 0)
            return v;
    }
    if (tree_of_text(text, len, opts, tape_ok, r, err) != 0)
        return CONTRACT_MALFORMED;
    r->doc_bytes += arena_used(r->doc_mem);
    int v = check_tree(s, name, r->doc->root, flags, known, r);
    fill_offsets(r, r->doc->root);
    return v;
}

int contract_check_text(const contract *c, const char *name, const char *text, size_t len,
                        unsigned flags, contract_report *r, json_error *err)
{
    int b = body_index(name);
    if (b < 0 || !r)
        return -1;
    return check_text(c ? c->schemas[b] : NULL, name, text, len, flags, r, err);
}

int contract_check_schema_text(const jsv_schema *s, const char *text, size_t len,
                               contract_report *r, json_error *err)
{
    if (!s || !r)
        return -1;
    return check_text(s, NULL, text, len, CONTRACT_SCHEMA_ONLY, r, err);
}
