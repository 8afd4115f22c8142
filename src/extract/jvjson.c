/* jvjson.c - value trees to and from jansson (see jvjson.h) */
#include "jvjson.h"

json_t *jv_to_json(const struct jv *v)
{
	json_t *j;
	unsigned i;

	if (!v)
		return NULL;
	switch (v->type) {
	case JV_OBJECT:
		j = json_object();
		for (i = 0; i < v->n; i++) {
			const struct jv_member *m = &v->u.c.members[i];
			/* keys and strings of a tree are valid UTF-8 (jv.h) */
			json_object_set_new_nocheck(j, m->key, jv_to_json(m->val));
		}
		return j;
	case JV_ARRAY:
		j = json_array();
		for (i = 0; i < v->n; i++)
			json_array_append_new(j, jv_to_json(v->u.c.items[i]));
		return j;
	case JV_STRING:
		return json_stringn_nocheck(v->u.str.s, v->u.str.len);
	case JV_INT:
		return json_integer((json_int_t)v->u.i);
	case JV_REAL:
		return json_real(v->u.r);
	case JV_TRUE:
		return json_true();
	case JV_FALSE:
		return json_false();
	case JV_NULL:
		return json_null();
	}
	return NULL;
}

struct jv *jv_from_json(struct arena *a, json_t *j)
{
	struct jv *v;
	const char *key;
	json_t *x;
	size_t i;

	if (!j)
		return NULL;
	switch (json_typeof(j)) {
	case JSON_OBJECT:
		v = jv_object(a);
		json_object_foreach(j, key, x) jv_set_copy(v, key, jv_from_json(a, x));
		return v;
	case JSON_ARRAY:
		v = jv_array(a);
		json_array_foreach(j, i, x) jv_append(v, jv_from_json(a, x));
		return v;
	case JSON_STRING:
		return jv_strn(a, json_string_value(j), json_string_length(j));
	case JSON_INTEGER:
		return jv_int(a, (long long)json_integer_value(j));
	case JSON_REAL:
		return jv_real(a, json_real_value(j));
	case JSON_TRUE:
		return jv_bool(1);
	case JSON_FALSE:
		return jv_bool(0);
	case JSON_NULL:
		return jv_null();
	}
	return NULL;
}
