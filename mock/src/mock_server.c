/* mock_server.c - libmicrohttpd plumbing: routing, authentication, body
 * limits, content type, fault injection (see mock_server.h). */
#include "mock_server.h"
#include "mock_json.h"
#include "json_parse.h"

#include <microhttpd.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define API_PREFIX "/api/v2/buyer"

struct mock_server {
    struct MHD_Daemon *daemon;
    mock_server_opts opts;
    const mock_app *app;
    unsigned port;
    atomic_uint_fast64_t seq;   /* request counter for fault injection */
};

enum route {
    R_NONE, R_CAMPAIGNS, R_CAMPAIGN, R_EXECUTE, R_PAUSE, R_REACTIVATE, R_STATUS
};

/* Per-request state, from the first call of the access handler to the
 * completion notification. */
typedef struct req_ctx {
    enum route route;
    char id[200];
    int early;              /* answered on the first call (no body read) */
    char *body;
    size_t len, cap;
    int too_large;
    struct timespec start;
} req_ctx;

/* ---- small helpers ----------------------------------------------------- */

static void log_line(const mock_server *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void log_line(const mock_server *s, const char *fmt, ...)
{
    if (s->opts.quiet) return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "campaign-mock: %s\n", line);
}

static void mhd_logger(void *cls, const char *fmt, va_list ap)
{
    const mock_server *s = cls;
    if (s && s->opts.quiet) return;
    char line[1024];
    vsnprintf(line, sizeof line, fmt, ap);
    size_t l = strlen(line);
    while (l && (line[l - 1] == '\n' || line[l - 1] == '\r')) line[--l] = 0;
    fprintf(stderr, "campaign-mock: libmicrohttpd: %s\n", line);
}

/* Deterministic pseudo-random fraction for request number n (splitmix64). */
static double fraction(uint64_t seed, uint64_t n)
{
    uint64_t z = seed + (n + 1) * UINT64_C(0x9E3779B97F4A7C15);
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    z ^= z >> 31;
    return (double)(z >> 11) / 9007199254740992.0;
}

/* Compare the presented token with the expected one in time that depends
 * only on the expected token's length. */
static int token_equal(const char *got, size_t glen, const char *want)
{
    size_t wlen = strlen(want);
    volatile unsigned char diff = (unsigned char)(glen != wlen);
    for (size_t i = 0; i < wlen; i++) {
        unsigned char g = glen ? (unsigned char)got[i < glen ? i : 0] : 0;
        diff |= (unsigned char)(g ^ (unsigned char)want[i]);
    }
    return diff == 0;
}

static int authorized(const mock_server *s, struct MHD_Connection *conn)
{
    const char *h = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    if (!h) return 0;
    while (*h == ' ') h++;
    if (strncasecmp(h, "Bearer", 6) != 0 || (h[6] != ' ' && h[6] != '\t')) return 0;
    h += 6;
    while (*h == ' ' || *h == '\t') h++;
    size_t len = strlen(h);
    while (len && (h[len - 1] == ' ' || h[len - 1] == '\t')) len--;
    return token_equal(h, len, s->opts.token);
}

/* "application/json", any case, optionally followed by parameters. */
static int is_json_type(const char *ct)
{
    if (!ct) return 0;
    while (*ct == ' ') ct++;
    if (strncasecmp(ct, "application/json", 16) != 0) return 0;
    char c = ct[16];
    return c == 0 || c == ';' || c == ' ' || c == '\t';
}

static enum route match_route(const char *url, char *id, size_t idlen, int *id_too_long)
{
    *id_too_long = 0;
    size_t pl = strlen(API_PREFIX);
    if (strncmp(url, API_PREFIX, pl) != 0) return R_NONE;
    url += pl;
    if (strcmp(url, "/campaigns") == 0) return R_CAMPAIGNS;
    if (strncmp(url, "/campaigns/", 11) != 0) return R_NONE;
    url += 11;
    const char *slash = strchr(url, '/');
    size_t n = slash ? (size_t)(slash - url) : strlen(url);
    if (n == 0) return R_NONE;
    if (n >= idlen) { *id_too_long = 1; n = 0; }
    memcpy(id, url, n);
    id[n] = 0;
    if (!slash) return R_CAMPAIGN;
    if (strcmp(slash, "/execute") == 0) return R_EXECUTE;
    if (strcmp(slash, "/pause") == 0) return R_PAUSE;
    if (strcmp(slash, "/reactivate") == 0) return R_REACTIVATE;
    if (strcmp(slash, "/media-buy-status") == 0) return R_STATUS;
    return R_NONE;
}

