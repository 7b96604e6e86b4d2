/* gen_corpus.c - deterministic benchmark corpus for make bench.
 *
 *   gen_corpus OUTDIR
 *
 * Writes, from a fixed seed (the same bytes on every machine):
 *   OUTDIR/campaign-response.SIZE.json        SIZE = 1KB 10KB 100KB 1MB 10MB
 *   OUTDIR/campaign-update-request.SIZE.json  (size grows with the number of
 *                                              media buys and packages)
 *   OUTDIR/bulk-campaign-response.ndjson        7,000 typical responses (~2-5 KB)
 *   OUTDIR/bulk-campaign-update-request.ndjson  3,000 typical update requests
 *   OUTDIR/mutants-campaign-response.ndjson     300 responses, each with one
 *                                              schema violation (agreement check)
 * Every payload except the mutants keeps the contract: the schemas and the
 * cross-field rules of docs/rules.md (money adds up, media buy refs match
 * the media buys, pacing periods lie in the flight and do not overlap).
 * Output is compact JSON; the templates follow examples/. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEED 0x5eed2026c0ffeeULL

/* ---- growable output buffer ------------------------------------------ */

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

static void buf_reserve(buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        fprintf(stderr, "gen_corpus: out of memory\n");
        exit(1);
    }
    b->p = p;
    b->cap = cap;
}

static void put(buf *b, const char *s)
{
    size_t n = strlen(s);
    buf_reserve(b, n);
    memcpy(b->p + b->len, s, n + 1);
    b->len += n;
}

static void putf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Money is kept in integer cents so sums are exact; printed as decimals. */
static void put_money(buf *b, int64_t cents)
{
    if (cents < 0) {
        put(b, "-");
        cents = -cents;
    }
    if (cents % 100 == 0)
        putf(b, "%lld", (long long)(cents / 100));
    else
        putf(b, "%lld.%02lld", (long long)(cents / 100), (long long)(cents % 100));
}

/* ---- random numbers (splitmix64: tiny, fixed sequence) ---------------- */

typedef struct rng {
    uint64_t s;
} rng;

static uint64_t next(rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Uniform in [lo, hi]. */
static long range(rng *r, long lo, long hi)
{
    return lo + (long)(next(r) % (uint64_t)(hi - lo + 1));
}

#define PICK(r, arr) (arr[next(r) % (sizeof arr / sizeof arr[0])])

/* ---- calendar ---------------------------------------------------------- */

/* Day number (0 = 2026-01-01) to "YYYY-MM-DD" (proleptic Gregorian). */
static void day_str(long day, char out[11])
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = 2026;
    for (;;) {
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        int ylen = 365 + leap;
        if (day < ylen)
            break;
        day -= ylen;
        y++;
    }
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int m = 0;
    for (;;) {
        int ml = mdays[m] + (m == 1 && leap);
        if (day < ml)
            break;
        day -= ml;
        m++;
    }
    snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m + 1, (int)day + 1);
}

/* ---- vocabulary -------------------------------------------------------- */

static const char *const WORDS[] = {
    "premium", "video", "display", "inventory", "targeting", "tech", "enthusiasts",
    "in", "the", "US", "and", "Canada", "households", "with", "high", "intent",
    "sports", "fans", "streaming", "audiences", "news", "readers", "mobile", "first",
    "brand", "safe", "contextual", "placements", "near", "launch", "week", "retail"};
static const char *const PUBLISHERS[] = {
    "Acme Media", "Northwind Video", "Contoso News", "Fabrikam Sports", "Tailspin Radio",
    "Litware Streaming", "Adatum Weather", "Proseware Games"};
static const char *const MB_STATUS[] = {"ACTIVE", "ACTIVE", "ACTIVE", "PAUSED", "COMPLETED",
                                        "CANCELED", "PENDING_APPROVAL"};
static const char *const PKG_STATUS[] = {"active", "active", "pending_start", "paused",
                                         "canceled", "completed"};
static const char *const METRICS[] = {"clicks", "views", "completed_views", "viewed_seconds",
                                      "attention_seconds", "engagements", "reach"};
static const char *const COUNTRIES[] = {"US", "CA", "GB", "DE", "FR", "MX", "BR", "JP", "AU"};
static const char *const CHANNELS[] = {"display", "olv", "ctv", "audio", "dooh", "social"};
static const char *const DEVICES[] = {"desktop", "mobile", "tablet", "ctv"};

