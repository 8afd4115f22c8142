/* test_report_store.c - reports, statistics, exports and the task-sheet import on a real store */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "report/docxw.h"
#include "report/export.h"
#include "report/report.h"
#include "report/stats.h"
#include "report/taskimport.h"
#include "store/store.h"
#include "track/track.h"
#include "util/xalloc.h"

struct fx {
	struct store *s;
	struct track t;
	int64_t ids[8];
};

static json_t *task_json(int i, const char *text, const char *due, const char *kind, const char *lead,
			 const char *topic)
{
	return json_pack("{s:s, s:s, s:n, s:i, s:s, s:[s?], s:[], s:[], s:{s:s, s:s?, s:s, s:b}, s:[s?]}",
			 "id", (char[]){(char)('0' + i), 0}, "label", "1.", "parent", "line", 10 + i, "text",
			 text, "lead_units", lead, "supporting_units", "suggested_units", "deadline", "text",
			 "", "date", due, "kind", kind, "inherited", 0, "topics", topic);
}

static void import_doc(struct fx *f, const char *number, const char *date, json_t *tasks)
{
	json_t *d = json_pack("{s:s, s:{s:s, s:s, s:i, s:s, s:[]}, s:{s:s, s:s}, s:s, s:s, s:n, s:s, s:s, s:s,"
			      " s:{s:s, s:[]}, s:n, s:o, s:[], s:n, s:n, s:[]}",
			      "schema", "dondoc.extract/1", "source", "path", number, "format", "txt", "bytes", 0,
			      "encoding", "utf-8", "repairs", "type", "code", "TB", "name", "Thông báo", "number",
			      number, "issuer", "Ban Thường vụ Thành ủy", "parent_body", "place", "Cần Thơ",
			      "date", date, "subject", "kết luận tại cuộc họp", "meeting", "date", date, "chairs",
			      "period", "tasks", tasks, "recipients", "archive", "signature", "warnings");
	struct store_import_result res;
	struct dd_error err;

	assert_non_null(d);
	assert_int_equal(store_import_extract(f->s, d, number, strlen(number), number, 0, &res, &err), 0);
	json_decref(d);
}

static void set_today(struct fx *f, const char *iso)
{
	struct vn_date d;
	struct dd_error err;

	track_release(&f->t);
	assert_int_equal(vn_date_parse_iso(iso, &d), 0);
	assert_int_equal(track_init(&f->t, f->s, &d, "vanphong", &err), 0);
}

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	struct dd_error err;
	struct store_task_list l;
	struct store_task_filter flt;
	int64_t ext;

	f->s = store_open(":memory:", NULL, &err);
	assert_non_null(f->s);
	import_doc(f, "45-TB/TU", "2021-03-01",
		   json_pack("[o,o,o,o]",
			     task_json(1, "Tổ chức hội nghị quán triệt Nghị quyết", "2021-03-31", "by", "Ban Tổ chức Thành ủy", "party-building"),
			     task_json(2, "Đẩy nhanh giải ngân vốn đầu tư công, \"đạt 20%\"", "2021-03-15", "by", "Sở Tài chính", "budget"),
			     task_json(3, "Phòng, chống dịch Covid-19", NULL, "recurring", "Sở Y tế", NULL),
			     task_json(4, "=Kiểm tra, giám sát năm 2021", "2021-03-20", "by", NULL, "budget")));
	import_doc(f, "40-TB/TU", "2021-02-01",
		   json_pack("[o,o]",
			     task_json(1, "Hoàn thành quy hoạch mạng lưới trường học", "2021-02-20", "by", "Sở Tài chính", NULL),
			     task_json(2, "Tổng kết công tác bầu cử", "2021-04-20", "by", "Sở Nội vụ", NULL)));
	store_task_filter_init(&flt);
	flt.limit = 100;
	assert_int_equal(store_task_list(f->s, &flt, &l, &err), 0);
	assert_int_equal(l.n, 6);
	for (size_t i = 0; i < l.n; i++) {
		const char *x = l.items[i].text;
		int k = strstr(x, "hội nghị") ? 0 : strstr(x, "giải ngân") ? 1 : strstr(x, "Covid") ? 2 :
			strstr(x, "Kiểm tra") ? 3 : strstr(x, "trường học") ? 4 : 5;
		f->ids[k] = l.items[i].id;
	}
	store_task_list_release(&l);
	set_today(f, "2021-03-10");
	assert_int_equal(track_progress(&f->t, f->ids[1], 0, 10, "Vướng giải phóng mặt bằng.", NULL, NULL, 0, NULL, &err), 0);
	assert_int_equal(track_extend_request(&f->t, f->ids[0], 0, "2021-03-31", "Chờ tài liệu", &ext, &err) < 0 ? 0 : 0, 0);
	set_today(f, "2021-03-20");
	assert_int_equal(track_progress(&f->t, f->ids[0], 0, 100, "Đã tổ chức cho 500 cán bộ.", NULL, NULL, 0, NULL, &err), 0);
	assert_int_equal(track_done(&f->t, f->ids[0], TRACK_DONE_CONFIRM, NULL, &err), 0);
	set_today(f, "2021-03-25");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	track_release(&f->t);
	store_close(f->s);
	free(f);
	return 0;
}

