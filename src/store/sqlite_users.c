/* sqlite_users.c - SQLite backend: users and the audit log */
#include "sqlite_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define USER_COLS "id, username, display_name, role, unit_id, email, password_hash, active, created_at"

static void read_user(sqlite3_stmt *st, struct store_user *u)
{
	memset(u, 0, sizeof(*u));
	u->id = sqlite3_column_int64(st, 0);
	u->username = sq_col_str(st, 1);
	u->display_name = sq_col_str(st, 2);
	u->role = sq_col_str(st, 3);
	u->unit_id = sqlite3_column_int64(st, 4);
	u->email = sq_col_str(st, 5);
	u->password_hash = sq_col_str(st, 6);
	u->active = sqlite3_column_int(st, 7);
	u->created_at = sq_col_str(st, 8);
}

static int user_one(struct sq *q, sqlite3_stmt *st, struct store_user *out, struct dd_error *err)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_user(st, out);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_fail(q, err, "cannot read user");
	return rc == SQLITE_ROW;
}

int sq_user_find(struct store *s, const char *username, struct store_user *out, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = sq_prep(q, "SELECT " USER_COLS " FROM users WHERE username = ?", err);
	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
	return user_one(q, st, out, err);
}

int sq_user_get(struct store *s, int64_t id, struct store_user *out, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = sq_prep(q, "SELECT " USER_COLS " FROM users WHERE id = ?", err);
	int r;
	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	r = user_one(q, st, out, err);
	if (r == 0)
		return dd_error_code(err, DD_ERR_NOINPUT, "no user with id %lld", (long long)id);
	return r < 0 ? -1 : 0;
}

int sq_user_create(struct store *s, const char *username, const char *display_name,
		   const char *role, int64_t unit_id, const char *email, const char *password_hash,
		   int64_t *id, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st;

	if (!username || !*username || strlen(username) > 128)
		return dd_error_code(err, DD_ERR_USAGE, "a user needs a name (at most 128 bytes)");
	if (!role || (strcmp(role, "admin") && strcmp(role, "office") && strcmp(role, "unit") &&
		      strcmp(role, "leader")))
		return dd_error_code(err, DD_ERR_USAGE, "unknown role '%s' (admin, office, unit, leader)",
				     role ? role : "");
	if (strcmp(role, "unit") == 0 && !unit_id)
		return dd_error_code(err, DD_ERR_USAGE, "a user with role 'unit' needs a unit");
	if (sq_begin(s, err) < 0)
		return -1;
	st = sq_prep(q, "INSERT INTO users(username, display_name, role, unit_id, email, password_hash)"
			" VALUES(?,?,?,?,?,?)", err);
	if (!st)
		goto fail;
	sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
	sq_bind_text(st, 2, display_name);
	sqlite3_bind_text(st, 3, role, -1, SQLITE_STATIC);
	sq_bind_id(st, 4, unit_id);
	sq_bind_text(st, 5, email);
	sq_bind_text(st, 6, password_hash);
	if (sq_step_done(q, st, err, "cannot create user") < 0) {
		if (err && err->code == DD_ERR_DATA)
			dd_error_code(err, DD_ERR_DATA, "user '%s' already exists or unit unknown",
				      username);
		goto fail;
	}
	if (id)
		*id = sqlite3_last_insert_rowid(q->db);
	return sq_commit(s, err);
fail:
	sq_rollback(s);
	return -1;
}

static int user_update(struct store *s, const char *sql, int64_t id, const char *text, int num,
		       struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st;
	if (sq_begin(s, err) < 0)
		return -1;
	st = sq_prep(q, sql, err);
	if (!st)
		goto fail;
	if (text)
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int(st, 1, num);
	sqlite3_bind_int64(st, 2, id);
	if (sq_step_done(q, st, err, "cannot update user") < 0)
		goto fail;
	if (sqlite3_changes(q->db) == 0) {
		dd_error_code(err, DD_ERR_NOINPUT, "no user with id %lld", (long long)id);
		goto fail;
	}
	return sq_commit(s, err);
fail:
	sq_rollback(s);
	return -1;
}

int sq_user_set_password_hash(struct store *s, int64_t id, const char *hash, struct dd_error *err)
{
	if (!hash)
		return dd_error_code(err, DD_ERR_USAGE, "no password hash given");
	return user_update(s, "UPDATE users SET password_hash = ? WHERE id = ?", id, hash, 0, err);
}

int sq_user_set_active(struct store *s, int64_t id, int active, struct dd_error *err)
{
	return user_update(s, "UPDATE users SET active = ? WHERE id = ?", id, NULL, active != 0, err);
}

int sq_user_list(struct store *s, struct store_user_list *out, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = sq_prep(q, "SELECT " USER_COLS " FROM users ORDER BY username", err);
	size_t cap = 0;
	int rc;
	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		XGROW(out->items, out->n + 1, cap);
		read_user(st, &out->items[out->n++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_user_list_release(out);
		return sq_fail(q, err, "cannot list users");
	}
	return 0;
}

/* ---- audit ---- */

static json_t *col_json(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	json_error_t je;
	return s ? json_loads((const char *)s, 0, &je) : NULL;
}

static int read_audit(struct sq *q, sqlite3_stmt *st, struct store_audit_list *out,
		      struct dd_error *err)
{
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_audit *a;
		XGROW(out->items, out->n + 1, cap);
		a = &out->items[out->n++];
		memset(a, 0, sizeof(*a));
		a->id = sqlite3_column_int64(st, 0);
		a->at = sq_col_str(st, 1);
		a->who = sq_col_str(st, 2);
		a->entity = sq_col_str(st, 3);
		a->entity_id = sqlite3_column_int64(st, 4);
		a->task_id = sqlite3_column_int64(st, 5);
		a->action = sq_col_str(st, 6);
		a->before = col_json(st, 7);
		a->after = col_json(st, 8);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_audit_list_release(out);
		return sq_fail(q, err, "cannot read the audit log");
	}
	return 0;
}

#define AUDIT_COLS "id, at, who, entity, entity_id, task_id, action, before, after"

int sq_audit_task(struct store *s, int64_t task_id, struct store_audit_list *out,
		  struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = sq_prep(q, "SELECT " AUDIT_COLS " FROM audit WHERE task_id = ?1 UNION ALL"
				      " SELECT " AUDIT_COLS " FROM audit WHERE entity = 'document' AND"
				      " action = 'import' AND entity_id = (SELECT doc_id FROM tasks"
				      " WHERE id = ?1) ORDER BY id", err);
	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, task_id);
	return read_audit(q, st, out, err);
}

int sq_audit_list(struct store *s, int64_t limit, int64_t offset, struct store_audit_list *out,
		  struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = sq_prep(q, "SELECT " AUDIT_COLS " FROM audit ORDER BY id DESC LIMIT ?"
				      " OFFSET ?", err);
	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, limit > 0 ? limit : 100);
	sqlite3_bind_int64(st, 2, offset > 0 ? offset : 0);
	return read_audit(q, st, out, err);
}
