/* track.c - the follow-up rules: statuses, who may do what, and the actions on tasks */
#include "track.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "vn/fold.h"

static const struct {
	const char *code;
	const char *name;     /* default Vietnamese name */
	const char *alias[3]; /* other accepted spellings */
} statuses[TRACK_NSTATUS] = {
	[TRACK_NOT_STARTED] = {"not_started", "Chưa thực hiện", {"not-started", "new", NULL}},
	[TRACK_IN_PROGRESS] = {"in_progress", "Đang thực hiện trong hạn", {"in-progress", "open", "ongoing"}},
	[TRACK_OVERDUE] = {"overdue", "Quá hạn", {"late", "Đang thực hiện quá hạn", NULL}},
	[TRACK_DONE_ON_TIME] = {"done_on_time", "Hoàn thành đúng hạn", {"done-on-time", "done", "on-time"}},
	[TRACK_DONE_LATE] = {"done_late", "Hoàn thành quá hạn", {"done-late", NULL, NULL}},
	[TRACK_RECURRING] = {"recurring", "Thường xuyên", {"ongoing-recurring", NULL, NULL}},
	[TRACK_CANCELLED] = {"cancelled", "Dừng thực hiện", {"canceled", "stopped", NULL}},
};

const char *track_status_code(enum track_status st)
{
	return (unsigned)st < TRACK_NSTATUS ? statuses[st].code : "unknown";
}

const char *track_status_default_name(enum track_status st)
{
	return (unsigned)st < TRACK_NSTATUS ? statuses[st].name : "?";
}

/* The 7 names, read from the settings once per struct track (track_task_json asks per task). */
static void load_names(struct track *t)
{
	for (int i = 0; i < TRACK_NSTATUS; i++) {
		char key[64];
		struct dd_error e = {0};
		struct buf v;
		buf_init(&v, 4096);
		snprintf(key, sizeof(key), "status.%s", statuses[i].code);
		t->status_names[i] = store_setting_get(t->store, key, &v, &e) == 1
					     ? buf_detach(&v, NULL)
					     : xstrdup(statuses[i].name);
		buf_release(&v);
	}
	t->names_loaded = 1;
}

int track_status_name(struct track *t, enum track_status st, struct buf *out)
{
	if ((unsigned)st >= TRACK_NSTATUS || !t || !t->store)
		return buf_addstr(out, track_status_default_name(st));
	if (!t->names_loaded)
		load_names(t);
	return buf_addstr(out, t->status_names[st]);
}

/* Loose comparison: folded, '-' and '_' and spaces alike. */
static int loose_eq(const char *a, const char *b)
{
	struct buf fa, fb;
	int eq;
	buf_init(&fa, 4096);
	buf_init(&fb, 4096);
	vn_fold(a, strlen(a), &fa);
	vn_fold(b, strlen(b), &fb);
	for (size_t i = 0; i < fa.len; i++)
		if (fa.ptr[i] == '-' || fa.ptr[i] == '_')
			fa.ptr[i] = ' ';
	for (size_t i = 0; i < fb.len; i++)
		if (fb.ptr[i] == '-' || fb.ptr[i] == '_')
			fb.ptr[i] = ' ';
	eq = strcmp(buf_str(&fa), buf_str(&fb)) == 0;
	buf_release(&fa);
	buf_release(&fb);
	return eq;
}

int track_status_parse(const char *s, enum track_status *out)
{
	if (!s || !*s)
		return -1;
	for (int i = 0; i < TRACK_NSTATUS; i++) {
		if (loose_eq(s, statuses[i].code) || loose_eq(s, statuses[i].name)) {
			*out = (enum track_status)i;
			return 0;
		}
		for (int k = 0; k < 3 && statuses[i].alias[k]; k++) {
			if (loose_eq(s, statuses[i].alias[k])) {
				*out = (enum track_status)i;
				return 0;
			}
		}
	}
	return -1;
}

/* The rule, in one place: recorded facts -> status. */
static enum track_status classify(enum store_task_state state, enum store_deadline_kind kind,
				  int past_due, int done_late, int started)
{
	if (state == STORE_TASK_CANCELLED)
		return TRACK_CANCELLED;
	if (state == STORE_TASK_DONE)
		return done_late ? TRACK_DONE_LATE : TRACK_DONE_ON_TIME;
	if (kind == STORE_DUE_RECURRING)
		return TRACK_RECURRING;
	if (past_due)
		return TRACK_OVERDUE;
	return started ? TRACK_IN_PROGRESS : TRACK_NOT_STARTED;
}

