/* test_vn_legacy.c - legacy encodings: letter round trips, known vectors, detection */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vn/legacy.h"
#include "vn/normalize.h"

static const char *const paragraph =
	"Ngày 25/02/2021, Ban Thường vụ Thành ủy họp nghe báo cáo tình hình kinh tế - xã hội "
	"và kết luận như sau: Ủy ban nhân dân thành phố chỉ đạo các sở, ngành, quận, huyện "
	"khẩn trương triển khai thực hiện các nhiệm vụ trọng tâm; tăng cường công tác phòng, "
	"chống dịch bệnh; đẩy nhanh tiến độ giải ngân vốn đầu tư công, báo cáo kết quả về "
	"Thường trực Thành ủy trước ngày 15/3/2021. Đảng ủy Khối cơ quan phối hợp thực hiện.\n"
	"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM - Độc lập - Tự do - Hạnh phúc\n";

static const enum vn_encoding legacy[] = { VN_ENC_TCVN3, VN_ENC_VNI, VN_ENC_VIQR, VN_ENC_CP1258,
					   VN_ENC_MOJIBAKE };

static char *enc(enum vn_encoding e, const char *s, size_t *len)
{
	struct buf b = BUF_INIT;
	assert_int_equal(vn_encode(e, s, strlen(s), &b), 0);
	return buf_detach(&b, len);
}

static char *dec(enum vn_encoding e, const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	assert_int_equal(vn_decode(e, s, n, &b), 0);
	return buf_detach(&b, NULL);
}

static void test_letters_table(void **state)
{
	size_t n;
	const char *const *l = vn_letters(&n);
	(void)state;
	assert_int_equal(n, 134);
	for (size_t i = 0; i < n; i++) {
		struct vn_letter_info li;
		uint32_t cp;
		const unsigned char *u = (const unsigned char *)l[i];
		cp = u[0] < 0xE0 ? ((u[0] & 0x1Fu) << 6 | (u[1] & 0x3Fu))
				 : ((u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu));
		assert_true(vn_letter_info(cp, &li));
		assert_int_equal(li.upper, i % 2 == 0);
		assert_int_equal(vn_letter_make(li.vowel, li.tone, li.upper), cp);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(l[i], l[j]);
	}
	assert_false(vn_letter_info('b', &(struct vn_letter_info){ 0 }));
	assert_int_equal(vn_letter_make(13, 0, 0), 0);
}

/* Every letter round-trips in every legacy encoding, alone (not VIQR: a final "." or "?"
 * is punctuation there) and inside a syllable. */
static void test_round_trip(void **state)
{
	size_t n;
	const char *const *l = vn_letters(&n);
	(void)state;
	for (size_t k = 0; k < sizeof legacy / sizeof legacy[0]; k++) {
		enum vn_encoding e = legacy[k];
		struct buf all = BUF_INIT;
		for (size_t i = 0; i < n; i++) {
			char word[16];
			const char *forms[2] = { l[i], word };
			/* đ only starts a syllable */
			snprintf(word, sizeof word, i >= n - 2 ? "%sin" : "t%sn", l[i]);
			for (int f = e == VN_ENC_VIQR ? 1 : 0; f < 2; f++) {
				size_t len;
				char *x = enc(e, forms[f], &len), *y = dec(e, x, len);
				if (strcmp(y, forms[f]) != 0)
					fail_msg("%s: '%s' -> '%s' -> '%s'", vn_encoding_name(e), forms[f], x, y);
				free(x);
				free(y);
			}
			buf_printf(&all, "%s%s ", l[i], i % 2 ? "ng," : "t.");
		}
		{
			size_t len;
			char *x = enc(e, buf_str(&all), &len), *y = dec(e, x, len);
			assert_string_equal(y, buf_str(&all));
			free(x);
			free(y);
		}
		buf_release(&all);
	}
}

