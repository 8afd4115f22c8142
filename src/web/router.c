/* router.c - the route table of the JSON API, path matching, and response helpers */
#include "router.h"

#include <microhttpd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/log.h"
#include "web/api.h"
#include "web/mhdlib.h"

/* Every endpoint of /api/v1: who may call it is decided here first (roles), then again by
 * track/ for what the role may do to a given task. */
const struct web_route web_routes[] = {
    {"POST", "/api/v1/session", ROLE_ANY, ROUTE_PUBLIC | ROUTE_NOCSRF, api_session_create},
    {"DELETE", "/api/v1/session", ROLE_ANY, 0, api_session_delete},
    {"GET", "/api/v1/me", ROLE_ANY, 0, api_me},
    {"GET", "/api/v1/tasks", ROLE_ANY, ROUTE_CACHE, api_tasks_list},
    {"GET", "/api/v1/tasks/{id}", ROLE_ANY, 0, api_task_get},
    {"POST", "/api/v1/tasks/{id}/progress", ROLE_STAFF | ROLE_UNIT, ROUTE_UPLOAD, api_task_progress},
    {"POST", "/api/v1/tasks/{id}/assign", ROLE_STAFF, 0, api_task_assign},
    {"POST", "/api/v1/tasks/{id}/done", ROLE_STAFF | ROLE_UNIT, 0, api_task_done},
    {"POST", "/api/v1/tasks/{id}/extensions", ROLE_STAFF | ROLE_UNIT, 0, api_task_extension},
    {"POST", "/api/v1/tasks/{id}/cancel", ROLE_STAFF, 0, api_task_cancel},
    {"GET", "/api/v1/extensions", ROLE_STAFF | ROLE_LEADER, 0, api_extensions_list},
    {"POST", "/api/v1/extensions/{id}/decide", ROLE_STAFF, 0, api_extension_decide},
    {"GET", "/api/v1/documents", ROLE_STAFF | ROLE_LEADER, 0, api_docs_list},
    {"POST", "/api/v1/documents", ROLE_STAFF, ROUTE_UPLOAD, api_doc_upload},
    {"GET", "/api/v1/documents/{id}", ROLE_STAFF | ROLE_LEADER, 0, api_doc_get},
    {"POST", "/api/v1/documents/{id}/confirm", ROLE_STAFF, ROUTE_UPLOAD, api_doc_confirm},
    {"GET", "/api/v1/search", ROLE_ANY, 0, api_search},
    {"GET", "/api/v1/stats", ROLE_ANY, ROUTE_CACHE, api_stats},
    {"GET", "/api/v1/reports/monthly", ROLE_STAFF | ROLE_LEADER, 0, api_report_monthly},
    {"GET", "/api/v1/units", ROLE_ANY, 0, api_units_list},
    {"POST", "/api/v1/units", ROLE_ADMIN, 0, api_unit_create},
    {"GET", "/api/v1/users", ROLE_ADMIN, 0, api_users_list},
    {"POST", "/api/v1/users", ROLE_ADMIN, 0, api_user_create},
    {"POST", "/api/v1/users/{id}", ROLE_ADMIN, 0, api_user_update},
    {"GET", "/api/v1/settings", ROLE_ADMIN, 0, api_settings_get},
    {"POST", "/api/v1/settings", ROLE_ADMIN, 0, api_settings_set},
    {NULL, NULL, 0, 0, NULL},
};

unsigned web_role_bit(const char *role)
{
	static const struct {
		const char *name;
		unsigned bit;
	} tab[] = {
	    {"admin", ROLE_ADMIN}, {"office", ROLE_OFFICE}, {"unit", ROLE_UNIT}, {"leader", ROLE_LEADER}};
	for (size_t i = 0; role && i < sizeof(tab) / sizeof(tab[0]); i++)
		if (strcmp(role, tab[i].name) == 0)
			return tab[i].bit;
	return 0;
}

