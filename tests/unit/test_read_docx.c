/* test_read_docx.c - the DOCX reader: numbering, tables, legacy fonts, tracked changes, bombs */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <zip.h>

#include "zipparts.h"

#include "read/read.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define BODY(x) "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document " W "><w:body>" x "</w:body></w:document>"

static int read_parts(const struct part *parts, size_t nparts, const struct rd_limits *lim,
		      struct rd_doc *doc, struct dd_error *err)
{
	size_t n;
	char *z = make_zip(parts, nparts, &n);
	int rc;

	memset(doc, 0, sizeof(*doc));
	dd_error_clear(err);
	rc = rd_read_buffer("t.docx", z, n, lim, doc, err);
	free(z);
	return rc;
}

static int read_body(const char *document, const char *numbering, const char *styles,
		     struct rd_doc *doc, struct dd_error *err)
{
	struct part parts[3] = {{"word/document.xml", document, 0}};
	size_t np = 1;

	if (numbering)
		parts[np++] = (struct part){"word/numbering.xml", numbering, 0};
	if (styles)
		parts[np++] = (struct part){"word/styles.xml", styles, 0};
	return read_parts(parts, np, NULL, doc, err);
}

#define P(text) "<w:p><w:r><w:t>" text "</w:t></w:r></w:p>"
#define NP(num, lvl, text) \
	"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" #lvl "\"/><w:numId w:val=\"" #num "\"/></w:numPr></w:pPr>" \
	"<w:r><w:t>" text "</w:t></w:r></w:p>"

static const char numbering[] =
	"<w:numbering " W ">"
	"<w:abstractNum w:abstractNumId=\"10\">"
	"<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>"
	"<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%2)\"/></w:lvl>"
	"<w:lvl w:ilvl=\"2\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\xef\x82\xb7\"/></w:lvl>"
	"<w:lvl w:ilvl=\"3\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"+\"/></w:lvl>"
	"<w:lvl w:ilvl=\"4\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\xef\x80\xa0\"/></w:lvl>"
	"<w:lvl w:ilvl=\"5\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\xef\x80\xab\"/></w:lvl>"
	"</w:abstractNum>"
	"<w:abstractNum w:abstractNumId=\"20\">"
	"<w:lvl w:ilvl=\"0\"><w:start w:val=\"4\"/><w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%1-\"/>"
	"<w:suff w:val=\"nothing\"/></w:lvl>"
	"<w:lvl w:ilvl=\"1\"><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2.\"/></w:lvl>"
	"</w:abstractNum>"
	"<w:num w:numId=\"1\"><w:abstractNumId w:val=\"10\"/></w:num>"
	"<w:num w:numId=\"2\"><w:abstractNumId w:val=\"20\"/></w:num>"
	"<w:num w:numId=\"3\"><w:abstractNumId w:val=\"10\"/>"
	"<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
	"</w:numbering>";

static void test_numbering(void **state)
{
	struct rd_doc doc;
	struct dd_error err;
	static const char document[] = BODY(
		P("Mở đầu")
		NP(1, 0, "Giao Sở Tài chính") NP(1, 1, "chủ trì") NP(1, 1, "phối hợp")
		NP(1, 2, "gạch đầu dòng") NP(1, 3, "dấu cộng") NP(1, 4, "ký hiệu trống") NP(1, 5, "cộng Symbol")
		NP(1, 0, "Giao Sở Nội vụ") NP(1, 1, "lại từ a")
		NP(2, 0, "La Mã") NP(2, 1, "hai cấp")
		NP(3, 0, "danh sách mới")
		"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"0\"/></w:numPr></w:pPr><w:r><w:t>không số</w:t></w:r></w:p>"
		NP(99, 0, "numId không có"));
	static const char *const want[] = {
		"Mở đầu", "1. Giao Sở Tài chính", "a) chủ trì", "b) phối hợp", "- gạch đầu dòng",
		"+ dấu cộng", "ký hiệu trống", "+ cộng Symbol", "2. Giao Sở Nội vụ", "a) lại từ a", "IV-La Mã", "IV.1. hai cấp",
		"1. danh sách mới", "không số", "numId không có"};
	(void)state;

	assert_int_equal(read_body(document, numbering, NULL, &doc, &err), 0);
	assert_int_equal(doc.format, RD_DOCX);
	assert_int_equal(doc.nlines, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < doc.nlines; i++)
		assert_string_equal(doc.lines[i].text, want[i]);
	assert_false(doc.lines[0].flags & RD_AUTONUM);
	assert_true(doc.lines[1].flags & RD_AUTONUM);
	assert_true(doc.lines[1].flags & RD_LIST);
	assert_int_equal(doc.lines[1].indent, 0);
	assert_int_equal(doc.lines[2].indent, 1);
	assert_false(doc.lines[6].flags & RD_AUTONUM); /* a blank bullet shows no label */
	assert_false(doc.lines[13].flags & RD_AUTONUM);
	assert_false(doc.lines[14].flags & RD_AUTONUM);
	rd_doc_release(&doc);
}

