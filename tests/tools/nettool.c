/* nettool.c - misbehaving HTTP peers for the fault and slow-client tests.
 *
 * Built by the test scripts that need it (cc -o nettool nettool.c), so the
 * tests depend on nothing beyond a C compiler: no python, no curl.
 * Everything talks to 127.0.0.1 only.
 *
 * Every client command takes an optional source range first:
 *   nettool [-s ADDR[+K]] COMMAND ...
 * binds client sockets to ADDR, or to K consecutive addresses from ADDR
 * in turn (127.0.0.2+40: 127.0.0.2 .. 127.0.0.41), so one process can
 * play clients of other addresses than the ordinary 127.0.0.1 (all of
 * 127.0.0.0/8 is loopback on Linux).
 *
 *   nettool get PORT PATH [TOKEN]
 *       GET PATH (Connection: close); the body on stdout; exit 0 on 2xx.
 *   nettool idle PORT N SECONDS READYFILE
 *       open N connections, send an incomplete request head on each and
 *       go quiet; write "ready" to READYFILE once all are open; after at
 *       most SECONDS print "idle: N opened, K closed by the server".
 *   nettool trickle PORT TOKEN INTERVAL_MS MAX_SECONDS
 *       PUT a 100000-byte body declared up front, one byte every
 *       INTERVAL_MS; print "trickle: closed by the server after S s, B
 *       bytes sent" (exit 0) or "trickle: still open after MAX_SECONDS s"
 *       (exit 1).
 *   nettool trickle-head PORT INTERVAL_MS MAX_SECONDS
 *       send a request head one byte every INTERVAL_MS (slowloris).
 *   nettool trickle-heads PORT N INTERVAL_MS MAX_SECONDS READYFILE
 *       N slowloris connections at once: one more head byte on each every
 *       INTERVAL_MS (the head never ends); "ready" to READYFILE once all
 *       are open; prints "trickle-heads: N opened, K closed by the server,
 *       the last after S s" when all are closed or after MAX_SECONDS.
 *   nettool trickle-next PORT TOKEN INTERVAL_MS MAX_SECONDS
 *       one whole GET on a kept-alive connection, its answer read, then
 *       the next request head one byte every INTERVAL_MS; prints
 *       "trickle-next: closed by the server after S s" (S counted from the
 *       answer) or "trickle-next: still open after MAX_SECONDS s" (exit 1).
 *   nettool raw PORT SECONDS
 *       send stdin as it is, then print every byte received until the
 *       server closes or SECONDS pass (a reply to a malformed request).
 *   nettool big-body PORT TOKEN BYTES length|chunked
 *       PUT a BYTES body, declared with Content-Length or chunked, written
 *       whole before reading anything (as Python's urllib does), then read
 *       the answer; prints it (head and body) on stdout and on stderr
 *       "big-body: sent B bytes, got a complete answer" or why not; exit 0
 *       only when every byte was sent and a whole answer came back.
 *   nettool serve MODE [N]
 *       an HTTP server on a free port; prints "listening on
 *       http://127.0.0.1:PORT" and serves one connection at a time:
 *         huge        200 with a 100 MB JSON body (Content-Length)
 *         huge-chunk  the same, chunked (size unknown up front)
 *         stall       reads the request, never answers
 *         stall-body  sends the head and 10 of 1000 body bytes, then stalls
 *         headers     a status line, then header lines without end
 *         garbage     bytes that are not HTTP, then closes
 *         ok-exit N   answers N requests with an empty campaign list, then
 *                     exits (the endpoint goes away mid-run)
 *         file PATH   answers every request with 200 and the bytes of PATH
 *                     as an application/json body (a hostile server's
 *                     echo, for the redaction tests)
 *         seq DIR     answers the k-th request (from 1, over every
 *                     connection) with DIR/k: its first line the status,
 *                     the rest the application/json body; past the last
 *                     file, 500 (a server that says one thing and shows
 *                     another, for the read-back tests) */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_ms(long ms)
{
    struct timespec d = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&d, &d) != 0 && errno == EINTR) {}
}

/* Where client sockets come from: K addresses from first (K = 0: let
 * the kernel choose). */
typedef struct source {
    struct in_addr first;
    unsigned count;
} source;

