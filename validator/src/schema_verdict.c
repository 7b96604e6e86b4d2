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
 * Keyword meanings come from keyword.h, shared with schema_eval.c.  The
 * walker answers 1 (valid), 0 (invalid) or -1 (cannot tell: evaluation
 * nested too deeply, out of memory), and -1 sends the caller to the
 * reporting evaluator, which says what went wrong.  Schemas that need
 * annotations (unevaluatedItems / unevaluatedProperties) or a dynamic
 * scope ($dynamicRef), and schemas compiled with JSV_REPORT_UNKNOWN (whose
 * unknown-property log only the reporting walk keeps), are not walked here
 * at all (jsv_schema.verdict). */
#include "engine.h"
#include "keyword.h"

#include <string.h>

#define CANNOT_TELL (-1)

typedef struct vctx {
    const jsv_schema *s;
    pcre2_match_data *md;
    unsigned depth;   /* schema applications in progress */
    unsigned idepth;  /* how deep in the instance */
} vctx;

/* What the properties pass of one schema application met, for the
 * keywords after it: the properties slots (for required), and the members
 * noted for a discriminated allOf (engine.h, disc_prog). */
typedef struct vmet {
    uint64_t seen;
    int watch;                        /* note members (s->watches) */
    uint8_t have, dup;                /* slots filled; filled twice */
    const cJSON *found[DISC_SLOTS];
} vmet;

/* Member m matched a key that has a slot. */
static inline void vmet_note(vmet *met, const prop_key *key, const cJSON *m)
{
    if (!met->watch) return;
    unsigned slot = key->watch - 1u, bit = 1u << slot;
    if (met->have & bit) met->dup |= (uint8_t)bit;
    met->have |= (uint8_t)bit;
    met->found[slot] = m;
}

static int vschema(vctx *c, const cschema *s, const cJSON *inst);
static int vproperties(vctx *c, const vinstr *vi, const cJSON *inst, vmet *met);

/* A SHAPE_OBJECT schema (s followed, not boolean, its type checked): its
 * properties and the required names they answer, without the general
 * walk's dispatch. */
static int vobject(vctx *c, const cschema *s, const cJSON *inst)
{
    if (KW_TYPE_OF(inst) != cJSON_Object) return 1;
    if (c->depth >= EVAL_MAX_DEPTH || c->idepth > c->s->max_depth) return CANNOT_TELL;
    c->depth++;
    vmet met;
    met.seen = 0; /* properties slots met, for required */
    met.watch = 0;
    met.have = met.dup = 0;
    int r = vproperties(c, &s->vprog[0], inst, &met);
    if (r == 1 && s->nvprog == 2) r = (met.seen & s->vprog[1].mask) == s->vprog[1].mask;
    c->depth--;
    return r;
}

/* A SHAPE_SCALAR schema's assertions, straight through (the type was
 * checked).  Only those that apply to the value's type are looked at. */
static inline __attribute__((always_inline)) int vscalar(vctx *c, const scalar_prog *p, const cJSON *v)
{
    int t = KW_TYPE_OF(v);
    size_t n;
    if (t == cJSON_String) {
        if (p->has_max && !kw_length_within(OP_MAX_LENGTH, p->max_length, v, &n)) return 0;
        if (p->has_min && !kw_length_within(OP_MIN_LENGTH, p->min_length, v, &n)) return 0;
        if (p->format && !p->format(v->valuestring, json_string_len(v))) return 0;
        if (p->pattern && kw_pattern_ok(p->pattern, v, c->md) != 1) return 0;
        /* a string const is a compare of bytes, like a string enum */
        if (p->const_str.s && !kw_enum_has_string(&p->const_str, 1, v)) return 0;
        if (p->enum_values && p->nstrs <= 16) return kw_enum_has_string(p->strs, p->nstrs, v) &&
                                                (!p->const_value || p->const_str.s || jv_equal(v, p->const_value->value));
    } else if (t == cJSON_Number) {
        for (size_t i = 0; i < p->nnumber; i++)
            if (!kw_number_ok(p->number[i], v)) return 0;
    }
    if (p->enum_values && !kw_enum_ok(p->enum_values, v)) return 0;
    if (p->const_value && (p->const_str.s ? t != cJSON_String : !jv_equal(v, p->const_value->value))) return 0;
    return 1;
}