/* A table whose STT cells hold only Word numbering: the label is the cell's line; outside a
 * table a paragraph with only a label still gives nothing. */
static void test_numbered_cells(void **state)
{
	struct rd_doc doc;
	struct dd_error err;
	static const char document[] = BODY(
		"<w:tbl><w:tr><w:tc>" P("STT") "</w:tc><w:tc>" P("Nội dung") "</w:tc></w:tr>"
		"<w:tr><w:tc><w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr></w:p></w:tc>"
		"<w:tc>" P("Rà soát quy hoạch") "</w:tc></w:tr>"
		"<w:tr><w:tc><w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr></w:p></w:tc>"
		"<w:tc>" P("Lập kế hoạch") "</w:tc></w:tr></w:tbl>"
		"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:p>"
		P("Hết"));
	static const char *const want[] = {"STT", "Nội dung", "1.", "Rà soát quy hoạch", "2.",
					   "Lập kế hoạch", "Hết"};
	(void)state;

	assert_int_equal(read_body(document, numbering, NULL, &doc, &err), 0);
	assert_int_equal(doc.nlines, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < doc.nlines; i++)
		assert_string_equal(doc.lines[i].text, want[i]);
	assert_int_equal(doc.lines[2].row, 1);
	assert_int_equal(doc.lines[2].col, 0);
	assert_true(doc.lines[2].flags & RD_AUTONUM);
	assert_false(doc.lines[2].flags & RD_BOLD); /* no text, so no style either */
	assert_int_equal(doc.lines[4].row, 2);
	assert_false(doc.lines[6].flags & RD_TABLE);
	rd_doc_release(&doc);
}

