/* api_session.c - POST/DELETE /api/v1/session (login, logout) and GET /api/v1/me */
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "web/api.h"
#include "web/mhdlib.h"
#include "web/server.h"

static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char *dummy_hash;

static void make_dummy(void)
{
	dummy_hash = auth_hash_password("not-a-real-password", NULL);
}

/* The user as the UI needs it. */
static json_t *user_json(struct web_req *rq, const struct store_user *u)
{
	json_t *o = json_pack("{s:I,s:s,s:s?,s:s,s:s?,s:b}", "id", (json_int_t)u->id, "username", u->username,
			      "display_name", u->display_name, "role", u->role, "email", u->email, "active",
			      u->active);
	if (u->unit_id) {
		struct store_unit unit = {0};
		struct dd_error err = {0};
		json_object_set_new(o, "unit_id", json_integer(u->unit_id));
		if (store_unit_get(rq->store, u->unit_id, &unit, &err) == 0)
			json_object_set_new(o, "unit_name", json_string(unit.name));
		store_unit_release(&unit);
	} else {
		json_object_set_new(o, "unit_id", json_null());
	}
	return o;
}

int api_session_create(struct web_req *rq, struct web_resp *rs)
{
	static const char *const fields[] = {"username", "password", NULL};
	struct web_server *srv = rq->srv;
	const char *ctype =
	    MHD_lookup_connection_value((struct MHD_Connection *)rq->conn, MHD_HEADER_KIND, "Content-Type");
	json_t *body = NULL;
	const char *name, *pw;
	char ukey[AUTH_NAME_MAX + 4], akey[80];
	struct store_user u = {0};
	struct dd_error err = {0};
	struct auth_session s;
	time_t now = time(NULL);
	long wait;
	int found;

	/* a cross-site form cannot send application/json without a CORS preflight */
	if (!ctype || strncmp(ctype, "application/json", 16) != 0)
		return web_fail(rs, 415, "unsupported_media_type",
				"login needs Content-Type application/json");
	if (!(body = web_body_object(rq, rs, fields)))
		return 0;
	name = json_string_value(json_object_get(body, "username"));
	pw = json_string_value(json_object_get(body, "password"));
	if (!name || !pw) {
		web_fail(rs, 400, "bad_request", "'username' and 'password' must be strings");
		goto out;
	}
	if (!auth_valid_username(name) || strlen(pw) > 256) {
		web_fail(rs, 401, "bad_credentials", "wrong user name or password");
		goto out;
	}
	snprintf(ukey, sizeof(ukey), "u:%s", name);
	snprintf(akey, sizeof(akey), "a:%s", rq->addr);
	wait = auth_throttle_check(srv->throttle_user, ukey, now);
	if (!wait)
		wait = auth_throttle_check(srv->throttle_addr, akey, now);
	if (wait) {
		rs->retry_after = wait;
		web_fail(rs, 429, "too_many_attempts", "too many failed logins; try again in %ld seconds",
			 wait);
		goto out;
	}
	found = store_user_find(rq->store, name, &u, &err);
	if (found < 0) {
		web_fail_err(rs, &err);
		goto out;
	}
	if (found == 0) {
		/* spend the same time as a real check so names cannot be probed by timing */
		pthread_once(&dummy_once, make_dummy);
		auth_check_password(dummy_hash, pw);
	}
	if (found == 0 || !u.active || !auth_check_password(u.password_hash, pw)) {
		auth_throttle_fail(srv->throttle_user, ukey, now);
		auth_throttle_fail(srv->throttle_addr, akey, now);
		web_fail(rs, 401, "bad_credentials", "wrong user name or password");
		goto out;
	}
	auth_throttle_reset(srv->throttle_user, ukey);
	auth_session_create(srv->sessions, u.username, u.id, u.password_hash, now, &s);
	rs->set_cookie = xasprintf("dd_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%ld", s.token,
				   srv->cfg->session_max);
	web_json(rs, 200, json_pack("{s:s,s:o}", "csrf_token", s.csrf, "user", user_json(rq, &u)));
out:
	store_user_release(&u);
	json_decref(body);
	return 0;
}

int api_session_delete(struct web_req *rq, struct web_resp *rs)
{
	auth_session_delete(rq->srv->sessions, rq->sess.token);
	rs->set_cookie = xstrdup("dd_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	return web_json(rs, 200, json_pack("{s:b}", "ok", 1));
}

int api_me(struct web_req *rq, struct web_resp *rs)
{
	return web_json(rs, 200,
			json_pack("{s:s,s:o,s:s}", "csrf_token", rq->sess.csrf, "user",
				  user_json(rq, &rq->user), "today", rq->track.today_iso));
}
