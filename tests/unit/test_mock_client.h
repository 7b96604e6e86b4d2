/* test_mock_client.h - drive a running campaign-mock over HTTP from the
 * mock's integration tests (test_mock_*.c): start the built binary with
 * --port 0, read its "listening on http://HOST:PORT" line, send requests
 * with libcurl, and check every response body (its text, parsed strictly)
 * against its response schema with the same contract the tools use.
 *
 * Header-only (static inline) because each test_mock_*.c is its own
 * program; the binary is $BIN/campaign-mock (BIN defaults to "bin", test
 * programs run from the repository root), the schemas $CAMPAIGN_SCHEMA_DIR
 * or ./schemas.  Every mc_resp owns its body text and parsed JSON. */
#ifndef TEST_MOCK_CLIENT_H
#define TEST_MOCK_CLIENT_H

#include <curl/curl.h>
#include <cjson/cJSON.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "campaign/contract.h"
#include "campaign/json_parse.h"

#define MC_TOKEN "demo-token"
#define MC_API "/api/v2/buyer"
#define MC_MOCK "/_mock"    /* mock-only routes, outside the API root */

/* ---- the server process ------------------------------------------------ */

typedef struct mc_server {
    pid_t pid;
    unsigned port;
    char base[96];          /* http://127.0.0.1:PORT/api/v2/buyer */
    char first_line[256];   /* what it printed first on stdout */
    char err_file[64];      /* its stderr, for error-message tests */
    int exit_status;        /* set by mc_stop or when it failed to start */
} mc_server;

static inline const char *mc_bin(void)
{
    static char path[512];
    const char *bin = getenv("BIN");
    snprintf(path, sizeof path, "%s/campaign-mock", bin && *bin ? bin : "bin");
    return path;
}

static inline const char *mc_schema_dir(void)
{
    const char *d = getenv("CAMPAIGN_SCHEMA_DIR");
    return d && *d ? d : "schemas";
}

/* Exit status of a finished child as the shell would report it. */
static inline int mc_wait(pid_t pid)
{
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
    if (WIFEXITED(st)) return WEXITSTATUS(st);
    if (WIFSIGNALED(st)) return 128 + WTERMSIG(st);
    return -1;
}

/* Wait up to ms for pid to exit on its own (it printed something other
 * than the listening line, e.g. --help or an error), then SIGTERM it. */
static inline int mc_wait_bounded(pid_t pid, int ms)
{
    int st = 0;
    for (int waited = 0; waited < ms; waited += 10) {
        pid_t r = waitpid(pid, &st, WNOHANG);
        if (r == pid) {
            if (WIFEXITED(st)) return WEXITSTATUS(st);
            if (WIFSIGNALED(st)) return 128 + WTERMSIG(st);
            return -1;
        }
        struct timespec ts = { 0, 10 * 1000000L };
        nanosleep(&ts, NULL);
    }
    kill(pid, SIGTERM);
    return mc_wait(pid);
}

/* Start campaign-mock --port 0 [--quiet] with extra arguments (NULL-ended,
 * may be NULL) and optional environment additions ("NAME=VALUE", NULL-ended).
 * Returns 0 once it printed its first line and it is the listening line;
 * -1 otherwise (then the process has ended and exit_status is set). */
