/* engine.h - internal types of the JSON Schema engine, shared by the
 * registry (load), the compiler and the evaluator.  Not a public header.
 *
 * Return codes, one meaning per family of functions:
 *   compile (schema_compile.c: the keyword compilers kc_* and the steps
 *     over a program): 0 done, -1 failed with the jsv_error set (the first
 *     error wins) or out of memory; compile_node: the schema or NULL;
 *   verdict walks (schema_verdict_walk.h, both forms): 1 valid, 0 invalid,
 *     negative: cannot tell (CANNOT_TELL below);
 *   reporting walk (schema_eval.c: ev and the kw_* keyword functions):
 *     1 holds, 0 fails (recorded unless quiet), UNDECIDED (below). */
#ifndef ENGINE_H
#define ENGINE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>

#include "arena.h"
#include "jsv.h"
#include "json_parse.h"
#include "map.h"
#include "regex_ecma.h"
#include "format.h"

/* ---- registry ------------------------------------------------------- */

/* Where a schema object sits: its resource's base URI and its JSON
 * Pointer from that resource's root (for absoluteKeywordLocation). */
typedef struct reg_loc {
    const char *base;
    const char *pointer;
} reg_loc;

/* What a URI (with or without fragment) names. */
typedef struct reg_target {
    const cJSON *node;
    int dynamic;  /* 1 for a $dynamicAnchor */
} reg_target;

typedef struct reg_doc {
    json_doc *doc;
    char *text;       /* the text doc was parsed from (malloc'd, owned): its
                       * nodes keep byte offsets only, and an error that
                       * names one counts its line and column from here */
    size_t len;
    const char *uri;
    struct reg_doc *next;
} reg_doc;

struct jsv_registry {
    const jsv_registry *parent; /* consulted when a lookup misses (overlay) */
    reg_doc *docs;
    strmap targets;   /* absolute URI (resource) or URI#anchor -> reg_target */
    ptrmap locs;      /* schema object -> reg_loc */
    arena *mem;       /* URI strings, reg_target/reg_loc records */
    unsigned counter; /* for generated document URIs */
};

/* Resolve an absolute URI (with optional fragment) to a node; 0 or -1. */
int registry_find(const jsv_registry *reg, const char *uri, reg_target *out);

/* Fill *err (when not NULL): the message, the schema URI and pointer when
 * known, and the line/column of node when a document of reg (or of a
 * registry under it) holds it (0 for any other node). */
void engine_error(jsv_error *err, const jsv_registry *reg, const char *uri, const char *pointer,
                  const cJSON *node, const char *fmt, va_list ap);
const reg_loc *registry_loc(const jsv_registry *reg, const cJSON *node);

/* ---- compiled form -------------------------------------------------- */

enum op {
    OP_REF, OP_DYNREF,
    OP_TYPE, OP_ENUM, OP_CONST,
    OP_MULTIPLE_OF, OP_MAXIMUM, OP_EXCL_MAXIMUM, OP_MINIMUM, OP_EXCL_MINIMUM,
    OP_MAX_LENGTH, OP_MIN_LENGTH, OP_PATTERN, OP_FORMAT,
    OP_MAX_ITEMS, OP_MIN_ITEMS, OP_UNIQUE_ITEMS, OP_CONTAINS,
    OP_MAX_PROPS, OP_MIN_PROPS, OP_REQUIRED, OP_DEP_REQUIRED,
    OP_ALL_OF, OP_ANY_OF, OP_ONE_OF, OP_NOT, OP_IF, OP_DEP_SCHEMAS,
    OP_ITEMS, OP_PROPERTIES, OP_PROPERTY_NAMES,
    OP_UNEVAL_ITEMS, OP_UNEVAL_PROPS
};

/* JSON type bits for OP_TYPE. */
enum { T_NULL = 1, T_BOOL = 2, T_OBJECT = 4, T_ARRAY = 8, T_NUMBER = 16,
       T_STRING = 32, T_INTEGER = 64 };

