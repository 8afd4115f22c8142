/* test_extract.c - the extraction engine: folding, labels, dates, names, gazetteers, whole documents */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "extract/doc.h"
#include "extract/extract.h"
#include "extract/gazetteer.h"
#include "extract/jvjson.h"
#include "extract/text.h"
#include "extract/when.h"
#include "util/arena.h"
#include "util/file.h"

static struct gazetteer *gz;

static int setup(void **state)
{
	struct dd_error err;
	(void)state;
	dd_error_clear(&err);
	gz = gazetteer_load(NULL, &err);
	return gz ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	gazetteer_free(gz);
	return 0;
}

/* Extract a document given as text; the caller frees the JSON (a jansson copy). */
static json_t *extract_text(const char *text, struct dd_error *err)
{
	struct arena a;
	struct rd_doc doc;
	memset(&doc, 0, sizeof(doc));
	dd_error_clear(err);
	if (rd_read_buffer("test.txt", text, strlen(text), NULL, &doc, err) < 0) {
		rd_doc_release(&doc);
		return NULL;
	}
	arena_init(&a, 0);
	json_t *j = jv_to_json(extract_doc(&doc, gz, &a, err));
	arena_release(&a);
	rd_doc_release(&doc);
	return j;
}

static const char *jstr(json_t *o, const char *path)
{
	char buf[128];
	snprintf(buf, sizeof(buf), "%s", path);
	json_t *v = o;
	for (char *k = buf, *dot; k && v; k = dot ? dot + 1 : NULL) {
		dot = strchr(k, '.');
		if (dot)
			*dot = '\0';
		v = json_object_get(v, k);
	}
	return json_string_value(v);
}

static void test_fold(void **state)
{
	(void)state;
	struct ex_fold f;
	const char *s = "Đảng ủy – “Hòa”";
	ex_fold_init(&f, s, strlen(s));
	assert_string_equal(f.fold, "dang uy - \"hoa\"");
	/* the map points back at the characters: "ủy" starts at byte 8 */
	assert_int_equal(f.map[5], 8);
	assert_int_equal(f.map[f.flen], strlen(s));
	ex_fold_release(&f);
	ex_fold_release(NULL);
	/* invalid UTF-8 does not crash and maps to something */
	ex_fold_init(&f, "\xff\xfe" "a", 3);
	assert_int_equal(f.fold[f.flen - 1], 'a');
	ex_fold_release(&f);
	assert_true(ex_is_upper_text("ỦY BAN", strlen("ỦY BAN")));
	assert_false(ex_is_upper_text("Ủy ban", strlen("Ủy ban")));
	assert_false(ex_is_upper_text("A", 1));
}

static void label(const char *s, enum ex_label want, const char *want_key, const char *want_text)
{
	char lab[24], key[16];
	size_t off;
	enum ex_label k = ex_label_parse(s, strlen(s), lab, sizeof(lab), key, sizeof(key), &off);
	if (k != want)
		fail_msg("'%s': label kind %d, want %d", s, k, want);
	if (want != LB_NONE) {
		assert_string_equal(key, want_key);
		assert_string_equal(s + off, want_text);
	}
}

static void test_labels(void **state)
{
	(void)state;
	label("1. Tập trung triển khai", LB_NUM, "1", "Tập trung triển khai");
	label("12) Sở Tài chính", LB_NUM, "12", "Sở Tài chính");
	label("2- Ban cán sự đảng", LB_NUM, "2", "Ban cán sự đảng");
	label("._8. Hiệp hội Doanh nghiệp", LB_NUM, "8", "Hiệp hội Doanh nghiệp");
	label("1.2. Rà soát", LB_MULTI, "1.2", "Rà soát");
	label("a) Chỉ đạo", LB_LETTER, "a", "Chỉ đạo");
	label("đ) Phối hợp", LB_LETTER, "đ", "Phối hợp");
	label("- Tổ chức tập huấn", LB_DASH, "", "Tổ chức tập huấn");
	label("+ Chuyên đề", LB_PLUS, "", "Chuyên đề");
	label("II. NHIỆM VỤ", LB_ROMAN, "II", "NHIỆM VỤ");
	label("I- Đánh giá", LB_ROMAN, "I", "Đánh giá");
	label("Điều 3. Chánh Văn phòng", LB_DIEU, "3", "Chánh Văn phòng");
	label("Một là, tăng cường", LB_ORD, "1", "tăng cường");
	/* not labels */
	label("1.846 tổ chức sử dụng hóa đơn", LB_NONE, "", "");
	label("2/7/2024 của Chính phủ", LB_NONE, "", "");
	label("3 Quy định về quản lý", LB_NONE, "", "");
	label("Ủy ban nhân dân", LB_NONE, "", "");
	label("-----", LB_NONE, "", "");
	label("", LB_NONE, "", "");
	label("b/c", LB_NONE, "", "");
}

static void when_ok(const char *f, enum ex_when_kind kind, const char *iso)
{
	struct ex_when w;
	char out[11];
	if (ex_when_at(f, strlen(f), 0, 2021, &w) != 0)
		fail_msg("'%s' not parsed", f);
	assert_int_equal(w.kind, kind);
	ex_when_iso(w.y, w.m, w.d, out);
	assert_string_equal(out, iso);
}

