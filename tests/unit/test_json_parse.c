/* test_json_parse.c - the strict parser: every error class with its exact
 * position and message, valid documents of every type, escapes, number
 * texts, duplicates (also with keys crafted to collide in the duplicate
 * table), BOM, depth limits, cJSON API on parsed trees, and a large
 * generated document. */
#include "check.h"
#include "campaign/json_parse.h"
#include "tape_compare.h"
#include "json_tape.h"
#include "fnv_collide.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Every input a test parses is parsed into a tape too: the tape must fail
 * with the very same error, or hold the same document as the tree. */
static void same_on_tape(struct check *t, int srcline, const char *buf, size_t len, unsigned flags, unsigned depth)
{
    char why[512];
    json_parse_opts o = { flags, depth };
    const char *diff = tape_parse_compare(buf, len, &o, why, sizeof why);
    check_report(t, diff == NULL, "tape agrees with tree", __FILE__, srcline, diff);
}

/* Parse buf[0..len) expecting failure with the given code, position and a
 * message containing msg (NULL: do not check the message). */
static void expect_err_n(struct check *t, int srcline, const char *buf, size_t len, unsigned flags,
                         unsigned depth, int code, unsigned line, unsigned col, const char *msg)
{
    json_error e;
    json_parse_opts o = { flags, depth };
    json_doc *d = json_parse(buf, len, &o, NULL, &e);
    int ok = !d && e.code == code && e.line == line && e.col == col && (!msg || strstr(e.message, msg));
    check_report(t, ok, "parse error", __FILE__, srcline, NULL);
    if (!ok)
        fprintf(stderr, "  input %.60s: got doc=%p code %d at %u:%u \"%s\"; want code %d at %u:%u \"%s\"\n",
                buf, (void *)d, e.code, e.line, e.col, e.message, code, line, col, msg ? msg : "");
    json_doc_free(d);
    same_on_tape(t, srcline, buf, len, flags, depth);
}

#define ERR(t, s, code, line, col, msg) \
    expect_err_n((t), __LINE__, (s), strlen(s), 0, 0, (code), (line), (col), (msg))
#define ERRF(t, s, flags, code, line, col, msg) \
    expect_err_n((t), __LINE__, (s), strlen(s), (flags), 0, (code), (line), (col), (msg))
#define ERRN(t, s, n, code, line, col, msg) \
    expect_err_n((t), __LINE__, (s), (n), 0, 0, (code), (line), (col), (msg))

static json_doc *parse_ok_n(struct check *t, int srcline, const char *s, size_t len, unsigned flags)
{
    json_error e;
    json_parse_opts o = { flags, 0 };
    json_doc *d = json_parse(s, len, &o, NULL, &e);
    check_report(t, d != NULL && e.code == JSON_OK, "parse ok", __FILE__, srcline, NULL);
    if (!d) fprintf(stderr, "  input %.60s: error %d at %u:%u: %s\n", s, e.code, e.line, e.col, e.message);
    same_on_tape(t, srcline, s, len, flags, 0);
    return d;
}
#define OK(t, s) parse_ok_n((t), __LINE__, (s), strlen(s), 0)
#define OKF(t, s, f) parse_ok_n((t), __LINE__, (s), strlen(s), (f))

static const json_node *info(const cJSON *c) { return json_node_info(c); }

/* Where parsed node v starts in text[0..len) (its key, with key set):
 * counted from its byte offset, as every reader of a position counts. */
static json_text_pos node_pos(const char *text, size_t len, const cJSON *v, int key)
{
    json_text_pos p = JSON_TEXT_START;
    const json_node *n = json_node_info(v);
    if (n) json_text_position(text, len, key ? n->key_offset : n->offset, &p);
    else p.line = p.col = 0;
    return p;
}
#define AT(text, v) node_pos((text), strlen(text), (v), 0)
#define KEY_AT(text, v) node_pos((text), strlen(text), (v), 1)

/* Each parsed object keeps a filter of its members' names: every member
 * is still found (also past 64 names, when the filter is full), names that
 * are not members are not, and each object's filter is its own. */
static void test_member_filter(struct check *t)
{
    char text[4096] = "{";
    for (int i = 0; i < 80; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "%s\"name_%d\":%d", i ? "," : "", i, i);
    strcat(text, ",\"inner\":{\"deep\":1},\"a\\u0000b\":2,\"dup\":3,\"dup\":4}");
    json_doc *d = OK(t, text);
    if (!d) return;
    int found = 0, right = 0;
    for (int i = 0; i < 80; i++) {
        char name[32];
        snprintf(name, sizeof name, "name_%d", i);
        const cJSON *m = json_member(d->root, name);
        found += m != NULL;
        right += m && (int)m->valuedouble == i;
    }
    CHECK_INT(t, found, 80);
    CHECK_INT(t, right, 80);
    const json_node *o = info(d->root);
    int in_filter = 0, members = 0;
    for (const cJSON *m = d->root->child; m; m = m->next, members++) {
        uint64_t bits = json_key_filter(info(m)->key_hash);
        in_filter += (o->names & bits) == bits;
    }
    CHECK_INT(t, in_filter, members);
    CHECK(t, json_member(d->root, "deep") == NULL);            /* the inner object's member */
    CHECK(t, json_member(json_member(d->root, "inner"), "deep") != NULL);
    CHECK(t, json_member(json_member(d->root, "inner"), "name_1") == NULL);
    CHECK(t, json_member_h(d->root, "a\0b", 3, json_key_hash("a\0b", 3)) != NULL);
    CHECK(t, json_member(d->root, "a") == NULL);
    CHECK_INT(t, (int)json_member(d->root, "dup")->valuedouble, 3); /* the first of two */
    json_doc_free(d);
    /* a small object: absent names answered by the filter alone */
    d = OK(t, "{\"action\":\"update\",\"mediaBuyId\":\"mb_1\"}");
    if (d) {
        int absent = 0, filtered = 0;
        for (int i = 0; i < 1000; i++) {
            char name[32];
            snprintf(name, sizeof name, "other_%d", i);
            uint64_t bits = json_key_filter(json_key_hash(name, strlen(name)));
            absent += json_member(d->root, name) == NULL;
            filtered += (info(d->root)->names & bits) != bits;
        }
        CHECK_INT(t, absent, 1000);
        CHECK(t, filtered > 900); /* two names set at most 4 of 64 bits */
        CHECK(t, json_member(d->root, "mediaBuyId") != NULL);
    }
    json_doc_free(d);
    d = OK(t, "{}");
    if (d) CHECK(t, info(d->root)->names == 0 && json_member(d->root, "") == NULL);
    json_doc_free(d);
}

