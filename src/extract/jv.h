/* jv.h - the extractor's JSON values: a small tree in an arena, keys in the order added */
#ifndef EX_JV_H
#define EX_JV_H

#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"

/* A tree is made in one arena and freed with it (arena_reset / arena_release): values are
 * never freed one by one, and one value may sit in several containers. The functions below
 * treat NULL like jansson does: a constructor that fails returns NULL, adding NULL to a
 * container does nothing (returns -1), reading from NULL or from the wrong type gives NULL,
 * 0 or "". Objects keep their keys in the order they were first set; setting a key again
 * replaces the value in place. Key and member look-ups are linear: objects are small. */

enum jv_type { JV_NULL, JV_FALSE, JV_TRUE, JV_INT, JV_REAL, JV_STRING, JV_ARRAY, JV_OBJECT };

struct jv_member {
	const char *key;
	unsigned klen;
	unsigned plain; /* 1: the key needs no escape in JSON */
	struct jv *val;
};

/* The fields are read by the writer (jvwrite.h) and the jansson copy (jvjson.h); everyone
 * else goes through the functions. */
struct jv {
	enum jv_type type;
	unsigned n, cap; /* array items or object members: used, allocated */
	union {
		long long i;
		double r;
		struct {
			const char *s; /* NUL-terminated, valid UTF-8 */
			size_t len;
			int plain; /* 1: no byte needs an escape in JSON ('"', '\\', < 0x20) */
		} str;
		struct {
			struct arena *a; /* where the items grow */
			union {
				struct jv **items;	    /* an array's */
				struct jv_member *members; /* an object's */
			};
			/* an object's keys as bits (jv.c key_bit): a key whose bit is clear is
			 * new, so setting it needs no search */
			uint64_t keys;
		} c;
	} u;
};

/* null, true and false are shared constants (never changed). */
struct jv *jv_null(void);
struct jv *jv_bool(int b);
struct jv *jv_int(struct arena *a, long long v);
/* NULL when v is not finite (as json_real). */
struct jv *jv_real(struct arena *a, double v);
/* A copy of s[0..n) in the arena; NULL when s is NULL or not valid UTF-8 (jv_utf8_valid). */
struct jv *jv_strn(struct arena *a, const char *s, size_t n);
struct jv *jv_str(struct arena *a, const char *s);
/* jv_strn for text the caller knows to be valid UTF-8 (jv_utf8_valid would say 1): only
 * the check for bytes JSON escapes is made. */
struct jv *jv_strn_utf8(struct arena *a, const char *s, size_t n);
/* A string literal (valid UTF-8 text that outlives the tree), referenced, not copied. */
struct jv *jv_lit(struct arena *a, const char *s);
/* The initializer of a string value in static storage, shared by every tree (values are
 * never changed): s a string literal of valid UTF-8 with no byte JSON escapes. */
#define JV_CONST_STR(lit)                                                                                    \
	{                                                                                                    \
		.type = JV_STRING, .u.str = {.s = (lit), .len = sizeof(lit) - 1, .plain = 1 }                \
	}
/* Empty containers. */
struct jv *jv_array(struct arena *a);
struct jv *jv_object(struct arena *a);

/* Append v to array arr; -1 (nothing done) when arr is not an array or v is NULL. */
int jv_append(struct jv *arr, struct jv *v);
/* Replace item i of arr (i < size); -1 when there is no such item or v is NULL. */
int jv_replace(struct jv *arr, size_t i, struct jv *v);
/* Drop every item of arr. */
void jv_clear(struct jv *arr);
/* Set key[0..klen) of obj to v; key is referenced: a literal or other text that outlives
 * the tree, with nothing to escape in JSON (no '"', '\\', control characters): the writer
 * copies it as it is. -1 (nothing done) when obj is not an object or v is NULL. */
