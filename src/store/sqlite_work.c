/* sqlite_work.c - SQLite backend: progress reports, extensions, reminders and notifications */
#include "sqlite_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define MAX_NOTE (64u << 10)
#define MAX_ATTACHMENT (64u << 20)

int sq_progress_add(struct store *s, int64_t task_id, int64_t unit_id, const char *date, int percent,
		    const char *note, const char *attachment_name, const void *attachment,
		    size_t attachment_len, int64_t *id, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st;

	if (percent < 0 || percent > 100)
		return dd_error_code(err, DD_ERR_USAGE, "percent must be 0..100, not %d", percent);
	if (!note || !*note || strlen(note) > MAX_NOTE)
		return dd_error_code(err, DD_ERR_USAGE, "a progress report needs a note (at most %u bytes)",
				     MAX_NOTE);
	if (attachment_len > MAX_ATTACHMENT)
		return dd_error_code(err, DD_ERR_DATA, "attachment larger than %u MiB",
				     MAX_ATTACHMENT >> 20);
	if (sq_begin(s, err) < 0)
		return -1;
	st = sq_prep(q, "INSERT INTO progress(task_id, unit_id, date, percent, note, attachment_name,"
			" attachment, by) VALUES(?,?,?,?,?,?,?,dd_actor())", err);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, task_id);
	sq_bind_id(st, 2, unit_id);
	sqlite3_bind_text(st, 3, date, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, percent);
	sqlite3_bind_text(st, 5, note, -1, SQLITE_STATIC);
	if (attachment) {
		sqlite3_bind_text(st, 6, attachment_name ? attachment_name : "attachment", -1,
				  SQLITE_STATIC);
		sqlite3_bind_blob64(st, 7, attachment, attachment_len, SQLITE_STATIC);
	}
	if (sq_step_done(q, st, err, "cannot save progress report") < 0)
		goto fail;
	if (id)
		*id = sqlite3_last_insert_rowid(q->db);
	/* one statement, so concurrent reports cannot lose a count */
	st = sq_prep(q, "UPDATE tasks SET percent = ?, nprogress = nprogress + 1, updated_at ="
			" strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = ?", err);
	if (!st)
		goto fail;
	sqlite3_bind_int(st, 1, percent);
	sqlite3_bind_int64(st, 2, task_id);
	if (sq_step_done(q, st, err, "cannot update task") < 0)
		goto fail;
	return sq_commit(s, err);
fail:
	sq_rollback(s);
	return -1;
}

int sq_progress_list(struct store *s, int64_t task_id, struct store_progress_list *out,
		     struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = sq_prep(q, "SELECT p.id, p.task_id, p.unit_id, u.name, p.date, p.percent,"
				      " p.note, p.attachment_name, length(p.attachment), p.by,"
				      " p.created_at FROM progress p LEFT JOIN units u ON u.id = p.unit_id"
				      " WHERE p.task_id = ? ORDER BY p.id", err);
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, task_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_progress *p;
		XGROW(out->items, out->n + 1, cap);
		p = &out->items[out->n++];
		memset(p, 0, sizeof(*p));
		p->id = sqlite3_column_int64(st, 0);
		p->task_id = sqlite3_column_int64(st, 1);
		p->unit_id = sqlite3_column_int64(st, 2);
		p->unit_name = sq_col_str(st, 3);
		sq_col_date(st, 4, p->date);
		p->percent = sqlite3_column_int(st, 5);
		p->note = sq_col_str(st, 6);
		p->attachment_name = sq_col_str(st, 7);
		p->attachment_size = sqlite3_column_int64(st, 8);
		p->by = sq_col_str(st, 9);
		p->created_at = sq_col_str(st, 10);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_progress_list_release(out);
		return sq_fail(q, err, "cannot list progress reports");
	}
	return 0;
}

int sq_progress_attachment(struct store *s, int64_t progress_id, struct buf *out,
			   struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = sq_prep(q, "SELECT attachment FROM progress WHERE id = ? AND attachment"
				      " IS NOT NULL", err);
	int rc, r = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, progress_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		r = buf_add(out, sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0));
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return dd_error_code(err, DD_ERR_NOINPUT, "progress report %lld has no attachment",
				     (long long)progress_id);
	if (rc != SQLITE_ROW)
		return sq_fail(q, err, "cannot read attachment");
	if (r < 0)
		return dd_error(err, "attachment too large");
	return 0;
}

