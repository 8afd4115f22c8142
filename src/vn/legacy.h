/* legacy.h - legacy Vietnamese encodings: detection and conversion to/from Unicode */
#ifndef VN_LEGACY_H
#define VN_LEGACY_H

#include <stddef.h>
#include <stdint.h>

#include "../util/buf.h"

enum vn_encoding {
	VN_ENC_UTF8 = 0,
	VN_ENC_UTF16,
	VN_ENC_TCVN3,        /* TCVN 5712:1993 VN3 ("ABC", .VnTime fonts) */
	VN_ENC_VNI,          /* VNI-Windows (VNI-Times fonts) */
	VN_ENC_VIQR,         /* RFC 1456 7-bit mnemonic */
	VN_ENC_CP1258,       /* Windows-1258 */
	VN_ENC_MOJIBAKE,     /* UTF-8 decoded as Windows-1252 and saved again as UTF-8 */
	VN_ENC_ASCII,
	VN_ENC_UNKNOWN
};

/* Stable lower-case name used in JSON and reports: "utf-8", "tcvn3", "vni", ... */
const char *vn_encoding_name(enum vn_encoding e);

/* Guess the encoding of raw bytes (no BOM handling here). Ordinary UTF-8 and ASCII text
 * must come back as VN_ENC_UTF8 / VN_ENC_ASCII. VIQR is only reported when the text is
 * ASCII and clearly VIQR. VN_ENC_MOJIBAKE when valid UTF-8 shows the double-encoding
 * pattern. */
enum vn_encoding vn_detect_encoding(const char *s, size_t n);

/* Convert s in encoding e to NFC UTF-8, appended to out. For VN_ENC_UTF8/ASCII copies.
 * Returns 0, or -1 when out's limit would be passed. */
int vn_decode(enum vn_encoding e, const char *s, size_t n, struct buf *out);

/* Convert NFC UTF-8 to legacy encoding e (for tests and round trips); characters that the
 * encoding cannot represent become '?'. Returns 0 or -1 (limit). */
int vn_encode(enum vn_encoding e, const char *utf8, size_t n, struct buf *out);

/* The 134 Vietnamese letters (67 upper/lower pairs) as NFC UTF-8 strings, upper then lower
 * per letter, in a fixed order. Count in *n. Tests generate round-trip vectors from it. */
const char *const *vn_letters(size_t *n);

/* Decode text that is already UTF-8 but whose characters are the bytes of legacy encoding
 * e read as Windows-1252/Latin-1 (a DOCX run in a ".VnTime" or "VNI-Times" font stores
 * "§¶ng" for "Đảng"). Text with characters no legacy byte reads as is only NFC'd. */
int vn_decode_text(enum vn_encoding e, const char *utf8, size_t n, struct buf *out);

/* For valid UTF-8 made only of ASCII and Windows-1252 characters: VN_ENC_TCVN3, VN_ENC_VNI
 * or VN_ENC_CP1258 when it reads as Vietnamese once taken as that encoding's bytes
 * ("§¶ng Céng s¶n" -> TCVN3; decode it with vn_decode_text), else VN_ENC_UTF8. */
enum vn_encoding vn_detect_legacy_text(const char *s, size_t n);

/* One Vietnamese letter taken apart. vowel: index in "aăâeêioôơuưy" (0..11), 12 = đ;
 * tone: 0 none, 1 huyền (grave), 2 sắc (acute), 3 hỏi (hook), 4 ngã (tilde), 5 nặng (dot). */
struct vn_letter_info {
	unsigned vowel;
	unsigned tone;
	int upper;
};

/* 1 and *out filled when cp is one of the 134 letters or a plain vowel a e i o u y (either
 * case); 0 otherwise (plain consonants included). */
int vn_letter_info(uint32_t cp, struct vn_letter_info *out);

/* The letter with that vowel (0..12), tone (0..5) and case; 0 when there is none. */
uint32_t vn_letter_make(unsigned vowel, unsigned tone, int upper);

/* ASCII base letter of a vowel index: a a a e e i o o o u u y d. */
char vn_vowel_ascii(unsigned vowel);

#endif
