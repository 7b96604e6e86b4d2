/* step_run.c - request building and response judging for one step. */
#include "step_run.h"
#include "expect.h"
#include "json_util.h"
#include "campaign/strbuf.h"
#include "campaign/utf8.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The validator's bounds for a finding's pointer and message
 * (contract_rules.c, schema_eval.c). */
#define CONTRACT_POINTER_BOUND 512
#define CONTRACT_MESSAGE_BOUND 1024

/* Echoes keep at most this much of a body: reports truncate further. */
#define ECHO_BODY_MAX (64 * 1024)

ct_op ct_op_of(const char *method, const char *path)
{
    char seg[4][128];
    int n = 0;
    const char *p = path;
    while (*p && *p != '?' && *p != '#') {
        while (*p == '/') p++;
        if (!*p || *p == '?' || *p == '#') break;
        size_t len = strcspn(p, "/?#");
        if (n == 4) return OP_UNKNOWN;
        snprintf(seg[n], sizeof seg[n], "%.*s", (int)(len < 127 ? len : 127), p);
        n++;
        p += len;
    }
    if (n == 0 || strcmp(seg[0], "campaigns") != 0) return OP_UNKNOWN;
    int get = strcmp(method, "GET") == 0, post = strcmp(method, "POST") == 0;
    if (n == 1) return get ? OP_LIST : post ? OP_CREATE : OP_UNKNOWN;
    if (n == 2) return get ? OP_GET : strcmp(method, "PUT") == 0 ? OP_UPDATE : OP_UNKNOWN;
    if (n == 3) {
        if (post && strcmp(seg[2], "execute") == 0) return OP_EXECUTE;
        if (post && strcmp(seg[2], "pause") == 0) return OP_PAUSE;
        if (post && strcmp(seg[2], "reactivate") == 0) return OP_REACTIVATE;
        if (get && strcmp(seg[2], "media-buy-status") == 0) return OP_MEDIA_BUY_STATUS;
    }
    return OP_UNKNOWN;
}

const char *ct_request_schema(ct_op op)
{
    switch (op) {
    case OP_CREATE: return "campaign-create-request";
    case OP_UPDATE: return "campaign-update-request";
    case OP_EXECUTE: return "campaign-execute-request";
    default: return NULL;
    }
}

const char *ct_response_schema(ct_op op, long status)
{
    if (status >= 400) return "error-response";
    if (status < 200 || status >= 300) return NULL;
    switch (op) {
    case OP_LIST: return "campaign-list-response";
    case OP_CREATE: case OP_GET: return "campaign-response";
    case OP_UPDATE: return status == 202 ? "campaign-update-accepted-response" : "campaign-response";
    case OP_EXECUTE: case OP_PAUSE: case OP_REACTIVATE: return "campaign-status-change-response";
    case OP_MEDIA_BUY_STATUS: return "media-buy-status-response";
    default: return NULL;
    }
}

void step_set_text(const run_ctx *ctx, char **dst, const char *text)
{
    free(*dst);
    *dst = text ? redact(ctx->red, text, (size_t)-1) : NULL;
}

static void redact_details(const run_ctx *ctx, ct_step_result *res)
{
    for (size_t i = 0; i < res->ndetails; i++) {
        char *r = redact(ctx->red, res->details[i], (size_t)-1);
        if (r) { free(res->details[i]); res->details[i] = r; }
    }
}

static void set_error(const run_ctx *ctx, ct_step_result *res, ct_outcome o, const char *msg)
{
    res->outcome = o;
    step_set_text(ctx, &res->message, msg);
}

/* s (the runner's text: U+0000 as C0 80, see case_vars.c) percent-encoded. */
static void percent_encode(strbuf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == 0xC0 && (unsigned char)s[1] == 0x80) { sb_append(b, "%00", 3); s++; continue; }
        if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') sb_append(b, s, 1);
        else sb_printf(b, "%%%02X", c);
    }
}

static void query_value(strbuf *url, const char *key, const cJSON *v, int *first)
{
    char num[64];
    const char *s;
    if (ct_json_type(v) == cJSON_String) s = v->valuestring;
    else if (ct_json_type(v) == cJSON_Number) { snprintf(num, sizeof num, "%.17g", v->valuedouble); s = num; }
    else s = cJSON_IsTrue(v) ? "true" : "false";
    sb_append(url, *first ? "?" : "&", 1);
    *first = 0;
    percent_encode(url, key);
    sb_append(url, "=", 1);
    percent_encode(url, s);
}

