/* api_admin.c - /api/v1/stats (dashboard figures), /api/v1/units and /api/v1/users */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "web/api.h"
#include "web/server.h"

/* ---- statistics ----------------------------------------------------------------- */

/* Number of tasks with status st (TRACK_NSTATUS: any) due within [from, to], of unit
 * (0: any); -1 on error. */
static int64_t count_tasks(struct web_req *rq, enum track_status st, const char *from, const char *to,
			   int64_t unit, struct dd_error *err)
{
	struct store_task_filter f;
	struct store_task_list l = {0};
	int64_t n;

	store_task_filter_init(&f);
	if (st != TRACK_NSTATUS)
		track_status_filter(st, rq->track.today_iso, &f);
	if (from) {
		size_t k = strnlen(from, sizeof(f.due_from) - 1);
		memcpy(f.due_from, from, k);
		f.due_from[k] = '\0';
	}
	if (to) {
		size_t k = strnlen(to, sizeof(f.due_to) - 1);
		memcpy(f.due_to, to, k);
		f.due_to[k] = '\0';
	}
	f.unit_id = unit;
	f.lead_only = unit != 0;
	f.limit = 1;
	if (store_task_list(rq->store, &f, &l, err) < 0)
		return -1;
	n = l.total;
	store_task_list_release(&l);
	return n;
}

static json_t *status_counts_json(struct web_req *rq, const struct track_stats_row *r)
{
	json_t *a = json_array();

	for (int st = 0; st < TRACK_NSTATUS; st++) {
		struct buf name = BUF_INIT;
		track_status_name(&rq->track, (enum track_status)st, &name);
		json_array_append_new(a, json_pack("{s:s,s:s,s:I}", "status",
						   track_status_code((enum track_status)st), "name",
						   buf_str(&name), "count", (json_int_t)(r ? r->n[st] : 0)));
		buf_release(&name);
	}
	return a;
}

