/* lint_output.c - the four output formats of campaign-lint.
 *
 * A finding that could not be decided (a keyword that could not be
 * evaluated) shows as such in each: "(undecided)" after a text or github
 * line (github: a warning, not an error), "undecided": true in json, and
 * a junit <error> rather than a <failure> for a payload it leaves open.
 *
 * A note (a member no schema declares where it stands, close to a
 * declared name, reported without --strict) is no finding: "note: " before
 * its message in text, a ::notice in github, "notes" in json, the test
 * case's <system-out> in junit; it changes no count.
 *
 * Every format streams: text and github print each finding as it comes,
 * json prints one array element per unit, and junit keeps the test cases
 * aside only because the suite's counts must precede them: in a temporary
 * file (in memory only when no temporary file can be made), so a stream
 * of millions of NDJSON lines does not grow lint's memory.  Every
 * string goes through one escaper that also replaces invalid UTF-8 (and,
 * for XML, the characters XML 1.0 forbids), so the output always parses
 * whatever the payload held. */
#include "lint.h"
#include "campaign/utf8.h"
#include "campaign/json_parse.h"
#include "campaign/xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct lint_output {
    enum lint_format format;
    FILE *out;
    FILE *cases;        /* junit: the test cases, copied out at the end */
    int cases_in_memory;
    char *cases_buf;    /* when cases is in memory */
    size_t cases_len;
    char *suite;
    size_t units, failed, errors;  /* errors: undecided units */
};

const char *lint_display_pointer(const char *pointer)
{
    return pointer && *pointer ? pointer : "(root)";
}

/* ---- escaping ---------------------------------------------------------- */

enum esc { ESC_TEXT, ESC_JSON, ESC_XML_TEXT, ESC_XML_ATTR, ESC_GH_DATA, ESC_GH_PROP };

static void to_file(void *f, const char *s, size_t n)
{
    fwrite(s, 1, n, f);
}

static void put_escaped(FILE *f, const char *str, enum esc mode)
{
    const unsigned char *s = (const unsigned char *)(str ? str : "");
    size_t n = strlen((const char *)s);
    if (mode == ESC_XML_TEXT || mode == ESC_XML_ATTR) {
        /* what XML 1.0 forbids even as a reference is shown, not dropped */
        xml_escape_to(to_file, f, str ? str : "", n,
                      XML_CR | XML_SHOW_FORBIDDEN | (mode == ESC_XML_ATTR ? XML_ATTR : 0));
        return;
    }
    while (n) {
        uint32_t cp;
        size_t len = utf8_decode(s, n, &cp);
        const char *rep = NULL;
        char tmp[16];
        if (!len) {
            len = 1;
            cp = 0xFFFD;
            rep = "\xEF\xBF\xBD"; /* U+FFFD for a byte that is not UTF-8 */
        }
        switch (mode) {
        case ESC_TEXT:
            if (cp == '\n') rep = "\\n";
            else if (cp == '\r') rep = "\\r";
            else if (cp == '\t') rep = "\\t";
            else if (cp < 0x20 || cp == 0x7F) {
                snprintf(tmp, sizeof tmp, "\\x%02X", cp);
                rep = tmp;
            }
            break;
        case ESC_JSON:
            if (cp == '"') rep = "\\\"";
            else if (cp == '\\') rep = "\\\\";
            else if (cp == '\n') rep = "\\n";
            else if (cp == '\r') rep = "\\r";
            else if (cp == '\t') rep = "\\t";
            else if (cp < 0x20) {
                snprintf(tmp, sizeof tmp, "\\u%04x", cp);
                rep = tmp;
            }
            break;
        case ESC_XML_TEXT:
        case ESC_XML_ATTR:
            break;  /* xml_escape_to, above */
        case ESC_GH_PROP:
            if (cp == ':') rep = "%3A";
            else if (cp == ',') rep = "%2C";
            /* fall through */
        case ESC_GH_DATA:
            if (cp == '%') rep = "%25";
            else if (cp == '\r') rep = "%0D";
            else if (cp == '\n') rep = "%0A";
            break;
        }
        if (rep)
            fputs(rep, f);
        else
            fwrite(s, 1, len, f);
        s += len;
        n -= len;
    }
}

/* ---- formats ----------------------------------------------------------- */

lint_output *lint_output_new(enum lint_format format, FILE *out, const char *suite)
{
    lint_output *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    o->format = format;
    o->out = out;
    o->suite = strdup(suite ? suite : LINT_NAME);
    if (!o->suite)
        goto fail;
    if (format == LINT_JUNIT && !(o->cases = tmpfile())) {
        if (!(o->cases = open_memstream(&o->cases_buf, &o->cases_len)))
            goto fail;
        o->cases_in_memory = 1;
    }
    if (format == LINT_JSON)
        fputs("[", out);
    return o;
fail:
    free(o->suite);
    free(o);
    return NULL;
}