/* Numbers written as digits alone carry JSON_NODE_INTEGER_TEXT. */
static void test_integer_text(struct check *t)
{
    static const struct { const char *text; int integer; } cases[] = {
        { "0", 1 }, { "-0", 1 }, { "12", 1 }, { "-12", 1 }, { "18446744073709551616", 1 },
        { "1.0", 0 }, { "1e2", 0 }, { "1E2", 0 }, { "-1.5", 0 }, { "0.0", 0 }, { "1e-2", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_doc *d = OK(t, cases[i].text);
        if (d) CHECK_INT(t, (d->root->type & JSON_NODE_INTEGER_TEXT) != 0, cases[i].integer);
        json_doc_free(d);
    }
    json_doc *d = OK(t, "[\"1\",true,null,{\"a\":[]}]");
    if (d) {
        int any = 0;
        for (const cJSON *e = d->root; e; e = e->child ? e->child : e->next) any |= e->type & JSON_NODE_INTEGER_TEXT;
        CHECK_INT(t, any, 0); /* only numbers */
    }
    json_doc_free(d);
}

static void test_scalars(struct check *t)
{
    json_doc *d = OK(t, "true");
    if (d) {
        CHECK(t, cJSON_IsTrue(d->root));
        CHECK(t, d->root->type & JSON_NODE_PARSED);
        CHECK(t, d->root->next == NULL && d->root->prev == NULL && d->root->child == NULL);
        CHECK_INT(t, AT("true", d->root).line, 1);
        CHECK_INT(t, AT("true", d->root).col, 1);
    }
    json_doc_free(d);
    d = OK(t, "  false ");
    if (d) { CHECK(t, cJSON_IsFalse(d->root)); CHECK_INT(t, AT("  false ", d->root).col, 3); }
    json_doc_free(d);
    d = OK(t, "\n\t null\r\n");
    if (d) {
        CHECK(t, cJSON_IsNull(d->root));
        CHECK_INT(t, AT("\n\t null\r\n", d->root).line, 2);
        CHECK_INT(t, AT("\n\t null\r\n", d->root).col, 3);
    }
    json_doc_free(d);
    d = OK(t, "\"hi\"");
    if (d) { CHECK(t, cJSON_IsString(d->root)); CHECK_STR(t, d->root->valuestring, "hi"); CHECK_INT(t, json_string_len(d->root), 2); }
    json_doc_free(d);
    d = OK(t, "-12.5e1");
    if (d) {
        CHECK(t, cJSON_IsNumber(d->root));
        CHECK(t, d->root->valuedouble == -125.0);
        CHECK_INT(t, d->root->valueint, -125);
        CHECK_STR(t, json_number_text(d->root), "-12.5e1");
    }
    json_doc_free(d);
    d = OK(t, "\"\"");
    if (d) { CHECK_STR(t, d->root->valuestring, ""); CHECK_INT(t, json_string_len(d->root), 0); }
    json_doc_free(d);
}

static void test_containers(struct check *t)
{
    const char *src =
        "{\n"
        "  \"name\": \"Spring sale\",\n"
        "  \"budget\": 1500.25,\n"
        "  \"tags\": [\"a\", \"b\", \"c\"],\n"
        "  \"active\": true,\n"
        "  \"paused\": false,\n"
        "  \"notes\": null,\n"
        "  \"empty_obj\": {},\n"
        "  \"empty_arr\": [],\n"
        "  \"nested\": {\"k\": [1, [2, {\"x\": 3}]]}\n"
        "}";
    json_doc *d = OK(t, src);
    if (!d) return;
    cJSON *r = d->root;
    CHECK(t, cJSON_IsObject(r));
    CHECK_INT(t, cJSON_GetArraySize(r), 9);
    cJSON *name = cJSON_GetObjectItemCaseSensitive(r, "name");
    CHECK(t, cJSON_IsString(name));
    CHECK_STR(t, name ? name->valuestring : NULL, "Spring sale");
    CHECK_STR(t, name ? name->string : NULL, "name");
    CHECK_INT(t, AT(src, name).line, 2);
    CHECK_INT(t, AT(src, name).col, 11);
    CHECK_INT(t, KEY_AT(src, name).line, 2);
    CHECK_INT(t, KEY_AT(src, name).col, 3);
    CHECK_INT(t, info(name)->key_len, 4);
    cJSON *budget = cJSON_GetObjectItemCaseSensitive(r, "budget");
    CHECK(t, budget && budget->valuedouble == 1500.25);
    CHECK_INT(t, budget ? budget->valueint : 0, 1500);
    CHECK_STR(t, json_number_text(budget), "1500.25");
    cJSON *tags = cJSON_GetObjectItemCaseSensitive(r, "tags");
    CHECK(t, cJSON_IsArray(tags));
    CHECK_INT(t, cJSON_GetArraySize(tags), 3);
    CHECK_STR(t, cJSON_GetArrayItem(tags, 2)->valuestring, "c");
    CHECK(t, cJSON_GetArrayItem(tags, 3) == NULL);
    CHECK_INT(t, AT(src, cJSON_GetArrayItem(tags, 1)).col, 17);
    /* cJSON's linking: first child's prev is the last, last's next NULL */
    cJSON *first = tags->child;
    CHECK(t, first->prev == cJSON_GetArrayItem(tags, 2));
    CHECK(t, cJSON_GetArrayItem(tags, 2)->next == NULL);
    CHECK(t, cJSON_GetArrayItem(tags, 1)->prev == first);
    CHECK(t, r->child->prev == cJSON_GetObjectItemCaseSensitive(r, "nested"));
    CHECK(t, cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r, "active")));
    CHECK(t, cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(r, "paused")));
    CHECK(t, cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(r, "notes")));
    cJSON *eo = cJSON_GetObjectItemCaseSensitive(r, "empty_obj");
    CHECK(t, cJSON_IsObject(eo) && eo->child == NULL);
    cJSON *ea = cJSON_GetObjectItemCaseSensitive(r, "empty_arr");
    CHECK(t, cJSON_IsArray(ea) && cJSON_GetArraySize(ea) == 0);
    cJSON *k = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(r, "nested"), "k");
    cJSON *inner = cJSON_GetArrayItem(cJSON_GetArrayItem(k, 1), 1);
    cJSON *x = cJSON_GetObjectItemCaseSensitive(inner, "x");
    CHECK(t, x && x->valueint == 3);
    CHECK_INT(t, AT(src, x).line, 10);
    CHECK_INT(t, AT(src, x).col, 33);
    CHECK(t, cJSON_GetObjectItemCaseSensitive(r, "missing") == NULL);
    /* the case-insensitive lookup works too */
    CHECK(t, cJSON_GetObjectItem(r, "NAME") == name);
    /* printing through cJSON works on parsed trees */
    char *printed = cJSON_PrintUnformatted(tags);
    CHECK_STR(t, printed, "[\"a\",\"b\",\"c\"]");
    free(printed);
    json_doc_free(d);
}

static void test_columns_count_code_points(struct check *t)
{
    /* "é" is two bytes, "😀" four: columns count characters */
    json_doc *d = OK(t, "[\"é😀\", 7]");
    if (d) CHECK_INT(t, AT("[\"é😀\", 7]", cJSON_GetArrayItem(d->root, 1)).col, 8);
    json_doc_free(d);
    ERR(t, "[\"é😀\", 01]", JSON_ERR_NUMBER, 1, 8, "leading zeros are not allowed in numbers");
    ERR(t, "{\"a\":\n  [1,\n   \"ü\" x]}", JSON_ERR_SYNTAX, 3, 8, "unexpected character 'x', expected ',' or ']'");
    ERR(t, "{\"a\":\r\n1,\r\"b\":\r\n  ?}", JSON_ERR_SYNTAX, 4, 3, "unexpected character '?', expected a JSON value");
    /* a long line with many multi-byte characters */
    char buf[4000];
    size_t n = 0;
    buf[n++] = '[';
    for (int i = 0; i < 500; i++) { memcpy(buf + n, "\"ö\",", 5); n += 5; }
    buf[n++] = '?';
    buf[n++] = ']';
    buf[n] = 0;
    ERR(t, buf, JSON_ERR_SYNTAX, 1, 2 + 500 * 4, "unexpected character '?'");
    /* the same line parsed: value columns counted from the offsets */
    buf[n - 2] = '7';
    json_doc *v = OK(t, buf);
    if (v) {
        CHECK_INT(t, AT(buf, v->root->child->prev).col, 2 + 500 * 4);
        CHECK_INT(t, AT(buf, cJSON_GetArrayItem(v->root, 250)).col, 2 + 250 * 4);
    }
    json_doc_free(v);
}

