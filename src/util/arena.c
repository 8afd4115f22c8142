/* arena.c - bump allocator with chunks that double in size */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>

#include "xalloc.h"

struct arena_chunk {
	struct arena_chunk *next; /* older chunk */
	size_t size;		  /* bytes of data[] */
	_Alignas(ARENA_ALIGN) char data[];
};

void arena_init(struct arena *a, size_t first)
{
	a->chunks = NULL;
	a->cur = a->end = NULL;
	a->first = first ? first : 4096;
}

void *arena_grow(struct arena *a, size_t n)
{
	size_t size = a->chunks ? a->chunks->size * 2 : a->first;
	while (size < n) {
		if (size > SIZE_MAX / 4)
			xmalloc(SIZE_MAX); /* aborts: no sane request is that large */
		size *= 2;
	}
	struct arena_chunk *c = xmalloc(sizeof(*c) + size);
	c->next = a->chunks;
	c->size = size;
	a->chunks = c;
	a->cur = c->data + n;
	a->end = c->data + size;
	return c->data;
}

int arena_owns(const struct arena *a, const void *p)
{
	uintptr_t u = (uintptr_t)p;
	for (const struct arena_chunk *c = a->chunks; c; c = c->next)
		if (u >= (uintptr_t)c->data && u < (uintptr_t)c->data + c->size)
			return 1;
	return 0;
}

void arena_reset(struct arena *a)
{
	struct arena_chunk *keep = a->chunks; /* the newest is the largest */
	if (!keep)
		return;
	struct arena_chunk *c = keep->next;
	while (c) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	keep->next = NULL;
	a->cur = keep->data;
	a->end = keep->data + keep->size;
}

void arena_release(struct arena *a)
{
	if (!a)
		return;
	struct arena_chunk *c = a->chunks;
	while (c) {
		struct arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->chunks = NULL;
	a->cur = a->end = NULL;
}
