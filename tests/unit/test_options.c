/* test_options.c - the option tables (campaign/options.h): each kind
 * stores what it reads and refuses what it should, on both sides of its
 * bounds, with a message naming the option; the syntax (--name=V, -jN,
 * grouped flags, --, -, prefixes); and the help written from the table. */
#include "campaign/options.h"
#include "check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct check T = { 0, 0, "options" };

typedef struct opts {
    unsigned quiet;
    const char *name;
    opt_list tags;
    unsigned jobs;
    unsigned long long seed;
    unsigned short port;
    double timeout, rate;
    unsigned format;
    long k;
    int called;
} opts;

static int take_k(const char *value, void *dest)
{
    opts *o = dest;
    o->called++;
    if (strcmp(value, "stop") == 0)
        return OPT_CALL_STOP;
    char *end;
    o->k = strtol(value, &end, 10);
    return *end || end == value ? OPT_CALL_BAD : OPT_CALL_OK;
}

static const char *const formats[] = { "text", "json", NULL };

static const opt_spec specs[] = {
    { .name = "quiet", .short_name = 'q', .kind = OPT_FLAG, OPT_AT(opts, quiet), .help = "Say less." },
    { .name = "name", .arg = "GLOB", .kind = OPT_STRING, OPT_AT(opts, name), .help = "A name." },
    { .name = "tag", .arg = "T", .kind = OPT_LIST, OPT_AT(opts, tags), .help = "A tag (repeatable)." },
    { .name = "jobs", .short_name = 'j', .arg = "N", .kind = OPT_INT, OPT_AT(opts, jobs), .min = 1, .max = 256,
      .help = "Jobs." },
    { .name = "seed", .arg = "S", .kind = OPT_INT, OPT_AT(opts, seed), .min = 0, .max = UINT64_MAX,
      .help = "Seed." },
    { .name = "port", .arg = "N", .kind = OPT_INT, OPT_AT(opts, port), .min = 0, .max = 65535, .help = "Port." },
    { .name = "timeout", .arg = "S", .kind = OPT_NUMBER, .flags = OPT_LO_OPEN, OPT_AT(opts, timeout),
      .lo = 0, .hi = 86400, .expect = "seconds, more than 0 and at most 86400", .help = "Seconds." },
    { .name = "rate", .arg = "P", .kind = OPT_NUMBER, OPT_AT(opts, rate), .lo = 0, .hi = 1, .help = "Rate." },
    { .name = "format", .arg = "FORMAT", .kind = OPT_ENUM, OPT_AT(opts, format), .words = formats,
      .help = "Format." },
    { .name = "shard", .arg = "K", .kind = OPT_CALL, .call = take_k, .expect = "a number",
      .help = "A long sentence that has to be wrapped because it is much longer than one line of the "
              "help can hold at seventy-nine columns." },
    { .name = "list", .kind = OPT_FLAG, OPT_AT(opts, called), .help = "List." },
    { .name = "live", .kind = OPT_FLAG, OPT_AT(opts, quiet), .help = "Live." },
    { .name = "need", .arg = "X", .kind = OPT_STRING, .flags = OPT_REQUIRED, OPT_AT(opts, name),
      .help = "Required." },
    { .name = "help", .short_name = 'h', .kind = OPT_HELP, .flags = OPT_ALONE, .help = "Print this help." },
};

static opt_tool tool = {
    .name = "tool", .section = 1, .summary = "a tool", .operands = "FILE...",
    .description = "Does things.", .epilogue = "Exit status:\n0 fine;\n2 usage.",
    .opts = specs, .nopts = sizeof specs / sizeof specs[0],
};

/* What the last parse said on stderr and stdout. */
static char err_text[16384], out_text[16384];

static void slurp(FILE *f, char *buf, size_t size)
{
    rewind(f);
    size_t n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
}

/* Parse "--need x" plus args (NULL-terminated) into *o, operands into *ops. */
static int parse(opts *o, opt_list *ops, const char *const *args)
{
    char *argv[32] = { "tool", "--need", "x" };
    int argc = 3;
    for (; args[argc - 3]; argc++)
        argv[argc] = (char *)args[argc - 3];
    memset(o, 0, sizeof *o);
    memset(ops, 0, sizeof *ops);
    FILE *e = tmpfile(), *out = tmpfile();
    fflush(stderr);
    fflush(stdout);
    int save_err = dup(2), save_out = dup(1);
    dup2(fileno(e), 2);
    dup2(fileno(out), 1);
    int rc = opts_parse(&tool, argc, argv, o, ops);
    fflush(stderr);
    fflush(stdout);
    dup2(save_err, 2);
    dup2(save_out, 1);
    close(save_err);
    close(save_out);
    slurp(e, err_text, sizeof err_text);
    slurp(out, out_text, sizeof out_text);
    fclose(e);
    fclose(out);
    return rc;
}

