/* mock_fixtures.c - load and check the fixtures file (see mock_fixtures.h).
 *
 * The file is parsed strictly (duplicate keys rejected) so a typo is an
 * error with its line and column, never a silently different world. */
#include "mock_fixtures.h"
#include "mock_model.h"
#include "campaign/arena.h"
#include "campaign/format.h"
#include "campaign/json_parse.h"
#include "campaign/jsv.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mock_fixtures {
    arena *mem;                 /* every string and array below */
    size_t n_advertisers, n_fees, n_storefronts, n_agents, n_formats,
           n_products, n_sessions, n_creatives, n_property_lists;
    fx_advertiser *advertisers;
    fx_fee *fees;
    fx_storefront *storefronts;
    fx_agent *agents;
    fx_format *formats;
    fx_product *products;
    fx_session *sessions;
    fx_creative *creatives;
    fx_property_list *property_lists;
};

/* Loading context: where errors go. */
typedef struct loader {
    const char *path;
    const char *text;  /* the file's text, which error positions are counted in */
    size_t len;
    char *err;
    size_t errlen;
    int failed;
    mock_fixtures *fx;
} loader;

/* Record the first error, positioned at node when it came from the file. */
static void fail(loader *ld, const cJSON *node, const char *fmt, ...)
{
    if (ld->failed) return;
    ld->failed = 1;
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const json_node *info = json_node_info(node);
    if (info) {
        json_text_pos at = JSON_TEXT_START;
        json_text_position(ld->text, ld->len, info->offset, &at);
        snprintf(ld->err, ld->errlen, "%s:%u:%u: %s", ld->path, at.line, at.col, msg);
    } else
        snprintf(ld->err, ld->errlen, "%s: %s", ld->path, msg);
}

static const char *str_copy(loader *ld, const char *s)
{
    char *p = arena_strndup(ld->fx->mem, s, strlen(s));
    if (!p) fail(ld, NULL, "out of memory");
    return p;
}

static void *alloc_array(loader *ld, size_t n, size_t sz)
{
    if (n == 0) return NULL;
    void *p = arena_alloc(ld->fx->mem, n * sz);
    if (!p) fail(ld, NULL, "out of memory");
    else memset(p, 0, n * sz);
    return p;
}

/* A string node's text when it holds no U+0000 (fixture ids and names
 * are C strings: "p\u0000x" must not be read as "p"), else NULL. */
static const char *c_string(const cJSON *v)
{
    return cJSON_IsString(v) && json_string_len(v) == strlen(v->valuestring) ? v->valuestring : NULL;
}

/* Member `key` of obj as a non-empty string; required or NULL allowed. */
static const char *get_str(loader *ld, const cJSON *obj, const char *where,
                           const char *key, int required)
{
    const cJSON *v = json_member(obj, key);
    if (!v) {
        if (required) fail(ld, obj, "%s: missing \"%s\"", where, key);
        return NULL;
    }
    if (!cJSON_IsString(v) || !v->valuestring[0]) {
        fail(ld, v, "%s.%s: expected a non-empty string", where, key);
        return NULL;
    }
    if (!c_string(v)) {
        fail(ld, v, "%s.%s: U+0000 is not allowed in fixture text", where, key);
        return NULL;
    }
    return str_copy(ld, v->valuestring);
}

static int get_int(loader *ld, const cJSON *obj, const char *where, const char *key,
                   int required, int64_t lo, int64_t hi, int64_t *out)
{
    const cJSON *v = json_member(obj, key);
    if (!v) {
        if (required) fail(ld, obj, "%s: missing \"%s\"", where, key);
        return 0;
    }
    double d = cJSON_IsNumber(v) ? v->valuedouble : NAN;
    if (!(d >= (double)lo && d <= (double)hi) || floor(d) != d) {
        fail(ld, v, "%s.%s: expected an integer from %lld to %lld", where, key,
             (long long)lo, (long long)hi);
        return 0;
    }
    *out = (int64_t)d;
    return 1;
}

