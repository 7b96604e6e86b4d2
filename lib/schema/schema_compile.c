/* schema_compile.c - turn schema documents into the flat keyword program.
 *
 * Every schema object becomes one cschema holding an array of keyword ops
 * in evaluation order (in-place applicators before unevaluated*).  All
 * references are resolved here, every regex is compiled here and every
 * keyword value is type-checked here, so evaluation never parses, resolves
 * or fails on the schema.  Compilation is memoized per schema object, which
 * also makes recursive schemas ($ref cycles) terminate. */
#include "engine.h"
#include "json_pointer.h"
#include "json_value.h"
#include "keyword.h"
#include "uri.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JT(x) ((x)->type & 0xFF)

enum vocab {
    V_CORE = 1, V_APPLICATOR = 2, V_UNEVALUATED = 4, V_VALIDATION = 8,
    V_METADATA = 16, V_FORMAT_ANNOTATION = 32, V_FORMAT_ASSERTION = 64, V_CONTENT = 128,
    V_DEFAULT = V_CORE | V_APPLICATOR | V_UNEVALUATED | V_VALIDATION | V_METADATA |
                V_FORMAT_ANNOTATION | V_CONTENT
};

/* Keyword compilers (kw_compilers[] below) and the most keywords one reads. */
#define KC_COUNT 26
#define KC_MAX_KW 6

typedef struct cctx {
    jsv_schema *s;
    jsv_error *err;
    int failed;
    /* json_key_filter() bits of each compiler's keywords (0 ends a list),
     * so a compiler none of whose keywords a schema object can hold is
     * not run (see compile_keywords) */
    uint64_t kc_bits[KC_COUNT][KC_MAX_KW];
    strmap vocab_cache; /* metaschema URI -> vocab bits + 1 (as pointer) */
    strmap res_names;   /* resource base URI -> interned copy (pointer identity) */
} cctx;

static void vcerr(cctx *c, const char *base, const char *pointer, const cJSON *node, const char *fmt, va_list ap)
{
    if (c->failed) return;   /* the first error is the one reported */
    c->failed = 1;
    engine_error(c->err, c->s->reg, base, pointer, node, fmt, ap);
}

static void cerr(cctx *c, const char *base, const char *pointer, const cJSON *node, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vcerr(c, base, pointer, node, fmt, ap);
    va_end(ap);
}

static void *calloc_from(cctx *c, arena *a, size_t n, size_t size)
{
    if (n && size > (size_t)-1 / n) return NULL;
    size_t bytes = n * size;
    void *p = arena_alloc(a, bytes ? bytes : 1);
    if (p) memset(p, 0, bytes);
    else c->failed = 1;
    return p;
}

static void *calloc_arena(cctx *c, size_t n, size_t size)
{
    return calloc_from(c, c->s->mem, n, size);
}

/* What the verdict walker reads for every value (schema records, their
 * programs, property indexes, scalar programs) comes from an arena of its
 * own, so that it sits together in the cache instead of among strings
 * and tables the walker never looks at. */
static void *calloc_hot(cctx *c, size_t n, size_t size)
{
    return calloc_from(c, c->s->hot, n, size);
}

static const char *astrdup(cctx *c, const char *s)
{
    return arena_strndup(c->s->mem, s, strlen(s));
}

/* Schema locations as JSON Pointers; "" when out of memory. */
static const char *join_ptr(cctx *c, const char *base, const char *tok)
{
    const char *s = jp_append(c->s->mem, base, tok);
    return s ? s : "";
}

/* base + "/" + member m's whole name. */
static const char *join_key(cctx *c, const char *base, const cJSON *m)
{
    const char *s = jp_append_n(c->s->mem, base, m->string, json_key_len(m));
    return s ? s : "";
}

static const char *join_idx(cctx *c, const char *base, size_t i)
{
    const char *s = jp_append_index(c->s->mem, base, i);
    return s ? s : "";
}

/* A schema text (a pattern, a name) for a message: a U+0000 written as
 * \u0000, so the text is neither cut there nor printed raw. */
static const char *shown_text(cctx *c, const char *s, size_t len)
{
    char *e = json_escape_nul(s, len);
    if (!e) return s;
    const char *kept = astrdup(c, e);
    free(e);
    return kept ? kept : "";
}

/* ---- vocabularies --------------------------------------------------- */

static unsigned vocab_of_uri(const char *u)
{
    static const struct { const char *suffix; unsigned bit; } map[] = {
        { "/vocab/core", V_CORE }, { "/vocab/applicator", V_APPLICATOR },
        { "/vocab/unevaluated", V_UNEVALUATED }, { "/vocab/validation", V_VALIDATION },
        { "/vocab/meta-data", V_METADATA }, { "/vocab/format-annotation", V_FORMAT_ANNOTATION },
        { "/vocab/format-assertion", V_FORMAT_ASSERTION }, { "/vocab/content", V_CONTENT },
    };
    const char *pre = "https://json-schema.org/draft/2020-12";
    if (strncmp(u, pre, strlen(pre))) return 0;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(u + strlen(pre), map[i].suffix)) return map[i].bit;
    return 0;
}

/* Vocabularies in force for schemas of the resource whose root is root. */
static unsigned vocab_for(cctx *c, const cJSON *root, const char *base)
{
    if (JT(root) != cJSON_Object) return V_DEFAULT;
    const cJSON *sch = json_member(root, "$schema");
    if (!sch || !cJSON_IsString(sch)) return V_DEFAULT;
    void *cached = strmap_get(&c->vocab_cache, sch->valuestring);
    if (cached) return (unsigned)((uintptr_t)cached - 1);
    unsigned v = V_DEFAULT;
    reg_target t;
    char *abs = uri_resolve(base, sch->valuestring);
    if (abs && registry_find(c->s->reg, abs, &t) == 0 && JT(t.node) == cJSON_Object) {
        const cJSON *voc = json_member(t.node, "$vocabulary");
        if (voc && JT(voc) == cJSON_Object) {
            v = V_CORE;
            for (const cJSON *m = voc->child; m; m = m->next) {
                /* a name holding U+0000 is no vocabulary's URI */
                unsigned bit = json_key_len(m) == strlen(m->string) ? vocab_of_uri(m->string) : 0;
                if (bit) v |= bit;
                else if (cJSON_IsTrue(m))
                    cerr(c, base, "/$schema", sch, "metaschema %s requires the unknown vocabulary %s",
                         sch->valuestring, shown_text(c, m->string, json_key_len(m)));
            }
        }
    }
    free(abs);
    const char *key = astrdup(c, sch->valuestring);
    if (key) strmap_put(&c->vocab_cache, key, (void *)(uintptr_t)(v + 1));
    return v;
}

/* ---- helpers -------------------------------------------------------- */

static int is_schema_value(const cJSON *v)
{
    return JT(v) == cJSON_Object || cJSON_IsBool(v);
}

static int as_count(const cJSON *v, size_t *out)
{
    if (!cJSON_IsNumber(v)) return 0;
    double d = v->valuedouble;
    if (!(d >= 0) || d != floor(d) || d > 9007199254740991.0) return 0;
    *out = (size_t)d;
    return 1;
}

static cschema *compile_node(cctx *c, const cJSON *node, const char *base, const char *pointer);

/* A property name (len bytes) with its json_key_hash(). */
static void prop_entry_name(prop_entry *pe, const char *name, size_t len)
{
    pe->name = name;
    pe->len = (uint32_t)len;
    pe->hash = json_key_hash(name, len);
}

/* A dependentRequired entry's name: member m's whole name. */
static void dep_req_name(dep_req *d, const cJSON *m)
{
    d->name = m->string;
    d->len = (uint32_t)json_key_len(m);
    d->hash = json_key_hash(d->name, d->len);
}

