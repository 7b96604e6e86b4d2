/* mock_model.c - campaign state: statuses, copies and derived numbers. */
#include "mock_model.h"
#include "mock_mutant.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const campaign_names[CS_COUNT] = {
    "DRAFT", "ACTIVE", "PAUSED", "COMPLETED", "ARCHIVED"
};

static const char *const buy_names[BS_COUNT] = {
    "DRAFT", "PENDING_APPROVAL", "INPUT_REQUIRED", "ACTIVE", "PAUSED",
    "COMPLETED", "CANCELED", "FAILED", "REJECTED", "ARCHIVED"
};

/* Index by enum buy_status; see buy_status_rank in the header. */
static const int buy_ranks[BS_COUNT] = {
    [BS_FAILED] = 9, [BS_REJECTED] = 8, [BS_INPUT_REQUIRED] = 7,
    [BS_PENDING_APPROVAL] = 6, [BS_DRAFT] = 5, [BS_PAUSED] = 4,
    [BS_ACTIVE] = 3, [BS_COMPLETED] = 2, [BS_CANCELED] = 1, [BS_ARCHIVED] = 0
};

const char *campaign_status_name(int s)
{
    return s >= 0 && s < CS_COUNT ? campaign_names[s] : "DRAFT";
}

int campaign_status_parse(const char *name)
{
    for (int i = 0; name && i < CS_COUNT; i++)
        if (strcmp(campaign_names[i], name) == 0) return i;
    return -1;
}

const char *buy_status_name(int s)
{
    return s >= 0 && s < BS_COUNT ? buy_names[s] : "DRAFT";
}

int buy_status_parse(const char *name)
{
    for (int i = 0; name && i < BS_COUNT; i++)
        if (strcmp(buy_names[i], name) == 0) return i;
    return -1;
}

int buy_status_is_live(int s)
{
    return s != BS_CANCELED && s != BS_ARCHIVED && s != BS_FAILED && s != BS_REJECTED;
}

int buy_status_rank(int s)
{
    return s >= 0 && s < BS_COUNT ? buy_ranks[s] : 0;
}

mock_campaign *campaign_new(void)
{
    return calloc(1, sizeof(mock_campaign));
}

void buy_free_members(mock_buy *b)
{
    free(b->name);
    free(b->products);
    free(b->pkgs);
    cJSON_Delete(b->goals);
    cJSON_Delete(b->pacing_periods);
    free(b->creatives);
    free(b->start_time);
    free(b->end_time);
}

void campaign_free(mock_campaign *c)
{
    if (!c) return;
    free(c->name);
    cJSON_Delete(c->echo);
    cJSON_Delete(c->audiences);
    cJSON_Delete(c->data_delivery);
    free(c->selected);
    for (size_t i = 0; i < c->n_buys; i++) buy_free_members(&c->buys[i]);
    free(c->buys);
    for (size_t i = 0; i < c->n_caps; i++) cJSON_Delete(c->caps[i].input);
    free(c->caps);
    free(c);
}

/* Copy of n elements of size sz (NULL for n == 0); *ok cleared on failure. */
static void *dup_array(const void *src, size_t n, size_t sz, int *ok)
{
    if (n == 0 || !src) return NULL;
    void *p = malloc(n * sz);
    if (!p) { *ok = 0; return NULL; }
    memcpy(p, src, n * sz);
    return p;
}

static char *dup_str(const char *s, int *ok)
{
    if (!s) return NULL;
    char *p = strdup(s);
    if (!p) *ok = 0;
    return p;
}

static cJSON *dup_json(const cJSON *v, int *ok)
{
    if (!v) return NULL;
    cJSON *p = cJSON_Duplicate(v, 1);   /* own nodes only: safe to duplicate */
    if (!p) *ok = 0;
    return p;
}

int buy_clone(mock_buy *dst, const mock_buy *src)
{
    int ok = 1;
    *dst = *src;
    dst->name = dup_str(src->name, &ok);
    dst->products = dup_array(src->products, src->n_products, sizeof *src->products, &ok);
    dst->pkgs = dup_array(src->pkgs, src->n_pkgs, sizeof *src->pkgs, &ok);
    dst->goals = dup_json(src->goals, &ok);
    dst->pacing_periods = dup_json(src->pacing_periods, &ok);
    dst->creatives = dup_array(src->creatives, src->n_creatives, sizeof *src->creatives, &ok);
    dst->start_time = dup_str(src->start_time, &ok);
    dst->end_time = dup_str(src->end_time, &ok);
    return ok;
}

mock_campaign *campaign_clone(const mock_campaign *c)
{
    mock_campaign *n = campaign_new();
    if (!n) return NULL;
    int ok = 1;
    *n = *c;
    n->name = NULL; n->echo = n->audiences = n->data_delivery = NULL;
    n->selected = NULL; n->buys = NULL; n->caps = NULL;
    n->n_buys = n->n_caps = 0;
    n->name = dup_str(c->name, &ok);
    n->echo = dup_json(c->echo, &ok);
    n->audiences = dup_json(c->audiences, &ok);
    n->data_delivery = dup_json(c->data_delivery, &ok);
    n->selected = dup_array(c->selected, c->n_selected, sizeof *c->selected, &ok);
    if (ok && c->n_buys) {
        n->buys = calloc(c->n_buys, sizeof *n->buys);
        if (!n->buys) ok = 0;
        for (size_t i = 0; ok && i < c->n_buys; i++) {
            ok = buy_clone(&n->buys[i], &c->buys[i]);
            n->n_buys = i + 1;   /* a half-copied buy is still freeable */
            for (size_t j = 0; n->buys[i].pkgs && j < n->buys[i].n_pkgs; j++)
                n->buys[i].pkgs[j].explicit_budget = 0;
        }
    }
    if (ok && c->n_caps) {
        n->caps = calloc(c->n_caps, sizeof *n->caps);
        if (!n->caps) ok = 0;
        for (size_t i = 0; ok && i < c->n_caps; i++) {
            n->caps[i] = c->caps[i];
            n->caps[i].input = dup_json(c->caps[i].input, &ok);
            n->n_caps = i + 1;
        }
    }
    if (!ok) { campaign_free(n); return NULL; }
    return n;
}