/* Header from the step (NULL value = drop).  Returns the step's entry for
 * name (case-insensitive) or NULL. */
static const cJSON *step_header(const cJSON *hdrs, const char *name)
{
    for (const cJSON *h = hdrs ? hdrs->child : NULL; h; h = h->next)
        if (h->string && strcasecmp(h->string, name) == 0) return h;
    return NULL;
}

static struct curl_slist *add_header(struct curl_slist *l, const char *name, const char *value)
{
    strbuf b = {0};
    /* "Name:" with nothing after it makes libcurl drop a header it would
     * otherwise add itself (Content-Type for a POST, Accept, Expect). */
    if (value) sb_printf(&b, "%s: %s", name, value);
    else sb_printf(&b, "%s:", name);
    char *s = sb_take(&b);
    struct curl_slist *n = s ? curl_slist_append(l, s) : NULL;
    free(s);
    return n ? n : l;
}

static void echo_request(const run_ctx *ctx, const http_exchange *x, ct_step_result *res)
{
    strbuf b = {0};
    sb_printf(&b, "%s %s\n", x->method, x->url);
    for (const struct curl_slist *h = x->headers; h; h = h->next) {
        const char *colon = strchr(h->data, ':');
        if (colon && colon[1] == '\0') continue;   /* a dropped header */
        sb_printf(&b, "%s\n", h->data);
    }
    if (x->body) {
        sb_puts(&b, "\n");
        /* mask first, then cut */
        char *t = redact(ctx->red, x->body, x->body_len);
        if (t) {
            size_t n = strlen(t);
            sb_append(&b, t, n < ECHO_BODY_MAX ? n : utf8_cut(t, n, ECHO_BODY_MAX));
        }
        free(t);
        if (x->body_len > ECHO_BODY_MAX) sb_printf(&b, "\n... (%zu bytes in all)", x->body_len);
    }
    char *t = sb_take(&b);
    step_set_text(ctx, &res->request, t);
    free(t);
}

/* One detail per finding: "<what> SCHEMA: POINTER: MESSAGE [ID]"; a
 * finding that could not be decided reads "could not decide whether
 * <whole> keeps SCHEMA: ..." instead.  Returns how many could not. */
static size_t add_findings(const run_ctx *ctx, const contract_report *r, const char *schema, ct_step_result *res,
                           const char *what, const char *whole)
{
    size_t open = 0;
    for (size_t i = 0; i < contract_report_count(r); i++) {
        const contract_finding *f = contract_report_get(r, i);
        strbuf b = {0};
        if (f->undecided) sb_printf(&b, "could not decide whether %s keeps", whole);
        else sb_puts(&b, what);
        /* The pointer and the message quote the body, and the validator
         * formats them into bounded buffers (CONTRACT_POINTER_BOUND,
         * CONTRACT_MESSAGE_BOUND): a cut there may split an echoed token,
         * so each is masked alone, a full one's end counting as a cut. */
        char *p = redact_cut(ctx->red, f->pointer, CONTRACT_POINTER_BOUND);
        char *m = redact_cut(ctx->red, f->message, CONTRACT_MESSAGE_BOUND);
        sb_printf(&b, " %s: %s: %s [%s]", schema, p && p[0] ? p : "(root)", m ? m : "?", f->id);
        free(p);
        free(m);
        char *s = sb_take(&b);
        ct_step_add_detail(res, s);
        free(s);
        open += (size_t)f->undecided;
    }
    return open;
}