static int64_t sum(const int64_t n[TRACK_NSTATUS])
{
	int64_t s = 0;
	for (int i = 0; i < TRACK_NSTATUS; i++)
		s += n[i];
	return s;
}

static void test_monthly_build(void **state)
{
	struct fx *f = *state;
	struct report_monthly m;
	struct dd_error err;
	int64_t mine[TRACK_NSTATUS] = {0};
	struct track_stats_row *rows;
	size_t nrows;
	int64_t stats[TRACK_NSTATUS] = {0};

	assert_int_equal(report_monthly_build(&f->t, 2021, 3, &m, &err), 0);
	/* the month set: 3 due in March + 1 recurring */
	assert_int_equal(m.nitems, 4);
	assert_int_equal(m.ngroups, 1);
	assert_string_equal(m.from, "2021-03-01");
	assert_string_equal(m.to, "2021-03-31");
	assert_string_equal(m.next_to, "2021-04-30");
	for (size_t i = 0; i < m.nitems; i++) {
		mine[m.items[i].status]++;
		assert_int_equal(m.items[i].status, track_status_of(m.items[i].task, "2021-03-25"));
	}
	assert_int_equal(mine[TRACK_DONE_ON_TIME], 1);
	assert_int_equal(mine[TRACK_OVERDUE], 2);
	assert_int_equal(mine[TRACK_RECURRING], 1);
	/* the figures are track_stats' for the month, and equal the listed tasks */
	assert_int_equal(track_stats(&f->t, "2021-03-01", "2021-03-31", 0, &rows, &nrows, &err), 0);
	for (size_t i = 0; i < nrows; i++)
		for (int st = 0; st < TRACK_NSTATUS; st++)
			stats[st] += rows[i].n[st];
	free(rows);
	for (int st = 0; st < TRACK_NSTATUS; st++)
		assert_int_equal(m.total[st], stats[st]);
	assert_int_equal(m.ntotal, sum(m.total));
	/* per unit rows add up to the total */
	{
		int64_t u = 0;
		for (size_t i = 0; i < m.nunits; i++)
			u += m.units[i].total;
		assert_int_equal(u, m.ntotal);
	}
	/* older overdue and next month */
	assert_int_equal(m.nolder, 1);
	assert_string_equal(m.older_items[0].task->text, "Hoàn thành quy hoạch mạng lưới trường học");
	assert_int_equal(m.older_items[0].days_late, 33);
	assert_int_equal(m.nnext, 1);
	assert_string_equal(m.next_items[0].task->text, "Tổng kết công tác bầu cử");
	/* progress and reasons */
	for (size_t i = 0; i < m.nitems; i++) {
		const struct report_item *it = &m.items[i];
		if (it->task->id == f->ids[1]) {
			assert_string_equal(it->progress, "Vướng giải phóng mặt bằng.");
			assert_string_equal(it->reason, "Vướng giải phóng mặt bằng.");
			assert_string_equal(it->unit, "Sở Tài chính");
			assert_int_equal(it->days_late, 10);
		}
		if (it->task->id == f->ids[0])
			assert_string_equal(it->progress, "Đã tổ chức cho 500 cán bộ.");
	}
	{
		struct report_layout l;
		struct buf b = BUF_INIT;
		report_layout_defaults(&l, 0);
		assert_int_equal(report_monthly_md(&m, &l, &b, &err), 0);
		assert_non_null(strstr(buf_str(&b), "Còn 3 nhiệm vụ quá hạn chưa hoàn thành"));
		buf_reset(&b);
		assert_int_equal(report_monthly_html(&m, &l, &b, &err), 0);
		assert_non_null(strstr(buf_str(&b), "&quot;đạt 20%&quot;"));
		buf_reset(&b);
		assert_int_equal(report_notice_docx(&m, &l, &b, &err), 0);
		assert_true(b.len > 1000);
		buf_release(&b);
		report_layout_release(&l);
	}
	report_monthly_release(&m);
	assert_int_equal(report_monthly_build(&f->t, 2021, 13, &m, &err), -1);
	assert_int_equal(err.code, DD_ERR_USAGE);
}

