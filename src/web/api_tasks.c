/* api_tasks.c - /api/v1/tasks and /api/v1/extensions: listings, detail and the workflow actions */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "web/api.h"
#include "web/server.h"

#define MAX_ATTACHMENT (10 * 1024 * 1024)

/* ---- helpers -------------------------------------------------------------------- */

int api_may_see_task(const struct web_req *rq, const struct store_task *t)
{
	if (rq->role != ROLE_UNIT)
		return 1;
	for (size_t i = 0; i < t->nunits; i++)
		if (t->units[i].unit_id == rq->user.unit_id && rq->user.unit_id)
			return 1;
	return 0;
}

int api_query_int(struct web_req *rq, struct web_resp *rs, const char *name, int64_t def, int64_t max,
		  int64_t *out)
{
	const char *v = web_query(rq, name);
	char *end;
	long long n;

	*out = def;
	if (!v || !*v)
		return 0;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno || *end || n < 0 || n > max) {
		web_fail(rs, 400, "bad_request", "bad value '%.40s' for '%s' (want 0..%lld)", v, name,
			 (long long)max);
		return -1;
	}
	*out = n;
	return 0;
}

int api_opt_string(json_t *obj, const char *key, struct web_resp *rs, const char **out)
{
	json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		web_fail(rs, 400, "bad_request", "'%s' must be a string", key);
		return -1;
	}
	*out = json_string_value(v);
	return 0;
}

int api_unit_arg(struct web_req *rq, struct web_resp *rs, json_t *v, const char *what, int64_t *id)
{
	struct dd_error err = {0};
	int r;

	*id = 0;
	if (json_is_integer(v)) {
		struct store_unit u = {0};
		if (json_integer_value(v) <= 0 ||
		    store_unit_get(rq->store, json_integer_value(v), &u, &err) < 0) {
			store_unit_release(&u);
			web_fail(rs, 422, "unknown_unit", "unknown %s unit %lld", what,
				 (long long)json_integer_value(v));
			return -1;
		}
		*id = u.id;
		store_unit_release(&u);
		return 0;
	}
	if (!json_is_string(v)) {
		web_fail(rs, 400, "bad_request", "the %s unit must be an id or a name", what);
		return -1;
	}
	r = store_unit_find(rq->store, json_string_value(v), 1, id, &err);
	if (r < 0) {
		web_fail(rs, 422, "unknown_unit", "%s", err.msg);
		return -1;
	}
	if (r == 0) {
		web_fail(rs, 422, "unknown_unit", "unknown %s unit '%.100s'", what, json_string_value(v));
		return -1;
	}
	return 0;
}

/* Load task rq->id and check the user may see it; 0 ok, -1 after answering. */
static int load_task(struct web_req *rq, struct web_resp *rs, struct store_task *t)
{
	struct dd_error err = {0};

	memset(t, 0, sizeof(*t));
	if (store_task_get(rq->store, rq->id, t, &err) < 0) {
		web_fail_err(rs, &err);
		return -1;
	}
	if (!api_may_see_task(rq, t)) {
		store_task_release(t);
		memset(t, 0, sizeof(*t));
		web_fail(rs, 403, "forbidden", "task %lld is not assigned to your unit", (long long)rq->id);
		return -1;
	}
	return 0;
}

/* ---- listings ------------------------------------------------------------------- */

/* GET /tasks?q=...: full-text search over tasks (diacritics-insensitive), paged. */
static int search_tasks(struct web_req *rq, struct web_resp *rs, const char *q, int64_t limit, int64_t offset)
{
	struct store_hit_list hits = {0};
	struct dd_error err = {0};
	json_t *items = json_array();

	if (store_search(rq->store, q, limit, offset, "", "", &hits, &err) < 0) {
		json_decref(items);
		if (err.code == DD_ERR_USAGE)
			return web_fail(rs, 400, "bad_query", "%s", err.msg);
		return web_fail_err(rs, &err);
	}
	for (size_t i = 0; i < hits.n; i++) {
		struct store_task t = {0};
		struct dd_error e2 = {0};
		if (hits.items[i].kind != 't')
			continue;
		if (store_task_get(rq->store, hits.items[i].id, &t, &e2) == 0 && api_may_see_task(rq, &t))
			json_array_append_new(items, track_task_json(&rq->track, &t));
		store_task_release(&t);
	}
	int more = hits.more;
	store_hit_list_release(&hits);
	return web_json(rs, 200,
			json_pack("{s:o,s:I,s:I,s:b,s:o}", "items", items, "limit", (json_int_t)limit,
				  "offset", (json_int_t)offset, "more", more, "total", json_null()));
}