/* args parse with rc, and (when want) stderr's first line is want. */
static void expect(const char *const *args, int rc, const char *want)
{
    opts o;
    opt_list ops;
    int got = parse(&o, &ops, args);
    CHECK_MSG(&T, got == rc, "%s ...: rc %d, want %d (%s)", args[0] ? args[0] : "", got, rc, err_text);
    if (want) {
        size_t n = strcspn(err_text, "\n");
        CHECK_MSG(&T, strlen(want) == n && strncmp(err_text, want, n) == 0, "stderr '%.*s', want '%s'", (int)n,
                  err_text, want);
    }
    if (rc == OPTS_USAGE)
        CHECK_MSG(&T, strstr(err_text, "usage: tool") != NULL, "the help follows the message");
    opts_free(&tool, &o);
    opts_list_free(&ops);
}

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void test_kinds(void)
{
    opts o;
    opt_list ops;
    CHECK_INT(&T, parse(&o, &ops, ARGS("-q", "--name", "a*", "--tag", "x", "--tag=y", "-j", "4", "--seed",
                                       "18446744073709551615", "--port", "65535", "--timeout", "0.5", "--rate",
                                       "1", "--format", "json", "--shard", "7", "f1", "-", "f2")),
              OPTS_GO);
    CHECK_INT(&T, o.quiet, 1);
    CHECK_STR(&T, o.name, "a*");
    CHECK_INT(&T, o.tags.n, 2);
    CHECK_STR(&T, o.tags.n == 2 ? o.tags.v[1] : NULL, "y");
    CHECK_INT(&T, o.jobs, 4);
    CHECK(&T, o.seed == UINT64_MAX);
    CHECK_INT(&T, o.port, 65535);
    CHECK(&T, o.timeout == 0.5 && o.rate == 1);
    CHECK_INT(&T, o.format, 1);
    CHECK_INT(&T, o.k, 7);
    CHECK_INT(&T, ops.n, 3);
    CHECK_STR(&T, ops.n == 3 ? ops.v[1] : NULL, "-");
    CHECK_STR(&T, err_text, "");
    opts_free(&tool, &o);
    CHECK(&T, o.tags.v == NULL && o.tags.n == 0);
    opts_list_free(&ops);
}

/* Each bound on both sides. */
static void test_bounds(void)
{
    expect(ARGS("-j", "1"), OPTS_GO, NULL);
    expect(ARGS("-j", "0"), OPTS_USAGE, "tool: -j takes an integer from 1 to 256, not '0'");
    expect(ARGS("--jobs", "256"), OPTS_GO, NULL);
    expect(ARGS("--jobs", "257"), OPTS_USAGE, "tool: --jobs takes an integer from 1 to 256, not '257'");
    expect(ARGS("--jobs", "-1"), OPTS_USAGE, NULL);
    expect(ARGS("--jobs", ""), OPTS_USAGE, NULL);
    expect(ARGS("--jobs", "4x"), OPTS_USAGE, NULL);
    expect(ARGS("--port", "0"), OPTS_GO, NULL);
    expect(ARGS("--port", "65536"), OPTS_USAGE, "tool: --port takes an integer from 0 to 65535, not '65536'");
    expect(ARGS("--seed", "18446744073709551616"), OPTS_USAGE, NULL);
    expect(ARGS("--timeout", "0"), OPTS_USAGE, "tool: --timeout takes seconds, more than 0 and at most 86400, not '0'");
    expect(ARGS("--timeout", "0.001"), OPTS_GO, NULL);
    expect(ARGS("--timeout", "86400"), OPTS_GO, NULL);
    expect(ARGS("--timeout", "86400.01"), OPTS_USAGE, NULL);
    expect(ARGS("--timeout", "nan"), OPTS_USAGE, NULL);
    expect(ARGS("--timeout", "1s"), OPTS_USAGE, NULL);
    expect(ARGS("--rate", "0"), OPTS_GO, NULL);
    expect(ARGS("--rate", "-0.01"), OPTS_USAGE, "tool: --rate takes a number at least 0 and at most 1, not '-0.01'");
    expect(ARGS("--rate", "1.01"), OPTS_USAGE, NULL);
    expect(ARGS("--format", "text"), OPTS_GO, NULL);
    expect(ARGS("--format", "yaml"), OPTS_USAGE, "tool: --format takes text or json, not 'yaml'");
    expect(ARGS("--format", "TEXT"), OPTS_USAGE, NULL);
    expect(ARGS("--shard", "x"), OPTS_USAGE, "tool: --shard takes a number, not 'x'");
}

