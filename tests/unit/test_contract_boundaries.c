/* test_contract_boundaries.c - every documented constraint a body check can
 * show, checked on both sides of its boundary through contract_check().
 *
 * Each case takes a valid example from examples/, changes exactly one value
 * (replaces, adds or removes the member at one JSON Pointer), reads the
 * result as the tools do (strict parser, exact number text) and checks the
 * verdict and, for a broken body, every finding: its JSON Pointer and its
 * schema keyword or rule ID.  A valid case must produce no finding at all,
 * an invalid one exactly the findings listed, so a constraint enforced at
 * the wrong place or twice shows up too.  The Test column of
 * docs/contract.md names the functions below (row IDs in their comments).
 *
 * Run from the project root (make test does): the examples are read from
 * examples/ and the contract from schemas/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "campaign/contract.h"
#include "campaign/json_parse.h"

static struct check T = { 0, 0, "test_contract_boundaries" };

/* What every test needs: the contract as the tools load it, the same
 * contract compiled with unknown-member reporting (campaign-lint --strict),
 * one report, and the message of the last case's first finding. */
struct bctx {
    const contract *c;
    const contract *strict;
    contract_report *r;
    char message[512];
};

/* ---- building bodies ------------------------------------------------------ */

static cJSON *load_example(const char *file)
{
    char path[256];
    size_t len = 0;
    snprintf(path, sizeof path, "examples/%s", file);
    char *text = jsv_read_file(path, &len);
    cJSON *doc = text ? cJSON_ParseWithLength(text, len) : NULL;
    free(text);
    if (!doc)
        fprintf(stderr, "cannot read %s\n", path);
    return doc;
}

/* "campaign-response.active.json" -> "campaign-response" */
static void body_name(const char *file, char *out, size_t size)
{
    snprintf(out, size, "%s", file);
    char *dot = strchr(out, '.');
    if (dot)
        *dot = '\0';
}

/* Copy the next reference token of pointer p (after its '/') into tok,
 * unescaping ~1 and ~0; returns the rest of the pointer. */
static const char *next_token(const char *p, char *tok, size_t size)
{
    size_t n = 0;
    for (p++; *p && *p != '/'; p++) {
        char ch = *p;
        if (ch == '~' && (p[1] == '0' || p[1] == '1'))
            ch = *++p == '0' ? '~' : '/';
        if (n + 1 < size)
            tok[n++] = ch;
    }
    tok[n] = '\0';
    return p;
}

static cJSON *child(cJSON *v, const char *tok)
{
    if (cJSON_IsObject(v))
        return cJSON_GetObjectItemCaseSensitive(v, tok);
    if (cJSON_IsArray(v)) {
        char *end;
        long i = strtol(tok, &end, 10);
        return *tok && !*end && i >= 0 ? cJSON_GetArrayItem(v, (int)i) : NULL;
    }
    return NULL;
}

/* Put value (owned; NULL = remove) at pointer inside root: replace the
 * member or element there, add a missing member, or append to an array
 * when the last token is "-" or the array's length.  0, or -1 when the
 * parent does not exist (value is freed). */
static int put(cJSON *root, const char *pointer, cJSON *value)
{
    char tok[256];
    cJSON *parent = root;
    const char *p = pointer;
    if (!*p) {
        cJSON_Delete(value);
        return -1;
    }
    for (;;) {
        p = next_token(p, tok, sizeof tok);
        if (!*p)
            break;
        if (!(parent = child(parent, tok))) {
            cJSON_Delete(value);
            return -1;
        }
    }
    if (cJSON_IsObject(parent)) {
        if (!value) {
            cJSON *old = cJSON_DetachItemFromObjectCaseSensitive(parent, tok);
            cJSON_Delete(old);
            return old ? 0 : -1;
        }
        if (cJSON_GetObjectItemCaseSensitive(parent, tok))
            return cJSON_ReplaceItemInObjectCaseSensitive(parent, tok, value) ? 0 : -1;
        return cJSON_AddItemToObject(parent, tok, value) ? 0 : -1;
    }
    if (cJSON_IsArray(parent)) {
        int size = cJSON_GetArraySize(parent);
        long i = strcmp(tok, "-") == 0 ? size : strtol(tok, NULL, 10);
        if (!value) {
            if (i < 0 || i >= size)
                return -1;
            cJSON_DeleteItemFromArray(parent, (int)i);
            return 0;
        }
        if (i == size)
            return cJSON_AddItemToArray(parent, value) ? 0 : -1;
        if (i >= 0 && i < size)
            return cJSON_ReplaceItemInArray(parent, (int)i, value) ? 0 : -1;
    }
    cJSON_Delete(value);
    return -1;
}

/* JSON text -> node printed verbatim, so numbers keep their exact text
 * (9007199254740991.0, 1e-2) when the body is printed and parsed again;
 * NULL text stays NULL (removal). */
static cJSON *J(const char *json)
{
    return json ? cJSON_CreateRaw(json) : NULL;
}

/* A string of n code points cycling through 1-, 2-, 3- and 4-byte UTF-8
 * sequences ("a", "é", "€", U+1F600), so a length counted in bytes or
 * UTF-16 units would be larger than n. */
static cJSON *text_cp(int n)
{
    static const char *const units[] = { "a", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80" };
    char *s = malloc((size_t)n * 4 + 1), *w = s;
    if (!s)
        return NULL;
    for (int i = 0; i < n; i++) {
        size_t len = strlen(units[i % 4]);
        memcpy(w, units[i % 4], len);
        w += len;
    }
    *w = '\0';
    cJSON *v = cJSON_CreateString(s);
    free(s);
    return v;
}

/* A string of unit repeated n times. */
static cJSON *repeat(const char *unit, int n)
{
    size_t len = strlen(unit);
    char *s = malloc(len * (size_t)n + 1);
    if (!s)
        return NULL;
    for (int i = 0; i < n; i++)
        memcpy(s + len * (size_t)i, unit, len);
    s[len * (size_t)n] = '\0';
    cJSON *v = cJSON_CreateString(s);
    free(s);
    return v;
}

/* prefix followed by fill up to n characters in all (ASCII). */
static cJSON *padded(const char *prefix, char fill, int n)
{
    char *s = malloc((size_t)n + 1);
    if (!s)
        return NULL;
    int len = (int)strlen(prefix);
    memcpy(s, prefix, (size_t)(len < n ? len : n));
    for (int i = len; i < n; i++)
        s[i] = fill;
    s[n] = '\0';
    cJSON *v = cJSON_CreateString(s);
    free(s);
    return v;
}

/* An array of n items; fmt is the JSON of one item, %d replaced by its index. */
static cJSON *array_of(const char *fmt, int n)
{
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; a && i < n; i++) {
        char item[1024];
        snprintf(item, sizeof item, fmt, i);
        cJSON *v = cJSON_Parse(item);
        if (!v) {
            fprintf(stderr, "bad item JSON in test: %s\n", item);
            break;
        }
        cJSON_AddItemToArray(a, v);
    }
    return a;
}

/* n one-day weight-mode pacing periods from 2026-05-01 on (n <= 61: the
 * flight of campaign-create-request.full.json, May and June 2026). */
static cJSON *one_day_periods(int n)
{
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; a && i < n; i++) {
        char item[160];
        int month = i < 31 ? 5 : 6, day = i < 31 ? i + 1 : i - 30;
        snprintf(item, sizeof item,
                 "{\"label\":\"Day %d\",\"start\":\"2026-%02d-%02d\",\"end\":\"2026-%02d-%02d\",\"weight\":1}",
                 i + 1, month, day, month, day);
        cJSON_AddItemToArray(a, cJSON_Parse(item));
    }
    return a;
}

/* ---- checking -------------------------------------------------------------- */

/* Check body as the tools do: print it, parse the text with the strict
 * parser (duplicates rejected, exact number text kept) and run
 * contract_check on the result.  Returns the verdict, or -2 when the text
 * does not parse (a broken test value). */
static int check_body(const contract *c, const char *name, const cJSON *body, contract_report *r)
{
    json_parse_opts opts = { JSON_PARSE_REJECT_DUPLICATES, 0 };
    json_error err;
    char *text = cJSON_PrintUnformatted(body);
    json_doc *doc = text ? json_parse(text, strlen(text), &opts, NULL, &err) : NULL;
    int verdict = -2;
    if (doc)
        verdict = contract_check(c, name, doc->root, 0, r);
    else
        fprintf(stderr, "    test body does not parse (%s): %.200s\n", text ? err.message : "print failed",
                text ? text : "");
    json_doc_free(doc);
    free(text);
    return verdict;
}

struct want { const char *pointer, *id; };

static void dump(const contract_report *r)
{
    for (size_t i = 0; i < contract_report_count(r); i++) {
        const contract_finding *f = contract_report_get(r, i);
        fprintf(stderr, "    found: \"%s\" [%s] %s\n", f->pointer, f->id, f->message);
    }
}

/* The case: example with value (owned, NULL = removed) at pointer (NULL =
 * unchanged, "" = the whole body replaced by value).  nwant 0: the body
 * must keep the contract with no finding; otherwise it must break it with
 * exactly the nwant findings listed. */
static void expect(struct bctx *x, const char *example, const char *pointer, cJSON *value,
                   const struct want *want, size_t nwant, int line)
{
    char name[128];
    cJSON *body = load_example(example);
    body_name(example, name, sizeof name);
    x->message[0] = '\0';
    if (!body) {
        cJSON_Delete(value);
        CHECK_MSG(&T, 0, "line %d: cannot load %s", line, example);
        return;
    }
    if (pointer && !*pointer && value) { /* the whole body replaced */
        cJSON_Delete(body);
        body = value;
    } else if (pointer && put(body, pointer, value) != 0) {
        CHECK_MSG(&T, 0, "line %d: %s has no parent for %s", line, example, pointer);
        cJSON_Delete(body);
        return;
    }
    contract_report_clear(x->r);
    int verdict = check_body(x->c, name, body, x->r);
    size_t count = contract_report_count(x->r);
    int ok = verdict == (nwant ? 0 : 1) && count == nwant;
    for (size_t i = 0; ok && i < nwant; i++) {
        int seen = 0;
        for (size_t k = 0; k < count && !seen; k++) {
            const contract_finding *f = contract_report_get(x->r, k);
            seen = strcmp(f->pointer, want[i].pointer) == 0 && strcmp(f->id, want[i].id) == 0;
        }
        ok = seen;
    }
    if (count)
        snprintf(x->message, sizeof x->message, "%s", contract_report_get(x->r, 0)->message);
    CHECK_MSG(&T, ok, "line %d: %s%s%s: verdict %d with %zu finding(s), want %s%s%s%s",
              line, example, pointer ? " changed at " : "", pointer ? pointer : "", verdict, count,
              nwant ? "\"" : "no finding", nwant ? want[0].pointer : "", nwant ? "\" " : "",
              nwant ? want[0].id : "");
    if (!ok)
        dump(x->r);
    cJSON_Delete(body);
}

/* The member at pointer is one no schema declares: the contract accepts it
 * (open objects) and the strict contract reports it as unknownProperty. */
static void expect_unknown(struct bctx *x, const char *example, const char *pointer,
                           const char *json, int line)
{
    char name[128];
    cJSON *body = load_example(example);
    body_name(example, name, sizeof name);
    if (!body || put(body, pointer, J(json)) != 0) {
        CHECK_MSG(&T, 0, "line %d: cannot build %s with %s", line, example, pointer);
        cJSON_Delete(body);
        return;
    }
    contract_report_clear(x->r);
    int open = check_body(x->c, name, body, x->r);
    CHECK_MSG(&T, open == 1 && contract_report_count(x->r) == 0,
              "line %d: %s with unknown %s should keep the contract", line, example, pointer);
    contract_report_clear(x->r);
    int strict = check_body(x->strict, name, body, x->r);
    int found = 0;
    for (size_t i = 0; i < contract_report_count(x->r); i++) {
        const contract_finding *f = contract_report_get(x->r, i);
        found |= strcmp(f->pointer, pointer) == 0 && strcmp(f->id, "unknownProperty") == 0;
    }
    CHECK_MSG(&T, strict == 0 && found && contract_report_count(x->r) == 1,
              "line %d: strict check of %s should report unknownProperty at %s", line, example, pointer);
    if (!found)
        dump(x->r);
    cJSON_Delete(body);
}

/* The example as it is passes the strict contract too: --strict never
 * reports a member the contract declares. */
static void expect_strict_clean(struct bctx *x, const char *example, int line)
{
    char name[128];
    cJSON *body = load_example(example);
    body_name(example, name, sizeof name);
    contract_report_clear(x->r);
    int verdict = body ? check_body(x->strict, name, body, x->r) : -2;
    CHECK_MSG(&T, verdict == 1 && contract_report_count(x->r) == 0,
              "line %d: strict check of %s: verdict %d with %zu finding(s), want none", line, example, verdict,
              contract_report_count(x->r));
    if (verdict != 1)
        dump(x->r);
    cJSON_Delete(body);
}

#define W(p, id) ((struct want){ (p), (id) })
/* the example itself keeps the contract */
#define BASE(ex) expect(x, (ex), NULL, NULL, NULL, 0, __LINE__)
/* the example with JSON (text; NULL removes the member) at PTR keeps it */
#define OK(ex, ptr, json) expect(x, (ex), (ptr), J(json), NULL, 0, __LINE__)
/* ... breaks it with exactly one finding: WPTR [WID] */
#define BAD(ex, ptr, json, wptr, wid) \
    expect(x, (ex), (ptr), J(json), (struct want[]){ W(wptr, wid) }, 1, __LINE__)
/* ... breaks it with exactly these two findings */
#define BAD2(ex, ptr, json, wp1, wid1, wp2, wid2) \
    expect(x, (ex), (ptr), J(json), (struct want[]){ W(wp1, wid1), W(wp2, wid2) }, 2, __LINE__)
/* the same with a node built by a helper (owned) */
#define OKN(ex, ptr, node) expect(x, (ex), (ptr), (node), NULL, 0, __LINE__)
#define BADN(ex, ptr, node, wptr, wid) \
    expect(x, (ex), (ptr), (node), (struct want[]){ W(wptr, wid) }, 1, __LINE__)
#define UNKNOWN(ex, ptr, json) expect_unknown(x, (ex), (ptr), (json), __LINE__)
#define STRICT_CLEAN(ex) expect_strict_clean(x, (ex), __LINE__)

/* example file names */
#define CREATE      "campaign-create-request.json"
#define CREATE_FULL "campaign-create-request.full.json"
#define CREATE_MAX  "campaign-create-request.at-limits.json"
#define CREATE_BUDG "campaign-create-request.routed-budget-pacing.json"
#define UPDATE      "campaign-update-request.json"
#define UPDATE_MBG  "campaign-update-request.media-buy-goals-and-products.json"
#define UPDATE_SET  "campaign-update-request.rename-and-settings.json"
#define UPDATE_PP   "campaign-update-request.append-pacing-periods.json"
#define UPDATE_BUD  "campaign-update-request.budget-reduction.json"
#define UPDATE_CRE  "campaign-update-request.creative-override.json"
#define UPDATE_EMPTY "campaign-update-request.empty.json"
#define EXECUTE     "campaign-execute-request.json"
#define RESP        "campaign-response.json"
#define RESP_ACTIVE "campaign-response.active.json"
#define RESP_MIN    "campaign-response.update-guide.json"
#define RESP_PL     "campaign-response.property-lists.json"
#define LIST        "campaign-list-response.json"
#define STATUS      "campaign-status-change-response.json"
#define STATUS_DBG  "campaign-status-change-response.debug.json"
#define ACCEPTED    "campaign-update-accepted-response.json"
#define MBSTATUS    "media-buy-status-response.json"
#define MBSTATUS_ERR "media-buy-status-response.agent-error.json"
#define ERROR       "error-response.json"

/* Campaign-level goal pointers in CREATE_FULL: goal 0 is an event goal,
 * goal 1 a metric goal. */
#define EG "/performanceConfig/optimizationGoals/0"
#define MG "/performanceConfig/optimizationGoals/1"
/* Media-buy-level goals in UPDATE_MBG: 0 event, 1 metric (reach), 2 vendor_metric. */
#define MBG_E "/mediaBuys/0/optimization_goals/0"
#define MBG_M "/mediaBuys/0/optimization_goals/1"
#define MBG_V "/mediaBuys/0/optimization_goals/2"

/* ---- JSON text (C001, C002) --------------------------------------------------
 * Parse-level rules: the strict parser, not contract_check, finds them
 * (campaign-lint turns its errors into CR-DUPLICATE-KEY / CR-TRAILING-DATA
 * findings, tested in tests/cli/lint.sh). */

static int parse_code(const char *text)
{
    json_parse_opts opts = { JSON_PARSE_REJECT_DUPLICATES, 0 };
    json_error err;
    memset(&err, 0, sizeof err);
    json_doc *doc = json_parse(text, strlen(text), &opts, NULL, &err);
    int code = doc ? JSON_OK : err.code;
    json_doc_free(doc);
    return code;
}

static void test_json_text(void)
{
    /* C001: member names differing only in case are distinct */
    CHECK_INT(&T, parse_code("{\"name\": \"a\", \"Name\": \"b\"}"), JSON_OK);
    CHECK_INT(&T, parse_code("{\"name\": \"a\", \"name\": \"b\"}"), JSON_ERR_DUPLICATE);
    CHECK_INT(&T, parse_code("{\"a\": [{\"b\": 1}, {\"b\": 1}]}"), JSON_OK);
    CHECK_INT(&T, parse_code("{\"a\": [{\"b\": 1, \"b\": 1}]}"), JSON_ERR_DUPLICATE);
    /* an escaped spelling of the same name is the same name */
    CHECK_INT(&T, parse_code("{\"ab\": 1, \"a\\u0062\": 2}"), JSON_ERR_DUPLICATE);
    /* C002: white space after the value is fine, anything else is not */
    CHECK_INT(&T, parse_code("{\"a\": 1} \r\n\t "), JSON_OK);
    CHECK_INT(&T, parse_code("{\"a\": 1} x"), JSON_ERR_TRAILING);
    CHECK_INT(&T, parse_code("{\"a\": 1}{\"a\": 1}"), JSON_ERR_TRAILING);
}

/* ---- shared pieces ---------------------------------------------------------- */

/* C010, C121: int53 has an upper bound and no lower bound (D13) */
static void test_int53(struct bctx *x)
{
    BASE(CREATE);
    OK(CREATE, "/advertiserId", "9007199254740991");
    BAD(CREATE, "/advertiserId", "9007199254740992", "/advertiserId", "maximum");
    OK(CREATE, "/advertiserId", "-1");
    OK(CREATE, "/advertiserId", "0");
    OK(CREATE, "/advertiserId", "1.0");
    BAD(CREATE, "/advertiserId", "1.5", "/advertiserId", "type");
    /* exact number text: neither side of the bound is rounded away */
    OK(CREATE, "/advertiserId", "9007199254740991.0");
    OK(CREATE, "/advertiserId", "9.007199254740991e15");
    OK(CREATE, "/advertiserId", "1e2");
    BAD2(CREATE, "/advertiserId", "9007199254740991.4", "/advertiserId", "type", "/advertiserId", "maximum");
    BAD(CREATE, "/advertiserId", "9007199254740990.6", "/advertiserId", "type");
    BAD(CREATE, "/advertiserId", "12345.000000000000001", "/advertiserId", "type");
    BAD(CREATE, "/advertiserId", "9007199254740993", "/advertiserId", "maximum");
    BAD(CREATE, "/advertiserId", "90071992547409910", "/advertiserId", "maximum");
    BAD(CREATE, "/advertiserId", "\"12345\"", "/advertiserId", "type");
    BAD(CREATE, "/advertiserId", "null", "/advertiserId", "type");
    BAD(CREATE, "/advertiserId", NULL, "", "required");
}

/* C011, C013, C204: date-times are RFC 3339 with an offset and a real date */
static void test_date_time(struct bctx *x)
{
    OK(CREATE, "/flightDates/startDate", "\"2025-01-15T00:00:00Z\"");
    OK(CREATE, "/flightDates/startDate", "\"2025-01-15T00:00:00+02:00\"");
    OK(CREATE, "/flightDates/startDate", "\"2025-01-15T00:00:00-05:00\"");
    OK(CREATE, "/flightDates/startDate", "\"2025-01-15T00:00:00.123456Z\"");
    BAD(CREATE, "/flightDates/startDate", "\"2025-01-15T00:00:00\"", "/flightDates/startDate", "format");
    BAD(CREATE, "/flightDates/startDate", "\"2025-01-15 00:00:00Z\"", "/flightDates/startDate", "format");
    BAD(CREATE, "/flightDates/startDate", "\"2025-01-15\"", "/flightDates/startDate", "format");
    BAD(CREATE, "/flightDates/startDate", "\"2025-01-15T00:00:00+0200\"", "/flightDates/startDate", "format");
    BAD(CREATE, "/flightDates/startDate", "\"2025-01-15T24:00:00Z\"", "/flightDates/startDate", "format");
    /* leap years */
    OK(CREATE, "/flightDates/startDate", "\"2024-02-29T00:00:00Z\"");
    BAD(CREATE, "/flightDates/startDate", "\"2025-02-29T00:00:00Z\"", "/flightDates/startDate", "format");
    BAD(CREATE, "/flightDates/startDate", "\"2025-01-32T00:00:00Z\"", "/flightDates/startDate", "format");
    OK(CREATE, "/flightDates/endDate", "\"2025-03-31T23:59:59+02:00\"");
    BAD(CREATE, "/flightDates/endDate", "\"2025-03-31T23:59:59\"", "/flightDates/endDate", "format");
    BAD(CREATE, "/flightDates/endDate", "\"2025-04-31T23:59:59Z\"", "/flightDates/endDate", "format");
    BAD(CREATE, "/flightDates/endDate", "1735689600", "/flightDates/endDate", "type");
    /* response timestamps (C204) */
    OK(RESP, "/campaign/createdAt", "\"2026-04-20T11:00:00+02:00\"");
    BAD(RESP, "/campaign/createdAt", "\"2026-04-20T09:00:00\"", "/campaign/createdAt", "format");
    BAD(RESP, "/campaign/updatedAt", "\"2026-04-20\"", "/campaign/updatedAt", "format");
    BAD(RESP, "/campaign/updatedAt", "\"2026-02-29T09:00:00Z\"", "/campaign/updatedAt", "format");
}

/* C012, C123, C143: flightDates requires both dates, create requires it */
static void test_flight_dates_required(struct bctx *x)
{
    BAD(CREATE, "/flightDates/startDate", NULL, "/flightDates", "required");
    BAD(CREATE, "/flightDates/endDate", NULL, "/flightDates", "required");
    BAD2(CREATE, "/flightDates", "{}", "/flightDates", "required", "/flightDates", "required");
    BAD(CREATE, "/flightDates", "\"2025-01-15/2025-03-31\"", "/flightDates", "type");
    BAD(CREATE, "/flightDates", NULL, "", "required");
    /* on update flightDates is optional, but both dates when it is sent */
    BASE(UPDATE_SET);
    OK(UPDATE_SET, "/flightDates", NULL);
    BAD(UPDATE_SET, "/flightDates/startDate", NULL, "/flightDates", "required");
    BAD(UPDATE_SET, "/flightDates/endDate", NULL, "/flightDates", "required");
}

