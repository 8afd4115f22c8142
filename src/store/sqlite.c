/* sqlite.c - the SQLite backend: connection, schema and migrations, transactions, settings, backup */
#include "sqlite_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/log.h"
#include "util/xalloc.h"
#include "vn/fold.h"

#define TS_NOW "strftime('%Y-%m-%dT%H:%M:%SZ','now')"

/* Migration i brings the schema from version i to i+1. Never edit one that shipped: add one. */
static const char *const migrations[] = {
	/* 0 -> 1: the initial schema */
	"CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"

	"CREATE TABLE units("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" short_name TEXT,"
	" kind TEXT,"
	" parent_id INTEGER REFERENCES units(id),"
	" active INTEGER NOT NULL DEFAULT 1,"
	" merged_into INTEGER REFERENCES units(id),"
	" email TEXT,"
	" created_at TEXT NOT NULL DEFAULT (" TS_NOW "));"
	/* every name a unit is known by, with its folded key for loose matching */
	"CREATE TABLE unit_names("
	" key TEXT NOT NULL,"
	" unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,"
	" name TEXT NOT NULL,"
	" is_alias INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY(key, unit_id)) WITHOUT ROWID;"
	"CREATE INDEX unit_names_unit ON unit_names(unit_id);"

	"CREATE TABLE documents("
	" id INTEGER PRIMARY KEY,"
	" hash TEXT NOT NULL UNIQUE,"
	" file_name TEXT, format TEXT, type_code TEXT, type_name TEXT, number TEXT,"
	" issuer TEXT, subject TEXT, date TEXT, period_from TEXT, period_to TEXT,"
	" size INTEGER NOT NULL,"
	" ntasks INTEGER NOT NULL DEFAULT 0,"
	" imported_at TEXT NOT NULL DEFAULT (" TS_NOW "),"
	" imported_by TEXT NOT NULL,"
	" extract TEXT NOT NULL);"
	"CREATE INDEX documents_date ON documents(date);"
	"CREATE TABLE document_files("
	" doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,"
	" bytes BLOB NOT NULL);"

	"CREATE TABLE tasks("
	" id INTEGER PRIMARY KEY,"
	" doc_id INTEGER NOT NULL REFERENCES documents(id),"
	" parent_id INTEGER REFERENCES tasks(id),"
	" ref TEXT, label TEXT, line INTEGER,"
	" text TEXT NOT NULL,"
	" due_kind INTEGER NOT NULL DEFAULT 0 CHECK(due_kind IN (0,1,2)),"
	" due TEXT, due_orig TEXT, due_text TEXT,"
	" state INTEGER NOT NULL DEFAULT 0 CHECK(state IN (0,1,2,3)),"
	" percent INTEGER NOT NULL DEFAULT 0 CHECK(percent BETWEEN 0 AND 100),"
	" nprogress INTEGER NOT NULL DEFAULT 0,"
	" proposed_date TEXT, done_date TEXT, cancel_reason TEXT,"
	" topics TEXT, unit_text TEXT, suggested TEXT,"
	" updated_at TEXT NOT NULL DEFAULT (" TS_NOW "));"
	"CREATE INDEX tasks_doc ON tasks(doc_id);"
	/* covers the status counts: state IN (..) AND due < ? AND due_kind <> 2 AND nprogress ... */
	"CREATE INDEX tasks_state_due ON tasks(state, due, due_kind, nprogress, done_date);"
	/* walked in order for the first page of a listing (ORDER BY due, state, due_kind, id) */
	"CREATE INDEX tasks_due ON tasks(due, state, due_kind);"
	"CREATE INDEX tasks_parent ON tasks(parent_id) WHERE parent_id IS NOT NULL;"
	"CREATE TABLE task_units("
	" task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,"
	" unit_id INTEGER NOT NULL REFERENCES units(id),"
	" role TEXT NOT NULL CHECK(role IN ('L','S')),"
	" PRIMARY KEY(task_id, unit_id)) WITHOUT ROWID;"
	"CREATE INDEX task_units_unit ON task_units(unit_id, role, task_id);"

	"CREATE TABLE progress("
	" id INTEGER PRIMARY KEY,"
	" task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,"
	" unit_id INTEGER REFERENCES units(id),"
	" date TEXT NOT NULL,"
	" percent INTEGER NOT NULL CHECK(percent BETWEEN 0 AND 100),"
	" note TEXT NOT NULL,"
	" attachment_name TEXT, attachment BLOB,"
	" by TEXT NOT NULL,"
	" created_at TEXT NOT NULL DEFAULT (" TS_NOW "));"
	"CREATE INDEX progress_task ON progress(task_id);"

	"CREATE TABLE extensions("
	" id INTEGER PRIMARY KEY,"
	" task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,"
	" unit_id INTEGER REFERENCES units(id),"
	" old_due TEXT, new_due TEXT NOT NULL,"
	" reason TEXT NOT NULL,"
	" state INTEGER NOT NULL DEFAULT 0 CHECK(state IN (0,1,2)),"
	" requested_date TEXT NOT NULL, requested_by TEXT NOT NULL,"
	" decided_date TEXT, decided_by TEXT, decision_note TEXT);"
	"CREATE INDEX extensions_task ON extensions(task_id);"
	"CREATE INDEX extensions_pending ON extensions(state) WHERE state = 0;"

	"CREATE TABLE reminders("
	" id INTEGER PRIMARY KEY,"
	" task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,"
	" unit_id INTEGER NOT NULL REFERENCES units(id),"
	" kind TEXT NOT NULL, date TEXT NOT NULL);"
	"CREATE INDEX reminders_key ON reminders(task_id, unit_id, kind, date);"

	"CREATE TABLE notifications("
	" id INTEGER PRIMARY KEY,"
	" unit_id INTEGER REFERENCES units(id),"
	" subject TEXT NOT NULL, body TEXT NOT NULL,"
	" channel TEXT NOT NULL, status TEXT NOT NULL, date TEXT NOT NULL,"
	" read INTEGER NOT NULL DEFAULT 0,"
	" created_at TEXT NOT NULL DEFAULT (" TS_NOW "));"
	"CREATE INDEX notifications_unit ON notifications(unit_id, id);"

	"CREATE TABLE users("
	" id INTEGER PRIMARY KEY,"
	" username TEXT NOT NULL UNIQUE,"
	" display_name TEXT,"
	" role TEXT NOT NULL CHECK(role IN ('admin','office','unit','leader')),"
	" unit_id INTEGER REFERENCES units(id),"
	" email TEXT,"
	" password_hash TEXT,"
	" active INTEGER NOT NULL DEFAULT 1,"
	" created_at TEXT NOT NULL DEFAULT (" TS_NOW "));"

	/* append-only: who, when, what, before -> after */
	"CREATE TABLE audit("
	" id INTEGER PRIMARY KEY,"
	" at TEXT NOT NULL DEFAULT (" TS_NOW "),"
	" who TEXT NOT NULL,"
	" entity TEXT NOT NULL, entity_id INTEGER, task_id INTEGER,"
	" action TEXT NOT NULL,"
	" before TEXT, after TEXT);"
	"CREATE INDEX audit_task ON audit(task_id) WHERE task_id IS NOT NULL;"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"

	/* every write is audited by triggers; dd_actor() is the connection's actor */
	"CREATE TRIGGER tasks_au AFTER UPDATE ON tasks BEGIN"
	" INSERT INTO audit(who, entity, entity_id, task_id, action, before, after)"
	" SELECT dd_actor(), 'task', NEW.id, NEW.id, 'update', json_group_object(k, o),"
	"        json_group_object(k, n) FROM ("
	"  SELECT 'text' k, OLD.text o, NEW.text n WHERE OLD.text IS NOT NEW.text"
	"  UNION ALL SELECT 'due', OLD.due, NEW.due WHERE OLD.due IS NOT NEW.due"
	"  UNION ALL SELECT 'due_kind', OLD.due_kind, NEW.due_kind WHERE OLD.due_kind IS NOT NEW.due_kind"
	"  UNION ALL SELECT 'state', OLD.state, NEW.state WHERE OLD.state IS NOT NEW.state"
	"  UNION ALL SELECT 'percent', OLD.percent, NEW.percent WHERE OLD.percent IS NOT NEW.percent"
	"  UNION ALL SELECT 'proposed_date', OLD.proposed_date, NEW.proposed_date"
	"   WHERE OLD.proposed_date IS NOT NEW.proposed_date"
	"  UNION ALL SELECT 'done_date', OLD.done_date, NEW.done_date WHERE OLD.done_date IS NOT NEW.done_date"
	"  UNION ALL SELECT 'cancel_reason', OLD.cancel_reason, NEW.cancel_reason"
	"   WHERE OLD.cancel_reason IS NOT NEW.cancel_reason"
	"  UNION ALL SELECT 'parent_id', OLD.parent_id, NEW.parent_id WHERE OLD.parent_id IS NOT NEW.parent_id"
	"  UNION ALL SELECT 'topics', OLD.topics, NEW.topics WHERE OLD.topics IS NOT NEW.topics"
	" ) HAVING count(*) > 0; END;"
	"CREATE TRIGGER task_units_ai AFTER INSERT ON task_units BEGIN"
	" INSERT INTO audit(who, entity, entity_id, task_id, action, after) VALUES(dd_actor(), 'task',"
	"  NEW.task_id, NEW.task_id, 'assign', json_object('unit_id', NEW.unit_id, 'unit',"
	"  (SELECT name FROM units WHERE id = NEW.unit_id), 'role', NEW.role)); END;"
	"CREATE TRIGGER task_units_au AFTER UPDATE ON task_units BEGIN"
	" INSERT INTO audit(who, entity, entity_id, task_id, action, before, after) VALUES(dd_actor(),"
	"  'task', NEW.task_id, NEW.task_id, 'assign',"
	"  json_object('unit_id', OLD.unit_id, 'unit', (SELECT name FROM units WHERE id = OLD.unit_id),"
	"   'role', OLD.role),"
	"  json_object('unit_id', NEW.unit_id, 'unit', (SELECT name FROM units WHERE id = NEW.unit_id),"
	"   'role', NEW.role)); END;"
	"CREATE TRIGGER task_units_ad AFTER DELETE ON task_units BEGIN"
	" INSERT INTO audit(who, entity, entity_id, task_id, action, before) VALUES(dd_actor(), 'task',"
	"  OLD.task_id, OLD.task_id, 'unassign', json_object('unit_id', OLD.unit_id, 'unit',"
	"  (SELECT name FROM units WHERE id = OLD.unit_id), 'role', OLD.role)); END;"
	"CREATE TRIGGER progress_ai AFTER INSERT ON progress BEGIN"
	" INSERT INTO audit(who, entity, entity_id, task_id, action, after) VALUES(dd_actor(),"
	"  'progress', NEW.id, NEW.task_id, 'progress', json_object('unit',"
	"  (SELECT name FROM units WHERE id = NEW.unit_id), 'date', NEW.date, 'percent', NEW.percent,"
	"  'note', NEW.note, 'attachment', NEW.attachment_name)); END;"
	"CREATE TRIGGER extensions_ai AFTER INSERT ON extensions BEGIN"
	" INSERT INTO audit(who, entity, entity_id, task_id, action, after) VALUES(dd_actor(),"
	"  'extension', NEW.id, NEW.task_id, 'extension-request', json_object('old_due', NEW.old_due,"
	"  'new_due', NEW.new_due, 'reason', NEW.reason, 'date', NEW.requested_date)); END;"
	"CREATE TRIGGER extensions_au AFTER UPDATE ON extensions BEGIN"
	" INSERT INTO audit(who, entity, entity_id, task_id, action, before, after) VALUES(dd_actor(),"
	"  'extension', NEW.id, NEW.task_id,"
	"  CASE NEW.state WHEN 1 THEN 'extension-approve' WHEN 2 THEN 'extension-refuse'"
	"   ELSE 'extension-update' END,"
	"  json_object('state', OLD.state), json_object('state', NEW.state, 'new_due', NEW.new_due,"
	"  'date', NEW.decided_date, 'note', NEW.decision_note)); END;"
	"CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN"
	" INSERT INTO audit(who, entity, entity_id, action, after) VALUES(dd_actor(), 'document',"
	"  NEW.id, 'import', json_object('file', NEW.file_name, 'hash', NEW.hash, 'number',"
	"  NEW.number)); END;"
	"CREATE TRIGGER units_ai AFTER INSERT ON units BEGIN"
	" INSERT INTO audit(who, entity, entity_id, action, after) VALUES(dd_actor(), 'unit', NEW.id,"
	"  'create', json_object('name', NEW.name, 'short_name', NEW.short_name, 'parent_id',"
	"  NEW.parent_id)); END;"
	"CREATE TRIGGER units_au AFTER UPDATE ON units BEGIN"
	" INSERT INTO audit(who, entity, entity_id, action, before, after) VALUES(dd_actor(), 'unit',"
	"  NEW.id, 'update', json_object('name', OLD.name, 'active', OLD.active, 'merged_into',"
	"  OLD.merged_into, 'email', OLD.email), json_object('name', NEW.name, 'active', NEW.active,"
	"  'merged_into', NEW.merged_into, 'email', NEW.email)); END;"
	"CREATE TRIGGER unit_names_ai AFTER INSERT ON unit_names WHEN NEW.is_alias BEGIN"
	" INSERT INTO audit(who, entity, entity_id, action, after) VALUES(dd_actor(), 'unit',"
	"  NEW.unit_id, 'alias', json_object('alias', NEW.name)); END;"
	"CREATE TRIGGER users_ai AFTER INSERT ON users BEGIN"
	" INSERT INTO audit(who, entity, entity_id, action, after) VALUES(dd_actor(), 'user', NEW.id,"
	"  'create', json_object('username', NEW.username, 'role', NEW.role, 'unit_id', NEW.unit_id));"
	" END;"
	"CREATE TRIGGER users_au AFTER UPDATE ON users BEGIN"
	" INSERT INTO audit(who, entity, entity_id, action, before, after) VALUES(dd_actor(), 'user',"
	"  NEW.id, 'update', json_object('role', OLD.role, 'active', OLD.active, 'password',"
	"  CASE WHEN OLD.password_hash IS NOT NEW.password_hash THEN 'changed' END),"
	"  json_object('role', NEW.role, 'active', NEW.active)); END;"
	"CREATE TRIGGER settings_ai AFTER INSERT ON settings BEGIN"
	" INSERT INTO audit(who, entity, action, after) VALUES(dd_actor(), 'setting', 'set',"
	"  json_object(NEW.key, NEW.value)); END;"
	"CREATE TRIGGER settings_au AFTER UPDATE ON settings BEGIN"
	" INSERT INTO audit(who, entity, action, before, after) VALUES(dd_actor(), 'setting', 'set',"
	"  json_object(OLD.key, OLD.value), json_object(NEW.key, NEW.value)); END;"
	"CREATE TRIGGER settings_ad AFTER DELETE ON settings BEGIN"
	" INSERT INTO audit(who, entity, action, before) VALUES(dd_actor(), 'setting', 'delete',"
	"  json_object(OLD.key, OLD.value)); END;"

	/* full-text index of folded text (vn_fold): rowid 2*task_id, 2*doc_id+1 */
	"CREATE VIRTUAL TABLE fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');",

	/* 1 -> 2: the units a document names are assigned at import without one audit row each
	 * (the document's import row covers them; dd_importing() is 1 inside an import), and a
	 * meta table keeps the task count so an unfiltered listing needs no count(*) */
	"DROP TRIGGER task_units_ai;"
	"CREATE TRIGGER task_units_ai AFTER INSERT ON task_units WHEN NOT dd_importing() BEGIN"
	" INSERT INTO audit(who, entity, entity_id, task_id, action, after) VALUES(dd_actor(), 'task',"
	"  NEW.task_id, NEW.task_id, 'assign', json_object('unit_id', NEW.unit_id, 'unit',"
	"  (SELECT name FROM units WHERE id = NEW.unit_id), 'role', NEW.role)); END;"
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;"
	"INSERT INTO meta(key, value) SELECT 'tasks', count(*) FROM tasks;",

	/* 2 -> 3: databases made before migration 1 gained its covering indexes still have
	 * tasks_state_due(state, due) and tasks_due(due), so every status filter read the table
	 * row of each match; rebuild both as migration 1 now makes them (seconds on 1M tasks) */
	"DROP INDEX IF EXISTS tasks_state_due;"
	"DROP INDEX IF EXISTS tasks_due;"
	"CREATE INDEX tasks_state_due ON tasks(state, due, due_kind, nprogress, done_date);"
	"CREATE INDEX tasks_due ON tasks(due, state, due_kind);",

	/* 3 -> 4: the search index also holds each pair of adjacent words (tokenizer ddfold,
	 * sqlite_fts.c), so a phrase of two common words reads one short doclist; reindexing
	 * takes about a minute on 1M tasks, once. automerge 16 (default 4): an import writes
	 * one small segment per document, and merging 16 at a time rewrites each entry half as
	 * often (11% fewer store instructions per document; queries read a few more segments) */
	"CREATE VIRTUAL TABLE fts_pairs USING fts5(body, tokenize = 'ddfold');"
	"INSERT INTO fts_pairs(fts_pairs, rank) VALUES('automerge', 16);"
	"INSERT INTO fts_pairs(rowid, body) SELECT rowid, body FROM fts;"
	"INSERT INTO fts_pairs(fts_pairs) VALUES('optimize');"
	"DROP TABLE fts;"
	"ALTER TABLE fts_pairs RENAME TO fts;",
};

