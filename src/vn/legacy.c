/* legacy.c - the letter table; TCVN3, VNI, VIQR, CP1258, mojibake: detection and conversion */
#include "legacy.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "utf8.h"

/* The 67 letter pairs: upper, lower, vowel index ("aăâeêioôơuưy", 12 = đ), tone (0 none,
 * 1 grave, 2 acute, 3 hook, 4 tilde, 5 dot), TCVN3 byte of the lower-case letter, TCVN3
 * byte of the upper-case letter (only Ă Â Ê Ô Ơ Ư Đ have one). */
static const struct letter {
	uint16_t upper, lower;
	unsigned char vowel, tone, tcvn3, tcvn3_upper;
} letters[67] = {
	{ 0x00C0, 0x00E0,  0, 1, 0xB5, 0x00 },
	{ 0x00C1, 0x00E1,  0, 2, 0xB8, 0x00 },
	{ 0x1EA2, 0x1EA3,  0, 3, 0xB6, 0x00 },
	{ 0x00C3, 0x00E3,  0, 4, 0xB7, 0x00 },
	{ 0x1EA0, 0x1EA1,  0, 5, 0xB9, 0x00 },
	{ 0x0102, 0x0103,  1, 0, 0xA8, 0xA1 },
	{ 0x1EB0, 0x1EB1,  1, 1, 0xBB, 0x00 },
	{ 0x1EAE, 0x1EAF,  1, 2, 0xBE, 0x00 },
	{ 0x1EB2, 0x1EB3,  1, 3, 0xBC, 0x00 },
	{ 0x1EB4, 0x1EB5,  1, 4, 0xBD, 0x00 },
	{ 0x1EB6, 0x1EB7,  1, 5, 0xC6, 0x00 },
	{ 0x00C2, 0x00E2,  2, 0, 0xA9, 0xA2 },
	{ 0x1EA6, 0x1EA7,  2, 1, 0xC7, 0x00 },
	{ 0x1EA4, 0x1EA5,  2, 2, 0xCA, 0x00 },
	{ 0x1EA8, 0x1EA9,  2, 3, 0xC8, 0x00 },
	{ 0x1EAA, 0x1EAB,  2, 4, 0xC9, 0x00 },
	{ 0x1EAC, 0x1EAD,  2, 5, 0xCB, 0x00 },
	{ 0x00C8, 0x00E8,  3, 1, 0xCC, 0x00 },
	{ 0x00C9, 0x00E9,  3, 2, 0xD0, 0x00 },
	{ 0x1EBA, 0x1EBB,  3, 3, 0xCE, 0x00 },
	{ 0x1EBC, 0x1EBD,  3, 4, 0xCF, 0x00 },
	{ 0x1EB8, 0x1EB9,  3, 5, 0xD1, 0x00 },
	{ 0x00CA, 0x00EA,  4, 0, 0xAA, 0xA3 },
	{ 0x1EC0, 0x1EC1,  4, 1, 0xD2, 0x00 },
	{ 0x1EBE, 0x1EBF,  4, 2, 0xD5, 0x00 },
	{ 0x1EC2, 0x1EC3,  4, 3, 0xD3, 0x00 },
	{ 0x1EC4, 0x1EC5,  4, 4, 0xD4, 0x00 },
	{ 0x1EC6, 0x1EC7,  4, 5, 0xD6, 0x00 },
	{ 0x00CC, 0x00EC,  5, 1, 0xD7, 0x00 },
	{ 0x00CD, 0x00ED,  5, 2, 0xDD, 0x00 },
	{ 0x1EC8, 0x1EC9,  5, 3, 0xD8, 0x00 },
	{ 0x0128, 0x0129,  5, 4, 0xDC, 0x00 },
	{ 0x1ECA, 0x1ECB,  5, 5, 0xDE, 0x00 },
	{ 0x00D2, 0x00F2,  6, 1, 0xDF, 0x00 },
	{ 0x00D3, 0x00F3,  6, 2, 0xE3, 0x00 },
	{ 0x1ECE, 0x1ECF,  6, 3, 0xE1, 0x00 },
	{ 0x00D5, 0x00F5,  6, 4, 0xE2, 0x00 },
	{ 0x1ECC, 0x1ECD,  6, 5, 0xE4, 0x00 },
	{ 0x00D4, 0x00F4,  7, 0, 0xAB, 0xA4 },
	{ 0x1ED2, 0x1ED3,  7, 1, 0xE5, 0x00 },
	{ 0x1ED0, 0x1ED1,  7, 2, 0xE8, 0x00 },
	{ 0x1ED4, 0x1ED5,  7, 3, 0xE6, 0x00 },
	{ 0x1ED6, 0x1ED7,  7, 4, 0xE7, 0x00 },
	{ 0x1ED8, 0x1ED9,  7, 5, 0xE9, 0x00 },
	{ 0x01A0, 0x01A1,  8, 0, 0xAC, 0xA5 },
	{ 0x1EDC, 0x1EDD,  8, 1, 0xEA, 0x00 },
	{ 0x1EDA, 0x1EDB,  8, 2, 0xED, 0x00 },
	{ 0x1EDE, 0x1EDF,  8, 3, 0xEB, 0x00 },
	{ 0x1EE0, 0x1EE1,  8, 4, 0xEC, 0x00 },
	{ 0x1EE2, 0x1EE3,  8, 5, 0xEE, 0x00 },
	{ 0x00D9, 0x00F9,  9, 1, 0xEF, 0x00 },
	{ 0x00DA, 0x00FA,  9, 2, 0xF3, 0x00 },
	{ 0x1EE6, 0x1EE7,  9, 3, 0xF1, 0x00 },
	{ 0x0168, 0x0169,  9, 4, 0xF2, 0x00 },
	{ 0x1EE4, 0x1EE5,  9, 5, 0xF4, 0x00 },
	{ 0x01AF, 0x01B0, 10, 0, 0xAD, 0xA6 },
	{ 0x1EEA, 0x1EEB, 10, 1, 0xF5, 0x00 },
	{ 0x1EE8, 0x1EE9, 10, 2, 0xF8, 0x00 },
	{ 0x1EEC, 0x1EED, 10, 3, 0xF6, 0x00 },
	{ 0x1EEE, 0x1EEF, 10, 4, 0xF7, 0x00 },
	{ 0x1EF0, 0x1EF1, 10, 5, 0xF9, 0x00 },
	{ 0x1EF2, 0x1EF3, 11, 1, 0xFA, 0x00 },
	{ 0x00DD, 0x00FD, 11, 2, 0xFD, 0x00 },
	{ 0x1EF6, 0x1EF7, 11, 3, 0xFB, 0x00 },
	{ 0x1EF8, 0x1EF9, 11, 4, 0xFC, 0x00 },
	{ 0x1EF4, 0x1EF5, 11, 5, 0xFE, 0x00 },
	{ 0x0110, 0x0111, 12, 0, 0xAE, 0xA7 },
};

