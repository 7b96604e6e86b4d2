/* differ.c - differential comparison of two answers (differ.h). */
#include "differ.h"
#include "expect.h"
#include "json_util.h"
#include "campaign/format.h"
#include "campaign/json_parse.h"
#include "campaign/json_pointer.h"
#include "campaign/json_value.h"
#include "campaign/strbuf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A scenario holds a few dozen ids; lookups walk the list.  Past this
 * many pairs (a hostile answer naming ids without end) no new pair is
 * made, and an unpaired id then compares as a plain string. */
#define DF_MAX_PAIRS 4096
#define DF_MAX_SENT 4096

typedef struct df_pair { char *t, *r; } df_pair;

struct df_state {
    df_pair *pairs;
    size_t npairs, cap;
    char **sent;
    size_t nsent, capsent;
};

df_state *df_new(void)
{
    return calloc(1, sizeof(df_state));
}

void df_free(df_state *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->npairs; i++) {
        free(d->pairs[i].t);
        free(d->pairs[i].r);
    }
    for (size_t i = 0; i < d->nsent; i++)
        free(d->sent[i]);
    free(d->pairs);
    free(d->sent);
    free(d);
}

/* ---- N3: ids ----------------------------------------------------------- */

static int was_sent(const df_state *d, const char *s)
{
    for (size_t i = 0; i < d->nsent; i++)
        if (strcmp(d->sent[i], s) == 0)
            return 1;
    return 0;
}

static void add_sent(df_state *d, const char *s, size_t len)
{
    if (!len || d->nsent >= DF_MAX_SENT || memchr(s, '\0', len))
        return;
    char *c = strndup(s, len);
    if (!c || was_sent(d, c)) {
        free(c);
        return;
    }
    if (d->nsent == d->capsent) {
        size_t cap = d->capsent ? d->capsent * 2 : 16;
        char **v = realloc(d->sent, cap * sizeof *v);
        if (!v) {
            free(c);
            return;
        }
        d->sent = v;
        d->capsent = cap;
    }
    d->sent[d->nsent++] = c;
}

static void sent_strings(df_state *d, const cJSON *v)
{
    for (const cJSON *c = v ? v->child : NULL; c; c = c->next)
        sent_strings(d, c);
    if (cJSON_IsString(v))
        add_sent(d, v->valuestring, json_string_len(v));
}

void df_sent(df_state *d, const http_exchange *sent, const char *base_url)
{
    size_t blen = strlen(base_url);
    if (!d || !sent->url)
        return;
    const char *p = strncmp(sent->url, base_url, blen) == 0 ? sent->url + blen : sent->url;
    while (*p) {
        p += strspn(p, "/?&=");
        size_t n = strcspn(p, "/?&=#");
        add_sent(d, p, n);
        p += n;
        if (*p == '#')
            break;
    }
    if (sent->body && sent->body_len) {
        json_doc *b = json_parse(sent->body, sent->body_len, NULL, NULL, NULL);
        if (b)
            sent_strings(d, b->root);
        json_doc_free(b);
    }
}

/* Do ids t (this server) and r (the reference) stand for each other?
 * The first sight of either pairs them (N3). */
static int ids_pair(df_state *d, const char *t, const char *r)
{
    for (size_t i = 0; i < d->npairs; i++) {
        int ht = strcmp(d->pairs[i].t, t) == 0, hr = strcmp(d->pairs[i].r, r) == 0;
        if (ht || hr)
            return ht && hr;
    }
    if (strcmp(t, r) == 0 || was_sent(d, t) || was_sent(d, r))
        return strcmp(t, r) == 0;
    if (d->npairs >= DF_MAX_PAIRS)
        return 0;
    if (d->npairs == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        df_pair *v = realloc(d->pairs, cap * sizeof *v);
        if (!v)
            return 0;
        d->pairs = v;
        d->cap = cap;
    }
    df_pair p = { strdup(t), strdup(r) };
    if (!p.t || !p.r) {
        free(p.t);
        free(p.r);
        return 0;
    }
    d->pairs[d->npairs++] = p;
    return 1;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && strcmp(s + n - m, suffix) == 0;
}

