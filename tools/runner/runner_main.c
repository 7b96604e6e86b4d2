/* runner_main.c - campaign-test: the command line.
 *
 * Parse -> run -> report: options are read and checked, every case file is
 * loaded and validated before anything is sent (a bad case is exit 2), the
 * selected scenarios run against --base-url, and the reports are written
 * (also when the endpoint is down or the run is interrupted).
 *
 * Exit status: 0 all ran and passed; 1 a step failed or errored, or a
 * report could not be written; 2 usage or case-file errors; 130 interrupted
 * by SIGINT or SIGTERM (after writing the reports). */
#include "case_load.h"
#include "console.h"
#include "campaign/contract.h"
#include "campaign/options.h"
#include "loopback.h"
#include "matrix.h"
#include "merge.h"
#include "ref_mock.h"
#include "redact.h"
#include "report.h"
#include "results.h"
#include "scenario_run.h"
#include "step_run.h"

#include <curl/curl.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define MAX_BODY (8u * 1024 * 1024)

typedef struct options {
    const char *base_url, *token_env;
    unsigned jobs, retries;
    double timeout, regex_budget;
    const char *junit, *html, *json, *report_dir, *schemas;
    unsigned no_reports;
    opt_list tags, xtags, body_dirs;
    const char *name_glob;
    long shard_k, shard_n;
    unsigned fail_fast, dry_run, list, live, allow_spend, insecure, quiet;
    unsigned read_back, no_read_back;
    const char *reference, *reference_fixtures;
    unsigned reference_mock, strict_decisions;
    unsigned merge_reports;
} options;

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

/* --shard K/N: 1 <= K <= N <= 10000. */
static int take_shard(const char *value, void *dest)
{
    options *o = dest;
    const char *slash = strchr(value, '/');
    char k[32];
    long kv, nv;
    if (!slash || (size_t)(slash - value) >= sizeof k) return OPT_CALL_BAD;
    snprintf(k, sizeof k, "%.*s", (int)(slash - value), value);
    if (parse_long(k, 1, 10000, &kv) || parse_long(slash + 1, 1, 10000, &nv) || kv > nv) return OPT_CALL_BAD;
    o->shard_k = kv;
    o->shard_n = nv;
    return OPT_CALL_OK;
}

