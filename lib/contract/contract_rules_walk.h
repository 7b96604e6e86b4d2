/* contract_rules_walk.h - the contract rules, written once over a
 * document form (internal to the library; contract_rules.h and
 * docs/rules.md describe each rule).
 *
 * contract_rules.c includes it for cJSON trees (the cr_* functions and
 * contract_rules_apply, which report findings); contract_rules_tape.c for
 * tapes (whether any rule finds anything).  Every function here is static
 * and named as it is written (rule_flight_order is CR-FLIGHT-ORDER, and so
 * on), so each including file gets its own copy under the same name, and
 * the public cr_* functions are written out in contract_rules.c, each
 * calling its rule_* here.  rules_apply() is the walk's entry.  The
 * including file defines:
 *   rnode                     a value (a const pointer; NULL: absent)
 *   rctx                      what the rules report to
 *   member(r, obj, key)       obj's member, NULL when absent or obj is no object
 *   member_key(r, obj, &k)    the same for an rkey (contract_rules.h);
 *                             it compares whole names: a member "endDate\u0000x"
 *                             is not endDate
 *   string_value(r, item)     a string as a C string; NULL when absent, not
 *                             a string, or holding U+0000 (no date or
 *                             status the rules compare can hold one)
 *   string_bytes(r, item, &len)  a string's bytes, not terminated (they may
 *                             hold U+0000); NULL when absent or not a string
 *   number_value(item, &d)    1 and *d for a finite number, else 0
 *   number_text(r, item, buf) a number as its source wrote it, for a
 *                             message (buf: char[48] for a form that keeps
 *                             no text)
 *   is_array(x), is_object(x), is_null(x)    0 for NULL
 *   first_child(x), next_of(x)   children in order (first_child(NULL): NULL)
 *   count_children(x)
 *   prefetch_next(r, x)       x's next sibling is read soon
 *   add(r, at, rel, id, node, fmt, ...)  a finding at JSON Pointer at + rel
 * Every rule reads only the members it needs and skips when any is
 * missing or of the wrong type, so any input is safe. */

static rnode array_member(rctx *r, rnode obj, const char *key)
{
    rnode a = member(r, obj, key);
    return is_array(a) ? a : NULL;
}

static int money_equal(double a, double b)
{
    return fabs(a - b) <= CONTRACT_MONEY_TOLERANCE + CONTRACT_FLOAT_SLACK;
}

/* ---- flight dates ------------------------------------------------------ */

/* Both flight instants of obj, or 0 when either is missing or invalid. */
static int flight_of(rctx *r, rnode obj, cr_instant *start, cr_instant *end,
                     rnode *end_node)
{
    rnode fd = member(r, obj, "flightDates");
    rnode e = member(r, fd, "endDate");
    if (!cr_parse_date_time(string_value(r, member(r, fd, "startDate")), start) ||
        !cr_parse_date_time(string_value(r, e), end))
        return 0;
    if (end_node)
        *end_node = e;
    return 1;
}

static void rule_flight_order(rnode obj, const char *at, rctx *r)
{
    cr_instant start, end;
    rnode end_node = NULL;
    if (!flight_of(r, obj, &start, &end, &end_node))
        return;
    if (format_instant_cmp(&end, &start) <= 0)
        add(r, at, "/flightDates/endDate", "CR-FLIGHT-ORDER", end_node,
            "endDate %s must be after startDate %s",
            string_value(r, end_node),
            string_value(r, member(r, member(r, obj, "flightDates"), "startDate")));
}

/* ---- pacing periods ---------------------------------------------------- */

typedef struct period {
    int64_t start, end;  /* days since 1970-01-01, inclusive */
    int index;
    int dated;           /* both dates present and YYYY-MM-DD */
    rnode node;
} period;

static rnode periods_of(rctx *r, rnode obj)
{
    return array_member(r, member(r, obj, "pacingPeriods"), "periods");
}

/* Dates of period p; 0 when either is missing or not YYYY-MM-DD. */
static int period_dates(rctx *r, rnode p, int64_t *start, int64_t *end)
{
    return cr_parse_full_date(string_value(r, member(r, p, "start")), start) &&
           cr_parse_full_date(string_value(r, member(r, p, "end")), end);
}

/* obj.pacingPeriods.periods with their dates, in order, read once for
 * every period rule (in a large document each lookup of a member past a
 * big sibling is a trip to memory).  NULL with *n 0 when there are none
 * or out of memory; free() the table. */
