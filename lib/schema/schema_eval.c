/* schema_eval.c - evaluate a compiled schema against an instance.
 *
 * One recursive walk over the keyword program.  Without a result (or in a
 * branch whose errors do not matter: not, if, contains) nothing is
 * formatted or allocated and failing keywords short-circuit.  Locations
 * are kept as stacks of path segments and turned into JSON Pointers only
 * when an error is recorded.  Annotations for unevaluatedItems /
 * unevaluatedProperties are one byte per array item / object member,
 * allocated from the result's scratch arena only where a schema uses them. */
#include "engine.h"
#include "json_pointer.h"
#include "json_value.h"
#include "keyword.h"
#include "strbuf.h"
#include "utf8.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JT(x) ((x)->type & 0xFF)

/* A path segment: an array index idx (key NULL), or a name of idx bytes
 * (a member's whole name, which may hold U+0000), or with idx SEG_CSTR a
 * keyword or other C string. */
typedef struct seg { const char *key; size_t idx; } seg;
#define SEG_CSTR ((size_t)-1)

/* A path stack; starts in the inline array and moves to the heap only
 * when a document nests deeper than that. */
typedef struct segstack { seg *v; size_t n, cap; seg inline_v[48]; } segstack;

typedef struct ectx {
    const jsv_schema *s;
    jsv_result *r;            /* NULL: verdict only */
    int quiet;                /* > 0: errors are not recorded */
    int report_unknown;
    arena *scratch;
    ecma_regex_run rx;        /* the walk's regex searches and their budget */
    segstack ip, kp;          /* instance and keyword paths */
    const char **scope;       /* dynamic scope: resource base URIs (interned) */
    size_t nscope, capscope;
    const char *scope_inline[32];
    unsigned depth;
    const cJSON *name_owner;  /* while checking propertyNames: the object */
    int oom;
} ectx;

/* ---- paths ---------------------------------------------------------- */

static int push_grow(ectx *c, segstack *st, const char *key, size_t idx);

static inline int push(ectx *c, segstack *st, const char *key, size_t idx)
{
    if (st->n < st->cap) {
        st->v[st->n].key = key;
        st->v[st->n].idx = idx;
        st->n++;
        return 1;
    }
    return push_grow(c, st, key, idx);
}

static int push_grow(ectx *c, segstack *st, const char *key, size_t idx)
{
    if (st->n == st->cap) {
        size_t nc = st->cap * 2;
        seg *nv = st->v == st->inline_v ? malloc(nc * sizeof *nv) : realloc(st->v, nc * sizeof *nv);
        if (!nv) { c->oom = 1; return 0; }
        if (st->v == st->inline_v) memcpy(nv, st->inline_v, sizeof st->inline_v);
        st->v = nv;
        st->cap = nc;
    }
    st->v[st->n].key = key;
    st->v[st->n].idx = idx;
    st->n++;
    return 1;
}
/* Paths are only needed where an error can be recorded (or, for unknown
 * properties, logged); a quiet branch skips the bookkeeping.  quiet only
 * changes around calls, so every push and its pop see the same answer. */
#define PATHS(c) (!(c)->quiet || (c)->report_unknown)
#define PUSHK(c, k) (PATHS(c) ? push((c), &(c)->kp, (k), SEG_CSTR) : 1)
#define PUSHKN(c, k, len) (PATHS(c) ? push((c), &(c)->kp, (k), (len)) : 1)
#define PUSHKI(c, i) (PATHS(c) ? push((c), &(c)->kp, NULL, (i)) : 1)
#define POPK(c, cnt) (PATHS(c) ? (void)((c)->kp.n -= (cnt)) : (void)0)
#define PUSHIN(c, k, len) (PATHS(c) ? push((c), &(c)->ip, (k), (len)) : 1)
#define PUSHII(c, i) (PATHS(c) ? push((c), &(c)->ip, NULL, (i)) : 1)
#define POPI(c) (PATHS(c) ? (void)((c)->ip.n--) : (void)0)

static void sb_token(strbuf *b, const seg *sg)
{
    sb_append(b, "/", 1);
    if (!sg->key) {
        char t[24];
        int n = snprintf(t, sizeof t, "%zu", sg->idx);
        sb_append(b, t, (size_t)n);
        return;
    }
    /* escaped as jp_append_n escapes it (~0, ~1, and \u0000 for U+0000) */
    size_t len = sg->idx == SEG_CSTR ? strlen(sg->key) : sg->idx;
    size_t n = jp_token_size(sg->key, len);
    char small[256], *t = n <= sizeof small ? small : malloc(n);
    if (!t) { b->oom = 1; return; }
    jp_token_write(t, sg->key, len);
    sb_append(b, t, n);
    if (t != small) free(t);
}

/* The same token as part of an absolute keyword location's fragment
 * (percent-encoded where a URI requires it; U+0000 in a name is written
 * \u0000 as in every location, so %5Cu0000 here). */
static void sb_token_uri(strbuf *b, const seg *sg)
{
    strbuf t = {0};
    sb_token(&t, sg);
    if (t.oom) b->oom = 1;
    else jp_fragment_append(b, t.data, t.len);
    sb_free(&t);
}

static void sb_path(strbuf *b, const segstack *st, size_t from)
{
    sb_append(b, "", 0);
    for (size_t i = from; i < st->n; i++) sb_token(b, &st->v[i]);
}

/* ---- errors --------------------------------------------------------- */

/* Record an error of kind `kind` for the keyword kw of schema s (k0:
 * keyword-path depth where s starts; extra: a token after kw in the
 * keyword location, or NULL).  An undecided error's message is
 * "<kw> could not be evaluated: <msg>", followed by the schema location
 * and the instance it was evaluated on, so a line of text says it all. */
static void record(ectx *c, const cschema *s, size_t k0, const char *kw, const char *extra, const cJSON *inst,
                   jsv_error_kind kind, const char *msg)
{
    strbuf il = {0}, kl = {0}, al = {0}, m = {0};
    sb_path(&il, &c->ip, 0);
    sb_path(&kl, &c->kp, 0);
    sb_puts(&al, s->abs);
    for (size_t i = k0; i < c->kp.n; i++) sb_token_uri(&al, &c->kp.v[i]);
    const char *toks[2] = { kw, kw ? extra : NULL };
    for (int i = 0; i < 2 && toks[i]; i++) {
        seg t = { toks[i], SEG_CSTR };
        sb_token(&kl, &t);
        sb_token_uri(&al, &t);
    }
    if (kind == JSV_ERROR_UNDECIDED && !kl.oom && !il.oom)
        sb_printf(&m, "%s could not be evaluated: %s (schema %s, instance %s)", kw ? kw : "schema", msg,
                  kl.data, il.len ? il.data : "(root)");
    else sb_puts(&m, msg);
    if (il.oom || kl.oom || al.oom || m.oom) c->oom = 1;
    else result_add(c->r, il.data, kl.data, al.data, kw ? kw : "false", m.data,
                    c->name_owner ? c->name_owner : inst, kind);
    sb_free(&il);
    sb_free(&kl);
    sb_free(&al);
    sb_free(&m);
}

