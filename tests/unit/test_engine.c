/* test_engine.c - the engine's own API beyond the official suite: error
 * locations and messages, exact numbers, code-point lengths, x-error,
 * unknown-property reporting, load/compile errors, depth limits. */
#include "check.h"
#include "engine.h"
#include "campaign/json_parse.h"
#include "campaign/jsv.h"
#include "campaign/strbuf.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct fixture {
    jsv_registry *reg;
    jsv_schema *s;
    jsv_result *r;
    jsv_error err;
} fixture;

static int setup(fixture *f, const char *schema, unsigned flags)
{
    memset(f, 0, sizeof *f);
    f->reg = jsv_registry_new();
    f->r = jsv_result_new();
    const char *uri;
    if (jsv_registry_add_json(f->reg, "https://example.test/s.json", schema, strlen(schema), &uri, &f->err))
        return -1;
    jsv_options o = { flags, 0, 0 };
    f->s = jsv_compile(f->reg, uri, &o, &f->err);
    return f->s ? 0 : -1;
}

static void teardown(fixture *f)
{
    jsv_schema_free(f->s);
    jsv_result_free(f->r);
    jsv_registry_free(f->reg);
}

/* Validate JSON text; returns the verdict (-2 when the text is malformed). */
static int run(fixture *f, const char *json)
{
    json_error je;
    json_doc *d = json_parse(json, strlen(json), NULL, NULL, &je);
    if (!d) return -2;
    int v = jsv_validate(f->s, d->root, f->r);
    /* also check the verdict-only path agrees */
    int v2 = jsv_validate(f->s, d->root, NULL);
    json_doc_free(d);
    return v == v2 ? v : -3;
}

static const char *first_msg(fixture *f)
{
    const jsv_error_item *e = jsv_result_get(f->r, 0);
    return e ? e->message : "(no error)";
}

static void test_locations(struct check *t)
{
    fixture f;
    CHECK(t, setup(&f, "{\"properties\":{\"name\":{\"type\":\"string\",\"maxLength\":255}}}", 0) == 0);
    /* 256 two-byte characters: 512 bytes, 256 code points */
    char *inst = malloc(1200), *p = inst;
    p += sprintf(p, "{\"name\":\"");
    for (int i = 0; i < 256; i++) p += sprintf(p, "\xc3\xa9");
    sprintf(p, "\"}");
    CHECK_INT(t, run(&f, inst), 0);
    const jsv_error_item *e = jsv_result_get(f.r, 0);
    CHECK(t, e != NULL);
    if (e) {
        CHECK_STR(t, e->instance_location, "/name");
        CHECK_STR(t, e->keyword_location, "/properties/name/maxLength");
        CHECK_STR(t, e->absolute_keyword_location, "https://example.test/s.json#/properties/name/maxLength");
        CHECK_STR(t, e->keyword, "maxLength");
        CHECK_STR(t, e->message, "expected at most 255 characters, got 256");
        const json_node *ni = json_node_info(e->instance);
        (void)ni; /* positions are covered by the parser's and lint's tests */
    }
    /* 255 of them (510 bytes) is valid: lengths count code points */
    p = inst + sprintf(inst, "{\"name\":\"");
    for (int i = 0; i < 255; i++) p += sprintf(p, "\xc3\xa9");
    sprintf(p, "\"}");
    CHECK_INT(t, run(&f, inst), 1);
    /* a 4-byte character counts once */
    CHECK_INT(t, run(&f, "{\"name\":\"\xf0\x9f\x90\xb2\"}"), 1);
    free(inst);
    teardown(&f);

    /* pointer escaping of ~ and / in member names, and $ref in keywordLocation */
    CHECK(t, setup(&f, "{\"$defs\":{\"n\":{\"type\":\"integer\"}},\"properties\":{\"a/b~c\":{\"$ref\":\"#/$defs/n\"}}}", 0) == 0);
    CHECK_INT(t, run(&f, "{\"a/b~c\": \"x\"}"), 0);
    e = jsv_result_get(f.r, 0);
    if (e) {
        CHECK_STR(t, e->instance_location, "/a~1b~0c");
        CHECK_STR(t, e->keyword_location, "/properties/a~1b~0c/$ref/type");
        CHECK_STR(t, e->absolute_keyword_location, "https://example.test/s.json#/$defs/n/type");
        CHECK_STR(t, e->message, "expected integer, got string");
    }
    teardown(&f);

    /* required and additionalProperties: false messages */
    CHECK(t, setup(&f, "{\"required\":[\"campaignType\"],\"properties\":{\"a\":true},\"additionalProperties\":false}", 0) == 0);
    CHECK_INT(t, run(&f, "{\"a\":1,\"zz\":2}"), 0);
    CHECK_INT(t, jsv_result_count(f.r), 2);
    e = jsv_result_get(f.r, 0);
    if (e) {
        CHECK_STR(t, e->instance_location, "/zz");
        CHECK_STR(t, e->message, "property \"zz\" is not allowed");
    }
    e = jsv_result_get(f.r, 1);
    if (e) {
        CHECK_STR(t, e->instance_location, "");
        CHECK_STR(t, e->message, "missing required property \"campaignType\"");
    }
    teardown(&f);
}

static void test_numbers(struct check *t)
{
    fixture f;
    CHECK(t, setup(&f, "{\"type\":\"integer\",\"maximum\":9007199254740991}", 0) == 0);
    CHECK_INT(t, run(&f, "9007199254740991"), 1);
    CHECK_INT(t, run(&f, "9007199254740992"), 0);
    CHECK_STR(t, first_msg(&f), "expected at most 9007199254740991, got 9007199254740992");
    CHECK_INT(t, run(&f, "9007199254740993"), 0);
    CHECK_INT(t, run(&f, "1.0"), 1);   /* 1.0 is an integer */
    CHECK_INT(t, run(&f, "1.5"), 0);
    CHECK_INT(t, run(&f, "1e2"), 1);   /* so is 1e2, and -0 */
    CHECK_INT(t, run(&f, "-0"), 1);
    CHECK_INT(t, run(&f, "1.0000000000000000001"), 0); /* its double is 1.0: the text decides */
    CHECK_INT(t, run(&f, "1E-1"), 0);
    teardown(&f);

    /* equal doubles from digits alone are equal; with a fraction or an
     * exponent, or beyond 2^53, the text decides */
    CHECK(t, setup(&f, "{\"maximum\":5,\"minimum\":5}", 0) == 0);
    CHECK_INT(t, run(&f, "5"), 1);
    CHECK_INT(t, run(&f, "5.0"), 1);
    CHECK_INT(t, run(&f, "5.000000000000000001"), 0);
    CHECK_INT(t, run(&f, "4.999999999999999999"), 0);
    CHECK_INT(t, run(&f, "0.5e1"), 1);
    teardown(&f);
    CHECK(t, setup(&f, "{\"maximum\":5.0}", 0) == 0);
    CHECK_INT(t, run(&f, "5"), 1);
    CHECK_INT(t, run(&f, "5.000000000000000001"), 0);
    teardown(&f);

    /* beyond 2^53, doubles collide; the source text decides */
    CHECK(t, setup(&f, "{\"maximum\":18446744073709551615}", 0) == 0);
    CHECK_INT(t, run(&f, "18446744073709551615"), 1);
    CHECK_INT(t, run(&f, "18446744073709551616"), 0);
    teardown(&f);

    CHECK(t, setup(&f, "{\"multipleOf\":0.0001}", 0) == 0);
    CHECK_INT(t, run(&f, "0.0075"), 1);
    CHECK_INT(t, run(&f, "0.00755"), 0);
    CHECK_STR(t, first_msg(&f), "expected a multiple of 0.0001, got 0.00755");
    CHECK_INT(t, run(&f, "12345678.9012"), 1);
    teardown(&f);

    CHECK(t, setup(&f, "{\"multipleOf\":0.01}", 0) == 0);
    CHECK_INT(t, run(&f, "19.99"), 1);  /* 19.99 / 0.01 is not whole in binary floating point */
    CHECK_INT(t, run(&f, "0.075"), 0);
    teardown(&f);

    CHECK(t, setup(&f, "{\"exclusiveMinimum\":0}", 0) == 0);
    CHECK_INT(t, run(&f, "0"), 0);
    CHECK_STR(t, first_msg(&f), "expected greater than 0, got 0");
    CHECK_INT(t, run(&f, "0.000001"), 1);
    teardown(&f);
}

static void test_equality(struct check *t)
{
    fixture f;
    CHECK(t, setup(&f, "{\"const\":{\"a\":[1,2.0],\"b\":null}}", 0) == 0);
    CHECK_INT(t, run(&f, "{\"b\":null,\"a\":[1.0,2]}"), 1);  /* key order, 1 == 1.0 */
    CHECK_INT(t, run(&f, "{\"b\":null,\"a\":[2,1]}"), 0);
    CHECK_INT(t, run(&f, "{\"b\":null,\"a\":[1,2],\"c\":1}"), 0);
    teardown(&f);
    CHECK(t, setup(&f, "{\"enum\":[\"EVEN\",\"ASAP\",\"FRONTLOADED\"]}", 0) == 0);
    CHECK_INT(t, run(&f, "\"ASAP\""), 1);
    CHECK_INT(t, run(&f, "\"asap\""), 0);
    CHECK_STR(t, first_msg(&f), "expected one of \"EVEN\", \"ASAP\", \"FRONTLOADED\", got \"asap\"");
    teardown(&f);
    CHECK(t, setup(&f, "{\"uniqueItems\":true}", 0) == 0);
    CHECK_INT(t, run(&f, "[1,{\"a\":1,\"b\":2},3,{\"b\":2,\"a\":1.0}]"), 0);
    CHECK_STR(t, first_msg(&f), "items at index 1 and 3 are equal");
    CHECK_INT(t, run(&f, "[1,\"1\",[1],{\"1\":1}]"), 1);
    teardown(&f);
}

static void test_x_error(struct check *t)
{
    fixture f;
    const char *schema =
        "{\"properties\":{\"mediaBuys\":{\"items\":{\"allOf\":[{"
        "\"x-error\":\"creative_ids is only valid with action \\\"update\\\" (got \\\"${/action}\\\")\","
        "\"x-error-at\":\"/creative_ids\","
        "\"if\":{\"required\":[\"action\",\"creative_ids\"],\"properties\":{\"action\":{\"enum\":[\"cancel\",\"delete\"]}}},"
        "\"then\":false}]}}}}";
    CHECK_MSG(t, setup(&f, schema, 0) == 0, "%s", f.err.message);
    CHECK_INT(t, run(&f, "{\"mediaBuys\":[{\"mediaBuyId\":\"mb_1\",\"creative_ids\":[]}]}"), 1);
    CHECK_INT(t, run(&f, "{\"mediaBuys\":[{\"mediaBuyId\":\"mb_1\",\"action\":\"update\",\"creative_ids\":[\"a\"]}]}"), 1);
    CHECK_INT(t, run(&f, "{\"mediaBuys\":[{\"mediaBuyId\":\"mb_1\",\"action\":\"cancel\"}]}"), 1);
    CHECK_INT(t, run(&f, "{\"mediaBuys\":[{},{\"mediaBuyId\":\"mb_1\",\"action\":\"cancel\",\"creative_ids\":[]}]}"), 0);
    CHECK_INT(t, jsv_result_count(f.r), 1);
    const jsv_error_item *e = jsv_result_get(f.r, 0);
    if (e) {
        CHECK_STR(t, e->message, "creative_ids is only valid with action \"update\" (got \"cancel\")");
        CHECK_STR(t, e->instance_location, "/mediaBuys/1/creative_ids");
        CHECK_STR(t, e->keyword, "x-error");
    }
    teardown(&f);
}

static void test_unknown(struct check *t)
{
    fixture f;
    const char *schema = "{\"properties\":{\"creative_ids\":true,\"nested\":{\"properties\":{\"x\":true}}},"
                         "\"allOf\":[{\"properties\":{\"name\":true}}]}";
    CHECK(t, setup(&f, schema, JSV_REPORT_UNKNOWN) == 0);
    CHECK_INT(t, run(&f, "{\"creative_ids\":1,\"name\":2,\"nested\":{\"x\":1}}"), 1);
    CHECK_INT(t, run(&f, "{\"creativeIds\":1,\"name\":2,\"nested\":{\"y\":1}}"), 0);
    CHECK_INT(t, jsv_result_count(f.r), 2);
    const jsv_error_item *e = jsv_result_get(f.r, 0);
    if (e) {
        CHECK_STR(t, e->keyword, "unknownProperty");
        CHECK_STR(t, e->instance_location, "/creativeIds");
    }
    e = jsv_result_get(f.r, 1);
    if (e) CHECK_STR(t, e->instance_location, "/nested/y");
    teardown(&f);
    /* no member known at all (an empty log must not reach qsort/bsearch) */
    CHECK(t, setup(&f, "{\"properties\":{\"a\":true}}", JSV_REPORT_UNKNOWN) == 0);
    CHECK_INT(t, run(&f, "{\"b\":1}"), 0);
    CHECK_INT(t, jsv_result_count(f.r), 1);
    CHECK_INT(t, run(&f, "{}"), 1);
    teardown(&f);
    /* without the flag unknown properties are accepted */
    CHECK(t, setup(&f, schema, 0) == 0);
    CHECK_INT(t, run(&f, "{\"creativeIds\":1}"), 1);
    teardown(&f);
}

