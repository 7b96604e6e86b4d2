/* test_contract_rules.c - each contract rule on both sides of its
 * boundary, and on bodies of the wrong shape (which must be skipped, never
 * crash).  The rules are called directly: no schema files are needed. */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "check.h"
#include "campaign/contract.h"
#include "contract_rules.h"
#include "campaign/json_parse.h"

static struct check T = { 0, 0, "test_contract_rules" };

/* The bodies that have rules, and where a test's JSON sits in each. */
static const struct { const char *name, *wrap; } RULE_BODIES[] = {
    { "campaign-create-request", "%s" },
    { "campaign-update-request", "%s" },
    { "campaign-update-request", "{\"mediaBuys\":[{},%s]}" },
    { "campaign-response", "{\"campaign\":%s}" },
    { "campaign-list-response", "{\"campaigns\":[%s,%s]}" },
};

/* The rules of body name on json, on a tree and on a tape: the tape must
 * find something exactly when the tree does. */
static void same_rules_on_tape(const char *name, const char *json)
{
    json_error e;
    json_doc *doc = json_parse(json, strlen(json), NULL, NULL, &e);
    json_tape *tp = json_tape_new();
    arena *strings = arena_new(0);
    contract_report *r = contract_report_new();
    if (doc && tp && strings && r && json_tape_parse(tp, json, strlen(json), NULL, &e) == 0) {
        contract_rules_apply(name, doc->root, r);
        int tree = contract_report_count(r) == 0, tape = contract_rules_tape(name, tp, strings);
        CHECK_MSG(&T, tape == tree, "%s rules on %.300s: tree %s, tape %d", name, json,
                  tree ? "no finding" : "findings", tape);
    }
    contract_report_free(r);
    arena_free(strings);
    json_tape_free(tp);
    json_doc_free(doc);
}

/* Every JSON text a test gives a rule also goes through all the rules of
 * each body that has some (same_rules_on_tape), placed where that body's
 * rules look. */
static void same_on_tape(const char *json)
{
    size_t size = 2 * strlen(json) + 64;
    char *body = malloc(size);
    for (size_t i = 0; body && i < sizeof RULE_BODIES / sizeof RULE_BODIES[0]; i++) {
        snprintf(body, size, RULE_BODIES[i].wrap, json, json);
        same_rules_on_tape(RULE_BODIES[i].name, body);
    }
    free(body);
}

/* Apply rule to json (parsed as the tools parse it: member names and
 * strings may hold U+0000) at pointer base ""; the findings stay in r. */
static size_t run(contract_rule_fn rule, const char *json, contract_report *r)
{
    json_error e;
    json_doc *doc = json_parse(json, strlen(json), NULL, NULL, &e);
    contract_report_clear(r);
    if (!doc) {
        CHECK_MSG(&T, doc != NULL, "test JSON does not parse: %s", json);
        return (size_t)-1;
    }
    rule(doc->root, "", r);
    json_doc_free(doc);
    same_on_tape(json);
    return contract_report_count(r);
}

/* Number of findings rule gives for json, checking every finding's id. */
static size_t count(contract_rule_fn rule, const char *id, const char *json)
{
    contract_report *r = contract_report_new();
    size_t n = run(rule, json, r);
    for (size_t i = 0; n != (size_t)-1 && i < n; i++) {
        const contract_finding *f = contract_report_get(r, i);
        CHECK_STR(&T, f->id, id);
        CHECK(&T, f->is_rule == 1);
        CHECK(&T, f->message[0] != '\0');
    }
    contract_report_free(r);
    return n;
}

/* The pointer of the only finding (or "" when there is not exactly one). */
static char last_pointer[512];
/* Every finding's pointer, in report order, as "P;P;..." */
static char all_pointers[1024];
static const char *pointers_of(contract_rule_fn rule, const char *json)
{
    contract_report *r = contract_report_new();
    size_t n = run(rule, json, r);
    all_pointers[0] = '\0';
    for (size_t i = 0; n != (size_t)-1 && i < n; i++) {
        size_t used = strlen(all_pointers);
        snprintf(all_pointers + used, sizeof all_pointers - used, "%s;", contract_report_get(r, i)->pointer);
    }
    contract_report_free(r);
    return all_pointers;
}

static const char *pointer_of(contract_rule_fn rule, const char *json)
{
    contract_report *r = contract_report_new();
    size_t n = run(rule, json, r);
    snprintf(last_pointer, sizeof last_pointer, "%s",
             n == 1 ? contract_report_get(r, 0)->pointer : "(not one finding)");
    contract_report_free(r);
    return last_pointer;
}

#define OK(rule, id, json) CHECK_MSG(&T, count(rule, id, json) == 0, "expected no finding: %s", json)
#define BAD(rule, id, json) CHECK_MSG(&T, count(rule, id, json) == 1, "expected one finding: %s", json)