/* Connect to 127.0.0.1:port from the i-th address of src. */
static int connect_from(const source *src, unsigned i, int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    if (src && src->count) {
        a.sin_addr.s_addr = htonl(ntohl(src->first.s_addr) + i % src->count);
        if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0) { close(fd); return -1; }
    }
    a.sin_port = htons((unsigned short)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) { close(fd); return -1; }
    return fd;
}

static int connect_port(int port)
{
    return connect_from(NULL, 0, port);
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0) { if (errno == EINTR) continue; return -1; }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* 1 when the peer closed (EOF or reset) within ms, 0 when not. */
static int peer_closed(int fd, int ms)
{
    struct pollfd p = { fd, POLLIN, 0 };
    if (poll(&p, 1, ms) <= 0) return 0;
    char buf[4096];
    ssize_t r = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
    return r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

/* ---- clients ------------------------------------------------------------ */

static int cmd_get(const source *src, int port, const char *path, const char *token)
{
    int fd = connect_from(src, 0, port);
    if (fd < 0) { perror("connect"); return 2; }
    char req[4096];
    snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n%s%s%s\r\n",
             path, token ? "Authorization: Bearer " : "", token ? token : "", token ? "\r\n" : "");
    if (write_all(fd, req, strlen(req)) != 0) { perror("send"); return 2; }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf) return 2;
        if (n == cap) { char *nb = realloc(buf, cap *= 2); if (!nb) { free(buf); return 2; } buf = nb; }
        ssize_t r = recv(fd, buf + n, cap - n, 0);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        n += (size_t)r;
    }
    close(fd);
    int status = 0;
    sscanf(buf, "HTTP/1.%*d %d", &status);
    const char *body = NULL;
    for (size_t i = 0; i + 3 < n; i++)
        if (memcmp(buf + i, "\r\n\r\n", 4) == 0) { body = buf + i + 4; break; }
    if (body) fwrite(body, 1, n - (size_t)(body - buf), stdout);
    free(buf);
    return status >= 200 && status < 300 ? 0 : 1;
}

static int cmd_idle(const source *src, int port, int n, int seconds, const char *ready)
{
    int *fds = calloc((size_t)n, sizeof *fds);
    int *closed = calloc((size_t)n, sizeof *closed);
    if (!fds || !closed) return 2;
    int opened = 0;
    static const char head[] = "GET /api/v2/buyer/campaigns HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (int i = 0; i < n; i++) {
        fds[i] = connect_from(src, (unsigned)i, port);
        if (fds[i] >= 0 && write_all(fds[i], head, sizeof head - 1) == 0) opened++;
    }
    FILE *f = fopen(ready, "w");
    if (f) { fputs("ready\n", f); fclose(f); }
    double start = now();
    int nclosed = 0;
    while (nclosed < opened && now() - start < seconds) {
        for (int i = 0; i < n; i++)
            if (fds[i] >= 0 && !closed[i] && peer_closed(fds[i], 0)) { closed[i] = 1; nclosed++; }
        sleep_ms(100);
    }
    printf("idle: %d opened, %d closed by the server after %.1f s\n", opened, nclosed, now() - start);
    fflush(stdout);
    for (int i = 0; i < n; i++) if (fds[i] >= 0) close(fds[i]);
    free(fds);
    free(closed);
    return 0;
}

static int cmd_trickle(int port, const char *token, int interval, int max_s)
{
    int fd = connect_port(port);
    if (fd < 0) { perror("connect"); return 2; }
    char req[1024];
    snprintf(req, sizeof req, "PUT /api/v2/buyer/campaigns/cmp_000001 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
             "Authorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n", token);
    if (write_all(fd, req, strlen(req)) != 0) { perror("send"); return 2; }
    double start = now();
    long sent = 0;
    while (now() - start < max_s) {
        if (peer_closed(fd, interval) || write_all(fd, " ", 1) != 0) {
            printf("trickle: closed by the server after %.1f s, %ld bytes sent\n", now() - start, sent);
            close(fd);
            return 0;
        }
        sent++;
    }
    printf("trickle: still open after %d s, %ld bytes sent\n", max_s, sent);
    close(fd);
    return 1;
}

