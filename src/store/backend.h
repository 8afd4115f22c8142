/* backend.h - what a storage backend provides: the ops table behind store.h (internal to store/) */
#ifndef DD_STORE_BACKEND_H
#define DD_STORE_BACKEND_H

#include "store.h"

/* What store_import_prepare computed (the same for every backend, sqlite_docs.c): */
struct store_import_prep {
	char *json;            /* the extraction's compact JSON text */
	struct buf doc_text;   /* the document's folded search text ("" none) */
	struct buf *task_text; /* each task's folded text */
	size_t ntasks;
};
struct store_import_prep *sq_import_prepare(const json_t *extract, char *json);

/* One function per store.h operation, same signature and meaning as store_NAME. */
struct store_ops {
	const char *name; /* "sqlite" */
	void (*close)(struct store *s);
	int (*begin)(struct store *s, struct dd_error *err);
	int (*commit)(struct store *s, struct dd_error *err);
	void (*rollback)(struct store *s);
	int (*schema_version)(struct store *s);
	int (*data_version)(struct store *s, int64_t *out, struct dd_error *err);
	int (*check)(struct store *s, struct buf *report, struct dd_error *err);
	int (*backup)(struct store *s, const char *path, struct dd_error *err);
	int (*setting_get)(struct store *s, const char *key, struct buf *out, struct dd_error *err);
	int (*setting_set)(struct store *s, const char *key, const char *value, struct dd_error *err);
	int (*import_extract)(struct store *s, const json_t *extract, const struct store_import_prep *prep, const void *bytes, size_t n, const char *hash, const char *file_name, int dry_run, struct store_import_result *res, struct dd_error *err);
	int (*doc_find_hash)(struct store *s, const char *hash, int64_t *doc_id, struct dd_error *err);
	int (*doc_get)(struct store *s, int64_t id, struct store_doc *out, struct dd_error *err);
	int (*doc_bytes)(struct store *s, int64_t id, struct buf *out, struct dd_error *err);
	int (*doc_list)(struct store *s, int64_t limit, int64_t offset, struct store_doc_list *out, struct dd_error *err);
	int (*unit_find)(struct store *s, const char *text, int follow_merge, int64_t *id, struct dd_error *err);
	int (*unit_get)(struct store *s, int64_t id, struct store_unit *out, struct dd_error *err);
	int (*unit_list)(struct store *s, int all, struct store_unit_list *out, struct dd_error *err);
	int (*unit_add)(struct store *s, const char *name, const char *short_name, const char *kind, int64_t parent_id, const char *email, int64_t *id, struct dd_error *err);
	int (*unit_add_alias)(struct store *s, int64_t id, const char *alias, struct dd_error *err);
	int (*unit_set_email)(struct store *s, int64_t id, const char *email, struct dd_error *err);
	int (*unit_merge)(struct store *s, int64_t from, int64_t into, struct dd_error *err);
	int (*task_list)(struct store *s, const struct store_task_filter *f, struct store_task_list *out, struct dd_error *err);
	int (*task_each)(struct store *s, const struct store_task_filter *f, store_task_fn fn, void *arg, struct dd_error *err);
	int (*task_get)(struct store *s, int64_t id, struct store_task *out, struct dd_error *err);
	int (*task_assign)(struct store *s, int64_t task_id, int64_t lead, const int64_t *support, size_t nsupport, const char *due, struct dd_error *err);
	int (*task_unassign)(struct store *s, int64_t task_id, int64_t unit_id, struct dd_error *err);
	int (*task_set_state)(struct store *s, int64_t task_id, enum store_task_state st, const char *date, const char *reason, struct dd_error *err);
	int (*task_set_text)(struct store *s, int64_t task_id, const char *text, struct dd_error *err);
	int (*task_set_due)(struct store *s, int64_t task_id, enum store_deadline_kind kind, const char *due, struct dd_error *err);
	int (*task_counts)(struct store *s, const struct store_task_filter *f, const char *today, int by_unit, struct store_count_row **rows, size_t *nrows, struct dd_error *err);
	int (*progress_add)(struct store *s, int64_t task_id, int64_t unit_id, const char *date, int percent, const char *note, const char *attachment_name, const void *attachment, size_t attachment_len, int64_t *id, struct dd_error *err);
	int (*progress_list)(struct store *s, int64_t task_id, struct store_progress_list *out, struct dd_error *err);
	int (*progress_attachment)(struct store *s, int64_t progress_id, struct buf *out, struct dd_error *err);
	int (*extension_request)(struct store *s, int64_t task_id, int64_t unit_id, const char *new_due, const char *reason, const char *date, int64_t *id, struct dd_error *err);
	int (*extension_decide)(struct store *s, int64_t ext_id, int approve, const char *date, const char *note, struct dd_error *err);
	int (*extension_get)(struct store *s, int64_t ext_id, struct store_extension *out, struct dd_error *err);
	int (*extension_list)(struct store *s, int64_t task_id, struct store_extension_list *out, struct dd_error *err);
	int (*reminder_last)(struct store *s, int64_t task_id, int64_t unit_id, const char *kind, char out[STORE_DATE_LEN], struct dd_error *err);
	int (*reminder_add)(struct store *s, int64_t task_id, int64_t unit_id, const char *kind, const char *date, struct dd_error *err);
	int (*notification_add)(struct store *s, int64_t unit_id, const char *subject, const char *body, const char *channel, const char *status, const char *date, int64_t *id, struct dd_error *err);
	int (*notification_list)(struct store *s, int64_t unit_id, int64_t limit, struct store_notification_list *out, struct dd_error *err);
	int (*notification_mark_read)(struct store *s, int64_t id, struct dd_error *err);
	int (*user_find)(struct store *s, const char *username, struct store_user *out, struct dd_error *err);
	int (*user_get)(struct store *s, int64_t id, struct store_user *out, struct dd_error *err);
	int (*user_create)(struct store *s, const char *username, const char *display_name, const char *role, int64_t unit_id, const char *email, const char *password_hash, int64_t *id, struct dd_error *err);
	int (*user_set_password_hash)(struct store *s, int64_t id, const char *hash, struct dd_error *err);
	int (*user_set_active)(struct store *s, int64_t id, int active, struct dd_error *err);
	int (*user_list)(struct store *s, struct store_user_list *out, struct dd_error *err);
	int (*audit_task)(struct store *s, int64_t task_id, struct store_audit_list *out, struct dd_error *err);
	int (*audit_list)(struct store *s, int64_t limit, int64_t offset, struct store_audit_list *out, struct dd_error *err);
	int (*search)(struct store *s, const char *query, int64_t limit, int64_t offset, const char *open, const char *close, struct store_hit_list *out, struct dd_error *err);
};

/* The common head of every backend's handle (a backend's struct starts with it). */
struct store {
	const struct store_ops *ops;
	char *actor; /* who writes (audit); never NULL after open */
};

/* The SQLite backend (sqlite.c). */
struct store *sqlite_store_open(const char *path, const char *data_dir, struct dd_error *err);

#endif