/* Are a[0..al) and b[0..bl) the same name? */
static int same_name(const char *a, size_t al, const char *b, size_t bl)
{
    return al == bl && memcmp(a, b, al) == 0;
}

/* The strings of array v (checked to be strings) as a name_list: each
 * with its byte length and json_key_hash().  0, or -1 when an element is
 * no string (or out of memory: c->failed). */
static int name_list_fill(cctx *c, name_list *nl, const cJSON *v)
{
    size_t n = (size_t)cJSON_GetArraySize(v), i = 0;
    nl->n = n;
    nl->names = calloc_arena(c, n, sizeof(char *));
    nl->lens = calloc_arena(c, n, sizeof(uint32_t));
    nl->hashes = calloc_arena(c, n, sizeof(uint32_t));
    if (!nl->names || !nl->lens || !nl->hashes) return -1;
    for (const cJSON *e = v->child; e; e = e->next, i++) {
        if (!cJSON_IsString(e)) return -1;
        size_t len = json_string_len(e);
        nl->names[i] = e->valuestring;
        nl->lens[i] = (uint32_t)len;
        nl->hashes[i] = json_key_hash(e->valuestring, len);
    }
    return 0;
}


/* The lookup key for pe, the j-th name of its table (the required bit). */
static void prop_key_fill(prop_key *key, const prop_entry *pe, size_t j)
{
    key->hash = pe->hash;
    key->len = pe->len;
    kw_name_words(pe->name, pe->len, &key->w0, &key->w1);
    key->pe = pe;
    key->bit = j < 64 ? (uint64_t)1 << j : 0;
}

/* The hash index over keys[0..n), at most half full so that most
 * lookups take one probe; none for a few names, which are scanned (the
 * discriminator in an if: one or two properties, looked up for every
 * member).  -1 out of memory. */
static int key_index(cctx *c, const prop_key *keys, size_t n, uint16_t **index_out, size_t *nindex)
{
    *index_out = NULL;
    *nindex = 0;
    if (n <= 4 || n >= UINT16_MAX) return 0;
    size_t ns = 8;
    while (ns < n * 2) ns *= 2;
    uint16_t *index = calloc_hot(c, ns, sizeof *index);
    if (!index) return -1;
    for (size_t j = 0; j < n; j++) {
        size_t h = keys[j].hash & (ns - 1);
        while (index[h]) h = (h + 1) & (ns - 1);
        index[h] = (uint16_t)(j + 1);
    }
    *index_out = index;
    *nindex = ns;
    return 0;
}

/* The verdict walker's keys for a properties keyword (vp, without
 * patternProperties or additionalProperties) followed by a required
 * keyword (vr) naming members properties does not: those names join the
 * walker's table with a schema that accepts anything, so the one pass
 * over the members that properties makes also says which required names
 * are there, and required becomes a mask test instead of a search per
 * name.  The reporting walk keeps the keywords' own tables.  -1 out of
 * memory; 0 also when nothing changes (no such name, or more than 64
 * names in all). */
static int walker_keys(cctx *c, vinstr *vp, vinstr *vr)
{
    const ckw *kp = vp->k, *kr = vr->k;
    size_t np = kp->u.props.nprops, nreq = kr->u.required.n, n = np;
    if (!kr->u.required.prop_idx || np + nreq > 64) return 0;
    /* a closed object's keys are its properties: a required name it does
     * not declare stays with the required walk (a member of that name is
     * not allowed, which a presence-only key would let pass) */
    for (size_t i = 0; vp->closed && i < nreq; i++)
        if (kr->u.required.prop_idx[i] < 0) return 0;
    prop_key *keys = calloc_hot(c, np + nreq, sizeof *keys);
    prop_entry *extra = calloc_arena(c, nreq, sizeof *extra);
    if (!keys || !extra) return -1;
    if (np) memcpy(keys, kp->u.props.keys, np * sizeof *keys);
    uint64_t mask = kr->u.required.seen_mask;
    for (size_t i = 0; i < nreq; i++) {
        if (kr->u.required.prop_idx[i] >= 0) continue;
        const char *name = kr->u.required.names[i];
        size_t len = kr->u.required.lens[i], j = np;
        while (j < n && !same_name(keys[j].pe->name, keys[j].pe->len, name, len)) j++;
        if (j == n) {
            prop_entry *pe = &extra[n - np];
            prop_entry_name(pe, name, len);
            prop_key *key = &keys[n++];
            prop_key_fill(key, pe, j);
            /* required asks only for presence: any member passes */
            key->sub.shape = SHAPE_TYPE_ONLY;
            key->sub.ctypes = 0xFF;
        }
        mask |= (uint64_t)1 << j;
    }
    uint16_t *index;
    size_t nindex;
    if (key_index(c, keys, n, &index, &nindex)) return -1;
    vp->keys = keys;
    vp->nkeys = (uint32_t)n;
    vp->index = index;
    vp->mask = nindex ? nindex - 1 : 0;
    vr->mask = mask;
    vr->simple = 1;
    return 0;
}

/* The slot of the member named name among the walker's keys (giving it
 * one if it has none yet), or -1: not a key, or no slot left. */
static int watch_slot(prop_key *keys, size_t n, const char *name, size_t len, unsigned *nwatch)
{
    for (size_t j = 0; j < n; j++) {
        if (!same_name(keys[j].pe->name, keys[j].pe->len, name, len)) continue;
        if (!keys[j].watch) {
            if (*nwatch == DISC_SLOTS) return -1;
            keys[j].watch = (uint8_t)++*nwatch;
        }
        return keys[j].watch - 1;
    }
    return -1;
}

/* The test of slot in b, added or merged; NULL when b has no room. */
static disc_test *disc_test_for(disc_branch *b, int slot)
{
    for (size_t i = 0; i < b->ntests; i++)
        if (b->tests[i].slot == slot) return &b->tests[i];
    if (b->ntests == DISC_TESTS) return NULL;
    disc_test *t = &b->tests[b->ntests++];
    t->slot = (uint8_t)slot;
    b->watched |= (uint8_t)(1u << slot);
    return t;
}

/* Can the walker answer allOf branch b from the slots of keys[0..n)?
 * The branch must be nothing but an if (then and else are walked as
 * usual) whose condition is nothing but type, required and properties
 * (no patternProperties or additionalProperties), every name in them one
 * of the keys: then the condition holds when the object has the type,
 * every required name was met, and each met member the condition's
 * properties name passes its schema.  Fills b; 1 when it qualifies. */
static int disc_branch_fill(disc_branch *b, prop_key *keys, size_t n, unsigned *nwatch)
{
    const cschema *t = schema_follow(b->branch);
    if (t->boolean >= 0 || !t->compiled || t->nkw != 1 || t->kw[0].op != OP_IF) return 0;
    const cschema *cond = schema_follow(t->kw[0].u.cond.cond);
    if (cond->boolean >= 0 || !cond->compiled) return 0;
    for (size_t i = 0; i < cond->nkw; i++) {
        const ckw *k = &cond->kw[i];
        if (k->op == OP_TYPE) continue;
        if (k->op == OP_REQUIRED) {
            for (size_t j = 0; j < k->u.required.n; j++) {
                int slot = watch_slot(keys, n, k->u.required.names[j], k->u.required.lens[j], nwatch);
                disc_test *dt = slot < 0 ? NULL : disc_test_for(b, slot);
                if (!dt) return 0;
                dt->required = 1;
            }
        } else if (k->op == OP_PROPERTIES && !k->u.props.npats && !k->u.props.additional) {
            for (size_t j = 0; j < k->u.props.nprops; j++) {
                const prop_entry *pe = &k->u.props.props[j];
                int slot = watch_slot(keys, n, pe->name, pe->len, nwatch);
                disc_test *dt = slot < 0 ? NULL : disc_test_for(b, slot);
                if (!dt) return 0;
                dt->has_sub = 1;
                dt->sub = k->u.props.keys[j].sub;
            }
        } else {
            return 0;
        }
    }
    b->cond_ctypes = cond->ctypes;
    b->then_s = t->kw[0].u.cond.then_s;
    b->else_s = t->kw[0].u.cond.else_s;
    b->fast = 1;
    return 1;
}