static void test_tables_and_runs(void **state)
{
	struct rd_doc doc;
	struct dd_error err;
	static const char styles[] =
		"<w:styles " W ">"
		"<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
		"<w:pPr><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>"
		"<w:style w:type=\"paragraph\" w:styleId=\"Muc\"><w:name w:val=\"Muc\"/>"
		"<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>"
		"<w:style w:type=\"paragraph\" w:styleId=\"MucCon\"><w:basedOn w:val=\"Muc\"/></w:style>"
		"</w:styles>";
	static const char document[] = BODY(
		"<w:tbl><w:tr><w:tc><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>ỦY BAN NHÂN DÂN</w:t></w:r></w:p>"
		"<w:p><w:r><w:t xml:space=\"preserve\">Số: </w:t></w:r><w:r><w:t>12/TB-UBND</w:t></w:r></w:p></w:tc>"
		"<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>"
		"<w:r><w:rPr><w:caps/></w:rPr><w:t>cộng hòa</w:t></w:r></w:p></w:tc>"
		"<w:tc><w:p><w:r><w:rPr><w:i/></w:rPr><w:t>Huế, ngày 01 tháng 3 năm 2021</w:t></w:r></w:p></w:tc></w:tr>"
		"<w:tr><w:tc><w:p><w:r><w:t>hàng hai</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
		"<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>THÔNG BÁO</w:t></w:r></w:p>"
		"<w:p><w:pPr><w:pStyle w:val=\"MucCon\"/></w:pPr><w:r><w:t>theo kiểu</w:t></w:r></w:p>"
		"<w:p><w:r><w:t>trước</w:t></w:r><w:r><w:br/><w:t>sau ngắt dòng</w:t></w:r><w:r><w:br w:type=\"page\"/><w:t>!</w:t></w:r></w:p>"
		"<w:p><w:r><w:t>A</w:t><w:tab/><w:t>B</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r></w:p>"
		"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>đậm</w:t></w:r><w:r><w:rPr><w:rPrChange w:id=\"9\"><w:rPr><w:b/></w:rPr>"
		"</w:rPrChange></w:rPr><w:t xml:space=\"preserve\"> thường</w:t></w:r></w:p>"
		"<w:p/><w:p><w:r><w:t>   </w:t></w:r></w:p>"
		"<w:p><w:r><w:t>Ba cấp: </w:t></w:r>"
		"<w:r><w:drawing><wp:inline xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\">"
		"<a:p xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:r><a:t>không phải Word</a:t></a:r></a:p>"
		"</wp:inline></w:drawing></w:r><w:r><w:t>xong</w:t></w:r></w:p>");
	(void)state;

	assert_int_equal(read_body(document, numbering, styles, &doc, &err), 0);
	assert_string_equal(doc.lines[0].text, "ỦY BAN NHÂN DÂN");
	assert_true(doc.lines[0].flags & RD_TABLE);
	assert_true(doc.lines[0].flags & RD_BOLD);
	assert_int_equal(doc.lines[0].row, 0);
	assert_int_equal(doc.lines[0].col, 0);
	assert_string_equal(doc.lines[1].text, "Số: 12/TB-UBND");
	assert_false(doc.lines[1].flags & RD_BOLD);
	assert_string_equal(doc.lines[2].text, "CỘNG HÒA");
	assert_int_equal(doc.lines[2].col, 1);
	assert_true(doc.lines[2].flags & RD_CENTER);
	assert_string_equal(doc.lines[3].text, "Huế, ngày 01 tháng 3 năm 2021");
	assert_int_equal(doc.lines[3].col, 3); /* after a cell spanning two grid columns */
	assert_true(doc.lines[3].flags & RD_ITALIC);
	assert_string_equal(doc.lines[4].text, "hàng hai");
	assert_int_equal(doc.lines[4].row, 1);
	assert_int_equal(doc.lines[4].col, 0);
	assert_string_equal(doc.lines[5].text, "THÔNG BÁO");
	assert_false(doc.lines[5].flags & RD_TABLE);
	assert_true(doc.lines[5].flags & RD_HEADING);
	assert_true(doc.lines[5].flags & RD_CENTER);
	assert_true(doc.lines[5].flags & RD_BOLD);
	assert_string_equal(doc.lines[6].text, "1. theo kiểu"); /* numbering from the style chain */
	assert_true(doc.lines[6].flags & RD_AUTONUM);
	assert_string_equal(doc.lines[7].text, "trước");
	assert_string_equal(doc.lines[8].text, "sau ngắt dòng!");
	assert_string_equal(doc.lines[9].text, "A    B");
	assert_string_equal(doc.lines[10].text, "đậm thường");
	assert_false(doc.lines[10].flags & RD_BOLD);
	assert_string_equal(doc.lines[11].text, "Ba cấp: xong");
	assert_int_equal(doc.nlines, 12);
	rd_doc_release(&doc);
}