/* Code point -> 1 + 2 * row + upper, for the two ranges the letters live in. */
static const unsigned char lut_latin[0x1B0 - 0xC0 + 1] = {
	2, 4, 24, 8, 0, 0, 0, 0, 36, 38, 46, 0, 58, 60, 0, 0,
	0, 0, 68, 70, 78, 74, 0, 0, 0, 102, 104, 0, 0, 126, 0, 0,
	1, 3, 23, 7, 0, 0, 0, 0, 35, 37, 45, 0, 57, 59, 0, 0,
	0, 0, 67, 69, 77, 73, 0, 0, 0, 101, 103, 0, 0, 125, 0, 0,
	0, 0, 12, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	134, 133, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 64, 63, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 108, 107, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	90, 89, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 112,
	111,
};
static const unsigned char lut_ext[0x1EF9 - 0x1EA0 + 1] = {
	10, 9, 6, 5, 28, 27, 26, 25, 30, 29, 32, 31, 34, 33, 16, 15,
	14, 13, 18, 17, 20, 19, 22, 21, 44, 43, 40, 39, 42, 41, 50, 49,
	48, 47, 52, 51, 54, 53, 56, 55, 62, 61, 66, 65, 76, 75, 72, 71,
	82, 81, 80, 79, 84, 83, 86, 85, 88, 87, 94, 93, 92, 91, 96, 95,
	98, 97, 100, 99, 110, 109, 106, 105, 116, 115, 114, 113, 118, 117, 120, 119,
	122, 121, 124, 123, 132, 131, 128, 127, 130, 129,
};

static const char vowel_ascii[13] = "aaaeeiooouuyd";

int vn_letter_info(uint32_t cp, struct vn_letter_info *out)
{
	unsigned v = 0;
	const struct letter *l;

	if (cp < 0x80) {
		switch (cp | 0x20) {
		case 'a': v = 0; break;
		case 'e': v = 3; break;
		case 'i': v = 5; break;
		case 'o': v = 6; break;
		case 'u': v = 9; break;
		case 'y': v = 11; break;
		default: return 0;
		}
		if (cp < 'A' || (cp > 'Z' && cp < 'a') || cp > 'z')
			return 0;
		out->vowel = v;
		out->tone = 0;
		out->upper = cp < 'a';
		return 1;
	}
	if (cp >= 0xC0 && cp <= 0x1B0)
		v = lut_latin[cp - 0xC0];
	else if (cp >= 0x1EA0 && cp <= 0x1EF9)
		v = lut_ext[cp - 0x1EA0];
	if (!v)
		return 0;
	l = &letters[(v - 1) / 2];
	out->vowel = l->vowel;
	out->tone = l->tone;
	out->upper = (v - 1) % 2;
	return 1;
}

/* Lower-case letters by vowel index and tone (the letter table, arranged for lookup). */
static const uint16_t make_tab[12][6] = {
	{ 0x0061, 0x00E0, 0x00E1, 0x1EA3, 0x00E3, 0x1EA1 },
	{ 0x0103, 0x1EB1, 0x1EAF, 0x1EB3, 0x1EB5, 0x1EB7 },
	{ 0x00E2, 0x1EA7, 0x1EA5, 0x1EA9, 0x1EAB, 0x1EAD },
	{ 0x0065, 0x00E8, 0x00E9, 0x1EBB, 0x1EBD, 0x1EB9 },
	{ 0x00EA, 0x1EC1, 0x1EBF, 0x1EC3, 0x1EC5, 0x1EC7 },
	{ 0x0069, 0x00EC, 0x00ED, 0x1EC9, 0x0129, 0x1ECB },
	{ 0x006F, 0x00F2, 0x00F3, 0x1ECF, 0x00F5, 0x1ECD },
	{ 0x00F4, 0x1ED3, 0x1ED1, 0x1ED5, 0x1ED7, 0x1ED9 },
	{ 0x01A1, 0x1EDD, 0x1EDB, 0x1EDF, 0x1EE1, 0x1EE3 },
	{ 0x0075, 0x00F9, 0x00FA, 0x1EE7, 0x0169, 0x1EE5 },
	{ 0x01B0, 0x1EEB, 0x1EE9, 0x1EED, 0x1EEF, 0x1EF1 },
	{ 0x0079, 0x1EF3, 0x00FD, 0x1EF7, 0x1EF9, 0x1EF5 },
};

uint32_t vn_letter_make(unsigned vowel, unsigned tone, int upper)
{
	uint32_t c;

	if (vowel > 12 || tone > 5)
		return 0;
	if (vowel == 12)
		return tone ? 0 : upper ? 0x110 : 0x111;
	c = make_tab[vowel][tone];
	if (!upper)
		return c;
	if (c < 0x100)
		return c - 0x20;
	if (c >= 0x1EA0)
		return c - 1;
	return c == 0x1B0 ? 0x1AF : c - 1; /* ă ĩ ũ ơ: upper = lower - 1; ư = U+01AF */
}

char vn_vowel_ascii(unsigned vowel)
{
	return vowel < 13 ? vowel_ascii[vowel] : '?';
}