/* C014, C176, C231: the flight ends at a later instant than it starts (D1) */
static void test_flight_order(struct bctx *x)
{
    /* CREATE starts 2025-01-15T00:00:00Z */
    OK(CREATE, "/flightDates/endDate", "\"2025-01-15T00:00:01Z\"");
    BAD(CREATE, "/flightDates/endDate", "\"2025-01-15T00:00:00Z\"", "/flightDates/endDate", "CR-FLIGHT-ORDER");
    BAD(CREATE, "/flightDates/endDate", "\"2025-01-14T23:59:59Z\"", "/flightDates/endDate", "CR-FLIGHT-ORDER");
    /* instants, not text: 01:59:59+02:00 is 23:59:59Z the day before */
    BAD(CREATE, "/flightDates/endDate", "\"2025-01-15T01:59:59+02:00\"", "/flightDates/endDate", "CR-FLIGHT-ORDER");
    OK(CREATE, "/flightDates/endDate", "\"2025-01-14T19:00:01-05:00\"");
    BAD(CREATE, "/flightDates/endDate", "\"2025-01-14T19:00:00-05:00\"", "/flightDates/endDate", "CR-FLIGHT-ORDER");
    /* fractions compare too */
    OK(CREATE, "/flightDates/endDate", "\"2025-01-15T00:00:00.001Z\"");
    /* update (C176): the flight an update carries */
    OK(UPDATE_SET, "/flightDates/endDate", "\"2026-05-01T00:00:01Z\"");
    BAD(UPDATE_SET, "/flightDates/endDate", "\"2026-05-01T00:00:00Z\"", "/flightDates/endDate", "CR-FLIGHT-ORDER");
    /* campaign response and list items (C231) */
    OK(RESP_MIN, "/campaign/flightDates",
       "{\"startDate\": \"2026-05-01T00:00:00Z\", \"endDate\": \"2026-05-01T00:00:01Z\"}");
    BAD(RESP_MIN, "/campaign/flightDates",
        "{\"startDate\": \"2026-05-01T00:00:00Z\", \"endDate\": \"2026-05-01T00:00:00Z\"}",
        "/campaign/flightDates/endDate", "CR-FLIGHT-ORDER");
    OK(LIST, "/campaigns/1/flightDates/endDate", "\"2026-11-01T00:00:01-05:00\"");
    BAD(LIST, "/campaigns/1/flightDates/endDate", "\"2026-11-01T05:00:00Z\"",
        "/campaigns/1/flightDates/endDate", "CR-FLIGHT-ORDER");
}

/* C015, C016, C019: budget.total required and > 0, dailyCap > 0 */
static void test_budget_amounts(struct bctx *x)
{
    BAD(CREATE, "/budget/total", NULL, "/budget", "required");
    BAD(CREATE, "/budget", NULL, "", "required");
    BAD(CREATE, "/budget", "50000", "/budget", "type");
    OK(CREATE, "/budget/total", "0.01");
    OK(CREATE, "/budget/total", "1e-9");
    BAD(CREATE, "/budget/total", "0", "/budget/total", "exclusiveMinimum");
    BAD(CREATE, "/budget/total", "0.0", "/budget/total", "exclusiveMinimum");
    BAD(CREATE, "/budget/total", "-0", "/budget/total", "exclusiveMinimum");
    OK(CREATE, "/budget/total", "1e-2");
    BAD(CREATE, "/budget/total", "-0.01", "/budget/total", "exclusiveMinimum");
    BAD(CREATE, "/budget/total", "\"50000\"", "/budget/total", "type");
    OK(CREATE, "/budget/dailyCap", "0.01");
    OK(CREATE, "/budget/dailyCap", NULL);
    BAD(CREATE, "/budget/dailyCap", "0", "/budget/dailyCap", "exclusiveMinimum");
    BAD(CREATE, "/budget/dailyCap", "-1", "/budget/dailyCap", "exclusiveMinimum");
}

/* C017, C018: currency exactly 3 characters (D14: case and ISO membership
 * not checked), optional */
static void test_currency(struct bctx *x)
{
    BAD(CREATE, "/budget/currency", "\"US\"", "/budget/currency", "minLength");
    OK(CREATE, "/budget/currency", "\"EUR\"");
    BAD(CREATE, "/budget/currency", "\"USDX\"", "/budget/currency", "maxLength");
    BAD(CREATE, "/budget/currency", "\"\"", "/budget/currency", "minLength");
    OK(CREATE, "/budget/currency", "\"usd\"");
    /* three code points, six bytes */
    OK(CREATE, "/budget/currency", "\"\\u20ac\\u20ac\\u20ac\"");
    BAD(CREATE, "/budget/currency", "\"\\u20ac\\u20ac\"", "/budget/currency", "minLength");
    BAD(CREATE, "/budget/currency", "840", "/budget/currency", "type");
    OK(CREATE, "/budget/currency", NULL);
    /* the other currency members */
    OK(RESP, "/campaign/mediaBudget/currency", "\"EUR\"");
    BAD(RESP, "/campaign/mediaBudget/currency", "\"EURO\"", "/campaign/mediaBudget/currency", "maxLength");
    BAD(RESP, "/campaign/fees/0/currency", "\"US\"", "/campaign/fees/0/currency", "minLength");
    BAD(LIST, "/campaigns/0/budget/currency", "\"US\"", "/campaigns/0/budget/currency", "minLength");
}

/* C020: campaign budget pacing is upper case */
static void test_budget_pacing(struct bctx *x)
{
    OK(CREATE, "/budget/pacing", "\"EVEN\"");
    OK(CREATE, "/budget/pacing", "\"ASAP\"");
    OK(CREATE, "/budget/pacing", "\"FRONTLOADED\"");
    OK(CREATE, "/budget/pacing", NULL);
    BAD(CREATE, "/budget/pacing", "\"even\"", "/budget/pacing", "enum");
    BAD(CREATE, "/budget/pacing", "\"asap\"", "/budget/pacing", "enum");
    BAD(CREATE, "/budget/pacing", "\"FRONT_LOADED\"", "/budget/pacing", "enum");
    BAD(CREATE, "/budget/pacing", "\"front_loaded\"", "/budget/pacing", "enum");
    BAD(UPDATE_BUD, "/budget/pacing", "\"even\"", "/budget/pacing", "enum");
    OK(UPDATE_BUD, "/budget/pacing", "\"ASAP\"");
}

/* C021, C144: an update budget is partial, with the same bounds */
static void test_budget_update(struct bctx *x)
{
    BASE(UPDATE_BUD);
    OK(UPDATE_BUD, "/budget/total", NULL);
    OK(UPDATE_BUD, "/budget", "{}");
    OK(UPDATE_BUD, "/budget", "{\"currency\": \"EUR\"}");
    OK(UPDATE_BUD, "/budget", "{\"dailyCap\": 100}");
    OK(UPDATE_BUD, "/budget/total", "0.01");
    BAD(UPDATE_BUD, "/budget/total", "0", "/budget/total", "exclusiveMinimum");
    BAD(UPDATE_BUD, "/budget/currency", "\"EU\"", "/budget/currency", "minLength");
    BAD(UPDATE_BUD, "/budget/dailyCap", "0", "/budget/dailyCap", "exclusiveMinimum");
    BAD(UPDATE_BUD, "/budget", "null", "/budget", "type");
}

/* C022, C182: campaign statuses */
static void test_campaign_status(struct bctx *x)
{
    static const char *const ok[] = { "DRAFT", "ACTIVE", "PAUSED", "COMPLETED", "ARCHIVED" };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        char v[64];
        snprintf(v, sizeof v, "\"%s\"", ok[i]);
        OK(STATUS, "/previousStatus", v);
        OK(STATUS, "/newStatus", v);
        OK(LIST, "/campaigns/0/status", v);
        /* a DRAFT campaign has no media buy refs (CR-DRAFT-NO-BUYS) */
        if (i > 0)
            OK(RESP_MIN, "/campaign/status", v);
    }
    OK(RESP, "/campaign/status", "\"DRAFT\"");
    BAD(STATUS, "/newStatus", "\"active\"", "/newStatus", "enum");
    BAD(STATUS, "/newStatus", "\"RUNNING\"", "/newStatus", "enum");
    BAD(STATUS, "/previousStatus", "\"CANCELED\"", "/previousStatus", "enum");
    BAD(STATUS, "/previousStatus", "null", "/previousStatus", "enum");
    BAD(LIST, "/campaigns/0/status", "\"Active\"", "/campaigns/0/status", "enum");
    BAD(RESP_MIN, "/campaign/status", "\"PENDING_APPROVAL\"", "/campaign/status", "enum");
}

/* C023, C258: media buy statuses (internal statuses of the status poll) */
static void test_media_buy_status(struct bctx *x)
{
    static const char *const ok[] = { "DRAFT", "PENDING_APPROVAL", "INPUT_REQUIRED", "ACTIVE", "PAUSED",
                                      "COMPLETED", "CANCELED", "FAILED", "REJECTED", "ARCHIVED" };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        char v[64];
        snprintf(v, sizeof v, "\"%s\"", ok[i]);
        OK(MBSTATUS, "/media_buys/0/internal_status", v);
        OK(MBSTATUS, "/media_buys/0/previous_internal_status", v);
        OK(RESP_MIN, "/campaign/mediaBuyRefs/0/status", v);
    }
    BAD(MBSTATUS, "/media_buys/0/internal_status", "\"active\"", "/media_buys/0/internal_status", "enum");
    BAD(MBSTATUS, "/media_buys/0/internal_status", "\"CANCELLED\"", "/media_buys/0/internal_status", "enum");
    BAD(MBSTATUS, "/media_buys/0/previous_internal_status", "\"PENDING\"",
        "/media_buys/0/previous_internal_status", "enum");
    BAD(RESP_MIN, "/campaign/mediaBuyRefs/0/status", "\"LIVE\"", "/campaign/mediaBuyRefs/0/status", "enum");
}

/* C024: campaignType */
static void test_campaign_type(struct bctx *x)
{
    OK(CREATE, "/campaignType", "\"DECISIONED\"");
    OK(CREATE, "/campaignType", "\"ROUTED\"");
    BAD(CREATE, "/campaignType", "\"decisioned\"", "/campaignType", "enum");
    BAD(CREATE, "/campaignType", "\"HYBRID\"", "/campaignType", "enum");
    BAD(RESP, "/campaign/campaignType", "\"Routed\"", "/campaign/campaignType", "enum");
    BAD(LIST, "/campaigns/0/campaignType", "\"\"", "/campaigns/0/campaignType", "enum");
}

/* C025: optimizationApplyMode */
static void test_optimization_apply_mode(struct bctx *x)
{
    OK(CREATE, "/optimizationApplyMode", "\"AUTO\"");
    OK(CREATE, "/optimizationApplyMode", "\"MANUAL\"");
    BAD(CREATE, "/optimizationApplyMode", "\"auto\"", "/optimizationApplyMode", "enum");
    BAD(CREATE, "/optimizationApplyMode", "\"SEMI\"", "/optimizationApplyMode", "enum");
    OK(UPDATE_SET, "/optimizationApplyMode", "\"MANUAL\"");
    BAD(UPDATE_SET, "/optimizationApplyMode", "\"Manual\"", "/optimizationApplyMode", "enum");
    BAD(RESP, "/campaign/optimizationApplyMode", "\"INHERIT\"", "/campaign/optimizationApplyMode", "enum");
}

/* C027, C028, C029: Duration (campaign-level attribution windows) */
static void test_duration(struct bctx *x)
{
#define PC EG "/attributionWindow/postClick"
    BASE(CREATE_FULL);
    OK(CREATE_FULL, PC "/interval", "9007199254740991");
    BAD(CREATE_FULL, PC "/interval", "9007199254740992", PC "/interval", "maximum");
    OK(CREATE_FULL, PC "/interval", "0"); /* D13: no invented lower bound */
    BAD(CREATE_FULL, PC "/interval", "1.5", PC "/interval", "type");
    BAD(CREATE_FULL, PC "/interval", "\"7\"", PC "/interval", "type");
    OK(CREATE_FULL, PC "/unit", "\"minutes\"");
    OK(CREATE_FULL, PC "/unit", "\"hours\"");
    OK(CREATE_FULL, PC "/unit", "\"days\"");
    OK(CREATE_FULL, PC "/unit", "\"campaign\"");
    BAD(CREATE_FULL, PC "/unit", "\"seconds\"", PC "/unit", "enum");
    BAD(CREATE_FULL, PC "/unit", "\"weeks\"", PC "/unit", "enum");
    BAD(CREATE_FULL, PC "/unit", "\"DAYS\"", PC "/unit", "enum");
    BAD(CREATE_FULL, PC "/interval", NULL, PC, "required");
    BAD(CREATE_FULL, PC "/unit", NULL, PC, "required");
    BAD(CREATE_FULL, EG "/attributionWindow/postView/unit", NULL, EG "/attributionWindow/postView", "required");
#undef PC
}

/* C030-C033, C133: input frequency caps */
static void test_frequency_cap_input(struct bctx *x)
{
#define FC "/frequencyCaps/0"
    BASE(CREATE_BUDG);
    OK(CREATE_BUDG, FC "/max_impressions", "9007199254740991");
    BAD(CREATE_BUDG, FC "/max_impressions", "9007199254740992", FC "/max_impressions", "maximum");
    BAD(CREATE_BUDG, FC "/max_impressions", "2.5", FC "/max_impressions", "type");
    BAD(CREATE_BUDG, FC "/max_impressions", NULL, FC, "required");
    BAD(CREATE_BUDG, FC "/window", NULL, FC, "required");
    OK(CREATE_BUDG, FC "/window/interval", "1");
    OK(CREATE_BUDG, FC "/window/interval", "1.5");
    BAD(CREATE_BUDG, FC "/window/interval", "0.5", FC "/window/interval", "minimum");
    BAD(CREATE_BUDG, FC "/window/interval", "0.999", FC "/window/interval", "minimum");
    BAD(CREATE_BUDG, FC "/window/interval", "0", FC "/window/interval", "minimum");
    BAD(CREATE_BUDG, FC "/window/interval", "\"7\"", FC "/window/interval", "type");
    static const char *const units[] = { "seconds", "minutes", "hours", "days", "campaign" };
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
        char v[64];
        snprintf(v, sizeof v, "\"%s\"", units[i]);
        OK(CREATE_BUDG, FC "/window/unit", v);
    }
    BAD(CREATE_BUDG, FC "/window/unit", "\"weeks\"", FC "/window/unit", "enum");
    BAD(CREATE_BUDG, FC "/window/unit", "\"DAYS\"", FC "/window/unit", "enum");
    BAD(CREATE_BUDG, FC "/window/interval", NULL, FC "/window", "required");
    BAD(CREATE_BUDG, FC "/window/unit", NULL, FC "/window", "required");
    /* C133: an array of caps */
    OK(CREATE_BUDG, "/frequencyCaps", "[]");
    BAD(CREATE_BUDG, "/frequencyCaps", "{\"max_impressions\": 5, \"window\": {\"interval\": 1, \"unit\": \"days\"}}",
        "/frequencyCaps", "type");
    BAD(CREATE_BUDG, "/frequencyCaps/-", "5", "/frequencyCaps/2", "type");
    /* the same piece on update (C153) */
    OK(UPDATE_SET, "/frequencyCaps/-", "{\"max_impressions\": 5, \"window\": {\"interval\": 1, \"unit\": \"hours\"}}");
    BAD(UPDATE_SET, "/frequencyCaps/-", "{\"max_impressions\": 5, \"window\": {\"interval\": 0, \"unit\": \"hours\"}}",
        "/frequencyCaps/0/window/interval", "minimum");
#undef FC
}

/* C034-C036, C226: frequency caps as returned */
static void test_frequency_cap_output(struct bctx *x)
{
#define FC "/campaign/frequencyCaps/0"
    static const char *const req[] = { "id", "targetLevel", "targetId", "createdAt", "updatedAt",
                                       "max_impressions", "window" };
    for (size_t i = 0; i < sizeof req / sizeof *req; i++) {
        char p[128];
        snprintf(p, sizeof p, FC "/%s", req[i]);
        BAD(RESP, p, NULL, FC, "required");
    }
    OK(RESP, FC "/targetLevel", "\"ADVERTISER\"");
    OK(RESP, FC "/targetLevel", "\"CAMPAIGN\"");
    OK(RESP, FC "/targetLevel", "\"CREATIVE\"");
    BAD(RESP, FC "/targetLevel", "\"campaign\"", FC "/targetLevel", "enum");
    BAD(RESP, FC "/targetLevel", "\"MEDIA_BUY\"", FC "/targetLevel", "enum");
    OK(RESP, FC "/archivedAt", "null");
    OK(RESP, FC "/archivedAt", "\"2026-04-21T09:00:00Z\"");
    OK(RESP, FC "/archivedAt", NULL);
    BAD(RESP, FC "/archivedAt", "false", FC "/archivedAt", "type");
    BAD(RESP, FC "/id", "1001", FC "/id", "type");
    BAD(RESP, FC "/window/interval", "0.5", FC "/window/interval", "minimum");
    BAD(RESP, FC "/max_impressions", "9007199254740992", FC "/max_impressions", "maximum");
    BAD(RESP, "/campaign/frequencyCaps", "{}", "/campaign/frequencyCaps", "type");
#undef FC
}

/* C040: pacing mode */
static void test_pacing_mode(struct bctx *x)
{
    BASE(CREATE_FULL);
    BASE(CREATE_BUDG);
    OK(CREATE_FULL, "/pacingPeriods/mode", "\"weight\"");
    /* D3: budgets in weight mode are accepted and ignored */
    OK(CREATE_BUDG, "/pacingPeriods/mode", "\"weight\"");
    BAD(CREATE_FULL, "/pacingPeriods/mode", "\"WEIGHT\"", "/pacingPeriods/mode", "enum");
    BAD(CREATE_FULL, "/pacingPeriods/mode", "\"weights\"", "/pacingPeriods/mode", "enum");
    BAD(CREATE_BUDG, "/pacingPeriods/mode", "\"BUDGET\"", "/pacingPeriods/mode", "enum");
    BAD(CREATE_FULL, "/pacingPeriods/mode", NULL, "/pacingPeriods", "required");
    BAD(CREATE_FULL, "/pacingPeriods", "[]", "/pacingPeriods", "type");
}

/* C041: 1 to 52 periods */
static void test_pacing_period_count(struct bctx *x)
{
    BASE(CREATE_MAX); /* 52 weekly periods filling the flight */
    OKN(CREATE_FULL, "/pacingPeriods/periods", one_day_periods(1));
    OKN(CREATE_FULL, "/pacingPeriods/periods", one_day_periods(52));
    BADN(CREATE_FULL, "/pacingPeriods/periods", one_day_periods(53), "/pacingPeriods/periods", "maxItems");
    BAD(CREATE_FULL, "/pacingPeriods/periods", "[]", "/pacingPeriods/periods", "minItems");
    BAD(CREATE_FULL, "/pacingPeriods/periods", NULL, "/pacingPeriods", "required");
    BAD(CREATE_FULL, "/pacingPeriods/periods", "{}", "/pacingPeriods/periods", "type");
}

/* C042: period label 1..100 code points, required (D4) */
static void test_pacing_period_label(struct bctx *x)
{
#define P0 "/pacingPeriods/periods/0"
    OK(CREATE_FULL, P0 "/label", "\"M\"");
    BAD(CREATE_FULL, P0 "/label", "\"\"", P0 "/label", "minLength");
    OKN(CREATE_FULL, P0 "/label", text_cp(100));
    BADN(CREATE_FULL, P0 "/label", text_cp(101), P0 "/label", "maxLength");
    OKN(CREATE_FULL, P0 "/label", repeat("\xf0\x9f\x93\x85", 100));
    BADN(CREATE_FULL, P0 "/label", repeat("\xf0\x9f\x93\x85", 101), P0 "/label", "maxLength");
    BAD(CREATE_FULL, P0 "/label", NULL, P0, "required");
    BAD(CREATE_FULL, P0 "/label", "1", P0 "/label", "type");
#undef P0
}

/* C043: period start / end: YYYY-MM-DD and a real date (D5), required */
static void test_pacing_period_dates(struct bctx *x)
{
#define P0 "/pacingPeriods/periods/0"
#define P2 "/pacingPeriods/periods/2"
    BAD(CREATE_FULL, P0 "/start", NULL, P0, "required");
    BAD(CREATE_FULL, P0 "/end", NULL, P0, "required");
    BAD2(CREATE_FULL, P0 "/start", "\"2026-5-01\"", P0 "/start", "pattern", P0 "/start", "format");
    BAD2(CREATE_FULL, P0 "/start", "\"2026-05-01T00:00:00Z\"", P0 "/start", "pattern", P0 "/start", "format");
    BAD2(CREATE_FULL, P0 "/start", "\"20260501\"", P0 "/start", "pattern", P0 "/start", "format");
    BAD2(CREATE_FULL, P0 "/start", "\"2026/05/01\"", P0 "/start", "pattern", P0 "/start", "format");
    /* ECMA-262: $ does not match before a final newline, \d is ASCII only */
    BAD2(CREATE_FULL, P0 "/start", "\"2026-05-01\\n\"", P0 "/start", "pattern", P0 "/start", "format");
    BAD2(CREATE_FULL, P0 "/start", "\"\\u0662\\u0660\\u0662\\u0666-05-01\"", P0 "/start", "pattern", P0 "/start", "format");
    BAD(CREATE_FULL, P0 "/start", "20260501", P0 "/start", "type");
    /* real dates: UPDATE_PP carries no flight, so only the dates matter */
    OK(UPDATE_PP, P2 "/end", "\"2026-07-31\"");
    BAD(UPDATE_PP, P2 "/end", "\"2026-07-32\"", P2 "/end", "format");
    OK(UPDATE_PP, P2, "{\"label\": \"Leap\", \"start\": \"2028-02-28\", \"end\": \"2028-02-29\"}");
    BAD(UPDATE_PP, P2, "{\"label\": \"Leap\", \"start\": \"2027-02-28\", \"end\": \"2027-02-29\"}", P2 "/end", "format");
    BAD(UPDATE_PP, P2 "/end", "\"2026-09-31\"", P2 "/end", "format");
    BAD(UPDATE_PP, P2 "/end", "\"2026-13-01\"", P2 "/end", "format");
#undef P0
#undef P2
}

