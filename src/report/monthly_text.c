/* monthly_text.c - the monthly report as an HTML page (with SVG charts) or as Markdown */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "esc.h"
#include "report.h"
#include "util/xalloc.h"

static const enum track_status ORDER[] = {TRACK_DONE_ON_TIME, TRACK_DONE_LATE, TRACK_IN_PROGRESS,
					  TRACK_NOT_STARTED,  TRACK_OVERDUE,   TRACK_RECURRING,
					  TRACK_CANCELLED};
#define NORDER 7

static void month_str(int m, char out[16])
{
	snprintf(out, 16, "%s%d", m < 3 ? "0" : "", m);
}


/* ---- HTML ---- */

static void h(struct buf *o, const char *s)
{
	esc_xml(o, s);
}

static void html_status(struct buf *o, const struct report_monthly *m, enum track_status st)
{
	buf_printf(o, "<span class=\"st st-%s\">", track_status_code(st));
	h(o, m->status_names[st]);
	buf_addstr(o, "</span>");
}

static void html_tasks(struct buf *o, const struct report_monthly *m,
		       const struct report_item *const *items, size_t n, int full)
{
	struct buf t = BUF_INIT;
	char due[32];

	buf_addstr(o, "<table><thead><tr><th>STT</th><th>Nội dung nhiệm vụ</th><th>Đơn vị chủ trì</th>"
		      "<th>Thời hạn</th><th>Tình trạng</th>");
	if (full)
		buf_addstr(o, "<th>Kết quả thực hiện</th>");
	buf_addstr(o, "</tr></thead><tbody>\n");
	for (size_t i = 0; i < n; i++) {
		const struct report_item *it = items[i];
		report_due_text(it->task, due, sizeof(due));
		buf_printf(o, "<tr><td>%zu</td><td>", i + 1);
		h(o, it->task->text);
		buf_addstr(o, "</td><td>");
		h(o, it->unit);
		buf_addstr(o, "</td><td>");
		h(o, due);
		buf_addstr(o, "</td><td>");
		html_status(o, m, it->status);
		if (full) {
			buf_reset(&t);
			report_result_text(it, " - ", &t);
			buf_addstr(o, "</td><td>");
			h(o, buf_str(&t));
		}
		buf_addstr(o, "</td></tr>\n");
	}
	buf_addstr(o, "</tbody></table>\n");
	buf_release(&t);
}

static const struct report_item **item_ptrs(const struct report_item *items, size_t n)
{
	const struct report_item **p = xcalloc(n + 1, sizeof(*p));
	for (size_t i = 0; i < n; i++)
		p[i] = &items[i];
	return p;
}

int report_monthly_html(const struct report_monthly *m, const struct report_layout *l,
			struct buf *out, struct dd_error *err)
{
	struct report_picks p;
	struct buf subj = BUF_INIT;
	char ms[16], nms[16], today[16], rate[32], due[32];
	int ny = m->month == 12 ? m->year + 1 : m->year, nm = m->month == 12 ? 1 : m->month + 1;
	const char *names[TRACK_NSTATUS], *colors[NORDER], *onames[NORDER];
	int64_t ovals[NORDER];
	size_t start = out->len;

	report_picks_build(m, &p);
	month_str(m->month, ms);
	month_str(nm, nms);
	report_date_short(m->today, today, sizeof(today));
	report_subject(m, 1, &subj);
	for (int i = 0; i < TRACK_NSTATUS; i++)
		names[i] = m->status_names[i];
	for (int i = 0; i < NORDER; i++) {
		colors[i] = chart_status_color(ORDER[i]);
		onames[i] = names[ORDER[i]];
		ovals[i] = m->total[ORDER[i]];
	}

