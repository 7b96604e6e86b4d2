/* merge_load.c - read a campaign-test summary.json back into results.
 *
 * The inverse of report_json.c for what a summary keeps: scenarios, their
 * steps, findings, notes and covers, and the run's facts.  Every string in
 * a summary was redacted when the run wrote it, so it is copied as is.
 * A member of the wrong type is refused rather than guessed at: a merged
 * report that silently dropped a failure would be worse than none. */
#include "merge.h"
#include "campaign/jsv.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define SUMMARY_MAX (256u * 1024 * 1024)

typedef struct src {
    const char *file;
    FILE *errs;
} src;

static int bad(const src *s, const char *where, const char *what)
{
    fprintf(s->errs, "campaign-test: %s: %s %s\n", s->file, where, what);
    return -1;
}

/* *out = copy of the string member k of o (NULL when absent or null when
 * nullable).  0 or -1 after a message. */
static int get_str(const src *s, const cJSON *o, const char *k, int nullable, char **out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    *out = NULL;
    if ((!v || cJSON_IsNull(v)) && nullable) return 0;
    if (!cJSON_IsString(v)) return bad(s, k, "is not a string");
    *out = strdup(v->valuestring);
    return *out ? 0 : bad(s, k, "could not be copied (out of memory)");
}

static double get_num(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

/* A string array member (absent = empty). */
static int get_strs(const src *s, const cJSON *o, const char *k, char ***out, size_t *n)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, k), *e;
    *out = NULL;
    *n = 0;
    if (!a) return 0;
    if (!cJSON_IsArray(a)) return bad(s, k, "is not an array");
    int len = cJSON_GetArraySize(a);
    if (!len) return 0;
    *out = calloc((size_t)len, sizeof **out);
    if (!*out) return bad(s, k, "could not be copied (out of memory)");
    cJSON_ArrayForEach(e, a) {
        if (!cJSON_IsString(e)) return bad(s, k, "holds an item that is not a string");
        if (!((*out)[*n] = strdup(e->valuestring))) return bad(s, k, "could not be copied (out of memory)");
        (*n)++;
    }
    return 0;
}

static int get_outcome(const src *s, const cJSON *o, ct_outcome *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "result");
    for (int i = CT_PASS; i <= CT_NOTRUN; i++)
        if (cJSON_IsString(v) && strcmp(v->valuestring, ct_outcome_name((ct_outcome)i)) == 0) {
            *out = (ct_outcome)i;
            return 0;
        }
    return bad(s, "result", "is not one of passed, failed, error, skipped, not run");
}

static int load_step(const src *s, const cJSON *o, ct_step_result *st)
{
    if (!cJSON_IsObject(o)) return bad(s, "a step", "is not an object");
    const cJSON *hs = cJSON_GetObjectItemCaseSensitive(o, "httpStatus");
    st->http_status = cJSON_IsNumber(hs) ? (long)hs->valuedouble : 0;
    st->seconds = get_num(o, "seconds");
    st->undecided = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "undecided"));
    if (get_str(s, o, "name", 0, &st->name) || get_outcome(s, o, &st->outcome) ||
        get_str(s, o, "message", 1, &st->message) || get_strs(s, o, "covers", &st->covers, &st->ncovers) ||
        get_strs(s, o, "findings", &st->details, &st->ndetails) || get_strs(s, o, "notes", &st->notes, &st->nnotes))
        return -1;
    return 0;
}

static int load_scenario(const src *s, const cJSON *o, ct_scenario_result *r)
{
    if (!cJSON_IsObject(o)) return bad(s, "a scenario", "is not an object");
    r->seconds = get_num(o, "seconds");
    if (get_str(s, o, "file", 0, &r->file) || get_str(s, o, "name", 0, &r->name) ||
        get_strs(s, o, "tags", &r->tags, &r->ntags) || get_strs(s, o, "covers", &r->covers, &r->ncovers) ||
        get_outcome(s, o, &r->outcome) || get_str(s, o, "message", 1, &r->message))
        return -1;
    const cJSON *steps = cJSON_GetObjectItemCaseSensitive(o, "steps"), *e;
    if (!cJSON_IsArray(steps)) return bad(s, "steps of a scenario", "is not an array");
    int n = cJSON_GetArraySize(steps);
    if (n && !(r->steps = calloc((size_t)n, sizeof *r->steps))) return bad(s, "steps", "out of memory");
    cJSON_ArrayForEach(e, steps) {
        int rc = load_step(s, e, &r->steps[r->nsteps]);
        r->nsteps++;   /* counted even when half-filled, so it is freed */
        if (rc) return -1;
    }
    return 0;
}

