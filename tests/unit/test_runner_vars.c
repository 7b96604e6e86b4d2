/* test_runner_vars.c - campaign-test's variables, redaction, JSON Pointer
 * lookup and body assertions, without the network.
 *
 * Links the runner's modules as a library (build/tools/librunner.a). */
#include "check.h"

#include "json_util.h"
#include "case_vars.h"
#include "redact.h"
#include "results.h"
#include "regex_bound.h"
#include "expect.h"
#include "loopback.h"
#include "report.h"

#include <stdlib.h>

/* 2026-01-01T00:00:00Z */
#define T0 ((time_t)1767225600)

static char *expand(ct_vars *v, const char *s)
{
    static char err[256];
    char *r = ct_vars_expand(v, s, err, sizeof err);
    return r ? r : strdup(err);
}

static void test_vars(struct check *t)
{
    ct_vars *v = ct_vars_new("fixed-id", T0);
    cJSON *num = cJSON_CreateNumber(4500), *str = cJSON_CreateString("cmp_1");
    CHECK_INT(t, ct_vars_set(v, "budget", num), 0);
    CHECK_INT(t, ct_vars_set(v, "campaignId", str), 0);
    CHECK_INT(t, ct_vars_set(v, "uuid", str), -1);      /* reserved */
    CHECK_INT(t, ct_vars_set(v, "bad-name", str), -1);

    char *s;
    CHECK_STR(t, s = expand(v, "/campaigns/${campaignId}/execute"), "/campaigns/cmp_1/execute"); free(s);
    CHECK_STR(t, s = expand(v, "total ${budget}"), "total 4500"); free(s);
    CHECK_STR(t, s = expand(v, "$${literal}"), "${literal}"); free(s);
    CHECK_STR(t, s = expand(v, "${uniqueId}-${uniqueId}"), "fixed-id-fixed-id"); free(s);
    CHECK_STR(t, s = expand(v, "${now}"), "2026-01-01T00:00:00Z"); free(s);
    CHECK_STR(t, s = expand(v, "${now:+7d}"), "2026-01-08T00:00:00Z"); free(s);
    CHECK_STR(t, s = expand(v, "${now:-90m}"), "2025-12-31T22:30:00Z"); free(s);
    CHECK_STR(t, s = expand(v, "${date}"), "2026-01-01"); free(s);
    CHECK_STR(t, s = expand(v, "${date:-1d}"), "2025-12-31"); free(s);
    CHECK_STR(t, s = expand(v, "${date:+2w}"), "2026-01-15"); free(s);
    CHECK_STR(t, s = expand(v, "${missing}"), "undefined variable ${missing}"); free(s);
    CHECK_STR(t, s = expand(v, "${now:+7x}"), "bad time offset in ${now:+7x} (want e.g. ${now:+7d}; units s, m, h, d, w)"); free(s);
    CHECK_STR(t, s = expand(v, "open ${campaignId"), "unterminated ${ in \"open ${campaignId\""); free(s);

    setenv("CT_TEST_VAR", "from-env", 1);
    unsetenv("CT_TEST_UNSET");
    CHECK_STR(t, s = expand(v, "${env:CT_TEST_VAR}"), "from-env"); free(s);
    CHECK_STR(t, s = expand(v, "${env:CT_TEST_UNSET}"), "environment variable CT_TEST_UNSET is not set (${env:CT_TEST_UNSET})"); free(s);

    char *u1 = expand(v, "${uuid}"), *u2 = expand(v, "${uuid}");
    CHECK_INT(t, strlen(u1), 36);
    CHECK(t, u1[14] == '4');
    CHECK(t, strcmp(u1, u2) != 0);
    free(u1); free(u2);

    /* A JSON string that is exactly one reference keeps the variable's type. */
    cJSON *tree = cJSON_Parse("{\"budget\": \"${budget}\", \"label\": \"b ${budget}\", \"${campaignId}\": [\"${campaignId}\"]}");
    char err[256];
    cJSON *out = ct_vars_expand_json(v, tree, err, sizeof err);
    CHECK(t, out != NULL);
    CHECK(t, cJSON_IsNumber(cJSON_GetObjectItem(out, "budget")));
    CHECK_STR(t, cJSON_GetObjectItem(out, "label")->valuestring, "b 4500");
    CHECK_STR(t, cJSON_GetArrayItem(cJSON_GetObjectItem(out, "cmp_1"), 0)->valuestring, "cmp_1");
    cJSON_Delete(out);
    cJSON_Delete(tree);

    CHECK(t, ct_vars_check("${a} ${env:X} ${now:+1d} ${date}", err, sizeof err));
    CHECK(t, !ct_vars_check("${a b}", err, sizeof err));
    CHECK(t, !ct_vars_check("${date:1d}", err, sizeof err));
    cJSON_Delete(num);
    cJSON_Delete(str);
    ct_vars_free(v);
}

