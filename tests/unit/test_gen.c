/* test_gen.c - the synthetic corpus generator: determinism, document structure, variants */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "gen/gen.h"
#include "vn/legacy.h"

static void make_doc(uint64_t seed, uint64_t index, struct buf *b, struct gen_info *info)
{
	buf_init(b, 0);
	assert_int_equal(gen_document(seed, index, b, info), 0);
	assert_non_null(b->ptr);
	assert_true(b->len > 500);
}

static void test_rng_is_splitmix64(void **state)
{
	struct gen_rng r, r2;
	(void)state;

	/* the reference splitmix64 sequence from state 0: pins the algorithm everywhere */
	gen_rng_seed(&r, 0);
	assert_true(gen_rng_next(&r) == 0xE220A8397B1DCDAFULL);
	assert_true(gen_rng_next(&r) == 0x6E789E6AA1B965F4ULL);
	gen_rng_seed(&r, 42);
	gen_rng_seed(&r2, 42);
	for (int i = 0; i < 100; i++)
		assert_true(gen_rng_next(&r) == gen_rng_next(&r2));
}

static void test_rng_below_range(void **state)
{
	struct gen_rng r;
	int seen[7] = {0};
	(void)state;

	gen_rng_seed(&r, 7);
	for (int i = 0; i < 7000; i++) {
		uint32_t v = gen_rng_below(&r, 7);
		assert_true(v < 7);
		seen[v]++;
	}
	for (int i = 0; i < 7; i++)
		assert_true(seen[i] > 800 && seen[i] < 1200);
	for (int i = 0; i < 100; i++)
		assert_int_equal(gen_rng_below(&r, 1), 0);
}

static void test_same_seed_same_bytes(void **state)
{
	struct buf a, b, c, d;
	(void)state;

	make_doc(5, 3, &a, NULL);
	make_doc(5, 3, &b, NULL);
	make_doc(6, 3, &c, NULL);
	make_doc(5, 4, &d, NULL);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.ptr, b.ptr, a.len);
	assert_false(a.len == c.len && memcmp(a.ptr, c.ptr, a.len) == 0);
	assert_false(a.len == d.len && memcmp(a.ptr, d.ptr, a.len) == 0);
	buf_release(&a);
	buf_release(&b);
	buf_release(&c);
	buf_release(&d);
}

static int has_line(const char *text, const char *prefix)
{
	size_t l = strlen(prefix);
	for (const char *p = text; p; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (strncmp(p, prefix, l) == 0)
			return 1;
	}
	return 0;
}

static const char *const type_lines[GEN_NTYPES] = {
	"THÔNG BÁO\n", "KẾT LUẬN\n", "CHỈ THỊ\n", "KẾ HOẠCH\n", NULL, "QUYẾT ĐỊNH\n",
};

static void test_every_document_is_complete(void **state)
{
	int types[GEN_NTYPES] = {0}, formats[2] = {0};
	(void)state;

	for (uint64_t i = 0; i < 600; i++) {
		struct buf b;
		struct gen_info info;
		char number[64];
		utf8proc_uint8_t *nfc = NULL;

		make_doc(1, i, &b, &info);
		assert_true((unsigned)info.type < GEN_NTYPES);
		types[info.type]++;
		formats[info.party]++;
		/* valid UTF-8 and already NFC */
		assert_true(utf8proc_map((const utf8proc_uint8_t *)b.ptr, (utf8proc_ssize_t)b.len,
					 &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE) == (utf8proc_ssize_t)b.len);
		assert_memory_equal(nfc, b.ptr, b.len);
		free(nfc);
		/* header of its format */
		assert_non_null(strstr(b.ptr, info.party ? "ĐẢNG CỘNG SẢN VIỆT NAM"
							 : "Độc lập - Tự do - Hạnh phúc"));
		/* type line (công văn: a trích yếu instead) */
		if (type_lines[info.type])
			assert_true(has_line(b.ptr, type_lines[info.type]));
		else
			assert_true(has_line(b.ptr, "V/v ") || has_line(b.ptr, "về "));
		/* the number carries the type code in the style of the format */
		if (info.party)
			snprintf(number, sizeof(number), "-%s/TU", gen_type_code(info.type));
		else if (info.type == GEN_CV)
			snprintf(number, sizeof(number), "/UBND-");
		else
			snprintf(number, sizeof(number), "/%s-UBND", gen_type_code(info.type));
		assert_true(has_line(b.ptr, "Số ") || has_line(b.ptr, "Số: "));
		assert_non_null(strstr(b.ptr, number));
		/* tasks */
		assert_true(info.ntasks >= 2);
		assert_true(has_line(b.ptr, "1. ") || has_line(b.ptr, "1- "));
		assert_true(has_line(b.ptr, "2. ") || has_line(b.ptr, "2- "));
		assert_true(has_line(b.ptr, "Nơi nhận:"));
		assert_true(info.y >= 2019 && info.y <= 2025 && info.m >= 1 && info.m <= 12);
		assert_true(b.ptr[b.len - 1] == '\n' && b.ptr[b.len - 2] != '\n');
		buf_release(&b);
	}
	for (int t = 0; t < GEN_NTYPES; t++)
		assert_true(types[t] > 20);
	assert_true(formats[0] > 100 && formats[1] > 100);
}

