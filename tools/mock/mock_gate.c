/* mock_gate.c - the accept loop and head checks in front of the HTTP
 * library (see mock_gate.h for what and why).
 *
 * One thread owns the listening socket and an epoll set of the
 * connections still waiting for their first request head.  Connections
 * live in a table indexed by socket number, so the library's callbacks
 * find theirs without a search; the list of open ones (active) makes the
 * per-address count, the eviction choice and the deadline scan O(open
 * connections), at most max_connections plus the few being closed. */
#define _GNU_SOURCE               /* accept4, pipe2 */
#include "mock_gate.h"
#include "mock_api.h"
#include "mock_json.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <netinet/in.h>
#include <time.h>
#include <unistd.h>

#define HEAD_MAX (32 * 1024)      /* longest first request head */
#define TICK_MS 100               /* deadline scan period */
#define EAGER_PEEKS 8             /* peeks on arrival; then once a tick */
#define LINGER_MS 2000            /* reading after an answer from here */
#define LINGER_MAX (4L * 1024 * 1024)
#define ACCEPT_BATCH 256

enum { C_FREE, C_HEAD, C_LINGER, C_HANDED, C_SERVED };

struct gate_conn {
    int fd;
    int state;
    int evicted;                  /* shut down to make room; closing */
    int peeks;
    int dirty;                    /* data arrived, not yet looked at */
    struct sockaddr_storage addr;
    socklen_t addrlen;
    int64_t opened_ms;            /* C_HEAD: accepted; C_LINGER: deadline */
    int64_t last_data_ms;
    long drained;
    atomic_int_fast64_t waiting_since;   /* C_SERVED: when it began waiting for a head, 0 = in a request */
    size_t pos;                   /* index in active */
};

struct gate {
    gate_opts o;
    int listen_fd, ep, wake[2];
    pthread_t thread;
    int running;
    pthread_mutex_t lock;         /* active, nactive, evicting, states C_HANDED..C_FREE */
    gate_conn *conns;
    size_t nconns;
    int *active;
    size_t nactive;
    size_t evicting;
    int *scratch;                 /* the tick's list of sockets to act on */
    gate_handoff_fn handoff;
    gate_log_fn log;
    void *cls;
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 + 1;   /* never 0 */
}

