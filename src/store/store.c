/* store.c - the backend-independent part of the store: opening, releasing results, dispatch */
#include "backend.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct store *store_open(const char *path, const char *data_dir, struct dd_error *err)
{
	struct store *s;

	if (!path || !*path) {
		dd_error_code(err, DD_ERR_USAGE, "no database path given");
		return NULL;
	}
	if (strncmp(path, "postgres:", 9) == 0 || strncmp(path, "postgresql:", 11) == 0) {
		dd_error_code(err, DD_ERR_USAGE, "database '%s': postgresql is not supported yet", path);
		return NULL;
	}
	if (strncmp(path, "sqlite:", 7) == 0)
		path += 7;
	s = sqlite_store_open(path, data_dir, err);
	if (s && !s->actor)
		s->actor = xstrdup("system");
	return s;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	free(s->actor);
	s->actor = NULL;
	s->ops->close(s);
}

void store_set_actor(struct store *s, const char *who)
{
	free(s->actor);
	s->actor = xstrdup(who && *who ? who : "system");
}

const char *store_actor(const struct store *s)
{
	return s->actor;
}

void store_hash_hex(const void *data, size_t n, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	static const char hex[] = "0123456789abcdef";

	crypto_hash_sha256(h, data, n);
	for (size_t i = 0; i < sizeof(h); i++) {
		out[2 * i] = hex[h[i] >> 4];
		out[2 * i + 1] = hex[h[i] & 15];
	}
	out[64] = '\0';
}

void store_task_filter_init(struct store_task_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->due_kind = -1;
	f->started = -1;
	f->done_late = -1;
}

/* ---- releasing results ---- */

void store_doc_release(struct store_doc *d)
{
	if (!d)
		return;
	free(d->file_name);
	free(d->format);
	free(d->type_code);
	free(d->type_name);
	free(d->number);
	free(d->issuer);
	free(d->subject);
	free(d->imported_at);
	free(d->imported_by);
	json_decref(d->extract);
	memset(d, 0, sizeof(*d));
}