int step_prepare(const run_ctx *ctx, const ct_step *st, const ct_vars *vars,
                 http_exchange *x, ct_step_result *res)
{
    char err[512], msg[800];
    const cJSON *req = json_member(st->json, "request");
    const char *method = json_member(req, "method")->valuestring;
    const cJSON *hdrs_raw = json_member(req, "headers");
    const cJSON *q_raw = json_member(req, "query");
    const cJSON *body_raw = json_member(req, "body");
    const cJSON *raw_body = json_member(req, "rawBody");
    const cJSON *negative = json_member(st->json, "negative");
    cJSON *hdrs = NULL, *query = NULL, *body = NULL;
    char *path = NULL, *raw = NULL;
    strbuf url = {0};
    int rc = -1;

    path = ct_vars_expand(vars, json_member(req, "path")->valuestring, err, sizeof err);
    if (!path) goto var_error;
    if (hdrs_raw && !(hdrs = ct_vars_expand_json(vars, hdrs_raw, err, sizeof err))) goto var_error;
    if (q_raw && !(query = ct_vars_expand_json(vars, q_raw, err, sizeof err))) goto var_error;
    if (st->body_file) body_raw = st->body_file->root;
    if (body_raw && !(body = ct_vars_expand_json(vars, body_raw, err, sizeof err))) goto var_error;
    if (cJSON_IsString(raw_body)) {
        /* the whole text, U+0000 included (sent as the bytes it stands for) */
        char *whole = json_c_text(raw_body->valuestring, json_string_len(raw_body));
        raw = whole ? ct_vars_expand(vars, whole, err, sizeof err) : NULL;
        if (!whole) snprintf(err, sizeof err, "out of memory");
        free(whole);
        if (!raw) goto var_error;
    }

    sb_puts(&url, ctx->base_url);
    sb_puts(&url, path);
    int first = strchr(path, '?') == NULL;
    for (const cJSON *q = query ? query->child : NULL; q; q = q->next) {
        if (ct_json_type(q) == cJSON_Array)
            for (const cJSON *i = q->child; i; i = i->next) query_value(&url, q->string, i, &first);
        else query_value(&url, q->string, q, &first);
    }

    x->method = strdup(method);
    x->url = sb_take(&url);
    if (body) {
        x->body = json_print(body);   /* U+0000 as \u0000 */
        x->body_len = x->body ? strlen(x->body) : 0;
    } else if (raw) {
        x->body = raw;
        x->body_len = json_c_text_bytes(raw);
        raw = NULL;
    }
    if (!x->method || !x->url || ((body || cJSON_IsString(raw_body)) && !x->body)) {
        set_error(ctx, res, CT_ERROR, "out of memory");
        goto done;
    }

    /* Defaults first, each unless the step names the header itself. */
    struct { const char *name, *value; } defaults[] = {
        { "Accept", "application/json" },
        { "Content-Type", x->body ? "application/json" : NULL },
        { "Authorization", NULL },
        { "Expect", NULL },   /* never wait for 100-continue */
    };
    char *auth = NULL;
    if (ctx->token && *ctx->token) {
        size_t n = strlen(ctx->token) + 8;
        auth = malloc(n);
        if (auth) snprintf(auth, n, "Bearer %s", ctx->token);
        defaults[2].value = auth;
    }
    for (size_t i = 0; i < sizeof defaults / sizeof *defaults; i++) {
        if (step_header(hdrs, defaults[i].name)) continue;
        if (defaults[i].value || strcmp(defaults[i].name, "Expect") == 0 || strcmp(defaults[i].name, "Content-Type") == 0)
            x->headers = add_header(x->headers, defaults[i].name, defaults[i].value);
    }
    free(auth);
    for (const cJSON *h = hdrs ? hdrs->child : NULL; h; h = h->next)
        x->headers = add_header(x->headers, h->string, cJSON_IsString(h) ? h->valuestring : NULL);
    echo_request(ctx, x, res);

    /* The request body must keep its own contract unless the step is a
     * deliberate negative case. */
    const char *rschema = ct_request_schema(ct_op_of(method, path));
    if (body && rschema && ctx->contract && !cJSON_IsTrue(negative)) {
        /* the body as sent: its text read again as the server reads it */
        contract_report *r = contract_report_new();
        int ok = r ? contract_check_text(ctx->contract, rschema, x->body, x->body_len,
                                         CONTRACT_ALLOW_DUPLICATES, r, NULL) : -1;
        if (ok != 1) {
            add_findings(ctx, r, rschema, res, "request body violates", "the request body");
            redact_details(ctx, res);
            if (ok == CONTRACT_UNDECIDED)
                snprintf(msg, sizeof msg, "%s: could not decide whether the request body keeps %s (not sent)",
                         st->name, rschema);
            else
                snprintf(msg, sizeof msg, "%s: the request body violates %s (not sent; mark the step \"negative\" if that is the point)",
                         st->name, rschema);
            res->undecided = ok == CONTRACT_UNDECIDED;
            set_error(ctx, res, CT_ERROR, msg);
            contract_report_free(r);
            goto done;
        }
        contract_report_free(r);
    }
    rc = 0;
    goto done;

var_error:
    snprintf(msg, sizeof msg, "step %s: %s", st->name, err);
    set_error(ctx, res, CT_ERROR, msg);
done:
    cJSON_Delete(hdrs);
    cJSON_Delete(query);
    cJSON_Delete(body);
    free(path);
    free(raw);
    sb_free(&url);
    return rc;
}

