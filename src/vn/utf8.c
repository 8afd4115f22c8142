/* utf8.c - UTF-8 validation and decoding, UTF-16 (with BOM) to UTF-8 */
#include "utf8.h"

#include <string.h>

/* Length of the sequence a lead byte starts, or 0 for a byte that cannot start one. */
static size_t lead_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c < 0xC2)
		return 0;
	if (c < 0xE0)
		return 2;
	if (c < 0xF0)
		return 3;
	if (c < 0xF5)
		return 4;
	return 0;
}

/* Decode a sequence at s (n > 0 bytes); returns its length, or 0 when it is bad. */
static size_t decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len = lead_len(s[0]);
	uint32_t c;

	if (len == 1) {
		*cp = s[0];
		return 1;
	}
	if (len == 0 || len > n)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	switch (len) {
	case 2:
		c = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
		break;
	case 3:
		c = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))
			return 0;
		break;
	default:
		c = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
		    ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
		if (c < 0x10000 || c > 0x10FFFF)
			return 0;
		break;
	}
	*cp = c;
	return len;
}

int vn_utf8_validate(const char *str, size_t n, size_t *bad_off)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t len;

		/* ASCII runs dominate; check 8 bytes at a time */
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		len = decode(s + i, n - i, &cp);
		if (!len) {
			if (bad_off)
				*bad_off = i;
			return -1;
		}
		i += len;
	}
	return 0;
}

size_t vn_utf8_next(const char *s, size_t n, uint32_t *cp)
{
	size_t len = decode((const unsigned char *)s, n, cp);
	if (!len) {
		*cp = 0xFFFD;
		return 1;
	}
	return len;
}

int vn_utf16_bom(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE)
		return 1;
	if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF)
		return 2;
	return 0;
}

int vn_utf16_to_utf8(const char *str, size_t n, struct buf *out, struct dd_error *err)
{
	const unsigned char *s = (const unsigned char *)str;
	int bom = vn_utf16_bom(str, n);
	size_t i;

	if (!bom)
		return dd_error_code(err, DD_ERR_DATA, "no UTF-16 byte-order mark");
	if (n % 2)
		return dd_error_code(err, DD_ERR_DATA, "odd length for UTF-16 (%zu bytes)", n);
	for (i = 2; i < n; i += 2) {
		unsigned u = bom == 1 ? (unsigned)(s[i] | (s[i + 1] << 8)) : (unsigned)((s[i] << 8) | s[i + 1]);
		unsigned cp = u;

		if (u >= 0xDC00 && u <= 0xDFFF)
			return dd_error_code(err, DD_ERR_DATA, "unpaired UTF-16 surrogate at byte %zu", i);
		if (u >= 0xD800 && u <= 0xDBFF) {
			unsigned lo;
			if (i + 4 > n)
				return dd_error_code(err, DD_ERR_DATA, "unpaired UTF-16 surrogate at byte %zu", i);
			lo = bom == 1 ? (unsigned)(s[i + 2] | (s[i + 3] << 8)) : (unsigned)((s[i + 2] << 8) | s[i + 3]);
			if (lo < 0xDC00 || lo > 0xDFFF)
				return dd_error_code(err, DD_ERR_DATA, "unpaired UTF-16 surrogate at byte %zu", i);
			cp = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
			i += 2;
		}
		if (buf_addcp(out, cp) < 0)
			return dd_error_code(err, DD_ERR_DATA, "text too large (limit %zu bytes)", out->max);
	}
	return 0;
}