/* ---- extensions ---- */

int sq_extension_request(struct store *s, int64_t task_id, int64_t unit_id, const char *new_due,
			 const char *reason, const char *date, int64_t *id, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st;

	if (!reason || !*reason || strlen(reason) > MAX_NOTE)
		return dd_error_code(err, DD_ERR_USAGE, "an extension needs a reason");
	if (sq_begin(s, err) < 0)
		return -1;
	st = sq_prep(q, "INSERT INTO extensions(task_id, unit_id, old_due, new_due, reason,"
			" requested_date, requested_by) SELECT id, ?, due, ?, ?, ?, dd_actor() FROM tasks"
			" WHERE id = ?", err);
	if (!st)
		goto fail;
	sq_bind_id(st, 1, unit_id);
	sqlite3_bind_text(st, 2, new_due, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, date, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, task_id);
	if (sq_step_done(q, st, err, "cannot save extension request") < 0)
		goto fail;
	if (sqlite3_changes(q->db) == 0) {
		dd_error_code(err, DD_ERR_NOINPUT, "no task with id %lld", (long long)task_id);
		goto fail;
	}
	if (id)
		*id = sqlite3_last_insert_rowid(q->db);
	return sq_commit(s, err);
fail:
	sq_rollback(s);
	return -1;
}

int sq_extension_decide(struct store *s, int64_t ext_id, int approve, const char *date,
			const char *note, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st;

	if (sq_begin(s, err) < 0)
		return -1;
	st = sq_prep(q, "UPDATE extensions SET state = ?, decided_date = ?, decided_by = dd_actor(),"
			" decision_note = ? WHERE id = ? AND state = 0", err);
	if (!st)
		goto fail;
	sqlite3_bind_int(st, 1, approve ? STORE_EXT_APPROVED : STORE_EXT_REFUSED);
	sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
	sq_bind_text(st, 3, note);
	sqlite3_bind_int64(st, 4, ext_id);
	if (sq_step_done(q, st, err, "cannot decide extension") < 0)
		goto fail;
	if (sqlite3_changes(q->db) == 0) {
		dd_error_code(err, DD_ERR_DATA, "no pending extension request with id %lld",
			      (long long)ext_id);
		goto fail;
	}
	if (approve) {
		st = sq_prep(q, "UPDATE tasks SET due = e.new_due, due_kind = 1, updated_at ="
				" strftime('%Y-%m-%dT%H:%M:%SZ','now') FROM (SELECT task_id, new_due FROM"
				" extensions WHERE id = ?) e WHERE tasks.id = e.task_id", err);
		if (!st)
			goto fail;
		sqlite3_bind_int64(st, 1, ext_id);
		if (sq_step_done(q, st, err, "cannot change deadline") < 0)
			goto fail;
	}
	return sq_commit(s, err);
fail:
	sq_rollback(s);
	return -1;
}

#define EXT_COLS                                                                               \
	"id, task_id, unit_id, old_due, new_due, reason, state, requested_date, requested_by," \
	" decided_date, decided_by, decision_note"

static void read_ext(sqlite3_stmt *st, struct store_extension *e)
{
	memset(e, 0, sizeof(*e));
	e->id = sqlite3_column_int64(st, 0);
	e->task_id = sqlite3_column_int64(st, 1);
	e->unit_id = sqlite3_column_int64(st, 2);
	sq_col_date(st, 3, e->old_due);
	sq_col_date(st, 4, e->new_due);
	e->reason = sq_col_str(st, 5);
	e->state = (enum store_ext_state)sqlite3_column_int(st, 6);
	sq_col_date(st, 7, e->requested_date);
	e->requested_by = sq_col_str(st, 8);
	sq_col_date(st, 9, e->decided_date);
	e->decided_by = sq_col_str(st, 10);
	e->decision_note = sq_col_str(st, 11);
}