/* Where finding x of unit u is in the file: its offset counted in the
 * unit's text, on from *cur (the findings come in order of offset).  The
 * one place lint turns a finding's offset into a line and column. */
static void where(const lint_unit *u, const jsv_finding *x, json_text_pos *cur, unsigned *line, unsigned *col)
{
    *line = u->first_line;
    *col = 1;
    if (!u->text || x->offset == JSV_NO_OFFSET)
        return;
    if (u->known.line && u->known.offset <= x->offset && cur->offset < u->known.offset)
        *cur = u->known;
    json_text_position(u->text, u->len, x->offset, cur);
    *line = u->first_line + cur->line - 1;
    *col = cur->col;
}

static void text_line(FILE *f, const lint_unit *u, const jsv_finding *x, json_text_pos *cur, enum esc mode,
                      int note)
{
    unsigned line, col;
    where(u, x, cur, &line, &col);
    put_escaped(f, u->file, mode);
    fprintf(f, ":%u:%u: ", line, col);
    put_escaped(f, lint_display_pointer(x->pointer), mode);
    fputs(note ? ": note: " : ": ", f);
    put_escaped(f, x->message, mode);
    fputs(" [", f);
    put_escaped(f, x->id, mode);
    fputs(x->undecided ? "] (undecided)" : "]", f);
}

/* A GitHub workflow command ("::error", "::warning", "::notice") for
 * finding x of unit u, its message ended with tail. */
static void github_line(FILE *f, const lint_unit *u, const jsv_finding *x, json_text_pos *cur, const char *command,
                        const char *tail)
{
    unsigned line, col;
    where(u, x, cur, &line, &col);
    fprintf(f, "::%s file=", command);
    put_escaped(f, u->file, ESC_GH_PROP);
    fprintf(f, ",line=%u,col=%u::", line, col);
    put_escaped(f, lint_display_pointer(x->pointer), ESC_GH_DATA);
    fputs(": ", f);
    put_escaped(f, x->message, ESC_GH_DATA);
    fputs(" [", f);
    put_escaped(f, x->id, ESC_GH_DATA);
    fprintf(f, "]%s\n", tail);
}

/* The line that stands for the findings past --max-findings. */
static void more_line(FILE *f, const lint_unit *u, enum esc mode)
{
    put_escaped(f, u->name, mode);
    fprintf(f, ": %zu more finding%s not shown (--max-findings)", u->more, u->more == 1 ? "" : "s");
}

static void json_field(FILE *f, const char *key, const char *value)
{
    fprintf(f, ",\"%s\":\"", key);
    put_escaped(f, value, ESC_JSON);
    fputc('"', f);
}

static void json_unit(lint_output *o, const lint_unit *u)
{
    FILE *f = o->out;
    fputs(o->units ? ",\n" : "\n", f);
    fputs("{\"file\":\"", f);
    put_escaped(f, u->name, ESC_JSON);
    fprintf(f, "\",\"valid\":%s,%s", u->count ? "false" : "true", u->undecided ? "\"undecided\":true," : "");
    if (u->more)
        fprintf(f, "\"moreErrors\":%zu,", u->more);
    fputs("\"errors\":[", f);
    json_text_pos cur = JSON_TEXT_START;
    for (size_t i = 0; i < u->count; i++) {
        const jsv_finding *x = &u->findings[i];
        unsigned line, col;
        where(u, x, &cur, &line, &col);
        /* each error is an output unit of the "basic" format */
        fputs(i ? ",{\"valid\":false," : "{\"valid\":false,", f);
        fputs("\"instanceLocation\":\"", f);
        put_escaped(f, x->pointer, ESC_JSON);
        fputc('"', f);
        json_field(f, "keywordLocation", x->keyword_location ? x->keyword_location : "");
        if (x->absolute_keyword_location && *x->absolute_keyword_location)
            json_field(f, "absoluteKeywordLocation", x->absolute_keyword_location);
        json_field(f, "error", x->message);
        json_field(f, x->is_rule ? "ruleId" : "keyword", x->id);
        fprintf(f, ",\"line\":%u,\"column\":%u%s}", line, col, x->undecided ? ",\"undecided\":true" : "");
    }
    fputs("]", f);
    cur = JSON_TEXT_START;
    for (size_t i = 0; i < u->nnotes; i++) {
        const jsv_finding *x = &u->notes[i];
        unsigned line, col;
        where(u, x, &cur, &line, &col);
        fputs(i ? ",{\"instanceLocation\":\"" : ",\"notes\":[{\"instanceLocation\":\"", f);
        put_escaped(f, x->pointer, ESC_JSON);
        fputc('"', f);
        json_field(f, "note", x->message);
        json_field(f, "keyword", x->id);
        fprintf(f, ",\"line\":%u,\"column\":%u}", line, col);
    }
    fputs(u->nnotes ? "]}" : "}", f);
}

