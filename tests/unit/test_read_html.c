/* test_read_html.c - the HTML reader: blocks, tables, lists, charsets, hostile input */
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

static int rd(const char *s, size_t n, const struct rd_limits *lim, struct rd_doc *doc,
	      struct dd_error *err)
{
	memset(doc, 0, sizeof(*doc));
	dd_error_clear(err);
	return rd_read_buffer("t.html", s, n, lim, doc, err);
}

/* Index of the line with exactly this text, or -1. */
static long find(const struct rd_doc *doc, const char *text)
{
	for (size_t i = 0; i < doc->nlines; i++)
		if (strcmp(doc->lines[i].text, text) == 0)
			return (long)i;
	return -1;
}

static void test_blocks(void **state)
{
	static const char html[] =
		"<!DOCTYPE html><html><head><title>Tiêu đề trang</title>"
		"<style>p{color:red}</style><script>var x = '<p>không</p>';</script></head>"
		"<body><nav>Trang chủ</nav>"
		"<h2>THÔNG   BÁO</h2>"
		"<p style=\"text-align:center\"><b>Kết luận</b> <strong>của Ban Thường vụ</strong></p>"
		"<p>Dòng một<br>dòng&nbsp;hai &amp; ba</p>"
		"<div>Ủy ban <i>nhân dân</i><div>lồng nhau</div>sau</div>"
		"<ol><li>Giao Sở Tài chính</li><li>Giao Sở Xây dựng<ol type=\"a\"><li>rà soát</li></ol></li></ol>"
		"<ul><li>Như trên;</li></ul>"
		"<p class=MsoListParagraph><![if !supportLists]><span>2.<span>&nbsp;&nbsp; </span></span>"
		"<![endif]>Giao Sở Nội vụ</p>"
		"<noscript>bật JavaScript</noscript></body></html>";
	struct rd_doc doc;
	struct dd_error err;
	long i;
	(void)state;

	assert_int_equal(rd(html, sizeof(html) - 1, NULL, &doc, &err), 0);
	assert_int_equal(doc.format, RD_HTML);
	assert_int_equal(find(&doc, "Tiêu đề trang"), -1);
	assert_int_equal(find(&doc, "Trang chủ"), -1);
	assert_int_equal(find(&doc, "bật JavaScript"), -1);
	for (size_t k = 0; k < doc.nlines; k++)
		assert_null(strstr(doc.lines[k].text, "không"));
	i = find(&doc, "THÔNG BÁO");
	assert_true(i >= 0);
	assert_true(doc.lines[i].flags & RD_HEADING);
	i = find(&doc, "Kết luận của Ban Thường vụ");
	assert_true(i >= 0);
	assert_true(doc.lines[i].flags & RD_BOLD);
	assert_true(doc.lines[i].flags & RD_CENTER);
	assert_true(find(&doc, "Dòng một") >= 0);
	assert_true(find(&doc, "dòng hai & ba") >= 0);
	assert_true(find(&doc, "Ủy ban nhân dân") >= 0);
	assert_true(find(&doc, "lồng nhau") >= 0);
	assert_true(find(&doc, "sau") >= 0);
	i = find(&doc, "1. Giao Sở Tài chính");
	assert_true(i >= 0);
	assert_true(doc.lines[i].flags & RD_AUTONUM);
	assert_true(doc.lines[i].flags & RD_LIST);
	assert_int_equal(doc.lines[i].indent, 0);
	assert_true(find(&doc, "2. Giao Sở Xây dựng") >= 0);
	i = find(&doc, "a. rà soát");
	assert_true(i >= 0);
	assert_int_equal(doc.lines[i].indent, 1);
	assert_true(find(&doc, "2. Giao Sở Nội vụ") >= 0); /* Word's conditional markers dropped */
	i = find(&doc, "- Như trên;");
	assert_true(i >= 0);
	assert_false(doc.lines[i].flags & RD_AUTONUM);
	rd_doc_release(&doc);
}

static void test_tables(void **state)
{
	static const char html[] =
		"<table><tr><td><b>ỦY BAN NHÂN DÂN</b><br>THÀNH PHỐ HUẾ</td>"
		"<td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</td></tr>"
		"<tr><td colspan=\"2\">Số: 12/TB-UBND</td><td>Huế, ngày 01 tháng 3 năm 2021</td></tr>"
		"</table><p>Thân bài</p>";
	struct rd_doc doc;
	struct dd_error err;
	long i;
	(void)state;

	assert_int_equal(rd(html, sizeof(html) - 1, NULL, &doc, &err), 0);
	assert_int_equal(doc.nlines, 6);
	assert_string_equal(doc.lines[0].text, "ỦY BAN NHÂN DÂN");
	assert_true(doc.lines[0].flags & RD_TABLE);
	assert_true(doc.lines[0].flags & RD_BOLD);
	assert_int_equal(doc.lines[0].row, 0);
	assert_int_equal(doc.lines[0].col, 0);
	assert_string_equal(doc.lines[1].text, "THÀNH PHỐ HUẾ");
	assert_int_equal(doc.lines[1].col, 0);
	assert_false(doc.lines[1].flags & RD_BOLD);
	assert_int_equal(doc.lines[2].col, 1);
	i = find(&doc, "Huế, ngày 01 tháng 3 năm 2021");
	assert_int_equal(doc.lines[i].row, 1);
	assert_int_equal(doc.lines[i].col, 2); /* after a colspan of 2 */
	i = find(&doc, "Thân bài");
	assert_false(doc.lines[i].flags & RD_TABLE);
	assert_int_equal(doc.lines[i].row, -1);
	rd_doc_release(&doc);
}