static inline int mc_start_full(mc_server *s, const char *const *extra, const char *const *env,
                                int quiet)
{
    memset(s, 0, sizeof *s);
    snprintf(s->err_file, sizeof s->err_file, "/tmp/test_mock_err_%d_XXXXXX", (int)getpid());
    int efd = mkstemp(s->err_file);
    int pfd[2];
    if (efd < 0 || pipe(pfd) != 0) return -1;
    const char *argv[64];
    int n = 0;
    argv[n++] = mc_bin();
    argv[n++] = "--port";
    argv[n++] = "0";
    if (quiet) argv[n++] = "--quiet";
    argv[n++] = "--schema-dir";
    argv[n++] = mc_schema_dir();
    for (int i = 0; extra && extra[i] && n < 62; i++) argv[n++] = extra[i];
    argv[n] = NULL;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        dup2(pfd[1], 1);
        dup2(efd, 2);
        close(pfd[0]);
        close(pfd[1]);
        close(efd);
        for (int i = 0; env && env[i]; i++) putenv((char *)env[i]);
        execv(argv[0], (char *const *)argv);
        fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(pfd[1]);
    close(efd);
    s->pid = pid;
    /* read the first line byte by byte: nothing more is wanted from stdout */
    size_t len = 0;
    char ch;
    while (len + 1 < sizeof s->first_line) {
        ssize_t r = read(pfd[0], &ch, 1);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0 || ch == '\n') break;
        s->first_line[len++] = ch;
    }
    s->first_line[len] = 0;
    close(pfd[0]);
    unsigned port = 0;
    char tail = 0;
    if (sscanf(s->first_line, "listening on http://127.0.0.1:%u%c", &port, &tail) != 1 || port == 0) {
        s->exit_status = mc_wait_bounded(pid, 5000);
        s->pid = 0;
        return -1;
    }
    s->port = port;
    snprintf(s->base, sizeof s->base, "http://127.0.0.1:%u" MC_API, port);
    return 0;
}

static inline int mc_start_env(mc_server *s, const char *const *extra, const char *const *env)
{
    return mc_start_full(s, extra, env, 1);
}

static inline int mc_start(mc_server *s, const char *const *extra)
{
    return mc_start_full(s, extra, NULL, 1);
}

/* Run the binary to completion (for exit-status tests): returns its exit
 * status; its stderr is left in s->err_file. */
static inline int mc_run(mc_server *s, const char *const *args)
{
    if (mc_start(s, args) == 0) {   /* it started after all: stop it */
        kill(s->pid, SIGTERM);
        s->exit_status = mc_wait(s->pid);
        s->pid = 0;
        return -100;
    }
    return s->exit_status;
}