/* Without JSV_REPORT_UNKNOWN: jsv_tape_names_declared says when a
 * document holds a name the schema declares nowhere (lint's notes), and
 * jsv_result_report_unknown makes one reporting walk find the unknown
 * members where they stand, from the same compiled schema. */
static void test_unknown_on_demand(struct check *t)
{
    fixture f;
    const char *schema = "{\"properties\":{\"creative_ids\":true,\"nested\":{\"properties\":{\"x\":true}}},"
                         "\"allOf\":[{\"properties\":{\"name\":true}}]}";
    CHECK(t, setup(&f, schema, 0) == 0);
    struct { const char *doc; int declared; } rows[] = {
        { "{\"creative_ids\":1,\"name\":2,\"nested\":{\"x\":1}}", 1 },
        { "{\"nested\":{\"name\":1,\"creative_ids\":[{\"x\":1}]}}", 1 }, /* declared elsewhere counts */
        { "[1,{\"x\":2},\"name\"]", 1 },                                      /* strings and elements are no names */
        { "{\"creativeIds\":1}", 0 },
        { "{\"nested\":{\"x\":1,\"y\":2}}", 0 },
        { "{\"n\\u0061me\":1}", 1 },                                          /* a decoded key: "name" */
        { "{\"nam\\u0065s\":1}", 0 },
        { "{\"\":1}", 0 },
        { "{}", 1 },
    };
    json_tape *tp = json_tape_new();
    json_error je;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        CHECK(t, json_tape_parse(tp, rows[i].doc, strlen(rows[i].doc), NULL, &je) == 0);
        CHECK_MSG(t, jsv_tape_names_declared(f.s, tp) == rows[i].declared, "row %zu: %s", i, rows[i].doc);
    }
    json_tape_free(tp);
    /* the reporting walk, unknown members on demand */
    const char *doc = "{\"creative_ids\":1,\"name\":2,\"nested\":{\"name\":1}}";
    json_doc *d = json_parse(doc, strlen(doc), NULL, NULL, &je);
    CHECK(t, d && jsv_validate(f.s, d->root, f.r) == 1); /* off by default: valid */
    jsv_result_report_unknown(f.r, 1);
    CHECK(t, d && jsv_explain(f.s, d->root, f.r) == 0);
    CHECK_INT(t, jsv_result_count(f.r), 1);
    const jsv_error_item *e = jsv_result_get(f.r, 0);
    if (e) {
        CHECK_STR(t, e->keyword, "unknownProperty");
        CHECK_STR(t, e->instance_location, "/nested/name");
    }
    jsv_result_report_unknown(f.r, 0);
    CHECK(t, d && jsv_explain(f.s, d->root, f.r) == 1 && jsv_result_count(f.r) == 0);
    json_doc_free(d);
    teardown(&f);
}

static void test_format_default(struct check *t)
{
    fixture f;
    CHECK(t, setup(&f, "{\"format\":\"date-time\"}", 0) == 0);
    CHECK_INT(t, run(&f, "\"2025-02-28T00:00:00Z\""), 1);
    CHECK_INT(t, run(&f, "\"2025-02-30T00:00:00Z\""), 0);
    CHECK_STR(t, first_msg(&f), "\"2025-02-30T00:00:00Z\" is not a valid date-time");
    CHECK_INT(t, run(&f, "\"2025-01-15T00:00:00\""), 0); /* no offset */
    teardown(&f);
    CHECK(t, setup(&f, "{\"format\":\"date-time\"}", JSV_FORMAT_ANNOTATION) == 0);
    CHECK_INT(t, run(&f, "\"2025-02-30T00:00:00Z\""), 1);
    teardown(&f);
}

static void expect_load_error(struct check *t, const char *schema, const char *msg_part, const char *ptr)
{
    fixture f;
    int rc = setup(&f, schema, 0);
    CHECK_MSG(t, rc == -1, "schema %s should not compile", schema);
    CHECK_MSG(t, strstr(f.err.message, msg_part) != NULL, "message \"%s\" lacks \"%s\"", f.err.message, msg_part);
    if (ptr) CHECK_STR(t, f.err.pointer, ptr);
    teardown(&f);
}

static void test_invalid_schemas(struct check *t)
{
    expect_load_error(t, "{\"properties\":{\"a\":{\"minLength\":\"x\"}}}", "minLength must be a non-negative integer",
                      "/properties/a/minLength");
    expect_load_error(t, "{\"properties\":{\"a\":{\"pattern\":\"(\"}}}", "invalid regular expression", "/properties/a/pattern");
    expect_load_error(t, "{\"items\":{\"$ref\":\"#/$defs/missing\"}}", "cannot resolve $ref", "/items/$ref");
    expect_load_error(t, "{\"$ref\":\"http://elsewhere.test/x.json\"}", "cannot resolve $ref", "/$ref");
    expect_load_error(t, "{\"type\":\"text\"}", "unknown type \"text\"", "/type");
    expect_load_error(t, "{\"anyOf\":[]}", "anyOf must be a non-empty array", "/anyOf");
    expect_load_error(t, "{\"multipleOf\":0}", "multipleOf must be greater than 0", "/multipleOf");
    expect_load_error(t, "{\"properties\":7}", "properties must be an object", "/properties");
    /* a schema text holding U+0000: named whole, with \u0000, and its pointer too */
    expect_load_error(t, "{\"properties\":{\"a\\u0000b\":{\"pattern\":\"x\\u0000(\"}}}",
                      "invalid regular expression \"x\\u0000(\"", "/properties/a\\u0000b/pattern");
    expect_load_error(t, "{\"type\":\"string\\u0000x\"}", "unknown type \"string\\u0000x\"", "/type");
    expect_load_error(t, "{\"patternProperties\":{\"a\\u0000(\":true}}", "invalid regular expression \"a\\u0000(\"",
                      "/patternProperties/a\\u0000(");
    expect_load_error(t, "{\"a\":1,\"a\":2}", "duplicate", NULL);
    expect_load_error(t, "{\"a\":", "", NULL);
}

static void test_depth(struct check *t)
{
    fixture f;
    CHECK(t, setup(&f, "{\"$defs\":{\"n\":{\"items\":{\"$ref\":\"#/$defs/n\"}}},\"$ref\":\"#/$defs/n\"}", 0) == 0);
    /* build a 5000-deep array tree with cJSON (no parser depth limit) */
    cJSON *root = cJSON_CreateArray(), *cur = root;
    for (int i = 0; i < 5000; i++) {
        cJSON *n = cJSON_CreateArray();
        cJSON_AddItemToArray(cur, n);
        cur = n;
    }
    CHECK_INT(t, jsv_validate(f.s, root, f.r), 0);
    CHECK(t, strstr(first_msg(&f), "nested too deeply") != NULL);
    CHECK_INT(t, jsv_validate(f.s, root, NULL), 0);
    cJSON_Delete(root);
    teardown(&f);
    /* a schema that refers to itself without consuming the instance */
    CHECK(t, setup(&f, "{\"$ref\":\"#\"}", 0) == 0);
    CHECK_INT(t, run(&f, "1"), 0);
    teardown(&f);
}

static void test_basic_output(struct check *t)
{
    fixture f;
    CHECK(t, setup(&f, "{\"properties\":{\"n\":{\"maxLength\":1}}}", 0) == 0);
    CHECK_INT(t, run(&f, "{\"n\":\"ab\"}"), 0);
    cJSON *out = jsv_result_basic(f.r);
    char *txt = cJSON_PrintUnformatted(out);
    CHECK_STR(t, txt, "{\"valid\":false,\"keywordLocation\":\"\",\"instanceLocation\":\"\","
                      "\"errors\":[{\"valid\":false,\"keywordLocation\":\"/properties/n/maxLength\","
                      "\"absoluteKeywordLocation\":\"https://example.test/s.json#/properties/n/maxLength\","
                      "\"instanceLocation\":\"/n\",\"error\":\"expected at most 1 characters, got 2\"}]}");
    free(txt);
    cJSON_Delete(out);
    /* a valid instance: the root unit alone */
    CHECK_INT(t, run(&f, "{\"n\":\"a\"}"), 1);
    out = jsv_result_basic(f.r);
    txt = cJSON_PrintUnformatted(out);
    CHECK_STR(t, txt, "{\"valid\":true,\"keywordLocation\":\"\",\"instanceLocation\":\"\"}");
    free(txt);
    cJSON_Delete(out);
    teardown(&f);
    /* an absolute keyword location stays a URI: what a fragment cannot
     * hold is percent-encoded (the keyword location keeps the raw pointer) */
    static const struct { const char *schema, *instance, *kl, *al; } locs[] = {
        { "{\"patternProperties\":{\"^x-[a-z]+$\":{\"maxLength\":1}}}", "{\"x-ab\":\"long\"}",
          "/patternProperties/^x-[a-z]+$/maxLength",
          "https://example.test/s.json#/patternProperties/%5Ex-%5Ba-z%5D+$/maxLength" },
        { "{\"properties\":{\"a b%\\u00e9\":{\"$ref\":\"#/$defs/q r\"}},\"$defs\":{\"q r\":{\"type\":\"null\"}}}",
          "{\"a b%\\u00e9\":1}", "/properties/a b%\u00e9/$ref/type",
          "https://example.test/s.json#/$defs/q%20r/type" },
        { "{\"properties\":{\"~/:@?\":{\"type\":\"null\"}}}", "{\"~/:@?\":1}",
          "/properties/~0~1:@?/type", "https://example.test/s.json#/properties/~0~1:@?/type" },
    };
    for (size_t i = 0; i < sizeof locs / sizeof locs[0]; i++) {
        CHECK(t, setup(&f, locs[i].schema, 0) == 0);
        CHECK_INT(t, run(&f, locs[i].instance), 0);
        const jsv_error_item *e = jsv_result_get(f.r, 0);
        CHECK_STR(t, e ? e->keyword_location : NULL, locs[i].kl);
        CHECK_STR(t, e ? e->absolute_keyword_location : NULL, locs[i].al);
        teardown(&f);
    }
}

/* n copies of c, then tail, into a new string. */
static char *repeat(char c, size_t n, const char *tail)
{
    char *s = malloc(n + strlen(tail) + 1);
    memset(s, c, n);
    strcpy(s + n, tail);
    return s;
}

/* Messages never split a character where they cut a value (the 3- and
 * 4-byte sequences sit across the cut, end exactly at it, or start
 * right after it), and show numbers as the instance wrote them. */
