/* jalloc.c - jansson allocation hooks backed by a per-document arena (see jalloc.h) */
#include "jalloc.h"

#include <jansson.h>
#include <stdlib.h>

#include "util/arena.h"
#include "util/xalloc.h"

#define JALLOC_FIRST (256u << 10) /* a generated notice's values fit in one chunk */

static struct arena jarena;
static int installed, active;

static void *jalloc_malloc(size_t n)
{
	if (active)
		return arena_alloc(&jarena, n);
	return malloc(n);
}

static void jalloc_free(void *p)
{
	if (!p || arena_owns(&jarena, p))
		return;
	free(p);
}

void ex_jalloc_begin(void)
{
	if (!installed) {
		arena_init(&jarena, JALLOC_FIRST);
		json_set_alloc_funcs(jalloc_malloc, jalloc_free);
		installed = 1;
	}
	active = 1;
}

void ex_jalloc_end(void)
{
	active = 0;
	arena_reset(&jarena);
}

void ex_jalloc_release(void)
{
	active = 0;
	arena_release(&jarena);
}
