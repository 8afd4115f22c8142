/* sqlite_tasks.c - SQLite backend: listing, filtering, counting and changing tasks */
#include "sqlite_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define MAX_PARAMS 24
#define LIST_MAX 10000
/* walk index tasks_due for a page of 50 when matches^2 >= WALK_FACTOR * tasks: a walk reads
 * about 50 * tasks / matches index entries, a sort about matches keys, each several times
 * dearer than an entry read (measured on 1M tasks) */
#define WALK_FACTOR 8

struct qparams {
	struct {
		const char *s; /* text, or NULL for an integer */
		int64_t i;
	} p[MAX_PARAMS];
	int n;
};

static void ptext(struct qparams *qp, const char *s)
{
	if (qp->n == MAX_PARAMS)
		BUG("too many query parameters");
	qp->p[qp->n].s = s;
	qp->p[qp->n++].i = 0;
}

static void pint(struct qparams *qp, int64_t i)
{
	if (qp->n == MAX_PARAMS)
		BUG("too many query parameters");
	qp->p[qp->n].s = NULL;
	qp->p[qp->n++].i = i;
}

static void bind_all(sqlite3_stmt *st, const struct qparams *qp)
{
	for (int i = 0; i < qp->n; i++) {
		if (qp->p[i].s)
			sqlite3_bind_text(st, i + 1, qp->p[i].s, -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(st, i + 1, qp->p[i].i);
	}
}

enum part { ALL_TASKS, WITH_DUE, WITHOUT_DUE };

/* The WHERE clause (starting " WHERE 1") of filter f on tasks t, for all tasks or only those
 * with (without) a due date; spelling the part out lets SQLite walk index tasks_due. */
static void where_clause(const struct store_task_filter *f, enum part part, struct buf *sql,
			 struct qparams *qp)
{
	buf_addstr(sql, " WHERE 1");
	if (part == WITH_DUE)
		buf_addstr(sql, " AND t.due IS NOT NULL");
	else if (part == WITHOUT_DUE)
		buf_addstr(sql, " AND t.due IS NULL");
	if (f->doc_id) {
		buf_addstr(sql, " AND t.doc_id = ?");
		pint(qp, f->doc_id);
	}
	if (f->unit_id) {
		buf_addstr(sql, f->lead_only ? " AND t.id IN (SELECT task_id FROM task_units WHERE"
					       " unit_id = ? AND role = 'L')"
					     : " AND t.id IN (SELECT task_id FROM task_units WHERE"
					       " unit_id = ?)");
		pint(qp, f->unit_id);
	}
	if (f->state_mask & 15) {
		int first = 1;
		buf_addstr(sql, " AND t.state IN (");
		for (int i = 0; i < 4; i++) {
			if (!(f->state_mask & (1u << i)))
				continue;
			buf_printf(sql, "%s%d", first ? "" : ",", i);
			first = 0;
		}
		buf_addstr(sql, ")");
	}
	if (f->due_kind >= 0) {
		buf_addstr(sql, " AND t.due_kind = ?");
		pint(qp, f->due_kind);
	}
	if (f->not_recurring)
		buf_addstr(sql, " AND t.due_kind <> 2");
	if (f->due_before[0]) {
		buf_addstr(sql, " AND t.due < ?");
		/* (the planner then may walk tasks_due in order and stop after a page) */
		ptext(qp, f->due_before);
	}
	if (f->due_from[0]) {
		buf_addstr(sql, " AND t.due >= ?");
		ptext(qp, f->due_from);
	}
	if (f->due_to[0]) {
		buf_addstr(sql, " AND t.due <= ?");
		ptext(qp, f->due_to);
	}
	if (f->due_not_before[0] && part != WITHOUT_DUE) {
		buf_addstr(sql, part == WITH_DUE ? " AND t.due >= ?" : " AND (t.due IS NULL OR t.due >= ?)");
		ptext(qp, f->due_not_before);
	}
	if (f->due_not_after[0] && part != WITHOUT_DUE) {
		buf_addstr(sql, part == WITH_DUE ? " AND t.due <= ?" : " AND (t.due IS NULL OR t.due <= ?)");
		ptext(qp, f->due_not_after);
	}
	if (f->started == 0)
		buf_addstr(sql, " AND t.nprogress = 0");
	else if (f->started == 1)
		buf_addstr(sql, " AND t.nprogress > 0");
	if (f->done_late == 1)
		buf_addstr(sql, " AND t.done_date > t.due");
	else if (f->done_late == 0)
		buf_addstr(sql, " AND (t.due IS NULL OR t.done_date IS NULL OR t.done_date <= t.due)");
	if (f->done_from[0]) {
		buf_addstr(sql, " AND t.done_date >= ?");
		ptext(qp, f->done_from);
	}
	if (f->done_to[0]) {
		buf_addstr(sql, " AND t.done_date <= ?");
		ptext(qp, f->done_to);
	}
	if (f->topic && *f->topic) {
		buf_addstr(sql, " AND instr(',' || t.topics || ',', ',' || ? || ',') > 0");
		ptext(qp, f->topic);
	}
	if (f->top_level)
		buf_addstr(sql, " AND t.parent_id IS NULL");
}

#define TASK_COLS                                                                              \
	"t.id, t.doc_id, t.parent_id, t.ref, t.label, t.line, t.text, t.due_kind, t.due,"     \
	" t.due_orig, t.due_text, t.state, t.percent, t.nprogress, t.proposed_date,"          \
	" t.done_date, t.cancel_reason, t.topics, t.unit_text, t.suggested, d.number, d.date," \
	" t.updated_at"

static void read_task(sqlite3_stmt *st, struct store_task *t)
{
	memset(t, 0, sizeof(*t));
	t->id = sqlite3_column_int64(st, 0);
	t->doc_id = sqlite3_column_int64(st, 1);
	t->parent_id = sqlite3_column_int64(st, 2);
	t->ref = sq_col_str(st, 3);
	t->label = sq_col_str(st, 4);
	t->line = sqlite3_column_int(st, 5);
	t->text = sq_col_str(st, 6);
	t->due_kind = (enum store_deadline_kind)sqlite3_column_int(st, 7);
	sq_col_date(st, 8, t->due);
	sq_col_date(st, 9, t->due_orig);
	t->due_text = sq_col_str(st, 10);
	t->state = (enum store_task_state)sqlite3_column_int(st, 11);
	t->percent = sqlite3_column_int(st, 12);
	t->nprogress = sqlite3_column_int(st, 13);
	sq_col_date(st, 14, t->proposed_date);
	sq_col_date(st, 15, t->done_date);
	t->cancel_reason = sq_col_str(st, 16);
	t->topics = sq_col_str(st, 17);
	t->unit_text = sq_col_str(st, 18);
	t->suggested = sq_col_str(st, 19);
	t->doc_number = sq_col_str(st, 20);
	sq_col_date(st, 21, t->doc_date);
	t->updated_at = sq_col_str(st, 22);
}

static int fill_units(struct sq *q, struct store_task *t, struct dd_error *err)
{
	sqlite3_stmt *st = sq_prep(q, "SELECT tu.unit_id, u.name, tu.role FROM task_units tu JOIN"
				      " units u ON u.id = tu.unit_id WHERE tu.task_id = ?"
				      " ORDER BY tu.role, u.name", err);
	size_t cap = 0;
	int rc;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, t->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_task_unit *u;
		const unsigned char *role = sqlite3_column_text(st, 2);
		XGROW(t->units, t->nunits + 1, cap);
		u = &t->units[t->nunits++];
		u->unit_id = sqlite3_column_int64(st, 0);
		u->name = sq_col_str(st, 1);
		u->role = role && role[0] == 'L' ? STORE_ROLE_LEAD : STORE_ROLE_SUPPORT;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sq_fail(q, err, "cannot read task units");
	return 0;
}

/* Run "SELECT ... WHERE <where><cond> ORDER BY <order> LIMIT OFFSET" (or count(*) when
 * count is not NULL) and append the rows to out. */
static int run_part(struct sq *q, const struct store_task_filter *f, enum part part,
		    const char *order, int64_t limit, int64_t offset, struct store_task_list *out,
		    size_t *cap, int64_t *count, int walk, struct dd_error *err)
{
	struct buf sql, where;
	struct qparams qp = {0};
	sqlite3_stmt *st = NULL;
	int rc, ret = -1;

	buf_init(&sql, 0);
	buf_init(&where, 0);
	where_clause(f, part, &where, &qp);
	if (count)
		buf_printf(&sql, "SELECT count(*) FROM tasks t%s", buf_str(&where));
	else /* the page's ids first, from a covering index (a sort of the matches, if any, moves
	      * index keys, not rows), then only those rows; LEFT JOIN keeps tasks the outer loop */
		buf_printf(&sql, "SELECT " TASK_COLS " FROM (SELECT t.id AS pid FROM tasks t%s%s"
				 " ORDER BY %s LIMIT %lld OFFSET %lld) p JOIN tasks t ON t.id = p.pid"
				 " LEFT JOIN documents d ON d.id = t.doc_id ORDER BY %s",
			   walk && strncmp(order, "t.due,", 6) == 0 ? " INDEXED BY tasks_due" : "",
			   buf_str(&where), order, (long long)limit, (long long)offset, order);
	if (sqlite3_prepare_v2(q->db, buf_str(&sql), -1, &st, NULL) != SQLITE_OK)
		goto out;
	bind_all(st, &qp);
	if (count) {
		if (sqlite3_step(st) != SQLITE_ROW)
			goto out;
		*count = sqlite3_column_int64(st, 0);
	} else {
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			XGROW(out->items, out->n + 1, *cap);
			read_task(st, &out->items[out->n++]);
		}
		if (rc != SQLITE_DONE)
			goto out;
	}
	ret = 0;
out:
	if (ret < 0)
		sq_fail(q, err, "cannot list tasks");
	sqlite3_finalize(st);
	buf_release(&sql);
	buf_release(&where);
	return ret;
}

