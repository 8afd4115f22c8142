/* monthly.c - gathering the monthly report from track/ and store/: tasks, statuses, progress, figures */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util/log.h"
#include "util/xalloc.h"
#include "vn/date.h"

#define PAGE 10000          /* store_task_list's largest page */
#define NOTE_MAX 400        /* bytes of a progress note kept in the report */

/* Append every task matching q (all pages) to out. */
static int fetch_all(struct track *t, const struct track_query *q0, struct store_task_list *out,
		     struct dd_error *err)
{
	struct track_query q = *q0;
	size_t cap = out->n;

	q.limit = PAGE;
	q.offset = 0;
	for (;;) {
		struct store_task_list page;
		if (track_tasks(t, &q, &page, err) < 0)
			return -1;
		if (page.n) {
			XGROW(out->items, out->n + page.n, cap);
			memcpy(out->items + out->n, page.items, page.n * sizeof(*page.items));
			out->n += page.n;
		}
		free(page.items); /* the contents moved to out */
		if (page.n < PAGE)
			break;
		q.offset += PAGE;
	}
	out->total = (int64_t)out->n;
	return 0;
}

/* Append every task matching the store filter f (all pages) to out. Used for tasks without
 * a due date, which no track_query selects (a primitive filter, not a status rule). */
static int fetch_store(struct store *st, const struct store_task_filter *f0,
		       struct store_task_list *out, struct dd_error *err)
{
	struct store_task_filter f = *f0;
	size_t cap = out->n;

	f.limit = PAGE;
	f.offset = 0;
	f.no_total = 1;
	for (;;) {
		struct store_task_list page;
		size_t got;
		if (store_task_list(st, &f, &page, err) < 0)
			return -1;
		got = page.n;
		if (page.n) {
			XGROW(out->items, out->n + page.n, cap);
			memcpy(out->items + out->n, page.items, page.n * sizeof(*page.items));
			out->n += page.n;
		}
		free(page.items);
		if (got < PAGE)
			break;
		f.offset += PAGE;
	}
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	const struct store_task *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Sort by id and drop duplicates (a task found by two queries). */
static void dedupe(struct store_task_list *l)
{
	size_t w = 0;

	qsort(l->items, l->n, sizeof(*l->items), cmp_id);
	for (size_t i = 0; i < l->n; i++) {
		if (w && l->items[w - 1].id == l->items[i].id) {
			store_task_release(&l->items[i]);
			continue;
		}
		l->items[w++] = l->items[i];
	}
	l->n = w;
}

/* At most two sentences and NOTE_MAX bytes (cut at a UTF-8 boundary), as a new string. */
static char *shorten(const char *s)
{
	size_t n = strlen(s), cut = n, sentences = 0;

	for (size_t i = 0; i < n; i++) {
		if ((s[i] == '.' || s[i] == '!' || s[i] == '?' || s[i] == ';') &&
		    (s[i + 1] == ' ' || s[i + 1] == '\0')) {
			if (++sentences == 2) {
				cut = i + 1;
				break;
			}
		}
	}
	if (cut > NOTE_MAX) {
		cut = NOTE_MAX;
		while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
		{
			char *r = xmalloc(cut + 4);
			memcpy(r, s, cut);
			memcpy(r + cut, "...", 4);
			return r;
		}
	}
	return xstrndup(s, cut);
}

static char *unit_of(const struct store_task *t)
{
	struct buf b = BUF_INIT;
	size_t nsup = 0;
	int lead = 0;

	for (size_t i = 0; i < t->nunits; i++)
		if (t->units[i].role == STORE_ROLE_LEAD) {
			buf_addstr(&b, t->units[i].name ? t->units[i].name : "");
			lead = 1;
			break;
		}
	for (size_t i = 0; i < t->nunits; i++) {
		if (t->units[i].role == STORE_ROLE_LEAD)
			continue;
		buf_addstr(&b, nsup++ ? ", " : (lead ? " (phối hợp: " : "Phối hợp: "));
		buf_addstr(&b, t->units[i].name ? t->units[i].name : "");
	}
	if (nsup && lead)
		buf_addch(&b, ')');
	if (!b.len && t->unit_text)
		buf_addstr(&b, t->unit_text);
	return buf_detach(&b, NULL);
}

/* Fill one item: status, unit, latest progress, approved extensions, overdue reason. */
static int fill_item(struct track *t, const struct store_task *task, struct report_item *it,
		     struct dd_error *err)
{
	struct store_progress_list pl = {0};
	struct store_extension_list el = {0};
	int ret = -1;