static void test_date_parsing(void)
{
    cr_instant a, b;
    int64_t d;
    CHECK(&T, cr_parse_date_time("2025-01-15T00:00:00Z", &a));
    CHECK(&T, cr_parse_date_time("2025-01-15t00:00:00z", &a));
    CHECK(&T, cr_parse_date_time("2024-02-29T23:59:60.123+05:30", &a));
    CHECK(&T, !cr_parse_date_time("2023-02-29T00:00:00Z", &a));
    CHECK(&T, !cr_parse_date_time("2025-01-15T24:00:00Z", &a));
    CHECK(&T, !cr_parse_date_time("2025-01-15T00:00:00", &a));
    CHECK(&T, !cr_parse_date_time("2025-01-15T00:00:00.Z", &a));
    CHECK(&T, !cr_parse_date_time("2025-01-15 00:00:00Z", &a));
    CHECK(&T, !cr_parse_date_time("2025-01-15T00:00:00+0100", &a));
    CHECK(&T, !cr_parse_date_time("2025-01-15T00:00:00Zjunk", &a));
    CHECK(&T, !cr_parse_date_time("2025-01-15", &a));
    CHECK(&T, !cr_parse_date_time("", &a));
    CHECK(&T, !cr_parse_date_time(NULL, &a));

    /* the same instant written in two offsets */
    CHECK(&T, cr_parse_date_time("2025-01-15T12:00:00+01:00", &a));
    CHECK(&T, cr_parse_date_time("2025-01-15T11:00:00Z", &b));
    CHECK(&T, format_instant_cmp(&a, &b) == 0);
    CHECK(&T, a.local_day == b.local_day); /* both on the 15th */
    /* crossing midnight and the year through the offset */
    CHECK(&T, cr_parse_date_time("2025-01-01T00:30:00+01:00", &a));
    CHECK(&T, cr_parse_date_time("2024-12-31T23:30:00Z", &b));
    CHECK(&T, format_instant_cmp(&a, &b) == 0);
    CHECK(&T, a.local_day == b.local_day + 1);
    /* fractions compare numerically, trailing zeros ignored */
    CHECK(&T, cr_parse_date_time("2025-01-15T00:00:00.5Z", &a));
    CHECK(&T, cr_parse_date_time("2025-01-15T00:00:00.50Z", &b));
    CHECK(&T, format_instant_cmp(&a, &b) == 0);
    CHECK(&T, cr_parse_date_time("2025-01-15T00:00:00.25Z", &b));
    CHECK(&T, format_instant_cmp(&a, &b) > 0);
    CHECK(&T, cr_parse_date_time("2025-01-15T00:00:00Z", &b));
    CHECK(&T, format_instant_cmp(&a, &b) > 0);
    /* a leap second at any minute reads as the next minute's :00 (the
     * date-time format, not the rules, says where one may stand) */
    CHECK(&T, cr_parse_date_time("2025-01-15T12:30:60Z", &a));
    CHECK(&T, cr_parse_date_time("2025-01-15T12:31:00Z", &b));
    CHECK(&T, format_instant_cmp(&a, &b) == 0);
    CHECK(&T, !cr_parse_date_time("2025-01-15T12:30:61Z", &a));
    /* a fraction counts to its 23rd digit */
    CHECK(&T, cr_parse_date_time("2025-01-15T00:00:00.00000000000000000000001Z", &a));
    CHECK(&T, cr_parse_date_time("2025-01-15T00:00:00Z", &b));
    CHECK(&T, format_instant_cmp(&a, &b) > 0);
    CHECK(&T, cr_parse_date_time("2025-01-15T00:00:00.000000000000000000000001Z", &a));
    CHECK(&T, format_instant_cmp(&a, &b) == 0);

    CHECK(&T, cr_parse_full_date("1970-01-01", &d) && d == 0);
    CHECK(&T, cr_parse_full_date("2000-03-01", &d) && d == 11017);
    CHECK(&T, cr_parse_full_date("1969-12-31", &d) && d == -1);
    CHECK(&T, !cr_parse_full_date("2025-02-29", &d));
    CHECK(&T, !cr_parse_full_date("2025-1-01", &d));
    CHECK(&T, !cr_parse_full_date("2025-01-01T", &d));
    CHECK(&T, !cr_parse_full_date("<string>", &d));
}

static void test_flight_order(void)
{
    const char *id = "CR-FLIGHT-ORDER";
    OK(cr_flight_order, id, "{\"flightDates\":{\"startDate\":\"2025-01-15T00:00:00Z\",\"endDate\":\"2025-03-31T23:59:59Z\"}}");
    BAD(cr_flight_order, id, "{\"flightDates\":{\"startDate\":\"2025-01-15T00:00:00Z\",\"endDate\":\"2025-01-15T00:00:00Z\"}}");
    BAD(cr_flight_order, id, "{\"flightDates\":{\"startDate\":\"2025-03-31T00:00:00Z\",\"endDate\":\"2025-01-15T00:00:00Z\"}}");
    CHECK_STR(&T, pointer_of(cr_flight_order, "{\"flightDates\":{\"startDate\":\"2025-03-31T00:00:00Z\",\"endDate\":\"2025-01-15T00:00:00Z\"}}"),
              "/flightDates/endDate");
    /* one millisecond apart */
    OK(cr_flight_order, id, "{\"flightDates\":{\"startDate\":\"2025-01-15T00:00:00Z\",\"endDate\":\"2025-01-15T00:00:00.001Z\"}}");
    /* the same instant in two offsets is not "after" */
    BAD(cr_flight_order, id, "{\"flightDates\":{\"startDate\":\"2025-01-15T12:00:00+01:00\",\"endDate\":\"2025-01-15T11:00:00Z\"}}");
    /* the text compares one way, the instants the other */
    OK(cr_flight_order, id, "{\"flightDates\":{\"startDate\":\"2025-01-15T10:00:00+02:00\",\"endDate\":\"2025-01-15T09:00:00Z\"}}");
    BAD(cr_flight_order, id, "{\"flightDates\":{\"startDate\":\"2025-01-15T10:00:00-02:00\",\"endDate\":\"2025-01-15T11:00:00Z\"}}");
    OK(cr_flight_order, id, "{\"flightDates\":{\"startDate\":\"2024-12-31T23:30:00Z\",\"endDate\":\"2025-01-01T00:31:00+01:00\"}}");
    /* wrong shapes: skipped */
    OK(cr_flight_order, id, "{\"flightDates\":\"2025\"}");
    OK(cr_flight_order, id, "{\"flightDates\":{\"startDate\":1,\"endDate\":0}}");
    OK(cr_flight_order, id, "{\"flightDates\":{\"endDate\":\"2025-01-15T00:00:00Z\"}}");
    OK(cr_flight_order, id, "{\"flightDates\":{\"startDate\":\"2025-03-31T00:00:00Z\",\"endDate\":\"2025-02-30T00:00:00Z\"}}");
    OK(cr_flight_order, id, "{\"flightDates\":{\"startDate\":\"<string>\",\"endDate\":\"<string>\"}}");
    OK(cr_flight_order, id, "[1,2]");
    OK(cr_flight_order, id, "null");
}

#define FLIGHT "\"flightDates\":{\"startDate\":\"2025-01-15T00:00:00Z\",\"endDate\":\"2025-03-31T23:59:59Z\"}"

static void test_pacing_period_order(void)
{
    const char *id = "CR-PACING-PERIOD-ORDER";
    OK(cr_pacing_period_order, id, "{\"pacingPeriods\":{\"mode\":\"weight\",\"periods\":[{\"label\":\"a\",\"start\":\"2025-01-15\",\"end\":\"2025-01-15\"}]}}");
    OK(cr_pacing_period_order, id, "{\"pacingPeriods\":{\"periods\":[{\"start\":\"2025-01-15\",\"end\":\"2025-01-16\"}]}}");
    BAD(cr_pacing_period_order, id, "{\"pacingPeriods\":{\"periods\":[{\"start\":\"2025-01-16\",\"end\":\"2025-01-15\"}]}}");
    CHECK_STR(&T, pointer_of(cr_pacing_period_order,
              "{\"pacingPeriods\":{\"periods\":[{\"start\":\"2025-01-01\",\"end\":\"2025-01-02\"},{\"start\":\"2025-02-01\",\"end\":\"2025-01-31\"}]}}"),
              "/pacingPeriods/periods/1/end");
    OK(cr_pacing_period_order, id, "{\"pacingPeriods\":{\"periods\":[null,1,\"x\",{\"start\":5},{\"start\":\"2025-13-01\",\"end\":\"2025-01-01\"}]}}");
    OK(cr_pacing_period_order, id, "{\"pacingPeriods\":{\"periods\":{\"start\":\"2025-02-01\",\"end\":\"2025-01-01\"}}}");
    OK(cr_pacing_period_order, id, "{\"pacingPeriods\":null}");
}

