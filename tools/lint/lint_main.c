/* lint_main.c - campaign-lint: check JSON payloads against the campaign
 * contract (a body name: schema + rules) or any JSON Schema file (engine
 * only), before they are sent.
 *
 * Exit status: 0 every payload valid, 1 some payload invalid (malformed
 * JSON included), 2 usage error, unreadable input (an NDJSON line over
 * --max-size included) or unusable schema, 3 no payload invalid but some
 * could not be decided (a schema keyword could not be evaluated: a regex
 * reached its match limit). */
#include "lint.h"
#include "campaign/options.h"

#include "campaign/dir.h"
#include <errno.h>
#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { EXIT_VALID = 0, EXIT_INVALID = 1, EXIT_USAGE = 2, EXIT_UNDECIDED = 3 };

typedef struct options {
    const char *schema;
    const char *schema_dir;
    unsigned format;            /* enum lint_format, as lint_formats[] */
    unsigned strict, ndjson, no_format_assert;
    double regex_budget;        /* seconds */
    size_t max_size, max_findings;
} options;

static int list_schemas(const char *value, void *dest)
{
    (void)value;
    (void)dest;
    for (size_t k = 0; k < contract_body_count; k++)
        puts(contract_body_names[k]);
    return OPT_CALL_STOP;
}

/* In the order of enum lint_format. */
static const char *const lint_formats[] = { "text", "json", "junit", "github", NULL };

static const opt_spec lint_opts[] = {
    { .name = "schema", .arg = "NAME|PATH", .kind = OPT_STRING, .flags = OPT_REQUIRED, OPT_AT(options, schema),
      .help = "What to check against. A NAME is a contract body (its schema and the contract rules; see "
              "--list-schemas). A PATH is any JSON Schema file (that schema only, no contract rules): it "
              "contains '/' or ends in .json. The files its $refs name are read as they are reached; no "
              "other file beside it is opened." },
    { .name = "format", .arg = "FORMAT", .kind = OPT_ENUM, OPT_AT(options, format), .words = lint_formats,
      .help = "The output: text (default), json, junit or github." },
    { .name = "strict", .kind = OPT_FLAG, OPT_AT(options, strict),
      .help = "Also report properties no schema declares (unknownProperty)." },
    { .name = "ndjson", .kind = OPT_FLAG, OPT_AT(options, ndjson),
      .help = "Each line of each FILE is one payload (blank lines are skipped). It is read line by line "
              "in bounded memory, and each line's result is written before more input is awaited." },
    { .name = "schema-dir", .arg = "DIR", .kind = OPT_STRING, OPT_AT(options, schema_dir),
      .help = "The contract's schemas (default: $CAMPAIGN_SCHEMA_DIR, else share/campaign-contract/schemas "
              "beside bin/ when installed, else the build tree's schemas beside bin/, else ./schemas)." },
    { .name = "no-format-assert", .kind = OPT_FLAG, OPT_AT(options, no_format_assert),
      .help = "Treat \"format\" as an annotation only." },
    { .name = "regex-budget", .arg = "SECONDS", .kind = OPT_NUMBER, .flags = OPT_LO_OPEN,
      OPT_AT(options, regex_budget), .lo = 0, .hi = 86400,
      .expect = "seconds, more than 0 and at most 86400",
      .help = "The regex search time the whole run may take (default 10; each check also stops a search "
              "after 2 s). Past it, every pattern that needs a search is undecided." },
    { .name = "max-size", .arg = "BYTES", .kind = OPT_INT, OPT_AT(options, max_size), .min = 1,
      .max = SIZE_MAX / 2, .expect = "a number of bytes greater than 0",
      .help = "The largest payload read (default 268435456, 256 MiB): a file or standard input larger is "
              "refused (status 2). With --ndjson it bounds each line instead (an NDJSON stream may be any "
              "length): a longer line is a max-size finding on that line, skipped, and the next lines are "
              "checked (status 2). It bounds schema files too. Only regular files and - are read." },
    { .name = "max-findings", .arg = "N", .kind = OPT_INT, OPT_AT(options, max_findings), .min = 0,
      .max = SIZE_MAX / 2, .expect = "a number (0: all)",
      .help = "Findings shown per payload (default 1000; 0: all); past it a line says how many more there "
              "are. The first N the checks find are kept, in source order; the rest are only counted, so "
              "a payload with millions of errors costs little more memory than one with N." },
    { .name = "list-schemas", .kind = OPT_CALL, .flags = OPT_ALONE, .call = list_schemas,
      .help = "Print the contract's body names, one a line." },
    { .name = "help", .short_name = 'h', .kind = OPT_HELP, .flags = OPT_ALONE,
      .help = "Print this help." },
    { .name = "version", .kind = OPT_VERSION, .flags = OPT_ALONE,
      .help = "Print the version." },
};

