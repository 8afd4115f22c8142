/* test_vn_normalize.c - UTF-8 validation, UTF-16, NFC and the text repairs */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "vn/legacy.h"
#include "vn/normalize.h"
#include "vn/utf8.h"

static void test_validate(void **state)
{
	size_t off = 99;
	(void)state;
	assert_int_equal(vn_utf8_validate("Đảng ủy Thành phố Cần Thơ", strlen("Đảng ủy Thành phố Cần Thơ"), &off), 0);
	assert_int_equal(vn_utf8_validate("", 0, &off), 0);
	/* lone continuation byte after "Việt " */
	assert_int_equal(vn_utf8_validate("Vi\xe1\xbb\x87t \x80x", 8, &off), -1);
	assert_int_equal(off, 7);
	/* overlong "/" */
	assert_int_equal(vn_utf8_validate("ab\xc0\xaf", 4, &off), -1);
	assert_int_equal(off, 2);
	/* surrogate U+D800 */
	assert_int_equal(vn_utf8_validate("\xed\xa0\x80", 3, &off), -1);
	assert_int_equal(off, 0);
	/* above U+10FFFF */
	assert_int_equal(vn_utf8_validate("xx\xf4\x90\x80\x80", 6, &off), -1);
	assert_int_equal(off, 2);
	/* truncated at the end, after a long ASCII run (word-at-a-time path) */
	assert_int_equal(vn_utf8_validate("0123456789abcdef\xe1\xbb", 18, &off), -1);
	assert_int_equal(off, 16);
	/* TCVN3 bytes are not UTF-8 */
	assert_int_equal(vn_utf8_validate("\xa7\xb6ng", 4, &off), -1);
	assert_int_equal(off, 0);
	/* 4-byte sequence is fine */
	assert_int_equal(vn_utf8_validate("\xf0\x9f\x98\x80", 4, NULL), 0);
}