static void test_pacing_in_flight(void)
{
    const char *id = "CR-PACING-IN-FLIGHT";
    OK(cr_pacing_in_flight, id, "{" FLIGHT ",\"pacingPeriods\":{\"periods\":[{\"start\":\"2025-01-15\",\"end\":\"2025-03-31\"}]}}");
    BAD(cr_pacing_in_flight, id, "{" FLIGHT ",\"pacingPeriods\":{\"periods\":[{\"start\":\"2025-01-14\",\"end\":\"2025-03-31\"}]}}");
    BAD(cr_pacing_in_flight, id, "{" FLIGHT ",\"pacingPeriods\":{\"periods\":[{\"start\":\"2025-01-15\",\"end\":\"2025-04-01\"}]}}");
    CHECK(&T, count(cr_pacing_in_flight, id, "{" FLIGHT ",\"pacingPeriods\":{\"periods\":[{\"start\":\"2025-01-01\",\"end\":\"2025-12-31\"}]}}") == 2);
    CHECK_STR(&T, pointer_of(cr_pacing_in_flight,
              "{" FLIGHT ",\"pacingPeriods\":{\"periods\":[{\"start\":\"2025-01-15\",\"end\":\"2025-02-01\"},{\"start\":\"2025-02-02\",\"end\":\"2025-04-01\"}]}}"),
              "/pacingPeriods/periods/1/end");
    /* the flight's own calendar date counts, not the UTC date */
    OK(cr_pacing_in_flight, id, "{\"flightDates\":{\"startDate\":\"2025-01-15T23:00:00-05:00\",\"endDate\":\"2025-01-31T01:00:00+05:00\"},"
       "\"pacingPeriods\":{\"periods\":[{\"start\":\"2025-01-15\",\"end\":\"2025-01-31\"}]}}");
    /* either side missing: skipped */
    OK(cr_pacing_in_flight, id, "{\"pacingPeriods\":{\"periods\":[{\"start\":\"2020-01-01\",\"end\":\"2030-01-01\"}]}}");
    OK(cr_pacing_in_flight, id, "{" FLIGHT "}");
    OK(cr_pacing_in_flight, id, "{" FLIGHT ",\"pacingPeriods\":{\"periods\":[{\"start\":\"x\",\"end\":\"2030-01-01T00:00:00Z\"}]}}");
}

static void test_pacing_no_overlap(void)
{
    const char *id = "CR-PACING-NO-OVERLAP";
    /* touching: the next period starts the day after */
    OK(cr_pacing_no_overlap, id, "{\"pacingPeriods\":{\"periods\":[{\"start\":\"2025-01-01\",\"end\":\"2025-01-31\"},{\"start\":\"2025-02-01\",\"end\":\"2025-02-28\"}]}}");
    /* gaps are pauses, allowed */
    OK(cr_pacing_no_overlap, id, "{\"pacingPeriods\":{\"periods\":[{\"start\":\"2025-01-01\",\"end\":\"2025-01-10\"},{\"start\":\"2025-02-01\",\"end\":\"2025-02-28\"}]}}");
    /* sharing a day overlaps (days are inclusive) */
    BAD(cr_pacing_no_overlap, id, "{\"pacingPeriods\":{\"periods\":[{\"start\":\"2025-01-01\",\"end\":\"2025-01-31\"},{\"start\":\"2025-01-31\",\"end\":\"2025-02-28\"}]}}");
    CHECK_STR(&T, pointer_of(cr_pacing_no_overlap,
              "{\"pacingPeriods\":{\"periods\":[{\"start\":\"2025-01-01\",\"end\":\"2025-01-31\"},{\"start\":\"2025-01-31\",\"end\":\"2025-02-28\"}]}}"),
              "/pacingPeriods/periods/1");
    /* out of order in the array, still overlapping */
    BAD(cr_pacing_no_overlap, id, "{\"pacingPeriods\":{\"periods\":[{\"start\":\"2025-02-01\",\"end\":\"2025-02-28\"},{\"start\":\"2025-01-01\",\"end\":\"2025-02-10\"}]}}");
    OK(cr_pacing_no_overlap, id, "{\"pacingPeriods\":{\"periods\":[{\"start\":\"2025-02-01\",\"end\":\"2025-02-28\"},{\"start\":\"2025-01-01\",\"end\":\"2025-01-31\"}]}}");
    /* one long period covering two others */
    CHECK(&T, count(cr_pacing_no_overlap, id, "{\"pacingPeriods\":{\"periods\":[{\"start\":\"2025-01-01\",\"end\":\"2025-12-31\"},"
          "{\"start\":\"2025-03-01\",\"end\":\"2025-03-31\"},{\"start\":\"2025-05-01\",\"end\":\"2025-05-31\"}]}}") == 2);
    /* identical single-day periods */
    BAD(cr_pacing_no_overlap, id, "{\"pacingPeriods\":{\"periods\":[{\"start\":\"2025-01-01\",\"end\":\"2025-01-01\"},{\"start\":\"2025-01-01\",\"end\":\"2025-01-01\"}]}}");
    /* reversed or malformed periods are left to other rules */
    OK(cr_pacing_no_overlap, id, "{\"pacingPeriods\":{\"periods\":[{\"start\":\"2025-02-01\",\"end\":\"2025-01-01\"},{\"start\":\"2025-01-10\",\"end\":\"2025-01-20\"},7,{\"start\":[]}]}}");
    OK(cr_pacing_no_overlap, id, "{\"pacingPeriods\":{\"periods\":[]}}");
    OK(cr_pacing_no_overlap, id, "{\"pacingPeriods\":[]}");
}

