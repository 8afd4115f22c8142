/* stats.c - statistics for any period: counts per official status and on-time rate, per unit and per topic */
#include "stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "report.h"
#include "util/xalloc.h"
#include "vn/date.h"

#define PAGE 10000

static const enum track_status ORDER[] = {TRACK_DONE_ON_TIME, TRACK_DONE_LATE, TRACK_IN_PROGRESS,
					  TRACK_NOT_STARTED,  TRACK_OVERDUE,   TRACK_RECURRING,
					  TRACK_CANCELLED};
#define NORDER 7

static void row_release(struct stats_row *r)
{
	free(r->key);
	free(r->name);
}

void stats_release(struct stats *s)
{
	if (!s)
		return;
	row_release(&s->total);
	for (size_t i = 0; i < s->nunits; i++)
		row_release(&s->units[i]);
	for (size_t i = 0; i < s->ntopics; i++)
		row_release(&s->topics[i]);
	free(s->units);
	free(s->topics);
	for (int i = 0; i < TRACK_NSTATUS; i++)
		free(s->status_names[i]);
	memset(s, 0, sizeof(*s));
}

static int check_date(const char *s, const char *what, struct dd_error *err)
{
	struct vn_date d;
	if (s && *s && vn_date_parse_iso(s, &d) < 0)
		return dd_error_code(err, DD_ERR_USAGE, "bad %s date '%s' (expected YYYY-MM-DD)", what, s);
	return 0;
}

static int cmp_row(const void *a, const void *b)
{
	const struct stats_row *x = a, *y = b;
	int xa = strcmp(x->key, "-") == 0, ya = strcmp(y->key, "-") == 0;

	if (xa != ya)
		return xa - ya; /* "no unit" / "no topic" last */
	return strcmp(x->name, y->name);
}

static struct stats_row *topic_row(struct stats *s, size_t *cap, const char *key, size_t klen)
{
	for (size_t i = 0; i < s->ntopics; i++)
		if (strlen(s->topics[i].key) == klen && memcmp(s->topics[i].key, key, klen) == 0)
			return &s->topics[i];
	XGROW(s->topics, s->ntopics + 1, *cap);
	memset(&s->topics[s->ntopics], 0, sizeof(s->topics[0]));
	s->topics[s->ntopics].key = xstrndup(key, klen);
	s->topics[s->ntopics].name =
		xstrdup(klen == 1 && key[0] == '-' ? "(chưa phân loại)" : s->topics[s->ntopics].key);
	return &s->topics[s->ntopics++];
}

int stats_compute(struct track *t, const char *from, const char *to, struct stats *out,
		  struct dd_error *err)
{
	struct track_stats_row *rows = NULL;
	size_t nrows = 0, tcap = 0;
	struct store_unit_list ul = {0};
	struct track_query q;
	struct buf name = BUF_INIT;

	memset(out, 0, sizeof(*out));
	if (check_date(from, "start", err) < 0 || check_date(to, "end", err) < 0)
		return -1;
	if (from && *from && to && *to && strcmp(from, to) > 0)
		return dd_error_code(err, DD_ERR_USAGE, "the period ends (%s) before it starts (%s)", to, from);
	snprintf(out->from, sizeof(out->from), "%s", from ? from : "");
	snprintf(out->to, sizeof(out->to), "%s", to ? to : "");
	memcpy(out->today, t->today_iso, sizeof(out->today));
	for (int st = 0; st < TRACK_NSTATUS; st++) {
		buf_reset(&name);
		if (track_status_name(t, (enum track_status)st, &name) < 0)
			goto fail;
		out->status_names[st] = xstrdup(buf_str(&name));
	}
	out->total.key = xstrdup("total");
	out->total.name = xstrdup("Tổng cộng");

