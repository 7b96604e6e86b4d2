/* options_help.c - the --help text of a tool, written from its option
 * table (options.h): the synopsis, the description, one entry per option,
 * the epilogue.  The texts are plain sentences; the layout (wrapping at
 * 79 columns, the option column) is decided here only. */
#include "campaign/options.h"

#include <string.h>

enum { WIDTH = 79, HELP_COL = 24 };

typedef struct pen {
    FILE *out;
    size_t col;     /* columns written on the current line */
    size_t indent;  /* where a wrapped line starts */
} pen;

static void newline(pen *p)
{
    fputc('\n', p->out);
    fprintf(p->out, "%*s", (int)p->indent, "");
    p->col = p->indent;
}

/* Write s[0..len) as one unbreakable item, after a space unless the line
 * is at its indent; a new line when it would pass WIDTH. */
static void item(pen *p, const char *s, size_t len)
{
    if (p->col > p->indent && p->col + 1 + len > WIDTH)
        newline(p);
    if (p->col > p->indent) {
        fputc(' ', p->out);
        p->col++;
    }
    fwrite(s, 1, len, p->out);
    p->col += len;
}

/* Write text wrapped word by word; "\n\n" starts a new paragraph after a
 * blank line, a single "\n" a new line (a list in a paragraph). */
static void words(pen *p, const char *text)
{
    const char *s = text;
    while (*s) {
        if (s[0] == '\n' && s[1] == '\n') {
            fputc('\n', p->out);
            newline(p);
            s += 2;
            continue;
        }
        if (*s == '\n' && p->col > p->indent)
            newline(p);
        if (*s == ' ' || *s == '\n') {
            s++;
            continue;
        }
        size_t n = strcspn(s, " \n");
        item(p, s, n);
        s += n;
    }
}

/* "-j N", "--jobs N", "[--jobs N]" as the synopsis shows an option. */
static void synopsis_item(pen *p, const opt_spec *o)
{
    char buf[160];
    int req = (o->flags & OPT_REQUIRED) != 0;
    if (o->short_name)
        snprintf(buf, sizeof buf, "%s-%c%s%s%s", req ? "" : "[", o->short_name, o->arg ? " " : "",
                 o->arg ? o->arg : "", req ? "" : "]");
    else
        snprintf(buf, sizeof buf, "%s--%s%s%s%s", req ? "" : "[", o->name, o->arg ? " " : "",
                 o->arg ? o->arg : "", req ? "" : "]");
    item(p, buf, strlen(buf));
}

static void synopsis(const opt_tool *t, FILE *out)
{
    pen p = { out, 0, strlen("usage: ") + strlen(t->name) + 1 };
    fprintf(out, "usage: %s ", t->name);
    p.col = p.indent;
    /* the required options first, then the others, in table order */
    for (int required = 1; required >= 0; required--)
        for (size_t i = 0; i < t->nopts; i++)
            if (!(t->opts[i].flags & OPT_ALONE) && !(t->opts[i].flags & OPT_REQUIRED) == !required)
                synopsis_item(&p, &t->opts[i]);
    if (t->operands)
        item(&p, t->operands, strlen(t->operands));
    fputc('\n', out);
    for (size_t i = 0; i < t->nopts; i++)
        if (t->opts[i].flags & OPT_ALONE)
            fprintf(out, "       %s --%s\n", t->name, t->opts[i].name);
}

/* "  -j, --jobs N        help text ..." */
static void entry(const opt_spec *o, FILE *out)
{
    char label[160];
    char sh[5] = "";
    if (o->short_name)
        snprintf(sh, sizeof sh, "-%c, ", o->short_name);
    snprintf(label, sizeof label, "  %s--%s%s%s", sh, o->name, o->arg ? " " : "", o->arg ? o->arg : "");
    pen p = { out, strlen(label), HELP_COL };
    fputs(label, out);
    if (p.col + 2 > HELP_COL) {
        newline(&p);
    } else {
        fprintf(out, "%*s", (int)(HELP_COL - p.col), "");
        p.col = HELP_COL;
    }
    words(&p, o->help);
    fputc('\n', out);
}

static void paragraphs(const char *text, FILE *out)
{
    pen p = { out, 0, 0 };
    words(&p, text);
    fputc('\n', out);
}

void opts_help(const opt_tool *t, FILE *out)
{
    synopsis(t, out);
    if (t->description) {
        fputc('\n', out);
        paragraphs(t->description, out);
    }
    fputc('\n', out);
    for (size_t i = 0; i < t->nopts; i++)
        entry(&t->opts[i], out);
    if (t->epilogue) {
        fputc('\n', out);
        paragraphs(t->epilogue, out);
    }
}
