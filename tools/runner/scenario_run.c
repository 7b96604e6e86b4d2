/* scenario_run.c - the scheduler: scenario state machines over one multi handle.
 *
 * A step is one exchange, or, with read-backs (readback.h), up to three
 * in turn: the read of its campaign before it, the step, the read after
 * it; the scenario's next step waits for all of them. */
#include "scenario_run.h"
#include "matrix.h"
#include "readback.h"
#include "reference.h"
#include "campaign/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct scen {
    const ct_case *c;
    ct_scenario_result *res;
    ct_vars *vars;
    size_t step;
    http_exchange x;
    double started, step_started;
    int state;          /* 0 not started, 1 running, 2 done */
    struct sched *sched;
    /* read-backs (plan->read_back; rb NULL otherwise) */
    rb_memory *rb;
    http_exchange rbx;  /* the read before or after the step */
    json_doc *before;   /* the campaign read before the step, or NULL */
    json_doc *answer;   /* the step's answer as step_evaluate parsed it, or NULL */
    ct_op rb_op;        /* the step's operation as rb_step_op names it */
    char rb_id[RB_ID_MAX];
    /* differential mode (plan->reference; df NULL otherwise) */
    df_state *df;
    ct_vars *rvars;     /* the reference's variables */
    http_exchange rx;   /* the step as sent to the reference */
    int pending;        /* the step's exchanges still out (its own, the reference's) */
    int cut;            /* one of them was cancelled, or could not start */
} scen;

typedef struct sched {
    const run_ctx *ctx;
    const run_plan *plan;
    http_client *http;
    size_t active;
    int stop;           /* fail-fast tripped */
    int aborting;       /* interrupted: callbacks must not send more */
} sched;

static void mark_rest(scen *s, size_t from, ct_outcome o, const char *why)
{
    for (size_t i = from; i < s->res->nsteps; i++) {
        s->res->steps[i].outcome = o;
        free(s->res->steps[i].message);
        s->res->steps[i].message = strdup(why);
    }
}

static void finish(scen *s)
{
    ct_scenario_result *r = s->res;
    r->seconds = http_now() - s->started;
    r->outcome = CT_PASS;
    int any_notrun = 0, all_skip = 1;
    for (size_t i = 0; i < r->nsteps; i++) {
        ct_step_result *st = &r->steps[i];
        if (st->outcome != CT_SKIP) all_skip = 0;
        if (st->outcome == CT_NOTRUN) any_notrun = 1;
        if ((st->outcome == CT_FAIL || st->outcome == CT_ERROR) && r->outcome != CT_FAIL) {
            r->outcome = CT_FAIL;
            strbuf b = {0};
            sb_printf(&b, "%s: %s", st->name, st->message ? st->message : ct_outcome_name(st->outcome));
            free(r->message);
            r->message = sb_take(&b);
        }
    }
    if (r->outcome == CT_PASS && any_notrun) r->outcome = CT_NOTRUN;
    else if (r->outcome == CT_PASS && all_skip && r->nsteps) r->outcome = CT_SKIP;
    if (r->outcome == CT_FAIL && s->sched->plan->fail_fast) s->sched->stop = 1;
    http_exchange_clear(&s->x);
    http_exchange_clear(&s->rbx);
    http_exchange_clear(&s->rx);
    df_free(s->df);
    s->df = NULL;
    ct_vars_free(s->rvars);
    s->rvars = NULL;
    json_doc_free(s->before);
    s->before = NULL;
    json_doc_free(s->answer);
    s->answer = NULL;
    rb_memory_free(s->rb);
    s->rb = NULL;
    ct_vars_free(s->vars);
    s->vars = NULL;
    if (s->state == 1) s->sched->active--;
    s->state = 2;
    if (s->sched->plan->on_done) s->sched->plan->on_done(r, s->sched->plan->user);
}

static void on_response(http_exchange *x, void *user);
static void on_read_before(http_exchange *x, void *user);
static void on_read_after(http_exchange *x, void *user);
static void step_done(scen *s);

/* Submit x for the current step; on failure the step is an error and the
 * scenario ends.  0 submitted, -1 not. */
