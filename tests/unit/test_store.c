/* test_store.c - unit tests of the store (SQLite backend): import, units, tasks, audit, search */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "store/store.h"
#include "util/buf.h"

static const char *const sample_json =
	"{\"schema\":\"dondoc.extract/1\",\"source\":{\"path\":\"tb.txt\",\"format\":\"txt\"},"
	"\"type\":{\"code\":\"TB\",\"name\":\"Thông báo\"},\"number\":\"12-TB/TU\","
	"\"issuer\":\"Ban Thường vụ Tỉnh ủy\",\"date\":\"2021-03-02\","
	"\"subject\":\"kết luận của Thường trực Tỉnh ủy về công tác phòng, chống dịch\","
	"\"period\":{\"text\":\"tháng 3 năm 2021\",\"from\":\"2021-03-01\",\"to\":\"2021-03-31\"},"
	"\"tasks\":["
	"{\"id\":\"1\",\"label\":\"1.\",\"parent\":null,\"line\":10,"
	" \"text\":\"Đảng ủy Khối cơ quan tăng cường công tác phòng, chống dịch COVID-19.\","
	" \"lead_units\":[\"Ban Kiểm thử\"],\"supporting_units\":[\"phong mau thu\",\"Ban Không Có\"],"
	" \"suggested_units\":[],"
	" \"deadline\":{\"text\":\"trong tháng 3 năm 2021\",\"date\":\"2021-03-31\",\"kind\":\"by\","
	" \"inherited\":true},\"topics\":[\"health\"]},"
	"{\"id\":\"1.a\",\"label\":\"a)\",\"parent\":\"1\",\"line\":11,"
	" \"text\":\"Ủy ban nhân dân các huyện kiểm tra việc cách ly.\",\"lead_units\":[],"
	" \"supporting_units\":[],\"suggested_units\":[\"Ban Kiểm thử\"],"
	" \"deadline\":{\"text\":\"thường xuyên\",\"date\":null,\"kind\":\"recurring\"},\"topics\":[]},"
	"{\"id\":\"2\",\"label\":\"2.\",\"parent\":null,\"line\":12,"
	" \"text\":\"Báo cáo kết quả về Thường trực Tỉnh ủy.\",\"lead_units\":[],"
	" \"supporting_units\":[],\"suggested_units\":[],\"deadline\":null,\"topics\":[]}"
	"],\"recipients\":[],\"archive\":null,\"signature\":null,\"warnings\":[]}";

struct fx {
	struct store *s;
	int64_t yte, taichinh;
};

