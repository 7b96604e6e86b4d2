/* contract_rules.c - cross-field rules of the campaign contract.
 *
 * JSON Schema checks each value on its own; these rules relate values to
 * each other (dates to dates, money to money, one list to another).  Each
 * rule reads only the members it needs and skips when any of them is
 * missing or of the wrong type: the schema reports the shape, the rule
 * reports the relation, and a malformed body never crashes a rule. */
#include "contract_rules.h"
#include "json_parse.h"
#include "map.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include "json_parse.h"

/* ---- member access that tolerates any shape ---------------------------- */

static const cJSON *member(const cJSON *obj, const char *key)
{
    return json_member(obj, key);
}

/* The string value, or NULL when absent, not a string, or holding a NUL
 * byte (no date or identifier the rules compare can contain one). */
static const char *string_value(const cJSON *item)
{
    if (!cJSON_IsString(item) || !item->valuestring)
        return NULL;
    const json_node *info = json_node_info(item);
    if (info && info->len != strlen(item->valuestring))
        return NULL;
    return item->valuestring;
}

static int number_value(const cJSON *item, double *out)
{
    if (!cJSON_IsNumber(item) || !isfinite(item->valuedouble))
        return 0;
    *out = item->valuedouble;
    return 1;
}

static const cJSON *array_member(const cJSON *obj, const char *key)
{
    const cJSON *a = member(obj, key);
    return cJSON_IsArray(a) ? a : NULL;
}

/* Append a rule finding at at + rel with a printf-formatted message. */
static void add(contract_report *r, const char *at, const char *rel,
                const char *id, const cJSON *instance, const char *fmt, ...)
{
    char pointer[512], message[1024];
    va_list ap;
    snprintf(pointer, sizeof pointer, "%s%s", at, rel);
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    contract_report_add(r, pointer, id, message, instance, 1);
}

static int money_equal(double a, double b)
{
    return fabs(a - b) <= CONTRACT_MONEY_TOLERANCE + CONTRACT_FLOAT_SLACK;
}

/* ---- RFC 3339 dates ---------------------------------------------------- */

static int take_digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (civil-from-days
 * inverted: count in 400-year eras starting each March 1st). */
