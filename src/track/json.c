/* json.c - the JSON shapes of tasks, documents, units, ... shared by the CLI and the web API */
#include "track.h"

#include <string.h>

/* A string value, or null for NULL/"". */
static json_t *jstr(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *jid(int64_t id)
{
	return id > 0 ? json_integer(id) : json_null();
}

static const char *state_code(enum store_task_state st)
{
	static const char *const codes[] = {"open", "proposed", "done", "cancelled"};
	return (unsigned)st < 4 ? codes[st] : "unknown";
}

static const char *due_kind_code(enum store_deadline_kind k)
{
	static const char *const codes[] = {"none", "by", "recurring"};
	return (unsigned)k < 3 ? codes[k] : "unknown";
}

json_t *track_task_json(struct track *t, const struct store_task *task)
{
	enum track_status st = track_status_of(task, t->today_iso);
	struct buf name = BUF_INIT;
	json_t *o = json_object(), *units = json_array();

	track_status_name(t, st, &name);
	json_object_set_new(o, "id", json_integer(task->id));
	json_object_set_new(o, "doc_id", json_integer(task->doc_id));
	json_object_set_new(o, "doc_number", jstr(task->doc_number));
	json_object_set_new(o, "doc_date", jstr(task->doc_date));
	json_object_set_new(o, "parent_id", jid(task->parent_id));
	json_object_set_new(o, "ref", jstr(task->ref));
	json_object_set_new(o, "label", jstr(task->label));
	json_object_set_new(o, "line", task->line > 0 ? json_integer(task->line) : json_null());
	json_object_set_new(o, "text", json_string(task->text ? task->text : ""));
	json_object_set_new(o, "due", jstr(task->due));
	json_object_set_new(o, "due_orig", jstr(task->due_orig));
	json_object_set_new(o, "due_text", jstr(task->due_text));
	json_object_set_new(o, "due_kind", json_string(due_kind_code(task->due_kind)));
	json_object_set_new(o, "status", json_string(track_status_code(st)));
	json_object_set_new(o, "status_name", json_string(buf_str(&name)));
	json_object_set_new(o, "days_late", json_integer(track_days_late(task, t->today_iso)));
	json_object_set_new(o, "state", json_string(state_code(task->state)));
	json_object_set_new(o, "percent", json_integer(task->percent));
	json_object_set_new(o, "progress_reports", json_integer(task->nprogress));
	json_object_set_new(o, "proposed_date", jstr(task->proposed_date));
	json_object_set_new(o, "done_date", jstr(task->done_date));
	json_object_set_new(o, "cancel_reason", jstr(task->cancel_reason));
	json_object_set_new(o, "topics", jstr(task->topics));
	json_object_set_new(o, "unit_text", jstr(task->unit_text));
	json_object_set_new(o, "suggested_units", jstr(task->suggested));
	for (size_t i = 0; i < task->nunits; i++) {
		json_t *u = json_object();
		json_object_set_new(u, "id", json_integer(task->units[i].unit_id));
		json_object_set_new(u, "name", jstr(task->units[i].name));
		json_object_set_new(u, "role", json_string(task->units[i].role == STORE_ROLE_LEAD
								   ? "lead" : "support"));
		json_array_append_new(units, u);
	}
	json_object_set_new(o, "units", units);
	json_object_set_new(o, "updated_at", jstr(task->updated_at));
	buf_release(&name);
	return o;
}

json_t *track_doc_json(const struct store_doc *d)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(d->id));
	json_object_set_new(o, "hash", json_string(d->hash));
	json_object_set_new(o, "file_name", jstr(d->file_name));
	json_object_set_new(o, "format", jstr(d->format));
	json_object_set_new(o, "type_code", jstr(d->type_code));
	json_object_set_new(o, "type_name", jstr(d->type_name));
	json_object_set_new(o, "number", jstr(d->number));
	json_object_set_new(o, "issuer", jstr(d->issuer));
	json_object_set_new(o, "subject", jstr(d->subject));
	json_object_set_new(o, "date", jstr(d->date));
	json_object_set_new(o, "period_from", jstr(d->period_from));
	json_object_set_new(o, "period_to", jstr(d->period_to));
	json_object_set_new(o, "size", json_integer(d->size));
	json_object_set_new(o, "tasks", json_integer(d->ntasks));
	json_object_set_new(o, "imported_at", jstr(d->imported_at));
	json_object_set_new(o, "imported_by", jstr(d->imported_by));
	if (d->extract)
		json_object_set(o, "extract", d->extract);
	return o;
}