static void test_pacing_budget_sum(void)
{
    const char *id = "CR-PACING-BUDGET-SUM";
#define PB(total, b1, b2) "{\"budget\":{\"total\":" total "},\"pacingPeriods\":{\"mode\":\"budget\",\"periods\":[" \
    "{\"start\":\"2025-01-01\",\"end\":\"2025-01-31\",\"budget\":" b1 "},{\"start\":\"2025-02-01\",\"end\":\"2025-02-28\",\"budget\":" b2 "}]}}"
    OK(cr_pacing_budget_sum, id, PB("1000", "600", "400"));
    OK(cr_pacing_budget_sum, id, PB("1000", "600", "300"));
    OK(cr_pacing_budget_sum, id, PB("1000", "600", "400.01"));
    BAD(cr_pacing_budget_sum, id, PB("1000", "600", "400.011"));
    BAD(cr_pacing_budget_sum, id, PB("1000", "600", "401"));
    CHECK_STR(&T, pointer_of(cr_pacing_budget_sum, PB("1000", "600", "401")), "/pacingPeriods/periods");
    OK(cr_pacing_budget_sum, id, PB("0.3", "0.1", "0.2"));
    /* weight mode: budgets are not summed */
    OK(cr_pacing_budget_sum, id, "{\"budget\":{\"total\":10},\"pacingPeriods\":{\"mode\":\"weight\",\"periods\":[{\"budget\":100}]}}");
    /* no total (a partial update): skipped */
    OK(cr_pacing_budget_sum, id, "{\"budget\":{\"currency\":\"USD\"},\"pacingPeriods\":{\"mode\":\"budget\",\"periods\":[{\"budget\":100}]}}");
    OK(cr_pacing_budget_sum, id, "{\"pacingPeriods\":{\"mode\":\"budget\",\"periods\":[{\"budget\":100}]}}");
    OK(cr_pacing_budget_sum, id, PB("\"1000\"", "600", "401"));
    OK(cr_pacing_budget_sum, id, PB("1000", "\"600\"", "401"));
    OK(cr_pacing_budget_sum, id, "{\"budget\":{\"total\":1},\"pacingPeriods\":{\"mode\":\"budget\",\"periods\":5}}");
#undef PB
}

static void test_products_need_discovery(void)
{
    const char *id = "CR-PRODUCTS-NEED-DISCOVERY";
    OK(cr_products_need_discovery, id, "{\"discoveryId\":\"abc\",\"productIds\":[\"prod_1\"]}");
    OK(cr_products_need_discovery, id, "{\"discoveryId\":\"abc\"}");
    OK(cr_products_need_discovery, id, "{}");
    OK(cr_products_need_discovery, id, "{\"productIds\":null}");
    BAD(cr_products_need_discovery, id, "{\"productIds\":[\"prod_1\"]}");
    BAD(cr_products_need_discovery, id, "{\"productIds\":[\"prod_1\"],\"discoveryId\":null}");
    BAD(cr_products_need_discovery, id, "{\"productIds\":[]}");
    CHECK_STR(&T, pointer_of(cr_products_need_discovery, "{\"productIds\":[\"p\"]}"), "/productIds");
    OK(cr_products_need_discovery, id, "[]");
}

static void test_media_budget(void)
{
    const char *id = "CR-MEDIA-BUDGET";
#define MB(media, fees) "{\"budget\":{\"total\":10000},\"fees\":" fees ",\"mediaBudget\":{\"total\":" media "}}"
    OK(cr_media_budget, id, MB("8500", "[{\"label\":\"margin\",\"amount\":1500}]"));
    OK(cr_media_budget, id, MB("8500.01", "[{\"amount\":1500}]"));
    OK(cr_media_budget, id, MB("8499.99", "[{\"amount\":1500}]"));
    BAD(cr_media_budget, id, MB("8500.011", "[{\"amount\":1500}]"));
    BAD(cr_media_budget, id, MB("8499.989", "[{\"amount\":1500}]"));
    BAD(cr_media_budget, id, MB("10000", "[{\"amount\":1500}]"));
    CHECK_STR(&T, pointer_of(cr_media_budget, MB("10000", "[{\"amount\":1500}]")), "/mediaBudget/total");
    OK(cr_media_budget, id, MB("8000", "[{\"amount\":1500},{\"amount\":500}]"));
    OK(cr_media_budget, id, MB("10000", "[]"));
    OK(cr_media_budget, id, "{\"budget\":{\"total\":10000},\"mediaBudget\":{\"total\":10000}}");
    BAD(cr_media_budget, id, "{\"budget\":{\"total\":10000},\"mediaBudget\":{\"total\":9000}}");
    /* fractional cents accumulate through binary arithmetic */
    OK(cr_media_budget, id, "{\"budget\":{\"total\":0.3},\"fees\":[{\"amount\":0.1}],\"mediaBudget\":{\"total\":0.2}}");
    /* malformed pieces: skipped */
    OK(cr_media_budget, id, MB("1", "[{\"amount\":\"1500\"}]"));
    OK(cr_media_budget, id, MB("1", "[null]"));
    OK(cr_media_budget, id, MB("1", "{\"amount\":1}"));
    OK(cr_media_budget, id, MB("\"8500\"", "[]"));
    OK(cr_media_budget, id, "{\"budget\":null,\"mediaBudget\":{\"total\":1}}");
#undef MB
}

static void test_unallocated(void)
{
    const char *id = "CR-UNALLOCATED";
#define UA(un) "{\"mediaBudget\":{\"total\":8500},\"allocatedBudget\":7500,\"unallocatedBudget\":" un "}"
    OK(cr_unallocated, id, UA("1000"));
    OK(cr_unallocated, id, UA("1000.01"));
    OK(cr_unallocated, id, UA("999.99"));
    BAD(cr_unallocated, id, UA("1000.011"));
    BAD(cr_unallocated, id, UA("999.989"));
    BAD(cr_unallocated, id, UA("2500"));
    CHECK_STR(&T, pointer_of(cr_unallocated, UA("2500")), "/unallocatedBudget");
    /* over-allocation gives a negative remainder, which is consistent */
    OK(cr_unallocated, id, "{\"mediaBudget\":{\"total\":100},\"allocatedBudget\":150,\"unallocatedBudget\":-50}");
    OK(cr_unallocated, id, "{\"mediaBudget\":{\"total\":8500},\"unallocatedBudget\":1}");
    OK(cr_unallocated, id, "{\"mediaBudget\":8500,\"allocatedBudget\":7500,\"unallocatedBudget\":1}");
    OK(cr_unallocated, id, UA("null"));
#undef UA
}

