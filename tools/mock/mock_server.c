/* mock_server.c - libmicrohttpd plumbing: connections, reading bodies,
 * sending replies, the request log (see mock_server.h); the checks and
 * the dispatch live in mock_request.c, accepting and the connection
 * bounds in mock_gate.c. */
#include "mock_server.h"
#include "mock_gate.h"
#include "mock_json.h"
#include "campaign/strbuf.h"

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
#include <pthread.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* How much of a request body is read (and dropped) so that an answer
 * given before the body (413, 401, ...) reaches a client that writes its
 * whole body before reading, as Python's urllib does: closing with
 * unread bytes makes the kernel send a reset, and the client sees
 * "connection reset" or a broken pipe instead of the answer.  8 MiB is
 * 8 times the body limit; on loopback it takes milliseconds.  A longer
 * body is cut off (the connection closed), and the body deadline
 * (--idle-timeout after the head) bounds the time. */
#define MOCK_DRAIN_MAX (8L * 1024 * 1024)

struct mock_server {
    struct MHD_Daemon *daemon;
    gate *gate;
    mock_server_opts opts;
    mock_policy policy;
    const mock_app *app;
    unsigned port;
    unsigned idle_timeout_s;
    atomic_uint_fast64_t seq;   /* request counter for fault injection */
    /* --latency-ms sleeps wait on this, so a stop wakes them at once */
    pthread_mutex_t sleep_lock;
    pthread_cond_t sleep_cond;
    int stopping;               /* under sleep_lock */
};

/* Per-request state, from the first call of the access handler to the
 * completion notification. */