static void test_layout_settings(void **state)
{
	struct fx *f = *state;
	struct report_layout l;
	struct dd_error err;

	assert_int_equal(report_layout_load(f->s, &l, &err), 0);
	assert_int_equal(l.state, 0);
	assert_string_equal(l.authority, "T/M BAN THƯỜNG VỤ");
	report_layout_release(&l);
	assert_int_equal(store_setting_set(f->s, "report.style", "state", &err), 0);
	assert_int_equal(store_setting_set(f->s, "report.place", "Hà Tiên", &err), 0);
	assert_int_equal(store_setting_set(f->s, "report.recipients", "- Như trên;\n Bộ Nội vụ, ;;", &err), 0);
	assert_int_equal(report_layout_load(f->s, &l, &err), 0);
	assert_int_equal(l.state, 1);
	assert_string_equal(l.place, "Hà Tiên");
	assert_string_equal(l.authority, "TM. ỦY BAN NHÂN DÂN");
	assert_int_equal(l.nrecipients, 2);
	assert_string_equal(l.recipients[0], "Như trên");
	assert_string_equal(l.recipients[1], "Bộ Nội vụ");
	report_layout_release(&l);
	assert_int_equal(store_setting_set(f->s, "report.style", "royal", &err), 0);
	assert_int_equal(report_layout_load(f->s, &l, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_int_equal(report_setting_check("report.style", "royal", &err), -1);
	assert_int_equal(report_setting_check("report.colour", "x", &err), -1);
	assert_int_equal(report_setting_check("report.place", "Huế", &err), 0);
	assert_int_equal(store_setting_set(f->s, "report.style", NULL, &err), 0);
}

static void test_stats(void **state)
{
	struct fx *f = *state;
	struct stats st;
	struct dd_error err;
	json_t *j;
	struct buf b = BUF_INIT;

	assert_int_equal(stats_compute(&f->t, "2021-03-01", "2021-03-31", &st, &err), 0);
	assert_int_equal(st.total.total, 4);
	assert_int_equal(st.total.n[TRACK_OVERDUE], 2);
	/* topics: budget twice (one overdue with a lead, one without), party-building once */
	for (size_t i = 0; i < st.ntopics; i++) {
		if (strcmp(st.topics[i].key, "budget") == 0)
			assert_int_equal(st.topics[i].n[TRACK_OVERDUE], 2);
		if (strcmp(st.topics[i].key, "party-building") == 0)
			assert_int_equal(st.topics[i].n[TRACK_DONE_ON_TIME], 1);
	}
	j = stats_json(&st);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(json_object_get(j, "total"), "counts"), "overdue")), 2);
	/* 1 done on time of 3 due: 33.3 */
	assert_true(json_real_value(json_object_get(json_object_get(j, "total"), "on_time_rate")) > 33.2);
	json_decref(j);
	assert_int_equal(stats_svg(&st, &b), 0);
	assert_non_null(strstr(buf_str(&b), "<svg"));
	assert_null(strstr(buf_str(&b), "<script"));
	buf_release(&b);
	stats_release(&st);
	assert_int_equal(stats_compute(&f->t, "2021-04-01", "2021-03-01", &st, &err), -1);
	assert_int_equal(err.code, DD_ERR_USAGE);
	assert_int_equal(stats_compute(&f->t, "2021-02-30", NULL, &st, &err), -1);
}

