/* test_track.c - unit tests of the follow-up rules: statuses, roles, done/confirm, extensions, stats */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "track/track.h"

struct fx {
	struct store *s;
	int64_t ua, ub, tasks[4];
};

static void date_of(const char *iso, struct vn_date *d)
{
	assert_int_equal(vn_date_parse_iso(iso, d), 0);
}

static int setup(void **state)
{
	struct dd_error err = {0};
	struct fx *f = calloc(1, sizeof(*f));
	struct store_import_result res;
	struct store_task_filter flt;
	struct store_task_list l;
	json_error_t je;
	json_t *j = json_loads(
		"{\"schema\":\"dondoc.extract/1\",\"number\":\"1-TB/TU\",\"tasks\":["
		"{\"id\":\"1\",\"text\":\"Nhiệm vụ một\",\"deadline\":{\"date\":\"2021-03-31\",\"kind\":\"by\"}},"
		"{\"id\":\"2\",\"text\":\"Nhiệm vụ hai\",\"deadline\":{\"date\":\"2021-03-31\",\"kind\":\"by\"}},"
		"{\"id\":\"3\",\"text\":\"Nhiệm vụ ba thường xuyên\",\"deadline\":{\"date\":null,\"kind\":\"recurring\"}},"
		"{\"id\":\"4\",\"text\":\"Nhiệm vụ bốn\",\"deadline\":null}]}", 0, &je);
	assert_non_null(j);
	f->s = store_open(":memory:", NULL, &err);
	assert_non_null(f->s);
	assert_int_equal(store_unit_add(f->s, "Đơn vị Thử A", NULL, NULL, 0, "a@example.org", &f->ua,
					&err), 0);
	assert_int_equal(store_unit_add(f->s, "Đơn vị Thử B", NULL, NULL, 0, NULL, &f->ub, &err), 0);
	assert_int_equal(store_user_create(f->s, "ua", NULL, "unit", f->ua, NULL, NULL, NULL, &err), 0);
	assert_int_equal(store_user_create(f->s, "ld", NULL, "leader", 0, NULL, NULL, NULL, &err), 0);
	assert_int_equal(store_import_extract(f->s, j, "x", 1, "x.txt", 0, &res, &err), 0);
	json_decref(j);
	store_task_filter_init(&flt);
	assert_int_equal(store_task_list(f->s, &flt, &l, &err), 0);
	assert_int_equal(l.n, 4);
	for (size_t i = 0; i < 4; i++) {
		int k = l.items[i].ref[0] - '1';
		f->tasks[k] = l.items[i].id;
	}
	store_task_list_release(&l);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->s);
	free(f);
	return 0;
}

static enum track_status status(struct fx *f, int64_t id, const char *today)
{
	struct dd_error err = {0};
	struct store_task t;
	assert_int_equal(store_task_get(f->s, id, &t, &err), 0);
	enum track_status st = track_status_of(&t, today);
	store_task_release(&t);
	return st;
}

/* The SQL filter of each status finds exactly the tasks track_status_of says have it. */
static void assert_filters_agree(struct fx *f, const char *today)
{
	struct dd_error err = {0};
	for (int st = 0; st < TRACK_NSTATUS; st++) {
		struct store_task_filter flt;
		struct store_task_list l;
		int expect = 0;
		for (int k = 0; k < 4; k++)
			expect += status(f, f->tasks[k], today) == (enum track_status)st;
		store_task_filter_init(&flt);
		track_status_filter((enum track_status)st, today, &flt);
		assert_int_equal(store_task_list(f->s, &flt, &l, &err), 0);
		if (l.total != expect)
			fail_msg("status %s on %s: filter %lld, rule %d", track_status_code(st), today,
				 (long long)l.total, expect);
		for (size_t i = 0; i < l.n; i++)
			assert_int_equal(track_status_of(&l.items[i], today), st);
		store_task_list_release(&l);
	}
}

