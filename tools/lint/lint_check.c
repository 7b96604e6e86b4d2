/* lint_check.c - lint one payload: the library's check of the text
 * (contract_check_text: a tape first, a tree only for a payload that
 * fails), hints added, findings in source order, one unit handed to the
 * output.
 *
 * The checker keeps one report (which keeps the tape and the tree's
 * arena) and reuses it for every payload, so linting a large NDJSON file
 * allocates almost nothing per line. */
#include "lint.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "campaign/json_parse.h"

/* A finding's place in the sorted order: its offset (JSV_NO_OFFSET counts
 * as the start, where such a finding is printed) and the order found. */
typedef struct slot {
    size_t at, seq;
} slot;

struct lint_checker {
    lint_config cfg;
    contract_report *report;  /* the current payload's findings, tape and tree */
    jsv_finding *items;       /* the findings shown, in source order */
    slot *order;
    size_t cap;
    char **owned;             /* messages built here (hints), per payload */
    size_t nowned, capowned;
    /* notes (lint_config.notes) */
    jsv_result *unknown;      /* the reporting walk's, unknown members reported */
    json_doc *note_doc;       /* the tree it walked, kept until the next payload */
    jsv_finding *notes;
    size_t nnotes, capnotes;
};

lint_checker *lint_checker_new(const lint_config *cfg)
{
    lint_checker *k = calloc(1, sizeof *k);
    if (!k)
        return NULL;
    k->cfg = *cfg;
    k->report = contract_report_new();
    if (!k->report) {
        free(k);
        return NULL;
    }
    contract_report_limit_regex(k->report, cfg->regex_budget_ms);
    contract_report_keep(k->report, cfg->max_findings);
    return k;
}

static void release_owned(lint_checker *k)
{
    while (k->nowned)
        free(k->owned[--k->nowned]);
}

void lint_checker_free(lint_checker *k)
{
    if (!k)
        return;
    release_owned(k);
    free(k->owned);
    jsv_result_free(k->unknown);
    json_doc_free(k->note_doc);
    free(k->notes);
    free(k->items);
    free(k->order);
    contract_report_free(k->report);
    free(k);
}

static char *own(lint_checker *k, char *s)
{
    if (!s)
        return NULL;
    if (k->nowned == k->capowned) {
        size_t n = k->capowned ? k->capowned * 2 : 8;
        char **p = realloc(k->owned, n * sizeof *p);
        if (!p) {
            free(s);
            return NULL;
        }
        k->owned = p;
        k->capowned = n;
    }
    return k->owned[k->nowned++] = s;
}

/* The last reference token of pointer p, unescaped, into buf. */
static const char *last_token(const char *p, char *buf, size_t size)
{
    const char *slash = strrchr(p, '/');
    size_t n = 0;
    if (!slash)
        return NULL;
    for (p = slash + 1; *p && n + 1 < size; p++) {
        char c = *p;
        if (c == '~' && (p[1] == '0' || p[1] == '1'))
            c = *++p == '0' ? '~' : '/';
        buf[n++] = c;
    }
    buf[n] = '\0';
    return buf;
}

/* A finding about a member's name rather than its value: one no schema
 * declares (--strict) or one a closed object does not allow. */
static int is_member_finding(const contract_finding *f)
{
    return strcmp(f->id, "unknownProperty") == 0 || strcmp(f->id, "additionalProperties") == 0;
}

/* The message, with a "did you mean" hint for an unknown property. */
static const char *message_of(lint_checker *k, const contract_finding *f)
{
    char name[512];
    const char *hint;
    if (!k->cfg.hints || !is_member_finding(f) ||
        !last_token(f->pointer, name, sizeof name) ||
        !(hint = lint_hints_suggest(k->cfg.hints, f->absolute_keyword_location, name)))
        return f->message;
    size_t size = strlen(f->message) + strlen(hint) + 32;
    char *m = malloc(size);
    if (!m)
        return f->message;
    snprintf(m, size, "%s (did you mean \"%s\"?)", f->message, hint);
    return own(k, m) ? m : f->message;
}