static int cmd_trickle_head(const source *src, int port, int interval, int max_s)
{
    int fd = connect_from(src, 0, port);
    if (fd < 0) { perror("connect"); return 2; }
    static const char head[] = "GET /api/v2/buyer/campaigns HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    double start = now();
    size_t i = 0;
    while (now() - start < max_s && i < sizeof head - 1) {
        if (peer_closed(fd, interval) || write_all(fd, head + i, 1) != 0) {
            printf("trickle-head: closed by the server after %.1f s\n", now() - start);
            close(fd);
            return 0;
        }
        i++;
    }
    printf("trickle-head: %zu bytes sent in %.1f s\n", i, now() - start);
    close(fd);
    return 0;
}

/* ---- server ------------------------------------------------------------- */


/* The declared Content-Length in a request head (0 when none). */
static long content_length(const char *head, const char *end)
{
    static const char name[] = "\r\ncontent-length:";
    for (const char *p = head; p + sizeof name - 1 < end; p++) {
        size_t i = 0;
        while (i < sizeof name - 1 && tolower((unsigned char)p[i]) == name[i]) i++;
        if (i == sizeof name - 1) return strtol(p + i, NULL, 10);
    }
    return 0;
}

/* Read a request head and its Content-Length body (discarded).  0 when a
 * whole request arrived, -1 when the client went away. */
static int read_request(int fd)
{
    char buf[65536];
    size_t n = 0;
    for (;;) {
        ssize_t r = recv(fd, buf + n, sizeof buf - 1 - n, 0);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        n += (size_t)r;
        buf[n] = 0;
        char *end = strstr(buf, "\r\n\r\n");
        if (end) {
            long want = content_length(buf, end);
            long have = (long)(n - (size_t)(end + 4 - buf));
            while (have < want) {
                r = recv(fd, buf, sizeof buf, 0);
                if (r <= 0) return -1;
                have += r;
            }
            return 0;
        }
        if (n >= sizeof buf - 1) return -1;
    }
}

static int cmd_trickle_heads(const source *src, int port, int n, int interval, int max_s, const char *ready)
{
    int *fds = calloc((size_t)n, sizeof *fds);
    if (!fds) return 2;
    static const char head[] = "GET /api/v2/buyer/campaigns HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
    int opened = 0, nclosed = 0;
    for (int i = 0; i < n; i++) {
        fds[i] = connect_from(src, (unsigned)i, port);
        if (fds[i] >= 0) opened++;
    }
    FILE *f = fopen(ready, "w");
    if (f) { fputs("ready\n", f); fclose(f); }
    double start = now(), last = 0;
    for (size_t k = 0; nclosed < opened && now() - start < max_s; k++) {
        char c = k < sizeof head - 1 ? head[k] : 'a';   /* the header value never ends */
        for (int i = 0; i < n; i++) {
            if (fds[i] < 0) continue;
            if (peer_closed(fds[i], 0) || write_all(fds[i], &c, 1) != 0) {
                close(fds[i]);
                fds[i] = -1;
                nclosed++;
                last = now() - start;
            }
        }
        sleep_ms(interval);
    }
    printf("trickle-heads: %d opened, %d closed by the server, the last after %.1f s\n", opened, nclosed, last);
    for (int i = 0; i < n; i++) if (fds[i] >= 0) close(fds[i]);
    free(fds);
    return 0;
}

static int cmd_trickle_next(const source *src, int port, const char *token, int interval, int max_s)
{
    int fd = connect_from(src, 0, port);
    if (fd < 0) { perror("connect"); return 2; }
    char req[512];
    snprintf(req, sizeof req, "GET /api/v2/buyer/campaigns HTTP/1.1\r\nHost: 127.0.0.1\r\n"
             "Authorization: Bearer %s\r\n\r\n", token);
    char buf[65536];
    size_t n = 0;
    if (write_all(fd, req, strlen(req)) != 0) { perror("send"); return 2; }
    while (n < sizeof buf && !strstr(buf, "\"total\"")) {   /* the list answer ends with its total */
        ssize_t r = recv(fd, buf + n, sizeof buf - 1 - n, 0);
        if (r <= 0) { fprintf(stderr, "trickle-next: no answer to the first request\n"); return 2; }
        n += (size_t)r;
        buf[n] = 0;
    }
    static const char head[] = "GET /api/v2/buyer/campaigns HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
    double start = now();
    for (size_t k = 0; now() - start < max_s; k++) {
        char c = k < sizeof head - 1 ? head[k] : 'a';
        if (peer_closed(fd, interval) || write_all(fd, &c, 1) != 0) {
            printf("trickle-next: closed by the server after %.1f s\n", now() - start);
            close(fd);
            return 0;
        }
    }
    printf("trickle-next: still open after %d s\n", max_s);
    close(fd);
    return 1;
}