static void test_status_names(void **state)
{
	enum track_status st;
	(void)state;
	assert_string_equal(track_status_default_name(TRACK_OVERDUE), "Quá hạn");
	assert_string_equal(track_status_default_name(TRACK_DONE_ON_TIME), "Hoàn thành đúng hạn");
	assert_string_equal(track_status_default_name(TRACK_IN_PROGRESS), "Đang thực hiện trong hạn");
	assert_int_equal(track_status_parse("qua han", &st), 0);
	assert_int_equal(st, TRACK_OVERDUE);
	assert_int_equal(track_status_parse("HOÀN THÀNH ĐÚNG HẠN", &st), 0);
	assert_int_equal(st, TRACK_DONE_ON_TIME);
	assert_int_equal(track_status_parse("done-late", &st), 0);
	assert_int_equal(st, TRACK_DONE_LATE);
	assert_int_equal(track_status_parse("dung thuc hien", &st), 0);
	assert_int_equal(st, TRACK_CANCELLED);
	assert_int_equal(track_status_parse("nonsense", &st), -1);
	assert_int_equal(track_status_parse("", &st), -1);
}

static void test_status_rules(void **state)
{
	struct fx *f = *state;
	struct dd_error err = {0};
	struct track t;
	struct vn_date d;
	struct buf name = BUF_INIT;

	assert_int_equal(status(f, f->tasks[0], "2021-03-10"), TRACK_NOT_STARTED);
	assert_int_equal(status(f, f->tasks[0], "2021-03-31"), TRACK_NOT_STARTED);
	assert_int_equal(status(f, f->tasks[0], "2021-04-01"), TRACK_OVERDUE);
	assert_int_equal(status(f, f->tasks[2], "2030-01-01"), TRACK_RECURRING);
	assert_int_equal(status(f, f->tasks[3], "2030-01-01"), TRACK_NOT_STARTED);
	assert_filters_agree(f, "2021-03-10");
	assert_filters_agree(f, "2021-04-05");

	date_of("2021-03-15", &d);
	assert_int_equal(track_init(&t, f->s, &d, "vanphong", &err), 0);
	assert_string_equal(t.role, "office");
	assert_int_equal(track_assign(&t, f->tasks[0], f->ua, &f->ub, 1, NULL, &err), 0);
	assert_int_equal(track_assign(&t, f->tasks[1], f->ua, NULL, 0, NULL, &err), 0);
	assert_int_equal(track_progress(&t, f->tasks[0], 0, 30, "bắt đầu", NULL, NULL, 0, NULL, &err), 0);
	assert_int_equal(status(f, f->tasks[0], "2021-03-15"), TRACK_IN_PROGRESS);
	/* the confirm date decides: 03-20 on time */
	track_release(&t);
	date_of("2021-03-20", &d);
	assert_int_equal(track_init(&t, f->s, &d, NULL, &err), 0);
	assert_int_equal(track_done(&t, f->tasks[0], TRACK_DONE_AUTO, NULL, &err), 0);
	track_release(&t);
	date_of("2021-04-02", &d);
	assert_int_equal(track_init(&t, f->s, &d, NULL, &err), 0);
	assert_int_equal(track_done(&t, f->tasks[1], TRACK_DONE_CONFIRM, NULL, &err), 0);
	assert_int_equal(track_cancel(&t, f->tasks[3], "không còn phù hợp", &err), 0);
	assert_int_equal(track_cancel(&t, f->tasks[3], "lần hai", &err), -1);
	assert_int_equal(status(f, f->tasks[0], "2021-05-01"), TRACK_DONE_ON_TIME);
	assert_int_equal(status(f, f->tasks[1], "2021-05-01"), TRACK_DONE_LATE);
	assert_int_equal(status(f, f->tasks[3], "2021-05-01"), TRACK_CANCELLED);
	assert_filters_agree(f, "2021-05-01");

	/* configurable names */
	assert_int_equal(store_setting_set(f->s, "status.done_late", "Xong nhưng trễ", &err), 0);
	track_status_name(&t, TRACK_DONE_LATE, &name);
	assert_string_equal(buf_str(&name), "Xong nhưng trễ");
	buf_release(&name);
	track_release(&t);
}

