/* test_web_router.c - route matching ({id}, 404 vs 405), roles, JSON errors and embedded assets */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "web/api.h"
#include "web/assets.h"
#include "web/router.h"

static void test_match(void **state)
{
	const struct web_route *r;
	int64_t id;
	int known;

	(void)state;
	r = web_route_find("GET", "/api/v1/tasks", &id, &known);
	assert_non_null(r);
	assert_ptr_equal(r->fn, api_tasks_list);
	assert_int_equal(id, 0);

	r = web_route_find("GET", "/api/v1/tasks/42", &id, &known);
	assert_non_null(r);
	assert_ptr_equal(r->fn, api_task_get);
	assert_int_equal(id, 42);

	r = web_route_find("POST", "/api/v1/tasks/7/progress", &id, &known);
	assert_non_null(r);
	assert_ptr_equal(r->fn, api_task_progress);
	assert_int_equal(id, 7);
	assert_true(r->flags & ROUTE_UPLOAD);

	r = web_route_find("POST", "/api/v1/session", &id, &known);
	assert_non_null(r);
	assert_true(r->flags & ROUTE_PUBLIC);
	assert_true(r->flags & ROUTE_NOCSRF);
}

static void test_no_match(void **state)
{
	int64_t id;
	int known;

	(void)state;
	/* known path, other method: 405 */
	assert_null(web_route_find("PUT", "/api/v1/tasks/1", &id, &known));
	assert_int_equal(known, 1);
	assert_null(web_route_find("DELETE", "/api/v1/tasks", &id, &known));
	assert_int_equal(known, 1);
	/* unknown paths and bad ids: 404 */
	static const char *const bad[] = {
	    "/api/v1/task",
	    "/api/v1/tasks/",
	    "/api/v1/tasks/abc",
	    "/api/v1/tasks/0",
	    "/api/v1/tasks/-1",
	    "/api/v1/tasks/1x",
	    "/api/v1/tasks/12345678901234567",
	    "/api/v1/tasks/1/progress/x",
	    "/api/v2/tasks",
	    "",
	    "/",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_null(web_route_find("GET", bad[i], &id, &known));
		assert_int_equal(known, 0);
	}
}

static void test_table(void **state)
{
	(void)state;
	/* every route: a method, a pattern under /api/v1, a handler and some role allowed;
	 * a state-changing route without a session must be the login */
	for (const struct web_route *r = web_routes; r->method; r++) {
		assert_non_null(r->fn);
		assert_int_equal(strncmp(r->pattern, "/api/v1/", 8), 0);
		assert_true(r->roles & ROLE_ANY);
		if (r->flags & ROUTE_PUBLIC)
			assert_string_equal(r->pattern, "/api/v1/session");
		/* nothing that writes is open to the leader role */
		if (strcmp(r->method, "GET") != 0 && !(r->flags & ROUTE_PUBLIC) &&
		    strcmp(r->method, "DELETE") != 0)
			assert_false(r->roles & ROLE_LEADER);
	}
}

static void test_roles(void **state)
{
	(void)state;
	assert_int_equal(web_role_bit("admin"), ROLE_ADMIN);
	assert_int_equal(web_role_bit("office"), ROLE_OFFICE);
	assert_int_equal(web_role_bit("unit"), ROLE_UNIT);
	assert_int_equal(web_role_bit("leader"), ROLE_LEADER);
	assert_int_equal(web_role_bit("Admin"), 0);
	assert_int_equal(web_role_bit(""), 0);
	assert_int_equal(web_role_bit(NULL), 0);
}

static void test_errors(void **state)
{
	struct web_resp rs;
	struct dd_error err = {0};

	(void)state;
	memset(&rs, 0, sizeof(rs));
	buf_init(&rs.body, 4096);
	web_fail(&rs, 400, "bad_request", "bad '%s'", "x\"y");
	assert_int_equal(rs.status, 400);
	assert_string_equal(buf_str(&rs.body),
			    "{\"error\":{\"code\":\"bad_request\",\"message\":\"bad 'x\\\"y'\"}}\n");
	dd_error_code(&err, DD_ERR_NOINPUT, "no task 5");
	web_fail_err(&rs, &err);
	assert_int_equal(rs.status, 404);
	dd_error_code(&err, DD_ERR_USAGE, "bad date");
	web_fail_err(&rs, &err);
	assert_int_equal(rs.status, 400);
	dd_error_code(&err, DD_ERR_DATA, "it is done");
	web_fail_err(&rs, &err);
	assert_int_equal(rs.status, 422);
	dd_error_code(&err, DD_ERR_RUNTIME, "disk I/O error");
	web_fail_err(&rs, &err);
	assert_int_equal(rs.status, 500);
	assert_null(strstr(buf_str(&rs.body), "disk")); /* internals stay in the log */
	buf_release(&rs.body);
}

static void test_body(void **state)
{
	static const char *const fields[] = {"a", "b", NULL};
	struct web_req rq;
	struct web_resp rs;
	json_t *o;

	(void)state;
	memset(&rq, 0, sizeof(rq));
	memset(&rs, 0, sizeof(rs));
	buf_init(&rs.body, 4096);
	rq.body = "{\"a\": 1}";
	rq.body_len = strlen(rq.body);
	o = web_body_object(&rq, &rs, fields);
	assert_non_null(o);
	json_decref(o);

	static const char *const bad[] = {"{\"a\": 1, \"c\": 2}", "[1]", "{", "", "\"x\"",
					  "{\"a\":1,\"a\":2}"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		rq.body = bad[i];
		rq.body_len = strlen(bad[i]);
		rs.status = 0;
		assert_null(web_body_object(&rq, &rs, fields));
		assert_int_equal(rs.status, 400);
	}
	buf_release(&rs.body);
}

static void test_assets(void **state)
{
	const struct asset *a;

	(void)state;
	assets_init();
	a = assets_find("/");
	assert_non_null(a);
	assert_string_equal(a->path, "index.html");
	assert_string_equal(a->type, "text/html; charset=utf-8");
	assert_int_equal(strlen(a->etag), 18);
	a = assets_find("/js/app.js");
	assert_non_null(a);
	assert_string_equal(a->type, "text/javascript; charset=utf-8");
	assert_null(assets_find("/../CMakeLists.txt"));
	assert_null(assets_find("/js/../index.html"));
	assert_null(assets_find("//index.html"));
	assert_null(assets_find("/nothing.html"));
	assert_string_equal(assets_type("x.css"), "text/css; charset=utf-8");
	assert_string_equal(assets_type("x"), "application/octet-stream");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_match),  cmocka_unit_test(test_no_match), cmocka_unit_test(test_table),
	    cmocka_unit_test(test_roles),  cmocka_unit_test(test_errors),   cmocka_unit_test(test_body),
	    cmocka_unit_test(test_assets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