/* Record an error: the instance breaks keyword kw. */
static void emit(ectx *c, const cschema *s, size_t k0, const char *kw, const cJSON *inst,
                 const char *fmt, ...)
{
    if (c->quiet || !c->r) return;
    /* at most 1023 bytes, cut between characters (a value or name the
     * message quotes may be long; show() already bounds most) */
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    utf8_vformat(msg, sizeof msg, fmt, ap);
    va_end(ap);
    record(c, s, k0, kw, NULL, inst, JSV_ERROR_INVALID, msg);
}

/* A member name or other text of len bytes as a message shows it: the
 * text, or when it holds U+0000 a copy in the scratch arena with each
 * written \u0000 (never printed raw, never cutting the text short).  Only
 * where a message is recorded: a quiet walk gets the text as it is. */
static const char *shown(ectx *c, const char *s, size_t len)
{
    if (c->quiet || !c->r || !c->scratch || !memchr(s, '\0', len)) return s;
    char *e = json_escape_nul(s, len);
    const char *kept = e ? arena_strndup(c->scratch, e, strlen(e)) : NULL;
    free(e);
    if (!kept) { c->oom = 1; return ""; }
    return kept;
}

/* Why a regex search could not answer, from its ECMA_REGEX_* code. */
static const char *regex_why(int code)
{
    switch (code) {
    case ECMA_REGEX_LIMIT: return "regex match limit reached";
    case ECMA_REGEX_BUDGET: return "the regex time budget is spent";
    default: return "the regex could not read the text (not UTF-8, or out of memory)";
    }
}

/* Record that keyword kw (extra: as for record) could not be evaluated,
 * and why; answer UNDECIDED. */
static __attribute__((noinline)) int emit_undecided(ectx *c, const cschema *s, size_t k0, const char *kw,
                                                    const char *extra, const cJSON *inst, const char *why)
{
    if (!c->quiet && c->r) record(c, s, k0, kw, extra, inst, JSV_ERROR_UNDECIDED, why);
    return UNDECIDED;
}

/* The answers of the reporting walk: 1 holds, 0 fails, UNDECIDED.  Both
 * of a and b must hold: a failure decides, else an open answer stays
 * open. */
static inline int and3(int a, int b)
{
    if (a == 0 || b == 0) return 0;
    return a == UNDECIDED || b == UNDECIDED ? UNDECIDED : 1;
}

/* Short printable form of a JSON value for messages: a number as its
 * source wrote it (whatever its length: the digits are the point), a
 * string raw in quotes, anything else as JSON; cut to size - 1 bytes on
 * a character boundary, "..." marking the cut. */
static const char *show(const cJSON *v, char *buf, size_t size)
{
    switch (JT(v)) {
    case cJSON_Number: return jv_number_text(v, buf, size);
    case cJSON_String: {
        size_t len = json_string_len(v);
        char *esc = json_escape_nul(v->valuestring, len);
        const char *text = esc ? esc : v->valuestring;
        if (esc) len = strlen(esc);
        if (len + 3 > size)
            snprintf(buf, size, "\"%.*s...\"", (int)utf8_cut(text, len, size > 8 ? size - 8 : 0), text);
        else snprintf(buf, size, "\"%s\"", text);
        free(esc);
        return buf;
    }
    case cJSON_True: return "true";
    case cJSON_False: return "false";
    case cJSON_NULL: return "null";
    default: return jv_excerpt(v, buf, size);
    }
}

static const char *type_name(const cJSON *v)
{
    switch (JT(v)) {
    case cJSON_NULL: return "null";
    case cJSON_True: case cJSON_False: return "boolean";
    case cJSON_Number: return jv_is_integer(v) ? "integer" : "number";
    case cJSON_String: return "string";
    case cJSON_Array: return "array";
    case cJSON_Object: return "object";
    default: return "invalid";
    }
}


/* The x-error message with ${/pointer} replaced by instance values
 * (strings as they are, U+0000 written \u0000; other values as show()
 * gives them), in out; cut on a character boundary when it does not fit. */
static void interpolate(ectx *c, const char *tmpl, const cJSON *inst, char *out, size_t size)
{
    strbuf b = {0};
    for (const char *p = tmpl; *p && b.len < size;) {
        const char *end = p[0] == '$' && p[1] == '{' ? strchr(p, '}') : NULL;
        if (!end) {
            sb_append(&b, p++, 1);
            continue;
        }
        const cJSON *v = jp_get(inst, p + 2, (size_t)(end - p - 2));
        char buf[256];
        const char *txt = !v ? "(absent)"
                          : cJSON_IsString(v) ? shown(c, v->valuestring, json_string_len(v))
                                              : show(v, buf, sizeof buf);
        sb_append(&b, txt, strnlen(txt, size));
        p = end + 1;
    }
    size_t n = b.oom || !b.data ? 0 : utf8_cut(b.data, b.len, size - 1);
    if (n) memcpy(out, b.data, n);
    out[n] = 0;
    sb_free(&b);
}

/* ---- unknown-property log (JSV_REPORT_UNKNOWN) ------------------------ */

static void log_known(ectx *c, const cJSON *obj, size_t idx)
{
    jsv_result *r = c->r;
    if (r->nknown == r->capknown) {
        size_t nc = r->capknown ? r->capknown * 2 : 64;
        void *nv = realloc(r->known, nc * sizeof *r->known);
        if (!nv) { c->oom = 1; return; }
        r->known = nv;
        r->capknown = nc;
    }
    r->known[r->nknown].obj = obj;
    r->known[r->nknown].idx = idx;
    r->nknown++;
}

static void log_applied(ectx *c, const cschema *s, size_t k0, const cJSON *obj)
{
    jsv_result *r = c->r;
    if (ptrmap_get(&r->applied_set, obj)) return;
    if (ptrmap_put(&r->applied_set, obj, (void *)obj)) { c->oom = 1; return; }
    if (r->napplied == r->capapplied) {
        size_t nc = r->capapplied ? r->capapplied * 2 : 16;
        void *nv = realloc(r->applied, nc * sizeof *r->applied);
        if (!nv) { c->oom = 1; return; }
        r->applied = nv;
        r->capapplied = nc;
    }
    strbuf il = {0}, al = {0};
    sb_path(&il, &c->ip, 0);
    sb_puts(&al, s->abs);
    for (size_t i = k0; i < c->kp.n; i++) sb_token_uri(&al, &c->kp.v[i]);
    r->applied[r->napplied].obj = obj;
    r->applied[r->napplied].at = il.data ? arena_strndup(r->scratch, il.data, il.len) : "";
    r->applied[r->napplied].abs = al.data ? arena_strndup(r->scratch, al.data, al.len) : "";
    r->napplied++;
    sb_free(&il);
    sb_free(&al);
}

/* ---- evaluation ----------------------------------------------------- */

static int ev(ectx *c, const cschema *s, const cJSON *inst, uint8_t *marks);

/* Is the name (len bytes, json_key_hash hash) a member of obj? */
static int has_member(const cJSON *obj, const char *name, size_t len, uint32_t hash)
{
    return json_member_h(obj, name, len, hash) != NULL;
}


/* "<what> <limit>, got <value>" - kept out of line so the message buffers
 * do not sit in every recursive frame. */