static int64_t days_from_civil(int y, int m, int d)
{
    int64_t yy = y - (m <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* YYYY-MM-DD at s (exactly 10 characters, not necessarily terminated). */
static int parse_date_part(const char *s, int64_t *days)
{
    int y, m, d;
    if (!take_digits(s, 4, &y) || s[4] != '-' || !take_digits(s + 5, 2, &m) ||
        s[7] != '-' || !take_digits(s + 8, 2, &d))
        return 0;
    if (m < 1 || m > 12 || d < 1 || d > month_days(y, m))
        return 0;
    *days = days_from_civil(y, m, d);
    return 1;
}

int cr_parse_full_date(const char *s, int64_t *days)
{
    if (!s || strlen(s) != 10)
        return 0;
    return parse_date_part(s, days);
}

int cr_parse_date_time(const char *s, cr_instant *out)
{
    int64_t day;
    int hh, mm, ss, oh = 0, om = 0, sign = 0;
    size_t n = 0;

    if (!s || strnlen(s, 11) < 11 || !parse_date_part(s, &day))
        return 0;
    s += 10;
    if (*s != 'T' && *s != 't')
        return 0;
    s++;
    if (strnlen(s, 8) < 8 || !take_digits(s, 2, &hh) || s[2] != ':' ||
        !take_digits(s + 3, 2, &mm) || s[5] != ':' || !take_digits(s + 6, 2, &ss))
        return 0;
    if (hh > 23 || mm > 59 || ss > 60)
        return 0;
    s += 8;
    out->frac[0] = '\0';
    if (*s == '.') {
        s++;
        if (*s < '0' || *s > '9')
            return 0;
        for (; *s >= '0' && *s <= '9'; s++)
            if (n + 1 < sizeof out->frac)
                out->frac[n++] = *s;
        out->frac[n] = '\0';
        while (n > 0 && out->frac[n - 1] == '0')
            out->frac[--n] = '\0';
    }
    if (*s == 'Z' || *s == 'z') {
        s++;
    } else if (*s == '+' || *s == '-') {
        sign = *s == '+' ? 1 : -1;
        if (strnlen(s, 6) < 6 || !take_digits(s + 1, 2, &oh) || s[3] != ':' ||
            !take_digits(s + 4, 2, &om) || oh > 23 || om > 59)
            return 0;
        s += 6;
    } else {
        return 0;
    }
    if (*s != '\0')
        return 0;
    out->local_day = day;
    out->sec = day * 86400 + hh * 3600 + mm * 60 + ss - sign * (oh * 3600 + om * 60);
    return 1;
}

int cr_instant_cmp(const cr_instant *a, const cr_instant *b)
{
    if (a->sec != b->sec)
        return a->sec < b->sec ? -1 : 1;
    /* Digit strings without trailing zeros compare like the fractions. */
    return strcmp(a->frac, b->frac);
}

/* Format days since 1970-01-01 back to YYYY-MM-DD (for messages). */
static void format_day(int64_t z, char out[48])
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

/* ---- flight dates ------------------------------------------------------ */

/* Both flight instants of obj, or 0 when either is missing or invalid. */
static int flight_of(const cJSON *obj, cr_instant *start, cr_instant *end,
                     const cJSON **end_node)
{
    const cJSON *fd = member(obj, "flightDates");
    const cJSON *e = member(fd, "endDate");
    if (!cr_parse_date_time(string_value(member(fd, "startDate")), start) ||
        !cr_parse_date_time(string_value(e), end))
        return 0;
    if (end_node)
        *end_node = e;
    return 1;
}

void cr_flight_order(const cJSON *obj, const char *at, contract_report *r)
{
    cr_instant start, end;
    const cJSON *end_node = NULL;
    if (!flight_of(obj, &start, &end, &end_node))
        return;
    if (cr_instant_cmp(&end, &start) <= 0)
        add(r, at, "/flightDates/endDate", "CR-FLIGHT-ORDER", end_node,
            "endDate %s must be after startDate %s",
            end_node->valuestring,
            member(member(obj, "flightDates"), "startDate")->valuestring);
}

/* ---- pacing periods ---------------------------------------------------- */

typedef struct period {
    int64_t start, end;  /* days since 1970-01-01, inclusive */
    int index;
    int dated;           /* both dates present and YYYY-MM-DD */
    const cJSON *node;
} period;

static const cJSON *periods_of(const cJSON *obj)
{
    return array_member(member(obj, "pacingPeriods"), "periods");
}

/* Dates of period p; 0 when either is missing or not YYYY-MM-DD. */
static int period_dates(const cJSON *p, int64_t *start, int64_t *end)
{
    return cr_parse_full_date(string_value(member(p, "start")), start) &&
           cr_parse_full_date(string_value(member(p, "end")), end);
}

/* obj.pacingPeriods.periods with their dates, in order, read once for
 * every period rule (in a large document each lookup of a member past a
 * big sibling is a trip to memory).  NULL with *n 0 when there are none
 * or out of memory; free() the table. */
static period *period_table(const cJSON *obj, int *n)
{
    const cJSON *periods = periods_of(obj), *p;
    int size = cJSON_GetArraySize(periods), i = 0;
    period *v;
    *n = 0;
    if (size < 1 || !(v = malloc((size_t)size * sizeof *v)))
        return NULL;
    cJSON_ArrayForEach(p, periods) {
        v[i] = (period){ 0, 0, i, 0, p };
        v[i].dated = period_dates(p, &v[i].start, &v[i].end);
        i++;
    }
    *n = i;
    return v;
}

/* A check over the period table of obj. */
typedef void period_check(const cJSON *obj, const period *v, int n, const char *at, contract_report *r);

/* Build obj's period table, run check on it, free it. */
static void on_periods(const cJSON *obj, const char *at, contract_report *r, period_check *check)
{
    int n;
    period *v = period_table(obj, &n);
    check(obj, v, n, at, r);
    free(v);
}

static void period_order_check(const cJSON *obj, const period *v, int n, const char *at, contract_report *r)
{
    (void)obj;
    for (int i = 0; i < n; i++) {
        if (v[i].dated && v[i].end < v[i].start) {
            char rel[64];
            snprintf(rel, sizeof rel, "/pacingPeriods/periods/%d/end", i);
            add(r, at, rel, "CR-PACING-PERIOD-ORDER", member(v[i].node, "end"),
                "period end %s is before its start %s",
                member(v[i].node, "end")->valuestring, member(v[i].node, "start")->valuestring);
        }
    }
}

void cr_pacing_period_order(const cJSON *obj, const char *at, contract_report *r)
{
    on_periods(obj, at, r, period_order_check);
}

/* Period dates carry no offset: read them on the flight's own calendar,
 * i.e. against the date part of each flight date-time. */
static void in_flight_check(const cJSON *obj, const period *v, int n, const char *at, contract_report *r)
{
    cr_instant fs, fe;
    char first[48], last[48];
    if (!n || !flight_of(obj, &fs, &fe, NULL))
        return;
    for (int i = 0; i < n; i++) {
        char rel[64];
        if (!v[i].dated)
            continue;
        if (v[i].start < fs.local_day) {
            format_day(fs.local_day, first);
            snprintf(rel, sizeof rel, "/pacingPeriods/periods/%d/start", i);
            add(r, at, rel, "CR-PACING-IN-FLIGHT", member(v[i].node, "start"),
                "period starts %s, before the flight starts (%s)",
                member(v[i].node, "start")->valuestring, first);
        }
        if (v[i].end > fe.local_day) {
            format_day(fe.local_day, last);
            snprintf(rel, sizeof rel, "/pacingPeriods/periods/%d/end", i);
            add(r, at, rel, "CR-PACING-IN-FLIGHT", member(v[i].node, "end"),
                "period ends %s, after the flight ends (%s)",
                member(v[i].node, "end")->valuestring, last);
        }
    }
}

void cr_pacing_in_flight(const cJSON *obj, const char *at, contract_report *r)
{
    on_periods(obj, at, r, in_flight_check);
}

static int period_by_start(const void *a, const void *b)
{
    const period *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->index - y->index;
}

static void no_overlap_check(const cJSON *obj, const period *all, int n, const char *at, contract_report *r)
{
    (void)obj;
    int k = 0;
    period *v;
    if (n < 2 || !(v = malloc((size_t)n * sizeof *v)))
        return;
    /* Reversed periods are CR-PACING-PERIOD-ORDER's finding. */
    for (int i = 0; i < n; i++)
        if (all[i].dated && all[i].start <= all[i].end)
            v[k++] = all[i];
    qsort(v, (size_t)k, sizeof *v, period_by_start);
    /* Sorted by start, a period overlaps an earlier one exactly when it
     * starts on or before the latest end seen so far (days are inclusive,
     * so periods touch when one starts the day after the other ends). */
    int widest = 0;
    for (int j = 1; j < k; j++) {
        if (v[j].start <= v[widest].end) {
            char rel[64], a[48], b[48], c[48], d[48];
            format_day(v[j].start, a);
            format_day(v[j].end, b);
            format_day(v[widest].start, c);
            format_day(v[widest].end, d);
            snprintf(rel, sizeof rel, "/pacingPeriods/periods/%d", v[j].index);
            add(r, at, rel, "CR-PACING-NO-OVERLAP", v[j].node,
                "period %d (%s..%s) overlaps period %d (%s..%s); "
                "a period must start after the previous one ends",
                v[j].index, a, b, v[widest].index, c, d);
        }
        if (v[j].end > v[widest].end)
            widest = j;
    }
    free(v);
}

void cr_pacing_no_overlap(const cJSON *obj, const char *at, contract_report *r)
{
    on_periods(obj, at, r, no_overlap_check);
}

void cr_pacing_budget_sum(const cJSON *obj, const char *at, contract_report *r)
{
    const cJSON *pp = member(obj, "pacingPeriods"), *p;
    const char *mode = string_value(member(pp, "mode"));
    double total, sum = 0, b;
    if (!mode || strcmp(mode, "budget") != 0 ||
        !number_value(member(member(obj, "budget"), "total"), &total))
        return;
    const cJSON *periods = array_member(pp, "periods");
    if (!periods)
        return;
    cJSON_ArrayForEach(p, periods)
        if (number_value(member(p, "budget"), &b))
            sum += b;
    if (sum > total + CONTRACT_MONEY_TOLERANCE + CONTRACT_FLOAT_SLACK)
        add(r, at, "/pacingPeriods/periods", "CR-PACING-BUDGET-SUM", periods,
            "period budgets sum to %.15g, more than budget.total %.15g",
            sum, total);
}

/* ---- create request ---------------------------------------------------- */

void cr_products_need_discovery(const cJSON *obj, const char *at, contract_report *r)
{
    const cJSON *products = member(obj, "productIds");
    const cJSON *discovery = member(obj, "discoveryId");
    if (products && !cJSON_IsNull(products) && (!discovery || cJSON_IsNull(discovery)))
        add(r, at, "/productIds", "CR-PRODUCTS-NEED-DISCOVERY", products,
            "productIds pre-select products from a discovery session, "
            "so they require discoveryId");
}

/* ---- campaign money ---------------------------------------------------- */

void cr_media_budget(const cJSON *obj, const char *at, contract_report *r)
{
    const cJSON *media = member(member(obj, "mediaBudget"), "total");
    const cJSON *fees = member(obj, "fees"), *f;
    double media_total, total, fee_sum = 0, amount;
    if (!number_value(media, &media_total) ||
        !number_value(member(member(obj, "budget"), "total"), &total))
        return;
    if (fees && !cJSON_IsArray(fees))
        return;
    cJSON_ArrayForEach(f, fees) {
        if (!number_value(member(f, "amount"), &amount))
            return; /* a malformed fee makes the sum meaningless */
        fee_sum += amount;
    }
    double want = total - fee_sum;
    if (!money_equal(media_total, want))
        add(r, at, "/mediaBudget/total", "CR-MEDIA-BUDGET", media,
            "mediaBudget.total is %.15g, expected budget.total %.15g minus fees "
            "%.15g = %.15g (tolerance %.2f)",
            media_total, total, fee_sum, want, CONTRACT_MONEY_TOLERANCE);
}

void cr_unallocated(const cJSON *obj, const char *at, contract_report *r)
{
    const cJSON *un = member(obj, "unallocatedBudget");
    double unallocated, media_total, allocated;
    if (!number_value(un, &unallocated) ||
        !number_value(member(member(obj, "mediaBudget"), "total"), &media_total) ||
        !number_value(member(obj, "allocatedBudget"), &allocated))
        return;
    double want = media_total - allocated;
    if (!money_equal(unallocated, want))
        add(r, at, "/unallocatedBudget", "CR-UNALLOCATED", un,
            "unallocatedBudget is %.15g, expected mediaBudget.total %.15g minus "
            "allocatedBudget %.15g = %.15g (tolerance %.2f)",
            unallocated, media_total, allocated, want, CONTRACT_MONEY_TOLERANCE);
}

/* ---- campaign media buys ----------------------------------------------- */

void cr_draft_no_buys(const cJSON *obj, const char *at, contract_report *r)
{
    static const char *const lists[] = { "mediaBuys", "mediaBuyRefs" };
    const char *status = string_value(member(obj, "status"));
    if (!status || strcmp(status, "DRAFT") != 0)
        return;
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        const cJSON *a = array_member(obj, lists[i]);
        int n = cJSON_GetArraySize(a);
        if (n > 0) {
            char rel[32];
            snprintf(rel, sizeof rel, "/%s", lists[i]);
            add(r, at, rel, "CR-DRAFT-NO-BUYS", a,
                "a DRAFT campaign has no media buys (they are spawned at "
                "execution), but %s has %d entr%s",
                lists[i], n, n == 1 ? "y" : "ies");
        }
    }
}

/* One entry of mediaBuyRefs or mediaBuys.  In a large response the
 * entries' ids lie far apart in memory, so each id is read once, to hash
 * it, and the lists are matched through a hash index of the entries; the
 * bytes are compared only where the hashes agree.  (map.h's strmap hashes
 * the key again on every lookup: a trip to memory per id, measured 17%
 * slower on the rules of a 10 MB response.) */
typedef struct buy_entry {
    const char *id;
    size_t id_len;
    uint64_t hash;
    const char *status; /* NULL when absent or not a string */
    const cJSON *status_node;
    int index;
} buy_entry;

/* The entries of list with a string mediaBuyId, in list order; *n set. */
static buy_entry *collect_buys(const cJSON *list, int *n)
{
    int size = cJSON_GetArraySize(list), i = 0, k = 0;
    const cJSON *e;
    buy_entry *v = malloc((size_t)(size ? size : 1) * sizeof *v);
    if (!v)
        return NULL;
    cJSON_ArrayForEach(e, list) {
        /* in a large list the next entry lies past this one's subtree:
         * ask for it now, so it arrives while this one is read */
        if (e->next)
            __builtin_prefetch(e->next);
        const char *id = string_value(member(e, "mediaBuyId"));
        if (id) {
            const cJSON *st = member(e, "status");
            size_t len = strlen(id);
            v[k++] = (buy_entry){ id, len, map_hash_bytes(id, len), string_value(st), st, i };
        }
        i++;
    }
    *n = k;
    return v;
}

/* An open-addressing index over v[0..n) by id: slots hold 1 + an entry's
 * position, 0 empty; an id met again keeps its first entry.  At most half
 * full, so a lookup takes about one probe.  NULL out of memory. */
typedef struct buy_index {
    const buy_entry *v;
    uint32_t *slot;
    size_t mask;
} buy_index;

static int same_id(const buy_entry *a, const buy_entry *b)
{
    return a->hash == b->hash && a->id_len == b->id_len && memcmp(a->id, b->id, a->id_len) == 0;
}

static int buy_index_build(buy_index *x, const buy_entry *v, int n)
{
    size_t size = 8;
    while (size < (size_t)n * 2)
        size *= 2;
    x->v = v;
    x->mask = size - 1;
    x->slot = calloc(size, sizeof *x->slot);
    if (!x->slot)
        return -1;
    for (int i = 0; i < n; i++) {
        size_t j = v[i].hash & x->mask;
        while (x->slot[j] && !same_id(&v[x->slot[j] - 1], &v[i]))
            j = (j + 1) & x->mask;
        if (!x->slot[j])
            x->slot[j] = (uint32_t)i + 1;
    }
    return 0;
}

/* The first entry (in list order) with want's id, or NULL. */
static const buy_entry *find_buy(const buy_index *x, const buy_entry *want)
{
    for (size_t j = want->hash & x->mask; x->slot[j]; j = (j + 1) & x->mask)
        if (same_id(&x->v[x->slot[j] - 1], want))
            return &x->v[x->slot[j] - 1];
    return NULL;
}

void cr_buy_refs(const cJSON *obj, const char *at, contract_report *r)
{
    const cJSON *refs = array_member(obj, "mediaBuyRefs");
    const cJSON *buys = array_member(obj, "mediaBuys");
    int nr = 0, nb = 0;
    if (!refs || !buys)
        return;
    buy_entry *vr = collect_buys(refs, &nr), *vb = collect_buys(buys, &nb);
    buy_index xr = { 0 }, xb = { 0 };
    if (!vr || !vb || buy_index_build(&xr, vr, nr) || buy_index_build(&xb, vb, nb))
        goto out;
    /* findings in list order */
    for (int i = 0; i < nr; i++) {
        const buy_entry *b = find_buy(&xb, &vr[i]);
        char rel[64];
        if (!b) {
            snprintf(rel, sizeof rel, "/mediaBuyRefs/%d/mediaBuyId", vr[i].index);
            add(r, at, rel, "CR-BUY-REFS",
                member(cJSON_GetArrayItem(refs, vr[i].index), "mediaBuyId"),
                "mediaBuyRefs names media buy \"%.200s\", which mediaBuys does not contain",
                vr[i].id);
        } else if (vr[i].status && b->status && strcmp(vr[i].status, b->status) != 0) {
            snprintf(rel, sizeof rel, "/mediaBuyRefs/%d/status", vr[i].index);
            add(r, at, rel, "CR-BUY-REFS", vr[i].status_node,
                "status %.100s of media buy \"%.200s\" differs from mediaBuys[%d].status %.100s",
                vr[i].status, vr[i].id, b->index, b->status);
        }
    }
    for (int j = 0; j < nb; j++) {
        if (!find_buy(&xr, &vb[j])) {
            char rel[64];
            snprintf(rel, sizeof rel, "/mediaBuys/%d/mediaBuyId", vb[j].index);
            add(r, at, rel, "CR-BUY-REFS",
                member(cJSON_GetArrayItem(buys, vb[j].index), "mediaBuyId"),
                "media buy \"%.200s\" is missing from mediaBuyRefs", vb[j].id);
        }
    }
out:
    free(vr);
    free(vb);
    free(xr.slot);
    free(xb.slot);
}

/* ---- which rules apply where ------------------------------------------- */

/* The period rules over one table of the periods (the findings come in
 * the order of the separate rules). */
static void pacing_rules(const cJSON *obj, const char *at, contract_report *r)
{
    int n;
    period *v = period_table(obj, &n);
    period_order_check(obj, v, n, at, r);
    in_flight_check(obj, v, n, at, r);
    no_overlap_check(obj, v, n, at, r);
    free(v);
    cr_pacing_budget_sum(obj, at, r);
}

/* Media buys carry their own pacing periods (no flight or budget of their
 * own to compare with, so only the order and overlap rules). */
static void media_buy_pacing(const cJSON *obj, const char *at, contract_report *r)
{
    const cJSON *mb;
    int i = 0;
    cJSON_ArrayForEach(mb, array_member(obj, "mediaBuys")) {
        if (mb->next) /* see collect_buys */
            __builtin_prefetch(mb->next);
        char here[512];
        int n;
        period *v = period_table(mb, &n);
        if (v) { /* most buys have no periods of their own */
            snprintf(here, sizeof here, "%s/mediaBuys/%d", at, i);
            period_order_check(mb, v, n, here, r);
            no_overlap_check(mb, v, n, here, r);
            free(v);
        }
        i++;
    }
}

static void campaign_rules(const cJSON *c, const char *at, contract_report *r)
{
    if (!cJSON_IsObject(c))
        return;
    cr_flight_order(c, at, r);
    pacing_rules(c, at, r);
    cr_media_budget(c, at, r);
    cr_unallocated(c, at, r);
    cr_draft_no_buys(c, at, r);
    cr_buy_refs(c, at, r);
    media_buy_pacing(c, at, r);
}

void contract_rules_apply(const char *name, const cJSON *body, contract_report *r)
{
    if (!name || !cJSON_IsObject(body))
        return;
    if (strcmp(name, "campaign-create-request") == 0) {
        cr_flight_order(body, "", r);
        pacing_rules(body, "", r);
        cr_products_need_discovery(body, "", r);
    } else if (strcmp(name, "campaign-update-request") == 0) {
        /* A partial update: each rule runs only on the members it sends. */
        cr_flight_order(body, "", r);
        pacing_rules(body, "", r);
        media_buy_pacing(body, "", r);
    } else if (strcmp(name, "campaign-response") == 0) {
        campaign_rules(member(body, "campaign"), "/campaign", r);
    } else if (strcmp(name, "campaign-list-response") == 0) {
        const cJSON *c;
        int i = 0;
        cJSON_ArrayForEach(c, array_member(body, "campaigns")) {
            char at[64];
            snprintf(at, sizeof at, "/campaigns/%d", i++);
            campaign_rules(c, at, r);
        }
    }
}