/* A value against a member's or item's schema, from the parent's copy:
 * the commonest subschemas, a bare type or a few assertions on the value,
 * are answered here without a frame. */
static inline int vsub(vctx *c, const sub_ref *r, const cJSON *v)
{
    if (r->shape == SHAPE_TYPE_ONLY) return kw_types_allow(r->ctypes, v);
    if (r->shape == SHAPE_SCALAR) return kw_types_allow(r->ctypes, v) && vscalar(c, r->scalar, v);
    if (r->shape == SHAPE_OBJECT && !kw_types_allow(r->ctypes, v)) return 0;
    c->idepth++;
    int res = r->shape == SHAPE_OBJECT ? vobject(c, r->s, v) : vschema(c, r->s, v);
    c->idepth--;
    return res;
}

/* The same for a subschema the parent keeps no copy for (patterns,
 * additionalProperties, prefixItems, contains, propertyNames). */
static int vchild(vctx *c, const cschema *s, const cJSON *child)
{
    sub_ref r;
    sub_ref_fill(&r, s);
    return vsub(c, &r, child);
}

/* properties with a few names (no index: see schema_compile.c) and no
 * patternProperties or additionalProperties.  This is the discriminator
 * of an if ("kind" is "event"), looked for among every member of an
 * object that other keywords walk too: most members match no name, so a
 * member costs a hash compare per name. */
static int vfew(vctx *c, const vinstr *vi, const cJSON *inst, vmet *met)
{
    for (const cJSON *m = inst->child; m; m = m->next) {
        const prop_key *key = kw_key_find(vi->keys, vi->nkeys, NULL, 0, m);
        if (!key) continue;
        met->seen |= key->bit;
        if (key->watch) vmet_note(met, key, m);
        int r = vsub(c, &key->sub, m);
        if (r != 1) return r;
    }
    return 1;
}

static int vproperties(vctx *c, const vinstr *vi, const cJSON *inst, vmet *met)
{
    if (vi->simple && !vi->index) return vfew(c, vi, inst, met);
    const ckw *k = vi->k;
    for (const cJSON *m = inst->child; m; m = m->next) {
        int matched = 0, r;
        const prop_key *key = vi->keys ? kw_key_find(vi->keys, vi->nkeys, vi->index, vi->mask, m) : NULL;
        if (key) {
            met->seen |= key->bit;
            if (key->watch) vmet_note(met, key, m);
            if ((r = vsub(c, &key->sub, m)) != 1) return r;
            matched = 1;
        }
        if (vi->simple) continue;
        for (size_t j = 0; j < k->u.props.npats; j++) {
            const pat_entry *pt = &k->u.props.pats[j];
            if (ecma_regex_search(pt->re, m->string, strlen(m->string), c->md) != 1) continue;
            if ((r = vchild(c, pt->sub, m)) != 1) return r;
            matched = 1;
        }
        if (!matched && k->u.props.additional && (r = vchild(c, k->u.props.additional, m)) != 1) return r;
    }
    return 1;
}

static int vitems(vctx *c, const ckw *k, const cJSON *inst)
{
    size_t i = 0;
    const cJSON *e = inst->child;
    int r;
    for (; e && i < k->u.items.nprefix; e = e->next, i++)
        if ((r = vchild(c, k->u.items.prefix[i], e)) != 1) return r;
    if (!k->u.items.items) return 1;
    for (; e; e = e->next)
        if ((r = vsub(c, &k->u.items.items_ref, e)) != 1) return r;
    return 1;
}

