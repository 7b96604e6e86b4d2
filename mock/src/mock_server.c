/* mock_server.c - libmicrohttpd plumbing: connections, reading bodies,
 * sending replies, the request log (see mock_server.h); the checks and
 * the dispatch live in mock_request.c. */
#include "mock_server.h"
#include "mock_json.h"
#include "strbuf.h"

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

struct mock_server {
    struct MHD_Daemon *daemon;
    mock_server_opts opts;
    mock_policy policy;
    const mock_app *app;
    unsigned port;
    unsigned idle_timeout_s;
    atomic_uint_fast64_t seq;   /* request counter for fault injection */
};

/* Per-request state, from the first call of the access handler to the
 * completion notification. */
typedef struct req_ctx {
    mock_target target;
    int early;              /* answered on the first call (no body read) */
    strbuf body;            /* the upload so far */
    int too_large;
    struct timespec start;
} req_ctx;

/* ---- small helpers ----------------------------------------------------- */

static void log_line(const mock_server *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Print "campaign-mock: LINE" with the token masked (a client may have
 * put it in the path). */
static void print_redacted(const mock_server *s, const char *prefix, const char *line)
{
    char *masked = mj_redact_text(line, s->opts.token);
    fprintf(stderr, "campaign-mock: %s%s\n", prefix, masked ? masked : line);
    free(masked);
}

static void log_line(const mock_server *s, const char *fmt, ...)
{
    if (s->opts.quiet) return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    print_redacted(s, "", line);
}

static void mhd_logger(void *cls, const char *fmt, va_list ap)
{
    const mock_server *s = cls;
    if (s && s->opts.quiet) return;
    char line[1024];
    vsnprintf(line, sizeof line, fmt, ap);
    size_t l = strlen(line);
    while (l && (line[l - 1] == '\n' || line[l - 1] == '\r')) line[--l] = 0;
    if (s) print_redacted(s, "libmicrohttpd: ", line);
    else fprintf(stderr, "campaign-mock: libmicrohttpd: %s\n", line);
}

static double elapsed_ms(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) * 1e3 + (double)(now.tv_nsec - start->tv_nsec) / 1e6;
}

static const char *conn_header(void *cls, const char *name)
{
    return MHD_lookup_connection_value(cls, MHD_HEADER_KIND, name);
}

/* ---- sending ------------------------------------------------------------- */

/* Check the body as sent (its text, parsed again: the client's view,
 * U+0000 included) against the reply's response schema. */
static void self_check(const mock_server *s, const char *method, const char *url, const mock_reply *r,
                       const char *text)
{
    if (!s->opts.self_check || !r->schema || !text) return;
    json_error jerr;
    json_doc *doc = json_parse(text, strlen(text), NULL, NULL, &jerr);
    contract_report *rep = doc ? contract_report_new() : NULL;
    if (!rep) { json_doc_free(doc); return; }
    if (contract_check(s->app->contract, r->schema, doc->root, 0, rep) != 1) {
        for (size_t i = 0; i < contract_report_count(rep); i++) {
            const contract_finding *f = contract_report_get(rep, i);
            char line[1024];
            snprintf(line, sizeof line, "%s %s -> %d %s %s at \"%s\": %s",
                     method, url, r->status, f->undecided ? "cannot be checked against" : "violates", r->schema,
                     f->pointer ? f->pointer : "", f->message ? f->message : "");
            print_redacted(s, "self-check: ", line);
        }
    }
    contract_report_free(rep);
    json_doc_free(doc);
}