/* C044: period weight 0..10 */
static void test_pacing_period_weight(struct bctx *x)
{
#define W0 "/pacingPeriods/periods/0/weight"
    OK(CREATE_FULL, W0, "0");
    OK(CREATE_FULL, W0, "10");
    OK(CREATE_FULL, W0, "3.5");
    OK(CREATE_FULL, W0, NULL);
    BAD(CREATE_FULL, W0, "10.5", W0, "maximum");
    BAD(CREATE_FULL, W0, "10.000001", W0, "maximum");
    BAD(CREATE_FULL, W0, "-0.01", W0, "minimum");
    BAD(CREATE_FULL, W0, "\"3\"", W0, "type");
#undef W0
}

/* C045: period budget >= 0 (weight mode: not summed, D3) */
static void test_pacing_period_budget(struct bctx *x)
{
#define B0 "/pacingPeriods/periods/0/budget"
    OK(CREATE_FULL, B0, "0");
    OK(CREATE_FULL, B0, "0.01");
    BAD(CREATE_FULL, B0, "-0.01", B0, "minimum");
    BAD(CREATE_FULL, B0, "\"100\"", B0, "type");
    OK(CREATE_BUDG, B0, "0");
    BAD(CREATE_BUDG, B0, "-0.01", B0, "minimum");
#undef B0
}

/* C046: in budget mode every period needs a budget (D3) */
static void test_pacing_budget_mode(struct bctx *x)
{
#define P1 "/pacingPeriods/periods/1"
    BASE(CREATE_BUDG);
    OK(CREATE_BUDG, P1 "/budget", "0");
    BAD(CREATE_BUDG, P1 "/budget", NULL, P1, "x-error");
    CHECK_MSG(&T, strstr(x->message, "\"Early December\"") && strstr(x->message, "budget"),
              "message should name the period: %s", x->message);
    /* media buy periods follow the same rule */
    OK(UPDATE_MBG, "/mediaBuys/0/pacingPeriods",
       "{\"mode\": \"budget\", \"periods\": [{\"label\": \"A\", \"start\": \"2026-05-01\", \"end\": \"2026-05-31\", \"budget\": 10}]}");
    BAD(UPDATE_MBG, "/mediaBuys/0/pacingPeriods",
        "{\"mode\": \"budget\", \"periods\": [{\"label\": \"A\", \"start\": \"2026-05-01\", \"end\": \"2026-05-31\"}]}",
        "/mediaBuys/0/pacingPeriods/periods/0", "x-error");
#undef P1
}

/* C047: each period start <= end (D2: inclusive days) */
static void test_pacing_period_order(struct bctx *x)
{
#define P0 "/pacingPeriods/periods/0"
    OK(CREATE_FULL, P0 "/end", "\"2026-05-01\"");
    BAD(CREATE_FULL, P0 "/end", "\"2026-04-30\"", P0 "/end", "CR-PACING-PERIOD-ORDER");
    OK(UPDATE_PP, P0 "/end", "\"2026-05-01\"");
    BAD(UPDATE_PP, P0 "/end", "\"2026-04-30\"", P0 "/end", "CR-PACING-PERIOD-ORDER");
    /* media buy periods (update entries and returned media buys) */
    OK(UPDATE_MBG, "/mediaBuys/0/pacingPeriods",
       "{\"mode\": \"weight\", \"periods\": [{\"label\": \"A\", \"start\": \"2026-05-01\", \"end\": \"2026-05-01\"}]}");
    BAD(UPDATE_MBG, "/mediaBuys/0/pacingPeriods",
        "{\"mode\": \"weight\", \"periods\": [{\"label\": \"A\", \"start\": \"2026-05-01\", \"end\": \"2026-04-30\"}]}",
        "/mediaBuys/0/pacingPeriods/periods/0/end", "CR-PACING-PERIOD-ORDER");
    OK(RESP_ACTIVE, "/campaign/mediaBuys/0/pacingPeriods/periods/1/end", "\"2026-06-01\"");
    BAD(RESP_ACTIVE, "/campaign/mediaBuys/0/pacingPeriods/periods/1/end", "\"2026-05-31\"",
        "/campaign/mediaBuys/0/pacingPeriods/periods/1/end", "CR-PACING-PERIOD-ORDER");
    BAD(RESP, "/campaign" P0 "/end", "\"2026-04-30\"", "/campaign" P0 "/end", "CR-PACING-PERIOD-ORDER");
#undef P0
}

/* C048: periods inside the flight's calendar dates (D2) */
static void test_pacing_in_flight(struct bctx *x)
{
    /* CREATE_FULL: flight 2026-05-01T00:00:00Z .. 2026-06-30T23:59:59Z */
    OK(CREATE_FULL, "/pacingPeriods/periods/0/start", "\"2026-05-01\"");
    BAD(CREATE_FULL, "/pacingPeriods/periods/0/start", "\"2026-04-30\"",
        "/pacingPeriods/periods/0/start", "CR-PACING-IN-FLIGHT");
    OK(CREATE_FULL, "/pacingPeriods/periods/1/end", "\"2026-06-30\"");
    BAD(CREATE_FULL, "/pacingPeriods/periods/1/end", "\"2026-07-01\"",
        "/pacingPeriods/periods/1/end", "CR-PACING-IN-FLIGHT");
    /* the flight's own offset: 2026-11-01T00:00:00-05:00 is the 1st there */
    OK(CREATE_BUDG, "/pacingPeriods/periods/0/start", "\"2026-11-01\"");
    BAD(CREATE_BUDG, "/pacingPeriods/periods/0/start", "\"2026-10-31\"",
        "/pacingPeriods/periods/0/start", "CR-PACING-IN-FLIGHT");
    OK(CREATE_BUDG, "/flightDates/startDate", "\"2026-11-23T23:00:00-05:00\"");
    BAD(CREATE_BUDG, "/flightDates/startDate", "\"2026-11-24T00:00:00-05:00\"",
        "/pacingPeriods/periods/0/start", "CR-PACING-IN-FLIGHT");
    /* update (C176): only when the update carries both */
    OK(UPDATE_PP, "/pacingPeriods/periods/0/start", "\"2020-01-01\"");
    OK(UPDATE_PP, "/flightDates", "{\"startDate\": \"2026-05-01T00:00:00Z\", \"endDate\": \"2026-07-15T23:59:59Z\"}");
    BAD(UPDATE_PP, "/flightDates", "{\"startDate\": \"2026-05-01T00:00:00Z\", \"endDate\": \"2026-07-14T23:59:59Z\"}",
        "/pacingPeriods/periods/2/end", "CR-PACING-IN-FLIGHT");
    /* campaign response (C231) */
    BAD(RESP, "/campaign/pacingPeriods/periods/1/end", "\"2026-07-01\"",
        "/campaign/pacingPeriods/periods/1/end", "CR-PACING-IN-FLIGHT");
}

/* C049: periods do not overlap (D2: touching is fine) */
static void test_pacing_no_overlap(struct bctx *x)
{
    /* CREATE_FULL: May 1-31, June 1-30 */
    OK(CREATE_FULL, "/pacingPeriods/periods/1/start", "\"2026-06-01\"");
    BAD(CREATE_FULL, "/pacingPeriods/periods/1/start", "\"2026-05-31\"",
        "/pacingPeriods/periods/1", "CR-PACING-NO-OVERLAP");
    /* in any order: the later-starting period is reported */
    BAD(CREATE_FULL, "/pacingPeriods/periods/0",
        "{\"label\": \"June extra\", \"start\": \"2026-06-30\", \"end\": \"2026-06-30\", \"weight\": 1}",
        "/pacingPeriods/periods/0", "CR-PACING-NO-OVERLAP");
    /* gaps are pauses */
    OK(CREATE_FULL, "/pacingPeriods/periods/0/end", "\"2026-05-20\"");
    BAD(UPDATE_PP, "/pacingPeriods/periods/2/start", "\"2026-06-30\"",
        "/pacingPeriods/periods/2", "CR-PACING-NO-OVERLAP");
    OK(UPDATE_PP, "/pacingPeriods/periods/2/start", "\"2026-07-02\"");
    BAD(UPDATE_MBG, "/mediaBuys/0/pacingPeriods",
        "{\"mode\": \"weight\", \"periods\": [{\"label\": \"A\", \"start\": \"2026-05-01\", \"end\": \"2026-05-10\"},"
        " {\"label\": \"B\", \"start\": \"2026-05-10\", \"end\": \"2026-05-20\"}]}",
        "/mediaBuys/0/pacingPeriods/periods/1", "CR-PACING-NO-OVERLAP");
    OK(UPDATE_MBG, "/mediaBuys/0/pacingPeriods",
       "{\"mode\": \"weight\", \"periods\": [{\"label\": \"A\", \"start\": \"2026-05-01\", \"end\": \"2026-05-10\"},"
       " {\"label\": \"B\", \"start\": \"2026-05-11\", \"end\": \"2026-05-20\"}]}");
    BAD(RESP_ACTIVE, "/campaign/mediaBuys/0/pacingPeriods/periods/1/start", "\"2026-05-31\"",
        "/campaign/mediaBuys/0/pacingPeriods/periods/1", "CR-PACING-NO-OVERLAP");
}

/* C050, C175: budget-mode period budgets fit budget.total (+0.01, D24) */
static void test_pacing_budget_sum(struct bctx *x)
{
#define B0 "/pacingPeriods/periods/0/budget"
    /* CREATE_BUDG: total 60000, periods 24000 + 18000 + 12000 */
    OK(CREATE_BUDG, B0, "30000");
    OK(CREATE_BUDG, B0, "30000.01");
    BAD(CREATE_BUDG, B0, "30000.02", "/pacingPeriods/periods", "CR-PACING-BUDGET-SUM");
    BAD(CREATE_BUDG, B0, "40000", "/pacingPeriods/periods", "CR-PACING-BUDGET-SUM");
    OK(CREATE_BUDG, "/budget/total", "54000");
    BAD(CREATE_BUDG, "/budget/total", "53999.98", "/pacingPeriods/periods", "CR-PACING-BUDGET-SUM");
    /* weight mode: period budgets are not amounts */
    OK(CREATE_FULL, B0, "1000000");
    /* update (C175, D23): compared only when the update carries both */
    OK(UPDATE_BUD, "/pacingPeriods",
       "{\"mode\": \"budget\", \"periods\": [{\"label\": \"A\", \"start\": \"2026-05-01\", \"end\": \"2026-05-31\", \"budget\": 30000},"
       " {\"label\": \"B\", \"start\": \"2026-06-01\", \"end\": \"2026-06-30\", \"budget\": 20000}]}");
    BAD(UPDATE_BUD, "/pacingPeriods",
        "{\"mode\": \"budget\", \"periods\": [{\"label\": \"A\", \"start\": \"2026-05-01\", \"end\": \"2026-05-31\", \"budget\": 30000},"
        " {\"label\": \"B\", \"start\": \"2026-06-01\", \"end\": \"2026-06-30\", \"budget\": 20000.02}]}",
        "/pacingPeriods/periods", "CR-PACING-BUDGET-SUM");
    OK(UPDATE_PP, "/pacingPeriods",
       "{\"mode\": \"budget\", \"periods\": [{\"label\": \"A\", \"start\": \"2026-05-01\", \"end\": \"2026-05-31\", \"budget\": 9e15}]}");
#undef B0
}

/* C055-C058: UTM configuration */
static void test_utm(struct bctx *x)
{
#define K0 "/utmConfig/params/0/paramKey"
#define V0 "/utmConfig/params/0/paramValue"
    BASE(CREATE_MAX); /* 20 params, 100-character keys, 200-character values */
    BAD(CREATE_MAX, "/utmConfig/params/-", "{\"paramKey\": \"utm_extra\", \"paramValue\": \"x\"}",
        "/utmConfig/params", "maxItems");
    OKN(CREATE_FULL, "/utmConfig/params",
        array_of("{\"paramKey\": \"utm_%d\", \"paramValue\": \"v\"}", 20));
    BADN(CREATE_FULL, "/utmConfig/params",
         array_of("{\"paramKey\": \"utm_%d\", \"paramValue\": \"v\"}", 21), "/utmConfig/params", "maxItems");
    OK(CREATE_FULL, "/utmConfig/params", "[]");
    BAD(CREATE_FULL, "/utmConfig/params", NULL, "/utmConfig", "required");
    BAD(CREATE_FULL, "/utmConfig", "[]", "/utmConfig", "type");
    /* paramKey ^[a-zA-Z0-9_-]{1,100}$ */
    OKN(CREATE_FULL, K0, padded("utm_", 'k', 100));
    BADN(CREATE_FULL, K0, padded("utm_", 'k', 101), K0, "pattern");
    OK(CREATE_FULL, K0, "\"a\"");
    OK(CREATE_FULL, K0, "\"Utm-Source_2\"");
    BAD(CREATE_FULL, K0, "\"\"", K0, "pattern");
    BAD(CREATE_FULL, K0, "\"utm source\"", K0, "pattern");
    BAD(CREATE_FULL, K0, "\"utm.source\"", K0, "pattern");
    BAD(CREATE_FULL, K0, "\"utm_\\u00e9\"", K0, "pattern");
    BAD(CREATE_FULL, K0, "\"utm_source\\n\"", K0, "pattern");
    BAD(CREATE_FULL, K0, NULL, "/utmConfig/params/0", "required");
    /* paramValue 1..200 code points */
    OK(CREATE_FULL, V0, "\"x\"");
    BAD(CREATE_FULL, V0, "\"\"", V0, "minLength");
    OKN(CREATE_FULL, V0, text_cp(200));
    BADN(CREATE_FULL, V0, text_cp(201), V0, "maxLength");
    BAD(CREATE_FULL, V0, NULL, "/utmConfig/params/0", "required");
    BAD(CREATE_FULL, V0, "1", V0, "type");
    /* deleteMissing boolean (update and create) */
    OK(UPDATE_SET, "/utmConfig/deleteMissing", "true");
    OK(UPDATE_SET, "/utmConfig/deleteMissing", "false");
    OK(UPDATE_SET, "/utmConfig/deleteMissing", NULL);
    BAD(UPDATE_SET, "/utmConfig/deleteMissing", "\"true\"", "/utmConfig/deleteMissing", "type");
    BAD(UPDATE_SET, "/utmConfig/deleteMissing", "1", "/utmConfig/deleteMissing", "type");
    OK(CREATE_FULL, "/utmConfig/deleteMissing", "true");
#undef K0
#undef V0
}

/* C060-C062, C148: audience configuration */
static void test_audience(struct bctx *x)
{
    BASE(CREATE_MAX); /* 100 target audiences */
    BAD(CREATE_MAX, "/audienceConfig/targetAudienceIds/-", "\"aud_extra\"",
        "/audienceConfig/targetAudienceIds", "maxItems");
    OKN(CREATE_FULL, "/audienceConfig/suppressAudienceIds", array_of("\"aud_%d\"", 100));
    BADN(CREATE_FULL, "/audienceConfig/suppressAudienceIds", array_of("\"aud_%d\"", 101),
         "/audienceConfig/suppressAudienceIds", "maxItems");
    OK(CREATE_FULL, "/audienceConfig/targetAudienceIds", "[]");
    OK(CREATE_FULL, "/audienceConfig/targetAudienceIds/0", "\"a\"");
    BAD(CREATE_FULL, "/audienceConfig/targetAudienceIds/0", "\"\"",
        "/audienceConfig/targetAudienceIds/0", "minLength");
    BAD(CREATE_FULL, "/audienceConfig/suppressAudienceIds/0", "\"\"",
        "/audienceConfig/suppressAudienceIds/0", "minLength");
    BAD(CREATE_FULL, "/audienceConfig/targetAudienceIds/0", "42",
        "/audienceConfig/targetAudienceIds/0", "type");
    OK(CREATE_FULL, "/audienceConfig", "{}");
    /* update adds deleteMissing (C061, C148) */
    OK(UPDATE_SET, "/audienceConfig/deleteMissing", "false");
    OK(UPDATE_SET, "/audienceConfig/deleteMissing", NULL);
    BAD(UPDATE_SET, "/audienceConfig/deleteMissing", "\"yes\"", "/audienceConfig/deleteMissing", "type");
    BAD(UPDATE_SET, "/audienceConfig/targetAudienceIds/1", "\"\"",
        "/audienceConfig/targetAudienceIds/1", "minLength");
    OKN(UPDATE_SET, "/audienceConfig/targetAudienceIds", array_of("\"aud_%d\"", 100));
    BADN(UPDATE_SET, "/audienceConfig/targetAudienceIds", array_of("\"aud_%d\"", 101),
         "/audienceConfig/targetAudienceIds", "maxItems");
    /* create takes no deleteMissing: ignored, reported by --strict (C062) */
    UNKNOWN(CREATE_FULL, "/audienceConfig/deleteMissing", "true");
}

/* C065-C071: constraints */
static void test_constraints(struct bctx *x)
{
    OK(CREATE_FULL, "/constraints", "{}");
    BAD(CREATE_FULL, "/constraints", "[]", "/constraints", "type");
    /* countries: at most 250 items of ^[A-Z]{2}$ */
    OKN(CREATE_FULL, "/constraints/countries", array_of("\"US\"", 250));
    BADN(CREATE_FULL, "/constraints/countries", array_of("\"US\"", 251), "/constraints/countries", "maxItems");
    OK(CREATE_FULL, "/constraints/countries/0", "\"DE\"");
    BAD(CREATE_FULL, "/constraints/countries/0", "\"us\"", "/constraints/countries/0", "pattern");
    BAD(CREATE_FULL, "/constraints/countries/0", "\"Us\"", "/constraints/countries/0", "pattern");
    BAD(CREATE_FULL, "/constraints/countries/0", "\"USA\"", "/constraints/countries/0", "pattern");
    BAD(CREATE_FULL, "/constraints/countries/0", "\"U\"", "/constraints/countries/0", "pattern");
    BAD(CREATE_FULL, "/constraints/countries/0", "\"US\\n\"", "/constraints/countries/0", "pattern");
    BAD(CREATE_FULL, "/constraints/countries/0", "\"\\u00c4\\u00d6\"", "/constraints/countries/0", "pattern");
    BAD(CREATE_FULL, "/constraints/countries", "\"US\"", "/constraints/countries", "type");
    /* string arrays */
    static const char *const lists[] = { "channels", "geo_countries", "geo_countries_exclude", "geo_regions",
                                         "geo_regions_exclude", "language" };
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
        char p[128], e[128];
        snprintf(p, sizeof p, "/constraints/%s", lists[i]);
        OK(CREATE_FULL, p, "[\"x\"]");
        OK(CREATE_FULL, p, "[]");
        BAD(CREATE_FULL, p, "\"x\"", p, "type");
        snprintf(e, sizeof e, "%s/0", p);
        BAD(CREATE_FULL, p, "[1]", e, "type");
    }
    /* geo_metros(_exclude): arrays of {system, values} (CF (corrected)) */
    static const char *const metro[] = { "nielsen_dma", "uk_itl1", "uk_itl2", "eurostat_nuts2", "custom" };
    for (size_t i = 0; i < sizeof metro / sizeof *metro; i++) {
        char v[64];
        snprintf(v, sizeof v, "\"%s\"", metro[i]);
        OK(CREATE_FULL, "/constraints/geo_metros/0/system", v);
        OK(CREATE_FULL, "/constraints/geo_metros/1/system", v);
    }
    OK(CREATE_FULL, "/constraints/geo_metros", "[]");
    OK(CREATE_FULL, "/constraints/geo_metros_exclude", "[{\"system\": \"custom\", \"values\": []}]");
    OK(CREATE_FULL, "/constraints/geo_metros/0/note", "\"open: unknown members pass\"");
    BAD(CREATE_FULL, "/constraints/geo_metros", "{\"system\": \"nielsen_dma\", \"values\": [\"501\"]}",
        "/constraints/geo_metros", "type");
    BAD(CREATE_FULL, "/constraints/geo_metros_exclude", "{\"system\": \"custom\", \"values\": []}",
        "/constraints/geo_metros_exclude", "type");
    BAD(CREATE_FULL, "/constraints/geo_metros/0/system", "\"dma\"", "/constraints/geo_metros/0/system", "enum");
    BAD(CREATE_FULL, "/constraints/geo_metros/1/system", "\"NIELSEN_DMA\"", "/constraints/geo_metros/1/system",
        "enum");
    BAD(CREATE_FULL, "/constraints/geo_metros/0/system", NULL, "/constraints/geo_metros/0", "required");
    BAD(CREATE_FULL, "/constraints/geo_metros/0/values", NULL, "/constraints/geo_metros/0", "required");
    BAD(CREATE_FULL, "/constraints/geo_metros/0/values/0", "501", "/constraints/geo_metros/0/values/0", "type");
    BAD(CREATE_FULL, "/constraints/geo_metros/0", "\"nielsen_dma\"", "/constraints/geo_metros/0", "type");
    BAD(CREATE_FULL, "/constraints/geo_metros_exclude", "[{\"system\": \"uk_itl3\", \"values\": []}]",
        "/constraints/geo_metros_exclude/0/system", "enum");
    BAD(CREATE_FULL, "/constraints/geo_metros_exclude/-", "{\"values\": []}",
        "/constraints/geo_metros_exclude/1", "required");
    /* geo_postal_areas(_exclude): arrays of {system, values} (CF (corrected)) */
    static const char *const postal[] = { "us_zip", "us_zip_plus_four", "gb_outward", "gb_full", "ca_fsa",
                                          "ca_full", "de_plz", "fr_code_postal", "au_postcode", "ch_plz", "at_plz" };
    for (size_t i = 0; i < sizeof postal / sizeof *postal; i++) {
        char v[128];
        snprintf(v, sizeof v, "[{\"system\": \"%s\", \"values\": [\"x\"]}]", postal[i]);
        OK(CREATE_FULL, "/constraints/geo_postal_areas", v);
        OK(CREATE_FULL, "/constraints/geo_postal_areas_exclude", v);
    }
    OK(CREATE_FULL, "/constraints/geo_postal_areas_exclude", "[]");
    BAD(CREATE_FULL, "/constraints/geo_postal_areas", "{\"system\": \"us_zip\", \"values\": [\"10001\"]}",
        "/constraints/geo_postal_areas", "type");
    BAD(CREATE_FULL, "/constraints/geo_postal_areas_exclude", "{\"system\": \"us_zip\", \"values\": []}",
        "/constraints/geo_postal_areas_exclude", "type");
    BAD(CREATE_FULL, "/constraints/geo_postal_areas/1/system", "\"zip\"",
        "/constraints/geo_postal_areas/1/system", "enum");
    BAD(CREATE_FULL, "/constraints/geo_postal_areas/0/values", NULL, "/constraints/geo_postal_areas/0", "required");
    BAD(CREATE_FULL, "/constraints/geo_postal_areas_exclude/0/system", NULL,
        "/constraints/geo_postal_areas_exclude/0", "required");
    BAD(CREATE_FULL, "/constraints/geo_postal_areas_exclude/0/system", "\"nl_postcode\"",
        "/constraints/geo_postal_areas_exclude/0/system", "enum");
    /* device_platform */
    static const char *const plat[] = { "ios", "android", "windows", "macos", "linux", "chromeos", "tvos",
                                        "tizen", "webos", "fire_os", "roku_os", "unknown" };
    for (size_t i = 0; i < sizeof plat / sizeof *plat; i++) {
        char v[64];
        snprintf(v, sizeof v, "[\"%s\"]", plat[i]);
        OK(CREATE_FULL, "/constraints/device_platform", v);
    }
    BAD(CREATE_FULL, "/constraints/device_platform", "[\"ios\", \"iOS\"]", "/constraints/device_platform/1", "enum");
    BAD(CREATE_FULL, "/constraints/device_platform", "[\"firefox_os\"]", "/constraints/device_platform/0", "enum");
    /* device_type(_exclude) */
    static const char *const dev[] = { "desktop", "mobile", "tablet", "ctv", "dooh", "unknown" };
    for (size_t i = 0; i < sizeof dev / sizeof *dev; i++) {
        char v[64];
        snprintf(v, sizeof v, "\"%s\"", dev[i]);
        OK(CREATE_FULL, "/constraints/device_type/0", v);
        OK(CREATE_FULL, "/constraints/device_type_exclude", "[]");
        snprintf(v, sizeof v, "[\"%s\"]", dev[i]);
        OK(CREATE_FULL, "/constraints/device_type_exclude", v);
    }
    BAD(CREATE_FULL, "/constraints/device_type/0", "\"phone\"", "/constraints/device_type/0", "enum");
    BAD(CREATE_FULL, "/constraints/device_type/0", "\"CTV\"", "/constraints/device_type/0", "enum");
    BAD(CREATE_FULL, "/constraints/device_type_exclude", "[\"tv\"]", "/constraints/device_type_exclude/0", "enum");
}