	memset(it, 0, sizeof(*it));
	it->task = task;
	it->status = track_status_of(task, t->today_iso);
	it->days_late = track_days_late(task, t->today_iso);
	it->unit = unit_of(task);
	it->percent = task->percent;
	if (task->nprogress > 0) {
		if (store_progress_list(t->store, task->id, &pl, err) < 0)
			goto out;
		if (pl.n) {
			const struct store_progress *p = &pl.items[pl.n - 1];
			if (p->note && *p->note)
				it->progress = shorten(p->note);
			memcpy(it->progress_date, p->date, sizeof(it->progress_date));
			it->percent = p->percent;
		}
	}
	/* extensions: only tasks whose deadline moved or that are overdue can have any worth
	 * reporting, which keeps the queries few */
	if (it->status == TRACK_OVERDUE || (task->due_orig[0] && strcmp(task->due, task->due_orig))) {
		struct buf b = BUF_INIT;
		if (store_extension_list(t->store, task->id, &el, err) < 0)
			goto out;
		for (size_t i = 0; i < el.n; i++) {
			const struct store_extension *e = &el.items[i];
			char a[16], z[16];
			if (e->state == STORE_EXT_APPROVED) {
				report_date_short(e->old_due, a, sizeof(a));
				report_date_short(e->new_due, z, sizeof(z));
				if (b.len)
					buf_addstr(&b, "; ");
				buf_printf(&b, "%s → %s", a, z);
				if (e->reason && *e->reason)
					buf_printf(&b, " (%s)", e->reason);
			}
			if (it->status == TRACK_OVERDUE && e->reason && *e->reason) {
				free(it->reason);
				it->reason = shorten(e->reason);
			}
		}
		if (b.len)
			it->extension = buf_detach(&b, NULL);
		buf_release(&b);
	}
	if (it->status == TRACK_OVERDUE && !it->reason && it->progress)
		it->reason = xstrdup(it->progress);
	ret = 0;
out:
	store_progress_list_release(&pl);
	store_extension_list_release(&el);
	return ret;
}

static void item_release(struct report_item *it)
{
	free(it->unit);
	free(it->progress);
	free(it->reason);
	free(it->extension);
}

static int cmp_doc_order(const void *a, const void *b)
{
	const struct store_task *x = *(const struct store_task *const *)a;
	const struct store_task *y = *(const struct store_task *const *)b;
	int c = strcmp(x->doc_date, y->doc_date);

	if (c)
		return c;
	if (x->doc_id != y->doc_id)
		return x->doc_id < y->doc_id ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->id < y->id ? -1 : (x->id > y->id);
}

static char *group_title(struct store *s, const struct store_task *t)
{
	struct store_doc d;
	struct dd_error e;
	struct buf b = BUF_INIT;
	char date[16];

	if (store_doc_get(s, t->doc_id, &d, &e) < 0) {
		buf_printf(&b, "Văn bản số %s", t->doc_number ? t->doc_number : "(không số)");
		return buf_detach(&b, NULL);
	}
	buf_addstr(&b, d.type_name && *d.type_name ? d.type_name : "Văn bản");
	if (d.number && *d.number)
		buf_printf(&b, " số %s", d.number);
	if (d.date[0]) {
		report_date_short(d.date, date, sizeof(date));
		buf_printf(&b, " ngày %s", date);
	}
	/* the subject usually names the issuer already ("kết luận của Ban Thường vụ ...") */
	if (d.subject && *d.subject)
		buf_printf(&b, " %s", d.subject);
	else if (d.issuer && *d.issuer)
		buf_printf(&b, " của %s", d.issuer);
	store_doc_release(&d);
	return buf_detach(&b, NULL);
}

static int build_items(struct track *t, struct store_task_list *l, struct report_item **items,
		       size_t *n, struct dd_error *err)
{
	const struct store_task **order = xcalloc(l->n ? l->n : 1, sizeof(*order));

	for (size_t i = 0; i < l->n; i++)
		order[i] = &l->items[i];
	qsort(order, l->n, sizeof(*order), cmp_doc_order);
	*items = xcalloc(l->n ? l->n : 1, sizeof(**items));
	*n = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (fill_item(t, order[i], &(*items)[i], err) < 0) {
			item_release(&(*items)[i]);
			free(order);
			return -1;
		}
		(*n)++;
	}
	free(order);
	return 0;
}

