/* schema_verdict.c - is the instance valid?  Nothing else.
 *
 * Most instances a contract checker sees are valid, and for those the
 * locations, messages and annotation bookkeeping of schema_eval.c are pure
 * cost.  This walker runs the same compiled program with none of it: no
 * path stacks, no error records, no x-error handling, stopping at the
 * first failing keyword.  jsv_validate() runs it first and walks again
 * with schema_eval.c only when the answer is "invalid", so the report is
 * unchanged and a valid instance costs one lean pass.
 *
 * The walk itself is in schema_verdict_walk.h, written once for the two
 * document forms: this file reads cJSON trees, schema_verdict_tape.c
 * reads tapes.  Keyword meanings come from keyword.h, shared with
 * schema_eval.c.  The walker answers 1 (valid), 0 (invalid) or -1 (cannot
 * tell: evaluation nested too deeply, out of memory, a regex that could
 * not be evaluated), and -1 sends the caller to the reporting evaluator,
 * which says what went wrong or that the verdict is undecided.  Schemas
 * that need annotations (unevaluatedItems / unevaluatedProperties) or a
 * dynamic scope ($dynamicRef), and schemas compiled with
 * JSV_REPORT_UNKNOWN (whose unknown-property log only the reporting walk
 * keeps), are not walked here at all (jsv_schema.verdict). */
#include "engine.h"
#include "keyword.h"

#include <string.h>

typedef const cJSON *vnode;
typedef json_node vnode_tmp;

static inline int vn_type(vnode v) { return KW_TYPE_OF(v); }
static inline vnode vn_child(vnode v) { return v->child; }
static inline vnode vn_next(vnode v) { return v->next; }

static inline int vn_types_allow(verdict_ctx *c, unsigned want, vnode v)
{
    (void)c;
    return kw_types_allow(want, v);
}

static inline __attribute__((always_inline)) int vn_scalar(verdict_ctx *c, const scalar_prog *p, vnode v)
{
    return kw_scalar_ok(p, v, c->rx);
}

static inline int vn_value_keyword(verdict_ctx *c, const ckw *k, vnode v)
{
    return kw_value_ok(k, v, c->rx);
}

static inline int vn_unique(verdict_ctx *c, vnode v)
{
    (void)c;
    size_t a, b;
    return kw_unique_ok(v, &a, &b);
}

static inline const prop_key *vn_key_find(verdict_ctx *c, const prop_key *keys, size_t n, const uint16_t *index,
                                          size_t mask, vnode m)
{
    (void)c;
    return kw_key_find(keys, n, index, mask, m);
}

static inline const char *vn_key(verdict_ctx *c, vnode m, size_t *len)
{
    (void)c;
    *len = json_key_len(m);
    return m->string;
}

/* (the parser has checked the UTF-8 of a name it read) */
static inline int vn_key_matches(verdict_ctx *c, const ecma_regex *re, vnode m)
{
    size_t len;
    const char *k = vn_key(c, m, &len);
    return ecma_regex_run_search(c->rx, re, k, len, json_node_info(m) != NULL);
}

static inline vnode vn_key_value(verdict_ctx *c, vnode m, vnode_tmp *tmp)
{
    (void)c;
    return kw_key_node(m, tmp);
}

static inline vnode vn_member(verdict_ctx *c, vnode obj, const char *name, size_t len, uint32_t hash)
{
    (void)c;
    return json_member_h(obj, name, len, hash);
}

#include "schema_verdict_walk.h"

int schema_verdict_run(const jsv_schema *s, const cJSON *instance, ecma_regex_run *rx)
{
    if (!s->verdict) return CANNOT_TELL;
    verdict_ctx c = { s, rx, 0, 0, NULL };
    int v = vschema(&c, s->root, instance);
    return v < 0 ? CANNOT_TELL : v;
}

int schema_verdict(const jsv_schema *s, const cJSON *instance, pcre2_match_data *md)
{
    ecma_regex_run rx;
    ecma_regex_run_init(&rx, md, s->regex_budget_ms);
    return schema_verdict_run(s, instance, &rx);
}