enum track_status track_status_of(const struct store_task *task, const char *today)
{
	int has_due = task->due[0] != '\0';
	int past_due = has_due && task->due_kind != STORE_DUE_RECURRING && strcmp(task->due, today) < 0;
	int late = has_due && task->done_date[0] && strcmp(task->done_date, task->due) > 0;
	return classify(task->state, task->due_kind, past_due, late, task->nprogress > 0);
}

void track_status_filter(enum track_status st, const char *today, struct store_task_filter *f)
{
	const unsigned open = (1u << STORE_TASK_OPEN) | (1u << STORE_TASK_PROPOSED);
	switch (st) {
	case TRACK_NOT_STARTED:
	case TRACK_IN_PROGRESS:
		f->state_mask = open;
		f->not_recurring = 1;
		snprintf(f->due_not_before, sizeof(f->due_not_before), "%s", today);
		f->started = st == TRACK_IN_PROGRESS;
		break;
	case TRACK_OVERDUE:
		f->state_mask = open;
		f->not_recurring = 1;
		snprintf(f->due_before, sizeof(f->due_before), "%s", today);
		break;
	case TRACK_DONE_ON_TIME:
	case TRACK_DONE_LATE:
		f->state_mask = 1u << STORE_TASK_DONE;
		f->done_late = st == TRACK_DONE_LATE;
		break;
	case TRACK_RECURRING:
		f->state_mask = open;
		f->due_kind = STORE_DUE_RECURRING;
		break;
	case TRACK_CANCELLED:
	default:
		f->state_mask = 1u << STORE_TASK_CANCELLED;
		break;
	}
}

static long iso_days(const char *iso)
{
	struct vn_date d;
	if (!iso || vn_date_parse_iso(iso, &d) < 0)
		return 0;
	return vn_date_to_days(&d);
}

long track_days_late(const struct store_task *task, const char *today)
{
	if (track_status_of(task, today) != TRACK_OVERDUE)
		return 0;
	return iso_days(today) - iso_days(task->due);
}

/* ---- actor ---- */

int track_init(struct track *t, struct store *s, const struct vn_date *today, const char *actor,
	       struct dd_error *err)
{
	struct store_user u;
	int r;

	memset(t, 0, sizeof(*t));
	t->store = s;
	t->today = *today;
	if (!vn_date_valid(today->y, today->m, today->d))
		return dd_error_code(err, DD_ERR_USAGE, "invalid date for today");
	snprintf(t->today_iso, sizeof(t->today_iso), "%04d-%02d-%02d", today->y, today->m, today->d);
	t->actor = xstrdup(actor && *actor ? actor : "office");
	r = store_user_find(s, t->actor, &u, err);
	if (r < 0) {
		track_release(t);
		return -1;
	}
	if (r == 1) {
		if (!u.active) {
			store_user_release(&u);
			dd_error_code(err, DD_ERR_USAGE, "user '%s' is disabled", t->actor);
			track_release(t);
			return -1;
		}
		t->role = xstrdup(u.role);
		t->actor_unit = u.unit_id;
		store_user_release(&u);
	} else {
		t->role = xstrdup("office");
	}
	store_set_actor(s, t->actor);
	return 0;
}

void track_release(struct track *t)
{
	if (!t)
		return;
	free(t->actor);
	free(t->role);
	t->actor = t->role = NULL;
	for (int i = 0; i < TRACK_NSTATUS; i++) {
		free(t->status_names[i]);
		t->status_names[i] = NULL;
	}
	t->names_loaded = 0;
}

static int is_office(const struct track *t)
{
	return strcmp(t->role, "office") == 0 || strcmp(t->role, "admin") == 0;
}

static int need_office(const struct track *t, const char *what, struct dd_error *err)
{
	if (is_office(t))
		return 0;
	return dd_error_code(err, DD_ERR_DENIED, "user '%s' (%s) may not %s: the office does that",
			     t->actor, t->role, what);
}

static int on_task(const struct store_task *task, int64_t unit)
{
	for (size_t i = 0; i < task->nunits; i++)
		if (task->units[i].unit_id == unit)
			return 1;
	return 0;
}

