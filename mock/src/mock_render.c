/* mock_render.c - campaign state to response JSON (see mock_render.h). */
#include "mock_render.h"
#include "mock_json.h"

#include <stdio.h>
#include <string.h>

/* Add a copy of echo[key] to obj when present and not null. */
static void add_echo(cJSON *obj, const cJSON *echo, const char *key)
{
    const cJSON *v = mj_get(echo, key);
    if (v && !cJSON_IsNull(v)) cJSON_AddItemToObject(obj, key, cJSON_Duplicate(v, 1));
}

static cJSON *render_budget(const mock_campaign *c)
{
    cJSON *b = cJSON_CreateObject();
    cJSON_AddItemToObject(b, "total", mj_money(c->total));
    cJSON_AddStringToObject(b, "currency", c->currency);
    if (c->has_daily_cap) cJSON_AddNumberToObject(b, "dailyCap", c->daily_cap);
    if (c->budget_pacing) cJSON_AddStringToObject(b, "pacing", c->budget_pacing);
    return b;
}

static cJSON *render_fees(const mock_campaign *c, const mock_fixtures *fx)
{
    cJSON *fees = cJSON_CreateArray();
    for (size_t i = 0; i < fixtures_fee_count(fx); i++) {
        const fx_fee *f = fixtures_fee(fx, i);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "label", f->label);
        cJSON_AddItemToObject(o, "amount", mj_money(campaign_fee(fx, c->total, i)));
        cJSON_AddStringToObject(o, "currency", c->currency);
        cJSON_AddStringToObject(o, "pricingType", "MARGIN");
        cJSON_AddNumberToObject(o, "marginPercent", (double)f->margin_bp / 100.0);
        cJSON_AddItemToArray(fees, o);
    }
    return fees;
}

static cJSON *render_storefronts(const mock_campaign *c, const mock_fixtures *fx)
{
    const cJSON *ids = mj_get(c->echo, "storefrontIds"), *e;
    if (!cJSON_IsArray(ids)) return NULL;
    cJSON *out = cJSON_CreateArray();
    cJSON_ArrayForEach(e, ids) {
        const fx_storefront *s = cJSON_IsNumber(e) ? fixtures_storefront(fx, (int64_t)e->valuedouble) : NULL;
        if (!s) continue;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "id", (double)s->id);
        cJSON_AddStringToObject(o, "platformId", s->platform_id);
        cJSON_AddStringToObject(o, "name", s->name);
        cJSON_AddItemToArray(out, o);
    }
    return out;
}

static int has_format(const fx_format **v, size_t n, const fx_format *f)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == f) return 1;
    return 0;
}

static int format_has_creative(const mock_fixtures *fx, const fx_format *f)
{
    for (size_t i = 0; i < fixtures_creative_count(fx); i++)
        if (fixtures_creative_at(fx, i)->format == f) return 1;
    return 0;
}

static cJSON *format_ref(const fx_format *f)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "agent_url", f->agent_url);
    cJSON_AddStringToObject(o, "id", f->id);
    return o;
}

/* Formats needed by the campaign's products: the selection while DRAFT,
 * afterwards the products of its live media buys. */
static cJSON *render_creative_formats(const mock_campaign *c, const mock_fixtures *fx)
{
    enum { MAXF = 256 };
    const fx_format *req[MAXF];
    size_t n = 0;
    const fx_product *prods[MAXF];
    size_t np = 0;
    if (c->status == CS_DRAFT) {
        for (size_t i = 0; i < c->n_selected && np < MAXF; i++) prods[np++] = c->selected[i];
    } else {
        for (size_t i = 0; i < c->n_buys; i++) {
            if (!buy_status_is_live(c->buys[i].status)) continue;
            for (size_t j = 0; j < c->buys[i].n_products && np < MAXF; j++)
                prods[np++] = c->buys[i].products[j];
        }
    }
    for (size_t i = 0; i < np; i++)
        for (size_t j = 0; j < prods[i]->n_formats && n < MAXF; j++)
            if (!has_format(req, n, prods[i]->formats[j])) req[n++] = prods[i]->formats[j];
    cJSON *o = cJSON_CreateObject();
    cJSON *required = cJSON_AddArrayToObject(o, "required");
    cJSON *covered = cJSON_AddArrayToObject(o, "covered");
    cJSON *missing = cJSON_AddArrayToObject(o, "missing");
    for (size_t i = 0; i < n; i++) {
        cJSON_AddItemToArray(required, format_ref(req[i]));
        cJSON_AddItemToArray(format_has_creative(fx, req[i]) ? covered : missing, format_ref(req[i]));
    }
    return o;
}