int api_stats(struct web_req *rq, struct web_resp *rs)
{
	struct track_stats_row *rows = NULL, *urows = NULL, *mine = NULL;
	size_t nrows = 0, nurows = 0;
	struct store_unit_list units = {0};
	struct dd_error err = {0};
	struct track_query q;
	struct store_task_list overdue = {0};
	char unitbuf[32];
	int64_t unit = rq->role == ROLE_UNIT ? rq->user.unit_id : 0;
	json_t *o = NULL, *by_unit, *months, *ov;

	if (track_stats(&rq->track, NULL, NULL, 0, &rows, &nrows, &err) < 0 ||
	    track_stats(&rq->track, NULL, NULL, 1, &urows, &nurows, &err) < 0 ||
	    store_unit_list(rq->store, 1, &units, &err) < 0)
		goto fail;
	by_unit = json_array();
	for (size_t i = 0; i < nurows; i++) {
		const struct track_stats_row *r = &urows[i];
		const char *name = NULL;
		int64_t done = r->n[TRACK_DONE_ON_TIME] + r->n[TRACK_DONE_LATE];
		if (unit && r->unit_id != unit)
			continue;
		if (unit)
			mine = &urows[i];
		for (size_t k = 0; k < units.n; k++)
			if (units.items[k].id == r->unit_id)
				name = units.items[k].name;
		json_t *row = json_pack(
		    "{s:o,s:s,s:I,s:I,s:I,s:I,s:I,s:I}", "unit_id",
		    r->unit_id ? json_integer(r->unit_id) : json_null(), "unit", name ? name : "(chưa giao)",
		    "total", (json_int_t)r->total, "done_on_time", (json_int_t)r->n[TRACK_DONE_ON_TIME],
		    "done_late", (json_int_t)r->n[TRACK_DONE_LATE], "overdue",
		    (json_int_t)r->n[TRACK_OVERDUE], "in_progress", (json_int_t)r->n[TRACK_IN_PROGRESS],
		    "not_started", (json_int_t)r->n[TRACK_NOT_STARTED]);
		json_object_set_new(row, "on_time_rate",
				    done ? json_real((double)r->n[TRACK_DONE_ON_TIME] / (double)done)
					 : json_null());
		json_array_append_new(by_unit, row);
	}
	o = json_pack("{s:s,s:o,s:o}", "today", rq->track.today_iso, "counts",
		      status_counts_json(rq, unit ? mine : (nrows ? &rows[0] : NULL)), "by_unit", by_unit);

	/* the last six months, by deadline: due, done on time, done late, overdue */
	months = json_array();
	for (int back = 5; back >= 0; back--) {
		int y = rq->track.today.y, m = rq->track.today.m - back;
		char from[32], to[32], label[24];
		int64_t n[4];
		static const enum track_status sts[4] = {TRACK_NSTATUS, TRACK_DONE_ON_TIME, TRACK_DONE_LATE,
							 TRACK_OVERDUE};
		while (m < 1) {
			m += 12;
			y--;
		}
		snprintf(from, sizeof(from), "%04d-%02d-01", y, m);
		snprintf(to, sizeof(to), "%04d-%02d-%02d", y, m, vn_days_in_month(y, m));
		snprintf(label, sizeof(label), "%02d/%04d", m, y);
		for (int k = 0; k < 4; k++)
			if ((n[k] = count_tasks(rq, sts[k], from, to, unit, &err)) < 0)
				goto fail;
		json_array_append_new(months,
				      json_pack("{s:s,s:s,s:I,s:I,s:I,s:I}", "month", label, "from", from,
						"due", (json_int_t)n[0], "done_on_time", (json_int_t)n[1],
						"done_late", (json_int_t)n[2], "overdue", (json_int_t)n[3]));
	}
	json_object_set_new(o, "months", months);

	memset(&q, 0, sizeof(q));
	q.overdue = 1;
	q.limit = 10;
	if (unit) {
		snprintf(unitbuf, sizeof(unitbuf), "%lld", (long long)unit);
		q.unit = unitbuf;
	}
	if (track_tasks(&rq->track, &q, &overdue, &err) < 0)
		goto fail;
	ov = json_array();
	for (size_t i = 0; i < overdue.n; i++)
		json_array_append_new(ov, track_task_json(&rq->track, &overdue.items[i]));
	json_object_set_new(o, "overdue", ov);
	json_object_set_new(o, "overdue_total", json_integer(overdue.total));
	web_json(rs, 200, o);
	o = NULL;
	goto out;
fail:
	web_fail_err(rs, &err);
out:
	json_decref(o);
	free(rows);
	free(urows);
	store_unit_list_release(&units);
	store_task_list_release(&overdue);
	return 0;
}

/* ---- units ---------------------------------------------------------------------- */

int api_units_list(struct web_req *rq, struct web_resp *rs)
{
	struct store_unit_list l = {0};
	struct dd_error err = {0};
	int64_t all;
	json_t *items;

	if (api_query_int(rq, rs, "all", 0, 1, &all) < 0)
		return 0;
	if (store_unit_list(rq->store, (int)all, &l, &err) < 0)
		return web_fail_err(rs, &err);
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, track_unit_json(&l.items[i]));
	store_unit_list_release(&l);
	return web_json(rs, 200, json_pack("{s:o}", "items", items));
}

int api_unit_create(struct web_req *rq, struct web_resp *rs)
{
	static const char *const fields[] = {"name", "short_name", "kind", "parent_id", "email", NULL};
	json_t *body;
	const char *name, *short_name, *kind, *email;
	int64_t parent = 0, id = 0, existing = 0;
	struct store_unit u = {0};
	struct dd_error err = {0};

	if (!(body = web_body_object(rq, rs, fields)))
		return 0;
	if (api_opt_string(body, "name", rs, &name) < 0 ||
	    api_opt_string(body, "short_name", rs, &short_name) < 0 ||
	    api_opt_string(body, "kind", rs, &kind) < 0 || api_opt_string(body, "email", rs, &email) < 0)
		goto out;
	if (!name || !*name || strlen(name) > 300) {
		web_fail(rs, 400, "bad_request", "'name' is required (at most 300 bytes)");
		goto out;
	}
	if (json_object_get(body, "parent_id") && !json_is_null(json_object_get(body, "parent_id")) &&
	    api_unit_arg(rq, rs, json_object_get(body, "parent_id"), "parent", &parent) < 0)
		goto out;
	if (store_unit_find(rq->store, name, 0, &existing, &err) == 1) {
		web_fail(rs, 409, "exists", "a unit named '%.200s' exists already", name);
		goto out;
	}
	dd_error_clear(&err);
	if (store_unit_add(rq->store, name, short_name, kind, parent, email, &id, &err) < 0 ||
	    store_unit_get(rq->store, id, &u, &err) < 0) {
		web_fail_err(rs, &err);
		goto out;
	}
	web_json(rs, 201, track_unit_json(&u));
out:
	store_unit_release(&u);
	json_decref(body);
	return 0;
}

