/* monthly_docx.c - the monthly report as a DOCX document in the official Party or State layout */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "offdoc.h"
#include "report.h"
#include "util/buf.h"

#define SHADE "D9D9D9"

static const struct docxw_par C_CELL = {.align = DOCXW_CENTER};
static const struct docxw_par L_CELL = {.align = DOCXW_LEFT};
static const struct docxw_par J_CELL = {.align = DOCXW_JUSTIFY};

/* "3", or "01"/"02" for January and February as in official dates. */
static void month_str(int m, char out[16])
{
	snprintf(out, 16, "%s%d", m < 3 ? "0" : "", m);
}

static void next_month(const struct report_monthly *m, int *y, int *mo)
{
	*y = m->month == 12 ? m->year + 1 : m->year;
	*mo = m->month == 12 ? 1 : m->month + 1;
}

void report_subject(const struct report_monthly *m, int upper_first, struct buf *out)
{
	int ny, nm;
	char a[16], b[16];

	next_month(m, &ny, &nm);
	month_str(m->month, a);
	month_str(nm, b);
	buf_addstr(out, upper_first ? "Kết" : "kết");
	if (ny == m->year)
		buf_printf(out, " quả thực hiện nhiệm vụ tháng %s và nhiệm vụ trọng tâm tháng %s năm %d",
			   a, b, ny);
	else
		buf_printf(out, " quả thực hiện nhiệm vụ tháng %s năm %d và nhiệm vụ trọng tâm tháng %s năm %d",
			   a, m->year, b, ny);
}

static void num_cell(struct docxw *d, int64_t v, unsigned style, int size)
{
	char s[32];
	snprintf(s, sizeof(s), "%lld", (long long)v);
	docxw_cell_text(d, NULL, &C_CELL, style, size, s);
}


static void header_row(struct docxw *d, const char *const *heads, int n, int size)
{
	docxw_row_begin(d, 1);
	for (int i = 0; i < n; i++)
		docxw_cell_text(d, SHADE, &C_CELL, DOCXW_B, size, heads[i]);
	docxw_row_end(d);
}

static void task_table(struct docxw *d, const struct report_monthly *m,
		       const struct report_item *items, size_t n)
{
	static const char *const heads[] = {"STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì",
					    "Thời hạn", "Tình trạng", "Kết quả thực hiện"};
	static const int w[] = {650, 2800, 1600, 1250, 1250, 1805};
	struct buf b = BUF_INIT;
	char due[32], stt[32];

	docxw_table_begin(d, 6, w, 1);
	header_row(d, heads, 6, 12);
	for (size_t i = 0; i < n; i++) {
		const struct report_item *it = &items[i];
		docxw_row_begin(d, 0);
		snprintf(stt, sizeof(stt), "%zu", i + 1);
		docxw_cell_text(d, NULL, &C_CELL, 0, 12, stt);
		docxw_cell_text(d, NULL, &J_CELL, 0, 12, it->task->text);
		docxw_cell_text(d, NULL, &L_CELL, 0, 12, it->unit);
		report_due_text(it->task, due, sizeof(due));
		docxw_cell_text(d, NULL, &C_CELL, 0, 12, due);
		docxw_cell_text(d, NULL, &C_CELL, 0, 12, m->status_names[it->status]);
		buf_reset(&b);
		report_result_text(it, "\n", &b);
		docxw_cell_text(d, NULL, &L_CELL, 0, 12, buf_str(&b));
		docxw_row_end(d);
	}
	docxw_table_end(d);
	buf_release(&b);
}

static void unit_table(struct docxw *d, const struct report_monthly *m)
{
	/* columns: unit, total, the seven statuses, on-time rate */
	static const enum track_status order[] = {TRACK_DONE_ON_TIME, TRACK_DONE_LATE,
						  TRACK_IN_PROGRESS, TRACK_NOT_STARTED, TRACK_OVERDUE,
						  TRACK_RECURRING, TRACK_CANCELLED};
	int w[10] = {2055, 790, 790, 790, 790, 790, 790, 790, 790, 980};
	const char *heads[10];
	char rate[32];

	heads[0] = "Đơn vị chủ trì";
	heads[1] = "Tổng số";
	for (int i = 0; i < 7; i++)
		heads[2 + i] = m->status_names[order[i]];
	heads[9] = "Tỷ lệ đúng hạn";
	docxw_table_begin(d, 10, w, 1);
	header_row(d, heads, 10, 10);
	for (size_t u = 0; u < m->nunits; u++) {
		const struct report_unit_row *r = &m->units[u];
		docxw_row_begin(d, 0);
		docxw_cell_text(d, NULL, &L_CELL, 0, 11, r->name);
		num_cell(d, r->total, 0, 11);
		for (int i = 0; i < 7; i++)
			num_cell(d, r->n[order[i]], 0, 11);
		report_rate_text(r->n, rate, sizeof(rate));
		docxw_cell_text(d, NULL, &C_CELL, 0, 11, rate);
		docxw_row_end(d);
	}
	docxw_row_begin(d, 0);
	docxw_cell_text(d, NULL, &L_CELL, DOCXW_B, 11, "Tổng cộng");
	num_cell(d, m->ntotal, DOCXW_B, 11);
	for (int i = 0; i < 7; i++)
		num_cell(d, m->total[order[i]], DOCXW_B, 11);
	report_rate_text(m->total, rate, sizeof(rate));
	docxw_cell_text(d, NULL, &C_CELL, DOCXW_B, 11, rate);
	docxw_row_end(d);
	docxw_table_end(d);
}

