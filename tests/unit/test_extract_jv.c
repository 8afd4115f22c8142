/* test_extract_jv.c - the extractor's JSON values (extract/jv.h) and their writer
 * (extract/jvwrite.h) against jansson: UTF-8 check, escaping, nesting, empty containers,
 * literals, integers, reals, compact and indented text, keys in order, the buffer's limit */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract/jv.h"
#include "extract/jvjson.h"
#include "extract/jvwrite.h"
#include "util/arena.h"
#include "util/buf.h"

#include "randtext.h"


/* A random string from pieces: Vietnamese letters (2 and 3 bytes), ASCII, characters to
 * escape, control bytes, broken UTF-8. */
static size_t random_text(char *out, size_t cap)
{
	static const char *const pieces[] = {
	    " ",
	    "\t",
	    "a",
	    "Thành",
	    "ủy",
	    "đ",
	    "Ư",
	    "công tác ",
	    "12/2025",
	    "\n",
	    "\r",
	    "\x01",
	    "\x1f",
	    "\x7f",
	    "\"",
	    "\\",
	    "/",
	    "\xe1\xba",
	    "\xc3",
	    "\x80",
	    "abcdefghij",
	    "nhiệm vụ",
	    "\xef\xbb\xbf",
	    "\xed\xa0\x80",
	    "\xf0\x9f\x98\x80",
	    "\xf4\x90\x80\x80",
	    "\xc0\xaf",
	};
	return fill(out, cap, next_rand() % 60, pieces, sizeof(pieces) / sizeof(pieces[0]), NULL, 0);
}

/* v written compact and indented is what jansson writes for j. */
static void assert_same_text(const struct jv *v, json_t *j)
{
	static const size_t flags[2] = {JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY,
					JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY};
	for (int k = 0; k < 2; k++) {
		struct buf b = BUF_INIT;
		assert_int_equal(k ? jv_write_pretty(v, &b) : jv_write_compact(v, &b), 0);
		char *want = json_dumps(j, flags[k]);
		assert_non_null(want);
		assert_string_equal(buf_str(&b), want);
		free(want);
		buf_release(&b);
	}
	/* and the jansson copy is the same value */
	json_t *copy = jv_to_json(v);
	assert_true(json_equal(copy, j));
	json_decref(copy);
}

static void test_utf8_valid_matches_jansson(void **state)
{
	(void)state;
	unsigned char s[4];
	size_t checked = 0;
	struct arena a;
	arena_init(&a, 0);
	/* every 1- and 2-byte string, every 3-byte string whose first byte leads a sequence,
	 * and 4-byte strings around the edges of the valid range */
	for (unsigned x = 0; x < 256; x++) {
		s[0] = (unsigned char)x;
		for (unsigned y = 0; y < 256; y++) {
			s[1] = (unsigned char)y;
			for (size_t n = 1; n <= 2; n++) {
				json_t *j = json_stringn((const char *)s, n);
				assert_int_equal(jv_utf8_valid((const char *)s, n), j != NULL);
				assert_int_equal(jv_strn(&a, (const char *)s, n) != NULL, j != NULL);
				json_decref(j);
				checked++;
			}
			if (x < 0xE0 || x > 0xF4)
				continue;
			for (unsigned z = 0x70; z < 0xD0; z++) {
				s[2] = (unsigned char)z;
				json_t *j = json_stringn((const char *)s, 3);
				assert_int_equal(jv_utf8_valid((const char *)s, 3), j != NULL);
				json_decref(j);
				s[3] = 0x80;
				j = json_stringn((const char *)s, 4);
				assert_int_equal(jv_utf8_valid((const char *)s, 4), j != NULL);
				json_decref(j);
				checked += 2;
			}
		}
		arena_reset(&a);
	}
	assert_true(checked > 100000);
	/* long strings: the eight-byte ASCII path, then a bad byte late */
	char longs[64];
	memset(longs, 'a', sizeof(longs));
	assert_true(jv_utf8_valid(longs, sizeof(longs)));
	longs[50] = (char)0xFF;
	assert_false(jv_utf8_valid(longs, sizeof(longs)));
	/* random texts, whole and cut anywhere */
	char r[256];
	for (int t = 0; t < 20000; t++) {
		size_t n = random_text(r, sizeof(r));
		size_t cut = n ? next_rand() % (n + 1) : 0;
		for (size_t k = 0; k < 2; k++) {
			size_t len = k ? cut : n;
			json_t *jr = json_stringn(r, len);
			assert_int_equal(jv_utf8_valid(r, len), jr != NULL);
			json_decref(jr);
		}
	}
	/* jv_str / jv_strn: NULL exactly when jansson says so */
	assert_null(jv_str(&a, NULL));
	assert_null(jv_strn(&a, "\xc3", 1));
	struct jv *v = jv_str(&a, "Ủy ban");
	assert_non_null(v);
	assert_string_equal(jv_string(v), "Ủy ban");
	assert_int_equal(jv_strlen(v), strlen("Ủy ban"));
	arena_release(&a);
}

