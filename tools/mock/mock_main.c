/* mock_main.c - campaign-mock: command line, start-up and clean stop.
 *
 * Exit status: 0 after SIGINT/SIGTERM, 1 when the address cannot be
 * bound, 2 for usage, fixtures or schema errors.  Signals are blocked in
 * every thread and taken synchronously with sigwait() in main, so no work
 * happens in a signal handler. */
#include "mock_api.h"
#include "mock_server.h"
#include "mock_mutant.h"
#include "campaign/locate.h"
#include "campaign/options.h"

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MOCK_VERSION "1.0.0"

/* The fixtures when --fixtures names none (locate.h): $CAMPAIGN_MOCK_FIXTURES,
 * then the installed share/campaign-contract/fixtures.json beside bin/,
 * then the build tree's tools/mock/fixtures.json, then the working
 * directory's.  0, or -1 with err saying what was tried. */
static int default_fixtures(char *out, size_t n, char *err, size_t errlen)
{
    static const char *const beside[] = { LOCATE_DATA_DIR "/fixtures.json", "../tools/mock/fixtures.json", NULL };
    const locate_spec s = { "the fixtures", "--fixtures FILE", "CAMPAIGN_MOCK_FIXTURES", beside,
                            "./tools/mock/fixtures.json", 0 };
    return locate_data(&s, out, n, err, errlen) == LOCATE_NONE ? -1 : 0;
}

typedef struct cli {
    mock_server_opts srv;
    const char *fixtures;
    const char *schema_dir;
    unsigned long long max_campaigns, max_state_bytes;
} cli;

static const opt_spec mock_opts[] = {
    { .name = "host", .arg = "HOST", .kind = OPT_STRING, OPT_AT(cli, srv.host),
      .help = "The address to bind (default 127.0.0.1)." },
    { .name = "port", .arg = "N", .kind = OPT_INT, OPT_AT(cli, srv.port), .min = 0, .max = 65535,
      .help = "The port (default 8080; 0 picks a free one)." },
    { .name = "token", .arg = "TOKEN", .kind = OPT_STRING, OPT_AT(cli, srv.token),
      .help = "The expected bearer token (default $CAMPAIGN_MOCK_TOKEN, else demo-token); not empty." },
    { .name = "fixtures", .arg = "FILE", .kind = OPT_STRING, OPT_AT(cli, fixtures),
      .help = "The fixtures file (default: $CAMPAIGN_MOCK_FIXTURES, else share/campaign-contract/fixtures.json "
              "beside bin/ when installed, else the build tree's tools/mock/fixtures.json beside bin/, else "
              "./tools/mock/fixtures.json)." },
    { .name = "schema-dir", .arg = "DIR", .kind = OPT_STRING, OPT_AT(cli, schema_dir),
      .help = "The contract schemas (default: $CAMPAIGN_SCHEMA_DIR, else share/campaign-contract/schemas "
              "beside bin/ when installed, else the build tree's schemas beside bin/, else ./schemas)." },
    { .name = "latency-ms", .arg = "N", .kind = OPT_INT, OPT_AT(cli, srv.latency_ms), .min = 0, .max = 600000,
      .help = "Delay every response by N milliseconds (0..600000)." },
    { .name = "fail-rate", .arg = "P", .kind = OPT_NUMBER, OPT_AT(cli, srv.fail_rate), .lo = 0, .hi = 1,
      .expect = "a number from 0 to 1",
      .help = "Answer a fraction P (0..1) of requests with 503." },
    { .name = "seed", .arg = "S", .kind = OPT_INT, OPT_AT(cli, srv.seed), .min = 0, .max = UINT64_MAX,
      .expect = "a non-negative integer",
      .help = "The seed of the --fail-rate choice (default 1)." },
    { .name = "idle-timeout", .arg = "S", .kind = OPT_INT, OPT_AT(cli, srv.idle_timeout_s), .min = 1, .max = 3600,
      .expect = "1..3600 seconds",
      .help = "Close connections idle S seconds, and request bodies still arriving S seconds after their "
              "headers (default 30, 1..3600)." },
    { .name = "header-timeout", .arg = "S", .kind = OPT_INT, OPT_AT(cli, srv.header_timeout_s), .min = 1,
      .max = 3600, .expect = "1..3600 seconds",
      .help = "Close a connection whose request head is not complete S seconds after it opened or after the "
              "previous response, even if bytes keep trickling in (default 10, 1..3600)." },
    { .name = "max-connections", .arg = "N", .kind = OPT_INT, OPT_AT(cli, srv.max_connections), .min = 1,
      .max = 100000,
      .help = "Open connections in all (default 1024, 1..100000); when full, the one waiting longest for a "
              "request head is closed to make room." },
    { .name = "max-connections-per-address", .arg = "N", .kind = OPT_INT, OPT_AT(cli, srv.max_per_address),
      .min = 1, .max = 100000,
      .help = "Open connections from one client address (default 128, 1..100000)." },
    { .name = "max-campaigns", .arg = "N", .kind = OPT_INT, OPT_AT(cli, max_campaigns), .min = 1,
      .max = 100000000,
      .help = "Keep at most N campaigns (default 10000, 1..100000000); a create beyond it is answered 507 "
              "INSUFFICIENT_STORAGE." },
    { .name = "max-state-bytes", .arg = "N", .kind = OPT_INT, OPT_AT(cli, max_state_bytes), .min = 65536,
      .max = 1ULL << 50,
      .help = "Keep at most N bytes of campaign state (default 268435456, 256 MiB; 65536..2^50); a create, "
              "update or execute that would pass it is answered 507 and changes nothing." },
    { .name = "self-check", .kind = OPT_FLAG, OPT_AT(cli, srv.self_check),
      .help = "Check every response against its schema; log violations." },
    { .name = "quiet", .kind = OPT_FLAG, OPT_AT(cli, srv.quiet),
      .help = "No request log on stderr." },
    { .name = "help", .short_name = 'h', .kind = OPT_HELP, .flags = OPT_ALONE,
      .help = "Print this help." },
    { .name = "version", .kind = OPT_VERSION, .flags = OPT_ALONE,
      .help = "Print the version." },
};

