/* test_read_text.c - the text/Markdown reader, format detection and the rd_doc limits */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "read/read.h"
#include "util/buf.h"

/* Read s (NUL-terminated) as a file called name; returns rd_read_buffer's result. */
static int rd(const char *name, const char *s, const struct rd_limits *lim, struct rd_doc *doc,
	      struct dd_error *err)
{
	memset(doc, 0, sizeof(*doc));
	dd_error_clear(err);
	return rd_read_buffer(name, s, strlen(s), lim, doc, err);
}

static void test_detect(void **state)
{
	(void)state;
	assert_int_equal(rd_detect("%PDF-1.7\n", 9, "x.txt"), RD_PDF);
	assert_int_equal(rd_detect("\n\n%PDF-1.4", 10, NULL), RD_PDF);
	assert_int_equal(rd_detect("PK\x03\x04rest", 8, "a.pdf"), RD_DOCX);
	assert_int_equal(rd_detect("\x89PNG\r\n", 6, "scan.docx"), RD_IMAGE);
	assert_int_equal(rd_detect("\xFF\xD8\xFF\xE0", 4, NULL), RD_IMAGE);
	assert_int_equal(rd_detect("<!DOCTYPE html><p>x", 19, "a.txt"), RD_HTML);
	assert_int_equal(rd_detect("\xEF\xBB\xBF  <html>", 12, NULL), RD_HTML);
	assert_int_equal(rd_detect("<p>Đoạn</p>", strlen("<p>Đoạn</p>"), "x.htm"), RD_HTML);
	assert_int_equal(rd_detect("<note>", 6, "x.htm"), RD_HTML); /* the name breaks the tie */
	assert_int_equal(rd_detect("<note>", 6, "x.txt"), RD_TXT);
	assert_int_equal(rd_detect("# Tiêu đề", strlen("# Tiêu đề"), "a.md"), RD_MD);
	assert_int_equal(rd_detect("# Tiêu đề", strlen("# Tiêu đề"), "dir.md/a.txt"), RD_TXT);
	assert_int_equal(rd_detect("THÔNG BÁO", strlen("THÔNG BÁO"), NULL), RD_TXT);
	assert_int_equal(rd_detect("ab\0cd", 5, "a.txt"), RD_UNKNOWN);
	assert_int_equal(rd_detect("\xFF\xFEh\0i\0", 6, "a.txt"), RD_TXT); /* UTF-16 has a BOM */
	assert_int_equal(rd_detect("\xD0\xCF\x11\xE0\xA1\xB1", 6, "a.doc"), RD_UNKNOWN);
	assert_int_equal(rd_detect("", 0, "a.txt"), RD_UNKNOWN);
	assert_string_equal(rd_format_name(RD_DOCX), "docx");
	assert_string_equal(rd_format_name((enum rd_format)99), "unknown");
}