size_t buy_effective_creatives(const mock_buy *b, const mock_fixtures *fx,
                               const fx_creative **out, size_t cap)
{
    size_t n = 0;
    if (b->creatives_explicit) {
        for (size_t i = 0; i < b->n_creatives && n < cap; i++) out[n++] = b->creatives[i];
        return n;
    }
    for (size_t i = 0; i < fixtures_creative_count(fx) && n < cap; i++) {
        const fx_creative *cr = fixtures_creative_at(fx, i);
        for (size_t j = 0; j < b->n_products; j++)
            if (product_accepts_format(b->products[j], cr->format)) { out[n++] = cr; break; }
    }
    return n;
}

static cJSON *render_package(const mock_package *p, const char *currency)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "packageId", p->id);
    cJSON_AddStringToObject(o, "status", buy_status_name(p->status));
    cJSON_AddItemToObject(o, "budget", mj_money(p->budget));
    cJSON_AddStringToObject(o, "budgetCurrency", currency);
    cJSON_AddStringToObject(o, "pacing", p->pacing);
    if (p->has_bid) cJSON_AddNumberToObject(o, "bidPrice", p->bid);
    cJSON *ids = cJSON_AddArrayToObject(o, "productIds");
    cJSON_AddItemToArray(ids, cJSON_CreateString(p->product->id));
    cJSON *d = cJSON_AddObjectToObject(o, "delivery");
    cJSON_AddNumberToObject(d, "impressions", 0);
    cJSON_AddNumberToObject(d, "spend", 0);
    cJSON_AddNumberToObject(d, "clicks", 0);
    return o;
}

static cJSON *render_buy(const mock_buy *b, const mock_campaign *c)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "mediaBuyId", b->id);
    cJSON_AddStringToObject(o, "name", b->name ? b->name : "");
    cJSON_AddStringToObject(o, "status", buy_status_name(b->status));
    if (b->start_time) cJSON_AddStringToObject(o, "startTime", b->start_time);
    if (b->end_time) cJSON_AddStringToObject(o, "endTime", b->end_time);
    cJSON *prods = cJSON_AddArrayToObject(o, "products");
    for (size_t i = 0; i < b->n_products; i++) {
        const fx_product *p = b->products[i];
        mock_cents sum = 0;
        for (size_t j = 0; j < b->n_pkgs; j++)
            if (b->pkgs[j].product == p && package_is_live(b, &b->pkgs[j])) sum += b->pkgs[j].budget;
        cJSON *po = cJSON_CreateObject();
        cJSON_AddStringToObject(po, "productId", p->id);
        if (p->name) cJSON_AddStringToObject(po, "productName", p->name);
        if (p->publisher) cJSON_AddStringToObject(po, "publisherName", p->publisher);
        cJSON_AddStringToObject(po, "salesAgentName", p->agent->name);
        cJSON_AddItemToObject(po, "budget", mj_money(sum));
        cJSON_AddStringToObject(po, "budgetCurrency", c->currency);
        cJSON_AddItemToArray(prods, po);
    }
    if (b->pacing_periods) cJSON_AddItemToObject(o, "pacingPeriods", cJSON_Duplicate(b->pacing_periods, 1));
    cJSON *pkgs = cJSON_AddArrayToObject(o, "packages");
    for (size_t j = 0; j < b->n_pkgs; j++)
        cJSON_AddItemToArray(pkgs, render_package(&b->pkgs[j], c->currency));
    if (b->goals) cJSON_AddItemToObject(o, "optimizationGoals", cJSON_Duplicate(b->goals, 1));
    cJSON_AddStringToObject(o, "createdAt", b->created_at);
    cJSON_AddStringToObject(o, "updatedAt", b->updated_at);
    return o;
}