const char *const *vn_letters(size_t *n)
{
	static const char *const names[134] = {
		"À", "à", "Á", "á", "Ả", "ả", "Ã", "ã", "Ạ", "ạ", "Ă", "ă",
		"Ằ", "ằ", "Ắ", "ắ", "Ẳ", "ẳ", "Ẵ", "ẵ", "Ặ", "ặ", "Â", "â",
		"Ầ", "ầ", "Ấ", "ấ", "Ẩ", "ẩ", "Ẫ", "ẫ", "Ậ", "ậ", "È", "è",
		"É", "é", "Ẻ", "ẻ", "Ẽ", "ẽ", "Ẹ", "ẹ", "Ê", "ê", "Ề", "ề",
		"Ế", "ế", "Ể", "ể", "Ễ", "ễ", "Ệ", "ệ", "Ì", "ì", "Í", "í",
		"Ỉ", "ỉ", "Ĩ", "ĩ", "Ị", "ị", "Ò", "ò", "Ó", "ó", "Ỏ", "ỏ",
		"Õ", "õ", "Ọ", "ọ", "Ô", "ô", "Ồ", "ồ", "Ố", "ố", "Ổ", "ổ",
		"Ỗ", "ỗ", "Ộ", "ộ", "Ơ", "ơ", "Ờ", "ờ", "Ớ", "ớ", "Ở", "ở",
		"Ỡ", "ỡ", "Ợ", "ợ", "Ù", "ù", "Ú", "ú", "Ủ", "ủ", "Ũ", "ũ",
		"Ụ", "ụ", "Ư", "ư", "Ừ", "ừ", "Ứ", "ứ", "Ử", "ử", "Ữ", "ữ",
		"Ự", "ự", "Ỳ", "ỳ", "Ý", "ý", "Ỷ", "ỷ", "Ỹ", "ỹ", "Ỵ", "ỵ",
		"Đ", "đ",
	};
	*n = sizeof names / sizeof names[0];
	return names;
}

const char *vn_encoding_name(enum vn_encoding e)
{
	switch (e) {
	case VN_ENC_UTF8: return "utf-8";
	case VN_ENC_UTF16: return "utf-16";
	case VN_ENC_TCVN3: return "tcvn3";
	case VN_ENC_VNI: return "vni";
	case VN_ENC_VIQR: return "viqr";
	case VN_ENC_CP1258: return "cp1258";
	case VN_ENC_MOJIBAKE: return "mojibake";
	case VN_ENC_ASCII: return "ascii";
	default: return "unknown";
	}
}

/* ---- byte tables ---- */

/* Windows-1252 for 0x80..0x9F (undefined bytes map to the C1 control of the same value). */
static const uint16_t cp1252_hi[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

/* TCVN3 bytes 0x80..0xFF. VN3 (the ".VnTime" set) has letters only from 0xA1; the full
 * TCVN 5712 set (VN1, glibc "TCVN5712-1") adds upper-case toned letters in the gaps, which
 * are taken here too. 0xB0..0xB4 (VN1 combining tones) stay Latin-1 (a VN3 "°" is common).
 * 0x80..0x9F hold Windows-1252 symbols in VN3 files but VN1 letters in VN1 files: see
 * tcvn3_vn1_low, decided word by word. */
static const uint16_t tcvn3_hi[128] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
	0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110,
	0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0,
	0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00E0, 0x1EA3, 0x00E3,
	0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4,
	0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7,
	0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD,
	0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC,
	0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2,
	0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7,
	0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9,
	0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF,
	0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0,
};

/* VN1 upper-case letters at 0x80..0x9F and in C0 (0 = none). */
static const uint16_t tcvn3_vn1_low[32] = {
	0x00C0, 0x1EA2, 0x00C3, 0x00C1, 0x1EA0, 0x1EB6, 0x1EAC, 0x00C8,
	0x1EBA, 0x1EBC, 0x00C9, 0x1EB8, 0x1EC6, 0x00CC, 0x1EC8, 0x0128,
	0x00CD, 0x1ECA, 0x00D2, 0x1ECE, 0x00D5, 0x00D3, 0x1ECC, 0x1ED8,
	0x1EDC, 0x1EDE, 0x1EE0, 0x1EDA, 0x1EE2, 0x00D9, 0x1EE6, 0x0168,
};
static const uint16_t tcvn3_vn1_c0[32] = {
	0, 0x00DA, 0x1EE4, 0, 0x1EEA, 0x1EEC, 0x1EEE, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0x1EE8, 0x1EF0, 0x1EF2, 0x1EF6, 0x1EF8, 0x00DD, 0x1EF4, 0, 0, 0, 0, 0, 0, 0, 0,
};

static int is_syllable(const char *w, size_t n);

/* The VN1 letter a byte may stand for (0x01..0x17, 0x80..0x9F), or 0. */
static uint32_t vn1_letter(unsigned char b)
{
	if (b < 0x20)
		return tcvn3_vn1_c0[b];
	if (b >= 0x80 && b < 0xA0)
		return tcvn3_vn1_low[b - 0x80];
	return 0;
}

/* For an ambiguous byte at s[i]: 1 when reading it as a VN1 letter makes its word a
 * Vietnamese syllable ("\x9Ey" = "Ủy"), so a VN3 curly quote before a word stays a quote. */
static int vn1_word_ok(const unsigned char *s, size_t n, size_t i)
{
	size_t a = i, b = i + 1;
	struct buf tmp;
	int ok;

#define WORDB(c) (((c) | 0x20) >= 'a' && ((c) | 0x20) <= 'z' ? 1 : (c) >= 0xA1 && (c) != 0xB0 ? 1 : vn1_letter(c) != 0)
	while (a > 0 && i - a < 12 && WORDB(s[a - 1]))
		a--;
	while (b < n && b - i < 12 && WORDB(s[b]))
		b++;
#undef WORDB
	buf_init(&tmp, 63);
	for (size_t k = a; k < b; k++) {
		uint32_t cp = s[k] < 0x80 ? s[k] : s[k] >= 0xA0 ? tcvn3_hi[s[k] - 0x80] : 0;
		if (!cp || (s[k] < 0x20))
			cp = vn1_letter(s[k]);
		if (buf_addcp(&tmp, cp) < 0) {
			buf_release(&tmp);
			return 0;
		}
	}
	/* a lone letter proves nothing ("“" alone would read as "Ỏ") */
	ok = b - a >= 2 && is_syllable(buf_str(&tmp), tmp.len);
	buf_release(&tmp);
	return ok;
}

