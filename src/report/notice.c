/* notice.c - the draft conclusion notice for the next meeting: carried-over and newly due tasks */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>


#include "offdoc.h"
#include "report.h"

static void month_str(int m, char out[16])
{
	snprintf(out, 16, "%s%d", m < 3 ? "0" : "", m);
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

/* "2.1. Sở Y tế: text; thời hạn: 30/04/2021 (chuyển tiếp ...)." */
static void task_par(struct docxw *d, struct buf *b, size_t no, const struct report_item *it,
		     const char *note)
{
	const char *lead = NULL, *text = it->task->text ? it->task->text : "";
	char due[32];
	size_t len;

	for (size_t i = 0; i < it->task->nunits; i++)
		if (it->task->units[i].role == STORE_ROLE_LEAD)
			lead = it->task->units[i].name;
	report_due_text(it->task, due, sizeof(due));
	buf_reset(b);
	buf_printf(b, "2.%zu. ", no);
	/* "Sở Y tế: Sở Y tế chủ trì ..." says the unit twice: only when the text does not */
	if (it->unit && *it->unit && !(lead && strncmp(text, lead, strlen(lead)) == 0))
		buf_printf(b, "%s: ", it->unit);
	buf_addstr(b, text);
	/* the task text may already end with a full stop, semicolon or colon */
	len = b->len;
	while (len && strchr(".;:, ", b->ptr[len - 1]))
		len--;
	buf_truncate(b, len);
	buf_printf(b, "; thời hạn: %s%s%s.", due, note ? " " : "", note ? note : "");
	offdoc_body(d, buf_str(b));
}

int report_notice_docx(const struct report_monthly *m, const struct report_layout *l,
		       struct buf *out, struct dd_error *err)
{
	struct docxw *d;
	struct buf b = BUF_INIT, subj = BUF_INIT, note = BUF_INIT;
	struct report_picks p;
	char ms[16], nms[16], n2ms[16], date[16];
	int ny = m->month == 12 ? m->year + 1 : m->year, nm = m->month == 12 ? 1 : m->month + 1;
	int n2y = nm == 12 ? ny + 1 : ny, n2m = nm == 12 ? 1 : nm + 1;
	size_t no = 0;
	int ret;

	report_picks_build(m, &p);
	month_str(m->month, ms);
	month_str(nm, nms);
	month_str(n2m, n2ms);
	buf_printf(&subj, "%s của %s về nhiệm vụ trọng tâm tháng %s năm %d",
		   l->state ? "Kết luận" : "kết luận", l->body, nms, ny);
	buf_printf(&b, "Thông báo %s (dự thảo)", buf_str(&subj));
	d = offdoc_new(l, buf_str(&b));
	offdoc_header(d, l, "TB", NULL, ny, 1);
	offdoc_title(d, l, "THÔNG BÁO", buf_str(&subj));

	body_f(d, &b, "Ngày ..../..../%d, %s họp nghe báo cáo kết quả thực hiện nhiệm vụ tháng %s "
		      "năm %d và nhiệm vụ trọng tâm tháng %s năm %d. Sau khi nghe báo cáo và ý kiến "
		      "thảo luận, %s kết luận như sau:",
	       ny, l->body, ms, m->year, nms, ny, l->body);

	offdoc_subheading(d, "1. Đánh giá chung");
	body_f(d, &b, "Trong tháng %s năm %d có %lld nhiệm vụ phải thực hiện: hoàn thành đúng hạn "
		      "%lld, hoàn thành quá hạn %lld, đang thực hiện trong hạn %lld, chưa thực hiện "
		      "%lld, quá hạn %lld, thực hiện thường xuyên %lld. [Văn phòng bổ sung nội dung "
		      "đánh giá.]",
	       ms, m->year, (long long)m->ntotal, (long long)m->total[TRACK_DONE_ON_TIME],
	       (long long)m->total[TRACK_DONE_LATE], (long long)m->total[TRACK_IN_PROGRESS],
	       (long long)m->total[TRACK_NOT_STARTED], (long long)m->total[TRACK_OVERDUE],
	       (long long)m->total[TRACK_RECURRING]);

	buf_reset(&b);
	buf_printf(&b, "2. Nhiệm vụ trọng tâm tháng %s năm %d", nms, ny);
	offdoc_subheading(d, buf_str(&b));
	if (!p.ncarried && !p.nnext)
		offdoc_body(d, "[Văn phòng bổ sung các nhiệm vụ trọng tâm.]");
	else
		body_f(d, &b, "Các cấp ủy, tổ chức đảng, cơ quan, đơn vị tập trung thực hiện tốt các "
			      "nhiệm vụ sau:");
	for (size_t i = 0; i < p.ncarried; i++) {
		const struct report_item *it = p.carried[i];
		buf_reset(&note);
		if (it->status == TRACK_OVERDUE) {
			report_date_short(it->task->due, date, sizeof(date));
			buf_printf(&note, "(nhiệm vụ chuyển tiếp, quá hạn từ ngày %s)", date);
		} else if (it->status != TRACK_RECURRING) {
			buf_printf(&note, "(nhiệm vụ chuyển tiếp từ tháng %s)", ms);
		}
		task_par(d, &b, ++no, it, note.len ? buf_str(&note) : NULL);
	}
	for (size_t i = 0; i < p.nnext; i++)
		task_par(d, &b, ++no, p.next[i], NULL);

	buf_reset(&b);
	offdoc_subheading(d, "3. Tổ chức thực hiện");
	body_f(d, &b, "Văn phòng theo dõi, đôn đốc việc thực hiện Thông báo này, tổng hợp báo cáo "
		      "%s tại cuộc họp thường kỳ tháng %s năm %d.",
	       l->body, n2ms, n2y);
	body_f(d, &b, "%s thông báo để các cơ quan, đơn vị biết, thực hiện./.", l->body);
	offdoc_signature(d, l);
	ret = docxw_finish(d, out, err);
	docxw_free(d);
	report_picks_release(&p);
	buf_release(&b);
	buf_release(&subj);
	buf_release(&note);
	return ret;
}