static void test_tree(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 64); /* small: containers grow across chunks */
	struct jv *o = jv_object(&a), *arr = jv_array(&a);
	/* keys stay in the order first set; setting again replaces in place */
	assert_int_equal(jv_set(o, "b", jv_int(&a, 1)), 0);
	assert_int_equal(jv_set(o, "a", jv_null()), 0);
	assert_int_equal(jv_set(o, "b", jv_lit(&a, "again")), 0);
	char key[8] = "dyn";
	assert_int_equal(jv_set_copy(o, key, jv_bool(1)), 0);
	key[0] = 'X'; /* the copy is the tree's own */
	assert_string_equal(jv_string(jv_get(o, "b")), "again");
	assert_true(jv_is_true(jv_get(o, "dyn")));
	assert_true(jv_is_null(jv_get(o, "a")));
	assert_null(jv_get(o, "missing"));
	assert_false(jv_is_null(jv_get(o, "missing"))); /* missing is not null */
	/* NULL values and wrong types are refused, as jansson refuses them */
	assert_int_equal(jv_set(o, "c", NULL), -1);
	assert_null(jv_get(o, "c"));
	assert_int_equal(jv_set(arr, "c", jv_null()), -1);
	assert_int_equal(jv_append(o, jv_null()), -1);
	assert_int_equal(jv_append(arr, NULL), -1);
	assert_int_equal(jv_append(NULL, jv_null()), -1);
	assert_null(jv_get(NULL, "a"));
	assert_null(jv_get(arr, "a"));
	assert_int_equal(jv_size(o), 0);
	assert_null(jv_string(jv_int(&a, 5)));
	assert_int_equal(jv_integer(jv_lit(&a, "5")), 0);
	assert_int_equal(jv_typeof(NULL), JV_NULL);
	assert_null(jv_arena(jv_int(&a, 1)));
	assert_ptr_equal(jv_arena(arr), &a);
	/* arrays: grow past their first block, index, replace, clear */
	for (int i = 0; i < 100; i++)
		assert_int_equal(jv_append(arr, jv_int(&a, i)), 0);
	assert_int_equal(jv_size(arr), 100);
	assert_int_equal(jv_integer(jv_at(arr, 99)), 99);
	assert_null(jv_at(arr, 100));
	assert_int_equal(jv_replace(arr, 5, jv_lit(&a, "five")), 0);
	assert_int_equal(jv_replace(arr, 100, jv_null()), -1);
	assert_int_equal(jv_replace(arr, 4, NULL), -1);
	assert_string_equal(jv_string(jv_at(arr, 5)), "five");
	size_t i, sum = 0;
	struct jv *x;
	jv_array_foreach(arr, i, x) sum += (size_t)jv_integer(x);
	assert_int_equal(sum, 99 * 100 / 2 - 5);
	/* objects grow past their first block too */
	struct jv *big = jv_object(&a);
	for (int k = 0; k < 40; k++) {
		char name[8];
		snprintf(name, sizeof(name), "k%d", k);
		assert_int_equal(jv_set_copy(big, name, jv_int(&a, k)), 0);
	}
	assert_int_equal(jv_integer(jv_get(big, "k39")), 39);
	assert_int_equal(jv_integer(jv_get(big, "k0")), 0);
	/* a value in two places */
	struct jv *shared = jv_str(&a, "chung");
	jv_set(o, "s1", shared);
	jv_set(o, "s2", shared);
	jv_clear(arr);
	assert_int_equal(jv_size(arr), 0);
	jv_set(o, "arr", arr);
	json_t *want = json_loads("{\"b\": \"again\", \"a\": null, \"dyn\": true, \"s1\": \"chung\","
				  " \"s2\": \"chung\", \"arr\": []}",
				  0, NULL);
	assert_non_null(want);
	assert_same_text(o, want);
	json_decref(want);
	/* reals that are not finite are refused, as json_real refuses them */
	assert_null(jv_real(&a, 1.0 / 0.0));
	assert_null(jv_real(&a, 0.0 / 0.0));
	arena_release(&a);
}