static __attribute__((noinline)) void emit_vs(ectx *c, const cschema *s, size_t k0, const char *kw,
                                              const cJSON *inst, const char *what, const cJSON *limit)
{
    if (c->quiet || !c->r) return;
    char b1[200], b2[200];
    emit(c, s, k0, kw, inst, "%s %s, got %s", what, show(limit, b1, 120), show(inst, b2, 80));
}

static __attribute__((noinline)) void emit_value(ectx *c, const cschema *s, size_t k0, const char *kw,
                                                 const cJSON *inst, const char *fmt, const char *arg)
{
    if (c->quiet || !c->r) return;
    char b1[200];
    emit(c, s, k0, kw, inst, fmt, show(inst, b1, 80), arg);
}

static __attribute__((noinline)) void emit_type(ectx *c, const cschema *s, size_t k0, const ckw *k,
                                                const cJSON *inst);
static __attribute__((noinline)) void emit_enum(ectx *c, const cschema *s, size_t k0, const ckw *k,
                                                const cJSON *inst);

/* Annotation marks (unevaluated*), one byte per array item or object
 * member: MARK_MAYBE when the item was evaluated only if a regex that
 * could not be evaluated matched, or by a schema whose answer stayed
 * open; unevaluated* cannot decide on such an item alone. */
enum { MARK_NO = 0, MARK_YES = 1, MARK_MAYBE = 2 };

static uint8_t *new_marks(ectx *c, size_t n)
{
    if (!c->scratch) {
        c->scratch = arena_new(0);
        if (!c->scratch) { c->oom = 1; return NULL; }
    }
    uint8_t *m = arena_alloc(c->scratch, n ? n : 1);
    if (!m) { c->oom = 1; return NULL; }
    memset(m, 0, n ? n : 1);
    return m;
}

/* dst gets src's marks; maybe: only as MARK_MAYBE (src came from a
 * schema whose answer is open). */
static void or_marks(uint8_t *dst, const uint8_t *src, size_t n, int maybe)
{
    for (size_t i = 0; i < n; i++) {
        if (src[i] == MARK_YES && !maybe) dst[i] = MARK_YES;
        else if (src[i] && dst[i] == MARK_NO) dst[i] = MARK_MAYBE;
    }
}

static size_t marks_len(const cJSON *inst)
{
    return (JT(inst) == cJSON_Object || JT(inst) == cJSON_Array) ? kw_child_count(inst) : 0;
}

/* Evaluate sub against member m, pushing its whole name on the instance
 * path. */
static int ev_member(ectx *c, const cschema *sub, const cJSON *m)
{
    PUSHIN(c, m->string, json_key_len(m));
    int r = ev(c, sub, m, NULL);
    POPI(c);
    return r;
}

/* ev_member, quietly: the answer of a schema that may not apply. */
static int ev_quiet(ectx *c, const cschema *sub, const cJSON *m)
{
    c->quiet++;
    int r = ev_member(c, sub, m);
    c->quiet--;
    return r;
}

/* Evaluate sub against item e at index i. */
static int ev_item(ectx *c, const cschema *sub, const cJSON *e, size_t i)
{
    PUSHII(c, i);
    int r = ev(c, sub, e, NULL);
    POPI(c);
    return r;
}

static int ev_false_member(ectx *c, const cschema *s, size_t k0, const cschema *sub, const cJSON *m,
                           const char *kw, const char *why)
{
    if (sub->boolean == 0) {
        size_t len = json_key_len(m);
        PUSHIN(c, m->string, len);
        emit(c, s, k0, kw, m, "property \"%s\" is not allowed%s", shown(c, m->string, len), why);
        POPI(c);
        return 0;
    }
    PUSHK(c, kw);
    int r = ev_member(c, sub, m);
    POPK(c, 1);
    return r;
}

/* A member's patternProperties.  A definite match's schema counts as
 * usual (*matched); a pattern that could not be evaluated on the name
 * (*open_pe, the first such, and *code why) may or may not apply, so its
 * schema is asked quietly and, when it fails, leaves the member open
 * (*open). */
static int member_patterns(ectx *c, const ckw *k, const cJSON *m, int *matched, const pat_entry **open_pe,
                           int *code, int *open)
{
    int ok = 1;
    for (size_t j = 0; j < k->u.props.npats; j++) {
        const pat_entry *pe = &k->u.props.pats[j];
        /* the whole name is the subject (the parser has checked its UTF-8) */
        int hit = ecma_regex_run_search(&c->rx, pe->re, m->string, json_key_len(m), json_node_info(m) != NULL);
        if (hit == 0) continue;
        PUSHK(c, "patternProperties");
        PUSHKN(c, pe->src, pe->src_len);
        if (hit == 1) {
            *matched = 1;
            ok = and3(ok, ev_member(c, pe->sub, m));
        } else {
            if (!*open_pe) { *open_pe = pe; *code = hit; }
            if (ev_quiet(c, pe->sub, m) != 1) *open = 1;
        }
        POPK(c, 2);
        if (ok == 0 && c->quiet) return 0;
    }
    return ok;
}

/* One member under properties / patternProperties / additionalProperties
 * (member index i of inst). */
static int kw_member(ectx *c, const cschema *s, size_t k0, const ckw *k, const cJSON *inst, const cJSON *m,
                     size_t i, uint8_t *marks, uint64_t *seen, int track)
{
    int ok = 1, matched = 0, open = 0, code = 0;
    const pat_entry *open_pe = NULL;
    const prop_key *key = kw_prop_key(k, m);
    if (key) {
        matched = 1;
        *seen |= key->bit;
        PUSHK(c, "properties");
        PUSHKN(c, key->pe->name, key->pe->len);
        ok = ev_member(c, key->pe->sub, m);
        POPK(c, 2);
        if (ok == 0 && c->quiet) return 0;
    }
    ok = and3(ok, member_patterns(c, k, m, &matched, &open_pe, &code, &open));
    if (!matched && k->u.props.additional) {
        if (!open_pe) {
            ok = and3(ok, ev_false_member(c, s, k0, k->u.props.additional, m, "additionalProperties", ""));
        } else {
            /* applies unless the open pattern matches: it must pass too */
            c->quiet++;
            if (ev_false_member(c, s, k0, k->u.props.additional, m, "additionalProperties", "") != 1) open = 1;
            c->quiet--;
        }
        matched = 1;  /* evaluated either way */
    }
    /* whether an unknown property, when only the open pattern may cover it */
    if (open_pe && !matched && c->report_unknown) open = 1;
    if (open && ok != 0) {
        char why[160];
        snprintf(why, sizeof why, "%s on the member name", regex_why(code));
        PUSHIN(c, m->string, json_key_len(m));
        ok = emit_undecided(c, s, k0, "patternProperties", open_pe->src, m, why);
        POPI(c);
    }
    if (matched || open_pe) {
        if (marks && marks[i] != MARK_YES) marks[i] = matched ? MARK_YES : MARK_MAYBE;
        if (track) log_known(c, inst, i);
    }
    return ok;
}

