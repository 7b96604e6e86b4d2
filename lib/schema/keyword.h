/* keyword.h - what the assertion keywords mean, as pure predicates over
 * one instance, and the properties-table lookup.
 *
 * The engine has two evaluators over the same compiled program:
 * schema_verdict.c answers valid / invalid as fast as it can, and
 * schema_eval.c walks again to say where and why when the answer is
 * invalid.  Both take a keyword's meaning from here, so it is written
 * once and the two cannot disagree on it.  Internal header. */
#ifndef KEYWORD_H
#define KEYWORD_H

#include "engine.h"
#include "json_value.h"

#include <stddef.h>
#include <string.h>

#define KW_TYPE_OF(x) ((x)->type & 0xFF)

/* Equal byte strings of len bytes, compared 8 bytes at a time (the last
 * word overlapping the one before; 4 at a time below 8 bytes), reading
 * nothing past len. */
static inline int kw_same_name(const char *a, const char *b, size_t len)
{
    if (len < 8) {
        /* short names and enum values: no call into the C library */
        if (len >= 4) {
            uint32_t p, q, r, s;
            memcpy(&p, a, 4);
            memcpy(&q, b, 4);
            memcpy(&r, a + len - 4, 4);
            memcpy(&s, b + len - 4, 4);
            return p == q && r == s;
        }
        for (size_t i = 0; i < len; i++)
            if (a[i] != b[i]) return 0;
        return 1;
    }
    uint64_t x, y;
    for (size_t i = 0; i + 8 < len; i += 8) {
        memcpy(&x, a + i, 8);
        memcpy(&y, b + i, 8);
        if (x != y) return 0;
    }
    memcpy(&x, a + len - 8, 8);
    memcpy(&y, b + len - 8, 8);
    return x == y;
}

/* Number of members of an object or items of an array. */
static inline size_t kw_child_count(const cJSON *v)
{
    size_t n = 0;
    for (const cJSON *e = v->child; e; e = e->next) n++;
    return n;
}

/* Does inst have one of the types in want (types_as_cjson() bits)?  An
 * integral number is an integer, so CT_INTEGER is looked at only for a
 * number that want does not allow as a number (the test costs a look at
 * its text). */
static inline int kw_types_allow(unsigned want, const cJSON *inst)
{
    unsigned t = KW_TYPE_OF(inst);
    if (want & t) return 1;
    return t == cJSON_Number && (want & CT_INTEGER) && jv_is_integer(inst);
}

static inline int kw_type_ok(const ckw *k, const cJSON *inst)
{
    return kw_types_allow(types_as_cjson(k->u.types), inst);
}

/* Is string inst one of the n strings? */
static inline int kw_enum_has_string(const struct enum_str *strs, size_t n, const cJSON *inst)
{
    /* a string equals only a string of the same bytes */
    size_t len = json_string_len(inst);
    for (size_t i = 0; i < n; i++)
        if (strs[i].len == len && kw_same_name(strs[i].s, inst->valuestring, len)) return 1;
    return 0;
}

/* enum: hashes first when the list is long enough to pay for one. */
static inline int kw_enum_ok(const ckw *k, const cJSON *inst)
{
    if (KW_TYPE_OF(inst) == cJSON_String && k->u.values.nstrs <= 16)
        return kw_enum_has_string(k->u.values.strs, k->u.values.nstrs, inst);
    if (k->u.values.n > 4) {
        uint64_t h = jv_hash(inst);
        size_t i = 0;
        for (const cJSON *e = k->value->child; e; e = e->next, i++)
            if (k->u.values.hashes[i] == h && jv_equal(inst, e)) return 1;
        return 0;
    }
    for (const cJSON *e = k->value->child; e; e = e->next)
        if (jv_equal(inst, e)) return 1;
    return 0;
}

/* multipleOf, maximum, exclusiveMaximum, minimum, exclusiveMinimum
 * (other types pass). */
static inline int kw_number_ok(const ckw *k, const cJSON *inst)
{
    if (KW_TYPE_OF(inst) != cJSON_Number) return 1;
    switch (k->op) {
    case OP_MULTIPLE_OF: return jv_multiple_of(inst, k->value);
    case OP_MAXIMUM: return jv_num_cmp(inst, k->value) <= 0;
    case OP_EXCL_MAXIMUM: return jv_num_cmp(inst, k->value) < 0;
    case OP_MINIMUM: return jv_num_cmp(inst, k->value) >= 0;
    default: return jv_num_cmp(inst, k->value) > 0; /* OP_EXCL_MINIMUM */
    }
}