/* Discriminated allOf (engine.h, disc_prog) for a SHAPE_GENERAL schema
 * whose program has a properties keyword: each allOf branch the slots can
 * answer gets its tests, and properties (with the required right after
 * it) moves to the front of the program so that the slots are filled when
 * allOf runs.  The verdict is every keyword holding, so their order does
 * not change it.  -1 out of memory. */
static int disc_compile(cctx *c, cschema *s)
{
    size_t ip = s->nvprog;
    for (size_t i = 0; i < s->nvprog; i++)
        if (s->vprog[i].op == OP_PROPERTIES) ip = i;
    if (ip == s->nvprog || !s->vprog[ip].keys) return 0;
    prop_key *keys = (prop_key *)s->vprog[ip].keys; /* the walker's own table (calloc_hot) */
    size_t nkeys = s->vprog[ip].nkeys;
    unsigned nwatch = 0;
    for (size_t i = 0; i < s->nvprog; i++) {
        vinstr *va = &s->vprog[i];
        if (va->op != OP_ALL_OF) continue;
        size_t n = va->k->u.subs.n;
        disc_branch *b = calloc_hot(c, n, sizeof *b);
        disc_prog *d = calloc_hot(c, 1, sizeof *d);
        if (!b || !d) return -1;
        int any = 0;
        for (size_t j = 0; j < n; j++) {
            b[j].branch = va->k->u.subs.v[j];
            any |= disc_branch_fill(&b[j], keys, nkeys, &nwatch);
        }
        if (!any) continue;
        d->b = b;
        d->n = n;
        va->disc = d;
        s->watches = 1;
    }
    if (!s->watches) return 0;
    /* properties, and a required after it, first */
    size_t take = ip + 1 < s->nvprog && s->vprog[ip + 1].op == OP_REQUIRED ? 2 : 1;
    vinstr front[2];
    memcpy(front, &s->vprog[ip], take * sizeof *front);
    memmove(&s->vprog[take], &s->vprog[0], ip * sizeof *front);
    memcpy(&s->vprog[0], front, take * sizeof *front);
    return 0;
}

/* types, shape and scalar program (engine.h) from the keyword program;
 * -1 out of memory. */
static int classify(cctx *c, cschema *s)
{
    unsigned types = T_NULL | T_BOOL | T_OBJECT | T_ARRAY | T_NUMBER | T_STRING | T_INTEGER;
    int scalar = 1, type_only = 1;
    for (size_t i = 0; i < s->nkw; i++) {
        switch (s->kw[i].op) {
        case OP_TYPE: types = s->kw[i].u.types; break;
        case OP_ENUM: case OP_CONST: case OP_MULTIPLE_OF: case OP_MAXIMUM: case OP_EXCL_MAXIMUM:
        case OP_MINIMUM: case OP_EXCL_MINIMUM: case OP_MAX_LENGTH: case OP_MIN_LENGTH:
        case OP_PATTERN: case OP_FORMAT:
            type_only = 0;
            break;
        default: scalar = type_only = 0;
        }
    }
    s->ctypes = types_as_cjson(types);
    s->shape = type_only ? SHAPE_TYPE_ONLY : scalar ? SHAPE_SCALAR : SHAPE_GENERAL;
    for (size_t i = 0; i < s->nkw; i++) {
        ckw *k = &s->kw[i];
        if (k->op == OP_PROPERTIES) {
            for (size_t j = 0; j < k->u.props.nprops; j++)
                sub_ref_fill(&k->u.props.keys[j].sub, k->u.props.props[j].sub);
        } else if (k->op == OP_ITEMS && k->u.items.items) {
            sub_ref_fill(&k->u.items.items_ref, k->u.items.items);
        }
    }
    if (s->shape == SHAPE_GENERAL) {
        /* the verdict walker checks the type before the keywords */
        s->vprog = calloc_hot(c, s->nkw, sizeof *s->vprog);
        if (!s->vprog) return -1;
        for (size_t i = 0; i < s->nkw; i++)
            if (s->kw[i].op != OP_TYPE) {
                const ckw *k = &s->kw[i];
                vinstr *vi = &s->vprog[s->nvprog++];
                vi->k = k;
                vi->op = k->op;
                if (k->op == OP_PROPERTIES) {
                    vi->keys = k->u.props.nprops ? k->u.props.keys : NULL;
                    vi->nkeys = (uint32_t)k->u.props.nprops;
                    vi->index = k->u.props.index;
                    vi->mask = k->u.props.nindex ? k->u.props.nindex - 1 : 0;
                    /* additionalProperties false (a closed object) is a
                     * name lookup's miss: it keeps the simple walk */
                    vi->closed = !k->u.props.npats && k->u.props.additional &&
                                 k->u.props.additional->boolean == 0;
                    vi->simple = !k->u.props.npats && (!k->u.props.additional || vi->closed);
                } else if (k->op == OP_REQUIRED) {
                    vi->mask = k->u.required.seen_mask;
                    vi->simple = (unsigned char)k->u.required.all_in_mask;
                }
            }
        /* required right after properties reads what properties saw
         * (see compile_node) */
        for (size_t i = 0; i + 1 < s->nvprog; i++)
            if (s->vprog[i].op == OP_PROPERTIES && s->vprog[i].simple && s->vprog[i + 1].op == OP_REQUIRED &&
                !s->vprog[i + 1].simple && walker_keys(c, &s->vprog[i], &s->vprog[i + 1]))
                return -1;
        if (disc_compile(c, s)) return -1;
        /* the two commonest programs get a walk without keyword dispatch */
        const vinstr *v = s->vprog;
        if (s->nvprog >= 1 && s->nvprog <= 2 && v[0].op == OP_PROPERTIES && v[0].simple &&
            (s->nvprog == 1 || (v[1].op == OP_REQUIRED && v[1].simple)))
            s->shape = SHAPE_OBJECT;
        else if (s->nvprog == 1 && v[0].op == OP_ITEMS && !v[0].k->u.items.nprefix)
            s->shape = SHAPE_ARRAY;
        return 0;
    }
    if (s->shape != SHAPE_SCALAR) return 0;
    scalar_prog *p = calloc_hot(c, 1, sizeof *p);
    if (!p) return -1;
    for (size_t i = 0; i < s->nkw; i++) {
        const ckw *k = &s->kw[i];
        switch (k->op) {
        case OP_MAX_LENGTH: p->has_max = 1; p->max_length = k->u.count; break;
        case OP_MIN_LENGTH: p->has_min = 1; p->min_length = k->u.count; break;
        case OP_FORMAT: p->format = k->u.format.fn; break;
        case OP_PATTERN: p->pattern = k; break;
        case OP_ENUM:
            p->enum_values = k;
            p->strs = k->u.values.strs;
            p->nstrs = k->u.values.nstrs;
            break;
        case OP_CONST:
            p->const_value = k;
            if (JT(k->value) == cJSON_String) {
                p->const_str.s = k->value->valuestring;
                p->const_str.len = json_string_len(k->value);
            }
            break;
        case OP_TYPE: break;
        default: p->number[p->nnumber++] = k; break;
        }
    }
    s->scalar = p;
    return 0;
}

/* Compile the schema at an absolute URI (a $ref target). */
static cschema *compile_uri(cctx *c, const char *uri, const cJSON *at, const char *base, const char *ptr,
                            const char *what)
{
    reg_target t;
    if (registry_find(c->s->reg, uri, &t)) {
        cerr(c, base, ptr, at, "cannot resolve %s \"%s\" (no schema at %s)", what,
             at && cJSON_IsString(at) ? at->valuestring : uri, uri);
        return NULL;
    }
    char *b = uri_strip_fragment(uri);
    const char *frag = strchr(uri, '#');
    cschema *r = compile_node(c, t.node, b ? astrdup(c, b) : base, frag && frag[1] == '/' ? astrdup(c, frag + 1) : "");
    free(b);
    return r;
}