static int vcontains(vctx *c, const ckw *k, const cJSON *inst)
{
    size_t found = 0;
    for (const cJSON *e = inst->child; e; e = e->next) {
        int r = vchild(c, k->u.contains.sub, e);
        if (r < 0) return r;
        found += (size_t)r;
        if (!k->u.contains.has_max && found >= k->u.contains.min) return 1;
    }
    return found >= k->u.contains.min && (!k->u.contains.has_max || found <= k->u.contains.max);
}

/* anyOf (one = 0) or oneOf (one = 1). */
static int vsome(vctx *c, const ckw *k, const cJSON *inst, int one)
{
    size_t passed = 0;
    int unsure = 0;
    for (size_t i = 0; i < k->u.subs.n; i++) {
        int r = vschema(c, k->u.subs.v[i], inst);
        if (r < 0) unsure = 1;
        if (r != 1) continue;
        if (!one) return 1;
        if (++passed > 1) return 0;
    }
    if (unsure) return CANNOT_TELL;
    return one && passed == 1;
}

static int vproperty_names(vctx *c, const ckw *k, const cJSON *inst)
{
    for (const cJSON *m = inst->child; m; m = m->next) {
        cJSON key;
        memset(&key, 0, sizeof key);
        key.type = cJSON_String;
        key.valuestring = m->string;
        int r = vchild(c, k->u.sub, &key);
        if (r != 1) return r;
    }
    return 1;
}

/* A discriminated allOf on an object whose properties pass has run:
 * each branch the slots answer is an if decided from the noted members
 * (a member met twice sends the branch the general way, as the condition
 * must then hold for both); the others are walked. */
static int vallof_disc(vctx *c, const disc_prog *d, const cJSON *inst, const vmet *met)
{
    for (size_t i = 0; i < d->n; i++) {
        const disc_branch *b = &d->b[i];
        int r;
        if (!b->fast || (met->dup & b->watched)) {
            r = vschema(c, b->branch, inst);
        } else {
            int holds = kw_types_allow(b->cond_ctypes, inst);
            for (size_t j = 0; j < b->ntests && holds; j++) {
                const disc_test *dt = &b->tests[j];
                const cJSON *m = (met->have >> dt->slot) & 1 ? met->found[dt->slot] : NULL;
                if (!m) {
                    holds = !dt->required;
                } else if (dt->has_sub) {
                    int rs = vsub(c, &dt->sub, m);
                    if (rs < 0) return rs;
                    holds = rs;
                }
            }
            const cschema *next = holds ? b->then_s : b->else_s;
            r = next ? vschema(c, next, inst) : 1;
        }
        if (r != 1) return r;
    }
    return 1;
}

