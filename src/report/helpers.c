/* helpers.c - small helpers shared by the report renderers: dates, deadlines, on-time rate */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util/xalloc.h"
#include "vn/date.h"

double report_on_time_rate(const int64_t n[TRACK_NSTATUS])
{
	int64_t due = n[TRACK_DONE_ON_TIME] + n[TRACK_DONE_LATE] + n[TRACK_OVERDUE];

	if (due <= 0)
		return -1;
	return 100.0 * (double)n[TRACK_DONE_ON_TIME] / (double)due;
}

void report_rate_text(const int64_t n[TRACK_NSTATUS], char *out, size_t outsz)
{
	double r = report_on_time_rate(n);
	char *dot;

	if (r < 0) {
		snprintf(out, outsz, "-");
		return;
	}
	snprintf(out, outsz, "%.1f%%", r);
	dot = strchr(out, '.');
	if (dot)
		*dot = ','; /* Vietnamese decimal comma */
}

void report_date_short(const char *iso, char *out, size_t outsz)
{
	struct vn_date d;

	if (!iso || vn_date_parse_iso(iso, &d) < 0) {
		snprintf(out, outsz, "%s", iso ? iso : "");
		return;
	}
	snprintf(out, outsz, "%02d/%02d/%04d", d.d, d.m, d.y);
}

void report_date_long(const char *iso, int blank_year, char *out, size_t outsz)
{
	struct vn_date d;

	if (!iso || !*iso || vn_date_parse_iso(iso, &d) < 0) {
		snprintf(out, outsz, "ngày      tháng      năm %d", blank_year);
		return;
	}
	snprintf(out, outsz, "ngày %02d tháng %s%d năm %d", d.d, d.m < 3 ? "0" : "", d.m, d.y);
}

int report_status_carries(enum track_status st)
{
	return st == TRACK_NOT_STARTED || st == TRACK_IN_PROGRESS || st == TRACK_OVERDUE ||
	       st == TRACK_RECURRING;
}

void report_due_text(const struct store_task *t, char *out, size_t outsz)
{
	if (t->due_kind == STORE_DUE_RECURRING)
		snprintf(out, outsz, "Thường xuyên");
	else if (t->due[0])
		report_date_short(t->due, out, outsz);
	else
		snprintf(out, outsz, "Không thời hạn");
}

int report_parse_month(const char *s, int *year, int *month)
{
	int y = 0, m = 0, i;

	if (!s)
		return -1;
	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		y = y * 10 + (s[i] - '0');
	}
	if (s[4] != '-' || s[5] < '0' || s[5] > '9')
		return -1;
	m = s[5] - '0';
	if (s[6] >= '0' && s[6] <= '9') {
		m = m * 10 + (s[6] - '0');
		if (s[7])
			return -1;
	} else if (s[6]) {
		return -1;
	}
	if (m < 1 || m > 12 || !vn_date_valid(y, m, 1))
		return -1;
	*year = y;
	*month = m;
	return 0;
}

void report_picks_build(const struct report_monthly *m, struct report_picks *p)
{
	size_t n = m->nitems + m->nolder + 1;

	memset(p, 0, sizeof(*p));
	p->overdue = xcalloc(n, sizeof(*p->overdue));
	p->extended = xcalloc(n, sizeof(*p->extended));
	p->carried = xcalloc(n, sizeof(*p->carried));
	p->next = xcalloc(m->nnext + 1, sizeof(*p->next));
	for (size_t i = 0; i < m->nolder; i++) {
		p->overdue[p->noverdue++] = &m->older_items[i];
		p->carried[p->ncarried++] = &m->older_items[i];
	}
	for (size_t i = 0; i < m->nitems; i++) {
		const struct report_item *it = &m->items[i];
		if (it->status == TRACK_OVERDUE)
			p->overdue[p->noverdue++] = it;
		if (it->extension)
			p->extended[p->nextended++] = it;
		if (report_status_carries(it->status))
			p->carried[p->ncarried++] = it;
	}
	for (size_t i = 0; i < m->nnext; i++)
		p->next[p->nnext++] = &m->next_items[i];
}

void report_picks_release(struct report_picks *p)
{
	if (!p)
		return;
	free(p->overdue);
	free(p->extended);
	free(p->carried);
	free(p->next);
	memset(p, 0, sizeof(*p));
}

void report_result_text(const struct report_item *it, const char *ext_sep, struct buf *b)
{
	char date[16];

	if (it->progress) {
		buf_addstr(b, it->progress);
		if (it->progress_date[0]) {
			report_date_short(it->progress_date, date, sizeof(date));
			buf_printf(b, " (%d%%, %s)", it->percent, date);
		}
	} else if (it->task->state == STORE_TASK_DONE) {
		buf_addstr(b, "Đã hoàn thành");
	} else if (it->task->state == STORE_TASK_CANCELLED) {
		buf_addstr(b, it->task->cancel_reason ? it->task->cancel_reason : "");
	} else {
		buf_addstr(b, "Chưa có báo cáo");
	}
	if (it->extension)
		buf_printf(b, "%s%s", ext_sep, it->extension);
}