#define NMIGRATIONS (sizeof(migrations) / sizeof(migrations[0]))

int sq_fail(struct sq *q, struct dd_error *err, const char *what)
{
	int rc = sqlite3_extended_errcode(q->db);
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return dd_error_code(err, DD_ERR_DATA, "%s: %s", what, sqlite3_errmsg(q->db));
	return dd_error(err, "%s: %s", what, sqlite3_errmsg(q->db));
}

sqlite3_stmt *sq_prep(struct sq *q, const char *sql, struct dd_error *err)
{
	sqlite3_stmt *st = NULL;

	for (size_t i = 0; i < q->ncache; i++) {
		if (q->cache[i].sql == sql) {
			st = q->cache[i].st;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	if (sqlite3_prepare_v3(q->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		sq_fail(q, err, "cannot prepare a database query");
		LOG(LOG_DEBUG, "failed sql: %s", sql);
		return NULL;
	}
	if (q->ncache == SQ_CACHE_MAX)
		BUG("statement cache full: raise SQ_CACHE_MAX");
	q->cache[q->ncache].sql = sql;
	q->cache[q->ncache].st = st;
	q->ncache++;
	return st;
}

int sq_exec(struct sq *q, const char *sql, struct dd_error *err)
{
	char *msg = NULL;
	if (sqlite3_exec(q->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int rc = sqlite3_extended_errcode(q->db);
		dd_error_code(err, (rc & 0xff) == SQLITE_CONSTRAINT ? DD_ERR_DATA : DD_ERR_RUNTIME,
			      "database: %s", msg ? msg : sqlite3_errmsg(q->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int sq_step_done(struct sq *q, sqlite3_stmt *st, struct dd_error *err, const char *what)
{
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		sq_fail(q, err, what);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

void sq_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (!s || !*s)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

void sq_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id <= 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, id);
}

char *sq_col_str(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? xstrdup((const char *)s) : NULL;
}

void sq_col_date(sqlite3_stmt *st, int i, char out[STORE_DATE_LEN])
{
	const unsigned char *s = sqlite3_column_text(st, i);
	snprintf(out, STORE_DATE_LEN, "%s", s ? (const char *)s : "");
}

int sq_fold(const char *s, struct buf *out)
{
	if (!s)
		return 0;
	return vn_fold(s, strlen(s), out);
}

/* dd_actor(): who the connection writes as, for the audit triggers. */
static void fn_actor(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	struct sq *q = sqlite3_user_data(c);
	(void)argc;
	(void)argv;
	sqlite3_result_text(c, q->base.actor ? q->base.actor : "system", -1, SQLITE_TRANSIENT);
}

/* dd_importing(): 1 while store_import_extract writes a document (see migration 2). */
static void fn_importing(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	struct sq *q = sqlite3_user_data(c);
	(void)argc;
	(void)argv;
	sqlite3_result_int(c, q->importing);
}

static int migrate(struct sq *q, struct dd_error *err)
{
	int version = sq_schema_version(&q->base);

	if (version >= (int)NMIGRATIONS) {
		if (version > (int)NMIGRATIONS)
			return dd_error(err, "database schema version %d is newer than this dondoc (%d)",
					version, (int)NMIGRATIONS);
		return 0;
	}
	if (sq_begin(&q->base, err) < 0)
		return -1;
	/* another process may have migrated while we waited for the lock */
	version = sq_schema_version(&q->base);
	for (size_t i = (size_t)(version < 0 ? 0 : version); i < NMIGRATIONS; i++) {
		char pragma[64];
		LOG(LOG_INFO, "database: migrating schema to version %zu", i + 1);
		if (sq_exec(q, migrations[i], err) < 0)
			goto fail;
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %zu", i + 1);
		if (sq_exec(q, pragma, err) < 0)
			goto fail;
	}
	if (version == 0 && sq_seed_units(q, err) < 0)
		goto fail;
	return sq_commit(&q->base, err);
fail:
	sq_rollback(&q->base);
	return -1;
}

static const struct store_ops sqlite_ops = {
	.name = "sqlite",
	.close = sq_close,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.schema_version = sq_schema_version,
	.data_version = sq_data_version,
	.check = sq_check,
	.backup = sq_backup,
	.setting_get = sq_setting_get,
	.setting_set = sq_setting_set,
	.import_extract = sq_import_extract,
	.doc_find_hash = sq_doc_find_hash,
	.doc_get = sq_doc_get,
	.doc_bytes = sq_doc_bytes,
	.doc_list = sq_doc_list,
	.unit_find = sq_unit_find,
	.unit_get = sq_unit_get,
	.unit_list = sq_unit_list,
	.unit_add = sq_unit_add,
	.unit_add_alias = sq_unit_add_alias,
	.unit_set_email = sq_unit_set_email,
	.unit_merge = sq_unit_merge,
	.task_list = sq_task_list,
	.task_each = sq_task_each,
	.task_get = sq_task_get,
	.task_assign = sq_task_assign,
	.task_unassign = sq_task_unassign,
	.task_set_state = sq_task_set_state,
	.task_set_text = sq_task_set_text,
	.task_set_due = sq_task_set_due,
	.task_counts = sq_task_counts,
	.progress_add = sq_progress_add,
	.progress_list = sq_progress_list,
	.progress_attachment = sq_progress_attachment,
	.extension_request = sq_extension_request,
	.extension_decide = sq_extension_decide,
	.extension_get = sq_extension_get,
	.extension_list = sq_extension_list,
	.reminder_last = sq_reminder_last,
	.reminder_add = sq_reminder_add,
	.notification_add = sq_notification_add,
	.notification_list = sq_notification_list,
	.notification_mark_read = sq_notification_mark_read,
	.user_find = sq_user_find,
	.user_get = sq_user_get,
	.user_create = sq_user_create,
	.user_set_password_hash = sq_user_set_password_hash,
	.user_set_active = sq_user_set_active,
	.user_list = sq_user_list,
	.audit_task = sq_audit_task,
	.audit_list = sq_audit_list,
	.search = sq_search,
};

struct store *sqlite_store_open(const char *path, const char *data_dir, struct dd_error *err)
{
	struct sq *q = xcalloc(1, sizeof(*q));
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;

	q->base.ops = &sqlite_ops;
	q->base.actor = xstrdup("system");
	q->data_dir = data_dir ? xstrdup(data_dir) : NULL;
	if (sqlite3_open_v2(path, &q->db, flags, NULL) != SQLITE_OK) {
		dd_error_code(err, DD_ERR_NOINPUT, "cannot open database '%s': %s", path,
			      q->db ? sqlite3_errmsg(q->db) : "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(q->db, 1);
	sqlite3_busy_timeout(q->db, 15000);
	if (sqlite3_create_function(q->db, "dd_actor", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, q,
				    fn_actor, NULL, NULL) != SQLITE_OK) {
		sq_fail(q, err, "cannot set up the database");
		goto fail;
	}
	if (sqlite3_create_function(q->db, "dd_importing", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, q,
				    fn_importing, NULL, NULL) != SQLITE_OK) {
		sq_fail(q, err, "cannot set up the database");
		goto fail;
	}
	if (sq_register_fts(q, err) < 0 || sq_register_rank(q, err) < 0)
		goto fail;
	if (sq_exec(q, "PRAGMA foreign_keys = ON", err) < 0)
		goto fail;
	if (strcmp(path, ":memory:") != 0) {
		sqlite3_stmt *st = NULL;
		const unsigned char *mode;
		if (sqlite3_prepare_v2(q->db, "PRAGMA journal_mode = WAL", -1, &st, NULL) != SQLITE_OK ||
		    sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_finalize(st);
			dd_error(err, "cannot open database '%s': %s", path, sqlite3_errmsg(q->db));
			goto fail;
		}
		mode = sqlite3_column_text(st, 0);
		if (!mode || strcmp((const char *)mode, "wal") != 0)
			LOG(LOG_WARN, "database '%s': journal mode is %s, not wal", path,
			    mode ? (const char *)mode : "?");
		sqlite3_finalize(st);
	}
	/* no mmap: most commands are one short process, and mapping the file made each one pay
	 * for page-table set-up on every page it touched (search p99 9-17 ms with a 1 GiB map,
	 * 9-11 ms without, on 1M tasks); SQLite's own page cache serves the long-lived server */
	if (sq_exec(q, "PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;"
		       "PRAGMA cache_size = -32000; PRAGMA wal_autocheckpoint = 4000", err) < 0)
		goto fail;
	if (migrate(q, err) < 0) {
		dd_error_prefix(err, "database '%s'", path);
		goto fail;
	}
	return &q->base;
fail:
	store_close(&q->base);
	return NULL;
}

void sq_close(struct store *s)
{
	struct sq *q = SQ(s);
	for (size_t i = 0; i < q->ncache; i++)
		sqlite3_finalize(q->cache[i].st);
	for (size_t k = 0; k < SQ_MULTI_KINDS; k++)
		for (size_t i = 0; i <= SQ_MULTI_ROWS; i++)
			sqlite3_finalize(q->multi[k][i]);
	if (q->db && sqlite3_close(q->db) != SQLITE_OK)
		LOG(LOG_WARN, "database: close: %s", sqlite3_errmsg(q->db));
	sq_names_clear(q);
	free(q->data_dir);
	free(q->base.actor);
	free(q);
}

/* Forget the state of a transaction that ended without a commit. */
static void sq_rollback_reset(struct sq *q)
{
	q->depth = 0;
	q->staged = 0;
	q->lost = 0;
	q->stage_table = 0; /* perhaps created inside it (IF NOT EXISTS when made again) */
	sq_names_clear(q);
}

int sq_begin(struct store *s, struct dd_error *err)
{
	struct sq *q = SQ(s);
	if (q->lost)
		return dd_error(err, "database: the transaction was rolled back after an earlier error");
	if (q->depth == 0 && sq_exec(q, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	q->depth++;
	return 0;
}

int sq_commit(struct store *s, struct dd_error *err)
{
	struct sq *q = SQ(s);
	if (q->depth == 0)
		return dd_error(err, "database: commit without a transaction");
	if (--q->depth > 0)
		return 0;
	if (q->lost) {
		sq_rollback_reset(q);
		return dd_error(err, "database: the transaction was rolled back after an earlier error");
	}
	if ((q->staged && sq_stage_flush(q, err) < 0) || sq_exec(q, "COMMIT", err) < 0) {
		if (sqlite3_get_autocommit(q->db) == 0)
			sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
		sq_rollback_reset(q);
		return -1;
	}
	q->staged = 0;
	sq_names_clear(q);
	q->commits++;
	return 0;
}

int sq_data_version(struct store *s, int64_t *out, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = sq_prep(q, "PRAGMA data_version", err);
	int rc;

	*out = 0;
	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return sq_fail(q, err, "cannot read the data version");
	/* data_version moves on commits of other connections, commits on ours */
	*out += q->commits;
	return 0;
}

void sq_rollback(struct store *s)
{
	struct sq *q = SQ(s);
	if (q->depth == 0)
		return;
	sq_rollback_reset(q);
	if (sqlite3_get_autocommit(q->db) == 0)
		sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
}

int sq_schema_version(struct store *s)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = NULL;
	int v = -1;
	if (sqlite3_prepare_v2(q->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

int sq_check(struct store *s, struct buf *report, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(q->db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		return sq_fail(q, err, "integrity check");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(st, 0);
		if (line && strcmp(line, "ok") != 0)
			buf_printf(report, "integrity: %s\n", line);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sq_fail(q, err, "integrity check");
	if (sqlite3_prepare_v2(q->db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
		return sq_fail(q, err, "foreign key check");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		buf_printf(report, "foreign key: table '%s' row %lld refers to a missing row of '%s'\n",
			   (const char *)sqlite3_column_text(st, 0),
			   (long long)sqlite3_column_int64(st, 1),
			   (const char *)sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sq_fail(q, err, "foreign key check");
	if (sqlite3_prepare_v2(q->db, "INSERT INTO fts(fts) VALUES('integrity-check')", -1, &st,
			       NULL) != SQLITE_OK)
		return sq_fail(q, err, "search index check");
	if (sqlite3_step(st) != SQLITE_DONE)
		buf_printf(report, "search index: %s\n", sqlite3_errmsg(q->db));
	sqlite3_finalize(st);
	return 0;
}

int sq_backup(struct store *s, const char *path, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int rc;

	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		dd_error_code(err, DD_ERR_NOINPUT, "cannot create backup '%s': %s", path,
			      dst ? sqlite3_errmsg(dst) : "out of memory");
		sqlite3_close(dst);
		return -1;
	}
	b = sqlite3_backup_init(dst, "main", q->db, "main");
	if (!b) {
		dd_error(err, "cannot back up into '%s': %s", path, sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return -1;
	}
	/* copy in steps so writers are not blocked for the whole copy */
	do {
		rc = sqlite3_backup_step(b, 1024);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		dd_error(err, "backup into '%s' failed: %s", path, sqlite3_errstr(rc));
		sqlite3_close(dst);
		return -1;
	}
	if (sqlite3_close(dst) != SQLITE_OK)
		return dd_error(err, "cannot close backup '%s'", path);
	return 0;
}

int sq_setting_get(struct store *s, const char *key, struct buf *out, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = sq_prep(q, "SELECT value FROM settings WHERE key = ?", err);
	int rc;
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		int r = buf_addstr(out, (const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
		if (r < 0)
			return dd_error(err, "setting '%s' is too long", key);
		return 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sq_fail(q, err, "cannot read settings");
	return 0;
}

int sq_setting_set(struct store *s, const char *key, const char *value, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st;

	if (sq_begin(s, err) < 0)
		return -1;
	if (value) {
		st = sq_prep(q, "INSERT INTO settings(key, value) VALUES(?1, ?2)"
				" ON CONFLICT(key) DO UPDATE SET value = ?2 WHERE value IS NOT ?2", err);
		if (!st)
			goto fail;
		sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	} else {
		st = sq_prep(q, "DELETE FROM settings WHERE key = ?1", err);
		if (!st)
			goto fail;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sq_step_done(q, st, err, "cannot save setting") < 0)
		goto fail;
	return sq_commit(s, err);
fail:
	sq_rollback(s);
	return -1;
}