static void logf_(gate *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void logf_(gate *g, const char *fmt, ...)
{
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    g->log(g->cls, line);
}

/* ---- the table (callers hold g->lock) ------------------------------------ */

static void add_active(gate *g, gate_conn *c)
{
    c->pos = g->nactive;
    g->active[g->nactive++] = c->fd;
}

static void remove_active(gate *g, gate_conn *c)
{
    int last = g->active[--g->nactive];
    g->active[c->pos] = last;
    g->conns[last].pos = c->pos;
    if (c->evicted) g->evicting--;
    c->state = C_FREE;
    c->evicted = 0;
}

/* Close a connection the gate holds (C_HEAD or C_LINGER). */
static void drop_locked(gate *g, gate_conn *c)
{
    close(c->fd);                 /* also leaves the epoll set */
    remove_active(g, c);
}

static void drop(gate *g, gate_conn *c)
{
    pthread_mutex_lock(&g->lock);
    drop_locked(g, c);
    pthread_mutex_unlock(&g->lock);
}

static int same_address(const struct sockaddr_storage *a, const struct sockaddr_storage *b)
{
    if (a->ss_family != b->ss_family) return 0;
    if (a->ss_family == AF_INET)
        return ((const struct sockaddr_in *)a)->sin_addr.s_addr == ((const struct sockaddr_in *)b)->sin_addr.s_addr;
    if (a->ss_family == AF_INET6)
        return memcmp(&((const struct sockaddr_in6 *)a)->sin6_addr, &((const struct sockaddr_in6 *)b)->sin6_addr,
                      sizeof(struct in6_addr)) == 0;
    return 1;
}

static unsigned count_address(const gate *g, const struct sockaddr_storage *addr)
{
    unsigned n = 0;
    for (size_t i = 0; i < g->nactive; i++) {
        const gate_conn *c = &g->conns[g->active[i]];
        n += !c->evicted && same_address(&c->addr, addr);
    }
    return n;
}

/* Close the connection that has waited longest for a request head (from
 * the address only, unless NULL): 1 when one was found. */
static int evict_one(gate *g, const struct sockaddr_storage *only)
{
    gate_conn *victim = NULL;
    int64_t oldest = INT64_MAX;
    for (size_t i = 0; i < g->nactive; i++) {
        gate_conn *c = &g->conns[g->active[i]];
        if (only && !same_address(&c->addr, only)) continue;
        int64_t since = c->state == C_HEAD ? c->opened_ms
                      : c->state == C_SERVED && !c->evicted ? atomic_load(&c->waiting_since) : 0;
        if (since && since < oldest) { oldest = since; victim = c; }
    }
    if (!victim) return 0;
    if (victim->state == C_HEAD) {
        drop_locked(g, victim);
    } else {
        /* the library owns it: shutting it down makes its next read fail,
         * and the library closes it (gate_closed) */
        shutdown(victim->fd, SHUT_RDWR);
        victim->evicted = 1;
        g->evicting++;
    }
    return 1;
}

/* ---- accepting ---------------------------------------------------------- */

static void head_check(gate *g, gate_conn *c, char *buf);

/* Admit or refuse a new socket; its entry, or NULL when refused. */
static gate_conn *admit(gate *g, int fd, const struct sockaddr_storage *addr, socklen_t len)
{
    pthread_mutex_lock(&g->lock);
    const char *why = NULL;
    if ((size_t)fd >= g->nconns) why = "no descriptor slot";
    else if (count_address(g, addr) >= g->o.max_per_address && !evict_one(g, addr))
        why = "--max-connections-per-address reached, every connection from there busy";
    else if (g->nactive - g->evicting >= g->o.max_connections && !evict_one(g, NULL))
        why = "--max-connections reached, every connection busy";
    if (why) {
        pthread_mutex_unlock(&g->lock);
        close(fd);
        logf_(g, "connection refused: %s", why);
        return NULL;
    }
    gate_conn *c = &g->conns[fd];
    memset(c, 0, sizeof *c);
    atomic_init(&c->waiting_since, 0);
    c->fd = fd;
    c->state = C_HEAD;
    c->addr = *addr;
    c->addrlen = len;
    c->opened_ms = c->last_data_ms = now_ms();
    add_active(g, c);
    pthread_mutex_unlock(&g->lock);
    return c;
}

/* Watch a connection the gate keeps.  Adding reports data that arrived
 * before, so nothing is missed between the first look and this. */
static void watch(gate *g, gate_conn *c)
{
    struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP | EPOLLET, .data.fd = c->fd };
    if (epoll_ctl(g->ep, EPOLL_CTL_ADD, c->fd, &ev) != 0) drop(g, c);
}

static void accept_batch(gate *g, char *buf)
{
    for (int i = 0; i < ACCEPT_BATCH; i++) {
        struct sockaddr_storage addr;
        socklen_t len = sizeof addr;
        int fd = accept4(g->listen_fd, (struct sockaddr *)&addr, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EMFILE || errno == ENFILE) logf_(g, "accept: %s", strerror(errno));
            return;
        }
        gate_conn *c = admit(g, fd, &addr, len);
        /* The head is often there already: look before watching, which
         * saves two epoll calls per connection when it is. */
        if (c) head_check(g, c, buf);
        if (c && (c->state == C_HEAD || c->state == C_LINGER)) watch(g, c);
    }
}

/* ---- the first request head ------------------------------------------- */

/* End of the head in buf[0..n) (just past the empty line), or NULL. */
static const char *head_end(const char *buf, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (buf[i] != '\n') continue;
        if (buf[i + 1] == '\n') return buf + i + 2;
        if (i + 2 < n && buf[i + 1] == '\r' && buf[i + 2] == '\n') return buf + i + 3;
    }
    return NULL;
}

enum { CL_OK, CL_BAD, CL_HUGE };

/* One Content-Length value (the text between the colon and the line
 * end); its number in *v. */
