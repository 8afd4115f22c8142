/* xalloc.h - allocation wrappers that abort on out-of-memory (never on bad input) */
#ifndef DD_XALLOC_H
#define DD_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of nmemb elements of size bytes; aborts on overflow. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a fresh heap string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Ensure an array *pp of *cap elements can hold need elements (doubling). */
#define XGROW(pp, need, cap)                                                         \
	do {                                                                         \
		if ((size_t)(need) > (cap)) {                                        \
			size_t ncap_ = (cap) ? (cap) * 2 : 8;                        \
			while (ncap_ < (size_t)(need))                               \
				ncap_ *= 2;                                          \
			(pp) = xreallocarray((pp), ncap_, sizeof(*(pp)));            \
			(cap) = ncap_;                                               \
		}                                                                    \
	} while (0)

#endif