/* Read until EOF, an error or `seconds` pass; the bytes in *out (malloc'd). */
static size_t read_all(int fd, double seconds, char **out)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    double end = now() + seconds;
    while (buf && now() < end) {
        if (n == cap) { char *nb = realloc(buf, cap *= 2); if (!nb) break; buf = nb; }
        struct pollfd p = { fd, POLLIN, 0 };
        int left = (int)((end - now()) * 1000) + 1;
        if (poll(&p, 1, left) <= 0) break;
        ssize_t r = recv(fd, buf + n, cap - n, 0);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        n += (size_t)r;
    }
    *out = buf;
    return buf ? n : 0;
}

static int cmd_raw(const source *src, int port, int seconds)
{
    char req[65536];
    size_t n = fread(req, 1, sizeof req, stdin);
    int fd = connect_from(src, 0, port);
    if (fd < 0) { perror("connect"); return 2; }
    if (write_all(fd, req, n) != 0) perror("send");
    char *got;
    size_t len = read_all(fd, seconds, &got);
    if (got) fwrite(got, 1, len, stdout);
    free(got);
    close(fd);
    return 0;
}

/* 1 when buf[0..n) holds a whole answer: its head and as many body bytes
 * as its Content-Length says. */
static int complete_answer(const char *buf, size_t n)
{
    const char *end = NULL;
    for (size_t i = 0; i + 3 < n; i++)
        if (memcmp(buf + i, "\r\n\r\n", 4) == 0) { end = buf + i; break; }
    if (!end) return 0;
    long want = content_length(buf, end);
    return want >= 0 && (size_t)(end + 4 - buf) + (size_t)want == n;
}

static int cmd_big_body(const source *src, int port, const char *token, long bytes, int chunked)
{
    int fd = connect_from(src, 0, port);
    if (fd < 0) { perror("connect"); return 2; }
    struct timeval tv = { 20, 0 };      /* never hang on a server that stopped reading */
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    char head[512];
    if (chunked)
        snprintf(head, sizeof head, "PUT /api/v2/buyer/campaigns/cmp_000001 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 "Authorization: Bearer %s\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n", token);
    else
        snprintf(head, sizeof head, "PUT /api/v2/buyer/campaigns/cmp_000001 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 "Authorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %ld\r\n\r\n", token, bytes);
    static char block[65536];
    memset(block, ' ', sizeof block);
    long sent = 0;
    int ok = write_all(fd, head, strlen(head)) == 0;
    while (ok && sent < bytes) {
        size_t k = bytes - sent < (long)sizeof block ? (size_t)(bytes - sent) : sizeof block;
        char len[32];
        snprintf(len, sizeof len, "%zx\r\n", k);
        ok = (!chunked || write_all(fd, len, strlen(len)) == 0) && write_all(fd, block, k) == 0 &&
             (!chunked || write_all(fd, "\r\n", 2) == 0);
        if (ok) sent += (long)k;
    }
    if (ok && chunked) ok = write_all(fd, "0\r\n\r\n", 5) == 0;
    int err = errno;
    char *got;
    size_t len = read_all(fd, 10, &got);
    if (got) fwrite(got, 1, len, stdout);
    int whole = got && complete_answer(got, len);
    free(got);
    close(fd);
    if (!ok) fprintf(stderr, "big-body: sending failed after %ld of %ld body bytes: %s\n", sent, bytes, strerror(err));
    else if (!whole) fprintf(stderr, "big-body: sent %ld bytes, no complete answer (%zu bytes read)\n", sent, len);
    else fprintf(stderr, "big-body: sent %ld bytes, got a complete answer\n", sent);
    return ok && whole ? 0 : 1;
}

static void stall_until_closed(int fd)
{
    for (int i = 0; i < 600 && !peer_closed(fd, 100); i++) {}
}

static void serve_huge(int fd, int chunked)
{
    const long total = 100L * 1024 * 1024;
    char head[256];
    if (chunked)
        snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    else
        snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %ld\r\n\r\n", total);
    if (write_all(fd, head, strlen(head)) != 0) return;
    static char block[65536];
    for (size_t i = 0; i < sizeof block; i++) block[i] = i % 2 ? ',' : '0';
    block[0] = '[';
    for (long sent = 0; sent < total; sent += (long)sizeof block) {
        if (chunked) {
            char len[32];
            snprintf(len, sizeof len, "%zx\r\n", sizeof block);
            if (write_all(fd, len, strlen(len)) != 0) return;
        }
        if (write_all(fd, block, sizeof block) != 0) return;   /* the client stopped reading */
        if (chunked && write_all(fd, "\r\n", 2) != 0) return;
        block[0] = '0';
    }
    if (chunked) write_all(fd, "0\r\n\r\n", 5);
}

/* The body of "serve file PATH", read once. */
static char *file_body;
static size_t file_len;

static int load_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); return -1; }
    size_t cap = 0;
    for (;;) {
        if (file_len == cap) {
            char *n = realloc(file_body, cap = cap ? cap * 2 : 65536);
            if (!n) { fclose(f); return -1; }
            file_body = n;
        }
        size_t got = fread(file_body + file_len, 1, cap - file_len, f);
        if (got == 0) break;
        file_len += got;
    }
    fclose(f);
    return 0;
}

