/* test_ocr.c - OCR: line repairs, limits and bad input, and one scanned page read end to end */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ocr/ocr.h"
#include "ocr/ocr_int.h"
#include "util/buf.h"
#include "util/file.h"

static char *fix(const char *s)
{
	struct buf b;

	buf_init(&b, 4096);
	assert_int_equal(ocr_fix_line(s, strlen(s), &b), 0);
	return buf_detach(&b, NULL);
}

#define FIX(in, want)                                                                        \
	do {                                                                                 \
		char *got_ = fix(in);                                                        \
		assert_string_equal(got_, want);                                             \
		free(got_);                                                                  \
	} while (0)

static void test_fix_digits(void **state)
{
	(void)state;
	FIX("Số: 1O/TB-UBND", "Số: 10/TB-UBND");
	FIX("ngày O8 tháng Ol năm 2Ø25", "ngày 08 tháng 01 năm 2025");
	FIX("ngày 3/l2/2025", "ngày 3/12/2025");
	/* letters that are words stay letters */
	FIX("Sở Tài chính lO ngày", "Sở Tài chính lO ngày");
	FIX("COVID-19 và SO 1", "COVID-19 và SO 1");
	FIX("Quyết định số 2O1a", "Quyết định số 2O1a");
	FIX("quý II/2021", "quý II/2021");
	/* a handwritten number left unread is not made up */
	FIX("Số: /UBND-KTTH", "Số: /UBND-KTTH");
}

static void test_fix_debris(void **state)
{
	(void)state;
	FIX("| Số: 64/TB-UBND |", "Số: 64/TB-UBND");
	FIX("|Kính gửi:", "Kính gửi:");
	FIX("quý II/⁄2021", "quý II/2021");
	FIX("https://example.gov.vn", "https://example.gov.vn");
	FIX("'Văn phòng Ủy ban", "Văn phòng Ủy ban");
	FIX("a   b \t c", "a b c");
	FIX("_ — ~", "");
	FIX("", "");
	FIX("Quảng Ngãi, ngày 04tháng 02 năm2025", "Quảng Ngãi, ngày 04 tháng 02 năm 2025");
	FIX("ngày04 tháng", "ngày 04 tháng");
	FIX("Quảng Ngãi, ngày{5 tháng 01", "Quảng Ngãi, ngày {5 tháng 01");
	FIX("bói nhận: - Như trên;", "Nơi nhận: - Như trên;");
	FIX("Nơi nhận:", "Nơi nhận:");
	FIX("2, Tiếp tục thực hiện", "2. Tiếp tục thực hiện");
	FIX("2, 3 và 4", "2, 3 và 4");
	FIX("5_ Yêu cầu UBND", "5. Yêu cầu UBND");
	FIX("2025, Sở Tài chính", "2025, Sở Tài chính");
	/* the subject's bold "Về" read as marks; a word before "việc" stays */
	FIX("\\Œ việc đề nghị xây dựng", "Về việc đề nghị xây dựng");
	FIX("“ việc giao đất", "Về việc giao đất");
	FIX("công việc giao đất", "công việc giao đất");
	FIX("Về việc giao đất", "Về việc giao đất");
	FIX("1. việc giao", "1. việc giao");
	FIX("Œ việc", "Œ việc");
	/* invalid UTF-8 passes through untouched */
	FIX("a \xff\xfe b", "a \xff\xfe b");
}

static void test_fix_caps(void **state)
{
	(void)state;
	FIX("Ủ Y BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN");
	FIX("UY BAN NHAN DAN", "ỦY BAN NHÂN DÂN");
	FIX("TINH QUANG NGAI", "TỈNH QUANG NGAI");
	FIX("PHO CHANH VAN PHONG", "PHÓ CHÁNH VĂN PHÒNG");
	FIX("THANH PHO HUE", "THÀNH PHỐ HUE");
	FIX("KT. CHU TICH", "KT. CHỦ TỊCH");
	FIX("PHO CHU TỊCH", "PHÓ CHỦ TỊCH");
	FIX("CHỦ TICH", "CHỦ TỊCH");
	FIX("CHU VI", "CHU VI");
	FIX("ĐĂNG KÝ", "ĐĂNG KÝ");
	FIX("TỜTRÌNH", "TỜ TRÌNH");
	FIX("TĨNH QUẢNG NGÃI", "TỈNH QUẢNG NGÃI");
	FIX("TỈNH HÀ TĨNH", "TỈNH HÀ TĨNH");
	/* only lines of capitals: in running text these may be real words */
	FIX("Tinh thần TINH gọn", "Tinh thần TINH gọn");
	FIX("TINHTHAN", "TINHTHAN");
	FIX("ƯU TIÊN TINH", "ƯU TIÊN TỈNH");
	FIX("ưu TINH", "ưu TINH");
}

