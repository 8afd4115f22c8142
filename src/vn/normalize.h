/* normalize.h - bytes of any supported encoding -> clean NFC UTF-8, with a repair report */
#ifndef VN_NORMALIZE_H
#define VN_NORMALIZE_H

#include <stddef.h>

#include "../util/buf.h"
#include "../util/error.h"
#include "legacy.h"

#define VN_MAX_REPAIRS 16

/* What normalization detected and changed. Repair names are stable strings used in the
 * extraction JSON (source.repairs): "bom-removed", "utf16-to-utf8", "tcvn3-to-unicode",
 * "vni-to-unicode", "viqr-to-unicode", "cp1258-to-unicode", "mojibake-repaired",
 * "nfd-to-nfc", "tone-mark-variants", "space-before-mark", "eth-to-dstroke",
 * "control-chars-removed", "crlf-to-lf", "nbsp-to-space". */
struct vn_report {
	enum vn_encoding encoding;
	const char *repairs[VN_MAX_REPAIRS];
	size_t nrepairs;
};

/* Record a repair name once (no duplicates). */
void vn_report_add(struct vn_report *rep, const char *repair);

/* Full pipeline: BOM/UTF-16 handling, legacy-encoding detection and conversion (also of
 * legacy bytes once read as Windows-1252 and saved as UTF-8: "§¶ng" -> "Đảng"), NFC
 * (utf8proc) including U+0340/U+0341, a space before a combining mark removed, ð/Ð -> đ/Đ,
 * CRLF -> LF. Output appended to out (respecting its limit).
 * Errors (DD_ERR_DATA): empty input, binary data (NUL bytes / mostly control bytes),
 * invalid UTF-8 that is not a known legacy encoding ("invalid UTF-8 at byte N"),
 * output over the limit. rep may be NULL. */
int vn_normalize(const char *in, size_t n, struct buf *out, struct vn_report *rep,
		 struct dd_error *err);

/* NFC only (input must be valid UTF-8); the text-level repairs too (U+0340/1, space before
 * mark, ð -> đ) when repair != 0. Appends to out. Returns 0 / -1 (limit). Used on text
 * that is already Unicode (DOCX runs, PDF text, HTML). rep may be NULL. */
int vn_nfc(const char *s, size_t n, struct buf *out, int repair, struct vn_report *rep);

/* Nonzero when s is already NFC with nothing to repair (fast quick-check path). */
int vn_is_clean_nfc(const char *s, size_t n);

/* Streaming pieces (the CLI reads large files in chunks). */

/* Normalize one chunk already known to be in encoding enc (no BOM, no detection):
 * validation, legacy decoding, NFC and the repairs. as_text: the input is UTF-8 whose
 * characters are enc's bytes (see vn_detect_legacy_text). base_off is the chunk's offset
 * in the whole input, used in "invalid UTF-8 at byte N". Repairs go to rep (may be NULL). */
int vn_normalize_chunk(enum vn_encoding enc, int as_text, const char *in, size_t n, size_t base_off,
		       struct buf *out, struct vn_report *rep, struct dd_error *err);

/* Length of the longest prefix of s[0..n) that can be normalized on its own (ends after a
 * line break, or before a word); n when there is no such place. */
size_t vn_chunk_boundary(const char *s, size_t n);

/* Repair name recorded for converting from encoding e ("tcvn3-to-unicode"), or NULL. */
const char *vn_repair_for(enum vn_encoding e);

/* The fast check vn_normalize starts with: 1 when s[0..n) is valid UTF-8, NFC, with nothing
 * to repair and a Vietnamese letter early on (then vn_normalize copies it as it is). The
 * first scans 16 or 32 bytes at a time where it can (SSE2, AVX2), the second is the plain byte loop it
 * must agree with (tests compare them). */
int vn_clean_utf8(const char *s, size_t n);
int vn_clean_utf8_plain(const char *s, size_t n);
/* For tests: 0 keeps vn_clean_utf8 (and vn_normalize) on 16-byte blocks on a CPU with AVX2,
 * 1 (the default) lets them take 32 bytes at a time there. */
void vn_clean_utf8_avx2(int on);

/* Nonzero when s looks like binary data (NUL bytes, many control bytes). */
int vn_looks_binary(const char *s, size_t n);

#endif