/* Keys set and set again in random order, many sharing a bit of the object's key set (one
 * or two letters of "ab", so length, first and last byte repeat): every set replaces or
 * appends exactly as jansson's json_object_set does, and jv_get finds every key. */
static void test_keys_replace(void **state)
{
	(void)state;
	static const char *const keys[] = {"a", "b", "aa", "ab", "ba", "bb", "aab", "abb", "bab", "aaa", "aba", "bbb", ""};
	const size_t nkeys = sizeof(keys) / sizeof(keys[0]);
	for (int round = 0; round < 50; round++) {
		struct arena a;
		arena_init(&a, 256);
		struct jv *o = jv_object(&a);
		json_t *j = json_object();
		int nsets = 1 + (int)(next_rand() % 60);
		for (int i = 0; i < nsets; i++) {
			const char *k = keys[next_rand() % nkeys];
			int val = (int)(next_rand() % 1000);
			if (next_rand() % 2) {
				assert_int_equal(jv_setn(o, k, strlen(k), jv_int(&a, val)), 0);
			} else {
				char copy[8];
				snprintf(copy, sizeof(copy), "%s", k); /* another pointer, same key */
				assert_int_equal(jv_set_copy(o, copy, jv_int(&a, val)), 0);
			}
			assert_int_equal(json_object_set_new(j, k, json_integer(val)), 0);
		}
		for (size_t k = 0; k < nkeys; k++) {
			json_t *want = json_object_get(j, keys[k]);
			struct jv *got = jv_get(o, keys[k]);
			if (!want) {
				assert_null(got);
			} else {
				assert_non_null(got);
				assert_int_equal(jv_integer(got), json_integer_value(want));
			}
		}
		assert_same_text(o, j);
		json_decref(j);
		arena_release(&a);
	}
}

/* A random value, made both ways. */
static void random_value(struct arena *a, int depth, struct jv **v, json_t **j)
{
	char s[256];
	unsigned kind = next_rand() % (depth > 3 ? 6 : 8);
	switch (kind) {
	case 0: {
		size_t n = random_text(s, sizeof(s));
		*j = json_stringn(s, n);
		*v = jv_strn(a, s, n);
		if (*j)
			return;
		/* broken UTF-8 is not a JSON string: both said so */
		assert_null(*v);
	}
		/* fall through */
	case 1: {
		long long i = (long long)next_rand() - 8000000;
		*v = jv_int(a, i);
		*j = json_integer(i);
		return;
	}
	case 2: {
		static const double reals[] = {0.5,	  87.3,	  100.0,  -0.25, 1e20,		1e-5,
					       1.0 / 3.0, -1e300, 5e-324, 0.0,	 123456789.125, 2.5e15};
		double r = reals[next_rand() % (sizeof(reals) / sizeof(reals[0]))];
		*v = jv_real(a, r);
		*j = json_real(r);
		return;
	}
	case 3:
		*v = jv_bool(1);
		*j = json_true();
		return;
	case 4:
		*v = jv_bool(0);
		*j = json_false();
		return;
	case 5:
		*v = jv_null();
		*j = json_null();
		return;
	case 6: {
		size_t n = next_rand() % 5;
		*v = jv_array(a);
		*j = json_array();
		for (size_t k = 0; k < n; k++) {
			struct jv *cv;
			json_t *cj;
			random_value(a, depth + 1, &cv, &cj);
			jv_append(*v, cv);
			json_array_append_new(*j, cj);
		}
		return;
	}
	default: {
		size_t n = next_rand() % 5;
		*v = jv_object(a);
		*j = json_object();
		for (size_t k = 0; k < n; k++) {
			struct jv *cv;
			json_t *cj;
			char key[64];
			size_t kn = random_text(key, 16);
			if (!jv_utf8_valid(key, kn) || strlen(key) != kn)
				snprintf(key, sizeof(key), "k%zu", k);
			random_value(a, depth + 1, &cv, &cj);
			jv_set_copy(*v, key, cv);
			json_object_set_new(*j, key, cj);
		}
		return;
	}
	}
}