/* ---- users ---------------------------------------------------------------------- */

static json_t *user_row(const struct store_user *u)
{
	json_t *o = json_pack("{s:I,s:s,s:s?,s:s,s:s?,s:b,s:s?}", "id", (json_int_t)u->id, "username",
			      u->username, "display_name", u->display_name, "role", u->role, "email",
			      u->email, "active", u->active, "created_at", u->created_at);
	json_object_set_new(o, "unit_id", u->unit_id ? json_integer(u->unit_id) : json_null());
	return o;
}

int api_users_list(struct web_req *rq, struct web_resp *rs)
{
	struct store_user_list l = {0};
	struct dd_error err = {0};
	json_t *items;

	if (store_user_list(rq->store, &l, &err) < 0)
		return web_fail_err(rs, &err);
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, user_row(&l.items[i]));
	store_user_list_release(&l);
	return web_json(rs, 200, json_pack("{s:o}", "items", items));
}

int api_user_create(struct web_req *rq, struct web_resp *rs)
{
	static const char *const fields[] = {"username",     "password", "role", "unit",
					     "display_name", "email",	 NULL};
	json_t *body, *ju;
	const char *name, *pw, *role, *display, *email;
	int64_t unit = 0, id = 0;
	char *hash = NULL;
	struct store_user u = {0};
	struct dd_error err = {0};
	int r;

	if (!(body = web_body_object(rq, rs, fields)))
		return 0;
	if (api_opt_string(body, "username", rs, &name) < 0 ||
	    api_opt_string(body, "password", rs, &pw) < 0 || api_opt_string(body, "role", rs, &role) < 0 ||
	    api_opt_string(body, "display_name", rs, &display) < 0 ||
	    api_opt_string(body, "email", rs, &email) < 0)
		goto out;
	if (!name || !auth_valid_username(name)) {
		web_fail(rs, 400, "bad_request", "'username' must be 1-63 letters, digits, '.', '_' or '-'");
		goto out;
	}
	if (!role || !web_role_bit(role)) {
		web_fail(rs, 400, "bad_request", "'role' must be admin, office, unit or leader");
		goto out;
	}
	ju = json_object_get(body, "unit");
	if (strcmp(role, "unit") == 0) {
		if (!ju || json_is_null(ju)) {
			web_fail(rs, 400, "bad_request", "a unit account needs 'unit'");
			goto out;
		}
		if (api_unit_arg(rq, rs, ju, "user's", &unit) < 0)
			goto out;
	} else if (ju && !json_is_null(ju)) {
		web_fail(rs, 400, "bad_request", "only unit accounts have a 'unit'");
		goto out;
	}
	if (!pw) {
		web_fail(rs, 400, "bad_request", "'password' is required");
		goto out;
	}
	if (!(hash = auth_hash_password(pw, &err))) {
		web_fail(rs, 400, "bad_password", "%s", err.msg);
		goto out;
	}
	r = store_user_find(rq->store, name, &u, &err);
	store_user_release(&u);
	memset(&u, 0, sizeof(u));
	if (r != 0) {
		if (r < 0)
			web_fail_err(rs, &err);
		else
			web_fail(rs, 409, "exists", "user '%s' exists already", name);
		goto out;
	}
	if (store_user_create(rq->store, name, display, role, unit, email, hash, &id, &err) < 0 ||
	    store_user_get(rq->store, id, &u, &err) < 0) {
		web_fail_err(rs, &err);
		goto out;
	}
	web_json(rs, 201, user_row(&u));
out:
	free(hash);
	store_user_release(&u);
	json_decref(body);
	return 0;
}