static void test_messages(struct check *t)
{
    /* an excerpt of a string keeps at most 72 bytes of it */
    static const struct { size_t fill; const char *tail; size_t kept; } cuts[] = {
        { 71, "\xe2\x82\xac" "zzzzzzzzzz", 71 },       /* a 3-byte sequence across the cut */
        { 70, "\xf0\x9f\x98\x80" "zzzzzzzzzz", 70 },   /* a 4-byte sequence across it */
        { 69, "\xe2\x82\xac" "zzzzzzzzzz", 72 },       /* a 3-byte sequence ending at it */
        { 68, "\xf0\x9f\x98\x80" "zzzzzzzzzz", 72 },   /* a 4-byte sequence ending at it */
        { 72, "\xf0\x9f\x98\x80" "zzzzzzzzzz", 72 },   /* one starting right after it */
        { 74, "", 74 },                                 /* short enough: whole */
    };
    fixture f;
    CHECK(t, setup(&f, "{\"pattern\":\"^b\"}", 0) == 0);
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        char *v = repeat('a', cuts[i].fill, cuts[i].tail);
        char *inst = malloc(strlen(v) + 3), *want = malloc(strlen(v) + 64);
        sprintf(inst, "\"%s\"", v);
        if (cuts[i].kept == strlen(v)) sprintf(want, "\"%s\" does not match the pattern ^b", v);
        else sprintf(want, "\"%.*s...\" does not match the pattern ^b", (int)cuts[i].kept, v);
        CHECK_INT(t, run(&f, inst), 0);
        CHECK_STR(t, first_msg(&f), want);
        free(v);
        free(inst);
        free(want);
    }
    teardown(&f);

    /* numbers as written: 2^53 - 1, 2^53 + 1 (a double would round it),
     * long decimals, inside arrays and objects too */
    static const struct { const char *schema, *instance, *message; } nums[] = {
        { "{\"maximum\":5}", "9007199254740991", "expected at most 5, got 9007199254740991" },
        { "{\"maximum\":5}", "9007199254740993", "expected at most 5, got 9007199254740993" },
        { "{\"minimum\":-5}", "-9007199254740993", "expected at least -5, got -9007199254740993" },
        { "{\"maximum\":5}", "5.000000000000000000000000000000000000000000001",
          "expected at most 5, got 5.000000000000000000000000000000000000000000001" },
        { "{\"exclusiveMaximum\":9007199254740993}", "9007199254740993",
          "expected less than 9007199254740993, got 9007199254740993" },
        { "{\"const\":{\"a\":[9007199254740993]}}", "{\"a\":[9007199254740992]}",
          "expected {\"a\":[9007199254740993]}, got {\"a\":[9007199254740992]}" },
        { "{\"enum\":[9007199254740993,\"x\"]}", "9007199254740992",
          "expected one of 9007199254740993, \"x\", got 9007199254740992" },
        { "{\"x-error\":\"n is ${/n}, o is ${/o}\",\"required\":[\"z\"]}",
          "{\"n\":9007199254740993,\"o\":{\"k\":[0.10000000000000000000001]}}",
          "n is 9007199254740993, o is {\"k\":[0.10000000000000000000001]}" },
    };
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        CHECK(t, setup(&f, nums[i].schema, 0) == 0);
        CHECK_INT(t, run(&f, nums[i].instance), 0);
        CHECK_STR(t, first_msg(&f), nums[i].message);
        teardown(&f);
    }

    /* whole messages are cut at 1023 bytes: an x-error substitution, a
     * long pattern in a message, an unknown property's name (560 bytes) */
    static const struct { const char *schema_fmt; unsigned flags; const char *inst_fmt; size_t fill;
                          const char *tail; const char *prefix; size_t kept; } longs[] = {
        { "{\"x-error\":\"${/s}\",\"required\":[\"z\"]}", 0, "{\"s\":\"%s\"}", 1021, "\xe2\x82\xac", "", 1021 },
        { "{\"x-error\":\"${/s}\",\"required\":[\"z\"]}", 0, "{\"s\":\"%s\"}", 1020, "\xf0\x9f\x98\x80", "", 1020 },
        { "{\"x-error\":\"${/s}\",\"required\":[\"z\"]}", 0, "{\"s\":\"%s\"}", 1019, "\xf0\x9f\x98\x80", "", 1023 },
        { "{\"properties\":{\"k\":{\"pattern\":\"^x%s\"}}}", 0, "{\"k\":\"b\"}", 988, "\xe2\x82\xac" "a",
          "\"b\" does not match the pattern ^x", 988 },
        { "{\"properties\":{\"q\":true}}", JSV_REPORT_UNKNOWN, "{\"%s\":1}", 558, "\xe2\x82\xac",
          "unknown property \"", 558 },
        { "{\"properties\":{\"q\":true}}", JSV_REPORT_UNKNOWN, "{\"%s\":1}", 557, "\xf0\x9f\x98\x80",
          "unknown property \"", 557 },
    };
    for (size_t i = 0; i < sizeof longs / sizeof longs[0]; i++) {
        char *v = repeat('a', longs[i].fill, longs[i].tail);
        char *schema = malloc(strlen(longs[i].schema_fmt) + strlen(v) + 1);
        char *inst = malloc(strlen(longs[i].inst_fmt) + strlen(v) + 1);
        sprintf(schema, longs[i].schema_fmt, v);
        sprintf(inst, longs[i].inst_fmt, v);
        char *want = malloc(strlen(longs[i].prefix) + longs[i].kept + 4);
        sprintf(want, "%s%.*s", longs[i].prefix, (int)longs[i].kept, v);
        if (longs[i].flags & JSV_REPORT_UNKNOWN) strcat(want, "\"");
        CHECK(t, setup(&f, schema, longs[i].flags) == 0);
        CHECK_INT(t, run(&f, inst), 0);
        CHECK_STR(t, first_msg(&f), want);
        teardown(&f);
        free(v);
        free(schema);
        free(inst);
        free(want);
    }
}

/* A schema error that names a node gives the node's line and column in
 * its document, counted from the node's offset in the text the registry
 * keeps: for a document whose caller's text is gone, for one in an
 * overlay's parent, and for one that fails while it is being indexed. */
static void test_error_positions(struct check *t)
{
    jsv_registry *reg = jsv_registry_new();
    jsv_error err;
    const char *p = "{\"$id\":\"https://example.test/p.json\",\n \"$defs\": {\n  \"Bad\": {\"pattern\": \"[\"}}}";
    char *copy = strdup(p);
    CHECK(t, copy && jsv_registry_add_json(reg, NULL, copy, strlen(copy), NULL, &err) == 0);
    if (copy) memset(copy, ' ', strlen(copy));
    free(copy);
    CHECK(t, jsv_compile(reg, "https://example.test/p.json#/$defs/Bad", NULL, &err) == NULL);
    CHECK_MSG(t, err.line == 3 && err.col == 22, "bad pattern at %u:%u: %s", err.line, err.col, err.message);
    jsv_registry *ov = jsv_registry_new_overlay(reg);
    const char *c = "{\"$ref\": \"https://example.test/p.json#/$defs/Bad\"}";
    const char *uri;
    CHECK(t, jsv_registry_add_json(ov, "https://example.test/c.json", c, strlen(c), &uri, &err) == 0);
    CHECK(t, jsv_compile(ov, uri, NULL, &err) == NULL);
    CHECK_MSG(t, err.line == 3 && err.col == 22, "through an overlay at %u:%u: %s", err.line, err.col,
              err.message);
    const char *twice = "{\n \"$defs\": {\"a\": {\"$id\": \"https://example.test/x.json\"},\n"
                        "  \"b\": {\"$id\": \"https://example.test/x.json\"}}}";
    CHECK(t, jsv_registry_add_json(ov, NULL, twice, strlen(twice), NULL, &err) == -1);
    CHECK_MSG(t, strstr(err.message, "defined twice") && err.line == 3 && err.col == 8,
              "defined twice at %u:%u: %s", err.line, err.col, err.message);
    jsv_registry_free(ov);
    jsv_registry_free(reg);
}

static void test_registry(struct check *t)
{
    jsv_registry *reg = jsv_registry_new();
    jsv_error err;
    const char *a = "{\"$id\":\"https://example.test/common.json\",\"$defs\":{\"Money\":{\"type\":\"number\",\"exclusiveMinimum\":0}}}";
    const char *b = "{\"$id\":\"https://example.test/body.json\",\"properties\":{\"total\":{\"$ref\":\"common.json#/$defs/Money\"}}}";
    const char *uri;
    CHECK(t, jsv_registry_add_json(reg, NULL, a, strlen(a), NULL, &err) == 0);
    CHECK(t, jsv_registry_add_json(reg, NULL, b, strlen(b), &uri, &err) == 0);
    CHECK_STR(t, uri, "https://example.test/body.json");
    /* the same URI twice is an error */
    CHECK(t, jsv_registry_add_json(reg, NULL, a, strlen(a), NULL, &err) == -1);
    jsv_schema *s = jsv_compile(reg, uri, NULL, &err);
    CHECK(t, s != NULL);
    jsv_result *r = jsv_result_new();
    cJSON *inst = cJSON_Parse("{\"total\":0}");
    CHECK_INT(t, jsv_validate(s, inst, r), 0);
    const jsv_error_item *e = jsv_result_get(r, 0);
    if (e) CHECK_STR(t, e->absolute_keyword_location, "https://example.test/common.json#/$defs/Money/exclusiveMinimum");
    cJSON_Delete(inst);
    /* an overlay sees its parent's documents */
    jsv_registry *ov = jsv_registry_new_overlay(reg);
    const char *c = "{\"$ref\":\"https://example.test/common.json#/$defs/Money\"}";
    CHECK(t, jsv_registry_add_json(ov, "https://example.test/c.json", c, strlen(c), &uri, &err) == 0);
    jsv_schema *s2 = jsv_compile(ov, uri, NULL, &err);
    CHECK(t, s2 != NULL);
    jsv_schema_free(s2);
    jsv_registry_free(ov);
    jsv_result_free(r);
    jsv_schema_free(s);
    jsv_registry_free(reg);
    /* files: unreadable and directories */
    reg = jsv_registry_new();
    CHECK(t, jsv_registry_add_file(reg, "/nonexistent/x.json", NULL, NULL, &err) == -1);
    CHECK(t, strstr(err.message, "No such file") != NULL);
    CHECK(t, jsv_registry_add_file(reg, "/tmp", NULL, NULL, &err) == -1);
    CHECK(t, strstr(err.message, "directory") != NULL);
    jsv_registry_free(reg);
}

/* Verdict of the lean walker on one JSON text (-2: does not parse). */
static int verdict(fixture *f, const char *json)
{
    json_error je;
    json_doc *d = json_parse(json, strlen(json), NULL, NULL, &je);
    if (!d) return -2;
    pcre2_match_data *md = ecma_regex_match_data_new();
    int v = schema_verdict(f->s, d->root, md);
    ecma_regex_match_data_free(md);
    json_doc_free(d);
    return v;
}

/* The reporting walk alone (no verdict walk in front): the oracle for
 * the verdict walker's shortcuts. */
static int reported(fixture *f, const char *json)
{
    json_error je;
    json_doc *d = json_parse(json, strlen(json), NULL, NULL, &je);
    if (!d) return -2;
    int v = schema_evaluate(f->s, d->root, f->r);
    json_doc_free(d);
    return v;
}

/* The same on a tree from cJSON's own parser (no key hashes kept). */
static int verdict_plain(fixture *f, const char *json)
{
    cJSON *d = cJSON_Parse(json);
    if (!d) return -2;
    pcre2_match_data *md = ecma_regex_match_data_new();
    int v = schema_verdict(f->s, d, md);
    ecma_regex_match_data_free(md);
    cJSON_Delete(d);
    return v;
}

/* The verdict walker over a tape of the text (-2: does not parse). */
static int verdict_tape(fixture *f, const char *json)
{
    json_error je;
    json_tape *tp = json_tape_new();
    if (!tp || json_tape_parse(tp, json, strlen(json), NULL, &je) != 0) {
        json_tape_free(tp);
        return -2;
    }
    pcre2_match_data *md = ecma_regex_match_data_new();
    int v = schema_verdict_tape(f->s, tp, md);
    ecma_regex_match_data_free(md);
    json_tape_free(tp);
    return v;
}

/* Branches of the root schema's allOf that the verdict walker answers
 * from its properties pass (engine.h, disc_prog). */
static size_t fast_branches(const fixture *f)
{
    const cschema *root = schema_follow(f->s->root);
    size_t n = 0;
    for (size_t i = 0; i < root->nvprog; i++)
        if (root->vprog[i].disc)
            for (size_t j = 0; j < root->vprog[i].disc->n; j++) n += (size_t)root->vprog[i].disc->b[j].fast;
    return n;
}

/* One instance against one schema, through every walk: the verdict
 * walker on the strict parser's tree, on cJSON's (not for text with
 * U+0000, which cJSON's strings cannot hold) and on a tape,
 * jsv_validate, and the reporting walk alone; each must give want. */
static void check_walk(struct check *t, const char *what, fixture *f, const char *schema, const char *instance,
                       int want)
{
    int v = verdict(f, instance), p = verdict_plain(f, instance), tp = verdict_tape(f, instance);
    int r = run(f, instance), e = reported(f, instance);
    if (strstr(instance, "\\u0000")) p = want;
    if (v != want || p != want || tp != want || r != want || e != want) {
        fprintf(stderr, "%s: %s against %s gave %d/%d/%d/%d/%d, want %d\n", what, instance, schema, v, p, tp, r, e,
                want);
        t->failed++;
    } else t->passed++;
}

typedef struct walk_case { const char *schema, *instance; int want; } walk_case;

static void check_walks(struct check *t, const char *what, const walk_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fixture f;
        if (setup(&f, cases[i].schema, 0) != 0) {
            fprintf(stderr, "%s: schema %s does not compile\n", what, cases[i].schema);
            t->failed++;
            continue;
        }
        check_walk(t, what, &f, cases[i].schema, cases[i].instance, cases[i].want);
        teardown(&f);
    }
}

