/* jv.c - the extractor's JSON value tree: constructors, containers, readers (see jv.h) */
#include "jv.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#define JV_FIRST_ITEMS 4    /* items of an array's first block */
#define JV_FIRST_MEMBERS 12 /* members of an object's first block: a task has 10 */

static struct jv jv_consts[3] = {{.type = JV_NULL}, {.type = JV_FALSE}, {.type = JV_TRUE}};

struct jv *jv_null(void)
{
	return &jv_consts[0];
}

struct jv *jv_bool(int b)
{
	return &jv_consts[b ? 2 : 1];
}

static struct jv *jv_new(struct arena *a, enum jv_type type)
{
	struct jv *v = arena_alloc(a, sizeof(*v));
	memset(v, 0, sizeof(*v));
	v->type = type;
	return v;
}

struct jv *jv_int(struct arena *a, long long i)
{
	struct jv *v = jv_new(a, JV_INT);
	v->u.i = i;
	return v;
}

struct jv *jv_real(struct arena *a, double r)
{
	if (!isfinite(r))
		return NULL;
	struct jv *v = jv_new(a, JV_REAL);
	v->u.r = r;
	return v;
}

static inline int byte_needs_escape(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\';
}

/* jv_utf8_valid, and *esc set when a byte needs an escape in JSON (esc may be NULL). */
static inline __attribute__((always_inline)) int utf8_scan(const char *s, size_t n, int *esc)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	uint64_t bad = 0; /* high bits where a byte needs an escape */
	while (i < n) {
		/* eight bytes at a time (the last ones padded with 'a'): ASCII ones are checked
		 * for escapes and skipped up to the first byte that is not */
		if (i + 8 > n) {
			/* the last bytes one at a time */
			if (u[i] < 0x80) {
				bad |= byte_needs_escape(u[i]);
				i++;
				continue;
			}
		} else {
			uint64_t x;
			memcpy(&x, u + i, 8);
			/* bytes >= 0x80 are never flagged: a word with some is checked whole too */
			bad |= jv_word_needs_escape(x);
			uint64_t high = x & 0x8080808080808080ull;
			if (!high) {
				i += 8;
				continue;
			}
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			i += (size_t)__builtin_ctzll(high) >> 3;
#else
			while (u[i] < 0x80)
				i++;
#endif
		}
		unsigned c = u[i];
		if (c >= 0xE1 && c <= 0xEF && c != 0xED) { /* most of Vietnamese: ạ ế ộ ... */
			if (n - i < 3 || (u[i + 1] & 0xC0) != 0x80 || (u[i + 2] & 0xC0) != 0x80)
				return 0;
			i += 3;
		} else if (c >= 0xC2 && c < 0xE0) { /* à ă đ ơ ư ... */
			if (n - i < 2 || (u[i + 1] & 0xC0) != 0x80)
				return 0;
			i += 2;
		} else if (c == 0xE0 || c == 0xED) {
			if (n - i < 3 || (u[i + 1] & 0xC0) != 0x80 || (u[i + 2] & 0xC0) != 0x80)
				return 0;
			if ((c == 0xE0 && u[i + 1] < 0xA0) || (c == 0xED && u[i + 1] >= 0xA0))
				return 0; /* overlong, or a surrogate */
			i += 3;
		} else if (c >= 0xF0 && c < 0xF5) {
			if (n - i < 4 || (u[i + 1] & 0xC0) != 0x80 || (u[i + 2] & 0xC0) != 0x80 ||
			    (u[i + 3] & 0xC0) != 0x80)
				return 0;
			if ((c == 0xF0 && u[i + 1] < 0x90) || (c == 0xF4 && u[i + 1] >= 0x90))
				return 0; /* overlong, or past U+10FFFF */
			i += 4;
		} else { /* a continuation byte, an overlong two-byte form, past U+10FFFF */
			return 0;
		}
	}
	if (esc)
		*esc = bad != 0;
	return 1;
}

int jv_utf8_valid(const char *s, size_t n)
{
	return utf8_scan(s, n, NULL);
}

/* 1 when a byte of s[0..n) needs an escape in JSON. */
static int needs_escape(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t bad = 0;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, u + i, 8);
		bad |= jv_word_needs_escape(x);
	}
	for (; i < n; i++)
		bad |= byte_needs_escape(u[i]);
	return bad != 0;
}

/* A string value holding a copy of s[0..n) (checked: esc says whether it needs an escape) */
static inline __attribute__((always_inline)) struct jv *str_copy(struct arena *a, const char *s, size_t n,
								 int esc)
{
	/* the value and its text in one allocation */
	struct jv *v = arena_alloc(a, sizeof(*v) + n + 1);
	char *t = (char *)(v + 1);
	memset(v, 0, sizeof(*v));
	v->type = JV_STRING;
	memcpy(t, s, n);
	t[n] = '\0';
	v->u.str.s = t;
	v->u.str.len = n;
	v->u.str.plain = !esc;
	return v;
}

struct jv *jv_strn_utf8(struct arena *a, const char *s, size_t n)
{
	return s ? str_copy(a, s, n, needs_escape(s, n)) : NULL;
}

/* jv_strn's body, inline in jv_str too */
static inline __attribute__((always_inline)) struct jv *strn(struct arena *a, const char *s, size_t n)
{
	int esc;
	if (!s || !utf8_scan(s, n, &esc))
		return NULL;
	return str_copy(a, s, n, esc);
}