/* POST /users/{id} {"active": bool, "password": "..."}: disable/enable, reset password. */
int api_user_update(struct web_req *rq, struct web_resp *rs)
{
	static const char *const fields[] = {"active", "password", NULL};
	json_t *body, *ja;
	const char *pw;
	char *hash = NULL;
	struct store_user u = {0};
	struct dd_error err = {0};

	if (!(body = web_body_object(rq, rs, fields)))
		return 0;
	ja = json_object_get(body, "active");
	if (ja && !json_is_boolean(ja)) {
		web_fail(rs, 400, "bad_request", "'active' must be true or false");
		goto out;
	}
	if (api_opt_string(body, "password", rs, &pw) < 0)
		goto out;
	if (pw && !(hash = auth_hash_password(pw, &err))) {
		web_fail(rs, 400, "bad_password", "%s", err.msg);
		goto out;
	}
	if (store_user_get(rq->store, rq->id, &u, &err) < 0) {
		web_fail_err(rs, &err);
		goto out;
	}
	if (ja && !json_is_true(ja) && u.id == rq->user.id) {
		web_fail(rs, 409, "conflict", "you cannot disable your own account");
		goto out;
	}
	if (store_begin(rq->store, &err) < 0)
		goto fail;
	if ((ja && store_user_set_active(rq->store, u.id, json_is_true(ja), &err) < 0) ||
	    (hash && store_user_set_password_hash(rq->store, u.id, hash, &err) < 0)) {
		store_rollback(rq->store);
		goto fail;
	}
	if (store_commit(rq->store, &err) < 0)
		goto fail;
	if ((ja && !json_is_true(ja)) || hash)
		auth_session_delete_user(rq->srv->sessions, u.username);
	store_user_release(&u);
	memset(&u, 0, sizeof(u));
	if (store_user_get(rq->store, rq->id, &u, &err) < 0)
		goto fail;
	web_json(rs, 200, user_row(&u));
	goto out;
fail:
	web_fail_err(rs, &err);
out:
	free(hash);
	store_user_release(&u);
	json_decref(body);
	return 0;
}

/* ---- settings ------------------------------------------------------------------- */

/* The settings the web UI may change: the names of the statuses. */
static int status_of_key(const char *key, enum track_status *st)
{
	if (strncmp(key, "status.", 7) != 0)
		return -1;
	for (int i = 0; i < TRACK_NSTATUS; i++)
		if (strcmp(key + 7, track_status_code((enum track_status)i)) == 0) {
			*st = (enum track_status)i;
			return 0;
		}
	return -1;
}

int api_settings_get(struct web_req *rq, struct web_resp *rs)
{
	json_t *items = json_array();

	for (int i = 0; i < TRACK_NSTATUS; i++) {
		struct buf name = BUF_INIT;
		char key[64];
		enum track_status st = (enum track_status)i;
		snprintf(key, sizeof(key), "status.%s", track_status_code(st));
		track_status_name(&rq->track, st, &name);
		json_array_append_new(items, json_pack("{s:s,s:s,s:s}", "key", key, "value", buf_str(&name),
						       "default", track_status_default_name(st)));
		buf_release(&name);
	}
	return web_json(rs, 200, json_pack("{s:o}", "items", items));
}

/* POST /settings {"key": "status.overdue", "value": "..." | null (back to the default)} */
int api_settings_set(struct web_req *rq, struct web_resp *rs)
{
	static const char *const fields[] = {"key", "value", NULL};
	json_t *body;
	const char *key, *value;
	enum track_status st;
	struct dd_error err = {0};

	if (!(body = web_body_object(rq, rs, fields)))
		return 0;
	if (api_opt_string(body, "key", rs, &key) < 0 || api_opt_string(body, "value", rs, &value) < 0)
		goto out;
	if (!key || status_of_key(key, &st) < 0) {
		web_fail(rs, 400, "bad_request", "'key' must be status.CODE (e.g. status.overdue)");
		goto out;
	}
	if (value && (!*value || strlen(value) > 100)) {
		web_fail(rs, 400, "bad_request", "'value' must be 1-100 bytes, or null for the default");
		goto out;
	}
	if (store_setting_set(rq->store, key, value, &err) < 0) {
		web_fail_err(rs, &err);
		goto out;
	}
	web_json(rs, 200,
		 json_pack("{s:s,s:s}", "key", key, "value", value ? value : track_status_default_name(st)));
out:
	json_decref(body);
	return 0;
}
