/* test_finding.c - the one finding record and the one check of a text:
 * a finding's byte offset and json_text_position() give the positions the
 * parser gives; contract_check_text() finds what contract_check() finds on
 * a tree of the same text, offsets included; jsv_explain() says what
 * jsv_validate() says of an invalid instance.  Run from the project root
 * (make test does). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "campaign/contract.h"
#include "campaign/json_parse.h"

static struct check T = { 0, 0, "test_finding" };

/* The whole file, NUL-terminated (the library's reader). */
static char *slurp(const char *path, size_t *len)
{
    return jsv_read_file(path, len);
}

/* ---- positions ---------------------------------------------------------- */

/* The count byte by byte, as the parser's error path counts. */
static void reference_position(const char *text, size_t len, size_t at, unsigned *line, unsigned *col)
{
    const unsigned char *p = (const unsigned char *)text;
    unsigned l = 1, c = 1;
    for (size_t i = 0; i < at && i < len; i++) {
        if (p[i] == '\n' || (p[i] == '\r' && !(i + 1 < len && p[i + 1] == '\n'))) {
            l++;
            c = 1;
        } else if (p[i] != '\r') {
            c += (p[i] & 0xC0) != 0x80;
        }
    }
    *line = l;
    *col = c;
}

/* The same for a parsed text, whose leading BOM (JSON_PARSE_ALLOW_BOM) is
 * no character. */
static void text_reference(const char *text, size_t len, size_t at, unsigned *line, unsigned *col)
{
    size_t bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 && at >= 3 ? 3 : 0;
    reference_position(text + bom, len - bom, at - bom, line, col);
}

/* Every node's offset (and member's key offset) of a parsed text, counted
 * from the start each time and on from a cursor in document order, is
 * where the byte-by-byte count puts it. */
static void check_node(const char *text, size_t len, const cJSON *v, json_text_pos *cur)
{
    const json_node *n = json_node_info(v);
    json_text_pos fresh = JSON_TEXT_START;
    unsigned l, c;
    if (!n)
        return;
    if (v->string) {
        text_reference(text, len, n->key_offset, &l, &c);
        json_text_position(text, len, n->key_offset, &fresh);
        CHECK_MSG(&T, fresh.line == l && fresh.col == c,
                  "key at %u: %u:%u, counted %u:%u", n->key_offset, fresh.line, fresh.col, l, c);
        CHECK(&T, text[n->key_offset] == '"');
        json_text_position(text, len, n->key_offset, cur);
        CHECK(&T, cur->line == l && cur->col == c);
        fresh = JSON_TEXT_START;
    }
    text_reference(text, len, n->offset, &l, &c);
    json_text_position(text, len, n->offset, &fresh);
    CHECK_MSG(&T, fresh.line == l && fresh.col == c,
              "value at %u: %u:%u, counted %u:%u", n->offset, fresh.line, fresh.col, l, c);
    json_text_position(text, len, n->offset, cur);
    CHECK(&T, cur->line == l && cur->col == c);
    for (const cJSON *ch = v->child; ch; ch = ch->next)
        check_node(text, len, ch, cur);
}

static void check_text_positions(const char *text, unsigned flags)
{
    size_t len = strlen(text);
    json_parse_opts opts = { flags, 0 };
    json_error err;
    json_doc *doc = json_parse(text, len, &opts, NULL, &err);
    CHECK_MSG(&T, doc != NULL, "parses: %s", err.message);
    if (!doc)
        return;
    json_text_pos cur = JSON_TEXT_START;
    check_node(text, len, doc->root, &cur);
    json_doc_free(doc);
}

/* A duplicate name's error: at the second key, and its message names
 * where the first key starts, counted from that key's byte offset. */
