/* mock_render.c - campaign state to response JSON (see mock_render.h). */
#include "mock_render.h"
#include "mock_mutant.h"
#include "mock_json.h"

#include <stdio.h>
#include <string.h>

/* Every builder below adds with mj_add* and keeps ok: a tree missing a
 * member for lack of memory is dropped whole (NULL), never returned. */
static cJSON *whole(cJSON *o, int ok)
{
    if (ok && o) return o;
    cJSON_Delete(o);
    return NULL;
}

/* Add a copy of echo[key] to obj when present and not null; 0 when out
 * of memory. */
static int add_echo(cJSON *obj, const cJSON *echo, const char *key)
{
    const cJSON *v = mj_get(echo, key);
    return v && !cJSON_IsNull(v) ? mj_add(obj, key, cJSON_Duplicate(v, 1)) : 1;
}

static cJSON *render_budget(const mock_campaign *c)
{
    cJSON *b = cJSON_CreateObject();
    int ok = mj_add(b, "total", mj_money(c->total));
    ok &= mj_add_str(b, "currency", c->currency);
    if (c->has_daily_cap) ok &= mj_add_num(b, "dailyCap", c->daily_cap);
    if (c->budget_pacing) ok &= mj_add_str(b, "pacing", c->budget_pacing);
    return whole(b, ok);
}

static cJSON *render_fees(const mock_campaign *c, const mock_fixtures *fx)
{
    cJSON *fees = cJSON_CreateArray();
    int ok = 1;
    for (size_t i = 0; i < fixtures_fee_count(fx); i++) {
        const fx_fee *f = fixtures_fee(fx, i);
        cJSON *o = cJSON_CreateObject();
        ok &= mj_add_str(o, "label", f->label);
        ok &= mj_add(o, "amount", mj_money(campaign_fee(fx, c->total, i)));
        ok &= mj_add_str(o, "currency", c->currency);
        ok &= mj_add_str(o, "pricingType", "MARGIN");
        ok &= mj_add_num(o, "marginPercent", (double)f->margin_bp / 100.0);
        ok &= mj_add(fees, NULL, o);
    }
    return whole(fees, ok);
}

/* storefronts (when the campaign has storefrontIds) into o; 0 when out of
 * memory. */
static int add_storefronts(cJSON *o_campaign, const mock_campaign *c, const mock_fixtures *fx)
{
    const cJSON *ids = mj_get(c->echo, "storefrontIds"), *e;
    if (!cJSON_IsArray(ids)) return 1;
    cJSON *out = mj_add_arr(o_campaign, "storefronts");
    int ok = out != NULL;
    cJSON_ArrayForEach(e, ids) {
        const fx_storefront *s = cJSON_IsNumber(e) ? fixtures_storefront(fx, (int64_t)e->valuedouble) : NULL;
        if (!s) continue;
        cJSON *o = cJSON_CreateObject();
        ok &= mj_add_num(o, "id", (double)s->id);
        ok &= mj_add_str(o, "platformId", s->platform_id);
        ok &= mj_add_str(o, "name", s->name);
        ok &= mj_add(out, NULL, o);
    }
    return ok;
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
    int ok = mj_add_str(o, "agent_url", f->agent_url);
    ok &= mj_add_str(o, "id", f->id);
    return whole(o, ok);
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
    cJSON *required = mj_add_arr(o, "required");
    cJSON *covered = mj_add_arr(o, "covered");
    cJSON *missing = mj_add_arr(o, "missing");
    int ok = required && covered && missing;
    for (size_t i = 0; i < n; i++) {
        ok &= mj_add(required, NULL, format_ref(req[i]));
        ok &= mj_add(format_has_creative(fx, req[i]) ? covered : missing, NULL, format_ref(req[i]));
    }
    return whole(o, ok);
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
    int ok = mj_add_str(o, "packageId", p->id);
    ok &= mj_add_str(o, "status", buy_status_name(p->status));
    ok &= mj_add(o, "budget", mj_money(p->budget));
    ok &= mj_add_str(o, "budgetCurrency", currency);
    ok &= mj_add_str(o, "pacing", p->pacing);
    if (p->has_bid) ok &= mj_add_num(o, "bidPrice", p->bid);
    cJSON *ids = mj_add_arr(o, "productIds");
    ok &= mj_add(ids, NULL, cJSON_CreateString(p->product->id));
    cJSON *d = mj_add_obj(o, "delivery");
    ok &= mj_add_num(d, "impressions", 0);
    ok &= mj_add_num(d, "spend", 0);
    ok &= mj_add_num(d, "clicks", 0);
    return whole(o, ok);
}