static int submit(scen *s, http_exchange *x, http_done_fn done)
{
    if (http_client_submit(s->sched->http, x, done, s) == 0) return 0;
    ct_step_result *res = &s->res->steps[s->step];
    res->outcome = CT_ERROR;
    step_set_text(s->sched->ctx, &res->message, "cannot start the HTTP transfer");
    mark_rest(s, s->step + 1, CT_SKIP, "not run: an earlier step did not pass");
    finish(s);
    return -1;
}

/* Send the read of the current step's campaign, then done.  0 sent, -1
 * not (the step is an error and the scenario ended). */
static int read_campaign(scen *s, http_done_fn done)
{
    http_exchange_reset(&s->rbx);
    if (rb_prepare_read(s->sched->ctx, s->rb_id, &s->rbx) != 0) {
        ct_step_result *res = &s->res->steps[s->step];
        res->outcome = CT_ERROR;
        step_set_text(s->sched->ctx, &res->message, "out of memory");
        mark_rest(s, s->step + 1, CT_SKIP, "not run: an earlier step did not pass");
        finish(s);
        return -1;
    }
    return submit(s, &s->rbx, done);
}

/* An exchange of the current step was cancelled: the run is stopping. */
static void interrupted(scen *s)
{
    ct_step_result *res = &s->res->steps[s->step];
    res->outcome = CT_NOTRUN;
    step_set_text(s->sched->ctx, &res->message,
                  "not finished: the run was interrupted (the request may have reached the server)");
    mark_rest(s, s->step + 1, CT_NOTRUN, "not run: the run was interrupted");
    finish(s);
}

/* Send the step (to the server under test, and to the reference in
 * differential mode), its answers awaited together. */
static void send_step(scen *s)
{
    http_client *h = s->sched->http;
    s->pending = 0;
    s->cut = 0;
    if (s->df) {
        if (http_client_submit(h, &s->rx, on_response, s) == 0) s->pending++;
        else s->cut = 1;
    }
    if (!s->cut) {
        if (http_client_submit(h, &s->x, on_response, s) == 0) s->pending++;
        else s->cut = 1;
    }
    if (s->pending == 0) {
        ct_step_result *res = &s->res->steps[s->step];
        res->outcome = CT_ERROR;
        step_set_text(s->sched->ctx, &res->message, "cannot start the HTTP transfer");
        step_done(s);
    }
}

/* Send the next step, or finish the scenario. */
static void advance(scen *s)
{
    const run_ctx *ctx = s->sched->ctx;
    while (s->step < s->c->nsteps) {
        ct_step_result *res = &s->res->steps[s->step];
        s->step_started = http_now();
        http_exchange_reset(&s->x);
        if (step_prepare(ctx, &s->c->steps[s->step], s->vars, &s->x, res) != 0) {
            res->seconds = http_now() - s->step_started;
            char why[300];
            snprintf(why, sizeof why, "not run: step %s did not pass", res->name);
            mark_rest(s, s->step + 1, CT_SKIP, why);
            finish(s);
            return;
        }
        if (s->df) {
            http_exchange_reset(&s->rx);
            if (reference_prepare(s->sched->plan->reference, &s->c->steps[s->step], s->rvars, &s->rx, res) != 0) {
                step_done(s);
                return;
            }
        }
        s->rb_op = s->rb ? rb_step_op(&s->x, ctx->base_url, s->rb_id) : OP_UNKNOWN;
        if (s->rb_op == OP_UPDATE || s->rb_op == OP_EXECUTE || s->rb_op == OP_PAUSE || s->rb_op == OP_REACTIVATE)
            read_campaign(s, on_read_before);
        else
            send_step(s);
        return;
    }
    finish(s);
}

/* The current step is judged (its read-backs included): go on or stop. */
static void step_done(scen *s)
{
    ct_step_result *res = &s->res->steps[s->step];
    res->seconds = http_now() - s->step_started;
    json_doc_free(s->before);
    s->before = NULL;
    json_doc_free(s->answer);
    s->answer = NULL;
    if (res->outcome != CT_PASS) {
        char why[300];
        snprintf(why, sizeof why, "not run: step %s did not pass", res->name);
        mark_rest(s, s->step + 1, CT_SKIP, why);
        finish(s);
        return;
    }
    s->step++;
    if (s->sched->aborting) {
        mark_rest(s, s->step, CT_NOTRUN, "not run: the run was interrupted");
        finish(s);
        return;
    }
    advance(s);
}