static period *period_table(rctx *r, rnode obj, int *n)
{
    rnode periods = periods_of(r, obj), p;
    int size = count_children(periods), i = 0;
    period *v;
    *n = 0;
    if (size < 1 || !(v = malloc((size_t)size * sizeof *v)))
        return NULL;
    for (p = first_child(periods); p; p = next_of(p)) {
        v[i] = (period){ 0, 0, i, 0, p };
        v[i].dated = period_dates(r, p, &v[i].start, &v[i].end);
        i++;
    }
    *n = i;
    return v;
}

static void period_order_check(rnode obj, const period *v, int n, const char *at, rctx *r)
{
    (void)obj;
    for (int i = 0; i < n; i++) {
        if (v[i].dated && v[i].end < v[i].start) {
            char rel[64];
            snprintf(rel, sizeof rel, "/pacingPeriods/periods/%d/end", i);
            add(r, at, rel, "CR-PACING-PERIOD-ORDER", member(r, v[i].node, "end"),
                "period end %s is before its start %s",
                string_value(r, member(r, v[i].node, "end")), string_value(r, member(r, v[i].node, "start")));
        }
    }
}

/* Period dates carry no offset: read them on the flight's own calendar,
 * i.e. against the date part of each flight date-time. */
static void in_flight_check(rnode obj, const period *v, int n, const char *at, rctx *r)
{
    cr_instant fs, fe;
    char first[48], last[48];
    if (!n || !flight_of(r, obj, &fs, &fe, NULL))
        return;
    for (int i = 0; i < n; i++) {
        char rel[64];
        if (!v[i].dated)
            continue;
        if (v[i].start < fs.local_day) {
            cr_format_day(fs.local_day, first);
            snprintf(rel, sizeof rel, "/pacingPeriods/periods/%d/start", i);
            add(r, at, rel, "CR-PACING-IN-FLIGHT", member(r, v[i].node, "start"),
                "period starts %s, before the flight starts (%s)",
                string_value(r, member(r, v[i].node, "start")), first);
        }
        if (v[i].end > fe.local_day) {
            cr_format_day(fe.local_day, last);
            snprintf(rel, sizeof rel, "/pacingPeriods/periods/%d/end", i);
            add(r, at, rel, "CR-PACING-IN-FLIGHT", member(r, v[i].node, "end"),
                "period ends %s, after the flight ends (%s)",
                string_value(r, member(r, v[i].node, "end")), last);
        }
    }
}

static int period_by_start(const void *a, const void *b)
{
    const period *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->index - y->index;
}

static void no_overlap_check(rnode obj, const period *all, int n, const char *at, rctx *r)
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
            cr_format_day(v[j].start, a);
            cr_format_day(v[j].end, b);
            cr_format_day(v[widest].start, c);
            cr_format_day(v[widest].end, d);
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

static void rule_pacing_budget_sum(rnode obj, const char *at, rctx *r)
{
    rnode pp = member(r, obj, "pacingPeriods"), p;
    rnode total_node = member(r, member(r, obj, "budget"), "total");
    const char *mode = string_value(r, member(r, pp, "mode"));
    double total, sum = 0, b;
    char tb[48], sb[48];
    if (!mode || strcmp(mode, "budget") != 0 || !number_value(total_node, &total))
        return;
    rnode periods = array_member(r, pp, "periods");
    if (!periods)
        return;
    for (p = first_child(periods); p; p = next_of(p))
        if (number_value(member(r, p, "budget"), &b))
            sum += b;
    if (sum > total + CONTRACT_MONEY_TOLERANCE + CONTRACT_FLOAT_SLACK)
        add(r, at, "/pacingPeriods/periods", "CR-PACING-BUDGET-SUM", periods,
            "period budgets sum to %s, more than budget.total %s",
            cr_format_amount(sum, sb), number_text(r, total_node, tb));
}

/* ---- create request ---------------------------------------------------- */

static void rule_products_need_discovery(rnode obj, const char *at, rctx *r)
{
    rnode products = member(r, obj, "productIds");
    rnode discovery = member(r, obj, "discoveryId");
    if (products && !is_null(products) && (!discovery || is_null(discovery)))
        add(r, at, "/productIds", "CR-PRODUCTS-NEED-DISCOVERY", products,
            "productIds pre-select products from a discovery session, "
            "so they require discoveryId");
}

/* ---- campaign money ---------------------------------------------------- */