/* Windows-1258 bytes 0x80..0xFF (0 = undefined). Tones are combining bytes. */
static const uint16_t cp1258_hi[128] = {
	0x20AC, 0x0000, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0000, 0x2039, 0x0152, 0x0000, 0x0000, 0x0000,
	0x0000, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0000, 0x203A, 0x0153, 0x0000, 0x0000, 0x0178,
	0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
	0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
	0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
	0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,
	0x00C0, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
	0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x0300, 0x00CD, 0x00CE, 0x00CF,
	0x0110, 0x00D1, 0x0309, 0x00D3, 0x00D4, 0x01A0, 0x00D6, 0x00D7,
	0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x01AF, 0x0303, 0x00DF,
	0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x00E5, 0x00E6, 0x00E7,
	0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0301, 0x00ED, 0x00EE, 0x00EF,
	0x0111, 0x00F1, 0x0323, 0x00F3, 0x00F4, 0x01A1, 0x00F6, 0x00F7,
	0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x01B0, 0x20AB, 0x00FF,
};

/* CP1258 tone bytes by tone 1..5 (grave, acute, hook, tilde, dot). */
static const unsigned char cp1258_tone[6] = { 0, 0xCC, 0xEC, 0xD2, 0xDE, 0xF2 };

/* Byte of a Windows-1252 character, or -1. C1 code points stand for themselves (a
 * Latin-1 reading). */
static int cp1252_byte(uint32_t cp)
{
	if (cp <= 0xFF)
		return (int)cp;
	for (int i = 0; i < 32; i++)
		if (cp1252_hi[i] == cp)
			return 0x80 + i;
	return -1;
}

static int add_cp(struct buf *out, uint32_t cp)
{
	return buf_addcp(out, cp);
}

/* ---- TCVN3 ---- */

static int tcvn3_decode(const unsigned char *s, size_t n, struct buf *out)
{
	size_t i = 0, wstart = out->len;
	int nupper = 0, nlower = 0;

	while (i <= n) {
		uint32_t cp;
		struct vn_letter_info a, b;

		if (i == n || (s[i] < 0x80 && !((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') &&
			       !(vn1_letter(s[i]) && vn1_word_ok(s, n, i)))) {
			/* end of a word: a word typed in capitals with the lower-case toned
			 * letters of a .VnTimeH font ("CéNG HOµ") becomes all capitals */
			if (nupper >= 2 && nlower == 0 && out->len > wstart && out->len - wstart <= 64) {
				size_t wl = out->len - wstart;
				char w[64];
				size_t k = 0;
				memcpy(w, out->ptr + wstart, wl);
				buf_truncate(out, wstart);
				while (k < wl) {
					uint32_t c;
					struct vn_letter_info li;
					k += vn_utf8_next(w + k, wl - k, &c);
					if (vn_letter_info(c, &li))
						c = li.vowel == 12 ? 0x110 : vn_letter_make(li.vowel, li.tone, 1);
					else if (c >= 'a' && c <= 'z')
						c -= 32;
					if (add_cp(out, c) < 0)
						return -1;
				}
			}
			if (i == n)
				break;
			if (buf_addch(out, (char)s[i]) < 0)
				return -1;
			i++;
			wstart = out->len;
			nupper = nlower = 0;
			continue;
		}
		cp = s[i] < 0x80 ? s[i] : tcvn3_hi[s[i] - 0x80];
		if (vn1_letter(s[i]) && vn1_word_ok(s, n, i)) {
			cp = vn1_letter(s[i]);
			nupper++;
		}
		if (s[i] >= 'A' && s[i] <= 'Z')
			nupper++;
		else if (s[i] >= 'a' && s[i] <= 'z')
			nlower++;
		else if (s[i] >= 0xA1 && s[i] <= 0xA7)
			nupper++;
		/* an upper-case base followed by the lower-case toned form of the same vowel
		 * ("Aµ", "¢Ê") is the upper-case toned letter VN3 has no code for */
		if (i + 1 < n && s[i + 1] >= 0x80 && vn_letter_info(cp, &a) && a.upper && a.tone == 0 &&
		    vn_letter_info(tcvn3_hi[s[i + 1] - 0x80], &b) && !b.upper && b.tone && b.vowel == a.vowel) {
			if (add_cp(out, vn_letter_make(a.vowel, b.tone, 1)) < 0)
				return -1;
			i += 2;
			continue;
		}
		if (add_cp(out, cp) < 0)
			return -1;
		i++;
	}
	return 0;
}

static int tcvn3_encode_cp(uint32_t cp, struct buf *out)
{
	struct vn_letter_info li;
	const struct letter *l = NULL;

	if (cp < 0x80)
		return buf_addch(out, (char)cp);
	if (vn_letter_info(cp, &li)) {
		for (size_t i = 0; i < 67; i++)
			if (letters[i].vowel == li.vowel && letters[i].tone == li.tone)
				l = &letters[i];
		if (!l)
			return buf_addch(out, '?');
		if (!li.upper)
			return buf_addch(out, (char)l->tcvn3);
		if (l->tcvn3_upper)
			return buf_addch(out, (char)l->tcvn3_upper);
		/* upper-case toned: upper-case base, then the lower-case toned letter */
		{
			uint32_t base = vn_letter_make(li.vowel, 0, 1);
			if (tcvn3_encode_cp(base, out) < 0)
				return -1;
			return buf_addch(out, (char)l->tcvn3);
		}
	}
	for (int b = 0; b < 128; b++)
		if (tcvn3_hi[b] == cp)
			return buf_addch(out, (char)(0x80 + b));
	return buf_addch(out, '?');
}

/* ---- VNI-Windows ---- */

/* Mark bytes (lower-case forms): tones, circumflex + tone, breve + tone. */
static const unsigned char vni_tone[6] = { 0, 0xF8, 0xF9, 0xFB, 0xF5, 0xEF };
static const unsigned char vni_circ[6] = { 0xE2, 0xE0, 0xE1, 0xE5, 0xE3, 0xE4 };
static const unsigned char vni_breve[6] = { 0xEA, 0xE8, 0xE9, 0xFA, 0xFC, 0xEB };
/* i with tones and ỵ are single bytes. */
static const unsigned char vni_i[6] = { 'i', 0xEC, 0xED, 0xE6, 0xF3, 0xF2 };

static int find_byte(const unsigned char *t, unsigned char b)
{
	for (int k = 0; k < 6; k++)
		if (t[k] == b)
			return k;
	return -1;
}

/* The VNI bytes of a letter (1 or 2) into o; returns the count, 0 when none. */
static int vni_letter(const struct vn_letter_info *li, unsigned char o[2])
{
	/* the base byte: ơ = ô, ư = ö, đ = ñ */
	static const unsigned char base[13] = { 'a', 'a', 'a', 'e', 'e', 'i', 'o', 'o', 0xF4, 'u', 0xF6, 'y', 0xF1 };
	unsigned char up = li->upper ? 0x20 : 0, mark = 0;
	unsigned v = li->vowel, t = li->tone;

	if (v == 5) {
		o[0] = (unsigned char)(vni_i[t] - up);
		return 1;
	}
	if (v == 11 && t == 5) {
		o[0] = (unsigned char)(0xEE - up);
		return 1;
	}
	o[0] = (unsigned char)(base[v] - up);
	if (v == 1)
		mark = vni_breve[t];
	else if (v == 2 || v == 4 || v == 7)
		mark = vni_circ[t];
	else if (t)
		mark = vni_tone[t];
	if (!mark)
		return 1;
	o[1] = (unsigned char)(mark - up);
	return 2;
}

/* Letter from a VNI base byte b and mark byte m; 0 when they do not combine. */
static uint32_t vni_pair(unsigned char b, unsigned char m)
{
	int upper = (b >= 'A' && b <= 'Z') || (b >= 0xC0 && b <= 0xDE);
	unsigned char lb = upper ? (unsigned char)(b + 0x20) : b;
	unsigned char lm = (m >= 0xC0 && m <= 0xDE) ? (unsigned char)(m + 0x20) : m;
	int k;

	switch (lb) {
	case 'a':
		if ((k = find_byte(vni_breve, lm)) >= 0)
			return vn_letter_make(1, (unsigned)k, upper);
		if ((k = find_byte(vni_circ, lm)) >= 0)
			return vn_letter_make(2, (unsigned)k, upper);
		if ((k = find_byte(vni_tone, lm)) > 0)
			return vn_letter_make(0, (unsigned)k, upper);
		return 0;
	case 'e':
	case 'o':
		if ((k = find_byte(vni_circ, lm)) >= 0)
			return vn_letter_make(lb == 'e' ? 4 : 7, (unsigned)k, upper);
		if ((k = find_byte(vni_tone, lm)) > 0)
			return vn_letter_make(lb == 'e' ? 3 : 6, (unsigned)k, upper);
		return 0;
	case 'u':
	case 'y':
	case 0xF4:
	case 0xF6:
		if ((k = find_byte(vni_tone, lm)) > 0) {
			unsigned v = lb == 'u' ? 9 : lb == 'y' ? 11 : lb == 0xF4 ? 8 : 10;
			if (v == 11 && k == 5)
				return 0; /* ỵ is the single byte î */
			return vn_letter_make(v, (unsigned)k, upper);
		}
		return 0;
	default:
		return 0;
	}
}

/* Single VNI bytes that are letters: ơ ư đ, i with tones, ỵ. */
static uint32_t vni_single(unsigned char b)
{
	int upper = b >= 0xC0 && b <= 0xDE;
	unsigned char lb = upper ? (unsigned char)(b + 0x20) : b;
	int k;

	switch (lb) {
	case 0xF4: return upper ? 0x1A0 : 0x1A1;
	case 0xF6: return upper ? 0x1AF : 0x1B0;
	case 0xF1: return upper ? 0x110 : 0x111;
	case 0xEE: return upper ? 0x1EF4 : 0x1EF5;
	default: break;
	}
	if ((k = find_byte(vni_i, lb)) > 0)
		return vn_letter_make(5, (unsigned)k, upper);
	return 0;
}

static int vni_decode(const unsigned char *s, size_t n, struct buf *out)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp = 0;
		if (i + 1 < n && s[i + 1] >= 0xC0 && (cp = vni_pair(s[i], s[i + 1]))) {
			i += 2;
		} else if (s[i] < 0x80) {
			cp = s[i++];
		} else if (!(cp = vni_single(s[i]))) {
			cp = s[i] < 0xA0 ? cp1252_hi[s[i] - 0x80] : s[i];
			i++;
		} else {
			i++;
		}
		if (add_cp(out, cp) < 0)
			return -1;
	}
	return 0;
}