static void test_syntax_errors(struct check *t)
{
    ERR(t, "{\"a\":1 x}", JSON_ERR_SYNTAX, 1, 8, "unexpected character 'x', expected ',' or '}'");
    ERR(t, "[1 2]", JSON_ERR_SYNTAX, 1, 4, "unexpected character '2', expected ',' or ']'");
    ERR(t, "[1,]", JSON_ERR_SYNTAX, 1, 4, "trailing commas are not allowed");
    ERR(t, "{\"a\":1,}", JSON_ERR_SYNTAX, 1, 8, "trailing commas are not allowed");
    ERR(t, "[,1]", JSON_ERR_SYNTAX, 1, 2, "unexpected character ',', expected a JSON value or ']'");
    ERR(t, "{a:1}", JSON_ERR_SYNTAX, 1, 2, "unexpected character 'a', expected a string key or '}'");
    ERR(t, "{'a':1}", JSON_ERR_SYNTAX, 1, 2, "double quotes");
    ERR(t, "{\"a\" 1}", JSON_ERR_SYNTAX, 1, 6, "expected ':'");
    ERR(t, "{\"a\":}", JSON_ERR_SYNTAX, 1, 6, "unexpected character '}', expected a JSON value");
    ERR(t, "[", JSON_ERR_SYNTAX, 1, 2, "unexpected end of input");
    ERR(t, "[1,", JSON_ERR_SYNTAX, 1, 4, "unexpected end of input, expected a JSON value");
    ERR(t, "{\"a\":1", JSON_ERR_SYNTAX, 1, 7, "unexpected end of input, expected ',' or '}'");
    ERR(t, "{\"a\"", JSON_ERR_SYNTAX, 1, 5, "expected ':'");
    ERR(t, "\"abc", JSON_ERR_SYNTAX, 1, 5, "unexpected end of input in string (opened at line 1, column 1)");
    ERR(t, "tru", JSON_ERR_SYNTAX, 1, 4, "unexpected end of input in literal (expected true)");
    ERR(t, "[nul]", JSON_ERR_SYNTAX, 1, 5, "unexpected character ']' in literal (expected null)");
    ERR(t, "True", JSON_ERR_SYNTAX, 1, 1, "unexpected character 'T', expected a JSON value");
    ERR(t, "]", JSON_ERR_SYNTAX, 1, 1, "unexpected character ']'");
    ERR(t, "[\x01]", JSON_ERR_SYNTAX, 1, 2, "unexpected character U+0001");
    ERR(t, "[\"a\",\n\n   é]", JSON_ERR_SYNTAX, 3, 4, "unexpected character 'é' (U+00E9)");
    /* NUL bytes outside strings */
    ERRN(t, "[1,\0 2]", 7, JSON_ERR_SYNTAX, 1, 4, "U+0000");
    ERRN(t, "\0", 1, JSON_ERR_SYNTAX, 1, 1, "U+0000");
}

static void test_trailing_and_empty(struct check *t)
{
    ERR(t, "{} {}", JSON_ERR_TRAILING, 1, 4, "unexpected data after the JSON value");
    ERR(t, "1 2", JSON_ERR_TRAILING, 1, 3, "unexpected data after the JSON value");
    ERR(t, "[1]\n\n\n  x", JSON_ERR_TRAILING, 4, 3, "unexpected data after the JSON value");
    ERR(t, "truex", JSON_ERR_TRAILING, 1, 5, NULL);
    ERRN(t, "{}\0", 3, JSON_ERR_TRAILING, 1, 3, NULL);
    ERR(t, "", JSON_ERR_EMPTY, 1, 1, "empty");
    ERR(t, "  \n\t\r\n ", JSON_ERR_EMPTY, 3, 2, "empty");
    json_error e;
    CHECK(t, json_parse(NULL, 0, NULL, NULL, &e) == NULL && e.code == JSON_ERR_EMPTY);
    json_doc *d = OK(t, "{}  \n\t\r\n");
    json_doc_free(d);
}

static void test_control_chars(struct check *t)
{
    ERR(t, "{\"a\": \"line1\nline2\"}", JSON_ERR_CONTROL_CHAR, 1, 13,
        "raw control character U+000A in string (escape it as \\n)");
    ERR(t, "[\n\n \"x\ty\"]", JSON_ERR_CONTROL_CHAR, 3, 4, "raw control character U+0009 in string (escape it as \\t)");
    ERR(t, "\"\x1f\"", JSON_ERR_CONTROL_CHAR, 1, 2, "U+001F in string (escape it as \\u001F)");
    ERRN(t, "\"a\0b\"", 5, JSON_ERR_CONTROL_CHAR, 1, 3, "raw control character U+0000");
    /* DEL is allowed unescaped */
    json_doc *d = OK(t, "\"\x7f\"");
    json_doc_free(d);
}

static void test_utf8(struct check *t)
{
    ERR(t, "\"\xC3\"", JSON_ERR_UTF8, 1, 2, "invalid UTF-8 byte 0xC3 (truncated sequence)");
    ERR(t, "\"\xC3", JSON_ERR_UTF8, 1, 2, "invalid UTF-8 byte 0xC3");
    ERR(t, "\"ab\x80\"", JSON_ERR_UTF8, 1, 4, "invalid UTF-8 byte 0x80 (unexpected continuation byte)");
    ERR(t, "\"\xC0\xAF\"", JSON_ERR_UTF8, 1, 2, "invalid UTF-8 byte 0xC0 (overlong encoding)");
    ERR(t, "\"\xC1\xBF\"", JSON_ERR_UTF8, 1, 2, "overlong");
    ERR(t, "\"\xE0\x80\xAF\"", JSON_ERR_UTF8, 1, 2, "invalid UTF-8 byte 0xE0 (overlong encoding)");
    ERR(t, "\"\xF0\x80\x80\xAF\"", JSON_ERR_UTF8, 1, 2, "overlong");
    ERR(t, "\"\xED\xA0\x80\"", JSON_ERR_UTF8, 1, 2, "invalid UTF-8 byte 0xED (encoded surrogate)");
    ERR(t, "\"\xED\xBF\xBF\"", JSON_ERR_UTF8, 1, 2, "encoded surrogate");
    ERR(t, "\"\xF4\x90\x80\x80\"", JSON_ERR_UTF8, 1, 2, "invalid UTF-8 byte 0xF4 (code point above U+10FFFF)");
    ERR(t, "\"\xF5\x80\x80\x80\"", JSON_ERR_UTF8, 1, 2, "invalid UTF-8 byte 0xF5");
    ERR(t, "\"\xFF\"", JSON_ERR_UTF8, 1, 2, "invalid UTF-8 byte 0xFF");
    ERR(t, "\"\xE2\x82\"", JSON_ERR_UTF8, 1, 2, "truncated sequence");
    ERR(t, "\"\xF0\x9F\x98\"", JSON_ERR_UTF8, 1, 2, "truncated sequence");
    ERR(t, "\"é\xE2\x82(\"", JSON_ERR_UTF8, 1, 3, "invalid UTF-8 byte 0xE2");
    /* outside strings too */
    ERR(t, "[1, \xC3]", JSON_ERR_UTF8, 1, 5, "invalid UTF-8 byte 0xC3");
    ERR(t, "{\"k\": 1, \"\xC3\x28\": 2}", JSON_ERR_UTF8, 1, 11, "invalid UTF-8 byte 0xC3");
    /* the boundaries that are valid */
    const char *valid = "[\"\xC2\x80\", \"\xDF\xBF\", \"\xE0\xA0\x80\", \"\xED\x9F\xBF\", \"\xEE\x80\x80\", "
                        "\"\xEF\xBF\xBF\", \"\xF0\x90\x80\x80\", \"\xF4\x8F\xBF\xBF\"]";
    json_doc *d = OK(t, valid);
    if (d) {
        CHECK_INT(t, cJSON_GetArraySize(d->root), 8);
        CHECK_INT(t, json_string_len(cJSON_GetArrayItem(d->root, 7)), 4);
    }
    json_doc_free(d);
    /* long strings exercise the word-at-a-time scan */
    d = OK(t, "\"abcdefghijklmnopqrstuvwxyz0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ é abcdefgh\"");
    if (d) CHECK_INT(t, json_string_len(d->root), 75);
    json_doc_free(d);
    ERR(t, "\"abcdefghijklmnopqrstuvwxyz0123456789\x80\"", JSON_ERR_UTF8, 1, 38, "0x80");
    ERR(t, "\"abcdefghijklmnopqrstuvwxyz0123456789\x7f\x1b\"", JSON_ERR_CONTROL_CHAR, 1, 39, "U+001B");
}

