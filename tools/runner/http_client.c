/* http_client.c - libcurl multi driver with connection-failure retries. */
#include "http_client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

struct http_client {
    CURLM *multi;
    http_options opt;
    http_exchange **live;   /* running or waiting to retry */
    size_t nlive, caplive;
};

double http_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

http_client *http_client_new(const http_options *o)
{
    http_client *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->opt = *o;
    c->multi = curl_multi_init();
    if (!c->multi) { free(c); return NULL; }
    /* Bound the number of connections per host so -j N does not open an
     * unbounded number of sockets; transfers queue for a free one. */
    curl_multi_setopt(c->multi, CURLMOPT_MAX_HOST_CONNECTIONS, 16L);
    return c;
}

void http_client_free(http_client *c)
{
    if (!c) return;
    http_client_abort_all(c);
    curl_multi_cleanup(c->multi);
    free(c->live);
    free(c);
}

void http_exchange_clear(http_exchange *x)
{
    free(x->method);
    free(x->url);
    curl_slist_free_all(x->headers);
    free(x->body);
    sb_free(&x->resp_headers);
    sb_free(&x->resp_body);
    if (x->easy) curl_easy_cleanup(x->easy);
    memset(x, 0, sizeof *x);
}

void http_exchange_reset(http_exchange *x)
{
    CURL *keep = x->easy;
    x->easy = NULL;
    http_exchange_clear(x);
    x->easy = keep;
}

static size_t on_body(char *p, size_t sz, size_t n, void *ud)
{
    http_exchange *x = ud;
    size_t len = sz * n;
    if (x->resp_body.len + len > x->client->opt.max_body) {
        x->too_big = 1;
        return 0;  /* makes libcurl stop with CURLE_WRITE_ERROR */
    }
    sb_append(&x->resp_body, p, len);
    return x->resp_body.oom ? 0 : len;
}

static size_t on_header(char *p, size_t sz, size_t n, void *ud)
{
    http_exchange *x = ud;
    size_t len = sz * n;
    /* A new status line (after 100 Continue, say) starts a new response. */
    if (len >= 5 && strncmp(p, "HTTP/", 5) == 0) sb_free(&x->resp_headers);
    size_t keep = len;
    while (keep && (p[keep - 1] == '\n' || p[keep - 1] == '\r')) keep--;
    if (keep) { sb_append(&x->resp_headers, p, keep); sb_append(&x->resp_headers, "\n", 1); }
    return len;
}

static void live_add(http_client *c, http_exchange *x)
{
    if (c->nlive == c->caplive) {
        size_t cap = c->caplive ? c->caplive * 2 : 16;
        http_exchange **v = realloc(c->live, cap * sizeof *v);
        if (!v) return;  /* still tracked by the multi handle */
        c->live = v;
        c->caplive = cap;
    }
    c->live[c->nlive++] = x;
}

static void live_remove(http_client *c, http_exchange *x)
{
    for (size_t i = 0; i < c->nlive; i++)
        if (c->live[i] == x) { c->live[i] = c->live[--c->nlive]; return; }
}

static int configure(http_client *c, http_exchange *x)
{
    CURL *e = x->easy;
    curl_easy_reset(e);
    curl_easy_setopt(e, CURLOPT_URL, x->url);
    curl_easy_setopt(e, CURLOPT_PRIVATE, x);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_USERAGENT, c->opt.user_agent);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, c->opt.timeout_ms);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, c->opt.timeout_ms < 10000 ? c->opt.timeout_ms : 10000L);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    if (c->opt.insecure) {
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    if (strcmp(x->method, "GET") == 0 && !x->body) {
        curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    } else if (strcmp(x->method, "HEAD") == 0) {
        curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    } else {
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, x->method);
        if (x->body || strcmp(x->method, "POST") == 0 || strcmp(x->method, "PUT") == 0) {
            curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)x->body_len);
            curl_easy_setopt(e, CURLOPT_POSTFIELDS, x->body ? x->body : "");
        }
    }
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->headers);
    return 0;
}

static int start(http_client *c, http_exchange *x)
{
    x->attempts++;
    x->status = 0;
    x->too_big = 0;
    x->errbuf[0] = '\0';
    sb_free(&x->resp_headers);
    sb_free(&x->resp_body);
    configure(c, x);
    if (curl_multi_add_handle(c->multi, x->easy) != CURLM_OK) return -1;
    x->state = 1;
    return 0;
}