static cJSON *render_buy(const mock_buy *b, const mock_campaign *c)
{
    cJSON *o = cJSON_CreateObject();
    int ok = mj_add_str(o, "mediaBuyId", b->id);
    ok &= mj_add_str(o, "name", b->name ? b->name : "");
    ok &= mj_add_str(o, "status", buy_status_name(b->status));
    if (b->start_time) ok &= mj_add_str(o, "startTime", b->start_time);
    if (b->end_time) ok &= mj_add_str(o, "endTime", b->end_time);
    cJSON *prods = mj_add_arr(o, "products");
    ok &= prods != NULL;
    for (size_t i = 0; i < b->n_products; i++) {
        const fx_product *p = b->products[i];
        mock_cents sum = 0;
        for (size_t j = 0; j < b->n_pkgs; j++)
            if (b->pkgs[j].product == p && package_is_live(b, &b->pkgs[j])) sum += b->pkgs[j].budget;
        cJSON *po = cJSON_CreateObject();
        ok &= mj_add_str(po, "productId", p->id);
        if (p->name) ok &= mj_add_str(po, "productName", p->name);
        if (p->publisher) ok &= mj_add_str(po, "publisherName", p->publisher);
        ok &= mj_add_str(po, "salesAgentName", p->agent->name);
        ok &= mj_add(po, "budget", mj_money(sum));
        ok &= mj_add_str(po, "budgetCurrency", c->currency);
        ok &= mj_add(prods, NULL, po);
    }
    if (b->pacing_periods) ok &= mj_add(o, "pacingPeriods", cJSON_Duplicate(b->pacing_periods, 1));
    cJSON *pkgs = mj_add_arr(o, "packages");
    ok &= pkgs != NULL;
    for (size_t j = 0; j < b->n_pkgs; j++)
        ok &= mj_add(pkgs, NULL, render_package(&b->pkgs[j], c->currency));
    if (b->goals) ok &= mj_add(o, "optimizationGoals", cJSON_Duplicate(b->goals, 1));
    ok &= mj_add_str(o, "createdAt", b->created_at);
    ok &= mj_add_str(o, "updatedAt", b->updated_at);
    return whole(o, ok);
}

static cJSON *render_caps(const mock_campaign *c)
{
    cJSON *caps = cJSON_CreateArray();
    int ok = 1;
    for (size_t i = 0; i < c->n_caps; i++) {
        const mock_cap *cap = &c->caps[i];
        cJSON *o = cJSON_Duplicate(cap->input, 1);
        ok &= mj_add_str(o, "id", cap->id);
        ok &= mj_add_str(o, "targetLevel", "CAMPAIGN");
        ok &= mj_add_str(o, "targetId", c->id);
        ok &= mj_add_str(o, "createdAt", cap->created_at);
        ok &= mj_add_str(o, "updatedAt", cap->updated_at);
        ok &= mj_add_null(o, "archivedAt");
        ok &= mj_add(caps, NULL, o);
    }
    return whole(caps, ok);
}

/* The members a campaign and its list summary share; 0 when out of
 * memory. */
static int add_identity(cJSON *o, const mock_campaign *c)
{
    char adv[32];
    snprintf(adv, sizeof adv, "%lld", (long long)c->advertiser->id);
    int ok = mj_add_str(o, "campaignId", c->id);
    ok &= mj_add_str(o, "advertiserId", adv);
    ok &= mj_add_str(o, "name", c->name);
    ok &= mj_add_str(o, "status", campaign_status_name(c->status));
    ok &= mj_add_str(o, "campaignType", c->type);
    ok &= mj_add_str(o, "createdAt", c->created_at);
    ok &= mj_add_str(o, "updatedAt", c->updated_at);
    return ok;
}

