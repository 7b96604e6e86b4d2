/* mock_main.c - campaign-mock: command line, start-up and clean stop.
 *
 * Exit status: 0 after SIGINT/SIGTERM, 1 when the address cannot be
 * bound, 2 for usage, fixtures or schema errors.  Signals are blocked in
 * every thread and taken synchronously with sigwait() in main, so no work
 * happens in a signal handler. */
#include "mock_api.h"
#include "mock_server.h"

#include <errno.h>
#include <limits.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MOCK_VERSION "1.0.0"

static void usage(FILE *out)
{
    fprintf(out,
        "usage: campaign-mock [--host HOST] [--port N] [--token TOKEN] [--fixtures FILE]\n"
        "                     [--schema-dir DIR] [--latency-ms N] [--fail-rate P] [--seed S]\n"
        "                     [--idle-timeout S] [--header-timeout S] [--max-connections N]\n"
        "                     [--max-connections-per-address N] [--max-campaigns N]\n"
        "                     [--max-state-bytes N] [--self-check] [--quiet]\n"
        "\n"
        "A reference implementation of the Buyer API v2 campaign endpoints under\n"
        "/api/v2/buyer, with in-memory state, plus the mock-only GET\n"
        "/_mock/campaigns/{id} (each buy's sales agent and creatives, the surfaced\n"
        "status; not part of the contract).  Prints \"listening on http://HOST:PORT\"\n"
        "once it accepts connections; SIGINT or SIGTERM stop it.\n"
        "\n"
        "  --host HOST        address to bind (default 127.0.0.1)\n"
        "  --port N           port (default 8080; 0 picks a free one)\n"
        "  --token TOKEN      expected bearer token (default $CAMPAIGN_MOCK_TOKEN, else demo-token)\n"
        "  --fixtures FILE    fixtures file (default BIN/../tools/mock/fixtures.json)\n"
        "  --schema-dir DIR   contract schemas (default $CAMPAIGN_SCHEMA_DIR, else bin/../schemas)\n"
        "  --latency-ms N     delay every response by N milliseconds\n"
        "  --fail-rate P      answer a fraction P (0..1) of requests with 503\n"
        "  --seed S           seed of the --fail-rate choice (default 1)\n"
        "  --idle-timeout S   close connections idle S seconds, and request bodies still\n"
        "                     arriving S seconds after their headers (default 30)\n"
        "  --header-timeout S close a connection whose request head is not complete S\n"
        "                     seconds after it opened or after the previous response,\n"
        "                     even if bytes keep trickling in (default 10)\n"
        "  --max-connections N\n"
        "                     open connections in all (default 1024); when full, the one\n"
        "                     waiting longest for a request head is closed to make room\n"
        "  --max-connections-per-address N\n"
        "                     open connections from one client address (default 128)\n"
        "  --max-campaigns N  keep at most N campaigns (default 10000, 1..100000000); a\n"
        "                     create beyond it is answered 507 INSUFFICIENT_STORAGE\n"
        "  --max-state-bytes N  keep at most N bytes of campaign state (default 268435456,\n"
        "                     256 MiB; 65536..2^50); a create, update or execute that\n"
        "                     would pass it is answered 507 and changes nothing\n"
        "  --self-check       check every response against its schema; log violations\n"
        "  --quiet            no request log on stderr\n");
}

/* Strict number parsing for options. */
static int parse_ull(const char *s, unsigned long long max, unsigned long long *out)
{
    if (!s || !*s || *s == '-' || *s == '+') return 0;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v > max) return 0;
    *out = v;
    return 1;
}

static int parse_rate(const char *s, double *out)
{
    if (!s || !*s) return 0;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || *end || !(v >= 0 && v <= 1)) return 0;
    *out = v;
    return 1;
}

/* Default fixtures: BIN/../tools/mock/fixtures.json, else ./tools/mock/fixtures.json. */
static void default_fixtures(char *out, size_t n)
{
    char exe[PATH_MAX];
    ssize_t l = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (l > 0) {
        exe[l] = 0;
        char *dir = dirname(exe);          /* .../bin */
        char cand[PATH_MAX + 64];
        snprintf(cand, sizeof cand, "%s/../tools/mock/fixtures.json", dir);
        if (access(cand, R_OK) == 0) { snprintf(out, n, "%s", cand); return; }
    }
    snprintf(out, n, "tools/mock/fixtures.json");
}