json_t *track_unit_json(const struct store_unit *u)
{
	json_t *o = json_object(), *a = json_array();
	json_object_set_new(o, "id", json_integer(u->id));
	json_object_set_new(o, "name", jstr(u->name));
	json_object_set_new(o, "short_name", jstr(u->short_name));
	json_object_set_new(o, "kind", jstr(u->kind));
	json_object_set_new(o, "parent_id", jid(u->parent_id));
	json_object_set_new(o, "active", json_boolean(u->active));
	json_object_set_new(o, "merged_into", jid(u->merged_into));
	json_object_set_new(o, "email", jstr(u->email));
	for (size_t i = 0; i < u->naliases; i++)
		json_array_append_new(a, json_string(u->aliases[i]));
	json_object_set_new(o, "aliases", a);
	return o;
}

json_t *track_progress_json(const struct store_progress *p)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(p->id));
	json_object_set_new(o, "task_id", json_integer(p->task_id));
	json_object_set_new(o, "unit_id", jid(p->unit_id));
	json_object_set_new(o, "unit", jstr(p->unit_name));
	json_object_set_new(o, "date", jstr(p->date));
	json_object_set_new(o, "percent", json_integer(p->percent));
	json_object_set_new(o, "note", jstr(p->note));
	json_object_set_new(o, "attachment", jstr(p->attachment_name));
	json_object_set_new(o, "attachment_size", json_integer(p->attachment_size));
	json_object_set_new(o, "by", jstr(p->by));
	json_object_set_new(o, "created_at", jstr(p->created_at));
	return o;
}

json_t *track_extension_json(const struct store_extension *e)
{
	static const char *const states[] = {"pending", "approved", "refused"};
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(e->id));
	json_object_set_new(o, "task_id", json_integer(e->task_id));
	json_object_set_new(o, "unit_id", jid(e->unit_id));
	json_object_set_new(o, "old_due", jstr(e->old_due));
	json_object_set_new(o, "new_due", jstr(e->new_due));
	json_object_set_new(o, "reason", jstr(e->reason));
	json_object_set_new(o, "state", json_string((unsigned)e->state < 3 ? states[e->state] : "?"));
	json_object_set_new(o, "requested_date", jstr(e->requested_date));
	json_object_set_new(o, "requested_by", jstr(e->requested_by));
	json_object_set_new(o, "decided_date", jstr(e->decided_date));
	json_object_set_new(o, "decided_by", jstr(e->decided_by));
	json_object_set_new(o, "decision_note", jstr(e->decision_note));
	return o;
}

json_t *track_audit_json(const struct store_audit *a)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(a->id));
	json_object_set_new(o, "at", jstr(a->at));
	json_object_set_new(o, "who", jstr(a->who));
	json_object_set_new(o, "entity", jstr(a->entity));
	json_object_set_new(o, "entity_id", jid(a->entity_id));
	json_object_set_new(o, "task_id", jid(a->task_id));
	json_object_set_new(o, "action", jstr(a->action));
	json_object_set(o, "before", a->before ? a->before : json_null());
	json_object_set(o, "after", a->after ? a->after : json_null());
	return o;
}

json_t *track_hit_json(const struct store_hit *h)
{
	json_t *o = json_object();
	json_object_set_new(o, "kind", json_string(h->kind == 'd' ? "document" : "task"));
	json_object_set_new(o, "id", json_integer(h->id));
	json_object_set_new(o, "doc_id", json_integer(h->doc_id));
	json_object_set_new(o, "score", json_real(h->score));
	json_object_set_new(o, "title", jstr(h->title));
	json_object_set_new(o, "snippet", jstr(h->snippet));
	return o;
}

json_t *track_digest_json(const struct track_digest *d)
{
	json_t *o = json_object(), *items = json_array();
	json_object_set_new(o, "unit_id", json_integer(d->unit_id));
	json_object_set_new(o, "unit", jstr(d->unit_name));
	json_object_set_new(o, "email", jstr(d->email));
	json_object_set_new(o, "subject", jstr(d->subject));
	json_object_set_new(o, "body", jstr(d->body));
	for (size_t i = 0; i < d->n; i++) {
		json_t *it = json_object();
		json_object_set_new(it, "task_id", json_integer(d->items[i].task_id));
		json_object_set_new(it, "kind", json_string(d->items[i].kind));
		json_object_set_new(it, "due", jstr(d->items[i].due));
		json_object_set_new(it, "days", json_integer(d->items[i].days));
		json_object_set_new(it, "doc_number", jstr(d->items[i].doc_number));
		json_object_set_new(it, "text", jstr(d->items[i].text));
		json_array_append_new(items, it);
	}
	json_object_set_new(o, "items", items);
	return o;
}