/* Static members copied from examples/campaign-response.active.json. */
static const char PERFORMANCE_CONFIG[] =
    "{\"optimizationGoals\":[{\"kind\":\"event\",\"eventSources\":[{\"eventSourceId\":"
    "\"website_pixel\",\"eventType\":\"purchase\",\"valueField\":\"value\",\"valueFactor\":1}],"
    "\"target\":{\"kind\":\"cost_per\",\"value\":25},\"attributionWindow\":{\"postClick\":"
    "{\"interval\":7,\"unit\":\"days\"},\"postView\":{\"interval\":1,\"unit\":\"days\"}},"
    "\"priority\":1},{\"kind\":\"metric\",\"metric\":\"completed_views\","
    "\"viewDurationSeconds\":15,\"target\":{\"kind\":\"threshold_rate\",\"value\":0.7},"
    "\"priority\":2}]}";
static const char CREATIVE_FORMATS[] =
    "{\"required\":[{\"agent_url\":\"https://creative.adcontextprotocol.org\",\"id\":"
    "\"display_300x250\"},{\"agent_url\":\"https://creative.adcontextprotocol.org\",\"id\":"
    "\"video_standard_15s\"}],\"covered\":[{\"agent_url\":\"https://creative.adcontextprotocol.org\","
    "\"id\":\"display_300x250\"}],\"missing\":[{\"agent_url\":"
    "\"https://creative.adcontextprotocol.org\",\"id\":\"video_standard_15s\"}]}";
static const char DATA_DELIVERY[] =
    "{\"outputs\":[{\"outputConfigId\":\"ddo_501\",\"dataDeliveryType\":\"MB_DELIVERY\","
    "\"cadence\":\"DAILY\",\"enabled\":true,\"credentialName\":\"gcs-reporting\","
    "\"credentialId\":\"cred_77\",\"deliveryConfig\":{\"type\":\"GCS\",\"bucket\":"
    "\"acme-reporting\",\"pathPrefix\":\"campaigns/\",\"format\":\"JSONL\"},\"source\":"
    "\"campaign\",\"createdAt\":\"2026-04-20T09:00:00Z\",\"updatedAt\":\"2026-04-20T09:00:00Z\"}]}";
/* From examples/campaign-update-request.media-buy-goals-and-products.json. */
static const char EVENT_GOAL_UPDATE[] =
    "{\"kind\":\"event\",\"event_sources\":[{\"event_source_id\":\"website_pixel\","
    "\"event_type\":\"purchase\",\"value_field\":\"value\"}],\"target\":{\"kind\":"
    "\"per_ad_spend\",\"value\":4},\"attribution_window\":{\"post_click\":{\"interval\":7,"
    "\"unit\":\"days\"},\"post_view\":{\"interval\":1,\"unit\":\"days\"},\"model\":"
    "\"last_touch\"},\"priority\":1}";

/* ---- one schema violation per mutant ---------------------------------- */

enum defect {
    DEF_NONE,
    DEF_STATUS_ENUM,      /* campaign status "LIVE" */
    DEF_BAD_DATETIME,     /* createdAt with month 13 */
    DEF_MISSING_NAME,     /* required "name" left out */
    DEF_NEGATIVE_TOTAL,   /* budget.total -5 */
    DEF_COUNTRY_PATTERN,  /* countries ["usa"] */
    DEF_PKG_NO_PRODUCTS,  /* package without productIds */
    DEF_BIDPRICE_STRING,  /* bidPrice "12.5" */
    DEF_LONG_BRIEF,       /* brief of 5001 characters */
    DEF_BAD_PERIOD_DATE,  /* pacing period start "2026-02-30" (format date) */
    DEF_COUNT
};

typedef struct gen {
    rng r;
    buf out;
    enum defect defect;
} gen;

/* ---- pieces ------------------------------------------------------------ */

typedef struct flight {
    long start, end; /* day numbers */
} flight;

static void put_words(gen *g, int n)
{
    for (int i = 0; i < n; i++) {
        if (i)
            put(&g->out, " ");
        put(&g->out, PICK(&g->r, WORDS));
    }
}

static void put_datetime(gen *g, long day, const char *time)
{
    char d[11];
    day_str(day, d);
    putf(&g->out, "\"%s%s\"", d, time);
}