static void rule_media_budget(rnode obj, const char *at, rctx *r)
{
    rnode media = member(r, member(r, obj, "mediaBudget"), "total");
    rnode total_node = member(r, member(r, obj, "budget"), "total");
    rnode fees = member(r, obj, "fees"), f;
    double media_total, total, fee_sum = 0, amount;
    char mb[48], tb[48], fb[48], wb[48];
    if (!number_value(media, &media_total) || !number_value(total_node, &total))
        return;
    if (fees && !is_array(fees))
        return;
    for (f = first_child(fees); f; f = next_of(f)) {
        if (!number_value(member(r, f, "amount"), &amount))
            return; /* a malformed fee makes the sum meaningless */
        fee_sum += amount;
    }
    double want = total - fee_sum;
    if (!money_equal(media_total, want))
        add(r, at, "/mediaBudget/total", "CR-MEDIA-BUDGET", media,
            "mediaBudget.total is %s, expected budget.total %s minus fees "
            "%s = %s (tolerance %.2f)",
            number_text(r, media, mb), number_text(r, total_node, tb), cr_format_amount(fee_sum, fb),
            cr_format_amount(want, wb), CONTRACT_MONEY_TOLERANCE);
}

static void rule_unallocated(rnode obj, const char *at, rctx *r)
{
    rnode un = member(r, obj, "unallocatedBudget");
    rnode media = member(r, member(r, obj, "mediaBudget"), "total");
    rnode alloc = member(r, obj, "allocatedBudget");
    double unallocated, media_total, allocated;
    char ub[48], mb[48], ab[48], wb[48];
    if (!number_value(un, &unallocated) || !number_value(media, &media_total) ||
        !number_value(alloc, &allocated))
        return;
    double want = media_total - allocated;
    if (!money_equal(unallocated, want))
        add(r, at, "/unallocatedBudget", "CR-UNALLOCATED", un,
            "unallocatedBudget is %s, expected mediaBudget.total %s minus "
            "allocatedBudget %s = %s (tolerance %.2f)",
            number_text(r, un, ub), number_text(r, media, mb), number_text(r, alloc, ab),
            cr_format_amount(want, wb), CONTRACT_MONEY_TOLERANCE);
}

/* Whether the status member of a media buy or package says its money is
 * no longer committed to a seller (D46): CANCELED, ARCHIVED, FAILED or
 * REJECTED, in any case (packages report seller statuses in lower case).
 * Read in place: every package of a large response passes here. */
static int releases_budget(rctx *r, rnode status)
{
#define GONE(s) { s, sizeof s - 1 }
    static const struct { const char *s; size_t len; } gone[] = {
        GONE("CANCELED"), GONE("ARCHIVED"), GONE("FAILED"), GONE("REJECTED")
    };
#undef GONE
    size_t len;
    const char *s = string_bytes(r, status, &len);
    for (size_t i = 0; s && i < sizeof gone / sizeof gone[0]; i++)
        if (len == gone[i].len && strncasecmp(s, gone[i].s, len) == 0)
            return 1;
    return 0;
}

/* What obj's media buys commit, as add_committed adds it up; known
 * (state 0) or not (-1).  A campaign without buys commits 0; one that
 * shows its buys only as mediaBuyRefs cannot be added up. */
typedef struct committed {
    double sum;
    int state;
    rkey status, budget, packages; /* read in every buy and package */
} committed;

/* The budget media buy mb still commits, added to c->sum: the budgets of
 * its packages, unless the buy or the package released its money.  0, or
 * -1 when packages is no array or a counted package has no numeric
 * budget (the sum is then unknown). */
static int add_committed(rctx *r, rnode mb, committed *c)
{
    rnode packages = member_key(r, mb, &c->packages), p;
    if (releases_budget(r, member_key(r, mb, &c->status)))
        return 0;
    if (packages && !is_array(packages))
        return -1;
    for (p = first_child(packages); p; p = next_of(p)) {
        double budget;
        if (releases_budget(r, member_key(r, p, &c->status)))
            continue;
        if (!number_value(member_key(r, p, &c->budget), &budget))
            return -1;
        c->sum += budget;
    }
    return 0;
}

static committed committed_start(rctx *r, rnode obj)
{
    rnode buys = member(r, obj, "mediaBuys");
    committed c = { 0, 0, rkey_of("status"), rkey_of("budget"), rkey_of("packages") };
    if (!buys)
        c.state = count_children(array_member(r, obj, "mediaBuyRefs")) > 0 ? -1 : 0;
    else if (!is_array(buys))
        c.state = -1;
    return c;
}

static void allocated_check(rnode obj, const char *at, rctx *r, committed c)
{
    rnode alloc = member(r, obj, "allocatedBudget");
    double allocated;
    if (c.state != 0 || !number_value(alloc, &allocated))
        return;
    if (!money_equal(allocated, c.sum))
        add(r, at, "/allocatedBudget", "CR-ALLOCATED", alloc,
            "allocatedBudget is %.15g, expected %.15g: the budgets of the packages of "
            "media buys not canceled, archived, failed or rejected (tolerance %.2f)",
            allocated, c.sum, CONTRACT_MONEY_TOLERANCE);
}