static ckw *add_kw(cctx *c, ckw **v, size_t *n, size_t *cap, uint8_t op, const char *kw, const cJSON *value)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 8;
        ckw *nv = calloc_arena(c, nc, sizeof *nv);
        if (!nv) return NULL;
        if (*n) memcpy(nv, *v, *n * sizeof *nv);
        *v = nv;
        *cap = nc;
    }
    ckw *k = &(*v)[(*n)++];
    memset(k, 0, sizeof *k);
    k->op = op;
    k->kw = kw;
    k->value = value;
    return k;
}

static ecma_regex *compile_regex(cctx *c, const char *src, size_t len, const char *base, const char *ptr,
                                 const cJSON *at)
{
    char eb[256];
    ecma_regex *re = ecma_regex_compile(src, len, eb, sizeof eb);
    if (!re) {
        cerr(c, base, ptr, at, "invalid regular expression \"%s\": %s", shown_text(c, src, len), eb);
        return NULL;
    }
    jsv_schema *s = c->s;
    if (s->nregex == s->capregex) {
        size_t nc = s->capregex ? s->capregex * 2 : 16;
        ecma_regex **nv = realloc(s->regexes, nc * sizeof *nv);
        if (!nv) { ecma_regex_free(re); c->failed = 1; return NULL; }
        s->regexes = nv;
        s->capregex = nc;
    }
    s->regexes[s->nregex++] = re;
    return re;
}

/* Collect every $dynamicAnchor named name in the registry, compiled. */
static int collect_dyn_targets(cctx *c, const char *name, dyn_anchor **out, size_t *nout)
{
    size_t cap = 0, n = 0;
    dyn_anchor *v = NULL;
    size_t nl = strlen(name);
    for (const jsv_registry *r = c->s->reg; r; r = r->parent) {
        size_t pos = 0;
        const char *key;
        void *val;
        while (strmap_next(&r->targets, &pos, &key, &val)) {
            const reg_target *t = val;
            if (!t->dynamic) continue;
            const char *h = strrchr(key, '#');
            if (!h || strcmp(h + 1, name) || strlen(h + 1) != nl) continue;
            const reg_loc *l = registry_loc(r, t->node);
            int was_failed = c->failed;
            cschema *cs = compile_node(c, t->node, l ? l->base : "", l ? l->pointer : "");
            if (!cs || (c->failed && !was_failed)) return -1;
            if (n == cap) {
                size_t nc = cap ? cap * 2 : 4;
                dyn_anchor *nv = calloc_arena(c, nc, sizeof *nv);
                if (!nv) return -1;
                if (n) memcpy(nv, v, n * sizeof *nv);
                v = nv;
                cap = nc;
            }
            v[n].res = cs->res;
            v[n].target = cs;
            n++;
        }
    }
    *out = v;
    *nout = n;
    return 0;
}

/* ---- the compiler ---------------------------------------------------
 *
 * compile_node() is a driver: the schema's record (schema_record), then
 * one compiler per keyword from kw_compilers[], in evaluation order, then
 * the steps over the whole program (link_dynamic_refs, order_required),
 * then the walker's view of it (classify).
 *
 * Return codes, one meaning per family:
 *   the keyword compilers (kc_*) and the program steps: 0 done (an absent
 *     keyword is done), -1 failed, with the error set (kfail / cerr: the
 *     first error is the one reported) or c->failed set (out of memory);
 *   compile_node, compile_uri, schema_record: the schema, or NULL as -1. */

/* One schema object being compiled: where it is, the vocabularies in
 * force, and its program so far. */
typedef struct kwctx {
    cctx *c;
    cschema *s;
    const cJSON *node;
    const char *base, *pointer;
    unsigned vocab;
    ckw *kws;
    size_t nkw, capkw;
} kwctx;

static const cJSON *kget(const kwctx *b, const char *name)
{
    return json_member(b->node, name);
}

/* The schema location of keyword name. */
static const char *kptr(kwctx *b, const char *name)
{
    return join_ptr(b->c, b->pointer, name);
}

static ckw *kadd(kwctx *b, uint8_t op, const char *kw, const cJSON *value)
{
    return add_kw(b->c, &b->kws, &b->nkw, &b->capkw, op, kw, value);
}

/* Subschema v at ptr, compiled. */
static cschema *ksub(kwctx *b, const cJSON *v, const char *ptr)
{
    return compile_node(b->c, v, b->base, ptr);
}

/* Keyword at's value v is wrong: the error names it; -1. */
static int kfail(kwctx *b, const char *at, const cJSON *v, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vcerr(b->c, b->base, kptr(b, at), v, fmt, ap);
    va_end(ap);
    return -1;
}

/* The subschemas of array v, into *out (n of them) at ptr/0, ptr/1, ... */
static int ksub_array(kwctx *b, const cJSON *v, const char *ptr, cschema ***out, size_t *n)
{
    *n = (size_t)cJSON_GetArraySize(v);
    *out = calloc_arena(b->c, *n, sizeof(cschema *));
    if (!*out) return -1;
    size_t j = 0;
    for (const cJSON *e = v->child; e; e = e->next, j++)
        if (!((*out)[j] = ksub(b, e, join_idx(b->c, ptr, j)))) return -1;
    return 0;
}

/* ---- core and the extension: $ref, $dynamicRef, x-error, $defs ---- */

static int kc_ref(kwctx *b)
{
    const cJSON *v = kget(b, "$ref");
    if (!v) return 0;
    if (!cJSON_IsString(v)) return kfail(b, "$ref", v, "$ref must be a string");
    char *u = uri_resolve(b->base, v->valuestring);
    if (!u) { b->c->failed = 1; return -1; }
    ckw *k = kadd(b, OP_REF, "$ref", v);
    if (k) k->u.ref.target = compile_uri(b->c, u, v, b->base, kptr(b, "$ref"), "$ref");
    free(u);
    return k && k->u.ref.target ? 0 : -1;
}

static int kc_dynamic_ref(kwctx *b)
{
    const cJSON *v = kget(b, "$dynamicRef");
    if (!v) return 0;
    if (!cJSON_IsString(v)) return kfail(b, "$dynamicRef", v, "$dynamicRef must be a string");
    char *u = uri_resolve(b->base, v->valuestring);
    if (!u) { b->c->failed = 1; return -1; }
    ckw *k = kadd(b, OP_DYNREF, "$dynamicRef", v);
    if (!k) { free(u); return -1; }
    k->u.ref.target = compile_uri(b->c, u, v, b->base, kptr(b, "$dynamicRef"), "$dynamicRef");
    const char *frag = strchr(u, '#');
    reg_target t;
    /* dynamic only when the initial target carries a matching $dynamicAnchor */
    if (k->u.ref.target && frag && frag[1] && frag[1] != '/' && registry_find(b->c->s->reg, u, &t) == 0 &&
        t.dynamic) {
        k->u.ref.anchor = astrdup(b->c, frag + 1);
    }
    free(u);
    return k->u.ref.target ? 0 : -1;
}

/* x-error and x-error-at (extension; see jsv.h) */
static int kc_x_error(kwctx *b)
{
    const cJSON *v = kget(b, "x-error");
    if (!v) return 0;
    if (!cJSON_IsString(v)) return kfail(b, "x-error", v, "x-error must be a string");
    b->s->x_error = v->valuestring;
    return 0;
}