static void test_allocated(void)
{
    const char *id = "CR-ALLOCATED";
#define PKG(status, budget) "{\"packageId\":\"p\",\"status\":\"" status "\",\"budget\":" budget "}"
#define BUY(status, pkgs) "{\"mediaBuyId\":\"m\",\"status\":\"" status "\",\"packages\":[" pkgs "]}"
#define AL(alloc, buys) "{\"allocatedBudget\":" alloc ",\"mediaBuys\":[" buys "]}"
    OK(cr_allocated, id, AL("1000.5", BUY("ACTIVE", PKG("active", "600") "," PKG("pending_start", "400.5"))));
    OK(cr_allocated, id, AL("1000.51", BUY("ACTIVE", PKG("active", "600") "," PKG("pending_start", "400.5"))));
    OK(cr_allocated, id, AL("1000.49", BUY("ACTIVE", PKG("active", "600") "," PKG("pending_start", "400.5"))));
    BAD(cr_allocated, id, AL("1000.511", BUY("ACTIVE", PKG("active", "600") "," PKG("pending_start", "400.5"))));
    BAD(cr_allocated, id, AL("1000.489", BUY("ACTIVE", PKG("active", "600") "," PKG("pending_start", "400.5"))));
    CHECK_STR(&T, pointer_of(cr_allocated, AL("0", BUY("ACTIVE", PKG("active", "600")))), "/allocatedBudget");
    /* paused and pending buys keep their money committed (D46) */
    OK(cr_allocated, id, AL("700", BUY("PAUSED", PKG("paused", "300")) "," BUY("PENDING_APPROVAL", PKG("x", "400"))));
    OK(cr_allocated, id, AL("100", BUY("COMPLETED", PKG("completed", "100"))));
    /* canceled, archived, failed and rejected buys or packages do not count, in any case */
    OK(cr_allocated, id, AL("100", BUY("ACTIVE", PKG("active", "100") "," PKG("canceled", "50"))));
    OK(cr_allocated, id, AL("100", BUY("ACTIVE", PKG("active", "100") "," PKG("CANCELED", "50"))));
    BAD(cr_allocated, id, AL("150", BUY("ACTIVE", PKG("active", "100") "," PKG("canceled", "50"))));
    /* a status is compared whole: "canceled" followed by U+0000 is no CANCELED */
    OK(cr_allocated, id, AL("150", BUY("ACTIVE", PKG("active", "100") "," PKG("canceled\\u0000x", "50"))));
    OK(cr_allocated, id, AL("150", BUY("ACTIVE", PKG("active", "100") "," PKG("cancele", "50"))));
    OK(cr_allocated, id, AL("0", BUY("CANCELED", PKG("active", "100")) "," BUY("ARCHIVED", PKG("archived", "5"))
                                 "," BUY("FAILED", PKG("x", "7")) "," BUY("REJECTED", PKG("x", "9"))));
    BAD(cr_allocated, id, AL("100", BUY("CANCELED", PKG("active", "100"))));
    /* no buys at all: nothing is allocated */
    OK(cr_allocated, id, "{\"allocatedBudget\":0}");
    BAD(cr_allocated, id, "{\"allocatedBudget\":0.02}");
    OK(cr_allocated, id, AL("0", ""));
    OK(cr_allocated, id, AL("0", BUY("ACTIVE", "")));
    /* buys shown only as mediaBuyRefs, or a counted package without a budget: skipped */
    OK(cr_allocated, id, "{\"allocatedBudget\":5,\"mediaBuyRefs\":[{\"mediaBuyId\":\"m\",\"status\":\"ACTIVE\"}]}");
    OK(cr_allocated, id, AL("5", "{\"mediaBuyId\":\"m\",\"status\":\"ACTIVE\",\"packages\":[{\"status\":\"active\"}]}"));
    OK(cr_allocated, id, AL("5", "{\"mediaBuyId\":\"m\",\"status\":\"ACTIVE\",\"packages\":{}}"));
    OK(cr_allocated, id, "{\"allocatedBudget\":5,\"mediaBuys\":{}}");
    OK(cr_allocated, id, AL("\"5\"", BUY("ACTIVE", PKG("active", "1"))));
    /* a canceled package's budget need not be a number */
    OK(cr_allocated, id, AL("1", BUY("ACTIVE", PKG("active", "1") ",{\"status\":\"canceled\"}")));
#undef AL
#undef BUY
#undef PKG
}

static void test_draft_no_buys(void)
{
    const char *id = "CR-DRAFT-NO-BUYS";
    OK(cr_draft_no_buys, id, "{\"status\":\"DRAFT\"}");
    OK(cr_draft_no_buys, id, "{\"status\":\"DRAFT\",\"mediaBuys\":[],\"mediaBuyRefs\":[]}");
    BAD(cr_draft_no_buys, id, "{\"status\":\"DRAFT\",\"mediaBuyRefs\":[{\"mediaBuyId\":\"mb_1\",\"status\":\"ACTIVE\"}]}");
    CHECK_STR(&T, pointer_of(cr_draft_no_buys, "{\"status\":\"DRAFT\",\"mediaBuyRefs\":[{\"mediaBuyId\":\"mb_1\"}]}"), "/mediaBuyRefs");
    BAD(cr_draft_no_buys, id, "{\"status\":\"DRAFT\",\"mediaBuys\":[{}]}");
    CHECK(&T, count(cr_draft_no_buys, id, "{\"status\":\"DRAFT\",\"mediaBuys\":[{}],\"mediaBuyRefs\":[{}]}") == 2);
    OK(cr_draft_no_buys, id, "{\"status\":\"ACTIVE\",\"mediaBuys\":[{}],\"mediaBuyRefs\":[{}]}");
    OK(cr_draft_no_buys, id, "{\"status\":\"draft\",\"mediaBuys\":[{}]}");
    OK(cr_draft_no_buys, id, "{\"status\":1,\"mediaBuys\":[{}]}");
    OK(cr_draft_no_buys, id, "{\"status\":\"DRAFT\",\"mediaBuys\":{\"a\":1}}");
}