static void test_escapes(struct check *t)
{
    json_doc *d = OK(t, "\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\"");
    if (d) {
        CHECK_STR(t, d->root->valuestring, "a\"b\\c/d\be\ff\ng\rh\ti");
        CHECK_INT(t, json_string_len(d->root), 17);
    }
    json_doc_free(d);
    d = OK(t, "\"caf\\u00e9 \\u20AC\"");
    if (d) {
        CHECK_STR(t, d->root->valuestring, "café €");
        CHECK_INT(t, json_string_len(d->root), 9);
    }
    json_doc_free(d);
    d = OK(t, "\"\\uD83D\\uDE00!\"");
    if (d) {
        CHECK_STR(t, d->root->valuestring, "\xF0\x9F\x98\x80!");
        CHECK_INT(t, json_string_len(d->root), 5);
    }
    json_doc_free(d);
    d = OK(t, "\"\\uDBFF\\uDFFF\"");
    if (d) CHECK_STR(t, d->root->valuestring, "\xF4\x8F\xBF\xBF");
    json_doc_free(d);
    d = OK(t, "\"a\\u0000b\"");
    if (d) {
        CHECK_INT(t, json_string_len(d->root), 3);
        CHECK(t, memcmp(d->root->valuestring, "a\0b", 4) == 0);
        CHECK_INT(t, info(d->root)->len, 3);
    }
    json_doc_free(d);
    d = OK(t, "{\"k\\u0000ey\": 1, \"k\": 2}");
    if (d) {
        cJSON *first = d->root->child;
        CHECK_INT(t, info(first)->key_len, 4);
        CHECK(t, memcmp(first->string, "k\0ey", 5) == 0);
    }
    json_doc_free(d);

    ERR(t, "[\"ab\\x\"]", JSON_ERR_ESCAPE, 1, 5, "invalid escape sequence in string: backslash followed by 'x'");
    ERR(t, "\"\\'\"", JSON_ERR_ESCAPE, 1, 2, "invalid escape");
    ERR(t, "\"é\\u12G4\"", JSON_ERR_ESCAPE, 1, 3, "invalid \\u escape");
    ERR(t, "\"\\u12\"", JSON_ERR_ESCAPE, 1, 2, "four hex digits");
    ERR(t, "\"\\", JSON_ERR_SYNTAX, 1, 3, "unexpected end of input");
    ERR(t, "\"x\\uD800\"", JSON_ERR_ESCAPE, 1, 3, "unpaired surrogate \\uD800");
    ERR(t, "\"\\uD800\\u0041\"", JSON_ERR_ESCAPE, 1, 2, "unpaired surrogate");
    ERR(t, "\"\\uD800\\uD800\"", JSON_ERR_ESCAPE, 1, 2, "unpaired surrogate");
    ERR(t, "\"\\uD83Dx\"", JSON_ERR_ESCAPE, 1, 2, "unpaired surrogate");
    ERR(t, "\"\\uDC00\"", JSON_ERR_ESCAPE, 1, 2, "lone surrogate \\uDC00");
    ERR(t, "\"ok \\uDE00\\uD83D\"", JSON_ERR_ESCAPE, 1, 5, "lone surrogate \\uDE00");
    ERR(t, "\"\\\x01\"", JSON_ERR_ESCAPE, 1, 2, "backslash followed by U+0001");
}

static void test_numbers(struct check *t)
{
    static const struct { const char *src; double v; int vi; } good[] = {
        { "0", 0, 0 }, { "-0", -0.0, 0 }, { "1", 1, 1 }, { "-1", -1, -1 },
        { "0.5", 0.5, 0 }, { "-0.0", -0.0, 0 }, { "1e3", 1000, 1000 }, { "1E+3", 1000, 1000 },
        { "25e-1", 2.5, 2 }, { "0e0", 0, 0 }, { "123456789", 123456789, 123456789 },
        { "1.7976931348623157e308", 1.7976931348623157e308, INT_MAX },
        { "-1.7976931348623157e308", -1.7976931348623157e308, INT_MIN },
        { "2147483648", 2147483648.0, INT_MAX }, { "-2147483649", -2147483649.0, INT_MIN },
        { "2147483647", 2147483647.0, INT_MAX }, { "-2147483648", -2147483648.0, INT_MIN },
        { "1e-400", 0, 0 }, { "-1e-400", -0.0, 0 }, { "4.9e-324", 4.9e-324, 0 },
        { "0.1", 0.1, 0 }, { "3.141592653589793", 3.141592653589793, 3 },
        { "12345678901234567890123", 12345678901234567890123.0, INT_MAX },
        { "0.000000000000000000000000001", 1e-27, 0 },
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        json_doc *d = OK(t, good[i].src);
        if (!d) continue;
        CHECK_MSG(t, d->root->valuedouble == good[i].v && signbit(d->root->valuedouble) == signbit(good[i].v),
                  "%s: got %.17g", good[i].src, d->root->valuedouble);
        CHECK_MSG(t, d->root->valueint == good[i].vi, "%s: valueint %d", good[i].src, d->root->valueint);
        CHECK_STR(t, json_number_text(d->root), good[i].src);
        CHECK_INT(t, info(d->root)->len, strlen(good[i].src));
        json_doc_free(d);
    }
    /* integers above 2^53 keep their exact text */
    json_doc *d = OK(t, "{\"id\": 9007199254740993, \"big\": 123456789012345678901234567890.000}");
    if (d) {
        cJSON *id = cJSON_GetObjectItemCaseSensitive(d->root, "id");
        CHECK_STR(t, json_number_text(id), "9007199254740993");
        CHECK(t, id->valuedouble == 9007199254740992.0);
        CHECK_STR(t, json_number_text(cJSON_GetObjectItemCaseSensitive(d->root, "big")),
                  "123456789012345678901234567890.000");
    }
    json_doc_free(d);
    /* json_number_text is NULL for non-parsed and non-number nodes */
    cJSON *plain = cJSON_CreateNumber(5);
    CHECK(t, json_number_text(plain) == NULL);
    cJSON_Delete(plain);
    d = OK(t, "\"5\"");
    if (d) CHECK(t, json_number_text(d->root) == NULL);
    json_doc_free(d);

    ERR(t, "01", JSON_ERR_NUMBER, 1, 1, "leading zeros are not allowed in numbers");
    ERR(t, "[-01]", JSON_ERR_NUMBER, 1, 3, "leading zeros are not allowed in numbers");
    ERR(t, "[00]", JSON_ERR_NUMBER, 1, 2, "leading zeros");
    ERR(t, "1.", JSON_ERR_NUMBER, 1, 3, "expected a digit after the decimal point");
    ERR(t, "[1.]", JSON_ERR_NUMBER, 1, 4, "expected a digit after the decimal point");
    ERR(t, "[1.e5]", JSON_ERR_NUMBER, 1, 4, "decimal point");
    ERR(t, ".5", JSON_ERR_NUMBER, 1, 1, "digit before the decimal point");
    ERR(t, "[+1]", JSON_ERR_NUMBER, 1, 2, "numbers may not start with '+'");
    ERR(t, "-", JSON_ERR_NUMBER, 1, 2, "expected a digit after '-'");
    ERR(t, "[-]", JSON_ERR_NUMBER, 1, 3, "expected a digit after '-', found ']'");
    ERR(t, "[- 1]", JSON_ERR_NUMBER, 1, 3, "expected a digit after '-'");
    ERR(t, "1e", JSON_ERR_NUMBER, 1, 3, "expected a digit in the exponent");
    ERR(t, "[1e+]", JSON_ERR_NUMBER, 1, 5, "expected a digit in the exponent");
    ERR(t, "[1E-x]", JSON_ERR_NUMBER, 1, 5, "exponent");
    ERR(t, "0x1F", JSON_ERR_NUMBER, 1, 2, "hexadecimal numbers are not allowed");
    ERR(t, "[NaN]", JSON_ERR_NUMBER, 1, 2, "NaN and Infinity are not valid JSON numbers");
    ERR(t, "Infinity", JSON_ERR_NUMBER, 1, 1, "NaN and Infinity");
    ERR(t, "[1, -Infinity]", JSON_ERR_NUMBER, 1, 5, "NaN and Infinity");
    ERR(t, "1e400", JSON_ERR_RANGE, 1, 1, "number out of range: 1e400");
    ERR(t, "{\"a\":\n\n  [ -1e400]}", JSON_ERR_RANGE, 3, 5, "number out of range: -1e400");
    ERR(t, "1.8e308", JSON_ERR_RANGE, 1, 1, "out of range");
    ERR(t, "[1.5.3]", JSON_ERR_SYNTAX, 1, 5, "unexpected character '.'");
}

