/* utf8.h - UTF-8 validation and decoding, UTF-16 (with BOM) to UTF-8 */
#ifndef VN_UTF8_H
#define VN_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "../util/buf.h"
#include "../util/error.h"

/* 0 when s[0..n) is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF);
 * otherwise -1 and *bad_off (may be NULL) = byte offset of the first bad sequence. */
int vn_utf8_validate(const char *s, size_t n, size_t *bad_off);

/* Decode one code point at s (n bytes available). Returns its length (1..4) and sets *cp;
 * on a bad sequence returns 1 and sets *cp = 0xFFFD. n must be > 0. */
size_t vn_utf8_next(const char *s, size_t n, uint32_t *cp);

/* Which UTF-16 byte-order mark (if any) starts s: 0 none, 1 little-endian, 2 big-endian. */
int vn_utf16_bom(const char *s, size_t n);

/* Convert UTF-16 (BOM required, it decides the byte order) to UTF-8 appended to out.
 * Unpaired surrogates or odd length: DD_ERR_DATA with the byte offset. */
int vn_utf16_to_utf8(const char *s, size_t n, struct buf *out, struct dd_error *err);

#endif