static int kc_x_error_at(kwctx *b)
{
    const cJSON *v = kget(b, "x-error-at");
    if (!v) return 0;
    if (!cJSON_IsString(v) || (v->valuestring[0] && v->valuestring[0] != '/'))
        return kfail(b, "x-error-at", v, "x-error-at must be a JSON Pointer string");
    b->s->x_error_at = v;
    return 0;
}

/* $defs: compiled so that errors in them surface at load time */
static int kc_defs(kwctx *b)
{
    const cJSON *v = kget(b, "$defs");
    if (!v) return 0;
    if (JT(v) != cJSON_Object) return kfail(b, "$defs", v, "$defs must be an object");
    for (const cJSON *m = v->child; m; m = m->next)
        if (!ksub(b, m, join_key(b->c, kptr(b, "$defs"), m))) return -1;
    return 0;
}

/* ---- validation ------------------------------------------------------ */

static int kc_type(kwctx *b)
{
    static const struct { const char *n; unsigned b; } tn[] = {
        { "null", T_NULL }, { "boolean", T_BOOL }, { "object", T_OBJECT }, { "array", T_ARRAY },
        { "number", T_NUMBER }, { "string", T_STRING }, { "integer", T_INTEGER } };
    const cJSON *v = kget(b, "type");
    if (!v) return 0;
    unsigned mask = 0;
    const cJSON *e = cJSON_IsString(v) ? v : (JT(v) == cJSON_Array ? v->child : NULL);
    if (!e && !(JT(v) == cJSON_Array)) return kfail(b, "type", v, "type must be a string or an array of strings");
    for (; e; e = (e == v) ? NULL : e->next) {
        if (!cJSON_IsString(e)) return kfail(b, "type", v, "type must be a string or an array of strings");
        size_t i;
        for (i = 0; i < 7; i++) if (json_string_is(e, tn[i].n)) break;
        if (i == 7)
            return kfail(b, "type", v, "unknown type \"%s\"", shown_text(b->c, e->valuestring, json_string_len(e)));
        mask |= tn[i].b;
    }
    ckw *k = kadd(b, OP_TYPE, "type", v);
    if (!k) return -1;
    k->u.types = mask;
    return 0;
}

static int kc_enum(kwctx *b)
{
    const cJSON *v = kget(b, "enum");
    if (!v) return 0;
    if (JT(v) != cJSON_Array) return kfail(b, "enum", v, "enum must be an array");
    ckw *k = kadd(b, OP_ENUM, "enum", v);
    if (!k) return -1;
    size_t n = (size_t)cJSON_GetArraySize(v), i = 0;
    k->u.values.n = n;
    k->u.values.hashes = calloc_arena(b->c, n, sizeof(uint64_t));
    if (!k->u.values.hashes) return -1;
    for (const cJSON *e = v->child; e; e = e->next, i++) k->u.values.hashes[i] = jv_hash(e);
    /* the string values apart, compared by length first */
    k->u.values.strs = calloc_arena(b->c, n, sizeof *k->u.values.strs);
    if (!k->u.values.strs) return -1;
    for (const cJSON *e = v->child; e; e = e->next)
        if (JT(e) == cJSON_String)
            k->u.values.strs[k->u.values.nstrs++] = (struct enum_str){ e->valuestring, json_string_len(e) };
    return 0;
}

static int kc_const(kwctx *b)
{
    const cJSON *v = kget(b, "const");
    return !v || kadd(b, OP_CONST, "const", v) ? 0 : -1;
}

/* multipleOf, maximum, exclusiveMaximum, minimum, exclusiveMinimum */
static int kc_number_bounds(kwctx *b)
{
    static const struct { const char *kw; uint8_t op; } numkw[] = {
        { "multipleOf", OP_MULTIPLE_OF }, { "maximum", OP_MAXIMUM }, { "exclusiveMaximum", OP_EXCL_MAXIMUM },
        { "minimum", OP_MINIMUM }, { "exclusiveMinimum", OP_EXCL_MINIMUM } };
    for (size_t i = 0; i < 5; i++) {
        const cJSON *v = kget(b, numkw[i].kw);
        if (!v) continue;
        if (!cJSON_IsNumber(v)) return kfail(b, numkw[i].kw, v, "%s must be a number", numkw[i].kw);
        if (numkw[i].op == OP_MULTIPLE_OF && !(v->valuedouble > 0))
            return kfail(b, numkw[i].kw, v, "multipleOf must be greater than 0");
        if (!kadd(b, numkw[i].op, numkw[i].kw, v)) return -1;
    }
    return 0;
}

/* maxLength, minLength, maxItems, minItems, maxProperties, minProperties */
static int kc_counts(kwctx *b)
{
    static const struct { const char *kw; uint8_t op; } cntkw[] = {
        { "maxLength", OP_MAX_LENGTH }, { "minLength", OP_MIN_LENGTH }, { "maxItems", OP_MAX_ITEMS },
        { "minItems", OP_MIN_ITEMS }, { "maxProperties", OP_MAX_PROPS }, { "minProperties", OP_MIN_PROPS } };
    for (size_t i = 0; i < 6; i++) {
        const cJSON *v = kget(b, cntkw[i].kw);
        if (!v) continue;
        size_t n;
        if (!as_count(v, &n)) return kfail(b, cntkw[i].kw, v, "%s must be a non-negative integer", cntkw[i].kw);
        ckw *k = kadd(b, cntkw[i].op, cntkw[i].kw, v);
        if (!k) return -1;
        k->u.count = n;
    }
    return 0;
}

static int kc_pattern(kwctx *b)
{
    const cJSON *v = kget(b, "pattern");
    if (!v) return 0;
    if (!cJSON_IsString(v)) return kfail(b, "pattern", v, "pattern must be a string");
    ckw *k = kadd(b, OP_PATTERN, "pattern", v);
    if (!k) return -1;
    k->u.pattern.src = v->valuestring;
    k->u.pattern.re = compile_regex(b->c, v->valuestring, json_string_len(v), b->base, kptr(b, "pattern"), v);
    return k->u.pattern.re ? 0 : -1;
}

static int kc_unique_items(kwctx *b)
{
    const cJSON *v = kget(b, "uniqueItems");
    if (!v) return 0;
    if (!cJSON_IsBool(v)) return kfail(b, "uniqueItems", v, "uniqueItems must be a boolean");
    return !cJSON_IsTrue(v) || kadd(b, OP_UNIQUE_ITEMS, "uniqueItems", v) ? 0 : -1;
}

static int kc_required(kwctx *b)
{
    const cJSON *v = kget(b, "required");
    if (!v) return 0;
    if (JT(v) != cJSON_Array) return kfail(b, "required", v, "required must be an array of strings");
    ckw *k = kadd(b, OP_REQUIRED, "required", v);
    if (!k) return -1;
    if (name_list_fill(b->c, &k->u.required, v))
        return b->c->failed ? -1 : kfail(b, "required", v, "required must be an array of strings");
    return 0;
}

static int kc_dependent_required(kwctx *b)
{
    const cJSON *v = kget(b, "dependentRequired");
    if (!v) return 0;
    if (JT(v) != cJSON_Object) return kfail(b, "dependentRequired", v, "dependentRequired must be an object");
    size_t n = (size_t)cJSON_GetArraySize(v), i = 0;
    ckw *k = kadd(b, OP_DEP_REQUIRED, "dependentRequired", v);
    if (!k || !(k->u.dep_required.v = calloc_arena(b->c, n, sizeof(dep_req)))) return -1;
    k->u.dep_required.n = n;
    for (const cJSON *m = v->child; m; m = m->next, i++) {
        if (JT(m) != cJSON_Array)
            return kfail(b, "dependentRequired", v, "dependentRequired values must be arrays of strings");
        dep_req *d = &k->u.dep_required.v[i];
        dep_req_name(d, m);
        if (name_list_fill(b->c, &d->req, m))
            return b->c->failed ? -1
                                : kfail(b, "dependentRequired", v, "dependentRequired values must be arrays of strings");
    }
    return 0;
}

