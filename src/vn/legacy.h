/* legacy.h - legacy Vietnamese encodings: detection and conversion to/from Unicode */
#ifndef VN_LEGACY_H
#define VN_LEGACY_H

#include <stddef.h>

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

#endif
