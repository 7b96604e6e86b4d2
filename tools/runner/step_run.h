/* step_run.h - one step: build its request, judge its response.
 *
 * step_prepare() expands the step's variables, builds the URL, headers and
 * body into an http_exchange and checks the request body against its
 * request schema (unless the step is negative).  step_evaluate() judges the
 * finished exchange: transport errors, status, the response schema and
 * contract rules (by operation and status unless expect.schema says
 * otherwise), body and header assertions, then the captures.
 *
 * Both record into a ct_step_result; every text stored there is redacted.
 * Outcome CT_ERROR = the step could not be carried out (bad variable, invalid
 * request body, transport failure); CT_FAIL = the server's answer broke an
 * expectation. */
#ifndef STEP_RUN_H
#define STEP_RUN_H

#include "case_load.h"
#include "case_vars.h"
#include "campaign/contract.h"
#include "http_client.h"
#include "redact.h"
#include "regex_bound.h"
#include "results.h"

typedef struct run_ctx {
    const contract *contract;  /* may be NULL: then no schema checks */
    const redactor *red;
    const char *base_url;      /* without a trailing '/' */
    const char *token;         /* NULL or "" = send no Authorization */
    long timeout_ms;
    ct_regex_budget *regex;    /* the run's time for `matches` searches (shared) */
} run_ctx;

/* The API operation a method and path name, from the documentation. */
typedef enum ct_op {
    OP_UNKNOWN, OP_LIST, OP_CREATE, OP_GET, OP_UPDATE,
    OP_EXECUTE, OP_PAUSE, OP_REACTIVATE, OP_MEDIA_BUY_STATUS
} ct_op;

ct_op ct_op_of(const char *method, const char *path);
/* Request body schema for an operation, or NULL. */
const char *ct_request_schema(ct_op op);
/* Default response body schema for an operation and status, or NULL. */
const char *ct_response_schema(ct_op op, long status);

/* 0 = ready to send; -1 = res holds the error (outcome CT_ERROR). */
int step_prepare(const run_ctx *ctx, const ct_step *st, const ct_vars *vars,
                 http_exchange *x, ct_step_result *res);

/* Judge x (finished, not aborted) and apply captures to vars.  When body
 * is not NULL it receives the response body as parsed for the judgement
 * (NULL: none, or not JSON; the caller frees it with json_doc_free), so
 * that what reads the answer next need not parse it again. */
void step_evaluate(const run_ctx *ctx, const ct_step *st, ct_vars *vars,
                   const http_exchange *x, ct_step_result *res, json_doc **body);

/* Store text in *dst redacted (replacing what was there). */
void step_set_text(const run_ctx *ctx, char **dst, const char *text);

#endif