static int kw_properties(ectx *c, const cschema *s, size_t k0, const ckw *k, const cJSON *inst, uint8_t *marks,
                         uint64_t *seen)
{
    int ok = 1;
    size_t i = 0;
    int track = c->report_unknown && c->r && (k->u.props.has_props || k->u.props.has_pats);
    if (track) log_applied(c, s, k0, inst);
    for (const cJSON *m = inst->child; m; m = m->next, i++) {
        ok = and3(ok, kw_member(c, s, k0, k, inst, m, i, marks, seen, track));
        if (ok == 0 && c->quiet) return 0;
    }
    return ok;
}

static int kw_items(ectx *c, const cschema *s, size_t k0, const ckw *k, const cJSON *inst, uint8_t *marks)
{
    int ok = 1;
    size_t i = 0;
    const cJSON *e = inst->child;
    for (; e && i < k->u.items.nprefix; e = e->next, i++) {
        PUSHK(c, "prefixItems");
        PUSHKI(c, i);
        ok = and3(ok, ev_item(c, k->u.items.prefix[i], e, i));
        POPK(c, 2);
        if (marks) marks[i] = MARK_YES;
        if (ok == 0 && c->quiet) return 0;
    }
    if (!k->u.items.items) return ok;
    if (k->u.items.items->boolean == 0 && e) {
        PUSHII(c, i);
        emit(c, s, k0, "items", e, "expected at most %zu items, got more", k->u.items.nprefix);
        POPI(c);
        return 0;
    }
    for (; e; e = e->next, i++) {
        PUSHK(c, "items");
        ok = and3(ok, ev_item(c, k->u.items.items, e, i));
        POPK(c, 1);
        if (marks) marks[i] = MARK_YES;
        if (ok == 0 && c->quiet) return 0;
    }
    return ok;
}

static int kw_unique(ectx *c, const cschema *s, size_t k0, const cJSON *inst)
{
    size_t a, b;
    int r = kw_unique_ok(inst, &a, &b);
    if (r == 1) return 1;
    if (r < 0) { c->oom = 1; return 0; }
    emit(c, s, k0, "uniqueItems", inst, "items at index %zu and %zu are equal", a, b);
    return 0;
}

/* Record the undecided errors of a quiet branch whose answer stayed open
 * (sub on inst; the caller has pushed the keyword): it is evaluated again
 * with errors on, and only what could not be evaluated is kept.  Nothing
 * when errors are off here too (an enclosing quiet branch replays). */
static void replay_open(ectx *c, const cschema *sub, const cJSON *inst, size_t iidx, int item)
{
    if (c->quiet || !c->r) return;
    size_t err0 = c->r->n, log0 = c->r->nknown;
    int r = item ? ev_item(c, sub, inst, iidx) : ev(c, sub, inst, NULL);
    if (r == UNDECIDED) result_keep_undecided(c->r, err0);
    else result_truncate(c->r, err0);
    c->r->nknown = log0;
}

static int kw_contains(ectx *c, const cschema *s, size_t k0, const ckw *k, const cJSON *inst, uint8_t *marks)
{
    size_t found = 0, open = 0, i = 0, min = k->u.contains.min, max = k->u.contains.max;
    int need_all = marks != NULL || k->u.contains.has_max;
    c->quiet++;
    PUSHK(c, "contains");
    for (const cJSON *e = inst->child; e; e = e->next, i++) {
        int r = ev_item(c, k->u.contains.sub, e, i);
        if (r == UNDECIDED) {
            open++;
            if (marks && marks[i] == MARK_NO) marks[i] = MARK_MAYBE;
        } else if (r) {
            found++;
            if (marks) marks[i] = MARK_YES;
            if (!need_all && found >= min) break;
        }
    }
    POPK(c, 1);
    c->quiet--;
    if (found + open < min) {
        if (k->u.contains.has_min)
            emit(c, s, k0, "minContains", inst, "expected at least %zu items matching \"contains\", found %zu",
                 min, found);
        else emit(c, s, k0, "contains", inst, "no item matches the \"contains\" schema");
        return 0;
    }
    if (k->u.contains.has_max && found > max) {
        emit(c, s, k0, "maxContains", inst, "expected at most %zu items matching \"contains\", found %zu", max, found);
        return 0;
    }
    /* the open items decide whether there are enough, or too many */
    if (found >= min && (!k->u.contains.has_max || found + open <= max)) return 1;
    PUSHK(c, "contains");
    i = 0;
    for (const cJSON *e = inst->child; e; e = e->next, i++) replay_open(c, k->u.contains.sub, e, i, 1);
    POPK(c, 1);
    return UNDECIDED;
}

/* Remove the unknown-property log entries of failed branches, given the
 * log ranges [start, end) of each branch and whether it passed. */
static void drop_failed_ranges(ectx *c, const size_t *start, const size_t *end, const int *passed, size_t n)
{
    if (!c->r || !c->report_unknown) return;
    size_t w = start[0];
    for (size_t b = 0; b < n; b++) {
        if (!passed[b]) continue;
        for (size_t i = start[b]; i < end[b]; i++) c->r->known[w++] = c->r->known[i];
    }
    c->r->nknown = w;
}

/* anyOf (one = 0) or oneOf (one = 1) from the branches' answers: passed
 * definitely, open.  An open branch may pass or fail: anyOf holds once
 * one branch passes; oneOf fails once two pass and holds with one only
 * when none is open.  Under JSV_REPORT_UNKNOWN an open branch also
 * leaves open which members it declares, so it keeps the answer open. */
static int some_of(size_t passed, size_t open, int one, int report_unknown)
{
    if (open && report_unknown && passed <= 1) return UNDECIDED;
    if (one) return passed > 1 ? 0 : open ? UNDECIDED : passed == 1;
    return passed ? 1 : open ? UNDECIDED : 0;
}

static int kw_anyof_oneof(ectx *c, const cschema *s, size_t k0, const ckw *k, const cJSON *inst,
                          uint8_t *marks, int one)
{
    size_t n = k->u.subs.n, ml = marks ? marks_len(inst) : 0;
    size_t err0 = c->r ? c->r->n : 0;
    size_t passed = 0, open = 0, first = 0, second = 0;
    int shortcut = c->quiet && !marks;
    size_t *lstart = NULL, *lend = NULL;
    int *lpass = NULL;
    int logr = c->r && c->report_unknown;
    if (logr) {
        lstart = malloc(n * sizeof *lstart);
        lend = malloc(n * sizeof *lend);
        lpass = malloc(n * sizeof *lpass);
        if (!lstart || !lend || !lpass) { free(lstart); free(lend); free(lpass); c->oom = 1; return 0; }
    }
    uint8_t *tmp = marks ? new_marks(c, ml) : NULL;
    uint8_t *acc = marks ? new_marks(c, ml) : NULL;
    PUSHK(c, k->kw);
    for (size_t i = 0; i < n; i++) {
        if (tmp) memset(tmp, 0, ml ? ml : 1);
        if (logr) lstart[i] = c->r->nknown;
        PUSHKI(c, i);
        int r = ev(c, k->u.subs.v[i], inst, tmp);
        POPK(c, 1);
        if (logr) { lend[i] = c->r->nknown; lpass[i] = r == 1; }
        if (r == UNDECIDED) {
            open++;
            if (acc) or_marks(acc, tmp, ml, 1);
        } else if (r) {
            if (passed == 0) first = i; else if (passed == 1) second = i;
            passed++;
            if (acc) or_marks(acc, tmp, ml, 0);
            if (shortcut && (!one || passed > 1) && !(open && c->report_unknown)) { n = i + 1; break; }
        }
    }
    POPK(c, 1);
    if (logr && passed) drop_failed_ranges(c, lstart, lend, lpass, n);
    free(lstart);
    free(lend);
    free(lpass);
    int v = some_of(passed, open, one, c->report_unknown);
    if (v != 0) {
        /* what the failed branches said does not stand: the keyword holds,
         * or its answer is open and only the open branches' reasons stay */
        if (c->r && v == 1) result_truncate(c->r, err0);
        if (c->r && v == UNDECIDED) result_keep_undecided(c->r, err0);
        if (marks) or_marks(marks, acc, ml, v == UNDECIDED);
        return v;
    }
    if (passed > 1) {
        if (c->r) result_truncate(c->r, err0);
        emit(c, s, k0, "oneOf", inst, "value matches more than one oneOf schema (%zu and %zu)", first, second);
    } else {
        emit(c, s, k0, k->kw, inst, "value does not match any of the %zu %s schemas", k->u.subs.n, k->kw);
    }
    return 0;
}