typedef struct cli {
    mock_server_opts srv;
    const char *fixtures;
    const char *schema_dir;
    unsigned long long max_campaigns, max_state_bytes;
} cli;

/* 0 ok, 1 --help printed, -1 usage error (message printed). */
static int parse_args(int argc, char **argv, cli *c)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *val = NULL;
        char name[64];
        const char *eq = strchr(a, '=');
        if (strncmp(a, "--", 2) == 0 && eq && (size_t)(eq - a) < sizeof name) {
            memcpy(name, a, (size_t)(eq - a));
            name[eq - a] = 0;
            val = eq + 1;
        } else {
            snprintf(name, sizeof name, "%s", a);
        }
        if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) { usage(stdout); return 1; }
        if (strcmp(name, "--version") == 0) { printf("campaign-mock %s\n", MOCK_VERSION); return 1; }
        if (strcmp(name, "--quiet") == 0) { c->srv.quiet = 1; continue; }
        if (strcmp(name, "--self-check") == 0) { c->srv.self_check = 1; continue; }
        static const char *const with_value[] = {
            "--host", "--port", "--token", "--fixtures", "--schema-dir", "--latency-ms",
            "--fail-rate", "--seed", "--idle-timeout", "--header-timeout", "--max-connections",
            "--max-connections-per-address", "--max-campaigns", "--max-state-bytes", NULL
        };
        int known = 0;
        for (int k = 0; with_value[k]; k++) known |= strcmp(name, with_value[k]) == 0;
        if (!known) {
            fprintf(stderr, "campaign-mock: unknown option %s\n", a);
            return -1;
        }
        if (!val) {
            if (i + 1 >= argc) { fprintf(stderr, "campaign-mock: %s needs a value\n", name); return -1; }
            val = argv[++i];
        }
        unsigned long long n;
        if (strcmp(name, "--host") == 0) c->srv.host = val;
        else if (strcmp(name, "--token") == 0) c->srv.token = val;
        else if (strcmp(name, "--fixtures") == 0) c->fixtures = val;
        else if (strcmp(name, "--schema-dir") == 0) c->schema_dir = val;
        else if (strcmp(name, "--port") == 0) {
            if (!parse_ull(val, 65535, &n)) { fprintf(stderr, "campaign-mock: --port: expected 0..65535, got \"%s\"\n", val); return -1; }
            c->srv.port = (unsigned)n;
        } else if (strcmp(name, "--latency-ms") == 0) {
            if (!parse_ull(val, 600000, &n)) { fprintf(stderr, "campaign-mock: --latency-ms: expected 0..600000, got \"%s\"\n", val); return -1; }
            c->srv.latency_ms = (unsigned)n;
        } else if (strcmp(name, "--idle-timeout") == 0) {
            if (!parse_ull(val, 3600, &n) || n == 0) { fprintf(stderr, "campaign-mock: --idle-timeout: expected 1..3600 seconds, got \"%s\"\n", val); return -1; }
            c->srv.idle_timeout_s = (unsigned)n;
        } else if (strcmp(name, "--header-timeout") == 0) {
            if (!parse_ull(val, 3600, &n) || n == 0) { fprintf(stderr, "campaign-mock: --header-timeout: expected 1..3600 seconds, got \"%s\"\n", val); return -1; }
            c->srv.header_timeout_s = (unsigned)n;
        } else if (strcmp(name, "--max-connections") == 0 || strcmp(name, "--max-connections-per-address") == 0) {
            if (!parse_ull(val, 100000, &n) || n == 0) { fprintf(stderr, "campaign-mock: %s: expected 1..100000, got \"%s\"\n", name, val); return -1; }
            if (strcmp(name, "--max-connections") != 0) c->srv.max_per_address = (unsigned)n;
            else c->srv.max_connections = (unsigned)n;
        } else if (strcmp(name, "--max-campaigns") == 0) {
            if (!parse_ull(val, 100000000, &n) || n == 0) { fprintf(stderr, "campaign-mock: --max-campaigns: expected 1..100000000, got \"%s\"\n", val); return -1; }
            c->max_campaigns = n;
        } else if (strcmp(name, "--max-state-bytes") == 0) {
            if (!parse_ull(val, 1ULL << 50, &n) || n < 65536) { fprintf(stderr, "campaign-mock: --max-state-bytes: expected 65536..%llu, got \"%s\"\n", 1ULL << 50, val); return -1; }
            c->max_state_bytes = n;
        } else if (strcmp(name, "--seed") == 0) {
            if (!parse_ull(val, UINT64_MAX, &n)) { fprintf(stderr, "campaign-mock: --seed: expected a non-negative integer, got \"%s\"\n", val); return -1; }
            c->srv.seed = n;
        } else if (strcmp(name, "--fail-rate") == 0) {
            if (!parse_rate(val, &c->srv.fail_rate)) { fprintf(stderr, "campaign-mock: --fail-rate: expected a number from 0 to 1, got \"%s\"\n", val); return -1; }
        }
    }
    if (!*c->srv.token) { fprintf(stderr, "campaign-mock: the token must not be empty\n"); return -1; }
    return 0;
}

