/* test_read_pdf.c - the PDF reader on PDFs written by hand: lines, columns, stamps, bad input */
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

/* A PDF with one page per content stream (Helvetica, WinAnsi), xref offsets computed.
 * extra_trailer goes into the trailer dictionary (e.g. an /Encrypt entry). */
static void make_pdf(struct buf *out, const char *const *pages, int npages, const char *extra_trailer,
		     const char *extra_obj)
{
	size_t off[64];
	int nobj = 0, first_page = 4;
	struct buf kids = BUF_INIT;

	buf_init(out, 0);
	buf_addstr(out, "%PDF-1.4\n");
	for (int i = 0; i < npages; i++)
		buf_printf(&kids, "%d 0 R ", first_page + 2 * i);
	off[++nobj] = out->len;
	buf_printf(out, "%d 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n", nobj);
	off[++nobj] = out->len;
	buf_printf(out, "%d 0 obj << /Type /Pages /Kids [%s] /Count %d >> endobj\n", nobj, buf_str(&kids), npages);
	off[++nobj] = out->len;
	buf_printf(out, "%d 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >> endobj\n", nobj);
	for (int i = 0; i < npages; i++) {
		off[++nobj] = out->len;
		buf_printf(out, "%d 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
				"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >> endobj\n", nobj, nobj + 1);
		off[++nobj] = out->len;
		buf_printf(out, "%d 0 obj << /Length %zu >> stream\n%s\nendstream endobj\n", nobj,
			   strlen(pages[i]) + 1, pages[i]);
	}
	if (extra_obj) {
		off[++nobj] = out->len;
		buf_printf(out, "%d 0 obj %s endobj\n", nobj, extra_obj);
	}
	{
		size_t xref = out->len;
		buf_printf(out, "xref\n0 %d\n0000000000 65535 f \n", nobj + 1);
		for (int i = 1; i <= nobj; i++)
			buf_printf(out, "%010zu 00000 n \n", off[i]);
		buf_printf(out, "trailer << /Size %d /Root 1 0 R %s >>\nstartxref\n%zu\n%%%%EOF\n", nobj + 1,
			   extra_trailer ? extra_trailer : "", xref);
	}
	buf_release(&kids);
}

static int rd(const struct buf *pdf, const struct rd_limits *lim, struct rd_doc *doc, struct dd_error *err)
{
	memset(doc, 0, sizeof(*doc));
	dd_error_clear(err);
	return rd_read_buffer("t.pdf", pdf->ptr, pdf->len, lim, doc, err);
}

static long find(const struct rd_doc *doc, const char *text)
{
	for (size_t i = 0; i < doc->nlines; i++)
		if (strcmp(doc->lines[i].text, text) == 0)
			return (long)i;
	return -1;
}

/* Text at (x, y) from the bottom-left corner, 12 pt. */
#define AT(x, y, s) "BT /F1 12 Tf " #x " " #y " Td (" s ") Tj ET\n"