static int get_bool(loader *ld, const cJSON *obj, const char *where, const char *key)
{
    const cJSON *v = json_member(obj, key);
    if (!v) return 0;
    if (!cJSON_IsBool(v)) { fail(ld, v, "%s.%s: expected true or false", where, key); return 0; }
    return cJSON_IsTrue(v);
}

/* Member `key` of root as an array of objects (may be absent: n = 0). */
static const cJSON *get_list(loader *ld, const cJSON *root, const char *key, size_t *n)
{
    const cJSON *v = json_member(root, key);
    *n = 0;
    if (!v) return NULL;
    if (!cJSON_IsArray(v)) { fail(ld, v, "%s: expected an array", key); return NULL; }
    const cJSON *e;
    cJSON_ArrayForEach(e, v) {
        if (!cJSON_IsObject(e)) { fail(ld, e, "%s[%zu]: expected an object", key, *n); return NULL; }
        (*n)++;
    }
    return v;
}

static void load_advertisers(loader *ld, const cJSON *root)
{
    mock_fixtures *fx = ld->fx;
    const cJSON *list = get_list(ld, root, "advertisers", &fx->n_advertisers), *e;
    fx->advertisers = alloc_array(ld, fx->n_advertisers, sizeof *fx->advertisers);
    size_t i = 0;
    cJSON_ArrayForEach(e, list) {
        if (ld->failed) return;
        char where[64];
        snprintf(where, sizeof where, "advertisers[%zu]", i);
        fx_advertiser *a = &fx->advertisers[i++];
        get_int(ld, e, where, "advertiserId", 1, 0, INT64_C(9007199254740991), &a->id);
        a->name = get_str(ld, e, where, "name", 0);
        const char *mode = get_str(ld, e, where, "optimizationApplyMode", 0);
        a->apply_mode = "AUTO";
        if (mode && strcmp(mode, "MANUAL") == 0) a->apply_mode = "MANUAL";
        else if (mode && strcmp(mode, "AUTO") != 0)
            fail(ld, json_member(e, "optimizationApplyMode"),
                 "%s.optimizationApplyMode: expected AUTO or MANUAL", where);
    }
}

static void load_fees(loader *ld, const cJSON *root)
{
    mock_fixtures *fx = ld->fx;
    const cJSON *list = get_list(ld, root, "fees", &fx->n_fees), *e;
    fx->fees = alloc_array(ld, fx->n_fees, sizeof *fx->fees);
    size_t i = 0;
    int64_t sum = 0;
    cJSON_ArrayForEach(e, list) {
        if (ld->failed) return;
        char where[64];
        snprintf(where, sizeof where, "fees[%zu]", i);
        fx_fee *f = &fx->fees[i++];
        f->label = get_str(ld, e, where, "label", 1);
        const char *type = get_str(ld, e, where, "pricingType", 0);
        if (type && strcmp(type, "MARGIN") != 0) {
            fail(ld, json_member(e, "pricingType"),
                 "%s.pricingType: only MARGIN fees are supported", where);
            return;
        }
        const cJSON *pct = json_member(e, "marginPercent");
        if (!cJSON_IsNumber(pct) || !(pct->valuedouble >= 0 && pct->valuedouble < 100)) {
            fail(ld, pct ? pct : e, "%s.marginPercent: expected a number from 0 to below 100", where);
            return;
        }
        f->margin_bp = (int64_t)llround(pct->valuedouble * 100.0);
        sum += f->margin_bp;
    }
    /* media budget must stay positive for every budget */
    if (!ld->failed && sum >= 10000)
        fail(ld, list, "fees: the margins add up to 100%% or more, leaving no media budget");
}