static const opt_spec runner_opts[] = {
    { .name = "base-url", .arg = "URL", .kind = OPT_STRING, OPT_AT(options, base_url),
      .help = "The API root including /api/v2/buyer; case paths are appended to it. Required, except with "
              "--dry-run or --list. A host that is not loopback needs --live." },
    { .name = "token-env", .arg = "VAR", .kind = OPT_STRING, OPT_AT(options, token_env),
      .help = "The environment variable holding the token (default SCOPE3_API_KEY)." },
    { .name = "jobs", .short_name = 'j', .arg = "N", .kind = OPT_INT, OPT_AT(options, jobs), .min = 1, .max = 256,
      .help = "Scenarios run at once (default 1, 1..256); steps stay in order." },
    { .name = "timeout", .arg = "S", .kind = OPT_NUMBER, .flags = OPT_LO_OPEN, OPT_AT(options, timeout),
      .lo = 0, .hi = 86400, .expect = "seconds, more than 0 and at most 86400",
      .help = "Per request, seconds (default 30)." },
    { .name = "retries", .arg = "N", .kind = OPT_INT, OPT_AT(options, retries), .min = 0, .max = 20,
      .help = "Retry connection failures (nothing sent) N times, with backoff (default 0, 0..20)." },
    { .name = "regex-budget", .arg = "S", .kind = OPT_NUMBER, .flags = OPT_LO_OPEN,
      OPT_AT(options, regex_budget), .lo = 0, .hi = 86400, .expect = "seconds, more than 0 and at most 86400",
      .help = "The search time all `matches` assertions of the run may take (default 10; each search also "
              "stops after 2 s); past it a `matches` is undecided, the step an error." },
    { .name = "junit", .arg = "FILE", .kind = OPT_STRING, OPT_AT(options, junit),
      .help = "Write the JUnit report to FILE. Without any of --junit, --html and --json, all three go to "
              "--report-dir unless --no-reports." },
    { .name = "html", .arg = "FILE", .kind = OPT_STRING, OPT_AT(options, html),
      .help = "Write the HTML report to FILE." },
    { .name = "json", .arg = "FILE", .kind = OPT_STRING, OPT_AT(options, json),
      .help = "Write the JSON summary to FILE." },
    { .name = "report-dir", .arg = "DIR", .kind = OPT_STRING, OPT_AT(options, report_dir),
      .help = "Where the three reports go when none is named (default reports/)." },
    { .name = "no-reports", .kind = OPT_FLAG, OPT_AT(options, no_reports),
      .help = "Write no report." },
    { .name = "tag", .arg = "T", .kind = OPT_LIST, OPT_AT(options, tags),
      .help = "Only scenarios with tag T (repeatable: any of them)." },
    { .name = "exclude-tag", .arg = "T", .kind = OPT_LIST, OPT_AT(options, xtags),
      .help = "Drop scenarios with tag T (repeatable)." },
    { .name = "name", .arg = "GLOB", .kind = OPT_STRING, OPT_AT(options, name_glob),
      .help = "Only scenarios whose name matches GLOB (fnmatch)." },
    { .name = "shard", .arg = "K/N", .kind = OPT_CALL, .call = take_shard,
      .expect = "K/N with 1 <= K <= N <= 10000",
      .help = "Run the K-th of N stable slices of the sorted case files." },
    { .name = "fail-fast", .kind = OPT_FLAG, OPT_AT(options, fail_fast),
      .help = "Start no new scenario after one fails." },
    { .name = "dry-run", .kind = OPT_FLAG, OPT_AT(options, dry_run),
      .help = "Load and validate the cases only." },
    { .name = "list", .kind = OPT_FLAG, OPT_AT(options, list),
      .help = "Print the selected scenarios." },
    { .name = "live", .kind = OPT_FLAG, OPT_AT(options, live),
      .help = "Required for a base URL that is not loopback." },
    { .name = "allow-spend", .kind = OPT_FLAG, OPT_AT(options, allow_spend),
      .help = "On --live runs, also run scenarios tagged spend." },
    { .name = "read-back", .kind = OPT_FLAG, OPT_AT(options, read_back),
      .help = "Read each campaign a step changes before and after the step, and fail the step when the "
              "server's answer and what it then shows disagree (invariants RB1-RB4 in the README). On by "
              "default for a loopback base URL; this turns it on for a --live run (one or two more GETs "
              "per changing step)." },
    { .name = "no-read-back", .kind = OPT_FLAG, OPT_AT(options, no_read_back),
      .help = "Do not read campaigns back." },
    { .name = "reference", .arg = "URL", .kind = OPT_STRING, OPT_AT(options, reference),
      .help = "Differential mode: send every step to the reference server at URL (an API root, like "
              "--base-url; not loopback needs --live) as well, and fail a step whose answer differs from the "
              "reference's beyond what two conforming servers may differ in (the README's rules N1-N7)." },
    { .name = "reference-mock", .kind = OPT_FLAG, OPT_AT(options, reference_mock),
      .help = "Differential mode against the bundled campaign-mock, which the runner starts on a free "
              "loopback port beside itself and stops at the end." },
    { .name = "reference-fixtures", .arg = "FILE", .kind = OPT_STRING, OPT_AT(options, reference_fixtures),
      .help = "The fixtures file of --reference-mock (the one the server under test runs with, when it is a "
              "campaign-mock started with --fixtures)." },
    { .name = "strict-decisions", .kind = OPT_FLAG, OPT_AT(options, strict_decisions),
      .help = "A difference on a behaviour the pages leave to each server (a step covering only decisions) "
              "fails the step too, instead of being noted as differing from the reference's choice." },
    { .name = "merge-reports", .kind = OPT_FLAG, OPT_AT(options, merge_reports),
      .help = "Send nothing: CASES are summary.json files (or report directories) of --shard runs, merged into "
              "one set of reports as one run of them all would write (merge.h)." },
    { .name = "insecure", .kind = OPT_FLAG, OPT_AT(options, insecure),
      .help = "Do not verify TLS certificates." },
    { .name = "schemas", .arg = "DIR", .kind = OPT_STRING, OPT_AT(options, schemas),
      .help = "The contract schemas and the case schema (default: $CAMPAIGN_SCHEMA_DIR, else "
              "share/campaign-contract/schemas beside bin/ when installed, else the build tree's schemas "
              "beside bin/, else ./schemas)." },
    { .name = "body-dir", .arg = "DIR", .kind = OPT_LIST, OPT_AT(options, body_dirs),
      .help = "Let bodyFile read below DIR too (repeatable); by default a body file must lie below a CASES "
              "directory or its case file's own directory." },
    { .name = "quiet", .short_name = 'q', .kind = OPT_FLAG, OPT_AT(options, quiet),
      .help = "Print only the scenarios that failed (each with its first problem), the failures block "
              "and the totals: no passed or skipped scenario, no report paths." },
    { .name = "help", .short_name = 'h', .kind = OPT_HELP, .flags = OPT_ALONE,
      .help = "Print this help." },
    { .name = "version", .kind = OPT_VERSION, .flags = OPT_ALONE,
      .help = "Print the version." },
};