/* C075-C084: data delivery */
static void test_data_delivery(struct bctx *x)
{
#define O0 "/dataDelivery/outputs/0"
    BASE(CREATE_MAX);
    OK(CREATE_FULL, "/dataDelivery/outputs", NULL); /* {} is a valid DataDelivery (CF (corrected)) */
    OK(CREATE_FULL, "/dataDelivery", "{}");
    OK(CREATE_FULL, "/dataDelivery/outputs", "[]");
    BAD(CREATE_FULL, "/dataDelivery", "[]", "/dataDelivery", "type");
    BAD(CREATE_FULL, "/dataDelivery/outputs", "{}", "/dataDelivery/outputs", "type");
    /* required output members */
    static const char *const req[] = { "dataDeliveryType", "cadence", "credentialName", "deliveryConfig" };
    for (size_t i = 0; i < sizeof req / sizeof *req; i++) {
        char p[128];
        snprintf(p, sizeof p, O0 "/%s", req[i]);
        BAD(CREATE_FULL, p, NULL, O0, "required");
    }
    OK(CREATE_FULL, O0 "/enabled", NULL);
    /* dataDeliveryType */
    static const char *const types[] = { "MB_DELIVERY", "IMPRESSIONS", "CLICKS", "VAST_EVENTS",
                                         "CAPI_ATTRIBUTION", "MMP_POSTBACKS" };
    for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
        char v[64];
        snprintf(v, sizeof v, "\"%s\"", types[i]);
        OK(CREATE_FULL, O0 "/dataDeliveryType", v);
    }
    BAD(CREATE_FULL, O0 "/dataDeliveryType", "\"mb_delivery\"", O0 "/dataDeliveryType", "enum");
    BAD(CREATE_FULL, O0 "/dataDeliveryType", "\"CONVERSIONS\"", O0 "/dataDeliveryType", "enum");
    /* cadence */
    OK(CREATE_FULL, O0 "/cadence", "\"HOURLY\"");
    OK(CREATE_FULL, O0 "/cadence", "\"DAILY\"");
    OK(CREATE_FULL, O0 "/cadence", "\"WEEKLY\"");
    BAD(CREATE_FULL, O0 "/cadence", "\"MONTHLY\"", O0 "/cadence", "enum");
    BAD(CREATE_FULL, O0 "/cadence", "\"daily\"", O0 "/cadence", "enum");
    /* syncWeeklyDay integer 0..6 (not tied to WEEKLY: D36) */
    OK(CREATE_FULL, O0 "/syncWeeklyDay", "0");
    OK(CREATE_FULL, O0 "/syncWeeklyDay", "6");
    BAD(CREATE_FULL, O0 "/syncWeeklyDay", "7", O0 "/syncWeeklyDay", "maximum");
    BAD(CREATE_FULL, O0 "/syncWeeklyDay", "-1", O0 "/syncWeeklyDay", "minimum");
    BAD(CREATE_FULL, O0 "/syncWeeklyDay", "3.5", O0 "/syncWeeklyDay", "type");
    BAD(CREATE_FULL, O0 "/syncWeeklyDay", "\"MONDAY\"", O0 "/syncWeeklyDay", "type");
    /* enabled boolean */
    OK(CREATE_FULL, O0 "/enabled", "false");
    BAD(CREATE_FULL, O0 "/enabled", "\"true\"", O0 "/enabled", "type");
    BAD(CREATE_FULL, O0 "/enabled", "1", O0 "/enabled", "type");
    /* credentialName 1..64 matching ^[a-zA-Z0-9][a-zA-Z0-9_-]*$ */
    OKN(CREATE_FULL, O0 "/credentialName", padded("gcs-", 'r', 64));
    BADN(CREATE_FULL, O0 "/credentialName", padded("gcs-", 'r', 65), O0 "/credentialName", "maxLength");
    OK(CREATE_FULL, O0 "/credentialName", "\"a\"");
    OK(CREATE_FULL, O0 "/credentialName", "\"0_a-B\"");
    BAD2(CREATE_FULL, O0 "/credentialName", "\"\"", O0 "/credentialName", "minLength",
         O0 "/credentialName", "pattern");
    BAD(CREATE_FULL, O0 "/credentialName", "\"-gcs\"", O0 "/credentialName", "pattern");
    BAD(CREATE_FULL, O0 "/credentialName", "\"_gcs\"", O0 "/credentialName", "pattern");
    BAD(CREATE_FULL, O0 "/credentialName", "\"gcs reporting\"", O0 "/credentialName", "pattern");
    BAD(CREATE_FULL, O0 "/credentialName", "\"gcs.reporting\"", O0 "/credentialName", "pattern");
    BAD(CREATE_FULL, O0 "/credentialName", "\"gcs\\n\"", O0 "/credentialName", "pattern");
    /* deliveryConfig.type */
    OK(CREATE_FULL, O0 "/deliveryConfig/type", "\"GCS\"");
    OK(CREATE_FULL, O0 "/deliveryConfig/type", "\"S3\"");
    OK(CREATE_FULL, O0 "/deliveryConfig/type", "\"AZURE_BLOB\"");
    BAD(CREATE_FULL, O0 "/deliveryConfig/type", "\"gcs\"", O0 "/deliveryConfig/type", "enum");
    BAD(CREATE_FULL, O0 "/deliveryConfig/type", "\"AZURE\"", O0 "/deliveryConfig/type", "enum");
    BAD(CREATE_FULL, O0 "/deliveryConfig/type", NULL, O0 "/deliveryConfig", "required");
    BAD(CREATE_FULL, O0 "/deliveryConfig", "\"GCS\"", O0 "/deliveryConfig", "type");
    /* D37: storage-specific members pass through */
    OK(CREATE_FULL, O0 "/deliveryConfig/region", "\"europe-west1\"");
    /* pathPrefix at most 1024 code points */
    OK(CREATE_FULL, O0 "/deliveryConfig/pathPrefix", "\"\"");
    OKN(CREATE_FULL, O0 "/deliveryConfig/pathPrefix", text_cp(1024));
    BADN(CREATE_FULL, O0 "/deliveryConfig/pathPrefix", text_cp(1025), O0 "/deliveryConfig/pathPrefix", "maxLength");
    BAD(CREATE_FULL, O0 "/deliveryConfig/pathPrefix", "null", O0 "/deliveryConfig/pathPrefix", "type");
    /* format */
    OK(CREATE_FULL, O0 "/deliveryConfig/format", "\"JSONL\"");
    OK(CREATE_FULL, O0 "/deliveryConfig/format", "\"PARQUET\"");
    OK(CREATE_FULL, O0 "/deliveryConfig/format", "\"CSV\"");
    OK(CREATE_FULL, O0 "/deliveryConfig/format", NULL);
    BAD(CREATE_FULL, O0 "/deliveryConfig/format", "\"json\"", O0 "/deliveryConfig/format", "enum");
    BAD(CREATE_FULL, O0 "/deliveryConfig/format", "\"jsonl\"", O0 "/deliveryConfig/format", "enum");
#undef O0
}

/* ---- optimization goals ------------------------------------------------------ */

/* C090: performanceConfig.optimizationGoals, at least one goal, required (D7) */
static void test_goal_list(struct bctx *x)
{
    OK(CREATE_FULL, "/performanceConfig/optimizationGoals/1", NULL);
    BAD(CREATE_FULL, "/performanceConfig/optimizationGoals", "[]", "/performanceConfig/optimizationGoals", "minItems");
    BAD(CREATE_FULL, "/performanceConfig/optimizationGoals", NULL, "/performanceConfig", "required");
    BAD(CREATE_FULL, "/performanceConfig/optimizationGoals", "{}", "/performanceConfig/optimizationGoals", "type");
    BAD(UPDATE_SET, "/performanceConfig/optimizationGoals", "[]", "/performanceConfig/optimizationGoals", "minItems");
}

/* C091: campaign-level goal kind */
static void test_goal_kind(struct bctx *x)
{
    BAD(CREATE_FULL, EG "/kind", "\"vendor_metric\"", EG "/kind", "enum");
    BAD(CREATE_FULL, EG "/kind", "\"EVENT\"", EG "/kind", "enum");
    BAD(CREATE_FULL, EG "/kind", "\"conversion\"", EG "/kind", "enum");
    BAD(CREATE_FULL, EG "/kind", NULL, EG, "required");
    OK(CREATE_FULL, MG, "{\"kind\": \"event\", \"eventSources\": [{\"eventSourceId\": \"s\", \"eventType\": \"lead\"}]}");
    OK(CREATE_FULL, EG, "{\"kind\": \"metric\", \"metric\": \"clicks\"}");
    /* the kind decides which members apply: camelCase, not the media-buy spelling */
    BAD(CREATE_FULL, MG, "{\"kind\": \"event\", \"event_sources\": [{\"event_source_id\": \"s\", \"event_type\": \"lead\"}]}",
        MG, "required");
}

/* C092, C093: event goal sources */
static void test_event_sources(struct bctx *x)
{
#define S0 EG "/eventSources/0"
    BAD(CREATE_FULL, EG "/eventSources", "[]", EG "/eventSources", "minItems");
    BAD(CREATE_FULL, EG "/eventSources", NULL, EG, "required");
    OK(CREATE_FULL, EG "/eventSources/-", "{\"eventSourceId\": \"app\", \"eventType\": \"app_install\"}");
    OK(CREATE_FULL, S0 "/eventSourceId", "\"p\"");
    BAD(CREATE_FULL, S0 "/eventSourceId", "\"\"", S0 "/eventSourceId", "minLength");
    BAD(CREATE_FULL, S0 "/eventSourceId", NULL, S0, "required");
    BAD(CREATE_FULL, S0 "/eventType", NULL, S0, "required");
    OK(CREATE_FULL, S0 "/customEventName", "\"signup_complete\"");
    BAD(CREATE_FULL, S0 "/customEventName", "1", S0 "/customEventName", "type");
    OK(CREATE_FULL, S0 "/valueField", NULL);
    BAD(CREATE_FULL, S0 "/valueField", "true", S0 "/valueField", "type");
    OK(CREATE_FULL, S0 "/valueFactor", "0.5");
    BAD(CREATE_FULL, S0 "/valueFactor", "\"1\"", S0 "/valueFactor", "type");
    /* D34: a custom event needs no name */
    OK(CREATE_FULL, S0 "/eventType", "\"custom\"");
#undef S0
}

static const char *const event_types[] = {
    "page_view", "view_content", "select_content", "select_item", "search", "share", "add_to_cart",
    "remove_from_cart", "viewed_cart", "add_to_wishlist", "initiate_checkout", "add_payment_info",
    "purchase", "refund", "lead", "qualify_lead", "close_convert_lead", "disqualify_lead",
    "complete_registration", "subscribe", "start_trial", "app_install", "app_launch", "contact",
    "schedule", "donate", "submit_application", "custom"
};

/* C094: the 28 event types, both spellings of the goal */
static void test_event_types(struct bctx *x)
{
    CHECK_INT(&T, sizeof event_types / sizeof *event_types, 28);
    for (size_t i = 0; i < sizeof event_types / sizeof *event_types; i++) {
        char v[64];
        snprintf(v, sizeof v, "\"%s\"", event_types[i]);
        OK(CREATE_FULL, EG "/eventSources/0/eventType", v);
        OK(UPDATE_MBG, MBG_E "/event_sources/0/event_type", v);
    }
    BAD(CREATE_FULL, EG "/eventSources/0/eventType", "\"Purchase\"", EG "/eventSources/0/eventType", "enum");
    BAD(CREATE_FULL, EG "/eventSources/0/eventType", "\"conversion\"", EG "/eventSources/0/eventType", "enum");
    BAD(CREATE_FULL, EG "/eventSources/0/eventType", "\"add_to_basket\"", EG "/eventSources/0/eventType", "enum");
    BAD(UPDATE_MBG, MBG_E "/event_sources/0/event_type", "\"PURCHASE\"", MBG_E "/event_sources/0/event_type", "enum");
}

/* C095: campaign-level attribution window */
static void test_attribution_window(struct bctx *x)
{
#define AW EG "/attributionWindow"
    OK(CREATE_FULL, AW "/postView", NULL);
    OK(CREATE_FULL, AW, NULL);
    BAD(CREATE_FULL, AW "/postClick", NULL, AW, "required");
    BAD(CREATE_FULL, AW "/postClick", "7", AW "/postClick", "type");
    BAD(CREATE_FULL, AW "/postView", "{\"interval\": 1, \"unit\": \"weeks\"}", AW "/postView/unit", "enum");
#undef AW
}

/* C096: goal priority integer >= 1, at both levels */
static void test_goal_priority(struct bctx *x)
{
    OK(CREATE_FULL, EG "/priority", "1");
    OK(CREATE_FULL, MG "/priority", "100");
    BAD(CREATE_FULL, EG "/priority", "0", EG "/priority", "minimum");
    BAD(CREATE_FULL, EG "/priority", "-1", EG "/priority", "minimum");
    BAD(CREATE_FULL, MG "/priority", "1.5", MG "/priority", "type");
    BAD(CREATE_FULL, MG "/priority", "\"1\"", MG "/priority", "type");
    /* campaign level: an int53 (CF (corrected): upper bound) */
    OK(CREATE_FULL, EG "/priority", "9007199254740991");
    BAD(CREATE_FULL, EG "/priority", "9007199254740992", EG "/priority", "maximum");
    OK(CREATE_FULL, MG "/priority", "9007199254740991");
    BAD(CREATE_FULL, MG "/priority", "9007199254740992", MG "/priority", "maximum");
    /* media-buy level: any number >= 1, no upper bound (CF (corrected)) */
    OK(UPDATE_MBG, MBG_E "/priority", "1");
    OK(UPDATE_MBG, MBG_V "/priority", "2.5");
    OK(UPDATE_MBG, MBG_M "/priority", "1.000001");
    OK(UPDATE_MBG, MBG_M "/priority", "9007199254740993");
    BAD(UPDATE_MBG, MBG_E "/priority", "0", MBG_E "/priority", "minimum");
    BAD(UPDATE_MBG, MBG_M "/priority", "0.999999", MBG_M "/priority", "minimum");
    BAD(UPDATE_MBG, MBG_V "/priority", "\"1\"", MBG_V "/priority", "type");
}

static const char *const metrics[] = {
    "clicks", "views", "completed_views", "viewed_seconds", "attention_seconds", "attention_score",
    "engagements", "follows", "saves", "profile_visits"
};

/* C097, C098: campaign-level metric goals */
static void test_metric_goal(struct bctx *x)
{
    for (size_t i = 0; i < sizeof metrics / sizeof *metrics; i++) {
        char v[64];
        snprintf(v, sizeof v, "\"%s\"", metrics[i]);
        OK(CREATE_FULL, MG "/metric", v);
    }
    /* reach exists only at the media-buy level */
    BAD(CREATE_FULL, MG "/metric", "\"reach\"", MG "/metric", "enum");
    BAD(CREATE_FULL, MG "/metric", "\"impressions\"", MG "/metric", "enum");
    BAD(CREATE_FULL, MG "/metric", "\"CLICKS\"", MG "/metric", "enum");
    BAD(CREATE_FULL, MG "/metric", NULL, MG, "required");
    OK(CREATE_FULL, MG "/viewDurationSeconds", "0.001");
    OK(CREATE_FULL, MG "/viewDurationSeconds", NULL);
    BAD(CREATE_FULL, MG "/viewDurationSeconds", "0", MG "/viewDurationSeconds", "exclusiveMinimum");
    BAD(CREATE_FULL, MG "/viewDurationSeconds", "-1", MG "/viewDurationSeconds", "exclusiveMinimum");
    BAD(CREATE_FULL, MG "/viewDurationSeconds", "\"15\"", MG "/viewDurationSeconds", "type");
}

/* C099, C100: target kind and value (D9, D10) */
static void test_goal_target(struct bctx *x)
{
    BAD(CREATE_FULL, EG "/target/kind", "\"cpa\"", EG "/target/kind", "enum");
    BAD(CREATE_FULL, EG "/target/kind", "\"COST_PER\"", EG "/target/kind", "enum");
    BAD(CREATE_FULL, EG "/target/kind", NULL, EG "/target", "required");
    OK(CREATE_FULL, EG "/target/value", "0.0001");
    BAD(CREATE_FULL, EG "/target/value", "0", EG "/target/value", "exclusiveMinimum");
    BAD(CREATE_FULL, EG "/target/value", "-5", EG "/target/value", "exclusiveMinimum");
    BAD(CREATE_FULL, EG "/target/value", "\"25\"", EG "/target/value", "type");
    OK(CREATE_FULL, EG "/target", NULL);
    /* value required for cost_per, per_ad_spend, threshold_rate */
    BAD(CREATE_FULL, EG "/target/value", NULL, EG "/target", "x-error");
    CHECK_MSG(&T, strstr(x->message, "\"cost_per\"") != NULL, "message should name the kind: %s", x->message);
    BAD(CREATE_FULL, EG "/target", "{\"kind\": \"per_ad_spend\"}", EG "/target", "x-error");
    BAD(CREATE_FULL, MG "/target/value", NULL, MG "/target", "x-error");
    CHECK_MSG(&T, strstr(x->message, "\"threshold_rate\"") != NULL, "message should name the kind: %s", x->message);
    /* maximize_value needs none; one sent anyway must still be > 0 */
    OK(CREATE_FULL, EG "/target", "{\"kind\": \"maximize_value\"}");
    OK(CREATE_FULL, EG "/target", "{\"kind\": \"maximize_value\", \"value\": 1}");
    BAD(CREATE_FULL, EG "/target", "{\"kind\": \"maximize_value\", \"value\": 0}", EG "/target/value", "exclusiveMinimum");
    /* the media-buy level: a value is still required, but any number (CF (corrected)) */
    OK(UPDATE_MBG, MBG_M "/target/value", "0");
    OK(UPDATE_MBG, MBG_M "/target/value", "-1.5");
    OK(UPDATE_MBG, MBG_E "/target/value", "0");
    BAD(UPDATE_MBG, MBG_M "/target/value", "\"0.4\"", MBG_M "/target/value", "type");
    BAD(UPDATE_MBG, MBG_M "/target/value", NULL, MBG_M "/target", "x-error");
    BAD(UPDATE_MBG, MBG_V "/target/value", NULL, MBG_V "/target", "x-error");
    BAD(UPDATE_MBG, MBG_E "/target/kind", "\"roas\"", MBG_E "/target/kind", "enum");
    OK(UPDATE_MBG, MBG_E "/target", "{\"kind\": \"maximize_value\"}");
}

/* C101: per_ad_spend and maximize_value only for event goals */
static void test_event_only_targets(struct bctx *x)
{
    OK(CREATE_FULL, EG "/target/kind", "\"per_ad_spend\"");
    OK(CREATE_FULL, EG "/target", "{\"kind\": \"maximize_value\"}");
    OK(CREATE_FULL, EG "/target/kind", "\"cost_per\"");
    BAD(CREATE_FULL, MG "/target/kind", "\"per_ad_spend\"", MG "/target/kind", "x-error");
    CHECK_MSG(&T, strstr(x->message, "\"per_ad_spend\"") && strstr(x->message, "event goals"),
              "message: %s", x->message);
    BAD(CREATE_FULL, MG "/target", "{\"kind\": \"maximize_value\"}", MG "/target/kind", "x-error");
    CHECK_MSG(&T, strstr(x->message, "\"maximize_value\"") != NULL, "message: %s", x->message);
    OK(CREATE_FULL, MG "/target/kind", "\"cost_per\"");
    /* media-buy level: event valid, metric and vendor_metric not */
    OK(UPDATE_MBG, MBG_E "/target/kind", "\"per_ad_spend\"");
    OK(UPDATE_MBG, MBG_E "/target", "{\"kind\": \"maximize_value\"}");
    BAD(UPDATE_MBG, MBG_M "/target/kind", "\"per_ad_spend\"", MBG_M "/target/kind", "x-error");
    BAD(UPDATE_MBG, MBG_M "/target", "{\"kind\": \"maximize_value\"}", MBG_M "/target/kind", "x-error");
    BAD(UPDATE_MBG, MBG_V "/target/kind", "\"per_ad_spend\"", MBG_V "/target/kind", "x-error");
    BAD(UPDATE_MBG, MBG_V "/target", "{\"kind\": \"maximize_value\"}", MBG_V "/target/kind", "x-error");
    OK(UPDATE_MBG, MBG_V "/target/kind", "\"cost_per\"");
    /* returned media buys (C224) */
    BAD(RESP_ACTIVE, "/campaign/mediaBuys/0/optimizationGoals/0/target/kind", "\"per_ad_spend\"",
        "/campaign/mediaBuys/0/optimizationGoals/0/target/kind", "x-error");
}

/* C102: threshold_rate only for metric goals */
static void test_metric_only_targets(struct bctx *x)
{
    OK(CREATE_FULL, MG "/target/kind", "\"threshold_rate\"");
    BAD(CREATE_FULL, EG "/target/kind", "\"threshold_rate\"", EG "/target/kind", "x-error");
    CHECK_MSG(&T, strstr(x->message, "\"threshold_rate\"") && strstr(x->message, "metric goals"),
              "message: %s", x->message);
    OK(UPDATE_MBG, MBG_M "/target/kind", "\"threshold_rate\"");
    OK(UPDATE_MBG, MBG_V "/target/kind", "\"threshold_rate\"");
    BAD(UPDATE_MBG, MBG_E "/target/kind", "\"threshold_rate\"", MBG_E "/target/kind", "x-error");
}