static void test_duplicates(struct check *t)
{
    const char *src = "{\n  \"name\": 1,\n  \"other\": 2,\n    \"name\": 3\n}";
    json_doc *d = OK(t, src); /* allowed without the flag; lookup finds the first */
    if (d) {
        CHECK_INT(t, cJSON_GetArraySize(d->root), 3);
        CHECK_INT(t, cJSON_GetObjectItemCaseSensitive(d->root, "name")->valueint, 1);
    }
    json_doc_free(d);
    ERRF(t, src, JSON_PARSE_REJECT_DUPLICATES, JSON_ERR_DUPLICATE, 4, 5,
         "duplicate key \"name\" (first at line 2, column 3)");
    /* byte-equal after unescaping */
    ERRF(t, "{\"é\": 1, \"\\u00e9\": 2}", JSON_PARSE_REJECT_DUPLICATES, JSON_ERR_DUPLICATE, 1, 10,
         "duplicate key \"é\" (first at line 1, column 2)");
    /* differing case or an embedded NUL make different keys */
    d = OKF(t, "{\"a\": 1, \"A\": 2, \"a\\u0000\": 3, \"a\\u0000b\": 4}", JSON_PARSE_REJECT_DUPLICATES);
    json_doc_free(d);
    ERRF(t, "{\"a\\u0000\": 1, \"a\\u0000\": 2}", JSON_PARSE_REJECT_DUPLICATES, JSON_ERR_DUPLICATE, 1, 16,
         "duplicate key \"a\\u0000\"");
    /* same key in different objects is fine */
    d = OKF(t, "{\"a\": {\"a\": {\"a\": 1}}, \"b\": [{\"a\": 1}, {\"a\": 2}]}", JSON_PARSE_REJECT_DUPLICATES);
    json_doc_free(d);
    /* many members: the hashed path, duplicate far from the first */
    size_t cap = 200000, n = 0;
    char *buf = malloc(cap);
    buf[n++] = '{';
    for (int i = 0; i < 5000; i++) n += (size_t)snprintf(buf + n, cap - n, "%s\"key%d\": %d", i ? "," : "", i, i);
    n += (size_t)snprintf(buf + n, cap - n, ",\"key17\": 0}");
    unsigned dupcol = (unsigned)(n - strlen("\"key17\": 0}") + 1);
    char firstat[64];
    snprintf(firstat, sizeof firstat, "(first at line 1, column %u)", (unsigned)(strstr(buf, "\"key17\"") - buf + 1));
    d = parse_ok_n(t, __LINE__, buf, n, 0);
    json_doc_free(d);
    expect_err_n(t, __LINE__, buf, n, JSON_PARSE_REJECT_DUPLICATES, 0, JSON_ERR_DUPLICATE, 1, dupcol,
                 firstat);
    /* without the duplicate the hashed path accepts it */
    memcpy(buf + n - strlen("17\": 0}"), "xx", 2);
    d = parse_ok_n(t, __LINE__, buf, n, JSON_PARSE_REJECT_DUPLICATES);
    if (d) {
        CHECK_INT(t, cJSON_GetArraySize(d->root), 5001);
        CHECK_INT(t, cJSON_GetObjectItemCaseSensitive(d->root, "key4999")->valueint, 4999);
    }
    json_doc_free(d);
    /* duplicate at exactly the threshold boundaries */
    for (int members = 1; members < 20; members++) {
        n = 0;
        buf[n++] = '{';
        for (int i = 0; i < members; i++) n += (size_t)snprintf(buf + n, cap - n, "%s\"k%d\":0", i ? "," : "", i);
        n += (size_t)snprintf(buf + n, cap - n, ",\"k%d\":1}", members - 1);
        json_error e;
        json_parse_opts o = { JSON_PARSE_REJECT_DUPLICATES, 0 };
        json_doc *dd = json_parse(buf, n, &o, NULL, &e);
        CHECK_MSG(t, !dd && e.code == JSON_ERR_DUPLICATE, "members %d: code %d", members, e.code);
        json_doc_free(dd);
    }
    /* long keys are shortened in the message */
    n = 0;
    n += (size_t)snprintf(buf + n, cap - n, "{\"");
    for (int i = 0; i < 300; i++) buf[n++] = 'k';
    n += (size_t)snprintf(buf + n, cap - n, "\":1,\"");
    for (int i = 0; i < 300; i++) buf[n++] = 'k';
    n += (size_t)snprintf(buf + n, cap - n, "\":2}");
    json_error e;
    json_parse_opts o = { JSON_PARSE_REJECT_DUPLICATES, 0 };
    CHECK(t, json_parse(buf, n, &o, NULL, &e) == NULL && e.code == JSON_ERR_DUPLICATE);
    CHECK(t, strstr(e.message, "...") && strstr(e.message, "first at line 1, column 2)"));
    free(buf);
}

/* "{k0:0,k1:1,...}" over n keys (crafted to collide under the old
 * unkeyed hash, or random of the same length), with, when dup >= 0, the
 * dup-th key repeated as the last member.  Caller frees. */
static char *keyed_object(const fnv_collider *c, int crafted, size_t n, long dup, size_t *len)
{
    size_t cap = (n + 2) * (FNV_COLLIDE_KEY_LEN + 16), o = 0;
    char *buf = malloc(cap), k[FNV_COLLIDE_KEY_LEN], dk[FNV_COLLIDE_KEY_LEN];
    uint64_t rng = 42;
    unsigned long next = 0;
    buf[o++] = '{';
    for (size_t i = 0; i < n + (dup >= 0); i++) {
        if (i == n) memcpy(k, dk, sizeof k);
        else if (!crafted) fnv_random_key(next++, &rng, k);
        else while (fnv_collide_key(c, next++, k)) {}
        if ((long)i == dup) memcpy(dk, k, sizeof k);
        o += (size_t)snprintf(buf + o, cap - o, "%s\"%.*s\":%zu", i ? "," : "", (int)sizeof k, k, i);
    }
    buf[o++] = '}';
    *len = o;
    return buf;
}

/* The duplicate table's work on one document, tree and tape (the same
 * parse, so the same count); -1 when the parse does not give want_code. */
static long dup_work(struct check *t, const char *buf, size_t len, int want_code, json_parse_stats *st)
{
    json_parse_opts o = { JSON_PARSE_REJECT_DUPLICATES, 0 };
    json_error e;
    json_doc *d = json_parse_counted(buf, len, &o, NULL, &e, st);
    json_doc_free(d);
    json_tape *tp = json_tape_new();
    json_parse_stats ts;
    json_error te;
    int rc = json_tape_parse_counted(tp, buf, len, &o, &te, &ts);
    json_tape_free(tp);
    CHECK_MSG(t, e.code == want_code && te.code == want_code, "codes %d and %d, want %d: %s", e.code, te.code,
              want_code, e.message);
    CHECK(t, (rc == 0) == (want_code == JSON_OK));
    /* the tape's keyed table draws its own key: its count differs by
     * chance, never by more than the bound the tests below allow */
    CHECK(t, ts.keyed_tables == st->keyed_tables);
    return e.code == want_code ? (long)st->key_probes : -1;
}

/* Keys crafted so that all want one slot of the old unkeyed table: the
 * check must cost about what random keys cost (counted in table slots
 * looked at, which does not depend on the machine), and must still find
 * duplicates among them. */