static const opt_tool runner_tool = {
    .name = "campaign-test",
    .version = CT_VERSION,
    .section = 1,
    .summary = "replay campaign API case files against an endpoint and report the results",
    .operands = "CASES...",
    .description = "Replays case files (JSON, one scenario each; directories are searched for *.json) "
                   "against URL, the API root including /api/v2/buyer. The token is read from "
                   "$SCOPE3_API_KEY (or --token-env VAR) and sent as a Bearer token; it never appears in "
                   "any output.",
    .epilogue = "Exit status:\n"
                "0 passed;\n"
                "1 failures or errors;\n"
                "2 usage or case errors;\n"
                "130 interrupted.",
    .environment = (const opt_note[]){
        { "SCOPE3_API_KEY", "The bearer token sent with every request (another variable with --token-env VAR); never written to any output." },
        { "CAMPAIGN_SCHEMA_DIR", "The contract schemas directory when --schemas DIR is not given (taken as given: it is not searched further)." },
        { NULL, NULL } },
    .files = (const opt_note[]){
        { "PREFIX/share/campaign-contract/schemas", "The contract schemas, the case schema (case.schema.json) and the contract rows the coverage matrix counts (contract-rows.tsv), found relative to the executable (PREFIX/bin/../share/campaign-contract/schemas); in the build tree, bin/../schemas." },
        { "PREFIX/bin/campaign-mock", "The reference server of --reference-mock: the campaign-mock beside campaign-test." },
        { NULL, NULL } },
    .see_also = "campaign-lint(1), campaign-mock(1), campaign-probes(1)",
    .opts = runner_opts,
    .nopts = sizeof runner_opts / sizeof runner_opts[0],
    .flags = OPT_TOOL_ABBREV, /* as getopt_long allowed: --dry for --dry-run */
};

/* OPTS_GO, OPTS_DONE (--help or --version printed) or OPTS_USAGE
 * (message and help printed). */
static int parse_args(int argc, char **argv, options *o, opt_list *cases)
{
    int rc = opts_parse(&runner_tool, argc, argv, o, cases);
    if (rc != OPTS_GO) return rc;
    if (!cases->n) return opts_usage_error(&runner_tool, "no CASES given");
    if (o->merge_reports && (o->base_url || o->dry_run || o->list))
        return opts_usage_error(&runner_tool, "--merge-reports reads reports: no --base-url, --dry-run or --list");
    if (o->merge_reports) return OPTS_GO;
    if (!o->base_url && !o->dry_run && !o->list) return opts_usage_error(&runner_tool, "--base-url is required");
    if (o->read_back && o->no_read_back)
        return opts_usage_error(&runner_tool, "--read-back and --no-read-back exclude each other");
    if (o->reference && o->reference_mock)
        return opts_usage_error(&runner_tool, "--reference and --reference-mock exclude each other");
    if (o->reference_fixtures && !o->reference_mock)
        return opts_usage_error(&runner_tool, "--reference-fixtures needs --reference-mock");
    if (o->strict_decisions && !o->reference && !o->reference_mock)
        return opts_usage_error(&runner_tool, "--strict-decisions needs --reference or --reference-mock");
    return OPTS_GO;
}

/* Where bodyFile may read: below each CASES directory (a case file given
 * alone: its directory) and each --body-dir.  0, or -1 after a message. */