/* C103: media-buy-level goal kind */
static void test_media_buy_goal_kind(struct bctx *x)
{
    BASE(UPDATE_MBG);
    BAD(UPDATE_MBG, MBG_M "/kind", "\"Metric\"", MBG_M "/kind", "enum");
    BAD(UPDATE_MBG, MBG_M "/kind", "\"vendor\"", MBG_M "/kind", "enum");
    BAD(UPDATE_MBG, MBG_M "/kind", NULL, MBG_M, "required");
    OK(UPDATE_MBG, MBG_M, "{\"kind\": \"vendor_metric\", \"vendor\": {\"domain\": \"moat.com\"}, \"metric_id\": \"m\"}");
    /* snake_case members: the campaign-level spelling is not the media-buy one */
    BAD(UPDATE_MBG, MBG_E, "{\"kind\": \"event\", \"eventSources\": [{\"eventSourceId\": \"s\", \"eventType\": \"lead\"}]}",
        MBG_E, "required");
}

/* C104, C105, C107: media-buy metric goals */
static void test_media_buy_metric_goal(struct bctx *x)
{
    for (size_t i = 0; i < sizeof metrics / sizeof *metrics; i++) {
        char v[64];
        snprintf(v, sizeof v, "\"%s\"", metrics[i]);
        OK(UPDATE_MBG, MBG_M "/metric", v);
        OK(RESP_ACTIVE, "/campaign/mediaBuys/0/optimizationGoals/0/metric", v);
    }
    OK(UPDATE_MBG, MBG_M "/metric", "\"reach\"");
    OK(RESP_ACTIVE, "/campaign/mediaBuys/0/optimizationGoals/0/metric", "\"reach\"");
    BAD(UPDATE_MBG, MBG_M "/metric", "\"impressions\"", MBG_M "/metric", "enum");
    BAD(UPDATE_MBG, MBG_M "/metric", "\"Reach\"", MBG_M "/metric", "enum");
    BAD(UPDATE_MBG, MBG_M "/metric", NULL, MBG_M, "required");
    static const char *const units[] = { "individuals", "households", "devices", "accounts", "cookies", "custom" };
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
        char v[64];
        snprintf(v, sizeof v, "\"%s\"", units[i]);
        OK(UPDATE_MBG, MBG_M "/reach_unit", v);
    }
    BAD(UPDATE_MBG, MBG_M "/reach_unit", "\"people\"", MBG_M "/reach_unit", "enum");
    BAD(UPDATE_MBG, MBG_M "/reach_unit", "\"HOUSEHOLDS\"", MBG_M "/reach_unit", "enum");
    /* D8: reach_unit is not tied to metric reach */
    OK(UPDATE_MBG, MBG_M "/metric", "\"clicks\"");
    /* view_duration_seconds: a number, no documented bound */
    OK(UPDATE_MBG, MBG_M "/view_duration_seconds", "15");
    OK(UPDATE_MBG, MBG_M "/view_duration_seconds", "0");
    BAD(UPDATE_MBG, MBG_M "/view_duration_seconds", "\"15\"", MBG_M "/view_duration_seconds", "type");
}

/* C106: target_frequency (window required, min and max optional, min <= max
 * not checked: D8, D35) */
static void test_target_frequency(struct bctx *x)
{
#define TF MBG_M "/target_frequency"
    OK(UPDATE_MBG, TF, "{\"window\": {\"interval\": 1, \"unit\": \"days\"}}");
    OK(UPDATE_MBG, TF "/min", NULL);
    OK(UPDATE_MBG, TF "/max", NULL);
    BAD(UPDATE_MBG, TF, "{}", TF, "required");
    BAD(UPDATE_MBG, TF "/window", NULL, TF, "required");
    OK(UPDATE_MBG, TF "/min", "1");
    BAD(UPDATE_MBG, TF "/min", "0.5", TF "/min", "minimum");
    BAD(UPDATE_MBG, TF "/min", "0", TF "/min", "minimum");
    OK(UPDATE_MBG, TF "/max", "1");
    BAD(UPDATE_MBG, TF "/max", "0.99", TF "/max", "minimum");
    OK(UPDATE_MBG, TF "/min", "5"); /* min > max (3): D35 */
    OK(UPDATE_MBG, TF "/window/interval", "1");
    BAD(UPDATE_MBG, TF "/window/interval", "0.5", TF "/window/interval", "minimum");
    BAD(UPDATE_MBG, TF "/window/unit", "\"weeks\"", TF "/window/unit", "enum");
    OK(UPDATE_MBG, TF "/window/unit", "\"seconds\"");
    BAD(UPDATE_MBG, TF "/window/unit", NULL, TF "/window", "required");
    BAD(UPDATE_MBG, TF, "3", TF, "type");
#undef TF
}

/* C108: media-buy event goal sources */
static void test_media_buy_event_sources(struct bctx *x)
{
#define S0 MBG_E "/event_sources/0"
    OK(UPDATE_MBG, MBG_E "/event_sources", "[]"); /* no minimum at this level (CF (corrected)) */
    BAD(UPDATE_MBG, MBG_E "/event_sources", "{}", MBG_E "/event_sources", "type");
    BAD(UPDATE_MBG, MBG_E "/event_sources", NULL, MBG_E, "required");
    OK(UPDATE_MBG, S0 "/event_source_id", "\"p\"");
    BAD(UPDATE_MBG, S0 "/event_source_id", "\"\"", S0 "/event_source_id", "minLength");
    BAD(UPDATE_MBG, S0 "/event_source_id", NULL, S0, "required");
    BAD(UPDATE_MBG, S0 "/event_type", NULL, S0, "required");
    OK(UPDATE_MBG, S0 "/custom_event_name", "\"signup\"");
    BAD(UPDATE_MBG, S0 "/custom_event_name", "1", S0 "/custom_event_name", "type");
    BAD(UPDATE_MBG, S0 "/value_field", "[]", S0 "/value_field", "type");
    OK(UPDATE_MBG, S0 "/value_factor", "2.5");
    BAD(UPDATE_MBG, S0 "/value_factor", "\"x\"", S0 "/value_factor", "type");
#undef S0
}

/* C109: media-buy attribution window */
static void test_media_buy_attribution(struct bctx *x)
{
#define AW MBG_E "/attribution_window"
    OK(UPDATE_MBG, AW, "{}");
    OK(UPDATE_MBG, AW "/post_click/interval", "1");
    BAD(UPDATE_MBG, AW "/post_click/interval", "0.5", AW "/post_click/interval", "minimum");
    BAD(UPDATE_MBG, AW "/post_click/interval", "0", AW "/post_click/interval", "minimum");
    BAD(UPDATE_MBG, AW "/post_view/unit", "\"weeks\"", AW "/post_view/unit", "enum");
    OK(UPDATE_MBG, AW "/post_view/unit", "\"seconds\"");
    BAD(UPDATE_MBG, AW "/post_view/interval", NULL, AW "/post_view", "required");
    static const char *const models[] = { "last_touch", "first_touch", "linear", "time_decay", "data_driven" };
    for (size_t i = 0; i < sizeof models / sizeof *models; i++) {
        char v[64];
        snprintf(v, sizeof v, "\"%s\"", models[i]);
        OK(UPDATE_MBG, AW "/model", v);
    }
    BAD(UPDATE_MBG, AW "/model", "\"last_click\"", AW "/model", "enum");
    BAD(UPDATE_MBG, AW "/model", "\"LINEAR\"", AW "/model", "enum");
#undef AW
}

/* C110: vendor_metric goals (D11: the description's lower-case DNS name
 * pattern, a single label accepted, no length limit) */
static void test_vendor_metric_goal(struct bctx *x)
{
#define D MBG_V "/vendor/domain"
    OK(UPDATE_MBG, D, "\"moat.com\"");
    OK(UPDATE_MBG, D, "\"a.b\"");
    OK(UPDATE_MBG, D, "\"x-1.attention.example\"");
    OK(UPDATE_MBG, D, "\"moat\"");
    OK(UPDATE_MBG, D, "\"a\"");
    BAD(UPDATE_MBG, D, "\"\"", D, "pattern");
    BAD(UPDATE_MBG, D, "\"Moat.com\"", D, "pattern");
    BAD(UPDATE_MBG, D, "\"-moat.com\"", D, "pattern");
    BAD(UPDATE_MBG, D, "\"moat-.com\"", D, "pattern");
    BAD(UPDATE_MBG, D, "\"moat..com\"", D, "pattern");
    BAD(UPDATE_MBG, D, "\"moat.com.\"", D, "pattern");
    BAD(UPDATE_MBG, D, "\"https://moat.com\"", D, "pattern");
    BAD(UPDATE_MBG, D, "\"moat.com\\n\"", D, "pattern");
    BAD(UPDATE_MBG, D, "\"m\\u00f6at.com\"", D, "pattern");
    /* labels and names of any length (the description sets no bound) */
    {
        char v[600];
        const char *l63 = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
        snprintf(v, sizeof v, "\"%s%s.com\"", l63, l63);
        OK(UPDATE_MBG, D, v);
        snprintf(v, sizeof v, "\"%s.%s.%s.%s.%s\"", l63, l63, l63, l63, l63);
        OK(UPDATE_MBG, D, v);
    }
    BAD(UPDATE_MBG, MBG_V "/vendor/domain", NULL, MBG_V "/vendor", "required");
    BAD(UPDATE_MBG, MBG_V "/vendor", NULL, MBG_V, "required");
    BAD(UPDATE_MBG, MBG_V "/vendor", "\"moat.com\"", MBG_V "/vendor", "type");
    BAD(UPDATE_MBG, MBG_V "/metric_id", NULL, MBG_V, "required");
    OK(UPDATE_MBG, MBG_V "/metric_id", "\"\""); /* a plain string (CF (corrected)) */
    BAD(UPDATE_MBG, MBG_V "/metric_id", "7", MBG_V "/metric_id", "type");
#undef D
}

/* C112-C115: the open vendor object's declared members (CF (corrected)) */
static void test_vendor_object(struct bctx *x)
{
#define V MBG_V "/vendor"
#define L V "/brand_kit_override/logo"
#define P L "/provenance"
    BASE(UPDATE_MBG);
    OK(UPDATE_MBG, V "/unlisted", "{\"any\": 1}"); /* open: unknown members pass */
    OK(UPDATE_MBG, V "/brand_id", NULL);
    BAD(UPDATE_MBG, V "/brand_id", "12", V "/brand_id", "type");
    OK(UPDATE_MBG, V "/industries", "[]");
    BAD(UPDATE_MBG, V "/industries/0", "1", V "/industries/0", "type");
    BAD(UPDATE_MBG, V "/industries", "\"retail\"", V "/industries", "type");
    /* data_subject_contestation: every member optional; url https, the description's email pattern */
    OK(UPDATE_MBG, V "/data_subject_contestation", "{}");
    OK(UPDATE_MBG, V "/data_subject_contestation/url", "\"https://x\"");
    BAD(UPDATE_MBG, V "/data_subject_contestation/url", "\"http://vendor.example/privacy\"",
        V "/data_subject_contestation/url", "pattern");
    OK(UPDATE_MBG, V "/data_subject_contestation/email", "\"a+b_c-d.e@mail.vendor.io\"");
    BAD(UPDATE_MBG, V "/data_subject_contestation/email", "\".privacy@vendor.example\"",
        V "/data_subject_contestation/email", "pattern");
    BAD(UPDATE_MBG, V "/data_subject_contestation/email", "\"pri..vacy@vendor.example\"",
        V "/data_subject_contestation/email", "pattern");
    BAD(UPDATE_MBG, V "/data_subject_contestation/email", "\"privacy.@vendor.example\"",
        V "/data_subject_contestation/email", "pattern");
    BAD(UPDATE_MBG, V "/data_subject_contestation/email", "\"privacy@vendor.e\"",
        V "/data_subject_contestation/email", "pattern");
    BAD(UPDATE_MBG, V "/data_subject_contestation/languages", "[true]",
        V "/data_subject_contestation/languages/0", "type");
    /* brand_kit_override: every member optional; a logo needs asset_type image, url, width, height >= 1 */
    OK(UPDATE_MBG, V "/brand_kit_override", "{}");
    OK(UPDATE_MBG, V "/brand_kit_override/logo",
       "{\"asset_type\": \"image\", \"url\": \"u\", \"width\": 1, \"height\": 1}");
    BAD(UPDATE_MBG, L "/asset_type", "\"video\"", L "/asset_type", "const");
    BAD(UPDATE_MBG, L "/width", "0.9", L "/width", "minimum");
    BAD(UPDATE_MBG, L "/height", "0", L "/height", "minimum");
    BAD(UPDATE_MBG, L "/url", NULL, L, "required");
    BAD(UPDATE_MBG, L "/alt_text", "[]", L "/alt_text", "type");
    OK(UPDATE_MBG, V "/brand_kit_override/colors/secondary", "\"#000000\"");
    BAD(UPDATE_MBG, V "/brand_kit_override/colors/primary", "\"#1a2b3\"",
        V "/brand_kit_override/colors/primary", "pattern");
    BAD(UPDATE_MBG, V "/brand_kit_override/colors/accent", "\"1a2b3c\"",
        V "/brand_kit_override/colors/accent", "pattern");
    BAD(UPDATE_MBG, V "/brand_kit_override/voice", "1", V "/brand_kit_override/voice", "type");
    /* provenance: every member optional, each declared one checked */
    OK(UPDATE_MBG, P, "{}");
    OK(UPDATE_MBG, P "/digital_source_type", "\"composite_with_trained_algorithmic_media\"");
    BAD(UPDATE_MBG, P "/digital_source_type", "\"photo\"", P "/digital_source_type", "enum");
    BAD(UPDATE_MBG, P "/human_oversight", "\"some\"", P "/human_oversight", "enum");
    BAD(UPDATE_MBG, P "/declared_by/role", NULL, P "/declared_by", "required");
    BAD(UPDATE_MBG, P "/declared_at", "\"2026-04-01\"", P "/declared_at", "format");
    OK(UPDATE_MBG, P "/ai_tool", "{\"name\": \"gen\", \"version\": \"2\"}");
    BAD(UPDATE_MBG, P "/ai_tool", "{\"version\": \"2\"}", P "/ai_tool", "required");
    BAD(UPDATE_MBG, P "/c2pa", "{}", P "/c2pa", "required");
    OK(UPDATE_MBG, P "/watermarks",
       "[{\"media_type\": \"image\", \"provider\": \"w\", \"verify_agent\": {\"agent_url\": \"https://v\"}}]");
    BAD(UPDATE_MBG, P "/watermarks", "[{\"media_type\": \"image\", \"provider\": \"w\", "
        "\"verify_agent\": {\"agent_url\": \"http://v\"}}]", P "/watermarks/0/verify_agent/agent_url", "pattern");
    BAD(UPDATE_MBG, P "/embedded_provenance", "[{\"method\": \"stamp\", \"provider\": \"p\"}]",
        P "/embedded_provenance/0/method", "enum");
    OK(UPDATE_MBG, P "/verification", "[{\"verified_by\": \"v\", \"result\": \"authentic\", \"confidence\": 1}]");
    BAD(UPDATE_MBG, P "/verification", "[{\"verified_by\": \"v\", \"result\": \"authentic\", \"confidence\": 1.01}]",
        P "/verification/0/confidence", "maximum");
    BAD(UPDATE_MBG, P "/disclosure", "{}", P "/disclosure", "required");
    BAD(UPDATE_MBG, P "/disclosure/jurisdictions",
        "[{\"country\": \"DE\", \"regulation\": \"r\", \"render_guidance\": {\"min_duration_ms\": 0}}]",
        P "/disclosure/jurisdictions/0/render_guidance/min_duration_ms", "minimum");
    OK(UPDATE_MBG, P "/ext", "{\"anything\": [1, 2]}");
#undef P
#undef L
#undef V
}

/* ---- create request ------------------------------------------------------------ */

/* C120: open object */
static void test_create_open(struct bctx *x)
{
    UNKNOWN(CREATE, "/notes", "\"unknown members are ignored\"");
    UNKNOWN(CREATE, "/budget/roundUp", "true");
    UNKNOWN(CREATE_FULL, "/constraints/continents", "[\"EU\"]");
}

/* C122, C142, C160, C205: names are 1..255 code points */
static void test_name_length(struct bctx *x)
{
    BAD(CREATE, "/name", "\"\"", "/name", "minLength");
    OK(CREATE, "/name", "\"Q\"");
    OKN(CREATE, "/name", text_cp(255));
    BADN(CREATE, "/name", text_cp(256), "/name", "maxLength");
    /* 255 two-byte and 255 four-byte characters (510 UTF-16 units) */
    OKN(CREATE, "/name", repeat("\xc3\xa9", 255));
    BADN(CREATE, "/name", repeat("\xc3\xa9", 256), "/name", "maxLength");
    OKN(CREATE, "/name", repeat("\xf0\x9f\x9a\x80", 255));
    BADN(CREATE, "/name", repeat("\xf0\x9f\x9a\x80", 256), "/name", "maxLength");
    /* a decomposed é is two code points */
    OKN(CREATE, "/name", repeat("e\xcc\x81", 127));
    BADN(CREATE, "/name", repeat("e\xcc\x81", 128), "/name", "maxLength");
    BAD(CREATE, "/name", NULL, "", "required");
    BAD(CREATE, "/name", "42", "/name", "type");
    /* update (C142) */
    OKN(UPDATE_SET, "/name", text_cp(255));
    BADN(UPDATE_SET, "/name", text_cp(256), "/name", "maxLength");
    BAD(UPDATE_SET, "/name", "\"\"", "/name", "minLength");
    /* media buy entries (C160) */
    OK(UPDATE_MBG, "/mediaBuys/0/name", "\"M\"");
    BAD(UPDATE_MBG, "/mediaBuys/0/name", "\"\"", "/mediaBuys/0/name", "minLength");
    OKN(UPDATE_MBG, "/mediaBuys/0/name", text_cp(255));
    BADN(UPDATE_MBG, "/mediaBuys/0/name", text_cp(256), "/mediaBuys/0/name", "maxLength");
    /* returned campaigns and list items (C205) */
    OKN(RESP, "/campaign/name", text_cp(255));
    BADN(RESP, "/campaign/name", text_cp(256), "/campaign/name", "maxLength");
    BADN(LIST, "/campaigns/2/name", text_cp(256), "/campaigns/2/name", "maxLength");
}

/* C123, C124: required create members */
static void test_create_required(struct bctx *x)
{
    BASE(CREATE);
    static const char *const req[] = { "/advertiserId", "/name", "/flightDates", "/budget", "/campaignType" };
    for (size_t i = 0; i < sizeof req / sizeof *req; i++)
        BAD(CREATE, req[i], NULL, "", "required");
    BAD(CREATE, "", "[]", "", "type");
}

/* C125, C145: brief at most 5000 code points */
static void test_brief_length(struct bctx *x)
{
    OK(CREATE, "/brief", "\"\"");
    OKN(CREATE, "/brief", text_cp(5000));
    BADN(CREATE, "/brief", text_cp(5001), "/brief", "maxLength");
    OKN(CREATE, "/brief", repeat("\xf0\x9f\x8e\xac", 5000));
    BADN(CREATE, "/brief", repeat("\xf0\x9f\x8e\xac", 5001), "/brief", "maxLength");
    BAD(CREATE, "/brief", "[\"video\"]", "/brief", "type");
    OKN(UPDATE_SET, "/brief", text_cp(5000));
    BADN(UPDATE_SET, "/brief", text_cp(5001), "/brief", "maxLength");
    BADN(RESP, "/campaign/brief", text_cp(5001), "/campaign/brief", "maxLength");
}

/* C126, C146: storefrontIds at most 50 int53 */
static void test_storefront_ids(struct bctx *x)
{
    BASE(CREATE_MAX);
    BAD(CREATE_MAX, "/storefrontIds/-", "1048", "/storefrontIds", "maxItems");
    OKN(CREATE_FULL, "/storefrontIds", array_of("%d", 50));
    BADN(CREATE_FULL, "/storefrontIds", array_of("%d", 51), "/storefrontIds", "maxItems");
    OK(CREATE_FULL, "/storefrontIds", "[]");
    OK(CREATE_FULL, "/storefrontIds/0", "9007199254740991");
    BAD(CREATE_FULL, "/storefrontIds/0", "9007199254740992", "/storefrontIds/0", "maximum");
    BAD(CREATE_FULL, "/storefrontIds/0", "\"42\"", "/storefrontIds/0", "type");
    BAD(CREATE_FULL, "/storefrontIds/0", "42.5", "/storefrontIds/0", "type");
    BAD(CREATE_FULL, "/storefrontIds", "42", "/storefrontIds", "type");
    /* update: [] clears the limit */
    BASE(UPDATE_SET);
    OKN(UPDATE_SET, "/storefrontIds", array_of("%d", 50));
    BADN(UPDATE_SET, "/storefrontIds", array_of("%d", 51), "/storefrontIds", "maxItems");
    BAD(UPDATE_SET, "/storefrontIds", "[9007199254740992]", "/storefrontIds/0", "maximum");
    BAD(UPDATE_SET, "/storefrontIds", "null", "/storefrontIds", "type");
}

/* C128, C147: discoveryId at least 1 character */
static void test_discovery_id(struct bctx *x)
{
    OK(CREATE_FULL, "/discoveryId", "\"d\"");
    BAD(CREATE_FULL, "/discoveryId", "\"\"", "/discoveryId", "minLength");
    BAD(CREATE_FULL, "/discoveryId", "42", "/discoveryId", "type");
    OK(UPDATE_SET, "/discoveryId", "\"d\"");
    BAD(UPDATE_SET, "/discoveryId", "\"\"", "/discoveryId", "minLength");
    BAD(RESP, "/campaign/discoveryId", "\"\"", "/campaign/discoveryId", "minLength");
}

/* C129, C130: productIds, only with a discovery session (D20) */
static void test_product_ids(struct bctx *x)
{
    BASE(CREATE_FULL);
    OK(CREATE_FULL, "/productIds", "[]");
    OK(CREATE_FULL, "/productIds/-", "\"\"");
    BAD(CREATE_FULL, "/productIds/0", "1", "/productIds/0", "type");
    BAD(CREATE_FULL, "/productIds", "\"prod_display_1\"", "/productIds", "type");
    BAD(CREATE_FULL, "/discoveryId", NULL, "/productIds", "CR-PRODUCTS-NEED-DISCOVERY");
    OK(CREATE_FULL, "/productIds", NULL);
    BAD(CREATE, "/productIds", "[]", "/productIds", "CR-PRODUCTS-NEED-DISCOVERY");
    BAD(CREATE, "/productIds", "[\"prod_display_1\"]", "/productIds", "CR-PRODUCTS-NEED-DISCOVERY");
    OK(CREATE, "/discoveryId", "\"disc_demo\"");
    /* update takes no productIds: ignored, reported by --strict (C141) */
    UNKNOWN(UPDATE_SET, "/productIds", "[\"prod_display_1\"]");
}