int api_tasks_list(struct web_req *rq, struct web_resp *rs)
{
	struct track_query q;
	struct store_task_list l = {0};
	struct dd_error err = {0};
	char unitbuf[32];
	int64_t limit, offset, doc, lead_only, overdue;
	json_t *items;

	memset(&q, 0, sizeof(q));
	if (api_query_int(rq, rs, "limit", 50, 500, &limit) < 0 ||
	    api_query_int(rq, rs, "offset", 0, INT64_C(1) << 40, &offset) < 0 ||
	    api_query_int(rq, rs, "doc", 0, INT64_C(1) << 53, &doc) < 0 ||
	    api_query_int(rq, rs, "lead_only", 0, 1, &lead_only) < 0 ||
	    api_query_int(rq, rs, "overdue", 0, 1, &overdue) < 0)
		return 0;
	if (limit == 0)
		limit = 50;
	if (web_query(rq, "q") && *web_query(rq, "q"))
		return search_tasks(rq, rs, web_query(rq, "q"), limit, offset);
	q.unit = web_query(rq, "unit");
	if (rq->role == ROLE_UNIT) {
		/* a unit sees its own unit's tasks only */
		snprintf(unitbuf, sizeof(unitbuf), "%lld", (long long)rq->user.unit_id);
		if (q.unit && *q.unit && strcmp(q.unit, unitbuf) != 0)
			return web_fail(rs, 403, "forbidden", "a unit account sees only its own unit");
		q.unit = unitbuf;
	}
	q.lead_only = (int)lead_only;
	q.status = web_query(rq, "status");
	q.overdue = (int)overdue;
	q.due_before = web_query(rq, "due_before");
	q.due_from = web_query(rq, "due_from");
	q.doc_id = doc;
	q.topic = web_query(rq, "topic");
	q.limit = limit;
	q.offset = offset;
	if (track_tasks(&rq->track, &q, &l, &err) < 0)
		return web_fail_err(rs, &err);
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, track_task_json(&rq->track, &l.items[i]));
	web_json(rs, 200,
		 json_pack("{s:o,s:I,s:I,s:I}", "items", items, "total", (json_int_t)l.total, "limit",
			   (json_int_t)limit, "offset", (json_int_t)offset));
	store_task_list_release(&l);
	return 0;
}

/* What the current user may do on the task, for the UI (the server checks again). */
static json_t *actions_json(const struct web_req *rq, const struct store_task *t)
{
	json_t *a = json_array();
	int open = t->state == STORE_TASK_OPEN || t->state == STORE_TASK_PROPOSED;

	if (!open)
		return a;
	if (rq->role & (ROLE_ADMIN | ROLE_OFFICE)) {
		json_array_append_new(a, json_string("assign"));
		json_array_append_new(a, json_string("progress"));
		json_array_append_new(a, json_string("confirm"));
		if (t->state == STORE_TASK_PROPOSED)
			json_array_append_new(a, json_string("reject"));
		json_array_append_new(a, json_string("extension"));
		json_array_append_new(a, json_string("cancel"));
	} else if (rq->role == ROLE_UNIT) {
		json_array_append_new(a, json_string("progress"));
		if (t->state == STORE_TASK_OPEN)
			json_array_append_new(a, json_string("propose"));
		json_array_append_new(a, json_string("extension"));
	}
	return a;
}

