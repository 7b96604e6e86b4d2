/* test_contract.c - the contract module with the real schemas: loading,
 * the example bodies (examples/ valid, examples/invalid/ invalid with the
 * finding examples/invalid/expected.tsv names), check flags, the report.
 * Run from the project root (make test does). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"
#include "campaign/contract.h"
#include "campaign/json_parse.h"

static struct check T = { 0, 0, "test_contract" };

/* The whole file, NUL-terminated (the library's reader). */
static char *slurp(const char *path, size_t *len)
{
    return jsv_read_file(path, len);
}

/* Parse a file strictly; NULL (and *err) when it is not JSON. */
static json_doc *parse_file(const char *path, json_error *err)
{
    size_t len = 0;
    char *text = slurp(path, &len);
    json_parse_opts opts = { JSON_PARSE_REJECT_DUPLICATES, 0 };
    json_doc *doc;
    memset(err, 0, sizeof *err);
    if (!text) {
        err->code = -1;
        return NULL;
    }
    doc = json_parse(text, len, &opts, NULL, err);
    free(text);
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

static int has_finding(const contract_report *r, const char *pointer, const char *id)
{
    for (size_t i = 0; i < contract_report_count(r); i++) {
        const contract_finding *f = contract_report_get(r, i);
        if (strcmp(f->pointer, pointer) == 0 && strcmp(f->id, id) == 0)
            return 1;
    }
    return 0;
}

static void dump(const char *file, const contract_report *r)
{
    for (size_t i = 0; i < contract_report_count(r); i++) {
        const contract_finding *f = contract_report_get(r, i);
        fprintf(stderr, "  %s: %s: %s [%s]\n", file, f->pointer, f->message, f->id);
    }
}

static void test_names(void)
{
    static const char *const want[] = {
        "campaign-create-request", "campaign-update-request", "campaign-execute-request",
        "campaign-response", "campaign-list-response", "campaign-status-change-response",
        "campaign-update-accepted-response", "media-buy-status-response", "error-response",
    };
    CHECK_INT(&T, contract_body_count, 9);
    for (size_t i = 0; i < 9 && i < contract_body_count; i++)
        CHECK_STR(&T, contract_body_names[i], want[i]);
}

static void test_default_dir(void)
{
    char *old = getenv("CAMPAIGN_SCHEMA_DIR") ? strdup(getenv("CAMPAIGN_SCHEMA_DIR")) : NULL;
    setenv("CAMPAIGN_SCHEMA_DIR", "/some/where", 1);
    CHECK_STR(&T, contract_default_schema_dir(), "/some/where");
    setenv("CAMPAIGN_SCHEMA_DIR", "", 1);
    const char *d = contract_default_schema_dir();
    /* build/tests/../schemas does not exist, so the fallback applies */
    CHECK(&T, d != NULL && *d != '\0');
    unsetenv("CAMPAIGN_SCHEMA_DIR");
    CHECK_STR(&T, contract_default_schema_dir(), d);
    if (old) {
        setenv("CAMPAIGN_SCHEMA_DIR", old, 1);
        free(old);
    }
}

static void test_load_errors(void)
{
    jsv_error err;
    memset(&err, 0, sizeof err);
    CHECK(&T, contract_load("no/such/dir", NULL, &err) == NULL);
    CHECK(&T, strstr(err.message, "no/such/dir") != NULL);

    char dir[] = "/tmp/test_contract_XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(&T, !"mkdtemp");
        return;
    }
    char path[256];
    snprintf(path, sizeof path, "%s/other.json", dir);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs("{\"$id\":\"https://campaign-contract.example/test/other.json\"}", f);
        fclose(f);
    }
    memset(&err, 0, sizeof err);
    CHECK(&T, contract_load(dir, NULL, &err) == NULL);
    CHECK_MSG(&T, strstr(err.message, "campaign-create-request.json") != NULL, "%.150s", err.message);
    remove(path);
    rmdir(dir);
}

static json_doc *parse(const char *text);

/* contract_load_body compiles the one body asked for: the others have no
 * schema and their checks fail; the one it has checks as usual. */