/* Contiguous periods covering [f.start, f.end]; weight or budget mode.
 * In budget mode the amounts add up to at most budget_cents. */
static void put_pacing_periods(gen *g, flight f, int budget_mode, int64_t budget_cents)
{
    long len = f.end - f.start + 1;
    int k = (int)range(&g->r, 1, len >= 4 ? 4 : 1);
    putf(&g->out, "{\"mode\":\"%s\",\"periods\":[", budget_mode ? "budget" : "weight");
    for (int i = 0; i < k; i++) {
        long s = f.start + len * i / k, e = f.start + len * (i + 1) / k - 1;
        char ds[11], de[11];
        day_str(s, ds);
        day_str(e, de);
        if (g->defect == DEF_BAD_PERIOD_DATE) {
            strcpy(ds, "2026-02-30");
            g->defect = DEF_NONE;
        }
        putf(&g->out, "%s{\"label\":\"Period %d\",\"start\":\"%s\",\"end\":\"%s\",", i ? "," : "",
             i + 1, ds, de);
        if (budget_mode) {
            put(&g->out, "\"budget\":");
            put_money(&g->out, budget_cents / k);
        } else {
            putf(&g->out, "\"weight\":%ld", range(&g->r, 1, 10));
        }
        put(&g->out, "}");
    }
    put(&g->out, "]}");
}

static void put_constraints(gen *g)
{
    put(&g->out, "{\"channels\":[");
    int n = (int)range(&g->r, 1, 3);
    for (int i = 0; i < n; i++)
        putf(&g->out, "%s\"%s\"", i ? "," : "", CHANNELS[(i * 2 + n) % 6]);
    put(&g->out, "],\"countries\":[");
    if (g->defect == DEF_COUNTRY_PATTERN) {
        put(&g->out, "\"usa\"");
        g->defect = DEF_NONE;
    } else {
        n = (int)range(&g->r, 1, 4);
        for (int i = 0; i < n; i++)
            putf(&g->out, "%s\"%s\"", i ? "," : "", COUNTRIES[(i * 3 + n) % 9]);
    }
    put(&g->out, "],\"language\":[\"en\"],\"device_type\":[");
    n = (int)range(&g->r, 1, 4);
    for (int i = 0; i < n; i++)
        putf(&g->out, "%s\"%s\"", i ? "," : "", DEVICES[i]);
    put(&g->out, "]");
    if (next(&g->r) % 2)
        putf(&g->out, ",\"geo_metros\":[{\"system\":\"nielsen_dma\",\"values\":[\"%ld\",\"%ld\"]}]",
             range(&g->r, 500, 560), range(&g->r, 561, 881));
    put(&g->out, "}");
}

/* A media buy of a campaign response with npkg packages; adds the
 * budgets of its live packages to *allocated.  rich = also several
 * products, pacing periods and goals (small payloads leave them out). */