static void test_duplicate_position(void)
{
    const char *dup = "{\"x\":[1,\n 2],\r\n  \"\xC3\xA9\":1, \"\xC3\xA9\":2}";
    json_parse_opts opts = { JSON_PARSE_REJECT_DUPLICATES, 0 };
    json_error e;
    CHECK(&T, !json_parse(dup, strlen(dup), &opts, NULL, &e));
    CHECK_INT(&T, e.code, JSON_ERR_DUPLICATE);
    CHECK(&T, e.line == 3 && e.col == 10);
    CHECK_MSG(&T, strcmp(e.message, "duplicate key \"\xC3\xA9\" (first at line 3, column 3)") == 0,
              "message: %s", e.message);
    /* the tape, which keeps no key offsets, finds the first key's quote
     * from its value and says the same */
    json_tape *tape = json_tape_new();
    json_error te;
    CHECK(&T, tape && json_tape_parse(tape, dup, strlen(dup), &opts, &te) != 0);
    if (tape) {
        CHECK(&T, te.code == e.code && te.offset == e.offset && te.line == e.line && te.col == e.col);
        CHECK_MSG(&T, strcmp(te.message, e.message) == 0, "tape: %s", te.message);
    }
    json_tape_free(tape);
    /* the same names without the duplicate: every position counts */
    check_text_positions("{\"x\":[1,\n 2],\r\n  \"\xC3\xA9\":1, \"\xC3\xA9x\":2}", JSON_PARSE_REJECT_DUPLICATES);
    check_text_positions("{\r\n \"a\": [1,\r \"\xC3\xA9\"],\n\t\"b\" : {\"c\" :null}}", 0);
}

/* A parse error's offset counts to the error's line and column. */
static void check_error_position(const char *text)
{
    size_t len = strlen(text);
    json_error err;
    json_doc *doc = json_parse(text, len, NULL, NULL, &err);
    CHECK_MSG(&T, doc == NULL, "%s does not parse", text);
    json_doc_free(doc);
    json_text_pos p = JSON_TEXT_START;
    json_text_position(text, len, err.offset, &p);
    CHECK_MSG(&T, p.line == err.line && p.col == err.col, "error at %zu: %u:%u, parser %u:%u",
              err.offset, p.line, p.col, err.line, err.col);
}

/* Long lines of one-, two-, three- and four-byte characters with line
 * ends at every alignment: the count eight bytes at a time agrees with
 * the count byte by byte at every offset, from the start and from a
 * cursor. */
static void test_long_lines(void)
{
    static const char *const pieces[] = { "a", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
                                          "\n", "\r\n", "\r", "abcdefghijk" };
    char text[4096];
    size_t len = 0, bad = 0;
    unsigned seed = 12345;
    while (len < sizeof text - 16) {
        seed = seed * 1103515245u + 12345u;
        unsigned k = (seed >> 16) % 16;
        const char *piece = pieces[k < 8 ? k : k % 4 == 0 ? 4 + (k / 4) % 3 : 7];
        memcpy(text + len, piece, strlen(piece));
        len += strlen(piece);
    }
    json_text_pos cur = JSON_TEXT_START;
    for (size_t at = 0; at <= len + 1; at++) {
        unsigned l, c;
        json_text_pos fresh = JSON_TEXT_START;
        reference_position(text, len, at, &l, &c);
        json_text_position(text, len, at, &fresh);
        json_text_position(text, len, at, &cur);
        bad += fresh.line != l || fresh.col != c || cur.line != l || cur.col != c;
    }
    CHECK_MSG(&T, bad == 0, "%zu of %zu offsets counted otherwise", bad, len + 2);
}

