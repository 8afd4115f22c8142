/* randtext.h - the random texts of the extractor's unit tests: a fixed-seed generator and a
 * filler that strings pieces together (each test brings its own pieces) */
#ifndef TESTS_UNIT_RANDTEXT_H
#define TESTS_UNIT_RANDTEXT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static uint32_t rng = 12345;

static inline uint32_t next_rand(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

/* Random pieces into out (NUL-terminated) up to want bytes or the room: from a, or from b
 * one time in twelve when b is given. Returns the length. */
static inline size_t fill(char *out, size_t cap, size_t want, const char *const *a, size_t na,
			  const char *const *b, size_t nb)
{
	size_t n = 0;
	while (n < want) {
		const char *p = !b || next_rand() % 12 ? a[next_rand() % na] : b[next_rand() % nb];
		size_t k = strlen(p);
		if (n + k >= cap)
			break;
		memcpy(out + n, p, k);
		n += k;
	}
	out[n] = '\0';
	return n;
}

#endif
