/* fold.h - search/matching keys: lower case, no diacritics, đ->d; canonical tone placement */
#ifndef VN_FOLD_H
#define VN_FOLD_H

#include <stddef.h>

#include "../util/buf.h"

/* Search key of UTF-8 text: lower case, tones and vowel marks removed, đ/Đ -> d,
 * other letters and digits kept, everything else kept as is (punctuation and spaces),
 * so byte offsets do not map 1:1. "Đảng ủy" -> "dang uy". Appends to out. */
int vn_fold(const char *s, size_t n, struct buf *out);

/* Same, plus an offset map: for each output byte i, map[i] is the byte offset in s of the
 * character that produced it. *map is allocated (caller frees); length = bytes appended. */
int vn_fold_map(const char *s, size_t n, struct buf *out, size_t **map);

/* Canonical tone placement (traditional: tone on the first vowel of open oa/oe/uy, not after
 * q or gi): "hoà" -> "hòa", "thuỷ" -> "thủy", "Uỷ" -> "Ủy"; "quý", "hoàn" unchanged.
 * Case is kept. Input NFC UTF-8; output NFC appended to out. */
int vn_tone_canon(const char *s, size_t n, struct buf *out);

/* Lower-case NFC UTF-8 (Vietnamese-aware, utf8proc), appended to out. */
int vn_lower(const char *s, size_t n, struct buf *out);

/* Key for comparing names and words loosely: vn_tone_canon + vn_lower (diacritics kept). */
int vn_match_key(const char *s, size_t n, struct buf *out);

#endif
