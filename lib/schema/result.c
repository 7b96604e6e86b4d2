/* result.c - validation results: the error list and its "basic" output. */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

void jsv_result_limit_regex(jsv_result *r, unsigned ms)
{
    if (!r) return;
    r->regex_metered = ms != 0;
    r->regex_left_ns = (uint64_t)ms * 1000000u;
}

void jsv_result_keep_errors(jsv_result *r, size_t n)
{
    if (r) r->keep = n;
}

void jsv_result_report_unknown(jsv_result *r, int on)
{
    if (r) r->report_unknown = on != 0;
}

void result_run_start(jsv_result *r, const jsv_schema *s, ecma_regex_run *run, pcre2_match_data *md)
{
    ecma_regex_run_init(run, md, s->regex_budget_ms);
    if (r && r->regex_metered) {
        if (!run->limited || r->regex_left_ns < run->left_ns) {
            run->limited = 1;
            run->left_ns = r->regex_left_ns;
        }
        r->regex_walk_ns = run->left_ns;
    }
}

void result_run_end(jsv_result *r, const ecma_regex_run *run)
{
    if (!r || !r->regex_metered) return;
    uint64_t used = r->regex_walk_ns > run->left_ns ? r->regex_walk_ns - run->left_ns : 0;
    r->regex_left_ns = used >= r->regex_left_ns ? 0 : r->regex_left_ns - used;
}

jsv_result *jsv_result_new(void)
{
    jsv_result *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->mem = arena_new(0);
    r->scratch = arena_new(0);
    if (!r->mem || !r->scratch) { jsv_result_free(r); return NULL; }
    return r;
}

void jsv_result_free(jsv_result *r)
{
    if (!r) return;
    arena_free(r->mem);
    arena_free(r->scratch);
    ecma_regex_match_data_free(r->md);
    free(r->items);
    free(r->known);
    free(r->applied);
    ptrmap_free(&r->applied_set);
    free(r);
}

void result_reset(jsv_result *r)
{
    arena_reset(r->mem);
    arena_reset(r->scratch);
    r->n = 0;
    r->nknown = 0;
    r->napplied = 0;
    ptrmap_clear(&r->applied_set);
    r->oom = 0;
}

void result_truncate(jsv_result *r, size_t n)
{
    if (n < r->n) r->n = n;
}

void result_keep_undecided(jsv_result *r, size_t from)
{
    size_t w = from;
    for (size_t i = from; i < r->n; i++)
        if (r->items[i].kind == JSV_ERROR_UNDECIDED) r->items[w++] = r->items[i];
    if (w < r->n) r->n = w;
}

/* Where in the text a finding about inst points: the value, or for a
 * finding about a member's name (a property no schema allows or names)
 * the name. */
size_t jsv_finding_offset(const char *id, const cJSON *inst)
{
    const json_node *n = json_node_info(inst);
    if (!n)
        return JSV_NO_OFFSET;
    if (inst->string && id &&
        (strcmp(id, "unknownProperty") == 0 || strcmp(id, "additionalProperties") == 0))
        return n->key_offset;
    return n->offset;
}

void result_add(jsv_result *r, const char *il, const char *kl, const char *al, const char *kw,
                const char *msg, const cJSON *inst, jsv_error_kind kind)
{
    if (r->n == r->cap) {
        size_t nc = r->cap ? r->cap * 2 : 16;
        jsv_error_item *nv = realloc(r->items, nc * sizeof *nv);
        if (!nv) { r->oom = 1; return; }
        r->items = nv;
        r->cap = nc;
    }
    jsv_error_item *e = &r->items[r->n];
    if (r->keep && r->n >= r->keep) {
        /* past what the caller shows: counted, its text not copied */
        e->instance_location = e->keyword_location = e->absolute_keyword_location = "";
        e->keyword = e->message = "";
        e->instance = inst;
        e->offset = jsv_finding_offset(kw, inst);
        e->is_rule = 0;
        e->kind = kind;
        r->n++;
        return;
    }
    e->instance_location = arena_strndup(r->mem, il, strlen(il));
    e->keyword_location = arena_strndup(r->mem, kl, strlen(kl));
    e->absolute_keyword_location = arena_strndup(r->mem, al, strlen(al));
    e->keyword = arena_strndup(r->mem, kw, strlen(kw));
    e->message = arena_strndup(r->mem, msg, strlen(msg));
    e->instance = inst;
    e->offset = jsv_finding_offset(kw, inst);
    e->kind = kind;
    e->is_rule = 0;
    if (!e->instance_location || !e->keyword_location || !e->absolute_keyword_location ||
        !e->keyword || !e->message) { r->oom = 1; return; }
    r->n++;
}

int jsv_explain(const jsv_schema *s, const cJSON *instance, jsv_result *r)
{
    return r ? schema_evaluate(s, instance, r) : -1;
}

size_t jsv_result_count(const jsv_result *r)
{
    return r ? r->n : 0;
}

const jsv_error_item *jsv_result_get(const jsv_result *r, size_t i)
{
    return r && i < r->n ? &r->items[i] : NULL;
}

/* One output unit of the "basic" format: every unit in "errors" reports
 * a failed assertion, so each carries "valid": false, as the output
 * schema's outputUnit requires. */
static cJSON *basic_unit(const jsv_error_item *e)
{
    cJSON *u = cJSON_CreateObject();
    if (!u) return NULL;
    cJSON_AddFalseToObject(u, "valid");
    cJSON_AddStringToObject(u, "keywordLocation", e->keyword_location);
    if (e->absolute_keyword_location[0])
        cJSON_AddStringToObject(u, "absoluteKeywordLocation", e->absolute_keyword_location);
    cJSON_AddStringToObject(u, "instanceLocation", e->instance_location);
    cJSON_AddStringToObject(u, "error", e->message);
    return u;
}

cJSON *jsv_result_basic(const jsv_result *r)
{
    cJSON *out = cJSON_CreateObject();
    if (!out) return NULL;
    /* the root is an output unit too: it names the root schema applied to
     * the whole instance */
    cJSON_AddBoolToObject(out, "valid", r->n == 0);
    cJSON_AddStringToObject(out, "keywordLocation", "");
    cJSON_AddStringToObject(out, "instanceLocation", "");
    if (r->n) {
        cJSON *errs = cJSON_AddArrayToObject(out, "errors");
        for (size_t i = 0; errs && i < r->n; i++) {
            cJSON *u = basic_unit(&r->items[i]);
            if (!u) break;
            cJSON_AddItemToArray(errs, u);
        }
    }
    return out;
}