/* Stderr of the server so far (static buffer). */
static inline const char *mc_stderr(const mc_server *s)
{
    static char buf[4096];
    buf[0] = 0;
    FILE *f = fopen(s->err_file, "r");
    if (!f) return buf;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

/* Send sig, wait, remove the stderr file; returns the exit status. */
static inline int mc_stop_with(mc_server *s, int sig)
{
    if (s->pid > 0) {
        kill(s->pid, sig);
        s->exit_status = mc_wait(s->pid);
        s->pid = 0;
    }
    if (s->err_file[0]) unlink(s->err_file);
    s->err_file[0] = 0;
    return s->exit_status;
}

static inline int mc_stop(mc_server *s)
{
    return mc_stop_with(s, SIGTERM);
}

/* ---- requests ------------------------------------------------------------ */

typedef struct mc_resp {
    long status;            /* 0 when the request failed at transport level */
    char *text;             /* response body */
    size_t len;
    cJSON *json;            /* parsed body, NULL when not JSON */
    char allow[64];         /* Allow header */
    char content_type[96];
    char www_auth[96];
    double ms;              /* wall time */
} mc_resp;

static inline size_t mc_write_cb(char *p, size_t sz, size_t n, void *ud)
{
    mc_resp *r = ud;
    size_t add = sz * n;
    char *nt = realloc(r->text, r->len + add + 1);
    if (!nt) return 0;
    r->text = nt;
    memcpy(r->text + r->len, p, add);
    r->len += add;
    r->text[r->len] = 0;
    return add;
}

static inline void mc_header_value(const char *line, size_t n, const char *name, char *out, size_t cap)
{
    size_t nl = strlen(name);
    if (n <= nl + 1 || strncasecmp(line, name, nl) != 0 || line[nl] != ':') return;
    const char *v = line + nl + 1;
    size_t vl = n - nl - 1;
    while (vl && (*v == ' ')) { v++; vl--; }
    while (vl && (v[vl - 1] == '\r' || v[vl - 1] == '\n' || v[vl - 1] == ' ')) vl--;
    if (vl >= cap) vl = cap - 1;
    memcpy(out, v, vl);
    out[vl] = 0;
}

static inline size_t mc_header_cb(char *p, size_t sz, size_t n, void *ud)
{
    mc_resp *r = ud;
    mc_header_value(p, sz * n, "Allow", r->allow, sizeof r->allow);
    mc_header_value(p, sz * n, "Content-Type", r->content_type, sizeof r->content_type);
    mc_header_value(p, sz * n, "WWW-Authenticate", r->www_auth, sizeof r->www_auth);
    return sz * n;
}

typedef struct mc_opts {
    const char *token;          /* NULL = MC_TOKEN; "" = no Authorization header */
    const char *auth_header;    /* whole Authorization value, overrides token */
    const char *content_type;   /* NULL = application/json when a body is sent; "" = none */
    int chunked;                /* send the body with Transfer-Encoding: chunked */
    long timeout_ms;            /* 0 = 20 s */
} mc_opts;

typedef struct mc_upload { const char *p; size_t left; } mc_upload;

static inline size_t mc_read_cb(char *buf, size_t sz, size_t n, void *ud)
{
    mc_upload *u = ud;
    size_t k = sz * n < u->left ? sz * n : u->left;
    memcpy(buf, u->p, k);
    u->p += k;
    u->left -= k;
    return k;
}

/* method path (relative to the API root; from the server root when it
 * starts with /api/v2/buyer or /_mock; absolute when it starts with "http")
 * with body (NULL = none; len SIZE_MAX = strlen). */
static inline void mc_request(const mc_server *s, const char *method, const char *path,
                              const char *body, size_t len, const mc_opts *o, mc_resp *r)
{
    static const mc_opts dflt = { 0 };
    if (!o) o = &dflt;
    memset(r, 0, sizeof *r);
    if (body && len == (size_t)-1) len = strlen(body);
    char url[2048];
    if (strncmp(path, "http", 4) == 0) snprintf(url, sizeof url, "%s", path);
    else if (path[0] == '/' && strncmp(path, MC_API, strlen(MC_API)) != 0 &&
             strncmp(path, MC_MOCK "/", strlen(MC_MOCK) + 1) != 0)
        snprintf(url, sizeof url, "%s%s", s->base, path);
    else snprintf(url, sizeof url, "http://127.0.0.1:%u%s", s->port, path);
    CURL *h = curl_easy_init();
    if (!h) return;
    struct curl_slist *hdrs = NULL;
    char line[1200];
    if (o->auth_header) {
        snprintf(line, sizeof line, "Authorization: %s", o->auth_header);
        hdrs = curl_slist_append(hdrs, line);
    } else {
        const char *tok = o->token ? o->token : MC_TOKEN;
        if (*tok) {
            snprintf(line, sizeof line, "Authorization: Bearer %s", tok);
            hdrs = curl_slist_append(hdrs, line);
        }
    }
    const char *ct = o->content_type ? o->content_type : (body ? "application/json" : "");
    if (*ct) {
        snprintf(line, sizeof line, "Content-Type: %s", ct);
        hdrs = curl_slist_append(hdrs, line);
    } else {
        hdrs = curl_slist_append(hdrs, "Content-Type:");   /* no default form type */
    }
    hdrs = curl_slist_append(hdrs, "Expect:");
    mc_upload up = { body, len };
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        if (o->chunked) {
            curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
            curl_easy_setopt(h, CURLOPT_READFUNCTION, mc_read_cb);
            curl_easy_setopt(h, CURLOPT_READDATA, &up);
            hdrs = curl_slist_append(hdrs, "Transfer-Encoding: chunked");
            curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
        } else {
            curl_easy_setopt(h, CURLOPT_POSTFIELDS, body ? body : "");
            curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(body ? len : 0));
        }
    }
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, mc_write_cb);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, mc_header_cb);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, r);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, o->timeout_ms ? o->timeout_ms : 20000L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (curl_easy_perform(h) == CURLE_OK)
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->status);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    r->ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    curl_slist_free_all(hdrs);
    curl_easy_cleanup(h);
    if (r->text) r->json = cJSON_Parse(r->text);
}

