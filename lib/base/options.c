/* options.c - reading argv against a tool's option table (options.h).
 * The help is written from the same table by options_help.c. */
#include "campaign/options.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void opts_list_free(opt_list *l)
{
    if (!l)
        return;
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static int list_push(opt_list *l, const char *s)
{
    const char **v = realloc(l->v, (l->n + 1) * sizeof *v);
    if (!v)
        return -1;
    v[l->n++] = s;
    l->v = v;
    return 0;
}

void opts_free(const opt_tool *t, void *dest)
{
    if (!dest)
        return;
    for (size_t i = 0; i < t->nopts; i++)
        if (t->opts[i].kind == OPT_LIST)
            opts_list_free((opt_list *)((char *)dest + t->opts[i].offset));
}

/* "NAME: message" on stderr. */
static void say(const opt_tool *t, const char *fmt, va_list ap)
{
    fprintf(stderr, "%s: ", t->name);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

int opts_usage_error(const opt_tool *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(t, fmt, ap);
    va_end(ap);
    opts_help(t, stderr);
    return OPTS_USAGE;
}

/* ---- values ------------------------------------------------------------ */

static void store_uint(void *at, size_t size, unsigned long long v)
{
    switch (size) {
    case 1: { unsigned char x = (unsigned char)v; memcpy(at, &x, 1); break; }
    case 2: { unsigned short x = (unsigned short)v; memcpy(at, &x, sizeof x); break; }
    case 4: { unsigned x = (unsigned)v; memcpy(at, &x, sizeof x); break; }
    default: { unsigned long long x = v; memcpy(at, &x, sizeof x); break; }
    }
}

/* A decimal integer as strtoull reads it (leading blanks, an optional
 * '+'), the whole of s, no sign '-', within [min, max]. */
static int parse_int(const char *s, unsigned long long min, unsigned long long max, unsigned long long *out)
{
    char *end;
    if (strchr(s, '-'))
        return -1;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || *end || errno || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

/* A real number as strtod reads it, the whole of s, within the bounds
 * (NaN is in none).  Underflow to a tiny value is kept, as before. */
static int parse_number(const opt_spec *o, const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end)
        return -1;
    int lo_ok = (o->flags & OPT_LO_OPEN) ? v > o->lo : v >= o->lo;
    if (!lo_ok || !(v <= o->hi))
        return -1;
    *out = v;
    return 0;
}

static int parse_word(const opt_spec *o, const char *s, unsigned long long *out)
{
    for (size_t k = 0; o->words[k]; k++)
        if (strcmp(o->words[k], s) == 0) {
            *out = k;
            return 0;
        }
    return -1;
}

/* What a refused value of o should have been. */
static void expected(const opt_spec *o, char *buf, size_t size)
{
    if (o->expect) {
        snprintf(buf, size, "%s", o->expect);
    } else if (o->kind == OPT_INT) {
        snprintf(buf, size, "an integer from %llu to %llu", o->min, o->max);
    } else if (o->kind == OPT_NUMBER) {
        snprintf(buf, size, "a number %s %g and at most %g",
                 (o->flags & OPT_LO_OPEN) ? "more than" : "at least", o->lo, o->hi);
    } else if (o->kind == OPT_ENUM) {
        size_t n = 0, used = 0;
        while (o->words[n])
            n++;
        buf[0] = '\0';
        for (size_t k = 0; k < n && used < size; k++)
            used += (size_t)snprintf(buf + used, size - used, "%s%s",
                                     k == 0 ? "" : k + 1 == n ? " or " : ", ", o->words[k]);
    } else {
        snprintf(buf, size, "another value");
    }
}

/* Store value (NULL for an option without one) as o says. */
static int apply(const opt_tool *t, const opt_spec *o, const char *shown, const char *value, void *dest)
{
    void *at = (char *)dest + o->offset;
    unsigned long long n = 0;
    double d = 0;
    int bad = 0;
    switch (o->kind) {
    case OPT_FLAG: store_uint(at, o->size, 1); return OPTS_GO;
    case OPT_STRING: memcpy(at, &value, sizeof value); return OPTS_GO;
    case OPT_LIST:
        if (list_push(at, value) == 0)
            return OPTS_GO;
        fprintf(stderr, "%s: out of memory\n", t->name);
        return OPTS_USAGE;
    case OPT_INT: bad = parse_int(value, o->min, o->max, &n); if (!bad) store_uint(at, o->size, n); break;
    case OPT_ENUM: bad = parse_word(o, value, &n); if (!bad) store_uint(at, o->size, n); break;
    case OPT_NUMBER: bad = parse_number(o, value, &d); if (!bad) memcpy(at, &d, sizeof d); break;
    case OPT_CALL:
        bad = o->call(value, dest);
        if (bad == OPT_CALL_STOP)
            return OPTS_DONE;
        break;
    case OPT_HELP: opts_help(t, stdout); return OPTS_DONE;
    case OPT_VERSION: printf("%s %s\n", t->name, t->version ? t->version : ""); return OPTS_DONE;
    }
    if (!bad)
        return OPTS_GO;
    char want[256];
    expected(o, want, sizeof want);
    return opts_usage_error(t, "%s takes %s, not '%s'", shown, want, value ? value : "");
}

/* ---- names ------------------------------------------------------------- */

/* The option named name[0..len) ("--" left off), exactly or, with
 * OPT_TOOL_ABBREV, as the one option it begins.  NULL after saying why. */
static const opt_spec *find_long(const opt_tool *t, const char *name, size_t len, const char *arg)
{
    const opt_spec *prefix = NULL;
    int many = 0;
    for (size_t i = 0; i < t->nopts; i++) {
        const opt_spec *o = &t->opts[i];
        if (strncmp(o->name, name, len) != 0)
            continue;
        if (o->name[len] == '\0')
            return o;
        many += prefix != NULL;
        prefix = o;
    }
    if (prefix && !many && (t->flags & OPT_TOOL_ABBREV))
        return prefix;
    if (prefix && many && (t->flags & OPT_TOOL_ABBREV))
        opts_usage_error(t, "option '--%.*s' is ambiguous", (int)len, name);
    else
        opts_usage_error(t, "unknown option '%s'", arg);
    return NULL;
}

static const opt_spec *find_short(const opt_tool *t, char c)
{
    for (size_t i = 0; i < t->nopts; i++)
        if (t->opts[i].short_name == c)
            return &t->opts[i];
    return NULL;
}

/* ---- the command line -------------------------------------------------- */

typedef struct cursor {
    int argc, i;
    char **argv;
} cursor;

/* argv[i] = "--name", "--name=VALUE" or "--name VALUE". */
static int long_option(const opt_tool *t, cursor *c, void *dest, unsigned char *seen)
{
    const char *a = c->argv[c->i], *name = a + 2, *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);
    const opt_spec *o = find_long(t, name, len, a);
    if (!o)
        return OPTS_USAGE;
    char shown[80];
    snprintf(shown, sizeof shown, "--%s", o->name);
    const char *value = NULL;
    if (o->arg) {
        if (eq)
            value = eq + 1;
        else if (c->i + 1 < c->argc)
            value = c->argv[++c->i];
        else
            return opts_usage_error(t, "%s needs a value", shown);
    } else if (eq) {
        return opts_usage_error(t, "%s takes no value, not '%s'", shown, eq + 1);
    }
    seen[o - t->opts] = 1;
    return apply(t, o, shown, value, dest);
}

/* argv[i] = "-x", "-xy" (flags), "-jN" or "-j N". */
static int short_options(const opt_tool *t, cursor *c, void *dest, unsigned char *seen)
{
    const char *a = c->argv[c->i];
    for (size_t j = 1; a[j]; j++) {
        const opt_spec *o = find_short(t, a[j]);
        char shown[3] = { '-', a[j], '\0' };
        if (!o)
            return opts_usage_error(t, "unknown option '%s'", j == 1 ? a : shown);
        const char *value = NULL;
        if (o->arg) {
            if (a[j + 1])
                value = a + j + 1;
            else if (c->i + 1 < c->argc)
                value = c->argv[++c->i];
            else
                return opts_usage_error(t, "%s needs a value", shown);
        }
        seen[o - t->opts] = 1;
        int rc = apply(t, o, shown, value, dest);
        if (rc != OPTS_GO || o->arg)
            return rc;
    }
    return OPTS_GO;
}

static int operand(const opt_tool *t, const char *a, opt_list *operands)
{
    if (!t->operands)
        return opts_usage_error(t, "unexpected argument '%s'", a);
    if (list_push(operands, a) == 0)
        return OPTS_GO;
    fprintf(stderr, "%s: out of memory\n", t->name);
    return OPTS_USAGE;
}

static int parse_all(const opt_tool *t, cursor *c, void *dest, opt_list *operands, unsigned char *seen)
{
    int only_operands = 0, rc = OPTS_GO;
    for (c->i = 1; c->i < c->argc && rc == OPTS_GO; c->i++) {
        const char *a = c->argv[c->i];
        if (only_operands || a[0] != '-' || a[1] == '\0')
            rc = operand(t, a, operands);
        else if (strcmp(a, "--") == 0)
            only_operands = 1;
        else if (a[1] == '-')
            rc = long_option(t, c, dest, seen);
        else
            rc = short_options(t, c, dest, seen);
    }
    if (rc != OPTS_GO)
        return rc;
    for (size_t i = 0; i < t->nopts; i++)
        if ((t->opts[i].flags & OPT_REQUIRED) && !seen[i])
            return opts_usage_error(t, "--%s is required", t->opts[i].name);
    return OPTS_GO;
}

int opts_parse(const opt_tool *t, int argc, char **argv, void *dest, opt_list *operands)
{
    unsigned char *seen = calloc(t->nopts + 1, 1);
    if (!seen) {
        fprintf(stderr, "%s: out of memory\n", t->name);
        return OPTS_USAGE;
    }
    /* the build's way to the manual page; alone only, so it can never
     * be taken for an abbreviation of a tool's own option */
    if (argc == 2 && strcmp(argv[1], "--help-man") == 0) {
        free(seen);
        opts_man(t, stdout);
        return OPTS_DONE;
    }
    cursor c = { argc, 1, argv };
    int rc = parse_all(t, &c, dest, operands, seen);
    free(seen);
    return rc;
}