static int kw_not(ectx *c, const cschema *s, size_t k0, const ckw *k, const cJSON *inst)
{
    c->quiet++;
    PUSHK(c, "not");
    size_t log0 = c->r ? c->r->nknown : 0;
    int r = ev(c, k->u.sub, inst, NULL);
    if (c->r) c->r->nknown = log0;
    POPK(c, 1);
    c->quiet--;
    if (r == 0) return 1;
    if (r == UNDECIDED) {
        /* not an open answer is open: say which keywords left it so */
        PUSHK(c, "not");
        replay_open(c, k->u.sub, inst, 0, 0);
        POPK(c, 1);
        return UNDECIDED;
    }
    emit(c, s, k0, "not", inst, "value must not match the schema in \"not\"");
    return 0;
}

/* if / then / else.  A condition whose answer is open leaves open which
 * branch applies: the keyword holds only when there is neither. */
static int kw_if(ectx *c, const ckw *k, const cJSON *inst, uint8_t *marks)
{
    size_t ml = marks ? marks_len(inst) : 0;
    uint8_t *tmp = marks ? new_marks(c, ml) : NULL;
    size_t log0 = c->r ? c->r->nknown : 0;
    c->quiet++;
    PUSHK(c, "if");
    int r = ev(c, k->u.cond.cond, inst, tmp);
    POPK(c, 1);
    c->quiet--;
    if (r != 1 && c->r) c->r->nknown = log0;
    if (r != 0 && marks && tmp) or_marks(marks, tmp, ml, r == UNDECIDED);
    if (r == UNDECIDED) {
        if (!k->u.cond.then_s && !k->u.cond.else_s) return 1;
        PUSHK(c, "if");
        replay_open(c, k->u.cond.cond, inst, 0, 0);
        POPK(c, 1);
        return UNDECIDED;
    }
    const cschema *next = r ? k->u.cond.then_s : k->u.cond.else_s;
    if (!next) return 1;
    PUSHK(c, r ? "then" : "else");
    int ok = ev(c, next, inst, marks);
    POPK(c, 1);
    return ok;
}

/* unevaluatedItems / unevaluatedProperties on item e (index i), which no
 * adjacent keyword evaluated. */
static int uneval_one(ectx *c, const cschema *s, size_t k0, const ckw *k, const cJSON *e, size_t i)
{
    if (k->op == OP_UNEVAL_PROPS)
        return ev_false_member(c, s, k0, k->u.sub, e, "unevaluatedProperties", " (unevaluated)");
    if (k->u.sub->boolean == 0) {
        PUSHII(c, i);
        emit(c, s, k0, "unevaluatedItems", e, "item %zu is not allowed (unevaluated)", i);
        POPI(c);
        return 0;
    }
    PUSHK(c, "unevaluatedItems");
    int r = ev_item(c, k->u.sub, e, i);
    POPK(c, 1);
    return r;
}

/* The same for an item evaluated only maybe (MARK_MAYBE): if the
 * unevaluated* schema passes it, it passes either way; else whether it
 * applies at all is open. */
static int uneval_open(ectx *c, const cschema *s, size_t k0, const ckw *k, const cJSON *e, size_t i)
{
    c->quiet++;
    int r = uneval_one(c, s, k0, k, e, i);
    c->quiet--;
    if (r == 1) return 1;
    const char *kw = k->op == OP_UNEVAL_PROPS ? "unevaluatedProperties" : "unevaluatedItems";
    if (k->op == OP_UNEVAL_PROPS) PUSHIN(c, e->string, json_key_len(e));
    else PUSHII(c, i);
    r = emit_undecided(c, s, k0, kw, NULL, e,
                       "whether an adjacent keyword evaluated this value depends on a regex that could not be evaluated");
    POPI(c);
    return r;
}

/* ---- one function per keyword -----------------------------------------
 *
 * Each takes the schema s, the keyword's index k0 in it, the keyword k
 * and the instance, and answers as the walk does: 1 holds, 0 fails (the
 * error recorded unless quiet), UNDECIDED (the reason recorded).  kw_eval
 * dispatches on the op. */

/* $ref and $dynamicRef: a dynamic one goes to the outermost resource of
 * the dynamic scope that has a candidate anchor */
static int kw_ref(ectx *c, const ckw *k, const cJSON *inst, uint8_t *marks)
{
    const cschema *target = k->u.ref.target;
    if (k->op == OP_DYNREF && k->u.ref.anchor) {
        int found = 0;
        for (size_t i = 0; i < c->nscope && !found; i++)
            for (size_t j = 0; j < k->u.ref.ncands; j++) {
                const char *res = k->u.ref.cands[j].res;
                if (res == c->scope[i]) {
                    target = k->u.ref.cands[j].target;
                    found = 1;
                    break;
                }
            }
    }
    PUSHK(c, k->kw);
    int r = ev(c, target, inst, marks);
    POPK(c, 1);
    return r;
}

static int kw_type(ectx *c, const cschema *s, size_t k0, const ckw *k, const cJSON *inst)
{
    if (kw_type_ok(k, inst)) return 1;
    emit_type(c, s, k0, k, inst);
    return 0;
}

static int kw_enum(ectx *c, const cschema *s, size_t k0, const ckw *k, const cJSON *inst)
{
    if (kw_enum_ok(k, inst)) return 1;
    emit_enum(c, s, k0, k, inst);
    return 0;
}

static int kw_const(ectx *c, const cschema *s, size_t k0, const ckw *k, const cJSON *inst)
{
    if (jv_equal(inst, k->value)) return 1;
    emit_vs(c, s, k0, "const", inst, "expected", k->value);
    return 0;
}

/* multipleOf, maximum, exclusiveMaximum, minimum, exclusiveMinimum */
static int kw_number(ectx *c, const cschema *s, size_t k0, const ckw *k, const cJSON *inst)
{
    static const char *const what[] = {
        [OP_MULTIPLE_OF] = "expected a multiple of", [OP_MAXIMUM] = "expected at most",
        [OP_EXCL_MAXIMUM] = "expected less than", [OP_MINIMUM] = "expected at least",
        [OP_EXCL_MINIMUM] = "expected greater than"};
    if (kw_number_ok(k, inst)) return 1;
    emit_vs(c, s, k0, k->kw, inst, what[k->op], k->value);
    return 0;
}