typedef struct req_ctx {
    mock_target target;
    int early;              /* answered on the first call (no body read) */
    int deferred;           /* that answer waits in reply until the body is read */
    mock_reply reply;
    const char *allow;
    strbuf body;            /* the upload so far */
    int too_large;
    long received;          /* body bytes read, kept or not */
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

/* Wait --latency-ms, or less when the server is stopping (so a stop never
 * waits for injected latency). */
static void latency_sleep(mock_server *s)
{
    if (!s->opts.latency_ms) return;
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += s->opts.latency_ms / 1000;
    until.tv_nsec += (long)(s->opts.latency_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) { until.tv_sec++; until.tv_nsec -= 1000000000L; }
    pthread_mutex_lock(&s->sleep_lock);
    while (!s->stopping && pthread_cond_timedwait(&s->sleep_cond, &s->sleep_lock, &until) != ETIMEDOUT) {}
    pthread_mutex_unlock(&s->sleep_lock);
}

/* Check the body as sent (its text, parsed again: the client's view,
 * U+0000 included) against the reply's response schema. */
static void self_check(const mock_server *s, const char *method, const char *url, const mock_reply *r,
                       const char *text)
{
    if (!s->opts.self_check || !r->schema || !text) return;
    contract_report *rep = contract_report_new();
    if (!rep) return;
    int ok = contract_check_text(s->app->contract, r->schema, text, strlen(text), CONTRACT_ALLOW_DUPLICATES,
                                 rep, NULL);
    if (ok != 1 && ok != CONTRACT_MALFORMED) {
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
}

/* Queue r (whose body is freed here) on the connection. */
static enum MHD_Result send_reply(mock_server *s, struct MHD_Connection *conn, req_ctx *ctx,
                                  const char *method, const char *url, mock_reply *r,
                                  const char *allow)
{
    latency_sleep(s);
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

static gate_conn *conn_gate(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

/* Whether an answer given before the body should wait until the body is
 * read (see MOCK_DRAIN_MAX): there is a body, the client is sending it
 * now (it did not ask "Expect: 100-continue", which means it waits), and
 * it is declared no longer than what is worth reading. */
static int defer_early_answer(struct MHD_Connection *conn)
{
    const char *expect = conn_header(conn, MHD_HTTP_HEADER_EXPECT);
    if (expect && strcasecmp(expect, "100-continue") == 0) return 0;
    const char *te = conn_header(conn, MHD_HTTP_HEADER_TRANSFER_ENCODING);
    if (te) return 1;
    const char *cl = conn_header(conn, MHD_HTTP_HEADER_CONTENT_LENGTH);
    unsigned long long declared = cl ? strtoull(cl, NULL, 10) : 0;
    return declared > 0 && declared <= (unsigned long long)MOCK_DRAIN_MAX;
}

/* The first call for a request: the checks on the head. */
static enum MHD_Result request_head(mock_server *s, struct MHD_Connection *conn, const char *url,
                                    const char *method, void **con_cls)
{
    mock_query q = { 0 };
    mock_request rq = { method, url, conn_header, conn, &q };
    req_ctx *ctx = calloc(1, sizeof *ctx);
    if (!ctx) return MHD_NO;
    gate_request_began(conn_gate(conn));
    clock_gettime(CLOCK_MONOTONIC, &ctx->start);
    *con_cls = ctx;
    uint64_t n = atomic_fetch_add(&s->seq, 1);
    if (!mock_request_head(&s->policy, n, &rq, &ctx->target, &ctx->reply, &ctx->allow)) return MHD_YES;
    ctx->early = 1;
    if (defer_early_answer(conn)) {
        ctx->deferred = 1;
        return MHD_YES;
    }
    return send_reply(s, conn, ctx, method, url, &ctx->reply, ctx->allow);
}

/* A piece of the body: kept up to the limit, dropped past it (or when
 * the answer is known already), and the connection closed past
 * MOCK_DRAIN_MAX or the body deadline. */
static enum MHD_Result request_upload(mock_server *s, req_ctx *ctx, const char *url, const char *method,
                                      const char *data, size_t n)
{
    /* A body trickled in byte by byte never looks idle; bound the whole
     * upload so a slow client cannot hold a connection for ever.
     * (libmicrohttpd cannot queue an answer mid-upload: close instead.) */
    if (elapsed_ms(&ctx->start) > 1000.0 * s->idle_timeout_s) {
        log_line(s, "%s %s: request body still arriving after %u s, connection closed",
                 method, url, s->idle_timeout_s);
        return MHD_NO;
    }
    ctx->received += (long)n;
    if (ctx->received > MOCK_DRAIN_MAX) {
        log_line(s, "%s %s: request body over %ld bytes, connection closed", method, url, MOCK_DRAIN_MAX);
        return MHD_NO;
    }
    if (ctx->early) return MHD_YES;          /* answered already: drop it */
    if (ctx->too_large || ctx->body.len + n > MOCK_MAX_BODY) {
        /* keep reading (and discarding) so the 413 can be sent */
        ctx->too_large = 1;
        sb_free(&ctx->body);
        return MHD_YES;
    }
    sb_append(&ctx->body, data, n);
    return ctx->body.oom ? MHD_NO : MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)version;
    mock_server *s = cls;
    req_ctx *ctx = *con_cls;
    if (!ctx) return request_head(s, conn, url, method, con_cls);
    if (*upload_data_size) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        return request_upload(s, ctx, url, method, upload_data, n);
    }
    if (ctx->deferred) {          /* the body is read: now the early answer */
        ctx->deferred = 0;
        return send_reply(s, conn, ctx, method, url, &ctx->reply, ctx->allow);
    }
    if (ctx->early) return MHD_YES;
    ctx->early = 1;   /* from here on, nothing more to do for this request */
    mock_query q = { 0 };
    mock_request rq = { method, url, conn_header, conn, &q };
    mock_reply r = { 500, NULL, NULL };
    MHD_get_connection_values_n(conn, MHD_GET_ARGUMENT_KIND, collect_query, &q);
    if (!query_reject(&q, &r))
        mock_request_body(s->app, &ctx->target, &rq, ctx->body.data, ctx->body.len, ctx->too_large, &r);
    return send_reply(s, conn, ctx, method, url, &r, NULL);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls; (void)toe;
    gate_request_ended(conn_gate(conn));
    req_ctx *ctx = *con_cls;
    if (!ctx) return;
    cJSON_Delete(ctx->reply.body);      /* an answer never sent */
    sb_free(&ctx->body);
    free(ctx);
    *con_cls = NULL;
}

/* Tell the gate which connections the library serves and when it closes
 * them (before it closes the socket, so the number is not reused yet). */
static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    mock_server *s = cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        *socket_context = ci ? gate_served(s->gate, ci->connect_fd) : NULL;
    } else {
        gate_closed(s->gate, *socket_context);
        *socket_context = NULL;
    }
}

static int hand_over(void *cls, int fd, const struct sockaddr *addr, socklen_t addrlen)
{
    mock_server *s = cls;
    return MHD_add_connection(s->daemon, fd, addr, addrlen) == MHD_YES ? 0 : -1;
}

static void gate_log(void *cls, const char *line)
{
    log_line(cls, "%s", line);
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
    if (bind(fd, res->ai_addr, res->ai_addrlen) != 0 || listen(fd, 1024) != 0) {
        snprintf(err, errlen, "cannot listen on %s:%u: %s", host, port, strerror(errno));
        close(fd);
        freeaddrinfo(res);
        return -1;
    }
    *is_v6 = res->ai_family == AF_INET6;
    freeaddrinfo(res);
    return fd;
}