static int allow_body_dirs(case_loader *l, const options *o, const opt_list *cases)
{
    for (size_t i = 0; i < o->body_dirs.n; i++)
        if (case_loader_allow_dir(l, o->body_dirs.v[i]) != 0) {
            fprintf(stderr, "campaign-test: --body-dir %s: %s\n", o->body_dirs.v[i], strerror(errno));
            return -1;
        }
    for (size_t i = 0; i < cases->n; i++) {
        struct stat st;
        if (stat(cases->v[i], &st) != 0) continue; /* case_collect reports it */
        if (S_ISDIR(st.st_mode)) {
            if (case_loader_allow_dir(l, cases->v[i]) != 0) return -1;
            continue;
        }
        char *dir = strdup(cases->v[i]), *slash = dir ? strrchr(dir, '/') : NULL;
        if (!dir) return -1;
        if (slash) *(slash == dir ? slash + 1 : slash) = '\0';
        int rc = case_loader_allow_dir(l, slash ? dir : ".");
        free(dir);
        if (rc != 0) return -1;
    }
    return 0;
}

/* 1 loopback, 0 not, -1 unusable URL (message printed). */
static int check_base_url(const char *url)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL;
    int rc = -1;
    if (!u || curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
        fprintf(stderr, "campaign-test: --base-url '%s' is not a valid URL\n", url);
    } else if (strcasecmp(scheme, "http") != 0 && strcasecmp(scheme, "https") != 0) {
        fprintf(stderr, "campaign-test: --base-url must be http or https, got '%s'\n", scheme);
    } else if (strchr(url, '?') || strchr(url, '#')) {
        fprintf(stderr, "campaign-test: --base-url must not carry a query or fragment\n");
    } else {
        rc = ct_host_is_loopback(host);
    }
    curl_free(scheme);
    curl_free(host);
    curl_url_cleanup(u);
    return rc;
}

static int selected(const options *o, const ct_case *c)
{
    if (o->tags.n) {
        int any = 0;
        for (size_t i = 0; i < o->tags.n && !any; i++) any = ct_case_has_tag(c, o->tags.v[i]);
        if (!any) return 0;
    }
    for (size_t i = 0; i < o->xtags.n; i++)
        if (ct_case_has_tag(c, o->xtags.v[i])) return 0;
    if (o->name_glob && fnmatch(o->name_glob, c->name, 0) != 0) return 0;
    return 1;
}

typedef struct progress {
    int quiet;
    int stop_signal;   /* signal number that interrupted the run, 0 = none */
} progress;

static void on_scenario(const ct_scenario_result *r, void *user)
{
    const progress *p = user;
    console_scenario(r, p->quiet);
}

/* SIGINT and SIGTERM are blocked for the whole run and polled here, so no
 * handler and no global flag are needed: the scheduler asks about every
 * 100 ms and stops cleanly, and the reports are still written. */
static int poll_signal(void *user)
{
    progress *p = user;
    if (p->stop_signal) return 1;
    sigset_t pend;
    if (sigpending(&pend) != 0) return 0;
    int sig = sigismember(&pend, SIGINT) ? SIGINT : sigismember(&pend, SIGTERM) ? SIGTERM : 0;
    if (!sig) return 0;
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, sig);
    int got;
    sigwait(&one, &got);
    p->stop_signal = sig;
    fprintf(stderr, "campaign-test: %s: stopping, writing reports\n", sig == SIGINT ? "interrupted" : "terminated");
    return 1;
}

