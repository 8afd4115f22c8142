/* remind.c - which units to remind of which tasks today, as one digest per unit */
#include "track.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define TEXT_SHORT 200
#define PAGE 2000

static long days_of(const char *iso)
{
	struct vn_date d;
	if (vn_date_parse_iso(iso, &d) < 0)
		return 0;
	return vn_date_to_days(&d);
}

static void iso_of(long days, char out[STORE_DATE_LEN])
{
	struct vn_date d;
	vn_date_from_days(days, &d);
	snprintf(out, STORE_DATE_LEN, "%04d-%02d-%02d", d.y, d.m, d.d);
}

static char *shorten(const char *s)
{
	size_t n = strlen(s);
	if (n <= TEXT_SHORT)
		return xstrdup(s);
	n = TEXT_SHORT;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	char *r = xmalloc(n + 4);
	memcpy(r, s, n);
	memcpy(r + n, "…", 4);
	return r;
}

static struct track_digest *digest_for(struct track *t, struct track_digest **ds, size_t *n,
				       size_t *cap, int64_t unit_id, struct dd_error *err)
{
	struct store_unit u;
	struct track_digest *d;
	for (size_t i = 0; i < *n; i++)
		if ((*ds)[i].unit_id == unit_id)
			return &(*ds)[i];
	if (store_unit_get(t->store, unit_id, &u, err) < 0)
		return NULL;
	XGROW(*ds, *n + 1, *cap);
	d = &(*ds)[(*n)++];
	memset(d, 0, sizeof(*d));
	d->unit_id = unit_id;
	d->unit_name = u.name;
	d->email = u.email;
	u.name = u.email = NULL;
	store_unit_release(&u);
	return d;
}

/* Whether a reminder of kind for (task, unit) is due today given the last one sent. */
static int due_again(struct track *t, const struct store_task *task, int64_t unit, const char *kind,
		     const struct track_remind_opts *o, struct dd_error *err)
{
	char last[STORE_DATE_LEN];
	long today = days_of(t->today_iso);
	int r = store_reminder_last(t->store, task->id, unit, kind, last, err);
	if (r <= 0)
		return r < 0 ? -1 : 1;
	if (strcmp(kind, "before") == 0) /* once per deadline: after the window opened */
		return days_of(last) < days_of(task->due) - o->days_before;
	return today - days_of(last) >= (o->repeat_every > 0 ? o->repeat_every : 1);
}

static void compose(struct track *t, struct track_digest *d)
{
	struct buf b;
	size_t nbefore = 0, nover = 0;
	for (size_t i = 0; i < d->n; i++) {
		if (strcmp(d->items[i].kind, "overdue") == 0)
			nover++;
		else
			nbefore++;
	}
	buf_init(&b, 0);
	buf_addstr(&b, "[dondoc] Nhắc việc: ");
	if (nover)
		buf_printf(&b, "%zu nhiệm vụ quá hạn", nover);
	if (nover && nbefore)
		buf_addstr(&b, ", ");
	if (nbefore)
		buf_printf(&b, "%zu nhiệm vụ sắp đến hạn", nbefore);
	d->subject = buf_detach(&b, NULL);
	buf_init(&b, 0);
	buf_printf(&b, "Kính gửi: %s\n\nVăn phòng đề nghị quý đơn vị khẩn trương thực hiện và báo cáo "
		       "kết quả các nhiệm vụ sau (tính đến ngày %02d/%02d/%04d):\n\n",
		   d->unit_name, t->today.d, t->today.m, t->today.y);
	for (size_t i = 0; i < d->n; i++) {
		const struct track_reminder_item *it = &d->items[i];
		int y = 0, m = 0, dd = 0;
		sscanf(it->due, "%d-%d-%d", &y, &m, &dd);
		buf_printf(&b, "%zu. [Nhiệm vụ %lld%s%s] %s\n   Thời hạn: %02d/%02d/%04d - ", i + 1,
			   (long long)it->task_id, it->doc_number ? ", văn bản " : "",
			   it->doc_number ? it->doc_number : "", it->text, dd, m, y);
		if (strcmp(it->kind, "overdue") == 0)
			buf_printf(&b, "quá hạn %ld ngày\n", it->days);
		else if (it->days == 0)
			buf_addstr(&b, "đến hạn hôm nay\n");
		else
			buf_printf(&b, "còn %ld ngày\n", it->days);
	}
	buf_addstr(&b, "\nTin nhắn này do hệ thống theo dõi nhiệm vụ dondoc gửi tự động.\n");
	d->body = buf_detach(&b, NULL);
}