static const opt_tool lint_tool = {
    .name = LINT_NAME,
    .version = JSV_VERSION,
    .section = 1,
    .summary = "check JSON payloads against the campaign API contract",
    .operands = "FILE... | -",
    .description = "Checks JSON payloads against the campaign API contract. Each FILE is one payload "
                   "(standard input when FILE is -).",
    .epilogue = "Exit status:\n"
                "0 all valid;\n"
                "1 some payload invalid;\n"
                "2 usage error, unreadable file (or NDJSON line over --max-size) or unknown schema;\n"
                "3 none invalid but some could not be decided (a keyword could not be evaluated: a regex "
                "reached its match limit or the time budget; such findings are marked \"undecided\").",
    .environment = (const opt_note[]){
        { "CAMPAIGN_SCHEMA_DIR", "The contract schemas directory when --schema-dir DIR is not given (taken as given: it is not searched further)." },
        { NULL, NULL } },
    .files = (const opt_note[]){
        { "PREFIX/share/campaign-contract/schemas", "The contract schemas, found relative to the executable (PREFIX/bin/../share/campaign-contract/schemas), so a moved or copied prefix still works; in the build tree, bin/../schemas." },
        { NULL, NULL } },
    .see_also = "campaign-mock(1), campaign-test(1), campaign-probes(1)",
    .opts = lint_opts,
    .nopts = sizeof lint_opts / sizeof lint_opts[0],
};

/* Parse argv into o and the input files.  Returns -1 to go on, else an
 * exit status. */
static int parse_args(int argc, char **argv, options *o, opt_list *files)
{
    o->regex_budget = LINT_REGEX_BUDGET_MS / 1000.0;
    o->max_size = LINT_MAX_INPUT;
    o->max_findings = LINT_MAX_FINDINGS;
    int rc = opts_parse(&lint_tool, argc, argv, o, files);
    if (rc == OPTS_DONE)
        return EXIT_VALID;
    if (rc != OPTS_GO)
        return EXIT_USAGE;
    if (!files->n) {
        opts_usage_error(&lint_tool, "%s", "no input files (use - for standard input)");
        return EXIT_USAGE;
    }
    return -1;
}

static int is_regular_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int looks_like_path(const char *s)
{
    size_t n = strlen(s);
    return strchr(s, '/') || (n > 5 && strcmp(s + n - 5, ".json") == 0);
}

static int is_body_name(const char *s)
{
    for (size_t k = 0; k < contract_body_count; k++)
        if (strcmp(contract_body_names[k], s) == 0)
            return 1;
    return 0;
}

static void print_load_error(const char *what, const jsv_error *err)
{
    fprintf(stderr, LINT_NAME ": %s: ", what);
    if (err->file[0])
        fprintf(stderr, "%s:", err->file);
    if (err->line)
        fprintf(stderr, "%u:%u:", err->line, err->col);
    if (err->file[0] || err->line)
        fputc(' ', stderr);
    if (err->pointer[0] || err->uri[0])
        fprintf(stderr, "at %s#%s: ", err->uri, err->pointer);
    fprintf(stderr, "%s\n", err->message);
}

/* ---- schema files beside a path --------------------------------------- */

typedef struct path_list {
    char **v;
    size_t n;
} path_list;

