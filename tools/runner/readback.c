/* readback.c - the read-back invariants (readback.h). */
#include "readback.h"
#include "differ.h"
#include "expect.h"
#include "campaign/format.h"
#include "campaign/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the scenario has read of one campaign (RB4). */
typedef struct rb_seen {
    char id[RB_ID_MAX];
    char *created_at;         /* the first read's text */
    char *updated_at;         /* the latest updatedAt read, as text ... */
    format_instant updated;   /* ... and as an instant (valid when updated_at) */
} rb_seen;

struct rb_memory {
    rb_seen *v;
    size_t n, cap;
};

rb_memory *rb_memory_new(void)
{
    return calloc(1, sizeof(rb_memory));
}

void rb_memory_free(rb_memory *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++) {
        free(m->v[i].created_at);
        free(m->v[i].updated_at);
    }
    free(m->v);
    free(m);
}

/* The entry of campaign id, made when new; NULL out of memory. */
static rb_seen *seen_of(rb_memory *m, const char *id)
{
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->v[i].id, id) == 0)
            return &m->v[i];
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 4;
        rb_seen *v = realloc(m->v, cap * sizeof *v);
        if (!v)
            return NULL;
        m->v = v;
        m->cap = cap;
    }
    rb_seen *s = &m->v[m->n++];
    memset(s, 0, sizeof *s);
    snprintf(s->id, sizeof s->id, "%s", id);
    return s;
}

/* ---- which step, which campaign ---------------------------------------- */

ct_op rb_step_op(const http_exchange *x, const char *base_url, char id[RB_ID_MAX])
{
    size_t blen = strlen(base_url);
    id[0] = '\0';
    if (!x->method || !x->url || strncmp(x->url, base_url, blen) != 0)
        return OP_UNKNOWN;
    const char *path = x->url + blen;
    ct_op op = ct_op_of(x->method, path);
    switch (op) {
    case OP_CREATE:
        return op;
    case OP_GET: case OP_UPDATE: case OP_EXECUTE: case OP_PAUSE: case OP_REACTIVATE: {
        /* "/campaigns/ID[/...][?...]": ct_op_of saw the same segments */
        const char *s = path + strspn(path, "/");
        s += strcspn(s, "/");
        s += strspn(s, "/");
        size_t n = strcspn(s, "/?#");
        if (n == 0 || n >= RB_ID_MAX)
            return OP_UNKNOWN;
        memcpy(id, s, n);
        id[n] = '\0';
        return op;
    }
    default:
        return OP_UNKNOWN;
    }
}

int rb_prepare_read(const run_ctx *ctx, const char *id, http_exchange *x)
{
    strbuf url = {0};
    sb_printf(&url, "%s/campaigns/%s", ctx->base_url, id);
    x->method = strdup("GET");
    x->url = sb_take(&url);
    struct curl_slist *h = curl_slist_append(NULL, "Accept: application/json");
    if (h && ctx->token && *ctx->token) {
        strbuf auth = {0};
        sb_printf(&auth, "Authorization: Bearer %s", ctx->token);
        char *a = sb_take(&auth);
        struct curl_slist *more = a ? curl_slist_append(h, a) : NULL;
        free(a);
        if (!more) {
            curl_slist_free_all(h);
            h = NULL;
        }
    }
    x->headers = h;
    return x->method && x->url && h ? 0 : -1;
}

json_doc *rb_read_body(const http_exchange *x)
{
    if (x->code != CURLE_OK || x->status != 200 || !x->resp_body.len)
        return NULL;
    json_parse_opts o = { JSON_PARSE_REJECT_DUPLICATES, 0 };
    json_doc *d = json_parse(x->resp_body.data, x->resp_body.len, &o, NULL, NULL);
    if (d && !cJSON_IsObject(json_member(d->root, "campaign"))) {
        json_doc_free(d);
        d = NULL;
    }
    return d;
}

int rb_created_id(long status, const cJSON *answer, char id[RB_ID_MAX])
{
    id[0] = '\0';
    if (status < 200 || status >= 300)
        return 0;
    const cJSON *cid = json_member(json_member(answer, "campaign"), "campaignId");
    int ok = cJSON_IsString(cid) && json_string_len(cid) > 0 && json_string_len(cid) < RB_ID_MAX &&
             !memchr(cid->valuestring, '\0', json_string_len(cid));
    if (ok)
        memcpy(id, cid->valuestring, json_string_len(cid) + 1);
    return ok;
}

/* ---- the first difference of two bodies -------------------------------- */

/* One RB detail on res (redacted), which fails the step. */
static void broken(const run_ctx *ctx, ct_step_result *res, const char *text)
{
    char *r = redact(ctx->red, text, (size_t)-1);
    ct_step_add_detail(res, r ? r : "read-back: (a finding that could not be stored)");
    free(r);
    res->outcome = CT_FAIL;
}

/* When bodies a and b differ, the detail "read-back RBn: WHAT at POINTER:
 * A_LABEL x, B_LABEL y". */