/* format: an assertion when the format-assertion vocabulary is in force
 * or the schema was not compiled with JSV_FORMAT_ANNOTATION; otherwise,
 * and for formats the engine does not know, an annotation (no op). */
static int kc_format(kwctx *b)
{
    const cJSON *v = kget(b, "format");
    if (!v) return 0;
    if (!cJSON_IsString(v)) return kfail(b, "format", v, "format must be a string");
    int fmt_assert = !(b->c->s->flags & JSV_FORMAT_ANNOTATION) || (b->vocab & V_FORMAT_ASSERTION);
    /* a name holding U+0000 is no format's name */
    format_check_fn fn = json_string_len(v) == strlen(v->valuestring) ? format_lookup(v->valuestring) : NULL;
    if (!fn || !fmt_assert) return 0;
    ckw *k = kadd(b, OP_FORMAT, "format", v);
    if (!k) return -1;
    k->u.format.name = v->valuestring;
    k->u.format.fn = fn;
    k->u.format.assert = 1;
    return 0;
}

/* ---- applicators ----------------------------------------------------- */

/* allOf, anyOf, oneOf */
static int kc_subschema_lists(kwctx *b)
{
    static const struct { const char *kw; uint8_t op; } arrkw[] = {
        { "allOf", OP_ALL_OF }, { "anyOf", OP_ANY_OF }, { "oneOf", OP_ONE_OF } };
    for (size_t i = 0; i < 3; i++) {
        const cJSON *v = kget(b, arrkw[i].kw);
        if (!v) continue;
        if (JT(v) != cJSON_Array || !v->child)
            return kfail(b, arrkw[i].kw, v, "%s must be a non-empty array of schemas", arrkw[i].kw);
        ckw *k = kadd(b, arrkw[i].op, arrkw[i].kw, v);
        if (!k || ksub_array(b, v, kptr(b, arrkw[i].kw), &k->u.subs.v, &k->u.subs.n)) return -1;
    }
    return 0;
}

static int kc_not(kwctx *b)
{
    const cJSON *v = kget(b, "not");
    if (!v) return 0;
    ckw *k = kadd(b, OP_NOT, "not", v);
    return k && (k->u.sub = ksub(b, v, kptr(b, "not"))) ? 0 : -1;
}

/* if with then and else; then or else without if do nothing, but must
 * still be valid schemas */
static int kc_if(kwctx *b)
{
    const cJSON *v = kget(b, "if"), *t = kget(b, "then"), *e = kget(b, "else");
    if (!v) {
        if (t && !ksub(b, t, kptr(b, "then"))) return -1;
        if (e && !ksub(b, e, kptr(b, "else"))) return -1;
        return 0;
    }
    ckw *k = kadd(b, OP_IF, "if", v);
    if (!k || !(k->u.cond.cond = ksub(b, v, kptr(b, "if")))) return -1;
    if (t && !(k->u.cond.then_s = ksub(b, t, kptr(b, "then")))) return -1;
    if (e && !(k->u.cond.else_s = ksub(b, e, kptr(b, "else")))) return -1;
    return 0;
}

static int kc_dependent_schemas(kwctx *b)
{
    const cJSON *v = kget(b, "dependentSchemas");
    if (!v) return 0;
    if (JT(v) != cJSON_Object) return kfail(b, "dependentSchemas", v, "dependentSchemas must be an object of schemas");
    size_t n = (size_t)cJSON_GetArraySize(v), i = 0;
    ckw *k = kadd(b, OP_DEP_SCHEMAS, "dependentSchemas", v);
    if (!k || !(k->u.dep_schemas.v = calloc_arena(b->c, n, sizeof(prop_entry)))) return -1;
    k->u.dep_schemas.n = n;
    for (const cJSON *m = v->child; m; m = m->next, i++) {
        prop_entry_name(&k->u.dep_schemas.v[i], m->string, json_key_len(m));
        if (!(k->u.dep_schemas.v[i].sub = ksub(b, m, join_key(b->c, kptr(b, "dependentSchemas"), m)))) return -1;
    }
    return 0;
}

/* "dependencies" (drafts 4-7): arrays act as dependentRequired, schemas
 * as dependentSchemas - accepted for compatibility */
static int kc_dependencies(kwctx *b)
{
    const cJSON *v = kget(b, "dependencies");
    if (!v || JT(v) != cJSON_Object) return 0;
    size_t n = (size_t)cJSON_GetArraySize(v), nr = 0, ns = 0;
    ckw *kr = kadd(b, OP_DEP_REQUIRED, "dependencies", v);
    if (!kr) return -1;
    dep_req *rq = calloc_arena(b->c, n, sizeof(dep_req));
    prop_entry *sc = calloc_arena(b->c, n, sizeof(prop_entry));
    if (!rq || !sc) return -1;
    for (const cJSON *m = v->child; m; m = m->next) {
        if (JT(m) == cJSON_Array) {
            dep_req *d = &rq[nr++];
            dep_req_name(d, m);
            if (name_list_fill(b->c, &d->req, m))
                return b->c->failed ? -1 : kfail(b, "dependencies", v, "dependencies arrays must hold strings");
        } else {
            prop_entry_name(&sc[ns], m->string, json_key_len(m));
            if (!(sc[ns++].sub = ksub(b, m, join_key(b->c, kptr(b, "dependencies"), m)))) return -1;
        }
    }
    kr->u.dep_required.v = rq;
    kr->u.dep_required.n = nr;
    ckw *ks = kadd(b, OP_DEP_SCHEMAS, "dependencies", v);
    if (!ks) return -1;
    ks->u.dep_schemas.v = sc;
    ks->u.dep_schemas.n = ns;
    return 0;
}

/* prefixItems and items, one op */
static int kc_items(kwctx *b)
{
    const cJSON *pi = kget(b, "prefixItems"), *it = kget(b, "items");
    if (!pi && !it) return 0;
    ckw *k = kadd(b, OP_ITEMS, pi ? "prefixItems" : "items", pi ? pi : it);
    if (!k) return -1;
    if (pi) {
        if (JT(pi) != cJSON_Array || !pi->child)
            return kfail(b, "prefixItems", pi, "prefixItems must be a non-empty array of schemas");
        if (ksub_array(b, pi, kptr(b, "prefixItems"), &k->u.items.prefix, &k->u.items.nprefix)) return -1;
    }
    if (it) {
        if (!is_schema_value(it)) return kfail(b, "items", it, "items must be a schema (use prefixItems for tuples)");
        if (!(k->u.items.items = ksub(b, it, kptr(b, "items")))) return -1;
    }
    return 0;
}

/* contains with minContains and maxContains (validation vocabulary) */
static int kc_contains(kwctx *b)
{
    const cJSON *v = kget(b, "contains");
    if (!v) return 0;
    ckw *k = kadd(b, OP_CONTAINS, "contains", v);
    if (!k || !(k->u.contains.sub = ksub(b, v, kptr(b, "contains")))) return -1;
    k->u.contains.min = 1;
    const cJSON *mn = (b->vocab & V_VALIDATION) ? kget(b, "minContains") : NULL;
    const cJSON *mx = (b->vocab & V_VALIDATION) ? kget(b, "maxContains") : NULL;
    if (mn) {
        if (!as_count(mn, &k->u.contains.min))
            return kfail(b, "minContains", mn, "minContains must be a non-negative integer");
        k->u.contains.has_min = 1;
    }
    if (mx) {
        if (!as_count(mx, &k->u.contains.max))
            return kfail(b, "maxContains", mx, "maxContains must be a non-negative integer");
        k->u.contains.has_max = 1;
    }
    return 0;
}

/* properties' entries of k, then its dense keys and an index at most half
 * full, so that most lookups take one probe */