/* maxLength, minLength */
static int kw_length(ectx *c, const cschema *s, size_t k0, const ckw *k, const cJSON *inst)
{
    size_t n = 0;
    if (kw_length_ok(k, inst, &n)) return 1;
    emit(c, s, k0, k->kw, inst, "expected %s %zu characters, got %zu",
         k->op == OP_MAX_LENGTH ? "at most" : "at least", k->u.count, n);
    return 0;
}

static int kw_pattern(ectx *c, const cschema *s, size_t k0, const ckw *k, const cJSON *inst)
{
    int r = kw_pattern_ok(k, inst, &c->rx);
    if (r == 1) return 1;
    if (r < 0) return emit_undecided(c, s, k0, "pattern", NULL, inst, regex_why(r));
    emit_value(c, s, k0, "pattern", inst, "%s does not match the pattern %s", k->u.pattern.src);
    return 0;
}

static int kw_format(ectx *c, const cschema *s, size_t k0, const ckw *k, const cJSON *inst)
{
    int r = kw_format_ok(k, inst);
    if (r == 1) return 1;
    if (r < 0)  /* FORMAT_UNDECIDED: only "regex" answers so */
        return emit_undecided(c, s, k0, "format", NULL, inst,
                              "the pattern nests groups deeper than the regex checker reads");
    emit_value(c, s, k0, "format", inst, "%s is not a valid %s", k->u.format.name);
    return 0;
}

/* maxItems, minItems, maxProperties, minProperties */
static int kw_count(ectx *c, const cschema *s, size_t k0, const ckw *k, const cJSON *inst)
{
    size_t n = 0;
    if (kw_count_ok(k, inst, &n)) return 1;
    emit(c, s, k0, k->kw, inst, "expected %s %zu %s, got %zu",
         k->op == OP_MAX_ITEMS || k->op == OP_MAX_PROPS ? "at most" : "at least", k->u.count,
         k->op == OP_MAX_ITEMS || k->op == OP_MIN_ITEMS ? "items" : "properties", n);
    return 0;
}

/* required, from the properties slots seen where it can */
static int kw_required(ectx *c, const cschema *s, size_t k0, const ckw *k, const cJSON *inst, uint64_t seen)
{
    if (JT(inst) != cJSON_Object) return 1;
    int ok = 1;
    for (size_t i = 0; i < k->u.required.n; i++) {
        if (kw_required_has(k, i, inst, seen)) continue;
        ok = 0;
        if (c->quiet) return 0;
        emit(c, s, k0, "required", inst, "missing required property \"%s\"",
             shown(c, k->u.required.names[i], k->u.required.lens[i]));
    }
    return ok;
}

/* dependentRequired (and the array entries of dependencies) */
static int kw_dep_required(ectx *c, const cschema *s, size_t k0, const ckw *k, const cJSON *inst)
{
    if (JT(inst) != cJSON_Object) return 1;
    int ok = 1;
    for (size_t i = 0; i < k->u.dep_required.n; i++) {
        const dep_req *d = &k->u.dep_required.v[i];
        if (!has_member(inst, d->name, d->len, d->hash)) continue;
        for (size_t j = 0; j < d->req.n; j++) {
            if (has_member(inst, d->req.names[j], d->req.lens[j], d->req.hashes[j])) continue;
            ok = 0;
            if (c->quiet) return 0;
            emit(c, s, k0, k->kw, inst, "property \"%s\" requires property \"%s\"",
                 shown(c, d->name, d->len), shown(c, d->req.names[j], d->req.lens[j]));
        }
    }
    return ok;
}

static int kw_all_of(ectx *c, const ckw *k, const cJSON *inst, uint8_t *marks)
{
    int ok = 1;
    PUSHK(c, "allOf");
    for (size_t i = 0; i < k->u.subs.n; i++) {
        PUSHKI(c, i);
        ok = and3(ok, ev(c, k->u.subs.v[i], inst, marks));
        POPK(c, 1);
        if (ok == 0 && c->quiet) break;
    }
    POPK(c, 1);
    return ok;
}

/* dependentSchemas (and the schema entries of dependencies) */
static int kw_dep_schemas(ectx *c, const ckw *k, const cJSON *inst, uint8_t *marks)
{
    if (JT(inst) != cJSON_Object) return 1;
    int ok = 1;
    for (size_t i = 0; i < k->u.dep_schemas.n; i++) {
        const prop_entry *d = &k->u.dep_schemas.v[i];
        if (!has_member(inst, d->name, d->len, d->hash)) continue;
        PUSHK(c, k->kw);
        PUSHKN(c, d->name, d->len);
        ok = and3(ok, ev(c, d->sub, inst, marks));
        POPK(c, 2);
        if (ok == 0 && c->quiet) return 0;
    }
    return ok;
}

/* propertyNames: each name as a string instance, its location the
 * member's */
static int kw_property_names(ectx *c, const ckw *k, const cJSON *inst)
{
    if (JT(inst) != cJSON_Object) return 1;
    int ok = 1;
    const cJSON *saved = c->name_owner;
    for (const cJSON *m = inst->child; m; m = m->next) {
        json_node key;
        const cJSON *name = kw_key_node(m, &key);
        c->name_owner = inst;
        PUSHK(c, "propertyNames");
        PUSHIN(c, m->string, json_key_len(m));
        ok = and3(ok, ev(c, k->u.sub, name, NULL));
        POPI(c);
        POPK(c, 1);
        c->name_owner = saved;
        if (ok == 0 && c->quiet) return 0;
    }
    return ok;
}

/* unevaluatedItems, unevaluatedProperties: the items or members no
 * keyword before marked evaluated */
static int kw_unevaluated(ectx *c, const cschema *s, size_t k0, const ckw *k, const cJSON *inst, uint8_t *marks)
{
    int is_items = k->op == OP_UNEVAL_ITEMS;
    if (JT(inst) != (is_items ? cJSON_Array : cJSON_Object) || !marks) return 1;
    int ok = 1;
    size_t i = 0;
    for (const cJSON *e = inst->child; e; e = e->next, i++) {
        if (marks[i] == MARK_YES) continue;
        int maybe = marks[i] == MARK_MAYBE;
        marks[i] = MARK_YES;
        if (c->report_unknown && c->r && !is_items) log_known(c, inst, i);
        ok = and3(ok, maybe ? uneval_open(c, s, k0, k, e, i) : uneval_one(c, s, k0, k, e, i));
        if (ok == 0 && c->quiet) return 0;
    }
    return ok;
}

/* Keyword k (the k0-th of s) on inst: 1, 0 or UNDECIDED; marks: inst's
 * annotation bytes (NULL: none kept), seen: the properties slots its
 * properties keyword met. */