	/* overall and per lead unit: track_stats */
	if (track_stats(t, from, to, 0, &rows, &nrows, err) < 0)
		goto fail;
	for (size_t i = 0; i < nrows; i++) {
		for (int st = 0; st < TRACK_NSTATUS; st++)
			out->total.n[st] += rows[i].n[st];
		out->total.total += rows[i].total;
	}
	free(rows);
	rows = NULL;
	if (track_stats(t, from, to, 1, &rows, &nrows, err) < 0)
		goto fail;
	if (store_unit_list(t->store, 1, &ul, err) < 0)
		goto fail;
	out->units = xcalloc(nrows + 1, sizeof(*out->units));
	for (size_t i = 0; i < nrows; i++) {
		struct stats_row *r = &out->units[out->nunits++];
		const struct store_unit *u = NULL;
		for (size_t k = 0; k < ul.n; k++)
			if (ul.items[k].id == rows[i].unit_id)
				u = &ul.items[k];
		r->unit_id = rows[i].unit_id;
		if (u) {
			r->key = u->short_name && *u->short_name ? xstrdup(u->short_name)
								  : xasprintf("%lld", (long long)u->id);
			r->name = xstrdup(u->name);
		} else {
			r->key = xstrdup("-");
			r->name = xstrdup(rows[i].unit_id ? "(đơn vị không còn)" : "(chưa giao đơn vị chủ trì)");
		}
		memcpy(r->n, rows[i].n, sizeof(r->n));
		r->total = rows[i].total;
	}
	qsort(out->units, out->nunits, sizeof(*out->units), cmp_row);
	free(rows);
	rows = NULL;
	store_unit_list_release(&ul);

	/* per topic: the same task set, status by track_status_of */
	memset(&q, 0, sizeof(q));
	q.limit = PAGE;
	for (;;) {
		struct store_task_list page;
		if (track_tasks(t, &q, &page, err) < 0)
			goto fail;
		for (size_t i = 0; i < page.n; i++) {
			const struct store_task *tk = &page.items[i];
			enum track_status st;
			const char *p;
			if (tk->due[0] && ((from && *from && strcmp(tk->due, from) < 0) ||
					   (to && *to && strcmp(tk->due, to) > 0)))
				continue;
			st = track_status_of(tk, t->today_iso);
			p = tk->topics && *tk->topics ? tk->topics : "-";
			while (*p) {
				size_t l = strcspn(p, ",");
				size_t a = 0, z = l;
				while (a < z && p[a] == ' ')
					a++;
				while (z > a && p[z - 1] == ' ')
					z--;
				if (z > a) {
					struct stats_row *r = topic_row(out, &tcap, p + a, z - a);
					r->n[st]++;
					r->total++;
				}
				p += l;
				if (*p)
					p++;
			}
		}
		{
			size_t got = page.n;
			store_task_list_release(&page);
			if (got < PAGE)
				break;
		}
		q.offset += PAGE;
	}
	qsort(out->topics, out->ntopics, sizeof(*out->topics), cmp_row);
	buf_release(&name);
	return 0;
fail:
	free(rows);
	store_unit_list_release(&ul);
	buf_release(&name);
	stats_release(out);
	return -1;
}

static json_t *row_json(const struct stats *s, const struct stats_row *r)
{
	json_t *o = json_object(), *c = json_object();
	double rate = report_on_time_rate(r->n);

	json_object_set_new(o, "key", json_string(r->key ? r->key : ""));
	json_object_set_new(o, "name", json_string(r->name ? r->name : ""));
	if (r->unit_id)
		json_object_set_new(o, "unit_id", json_integer(r->unit_id));
	json_object_set_new(o, "total", json_integer(r->total));
	json_object_set_new(o, "on_time_rate", rate < 0 ? json_null() : json_real((double)(long)(rate * 10 + 0.5) / 10));
	for (int i = 0; i < TRACK_NSTATUS; i++)
		json_object_set_new(c, track_status_code((enum track_status)i), json_integer(r->n[i]));
	json_object_set_new(o, "counts", c);
	(void)s;
	return o;
}

json_t *stats_json(const struct stats *s)
{
	json_t *o = json_object(), *a;

	json_object_set_new(o, "from", s->from[0] ? json_string(s->from) : json_null());
	json_object_set_new(o, "to", s->to[0] ? json_string(s->to) : json_null());
	json_object_set_new(o, "today", json_string(s->today));
	a = json_array();
	for (int i = 0; i < TRACK_NSTATUS; i++) {
		json_t *st = json_object();
		json_object_set_new(st, "code", json_string(track_status_code((enum track_status)i)));
		json_object_set_new(st, "name", json_string(s->status_names[i] ? s->status_names[i] : ""));
		json_array_append_new(a, st);
	}
	json_object_set_new(o, "statuses", a);
	json_object_set_new(o, "total", row_json(s, &s->total));
	a = json_array();
	for (size_t i = 0; i < s->nunits; i++)
		json_array_append_new(a, row_json(s, &s->units[i]));
	json_object_set_new(o, "units", a);
	a = json_array();
	for (size_t i = 0; i < s->ntopics; i++)
		json_array_append_new(a, row_json(s, &s->topics[i]));
	json_object_set_new(o, "topics", a);
	return o;
}