static void put_media_buy(gen *g, int id, const char *status, const char *cname, flight f,
                          int npkg, int rich, int *next_pkg, int64_t *allocated)
{
    const char *pub = PICK(&g->r, PUBLISHERS);
    int nprod = rich ? (int)range(&g->r, 1, 3) : 1;
    long prod0 = range(&g->r, 1, 900);
    putf(&g->out, "{\"mediaBuyId\":\"mb_%06d\",\"name\":\"%s - %s\",\"status\":\"%s\",", id, cname,
         pub, status);
    put(&g->out, "\"startTime\":");
    put_datetime(g, f.start, "T00:00:00Z");
    put(&g->out, ",\"endTime\":");
    put_datetime(g, f.end, "T23:59:59Z");
    put(&g->out, ",\"products\":[");
    for (int i = 0; i < nprod; i++) {
        putf(&g->out,
             "%s{\"productId\":\"prod_%ld\",\"productName\":\"%s %s %ld\",\"publisherName\":\"%s\","
             "\"salesAgentName\":\"%s Sales Agent\",\"budget\":",
             i ? "," : "", prod0 + i, pub, PICK(&g->r, CHANNELS), prod0 + i, pub, pub);
        put_money(&g->out, range(&g->r, 100000, 5000000));
        put(&g->out, ",\"budgetCurrency\":\"USD\"}");
    }
    put(&g->out, "]");
    if (rich && next(&g->r) % 2) {
        put(&g->out, ",\"pacingPeriods\":");
        put_pacing_periods(g, f, 0, 0);
    }
    put(&g->out, ",\"packages\":[");
    int live = strcmp(status, "CANCELED") != 0;
    for (int i = 0; i < npkg; i++) {
        int64_t cents = range(&g->r, 50000, 5000000);
        const char *pst = live ? PICK(&g->r, PKG_STATUS) : "canceled";
        putf(&g->out, "%s{\"packageId\":\"pkg_%d\",\"status\":\"%s\",", i ? "," : "",
             (*next_pkg)++, pst);
        if (g->defect == DEF_PKG_NO_PRODUCTS)
            g->defect = DEF_NONE;
        else
            putf(&g->out, "\"productIds\":[\"prod_%ld\"],", prod0 + i % nprod);
        put(&g->out, "\"budget\":");
        put_money(&g->out, cents);
        putf(&g->out, ",\"budgetCurrency\":\"USD\",\"pacing\":\"%s\",\"bidPrice\":",
             next(&g->r) % 2 ? "even" : "asap");
        if (g->defect == DEF_BIDPRICE_STRING) {
            put(&g->out, "\"12.5\"");
            g->defect = DEF_NONE;
        } else {
            put_money(&g->out, range(&g->r, 50, 4000));
        }
        long imps = range(&g->r, 0, 2000000);
        putf(&g->out, ",\"delivery\":{\"impressions\":%ld,\"spend\":", imps);
        put_money(&g->out, imps * range(&g->r, 1, 30) / 10);
        if (imps && next(&g->r) % 4)
            putf(&g->out, ",\"clicks\":%ld}}", imps / range(&g->r, 200, 2000));
        else
            put(&g->out, ",\"clicks\":null}}");
        if (live && strcmp(pst, "canceled") != 0) /* rule CR-ALLOCATED */
            *allocated += cents;
    }
    put(&g->out, "]");
    if (rich && next(&g->r) % 2)
        putf(&g->out,
             ",\"optimizationGoals\":[{\"kind\":\"metric\",\"metric\":\"%s\",\"target\":"
             "{\"kind\":\"cost_per\",\"value\":%ld.%02ld},\"priority\":1}]",
             PICK(&g->r, METRICS), range(&g->r, 0, 20), range(&g->r, 1, 99));
    put(&g->out, ",\"createdAt\":");
    put_datetime(g, f.start, "T00:00:05Z");
    put(&g->out, ",\"updatedAt\":");
    put_datetime(g, f.start + range(&g->r, 0, 10), "T12:00:00Z");
    put(&g->out, "}");
}

/* ---- campaign response ------------------------------------------------- */

/* A campaign-response of about target bytes: full = the typical optional
 * members, else only what the contract requires plus money and flight.
 * draft = a DRAFT campaign (no media buys, productCount). */