int http_client_submit(http_client *c, http_exchange *x, http_done_fn done, void *user)
{
    if (!x->easy && !(x->easy = curl_easy_init())) return -1;
    x->client = c;
    x->done = done;
    x->user = user;
    x->attempts = 0;
    x->aborted = 0;
    x->code = CURLE_OK;
    x->started = http_now();
    if (start(c, x) != 0) return -1;
    live_add(c, x);
    return 0;
}

static int nothing_was_sent(CURLcode code)
{
    return code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST ||
           code == CURLE_COULDNT_RESOLVE_PROXY;
}

static void finish(http_client *c, http_exchange *x)
{
    x->state = 0;
    x->seconds = http_now() - x->started;
    live_remove(c, x);
    x->done(x, x->user);
}

size_t http_client_run(http_client *c, long max_wait_ms)
{
    double now = http_now();
    long wait = max_wait_ms;
    /* Start due retries; find the next one. */
    for (size_t i = 0; i < c->nlive; i++) {
        http_exchange *x = c->live[i];
        if (x->state != 2) continue;
        if (x->retry_at <= now) {
            if (start(c, x) != 0) { x->code = CURLE_FAILED_INIT; finish(c, x); i--; }
        } else {
            long ms = (long)((x->retry_at - now) * 1000) + 1;
            if (ms < wait) wait = ms;
        }
    }
    int running = 0;
    curl_multi_perform(c->multi, &running);
    CURLMsg *m;
    int left;
    while ((m = curl_multi_info_read(c->multi, &left))) {
        if (m->msg != CURLMSG_DONE) continue;
        http_exchange *x = NULL;
        curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
        CURLcode code = m->data.result;
        curl_multi_remove_handle(c->multi, m->easy_handle);
        x->code = code;
        if (nothing_was_sent(code) && x->attempts <= c->opt.retries) {
            long delay = c->opt.backoff_ms;
            for (int i = 1; i < x->attempts && delay < 10000; i++) delay *= 2;
            if (delay > 10000) delay = 10000;
            x->retry_at = http_now() + (double)delay / 1000.0;
            x->state = 2;
            if (delay < wait) wait = delay;
            continue;
        }
        if (code == CURLE_OK) curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &x->status);
        else {
            long st = 0;
            curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &st);
            x->status = st;
        }
        finish(c, x);
    }
    if (c->nlive) curl_multi_poll(c->multi, NULL, 0, (int)(wait > 0 ? wait : 0), NULL);
    return c->nlive;
}

void http_client_abort_all(http_client *c)
{
    while (c->nlive) {
        http_exchange *x = c->live[c->nlive - 1];
        if (x->state == 1) curl_multi_remove_handle(c->multi, x->easy);
        x->aborted = 1;
        x->code = CURLE_ABORTED_BY_CALLBACK;
        finish(c, x);
    }
}

char *http_response_header(const http_exchange *x, const char *name)
{
    const char *p = x->resp_headers.data;
    size_t n = strlen(name);
    while (p && *p) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        if (len > n && p[n] == ':' && strncasecmp(p, name, n) == 0) {
            const char *v = p + n + 1;
            const char *end = p + len;
            while (v < end && (*v == ' ' || *v == '\t')) v++;
            while (end > v && (end[-1] == ' ' || end[-1] == '\t')) end--;
            return strndup(v, (size_t)(end - v));
        }
        p = eol ? eol + 1 : NULL;
    }
    return NULL;
}

void http_describe_error(const http_exchange *x, long timeout_ms, char *out, size_t outlen)
{
    const char *detail = x->errbuf[0] ? x->errbuf : curl_easy_strerror(x->code);
    if (x->aborted) snprintf(out, outlen, "not finished: the run was interrupted");
    else if (x->too_big) snprintf(out, outlen, "response body larger than %zu bytes (stopped reading)", x->client ? x->client->opt.max_body : (size_t)0);
    else if (x->code == CURLE_OPERATION_TIMEDOUT) snprintf(out, outlen, "timed out after %ld ms (not retried: the server may have received the request): %s", timeout_ms, detail);
    else if (x->code == CURLE_COULDNT_CONNECT) snprintf(out, outlen, "connection failed after %d attempt%s: %s", x->attempts, x->attempts == 1 ? "" : "s", detail);
    else if (x->code == CURLE_COULDNT_RESOLVE_HOST || x->code == CURLE_COULDNT_RESOLVE_PROXY) snprintf(out, outlen, "could not resolve host after %d attempt%s: %s", x->attempts, x->attempts == 1 ? "" : "s", detail);
    else snprintf(out, outlen, "transport error (%s): %s", curl_easy_strerror(x->code), detail);
}