static cJSON *render_caps(const mock_campaign *c)
{
    cJSON *caps = cJSON_CreateArray();
    for (size_t i = 0; i < c->n_caps; i++) {
        const mock_cap *cap = &c->caps[i];
        cJSON *o = cJSON_Duplicate(cap->input, 1);
        if (!o) continue;
        cJSON_AddStringToObject(o, "id", cap->id);
        cJSON_AddStringToObject(o, "targetLevel", "CAMPAIGN");
        cJSON_AddStringToObject(o, "targetId", c->id);
        cJSON_AddStringToObject(o, "createdAt", cap->created_at);
        cJSON_AddStringToObject(o, "updatedAt", cap->updated_at);
        cJSON_AddNullToObject(o, "archivedAt");
        cJSON_AddItemToArray(caps, o);
    }
    return caps;
}

/* The members a campaign and its list summary share. */
static void add_identity(cJSON *o, const mock_campaign *c)
{
    char adv[32];
    snprintf(adv, sizeof adv, "%lld", (long long)c->advertiser->id);
    cJSON_AddStringToObject(o, "campaignId", c->id);
    cJSON_AddStringToObject(o, "advertiserId", adv);
    cJSON_AddStringToObject(o, "name", c->name);
    cJSON_AddStringToObject(o, "status", campaign_status_name(c->status));
    cJSON_AddStringToObject(o, "campaignType", c->type);
    cJSON_AddStringToObject(o, "createdAt", c->created_at);
    cJSON_AddStringToObject(o, "updatedAt", c->updated_at);
}

cJSON *render_campaign(const mock_campaign *c, const mock_fixtures *fx)
{
    cJSON *o = cJSON_CreateObject();
    if (!o) return NULL;
    mock_cents media = campaign_media_budget(fx, c->total);
    mock_cents alloc = campaign_allocated(c);

    add_identity(o, c);
    cJSON_AddStringToObject(o, "optimizationApplyMode", c->apply_mode);
    add_echo(o, c->echo, "brief");
    add_echo(o, c->echo, "flightDates");
    cJSON_AddItemToObject(o, "budget", render_budget(c));
    cJSON *mb = cJSON_AddObjectToObject(o, "mediaBudget");
    cJSON_AddItemToObject(mb, "total", mj_money(media));
    cJSON_AddStringToObject(mb, "currency", c->currency);
    cJSON_AddItemToObject(o, "fees", render_fees(c, fx));
    cJSON_AddItemToObject(o, "allocatedBudget", mj_money(alloc));
    cJSON_AddItemToObject(o, "unallocatedBudget", mj_money(media - alloc));
    add_echo(o, c->echo, "pacingPeriods");
    add_echo(o, c->echo, "constraints");
    cJSON *sf = render_storefronts(c, fx);
    if (sf) cJSON_AddItemToObject(o, "storefronts", sf);
    add_echo(o, c->echo, "performanceConfig");
    add_echo(o, c->echo, "catalogId");
    add_echo(o, c->echo, "discoveryId");
    if (c->status == CS_DRAFT) {
        cJSON_AddNumberToObject(o, "productCount", (double)c->n_selected);
        cJSON *prods = cJSON_AddArrayToObject(o, "products");
        for (size_t i = 0; i < c->n_selected; i++) {
            cJSON *p = cJSON_CreateObject();
            cJSON_AddStringToObject(p, "productId", c->selected[i]->id);
            cJSON_AddItemToArray(prods, p);
        }
    }
    cJSON_AddItemToObject(o, "audiences", c->audiences ? cJSON_Duplicate(c->audiences, 1) : cJSON_CreateArray());
    cJSON_AddItemToObject(o, "creativeFormats", render_creative_formats(c, fx));
    if (c->n_buys) {
        cJSON *refs = cJSON_AddArrayToObject(o, "mediaBuyRefs");
        cJSON *buys = cJSON_AddArrayToObject(o, "mediaBuys");
        for (size_t i = 0; i < c->n_buys; i++) {
            cJSON *r = cJSON_CreateObject();
            cJSON_AddStringToObject(r, "mediaBuyId", c->buys[i].id);
            cJSON_AddStringToObject(r, "status", buy_status_name(c->buys[i].status));
            cJSON_AddItemToArray(refs, r);
            cJSON_AddItemToArray(buys, render_buy(&c->buys[i], c));
        }
    }
    if (c->data_delivery) cJSON_AddItemToObject(o, "dataDelivery", cJSON_Duplicate(c->data_delivery, 1));
    cJSON_AddItemToObject(o, "frequencyCaps", render_caps(c));
    return o;
}