static void gen_campaign_response(gen *g, size_t target, int full, int draft, int seq)
{
    buf *o = &g->out;
    o->len = 0;
    flight f;
    f.start = range(&g->r, 0, 240);
    f.end = f.start + range(&g->r, 20, 120);
    int64_t total = range(&g->r, 10000, 900000) * 100;
    int64_t fees = full ? total / 10 : 0;
    int64_t media = total - fees;
    char cname[64];
    snprintf(cname, sizeof cname, "Campaign %d %s", seq, PICK(&g->r, WORDS));
    const char *status = draft ? "DRAFT" : (next(&g->r) % 4 ? "ACTIVE" : "PAUSED");
    if (g->defect == DEF_STATUS_ENUM) {
        status = "LIVE";
        g->defect = DEF_NONE;
    }

    putf(o, "{\"campaign\":{\"campaignId\":\"cmp_%09d\",\"advertiserId\":\"%ld\",", seq,
         range(&g->r, 1000, 99999));
    if (g->defect == DEF_MISSING_NAME)
        g->defect = DEF_NONE;
    else
        putf(o, "\"name\":\"%s\",", cname);
    putf(o, "\"status\":\"%s\",\"optimizationApplyMode\":\"%s\",\"createdAt\":", status,
         next(&g->r) % 2 ? "AUTO" : "MANUAL");
    if (g->defect == DEF_BAD_DATETIME) {
        put(o, "\"2026-13-01T09:00:00Z\"");
        g->defect = DEF_NONE;
    } else {
        put_datetime(g, f.start > 10 ? f.start - 10 : 0, "T09:00:00Z");
    }
    put(o, ",\"updatedAt\":");
    put_datetime(g, f.start + 1, "T12:00:00Z");
    put(o, ",\"flightDates\":{\"startDate\":");
    put_datetime(g, f.start, "T00:00:00Z");
    put(o, ",\"endDate\":");
    put_datetime(g, f.end, "T23:59:59Z");
    put(o, "},\"budget\":{\"total\":");
    if (g->defect == DEF_NEGATIVE_TOTAL) {
        put(o, "-5");
        g->defect = DEF_NONE;
    } else {
        put_money(o, total);
    }
    put(o, ",\"currency\":\"USD\"");
    if (full) {
        put(o, ",\"dailyCap\":");
        put_money(o, total / 20);
        putf(o, ",\"pacing\":\"%s\"", next(&g->r) % 2 ? "EVEN" : "ASAP");
    }
    put(o, "},\"mediaBudget\":{\"total\":");
    put_money(o, media);
    put(o, ",\"currency\":\"USD\"}");
    if (full) {
        putf(o, ",\"campaignType\":\"%s\",\"brief\":\"", next(&g->r) % 3 ? "DECISIONED" : "ROUTED");
        if (g->defect == DEF_LONG_BRIEF) {
            for (int i = 0; i < 5001; i++)
                put(o, "x");
            g->defect = DEF_NONE;
        } else {
            put_words(g, (int)range(&g->r, 8, 60));
        }
        put(o, "\",\"fees\":[{\"label\":\"Scope3 margin\",\"amount\":");
        put_money(o, fees);
        put(o, ",\"currency\":\"USD\",\"pricingType\":\"MARGIN\",\"marginPercent\":10}]");
        put(o, ",\"pacingPeriods\":");
        int bmode = next(&g->r) % 3 == 0;
        put_pacing_periods(g, f, bmode, total);
        put(o, ",\"constraints\":");
        put_constraints(g);
        int ns = (int)range(&g->r, 1, 3);
        put(o, ",\"storefronts\":[");
        for (int i = 0; i < ns; i++) {
            const char *pub = PUBLISHERS[(seq + i) % 8];
            putf(o, "%s{\"id\":%d,\"platformId\":\"platform-%d\",\"name\":\"%s\"}", i ? "," : "",
                 40 + (seq + i) % 8, (seq + i) % 8, pub);
        }
        put(o, "]");
        if (next(&g->r) % 2) {
            put(o, ",\"performanceConfig\":");
            put(o, PERFORMANCE_CONFIG);
        }
        putf(o, ",\"catalogId\":%ld,\"discoveryId\":\"disc_%ld\"", range(&g->r, 1, 500),
             range(&g->r, 1000, 9999));
        int np = (int)range(&g->r, 1, 5);
        if (draft)
            putf(o, ",\"productCount\":%d", np);
        put(o, ",\"products\":[");
        for (int i = 0; i < np; i++)
            putf(o, "%s{\"productId\":\"prod_%ld\"}", i ? "," : "", range(&g->r, 1, 900));
        put(o, "],\"audiences\":[");
        int na = (int)range(&g->r, 0, 3);
        for (int i = 0; i < na; i++) {
            putf(o, "%s{\"audienceId\":\"aud_%ld\",\"name\":\"Audience %d\",\"status\":\"READY\","
                    "\"type\":\"%s\",\"enabledAt\":",
                 i ? "," : "", range(&g->r, 100, 999), i + 1, i ? "SUPPRESS" : "TARGET");
            put_datetime(g, f.start > 10 ? f.start - 10 : 0, "T09:00:00Z");
            put(o, "}");
        }
        put(o, "],\"creativeFormats\":");
        put(o, CREATIVE_FORMATS);
        if (next(&g->r) % 2) {
            put(o, ",\"dataDelivery\":");
            put(o, DATA_DELIVERY);
        }
        putf(o, ",\"frequencyCaps\":[{\"max_impressions\":%ld,\"window\":{\"interval\":1,"
                "\"unit\":\"days\"},\"id\":\"fc_%d\",\"targetLevel\":\"CAMPAIGN\",\"targetId\":"
                "\"cmp_%09d\",\"createdAt\":\"2026-04-20T09:00:00Z\",\"updatedAt\":"
                "\"2026-04-20T09:00:00Z\",\"archivedAt\":null}]",
             range(&g->r, 1, 10), seq, seq);
    } else {
        put(o, ",\"constraints\":");
        put_constraints(g);
    }

    /* Media buys until the payload is nearest the target; refs follow and
     * name every buy with the same status (rule CR-BUY-REFS). */
    int64_t allocated = 0;
    size_t nbuys = 0, cap = 64;
    const char **statuses = malloc(cap * sizeof *statuses);
    int next_pkg = 1;
    if (!statuses) {
        fprintf(stderr, "gen_corpus: out of memory\n");
        exit(1);
    }
    put(o, ",\"mediaBuys\":[");
    const size_t tail = 64;      /* allocated/unallocated and closing braces */
    const size_t ref_len = 48;   /* one {"mediaBuyId":...,"status":...} */
    while (!draft) {
        const char *st = PICK(&g->r, MB_STATUS);
        int rich = target >= 2000;
        int npkg = rich ? (int)range(&g->r, 1, 6) : 1;
        int64_t alloc_add = 0;
        /* Build the candidate in place, then keep it only if it brings the
         * size closer to the target. */
        size_t mark = o->len;
        enum defect pending = g->defect; /* a rolled-back buy gives it back */
        if (nbuys)
            put(o, ",");
        put_media_buy(g, (int)nbuys + 1, st, cname, f, npkg, rich, &next_pkg, &alloc_add);
        size_t before = mark + tail + nbuys * ref_len;
        size_t after = o->len + tail + (nbuys + 1) * ref_len;
        size_t d_before = before > target ? before - target : target - before;
        size_t d_after = after > target ? after - target : target - after;
        /* Stop when the buy moves away from the target; a first buy is
         * kept unless the campaign alone already reaches the target. */
        if (d_after >= d_before && (nbuys > 0 || before >= target)) {
            o->len = mark;
            o->p[mark] = '\0';
            g->defect = pending;
            break;
        }
        if (nbuys == cap) {
            cap *= 2;
            const char **grown = realloc(statuses, cap * sizeof *statuses);
            if (!grown) {
                fprintf(stderr, "gen_corpus: out of memory\n");
                exit(1);
            }
            statuses = grown;
        }
        statuses[nbuys++] = st;
        allocated += alloc_add;
    }
    put(o, "],\"mediaBuyRefs\":[");
    for (size_t i = 0; i < nbuys; i++)
        putf(o, "%s{\"mediaBuyId\":\"mb_%06zu\",\"status\":\"%s\"}", i ? "," : "", i + 1,
             statuses[i]);
    put(o, "],\"allocatedBudget\":");
    put_money(o, allocated);
    put(o, ",\"unallocatedBudget\":");
    put_money(o, media - allocated);
    put(o, "}}");
    free(statuses);
}