static inline void mc_resp_free(mc_resp *r)
{
    free(r->text);
    cJSON_Delete(r->json);
    memset(r, 0, sizeof *r);
}

/* New malloc'd printf-formatted text (NULL when out of memory). */
static inline char *mc_vfmt(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s) vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

static inline char *mc_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline char *mc_fmt(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = mc_vfmt(fmt, ap);
    va_end(ap);
    return s;
}

/* ---- checks -------------------------------------------------------------- */

/* The test context: checks, the contract, the server under test. */
typedef struct mc {
    struct check *t;
    contract *c;
    mc_server srv;
} mc;

static inline contract *mc_contract(void)
{
    jsv_error err;
    memset(&err, 0, sizeof err);
    contract *c = contract_load(mc_schema_dir(), NULL, &err);
    if (!c) fprintf(stderr, "cannot load schemas from %s: %s\n", mc_schema_dir(), err.message);
    return c;
}

/* body keeps the named response contract (schema and rules). */
static inline void mc_check_schema(mc *m, const char *schema, const cJSON *body, const char *what)
{
    contract_report *rep = contract_report_new();
    int ok = body ? contract_check(m->c, schema, body, 0, rep) : 0;
    if (ok != 1) {
        const contract_finding *f = contract_report_count(rep) ? contract_report_get(rep, 0) : NULL;
        CHECK_MSG(m->t, ok == 1, "%s: response violates %s at \"%s\": %s", what, schema,
                  f && f->pointer ? f->pointer : "", f && f->message ? f->message : "(no JSON body)");
    } else {
        CHECK(m->t, ok == 1);
    }
    contract_report_free(rep);
}

/* The body text of r keeps the named response contract, read as the
 * tools read it: the strict parser (U+0000 kept in strings and names,
 * which cJSON_Parse cuts, and a duplicate key an error). */
static inline void mc_check_text(mc *m, const char *schema, const mc_resp *r, const char *what)
{
    json_parse_opts o = { JSON_PARSE_REJECT_DUPLICATES, 0 };
    json_error e;
    json_doc *d = r->text ? json_parse(r->text, r->len, &o, NULL, &e) : NULL;
    if (!d) CHECK_MSG(m->t, d != NULL, "%s: the body is not strict JSON (%s)", what, r->text ? e.message : "none");
    else mc_check_schema(m, schema, d->root, what);
    json_doc_free(d);
}

/* The schema a response of this status must keep, given the success one. */
static inline const char *mc_schema_for(long status, const char *success)
{
    if (status >= 400) return "error-response";
    if (status == 202) return "campaign-update-accepted-response";
    return success;
}

static inline void mc_check_allocation(mc *m, const cJSON *campaign, const char *what);

/* Send a request, check the status is `expect` and the body keeps its
 * response schema; r is filled for further checks (free it).  A returned
 * Campaign must also satisfy allocatedBudget = the sum of its live package
 * budgets (the reading of D46, checked rule CR-ALLOCATED). */
static inline void mc_call(mc *m, mc_resp *r, const char *method, const char *path,
                           const char *body, long expect, const char *schema)
{
    mc_request(&m->srv, method, path, body, (size_t)-1, NULL, r);
    char what[300];
    snprintf(what, sizeof what, "%s %s", method, path);
    CHECK_MSG(m->t, r->status == expect, "%s: status %ld, want %ld; body %.600s", what, r->status,
              expect, r->text ? r->text : "");
    const char *sch = mc_schema_for(r->status, schema);
    if (sch && r->status) mc_check_text(m, sch, r, what);
    if (sch && !strcmp(sch, "campaign-response") && r->json)
        mc_check_allocation(m, json_member(r->json, "campaign"), what);
}