static int vni_encode_cp(uint32_t cp, struct buf *out)
{
	struct vn_letter_info li;
	unsigned char o[2];
	int b;

	if (cp == 0x110 || cp == 0x111)
		return buf_addch(out, cp == 0x110 ? (char)0xD1 : (char)0xF1);
	if (cp >= 0x80 && vn_letter_info(cp, &li)) {
		int k = vni_letter(&li, o);
		return buf_add(out, o, (size_t)k);
	}
	b = cp1252_byte(cp);
	return buf_addch(out, b < 0 ? '?' : (char)b);
}

/* ---- Windows-1258 ---- */

static int cp1258_decode(const unsigned char *s, size_t n, struct buf *out)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t cp = s[i] < 0x80 ? s[i] : cp1258_hi[s[i] - 0x80];
		if (!cp)
			cp = s[i]; /* undefined: keep the C1 code point, later removed as control */
		if (add_cp(out, cp) < 0)
			return -1;
	}
	return 0;
}

static int cp1258_encode_cp(uint32_t cp, struct buf *out)
{
	struct vn_letter_info li;

	for (int b = 0; b < 128; b++)
		if (cp1258_hi[b] == cp && cp >= 0x80)
			return buf_addch(out, (char)(0x80 + b));
	if (cp < 0x80)
		return buf_addch(out, (char)cp);
	if (vn_letter_info(cp, &li) && li.tone) {
		uint32_t base = vn_letter_make(li.vowel, 0, li.upper);
		if (cp1258_encode_cp(base, out) < 0)
			return -1;
		return buf_addch(out, (char)cp1258_tone[li.tone]);
	}
	return buf_addch(out, '?');
}

/* ---- VIQR (RFC 1456) ---- */

static const char viqr_tone[6] = { 0, '`', '\'', '?', '~', '.' };