static void test_redact(struct check *t)
{
    redactor *r = redactor_new("s3cr/et\"tok");
    char *s;
    CHECK_STR(t, s = redact(r, "GET /x\nAuthorization: Bearer anything\nAccept: */*\n", (size_t)-1),
              "GET /x\nAuthorization: [REDACTED]\nAccept: */*\n"); free(s);
    CHECK_STR(t, s = redact(r, "x s3cr/et\"tok y", (size_t)-1), "x [REDACTED] y"); free(s);
    CHECK_STR(t, s = redact(r, "{\"name\":\"s3cr\\/et\\\"tok\"}", (size_t)-1), "{\"name\":\"[REDACTED]\"}"); free(s);
    CHECK_STR(t, s = redact(r, "q=s3cr%2Fet%22tok", (size_t)-1), "q=[REDACTED]"); free(s);
    CHECK_STR(t, s = redact(r, "authorization: lower case\n", (size_t)-1), "authorization: [REDACTED]\n"); free(s);
    CHECK_STR(t, s = redact(r, "a\0b", 3), "a\\0b"); free(s);
    /* back to back, at the very end, and a near miss */
    CHECK_STR(t, s = redact(r, "s3cr/et\"toks3cr/et\"tok", (size_t)-1), "[REDACTED][REDACTED]"); free(s);
    CHECK_STR(t, s = redact(r, "tail s3cr/et\"to", (size_t)-1), "tail s3cr/et\"to"); free(s);
    /* every encoding a server or a JSON encoder may give it */
    static const struct { const char *in, *out; } enc[] = {
        /* percent-encoded: upper or lower case hex, every byte or only some */
        { "q=s3cr%2fet%22tok&", "q=[REDACTED]&" },
        { "%73%33%63%72%2F%65%74%22%74%6F%6B", "[REDACTED]" },
        { "%73%33%63%72%2f%65%74%22%74%6f%6b", "[REDACTED]" },
        { "s%33cr%2Fe%74\"t%6Fk", "[REDACTED]" },
        /* JSON \u00XX escapes, any case, mixed with literal characters */
        { "\"\\u0073\\u0033\\u0063\\u0072\\u002f\\u0065\\u0074\\u0022\\u0074\\u006f\\u006b\"", "\"[REDACTED]\"" },
        { "\"\\u0073\\u0033\\u0063\\u0072\\u002F\\u0065\\u0074\\u0022\\u0074\\u006F\\u006B\"", "\"[REDACTED]\"" },
        { "\"s3cr\\u002Fet\\u0022tok\"", "\"[REDACTED]\"" },
        { "\"s3cr/et\\\"tok\"", "\"[REDACTED]\"" },
        { "\"s3cr\\/et\\u0022tok\"", "\"[REDACTED]\"" },
        /* near misses: not the token, left alone */
        { "s3cr%2Get%22tok", "s3cr%2Get%22tok" },          /* bad hex */
        { "s3cr%2fet%22toX", "s3cr%2fet%22toX" },          /* last byte differs */
        { "s3cr%2et%22tok", "s3cr%2et%22tok" },            /* "%2e" is '.', not '/' */
        { "s3cr\\u002get\"tok", "s3cr\\u002get\"tok" },    /* bad \u escape */
        { "s3cr\\u02Fet\"tok", "s3cr\\u02Fet\"tok" },      /* short \u escape */
        { "s3cr\\tet\"tok", "s3cr\\tet\"tok" },            /* a tab, not '/' */
        { "S3CR/ET\"TOK", "S3CR/ET\"TOK" },                /* the token is case-sensitive */
        /* a member name in a JSON Pointer: "~1" for '/' */
        { "/campaign/s3cr~1et\"tok", "/campaign/[REDACTED]" },
        { "/campaign/s3cr~0et\"tok", "/campaign/s3cr~0et\"tok" },  /* "~0" is '~' */
        /* a value cut for display: any prefix before "..." */
        { "got \"s3cr\\/e...\"", "got \"[REDACTED]...\"" },
        { "got \"s3cr%2F...\"", "got \"[REDACTED]...\"" },
        { "got \"xs3c...\"", "got \"x[REDACTED]...\"" },
        { "got \"xs...\"", "got \"x[REDACTED]...\"" },
        { "got \"s3cr/xx...\"", "got \"s3cr/xx...\"" },    /* not a prefix */
    };
    for (size_t i = 0; i < sizeof enc / sizeof *enc; i++) {
        CHECK_STR(t, s = redact(r, enc[i].in, (size_t)-1), enc[i].out);
        free(s);
    }
    /* a text cut at its bound without a mark: a prefix that ends it is
     * masked only when the text fills the bound */
    CHECK_STR(t, s = redact_cut(r, "abc s3", 7), "abc [REDACTED]"); free(s);
    CHECK_STR(t, s = redact_cut(r, "abc s3", 10), "abc [REDACTED]"); free(s);
    CHECK_STR(t, s = redact_cut(r, "abc s3", 11), "abc s3"); free(s);
    CHECK_STR(t, s = redact_cut(r, "abc s3cr\\/e", 13), "abc [REDACTED]"); free(s);
    CHECK_STR(t, s = redact_cut(r, "abc s3x", 7), "abc s3x"); free(s);
    CHECK_STR(t, s = redact(r, "abc s3", (size_t)-1), "abc s3"); free(s);
    CHECK(t, redact_contains(r, "x s3cr%2fet\\u0022tok y", strlen("x s3cr%2fet\\u0022tok y")));
    CHECK(t, !redact_contains(r, "x s3cr%2fet\\u0022to", strlen("x s3cr%2fet\\u0022to")));
    CHECK(t, !redact_contains(NULL, "s3cr/et\"tok", 11));
    /* a secret holding '%' and '\\': the literal and the escaped forms */
    redactor *q = redactor_new("a%b\\c");
    CHECK_STR(t, s = redact(q, "[a%b\\c]", (size_t)-1), "[[REDACTED]]"); free(s);
    CHECK_STR(t, s = redact(q, "[a%25b%5Cc]", (size_t)-1), "[[REDACTED]]"); free(s);
    CHECK_STR(t, s = redact(q, "[a%b\\\\c]", (size_t)-1), "[[REDACTED]]"); free(s);
    CHECK_STR(t, s = redact(q, "[a%b\\\\d]", (size_t)-1), "[a%b\\\\d]"); free(s);
    redactor_free(q);
    /* a finding quotes a long value: masked first, then cut, so the cut
     * (at 200 bytes) never leaves the token's first bytes behind */
    for (size_t at = 180; at <= 200; at++) {
        char body[600];
        memset(body, 0, sizeof body);
        memcpy(body, "{\"v\":\"", 6);
        memset(body + 6, 'x', 400);
        memcpy(body + 6 + at, "s3cr\\/et\\\"tok", 13);
        memcpy(body + 406, "\"}", 3);
        cJSON *a = cJSON_Parse("{\"pointer\": \"/v\", \"equals\": 1}"), *b = cJSON_Parse(body);
        ct_step_result res;
        memset(&res, 0, sizeof res);
        expect_ctx ex = { r, NULL, NULL };
        expect_body(&ex, a, b, &res);
        CHECK(t, res.ndetails == 1);
        char *d = res.ndetails ? redact(r, res.details[0], (size_t)-1) : NULL;
        CHECK_MSG(t, d && !strstr(d, "xs"), "cut at %zu: %s", at, d ? d : "(none)");
        free(d);
        for (size_t i = 0; i < res.ndetails; i++) free(res.details[i]);
        free(res.details);
        cJSON_Delete(a);
        cJSON_Delete(b);
    }
    redactor_free(r);
    r = redactor_new(NULL);
    CHECK_STR(t, s = redact(r, "plain", (size_t)-1), "plain"); free(s);
    redactor_free(r);
}

