/* http_client.h - many HTTP exchanges at once on one libcurl multi handle.
 *
 * Single-threaded: http_client_run() drives every transfer and calls each
 * exchange's completion callback from inside the call; a callback may
 * submit the next exchange.  All transfers share the multi handle's
 * connection cache, so keep-alive connections are reused across steps and
 * scenarios.
 *
 * Retries: only for failures where nothing reached the server (could not
 * resolve the host or proxy, could not connect), up to `retries` extra
 * attempts with exponential backoff.  A timeout, a reset connection or any
 * HTTP status (503 included) is never retried: the server may have acted.
 *
 * Ownership: the caller owns each http_exchange; it must stay alive (and
 * not be resubmitted) until its callback ran.  http_exchange_clear() frees
 * what the exchange holds so it can be reused. */
#ifndef HTTP_CLIENT_H
#define HTTP_CLIENT_H

#include <stddef.h>
#include <curl/curl.h>
#include "campaign/strbuf.h"

typedef struct http_options {
    long timeout_ms;        /* whole request, per attempt */
    int retries;            /* extra attempts after a connection failure */
    long backoff_ms;        /* first retry delay (doubles each time, max 10 s) */
    int insecure;           /* skip TLS verification */
    size_t max_body;        /* response body cap in bytes */
    const char *user_agent; /* borrowed */
} http_options;

typedef struct http_client http_client;
typedef struct http_exchange http_exchange;
typedef void (*http_done_fn)(http_exchange *x, void *user);

struct http_exchange {
    /* request: set by the caller, freed by http_exchange_clear */
    char *method;
    char *url;
    struct curl_slist *headers;
    char *body;             /* NULL = no body */
    size_t body_len;
    /* outcome */
    long status;            /* HTTP status, 0 when there was no response */
    strbuf resp_headers;    /* header lines of the final response, "\n"-separated */
    strbuf resp_body;
    int too_big;            /* body exceeded max_body (code is then an error) */
    int aborted;            /* http_client_abort_all() cancelled it */
    CURLcode code;
    char errbuf[CURL_ERROR_SIZE];
    int attempts;
    double seconds;         /* from submit to completion, retries included */
    /* internal */
    CURL *easy;
    http_client *client;
    http_done_fn done;
    void *user;
    double started, retry_at;
    int state;              /* 0 idle, 1 running, 2 waiting to retry */
};

http_client *http_client_new(const http_options *o);
void http_client_free(http_client *c);

/* Start an exchange.  0, or -1 when libcurl refuses (callback not called). */
int http_client_submit(http_client *c, http_exchange *x, http_done_fn done, void *user);

/* Drive transfers, waiting at most max_wait_ms for activity.  Returns the
 * number of exchanges still running or waiting to retry. */
size_t http_client_run(http_client *c, long max_wait_ms);

/* Cancel everything in flight; each callback runs with aborted = 1. */
void http_client_abort_all(http_client *c);

/* Free the request, response and easy handle held by x; zero it. */
void http_exchange_clear(http_exchange *x);

/* Free the request and response held by x but keep its easy handle (and
 * so nothing else), ready for the next step of the same scenario. */
void http_exchange_reset(http_exchange *x);

/* Value of response header name (case-insensitive, first occurrence),
 * malloc'd, or NULL when absent. */
char *http_response_header(const http_exchange *x, const char *name);

/* Short description of a transport failure ("connection refused: ...",
 * "timed out after 2000 ms", "response body over 8388608 bytes"). */
void http_describe_error(const http_exchange *x, long timeout_ms, char *out, size_t outlen);

/* Monotonic seconds. */
double http_now(void);

#endif