static int cl_value(const char *p, const char *end, uint64_t *v)
{
    while (p < end && (*p == ' ' || *p == '\t')) p++;
    while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r')) end--;
    if (p == end) return CL_BAD;
    int huge = 0;
    *v = 0;
    for (; p < end; p++) {
        if (*p < '0' || *p > '9') return CL_BAD;
        unsigned d = (unsigned)(*p - '0');
        if (*v > (UINT64_MAX / 2 - d) / 10) huge = 1;   /* over 2^63: no body is that long */
        else *v = *v * 10 + d;
    }
    return huge ? CL_HUGE : CL_OK;
}

/* Check every Content-Length line of the head [buf, end): CL_BAD for one
 * that is not a number or two that differ, CL_HUGE for an overflow. */
static int check_content_length(const char *buf, const char *end)
{
    static const char name[] = "content-length";
    int have = 0, verdict = CL_OK;
    uint64_t first = 0;
    for (const char *line = buf; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        if (!nl) break;
        size_t k = 0;
        while (k < sizeof name - 1 && line + k < nl && (line[k] | 0x20) == name[k]) k++;
        if (k == sizeof name - 1 && line + k < nl && line[k] == ':') {
            uint64_t v;
            int r = cl_value(line + k + 1, nl, &v);
            if (r == CL_BAD || (r == CL_OK && have && v != first)) return CL_BAD;
            if (r == CL_HUGE) verdict = CL_HUGE;
            else if (!have) { first = v; have = 1; }
        }
        line = nl + 1;
    }
    return verdict;
}

/* Read and drop what arrived on a lingering connection; close it at EOF
 * or past LINGER_MAX bytes. */
static void linger_read(gate *g, gate_conn *c)
{
    char buf[16384];
    for (;;) {
        ssize_t r = recv(c->fd, buf, sizeof buf, MSG_DONTWAIT);
        if (r > 0 && (c->drained += r) <= LINGER_MAX) continue;
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
        if (r < 0 && errno == EINTR) continue;
        drop(g, c);
        return;
    }
}

/* Answer from here, then read what the client still sends (C_LINGER). */
static void answer(gate *g, gate_conn *c, int status, const char *code, const char *message)
{
    mock_reply r = { status, NULL, NULL };
    reply_error(&r, status, code, NULL, NULL, "%s", message);
    char *body = r.body ? mj_print(r.body) : NULL;
    cJSON_Delete(r.body);
    const char *reason = status == 400 ? "Bad Request" : status == 413 ? "Content Too Large"
                       : "Request Header Fields Too Large";
    char head[256];
    int n = snprintf(head, sizeof head, "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\n"
                     "Content-Length: %zu\r\nConnection: close\r\n\r\n", status, reason, body ? strlen(body) : 0);
    /* small enough for an empty socket buffer: one non-blocking send each */
    if (send(c->fd, head, (size_t)n, MSG_NOSIGNAL | MSG_DONTWAIT) == n && body)
        send(c->fd, body, strlen(body), MSG_NOSIGNAL | MSG_DONTWAIT);
    free(body);
    shutdown(c->fd, SHUT_WR);
    logf_(g, "request refused before reading: %d %s: %s", status, code, message);
    c->state = C_LINGER;
    c->opened_ms = now_ms() + LINGER_MS;
    linger_read(g, c);            /* what is there already sends no new event */
}

/* Look at what arrived on a C_HEAD connection (without consuming it) and
 * move it on when its head is complete. */