static void on_read_before(http_exchange *x, void *user)
{
    scen *s = user;
    if (x->aborted) {
        interrupted(s);
        return;
    }
    s->before = rb_read_body(x);
    send_step(s);
}

/* Both answers of the step are in (or one was cut): judge it. */
static void step_answered(scen *s)
{
    ct_step_result *res = &s->res->steps[s->step];
    const run_plan *plan = s->sched->plan;
    if (s->x.aborted || s->rx.aborted) {
        interrupted(s);
        return;
    }
    if (s->cut) {
        res->outcome = CT_ERROR;
        step_set_text(s->sched->ctx, &res->message, "cannot start the HTTP transfer");
        step_done(s);
        return;
    }
    step_evaluate(s->sched->ctx, &s->c->steps[s->step], s->vars, &s->x, res, s->rb ? &s->answer : NULL);
    if (s->df)
        reference_judge(s->sched->ctx, plan->reference, plan->strict_decisions, s->c, &s->c->steps[s->step],
                        s->rvars, s->df, &s->x, &s->rx, res);
    const cJSON *answer = s->answer ? s->answer->root : NULL;
    if (res->outcome == CT_PASS && s->rb_op != OP_UNKNOWN && !s->sched->aborting) {
        if (s->rb_op == OP_GET) {
            rb_judge(s->sched->ctx, s->rb, OP_GET, s->rb_id, NULL, s->x.status, answer, NULL, res);
        } else if (s->rb_op != OP_CREATE || rb_created_id(s->x.status, answer, s->rb_id)) {
            read_campaign(s, on_read_after);
            return;
        }
    }
    step_done(s);
}

/* One of the step's exchanges (its own, or the reference's) ended. */
static void on_response(http_exchange *x, void *user)
{
    scen *s = user;
    (void)x;
    if (--s->pending == 0) step_answered(s);
}

static void on_read_after(http_exchange *x, void *user)
{
    scen *s = user;
    if (x->aborted) {
        interrupted(s);
        return;
    }
    json_doc *after = rb_read_body(x);
    rb_judge(s->sched->ctx, s->rb, s->rb_op, s->rb_id, s->before ? s->before->root : NULL, s->x.status,
             s->answer ? s->answer->root : NULL, after ? after->root : NULL, &s->res->steps[s->step]);
    json_doc_free(after);
    step_done(s);
}

static void begin(scen *s)
{
    const run_ctx *ctx = s->sched->ctx;
    const run_plan *plan = s->sched->plan;
    s->started = http_now();
    s->state = 1;
    s->sched->active++;
    if (plan->live && !plan->allow_spend && ct_case_has_tag(s->c, "spend")) {
        mark_rest(s, 0, CT_SKIP, "skipped: tagged spend on a live run (use --allow-spend)");
        free(s->res->message);
        s->res->message = strdup("tagged spend on a live run (use --allow-spend)");
        finish(s);
        return;
    }
    char uid[37];
    time_t now = time(NULL);
    ct_uuid4(uid);
    s->vars = ct_vars_new(uid, now);
    if (plan->read_back) s->rb = rb_memory_new();
    if (plan->reference) {
        /* the same ${uniqueId} and ${now}: both servers get the same names */
        s->rvars = ct_vars_new(uid, now);
        s->df = df_new();
    }
    if (!s->vars || (plan->read_back && !s->rb) || (plan->reference && (!s->rvars || !s->df))) {
        s->res->steps[0].outcome = CT_ERROR;
        step_set_text(ctx, &s->res->steps[0].message, "out of memory");
        mark_rest(s, 1, CT_SKIP, "not run: an earlier step did not pass");
        finish(s);
        return;
    }
    /* Declared variables, in order (each may use the ones before it). */
    for (const cJSON *v = s->c->variables ? s->c->variables->child : NULL; v; v = v->next) {
        char err[512], msg[700];
        cJSON *val = ct_vars_expand_json(s->vars, v, err, sizeof err);
        int set = val ? ct_vars_set(s->vars, v->string, val) : -1;
        if (set == 0 && s->rvars) set = ct_vars_set(s->rvars, v->string, val);
        if (!val || set != 0) {
            if (set == -2) snprintf(err, sizeof err, "the variables would hold more than %u bytes", CT_MAX_VARS_TOTAL);
            else if (val) snprintf(err, sizeof err, "variable name %s is reserved", v->string);
            snprintf(msg, sizeof msg, "variables: %s: %s", v->string, err);
            cJSON_Delete(val);
            s->res->steps[0].outcome = CT_ERROR;
            step_set_text(ctx, &s->res->steps[0].message, msg);
            mark_rest(s, 1, CT_SKIP, "not run: the scenario's variables are invalid");
            finish(s);
            return;
        }
        cJSON_Delete(val);
    }
    advance(s);
}