static void test_when(void **state)
{
	(void)state;
	struct ex_when w;
	when_ok("ngay 25/02/2021", EXW_DATE, "2021-02-25");
	when_ok("25-2-2021", EXW_DATE, "2021-02-25");
	when_ok("ngay 26 thang 02 nam 2021", EXW_DATE, "2021-02-26");
	when_ok("ngay 15/3", EXW_DATE, "2021-03-15");
	when_ok("thang 3 nam 2021", EXW_MONTH, "2021-03-31");
	when_ok("thang 02/2024", EXW_MONTH, "2024-02-29");
	when_ok("quy ii/2021", EXW_QUARTER, "2021-06-30");
	when_ok("quy iv nam 2021", EXW_QUARTER, "2021-12-31");
	when_ok("6 thang dau nam 2021", EXW_HALF, "2021-06-30");
	when_ok("nam 2022", EXW_YEAR, "2022-12-31");
	/* impossible or partial dates are refused */
	assert_int_equal(ex_when_at("ngay 31/02/2021", 15, 0, 0, &w) == 0 && w.kind == EXW_DATE, 0);
	assert_int_equal(ex_when_at("ngay tháng", 10, 0, 0, &w), -1);
	assert_int_equal(ex_when_at("nam 2021 - 2025", 15, 0, 0, &w), -1);
	assert_int_equal(ex_when_at("quy", 3, 0, 0, &w), -1);

	const char *t = "hoan thanh va bao cao ubnd tinh truoc ngay 20/02/2025.";
	assert_int_equal(ex_deadline_find(t, strlen(t), 0, &w), 0);
	assert_int_equal(w.kind, EXW_DATE);
	assert_int_equal(w.before, 1);
	assert_int_equal(w.m, 2);
	t = "to chuc tuyen truyen thuong xuyen, lien tuc";
	assert_int_equal(ex_deadline_find(t, strlen(t), 0, &w), 0);
	assert_int_equal(w.kind, EXW_RECUR);
	assert_string_equal(w.recur, "continuous");
	t = "thuc hien nghiem theo quy dinh";
	assert_int_equal(ex_deadline_find(t, strlen(t), 0, &w), -1);
	/* "đến hết" a period: its last day */
	t = "tang cuong tuyen truyen, thoi gian thuc hien tu nay den het nam 2025.";
	assert_int_equal(ex_deadline_find(t, strlen(t), 0, &w), 0);
	assert_int_equal(w.kind, EXW_YEAR);
	assert_int_equal(w.y * 10000 + w.m * 100 + w.d, 20251231);
	t = "duy tri den het thang 6/2025";
	assert_int_equal(ex_deadline_find(t, strlen(t), 0, &w), 0);
	assert_int_equal(w.y * 10000 + w.m * 100 + w.d, 20250630);
	t = "het thoi gian nay den het y kien";
	assert_int_equal(ex_deadline_find(t, strlen(t), 0, &w), -1);
	/* a date that is not a deadline: the date of a cited document */
	t = "theo cong van so 12/ubnd ngay 21/01/2025 cua bo";
	assert_int_equal(ex_deadline_find(t, strlen(t), 0, &w), -1);
	/* an hour before the day: part of the phrase, the day is the deadline */
	static const struct {
		const char *t;
		int d;
		size_t end; /* of the phrase, from its start at 0 */
	} hr[] = {
		{"truoc 17 gio ngay 05/12/2025 trinh", 5, 28},
		{"truoc 16h30 ngay 10/12/2025.", 10, 27},
		{"truoc 8 gio 30 phut sang ngay 03/12/2025", 3, 40},
		{"truoc 17h ngay 06/12/2025", 6, 25},
		{"truoc 9 gio 15 ngay 07/12/2025", 7, 30},
	};
	for (size_t i = 0; i < sizeof(hr) / sizeof(hr[0]); i++) {
		t = hr[i].t;
		assert_int_equal(ex_deadline_find(t, strlen(t), 0, &w), 0);
		assert_int_equal(w.kind, EXW_DATE);
		assert_int_equal(w.y * 10000 + w.m * 100 + w.d, 20251200 + hr[i].d);
		assert_int_equal(w.start, 0);
		assert_int_equal(w.end, hr[i].end);
		assert_int_equal(w.before, 1);
	}
	/* "trước Tết Nguyên đán": the eve of the lunar new year, of the year given or of the
	 * context's year (w.tet then says which, for the move to the coming one) */
	static const struct {
		const char *t;
		int year_ctx, ymd, tet, from_ctx;
	} tet[] = {
		{"hoan thanh truoc tet nguyen dan.", 2025, 20250128, 2025, 1},
		{"hoan thanh truoc tet nguyen dan binh ngo 2026", 2025, 20260216, 2026, 0},
		{"xong truoc tet nguyen dan nam 2027;", 0, 20270205, 2027, 0},
		{"cham nhat truoc tet nguyen dan at ty", 2025, 20250128, 2025, 1},
		{"truoc tet duong lich", 2025, 20251231, 0, 1},
		{"truoc tet duong lich 2026", 0, 20251231, 0, 0},
	};
	for (size_t i = 0; i < sizeof(tet) / sizeof(tet[0]); i++) {
		t = tet[i].t;
		if (ex_deadline_find(t, strlen(t), tet[i].year_ctx, &w) != 0)
			fail_msg("'%s': no deadline", t);
		assert_int_equal(w.kind, EXW_DATE);
		assert_int_equal(w.y * 10000 + w.m * 100 + w.d, tet[i].ymd);
		assert_int_equal(w.tet, tet[i].tet);
		assert_int_equal(w.year_ctx, tet[i].from_ctx);
		assert_int_equal(w.before, 1);
	}
	/* no year known, a year outside the table, "Tết" alone, "Tết" with no lead word: none */
	static const char *const no_tet[] = {"hoan thanh truoc tet nguyen dan", "truoc tet nguyen dan 2035",
					     "truoc tet", "cham lo tet nguyen dan cho ho ngheo"};
	for (size_t i = 0; i < sizeof(no_tet) / sizeof(no_tet[0]); i++) {
		t = no_tet[i];
		if (ex_deadline_find(t, strlen(t), i == 0 ? 0 : 2025, &w) == 0 && w.kind == EXW_DATE)
			fail_msg("'%s': a date %d-%d-%d", t, w.y, w.m, w.d);
	}
	{
		int y, m, d;
		assert_int_equal(ex_tet_eve(2026, &y, &m, &d), 0);
		assert_int_equal(y * 10000 + m * 100 + d, 20260216);
		assert_int_equal(ex_tet_eve(2020, &y, &m, &d), 0); /* 25 January: 24 January */
		assert_int_equal(y * 10000 + m * 100 + d, 20200124);
		assert_int_equal(ex_tet_eve(2022, &y, &m, &d), 0); /* 1 February: 31 January */
		assert_int_equal(y * 10000 + m * 100 + d, 20220131);
		assert_int_equal(ex_tet_eve(2015, &y, &m, &d), -1);
		assert_int_equal(ex_tet_eve(2030, &y, &m, &d), -1);
	}
	/* an hour with no day after it is no deadline */
	t = "hop luc 17 gio, truoc 17 gio cac don vi gui";
	assert_int_equal(ex_deadline_find(t, strlen(t), 0, &w), -1);
	/* "định kỳ" and a count of months or years: the rhythm, with the count in its text */
	static const struct {
		const char *t, *recur, *words;
	} rh[] = {
		{"dinh ky 6 thang bao cao ban thuong vu", "periodic", "dinh ky 6 thang"},
		{"dinh ky 3 thang mot lan bao cao", "quarterly", "dinh ky 3 thang mot lan"},
		{"dinh ky 1 thang, gui bao cao", "monthly", "dinh ky 1 thang"},
		{"dinh ky 12 thang", "yearly", "dinh ky 12 thang"},
		{"dinh ky 1 nam tong ket", "yearly", "dinh ky 1 nam"},
		{"dinh ky 2 nam so ket", "periodic", "dinh ky 2 nam"},
		{"dinh ky hang quy bao cao", "quarterly", "dinh ky hang quy"},
		{"dinh ky 6 thanh vien", "periodic", "dinh ky"}, /* no month: the rhythm alone */
		{"dinh ky 0 thang", "periodic", "dinh ky"},
	};
	for (size_t i = 0; i < sizeof(rh) / sizeof(rh[0]); i++) {
		t = rh[i].t;
		assert_int_equal(ex_deadline_find(t, strlen(t), 0, &w), 0);
		assert_int_equal(w.kind, EXW_RECUR);
		assert_string_equal(w.recur, rh[i].recur);
		assert_int_equal(w.start, 0);
		assert_int_equal(w.end, strlen(rh[i].words));
	}
}

