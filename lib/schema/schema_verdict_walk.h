/* schema_verdict_walk.h - the verdict walk, written once over a document
 * form (internal to the library; see schema_verdict.c for what it does).
 *
 * A file includes this after defining, for its document form (the walk's
 * context is engine.h's verdict_ctx):
 *   vnode                  a value (a const pointer type)
 *   vn_type(v)             cJSON's type bits of v
 *   vn_child(v), vn_next(v)  first child, next sibling (NULL at the end)
 *   vn_types_allow(c, want, v)  kw_types_allow() for v
 *   vn_scalar(c, p, v)     a SHAPE_SCALAR program on v (type checked)
 *   vn_value_keyword(c, k, v)   enum, const, the number, length, pattern
 *                          and format keywords on v
 *   vn_unique(c, v)        uniqueItems on array v
 *   vn_key_find(c, keys, n, index, mask, m)  kw_key_find() for member m
 *   vn_key(c, m, &len)     member m's whole name (len bytes; it may hold
 *                          U+0000)
 *   vn_key_matches(c, re, m)    ecma_regex_run_search() of regex re on
 *                          member m's whole name (patternProperties)
 *   vn_key_value(c, m, &tmp)   member m's whole name as a string value
 *                          (for propertyNames), built in *tmp (a vnode_tmp)
 *   vn_member(c, obj, name, len, hash)  json_member_h() for obj
 * Each of the answering ones returns 1 (holds), 0 (does not) or a
 * negative answer (CANNOT_TELL, engine.h, or a regex search's code),
 * which ends the walk with "cannot tell": a form may answer so for what
 * it cannot check, a regex that cannot be evaluated answers so in every
 * form, and the caller then asks the reporting walk on a tree, which
 * decides or says the verdict is undecided.  "Cannot tell" never becomes
 * a verdict on the way up: not, if, anyOf, oneOf and contains keep it
 * unless their other parts decide.
 *
 * The walk's functions return the same: 1 valid, 0 invalid, negative
 * "cannot tell" (the entry points turn it into CANNOT_TELL).
 *
 * Names: every function here is static and written under its own name
 * (vschema, vobject, vproperties, ...; no name is made by a macro), so
 * each including file gets its own walk under the same names, and the
 * entry points (schema_verdict_run, schema_verdict_tape_run) are written
 * out in the including files.  The accessors are static inline functions
 * there, not function pointers: the walk is the engine's hot path, and
 * each form's accessors inline into it. */

/* What the properties pass of one schema application met, for the
 * keywords after it: the properties slots (for required), and the members
 * noted for a discriminated allOf (engine.h, disc_prog). */
typedef struct vmet {
    uint64_t seen;
    int watch;                        /* note members (s->watches) */
    uint8_t have, dup;                /* slots filled; filled twice */
    vnode found[DISC_SLOTS];
} vmet;

/* Member m matched a key that has a slot. */
static inline void vmet_note(vmet *met, const prop_key *key, vnode m)
{
    if (!met->watch) return;
    unsigned slot = key->watch - 1u, bit = 1u << slot;
    if (met->have & bit) met->dup |= (uint8_t)bit;
    met->have |= (uint8_t)bit;
    met->found[slot] = m;
}

static int vschema(verdict_ctx *c, const cschema *s, vnode inst);
static int vproperties(verdict_ctx *c, const vinstr *vi, vnode inst, vmet *met);

/* A SHAPE_OBJECT schema (s followed, not boolean, its type checked): its
 * properties and the required names they answer, without the general
 * walk's dispatch. */
