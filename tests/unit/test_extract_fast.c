/* test_extract_fast.c - the extractor's fast paths against the plain ways they replace:
 * compact JSON writer vs json_dumps, UTF-8 check vs jansson, fold composition vs folding
 * the whole text, white-space cleaning vs a byte-by-byte reference, ex_copy vs snprintf,
 * and the per-document jansson arena */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract/jalloc.h"
#include "extract/jsonl.h"
#include "extract/jval.h"
#include "extract/text.h"
#include "extract/when.h"

static uint32_t rng = 12345;

static uint32_t next_rand(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

/* A random string from pieces that exercise the paths: spaces, tabs, markup, Vietnamese
 * letters (2 and 3 bytes), ASCII words, control bytes, broken UTF-8. */
static size_t random_text(char *out, size_t cap)
{
	static const char *const pieces[] = {
	    " ",
	    "  ",
	    "\t",
	    "*",
	    "**",
	    "_",
	    "__",
	    "a",
	    "Thành",
	    "ủy",
	    "đ",
	    "Ư",
	    "công tác ",
	    "xyz",
	    "12/2025",
	    "\n",
	    "\r",
	    "\x01",
	    "\"",
	    "\\",
	    "\xe1\xba",
	    "\xc3",
	    "\x80",
	    "-",
	    "abcdefghij",
	    "nhiệm vụ",
	    "\xef\xbb\xbf",
	    "\xed\xa0\x80",
	    "\xf0\x9f\x98\x80",
	};
	size_t n = 0, want = next_rand() % 60;
	while (n < want) {
		const char *p = pieces[next_rand() % (sizeof(pieces) / sizeof(pieces[0]))];
		size_t k = strlen(p);
		if (n + k >= cap)
			break;
		memcpy(out + n, p, k);
		n += k;
	}
	out[n] = '\0';
	return n;
}

/* The cleaning rule written the obvious way: runs of white space and "**" / "__" between
 * words become one space, none at the ends. */
static void clean_reference(const char *s, size_t n, struct buf *out)
{
	int space = 0, any = 0;
	for (size_t i = 0; i < n;) {
		char c = s[i];
		if ((c == '*' || c == '_') && i + 1 < n && s[i + 1] == c) {
			space = 1;
			i += 2;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
			space = 1;
			i++;
			continue;
		}
		if (space && any)
			buf_addch(out, ' ');
		space = 0;
		any = 1;
		buf_addch(out, c);
		i++;
	}
}

static void test_add_clean(void **state)
{
	(void)state;
	char s[256];
	for (int t = 0; t < 20000; t++) {
		size_t n = random_text(s, sizeof(s));
		struct buf got = BUF_INIT, want = BUF_INIT;
		buf_addstr(&got, "pre"); /* appends after what is there */
		buf_addstr(&want, "pre");
		assert_int_equal(ex_add_clean(&got, s, n), 0);
		clean_reference(s, n, &want);
		assert_int_equal(got.len, want.len);
		assert_memory_equal(got.ptr, want.ptr, got.len + 1);
		buf_release(&got);
		buf_release(&want);
	}
	/* a long line of words and single spaces takes the eight-byte path */
	struct buf b = BUF_INIT;
	const char *line = "  công tác   chuẩn bị **năm học** mới_x  ";
	assert_int_equal(ex_add_clean(&b, line, strlen(line)), 0);
	assert_string_equal(buf_str(&b), "công tác chuẩn bị năm học mới_x");
	buf_release(&b);
	/* over the limit: nothing added */
	struct buf capped;
	buf_init(&capped, 4);
	assert_int_equal(ex_add_clean(&capped, "abcdef", 6), -1);
	assert_int_equal(capped.len, 0);
	buf_release(&capped);
}

static void assert_fold_equal(const struct ex_fold *a, const struct ex_fold *b)
{
	assert_int_equal(a->flen, b->flen);
	assert_memory_equal(a->fold, b->fold, a->flen + 1);
	assert_memory_equal(a->map, b->map, (a->flen + 1) * sizeof(uint32_t));
}

static void test_fold_compose(void **state)
{
	(void)state;
	char a[256], b[256], joined[600];
	for (int t = 0; t < 20000; t++) {
		size_t na = random_text(a, sizeof(a)), nb = random_text(b, sizeof(b));
		/* start a inside, at a character boundary (as a list label would end) */
		size_t from = na ? next_rand() % (na + 1) : 0;
		while (from < na && ((unsigned char)a[from] & 0xC0) == 0x80)
			from++;
		size_t n = (na - from) + 1 + nb;
		memcpy(joined, a + from, na - from);
		joined[na - from] = ' ';
		memcpy(joined + na - from + 1, b, nb);
		struct ex_fold fa, fb, whole, parts;
		ex_fold_init(&fa, a, na);
		ex_fold_init(&fb, b, nb);
		ex_fold_init(&whole, joined, n);
		ex_fold_reserve(&parts, n);
		ex_fold_append(&parts, &fa, from, 0);
		ex_fold_append_space(&parts, na - from);
		ex_fold_append(&parts, &fb, 0, na - from + 1);
		ex_fold_finish(&parts, n);
		/* a broken sequence at the end of a piece folds alike whole or in parts only when
		 * the byte after it cannot continue it: a space cannot */
		assert_fold_equal(&parts, &whole);
		ex_fold_release(&fa);
		ex_fold_release(&fb);
		ex_fold_release(&whole);
		ex_fold_release(&parts);
	}
	struct ex_fold f;
	ex_fold_init(&f, "Đảng ủy", strlen("Đảng ủy"));
	assert_string_equal(f.fold, "dang uy");
	assert_int_equal(f.map[5], 8); /* "u" of "ủy" starts at byte 8 */
	assert_int_equal(f.map[f.flen], strlen("Đảng ủy"));
	ex_fold_release(&f);
}

static void test_utf8_valid_matches_jansson(void **state)
{
	(void)state;
	unsigned char s[4];
	size_t checked = 0;
	/* every 1- and 2-byte string, every 3-byte string whose first byte leads a sequence,
	 * and 4-byte strings around the edges of the valid range */
	for (unsigned x = 0; x < 256; x++) {
		s[0] = (unsigned char)x;
		for (unsigned y = 0; y < 256; y++) {
			s[1] = (unsigned char)y;
			for (size_t n = 1; n <= 2; n++) {
				json_t *j = json_stringn((const char *)s, n);
				assert_int_equal(ex_utf8_valid((const char *)s, n), j != NULL);
				json_decref(j);
				checked++;
			}
			if (x < 0xE0 || x > 0xF4)
				continue;
			for (unsigned z = 0x70; z < 0xD0; z++) {
				s[2] = (unsigned char)z;
				json_t *j = json_stringn((const char *)s, 3);
				assert_int_equal(ex_utf8_valid((const char *)s, 3), j != NULL);
				json_decref(j);
				s[3] = 0x80;
				j = json_stringn((const char *)s, 4);
				assert_int_equal(ex_utf8_valid((const char *)s, 4), j != NULL);
				json_decref(j);
				checked += 2;
			}
		}
	}
	assert_true(checked > 100000);
	/* long strings: the eight-byte ASCII path, then a bad byte late */
	char longs[64];
	memset(longs, 'a', sizeof(longs));
	assert_true(ex_utf8_valid(longs, sizeof(longs)));
	longs[50] = (char)0xFF;
	assert_false(ex_utf8_valid(longs, sizeof(longs)));
	/* ex_jstr / ex_jstrn: NULL exactly when jansson says so */
	assert_null(ex_jstr(NULL));
	assert_null(ex_jstrn("\xc3", 1));
	json_t *j = ex_jstr("Ủy ban");
	assert_non_null(j);
	assert_string_equal(json_string_value(j), "Ủy ban");
	json_decref(j);
}

/* Compact JSON of v from ex_json_compact equals jansson's. */
static void assert_same_json(json_t *v)
{
	struct buf b = BUF_INIT;
	assert_int_equal(ex_json_compact(v, &b), 0);
	char *want = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
	assert_non_null(want);
	assert_string_equal(buf_str(&b), want);
	free(want);
	buf_release(&b);
}

static void test_jsonl_matches_jansson(void **state)
{
	(void)state;
	char s[256];
	for (int t = 0; t < 3000; t++) {
		json_t *o = json_object(), *arr = json_array();
		for (int k = 0; k < 4; k++) {
			size_t n = random_text(s, sizeof(s));
			json_t *str = json_stringn(s, n);
			if (str) /* broken UTF-8 is not a JSON string */
				json_array_append_new(arr, str);
		}
		json_array_append_new(arr, json_integer((json_int_t)next_rand() - 8000000));
		json_array_append_new(arr, json_true());
		json_array_append_new(arr, json_false());
		json_array_append_new(arr, json_null());
		json_object_set_new(o, "z", json_integer(0));
		json_object_set_new(o, "a\"b\\c\n", arr);
		json_object_set_new(o, "empty", json_object());
		json_object_set_new(o, "none", json_array());
		assert_same_json(o);
		json_decref(o);
	}
	json_t *big = json_pack("[I,I,s]", (json_int_t)INT64_MIN, (json_int_t)INT64_MAX, "\x1f\x7f\t");
	assert_same_json(big);
	json_decref(big);
	/* a real is left to jansson */
	json_t *r = json_real(0.5);
	struct buf b = BUF_INIT;
	assert_int_equal(ex_json_compact(r, &b), -1);
	buf_release(&b);
	json_decref(r);
	/* the buffer's limit is kept */
	struct buf capped;
	buf_init(&capped, 8);
	json_t *s2 = json_string("longer than eight");
	assert_int_equal(ex_json_compact(s2, &capped), -1);
	assert_true(capped.len <= 8);
	buf_release(&capped);
	json_decref(s2);
}

static void test_jalloc_scope(void **state)
{
	(void)state;
	json_t *before = json_string("made with malloc");
	for (int doc = 0; doc < 50; doc++) {
		ex_jalloc_begin();
		json_t *o = json_object();
		for (int i = 0; i < 200; i++) {
			char key[16];
			snprintf(key, sizeof(key), "k%d", i);
			json_object_set_new(o, key, json_integer(doc * 1000 + i));
		}
		assert_int_equal(json_integer_value(json_object_get(o, "k199")), doc * 1000 + 199);
		if (doc == 10) {
			json_decref(before); /* freed inside a scope: goes back to free() */
			before = NULL;
		}
		ex_jalloc_end(); /* o goes with the arena, no decref */
	}
	/* outside a scope jansson allocates as before */
	json_t *after = json_string("after");
	assert_string_equal(json_string_value(after), "after");
	json_decref(after);
	ex_jalloc_release();
	assert_null(before);
}

static void test_copy_like_snprintf(void **state)
{
	(void)state;
	const char *src[] = {"", "a", "Điều 1.", "0123456789abcdefghijklmnopqrstuvwxyz"};
	int precs[] = {-1, 0, 1, 3, 7, 20, 100};
	size_t sizes[] = {1, 2, 5, 24, 64};
	for (size_t i = 0; i < sizeof(src) / sizeof(src[0]); i++)
		for (size_t p = 0; p < sizeof(precs) / sizeof(precs[0]); p++)
			for (size_t z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++) {
				char got[64], want[64];
				memset(got, 'x', sizeof(got));
				ex_copy(got, sizes[z], src[i], precs[p]);
				if (precs[p] < 0)
					snprintf(want, sizes[z], "%s", src[i]);
				else
					snprintf(want, sizes[z], "%.*s", precs[p], src[i]);
				assert_string_equal(got, want);
			}
}

static void test_when_iso(void **state)
{
	(void)state;
	char iso[11];
	ex_when_iso(2025, 2, 9, iso);
	assert_string_equal(iso, "2025-02-09");
	ex_when_iso(1900, 12, 31, iso);
	assert_string_equal(iso, "1900-12-31");
	ex_when_iso(2024, 2, 29, iso);
	assert_string_equal(iso, "2024-02-29");
	ex_when_iso(2025, 2, 29, iso);
	assert_string_equal(iso, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_add_clean),
	    cmocka_unit_test(test_fold_compose),
	    cmocka_unit_test(test_utf8_valid_matches_jansson),
	    cmocka_unit_test(test_jsonl_matches_jansson),
	    cmocka_unit_test(test_jalloc_scope),
	    cmocka_unit_test(test_copy_like_snprintf),
	    cmocka_unit_test(test_when_iso),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
