/* zipparts.h - unit tests: a zip made in memory with libzip from named parts. Include it after
 * <cmocka.h> and <zip.h>; each test file gets its own static copy. */
#ifndef TESTS_UNIT_ZIPPARTS_H
#define TESTS_UNIT_ZIPPARTS_H

#include <stddef.h>
#include <string.h>

#include "util/xalloc.h"

struct part {
	const char *name;
	const char *data;
	size_t len; /* 0: strlen(data) */
};

/* The zip of parts[0..nparts) (deflated entries); *n its size; the caller frees it. */
static char *make_zip(const struct part *parts, size_t nparts, size_t *n)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_stat_t st;
	char *out;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	for (size_t i = 0; i < nparts; i++) {
		size_t len = parts[i].len ? parts[i].len : strlen(parts[i].data);
		zip_source_t *s = zip_source_buffer(za, parts[i].data, len, 0);
		assert_non_null(s);
		assert_true(zip_file_add(za, parts[i].name, s, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_open(src), 0);
	zip_source_stat(src, &st);
	out = xmalloc(st.size + 1);
	assert_int_equal(zip_source_read(src, out, st.size), (zip_int64_t)st.size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	*n = st.size;
	return out;
}

#endif