static void test_load_body(void)
{
    jsv_error err;
    memset(&err, 0, sizeof err);
    contract *c = contract_load_body("schemas", NULL, "error-response", &err);
    CHECK_MSG(&T, c != NULL, "%.150s", err.message);
    if (!c)
        return;
    CHECK(&T, contract_schema(c, "error-response") != NULL);
    CHECK(&T, contract_schema(c, "campaign-response") == NULL);
    json_doc *ok = parse("{\"data\":null,\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"m\"}}");
    json_doc *bad = parse("{\"data\":1,\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"m\"}}");
    contract_report *r = contract_report_new();
    if (ok && bad && r) {
        CHECK_INT(&T, contract_check(c, "error-response", ok->root, 0, r), 1);
        CHECK_INT(&T, contract_check(c, "error-response", bad->root, 0, r), 0);
        contract_report_clear(r);
        CHECK_INT(&T, contract_check(c, "campaign-execute-request", ok->root, 0, r), 0);
    }
    contract_report_free(r);
    json_doc_free(ok);
    json_doc_free(bad);
    contract_free(c);
    /* a name no body has: nothing compiled, nothing to check */
    c = contract_load_body("schemas", NULL, "no-such-body", &err);
    CHECK(&T, c != NULL && contract_schema(c, "error-response") == NULL);
    contract_free(c);
}

/* contract_check_tape on the file at path, parsed into a tape (-2: the
 * file does not parse). */
static int tape_verdict(const contract *c, const char *name, const char *path, contract_report *r)
{
    size_t len = 0;
    char *text = slurp(path, &len);
    json_parse_opts opts = { JSON_PARSE_REJECT_DUPLICATES, 0 };
    json_error err;
    json_tape *tp = json_tape_new();
    int v = text && tp && json_tape_parse(tp, text, len, &opts, &err) == 0 ? contract_check_tape(c, name, tp, 0, r)
                                                                          : -2;
    json_tape_free(tp);
    free(text);
    return v;
}

/* Every valid example keeps the contract, on a tree and on a tape, and
 * keeps the strict contract (campaign-lint --strict) too: --strict never
 * reports a member the contract declares. */
static void test_examples(const contract *c, const contract *strict)
{
    DIR *d = opendir("examples");
    struct dirent *de;
    int seen = 0;
    contract_report *r = contract_report_new();
    CHECK(&T, d != NULL);
    while (d && (de = readdir(d))) {
        char path[512], name[256];
        size_t n = strlen(de->d_name);
        json_error err;
        if (n < 6 || strcmp(de->d_name + n - 5, ".json") != 0)
            continue;
        snprintf(path, sizeof path, "examples/%s", de->d_name);
        body_name(de->d_name, name, sizeof name);
        json_doc *doc = parse_file(path, &err);
        CHECK_MSG(&T, doc != NULL, "%.150s: %.150s", path, err.message);
        if (!doc)
            continue;
        contract_report_clear(r);
        int ok = contract_check(c, name, doc->root, 0, r);
        CHECK_MSG(&T, ok == 1, "%.150s should keep the contract (%d)", path, ok);
        if (ok != 1)
            dump(path, r);
        /* the tape says so too, and reports nothing */
        size_t before = contract_report_count(r);
        CHECK_MSG(&T, tape_verdict(c, name, path, r) == 1, "%.150s: tape check does not pass", path);
        CHECK_INT(&T, contract_report_count(r), before);
        contract_report_clear(r);
        ok = strict ? contract_check(strict, name, doc->root, 0, r) : -1;
        CHECK_MSG(&T, ok == 1 && contract_report_count(r) == 0, "%.150s should keep the strict contract (%d)", path,
                  ok);
        if (ok != 1)
            dump(path, r);
        json_doc_free(doc);
        seen++;
    }
    if (d)
        closedir(d);
    CHECK_MSG(&T, seen >= 9, "only %d examples", seen);
    contract_report_free(r);
}