static int properties_named(kwctx *b, ckw *k, const cJSON *pr)
{
    if (JT(pr) != cJSON_Object) return kfail(b, "properties", pr, "properties must be an object of schemas");
    size_t n = (size_t)cJSON_GetArraySize(pr), i = 0;
    if (!(k->u.props.props = calloc_arena(b->c, n, sizeof(prop_entry)))) return -1;
    k->u.props.nprops = n;
    k->u.props.has_props = 1;
    for (const cJSON *m = pr->child; m; m = m->next, i++) {
        prop_entry *pe = &k->u.props.props[i];
        prop_entry_name(pe, m->string, json_key_len(m));
        if (nameset_put(&b->c->s->declared, m->string, json_key_len(m), json_key_hash(m->string, json_key_len(m)))) {
            b->c->failed = 1;
            return -1;
        }
        if (!(pe->sub = ksub(b, m, join_key(b->c, kptr(b, "properties"), m)))) return -1;
    }
    if (!n) return 0;
    prop_key *keys = calloc_hot(b->c, n, sizeof *keys);
    if (!keys) return -1;
    for (size_t j = 0; j < n; j++) {
        prop_key_fill(&keys[j], &k->u.props.props[j], j);
        keys[j].sub.s = k->u.props.props[j].sub; /* filled in classify() */
    }
    k->u.props.keys = keys;
    return key_index(b->c, keys, n, &k->u.props.index, &k->u.props.nindex) ? -1 : 0;
}

/* patternProperties' entries of k: each regex and its schema */
static int properties_patterns(kwctx *b, ckw *k, const cJSON *pp)
{
    if (JT(pp) != cJSON_Object)
        return kfail(b, "patternProperties", pp, "patternProperties must be an object of schemas");
    size_t n = (size_t)cJSON_GetArraySize(pp), i = 0;
    if (!(k->u.props.pats = calloc_arena(b->c, n, sizeof(pat_entry)))) return -1;
    k->u.props.npats = n;
    k->u.props.has_pats = 1;
    for (const cJSON *m = pp->child; m; m = m->next, i++) {
        pat_entry *pe = &k->u.props.pats[i];
        pe->src = m->string;
        pe->src_len = (uint32_t)json_key_len(m);
        const char *pp_ptr = join_key(b->c, kptr(b, "patternProperties"), m);
        if (!(pe->re = compile_regex(b->c, pe->src, pe->src_len, b->base, pp_ptr, m))) return -1;
        if (!(pe->sub = ksub(b, m, pp_ptr))) return -1;
    }
    return 0;
}

/* properties, patternProperties and additionalProperties, one op */
static int kc_properties(kwctx *b)
{
    const cJSON *pr = kget(b, "properties"), *pp = kget(b, "patternProperties"), *ap = kget(b, "additionalProperties");
    if (!pr && !pp && !ap) return 0;
    ckw *k = kadd(b, OP_PROPERTIES, pr ? "properties" : pp ? "patternProperties" : "additionalProperties",
                  pr ? pr : pp ? pp : ap);
    if (!k) return -1;
    if (pr && properties_named(b, k, pr)) return -1;
    if (pp && properties_patterns(b, k, pp)) return -1;
    if (ap && !(k->u.props.additional = ksub(b, ap, kptr(b, "additionalProperties")))) return -1;
    return 0;
}

static int kc_property_names(kwctx *b)
{
    const cJSON *v = kget(b, "propertyNames");
    if (!v) return 0;
    ckw *k = kadd(b, OP_PROPERTY_NAMES, "propertyNames", v);
    return k && (k->u.sub = ksub(b, v, kptr(b, "propertyNames"))) ? 0 : -1;
}

/* ---- unevaluated ------------------------------------------------------ */

/* unevaluatedItems or unevaluatedProperties (op): the schema tracks
 * annotations, and so does the whole compiled schema */
static int unevaluated(kwctx *b, uint8_t op, const char *kw)
{
    const cJSON *v = kget(b, kw);
    if (!v) return 0;
    ckw *k = kadd(b, op, kw, v);
    if (!k || !(k->u.sub = ksub(b, v, kptr(b, kw)))) return -1;
    b->s->tracks = 1;
    b->c->s->annotations = 1;
    return 0;
}

static int kc_unevaluated_items(kwctx *b)
{
    return unevaluated(b, OP_UNEVAL_ITEMS, "unevaluatedItems");
}

static int kc_unevaluated_properties(kwctx *b)
{
    return unevaluated(b, OP_UNEVAL_PROPS, "unevaluatedProperties");
}

/* The keyword compilers in evaluation order (in-place applicators before
 * unevaluated*), each run when one of its vocabularies is in force (0:
 * always). */
static const struct kw_compiler {
    unsigned vocab;
    int (*compile)(kwctx *b);
    const char *kw[KC_MAX_KW];  /* the keywords it reads */
} kw_compilers[] = {
    { 0, kc_ref, { "$ref" } }, { 0, kc_dynamic_ref, { "$dynamicRef" } }, { 0, kc_x_error, { "x-error" } },
    { 0, kc_x_error_at, { "x-error-at" } }, { 0, kc_defs, { "$defs" } },
    { V_VALIDATION, kc_type, { "type" } }, { V_VALIDATION, kc_enum, { "enum" } },
    { V_VALIDATION, kc_const, { "const" } },
    { V_VALIDATION, kc_number_bounds, { "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum" } },
    { V_VALIDATION, kc_counts, { "maxLength", "minLength", "maxItems", "minItems", "maxProperties", "minProperties" } },
    { V_VALIDATION, kc_pattern, { "pattern" } }, { V_VALIDATION, kc_unique_items, { "uniqueItems" } },
    { V_VALIDATION, kc_required, { "required" } }, { V_VALIDATION, kc_dependent_required, { "dependentRequired" } },
    { V_FORMAT_ANNOTATION | V_FORMAT_ASSERTION, kc_format, { "format" } },
    { V_APPLICATOR, kc_subschema_lists, { "allOf", "anyOf", "oneOf" } }, { V_APPLICATOR, kc_not, { "not" } },
    { V_APPLICATOR, kc_if, { "if", "then", "else" } },
    { V_APPLICATOR, kc_dependent_schemas, { "dependentSchemas" } },
    { V_APPLICATOR, kc_dependencies, { "dependencies" } }, { V_APPLICATOR, kc_items, { "prefixItems", "items" } },
    { V_APPLICATOR, kc_contains, { "contains" } },
    { V_APPLICATOR, kc_properties, { "properties", "patternProperties", "additionalProperties" } },
    { V_APPLICATOR, kc_property_names, { "propertyNames" } },
    { V_UNEVALUATED, kc_unevaluated_items, { "unevaluatedItems" } },
    { V_UNEVALUATED, kc_unevaluated_properties, { "unevaluatedProperties" } },
};

_Static_assert(sizeof kw_compilers / sizeof kw_compilers[0] == KC_COUNT, "KC_COUNT is the number of compilers");

/* Fill c->kc_bits from kw_compilers[] (once per jsv_compile). */
static void kc_bits_init(cctx *c)
{
    for (size_t i = 0; i < KC_COUNT; i++)
        for (size_t k = 0; k < KC_MAX_KW; k++) {
            const char *kw = kw_compilers[i].kw[k];
            c->kc_bits[i][k] = kw ? json_key_filter(json_key_hash(kw, strlen(kw))) : 0;
        }
}

/* May a parsed object whose member names left `names` hold one of the
 * keywords with filter bits `bits`?  (A filter: no false "no".) */
static int may_hold(uint64_t names, const uint64_t *bits)
{
    for (size_t k = 0; k < KC_MAX_KW && bits[k]; k++)
        if ((names & bits[k]) == bits[k]) return 1;
    return 0;
}