/* No condition at all: every task matches. */
static int unfiltered(const struct store_task_filter *f)
{
	return !f->doc_id && !f->unit_id && !(f->state_mask & 15) && f->due_kind < 0 &&
	       !f->not_recurring && !f->due_before[0] && !f->due_from[0] && !f->due_to[0] &&
	       !f->due_not_before[0] && !f->due_not_after[0] && f->started < 0 &&
	       f->done_late < 0 && !f->done_from[0] && !f->done_to[0] && !(f->topic && *f->topic) &&
	       !f->top_level;
}

/* The number of tasks, kept in meta by the import (tasks are never deleted). */
static int meta_tasks(struct sq *q, int64_t *n, struct dd_error *err)
{
	sqlite3_stmt *st = sq_prep(q, "SELECT value FROM meta WHERE key = 'tasks'", err);
	int rc;
	if (!st)
		return -1;
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_fail(q, err, "cannot count tasks");
	return 0;
}

int sq_task_list(struct store *s, const struct store_task_filter *f, struct store_task_list *out,
		 struct dd_error *err)
{
	struct sq *q = SQ(s);
	size_t cap = 0;
	int64_t limit = f->limit <= 0 ? 50 : f->limit > LIST_MAX ? LIST_MAX : f->limit;
	int64_t offset = f->offset < 0 ? 0 : f->offset, nn;
	int walk = 0;