	buf_addstr(out, "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Báo cáo ");
	h(out, buf_str(&subj));
	buf_addstr(out, "</title><style>"
			"body{font-family:'Times New Roman',serif;font-size:14pt;max-width:60em;margin:2em auto;padding:0 1em}"
			".hdr{display:flex;justify-content:space-between;text-align:center}"
			".hdr div{flex:1}h1{text-align:center;font-size:16pt;margin:1em 0 0}"
			".subj{text-align:center;font-weight:bold}h2{font-size:14pt}h3{font-size:14pt;font-style:italic}"
			"table{border-collapse:collapse;width:100%;font-size:12pt;margin:.5em 0}"
			"th,td{border:1px solid #000;padding:2px 4px;vertical-align:top}th{background:#d9d9d9}"
			"td.n{text-align:right}.st{white-space:nowrap}.st-overdue{color:#c62828;font-weight:bold}"
			".st-done_on_time{color:#2e7d32}.st-done_late{color:#e65100}"
			".charts{display:flex;flex-wrap:wrap;gap:1em}.charts svg{max-width:100%;height:auto}"
			"</style></head><body>\n<div class=\"hdr\"><div><b>");
	h(out, l->issuer);
	buf_addstr(out, l->state ? "</b><br>Số: &nbsp;&nbsp;&nbsp;/BC-" : "</b><br>*<br>Số &nbsp;&nbsp;&nbsp;-BC/");
	h(out, l->issuer_code);
	buf_addstr(out, "</div><div><b>");
	buf_addstr(out, l->state ? "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc"
				 : "<u>ĐẢNG CỘNG SẢN VIỆT NAM</u>");
	buf_addstr(out, "</b><br><i>");
	{
		char date[64];
		report_date_long(m->today, m->year, date, sizeof(date));
		h(out, l->place);
		buf_addstr(out, ", ");
		h(out, date);
	}
	buf_addstr(out, "</i></div></div>\n<h1>BÁO CÁO</h1><p class=\"subj\">");
	h(out, buf_str(&subj));
	buf_printf(out, "</p>\n<p>Số liệu tính đến ngày %s.</p>\n", today);

	buf_printf(out, "<h2>I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG %s NĂM %d</h2>\n", ms, m->year);
	report_rate_text(m->total, rate, sizeof(rate));
	buf_printf(out, "<p>Trong tháng có <b>%lld</b> nhiệm vụ phải thực hiện theo %zu văn bản chỉ đạo; "
			"tỷ lệ hoàn thành đúng hạn: <b>%s</b>.</p>\n<ul>",
		   (long long)m->ntotal, m->ngroups, rate);
	for (int i = 0; i < NORDER; i++) {
		buf_addstr(out, "<li>");
		h(out, names[ORDER[i]]);
		buf_printf(out, ": %lld</li>", (long long)m->total[ORDER[i]]);
	}
	buf_addstr(out, "</ul>\n<div class=\"charts\">");
	chart_donut(out, "Nhiệm vụ theo tình trạng", onames, colors, ovals, NORDER, 0);
	{
		struct chart_bar *bars = xcalloc(m->nunits + 1, sizeof(*bars));
		int64_t *vals = xcalloc((m->nunits + 1) * NORDER, sizeof(*vals));
		for (size_t u = 0; u < m->nunits; u++) {
			for (int i = 0; i < NORDER; i++)
				vals[u * NORDER + (size_t)i] = m->units[u].n[ORDER[i]];
			bars[u].label = m->units[u].name;
			bars[u].values = vals + u * NORDER;
		}
		chart_stacked_bars(out, "Nhiệm vụ theo đơn vị chủ trì", onames, colors, NORDER, bars,
				   m->nunits, 0);
		free(bars);
		free(vals);
	}
	buf_addstr(out, "</div>\n");
	for (size_t g = 0; g < m->ngroups; g++) {
		const struct report_group *gr = &m->groups[g];
		const struct report_item **ptrs = item_ptrs(m->items + gr->first, gr->n);
		buf_printf(out, "<h3>%zu. ", g + 1);
		h(out, gr->title);
		buf_printf(out, " (%zu nhiệm vụ)</h3>\n", gr->n);
		html_tasks(out, m, ptrs, gr->n, 1);
		free(ptrs);
	}
	buf_addstr(out, "<h3>Kết quả theo đơn vị chủ trì</h3>\n<table><thead><tr><th>Đơn vị chủ trì</th><th>Tổng số</th>");
	for (int i = 0; i < NORDER; i++) {
		buf_addstr(out, "<th>");
		h(out, names[ORDER[i]]);
		buf_addstr(out, "</th>");
	}
	buf_addstr(out, "<th>Tỷ lệ đúng hạn</th></tr></thead><tbody>\n");
	for (size_t u = 0; u <= m->nunits; u++) {
		const int64_t *n = u < m->nunits ? m->units[u].n : m->total;
		buf_addstr(out, u < m->nunits ? "<tr><td>" : "<tr><td><b>Tổng cộng</b>");
		if (u < m->nunits)
			h(out, m->units[u].name);
		buf_printf(out, "</td><td class=\"n\">%lld</td>",
			   (long long)(u < m->nunits ? m->units[u].total : m->ntotal));
		for (int i = 0; i < NORDER; i++)
			buf_printf(out, "<td class=\"n\">%lld</td>", (long long)n[ORDER[i]]);
		report_rate_text(n, rate, sizeof(rate));
		buf_printf(out, "<td class=\"n\">%s</td></tr>\n", rate);
	}
	buf_addstr(out, "</tbody></table>\n<h2>II. HẠN CHẾ, TỒN TẠI</h2>\n");
	if (!p.noverdue) {
		buf_addstr(out, "<p>Không có nhiệm vụ quá hạn.</p>\n");
	} else {
		buf_printf(out, "<p>Còn %zu nhiệm vụ quá hạn chưa hoàn thành.</p>\n<table><thead><tr><th>STT</th>"
				"<th>Nội dung nhiệm vụ</th><th>Đơn vị chủ trì</th><th>Thời hạn</th>"
				"<th>Số ngày quá hạn</th><th>Lý do, đề xuất</th></tr></thead><tbody>\n",
			   p.noverdue);
		for (size_t i = 0; i < p.noverdue; i++) {
			const struct report_item *it = p.overdue[i];
			report_due_text(it->task, due, sizeof(due));
			buf_printf(out, "<tr><td>%zu</td><td>", i + 1);
			h(out, it->task->text);
			buf_addstr(out, "</td><td>");
			h(out, it->unit);
			buf_printf(out, "</td><td>%s</td><td class=\"n\">%ld</td><td>", due, it->days_late);
			h(out, it->reason ? it->reason : "Đơn vị chưa báo cáo lý do");
			buf_addstr(out, "</td></tr>\n");
		}
		buf_addstr(out, "</tbody></table>\n");
	}
	if (p.nextended) {
		buf_printf(out, "<p>Trong tháng, %zu nhiệm vụ được gia hạn:</p><ul>\n", p.nextended);
		for (size_t i = 0; i < p.nextended; i++) {
			buf_addstr(out, "<li>");
			h(out, p.extended[i]->task->text);
			buf_addstr(out, " (");
			h(out, p.extended[i]->unit);
			buf_addstr(out, "): ");
			h(out, p.extended[i]->extension);
			buf_addstr(out, "</li>\n");
		}
		buf_addstr(out, "</ul>\n");
	}
	buf_printf(out, "<h2>III. NHIỆM VỤ TRỌNG TÂM THÁNG %s NĂM %d</h2>\n<h3>1. Các nhiệm vụ chuyển tiếp (%zu nhiệm vụ)</h3>\n",
		   nms, ny, p.ncarried);
	html_tasks(out, m, p.carried, p.ncarried, 0);
	buf_printf(out, "<h3>2. Các nhiệm vụ đến hạn trong tháng %s năm %d (%zu nhiệm vụ)</h3>\n", nms, ny, p.nnext);
	html_tasks(out, m, p.next, p.nnext, 0);
	buf_addstr(out, "</body></html>\n");
	report_picks_release(&p);
	buf_release(&subj);
	if (out->max && out->len >= out->max) {
		buf_truncate(out, start);
		return dd_error(err, "report too large");
	}
	return 0;
}