/* C131: catalogId int53 on create (null only on update) */
static void test_catalog_id(struct bctx *x)
{
    OK(CREATE_FULL, "/catalogId", "9007199254740991");
    BAD(CREATE_FULL, "/catalogId", "9007199254740992", "/catalogId", "maximum");
    BAD(CREATE_FULL, "/catalogId", "\"42\"", "/catalogId", "type");
    BAD(CREATE_FULL, "/catalogId", "null", "/catalogId", "type");
    OK(CREATE_FULL, "/catalogId", NULL);
}

/* C132, C154: the shared pieces are referenced by create and update */
static void test_shared_pieces_in_requests(struct bctx *x)
{
    static const char *const bodies[] = { CREATE, UPDATE_EMPTY };
    for (size_t i = 0; i < 2; i++) {
        const char *b = bodies[i];
        OK(b, "/constraints", "{\"countries\": [\"US\"]}");
        BAD(b, "/constraints", "{\"countries\": [\"us\"]}", "/constraints/countries/0", "pattern");
        OK(b, "/audienceConfig", "{\"targetAudienceIds\": [\"aud_1\"]}");
        BAD(b, "/audienceConfig", "{\"targetAudienceIds\": [\"\"]}", "/audienceConfig/targetAudienceIds/0", "minLength");
        OK(b, "/performanceConfig", "{\"optimizationGoals\": [{\"kind\": \"metric\", \"metric\": \"clicks\"}]}");
        BAD(b, "/performanceConfig", "{\"optimizationGoals\": []}", "/performanceConfig/optimizationGoals", "minItems");
        OK(b, "/optimizationApplyMode", "\"AUTO\"");
        BAD(b, "/optimizationApplyMode", "\"OFF\"", "/optimizationApplyMode", "enum");
        OK(b, "/utmConfig", "{\"params\": [{\"paramKey\": \"utm_source\", \"paramValue\": \"x\"}]}");
        BAD(b, "/utmConfig", "{\"params\": [{\"paramKey\": \"utm source\", \"paramValue\": \"x\"}]}",
            "/utmConfig/params/0/paramKey", "pattern");
        OK(b, "/dataDelivery", "{\"outputs\": [{\"dataDeliveryType\": \"CLICKS\", \"cadence\": \"HOURLY\", "
           "\"credentialName\": \"c\", \"deliveryConfig\": {\"type\": \"S3\"}}]}");
        BAD(b, "/dataDelivery", "{\"outputs\": [{\"dataDeliveryType\": \"CLICKS\", \"cadence\": \"HOURLY\", "
            "\"credentialName\": \"c\", \"deliveryConfig\": {\"type\": \"FTP\"}}]}",
            "/dataDelivery/outputs/0/deliveryConfig/type", "enum");
        OK(b, "/pacingPeriods", "{\"mode\": \"weight\", \"periods\": [{\"label\": \"A\", \"start\": \"2025-02-01\", \"end\": \"2025-02-28\"}]}");
        BAD(b, "/pacingPeriods", "{\"mode\": \"weight\", \"periods\": [{\"label\": \"A\", \"start\": \"2025-02-01\", \"end\": \"2025-02-29\"}]}",
            "/pacingPeriods/periods/0/end", "format");
        OK(b, "/frequencyCaps", "[{\"max_impressions\": 1, \"window\": {\"interval\": 1, \"unit\": \"days\"}}]");
        BAD(b, "/frequencyCaps", "[{\"window\": {\"interval\": 1, \"unit\": \"days\"}}]", "/frequencyCaps/0", "required");
    }
}

/* ---- update request -------------------------------------------------------------- */

/* C140, C141: every member optional, open object */
static void test_update_open(struct bctx *x)
{
    BASE(UPDATE_EMPTY);
    BASE(UPDATE);
    BAD(UPDATE_EMPTY, "", "[]", "", "type");
    BAD(UPDATE_EMPTY, "", "null", "", "type");
    /* advertiserId and campaignType are immutable: not update members, ignored */
    UNKNOWN(UPDATE_EMPTY, "/advertiserId", "12345");
    UNKNOWN(UPDATE_EMPTY, "/campaignType", "\"ROUTED\"");
    OK(UPDATE_EMPTY, "/campaignType", "\"not even a type\"");
    UNKNOWN(UPDATE_EMPTY, "/notes", "{}");
}

/* C149: catalogId int53 or null */
static void test_update_catalog_id(struct bctx *x)
{
    OK(UPDATE_EMPTY, "/catalogId", "null");
    OK(UPDATE_EMPTY, "/catalogId", "42");
    OK(UPDATE_EMPTY, "/catalogId", "9007199254740991");
    BAD(UPDATE_EMPTY, "/catalogId", "9007199254740992", "/catalogId", "maximum");
    BAD(UPDATE_EMPTY, "/catalogId", "\"42\"", "/catalogId", "type");
    BAD(UPDATE_EMPTY, "/catalogId", "4.2", "/catalogId", "type");
    /* returned campaigns: an int53, never null (CF (corrected); D18) */
    OK(RESP, "/campaign/catalogId", NULL);
    OK(RESP, "/campaign/catalogId", "9007199254740991");
    BAD(RESP, "/campaign/catalogId", "null", "/campaign/catalogId", "type");
    BAD(RESP, "/campaign/catalogId", "9007199254740992", "/campaign/catalogId", "maximum");
}

/* C150, C163: pacingPeriods PacingPeriods or null */
static void test_update_pacing_nullable(struct bctx *x)
{
    BASE(UPDATE_PP);
    OK(UPDATE_PP, "/pacingPeriods", "null");
    BAD(UPDATE_PP, "/pacingPeriods", "\"weekly\"", "/pacingPeriods", "type");
    BAD2(UPDATE_PP, "/pacingPeriods", "{}", "/pacingPeriods", "required", "/pacingPeriods", "required");
    BAD(UPDATE_PP, "/pacingPeriods/periods", "[]", "/pacingPeriods/periods", "minItems");
    /* create: not nullable */
    BAD(CREATE_FULL, "/pacingPeriods", "null", "/pacingPeriods", "type");
    /* media buy entries (C163) */
    OK(UPDATE_MBG, "/mediaBuys/0/pacingPeriods", "null");
    OK(UPDATE_MBG, "/mediaBuys/0/pacingPeriods", NULL);
    BAD(UPDATE_MBG, "/mediaBuys/0/pacingPeriods", "{\"mode\": \"even\", \"periods\": [{\"label\": \"A\", \"start\": \"2026-05-01\", \"end\": \"2026-05-02\"}]}",
        "/mediaBuys/0/pacingPeriods/mode", "enum");
    BAD(UPDATE_MBG, "/mediaBuys/0/pacingPeriods", "[]", "/mediaBuys/0/pacingPeriods", "type");
    /* returned campaigns and media buys: an object, never null (CF (corrected); D18) */
    OK(RESP, "/campaign/pacingPeriods", NULL);
    BAD(RESP, "/campaign/pacingPeriods", "null", "/campaign/pacingPeriods", "type");
    BAD(RESP_ACTIVE, "/campaign/mediaBuys/0/pacingPeriods", "null", "/campaign/mediaBuys/0/pacingPeriods", "type");
}

/* C153: frequencyCaps on update; [] clears */
static void test_update_frequency_caps(struct bctx *x)
{
    OK(UPDATE_SET, "/frequencyCaps", "[]");
    OK(UPDATE_SET, "/frequencyCaps", NULL);
    BAD(UPDATE_SET, "/frequencyCaps", "null", "/frequencyCaps", "type");
    BAD(UPDATE_SET, "/frequencyCaps", "[{\"max_impressions\": 2}]", "/frequencyCaps/0", "required");
}

/* C155: mediaBuys is an array of entries */
static void test_media_buys_array(struct bctx *x)
{
    OK(UPDATE, "/mediaBuys", "[]");
    BAD(UPDATE, "/mediaBuys", "{\"mediaBuyId\": \"mb_abc123\"}", "/mediaBuys", "type");
    BAD(UPDATE, "/mediaBuys/0", "\"mb_abc123\"", "/mediaBuys/0", "type");
}

/* C156: action update, cancel, delete (default update) */
static void test_media_buy_action(struct bctx *x)
{
    OK(UPDATE, "/mediaBuys/1/action", "\"update\"");
    OK(UPDATE, "/mediaBuys/0/action", "\"cancel\"");
    OK(UPDATE, "/mediaBuys/1/action", "\"delete\"");
    OK(UPDATE, "/mediaBuys/0/action", NULL);
    BAD(UPDATE, "/mediaBuys/1/action", "\"pause\"", "/mediaBuys/1/action", "enum");
    BAD(UPDATE, "/mediaBuys/1/action", "\"archive\"", "/mediaBuys/1/action", "enum");
    BAD(UPDATE, "/mediaBuys/1/action", "\"CANCEL\"", "/mediaBuys/1/action", "enum");
    BAD(UPDATE, "/mediaBuys/1/action", "null", "/mediaBuys/1/action", "enum");
}

/* C157: mediaBuyId required, non-empty; repeats allowed (D32) */
static void test_media_buy_id(struct bctx *x)
{
    BAD(UPDATE, "/mediaBuys/1/mediaBuyId", NULL, "/mediaBuys/1", "required");
    BAD(UPDATE, "/mediaBuys/1/mediaBuyId", "\"\"", "/mediaBuys/1/mediaBuyId", "minLength");
    OK(UPDATE, "/mediaBuys/1/mediaBuyId", "\"m\"");
    OK(UPDATE, "/mediaBuys/1/mediaBuyId", "\"mb_abc123\"");
    BAD(UPDATE, "/mediaBuys/1/mediaBuyId", "42", "/mediaBuys/1/mediaBuyId", "type");
}

/* C158: reason at most 1000 code points */
static void test_media_buy_reason(struct bctx *x)
{
    OKN(UPDATE, "/mediaBuys/1/reason", text_cp(1000));
    BADN(UPDATE, "/mediaBuys/1/reason", text_cp(1001), "/mediaBuys/1/reason", "maxLength");
    OK(UPDATE, "/mediaBuys/1/reason", "\"\"");
    BAD(UPDATE, "/mediaBuys/1/reason", "1", "/mediaBuys/1/reason", "type");
}

/* C159: packageIds non-empty strings (scope a cancel; allowed with any action, D31) */
static void test_package_ids(struct bctx *x)
{
    OK(UPDATE, "/mediaBuys/1/packageIds", "[\"pkg_2\"]");
    OK(UPDATE, "/mediaBuys/1/packageIds", "[\"p\"]");
    OK(UPDATE, "/mediaBuys/1/packageIds", "[]");
    OK(UPDATE, "/mediaBuys/0/packageIds", "[\"pkg_2\"]");
    BAD(UPDATE, "/mediaBuys/1/packageIds", "[\"pkg_2\", \"\"]", "/mediaBuys/1/packageIds/1", "minLength");
    BAD(UPDATE, "/mediaBuys/1/packageIds", "[2]", "/mediaBuys/1/packageIds/0", "type");
    BAD(UPDATE, "/mediaBuys/1/packageIds", "\"pkg_2\"", "/mediaBuys/1/packageIds", "type");
}

/* C161, C162: package overrides */
static void test_package_update(struct bctx *x)
{
#define PK "/mediaBuys/0/packages/0"
    BAD(UPDATE, PK "/packageId", NULL, PK, "required");
    BAD(UPDATE, PK "/packageId", "\"\"", PK "/packageId", "minLength");
    OK(UPDATE, PK "/packageId", "\"p\"");
    OK(UPDATE, PK "/budget", "0.01");
    BAD(UPDATE, PK "/budget", "0", PK "/budget", "exclusiveMinimum");
    BAD(UPDATE, PK "/budget", "-100", PK "/budget", "exclusiveMinimum");
    OK(UPDATE, PK "/bid_price", "null");
    OK(UPDATE, PK "/bid_price", "0");
    BAD(UPDATE, PK "/bid_price", "\"12.5\"", PK "/bid_price", "type");
    /* C162: package pacing is lower case, even or asap */
    OK(UPDATE, PK "/pacing", "\"even\"");
    OK(UPDATE, PK "/pacing", "\"asap\"");
    OK(UPDATE, PK "/pacing", NULL);
    BAD(UPDATE, PK "/pacing", "\"EVEN\"", PK "/pacing", "enum");
    BAD(UPDATE, PK "/pacing", "\"ASAP\"", PK "/pacing", "enum");
    BAD(UPDATE, PK "/pacing", "\"front_loaded\"", PK "/pacing", "enum");
#undef PK
}

/* C164: product changes */
static void test_product_update(struct bctx *x)
{
#define PR "/mediaBuys/0/products/0"
    BAD(UPDATE_MBG, PR "/product_id", NULL, PR, "required");
    BAD(UPDATE_MBG, PR "/product_id", "\"\"", PR "/product_id", "minLength");
    OK(UPDATE_MBG, PR "/product_id", "\"p\"");
    OK(UPDATE_MBG, PR "/pricing_option_id", "\"\"");
    BAD(UPDATE_MBG, PR "/pricing_option_id", "7", PR "/pricing_option_id", "type");
    OK(UPDATE_MBG, PR "/budget", "0.01");
    BAD(UPDATE_MBG, PR "/budget", "0", PR "/budget", "exclusiveMinimum");
    OK(UPDATE_MBG, PR "/pacing", "\"asap\"");
    OK(UPDATE_MBG, PR "/pacing", "\"even\"");
    OK(UPDATE_MBG, PR "/pacing", "\"front_loaded\"");
    BAD(UPDATE_MBG, PR "/pacing", "\"FRONTLOADED\"", PR "/pacing", "enum");
    BAD(UPDATE_MBG, PR "/pacing", "\"frontloaded\"", PR "/pacing", "enum");
    OK(UPDATE_MBG, PR "/bid_price", "null");
    BAD(UPDATE_MBG, PR "/bid_price", "\"1\"", PR "/bid_price", "type");
    OK(UPDATE_MBG, "/mediaBuys/0/products/1/remove", "false");
    BAD(UPDATE_MBG, "/mediaBuys/0/products/1/remove", "\"yes\"", "/mediaBuys/0/products/1/remove", "type");
#undef PR
}

/* C165: start_time, end_time, updated_reason, suggestion_id are plain strings (D15) */
static void test_media_buy_strings(struct bctx *x)
{
    static const char *const members[] = { "start_time", "end_time", "updated_reason", "suggestion_id" };
    for (size_t i = 0; i < sizeof members / sizeof *members; i++) {
        char p[96];
        snprintf(p, sizeof p, "/mediaBuys/0/%s", members[i]);
        OK(UPDATE_MBG, p, "\"next Monday\"");
        OK(UPDATE_MBG, p, "\"\"");
        BAD(UPDATE_MBG, p, "1746057600", p, "type");
    }
}

/* C166: optimization_goals are media-buy-level goals */
static void test_media_buy_goals_list(struct bctx *x)
{
    OK(UPDATE_MBG, "/mediaBuys/0/optimization_goals", "[]");
    BAD(UPDATE_MBG, "/mediaBuys/0/optimization_goals", "{}", "/mediaBuys/0/optimization_goals", "type");
    BAD(UPDATE_MBG, "/mediaBuys/0/optimization_goals/-", "\"clicks\"", "/mediaBuys/0/optimization_goals/3", "type");
}

/* C167, C168: creative_ids, only with action update */
static void test_creative_ids(struct bctx *x)
{
#define E0 "/mediaBuys/0"
    BASE(UPDATE_CRE);
    OK(UPDATE_CRE, E0 "/creative_ids", "[]");
    OK(UPDATE_CRE, E0 "/creative_ids", NULL);
    OK(UPDATE_CRE, E0 "/action", NULL); /* omitted action is update */
    OK(UPDATE_CRE, E0 "/creative_ids/0", "\"c\"");
    BAD(UPDATE_CRE, E0 "/creative_ids/0", "\"\"", E0 "/creative_ids/0", "minLength");
    BAD(UPDATE_CRE, E0 "/creative_ids/0", "15", E0 "/creative_ids/0", "type");
    BAD(UPDATE_CRE, E0 "/creative_ids", "\"cr_video_15s\"", E0 "/creative_ids", "type");
    BAD(UPDATE_CRE, E0 "/action", "\"cancel\"", E0 "/creative_ids", "x-error");
    CHECK_MSG(&T, strstr(x->message, "\"cancel\"") && strstr(x->message, "\"update\""), "message: %s", x->message);
    BAD(UPDATE_CRE, E0 "/action", "\"delete\"", E0 "/creative_ids", "x-error");
    CHECK_MSG(&T, strstr(x->message, "\"delete\"") != NULL, "message: %s", x->message);
    /* even an empty list is rejected with cancel / delete */
    BAD(UPDATE, "/mediaBuys/1/creative_ids", "[]", "/mediaBuys/1/creative_ids", "x-error");
    CHECK_MSG(&T, strstr(x->message, "\"cancel\"") != NULL, "message: %s", x->message);
    OK(UPDATE, "/mediaBuys/0/creative_ids", "[\"cr_video_15s\"]");
#undef E0
}

/* C170: an entry, its packages[] and its products[] are closed: an unknown
 * member is an error at that member (D12); the media-buy goals inside stay
 * open, as in the API description */
static void test_media_buy_entry_closed(struct bctx *x)
{
    BAD(UPDATE, "/mediaBuys/1/priority", "\"high\"", "/mediaBuys/1/priority", "additionalProperties");
    BAD(UPDATE, "/mediaBuys/0/packages/0/bidPrice", "12.5", "/mediaBuys/0/packages/0/bidPrice",
        "additionalProperties");
    BAD(UPDATE_MBG, "/mediaBuys/0/creativeIds", "[\"cr_video_15s\"]", "/mediaBuys/0/creativeIds",
        "additionalProperties");
    BAD(UPDATE_MBG, "/mediaBuys/0/products/0/productId", "\"prod_display_2\"",
        "/mediaBuys/0/products/0/productId", "additionalProperties");
    BAD(UPDATE_MBG, "/mediaBuys/0/mediaBuyID", "\"mb_abc123\"", "/mediaBuys/0/mediaBuyID", "additionalProperties");
    OK(UPDATE_MBG, "/mediaBuys/0/optimization_goals/0/note", "\"open\"");
    /* every declared member passes the strict check too */
    STRICT_CLEAN(UPDATE_MBG);
    STRICT_CLEAN(UPDATE);
}

/* C239, C240: every response object the API description closes rejects a
 * member it does not declare, at that member; the three it leaves open
 * (constraints, frequency caps, media-buy goals) accept one, and --strict
 * reports it (D12) */
static void test_responses_closed(struct bctx *x)
{
    static const struct { const char *example, *pointer; } closed[] = {
        { RESP, "/campaign/mediaBuyStatus" },
        { RESP, "/extra" },
        { RESP, "/campaign/budget/remaining" },
        { RESP, "/campaign/flightDates/timezone" },
        { RESP, "/campaign/mediaBudget/x" },
        { RESP, "/campaign/fees/0/x" },
        { RESP, "/campaign/pacingPeriods/x" },
        { RESP, "/campaign/pacingPeriods/periods/0/x" },
        { RESP, "/campaign/storefronts/0/x" },
        { RESP, "/campaign/performanceConfig/x" },
        { RESP, "/campaign/performanceConfig/optimizationGoals/0/x" },
        { RESP, "/campaign/products/0/x" },
        { RESP, "/campaign/audiences/0/x" },
        { RESP, "/campaign/creativeFormats/x" },
        { RESP, "/campaign/creativeFormats/required/0/x" },
        { RESP, "/campaign/dataDelivery/outputs/0/x" },
        { RESP_ACTIVE, "/campaign/mediaBuyRefs/0/x" },
        { RESP_ACTIVE, "/campaign/mediaBuys/0/salesAgentId" },
        { RESP_ACTIVE, "/campaign/mediaBuys/0/creativeIds" },
        { RESP_ACTIVE, "/campaign/mediaBuys/0/products/0/x" },
        { RESP_ACTIVE, "/campaign/mediaBuys/0/packages/0/x" },
        { RESP_ACTIVE, "/campaign/mediaBuys/0/packages/0/delivery/x" },
        { RESP_ACTIVE, "/campaign/mediaBuys/0/pacingPeriods/periods/0/x" },
        { RESP_PL, "/campaign/propertyLists/x" },
        { RESP_PL, "/campaign/propertyLists/propertyLists/0/x" },
        { RESP_PL, "/campaign/propertyLists/propertyLists/0/viaMediaBuys/0/x" },
        { RESP_PL, "/campaign/propertyLists/summary/x" },
        { LIST, "/next" },
        { LIST, "/campaigns/0/mediaBuyStatus" },
        { LIST, "/campaigns/0/budget/x" },
        { LIST, "/campaigns/0/flightDates/x" },
        { STATUS_DBG, "/x" },
        { STATUS_DBG, "/errors/0/x" },
        { STATUS_DBG, "/errors/0/debug/x" },
        { ACCEPTED, "/x" },
        { ACCEPTED, "/proposals/0/x" },
        { MBSTATUS_ERR, "/x" },
        { MBSTATUS_ERR, "/media_buys/0/x" },
        { MBSTATUS_ERR, "/errors/0/x" },
        { ERROR, "/x" },
        { ERROR, "/error/x" },
    };
    for (size_t i = 0; i < sizeof closed / sizeof *closed; i++)
        BAD(closed[i].example, closed[i].pointer, "1", closed[i].pointer, "additionalProperties");
    /* open, as in the API description */
    UNKNOWN(RESP, "/campaign/constraints/x", "1");
    UNKNOWN(RESP, "/campaign/constraints/geo_metros/0/x", "1");
    UNKNOWN(RESP, "/campaign/frequencyCaps/0/x", "1");
    UNKNOWN(RESP, "/campaign/frequencyCaps/0/window/x", "1");
    UNKNOWN(RESP_ACTIVE, "/campaign/mediaBuys/0/optimizationGoals/0/x", "1");
    /* free-form objects: any member, and --strict has nothing to report */
    OK(ERROR, "/error/details/anything", "[1]");
    OK(STATUS_DBG, "/errors/0/debug/request/anything", "{}");
    OK(RESP, "/pacingCascadeResult", "{\"anything\": true}");
    STRICT_CLEAN(STATUS_DBG);
    STRICT_CLEAN(ERROR);
    STRICT_CLEAN(RESP_PL);
}

/* C233: a returned budget always carries its currency; returned goals
 * carry only declared members, and maximize_value no value */
