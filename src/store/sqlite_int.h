/* sqlite_int.h - internals shared by the SQLite backend's files (store/sqlite*.c) */
#ifndef DD_STORE_SQLITE_INT_H
#define DD_STORE_SQLITE_INT_H

#include <sqlite3.h>

#include "backend.h"

#define SQ_CACHE_MAX 128
#define SQ_MULTI_ROWS 32 /* rows per multi-row INSERT of an import (sqlite_docs.c) */
enum { SQ_MULTI_FTS, SQ_MULTI_STAGE, SQ_MULTI_TASKS, SQ_MULTI_UNITS, SQ_MULTI_KINDS };

struct sq_cached {
	const char *sql; /* a string literal: the cache is keyed by its address */
	sqlite3_stmt *st;
};

struct sq {
	struct store base;
	sqlite3 *db;
	char *data_dir;
	int depth; /* transaction nesting */
	int importing; /* dd_importing(): inside sq_import_extract */
	/* imports inside an outer transaction (a batch, sqlite_docs.c): each document is a
	 * savepoint and its search rows wait in temp.fts_stage until the outermost commit */
	int stage_table;  /* temp.fts_stage exists */
	int64_t staged;   /* rows waiting in it */
	int lost;         /* an error rolled the whole outer transaction back: refuse until it ends */
	/* unit names looked up by imports (sqlite_docs.c), kept until the transaction ends (no
	 * one else can change units meanwhile; our own unit writes clear them): open addressing,
	 * namecap a power of 2 */
	struct sq_name {
		char *name;
		int64_t id; /* 0: no such unit */
	} *names;
	size_t nnames, namecap;
	fts5_api *fts; /* the connection's FTS5 (sq_register_fts) */
	int64_t commits; /* transactions this connection committed (store_data_version) */
	struct sq_cached cache[SQ_CACHE_MAX];
	size_t ncache;
	sqlite3_stmt *multi[SQ_MULTI_KINDS][SQ_MULTI_ROWS + 1]; /* [kind][rows] */
};

#define SQ(s) ((struct sq *)(s))

/* A prepared statement for a string literal, cached for the connection and reset; the caller
 * binds, steps and need not finalize. NULL with err set on failure. */
sqlite3_stmt *sq_prep(struct sq *q, const char *sql, struct dd_error *err);
/* Run SQL without results. */
int sq_exec(struct sq *q, const char *sql, struct dd_error *err);
/* Set err from the connection's last error, prefixed with what; returns -1. */
int sq_fail(struct sq *q, struct dd_error *err, const char *what);
/* Step a statement that returns no rows (SQLITE_DONE expected). */
int sq_step_done(struct sq *q, sqlite3_stmt *st, struct dd_error *err, const char *what);

/* Bind text; NULL or "" binds NULL. */
void sq_bind_text(sqlite3_stmt *st, int i, const char *s);
/* Bind an id; 0 binds NULL. */
void sq_bind_id(sqlite3_stmt *st, int i, int64_t id);
/* Column as a heap string, NULL when NULL. */
char *sq_col_str(sqlite3_stmt *st, int i);
/* Column as a date into out ("" when NULL). */
void sq_col_date(sqlite3_stmt *st, int i, char out[STORE_DATE_LEN]);

/* The folded search/match key of s (vn_fold), appended to out (max set by the caller). */
int sq_fold(const char *s, struct buf *out);
/* Write the search index row of a task (rowid = 2*id; documents are 2*id+1). */
int sq_index_task(struct sq *q, int64_t task_id, const char *text, const char *extra,
		  struct dd_error *err);
/* Before the outermost commit: move the search rows staged by imports inside the
 * transaction into the index, with one statement (sqlite_docs.c). */
int sq_stage_flush(struct sq *q, struct dd_error *err);
/* Forget the unit names imports looked up (struct sq's names). */
void sq_names_clear(struct sq *q);
/* Register the search index's tokenizer "ddfold" (words and word pairs) and keep the FTS5
 * API in q->fts (sqlite_fts.c). */
int sq_register_fts(struct sq *q, struct dd_error *err);
/* The spans [start, end) of text (folded) where the phrases of match (an FTS5 expression of
 * quoted phrases, "..." or "..."*) occur, as FTS5 tokenizes them; the caller frees *spans. */
int sq_fts_spans(struct sq *q, const char *match, const char *text, size_t n,
		 size_t (**spans)[2], size_t *nspans);
/* Register the search ranking function ddrank() on the connection (sqlite_search.c). */
int sq_register_rank(struct sq *q, struct dd_error *err);
/* Seed units from units.tsv when the table is empty. */
int sq_seed_units(struct sq *q, struct dd_error *err);