/* A cell spanning rows keeps its column covered: the cells of the rows below move right. */
static void test_rowspan(void **state)
{
	static const char html[] =
		"<table><tr><th rowspan=\"2\">STT</th><th rowspan=\"2\">Nội dung</th>"
		"<th colspan=\"2\">Cơ quan thực hiện</th><th rowspan=\"2\">Thời hạn</th></tr>"
		"<tr><th>Chủ trì</th><th>Phối hợp</th></tr>"
		"<tr><td>1</td><td rowspan=\"3\">Rà soát quy hoạch</td><td>Sở Xây dựng</td>"
		"<td>Sở Tài chính</td><td>Quý II</td></tr>"
		"<tr><td>2</td><td>Sở Nội vụ</td><td></td><td>Tháng 5</td></tr>"
		"<tr><td>3</td><td>Công an</td><td>Sở Y tế</td><td>Tháng 6</td></tr>"
		"<tr><td>4</td><td>Lập kế hoạch</td><td>Văn phòng</td><td>-</td><td>Tháng 7</td></tr>"
		"</table>";
	struct rd_doc doc;
	struct dd_error err;
	long i;
	(void)state;

	assert_int_equal(rd(html, sizeof(html) - 1, NULL, &doc, &err), 0);
	i = find(&doc, "Chủ trì");
	assert_int_equal(doc.lines[i].row, 1);
	assert_int_equal(doc.lines[i].col, 2);
	assert_int_equal(doc.lines[find(&doc, "Phối hợp")].col, 3);
	i = find(&doc, "Sở Nội vụ");
	assert_int_equal(doc.lines[i].row, 3);
	assert_int_equal(doc.lines[i].col, 2); /* column 1 is covered by "Rà soát quy hoạch" */
	assert_int_equal(doc.lines[find(&doc, "Tháng 5")].col, 4);
	assert_int_equal(doc.lines[find(&doc, "Sở Y tế")].col, 3);
	/* the span has ended: row 5 fills every column again */
	i = find(&doc, "Lập kế hoạch");
	assert_int_equal(doc.lines[i].row, 5);
	assert_int_equal(doc.lines[i].col, 1);
	assert_int_equal(doc.lines[find(&doc, "Tháng 7")].col, 4);
	rd_doc_release(&doc);
}

static void test_charsets(void **state)
{
	/* "Việt Nam" in Windows-1258: e + combining dot (0xF2) ... declared in a meta tag */
	static const char cp1258[] =
		"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\">"
		"</head><body><p>Vi\xea\xf2t Nam</p></body></html>";
	/* no declaration and not UTF-8: the text core recognizes the encoding */
	static const char latin[] = "<html><body><p>Ph\xf2ng</p><p>abc</p></body></html>";
	/* a UTF-8 declaration on bytes that are UTF-8 */
	static const char utf8[] = "<meta charset=\"UTF-8\"><p>Đảng bộ</p>";
	struct rd_doc doc;
	struct dd_error err;
	(void)state;

	assert_int_equal(rd(cp1258, sizeof(cp1258) - 1, NULL, &doc, &err), 0);
	assert_string_equal(doc.lines[0].text, "Việt Nam");
	rd_doc_release(&doc);
	if (rd(latin, sizeof(latin) - 1, NULL, &doc, &err) == 0)
		assert_string_equal(doc.lines[1].text, "abc");
	else
		assert_int_equal(err.code, DD_ERR_DATA);
	rd_doc_release(&doc);
	assert_int_equal(rd(utf8, sizeof(utf8) - 1, NULL, &doc, &err), 0);
	assert_string_equal(doc.lines[0].text, "Đảng bộ");
	assert_int_equal(doc.report.encoding, VN_ENC_UTF8);
	rd_doc_release(&doc);
}

static void test_hostile(void **state)
{
	/* entity declarations are not expanded by the HTML parser, and nothing is fetched */
	static const char bomb[] =
		"<!DOCTYPE html [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
		"<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
		"<html><body><p>&d;&d;&d;&d;&d;&d;&d;&d;</p><img src=\"http://127.0.0.1:1/x.png\">"
		"<p>cuối</p></body></html>";
	struct rd_doc doc;
	struct dd_error err;
	struct rd_limits lim = rd_limits_default;
	struct buf deep = BUF_INIT;
	size_t total = 0;
	(void)state;

	if (rd(bomb, sizeof(bomb) - 1, NULL, &doc, &err) == 0) {
		for (size_t i = 0; i < doc.nlines; i++)
			total += strlen(doc.lines[i].text);
		assert_true(total < 4096);
	}
	rd_doc_release(&doc);

	/* nesting past the depth limit is an error, not a stack overflow */
	lim.max_xml_depth = 40;
	for (int i = 0; i < 100; i++)
		buf_addstr(&deep, "<div>");
	buf_addstr(&deep, "sâu");
	assert_int_equal(rd(deep.ptr, deep.len, &lim, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_non_null(strstr(err.msg, "deep"));
	rd_doc_release(&doc);
	/* within the limit it reads */
	lim.max_xml_depth = 256;
	assert_int_equal(rd(deep.ptr, deep.len, &lim, &doc, &err), 0);
	assert_string_equal(doc.lines[0].text, "sâu");
	rd_doc_release(&doc);
	buf_release(&deep);

	/* no text at all */
	assert_int_equal(rd("<html><body><script>x</script></body></html>", 44, NULL, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	rd_doc_release(&doc);

	/* the text limit */
	lim = rd_limits_default;
	lim.max_text = 8;
	assert_int_equal(rd("<p>một đoạn văn dài hơn giới hạn</p>", strlen("<p>một đoạn văn dài hơn giới hạn</p>"),
			    &lim, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	rd_doc_release(&doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_rowspan),
		cmocka_unit_test(test_charsets),
		cmocka_unit_test(test_hostile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