static int setup(void **state)
{
	struct dd_error err = {0};
	struct fx *f = calloc(1, sizeof(*f));
	f->s = store_open(":memory:", "/nonexistent-dir", &err);
	assert_non_null(f->s);
	store_set_actor(f->s, "tester");
	if (store_unit_add(f->s, "Ban Kiểm thử", "BKTH", "state", 0, "kt@example.org", &f->yte, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(store_unit_add(f->s, "Phòng Mẫu Thử", NULL, NULL, 0, NULL, &f->taichinh, &err),
			 0);
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

static int64_t count(struct store *s, const char *what)
{
	struct dd_error err = {0};
	if (strcmp(what, "docs") == 0) {
		struct store_doc_list l;
		assert_int_equal(store_doc_list(s, 10, 0, &l, &err), 0);
		int64_t n = l.total;
		store_doc_list_release(&l);
		return n;
	}
	struct store_task_filter f;
	struct store_task_list l;
	store_task_filter_init(&f);
	assert_int_equal(store_task_list(s, &f, &l, &err), 0);
	int64_t n = l.total;
	store_task_list_release(&l);
	return n;
}

static int64_t import_sample(struct store *s, const char *bytes, struct store_import_result *res)
{
	struct dd_error err = {0};
	json_error_t je;
	json_t *j = json_loads(sample_json, 0, &je);
	assert_non_null(j);
	int rc = store_import_extract(s, j, bytes, strlen(bytes), "tb.txt", 0, res, &err);
	json_decref(j);
	if (rc < 0)
		fail_msg("import failed: %s", err.msg);
	return res->doc_id;
}

static void test_open_schema(void **state)
{
	struct fx *f = *state;
	struct dd_error err = {0};
	struct buf rep = BUF_INIT;
	assert_int_equal(store_schema_version(f->s), 4);
	assert_int_equal(store_check(f->s, &rep, &err), 0);
	assert_int_equal(rep.len, 0);
	buf_release(&rep);
	assert_null(store_open("", NULL, &err));
	assert_null(store_open("postgres://x", NULL, &err));
	assert_null(store_open("/nonexistent-dir/sub/x.db", NULL, &err));
}

static void test_units(void **state)
{
	struct fx *f = *state;
	struct dd_error err = {0};
	int64_t id, other;
	struct store_unit u;
	char num[32];

	assert_int_equal(store_unit_find(f->s, "ban kiem thu", 0, &id, &err), 1);
	assert_int_equal(id, f->yte);
	assert_int_equal(store_unit_find(f->s, "BAN  KIỂM THỬ", 0, &id, &err), 1);
	assert_int_equal(store_unit_find(f->s, "bkth", 0, &id, &err), 1);
	snprintf(num, sizeof(num), "%lld", (long long)f->taichinh);
	assert_int_equal(store_unit_find(f->s, num, 0, &id, &err), 1);
	assert_int_equal(id, f->taichinh);
	assert_int_equal(store_unit_find(f->s, "999999", 0, &id, &err), 0);
	assert_int_equal(store_unit_find(f->s, "Sở Không Tồn Tại", 0, &id, &err), 0);
	/* duplicates and alias clashes are refused */
	assert_int_equal(store_unit_add(f->s, "phong mau thu", NULL, NULL, 0, NULL, &other, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_int_equal(store_unit_add_alias(f->s, f->yte, "Phòng mẫu thử", &err), -1);
	assert_int_equal(store_unit_add_alias(f->s, f->yte, "Tổ Kiểm thử", &err), 0);
	assert_int_equal(store_unit_find(f->s, "to kiem thu", 0, &id, &err), 1);
	assert_int_equal(id, f->yte);
	assert_int_equal(store_unit_get(f->s, f->yte, &u, &err), 0);
	assert_string_equal(u.name, "Ban Kiểm thử");
	assert_int_equal(u.naliases, 1);
	assert_string_equal(u.aliases[0], "Tổ Kiểm thử");
	store_unit_release(&u);
	/* merge: the old name resolves to the new unit */
	assert_int_equal(store_unit_add(f->s, "Ban Kiểm thử và Mẫu", NULL, NULL, 0, NULL, &other, &err), 0);
	assert_int_equal(store_unit_merge(f->s, f->yte, other, &err), 0);
	assert_int_equal(store_unit_find(f->s, "ban kiem thu", 1, &id, &err), 1);
	assert_int_equal(id, other);
	assert_int_equal(store_unit_find(f->s, "ban kiem thu", 0, &id, &err), 1);
	assert_int_equal(id, f->yte);
	assert_int_equal(store_unit_merge(f->s, other, other, &err), -1);
}

static void test_import(void **state)
{
	struct fx *f = *state;
	struct dd_error err = {0};
	struct store_import_result res;
	struct store_task_list l;
	struct store_task_filter flt;
	struct store_doc d;
	struct buf b = BUF_INIT;

	import_sample(f->s, "original bytes", &res);
	assert_int_equal(res.duplicate, 0);
	assert_int_equal(res.ntasks, 3);
	assert_int_equal(res.units_matched, 2);
	assert_int_equal(res.units_unmatched, 1);
	assert_int_equal(count(f->s, "docs"), 1);
	assert_int_equal(count(f->s, "tasks"), 3);
	/* the same bytes again: nothing new */
	import_sample(f->s, "original bytes", &res);
	assert_int_equal(res.duplicate, 1);
	assert_int_equal(count(f->s, "docs"), 1);
	assert_int_equal(count(f->s, "tasks"), 3);

	{ /* the caller's hash is the same key */
		char h[65];
		json_error_t je;
		json_t *j = json_loads(sample_json, 0, &je);
		store_hash_hex("original bytes", 14, h);
		assert_int_equal(store_import_extract_hashed(f->s, j, "original bytes", 14, h, "x", 0,
							     &res, &err), 0);
		assert_int_equal(res.duplicate, 1);
		json_decref(j);
	}
	assert_int_equal(store_doc_get(f->s, res.doc_id, &d, &err), 0);
	assert_string_equal(d.hash, "52c3935626c104b2cbc9031291a1c4d56614c38f52072a361d658a58a9c48698");
	assert_string_equal(d.number, "12-TB/TU");
	assert_string_equal(d.date, "2021-03-02");
	assert_int_equal(d.ntasks, 3);
	assert_non_null(d.extract);
	assert_string_equal(json_string_value(json_object_get(d.extract, "schema")), "dondoc.extract/1");
	store_doc_release(&d);
	assert_int_equal(store_doc_bytes(f->s, res.doc_id, &b, &err), 0);
	assert_string_equal(buf_str(&b), "original bytes");
	buf_release(&b);
	assert_int_equal(store_doc_get(f->s, 4242, &d, &err), -1);
	assert_int_equal(err.code, DD_ERR_NOINPUT);

	store_task_filter_init(&flt);
	assert_int_equal(store_task_list(f->s, &flt, &l, &err), 0);
	assert_int_equal(l.n, 3);
	/* ordered by due date, none last */
	assert_string_equal(l.items[0].due, "2021-03-31");
	assert_int_equal(l.items[0].due_kind, STORE_DUE_BY);
	assert_string_equal(l.items[0].unit_text, "Ban Không Có");
	assert_int_equal(l.items[0].nunits, 2);
	assert_int_equal(l.items[0].units[0].role, STORE_ROLE_LEAD);
	assert_string_equal(l.items[0].units[0].name, "Ban Kiểm thử");
	assert_string_equal(l.items[0].topics, "health");
	assert_string_equal(l.items[0].doc_number, "12-TB/TU");
	for (size_t i = 0; i < l.n; i++) {
		if (strcmp(l.items[i].ref, "1.a") == 0) {
			assert_int_equal(l.items[i].parent_id, l.items[0].id);
			assert_int_equal(l.items[i].due_kind, STORE_DUE_RECURRING);
			assert_string_equal(l.items[i].suggested, "Ban Kiểm thử");
		}
	}
	store_task_list_release(&l);

	/* pages run across the tasks with a deadline, then those without (by id) */
	{
		static const char *const want[] = {"1", "1.a", "2"};
		for (int off = 0; off <= 3; off++) {
			store_task_filter_init(&flt);
			flt.limit = 1;
			flt.offset = off;
			assert_int_equal(store_task_list(f->s, &flt, &l, &err), 0);
			assert_int_equal(l.total, 3);
			assert_int_equal(l.n, off < 3 ? 1 : 0);
			if (off < 3)
				assert_string_equal(l.items[0].ref, want[off]);
			store_task_list_release(&l);
		}
		store_task_filter_init(&flt);
		flt.limit = 2;
		flt.offset = 0;
		assert_int_equal(store_task_list(f->s, &flt, &l, &err), 0);
		assert_int_equal(l.n, 2);
		assert_string_equal(l.items[1].ref, "1.a");
		store_task_list_release(&l);
	}
	/* filters */
	store_task_filter_init(&flt);
	flt.unit_id = f->taichinh;
	assert_int_equal(store_task_list(f->s, &flt, &l, &err), 0);
	assert_int_equal(l.total, 1);
	store_task_list_release(&l);
	flt.lead_only = 1;
	assert_int_equal(store_task_list(f->s, &flt, &l, &err), 0);
	assert_int_equal(l.total, 0);
	store_task_list_release(&l);
	store_task_filter_init(&flt);
	flt.topic = "health";
	flt.limit = 1;
	assert_int_equal(store_task_list(f->s, &flt, &l, &err), 0);
	assert_int_equal(l.total, 1);
	store_task_list_release(&l);
	store_task_filter_init(&flt);
	snprintf(flt.due_before, sizeof(flt.due_before), "2021-04-01");
	flt.top_level = 1;
	assert_int_equal(store_task_list(f->s, &flt, &l, &err), 0);
	assert_int_equal(l.total, 1);
	store_task_list_release(&l);
}

static void test_import_bad(void **state)
{
	struct fx *f = *state;
	struct dd_error err = {0};
	struct store_import_result res;
	static const char *const bad[] = {
		"[]",
		"{\"schema\":\"other/1\",\"tasks\":[]}",
		"{\"schema\":\"dondoc.extract/1\"}",
		"{\"schema\":\"dondoc.extract/1\",\"tasks\":[{\"text\":\"ok\"},{\"id\":\"2\"}]}",
		"{\"schema\":\"dondoc.extract/1\",\"tasks\":[{\"text\":\"x\",\"parent\":\"9\"}]}",
		"{\"schema\":\"dondoc.extract/1\",\"date\":\"2021/03/02\",\"tasks\":[]}",
		"{\"schema\":\"dondoc.extract/1\",\"tasks\":[{\"text\":\"x\",\"deadline\":"
		"{\"date\":\"31/3/2021\"}}]}",
		"{\"schema\":\"dondoc.extract/1\",\"number\":5,\"tasks\":[]}",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		json_error_t je;
		json_t *j = json_loads(bad[i], 0, &je);
		char bytes[32];
		assert_non_null(j);
		snprintf(bytes, sizeof(bytes), "bad %zu", i);
		dd_error_clear(&err);
		assert_int_equal(store_import_extract(f->s, j, bytes, strlen(bytes), "bad.txt", 0, &res,
						      &err), -1);
		assert_int_equal(err.code, DD_ERR_DATA);
		assert_true(strlen(err.msg) > 0);
		json_decref(j);
	}
	assert_int_equal(count(f->s, "docs"), 0);
	assert_int_equal(count(f->s, "tasks"), 0);

	/* dry run: reports, keeps nothing */
	json_error_t je;
	json_t *j = json_loads(sample_json, 0, &je);
	assert_int_equal(store_import_extract(f->s, j, "x", 1, "x.txt", 1, &res, &err), 0);
	assert_int_equal(res.ntasks, 3);
	json_decref(j);
	assert_int_equal(count(f->s, "docs"), 0);
	assert_int_equal(count(f->s, "tasks"), 0);
}

static void test_changes_and_audit(void **state)
{
	struct fx *f = *state;
	struct dd_error err = {0};
	struct store_import_result res;
	struct store_task_list l;
	struct store_task_filter flt;
	struct store_task t;
	struct store_audit_list al;
	struct store_extension_list el;
	struct store_progress_list pl;
	int64_t tid, ext, pid;
	struct buf att = BUF_INIT;
	int saw_progress = 0, saw_update = 0, saw_import = 0;

	import_sample(f->s, "doc A", &res);
	store_task_filter_init(&flt);
	flt.limit = 1;
	assert_int_equal(store_task_list(f->s, &flt, &l, &err), 0);
	tid = l.items[0].id;
	store_task_list_release(&l);

	store_set_actor(f->s, "unit-user");
	assert_int_equal(store_progress_add(f->s, tid, f->yte, "2021-03-10", 40, "đang làm", "a.txt",
					    "abc", 3, &pid, &err), 0);
	assert_int_equal(store_progress_add(f->s, tid, f->yte, "2021-03-10", 101, "x", NULL, NULL, 0,
					    NULL, &err), -1);
	assert_int_equal(store_progress_add(f->s, tid, f->yte, "2021-03-10", 50, "", NULL, NULL, 0,
					    NULL, &err), -1);
	assert_int_equal(store_progress_attachment(f->s, pid, &att, &err), 0);
	assert_string_equal(buf_str(&att), "abc");
	buf_release(&att);
	assert_int_equal(store_progress_list(f->s, tid, &pl, &err), 0);
	assert_int_equal(pl.n, 1);
	assert_string_equal(pl.items[0].by, "unit-user");
	assert_string_equal(pl.items[0].unit_name, "Ban Kiểm thử");
	store_progress_list_release(&pl);

	assert_int_equal(store_extension_request(f->s, tid, f->yte, "2021-04-30", "cần thêm thời gian",
						 "2021-03-15", &ext, &err), 0);
	store_set_actor(f->s, "office-user");
	assert_int_equal(store_extension_decide(f->s, ext, 1, "2021-03-16", "đồng ý", &err), 0);
	assert_int_equal(store_extension_decide(f->s, ext, 0, "2021-03-16", NULL, &err), -1);
	assert_int_equal(store_extension_list(f->s, tid, &el, &err), 0);
	assert_int_equal(el.n, 1);
	assert_string_equal(el.items[0].old_due, "2021-03-31");
	assert_int_equal(el.items[0].state, STORE_EXT_APPROVED);
	store_extension_list_release(&el);

	assert_int_equal(store_task_get(f->s, tid, &t, &err), 0);
	assert_string_equal(t.due, "2021-04-30");
	assert_string_equal(t.due_orig, "2021-03-31");
	assert_int_equal(t.percent, 40);
	assert_int_equal(t.nprogress, 1);
	store_task_release(&t);

	assert_int_equal(store_task_set_state(f->s, tid, STORE_TASK_DONE, "2021-04-02", NULL, &err), 0);
	assert_int_equal(store_task_get(f->s, tid, &t, &err), 0);
	assert_int_equal(t.state, STORE_TASK_DONE);
	assert_string_equal(t.done_date, "2021-04-02");
	store_task_release(&t);
	assert_int_equal(store_task_set_state(f->s, 999999, STORE_TASK_DONE, "2021-04-02", NULL, &err),
			 -1);
	assert_int_equal(err.code, DD_ERR_NOINPUT);

	assert_int_equal(store_audit_task(f->s, tid, &al, &err), 0);
	for (size_t i = 0; i < al.n; i++) {
		if (strcmp(al.items[i].action, "progress") == 0) {
			saw_progress = 1;
			assert_string_equal(al.items[i].who, "unit-user");
		}
		if (strcmp(al.items[i].action, "import") == 0)
			saw_import = 1;
		if (strcmp(al.items[i].action, "update") == 0 &&
		    json_object_get(al.items[i].after, "done_date")) {
			saw_update = 1;
			assert_string_equal(al.items[i].who, "office-user");
			assert_string_equal(json_string_value(json_object_get(al.items[i].after,
									      "done_date")),
					    "2021-04-02");
			assert_true(json_is_null(json_object_get(al.items[i].before, "done_date")));
		}
	}
	assert_true(saw_progress && saw_update && saw_import);
	store_audit_list_release(&al);
}

static void test_search(void **state)
{
	struct fx *f = *state;
	struct dd_error err = {0};
	struct store_import_result res;
	struct store_hit_list h;

	import_sample(f->s, "doc S", &res);
	assert_int_equal(store_search(f->s, "dang uy", 10, 0, "[", "]", &h, &err), 0);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.items[0].kind, 't');
	assert_non_null(strstr(h.items[0].snippet, "[Đảng] [ủy]"));
	store_hit_list_release(&h);

	assert_int_equal(store_search(f->s, "phong chong dich", 10, 0, "<b>", "</b>", &h, &err), 0);
	assert_int_equal(h.n, 2); /* the task and the document's subject */
	store_hit_list_release(&h);

	/* both words anywhere: the task "Ủy ban ..." and the document "Ban ... Tỉnh ủy" */
	assert_int_equal(store_search(f->s, "Uỷ ban", 10, 0, "[", "]", &h, &err), 0);
	assert_int_equal(h.n, 2);
	assert_true(strstr(h.items[0].snippet, "[Ủy] [ban]") || strstr(h.items[1].snippet, "[Ủy] [ban]"));
	store_hit_list_release(&h);
	assert_int_equal(store_search(f->s, "\"Uỷ ban\"", 10, 0, "[", "]", &h, &err), 0);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.items[0].kind, 't');
	store_hit_list_release(&h);

	assert_int_equal(store_search(f->s, "\"tang cuong\"", 10, 0, "[", "]", &h, &err), 0);
	assert_int_equal(h.n, 1);
	store_hit_list_release(&h);
	assert_int_equal(store_search(f->s, "\"cuong tang\"", 10, 0, "[", "]", &h, &err), 0);
	assert_int_equal(h.n, 0);
	store_hit_list_release(&h);

	assert_int_equal(store_search(f->s, "kiem*", 10, 0, "[", "]", &h, &err), 0);
	assert_int_equal(h.n, 1);
	store_hit_list_release(&h);

	/* paging */
	assert_int_equal(store_search(f->s, "phong chong dich", 1, 0, "[", "]", &h, &err), 0);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.more, 1);
	store_hit_list_release(&h);

	/* syntax the user types never reaches FTS5 */
	assert_int_equal(store_search(f->s, "NEAR(a b) OR -x ^", 10, 0, "[", "]", &h, &err), 0);
	store_hit_list_release(&h);
	assert_int_equal(store_search(f->s, " ,;- ", 10, 0, "[", "]", &h, &err), -1);
	assert_int_equal(err.code, DD_ERR_USAGE);
}

/* Phrases are found through the index's word pairs; highlights come from the hit's text. */
static void test_search_phrases(void **state)
{
	struct fx *f = *state;
	struct dd_error err = {0};
	struct store_import_result res;
	struct store_hit_list h;
	struct buf report = BUF_INIT;
	int64_t task1;

	import_sample(f->s, "doc P", &res);
	/* three words: two pairs at consecutive positions, in the task and the subject */
	assert_int_equal(store_search(f->s, "\"cong tac phong\"", 10, 0, "[", "]", &h, &err), 0);
	assert_int_equal(h.n, 2);
	for (size_t i = 0; i < h.n; i++)
		assert_non_null(strstr(h.items[i].snippet, "[công tác phòng]"));
	store_hit_list_release(&h);
	/* punctuation between the words does not break a phrase (as in FTS5) */
	assert_int_equal(store_search(f->s, "\"phòng chống\"", 10, 0, "[", "]", &h, &err), 0);
	assert_int_equal(h.n, 2);
	store_hit_list_release(&h);
	/* both words in the text, not adjacent: no hit */
	assert_int_equal(store_search(f->s, "\"tang dich\"", 10, 0, "[", "]", &h, &err), 0);
	assert_int_equal(h.n, 0);
	store_hit_list_release(&h);
	assert_int_equal(store_search(f->s, "\"cong tac chong\"", 10, 0, "[", "]", &h, &err), 0);
	assert_int_equal(h.n, 0);
	store_hit_list_release(&h);
	/* a prefix reads words, never the pairs (which would count instances twice) */
	assert_int_equal(store_search(f->s, "chon*", 10, 0, "[", "]", &h, &err), 0);
	assert_int_equal(h.n, 2);
	assert_non_null(strstr(h.items[0].snippet, "[chống]"));
	assert_null(strstr(h.items[0].snippet, "[chống] ["));
	store_hit_list_release(&h);
	/* overlapping phrases make one highlight, as FTS5's highlight() did */
	assert_int_equal(store_search(f->s, "\"tang cuong\" \"cuong cong\"", 10, 0, "[", "]", &h,
					 &err), 0);
	assert_int_equal(h.n, 1);
	assert_non_null(strstr(h.items[0].snippet, "[tăng cường công]"));
	task1 = h.items[0].id;
	store_hit_list_release(&h);
	/* an edited text: the old pairs leave the index, the new ones enter it */
	assert_int_equal(store_task_set_text(f->s, task1, "Sở Y tế kiểm tra an toàn thực phẩm.", &err), 0);
	assert_int_equal(store_search(f->s, "\"tang cuong\"", 10, 0, "[", "]", &h, &err), 0);
	assert_int_equal(h.n, 0);
	store_hit_list_release(&h);
	assert_int_equal(store_search(f->s, "\"an toan thuc\"", 10, 0, "[", "]", &h, &err), 0);
	assert_int_equal(h.n, 1);
	assert_non_null(strstr(h.items[0].snippet, "[an toàn thực]"));
	store_hit_list_release(&h);
	buf_init(&report, 0);
	assert_int_equal(store_check(f->s, &report, &err), 0);
	assert_int_equal(report.len, 0);
	buf_release(&report);
}

/* A page is in listing order (deadline, state, id) whether it comes from a walk of the
 * deadline index (many matches) or from a sort of the matches (few). */
static void test_task_page_order(void **state)
{
	struct fx *f = *state;
	struct dd_error err = {0};
	struct store_import_result res;
	struct store_task_filter flt;
	struct store_task_list l;
	json_t *j = json_pack("{s:s,s:[]}", "schema", "dondoc.extract/1", "tasks");
	json_t *tasks = json_object_get(j, "tasks");
	char id[16], text[64], due[16];

	for (int i = 0; i < 60; i++) { /* deadlines out of id order, some shared */
		snprintf(id, sizeof(id), "%d", i + 1);
		snprintf(text, sizeof(text), "Nhiệm vụ %d", i + 1);
		snprintf(due, sizeof(due), "2021-%02d-%02d", 1 + (i * 7) % 12, 1 + i % 3);
		json_array_append_new(tasks, json_pack("{s:s,s:s,s:{s:s,s:s}}", "id", id, "text", text,
						       "deadline", "date", due, "kind", "by"));
	}
	assert_int_equal(store_import_extract(f->s, j, "order", 5, "order.txt", 0, &res, &err), 0);
	json_decref(j);
	for (int pass = 0; pass < 2; pass++) {
		store_task_filter_init(&flt);
		flt.limit = 10;
		flt.offset = 5;
		snprintf(flt.due_before, sizeof(flt.due_before), "%s", pass ? "2021-03-01" : "2022-01-01");
		flt.state_mask = 1; /* open */
		assert_int_equal(store_task_list(f->s, &flt, &l, &err), 0);
		assert_int_equal(l.total, pass ? 10 : 60);
		assert_int_equal(l.n, pass ? 5 : 10);
		for (size_t i = 1; i < l.n; i++) {
			int c = strcmp(l.items[i - 1].due, l.items[i].due);
			assert_true(c < 0 || (c == 0 && l.items[i - 1].id < l.items[i].id));
		}
		store_task_list_release(&l);
	}
}

static void test_settings_users_backup(void **state)
{
	struct fx *f = *state;
	struct dd_error err = {0};
	struct buf v = BUF_INIT;
	struct store_user u;
	int64_t uid;
	char path[] = "/tmp/dd-test-backup-XXXXXX";
	int fd;

	assert_int_equal(store_setting_get(f->s, "status.overdue", &v, &err), 0);
	assert_int_equal(store_setting_set(f->s, "status.overdue", "Trễ hạn", &err), 0);
	assert_int_equal(store_setting_get(f->s, "status.overdue", &v, &err), 1);
	assert_string_equal(buf_str(&v), "Trễ hạn");
	buf_release(&v);
	assert_int_equal(store_setting_set(f->s, "status.overdue", NULL, &err), 0);

	assert_int_equal(store_user_create(f->s, "nam", "Nguyễn Văn Nam", "unit", f->yte, NULL, NULL,
					   &uid, &err), 0);
	assert_int_equal(store_user_create(f->s, "nam", NULL, "office", 0, NULL, NULL, NULL, &err), -1);
	assert_int_equal(store_user_create(f->s, "x", NULL, "boss", 0, NULL, NULL, NULL, &err), -1);
	assert_int_equal(store_user_create(f->s, "y", NULL, "unit", 0, NULL, NULL, NULL, &err), -1);
	assert_int_equal(store_user_set_password_hash(f->s, uid, "$argon2id$v=19$...", &err), 0);
	assert_int_equal(store_user_find(f->s, "nam", &u, &err), 1);
	assert_string_equal(u.role, "unit");
	assert_int_equal(u.unit_id, f->yte);
	assert_string_equal(u.password_hash, "$argon2id$v=19$...");
	store_user_release(&u);
	assert_int_equal(store_user_find(f->s, "nobody", &u, &err), 0);

	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	assert_int_equal(store_backup(f->s, path, &err), 0);
	struct store *b = store_open(path, NULL, &err);
	assert_non_null(b);
	assert_int_equal(store_user_find(b, "nam", &u, &err), 1);
	store_user_release(&u);
	store_close(b);
	unlink(path);
	assert_int_equal(store_backup(f->s, "/nonexistent-dir/x.db", &err), -1);
}

/* More tasks than one multi-row INSERT holds, parents across the chunks, units assigned
 * without an audit row each; the stored total follows imports and rollbacks. */
static void test_import_many(void **state)
{
	struct fx *f = *state;
	struct dd_error err = {0};
	struct store_import_result res;
	struct store_task_filter flt;
	struct store_task_list l;
	struct store_audit_list al;
	json_t *j = json_pack("{s:s,s:[]}", "schema", "dondoc.extract/1", "tasks");
	json_t *tasks = json_object_get(j, "tasks");
	char id[16], parent[16], text[64];

	for (int i = 0; i < 75; i++) {
		snprintf(id, sizeof(id), "%d", i + 1);
		snprintf(parent, sizeof(parent), "%d", i); /* each task under the one before */
		snprintf(text, sizeof(text), "Nhiệm vụ số %d", i + 1);
		json_array_append_new(tasks, json_pack("{s:s,s:s,s:s?,s:[s],s:{s:s,s:s}}", "id", id,
						       "text", text, "parent", i ? parent : NULL,
						       "lead_units", "Ban Kiểm thử", "deadline", "date",
						       "2021-05-01", "kind", "by"));
	}
	/* the stored extraction is the same JSON, special characters included */
	json_object_set_new(json_array_get(tasks, 0), "note",
			    json_stringn("q\"b\\s/\n\t\r\b\f\x01\x1f\x7f z đ Ủy", 24));
	json_object_set_new(j, "score", json_real(0.25));
	json_object_set_new(j, "flags", json_pack("[bbn]", 1, 0));
	json_object_set_new(j, "k\"ey", json_integer(-42));
	assert_int_equal(store_import_extract(f->s, j, "many", 4, "many.txt", 1, &res, &err), 0);
	assert_int_equal(res.ntasks, 75);
	assert_int_equal(count(f->s, "tasks"), 0); /* dry run */
	assert_int_equal(store_import_extract(f->s, j, "many", 4, "many.txt", 0, &res, &err), 0);
	assert_int_equal(res.ntasks, 75);
	assert_int_equal(res.units_matched, 75);
	assert_int_equal(count(f->s, "tasks"), 75);
	{
		struct store_doc d;
		assert_int_equal(store_doc_get(f->s, res.doc_id, &d, &err), 0);
		assert_non_null(d.extract);
		assert_true(json_equal(d.extract, j));
		store_doc_release(&d);
	}
	store_task_filter_init(&flt);
	flt.limit = 100;
	flt.unit_id = f->yte;
	assert_int_equal(store_task_list(f->s, &flt, &l, &err), 0);
	assert_int_equal(l.n, 75);
	assert_int_equal(l.total, 75);
	for (size_t i = 0; i < l.n; i++) {
		assert_int_equal(l.items[i].nunits, 1);
		assert_int_equal(l.items[i].units[0].role, STORE_ROLE_LEAD);
		if (i)
			assert_int_equal(l.items[i].parent_id, l.items[i - 1].id);
		else
			assert_int_equal(l.items[i].parent_id, 0);
	}
	/* the import is one audit row, not one per assignment; a later assign is audited */
	assert_int_equal(store_audit_task(f->s, l.items[40].id, &al, &err), 0);
	assert_int_equal(al.n, 1);
	assert_string_equal(al.items[0].action, "import");
	store_audit_list_release(&al);
	assert_int_equal(store_task_assign(f->s, l.items[40].id, f->taichinh, NULL, 0, NULL, &err), 0);
	assert_int_equal(store_audit_task(f->s, l.items[40].id, &al, &err), 0);
	assert_true(al.n >= 2);
	store_audit_list_release(&al);
	store_task_list_release(&l);
	/* a refused import leaves the count alone */
	json_object_set_new(json_array_get(tasks, 60), "parent", json_string("nope"));
	assert_int_equal(store_import_extract(f->s, j, "other", 5, "o.txt", 0, &res, &err), -1);
	assert_int_equal(count(f->s, "tasks"), 75);
	json_decref(j);
}

static size_t hits(struct store *s, const char *query)
{
	struct dd_error err = {0};
	struct store_hit_list h;
	size_t n;
	if (store_search(s, query, 100, 0, "[", "]", &h, &err) < 0)
		fail_msg("search '%s': %s", query, err.msg);
	n = h.n;
	store_hit_list_release(&h);
	return n;
}

/* Documents imported inside one transaction (a batch, as `dondoc import` does): each one is
 * a savepoint, so a refused one leaves nothing while the others stay; search finds them all
 * after the commit; a rolled-back batch leaves nothing, search rows included. */
static void test_import_batch(void **state)
{
	struct fx *f = *state;
	struct dd_error err = {0};
	struct store_import_result res;
	struct buf rep = BUF_INIT;
	json_error_t je;
	json_t *j = json_loads(sample_json, 0, &je), *bad;
	char hash[65];
	int64_t a, id;
	int matched;

	assert_non_null(j);
	bad = json_deep_copy(j);
	/* refused at its second task, after its document row was written */
	json_object_set_new(json_array_get(json_object_get(bad, "tasks"), 1), "parent",
			    json_string("nope"));
	assert_int_equal(store_begin(f->s, &err), 0);
	assert_int_equal(store_import_extract(f->s, j, "batch A", 7, "a.txt", 0, &res, &err), 0);
	a = res.doc_id;
	matched = res.units_matched;
	assert_int_equal(res.ntasks, 3);
	assert_int_equal(store_import_extract(f->s, bad, "batch bad", 9, "bad.txt", 0, &res, &err), -1);
	assert_int_equal(err.code, DD_ERR_DATA);
	/* the same bytes again in the same batch: a duplicate of the uncommitted document */
	assert_int_equal(store_import_extract(f->s, j, "batch A", 7, "a2.txt", 0, &res, &err), 0);
	assert_int_equal(res.duplicate, 1);
	assert_int_equal(res.doc_id, a);
	assert_int_equal(store_import_extract(f->s, j, "batch E", 7, "e.txt", 1, &res, &err), 0);
	assert_int_equal(res.ntasks, 3); /* dry run: rolled back to its savepoint */
	assert_int_equal(store_import_extract(f->s, j, "batch B", 7, "b.txt", 0, &res, &err), 0);
	assert_true(res.doc_id > a);
	assert_int_equal(store_commit(f->s, &err), 0);
	assert_int_equal(count(f->s, "docs"), 2);
	assert_int_equal(count(f->s, "tasks"), 6);
	store_hash_hex("batch bad", 9, hash);
	assert_int_equal(store_doc_find_hash(f->s, hash, &id, &err), 0);
	store_hash_hex("batch E", 7, hash);
	assert_int_equal(store_doc_find_hash(f->s, hash, &id, &err), 0);
	assert_int_equal(hits(f->s, "dang uy"), 2);
	assert_int_equal(hits(f->s, "phong chong dich"), 4); /* tasks and documents */
	assert_int_equal(hits(f->s, "\"Uỷ ban\""), 2);
	assert_int_equal(store_check(f->s, &rep, &err), 0);
	assert_int_equal(rep.len, 0);

	/* a batch rolled back leaves neither rows nor search rows */
	assert_int_equal(store_begin(f->s, &err), 0);
	assert_int_equal(store_import_extract(f->s, j, "batch C", 7, "c.txt", 0, &res, &err), 0);
	store_rollback(f->s);
	assert_int_equal(count(f->s, "docs"), 2);
	assert_int_equal(count(f->s, "tasks"), 6);
	assert_int_equal(hits(f->s, "dang uy"), 2);
	/* and the next batch indexes its documents, none of the rolled-back one's; a unit added
	 * inside the batch is found by the documents after it (the names looked up are not kept
	 * across a unit write) */
	assert_int_equal(store_begin(f->s, &err), 0);
	assert_int_equal(store_import_extract(f->s, j, "batch C", 7, "c.txt", 0, &res, &err), 0);
	assert_int_equal(res.units_matched, matched);
	assert_int_equal(store_unit_add(f->s, "Ban Không Có", NULL, NULL, 0, NULL, &id, &err), 0);
	assert_int_equal(store_import_extract(f->s, j, "batch D", 7, "d.txt", 0, &res, &err), 0);
	assert_int_equal(res.units_matched, matched + 1);
	assert_int_equal(store_commit(f->s, &err), 0);
	assert_int_equal(count(f->s, "docs"), 4);
	assert_int_equal(count(f->s, "tasks"), 12);
	assert_int_equal(hits(f->s, "dang uy"), 4);
	assert_int_equal(hits(f->s, "phong chong dich"), 8);
	assert_int_equal(store_check(f->s, &rep, &err), 0);
	assert_int_equal(rep.len, 0);
	buf_release(&rep);
	json_decref(bad);
	json_decref(j);
}

/* store_data_version changes on our writes and on other connections' writes. */
static void test_data_version(void **state)
{
	struct dd_error err = {0};
	char path[] = "/tmp/dd-test-store-XXXXXX";
	char db[64];
	struct store *a, *b;
	int64_t v0, v1, v2, v3;
	int fd = mkstemp(path);
	(void)state;

	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	snprintf(db, sizeof(db), "%s.db", path);
	a = store_open(db, "/nonexistent-dir", &err);
	assert_non_null(a);
	b = store_open(db, "/nonexistent-dir", &err);
	assert_non_null(b);
	assert_int_equal(store_data_version(a, &v0, &err), 0);
	assert_int_equal(store_data_version(a, &v1, &err), 0);
	assert_true(v0 == v1); /* nothing written */
	assert_int_equal(store_setting_set(a, "smtp.from", "x@example.org", &err), 0);
	assert_int_equal(store_data_version(a, &v2, &err), 0);
	assert_true(v2 != v1); /* our own write */
	assert_int_equal(store_data_version(a, &v3, &err), 0);
	assert_true(v3 == v2);
	assert_int_equal(store_setting_set(b, "smtp.from", "y@example.org", &err), 0);
	assert_int_equal(store_data_version(a, &v3, &err), 0);
	assert_true(v3 != v2); /* another connection's write */
	store_close(a);
	store_close(b);
	unlink(db);
	snprintf(db, sizeof(db), "%s.db-wal", path);
	unlink(db);
	snprintf(db, sizeof(db), "%s.db-shm", path);
	unlink(db);
}

static void test_seed_units(void **state)
{
	struct dd_error err = {0};
	char dir[] = "/tmp/dd-test-units-XXXXXX", path[128];
	struct store *s;
	struct store_unit u;
	int64_t id, parent;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/units.tsv", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("# units.tsv - test units: key<TAB>name<TAB>kind<TAB>parent<TAB>aliases\n"
	      "# (the line above names the columns)\n"
	      "UB\tỦy ban Thử nghiệm\tgovernment\t\tUBTN|Ủy ban TN\n"
	      "\n"
	      "SO1\tSở Thứ Nhất\tdepartment\tUB\tSở Một\n"
	      "SO1B\tSở Thứ Nhất\tdepartment\tUB\n", f); /* listed twice: kept once */
	fclose(f);
	s = store_open(":memory:", dir, &err);
	assert_non_null(s);
	assert_int_equal(store_unit_find(s, "uy ban tn", 0, &parent, &err), 1);
	assert_int_equal(store_unit_find(s, "ubtn", 0, &id, &err), 1);
	assert_int_equal(id, parent);
	assert_int_equal(store_unit_find(s, "Sở Một", 0, &id, &err), 1);
	assert_int_equal(store_unit_get(s, id, &u, &err), 0);
	assert_string_equal(u.name, "Sở Thứ Nhất");
	assert_non_null(u.short_name);
	assert_string_equal(u.short_name, "SO1");
	assert_string_equal(u.kind, "department");
	assert_int_equal(u.parent_id, parent);
	store_unit_release(&u);
	{
		struct store_unit_list l;
		assert_int_equal(store_unit_list(s, 1, &l, &err), 0);
		assert_int_equal(l.n, 2);
		store_unit_list_release(&l);
	}
	store_close(s);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(test_units, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_bad, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changes_and_audit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_phrases, setup, teardown),
		cmocka_unit_test_setup_teardown(test_task_page_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_settings_users_backup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_many, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_batch, setup, teardown),
		cmocka_unit_test(test_data_version),
		cmocka_unit_test(test_seed_units),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