static void load_storefronts(loader *ld, const cJSON *root)
{
    mock_fixtures *fx = ld->fx;
    const cJSON *list = get_list(ld, root, "storefronts", &fx->n_storefronts), *e;
    fx->storefronts = alloc_array(ld, fx->n_storefronts, sizeof *fx->storefronts);
    size_t i = 0;
    cJSON_ArrayForEach(e, list) {
        if (ld->failed) return;
        char where[64];
        snprintf(where, sizeof where, "storefronts[%zu]", i);
        fx_storefront *s = &fx->storefronts[i++];
        get_int(ld, e, where, "id", 1, 0, INT64_C(9007199254740991), &s->id);
        s->platform_id = get_str(ld, e, where, "platformId", 1);
        s->name = get_str(ld, e, where, "name", 1);
        s->seller_managed = get_bool(ld, e, where, "sellerManaged");
    }
}

static void load_agents(loader *ld, const cJSON *root)
{
    mock_fixtures *fx = ld->fx;
    const cJSON *list = get_list(ld, root, "salesAgents", &fx->n_agents), *e;
    fx->agents = alloc_array(ld, fx->n_agents, sizeof *fx->agents);
    size_t i = 0;
    cJSON_ArrayForEach(e, list) {
        if (ld->failed) return;
        char where[64];
        snprintf(where, sizeof where, "salesAgents[%zu]", i);
        fx_agent *a = &fx->agents[i++];
        a->id = get_str(ld, e, where, "salesAgentId", 1);
        a->name = get_str(ld, e, where, "name", 1);
        a->execute_status = BS_ACTIVE;
        const char *on = get_str(ld, e, where, "onExecute", 0);
        if (on) {
            a->execute_status = buy_status_parse(on);
            if (a->execute_status != BS_ACTIVE && a->execute_status != BS_PENDING_APPROVAL &&
                a->execute_status != BS_INPUT_REQUIRED && a->execute_status != BS_FAILED &&
                a->execute_status != BS_REJECTED)
                fail(ld, json_member(e, "onExecute"),
                     "%s.onExecute: expected ACTIVE, PENDING_APPROVAL, INPUT_REQUIRED, FAILED or REJECTED", where);
        }
        a->fail_http_status = 422;
        a->fail_message = "the sales agent rejected the submission";
        const cJSON *failure = json_member(e, "failure");
        if (failure) {
            if (!cJSON_IsObject(failure)) { fail(ld, failure, "%s.failure: expected an object", where); return; }
            int64_t st;
            if (get_int(ld, failure, where, "httpStatus", 0, 400, 599, &st)) a->fail_http_status = (int)st;
            const char *m = get_str(ld, failure, where, "message", 0);
            if (m) a->fail_message = m;
        }
        a->refuses_budget_updates = get_bool(ld, e, where, "refusesBudgetUpdates");
        a->approve_on_poll = get_bool(ld, e, where, "approveOnPoll");
        for (size_t j = 0; !ld->failed && j + 1 < i; j++)
            if (strcmp(fx->agents[j].id, a->id) == 0)
                fail(ld, e, "%s: duplicate salesAgentId \"%s\"", where, a->id);
    }
}

static void load_formats(loader *ld, const cJSON *root)
{
    mock_fixtures *fx = ld->fx;
    const cJSON *list = get_list(ld, root, "formats", &fx->n_formats), *e;
    fx->formats = alloc_array(ld, fx->n_formats, sizeof *fx->formats);
    size_t i = 0;
    cJSON_ArrayForEach(e, list) {
        if (ld->failed) return;
        char where[64];
        snprintf(where, sizeof where, "formats[%zu]", i);
        fx_format *f = &fx->formats[i++];
        f->id = get_str(ld, e, where, "id", 1);
        f->agent_url = get_str(ld, e, where, "agent_url", 1);
    }
}

static const fx_format *find_format(const mock_fixtures *fx, const char *id)
{
    for (size_t i = 0; id && i < fx->n_formats; i++)
        if (strcmp(fx->formats[i].id, id) == 0) return &fx->formats[i];
    return NULL;
}