static char *join(const char *dir, const char *file)
{
    size_t n = strlen(dir) + strlen(file) + 2;
    char *s = malloc(n);
    if (s) snprintf(s, n, "%s%s%s", dir, dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/", file);
    return s;
}

int main(int argc, char **argv)
{
    options o = { .token_env = "SCOPE3_API_KEY", .jobs = 1, .timeout = 30, .regex_budget = 10, .report_dir = "reports" };
    opt_list operands = { 0 };
    int status = 2;
    char **files = NULL;
    size_t nfiles = 0, ncases = 0, nsel = 0;
    ct_case **cases = NULL, **sel = NULL;
    contract *con = NULL;
    case_loader *loader = NULL;
    redactor *red = NULL;
    char *owned_junit = NULL, *owned_html = NULL, *owned_json = NULL, *base = NULL, *refbase = NULL;
    ref_mock *rmock = NULL;
    ct_run_result run;
    memset(&run, 0, sizeof run);

    int parsed = parse_args(argc, argv, &o, &operands);
    if (parsed != OPTS_GO) { status = parsed == OPTS_DONE ? 0 : 2; goto out; }
    if (o.merge_reports) {
        ct_merge_opts m = { (char *const *)operands.v, operands.n, o.junit, o.html, o.json, o.report_dir,
                            (int)o.no_reports, (int)o.quiet, o.schemas ? o.schemas : contract_default_schema_dir() };
        status = ct_merge_run(&m);
        goto out;
    }
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) { fprintf(stderr, "campaign-test: libcurl failed to start\n"); goto out; }

    int loop = 0;
    if (o.base_url && !o.dry_run && !o.list) {
        loop = check_base_url(o.base_url);
        if (loop < 0) goto out;
        if (!loop && !o.live) {
            fprintf(stderr, "campaign-test: %s is not a loopback address: pass --live to run against it\n", o.base_url);
            goto out;
        }
        int ref_loop = o.reference ? check_base_url(o.reference) : 1;
        if (ref_loop < 0) goto out;
        if (!ref_loop && !o.live) {
            fprintf(stderr, "campaign-test: --reference %s is not a loopback address: pass --live to run against it\n",
                    o.reference);
            goto out;
        }
    }

    jsv_error je;
    memset(&je, 0, sizeof je);
    char found[PATH_MAX], why[1536];
    const char *sdir = o.schemas;
    if (!sdir && contract_find_schema_dir("--schemas DIR", found, sizeof found, why, sizeof why) != 0) {
        fprintf(stderr, "campaign-test: %s\n", why);
        goto out;
    }
    sdir = sdir ? sdir : found;
    con = contract_load(sdir, NULL, &je);
    if (!con) {
        fprintf(stderr, "campaign-test: cannot load the contract schemas from %s: %s%s%s\n", sdir, je.file[0] ? je.file : "",
                je.file[0] ? ": " : "", je.message);
        goto out;
    }
    char *case_schema = join(sdir, "case.schema.json");
    char err[1024];
    loader = case_schema ? case_loader_new(case_schema, con, err, sizeof err) : NULL;
    free(case_schema);
    if (!loader) { fprintf(stderr, "campaign-test: %s\n", err); goto out; }
    ct_run_load_rows(&run, sdir, stderr);   /* the documented rows the matrix counts */
    if (allow_body_dirs(loader, &o, &operands) != 0) goto out;

    if (case_collect((char *const *)operands.v, (int)operands.n, &files, &nfiles, stderr) != 0) goto out;
    cases = calloc(nfiles + 1, sizeof *cases);
    sel = calloc(nfiles + 1, sizeof *sel);
    if (!cases || !sel) goto out;
    int bad = 0;
    for (size_t i = 0; i < nfiles; i++) {
        /* --shard: a stable slice of the sorted file list. */
        if (o.shard_n && (long)(i % (size_t)o.shard_n) != o.shard_k - 1) continue;
        ct_case *c = case_load(loader, files[i], stderr);
        if (!c) { bad++; continue; }
        cases[ncases++] = c;
    }
    if (bad) {
        fprintf(stderr, "campaign-test: %d case file%s with errors; nothing was sent\n", bad, bad == 1 ? "" : "s");
        goto out;
    }
    size_t nsteps = 0;
    for (size_t i = 0; i < ncases; i++)
        if (selected(&o, cases[i])) { sel[nsel++] = cases[i]; nsteps += cases[i]->nsteps; }

    if (o.list) {
        for (size_t i = 0; i < nsel; i++) {
            printf("%s  %s  [", sel[i]->path, sel[i]->name);
            for (size_t t = 0; t < sel[i]->ntags; t++) printf("%s%s", t ? "," : "", sel[i]->tags[t]);
            printf("]  %zu step%s\n", sel[i]->nsteps, sel[i]->nsteps == 1 ? "" : "s");
        }
        printf("%zu scenario%s, %zu steps\n", nsel, nsel == 1 ? "" : "s", nsteps);
        status = 0;
        goto out;
    }
    if (o.dry_run) {
        printf("%zu case file%s valid; %zu scenario%s selected, %zu steps; nothing sent\n",
               ncases, ncases == 1 ? "" : "s", nsel, nsel == 1 ? "" : "s", nsteps);
        status = 0;
        goto out;
    }

    const char *token = getenv(o.token_env);
    if (!token || !*token)
        fprintf(stderr, "campaign-test: warning: $%s is empty; requests carry no Authorization header\n", o.token_env);
    red = redactor_new(token);
    if (!red) goto out;

    base = strdup(o.base_url);
    if (!base) goto out;
    while (strlen(base) > 1 && base[strlen(base) - 1] == '/') base[strlen(base) - 1] = '\0';
    if (o.reference_mock) {
        rmock = ref_mock_start(o.reference_fixtures, token, err, sizeof err);
        if (!rmock) { fprintf(stderr, "campaign-test: %s\n", err); goto out; }
    }
    if (o.reference || rmock) {
        refbase = strdup(rmock ? ref_mock_url(rmock) : o.reference);
        if (!refbase) goto out;
        while (strlen(refbase) > 1 && refbase[strlen(refbase) - 1] == '/') refbase[strlen(refbase) - 1] = '\0';
        if (!o.quiet) printf("reference: %s\n", refbase);
    }
    ct_regex_budget regex_budget;
    ct_regex_budget_init(&regex_budget, o.regex_budget * 1000 < 1 ? 1u : (unsigned)(o.regex_budget * 1000));
    run_ctx ctx = { con, red, base, token, (long)(o.timeout * 1000), &regex_budget };
    run_ctx refctx = ctx;
    refctx.base_url = refbase;
    progress prog = { o.quiet, 0 };
    char ua[64];
    snprintf(ua, sizeof ua, "campaign-test/%s", CT_VERSION);
    run_plan plan = {
        .cases = sel, .ncases = nsel, .jobs = (int)o.jobs, .fail_fast = o.fail_fast,
        .live = o.live, .allow_spend = o.allow_spend,
        .read_back = o.read_back || (loop && !o.no_read_back),
        .reference = refbase ? &refctx : NULL, .strict_decisions = (int)o.strict_decisions,
        .http = { ctx.timeout_ms, (int)o.retries, 200, o.insecure, MAX_BODY, ua },
        .on_done = on_scenario, .interrupted = poll_signal, .user = &prog,
    };
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigprocmask(SIG_BLOCK, &block, NULL);

    run.base_url = redact(red, base, (size_t)-1);
    if (refbase) run.reference_url = redact(red, refbase, (size_t)-1);
    run.started = time(NULL);
    if (scenarios_run(&ctx, &plan, &run) != 0) {
        fprintf(stderr, "campaign-test: cannot start the HTTP client\n");
        goto out;
    }

    ct_totals t;
    ct_run_totals(&run, &t);
    status = (t.scen_failed || t.steps_failed || t.steps_errored) ? 1 : 0;
    if (!o.no_reports) {
        if (!o.junit && !o.html && !o.json) {
            o.junit = owned_junit = join(o.report_dir, "junit.xml");
            o.html = owned_html = join(o.report_dir, "report.html");
            o.json = owned_json = join(o.report_dir, "summary.json");
        }
        struct { const char *path; int (*fn)(const ct_run_result *, const char *, char *, size_t); } w[] = {
            { o.junit, report_junit }, { o.html, report_html }, { o.json, report_json } };
        for (size_t i = 0; i < 3; i++) {
            if (!w[i].path) continue;
            if (w[i].fn(&run, w[i].path, err, sizeof err) != 0) {
                fprintf(stderr, "campaign-test: %s\n", err);
                status = status ? status : 1;
            } else if (!o.quiet) {
                printf("report: %s\n", w[i].path);
            }
        }
    }
    console_failures(&run);
    printf("steps: %zu passed, %zu failed, %zu errors, %zu skipped or not run; %.2f s\n",
           t.steps_passed, t.steps_failed, t.steps_errored, t.steps_skipped, run.seconds);
    if (refbase)
        printf("differential: %zu difference%s from the reference's choices (decisions; not failures)\n", t.notes,
               t.notes == 1 ? "" : "s");
    if (t.scen_skipped) printf("%zu passed, %zu failed, %zu skipped\n", t.scen_passed, t.scen_failed, t.scen_skipped);
    else printf("%zu passed, %zu failed\n", t.scen_passed, t.scen_failed);
    fflush(stdout);
    if (prog.stop_signal) status = 130;

out:
    ct_run_result_free(&run);
    for (size_t i = 0; i < ncases; i++) ct_case_free(cases[i]);
    free(cases);
    free(sel);
    for (size_t i = 0; i < nfiles; i++) free(files[i]);
    free(files);
    case_loader_free(loader);
    contract_free(con);
    redactor_free(red);
    free(owned_junit);
    free(owned_html);
    free(owned_json);
    free(base);
    free(refbase);
    ref_mock_stop(rmock);
    opts_free(&runner_tool, &o);
    opts_list_free(&operands);
    curl_global_cleanup();
    return status;
}