/* A unit's notes as its test case's <system-out> (nothing without one). */
static void junit_notes(FILE *f, const lint_unit *u)
{
    if (!u->nnotes)
        return;
    fputs("    <system-out>", f);
    json_text_pos cur = JSON_TEXT_START;
    for (size_t i = 0; i < u->nnotes; i++) {
        text_line(f, u, &u->notes[i], &cur, ESC_XML_TEXT, 1);
        fputc('\n', f);
    }
    fputs("</system-out>\n", f);
}

static void junit_unit(lint_output *o, const lint_unit *u)
{
    FILE *f = o->cases;
    fputs("  <testcase name=\"", f);
    put_escaped(f, u->name, ESC_XML_ATTR);
    fputs("\" classname=\"", f);
    put_escaped(f, o->suite, ESC_XML_ATTR);
    if (!u->count) {
        if (!u->nnotes) {
            fputs("\"/>\n", f);
            return;
        }
        fputs("\">\n", f);
        junit_notes(f, u);
        fputs("  </testcase>\n", f);
        return;
    }
    const char *tag = u->undecided ? "error" : "failure";
    size_t all = u->count + u->more;
    fprintf(f, "\">\n    <%s type=\"%s\" message=\"%zu finding%s%s\">", tag, u->undecided ? "undecided" : "contract",
            all, all == 1 ? "" : "s", u->undecided ? ", could not be decided" : "");
    json_text_pos cur = JSON_TEXT_START;
    for (size_t i = 0; i < u->count; i++) {
        text_line(f, u, &u->findings[i], &cur, ESC_XML_TEXT, 0);
        fputc('\n', f);
    }
    if (u->more) {
        more_line(f, u, ESC_XML_TEXT);
        fputc('\n', f);
    }
    fprintf(f, "</%s>\n", tag);
    junit_notes(f, u);
    fputs("  </testcase>\n", f);
}

int lint_output_unit(lint_output *o, const lint_unit *u)
{
    json_text_pos cur = JSON_TEXT_START;
    switch (o->format) {
    case LINT_TEXT:
        for (size_t i = 0; i < u->count; i++) {
            text_line(o->out, u, &u->findings[i], &cur, ESC_TEXT, 0);
            fputc('\n', o->out);
        }
        if (u->more) {
            more_line(o->out, u, ESC_TEXT);
            fputc('\n', o->out);
        }
        cur = JSON_TEXT_START;
        for (size_t i = 0; i < u->nnotes; i++) {
            text_line(o->out, u, &u->notes[i], &cur, ESC_TEXT, 1);
            fputc('\n', o->out);
        }
        break;
    case LINT_GITHUB:
        for (size_t i = 0; i < u->count; i++) {
            const jsv_finding *x = &u->findings[i];
            github_line(o->out, u, x, &cur, x->undecided ? "warning" : "error", x->undecided ? " (undecided)" : "");
        }
        if (u->more) {
            fputs(u->undecided ? "::warning file=" : "::error file=", o->out);
            put_escaped(o->out, u->file, ESC_GH_PROP);
            fputs("::", o->out);
            more_line(o->out, u, ESC_GH_DATA);
            fputc('\n', o->out);
        }
        cur = JSON_TEXT_START;
        for (size_t i = 0; i < u->nnotes; i++)
            github_line(o->out, u, &u->notes[i], &cur, "notice", "");
        break;
    case LINT_JSON:
        json_unit(o, u);
        break;
    case LINT_JUNIT:
        junit_unit(o, u);
        if (ferror(o->cases))
            return -1;
        break;
    }
    o->units++;
    if (u->count && u->undecided)
        o->errors++;
    else if (u->count)
        o->failed++;
    return 0;
}

/* Copy the junit test cases to the output and close their stream. */
static int copy_cases(lint_output *o)
{
    int rc = 0;
    if (o->cases_in_memory) {
        /* the buffer is complete once the stream is closed */
        rc = fclose(o->cases);
        if (o->cases_len)
            fwrite(o->cases_buf, 1, o->cases_len, o->out);
        return rc;
    }
    char chunk[1 << 16];
    size_t n;
    rewind(o->cases);
    while ((n = fread(chunk, 1, sizeof chunk, o->cases)) > 0)
        fwrite(chunk, 1, n, o->out);
    if (ferror(o->cases))
        rc = -1;
    if (fclose(o->cases) != 0)
        rc = -1;
    return rc;
}

int lint_output_finish(lint_output *o)
{
    int rc = 0;
    if (o->format == LINT_JSON) {
        fputs(o->units ? "\n]\n" : "]\n", o->out);
    } else if (o->format == LINT_JUNIT) {
        fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"", o->out);
        put_escaped(o->out, o->suite, ESC_XML_ATTR);
        fprintf(o->out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"0\">\n",
                o->units, o->failed, o->errors);
        if (copy_cases(o) != 0)
            rc = -1;
        fputs("</testsuite>\n", o->out);
        free(o->cases_buf);
    }
    if (fflush(o->out) != 0 || ferror(o->out))
        rc = -1;
    free(o->suite);
    free(o);
    return rc;
}