static void test_positions(void)
{
    test_long_lines();
    /* LF, CRLF, a lone CR, tabs, two- and three-byte characters */
    check_text_positions("{\r\n \"a\": [1,\r \"\xC3\xA9\xE2\x82\xAC\", true],\n\t\"b\xC3\xA9\" : {\"c\" :null},"
                         "\"d\":\"x\\u0000y\",\r\n\r\n  \"e\\\"f\": -1.5e3}", 0);
    check_text_positions("[[],{},\"\",0,\n[\n[\n\"deep\"]]]", 0);
    check_text_positions("\xEF\xBB\xBF{\n \"a\": \"\xC3\xA9\", \"b\": 2}", JSON_PARSE_ALLOW_BOM);
    check_text_positions("  7", 0);
    check_error_position("{\n  \"a\": [1,\r\n 2,, 3]}");
    check_error_position("{\"\xC3\xA9\xC3\xA9\": 01}");
    check_error_position("{\"a\":1,\r\"a\":2\n}\n x");
    check_error_position("[\"unterminated\n");

    /* both sides of the ends: offset 0, the last byte, the end, past it */
    const char *t = "ab\ncd";
    json_text_pos p = JSON_TEXT_START;
    json_text_position(t, 5, 0, &p);
    CHECK(&T, p.line == 1 && p.col == 1 && p.offset == 0);
    json_text_position(t, 5, 4, &p);
    CHECK(&T, p.line == 2 && p.col == 2);
    json_text_position(t, 5, 5, &p);
    CHECK(&T, p.line == 2 && p.col == 3 && p.offset == 5);
    json_text_position(t, 5, 99, &p);
    CHECK(&T, p.line == 2 && p.col == 3 && p.offset == 5);
    /* asking for an earlier offset counts again from the start */
    json_text_position(t, 5, 2, &p);
    CHECK(&T, p.line == 1 && p.col == 3);
    /* a CR right before the cursor's offset, then its LF: one line end */
    const char *crlf = "a\r\nb";
    p = JSON_TEXT_START;
    json_text_position(crlf, 4, 2, &p);
    CHECK(&T, p.line == 1 && p.col == 2);
    json_text_position(crlf, 4, 3, &p);
    CHECK(&T, p.line == 2 && p.col == 1);
    /* a lone CR at the very end is a line end too */
    p = JSON_TEXT_START;
    json_text_position("a\r", 2, 2, &p);
    CHECK(&T, p.line == 2 && p.col == 1);
}

/* ---- the engine's findings ---------------------------------------------- */

static void test_engine_offsets(void)
{
    const char *schema = "{\"properties\": {\"name\": {\"minLength\": 1}}, \"additionalProperties\": false}";
    const char *text = "{\"name\": \"\",\n \"zzz\": 1}";
    jsv_error err;
    const char *uri = NULL;
    jsv_registry *reg = jsv_registry_new();
    jsv_schema *s = NULL;
    json_doc *doc = json_parse(text, strlen(text), NULL, NULL, NULL);
    jsv_result *r = jsv_result_new();
    if (reg && jsv_registry_add_json(reg, "urn:test:finding", schema, strlen(schema), &uri, &err) == 0)
        s = jsv_compile(reg, uri, NULL, &err);
    CHECK(&T, doc && r && s);
    if (!doc || !r || !s)
        goto out;
    CHECK(&T, jsv_validate(s, doc->root, r) == 0);
    size_t n = jsv_result_count(r), named = 0;
    for (size_t i = 0; i < n; i++) {
        const jsv_finding *f = jsv_result_get(r, i);
        CHECK(&T, f->pointer == f->instance_location && f->id == f->keyword && !f->is_rule);
        CHECK(&T, f->offset == jsv_finding_offset(f->id, f->instance));
        if (strcmp(f->pointer, "/name") == 0 && strcmp(f->id, "minLength") == 0) {
            CHECK_INT(&T, f->offset, 9);   /* the value "" */
            named++;
        }
        if (strcmp(f->pointer, "/zzz") == 0 && strcmp(f->id, "additionalProperties") == 0) {
            CHECK_INT(&T, f->offset, 14);  /* the name, not the value */
            named++;
        }
    }
    CHECK_INT(&T, named, 2);
    CHECK(&T, jsv_finding_offset("minLength", NULL) == JSV_NO_OFFSET);
out:
    jsv_result_free(r);
    json_doc_free(doc);
    jsv_schema_free(s);
    jsv_registry_free(reg);
}

/* ---- contract_check_text against contract_check --------------------------- */