static void test_response_budget_and_goals(struct bctx *x)
{
#define G "/campaign/performanceConfig/optimizationGoals"
    BAD(RESP, "/campaign/budget/currency", NULL, "/campaign/budget", "required");
    OK(CREATE_FULL, "/budget/currency", NULL); /* the request may leave it out */
    BAD(LIST, "/campaigns/0/budget/currency", NULL, "/campaigns/0/budget", "required");
    BAD(RESP, "/campaign/budget/dailyCap", "0", "/campaign/budget/dailyCap", "exclusiveMinimum");
    OK(RESP, G "/0/target", "{\"kind\": \"maximize_value\"}");
    BAD(RESP, G "/0/target", "{\"kind\": \"maximize_value\", \"value\": 1}", G "/0/target/value", "x-error");
    OK(CREATE_FULL, "/performanceConfig/optimizationGoals/0/target", "{\"kind\": \"maximize_value\", \"value\": 1}");
    BAD(RESP, G "/0/eventSources/0/x", "1", G "/0/eventSources/0/x", "additionalProperties");
    BAD(RESP, G "/0/target/x", "1", G "/0/target/x", "additionalProperties");
    BAD(RESP, G "/0/attributionWindow/x", "1", G "/0/attributionWindow/x", "additionalProperties");
    BAD(RESP, G "/0/attributionWindow/postClick/x", "1", G "/0/attributionWindow/postClick/x",
        "additionalProperties");
    OK(CREATE_FULL, "/performanceConfig/optimizationGoals/0/attributionWindow/postClick/x", "1");
#undef G
}

/* C234: propertyLists, only on GET with includePropertyLists=true */
static void test_property_lists(struct bctx *x)
{
#define PL "/campaign/propertyLists"
    BASE(RESP_PL);
    OK(RESP_PL, PL, NULL);
    OK(RESP_PL, PL "/propertyLists", "[]");
    BAD(RESP_PL, PL "/summary", NULL, PL, "required");
    BAD(RESP_PL, PL "/propertyLists", NULL, PL, "required");
    static const char *const req[] = { "listId", "name", "purpose", "propertyCount", "createdAt", "updatedAt",
                                       "viaMediaBuys" };
    for (size_t i = 0; i < sizeof req / sizeof *req; i++) {
        char p[128];
        snprintf(p, sizeof p, PL "/propertyLists/0/%s", req[i]);
        BAD(RESP_PL, p, NULL, PL "/propertyLists/0", "required");
    }
    OK(RESP_PL, PL "/propertyLists/0/purpose", "\"exclude\"");
    BAD(RESP_PL, PL "/propertyLists/0/purpose", "\"block\"", PL "/propertyLists/0/purpose", "enum");
    OK(RESP_PL, PL "/propertyLists/0/propertyCount", "0");
    BAD(RESP_PL, PL "/propertyLists/0/propertyCount", "-1", PL "/propertyLists/0/propertyCount", "minimum");
    OK(RESP_PL, PL "/propertyLists/0/propertyCount", "9007199254740991");
    BAD(RESP_PL, PL "/propertyLists/0/propertyCount", "9007199254740992", PL "/propertyLists/0/propertyCount",
        "maximum");
    BAD(RESP_PL, PL "/propertyLists/0/viaMediaBuys/0/packageIds", NULL, PL "/propertyLists/0/viaMediaBuys/0",
        "required");
    static const char *const counts[] = { "totalLists", "includeCount", "excludeCount" };
    for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
        char p[128];
        snprintf(p, sizeof p, PL "/summary/%s", counts[i]);
        BAD(RESP_PL, p, NULL, PL "/summary", "required");
        BAD(RESP_PL, p, "1.5", p, "type");
        BAD(RESP_PL, p, "-1", p, "minimum");
    }
#undef PL
}

/* ---- execute ---------------------------------------------------------------------- */

/* C180: execute body {debug?: boolean} */
static void test_execute_request(struct bctx *x)
{
    BASE(EXECUTE);
    BASE("campaign-execute-request.empty.json");
    OK(EXECUTE, "/debug", "false");
    OK(EXECUTE, "/debug", NULL);
    BAD(EXECUTE, "/debug", "\"true\"", "/debug", "type");
    BAD(EXECUTE, "/debug", "1", "/debug", "type");
    UNKNOWN(EXECUTE, "/dryRun", "true");
}

/* ---- status change responses -------------------------------------------------------- */

/* C181-C184 */
static void test_status_change_response(struct bctx *x)
{
    BASE(STATUS);
    BASE(STATUS_DBG);
    static const char *const req[] = { "/campaignId", "/previousStatus", "/newStatus", "/success" };
    for (size_t i = 0; i < sizeof req / sizeof *req; i++)
        BAD(STATUS, req[i], NULL, "", "required");
    OK(STATUS, "/errors", "[]");
    /* D33: success false without errors is not rejected */
    OK(STATUS, "/errors", NULL);
    BAD(STATUS, "/success", "\"false\"", "/success", "type");
    BAD(STATUS, "/campaignId", "\"\"", "/campaignId", "minLength");
    /* C183: failures */
    static const char *const ereq[] = { "/errors/0/mediaBuyId", "/errors/0/salesAgentId", "/errors/0/message" };
    for (size_t i = 0; i < sizeof ereq / sizeof *ereq; i++)
        BAD(STATUS, ereq[i], NULL, "/errors/0", "required");
    BAD(STATUS, "/errors/0/message", "422", "/errors/0/message", "type");
    BAD(STATUS, "/errors", "{}", "/errors", "type");
    /* C184: debug members, all optional (D17) */
    OK(STATUS_DBG, "/errors/0/debug", "{}");
    OK(STATUS_DBG, "/errors/0/debug/response", NULL);
    OK(STATUS_DBG, "/errors/0/debug/debugLogs", "[]");
    BAD(STATUS_DBG, "/errors/0/debug/request", "\"POST /mb\"", "/errors/0/debug/request", "type");
    BAD(STATUS_DBG, "/errors/0/debug/response", "[]", "/errors/0/debug/response", "type");
    BAD(STATUS_DBG, "/errors/0/debug/debugLogs", "{}", "/errors/0/debug/debugLogs", "type");
    BAD(STATUS_DBG, "/errors/0/debug/debugLogs/0", "\"A2A task submitted\"", "/errors/0/debug/debugLogs/0", "type");
    BAD(STATUS_DBG, "/errors/0/debug/error", "{}", "/errors/0/debug/error", "type");
    BAD(STATUS_DBG, "/errors/0/debug", "true", "/errors/0/debug", "type");
}

/* ---- campaign responses ------------------------------------------------------------- */

/* C200, C201: {campaign, pacingCascadeResult?} */
static void test_campaign_response_shape(struct bctx *x)
{
    BASE(RESP);
    BASE(RESP_ACTIVE);
    BASE(RESP_MIN);
    BASE("campaign-response.pacing-cascade.json");
    BAD(RESP, "/campaign", NULL, "", "required");
    BAD(RESP, "/campaign", "[]", "/campaign", "type");
    OK(RESP_MIN, "/pacingCascadeResult", "{}");
    OK(RESP_MIN, "/pacingCascadeResult", "\"applied\"");
    OK(RESP_MIN, "/pacingCascadeResult", "null");
}

/* C202, C203: required campaign members, identifiers */
static void test_campaign_required(struct bctx *x)
{
    static const char *const req[] = { "campaignId", "advertiserId", "name", "status", "optimizationApplyMode",
                                       "createdAt", "updatedAt" };
    for (size_t i = 0; i < sizeof req / sizeof *req; i++) {
        char p[96];
        snprintf(p, sizeof p, "/campaign/%s", req[i]);
        BAD(RESP_MIN, p, NULL, "/campaign", "required");
    }
    BAD(RESP_MIN, "/campaign/campaignId", "\"\"", "/campaign/campaignId", "minLength");
    OK(RESP_MIN, "/campaign/campaignId", "\"c\"");
    /* C203: advertiserId is a string in responses, without a digit pattern (D26) */
    BAD(RESP_MIN, "/campaign/advertiserId", "12345", "/campaign/advertiserId", "type");
    OK(RESP_MIN, "/campaign/advertiserId", "\"adv_12345\"");
    BAD(LIST, "/campaigns/0/advertiserId", "12345", "/campaigns/0/advertiserId", "type");
}

/* C206: the request pieces inside a returned campaign */
static void test_campaign_pieces(struct bctx *x)
{
    BAD(RESP, "/campaign/budget/total", NULL, "/campaign/budget", "required"); /* D39 */
    BAD(RESP, "/campaign/budget/pacing", "\"even\"", "/campaign/budget/pacing", "enum");
    BAD(RESP, "/campaign/constraints/countries/0", "\"us\"", "/campaign/constraints/countries/0", "pattern");
    BAD(RESP, "/campaign/performanceConfig", "{}", "/campaign/performanceConfig", "required");
    BAD(RESP, "/campaign/performanceConfig/optimizationGoals/1/metric", "\"reach\"",
        "/campaign/performanceConfig/optimizationGoals/1/metric", "enum");
    BAD(RESP, "/campaign/flightDates/endDate", NULL, "/campaign/flightDates", "required");
    BAD(RESP, "/campaign/pacingPeriods/periods/0/weight", "11", "/campaign/pacingPeriods/periods/0/weight", "maximum");
}

/* C207: media buy refs */
static void test_media_buy_refs(struct bctx *x)
{
    BAD(RESP_MIN, "/campaign/mediaBuyRefs/0/mediaBuyId", NULL, "/campaign/mediaBuyRefs/0", "required");
    BAD(RESP_MIN, "/campaign/mediaBuyRefs/0/status", NULL, "/campaign/mediaBuyRefs/0", "required");
    BAD(RESP_MIN, "/campaign/mediaBuyRefs/0/mediaBuyId", "\"\"", "/campaign/mediaBuyRefs/0/mediaBuyId", "minLength");
    BAD(RESP_MIN, "/campaign/mediaBuyRefs/0/status", "\"active\"", "/campaign/mediaBuyRefs/0/status", "enum");
    OK(RESP_MIN, "/campaign/mediaBuyRefs", "[]");
}

/* C208, C209: media budget, = budget.total - fees (+-0.01, D24) */
static void test_media_budget(struct bctx *x)
{
    OK(RESP_MIN, "/campaign/mediaBudget", "{\"total\": 0.01, \"currency\": \"USD\"}");
    BAD(RESP_MIN, "/campaign/mediaBudget", "{\"total\": 0, \"currency\": \"USD\"}", "/campaign/mediaBudget/total",
        "exclusiveMinimum");
    BAD(RESP_MIN, "/campaign/mediaBudget", "{\"total\": 100}", "/campaign/mediaBudget", "required");
    BAD(RESP_MIN, "/campaign/mediaBudget", "{\"currency\": \"USD\"}", "/campaign/mediaBudget", "required");
    /* RESP: budget 120000, one fee of 12000, media budget 108000, unallocated 108000 */
    /* the media budget takes part in both relations */
    BAD2(RESP, "/campaign/mediaBudget/total", "108000.02", "/campaign/mediaBudget/total", "CR-MEDIA-BUDGET",
         "/campaign/unallocatedBudget", "CR-UNALLOCATED");
    BAD2(RESP, "/campaign/mediaBudget/total", "107999.98", "/campaign/mediaBudget/total", "CR-MEDIA-BUDGET",
         "/campaign/unallocatedBudget", "CR-UNALLOCATED");
    BAD(RESP, "/campaign/fees/0/amount", "11999.98", "/campaign/mediaBudget/total", "CR-MEDIA-BUDGET");
    BAD(RESP, "/campaign/budget/total", "120000.02", "/campaign/mediaBudget/total", "CR-MEDIA-BUDGET");
    OK(RESP, "/campaign/budget/total", "120000.01");
    OK(RESP, "/campaign/fees/0/amount", "11999.99");
    OK(RESP, "/campaign/fees/-", "{\"label\": \"Data\", \"amount\": 0, \"currency\": \"USD\"}");
    BAD(RESP, "/campaign/fees/-", "{\"label\": \"Data\", \"amount\": 0.02, \"currency\": \"USD\"}",
        "/campaign/mediaBudget/total", "CR-MEDIA-BUDGET");
    /* no fees: media budget = budget */
    BAD(RESP, "/campaign/fees", NULL, "/campaign/mediaBudget/total", "CR-MEDIA-BUDGET");
    OK(RESP, "/campaign/fees", "[{\"label\": \"Scope3 margin\", \"amount\": 12000.01, \"currency\": \"USD\"}]");
}

/* C210: fees (RESP_MIN carries no budget, so CR-MEDIA-BUDGET stays out) */
static void test_fees(struct bctx *x)
{
#define FEES "/campaign/fees"
    OK(RESP_MIN, FEES, "[{\"label\": \"m\", \"amount\": 0, \"currency\": \"USD\"}]");
    OK(RESP_MIN, FEES, "[]");
    BAD(RESP_MIN, FEES, "[{\"amount\": 1, \"currency\": \"USD\"}]", FEES "/0", "required");
    BAD(RESP_MIN, FEES, "[{\"label\": \"m\", \"currency\": \"USD\"}]", FEES "/0", "required");
    BAD(RESP_MIN, FEES, "[{\"label\": \"m\", \"amount\": 1}]", FEES "/0", "required");
    BAD(RESP_MIN, FEES, "[{\"label\": \"m\", \"amount\": -0.01, \"currency\": \"USD\"}]", FEES "/0/amount", "minimum");
    BAD(RESP_MIN, FEES, "[{\"label\": 1, \"amount\": 1, \"currency\": \"USD\"}]", FEES "/0/label", "type");
    /* the optional members, on RESP's margin fee */
    OK(RESP, FEES "/0/pricingType", "\"UNIT\"");
    BAD(RESP, FEES "/0/pricingType", "\"margin\"", FEES "/0/pricingType", "enum");
    OK(RESP, FEES "/0/marginPercent", "0");
    BAD(RESP, FEES "/0/marginPercent", "-0.01", FEES "/0/marginPercent", "minimum");
    static const char *const units[] = { "CPM", "RECORD", "FLAT_RATE" };
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
        char v[32];
        snprintf(v, sizeof v, "\"%s\"", units[i]);
        OK(RESP, FEES "/0/unit", v);
    }
    BAD(RESP, FEES "/0/unit", "\"CPC\"", FEES "/0/unit", "enum");
    OK(RESP, FEES "/0/unitPrice", "0");
    BAD(RESP, FEES "/0/unitPrice", "-1", FEES "/0/unitPrice", "minimum");
#undef FEES
}

/* C211, C212: allocated >= 0; unallocated = media budget - allocated (+-0.01; may be negative: D25) */
static void test_allocation(struct bctx *x)
{
    OK(RESP_MIN, "/campaign/allocatedBudget", "0");
    BAD(RESP_MIN, "/campaign/allocatedBudget", "-0.01", "/campaign/allocatedBudget", "minimum");
    BAD(RESP_MIN, "/campaign/allocatedBudget", "\"0\"", "/campaign/allocatedBudget", "type");
    OK(RESP_MIN, "/campaign/unallocatedBudget", "-5000");
    BAD(RESP_MIN, "/campaign/unallocatedBudget", "null", "/campaign/unallocatedBudget", "type");
    /* RESP_ACTIVE: media budget 108000, allocated 75000, unallocated 33000 */
    OK(RESP_ACTIVE, "/campaign/unallocatedBudget", "33000.01");
    OK(RESP_ACTIVE, "/campaign/unallocatedBudget", "32999.99");
    BAD(RESP_ACTIVE, "/campaign/unallocatedBudget", "33000.02", "/campaign/unallocatedBudget", "CR-UNALLOCATED");
    BAD(RESP_ACTIVE, "/campaign/unallocatedBudget", "0", "/campaign/unallocatedBudget", "CR-UNALLOCATED");
    BAD2(RESP_ACTIVE, "/campaign/allocatedBudget", "75000.02", "/campaign/unallocatedBudget", "CR-UNALLOCATED",
         "/campaign/allocatedBudget", "CR-ALLOCATED");
    /* over-allocation */
    BAD2(RESP_ACTIVE, "/campaign/allocatedBudget", "120000", "/campaign/unallocatedBudget", "CR-UNALLOCATED",
         "/campaign/allocatedBudget", "CR-ALLOCATED");
    OK(RESP_ACTIVE, "/campaign/unallocatedBudget", "33000");
    /* C241: allocatedBudget is the budgets of the packages still committed:
     * pkg_1..pkg_4 of the ACTIVE buy (75000), not the CANCELED buy's (D46) */
    OK(RESP_ACTIVE, "/campaign/mediaBuys/0/packages/0/budget", "22682.94");
    BAD(RESP_ACTIVE, "/campaign/mediaBuys/0/packages/0/budget", "22682.95", "/campaign/allocatedBudget",
        "CR-ALLOCATED");
    BAD(RESP_ACTIVE, "/campaign/mediaBuys/0/packages/1/status", "\"canceled\"", "/campaign/allocatedBudget",
        "CR-ALLOCATED");
    OK(RESP_ACTIVE, "/campaign/mediaBuys/1/packages/0/budget", "1");
    /* a status changed in mediaBuys alone breaks CR-BUY-REFS; the canceled
     * buy's packages stay canceled, so the allocation holds */
    BAD(RESP_ACTIVE, "/campaign/mediaBuys/1/status", "\"PAUSED\"", "/campaign/mediaBuyRefs/1/status",
        "CR-BUY-REFS");
    BAD(RESP_ACTIVE, "/campaign/mediaBuys/0/status", "\"PAUSED\"", "/campaign/mediaBuyRefs/0/status",
        "CR-BUY-REFS");
    /* a DRAFT without buys has nothing allocated */
    BAD2(RESP, "/campaign/allocatedBudget", "5", "/campaign/allocatedBudget", "CR-ALLOCATED",
         "/campaign/unallocatedBudget", "CR-UNALLOCATED");
}

/* C213: storefronts */
static void test_storefronts(struct bctx *x)
{
#define S0 "/campaign/storefronts/0"
    BAD(RESP, S0 "/id", NULL, S0, "required");
    BAD(RESP, S0 "/platformId", NULL, S0, "required");
    BAD(RESP, S0 "/name", NULL, S0, "required");
    OK(RESP, S0 "/id", "9007199254740991");
    BAD(RESP, S0 "/id", "9007199254740992", S0 "/id", "maximum");
    BAD(RESP, S0 "/id", "\"42\"", S0 "/id", "type");
    BAD(RESP, S0 "/platformId", "42", S0 "/platformId", "type");
#undef S0
}

/* C214, C215: productCount integer >= 0, DRAFT only (D19) */
static void test_product_count(struct bctx *x)
{
    OK(RESP, "/campaign/productCount", "0");
    BAD(RESP, "/campaign/productCount", "-1", "/campaign/productCount", "minimum");
    BAD(RESP, "/campaign/productCount", "1.5", "/campaign/productCount", "type");
    OK(RESP, "/campaign/productCount", "9007199254740991");
    BAD(RESP, "/campaign/productCount", "9007199254740992", "/campaign/productCount", "maximum");
    OK(LIST, "/campaigns/1/productCount", "9007199254740991");
    BAD(LIST, "/campaigns/1/productCount", "9007199254740992", "/campaigns/1/productCount", "maximum");
    BASE(RESP_ACTIVE);
    BAD(RESP_ACTIVE, "/campaign/productCount", "3", "/campaign/productCount", "x-error");
    CHECK_MSG(&T, strstr(x->message, "\"ACTIVE\"") != NULL, "message should name the status: %s", x->message);
    BAD(RESP_ACTIVE, "/campaign/productCount", "0", "/campaign/productCount", "x-error");
    /* list items: optional integer >= 0 */
    OK(LIST, "/campaigns/1/productCount", "0");
    BAD(LIST, "/campaigns/1/productCount", "-1", "/campaigns/1/productCount", "minimum");
}

/* C216, C217: products and audiences */
static void test_products_and_audiences(struct bctx *x)
{
    BAD(RESP, "/campaign/products/0/productId", NULL, "/campaign/products/0", "required");
    BAD(RESP, "/campaign/products/0/productId", "\"\"", "/campaign/products/0/productId", "minLength");
#define A0 "/campaign/audiences/0"
    static const char *const req[] = { "audienceId", "name", "status", "type", "enabledAt" };
    for (size_t i = 0; i < sizeof req / sizeof *req; i++) {
        char p[96];
        snprintf(p, sizeof p, A0 "/%s", req[i]);
        BAD(RESP, p, NULL, A0, "required");
    }
    BAD(RESP, A0 "/audienceId", "\"\"", A0 "/audienceId", "minLength");
    OK(RESP, A0 "/name", "null");
    BAD(RESP, A0 "/name", "7", A0 "/name", "type");
    static const char *const st[] = { "PROCESSING", "ERROR", "READY", "TOO_SMALL" };
    for (size_t i = 0; i < sizeof st / sizeof *st; i++) {
        char v[32];
        snprintf(v, sizeof v, "\"%s\"", st[i]);
        OK(RESP, A0 "/status", v);
    }
    BAD(RESP, A0 "/status", "\"ready\"", A0 "/status", "enum");
    BAD(RESP, A0 "/status", "\"ACTIVE\"", A0 "/status", "enum");
    OK(RESP, A0 "/type", "\"SUPPRESS\"");
    BAD(RESP, A0 "/type", "\"EXCLUDE\"", A0 "/type", "enum");
    BAD(RESP, A0 "/enabledAt", "\"2026-04-20\"", A0 "/enabledAt", "format");
#undef A0
}

/* C218, C230: creative formats (optional member) */
static void test_creative_formats(struct bctx *x)
{
#define CF "/campaign/creativeFormats"
    OK(RESP, CF, NULL);
    OK(RESP, CF "/missing", "[]");
    BAD(RESP, CF "/required", NULL, CF, "required");
    BAD(RESP, CF "/covered", NULL, CF, "required");
    BAD(RESP, CF "/missing", NULL, CF, "required");
    BAD(RESP, CF "/missing/0/agent_url", NULL, CF "/missing/0", "required");
    BAD(RESP, CF "/required/0/id", NULL, CF "/required/0", "required");
    BAD(RESP, CF "/covered/0/id", "300", CF "/covered/0/id", "type");
    BAD(RESP, CF "/missing", "{}", CF "/missing", "type");
#undef CF
}