/* ---- Markdown ---- */

static void md_tasks(struct buf *o, const struct report_monthly *m,
		     const struct report_item *const *items, size_t n, int full)
{
	struct buf t = BUF_INIT;
	char due[32];

	if (!n) {
		buf_addstr(o, "Không có.\n\n");
		return;
	}
	buf_addstr(o, full ? "| STT | Nội dung nhiệm vụ | Đơn vị chủ trì | Thời hạn | Tình trạng | Kết quả thực hiện |\n"
			     "|---:|---|---|---|---|---|\n"
			   : "| STT | Nội dung nhiệm vụ | Đơn vị chủ trì | Thời hạn | Tình trạng |\n"
			     "|---:|---|---|---|---|\n");
	for (size_t i = 0; i < n; i++) {
		const struct report_item *it = items[i];
		report_due_text(it->task, due, sizeof(due));
		buf_printf(o, "| %zu | ", i + 1);
		esc_md(o, it->task->text);
		buf_addstr(o, " | ");
		esc_md(o, it->unit);
		buf_printf(o, " | %s | ", due);
		esc_md(o, m->status_names[it->status]);
		if (full) {
			buf_reset(&t);
			report_result_text(it, " - ", &t);
			buf_addstr(o, " | ");
			esc_md(o, buf_str(&t));
		}
		buf_addstr(o, " |\n");
	}
	buf_addstr(o, "\n");
	buf_release(&t);
}

int report_monthly_md(const struct report_monthly *m, const struct report_layout *l,
		      struct buf *out, struct dd_error *err)
{
	struct report_picks p;
	struct buf subj = BUF_INIT;
	char ms[16], nms[16], today[16], rate[32], due[32];
	int ny = m->month == 12 ? m->year + 1 : m->year, nm = m->month == 12 ? 1 : m->month + 1;
	size_t start = out->len;