static void test_vectors(void **state)
{
	static const struct {
		enum vn_encoding e;
		const char *in, *want;
	} v[] = {
		{ VN_ENC_TCVN3, "U\xfb ban nh\xa9n d\xa9n", "Uỷ ban nhân dân" },
		{ VN_ENC_TCVN3, "C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdc" "a Vi\xd6t Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam" },
		{ VN_ENC_TCVN3, "\xa7\xb6ng C\xe9ng s\xb6n Vi\xd6t Nam", "Đảng Cộng sản Việt Nam" },
		{ VN_ENC_TCVN3, "Th\xad\xeang v\xf4", "Thường vụ" },
		{ VN_ENC_TCVN3, "\xae\xe5ng ch\xdd", "đồng chí" },
		/* .VnTimeH capitals typed with lower-case toned bytes */
		{ VN_ENC_TCVN3, "\xa7\xb6NG C\xe9NG S\xb6N", "ĐẢNG CỘNG SẢN" },
		/* VN1 (glibc TCVN5712-1) upper-case letters in 0x80..0x9F and C0; a VN3 curly
		 * quote in the same place stays a quote */
		{ VN_ENC_TCVN3, "Ch\xf1 t\xde" "ch \x9ey ban, \x11NG D\x02NG", "Chủ tịch Ủy ban, ỨNG DỤNG" },
		{ VN_ENC_TCVN3, "\x93Quy\xd5t \xae\xde" "nh\x94", "“Quyết định”" },
		{ VN_ENC_TCVN3, "Th\xe6 \x93", "Thổ “" },
		/* upper-case base + lower-case toned letter of the same vowel */
		{ VN_ENC_TCVN3, "A\xb5", "À" },
		{ VN_ENC_VNI, "Xin cha\xf8o ca\xf9" "c ba\xefn", "Xin chào các bạn" },
		{ VN_ENC_VNI, "Vie\xe4t Nam", "Việt Nam" },
		{ VN_ENC_VNI, "\xd1" "a\xfbng Co\xe4ng sa\xfbn", "Đảng Cộng sản" },
		{ VN_ENC_VNI, "Th\xf6\xf4\xf8ng vu\xef", "Thường vụ" },
		{ VN_ENC_VNI, "na\xeam 2021, \xf1o\xe1ng ch\xed", "năm 2021, đống chí" },
		{ VN_ENC_VNI, "VIE\xc4T NAM", "VIỆT NAM" },
		{ VN_ENC_VIQR, "Vie^.t Nam", "Việt Nam" },
		{ VN_ENC_VIQR, "DDa?ng Co^.ng sa?n", "Đảng Cộng sản" },
		{ VN_ENC_VIQR, "Tha`nh pho^' Ho^` Chi' Minh.", "Thành phố Hồ Chí Minh." },
		{ VN_ENC_VIQR, "Ba\\. ho^m nay", "Ba. hôm nay" },
		{ VN_ENC_VIQR, "ba. ho^m", "bạ hôm" },
		{ VN_ENC_VIQR, "Ha` No^.i.", "Hà Nội." },
		{ VN_ENC_VIQR, "Co' kho^ng? Co'.", "Có không? Có." },
		{ VN_ENC_CP1258, "Vi\xea\xf2t Nam", "Việt Nam" },
		{ VN_ENC_CP1258, "\xd0" "a\xd2ng C\xf4\xf2ng sa\xd2n", "Đảng Cộng sản" },
		{ VN_ENC_CP1258, "Th\xfd\xf5\xccng v\x75\xf2", "Thường vụ" },
		{ VN_ENC_MOJIBAKE, "\xc3\x84\xc2\x90\xc3\xa1\xc2\xba\xc2\xa3ng", "Đảng" },
		{ VN_ENC_MOJIBAKE, "Vi\xc3\xa1\xc2\xbb\xe2\x80\xa1t Nam", "Việt Nam" },
		/* ề is E1 BB 81: 0x81 has no Windows-1252 character, read as U+0081 */
		{ VN_ENC_MOJIBAKE, "v\xc3\xa1\xc2\xbb\xc2\x81", "về" },
	};
	(void)state;
	for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
		char *y = dec(v[k].e, v[k].in, strlen(v[k].in));
		if (strcmp(y, v[k].want) != 0)
			fail_msg("%s: '%s' gave '%s', want '%s'", vn_encoding_name(v[k].e), v[k].in, y, v[k].want);
		free(y);
	}
	/* glibc iconv agrees on VN3 lower-case letters: spot checks */
	{
		size_t len;
		char *x = enc(VN_ENC_TCVN3, "ư đ ạ ậ ữ", &len);
		assert_string_equal(x, "\xad \xae \xb9 \xcb \xf7");
		free(x);
	}
}

