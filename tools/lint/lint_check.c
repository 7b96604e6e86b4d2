/* lint_check.c - lint one payload: strict parse, contract or schema check,
 * findings with file positions, one unit handed to the output.
 *
 * A payload is parsed into a tape first and checked there: most payloads
 * keep the contract, and a tape takes a third of a tree's memory.  Only a
 * payload the tape check does not pass is parsed into a tree and checked
 * again, for the findings and their positions.  The checker keeps one
 * tape, one arena, one report and one result and reuses them for every
 * payload, so linting a large NDJSON file allocates almost nothing per
 * line. */
#include "lint.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "campaign/arena.h"
#include "campaign/json_parse.h"

/* A tape this large (bytes) is freed before a tree of the same payload is
 * parsed. */
#define LARGE_TAPE ((size_t)4 << 20)

struct lint_checker {
    lint_config cfg;
    json_tape *tape;          /* the current payload, for the first check (NULL:
                               * the schema is not checked on tapes) */
    arena *mem;               /* the current payload's nodes, when it fails that */
    contract_report *report;  /* the current payload's findings */
    jsv_result *result;       /* plain-schema mode */
    lint_finding *items;      /* report findings with positions */
    size_t cap;
    char **owned;             /* messages built here (hints), per payload */
    size_t nowned, capowned;
};