/* Queue r (whose body is freed here) on the connection. */
static enum MHD_Result send_reply(mock_server *s, struct MHD_Connection *conn, req_ctx *ctx,
                                  const char *method, const char *url, mock_reply *r,
                                  const char *allow)
{
    if (s->opts.latency_ms) {
        struct timespec d = { s->opts.latency_ms / 1000, (long)(s->opts.latency_ms % 1000) * 1000000L };
        while (nanosleep(&d, &d) != 0 && errno == EINTR) {}
    }
    mj_redact(r->body, s->opts.token);     /* the token never leaves the server */
    char *text = r->body ? mj_print(r->body) : NULL;
    self_check(s, method, url, r, text);
    cJSON_Delete(r->body);
    r->body = NULL;
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

/* ---- request handling ---------------------------------------------------- */

/* Every parameter, with its decoded length: one the handlers would read
 * cut at a %00, or one past MOCK_MAX_QUERY, is noted, never dropped
 * silently (query_reject answers it). */
static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
                                     const char *value, size_t value_size)
{
    (void)kind;
    mock_query *q = cls;
    if (!key) return MHD_YES;
    if (!q->nul_key && (strlen(key) != key_size || (value && strlen(value) != value_size))) q->nul_key = key;
    if (q->n == MOCK_MAX_QUERY) {
        q->too_many = 1;
        return MHD_YES;
    }
    q->key[q->n] = key;
    q->value[q->n] = value ? value : "";
    q->n++;
    return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)version;
    mock_server *s = cls;
    req_ctx *ctx = *con_cls;
    mock_query q = { 0 };
    mock_request rq = { method, url, conn_header, conn, &q };
    mock_reply r = { 500, NULL, NULL };
    if (!ctx) {
        ctx = calloc(1, sizeof *ctx);
        if (!ctx) return MHD_NO;
        clock_gettime(CLOCK_MONOTONIC, &ctx->start);
        *con_cls = ctx;
        const char *allow = NULL;
        uint64_t n = atomic_fetch_add(&s->seq, 1);
        if (mock_request_head(&s->policy, n, &rq, &ctx->target, &r, &allow)) {
            ctx->early = 1;
            return send_reply(s, conn, ctx, method, url, &r, allow);
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
        /* A body trickled in byte by byte never looks idle; bound the whole
         * upload so a slow client cannot hold a connection thread for ever.
         * (libmicrohttpd cannot queue an answer mid-upload: close instead.) */
        if (elapsed_ms(&ctx->start) > 1000.0 * s->idle_timeout_s) {
            log_line(s, "%s %s: request body still arriving after %u s, connection closed",
                     method, url, s->idle_timeout_s);
            return MHD_NO;
        }
        if (ctx->too_large || ctx->body.len + n > MOCK_MAX_BODY) {
            /* keep reading (and discarding) so the 413 can be sent */
            ctx->too_large = 1;
            sb_free(&ctx->body);
            return MHD_YES;
        }
        sb_append(&ctx->body, upload_data, n);
        return ctx->body.oom ? MHD_NO : MHD_YES;
    }
    ctx->early = 1;   /* from here on, nothing more to do for this request */
    MHD_get_connection_values_n(conn, MHD_GET_ARGUMENT_KIND, collect_query, &q);
    if (!query_reject(&q, &r))
        mock_request_body(s->app, &ctx->target, &rq, ctx->body.data, ctx->body.len, ctx->too_large, &r);
    return send_reply(s, conn, ctx, method, url, &r, NULL);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls; (void)conn; (void)toe;
    req_ctx *ctx = *con_cls;
    if (!ctx) return;
    sb_free(&ctx->body);
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
    s->policy.token = o->token;
    s->policy.fail_rate = o->fail_rate;
    s->policy.seed = o->seed;
    s->idle_timeout_s = o->idle_timeout_s ? o->idle_timeout_s : 30;
    atomic_init(&s->seq, 0);
    int v6 = 0;
    int fd = open_listener(o->host, o->port, &v6, err, errlen);
    if (fd < 0) { free(s); return NULL; }
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0)
        s->port = ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                                                 : ((struct sockaddr_in *)&ss)->sin_port);
    /* Without injected latency every request is short: a small pool of
     * epoll threads serves any number of connections with few context
     * switches.  With --latency-ms a handler sleeps, so each connection
     * gets its own thread and one slow answer never delays another. */
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned pool = ncpu < 1 ? 1 : ncpu > 8 ? 8 : (unsigned)ncpu;
    if (o->latency_ms) {
        flags |= MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL;
        pool = 0;
    } else {
        flags |= MHD_USE_EPOLL;
    }
    s->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s,
                                 MHD_OPTION_THREAD_POOL_SIZE, pool,
                                 MHD_OPTION_EXTERNAL_LOGGER, mhd_logger, s,
                                 MHD_OPTION_LISTEN_SOCKET, (MHD_socket)fd,
                                 MHD_OPTION_CONNECTION_TIMEOUT, s->idle_timeout_s,
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