static void test_nfd_variant(void **state)
{
	struct buf b, d;
	utf8proc_uint8_t *ref = NULL, *back = NULL;
	utf8proc_ssize_t n;
	(void)state;

	make_doc(9, 0, &b, NULL);
	buf_init(&d, 0);
	assert_int_equal(gen_convert(GEN_NFD, b.ptr, b.len, &d), 0);
	assert_true(d.len > b.len);
	/* the same bytes as utf8proc's NFD of the whole text */
	n = utf8proc_map((const utf8proc_uint8_t *)b.ptr, (utf8proc_ssize_t)b.len, &ref,
			 UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
	assert_int_equal(n, (utf8proc_ssize_t)d.len);
	assert_memory_equal(ref, d.ptr, d.len);
	/* and composing it again gives the original */
	n = utf8proc_map((const utf8proc_uint8_t *)d.ptr, (utf8proc_ssize_t)d.len, &back,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	assert_int_equal(n, (utf8proc_ssize_t)b.len);
	assert_memory_equal(back, b.ptr, b.len);
	free(ref);
	free(back);
	buf_release(&b);
	buf_release(&d);
}

static void test_nfd_passes_odd_input(void **state)
{
	struct buf d;
	const char in[] = "a\xff" "b\xe2\x84\xa6"; /* a stray byte and U+2126 (OHM -> OMEGA) */
	(void)state;

	buf_init(&d, 0);
	assert_int_equal(gen_convert(GEN_NFD, in, sizeof(in) - 1, &d), 0);
	assert_int_equal(d.len, 5);
	assert_memory_equal(d.ptr, "a\xff" "b\xce\xa9", 5);
	buf_release(&d);
}

static void test_tcvn3_variant_uses_vn_encode(void **state)
{
	struct buf b, t, ref;
	(void)state;

	make_doc(3, 1, &b, NULL);
	buf_init(&t, 0);
	buf_init(&ref, 0);
	assert_int_equal(gen_convert(GEN_TCVN3, b.ptr, b.len, &t), 0);
	assert_int_equal(vn_encode(VN_ENC_TCVN3, b.ptr, b.len, &ref), 0);
	assert_int_equal(t.len, ref.len);
	assert_memory_equal(t.ptr, ref.ptr, t.len);
	assert_true(t.len <= b.len); /* one byte per letter at most */
	buf_release(&b);
	buf_release(&t);
	buf_release(&ref);
}

static void test_nfc_variant_copies(void **state)
{
	struct buf d;
	(void)state;

	buf_init(&d, 0);
	assert_int_equal(gen_convert(GEN_NFC, "Sở Y tế", strlen("Sở Y tế"), &d), 0);
	assert_string_equal(d.ptr, "Sở Y tế");
	buf_release(&d);
}

static void test_limit_is_an_error(void **state)
{
	struct buf b, d;
	(void)state;

	buf_init(&b, 100);
	assert_int_equal(gen_document(1, 0, &b, NULL), -1);
	assert_true(b.len <= 100);
	buf_release(&b);
	buf_init(&d, 3);
	assert_int_equal(gen_convert(GEN_NFD, "Đảng ủy", strlen("Đảng ủy"), &d), -1);
	buf_release(&d);
}

static void test_parse_variant(void **state)
{
	enum gen_variant v = GEN_NFC;
	(void)state;

	assert_int_equal(gen_parse_variant("nfd", &v), 0);
	assert_int_equal(v, GEN_NFD);
	assert_int_equal(gen_parse_variant("tcvn3", &v), 0);
	assert_int_equal(v, GEN_TCVN3);
	assert_int_equal(gen_parse_variant("nfc", &v), 0);
	assert_int_equal(v, GEN_NFC);
	assert_int_equal(gen_parse_variant("NFD", &v), -1);
	assert_int_equal(gen_parse_variant("", &v), -1);
	assert_int_equal(gen_parse_variant("vni", &v), -1);
	assert_string_equal(gen_type_code(GEN_QD), "QĐ");
	assert_string_equal(gen_type_code(GEN_TB), "TB");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rng_is_splitmix64),
		cmocka_unit_test(test_rng_below_range),
		cmocka_unit_test(test_same_seed_same_bytes),
		cmocka_unit_test(test_every_document_is_complete),
		cmocka_unit_test(test_nfd_variant),
		cmocka_unit_test(test_nfd_passes_odd_input),
		cmocka_unit_test(test_tcvn3_variant_uses_vn_encode),
		cmocka_unit_test(test_nfc_variant_copies),
		cmocka_unit_test(test_limit_is_an_error),
		cmocka_unit_test(test_parse_variant),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