/* --live: which hosts count as loopback (no traffic: only "localhost"
 * is resolved) */
static void test_loopback(struct check *t)
{
    static const char *yes[] = { "127.0.0.1", "127.255.255.254", "127.0.0.0", "::1", "[::1]",
                                 "0:0:0:0:0:0:0:1", "localhost", "LocalHost" };
    static const char *no[] = { "127.0.0.1.example.com", "127.example", "127.", "1.2.3.4", "128.0.0.1",
                                "0x7f.0.0.1", "127.1", "0177.0.0.1", "017700000001", "::ffff:127.0.0.1",
                                "[::ffff:127.0.0.1]", "::", "[::1", "::1]", "[]", "", "localhost.example.com",
                                "127.0.0.1 ", " 127.0.0.1", "127.0.0.256" };
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        CHECK_MSG(t, ct_host_is_loopback(yes[i]) == 1, "%s should be loopback", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        CHECK_MSG(t, ct_host_is_loopback(no[i]) == 0, "%s should not be loopback", no[i]);
    CHECK(t, ct_host_is_loopback(NULL) == 0);
}

static void test_pointer(struct check *t)
{
    cJSON *doc = cJSON_Parse("{\"a/b\": {\"m~n\": [10, 20]}, \"\": 1, \"list\": [0, 1, 2]}");
    CHECK(t, ct_pointer_get(doc, "") == doc);
    CHECK_INT(t, ct_pointer_get(doc, "/a~1b/m~0n/1")->valueint, 20);
    CHECK_INT(t, ct_pointer_get(doc, "/")->valueint, 1);
    CHECK(t, ct_pointer_get(doc, "/list/01") == NULL);
    CHECK(t, ct_pointer_get(doc, "/list/3") == NULL);
    CHECK(t, ct_pointer_get(doc, "/list/-") == NULL);
    CHECK(t, ct_pointer_get(doc, "nope") == NULL);
    CHECK(t, ct_pointer_get(NULL, "") == NULL && ct_pointer_get(doc, NULL) == NULL);
    cJSON_Delete(doc);
}

/* The reports' escaping: ' as a reference, control bytes and DEL as
 * U+FFFD, CR kept in text; in attributes newline, tab, CR as references;
 * a cut between characters, marked. */
static void test_report_escape(struct check *t)
{
    strbuf b = { 0 };
    sb_xml_escape(&b, "it's <\x01\x7f\r\n>", 0);
    CHECK_STR(t, b.data, "it&#39;s &lt;\xEF\xBF\xBD\xEF\xBF\xBD\r\n&gt;");
    sb_free(&b);
    sb_xml_attr(&b, "a\nb\tc\rd'", 0);
    CHECK_STR(t, b.data, "a&#10;b&#9;c&#13;d&#39;");
    sb_free(&b);
    sb_xml_escape(&b, "abcdef", 6);
    CHECK_STR(t, b.data, "abcdef");
    sb_free(&b);
    sb_xml_escape(&b, "abcdef", 5);
    CHECK_STR(t, b.data, "abcde\n... (truncated, 6 bytes in all)");
    sb_free(&b);
    sb_xml_attr(&b, "abcdef", 5);
    CHECK_STR(t, b.data, "abcde&#10;... (truncated, 6 bytes in all)");
    sb_free(&b);
    sb_xml_escape(&b, "a\xC3\xA9", 2);
    CHECK_STR(t, b.data, "a\n... (truncated, 3 bytes in all)");
    sb_free(&b);
    sb_xml_escape(&b, NULL, 0);
    CHECK(t, b.data == NULL);
}

static int findings(const char *assertion, const char *body)
{
    cJSON *a = cJSON_Parse(assertion), *b = cJSON_Parse(body);
    ct_step_result res;
    memset(&res, 0, sizeof res);
    expect_ctx ex = { NULL, NULL, NULL };
    int n = expect_body(&ex, a, b, &res);
    for (size_t i = 0; i < res.ndetails; i++) free(res.details[i]);
    free(res.details);
    cJSON_Delete(a);
    cJSON_Delete(b);
    return n;
}

static void test_expect(struct check *t)
{
    const char *body = "{\"c\": {\"name\": \"\xc3\xa9t\xc3\xa9\", \"n\": 4500.004, \"k\": 3, \"tags\": [\"a\", {\"x\": 1}],"
                       " \"buys\": [{\"s\": \"ACTIVE\"}, {\"s\": \"PAUSED\"}]}}";
    CHECK_INT(t, findings("{\"pointer\": \"/c/name\", \"equals\": \"\xc3\xa9t\xc3\xa9\", \"length\": 3, \"type\": \"string\"}", body), 0);
    CHECK_INT(t, findings("{\"pointer\": \"/c/name\", \"length\": 5}", body), 1);
    CHECK_INT(t, findings("{\"pointer\": \"/c/n\", \"approx\": {\"value\": 4500, \"tolerance\": 0.01}, \"gt\": 4000, \"le\": \"4501\"}", body), 0);
    CHECK_INT(t, findings("{\"pointer\": \"/c/n\", \"approx\": {\"value\": 4500, \"tolerance\": 0.001}}", body), 1);
    CHECK_INT(t, findings("{\"pointer\": \"/c/k\", \"type\": \"integer\", \"notEquals\": 4, \"lt\": 4, \"ge\": 3}", body), 0);
    CHECK_INT(t, findings("{\"pointer\": \"/c/n\", \"type\": \"integer\"}", body), 1);
    CHECK_INT(t, findings("{\"pointer\": \"/c/k\", \"type\": [\"string\", \"number\"]}", body), 0);
    CHECK_INT(t, findings("{\"pointer\": \"/c/tags\", \"contains\": {\"x\": 1}, \"length\": 2}", body), 0);
    CHECK_INT(t, findings("{\"pointer\": \"/c/tags\", \"contains\": \"b\"}", body), 1);
    CHECK_INT(t, findings("{\"pointer\": \"/c\", \"contains\": \"buys\"}", body), 0);
    CHECK_INT(t, findings("{\"pointer\": \"/c/name\", \"matches\": \"^\\\\w?t\"}", body), 1);   /* \w is not é */
    CHECK_INT(t, findings("{\"pointer\": \"/c/name\", \"matches\": \"t\\u00e9$\"}", body), 0);
    CHECK_INT(t, findings("{\"pointer\": \"/c/missing\", \"absent\": true}", body), 0);
    CHECK_INT(t, findings("{\"pointer\": \"/c/k\", \"exists\": false}", body), 1);
    CHECK_INT(t, findings("{\"pointer\": \"/c/buys\", \"each\": {\"pointer\": \"/s\", \"matches\": \"^(ACTIVE|PAUSED)$\"}}", body), 0);
    CHECK_INT(t, findings("{\"pointer\": \"/c/buys\", \"each\": {\"pointer\": \"/s\", \"equals\": \"ACTIVE\"}}", body), 1);
    CHECK_INT(t, findings("{\"pointer\": \"/c/buys\", \"some\": {\"pointer\": \"/s\", \"equals\": \"PAUSED\"}}", body), 0);
    CHECK_INT(t, findings("{\"pointer\": \"/c/buys\", \"some\": {\"pointer\": \"/s\", \"equals\": \"DRAFT\"}}", body), 1);
    CHECK_INT(t, findings("{\"pointer\": \"/c/k\", \"each\": {\"exists\": true}}", body), 1);
}

/* The one finding of assertion on body (parsed strictly, as a response
 * body is: numbers keep their text), or "(not one finding)". */
static char one_detail[1024];
static const char *detail_of(const char *assertion, const char *body)
{
    cJSON *a = cJSON_Parse(assertion);
    json_error e;
    json_doc *b = json_parse(body, strlen(body), NULL, NULL, &e);
    ct_step_result res;
    memset(&res, 0, sizeof res);
    expect_ctx ex = { NULL, NULL, NULL };
    expect_body(&ex, a, b ? b->root : NULL, &res);
    snprintf(one_detail, sizeof one_detail, "%s", res.ndetails == 1 ? res.details[0] : "(not one finding)");
    for (size_t i = 0; i < res.ndetails; i++) free(res.details[i]);
    free(res.details);
    cJSON_Delete(a);
    json_doc_free(b);
    return one_detail;
}

/* A finding shows the response's numbers as written and cuts a long
 * value (at 197 bytes of its JSON text, then "...") on a character
 * boundary. */
static void test_finding_text(struct check *t)
{
    static const struct { const char *body, *detail; } nums[] = {
        { "{\"n\":9007199254740993}", "/n: expected 1, got 9007199254740993" },
        { "{\"n\":9007199254740991}", "/n: expected 1, got 9007199254740991" },
        { "{\"n\":[-9007199254740993,1.00000000000000000000001]}",
          "/n: expected 1, got [-9007199254740993,1.00000000000000000000001]" },
    };
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
        CHECK_STR(t, detail_of("{\"pointer\":\"/n\",\"equals\":1}", nums[i].body), nums[i].detail);
    static const struct { size_t fill; const char *tail; size_t kept; } cuts[] = {
        { 195, "\xe2\x82\xac" "bbbbbb", 195 },        /* across the cut */
        { 194, "\xf0\x9f\x98\x80" "bbbbbb", 194 },
        { 193, "\xe2\x82\xac" "bbbbbb", 196 },        /* ending at it */
        { 192, "\xf0\x9f\x98\x80" "bbbbbb", 196 },
        { 196, "\xf0\x9f\x98\x80" "bbbbbb", 196 },    /* starting at it */
    };
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        char v[256], body[300], want[300];
        memset(v, 'a', cuts[i].fill);
        strcpy(v + cuts[i].fill, cuts[i].tail);
        snprintf(body, sizeof body, "{\"s\":\"%s\"}", v);
        snprintf(want, sizeof want, "/s: expected \"x\", got \"%.*s...", (int)cuts[i].kept, v);
        CHECK_STR(t, detail_of("{\"pointer\":\"/s\",\"equals\":\"x\"}", body), want);
    }
    /* a matches assertion PCRE2 cannot finish says so */
    const char *d = detail_of("{\"pointer\":\"/s\",\"matches\":\"^(a|a)*b$\"}",
                              "{\"s\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!b\"}");
    CHECK_MSG(t, strstr(d, "/s: could not decide whether the value matches \"^(a|a)*b$\" "
                           "(the regex could not be evaluated: match limit exceeded)") != NULL, "%s", d);
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* A server-chosen subject cannot stretch a `matches` out: PCRE2's match
 * limit counts per start position, so [a-z]{2,}\d over 300 KB of letters
 * searches for minutes (6 s at 100 KB) unless the deadline stops it.
 * The run's budget is shared: once spent, every search is undecided at
 * once.  (The bound asserted is a hang check, an order of magnitude
 * above the budget, not a timing.) */
static void test_regex_bound(struct check *t)
{
    size_t n = 300000;
    char *subject = malloc(n + 1);
    memset(subject, 'a', n);
    subject[n] = 0;
    static const char slow[] = "[a-z]{2,}\\d";
    char err[200];
    ct_regex_budget b;
    ct_regex_budget_init(&b, 300);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    CHECK_INT(t, ct_regex_search(&b, slow, strlen(slow), subject, n, err, sizeof err), CT_REGEX_UNDECIDED);
    CHECK_MSG(t, seconds_since(&t0) < 5.0, "the search ran %.1f s past a 0.3 s budget", seconds_since(&t0));
    CHECK_MSG(t, strstr(err, "the search reached its time limit: 2 s a search") != NULL, "%s", err);
    CHECK_INT(t, (int)atomic_load(&b.left_ns), 0);
    /* spent: even a trivial search is undecided now, and costs nothing */
    CHECK_INT(t, ct_regex_search(&b, "a", 1, "a", 1, err, sizeof err), CT_REGEX_UNDECIDED);
    /* without a run budget the search's own bound (2 s) stops it */
    clock_gettime(CLOCK_MONOTONIC, &t0);
    CHECK_INT(t, ct_regex_search(NULL, slow, strlen(slow), subject, n, err, sizeof err), CT_REGEX_UNDECIDED);
    CHECK_MSG(t, seconds_since(&t0) < 20.0, "the search ran %.1f s past its 2 s bound", seconds_since(&t0));
    /* the same subject is decided when the pattern allows it */
    ct_regex_budget_init(&b, 10000);
    CHECK_INT(t, ct_regex_search(&b, "a{5}$", 5, subject, n, err, sizeof err), CT_REGEX_MATCH);
    CHECK_INT(t, ct_regex_search(&b, "b", 1, subject, n, err, sizeof err), CT_REGEX_NO_MATCH);
    CHECK(t, atomic_load(&b.left_ns) > 0);
    free(subject);

    /* option-setting items still open the pattern; U+0000 in both */
    CHECK_INT(t, ct_regex_search(&b, "(*UTF)(*LIMIT_MATCH=1000)^x\x00y$", 28, "x\0y", 3, err, sizeof err),
              CT_REGEX_MATCH);
    CHECK_INT(t, ct_regex_search(&b, "(*LIMIT_MATCH=10)^(a|a)*b$", 26, "aaaaaaaaaaaaaaaaaaaa!b", 22, err, sizeof err),
              CT_REGEX_UNDECIDED);
    CHECK_MSG(t, strstr(err, "match limit exceeded") != NULL, "%s", err);
    /* errors at the offsets the author wrote: the callout is not counted */
    CHECK_INT(t, ct_regex_search(&b, "ab(", 3, "ab", 2, err, sizeof err), CT_REGEX_INVALID);
    CHECK_STR(t, err, "invalid regex at offset 3: missing closing parenthesis");
    CHECK_INT(t, ct_regex_search(&b, "(*UTF)a)", 8, "a", 1, err, sizeof err), CT_REGEX_INVALID);
    CHECK_STR(t, err, "invalid regex at offset 7: unmatched closing parenthesis");
    /* a pattern with callouts of its own keeps them harmless */
    CHECK_INT(t, ct_regex_search(&b, "a(?C2)b", 7, "xab", 3, err, sizeof err), CT_REGEX_MATCH);
}

/* An undecided `matches` is counted apart from the failures; each/some
 * are undecided only when undecided items are all that stand between
 * them and a verdict. */
static void test_undecided_assertions(struct check *t)
{
    static const struct { const char *assertion; int findings; size_t undecided; } rows[] = {
        { "{\"pointer\":\"/s\",\"matches\":\"^(a|a)*b$\"}", 1, 1 },
        { "{\"pointer\":\"/s\",\"matches\":\"^(a|a)*b$\",\"equals\":\"x\"}", 2, 1 },
        { "{\"pointer\":\"/s\",\"matches\":\"^a+!b$\"}", 0, 0 },
        { "{\"pointer\":\"/l\",\"each\":{\"matches\":\"^(a|a)*b$|^x$\"}}", 1, 1 },
        /* one item fails for sure: each fails whatever the undecided one says */
        { "{\"pointer\":\"/l\",\"each\":{\"matches\":\"^(a|a)*!$\"}}", 1, 0 },
        { "{\"pointer\":\"/l\",\"some\":{\"matches\":\"^(a|a)*b$\"}}", 1, 1 },
        /* one item holds: some holds */
        { "{\"pointer\":\"/l\",\"some\":{\"matches\":\"^x|^(a|a)*b$\"}}", 0, 0 },
        { "{\"pointer\":\"/l\",\"some\":{\"equals\":\"nothing\"}}", 1, 0 },
    };
    const char *body = "{\"s\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!b\","
                       "\"l\":[\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!b\",\"x\"]}";
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        cJSON *a = cJSON_Parse(rows[i].assertion), *b = cJSON_Parse(body);
        ct_step_result res;
        memset(&res, 0, sizeof res);
        size_t open = 0;
        expect_ctx ex = { NULL, NULL, &open };
        int n = expect_body(&ex, a, b, &res);
        CHECK_MSG(t, n == rows[i].findings && open == rows[i].undecided, "%s: %d findings, %zu undecided%s%s",
                  rows[i].assertion, n, open, res.ndetails ? ": " : "", res.ndetails ? res.details[0] : "");
        for (size_t d = 0; d < res.ndetails; d++) free(res.details[d]);
        free(res.details);
        cJSON_Delete(a);
        cJSON_Delete(b);
    }
}
/* JSON text for U+0000. */
#define NUL "\\u0000"