/* Match one path against a pattern; 1 on a match. */
static int match(const char *pat, const char *path, int64_t *id)
{
	while (*pat && *path) {
		if (strncmp(pat, "{id}", 4) == 0) {
			int64_t v = 0;
			size_t nd = 0;
			while (*path >= '0' && *path <= '9') {
				if (nd++ >= 15)
					return 0;
				v = v * 10 + (*path - '0');
				path++;
			}
			if (nd == 0 || v <= 0)
				return 0;
			*id = v;
			pat += 4;
			continue;
		}
		if (*pat != *path)
			return 0;
		pat++;
		path++;
	}
	return *pat == '\0' && *path == '\0';
}

const struct web_route *web_route_find(const char *method, const char *path, int64_t *id, int *path_known)
{
	*path_known = 0;
	*id = 0;
	for (const struct web_route *r = web_routes; r->method; r++) {
		int64_t v = 0;
		if (!match(r->pattern, path, &v))
			continue;
		if (strcmp(r->method, method) == 0) {
			*id = v;
			return r;
		}
		*path_known = 1;
	}
	return NULL;
}

int web_json(struct web_resp *rs, int status, json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT);

	json_decref(v);
	buf_reset(&rs->body);
	rs->content_type = "application/json; charset=utf-8";
	if (!s || buf_addstr(&rs->body, s) < 0 || buf_addch(&rs->body, '\n') < 0) {
		free(s);
		buf_reset(&rs->body);
		rs->status = 500;
		buf_addstr(&rs->body,
			   "{\"error\":{\"code\":\"internal\",\"message\":\"response too large\"}}\n");
		return 0;
	}
	free(s);
	rs->status = status;
	return 0;
}

int web_fail(struct web_resp *rs, int status, const char *code, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return web_json(rs, status, json_pack("{s:{s:s,s:s}}", "error", "code", code, "message", msg));
}

int web_fail_err(struct web_resp *rs, const struct dd_error *err)
{
	const char *msg = err->msg[0] ? err->msg : "unknown error";

	switch (err->code) {
	case DD_ERR_NOINPUT:
		return web_fail(rs, 404, "not_found", "%s", msg);
	case DD_ERR_USAGE:
		return web_fail(rs, 400, "bad_request", "%s", msg);
	case DD_ERR_DATA:
		return web_fail(rs, 422, "unprocessable", "%s", msg);
	case DD_ERR_DENIED:
		return web_fail(rs, 403, "forbidden", "%s", msg);
	default:
		LOG(LOG_ERROR, "request failed: %s", msg);
		return web_fail(rs, 500, "internal", "internal error (see the server log)");
	}
}

const char *web_query(struct web_req *rq, const char *name)
{
	if (!rq->conn)
		return NULL;
	return MHD_lookup_connection_value((struct MHD_Connection *)rq->conn, MHD_GET_ARGUMENT_KIND, name);
}

json_t *web_body_object(struct web_req *rq, struct web_resp *rs, const char *const *allowed)
{
	json_error_t jerr;
	json_t *obj;
	const char *key;
	json_t *val;

	if (rq->body_len == 0) {
		web_fail(rs, 400, "bad_json", "the request has no JSON body");
		return NULL;
	}
	obj = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (!obj) {
		web_fail(rs, 400, "bad_json", "bad JSON at line %d column %d: %s", jerr.line, jerr.column,
			 jerr.text);
		return NULL;
	}
	if (!json_is_object(obj)) {
		json_decref(obj);
		web_fail(rs, 400, "bad_json", "the body must be a JSON object");
		return NULL;
	}
	json_object_foreach(obj, key, val)
	{
		int ok = 0;
		for (size_t i = 0; allowed && allowed[i]; i++)
			if (strcmp(allowed[i], key) == 0)
				ok = 1;
		if (!ok) {
			web_fail(rs, 400, "unknown_field", "unknown field '%.100s'", key);
			json_decref(obj);
			return NULL;
		}
	}
	return obj;
}