static int vkeyword(vctx *c, const vinstr *vi, const cJSON *inst, vmet *met)
{
    const ckw *k = vi->k;
    int t = KW_TYPE_OF(inst), r;
    size_t n;
    switch (vi->op) {
    case OP_REF: return vschema(c, k->u.ref.target, inst);
    case OP_DYNREF:
        /* a $dynamicRef that resolves statically; dynamic ones keep the
         * schema out of this walker */
        return k->u.ref.anchor ? CANNOT_TELL : vschema(c, k->u.ref.target, inst);
    case OP_ENUM: return kw_enum_ok(k, inst);
    case OP_CONST: return jv_equal(inst, k->value);
    case OP_MULTIPLE_OF: case OP_MAXIMUM: case OP_EXCL_MAXIMUM: case OP_MINIMUM: case OP_EXCL_MINIMUM:
        return kw_number_ok(k, inst);
    case OP_MAX_LENGTH: case OP_MIN_LENGTH: return kw_length_ok(k, inst, &n);
    case OP_PATTERN: return kw_pattern_ok(k, inst, c->md) == 1;
    case OP_FORMAT: return kw_format_ok(k, inst);
    case OP_MAX_ITEMS: case OP_MIN_ITEMS: case OP_MAX_PROPS: case OP_MIN_PROPS: return kw_count_ok(k, inst, &n);
    case OP_UNIQUE_ITEMS: {
        size_t a, b;
        return t != cJSON_Array ? 1 : kw_unique_ok(inst, &a, &b);
    }
    case OP_CONTAINS: return t != cJSON_Array ? 1 : vcontains(c, k, inst);
    case OP_REQUIRED:
        if (t != cJSON_Object) return 1;
        if (vi->simple) return (met->seen & vi->mask) == vi->mask;
        for (size_t i = 0; i < k->u.required.n; i++)
            if (!kw_required_has(k, i, inst, met->seen)) return 0;
        return 1;
    case OP_DEP_REQUIRED:
        if (t != cJSON_Object) return 1;
        for (size_t i = 0; i < k->u.dep_required.n; i++) {
            const dep_req *d = &k->u.dep_required.v[i];
            if (!json_member(inst, d->name)) continue;
            for (size_t j = 0; j < d->req.n; j++)
                if (!json_member(inst, d->req.names[j])) return 0;
        }
        return 1;
    case OP_ALL_OF:
        if (vi->disc && met->watch && t == cJSON_Object) return vallof_disc(c, vi->disc, inst, met);
        for (size_t i = 0; i < k->u.subs.n; i++)
            if ((r = vschema(c, k->u.subs.v[i], inst)) != 1) return r;
        return 1;
    case OP_ANY_OF: return vsome(c, k, inst, 0);
    case OP_ONE_OF: return vsome(c, k, inst, 1);
    case OP_NOT:
        r = vschema(c, k->u.sub, inst);
        return r < 0 ? r : !r;
    case OP_IF: {
        r = vschema(c, k->u.cond.cond, inst);
        if (r < 0) return r;
        const cschema *next = r ? k->u.cond.then_s : k->u.cond.else_s;
        return next ? vschema(c, next, inst) : 1;
    }
    case OP_DEP_SCHEMAS:
        if (t != cJSON_Object) return 1;
        for (size_t i = 0; i < k->u.dep_schemas.n; i++) {
            const prop_entry *d = &k->u.dep_schemas.v[i];
            if (json_member(inst, d->name) && (r = vschema(c, d->sub, inst)) != 1) return r;
        }
        return 1;
    case OP_ITEMS: return t != cJSON_Array ? 1 : vitems(c, k, inst);
    case OP_PROPERTIES: return t != cJSON_Object ? 1 : vproperties(c, vi, inst, met);
    case OP_PROPERTY_NAMES: return t != cJSON_Object ? 1 : vproperty_names(c, k, inst);
    default: return CANNOT_TELL; /* unevaluated*: not walked here */
    }
}

static int vschema(vctx *c, const cschema *s, const cJSON *inst)
{
    s = schema_follow(s);
    if (s->boolean >= 0) return s->boolean;
    /* the type first: it is cheap and most keywords depend on it */
    if (!kw_types_allow(s->ctypes, inst)) return 0;
    int r = 1;
    if (s->shape == SHAPE_SCALAR) return vscalar(c, s->scalar, inst);
    if (s->shape == SHAPE_OBJECT) return vobject(c, s, inst);
    if (c->depth >= EVAL_MAX_DEPTH || c->idepth > c->s->max_depth) return CANNOT_TELL;
    c->depth++;
    int t = KW_TYPE_OF(inst);
    if (s->shape == SHAPE_ARRAY) {
        if (t == cJSON_Array) r = vitems(c, s->vprog[0].k, inst);
    } else {
        vmet met;
        met.seen = 0;
        met.watch = s->watches;
        met.have = met.dup = 0;
        for (size_t i = 0; i < s->nvprog && r == 1; i++) r = vkeyword(c, &s->vprog[i], inst, &met);
    }
    c->depth--;
    return r;
}

int schema_verdict(const jsv_schema *s, const cJSON *instance, pcre2_match_data *md)
{
    if (!s->verdict) return CANNOT_TELL;
    vctx c = { s, md, 0, 0 };
    return vschema(&c, s->root, instance);
}