static void test_legacy_and_changes(void **state)
{
	struct rd_doc doc;
	struct dd_error err;
	/* "Đảng ủy" in TCVN3 bytes shown as Windows-1252 characters (A7 B6 6E 67 20 F1 79) */
	static const char document[] = BODY(
		"<w:p><w:r><w:rPr><w:rFonts w:ascii=\".VnTime\" w:hAnsi=\".VnTime\"/></w:rPr>"
		"<w:t>\xc2\xa7\xc2\xb6ng \xc3\xb1y</w:t></w:r><w:r><w:t xml:space=\"preserve\"> và Unicode</w:t></w:r></w:p>"
		"<w:p><w:r><w:rPr><w:rFonts w:ascii=\".VnTimeH\"/></w:rPr><w:t>\xc2\xa7\xc2\xb6ng</w:t></w:r></w:p>"
		"<w:p><w:r><w:t xml:space=\"preserve\">Giao Sở </w:t></w:r>"
		"<w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText>Xây dựng</w:delText></w:r></w:del>"
		"<w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t>Tài chính</w:t></w:r></w:ins>"
		"<w:moveFrom w:id=\"3\"><w:r><w:t>chuyển đi</w:t></w:r></w:moveFrom></w:p>"
		"<w:p><w:r><w:t xml:space=\"preserve\">Trang </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
		"<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
		"<w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
		"<w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>/5</w:t></w:r></w:fldSimple></w:p>"
		"<w:p><mc:AlternateContent xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">"
		"<mc:Choice Requires=\"wps\"><w:r><w:t>chọn</w:t></w:r></mc:Choice>"
		"<mc:Fallback><w:r><w:t>dự phòng</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>");
	int tracked = 0, tcvn = 0;
	(void)state;

	assert_int_equal(read_body(document, NULL, NULL, &doc, &err), 0);
	assert_int_equal(doc.nlines, 5);
	assert_string_equal(doc.lines[0].text, "Đảng ủy và Unicode");
	assert_string_equal(doc.lines[1].text, "ĐẢNG"); /* .VnTimeH shows capitals */
	assert_string_equal(doc.lines[2].text, "Giao Sở Tài chính");
	assert_string_equal(doc.lines[3].text, "Trang 3/5");
	assert_string_equal(doc.lines[4].text, "chọn");
	for (size_t i = 0; i < doc.nwarnings; i++) {
		tracked |= strstr(doc.warnings[i], "tracked changes") != NULL;
		tcvn |= strstr(doc.warnings[i], "TCVN3") != NULL;
	}
	assert_true(tracked);
	assert_true(tcvn);
	rd_doc_release(&doc);
}