/* maxLength (op OP_MAX_LENGTH) or minLength of count code points; *n
 * gets the length when it was counted.  A code point takes 1 to 4 bytes,
 * so the byte length alone settles most strings: at most max bytes, at
 * least 4 * min bytes, or (min <= 1) not empty. */
static inline int kw_length_within(int op, size_t count, const cJSON *inst, size_t *n)
{
    if (KW_TYPE_OF(inst) != cJSON_String) return 1;
    size_t bytes = json_string_len(inst);
    if (op == OP_MAX_LENGTH ? bytes <= count : bytes / 4 >= count) return 1;
    if (op == OP_MIN_LENGTH && count <= 1) return bytes >= count;
    *n = jv_utf8_length(inst->valuestring, bytes);
    return op == OP_MAX_LENGTH ? *n <= count : *n >= count;
}

static inline int kw_length_ok(const ckw *k, const cJSON *inst, size_t *n)
{
    return kw_length_within(k->op, k->u.count, inst, n);
}

/* pattern: 1 match (or not a string), 0 no match, or a negative
 * ECMA_REGEX_* code when the search could not answer (regex_ecma.h). */
static inline int kw_pattern_ok(const ckw *k, const cJSON *inst, ecma_regex_run *rx)
{
    if (KW_TYPE_OF(inst) != cJSON_String) return 1;
    /* the strict parser has checked a parsed string's UTF-8 */
    return ecma_regex_run_search(rx, k->u.pattern.re, inst->valuestring, json_string_len(inst),
                                 json_node_info(inst) != NULL);
}

/* format: 1 valid (or not a string), 0 not, FORMAT_UNDECIDED when the
 * check could not decide (format.h). */
static inline int kw_format_ok(const ckw *k, const cJSON *inst)
{
    return KW_TYPE_OF(inst) != cJSON_String ? 1 : k->u.format.fn(inst->valuestring, json_string_len(inst));
}

/* maxItems / minItems / maxProperties / minProperties; *n gets the count. */
static inline int kw_count_ok(const ckw *k, const cJSON *inst, size_t *n)
{
    int want = (k->op == OP_MAX_ITEMS || k->op == OP_MIN_ITEMS) ? cJSON_Array : cJSON_Object;
    if (KW_TYPE_OF(inst) != want) return 1;
    *n = kw_child_count(inst);
    return (k->op == OP_MAX_ITEMS || k->op == OP_MAX_PROPS) ? *n <= k->u.count : *n >= k->u.count;
}

/* Is the i-th required name present?  seen: the properties slots this
 * schema's properties keyword met in inst (it runs first, see
 * schema_compile.c), so most names need no lookup. */
static inline int kw_required_has(const ckw *k, size_t i, const cJSON *inst, uint64_t seen)
{
    const int16_t *pidx = k->u.required.prop_idx;
    if (pidx && pidx[i] >= 0) return (int)((seen >> pidx[i]) & 1);
    return json_member_h(inst, k->u.required.names[i], k->u.required.lens[i], k->u.required.hashes[i]) != NULL;
}

/* Member m's name as a string value (propertyNames checks names as
 * strings), built in *tmp: for a member the parser made, a parsed string
 * node of the whole name (it may hold U+0000, and its UTF-8 was checked);
 * for another, a plain cJSON string. */
static inline const cJSON *kw_key_node(const cJSON *m, json_node *tmp)
{
    memset(tmp, 0, sizeof *tmp);
    tmp->item.type = cJSON_String;
    tmp->item.valuestring = m->string;
    const json_node *n = json_node_info(m);
    if (n) {
        tmp->item.type |= JSON_NODE_PARSED;
        tmp->len = n->key_len;
    }
    return &tmp->item;
}

/* A SHAPE_SCALAR schema's assertions, straight through (the type was
 * checked).  Only those that apply to the value's type are looked at.
 * 1 holds, 0 not, negative: a format or pattern could not answer. */