static int kw_eval(ectx *c, const cschema *s, size_t k0, const ckw *k, const cJSON *inst, uint8_t *marks,
                   uint64_t *seen)
{
    int t = JT(inst);
    switch (k->op) {
    case OP_REF: case OP_DYNREF: return kw_ref(c, k, inst, marks);
    case OP_TYPE: return kw_type(c, s, k0, k, inst);
    case OP_ENUM: return kw_enum(c, s, k0, k, inst);
    case OP_CONST: return kw_const(c, s, k0, k, inst);
    case OP_MULTIPLE_OF: case OP_MAXIMUM: case OP_EXCL_MAXIMUM: case OP_MINIMUM: case OP_EXCL_MINIMUM:
        return kw_number(c, s, k0, k, inst);
    case OP_MAX_LENGTH: case OP_MIN_LENGTH: return kw_length(c, s, k0, k, inst);
    case OP_PATTERN: return kw_pattern(c, s, k0, k, inst);
    case OP_FORMAT: return kw_format(c, s, k0, k, inst);
    case OP_MAX_ITEMS: case OP_MIN_ITEMS: case OP_MAX_PROPS: case OP_MIN_PROPS: return kw_count(c, s, k0, k, inst);
    case OP_UNIQUE_ITEMS: return t != cJSON_Array || kw_unique(c, s, k0, inst);
    case OP_CONTAINS: return t != cJSON_Array ? 1 : kw_contains(c, s, k0, k, inst, marks);
    case OP_REQUIRED: return kw_required(c, s, k0, k, inst, *seen);
    case OP_DEP_REQUIRED: return kw_dep_required(c, s, k0, k, inst);
    case OP_ALL_OF: return kw_all_of(c, k, inst, marks);
    case OP_ANY_OF: return kw_anyof_oneof(c, s, k0, k, inst, marks, 0);
    case OP_ONE_OF: return kw_anyof_oneof(c, s, k0, k, inst, marks, 1);
    case OP_NOT: return kw_not(c, s, k0, k, inst);
    case OP_IF: return kw_if(c, k, inst, marks);
    case OP_DEP_SCHEMAS: return kw_dep_schemas(c, k, inst, marks);
    case OP_ITEMS: return t != cJSON_Array ? 1 : kw_items(c, s, k0, k, inst, marks);
    case OP_PROPERTIES: return t != cJSON_Object ? 1 : kw_properties(c, s, k0, k, inst, marks, seen);
    case OP_PROPERTY_NAMES: return kw_property_names(c, k, inst);
    case OP_UNEVAL_ITEMS: case OP_UNEVAL_PROPS: return kw_unevaluated(c, s, k0, k, inst, marks);
    }
    return 1;
}

static void emit_type(ectx *c, const cschema *s, size_t k0, const ckw *k, const cJSON *inst)
{
    if (c->quiet || !c->r) return;
    const cJSON *tv = k->value;
    char list[200] = "";
    if (cJSON_IsString(tv)) snprintf(list, sizeof list, "%s", tv->valuestring);
    else for (const cJSON *e = tv->child; e; e = e->next) {
        size_t l = strlen(list);
        snprintf(list + l, sizeof list - l, "%s%s", l ? " or " : "", e->valuestring);
    }
    emit(c, s, k0, "type", inst, "expected %s, got %s", list, type_name(inst));
}

static void emit_enum(ectx *c, const cschema *s, size_t k0, const ckw *k, const cJSON *inst)
{
    if (c->quiet || !c->r) return;
    char list[400] = "", b1[200], b2[200];
    int n = 0;
    for (const cJSON *e = k->value->child; e; e = e->next, n++) {
        size_t l = strlen(list);
        if (n == 12 || l > 300) { snprintf(list + l, sizeof list - l, ", ..."); break; }
        snprintf(list + l, sizeof list - l, "%s%s", n ? ", " : "", show(e, b1, 64));
    }
    emit(c, s, k0, "enum", inst, "expected one of %s, got %s", list, show(inst, b2, 80));
}

static int ev_schema(ectx *c, const cschema *s, const cJSON *inst, uint8_t *marks);

/* Evaluate s.  A schema that is nothing but a $ref (the common wrapper
 * around a shared definition) is followed without a frame of its own; its
 * keyword location still shows the "$ref".  Skipping it must not change the
 * dynamic scope, so this applies only when no $dynamicRef needs the scope. */
static int ev(ectx *c, const cschema *s, const cJSON *inst, uint8_t *marks)
{
    size_t hops = 0;
    while (s->ref_only && !c->s->dynamic && hops < 8) {
        if (!PUSHK(c, "$ref")) return 0;
        hops++;
        s = s->kw[0].u.ref.target;
    }
    int r = ev_schema(c, s, inst, marks);
    POPK(c, hops);
    return r;
}

/* Replace the errors s produced since err0 with its x-error message. */
static __attribute__((noinline)) void emit_x_error(ectx *c, const cschema *s, size_t k0, size_t err0,
                                                   const cJSON *inst)
{
        result_truncate(c->r, err0);
        char msg[1024];
        interpolate(c, s->x_error, inst, msg, sizeof msg);
        const cJSON *at = inst;
        size_t pushed_ip = 0;
        size_t at_len = s->x_error_at ? json_string_len(s->x_error_at) : 0;
        if (at_len) {
            const cJSON *v = jp_get(inst, s->x_error_at->valuestring, at_len);
            if (v) {
                /* push each token of x-error-at onto the instance path
                 * (whole tokens: the pointer may name a key holding U+0000) */
                const char *p = s->x_error_at->valuestring, *end = p + at_len;
                while (p < end && *p == '/') {
                    p++;
                    const char *slash = memchr(p, '/', (size_t)(end - p));
                    size_t n = slash ? (size_t)(slash - p) : (size_t)(end - p);
                    char *tok = arena_alloc(c->r->scratch, n + 1);
                    if (!tok) break;
                    size_t o = 0;
                    for (size_t j = 0; j < n; j++) {
                        if (p[j] == '~' && j + 1 < n && (p[j + 1] == '0' || p[j + 1] == '1')) {
                            tok[o++] = p[j + 1] == '0' ? '~' : '/';
                            j++;
                        } else tok[o++] = p[j];
                    }
                    tok[o] = 0;
                    PUSHIN(c, tok, o);
                    pushed_ip++;
                    p += n;
                }
                at = v;
            }
        }
        emit(c, s, k0, "x-error", at, "%s", msg);
        c->ip.n -= pushed_ip;
    }