/* The chunk glibc's malloc uses for a request of n bytes (n > 0). */
static size_t heap_block(size_t n)
{
    size_t c = (n + 8 + 15) & ~(size_t)15;
    return c < 32 ? 32 : c;
}

static size_t text_footprint(const char *s)
{
    return s ? heap_block(strlen(s) + 1) : 0;
}

static size_t array_footprint(size_t n, size_t size)
{
    return n ? heap_block(n * size) : 0;
}

/* v and everything under it (not its siblings). */
static size_t json_footprint(const cJSON *v)
{
    if (!v) return 0;
    size_t n = heap_block(sizeof *v) + text_footprint(v->valuestring);
    if (v->string && !(v->type & cJSON_StringIsConst)) n += text_footprint(v->string);
    for (const cJSON *k = v->child; k; k = k->next) n += json_footprint(k);
    return n;
}

static size_t buy_footprint(const mock_buy *b)
{
    return text_footprint(b->name) + array_footprint(b->n_products, sizeof *b->products) +
           array_footprint(b->n_pkgs, sizeof *b->pkgs) + json_footprint(b->goals) +
           json_footprint(b->pacing_periods) + array_footprint(b->n_creatives, sizeof *b->creatives) +
           text_footprint(b->start_time) + text_footprint(b->end_time);
}

size_t campaign_footprint(const mock_campaign *c)
{
    size_t n = heap_block(sizeof *c) + text_footprint(c->name) + json_footprint(c->echo) +
               json_footprint(c->audiences) + json_footprint(c->data_delivery) +
               array_footprint(c->n_selected, sizeof *c->selected) +
               array_footprint(c->n_buys, sizeof *c->buys) + array_footprint(c->n_caps, sizeof *c->caps);
    for (size_t i = 0; i < c->n_buys; i++) n += buy_footprint(&c->buys[i]);
    for (size_t i = 0; i < c->n_caps; i++) n += json_footprint(c->caps[i].input);
    return n;
}

mock_cents campaign_fee(const mock_fixtures *fx, mock_cents total, size_t i)
{
    return money_percent(total, fixtures_fee(fx, i)->margin_bp);
}

mock_cents campaign_fees_total(const mock_fixtures *fx, mock_cents total)
{
    mock_cents sum = 0;
    for (size_t i = 0; i < fixtures_fee_count(fx); i++) sum += campaign_fee(fx, total, i);
    return sum;
}

mock_cents campaign_media_budget(const mock_fixtures *fx, mock_cents total)
{
    return total - campaign_fees_total(fx, total);
}

int package_is_live(const mock_buy *b, const mock_package *p)
{
    return buy_status_is_live(b->status) && buy_status_is_live(p->status);
}

mock_cents campaign_allocated(const mock_campaign *c)
{
    mock_cents sum = 0;
    for (size_t i = 0; i < c->n_buys; i++)
        for (size_t j = 0; j < c->buys[i].n_pkgs; j++)
            if (package_is_live(&c->buys[i], &c->buys[i].pkgs[j]) ||
                (mock_mutant("allocated_counts_canceled") && c->buys[i].pkgs[j].status == BS_CANCELED))
                sum += c->buys[i].pkgs[j].budget;
    return sum;
}

int campaign_surfaced_status(const mock_campaign *c)
{
    int best = -1;
    for (size_t i = 0; i < c->n_buys; i++)
        if (best < 0 || (mock_mutant("surfaced_least_restrictive")
                         ? buy_status_rank(c->buys[i].status) < buy_status_rank(best)
                         : buy_status_rank(c->buys[i].status) > buy_status_rank(best)))
            best = c->buys[i].status;
    return best;
}

int buy_is_seller_managed(const mock_buy *b)
{
    for (size_t i = 0; i < b->n_products; i++)
        if (b->products[i]->storefront && b->products[i]->storefront->seller_managed)
            return 1;
    return 0;
}

mock_buy *campaign_buy(mock_campaign *c, const char *id)
{
    for (size_t i = 0; id && i < c->n_buys; i++)
        if (strcmp(c->buys[i].id, id) == 0) return &c->buys[i];
    return NULL;
}

mock_package *buy_package(mock_buy *b, const char *id)
{
    for (size_t i = 0; id && i < b->n_pkgs; i++)
        if (strcmp(b->pkgs[i].id, id) == 0) return &b->pkgs[i];
    return NULL;
}

void mock_now(char out[MOCK_TIME_LEN])
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    char day[24];
    strftime(day, sizeof day, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out, MOCK_TIME_LEN, "%s.%03ldZ", day, ts.tv_nsec / 1000000L);
}
