/* schema_verdict_tape.c - the verdict walk over tapes (json_tape_parse).
 *
 * The same walk as schema_verdict.c (schema_verdict_walk.h), reading a
 * tape's entries instead of a tree's nodes.  A scalar is checked by
 * filling a json_node on the stack from its entry (the string's bytes
 * stay in the input, a number's text is copied out to be terminated) and
 * asking keyword.h, so every keyword means exactly what it means on a
 * tree.  What a tape cannot answer this way is "cannot tell": uniqueItems,
 * enum or const that could equal an array or object, and numbers whose
 * text is longer than TAPE_NUMBER_TEXT; the caller then parses a tree and
 * asks the reporting walk, which decides. */
#include "engine.h"
#include "json_tape.h"
#include "keyword.h"

#include <string.h>

typedef const jt_value *vnode;
typedef jt_value vnode_tmp;

/* Longest number text copied out for an exact comparison. */
#define TAPE_NUMBER_TEXT 128

/* A scalar entry as a parsed tree node (see json_parse.h). */
typedef struct tape_scalar {
    json_node n;
    char text[TAPE_NUMBER_TEXT];
} tape_scalar;

/* Fill *out from scalar entry v: 1, or CANNOT_TELL for a number text too
 * long to copy. */
static inline int scalar_node(const verdict_ctx *c, vnode v, tape_scalar *out)
{
    cJSON *item = &out->n.item;
    item->next = item->prev = item->child = NULL;
    item->string = NULL;
    item->type = v->type | JSON_NODE_PARSED;
    if (v->type == cJSON_String) {
        item->valuestring = (char *)jt_str(c->t, v);
        out->n.len = v->u.str.len;
    } else if (v->type == cJSON_Number) {
        size_t len;
        const char *text = jt_number_text(c->t, v, &len);
        if (len >= sizeof out->text) return CANNOT_TELL;
        memcpy(out->text, text, len);
        out->text[len] = '\0';
        out->n.text = out->text;
        out->n.len = len;
        item->valuedouble = v->u.num;
        if (v->flags & JT_INTEGER_TEXT) item->type |= JSON_NODE_INTEGER_TEXT;
    }
    return 1;
}

static inline int vn_type(vnode v) { return v->type; }
static inline vnode vn_child(vnode v) { return jt_child(v); }
static inline vnode vn_next(vnode v) { return jt_next(v); }

static inline int vn_types_allow(verdict_ctx *c, unsigned want, vnode v)
{
    unsigned t = v->type;
    if (want & t) return 1;
    if (t != cJSON_Number || !(want & CT_INTEGER)) return 0;
    if (v->flags & JT_INTEGER_TEXT) return 1;
    tape_scalar x;
    if (scalar_node(c, v, &x) != 1) return CANNOT_TELL;
    return jv_is_integer(&x.n.item);
}

/* Can a value of an array or object be equal to keyword k's value (const)
 * or to one of its values (enum)?  Only when one of them is an array or
 * object too; then the tape cannot tell. */
static inline int container_equal_possible(const ckw *k)
{
    if (k->op == OP_CONST) return cJSON_IsArray(k->value) || cJSON_IsObject(k->value);
    for (const cJSON *e = k->value->child; e; e = e->next)
        if (cJSON_IsArray(e) || cJSON_IsObject(e)) return 1;
    return 0;
}

static inline int vn_value_keyword(verdict_ctx *c, const ckw *k, vnode v)
{
    if (v->type == cJSON_Array || v->type == cJSON_Object) {
        if (k->op != OP_ENUM && k->op != OP_CONST) return 1; /* about scalars only */
        return container_equal_possible(k) ? CANNOT_TELL : 0;
    }
    tape_scalar x;
    if (scalar_node(c, v, &x) != 1) return CANNOT_TELL;
    return kw_value_ok(k, &x.n.item, c->rx);
}

static inline __attribute__((always_inline)) int vn_scalar(verdict_ctx *c, const scalar_prog *p, vnode v)
{
    if (v->type == cJSON_Array || v->type == cJSON_Object) {
        /* of a scalar program only enum and const look at these */
        if (p->enum_values && container_equal_possible(p->enum_values)) return CANNOT_TELL;
        if (p->const_value && container_equal_possible(p->const_value)) return CANNOT_TELL;
        return !p->enum_values && !p->const_value;
    }
    tape_scalar x;
    if (scalar_node(c, v, &x) != 1) return CANNOT_TELL;
    return kw_scalar_ok(p, &x.n.item, c->rx);
}

static inline int vn_unique(verdict_ctx *c, vnode v)
{
    (void)c;
    (void)v;
    return CANNOT_TELL;
}