/* ---- campaign media buys ----------------------------------------------- */

static void rule_draft_no_buys(rnode obj, const char *at, rctx *r)
{
    static const char *const lists[] = { "mediaBuys", "mediaBuyRefs" };
    const char *status = string_value(r, member(r, obj, "status"));
    if (!status || strcmp(status, "DRAFT") != 0)
        return;
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        rnode a = array_member(r, obj, lists[i]);
        int n = count_children(a);
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

/* At most 200 bytes of an id for a message, each U+0000 written \u0000
 * (an id is any non-empty string: the lists are matched on all its
 * bytes, and a message must neither cut it there nor print a raw NUL). */
#define ID_SHOWN 200
static const char *id_text(const char *id, size_t len, char out[6 * ID_SHOWN + 1])
{
    json_escape_nul_into(out, id, utf8_cut(id, len, ID_SHOWN)); /* whole characters only */
    return out;
}

/* One entry of mediaBuyRefs or mediaBuys.  In a large response the
 * entries' ids lie far apart in memory, so each id is read once, to hash
 * it, and the lists are matched through a hash index of the entries; the
 * bytes are compared only where the hashes agree.  (map.h's strmap hashes
 * the key again on every lookup: a trip to memory per id, measured 17%
 * slower on the rules of a 10 MB response.) */
typedef struct buy_entry {
    const char *id;     /* all its bytes (string_bytes) */
    size_t id_len;
    uint64_t hash;
    rnode id_node;      /* the mediaBuyId member, for a finding */
    const char *status; /* NULL when absent or not a string */
    rnode status_node;
    int index;
} buy_entry;

/* Lists with more entries than this (both together) hash their ids with
 * SipHash under a key drawn for the call, fewer with the unkeyed FNV-1a of
 * map.h.  Ids are chosen by whoever wrote the response, and FNV-1a can be
 * aimed: 20 000 ids crafted to share one slot took 36 times as long as
 * random ones (bench/hash_collide).  A short list costs at most 64 * 64 / 2
 * probes even so, of one compare each; a long one pays the key (a system
 * call) once, and SipHash-1-3 hashes an id of 10 to 20 bytes no slower
 * than FNV-1a's byte-at-a-time loop. */
#define BUY_KEYED_MIN 64

/* An id's hash: keyed when k, else map_hash_bytes. */
static inline uint64_t buy_id_hash(const sip_key *k, const char *id, size_t len)
{
    return k ? siphash13(k, id, len) : map_hash_bytes(id, len);
}

/* The entries of list with a string mediaBuyId, in list order, their ids
 * hashed with buy_id_hash(k); *n set. */
static buy_entry *collect_buys(rctx *r, rnode list, const sip_key *k, int *n)
{
    int size = count_children(list), i = 0, nk = 0;
    rnode e;
    buy_entry *v = malloc((size_t)(size ? size : 1) * sizeof *v);
    if (!v)
        return NULL;
    for (e = first_child(list); e; e = next_of(e)) {
        /* in a large list the next entry lies past this one's subtree:
         * ask for it now, so it arrives while this one is read */
        prefetch_next(r, e);
        rnode id_node = member(r, e, "mediaBuyId");
        size_t len;
        const char *id = string_bytes(r, id_node, &len);
        if (id) {
            rnode st = member(r, e, "status");
            v[nk++] = (buy_entry){ id, len, buy_id_hash(k, id, len), id_node, string_value(r, st), st, i };
        }
        i++;
    }
    *n = nk;
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

static void rule_buy_refs(rnode obj, const char *at, rctx *r)
{
    rnode refs = array_member(r, obj, "mediaBuyRefs");
    rnode buys = array_member(r, obj, "mediaBuys");
    int nr = 0, nb = 0;
    if (!refs || !buys)
        return;
    sip_key key, *k = NULL;
    if (count_children(refs) + count_children(buys) > BUY_KEYED_MIN) {
        sip_key_random(&key);
        k = &key;
    }
    buy_entry *vr = collect_buys(r, refs, k, &nr), *vb = collect_buys(r, buys, k, &nb);
    buy_index xr = { 0 }, xb = { 0 };
    if (!vr || !vb || buy_index_build(&xr, vr, nr) || buy_index_build(&xb, vb, nb))
        goto out;
    /* findings in list order */
    for (int i = 0; i < nr; i++) {
        const buy_entry *b = find_buy(&xb, &vr[i]);
        char rel[64], id[6 * ID_SHOWN + 1];
        if (!b) {
            snprintf(rel, sizeof rel, "/mediaBuyRefs/%d/mediaBuyId", vr[i].index);
            add(r, at, rel, "CR-BUY-REFS",
                vr[i].id_node,
                "mediaBuyRefs names media buy \"%s\", which mediaBuys does not contain",
                id_text(vr[i].id, vr[i].id_len, id));
        } else if (vr[i].status && b->status && strcmp(vr[i].status, b->status) != 0) {
            snprintf(rel, sizeof rel, "/mediaBuyRefs/%d/status", vr[i].index);
            add(r, at, rel, "CR-BUY-REFS", vr[i].status_node,
                "status %.*s of media buy \"%s\" differs from mediaBuys[%d].status %.*s",
                utf8_span(vr[i].status, 100), vr[i].status, id_text(vr[i].id, vr[i].id_len, id), b->index,
                utf8_span(b->status, 100), b->status);
        }
    }
    for (int j = 0; j < nb; j++) {
        if (!find_buy(&xr, &vb[j])) {
            char rel[64], id[6 * ID_SHOWN + 1];
            snprintf(rel, sizeof rel, "/mediaBuys/%d/mediaBuyId", vb[j].index);
            add(r, at, rel, "CR-BUY-REFS",
                vb[j].id_node,
                "media buy \"%s\" is missing from mediaBuyRefs", id_text(vb[j].id, vb[j].id_len, id));
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
static void pacing_rules(rnode obj, const char *at, rctx *r)
{
    int n;
    period *v = period_table(r, obj, &n);
    period_order_check(obj, v, n, at, r);
    in_flight_check(obj, v, n, at, r);
    no_overlap_check(obj, v, n, at, r);
    free(v);
    rule_pacing_budget_sum(obj, at, r);
}

/* Media buys carry their own pacing periods (no flight or budget of their
 * own to compare with, so only the order and overlap rules). */
/* The rules of each of obj's media buys, in one pass over them (most of a
 * large response is its buys, and each pass over them is a trip through
 * memory): the pacing rules of the buy and, when c is not NULL, the budget
 * it commits (CR-ALLOCATED). */
static void media_buy_rules(rnode obj, const char *at, rctx *r, committed *c)
{
    rnode mb;
    int i = 0;
    for (mb = first_child(array_member(r, obj, "mediaBuys")); mb; mb = next_of(mb)) {
        prefetch_next(r, mb); /* see collect_buys */
        if (c && c->state == 0)
            c->state = add_committed(r, mb, c);
        char here[512];
        int n;
        period *v = period_table(r, mb, &n);
        if (v) { /* most buys have no periods of their own */
            snprintf(here, sizeof here, "%s/mediaBuys/%d", at, i);
            period_order_check(mb, v, n, here, r);
            no_overlap_check(mb, v, n, here, r);
            free(v);
        }
        i++;
    }
}

static void campaign_rules(rnode c, const char *at, rctx *r)
{
    if (!is_object(c))
        return;
    rule_flight_order(c, at, r);
    pacing_rules(c, at, r);
    rule_media_budget(c, at, r);
    rule_unallocated(c, at, r);
    rule_draft_no_buys(c, at, r);
    rule_buy_refs(c, at, r);
    committed spent = committed_start(r, c);
    media_buy_rules(c, at, r, &spent);
    allocated_check(c, at, r, spent);
}

/* Apply every rule that concerns body `name` (contract_rules_apply). */
static void rules_apply(const char *name, rnode body, rctx *r)
{
    if (!name || !is_object(body))
        return;
    if (strcmp(name, "campaign-create-request") == 0) {
        rule_flight_order(body, "", r);
        pacing_rules(body, "", r);
        rule_products_need_discovery(body, "", r);
    } else if (strcmp(name, "campaign-update-request") == 0) {
        /* A partial update: each rule runs only on the members it sends. */
        rule_flight_order(body, "", r);
        pacing_rules(body, "", r);
        media_buy_rules(body, "", r, NULL);
    } else if (strcmp(name, "campaign-response") == 0) {
        campaign_rules(member(r, body, "campaign"), "/campaign", r);
    } else if (strcmp(name, "campaign-list-response") == 0) {
        rnode c;
        int i = 0;
        for (c = first_child(array_member(r, body, "campaigns")); c; c = next_of(c)) {
            char at[64];
            snprintf(at, sizeof at, "/campaigns/%d", i++);
            campaign_rules(c, at, r);
        }
    }
}
