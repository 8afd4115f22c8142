/* arena.h - bump allocator: many small allocations made one after another, freed all at once */
#ifndef DD_ARENA_H
#define DD_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *chunks; /* newest first; the newest is the one being filled */
	char *cur, *end;	    /* free room in the newest chunk */
	size_t first;		    /* size of the first chunk */
};

/* Set up an empty arena whose first chunk (made on the first allocation) has `first` bytes. */
void arena_init(struct arena *a, size_t first);

#define ARENA_ALIGN 16

/* arena_alloc's new chunk for a request of n bytes (n rounded already); not for callers. */
void *arena_grow(struct arena *a, size_t n);

/* n bytes aligned for any type (16 bytes); never NULL (aborts on out-of-memory). A request
 * larger than the room left starts a new chunk at least twice as large as the last one.
 * (Inline: the extractor makes a few hundred small values per document.) */
static inline void *arena_alloc(struct arena *a, size_t n)
{
	n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (n == 0)
		n = ARENA_ALIGN;
	if ((size_t)(a->end - a->cur) >= n && a->cur) {
		void *p = a->cur;
		a->cur += n;
		return p;
	}
	return arena_grow(a, n);
}

/* 1 when p points into memory of the arena (allocated since the last reset or not). */
int arena_owns(const struct arena *a, const void *p);
/* Forget every allocation. The largest chunk is kept for reuse, so an arena reset once per
 * document settles on one chunk that holds a whole document. */
void arena_reset(struct arena *a);
/* Free all memory; the arena is empty (reusable) afterwards. Accepts NULL. */
void arena_release(struct arena *a);

#endif