	memset(out, 0, sizeof(*out));
	out->total = -1;
	/* The total first: it also tells how to find the page. */
	if (!f->no_total && unfiltered(f)) {
		if (meta_tasks(q, &out->total, err) < 0)
			goto fail;
	} else if (!f->no_total &&
		   run_part(q, f, ALL_TASKS, NULL, 0, 0, out, &cap, &out->total, 0, err) < 0)
		goto fail;
	/* Tasks with a deadline first, in the order of index tasks_due (due, state, due_kind,
	 * rowid), then those without one, by id. When many tasks match, walking tasks_due in
	 * order finds a page after a few index entries; when few do, SQLite's choice (a filter
	 * index, then a sort of the matches' keys) is cheaper than a walk past every task. */
	if (out->total >= 0) {
		int64_t all = 0;
		if (meta_tasks(q, &all, err) < 0)
			goto fail;
		walk = (double)out->total * (double)out->total >=
		       WALK_FACTOR * (double)all * (((double)offset + (double)limit) / 50 + 1);
	}
	if (f->due_before[0] || f->due_from[0] || f->due_to[0]) {
		if (run_part(q, f, ALL_TASKS, "t.due, t.state, t.due_kind, t.id", limit, offset, out, &cap, NULL, walk, err) < 0)
			goto fail;
	} else {
		if (run_part(q, f, WITH_DUE, "t.due, t.state, t.due_kind, t.id", limit, offset, out, &cap, NULL, walk, err) < 0)
			goto fail;
		if ((int64_t)out->n < limit) {
			int64_t off2 = 0;
			if (out->n == 0 && offset > 0) { /* the page starts among the tasks without one */
				if (run_part(q, f, WITH_DUE, NULL, 0, 0, out, &cap, &nn, 0, err) < 0)
					goto fail;
				off2 = offset > nn ? offset - nn : 0;
			}
			if (run_part(q, f, WITHOUT_DUE, "t.id", limit - (int64_t)out->n, off2, out, &cap,
				     NULL, 0, err) < 0)
				goto fail;
		}
	}
	for (size_t i = 0; i < out->n; i++)
		if (fill_units(q, &out->items[i], err) < 0)
			goto fail;
	return 0;
fail:
	store_task_list_release(out);
	return -1;
}