/* Run the compilers in evaluation order.  A compiler none of whose
 * keywords the object can hold is skipped: each would look its keywords
 * up only to find them absent, and running all 26 for every schema
 * object cost 5 % of compiling the contract. */
static int compile_keywords(kwctx *b)
{
    const json_node *ni = json_node_info(b->node);
    for (size_t i = 0; i < KC_COUNT; i++) {
        const struct kw_compiler *e = &kw_compilers[i];
        if (e->vocab && !(b->vocab & e->vocab)) continue;
        if (ni && !may_hold(ni->names, b->c->kc_bits[i])) continue;
        if (e->compile(b)) return -1;
    }
    return 0;
}

/* ---- steps over the whole program ------------------------------------- */

/* $dynamicRef targets: every resource's anchor of that name */
static int link_dynamic_refs(kwctx *b)
{
    for (size_t i = 0; i < b->nkw; i++) {
        ckw *k = &b->kws[i];
        if (k->op != OP_DYNREF || !k->u.ref.anchor) continue;
        if (collect_dyn_targets(b->c, k->u.ref.anchor, &k->u.ref.cands, &k->u.ref.ncands)) return -1;
        b->c->s->dynamic = 1;
    }
    return 0;
}

/* Each required name's properties slot (-1: none), and whether all of
 * them fall in the 64 bits of the seen mask. */
static int map_required_slots(cctx *c, const ckw *kp, ckw *kr)
{
    int16_t *idx = calloc_arena(c, kr->u.required.n, sizeof(int16_t));
    if (!idx) return -1;
    for (size_t i = 0; i < kr->u.required.n; i++) {
        idx[i] = -1;
        for (size_t j = 0; j < kp->u.props.nprops; j++) {
            const prop_entry *pe = &kp->u.props.props[j];
            if (same_name(pe->name, pe->len, kr->u.required.names[i], kr->u.required.lens[i])) {
                idx[i] = (int16_t)j;
                break;
            }
        }
    }
    kr->u.required.prop_idx = idx;
    kr->u.required.all_in_mask = 1;
    for (size_t i = 0; i < kr->u.required.n; i++) {
        if (idx[i] >= 0 && idx[i] < 64) kr->u.required.seen_mask |= (uint64_t)1 << idx[i];
        else kr->u.required.all_in_mask = 0;
    }
    return 0;
}

/* required reads what properties saw: evaluate it right after properties
 * and map each name to its properties slot */
static int order_required(kwctx *b)
{
    ckw *kws = b->kws, *kp = NULL, *kr = NULL;
    for (size_t i = 0; i < b->nkw; i++) {
        if (kws[i].op == OP_PROPERTIES && kws[i].u.props.nprops <= 64) kp = &kws[i];
        if (kws[i].op == OP_REQUIRED) kr = &kws[i];
    }
    if (!kp || !kr) return 0;
    if (kr < kp) {
        ckw req = *kr;
        size_t ri = (size_t)(kr - kws), pi = (size_t)(kp - kws);
        memmove(&kws[ri], &kws[ri + 1], (pi - ri) * sizeof *kws);
        kws[pi] = req;
        kp = &kws[pi - 1];
        kr = &kws[pi];
    }
    return map_required_slots(b->c, kp, kr);
}

/* ---- the driver --------------------------------------------------------- */

/* A new schema record for node, found again by node from now on: its
 * absolute location and its resource (base, interned: resources are
 * compared by pointer during evaluation, see registry.c). */
static cschema *schema_record(cctx *c, const cJSON *node, const char *base, const char *pointer)
{
    cschema *s = calloc_hot(c, 1, sizeof *s);
    if (!s) return NULL;
    s->src = node;
    /* base#pointer, the pointer percent-encoded where a fragment needs it */
    strbuf ab = {0};
    sb_puts(&ab, base);
    sb_append(&ab, "#", 1);
    jp_fragment_append(&ab, pointer, strlen(pointer));
    s->abs = ab.oom ? NULL : arena_strndup(c->s->mem, ab.data, ab.len);
    sb_free(&ab);
    if (!s->abs) { c->failed = 1; return NULL; }
    s->boolean = -1;
    if (ptrmap_put(&c->s->by_node, node, s)) { c->failed = 1; return NULL; }
    const char *res = strmap_get(&c->res_names, base);
    if (!res) {
        res = astrdup(c, base);
        if (!res || strmap_put(&c->res_names, res, (void *)res)) { c->failed = 1; return NULL; }
    }
    s->res = res;
    return s;
}

static cschema *compile_node(cctx *c, const cJSON *node, const char *base, const char *pointer)
{
    if (c->failed) return NULL;
    cschema *s = ptrmap_get(&c->s->by_node, node);
    if (s) return s;
    const reg_loc *loc = registry_loc(c->s->reg, node);
    if (loc) { base = loc->base; pointer = loc->pointer; }
    if (!(s = schema_record(c, node, base, pointer))) return NULL;
    if (cJSON_IsBool(node)) { s->boolean = cJSON_IsTrue(node); s->compiled = 1; return s; }
    if (JT(node) != cJSON_Object) {
        cerr(c, base, pointer, node, "a schema must be an object or a boolean");
        return NULL;
    }
    reg_target rt;
    const cJSON *resroot = (registry_find(c->s->reg, base, &rt) == 0) ? rt.node : node;
    kwctx b = { .c = c, .s = s, .node = node, .base = base, .pointer = pointer, .vocab = vocab_for(c, resroot, base) };
    if (compile_keywords(&b) || link_dynamic_refs(&b) || order_required(&b)) return NULL;
    s->kw = b.kws;
    s->nkw = b.nkw;
    s->ref_only = b.nkw == 1 && b.kws[0].op == OP_REF && !s->x_error && !s->tracks;
    if (classify(c, s)) return NULL;
    s->compiled = 1;
    return c->failed ? NULL : s;
}

jsv_schema *jsv_compile(jsv_registry *reg, const char *uri, const jsv_options *opts, jsv_error *err)
{
    if (err) memset(err, 0, sizeof *err);
    jsv_schema *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->reg = reg;
    s->mem = arena_new(0);
    s->hot = arena_new(0);
    s->flags = opts ? opts->flags : 0;
    s->max_depth = opts && opts->max_depth ? opts->max_depth : 512;
    s->regex_budget_ms = opts && opts->regex_budget_ms ? opts->regex_budget_ms : JSV_REGEX_BUDGET_MS;
    if (!s->mem || !s->hot) {
        arena_free(s->mem);
        arena_free(s->hot);
        free(s);
        return NULL;
    }
    cctx c = { .s = s, .err = err };
    kc_bits_init(&c);
    char *u = uri_resolve(NULL, uri);
    if (u) {
        reg_target t;
        if (registry_find(reg, u, &t)) cerr(&c, u, NULL, NULL, "no schema registered at %s", u);
        else {
            char *b = uri_strip_fragment(u);
            const char *frag = strchr(u, '#');
            s->root = compile_node(&c, t.node, b ? astrdup(&c, b) : "", frag && frag[1] == '/' ? astrdup(&c, frag + 1) : "");
            free(b);
        }
    } else c.failed = 1;
    free(u);
    strmap_free(&c.vocab_cache);
    strmap_free(&c.res_names);
    if (c.failed || !s->root) {
        if (err && !err->message[0]) snprintf(err->message, sizeof err->message, "out of memory");
        jsv_schema_free(s);
        return NULL;
    }
    /* the unknown-property log is a product of the reporting walk */
    s->verdict = !s->dynamic && !s->annotations && !(s->flags & JSV_REPORT_UNKNOWN);
    return s;
}

void jsv_schema_free(jsv_schema *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->nregex; i++) ecma_regex_free(s->regexes[i]);
    free(s->regexes);
    ptrmap_free(&s->by_node);
    nameset_free(&s->declared);
    arena_free(s->mem);
    arena_free(s->hot);
    free(s);
}