static void test_names(void **state)
{
	(void)state;
	const char *s = "Nguyễn Văn Thành";
	char *n = ex_person_name(s, 0, strlen(s), 0);
	assert_string_equal(n, "Nguyễn Văn Thành");
	free(n);
	s = "Âguyên Hoàng Giang";
	assert_null(ex_person_name(s, 0, strlen(s), 0));
	n = ex_person_name(s, 0, strlen(s), 1);
	assert_string_equal(n, "Nguyễn Hoàng Giang");
	free(n);
	s = "Đại tá Nguyễn Thanh Trường";
	n = ex_person_name(s, 0, strlen(s), 1);
	assert_string_equal(n, "Nguyễn Thanh Trường");
	free(n);
	s = "tỉnh Võ Phiên";
	assert_null(ex_person_name(s, 0, strlen(s), 0));
	s = "Ủy ban nhân dân thành phố";
	assert_null(ex_person_name(s, 0, strlen(s), 1));
	s = "PHÓ BÍ THƯ";
	assert_null(ex_person_name(s, 0, strlen(s), 1));
	s = "Lê";
	assert_null(ex_person_name(s, 0, strlen(s), 1));

	const char *caps = "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI";
	n = ex_name_case(gz, caps, strlen(caps));
	assert_string_equal(n, "Ủy ban nhân dân tỉnh Quảng Ngãi");
	free(n);
	caps = "PHÓ CHÁNH VĂN PHÒNG";
	n = ex_name_case(gz, caps, strlen(caps));
	assert_string_equal(n, "Phó Chánh Văn phòng");
	free(n);
	caps = "THÀNH ỦY CẦN THƠ";
	n = ex_name_case(gz, caps, strlen(caps));
	assert_string_equal(n, "Thành ủy Cần Thơ");
	free(n);
	caps = "Sở Tài chính"; /* not capitals: kept */
	n = ex_name_case(gz, caps, strlen(caps));
	assert_string_equal(n, "Sở Tài chính");
	free(n);
}

static void test_gazetteer(void **state)
{
	(void)state;
	struct dd_error err;
	assert_true(gz->ntypes > 10);
	assert_true(gz->nunits > 30);
	assert_true(gz->ntopics > 5);
	const char *f = "giao so tai chinh chu tri";
	size_t end;
	long u = gz_match_unit(gz, f, strlen(f), 5, &end);
	assert_true(u >= 0);
	assert_string_equal(gz->units[u].name, "Sở Tài chính");
	assert_int_equal(end, 17);
	assert_true(gz_match_unit(gz, f, strlen(f), 0, &end) < 0);
	/* no district-level unit in the default list */
	for (size_t i = 0; i < gz->nunits; i++) {
		assert_null(strstr(gz->units[i].name, "quận"));
		assert_null(strstr(gz->units[i].name, "huyện"));
	}

	/* a user's directory replaces one file */
	char dir[] = "/tmp/dondoc-gz.XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof(path), "%s/units.tsv", dir);
	const char *mine = "# mine\nX1\tPhòng Quản lý đô thị\tdepartment\t\tQLĐT|Phòng QLĐT\n";
	assert_int_equal(file_write_atomic(path, mine, strlen(mine), &err), 0);
	struct gazetteer *g2 = gazetteer_load(dir, &err);
	assert_non_null(g2);
	assert_int_equal(g2->nunits, 1);
	f = "phong qldt bao cao";
	u = gz_match_unit(g2, f, strlen(f), 0, &end);
	assert_int_equal(u, 0);
	assert_int_equal(end, 10);
	gazetteer_free(g2);
	/* a broken file is bad data, with the file named */
	const char *broken = "only-one-field\n";
	assert_int_equal(file_write_atomic(path, broken, strlen(broken), &err), 0);
	dd_error_clear(&err);
	assert_null(gazetteer_load(dir, &err));
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_non_null(strstr(err.msg, "units.tsv"));
	unlink(path);
	rmdir(dir);
	gazetteer_free(NULL);
}