static void compare_bodies(const run_ctx *ctx, ct_step_result *res, const char *rb, const char *what,
                           const cJSON *a, const char *a_label, const cJSON *b, const char *b_label)
{
    strbuf p = {0};
    const cJSON *x, *y;
    if (!df_first_difference(NULL, a, b, &p, &x, &y)) {
        sb_free(&p); /* the walk may have grown it on the way */
        return;
    }
    char *sx = ct_show_value(ctx->red, x), *sy = ct_show_value(ctx->red, y);
    strbuf d = {0};
    sb_printf(&d, "read-back %s: %s at %s: %s %s, %s %s", rb, what, p.len ? p.data : "(root)", a_label,
              sx ? sx : "?", b_label, sy ? sy : "?");
    char *t = sb_take(&d);
    broken(ctx, res, t ? t : "read-back: out of memory");
    free(t);
    free(sx);
    free(sy);
    sb_free(&p);
}

/* ---- RB4: what every read of a campaign shows -------------------------- */

static int same_instant_text(const char *a, const char *b)
{
    format_instant x, y;
    if (format_read_instant(a, strlen(a), &x) && format_read_instant(b, strlen(b), &y))
        return format_instant_cmp(&x, &y) == 0;
    return strcmp(a, b) == 0;
}

static const char *string_member(const cJSON *obj, const char *name)
{
    const cJSON *v = json_member(obj, name);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Hold the campaign of body (a read or an answer, named by `where`) to
 * what the scenario read before (RB4), and remember it. */
static void observe(const run_ctx *ctx, rb_memory *m, const char *id, const cJSON *body, const char *where,
                    ct_step_result *res)
{
    const cJSON *c = json_member(body, "campaign");
    if (!cJSON_IsObject(c) || !id[0])
        return;
    char msg[1200];
    const char *cid = string_member(c, "campaignId");
    if (cid && strcmp(cid, id) != 0) {
        snprintf(msg, sizeof msg, "read-back RB4: %s shows campaignId \"%.300s\" for campaign \"%.300s\"",
                 where, cid, id);
        broken(ctx, res, msg);
    }
    rb_seen *s = seen_of(m, id);
    if (!s)
        return;
    const char *created = string_member(c, "createdAt");
    if (created && s->created_at && !same_instant_text(created, s->created_at)) {
        snprintf(msg, sizeof msg, "read-back RB4: createdAt changed: %s shows \"%.100s\", the first read \"%.100s\"",
                 where, created, s->created_at);
        broken(ctx, res, msg);
    } else if (created && !s->created_at) {
        s->created_at = strdup(created);
    }
    const char *updated = string_member(c, "updatedAt");
    format_instant u;
    if (!updated || !format_read_instant(updated, strlen(updated), &u))
        return;
    if (s->updated_at && format_instant_cmp(&u, &s->updated) < 0) {
        snprintf(msg, sizeof msg, "read-back RB4: updatedAt went back: %s shows \"%.100s\", an earlier read \"%.100s\"",
                 where, updated, s->updated_at);
        broken(ctx, res, msg);
        return;
    }
    char *t = strdup(updated);
    if (t) {
        free(s->updated_at);
        s->updated_at = t;
        s->updated = u;
    }
}

/* ---- the judgement ------------------------------------------------------ */

/* RB2: the status a status change answers against the reads around it. */
static void check_status_change(const run_ctx *ctx, const cJSON *answer, const cJSON *before, const cJSON *after,
                                ct_step_result *res)
{
    struct { const char *member; const cJSON *read; const char *when; } pairs[] = {
        { "previousStatus", before, "read right before" },
        { "newStatus", after, "read right after" },
    };
    for (size_t i = 0; i < 2; i++) {
        const char *said = string_member(answer, pairs[i].member);
        const char *read = string_member(json_member(pairs[i].read, "campaign"), "status");
        if (!said || !read || strcmp(said, read) == 0)
            continue;
        char msg[600];
        snprintf(msg, sizeof msg, "read-back RB2: the answer's %s is \"%.100s\", the campaign %s has status \"%.100s\"",
                 pairs[i].member, said, pairs[i].when, read);
        broken(ctx, res, msg);
    }
}

void rb_judge(const run_ctx *ctx, rb_memory *m, ct_op op, const char *id, const cJSON *before,
              long status, const cJSON *ans, const cJSON *after, ct_step_result *res)
{
    observe(ctx, m, id, before, "the read before the step", res);
    int ok2xx = status >= 200 && status < 300;
    if (ok2xx && (op == OP_GET || op == OP_CREATE || (op == OP_UPDATE && status == 200)))
        observe(ctx, m, id, ans, "the step's answer", res);
    observe(ctx, m, id, after, "the read after the step", res);

    if (after && ans && (op == OP_CREATE || op == OP_UPDATE) && (op == OP_CREATE ? ok2xx : status == 200))
        compare_bodies(ctx, res, "RB1", "the answer and the campaign read right after it differ", ans,
                       "answered", after, "read");
    if (ans && status == 200 && (op == OP_EXECUTE || op == OP_PAUSE || op == OP_REACTIVATE))
        check_status_change(ctx, ans, before, after, res);
    if (before && after && status >= 400 && status < 500 && op != OP_GET && op != OP_CREATE) {
        char what[96];
        snprintf(what, sizeof what, "the refused request (%ld) changed the campaign", status);
        compare_bodies(ctx, res, "RB3", what, before, "before", after, "after");
    }
    if (res->outcome == CT_FAIL && res->ndetails) {
        free(res->message);
        res->message = strdup(res->details[0]);
    }
}