static const opt_tool mock_tool = {
    .name = "campaign-mock",
    .version = MOCK_VERSION,
    .section = 1,
    .summary = "a reference implementation of the Buyer API v2 campaign endpoints",
    .description = "A reference implementation of the Buyer API v2 campaign endpoints under /api/v2/buyer, "
                   "with in-memory state, plus the mock-only GET /_mock/campaigns/{id} (each buy's sales "
                   "agent and creatives, the surfaced status; not part of the contract). Prints \"listening "
                   "on http://HOST:PORT\" once it accepts connections; SIGINT or SIGTERM stop it.",
    .epilogue = "Exit status:\n"
                "0 after SIGINT or SIGTERM;\n"
                "1 the address cannot be bound;\n"
                "2 usage, fixtures or schema errors.",
    .environment = (const opt_note[]){
        { "CAMPAIGN_MOCK_TOKEN", "The expected bearer token when --token is not given (default demo-token)." },
        { "CAMPAIGN_MOCK_FIXTURES", "The fixtures file when --fixtures FILE is not given (taken as given: it is not searched further)." },
        { "CAMPAIGN_SCHEMA_DIR", "The contract schemas directory when --schema-dir DIR is not given (taken as given: it is not searched further)." },
        { NULL, NULL } },
    .files = (const opt_note[]){
        { "PREFIX/share/campaign-contract/fixtures.json", "The sales agents, products and creatives the mock starts with, found relative to the executable; in the build tree, bin/../tools/mock/fixtures.json." },
        { "PREFIX/share/campaign-contract/schemas", "The contract schemas, found relative to the executable (PREFIX/bin/../share/campaign-contract/schemas), so a moved or copied prefix still works; in the build tree, bin/../schemas." },
        { NULL, NULL } },
    .see_also = "campaign-lint(1), campaign-test(1), campaign-probes(1)",
    .opts = mock_opts,
    .nopts = sizeof mock_opts / sizeof mock_opts[0],
};

/* 0 go on, 1 done (--help or --version printed), -1 usage error (message
 * and help printed). */
static int parse_args(int argc, char **argv, cli *c)
{
    int rc = opts_parse(&mock_tool, argc, argv, c, NULL);
    if (rc != OPTS_GO)
        return rc == OPTS_DONE ? 1 : -1;
    if (!*c->srv.token) {
        opts_usage_error(&mock_tool, "the token must not be empty");
        return -1;
    }
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
#ifdef MOCK_MUTANTS
    /* the test build: CAMPAIGN_MOCK_MUTANT=NAME breaks one behaviour on
     * purpose (tests/mutants/), =list prints the names */
    const char *mutant = getenv("CAMPAIGN_MOCK_MUTANT");
    if (mutant && strcmp(mutant, "list") == 0) {
        mock_mutant_list(stdout);
        return 0;
    }
    if (!mock_mutant_select(mutant)) {
        fprintf(stderr, "campaign-mock: unknown mutant %s (CAMPAIGN_MOCK_MUTANT=list names them)\n", mutant);
        return 2;
    }
#endif
    int pa = parse_args(argc, argv, &c);
    if (pa > 0) return 0;
    if (pa < 0) return 2;

    char fixtures_path[PATH_MAX + 64], schema_dir[PATH_MAX], err[1536];
    if (c.fixtures) snprintf(fixtures_path, sizeof fixtures_path, "%s", c.fixtures);
    else if (default_fixtures(fixtures_path, sizeof fixtures_path, err, sizeof err) != 0) {
        fprintf(stderr, "campaign-mock: %s\n", err);
        return 2;
    }
    if (c.schema_dir) snprintf(schema_dir, sizeof schema_dir, "%s", c.schema_dir);
    else if (contract_find_schema_dir("--schema-dir DIR", schema_dir, sizeof schema_dir, err, sizeof err) != 0) {
        fprintf(stderr, "campaign-mock: %s\n", err);
        return 2;
    }
    mock_fixtures *fx = fixtures_load(fixtures_path, err, sizeof err);
    if (!fx) { fprintf(stderr, "campaign-mock: %s\n", err); return 2; }

    jsv_error jerr;
    memset(&jerr, 0, sizeof jerr);
    contract *ct = contract_load(schema_dir, NULL, &jerr);
    if (!ct) {
        fprintf(stderr, "campaign-mock: cannot load the contract schemas from %s: %s%s%s\n",
                schema_dir, jerr.message, jerr.file[0] ? " in " : "", jerr.file);
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