static const char *allowed_methods(enum route r)
{
    switch (r) {
    case R_CAMPAIGNS: return "GET, POST";
    case R_CAMPAIGN: return "GET, PUT";
    case R_STATUS: return "GET";
    default: return "POST";
    }
}

static int method_allowed(enum route r, const char *m)
{
    switch (r) {
    case R_CAMPAIGNS: return strcmp(m, "GET") == 0 || strcmp(m, "POST") == 0;
    case R_CAMPAIGN: return strcmp(m, "GET") == 0 || strcmp(m, "PUT") == 0;
    case R_STATUS: return strcmp(m, "GET") == 0;
    case R_EXECUTE: case R_PAUSE: case R_REACTIVATE: return strcmp(m, "POST") == 0;
    default: return 0;
    }
}

/* Endpoints whose body is JSON: required for create and update, optional
 * for execute. 0 = the body is ignored. */
static int json_body_kind(enum route r, const char *m)
{
    if (r == R_CAMPAIGNS && strcmp(m, "POST") == 0) return 2;
    if (r == R_CAMPAIGN && strcmp(m, "PUT") == 0) return 2;
    if (r == R_EXECUTE) return 1;
    return 0;
}

static double elapsed_ms(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) * 1e3 + (double)(now.tv_nsec - start->tv_nsec) / 1e6;
}

/* ---- sending ------------------------------------------------------------- */

static void self_check(const mock_server *s, const char *method, const char *url, const mock_reply *r)
{
    if (!s->opts.self_check || !r->schema || !r->body) return;
    contract_report *rep = contract_report_new();
    if (!rep) return;
    if (contract_check(s->app->contract, r->schema, r->body, 0, rep) != 1) {
        for (size_t i = 0; i < contract_report_count(rep); i++) {
            const contract_finding *f = contract_report_get(rep, i);
            fprintf(stderr, "campaign-mock: self-check: %s %s -> %d violates %s at \"%s\": %s\n",
                    method, url, r->status, r->schema, f->pointer ? f->pointer : "",
                    f->message ? f->message : "");
        }
    }
    contract_report_free(rep);
}

static enum MHD_Result send_reply(mock_server *s, struct MHD_Connection *conn, req_ctx *ctx,
                                  const char *method, const char *url, mock_reply *r,
                                  const char *allow)
{
    if (s->opts.latency_ms) {
        struct timespec d = { s->opts.latency_ms / 1000, (long)(s->opts.latency_ms % 1000) * 1000000L };
        while (nanosleep(&d, &d) != 0 && errno == EINTR) {}
    }
    self_check(s, method, url, r);
    char *text = r->body ? cJSON_PrintUnformatted(r->body) : NULL;
    if (!text) {
        r->status = 500;
        text = strdup("{\"data\":null,\"error\":{\"code\":\"INTERNAL_ERROR\",\"message\":\"out of memory\"}}");
        if (!text) return MHD_NO;
    }
    struct MHD_Response *resp = MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
    if (!resp) { free(text); return MHD_NO; }
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
    if (allow) MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, allow);
    if (r->status == 401)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer realm=\"campaign-mock\"");
    if (r->status == 503) MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, "1");
    enum MHD_Result ok = MHD_queue_response(conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    log_line(s, "%s %s %d %.1fms", method, url, r->status, elapsed_ms(&ctx->start));
    return ok;
}

static enum MHD_Result send_error(mock_server *s, struct MHD_Connection *conn, req_ctx *ctx,
                                  const char *method, const char *url, int status,
                                  const char *code, const char *allow, const char *fmt, ...)
    __attribute__((format(printf, 9, 10)));
static enum MHD_Result send_error(mock_server *s, struct MHD_Connection *conn, req_ctx *ctx,
                                  const char *method, const char *url, int status,
                                  const char *code, const char *allow, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    mock_reply r = { status, mj_error_body(code, msg, NULL, NULL), "error-response" };
    enum MHD_Result ok = send_reply(s, conn, ctx, method, url, &r, allow);
    cJSON_Delete(r.body);
    return ok;
}

/* ---- request handling ---------------------------------------------------- */

static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
    (void)kind;
    mock_query *q = cls;
    if (q->n < MOCK_MAX_QUERY && key) {
        q->key[q->n] = key;
        q->value[q->n] = value ? value : "";
        q->n++;
    }
    return MHD_YES;
}

/* First call: everything decidable from the request line and headers.
 * Returns 1 when an answer was queued (*result set). */