/* Array member `key` of strings, each resolved by lookup (void-typed). */
static const void **get_refs(loader *ld, const cJSON *obj, const char *where, const char *key,
                             size_t *n, const void *(*lookup)(const mock_fixtures *, const char *),
                             const char *what)
{
    const cJSON *v = json_member(obj, key), *e;
    *n = 0;
    if (!v) return NULL;
    if (!cJSON_IsArray(v)) { fail(ld, v, "%s.%s: expected an array of strings", where, key); return NULL; }
    size_t cnt = (size_t)cJSON_GetArraySize(v), i = 0;
    const void **out = alloc_array(ld, cnt, sizeof *out);
    cJSON_ArrayForEach(e, v) {
        if (ld->failed) return NULL;
        const void *p = c_string(e) ? lookup(ld->fx, e->valuestring) : NULL;
        if (!p) {
            fail(ld, e, "%s.%s[%zu]: unknown %s", where, key, i, what);
            return NULL;
        }
        out[i++] = p;
    }
    *n = cnt;
    return out;
}

static const void *lookup_format(const mock_fixtures *fx, const char *id) { return find_format(fx, id); }
static const void *lookup_product(const mock_fixtures *fx, const char *id) { return fixtures_product(fx, id); }

static void load_products(loader *ld, const cJSON *root)
{
    mock_fixtures *fx = ld->fx;
    const cJSON *list = get_list(ld, root, "products", &fx->n_products), *e;
    fx->products = alloc_array(ld, fx->n_products, sizeof *fx->products);
    size_t i = 0;
    cJSON_ArrayForEach(e, list) {
        if (ld->failed) return;
        char where[64];
        snprintf(where, sizeof where, "products[%zu]", i);
        fx_product *p = &fx->products[i];
        p->id = get_str(ld, e, where, "productId", 1);
        p->name = get_str(ld, e, where, "name", 0);
        p->publisher = get_str(ld, e, where, "publisherName", 0);
        const char *agent = get_str(ld, e, where, "salesAgentId", 1);
        if (ld->failed) return;
        p->agent = fixtures_agent(fx, agent);
        if (!p->agent) {
            fail(ld, json_member(e, "salesAgentId"),
                 "%s.salesAgentId: unknown sales agent \"%s\"", where, agent);
            return;
        }
        int64_t sf;
        if (get_int(ld, e, where, "storefrontId", 0, 0, INT64_C(9007199254740991), &sf)) {
            p->storefront = fixtures_storefront(fx, sf);
            if (!p->storefront)
                fail(ld, json_member(e, "storefrontId"),
                     "%s.storefrontId: unknown storefront %lld", where, (long long)sf);
        }
        p->formats = (const fx_format **)get_refs(ld, e, where, "formats", &p->n_formats,
                                                  lookup_format, "format");
        /* a duplicate id would make lookups ambiguous */
        fx->n_products = i;
        if (!ld->failed && fixtures_product(fx, p->id))
            fail(ld, e, "%s: duplicate productId \"%s\"", where, p->id);
        fx->n_products = (size_t)cJSON_GetArraySize(list);
        i++;
    }
}

static void load_sessions(loader *ld, const cJSON *root)
{
    mock_fixtures *fx = ld->fx;
    const cJSON *list = get_list(ld, root, "discoverySessions", &fx->n_sessions), *e;
    fx->sessions = alloc_array(ld, fx->n_sessions, sizeof *fx->sessions);
    size_t i = 0;
    cJSON_ArrayForEach(e, list) {
        if (ld->failed) return;
        char where[64];
        snprintf(where, sizeof where, "discoverySessions[%zu]", i);
        fx_session *s = &fx->sessions[i++];
        s->id = get_str(ld, e, where, "discoveryId", 1);
        s->products = (const fx_product **)get_refs(ld, e, where, "productIds", &s->n_products,
                                                    lookup_product, "product");
    }
}

static void load_creatives(loader *ld, const cJSON *root)
{
    mock_fixtures *fx = ld->fx;
    const cJSON *list = get_list(ld, root, "creatives", &fx->n_creatives), *e;
    fx->creatives = alloc_array(ld, fx->n_creatives, sizeof *fx->creatives);
    size_t i = 0;
    cJSON_ArrayForEach(e, list) {
        if (ld->failed) return;
        char where[64];
        snprintf(where, sizeof where, "creatives[%zu]", i);
        fx_creative *c = &fx->creatives[i++];
        c->id = get_str(ld, e, where, "creativeId", 1);
        const char *fmt = get_str(ld, e, where, "format", 1);
        if (ld->failed) return;
        c->format = find_format(fx, fmt);
        if (!c->format)
            fail(ld, json_member(e, "format"),
                 "%s.format: unknown format \"%s\"", where, fmt);
    }
}