static void head_check(gate *g, gate_conn *c, char *buf)
{
    c->peeks++;
    c->dirty = 0;
    ssize_t n = recv(c->fd, buf, HEAD_MAX, MSG_PEEK | MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
    if (n <= 0) { drop(g, c); return; }
    const char *end = head_end(buf, (size_t)n);
    if (!end) {
        if (n == HEAD_MAX)
            answer(g, c, 431, "VALIDATION_ERROR", "the request head is over 32768 bytes");
        return;
    }
    int cl = check_content_length(buf, end);
    if (cl == CL_BAD) {
        answer(g, c, 400, "VALIDATION_ERROR",
               "invalid Content-Length header: expected one decimal number of bytes (one value if repeated)");
        return;
    }
    if (cl == CL_HUGE) {
        answer(g, c, 413, "PAYLOAD_TOO_LARGE", "request body is over the limit of 1048576 bytes");
        return;
    }
    epoll_ctl(g->ep, EPOLL_CTL_DEL, c->fd, NULL);    /* ENOENT when not watched yet */
    pthread_mutex_lock(&g->lock);
    c->state = C_HANDED;
    pthread_mutex_unlock(&g->lock);
    int fd = c->fd;
    struct sockaddr_storage addr = c->addr;
    /* outside the lock: the library may call gate_served from this thread */
    if (g->handoff(g->cls, fd, (const struct sockaddr *)&addr, c->addrlen) != 0) {
        pthread_mutex_lock(&g->lock);
        if (c->state == C_HANDED) remove_active(g, c);   /* the library closed the socket */
        pthread_mutex_unlock(&g->lock);
        logf_(g, "the HTTP library refused a connection");
    }
}

static void on_event(gate *g, int fd, char *buf)
{
    if ((size_t)fd >= g->nconns) return;
    gate_conn *c = &g->conns[fd];
    if (c->state == C_LINGER) { linger_read(g, c); return; }
    if (c->state != C_HEAD) return;
    c->last_data_ms = now_ms();
    /* A client that sends its head in many pieces is looked at once a
     * tick, not at every piece: a peek copies the whole head so far, and
     * one byte per segment would otherwise cost O(head^2) copying. */
    if (c->peeks >= EAGER_PEEKS) c->dirty = 1;
    else head_check(g, c, buf);
}

/* ---- deadlines ---------------------------------------------------------- */

/* Under the lock: mark what is due; returns how many sockets in
 * g->scratch need work outside the lock. */
static size_t scan_due(gate *g, int64_t now)
{
    size_t n = 0;
    for (size_t i = 0; i < g->nactive; i++) {
        gate_conn *c = &g->conns[g->active[i]];
        if (c->state == C_HEAD || c->state == C_LINGER) {
            g->scratch[n++] = c->fd;
        } else if (c->state == C_SERVED && !c->evicted) {
            int64_t since = atomic_load(&c->waiting_since);
            if (since && now - since > g->o.header_timeout_ms) {
                shutdown(c->fd, SHUT_RDWR);   /* the library closes it */
                c->evicted = 1;
                g->evicting++;
            }
        }
    }
    return n;
}

static void tick(gate *g, char *buf)
{
    int64_t now = now_ms();
    pthread_mutex_lock(&g->lock);
    size_t n = scan_due(g, now);
    pthread_mutex_unlock(&g->lock);
    for (size_t i = 0; i < n; i++) {
        gate_conn *c = &g->conns[g->scratch[i]];
        if (c->state == C_LINGER) {
            if (now > c->opened_ms) drop(g, c);
        } else if (now - c->opened_ms > g->o.header_timeout_ms || now - c->last_data_ms > g->o.idle_timeout_ms) {
            drop(g, c);
        } else if (c->dirty) {
            head_check(g, c, buf);
        }
    }
}

static void *gate_main(void *arg)
{
    gate *g = arg;
    char *buf = malloc(HEAD_MAX);
    if (!buf) { logf_(g, "out of memory: not accepting"); return NULL; }
    struct epoll_event evs[64];
    int64_t last_tick = now_ms();
    for (;;) {
        int n = epoll_wait(g->ep, evs, 64, TICK_MS);
        for (int i = 0; i < n; i++) {
            int fd = evs[i].data.fd;
            if (fd == g->wake[0]) { free(buf); return NULL; }
            if (fd == g->listen_fd) accept_batch(g, buf);
            else on_event(g, fd, buf);
        }
        if (now_ms() - last_tick >= TICK_MS) {
            tick(g, buf);
            last_tick = now_ms();
        }
    }
}

/* ---- start / stop ------------------------------------------------------ */

int gate_start(const gate_opts *o, int listen_fd, gate_handoff_fn handoff, gate_log_fn log, void *cls,
               gate **out, char *err, size_t errlen)
{
    gate *g = calloc(1, sizeof *g);
    struct rlimit rl;
    *out = NULL;
    if (!g) { snprintf(err, errlen, "out of memory"); return -1; }
    g->o = *o;
    g->listen_fd = listen_fd;
    g->handoff = handoff;
    g->log = log;
    g->cls = cls;
    g->wake[0] = g->wake[1] = -1;
    /* one entry per possible socket number (lowest free numbers are used,
     * so they stay below the open count plus a few): the descriptor limit,
     * but no more than needed for max_connections, with room to spare */
    size_t enough = (size_t)o->max_connections * 2 + 1024;
    if (enough < 65536) enough = 65536;
    g->nconns = getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < enough
              ? (size_t)rl.rlim_cur : enough;
    g->conns = calloc(g->nconns, sizeof *g->conns);
    g->active = calloc(g->nconns, sizeof *g->active);
    g->scratch = calloc(g->nconns, sizeof *g->scratch);
    g->ep = epoll_create1(EPOLL_CLOEXEC);
    pthread_mutex_init(&g->lock, NULL);
    struct epoll_event lev = { .events = EPOLLIN, .data.fd = listen_fd };
    struct epoll_event wev = { .events = EPOLLIN };
    int fl = fcntl(listen_fd, F_GETFL);     /* accept_batch accepts until EAGAIN */
    int ok = g->conns && g->active && g->scratch && g->ep >= 0 && pipe2(g->wake, O_CLOEXEC) == 0 &&
             fl >= 0 && fcntl(listen_fd, F_SETFL, fl | O_NONBLOCK) == 0;
    if (ok) wev.data.fd = g->wake[0];
    ok = ok && epoll_ctl(g->ep, EPOLL_CTL_ADD, listen_fd, &lev) == 0 &&
         epoll_ctl(g->ep, EPOLL_CTL_ADD, g->wake[0], &wev) == 0;
    if (ok) {
        *out = g;
        g->running = 1;
        ok = pthread_create(&g->thread, NULL, gate_main, g) == 0;
    }
    if (!ok) {
        snprintf(err, errlen, "cannot start the accept thread: %s", strerror(errno));
        *out = NULL;
        g->running = 0;
        g->listen_fd = -1;
        gate_free(g);
        return -1;
    }
    return 0;
}

gate_conn *gate_served(gate *g, int fd)
{
    gate_conn *c = NULL;
    pthread_mutex_lock(&g->lock);
    if (fd >= 0 && (size_t)fd < g->nconns && g->conns[fd].state == C_HANDED) {
        c = &g->conns[fd];
        atomic_store(&c->waiting_since, 0);
        c->state = C_SERVED;
    }
    pthread_mutex_unlock(&g->lock);
    return c;
}

void gate_closed(gate *g, gate_conn *c)
{
    if (!c) return;
    pthread_mutex_lock(&g->lock);
    if (c->state == C_SERVED) remove_active(g, c);
    pthread_mutex_unlock(&g->lock);
}

void gate_request_began(gate_conn *c)
{
    if (c) atomic_store(&c->waiting_since, 0);
}

void gate_request_ended(gate_conn *c)
{
    if (c) atomic_store(&c->waiting_since, now_ms());
}

void gate_stop(gate *g)
{
    if (!g || !g->running) return;
    g->running = 0;
    while (write(g->wake[1], "x", 1) < 0 && errno == EINTR) {}
    pthread_join(g->thread, NULL);
    pthread_mutex_lock(&g->lock);
    for (size_t i = g->nactive; i-- > 0;) {
        gate_conn *c = &g->conns[g->active[i]];
        if (c->state == C_HEAD || c->state == C_LINGER) drop_locked(g, c);
    }
    pthread_mutex_unlock(&g->lock);
}

void gate_free(gate *g)
{
    if (!g) return;
    gate_stop(g);
    if (g->listen_fd >= 0) close(g->listen_fd);
    if (g->ep >= 0) close(g->ep);
    if (g->wake[0] >= 0) close(g->wake[0]);
    if (g->wake[1] >= 0) close(g->wake[1]);
    pthread_mutex_destroy(&g->lock);
    free(g->conns);
    free(g->active);
    free(g->scratch);
    free(g);
}