/* Instances against one schema, through every walk (check_walk). */
typedef struct instance_case { const char *instance; int want; } instance_case;

static void check_instances(struct check *t, const char *what, const char *schema, const instance_case *cases,
                            size_t n, int fast)
{
    fixture f;
    if (setup(&f, schema, 0) != 0) {
        fprintf(stderr, "%s: schema does not compile: %s\n", what, f.err.message);
        t->failed++;
        return;
    }
    if (fast >= 0) CHECK_INT(t, (int)fast_branches(&f), fast);
    for (size_t i = 0; i < n; i++) check_walk(t, what, &f, schema, cases[i].instance, cases[i].want);
    teardown(&f);
}

/* What the tape walk answers itself and what it leaves to the reporting
 * walk on a tree ("cannot tell", -1), against the tree walk's answer. */
static void test_tape_cannot_tell(struct check *t)
{
    char big[200];
    snprintf(big, sizeof big, "0.%0130d1", 0);
    static const struct { const char *schema, *instance; int tape, tree; } cases[] = {
        { "{\"uniqueItems\":true}", "[1,2]", -1, 1 },
        { "{\"uniqueItems\":true}", "\"not an array\"", 1, 1 },
        { "{\"enum\":[\"a\",1]}", "{\"x\":1}", 0, 0 },        /* no array or object to equal */
        { "{\"enum\":[\"a\",1]}", "1.0", 1, 1 },
        { "{\"enum\":[[1],\"a\"]}", "[1]", -1, 1 },
        { "{\"enum\":[[1],\"a\"]}", "\"a\"", 1, 1 },
        { "{\"const\":{\"a\":1}}", "{\"a\":1}", -1, 1 },
        { "{\"const\":{\"a\":1}}", "[]", -1, 0 },
        { "{\"const\":2}", "[2]", 0, 0 },
        { "{\"properties\":{\"k\":{\"enum\":[{},\"b\"]}}}", "{\"k\":{}}", -1, 1 },
        { "{\"type\":\"integer\"}", "1.0", 1, 1 },
        { "{\"type\":\"integer\"}", "1.5", 0, 0 },
        { "{\"type\":\"integer\"}", "1e2", 1, 1 },
        { "{\"maximum\":5}", "4.999999999999999999999", 1, 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fixture f;
        if (setup(&f, cases[i].schema, 0) != 0) {
            CHECK_MSG(t, 0, "schema %s does not compile", cases[i].schema);
            continue;
        }
        int tp = verdict_tape(&f, cases[i].instance), tr = verdict(&f, cases[i].instance);
        CHECK_MSG(t, tp == cases[i].tape && tr == cases[i].tree, "%s against %s: tape %d (want %d), tree %d (want %d)",
                  cases[i].instance, cases[i].schema, tp, cases[i].tape, tr, cases[i].tree);
        teardown(&f);
    }
    /* schemas only the reporting walk checks: a tape is not worth parsing */
    static const struct { const char *schema; unsigned flags; int tapes; } which[] = {
        { "{\"type\":\"object\"}", 0, 1 },
        { "{\"type\":\"object\"}", JSV_REPORT_UNKNOWN, 0 },
        { "{\"unevaluatedProperties\":false}", 0, 0 },
        { "{\"items\":{\"unevaluatedItems\":false}}", 0, 0 },
    };
    for (size_t i = 0; i < sizeof which / sizeof which[0]; i++) {
        fixture w;
        if (setup(&w, which[i].schema, which[i].flags) == 0) {
            CHECK_MSG(t, jsv_checks_tapes(w.s) == which[i].tapes, "%s (flags %u)", which[i].schema, which[i].flags);
            json_tape *tp = json_tape_new();
            json_error je;
            if (tp && json_tape_parse(tp, "{}", 2, NULL, &je) == 0 && !which[i].tapes)
                CHECK_INT(t, jsv_check_tape(w.s, tp, NULL), -1);
            json_tape_free(tp);
        } else {
            CHECK_MSG(t, 0, "schema %s does not compile", which[i].schema);
        }
        teardown(&w);
    }
    CHECK_INT(t, jsv_checks_tapes(NULL), 0);
    /* a number whose text is too long to copy out: the tape cannot tell,
     * unless it is written as digits alone and only its type matters */
    fixture f;
    if (setup(&f, "{\"type\":\"number\",\"minimum\":0}", 0) == 0) {
        CHECK_INT(t, verdict_tape(&f, big), -1);
        CHECK_INT(t, verdict(&f, big), 1);
        teardown(&f);
    }
    if (setup(&f, "{\"type\":\"integer\"}", 0) == 0) {
        char digits[200];
        snprintf(digits, sizeof digits, "1%0150d", 0);
        CHECK_INT(t, verdict_tape(&f, digits), 1);
        /* no document, or a tape a failed parse emptied */
        json_tape *tp = json_tape_new();
        json_error je;
        CHECK_INT(t, jsv_check_tape(f.s, NULL, NULL), -1);
        CHECK(t, tp && json_tape_parse(tp, "[1,", 3, NULL, &je) == -1);
        CHECK_INT(t, jsv_check_tape(f.s, tp, NULL), -1);
        CHECK(t, json_tape_parse(tp, "7", 1, NULL, &je) == 0);
        CHECK_INT(t, jsv_check_tape(f.s, tp, f.r), 1);
        CHECK(t, json_tape_parse(tp, "7.5", 3, NULL, &je) == 0);
        CHECK_INT(t, jsv_check_tape(f.s, tp, NULL), 0);
        json_tape_free(tp);
        teardown(&f);
    }
}

/* Names whose lengths and json_key_hash agree but whose bytes differ: a
 * lookup that trusted the hash would take one for the other.  Pairs for
 * each way keys are compared: up to 8 bytes (one word), 9 to 16 with the
 * same first 8 bytes (the second word decides), and longer ones that
 * differ only in the middle, which the hash does not read. */
static void test_key_collisions(struct check *t)
{
    static const char *const pairs[][2] = {
        { "wsnaa", "ygrqa" },
        { "eakbaaa", "dwinaaa" },
        { "aaaaaaaabzusaa", "aaaaaaaanauvaa" },
        { "aaaaaaaaubalaaaa", "aaaaaaaaatcwaaaa" },
        { "aaaaaaaaXaaaaaaaa", "aaaaaaaaYaaaaaaaa" },
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        const char *a = pairs[i][0], *b = pairs[i][1];
        size_t la = strlen(a);
        CHECK_MSG(t, la == strlen(b) && json_key_hash(a, la) == json_key_hash(b, la) && strcmp(a, b) != 0,
                  "%s and %s should collide", a, b);
        char schema[512], other[64], inst[4][128];
        instance_case cases[4];
        /* few names (scanned), many names (hash index), required alone */
        for (int shape = 0; shape < 3; shape++) {
            if (shape == 0)
                snprintf(schema, sizeof schema, "{\"properties\":{\"%s\":{\"type\":\"string\"}},\"required\":[\"%s\"]}",
                         a, a);
            else if (shape == 1)
                snprintf(schema, sizeof schema,
                         "{\"properties\":{\"p1\":{},\"p2\":{},\"p3\":{},\"p4\":{},\"p5\":{},\"p6\":{},"
                         "\"%s\":{\"type\":\"string\"}},\"required\":[\"%s\"]}", a, a);
            else
                snprintf(schema, sizeof schema, "{\"required\":[\"%s\"],\"properties\":{\"z\":{}}}", a);
            snprintf(other, sizeof other, "%s", b);
            snprintf(inst[0], sizeof inst[0], "{\"%s\":\"x\"}", a);          /* the name itself */
            snprintf(inst[1], sizeof inst[1], "{\"%s\":1}", other);           /* only its twin */
            snprintf(inst[2], sizeof inst[2], "{\"%s\":1,\"%s\":\"x\"}", other, a);
            snprintf(inst[3], sizeof inst[3], "{\"%s\":\"x\",\"%s\":1}", a, other);
            cases[0] = (instance_case){ inst[0], 1 };
            cases[1] = (instance_case){ inst[1], 0 };   /* required name missing */
            cases[2] = (instance_case){ inst[2], 1 };   /* the twin is not checked as the name */
            cases[3] = (instance_case){ inst[3], 1 };
            check_instances(t, "colliding names", schema, cases, 4, -1);
        }
    }
}

/* properties with a few names is walked by comparing each member's key
 * with every name: names of each length class (up to 8 bytes, up to 16,
 * longer), duplicate members, and trees without the parser's key data. */
static void test_few_names(struct check *t)
{
    static const instance_case cases[] = {
        { "{\"k\":\"a\"}", 1 },
        { "{\"k\":\"b\"}", 0 },
        { "{\"x\":1,\"k\":\"a\",\"y\":2}", 1 },
        { "{\"x\":1}", 0 },                        /* required name missing */
        { "{\"k\":\"a\",\"k\":\"b\"}", 0 },          /* every duplicate is checked */
        { "{\"k\":\"a\",\"eight_b_\":\"s\"}", 1 },
        { "{\"k\":\"a\",\"eight_b_\":1}", 0 },
        { "{\"k\":\"a\",\"eight_bX\":1}", 1 },       /* same length, other name */
        { "{\"k\":\"a\",\"nine_byte\":2}", 1 },
        { "{\"k\":\"a\",\"nine_byte\":2.5}", 0 },
        { "{\"k\":\"a\",\"nine_bytf\":2.5}", 1 },
        { "{\"k\":\"a\",\"a_name_longer_than_16\":null}", 1 },
        { "{\"k\":\"a\",\"a_name_longer_than_16\":0}", 0 },
        { "{\"k\":\"a\",\"a_name_longer_than_17\":0}", 1 },
        { "[]", 1 },                               /* not an object: no assertion */
    };
    check_instances(t, "few names",
                    "{\"properties\":{\"k\":{\"const\":\"a\"},\"eight_b_\":{\"type\":\"string\"},"
                    "\"nine_byte\":{\"type\":\"integer\"},\"a_name_longer_than_16\":{\"type\":\"null\"}},"
                    "\"required\":[\"k\"]}",
                    cases, sizeof cases / sizeof cases[0], -1);
}

/* required names that properties does not list join the walker's key
 * table: with few and with many names (scanned, hashed), long names,
 * repeated names, and next to additionalProperties (where they must not). */
static void test_required_keys(struct check *t)
{
    static const walk_case cases[] = {
        { "{\"properties\":{\"a\":{\"type\":\"string\"}},\"required\":[\"a\",\"b\",\"a_required_name_past_16\"]}",
          "{\"a\":\"x\",\"b\":1,\"a_required_name_past_16\":null}", 1 },
        { "{\"properties\":{\"a\":{\"type\":\"string\"}},\"required\":[\"a\",\"b\",\"a_required_name_past_16\"]}",
          "{\"a\":\"x\",\"b\":1,\"a_required_name_past_17\":null}", 0 },
        { "{\"properties\":{\"a\":{\"type\":\"string\"}},\"required\":[\"a\",\"b\",\"a_required_name_past_16\"]}",
          "{\"b\":1,\"a_required_name_past_16\":null}", 0 },
        { "{\"properties\":{\"a\":{\"type\":\"string\"}},\"required\":[\"a\",\"b\",\"a_required_name_past_16\"]}",
          "{\"a\":1,\"b\":1,\"a_required_name_past_16\":null}", 0 },
        { "{\"properties\":{\"a\":{\"type\":\"string\"}},\"required\":[\"b\",\"b\"]}", "{\"b\":[]}", 1 },
        { "{\"properties\":{\"a\":{\"type\":\"string\"}},\"required\":[\"b\",\"b\"]}", "{\"a\":\"b\"}", 0 },
        { "{\"properties\":{\"a\":{\"type\":\"string\"}},\"required\":[\"b\"]}", "[]", 1 },
        { "{\"properties\":{\"p1\":true,\"p2\":true,\"p3\":true,\"p4\":true,\"p5\":{\"const\":5}},"
          "\"required\":[\"p5\",\"r1\",\"r2\"]}", "{\"r2\":0,\"p5\":5,\"r1\":0,\"x\":0}", 1 },
        { "{\"properties\":{\"p1\":true,\"p2\":true,\"p3\":true,\"p4\":true,\"p5\":{\"const\":5}},"
          "\"required\":[\"p5\",\"r1\",\"r2\"]}", "{\"r2\":0,\"p5\":5,\"x\":0}", 0 },
        { "{\"properties\":{\"p1\":true,\"p2\":true,\"p3\":true,\"p4\":true,\"p5\":{\"const\":5}},"
          "\"required\":[\"p5\",\"r1\",\"r2\"]}", "{\"r2\":0,\"p5\":6,\"r1\":0}", 0 },
        { "{\"properties\":{\"a\":true},\"required\":[\"b\"],\"additionalProperties\":false}", "{\"a\":1,\"b\":1}", 0 },
        { "{\"properties\":{\"a\":true},\"required\":[\"b\"],\"additionalProperties\":false}", "{\"a\":1}", 0 },
        { "{\"properties\":{\"a\":true},\"required\":[\"b\"],\"additionalProperties\":{\"type\":\"integer\"}}",
          "{\"a\":\"s\",\"b\":1}", 1 },
        { "{\"properties\":{\"a\":true},\"required\":[\"b\"],\"additionalProperties\":{\"type\":\"integer\"}}",
          "{\"a\":\"s\",\"b\":\"s\"}", 0 },
    };
    check_walks(t, "required keys", cases, sizeof cases / sizeof cases[0]);
    /* required asks only for presence, whatever the member holds (even a
     * cJSON raw node, which no type keyword allows) */
    fixture f;
    CHECK(t, setup(&f, "{\"properties\":{\"x\":true},\"required\":[\"a\"]}", 0) == 0);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "a", cJSON_CreateRaw("1"));
    pcre2_match_data *md = ecma_regex_match_data_new();
    CHECK_INT(t, schema_verdict(f.s, o, md), 1);
    CHECK_INT(t, jsv_validate(f.s, o, f.r), 1);
    ecma_regex_match_data_free(md);
    cJSON_Delete(o);
    teardown(&f);
}