static int is_ascii_letter(int c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int viqr_tone_of(int c)
{
	for (int k = 1; k < 6; k++)
		if (viqr_tone[k] == c)
			return k;
	return 0;
}

/* The vowel index that vowel mark m makes of ASCII vowel c (-1: none). */
static int viqr_mark(int c, int m)
{
	c |= 0x20;
	if (m == '(' && c == 'a')
		return 1;
	if (m == '^')
		return c == 'a' ? 2 : c == 'e' ? 4 : c == 'o' ? 7 : -1;
	if (m == '+')
		return c == 'o' ? 8 : c == 'u' ? 10 : -1;
	return -1;
}

static int viqr_decode(const unsigned char *s, size_t n, struct buf *out)
{
	size_t i = 0;
	int toned = 0; /* the current word already has a tone mark */

	while (i < n) {
		struct vn_letter_info li;
		int c = s[i];
		int word_start = i == 0 || !is_ascii_letter(s[i - 1]);

		if ((c == 'd' || c == 'D') && word_start && i + 1 < n && (s[i + 1] | 0x20) == 'd') {
			if (add_cp(out, c == 'D' ? 0x110 : 0x111) < 0)
				return -1;
			toned = 0;
			i += 2;
			continue;
		}
		if (c == '\\' && i + 1 < n && i > 0 && is_ascii_letter(s[i - 1]) &&
		    (viqr_tone_of(s[i + 1]) || s[i + 1] == '^' || s[i + 1] == '(' || s[i + 1] == '+')) {
			if (buf_addch(out, (char)s[i + 1]) < 0)
				return -1;
			i += 2;
			continue;
		}
		if (c < 0x80 && vn_letter_info((uint32_t)c, &li)) {
			size_t j = i + 1;
			unsigned v = li.vowel, t = 0;
			int vm;
			if (j < n && (vm = viqr_mark(c, s[j])) >= 0) {
				v = (unsigned)vm;
				j++;
			}
			/* RFC 1456: a mark character after a vowel is a mark unless escaped; a
			 * word has one tone, so a second one is punctuation ("No^.i.", "Co'?") */
			if (j < n && viqr_tone_of(s[j]) && (!toned || (j + 1 < n && is_ascii_letter(s[j + 1])))) {
				t = (unsigned)viqr_tone_of(s[j]);
				toned = 1;
				j++;
			}
			if (add_cp(out, vn_letter_make(v, t, li.upper)) < 0)
				return -1;
			i = j;
			continue;
		}
		if (!is_ascii_letter(c))
			toned = 0;
		if (buf_addch(out, (char)c) < 0)
			return -1;
		i++;
	}
	return 0;
}

static int viqr_encode(const char *s, size_t n, struct buf *out)
{
	size_t i = 0;
	int prev_vowel = 0;

	while (i < n) {
		uint32_t cp;
		struct vn_letter_info li;
		i += vn_utf8_next(s + i, n - i, &cp);
		if (cp == 0x110 || cp == 0x111) {
			if (buf_add(out, cp == 0x110 ? "DD" : "dd", 2) < 0)
				return -1;
			prev_vowel = 0;
			continue;
		}
		if (vn_letter_info(cp, &li)) {
			static const char vmark[12] = { 0, '(', '^', 0, '^', 0, 0, '^', '+', 0, '+', 0 };
			char c = vn_vowel_ascii(li.vowel);
			if (buf_addch(out, li.upper ? (char)(c - 32) : c) < 0)
				return -1;
			if (vmark[li.vowel] && buf_addch(out, vmark[li.vowel]) < 0)
				return -1;
			if (li.tone && buf_addch(out, viqr_tone[li.tone]) < 0)
				return -1;
			prev_vowel = 1;
			continue;
		}
		if (cp >= 0x80) {
			if (buf_addch(out, '?') < 0)
				return -1;
			prev_vowel = 0;
			continue;
		}
		/* a literal mark character right after a vowel is escaped */
		if (prev_vowel && (viqr_tone_of((int)cp) || cp == '^' || cp == '(' || cp == '+') &&
		    buf_addch(out, '\\') < 0)
			return -1;
		if (buf_addch(out, (char)cp) < 0)
			return -1;
		prev_vowel = 0;
	}
	return 0;
}

/* ---- mojibake: UTF-8 read as Windows-1252 and saved again ---- */

/* Length of a mojibake sequence at s (valid UTF-8): characters that are the Windows-1252
 * reading of one UTF-8 multi-byte sequence; *cp the original character; 0 when none. */
static size_t mojibake_at(const char *s, size_t n, uint32_t *cp)
{
	unsigned char bytes[4];
	size_t i = 0, need, k;
	uint32_t c;
	int b;

	i += vn_utf8_next(s, n, &c);
	b = cp1252_byte(c);
	if (b < 0xC2 || b > 0xF4)
		return 0;
	need = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
	bytes[0] = (unsigned char)b;
	for (k = 1; k < need; k++) {
		if (i >= n)
			return 0;
		i += vn_utf8_next(s + i, n - i, &c);
		b = cp1252_byte(c);
		if (b < 0x80 || b > 0xBF)
			return 0;
		bytes[k] = (unsigned char)b;
	}
	if (vn_utf8_next((const char *)bytes, need, cp) != need)
		return 0;
	return i;
}

static int mojibake_decode(const char *s, size_t n, struct buf *out)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t len;
		if ((unsigned char)s[i] < 0x80) {
			if (buf_addch(out, s[i]) < 0)
				return -1;
			i++;
			continue;
		}
		len = mojibake_at(s + i, n - i, &cp);
		if (len) {
			if (add_cp(out, cp) < 0)
				return -1;
			i += len;
			continue;
		}
		len = vn_utf8_next(s + i, n - i, &cp);
		if (buf_add(out, s + i, len) < 0)
			return -1;
		i += len;
	}
	return 0;
}

static int mojibake_encode(const char *s, size_t n, struct buf *out)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		uint32_t cp = b < 0x80 ? b : b < 0xA0 ? cp1252_hi[b - 0x80] : b;
		if (add_cp(out, cp) < 0)
			return -1;
	}
	return 0;
}

/* ---- public conversion ---- */