static const char party_doc[] =
	"ĐẢNG BỘ THÀNH PHỐ CẦN THƠ                    ĐẢNG CỘNG SẢN VIỆT NAM\n"
	"THÀNH ỦY CẦN THƠ\n"
	"*\n"
	"Số 45-TB/TU                          Cần Thơ, ngày 26 tháng 02 năm 2021\n"
	"\n"
	"THÔNG BÁO\n"
	"kết luận của Ban Thường vụ Thành ủy tại cuộc họp ngày 25/02/2021\n"
	"-----\n"
	"\n"
	"Ngày 25/02/2021, Ban Thường vụ Thành ủy họp dưới sự chủ trì của đồng chí Lê Quang Mạnh, "
	"Bí thư Thành ủy. Ban Thường vụ Thành ủy kết luận như sau:\n"
	"\n"
	"Tháng 02 năm 2021, tình hình kinh tế có chuyển biến tích cực.\n"
	"\n"
	"Để thực hiện tốt nhiệm vụ trong tháng 3 năm 2021, Ban Thường vụ Thành ủy yêu cầu:\n"
	"\n"
	"1. Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng và các cơ quan, đơn vị liên quan "
	"rà soát nguồn vốn đầu tư công, báo cáo trước ngày 15/3/2021.\n"
	"2. Ban Tổ chức Thành ủy:\n"
	"a) Hướng dẫn kiện toàn cấp ủy;\n"
	"b) Theo dõi việc thực hiện hằng tháng.\n"
	"3. Tăng cường công tác tuyên truyền.\n"
	"\n"
	"Nơi nhận:                                    T/M BAN THƯỜNG VỤ\n"
	"- Thường trực Thành ủy,                      PHÓ BÍ THƯ\n"
	"- Các sở, ban, ngành thành phố,\n"
	"  đảng ủy trực thuộc,\n"
	"- Lưu Văn phòng Thành ủy.                    Phạm Văn Hiếu\n";

static void test_party(void **state)
{
	(void)state;
	struct dd_error err;
	json_t *j = extract_text(party_doc, &err);
	assert_non_null(j);
	assert_string_equal(jstr(j, "schema"), "dondoc.extract/1");
	assert_string_equal(jstr(j, "type.code"), "TB");
	assert_string_equal(jstr(j, "number"), "45-TB/TU");
	assert_string_equal(jstr(j, "issuer"), "Ban Thường vụ Thành ủy");
	assert_string_equal(jstr(j, "parent_body"), "Đảng bộ thành phố Cần Thơ");
	assert_string_equal(jstr(j, "place"), "Cần Thơ");
	assert_string_equal(jstr(j, "date"), "2021-02-26");
	assert_string_equal(jstr(j, "meeting.date"), "2021-02-25");
	json_t *chairs = json_object_get(json_object_get(j, "meeting"), "chairs");
	assert_int_equal(json_array_size(chairs), 1);
	assert_string_equal(jstr(json_array_get(chairs, 0), "name"), "Lê Quang Mạnh");
	assert_string_equal(jstr(j, "period.to"), "2021-03-31");
	json_t *tasks = json_object_get(j, "tasks");
	assert_int_equal(json_array_size(tasks), 5);
	json_t *t1 = json_array_get(tasks, 0);
	assert_string_equal(jstr(t1, "id"), "1");
	assert_string_equal(json_string_value(json_array_get(json_object_get(t1, "lead_units"), 0)), "Sở Tài chính");
	json_t *supp = json_object_get(t1, "supporting_units");
	assert_int_equal(json_array_size(supp), 2);
	assert_string_equal(json_string_value(json_array_get(supp, 0)), "Sở Xây dựng");
	assert_string_equal(jstr(t1, "deadline.date"), "2021-03-15");
	assert_false(json_is_true(json_object_get(json_object_get(t1, "deadline"), "inherited")));
	json_t *t2a = json_array_get(tasks, 2);
	assert_string_equal(jstr(t2a, "id"), "2.a");
	assert_string_equal(jstr(t2a, "parent"), "2");
	/* inherited from the period */
	assert_string_equal(jstr(t2a, "deadline.date"), "2021-03-31");
	assert_true(json_is_true(json_object_get(json_object_get(t2a, "deadline"), "inherited")));
	json_t *t2b = json_array_get(tasks, 3);
	assert_string_equal(jstr(t2b, "deadline.kind"), "recurring");
	assert_string_equal(jstr(t2b, "deadline.recurrence"), "monthly");
	/* footer, two columns */
	assert_int_equal(json_array_size(json_object_get(j, "recipients")), 2);
	assert_string_equal(jstr(json_array_get(json_object_get(j, "recipients"), 1), "text"),
			    "Các sở, ban, ngành thành phố, đảng ủy trực thuộc");
	assert_string_equal(jstr(j, "archive"), "Văn phòng Thành ủy");
	assert_string_equal(jstr(j, "signature.authority"), "T/M");
	assert_string_equal(jstr(j, "signature.on_behalf_of"), "Ban Thường vụ");
	assert_string_equal(jstr(j, "signature.title"), "Phó Bí thư");
	assert_string_equal(jstr(j, "signature.name"), "Phạm Văn Hiếu");
	json_decref(j);
}

static const char state_doc[] =
	"ỦY BAN NHÂN DÂN                      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
	"THÀNH PHỐ HẢI PHÒNG                          Độc lập - Tự do - Hạnh phúc\n"
	"\n"
	"Số: 12 /UBND-VP                      Hải Phòng, ngày 05 tháng 4 năm 2021\n"
	"V/v báo cáo tiến độ\n"
	"các dự án trọng điểm\n"
	"\n"
	"Kính gửi: Sở Xây dựng\n"
	"\n"
	"Chủ tịch Ủy ban nhân dân thành phố giao Sở Xây dựng chủ trì, phối hợp với Sở Tài chính "
	"báo cáo tiến độ các dự án trọng điểm (trước ngày 20/4/2021)./.\n"
	"\n"
	"Nơi nhận:                                     TL. CHỦ TỊCH\n"
	"- Như trên;                               KT. CHÁNH VĂN PHÒNG\n"
	"- Lưu: VT, VP.                            PHÓ CHÁNH VĂN PHÒNG\n"
	"\n"
	"                                              Phạm Thị Thu Hà\n";