static int64_t lead_of(const struct store_task *task)
{
	for (size_t i = 0; i < task->nunits; i++)
		if (task->units[i].role == STORE_ROLE_LEAD)
			return task->units[i].unit_id;
	return 0;
}

/* A unit user may act only for its own unit, on tasks its unit is on. */
static int check_unit_actor(const struct track *t, const struct store_task *task, int64_t *unit,
			    const char *what, struct dd_error *err)
{
	if (strcmp(t->role, "leader") == 0)
		return dd_error_code(err, DD_ERR_DENIED, "user '%s' (leader) may not %s", t->actor, what);
	if (strcmp(t->role, "unit") == 0) {
		if (*unit && *unit != t->actor_unit)
			return dd_error_code(err, DD_ERR_DENIED, "user '%s' may only %s for their own unit",
					     t->actor, what);
		*unit = t->actor_unit;
		if (!on_task(task, *unit))
			return dd_error_code(err, DD_ERR_DENIED, "task %lld is not assigned to the unit of "
					     "user '%s'", (long long)task->id, t->actor);
	}
	return 0;
}

static int check_date(const char *s, const char *what, struct dd_error *err)
{
	struct vn_date d;
	if (!s || vn_date_parse_iso(s, &d) < 0)
		return dd_error_code(err, DD_ERR_USAGE, "bad %s '%s' (want YYYY-MM-DD)", what,
				     s ? s : "");
	return 0;
}

static int check_open(const struct store_task *task, const char *what, struct dd_error *err)
{
	if (task->state == STORE_TASK_DONE)
		return dd_error_code(err, DD_ERR_DATA, "cannot %s task %lld: it is done", what,
				     (long long)task->id);
	if (task->state == STORE_TASK_CANCELLED)
		return dd_error_code(err, DD_ERR_DATA, "cannot %s task %lld: it is cancelled", what,
				     (long long)task->id);
	return 0;
}

/* ---- queries ---- */

/* The store filter of query q on t->today. */
static int query_filter(struct track *t, const struct track_query *q, struct store_task_filter *fp,
			struct dd_error *err)
{
	struct store_task_filter f;
	enum track_status st = TRACK_NOT_STARTED;

	store_task_filter_init(&f);
	if (q->unit && *q->unit) {
		int r = store_unit_find(t->store, q->unit, 1, &f.unit_id, err);
		if (r < 0)
			return -1;
		if (r == 0)
			return dd_error_code(err, DD_ERR_USAGE, "unknown unit '%s'", q->unit);
		f.lead_only = q->lead_only;
	}
	if (q->status && *q->status) {
		if (track_status_parse(q->status, &st) < 0)
			return dd_error_code(err, DD_ERR_USAGE, "unknown status '%s'", q->status);
		track_status_filter(st, t->today_iso, &f);
	}
	if (q->overdue) {
		if (q->status && *q->status && st != TRACK_OVERDUE)
			return dd_error_code(err, DD_ERR_USAGE, "--overdue contradicts the status asked");
		track_status_filter(TRACK_OVERDUE, t->today_iso, &f);
	}
	if (q->due_before && *q->due_before) {
		if (check_date(q->due_before, "date", err) < 0)
			return -1;
		snprintf(f.due_to, sizeof(f.due_to), "%s", q->due_before);
	}
	if (q->due_from && *q->due_from) {
		if (check_date(q->due_from, "date", err) < 0)
			return -1;
		snprintf(f.due_from, sizeof(f.due_from), "%s", q->due_from);
	}
	f.doc_id = q->doc_id;
	f.topic = q->topic;
	f.limit = q->limit;
	f.offset = q->offset;
	*fp = f;
	return 0;
}

int track_tasks(struct track *t, const struct track_query *q, struct store_task_list *out,
		struct dd_error *err)
{
	struct store_task_filter f;

	memset(out, 0, sizeof(*out));
	if (query_filter(t, q, &f, err) < 0)
		return -1;
	return store_task_list(t->store, &f, out, err);
}

int track_tasks_each(struct track *t, const struct track_query *q, store_task_fn fn, void *arg,
		     struct dd_error *err)
{
	struct store_task_filter f;

	if (query_filter(t, q, &f, err) < 0)
		return -1;
	return store_task_each(t->store, &f, fn, arg, err);
}

int track_stats(struct track *t, const char *due_from, const char *due_to, int by_unit,
		struct track_stats_row **rows, size_t *nrows, struct dd_error *err)
{
	struct store_task_filter f;
	struct store_count_row *cr = NULL;
	size_t ncr = 0, cap = 0;