/* findings() as a step runs them: the assertion expanded from the parsed
 * case (the runner's text), the body parsed strictly and read as a copy
 * in the same form (step_run.c). */
static int findings_read(const char *assertion, const char *body)
{
    json_error e;
    json_doc *a = json_parse(assertion, strlen(assertion), NULL, NULL, &e);
    json_doc *b = json_parse(body, strlen(body), NULL, NULL, &e);
    ct_vars *v = ct_vars_new("id", T0);
    char err[256];
    cJSON *ax = a && v ? ct_vars_expand_json(v, a->root, err, sizeof err) : NULL;
    cJSON *seen = b ? json_copy(b->root) : NULL;
    ct_step_result res;
    memset(&res, 0, sizeof res);
    expect_ctx ex = { NULL, NULL, NULL };
    int n = ax && seen ? expect_body(&ex, ax, seen, &res) : -1;
    for (size_t i = 0; i < res.ndetails; i++) free(res.details[i]);
    free(res.details);
    cJSON_Delete(ax);
    cJSON_Delete(seen);
    ct_vars_free(v);
    json_doc_free(a);
    json_doc_free(b);
    return n;
}

/* Names and strings holding U+0000 stay whole from the case file to the
 * request sent, and in the assertions on a response: "name\u0000x" is
 * never read as name. */