static void test_buy_refs(void)
{
    const char *id = "CR-BUY-REFS";
#define BR(refs, buys) "{\"mediaBuyRefs\":" refs ",\"mediaBuys\":" buys "}"
#define REF(i, s) "{\"mediaBuyId\":\"" i "\",\"status\":\"" s "\"}"
#define BUY(i, s) "{\"mediaBuyId\":\"" i "\",\"name\":\"n\",\"status\":\"" s "\"}"
    OK(cr_buy_refs, id, BR("[" REF("mb_1", "ACTIVE") "," REF("mb_2", "CANCELED") "]",
                           "[" BUY("mb_2", "CANCELED") "," BUY("mb_1", "ACTIVE") "]"));
    OK(cr_buy_refs, id, BR("[]", "[]"));
    BAD(cr_buy_refs, id, BR("[" REF("mb_1", "ACTIVE") "," REF("mb_2", "ACTIVE") "]", "[" BUY("mb_1", "ACTIVE") "]"));
    CHECK_STR(&T, pointer_of(cr_buy_refs, BR("[" REF("mb_1", "ACTIVE") "," REF("mb_2", "ACTIVE") "]", "[" BUY("mb_1", "ACTIVE") "]")),
              "/mediaBuyRefs/1/mediaBuyId");
    /* each finding's instance is the node its pointer names (lint takes
     * the line and column from it) */
    {
        cJSON *doc = cJSON_Parse(BR("[" REF("mb_1", "ACTIVE") "," REF("mb_2", "ACTIVE") "]",
                                    "[" BUY("mb_1", "ACTIVE") "," BUY("mb_3", "ACTIVE") "]"));
        contract_report *r = contract_report_new();
        cr_buy_refs(doc, "", r);
        CHECK_INT(&T, contract_report_count(r), 2);
        if (contract_report_count(r) == 2) {
            const cJSON *ref2 = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "mediaBuyRefs"), 1);
            const cJSON *buy3 = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "mediaBuys"), 1);
            CHECK(&T, contract_report_get(r, 0)->instance == cJSON_GetObjectItemCaseSensitive(ref2, "mediaBuyId"));
            CHECK(&T, contract_report_get(r, 1)->instance == cJSON_GetObjectItemCaseSensitive(buy3, "mediaBuyId"));
        }
        contract_report_free(r);
        cJSON_Delete(doc);
    }
    CHECK_STR(&T, pointer_of(cr_buy_refs, BR("[" REF("mb_1", "ACTIVE") "]", "[" BUY("mb_0", "ACTIVE") "," BUY("mb_1", "ACTIVE") "]")),
              "/mediaBuys/0/mediaBuyId");
    CHECK_STR(&T, pointer_of(cr_buy_refs, BR("[" REF("mb_1", "ACTIVE") "]", "[" BUY("mb_1", "PAUSED") "]")),
              "/mediaBuyRefs/0/status");
    /* findings in list order, refs first; ids compared by their bytes
     * (same hash needs the same bytes; ids differing in one byte, in
     * length, or only by a prefix are different buys) */
    CHECK_STR(&T, pointers_of(cr_buy_refs, BR("[" REF("mb_9", "ACTIVE") "," REF("mb_1", "ACTIVE") "," REF("mb_5", "ACTIVE") "]",
                                              "[" BUY("mb_5", "PAUSED") "," BUY("mb_7", "ACTIVE") "," BUY("mb_0", "ACTIVE") "]")),
              "/mediaBuyRefs/0/mediaBuyId;/mediaBuyRefs/1/mediaBuyId;/mediaBuyRefs/2/status;"
              "/mediaBuys/1/mediaBuyId;/mediaBuys/2/mediaBuyId;");
    CHECK_STR(&T, pointers_of(cr_buy_refs, BR("[" REF("mb_1", "ACTIVE") "," REF("mb_10", "ACTIVE") "]",
                                              "[" BUY("mb_10", "ACTIVE") "," BUY("mb_1x", "ACTIVE") "]")),
              "/mediaBuyRefs/0/mediaBuyId;/mediaBuys/1/mediaBuyId;");
    /* a repeated id: every ref is checked against the first buy of that id */
    CHECK_STR(&T, pointers_of(cr_buy_refs, BR("[" REF("mb_1", "ACTIVE") "," REF("mb_1", "PAUSED") "]",
                                              "[" BUY("mb_1", "ACTIVE") "," BUY("mb_1", "PAUSED") "]")),
              "/mediaBuyRefs/1/status;");
    /* status read from the first member of that name, wherever it stands */
    OK(cr_buy_refs, id, BR("[{\"status\":\"ACTIVE\",\"x\":1,\"mediaBuyId\":\"mb_1\",\"status\":\"PAUSED\"}]",
                           "[" BUY("mb_1", "ACTIVE") "]"));
    /* only one of the lists: nothing to compare */
    OK(cr_buy_refs, id, "{\"mediaBuyRefs\":[" REF("mb_1", "ACTIVE") "]}");
    OK(cr_buy_refs, id, "{\"mediaBuys\":[" BUY("mb_1", "ACTIVE") "]}");
    /* entries of the wrong shape are ignored */
    OK(cr_buy_refs, id, BR("[1,null,{\"mediaBuyId\":5}," REF("mb_1", "ACTIVE") "]", "[\"x\"," BUY("mb_1", "ACTIVE") "]"));
    OK(cr_buy_refs, id, BR("[{\"mediaBuyId\":\"mb_1\"}]", "[" BUY("mb_1", "ACTIVE") "]"));
    OK(cr_buy_refs, id, BR("{}", "[" BUY("mb_1", "ACTIVE") "]"));
#undef BR
#undef REF
#undef BUY
}

/* The message of rule's only finding on json, parsed strictly (so
 * numbers keep their text), or "(not one finding)". */
static char one_message[2048];
static const char *message_of(contract_rule_fn rule, const char *json)
{
    json_error e;
    json_doc *doc = json_parse(json, strlen(json), NULL, NULL, &e);
    contract_report *r = contract_report_new();
    if (doc) rule(doc->root, "", r);
    snprintf(one_message, sizeof one_message, "%s",
             contract_report_count(r) == 1 ? contract_report_get(r, 0)->message : "(not one finding)");
    contract_report_free(r);
    json_doc_free(doc);
    return one_message;
}

/* Messages show amounts as the body wrote them (2^53 + 1 is not rounded
 * to a double's digits), computed amounts without an exponent, and cut
 * ids on a character boundary (at most 200 bytes of one). */