/* Add url to *list ("a, b") unless it is already one of its items. */
static int add_url(char **list, const char *url)
{
    if (!url) return 0;
    if (*list) {
        size_t n = strlen(url);
        for (const char *p = *list; (p = strstr(p, url)); p += n)
            if ((p == *list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ',')) return 0;
    }
    size_t len = (*list ? strlen(*list) + 2 : 0) + strlen(url) + 1;
    char *s = malloc(len);
    if (!s) return -1;
    snprintf(s, len, "%s%s%s", *list ? *list : "", *list ? ", " : "", url);
    free(*list);
    *list = s;
    return 0;
}

/* "2026-05-01T12:00:00Z" as written by ct_iso_time; 0 when not that. */
static time_t parse_time(const char *t)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (!t || sscanf(t, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                     &tm.tm_min, &tm.tm_sec) != 6)
        return 0;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return timegm(&tm);
}

/* The run-level facts of one summary, folded into run. */
static int load_run_facts(const src *s, const cJSON *root, ct_run_result *run)
{
    char *base = NULL, *ref = NULL, *started = NULL;
    int rc = (get_str(s, root, "baseUrl", 1, &base) || get_str(s, root, "referenceUrl", 1, &ref) ||
             get_str(s, root, "startedAt", 1, &started)) ? -1 : 0;
    if (!rc && (add_url(&run->base_url, base) || add_url(&run->reference_url, ref)))
        rc = bad(s, "baseUrl", "could not be copied (out of memory)");
    time_t t = parse_time(started);
    if (t && (!run->started || t < run->started)) run->started = t;
    run->seconds += get_num(root, "seconds");
    run->interrupted |= cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "interrupted"));
    run->stopped |= cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "stoppedEarly"));
    free(base);
    free(ref);
    free(started);
    return rc;
}

static int load_root(const src *s, const cJSON *root, ct_run_result *run)
{
    const cJSON *tool = cJSON_GetObjectItemCaseSensitive(root, "tool");
    if (!cJSON_IsObject(root) || !cJSON_IsString(tool) || strcmp(tool->valuestring, "campaign-test") != 0)
        return bad(s, "is", "not a campaign-test summary (no \"tool\": \"campaign-test\")");
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "scenarios"), *e;
    if (!cJSON_IsArray(arr)) return bad(s, "scenarios", "is not an array");
    if (load_run_facts(s, root, run) != 0) return -1;
    size_t add = (size_t)cJSON_GetArraySize(arr);
    ct_scenario_result *grown = realloc(run->scen, (run->nscen + add + 1) * sizeof *grown);
    if (!grown) return bad(s, "scenarios", "out of memory");
    run->scen = grown;
    cJSON_ArrayForEach(e, arr) {
        ct_scenario_result *r = &run->scen[run->nscen];
        memset(r, 0, sizeof *r);
        int rc = load_scenario(s, e, r);
        run->nscen++;  /* freed with the run even when half-filled */
        if (rc) return -1;
    }
    return 0;
}

int ct_merge_load(ct_run_result *run, const char *path, FILE *errs)
{
    struct stat st;
    char *file = NULL;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        size_t len = strlen(path) + sizeof "/summary.json";
        if ((file = malloc(len))) snprintf(file, len, "%s/summary.json", path);
    } else {
        file = strdup(path);
    }
    if (!file) { fprintf(errs, "campaign-test: out of memory\n"); return -1; }
    src s = { file, errs };
    size_t len;
    char *text = jsv_read_regular_file(file, SUMMARY_MAX, &len);
    int rc = -1;
    if (!text) {
        fprintf(errs, "campaign-test: %s: cannot read: %s\n", file, strerror(errno));
    } else {
        cJSON *root = cJSON_ParseWithLength(text, len);
        rc = root ? load_root(&s, root, run) : bad(&s, "is", "not JSON");
        cJSON_Delete(root);
    }
    free(text);
    free(file);
    return rc;
}

static int by_file(const void *a, const void *b)
{
    return strcmp(((const ct_scenario_result *)a)->file, ((const ct_scenario_result *)b)->file);
}

int ct_merge_sort(ct_run_result *run, FILE *errs)
{
    if (run->nscen) qsort(run->scen, run->nscen, sizeof *run->scen, by_file);
    for (size_t i = 1; i < run->nscen; i++)
        if (strcmp(run->scen[i - 1].file, run->scen[i].file) == 0) {
            fprintf(errs, "campaign-test: %s is in more than one summary (a shard merged twice, or runs that "
                          "overlap)\n", run->scen[i].file);
            return -1;
        }
    return 0;
}