static void test_next(void **state)
{
	uint32_t cp;
	(void)state;
	assert_int_equal(vn_utf8_next("\xe1\xbb\x87", 3, &cp), 3);
	assert_int_equal(cp, 0x1EC7);
	assert_int_equal(vn_utf8_next("\xe1\xbb", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(vn_utf8_next("a", 1, &cp), 1);
	assert_int_equal(cp, 'a');
}

static void test_utf16(void **state)
{
	struct buf b = BUF_INIT;
	struct dd_error err;
	/* "Việt" LE and BE with BOM; then a surrogate pair (U+1F600) */
	const char le[] = "\xff\xfeV\0i\0\xc7\x1et\0";
	const char be[] = "\xfe\xff\0V\0i\x1e\xc7\0t";
	const char pair[] = "\xff\xfe\x3d\xd8\x00\xde";
	const char lone[] = "\xff\xfe" "a\0\x3d\xd8" "b\0";
	(void)state;
	assert_int_equal(vn_utf16_bom(le, 10), 1);
	assert_int_equal(vn_utf16_bom(be, 10), 2);
	assert_int_equal(vn_utf16_bom("ab", 2), 0);
	assert_int_equal(vn_utf16_to_utf8(le, 10, &b, &err), 0);
	assert_string_equal(buf_str(&b), "Việt");
	buf_reset(&b);
	assert_int_equal(vn_utf16_to_utf8(be, 10, &b, &err), 0);
	assert_string_equal(buf_str(&b), "Việt");
	buf_reset(&b);
	assert_int_equal(vn_utf16_to_utf8(pair, 6, &b, &err), 0);
	assert_string_equal(buf_str(&b), "\xf0\x9f\x98\x80");
	buf_reset(&b);
	assert_int_equal(vn_utf16_to_utf8(lone, 8, &b, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_non_null(strstr(err.msg, "byte 4"));
	assert_int_equal(vn_utf16_to_utf8(le, 9, &b, &err), -1);
	assert_non_null(strstr(err.msg, "odd length"));
	buf_release(&b);
}

/* vn_nfc with repairs; returns the output (static) and fills rep */
static const char *nfc(const char *in, struct vn_report *rep)
{
	static char out[4096];
	struct buf b = BUF_INIT;
	memset(rep, 0, sizeof *rep);
	assert_int_equal(vn_nfc(in, strlen(in), &b, 1, rep), 0);
	assert_true(b.len < sizeof out);
	memcpy(out, buf_str(&b), b.len + 1);
	buf_release(&b);
	return out;
}

static int has_repair(const struct vn_report *rep, const char *name)
{
	for (size_t i = 0; i < rep->nrepairs; i++)
		if (strcmp(rep->repairs[i], name) == 0)
			return 1;
	return 0;
}

static void test_nfc(void **state)
{
	struct vn_report rep;
	(void)state;
	/* already NFC: unchanged, nothing reported */
	assert_string_equal(nfc("Đảng ủy Thành phố Cần Thơ họp ngày 25/02/2021.", &rep),
			    "Đảng ủy Thành phố Cần Thơ họp ngày 25/02/2021.");
	assert_int_equal(rep.nrepairs, 0);
	/* fully decomposed: e + U+0302 + U+0323 */
	assert_string_equal(nfc("Vie\xcc\x82\xcc\xa3t Nam", &rep), "Việt Nam");
	assert_true(has_repair(&rep, "nfd-to-nfc"));
	/* the marks in non-canonical order: e + U+0323 + U+0302 -> same */
	assert_string_equal(nfc("Vie\xcc\xa3\xcc\x82t", &rep), "Việt");
	/* partially decomposed: ê + U+0323 and ẹ + U+0302 */
	assert_string_equal(nfc("Vi\xc3\xaa\xcc\xa3t", &rep), "Việt");
	assert_string_equal(nfc("Vi\xe1\xba\xb9\xcc\x82" "t", &rep), "Việt");
	/* NFD "Đảng Cộng sản": a + U+0309, o + U+0302 + U+0323 */
	assert_string_equal(nfc("Đa\xcc\x89ng Co\xcc\x82\xcc\xa3ng sa\xcc\x89n", &rep), "Đảng Cộng sản");
	/* U+0340 / U+0341 tone variants */
	assert_string_equal(nfc("ho\xcd\x80" "a ba\xcc\x89o, co\xcd\x81", &rep), "hòa bảo, có");
	assert_true(has_repair(&rep, "tone-mark-variants"));
	/* a space before a combining mark (PDF debris) */
	assert_string_equal(nfc("Vi\xc3\xaa \xcc\xa3t Nam", &rep), "Việt Nam");
	assert_true(has_repair(&rep, "space-before-mark"));
	assert_string_equal(nfc("Thu\xcc\x9bo\xcc\x9b \xcc\x80ng vu\xcc\xa3", &rep), "Thường vụ");
	assert_string_equal(nfc("Vi\xc3\xaa\xc2\xa0\xcc\xa3t", &rep), "Việt");
	/* a mark after a space that follows no letter stays (nothing to glue it to) */
	assert_string_equal(nfc("( \xcc\x80", &rep), "( \xcc\x80");
	/* a mark that composes with nothing stays, not reported */
	assert_string_equal(nfc("x\xcc\x80y", &rep), "x\xcc\x80y");
	assert_false(has_repair(&rep, "nfd-to-nfc"));
	/* ð/Ð at the start of a word -> đ/Đ; inside a word (Icelandic) kept */
	assert_string_equal(nfc("\xc3\x90\xe1\xba\xa3ng \xc3\xb0\xe1\xbb\x93ng chí", &rep), "Đảng đồng chí");
	assert_true(has_repair(&rep, "eth-to-dstroke"));
	assert_string_equal(nfc("Guðrún og það", &rep), "Guðrún og það");
	assert_string_equal(nfc("ngày 0ð tháng", &rep), "ngày 0ð tháng"); /* OCR debris */
	assert_false(has_repair(&rep, "eth-to-dstroke"));
	/* without repair: no eth change */
	{
		struct buf b = BUF_INIT;
		assert_int_equal(vn_nfc("\xc3\xb0i", 3, &b, 0, NULL), 0);
		assert_string_equal(buf_str(&b), "\xc3\xb0i");
		buf_release(&b);
	}
	/* empty string gives an empty (non-NULL) result */
	assert_string_equal(nfc("", &rep), "");
	/* Latin-1 and other scripts are untouched */
	assert_string_equal(nfc("Crème brûlée — “quoted” € 5 — Ελληνικά 日本語", &rep),
			    "Crème brûlée — “quoted” € 5 — Ελληνικά 日本語");
	/* Hangul jamo compose (the slow path must handle non-Vietnamese spans too) */
	assert_string_equal(nfc("\xe1\x84\x80\xe1\x85\xa1", &rep), "\xea\xb0\x80");
}

/* Normalizing twice changes nothing (the output is a fixed point). */
static void test_idempotent(void **state)
{
	static const char *const in[] = {
		"Vie\xcc\x82\xcc\xa3t Nam", "quý \xcd\xa7\xcc\xa3^25", "o\x04\xcc\xa3J", "s \x15\xcc\x82",
		"ng \x11\xcc\x81ng", "Vi\xc3\xaa  \xcc\xa3t", "\xcc\x81\xcc\x81 leading marks", "a\r\n\xcc\x80",
	};
	(void)state;
	for (size_t k = 0; k < sizeof in / sizeof in[0]; k++) {
		struct buf a = BUF_INIT, b = BUF_INIT;
		struct dd_error err;
		assert_int_equal(vn_normalize(in[k], strlen(in[k]), &a, NULL, &err), 0);
		assert_int_equal(vn_normalize(a.ptr, a.len, &b, NULL, &err), 0);
		assert_string_equal(buf_str(&a), buf_str(&b));
		buf_release(&a);
		buf_release(&b);
	}
}

/* vn_nfc agrees with utf8proc's NFC for every Vietnamese base letter (plain or toned,
 * either case) followed by every sequence of up to three of the ten marks, in any order. */
static void test_marks_exhaustive(void **state)
{
	static const char *const marks[] = {
		"\xcc\x80", "\xcc\x81", "\xcc\x82", "\xcc\x83", "\xcc\x86",
		"\xcc\x89", "\xcc\x9b", "\xcc\xa3", "\xcd\x80", "\xcd\x81",
	};
	const size_t nm = sizeof marks / sizeof marks[0];
	static const char *const plain[] = { "a", "e", "i", "o", "u", "y", "A", "E", "I", "O", "U", "Y", "d" };
	size_t nl, count = 0;
	const char *const *letters = vn_letters(&nl);
	(void)state;
	for (size_t bi = 0; bi < nl + 13; bi++) {
		const char *base = bi < nl ? letters[bi] : plain[bi - nl];
		for (size_t k = 0; k < (nm + 1) * (nm + 1) * (nm + 1); k++) {
			/* up to three marks; index nm = none, and no mark after a none */
			size_t m1 = k % (nm + 1), m2 = k / (nm + 1) % (nm + 1), m3 = k / ((nm + 1) * (nm + 1));
			char in[32];
			struct buf b = BUF_INIT;
			utf8proc_uint8_t *want;
			if ((m1 == nm && m2 < nm) || (m2 == nm && m3 < nm))
				continue;
			snprintf(in, sizeof in, "x%s%s%s%sy", base, m1 < nm ? marks[m1] : "",
				 m2 < nm ? marks[m2] : "", m3 < nm ? marks[m3] : "");
			assert_int_equal(vn_nfc(in, strlen(in), &b, 0, NULL), 0);
			want = utf8proc_NFC((const utf8proc_uint8_t *)in);
			assert_non_null(want);
			if (strcmp(buf_str(&b), (const char *)want) != 0)
				fail_msg("'%s': got '%s', utf8proc '%s'", in, buf_str(&b), (const char *)want);
			free(want);
			buf_release(&b);
			count++;
		}
	}
	assert_true(count > 150000);
}

static void test_long_marks(void **state)
{
	/* a base letter followed by 300 combining marks: bounded spans, no crash */
	struct buf in = BUF_INIT, out = BUF_INIT;
	(void)state;
	buf_addch(&in, 'a');
	for (int i = 0; i < 300; i++)
		buf_add(&in, "\xcc\x81", 2);
	assert_int_equal(vn_nfc(in.ptr, in.len, &out, 1, NULL), 0);
	assert_true(out.len > 0);
	assert_memory_equal(out.ptr, "\xc3\xa1", 2); /* á first */
	buf_release(&in);
	buf_release(&out);
}

static void test_clean(void **state)
{
	(void)state;
	assert_true(vn_is_clean_nfc("Thông báo kết luận của Ban Thường vụ", strlen("Thông báo kết luận của Ban Thường vụ")));
	assert_true(vn_is_clean_nfc("plain ascii", 11));
	assert_true(vn_is_clean_nfc("x\xcc\x80", 3)); /* NFC although it has a mark */
	assert_false(vn_is_clean_nfc("Vie\xcc\x82\xcc\xa3t", 8));
	assert_false(vn_is_clean_nfc("\xc3\xb0\xe1\xbb\x93ng", 8));
	assert_false(vn_is_clean_nfc("a\xcd\x81", 3));
	assert_false(vn_is_clean_nfc("\xff", 1));
}

static void test_normalize(void **state)
{
	struct buf b = BUF_INIT;
	struct vn_report rep;
	struct dd_error err;
	(void)state;

	assert_int_equal(vn_normalize("\xef\xbb\xbfHo\xcc\x80" "a\r\nBi\xcc\x80nh\r", 17, &b, &rep, &err), 0);
	assert_string_equal(buf_str(&b), "Hòa\nBình\n");
	assert_true(has_repair(&rep, "bom-removed"));
	assert_true(has_repair(&rep, "crlf-to-lf"));
	assert_true(has_repair(&rep, "nfd-to-nfc"));
	buf_reset(&b);
	/* UTF-16 with BOM */
	assert_int_equal(vn_normalize("\xff\xfeV\0i\0\xc7\x1et\0", 10, &b, &rep, &err), 0);
	assert_string_equal(buf_str(&b), "Việt");
	assert_int_equal(rep.encoding, VN_ENC_UTF16);
	assert_true(has_repair(&rep, "utf16-to-utf8"));
	buf_reset(&b);
	/* NBSP, control characters */
	assert_int_equal(vn_normalize("a\xc2\xa0" "b\x01\x7f" "c\xc2\x85", 9, &b, &rep, &err), 0);
	assert_string_equal(buf_str(&b), "a bc");
	assert_true(has_repair(&rep, "nbsp-to-space"));
	assert_true(has_repair(&rep, "control-chars-removed"));
	buf_reset(&b);
	/* bad input */
	assert_int_equal(vn_normalize("", 0, &b, &rep, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_string_equal(err.msg, "empty input");
	assert_int_equal(vn_normalize("\xef\xbb\xbf", 3, &b, &rep, &err), -1);
	assert_string_equal(err.msg, "empty input");
	assert_int_equal(vn_normalize("ab\0cd", 5, &b, &rep, &err), -1);
	assert_non_null(strstr(err.msg, "binary"));
	assert_int_equal(vn_normalize("\x01\x02\x03\x04\x05\x06xyz", 9, &b, &rep, &err), -1);
	assert_non_null(strstr(err.msg, "binary"));
	/* a control character between a letter and its mark: removed, the mark still composes */
	assert_int_equal(vn_normalize("Vie\x15\xcc\x82\xcc\xa3t", 9, &b, &rep, &err), 0);
	assert_string_equal(buf_str(&b), "Việt");
	buf_reset(&b);
	/* NBSP between a letter and its mark */
	assert_int_equal(vn_normalize("Vi\xc3\xaa\xc2\xa0\xcc\xa3t", 9, &b, &rep, &err), 0);
	assert_string_equal(buf_str(&b), "Việt");
	assert_true(has_repair(&rep, "space-before-mark"));
	buf_reset(&b);
	/* a space before a mark that is not Vietnamese is left */
	assert_int_equal(vn_normalize("a \xcd\xa7", 4, &b, &rep, &err), 0);
	assert_string_equal(buf_str(&b), "a \xcd\xa7");
	assert_false(has_repair(&rep, "nfd-to-nfc"));
	buf_reset(&b);
	/* limit on the output */
	{
		struct buf small;
		buf_init(&small, 4);
		assert_int_equal(vn_normalize("Việt Nam", strlen("Việt Nam"), &small, NULL, &err), -1);
		assert_int_equal(err.code, DD_ERR_DATA);
		buf_release(&small);
	}
	buf_release(&b);
}

static uint32_t rng = 2026;

static uint32_t next_rand(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

/* vn_clean_utf8 on 16-byte blocks only and, on a CPU with AVX2, on 32-byte ones: the same */
static int clean_both(const char *s, size_t n)
{
	vn_clean_utf8_avx2(0);
	int narrow = vn_clean_utf8(s, n);
	vn_clean_utf8_avx2(1);
	assert_int_equal(vn_clean_utf8(s, n), narrow);
	return narrow;
}

/* The vector scan of the clean-text check against the byte loop, on random text made of
 * Vietnamese (mostly clean) pieces and, now and then, one that must send the text through
 * the full pipeline: controls, CR, NBSP, marks, eth, a letter that may start a Windows-1252
 * reading next to characters around U+2122, broken and 4-byte UTF-8. */
static void test_clean_fast(void **state)
{
	static const char *const good[] = {
	    "a", "Thành ", "phố ", "ủy", "Đảng", "ư", "ơ", "ă", "đ", "Ộ", "ấ", "â", "ê", "ô", "à",
	    "é", " ", "  ", "\t", "\n", "\f", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x93",
	    "\xe2\x80\xa6", "\xe2\x82\xac", "\xe2\x84\xa2", "\xe2\x84\xa3", "\xe2\x86\x90", "ñ", "ÿ",
	    "Â", "õ", "д", "α", "中", "©", "\xe1\xb8\x80", "\xc8\xb7", "\xe2\x84\x97", "12/2025", "Số: 15/TB-UBND", "abcdefghijklmnopq",
	};
	static const char *const bad[] = {
	    "\r", "\x01", "\x7f", "\xc2\xa0", "\xc2\x85", "ð", "Ð", "\xc6\x89", "\xcc\x81", "\xcd\x80",
	    "\xef\xbf\xbd", "\xf0\x9f\x98\x80", "\xed\xa0\x80", "\xe0\x80\xaf", "\xc0\xaf", "\x80",
	    "\xc3", "\xe1\xba", "\xe2\x84", "\xbf\xbf", "\xff", "ά", "한", "\xe1\xbc\x80",
	    "\xcc\x80", "\xf4\x8f\xbf\xbf", "\xc1\xbf",
	};
	struct buf b = BUF_INIT;
	size_t nclean = 0, total = 0;
	(void)state;

	for (int round = 0; round < 60000; round++) {
		size_t pieces = next_rand() % (round % 50 == 0 ? 1500 : 40);
		unsigned badness = 1 + next_rand() % 400;
		buf_reset(&b);
		buf_add(&b, "", 0);
		for (size_t k = 0; k < pieces; k++) {
			const char *p = next_rand() % badness == 0 ? bad[next_rand() % (sizeof(bad) / sizeof(bad[0]))]
								     : good[next_rand() % (sizeof(good) / sizeof(good[0]))];
			buf_addstr(&b, p);
		}
		/* and the text cut anywhere, mid-character too */
		for (size_t cut = b.len, step = 0; step < 3; step++, cut = cut ? next_rand() % cut : 0) {
			int plain = vn_clean_utf8_plain(b.ptr, cut);
			assert_int_equal(clean_both(b.ptr, cut), plain);
			nclean += plain == 1;
			total++;
		}
	}
	/* every piece alone in clean Vietnamese text, at every offset of a 16-byte block, also
	 * right after a letter that may start a Windows-1252 reading */
	for (int which = 0; which < 2; which++) {
		const char *const *set = which ? bad : good;
		size_t nset = which ? sizeof(bad) / sizeof(bad[0]) : sizeof(good) / sizeof(good[0]);
		for (size_t p = 0; p < nset; p++) {
			for (size_t at = 0; at < 40; at++) {
				for (int after_hi = 0; after_hi < 2; after_hi++) {
					buf_reset(&b);
					buf_addstr(&b, "Đảng ủy Thành phố công tác ");
					for (size_t k = 0; k < at; k++)
						buf_addch(&b, 'x');
					buf_addstr(&b, after_hi ? "â" : "");
					buf_addstr(&b, set[p]);
					buf_addstr(&b, " Đảng ủy Thành phố công tác Đảng ủy Thành phố công tác");
					int plain = vn_clean_utf8_plain(b.ptr, b.len);
					assert_int_equal(clean_both(b.ptr, b.len), plain);
					if (which)
						assert_int_equal(plain, 0);
				}
			}
		}
	}

	/* both answers were exercised, plenty of times */
	assert_true(nclean > total / 20);
	assert_true(total - nclean > total / 20);

	/* a Vietnamese letter counts only when it ends 4 bytes before 64 KiB */
	for (size_t at = 65500; at < 65560; at++) {
		for (int kind = 0; kind < 3; kind++) {
			static const char *const letters[] = {"ư", "ộ", "ơ\xe1\xbb\x9d"};
			buf_reset(&b);
			for (size_t k = 0; k < at; k++)
				buf_addch(&b, (char)(k % 61 ? 'a' + k % 26 : '\n'));
			buf_addstr(&b, letters[kind]);
			buf_addstr(&b, " thêm à é"); /* letters Windows-1252 has */
			assert_int_equal(clean_both(b.ptr, b.len), vn_clean_utf8_plain(b.ptr, b.len));
			assert_int_equal(clean_both(b.ptr, b.len), at + (kind == 1 ? 3 : 2) + 4 < 65536);
		}
	}
	buf_release(&b);
}

static void test_chunk_boundary(void **state)
{
	(void)state;
	assert_int_equal(vn_chunk_boundary("ab\ncd", 5), 3);
	assert_int_equal(vn_chunk_boundary("xin chao", 8), 4);
	/* no break before a mark byte */
	/* never between a letter and its marks: before the last ASCII letter */
	assert_int_equal(vn_chunk_boundary("abc \xcc\x80", 6), 2);
	assert_int_equal(vn_chunk_boundary("xe\xcc\x82\xcc\xa3", 6), 1);
	assert_int_equal(vn_chunk_boundary("\xe1\xbb\x87\xe1\xbb", 5), 5);
	assert_int_equal(vn_chunk_boundary("", 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_validate),   cmocka_unit_test(test_next),
		cmocka_unit_test(test_utf16),      cmocka_unit_test(test_nfc),
		cmocka_unit_test(test_long_marks), cmocka_unit_test(test_clean),
		cmocka_unit_test(test_normalize),  cmocka_unit_test(test_chunk_boundary),
		cmocka_unit_test(test_idempotent), cmocka_unit_test(test_marks_exhaustive),
		cmocka_unit_test(test_clean_fast),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