int vn_decode(enum vn_encoding e, const char *s, size_t n, struct buf *out)
{
	struct buf tmp = BUF_INIT;
	const unsigned char *u = (const unsigned char *)s;
	int rc;

	buf_init(&tmp, out->max && out->max < SIZE_MAX / 4 ? out->max * 2 + 16 : 0);
	switch (e) {
	case VN_ENC_TCVN3: rc = tcvn3_decode(u, n, &tmp); break;
	case VN_ENC_VNI: rc = vni_decode(u, n, &tmp); break;
	case VN_ENC_VIQR: rc = viqr_decode(u, n, &tmp); break;
	case VN_ENC_CP1258: rc = cp1258_decode(u, n, &tmp); break;
	case VN_ENC_MOJIBAKE: rc = mojibake_decode(s, n, &tmp); break;
	case VN_ENC_UTF16: {
		struct dd_error err;
		rc = vn_utf16_to_utf8(s, n, &tmp, &err);
		break;
	}
	default: rc = buf_add(&tmp, s, n); break;
	}
	if (rc == 0)
		rc = vn_nfc(buf_str(&tmp), tmp.len, out, 0, NULL);
	buf_release(&tmp);
	return rc;
}

int vn_encode(enum vn_encoding e, const char *utf8, size_t n, struct buf *out)
{
	size_t i = 0;

	if (e == VN_ENC_VIQR)
		return viqr_encode(utf8, n, out);
	if (e == VN_ENC_MOJIBAKE)
		return mojibake_encode(utf8, n, out);
	if (e != VN_ENC_TCVN3 && e != VN_ENC_VNI && e != VN_ENC_CP1258)
		return buf_add(out, utf8, n);
	while (i < n) {
		uint32_t cp;
		int rc;
		i += vn_utf8_next(utf8 + i, n - i, &cp);
		rc = e == VN_ENC_TCVN3 ? tcvn3_encode_cp(cp, out) : e == VN_ENC_VNI ? vni_encode_cp(cp, out)
										   : cp1258_encode_cp(cp, out);
		if (rc < 0)
			return -1;
	}
	if (!out->ptr)
		return buf_add(out, "", 0);
	return 0;
}

int vn_decode_text(enum vn_encoding e, const char *utf8, size_t n, struct buf *out)
{
	struct buf bytes = BUF_INIT;
	size_t i = 0;
	int rc = -1;

	buf_init(&bytes, out->max);
	while (i < n) {
		uint32_t cp;
		int b;
		i += vn_utf8_next(utf8 + i, n - i, &cp);
		b = cp1252_byte(cp);
		if (b < 0 && cp >= 0x100) {
			/* not a legacy byte: this text is Unicode after all */
			buf_release(&bytes);
			return vn_nfc(utf8, n, out, 1, NULL);
		}
		if (buf_addch(&bytes, (char)(b < 0 ? '?' : b)) < 0)
			goto out;
	}
	rc = vn_decode(e, buf_str(&bytes), bytes.len, out);
out:
	buf_release(&bytes);
	return rc;
}

/* ---- detection ---- */

/* Valid vowel nuclei and finals, in a skeleton where ă â ê ô ơ ư are 1 2 3 4 5 6. */
static const char *const nuclei[] = {
	"uy3", "uya", "uyu", "y3u", "i3u", "oai", "oao", "oay", "oeo", "u2y", "u4i", "65i", "65u",
	"ai", "ao", "au", "2u", "ay", "2y", "eo", "3u", "ia", "i3", "iu", "oa", "o1", "oe", "oi",
	"4i", "5i", "oo", "ua", "u2", "u3", "ui", "u4", "u5", "uy", "6a", "6i", "65", "6u", "y3",
	"a", "1", "2", "e", "3", "i", "o", "4", "5", "u", "6", "y",
};
static const char *const initials[] = {
	"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "D", "g",
	"h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
};
static const char *const finals[] = { "", "c", "ch", "m", "n", "ng", "nh", "p", "t" };

static int rhyme_ok(const char *r)
{
	for (size_t k = 0; k < sizeof nuclei / sizeof nuclei[0]; k++) {
		size_t len = strlen(nuclei[k]);
		if (strncmp(r, nuclei[k], len) != 0)
			continue;
		for (size_t f = 0; f < sizeof finals / sizeof finals[0]; f++)
			if (strcmp(r + len, finals[f]) == 0)
				return 1;
	}
	return 0;
}

/* 1 when the UTF-8 word w[0..n) is a possible Vietnamese syllable (one tone at most). */
static int is_syllable(const char *w, size_t n)
{
	static const char skel[12] = { 'a', '1', '2', 'e', '3', 'i', 'o', '4', '5', 'u', '6', 'y' };
	char k[16];
	size_t nk = 0, i = 0;
	int tones = 0;

	while (i < n) {
		uint32_t cp;
		struct vn_letter_info li;
		i += vn_utf8_next(w + i, n - i, &cp);
		if (nk + 1 >= sizeof k)
			return 0;
		if (vn_letter_info(cp, &li)) {
			k[nk++] = li.vowel == 12 ? 'D' : skel[li.vowel];
			tones += li.tone != 0;
		} else if (cp < 0x80 && is_ascii_letter((int)cp)) {
			k[nk++] = (char)(cp | 0x20);
		} else {
			return 0;
		}
	}
	k[nk] = '\0';
	if (tones > 1 || nk == 0)
		return 0;
	for (size_t j = 0; j < sizeof initials / sizeof initials[0]; j++) {
		size_t len = strlen(initials[j]);
		if (strncmp(k, initials[j], len) == 0 && k[len] && rhyme_ok(k + len))
			return 1;
	}
	return 0;
}

