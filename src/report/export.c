/* export.c - task lists exported as CSV (UTF-8 with BOM) and iCalendar; the collected set */
#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "esc.h"
#include "util/xalloc.h"

const char *const export_columns[EXPORT_NCOLS] = {
	"Mã", "Văn bản", "Ngày văn bản", "Mục", "Nội dung nhiệm vụ", "Đơn vị chủ trì",
	"Đơn vị phối hợp", "Thời hạn", "Tình trạng", "Tiến độ (%)", "Ngày hoàn thành",
	"Chủ đề", "Cập nhật lúc",
};

struct collect {
	struct store_task_list *l;
	size_t cap;
};

/* Takes each task into the list (track_tasks_each releases what is left: nothing). */
static int collect_task(struct store_task *task, void *arg, struct dd_error *err)
{
	struct collect *c = arg;
	(void)err;
	XGROW(c->l->items, c->l->n + 1, c->cap);
	c->l->items[c->l->n++] = *task;
	memset(task, 0, sizeof(*task));
	return 0;
}

int export_collect(struct track *t, const struct track_query *q0, struct export_set *out,
		   struct dd_error *err)
{
	struct track_query q = *q0;
	struct buf name = BUF_INIT;
	struct collect c;

	memset(out, 0, sizeof(*out));
	memcpy(out->today, t->today_iso, sizeof(out->today));
	c.l = &out->tasks;
	c.cap = 0;
	/* one pass over the matching tasks: no pages, no count(*) per page */
	q.limit = 0;
	q.offset = 0;
	if (track_tasks_each(t, &q, collect_task, &c, err) < 0)
		goto fail;
	out->tasks.total = (int64_t)out->tasks.n;
	out->status = xcalloc(out->tasks.n + 1, sizeof(*out->status));
	for (size_t i = 0; i < out->tasks.n; i++)
		out->status[i] = track_status_of(&out->tasks.items[i], t->today_iso);
	for (int st = 0; st < TRACK_NSTATUS; st++) {
		buf_reset(&name);
		if (track_status_name(t, (enum track_status)st, &name) < 0)
			goto fail;
		out->status_names[st] = xstrdup(buf_str(&name));
	}
	buf_release(&name);
	return 0;
fail:
	buf_release(&name);
	export_set_release(out);
	return -1;
}

void export_set_release(struct export_set *s)
{
	if (!s)
		return;
	store_task_list_release(&s->tasks);
	free(s->status);
	for (int st = 0; st < TRACK_NSTATUS; st++)
		free(s->status_names[st]);
	memset(s, 0, sizeof(*s));
}

void export_lead(const struct store_task *t, struct buf *out)
{
	for (size_t i = 0; i < t->nunits; i++)
		if (t->units[i].role == STORE_ROLE_LEAD) {
			buf_addstr(out, t->units[i].name ? t->units[i].name : "");
			return;
		}
}

void export_support(const struct store_task *t, struct buf *out)
{
	size_t n = 0;

	for (size_t i = 0; i < t->nunits; i++) {
		if (t->units[i].role == STORE_ROLE_LEAD)
			continue;
		if (n++)
			buf_addstr(out, "; ");
		buf_addstr(out, t->units[i].name ? t->units[i].name : "");
	}
}

/* ---- CSV ---- */

int export_csv(const struct export_set *s, struct buf *out, struct dd_error *err)
{
	struct buf f = BUF_INIT;
	char num[32];
	int r = 0;

	r |= buf_addstr(out, "\xEF\xBB\xBF");
	for (int c = 0; c < EXPORT_NCOLS; c++) {
		if (c)
			r |= buf_addch(out, ',');
		r |= esc_csv(out, export_columns[c]);
	}
	r |= buf_addstr(out, "\r\n");
	for (size_t i = 0; i < s->tasks.n && !r; i++) {
		const struct store_task *t = &s->tasks.items[i];
		const char *due = t->due_kind == STORE_DUE_RECURRING ? EXPORT_RECURRING : t->due;

		snprintf(num, sizeof(num), "%lld", (long long)t->id);
		r |= esc_csv(out, num);
		r |= buf_addch(out, ',');
		r |= esc_csv(out, t->doc_number);
		r |= buf_addch(out, ',');
		r |= esc_csv(out, t->doc_date);
		r |= buf_addch(out, ',');
		r |= esc_csv(out, t->ref);
		r |= buf_addch(out, ',');
		r |= esc_csv(out, t->text);
		r |= buf_addch(out, ',');
		buf_reset(&f);
		export_lead(t, &f);
		r |= esc_csv(out, buf_str(&f));
		r |= buf_addch(out, ',');
		buf_reset(&f);
		export_support(t, &f);
		r |= esc_csv(out, buf_str(&f));
		r |= buf_addch(out, ',');
		r |= esc_csv(out, due);
		r |= buf_addch(out, ',');
		r |= esc_csv(out, s->status_names[s->status[i]]);
		snprintf(num, sizeof(num), ",%d,", t->percent);
		r |= buf_addstr(out, num);
		r |= esc_csv(out, t->done_date);
		r |= buf_addch(out, ',');
		r |= esc_csv(out, t->topics);
		r |= buf_addch(out, ',');
		r |= esc_csv(out, t->updated_at);
		r |= buf_addstr(out, "\r\n");
	}
	buf_release(&f);
	if (r)
		return dd_error(err, "export too large");
	return 0;
}

/* ---- iCalendar ---- */