/* Like run_part without a limit, calling fn for each task; 1 when fn asked to stop. */
static int each_part(struct sq *q, const struct store_task_filter *f, enum part part,
		     const char *order, int64_t offset, store_task_fn fn, void *arg,
		     struct dd_error *err)
{
	struct buf sql, where;
	struct qparams qp = {0};
	sqlite3_stmt *st = NULL;
	int rc, ret = -1;

	buf_init(&sql, 0);
	buf_init(&where, 0);
	where_clause(f, part, &where, &qp);
	buf_printf(&sql, "SELECT " TASK_COLS " FROM tasks t LEFT JOIN documents d ON"
			 " d.id = t.doc_id%s ORDER BY %s LIMIT -1 OFFSET %lld",
		   buf_str(&where), order, (long long)offset);
	if (sqlite3_prepare_v2(q->db, buf_str(&sql), -1, &st, NULL) != SQLITE_OK) {
		sq_fail(q, err, "cannot list tasks");
		goto out;
	}
	bind_all(st, &qp);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_task t;
		int r;
		read_task(st, &t);
		if (fill_units(q, &t, err) < 0) {
			store_task_release(&t);
			goto out;
		}
		r = fn(&t, arg, err);
		store_task_release(&t);
		if (r < 0)
			goto out;
		if (r > 0) {
			ret = 1;
			goto out;
		}
	}
	if (rc != SQLITE_DONE) {
		sq_fail(q, err, "cannot list tasks");
		goto out;
	}
	ret = 0;
out:
	sqlite3_finalize(st);
	buf_release(&sql);
	buf_release(&where);
	return ret;
}

int sq_task_each(struct store *s, const struct store_task_filter *f, store_task_fn fn, void *arg,
		 struct dd_error *err)
{
	struct sq *q = SQ(s);
	int64_t offset = f->offset < 0 ? 0 : f->offset, nn = 0;
	struct store_task_list none = {0};
	size_t cap = 0;
	int r;

	/* the order of store_task_list, without a sort: walks index tasks_due, then the rest */
	if (f->due_before[0] || f->due_from[0] || f->due_to[0])
		r = each_part(q, f, ALL_TASKS, "t.due, t.state, t.due_kind, t.id", offset, fn, arg, err);
	else {
		if (offset > 0 && run_part(q, f, WITH_DUE, NULL, 0, 0, &none, &cap, &nn, 0, err) < 0)
			return -1;
		r = each_part(q, f, WITH_DUE, "t.due, t.state, t.due_kind, t.id", offset, fn, arg, err);
		if (r == 0)
			r = each_part(q, f, WITHOUT_DUE, "t.id", offset > nn ? offset - nn : 0, fn, arg,
				      err);
	}
	return r < 0 ? -1 : 0;
}