/* ---- update request ---------------------------------------------------- */

/* One mediaBuys[] entry: cancel, cancel some packages, delete, or (most
 * often) update.  rich = products, pacing periods and an event goal too. */
static void put_update_entry(gen *g, int id, flight f, int npkg, int rich, int *next_pkg)
{
    buf *o = &g->out;
    unsigned kind = (unsigned)(next(&g->r) % 8);
    if (kind == 0) {
        putf(o, "{\"action\":\"cancel\",\"mediaBuyId\":\"mb_%06d\",\"reason\":\"", id);
        put_words(g, (int)range(&g->r, 1, 6));
        put(o, "\"}");
        return;
    }
    if (kind == 1) {
        putf(o, "{\"action\":\"cancel\",\"mediaBuyId\":\"mb_%06d\",\"packageIds\":[", id);
        for (int i = 0; i < npkg; i++)
            putf(o, "%s\"pkg_%d\"", i ? "," : "", (*next_pkg)++);
        put(o, "]}");
        return;
    }
    if (kind == 2) {
        putf(o, "{\"action\":\"delete\",\"mediaBuyId\":\"mb_%06d\"}", id);
        return;
    }
    putf(o, "{\"action\":\"update\",\"mediaBuyId\":\"mb_%06d\",\"packages\":[", id);
    for (int i = 0; i < npkg; i++) {
        putf(o, "%s{\"packageId\":\"pkg_%d\",\"budget\":", i ? "," : "", (*next_pkg)++);
        put_money(o, range(&g->r, 50000, 5000000));
        putf(o, ",\"pacing\":\"%s\"", next(&g->r) % 2 ? "even" : "asap");
        if (next(&g->r) % 2) {
            put(o, ",\"bid_price\":");
            put_money(o, range(&g->r, 50, 4000));
        }
        put(o, "}");
    }
    put(o, "]");
    if (rich && next(&g->r) % 2) {
        put(o, ",\"products\":[");
        int np = (int)range(&g->r, 1, 3);
        for (int i = 0; i < np; i++) {
            putf(o, "%s{\"product_id\":\"prod_%ld\",\"pricing_option_id\":\"po_cpm_standard\","
                    "\"budget\":",
                 i ? "," : "", range(&g->r, 1, 900));
            put_money(o, range(&g->r, 100000, 2000000));
            put(o, ",\"pacing\":\"front_loaded\"}");
        }
        put(o, "]");
    }
    if (rich && next(&g->r) % 3 == 0) {
        put(o, ",\"pacingPeriods\":");
        put_pacing_periods(g, f, 0, 0);
    }
    put(o, ",\"optimization_goals\":[");
    if (rich && next(&g->r) % 3 == 0) {
        put(o, EVENT_GOAL_UPDATE);
        put(o, ",");
    }
    putf(o, "{\"kind\":\"metric\",\"metric\":\"%s\",\"target\":{\"kind\":\"cost_per\",\"value\":"
            "%ld.%02ld}}]",
         PICK(&g->r, METRICS), range(&g->r, 0, 20), range(&g->r, 1, 99));
    if (next(&g->r) % 2)
        putf(o, ",\"creative_ids\":[\"cr_%ld\",\"cr_%ld\"]", range(&g->r, 1, 999),
             range(&g->r, 1000, 1999));
    put(o, ",\"updated_reason\":\"");
    put_words(g, (int)range(&g->r, 2, 10));
    put(o, "\"}");
}