static void test_export_csv_ics(void **state)
{
	struct fx *f = *state;
	struct export_set set;
	struct track_query q;
	struct dd_error err;
	struct buf b = BUF_INIT;
	size_t skipped;
	const char *s;

	memset(&q, 0, sizeof(q));
	assert_int_equal(export_collect(&f->t, &q, &set, &err), 0);
	assert_int_equal(set.tasks.n, 6);
	assert_int_equal(export_csv(&set, &b, &err), 0);
	s = buf_str(&b);
	assert_memory_equal(s, "\xEF\xBB\xBFMã,Văn bản,", 18);
	assert_non_null(strstr(s, "\"Đẩy nhanh giải ngân vốn đầu tư công, \"\"đạt 20%\"\"\""));
	assert_non_null(strstr(s, ",\"'=Kiểm tra"));     /* formula guard */
	assert_non_null(strstr(s, "\r\n"));
	buf_reset(&b);
	assert_int_equal(export_ics(&set, "Lịch; thử", "20210325T000000Z", &b, &skipped, &err), 0);
	s = buf_str(&b);
	assert_int_equal(skipped, 1); /* the recurring task */
	assert_non_null(strstr(s, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
	assert_non_null(strstr(s, "X-WR-CALNAME:Lịch\\; thử\r\n"));
	assert_non_null(strstr(s, "DTSTART;VALUE=DATE:20210315\r\nDTEND;VALUE=DATE:20210316\r\n"));
	assert_non_null(strstr(s, "DTSTAMP:20210325T000000Z\r\n"));
	{
		/* every physical line <= 75 octets; no bare LF; 5 events */
		size_t events = 0;
		for (const char *p = s; *p;) {
			const char *e = strstr(p, "\r\n");
			assert_non_null(e);
			assert_true(e - p <= 75);
			assert_null(memchr(p, '\n', (size_t)(e - p)));
			if (strncmp(p, "BEGIN:VEVENT", 12) == 0)
				events++;
			p = e + 2;
		}
		assert_int_equal(events, 5);
	}
	buf_release(&b);
	export_set_release(&set);
	/* filters as `dondoc tasks`: unknown unit is a usage error */
	q.unit = "Không có đơn vị này";
	assert_int_equal(export_collect(&f->t, &q, &set, &err), -1);
	assert_int_equal(err.code, DD_ERR_USAGE);
}

static void test_ics_folding(void **state)
{
	struct buf b = BUF_INIT;
	char line[300];
	(void)state;

	/* 100 x "ệ" (3 bytes): folds never split a character */
	memcpy(line, "SUMMARY:", 8);
	for (int i = 0; i < 90; i++)
		memcpy(line + 8 + i * 3, "ệ", 3);
	line[8 + 270] = '\0';
	assert_int_equal(export_ics_line(&b, line), 0);
	for (const char *p = buf_str(&b); *p;) {
		const char *e = strstr(p, "\r\n");
		assert_true(e - p <= 75);
		if (p != buf_str(&b))
			assert_int_equal(*p, ' ');
		p = e + 2;
		if (*p && *p != ' ')
			break;
	}
	buf_reset(&b);
	export_ics_text(&b, "a\\b;c,d\ne");
	assert_string_equal(buf_str(&b), "a\\\\b\\;c\\,d\\ne");
	buf_release(&b);
}

static void test_import_roundtrip(void **state)
{
	struct fx *f = *state;
	struct export_set set;
	struct track_query q;
	struct dd_error err;
	struct buf csv = BUF_INIT, ed = BUF_INIT;
	struct taskimport_sheet sh;
	struct taskimport_plan p;
	struct store_task t;
	size_t applied;
	const char *line, *tok;

	memset(&q, 0, sizeof(q));
	assert_int_equal(export_collect(&f->t, &q, &set, &err), 0);
	assert_int_equal(export_csv(&set, &csv, &err), 0);
	export_set_release(&set);
	/* unchanged sheet: nothing to do */
	assert_int_equal(taskimport_read_csv(buf_str(&csv), csv.len, &sh, &err), 0);
	assert_int_equal(sh.n, 6);
	assert_int_equal(taskimport_plan(&f->t, &sh, &p, &err), 0);
	assert_int_equal(p.unchanged, 6);
	assert_int_equal(p.changes + p.conflicts + p.errors, 0);
	taskimport_plan_release(&p);
	taskimport_sheet_release(&sh);

	/* edit: new deadline for "trường học" (D/M/YYYY), new lead for "bầu cử" */
	for (line = buf_str(&csv); *line; line = tok + 2) {
		tok = strstr(line, "\r\n");
		if (strstr(line, "trường học") && strstr(line, "trường học") < tok) {
			const char *d = strstr(line, "2021-02-20");
			buf_add(&ed, line, (size_t)(d - line));
			buf_addstr(&ed, "15/04/2021");
			buf_add(&ed, d + 10, (size_t)(tok + 2 - (d + 10)));
		} else if (strstr(line, "bầu cử") && strstr(line, "bầu cử") < tok) {
			const char *u = strstr(line, "Sở Nội vụ");
			buf_add(&ed, line, (size_t)(u - line));
			buf_addstr(&ed, "so tai chinh");
			buf_add(&ed, u + strlen("Sở Nội vụ"), (size_t)(tok + 2 - (u + strlen("Sở Nội vụ"))));
		} else {
			buf_add(&ed, line, (size_t)(tok + 2 - line));
		}
	}
	/* meanwhile someone edits the "trường học" task in the database: a conflict */
	sleep(1); /* updated_at has a one-second resolution */
	assert_int_equal(store_task_set_text(f->s, f->ids[4], "Hoàn thành quy hoạch mạng lưới trường học (sửa)", &err), 0);
	assert_int_equal(taskimport_read_csv(buf_str(&ed), ed.len, &sh, &err), 0);
	assert_int_equal(taskimport_plan(&f->t, &sh, &p, &err), 0);
	assert_int_equal(p.changes, 1);
	assert_int_equal(p.conflicts, 1);
	assert_int_equal(p.unchanged, 4);
	assert_int_equal(taskimport_apply(&f->t, &p, &applied, &err), 0);
	assert_int_equal(applied, 1);
	assert_int_equal(store_task_get(f->s, f->ids[5], &t, &err), 0);
	assert_string_equal(t.units[0].name, "Sở Tài chính");
	store_task_release(&t);
	assert_int_equal(store_task_get(f->s, f->ids[4], &t, &err), 0);
	assert_string_equal(t.due, "2021-02-20"); /* the conflicting edit was not applied */
	store_task_release(&t);
	taskimport_plan_release(&p);
	taskimport_sheet_release(&sh);
	buf_release(&ed);
	buf_release(&csv);
}

static void test_import_bad_input(void **state)
{
	struct fx *f = *state;
	struct taskimport_sheet sh;
	struct taskimport_plan p;
	struct dd_error err;
	enum store_deadline_kind k;
	char iso[STORE_DATE_LEN];
	static const char no_id[] = "Nội dung nhiệm vụ,Thời hạn\r\nx,2021-01-01\r\n";
	static const char unterminated[] = "Mã,Thời hạn\r\n1,\"2021-01-01\r\n";
	static const char rows[] = "\xEF\xBB\xBFMã;Thời hạn;Đơn vị chủ trì\r\nabc;;\r\n999;;\r\n1;31/02/2021;\r\n\r\n";

	assert_int_equal(taskimport_read_csv(no_id, sizeof(no_id) - 1, &sh, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_int_equal(taskimport_read_csv(unterminated, sizeof(unterminated) - 1, &sh, &err), -1);
	assert_int_equal(taskimport_read_csv("", 0, &sh, &err), -1);
	assert_int_equal(taskimport_read_xlsx("PK\x03\x04junk", 8, &sh, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	/* ";"-separated (Excel with a Vietnamese list separator); bad id, unknown task, bad date */
	assert_int_equal(taskimport_read_csv(rows, sizeof(rows) - 1, &sh, &err), 0);
	assert_int_equal(sh.n, 3);
	assert_int_equal(taskimport_plan(&f->t, &sh, &p, &err), 0);
	assert_int_equal(p.errors, 3);
	assert_int_equal(p.n, 3);
	taskimport_plan_release(&p);
	taskimport_sheet_release(&sh);

	assert_int_equal(taskimport_parse_due("", &k, iso), 0);
	assert_int_equal(k, STORE_DUE_NONE);
	assert_int_equal(taskimport_parse_due("Thường xuyên", &k, iso), 0);
	assert_int_equal(k, STORE_DUE_RECURRING);
	assert_int_equal(taskimport_parse_due("44286", &k, iso), 0); /* Excel serial */
	assert_string_equal(iso, "2021-03-31");
	assert_int_equal(taskimport_parse_due("5/4/2021", &k, iso), 0);
	assert_string_equal(iso, "2021-04-05");
	assert_int_equal(taskimport_parse_due("31/02/2021", &k, iso), -1);
	assert_int_equal(taskimport_parse_due("soon", &k, iso), -1);
	assert_int_equal(taskimport_parse_due("1.5", &k, iso), -1);
}

static void test_xlsx_roundtrip(void **state)
{
	struct fx *f = *state;
	struct export_set set;
	struct track_query q;
	struct dd_error err;
	struct taskimport_sheet sh;
	struct taskimport_plan p;
	char path[] = "/tmp/test_report_xlsx_XXXXXX";
	int fd = mkstemp(path);
	char xpath[64];

	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	snprintf(xpath, sizeof(xpath), "%s.xlsx", path);
	memset(&q, 0, sizeof(q));
	assert_int_equal(export_collect(&f->t, &q, &set, &err), 0);
	assert_int_equal(export_xlsx(&set, xpath, &err), 0);
	export_set_release(&set);
	assert_int_equal(taskimport_read(xpath, &sh, &err), 0);
	unlink(xpath);
	assert_int_equal(sh.n, 6);
	for (int c = 0; c < EXPORT_NCOLS; c++)
		assert_true(sh.has_col[c]);
	/* dates come back as serial numbers and mean the same deadline: nothing changed */
	assert_int_equal(taskimport_plan(&f->t, &sh, &p, &err), 0);
	assert_int_equal(p.unchanged, 6);
	assert_int_equal(p.n, 0);
	taskimport_plan_release(&p);
	taskimport_sheet_release(&sh);
	/* a file that cannot be written */
	assert_int_equal(export_collect(&f->t, &q, &set, &err), 0);
	assert_int_equal(export_xlsx(&set, "/nonexistent-dir/x.xlsx", &err), -1);
	export_set_release(&set);
}

/* A workbook as Excel saves it: shared strings (with a rich-text run), cells without "r". */
static void test_xlsx_shared_strings(void **state)
{
	static const char *const names[] = {"xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"};
	struct buf parts[2], z = BUF_INIT;
	struct taskimport_sheet sh;
	struct dd_error err;
	(void)state;

	buf_init(&parts[0], 0);
	buf_init(&parts[1], 0);
	buf_addstr(&parts[0], "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
			      "<si><t>Mã</t></si><si><t>Thời hạn</t></si><si><r><t>Nội dung </t></r><r><t>nhiệm vụ</t></r></si>"
			      "<si><t xml:space=\"preserve\">Việc &amp; làm </t><rPh><t>x</t></rPh></si></sst>");
	buf_addstr(&parts[1], "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
			      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"s\"><v>1</v></c><c t=\"s\"><v>2</v></c></row>"
			      "<row r=\"2\"><c r=\"A2\"><v>7</v></c><c r=\"C2\"><v>44286</v></c><c r=\"D2\" t=\"s\"><v>3</v></c></row>"
			      "<row r=\"3\"/>"
			      "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>8</t></is></c></row>"
			      "</sheetData></worksheet>");
	assert_int_equal(docxw_zip_parts(names, parts, 2, &z, &err), 0);
	assert_int_equal(taskimport_read_xlsx(z.ptr, z.len, &sh, &err), 0);
	assert_int_equal(sh.n, 2);
	assert_string_equal(sh.rows[0].cells[EXPORT_COL_ID], "7");
	assert_string_equal(sh.rows[0].cells[EXPORT_COL_DUE], "44286");
	assert_string_equal(sh.rows[0].cells[EXPORT_COL_TEXT], "Việc & làm");
	assert_int_equal(sh.rows[1].line, 4);
	assert_string_equal(sh.rows[1].cells[EXPORT_COL_ID], "8");
	taskimport_sheet_release(&sh);
	/* a bad shared-string index is refused */
	buf_reset(&z);
	buf_reset(&parts[1]);
	buf_addstr(&parts[1], "<worksheet><sheetData><row><c t=\"s\"><v>0</v></c></row><row><c t=\"s\"><v>99</v></c></row></sheetData></worksheet>");
	assert_int_equal(docxw_zip_parts(names, parts, 2, &z, &err), 0);
	assert_int_equal(taskimport_read_xlsx(z.ptr, z.len, &sh, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	/* no worksheet */
	buf_reset(&z);
	assert_int_equal(docxw_zip_parts(names, parts, 1, &z, &err), 0);
	assert_int_equal(taskimport_read_xlsx(z.ptr, z.len, &sh, &err), -1);
	buf_release(&z);
	buf_release(&parts[0]);
	buf_release(&parts[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_monthly_build, setup, teardown),
		cmocka_unit_test_setup_teardown(test_layout_settings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_csv_ics, setup, teardown),
		cmocka_unit_test(test_ics_folding),
		cmocka_unit_test_setup_teardown(test_import_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_bad_input, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xlsx_roundtrip, setup, teardown),
		cmocka_unit_test(test_xlsx_shared_strings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