int main(int argc, char **argv)
{
    cli c;
    memset(&c, 0, sizeof c);
    c.srv.host = "127.0.0.1";
    c.srv.port = 8080;
    c.srv.seed = 1;
    c.srv.idle_timeout_s = 30;
    c.srv.header_timeout_s = 10;
    c.srv.max_connections = 1024;
    c.srv.max_per_address = 128;
    c.max_campaigns = STORE_DEFAULT_MAX_CAMPAIGNS;
    c.max_state_bytes = STORE_DEFAULT_MAX_BYTES;
    const char *env_token = getenv("CAMPAIGN_MOCK_TOKEN");
    c.srv.token = env_token && *env_token ? env_token : "demo-token";
    int pa = parse_args(argc, argv, &c);
    if (pa > 0) return 0;
    if (pa < 0) { usage(stderr); return 2; }

    char fixtures_path[PATH_MAX + 64];
    if (c.fixtures) snprintf(fixtures_path, sizeof fixtures_path, "%s", c.fixtures);
    else default_fixtures(fixtures_path, sizeof fixtures_path);
    char err[1024];
    mock_fixtures *fx = fixtures_load(fixtures_path, err, sizeof err);
    if (!fx) { fprintf(stderr, "campaign-mock: %s\n", err); return 2; }

    jsv_error jerr;
    memset(&jerr, 0, sizeof jerr);
    contract *ct = contract_load(c.schema_dir, NULL, &jerr);
    if (!ct) {
        fprintf(stderr, "campaign-mock: cannot load the contract schemas from %s: %s%s%s\n",
                c.schema_dir ? c.schema_dir : contract_default_schema_dir(), jerr.message,
                jerr.file[0] ? " in " : "", jerr.file);
        fixtures_free(fx);
        return 2;
    }
    mock_store *store = store_new();
    if (!store) { fprintf(stderr, "campaign-mock: out of memory\n"); contract_free(ct); fixtures_free(fx); return 1; }
    store_set_limits(store, (size_t)c.max_campaigns, c.max_state_bytes);
    mock_app app = { fx, store, ct };

    /* Block the stop signals before any thread exists, so every thread
     * inherits the mask and only sigwait() below ever takes them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    mock_server *srv = server_start(&c.srv, &app, err, sizeof err);
    if (!srv) {
        fprintf(stderr, "campaign-mock: %s\n", err);
        store_free(store);
        contract_free(ct);
        fixtures_free(fx);
        return 1;
    }
    int v6 = strchr(c.srv.host, ':') != NULL;
    printf("listening on http://%s%s%s:%u\n", v6 ? "[" : "", c.srv.host, v6 ? "]" : "", server_port(srv));
    fflush(stdout);

    int sig = 0;
    while (sigwait(&stop, &sig) != 0) {}
    if (!c.srv.quiet) fprintf(stderr, "campaign-mock: %s received, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    server_stop(srv);
    store_free(store);
    contract_free(ct);
    fixtures_free(fx);
    return 0;
}