int sq_task_get(struct store *s, int64_t id, struct store_task *out, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = sq_prep(q, "SELECT " TASK_COLS " FROM tasks t JOIN documents d ON"
				      " d.id = t.doc_id WHERE t.id = ?", err);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_task(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return dd_error_code(err, DD_ERR_NOINPUT, "no task with id %lld", (long long)id);
	if (rc != SQLITE_ROW)
		return sq_fail(q, err, "cannot read task");
	if (fill_units(q, out, err) < 0) {
		store_task_release(out);
		return -1;
	}
	return 0;
}

/* Inside a transaction: fail with DD_ERR_NOINPUT unless the task exists. */
static int task_exists(struct sq *q, int64_t id, struct dd_error *err)
{
	sqlite3_stmt *st = sq_prep(q, "SELECT 1 FROM tasks WHERE id = ?", err);
	int rc;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return dd_error_code(err, DD_ERR_NOINPUT, "no task with id %lld", (long long)id);
	return sq_fail(q, err, "cannot read task");
}

static int touch(struct sq *q, int64_t id, struct dd_error *err)
{
	sqlite3_stmt *st = sq_prep(q, "UPDATE tasks SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ',"
				      "'now') WHERE id = ?", err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return sq_step_done(q, st, err, "cannot update task");
}

int sq_task_assign(struct store *s, int64_t task_id, int64_t lead, const int64_t *support,
		   size_t nsupport, const char *due, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st;

	if (sq_begin(s, err) < 0)
		return -1;
	if (task_exists(q, task_id, err) < 0)
		goto fail;
	if (lead) {
		st = sq_prep(q, "DELETE FROM task_units WHERE task_id = ? AND role = 'L' AND unit_id <> ?",
			     err);
		if (!st)
			goto fail;
		sqlite3_bind_int64(st, 1, task_id);
		sqlite3_bind_int64(st, 2, lead);
		if (sq_step_done(q, st, err, "cannot assign") < 0)
			goto fail;
		st = sq_prep(q, "INSERT INTO task_units(task_id, unit_id, role) VALUES(?, ?, 'L')"
				" ON CONFLICT(task_id, unit_id) DO UPDATE SET role = 'L' WHERE role <> 'L'",
			     err);
		if (!st)
			goto fail;
		sqlite3_bind_int64(st, 1, task_id);
		sqlite3_bind_int64(st, 2, lead);
		if (sq_step_done(q, st, err, "cannot assign lead unit") < 0)
			goto fail;
	}
	for (size_t i = 0; i < nsupport; i++) {
		st = sq_prep(q, "INSERT OR IGNORE INTO task_units(task_id, unit_id, role) VALUES(?, ?, 'S')",
			     err);
		if (!st)
			goto fail;
		sqlite3_bind_int64(st, 1, task_id);
		sqlite3_bind_int64(st, 2, support[i]);
		if (sq_step_done(q, st, err, "cannot assign supporting unit") < 0)
			goto fail;
	}
	if (due && *due) {
		st = sq_prep(q, "UPDATE tasks SET due = ?, due_kind = 1 WHERE id = ?", err);
		if (!st)
			goto fail;
		sqlite3_bind_text(st, 1, due, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, task_id);
		if (sq_step_done(q, st, err, "cannot set deadline") < 0)
			goto fail;
	}
	if (touch(q, task_id, err) < 0)
		goto fail;
	return sq_commit(s, err);
fail:
	sq_rollback(s);
	return -1;
}

int sq_task_unassign(struct store *s, int64_t task_id, int64_t unit_id, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st;
	if (sq_begin(s, err) < 0)
		return -1;
	st = sq_prep(q, "DELETE FROM task_units WHERE task_id = ? AND unit_id = ?", err);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, task_id);
	sqlite3_bind_int64(st, 2, unit_id);
	if (sq_step_done(q, st, err, "cannot remove unit") < 0)
		goto fail;
	if (sqlite3_changes(q->db) == 0) {
		dd_error_code(err, DD_ERR_DATA, "unit %lld is not on task %lld", (long long)unit_id,
			      (long long)task_id);
		goto fail;
	}
	return sq_commit(s, err);
fail:
	sq_rollback(s);
	return -1;
}

int sq_task_set_state(struct store *s, int64_t task_id, enum store_task_state state,
		      const char *date, const char *reason, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st;

	if (sq_begin(s, err) < 0)
		return -1;
	if (task_exists(q, task_id, err) < 0)
		goto fail;
	st = sq_prep(q, "UPDATE tasks SET state = ?1,"
			" proposed_date = CASE ?1 WHEN 0 THEN NULL WHEN 1 THEN ?2 ELSE proposed_date END,"
			" done_date = CASE ?1 WHEN 2 THEN ?2 ELSE NULL END,"
			" cancel_reason = CASE ?1 WHEN 3 THEN ?3 ELSE NULL END,"
			" updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?4", err);
	if (!st)
		goto fail;
	sqlite3_bind_int(st, 1, (int)state);
	sq_bind_text(st, 2, date);
	sq_bind_text(st, 3, reason);
	sqlite3_bind_int64(st, 4, task_id);
	if (sq_step_done(q, st, err, "cannot change task state") < 0)
		goto fail;
	return sq_commit(s, err);
fail:
	sq_rollback(s);
	return -1;
}

int sq_task_set_text(struct store *s, int64_t task_id, const char *text, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st;

	if (!text || !*text)
		return dd_error_code(err, DD_ERR_DATA, "a task needs a text");
	if (sq_begin(s, err) < 0)
		return -1;
	if (task_exists(q, task_id, err) < 0)
		goto fail;
	st = sq_prep(q, "UPDATE tasks SET text = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')"
			" WHERE id = ?", err);
	if (!st)
		goto fail;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, task_id);
	if (sq_step_done(q, st, err, "cannot change task text") < 0)
		goto fail;
	if (sq_index_task(q, task_id, text, NULL, err) < 0)
		goto fail;
	return sq_commit(s, err);
fail:
	sq_rollback(s);
	return -1;
}