static void echo_response(const run_ctx *ctx, const http_exchange *x, ct_step_result *res)
{
    strbuf b = {0};
    if (x->resp_headers.data) sb_puts(&b, x->resp_headers.data);
    else sb_printf(&b, "HTTP %ld\n", x->status);
    if (x->resp_body.len) {
        sb_puts(&b, "\n");
        /* mask first, then cut: a token across the cut stays masked */
        char *t = redact(ctx->red, x->resp_body.data, x->resp_body.len);
        if (t) {
            size_t n = strlen(t);
            sb_append(&b, t, n < ECHO_BODY_MAX ? n : utf8_cut(t, n, ECHO_BODY_MAX));
        }
        free(t);
        if (x->resp_body.len > ECHO_BODY_MAX) sb_printf(&b, "\n... (%zu bytes in all)", x->resp_body.len);
    }
    char *t = sb_take(&b);
    step_set_text(ctx, &res->response, t);
    free(t);
}

static int status_ok(const cJSON *want, long status)
{
    if (!want) return status >= 200 && status < 300;
    if (cJSON_IsNumber(want)) return (long)want->valuedouble == status;
    for (const cJSON *s = want->child; s; s = s->next)
        if ((long)s->valuedouble == status) return 1;
    return 0;
}

void step_evaluate(const run_ctx *ctx, const ct_step *st, ct_vars *vars,
                   const http_exchange *x, ct_step_result *res, json_doc **body_out)
{
    if (body_out)
        *body_out = NULL;
    char msg[1024], err[512];
    size_t open = 0;  /* details that are undecided contract findings */
    res->http_status = x->status;
    if (x->code != CURLE_OK) {
        http_describe_error(x, ctx->timeout_ms, err, sizeof err);
        if (x->status) echo_response(ctx, x, res);
        /* the message ends with libcurl's error text, which fills its
         * buffer when cut: then its end counts as a cut for the redactor */
        char *m = strlen(x->errbuf) + 4 >= CURL_ERROR_SIZE ? redact_cut(ctx->red, err, 1) : NULL;
        set_error(ctx, res, CT_ERROR, m ? m : err);
        free(m);
        return;
    }
    echo_response(ctx, x, res);

    const cJSON *req = json_member(st->json, "request");
    const char *method = json_member(req, "method")->valuestring;
    const cJSON *expect_raw = json_member(st->json, "expect");
    cJSON *expect = NULL;
    if (expect_raw) {
        expect = ct_vars_expand_json(vars, expect_raw, err, sizeof err);
        if (!expect) {
            snprintf(msg, sizeof msg, "step %s: %s", st->name, err);
            set_error(ctx, res, CT_ERROR, msg);
            return;
        }
        char *t = json_print_pretty(expect);
        step_set_text(ctx, &res->expectation, t);
        free(t);
    }
    const cJSON *want_status = json_member(expect, "status");
    if (!status_ok(want_status, x->status)) {
        char *w = want_status ? ct_json_text(want_status) : strdup("2xx");
        snprintf(msg, sizeof msg, "status: expected %s, got %ld", w ? w : "?", x->status);
        free(w);
        ct_step_add_detail(res, msg);
    }

    /* The body, parsed strictly when there is one. */
    json_doc *doc = NULL;
    json_error je;
    memset(&je, 0, sizeof je);
    if (x->resp_body.len) {
        json_parse_opts o = { JSON_PARSE_REJECT_DUPLICATES, 0 };
        doc = json_parse(x->resp_body.data, x->resp_body.len, &o, NULL, &je);
    }
    const cJSON *body = doc ? doc->root : NULL;
    /* The assertions and captures read it as the case's own text is read
     * (json_copy's form: see case_vars.c), so that a name or string
     * holding U+0000 compares with the case's whole. */
    cJSON *seen = body ? json_copy(body) : NULL;

    /* Which schema the body must keep. */
    const cJSON *sch = json_member(expect, "schema");
    const char *schema = NULL;
    char *path = NULL;
    if (cJSON_IsString(sch)) schema = sch->valuestring;
    else if (!cJSON_IsFalse(sch) && strcmp(method, "HEAD") != 0) {
        path = ct_vars_expand(vars, json_member(req, "path")->valuestring, err, sizeof err);
        schema = ct_response_schema(ct_op_of(method, path ? path : ""), x->status);
    }
    if (schema && ctx->contract) {
        if (!body) {
            /* the parser's message quotes the character it stopped at:
             * not when the body echoes the token (it may be one of its) */
            if (x->resp_body.len && redact_contains(ctx->red, x->resp_body.data, x->resp_body.len))
                snprintf(msg, sizeof msg, "response body is not JSON (line %u, column %u); %s expected",
                         je.line, je.col, schema);
            else if (x->resp_body.len) snprintf(msg, sizeof msg, "response body is not JSON (line %u, column %u: %s); %s expected",
                                                je.line, je.col, je.message, schema);
            else snprintf(msg, sizeof msg, "response has no body; %s expected", schema);
            ct_step_add_detail(res, msg);
        } else {
            contract_report *r = contract_report_new();
            int ok = r ? contract_check(ctx->contract, schema, body, 0, r) : -1;
            if (ok == -1 && r) {
                snprintf(msg, sizeof msg, "no body schema named %s in the contract", schema);
                ct_step_add_detail(res, msg);
            } else if (ok != 1) {
                open = add_findings(ctx, r, schema, res, "response violates", "the response");
            }
            contract_report_free(r);
        }
    }
    free(path);

    const cJSON *asserts = json_member(expect, "body");
    expect_ctx ex = { ctx->red, ctx->regex, &open };
    if (asserts && asserts->child && !seen) {
        ct_step_add_detail(res, body ? "body assertions cannot be checked: out of memory"
                                     : "body assertions cannot be checked: the response body is not JSON");
    } else {
        for (const cJSON *a = asserts ? asserts->child : NULL; a; a = a->next) expect_body(&ex, a, seen, res);
    }
    const cJSON *hexp = json_member(expect, "headers");
    for (const cJSON *h = hexp ? hexp->child : NULL; h; h = h->next) {
        char *v = http_response_header(x, h->string);
        expect_header(&ex, h->string, h, v, res);
        free(v);
    }

    /* Captures, for the steps that follow. */
    const cJSON *cap = json_member(st->json, "capture");
    for (const cJSON *c = cap ? cap->child : NULL; c; c = c->next) {
        const cJSON *ptr = cJSON_IsString(c) ? c : json_member(c, "pointer");
        const cJSON *hdr = json_member(c, "header");
        if (hdr) {
            char *v = http_response_header(x, hdr->valuestring);
            cJSON *s = v ? cJSON_CreateString(v) : NULL;
            if (!s || ct_vars_set(vars, c->string, s) != 0) {
                snprintf(msg, sizeof msg, "capture %s: no header %s in the response", c->string, hdr->valuestring);
                ct_step_add_detail(res, msg);
            }
            cJSON_Delete(s);
            free(v);
            continue;
        }
        char *whole = json_c_text(ptr->valuestring, json_string_len(ptr));   /* as the copy reads */
        char *p = whole ? ct_vars_expand(vars, whole, err, sizeof err) : NULL;
        if (!whole) snprintf(err, sizeof err, "out of memory");
        free(whole);
        const cJSON *v = p ? ct_pointer_get(seen, p) : NULL;
        int set = v ? ct_vars_set(vars, c->string, v) : -1;
        if (set == -2) {
            snprintf(msg, sizeof msg, "capture %s: the variables would hold more than %u bytes", c->string, CT_MAX_VARS_TOTAL);
            ct_step_add_detail(res, msg);
        } else if (set != 0) {
            snprintf(msg, sizeof msg, "capture %s: %s not found in the response body", c->string, p ? p : err);
            ct_step_add_detail(res, msg);
        }
        free(p);
    }

    if (body_out)
        *body_out = doc;
    else
        json_doc_free(doc);
    cJSON_Delete(seen);
    cJSON_Delete(expect);
    /* Findings were built from response text: redact them too. */
    redact_details(ctx, res);
    if (res->ndetails && res->ndetails == open) {
        /* nothing was broken, but the contract check could not decide:
         * an error of the check, neither a pass nor a failure */
        res->outcome = CT_ERROR;
        res->undecided = 1;
        free(res->message);
        res->message = strdup(res->details[0]);
    } else if (res->ndetails) {
        res->outcome = CT_FAIL;
        free(res->message);
        res->message = strdup(res->details[0]);
    } else {
        res->outcome = CT_PASS;
    }
}
