/* test_util_dynlib.c - loading an optional library on first use: table filled, all or nothing,
 * one clear error naming the package, the result kept, the test-only SONAME override */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zlib.h>

#include "util/dynlib.h"

/* zlib: a small library every Debian system has, with functions easy to check */
#define Z_SYMS(X) X(crc32) X(zlibVersion)
struct z_api {
	Z_SYMS(DYNLIB_FIELD)
};
#define Z_SYM(name) DYNLIB_SYM(z_api, name)
static const struct dynlib_sym z_syms[] = {Z_SYMS(Z_SYM)};

/* the same library with one symbol it does not have */
#define BAD_SYMS(X) X(crc32) X(dd_no_such_function)
void dd_no_such_function(void); /* declared for its type only */
struct bad_api {
	BAD_SYMS(DYNLIB_FIELD)
};
#define BAD_SYM(name) DYNLIB_SYM(bad_api, name)
static const struct dynlib_sym bad_syms[] = {BAD_SYMS(BAD_SYM)};

static void test_load(void **state)
{
	static struct z_api api;
	static struct dynlib lib = DYNLIB_INIT("libz.so.1", NULL, "compression", "zlib1g", z_syms, &api);
	struct dd_error err;
	(void)state;

	assert_null(api.crc32);
	assert_int_equal(dynlib_load(&lib, &err), 0);
	assert_non_null(api.crc32);
	assert_non_null(api.zlibVersion);
	/* the pointers are the library's own functions: crc32("123456789") is the check value */
	assert_int_equal(api.crc32(0, (const unsigned char *)"123456789", 9), 0xCBF43926UL);
	assert_string_equal(api.zlibVersion(), ZLIB_VERSION);
	/* a second call keeps the first result */
	assert_int_equal(dynlib_load(&lib, &err), 0);
}

static void test_missing_library(void **state)
{
	static struct z_api api;
	static struct dynlib lib =
		DYNLIB_INIT("libdondoc-not-there.so.7", NULL, "Frobbing", "libfrob7", z_syms, &api);
	struct dd_error err;
	(void)state;

	dd_error_clear(&err);
	assert_int_equal(dynlib_load(&lib, &err), -1);
	assert_int_equal(err.code, DD_ERR_UNAVAILABLE);
	assert_int_equal((int)DD_ERR_UNAVAILABLE, 69);
	assert_non_null(strstr(err.msg, "Frobbing needs libfrob7 (apt install libfrob7): "));
	assert_non_null(strstr(err.msg, "libdondoc-not-there.so.7"));
	assert_null(api.crc32);
	/* the failure is kept too, with the same message */
	dd_error_clear(&err);
	assert_int_equal(dynlib_load(&lib, &err), -1);
	assert_int_equal(err.code, DD_ERR_UNAVAILABLE);
	assert_non_null(strstr(err.msg, "libfrob7"));
}

static void test_missing_symbol(void **state)
{
	static struct bad_api api;
	static struct dynlib lib = DYNLIB_INIT("libz.so.1", NULL, "compression", "zlib1g", bad_syms, &api);
	struct dd_error err;
	(void)state;

	assert_int_equal(dynlib_load(&lib, &err), -1);
	assert_int_equal(err.code, DD_ERR_UNAVAILABLE);
	assert_non_null(strstr(err.msg, "dd_no_such_function"));
	/* all or nothing: crc32 was found but not written */
	assert_null(api.crc32);
	assert_null(api.dd_no_such_function);
}

static void test_env_override(void **state)
{
	static struct z_api api;
	static struct dynlib lib =
		DYNLIB_INIT("libz.so.1", "DONDOC_SONAME_TESTZ", "compression", "zlib1g", z_syms, &api);
	struct dd_error err;
	(void)state;

	setenv("DONDOC_SONAME_TESTZ", "libdondoc-not-there.so.1", 1);
	assert_int_equal(dynlib_load(&lib, &err), -1);
	unsetenv("DONDOC_SONAME_TESTZ");
	assert_non_null(strstr(err.msg, "compression needs zlib1g (apt install zlib1g)"));
	assert_non_null(strstr(err.msg, "libdondoc-not-there.so.1"));
	assert_null(api.crc32);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_missing_library),
		cmocka_unit_test(test_missing_symbol),
		cmocka_unit_test(test_env_override),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