/* allOf branches of the form "if this member is X then ...", answered
 * from the members the properties pass noted: present, absent, met
 * twice, not an object, conditions with and without required and type,
 * with else, with a nested object, through $ref, and a branch whose
 * condition names a member properties does not know (walked as usual). */
static void test_discriminated_allof(struct check *t)
{
    const char *schema =
        "{\"properties\":{\"kind\":{\"enum\":[\"a\",\"b\",\"c\"]},\"va\":true,\"vb\":true,"
        "\"target\":true},"
        " \"allOf\":["
        "  {\"if\":{\"type\":\"object\",\"required\":[\"kind\"],\"properties\":{\"kind\":{\"const\":\"a\"}}},"
        "   \"then\":{\"required\":[\"va\"]}},"
        "  {\"if\":{\"properties\":{\"kind\":{\"const\":\"b\"}}},"
        "   \"then\":{\"required\":[\"vb\"]},\"else\":{\"not\":{\"required\":[\"vb\"]}}},"
        "  {\"$ref\":\"#/$defs/rule\"},"
        "  {\"if\":{\"required\":[\"other\"]},\"then\":{\"required\":[\"va\"]}}"
        " ],"
        " \"$defs\":{\"rule\":{\"if\":{\"required\":[\"target\"],\"properties\":{\"target\":"
        "   {\"required\":[\"kind\"],\"properties\":{\"kind\":{\"const\":\"x\"}}}}},\"then\":false}}}";
    static const instance_case cases[] = {
        { "{\"kind\":\"a\",\"va\":1}", 1 },
        { "{\"kind\":\"a\"}", 0 },                       /* then: va required */
        { "{\"va\":1,\"kind\":\"a\",\"z\":0}", 1 },
        { "{\"kind\":\"b\",\"vb\":1}", 1 },
        { "{\"kind\":\"b\"}", 0 },
        { "{\"kind\":\"c\",\"vb\":1}", 0 },            /* else: vb not allowed */
        { "{\"kind\":\"c\"}", 1 },
        { "{}", 0 },                                      /* no kind: the second if holds */
        { "{\"vb\":1}", 1 },
        { "{\"kind\":\"a\",\"kind\":\"b\",\"va\":1}", 1 },  /* twice: neither condition holds */
        { "{\"kind\":\"a\",\"kind\":\"b\",\"vb\":1}", 0 },
        { "{\"kind\":\"b\",\"kind\":\"b\",\"vb\":1}", 1 },
        { "{\"kind\":\"b\",\"kind\":\"b\"}", 0 },
        { "{\"kind\":\"c\",\"target\":{\"kind\":\"x\"}}", 0 },  /* the rule's then: false */
        { "{\"kind\":\"c\",\"target\":{\"kind\":\"y\"}}", 1 },
        { "{\"kind\":\"c\",\"target\":{}}", 1 },
        { "{\"kind\":\"c\",\"target\":\"x\"}", 0 },  /* not an object: its condition holds */
        { "{\"kind\":\"c\",\"other\":1}", 0 },        /* the branch walked as usual */
        { "{\"kind\":\"c\",\"other\":1,\"va\":2}", 1 },
        { "\"text\"", 0 },                               /* not an object: every condition holds, */
        { "[1]", 0 },                                     /* the rule's then: false too */
    };
    check_instances(t, "discriminated allOf", schema, cases, sizeof cases / sizeof cases[0], 3);
}

/* A scalar program's string compares: const strings, and enum strings
 * of every length class (under 4 bytes, 4 to 7, 8 and more). */
/* additionalProperties false with no patternProperties (a closed
 * object, as every response body of the contract) keeps the verdict
 * walk's simple properties walk: an unnamed member fails there, with few
 * names and with the hash index, alone or with required; a required name
 * the object does not declare is still not allowed. */
static void test_closed_objects(struct check *t)
{
    static const walk_case cases[] = {
        { "{\"properties\":{\"a\":{\"type\":\"integer\"}},\"additionalProperties\":false}", "{\"a\":1}", 1 },
        { "{\"properties\":{\"a\":{\"type\":\"integer\"}},\"additionalProperties\":false}", "{}", 1 },
        { "{\"properties\":{\"a\":{\"type\":\"integer\"}},\"additionalProperties\":false}", "{\"b\":1}", 0 },
        { "{\"properties\":{\"a\":{\"type\":\"integer\"}},\"additionalProperties\":false}", "{\"a\":\"x\"}", 0 },
        { "{\"properties\":{\"a\":{\"type\":\"integer\"}},\"additionalProperties\":false}", "[1]", 1 },
        { "{\"additionalProperties\":false}", "{}", 1 },
        { "{\"additionalProperties\":false}", "{\"a\":1}", 0 },
        /* many names: the hash index */
        { "{\"properties\":{\"p1\":{},\"p2\":{},\"p3\":{},\"p4\":{},\"p5\":{},\"p6\":{},\"p7\":{},\"p8\":{},"
          "\"p9\":{}},\"additionalProperties\":false}", "{\"p1\":1,\"p9\":2}", 1 },
        { "{\"properties\":{\"p1\":{},\"p2\":{},\"p3\":{},\"p4\":{},\"p5\":{},\"p6\":{},\"p7\":{},\"p8\":{},"
          "\"p9\":{}},\"additionalProperties\":false}", "{\"p1\":1,\"p10\":2}", 0 },
        /* with required: merged into the lookup when every name is declared */
        { "{\"properties\":{\"a\":{},\"b\":{}},\"required\":[\"a\"],\"additionalProperties\":false}", "{\"a\":1}", 1 },
        { "{\"properties\":{\"a\":{},\"b\":{}},\"required\":[\"a\"],\"additionalProperties\":false}", "{\"b\":1}", 0 },
        { "{\"properties\":{\"a\":{},\"b\":{}},\"required\":[\"a\"],\"additionalProperties\":false}",
          "{\"a\":1,\"c\":1}", 0 },
        { "{\"properties\":{\"a\":{}},\"required\":[\"a\",\"c\"],\"additionalProperties\":false}", "{\"a\":1,\"c\":1}", 0 },
        { "{\"properties\":{\"a\":{}},\"required\":[\"a\",\"c\"],\"additionalProperties\":false}", "{\"a\":1}", 0 },
        /* a schema for the extra members, or patterns: the general walk */
        { "{\"properties\":{\"a\":{}},\"additionalProperties\":{\"type\":\"string\"}}", "{\"b\":\"x\"}", 1 },
        { "{\"properties\":{\"a\":{}},\"additionalProperties\":{\"type\":\"string\"}}", "{\"b\":1}", 0 },
        { "{\"properties\":{\"a\":{}},\"patternProperties\":{\"^x\":{}},\"additionalProperties\":false}",
          "{\"x1\":1}", 1 },
        { "{\"properties\":{\"a\":{}},\"patternProperties\":{\"^x\":{}},\"additionalProperties\":false}",
          "{\"y1\":1}", 0 },
        { "{\"properties\":{\"a\":{}},\"additionalProperties\":true}", "{\"b\":1}", 1 },
    };
    check_walks(t, "closed objects", cases, sizeof cases / sizeof cases[0]);
}

static void test_scalar_strings(struct check *t)
{
    static const walk_case cases[] = {
        { "{\"const\":\"ab\"}", "\"ab\"", 1 },
        { "{\"const\":\"ab\"}", "\"abc\"", 0 },
        { "{\"const\":\"ab\"}", "\"a\"", 0 },
        { "{\"const\":\"ab\"}", "\"aB\"", 0 },
        { "{\"const\":\"ab\"}", "1", 0 },
        { "{\"const\":\"ab\"}", "null", 0 },
        { "{\"const\":\"\"}", "\"\"", 1 },
        { "{\"const\":\"\"}", "\"x\"", 0 },
        { "{\"const\":\"a\\u0000b\"}", "\"a\\u0000b\"", 1 },
        { "{\"const\":\"a\\u0000b\"}", "\"a\\u0000c\"", 0 },
        { "{\"const\":\"a\\u0000b\"}", "\"a\"", 0 },
        { "{\"const\":1}", "1.0", 1 },
        { "{\"const\":1}", "\"1\"", 0 },
        { "{\"enum\":[\"x\",\"y\"],\"const\":\"x\"}", "\"x\"", 1 },
        { "{\"enum\":[\"x\",\"y\"],\"const\":\"x\"}", "\"y\"", 0 },
        { "{\"type\":\"string\",\"maxLength\":3,\"const\":\"abcd\"}", "\"abcd\"", 0 },
        { "{\"enum\":[\"abcd\",\"abcdefg\",\"abcdefgh\"]}", "\"abcd\"", 1 },
        { "{\"enum\":[\"abcd\",\"abcdefg\",\"abcdefgh\"]}", "\"abce\"", 0 },
        { "{\"enum\":[\"abcd\",\"abcdefg\",\"abcdefgh\"]}", "\"abcdefg\"", 1 },
        { "{\"enum\":[\"abcd\",\"abcdefg\",\"abcdefgh\"]}", "\"abcdeXg\"", 0 },
        { "{\"enum\":[\"abcd\",\"abcdefg\",\"abcdefgh\"]}", "\"Xbcdefg\"", 0 },
        { "{\"enum\":[\"abcd\",\"abcdefg\",\"abcdefgh\"]}", "\"abcdefgh\"", 1 },
        { "{\"enum\":[\"abc\"]}", "\"abd\"", 0 },
        { "{\"enum\":[\"abc\"]}", "\"abc\"", 1 },
    };
    check_walks(t, "scalar strings", cases, sizeof cases / sizeof cases[0]);
}

/* ---- regexes that cannot be evaluated ---------------------------------- */

/* A pattern that backtracks without end on a long run of a's that does
 * not end the subject: PCRE2's match limit stops it.  "L" in a test text
 * stands for such a subject (41 bytes), "S" for a short one the limit
 * lets PCRE2 finish (no match), "M" for a long one it matches at once. */
#define HOSTILE "^(a+)+$"
#define L "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"
#define S "aaaaaaaaaa!"
#define M "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

/* One instance against one schema through every walk, where want may be
 * JSV_UNDECIDED: the reporting walk and jsv_validate (with and without a
 * result) must give want; a verdict walk may answer -1 (cannot tell)
 * instead of 0 or 1, and must when want is open. */
static void check_open(struct check *t, fixture *f, const char *schema, const char *instance, int want)
{
    int v = verdict(f, instance), p = verdict_plain(f, instance), tp = verdict_tape(f, instance);
    int e = reported(f, instance), r = run(f, instance);
    int walks_ok = want == JSV_UNDECIDED ? v == -1 && p == -1 && tp == -1
                                         : (v == want || v == -1) && (p == want || p == -1) && (tp == want || tp == -1);
    if (!walks_ok || e != want || r != want) {
        fprintf(stderr, "open: %s against %s gave verdict %d/%d/%d, reported %d, validate %d; want %d\n", instance,
                schema, v, p, tp, e, r, want);
        t->failed++;
        return;
    }
    t->passed++;
    /* an open verdict stands on undecided errors only; a decided one
     * names at least one keyword the instance breaks */
    size_t n = jsv_result_count(f->r), undecided = 0;
    for (size_t i = 0; i < n; i++) undecided += jsv_result_get(f->r, i)->kind == JSV_ERROR_UNDECIDED;
    CHECK_MSG(t, want == JSV_UNDECIDED ? n > 0 && undecided == n : want == 0 ? undecided < n : n == 0,
              "%s against %s: %zu errors, %zu undecided", instance, schema, n, undecided);
}