cJSON *render_campaign(const mock_campaign *c, const mock_fixtures *fx)
{
    cJSON *o = cJSON_CreateObject();
    if (!o) return NULL;
    mock_cents media = campaign_media_budget(fx, c->total);
    mock_cents alloc = campaign_allocated(c);

    int ok = add_identity(o, c);
    ok &= mj_add_str(o, "optimizationApplyMode", c->apply_mode);
    ok &= add_echo(o, c->echo, "brief");
    ok &= add_echo(o, c->echo, "flightDates");
    ok &= mj_add(o, "budget", render_budget(c));
    cJSON *mb = mj_add_obj(o, "mediaBudget");
    ok &= mj_add(mb, "total", mj_money(media));
    ok &= mj_add_str(mb, "currency", c->currency);
    ok &= mj_add(o, "fees", render_fees(c, fx));
    ok &= mj_add(o, "allocatedBudget", mj_money(alloc));
    ok &= mj_add(o, "unallocatedBudget", mj_money(media - alloc));
    ok &= add_echo(o, c->echo, "pacingPeriods");
    ok &= add_echo(o, c->echo, "constraints");
    ok &= add_storefronts(o, c, fx);
    ok &= add_echo(o, c->echo, "performanceConfig");
    ok &= add_echo(o, c->echo, "catalogId");
    ok &= add_echo(o, c->echo, "discoveryId");
    if (c->status == CS_DRAFT) {
        ok &= mj_add_num(o, "productCount", (double)c->n_selected);
        cJSON *prods = mj_add_arr(o, "products");
        ok &= prods != NULL;
        for (size_t i = 0; i < c->n_selected; i++) {
            cJSON *p = cJSON_CreateObject();
            ok &= mj_add_str(p, "productId", c->selected[i]->id);
            ok &= mj_add(prods, NULL, p);
        }
    }
    ok &= mj_add(o, "audiences", c->audiences ? cJSON_Duplicate(c->audiences, 1) : cJSON_CreateArray());
    ok &= mj_add(o, "creativeFormats", render_creative_formats(c, fx));
    if (c->n_buys) {
        cJSON *refs = mj_add_arr(o, "mediaBuyRefs");
        cJSON *buys = mj_add_arr(o, "mediaBuys");
        ok &= refs && buys;
        for (size_t i = 0; i < c->n_buys; i++) {
            if (mock_mutant("mediabuyrefs_skip_canceled") && c->buys[i].status == BS_CANCELED) {
                ok &= mj_add(buys, NULL, render_buy(&c->buys[i], c));
                continue;
            }
            cJSON *r = cJSON_CreateObject();
            ok &= mj_add_str(r, "mediaBuyId", c->buys[i].id);
            ok &= mj_add_str(r, "status", buy_status_name(c->buys[i].status));
            ok &= mj_add(refs, NULL, r);
            ok &= mj_add(buys, NULL, render_buy(&c->buys[i], c));
        }
    }
    if (c->data_delivery) ok &= mj_add(o, "dataDelivery", cJSON_Duplicate(c->data_delivery, 1));
    ok &= mj_add(o, "frequencyCaps", render_caps(c));
    return whole(o, ok);
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
    int ok = mj_add_str(o, "listId", l->id);
    ok &= mj_add_str(o, "name", l->name);
    ok &= mj_add_str(o, "purpose", l->exclude ? "exclude" : "include");
    ok &= mj_add_num(o, "propertyCount", (double)l->property_count);
    ok &= mj_add_str(o, "createdAt", l->created_at);
    ok &= mj_add_str(o, "updatedAt", l->updated_at);
    cJSON *via = mj_add_arr(o, "viaMediaBuys");
    ok &= via != NULL;
    for (size_t i = 0; via && i < c->n_buys; i++) {
        const mock_buy *b = &c->buys[i];
        cJSON *ids = NULL;
        for (size_t j = 0; j < b->n_pkgs; j++) {
            if (!package_is_live(b, &b->pkgs[j]) || !property_list_covers(l, b->pkgs[j].product)) continue;
            if (!ids) {
                cJSON *e = cJSON_CreateObject();
                ok &= mj_add(via, NULL, e);
                ok &= mj_add_str(e, "mediaBuyId", b->id);
                ids = mj_add_arr(e, "packageIds");
            }
            ok &= mj_add(ids, NULL, cJSON_CreateString(b->pkgs[j].id));
        }
    }
    return whole(o, ok);
}

cJSON *render_property_lists(const mock_campaign *c, const mock_fixtures *fx)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *lists = o ? mj_add_arr(o, "propertyLists") : NULL;
    if (!lists) { cJSON_Delete(o); return NULL; }
    size_t total = 0, include = 0, exclude = 0;
    int ok = 1;
    for (size_t i = 0; i < fixtures_property_list_count(fx); i++) {
        const fx_property_list *l = fixtures_property_list(fx, i);
        if (!list_applies(l, c)) continue;
        ok &= mj_add(lists, NULL, render_property_list(l, c));
        total++;
        if (l->exclude) exclude++; else include++;
    }
    cJSON *sum = mj_add_obj(o, "summary");
    ok &= mj_add_num(sum, "totalLists", (double)total);
    ok &= mj_add_num(sum, "includeCount", (double)include);
    ok &= mj_add_num(sum, "excludeCount", (double)exclude);
    return whole(o, ok);
}

cJSON *render_summary(const mock_campaign *c)
{
    cJSON *o = cJSON_CreateObject();
    if (!o) return NULL;
    int ok = add_identity(o, c);
    ok &= add_echo(o, c->echo, "flightDates");
    if (c->status == CS_DRAFT || (mock_mutant("list_product_count_after_execute") && c->n_selected))
        ok &= mj_add_num(o, "productCount", (double)c->n_selected);
    cJSON *b = mj_add_obj(o, "budget");
    ok &= mj_add(b, "total", mj_money(c->total));
    ok &= mj_add_str(b, "currency", c->currency);
    return whole(o, ok);
}
