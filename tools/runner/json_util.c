/* json_util.c - compare, type names, text; pointer lookup by the library. */
#include "json_util.h"
#include "campaign/json_pointer.h"
#include "campaign/json_value.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int ct_json_type(const cJSON *v)
{
    return v ? (v->type & 0xFF) : cJSON_Invalid;
}

int ct_json_equal(const cJSON *a, const cJSON *b)
{
    return a && b && jv_equal(a, b);
}

/* The library's lookup (json_pointer.h) for a C string that may be NULL. */
const cJSON *ct_pointer_get(const cJSON *root, const char *p)
{
    return root && p ? jp_get(root, p, strlen(p)) : NULL;
}

char *ct_json_text(const cJSON *v)
{
    /* numbers as the body wrote them (cJSON's printer would round
     * 9007199254740993 to a double's digits); U+0000 as \u0000 */
    strbuf b = {0};
    jv_write(&b, v, (size_t)-1);
    return sb_take(&b);
}

const char *ct_json_type_name(const cJSON *v)
{
    switch (ct_json_type(v)) {
    case cJSON_False: case cJSON_True: return "boolean";
    case cJSON_NULL: return "null";
    case cJSON_Number:
        return (isfinite(v->valuedouble) && v->valuedouble == floor(v->valuedouble)) ? "integer" : "number";
    case cJSON_String: return "string";
    case cJSON_Array: return "array";
    case cJSON_Object: return "object";
    default: return "invalid";
    }
}

size_t ct_utf8_length(const char *s)
{
    return jv_utf8_length(s, strlen(s));
}
