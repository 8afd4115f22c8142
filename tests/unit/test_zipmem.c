/* test_zipmem.c - the in-memory zip reader: entries, missing, truncated, size limits, CRC */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zip.h>

#include "zipparts.h"

#include "read/zipmem.h"
#include "util/xalloc.h"

/* Overwrite the 4-byte field at off of every local header (sig PK\3\4) and central directory
 * entry (PK\1\2), at offsets loff and coff. */
static void patch(char *z, size_t n, size_t loff, size_t coff, const char *bytes)
{
	for (size_t i = 0; i + 46 < n; i++) {
		if (memcmp(z + i, "PK\x03\x04", 4) == 0)
			memcpy(z + i + loff, bytes, 4);
		if (memcmp(z + i, "PK\x01\x02", 4) == 0)
			memcpy(z + i + coff, bytes, 4);
	}
}

static const char text_a[] = "<a>alpha alpha alpha alpha alpha alpha alpha alpha</a>";
static const char text_b[] = "<b>beta</b>";

static void test_read(void **state)
{
	struct part parts[] = {{"word/a.xml", text_a, 0}, {"b.xml", text_b, 0}};
	struct dd_error err;
	struct buf out;
	size_t n;
	char *z = make_zip(parts, 2, &n);
	struct zipmem *zm = zipmem_open(z, n, "DOCX", 10, &err);
	(void)state;

	assert_non_null(zm);
	assert_true(zipmem_has(zm, "word/a.xml"));
	assert_true(zipmem_has(zm, "b.xml"));
	assert_false(zipmem_has(zm, "B.xml")); /* names are compared exactly */
	assert_false(zipmem_has(zm, "word/"));
	assert_int_equal(zipmem_read(zm, "word/a.xml", 0, &out, &err), 0);
	assert_string_equal(buf_str(&out), text_a);
	buf_release(&out);
	assert_int_equal(zipmem_read(zm, "b.xml", 100, &out, &err), 0);
	assert_string_equal(buf_str(&out), text_b);
	buf_release(&out);
	/* a missing entry: 1, nothing read */
	assert_int_equal(zipmem_read(zm, "word/document.xml", 100, &out, &err), 1);
	assert_int_equal(out.len, 0);
	buf_release(&out);
	/* over the limit by its declared size */
	dd_error_clear(&err);
	assert_int_equal(zipmem_read(zm, "word/a.xml", 10, &out, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_non_null(strstr(err.msg, "DOCX part 'word/a.xml' too large"));
	zipmem_close(zm);
	/* the entry limit */
	assert_null(zipmem_open(z, n, "DOCX", 1, &err));
	assert_non_null(strstr(err.msg, "too many zip entries (2, limit 1)"));
	free(z);
}

static void test_truncated(void **state)
{
	struct part parts[] = {{"word/a.xml", text_a, 0}, {"b.xml", text_b, 0}};
	struct dd_error err;
	size_t n;
	char *z = make_zip(parts, 2, &n);
	(void)state;

	for (size_t cut = 0; cut < n; cut++) {
		dd_error_clear(&err);
		assert_null(zipmem_open(z, cut, "DOCX", 10, &err));
		assert_int_equal(err.code, DD_ERR_DATA);
		if (cut >= 4)
			assert_non_null(strstr(err.msg, "corrupt or truncated DOCX"));
		else
			assert_non_null(strstr(err.msg, "not a DOCX file"));
	}
	assert_null(zipmem_open("hello, world", 12, "DOCX", 10, &err));
	assert_string_equal(err.msg, "not a DOCX file (not a zip archive)");
	free(z);
}

static void test_damaged(void **state)
{
	struct part parts[] = {{"word/a.xml", text_a, 0}, {"b.xml", text_b, 0}};
	struct dd_error err;
	struct buf out;
	size_t n;
	char *z;
	struct zipmem *zm;
	(void)state;

	/* CRC mismatch (local header +14, central directory +16) */
	z = make_zip(parts, 2, &n);
	patch(z, n, 14, 16, "\x01\x02\x03\x04");
	zm = zipmem_open(z, n, "DOCX", 10, &err);
	assert_non_null(zm);
	assert_int_equal(zipmem_read(zm, "b.xml", 0, &out, &err), -1);
	assert_string_equal(err.msg, "corrupt DOCX: cannot inflate 'b.xml': CRC error");
	zipmem_close(zm);
	free(z);

	/* uncompressed sizes forged small (local +22, central +24): it stops at the declared
	 * size and the CRC catches it */
	z = make_zip(parts, 2, &n);
	patch(z, n, 22, 24, "\x04\x00\x00\x00");
	zm = zipmem_open(z, n, "DOCX", 10, &err);
	assert_non_null(zm);
	assert_int_equal(zipmem_read(zm, "word/a.xml", 0, &out, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_non_null(strstr(err.msg, "corrupt DOCX: cannot inflate 'word/a.xml'"));
	zipmem_close(zm);
	free(z);

	/* encrypted (flag bit 0: local +6, central +8) */
	z = make_zip(parts, 2, &n);
	patch(z, n, 6, 8, "\x01\x00\x08\x00");
	zm = zipmem_open(z, n, "DOCX", 10, &err);
	assert_non_null(zm);
	assert_int_equal(zipmem_read(zm, "b.xml", 0, &out, &err), -1);
	assert_string_equal(err.msg, "encrypted DOCX part 'b.xml' (not supported)");
	zipmem_close(zm);
	free(z);

	/* the same name twice */
	{
		struct part same[] = {{"a.xml", text_a, 0}, {"b.xml", text_b, 0}};
		z = make_zip(same, 2, &n);
	}
	for (size_t i = 0; i + 5 < n; i++)
		if (memcmp(z + i, "b.xml", 5) == 0)
			memcpy(z + i, "a.xml", 5);
	assert_null(zipmem_open(z, n, "DOCX", 10, &err));
	assert_string_equal(err.msg, "corrupt or truncated DOCX (zip entry 'a.xml' twice)");
	free(z);
}

/* Counting while inflating: 1 MiB of zeros, declared as 1 MiB, read with a smaller limit
 * given only after the header check would have passed. */
static void test_bomb(void **state)
{
	size_t big = 1u << 20, n;
	char *data = xcalloc(1, big);
	struct part parts[] = {{"word/document.xml", data, big}};
	struct dd_error err;
	struct buf out;
	char *z = make_zip(parts, 1, &n);
	struct zipmem *zm = zipmem_open(z, n, "DOCX", 10, &err);
	(void)state;

	assert_non_null(zm);
	assert_true(n < big / 100);
	assert_int_equal(zipmem_read(zm, "word/document.xml", big, &out, &err), 0);
	assert_int_equal(out.len, big);
	buf_release(&out);
	assert_int_equal(zipmem_read(zm, "word/document.xml", big - 1, &out, &err), -1);
	assert_non_null(strstr(err.msg, "too large"));
	zipmem_close(zm);
	/* declared 4 KiB (and a CRC to match nothing): the limit is the declared size's, the
	 * inflating stops there */
	patch(z, n, 22, 24, "\x00\x10\x00\x00");
	zm = zipmem_open(z, n, "DOCX", 10, &err);
	assert_non_null(zm);
	assert_int_equal(zipmem_read(zm, "word/document.xml", 8192, &out, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	zipmem_close(zm);
	free(z);
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_read),
	    cmocka_unit_test(test_truncated),
	    cmocka_unit_test(test_damaged),
	    cmocka_unit_test(test_bomb),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
