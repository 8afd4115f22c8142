/* api_reports.c - /api/v1/reports/monthly: the monthly report (report/) as a file download */
#include <stdio.h>
#include <string.h>

#include "report/report.h"
#include "web/api.h"

#define REPORT_WEB_MAX ((size_t)48 * 1024 * 1024)

enum report_fmt { FMT_DOCX, FMT_HTML, FMT_MD };

static const struct {
	const char *name;
	enum report_fmt fmt;
	const char *content_type;
} formats[] = {
    {"docx", FMT_DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"html", FMT_HTML, "text/html; charset=utf-8"},
    {"md", FMT_MD, "text/markdown; charset=utf-8"},
};

/* GET /reports/monthly?month=YYYY-MM&format=docx|html|md (default docx). */
int api_report_monthly(struct web_req *rq, struct web_resp *rs)
{
	const char *month = web_query(rq, "month");
	const char *fmtname = web_query(rq, "format");
	struct report_layout l;
	struct report_monthly m;
	struct dd_error err = {0};
	struct buf out;
	size_t fi = 0, nf = sizeof(formats) / sizeof(formats[0]);
	int year, mon, code;

	if (fmtname && *fmtname) {
		for (fi = 0; fi < nf; fi++)
			if (strcmp(fmtname, formats[fi].name) == 0)
				break;
		if (fi == nf)
			return web_fail(rs, 400, "bad_request", "bad format '%.40s' (want docx, html or md)",
					fmtname);
	}
	if (!month || !*month)
		return web_fail(rs, 400, "bad_request", "the 'month' argument is required (YYYY-MM)");
	if (strlen(month) != 7 || report_parse_month(month, &year, &mon) < 0)
		return web_fail(rs, 400, "bad_request", "bad month '%.40s' (want YYYY-MM)", month);

	memset(&l, 0, sizeof(l));
	memset(&m, 0, sizeof(m));
	if (report_layout_load(rq->store, &l, &err) < 0)
		return web_fail_err(rs, &err);
	if (report_monthly_build(&rq->track, year, mon, &m, &err) < 0) {
		report_layout_release(&l);
		return web_fail_err(rs, &err);
	}
	buf_init(&out, REPORT_WEB_MAX);
	switch (formats[fi].fmt) {
	case FMT_HTML:
		code = report_monthly_html(&m, &l, &out, &err);
		break;
	case FMT_MD:
		code = report_monthly_md(&m, &l, &out, &err);
		break;
	default:
		code = report_monthly_docx(&m, &l, &out, &err);
		break;
	}
	report_monthly_release(&m);
	report_layout_release(&l);
	if (code < 0) {
		buf_release(&out);
		return web_fail_err(rs, &err);
	}
	buf_release(&rs->body);
	rs->body = out;
	rs->status = 200;
	rs->content_type = formats[fi].content_type;
	snprintf(rs->disposition, sizeof(rs->disposition), "attachment; filename=\"bao-cao-thang-%04d-%02d.%s\"",
		 year % 10000, mon % 100, formats[fi].name);
	return 0;
}