int sq_extension_get(struct store *s, int64_t ext_id, struct store_extension *out,
		     struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = sq_prep(q, "SELECT " EXT_COLS " FROM extensions WHERE id = ?", err);
	int rc;
	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, ext_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_ext(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return dd_error_code(err, DD_ERR_NOINPUT, "no extension request with id %lld",
				     (long long)ext_id);
	if (rc != SQLITE_ROW)
		return sq_fail(q, err, "cannot read extension");
	return 0;
}

int sq_extension_list(struct store *s, int64_t task_id, struct store_extension_list *out,
		      struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = task_id
		? sq_prep(q, "SELECT " EXT_COLS " FROM extensions WHERE task_id = ? ORDER BY id", err)
		: sq_prep(q, "SELECT " EXT_COLS " FROM extensions WHERE state = 0 AND ? = 0 ORDER BY id",
			  err);
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, task_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		XGROW(out->items, out->n + 1, cap);
		read_ext(st, &out->items[out->n++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_extension_list_release(out);
		return sq_fail(q, err, "cannot list extensions");
	}
	return 0;
}

/* ---- reminders and notifications ---- */

int sq_reminder_last(struct store *s, int64_t task_id, int64_t unit_id, const char *kind,
		     char out[STORE_DATE_LEN], struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = sq_prep(q, "SELECT max(date) FROM reminders WHERE task_id = ? AND"
				      " unit_id = ? AND kind = ?", err);
	int rc;
	out[0] = '\0';
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, task_id);
	sqlite3_bind_int64(st, 2, unit_id);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		sq_col_date(st, 0, out);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return sq_fail(q, err, "cannot read reminders");
	return out[0] != '\0';
}

int sq_reminder_add(struct store *s, int64_t task_id, int64_t unit_id, const char *kind,
		    const char *date, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = sq_prep(q, "INSERT INTO reminders(task_id, unit_id, kind, date)"
				      " VALUES(?,?,?,?)", err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, task_id);
	sqlite3_bind_int64(st, 2, unit_id);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, date, -1, SQLITE_STATIC);
	return sq_step_done(q, st, err, "cannot save reminder");
}

int sq_notification_add(struct store *s, int64_t unit_id, const char *subject, const char *body,
			const char *channel, const char *status, const char *date, int64_t *id,
			struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = sq_prep(q, "INSERT INTO notifications(unit_id, subject, body, channel,"
				      " status, date) VALUES(?,?,?,?,?,?)", err);
	if (!st)
		return -1;
	sq_bind_id(st, 1, unit_id);
	sqlite3_bind_text(st, 2, subject ? subject : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, body ? body : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, channel ? channel : "app", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, status ? status : "stored", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, date, -1, SQLITE_STATIC);
	if (sq_step_done(q, st, err, "cannot save notification") < 0)
		return -1;
	if (id)
		*id = sqlite3_last_insert_rowid(q->db);
	return 0;
}

int sq_notification_list(struct store *s, int64_t unit_id, int64_t limit,
			 struct store_notification_list *out, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = sq_prep(q, "SELECT id, unit_id, subject, body, channel, status, date,"
				      " read, created_at FROM notifications WHERE ?1 = 0 OR"
				      " unit_id = ?1 ORDER BY id DESC LIMIT ?2", err);
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, unit_id);
	sqlite3_bind_int64(st, 2, limit > 0 ? limit : 50);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_notification *x;
		XGROW(out->items, out->n + 1, cap);
		x = &out->items[out->n++];
		memset(x, 0, sizeof(*x));
		x->id = sqlite3_column_int64(st, 0);
		x->unit_id = sqlite3_column_int64(st, 1);
		x->subject = sq_col_str(st, 2);
		x->body = sq_col_str(st, 3);
		x->channel = sq_col_str(st, 4);
		x->status = sq_col_str(st, 5);
		sq_col_date(st, 6, x->date);
		x->read = sqlite3_column_int(st, 7);
		x->created_at = sq_col_str(st, 8);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_notification_list_release(out);
		return sq_fail(q, err, "cannot list notifications");
	}
	return 0;
}

int sq_notification_mark_read(struct store *s, int64_t id, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = sq_prep(q, "UPDATE notifications SET read = 1 WHERE id = ?", err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return sq_step_done(q, st, err, "cannot update notification");
}
