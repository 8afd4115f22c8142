/* test_confidence.c - per-value OCR confidence: values traced back to hand-made OCR lines */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "extract/confidence.h"
#include "extract/jvjson.h"
#include "read/read.h"
#include "util/arena.h"

struct cline {
	const char *text;
	float conf;
};

/* A scanned notice as the OCR reader gives it, each line with its weakest word's confidence. */
static const struct cline scan[] = {
	{"ỦY BAN NHÂN DÂN", 91.5f},
	{"TỈNH QUẢNG NGÃI", 88.0f},
	{"Số: 64 /TB-UBND", 52.25f},
	{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 95.0f},
	{"Quảng Ngãi, ngày 22 tháng 04 năm 2021", 93.0f},
	{"THÔNG BÁO", 96.0f},
	{"Kết luận của Chủ tịch UBND tỉnh", 90.0f},
	{"1. Giao Sở Nông nghiệp và Phát triển nông thôn chủ trì, thực hi-", 89.0f},
	{"ện trước ngày 30/5/2021.", 61.0f},
	{"2. Sở Y tế theo dõi; thực hiện thường xuyên.", 97.0f},
	{"a) Bệnh viện tỉnh báo cáo.", 80.0f},
	{"KT. CHỦ TỊCH", 90.0f},
	{"PHÓ CHỦ TỊCH", 66.6f},
	{"Nguyễn Thị Hồng Vân", 94.0f},
};

static void make_doc(struct rd_doc *doc, int ocr)
{
	memset(doc, 0, sizeof(*doc));
	for (size_t i = 0; i < sizeof(scan) / sizeof(scan[0]); i++) {
		assert_int_equal(rd_doc_add_line(doc, scan[i].text, strlen(scan[i].text), 0, 0, 1, -1, -1), 0);
		assert_true(doc->lines[i].conf < 0); /* not OCR until the OCR reader says so */
		if (ocr)
			doc->lines[i].conf = scan[i].conf;
	}
	doc->ocr = ocr;
	doc->ocr_confidence = ocr ? 85.0 : 0;
}

/* The extraction result for that document (the keys confidence.c reads). */
static json_t *make_out(void)
{
	json_error_t e;
	json_t *out = json_loads(
		"{\"schema\": \"dondoc.extract/1\","
		" \"source\": {\"ocr\": true, \"ocr_confidence\": 85.0},"
		" \"type\": {\"code\": \"TB\", \"name\": \"Thông báo\"},"
		" \"number\": \"64/TB-UBND\","
		" \"issuer\": \"Ủy ban nhân dân tỉnh Quảng Ngãi\", \"parent_body\": null,"
		" \"place\": \"Quảng Ngãi\", \"date\": \"2021-04-22\","
		" \"subject\": \"kết luận của Chủ tịch UBND tỉnh\","
		" \"tasks\": ["
		"  {\"id\": \"1\", \"line\": 8, \"lead_units\": [\"Sở Nông nghiệp và Phát triển nông thôn\"],"
		"   \"text\": \"Giao Sở Nông nghiệp và Phát triển nông thôn chủ trì, thực hiện trước ngày 30/5/2021.\","
		"   \"deadline\": {\"text\": \"trước ngày 30/5/2021\", \"inherited\": false}},"
		"  {\"id\": \"2\", \"line\": 10, \"lead_units\": [\"Sở Y tế\"],"
		"   \"text\": \"Sở Y tế theo dõi; thực hiện thường xuyên.\","
		"   \"deadline\": {\"text\": \"thường xuyên\", \"inherited\": false}},"
		"  {\"id\": \"2.a\", \"line\": 11, \"lead_units\": [\"Bệnh viện tỉnh\"],"
		"   \"text\": \"Bệnh viện tỉnh báo cáo.\","
		"   \"deadline\": {\"text\": \"thường xuyên\", \"inherited\": true}},"
		"  {\"id\": \"3\", \"line\": 11, \"lead_units\": [], \"text\": \"Nothing like this was read\","
		"   \"deadline\": null}],"
		" \"signature\": {\"authority\": \"K/T\", \"title\": \"Phó Chủ tịch\","
		"                 \"name\": \"Nguyễn Thị Hồng Vân\"},"
		" \"warnings\": []}",
		0, &e);
	assert_non_null(out);
	return out;
}

/* ex_confidence on the extraction result *out (a value tree made from it, then copied
 * back: *out is replaced). */
static void confidence(json_t **out, const struct rd_doc *doc)
{
	struct arena a;
	arena_init(&a, 0);
	struct jv *v = jv_from_json(&a, *out);
	ex_confidence(v, doc);
	json_decref(*out);
	*out = jv_to_json(v);
	arena_release(&a);
}

static double field(const json_t *out, const char *path)
{
	const json_t *v = json_object_get(json_object_get(json_object_get(out, "source"), "ocr_fields"), path);

	return v ? json_real_value(v) : -1;
}