static void test_syntax(void)
{
    opts o;
    opt_list ops;
    /* -jN, grouped flags with a value last, a value that looks like an option */
    CHECK_INT(&T, parse(&o, &ops, ARGS("-qj8", "--name", "--tag", "--", "--jobs", "-q")), OPTS_GO);
    CHECK(&T, o.quiet == 1 && o.jobs == 8 && o.name && strcmp(o.name, "--tag") == 0 && o.tags.n == 0);
    CHECK_INT(&T, ops.n, 2);
    CHECK_STR(&T, ops.n == 2 ? ops.v[0] : NULL, "--jobs");
    opts_free(&tool, &o);
    opts_list_free(&ops);
    expect(ARGS("--bogus"), OPTS_USAGE, "tool: unknown option '--bogus'");
    expect(ARGS("-x"), OPTS_USAGE, "tool: unknown option '-x'");
    expect(ARGS("-qx"), OPTS_USAGE, "tool: unknown option '-x'");
    expect(ARGS("--name"), OPTS_USAGE, "tool: --name needs a value");
    expect(ARGS("-j"), OPTS_USAGE, "tool: -j needs a value");
    expect(ARGS("--quiet=1"), OPTS_USAGE, "tool: --quiet takes no value, not '1'");
    /* a prefix is unknown unless the tool allows prefixes */
    expect(ARGS("--nam", "a"), OPTS_USAGE, "tool: unknown option '--nam'");
    tool.flags = OPT_TOOL_ABBREV;
    CHECK_INT(&T, parse(&o, &ops, ARGS("--nam", "a", "--li")), OPTS_USAGE);
    CHECK(&T, strstr(err_text, "tool: option '--li' is ambiguous") == err_text);
    CHECK_INT(&T, parse(&o, &ops, ARGS("--nam", "a", "--list", "--liv")), OPTS_GO);
    CHECK(&T, o.name && strcmp(o.name, "a") == 0 && o.called == 1 && o.quiet == 1);
    tool.flags = 0;
    /* required */
    char *argv[] = { "tool", "f", NULL };
    memset(&o, 0, sizeof o);
    memset(&ops, 0, sizeof ops);
    FILE *e = tmpfile();
    int save = dup(2);
    dup2(fileno(e), 2);
    int rc = opts_parse(&tool, 2, argv, &o, &ops);
    fflush(stderr);
    dup2(save, 2);
    close(save);
    slurp(e, err_text, sizeof err_text);
    fclose(e);
    CHECK_INT(&T, rc, OPTS_USAGE);
    CHECK(&T, strstr(err_text, "tool: --need is required\n") == err_text);
    opts_list_free(&ops);
    /* no operands taken */
    tool.operands = NULL;
    expect(ARGS("f"), OPTS_USAGE, "tool: unexpected argument 'f'");
    tool.operands = "FILE...";
}

/* --help and a call that stops: exit 0, and nothing after them is read */
static void test_stop(void)
{
    expect(ARGS("--help", "--bogus"), OPTS_DONE, "");
    CHECK(&T, strncmp(out_text, "usage: tool --need X [-q] [--name GLOB]", 39) == 0);
    expect(ARGS("-h"), OPTS_DONE, NULL);
    expect(ARGS("--shard", "stop", "--bogus"), OPTS_DONE, "");
    expect(ARGS("--bogus", "--help"), OPTS_USAGE, "tool: unknown option '--bogus'");
}

/* --version prints "NAME VERSION" on stdout and stops, like --help */
static void test_version(void)
{
    static const opt_spec vspecs[] = {
        { .name = "need", .arg = "X", .kind = OPT_STRING, .flags = OPT_REQUIRED, OPT_AT(opts, name),
          .help = "Required." },
        { .name = "version", .kind = OPT_VERSION, .flags = OPT_ALONE, .help = "Print the version." },
    };
    const opt_spec *saved = tool.opts;
    size_t nsaved = tool.nopts;
    tool.opts = vspecs;
    tool.nopts = 2;
    tool.version = "2.5.1";
    expect(ARGS("--version", "--bogus"), OPTS_DONE, "");
    CHECK_STR(&T, out_text, "tool 2.5.1\n");
    expect(ARGS("--bogus", "--version"), OPTS_USAGE, "tool: unknown option '--bogus'");
    expect(ARGS("--version=x"), OPTS_USAGE, NULL);
    tool.opts = saved;
    tool.nopts = nsaved;
    tool.version = NULL;
}

static void test_help(void)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    opts_help(&tool, f);
    fclose(f);
    CHECK(&T, strstr(text, "[-j N]") && strstr(text, "[--tag T]") && strstr(text, "FILE...\n"));
    CHECK(&T, strstr(text, "\n       tool --help\n"));
    CHECK(&T, strstr(text, "\nDoes things.\n"));
    CHECK(&T, strstr(text, "\n  -j, --jobs N          Jobs.\n"));
    CHECK(&T, strstr(text, "\n  --quiet") == NULL && strstr(text, "\n  -q, --quiet           Say less.\n"));
    CHECK(&T, strstr(text, "\n  --format FORMAT       Format.\n"));
    CHECK(&T, strstr(text, "\nExit status:\n0 fine;\n2 usage.\n"));
    /* every line within 79 columns; the long help wrapped at column 24 */
    for (char *line = text; *line;) {
        size_t n = strcspn(line, "\n");
        CHECK_MSG(&T, n <= 79, "line of %zu columns: %.*s", n, (int)n, line);
        line += n + (line[n] == '\n');
    }
    CHECK(&T, strstr(text, "  --shard K             A long sentence") &&
              strstr(text, "\n                        much longer"));
    free(text);
}

int main(void)
{
    test_kinds();
    test_bounds();
    test_syntax();
    test_stop();
    test_version();
    test_help();
    return check_done(&T);
}