static void test_layout(void **state)
{
	static const char *const pages[] = {
		/* a stamp block in small type at the top right */
		"BT /F1 7 Tf 420 820 Td (Signed by: VAN PHONG UBND) Tj ET\n"
		"BT /F1 7 Tf 420 812 Td (vanphong@example.gov.vn) Tj ET\n"
		"BT /F1 7 Tf 420 804 Td (09.01.2025 10:21:11 +07:00) Tj ET\n"
		/* the two-column header */
		AT(70, 760, "UY BAN NHAN DAN") AT(330, 760, "CONG HOA XA HOI CHU NGHIA VIET NAM")
		AT(80, 745, "THANH PHO HUE") AT(350, 745, "Doc lap - Tu do - Hanh phuc")
		AT(75, 725, "So: 12/TB-UBND") AT(340, 725, "Hue, ngay 01 thang 3 nam 2021")
		/* a centred title, then the body */
		AT(265, 690, "THONG BAO")
		AT(90, 660, "1. Giao So Tai chinh chu tri, phoi hop voi cac so, nganh lien quan")
		AT(70, 645, "hoan thanh truoc ngay 30/4/2021.")
		AT(70, 630, "Van phong thong bao de cac co quan, don vi biet, thuc hien")
		/* the signature block */
		AT(70, 590, "Noi nhan:") AT(380, 595, "TL. CHU TICH")
		AT(70, 575, "- Nhu tren;") AT(370, 580, "CHANH VAN PHONG")
		AT(70, 560, "- Luu: VT.")
		AT(375, 500, "Nguyen Van A"),
		AT(70, 760, "Trang hai"),
	};
	struct buf pdf;
	struct rd_doc doc;
	struct dd_error err;
	long i, j;
	(void)state;

	make_pdf(&pdf, pages, 2, NULL, NULL);
	assert_int_equal(rd(&pdf, NULL, &doc, &err), 0);
	assert_int_equal(doc.format, RD_PDF);
	/* the stamp is out of the text, and reported */
	assert_non_null(doc.stamp_signer);
	assert_string_equal(doc.stamp_signer, "VAN PHONG UBND");
	assert_string_equal(doc.stamp_time, "09.01.2025 10:21:11 +07:00");
	for (size_t k = 0; k < doc.nlines; k++) {
		assert_null(strstr(doc.lines[k].text, "Signed by"));
		assert_null(strstr(doc.lines[k].text, "@"));
		assert_null(strstr(doc.lines[k].text, "10:21:11"));
	}
	/* the header: left column first, then the right one, as table cells */
	i = find(&doc, "UY BAN NHAN DAN");
	assert_int_equal(i, 0);
	assert_true(doc.lines[i].flags & RD_TABLE);
	assert_int_equal(doc.lines[i].col, 0);
	assert_string_equal(doc.lines[1].text, "THANH PHO HUE");
	assert_string_equal(doc.lines[2].text, "So: 12/TB-UBND");
	assert_string_equal(doc.lines[3].text, "CONG HOA XA HOI CHU NGHIA VIET NAM");
	assert_int_equal(doc.lines[3].col, 1);
	assert_int_equal(doc.lines[3].row, doc.lines[0].row);
	assert_string_equal(doc.lines[5].text, "Hue, ngay 01 thang 3 nam 2021");
	i = find(&doc, "THONG BAO");
	assert_true(i > 5);
	assert_false(doc.lines[i].flags & RD_TABLE);
	assert_true(doc.lines[i].flags & RD_CENTER);
	i = find(&doc, "1. Giao So Tai chinh chu tri, phoi hop voi cac so, nganh lien quan");
	assert_true(i > 0);
	assert_true(doc.lines[i].indent > doc.lines[i + 1].indent);
	assert_string_equal(doc.lines[i + 1].text, "hoan thanh truoc ngay 30/4/2021.");
	assert_int_equal(doc.lines[i + 1].page, 1);
	/* the signature block: recipients left, signer right, the name below after a gap */
	i = find(&doc, "Noi nhan:");
	j = find(&doc, "TL. CHU TICH");
	assert_true(i > 0 && j > i);
	assert_int_equal(doc.lines[i].col, 0);
	assert_int_equal(doc.lines[j].col, 1);
	assert_true(find(&doc, "- Luu: VT.") < j);
	assert_int_equal(find(&doc, "CHANH VAN PHONG"), j + 1);
	assert_int_equal(find(&doc, "Nguyen Van A"), j + 2);
	assert_int_equal(doc.lines[j + 2].col, 1);
	i = find(&doc, "Trang hai");
	assert_int_equal(doc.lines[i].page, 2);
	assert_int_equal((size_t)i, doc.nlines - 1);
	rd_doc_release(&doc);
	buf_release(&pdf);
}