static void same_findings(const char *what, const contract_report *a, const contract_report *b)
{
    size_t n = contract_report_count(a);
    CHECK_MSG(&T, n == contract_report_count(b), "%s: %zu findings, on the tree %zu", what, n,
              contract_report_count(b));
    for (size_t i = 0; i < n && i < contract_report_count(b); i++) {
        const contract_finding *x = contract_report_get(a, i), *y = contract_report_get(b, i);
        CHECK_STR(&T, x->pointer, y->pointer);
        CHECK_STR(&T, x->id, y->id);
        CHECK_STR(&T, x->message, y->message);
        CHECK(&T, (x->keyword_location == NULL) == (y->keyword_location == NULL));
        if (x->keyword_location && y->keyword_location) {
            CHECK_STR(&T, x->keyword_location, y->keyword_location);
            CHECK_STR(&T, x->absolute_keyword_location, y->absolute_keyword_location);
        }
        CHECK(&T, x->is_rule == y->is_rule && x->undecided == y->undecided);
        CHECK_MSG(&T, x->offset == y->offset || (y->offset == JSV_NO_OFFSET && x->offset != JSV_NO_OFFSET),
                  "%s: %s %s offset %zu, on the tree %zu", what, x->pointer, x->id, x->offset, y->offset);
        CHECK_MSG(&T, x->offset != JSV_NO_OFFSET, "%s: %s %s has an offset", what, x->pointer, x->id);
        CHECK(&T, !x->instance || json_node_info(x->instance));
    }
}

static void check_file(const contract *c, const char *path, const char *body, int valid,
                       contract_report *text_r, contract_report *tree_r)
{
    size_t len = 0;
    char *text = slurp(path, &len);
    json_parse_opts opts = { JSON_PARSE_REJECT_DUPLICATES, 0 };
    json_error err, terr;
    CHECK_MSG(&T, text != NULL, "read %s", path);
    if (!text)
        return;
    json_doc *doc = json_parse(text, len, &opts, NULL, &err);
    int v = contract_check_text(c, body, text, len, 0, text_r, &terr);
    if (!doc) {
        /* malformed: the same error, nothing found */
        CHECK_MSG(&T, v == CONTRACT_MALFORMED, "%s: malformed, got %d", path, v);
        CHECK(&T, terr.code == err.code && terr.offset == err.offset && terr.line == err.line);
        CHECK_INT(&T, contract_report_count(text_r), 0);
    } else {
        contract_report_clear(tree_r);
        int w = contract_check(c, body, doc->root, 0, tree_r);
        CHECK_MSG(&T, v == w, "%s: %d, on the tree %d", path, v, w);
        CHECK_MSG(&T, (v == 1) == valid, "%s: verdict %d", path, v);
        same_findings(path, text_r, tree_r);
        /* without the tape (duplicates allowed): the same answer */
        int d = contract_check_text(c, body, text, len, CONTRACT_ALLOW_DUPLICATES, text_r, NULL);
        CHECK_MSG(&T, d == w, "%s: allowing duplicates %d, on the tree %d", path, d, w);
        same_findings(path, text_r, tree_r);
    }
    json_doc_free(doc);
    free(text);
}

static void check_dir(const contract *c, const char *dir, int valid, contract_report *a, contract_report *b)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    size_t files = 0;
    CHECK_MSG(&T, d != NULL, "open %s", dir);
    while (d && (de = readdir(d))) {
        size_t n = strlen(de->d_name);
        if (n < 6 || strcmp(de->d_name + n - 5, ".json") != 0)
            continue;
        char path[1024], body[256];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        snprintf(body, sizeof body, "%s", de->d_name);
        *strchr(body, '.') = '\0';
        check_file(c, path, body, valid, a, b);
        files++;
    }
    if (d)
        closedir(d);
    CHECK_MSG(&T, files > 10, "%s: %zu files", dir, files);
}

