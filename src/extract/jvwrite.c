/* jvwrite.c - JSON text of a value tree, the bytes jansson's json_dumps writes (see jvwrite.h) */
#include "jvwrite.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define INDENT 2 /* spaces a level in the indented form (JSON_INDENT(2)) */

/* Make room for n more bytes and return where they go, or NULL at the limit. */
static inline char *room(struct buf *out, size_t n)
{
	if ((out->len + n + 1 > out->cap || out->max) && buf_grow(out, n) < 0)
		return NULL;
	return out->ptr + out->len;
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

/* A newline and depth levels of indent: jansson's separator in the indented form. */
static int put_indent(struct buf *out, unsigned depth)
{
	size_t n = 1 + (size_t)depth * INDENT;
	char *p = room(out, n);
	if (!p)
		return -1;
	p[0] = '\n';
	memset(p + 1, ' ', n - 1);
	p[n] = '\0';
	out->len += n;
	return 0;
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
	/* worst case: every byte becomes \u00XX; near a buffer's limit, the exact size */
	if (n > ((size_t)-1 - 2) / 6)
		return -1;
	char *p = room(out, 6 * n + 2), *start;
	if (!p && out->max) {
		size_t need = n + 2;
		for (size_t k = 0; k < n; k++)
			if (needs_escape((unsigned char)s[k]))
				need += s[k] && strchr("\"\\\b\f\n\r\t", s[k]) ? 1 : 5;
		p = room(out, need);
	}
	if (!p)
		return -1;
	start = p;
	*p++ = '"';
	size_t i = 0;
	while (i < n) {
		/* copy plain bytes a word at a time (the common case: no escape at all) */
		while (i + 8 <= n) {
			uint64_t x;
			memcpy(&x, s + i, 8);
			if (jv_word_needs_escape(x))
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

static int put_int(struct buf *out, long long v)
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

/* jansson's jsonp_dtostr: "%.17g", a '.' whatever the locale, ".0" when it would read back
 * as an integer, no '+' or leading zeros in the exponent. */
static int put_real(struct buf *out, double r)
{
	char tmp[100];
	int ret = snprintf(tmp, sizeof(tmp), "%.17g", r);
	if (ret < 0 || (size_t)ret + 3 >= sizeof(tmp))
		return -1;
	size_t len = (size_t)ret;
	for (size_t i = 0; i < len; i++)
		if (tmp[i] == ',')
			tmp[i] = '.';
	if (!memchr(tmp, '.', len) && !memchr(tmp, 'e', len)) {
		tmp[len++] = '.';
		tmp[len++] = '0';
	}
	char *e = memchr(tmp, 'e', len);
	if (e) {
		char *start = e + 1, *end = start + 1;
		if (*start == '-')
			start++;
		while (end < tmp + len && *end == '0')
			end++;
		if (end != start) {
			memmove(start, end, len - (size_t)(end - tmp));
			len -= (size_t)(end - start);
		}
	}
	return put_lit(out, tmp, len);
}

static inline int put_ch(struct buf *out, char c)
{
	char *p = room(out, 1);
	if (!p)
		return -1;
	p[0] = c;
	p[1] = '\0';
	out->len++;
	return 0;
}

/* Text that needs no escape, in quotes, then the character after it (0: none). */
static inline int put_plain(struct buf *out, const char *s, size_t n, char after)
{
	char *p = room(out, n + 2 + (after != 0));
	if (!p)
		return -1;
	p[0] = '"';
	memcpy(p + 1, s, n);
	p[n + 1] = '"';
	out->len += n + 2;
	if (after)
		p[n + 2] = after, out->len++;
	out->ptr[out->len] = '\0';
	return 0;
}

/* What follows an object member or array item: ",\n" + indent, or at the last the closing
 * indent (pretty); "," or nothing (compact). */
static int put_after(struct buf *out, int last, int indent, unsigned depth)
{
	if (!last)
		return put_ch(out, ',') < 0 || (indent && put_indent(out, depth + 1) < 0) ? -1 : 0;
	return indent && put_indent(out, depth) < 0 ? -1 : 0;
}

/* indent: 0 compact, else indented; depth: the level v is at. */
static int put_value(const struct jv *v, struct buf *out, int indent, unsigned depth)
{
	unsigned i;

	switch (v->type) {
	case JV_OBJECT:
		if (put_ch(out, '{') < 0)
			return -1;
		if (v->n == 0)
			return put_ch(out, '}');
		if (indent && put_indent(out, depth + 1) < 0)
			return -1;
		for (i = 0; i < v->n; i++) {
			const struct jv_member *m = &v->u.c.members[i];
			if (m->plain) {
				if (put_plain(out, m->key, m->klen, ':') < 0)
					return -1;
			} else if (put_str(out, m->key, m->klen) < 0 || put_ch(out, ':') < 0) {
				return -1;
			}
			if ((indent && put_ch(out, ' ') < 0) || put_value(m->val, out, indent, depth + 1) < 0)
				return -1;
			if (put_after(out, i + 1 == v->n, indent, depth) < 0)
				return -1;
		}
		return put_ch(out, '}');
	case JV_ARRAY:
		if (put_ch(out, '[') < 0)
			return -1;
		if (v->n == 0)
			return put_ch(out, ']');
		if (indent && put_indent(out, depth + 1) < 0)
			return -1;
		for (i = 0; i < v->n; i++) {
			if (put_value(v->u.c.items[i], out, indent, depth + 1) < 0)
				return -1;
			if (put_after(out, i + 1 == v->n, indent, depth) < 0)
				return -1;
		}
		return put_ch(out, ']');
	case JV_STRING:
		if (v->u.str.plain)
			return put_plain(out, v->u.str.s, v->u.str.len, 0);
		return put_str(out, v->u.str.s, v->u.str.len);
	case JV_INT:
		return put_int(out, v->u.i);
	case JV_REAL:
		return put_real(out, v->u.r);
	case JV_TRUE:
		return put_lit(out, "true", 4);
	case JV_FALSE:
		return put_lit(out, "false", 5);
	case JV_NULL:
		return put_lit(out, "null", 4);
	}
	return -1;
}

/* A plain string value in quotes (no escapes), with the separator before it (0: none). */
static inline int put_plain_after(struct buf *out, char before, const char *s, size_t n)
{
	char *p = room(out, n + 3);
	if (!p)
		return -1;
	size_t k = 0;
	if (before)
		p[k++] = before;
	p[k++] = '"';
	memcpy(p + k, s, n);
	k += n;
	p[k++] = '"';
	p[k] = '\0';
	out->len += k;
	return 0;
}

/* The compact form on its own (the --jsonl path): each member's separator, key and a plain
 * string value go out in one piece. */
static int put_compact(const struct jv *v, struct buf *out)
{
	unsigned i;

	switch (v->type) {
	case JV_OBJECT:
		if (put_ch(out, '{') < 0)
			return -1;
		for (i = 0; i < v->n; i++) {
			const struct jv_member *m = &v->u.c.members[i];
			const struct jv *x = m->val;
			if (m->plain) {
				/* ,"key": */
				char *p = room(out, m->klen + 4);
				if (!p)
					return -1;
				size_t k = 0;
				if (i)
					p[k++] = ',';
				p[k++] = '"';
				memcpy(p + k, m->key, m->klen);
				k += m->klen;
				p[k++] = '"';
				p[k++] = ':';
				p[k] = '\0';
				out->len += k;
			} else if ((i && put_ch(out, ',') < 0) || put_str(out, m->key, m->klen) < 0 ||
				   put_ch(out, ':') < 0) {
				return -1;
			}
			if (x->type == JV_STRING && x->u.str.plain) {
				if (put_plain_after(out, 0, x->u.str.s, x->u.str.len) < 0)
					return -1;
			} else if (put_compact(x, out) < 0) {
				return -1;
			}
		}
		return put_ch(out, '}');
	case JV_ARRAY:
		if (put_ch(out, '[') < 0)
			return -1;
		for (i = 0; i < v->n; i++) {
			const struct jv *x = v->u.c.items[i];
			if (x->type == JV_STRING && x->u.str.plain) {
				if (put_plain_after(out, i ? ',' : 0, x->u.str.s, x->u.str.len) < 0)
					return -1;
			} else if ((i && put_ch(out, ',') < 0) || put_compact(x, out) < 0) {
				return -1;
			}
		}
		return put_ch(out, ']');
	default:
		return put_value(v, out, 0, 0);
	}
}

int jv_write_compact(const struct jv *v, struct buf *out)
{
	return v ? put_compact(v, out) : -1;
}

int jv_write_pretty(const struct jv *v, struct buf *out)
{
	return v ? put_value(v, out, 1, 0) : -1;
}