/* json_key_word() of member m's name k: where 8 bytes can be read from k
 * inside its buffer, one load with the bytes past the name masked off
 * (json_key_word's copy through a small buffer stalls the load that
 * follows it). */
static inline uint64_t tape_key_word(const verdict_ctx *c, vnode m, const char *k)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    size_t len = m->key_len;
    const char *end = (m->flags & JT_KEY_DECODED) ? c->t->decoded + c->t->ndecoded : c->t->input + c->t->input_len;
    if (end - k >= 8) {
        uint64_t w;
        memcpy(&w, k, 8);
        return len >= 8 ? w : w & (((uint64_t)1 << (8 * len)) - 1);
    }
#endif
    return json_key_word(k, m->key_len);
}

/* Is key the name of member m (hash and length matched)? */
static inline int tape_key_names(const verdict_ctx *c, const prop_key *key, vnode m)
{
    const char *k = jt_key(c->t, m);
    return kw_key_names_at(key, k, tape_key_word(c, m, k));
}

_Static_assert(offsetof(jt_value, key_hash) == offsetof(jt_value, key_len) + 4, "key_len, key_hash adjacent");

static inline const prop_key *vn_key_find(verdict_ctx *c, const prop_key *keys, size_t n, const uint16_t *index,
                                          size_t mask, vnode m)
{
    uint64_t id;
    memcpy(&id, &m->key_len, 8);
    if (!index) {
        for (size_t j = 0; j < n; j++)
            if (kw_key_id(&keys[j]) == id && tape_key_names(c, &keys[j], m)) return &keys[j];
        return NULL;
    }
    for (size_t j = m->key_hash & mask; index[j]; j = (j + 1) & mask) {
        const prop_key *key = &keys[index[j] - 1];
        if (kw_key_id(key) == id && tape_key_names(c, key, m)) return key;
    }
    return NULL;
}

static inline const char *vn_key(verdict_ctx *c, vnode m, size_t *len)
{
    *len = m->key_len;
    return jt_key(c->t, m);
}

/* (the parser has checked the name's UTF-8) */
static inline int vn_key_matches(verdict_ctx *c, const ecma_regex *re, vnode m)
{
    size_t len;
    const char *k = vn_key(c, m, &len);
    return ecma_regex_run_search(c->rx, re, k, len, 1);
}

static inline vnode vn_key_value(verdict_ctx *c, vnode m, vnode_tmp *tmp)
{
    (void)c;
    memset(tmp, 0, sizeof *tmp);
    tmp->type = cJSON_String;
    tmp->flags = (m->flags & JT_KEY_DECODED) ? JT_STR_DECODED : 0;
    tmp->u.str.off = m->key_off;
    tmp->u.str.len = m->key_len;
    tmp->pos = m->pos;
    return tmp;
}

static inline vnode vn_member(verdict_ctx *c, vnode obj, const char *name, size_t len, uint32_t hash)
{
    return jt_member_h(c->t, obj, name, len, hash);
}

#include "schema_verdict_walk.h"

int schema_verdict_tape(const jsv_schema *s, const json_tape *t, pcre2_match_data *md)
{
    ecma_regex_run rx;
    ecma_regex_run_init(&rx, md, s->regex_budget_ms);
    return schema_verdict_tape_run(s, t, &rx);
}

int schema_verdict_tape_run(const jsv_schema *s, const json_tape *t, ecma_regex_run *rx)
{
    const jt_value *root = t ? jt_root(t) : NULL;
    if (!s->verdict || !root) return CANNOT_TELL;
    verdict_ctx c = { s, rx, 0, 0, t };
    int v = vschema(&c, s->root, root);
    return v < 0 ? CANNOT_TELL : v;
}

int jsv_tape_names_declared(const jsv_schema *s, const json_tape *t)
{
    /* the entries with a key are the members: a key's bytes sit either in
     * the side buffer (JT_KEY_DECODED) or in the input after its opening
     * quote, so at offset 1 or more; the root and array elements keep
     * key_off 0 and no flag */
    if (!s || !t)
        return 1;
    const struct map_slot *slots = s->declared.t.slots;
    size_t mask = s->declared.t.cap - 1;
    const jt_value *v = t->v + 1, *end = t->v + t->n;
    if (!slots)
        return t->n <= 1; /* nothing declared: any member is unknown */
    for (; v < end; v++) {
        if (!(v->flags & JT_KEY_DECODED) && !v->key_off)
            continue;
        uint64_t h = (uint64_t)v->key_len << 32 | v->key_hash;
        size_t j = h & mask;
        while (slots[j].key && slots[j].hash != h)
            j = (j + 1) & mask;
        if (!slots[j].key)
            return 0;
    }
    return 1;
}