static int ev_schema(ectx *c, const cschema *s, const cJSON *inst, uint8_t *marks)
{
    if (s->boolean == 1) return 1;
    if (s->boolean == 0) {
        emit(c, s, c->kp.n, NULL, inst, "no value is allowed here (schema is false)");
        return 0;
    }
    if (c->oom) return 0;
    if (++c->depth > EVAL_MAX_DEPTH || c->ip.n > c->s->max_depth) {
        c->depth--;
        emit(c, s, c->kp.n, NULL, inst, "evaluation nested too deeply (schema recursion or instance depth limit)");
        return 0;
    }
    size_t k0 = c->kp.n;
    size_t err0 = c->r ? c->r->n : 0;
    int pushed = 0;
    /* the dynamic scope matters only to $dynamicRef */
    if (c->s->dynamic && (!c->nscope || c->scope[c->nscope - 1] != s->res)) {
        if (c->nscope == c->capscope) {
            size_t nc = c->capscope * 2;
            const char **nv = c->scope == c->scope_inline ? malloc(nc * sizeof *nv) : realloc(c->scope, nc * sizeof *nv);
            if (!nv) { c->oom = 1; c->depth--; return 0; }
            if (c->scope == c->scope_inline) memcpy(nv, c->scope_inline, sizeof c->scope_inline);
            c->scope = nv;
            c->capscope = nc;
        }
        c->scope[c->nscope++] = s->res;
        pushed = 1;
    }
    uint8_t *own = marks;
    size_t ml = 0;
    if (s->tracks && (JT(inst) == cJSON_Object || JT(inst) == cJSON_Array)) {
        ml = kw_child_count(inst);
        own = new_marks(c, ml);
    }
    int ok = 1;
    uint64_t seen = 0; /* properties slots present in inst (see required) */
    for (size_t i = 0; i < s->nkw; i++) {
        ok = and3(ok, kw_eval(c, s, k0, &s->kw[i], inst, own, &seen));
        if (ok == 0 && c->quiet) break;
    }
    if (s->tracks && ok != 0 && own != marks && marks && own) or_marks(marks, own, ml, ok == UNDECIDED);
    /* x-error speaks for a failure; an open answer keeps its reasons */
    if (ok == 0 && s->x_error && c->r && !c->quiet) emit_x_error(c, s, k0, err0, inst);
    if (pushed) c->nscope--;
    c->depth--;
    return ok;
}

/* ---- entry point ---------------------------------------------------- */

/* Order of the unknown-property log: by object, then member index. */
static int cmp_known(const void *a, const void *b)
{
    const struct known_mark *x = a, *y = b;
    if (x->obj != y->obj) return (uintptr_t)x->obj < (uintptr_t)y->obj ? -1 : 1;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

int schema_evaluate(const jsv_schema *s, const cJSON *instance, jsv_result *r)
{
    ectx c;
    memset(&c, 0, offsetof(ectx, ip));
    c.ip.n = c.kp.n = 0;
    c.ip.v = c.ip.inline_v;
    c.kp.v = c.kp.inline_v;
    c.ip.cap = c.kp.cap = sizeof c.ip.inline_v / sizeof c.ip.inline_v[0];
    c.scope = c.scope_inline;
    c.nscope = 0;
    c.capscope = sizeof c.scope_inline / sizeof c.scope_inline[0];
    c.depth = 0;
    c.name_owner = NULL;
    c.oom = 0;
    /* unknown-property reporting needs the log a result keeps */
    jsv_result *tmp_r = NULL;
    if (!r && (s->flags & JSV_REPORT_UNKNOWN)) {
        r = tmp_r = jsv_result_new();
        if (!r) return -1;
    }
    c.s = s;
    c.r = r;
    c.quiet = r ? 0 : 1;
    c.report_unknown = r && ((s->flags & JSV_REPORT_UNKNOWN) || r->report_unknown);
    pcre2_match_data *own_md = NULL;
    if (r) {
        result_reset(r);
        c.scratch = r->scratch;
        if (!r->md) r->md = ecma_regex_match_data_new();
        result_run_start(r, s, &c.rx, r->md);
    } else {
        result_run_start(NULL, s, &c.rx, own_md = ecma_regex_match_data_new());
    }
    int ok = ev(&c, s->root, instance, NULL);
    result_run_end(r, &c.rx);
    if (c.report_unknown && !c.oom) {
        /* members of objects that a properties keyword looked at, which no
         * applied properties / patternProperties / additionalProperties /
         * unevaluatedProperties covered */
        if (r->nknown > 1) qsort(r->known, r->nknown, sizeof *r->known, cmp_known);
        for (size_t a = 0; a < r->napplied; a++) {
            const cJSON *obj = r->applied[a].obj;
            size_t i = 0;
            for (const cJSON *m = obj->child; m; m = m->next, i++) {
                struct known_mark key = { obj, i };
                if (r->nknown && bsearch(&key, r->known, r->nknown, sizeof *r->known, cmp_known)) continue;
                strbuf b = {0}, msg = {0};
                size_t len = json_key_len(m);
                sb_puts(&b, r->applied[a].at);
                seg t = { m->string, len };
                sb_token(&b, &t);
                char *esc = json_escape_nul(m->string, len);
                const char *name = esc ? esc : m->string;
                /* the name, up to 560 bytes cut between characters */
                sb_printf(&msg, "unknown property \"%.*s\"", (int)utf8_cut(name, strlen(name), 560), name);
                free(esc);
                if (b.oom || msg.oom) c.oom = 1;
                else result_add(r, b.data, "", r->applied[a].abs, "unknownProperty", msg.data, m, JSV_ERROR_INVALID);
                sb_free(&b);
                sb_free(&msg);
                ok = 0;
            }
        }
    }
    if (!r && c.scratch) arena_free(c.scratch);
    ecma_regex_match_data_free(own_md);
    if (c.ip.v != c.ip.inline_v) free(c.ip.v);
    if (c.kp.v != c.kp.inline_v) free(c.kp.v);
    if (c.scope != c.scope_inline) free(c.scope);
    /* an open verdict stands on its undecided errors alone */
    if (ok == UNDECIDED && r) result_keep_undecided(r, 0);
    if (c.oom || (r && r->oom)) {
        if (r) result_add(r, "", "", "", "internal", "out of memory during validation", instance, JSV_ERROR_INVALID);
        ok = -1;
    }
    jsv_result_free(tmp_r);
    return ok;
}

/* Match data for a verdict walk: r's (made once and kept in r), or when r
 * is NULL a new one, which *own then holds for the caller to free.  NULL
 * when out of memory. */
static pcre2_match_data *verdict_match_data(jsv_result *r, pcre2_match_data **own)
{
    *own = NULL;
    if (r) {
        if (!r->md) r->md = ecma_regex_match_data_new();
        return r->md;
    }
    return *own = ecma_regex_match_data_new();
}

int jsv_validate(const jsv_schema *s, const cJSON *instance, jsv_result *r)
{
    /* the lean verdict first; the reporting walk only when it says invalid
     * or cannot tell */
    if (s->verdict) {
        pcre2_match_data *own, *md = verdict_match_data(r, &own);
        ecma_regex_run rx;
        result_run_start(r, s, &rx, md);
        int v = md ? schema_verdict_run(s, instance, &rx) : -1;
        result_run_end(r, &rx);
        ecma_regex_match_data_free(own);
        if (v == 1) {
            if (r) result_reset(r);
            return 1;
        }
        if (v == 0 && !r) return 0;
    }
    return schema_evaluate(s, instance, r);
}

int jsv_check_tape(const jsv_schema *s, const json_tape *t, jsv_result *r)
{
    if (!s || !s->verdict) return -1;
    pcre2_match_data *own, *md = verdict_match_data(r, &own);
    ecma_regex_run rx;
    result_run_start(r, s, &rx, md);
    int v = md ? schema_verdict_tape_run(s, t, &rx) : -1;
    result_run_end(r, &rx);
    ecma_regex_match_data_free(own);
    return v < 0 ? -1 : v;
}

int jsv_checks_tapes(const jsv_schema *s)
{
    return s && s->verdict;
}