/* Same with a printf-formatted body. */
static inline void mc_callf(mc *m, mc_resp *r, const char *method, const char *path, long expect,
                            const char *schema, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
static inline void mc_callf(mc *m, mc_resp *r, const char *method, const char *path, long expect,
                            const char *schema, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *body = mc_vfmt(fmt, ap);
    va_end(ap);
    mc_call(m, r, method, path, body, expect, schema);
    free(body);
}

/* Value at a JSON Pointer (no escapes needed by the tests), or NULL. */
static inline const cJSON *mc_at(const cJSON *v, const char *ptr)
{
    char tok[256];
    while (v && *ptr == '/') {
        ptr++;
        size_t n = strcspn(ptr, "/");
        if (n >= sizeof tok) return NULL;
        memcpy(tok, ptr, n);
        tok[n] = 0;
        ptr += n;
        if (cJSON_IsArray(v)) {
            char *end;
            long i = strtol(tok, &end, 10);
            v = *end ? NULL : cJSON_GetArrayItem(v, (int)i);
        } else {
            v = cJSON_GetObjectItemCaseSensitive(v, tok);
        }
    }
    return v;
}

static inline const char *mc_str(const cJSON *v, const char *ptr)
{
    const cJSON *x = mc_at(v, ptr);
    return cJSON_IsString(x) ? x->valuestring : NULL;
}

static inline double mc_num(const cJSON *v, const char *ptr)
{
    const cJSON *x = mc_at(v, ptr);
    return cJSON_IsNumber(x) ? x->valuedouble : -1e300;
}

static inline int mc_len(const cJSON *v, const char *ptr)
{
    const cJSON *x = mc_at(v, ptr);
    return cJSON_IsArray(x) || cJSON_IsObject(x) ? cJSON_GetArraySize(x) : -1;
}

/* |a - b| below half a cent. */
static inline int mc_money_eq(double a, double b)
{
    return a - b < 0.005 && b - a < 0.005;
}

#define MC_CHECK_NUM(m, got, want) do { double g_ = (got), w_ = (want); \
        CHECK_MSG((m)->t, mc_money_eq(g_, w_), "%s: got %.4f, want %.4f", #got, g_, w_); } while (0)

/* A campaign body for create: products is a JSON array text or NULL. */
static inline char *mc_create_body(const char *name, double total, const char *products, const char *extra)
{
    return mc_fmt("{\"advertiserId\":12345,\"name\":\"%s\","
                  "\"flightDates\":{\"startDate\":\"2026-01-01T00:00:00Z\",\"endDate\":\"2026-03-31T23:59:59Z\"},"
                  "\"budget\":{\"total\":%.2f,\"currency\":\"USD\"},\"campaignType\":\"DECISIONED\"%s%s%s%s}",
                  name, total, products ? ",\"discoveryId\":\"disc_demo\",\"productIds\":" : "",
                  products ? products : "", extra && *extra ? "," : "", extra ? extra : "");
}

/* Create a campaign (checked 201) and return its id in out. */
static inline void mc_create(mc *m, const char *name, double total, const char *products,
                             const char *extra, char *out, size_t n)
{
    char *body = mc_create_body(name, total, products, extra);
    mc_resp r;
    mc_call(m, &r, "POST", "/campaigns", body, 201, "campaign-response");
    const char *id = mc_str(r.json, "/campaign/campaignId");
    snprintf(out, n, "%s", id ? id : "missing");
    mc_resp_free(&r);
    free(body);
}

/* Create and execute; returns the campaign id. */
static inline void mc_create_active(mc *m, const char *name, double total, const char *products,
                                    char *out, size_t n)
{
    mc_create(m, name, total, products, NULL, out, n);
    char path[128];
    snprintf(path, sizeof path, "/campaigns/%s/execute", out);
    mc_resp r;
    mc_call(m, &r, "POST", path, NULL, 200, "campaign-status-change-response");
    mc_resp_free(&r);
}

/* GET the campaign (checked); caller frees r. */
static inline void mc_get(mc *m, const char *id, mc_resp *r)
{
    char path[128];
    snprintf(path, sizeof path, "/campaigns/%s", id);
    mc_call(m, r, "GET", path, NULL, 200, "campaign-response");
}

/* Sum of the live package budgets of a Campaign object, the way the
 * documentation defines allocatedBudget. */
static inline double mc_live_allocation(const cJSON *campaign)
{
    double sum = 0;
    const cJSON *b, *p;
    cJSON_ArrayForEach(b, cJSON_GetObjectItemCaseSensitive(campaign, "mediaBuys")) {
        const char *bs = mc_str(b, "/status");
        if (!bs || !strcmp(bs, "CANCELED") || !strcmp(bs, "ARCHIVED") || !strcmp(bs, "FAILED") ||
            !strcmp(bs, "REJECTED"))
            continue;
        cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(b, "packages")) {
            const char *ps = mc_str(p, "/status");
            if (!ps || !strcmp(ps, "CANCELED") || !strcmp(ps, "ARCHIVED") || !strcmp(ps, "FAILED") ||
                !strcmp(ps, "REJECTED"))
                continue;
            sum += mc_num(p, "/budget");
        }
    }
    return sum;
}

/* allocatedBudget = the sum of the live package budgets over live buys
 * (within 0.01) and unallocatedBudget = mediaBudget.total - allocatedBudget,
 * on every Campaign the mock returns. */
static inline void mc_check_allocation(mc *m, const cJSON *campaign, const char *what)
{
    double alloc = mc_num(campaign, "/allocatedBudget"), live = mc_live_allocation(campaign);
    double media = mc_num(campaign, "/mediaBudget/total"), un = mc_num(campaign, "/unallocatedBudget");
    CHECK_MSG(m->t, alloc - live <= 0.01 && live - alloc <= 0.01,
              "%s: allocatedBudget %.2f, live packages sum to %.2f", what, alloc, live);
    CHECK_MSG(m->t, un - (media - alloc) <= 0.01 && (media - alloc) - un <= 0.01,
              "%s: unallocatedBudget %.2f, mediaBudget.total - allocatedBudget = %.2f", what, un, media - alloc);
}

/* The documented formulas on a Campaign object. */
static inline void mc_check_money(mc *m, const cJSON *campaign)
{
    double total = mc_num(campaign, "/budget/total");
    double fees = 0;
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(campaign, "fees")) fees += mc_num(f, "/amount");
    MC_CHECK_NUM(m, fees, total * 0.10);
    MC_CHECK_NUM(m, mc_num(campaign, "/mediaBudget/total"), total - fees);
    MC_CHECK_NUM(m, mc_num(campaign, "/allocatedBudget"), mc_live_allocation(campaign));
    MC_CHECK_NUM(m, mc_num(campaign, "/unallocatedBudget"),
                 mc_num(campaign, "/mediaBudget/total") - mc_num(campaign, "/allocatedBudget"));
}