static void overdue_table(struct docxw *d, const struct report_item *const *items, size_t n)
{
	static const char *const heads[] = {"STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì",
					    "Thời hạn", "Số ngày quá hạn", "Lý do, đề xuất"};
	static const int w[] = {650, 2800, 1600, 1250, 1000, 2055};
	char due[32], s[32];

	docxw_table_begin(d, 6, w, 1);
	header_row(d, heads, 6, 12);
	for (size_t i = 0; i < n; i++) {
		const struct report_item *it = items[i];
		docxw_row_begin(d, 0);
		snprintf(s, sizeof(s), "%zu", i + 1);
		docxw_cell_text(d, NULL, &C_CELL, 0, 12, s);
		docxw_cell_text(d, NULL, &J_CELL, 0, 12, it->task->text);
		docxw_cell_text(d, NULL, &L_CELL, 0, 12, it->unit);
		report_due_text(it->task, due, sizeof(due));
		docxw_cell_text(d, NULL, &C_CELL, 0, 12, due);
		snprintf(s, sizeof(s), "%ld", it->days_late);
		docxw_cell_text(d, NULL, &C_CELL, 0, 12, s);
		docxw_cell_text(d, NULL, &L_CELL, 0, 12,
				it->reason ? it->reason : "Đơn vị chưa báo cáo lý do");
		docxw_row_end(d);
	}
	docxw_table_end(d);
}

static void simple_table(struct docxw *d, const struct report_monthly *m,
			 const struct report_item *const *items, size_t n, int with_status)
{
	static const char *const heads[] = {"STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì",
					    "Thời hạn", "Tình trạng"};
	static const int w4[] = {650, 5055, 2300, 1350};
	static const int w5[] = {650, 4005, 2000, 1350, 1350};
	char due[32], s[32];

	docxw_table_begin(d, with_status ? 5 : 4, with_status ? w5 : w4, 1);
	header_row(d, heads, with_status ? 5 : 4, 12);
	for (size_t i = 0; i < n; i++) {
		const struct report_item *it = items[i];
		docxw_row_begin(d, 0);
		snprintf(s, sizeof(s), "%zu", i + 1);
		docxw_cell_text(d, NULL, &C_CELL, 0, 12, s);
		docxw_cell_text(d, NULL, &J_CELL, 0, 12, it->task->text);
		docxw_cell_text(d, NULL, &L_CELL, 0, 12, it->unit);
		report_due_text(it->task, due, sizeof(due));
		docxw_cell_text(d, NULL, &C_CELL, 0, 12, due);
		if (with_status)
			docxw_cell_text(d, NULL, &C_CELL, 0, 12, m->status_names[it->status]);
		docxw_row_end(d);
	}
	docxw_table_end(d);
}