static void test_messages(void)
{
    static const struct { contract_rule_fn rule; const char *json, *message; } cases[] = {
        { cr_media_budget, "{\"budget\":{\"total\":9007199254740993},\"mediaBudget\":{\"total\":9007199254740991}}",
          "mediaBudget.total is 9007199254740991, expected budget.total 9007199254740993 minus fees 0 = "
          "9007199254740992 (tolerance 0.01)" },
        { cr_media_budget, "{\"budget\":{\"total\":100.12345678901234567890},\"fees\":[{\"amount\":0.5}],"
                           "\"mediaBudget\":{\"total\":1.000}}",
          "mediaBudget.total is 1.000, expected budget.total 100.12345678901234567890 minus fees 0.5 = "
          "99.62345678901235 (tolerance 0.01)" },
        { cr_unallocated, "{\"mediaBudget\":{\"total\":9007199254740993},\"allocatedBudget\":1e3,"
                          "\"unallocatedBudget\":9007199254740991}",
          "unallocatedBudget is 9007199254740991, expected mediaBudget.total 9007199254740993 minus "
          "allocatedBudget 1e3 = 9007199254739992 (tolerance 0.01)" },
        { cr_pacing_budget_sum, "{\"budget\":{\"total\":9007199254740991},\"pacingPeriods\":{\"mode\":\"budget\","
                                "\"periods\":[{\"budget\":9007199254740991},{\"budget\":2}]}}",
          "period budgets sum to 9007199254740992, more than budget.total 9007199254740991" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_STR(&T, message_of(cases[i].rule, cases[i].json), cases[i].message);

    /* a media buy id cut at 200 bytes: sequences across, ending at and
     * starting at the cut */
    static const struct { size_t fill; const char *tail; size_t kept; } ids[] = {
        { 198, "\xe2\x82\xac" "bb", 198 },
        { 197, "\xf0\x9f\x98\x80" "bb", 197 },
        { 197, "\xe2\x82\xac" "bb", 200 },
        { 196, "\xf0\x9f\x98\x80" "bb", 200 },
        { 200, "\xf0\x9f\x98\x80", 200 },
    };
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        char id[256], json[600], want[400];
        memset(id, 'a', ids[i].fill);
        strcpy(id + ids[i].fill, ids[i].tail);
        snprintf(json, sizeof json, "{\"mediaBuyRefs\":[{\"mediaBuyId\":\"%s\"}],\"mediaBuys\":[]}", id);
        snprintf(want, sizeof want, "mediaBuyRefs names media buy \"%.*s\", which mediaBuys does not contain",
                 (int)ids[i].kept, id);
        CHECK_STR(&T, message_of(cr_buy_refs, json), want);
    }
}

/* Findings of contract_rules_apply for a body, as "ID@pointer;..." */
static char applied[2048];
static const char *apply(const char *name, const char *json)
{
    json_error e;
    json_doc *doc = json_parse(json, strlen(json), NULL, NULL, &e);
    contract_report *r = contract_report_new();
    applied[0] = '\0';
    CHECK_MSG(&T, doc != NULL, "test JSON does not parse: %s", json);
    contract_rules_apply(name, doc ? doc->root : NULL, r);
    same_rules_on_tape(name, json);
    for (size_t i = 0; i < contract_report_count(r); i++) {
        const contract_finding *f = contract_report_get(r, i);
        size_t n = strlen(applied);
        snprintf(applied + n, sizeof applied - n, "%s@%s;", f->id, f->pointer);
    }
    contract_report_free(r);
    json_doc_free(doc);
    return applied;
}

static void test_apply(void)
{
    const char *bad_flight = "\"flightDates\":{\"startDate\":\"2025-03-31T00:00:00Z\",\"endDate\":\"2025-01-15T00:00:00Z\"}";
    char body[1024];

    snprintf(body, sizeof body, "{%s,\"productIds\":[\"p\"]}", bad_flight);
    CHECK_STR(&T, apply("campaign-create-request", body),
              "CR-FLIGHT-ORDER@/flightDates/endDate;CR-PRODUCTS-NEED-DISCOVERY@/productIds;");
    /* update requests cannot carry productIds: the rule is create-only */
    CHECK_STR(&T, apply("campaign-update-request", body), "CR-FLIGHT-ORDER@/flightDates/endDate;");
    CHECK_STR(&T, apply("campaign-update-request",
                        "{\"mediaBuys\":[{\"mediaBuyId\":\"mb\",\"pacingPeriods\":{\"periods\":[{\"start\":\"2025-02-01\",\"end\":\"2025-01-01\"}]}}]}"),
              "CR-PACING-PERIOD-ORDER@/mediaBuys/0/pacingPeriods/periods/0/end;");
    snprintf(body, sizeof body, "{\"campaign\":{\"status\":\"DRAFT\",%s,\"mediaBuyRefs\":[{\"mediaBuyId\":\"m\",\"status\":\"ACTIVE\"}]}}", bad_flight);
    CHECK_STR(&T, apply("campaign-response", body),
              "CR-FLIGHT-ORDER@/campaign/flightDates/endDate;CR-DRAFT-NO-BUYS@/campaign/mediaBuyRefs;");
    snprintf(body, sizeof body, "{\"campaigns\":[{\"status\":\"ACTIVE\"},{%s}],\"total\":2}", bad_flight);
    CHECK_STR(&T, apply("campaign-list-response", body), "CR-FLIGHT-ORDER@/campaigns/1/flightDates/endDate;");
    CHECK_STR(&T, apply("campaign-response",
                        "{\"campaign\":{\"status\":\"ACTIVE\",\"mediaBuys\":[{\"mediaBuyId\":\"m\",\"pacingPeriods\":{\"periods\":["
                        "{\"start\":\"2025-01-01\",\"end\":\"2025-01-10\"},{\"start\":\"2025-01-10\",\"end\":\"2025-01-20\"}]}}]}}"),
              "CR-PACING-NO-OVERLAP@/campaign/mediaBuys/0/pacingPeriods/periods/1;");
    /* bodies without campaign rules, wrong shapes, unknown names */
    snprintf(body, sizeof body, "{%s}", bad_flight);
    CHECK_STR(&T, apply("error-response", body), "");
    CHECK_STR(&T, apply("campaign-status-change-response", body), "");
    CHECK_STR(&T, apply("no-such-body", body), "");
    CHECK_STR(&T, apply(NULL, body), "");
    CHECK_STR(&T, apply("campaign-create-request", "[1]"), "");
    CHECK_STR(&T, apply("campaign-create-request", "null"), "");
    CHECK_STR(&T, apply("campaign-response", "{\"campaign\":[]}"), "");
    CHECK_STR(&T, apply("campaign-response", "{\"campaign\":\"x\"}"), "");
    CHECK_STR(&T, apply("campaign-list-response", "{\"campaigns\":{\"a\":{}}}"), "");
    CHECK_STR(&T, apply("campaign-list-response", "{\"campaigns\":[1,null,[],\"x\"]}"), "");
}

/* JSON text for U+0000. */
#define NUL "\\u0000"
#define LATE "\"2025-01-15T00:00:00Z\""
#define EARLY "\"2025-03-31T00:00:00Z\""

/* A rule reads the member it names and no other: a member whose name
 * only starts with the wanted one ("endDate\u0000x") is not it, on trees
 * and tapes alike (apply checks both).  Media buy ids are matched on all
 * their bytes, U+0000 included. */
static void test_whole_names(void)
{
    static const struct { const char *name, *json, *want; } cases[] = {
        /* the wanted member missing: only a longer name is there */
        { "campaign-create-request", "{\"flightDates" NUL "x\":{\"startDate\":" EARLY ",\"endDate\":" LATE "}}", "" },
        { "campaign-create-request",
          "{\"flightDates\":{\"startDate\":" EARLY ",\"endDate" NUL "\":" LATE "}}", "" },
        /* next to the wanted member, in either order: the wanted one counts */
        { "campaign-create-request",
          "{\"flightDates\":{\"startDate\":" LATE ",\"endDate" NUL "\":" LATE ",\"endDate\":" EARLY "}}", "" },
        { "campaign-create-request",
          "{\"flightDates\":{\"startDate\":" EARLY ",\"endDate" NUL "\":" EARLY ",\"endDate\":" LATE "}}",
          "CR-FLIGHT-ORDER@/flightDates/endDate;" },
        { "campaign-create-request",
          "{\"flightDates" NUL "\":{\"startDate\":" EARLY ",\"endDate\":" LATE "},"
          "\"flightDates\":{\"startDate\":" LATE ",\"endDate\":" EARLY "}}", "" },
        { "campaign-create-request", "{\"productIds" NUL "\":[\"p\"]}", "" },
        { "campaign-create-request", "{\"productIds\":[\"p\"],\"discoveryId" NUL "\":\"d\"}",
          "CR-PRODUCTS-NEED-DISCOVERY@/productIds;" },
        { "campaign-create-request", "{\"productIds\":[\"p\"],\"discoveryId\":\"d\"}", "" },
        { "campaign-update-request",
          "{\"pacingPeriods" NUL "\":{\"periods\":[{\"start\":\"2025-02-01\",\"end\":\"2025-01-01\"}]}}", "" },
        { "campaign-update-request",
          "{\"pacingPeriods\":{\"periods\":[{\"start\":\"2025-02-01\",\"end" NUL "\":\"2025-01-01\"}]}}", "" },
        { "campaign-update-request",
          "{\"pacingPeriods\":{\"periods\":[{\"start\":\"2025-02-01\",\"end" NUL "\":\"2025-03-01\",\"end\":\"2025-01-01\"}]}}",
          "CR-PACING-PERIOD-ORDER@/pacingPeriods/periods/0/end;" },
        /* the body's own wrapper member */
        { "campaign-response", "{\"campaign" NUL "\":{\"status\":\"DRAFT\",\"mediaBuyRefs\":[{}]}}", "" },
        { "campaign-response", "{\"campaign\":{\"status" NUL "\":\"DRAFT\",\"mediaBuyRefs\":[{}]}}", "" },
        { "campaign-response", "{\"campaign\":{\"status\":\"DRAFT\",\"mediaBuyRefs" NUL "\":[{}]}}", "" },
        { "campaign-response", "{\"campaign\":{\"status\":\"DRAFT\",\"mediaBuyRefs\":[{}]}}",
          "CR-DRAFT-NO-BUYS@/campaign/mediaBuyRefs;" },
        { "campaign-list-response", "{\"campaigns" NUL "\":[{\"status\":\"DRAFT\",\"mediaBuys\":[{}]}]}", "" },
        /* ids: whole bytes on both sides */
        { "campaign-response",
          "{\"campaign\":{\"mediaBuyRefs\":[{\"mediaBuyId\":\"m" NUL "a\"}],\"mediaBuys\":[{\"mediaBuyId\":\"m" NUL "a\"}]}}",
          "" },
        { "campaign-response",
          "{\"campaign\":{\"mediaBuyRefs\":[{\"mediaBuyId\":\"m" NUL "a\"}],\"mediaBuys\":[{\"mediaBuyId\":\"m" NUL "b\"}]}}",
          "CR-BUY-REFS@/campaign/mediaBuyRefs/0/mediaBuyId;CR-BUY-REFS@/campaign/mediaBuys/0/mediaBuyId;" },
        { "campaign-response",
          "{\"campaign\":{\"mediaBuyRefs\":[{\"mediaBuyId\":\"m\"}],\"mediaBuys\":[{\"mediaBuyId\":\"m" NUL "\"}]}}",
          "CR-BUY-REFS@/campaign/mediaBuyRefs/0/mediaBuyId;CR-BUY-REFS@/campaign/mediaBuys/0/mediaBuyId;" },
        { "campaign-response",
          "{\"campaign\":{\"mediaBuyRefs\":[{\"mediaBuyId\":\"m\"}],\"mediaBuys\":[{\"mediaBuyId" NUL "\":\"x\",\"mediaBuyId\":\"m\"}]}}",
          "" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_STR(&T, apply(cases[i].name, cases[i].json), cases[i].want);
    /* a message names such an id with \u0000, never cut there */
    contract_report *r = contract_report_new();
    json_error e;
    const char *body = "{\"mediaBuyRefs\":[{\"mediaBuyId\":\"m" NUL "a\"}],\"mediaBuys\":[]}";
    json_doc *doc = json_parse(body, strlen(body), NULL, NULL, &e);
    if (doc && r) {
        cr_buy_refs(doc->root, "", r);
        CHECK_INT(&T, contract_report_count(r), 1);
        if (contract_report_count(r))
            CHECK_STR(&T, contract_report_get(r, 0)->message,
                      "mediaBuyRefs names media buy \"m\\u0000a\", which mediaBuys does not contain");
    }
    json_doc_free(doc);
    contract_report_free(r);
}
#undef NUL
#undef LATE
#undef EARLY

/* Every rule on a set of odd shapes: no finding, no crash. */
static void test_odd_shapes(void)
{
    static const contract_rule_fn rules[] = {
        cr_flight_order, cr_pacing_period_order, cr_pacing_in_flight, cr_pacing_no_overlap,
        cr_pacing_budget_sum, cr_media_budget, cr_unallocated, cr_allocated, cr_draft_no_buys, cr_buy_refs,
    };
    static const char *const shapes[] = {
        "null", "true", "0", "\"x\"", "[]", "{}", "[{}]",
        "{\"flightDates\":[],\"pacingPeriods\":\"x\",\"budget\":[],\"fees\":\"x\"}",
        "{\"flightDates\":{\"startDate\":null,\"endDate\":{}},\"pacingPeriods\":{\"mode\":1,\"periods\":[[],{}]}}",
        "{\"pacingPeriods\":{\"mode\":\"budget\",\"periods\":[{\"budget\":null},{\"budget\":[]}]},\"budget\":{\"total\":null}}",
        "{\"mediaBudget\":[],\"allocatedBudget\":\"1\",\"unallocatedBudget\":{},\"fees\":[[]]}",
        "{\"status\":[],\"mediaBuys\":null,\"mediaBuyRefs\":\"x\"}",
        "{\"mediaBuys\":[{\"mediaBuyId\":[]}],\"mediaBuyRefs\":[{\"mediaBuyId\":{}}]}",
    };
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        for (size_t j = 0; j < sizeof shapes / sizeof shapes[0]; j++) {
            contract_report *r = contract_report_new();
            CHECK_MSG(&T, run(rules[i], shapes[j], r) == 0, "rule %zu, shape %s", i, shapes[j]);
            contract_report_free(r);
        }
    /* product rule on odd shapes (it flags any present productIds) */
    CHECK(&T, count(cr_products_need_discovery, "CR-PRODUCTS-NEED-DISCOVERY", "{\"productIds\":\"x\"}") == 1);
    CHECK(&T, count(cr_products_need_discovery, "CR-PRODUCTS-NEED-DISCOVERY", "\"productIds\"") == 0);
}

int main(void)
{
    test_date_parsing();
    test_flight_order();
    test_pacing_period_order();
    test_pacing_in_flight();
    test_pacing_no_overlap();
    test_pacing_budget_sum();
    test_products_need_discovery();
    test_media_budget();
    test_unallocated();
    test_allocated();
    test_draft_no_buys();
    test_buy_refs();
    test_messages();
    test_apply();
    test_whole_names();
    test_odd_shapes();
    return check_done(&T);
}
