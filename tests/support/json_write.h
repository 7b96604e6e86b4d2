/* json_write.h - serialize a cJSON tree keeping parsed numbers' exact text
 * (cJSON_Print would round 18446744073709551615 through a double). */
#ifndef JSON_WRITE_H
#define JSON_WRITE_H
#include <cjson/cJSON.h>
/* New malloc'd compact JSON text, or NULL when out of memory. */
char *json_write(const cJSON *v);
#endif