lint_checker *lint_checker_new(const lint_config *cfg)
{
    lint_checker *k = calloc(1, sizeof *k);
    if (!k)
        return NULL;
    k->cfg = *cfg;
    const jsv_schema *s = cfg->contract ? contract_schema(cfg->contract, cfg->body) : cfg->schema;
    int tapes = jsv_checks_tapes(s);
    k->tape = tapes ? json_tape_new() : NULL;
    k->mem = arena_new(0);
    k->report = contract_report_new();
    contract_report_limit_regex(k->report, cfg->regex_budget_ms);
    contract_report_keep(k->report, cfg->max_findings);
    if (!cfg->contract && (k->result = jsv_result_new())) {
        jsv_result_limit_regex(k->result, cfg->regex_budget_ms);
        jsv_result_keep_errors(k->result, cfg->max_findings);
    }
    if ((tapes && !k->tape) || !k->mem || !k->report || (!cfg->contract && !k->result)) {
        lint_checker_free(k);
        return NULL;
    }
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
    free(k->items);
    jsv_result_free(k->result);
    contract_report_free(k->report);
    arena_free(k->mem);
    json_tape_free(k->tape);
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

/* The value at JSON Pointer p below root, or NULL. */
static const cJSON *resolve(const cJSON *root, const char *p)
{
    const cJSON *cur = root;
    char tok[512];
    while (cur && *p == '/') {
        size_t n = 0;
        for (p++; *p && *p != '/'; p++) {
            char c = *p;
            if (c == '~' && (p[1] == '0' || p[1] == '1'))
                c = *++p == '0' ? '~' : '/';
            if (n + 1 >= sizeof tok)
                return NULL;
            tok[n++] = c;
        }
        tok[n] = '\0';
        if (cJSON_IsObject(cur)) {
            cur = json_member(cur, tok);
        } else if (cJSON_IsArray(cur)) {
            char *end;
            long i = strtol(tok, &end, 10);
            cur = (*end || !n || i < 0 || (n > 1 && tok[0] == '0')) ? NULL
                  : cJSON_GetArrayItem(cur, (int)i);
        } else {
            cur = NULL;
        }
    }
    return *p ? NULL : cur;
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

static void position(const contract_finding *f, const cJSON *root, unsigned first_line,
                     lint_finding *out)
{
    const json_node *n = json_node_info(f->instance);
    if (!n)
        n = json_node_info(resolve(root, f->pointer));
    out->line = first_line;
    out->col = 1;
    if (!n)
        return;
    /* An unknown or disallowed property is the key's fault: point at the key. */
    if (n->key_line && is_member_finding(f)) {
        out->line = first_line + n->key_line - 1;
        out->col = n->key_col;
    } else {
        out->line = first_line + n->line - 1;
        out->col = n->col;
    }
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

/* Source order reads best (like a compiler's); ties keep the order the
 * checks found them. */
static int by_position(const void *a, const void *b)
{
    const lint_finding *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int reserve(lint_checker *k, size_t n)
{
    if (n <= k->cap)
        return 0;
    size_t cap = k->cap ? k->cap : 16;
    while (cap < n)
        cap *= 2;
    lint_finding *p = realloc(k->items, cap * sizeof *p);
    if (!p)
        return -1;
    k->items = p;
    k->cap = cap;
    return 0;
}

static int emit_one(lint_checker *k, const char *file, const char *name, lint_output *out,
                    const char *pointer, const char *id, const char *message,
                    unsigned line, unsigned col)
{
    if (reserve(k, 1) != 0)
        return -1;
    k->items[0] = (lint_finding){ pointer, id, message, NULL, NULL, line, col, 1, 0, 0 };
    lint_unit u = { name, file, k->items, 1, 0, 0 };
    return lint_output_unit(out, &u) == 0 ? 1 : -1;
}

int lint_check_refused(lint_checker *k, const char *file, const char *name, unsigned line,
                       const char *id, const char *message, lint_output *out)
{
    release_owned(k);
    return emit_one(k, file, name, out, "", id, message, line, 1);
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
    return emit_one(k, file, name, out, pointer, id, err->message,
                    first_line + (err->line ? err->line - 1 : 0), err->col ? err->col : 1);
}

int lint_check_payload(lint_checker *k, const char *file, const char *name,
                       const char *buf, size_t len, unsigned first_line,
                       lint_output *out, int *undecided, char **give_back)
{
    json_parse_opts opts = { JSON_PARSE_REJECT_DUPLICATES, 0 };
    json_error err;
    json_doc *doc;
    int rc = -1;

    *undecided = 0;
    release_owned(k);
    contract_report_clear(k->report);
    arena_reset(k->mem);

    /* RFC 8259 section 8.1: JSON text must not begin with a byte order
     * mark; say so plainly instead of "unexpected character". */
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        return emit_one(k, file, name, out, "", "json",
                        "the text starts with a UTF-8 byte order mark (U+FEFF), "
                        "which JSON text must not contain",
                        first_line, 1);

    /* the tape parse reports exactly the errors the tree parse would */
    if (k->tape) {
        memset(&err, 0, sizeof err);
        if (json_tape_parse(k->tape, buf, len, &opts, &err) != 0)
            return parse_failure(k, file, name, buf, len, first_line, &err, out);
        int kept = k->cfg.contract ? contract_check_tape(k->cfg.contract, k->cfg.body, k->tape, 0, k->report) == 1
                                   : jsv_check_tape(k->cfg.schema, k->tape, k->result) == 1;
        if (kept) {
            lint_unit u = { name, file, k->items, 0, 0, 0 };
            return lint_output_unit(out, &u) == 0 ? 0 : -1;
        }
        /* The tree comes next: a large tape is given back first, so the
         * two are not held at once (the next payload grows a new one). */
        if (json_tape_bytes(k->tape) >= LARGE_TAPE) {
            json_tape *fresh = json_tape_new();
            if (fresh) {
                json_tape_free(k->tape);
                k->tape = fresh;
            }
        }
    }

    memset(&err, 0, sizeof err);
    if (!(doc = json_parse(buf, len, &opts, k->mem, &err)))
        return parse_failure(k, file, name, buf, len, first_line, &err, out);
    if (give_back) {
        free(*give_back);
        *give_back = NULL;
        buf = NULL;
    }

    int verdict;
    if (k->cfg.contract) {
        if ((verdict = contract_check(k->cfg.contract, k->cfg.body, doc->root, 0, k->report)) == -1)
            goto done;
    } else if ((verdict = jsv_validate(k->cfg.schema, doc->root, k->result)) != 1 &&
               contract_report_add_result(k->report, k->result) != 0) {
        goto done;
    }

    size_t n = contract_report_count(k->report), open = 0;
    size_t more = contract_report_dropped(k->report);
    if (reserve(k, n) != 0)
        goto done;
    for (size_t i = 0; i < n; i++) {
        const contract_finding *f = contract_report_get(k->report, i);
        lint_finding *lf = &k->items[i];
        lf->pointer = f->pointer;
        lf->id = f->id;
        lf->message = message_of(k, f);
        lf->keyword_location = f->keyword_location;
        lf->absolute_keyword_location = f->absolute_keyword_location;
        lf->is_rule = f->is_rule;
        lf->undecided = f->undecided;
        open += (size_t)f->undecided;
        lf->seq = i;
        position(f, doc->root, first_line, lf);
    }
    if (n > 1)
        qsort(k->items, n, sizeof *k->items, by_position);
    /* with findings past the bound, only the verdict knows whether one
     * of them decides (CONTRACT_UNDECIDED == JSV_UNDECIDED) */
    *undecided = more ? verdict == CONTRACT_UNDECIDED : n > 0 && open == n;
    lint_unit u = { name, file, k->items, n, *undecided, more };
    rc = lint_output_unit(out, &u) == 0 ? (int)(n + more > INT_MAX ? INT_MAX : n + more) : -1;
done:
    json_doc_free(doc);
    return rc;
}