/* Each line of expected.tsv: file, pointer, keyword or rule id. */
static void test_invalid_examples(const contract *c)
{
    size_t len;
    char *tsv = slurp("examples/invalid/expected.tsv", &len);
    contract_report *r = contract_report_new();
    int seen = 0;
    CHECK(&T, tsv != NULL);
    for (char *line = tsv ? strtok(tsv, "\n") : NULL; line; line = strtok(NULL, "\n")) {
        char *file = line, *pointer, *id, path[512], name[256];
        json_error err;
        if (line[0] == '#' || !(pointer = strchr(file, '\t')) || !(id = strchr(pointer + 1, '\t')))
            continue;
        *pointer++ = '\0';
        *id++ = '\0';
        snprintf(path, sizeof path, "examples/invalid/%s", file);
        body_name(file, name, sizeof name);
        json_doc *doc = parse_file(path, &err);
        seen++;
        if (!doc) {
            /* parse-level findings are the lint tool's; the parser's error
             * code must match the rule the file is about */
            CHECK_MSG(&T, (err.code == JSON_ERR_DUPLICATE && strcmp(id, "CR-DUPLICATE-KEY") == 0) ||
                      (err.code == JSON_ERR_TRAILING && strcmp(id, "CR-TRAILING-DATA") == 0),
                      "%.150s: %.150s", path, err.message);
            continue;
        }
        contract_report_clear(r);
        CHECK_MSG(&T, tape_verdict(c, name, path, r) == 0, "%.150s: tape check should fail", path);
        CHECK_MSG(&T, contract_check(c, name, doc->root, 0, r) == 0, "%.150s should break the contract", path);
        CHECK_MSG(&T, has_finding(r, pointer, id), "%.150s: expected %.150s at \"%.150s\"", path, id, pointer);
        if (!has_finding(r, pointer, id))
            dump(path, r);
        /* every finding of a parsed body knows its position */
        for (size_t i = 0; i < contract_report_count(r); i++)
            CHECK_MSG(&T, json_node_info(contract_report_get(r, i)->instance) != NULL,
                      "%.150s: finding %zu has no parsed instance", path, i);
        json_doc_free(doc);
    }
    CHECK_MSG(&T, seen >= 10, "only %d invalid examples", seen);
    free(tsv);
    contract_report_free(r);
}

static json_doc *parse(const char *text)
{
    json_error err;
    json_doc *doc = json_parse(text, strlen(text), NULL, NULL, &err);
    CHECK_MSG(&T, doc != NULL, "%.150s", err.message);
    return doc;
}

static void test_check_flags(const contract *c)
{
    contract_report *r = contract_report_new();
    /* a schema error (name too long is not needed: name missing) and a rule */
    json_doc *doc = parse("{\"advertiserId\":1,\"campaignType\":\"ROUTED\","
                          "\"budget\":{\"total\":10},"
                          "\"flightDates\":{\"startDate\":\"2025-02-01T00:00:00Z\",\"endDate\":\"2025-01-01T00:00:00Z\"}}");
    if (!doc)
        return;
    CHECK_INT(&T, contract_check(c, "campaign-create-request", doc->root, 0, r), 0);
    CHECK(&T, has_finding(r, "", "required"));
    CHECK(&T, has_finding(r, "/flightDates/endDate", "CR-FLIGHT-ORDER"));
    for (size_t i = 0; i < contract_report_count(r); i++) {
        const contract_finding *f = contract_report_get(r, i);
        CHECK(&T, f->is_rule == (strncmp(f->id, "CR-", 3) == 0));
        CHECK(&T, f->is_rule ? f->keyword_location == NULL : f->keyword_location != NULL);
    }

    contract_report_clear(r);
    CHECK_INT(&T, contract_report_count(r), 0);
    CHECK_INT(&T, contract_check(c, "campaign-create-request", doc->root, CONTRACT_SCHEMA_ONLY, r), 0);
    CHECK(&T, has_finding(r, "", "required"));
    CHECK(&T, !has_finding(r, "/flightDates/endDate", "CR-FLIGHT-ORDER"));

    contract_report_clear(r);
    CHECK_INT(&T, contract_check(c, "campaign-create-request", doc->root, CONTRACT_RULES_ONLY, r), 0);
    CHECK(&T, !has_finding(r, "", "required"));
    CHECK(&T, has_finding(r, "/flightDates/endDate", "CR-FLIGHT-ORDER"));

    contract_report_clear(r);
    CHECK_INT(&T, contract_check(c, "no-such-body", doc->root, 0, r), -1);
    CHECK_INT(&T, contract_report_count(r), 0);
    CHECK_INT(&T, contract_check(c, "campaign-create-request", NULL, 0, r), 0);
    CHECK_INT(&T, contract_report_count(r), 1);
    json_doc_free(doc);

    /* the execute request's body may be an empty object */
    contract_report_clear(r);
    doc = parse("{}");
    if (doc) {
        CHECK_INT(&T, contract_check(c, "campaign-execute-request", doc->root, 0, r), 1);
        json_doc_free(doc);
    }
    contract_report_free(r);
}

