/* jvjson.h - a value tree (jv.h) as jansson values, for the consumers that keep jansson */
#ifndef EX_JVJSON_H
#define EX_JVJSON_H

#include <jansson.h>

#include "jv.h"

/* A new jansson copy of v, keys in the same order (NULL for v NULL). A value that sits in
 * several places of the tree is copied for each. */
json_t *jv_to_json(const struct jv *v);

/* The reverse, made in arena a: NULL when j is NULL. Keys are copied. */
struct jv *jv_from_json(struct arena *a, json_t *j);

#endif