static int init_results(const run_plan *plan, ct_run_result *run)
{
    run->scen = calloc(plan->ncases ? plan->ncases : 1, sizeof *run->scen);
    if (!run->scen) return -1;
    run->nscen = plan->ncases;
    for (size_t i = 0; i < plan->ncases; i++) {
        const ct_case *c = plan->cases[i];
        ct_scenario_result *r = &run->scen[i];
        r->file = strdup(c->path);
        r->name = strdup(c->name);
        r->tags = calloc(c->ntags + 1, sizeof *r->tags);
        r->steps = calloc(c->nsteps + 1, sizeof *r->steps);
        if (!r->file || !r->name || !r->tags || !r->steps) return -1;
        for (size_t t = 0; t < c->ntags; t++) r->tags[r->ntags++] = strdup(c->tags[t]);
        r->nsteps = c->nsteps;
        r->outcome = CT_NOTRUN;
        for (size_t j = 0; j < c->nsteps; j++) {
            r->steps[j].name = strdup(c->steps[j].name);
            r->steps[j].outcome = CT_NOTRUN;
        }
        if (ct_result_set_covers(r, c) != 0) return -1;
    }
    return 0;
}

int scenarios_run(const run_ctx *ctx, const run_plan *plan, ct_run_result *run)
{
    if (init_results(plan, run) != 0) return -1;
    sched sc = { ctx, plan, http_client_new(&plan->http), 0, 0, 0 };
    scen *ss = calloc(plan->ncases ? plan->ncases : 1, sizeof *ss);
    if (!sc.http || !ss) { http_client_free(sc.http); free(ss); return -1; }
    for (size_t i = 0; i < plan->ncases; i++) {
        ss[i].c = plan->cases[i];
        ss[i].res = &run->scen[i];
        ss[i].sched = &sc;
    }
    double t0 = http_now();
    size_t next = 0;
    size_t jobs = plan->jobs > 0 ? (size_t)plan->jobs : 1;
    for (;;) {
        if (!sc.aborting && plan->interrupted && plan->interrupted(plan->user)) {
            sc.aborting = 1;
            run->interrupted = 1;
            http_client_abort_all(sc.http);
        }
        while (!sc.aborting && !sc.stop && next < plan->ncases && sc.active < jobs)
            begin(&ss[next++]);
        if (sc.active == 0 && (next == plan->ncases || sc.aborting || sc.stop)) break;
        /* Short waits so a SIGINT is noticed promptly. */
        http_client_run(sc.http, 100);
    }
    if (sc.stop && next < plan->ncases) run->stopped = 1;
    for (size_t i = next; i < plan->ncases; i++) {
        ct_scenario_result *r = &run->scen[i];
        const char *why = sc.aborting ? "not run: the run was interrupted" : "not run: --fail-fast stopped the run";
        for (size_t j = 0; j < r->nsteps; j++) r->steps[j].message = strdup(why);
        r->message = strdup(why + 9);
        r->outcome = CT_NOTRUN;
    }
    run->seconds = http_now() - t0;
    http_client_free(sc.http);
    free(ss);
    return 0;
}
