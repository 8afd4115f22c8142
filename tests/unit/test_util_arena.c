/* test_util_arena.c - the bump allocator: alignment, growth, ownership, reset and reuse */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/arena.h"

static void test_alloc_aligned_and_distinct(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 64);
	char *prev = NULL;
	for (size_t n = 0; n < 200; n++) {
		char *p = arena_alloc(&a, n);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % 16, 0);
		assert_true(arena_owns(&a, p));
		memset(p, (int)(n & 0xFF), n); /* writable, and must not overlap the previous block */
		if (prev && n > 1)
			assert_int_equal((unsigned char)prev[0], (unsigned char)((n - 1) & 0xFF));
		prev = p;
	}
	arena_release(&a);
}

static void test_large_and_owns(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 128);
	char *small = arena_alloc(&a, 8);
	char *big = arena_alloc(&a, 100000); /* larger than any chunk so far */
	memset(big, 'x', 100000);
	assert_true(arena_owns(&a, small));
	assert_true(arena_owns(&a, big));
	assert_true(arena_owns(&a, big + 99999));
	char outside;
	assert_false(arena_owns(&a, &outside));
	void *heap = malloc(16);
	assert_false(arena_owns(&a, heap));
	free(heap);
	arena_release(&a);
	assert_false(arena_owns(&a, small));
}

static void test_reset_keeps_largest_chunk(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 256);
	for (int i = 0; i < 100; i++)
		arena_alloc(&a, 100); /* several chunks */
	char *last = arena_alloc(&a, 16);
	arena_reset(&a);
	/* after a reset the kept chunk is reused from its start */
	char *again = arena_alloc(&a, 16);
	assert_true(arena_owns(&a, again));
	assert_true(arena_owns(&a, last)); /* the newest chunk is the one kept */
	assert_true(again <= last);
	size_t before = 0;
	for (int i = 0; i < 100; i++) {
		char *p = arena_alloc(&a, 100);
		before += arena_owns(&a, p);
	}
	assert_int_equal(before, 100);
	arena_reset(&a);
	arena_reset(&a); /* twice is fine */
	arena_release(&a);
	arena_release(&a); /* and so is releasing an empty arena */
	arena_release(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_alloc_aligned_and_distinct),
	    cmocka_unit_test(test_large_and_owns),
	    cmocka_unit_test(test_reset_keeps_largest_chunk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