/* The same as cJSON's own type bits (cJSON_False ... cJSON_Object), so
 * that a type test is one AND with the node's type (kw_types_allow), and
 * CT_INTEGER where integers are allowed but not every number. */
#define CT_INTEGER 0x100u
static inline unsigned types_as_cjson(unsigned t)
{
    unsigned c = 0;
    if (t & T_NULL) c |= cJSON_NULL;
    if (t & T_BOOL) c |= cJSON_False | cJSON_True;
    if (t & T_OBJECT) c |= cJSON_Object;
    if (t & T_ARRAY) c |= cJSON_Array;
    if (t & T_NUMBER) c |= cJSON_Number;
    if (t & T_STRING) c |= cJSON_String;
    if ((t & T_INTEGER) && !(t & T_NUMBER)) c |= CT_INTEGER;
    return c;
}

/* What a schema object asks, for schema_verdict.c's shortcuts. */
enum schema_shape {
    SHAPE_GENERAL,   /* anything */
    SHAPE_TYPE_ONLY, /* nothing but a type keyword */
    SHAPE_SCALAR,    /* only assertions on the value itself: no subschema */
    SHAPE_OBJECT,    /* properties (no patterns, no additional), maybe then
                      * a required that properties answers: vprog[0..1] */
    SHAPE_ARRAY      /* items, no prefixItems: vprog[0] */
};

struct enum_str { const char *s; size_t len; };

/* The assertions of a SHAPE_SCALAR schema, for the verdict walker's
 * straight-line check: the common ones by value (no keyword record to
 * read), the rest as keyword pointers (NULL where absent).  A schema
 * object holds each keyword at most once. */
typedef struct scalar_prog {
    int has_max, has_min;                    /* maxLength / minLength */
    size_t max_length, min_length;
    int (*format)(const char *s, size_t len); /* asserting format, or NULL */
    const struct ckw *pattern;
    const struct ckw *enum_values;           /* enum ... */
    const struct enum_str *strs;             /* ... its string values */
    size_t nstrs;
    const struct ckw *const_value;
    struct enum_str const_str;               /* const's value when a string (s NULL otherwise) */
    const struct ckw *number[5];             /* numeric keywords */
    size_t nnumber;
} scalar_prog;

typedef struct cschema cschema;
/* A $dynamicAnchor candidate: the resource (its interned base URI) and target. */
typedef struct dyn_anchor { const char *res; cschema *target; } dyn_anchor;

/* A subschema as the verdict walker meets it under a member or item: the
 * schema with $ref-only wrappers followed, and copies of its shape, types
 * and scalar program, so that checking a value against a bare type or a
 * few assertions reads no schema record (the schema records are many and
 * scattered; the copies sit in the parent's table, already in cache).
 * shape SHAPE_GENERAL when the schema was still being compiled. */
typedef struct sub_ref {
    const cschema *s;
    const struct scalar_prog *scalar;
    unsigned char shape;
    uint16_t ctypes;        /* types_as_cjson() of its type keyword */
} sub_ref;

/* A property name with its json_key_hash() and byte length, and its schema.
 * Names here and in name_list, dep_req and pat_entry are a schema
 * member's or string's whole bytes (they may hold U+0000): always compared
 * with their lengths, never as C strings. */
typedef struct prop_entry { const char *name; uint32_t hash, len; cschema *sub; } prop_entry;
/* A properties entry as a lookup compares it: the name's hash and
 * length, its first and last 8 bytes (w0, w1; zero padded, see
 * kw_name_words), and what a match gives: the schema as the walker meets
 * it and the required bit.  Kept dense, in properties order, beside a
 * small open-addressing index, so that a schema's table takes few cache
 * lines. */
