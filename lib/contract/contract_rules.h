/* contract_rules.h - the contract rules JSON Schema cannot express
 * (internal to the library; docs/rules.md describes each rule).
 *
 * Every rule is one function checking one object `obj` that sits at JSON
 * Pointer `at` in the body, appending findings (with the pointer of the
 * offending value) to r.  A rule never assumes the schema passed: a member
 * missing or of the wrong type makes the rule skip, so any input is safe.
 * Rules allocate nothing that outlives the call except the findings. */
#ifndef CONTRACT_RULES_H
#define CONTRACT_RULES_H

#include <stdint.h>
#include <cjson/cJSON.h>
#include "contract.h"
#include "format.h"
#include "json_parse.h"

/* Money comparisons accept differences up to one cent, the precision the
 * API prices in; CONTRACT_FLOAT_SLACK absorbs binary rounding of decimal
 * amounts so that an exact 0.01 difference still passes. */
#define CONTRACT_MONEY_TOLERANCE 0.01
#define CONTRACT_FLOAT_SLACK 1e-9

typedef void (*contract_rule_fn)(const cJSON *obj, const char *at, contract_report *r);

/* obj.flightDates: endDate strictly after startDate. */
void cr_flight_order(const cJSON *obj, const char *at, contract_report *r);
/* obj.pacingPeriods.periods[i]: start <= end. */
void cr_pacing_period_order(const cJSON *obj, const char *at, contract_report *r);
/* obj.pacingPeriods periods within obj.flightDates (calendar dates). */
void cr_pacing_in_flight(const cJSON *obj, const char *at, contract_report *r);
/* obj.pacingPeriods periods (whole inclusive days) do not overlap. */
void cr_pacing_no_overlap(const cJSON *obj, const char *at, contract_report *r);
/* mode "budget": sum of period budgets <= obj.budget.total. */
void cr_pacing_budget_sum(const cJSON *obj, const char *at, contract_report *r);
/* create request: productIds only together with discoveryId. */
void cr_products_need_discovery(const cJSON *obj, const char *at, contract_report *r);
/* campaign: mediaBudget.total = budget.total - sum(fees[].amount). */
void cr_media_budget(const cJSON *obj, const char *at, contract_report *r);
/* campaign: unallocatedBudget = mediaBudget.total - allocatedBudget. */
void cr_unallocated(const cJSON *obj, const char *at, contract_report *r);
/* campaign: allocatedBudget = the package budgets of the media buys and
 * packages not canceled, archived, failed or rejected. */
void cr_allocated(const cJSON *obj, const char *at, contract_report *r);
/* campaign: status DRAFT has no mediaBuys / mediaBuyRefs entries. */
void cr_draft_no_buys(const cJSON *obj, const char *at, contract_report *r);
/* campaign: mediaBuyRefs and mediaBuys name the same buys, same statuses. */
void cr_buy_refs(const cJSON *obj, const char *at, contract_report *r);

/* Apply every rule that concerns body `name` (a contract body name) to
 * body.  Unknown names and non-object bodies get no rules. */
void contract_rules_apply(const char *name, const cJSON *body, contract_report *r);

/* The same rules over a tape (json_parse.h), finding nothing or not:
 * 1 when no rule has a finding, 0 when one has (contract_rules_apply on
 * a tree says which), -1 when it cannot tell (no document, or out of
 * memory).  strings: an arena for copies of the strings the rules read
 * (the caller resets it). */
int contract_rules_tape(const char *name, const json_tape *t, arena *strings);

/* An RFC 3339 date-time as a comparable instant: UTC seconds since
 * 1970-01-01 plus the fraction's digits (no trailing zeros), and the
 * calendar date as written (days since 1970-01-01 in the text's own
 * offset).  A leap second (:60) counts as the next minute's :00. */
/* A member name the rules look up in every entry of a long list: its
 * length and hash computed once, not on each lookup. */
typedef struct rkey {
    const char *name;
    size_t len;
    uint32_t hash;
} rkey;

static inline rkey rkey_of(const char *name)
{
    size_t len = strlen(name);
    return (rkey){ name, len, json_key_hash(name, len) };
}

typedef format_instant cr_instant;

/* 1 and *out filled when s (NULL: none) is a valid RFC 3339 date-time,
 * else 0. */
int cr_parse_date_time(const char *s, cr_instant *out);
/* 1 and *days (since 1970-01-01) when s is a valid YYYY-MM-DD, else 0. */
int cr_parse_full_date(const char *s, int64_t *days);
/* Days since 1970-01-01 as YYYY-MM-DD (for messages). */
void cr_format_day(int64_t z, char out[48]);
/* An amount the rules computed (a sum, a difference), for messages: a
 * whole amount in plain digits (no exponent), else the shortest decimal
 * that reads back as the same double.  Returns out. */
const char *cr_format_amount(double d, char out[48]);

#endif