static void test_bad_docx(void **state)
{
	struct rd_doc doc;
	struct dd_error err;
	struct rd_limits lim = rd_limits_default;
	static const char ok[] = BODY(P("một") P("hai"));
	static const struct part no_doc[] = {{"word/other.xml", "<x/>", 0}};
	static const char bomb[] =
		"<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
		"<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
		"<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">]>"
		"<w:document " W "><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>";
	static const char broken[] = "<w:document " W "><w:body><w:p><w:r><w:t>cắt";
	size_t n;
	char *z;
	(void)state;

	/* a zip without word/document.xml */
	assert_int_equal(read_parts(no_doc, 1, NULL, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_non_null(strstr(err.msg, "word/document.xml"));
	rd_doc_release(&doc);
	/* an entity bomb is refused before parsing */
	assert_int_equal(read_body(bomb, NULL, NULL, &doc, &err), -1);
	assert_non_null(strstr(err.msg, "entity"));
	rd_doc_release(&doc);
	/* malformed XML */
	assert_int_equal(read_body(broken, NULL, NULL, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_non_null(strstr(err.msg, "corrupt DOCX"));
	rd_doc_release(&doc);
	/* an empty document */
	assert_int_equal(read_body(BODY(""), NULL, NULL, &doc, &err), -1);
	assert_non_null(strstr(err.msg, "no text"));
	rd_doc_release(&doc);

	/* truncated: every cut gives an error, never a crash */
	{
		struct part parts[] = {{"word/document.xml", ok, 0}, {"word/numbering.xml", numbering, 0}};
		z = make_zip(parts, 2, &n);
		for (size_t cut = 0; cut < n; cut += n / 23 + 1) {
			memset(&doc, 0, sizeof(doc));
			assert_int_equal(rd_read_buffer_as(RD_DOCX, "t.docx", z, cut, NULL, &doc, &err), -1);
			assert_int_equal(err.code, DD_ERR_DATA);
			assert_non_null(strstr(err.msg, "DOCX"));
			if (cut > 4)
				assert_non_null(strstr(err.msg, "corrupt"));
			rd_doc_release(&doc);
		}
		/* flipped bytes in the middle (compressed data, CRC): an error or a result, no crash */
		for (size_t at = 30; at < n; at += 17) {
			char saved = z[at];
			z[at] = (char)~z[at];
			memset(&doc, 0, sizeof(doc));
			if (rd_read_buffer("t.docx", z, n, NULL, &doc, &err) < 0)
				assert_int_equal(err.code, DD_ERR_DATA);
			rd_doc_release(&doc);
			z[at] = saved;
		}
		memset(&doc, 0, sizeof(doc));
		assert_int_equal(rd_read_buffer("t.docx", z, n, NULL, &doc, &err), 0);
		assert_int_equal(doc.nlines, 2);
		rd_doc_release(&doc);
		free(z);
	}

	/* too many zip entries */
	{
		struct part parts[6] = {{"word/document.xml", ok, 0}};
		char names[5][16];
		for (int i = 0; i < 5; i++) {
			snprintf(names[i], sizeof(names[i]), "extra%d.xml", i);
			parts[i + 1] = (struct part){names[i], "<x/>", 0};
		}
		lim.max_zip_entries = 5;
		assert_int_equal(read_parts(parts, 6, &lim, &doc, &err), -1);
		assert_non_null(strstr(err.msg, "too many zip entries"));
		rd_doc_release(&doc);
		lim.max_zip_entries = 6;
		assert_int_equal(read_parts(parts, 6, &lim, &doc, &err), 0);
		rd_doc_release(&doc);
	}

	/* nesting depth */
	{
		struct buf deep = BUF_INIT;
		buf_addstr(&deep, "<w:document " W "><w:body>");
		for (int i = 0; i < 60; i++)
			buf_addstr(&deep, "<w:sdt><w:sdtContent>");
		buf_addstr(&deep, P("sâu"));
		for (int i = 0; i < 60; i++)
			buf_addstr(&deep, "</w:sdtContent></w:sdt>");
		buf_addstr(&deep, "</w:body></w:document>");
		lim = rd_limits_default;
		lim.max_xml_depth = 100;
		{
			struct part parts[] = {{"word/document.xml", deep.ptr, deep.len}};
			assert_int_equal(read_parts(parts, 1, &lim, &doc, &err), -1);
			assert_non_null(strstr(err.msg, "nested too deeply"));
			rd_doc_release(&doc);
			lim.max_xml_depth = 256;
			assert_int_equal(read_parts(parts, 1, &lim, &doc, &err), 0);
			assert_string_equal(doc.lines[0].text, "sâu");
			rd_doc_release(&doc);
		}
		buf_release(&deep);
	}
}

static void test_zip_bomb(void **state)
{
	struct rd_doc doc;
	struct dd_error err;
	struct rd_limits lim = rd_limits_default;
	size_t big = 3u << 20, n;
	char *xml = xmalloc(big);
	char *z;
	const char *head = "<w:document " W "><w:body><w:p><w:r><w:t>";
	(void)state;

	/* 3 MiB of spaces inside one text element compress to a few kilobytes */
	memset(xml, ' ', big);
	memcpy(xml, head, strlen(head));
	memcpy(xml + big - 40, "</w:t></w:r></w:p></w:body></w:document>", 40);
	{
		struct part parts[] = {{"word/document.xml", xml, big}};
		z = make_zip(parts, 1, &n);
	}
	assert_true(n < big / 100);
	lim.max_zip_entry = 1u << 20;
	memset(&doc, 0, sizeof(doc));
	assert_int_equal(rd_read_buffer("bomb.docx", z, n, &lim, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_non_null(strstr(err.msg, "too large"));
	rd_doc_release(&doc);

	/* the same entry with its declared sizes forged small: the bytes are counted while
	 * inflating (or libzip notices the lie) */
	for (size_t i = 0; i + 46 < n; i++) {
		if (memcmp(z + i, "PK\x01\x02", 4) == 0) /* central directory: size at +24 */
			memcpy(z + i + 24, "\x00\x10\x00\x00", 4);
		if (memcmp(z + i, "PK\x03\x04", 4) == 0) /* local header: size at +22 */
			memcpy(z + i + 22, "\x00\x10\x00\x00", 4);
	}
	memset(&doc, 0, sizeof(doc));
	assert_int_equal(rd_read_buffer("bomb.docx", z, n, &lim, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	rd_doc_release(&doc);
	free(z);
	free(xml);
}

static void test_many_paragraphs(void **state)
{
	struct rd_doc doc;
	struct dd_error err;
	struct buf xml = BUF_INIT;
	struct timespec t0, t1;
	double secs;
	(void)state;

	buf_addstr(&xml, "<w:document " W "><w:body>");
	for (int i = 0; i < 100000; i++)
		buf_printf(&xml, "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
				 "<w:r><w:t>Nhiệm vụ số %d của Sở Tài chính</w:t></w:r></w:p>", i);
	buf_addstr(&xml, "</w:body></w:document>");
	{
		struct part parts[] = {{"word/document.xml", xml.ptr, xml.len}, {"word/numbering.xml", numbering, 0}};
		clock_gettime(CLOCK_MONOTONIC, &t0);
		assert_int_equal(read_parts(parts, 2, NULL, &doc, &err), 0);
		clock_gettime(CLOCK_MONOTONIC, &t1);
	}
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	print_message("100000 paragraphs (%zu bytes of XML) in %.3f s\n", xml.len, secs);
	assert_int_equal(doc.nlines, 100000);
	assert_string_equal(doc.lines[99999].text, "100000. Nhiệm vụ số 99999 của Sở Tài chính");
	assert_true(secs < 30.0); /* generous for sanitizer builds; about 0.3 s in a normal one */
	rd_doc_release(&doc);

	/* the same document over the line limit */
	{
		struct rd_limits lim = rd_limits_default;
		struct part parts[] = {{"word/document.xml", xml.ptr, xml.len}};
		lim.max_lines = 50000;
		assert_int_equal(read_parts(parts, 1, &lim, &doc, &err), -1);
		assert_non_null(strstr(err.msg, "too many lines"));
		rd_doc_release(&doc);
	}
	buf_release(&xml);
}

static void test_example(void **state)
{
	const char *src = getenv("DONDOC_SRC");
	char path[4096];
	struct rd_doc doc;
	struct dd_error err;
	int autonum = 0, table = 0;
	(void)state;

	if (!src)
		skip();
	snprintf(path, sizeof(path), "%s/examples/07-kh-ubnd.docx", src);
	memset(&doc, 0, sizeof(doc));
	assert_int_equal(rd_read_file(path, NULL, &doc, &err), 0);
	for (size_t i = 0; i < doc.nlines; i++) {
		if (strcmp(doc.lines[i].text, "a) Sở Thông tin và Truyền thông chủ trì, phối hợp với Văn phòng "
					      "Ủy ban nhân dân thành phố nâng cấp Cổng dịch vụ công thành phố, "
					      "hoàn thành trước ngày 30/6/2021.") == 0 &&
		    (doc.lines[i].flags & RD_AUTONUM))
			autonum++;
		if (strcmp(doc.lines[i].text, "Số: 78/KH-UBND") == 0 && (doc.lines[i].flags & RD_TABLE) &&
		    doc.lines[i].col == 0)
			table++;
	}
	assert_int_equal(autonum, 1);
	assert_int_equal(table, 1);
	rd_doc_release(&doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbering),     cmocka_unit_test(test_tables_and_runs),
		cmocka_unit_test(test_numbered_cells),
		cmocka_unit_test(test_legacy_and_changes), cmocka_unit_test(test_bad_docx),
		cmocka_unit_test(test_zip_bomb),      cmocka_unit_test(test_many_paragraphs),
		cmocka_unit_test(test_example),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
