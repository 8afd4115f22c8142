/* jval.c - string values and literal keys for jansson without its byte-by-byte UTF-8 check */
#include "jval.h"

#include <stdint.h>
#include <string.h>

int ex_utf8_valid(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		/* ASCII eight bytes at a time, stopping right at the first byte that is not */
		if (i + 8 <= n) {
			uint64_t x;
			memcpy(&x, u + i, 8);
			uint64_t high = x & 0x8080808080808080ull;
			if (!high) {
				i += 8;
				continue;
			}
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			i += (size_t)__builtin_ctzll(high) >> 3;
#else
			while (u[i] < 0x80)
				i++;
#endif
		} else if (u[i] < 0x80) {
			i++;
			continue;
		}
		unsigned c = u[i];
		if (c < 0xC2) { /* a continuation byte, or an overlong two-byte form */
			return 0;
		} else if (c < 0xE0) {
			if (n - i < 2 || (u[i + 1] & 0xC0) != 0x80)
				return 0;
			i += 2;
		} else if (c < 0xF0) {
			if (n - i < 3 || (u[i + 1] & 0xC0) != 0x80 || (u[i + 2] & 0xC0) != 0x80)
				return 0;
			if ((c == 0xE0 && u[i + 1] < 0xA0) || (c == 0xED && u[i + 1] >= 0xA0))
				return 0; /* overlong, or a surrogate */
			i += 3;
		} else if (c < 0xF5) {
			if (n - i < 4 || (u[i + 1] & 0xC0) != 0x80 || (u[i + 2] & 0xC0) != 0x80 ||
			    (u[i + 3] & 0xC0) != 0x80)
				return 0;
			if ((c == 0xF0 && u[i + 1] < 0x90) || (c == 0xF4 && u[i + 1] >= 0x90))
				return 0; /* overlong, or past U+10FFFF */
			i += 4;
		} else {
			return 0;
		}
	}
	return 1;
}

json_t *ex_jstrn(const char *s, size_t n)
{
	if (!s)
		return NULL;
	if (ex_utf8_valid(s, n))
		return json_stringn_nocheck(s, n);
	return json_stringn(s, n); /* NULL, as jansson decides */
}

json_t *ex_jstr(const char *s)
{
	return s ? ex_jstrn(s, strlen(s)) : NULL;
}

int ex_jset(json_t *obj, const char *key, json_t *value)
{
	return json_object_set_new_nocheck(obj, key, value);
}
