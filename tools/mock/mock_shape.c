/* mock_shape.c - request values cut to their declared output members
 * (see mock_shape.h). */
#include "mock_shape.h"
#include "mock_json.h"

#include <string.h>

/* One declared member: its value is copied whole, or, when `members` is
 * set, cut to those members (an object), or, when `items` is set, each
 * item cut to those members (an array of objects). */
typedef struct shape {
    const char *key;
    const struct shape *members;
    const struct shape *items;
} shape;

/* Table entries: a member copied whole, one cut to an object's members,
 * one whose items are cut; END closes a table. */
#define M(k) { k, NULL, NULL }
#define OBJ(k, s) { k, s, NULL }
#define ITEMS(k, s) { k, NULL, s }
#define END { NULL, NULL, NULL }

static const shape flight_dates[] = { M("startDate"), M("endDate"), END };

static const shape pacing_period[] = { M("label"), M("start"), M("end"), M("weight"), M("budget"), END };
static const shape pacing_periods[] = { M("mode"), ITEMS("periods", pacing_period), END };

static const shape duration[] = { M("interval"), M("unit"), END };
static const shape attribution_window[] = { OBJ("postClick", duration), OBJ("postView", duration), END };
static const shape goal_target[] = { M("kind"), M("value"), END };
static const shape event_source[] = {
    M("eventSourceId"), M("eventType"), M("customEventName"), M("valueField"), M("valueFactor"), END
};
static const shape event_goal[] = {
    M("kind"), ITEMS("eventSources", event_source), OBJ("target", goal_target),
    OBJ("attributionWindow", attribution_window), M("priority"), END
};
static const shape metric_goal[] = {
    M("kind"), M("metric"), M("viewDurationSeconds"), OBJ("target", goal_target), M("priority"), END
};

static const shape delivery_config[] = { M("type"), M("bucket"), M("pathPrefix"), M("format"), END };
static const shape data_delivery_output[] = {
    M("dataDeliveryType"), M("cadence"), M("syncWeeklyDay"), M("enabled"), M("credentialName"),
    OBJ("deliveryConfig", delivery_config), END
};

static cJSON *cut(const cJSON *v, const shape *members);

/* v as member m declares it. */
static cJSON *cut_member(const cJSON *v, const shape *m)
{
    if (m->members && cJSON_IsObject(v)) return cut(v, m->members);
    if (m->items && cJSON_IsArray(v)) {
        cJSON *a = cJSON_CreateArray();
        const cJSON *e;
        cJSON_ArrayForEach(e, v) {
            cJSON *c = cJSON_IsObject(e) ? cut(e, m->items) : json_copy(e);
            if (!c || !cJSON_AddItemToArray(a, c)) { cJSON_Delete(c); cJSON_Delete(a); return NULL; }
        }
        return a;
    }
    return json_copy(v);
}

/* A new object with the declared members of object v. */
static cJSON *cut(const cJSON *v, const shape *members)
{
    cJSON *o = cJSON_CreateObject();
    for (const shape *m = members; o && m->key; m++) {
        const cJSON *mv = mj_get(v, m->key);
        if (!mv) continue;
        cJSON *c = cut_member(mv, m);
        if (!c || !cJSON_AddItemToObject(o, m->key, c)) { cJSON_Delete(c); cJSON_Delete(o); return NULL; }
    }
    return o;
}

/* A returned maximize_value target carries no value (the request may send
 * one: it is accepted and ignored). */
static void drop_maximize_value(cJSON *goal)
{
    cJSON *t = mj_child(goal, "target");
    const cJSON *k = mj_get(t, "kind");
    if (cJSON_IsString(k) && strcmp(k->valuestring, "maximize_value") == 0)
        cJSON_DeleteItemFromObjectCaseSensitive(t, "value");
}

static cJSON *shape_goal(const cJSON *g)
{
    const char *kind = mj_string(g, "kind");
    const shape *s = kind && strcmp(kind, "event") == 0 ? event_goal
                   : kind && strcmp(kind, "metric") == 0 ? metric_goal : NULL;
    if (!s) return json_copy(g);   /* not reachable: the request schema knows two kinds */
    cJSON *o = cut(g, s);
    if (o) drop_maximize_value(o);
    return o;
}

static cJSON *shape_performance_config(const cJSON *v)
{
    cJSON *o = cJSON_CreateObject();
    const cJSON *goals = mj_get(v, "optimizationGoals"), *g;
    if (!o || !goals) return o;
    cJSON *a = cJSON_IsArray(goals) ? cJSON_CreateArray() : json_copy(goals);
    if (!a || !cJSON_AddItemToObject(o, "optimizationGoals", a)) { cJSON_Delete(a); cJSON_Delete(o); return NULL; }
    if (!cJSON_IsArray(goals)) return o;
    cJSON_ArrayForEach(g, goals) {
        cJSON *c = cJSON_IsObject(g) ? shape_goal(g) : json_copy(g);
        if (!c || !cJSON_AddItemToArray(a, c)) { cJSON_Delete(c); cJSON_Delete(o); return NULL; }
    }
    return o;
}

cJSON *shape_pacing_periods(const cJSON *v)
{
    return !v ? NULL : cJSON_IsObject(v) ? cut(v, pacing_periods) : json_copy(v);
}

cJSON *shape_data_delivery_output(const cJSON *v)
{
    return !v ? NULL : cJSON_IsObject(v) ? cut(v, data_delivery_output) : json_copy(v);
}

cJSON *shape_echo(const char *key, const cJSON *v)
{
    if (!v) return NULL;
    if (!cJSON_IsObject(v)) return json_copy(v);
    if (strcmp(key, "flightDates") == 0) return cut(v, flight_dates);
    if (strcmp(key, "pacingPeriods") == 0) return cut(v, pacing_periods);
    if (strcmp(key, "performanceConfig") == 0) return shape_performance_config(v);
    return json_copy(v);
}