static void path_list_free(path_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

/* The *.json regular files of dir as "dir/name", sorted; unreadable dir
 * = none.  Only regular files: a FIFO named x.json would hang the load. */
static int list_json(const char *dir, path_list *l)
{
    dir_list d;
    if (dir_list_read(dir, ".json", 0, &d) != 0)
        return 0;
    if (d.n && !(l->v = calloc(d.n, sizeof *l->v)))
        d.n = 0;
    for (size_t i = 0; i < d.n; i++) {
        if (d.v[i].kind != DIR_KIND_FILE)
            continue;
        size_t size = strlen(dir) + strlen(d.v[i].name) + 2;
        if (!(l->v[l->n] = malloc(size)))
            break;
        snprintf(l->v[l->n++], size, "%s/%s", dir, d.v[i].name);
    }
    dir_list_free(&d);
    return 0;
}

/* ---- linting ----------------------------------------------------------- */

typedef struct totals {
    size_t units, invalid, undecided, findings;
} totals;

/* Count a payload with n findings (-1: out of memory), undecided as
 * lint_check_payload says. */
static int count_result(totals *t, int n, int undecided)
{
    if (n < 0)
        return -1;
    t->units++;
    if (n > 0) {
        if (undecided) t->undecided++;
        else t->invalid++;
        t->findings += (size_t)n;
    }
    return 0;
}

static int is_blank(const char *s, size_t n)
{
    for (size_t j = 0; j < n; j++)
        if (s[j] != ' ' && s[j] != '\t' && s[j] != '\r')
            return 0;
    return 1;
}

/* A line over --max-size: reported as that line's finding (and on
 * stderr, like any input not read), then skipped. */
static int refuse_line(lint_checker *k, const char *file, const char *name, unsigned line,
                       size_t len, size_t max, lint_output *out)
{
    char msg[160];
    snprintf(msg, sizeof msg, "line of %zu bytes, larger than %zu bytes (--max-size); not checked", len, max);
    fflush(stdout);
    fprintf(stderr, LINT_NAME ": %s: %s\n", name, msg);
    return lint_check_refused(k, file, name, line, "max-size", msg, out);
}

/* Lint each non-blank line of path as its own payload named FILE:LINE,
 * reading it line by line (lint_lines.c: memory bounded by max, output
 * flushed before input is awaited).  0; 1 when some of it could not be read (a
 * line over max, a read error: said on stderr); -1 out of memory. */
static int lint_ndjson(lint_checker *k, const char *path, const char *file, size_t max,
                       lint_output *out, totals *t)
{
    int e = 0, r = 0, rc;
    const char *line;
    size_t len;
    unsigned long no;
    lint_lines *in = lint_lines_open(path, max, stdout, &e);
    if (!in && e != ENOMEM) {
        char why[96];
        fflush(stdout);
        fprintf(stderr, LINT_NAME ": %s: %s\n", file, lint_read_error(e, max, why, sizeof why));
        return 1;
    }
    char *name = in ? malloc(strlen(file) + 24) : NULL;
    if (!name) {
        lint_lines_close(in);
        return -1;
    }
    while ((rc = lint_lines_next(in, &line, &len, &no)) > 0) {
        unsigned at = no > UINT_MAX ? UINT_MAX : (unsigned)no;
        int undecided = 0, found;
        sprintf(name, "%s:%lu", file, no);
        if (rc == LINT_LINE_TOO_LONG) {
            found = refuse_line(k, file, name, at, len, max, out);
            r = 1;
        } else if (is_blank(line, len)) {
            continue;
        } else {
            found = lint_check_payload(k, file, name, line, len, at, out, &undecided);
        }
        if (count_result(t, found, undecided) != 0) {
            r = -1;
            break;
        }
    }
    if (rc == LINT_LINE_ERROR) {
        fflush(stdout);
        fprintf(stderr, LINT_NAME ": %s: %s\n", file, strerror(errno));
        r = 1;
    }
    free(name);
    lint_lines_close(in);
    return r;
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

int main(int argc, char **argv)
{
    options o = { 0 };
    opt_list files = { 0 };
    int rc = parse_args(argc, argv, &o, &files);
    contract *c = NULL;
    jsv_registry *reg = NULL;
    jsv_schema *schema = NULL;
    lint_hints *hints = NULL;
    lint_checker *k = NULL;
    lint_output *out = NULL;
    path_list schema_files = { 0 };
    jsv_error err;
    totals t = { 0 };
    int unreadable = 0;

    if (rc >= 0)
        goto done;
    rc = EXIT_USAGE;

    jsv_options jopts = { 0, 0, 0 };
    if (o.strict)
        jopts.flags |= JSV_REPORT_UNKNOWN;
    if (o.no_format_assert)
        jopts.flags |= JSV_FORMAT_ANNOTATION;

    int by_path = looks_like_path(o.schema) && is_regular_file(o.schema);
    if (!by_path && !is_body_name(o.schema)) {
        fprintf(stderr, LINT_NAME ": unknown schema '%s'%s; valid names:", o.schema,
                looks_like_path(o.schema) ? " (no such file)" : "");
        for (size_t i = 0; i < contract_body_count; i++)
            fprintf(stderr, "%s %s", i ? "," : "", contract_body_names[i]);
        fputc('\n', stderr);
        goto done;
    }
    memset(&err, 0, sizeof err);
    if (by_path) {
        /* the schema and the files its $refs reach, nothing else beside it */
        const char *uri = NULL;
        int n = (reg = jsv_registry_new())
              ? jsv_registry_add_schema_file(reg, o.schema, o.max_size, &uri, &schema_files.v, &err) : -1;
        if (n > 0)
            schema_files.n = (size_t)n;
        if (n < 0 || !(schema = jsv_compile(reg, uri, &jopts, &err))) {
            print_load_error(o.schema, &err);
            goto done;
        }
    } else {
        char found[PATH_MAX], why[1536];
        const char *dir = o.schema_dir;
        if (!dir && contract_find_schema_dir("--schema-dir DIR", found, sizeof found, why, sizeof why) != 0) {
            fprintf(stderr, LINT_NAME ": %s\n", why);
            goto done;
        }
        dir = dir ? dir : found;
        if (!(c = contract_load_body(dir, &jopts, o.schema, &err))) {
            print_load_error("cannot load the contract schemas", &err);
            goto done;
        }
        list_json(dir, &schema_files);
    }
    if (!(hints = lint_hints_new((const char *const *)schema_files.v, schema_files.n)))
        goto oom;

    unsigned budget_ms = o.regex_budget * 1000 < 1 ? 1 : (unsigned)(o.regex_budget * 1000);
    /* notes for request bodies only: the responses' objects are closed,
     * where an undeclared member is a finding already */
    int notes = !o.strict && !by_path && strstr(o.schema, "-request") != NULL;
    lint_config cfg = { c, by_path ? NULL : o.schema, schema, hints, notes, budget_ms, o.max_findings };
    if (!(k = lint_checker_new(&cfg)) || !(out = lint_output_new((enum lint_format)o.format, stdout, o.schema)))
        goto oom;

    for (size_t i = 0; i < files.n; i++) {
        const char *path = files.v[i];
        const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
        char *buf = NULL;
        size_t len = 0;
        if (o.ndjson) {
            int r = lint_ndjson(k, path, name, o.max_size, out, &t);
            if (r < 0)
                goto oom;
            unreadable |= r;
            continue;
        }
        int e = lint_read_file(path, o.max_size, &buf, &len);
        if (e) {
            char why[96];
            fflush(stdout);
            fprintf(stderr, LINT_NAME ": %s: %s\n", name, lint_read_error(e, o.max_size, why, sizeof why));
            unreadable = 1;
            continue;
        }
        int undecided;
        int found = lint_check_payload(k, name, name, buf, len, 1, out, &undecided);
        int r = count_result(&t, found, undecided);
        free(buf);
        if (r != 0)
            goto oom;
    }
    int write_failed = lint_output_finish(out) != 0;
    out = NULL;
    fprintf(stderr, "%zu %s%s, %zu invalid, ", t.units, o.ndjson ? "payload" : "file", t.units == 1 ? "" : "s",
            t.invalid);
    if (t.undecided)
        fprintf(stderr, "%zu undecided, ", t.undecided);
    fprintf(stderr, "%zu %s\n", t.findings, plural(t.findings, "finding", "findings"));
    if (write_failed)
        fprintf(stderr, LINT_NAME ": error writing the output\n");
    rc = unreadable || write_failed ? EXIT_USAGE
       : t.invalid ? EXIT_INVALID : t.undecided ? EXIT_UNDECIDED : EXIT_VALID;
    goto done;
oom:
    fprintf(stderr, LINT_NAME ": out of memory\n");
    rc = EXIT_USAGE;
done:
    if (out)
        lint_output_finish(out);
    lint_checker_free(k);
    lint_hints_free(hints);
    path_list_free(&schema_files);
    contract_free(c);
    jsv_schema_free(schema);
    jsv_registry_free(reg);
    opts_list_free(&files);
    return rc;
}