static inline __attribute__((always_inline)) int kw_scalar_ok(const scalar_prog *p, const cJSON *v,
                                                              ecma_regex_run *rx)
{
    int t = KW_TYPE_OF(v), r;
    size_t n;
    if (t == cJSON_String) {
        if (p->has_max && !kw_length_within(OP_MAX_LENGTH, p->max_length, v, &n)) return 0;
        if (p->has_min && !kw_length_within(OP_MIN_LENGTH, p->min_length, v, &n)) return 0;
        if (p->format && (r = p->format(v->valuestring, json_string_len(v))) != 1) return r;
        if (p->pattern && (r = kw_pattern_ok(p->pattern, v, rx)) != 1) return r;
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

/* One of the keywords that look at a value alone (enum, const, the number
 * keywords, maxLength / minLength, pattern, format), for the verdict: 1
 * holds, 0 not, negative when a pattern or format could not answer (the
 * verdict walk cannot tell then; the reporting walk says why). */
static inline int kw_value_ok(const ckw *k, const cJSON *inst, ecma_regex_run *rx)
{
    size_t n;
    switch (k->op) {
    case OP_ENUM: return kw_enum_ok(k, inst);
    case OP_CONST: return jv_equal(inst, k->value);
    case OP_MAX_LENGTH: case OP_MIN_LENGTH: return kw_length_ok(k, inst, &n);
    case OP_PATTERN: return kw_pattern_ok(k, inst, rx);
    case OP_FORMAT: return kw_format_ok(k, inst);
    default: return kw_number_ok(k, inst);
    }
}

/* uniqueItems: 1 when all items differ, 0 when two are equal (the first
 * such pair in array order goes to *a, *b), -1 out of memory. */
int kw_unique_ok(const cJSON *inst, size_t *a, size_t *b);

/* The first and last 8 bytes of a name of len bytes, zero padded when
 * shorter than 8; for len <= 16 they are the whole name.  Reads only
 * name[0..len). */
static inline void kw_name_words(const char *name, size_t len, uint64_t *w0, uint64_t *w1)
{
    *w0 = json_key_word(name, len);
    *w1 = *w0;
    if (len >= 8) memcpy(w1, name + len - 8, 8);
}

/* Is the member name at k key's name (hash and length matched)?  w0 is
 * the name's first word (json_key_word), which the caller has without
 * reading k (the parser keeps it; a tape entry's key is one masked load),
 * so a name of up to 8 bytes is one compare, and one of up to 16 bytes
 * two. */
static inline int kw_key_names_at(const prop_key *key, const char *k, uint64_t w0)
{
    size_t len = key->len;
    if (len > 16) return kw_same_name(key->pe->name, k, len);
    if (w0 != key->w0) return 0;
    if (len <= 8) return 1;
    uint64_t w1;
    memcpy(&w1, k + len - 8, 8);
    return w1 == key->w1;
}

/* Is key the name of member m (hash and length matched)?  node:
 * json_node_info(m); a node the parser did not build keeps no first
 * word, and its name is compared byte by byte. */
static inline int kw_key_names(const prop_key *key, const cJSON *m, const json_node *node)
{
    if (!node) return kw_same_name(key->pe->name, m->string, key->len);
    return kw_key_names_at(key, m->string, node->key_word);
}

/* A name's byte length and hash as one word, laid out as json_node keeps
 * key_len and key_hash and prop_key len and hash, so that one compare
 * tests both. */
_Static_assert(offsetof(json_node, key_hash) == offsetof(json_node, key_len) + 4, "key_len, key_hash adjacent");
_Static_assert(offsetof(prop_key, hash) == offsetof(prop_key, len) + 4, "len, hash adjacent");
static inline uint64_t kw_key_id(const prop_key *key)
{
    uint64_t v;
    memcpy(&v, &key->len, 8);
    return v;
}

/* The same for member m (node: json_node_info(m)); *hash gets the name's
 * hash (computed for a node the parser did not build). */
static inline uint64_t kw_member_id(const cJSON *m, const json_node *node, uint32_t *hash)
{
    uint64_t v;
    if (node) {
        memcpy(&v, &node->key_len, 8);
        *hash = node->key_hash;
        return v;
    }
    struct { uint32_t len, hash; } k;
    k.hash = *hash = json_member_key(m, &k.len);
    memcpy(&v, &k, 8);
    return v;
}

/* The key of member m's name among keys[0..n), through index (size mask +
 * 1; NULL: scan), or NULL. */
static inline const prop_key *kw_key_find(const prop_key *keys, size_t n, const uint16_t *index, size_t mask,
                                          const cJSON *m)
{
    const json_node *node = json_node_info(m);
    uint32_t h;
    uint64_t id = kw_member_id(m, node, &h);
    if (!index) {
        for (size_t j = 0; j < n; j++)
            if (kw_key_id(&keys[j]) == id && kw_key_names(&keys[j], m, node)) return &keys[j];
        return NULL;
    }
    for (size_t j = h & mask; index[j]; j = (j + 1) & mask) {
        const prop_key *key = &keys[index[j] - 1];
        if (kw_key_id(key) == id && kw_key_names(key, m, node)) return key;
    }
    return NULL;
}

/* The properties key named like member m, or NULL. */
static inline const prop_key *kw_prop_key(const ckw *k, const cJSON *m)
{
    size_t n = k->u.props.nprops;
    return n ? kw_key_find(k->u.props.keys, n, k->u.props.index, k->u.props.nindex - 1, m) : NULL;
}

#endif