typedef struct prop_key {
    uint32_t len, hash;    /* in json_node's order: one compare tests both (kw_key_id) */
    uint64_t w0, w1;
    sub_ref sub;
    const prop_entry *pe;
    uint64_t bit;          /* 1 << (index in props) for required, 0 past 63 */
    uint8_t watch;         /* 1 + the slot where the verdict walker notes the
                            * member for a discriminated allOf, 0 none */
} prop_key;
typedef struct pat_entry { const char *src; uint32_t src_len; ecma_regex *re; cschema *sub; } pat_entry;
/* Names for required/dependentRequired.  prop_idx (required only, may be
 * NULL): each name's index in the same schema's properties table, or -1,
 * so that required can read what properties already saw. */
typedef struct name_list {
    const char **names;
    size_t n;
    int16_t *prop_idx;
    uint32_t *lens;      /* each name's byte length */
    uint32_t *hashes;    /* and json_key_hash() */
    uint64_t seen_mask;  /* required: the prop_idx bits (those below 64) */
    int all_in_mask;     /* required: every name is in seen_mask */
} name_list;
typedef struct dep_req { const char *name; uint32_t len, hash; name_list req; } dep_req;

typedef struct ckw {
    uint8_t op;
    const char *kw;            /* keyword name, for locations */
    const cJSON *value;        /* the keyword's value in the schema */
    union {
        cschema *sub;                                /* not, propertyNames, unevaluated* */
        struct { cschema **v; size_t n; } subs;     /* allOf anyOf oneOf */
        struct {
            cschema *target;          /* static target */
            const char *anchor;       /* $dynamicRef: dynamic anchor name, or NULL */
            struct dyn_anchor *cands; /* every resource's anchor of that name */
            size_t ncands;
        } ref;
        unsigned types;                             /* type */
        struct {
            uint64_t *hashes;       /* jv_hash of each value */
            size_t n;
            struct enum_str *strs;  /* the string values */
            size_t nstrs;
        } values;                                   /* enum */
        size_t count;                               /* max/min Length/Items/Props */
        struct { const char *src; ecma_regex *re; } pattern;
        struct { const char *name; format_check_fn fn; int assert; } format;
        name_list required;
        struct { dep_req *v; size_t n; } dep_required;
        struct { prop_entry *v; size_t n; } dep_schemas;
        struct { cschema *sub; size_t min, max; int has_min, has_max; } contains;
        struct { cschema *cond, *then_s, *else_s; } cond;
        struct { cschema **prefix; size_t nprefix; cschema *items; sub_ref items_ref; } items;
        struct {
            prop_entry *props; size_t nprops;
            prop_key *keys;        /* one per props entry */
            uint16_t *index;       /* 1 + keys index, 0 empty; NULL: scan keys */
            size_t nindex;         /* a power of two */
            pat_entry *pats; size_t npats;
            cschema *additional;
            int has_props, has_pats;
        } props;
    } u;
} ckw;


/* A discriminated allOf (the verdict walker only).  A schema's allOf
 * branches are often "if this member is X then ...": every branch's
 * condition looks for its member among all of the object's members again.
 * When the members a condition tests are names the same schema's
 * properties keyword knows, its pass over the members notes them in slots
 * (prop_key.watch), and the condition is answered from the slots: see
 * disc_compile() in schema_compile.c for which branches qualify. */
#define DISC_SLOTS 8
#define DISC_TESTS 4
typedef struct disc_test {
    uint8_t slot;           /* the member's slot */
    uint8_t required;       /* the condition requires the member */
    uint8_t has_sub;        /* ... and its properties keyword checks it against sub */
    sub_ref sub;
} disc_test;
typedef struct disc_branch {
    const cschema *branch;  /* the branch itself, walked when fast is 0 */
    int fast;               /* an if the slots answer */
    unsigned cond_ctypes;   /* the condition's type keyword */
    const cschema *then_s, *else_s;
    disc_test tests[DISC_TESTS];
    size_t ntests;
    uint8_t watched;        /* bits of the slots the condition reads */
} disc_branch;
typedef struct disc_prog {
    const disc_branch *b;   /* one per allOf branch, in order */
    size_t n;
} disc_prog;