/* An update request of about target bytes (partial: a random subset of
 * the campaign members, then media buy entries to fill). */
static void gen_update_request(gen *g, size_t target, int seq)
{
    buf *o = &g->out;
    o->len = 0;
    flight f;
    f.start = range(&g->r, 0, 240);
    f.end = f.start + range(&g->r, 20, 120);
    int64_t total = range(&g->r, 10000, 900000) * 100;
    const char *sep = "";
    put(o, "{");
    if (next(&g->r) % 2) {
        putf(o, "\"name\":\"Campaign %d %s\"", seq, PICK(&g->r, WORDS));
        sep = ",";
    }
    int has_budget = next(&g->r) % 2;
    if (has_budget) {
        putf(o, "%s\"budget\":{\"total\":", sep);
        put_money(o, total);
        putf(o, ",\"pacing\":\"%s\"}", next(&g->r) % 2 ? "EVEN" : "FRONTLOADED");
        sep = ",";
    }
    if (next(&g->r) % 2) {
        putf(o, "%s\"flightDates\":{\"startDate\":", sep);
        put_datetime(g, f.start, "T00:00:00Z");
        put(o, ",\"endDate\":");
        put_datetime(g, f.end, "T23:59:59Z");
        put(o, "}");
        sep = ",";
        if (next(&g->r) % 2) {
            put(o, ",\"pacingPeriods\":");
            put_pacing_periods(g, f, has_budget && next(&g->r) % 2, total);
        }
    }
    if (next(&g->r) % 3 == 0) {
        putf(o, "%s\"brief\":\"", sep);
        put_words(g, (int)range(&g->r, 5, 40));
        put(o, "\"");
        sep = ",";
    }
    if (next(&g->r) % 3 == 0) {
        putf(o, "%s\"constraints\":", sep);
        put_constraints(g);
        sep = ",";
    }
    if (next(&g->r) % 4 == 0) {
        putf(o, "%s\"optimizationApplyMode\":\"AUTO\",\"catalogId\":null", sep);
        sep = ",";
    }
    if (next(&g->r) % 4 == 0) {
        putf(o, "%s\"frequencyCaps\":[{\"max_impressions\":%ld,\"window\":{\"interval\":1,"
                "\"unit\":\"days\"}}]",
             sep, range(&g->r, 1, 10));
        sep = ",";
    }
    putf(o, "%s\"mediaBuys\":[", sep);
    int next_pkg = 1;
    for (int n = 0;; n++) {
        size_t mark = o->len;
        if (n)
            put(o, ",");
        int rich = target >= 2000;
        put_update_entry(g, n + 1, f, rich ? (int)range(&g->r, 1, 6) : 1, rich, &next_pkg);
        size_t before = mark + 2, after = o->len + 2;
        size_t d_before = before > target ? before - target : target - before;
        size_t d_after = after > target ? after - target : target - after;
        if (d_after >= d_before && (n > 0 || before >= target)) {
            o->len = mark;
            o->p[mark] = '\0';
            break;
        }
    }
    put(o, "]}");
}