/* Descriptors for max connections (plus the few the process needs):
 * raise the soft limit if it is lower; when the hard limit forbids it,
 * fewer connections are allowed (said in the log).  Returns the bound. */
static unsigned fit_fd_limit(const mock_server *s, unsigned max)
{
    const rlim_t spare = 64;
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY) return max;
    rlim_t need = (rlim_t)max + max / 4 + spare;
    if (rl.rlim_cur < need) {
        rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > need ? need : rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        getrlimit(RLIMIT_NOFILE, &rl);
    }
    if (rl.rlim_cur >= need) return max;
    unsigned fit = rl.rlim_cur > 2 * spare ? (unsigned)((rl.rlim_cur - spare) * 4 / 5) : 16;
    log_line(s, "only %u connections fit in the descriptor limit of %llu (--max-connections %u)",
             fit, (unsigned long long)rl.rlim_cur, max);
    return fit;
}

static struct MHD_Daemon *start_daemon(mock_server *s, int v6, unsigned max_conns)
{
    /* Without injected latency every request is short: a small pool of
     * epoll threads serves any number of connections with few context
     * switches.  With --latency-ms a handler sleeps, so each connection
     * gets its own thread and one slow answer never delays another.
     * Connections come from the gate (mock_gate.h), not from a listening
     * socket of the library's.  Its connection limit is only a backstop
     * above the gate's (it is split among the pool threads). */
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | MHD_USE_NO_LISTEN_SOCKET |
                     MHD_USE_ITC | (v6 ? MHD_USE_IPv6 : 0);
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned pool = ncpu < 1 ? 1 : ncpu > 8 ? 8 : (unsigned)ncpu;
    if (s->opts.latency_ms) {
        flags |= MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL;
        pool = 0;
    } else {
        flags |= MHD_USE_EPOLL;
    }
    return MHD_start_daemon(flags, 0, NULL, NULL, on_request, s,
                            MHD_OPTION_EXTERNAL_LOGGER, mhd_logger, s,
                            MHD_OPTION_THREAD_POOL_SIZE, pool,
                            MHD_OPTION_CONNECTION_TIMEOUT, s->idle_timeout_s,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
                            MHD_OPTION_CONNECTION_LIMIT, 2 * max_conns + 64,
                            MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
                            MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
                            MHD_OPTION_END);
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
    pthread_mutex_init(&s->sleep_lock, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&s->sleep_cond, &ca);
    pthread_condattr_destroy(&ca);
    gate_opts go = {
        .max_connections = o->max_connections ? o->max_connections : 1024,
        .max_per_address = o->max_per_address ? o->max_per_address : 128,
        .header_timeout_ms = 1000 * (o->header_timeout_s ? o->header_timeout_s : 10),
        .idle_timeout_ms = 1000 * s->idle_timeout_s,
    };
    go.max_connections = fit_fd_limit(s, go.max_connections);
    int v6 = 0;
    int fd = open_listener(o->host, o->port, &v6, err, errlen);
    if (fd < 0) { server_stop(s); return NULL; }
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0)
        s->port = ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                                                 : ((struct sockaddr_in *)&ss)->sin_port);
    s->daemon = start_daemon(s, v6, go.max_connections);
    if (!s->daemon) {
        snprintf(err, errlen, "cannot listen on %s:%u: libmicrohttpd failed to start", o->host, o->port);
        close(fd);
        server_stop(s);
        return NULL;
    }
    if (gate_start(&go, fd, hand_over, gate_log, s, &s->gate, err, errlen) != 0) {
        close(fd);
        server_stop(s);
        return NULL;
    }
    return s;
}

unsigned server_port(const mock_server *s)
{
    return s->port;
}

/* Order matters: wake the latency sleeps, stop accepting (the gate),
 * stop the library (it closes its connections, telling the gate), and
 * only then free the gate's table. */
void server_stop(mock_server *s)
{
    if (!s) return;
    pthread_mutex_lock(&s->sleep_lock);
    s->stopping = 1;
    pthread_cond_broadcast(&s->sleep_cond);
    pthread_mutex_unlock(&s->sleep_lock);
    gate_stop(s->gate);
    if (s->daemon) MHD_stop_daemon(s->daemon);
    gate_free(s->gate);
    pthread_cond_destroy(&s->sleep_cond);
    pthread_mutex_destroy(&s->sleep_lock);
    free(s);
}