static void test_roles(void **state)
{
	struct fx *f = *state;
	struct dd_error err = {0};
	struct track off, unit, lead;
	struct vn_date d;
	int confirmed = -1;
	int64_t ext;
	struct store_task task;

	date_of("2021-03-25", &d);
	assert_int_equal(track_init(&off, f->s, &d, "vanphong", &err), 0);
	assert_int_equal(track_init(&unit, f->s, &d, "ua", &err), 0);
	assert_int_equal(track_init(&lead, f->s, &d, "ld", &err), 0);
	assert_string_equal(unit.role, "unit");
	assert_int_equal(unit.actor_unit, f->ua);

	/* a unit cannot act on a task not assigned to it, nor assign */
	assert_int_equal(track_progress(&unit, f->tasks[0], 0, 10, "x", NULL, NULL, 0, NULL, &err), -1);
	assert_int_equal(track_assign(&unit, f->tasks[0], f->ua, NULL, 0, NULL, &err), -1);
	assert_int_equal(track_assign(&off, f->tasks[0], f->ua, NULL, 0, "2021-03-31", &err), 0);
	assert_int_equal(track_assign(&off, f->tasks[0], f->ua, &f->ua, 1, NULL, &err), -1);
	assert_int_equal(track_assign(&off, f->tasks[0], 0, NULL, 0, "31/3/2021", &err), -1);
	assert_int_equal(track_progress(&unit, f->tasks[0], f->ub, 10, "x", NULL, NULL, 0, NULL, &err), -1);
	assert_int_equal(track_progress(&unit, f->tasks[0], 0, 10, "", NULL, NULL, 0, NULL, &err), -1);
	assert_int_equal(track_progress(&unit, f->tasks[0], 0, 70, "gần xong", "bc.pdf", "%PDF", 4, NULL,
					&err), 0);
	assert_int_equal(track_progress(&lead, f->tasks[0], 0, 80, "x", NULL, NULL, 0, NULL, &err), -1);

	/* unit proposes, cannot confirm; the office confirms */
	assert_int_equal(track_done(&unit, f->tasks[0], TRACK_DONE_CONFIRM, NULL, &err), -1);
	assert_int_equal(track_done(&unit, f->tasks[0], TRACK_DONE_AUTO, &confirmed, &err), 0);
	assert_int_equal(confirmed, 0);
	assert_int_equal(track_done(&unit, f->tasks[0], TRACK_DONE_AUTO, NULL, &err), -1);
	assert_int_equal(store_task_get(f->s, f->tasks[0], &task, &err), 0);
	assert_int_equal(task.state, STORE_TASK_PROPOSED);
	assert_string_equal(task.proposed_date, "2021-03-25");
	assert_int_equal(track_status_of(&task, "2021-03-25"), TRACK_IN_PROGRESS);
	store_task_release(&task);
	assert_int_equal(track_reject_done(&off, f->tasks[0], NULL, &err), 0);
	assert_int_equal(track_reject_done(&off, f->tasks[0], NULL, &err), -1);
	assert_int_equal(track_done(&unit, f->tasks[0], TRACK_DONE_PROPOSE, NULL, &err), 0);
	assert_int_equal(track_done(&off, f->tasks[0], TRACK_DONE_AUTO, &confirmed, &err), 0);
	assert_int_equal(confirmed, 1);
	assert_int_equal(track_progress(&unit, f->tasks[0], 0, 90, "x", NULL, NULL, 0, NULL, &err), -1);

	/* extensions: unit asks, office decides */
	assert_int_equal(track_assign(&off, f->tasks[1], f->ua, NULL, 0, NULL, &err), 0);
	assert_int_equal(track_extend_request(&unit, f->tasks[1], 0, "2021-03-30", "x", &ext, &err), -1);
	assert_int_equal(track_extend_request(&unit, f->tasks[1], 0, "2021-04-15", "", &ext, &err), -1);
	assert_int_equal(track_extend_request(&unit, f->tasks[1], 0, "2021-04-15", "chờ số liệu", &ext,
					      &err), 0);
	assert_int_equal(track_extend_decide(&unit, ext, 1, NULL, &err), -1);
	assert_int_equal(track_extend_decide(&off, ext, 1, "đồng ý", &err), 0);
	assert_int_equal(track_extend_decide(&off, ext, 0, NULL, &err), -1);
	assert_int_equal(store_task_get(f->s, f->tasks[1], &task, &err), 0);
	assert_string_equal(task.due, "2021-04-15");
	assert_int_equal(track_status_of(&task, "2021-04-05"), TRACK_NOT_STARTED);
	store_task_release(&task);
	assert_int_equal(track_cancel(&unit, f->tasks[1], "x", &err), -1);
	assert_int_equal(err.code, DD_ERR_DENIED);
	assert_int_equal(track_progress(&unit, f->tasks[3], 0, 10, "x", NULL, NULL, 0, NULL, &err), -1);
	assert_int_equal(err.code, DD_ERR_DENIED); /* not its unit's task */
	assert_int_equal(track_done(&lead, f->tasks[2], TRACK_DONE_AUTO, NULL, &err), -1);
	assert_int_equal(err.code, DD_ERR_DENIED);
	assert_int_equal(track_cancel(&off, f->tasks[1], "", &err), -1);
	assert_int_equal(err.code, DD_ERR_USAGE); /* bad input is not "denied" */

	track_release(&off);
	track_release(&unit);
	track_release(&lead);
}