int export_ics_line(struct buf *out, const char *line)
{
	size_t n = strlen(line), i = 0, col = 0;
	int r = 0;

	while (i < n) {
		size_t len = 1;
		unsigned char c = (unsigned char)line[i];

		if (c >= 0xF0)
			len = 4;
		else if (c >= 0xE0)
			len = 3;
		else if (c >= 0xC0)
			len = 2;
		if (i + len > n)
			len = n - i;
		/* 75 octets per line, not counting CRLF; continuation lines start with a space */
		if (col + len > 75) {
			r |= buf_addstr(out, "\r\n ");
			col = 1;
		}
		r |= buf_add(out, line + i, len);
		col += len;
		i += len;
	}
	r |= buf_addstr(out, "\r\n");
	return r ? -1 : 0;
}

int export_ics_text(struct buf *out, const char *s)
{
	int r = 0;

	for (; s && *s; s++) {
		switch (*s) {
		case '\\': r |= buf_addstr(out, "\\\\"); break;
		case ';': r |= buf_addstr(out, "\\;"); break;
		case ',': r |= buf_addstr(out, "\\,"); break;
		case '\n': r |= buf_addstr(out, "\\n"); break;
		case '\r': break;
		default:
			if ((unsigned char)*s < 0x20 && *s != '\t')
				break; /* control characters are not allowed in TEXT */
			r |= buf_addch(out, *s);
		}
	}
	return r ? -1 : 0;
}

/* Compact form of an ISO date: "2021-03-31" -> "20210331"; next day for DTEND. */
static int ics_date(const char *iso, int plus_days, char out[16])
{
	struct vn_date d;

	if (vn_date_parse_iso(iso, &d) < 0)
		return -1;
	if (plus_days)
		vn_date_from_days(vn_date_to_days(&d) + plus_days, &d);
	snprintf(out, 16, "%04d%02d%02d", d.y % 10000, d.m % 100, d.d % 100);
	return 0;
}

int export_ics(const struct export_set *s, const char *calname, const char *dtstamp,
	       struct buf *out, size_t *skipped, struct dd_error *err)
{
	struct buf line = BUF_INIT, f = BUF_INIT;
	char stamp[32], d0[16], d1[16];
	size_t nskip = 0;
	int r = 0;

	if (!dtstamp) {
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
		dtstamp = stamp;
	}
	r |= export_ics_line(out, "BEGIN:VCALENDAR");
	r |= export_ics_line(out, "VERSION:2.0");
	r |= export_ics_line(out, "PRODID:-//dondoc//dondoc " DONDOC_VERSION "//VI");
	r |= export_ics_line(out, "CALSCALE:GREGORIAN");
	r |= export_ics_line(out, "METHOD:PUBLISH");
	buf_addstr(&line, "X-WR-CALNAME:");
	export_ics_text(&line, calname ? calname : "Thời hạn nhiệm vụ");
	r |= export_ics_line(out, buf_str(&line));
	for (size_t i = 0; i < s->tasks.n && !r; i++) {
		const struct store_task *t = &s->tasks.items[i];
		const char *st = s->status_names[s->status[i]];

		if (!t->due[0] || t->due_kind == STORE_DUE_RECURRING ||
		    ics_date(t->due, 0, d0) < 0 || ics_date(t->due, 1, d1) < 0) {
			nskip++;
			continue;
		}
		r |= export_ics_line(out, "BEGIN:VEVENT");
		buf_reset(&line);
		buf_printf(&line, "UID:dondoc-task-%lld@dondoc", (long long)t->id);
		r |= export_ics_line(out, buf_str(&line));
		buf_reset(&line);
		buf_printf(&line, "DTSTAMP:%s", dtstamp);
		r |= export_ics_line(out, buf_str(&line));
		buf_reset(&line);
		buf_printf(&line, "DTSTART;VALUE=DATE:%s", d0);
		r |= export_ics_line(out, buf_str(&line));
		buf_reset(&line);
		buf_printf(&line, "DTEND;VALUE=DATE:%s", d1);
		r |= export_ics_line(out, buf_str(&line));
		buf_reset(&line);
		buf_addstr(&line, "SUMMARY:");
		buf_reset(&f);
		buf_printf(&f, "[%s] ", st);
		export_lead(t, &f);
		if (f.len && f.ptr[f.len - 1] != ' ')
			buf_addstr(&f, ": ");
		buf_addstr(&f, t->text ? t->text : "");
		export_ics_text(&line, buf_str(&f));
		r |= export_ics_line(out, buf_str(&line));
		buf_reset(&f);
		buf_printf(&f, "Văn bản: %s", t->doc_number ? t->doc_number : "");
		if (t->ref)
			buf_printf(&f, ", mục %s", t->ref);
		buf_addstr(&f, "\nĐơn vị chủ trì: ");
		export_lead(t, &f);
		buf_addstr(&f, "\nĐơn vị phối hợp: ");
		export_support(t, &f);
		buf_printf(&f, "\nTình trạng: %s (%d%%)\n\n%s", st, t->percent, t->text ? t->text : "");
		buf_reset(&line);
		buf_addstr(&line, "DESCRIPTION:");
		export_ics_text(&line, buf_str(&f));
		r |= export_ics_line(out, buf_str(&line));
		buf_reset(&line);
		buf_addstr(&line, "CATEGORIES:");
		export_ics_text(&line, st);
		r |= export_ics_line(out, buf_str(&line));
		r |= export_ics_line(out, t->state == STORE_TASK_CANCELLED ? "STATUS:CANCELLED"
									    : "STATUS:CONFIRMED");
		r |= export_ics_line(out, "TRANSP:TRANSPARENT");
		r |= export_ics_line(out, "END:VEVENT");
	}
	r |= export_ics_line(out, "END:VCALENDAR");
	buf_release(&line);
	buf_release(&f);
	if (skipped)
		*skipped = nskip;
	if (r)
		return dd_error(err, "export too large");
	return 0;
}
