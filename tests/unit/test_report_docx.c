/* test_report_docx.c - the DOCX writer and the monthly report renderers on a hand-built report */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/parser.h>
#include <zip.h>

#include "report/chart.h"
#include "report/docxw.h"
#include "report/esc.h"
#include "report/report.h"
#include "report/taskimport.h"
#include "util/xalloc.h"

/* ---- reading a package back ---- */

/* The bytes of entry name in the zip held in z, or NULL (caller frees). */
static char *zip_entry(const struct buf *z, const char *name, size_t *len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_file_t *f;
	zip_stat_t st;
	char *data = NULL;

	zip_error_init(&ze);
	src = zip_source_buffer_create(z->ptr, z->len, 0, &ze);
	assert_non_null(src);
	za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	assert_non_null(za);
	if (zip_stat(za, name, 0, &st) == 0 && (f = zip_fopen(za, name, 0)) != NULL) {
		data = xmalloc(st.size + 1);
		assert_int_equal(zip_fread(f, data, st.size), (zip_int64_t)st.size);
		data[st.size] = '\0';
		if (len)
			*len = st.size;
		zip_fclose(f);
	}
	zip_discard(za);
	return data;
}

static int well_formed(const char *xml, size_t len)
{
	xmlDocPtr doc = xmlReadMemory(xml, (int)len, "part.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		return 0;
	xmlFreeDoc(doc);
	return 1;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* ---- a hand-built report ---- */

struct fixture {
	struct store_task tasks[5];
	struct report_item items[4];
	struct report_item next[1];
	struct report_group group;
	struct report_unit_row units[2];
	struct report_monthly m;
};

static void set_task(struct store_task *t, int64_t id, const char *text, const char *due,
		     enum store_deadline_kind kind, enum store_task_state st)
{
	memset(t, 0, sizeof(*t));
	t->id = id;
	t->doc_id = 1;
	t->text = (char *)text;
	t->due_kind = kind;
	snprintf(t->due, sizeof(t->due), "%s", due);
	snprintf(t->due_orig, sizeof(t->due_orig), "%s", due);
	t->state = st;
}

static void set_item(struct report_item *it, const struct store_task *t, enum track_status st,
		     const char *unit, const char *progress)
{
	memset(it, 0, sizeof(*it));
	it->task = t;
	it->status = st;
	it->unit = (char *)unit;
	it->progress = (char *)progress;
	if (progress)
		snprintf(it->progress_date, sizeof(it->progress_date), "2021-03-20");
}

static const char *const status_names[TRACK_NSTATUS] = {
	"Chưa thực hiện", "Đang thực hiện trong hạn", "Quá hạn", "Hoàn thành đúng hạn",
	"Hoàn thành quá hạn", "Thường xuyên", "Dừng thực hiện"};

static struct fixture *make_fixture(void)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	struct report_monthly *m = &f->m;

	set_task(&f->tasks[0], 1, "Tổ chức hội nghị quán triệt Nghị quyết Đại hội XIII", "2021-03-31",
		 STORE_DUE_BY, STORE_TASK_DONE);
	set_task(&f->tasks[1], 2, "Đẩy nhanh giải ngân vốn đầu tư công <năm 2021> & báo cáo", "2021-03-15",
		 STORE_DUE_BY, STORE_TASK_OPEN);
	set_task(&f->tasks[2], 3, "Thực hiện nghiêm các biện pháp phòng, chống dịch", "",
		 STORE_DUE_RECURRING, STORE_TASK_OPEN);
	set_task(&f->tasks[3], 4, "Xây dựng kế hoạch kiểm tra, giám sát năm 2021", "2021-03-31",
		 STORE_DUE_BY, STORE_TASK_OPEN);
	set_task(&f->tasks[4], 5, "Chuẩn bị tổng kết công tác bầu cử", "2021-04-20",
		 STORE_DUE_BY, STORE_TASK_OPEN);
	set_item(&f->items[0], &f->tasks[0], TRACK_DONE_ON_TIME, "Ban Tuyên giáo và Dân vận Thành ủy",
		 "Đã tổ chức hội nghị cho 500 cán bộ. Kết quả tốt.");
	set_item(&f->items[1], &f->tasks[1], TRACK_OVERDUE, "Sở Kế hoạch và Đầu tư",
		 "Giải ngân đạt 15%.");
	f->items[1].days_late = 10;
	f->items[1].reason = (char *)"Vướng giải phóng mặt bằng";
	f->items[1].extension = (char *)"05/03/2021 → 15/03/2021 (chờ vốn)";
	set_item(&f->items[2], &f->tasks[2], TRACK_RECURRING, "Sở Y tế", NULL);
	set_item(&f->items[3], &f->tasks[3], TRACK_IN_PROGRESS, "Ủy ban Kiểm tra Thành ủy", NULL);
	set_item(&f->next[0], &f->tasks[4], TRACK_NOT_STARTED, "Sở Nội vụ", NULL);

	m->year = 2021;
	m->month = 3;
	snprintf(m->from, sizeof(m->from), "2021-03-01");
	snprintf(m->to, sizeof(m->to), "2021-03-31");
	snprintf(m->next_from, sizeof(m->next_from), "2021-04-01");
	snprintf(m->next_to, sizeof(m->next_to), "2021-04-30");
	snprintf(m->today, sizeof(m->today), "2021-03-25");
	for (int st = 0; st < TRACK_NSTATUS; st++)
		m->status_names[st] = (char *)status_names[st];
	m->items = f->items;
	m->nitems = 4;
	f->group.doc_id = 1;
	f->group.title = (char *)"Thông báo số 45-TB/TU ngày 15/03/2021 của Ban Thường vụ Thành ủy";
	f->group.first = 0;
	f->group.n = 4;
	m->groups = &f->group;
	m->ngroups = 1;
	m->next_items = f->next;
	m->nnext = 1;
	m->total[TRACK_DONE_ON_TIME] = 1;
	m->total[TRACK_OVERDUE] = 1;
	m->total[TRACK_RECURRING] = 1;
	m->total[TRACK_IN_PROGRESS] = 1;
	m->ntotal = 4;
	f->units[0].unit_id = 7;
	f->units[0].name = (char *)"Sở Kế hoạch và Đầu tư";
	f->units[0].n[TRACK_OVERDUE] = 1;
	f->units[0].total = 1;
	f->units[1].unit_id = 8;
	f->units[1].name = (char *)"Sở Y tế";
	f->units[1].n[TRACK_RECURRING] = 1;
	f->units[1].total = 1;
	m->units = f->units;
	m->nunits = 2;
	return f;
}

/* ---- tests ---- */

static void test_esc_xml(void **state)
{
	struct buf b = BUF_INIT;
	(void)state;

	assert_int_equal(esc_xml(&b, "a<b>&\"c'\x01\tđ"), 0);
	assert_string_equal(buf_str(&b), "a&lt;b&gt;&amp;&quot;c&apos;\tđ");
	buf_reset(&b);
	assert_int_equal(esc_xml(&b, "x\xff\xc3y"), 0); /* invalid UTF-8 -> U+FFFD */
	assert_non_null(strstr(buf_str(&b), "\xef\xbf\xbd"));
	assert_int_equal(b.ptr[0], 'x');
	buf_reset(&b);
	assert_int_equal(esc_xml(&b, NULL), 0);
	assert_int_equal(b.len, 0);
	/* the limit is honoured */
	buf_release(&b);
	buf_init(&b, 4);
	assert_int_equal(esc_xml(&b, "abc&"), -1);
	buf_release(&b);
}

static void test_esc_csv_md(void **state)
{
	struct buf b = BUF_INIT;
	(void)state;

	esc_csv(&b, "plain");
	assert_string_equal(buf_str(&b), "plain");
	buf_reset(&b);
	esc_csv(&b, "a,\"b\"\nc");
	assert_string_equal(buf_str(&b), "\"a,\"\"b\"\"\nc\"");
	buf_reset(&b);
	esc_csv(&b, "=1+1");
	assert_string_equal(buf_str(&b), "'=1+1");
	buf_reset(&b);
	esc_md(&b, "a|b*c\nd");
	assert_string_equal(buf_str(&b), "a\\|b\\*c d");
	buf_release(&b);
}

static void test_docxw_package(void **state)
{
	struct docxw *d = docxw_new(NULL);
	struct buf z = BUF_INIT;
	struct dd_error err;
	int w[2] = {1000, 2000};
	char *ct, *doc, *styles;
	size_t len = 0;
	(void)state;

	docxw_par(d, NULL, DOCXW_B, 16, "Tiêu đề & <thử>");
	docxw_table_begin(d, 2, w, 1);
	docxw_row_begin(d, 1);
	docxw_cell_begin(d, "D9D9D9");
	docxw_cell_end(d); /* no paragraph: one is added */
	docxw_cell_text(d, NULL, NULL, 0, 12, "dòng 1\ndòng 2\tcột");
	docxw_row_end(d);
	docxw_table_end(d);
	assert_int_equal(docxw_finish(d, &z, &err), 0);
	docxw_free(d);
	assert_true(z.len > 100);
	assert_memory_equal(z.ptr, "PK\x03\x04", 4);

	ct = zip_entry(&z, "[Content_Types].xml", &len);
	assert_non_null(ct);
	assert_true(well_formed(ct, len));
	assert_non_null(strstr(ct, "wordprocessingml.document.main+xml"));
	doc = zip_entry(&z, "word/document.xml", &len);
	assert_non_null(doc);
	assert_true(well_formed(doc, len));
	assert_non_null(strstr(doc, "Tiêu đề &amp; &lt;thử&gt;"));
	assert_non_null(strstr(doc, "<w:p/></w:tc>"));
	assert_non_null(strstr(doc, "<w:br/>"));
	assert_non_null(strstr(doc, "<w:tab/>"));
	assert_non_null(strstr(doc, "<w:tblHeader/>"));
	assert_non_null(strstr(doc, "w:fill=\"D9D9D9\""));
	assert_non_null(strstr(doc, "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
	styles = zip_entry(&z, "word/styles.xml", &len);
	assert_non_null(styles);
	assert_true(well_formed(styles, len));
	assert_non_null(strstr(styles, "Times New Roman"));
	assert_non_null(strstr(styles, "w:sz w:val=\"28\""));
	for (const char *const *p = (const char *const[]){"_rels/.rels", "word/_rels/document.xml.rels",
							    "word/settings.xml", "word/header1.xml",
							    "docProps/core.xml", "docProps/app.xml", NULL};
	     *p; p++) {
		char *part = zip_entry(&z, *p, &len);
		assert_non_null(part);
		assert_true(well_formed(part, len));
		free(part);
	}
	free(ct);
	free(doc);
	free(styles);
	buf_release(&z);
}

static void check_report(int state_style)
{
	struct fixture *f = make_fixture();
	struct report_layout l;
	struct buf z = BUF_INIT;
	struct dd_error err;
	char *doc;
	size_t len = 0;

	report_layout_defaults(&l, state_style);
	assert_int_equal(report_monthly_docx(&f->m, &l, &z, &err), 0);
	doc = zip_entry(&z, "word/document.xml", &len);
	assert_non_null(doc);
	assert_true(well_formed(doc, len));
	/* header, title, sections */
	if (!state_style) {
		assert_non_null(strstr(doc, "ĐẢNG CỘNG SẢN VIỆT NAM"));
		assert_non_null(strstr(doc, "THÀNH ỦY CẦN THƠ"));
		assert_non_null(strstr(doc, ">*<"));
		assert_non_null(strstr(doc, "Số       -BC/TU"));
		assert_non_null(strstr(doc, "I- KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 3 NĂM 2021"));
		assert_non_null(strstr(doc, "II- HẠN CHẾ, TỒN TẠI"));
		assert_non_null(strstr(doc, "III- NHIỆM VỤ TRỌNG TÂM THÁNG 4 NĂM 2021"));
		assert_non_null(strstr(doc, "T/M BAN THƯỜNG VỤ"));
		assert_non_null(strstr(doc, "&gt;kết quả thực hiện") == NULL ? strstr(doc, "kết quả thực hiện nhiệm vụ tháng 3 và nhiệm vụ trọng tâm tháng 4 năm 2021") : NULL);
		assert_non_null(strstr(doc, "- Lưu Văn phòng Thành ủy."));
	} else {
		assert_non_null(strstr(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
		assert_non_null(strstr(doc, "Độc lập - Tự do - Hạnh phúc"));
		assert_non_null(strstr(doc, "Số:        /BC-UBND"));
		assert_non_null(strstr(doc, "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 3 NĂM 2021"));
		assert_non_null(strstr(doc, "TM. ỦY BAN NHÂN DÂN"));
		assert_null(strstr(doc, "ĐẢNG CỘNG SẢN VIỆT NAM"));
		assert_non_null(strstr(doc, "Kết quả thực hiện nhiệm vụ tháng 3"));
	}
	assert_non_null(strstr(doc, "BÁO CÁO"));
	assert_non_null(strstr(doc, "Cần Thơ, ngày 25 tháng 3 năm 2021"));
	assert_non_null(strstr(doc, "Nơi nhận:"));
	/* every task, its unit and status; the escaped one too */
	for (int i = 0; i < 4; i++)
		assert_non_null(strstr(doc, i == 1 ? "Đẩy nhanh giải ngân vốn đầu tư công &lt;năm 2021&gt; &amp; báo cáo"
						   : f->tasks[i].text));
	assert_non_null(strstr(doc, "Chuẩn bị tổng kết công tác bầu cử")); /* next month */
	assert_non_null(strstr(doc, "Sở Kế hoạch và Đầu tư"));
	assert_non_null(strstr(doc, "Vướng giải phóng mặt bằng"));
	assert_non_null(strstr(doc, "05/03/2021 → 15/03/2021"));
	assert_non_null(strstr(doc, "Đã tổ chức hội nghị cho 500 cán bộ. Kết quả tốt. (0%, 20/03/2021)"));
	/* figures: 4 tasks, 1 on time of 2 due = 50.0% */
	assert_non_null(strstr(doc, "Trong tháng có 4 nhiệm vụ phải thực hiện theo 1 văn bản"));
	assert_non_null(strstr(doc, "Hoàn thành đúng hạn: 1 nhiệm vụ;"));
	assert_non_null(strstr(doc, "Quá hạn: 1 nhiệm vụ;"));
	assert_non_null(strstr(doc, "Tỷ lệ hoàn thành đúng hạn đạt 50,0%"));
	assert_non_null(strstr(doc, "Tổng cộng"));
	/* tables: header, doc group, units, overdue, carried, next, signature */
	assert_int_equal(count(doc, "<w:tbl>"), 7);
	assert_int_equal(count(doc, "<w:tbl>"), count(doc, "</w:tbl>"));
	assert_non_null(strstr(doc, "Các nhiệm vụ chuyển tiếp (3 nhiệm vụ)"));
	free(doc);
	buf_release(&z);
	report_layout_release(&l);
	free(f);
}

static void test_report_party(void **state)
{
	(void)state;
	check_report(0);
}

static void test_report_state(void **state)
{
	(void)state;
	check_report(1);
}

static void test_notice(void **state)
{
	struct fixture *f = make_fixture();
	struct report_layout l;
	struct buf z = BUF_INIT;
	struct dd_error err;
	char *doc;
	size_t len = 0;
	(void)state;

	report_layout_defaults(&l, 0);
	assert_int_equal(report_notice_docx(&f->m, &l, &z, &err), 0);
	doc = zip_entry(&z, "word/document.xml", &len);
	assert_true(well_formed(doc, len));
	assert_non_null(strstr(doc, "THÔNG BÁO"));
	assert_non_null(strstr(doc, "Dự thảo lần 1"));
	assert_non_null(strstr(doc, "Số       -TB/TU"));
	assert_non_null(strstr(doc, "Cần Thơ, ngày      tháng      năm 2021"));
	assert_non_null(strstr(doc, "kết luận của Ban Thường vụ Thành ủy về nhiệm vụ trọng tâm tháng 4 năm 2021"));
	/* carried over: overdue (with its date), recurring, in progress; then newly due */
	assert_non_null(strstr(doc, "2.1. Sở Kế hoạch và Đầu tư: Đẩy nhanh giải ngân vốn đầu tư công &lt;năm 2021&gt; &amp; báo cáo; "
				    "thời hạn: 15/03/2021 (nhiệm vụ chuyển tiếp, quá hạn từ ngày 15/03/2021)."));
	assert_non_null(strstr(doc, "2.2. Sở Y tế: Thực hiện nghiêm các biện pháp phòng, chống dịch; thời hạn: Thường xuyên."));
	assert_non_null(strstr(doc, "(nhiệm vụ chuyển tiếp từ tháng 3)"));
	assert_non_null(strstr(doc, "2.4. Sở Nội vụ: Chuẩn bị tổng kết công tác bầu cử; thời hạn: 20/04/2021."));
	assert_null(strstr(doc, "Tổ chức hội nghị quán triệt")); /* done on time: not carried */
	assert_non_null(strstr(doc, "cuộc họp thường kỳ tháng 5 năm 2021"));
	free(doc);
	buf_release(&z);
	report_layout_release(&l);
	free(f);
}

static void test_report_empty_month(void **state)
{
	struct report_monthly m;
	struct report_layout l;
	struct buf z = BUF_INIT;
	struct dd_error err;
	char *doc;
	size_t len;
	(void)state;

	memset(&m, 0, sizeof(m));
	m.year = 2021;
	m.month = 12;
	snprintf(m.today, sizeof(m.today), "2021-12-31");
	for (int st = 0; st < TRACK_NSTATUS; st++)
		m.status_names[st] = (char *)status_names[st];
	report_layout_defaults(&l, 0);
	assert_int_equal(report_monthly_docx(&m, &l, &z, &err), 0);
	doc = zip_entry(&z, "word/document.xml", &len);
	assert_true(well_formed(doc, len));
	assert_non_null(strstr(doc, "tháng 12 năm 2021 và nhiệm vụ trọng tâm tháng 01 năm 2022"));
	assert_non_null(strstr(doc, "Không có nhiệm vụ quá hạn."));
	assert_non_null(strstr(doc, "Trong tháng không có nhiệm vụ nào phải thực hiện."));
	assert_null(strstr(doc, "Tỷ lệ hoàn thành đúng hạn đạt"));
	free(doc);
	buf_release(&z);
	report_layout_release(&l);
}

static void test_helpers(void **state)
{
	int64_t n[TRACK_NSTATUS] = {0};
	char s[64];
	int y, mo;
	(void)state;

	assert_true(report_on_time_rate(n) < 0);
	n[TRACK_DONE_ON_TIME] = 3;
	n[TRACK_DONE_LATE] = 1;
	n[TRACK_IN_PROGRESS] = 10; /* not yet due: not counted */
	assert_true(report_on_time_rate(n) > 74.9 && report_on_time_rate(n) < 75.1);
	report_date_short("2021-03-05", s, sizeof(s));
	assert_string_equal(s, "05/03/2021");
	report_date_long("2021-02-05", 0, s, sizeof(s));
	assert_string_equal(s, "ngày 05 tháng 02 năm 2021");
	report_date_long("2021-11-25", 0, s, sizeof(s));
	assert_string_equal(s, "ngày 25 tháng 11 năm 2021");
	report_date_long(NULL, 2021, s, sizeof(s));
	assert_string_equal(s, "ngày      tháng      năm 2021");
	assert_int_equal(report_parse_month("2021-03", &y, &mo), 0);
	assert_int_equal(y * 100 + mo, 202103);
	assert_int_equal(report_parse_month("2021-3", &y, &mo), 0);
	assert_int_equal(mo, 3);
	assert_int_equal(report_parse_month("2021-13", &y, &mo), -1);
	assert_int_equal(report_parse_month("2021-00", &y, &mo), -1);
	assert_int_equal(report_parse_month("2021-03-01", &y, &mo), -1);
	assert_int_equal(report_parse_month("21-03", &y, &mo), -1);
	assert_int_equal(report_parse_month("", &y, &mo), -1);
	assert_int_equal(report_parse_month(NULL, &y, &mo), -1);
}

static void test_chart_bars(void **state)
{
	const char *names[2] = {"Đúng hạn", "Quá hạn <trễ>"};
	const char *colors[2] = {"#43a047", "javascript:alert(1)"};
	int64_t v1[2] = {3, 1}, v2[2] = {0, 4};
	struct chart_bar bars[2] = {
		{"Ban Tuyên giáo và Dân vận Thành ủy thành phố Cần Thơ mở rộng", v1},
		{"Sở Y tế & \"Công an\"", v2},
	};
	struct buf b = BUF_INIT;
	const char *svg;
	(void)state;

	assert_int_equal(chart_stacked_bars(&b, "Theo đơn vị", names, colors, 2, bars, 2, 0), 0);
	svg = buf_str(&b);
	assert_true(well_formed(svg, b.len));
	assert_non_null(strstr(svg, "xmlns=\"http://www.w3.org/2000/svg\""));
	assert_null(strstr(svg, "<script"));
	assert_null(strstr(svg, "javascript"));                 /* colours are checked */
	assert_non_null(strstr(svg, "Sở Y tế &amp; &quot;Công an&quot;"));
	assert_non_null(strstr(svg, "Quá hạn &lt;trễ&gt;: 4"));  /* tooltip of a segment */
	assert_non_null(strstr(svg, "…"));                       /* the long name was cut ... */
	assert_non_null(strstr(svg, "<title>Ban Tuyên giáo và Dân vận Thành ủy thành phố Cần Thơ mở rộng</title>"));
	assert_int_equal(count(svg, "<rect"), 2 + 3);            /* legend + three non-zero segments */
	/* both bars have total 4: equal lengths */
	{
		const char *p = strstr(svg, "<g>");
		assert_non_null(p);
	}
	buf_reset(&b);
	assert_int_equal(chart_stacked_bars(&b, "Trống", names, colors, 2, NULL, 0, 300), 0);
	assert_true(well_formed(buf_str(&b), b.len));
	assert_non_null(strstr(buf_str(&b), "Không có số liệu"));
	buf_release(&b);
	/* the limit of the buffer is reported */
	buf_init(&b, 100);
	assert_int_equal(chart_stacked_bars(&b, "x", names, colors, 2, bars, 2, 0), -1);
	buf_release(&b);
}

static void test_chart_donut(void **state)
{
	int64_t n[TRACK_NSTATUS] = {1, 2, 3, 4, 0, 0, 0};
	struct buf b = BUF_INIT;
	(void)state;

	assert_int_equal(chart_status_donut(&b, "Tình trạng", status_names, n), 0);
	assert_true(well_formed(buf_str(&b), b.len));
	assert_int_equal(count(buf_str(&b), "stroke-dasharray"), 4); /* zero segments drawn not */
	assert_non_null(strstr(buf_str(&b), ">10</text>"));           /* the total in the middle */
	assert_non_null(strstr(buf_str(&b), chart_status_color(TRACK_OVERDUE)));
	assert_string_equal(chart_status_color(TRACK_DONE_ON_TIME), "#43a047");
	buf_release(&b);
}

/* Mutated sheets never crash the readers (run under ASan in the sanitizer build). */
static void test_import_mutations(void **state)
{
	static const char csv[] = "\xEF\xBB\xBFMã,Nội dung nhiệm vụ,Thời hạn,Cập nhật lúc\r\n"
				  "1,\"Việc \"\"một\"\", hai\",2021-03-31,2021-03-01T00:00:00Z\r\n"
				  "2,'-Việc hai,31/03/2021,x\r\n";
	static const char *const names[] = {"xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"};
	struct buf parts[2], z = BUF_INIT;
	struct taskimport_sheet sh;
	struct dd_error err;
	unsigned long long rng = 0x9E3779B97F4A7C15ULL;
	char *m;
	(void)state;

	buf_init(&parts[0], 0);
	buf_init(&parts[1], 0);
	buf_addstr(&parts[0], "<sst><si><t>Mã</t></si><si><t>Thời hạn</t></si><si><r><t>Việc</t></r></si></sst>");
	buf_addstr(&parts[1], "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
			      "<row r=\"2\"><c r=\"A2\"><v>5</v></c><c r=\"B2\"><v>44286</v></c><c r=\"C2\" t=\"s\"><v>2</v></c></row></sheetData></worksheet>");
	assert_int_equal(docxw_zip_parts(names, parts, 2, &z, &err), 0);
	/* the originals read */
	assert_int_equal(taskimport_read_csv(csv, sizeof(csv) - 1, &sh, &err), 0);
	assert_int_equal(sh.n, 2);
	assert_string_equal(sh.rows[0].cells[EXPORT_COL_TEXT], "Việc \"một\", hai");
	assert_string_equal(sh.rows[1].cells[EXPORT_COL_TEXT], "-Việc hai"); /* formula guard removed */
	taskimport_sheet_release(&sh);
	assert_int_equal(taskimport_read_xlsx(z.ptr, z.len, &sh, &err), 0);
	assert_int_equal(sh.n, 1);
	taskimport_sheet_release(&sh);
	m = xmalloc(z.len > sizeof(csv) ? z.len : sizeof(csv));
	for (int i = 0; i < 3000; i++) {
		int kind = i % 3; /* 0: CSV, 1: the zip bytes, 2: the XML inside a valid zip */
		struct buf mz = BUF_INIT, mp[2];
		size_t n, k;
		int r;

		if (kind == 2) {
			int which = (i / 3) & 1;
			for (int j = 0; j < 2; j++) {
				buf_init(&mp[j], 0);
				buf_add(&mp[j], parts[j].ptr, parts[j].len);
			}
			for (int j = 0; j < 1 + (i % 4); j++) {
				rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
				k = (size_t)(rng >> 33) % mp[which].len;
				mp[which].ptr[k] = (char)(rng >> 17);
			}
			assert_int_equal(docxw_zip_parts(names, mp, 2, &mz, &err), 0);
			r = taskimport_read_xlsx(mz.ptr, mz.len, &sh, &err);
			buf_release(&mz);
			buf_release(&mp[0]);
			buf_release(&mp[1]);
		} else {
			n = kind ? z.len : sizeof(csv) - 1;
			memcpy(m, kind ? z.ptr : csv, n);
			for (int j = 0; j < 1 + (i % 4); j++) {
				rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
				k = (size_t)(rng >> 33) % n;
				m[k] = (char)(rng >> 17);
			}
			if (i % 7 == 0)
				n = (size_t)(rng >> 40) % n; /* truncated */
			r = kind ? taskimport_read_xlsx(m, n, &sh, &err) : taskimport_read_csv(m, n, &sh, &err);
		}
		assert_true(r == 0 || r == -1);
		if (r == 0)
			taskimport_sheet_release(&sh);
	}
	free(m);
	buf_release(&z);
	buf_release(&parts[0]);
	buf_release(&parts[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_esc_xml),
		cmocka_unit_test(test_esc_csv_md),
		cmocka_unit_test(test_docxw_package),
		cmocka_unit_test(test_report_party),
		cmocka_unit_test(test_report_state),
		cmocka_unit_test(test_report_empty_month),
		cmocka_unit_test(test_notice),
		cmocka_unit_test(test_import_mutations),
		cmocka_unit_test(test_helpers),
		cmocka_unit_test(test_chart_bars),
		cmocka_unit_test(test_chart_donut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