int api_task_get(struct web_req *rq, struct web_resp *rs)
{
	struct store_task t;
	struct store_doc d = {0};
	struct store_progress_list pl = {0};
	struct store_extension_list el = {0};
	struct store_audit_list al = {0};
	struct dd_error err = {0};
	json_t *o = NULL, *arr;

	if (load_task(rq, rs, &t) < 0)
		return 0;
	if (store_progress_list(rq->store, t.id, &pl, &err) < 0 ||
	    store_extension_list(rq->store, t.id, &el, &err) < 0 ||
	    store_audit_task(rq->store, t.id, &al, &err) < 0) {
		web_fail_err(rs, &err);
		goto out;
	}
	o = track_task_json(&rq->track, &t);
	if (store_doc_get(rq->store, t.doc_id, &d, &err) == 0) {
		json_t *doc = json_pack("{s:I,s:s?,s:s?,s:s?,s:s?,s:s?}", "id", (json_int_t)d.id, "number",
					d.number, "type_name", d.type_name, "subject", d.subject, "issuer",
					d.issuer, "file_name", d.file_name);
		json_object_set_new(doc, "date", d.date[0] ? json_string(d.date) : json_null());
		json_object_set_new(o, "document", doc);
	}
	arr = json_array();
	for (size_t i = 0; i < pl.n; i++)
		json_array_append_new(arr, track_progress_json(&pl.items[i]));
	json_object_set_new(o, "progress", arr);
	arr = json_array();
	for (size_t i = 0; i < el.n; i++)
		json_array_append_new(arr, track_extension_json(&el.items[i]));
	json_object_set_new(o, "extensions", arr);
	arr = json_array();
	for (size_t i = 0; i < al.n; i++)
		json_array_append_new(arr, track_audit_json(&al.items[i]));
	json_object_set_new(o, "history", arr);
	arr = json_array();
	for (size_t i = 0; i < t.nunits; i++) {
		static const char *const kinds[] = {"before", "overdue"};
		for (size_t k = 0; k < 2; k++) {
			char last[STORE_DATE_LEN];
			struct dd_error e2 = {0};
			if (store_reminder_last(rq->store, t.id, t.units[i].unit_id, kinds[k], last, &e2) ==
			    1)
				json_array_append_new(arr, json_pack("{s:I,s:s?,s:s,s:s}", "unit_id",
								     (json_int_t)t.units[i].unit_id, "unit",
								     t.units[i].name, "kind", kinds[k],
								     "last", last));
		}
	}
	json_object_set_new(o, "reminders", arr);
	json_object_set_new(o, "actions", actions_json(rq, &t));
	web_json(rs, 200, o);
out:
	store_doc_release(&d);
	store_progress_list_release(&pl);
	store_extension_list_release(&el);
	store_audit_list_release(&al);
	store_task_release(&t);
	return 0;
}

/* ---- actions -------------------------------------------------------------------- */

/* Answer an action's result: the task as it is now. */
static int answer_task(struct web_req *rq, struct web_resp *rs, int status, json_t *extra)
{
	struct store_task t = {0};
	struct dd_error err = {0};
	json_t *o;

	if (store_task_get(rq->store, rq->id, &t, &err) < 0) {
		json_decref(extra);
		return web_fail_err(rs, &err);
	}
	o = json_pack("{s:o}", "task", track_task_json(&rq->track, &t));
	if (extra)
		json_object_update(o, extra);
	json_decref(extra);
	store_task_release(&t);
	return web_json(rs, status, o);
}