struct jv *jv_strn(struct arena *a, const char *s, size_t n)
{
	return strn(a, s, n);
}

struct jv *jv_str(struct arena *a, const char *s)
{
	return s ? strn(a, s, strlen(s)) : NULL;
}

struct jv *jv_lit(struct arena *a, const char *s)
{
	struct jv *v = jv_new(a, JV_STRING);
	int esc = 1;
	v->u.str.s = s;
	v->u.str.len = strlen(s);
	utf8_scan(s, v->u.str.len, &esc);
	v->u.str.plain = !esc;
	return v;
}

struct jv *jv_array(struct arena *a)
{
	struct jv *v = jv_new(a, JV_ARRAY);
	v->u.c.a = a;
	return v;
}

struct jv *jv_object(struct arena *a)
{
	struct jv *v = jv_new(a, JV_OBJECT);
	v->u.c.a = a;
	return v;
}

/* Room for one more item or member: blocks double, the old one stays in the arena. */
static void *grow(struct jv *c, void *old, size_t size)
{
	unsigned cap = c->cap ? 2 * c->cap : c->type == JV_OBJECT ? JV_FIRST_MEMBERS : JV_FIRST_ITEMS;
	void *p = arena_alloc(c->u.c.a, (size_t)cap * size);
	if (c->n)
		memcpy(p, old, (size_t)c->n * size);
	c->cap = cap;
	return p;
}

int jv_append(struct jv *arr, struct jv *v)
{
	if (!arr || arr->type != JV_ARRAY || !v)
		return -1;
	if (arr->n == arr->cap)
		arr->u.c.items = grow(arr, arr->u.c.items, sizeof(*arr->u.c.items));
	arr->u.c.items[arr->n++] = v;
	return 0;
}

int jv_replace(struct jv *arr, size_t i, struct jv *v)
{
	if (!arr || arr->type != JV_ARRAY || !v || i >= arr->n)
		return -1;
	arr->u.c.items[i] = v;
	return 0;
}

void jv_clear(struct jv *arr)
{
	if (arr && arr->type == JV_ARRAY)
		arr->n = 0;
}

static inline struct jv_member *member(const struct jv *obj, const char *key, size_t klen)
{
	for (unsigned i = 0; i < obj->n; i++) {
		struct jv_member *m = &obj->u.c.members[i];
		if (m->klen == klen &&
		    (m->key == key || (m->key[0] == key[0] && memcmp(m->key, key, klen) == 0)))
			return m;
	}
	return NULL;
}

/* copy: the key is copied into the arena, and checked for bytes that need an escape (a
 * key given to jv_setn needs none) */
static inline int set(struct jv *obj, const char *key, size_t klen, struct jv *v, int copy)
{
	if (!obj || obj->type != JV_OBJECT || !v || !key || klen > UINT_MAX)
		return -1;
	uint64_t bit = jv_key_bit(key, klen);
	struct jv_member *m = obj->u.c.keys & bit ? member(obj, key, klen) : NULL;
	if (m) {
		m->val = v;
		return 0;
	}
	obj->u.c.keys |= bit;
	if (copy) {
		char *k = arena_alloc(obj->u.c.a, klen + 1);
		memcpy(k, key, klen + 1);
		key = k;
	}
	if (obj->n == obj->cap)
		obj->u.c.members = grow(obj, obj->u.c.members, sizeof(*obj->u.c.members));
	m = &obj->u.c.members[obj->n++];
	m->key = key;
	m->klen = (unsigned)klen;
	m->plain = 1;
	for (size_t i = 0; copy && i < klen && m->plain; i++)
		m->plain = !byte_needs_escape((unsigned char)key[i]);
	m->val = v;
	return 0;
}

int jv_setn_slow(struct jv *obj, const char *key, size_t klen, struct jv *v)
{
	return set(obj, key, klen, v, 0);
}

int jv_set_copy(struct jv *obj, const char *key, struct jv *v)
{
	return set(obj, key, key ? strlen(key) : 0, v, 1);
}

struct arena *jv_arena(const struct jv *c)
{
	return c && (c->type == JV_ARRAY || c->type == JV_OBJECT) ? c->u.c.a : NULL;
}

enum jv_type jv_typeof(const struct jv *v)
{
	return v ? v->type : JV_NULL;
}

int jv_is_object(const struct jv *v)
{
	return v && v->type == JV_OBJECT;
}

int jv_is_array(const struct jv *v)
{
	return v && v->type == JV_ARRAY;
}

int jv_is_string(const struct jv *v)
{
	return v && v->type == JV_STRING;
}

int jv_is_null(const struct jv *v)
{
	return v && v->type == JV_NULL;
}

int jv_is_true(const struct jv *v)
{
	return v && v->type == JV_TRUE;
}

struct jv *jv_get(const struct jv *obj, const char *key)
{
	if (!obj || obj->type != JV_OBJECT || !key)
		return NULL;
	size_t klen = strlen(key);
	struct jv_member *m = obj->u.c.keys & jv_key_bit(key, klen) ? member(obj, key, klen) : NULL;
	return m ? m->val : NULL;
}

size_t jv_strlen(const struct jv *v)
{
	return v && v->type == JV_STRING ? v->u.str.len : 0;
}

long long jv_integer(const struct jv *v)
{
	return v && v->type == JV_INT ? v->u.i : 0;
}

double jv_real_value(const struct jv *v)
{
	return v && v->type == JV_REAL ? v->u.r : 0.0;
}