static void test_write_matches_jansson(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	for (int t = 0; t < 3000; t++) {
		struct jv *v;
		json_t *j;
		random_value(&a, 0, &v, &j);
		assert_same_text(v, j);
		/* and back: a tree made from jansson's value writes the same */
		struct jv *back = jv_from_json(&a, j);
		assert_same_text(back, j);
		json_decref(j);
		arena_reset(&a);
	}
	/* nesting, empty containers at every level, the indented form's spacing */
	struct jv *o = jv_object(&a), *inner = jv_object(&a), *arr = jv_array(&a);
	jv_set(inner, "empty_object", jv_object(&a));
	jv_set(inner, "empty_array", jv_array(&a));
	jv_append(arr, jv_object(&a));
	jv_append(arr, jv_array(&a));
	jv_append(arr, inner);
	jv_set(o, "list", arr);
	jv_set(o, "n", jv_int(&a, -42));
	json_t *j =
	    json_loads("{\"list\": [{}, [], {\"empty_object\": {}, \"empty_array\": []}], \"n\": -42}",
		       JSON_DECODE_ANY, NULL);
	assert_non_null(j);
	assert_same_text(o, j);
	json_decref(j);
	/* a top-level empty object and array */
	j = json_object();
	assert_same_text(jv_object(&a), j);
	json_decref(j);
	j = json_array();
	assert_same_text(jv_array(&a), j);
	json_decref(j);
	arena_release(&a);
}

static void test_escapes(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	/* one byte to escape at every place of strings of 1 to 24 bytes (the word-at-a-time
	 * checks and their tails), in values and in keys; non-ASCII bytes are kept as they are */
	static const char *const esc[] = {"\"", "\\", "\n", "\x01", "\x1f", "\b", "\f",
					  "\r", "\t", "x",  "/",    "\x7f", "é",  "ệ"};
	for (size_t n = 1; n <= 24; n++)
		for (size_t at = 0; at < n; at++)
			for (size_t e = 0; e < sizeof(esc) / sizeof(esc[0]); e++) {
				char t[40];
				size_t el = strlen(esc[e]), len = n - 1 + el;
				memset(t, 'a', len);
				memcpy(t + at, esc[e], el);
				t[len] = '\0';
				struct jv *v = jv_strn(&a, t, len);
				json_t *j = json_stringn(t, len);
				assert_non_null(v);
				assert_same_text(v, j);
				struct jv *o = jv_object(&a);
				json_t *jo = json_object();
				jv_set_copy(o, t, jv_lit(&a, t));
				json_object_set_new(jo, t, json_incref(j));
				assert_same_text(o, jo);
				json_decref(jo);
				json_decref(j);
			}
	/* literals with something to escape */
	struct jv *lit = jv_lit(&a, "say \"hi\"\n");
	json_t *jl = json_string("say \"hi\"\n");
	assert_same_text(lit, jl);
	json_decref(jl);
	arena_release(&a);
}