/* GET /_mock/campaigns/{id}: the mock-only facts the contract's bodies do
 * not carry ({campaignId, mediaBuyStatus, mediaBuys: [{mediaBuyId,
 * salesAgentId, creativeIds}]}); checked 200 and shaped; caller frees r. */
static inline void mc_facts(mc *m, const char *id, mc_resp *r)
{
    char path[160];
    snprintf(path, sizeof path, MC_MOCK "/campaigns/%s", id);
    mc_call(m, r, "GET", path, NULL, 200, NULL);
    const cJSON *s = mc_at(r->json, "/mediaBuyStatus"), *b;
    int ok = mc_str(r->json, "/campaignId") && !strcmp(mc_str(r->json, "/campaignId"), id) &&
             (cJSON_IsString(s) || cJSON_IsNull(s)) && cJSON_IsArray(mc_at(r->json, "/mediaBuys"));
    cJSON_ArrayForEach(b, mc_at(r->json, "/mediaBuys"))
        ok &= mc_str(b, "/mediaBuyId") && mc_str(b, "/salesAgentId") && cJSON_IsArray(mc_at(b, "/creativeIds"));
    CHECK_MSG(m->t, ok, "GET %s: unexpected shape %.400s", path, r->text ? r->text : "");
}

/* The facts entry of the media buy sold by agent in campaign id (inside
 * facts, which the caller frees), or NULL. */