int track_reminders(struct track *t, const struct track_remind_opts *o, struct track_digest **out,
		    size_t *n, struct dd_error *err)
{
	struct track_remind_opts def = {3, 7};
	struct store_task_filter f;
	struct store_task_list l = {0};
	struct track_digest *ds = NULL;
	size_t nd = 0, cap = 0;
	long today = days_of(t->today_iso);

	*out = NULL;
	*n = 0;
	if (!o)
		o = &def;
	if (o->days_before < 0 || o->repeat_every < 0)
		return dd_error_code(err, DD_ERR_USAGE, "reminder days must not be negative");
	store_task_filter_init(&f);
	/* a task the unit proposed done waits for the office, not for the unit */
	f.state_mask = 1u << STORE_TASK_OPEN;
	f.due_kind = STORE_DUE_BY;
	iso_of(today + o->days_before, f.due_to);
	f.limit = PAGE;
	f.no_total = 1;
	for (;;) {
		if (store_task_list(t->store, &f, &l, err) < 0)
			goto fail;
		for (size_t i = 0; i < l.n; i++) {
			const struct store_task *task = &l.items[i];
			long left = days_of(task->due) - today;
			const char *kind = left < 0 ? "overdue" : "before";
			for (size_t k = 0; k < task->nunits; k++) {
				struct track_digest *d;
				struct track_reminder_item *it;
				int r = due_again(t, task, task->units[k].unit_id, kind, o, err);
				if (r < 0)
					goto fail;
				if (!r)
					continue;
				d = digest_for(t, &ds, &nd, &cap, task->units[k].unit_id, err);
				if (!d)
					goto fail;
				d->items = xreallocarray(d->items, d->n + 1, sizeof(*d->items));
				it = &d->items[d->n++];
				memset(it, 0, sizeof(*it));
				it->task_id = task->id;
				snprintf(it->kind, sizeof(it->kind), "%s", kind);
				snprintf(it->due, sizeof(it->due), "%s", task->due);
				it->days = left < 0 ? -left : left;
				it->text = shorten(task->text);
				it->doc_number = task->doc_number ? xstrdup(task->doc_number) : NULL;
			}
		}
		if (l.n < (size_t)PAGE)
			break;
		f.offset += PAGE;
		store_task_list_release(&l);
	}
	store_task_list_release(&l);
	for (size_t i = 0; i < nd; i++)
		compose(t, &ds[i]);
	*out = ds;
	*n = nd;
	return 0;
fail:
	store_task_list_release(&l);
	track_digests_free(ds, nd);
	return -1;
}

int track_reminders_record(struct track *t, const struct track_digest *d, const char *channel,
			   const char *status, struct dd_error *err)
{
	if (store_begin(t->store, err) < 0)
		return -1;
	for (size_t i = 0; i < d->n; i++)
		if (store_reminder_add(t->store, d->items[i].task_id, d->unit_id, d->items[i].kind,
				       t->today_iso, err) < 0)
			goto fail;
	if (store_notification_add(t->store, d->unit_id, d->subject, d->body, channel, status,
				   t->today_iso, NULL, err) < 0)
		goto fail;
	return store_commit(t->store, err);
fail:
	store_rollback(t->store);
	return -1;
}

void track_digests_free(struct track_digest *d, size_t n)
{
	if (!d)
		return;
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < d[i].n; k++) {
			free(d[i].items[k].text);
			free(d[i].items[k].doc_number);
		}
		free(d[i].items);
		free(d[i].unit_name);
		free(d[i].email);
		free(d[i].subject);
		free(d[i].body);
	}
	free(d);
}