static void test_numbers(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	static const long long ints[] = {0, 1, -1, 9, 10, -10, 2021, INT64_MAX, INT64_MIN};
	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		json_t *j = json_integer(ints[i]);
		assert_same_text(jv_int(&a, ints[i]), j);
		json_decref(j);
	}
	/* reals: "%.17g", ".0" added to whole numbers, exponents without '+' or leading zeros */
	static const double reals[] = {0.0,
				       -0.0,
				       1.0,
				       -1.0,
				       0.1,
				       87.3,
				       52.3,
				       100.0,
				       1e16,
				       1e17,
				       1e20,
				       1e100,
				       1e-5,
				       1.5e-10,
				       -2.5e-300,
				       5e-324,
				       1e308,
				       0.1 + 0.2,
				       123456789012345678.0,
				       3.14159};
	for (size_t i = 0; i < sizeof(reals) / sizeof(reals[0]); i++) {
		json_t *j = json_real(reals[i]);
		assert_same_text(jv_real(&a, reals[i]), j);
		assert_true(jv_real_value(jv_real(&a, reals[i])) == reals[i]);
		json_decref(j);
	}
	arena_release(&a);
}

static void test_limit(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct jv *o = jv_object(&a);
	jv_set(o, "text", jv_lit(&a, "longer than eight"));
	static const char *const want[2] = {"{\"text\":\"longer than eight\"}",
					    "{\n  \"text\": \"longer than eight\"\n}"};
	for (int pretty = 0; pretty < 2; pretty++) {
		/* the buffer's limit is kept: an error, never more than the limit; an exact fit
		 * is enough */
		size_t len = strlen(want[pretty]);
		for (size_t max = 1; max <= len; max++) {
			struct buf capped;
			buf_init(&capped, max);
			int rc = pretty ? jv_write_pretty(o, &capped) : jv_write_compact(o, &capped);
			assert_int_equal(rc, max < len ? -1 : 0);
			assert_true(capped.len <= max);
			if (max == len)
				assert_string_equal(buf_str(&capped), want[pretty]);
			buf_release(&capped);
		}
	}
	/* a string with escapes that fits exactly (the writer's worst-case guess would not) */
	struct jv *esc = jv_lit(&a, "a\"b\n");
	struct buf exact;
	buf_init(&exact, strlen("\"a\\\"b\\n\""));
	assert_int_equal(jv_write_compact(esc, &exact), 0);
	assert_string_equal(buf_str(&exact), "\"a\\\"b\\n\"");
	buf_release(&exact);
	/* a NUL byte inside a string: \u0000 */
	struct jv *nul = jv_strn(&a, "a\0b", 3);
	buf_init(&exact, strlen("\"a\\u0000b\""));
	assert_int_equal(jv_write_compact(nul, &exact), 0);
	assert_string_equal(buf_str(&exact), "\"a\\u0000b\"");
	buf_release(&exact);
	struct buf b = BUF_INIT;
	assert_int_equal(jv_write_compact(NULL, &b), -1);
	buf_release(&b);
	arena_release(&a);
}

/* One arena for document after document, reset in between (as `dondoc extract` does). */
static void test_arena_reuse(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 1024);
	for (int doc = 0; doc < 50; doc++) {
		struct jv *o = jv_object(&a);
		for (int i = 0; i < 200; i++) {
			char key[16];
			snprintf(key, sizeof(key), "k%d", i);
			jv_set_copy(o, key, jv_int(&a, doc * 1000 + i));
		}
		assert_int_equal(jv_integer(jv_get(o, "k199")), doc * 1000 + 199);
		arena_reset(&a);
	}
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_utf8_valid_matches_jansson),
	    cmocka_unit_test(test_tree),
	    cmocka_unit_test(test_keys_replace),
	    cmocka_unit_test(test_write_matches_jansson),
	    cmocka_unit_test(test_escapes),
	    cmocka_unit_test(test_numbers),
	    cmocka_unit_test(test_limit),
	    cmocka_unit_test(test_arena_reuse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