/* ---- notes: a member close to a declared name, without --strict --------- */

static int add_note(lint_checker *k, const jsv_finding *f, const char *message)
{
    if (k->nnotes == k->capnotes) {
        size_t cap = k->capnotes ? k->capnotes * 2 : 8;
        jsv_finding *p = realloc(k->notes, cap * sizeof *p);
        if (!p)
            return -1;
        k->notes = p;
        k->capnotes = cap;
    }
    k->notes[k->nnotes] = *f;
    k->notes[k->nnotes++].message = message;
    return 0;
}

static int by_offset(const void *a, const void *b)
{
    const jsv_finding *x = a, *y = b;
    return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* The notes of the payload just checked: the members its body schema
 * declares nowhere are looked up on the check's tape (no hashing, no new
 * parse: a payload without one costs a pass over its names), and only a
 * payload with one gets a tree (from the same tape) walked with unknown
 * members reported, to learn which stand where nothing declares them;
 * those close to a declared name become notes.  0, or -1 when out of
 * memory. */
static int collect_notes(lint_checker *k)
{
    k->nnotes = 0;
    json_doc_free(k->note_doc);
    k->note_doc = NULL;
    const jsv_schema *s = k->cfg.notes && k->cfg.contract ? contract_schema(k->cfg.contract, k->cfg.body) : NULL;
    const json_tape *t = contract_report_tape(k->report);
    if (!s || !t || jsv_tape_names_declared(s, t))
        return 0;
    if (!k->unknown && !(k->unknown = jsv_result_new()))
        return -1;
    jsv_result_report_unknown(k->unknown, 1);
    jsv_result_limit_regex(k->unknown, k->cfg.regex_budget_ms);
    if (!(k->note_doc = json_tape_tree(t, NULL, NULL)))
        return -1; /* the tape holds the document: only memory can fail */
    if (jsv_explain(s, k->note_doc->root, k->unknown) < 0)
        return -1;
    for (size_t i = 0; i < jsv_result_count(k->unknown); i++) {
        const jsv_finding *f = jsv_result_get(k->unknown, i);
        char name[512];
        const char *hint;
        if (strcmp(f->id, "unknownProperty") != 0 || !k->cfg.hints || !last_token(f->pointer, name, sizeof name) ||
            !(hint = lint_hints_suggest(k->cfg.hints, f->absolute_keyword_location, name)))
            continue;
        size_t size = strlen(f->message) + strlen(hint) + 32;
        char *m = malloc(size);
        if (!m)
            return -1;
        snprintf(m, size, "%s (did you mean \"%s\"?)", f->message, hint);
        if (!own(k, m) || add_note(k, f, m) != 0)
            return -1;
    }
    if (k->nnotes > 1)
        qsort(k->notes, k->nnotes, sizeof *k->notes, by_offset);
    return 0;
}

/* Source order reads best (like a compiler's); ties keep the order the
 * checks found them. */