/* Under the match limit a pattern decides as usual; at it, the keyword is
 * undecided and so is every verdict that depends on it, in either
 * direction: not does not make it valid, anyOf does not make it
 * invalid, and so on through every applicator. */
static void test_regex_limits(struct check *t)
{
    static const walk_case cases[] = {
        { "{\"pattern\":\"" HOSTILE "\"}", "\"" L "\"", JSV_UNDECIDED },
        { "{\"pattern\":\"" HOSTILE "\"}", "\"" S "\"", 0 },
        { "{\"pattern\":\"" HOSTILE "\"}", "\"" M "\"", 1 },
        { "{\"type\":\"string\",\"pattern\":\"" HOSTILE "\"}", "\"" L "\"", JSV_UNDECIDED },
        { "{\"properties\":{\"p\":{\"type\":\"string\",\"pattern\":\"" HOSTILE "\"}}}", "{\"p\":\"" L "\"}", JSV_UNDECIDED },
        { "{\"not\":{\"pattern\":\"" HOSTILE "\"}}", "\"" L "\"", JSV_UNDECIDED },
        { "{\"not\":{\"pattern\":\"" HOSTILE "\"}}", "\"" S "\"", 1 },
        { "{\"not\":{\"pattern\":\"" HOSTILE "\"}}", "\"" M "\"", 0 },
        { "{\"not\":{\"not\":{\"pattern\":\"" HOSTILE "\"}}}", "\"" L "\"", JSV_UNDECIDED },
        { "{\"not\":{\"anyOf\":[{\"pattern\":\"" HOSTILE "\"},{\"const\":\"x\"}]}}", "\"" L "\"", JSV_UNDECIDED },
        { "{\"anyOf\":[{\"pattern\":\"" HOSTILE "\"},{\"minLength\":100}]}", "\"" L "\"", JSV_UNDECIDED },
        { "{\"anyOf\":[{\"pattern\":\"" HOSTILE "\"},{\"minLength\":100}]}", "\"" S "\"", 0 },
        { "{\"anyOf\":[{\"pattern\":\"" HOSTILE "\"},{\"minLength\":1}]}", "\"" L "\"", 1 },
        { "{\"oneOf\":[{\"pattern\":\"" HOSTILE "\"},{\"minLength\":1}]}", "\"" L "\"", JSV_UNDECIDED },
        { "{\"oneOf\":[{\"pattern\":\"" HOSTILE "\"},{\"minLength\":100}]}", "\"" L "\"", JSV_UNDECIDED },
        { "{\"oneOf\":[{\"pattern\":\"" HOSTILE "\"},{\"minLength\":1},{\"maxLength\":100}]}", "\"" L "\"", 0 },
        { "{\"oneOf\":[{\"pattern\":\"" HOSTILE "\"},{\"minLength\":1}]}", "\"" S "\"", 1 },
        { "{\"allOf\":[{\"pattern\":\"" HOSTILE "\"},{\"maxLength\":5}]}", "\"" L "\"", 0 },
        { "{\"allOf\":[{\"pattern\":\"" HOSTILE "\"},{\"minLength\":5}]}", "\"" L "\"", JSV_UNDECIDED },
        { "{\"if\":{\"pattern\":\"" HOSTILE "\"},\"then\":{\"minLength\":100}}", "\"" L "\"", JSV_UNDECIDED },
        { "{\"if\":{\"pattern\":\"" HOSTILE "\"},\"else\":{\"minLength\":100}}", "\"" S "\"", 0 },
        { "{\"if\":{\"pattern\":\"" HOSTILE "\"}}", "\"" L "\"", 1 },
        { "{\"if\":{\"const\":1},\"else\":{\"pattern\":\"" HOSTILE "\"}}", "\"" L "\"", JSV_UNDECIDED },
        { "{\"contains\":{\"pattern\":\"" HOSTILE "\"}}", "[\"" L "\"]", JSV_UNDECIDED },
        { "{\"contains\":{\"pattern\":\"" HOSTILE "\"}}", "[\"" L "\",\"aaa\"]", 1 },
        { "{\"contains\":{\"pattern\":\"" HOSTILE "\"}}", "[\"" S "\"]", 0 },
        { "{\"contains\":{\"pattern\":\"" HOSTILE "\"},\"maxContains\":1}", "[\"aaa\",\"" L "\"]", JSV_UNDECIDED },
        { "{\"contains\":{\"pattern\":\"" HOSTILE "\"},\"maxContains\":1}", "[\"aaa\",\"aa\",\"" L "\"]", 0 },
        { "{\"contains\":{\"pattern\":\"" HOSTILE "\"},\"minContains\":3}", "[\"aaa\",\"" L "\"]", 0 },
        { "{\"items\":{\"pattern\":\"" HOSTILE "\"}}", "[\"aaa\",\"" L "\"]", JSV_UNDECIDED },
        { "{\"items\":{\"pattern\":\"" HOSTILE "\"}}", "[\"" L "\",\"b\"]", 0 },
        { "{\"patternProperties\":{\"" HOSTILE "\":{\"type\":\"integer\"}}}", "{\"" L "\":1}", 1 },
        { "{\"patternProperties\":{\"" HOSTILE "\":{\"type\":\"integer\"}}}", "{\"" L "\":\"x\"}", JSV_UNDECIDED },
        { "{\"patternProperties\":{\"" HOSTILE "\":{\"type\":\"integer\"}}}", "{\"" S "\":\"x\"}", 1 },
        { "{\"patternProperties\":{\"" HOSTILE "\":true},\"additionalProperties\":false}", "{\"" L "\":1}",
          JSV_UNDECIDED },
        { "{\"patternProperties\":{\"" HOSTILE "\":true},\"additionalProperties\":false}", "{\"" S "\":1}", 0 },
        { "{\"patternProperties\":{\"" HOSTILE "\":true},\"additionalProperties\":false}", "{\"" M "\":1}", 1 },
        { "{\"patternProperties\":{\"" HOSTILE "\":true},\"additionalProperties\":{\"type\":\"integer\"}}",
          "{\"" L "\":1}", 1 },
        { "{\"not\":{\"patternProperties\":{\"" HOSTILE "\":false}}}", "{\"" L "\":1}", JSV_UNDECIDED },
        { "{\"propertyNames\":{\"pattern\":\"" HOSTILE "\"}}", "{\"" L "\":1}", JSV_UNDECIDED },
        { "{\"dependentSchemas\":{\"k\":{\"properties\":{\"v\":{\"pattern\":\"" HOSTILE "\"}}}}}",
          "{\"k\":1,\"v\":\"" L "\"}", JSV_UNDECIDED },
        { "{\"patternProperties\":{\"" HOSTILE "\":true},\"unevaluatedProperties\":false}", "{\"" L "\":1}",
          JSV_UNDECIDED },
        { "{\"patternProperties\":{\"" HOSTILE "\":true},\"unevaluatedProperties\":false}", "{\"" M "\":1}", 1 },
        { "{\"patternProperties\":{\"" HOSTILE "\":true},\"unevaluatedProperties\":{\"type\":\"integer\"}}",
          "{\"" L "\":1}", 1 },
        { "{\"anyOf\":[{\"properties\":{\"v\":{\"pattern\":\"" HOSTILE "\"}}},{\"properties\":{\"w\":true}}],"
          "\"unevaluatedProperties\":false}", "{\"v\":\"" L "\",\"w\":1}", JSV_UNDECIDED },
        { "{\"anyOf\":[{\"properties\":{\"v\":{\"pattern\":\"" HOSTILE "\"}}},{\"required\":[\"w\"]}],"
          "\"unevaluatedProperties\":false}", "{\"v\":\"" L "\",\"w\":1}", 0 },
        { "{\"contains\":{\"pattern\":\"" HOSTILE "\"},\"unevaluatedItems\":false}", "[\"aaa\",\"" L "\"]",
          JSV_UNDECIDED },
        { "{\"format\":\"regex\"}", "\"((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("
          "((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("
          "((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("
          "((((((((((((((((((((((((((((((((\"", JSV_UNDECIDED },
        { "{\"not\":{\"format\":\"regex\"}}", "\"((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("
          "((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("
          "((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("
          "((((((((((((((((((((((((((((((((((((((((((((\"", JSV_UNDECIDED },
        { "{\"format\":\"regex\"}", "\"((a))\"", 1 },
        { "{\"format\":\"regex\"}", "\"((a)\"", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fixture f;
        if (setup(&f, cases[i].schema, 0) != 0) {
            CHECK_MSG(t, 0, "schema %s does not compile: %s", cases[i].schema, f.err.message);
            teardown(&f);
            continue;
        }
        check_open(t, &f, cases[i].schema, cases[i].instance, cases[i].want);
        teardown(&f);
    }

    /* what an undecided error says */
    static const struct { const char *schema, *instance, *kw, *kl, *il, *msg; } says[] = {
        { "{\"pattern\":\"" HOSTILE "\"}", "\"" L "\"", "pattern", "/pattern", "",
          "pattern could not be evaluated: regex match limit reached (schema /pattern, instance (root))" },
        { "{\"not\":{\"properties\":{\"p\":{\"pattern\":\"" HOSTILE "\"}}}}", "{\"p\":\"" L "\"}", "pattern",
          "/not/properties/p/pattern", "/p",
          "pattern could not be evaluated: regex match limit reached (schema /not/properties/p/pattern, instance /p)" },
        { "{\"patternProperties\":{\"" HOSTILE "\":false}}", "{\"" L "\":1}", "patternProperties",
          "/patternProperties/" HOSTILE, "/" L,
          "patternProperties could not be evaluated: regex match limit reached on the member name "
          "(schema /patternProperties/" HOSTILE ", instance /" L ")" },
        { "{\"x-error\":\"not this\",\"anyOf\":[{\"pattern\":\"" HOSTILE "\"},{\"minLength\":100}]}", "\"" L "\"",
          "pattern", "/anyOf/0/pattern", "",
          "pattern could not be evaluated: regex match limit reached (schema /anyOf/0/pattern, instance (root))" },
    };
    for (size_t i = 0; i < sizeof says / sizeof says[0]; i++) {
        fixture f;
        CHECK(t, setup(&f, says[i].schema, 0) == 0);
        CHECK_INT(t, run(&f, says[i].instance), JSV_UNDECIDED);
        CHECK_INT(t, jsv_result_count(f.r), 1);
        const jsv_error_item *e = jsv_result_get(f.r, 0);
        if (e) {
            CHECK_INT(t, e->kind, JSV_ERROR_UNDECIDED);
            CHECK_STR(t, e->keyword, says[i].kw);
            CHECK_STR(t, e->keyword_location, says[i].kl);
            CHECK_STR(t, e->instance_location, says[i].il);
            CHECK_STR(t, e->message, says[i].msg);
        }
        teardown(&f);
    }
}

/* A hostile pattern against many strings: each search stops at the match
 * limit, and the walk's time budget stops the rest, so a run stays short
 * and every item is still undecided (never valid, never invalid). */
static void test_regex_budget(struct check *t)
{
    enum { N = 400 };
    strbuf b = {0};
    sb_puts(&b, "[");
    for (int i = 0; i < N; i++) sb_printf(&b, "%s\"" L "\"", i ? "," : "");
    sb_puts(&b, "]");
    fixture f;
    memset(&f, 0, sizeof f);
    f.reg = jsv_registry_new();
    f.r = jsv_result_new();
    const char *schema = "{\"items\":{\"pattern\":\"" HOSTILE "\"}}", *uri;
    jsv_options o = { 0, 0, 50 };
    CHECK(t, jsv_registry_add_json(f.reg, "https://example.test/s.json", schema, strlen(schema), &uri, &f.err) == 0);
    f.s = jsv_compile(f.reg, uri, &o, &f.err);
    CHECK(t, f.s != NULL);
    json_error je;
    json_doc *d = json_parse(b.data, b.len, NULL, NULL, &je);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int v = f.s && d ? jsv_validate(f.s, d->root, f.r) : -9;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    CHECK_INT(t, v, JSV_UNDECIDED);
    CHECK_INT(t, jsv_result_count(f.r), N);
    const jsv_error_item *last = jsv_result_get(f.r, N - 1);
    CHECK(t, last && last->kind == JSV_ERROR_UNDECIDED && strstr(last->message, "time budget") != NULL);
    /* without the budget: N searches at the limit, some 20 ms each */
    CHECK_MSG(t, ms < 2000, "%d hostile strings took %.0f ms", N, ms);
    /* the budget belongs to one validation: the next one starts afresh */
    CHECK_INT(t, run(&f, "[\"" M "\",\"aaa\"]"), 1);
    CHECK_INT(t, run(&f, "[\"" S "\"]"), 0);
    json_doc_free(d);
    sb_free(&b);
    teardown(&f);
}

/* A result's shared budget (jsv_result_limit_regex) spans validations:
 * once a hostile search has spent it, every later search through that
 * result is undecided at once, benign or not, while a result without one
 * decides as usual.  A pattern the one-pass matcher takes needs no search. */
/* jsv_validate of json with the fixture's result (its budget; no
 * comparison with a result-less run, which has none). */
static int in_result(fixture *f, const char *json)
{
    json_error je;
    json_doc *d = json_parse(json, strlen(json), NULL, NULL, &je);
    int v = d ? jsv_validate(f->s, d->root, f->r) : -9;
    json_doc_free(d);
    return v;
}

static void test_regex_run_budget(struct check *t)
{
    fixture f;
    CHECK(t, setup(&f, "{\"properties\":{\"h\":{\"pattern\":\"" HOSTILE "\"},\"s\":{\"pattern\":\"^[a-z]+$\"}}}",
                   0) == 0);
    jsv_result_limit_regex(f.r, 1);
    CHECK_INT(t, in_result(&f, "{\"h\":\"" L "\"}"), JSV_UNDECIDED);   /* the limit, and 1 ms spent */
    CHECK_INT(t, in_result(&f, "{\"h\":\"" S "\"}"), JSV_UNDECIDED);   /* decided alone: no match */
    const jsv_error_item *e = jsv_result_get(f.r, 0);
    CHECK(t, e && e->kind == JSV_ERROR_UNDECIDED && strstr(e->message, "time budget is spent") != NULL);
    CHECK_INT(t, in_result(&f, "{\"h\":\"" M "\"}"), JSV_UNDECIDED);
    CHECK_INT(t, in_result(&f, "{\"s\":\"abc\"}"), 1);                  /* no search needed */
    CHECK_INT(t, in_result(&f, "{\"s\":\"ab1\"}"), 0);
    jsv_result_limit_regex(f.r, 0);                               /* lifted */
    CHECK_INT(t, in_result(&f, "{\"h\":\"" S "\"}"), 0);
    CHECK_INT(t, in_result(&f, "{\"h\":\"" M "\"}"), 1);
    jsv_result_limit_regex(f.r, 60000);                          /* ample: as without one */
    CHECK_INT(t, in_result(&f, "{\"h\":\"" S "\"}"), 0);
    CHECK_INT(t, in_result(&f, "{\"h\":\"" M "\"}"), 1);
    teardown(&f);
}

#undef L
#undef S
#undef M

/* JSON text for U+0000, in the tables below. */
#define NUL "\\u0000"

/* Member names are whole byte strings: a key holding U+0000 is neither
 * its prefix nor any other name, in every keyword that reads names, in
 * schemas and instances alike, on trees and tapes (check_walk). */
static void test_nul_names(struct check *t)
{
    static const walk_case cases[] = {
        /* properties: few names (scanned) */
        { "{\"properties\":{\"a" NUL "b\":{\"type\":\"integer\"}}}", "{\"a" NUL "b\":1}", 1 },
        { "{\"properties\":{\"a" NUL "b\":{\"type\":\"integer\"}}}", "{\"a" NUL "b\":\"x\"}", 0 },
        { "{\"properties\":{\"a" NUL "b\":{\"type\":\"integer\"}}}", "{\"a\":\"x\"}", 1 },
        { "{\"properties\":{\"a" NUL "b\":{\"type\":\"integer\"}}}", "{\"a" NUL "c\":\"x\"}", 1 },
        { "{\"properties\":{\"a" NUL "b\":{\"type\":\"integer\"}}}", "{\"a" NUL "b" NUL "\":\"x\"}", 1 },
        { "{\"properties\":{\"a\":{\"type\":\"integer\"}}}", "{\"a" NUL "\":\"x\"}", 1 },
        { "{\"properties\":{\"a\":{\"type\":\"integer\"}}}", "{\"a" NUL "\":\"x\",\"a\":\"y\"}", 0 },
        /* properties: many names (the hash index), names past 16 bytes */
        { "{\"properties\":{\"p1\":{},\"p2\":{},\"p3\":{},\"p4\":{},\"p5\":{},"
          "\"k" NUL "x\":{\"type\":\"string\"},\"long_name_past_16" NUL "\":{\"type\":\"null\"}}}",
          "{\"k" NUL "x\":\"s\",\"long_name_past_16" NUL "\":null}", 1 },
        { "{\"properties\":{\"p1\":{},\"p2\":{},\"p3\":{},\"p4\":{},\"p5\":{},"
          "\"k" NUL "x\":{\"type\":\"string\"},\"long_name_past_16" NUL "\":{\"type\":\"null\"}}}",
          "{\"k" NUL "x\":1}", 0 },
        { "{\"properties\":{\"p1\":{},\"p2\":{},\"p3\":{},\"p4\":{},\"p5\":{},"
          "\"k" NUL "x\":{\"type\":\"string\"},\"long_name_past_16" NUL "\":{\"type\":\"null\"}}}",
          "{\"long_name_past_16\":1,\"k\":1,\"k" NUL "\":1}", 1 },
        { "{\"properties\":{\"p1\":{},\"p2\":{},\"p3\":{},\"p4\":{},\"p5\":{},"
          "\"k" NUL "x\":{\"type\":\"string\"},\"long_name_past_16" NUL "\":{\"type\":\"null\"}}}",
          "{\"long_name_past_16" NUL "\":1}", 0 },
        /* required: a name holding U+0000 is not its prefix, nor the reverse */
        { "{\"required\":[\"a\"]}", "{\"a" NUL "\":1}", 0 },
        { "{\"required\":[\"a\"]}", "{\"a" NUL "\":1,\"a\":2}", 1 },
        { "{\"required\":[\"a" NUL "b\"]}", "{\"a" NUL "b\":1}", 1 },
        { "{\"required\":[\"a" NUL "b\"]}", "{\"a\":1}", 0 },
        { "{\"required\":[\"a" NUL "b\"]}", "{\"a" NUL "\":1,\"a" NUL "c\":1}", 0 },
        /* required names joining the walker's keys, or answered by properties */
        { "{\"properties\":{\"a\":{}},\"required\":[\"a" NUL "b\"]}", "{\"a\":1}", 0 },
        { "{\"properties\":{\"a\":{}},\"required\":[\"a" NUL "b\"]}", "{\"a\":1,\"a" NUL "b\":2}", 1 },
        { "{\"properties\":{\"a" NUL "b\":{\"type\":\"string\"}},\"required\":[\"a" NUL "b\"]}",
          "{\"a" NUL "b\":\"s\"}", 1 },
        { "{\"properties\":{\"a" NUL "b\":{\"type\":\"string\"}},\"required\":[\"a" NUL "b\"]}", "{\"a\":\"s\"}", 0 },
        { "{\"properties\":{\"a\":{\"type\":\"string\"}},\"required\":[\"a\"]}", "{\"a" NUL "\":\"s\"}", 0 },
        /* additionalProperties: a name properties does not list */
        { "{\"properties\":{\"a\":{}},\"additionalProperties\":false}", "{\"a" NUL "b\":1}", 0 },
        { "{\"properties\":{\"a\":{}},\"additionalProperties\":false}", "{\"a\":1}", 1 },
        { "{\"properties\":{\"a" NUL "b\":{}},\"additionalProperties\":false}", "{\"a" NUL "b\":1}", 1 },
        /* patternProperties: the whole name is the subject, and a pattern may hold U+0000 */
        { "{\"patternProperties\":{\"^a$\":{\"type\":\"integer\"}}}", "{\"a" NUL "b\":\"x\"}", 1 },
        { "{\"patternProperties\":{\"^a$\":{\"type\":\"integer\"}}}", "{\"a\":\"x\"}", 0 },
        { "{\"patternProperties\":{\"b$\":false}}", "{\"a" NUL "b\":1}", 0 },
        { "{\"patternProperties\":{\"^a" NUL "\":false}}", "{\"a" NUL "b\":1}", 0 },
        { "{\"patternProperties\":{\"^a" NUL "\":false}}", "{\"ab\":1}", 1 },
        { "{\"patternProperties\":{\"^a\":{}},\"additionalProperties\":false}", "{\"b" NUL "a\":1}", 0 },
        /* propertyNames: the name is a string holding U+0000 */
        { "{\"propertyNames\":{\"maxLength\":1}}", "{\"a" NUL "\":1}", 0 },
        { "{\"propertyNames\":{\"maxLength\":1}}", "{\"a\":1}", 1 },
        { "{\"propertyNames\":{\"maxLength\":2}}", "{\"a" NUL "\":1}", 1 },
        { "{\"propertyNames\":{\"pattern\":\"^a$\"}}", "{\"a" NUL "\":1}", 0 },
        { "{\"propertyNames\":{\"const\":\"a" NUL "b\"}}", "{\"a" NUL "b\":1}", 1 },
        { "{\"propertyNames\":{\"const\":\"a" NUL "b\"}}", "{\"a\":1}", 0 },
        { "{\"propertyNames\":{\"enum\":[\"a\",\"b\"]}}", "{\"a" NUL "b\":1}", 0 },
        /* dependentRequired and dependentSchemas */
        { "{\"dependentRequired\":{\"a" NUL "\":[\"b\"]}}", "{\"a\":1}", 1 },
        { "{\"dependentRequired\":{\"a" NUL "\":[\"b\"]}}", "{\"a" NUL "\":1}", 0 },
        { "{\"dependentRequired\":{\"a" NUL "\":[\"b\"]}}", "{\"a" NUL "\":1,\"b\":2}", 1 },
        { "{\"dependentRequired\":{\"a\":[\"b" NUL "\"]}}", "{\"a\":1,\"b\":2}", 0 },
        { "{\"dependentRequired\":{\"a\":[\"b" NUL "\"]}}", "{\"a\":1,\"b" NUL "\":2}", 1 },
        { "{\"dependentSchemas\":{\"a" NUL "\":false}}", "{\"a\":1}", 1 },
        { "{\"dependentSchemas\":{\"a" NUL "\":false}}", "{\"a" NUL "\":1}", 0 },
        /* keywords are names too: "type" followed by U+0000 is no keyword */
        { "{\"type" NUL "\":\"string\"}", "1", 1 },
        { "{\"properties" NUL "\":{\"a\":false}}", "{\"a\":1}", 1 },
        /* strings holding U+0000 against string keywords */
        { "{\"const\":\"a" NUL "b\"}", "\"a\"", 0 },
        { "{\"enum\":[\"a" NUL "b\",\"x\"]}", "\"a" NUL "b\"", 1 },
        { "{\"enum\":[\"a" NUL "b\",\"x\"]}", "\"a\"", 0 },
        { "{\"type\":\"string\",\"maxLength\":1}", "\"a" NUL "\"", 0 },
        { "{\"type\":\"string\",\"pattern\":\"^a$\"}", "\"a" NUL "\"", 0 },
        { "{\"type\":\"string\",\"pattern\":\"^a" NUL "$\"}", "\"a" NUL "\"", 1 },
    };
    check_walks(t, "U+0000 in names", cases, sizeof cases / sizeof cases[0]);
}

/* const, enum and uniqueItems compare objects by whole member names and
 * strings by all their bytes.  A tape cannot tell for an array or object
 * against const or enum, nor for uniqueItems (test_tape_cannot_tell):
 * its answer here is the tree's or -1. */
static void test_nul_equality(struct check *t)
{
    static const walk_case cases[] = {
        { "{\"const\":{\"a" NUL "b\":1}}", "{\"a\":1}", 0 },
        { "{\"const\":{\"a" NUL "b\":1}}", "{\"a" NUL "b\":1}", 1 },
        { "{\"const\":{\"a" NUL "b\":1}}", "{\"a" NUL "c\":1}", 0 },
        { "{\"const\":{\"a\":1}}", "{\"a" NUL "b\":1}", 0 },
        { "{\"const\":{\"a\":1,\"a" NUL "\":2}}", "{\"a" NUL "\":2,\"a\":1}", 1 },
        { "{\"const\":{\"a\":1,\"a" NUL "\":2}}", "{\"a" NUL "\":1,\"a\":2}", 0 },
        { "{\"enum\":[{\"a" NUL "b\":1},2]}", "{\"a" NUL "c\":1}", 0 },
        { "{\"enum\":[{\"a" NUL "b\":1},2]}", "{\"a" NUL "b\":1}", 1 },
        { "{\"enum\":[1,2,3,4,{\"a" NUL "b\":1}]}", "{\"a\":1}", 0 },    /* the hashed enum */
        { "{\"enum\":[1,2,3,4,{\"a" NUL "b\":1}]}", "{\"a" NUL "b\":1}", 1 },
        { "{\"const\":[\"a" NUL "b\"]}", "[\"a" NUL "c\"]", 0 },
        { "{\"uniqueItems\":true}", "[\"a" NUL "b\",\"a" NUL "c\"]", 1 },
        { "{\"uniqueItems\":true}", "[\"a" NUL "b\",\"a" NUL "b\"]", 0 },
        { "{\"uniqueItems\":true}", "[\"a\",\"a" NUL "\"]", 1 },
        { "{\"uniqueItems\":true}", "[{\"a" NUL "b\":1},{\"a" NUL "c\":1}]", 1 },
        { "{\"uniqueItems\":true}", "[{\"a" NUL "b\":1},{\"a" NUL "b\":1}]", 0 },
        { "{\"uniqueItems\":true}", "[{\"a\":1},{\"a" NUL "\":1}]", 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fixture f;
        if (setup(&f, cases[i].schema, 0) != 0) {
            CHECK_MSG(t, 0, "schema %s does not compile", cases[i].schema);
            continue;
        }
        const char *in = cases[i].instance;
        int want = cases[i].want, tp = verdict_tape(&f, in);
        CHECK_MSG(t, verdict(&f, in) == want && run(&f, in) == want && reported(&f, in) == want &&
                     (tp == want || tp == -1),
                  "%s against %s: want %d (tape %d)", in, cases[i].schema, want, tp);
        teardown(&f);
    }
    /* unevaluatedProperties, which only the reporting walk checks */
    fixture f;
    if (setup(&f, "{\"properties\":{\"a\":true},\"unevaluatedProperties\":false}", 0) == 0) {
        CHECK_INT(t, run(&f, "{\"a\":1}"), 1);
        CHECK_INT(t, run(&f, "{\"a" NUL "b\":1}"), 0);
        CHECK_STR(t, first_msg(&f), "property \"a\\u0000b\" is not allowed (unevaluated)");
        CHECK_INT(t, run(&f, "{\"a\":1,\"a" NUL "\":1}"), 0);
        teardown(&f);
    }
}

/* Where a report names a member or a string holding U+0000 it shows it
 * as \u0000: locations, messages, the unknown-property log; never a raw
 * NUL, never the name cut at it. */
static void test_nul_reports(struct check *t)
{
    fixture f;
    CHECK(t, setup(&f, "{\"properties\":{\"a" NUL "b\":{\"type\":\"integer\"}}}", 0) == 0);
    CHECK_INT(t, run(&f, "{\"a" NUL "b\":\"x\"}"), 0);
    const jsv_error_item *e = jsv_result_get(f.r, 0);
    if (e) {
        CHECK_STR(t, e->instance_location, "/a\\u0000b");
        CHECK_STR(t, e->keyword_location, "/properties/a\\u0000b/type");
        /* a URI: the location's \u0000 percent-encoded as a fragment needs */
        CHECK_STR(t, e->absolute_keyword_location, "https://example.test/s.json#/properties/a%5Cu0000b/type");
    }
    teardown(&f);
    CHECK(t, setup(&f, "{\"properties\":{\"a\":{}},\"required\":[\"a" NUL "b\"],\"additionalProperties\":false}",
                   0) == 0);
    CHECK_INT(t, run(&f, "{\"a" NUL "c\":1}"), 0);
    CHECK_INT(t, jsv_result_count(f.r), 2);
    if ((e = jsv_result_get(f.r, 0))) {
        CHECK_STR(t, e->instance_location, "/a\\u0000c");
        CHECK_STR(t, e->message, "property \"a\\u0000c\" is not allowed");
    }
    if ((e = jsv_result_get(f.r, 1))) CHECK_STR(t, e->message, "missing required property \"a\\u0000b\"");
    teardown(&f);
    CHECK(t, setup(&f, "{\"const\":\"a" NUL "b\"}", 0) == 0);
    CHECK_INT(t, run(&f, "\"a\""), 0);
    CHECK_STR(t, first_msg(&f), "expected \"a\\u0000b\", got \"a\"");
    teardown(&f);
    CHECK(t, setup(&f, "{\"const\":{\"k" NUL "\":\"v" NUL "\"}}", 0) == 0);
    CHECK_INT(t, run(&f, "1"), 0);
    CHECK_STR(t, first_msg(&f), "expected {\"k\\u0000\":\"v\\u0000\"}, got 1");
    teardown(&f);
    CHECK(t, setup(&f, "{\"propertyNames\":{\"maxLength\":1}}", 0) == 0);
    CHECK_INT(t, run(&f, "{\"a" NUL "\":1}"), 0);
    if ((e = jsv_result_get(f.r, 0))) {
        CHECK_STR(t, e->instance_location, "/a\\u0000");
        CHECK_STR(t, e->message, "expected at most 1 characters, got 2");
    }
    teardown(&f);
    CHECK(t, setup(&f, "{\"dependentRequired\":{\"a" NUL "\":[\"b" NUL "\"]}}", 0) == 0);
    CHECK_INT(t, run(&f, "{\"a" NUL "\":1}"), 0);
    CHECK_STR(t, first_msg(&f), "property \"a\\u0000\" requires property \"b\\u0000\"");
    teardown(&f);
    /* x-error-at naming such a member */
    CHECK(t, setup(&f, "{\"x-error\":\"bad\",\"x-error-at\":\"/a" NUL "b\",\"required\":[\"z\"]}", 0) == 0);
    CHECK_INT(t, run(&f, "{\"a" NUL "b\":1}"), 0);
    if ((e = jsv_result_get(f.r, 0))) CHECK_STR(t, e->instance_location, "/a\\u0000b");
    CHECK_INT(t, run(&f, "{\"a\":1}"), 0);
    if ((e = jsv_result_get(f.r, 0))) CHECK_STR(t, e->instance_location, "");
    teardown(&f);
    /* a $ref through a percent-encoded U+0000 */
    CHECK(t, setup(&f, "{\"properties\":{\"a" NUL "b\":{\"type\":\"integer\"},\"a\":{\"type\":\"string\"},"
                       "\"c\":{\"$ref\":\"#/properties/a%00b\"}}}", 0) == 0);
    CHECK_INT(t, run(&f, "{\"c\":1}"), 1);
    CHECK_INT(t, run(&f, "{\"c\":\"s\"}"), 0);
    teardown(&f);
    /* the unknown-property log: a long name, whole, after the U+0000 */
    CHECK(t, setup(&f, "{\"properties\":{\"name\":{\"maxLength\":3}}}", JSV_REPORT_UNKNOWN) == 0);
    char inst[1200], want[1200];
    int n = snprintf(inst, sizeof inst, "{\"name\":\"ok\",\"name" NUL);
    memset(inst + n, 'x', 1000);
    snprintf(inst + n + 1000, sizeof inst - (size_t)n - 1000, "\":1}");
    CHECK_INT(t, run(&f, inst), 0);
    CHECK_INT(t, jsv_result_count(f.r), 1);
    n = snprintf(want, sizeof want, "/name\\u0000");
    memset(want + n, 'x', 1000);
    want[n + 1000] = '\0';
    if ((e = jsv_result_get(f.r, 0))) {
        CHECK_STR(t, e->keyword, "unknownProperty");
        CHECK_STR(t, e->instance_location, want);
        /* the location whole; the message quotes the name's first 560 bytes */
        CHECK_MSG(t, strlen(e->message) == strlen("unknown property \"\"") + 560 &&
                     strncmp(e->message, "unknown property \"name\\u0000xxx", 31) == 0,
                  "message %.60s... (%zu bytes)", e->message, strlen(e->message));
    }
    teardown(&f);
}

/* jsv_validate answers valid instances from the verdict walker alone; the
 * reporting walk must still produce the same report for invalid ones. */
static void test_two_walkers(struct check *t)
{
    fixture f;
    CHECK(t, setup(&f, "{\"type\":\"object\",\"required\":[\"id\"],\"properties\":{"
                       "\"id\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":3},"
                       "\"n\":{\"type\":\"integer\",\"maximum\":5},"
                       "\"e\":{\"enum\":[\"A\",\"B\",1]},"
                       "\"p\":{\"type\":\"string\",\"pattern\":\"^x\"}}}", 0) == 0);
    /* both sides of each bound, and the walker's shortcuts: type-only,
     * scalar programs, byte-length shortcuts with multi-byte text */
    CHECK_INT(t, verdict(&f, "{\"id\":\"abc\"}"), 1);
    CHECK_INT(t, verdict(&f, "{\"id\":\"\u00e9\u00e9\u00e9\"}"), 1); /* 6 bytes, 3 code points */
    CHECK_INT(t, verdict(&f, "{\"id\":\"abcd\"}"), 0);
    CHECK_INT(t, verdict(&f, "{\"id\":\"\"}"), 0);
    CHECK_INT(t, verdict(&f, "{}"), 0);
    CHECK_INT(t, verdict(&f, "{\"id\":\"a\",\"n\":5}"), 1);
    CHECK_INT(t, verdict(&f, "{\"id\":\"a\",\"n\":5.0}"), 1);
    CHECK_INT(t, verdict(&f, "{\"id\":\"a\",\"n\":6}"), 0);
    CHECK_INT(t, verdict(&f, "{\"id\":\"a\",\"n\":4.5}"), 0);
    CHECK_INT(t, verdict(&f, "{\"id\":\"a\",\"e\":\"B\"}"), 1);
    CHECK_INT(t, verdict(&f, "{\"id\":\"a\",\"e\":1.0}"), 1);
    CHECK_INT(t, verdict(&f, "{\"id\":\"a\",\"e\":\"b\"}"), 0);
    CHECK_INT(t, verdict(&f, "{\"id\":\"a\",\"p\":\"xy\"}"), 1);
    CHECK_INT(t, verdict(&f, "{\"id\":\"a\",\"p\":\"yx\"}"), 0);
    CHECK_INT(t, verdict(&f, "[]"), 0);
    /* a valid answer from the walker clears the previous report */
    CHECK_INT(t, run(&f, "{\"id\":\"abcd\"}"), 0);
    CHECK_STR(t, first_msg(&f), "expected at most 3 characters, got 4");
    CHECK_INT(t, run(&f, "{\"id\":\"abc\"}"), 1);
    CHECK_INT(t, (int)jsv_result_count(f.r), 0);
    teardown(&f);
    /* annotations (unevaluatedProperties) keep a schema off the walker */
    CHECK(t, setup(&f, "{\"properties\":{\"a\":true},\"unevaluatedProperties\":false}", 0) == 0);
    CHECK_INT(t, verdict(&f, "{\"a\":1}"), -1);
    CHECK_INT(t, run(&f, "{\"a\":1}"), 1);
    CHECK_INT(t, run(&f, "{\"b\":1}"), 0);
    teardown(&f);
    /* schema recursion on one instance: the walker gives up, the
     * reporting walk names the problem */
    CHECK(t, setup(&f, "{\"$ref\":\"#/$defs/a\",\"$defs\":{\"a\":{\"allOf\":[{\"$ref\":\"#/$defs/a\"}]}}}", 0) == 0);
    CHECK_INT(t, verdict(&f, "1"), -1);
    CHECK_INT(t, run(&f, "1"), 0);
    CHECK(t, strstr(first_msg(&f), "nested too deeply") != NULL);
    teardown(&f);
}

int main(void)
{
    struct check t = { 0, 0, "engine" };
    test_two_walkers(&t);
    test_regex_limits(&t);
    test_regex_budget(&t);
    test_regex_run_budget(&t);
    test_tape_cannot_tell(&t);
    test_key_collisions(&t);
    test_few_names(&t);
    test_scalar_strings(&t);
    test_closed_objects(&t);
    test_nul_names(&t);
    test_nul_equality(&t);
    test_nul_reports(&t);
    test_required_keys(&t);
    test_discriminated_allof(&t);
    test_locations(&t);
    test_numbers(&t);
    test_equality(&t);
    test_x_error(&t);
    test_unknown(&t);
    test_unknown_on_demand(&t);
    test_format_default(&t);
    test_invalid_schemas(&t);
    test_depth(&t);
    test_basic_output(&t);
    test_messages(&t);
    test_registry(&t);
    test_error_positions(&t);
    return check_done(&t);
}