static void body_f(struct docxw *d, struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void body_f(struct docxw *d, struct buf *b, const char *fmt, ...)
{
	va_list ap;

	buf_reset(b);
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
	offdoc_body(d, buf_str(b));
}

/* "- Hoàn thành đúng hạn: 3 nhiệm vụ;" lines, the last one ending "." */
static void status_lines(struct docxw *d, const struct report_monthly *m, struct buf *b)
{
	static const enum track_status order[] = {TRACK_DONE_ON_TIME, TRACK_DONE_LATE,
						  TRACK_IN_PROGRESS, TRACK_NOT_STARTED, TRACK_OVERDUE,
						  TRACK_RECURRING, TRACK_CANCELLED};
	for (int i = 0; i < 7; i++)
		body_f(d, b, "- %s: %lld nhiệm vụ%s", m->status_names[order[i]],
		       (long long)m->total[order[i]], i == 6 ? "." : ";");
}

int report_monthly_docx(const struct report_monthly *m, const struct report_layout *l,
			struct buf *out, struct dd_error *err)
{
	struct docxw *d;
	struct buf b = BUF_INIT, subj = BUF_INIT;
	struct report_picks p;
	char ms[16], nms[16], today[16], rate[32];
	int ny, nm, ret;

	report_picks_build(m, &p);
	next_month(m, &ny, &nm);
	month_str(m->month, ms);
	month_str(nm, nms);
	report_date_short(m->today, today, sizeof(today));
	report_subject(m, l->state, &subj);
	buf_printf(&b, "Báo cáo %s", buf_str(&subj));
	d = offdoc_new(l, buf_str(&b));

	offdoc_header(d, l, "BC", m->today, m->year, 0);
	offdoc_title(d, l, "BÁO CÁO", buf_str(&subj));

	body_f(d, &b, "%s báo cáo kết quả thực hiện các nhiệm vụ có thời hạn trong tháng %s năm %d "
		      "và các nhiệm vụ thực hiện thường xuyên (số liệu tính đến ngày %s), nhiệm vụ "
		      "trọng tâm tháng %s năm %d như sau:",
	       l->body, ms, m->year, today, nms, ny);

	/* I. results */
	buf_reset(&b);
	buf_printf(&b, "KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG %s NĂM %d", ms, m->year);
	offdoc_heading(d, l, 1, buf_str(&b));
	offdoc_subheading(d, "1. Tình hình chung");
	report_rate_text(m->total, rate, sizeof(rate));
	body_f(d, &b, "Trong tháng có %lld nhiệm vụ phải thực hiện theo %zu văn bản chỉ đạo. "
		      "Kết quả cụ thể như sau:",
	       (long long)m->ntotal, m->ngroups);
	status_lines(d, m, &b);
	if (report_on_time_rate(m->total) >= 0)
		body_f(d, &b, "Tỷ lệ hoàn thành đúng hạn đạt %s (số nhiệm vụ hoàn thành đúng hạn "
			      "trên số nhiệm vụ đã đến hạn hoặc đã hoàn thành).", rate);

	offdoc_subheading(d, "2. Kết quả thực hiện theo từng văn bản");
	if (!m->ngroups)
		offdoc_body(d, "Trong tháng không có nhiệm vụ nào phải thực hiện.");
	for (size_t g = 0; g < m->ngroups; g++) {
		const struct report_group *gr = &m->groups[g];
		buf_reset(&b);
		buf_printf(&b, "2.%zu. %s (%zu nhiệm vụ)", g + 1, gr->title, gr->n);
		docxw_par(d, &(struct docxw_par){.align = DOCXW_JUSTIFY, .first_line = 720,
						 .before = 120, .after = 120},
			  DOCXW_B | DOCXW_I, 14, buf_str(&b));
		task_table(d, m, m->items + gr->first, gr->n);
	}

	offdoc_subheading(d, "3. Kết quả thực hiện theo đơn vị chủ trì");
	unit_table(d, m);

	/* II. shortcomings */
	offdoc_heading(d, l, 2, "HẠN CHẾ, TỒN TẠI");
	if (!p.noverdue) {
		offdoc_body(d, "Không có nhiệm vụ quá hạn.");
	} else {
		body_f(d, &b, "Còn %zu nhiệm vụ quá hạn chưa hoàn thành (%lld nhiệm vụ có thời hạn "
			      "trong tháng, %zu nhiệm vụ từ các tháng trước); %lld nhiệm vụ hoàn thành "
			      "quá hạn. Cụ thể:",
		       p.noverdue, (long long)m->total[TRACK_OVERDUE], m->nolder,
		       (long long)m->total[TRACK_DONE_LATE]);
		overdue_table(d, p.overdue, p.noverdue);
	}
	if (p.nextended) {
		body_f(d, &b, "Trong tháng, %zu nhiệm vụ được gia hạn:", p.nextended);
		for (size_t i = 0; i < p.nextended; i++) {
			const struct report_item *it = p.extended[i];
			body_f(d, &b, "- %s%s%s: gia hạn %s%s", it->unit, *it->unit ? " - " : "",
			       it->task->text, it->extension, i + 1 == p.nextended ? "." : ";");
		}
	} else {
		offdoc_body(d, "Trong tháng không có nhiệm vụ nào được gia hạn.");
	}

	/* III. next month */
	buf_reset(&b);
	buf_printf(&b, "NHIỆM VỤ TRỌNG TÂM THÁNG %s NĂM %d", nms, ny);
	offdoc_heading(d, l, 3, buf_str(&b));
	buf_reset(&b);
	buf_printf(&b, "1. Các nhiệm vụ chuyển tiếp (%zu nhiệm vụ)", p.ncarried);
	offdoc_subheading(d, buf_str(&b));
	if (p.ncarried)
		simple_table(d, m, p.carried, p.ncarried, 1);
	else
		offdoc_body(d, "Không có nhiệm vụ chuyển tiếp.");
	buf_reset(&b);
	buf_printf(&b, "2. Các nhiệm vụ đến hạn trong tháng %s năm %d (%zu nhiệm vụ)", nms, ny, p.nnext);
	offdoc_subheading(d, buf_str(&b));
	if (p.nnext)
		simple_table(d, m, p.next, p.nnext, 0);
	else
		offdoc_body(d, "Không có nhiệm vụ mới đến hạn.");
	body_f(d, &b, "Trên đây là báo cáo %s của %s./.", buf_str(&subj), l->body);

	offdoc_signature(d, l);
	ret = docxw_finish(d, out, err);
	docxw_free(d);
	report_picks_release(&p);
	buf_release(&b);
	buf_release(&subj);
	return ret;
}
