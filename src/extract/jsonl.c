/* jsonl.c - compact JSON writer for --jsonl: jansson's output without its per-piece callbacks */
#include "jsonl.h"

#include <stdint.h>
#include <string.h>

/* Make room for n more bytes and return where they go, or NULL at the limit. */
static char *room(struct buf *out, size_t n)
{
	if ((out->len + n + 1 > out->cap || out->max) && buf_grow(out, n) < 0)
		return NULL;
	return out->ptr + out->len;
}

static int put(struct buf *out, char c)
{
	char *p = room(out, 1);
	if (!p)
		return -1;
	p[0] = c;
	p[1] = '\0';
	out->len++;
	return 0;
}

static int put_lit(struct buf *out, const char *s, size_t n)
{
	char *p = room(out, n);
	if (!p)
		return -1;
	memcpy(p, s, n);
	p[n] = '\0';
	out->len += n;
	return 0;
}

/* 8 bytes at a time: non-zero when one of them needs an escape (< 0x20, '"' or '\\'). */
static uint64_t word_needs_escape(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	uint64_t quote = x ^ (ones * '"'), bslash = x ^ (ones * '\\');
	uint64_t ctl = (x - ones * 0x20) & ~x;	/* high bit where a byte < 0x20 */
	uint64_t q = (quote - ones) & ~quote;	/* high bit where a byte was '"' */
	uint64_t b = (bslash - ones) & ~bslash; /* high bit where a byte was '\\' */
	return (ctl | q | b) & highs;
}

static int needs_escape(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\';
}

/* A string as jansson writes it without JSON_ENSURE_ASCII: '"', '\\' and control
 * characters escaped, every other byte as it is. */
static int put_str(struct buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	/* worst case: every byte becomes \u00XX */
	if (n > ((size_t)-1 - 2) / 6)
		return -1;
	char *p = room(out, 6 * n + 2), *start = p;
	if (!p)
		return -1;
	*p++ = '"';
	size_t i = 0;
	while (i < n) {
		/* copy plain bytes a word at a time (the common case: no escape at all) */
		while (i + 8 <= n) {
			uint64_t x;
			memcpy(&x, s + i, 8);
			if (word_needs_escape(x))
				break;
			memcpy(p, &x, 8);
			p += 8;
			i += 8;
		}
		while (i < n && !needs_escape((unsigned char)s[i]))
			*p++ = s[i++];
		if (i == n)
			break;
		unsigned char c = (unsigned char)s[i++];
		*p++ = '\\';
		switch (c) {
		case '"':
			*p++ = '"';
			break;
		case '\\':
			*p++ = '\\';
			break;
		case '\b':
			*p++ = 'b';
			break;
		case '\f':
			*p++ = 'f';
			break;
		case '\n':
			*p++ = 'n';
			break;
		case '\r':
			*p++ = 'r';
			break;
		case '\t':
			*p++ = 't';
			break;
		default:
			*p++ = 'u';
			*p++ = '0';
			*p++ = '0';
			*p++ = hex[c >> 4];
			*p++ = hex[c & 15];
			break;
		}
	}
	*p++ = '"';
	*p = '\0';
	out->len += (size_t)(p - start);
	return 0;
}

static int put_int(struct buf *out, json_int_t v)
{
	char tmp[24];
	size_t k = sizeof(tmp);
	/* through unsigned: the most negative value has no positive partner */
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	do {
		tmp[--k] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		tmp[--k] = '-';
	return put_lit(out, tmp + k, sizeof(tmp) - k);
}

int ex_json_compact(json_t *j, struct buf *out)
{
	size_t i;
	json_t *v;

	switch (json_typeof(j)) {
	case JSON_OBJECT: {
		void *it = json_object_iter(j);
		if (put(out, '{') < 0)
			return -1;
		for (i = 0; it; i++, it = json_object_iter_next(j, it)) {
			if ((i && put(out, ',') < 0) ||
			    put_str(out, json_object_iter_key(it), json_object_iter_key_len(it)) < 0 ||
			    put(out, ':') < 0 || ex_json_compact(json_object_iter_value(it), out) < 0)
				return -1;
		}
		return put(out, '}');
	}
	case JSON_ARRAY:
		if (put(out, '[') < 0)
			return -1;
		json_array_foreach(j, i, v)
		{
			if ((i && put(out, ',') < 0) || ex_json_compact(v, out) < 0)
				return -1;
		}
		return put(out, ']');
	case JSON_STRING:
		return put_str(out, json_string_value(j), json_string_length(j));
	case JSON_INTEGER:
		return put_int(out, json_integer_value(j));
	case JSON_TRUE:
		return put_lit(out, "true", 4);
	case JSON_FALSE:
		return put_lit(out, "false", 5);
	case JSON_NULL:
		return put_lit(out, "null", 4);
	default:
		return -1;
	}
}