void store_doc_list_release(struct store_doc_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		store_doc_release(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

void store_unit_release(struct store_unit *u)
{
	if (!u)
		return;
	free(u->name);
	free(u->short_name);
	free(u->kind);
	free(u->email);
	for (size_t i = 0; i < u->naliases; i++)
		free(u->aliases[i]);
	free(u->aliases);
	memset(u, 0, sizeof(*u));
}

void store_unit_list_release(struct store_unit_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		store_unit_release(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

void store_task_release(struct store_task *t)
{
	if (!t)
		return;
	free(t->ref);
	free(t->label);
	free(t->text);
	free(t->due_text);
	free(t->cancel_reason);
	free(t->topics);
	free(t->unit_text);
	free(t->suggested);
	free(t->doc_number);
	free(t->updated_at);
	for (size_t i = 0; i < t->nunits; i++)
		free(t->units[i].name);
	free(t->units);
	memset(t, 0, sizeof(*t));
}

void store_task_list_release(struct store_task_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		store_task_release(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

void store_progress_list_release(struct store_progress_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		struct store_progress *p = &l->items[i];
		free(p->unit_name);
		free(p->note);
		free(p->attachment_name);
		free(p->by);
		free(p->created_at);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

void store_extension_release(struct store_extension *e)
{
	if (!e)
		return;
	free(e->reason);
	free(e->requested_by);
	free(e->decided_by);
	free(e->decision_note);
	memset(e, 0, sizeof(*e));
}

void store_extension_list_release(struct store_extension_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		store_extension_release(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

void store_notification_list_release(struct store_notification_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		struct store_notification *x = &l->items[i];
		free(x->subject);
		free(x->body);
		free(x->channel);
		free(x->status);
		free(x->created_at);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

void store_user_release(struct store_user *u)
{
	if (!u)
		return;
	free(u->username);
	free(u->display_name);
	free(u->role);
	free(u->email);
	free(u->password_hash);
	free(u->created_at);
	memset(u, 0, sizeof(*u));
}

void store_user_list_release(struct store_user_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		store_user_release(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

void store_audit_list_release(struct store_audit_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		struct store_audit *a = &l->items[i];
		free(a->at);
		free(a->who);
		free(a->entity);
		free(a->action);
		json_decref(a->before);
		json_decref(a->after);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

void store_hit_list_release(struct store_hit_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].title);
		free(l->items[i].snippet);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

/* ---- dispatch to the backend ---- */

int store_begin(struct store *s, struct dd_error *err)
{
	return s->ops->begin(s, err);
}

int store_commit(struct store *s, struct dd_error *err)
{
	return s->ops->commit(s, err);
}

void store_rollback(struct store *s)
{
	s->ops->rollback(s);
}

int store_schema_version(struct store *s)
{
	return s->ops->schema_version(s);
}

int store_data_version(struct store *s, int64_t *out, struct dd_error *err)
{
	return s->ops->data_version(s, out, err);
}

int store_check(struct store *s, struct buf *report, struct dd_error *err)
{
	return s->ops->check(s, report, err);
}

int store_backup(struct store *s, const char *path, struct dd_error *err)
{
	return s->ops->backup(s, path, err);
}

int store_setting_get(struct store *s, const char *key, struct buf *out, struct dd_error *err)
{
	return s->ops->setting_get(s, key, out, err);
}

int store_setting_set(struct store *s, const char *key, const char *value, struct dd_error *err)
{
	return s->ops->setting_set(s, key, value, err);
}

int store_import_extract(struct store *s, const json_t *extract, const void *bytes, size_t n, const char *file_name, int dry_run, struct store_import_result *res, struct dd_error *err)
{
	return s->ops->import_extract(s, extract, NULL, bytes, n, NULL, file_name, dry_run, res, err);
}

struct store_import_prep *store_import_prepare(const json_t *extract, char *json)
{
	return sq_import_prepare(extract, json);
}

void store_import_prep_free(struct store_import_prep *p)
{
	if (!p)
		return;
	free(p->json);
	buf_release(&p->doc_text);
	for (size_t i = 0; i < p->ntasks; i++)
		buf_release(&p->task_text[i]);
	free(p->task_text);
	free(p);
}

int store_import_extract_prepared(struct store *s, const json_t *extract,
				  const struct store_import_prep *prep, const void *bytes, size_t n,
				  const char hash[65], const char *file_name, int dry_run,
				  struct store_import_result *res, struct dd_error *err)
{
	return s->ops->import_extract(s, extract, prep, bytes, n, hash, file_name, dry_run, res, err);
}

int store_import_extract_hashed(struct store *s, const json_t *extract, const void *bytes, size_t n,
				const char hash[65], const char *file_name, int dry_run,
				struct store_import_result *res, struct dd_error *err)
{
	return s->ops->import_extract(s, extract, NULL, bytes, n, hash, file_name, dry_run, res, err);
}

int store_doc_find_hash(struct store *s, const char *hash, int64_t *doc_id, struct dd_error *err)
{
	return s->ops->doc_find_hash(s, hash, doc_id, err);
}

int store_doc_get(struct store *s, int64_t id, struct store_doc *out, struct dd_error *err)
{
	return s->ops->doc_get(s, id, out, err);
}

int store_doc_bytes(struct store *s, int64_t id, struct buf *out, struct dd_error *err)
{
	return s->ops->doc_bytes(s, id, out, err);
}

int store_doc_list(struct store *s, int64_t limit, int64_t offset, struct store_doc_list *out, struct dd_error *err)
{
	return s->ops->doc_list(s, limit, offset, out, err);
}

int store_unit_find(struct store *s, const char *text, int follow_merge, int64_t *id, struct dd_error *err)
{
	return s->ops->unit_find(s, text, follow_merge, id, err);
}

int store_unit_get(struct store *s, int64_t id, struct store_unit *out, struct dd_error *err)
{
	return s->ops->unit_get(s, id, out, err);
}

int store_unit_list(struct store *s, int all, struct store_unit_list *out, struct dd_error *err)
{
	return s->ops->unit_list(s, all, out, err);
}

int store_unit_add(struct store *s, const char *name, const char *short_name, const char *kind, int64_t parent_id, const char *email, int64_t *id, struct dd_error *err)
{
	return s->ops->unit_add(s, name, short_name, kind, parent_id, email, id, err);
}

int store_unit_add_alias(struct store *s, int64_t id, const char *alias, struct dd_error *err)
{
	return s->ops->unit_add_alias(s, id, alias, err);
}

int store_unit_set_email(struct store *s, int64_t id, const char *email, struct dd_error *err)
{
	return s->ops->unit_set_email(s, id, email, err);
}

int store_unit_merge(struct store *s, int64_t from, int64_t into, struct dd_error *err)
{
	return s->ops->unit_merge(s, from, into, err);
}

int store_task_each(struct store *s, const struct store_task_filter *f, store_task_fn fn,
		    void *arg, struct dd_error *err)
{
	return s->ops->task_each(s, f, fn, arg, err);
}

int store_task_list(struct store *s, const struct store_task_filter *f, struct store_task_list *out, struct dd_error *err)
{
	return s->ops->task_list(s, f, out, err);
}

int store_task_get(struct store *s, int64_t id, struct store_task *out, struct dd_error *err)
{
	return s->ops->task_get(s, id, out, err);
}

int store_task_assign(struct store *s, int64_t task_id, int64_t lead, const int64_t *support, size_t nsupport, const char *due, struct dd_error *err)
{
	return s->ops->task_assign(s, task_id, lead, support, nsupport, due, err);
}

int store_task_unassign(struct store *s, int64_t task_id, int64_t unit_id, struct dd_error *err)
{
	return s->ops->task_unassign(s, task_id, unit_id, err);
}

int store_task_set_state(struct store *s, int64_t task_id, enum store_task_state st, const char *date, const char *reason, struct dd_error *err)
{
	return s->ops->task_set_state(s, task_id, st, date, reason, err);
}

int store_task_set_text(struct store *s, int64_t task_id, const char *text, struct dd_error *err)
{
	return s->ops->task_set_text(s, task_id, text, err);
}

int store_task_set_due(struct store *s, int64_t task_id, enum store_deadline_kind kind, const char *due, struct dd_error *err)
{
	return s->ops->task_set_due(s, task_id, kind, due, err);
}

int store_task_counts(struct store *s, const struct store_task_filter *f, const char *today, int by_unit, struct store_count_row **rows, size_t *nrows, struct dd_error *err)
{
	return s->ops->task_counts(s, f, today, by_unit, rows, nrows, err);
}

int store_progress_add(struct store *s, int64_t task_id, int64_t unit_id, const char *date, int percent, const char *note, const char *attachment_name, const void *attachment, size_t attachment_len, int64_t *id, struct dd_error *err)
{
	return s->ops->progress_add(s, task_id, unit_id, date, percent, note, attachment_name, attachment, attachment_len, id, err);
}

int store_progress_list(struct store *s, int64_t task_id, struct store_progress_list *out, struct dd_error *err)
{
	return s->ops->progress_list(s, task_id, out, err);
}

int store_progress_attachment(struct store *s, int64_t progress_id, struct buf *out, struct dd_error *err)
{
	return s->ops->progress_attachment(s, progress_id, out, err);
}

int store_extension_request(struct store *s, int64_t task_id, int64_t unit_id, const char *new_due, const char *reason, const char *date, int64_t *id, struct dd_error *err)
{
	return s->ops->extension_request(s, task_id, unit_id, new_due, reason, date, id, err);
}

int store_extension_decide(struct store *s, int64_t ext_id, int approve, const char *date, const char *note, struct dd_error *err)
{
	return s->ops->extension_decide(s, ext_id, approve, date, note, err);
}

int store_extension_get(struct store *s, int64_t ext_id, struct store_extension *out, struct dd_error *err)
{
	return s->ops->extension_get(s, ext_id, out, err);
}

int store_extension_list(struct store *s, int64_t task_id, struct store_extension_list *out, struct dd_error *err)
{
	return s->ops->extension_list(s, task_id, out, err);
}

int store_reminder_last(struct store *s, int64_t task_id, int64_t unit_id, const char *kind, char out[STORE_DATE_LEN], struct dd_error *err)
{
	return s->ops->reminder_last(s, task_id, unit_id, kind, out, err);
}

int store_reminder_add(struct store *s, int64_t task_id, int64_t unit_id, const char *kind, const char *date, struct dd_error *err)
{
	return s->ops->reminder_add(s, task_id, unit_id, kind, date, err);
}

int store_notification_add(struct store *s, int64_t unit_id, const char *subject, const char *body, const char *channel, const char *status, const char *date, int64_t *id, struct dd_error *err)
{
	return s->ops->notification_add(s, unit_id, subject, body, channel, status, date, id, err);
}

int store_notification_list(struct store *s, int64_t unit_id, int64_t limit, struct store_notification_list *out, struct dd_error *err)
{
	return s->ops->notification_list(s, unit_id, limit, out, err);
}

int store_notification_mark_read(struct store *s, int64_t id, struct dd_error *err)
{
	return s->ops->notification_mark_read(s, id, err);
}

int store_user_find(struct store *s, const char *username, struct store_user *out, struct dd_error *err)
{
	return s->ops->user_find(s, username, out, err);
}

int store_user_get(struct store *s, int64_t id, struct store_user *out, struct dd_error *err)
{
	return s->ops->user_get(s, id, out, err);
}

int store_user_create(struct store *s, const char *username, const char *display_name, const char *role, int64_t unit_id, const char *email, const char *password_hash, int64_t *id, struct dd_error *err)
{
	return s->ops->user_create(s, username, display_name, role, unit_id, email, password_hash, id, err);
}

int store_user_set_password_hash(struct store *s, int64_t id, const char *hash, struct dd_error *err)
{
	return s->ops->user_set_password_hash(s, id, hash, err);
}

int store_user_set_active(struct store *s, int64_t id, int active, struct dd_error *err)
{
	return s->ops->user_set_active(s, id, active, err);
}

int store_user_list(struct store *s, struct store_user_list *out, struct dd_error *err)
{
	return s->ops->user_list(s, out, err);
}

int store_audit_task(struct store *s, int64_t task_id, struct store_audit_list *out, struct dd_error *err)
{
	return s->ops->audit_task(s, task_id, out, err);
}

int store_audit_list(struct store *s, int64_t limit, int64_t offset, struct store_audit_list *out, struct dd_error *err)
{
	return s->ops->audit_list(s, limit, offset, out, err);
}

int store_search(struct store *s, const char *query, int64_t limit, int64_t offset, const char *open, const char *close, struct store_hit_list *out, struct dd_error *err)
{
	return s->ops->search(s, query, limit, offset, open, close, out, err);
}
