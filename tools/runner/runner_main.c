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
#include "campaign/contract.h"
#include "loopback.h"
#include "redact.h"
#include "report.h"
#include "results.h"
#include "scenario_run.h"
#include "step_run.h"

#include <curl/curl.h>
#include <errno.h>
#include <fnmatch.h>
#include <getopt.h>
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
    int jobs, retries;
    double timeout, regex_budget;
    const char *junit, *html, *json, *report_dir, *schemas;
    int no_reports;
    const char **tags, **xtags, **body_dirs;
    size_t ntags, nxtags, nbody_dirs;
    const char *name_glob;
    long shard_k, shard_n;
    int fail_fast, dry_run, list, live, allow_spend, insecure, quiet;
} options;

static void usage(FILE *f)
{
    fputs("usage: campaign-test --base-url URL [--token-env VAR] [-j N] [--timeout S] [--retries N]\n"
          "                     [--regex-budget S]\n"
          "                     [--junit FILE] [--html FILE] [--json FILE] [--report-dir DIR] [--no-reports]\n"
          "                     [--tag T] [--exclude-tag T] [--name GLOB] [--shard K/N] [--fail-fast]\n"
          "                     [--dry-run] [--list] [--live] [--allow-spend] [--insecure]\n"
          "                     [--schemas DIR] [--body-dir DIR] [--quiet] CASES...\n"
          "\n"
          "Replays case files (JSON, one scenario each; directories are searched for\n"
          "*.json) against URL, the API root including /api/v2/buyer.  The token is\n"
          "read from $SCOPE3_API_KEY (or --token-env VAR) and sent as a Bearer token;\n"
          "it never appears in any output.\n"
          "\n"
          "  -j, --jobs N        scenarios run at once (default 1); steps stay in order\n"
          "  --timeout S         per request, seconds (default 30)\n"
          "  --retries N         retry connection failures (nothing sent) N times, with backoff\n"
          "  --regex-budget S    search time all `matches` assertions of the run may take\n"
          "                      (default 10; each search also stops after 2 s); past it a\n"
          "                      `matches` is undecided, the step an error\n"
          "  --junit/--html/--json FILE   reports; without any of them all three go to\n"
          "                      --report-dir (default reports/) unless --no-reports\n"
          "  --tag T             only scenarios with tag T (repeatable: any of them)\n"
          "  --exclude-tag T     drop scenarios with tag T (repeatable)\n"
          "  --name GLOB         only scenarios whose name matches GLOB (fnmatch)\n"
          "  --shard K/N         run the K-th of N stable slices of the sorted case files\n"
          "  --fail-fast         start no new scenario after one fails\n"
          "  --dry-run           load and validate the cases only\n"
          "  --list              print the selected scenarios\n"
          "  --live              required for a base URL that is not loopback\n"
          "  --allow-spend       on --live runs, also run scenarios tagged spend\n"
          "  --insecure          do not verify TLS certificates\n"
          "  --schemas DIR       contract schemas (default: $CAMPAIGN_SCHEMA_DIR, bin/../schemas)\n"
          "  --body-dir DIR      let bodyFile read below DIR too (repeatable); by default a\n"
          "                      body file must lie below a CASES directory or its case file's\n"
          "                      own directory\n"
          "\n"
          "Exit status: 0 passed, 1 failures or errors, 2 usage or case errors, 130 interrupted.\n", f);
}