static int is_word_cp(uint32_t cp)
{
	struct vn_letter_info li;
	return (cp < 0x80 && is_ascii_letter((int)cp)) || vn_letter_info(cp, &li) || cp == 0x110 ||
	       cp == 0x111 || (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

/* Score UTF-8 text: words with a non-ASCII letter that are valid syllables minus those that
 * are not (per mille of such words); *nvalid = the valid ones. Symbols in words count bad. */
static long score_text(const char *s, size_t n, long *nvalid)
{
	size_t i = 0;
	long good = 0, bad = 0;

	while (i < n) {
		size_t start = i, end, nchars = 0;
		int nonascii = 0, junk = 0;
		uint32_t cp;
		/* a token: letters plus any non-ASCII character (symbols make it junk) */
		while (i < n) {
			size_t len = vn_utf8_next(s + i, n - i, &cp);
			if (cp < 0x80 && !is_ascii_letter((int)cp))
				break;
			nchars++;
			if (cp >= 0x80) {
				nonascii = 1;
				if (!is_word_cp(cp))
					junk = 1;
			}
			i += len;
		}
		end = i;
		if (end == start) {
			i++;
			continue;
		}
		/* lone characters prove nothing either way ("à", "©", "ở") */
		if (!nonascii || nchars < 2)
			continue;
		if (!junk && is_syllable(s + start, end - start))
			good++;
		else
			bad++;
	}
	*nvalid = good;
	if (good + bad == 0)
		return 0;
	return (good - bad) * 1000 / (good + bad);
}

/* VIQR signals in ASCII text: marks inside words ("Vie^.t", "sa?n") and "dd" starts. */
static int viqr_signals(const char *s, size_t n, size_t *nwords)
{
	int sig = 0;
	*nwords = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		struct vn_letter_info li;
		if (is_ascii_letter(c) && (i == 0 || !is_ascii_letter((unsigned char)s[i - 1])))
			(*nwords)++;
		if (!vn_letter_info(c, &li) || i + 2 >= n)
			continue;
		if (viqr_mark(c, s[i + 1]) >= 0 && (is_ascii_letter((unsigned char)s[i + 2]) || viqr_tone_of(s[i + 2])))
			sig++;
		else if (viqr_tone_of(s[i + 1]) && is_ascii_letter((unsigned char)s[i + 2]) && s[i + 1] != '.')
			sig++;
	}
	return sig;
}

/* Bytes looked at when scoring candidates. */
#define SAMPLE_MAX 65536

enum vn_encoding vn_detect_encoding(const char *s, size_t n)
{
	size_t bad = 0, i, first_high = n;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80) {
			first_high = i;
			break;
		}
	if (first_high == n) {
		size_t nwords, sig;
		const char *p = s;
		size_t m = n < SAMPLE_MAX ? n : SAMPLE_MAX;
		sig = (size_t)viqr_signals(p, m, &nwords);
		if (sig >= 3 && sig * 5 >= nwords) {
			struct buf d = BUF_INIT;
			long valid, sc = -1000;
			if (viqr_decode((const unsigned char *)p, m, &d) == 0)
				sc = score_text(buf_str(&d), d.len, &valid);
			buf_release(&d);
			if (sc >= 600)
				return VN_ENC_VIQR;
		}
		return VN_ENC_ASCII;
	}
	if (vn_utf8_validate(s, n, &bad) == 0) {
		/* mojibake: most non-ASCII characters form Windows-1252 readings of UTF-8 */
		size_t m = n < SAMPLE_MAX * 4 ? n : SAMPLE_MAX * 4, covered = 0, total = 0, seqs = 0;
		i = 0;
		while (i < m) {
			uint32_t cp;
			size_t len, chars;
			if ((unsigned char)s[i] < 0x80) {
				i++;
				continue;
			}
			len = mojibake_at(s + i, n - i, &cp);
			if (!len)
				len = vn_utf8_next(s + i, n - i, &cp);
			chars = 0;
			for (size_t k = i; k < i + len; k++)
				chars += ((unsigned char)s[k] & 0xC0) != 0x80;
			total += chars;
			if (chars > 1) { /* a mojibake sequence: several characters for one */
				seqs++;
				covered += chars;
			}
			i += len;
		}
		if (seqs && covered * 3 >= total * 2)
			return VN_ENC_MOJIBAKE;
		return VN_ENC_UTF8;
	}
	{
		/* invalid UTF-8: score the legacy candidates on a sample around the first
		 * non-ASCII byte and take the best, if it reads as Vietnamese at all */
		static const enum vn_encoding cand[] = { VN_ENC_TCVN3, VN_ENC_VNI, VN_ENC_CP1258 };
		size_t a = first_high > 1024 ? first_high - 1024 : 0;
		size_t m = n - a < SAMPLE_MAX ? n - a : SAMPLE_MAX;
		enum vn_encoding best = VN_ENC_UNKNOWN;
		long best_score = 0, best_valid = 0;

		while (a > 0 && s[a - 1] != ' ' && s[a - 1] != '\n' && first_high - a < 1100)
			a--;
		for (size_t k = 0; k < sizeof cand / sizeof cand[0]; k++) {
			struct buf d = BUF_INIT;
			long valid = 0, sc;
			if (vn_decode(cand[k], s + a, m, &d) < 0) {
				buf_release(&d);
				continue;
			}
			sc = score_text(buf_str(&d), d.len, &valid);
			buf_release(&d);
			if (valid > 0 && (best == VN_ENC_UNKNOWN || sc > best_score ||
					  (sc == best_score && valid > best_valid))) {
				best = cand[k];
				best_score = sc;
				best_valid = valid;
			}
		}
		if (best != VN_ENC_UNKNOWN && best_score < 200)
			best = VN_ENC_UNKNOWN;
		return best;
	}
}

enum vn_encoding vn_detect_legacy_text(const char *s, size_t n)
{
	static const enum vn_encoding cand[] = { VN_ENC_TCVN3, VN_ENC_VNI, VN_ENC_CP1258 };
	size_t m = n < SAMPLE_MAX ? n : SAMPLE_MAX, i = 0, high = 0;
	long raw, raw_valid, best_score = 0;
	enum vn_encoding best = VN_ENC_UTF8;

	/* only text made of ASCII and Windows-1252 characters can be legacy bytes */
	while (i < m) {
		uint32_t cp;
		size_t len = vn_utf8_next(s + i, m - i, &cp);
		if (cp >= 0x80) {
			if (cp1252_byte(cp) < 0 || (cp == 0xFFFD && len == 1))
				return VN_ENC_UTF8;
			high++;
		}
		i += len;
	}
	m = i;
	if (high == 0)
		return VN_ENC_UTF8;
	raw = score_text(s, m, &raw_valid);
	if (raw >= 200)
		return VN_ENC_UTF8;
	for (size_t k = 0; k < sizeof cand / sizeof cand[0]; k++) {
		struct buf d = BUF_INIT;
		long valid = 0, sc;
		if (vn_decode_text(cand[k], s, m, &d) < 0) {
			buf_release(&d);
			continue;
		}
		sc = score_text(buf_str(&d), d.len, &valid);
		buf_release(&d);
		if (valid >= 2 && sc >= 600 && sc > best_score) {
			best = cand[k];
			best_score = sc;
		}
	}
	return best;
}