	*rows = NULL;
	*nrows = 0;
	store_task_filter_init(&f);
	if (due_from && *due_from) {
		if (check_date(due_from, "date", err) < 0)
			return -1;
		snprintf(f.due_not_before, sizeof(f.due_not_before), "%s", due_from);
	}
	if (due_to && *due_to) {
		if (check_date(due_to, "date", err) < 0)
			return -1;
		snprintf(f.due_not_after, sizeof(f.due_not_after), "%s", due_to);
	}
	if (store_task_counts(t->store, &f, t->today_iso, by_unit, &cr, &ncr, err) < 0)
		return -1;
	for (size_t i = 0; i < ncr; i++) {
		struct track_stats_row *r = NULL;
		enum track_status st;
		for (size_t k = 0; k < *nrows; k++)
			if ((*rows)[k].unit_id == cr[i].unit_id)
				r = &(*rows)[k];
		if (!r) {
			XGROW(*rows, *nrows + 1, cap);
			r = &(*rows)[(*nrows)++];
			memset(r, 0, sizeof(*r));
			r->unit_id = cr[i].unit_id;
		}
		st = classify(cr[i].state, cr[i].due_kind, cr[i].past_due, cr[i].done_late,
			      cr[i].started);
		r->n[st] += cr[i].n;
		r->total += cr[i].n;
	}
	free(cr);
	return 0;
}

/* ---- actions ---- */

int track_assign(struct track *t, int64_t task_id, int64_t lead, const int64_t *support,
		 size_t nsupport, const char *due, struct dd_error *err)
{
	struct store_task task;
	int rc = -1;

	if (need_office(t, "assign tasks", err) < 0)
		return -1;
	if (due && *due && check_date(due, "deadline", err) < 0)
		return -1;
	if (!lead && !nsupport && !(due && *due))
		return dd_error_code(err, DD_ERR_USAGE, "nothing to assign: give a lead unit, a "
				     "supporting unit or a deadline");
	if (store_task_get(t->store, task_id, &task, err) < 0)
		return -1;
	if (check_open(&task, "assign", err) < 0)
		goto out;
	for (size_t i = 0; i < nsupport; i++) {
		if (support[i] == lead) {
			dd_error_code(err, DD_ERR_USAGE, "unit %lld cannot both lead and support",
				      (long long)lead);
			goto out;
		}
	}
	rc = store_task_assign(t->store, task_id, lead, support, nsupport, due, err);
out:
	store_task_release(&task);
	return rc;
}

int track_progress(struct track *t, int64_t task_id, int64_t unit_id, int percent, const char *note,
		   const char *attachment_name, const void *attachment, size_t attachment_len,
		   int64_t *progress_id, struct dd_error *err)
{
	struct store_task task;
	int rc = -1;

	if (percent < 0 || percent > 100)
		return dd_error_code(err, DD_ERR_USAGE, "percent must be between 0 and 100");
	if (!note || !*note)
		return dd_error_code(err, DD_ERR_USAGE, "a progress report needs a note");
	if (store_task_get(t->store, task_id, &task, err) < 0)
		return -1;
	if (check_open(&task, "report progress on", err) < 0 ||
	    check_unit_actor(t, &task, &unit_id, "report progress", err) < 0)
		goto out;
	if (!unit_id)
		unit_id = lead_of(&task);
	else if (!on_task(&task, unit_id)) {
		dd_error_code(err, DD_ERR_USAGE, "unit %lld is not assigned to task %lld",
			      (long long)unit_id, (long long)task_id);
		goto out;
	}
	rc = store_progress_add(t->store, task_id, unit_id, t->today_iso, percent, note,
				attachment_name, attachment, attachment_len, progress_id, err);
out:
	store_task_release(&task);
	return rc;
}

int track_done(struct track *t, int64_t task_id, enum track_done_mode mode, int *confirmed,
	       struct dd_error *err)
{
	struct store_task task;
	int64_t unit = 0;
	int rc = -1;