static int push(const char ***v, size_t *n, const char *s)
{
    const char **nv = realloc(*v, (*n + 1) * sizeof *nv);
    if (!nv) return -1;
    nv[(*n)++] = s;
    *v = nv;
    return 0;
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

enum { O_TOKEN_ENV = 256, O_TIMEOUT, O_RETRIES, O_JUNIT, O_HTML, O_JSON, O_REPORT_DIR, O_NO_REPORTS,
       O_TAG, O_XTAG, O_NAME, O_SHARD, O_FAIL_FAST, O_DRY_RUN, O_LIST, O_LIVE, O_ALLOW_SPEND,
       O_INSECURE, O_SCHEMAS, O_VERSION, O_BASE_URL, O_BODY_DIR, O_REGEX_BUDGET };

static int parse_args(int argc, char **argv, options *o, int *first_case)
{
    static const struct option longopts[] = {
        { "base-url", required_argument, NULL, O_BASE_URL },
        { "token-env", required_argument, NULL, O_TOKEN_ENV },
        { "jobs", required_argument, NULL, 'j' },
        { "timeout", required_argument, NULL, O_TIMEOUT },
        { "retries", required_argument, NULL, O_RETRIES },
        { "regex-budget", required_argument, NULL, O_REGEX_BUDGET },
        { "junit", required_argument, NULL, O_JUNIT },
        { "html", required_argument, NULL, O_HTML },
        { "json", required_argument, NULL, O_JSON },
        { "report-dir", required_argument, NULL, O_REPORT_DIR },
        { "no-reports", no_argument, NULL, O_NO_REPORTS },
        { "tag", required_argument, NULL, O_TAG },
        { "exclude-tag", required_argument, NULL, O_XTAG },
        { "name", required_argument, NULL, O_NAME },
        { "shard", required_argument, NULL, O_SHARD },
        { "fail-fast", no_argument, NULL, O_FAIL_FAST },
        { "dry-run", no_argument, NULL, O_DRY_RUN },
        { "list", no_argument, NULL, O_LIST },
        { "live", no_argument, NULL, O_LIVE },
        { "allow-spend", no_argument, NULL, O_ALLOW_SPEND },
        { "insecure", no_argument, NULL, O_INSECURE },
        { "schemas", required_argument, NULL, O_SCHEMAS },
        { "body-dir", required_argument, NULL, O_BODY_DIR },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, O_VERSION },
        { NULL, 0, NULL, 0 }
    };
    int c;
    long v;
    char *end;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "j:qh", longopts, NULL)) != -1) {
        switch (c) {
        case O_BASE_URL: o->base_url = optarg; break;
        case O_TOKEN_ENV: o->token_env = optarg; break;
        case 'j':
            if (parse_long(optarg, 1, 256, &v)) { fprintf(stderr, "campaign-test: -j wants 1..256, got '%s'\n", optarg); return -1; }
            o->jobs = (int)v; break;
        case O_TIMEOUT:
            errno = 0;
            o->timeout = strtod(optarg, &end);
            if (errno || end == optarg || *end || !(o->timeout > 0) || o->timeout > 86400) {
                fprintf(stderr, "campaign-test: --timeout wants seconds > 0, got '%s'\n", optarg); return -1; }
            break;
        case O_REGEX_BUDGET:
            errno = 0;
            o->regex_budget = strtod(optarg, &end);
            if (errno || end == optarg || *end || !(o->regex_budget > 0) || o->regex_budget > 86400) {
                fprintf(stderr, "campaign-test: --regex-budget wants seconds > 0 and at most 86400, got '%s'\n", optarg);
                return -1;
            }
            break;
        case O_RETRIES:
            if (parse_long(optarg, 0, 20, &v)) { fprintf(stderr, "campaign-test: --retries wants 0..20, got '%s'\n", optarg); return -1; }
            o->retries = (int)v; break;
        case O_JUNIT: o->junit = optarg; break;
        case O_HTML: o->html = optarg; break;
        case O_JSON: o->json = optarg; break;
        case O_REPORT_DIR: o->report_dir = optarg; break;
        case O_NO_REPORTS: o->no_reports = 1; break;
        case O_TAG: if (push(&o->tags, &o->ntags, optarg)) return -1; break;
        case O_XTAG: if (push(&o->xtags, &o->nxtags, optarg)) return -1; break;
        case O_NAME: o->name_glob = optarg; break;
        case O_SHARD: {
            char *slash = strchr(optarg, '/');
            char k[32];
            if (!slash || (size_t)(slash - optarg) >= sizeof k) goto bad_shard;
            snprintf(k, sizeof k, "%.*s", (int)(slash - optarg), optarg);
            if (parse_long(k, 1, 10000, &o->shard_k) || parse_long(slash + 1, 1, 10000, &o->shard_n) || o->shard_k > o->shard_n) {
            bad_shard:
                fprintf(stderr, "campaign-test: --shard wants K/N with 1 <= K <= N, got '%s'\n", optarg);
                return -1;
            }
            break;
        }
        case O_FAIL_FAST: o->fail_fast = 1; break;
        case O_DRY_RUN: o->dry_run = 1; break;
        case O_LIST: o->list = 1; break;
        case O_LIVE: o->live = 1; break;
        case O_ALLOW_SPEND: o->allow_spend = 1; break;
        case O_INSECURE: o->insecure = 1; break;
        case O_SCHEMAS: o->schemas = optarg; break;
        case O_BODY_DIR: if (push(&o->body_dirs, &o->nbody_dirs, optarg)) return -1; break;
        case 'q': o->quiet = 1; break;
        case 'h': usage(stdout); exit(0);
        case O_VERSION: printf("campaign-test %s\n", CT_VERSION); exit(0);
        default:
            if (optopt) fprintf(stderr, "campaign-test: option -%c: missing or unknown\n", optopt);
            else fprintf(stderr, "campaign-test: unknown option '%s'\n", argv[optind - 1]);
            return -1;
        }
    }
    *first_case = optind;
    if (optind >= argc) { fprintf(stderr, "campaign-test: no CASES given\n"); return -1; }
    if (!o->base_url && !o->dry_run && !o->list) { fprintf(stderr, "campaign-test: --base-url is required\n"); return -1; }
    return 0;
}