int jv_setn_slow(struct jv *obj, const char *key, size_t klen, struct jv *v);
/* The bit of a key in an object's key set (jv.c): its length and first and last bytes. */
static inline uint64_t jv_key_bit(const char *key, size_t klen)
{
	unsigned a = (unsigned char)key[0], z = klen ? (unsigned char)key[klen - 1] : 0;
	return (uint64_t)1 << ((a * 7u + z * 31u + (unsigned)klen) & 63u);
}
/* (inline: a new key with room for it, the usual case, costs a few instructions, and the
 * bit of a literal key is known when compiling) */
static inline int jv_setn(struct jv *obj, const char *key, size_t klen, struct jv *v)
{
	if (obj && v && key && obj->type == JV_OBJECT && obj->n < obj->cap && klen <= 0xFFFFFFFFu) {
		uint64_t bit = jv_key_bit(key, klen);
		if (!(obj->u.c.keys & bit)) {
			struct jv_member *m = &obj->u.c.members[obj->n++];
			obj->u.c.keys |= bit;
			m->key = key;
			m->klen = (unsigned)klen;
			m->plain = 1;
			m->val = v;
			return 0;
		}
	}
	return jv_setn_slow(obj, key, klen, v);
}
/* (the length of a literal key is known when compiling) */
#define jv_set(obj, key, v) jv_setn((obj), (key), __builtin_strlen(key), (v))
/* jv_set with any key (valid UTF-8 expected), copied into the tree's arena. */
int jv_set_copy(struct jv *obj, const char *key, struct jv *v);

/* Each item v of array arr in turn, i its index (like json_array_foreach). */
#define jv_array_foreach(arr, i, v) for ((i) = 0; (i) < jv_size(arr) && ((v) = jv_at((arr), (i))); (i)++)

/* Readers. */
struct arena *jv_arena(const struct jv *c); /* a container's arena, NULL for anything else */
enum jv_type jv_typeof(const struct jv *v); /* JV_NULL for NULL too */
int jv_is_object(const struct jv *v);
int jv_is_array(const struct jv *v);
int jv_is_string(const struct jv *v);
int jv_is_null(const struct jv *v); /* a null value; 0 for NULL (a missing one) */
int jv_is_true(const struct jv *v);
/* The value of key, or NULL (no such key, or obj not an object). */
struct jv *jv_get(const struct jv *obj, const char *key);
/* Items of an array (0 for anything else), and item i (NULL past the end). (These two and
 * jv_string are inline: loops over arrays call them for every item.) */
static inline size_t jv_size(const struct jv *arr)
{
	return arr && arr->type == JV_ARRAY ? arr->n : 0;
}

static inline struct jv *jv_at(const struct jv *arr, size_t i)
{
	return arr && arr->type == JV_ARRAY && i < arr->n ? arr->u.c.items[i] : NULL;
}

/* The text of a string value, NULL for anything else; its length (0 for anything else). */
static inline const char *jv_string(const struct jv *v)
{
	return v && v->type == JV_STRING ? v->u.str.s : NULL;
}
size_t jv_strlen(const struct jv *v);
long long jv_integer(const struct jv *v); /* 0 for anything but an integer */
double jv_real_value(const struct jv *v); /* 0 for anything but a real */

/* 1 when s[0..n) is valid UTF-8 as jansson understands it (RFC 3629: no overlong forms, no
 * surrogates, nothing past U+10FFFF). */
int jv_utf8_valid(const char *s, size_t n);

/* 8 bytes at a time: non-zero when one of them needs an escape in JSON (< 0x20, '"', '\\'). */
static inline uint64_t jv_word_needs_escape(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	uint64_t quote = x ^ (ones * '"'), bslash = x ^ (ones * '\\');
	uint64_t ctl = (x - ones * 0x20) & ~x;	/* high bit where a byte < 0x20 */
	uint64_t q = (quote - ones) & ~quote;	/* high bit where a byte was '"' */
	uint64_t b = (bslash - ones) & ~bslash; /* high bit where a byte was '\\' */
	return (ctl | q | b) & highs;
}

#endif