	if (confirmed)
		*confirmed = 0;
	if (store_task_get(t->store, task_id, &task, err) < 0)
		return -1;
	if (check_open(&task, "mark done", err) < 0)
		goto out;
	if (mode == TRACK_DONE_AUTO)
		mode = is_office(t) ? TRACK_DONE_CONFIRM : TRACK_DONE_PROPOSE;
	if (mode == TRACK_DONE_CONFIRM) {
		if (need_office(t, "confirm that a task is done", err) < 0)
			goto out;
		rc = store_task_set_state(t->store, task_id, STORE_TASK_DONE, t->today_iso, NULL, err);
		if (rc == 0 && confirmed)
			*confirmed = 1;
	} else {
		if (check_unit_actor(t, &task, &unit, "propose a task done", err) < 0)
			goto out;
		if (task.state == STORE_TASK_PROPOSED) {
			dd_error_code(err, DD_ERR_DATA, "task %lld is already proposed done on %s",
				      (long long)task_id, task.proposed_date);
			goto out;
		}
		rc = store_task_set_state(t->store, task_id, STORE_TASK_PROPOSED, t->today_iso, NULL,
					  err);
	}
out:
	store_task_release(&task);
	return rc;
}

int track_reject_done(struct track *t, int64_t task_id, const char *note, struct dd_error *err)
{
	struct store_task task;
	int rc = -1;

	(void)note;
	if (need_office(t, "refuse a done proposal", err) < 0)
		return -1;
	if (store_task_get(t->store, task_id, &task, err) < 0)
		return -1;
	if (task.state != STORE_TASK_PROPOSED)
		dd_error_code(err, DD_ERR_DATA, "task %lld was not proposed done", (long long)task_id);
	else
		rc = store_task_set_state(t->store, task_id, STORE_TASK_OPEN, NULL, NULL, err);
	store_task_release(&task);
	return rc;
}

int track_extend_request(struct track *t, int64_t task_id, int64_t unit_id, const char *new_due,
			 const char *reason, int64_t *ext_id, struct dd_error *err)
{
	struct store_task task;
	int rc = -1;

	if (check_date(new_due, "deadline", err) < 0)
		return -1;
	if (!reason || !*reason)
		return dd_error_code(err, DD_ERR_USAGE, "an extension needs a reason");
	if (store_task_get(t->store, task_id, &task, err) < 0)
		return -1;
	if (check_open(&task, "extend", err) < 0 ||
	    check_unit_actor(t, &task, &unit_id, "ask for an extension", err) < 0)
		goto out;
	if (task.due[0] && strcmp(new_due, task.due) <= 0) {
		dd_error_code(err, DD_ERR_USAGE, "the new deadline %s is not after the current one %s",
			      new_due, task.due);
		goto out;
	}
	if (strcmp(new_due, t->today_iso) < 0) {
		dd_error_code(err, DD_ERR_USAGE, "the new deadline %s is in the past", new_due);
		goto out;
	}
	rc = store_extension_request(t->store, task_id, unit_id, new_due, reason, t->today_iso,
				     ext_id, err);
out:
	store_task_release(&task);
	return rc;
}

int track_extend_decide(struct track *t, int64_t ext_id, int approve, const char *note,
			struct dd_error *err)
{
	struct store_extension e;
	int rc;

	if (need_office(t, approve ? "approve extensions" : "refuse extensions", err) < 0)
		return -1;
	if (store_extension_get(t->store, ext_id, &e, err) < 0)
		return -1;
	if (e.state != STORE_EXT_PENDING) {
		dd_error_code(err, DD_ERR_DATA, "extension request %lld was already %s",
			      (long long)ext_id, e.state == STORE_EXT_APPROVED ? "approved" : "refused");
		store_extension_release(&e);
		return -1;
	}
	store_extension_release(&e);
	rc = store_extension_decide(t->store, ext_id, approve, t->today_iso, note, err);
	return rc;
}

int track_cancel(struct track *t, int64_t task_id, const char *reason, struct dd_error *err)
{
	struct store_task task;
	int rc = -1;

	if (need_office(t, "cancel tasks", err) < 0)
		return -1;
	if (!reason || !*reason)
		return dd_error_code(err, DD_ERR_USAGE, "cancelling a task needs a reason");
	if (store_task_get(t->store, task_id, &task, err) < 0)
		return -1;
	if (task.state == STORE_TASK_CANCELLED)
		dd_error_code(err, DD_ERR_DATA, "task %lld is already cancelled", (long long)task_id);
	else
		rc = store_task_set_state(t->store, task_id, STORE_TASK_CANCELLED, t->today_iso, reason,
					  err);
	store_task_release(&task);
	return rc;
}
