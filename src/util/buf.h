/* buf.h - the project's one string builder: buf/len/cap, always NUL-terminated, capped */
#ifndef DD_BUF_H
#define DD_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *ptr;  /* NUL-terminated once anything was added; may be NULL before */
	size_t len; /* bytes used, not counting the NUL */
	size_t cap; /* bytes allocated */
	size_t max; /* appending past max bytes fails (returns -1); 0 = no limit */
};

#define BUF_INIT { NULL, 0, 0, 0 }

/* Set up a caller-owned buffer that may hold at most max bytes (0: no limit). */
void buf_init(struct buf *b, size_t max);
/* Free the contents; the buffer can be reused after buf_init. Accepts NULL. */
void buf_release(struct buf *b);
/* Forget the contents but keep the memory. */
void buf_reset(struct buf *b);
/* Make room for n more bytes; -1 when that would pass the limit. */
int buf_grow(struct buf *b, size_t n);
/* Append; each returns 0, or -1 (contents unchanged) when the limit would be passed. */
int buf_add(struct buf *b, const void *data, size_t n);
int buf_addstr(struct buf *b, const char *s);
int buf_addch(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Append a code point as UTF-8 (invalid code points become U+FFFD). */
int buf_addcp(struct buf *b, unsigned cp);
/* Shorten to len bytes (len <= b->len). */
void buf_truncate(struct buf *b, size_t len);
/* The text, never NULL ("" when empty). */
static inline const char *buf_str(const struct buf *b)
{
	return b->ptr ? b->ptr : "";
}
/* Hand the heap string to the caller (never NULL) and leave b empty; *len_out may be NULL. */
char *buf_detach(struct buf *b, size_t *len_out);

#endif
