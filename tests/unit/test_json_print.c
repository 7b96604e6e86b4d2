/* test_json_print.c - json_print and json_print_pretty write every number
 * so that it reads back as the same number.  cJSON alone keeps 15
 * significant digits whenever they read back within a relative
 * DBL_EPSILON, so 2^53 (one past the contract's int53 maximum) would be
 * written 9.00719925474099e+15 = 9007199254740990, an in-range value:
 * campaign-test would send a request other than its case says, and the
 * mock would echo another number than it stored. */
#include "campaign/json_parse.h"
#include "check.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static struct check T = { 0, 0, "json_print" };

static void test_print_exact(void)
{
    static const char *const texts[] = { "9007199254740992", "9007199254740991", "0.1", "53999.989",
                                         "1e300", "-9007199254740993", "123456789012345678" };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        double d = strtod(texts[i], NULL);
        cJSON *o = cJSON_CreateObject(), *a = cJSON_CreateArray();
        cJSON_AddNumberToObject(o, "n", d);
        cJSON_AddItemToArray(a, cJSON_CreateNumber(d));
        cJSON_AddItemToObject(o, "a", a);
        char *t = json_print(o);
        cJSON *back = t ? cJSON_Parse(t) : NULL;
        const cJSON *n = cJSON_GetObjectItem(back, "n");
        const cJSON *a0 = cJSON_GetArrayItem(cJSON_GetObjectItem(back, "a"), 0);
        CHECK_MSG(&T, n && n->valuedouble == d && a0 && a0->valuedouble == d, "%s printed as %s", texts[i],
                  t ? t : "(null)");
        free(t);
        t = json_print_pretty(o);
        cJSON_Delete(back);
        back = t ? cJSON_Parse(t) : NULL;
        n = cJSON_GetObjectItem(back, "n");
        CHECK_MSG(&T, n && n->valuedouble == d, "%s pretty-printed as %s", texts[i], t ? t : "(null)");
        free(t);
        cJSON_Delete(back);
        cJSON *lone = cJSON_CreateNumber(d);
        t = json_print(lone);
        CHECK_MSG(&T, t && strtod(t, NULL) == d, "%s alone printed as %s", texts[i], t ? t : "(null)");
        free(t);
        cJSON_Delete(lone);
        /* the tree printed is left as it was */
        CHECK(&T, cJSON_IsNumber(cJSON_GetObjectItem(o, "n")));
        cJSON_Delete(o);
    }
}

int main(void)
{
    test_print_exact();
    return check_done(&T);
}