static int by_position(const void *a, const void *b)
{
    const slot *x = a, *y = b;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int reserve(lint_checker *k, size_t n)
{
    if (n <= k->cap)
        return 0;
    size_t cap = k->cap ? k->cap : 16;
    while (cap < n)
        cap *= 2;
    jsv_finding *p = realloc(k->items, cap * sizeof *p);
    if (!p)
        return -1;
    k->items = p;
    slot *o = realloc(k->order, cap * sizeof *o);
    if (!o)
        return -1;
    k->order = o;
    k->cap = cap;
    return 0;
}

/* A unit of one finding made here (a refusal or a parse error), at
 * offset `at` of text (JSV_NO_OFFSET: line first_line, column 1). */
static int emit_one(lint_checker *k, const char *file, const char *name, lint_output *out,
                    const char *pointer, const char *id, const char *message,
                    const char *text, size_t len, json_text_pos at, unsigned first_line)
{
    if (reserve(k, 1) != 0)
        return -1;
    k->items[0] = (jsv_finding){ .pointer = pointer, .id = id, .message = message,
                                 .offset = at.line ? at.offset : JSV_NO_OFFSET, .is_rule = 1 };
    lint_unit u = { name, file, k->items, 1, 0, 0, text, len, first_line, at, NULL, 0 };
    return lint_output_unit(out, &u) == 0 ? 1 : -1;
}

int lint_check_refused(lint_checker *k, const char *file, const char *name, unsigned line,
                       const char *id, const char *message, lint_output *out)
{
    release_owned(k);
    return emit_one(k, file, name, out, "", id, message, NULL, 0, (json_text_pos){ 0, 0, 0 }, line);
}

static int parse_failure(lint_checker *k, const char *file, const char *name,
                         const char *buf, size_t len, unsigned first_line,
                         const json_error *err, lint_output *out)
{
    char pointer[1024];
    const char *id = err->code == JSON_ERR_DUPLICATE ? "CR-DUPLICATE-KEY"
                   : err->code == JSON_ERR_TRAILING ? "CR-TRAILING-DATA" : "json";
    if (err->code == JSON_ERR_NOMEM)
        return -1;
    lint_pointer_at(buf, len, err->offset, pointer, sizeof pointer);
    /* the parser counted the error's line and column already */
    json_text_pos at = { err->offset, err->line ? err->line : 1, err->col ? err->col : 1 };
    return emit_one(k, file, name, out, pointer, id, err->message, buf, len, at, first_line);
}

/* The report's findings, hints added, in source order in k->items;
 * how many are undecided in *open.  0, or -1 when out of memory. */
static int collect(lint_checker *k, size_t n, size_t *open)
{
    if (reserve(k, n) != 0)
        return -1;
    *open = 0;
    for (size_t i = 0; i < n; i++) {
        const contract_finding *f = contract_report_get(k->report, i);
        k->order[i] = (slot){ f->offset == JSV_NO_OFFSET ? 0 : f->offset, i };
        *open += (size_t)f->undecided;
    }
    if (n > 1)
        qsort(k->order, n, sizeof *k->order, by_position);
    for (size_t i = 0; i < n; i++) {
        const contract_finding *f = contract_report_get(k->report, k->order[i].seq);
        k->items[i] = *f;
        k->items[i].message = message_of(k, f);
    }
    return 0;
}

int lint_check_payload(lint_checker *k, const char *file, const char *name,
                       const char *buf, size_t len, unsigned first_line,
                       lint_output *out, int *undecided)
{
    json_error err;
    *undecided = 0;
    release_owned(k);
    contract_report_clear(k->report);

    /* RFC 8259 section 8.1: JSON text must not begin with a byte order
     * mark; say so plainly instead of "unexpected character". */
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        return emit_one(k, file, name, out, "", "json",
                        "the text starts with a UTF-8 byte order mark (U+FEFF), "
                        "which JSON text must not contain",
                        NULL, 0, (json_text_pos){ 0, 0, 0 }, first_line);

    int verdict = k->cfg.contract
        ? contract_check_text(k->cfg.contract, k->cfg.body, buf, len, 0, k->report, &err)
        : contract_check_schema_text(k->cfg.schema, buf, len, k->report, &err);
    if (verdict == CONTRACT_MALFORMED)
        return parse_failure(k, file, name, buf, len, first_line, &err, out);
    if (verdict == -1)
        return -1;

    size_t n = contract_report_count(k->report), open = 0;
    size_t more = contract_report_dropped(k->report);
    if (collect(k, n, &open) != 0)
        return -1;
    /* with findings past the bound, only the verdict knows whether one
     * of them decides (CONTRACT_UNDECIDED == JSV_UNDECIDED) */
    *undecided = more ? verdict == CONTRACT_UNDECIDED : n > 0 && open == n;
    if (collect_notes(k) != 0)
        return -1;
    lint_unit u = { name, file, k->items, n, *undecided, more, buf, len, first_line, { 0, 0, 0 },
                    k->notes, k->nnotes };
    return lint_output_unit(out, &u) == 0 ? (int)(n + more > INT_MAX ? INT_MAX : n + more) : -1;
}