/* C219-C224: media buys inside a campaign */
static void test_campaign_media_buys(struct bctx *x)
{
#define MB "/campaign/mediaBuys/0"
    static const char *const req[] = { "name", "status", "createdAt", "updatedAt" };
    for (size_t i = 0; i < sizeof req / sizeof *req; i++) {
        char p[96];
        snprintf(p, sizeof p, MB "/%s", req[i]);
        BAD(RESP_ACTIVE, p, NULL, MB, "required");
    }
    /* without its id the buy no longer matches its ref either */
    BAD2(RESP_ACTIVE, MB "/mediaBuyId", NULL, MB, "required", "/campaign/mediaBuyRefs/0/mediaBuyId", "CR-BUY-REFS");
    OK(RESP_ACTIVE, MB "/startTime", NULL);
    OK(RESP_ACTIVE, MB "/endTime", "\"2026-06-30T23:59:59-07:00\"");
    BAD(RESP_ACTIVE, MB "/startTime", "\"2026-05-01T00:00:00\"", MB "/startTime", "format");
    BAD(RESP_ACTIVE, MB "/endTime", "\"2026-06-31T00:00:00Z\"", MB "/endTime", "format");
    BAD(RESP_ACTIVE, MB "/createdAt", "\"yesterday\"", MB "/createdAt", "format");
    BAD(RESP_ACTIVE, MB "/name", "1", MB "/name", "type");
    /* C220: status is a media buy status (the refs then disagree too: CR-BUY-REFS) */
    BAD2(RESP_ACTIVE, MB "/status", "\"RUNNING\"", MB "/status", "enum",
         "/campaign/mediaBuyRefs/0/status", "CR-BUY-REFS");
    BAD2(RESP_ACTIVE, MB "/status", "\"active\"", MB "/status", "enum",
         "/campaign/mediaBuyRefs/0/status", "CR-BUY-REFS");
    /* C221: products */
    BAD(RESP_ACTIVE, MB "/products/0/productId", NULL, MB "/products/0", "required");
    BAD(RESP_ACTIVE, MB "/products/0/productId", "\"\"", MB "/products/0/productId", "minLength");
    OK(RESP_ACTIVE, MB "/products/0", "{\"productId\": \"prod_display_1\"}");
    BAD(RESP_ACTIVE, MB "/products/0/budget", "\"30000\"", MB "/products/0/budget", "type");
    BAD(RESP_ACTIVE, MB "/products/0/publisherName", "null", MB "/products/0/publisherName", "type");
    /* C222: packages */
    static const char *const preq[] = { "packageId", "status", "productIds" };
    for (size_t i = 0; i < sizeof preq / sizeof *preq; i++) {
        char p[96];
        snprintf(p, sizeof p, MB "/packages/0/%s", preq[i]);
        BAD(RESP_ACTIVE, p, NULL, MB "/packages/0", "required");
    }
    OK(RESP_ACTIVE, MB "/packages/0", "{\"packageId\": \"pkg_1\", \"status\": \"active\", \"productIds\": []}");
    BAD(RESP_ACTIVE, MB "/packages/0/packageId", "\"\"", MB "/packages/0/packageId", "minLength");
    BAD(RESP_ACTIVE, MB "/packages/0/productIds/0", "1", MB "/packages/0/productIds/0", "type");
    OK(RESP_ACTIVE, MB "/packages/0/status", "\"anything the seller says\"");
    OK(RESP_ACTIVE, MB "/packages/0/pacing", "\"front_loaded\"");
    OK(RESP_ACTIVE, MB "/packages/0/bidPrice", NULL);
    OK(RESP_ACTIVE, MB "/packages/0/bidPrice", "0");
    BAD(RESP_ACTIVE, MB "/packages/0/bidPrice", "null", MB "/packages/0/bidPrice", "type"); /* CF (corrected) */
    BAD(RESP_ACTIVE, MB "/packages/0/bidPrice", "\"12.5\"", MB "/packages/0/bidPrice", "type");
    /* C223: delivery */
    BAD(RESP_ACTIVE, MB "/packages/0/delivery/clicks", NULL, MB "/packages/0/delivery", "required");
    BAD(RESP_ACTIVE, MB "/packages/0/delivery/impressions", NULL, MB "/packages/0/delivery", "required");
    BAD(RESP_ACTIVE, MB "/packages/0/delivery/spend", NULL, MB "/packages/0/delivery", "required");
    OK(RESP_ACTIVE, MB "/packages/0/delivery/clicks", "null");
    OK(RESP_ACTIVE, MB "/packages/0/delivery/spend", "0");
    BAD(RESP_ACTIVE, MB "/packages/0/delivery/spend", "null", MB "/packages/0/delivery/spend", "type");
    BAD(RESP_ACTIVE, MB "/packages/0/delivery/impressions", "null", MB "/packages/0/delivery/impressions", "type");
    BAD(RESP_ACTIVE, MB "/packages/0/delivery/impressions", "\"412000\"", MB "/packages/0/delivery/impressions", "type");
    /* C224: pacing periods, snake_case goals; C232: performance */
    BAD(RESP_ACTIVE, MB "/pacingPeriods/periods", "[]", MB "/pacingPeriods/periods", "minItems");
    BAD(RESP_ACTIVE, MB "/optimizationGoals/0/metric", "\"impressions\"", MB "/optimizationGoals/0/metric", "enum");
    BAD(RESP_ACTIVE, MB "/optimizationGoals/0", "{\"kind\": \"metric\", \"metric\": \"clicks\", \"target\": {\"kind\": \"cost_per\"}}",
        MB "/optimizationGoals/0/target", "x-error");
    static const char *const perf[] = { "impressions", "spend", "clicks", "views", "completedViews", "conversions",
                                        "leads" };
    for (size_t i = 0; i < sizeof perf / sizeof *perf; i++) {
        char p[96];
        snprintf(p, sizeof p, MB "/performance/%s", perf[i]);
        OK(RESP_ACTIVE, p, "0.5");
        BAD(RESP_ACTIVE, p, NULL, MB "/performance", "required");
        BAD(RESP_ACTIVE, p, "null", p, "type");
    }
    OK(RESP_ACTIVE, MB "/performance/lastUpdated", NULL);
    BAD(RESP_ACTIVE, MB "/performance/lastUpdated", "\"yesterday\"", MB "/performance/lastUpdated", "format");
    BAD(RESP_ACTIVE, MB "/performance/ctr", "0.0015", MB "/performance/ctr", "additionalProperties");
    BAD(RESP_ACTIVE, MB "/performance", "null", MB "/performance", "type");
    OK(RESP_ACTIVE, MB "/performance", NULL);
    BAD(RESP_ACTIVE, "/campaign/mediaBuys", "{}", "/campaign/mediaBuys", "type");
#undef MB
}

/* C225: data delivery outputs as returned (D17) */
static void test_data_delivery_echo(struct bctx *x)
{
#define O0 "/campaign/dataDelivery/outputs/0"
    static const char *const req[] = { "outputConfigId", "dataDeliveryType", "cadence", "enabled", "deliveryConfig",
                                       "source", "createdAt", "updatedAt" };
    for (size_t i = 0; i < sizeof req / sizeof *req; i++) {
        char p[96];
        snprintf(p, sizeof p, O0 "/%s", req[i]);
        BAD(RESP, p, NULL, O0, "required");
    }
    OK(RESP, O0 "/credentialName", NULL);
    OK(RESP, O0 "/credentialId", NULL);
    BAD(RESP, O0 "/credentialId", "77", O0 "/credentialId", "type");
    BAD(RESP, O0 "/outputConfigId", "\"\"", O0 "/outputConfigId", "minLength");
    OK(RESP, O0 "/source", "\"advertiser\"");
    BAD(RESP, O0 "/source", "\"CAMPAIGN\"", O0 "/source", "enum");
    BAD(RESP, O0 "/source", "\"seat\"", O0 "/source", "enum");
    BAD(RESP, O0 "/cadence", "\"MONTHLY\"", O0 "/cadence", "enum");
    BAD(RESP, O0 "/credentialName", "\"-x\"", O0 "/credentialName", "pattern");
    OK(RESP, "/campaign/dataDelivery/outputs", NULL); /* outputs optional (CF (corrected)) */
    BAD(RESP, "/campaign/dataDelivery/credentials", "[]", "/campaign/dataDelivery/credentials", "additionalProperties");
    BAD(RESP, O0 "/deliveryConfig/pathPrefix", NULL, O0 "/deliveryConfig", "required");
    BAD(RESP, O0 "/deliveryConfig/format", NULL, O0 "/deliveryConfig", "required");
    OK(RESP, O0 "/deliveryConfig/bucket", NULL);
    BAD(RESP, O0 "/deliveryConfig/region", "\"us-east-1\"", O0 "/deliveryConfig/region", "additionalProperties");
    BAD(RESP, O0 "/status", "\"ok\"", O0 "/status", "additionalProperties");
#undef O0
}

/* C227: a DRAFT campaign has no media buys (D21) */
static void test_draft_no_buys(struct bctx *x)
{
    OK(RESP, "/campaign/mediaBuyRefs", "[]");
    OK(RESP, "/campaign/mediaBuys", "[]");
    BAD(RESP, "/campaign/mediaBuyRefs", "[{\"mediaBuyId\": \"mb_abc123\", \"status\": \"DRAFT\"}]",
        "/campaign/mediaBuyRefs", "CR-DRAFT-NO-BUYS");
    BAD(RESP, "/campaign/mediaBuys", "[{\"mediaBuyId\": \"mb_abc123\", \"name\": \"x\", \"status\": \"DRAFT\", "
        "\"createdAt\": \"2026-04-20T09:00:00Z\", \"updatedAt\": \"2026-04-20T09:00:00Z\"}]",
        "/campaign/mediaBuys", "CR-DRAFT-NO-BUYS");
    OK(RESP_MIN, "/campaign/status", "\"PAUSED\"");
    BAD(RESP_MIN, "/campaign/status", "\"DRAFT\"", "/campaign/mediaBuyRefs", "CR-DRAFT-NO-BUYS");
}

/* C228: refs and media buys agree (D22) */
static void test_buy_refs(struct bctx *x)
{
    BAD(RESP_ACTIVE, "/campaign/mediaBuyRefs/1/status", "\"PAUSED\"", "/campaign/mediaBuyRefs/1/status", "CR-BUY-REFS");
    OK(RESP_ACTIVE, "/campaign/mediaBuyRefs/1/status", "\"CANCELED\"");
    BAD(RESP_ACTIVE, "/campaign/mediaBuyRefs/1", NULL, "/campaign/mediaBuys/1/mediaBuyId", "CR-BUY-REFS");
    BAD(RESP_ACTIVE, "/campaign/mediaBuyRefs/-", "{\"mediaBuyId\": \"mb_zzz\", \"status\": \"ACTIVE\"}",
        "/campaign/mediaBuyRefs/2/mediaBuyId", "CR-BUY-REFS");
    BAD2(RESP_ACTIVE, "/campaign/mediaBuyRefs/1/mediaBuyId", "\"mb_zzz\"",
         "/campaign/mediaBuyRefs/1/mediaBuyId", "CR-BUY-REFS", "/campaign/mediaBuys/1/mediaBuyId", "CR-BUY-REFS");
    /* compared only when both are present */
    OK(RESP_ACTIVE, "/campaign/mediaBuyRefs", NULL);
    OK(RESP_MIN, "/campaign/mediaBuyRefs/-", "{\"mediaBuyId\": \"mb_zzz\", \"status\": \"ACTIVE\"}");
}

/* C231: the campaign rules on returned campaigns and list items */
static void test_response_rules(struct bctx *x)
{
    BAD(RESP, "/campaign/pacingPeriods/periods/1/start", "\"2026-05-31\"",
        "/campaign/pacingPeriods/periods/1", "CR-PACING-NO-OVERLAP");
    BAD(RESP, "/campaign/pacingPeriods/periods/0/start", "\"2026-04-30\"",
        "/campaign/pacingPeriods/periods/0/start", "CR-PACING-IN-FLIGHT");
    OK(RESP, "/campaign/pacingPeriods/periods/0/start", "\"2026-05-31\"");
    BAD(RESP, "/campaign/pacingPeriods",
        "{\"mode\": \"budget\", \"periods\": [{\"label\": \"A\", \"start\": \"2026-05-01\", \"end\": \"2026-05-31\", \"budget\": 120000.02}]}",
        "/campaign/pacingPeriods/periods", "CR-PACING-BUDGET-SUM");
    OK(RESP, "/campaign/pacingPeriods",
       "{\"mode\": \"budget\", \"periods\": [{\"label\": \"A\", \"start\": \"2026-05-01\", \"end\": \"2026-05-31\", \"budget\": 120000}]}");
}

/* ---- list response ---------------------------------------------------------------------- */

/* C235-C237 */
static void test_list_response(struct bctx *x)
{
    BASE(LIST);
    BASE("campaign-list-response.empty.json");
    BAD(LIST, "/total", NULL, "", "required");
    BAD(LIST, "/campaigns", NULL, "", "required");
    OK(LIST, "/total", "0");       /* D28: not compared with the page */
    OK(LIST, "/total", "1000");
    BAD(LIST, "/total", "-1", "/total", "minimum");
    OK(LIST, "/total", "9007199254740991");
    BAD(LIST, "/total", "9007199254740992", "/total", "maximum");
    BAD(LIST, "/total", "2.5", "/total", "type");
    BAD(LIST, "/total", "\"3\"", "/total", "type");
    BAD(LIST, "/campaigns", "{}", "/campaigns", "type");
    /* C236: required summary members */
    static const char *const req[] = { "campaignId", "advertiserId", "name", "status", "createdAt", "updatedAt" };
    for (size_t i = 0; i < sizeof req / sizeof *req; i++) {
        char p[96];
        snprintf(p, sizeof p, "/campaigns/0/%s", req[i]);
        BAD(LIST, p, NULL, "/campaigns/0", "required");
    }
    BAD(LIST, "/campaigns/0/campaignId", "\"\"", "/campaigns/0/campaignId", "minLength");
    BAD(LIST, "/campaigns/0/createdAt", "\"2026-04-20T09:00:00\"", "/campaigns/0/createdAt", "format");
    /* C237: optional members */
    OK(LIST, "/campaigns/0/campaignType", NULL);
    OK(LIST, "/campaigns/0/flightDates", NULL);
    OK(LIST, "/campaigns/0/budget", NULL);
    BAD(LIST, "/campaigns/0/budget/currency", NULL, "/campaigns/0/budget", "required"); /* D39 */
    BAD(LIST, "/campaigns/0/budget/total", NULL, "/campaigns/0/budget", "required");
    BAD(LIST, "/campaigns/0/budget/total", "0", "/campaigns/0/budget/total", "exclusiveMinimum");
    BAD(LIST, "/campaigns/0/flightDates/startDate", NULL, "/campaigns/0/flightDates", "required");
    BAD(LIST, "/campaigns/0/productCount", "1.5", "/campaigns/0/productCount", "type");
}

/* ---- other responses ----------------------------------------------------------------- */

/* C250, C251: 202 proposals */
static void test_update_accepted(struct bctx *x)
{
    BASE(ACCEPTED);
    BAD(ACCEPTED, "/proposals", NULL, "", "required");
    BAD(ACCEPTED, "/proposals", "[]", "/proposals", "minItems"); /* D29 */
    OK(ACCEPTED, "/proposals/-", "{\"proposalId\": \"p2\", \"mediaBuyId\": \"mb_def456\", \"status\": \"PENDING_SELLER_APPROVAL\"}");
    static const char *const req[] = { "proposalId", "mediaBuyId", "status" };
    for (size_t i = 0; i < sizeof req / sizeof *req; i++) {
        char p[96];
        snprintf(p, sizeof p, "/proposals/0/%s", req[i]);
        BAD(ACCEPTED, p, NULL, "/proposals/0", "required");
    }
    BAD(ACCEPTED, "/proposals/0/proposalId", "\"\"", "/proposals/0/proposalId", "minLength");
    BAD(ACCEPTED, "/proposals/0/mediaBuyId", "\"\"", "/proposals/0/mediaBuyId", "minLength");
    /* C251 */
    BAD(ACCEPTED, "/proposals/0/status", "\"PENDING\"", "/proposals/0/status", "const");
    BAD(ACCEPTED, "/proposals/0/status", "\"pending_seller_approval\"", "/proposals/0/status", "const");
    BAD(ACCEPTED, "/proposals/0/status", "\"APPROVED\"", "/proposals/0/status", "const");
}

/* C255-C259: media-buy-status poll */
static void test_media_buy_status_response(struct bctx *x)
{
    BASE(MBSTATUS);
    BASE(MBSTATUS_ERR);
    static const char *const req[] = { "campaign_id", "media_buys", "agents_queried", "errors" };
    for (size_t i = 0; i < sizeof req / sizeof *req; i++) {
        char p[64];
        snprintf(p, sizeof p, "/%s", req[i]);
        BAD(MBSTATUS, p, NULL, "", "required");
    }
    BAD(MBSTATUS, "/campaign_id", "\"\"", "/campaign_id", "minLength");
    /* C256 */
    OK(MBSTATUS, "/agents_queried", "0");
    BAD(MBSTATUS, "/agents_queried", "-1", "/agents_queried", "minimum");
    OK(MBSTATUS, "/agents_queried", "9007199254740991");
    BAD(MBSTATUS, "/agents_queried", "9007199254740992", "/agents_queried", "maximum");
    BAD(MBSTATUS, "/agents_queried", "1.5", "/agents_queried", "type");
    /* C257, C258 */
    static const char *const ereq[] = { "media_buy_id", "adcp_media_buy_id", "internal_status", "adcp_status",
                                        "previous_internal_status", "previous_adcp_status", "updated" };
    for (size_t i = 0; i < sizeof ereq / sizeof *ereq; i++) {
        char p[96];
        snprintf(p, sizeof p, "/media_buys/0/%s", ereq[i]);
        BAD(MBSTATUS, p, NULL, "/media_buys/0", "required");
    }
    BAD(MBSTATUS, "/media_buys/0/media_buy_id", "\"\"", "/media_buys/0/media_buy_id", "minLength");
    OK(MBSTATUS, "/media_buys/0/adcp_status", "null");
    OK(MBSTATUS, "/media_buys/0/adcp_status", "\"pending_activation\"");
    OK(MBSTATUS, "/media_buys/0/adcp_status", "\"any seller vocabulary\"");
    BAD(MBSTATUS, "/media_buys/0/adcp_status", "1", "/media_buys/0/adcp_status", "type");
    OK(MBSTATUS, "/media_buys/0/previous_adcp_status", "null");
    BAD(MBSTATUS, "/media_buys/0/previous_adcp_status", "false", "/media_buys/0/previous_adcp_status", "type");
    BAD(MBSTATUS, "/media_buys/0/updated", "\"false\"", "/media_buys/0/updated", "type");
    BAD(MBSTATUS, "/media_buys/0/adcp_media_buy_id", "null", "/media_buys/0/adcp_media_buy_id", "type");
    /* C259 */
    BAD(MBSTATUS_ERR, "/errors/0/media_buy_id", NULL, "/errors/0", "required");
    BAD(MBSTATUS_ERR, "/errors/0/error", NULL, "/errors/0", "required");
    BAD(MBSTATUS_ERR, "/errors/0/error", "{\"code\": \"TIMEOUT\"}", "/errors/0/error", "type");
}

/* C265-C267: the error contract (D27) */
static void test_error_response(struct bctx *x)
{
    BASE(ERROR);
    BASE("error-response.not-found.json");
    BASE("error-response.insufficient-media-budget.json");
    BAD(ERROR, "/data", "{}", "/data", "type");
    BAD(ERROR, "/data", "false", "/data", "type");
    BAD(ERROR, "/data", NULL, "", "required");
    BAD(ERROR, "/error", NULL, "", "required");
    BAD(ERROR, "/error", "\"VALIDATION_ERROR\"", "/error", "type");
    BAD(ERROR, "/error/code", NULL, "/error", "required");
    BAD(ERROR, "/error/message", NULL, "/error", "required");
    BAD(ERROR, "/error/code", "\"\"", "/error/code", "minLength");
    BAD(ERROR, "/error/code", "400", "/error/code", "type");
    OK(ERROR, "/error/message", "\"\"");
    BAD(ERROR, "/error/message", "null", "/error/message", "type");
    OK(ERROR, "/error/field", NULL);
    BAD(ERROR, "/error/field", "[\"mediaBuys\", 0]", "/error/field", "type");
    OK(ERROR, "/error/details", NULL);
    OK(ERROR, "/error/details", "{}");
    BAD(ERROR, "/error/details", "[]", "/error/details", "type");
    BAD(ERROR, "/error/details", "\"x\"", "/error/details", "type");
    /* C267: open vocabulary */
    OK(ERROR, "/error/code", "\"INSUFFICIENT_MEDIA_BUDGET\"");
    OK(ERROR, "/error/code", "\"NOT_FOUND\"");
    OK(ERROR, "/error/code", "\"SOMETHING_NEW\"");
}

int main(void)
{
    static void (*const tests[])(struct bctx *) = {
        /* shared pieces */
        test_int53, test_date_time, test_flight_dates_required, test_flight_order, test_budget_amounts,
        test_currency, test_budget_pacing, test_budget_update, test_campaign_status, test_media_buy_status,
        test_campaign_type, test_optimization_apply_mode, test_duration, test_frequency_cap_input,
        test_frequency_cap_output, test_pacing_mode, test_pacing_period_count, test_pacing_period_label,
        test_pacing_period_dates, test_pacing_period_weight, test_pacing_period_budget, test_pacing_budget_mode,
        test_pacing_period_order, test_pacing_in_flight, test_pacing_no_overlap, test_pacing_budget_sum,
        test_utm, test_audience, test_constraints, test_data_delivery,
        /* optimization goals */
        test_goal_list, test_goal_kind, test_event_sources, test_event_types, test_attribution_window,
        test_goal_priority, test_metric_goal, test_goal_target, test_event_only_targets,
        test_metric_only_targets, test_media_buy_goal_kind, test_media_buy_metric_goal, test_target_frequency,
        test_media_buy_event_sources, test_media_buy_attribution, test_vendor_metric_goal, test_vendor_object,
        /* create and update requests */
        test_create_open, test_name_length, test_create_required, test_brief_length, test_storefront_ids,
        test_discovery_id, test_product_ids, test_catalog_id, test_shared_pieces_in_requests,
        test_update_open, test_update_catalog_id, test_update_pacing_nullable, test_update_frequency_caps,
        test_media_buys_array, test_media_buy_action, test_media_buy_id, test_media_buy_reason,
        test_package_ids, test_package_update, test_product_update, test_media_buy_strings,
        test_media_buy_goals_list, test_creative_ids, test_media_buy_entry_closed,
        /* execute and the responses */
        test_execute_request, test_status_change_response, test_campaign_response_shape,
        test_campaign_required, test_campaign_pieces, test_media_buy_refs, test_media_budget, test_fees,
        test_allocation, test_storefronts, test_product_count, test_products_and_audiences,
        test_creative_formats, test_campaign_media_buys, test_data_delivery_echo, test_draft_no_buys,
        test_buy_refs, test_response_rules, test_list_response, test_update_accepted,
        test_media_buy_status_response, test_error_response, test_responses_closed, test_response_budget_and_goals,
        test_property_lists,
    };
    jsv_error err;
    jsv_options strict_opts = { JSV_REPORT_UNKNOWN, 0, 0 };
    struct bctx x;
    memset(&err, 0, sizeof err);
    memset(&x, 0, sizeof x);
    contract *c = contract_load(NULL, NULL, &err);
    CHECK_MSG(&T, c != NULL, "contract_load: %s", err.message);
    contract *strict = c ? contract_load(NULL, &strict_opts, &err) : NULL;
    CHECK_MSG(&T, strict != NULL, "contract_load (strict): %s", err.message);
    x.r = contract_report_new();
    if (c && strict && x.r) {
        x.c = c;
        x.strict = strict;
        test_json_text();
        for (size_t i = 0; i < sizeof tests / sizeof *tests; i++)
            tests[i](&x);
    }
    contract_report_free(x.r);
    contract_free(strict);
    contract_free(c);
    return check_done(&T);
}