static int early_checks(mock_server *s, struct MHD_Connection *conn, req_ctx *ctx,
                        const char *url, const char *method, enum MHD_Result *result)
{
    uint64_t n = atomic_fetch_add(&s->seq, 1);
    if (s->opts.fail_rate > 0 && fraction(s->opts.seed, n) < s->opts.fail_rate) {
        *result = send_error(s, conn, ctx, method, url, 503, "SERVICE_UNAVAILABLE", NULL,
                             "injected failure (--fail-rate)");
        return 1;
    }
    if (!authorized(s, conn)) {
        *result = send_error(s, conn, ctx, method, url, 401, "UNAUTHORIZED", NULL,
                             "missing or invalid bearer token");
        return 1;
    }
    int too_long;
    ctx->route = match_route(url, ctx->id, sizeof ctx->id, &too_long);
    if (ctx->route == R_NONE) {
        *result = send_error(s, conn, ctx, method, url, 404, "NOT_FOUND", NULL, "no route for %s", url);
        return 1;
    }
    if (!method_allowed(ctx->route, method)) {
        *result = send_error(s, conn, ctx, method, url, 405, "METHOD_NOT_ALLOWED",
                             allowed_methods(ctx->route), "%s is not allowed here (allowed: %s)",
                             method, allowed_methods(ctx->route));
        return 1;
    }
    const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    const char *te = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);
    unsigned long long declared = cl ? strtoull(cl, NULL, 10) : 0;
    if (declared > MOCK_MAX_BODY) {
        *result = send_error(s, conn, ctx, method, url, 413, "PAYLOAD_TOO_LARGE", NULL,
                             "request body of %llu bytes is over the limit of %d bytes",
                             declared, MOCK_MAX_BODY);
        return 1;
    }
    int kind = json_body_kind(ctx->route, method);
    int has_body = declared > 0 || (te && strcasecmp(te, "identity") != 0);
    if ((kind == 2 || (kind == 1 && has_body)) &&
        !is_json_type(MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE))) {
        *result = send_error(s, conn, ctx, method, url, 415, "UNSUPPORTED_MEDIA_TYPE", NULL,
                             "send the body as Content-Type: application/json");
        return 1;
    }
    return 0;
}

static void dispatch(mock_server *s, struct MHD_Connection *conn, req_ctx *ctx,
                     const char *method, const cJSON *body, mock_reply *r)
{
    const mock_app *app = s->app;
    switch (ctx->route) {
    case R_CAMPAIGNS:
        if (strcmp(method, "POST") == 0) {
            api_create(app, body, r);
        } else {
            mock_query q = { 0 };
            MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_query, &q);
            api_list(app, &q, r);
        }
        break;
    case R_CAMPAIGN:
        if (strcmp(method, "PUT") == 0) api_update(app, ctx->id, body, r);
        else api_get(app, ctx->id, r);
        break;
    case R_EXECUTE: api_execute(app, ctx->id, body, r); break;
    case R_PAUSE: api_pause(app, ctx->id, r); break;
    case R_REACTIVATE: api_reactivate(app, ctx->id, r); break;
    case R_STATUS: api_media_buy_status(app, ctx->id, r); break;
    default: reply_error(r, 404, "NOT_FOUND", NULL, NULL, "no route"); break;
    }
}