static void test_whole_names(struct check *t)
{
    static const struct { const char *assertion; int findings; } cases[] = {
        { "{\"pointer\": \"/c/name\", \"equals\": \"ok\"}", 0 },
        { "{\"pointer\": \"/c/name" NUL "x\", \"equals\": \"long\"}", 0 },
        { "{\"pointer\": \"/c/name" NUL "\", \"absent\": true}", 0 },
        { "{\"pointer\": \"/c/s\", \"equals\": \"a" NUL "b\", \"length\": 3}", 0 },
        { "{\"pointer\": \"/c/s\", \"equals\": \"a\"}", 1 },
        { "{\"pointer\": \"/c/s\", \"matches\": \"^a" NUL "b$\"}", 0 },
        { "{\"pointer\": \"/c/s\", \"matches\": \"^a$\"}", 1 },
        { "{\"pointer\": \"/c/s\", \"contains\": \"" NUL "b\"}", 0 },
        { "{\"pointer\": \"/o\", \"contains\": \"name\"}", 1 },
        { "{\"pointer\": \"/o\", \"contains\": \"name" NUL "x\"}", 0 },
        { "{\"pointer\": \"/o\", \"equals\": {\"name" NUL "x\": 1}}", 0 },
        { "{\"pointer\": \"/o\", \"equals\": {\"name\": 1}}", 1 },
    };
    const char *body = "{\"c\": {\"name" NUL "x\": \"long\", \"name\": \"ok\", \"s\": \"a" NUL "b\"},"
                       " \"o\": {\"name" NUL "x\": 1}}";
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_MSG(t, findings_read(cases[i].assertion, body) == cases[i].findings, "%s", cases[i].assertion);

    /* a case's body: expanded whole, sent with \u0000 back in place */
    const char *text = "{\"name" NUL "x\": \"a" NUL "b ${v}\", \"k\": \"${v}\", \"w\": \"${w}\"}";
    json_error e;
    json_doc *d = json_parse(text, strlen(text), NULL, NULL, &e);
    ct_vars *v = ct_vars_new("id", T0);
    const char *response = "{\"w\":\"c" NUL "d\"}";
    json_doc *resp = json_parse(response, strlen(response), NULL, NULL, &e);
    cJSON *captured = resp ? json_copy(json_member(resp->root, "w")) : NULL;
    cJSON *val = cJSON_CreateString("v1");
    CHECK_INT(t, ct_vars_set(v, "v", val), 0);
    CHECK_INT(t, ct_vars_set(v, "w", captured), 0);
    char err[256];
    cJSON *x = d ? ct_vars_expand_json(v, d->root, err, sizeof err) : NULL;
    char *sent = x ? json_print(x) : NULL;
    CHECK_STR(t, sent, "{\"name" NUL "x\":\"a" NUL "b v1\",\"k\":\"v1\",\"w\":\"c" NUL "d\"}");
    free(sent);
    cJSON_Delete(x);
    cJSON_Delete(val);
    cJSON_Delete(captured);
    ct_vars_free(v);
    json_doc_free(resp);
    json_doc_free(d);
}
#undef NUL

int main(void)
{
    struct check t = { 0, 0, "runner_vars" };
    test_vars(&t);
    test_redact(&t);
    test_loopback(&t);
    test_pointer(&t);
    test_report_escape(&t);
    test_expect(&t);
    test_finding_text(&t);
    test_regex_bound(&t);
    test_undecided_assertions(&t);
    test_whole_names(&t);
    return check_done(&t);
}