static void test_state_letter(void **state)
{
	(void)state;
	struct dd_error err;
	json_t *j = extract_text(state_doc, &err);
	assert_non_null(j);
	assert_string_equal(jstr(j, "type.code"), "CV");
	assert_string_equal(jstr(j, "number"), "12/UBND-VP");
	assert_string_equal(jstr(j, "issuer"), "Ủy ban nhân dân thành phố Hải Phòng");
	assert_string_equal(jstr(j, "date"), "2021-04-05");
	assert_string_equal(jstr(j, "subject"), "báo cáo tiến độ các dự án trọng điểm");
	json_t *tasks = json_object_get(j, "tasks");
	assert_int_equal(json_array_size(tasks), 1);
	assert_string_equal(jstr(json_array_get(tasks, 0), "deadline.date"), "2021-04-20");
	assert_string_equal(json_string_value(json_array_get(json_object_get(json_array_get(tasks, 0), "lead_units"), 0)),
			    "Sở Xây dựng");
	assert_int_equal(json_array_size(json_object_get(j, "recipients")), 1);
	assert_string_equal(jstr(j, "archive"), "VT, VP");
	assert_string_equal(jstr(j, "signature.authority"), "T/L");
	assert_string_equal(jstr(j, "signature.title"), "Phó Chánh Văn phòng");
	assert_string_equal(jstr(j, "signature.name"), "Phạm Thị Thu Hà");
	json_decref(j);
}

static void test_no_header(void **state)
{
	(void)state;
	struct dd_error err;
	const char *doc = "THÔNG BÁO**kết luận của Thường trực Thành ủy**\n\n"
			  "Ngày 10/01/2022, Thường trực Thành ủy họp nghe báo cáo. Thường trực Thành ủy kết luận:\n\n"
			  "1. Công an thành phố bảo đảm an ninh trật tự; thực hiện thường xuyên.\n";
	json_t *j = extract_text(doc, &err);
	assert_non_null(j);
	assert_string_equal(jstr(j, "type.code"), "TB");
	assert_string_equal(jstr(j, "subject"), "kết luận của Thường trực Thành ủy");
	assert_true(json_is_null(json_object_get(j, "number")));
	assert_true(json_is_null(json_object_get(j, "date")));
	assert_string_equal(jstr(j, "issuer"), "Thường trực Thành ủy");
	assert_int_equal(json_array_size(json_object_get(j, "tasks")), 1);
	/* what is missing is said */
	json_t *w = json_object_get(j, "warnings");
	int number_warned = 0;
	for (size_t i = 0; i < json_array_size(w); i++)
		number_warned |= strstr(json_string_value(json_array_get(w, i)), "number") != NULL;
	assert_true(number_warned);
	json_decref(j);
}

static void test_party_letter(void **state)
{
	(void)state;
	struct dd_error err;
	const char *doc = "BAN CHẤP HÀNH TRUNG ƯƠNG      ĐẢNG CỘNG SẢN VIỆT NAM\n"
			  "BAN TỔ CHỨC\n*\n"
			  "Số 357-CV/BTCTW               Hà Nội, ngày 05 tháng 3 năm 2021\n"
			  "Chế độ hội nghị và công tác phí\n\n"
			  "Kính gửi: Các tỉnh ủy, thành ủy\n\n"
			  "Ban Tổ chức Trung ương đề nghị các tỉnh ủy, thành ủy báo cáo trước ngày 30/3/2021.\n";
	json_t *j = extract_text(doc, &err);
	assert_non_null(j);
	assert_string_equal(jstr(j, "type.code"), "CV");
	assert_string_equal(jstr(j, "number"), "357-CV/BTCTW");
	assert_string_equal(jstr(j, "issuer"), "Ban Tổ chức");
	assert_string_equal(jstr(j, "parent_body"), "Ban Chấp hành Trung ương");
	assert_string_equal(jstr(j, "subject"), "Chế độ hội nghị và công tác phí");
	json_t *tasks = json_object_get(j, "tasks");
	assert_int_equal(json_array_size(tasks), 1);
	json_t *t = json_array_get(tasks, 0);
	assert_string_equal(json_string_value(json_array_get(json_object_get(t, "lead_units"), 0)),
			    "Các tỉnh ủy, thành ủy");
	assert_string_equal(jstr(t, "deadline.date"), "2021-03-30");
	json_decref(j);
}

static int has_unit(json_t *task, const char *list, const char *name)
{
	json_t *arr = json_object_get(task, list);
	for (size_t i = 0; i < json_array_size(arr); i++)
		if (strcmp(json_string_value(json_array_get(arr, i)), name) == 0)
			return 1;
	return 0;
}

/* Lead and supporting units are the units the text names (issue 3): a unit the gazetteer
 * knows under another (merged) name is not replaced by it, and an unknown name is whole;
 * suggested units are the gazetteer's canonical names. */
static void test_unit_wording(void **state)
{
	(void)state;
	struct dd_error err;
	const char *doc = "THÔNG BÁO\nKết luận của Thường trực Thành ủy\n\n"
			  "Thường trực Thành ủy kết luận:\n\n"
			  "1. Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với Ban Tuyên giáo Thành ủy, "
			  "Bộ Công an, UBND các huyện triển khai chuyển đổi số; hoàn thành trước ngày 30/6/2024.\n"
			  "2. Giao Sở Tài chính bố trí kinh phí; thực hiện thường xuyên.\n"
			  "3. Giao các sở, ngành phối hợp với UBND TP. Cần Thơ, Công an thành phố rà soát.\n";
	json_t *j = extract_text(doc, &err);
	assert_non_null(j);
	json_t *tasks = json_object_get(j, "tasks");
	assert_int_equal(json_array_size(tasks), 3);
	json_t *t = json_array_get(tasks, 0);
	assert_true(has_unit(t, "lead_units", "Sở Thông tin và Truyền thông"));
	assert_false(has_unit(t, "lead_units", "Sở Khoa học và Công nghệ"));
	assert_true(has_unit(t, "supporting_units", "Ban Tuyên giáo Thành ủy"));
	assert_true(has_unit(t, "supporting_units", "Bộ Công an"));
	assert_true(has_unit(t, "supporting_units", "UBND các huyện"));
	assert_false(has_unit(t, "supporting_units", "Ủy ban nhân dân các phường, xã"));
	t = json_array_get(tasks, 1);
	assert_true(has_unit(t, "lead_units", "Sở Tài chính"));
	assert_true(has_unit(t, "suggested_units", "Sở Tài chính"));
	/* a list item gets a capital; "TP." does not end the list, the place is kept */
	t = json_array_get(tasks, 2);
	assert_true(has_unit(t, "lead_units", "Các sở, ngành"));
	assert_true(has_unit(t, "supporting_units", "UBND TP. Cần Thơ"));
	assert_true(has_unit(t, "supporting_units", "Công an thành phố"));
	json_decref(j);
}

