/* reference.c - differential mode's side of a step (reference.h). */
#include "reference.h"
#include "campaign/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int reference_prepare(const run_ctx *ref, const ct_step *st, const ct_vars *rvars, http_exchange *rx,
                      ct_step_result *res)
{
    ct_step_result scratch;
    memset(&scratch, 0, sizeof scratch);
    if (step_prepare(ref, st, rvars, rx, &scratch) == 0) {
        ct_step_result_clear(&scratch);
        return 0;
    }
    strbuf b = {0};
    sb_printf(&b, "the reference's request: %s", scratch.message ? scratch.message : "could not be prepared");
    char *m = sb_take(&b);
    res->outcome = CT_ERROR;
    step_set_text(ref, &res->message, m ? m : "the reference's request could not be prepared");
    free(m);
    ct_step_result_clear(&scratch);
    return -1;
}

/* 1 when the covers array v names only decisions; -1 when it names a
 * row that is not one; 0 when it names nothing. */
static int covers_kind(const cJSON *v)
{
    int any = 0;
    for (const cJSON *r = cJSON_IsArray(v) ? v->child : NULL; r; r = r->next) {
        if (!cJSON_IsString(r) || r->valuestring[0] != 'D')
            return -1;
        any = 1;
    }
    return any;
}

int reference_decision_only(const ct_case *c, const ct_step *st)
{
    int a = covers_kind(json_member(c->doc->root, "covers"));
    int b = covers_kind(json_member(st->json, "covers"));
    return a >= 0 && b >= 0 && (a || b);
}

/* Record text (redacted) as a finding that fails the step, or as a note. */
static void record(const run_ctx *ctx, ct_step_result *res, const char *text, int as_note)
{
    char *r = redact(ctx->red, text, (size_t)-1);
    const char *t = r ? r : "differs from the reference (the difference could not be stored)";
    if (as_note) {
        ct_step_add_note(res, t);
    } else {
        ct_step_add_detail(res, t);
        res->outcome = CT_FAIL;
        free(res->message);
        res->message = strdup(res->details[0]);
    }
    free(r);
}

void reference_judge(const run_ctx *ctx, const run_ctx *ref, int strict, const ct_case *c, const ct_step *st,
                     ct_vars *rvars, df_state *df, const http_exchange *x, const http_exchange *rx,
                     ct_step_result *res)
{
    ct_step_result theirs;
    memset(&theirs, 0, sizeof theirs);
    step_evaluate(ref, st, rvars, rx, &theirs, NULL);
    strbuf b = {0};
    if (theirs.outcome != CT_PASS) {
        if (res->outcome == CT_PASS) {
            sb_printf(&b, "the reference did not pass this step (%s): the comparison cannot be made",
                      theirs.message ? theirs.message : ct_outcome_name(theirs.outcome));
            char *m = sb_take(&b);
            record(ctx, res, m ? m : "the reference did not pass this step", 0);
            res->outcome = CT_ERROR;
            free(m);
        }
        ct_step_result_clear(&theirs);
        return;
    }
    ct_step_result_clear(&theirs);
    if (res->outcome != CT_PASS)
        return;
    char *what = NULL;
    df_sent(df, x, ctx->base_url);
    ct_op op = ct_op_of(x->method, x->url + (strncmp(x->url, ctx->base_url, strlen(ctx->base_url)) == 0
                                             ? strlen(ctx->base_url) : 0));
    if (op == OP_LIST && x->status == rx->status)
        return; /* N7: a list shows every campaign each server holds */
    if (!df_compare(df, x, rx, &what))
        return;
    int decision = reference_decision_only(c, st);
    if (decision && !strict)
        sb_printf(&b, "differs from the reference's choice %s", what ? what : "");
    else
        sb_printf(&b, "differs from the reference %s", what ? what : "");
    char *m = sb_take(&b);
    record(ctx, res, m ? m : "differs from the reference", decision && !strict);
    free(m);
    free(what);
}