/* ---- files ------------------------------------------------------------- */

static FILE *open_out(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    if (!fp) {
        fprintf(stderr, "gen_corpus: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    return fp;
}

static void write_doc(const char *dir, const char *name, const buf *b)
{
    FILE *fp = open_out(dir, name);
    fwrite(b->p, 1, b->len, fp);
    fputc('\n', fp);
    if (fclose(fp) != 0) {
        fprintf(stderr, "gen_corpus: %s/%s: write failed\n", dir, name);
        exit(1);
    }
}

static void close_out(FILE *fp, const char *dir, const char *name)
{
    if (fclose(fp) != 0) {
        fprintf(stderr, "gen_corpus: %s/%s: write failed\n", dir, name);
        exit(1);
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: gen_corpus OUTDIR\n");
        return 2;
    }
    const char *dir = argv[1];
    static const struct {
        const char *label;
        size_t bytes;
    } sizes[] = {{"1KB", 1000},       {"10KB", 10000},       {"100KB", 100000},
                 {"1MB", 1000000},    {"10MB", 10000000}};
    gen g = {.r = {SEED}, .out = {0}, .defect = DEF_NONE};
    char name[256];

    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        gen_campaign_response(&g, sizes[i].bytes, sizes[i].bytes >= 8000, 0, (int)i + 1);
        snprintf(name, sizeof name, "campaign-response.%s.json", sizes[i].label);
        write_doc(dir, name, &g.out);
        gen_update_request(&g, sizes[i].bytes, (int)i + 1);
        snprintf(name, sizeof name, "campaign-update-request.%s.json", sizes[i].label);
        write_doc(dir, name, &g.out);
    }

    /* Bulk: 7,000 responses and 3,000 update requests = 10,000 payloads. */
    FILE *fp = open_out(dir, "bulk-campaign-response.ndjson");
    for (int i = 0; i < 7000; i++) {
        int draft = next(&g.r) % 8 == 0;
        gen_campaign_response(&g, (size_t)range(&g.r, 2000, 5000), 1, draft, 1000 + i);
        fwrite(g.out.p, 1, g.out.len, fp);
        fputc('\n', fp);
    }
    close_out(fp, dir, "bulk-campaign-response.ndjson");
    fp = open_out(dir, "bulk-campaign-update-request.ndjson");
    for (int i = 0; i < 3000; i++) {
        gen_update_request(&g, (size_t)range(&g.r, 200, 3000), 20000 + i);
        fwrite(g.out.p, 1, g.out.len, fp);
        fputc('\n', fp);
    }
    close_out(fp, dir, "bulk-campaign-update-request.ndjson");

    /* Mutants: every defect in turn, each payload otherwise valid. */
    fp = open_out(dir, "mutants-campaign-response.ndjson");
    for (int i = 0; i < 300; i++) {
        enum defect d = (enum defect)(1 + i % (DEF_COUNT - 1));
        /* Package defects need a media buy: grow the target until one is
         * placed (the full header always has pacing periods). */
        size_t target = (size_t)range(&g.r, 2000, 5000);
        do {
            g.defect = d;
            gen_campaign_response(&g, target, 1, 0, 50000 + i);
            target *= 2;
        } while (g.defect != DEF_NONE && target < 1000000);
        if (g.defect != DEF_NONE) {
            fprintf(stderr, "gen_corpus: defect %d not placed\n", (int)d);
            return 1;
        }
        fwrite(g.out.p, 1, g.out.len, fp);
        fputc('\n', fp);
    }
    close_out(fp, dir, "mutants-campaign-response.ndjson");
    free(g.out.p);
    return 0;
}