/* Project management boards are named mostly in lower case: the whole name is the unit,
 * ending at its place (with the place's name) or at the verb after it, never at "và các". */
static void test_project_board(void **state)
{
	(void)state;
	struct dd_error err;
	const char *doc = "THÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh\n\nChủ tịch UBND tỉnh kết luận:\n\n"
			  "1. Giao Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh "
			  "chủ trì, phối hợp với Sở Tài chính hoàn thành hồ sơ.\n"
			  "2. Ban Quản lý dự án đầu tư xây dựng các công trình giao thông khẩn trương hoàn thiện "
			  "thủ tục.\n"
			  "3. Giao Ban Quản lý dự án Đầu tư xây dựng huyện Mộ Đức chịu trách nhiệm bàn giao.\n"
			  "4. Giao Ban Quản lý dự án số 2 và các sở liên quan giải ngân vốn.\n"
			  "5. Giao Ban Quản lý dự án đầu tư xây dựng giải ngân vốn đầu tư công.\n"
			  "6. Đề nghị ban quản lý dự án rà soát hồ sơ.\n";
	json_t *j = extract_text(doc, &err);
	assert_non_null(j);
	json_t *tasks = json_object_get(j, "tasks");
	assert_int_equal(json_array_size(tasks), 6);
	assert_true(has_unit(json_array_get(tasks, 0), "lead_units",
			     "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh"));
	assert_true(has_unit(json_array_get(tasks, 0), "supporting_units", "Sở Tài chính"));
	assert_true(has_unit(json_array_get(tasks, 1), "lead_units",
			     "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông"));
	assert_true(has_unit(json_array_get(tasks, 2), "lead_units",
			     "Ban Quản lý dự án Đầu tư xây dựng huyện Mộ Đức"));
	assert_true(has_unit(json_array_get(tasks, 3), "lead_units", "Ban Quản lý dự án số 2"));
	assert_true(has_unit(json_array_get(tasks, 4), "lead_units", "Ban Quản lý dự án đầu tư xây dựng"));
	/* in lower case it is no name */
	assert_int_equal(json_array_size(json_object_get(json_array_get(tasks, 5), "lead_units")), 0);
	json_decref(j);
}

/* Days counted from the signing: the issue date plus that many days (working days skip the
 * weekend); counted from an event the document does not date, no date. */
static void test_within_days(void **state)
{
	(void)state;
	struct dd_error err;
	const char *doc = "UBND TỈNH BẮC NINH\nSố: 15/TB-UBND\nBắc Ninh, ngày 28 tháng 11 năm 2025\n\n"
			  "THÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh\n\nChủ tịch UBND tỉnh kết luận:\n\n"
			  "1. Giao Sở Tài chính rà soát hồ sơ, báo cáo trong 15 ngày kể từ ngày ký.\n"
			  "2. Giao Sở Xây dựng hoàn thiện quy hoạch trong thời hạn 10 ngày làm việc kể từ ngày "
			  "ban hành Thông báo này.\n"
			  "3. Giao Sở Nội vụ báo cáo trong vòng 7 ngày kể từ ngày nhận được văn bản.\n"
			  "4. Giao Sở Y tế kiểm tra trong 5 ngày, sau đó kể từ ngày ký báo cáo lại.\n"
			  "5. Giao Sở Công Thương hoàn thành kế hoạch, xong trước ngày 15/3.\n";
	json_t *j = extract_text(doc, &err);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "date")), "2025-11-28");
	json_t *tasks = json_object_get(j, "tasks");
	assert_int_equal(json_array_size(tasks), 5);
	json_t *dl = json_object_get(json_array_get(tasks, 0), "deadline");
	assert_string_equal(json_string_value(json_object_get(dl, "date")), "2025-12-13");
	assert_string_equal(json_string_value(json_object_get(dl, "text")), "trong 15 ngày kể từ ngày ký");
	assert_string_equal(json_string_value(json_object_get(dl, "kind")), "by");
	assert_false(json_is_true(json_object_get(dl, "inherited")));
	/* Friday 28/11 + 10 working days: Friday 12/12 */
	dl = json_object_get(json_array_get(tasks, 1), "deadline");
	assert_string_equal(json_string_value(json_object_get(dl, "date")), "2025-12-12");
	for (int i = 2; i < 4; i++) {
		dl = json_object_get(json_array_get(tasks, i), "deadline");
		assert_true(json_is_null(json_object_get(dl, "date")));
	}
	/* a day with no year before the issue date is next year's (no meeting date here) */
	dl = json_object_get(json_array_get(tasks, 4), "deadline");
	assert_string_equal(json_string_value(json_object_get(dl, "date")), "2026-03-15");
	json_decref(j);
}

/* A plan's item followed by field lines ("- Cơ quan chủ trì: ...", "- Thời gian hoàn thành:
 * ..."): the fields give the item's units and deadline and are no tasks; a line that starts
 * like a field but has no ':' is work. */