static void test_check_text(const contract *c)
{
    contract_report *a = contract_report_new(), *b = contract_report_new();
    check_dir(c, "examples", 1, a, b);
    check_dir(c, "examples/invalid", 0, a, b);

    /* a rule that fails where the schema holds: found on the tree, the
     * schema's findings none */
    json_error err;
    const char *dup = "{\"a\":1,\n\"a\":2}";
    CHECK_INT(&T, contract_check_text(c, "error-response", dup, strlen(dup), 0, a, &err), CONTRACT_MALFORMED);
    CHECK_INT(&T, err.code, JSON_ERR_DUPLICATE);
    CHECK(&T, err.line == 2 && err.col == 1);
    CHECK(&T, contract_check_text(c, "error-response", dup, strlen(dup), CONTRACT_ALLOW_DUPLICATES, a, &err) == 0);
    CHECK(&T, contract_report_count(a) > 0);
    CHECK_INT(&T, contract_check_text(c, "error-response", "{", 1, 0, a, NULL), CONTRACT_MALFORMED);
    CHECK_INT(&T, contract_check_text(c, "no-such-body", "{}", 2, 0, a, NULL), -1);
    /* the report is cleared first, and a check's tree lives until the next */
    const char *bad = "{\"name\": 5}";
    CHECK_INT(&T, contract_check_text(c, "campaign-create-request", bad, strlen(bad), CONTRACT_SCHEMA_ONLY, a, NULL), 0);
    size_t n = contract_report_count(a);
    CHECK(&T, n > 0);
    for (size_t i = 0; i < n; i++)
        CHECK(&T, contract_report_get(a, i)->offset < strlen(bad));
    CHECK_INT(&T, contract_check_text(c, "campaign-create-request", bad, strlen(bad), CONTRACT_SCHEMA_ONLY, a, NULL), 0);
    CHECK_INT(&T, contract_report_count(a), n);
    /* the document's bytes: a tape's (one entry of 32 bytes) for a text
     * that passes, and a tree's arena besides for one that fails */
    CHECK_INT(&T, contract_check_text(c, "campaign-execute-request", "{}", 2, 0, a, NULL), 1);
    CHECK_INT(&T, contract_report_document_bytes(a), 32);
    CHECK_INT(&T, contract_check_text(c, "campaign-create-request", bad, strlen(bad), CONTRACT_SCHEMA_ONLY, a, NULL), 0);
    CHECK(&T, contract_report_document_bytes(a) > 2 * 32);
    contract_report_clear(a);
    CHECK_INT(&T, contract_report_document_bytes(a), 0);
    contract_report_free(a);
    contract_report_free(b);
}

/* The reporting walk alone says of an invalid instance what the whole
 * validation says. */
static void test_explain(const contract *c)
{
    const char *texts[] = { "{\"name\": 5, \"x\": [1]}", "[]", "{\"campaignId\": \"\"}", "null" };
    jsv_result *a = jsv_result_new(), *b = jsv_result_new();
    const jsv_schema *s = contract_schema(c, "campaign-response");
    CHECK(&T, jsv_explain(s, NULL, NULL) == -1);
    for (size_t i = 0; a && b && s && i < sizeof texts / sizeof *texts; i++) {
        json_doc *doc = json_parse(texts[i], strlen(texts[i]), NULL, NULL, NULL);
        if (!doc)
            continue;
        CHECK_INT(&T, jsv_validate(s, doc->root, a), 0);
        CHECK_INT(&T, jsv_explain(s, doc->root, b), 0);
        CHECK_INT(&T, jsv_result_count(b), jsv_result_count(a));
        for (size_t k = 0; k < jsv_result_count(a) && k < jsv_result_count(b); k++) {
            CHECK_STR(&T, jsv_result_get(b, k)->message, jsv_result_get(a, k)->message);
            CHECK_STR(&T, jsv_result_get(b, k)->keyword_location, jsv_result_get(a, k)->keyword_location);
            CHECK(&T, jsv_result_get(b, k)->offset == jsv_result_get(a, k)->offset);
        }
        json_doc_free(doc);
    }
    jsv_result_free(a);
    jsv_result_free(b);
}

int main(void)
{
    jsv_error err;
    test_positions();
    test_engine_offsets();
    test_duplicate_position();
    contract *c = contract_load("schemas", NULL, &err);
    CHECK_MSG(&T, c != NULL, "load schemas: %s", err.message);
    if (c) {
        test_check_text(c);
        test_explain(c);
    }
    contract_free(c);
    return check_done(&T);
}