/* One keyword of a SHAPE_GENERAL schema as the verdict walker reads it:
 * the fields its commonest keywords need are copied in, so that a schema's
 * program is one array read in order instead of scattered keyword records. */
typedef struct vinstr {
    const ckw *k;
    const prop_key *keys;    /* properties: the names, or NULL */
    const uint16_t *index;   /* properties: their hash index */
    uint64_t mask;           /* properties: index size - 1; required: seen_mask */
    unsigned char op;
    unsigned char simple;    /* properties: no patternProperties, and no
                              * additionalProperties but false;
                              * required: all_in_mask */
    unsigned char closed;    /* properties: additionalProperties false and
                              * no patternProperties: an unnamed member
                              * fails (response bodies are closed) */
    uint32_t nkeys;          /* properties: how many keys (see walker_keys
                              * in schema_compile.c) */
    const disc_prog *disc;   /* allOf: answered from slots, or NULL */
} vinstr;

struct cschema {
    /* what the verdict walker reads, together at the front */
    int boolean;            /* -1 object schema; 0 false; 1 true */
    int ref_only;           /* nothing but a $ref: evaluated without a frame */
    unsigned ctypes;        /* types_as_cjson() of its type keyword (every type without one) */
    int shape;              /* enum schema_shape, for the verdict walker */
    int watches;            /* its properties pass notes members for a
                             * discriminated allOf (disc_prog) */
    ckw *kw;
    scalar_prog *scalar;    /* SHAPE_SCALAR: its assertions by kind */
    vinstr *vprog;          /* SHAPE_GENERAL: the keywords but type, in order */
    size_t nvprog;
    /* the rest */
    size_t nkw;
    const cJSON *src;
    const char *abs;        /* absolute location: base#pointer */
    const char *res;        /* the resource this schema belongs to (interned base URI) */
    const char *x_error;
    const cJSON *x_error_at; /* its string node: the pointer may name a key
                              * holding U+0000 (json_string_len) */
    int tracks;             /* evaluates unevaluatedItems/Properties here */
    int compiled;
};

struct jsv_schema {
    jsv_registry *reg;
    cschema *root;
    arena *mem;            /* the compiled program's tables and strings */
    arena *hot;            /* what the verdict walker reads per value */
    ptrmap by_node;        /* schema object -> cschema (compile memo) */
    ecma_regex **regexes;  /* to free */
    size_t nregex, capregex;
    unsigned flags;
    unsigned max_depth;
    unsigned regex_budget_ms; /* per walk (jsv_options) */
    int dynamic;           /* some $dynamicRef resolves dynamically: track scope */
    int annotations;       /* some schema uses unevaluatedItems/Properties */
    int verdict;           /* schema_verdict() can walk it: neither of the two,
                            * and no JSV_REPORT_UNKNOWN */
    nameset declared;      /* every name a "properties" of the program
                            * declares (jsv_tape_names_declared) */
};

/* s with $ref-only wrappers followed (at most 8, so "$ref": "#" ends):
 * the schema whose keywords decide s. */
static inline const cschema *schema_follow(const cschema *s)
{
    for (int hops = 0; s->ref_only && hops < 8; hops++) s = s->kw[0].u.ref.target;
    return s;
}

/* What the verdict walker needs of sub under a member or item.  Children
 * are compiled before their parent is classified, except in a $ref cycle
 * still being compiled: that one stays SHAPE_GENERAL, and the walker reads
 * the schema itself. */
static inline void sub_ref_fill(sub_ref *r, const cschema *sub)
{
    const cschema *t = schema_follow(sub);
    r->s = t;
    r->shape = t->compiled ? (unsigned char)t->shape : SHAPE_GENERAL;
    r->ctypes = (uint16_t)t->ctypes;
    r->scalar = t->scalar;
}

/* Schema applications nested deeper than this are an evaluation error
 * (a schema recursing on the same instance). */
#define EVAL_MAX_DEPTH 2000

