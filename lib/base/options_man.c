/* options_man.c - the manual page of a tool, written from the option
 * table that --help is written from (options.h), so the page and the
 * help cannot say different things.  Layout is left to man(1): the page
 * is plain man macros, one paragraph a line; only the escaping of the
 * plain texts is decided here. */
#include "campaign/options.h"

#include <ctype.h>
#include <string.h>

/* s[0..n) as roff text: a backslash printed as itself, every '-' a minus
 * (so option names copied from the page work), a leading '.' or '\''
 * not read as a request.  at_line_start: s begins an input line. */
static void text_n(FILE *out, const char *s, size_t n, int at_line_start)
{
    for (size_t i = 0; i < n; i++) {
        if (i == 0 && at_line_start && (s[i] == '.' || s[i] == '\''))
            fputs("\\&", out);
        if (s[i] == '\\')
            fputs("\\e", out);
        else if (s[i] == '-')
            fputs("\\-", out);
        else
            fputc(s[i], out);
    }
}

static void text(FILE *out, const char *s, int at_line_start)
{
    text_n(out, s, strlen(s), at_line_start);
}

/* Plain sentences: "\n\n" a new paragraph, "\n" a new line. */
static void paragraphs(FILE *out, const char *s)
{
    while (*s) {
        size_t n = strcspn(s, "\n");
        text_n(out, s, n, 1);
        fputc('\n', out);
        s += n;
        if (s[0] == '\n' && s[1] == '\n') {
            fputs(".PP\n", out);
            s += 2;
        } else if (*s == '\n') {
            fputs(".br\n", out);
            s++;
        }
    }
}

/* "\fB\-j\fR\ \fIN\fR" or "\fB\-\-jobs\fR\ \fIN\fR": name and argument
 * kept on one line of the page. */
static void option_name(FILE *out, const opt_spec *o, int use_short)
{
    fputs("\\fB", out);
    if (use_short)
        fprintf(out, "\\-%c", o->short_name);
    else {
        fputs("\\-\\-", out);
        text(out, o->name, 0);
    }
    fputs("\\fR", out);
    if (o->arg) {
        fputs("\\ \\fI", out);
        text(out, o->arg, 0);
        fputs("\\fR", out);
    }
}

static void synopsis(const opt_tool *t, FILE *out)
{
    fputs(".SH SYNOPSIS\n.B ", out);
    text(out, t->name, 0);
    fputc('\n', out);
    /* the required options first, then the others, in table order, as
     * in --help */
    for (int required = 1; required >= 0; required--)
        for (size_t i = 0; i < t->nopts; i++) {
            const opt_spec *o = &t->opts[i];
            if ((o->flags & OPT_ALONE) || !(o->flags & OPT_REQUIRED) != !required)
                continue;
            fputs(required ? "" : "[", out);
            option_name(out, o, o->short_name != 0);
            fputs(required ? "\n" : "]\n", out);
        }
    if (t->operands) {
        fputs("\\fI", out);
        text(out, t->operands, 0);
        fputs("\\fR\n", out);
    }
    for (size_t i = 0; i < t->nopts; i++)
        if (t->opts[i].flags & OPT_ALONE) {
            fputs(".br\n.B ", out);
            text(out, t->name, 0);
            fputc('\n', out);
            option_name(out, &t->opts[i], 0);
            fputc('\n', out);
        }
}

static void options(const opt_tool *t, FILE *out)
{
    fputs(".SH OPTIONS\n", out);
    for (size_t i = 0; i < t->nopts; i++) {
        const opt_spec *o = &t->opts[i];
        fputs(".TP\n", out);
        if (o->short_name) {
            option_name(out, o, 1);
            fputs(", ", out);
        }
        option_name(out, o, 0);
        fputc('\n', out);
        paragraphs(out, o->help);
    }
}

static const char exit_head[] = "Exit status:\n";

/* 1 when the epilogue is the list of exit statuses ("Exit status:" then
 * "N what" a line), which goes under EXIT STATUS; else it ends the
 * description. */
static int is_exit_list(const char *epilogue)
{
    return epilogue && strncmp(epilogue, exit_head, sizeof exit_head - 1) == 0;
}

static void exit_status(const char *epilogue, FILE *out)
{
    fputs(".SH \"EXIT STATUS\"\n", out);
    for (const char *s = epilogue + sizeof exit_head - 1; *s;) {
        size_t n = strcspn(s, "\n"), code = 0;
        while (code < n && isdigit((unsigned char)s[code]))
            code++;
        fputs(".TP\n.B ", out);
        text_n(out, s, code, 0);
        fputc('\n', out);
        size_t rest = code < n && s[code] == ' ' ? code + 1 : code;
        text_n(out, s + rest, n - rest, 1);
        fputc('\n', out);
        s += n + (s[n] == '\n');
    }
}

static void notes(FILE *out, const char *section, const opt_note *list)
{
    if (!list || !list->name)
        return;
    fprintf(out, ".SH %s\n", section);
    for (; list->name; list++) {
        fputs(".TP\n.B ", out);
        text(out, list->name, 0);
        fputc('\n', out);
        paragraphs(out, list->text);
    }
}

static void title(const opt_tool *t, FILE *out)
{
    fputs(".TH \"", out);
    for (const char *s = t->name; *s; s++) {
        if (*s == '-')
            fputs("\\-", out);
        else
            fputc(toupper((unsigned char)*s), out);
    }
    fprintf(out, "\" \"%d\" \"\" \"%s %s\" \"User Commands\"\n", t->section, t->name,
            t->version ? t->version : "");
    /* no hyphenation: option names and paths are copied from the page */
    fputs(".nh\n.SH NAME\n", out);
    text(out, t->name, 1);
    fputs(" \\- ", out);
    text(out, t->summary, 0);
    fputc('\n', out);
}

void opts_man(const opt_tool *t, FILE *out)
{
    title(t, out);
    synopsis(t, out);
    fputs(".SH DESCRIPTION\n", out);
    paragraphs(out, t->description ? t->description : t->summary);
    if (t->epilogue && !is_exit_list(t->epilogue)) {
        fputs(".PP\n", out);
        paragraphs(out, t->epilogue);
    }
    options(t, out);
    if (is_exit_list(t->epilogue))
        exit_status(t->epilogue, out);
    notes(out, "ENVIRONMENT", t->environment);
    notes(out, "FILES", t->files);
    if (t->see_also) {
        fputs(".SH \"SEE ALSO\"\n", out);
        paragraphs(out, t->see_also);
    }
}