int api_task_progress(struct web_req *rq, struct web_resp *rs)
{
	static const char *const fields[] = {"percent",		  "note", "unit_id", "attachment_name",
					     "attachment_base64", NULL};
	struct store_task t;
	json_t *body = NULL, *jp;
	const char *note, *aname, *adata;
	unsigned char *att = NULL;
	size_t attlen = 0;
	int64_t unit = 0, pid = 0;
	struct dd_error err = {0};

	if (load_task(rq, rs, &t) < 0)
		return 0;
	if (!(body = web_body_object(rq, rs, fields)))
		goto out;
	jp = json_object_get(body, "percent");
	if (!json_is_integer(jp) || json_integer_value(jp) < 0 || json_integer_value(jp) > 100) {
		web_fail(rs, 400, "bad_request", "'percent' must be an integer 0..100");
		goto out;
	}
	if (api_opt_string(body, "note", rs, &note) < 0 ||
	    api_opt_string(body, "attachment_name", rs, &aname) < 0 ||
	    api_opt_string(body, "attachment_base64", rs, &adata) < 0)
		goto out;
	if (json_object_get(body, "unit_id") && !json_is_null(json_object_get(body, "unit_id")) &&
	    api_unit_arg(rq, rs, json_object_get(body, "unit_id"), "reporting", &unit) < 0)
		goto out;
	if ((aname != NULL) != (adata != NULL)) {
		web_fail(rs, 400, "bad_request", "an attachment needs both a name and its data");
		goto out;
	}
	if (adata) {
		size_t n = strlen(adata);
		att = xmalloc(n / 4 * 3 + 3);
		if (n / 4 * 3 > MAX_ATTACHMENT ||
		    sodium_base642bin(att, n / 4 * 3 + 3, adata, n, "\r\n", &attlen, NULL,
				      sodium_base64_VARIANT_ORIGINAL) != 0) {
			web_fail(rs, 400, "bad_request",
				 "bad or too large attachment (base64, at most %d bytes)", MAX_ATTACHMENT);
			goto out;
		}
	}
	if (track_progress(&rq->track, t.id, unit, (int)json_integer_value(jp), note, aname, att, attlen,
			   &pid, &err) < 0) {
		web_fail_err(rs, &err);
		goto out;
	}
	answer_task(rq, rs, 201, json_pack("{s:I}", "progress_id", (json_int_t)pid));
out:
	free(att);
	json_decref(body);
	store_task_release(&t);
	return 0;
}

int api_task_assign(struct web_req *rq, struct web_resp *rs)
{
	static const char *const fields[] = {"lead", "support", "due", NULL};
	json_t *body, *sup;
	int64_t lead = 0, *support = NULL;
	size_t nsup = 0;
	const char *due;
	struct dd_error err = {0};

	if (!(body = web_body_object(rq, rs, fields)))
		return 0;
	if (api_opt_string(body, "due", rs, &due) < 0)
		goto out;
	if (json_object_get(body, "lead") && !json_is_null(json_object_get(body, "lead")) &&
	    api_unit_arg(rq, rs, json_object_get(body, "lead"), "lead", &lead) < 0)
		goto out;
	sup = json_object_get(body, "support");
	if (sup && !json_is_null(sup)) {
		size_t i;
		json_t *v;
		if (!json_is_array(sup) || json_array_size(sup) > 100) {
			web_fail(rs, 400, "bad_request", "'support' must be a list of at most 100 units");
			goto out;
		}
		support = xcalloc(json_array_size(sup) + 1, sizeof(*support));
		json_array_foreach(sup, i, v)
		{
			if (api_unit_arg(rq, rs, v, "supporting", &support[nsup]) < 0)
				goto out;
			nsup++;
		}
	}
	if (track_assign(&rq->track, rq->id, lead, support, nsup, due, &err) < 0) {
		web_fail_err(rs, &err);
		goto out;
	}
	answer_task(rq, rs, 200, NULL);
out:
	free(support);
	json_decref(body);
	return 0;
}

int api_task_done(struct web_req *rq, struct web_resp *rs)
{
	static const char *const fields[] = {"action", "note", NULL};
	struct store_task t;
	json_t *body = NULL;
	const char *action, *note;
	enum track_done_mode mode = TRACK_DONE_AUTO;
	int confirmed = 0, reject = 0;
	struct dd_error err = {0};

	if (load_task(rq, rs, &t) < 0)
		return 0;
	if (!(body = web_body_object(rq, rs, fields)))
		goto out;
	if (api_opt_string(body, "action", rs, &action) < 0 || api_opt_string(body, "note", rs, &note) < 0)
		goto out;
	if (!action || strcmp(action, "auto") == 0)
		mode = TRACK_DONE_AUTO;
	else if (strcmp(action, "propose") == 0)
		mode = TRACK_DONE_PROPOSE;
	else if (strcmp(action, "confirm") == 0)
		mode = TRACK_DONE_CONFIRM;
	else if (strcmp(action, "reject") == 0)
		reject = 1;
	else {
		web_fail(rs, 400, "bad_request", "'action' must be propose, confirm or reject");
		goto out;
	}
	if (rq->role == ROLE_UNIT && (mode == TRACK_DONE_CONFIRM || reject)) {
		web_fail(rs, 403, "forbidden", "only the office confirms or rejects a task as done");
		goto out;
	}
	if (reject ? track_reject_done(&rq->track, t.id, note, &err)
		   : track_done(&rq->track, t.id, mode, &confirmed, &err)) {
		web_fail_err(rs, &err);
		goto out;
	}
	answer_task(rq, rs, 200,
		    json_pack("{s:s}", "result",
			      reject	  ? "rejected"
			      : confirmed ? "confirmed"
					  : "proposed"));
out:
	json_decref(body);
	store_task_release(&t);
	return 0;
}