static void serve_file(int fd)
{
    char head[160];
    int n = snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
                     file_len);
    if (write_all(fd, head, (size_t)n) == 0) write_all(fd, file_body, file_len);
}

/* The k-th answer of mode seq (see the top of the file). */
static void serve_seq(int fd, const char *dir, int k)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%d", dir, k);
    free(file_body);
    file_body = NULL;
    file_len = 0;
    long status = 500;
    size_t skip = 0;
    if (load_file(path) == 0 && file_len) {
        char *nl = memchr(file_body, '\n', file_len);
        status = strtol(file_body, NULL, 10);
        skip = nl ? (size_t)(nl + 1 - file_body) : file_len;
    }
    char head[200];
    int n = snprintf(head, sizeof head, "HTTP/1.1 %ld X\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
                     status, file_len - skip);
    if (write_all(fd, head, (size_t)n) == 0) write_all(fd, file_body + skip, file_len - skip);
}

static int cmd_serve(const char *mode, const char *dir, int count)
{
    signal(SIGPIPE, SIG_IGN);
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t al = sizeof a;
    if (ls < 0 || bind(ls, (struct sockaddr *)&a, sizeof a) != 0 || listen(ls, 64) != 0 ||
        getsockname(ls, (struct sockaddr *)&a, &al) != 0) { perror("listen"); return 2; }
    printf("listening on http://127.0.0.1:%d\n", ntohs(a.sin_port));
    fflush(stdout);
    int served = 0;
    for (;;) {
        int fd = accept(ls, NULL, NULL);
        if (fd < 0) { if (errno == EINTR) continue; perror("accept"); return 2; }
        if (strcmp(mode, "garbage") == 0) {
            static const char g[] = "\x00\xff\xfe not HTTP at all\r\n\r\n";
            write_all(fd, g, sizeof g - 1);
            close(fd);
            continue;
        }
        while (read_request(fd) == 0) {
            if (strcmp(mode, "huge") == 0 || strcmp(mode, "huge-chunk") == 0) {
                serve_huge(fd, mode[4] == '-');
                break;
            } else if (strcmp(mode, "stall") == 0) {
                stall_until_closed(fd);
                break;
            } else if (strcmp(mode, "stall-body") == 0) {
                static const char h[] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"campaign";
                write_all(fd, h, sizeof h - 1);
                stall_until_closed(fd);
                break;
            } else if (strcmp(mode, "headers") == 0) {
                static const char h[] = "HTTP/1.1 200 OK\r\n";
                char line[1100];
                memset(line, 'a', sizeof line);
                memcpy(line, "X-Filler: ", 10);
                memcpy(line + sizeof line - 2, "\r\n", 2);
                if (write_all(fd, h, sizeof h - 1) != 0) break;
                for (long i = 0; i < 10L * 1000 * 1000; i++)
                    if (write_all(fd, line, sizeof line) != 0) break;
                break;
            } else if (strcmp(mode, "file") == 0) {
                serve_file(fd);
            } else if (strcmp(mode, "seq") == 0) {
                serve_seq(fd, dir, ++served);
            } else if (strcmp(mode, "ok-exit") == 0) {
                static const char ok[] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 29\r\n\r\n{\"campaigns\": [], \"total\": 0}";
                write_all(fd, ok, sizeof ok - 1);
                if (++served >= count) {
                    shutdown(fd, SHUT_RDWR);
                    close(fd);
                    close(ls);
                    return 0;       /* the endpoint is gone */
                }
            } else {
                fprintf(stderr, "nettool: unknown mode %s\n", mode);
                return 2;
            }
        }
        close(fd);
    }
}

/* "-s ADDR[+K]" into src; 0 when malformed. */
static int parse_source(const char *arg, source *src)
{
    char addr[64];
    snprintf(addr, sizeof addr, "%s", arg);
    char *plus = strchr(addr, '+');
    src->count = 1;
    if (plus) {
        *plus = 0;
        src->count = (unsigned)atoi(plus + 1);
    }
    return src->count > 0 && inet_pton(AF_INET, addr, &src->first) == 1;
}

/* Thousands of connections need more than the usual 1024 descriptors. */
static void raise_fd_limit(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

int main(int argc, char **argv)
{
    source src = { { 0 }, 0 };
    if (argc >= 3 && strcmp(argv[1], "-s") == 0) {
        if (!parse_source(argv[2], &src)) { fprintf(stderr, "nettool: bad source %s\n", argv[2]); return 2; }
        argv += 2;
        argc -= 2;
    }
    raise_fd_limit();
    signal(SIGPIPE, SIG_IGN);
    if (argc >= 4 && strcmp(argv[1], "get") == 0)
        return cmd_get(&src, atoi(argv[2]), argv[3], argc > 4 ? argv[4] : NULL);
    if (argc == 6 && strcmp(argv[1], "idle") == 0)
        return cmd_idle(&src, atoi(argv[2]), atoi(argv[3]), atoi(argv[4]), argv[5]);
    if (argc == 6 && strcmp(argv[1], "trickle") == 0)
        return cmd_trickle(atoi(argv[2]), argv[3], atoi(argv[4]), atoi(argv[5]));
    if (argc == 5 && strcmp(argv[1], "trickle-head") == 0)
        return cmd_trickle_head(&src, atoi(argv[2]), atoi(argv[3]), atoi(argv[4]));
    if (argc == 7 && strcmp(argv[1], "trickle-heads") == 0)
        return cmd_trickle_heads(&src, atoi(argv[2]), atoi(argv[3]), atoi(argv[4]), atoi(argv[5]), argv[6]);
    if (argc == 6 && strcmp(argv[1], "trickle-next") == 0)
        return cmd_trickle_next(&src, atoi(argv[2]), argv[3], atoi(argv[4]), atoi(argv[5]));
    if (argc == 4 && strcmp(argv[1], "raw") == 0)
        return cmd_raw(&src, atoi(argv[2]), atoi(argv[3]));
    if (argc == 6 && strcmp(argv[1], "big-body") == 0)
        return cmd_big_body(&src, atoi(argv[2]), argv[3], atol(argv[4]), strcmp(argv[5], "chunked") == 0);
    if (argc == 4 && strcmp(argv[1], "serve") == 0 && strcmp(argv[2], "file") == 0)
        return load_file(argv[3]) == 0 ? cmd_serve("file", NULL, 0) : 2;
    if (argc == 4 && strcmp(argv[1], "serve") == 0 && strcmp(argv[2], "seq") == 0)
        return cmd_serve("seq", argv[3], 0);
    if (argc >= 3 && strcmp(argv[1], "serve") == 0)
        return cmd_serve(argv[2], NULL, argc > 3 ? atoi(argv[3]) : 1);
    fprintf(stderr, "usage: see the comment at the top of tests/tools/nettool.c\n");
    return 2;
}