	report_picks_build(m, &p);
	month_str(m->month, ms);
	month_str(nm, nms);
	report_date_short(m->today, today, sizeof(today));
	report_subject(m, 1, &subj);
	buf_addstr(out, "**");
	esc_md(out, l->issuer);
	buf_addstr(out, "**\n\n# BÁO CÁO\n\n**");
	esc_md(out, buf_str(&subj));
	buf_printf(out, "**\n\nSố liệu tính đến ngày %s.\n\n## I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG %s NĂM %d\n\n",
		   today, ms, m->year);
	report_rate_text(m->total, rate, sizeof(rate));
	buf_printf(out, "Trong tháng có %lld nhiệm vụ phải thực hiện theo %zu văn bản chỉ đạo; tỷ lệ hoàn thành đúng hạn: %s.\n\n",
		   (long long)m->ntotal, m->ngroups, rate);
	for (int i = 0; i < NORDER; i++) {
		buf_addstr(out, "- ");
		esc_md(out, m->status_names[ORDER[i]]);
		buf_printf(out, ": %lld\n", (long long)m->total[ORDER[i]]);
	}
	buf_addstr(out, "\n");
	for (size_t g = 0; g < m->ngroups; g++) {
		const struct report_group *gr = &m->groups[g];
		const struct report_item **ptrs = item_ptrs(m->items + gr->first, gr->n);
		buf_printf(out, "### %zu. ", g + 1);
		esc_md(out, gr->title);
		buf_printf(out, " (%zu nhiệm vụ)\n\n", gr->n);
		md_tasks(out, m, ptrs, gr->n, 1);
		free(ptrs);
	}
	buf_addstr(out, "### Kết quả theo đơn vị chủ trì\n\n| Đơn vị chủ trì | Tổng số |");
	for (int i = 0; i < NORDER; i++) {
		buf_addstr(out, " ");
		esc_md(out, m->status_names[ORDER[i]]);
		buf_addstr(out, " |");
	}
	buf_addstr(out, " Tỷ lệ đúng hạn |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
	for (size_t u = 0; u <= m->nunits; u++) {
		const int64_t *n = u < m->nunits ? m->units[u].n : m->total;
		buf_addstr(out, "| ");
		if (u < m->nunits)
			esc_md(out, m->units[u].name);
		else
			buf_addstr(out, "**Tổng cộng**");
		buf_printf(out, " | %lld |", (long long)(u < m->nunits ? m->units[u].total : m->ntotal));
		for (int i = 0; i < NORDER; i++)
			buf_printf(out, " %lld |", (long long)n[ORDER[i]]);
		report_rate_text(n, rate, sizeof(rate));
		buf_printf(out, " %s |\n", rate);
	}
	buf_addstr(out, "\n## II. HẠN CHẾ, TỒN TẠI\n\n");
	if (!p.noverdue)
		buf_addstr(out, "Không có nhiệm vụ quá hạn.\n\n");
	else
		buf_printf(out, "Còn %zu nhiệm vụ quá hạn chưa hoàn thành:\n\n", p.noverdue);
	for (size_t i = 0; i < p.noverdue; i++) {
		const struct report_item *it = p.overdue[i];
		report_due_text(it->task, due, sizeof(due));
		buf_addstr(out, "- ");
		esc_md(out, it->task->text);
		buf_addstr(out, " (");
		esc_md(out, it->unit);
		buf_printf(out, "; thời hạn %s; quá hạn %ld ngày). Lý do: ", due, it->days_late);
		esc_md(out, it->reason ? it->reason : "đơn vị chưa báo cáo lý do");
		buf_addstr(out, "\n");
	}
	if (p.noverdue)
		buf_addstr(out, "\n");
	for (size_t i = 0; i < p.nextended; i++) {
		if (i == 0)
			buf_printf(out, "Trong tháng, %zu nhiệm vụ được gia hạn:\n\n", p.nextended);
		buf_addstr(out, "- ");
		esc_md(out, p.extended[i]->task->text);
		buf_addstr(out, ": ");
		esc_md(out, p.extended[i]->extension);
		buf_addstr(out, i + 1 == p.nextended ? "\n\n" : "\n");
	}
	buf_printf(out, "## III. NHIỆM VỤ TRỌNG TÂM THÁNG %s NĂM %d\n\n### 1. Các nhiệm vụ chuyển tiếp (%zu nhiệm vụ)\n\n",
		   nms, ny, p.ncarried);
	md_tasks(out, m, p.carried, p.ncarried, 0);
	buf_printf(out, "### 2. Các nhiệm vụ đến hạn trong tháng %s năm %d (%zu nhiệm vụ)\n\n", nms, ny, p.nnext);
	md_tasks(out, m, p.next, p.nnext, 0);
	report_picks_release(&p);
	buf_release(&subj);
	if (out->max && out->len >= out->max) {
		buf_truncate(out, start);
		return dd_error(err, "report too large");
	}
	return 0;
}
