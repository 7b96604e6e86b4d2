/* contract_rules.c - cross-field rules of the campaign contract.
 *
 * JSON Schema checks each value on its own; these rules relate values to
 * each other (dates to dates, money to money, one list to another).  Each
 * rule reads only the members it needs and skips when any of them is
 * missing or of the wrong type: the schema reports the shape, the rule
 * reports the relation, and a malformed body never crashes a rule.
 *
 * The rules themselves are in contract_rules_walk.h, written once for the
 * two document forms; this file holds the dates they read and runs them
 * over cJSON trees, reporting every finding (contract_rules_tape.c runs
 * them over tapes). */
#include "contract_rules.h"
#include "format.h"
#include "json_parse.h"
#include "json_value.h"
#include "map.h"
#include "siphash.h"
#include "utf8.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- RFC 3339 dates ---------------------------------------------------- */

/* Read by format.h's reader, the one the "date" and "date-time" formats
 * use; unlike the format, a rule takes a leap second at any minute (as
 * the next minute's :00): the schema says whether one may stand there. */

int cr_parse_full_date(const char *s, int64_t *days)
{
    format_datetime t;
    if (!s || !format_read_date(s, strlen(s), &t))
        return 0;
    *days = format_days_from_civil(t.year, t.month, t.day);
    return 1;
}

int cr_parse_date_time(const char *s, cr_instant *out)
{
    return s && format_read_instant(s, strlen(s), out);
}

/* Format days since 1970-01-01 back to YYYY-MM-DD (for messages). */
void cr_format_day(int64_t z, char out[48])
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    int64_t y = yoe + era * 400 + (m <= 2);
    snprintf(out, 48, "%04d-%02d-%02d", (int)y, (int)m, (int)d);
}

const char *cr_format_amount(double d, char out[48])
{
    if (d == floor(d) && fabs(d) < 1e21) {
        snprintf(out, 48, "%.0f", d);
    } else {
        for (int digits = 15; digits <= 17; digits++) {
            snprintf(out, 48, "%.*g", digits, d);
            if (strtod(out, NULL) == d) break;
        }
    }
    return out;
}

/* ---- the rules over cJSON trees ----------------------------------------- */

typedef const cJSON *rnode;
typedef contract_report rctx;

static inline rnode member(rctx *r, rnode obj, const char *key)
{
    (void)r;
    return json_member(obj, key);
}

static inline rnode member_key(rctx *r, rnode obj, const rkey *k)
{
    (void)r;
    return json_member_h(obj, k->name, k->len, k->hash);
}

static const char *string_value(rctx *r, rnode item)
{
    (void)r;
    if (!cJSON_IsString(item) || !item->valuestring)
        return NULL;
    const json_node *info = json_node_info(item);
    if (info && info->len != strlen(item->valuestring))
        return NULL;
    return item->valuestring;
}

static const char *string_bytes(rctx *r, rnode item, size_t *len)
{
    (void)r;
    if (!cJSON_IsString(item) || !item->valuestring)
        return NULL;
    *len = json_string_len(item);
    return item->valuestring;
}

static int number_value(rnode item, double *out)
{
    if (!cJSON_IsNumber(item) || !isfinite(item->valuedouble))
        return 0;
    *out = item->valuedouble;
    return 1;
}

static const char *number_text(rctx *r, rnode item, char buf[48])
{
    (void)r;
    return jv_number_text(item, buf, 48);
}

static inline int is_array(rnode x) { return cJSON_IsArray(x); }
static inline int is_object(rnode x) { return cJSON_IsObject(x); }
static inline int is_null(rnode x) { return cJSON_IsNull(x); }
static inline rnode first_child(rnode x) { return x ? x->child : NULL; }
static inline rnode next_of(rnode x) { return x->next; }
static inline int count_children(rnode x) { return cJSON_GetArraySize(x); }

/* in a large list the next entry lies past this one's subtree */
static inline void prefetch_next(rctx *r, rnode x)
{
    (void)r;
    if (x->next)
        __builtin_prefetch(x->next);
}

/* Append a rule finding at at + rel with a printf-formatted message. */
static void add(rctx *r, const char *at, const char *rel, const char *id, rnode instance, const char *fmt, ...)
{
    char pointer[512], message[1024];
    va_list ap;
    snprintf(pointer, sizeof pointer, "%s%s", at, rel);
    va_start(ap, fmt);
    utf8_vformat(message, sizeof message, fmt, ap);
    va_end(ap);
    contract_report_add(r, pointer, id, message, instance, 1);
}

#include "contract_rules_walk.h"

/* ---- the public rules (contract_rules.h), one rule each ----------------- */

void cr_flight_order(const cJSON *obj, const char *at, contract_report *r)
{
    rule_flight_order(obj, at, r);
}

/* A check over the period table of obj. */
typedef void period_check(rnode obj, const period *v, int n, const char *at, rctx *r);

/* Build obj's period table, run check on it, free it.  (The walk runs
 * the period checks over one table: pacing_rules.) */
static void on_periods(rnode obj, const char *at, rctx *r, period_check *check)
{
    int n;
    period *v = period_table(r, obj, &n);
    check(obj, v, n, at, r);
    free(v);
}

void cr_pacing_period_order(const cJSON *obj, const char *at, contract_report *r)
{
    on_periods(obj, at, r, period_order_check);
}

void cr_pacing_in_flight(const cJSON *obj, const char *at, contract_report *r)
{
    on_periods(obj, at, r, in_flight_check);
}

void cr_pacing_no_overlap(const cJSON *obj, const char *at, contract_report *r)
{
    on_periods(obj, at, r, no_overlap_check);
}

void cr_pacing_budget_sum(const cJSON *obj, const char *at, contract_report *r)
{
    rule_pacing_budget_sum(obj, at, r);
}

void cr_products_need_discovery(const cJSON *obj, const char *at, contract_report *r)
{
    rule_products_need_discovery(obj, at, r);
}

void cr_media_budget(const cJSON *obj, const char *at, contract_report *r)
{
    rule_media_budget(obj, at, r);
}

void cr_unallocated(const cJSON *obj, const char *at, contract_report *r)
{
    rule_unallocated(obj, at, r);
}

/* (the walk adds the buys' budgets up in its one pass over them:
 * media_buy_rules) */
void cr_allocated(const cJSON *obj, const char *at, contract_report *r)
{
    committed c = committed_start(r, obj);
    rnode mb;
    for (mb = first_child(array_member(r, obj, "mediaBuys")); mb && c.state == 0; mb = next_of(mb))
        c.state = add_committed(r, mb, &c);
    allocated_check(obj, at, r, c);
}

void cr_draft_no_buys(const cJSON *obj, const char *at, contract_report *r)
{
    rule_draft_no_buys(obj, at, r);
}

void cr_buy_refs(const cJSON *obj, const char *at, contract_report *r)
{
    rule_buy_refs(obj, at, r);
}

void contract_rules_apply(const char *name, const cJSON *body, contract_report *r)
{
    rules_apply(name, body, r);
}