/* A verdict walk's third answer: neither valid nor invalid can be said.
 * Every negative answer means this (a regex search's ECMA_REGEX_* codes
 * pass through as they are); the entry points give CANNOT_TELL. */
#define CANNOT_TELL (-1)

/* The reporting walk's third answer (schema_eval.c): a keyword could not
 * be evaluated, and the verdict depends on it (jsv_validate's
 * JSV_UNDECIDED). */
#define UNDECIDED JSV_UNDECIDED

/* The context of a verdict walk (schema_verdict_walk.h). */
typedef struct verdict_ctx {
    const jsv_schema *s;
    ecma_regex_run *rx;  /* the walk's regex searches and their budget */
    unsigned depth;      /* schema applications in progress */
    unsigned idepth;     /* how deep in the instance */
    const json_tape *t;  /* the tape walked (schema_verdict_tape.c), else NULL */
} verdict_ctx;

/* Verdict-only evaluation (schema_verdict.c): 1 valid, 0 invalid, -1 when
 * it cannot tell (s->verdict unset, nesting limits, out of memory, a
 * regex that could not be evaluated) and the reporting evaluator must
 * decide.  md: match data for pattern keywords. */
int schema_verdict(const jsv_schema *s, const cJSON *instance, pcre2_match_data *md);
/* schema_verdict within regex run rx (its budget and match data). */
int schema_verdict_run(const jsv_schema *s, const cJSON *instance, ecma_regex_run *rx);

/* The same over a tape (schema_verdict_tape.c); -1 also for what a tape
 * cannot answer (see there) and for an empty tape. */
int schema_verdict_tape(const jsv_schema *s, const json_tape *t, pcre2_match_data *md);
int schema_verdict_tape_run(const jsv_schema *s, const json_tape *t, ecma_regex_run *rx);

/* The reporting evaluation (schema_eval.c): jsv_validate() without the
 * verdict pass in front. */
int schema_evaluate(const jsv_schema *s, const cJSON *instance, jsv_result *r);

/* ---- results -------------------------------------------------------- */

struct jsv_result {
    arena *mem;              /* error strings; reset per validation */
    arena *scratch;          /* annotation marks; reset per validation */
    jsv_error_item *items;
    size_t n, cap;
    pcre2_match_data *md;
    /* unknown-property log (JSV_REPORT_UNKNOWN) */
    struct known_mark { const cJSON *obj; size_t idx; } *known;
    size_t nknown, capknown;
    struct applied_obj { const cJSON *obj; const char *at; const char *abs; } *applied;  /* at: instance location */
    size_t napplied, capapplied;
    ptrmap applied_set;      /* objects already in applied */
    int oom;
    int report_unknown;      /* jsv_result_report_unknown */
    size_t keep;             /* errors whose text is kept (0: all) */
    /* regex search time every walk using this result may still take
     * (jsv_result_limit_regex); regex_metered 0: no such limit */
    uint64_t regex_left_ns;
    uint64_t regex_walk_ns;  /* what the current walk started with */
    int regex_metered;
};

/* The regex run of one walk of s that uses r (NULL: none): s's budget per
 * walk, or what is left of r's shared budget when that is less. */
void result_run_start(jsv_result *r, const jsv_schema *s, ecma_regex_run *run, pcre2_match_data *md);
/* Charge the search time run spent to r's shared budget. */
void result_run_end(jsv_result *r, const ecma_regex_run *run);

/* Append an error of the given kind; strings are copied into r->mem. */
void result_add(jsv_result *r, const char *instance_location, const char *keyword_location,
                const char *absolute_location, const char *keyword, const char *message,
                const cJSON *instance, jsv_error_kind kind);
void result_truncate(jsv_result *r, size_t n);
/* Drop the errors from index `from` on that are not JSV_ERROR_UNDECIDED
 * (what a branch whose answer stayed open says about its keywords). */
void result_keep_undecided(jsv_result *r, size_t from);
void result_reset(jsv_result *r);

#endif