/* The member names whose string values are ids (N3). */
static int id_member(const char *name)
{
    return name && (strcmp(name, "id") == 0 || ends_with(name, "Id") || ends_with(name, "_id") ||
                    ends_with(name, "Ref") || ends_with(name, "_ref"));
}

static int ids_member(const char *name)
{
    return name && (ends_with(name, "Ids") || ends_with(name, "_ids") || ends_with(name, "Refs") ||
                    ends_with(name, "_refs"));
}

static int unordered_member(const char *name)
{
    static const char *const names[] = DF_UNORDERED;
    for (size_t i = 0; name && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return 1;
    return 0;
}

/* ---- the walk ---------------------------------------------------------- */

/* Where the walk found the first difference. */
typedef struct df_found {
    strbuf pointer;
    const cJSON *t, *r; /* NULL: absent on that side */
} df_found;

/* "/" and tok[0..len) as a reference token ('~' as "~0", '/' as "~1"),
 * appended to p (p unchanged out of memory). */
static void pointer_add(strbuf *p, const char *tok, size_t len)
{
    size_t n = jp_token_size(tok, len);
    char *t = malloc(n ? n : 1);
    if (!t)
        return;
    jp_token_write(t, tok, len);
    sb_append(p, "/", 1);
    sb_append(p, t, n);
    free(t);
}

static void pointer_index(strbuf *p, size_t i)
{
    sb_printf(p, "/%zu", i);
}

static int is_date_time(const cJSON *v)
{
    format_datetime dt;
    return cJSON_IsString(v) && format_read_date_time(v->valuestring, json_string_len(v), &dt);
}

static int integer_text(const cJSON *v)
{
    return (v->type & JSON_NODE_INTEGER_TEXT) != 0;
}

static int same(df_state *d, const cJSON *t, const cJSON *r, const char *member, int in_ids, df_found *f);

/* Scalars under N3-N5 and N8 (without d: JSON equality). */
static int same_scalar(df_state *d, const cJSON *t, const cJSON *r, const char *member, int in_ids)
{
    if (!d)
        return jv_equal(t, r);
    if (cJSON_IsString(t) && cJSON_IsString(r)) {
        if (is_date_time(t) && is_date_time(r))
            return 1;
        if (member && strcmp(member, "message") == 0)
            return 1; /* N8: prose */
        if ((id_member(member) || in_ids) && !memchr(t->valuestring, '\0', json_string_len(t)) &&
            !memchr(r->valuestring, '\0', json_string_len(r)))
            return ids_pair(d, t->valuestring, r->valuestring);
        return jv_equal(t, r);
    }
    if (cJSON_IsNumber(t) && cJSON_IsNumber(r)) {
        if (integer_text(t) && integer_text(r))
            return jv_num_cmp(t, r) == 0;
        return fabs(t->valuedouble - r->valuedouble) <= 0.01 + 1e-9;
    }
    return jv_equal(t, r);
}

static int same_object(df_state *d, const cJSON *t, const cJSON *r, df_found *f)
{
    for (const cJSON *m = t->child; m; m = m->next) {
        const cJSON *o = json_member_n(r, m->string, json_key_len(m));
        if (!o) {
            pointer_add(&f->pointer, m->string, json_key_len(m));
            f->t = m;
            f->r = NULL;
            return 0;
        }
        size_t mark = f->pointer.len;
        pointer_add(&f->pointer, m->string, json_key_len(m));
        if (!same(d, m, o, m->string, 0, f))
            return 0;
        f->pointer.len = mark;
    }
    for (const cJSON *o = r->child; o; o = o->next)
        if (!json_member_n(t, o->string, json_key_len(o))) {
            pointer_add(&f->pointer, o->string, json_key_len(o));
            f->t = NULL;
            f->r = o;
            return 0;
        }
    return 1;
}

/* N6: arrays of scalars as multisets (each item of t matched with an
 * unmatched equal item of r). */
static int same_multiset(const cJSON *t, const cJSON *r, df_found *f)
{
    int nt = cJSON_GetArraySize(t), nr = cJSON_GetArraySize(r);
    char *used = calloc((size_t)(nr ? nr : 1), 1);
    if (!used)
        return 0;
    int ok = nt == nr;
    size_t i = 0;
    for (const cJSON *a = t->child; a && ok; a = a->next, i++) {
        int j = 0, hit = 0;
        for (const cJSON *b = r->child; b && !hit; b = b->next, j++)
            if (!used[j] && jv_equal(a, b))
                hit = used[j] = 1;
        if (!hit) {
            pointer_index(&f->pointer, i);
            f->t = a;
            f->r = NULL;
            ok = 0;
        }
    }
    free(used);
    if (!ok && !f->t && !f->r) {
        f->t = t;
        f->r = r;
    }
    return ok;
}

static int scalars_only(const cJSON *a)
{
    for (const cJSON *c = a->child; c; c = c->next)
        if (cJSON_IsObject(c) || cJSON_IsArray(c))
            return 0;
    return 1;
}

static int same_array(df_state *d, const cJSON *t, const cJSON *r, const char *member, df_found *f)
{
    if (d && unordered_member(member) && scalars_only(t) && scalars_only(r))
        return same_multiset(t, r, f);
    const cJSON *a = t->child, *b = r->child;
    size_t i = 0;
    for (; a && b; a = a->next, b = b->next, i++) {
        size_t mark = f->pointer.len;
        pointer_index(&f->pointer, i);
        if (!same(d, a, b, member, ids_member(member), f))
            return 0;
        f->pointer.len = mark;
    }
    if (a || b) {
        pointer_index(&f->pointer, i);
        f->t = a;
        f->r = b;
        return 0;
    }
    return 1;
}

/* t and r the same under N2-N6?  When not, *f says where. */
static int same(df_state *d, const cJSON *t, const cJSON *r, const char *member, int in_ids, df_found *f)
{
    f->t = t;
    f->r = r;
    if (cJSON_IsObject(t) && cJSON_IsObject(r))
        return same_object(d, t, r, f);
    if (cJSON_IsArray(t) && cJSON_IsArray(r))
        return same_array(d, t, r, member, f);
    return same_scalar(d, t, r, member, in_ids);
}

int df_first_difference(df_state *d, const cJSON *a, const cJSON *b, strbuf *pointer, const cJSON **x,
                        const cJSON **y)
{
    df_found f = { *pointer, NULL, NULL };
    int differ = !same(d, a, b, NULL, 0, &f);
    *pointer = f.pointer;
    *x = f.t;
    *y = f.r;
    return differ;
}

/* ---- the comparison ---------------------------------------------------- */

static json_doc *body_of(const http_exchange *x)
{
    if (!x->resp_body.len)
        return NULL;
    json_parse_opts o = { JSON_PARSE_REJECT_DUPLICATES, 0 };
    return json_parse(x->resp_body.data, x->resp_body.len, &o, NULL, NULL);
}

int df_compare(df_state *d, const http_exchange *t, const http_exchange *r, char **what)
{
    strbuf out = {0};
    *what = NULL;
    if (t->status != r->status) {
        sb_printf(&out, "in status: this server %ld, the reference %ld", t->status, r->status);
        *what = sb_take(&out);
        return 1;
    }
    json_doc *bt = body_of(t), *br = body_of(r);
    int differ = 0;
    if (!bt || !br) {
        /* not JSON on a side: the bytes must agree */
        differ = (!bt != !br) || t->resp_body.len != r->resp_body.len ||
                 (t->resp_body.len && memcmp(t->resp_body.data, r->resp_body.data, t->resp_body.len) != 0);
        if (differ)
            sb_printf(&out, "in body: this server's %s, the reference's %s", bt ? "is JSON" : "is not JSON",
                      br ? "is JSON" : "is not JSON");
    } else {
        strbuf at = {0};
        const cJSON *vt, *vr;
        if ((differ = df_first_difference(d, bt->root, br->root, &at, &vt, &vr))) {
            char *st = ct_show_value(NULL, vt), *sr = ct_show_value(NULL, vr);
            sb_printf(&out, "at %s: this server %s, the reference %s", at.len ? at.data : "(root)",
                      st ? st : "?", sr ? sr : "?");
            free(st);
            free(sr);
        }
        sb_free(&at);
    }
    json_doc_free(bt);
    json_doc_free(br);
    if (differ)
        *what = sb_take(&out);
    else
        sb_free(&out);
    return differ;
}