int api_task_extension(struct web_req *rq, struct web_resp *rs)
{
	static const char *const fields[] = {"new_due", "reason", "unit_id", NULL};
	struct store_task t;
	json_t *body = NULL;
	const char *new_due, *reason;
	int64_t unit = 0, ext = 0;
	struct dd_error err = {0};

	if (load_task(rq, rs, &t) < 0)
		return 0;
	if (!(body = web_body_object(rq, rs, fields)))
		goto out;
	if (api_opt_string(body, "new_due", rs, &new_due) < 0 ||
	    api_opt_string(body, "reason", rs, &reason) < 0)
		goto out;
	if (!new_due || !reason || !*reason) {
		web_fail(rs, 400, "bad_request", "'new_due' and 'reason' are required");
		goto out;
	}
	if (json_object_get(body, "unit_id") && !json_is_null(json_object_get(body, "unit_id")) &&
	    api_unit_arg(rq, rs, json_object_get(body, "unit_id"), "asking", &unit) < 0)
		goto out;
	if (track_extend_request(&rq->track, t.id, unit, new_due, reason, &ext, &err) < 0) {
		web_fail_err(rs, &err);
		goto out;
	}
	answer_task(rq, rs, 201, json_pack("{s:I}", "extension_id", (json_int_t)ext));
out:
	json_decref(body);
	store_task_release(&t);
	return 0;
}

int api_task_cancel(struct web_req *rq, struct web_resp *rs)
{
	static const char *const fields[] = {"reason", NULL};
	json_t *body;
	const char *reason;
	struct dd_error err = {0};

	if (!(body = web_body_object(rq, rs, fields)))
		return 0;
	if (api_opt_string(body, "reason", rs, &reason) == 0) {
		if (!reason || !*reason)
			web_fail(rs, 400, "bad_request", "'reason' is required");
		else if (track_cancel(&rq->track, rq->id, reason, &err) < 0)
			web_fail_err(rs, &err);
		else
			answer_task(rq, rs, 200, NULL);
	}
	json_decref(body);
	return 0;
}

int api_extensions_list(struct web_req *rq, struct web_resp *rs)
{
	struct store_extension_list el = {0};
	struct dd_error err = {0};
	json_t *items;

	if (store_extension_list(rq->store, 0, &el, &err) < 0)
		return web_fail_err(rs, &err);
	items = json_array();
	for (size_t i = 0; i < el.n; i++)
		json_array_append_new(items, track_extension_json(&el.items[i]));
	store_extension_list_release(&el);
	return web_json(rs, 200, json_pack("{s:o}", "items", items));
}

int api_extension_decide(struct web_req *rq, struct web_resp *rs)
{
	static const char *const fields[] = {"approve", "note", NULL};
	json_t *body;
	const char *note;
	struct store_extension e = {0};
	struct dd_error err = {0};

	if (!(body = web_body_object(rq, rs, fields)))
		return 0;
	if (!json_is_boolean(json_object_get(body, "approve"))) {
		web_fail(rs, 400, "bad_request", "'approve' must be true or false");
		goto out;
	}
	if (api_opt_string(body, "note", rs, &note) < 0)
		goto out;
	if (track_extend_decide(&rq->track, rq->id, json_is_true(json_object_get(body, "approve")), note,
				&err) < 0 ||
	    store_extension_get(rq->store, rq->id, &e, &err) < 0) {
		web_fail_err(rs, &err);
		goto out;
	}
	web_json(rs, 200, json_pack("{s:o}", "extension", track_extension_json(&e)));
out:
	store_extension_release(&e);
	json_decref(body);
	return 0;
}