static int vobject(verdict_ctx *c, const cschema *s, vnode inst)
{
    if (vn_type(inst) != cJSON_Object) return 1;
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

/* A value against a member's or item's schema, from the parent's copy:
 * the commonest subschemas, a bare type or a few assertions on the value,
 * are answered here without a frame. */
static inline __attribute__((always_inline)) int vsub(verdict_ctx *c, const sub_ref *r, vnode v)
{
    if (r->shape == SHAPE_TYPE_ONLY) return vn_types_allow(c, r->ctypes, v);
    if (r->shape == SHAPE_SCALAR) {
        int t = vn_types_allow(c, r->ctypes, v);
        return t == 1 ? vn_scalar(c, r->scalar, v) : t;
    }
    if (r->shape == SHAPE_OBJECT) {
        int t = vn_types_allow(c, r->ctypes, v);
        if (t != 1) return t;
    }
    c->idepth++;
    int res = r->shape == SHAPE_OBJECT ? vobject(c, r->s, v) : vschema(c, r->s, v);
    c->idepth--;
    return res;
}

/* The same for a subschema the parent keeps no copy for (patterns,
 * additionalProperties, prefixItems, contains, propertyNames). */
static int vchild(verdict_ctx *c, const cschema *s, vnode child)
{
    sub_ref r;
    sub_ref_fill(&r, s);
    return vsub(c, &r, child);
}

/* properties with a few names (no index: see schema_compile.c), no
 * patternProperties, and no additionalProperties but false (vi->closed:
 * an unnamed member fails).  This is the discriminator of an if ("kind" is
 * "event"), looked for among every member of an object that other
 * keywords walk too: most members match no name, so a member costs a hash
 * compare per name. */
static int vfew(verdict_ctx *c, const vinstr *vi, vnode inst, vmet *met)
{
    for (vnode m = vn_child(inst); m; m = vn_next(m)) {
        const prop_key *key = vn_key_find(c, vi->keys, vi->nkeys, NULL, 0, m);
        if (!key) {
            if (vi->closed) return 0;
            continue;
        }
        met->seen |= key->bit;
        if (key->watch) vmet_note(met, key, m);
        int r = vsub(c, &key->sub, m);
        if (r != 1) return r;
    }
    return 1;
}

/* patternProperties for member m (its whole name is the subject); sets
 * *matched when a pattern matches.  Out of line: few schemas have any,
 * and the properties pass around it is the hot walk. */
static __attribute__((noinline)) int vpatterns(verdict_ctx *c, const ckw *k, vnode m, int *matched)
{
    for (size_t j = 0; j < k->u.props.npats; j++) {
        const pat_entry *pt = &k->u.props.pats[j];
        int hit = vn_key_matches(c, pt->re, m);
        if (hit < 0) return hit; /* which schemas apply is unknown */
        if (!hit) continue;
        int r = vchild(c, pt->sub, m);
        if (r != 1) return r;
        *matched = 1;
    }
    return 1;
}

static int vproperties(verdict_ctx *c, const vinstr *vi, vnode inst, vmet *met)
{
    if (vi->simple && !vi->index) return vfew(c, vi, inst, met);
    const ckw *k = vi->k;
    for (vnode m = vn_child(inst); m; m = vn_next(m)) {
        int matched = 0, r;
        const prop_key *key = vi->keys ? vn_key_find(c, vi->keys, vi->nkeys, vi->index, vi->mask, m) : NULL;
        if (key) {
            met->seen |= key->bit;
            if (key->watch) vmet_note(met, key, m);
            if ((r = vsub(c, &key->sub, m)) != 1) return r;
            matched = 1;
        } else if (vi->closed) {
            return 0;
        }
        if (vi->simple) continue;
        if (k->u.props.npats && (r = vpatterns(c, k, m, &matched)) != 1) return r;
        if (!matched && k->u.props.additional && (r = vchild(c, k->u.props.additional, m)) != 1) return r;
    }
    return 1;
}

static int vitems(verdict_ctx *c, const ckw *k, vnode inst)
{
    size_t i = 0;
    vnode e = vn_child(inst);
    int r;
    for (; e && i < k->u.items.nprefix; e = vn_next(e), i++)
        if ((r = vchild(c, k->u.items.prefix[i], e)) != 1) return r;
    if (!k->u.items.items) return 1;
    for (; e; e = vn_next(e))
        if ((r = vsub(c, &k->u.items.items_ref, e)) != 1) return r;
    return 1;
}

static int vcontains(verdict_ctx *c, const ckw *k, vnode inst)
{
    size_t found = 0;
    for (vnode e = vn_child(inst); e; e = vn_next(e)) {
        int r = vchild(c, k->u.contains.sub, e);
        if (r < 0) return r;
        found += (size_t)r;
        if (!k->u.contains.has_max && found >= k->u.contains.min) return 1;
    }
    return found >= k->u.contains.min && (!k->u.contains.has_max || found <= k->u.contains.max);
}

/* anyOf (one = 0) or oneOf (one = 1). */
static int vsome(verdict_ctx *c, const ckw *k, vnode inst, int one)
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

static int vproperty_names(verdict_ctx *c, const ckw *k, vnode inst)
{
    for (vnode m = vn_child(inst); m; m = vn_next(m)) {
        vnode_tmp tmp;
        int r = vchild(c, k->u.sub, vn_key_value(c, m, &tmp));
        if (r != 1) return r;
    }
    return 1;
}

/* A discriminated allOf on an object whose properties pass has run:
 * each branch the slots answer is an if decided from the noted members
 * (a member met twice sends the branch the general way, as the condition
 * must then hold for both); the others are walked. */
static int vallof_disc(verdict_ctx *c, const disc_prog *d, vnode inst, const vmet *met)
{
    for (size_t i = 0; i < d->n; i++) {
        const disc_branch *b = &d->b[i];
        int r;
        if (!b->fast || (met->dup & b->watched)) {
            r = vschema(c, b->branch, inst);
        } else {
            int holds = vn_types_allow(c, b->cond_ctypes, inst);
            if (holds < 0) return holds;
            for (size_t j = 0; j < b->ntests && holds; j++) {
                const disc_test *dt = &b->tests[j];
                vnode m = (met->have >> dt->slot) & 1 ? met->found[dt->slot] : NULL;
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

/* maxItems / minItems / maxProperties / minProperties (kw_count_ok). */
static int vcount(const ckw *k, vnode inst)
{
    int want = (k->op == OP_MAX_ITEMS || k->op == OP_MIN_ITEMS) ? cJSON_Array : cJSON_Object;
    if (vn_type(inst) != want) return 1;
    size_t n = 0;
    for (vnode e = vn_child(inst); e; e = vn_next(e)) n++;
    return (k->op == OP_MAX_ITEMS || k->op == OP_MAX_PROPS) ? n <= k->u.count : n >= k->u.count;
}

/* Is the i-th required name present (kw_required_has)? */
static int vrequired_has(verdict_ctx *c, const ckw *k, size_t i, vnode inst, uint64_t seen)
{
    const int16_t *pidx = k->u.required.prop_idx;
    if (pidx && pidx[i] >= 0) return (int)((seen >> pidx[i]) & 1);
    return vn_member(c, inst, k->u.required.names[i], k->u.required.lens[i], k->u.required.hashes[i]) != NULL;
}

/* Is the name (len bytes, json_key_hash hash) a member of inst?  Out of
 * line: dependentRequired and dependentSchemas are rare, and this inlined
 * into vkeyword grows the hot walk around it. */
static __attribute__((noinline)) int vhas(verdict_ctx *c, vnode inst, const char *name, size_t len, uint32_t hash)
{
    return vn_member(c, inst, name, len, hash) != NULL;
}

static int vkeyword(verdict_ctx *c, const vinstr *vi, vnode inst, vmet *met)
{
    const ckw *k = vi->k;
    int t = vn_type(inst), r;
    switch (vi->op) {
    case OP_REF: return vschema(c, k->u.ref.target, inst);
    case OP_DYNREF:
        /* a $dynamicRef that resolves statically; dynamic ones keep the
         * schema out of this walker */
        return k->u.ref.anchor ? CANNOT_TELL : vschema(c, k->u.ref.target, inst);
    case OP_ENUM: case OP_CONST:
    case OP_MULTIPLE_OF: case OP_MAXIMUM: case OP_EXCL_MAXIMUM: case OP_MINIMUM: case OP_EXCL_MINIMUM:
    case OP_MAX_LENGTH: case OP_MIN_LENGTH: case OP_PATTERN: case OP_FORMAT:
        return vn_value_keyword(c, k, inst);
    case OP_MAX_ITEMS: case OP_MIN_ITEMS: case OP_MAX_PROPS: case OP_MIN_PROPS: return vcount(k, inst);
    case OP_UNIQUE_ITEMS: return t != cJSON_Array ? 1 : vn_unique(c, inst);
    case OP_CONTAINS: return t != cJSON_Array ? 1 : vcontains(c, k, inst);
    case OP_REQUIRED:
        if (t != cJSON_Object) return 1;
        if (vi->simple) return (met->seen & vi->mask) == vi->mask;
        for (size_t i = 0; i < k->u.required.n; i++)
            if (!vrequired_has(c, k, i, inst, met->seen)) return 0;
        return 1;
    case OP_DEP_REQUIRED:
        if (t != cJSON_Object) return 1;
        for (size_t i = 0; i < k->u.dep_required.n; i++) {
            const dep_req *d = &k->u.dep_required.v[i];
            if (!vhas(c, inst, d->name, d->len, d->hash)) continue;
            for (size_t j = 0; j < d->req.n; j++)
                if (!vhas(c, inst, d->req.names[j], d->req.lens[j], d->req.hashes[j])) return 0;
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
            if (vhas(c, inst, d->name, d->len, d->hash) && (r = vschema(c, d->sub, inst)) != 1) return r;
        }
        return 1;
    case OP_ITEMS: return t != cJSON_Array ? 1 : vitems(c, k, inst);
    case OP_PROPERTIES: return t != cJSON_Object ? 1 : vproperties(c, vi, inst, met);
    case OP_PROPERTY_NAMES: return t != cJSON_Object ? 1 : vproperty_names(c, k, inst);
    default: return CANNOT_TELL; /* unevaluated*: not walked here */
    }
}

static int vschema(verdict_ctx *c, const cschema *s, vnode inst)
{
    s = schema_follow(s);
    if (s->boolean >= 0) return s->boolean;
    /* the type first: it is cheap and most keywords depend on it */
    int r = vn_types_allow(c, s->ctypes, inst);
    if (r != 1) return r;
    if (s->shape == SHAPE_SCALAR) return vn_scalar(c, s->scalar, inst);
    if (s->shape == SHAPE_OBJECT) return vobject(c, s, inst);
    if (c->depth >= EVAL_MAX_DEPTH || c->idepth > c->s->max_depth) return CANNOT_TELL;
    c->depth++;
    int t = vn_type(inst);
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