/* Status names are read once per struct track; a new track sees a changed setting. */
static void test_status_name_cache(void **state)
{
	struct fx *f = *state;
	struct dd_error err = {0};
	struct track t;
	struct vn_date d;
	struct buf b = BUF_INIT;

	date_of("2021-04-05", &d);
	assert_int_equal(store_setting_set(f->s, "status.overdue", "Trễ hạn", &err), 0);
	assert_int_equal(track_init(&t, f->s, &d, "vanphong", &err), 0);
	assert_int_equal(track_status_name(&t, TRACK_OVERDUE, &b), 0);
	assert_string_equal(buf_str(&b), "Trễ hạn");
	buf_reset(&b);
	assert_int_equal(track_status_name(&t, TRACK_CANCELLED, &b), 0);
	assert_string_equal(buf_str(&b), "Dừng thực hiện");
	assert_int_equal(store_setting_set(f->s, "status.overdue", NULL, &err), 0);
	buf_reset(&b);
	assert_int_equal(track_status_name(&t, TRACK_OVERDUE, &b), 0);
	assert_string_equal(buf_str(&b), "Trễ hạn"); /* cached for this track's life */
	track_release(&t);
	assert_int_equal(track_init(&t, f->s, &d, "vanphong", &err), 0);
	buf_reset(&b);
	assert_int_equal(track_status_name(&t, TRACK_OVERDUE, &b), 0);
	assert_string_equal(buf_str(&b), "Quá hạn");
	track_release(&t);
	buf_release(&b);
}

struct each_acc {
	int64_t ids[16];
	size_t n;
	size_t stop_after; /* 0: never */
};

static int each_cb(struct store_task *task, void *arg, struct dd_error *err)
{
	struct each_acc *a = arg;
	(void)err;
	if (a->n < 16)
		a->ids[a->n++] = task->id;
	return a->stop_after && a->n == a->stop_after ? 1 : 0;
}

static int each_fail(struct store_task *task, void *arg, struct dd_error *err)
{
	(void)task;
	(void)arg;
	return dd_error(err, "stop here");
}

/* track_tasks_each walks the same tasks in the same order as track_tasks. */
static void test_tasks_each(void **state)
{
	struct fx *f = *state;
	struct dd_error err = {0};
	struct track t;
	struct vn_date d;
	struct track_query q = {0};
	struct store_task_list l;
	struct each_acc a = {0};
	static const char *const statuses[] = {NULL, "overdue", "recurring", "not_started"};

	date_of("2021-04-05", &d);
	assert_int_equal(track_init(&t, f->s, &d, "vanphong", &err), 0);
	for (size_t k = 0; k < sizeof(statuses) / sizeof(statuses[0]); k++) {
		memset(&a, 0, sizeof(a));
		q.status = statuses[k];
		q.limit = 100;
		assert_int_equal(track_tasks(&t, &q, &l, &err), 0);
		assert_int_equal(track_tasks_each(&t, &q, each_cb, &a, &err), 0);
		assert_int_equal(a.n, l.n);
		for (size_t i = 0; i < l.n; i++)
			assert_int_equal(a.ids[i], l.items[i].id);
		store_task_list_release(&l);
	}
	/* offset skips, 1 stops early, -1 is an error */
	memset(&a, 0, sizeof(a));
	q.status = NULL;
	q.offset = 3;
	assert_int_equal(track_tasks_each(&t, &q, each_cb, &a, &err), 0);
	assert_int_equal(a.n, 1);
	q.offset = 0;
	memset(&a, 0, sizeof(a));
	a.stop_after = 2;
	assert_int_equal(track_tasks_each(&t, &q, each_cb, &a, &err), 0);
	assert_int_equal(a.n, 2);
	assert_int_equal(track_tasks_each(&t, &q, each_fail, NULL, &err), -1);
	assert_string_equal(err.msg, "stop here");
	q.status = "nonsense";
	assert_int_equal(track_tasks_each(&t, &q, each_cb, &a, &err), -1);
	assert_int_equal(err.code, DD_ERR_USAGE);
	track_release(&t);
}