/* 1 when list l applies to the campaign: a list of its advertiser that
 * covers every product, or one of the campaign's products - the selection
 * while DRAFT, afterwards the products of its live packages (so a
 * product-scoped list of a running campaign always names a package). */
static int list_applies(const fx_property_list *l, const mock_campaign *c)
{
    if (l->advertiser != c->advertiser) return 0;
    if (l->n_products == 0) return 1;
    if (c->status == CS_DRAFT) {
        for (size_t i = 0; i < c->n_selected; i++)
            if (property_list_covers(l, c->selected[i])) return 1;
        return 0;
    }
    for (size_t i = 0; i < c->n_buys; i++)
        for (size_t j = 0; j < c->buys[i].n_pkgs; j++)
            if (package_is_live(&c->buys[i], &c->buys[i].pkgs[j]) &&
                property_list_covers(l, c->buys[i].pkgs[j].product))
                return 1;
    return 0;
}

static cJSON *render_property_list(const fx_property_list *l, const mock_campaign *c)
{
    cJSON *o = cJSON_CreateObject();
    if (!o) return NULL;
    cJSON_AddStringToObject(o, "listId", l->id);
    cJSON_AddStringToObject(o, "name", l->name);
    cJSON_AddStringToObject(o, "purpose", l->exclude ? "exclude" : "include");
    cJSON_AddNumberToObject(o, "propertyCount", (double)l->property_count);
    cJSON_AddStringToObject(o, "createdAt", l->created_at);
    cJSON_AddStringToObject(o, "updatedAt", l->updated_at);
    cJSON *via = cJSON_AddArrayToObject(o, "viaMediaBuys");
    for (size_t i = 0; via && i < c->n_buys; i++) {
        const mock_buy *b = &c->buys[i];
        cJSON *ids = NULL;
        for (size_t j = 0; j < b->n_pkgs; j++) {
            if (!package_is_live(b, &b->pkgs[j]) || !property_list_covers(l, b->pkgs[j].product)) continue;
            if (!ids) {
                cJSON *e = cJSON_CreateObject();
                cJSON_AddItemToArray(via, e);
                cJSON_AddStringToObject(e, "mediaBuyId", b->id);
                ids = cJSON_AddArrayToObject(e, "packageIds");
            }
            cJSON_AddItemToArray(ids, cJSON_CreateString(b->pkgs[j].id));
        }
    }
    return o;
}

cJSON *render_property_lists(const mock_campaign *c, const mock_fixtures *fx)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *lists = o ? cJSON_AddArrayToObject(o, "propertyLists") : NULL;
    if (!lists) { cJSON_Delete(o); return NULL; }
    size_t total = 0, include = 0, exclude = 0;
    for (size_t i = 0; i < fixtures_property_list_count(fx); i++) {
        const fx_property_list *l = fixtures_property_list(fx, i);
        if (!list_applies(l, c)) continue;
        cJSON_AddItemToArray(lists, render_property_list(l, c));
        total++;
        if (l->exclude) exclude++; else include++;
    }
    cJSON *sum = cJSON_AddObjectToObject(o, "summary");
    cJSON_AddNumberToObject(sum, "totalLists", (double)total);
    cJSON_AddNumberToObject(sum, "includeCount", (double)include);
    cJSON_AddNumberToObject(sum, "excludeCount", (double)exclude);
    return o;
}

cJSON *render_summary(const mock_campaign *c)
{
    cJSON *o = cJSON_CreateObject();
    if (!o) return NULL;
    add_identity(o, c);
    add_echo(o, c->echo, "flightDates");
    if (c->status == CS_DRAFT) cJSON_AddNumberToObject(o, "productCount", (double)c->n_selected);
    cJSON *b = cJSON_AddObjectToObject(o, "budget");
    cJSON_AddItemToObject(b, "total", mj_money(c->total));
    cJSON_AddStringToObject(b, "currency", c->currency);
    return o;
}
