/* contract_rules_tape.c - the contract rules over tapes: does any rule
 * find anything?
 *
 * The rules of contract_rules_walk.h, reading tape entries.  Nothing is
 * reported: a finding only marks the check as failed, and the caller
 * parses a tree and runs contract_rules_apply() to say where and why.
 * A string a rule reads is copied out of the input, NUL-terminated, into
 * the caller's arena (the rules compare C strings). */
#include "contract_rules.h"
#include "json_tape.h"
#include "map.h"
#include "siphash.h"
#include "utf8.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef const jt_value *rnode;
typedef struct rctx {
    const json_tape *t;
    arena *strings;  /* copies of the strings the rules read */
    int found;       /* some rule has a finding */
    int oom;         /* a string could not be copied: the answer is unsure */
    const char *ahead; /* the tape is asked for up to here (prefetch_next) */
    const char *input_ahead; /* and the input up to here */
} rctx;

static inline rnode member(rctx *r, rnode obj, const char *key)
{
    return jt_member(r->t, obj, key);
}

static inline rnode member_key(rctx *r, rnode obj, const rkey *k)
{
    return jt_member_h(r->t, obj, k->name, k->len, k->hash);
}

static const char *string_value(rctx *r, rnode item)
{
    if (!item || item->type != cJSON_String)
        return NULL;
    const char *s = jt_str(r->t, item);
    size_t len = item->u.str.len;
    if (memchr(s, '\0', len))
        return NULL;
    char *copy = arena_strndup(r->strings, s, len);
    if (!copy)
        r->oom = 1;
    return copy;
}

static const char *string_bytes(rctx *r, rnode item, size_t *len)
{
    if (!item || item->type != cJSON_String)
        return NULL;
    *len = item->u.str.len;
    return jt_str(r->t, item);
}

static int number_value(rnode item, double *out)
{
    if (!item || item->type != cJSON_Number || !isfinite(item->u.num))
        return 0;
    *out = item->u.num;
    return 1;
}

/* (a tape reports nothing: no message is made from it) */
static const char *number_text(rctx *r, rnode item, char buf[48])
{
    (void)r;
    (void)item;
    buf[0] = '\0';
    return buf;
}

static inline int is_array(rnode x) { return x && x->type == cJSON_Array; }
static inline int is_object(rnode x) { return x && x->type == cJSON_Object; }
static inline int is_null(rnode x) { return x && x->type == cJSON_NULL; }
static inline rnode first_child(rnode x) { return x ? jt_child(x) : NULL; }
static inline rnode next_of(rnode x) { return jt_next(x); }

static int count_children(rnode x)
{
    if (!x)
        return 0;
    if (x->type == cJSON_Array)
        return x->u.count > INT_MAX ? INT_MAX : (int)x->u.count;
    int n = 0;
    for (rnode e = jt_child(x); e && n < INT_MAX; e = jt_next(e))
        n++;
    return n;
}

/* How far ahead of a list entry the tape and the input are asked for
 * (the input holds about half as many bytes per value as the tape). */
#define STREAM_AHEAD 8192
#define STREAM_AHEAD_INPUT 4096

/* Ask for [*mark or at, at + dist) line by line, and move *mark there.
 * A mark already past that range means a new pass began behind the last
 * one: start again from at. */
static inline void stream(const char **mark, const char *at, size_t dist)
{
    const char *want = at + dist;
    const char *from = *mark > at && *mark <= want ? *mark : at;
    for (const char *p = from; p < want; p += 64)
        __builtin_prefetch(p);
    *mark = want;
}

/* A list's next entry lies past this entry's subtree, and the rules read
 * a few members of each and the bytes of some strings: chains of trips to
 * memory, a few per entry.  The entries are in tape order and their
 * strings in input order, so both are asked for ahead of the current
 * entry, line by line: memory then streams in while the entries are
 * read. */
static inline void prefetch_next(rctx *r, rnode x)
{
    stream(&r->ahead, (const char *)x, STREAM_AHEAD);
    stream(&r->input_ahead, r->t->input + x->pos, STREAM_AHEAD_INPUT);
}

static void add(rctx *r, const char *at, const char *rel, const char *id, rnode instance, const char *fmt, ...)
{
    (void)at;
    (void)rel;
    (void)id;
    (void)instance;
    (void)fmt;
    r->found = 1;
}

#include "contract_rules_walk.h"

int contract_rules_tape(const char *name, const json_tape *t, arena *strings)
{
    rctx r = { t, strings, 0, 0, NULL, NULL };
    const jt_value *root = t ? jt_root(t) : NULL;
    if (!root)
        return -1;
    rules_apply(name, root, &r);
    if (r.oom)
        return -1;
    return r.found ? 0 : 1;
}
