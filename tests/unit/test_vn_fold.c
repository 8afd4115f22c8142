/* test_vn_fold.c - search keys, offset maps, lower case and canonical tone placement */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vn/fold.h"

typedef int (*fold_fn)(const char *, size_t, struct buf *);

static char *run(fold_fn f, const char *s)
{
	struct buf b = BUF_INIT;
	assert_int_equal(f(s, strlen(s), &b), 0);
	return buf_detach(&b, NULL);
}

#define CHECK(f, in, want)                                                           \
	do {                                                                         \
		char *got_ = run(f, in);                                             \
		assert_string_equal(got_, want);                                     \
		free(got_);                                                          \
	} while (0)

static void test_fold(void **state)
{
	(void)state;
	CHECK(vn_fold, "Đảng ủy", "dang uy");
	CHECK(vn_fold, "ĐẢNG CỘNG SẢN VIỆT NAM", "dang cong san viet nam");
	CHECK(vn_fold, "Thủ Đức, Cần Thơ; Ủy ban nhân dân 2021!", "thu duc, can tho; uy ban nhan dan 2021!");
	CHECK(vn_fold, "Thường trực Thành ủy", "thuong truc thanh uy");
	CHECK(vn_fold, "ăâêôơư ĂÂÊÔƠƯ đĐ", "aaeoou aaeoou dd");
	/* ð/Ð look-alikes fold like đ; stray NFD marks vanish; other scripts kept */
	CHECK(vn_fold, "Ðảng ðồng", "dang dong");
	CHECK(vn_fold, "Vie\xcc\x82\xcc\xa3t", "viet");
	CHECK(vn_fold, "Crème Straße Ελλάδα", "creme straße ελλαδα");
	CHECK(vn_fold, "", "");
	/* invalid bytes do not crash, they come out as U+FFFD */
	CHECK(vn_fold, "a\xff" "b", "a\xef\xbf\xbd" "b");
}

static void test_fold_all_letters(void **state)
{
	/* every precomposed letter folds to one ASCII letter */
	const char *in = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";
	const char *want = "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd";
	(void)state;
	CHECK(vn_fold, in, want);
}

static void test_fold_map(void **state)
{
	struct buf b = BUF_INIT;
	size_t *map = NULL;
	const char *s = "Đảng ủy";
	(void)state;
	assert_int_equal(vn_fold_map(s, strlen(s), &b, &map), 0);
	assert_string_equal(buf_str(&b), "dang uy");
	assert_non_null(map);
	assert_int_equal(map[0], 0); /* d <- Đ (2 bytes) */
	assert_int_equal(map[1], 2); /* a <- ả (3 bytes) */
	assert_int_equal(map[2], 5); /* n */
	assert_int_equal(map[4], 7); /* space */
	assert_int_equal(map[5], 8); /* u <- ủ */
	assert_int_equal(map[6], 11);
	free(map);
	buf_release(&b);
	/* an empty input still gives a map the caller can free */
	assert_int_equal(vn_fold_map("", 0, &b, &map), 0);
	assert_non_null(map);
	free(map);
	buf_release(&b);
	/* limit */
	buf_init(&b, 3);
	assert_int_equal(vn_fold_map(s, strlen(s), &b, &map), -1);
	assert_null(map);
	buf_release(&b);
}

static void test_lower(void **state)
{
	(void)state;
	CHECK(vn_lower, "ĐẢNG ỦY THÀNH PHỐ", "đảng ủy thành phố");
	CHECK(vn_lower, "Ủy Ban Nhân Dân Ơ Ư Ă", "ủy ban nhân dân ơ ư ă");
	CHECK(vn_lower, "ABC xyz 123", "abc xyz 123");
}

static void test_tone_canon(void **state)
{
	(void)state;
	CHECK(vn_tone_canon, "hoà", "hòa");
	CHECK(vn_tone_canon, "hoá", "hóa");
	CHECK(vn_tone_canon, "toà", "tòa");
	CHECK(vn_tone_canon, "khoẻ", "khỏe");
	CHECK(vn_tone_canon, "thuỷ", "thủy");
	CHECK(vn_tone_canon, "Uỷ", "Ủy");
	CHECK(vn_tone_canon, "UỶ BAN", "ỦY BAN");
	CHECK(vn_tone_canon, "tuỳ", "tùy");
	CHECK(vn_tone_canon, "luỹ", "lũy");
	CHECK(vn_tone_canon, "Thuý", "Thúy");
	CHECK(vn_tone_canon, "CỘNG HOÀ XÃ HỘI", "CỘNG HÒA XÃ HỘI");
	CHECK(vn_tone_canon, "HUYỆN UỶ ĐỊNH HOÁ", "HUYỆN ỦY ĐỊNH HÓA");
	/* already traditional: unchanged */
	CHECK(vn_tone_canon, "hòa thủy ủy khỏe", "hòa thủy ủy khỏe");
	/* must stay as they are */
	CHECK(vn_tone_canon, "quý", "quý");
	CHECK(vn_tone_canon, "Quỳnh", "Quỳnh");
	CHECK(vn_tone_canon, "quỹ", "quỹ");
	CHECK(vn_tone_canon, "hoàn", "hoàn");
	CHECK(vn_tone_canon, "toán", "toán");
	CHECK(vn_tone_canon, "thuyền", "thuyền");
	CHECK(vn_tone_canon, "khuyến", "khuyến");
	CHECK(vn_tone_canon, "hoài", "hoài");
	CHECK(vn_tone_canon, "giỏi", "giỏi");
	/* punctuation and other words survive */
	CHECK(vn_tone_canon, "(hoà), thuỷ-lợi; abcdefghijklmnopq!", "(hòa), thủy-lợi; abcdefghijklmnopq!");
}

static void test_match_key(void **state)
{
	const char *pairs[][2] = {
		{ "hòa", "hoà" }, { "thủy", "thuỷ" }, { "Ủy", "Uỷ" }, { "khỏe", "khoẻ" },
		{ "ĐẢNG ỦY", "Đảng uỷ" }, { "Cộng hòa", "CỘNG HOÀ" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		char *a = run(vn_match_key, pairs[i][0]), *b = run(vn_match_key, pairs[i][1]);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
	CHECK(vn_match_key, "Uỷ ban", "ủy ban");
	/* keys keep diacritics: quý and quỳ differ, hoàn and hòan is not a thing */
	{
		char *a = run(vn_match_key, "quý"), *b = run(vn_match_key, "quỳ");
		assert_string_not_equal(a, b);
		free(a);
		free(b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),       cmocka_unit_test(test_fold_all_letters),
		cmocka_unit_test(test_fold_map),   cmocka_unit_test(test_lower),
		cmocka_unit_test(test_tone_canon), cmocka_unit_test(test_match_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