/* The operations (store.h has their documentation), defined across sqlite*.c. */
void sq_close(struct store *s);
int sq_begin(struct store *s, struct dd_error *err);
int sq_commit(struct store *s, struct dd_error *err);
void sq_rollback(struct store *s);
int sq_schema_version(struct store *s);
int sq_data_version(struct store *s, int64_t *out, struct dd_error *err);
int sq_check(struct store *s, struct buf *report, struct dd_error *err);
int sq_backup(struct store *s, const char *path, struct dd_error *err);
int sq_setting_get(struct store *s, const char *key, struct buf *out, struct dd_error *err);
int sq_setting_set(struct store *s, const char *key, const char *value, struct dd_error *err);
int sq_import_extract(struct store *s, const json_t *extract, const struct store_import_prep *prep, const void *bytes, size_t n, const char *hash, const char *file_name, int dry_run, struct store_import_result *res, struct dd_error *err);
int sq_doc_find_hash(struct store *s, const char *hash, int64_t *doc_id, struct dd_error *err);
int sq_doc_get(struct store *s, int64_t id, struct store_doc *out, struct dd_error *err);
int sq_doc_bytes(struct store *s, int64_t id, struct buf *out, struct dd_error *err);
int sq_doc_list(struct store *s, int64_t limit, int64_t offset, struct store_doc_list *out, struct dd_error *err);
int sq_unit_find(struct store *s, const char *text, int follow_merge, int64_t *id, struct dd_error *err);
int sq_unit_get(struct store *s, int64_t id, struct store_unit *out, struct dd_error *err);
int sq_unit_list(struct store *s, int all, struct store_unit_list *out, struct dd_error *err);
int sq_unit_add(struct store *s, const char *name, const char *short_name, const char *kind, int64_t parent_id, const char *email, int64_t *id, struct dd_error *err);
int sq_unit_add_alias(struct store *s, int64_t id, const char *alias, struct dd_error *err);
int sq_unit_set_email(struct store *s, int64_t id, const char *email, struct dd_error *err);
int sq_unit_merge(struct store *s, int64_t from, int64_t into, struct dd_error *err);
int sq_task_list(struct store *s, const struct store_task_filter *f, struct store_task_list *out, struct dd_error *err);
int sq_task_each(struct store *s, const struct store_task_filter *f, store_task_fn fn, void *arg, struct dd_error *err);
int sq_task_get(struct store *s, int64_t id, struct store_task *out, struct dd_error *err);
int sq_task_assign(struct store *s, int64_t task_id, int64_t lead, const int64_t *support, size_t nsupport, const char *due, struct dd_error *err);
int sq_task_unassign(struct store *s, int64_t task_id, int64_t unit_id, struct dd_error *err);
int sq_task_set_state(struct store *s, int64_t task_id, enum store_task_state st, const char *date, const char *reason, struct dd_error *err);
int sq_task_set_text(struct store *s, int64_t task_id, const char *text, struct dd_error *err);
int sq_task_set_due(struct store *s, int64_t task_id, enum store_deadline_kind kind, const char *due, struct dd_error *err);
int sq_task_counts(struct store *s, const struct store_task_filter *f, const char *today, int by_unit, struct store_count_row **rows, size_t *nrows, struct dd_error *err);
int sq_progress_add(struct store *s, int64_t task_id, int64_t unit_id, const char *date, int percent, const char *note, const char *attachment_name, const void *attachment, size_t attachment_len, int64_t *id, struct dd_error *err);
int sq_progress_list(struct store *s, int64_t task_id, struct store_progress_list *out, struct dd_error *err);
int sq_progress_attachment(struct store *s, int64_t progress_id, struct buf *out, struct dd_error *err);
int sq_extension_request(struct store *s, int64_t task_id, int64_t unit_id, const char *new_due, const char *reason, const char *date, int64_t *id, struct dd_error *err);
int sq_extension_decide(struct store *s, int64_t ext_id, int approve, const char *date, const char *note, struct dd_error *err);
int sq_extension_get(struct store *s, int64_t ext_id, struct store_extension *out, struct dd_error *err);
int sq_extension_list(struct store *s, int64_t task_id, struct store_extension_list *out, struct dd_error *err);
int sq_reminder_last(struct store *s, int64_t task_id, int64_t unit_id, const char *kind, char out[STORE_DATE_LEN], struct dd_error *err);
int sq_reminder_add(struct store *s, int64_t task_id, int64_t unit_id, const char *kind, const char *date, struct dd_error *err);
int sq_notification_add(struct store *s, int64_t unit_id, const char *subject, const char *body, const char *channel, const char *status, const char *date, int64_t *id, struct dd_error *err);
int sq_notification_list(struct store *s, int64_t unit_id, int64_t limit, struct store_notification_list *out, struct dd_error *err);
int sq_notification_mark_read(struct store *s, int64_t id, struct dd_error *err);
int sq_user_find(struct store *s, const char *username, struct store_user *out, struct dd_error *err);
int sq_user_get(struct store *s, int64_t id, struct store_user *out, struct dd_error *err);
int sq_user_create(struct store *s, const char *username, const char *display_name, const char *role, int64_t unit_id, const char *email, const char *password_hash, int64_t *id, struct dd_error *err);
int sq_user_set_password_hash(struct store *s, int64_t id, const char *hash, struct dd_error *err);
int sq_user_set_active(struct store *s, int64_t id, int active, struct dd_error *err);
int sq_user_list(struct store *s, struct store_user_list *out, struct dd_error *err);
int sq_audit_task(struct store *s, int64_t task_id, struct store_audit_list *out, struct dd_error *err);
int sq_audit_list(struct store *s, int64_t limit, int64_t offset, struct store_audit_list *out, struct dd_error *err);
int sq_search(struct store *s, const char *query, int64_t limit, int64_t offset, const char *open, const char *close, struct store_hit_list *out, struct dd_error *err);
#endif