static void test_hyphen_break(void **state)
{
	(void)state;
	assert_true(ocr_is_hyphen_break("phối hợp thực hi-", "ện nay"));
	assert_true(ocr_is_hyphen_break("kinh-", "tế"));
	assert_false(ocr_is_hyphen_break("Độc lập -", "Tự do"));
	assert_false(ocr_is_hyphen_break("Sở Tài chính-", "Sở Y tế"));
	assert_false(ocr_is_hyphen_break("- Như trên;", "- Lưu: VT"));
	assert_false(ocr_is_hyphen_break("2021-", "giao"));
	assert_false(ocr_is_hyphen_break("", ""));
}

static void test_bad_input(void **state)
{
	struct rd_doc doc;
	struct dd_error err;
	static const char junk[] = "this is not an image at all, just some words";
	static const char fakepdf[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";

	(void)state;
	memset(&doc, 0, sizeof(doc));
	assert_int_equal(ocr_image(junk, sizeof(junk) - 1, NULL, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_int_equal(doc.nlines, 0);
	assert_int_equal(ocr_image("", 0, NULL, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	/* a TIFF signature and nothing else */
	assert_int_equal(ocr_image("II*\0\0\0\0\0\0\0", 10, NULL, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_int_equal(ocr_pdf(junk, sizeof(junk) - 1, NULL, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_non_null(strstr(err.msg, "PDF"));
	assert_int_equal(ocr_pdf(fakepdf, sizeof(fakepdf) - 1, NULL, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_int_equal(doc.nlines, 0);
	assert_int_equal(doc.ocr, 0);
	rd_doc_release(&doc);
}

/* A PNG that claims 20000x20000 pixels: refused from its header. */
static void test_huge_image(void **state)
{
	static const unsigned char png[] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
		0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20, 8, 0, 0, 0, 0, 0, 0, 0, 0, /* CRC unchecked */
		0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82};
	struct rd_doc doc;
	struct dd_error err;

	(void)state;
	memset(&doc, 0, sizeof(doc));
	dd_error_clear(&err);
	assert_int_equal(ocr_image(png, sizeof(png), NULL, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_true(strstr(err.msg, "too large") || strstr(err.msg, "corrupt"));
	assert_int_equal(doc.nlines, 0);
	rd_doc_release(&doc);
}

/* A PDF of n empty pages, built in memory. */
static char *many_pages_pdf(int n, size_t *len)
{
	struct buf b;
	size_t *off = calloc((size_t)n + 3, sizeof(size_t));
	size_t xref;

	buf_init(&b, 0);
	buf_addstr(&b, "%PDF-1.4\n");
	off[1] = b.len;
	buf_addstr(&b, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
	off[2] = b.len;
	buf_addstr(&b, "2 0 obj << /Type /Pages /Count ");
	buf_printf(&b, "%d /Kids [", n);
	for (int i = 0; i < n; i++)
		buf_printf(&b, "%d 0 R ", i + 3);
	buf_addstr(&b, "] >> endobj\n");
	for (int i = 0; i < n; i++) {
		off[i + 3] = b.len;
		buf_printf(&b, "%d 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n",
			   i + 3);
	}
	xref = b.len;
	buf_printf(&b, "xref\n0 %d\n0000000000 65535 f \n", n + 3);
	for (int i = 1; i < n + 3; i++)
		buf_printf(&b, "%010zu 00000 n \n", off[i]);
	buf_printf(&b, "trailer << /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", n + 3, xref);
	free(off);
	return buf_detach(&b, len);
}

static void test_page_limits(void **state)
{
	struct rd_doc doc;
	struct dd_error err;
	size_t len;
	char *pdf = many_pages_pdf(10000, &len);
	struct ocr_opts o = ocr_opts_default;

	(void)state;
	memset(&doc, 0, sizeof(doc));
	assert_int_equal(ocr_pdf(pdf, len, NULL, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_non_null(strstr(err.msg, "too many pages"));
	free(pdf);
	/* blank pages: nothing recognised, said so */
	pdf = many_pages_pdf(2, &len);
	o.dpi = 72;
	o.threads = 2;
	o.progress = 0;
	assert_int_equal(ocr_pdf(pdf, len, &o, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_non_null(strstr(err.msg, "no text"));
	assert_int_equal(doc.nlines, 0);
	free(pdf);
	rd_doc_release(&doc);
}

/* The reader's OCR limits (rd_limits.no_ocr, max_ocr_pages) reach OCR through rd_read_*. */
static void test_reader_ocr_limits(void **state)
{
	struct rd_doc doc;
	struct dd_error err;
	struct rd_limits lim = rd_limits_default;
	size_t len;
	char *pdf = many_pages_pdf(5, &len);

	(void)state;
	lim.max_ocr_pages = 3;
	memset(&doc, 0, sizeof(doc));
	assert_int_equal(rd_read_buffer("scan.pdf", pdf, len, &lim, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_non_null(strstr(err.msg, "too many pages for OCR (5, limit 3)"));
	rd_doc_release(&doc);
	lim.max_ocr_pages = 0;
	lim.no_ocr = 1;
	memset(&doc, 0, sizeof(doc));
	assert_int_equal(rd_read_buffer("scan.pdf", pdf, len, &lim, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_non_null(strstr(err.msg, "OCR is turned off"));
	assert_int_equal(doc.nlines, 0);
	rd_doc_release(&doc);
	free(pdf);
}

static int has_line(const struct rd_doc *doc, const char *needle, unsigned flags, int col)
{
	for (size_t i = 0; i < doc->nlines; i++)
		if (strstr(doc->lines[i].text, needle) && (doc->lines[i].flags & flags) == flags &&
		    (col < 0 || doc->lines[i].col == col))
			return 1;
	return 0;
}

/* The sample page (examples/08-tb-ubnd.pdf rendered at 200 dpi, scripts/make-scans). */
static void test_scanned_png(void **state)
{
	const char *src = getenv("DONDOC_SRC");
	char path[4096];
	struct buf in;
	struct rd_doc doc;
	struct dd_error err;
	struct ocr_opts o = ocr_opts_default;

	(void)state;
	snprintf(path, sizeof(path), "%s/tests/data/ocr/08-scan.png", src ? src : ".");
	buf_init(&in, 0);
	if (file_read_all(path, 0, &in, &err) < 0) {
		print_message("skipped: %s\n", err.msg);
		skip();
	}
	memset(&doc, 0, sizeof(doc));
	o.progress = 0;
	if (ocr_image(in.ptr, in.len, &o, &doc, &err) < 0 && err.code == DD_ERR_RUNTIME) {
		/* no Vietnamese language data on this machine */
		print_message("skipped: %s\n", err.msg);
		buf_release(&in);
		skip();
	}
	assert_int_equal(doc.ocr, 1);
	assert_true(doc.ocr_confidence > 60 && doc.ocr_confidence <= 100);
	/* the two header columns are kept apart, read column by column */
	assert_true(has_line(&doc, "NHÂN DÂN", RD_TABLE, 0));
	assert_true(has_line(&doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", RD_TABLE, 1));
	assert_true(has_line(&doc, "Số: 64/TB-UBND", RD_TABLE, 0));
	assert_true(has_line(&doc, "ngày 22 tháng 4 năm 2021", RD_TABLE, 1));
	assert_true(has_line(&doc, "THÔNG BÁO", 0, -1));
	assert_true(has_line(&doc, "trước ngày", 0, -1));
	assert_true(has_line(&doc, "Nơi nhận", RD_TABLE, 0));
	assert_true(has_line(&doc, "Nguyễn Thị Hồng Vân", RD_TABLE, 1));
	/* the printed signature stamp stays out of the body */
	assert_false(has_line(&doc, "Ký bởi", 0, -1));
	assert_false(has_line(&doc, "Thời gian ký", 0, -1));
	assert_false(has_line(&doc, "Cơ quan:", 0, -1));
	for (size_t i = 0; i < doc.nlines; i++)
		assert_int_equal(doc.lines[i].page, 1);
	/* every recognised line carries its weakest word's confidence; some are below the mean */
	{
		double low = 100;
		for (size_t i = 0; i < doc.nlines; i++) {
			assert_true(doc.lines[i].conf >= 0 && doc.lines[i].conf <= 100);
			low = doc.lines[i].conf < low ? doc.lines[i].conf : low;
		}
		assert_true(low < doc.ocr_confidence);
	}
	/* and its words, which add up to the line's match key unless a repair changed it */
	{
		struct buf tmp, key;
		size_t fit = 0;
		buf_init(&tmp, 0);
		buf_init(&key, 0);
		for (size_t i = 0; i < doc.nlines; i++) {
			size_t sum = 0;
			buf_reset(&key);
			assert_int_equal(rd_match_key(doc.lines[i].text, strlen(doc.lines[i].text), &tmp, &key), 0);
			for (size_t k = 0; k < doc.lines[i].nwords; k++)
				sum += doc.lines[i].words[k].keylen;
			fit += doc.lines[i].nwords && sum == key.len;
		}
		print_message("%zu of %zu lines traced word by word\n", fit, doc.nlines);
		assert_true(fit * 10 >= doc.nlines * 9);
		buf_release(&tmp);
		buf_release(&key);
	}
	rd_doc_release(&doc);

	/* a time limit too short for the page: a clear error, nothing half-read */
	o.page_seconds = 0.001;
	assert_int_equal(ocr_image(in.ptr, in.len, &o, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_non_null(strstr(err.msg, "time limit"));
	assert_int_equal(doc.nlines, 0);
	assert_int_equal(doc.ocr, 0);
	rd_doc_release(&doc);
	buf_release(&in);
}

/* Unsure numbers: handwriting in the header goes, a list item's number starting a printed
 * line stays (its mark made a full stop). */
static void test_unsure_numbers(void **state)
{
	static const struct {
		const char *text;
		int line;
		float conf;
	} in[] = {
	    {"Số:", 1, 90},   {"89", 1, 30},    {"/QĐ-UBND", 1, 90}, /* handwritten: dropped */
	    {"5_", 2, 44},    {"Yêu", 2, 90},   {"cầu", 2, 91},      /* an item: kept, "5." */
	    {"12,", 3, 40},   {"Giao", 3, 88},                       /* "12." */
	    {"3", 4, 95},     {"Sở", 4, 90},                         /* sure: as it is */
	    {"2024", 5, 30},  {"Ban", 5, 90},                        /* four digits: dropped */
	    {"7.", 6, 20},                                           /* alone on its line: dropped */
	    {"16", 7, 35},    {"01", 7, 35},                         /* numbers after it: dropped */
	};
	const char *want[] = {"Số:", "/QĐ-UBND", "5.", "Yêu", "cầu", "12.", "Giao", "3", "Sở", "Ban"};
	struct ocr_word w[sizeof(in) / sizeof(in[0])];
	size_t n = sizeof(in) / sizeof(in[0]);

	(void)state;
	memset(w, 0, sizeof(w));
	for (size_t i = 0; i < n; i++) {
		w[i].text = strdup(in[i].text);
		w[i].line = in[i].line;
		w[i].conf = in[i].conf;
	}
	ocr_drop_unsure_numbers(w, &n);
	assert_int_equal(n, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(w[i].text, want[i]);
		free(w[i].text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fix_digits),   cmocka_unit_test(test_fix_debris),
		cmocka_unit_test(test_fix_caps),     cmocka_unit_test(test_hyphen_break),
		cmocka_unit_test(test_bad_input),    cmocka_unit_test(test_huge_image),
		cmocka_unit_test(test_page_limits),  cmocka_unit_test(test_reader_ocr_limits),
		cmocka_unit_test(test_scanned_png),  cmocka_unit_test(test_unsure_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