static void test_crafted_keys(struct check *t)
{
    fnv_collider *c = fnv_collider_new(FNV_BASIS_PARSER);
    size_t n = 20000, len;
    json_parse_stats rs, xs;
    /* the keys do collide under the hash the table starts with */
    char k0[FNV_COLLIDE_KEY_LEN], k1[FNV_COLLIDE_KEY_LEN];
    fnv_collide_key(c, 0, k0);
    fnv_collide_key(c, 1, k1);
    CHECK(t, (fnv1a64(FNV_BASIS_PARSER, k0, sizeof k0) & 0xFFFFF) == (fnv1a64(FNV_BASIS_PARSER, k1, sizeof k1) & 0xFFFFF));

    char *random = keyed_object(c, 0, n, -1, &len);
    long rw = dup_work(t, random, len, JSON_OK, &rs);
    free(random);
    char *crafted = keyed_object(c, 1, n, -1, &len);
    long xw = dup_work(t, crafted, len, JSON_OK, &xs);
    free(crafted);
    /* the unkeyed table would look at n * n / 2 = 200 000 000 slots */
    CHECK_MSG(t, rw > 0 && xw > 0 && xw <= 2 * rw, "random keys %ld probes, crafted %ld", rw, xw);
    CHECK_MSG(t, rs.keyed_tables == 0 && xs.keyed_tables == 1, "keyed tables: random %zu, crafted %zu",
              rs.keyed_tables, xs.keyed_tables);

    /* duplicates among crafted keys: the first key repeated last (after
     * the switch), a key repeated just past the table threshold (before
     * it), and one key more with no repeat on both sides of the size */
    crafted = keyed_object(c, 1, n, 0, &len);
    CHECK(t, dup_work(t, crafted, len, JSON_ERR_DUPLICATE, &xs) > 0);
    CHECK(t, xs.keyed_tables == 1);
    free(crafted);
    for (size_t m = 8; m <= 12; m++) {
        crafted = keyed_object(c, 1, m, (long)m - 1, &len);
        CHECK_MSG(t, dup_work(t, crafted, len, JSON_ERR_DUPLICATE, &xs) >= 0, "members %zu", m);
        free(crafted);
        crafted = keyed_object(c, 1, m + 1, -1, &len);
        CHECK_MSG(t, dup_work(t, crafted, len, JSON_OK, &xs) >= 0, "members %zu", m + 1);
        free(crafted);
    }
    /* the message names the repeated key and where it first was */
    crafted = keyed_object(c, 1, 100, 3, &len);
    json_parse_opts o = { JSON_PARSE_REJECT_DUPLICATES, 0 };
    json_error e;
    CHECK(t, json_parse(crafted, len, &o, NULL, &e) == NULL && e.code == JSON_ERR_DUPLICATE);
    char want[64], key[FNV_COLLIDE_KEY_LEN];
    unsigned long next = 0;
    for (int i = 0; i <= 3; i++) while (fnv_collide_key(c, next++, key)) {}
    snprintf(want, sizeof want, "duplicate key \"%.*s\"", (int)sizeof key, key);
    CHECK_MSG(t, strstr(e.message, want) != NULL, "message %s, want %s", e.message, want);
    free(crafted);
    fnv_collider_free(c);
}

static void test_bom(struct check *t)
{
    const char *src = "\xEF\xBB\xBF{\"a\": x}";
    ERR(t, src, JSON_ERR_SYNTAX, 1, 1, "byte order mark");
    ERRF(t, src, JSON_PARSE_ALLOW_BOM, JSON_ERR_SYNTAX, 1, 7, "unexpected character 'x'");
    json_doc *d = OKF(t, "\xEF\xBB\xBF[1]", JSON_PARSE_ALLOW_BOM);
    if (d) {
        CHECK_INT(t, AT("\xEF\xBB\xBF[1]", d->root).col, 1);
        CHECK_INT(t, AT("\xEF\xBB\xBF[1]", d->root->child).col, 2);
    }
    json_doc_free(d);
    ERRF(t, "\xEF\xBB\xBF", JSON_PARSE_ALLOW_BOM, JSON_ERR_EMPTY, 1, 1, "empty");
    /* a BOM anywhere else is just an unexpected character */
    ERRF(t, "[\xEF\xBB\xBF]", JSON_PARSE_ALLOW_BOM, JSON_ERR_SYNTAX, 1, 2, "U+FEFF");
}

static char *nested(size_t depth, char open, char close)
{
    char *s = malloc(depth * 2 + 1);
    memset(s, open, depth);
    memset(s + depth, close, depth);
    s[depth * 2] = 0;
    return s;
}

static void test_depth(struct check *t)
{
    char *s = nested(JSON_DEFAULT_MAX_DEPTH, '[', ']');
    json_doc *d = OK(t, s);
    if (d) {
        const cJSON *c = d->root;
        int levels = 0;
        while (c && cJSON_IsArray(c)) { levels++; c = c->child; }
        CHECK_INT(t, levels, JSON_DEFAULT_MAX_DEPTH);
    }
    json_doc_free(d);
    free(s);
    s = nested(JSON_DEFAULT_MAX_DEPTH + 1, '[', ']');
    ERR(t, s, JSON_ERR_DEPTH, 1, JSON_DEFAULT_MAX_DEPTH + 1, "nesting deeper than 512 levels");
    free(s);
    /* explicit limit, objects */
    const char *objs = "{\"a\":{\"b\":{\"c\":1}}}";
    expect_err_n(t, __LINE__, objs, strlen(objs), 0, 2, JSON_ERR_DEPTH, 1, 11, "nesting deeper than 2 levels");
    json_parse_opts o3 = { 0, 3 };
    json_error e;
    d = json_parse(objs, strlen(objs), &o3, NULL, &e);
    CHECK(t, d != NULL);
    json_doc_free(d);
    /* 100000 levels: a quick error with the default limit... */
    s = nested(100000, '[', ']');
    clock_t c0 = clock();
    ERR(t, s, JSON_ERR_DEPTH, 1, 513, "nesting deeper than 512 levels");
    CHECK(t, (double)(clock() - c0) / CLOCKS_PER_SEC < 0.5);
    /* ...and no stack overflow when the limit allows it */
    json_parse_opts big = { 0, 200000 };
    d = json_parse(s, strlen(s), &big, NULL, &e);
    CHECK(t, d != NULL);
    if (d) {
        const cJSON *c = d->root;
        int levels = 0;
        while (c) { levels++; c = c->child; }
        CHECK_INT(t, levels, 100000);
        CHECK_INT(t, AT(s, d->root->child->child).col, 3);
    }
    json_doc_free(d);
    free(s);
    /* unbalanced deep input with a big limit is a plain syntax error */
    s = nested(100000, '{', '}');
    d = json_parse(s, strlen(s), &big, NULL, &e);
    CHECK(t, !d && e.code == JSON_ERR_SYNTAX && e.col == 2);
    free(s);
}

static void test_caller_arena(struct check *t)
{
    arena *a = arena_new(0);
    json_error e;
    for (int i = 0; i < 100; i++) {
        json_doc *d = json_parse("{\"a\": [1, 2, \"x\"]}", strlen("{\"a\": [1, 2, \"x\"]}"), NULL, a, &e);
        CHECK(t, d && d->mem == a && !d->own_arena);
        if (d) CHECK_INT(t, cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(d->root, "a")), 3);
        json_doc_free(d); /* leaves the arena alone */
        CHECK(t, arena_used(a) > 0);
        arena_reset(a);
    }
    json_doc *bad = json_parse("[1,", 3, NULL, a, &e);
    CHECK(t, bad == NULL && e.code == JSON_ERR_SYNTAX);
    arena_free(a);
    json_doc *d = json_parse("[]", 2, NULL, NULL, &e);
    CHECK(t, d && d->own_arena && e.code == JSON_OK && e.message[0] == 0);
    json_doc_free(d);
    json_doc_free(NULL);
    /* a NULL error pointer is allowed */
    CHECK(t, json_parse("x", 1, NULL, NULL, NULL) == NULL);
    /* json_string_len on a node cJSON built */
    cJSON *s = cJSON_CreateString("hello");
    CHECK_INT(t, json_string_len(s), 5);
    CHECK(t, json_node_info(s) == NULL);
    cJSON_Delete(s);
    CHECK_INT(t, json_string_len(NULL), 0);
}

/* A generated document of about 5 MB: objects, strings with escapes and
 * multi-byte characters, numbers, spread over many lines. */