/* Display width of UTF-8 text (one column per code point; Vietnamese has no wide chars). */
static size_t width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

static void pad(struct buf *b, const char *s, size_t w, int right)
{
	size_t sw = width(s);
	if (right)
		for (size_t i = sw; i < w; i++)
			buf_addch(b, ' ');
	buf_addstr(b, s);
	if (!right)
		for (size_t i = sw; i < w; i++)
			buf_addch(b, ' ');
}

static void text_rows(const struct stats *s, struct buf *b, const char *title,
		      const struct stats_row *rows, size_t n, int with_total)
{
	const size_t namew = 34;
	char num[32];

	buf_printf(b, "%s\n", title);
	pad(b, "", namew, 0);
	buf_addstr(b, "  Tổng");
	for (int i = 0; i < NORDER; i++)
		buf_printf(b, "   S%d", i + 1);
	buf_addstr(b, "  Đúng hạn\n");
	for (size_t k = 0; k < n + (with_total ? 1 : 0); k++) {
		const struct stats_row *r = k < n ? &rows[k] : &s->total;
		char name[160];
		size_t cut = 0, w = 0;
		/* cut long names to the column, at a character boundary */
		while (r->name[cut] && w < namew) {
			cut++;
			while (((unsigned char)r->name[cut] & 0xC0) == 0x80)
				cut++;
			w++;
		}
		snprintf(name, sizeof(name), "%.*s", (int)cut, r->name);
		pad(b, name, namew, 0);
		snprintf(num, sizeof(num), "%lld", (long long)r->total);
		buf_addstr(b, "  ");
		pad(b, num, 4, 1);
		for (int i = 0; i < NORDER; i++) {
			snprintf(num, sizeof(num), "%lld", (long long)r->n[ORDER[i]]);
			buf_addstr(b, "  ");
			pad(b, num, 3, 1);
		}
		report_rate_text(r->n, num, sizeof(num));
		buf_addstr(b, "  ");
		pad(b, num, 8, 1);
		buf_addch(b, '\n');
	}
	buf_addch(b, '\n');
}

int stats_text(const struct stats *s, struct buf *out)
{
	buf_printf(out, "Thống kê nhiệm vụ có thời hạn từ %s đến %s (và nhiệm vụ không có thời hạn), tính đến %s\n",
		   s->from[0] ? s->from : "(đầu)", s->to[0] ? s->to : "(cuối)", s->today);
	for (int i = 0; i < NORDER; i++)
		buf_printf(out, "  S%d = %s\n", i + 1, s->status_names[ORDER[i]]);
	buf_addch(out, '\n');
	text_rows(s, out, "Theo đơn vị chủ trì:", s->units, s->nunits, 1);
	text_rows(s, out, "Theo chủ đề (một nhiệm vụ có thể thuộc nhiều chủ đề):", s->topics, s->ntopics, 0);
	return 0;
}

static int bars(struct buf *out, const char *title, const struct stats *s,
		const struct stats_row *rows, size_t n)
{
	const char *names[NORDER], *colors[NORDER];
	struct chart_bar *b = xcalloc(n + 1, sizeof(*b));
	int64_t *vals = xcalloc((n + 1) * NORDER, sizeof(*vals));
	int r;

	for (int i = 0; i < NORDER; i++) {
		names[i] = s->status_names[ORDER[i]];
		colors[i] = chart_status_color(ORDER[i]);
	}
	for (size_t k = 0; k < n; k++) {
		for (int i = 0; i < NORDER; i++)
			vals[k * NORDER + (size_t)i] = rows[k].n[ORDER[i]];
		b[k].label = rows[k].name;
		b[k].values = vals + k * NORDER;
	}
	r = chart_stacked_bars(out, title, names, colors, NORDER, b, n, 0);
	free(b);
	free(vals);
	return r;
}

int stats_svg(const struct stats *s, struct buf *out)
{
	int r = 0;

	r |= chart_status_donut(out, "Nhiệm vụ theo tình trạng", (const char *const *)s->status_names,
				s->total.n);
	r |= bars(out, "Theo đơn vị chủ trì", s, s->units, s->nunits);
	r |= bars(out, "Theo chủ đề", s, s->topics, s->ntopics);
	return r ? -1 : 0;
}