static void test_field_lines(void **state)
{
	(void)state;
	struct dd_error err;
	const char *doc = "KẾ HOẠCH\nCải cách hành chính năm 2026\n\nII. NHIỆM VỤ\n"
			  "1. Rà soát thủ tục hành chính\n"
			  "- Cơ quan chủ trì: Văn phòng UBND tỉnh\n"
			  "- Cơ quan phối hợp: Các sở, ban, ngành; UBND các xã, phường\n"
			  "- Thời gian hoàn thành: Quý II/2026\n"
			  "- Sản phẩm: Quyết định công bố\n"
			  "2. Tổ chức hội nghị sơ kết\n"
			  "- Chủ trì tổ chức hội nghị tại các xã\n"
			  "3. Tuyên truyền cải cách hành chính\n"
			  "- Thời hạn: Thường xuyên\n";
	json_t *j = extract_text(doc, &err);
	assert_non_null(j);
	json_t *tasks = json_object_get(j, "tasks");
	assert_int_equal(json_array_size(tasks), 4);
	json_t *t = json_array_get(tasks, 0);
	assert_string_equal(json_string_value(json_object_get(t, "text")), "Rà soát thủ tục hành chính");
	assert_true(has_unit(t, "lead_units", "Văn phòng UBND tỉnh"));
	assert_true(has_unit(t, "supporting_units", "Các sở, ban, ngành"));
	assert_true(has_unit(t, "supporting_units", "UBND các xã, phường"));
	json_t *dl = json_object_get(t, "deadline");
	assert_string_equal(json_string_value(json_object_get(dl, "date")), "2026-06-30");
	assert_string_equal(json_string_value(json_object_get(dl, "text")), "Quý II/2026");
	/* "Chủ trì tổ chức ..." (no colon) is a sub-task */
	assert_string_equal(json_string_value(json_object_get(json_array_get(tasks, 1), "id")), "2");
	t = json_array_get(tasks, 2);
	assert_string_equal(json_string_value(json_object_get(t, "parent")), "2");
	assert_string_equal(json_string_value(json_object_get(t, "text")), "Chủ trì tổ chức hội nghị tại các xã");
	t = json_array_get(tasks, 3);
	assert_string_equal(json_string_value(json_object_get(t, "id")), "3");
	dl = json_object_get(t, "deadline");
	assert_string_equal(json_string_value(json_object_get(dl, "kind")), "recurring");
	assert_string_equal(json_string_value(json_object_get(dl, "recurrence")), "continuous");
	json_decref(j);
}

/* Every key of the schema is present whatever the input. */
static void check_keys(json_t *j)
{
	static const char *const keys[] = {"schema", "source", "type", "number", "issuer", "parent_body",
					   "place", "date", "subject", "meeting", "period", "tasks",
					   "recipients", "archive", "signature", "warnings"};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!json_object_get(j, keys[i]))
			fail_msg("key '%s' missing", keys[i]);
	static const char *const sig[] = {"authority", "on_behalf_of", "title", "name"};
	for (size_t i = 0; i < 4; i++)
		assert_non_null(json_object_get(json_object_get(j, "signature"), sig[i]));
	assert_true(json_is_array(json_object_get(j, "tasks")));
	assert_true(json_is_array(json_object_get(j, "warnings")));
}

static void test_bad_input(void **state)
{
	(void)state;
	struct dd_error err;
	static const char *const junk[] = {
		"x",
		"1.\n2.\n- \n+\na)\nĐiều\nSố:\nSố: 1/\nNơi nhận:\n- Lưu:\nT/M\nKT.\n",
		"Số: ////---///\n, ngày tháng năm\nTHÔNG BÁO\n\n\n",
		"ngày 99/99/9999 tháng 13 năm 99999 quý V/2021 trước ngày 31/02/2021\n",
		"Nơi nhận: TM. TM. TM. KT.\n- - - - -\n-\nLưu\n",
		"giao giao giao phối hợp phối hợp với với chủ trì chủ trì\n",
		/* phrases cut at the very end of the text (found by the fuzzer) */
		"1. Sở Tài chính giao\n",
		"Ngày 25/02/2021, Ban Thường vụ họp, đồng chí A chủ trì\n1. Giao\n",
		"Ban Thường vụ đề nghị\n",
		"V/v\n",
		"Kính gửi:\n",
	};
	for (size_t i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
		json_t *j = extract_text(junk[i], &err);
		assert_non_null(j);
		check_keys(j);
		json_decref(j);
	}
	/* no text at all: bad data, not a crash */
	struct rd_doc doc;
	memset(&doc, 0, sizeof(doc));
	dd_error_clear(&err);
	struct arena a;
	arena_init(&a, 0);
	assert_null(extract_doc(&doc, gz, &a, &err));
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_null(extract_doc(NULL, gz, &a, &err));
	assert_null(extract_doc(&doc, gz, NULL, &err));
	/* a file that is not there */
	dd_error_clear(&err);
	assert_null(extract_file("/nonexistent/dondoc.txt", gz, &a, &err));
	assert_int_equal(err.code, DD_ERR_NOINPUT);
	arena_release(&a);
}

/* Line where ex_footer_start finds the footer in text (-1 none). */
static int footer_line(const char *text)
{
	struct dd_error err;
	struct rd_doc doc;
	struct arena a;
	struct ex_doc d;
	memset(&doc, 0, sizeof(doc));
	dd_error_clear(&err);
	assert_int_equal(rd_read_buffer("test.txt", text, strlen(text), NULL, &doc, &err), 0);
	arena_init(&a, 0);
	ex_doc_init(&d, &doc, gz, &a);
	int fs = ex_footer_start(&d, 0);
	ex_doc_release(&d);
	arena_release(&a);
	rd_doc_release(&doc);
	return fs;
}

/* The authority token that starts a footer: within the first 40 bytes of its piece, which is
 * the whole line or a column of it. */
static void test_footer_start(void **state)
{
	(void)state;
	assert_int_equal(footer_line("Nội dung.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n"), 1);
	/* the token at byte 39 of the line, and at byte 40 */
	const char *at39 = "Nội dung.\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA KT. CHỦ TỊCH\n";
	const char *at40 = "Nội dung.\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA KT. CHỦ TỊCH\n";
	assert_int_equal(footer_line(at39), 1);
	assert_int_equal(footer_line(at40), -1);
	/* far into a line that is one piece: no signature */
	assert_int_equal(footer_line("Các đơn vị gửi báo cáo về Văn phòng UBND tỉnh, KT. CHỦ TỊCH\nx\n"), -1);
	/* the same far into the line, at the start of its second column */
	const char *col2 = "Nội dung.\n- Các sở, ban, ngành tỉnh và UBND các huyện;     KT. CHỦ TỊCH\n";
	assert_int_equal(footer_line(col2), 1);
	/* a line that ends with a small letter is no signature; punctuation after a capital is */
	assert_int_equal(footer_line("Nội dung.\nTM. ỦY BAN NHÂN DÂN xin\n"), -1);
	assert_int_equal(footer_line("Nội dung.\nTM. ỦY BAN NHÂN DÂN.\n"), 1);
	/* (footer.c's ends_lower reads ASCII letters as ex_cp_case does) */
	for (uint32_t c = 0; c < 0x80; c++)
		assert_int_equal(ex_cp_case(c), c >= 'A' && c <= 'Z' ? 1 : c >= 'a' && c <= 'z' ? -1 : 0);
	/* "Nơi nhận" before it */
	assert_int_equal(footer_line("Nội dung.\nNơi nhận:\n- Như trên;\nTM. ỦY BAN NHÂN DÂN\n"), 1);
}