static void test_large_document(struct check *t)
{
    size_t cap = 6u << 20, n = 0;
    char *buf = malloc(cap);
    n += (size_t)snprintf(buf + n, cap - n, "{\"campaigns\": [\n");
    int count = 0;
    while (n < (5u << 20)) {
        n += (size_t)snprintf(buf + n, cap - n,
                              "%s  {\"id\": %d, \"name\": \"Campagne d\\u00e9t\\u00e9 n\xC2\xB0%d \\\"\xE2\x82\xAC\\\"\", "
                              "\"budget\": %d.%02d, \"ratio\": %de-3, \"active\": %s, \"tags\": [\"a\", \"b\", null]}",
                              count ? ",\n" : "", count, count, count * 3, count % 100, count % 1000,
                              count % 2 ? "true" : "false");
        count++;
    }
    n += (size_t)snprintf(buf + n, cap - n, "\n]}\n");
    clock_t c0 = clock();
    json_parse_opts o = { JSON_PARSE_REJECT_DUPLICATES, 0 };
    json_error e;
    json_doc *d = json_parse(buf, n, &o, NULL, &e);
    double secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
    CHECK_MSG(t, d != NULL, "error %s at %u:%u", e.message, e.line, e.col);
    CHECK_MSG(t, secs < 2.0, "took %.3f s", secs);
    if (d) {
        cJSON *arr = cJSON_GetObjectItemCaseSensitive(d->root, "campaigns");
        CHECK_INT(t, cJSON_GetArraySize(arr), count);
        cJSON *last = arr->child->prev;
        CHECK_INT(t, cJSON_GetObjectItemCaseSensitive(last, "id")->valueint, count - 1);
        CHECK_INT(t, node_pos(buf, n, last, 0).line, count + 1);
        CHECK_INT(t, node_pos(buf, n, last, 0).col, 3);
        char want[128];
        snprintf(want, sizeof want, "Campagne d\xC3\xA9t\xC3\xA9 n\xC2\xB0%d \"\xE2\x82\xAC\"", count - 1);
        CHECK_STR(t, cJSON_GetObjectItemCaseSensitive(last, "name")->valuestring, want);
        cJSON *ratio = cJSON_GetObjectItemCaseSensitive(last, "ratio");
        CHECK(t, ratio->valuedouble == strtod(json_number_text(ratio), NULL));
    }
    json_doc_free(d);
    /* the tape of the same text: equal value for value, in a third of
     * the memory or less (32 bytes per value, strings left in the input) */
    char why[512];
    const char *diff = tape_parse_compare(buf, n, &o, why, sizeof why);
    CHECK_MSG(t, diff == NULL, "%s", diff ? diff : "");
    json_tape *tp = json_tape_new();
    json_doc *again = json_parse(buf, n, &o, NULL, &e);
    CHECK(t, tp && again && json_tape_parse(tp, buf, n, &o, &e) == 0);
    if (tp && again)
        CHECK_MSG(t, json_tape_bytes(tp) * 3 <= arena_used(again->mem), "tape %zu bytes, tree %zu",
                  json_tape_bytes(tp), arena_used(again->mem));
    json_doc_free(again);
    json_tape_free(tp);
    /* an error near the end still has the right line and column */
    memcpy(buf + n - 4, "\nx}\n", 4);
    d = json_parse(buf, n, &o, NULL, &e);
    CHECK(t, !d && e.code == JSON_ERR_SYNTAX && e.line == (unsigned)count + 2 && e.col == 1);
    free(buf);
}

/* The tape itself: strings stay in the input unless they have escapes,
 * one tape serves parse after parse (a failed parse leaves it empty), and
 * the comparison the other tests rely on does see a difference. */
static void test_tape(struct check *t)
{
    json_tape *tp = json_tape_new();
    json_error e;
    const char *src = "{\"plain\": \"abc\", \"esc\\u00e9\": \"a\\nb\", \"n\": [1, 2.5, -0, 1e2]}";
    CHECK(t, tp != NULL);
    if (!tp) return;
    CHECK(t, json_tape_parse(tp, src, strlen(src), NULL, &e) == 0);
    const jt_value *root = jt_root(tp);
    const jt_value *plain = jt_member(tp, root, "plain");
    const jt_value *esc = jt_member(tp, root, "esc\xC3\xA9");
    const jt_value *arr = jt_member(tp, root, "n");
    CHECK(t, plain && !(plain->flags & JT_STR_DECODED) && jt_str(tp, plain) == src + 11 && plain->u.str.len == 3);
    CHECK(t, esc && (esc->flags & JT_KEY_DECODED) && (esc->flags & JT_STR_DECODED) && esc->u.str.len == 3 &&
             memcmp(jt_str(tp, esc), "a\nb", 3) == 0);
    CHECK(t, arr && arr->u.count == 4 && jt_member(tp, root, "absent") == NULL && jt_member(tp, arr, "n") == NULL);
    if (arr) {
        const jt_value *one = jt_child(arr), *two = jt_next(one), *zero = jt_next(two), *hundred = jt_next(zero);
        size_t len;
        const char *text = jt_number_text(tp, hundred, &len);
        CHECK(t, (one->flags & JT_INTEGER_TEXT) && !(two->flags & JT_INTEGER_TEXT) && (zero->flags & JT_INTEGER_TEXT));
        CHECK(t, len == 3 && memcmp(text, "1e2", 3) == 0 && hundred->u.num == 100 && jt_next(hundred) == NULL);
    }
    /* reuse: a smaller document, then a failure, then a document again */
    CHECK(t, json_tape_parse(tp, "[true]", 6, NULL, &e) == 0 && tp->n == 2 && tp->v[1].type == cJSON_True);
    CHECK(t, json_tape_parse(tp, "[true,]", 7, NULL, &e) == -1 && tp->n == 0 && jt_root(tp) == NULL &&
             e.code == JSON_ERR_SYNTAX && e.col == 7);
    CHECK(t, json_tape_parse(tp, "\"x\"", 3, NULL, &e) == 0 && tp->n == 1 && tp->v[0].u.str.len == 1);
    /* the comparison notices a changed key hash, string, count or order */
    json_doc *d = json_parse(src, strlen(src), NULL, NULL, &e);
    char why[256];
    CHECK(t, json_tape_parse(tp, src, strlen(src), NULL, &e) == 0 && d);
    if (d && tp->n == 8) {
        CHECK(t, tape_compare(tp, d->root, why, sizeof why) == NULL);
        tp->v[1].key_hash ^= 1;
        CHECK(t, tape_compare(tp, d->root, why, sizeof why) != NULL);
        tp->v[1].key_hash ^= 1;
        tp->v[2].u.str.len--;
        CHECK(t, tape_compare(tp, d->root, why, sizeof why) != NULL);
        tp->v[2].u.str.len++;
        tp->v[3].u.count = 3;
        CHECK(t, tape_compare(tp, d->root, why, sizeof why) != NULL);
        tp->v[3].u.count = 4;
        tp->v[5].u.num = 2.25;
        CHECK(t, tape_compare(tp, d->root, why, sizeof why) != NULL);
    }
    json_doc_free(d);
    /* a number text longer than an entry keeps (65535 bytes) is found
     * again in the input, on either side of that length */
    for (size_t digits = 65530; digits <= 65540; digits += 5) {
        size_t n = digits + 4;
        char *big = malloc(n + 1);
        if (!big) break;
        memcpy(big, "[0.", 3);
        memset(big + 3, '0', digits - 1);
        big[digits + 2] = '5';
        big[digits + 3] = ']';
        big[n] = '\0';
        CHECK(t, json_tape_parse(tp, big, n, NULL, &e) == 0 && tp->n == 2);
        size_t len = 0;
        if (tp->n == 2) jt_number_text(tp, &tp->v[1], &len);
        CHECK_MSG(t, len == digits + 2, "%zu digits: text of %zu bytes", digits, len);
        char why[256];
        const char *diff = tape_parse_compare(big, n, NULL, why, sizeof why);
        CHECK_MSG(t, diff == NULL, "%s", diff ? diff : "");
        free(big);
    }
    json_tape_free(tp);
    /* a NULL tape is an out-of-memory error, not a crash */
    CHECK(t, json_tape_parse(NULL, "1", 1, NULL, &e) == -1 && e.code == JSON_ERR_NOMEM);
}

/* json_tape_tree: the tree of a tape is the tree json_parse makes (every
 * parse of this file compares the two node for node: same_on_tape), keys
 * with escapes included, whose opening quote is found in the input from
 * the value backwards past escaped quotes and backslashes; the tree keeps
 * its own copies (it outlives the tape and the text); an empty tape is an
 * error, not a crash; and the comparison itself notices a difference. */