int sq_task_set_due(struct store *s, int64_t task_id, enum store_deadline_kind kind, const char *due,
		    struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st;

	if (kind == STORE_DUE_BY && (!due || !*due))
		return dd_error_code(err, DD_ERR_USAGE, "a deadline needs a date");
	if (sq_begin(s, err) < 0)
		return -1;
	if (task_exists(q, task_id, err) < 0)
		goto fail;
	st = sq_prep(q, "UPDATE tasks SET due_kind = ?, due = ?, updated_at ="
			" strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?", err);
	if (!st)
		goto fail;
	sqlite3_bind_int(st, 1, (int)kind);
	sq_bind_text(st, 2, kind == STORE_DUE_BY ? due : NULL);
	sqlite3_bind_int64(st, 3, task_id);
	if (sq_step_done(q, st, err, "cannot set deadline") < 0)
		goto fail;
	return sq_commit(s, err);
fail:
	sq_rollback(s);
	return -1;
}

int sq_task_counts(struct store *s, const struct store_task_filter *f, const char *today,
		   int by_unit, struct store_count_row **rows, size_t *nrows, struct dd_error *err)
{
	struct sq *q = SQ(s);
	struct buf sql;
	struct qparams qp = {0};
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int rc, ret = -1;

	*rows = NULL;
	*nrows = 0;
	buf_init(&sql, 0);
	ptext(&qp, today);
	buf_printf(&sql, "SELECT %s, t.state, t.due_kind, coalesce(t.due < ?1, 0),"
			 " coalesce(t.done_date > t.due, 0), t.nprogress > 0, count(*) FROM tasks t%s",
		   by_unit ? "coalesce(tu.unit_id, 0)" : "0",
		   by_unit ? " LEFT JOIN task_units tu ON tu.task_id = t.id AND tu.role = 'L'" : "");
	where_clause(f, ALL_TASKS, &sql, &qp);
	buf_addstr(&sql, " GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1");
	if (sqlite3_prepare_v2(q->db, buf_str(&sql), -1, &st, NULL) != SQLITE_OK) {
		sq_fail(q, err, "cannot count tasks");
		goto out;
	}
	bind_all(st, &qp);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_count_row *r;
		XGROW(*rows, *nrows + 1, cap);
		r = &(*rows)[(*nrows)++];
		r->unit_id = sqlite3_column_int64(st, 0);
		r->state = (enum store_task_state)sqlite3_column_int(st, 1);
		r->due_kind = (enum store_deadline_kind)sqlite3_column_int(st, 2);
		r->past_due = sqlite3_column_int(st, 3);
		r->done_late = sqlite3_column_int(st, 4);
		r->started = sqlite3_column_int(st, 5);
		r->n = sqlite3_column_int64(st, 6);
	}
	if (rc != SQLITE_DONE) {
		sq_fail(q, err, "cannot count tasks");
		goto out;
	}
	ret = 0;
out:
	sqlite3_finalize(st);
	buf_release(&sql);
	if (ret < 0) {
		free(*rows);
		*rows = NULL;
		*nrows = 0;
	}
	return ret;
}