static const char *unit_name(const struct store_unit_list *ul, int64_t id)
{
	for (size_t i = 0; i < ul->n; i++)
		if (ul->items[i].id == id)
			return ul->items[i].name;
	return NULL;
}

static int cmp_unit_row(const void *a, const void *b)
{
	const struct report_unit_row *x = a, *y = b;

	if (!x->unit_id != !y->unit_id)
		return x->unit_id ? -1 : 1; /* "no unit" last */
	return strcmp(x->name, y->name);
}

int report_monthly_build(struct track *t, int year, int month, struct report_monthly *m,
			 struct dd_error *err)
{
	struct track_query q;
	struct store_task_list all = {0};
	struct track_stats_row *rows = NULL;
	size_t nrows = 0, cap = 0, caps[3] = {0, 0, 0};
	struct store_unit_list ul = {0};
	struct vn_date d;
	int64_t mine[TRACK_NSTATUS] = {0};
	struct buf name = BUF_INIT;
	char before[STORE_DATE_LEN];

	memset(m, 0, sizeof(*m));
	if (!vn_date_valid(year, month, 1))
		return dd_error_code(err, DD_ERR_USAGE, "bad month '%04d-%02d'", year, month);
	m->year = year;
	m->month = month;
	d.y = year;
	d.m = month;
	d.d = 1;
	vn_date_iso(&d, m->from);
	d.d = vn_days_in_month(year, month);
	vn_date_iso(&d, m->to);
	d.y = month == 12 ? year + 1 : year;
	d.m = month == 12 ? 1 : month + 1;
	d.d = 1;
	vn_date_iso(&d, m->next_from);
	d.d = vn_days_in_month(d.y, d.m);
	vn_date_iso(&d, m->next_to);
	memcpy(m->today, t->today_iso, sizeof(m->today));

	for (int st = 0; st < TRACK_NSTATUS; st++) {
		buf_reset(&name);
		if (track_status_name(t, (enum track_status)st, &name) < 0)
			goto fail;
		m->status_names[st] = xstrdup(buf_str(&name));
	}

	/* Only the tasks the report can mention are read, so the time depends on the month's
	 * tasks, not on the whole database: due in the month or next month, without a due date
	 * (track_stats counts those in every period), and overdue from before the month. */
	memset(&q, 0, sizeof(q));
	q.due_from = m->from;
	q.due_before = m->to;
	if (fetch_all(t, &q, &all, err) < 0)
		goto fail;
	q.due_from = m->next_from;
	q.due_before = m->next_to;
	if (fetch_all(t, &q, &all, err) < 0)
		goto fail;
	d.y = year;
	d.m = month;
	d.d = 1;
	vn_date_from_days(vn_date_to_days(&d) - 1, &d);
	vn_date_iso(&d, before);
	memset(&q, 0, sizeof(q));
	q.status = track_status_code(TRACK_OVERDUE);
	q.due_before = before;
	if (fetch_all(t, &q, &all, err) < 0)
		goto fail;
	{
		struct store_task_filter f;
		store_task_filter_init(&f);
		f.due_kind = STORE_DUE_NONE;
		if (fetch_store(t->store, &f, &all, err) < 0)
			goto fail;
		f.due_kind = STORE_DUE_RECURRING;
		if (fetch_store(t->store, &f, &all, err) < 0)
			goto fail;
	}
	dedupe(&all);
	for (size_t i = 0; i < all.n; i++) {
		struct store_task *tk = &all.items[i];
		int in = !tk->due[0] || (strcmp(tk->due, m->from) >= 0 && strcmp(tk->due, m->to) <= 0);
		struct store_task_list *dst = NULL;
		if (in)
			dst = &m->tasks;
		else if (strcmp(tk->due, m->from) < 0 && track_status_of(tk, t->today_iso) == TRACK_OVERDUE)
			dst = &m->older;
		else if (strcmp(tk->due, m->next_from) >= 0 && strcmp(tk->due, m->next_to) <= 0 &&
			 report_status_carries(track_status_of(tk, t->today_iso)))
			dst = &m->next;
		if (dst) {
			size_t *c = dst == &m->tasks ? &caps[0] : dst == &m->older ? &caps[1] : &caps[2];
			XGROW(dst->items, dst->n + 1, *c);
			dst->items[dst->n++] = *tk;
		} else {
			store_task_release(tk);
		}
	}
	free(all.items);
	all.items = NULL;
	all.n = 0;