static void test_detect(void **state)
{
	(void)state;
	/* each encoding of a real paragraph is recognized */
	for (size_t k = 0; k < sizeof legacy / sizeof legacy[0]; k++) {
		size_t len;
		char *x = enc(legacy[k], paragraph, &len);
		enum vn_encoding got = vn_detect_encoding(x, len);
		if (got != legacy[k])
			fail_msg("%s detected as %s", vn_encoding_name(legacy[k]), vn_encoding_name(got));
		{
			char *y = dec(got, x, len);
			assert_string_equal(y, paragraph);
			free(y);
		}
		free(x);
	}
	/* one short line is enough */
	{
		const char *t = "\xa7\xb6ng \xf0y th\xb5nh ph\xe8";
		assert_int_equal(vn_detect_encoding(t, strlen(t)), VN_ENC_TCVN3);
	}
}

static void test_no_misfire(void **state)
{
	static const struct {
		const char *s;
		enum vn_encoding want;
	} v[] = {
		{ "Đảng ủy Thành phố Cần Thơ. Độc lập - Tự do - Hạnh phúc", VN_ENC_UTF8 },
		{ "Cộng hòa xã hội chủ nghĩa Việt Nam © 2021 — “Thông báo” ? ! …", VN_ENC_UTF8 },
		{ "Copyright © 2021 Ủy ban nhân dân. All rights reserved ®", VN_ENC_UTF8 },
		{ "Crème brûlée, naïve café, Ærøskøbing, Straße, ½ price", VN_ENC_UTF8 },
		{ "The quick brown fox jumps over the lazy dog. Isn't it? Yes it is.", VN_ENC_ASCII },
		{ "What's up? Don't do that. I'd say so... Are you sure? A.B.C. e.g. i.e.", VN_ENC_ASCII },
		{ "if (a^b) { x = data(i) + area(r); y = u+v; } // a^2 + b^2, o+1", VN_ENC_ASCII },
		{ "printf(\"%s\", a); char c = 'a'; int e = a?b:c; s.a.b.c = e.o.u;", VN_ENC_ASCII },
		{ "Ngay 25/02/2021, Ban Thuong vu Thanh uy hop (khong dau).", VN_ENC_ASCII },
		{ "x", VN_ENC_ASCII },
		{ "I'd say you're right, we'll see; they'd go, I've seen it, you'll do, she'd be.", VN_ENC_ASCII },
		{ "Vie^t? No. Ha! a+b, e^x, a(b), o+c and u+v are math: x' = y'' + z'.", VN_ENC_ASCII },
		{ "Giá: 100 €, “quoted” — ok", VN_ENC_UTF8 },
		/* Latin-1 French is invalid UTF-8 and no Vietnamese encoding */
		{ "Le caf\xe9 est tr\xe8s bon, merci beaucoup \xe0 vous.", VN_ENC_UNKNOWN },
		{ "\xff\xfe\xfd\xfc garbage \x80\x81\x82", VN_ENC_UNKNOWN },
	};
	(void)state;
	for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
		enum vn_encoding got = vn_detect_encoding(v[k].s, strlen(v[k].s));
		if (got != v[k].want)
			fail_msg("'%s' detected as %s, want %s", v[k].s, vn_encoding_name(got),
				 vn_encoding_name(v[k].want));
	}
}

static void test_decode_text(void **state)
{
	struct buf b = BUF_INIT;
	(void)state;
	/* a DOCX run in .VnTime: TCVN3 bytes seen as Latin-1 characters */
	assert_int_equal(vn_decode_text(VN_ENC_TCVN3, "§¶ng Céng s¶n ViÖt Nam", strlen("§¶ng Céng s¶n ViÖt Nam"), &b), 0);
	assert_string_equal(buf_str(&b), "Đảng Cộng sản Việt Nam");
	buf_reset(&b);
	assert_int_equal(vn_decode_text(VN_ENC_VNI, "Vieät Nam", strlen("Vieät Nam"), &b), 0);
	assert_string_equal(buf_str(&b), "Việt Nam");
	buf_reset(&b);
	/* already Unicode (a character no legacy byte gives): left alone */
	assert_int_equal(vn_decode_text(VN_ENC_TCVN3, "Việt Nam", strlen("Việt Nam"), &b), 0);
	assert_string_equal(buf_str(&b), "Việt Nam");
	buf_release(&b);
}