static void load_property_lists(loader *ld, const cJSON *root)
{
    mock_fixtures *fx = ld->fx;
    const cJSON *list = get_list(ld, root, "propertyLists", &fx->n_property_lists), *e;
    fx->property_lists = alloc_array(ld, fx->n_property_lists, sizeof *fx->property_lists);
    size_t i = 0;
    cJSON_ArrayForEach(e, list) {
        if (ld->failed) return;
        char where[64];
        snprintf(where, sizeof where, "propertyLists[%zu]", i);
        fx_property_list *l = &fx->property_lists[i++];
        l->id = get_str(ld, e, where, "listId", 1);
        l->name = get_str(ld, e, where, "name", 1);
        int64_t adv = 0;
        if (get_int(ld, e, where, "advertiserId", 1, 0, INT64_C(9007199254740991), &adv) &&
            !(l->advertiser = fixtures_advertiser(fx, adv)))
            fail(ld, json_member(e, "advertiserId"),
                 "%s.advertiserId: unknown advertiser %lld", where, (long long)adv);
        const char *purpose = get_str(ld, e, where, "purpose", 1);
        if (purpose && strcmp(purpose, "include") != 0 && strcmp(purpose, "exclude") != 0)
            fail(ld, json_member(e, "purpose"), "%s.purpose: expected include or exclude", where);
        l->exclude = purpose && strcmp(purpose, "exclude") == 0;
        get_int(ld, e, where, "propertyCount", 1, 0, INT64_C(9007199254740991), &l->property_count);
        static const char *const times[] = { "createdAt", "updatedAt" };
        for (int t = 0; t < 2 && !ld->failed; t++) {
            const char *v = get_str(ld, e, where, times[t], 1);
            if (v && format_check("date-time", v, strlen(v)) != 1)
                fail(ld, json_member(e, times[t]),
                     "%s.%s: expected an RFC 3339 date-time", where, times[t]);
            if (t == 0) l->created_at = v; else l->updated_at = v;
        }
        const cJSON *prods = json_member(e, "productIds");
        l->products = (const fx_product **)get_refs(ld, e, where, "productIds", &l->n_products,
                                                    lookup_product, "product");
        if (!ld->failed && prods && l->n_products == 0)
            fail(ld, prods, "%s.productIds: leave it out to cover every product; [] covers none", where);
        for (size_t j = 0; !ld->failed && j + 1 < i; j++)
            if (strcmp(fx->property_lists[j].id, l->id) == 0)
                fail(ld, e, "%s: duplicate listId \"%s\"", where, l->id);
    }
}

mock_fixtures *fixtures_load(const char *path, char *err, size_t errlen)
{
    size_t len = 0;
    char *text = jsv_read_file(path, &len);
    if (!text) {
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
        return NULL;
    }
    json_parse_opts opts = { JSON_PARSE_REJECT_DUPLICATES | JSON_PARSE_ALLOW_BOM, 0 };
    json_error jerr;
    memset(&jerr, 0, sizeof jerr);
    json_doc *doc = json_parse(text, len, &opts, NULL, &jerr);
    if (!doc) {
        snprintf(err, errlen, "%s:%u:%u: %s", path, jerr.line, jerr.col, jerr.message);
        free(text);
        return NULL;
    }
    /* text stays until the load ends: an error names a node by its offset */
    mock_fixtures *fx = calloc(1, sizeof *fx);
    loader ld = { path, text, len, err, errlen, 0, fx };
    if (!fx || !(fx->mem = arena_new(0))) {
        snprintf(err, errlen, "%s: out of memory", path);
        free(fx);
        json_doc_free(doc);
        free(text);
        return NULL;
    }
    if (!cJSON_IsObject(doc->root)) fail(&ld, doc->root, "expected an object at the top");
    if (!ld.failed) load_advertisers(&ld, doc->root);
    if (!ld.failed) load_fees(&ld, doc->root);
    if (!ld.failed) load_storefronts(&ld, doc->root);
    if (!ld.failed) load_agents(&ld, doc->root);
    if (!ld.failed) load_formats(&ld, doc->root);
    if (!ld.failed) load_products(&ld, doc->root);
    if (!ld.failed) load_sessions(&ld, doc->root);
    if (!ld.failed) load_creatives(&ld, doc->root);
    if (!ld.failed) load_property_lists(&ld, doc->root);
    json_doc_free(doc);
    free(text);
    if (ld.failed) { fixtures_free(fx); return NULL; }
    return fx;
}

