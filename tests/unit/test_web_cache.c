/* test_web_cache.c - cached answers: hits, invalidation by own writes and by file changes, references */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "web/cache.h"

static char dbpath[64];

static int setup(void **state)
{
	FILE *f;
	(void)state;
	snprintf(dbpath, sizeof(dbpath), "/tmp/test_web_cache.%d.db", (int)getpid());
	f = fopen(dbpath, "w");
	if (!f)
		return -1;
	fputs("x", f);
	fclose(f);
	return 0;
}

static int teardown(void **state)
{
	char wal[80];
	(void)state;
	snprintf(wal, sizeof(wal), "%s-wal", dbpath);
	unlink(dbpath);
	unlink(wal);
	return 0;
}

static void expect_body(struct web_cache *c, const char *key, const char *want)
{
	struct web_cache_body *b = web_cache_get(c, key);
	size_t len;
	if (!want) {
		assert_null(b);
		return;
	}
	assert_non_null(b);
	assert_string_equal(web_cache_body_data(b, &len), want);
	assert_int_equal(len, strlen(want));
	web_cache_body_release(b);
}

static void test_hit_and_bump(void **state)
{
	struct web_cache *c = web_cache_new(dbpath, 10, 100);
	struct web_cache_stamp st;

	(void)state;
	expect_body(c, "k", NULL);
	web_cache_stamp(c, &st);
	web_cache_put(c, "k", &st, "{\"a\":1}", 7);
	expect_body(c, "k", "{\"a\":1}");
	expect_body(c, "other", NULL);
	web_cache_bump(c); /* this server wrote something */
	expect_body(c, "k", NULL);
	/* an answer computed before a write is not stored */
	web_cache_stamp(c, &st);
	web_cache_bump(c);
	web_cache_put(c, "k", &st, "old", 3);
	expect_body(c, "k", NULL);
	/* too large answers are not kept */
	web_cache_stamp(c, &st);
	char big[200];
	memset(big, 'x', sizeof(big));
	web_cache_put(c, "big", &st, big, sizeof(big));
	expect_body(c, "big", NULL);
	web_cache_free(c);
	web_cache_free(NULL);
}

static void test_external_write(void **state)
{
	char wal[80];
	struct web_cache *c;
	struct web_cache_stamp st;
	FILE *f;

	(void)state;
	snprintf(wal, sizeof(wal), "sqlite:%s", dbpath);
	c = web_cache_new(wal, 10, 100); /* the sqlite: prefix is understood */
	web_cache_stamp(c, &st);
	web_cache_put(c, "k", &st, "v1", 2);
	expect_body(c, "k", "v1");
	/* another process commits: the write-ahead log appears / grows */
	snprintf(wal, sizeof(wal), "%s-wal", dbpath);
	f = fopen(wal, "a");
	assert_non_null(f);
	fputs("frame", f);
	fclose(f);
	expect_body(c, "k", NULL);
	web_cache_stamp(c, &st);
	web_cache_put(c, "k", &st, "v2", 2);
	expect_body(c, "k", "v2");
	web_cache_free(c);
}

static void test_references(void **state)
{
	struct web_cache *c = web_cache_new(dbpath, 2, 100);
	struct web_cache_stamp st;
	struct web_cache_body *held;
	size_t len;

	(void)state;
	web_cache_stamp(c, &st);
	web_cache_put(c, "a", &st, "AAA", 3);
	held = web_cache_get(c, "a");
	assert_non_null(held);
	/* replacing and evicting entries keeps a held answer alive */
	web_cache_put(c, "a", &st, "BBB", 3);
	web_cache_put(c, "b", &st, "b", 1);
	web_cache_put(c, "c", &st, "c", 1); /* full: cleared, then c */
	expect_body(c, "a", NULL);
	expect_body(c, "c", "c");
	assert_string_equal(web_cache_body_data(held, &len), "AAA");
	web_cache_free(c);
	assert_string_equal(web_cache_body_data(held, &len), "AAA");
	web_cache_body_release(held);
	web_cache_body_release(NULL);
}

static void test_memfd(void **state)
{
	struct web_cache *c = web_cache_new(dbpath, 4, 100000);
	struct web_cache_stamp st;
	struct web_cache_body *b;
	char big[5000], back[5000];

	(void)state;
	memset(big, 'q', sizeof(big));
	web_cache_stamp(c, &st);
	web_cache_put(c, "small", &st, "tiny", 4);
	web_cache_put(c, "big", &st, big, sizeof(big));
	b = web_cache_get(c, "small");
	assert_non_null(b);
	assert_int_equal(web_cache_body_fd(b), -1); /* copied, not sent from a file */
	web_cache_body_release(b);
	b = web_cache_get(c, "big");
	assert_non_null(b);
	assert_true(web_cache_body_fd(b) >= 0);
	assert_int_equal(pread(web_cache_body_fd(b), back, sizeof(back), 0), sizeof(back));
	assert_memory_equal(back, big, sizeof(big));
	web_cache_body_release(b);
	web_cache_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hit_and_bump),
	    cmocka_unit_test(test_external_write),
	    cmocka_unit_test(test_references),
	    cmocka_unit_test(test_memfd),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