static void test_tape_tree(struct check *t)
{
    static const char src[] = "{\"a\\\"b\" :\t1, \"x\\\\\":{\"\\\"\\\\\\\"\"\n:[true,\"s\\n\"]}, \"k\":-0.5e1}";
    char text[sizeof src];
    memcpy(text, src, sizeof src);
    json_tape *tp = json_tape_new();
    json_error e;
    CHECK(t, tp && json_tape_parse(tp, text, strlen(text), NULL, &e) == 0);
    if (!tp) return;
    json_doc *d = json_tape_tree(tp, NULL, &e);
    CHECK(t, d != NULL && e.code == JSON_OK);
    char why[256];
    json_doc *p = json_parse(text, strlen(text), NULL, NULL, &e);
    CHECK(t, p && tape_tree_compare(tp, p->root, why, sizeof why) == NULL);
    /* a changed value position is a difference */
    tp->v[1].pos++;
    CHECK(t, p && tape_tree_compare(tp, p->root, why, sizeof why) != NULL);
    tp->v[1].pos--;
    json_tape_free(tp);
    memset(text, ' ', strlen(text));
    if (d) {
        const cJSON *ab = json_member(d->root, "a\"b"), *x = json_member(d->root, "x\\");
        const cJSON *inner = x ? json_member(x, "\"\\\"") : NULL;
        CHECK(t, ab && json_node_info(ab)->key_offset == 1 && json_node_info(ab)->offset == 10);
        CHECK(t, x && json_node_info(x)->key_offset == 13);
        CHECK(t, inner && json_node_info(inner)->key_offset == 20 && cJSON_IsArray(inner));
        const cJSON *s = inner ? cJSON_GetArrayItem(inner, 1) : NULL;
        CHECK(t, s && json_string_len(s) == 2 && memcmp(s->valuestring, "s\n", 3) == 0);
        const cJSON *k = json_member(d->root, "k");
        CHECK(t, k && k->valuedouble == -5 && strcmp(json_number_text(k), "-0.5e1") == 0);
    }
    json_doc_free(d);
    json_doc_free(p);
    /* an empty tape: no document */
    json_tape *empty = json_tape_new();
    CHECK(t, empty && json_tape_tree(empty, NULL, &e) == NULL && e.code == JSON_ERR_EMPTY);
    CHECK(t, empty && json_tape_parse(empty, "[1,", 3, NULL, &e) == -1 && json_tape_tree(empty, NULL, NULL) == NULL);
    json_tape_free(empty);
    /* the caller's arena */
    arena *a = arena_new(0);
    json_tape *one = json_tape_new();
    CHECK(t, a && one && json_tape_parse(one, "[[],{}]", 7, NULL, &e) == 0);
    json_doc *in_a = a && one ? json_tape_tree(one, a, &e) : NULL;
    CHECK(t, in_a && in_a->mem == a && cJSON_GetArraySize(in_a->root) == 2 && arena_used(a) > 0);
    json_doc_free(in_a);
    json_tape_free(one);
    arena_free(a);
}

/* Keys are whole byte strings: a key holding U+0000 keeps its length in
 * trees and tapes, and every name compare reads all of it. */
static void test_whole_names(struct check *t)
{
    /* duplicates among more members than the scan takes (the hashed path) */
    const char *many = "{\"k0\":0,\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,"
                       "\"a\\u0000b\":9,\"a\":10,\"a\\u0000\":11,\"\\u0000\":12,\"\":13}";
    json_doc *d = OKF(t, many, JSON_PARSE_REJECT_DUPLICATES);
    json_doc_free(d);
    ERRF(t, "{\"k0\":0,\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,"
            "\"a\\u0000b\":9,\"a\":10,\"a\\u0000b\":11}",
         JSON_PARSE_REJECT_DUPLICATES, JSON_ERR_DUPLICATE, 1, 85, "duplicate key \"a\\u0000b\" (first at line 1, column 65)");
    ERRF(t, "{\"\\u0000\":1,\"\\u0000\":2}", JSON_PARSE_REJECT_DUPLICATES, JSON_ERR_DUPLICATE, 1, 13,
         "duplicate key \"\\u0000\"");

    /* the lookups and compares of json_parse.h */
    d = OK(t, "{\"a\\u0000b\":1,\"a\":2,\"name\\u0000xxxx\":\"long\",\"name\":\"ok\",\"s\":\"a\\u0000b\"}");
    if (d) {
        const cJSON *nul = d->root->child, *a = nul->next, *longer = a->next, *name = longer->next;
        CHECK_INT(t, json_key_len(nul), 3);
        CHECK(t, json_key_is(a, "a") && !json_key_is(nul, "a") && !json_key_is(longer, "name"));
        CHECK(t, json_key_is_n(nul, "a\0b", 3) && !json_key_is_n(nul, "a\0c", 3));
        CHECK(t, !json_same_key(nul, a) && !json_same_key(a, nul) && json_same_key(nul, nul));
        CHECK(t, json_member(d->root, "name") == name);
        CHECK(t, json_member(d->root, "a") == a);
        CHECK(t, json_member_n(d->root, "a\0b", 3) == nul);
        CHECK(t, json_member_n(d->root, "name\0xxxx", 9) == longer);
        CHECK(t, json_member_n(d->root, "a\0", 2) == NULL);
        const cJSON *s = json_member(d->root, "s");
        CHECK(t, !json_string_is(s, "a") && json_string_is(json_member(d->root, "name"), "ok"));
        /* the same on plain cJSON nodes, whose names end at their NUL */
        cJSON *plain = cJSON_Parse("{\"ab\":1,\"a\":2}");
        CHECK(t, plain && json_member(plain, "a") == plain->child->next && json_key_len(plain->child) == 2);
        CHECK(t, plain && json_key_is(plain->child, "ab") && !json_key_is(plain->child, "a"));
        CHECK(t, json_same_key(a, plain->child->next) && !json_same_key(nul, plain->child->next));
        cJSON_Delete(plain);

        /* a copy keeps U+0000 as C0 80, and json_print writes it back */
        cJSON *copy = json_copy(d->root);
        CHECK(t, copy != NULL);
        if (copy) {
            CHECK_STR(t, copy->child->string, "a\xC0\x80" "b");
            CHECK(t, json_member(copy, "a") == copy->child->next);
            CHECK(t, json_member(copy, "name") == copy->child->next->next->next);
            CHECK_STR(t, json_member(copy, "s")->valuestring, "a\xC0\x80" "b");
            char *text = json_print(copy), *direct = json_print(d->root);
            const char *want = "{\"a\\u0000b\":1,\"a\":2,\"name\\u0000xxxx\":\"long\",\"name\":\"ok\",\"s\":\"a\\u0000b\"}";
            CHECK_STR(t, text, want);
            CHECK_STR(t, direct, want);
            free(text);
            free(direct);
            cJSON_Delete(copy);
        }
    }
    json_doc_free(d);
    /* one text either way: bytes to json_copy's form and back */
    char *c = json_c_text("a\0b\0", 4);
    CHECK_STR(t, c, "a\xC0\x80" "b\xC0\x80");
    CHECK(t, c && json_c_text_bytes(c) == 4 && memcmp(c, "a\0b\0", 5) == 0);
    free(c);
    c = json_c_text("plain", 5);
    CHECK(t, c && json_c_text_bytes(c) == 5 && strcmp(c, "plain") == 0);
    free(c);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "k\xC0\x80", "v");
    char *text = json_print_pretty(o);
    CHECK_STR(t, text, "{\n\t\"k\\u0000\":\t\"v\"\n}");
    free(text);
    cJSON_Delete(o);
    /* the text of a name for a message */
    char *shown = json_escape_nul("a\0b\0", 4);
    CHECK_STR(t, shown, "a\\u0000b\\u0000");
    free(shown);
    CHECK(t, json_escape_nul("ab", 2) == NULL);
    /* printing keeps other text as cJSON writes it */
    o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "k", "caf\xC3\xA9 \"q\"\n");
    text = json_print(o);
    CHECK_STR(t, text, "{\"k\":\"caf\xC3\xA9 \\\"q\\\"\\n\"}");
    free(text);
    cJSON_Delete(o);
}

int main(void)
{
    struct check t = { 0, 0, "json_parse" };
    test_tape(&t);
    test_tape_tree(&t);
    test_scalars(&t);
    test_integer_text(&t);
    test_member_filter(&t);
    test_containers(&t);
    test_columns_count_code_points(&t);
    test_syntax_errors(&t);
    test_trailing_and_empty(&t);
    test_control_chars(&t);
    test_utf8(&t);
    test_escapes(&t);
    test_numbers(&t);
    test_duplicates(&t);
    test_crafted_keys(&t);
    test_whole_names(&t);
    test_bom(&t);
    test_depth(&t);
    test_caller_arena(&t);
    test_large_document(&t);
    return check_done(&t);
}