static void test_bad_input(void **state)
{
	struct rd_doc doc;
	struct dd_error err;
	unsigned char junk[512];
	(void)state;

	/* random bytes with a .docx name: a clear message, no crash */
	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (unsigned char)(i * 131 + 7);
	memset(&doc, 0, sizeof(doc));
	assert_int_equal(rd_read_buffer("x.docx", junk, sizeof(junk), NULL, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_non_null(strstr(err.msg, "not a DOCX file"));
	rd_doc_release(&doc);
	/* plain text named .pdf */
	assert_int_equal(rd("a.pdf", "hello", NULL, &doc, &err), -1);
	assert_non_null(strstr(err.msg, "not a PDF file"));
	rd_doc_release(&doc);
	/* an old .doc / encrypted Office container */
	memset(&doc, 0, sizeof(doc));
	assert_int_equal(rd_read_buffer("a.doc", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, NULL, &doc, &err), -1);
	assert_non_null(strstr(err.msg, "password-protected Office"));
	rd_doc_release(&doc);
	/* an image: OCR not supported yet */
	memset(&doc, 0, sizeof(doc));
	assert_int_equal(rd_read_buffer("scan.png", "\x89PNG\r\n\x1a\n", 8, NULL, &doc, &err), -1);
	assert_non_null(strstr(err.msg, "OCR"));
	rd_doc_release(&doc);
	/* empty file */
	assert_int_equal(rd("a.txt", "", NULL, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	rd_doc_release(&doc);
	/* binary with NUL bytes */
	memset(&doc, 0, sizeof(doc));
	assert_int_equal(rd_read_buffer("a.txt", "ab\0\0\0cd", 7, NULL, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	rd_doc_release(&doc);
	/* a missing file */
	memset(&doc, 0, sizeof(doc));
	assert_int_equal(rd_read_file("/nonexistent/dondoc/x.txt", NULL, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_NOINPUT);
	assert_string_equal(err.msg, "cannot read: No such file or directory");
	rd_doc_release(&doc);
	memset(&doc, 0, sizeof(doc));
	assert_int_equal(rd_read_file("/", NULL, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_NOINPUT);
	assert_string_equal(err.msg, "cannot read: is a directory");
	rd_doc_release(&doc);
}

static void test_seed_emphasis(void **state)
{
	struct rd_doc doc;
	struct dd_error err;
	(void)state;

	assert_int_equal(rd("seed.txt",
			    "\n\nTHÔNG BÁO**kết luận của đồng chí Bí thư Thành ủy,\n"
			    "tại cuộc họp Ban Thường vụ Thành ủy**\n\nNgày 25/02/2021, Ban Thường vụ họp.\n\n\n",
			    NULL, &doc, &err), 0);
	assert_int_equal(doc.format, RD_TXT);
	assert_int_equal(doc.nlines, 5);
	assert_string_equal(doc.lines[0].text, "THÔNG BÁO");
	assert_false(doc.lines[0].flags & RD_BOLD);
	assert_string_equal(doc.lines[1].text, "kết luận của đồng chí Bí thư Thành ủy,");
	assert_true(doc.lines[1].flags & RD_BOLD);
	assert_string_equal(doc.lines[2].text, "tại cuộc họp Ban Thường vụ Thành ủy");
	assert_true(doc.lines[2].flags & RD_BOLD);
	assert_string_equal(doc.lines[3].text, "");
	assert_string_equal(doc.lines[4].text, "Ngày 25/02/2021, Ban Thường vụ họp.");
	assert_false(doc.lines[4].flags & RD_BOLD);
	assert_int_equal(doc.lines[4].col, -1);
	rd_doc_release(&doc);
}

static void test_markup(void **state)
{
	struct rd_doc doc;
	struct dd_error err;
	(void)state;

	assert_int_equal(rd("a.md",
			    "# QUYẾT ĐỊNH #\n"
			    "**Điều 1.** Thành lập *Tổ công tác*; __Tổ__ gồm 5*3*2 người.\n"
			    "***\n"
			    "Số: ____/TB-UBND\n"
			    "1\\. Không phải danh sách\n"
			    "* mục đầu dòng\n"
			    "a**b** x ** y\n",
			    NULL, &doc, &err), 0);
	assert_int_equal(doc.format, RD_MD);
	assert_int_equal(doc.nlines, 7);
	assert_string_equal(doc.lines[0].text, "QUYẾT ĐỊNH");
	assert_true(doc.lines[0].flags & RD_HEADING);
	assert_string_equal(doc.lines[1].text, "Điều 1. Thành lập Tổ công tác; Tổ gồm 5*3*2 người.");
	assert_false(doc.lines[1].flags & RD_HEADING);
	assert_string_equal(doc.lines[2].text, "***");
	assert_string_equal(doc.lines[3].text, "Số: ____/TB-UBND");
	assert_string_equal(doc.lines[4].text, "1. Không phải danh sách");
	assert_string_equal(doc.lines[5].text, "* mục đầu dòng");
	assert_string_equal(doc.lines[6].text, "ab x ** y");
	rd_doc_release(&doc);

	/* in .txt a '#' is text, and a backslash stays */
	assert_int_equal(rd("a.txt", "# 1\\. x\n", NULL, &doc, &err), 0);
	assert_string_equal(doc.lines[0].text, "# 1\\. x");
	assert_false(doc.lines[0].flags & RD_HEADING);
	rd_doc_release(&doc);
}

/* A pipe table (header, delimiter row, rows up to a blank line) comes as table lines, row
 * by row and column by column, empty cells left out; pipes without a delimiter row of the
 * header's width stay text. */
static void test_pipe_table(void **state)
{
	struct rd_doc doc;
	struct dd_error err;
	(void)state;

	assert_int_equal(rd("a.md",
			    "II. NHIỆM VỤ\n"
			    "| STT | Nội dung | Chủ trì | Thời hạn |\n"
			    "|:---:|---|---|--:|\n"
			    "| 1 | Rà soát **hồ sơ** | Sở Tài chính | Quý II/2026 |\n"
			    "| 2 | Số hóa |  | 30/6/2026 |\n"
			    "\n"
			    "a | b\n"
			    "Sau bảng.\n",
			    NULL, &doc, &err), 0);
	static const struct {
		const char *text;
		int row, col;
	} want[] = {
		{"II. NHIỆM VỤ", -1, -1}, {"STT", 0, 0},	  {"Nội dung", 0, 1},	 {"Chủ trì", 0, 2},
		{"Thời hạn", 0, 3},	  {"1", 1, 0},		  {"Rà soát hồ sơ", 1, 1}, {"Sở Tài chính", 1, 2},
		{"Quý II/2026", 1, 3},	  {"2", 2, 0},		  {"Số hóa", 2, 1},	 {"30/6/2026", 2, 3},
		{"", -1, -1},		  {"a | b", -1, -1},	  {"Sau bảng.", -1, -1},
	};
	assert_int_equal(doc.nlines, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < doc.nlines; i++) {
		assert_string_equal(doc.lines[i].text, want[i].text);
		assert_int_equal(doc.lines[i].len, strlen(want[i].text));
		assert_int_equal(doc.lines[i].row, want[i].row);
		assert_int_equal(doc.lines[i].col, want[i].col);
		assert_int_equal(!!(doc.lines[i].flags & RD_TABLE), want[i].row >= 0);
	}
	rd_doc_release(&doc);

	/* a delimiter row of another width, a lone delimiter row, a rule: text */
	const char *text[] = {"| a | b | c |\n|---|---|\n| 1 | 2 | 3 |\n", "|---|---|\n| 1 | 2 |\n",
			      "Tiêu đề\n---\nDòng\n", "| a | b |\n| - | : |\n"};
	for (size_t t = 0; t < sizeof(text) / sizeof(text[0]); t++) {
		assert_int_equal(rd("b.md", text[t], NULL, &doc, &err), 0);
		for (size_t i = 0; i < doc.nlines; i++)
			assert_false(doc.lines[i].flags & RD_TABLE);
		rd_doc_release(&doc);
	}
	/* the line limit holds for the cells: a table that could pass it stays text */
	struct rd_limits lim = rd_limits_default;
	lim.max_lines = 30;
	assert_int_equal(rd("d.md", "| a | b |\n|---|---|\n| 1 | 2 |\n", &lim, &doc, &err), 0);
	assert_int_equal(doc.nlines, 3);
	for (size_t i = 0; i < doc.nlines; i++)
		assert_false(doc.lines[i].flags & RD_TABLE);
	assert_string_equal(doc.lines[2].text, "| 1 | 2 |");
	rd_doc_release(&doc);
	lim.max_lines = 40;
	assert_int_equal(rd("d.md", "| a | b |\n|---|---|\n| 1 | 2 |\n", &lim, &doc, &err), 0);
	assert_int_equal(doc.nlines, 4);
	assert_true(doc.lines[3].flags & RD_TABLE);
	rd_doc_release(&doc);
	/* plain text reads them too (converted documents are often saved as .txt) */
	assert_int_equal(rd("c.txt", "| Nội dung | Chủ trì |\n| --- | --- |\n| Rà soát | Sở Nội vụ |\n", NULL,
			    &doc, &err), 0);
	assert_int_equal(doc.nlines, 4);
	assert_string_equal(doc.lines[3].text, "Sở Nội vụ");
	assert_int_equal(doc.lines[3].row, 1);
	rd_doc_release(&doc);
}

static void test_indent_and_pages(void **state)
{
	struct rd_doc doc;
	struct dd_error err;
	(void)state;

	assert_int_equal(rd("a.txt", "    1. Giao Sở Tài chính\r\n\ta) chủ trì   \r\nthực hiện\fTrang 2\n",
			    NULL, &doc, &err), 0);
	assert_int_equal(doc.nlines, 4);
	assert_int_equal(doc.lines[0].indent, 4);
	assert_string_equal(doc.lines[0].text, "1. Giao Sở Tài chính");
	assert_int_equal(doc.lines[1].indent, 8);
	assert_string_equal(doc.lines[1].text, "a) chủ trì");
	assert_int_equal(doc.lines[0].page, 1);
	assert_int_equal(doc.lines[2].page, 1);
	assert_string_equal(doc.lines[3].text, "Trang 2");
	assert_int_equal(doc.lines[3].page, 2);
	rd_doc_release(&doc);
}

static void test_normalized(void **state)
{
	struct rd_doc doc;
	struct dd_error err;
	/* "Việt" with the dot below and circumflex as combining marks (NFD) */
	const char *nfd = "Vie\xcc\x82\xcc\xa3t Nam\n";
	(void)state;

	assert_int_equal(rd("a.txt", nfd, NULL, &doc, &err), 0);
	assert_string_equal(doc.lines[0].text, "Việt Nam");
	assert_int_equal(doc.nlines, 1);
	rd_doc_release(&doc);
}

static void test_limits(void **state)
{
	struct rd_doc doc;
	struct dd_error err;
	struct rd_limits lim = rd_limits_default;
	(void)state;

	lim.max_lines = 3;
	assert_int_equal(rd("a.txt", "1\n2\n3\n", &lim, &doc, &err), 0);
	assert_int_equal(doc.nlines, 3);
	rd_doc_release(&doc);
	assert_int_equal(rd("a.txt", "1\n2\n3\n4\n", &lim, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_non_null(strstr(err.msg, "too many lines"));
	rd_doc_release(&doc);

	lim = rd_limits_default;
	lim.max_text = 16;
	assert_int_equal(rd("a.txt", "short\n", &lim, &doc, &err), 0);
	rd_doc_release(&doc);
	assert_int_equal(rd("a.txt", "a line that is longer than sixteen bytes\n", &lim, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	rd_doc_release(&doc);

	lim = rd_limits_default;
	lim.max_input = 10;
	assert_int_equal(rd("a.txt", "0123456789", &lim, &doc, &err), 0);
	rd_doc_release(&doc);
	assert_int_equal(rd("a.txt", "0123456789x", &lim, &doc, &err), -1);
	assert_non_null(strstr(err.msg, "too large"));
	rd_doc_release(&doc);
}

static void test_worst_cases(void **state)
{
	struct rd_doc doc;
	struct dd_error err;
	struct buf b = BUF_INIT;
	(void)state;

	/* a long line of unclosed italic openers stays linear (it was quadratic once) */
	for (int i = 0; i < 200000; i++)
		buf_addstr(&b, "*a ");
	assert_int_equal(rd("a.md", b.ptr, NULL, &doc, &err), 0);
	assert_int_equal(doc.nlines, 1);
	assert_int_equal(strlen(doc.lines[0].text), b.len - 1);
	rd_doc_release(&doc);
	/* many short bold markers between capitals and small letters */
	buf_reset(&b);
	for (int i = 0; i < 50000; i++)
		buf_addstr(&b, "A**b ");
	assert_int_equal(rd("a.txt", b.ptr, NULL, &doc, &err), 0);
	assert_true(doc.nlines >= 2);
	assert_string_equal(doc.lines[0].text, "A");
	rd_doc_release(&doc);
	buf_release(&b);
}

static void test_doc_helpers(void **state)
{
	struct rd_doc doc;
	(void)state;

	memset(&doc, 0, sizeof(doc));
	for (int i = 0; i < 20; i++)
		rd_doc_add_warning(&doc, i % 2 ? "b" : "a");
	assert_int_equal(doc.nwarnings, 2);
	for (int i = 0; i < 20; i++) {
		char w[8];
		snprintf(w, sizeof(w), "w%d", i);
		rd_doc_add_warning(&doc, w);
	}
	assert_int_equal(doc.nwarnings, 8); /* capped, never overflows */
	assert_int_equal(rd_doc_add_line(&doc, "abc", 2, 1, RD_TABLE, 3, 1, 2), 0);
	assert_string_equal(doc.lines[0].text, "ab");
	assert_int_equal(doc.lines[0].col, 1);
	assert_int_equal(rd_doc_add_line(&doc, "x", 1, 0, 0, 0, 5, 5), 0);
	assert_int_equal(doc.lines[1].col, -1);
	rd_doc_release(&doc);
	rd_doc_release(&doc); /* twice is fine */
	rd_doc_release(NULL);
}

/* The lines' texts share chunks of one arena: texts added earlier stay where they are while
 * later lines start new chunks, len is strlen(text), and a NUL inside a line ends its text. */
static void test_line_storage(void **state)
{
	struct rd_doc doc;
	struct dd_error err;
	struct buf b = BUF_INIT, want = BUF_INIT;
	char line[1200];
	(void)state;

	memset(&doc, 0, sizeof(doc));
	srand(7);
	for (int i = 0; i < 3000; i++) {
		size_t n = (size_t)(rand() % (i % 100 == 0 ? 1100 : 90));
		for (size_t k = 0; k < n; k++)
			line[k] = (char)('a' + (i + (int)k) % 26);
		assert_int_equal(rd_doc_add_line(&doc, line, n, 0, 0, 0, -1, -1), 0);
	}
	srand(7);
	for (int i = 0; i < 3000; i++) {
		size_t n = (size_t)(rand() % (i % 100 == 0 ? 1100 : 90));
		assert_int_equal(doc.lines[i].len, n);
		assert_int_equal(strlen(doc.lines[i].text), n);
		for (size_t k = 0; k < n; k++)
			assert_int_equal(doc.lines[i].text[k], (char)('a' + (i + (int)k) % 26));
	}
	assert_int_equal(rd_doc_add_line(&doc, "ab\0cd", 5, 0, 0, 0, -1, -1), 0);
	assert_int_equal(doc.lines[3000].len, 2);
	assert_string_equal(doc.lines[3000].text, "ab");
	rd_doc_release(&doc);

	/* the text reader, blank lines at both ends dropped, the rest with their lengths */
	buf_addstr(&b, "\n\n");
	for (int i = 0; i < 2000; i++) {
		buf_printf(&b, "  Dòng số %d của văn bản%s\n", i, i % 7 ? "" : "\n");
		buf_printf(&want, "Dòng số %d của văn bản", i);
	}
	buf_addstr(&b, "\n\n\n");
	assert_int_equal(rd("a.txt", b.ptr, NULL, &doc, &err), 0);
	assert_int_equal(doc.nlines, 2000 + (2000 + 6) / 7); /* a blank after every 7th */
	buf_reset(&b);
	for (size_t i = 0; i < doc.nlines; i++) {
		assert_int_equal(doc.lines[i].len, strlen(doc.lines[i].text));
		buf_add(&b, doc.lines[i].text, doc.lines[i].len);
	}
	assert_string_equal(buf_str(&b), buf_str(&want));
	assert_true(doc.lines[0].len > 0 && doc.lines[doc.nlines - 1].len > 0);
	rd_doc_release(&doc);
	buf_release(&b);
	buf_release(&want);
}

static uint32_t rng = 77;

static uint32_t next_rand(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

/* The text reader's fast paths (16-byte scans for markup, a line with none read where it
 * is) against its plain ways, on random text and Markdown full of markup, escapes, page
 * breaks, blank lines and lines of every length around 16 bytes. */
static void test_fast_paths(void **state)
{
	static const char *const pieces[] = {
	    "Thành phố ", "ủy ban ", "công tác", "x", "ab", "0123456789abcdef", "**", "*", "__",
	    "_", "***", "\\*", "\\", "\\_", "# ", "## ", "#", "\n", "\n", "\n", "\n\n", "\f", "\r\n",
	    "  ", "\t", "THÔNG BÁO", "kết luận", " ** ", "a*b", "snake_case_name", "Số: ____/TB",
	};
	struct buf b = BUF_INIT;
	struct rd_doc fast, plain;
	struct dd_error err;
	size_t lines = 0;
	(void)state;

	for (int round = 0; round < 4000; round++) {
		size_t np = 1 + next_rand() % 120;
		buf_reset(&b);
		for (size_t k = 0; k < np; k++)
			buf_addstr(&b, pieces[next_rand() % (sizeof(pieces) / sizeof(pieces[0]))]);
		const char *name = round % 2 ? "a.md" : "a.txt";
		rd_text_fast_paths(0);
		int rc_plain = rd(name, b.ptr, NULL, &plain, &err);
		rd_text_fast_paths(1);
		int rc_fast = rd(name, b.ptr, NULL, &fast, &err);
		assert_int_equal(rc_fast, rc_plain);
		assert_int_equal(fast.nlines, plain.nlines);
		for (size_t i = 0; i < fast.nlines; i++) {
			const struct rd_line *x = &fast.lines[i], *y = &plain.lines[i];
			assert_string_equal(x->text, y->text);
			assert_int_equal(x->len, y->len);
			assert_int_equal(x->indent, y->indent);
			assert_int_equal(x->flags, y->flags);
			assert_int_equal(x->page, y->page);
			assert_int_equal(x->col, y->col);
			assert_int_equal(x->row, y->row);
		}
		lines += fast.nlines;
		rd_doc_release(&fast);
		rd_doc_release(&plain);
	}
	assert_true(lines > 40000);
	buf_release(&b);

	/* page breaks found one after another, also back to back and at the end */
	assert_int_equal(rd("p.txt", "Trang một\f\fTrang ba\ncòn trang ba\fTrang bốn\f", NULL, &fast, &err), 0);
	assert_int_equal(fast.nlines, 5);
	assert_string_equal(fast.lines[0].text, "Trang một");
	assert_int_equal(fast.lines[0].page, 1);
	assert_string_equal(fast.lines[1].text, "");
	assert_int_equal(fast.lines[1].page, 2);
	assert_string_equal(fast.lines[2].text, "Trang ba");
	assert_int_equal(fast.lines[2].page, 3);
	assert_int_equal(fast.lines[3].page, 3);
	assert_string_equal(fast.lines[4].text, "Trang bốn");
	assert_int_equal(fast.lines[4].page, 4);
	rd_doc_release(&fast);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detect),         cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_seed_emphasis),  cmocka_unit_test(test_markup),
		cmocka_unit_test(test_indent_and_pages), cmocka_unit_test(test_normalized),
		cmocka_unit_test(test_limits),         cmocka_unit_test(test_worst_cases),
		cmocka_unit_test(test_doc_helpers),    cmocka_unit_test(test_line_storage),
		cmocka_unit_test(test_fast_paths),       cmocka_unit_test(test_pipe_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