	if (build_items(t, &m->tasks, &m->items, &m->nitems, err) < 0 ||
	    build_items(t, &m->older, &m->older_items, &m->nolder, err) < 0 ||
	    build_items(t, &m->next, &m->next_items, &m->nnext, err) < 0)
		goto fail;

	/* groups by document */
	for (size_t i = 0; i < m->nitems; i++) {
		struct report_group *g;
		if (!m->ngroups || m->groups[m->ngroups - 1].doc_id != m->items[i].task->doc_id) {
			XGROW(m->groups, m->ngroups + 1, cap);
			g = &m->groups[m->ngroups++];
			memset(g, 0, sizeof(*g));
			g->doc_id = m->items[i].task->doc_id;
			g->title = group_title(t->store, m->items[i].task);
			g->first = i;
		}
		g = &m->groups[m->ngroups - 1];
		g->n++;
		g->count[m->items[i].status]++;
		mine[m->items[i].status]++;
	}

	/* the figures, from track_stats */
	if (track_stats(t, m->from, m->to, 0, &rows, &nrows, err) < 0)
		goto fail;
	for (size_t i = 0; i < nrows; i++) {
		for (int st = 0; st < TRACK_NSTATUS; st++)
			m->total[st] += rows[i].n[st];
		m->ntotal += rows[i].total;
	}
	free(rows);
	rows = NULL;
	for (int st = 0; st < TRACK_NSTATUS; st++)
		if (mine[st] != m->total[st])
			LOG(LOG_WARN, "report: %s: %lld tasks listed but track_stats counts %lld",
			    track_status_code((enum track_status)st), (long long)mine[st],
			    (long long)m->total[st]);
	if (track_stats(t, m->from, m->to, 1, &rows, &nrows, err) < 0)
		goto fail;
	if (store_unit_list(t->store, 1, &ul, err) < 0)
		goto fail;
	m->units = xcalloc(nrows ? nrows : 1, sizeof(*m->units));
	for (size_t i = 0; i < nrows; i++) {
		struct report_unit_row *u = &m->units[m->nunits++];
		const char *nm = rows[i].unit_id ? unit_name(&ul, rows[i].unit_id) : NULL;
		u->unit_id = rows[i].unit_id;
		u->name = xstrdup(nm ? nm : (rows[i].unit_id ? "(đơn vị không còn)" : "Chưa giao đơn vị chủ trì"));
		memcpy(u->n, rows[i].n, sizeof(u->n));
		u->total = rows[i].total;
	}
	qsort(m->units, m->nunits, sizeof(*m->units), cmp_unit_row);
	free(rows);
	store_unit_list_release(&ul);
	buf_release(&name);
	return 0;
fail:
	free(rows);
	store_unit_list_release(&ul);
	store_task_list_release(&all);
	buf_release(&name);
	report_monthly_release(m);
	return -1;
}

void report_monthly_release(struct report_monthly *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nitems; i++)
		item_release(&m->items[i]);
	for (size_t i = 0; i < m->nolder; i++)
		item_release(&m->older_items[i]);
	for (size_t i = 0; i < m->nnext; i++)
		item_release(&m->next_items[i]);
	free(m->items);
	free(m->older_items);
	free(m->next_items);
	for (size_t i = 0; i < m->ngroups; i++)
		free(m->groups[i].title);
	free(m->groups);
	for (size_t i = 0; i < m->nunits; i++)
		free(m->units[i].name);
	free(m->units);
	for (int st = 0; st < TRACK_NSTATUS; st++)
		free(m->status_names[st]);
	store_task_list_release(&m->tasks);
	store_task_list_release(&m->older);
	store_task_list_release(&m->next);
	memset(m, 0, sizeof(*m));
}