static void test_no_text(void **state)
{
	static const char *const drawing[] = {"0 0 1 rg 100 100 200 200 re f"};
	static const char *const only_stamp[] = {
		"BT /F1 7 Tf 420 820 Td (Signed by: VAN PHONG) Tj ET\n"
		"BT /F1 7 Tf 420 812 Td (09.01.2025 10:21:11 +07:00) Tj ET\n"};
	struct buf pdf;
	struct rd_doc doc;
	struct dd_error err;
	(void)state;

	make_pdf(&pdf, drawing, 1, NULL, NULL);
	assert_int_equal(rd(&pdf, NULL, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_non_null(strstr(err.msg, "no text layer"));
	rd_doc_release(&doc);
	buf_release(&pdf);

	make_pdf(&pdf, only_stamp, 1, NULL, NULL);
	assert_int_equal(rd(&pdf, NULL, &doc, &err), -1);
	assert_non_null(strstr(err.msg, "no text layer"));
	rd_doc_release(&doc);
	buf_release(&pdf);
}

static void test_bad_pdf(void **state)
{
	static const char *const pages[] = {AT(70, 760, "mot"), AT(70, 760, "hai"), AT(70, 760, "ba")};
	struct buf pdf;
	struct rd_doc doc;
	struct dd_error err;
	struct rd_limits lim = rd_limits_default;
	(void)state;

	/* a password: the standard security handler with an unknown user password */
	make_pdf(&pdf, pages, 1,
		 "/Encrypt 6 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]",
		 "<< /Filter /Standard /V 1 /R 2 /P -44 "
		 "/O <a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90> "
		 "/U <0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0> >>");
	assert_int_equal(rd(&pdf, NULL, &doc, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_string_equal(err.msg, "password-protected PDF (not supported)");
	rd_doc_release(&doc);
	buf_release(&pdf);

	/* the page limit */
	make_pdf(&pdf, pages, 3, NULL, NULL);
	lim.max_pages = 2;
	assert_int_equal(rd(&pdf, &lim, &doc, &err), -1);
	assert_non_null(strstr(err.msg, "too many pages"));
	rd_doc_release(&doc);
	lim.max_pages = 3;
	assert_int_equal(rd(&pdf, &lim, &doc, &err), 0);
	assert_int_equal(doc.nlines, 3);
	assert_string_equal(doc.lines[2].text, "ba");
	assert_int_equal(doc.lines[2].page, 3);
	rd_doc_release(&doc);

	/* the line limit */
	lim = rd_limits_default;
	lim.max_lines = 2;
	assert_int_equal(rd(&pdf, &lim, &doc, &err), -1);
	assert_non_null(strstr(err.msg, "too many lines"));
	rd_doc_release(&doc);

	/* truncated at every few bytes: an error or what could be recovered, never a crash */
	for (size_t cut = 0; cut < pdf.len; cut += 37) {
		memset(&doc, 0, sizeof(doc));
		if (rd_read_buffer_as(RD_PDF, "t.pdf", pdf.ptr, cut, NULL, &doc, &err) < 0)
			assert_int_equal(err.code, DD_ERR_DATA);
		rd_doc_release(&doc);
	}
	buf_release(&pdf);

	/* not a PDF at all behind the header */
	{
		static const char junk[] = "%PDF-1.4\n\x01\x02garbage garbage\n%%EOF\n";
		memset(&doc, 0, sizeof(doc));
		assert_int_equal(rd_read_buffer("x.pdf", junk, sizeof(junk) - 1, NULL, &doc, &err), -1);
		assert_int_equal(err.code, DD_ERR_DATA);
		rd_doc_release(&doc);
	}
}

static void test_example(void **state)
{
	const char *src = getenv("DONDOC_SRC");
	char path[4096];
	struct rd_doc doc;
	struct dd_error err;
	long i;
	(void)state;

	if (!src)
		skip();
	snprintf(path, sizeof(path), "%s/examples/08-tb-ubnd.pdf", src);
	memset(&doc, 0, sizeof(doc));
	assert_int_equal(rd_read_file(path, NULL, &doc, &err), 0);
	assert_string_equal(doc.stamp_signer, "Văn phòng Ủy ban nhân dân");
	assert_string_equal(doc.stamp_time, "22.04.2021 16:05:31 +07:00");
	assert_string_equal(doc.lines[0].text, "ỦY BAN NHÂN DÂN");
	i = find(&doc, "Số: 64/TB-UBND");
	assert_true(i > 0);
	assert_int_equal(doc.lines[i].col, 0);
	i = find(&doc, "Quảng Trị, ngày 22 tháng 4 năm 2021");
	assert_int_equal(doc.lines[i].col, 1);
	assert_true(find(&doc, "TL. CHỦ TỊCH") > find(&doc, "- Lưu: VT, NN."));
	rd_doc_release(&doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_no_text),
		cmocka_unit_test(test_bad_pdf),
		cmocka_unit_test(test_example),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