static void test_stats_and_reminders(void **state)
{
	struct fx *f = *state;
	struct dd_error err = {0};
	struct track t;
	struct vn_date d;
	struct track_stats_row *rows = NULL;
	size_t n = 0;
	struct track_digest *dg = NULL;
	struct track_remind_opts o = {3, 7};

	date_of("2021-03-29", &d);
	assert_int_equal(track_init(&t, f->s, &d, NULL, &err), 0);
	assert_int_equal(track_assign(&t, f->tasks[0], f->ua, &f->ub, 1, NULL, &err), 0);
	assert_int_equal(track_assign(&t, f->tasks[1], f->ub, NULL, 0, NULL, &err), 0);

	assert_int_equal(track_stats(&t, NULL, NULL, 0, &rows, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].total, 4);
	assert_int_equal(rows[0].n[TRACK_NOT_STARTED], 3);
	assert_int_equal(rows[0].n[TRACK_RECURRING], 1);
	free(rows);
	/* a period before the deadline: only the tasks without a due date count */
	assert_int_equal(track_stats(&t, "2021-02-01", "2021-02-28", 0, &rows, &n, &err), 0);
	assert_int_equal(rows[0].total, 2);
	free(rows);
	assert_int_equal(track_stats(&t, "2021-03-01", "31/3", 0, &rows, &n, &err), -1);
	assert_int_equal(track_stats(&t, NULL, NULL, 1, &rows, &n, &err), 0);
	assert_int_equal(n, 3); /* lead units A and B, and the 2 tasks without a lead */
	for (size_t i = 0; i < n; i++)
		assert_int_equal(rows[i].total, rows[i].unit_id ? 1 : 2);
	free(rows);

	assert_int_equal(track_reminders(&t, &o, &dg, &n, &err), 0);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(strstr(dg[i].subject, "sắp đến hạn"));
		assert_non_null(strstr(dg[i].body, dg[i].unit_name));
		if (dg[i].unit_id == f->ub)
			assert_int_equal(dg[i].n, 2); /* supports task 1, leads task 2 */
		else
			assert_string_equal(dg[i].email, "a@example.org");
		assert_int_equal(track_reminders_record(&t, &dg[i], "app", NULL, &err), 0);
	}
	track_digests_free(dg, n);
	assert_int_equal(track_reminders(&t, &o, &dg, &n, &err), 0);
	assert_int_equal(n, 0);
	track_digests_free(dg, n);
	o.days_before = -1;
	assert_int_equal(track_reminders(&t, &o, &dg, &n, &err), -1);
	track_release(&t);

	/* overdue notices, repeated every 7 days */
	o.days_before = 3;
	date_of("2021-04-01", &d);
	assert_int_equal(track_init(&t, f->s, &d, NULL, &err), 0);
	assert_int_equal(track_reminders(&t, &o, &dg, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(dg[0].items[0].kind, "overdue");
	assert_int_equal(dg[0].items[0].days, 1);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(track_reminders_record(&t, &dg[i], "app", NULL, &err), 0);
	track_digests_free(dg, n);
	track_release(&t);
	date_of("2021-04-07", &d);
	assert_int_equal(track_init(&t, f->s, &d, NULL, &err), 0);
	assert_int_equal(track_reminders(&t, &o, &dg, &n, &err), 0);
	assert_int_equal(n, 0);
	track_digests_free(dg, n);
	track_release(&t);
	date_of("2021-04-08", &d);
	assert_int_equal(track_init(&t, f->s, &d, NULL, &err), 0);
	assert_int_equal(track_reminders(&t, &o, &dg, &n, &err), 0);
	assert_int_equal(n, 2);
	track_digests_free(dg, n);
	/* proposed done: waiting for the office, no more notices to the units */
	assert_int_equal(track_done(&t, f->tasks[0], TRACK_DONE_PROPOSE, NULL, &err), 0);
	assert_int_equal(track_reminders(&t, &o, &dg, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(dg[0].unit_id, f->ub);
	assert_int_equal(dg[0].n, 1);
	assert_int_equal(dg[0].items[0].task_id, f->tasks[1]);
	track_digests_free(dg, n);
	track_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_names),
		cmocka_unit_test_setup_teardown(test_status_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_roles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stats_and_reminders, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status_name_cache, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tasks_each, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