static inline const cJSON *mc_fact_of(mc *m, const char *id, const char *agent, mc_resp *facts)
{
    mc_facts(m, id, facts);
    const cJSON *b;
    cJSON_ArrayForEach(b, mc_at(facts->json, "/mediaBuys"))
        if (mc_str(b, "/salesAgentId") && strcmp(mc_str(b, "/salesAgentId"), agent) == 0) return b;
    return NULL;
}

/* The campaign's most-restrictive media buy status from the facts, into
 * out ("null" when it has no buys). */
static inline const char *mc_surfaced(mc *m, const char *id, char *out, size_t n)
{
    mc_resp f;
    mc_facts(m, id, &f);
    const char *s = mc_str(f.json, "/mediaBuyStatus");
    snprintf(out, n, "%s", s ? s : cJSON_IsNull(mc_at(f.json, "/mediaBuyStatus")) ? "null" : "?");
    mc_resp_free(&f);
    return out;
}

/* Number of creatives the media buy sold by agent gets (-1: no such buy). */
static inline int mc_creative_count(mc *m, const char *id, const char *agent)
{
    mc_resp f;
    const cJSON *b = mc_fact_of(m, id, agent, &f);
    int n = b ? mc_len(b, "/creativeIds") : -1;
    mc_resp_free(&f);
    return n;
}

/* Find the media buy of a Campaign object sold by agent (NULL if none):
 * the contract's MediaBuy has no sales agent, so the mock-only facts name
 * the buy. */
static inline const cJSON *mc_buy_of(mc *m, const cJSON *campaign, const char *agent)
{
    const char *id = mc_str(campaign, "/campaignId");
    if (!id) return NULL;
    mc_resp f;
    const cJSON *fact = mc_fact_of(m, id, agent, &f), *b, *found = NULL;
    const char *mb = mc_str(fact, "/mediaBuyId");
    cJSON_ArrayForEach(b, cJSON_GetObjectItemCaseSensitive(campaign, "mediaBuys"))
        if (mb && mc_str(b, "/mediaBuyId") && strcmp(mc_str(b, "/mediaBuyId"), mb) == 0) found = b;
    mc_resp_free(&f);
    return found;
}

/* Start the server of a test program, or report and give up. */
static inline int mc_setup(mc *m, struct check *t)
{
    memset(m, 0, sizeof *m);
    m->t = t;
    curl_global_init(CURL_GLOBAL_ALL);
    m->c = mc_contract();
    if (!m->c) { CHECK_MSG(t, 0, "schemas not loadable"); return -1; }
    if (mc_start(&m->srv, NULL) != 0) {
        CHECK_MSG(t, 0, "%s did not start: first line \"%s\", exit %d", mc_bin(),
                  m->srv.first_line, m->srv.exit_status);
        return -1;
    }
    return 0;
}

static inline void mc_teardown(mc *m)
{
    if (m->srv.pid > 0) CHECK_INT(m->t, mc_stop(&m->srv), 0);
    contract_free(m->c);
    curl_global_cleanup();
}

#endif
