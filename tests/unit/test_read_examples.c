/* test_read_examples.c - every sample document in examples/ reads, in the right format */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "read/read.h"

struct sample {
	const char *file;
	enum rd_format format;
	const char *line; /* a line that must be there, exactly */
};

static const struct sample samples[] = {
	{"01-tb-thanh-uy.txt", RD_TXT, "Số 45-TB/TU"},
	{"02-tb-ubnd.txt", RD_TXT, "Số: 123/TB-UBND"},
	{"03-kl-thanh-uy.txt", RD_TXT, "Số 12-KL/TU"},
	{"04-ct-ubnd.txt", RD_TXT, "TM. ỦY BAN NHÂN DÂN"},
	{"05-qd-ubnd.md", RD_MD, "Điều 2. Nhiệm vụ của Tổ công tác:"},
	{"06-cv-ubnd.html", RD_HTML, "Số: 210/UBND-VP"},
	{"07-kh-ubnd.docx", RD_DOCX, "2. Nhiệm vụ cụ thể"},
	{"08-tb-ubnd.pdf", RD_PDF, "Số: 64/TB-UBND"},
	{"09-tb-nfd.txt", RD_TXT, "T/M THƯỜNG TRỰC QUẬN ỦY"},
	{"10-kl-khong-tieu-de.txt", RD_TXT, "KẾT LUẬN"},
	{"11-ct-tinh-uy.txt", RD_TXT, "Số 08-CT/TU"},
	{"12-cv-thanh-uy.txt", RD_TXT, "T/L BAN THƯỜNG VỤ"},
	{"13-kh-thanh-uy-long-nhau.txt", RD_TXT, "+ Chuyên đề về văn hóa công sở, hoàn thành trong quý II/2021."},
	{"14-tb-hai-cot.txt", RD_TXT, "THÔNG BÁO"},
	{"15-tb-tcvn3.txt", RD_TXT, "Số: 17/TB-UBND"},
};

static void test_samples(void **state)
{
	const char *src = getenv("DONDOC_SRC");
	(void)state;

	if (!src) {
		print_message("DONDOC_SRC not set: examples/ not checked\n");
		skip();
	}
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		char path[4096];
		struct rd_doc doc;
		struct dd_error err;
		int found = 0;

		snprintf(path, sizeof(path), "%s/examples/%s", src, samples[i].file);
		memset(&doc, 0, sizeof(doc));
		if (rd_read_file(path, NULL, &doc, &err) < 0)
			fail_msg("%s: %s", samples[i].file, err.msg);
		if (doc.format != samples[i].format)
			fail_msg("%s: read as %s", samples[i].file, rd_format_name(doc.format));
		if (doc.nlines < 10)
			fail_msg("%s: only %zu lines", samples[i].file, doc.nlines);
		for (size_t k = 0; k < doc.nlines; k++)
			found |= strcmp(doc.lines[k].text, samples[i].line) == 0;
		if (!found)
			fail_msg("%s: no line \"%s\"", samples[i].file, samples[i].line);
		rd_doc_release(&doc);
	}
}

static void test_repairs(void **state)
{
	const char *src = getenv("DONDOC_SRC");
	char path[4096];
	struct rd_doc doc;
	struct dd_error err;
	int nfd = 0;
	(void)state;

	if (!src)
		skip();
	snprintf(path, sizeof(path), "%s/examples/09-tb-nfd.txt", src);
	memset(&doc, 0, sizeof(doc));
	assert_int_equal(rd_read_file(path, NULL, &doc, &err), 0);
	for (size_t i = 0; i < doc.report.nrepairs; i++)
		nfd |= strcmp(doc.report.repairs[i], "nfd-to-nfc") == 0;
	assert_true(nfd);
	rd_doc_release(&doc);

	snprintf(path, sizeof(path), "%s/examples/15-tb-tcvn3.txt", src);
	memset(&doc, 0, sizeof(doc));
	assert_int_equal(rd_read_file(path, NULL, &doc, &err), 0);
	assert_int_equal(doc.report.encoding, VN_ENC_TCVN3);
	assert_string_equal(doc.lines[1].text, "huyện Phong Điền");
	rd_doc_release(&doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_samples),
		cmocka_unit_test(test_repairs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