/* Where bodyFile may read: below each CASES directory (a case file given
 * alone: its directory) and each --body-dir.  0, or -1 after a message. */
static int allow_body_dirs(case_loader *l, const options *o, char *const *cases, int ncases)
{
    for (size_t i = 0; i < o->nbody_dirs; i++)
        if (case_loader_allow_dir(l, o->body_dirs[i]) != 0) {
            fprintf(stderr, "campaign-test: --body-dir %s: %s\n", o->body_dirs[i], strerror(errno));
            return -1;
        }
    for (int i = 0; i < ncases; i++) {
        struct stat st;
        if (stat(cases[i], &st) != 0) continue; /* case_collect reports it */
        if (S_ISDIR(st.st_mode)) {
            if (case_loader_allow_dir(l, cases[i]) != 0) return -1;
            continue;
        }
        char *dir = strdup(cases[i]), *slash = dir ? strrchr(dir, '/') : NULL;
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
    if (o->ntags) {
        int any = 0;
        for (size_t i = 0; i < o->ntags && !any; i++) any = ct_case_has_tag(c, o->tags[i]);
        if (!any) return 0;
    }
    for (size_t i = 0; i < o->nxtags; i++)
        if (ct_case_has_tag(c, o->xtags[i])) return 0;
    if (o->name_glob && fnmatch(o->name_glob, c->name, 0) != 0) return 0;
    return 1;
}

typedef struct progress {
    int quiet;
    int stop_signal;   /* signal number that interrupted the run, 0 = none */
} progress;

static void on_scenario(const ct_scenario_result *r, void *user)
{
    progress *p = user;
    static const char *const label[] = { "PASS", "FAIL", "ERROR", "SKIP", "NOT RUN" };
    printf("%-7s %s  (%s, %zu step%s, %.2f s)\n", label[r->outcome], r->name, r->file,
           r->nsteps, r->nsteps == 1 ? "" : "s", r->seconds);
    if (r->message && r->outcome != CT_PASS && !p->quiet) printf("        %s\n", r->message);
    fflush(stdout);
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
    int first = 0, status = 2;
    char **files = NULL;
    size_t nfiles = 0, ncases = 0, nsel = 0;
    ct_case **cases = NULL, **sel = NULL;
    contract *con = NULL;
    case_loader *loader = NULL;
    redactor *red = NULL;
    char *owned_junit = NULL, *owned_html = NULL, *owned_json = NULL, *base = NULL;
    ct_run_result run;
    memset(&run, 0, sizeof run);

    if (parse_args(argc, argv, &o, &first) != 0) { usage(stderr); goto out; }
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) { fprintf(stderr, "campaign-test: libcurl failed to start\n"); goto out; }

    if (o.base_url && !o.dry_run && !o.list) {
        int loop = check_base_url(o.base_url);
        if (loop < 0) goto out;
        if (!loop && !o.live) {
            fprintf(stderr, "campaign-test: %s is not a loopback address: pass --live to run against it\n", o.base_url);
            goto out;
        }
    }

    jsv_error je;
    memset(&je, 0, sizeof je);
    const char *sdir = o.schemas ? o.schemas : contract_default_schema_dir();
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
    if (allow_body_dirs(loader, &o, argv + first, argc - first) != 0) goto out;

    if (case_collect(argv + first, argc - first, &files, &nfiles, stderr) != 0) goto out;
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
    ct_regex_budget regex_budget;
    ct_regex_budget_init(&regex_budget, o.regex_budget * 1000 < 1 ? 1u : (unsigned)(o.regex_budget * 1000));
    run_ctx ctx = { con, red, base, token, (long)(o.timeout * 1000), &regex_budget };
    progress prog = { o.quiet, 0 };
    char ua[64];
    snprintf(ua, sizeof ua, "campaign-test/%s", CT_VERSION);
    run_plan plan = {
        .cases = sel, .ncases = nsel, .jobs = o.jobs, .fail_fast = o.fail_fast,
        .live = o.live, .allow_spend = o.allow_spend,
        .http = { ctx.timeout_ms, o.retries, 200, o.insecure, MAX_BODY, ua },
        .on_done = on_scenario, .interrupted = poll_signal, .user = &prog,
    };
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigprocmask(SIG_BLOCK, &block, NULL);

    run.base_url = redact(red, base, (size_t)-1);
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
    printf("steps: %zu passed, %zu failed, %zu errors, %zu skipped or not run; %.2f s\n",
           t.steps_passed, t.steps_failed, t.steps_errored, t.steps_skipped, run.seconds);
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
    free(o.tags);
    free(o.xtags);
    free(o.body_dirs);
    curl_global_cleanup();
    return status;
}