/* ex_line_one_piece (which trusts the cleaned length) says what looking for a tab and a run of
 * three spaces in the raw line says. */
static void test_line_one_piece(void **state)
{
	(void)state;
	static const char *const pieces[] = {"a", "Số", " ", "  ", "   ", "\t",
					     "**", "__", "x*y", "TM.", "\r"};
	uint32_t rng = 7;
	int one = 0, more = 0;
	for (int round = 0; round < 2000; round++) {
		struct buf t = BUF_INIT;
		for (int line = 0; line < 4; line++) {
			buf_addstr(&t, "b");
			for (size_t k = (rng = rng * 1103515245u + 12345u) >> 28; k > 0; k--) {
				rng = rng * 1103515245u + 12345u;
				buf_addstr(&t, pieces[(rng >> 8) % (sizeof(pieces) / sizeof(pieces[0]))]);
			}
			buf_addstr(&t, "c\n");
		}
		struct dd_error err;
		struct rd_doc doc;
		struct arena a;
		struct ex_doc d;
		memset(&doc, 0, sizeof(doc));
		dd_error_clear(&err);
		assert_int_equal(rd_read_buffer("test.txt", buf_str(&t), t.len, NULL, &doc, &err), 0);
		arena_init(&a, 0);
		ex_doc_init(&d, &doc, gz, &a);
		for (size_t i = 0; i < d.nlines; i++) {
			const struct ex_line *l = &d.lines[i];
			int want = !memchr(l->raw, '\t', l->rawlen) && !strstr(l->raw, "   ");
			assert_int_equal(ex_line_one_piece(l), want);
			one += want;
			more += !want;
		}
		ex_doc_release(&d);
		arena_release(&a);
		rd_doc_release(&doc);
		buf_release(&t);
	}
	assert_true(one > 500 && more > 500);
}

/* A type in capitals run into a lower-case subject with no space ("THÔNG BÁOkết luận ...",
 * two runs of a page copied into Word); capitals run into capitals, or a type word that
 * only starts a longer word, are no type. */
static void test_glued_type(void **state)
{
	struct dd_error err;
	json_t *j;

	(void)state;
	j = extract_text("THÔNG BÁOkết luận của Ban Thường vụ Thành ủy tại cuộc họp ngày 25/02/2021\n\n"
			 "Ngày 25/02/2021, Ban Thường vụ Thành ủy họp, kết luận như sau:\n\n"
			 "1. Giao Văn phòng Thành ủy theo dõi, đôn đốc.\n", &err);
	assert_non_null(j);
	assert_string_equal(jstr(j, "type.code"), "TB");
	assert_non_null(jstr(j, "subject"));
	assert_true(strncmp(jstr(j, "subject"), "kết luận của Ban Thường vụ", 27) == 0);
	json_decref(j);
	j = extract_text("QUYẾT ĐỊNHvề việc thành lập Tổ công tác\n\nĐiều 1. Thành lập Tổ công tác.\n", &err);
	assert_non_null(j);
	assert_string_equal(jstr(j, "type.code"), "QĐ");
	json_decref(j);
	j = extract_text("THÔNG BÁOCHUNG về lịch họp\n\nCác đơn vị dự họp đúng giờ.\n", &err);
	assert_non_null(j);
	assert_null(jstr(j, "type.code"));
	json_decref(j);
	j = extract_text("Thông báokết quả\n\nCác đơn vị dự họp đúng giờ.\n", &err);
	assert_non_null(j);
	assert_null(jstr(j, "type.code"));
	json_decref(j);
}

/* A document code broken at its hyphen at the end of a subject line is joined back whole. */
static void test_subject_code_wrap(void **state)
{
	struct dd_error err;
	json_t *j;

	(void)state;
	j = extract_text("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 120/UBND-KGVX\n"
			 "V/v bãi bỏ Nghị quyết số 24/2013/NQ-\nHĐND ngày 10/12/2013 của HĐND tỉnh\n\n"
			 "Kính gửi: Sở Văn hóa, Thể thao và Du lịch\n\nỦy ban nhân dân tỉnh có ý kiến như sau.\n", &err);
	assert_non_null(j);
	assert_non_null(jstr(j, "subject"));
	assert_non_null(strstr(jstr(j, "subject"), "24/2013/NQ-HĐND ngày"));
	json_decref(j);
	/* a dash between words is no code: the space stays */
	j = extract_text("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 121/UBND-KGVX\n"
			 "V/v tổ chức Hội nghị Văn hóa -\nThể thao năm 2026\n\n"
			 "Kính gửi: Sở Văn hóa, Thể thao và Du lịch\n\nỦy ban nhân dân tỉnh có ý kiến như sau.\n", &err);
	assert_non_null(j);
	assert_non_null(jstr(j, "subject"));
	assert_non_null(strstr(jstr(j, "subject"), "Văn hóa - Thể thao"));
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),         cmocka_unit_test(test_labels),
		cmocka_unit_test(test_when),         cmocka_unit_test(test_names),
		cmocka_unit_test(test_gazetteer),    cmocka_unit_test(test_party),
		cmocka_unit_test(test_state_letter), cmocka_unit_test(test_no_header),
		cmocka_unit_test(test_party_letter), cmocka_unit_test(test_unit_wording),
		cmocka_unit_test(test_bad_input),    cmocka_unit_test(test_footer_start),
		cmocka_unit_test(test_line_one_piece), cmocka_unit_test(test_project_board),
		cmocka_unit_test(test_within_days),
		cmocka_unit_test(test_field_lines),  cmocka_unit_test(test_glued_type),
		cmocka_unit_test(test_subject_code_wrap),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