static enum MHD_Result finish(mock_server *s, struct MHD_Connection *conn, req_ctx *ctx,
                              const char *url, const char *method)
{
    if (ctx->too_large)
        return send_error(s, conn, ctx, method, url, 413, "PAYLOAD_TOO_LARGE", NULL,
                          "request body is over the limit of %d bytes", MOCK_MAX_BODY);
    if (!ctx->id[0] && ctx->route != R_CAMPAIGNS)
        return send_error(s, conn, ctx, method, url, 404, "NOT_FOUND", NULL, "campaign not found");
    json_doc *doc = NULL;
    int kind = json_body_kind(ctx->route, method);
    if (kind == 2 || (kind == 1 && ctx->len > 0)) {
        json_parse_opts opts = { JSON_PARSE_REJECT_DUPLICATES, 0 };
        json_error jerr;
        memset(&jerr, 0, sizeof jerr);
        doc = json_parse(ctx->body ? ctx->body : "", ctx->len, &opts, NULL, &jerr);
        if (!doc) {
            cJSON *d = cJSON_CreateObject();
            cJSON_AddNumberToObject(d, "line", jerr.line);
            cJSON_AddNumberToObject(d, "column", jerr.col);
            char msg[400];
            snprintf(msg, sizeof msg, "malformed JSON at line %u, column %u: %s",
                     jerr.line, jerr.col, jerr.message);
            mock_reply r = { 400, mj_error_body("VALIDATION_ERROR", msg, NULL, d), "error-response" };
            enum MHD_Result ok = send_reply(s, conn, ctx, method, url, &r, NULL);
            cJSON_Delete(r.body);
            return ok;
        }
    }
    mock_reply r = { 500, NULL, NULL };
    dispatch(s, conn, ctx, method, doc ? doc->root : NULL, &r);
    json_doc_free(doc);
    enum MHD_Result ok = send_reply(s, conn, ctx, method, url, &r, NULL);
    cJSON_Delete(r.body);
    return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)version;
    mock_server *s = cls;
    req_ctx *ctx = *con_cls;
    if (!ctx) {
        ctx = calloc(1, sizeof *ctx);
        if (!ctx) return MHD_NO;
        clock_gettime(CLOCK_MONOTONIC, &ctx->start);
        *con_cls = ctx;
        enum MHD_Result res;
        if (early_checks(s, conn, ctx, url, method, &res)) {
            ctx->early = 1;
            return res;
        }
        return MHD_YES;
    }
    if (ctx->early) {             /* answered already: drop whatever arrives */
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (ctx->too_large || ctx->len + n > MOCK_MAX_BODY) {
            /* keep reading (and discarding) so the 413 can be sent */
            ctx->too_large = 1;
            free(ctx->body);
            ctx->body = NULL;
            ctx->len = ctx->cap = 0;
            return MHD_YES;
        }
        if (ctx->len + n + 1 > ctx->cap) {
            size_t nc = ctx->cap ? ctx->cap : 4096;
            while (nc < ctx->len + n + 1) nc *= 2;
            char *nb = realloc(ctx->body, nc);
            if (!nb) return MHD_NO;
            ctx->body = nb;
            ctx->cap = nc;
        }
        memcpy(ctx->body + ctx->len, upload_data, n);
        ctx->len += n;
        ctx->body[ctx->len] = 0;
        return MHD_YES;
    }
    ctx->early = 1;   /* from here on, nothing more to do for this request */
    return finish(s, conn, ctx, url, method);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls; (void)conn; (void)toe;
    req_ctx *ctx = *con_cls;
    if (!ctx) return;
    free(ctx->body);
    free(ctx);
    *con_cls = NULL;
}

/* ---- start / stop ------------------------------------------------------ */

static int open_listener(const char *host, unsigned port, int *is_v6, char *err, size_t errlen)
{
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    char service[16];
    snprintf(service, sizeof service, "%u", port);
    int rc = getaddrinfo(host, service, &hints, &res);
    if (rc != 0) {
        snprintf(err, errlen, "cannot listen on %s:%u: %s", host, port, gai_strerror(rc));
        return -1;
    }
    int fd = socket(res->ai_family, res->ai_socktype | SOCK_CLOEXEC, res->ai_protocol);
    if (fd < 0) {
        snprintf(err, errlen, "cannot listen on %s:%u: %s", host, port, strerror(errno));
        freeaddrinfo(res);
        return -1;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, res->ai_addr, res->ai_addrlen) != 0 || listen(fd, 128) != 0) {
        snprintf(err, errlen, "cannot listen on %s:%u: %s", host, port, strerror(errno));
        close(fd);
        freeaddrinfo(res);
        return -1;
    }
    *is_v6 = res->ai_family == AF_INET6;
    freeaddrinfo(res);
    return fd;
}

mock_server *server_start(const mock_server_opts *o, const mock_app *app, char *err, size_t errlen)
{
    mock_server *s = calloc(1, sizeof *s);
    if (!s) { snprintf(err, errlen, "out of memory"); return NULL; }
    s->opts = *o;
    s->app = app;
    atomic_init(&s->seq, 0);
    int v6 = 0;
    int fd = open_listener(o->host, o->port, &v6, err, errlen);
    if (fd < 0) { free(s); return NULL; }
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0)
        s->port = ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                                                 : ((struct sockaddr_in *)&ss)->sin_port);
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
                     MHD_USE_POLL | MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
    s->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s,
                                 MHD_OPTION_EXTERNAL_LOGGER, mhd_logger, s,
                                 MHD_OPTION_LISTEN_SOCKET, (MHD_socket)fd,
                                 MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)30,
                                 MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
                                 MHD_OPTION_CONNECTION_LIMIT, (unsigned int)512,
                                 MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
                                 MHD_OPTION_END);
    if (!s->daemon) {
        snprintf(err, errlen, "cannot listen on %s:%u: libmicrohttpd failed to start", o->host, o->port);
        close(fd);
        free(s);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    if (info && info->port) s->port = info->port;
    return s;
}

unsigned server_port(const mock_server *s)
{
    return s->port;
}

void server_stop(mock_server *s)
{
    if (!s) return;
    MHD_stop_daemon(s->daemon);
    free(s);
}