void fixtures_free(mock_fixtures *fx)
{
    if (!fx) return;
    arena_free(fx->mem);
    free(fx);
}

const fx_advertiser *fixtures_advertiser(const mock_fixtures *fx, int64_t id)
{
    for (size_t i = 0; i < fx->n_advertisers; i++)
        if (fx->advertisers[i].id == id) return &fx->advertisers[i];
    return NULL;
}

const fx_storefront *fixtures_storefront(const mock_fixtures *fx, int64_t id)
{
    for (size_t i = 0; i < fx->n_storefronts; i++)
        if (fx->storefronts[i].id == id) return &fx->storefronts[i];
    return NULL;
}

const fx_agent *fixtures_agent(const mock_fixtures *fx, const char *id)
{
    for (size_t i = 0; id && i < fx->n_agents; i++)
        if (fx->agents[i].id && strcmp(fx->agents[i].id, id) == 0) return &fx->agents[i];
    return NULL;
}

const fx_product *fixtures_product(const mock_fixtures *fx, const char *id)
{
    for (size_t i = 0; id && i < fx->n_products; i++)
        if (fx->products[i].id && strcmp(fx->products[i].id, id) == 0) return &fx->products[i];
    return NULL;
}

const fx_session *fixtures_session(const mock_fixtures *fx, const char *id)
{
    for (size_t i = 0; id && i < fx->n_sessions; i++)
        if (fx->sessions[i].id && strcmp(fx->sessions[i].id, id) == 0) return &fx->sessions[i];
    return NULL;
}

const fx_creative *fixtures_creative(const mock_fixtures *fx, const char *id)
{
    for (size_t i = 0; id && i < fx->n_creatives; i++)
        if (fx->creatives[i].id && strcmp(fx->creatives[i].id, id) == 0) return &fx->creatives[i];
    return NULL;
}

size_t fixtures_fee_count(const mock_fixtures *fx) { return fx->n_fees; }
const fx_fee *fixtures_fee(const mock_fixtures *fx, size_t i) { return &fx->fees[i]; }
size_t fixtures_creative_count(const mock_fixtures *fx) { return fx->n_creatives; }
const fx_creative *fixtures_creative_at(const mock_fixtures *fx, size_t i) { return &fx->creatives[i]; }

size_t fixtures_property_list_count(const mock_fixtures *fx) { return fx->n_property_lists; }
const fx_property_list *fixtures_property_list(const mock_fixtures *fx, size_t i) { return &fx->property_lists[i]; }

int property_list_covers(const fx_property_list *l, const fx_product *p)
{
    if (l->n_products == 0) return 1;
    for (size_t i = 0; i < l->n_products; i++)
        if (l->products[i] == p) return 1;
    return 0;
}

int session_has_product(const fx_session *s, const fx_product *p)
{
    for (size_t i = 0; i < s->n_products; i++)
        if (s->products[i] == p) return 1;
    return 0;
}

int product_accepts_format(const fx_product *p, const fx_format *f)
{
    for (size_t i = 0; i < p->n_formats; i++)
        if (p->formats[i] == f) return 1;
    return 0;
}