static void test_fields(void **state)
{
	struct rd_doc doc;
	json_t *out = make_out();

	(void)state;
	make_doc(&doc, 1);
	confidence(&out, &doc);
	/* spacing, case and diacritics do not stop the match; a value spanning lines gets the
	 * weaker of them; one decimal */
	assert_true(field(out, "number") == 52.3);
	assert_true(field(out, "issuer") == 88.0);
	assert_true(field(out, "type") == 96.0);
	assert_true(field(out, "date") == 93.0);
	assert_true(field(out, "place") == 93.0);
	assert_true(field(out, "subject") == 90.0);
	/* a task across a hyphen break: both lines, the deadline only on the second */
	assert_true(field(out, "tasks[0].text") == 61.0);
	assert_true(field(out, "tasks[0].lead_units[0]") == 89.0);
	assert_true(field(out, "tasks[0].deadline") == 61.0);
	assert_true(field(out, "tasks[1].deadline") == 97.0);
	assert_true(field(out, "tasks[2].text") == 80.0);
	/* an inherited deadline, a value found nowhere and a null value get no entry */
	assert_true(field(out, "tasks[2].deadline") < 0);
	assert_true(field(out, "tasks[3].text") < 0);
	assert_true(field(out, "parent_body") < 0);
	/* the signature block, from the end */
	assert_true(field(out, "signature.title") == 66.6);
	assert_true(field(out, "signature.name") == 94.0);

	/* what the office must check: below the threshold, in the order of the keys */
	const json_t *check = json_object_get(json_object_get(out, "source"), "ocr_check");
	const char *want[] = {"number", "tasks[0].text", "tasks[0].deadline", "signature.title"};
	assert_int_equal(json_array_size(check), sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_string_equal(json_string_value(json_array_get(check, i)), want[i]);
	json_decref(out);
	rd_doc_release(&doc);
}

static void test_not_ocr(void **state)
{
	struct rd_doc doc;
	json_t *out = make_out();

	(void)state;
	make_doc(&doc, 0);
	confidence(&out, &doc);
	assert_null(json_object_get(json_object_get(out, "source"), "ocr_fields"));
	assert_null(json_object_get(json_object_get(out, "source"), "ocr_check"));
	confidence(&out, NULL);
	assert_null(json_object_get(json_object_get(out, "source"), "ocr_fields"));
	json_decref(out);
	rd_doc_release(&doc);
}

static void test_numeric_date_and_empty(void **state)
{
	struct rd_doc doc;
	json_t *out = json_pack("{s:{s:b}, s:s, s:[], s:n}", "source", "ocr", 1, "date", "2025-01-08",
				"tasks", "signature");
	const char *line = "Hà Nội, 08/01/2025";

	(void)state;
	memset(&doc, 0, sizeof(doc));
	/* nothing read at all: empty objects, no crash */
	doc.ocr = 1;
	confidence(&out, &doc);
	assert_int_equal(json_object_size(json_object_get(json_object_get(out, "source"), "ocr_fields")), 0);
	assert_int_equal(rd_doc_add_line(&doc, line, strlen(line), 0, 0, 1, -1, -1), 0);
	doc.lines[0].conf = 42.0f;
	confidence(&out, &doc);
	assert_true(field(out, "date") == 42.0);
	assert_string_equal(json_string_value(json_array_get(
				    json_object_get(json_object_get(out, "source"), "ocr_check"), 0)),
			    "date");
	json_decref(out);
	rd_doc_release(&doc);
}

/* With the words of a line known, a value gets its own words' confidence, not the line's. */
static void test_words(void **state)
{
	struct rd_doc doc;
	json_t *out = json_pack("{s:{s:b}, s:s, s:s, s:[{s:i, s:s, s:[s], s:{s:s, s:b}}], s:n}", "source",
				"ocr", 1, "place", "Quảng Ngãi", "date", "2021-04-22", "tasks", "line", 2,
				"text", "Sở Y tế thực hiện trước ngày 30/5/2021.", "lead_units", "Sở Y tế",
				"deadline", "text", "trước ngày 30/5/2021", "inherited", 0, "signature");
	const char *l1 = "Quảng Ngãi, ngày 22 tháng 04 năm 2021";
	const char *l2 = "2. Sở Y tế thực hiện trước ngày 30/5/2021.";
	/* key lengths: quang 5, ngai 4, ngay 4, 22 2, thang 5, 04 2, nam 3, 2021 4 */
	const struct rd_word w1[] = {{5, 41.0f}, {4, 45.0f}, {4, 96.0f}, {2, 91.0f},
				     {5, 97.0f}, {2, 93.0f}, {3, 95.0f}, {4, 92.0f}};
	/* the last word was read "3O/5/2021." and repaired to "30/5/2021.": the count of letters
	 * and digits is the same, so the words still fit the line */
	const struct rd_word w2[] = {{1, 99.0f}, {2, 62.0f}, {1, 90.0f}, {2, 90.0f}, {4, 88.0f},
				     {4, 88.0f}, {5, 88.0f}, {4, 93.0f}, {7, 58.0f}};

	(void)state;
	memset(&doc, 0, sizeof(doc));
	doc.ocr = 1;
	assert_int_equal(rd_doc_add_line(&doc, l1, strlen(l1), 0, 0, 1, -1, -1), 0);
	rd_doc_set_line_conf(&doc, 41.0f, w1, sizeof(w1) / sizeof(w1[0]));
	assert_int_equal(rd_doc_add_line(&doc, l2, strlen(l2), 0, 0, 1, -1, -1), 0);
	rd_doc_set_line_conf(&doc, 58.0f, w2, sizeof(w2) / sizeof(w2[0]));
	assert_int_equal(doc.lines[1].nwords, 9);
	confidence(&out, &doc);
	assert_true(field(out, "date") == 91.0);
	assert_true(field(out, "place") == 41.0);
	assert_true(field(out, "tasks[0].lead_units[0]") == 62.0);
	assert_true(field(out, "tasks[0].deadline") == 58.0);
	assert_true(field(out, "tasks[0].text") == 58.0);
	/* words that do not add up to the line (a repair changed the letters): the line's lowest */
	rd_doc_set_line_conf(&doc, 58.0f, w2, 8);
	confidence(&out, &doc);
	assert_true(field(out, "tasks[0].lead_units[0]") == 58.0);
	assert_true(field(out, "date") == 91.0);
	json_decref(out);
	rd_doc_release(&doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_not_ocr),
		cmocka_unit_test(test_numeric_date_and_empty),
		cmocka_unit_test(test_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