static void test_detect_legacy_text(void **state)
{
	static const struct {
		const char *s;
		enum vn_encoding want;
	} v[] = {
		{ "§¶ng Céng s¶n ViÖt Nam, Th­êng vô Thµnh ñy", VN_ENC_TCVN3 },
		{ "Ñaûng Coäng saûn Vieät Nam, Thöôøng vuï", VN_ENC_VNI },
		/* Unicode that merely uses Latin-1 letters stays */
		{ "Tôi là ai, cà phê và bánh mì", VN_ENC_UTF8 },
		{ "Crème brûlée, naïve café, Ærøskøbing, Straße", VN_ENC_UTF8 },
		{ "Copyright © 2021 ® ™ — ½ price", VN_ENC_UTF8 },
		{ "Đảng ủy Thành phố", VN_ENC_UTF8 },
		{ "plain ascii", VN_ENC_UTF8 },
	};
	struct buf b = BUF_INIT;
	struct vn_report rep;
	struct dd_error err;
	const char *t = "§¶ng Céng s¶n ViÖt Nam";
	(void)state;
	/* a whole paragraph in each single-byte encoding, read as Windows-1252 and saved as
	 * UTF-8 (the mojibake encoder does exactly that to any bytes) */
	for (size_t k = 0; k < 3; k++) {
		static const enum vn_encoding e3[] = { VN_ENC_TCVN3, VN_ENC_VNI, VN_ENC_CP1258 };
		size_t len;
		char *x = enc(e3[k], paragraph, &len);
		struct buf m = BUF_INIT;
		assert_int_equal(vn_encode(VN_ENC_MOJIBAKE, x, len, &m), 0);
		assert_int_equal(vn_detect_legacy_text(m.ptr, m.len), e3[k]);
		assert_int_equal(vn_normalize(m.ptr, m.len, &b, &rep, &err), 0);
		assert_string_equal(buf_str(&b), paragraph);
		assert_int_equal(rep.encoding, e3[k]);
		buf_reset(&b);
		buf_release(&m);
		free(x);
	}
	for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
		enum vn_encoding got = vn_detect_legacy_text(v[k].s, strlen(v[k].s));
		if (got != v[k].want)
			fail_msg("'%s' detected as %s, want %s", v[k].s, vn_encoding_name(got),
				 vn_encoding_name(v[k].want));
	}
	/* the whole pipeline repairs it */
	assert_int_equal(vn_normalize(t, strlen(t), &b, &rep, &err), 0);
	assert_string_equal(buf_str(&b), "Đảng Cộng sản Việt Nam");
	assert_int_equal(rep.encoding, VN_ENC_TCVN3);
	buf_release(&b);
}

static void test_normalize_legacy(void **state)
{
	struct buf b = BUF_INIT;
	struct vn_report rep;
	struct dd_error err;
	const char *t = "\xa7\xb6ng \xf1y th\xb5nh ph\xe8 C\xc7n Th\xac\r\n";
	(void)state;
	assert_int_equal(vn_normalize(t, strlen(t), &b, &rep, &err), 0);
	assert_string_equal(buf_str(&b), "Đảng ủy thành phố Cần Thơ\n");
	assert_int_equal(rep.encoding, VN_ENC_TCVN3);
	assert_string_equal(rep.repairs[0], "tcvn3-to-unicode");
	buf_reset(&b);
	/* invalid UTF-8 that is no legacy encoding: the offset is named */
	assert_int_equal(vn_normalize("Le caf\xe9 est bon", 15, &b, &rep, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_string_equal(err.msg, "invalid UTF-8 at byte 6");
	buf_reset(&b);
	/* mojibake */
	t = "Vi\xc3\xa1\xc2\xbb\xe2\x80\xa1t Nam";
	assert_int_equal(vn_normalize(t, strlen(t), &b, &rep, &err), 0);
	assert_string_equal(buf_str(&b), "Việt Nam");
	assert_int_equal(rep.encoding, VN_ENC_MOJIBAKE);
	buf_release(&b);
	assert_string_equal(vn_encoding_name(VN_ENC_TCVN3), "tcvn3");
	assert_string_equal(vn_encoding_name(VN_ENC_UTF8), "utf-8");
	assert_string_equal(vn_encoding_name((enum vn_encoding)99), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_letters_table), cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_vectors),       cmocka_unit_test(test_detect),
		cmocka_unit_test(test_no_misfire),    cmocka_unit_test(test_decode_text),
		cmocka_unit_test(test_detect_legacy_text), cmocka_unit_test(test_normalize_legacy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