static void test_report(void)
{
    contract_report *r = contract_report_new();
    char pointer[] = "/a", id[] = "x-rule", message[] = "message";
    cJSON *inst = cJSON_CreateNumber(1);
    CHECK_INT(&T, contract_report_add(r, pointer, id, message, inst, 1), 0);
    pointer[1] = 'b';
    id[0] = 'y';
    message[0] = 'M';
    const contract_finding *f = contract_report_get(r, 0);
    CHECK_STR(&T, f->pointer, "/a");
    CHECK_STR(&T, f->id, "x-rule");
    CHECK_STR(&T, f->message, "message");
    CHECK(&T, f->instance == inst);
    CHECK(&T, f->keyword_location == NULL && f->absolute_keyword_location == NULL);
    CHECK_INT(&T, contract_report_add(r, NULL, NULL, NULL, NULL, 0), 0);
    CHECK_STR(&T, contract_report_get(r, 1)->pointer, "");
    for (int i = 0; i < 100; i++)
        contract_report_add(r, "/p", "id", "m", NULL, 1);
    CHECK_INT(&T, contract_report_count(r), 102);
    CHECK(&T, contract_report_get(r, 102) == NULL);
    contract_report_clear(r);
    CHECK_INT(&T, contract_report_count(r), 0);
    CHECK(&T, contract_report_get(r, 0) == NULL);
    contract_report_free(r);
    contract_report_free(NULL);
    cJSON_Delete(inst);
}

static void test_strict(void)
{
    jsv_options opts = { JSV_REPORT_UNKNOWN, 0, 0 };
    jsv_error err;
    contract *c = contract_load("schemas", &opts, &err);
    CHECK_MSG(&T, c != NULL, "%.150s", err.message);
    if (!c)
        return;
    json_doc *doc = parse("{\"advertiserId\":1,\"name\":\"n\",\"campaignType\":\"ROUTED\","
                          "\"budget\":{\"total\":10},\"storefrontId\":[1],"
                          "\"flightDates\":{\"startDate\":\"2025-01-01T00:00:00Z\",\"endDate\":\"2025-02-01T00:00:00Z\"}}");
    contract_report *r = contract_report_new();
    if (doc) {
        CHECK_INT(&T, contract_check(c, "campaign-create-request", doc->root, 0, r), 0);
        CHECK(&T, has_finding(r, "/storefrontId", "unknownProperty"));
        json_doc_free(doc);
    }
    contract_report_free(r);
    contract_free(c);
}

int main(void)
{
    jsv_error err;
    test_names();
    test_default_dir();
    test_load_errors();
    test_load_body();
    test_report();
    jsv_options strict_opts = { JSV_REPORT_UNKNOWN, 0, 0 };
    contract *c = contract_load("schemas", NULL, &err);
    CHECK_MSG(&T, c != NULL, "loading schemas/: %.150s %.150s", err.file, err.message);
    contract *strict = contract_load("schemas", &strict_opts, &err);
    CHECK_MSG(&T, strict != NULL, "loading schemas/ (strict): %.150s %.150s", err.file, err.message);
    if (c) {
        for (size_t i = 0; i < contract_body_count; i++)
            CHECK_MSG(&T, contract_schema(c, contract_body_names[i]) != NULL, "%.150s", contract_body_names[i]);
        CHECK(&T, contract_schema(c, "common") == NULL);
        CHECK(&T, contract_schema(c, NULL) == NULL);
        test_examples(c, strict);
        test_invalid_examples(c);
        test_check_flags(c);
        contract_free(c);
    }
    contract_free(strict);
    test_strict();
    return check_done(&T);
}
