/* test_vn_date.c - calendar helpers and Vietnamese date, period and deadline phrases */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vn/date.h"

static const struct vn_date ctx2021 = { 2021, 2, 26 };

static void test_calendar(void **state)
{
	struct vn_date d;
	char iso[11];
	(void)state;
	assert_true(vn_date_valid(2020, 2, 29));
	assert_false(vn_date_valid(2021, 2, 29));
	assert_false(vn_date_valid(2021, 2, 31));
	assert_false(vn_date_valid(2021, 4, 31));
	assert_false(vn_date_valid(2021, 13, 1));
	assert_false(vn_date_valid(2021, 0, 1));
	assert_false(vn_date_valid(1800, 1, 1));
	assert_true(vn_date_valid(2000, 2, 29));
	assert_false(vn_date_valid(1900, 2, 29));
	assert_int_equal(vn_days_in_month(2024, 2), 29);
	assert_int_equal(vn_days_in_month(2021, 12), 31);
	d = (struct vn_date){ 1970, 1, 1 };
	assert_int_equal(vn_date_to_days(&d), 0);
	d = (struct vn_date){ 2021, 2, 25 };
	assert_int_equal(vn_date_to_days(&d), 18683);
	vn_date_from_days(18683 + 15, &d);
	assert_int_equal(d.y, 2021);
	assert_int_equal(d.m, 3);
	assert_int_equal(d.d, 12);
	/* round trip over a few thousand days */
	for (long k = 10000; k < 30000; k += 7) {
		vn_date_from_days(k, &d);
		assert_true(vn_date_valid(d.y, d.m, d.d));
		assert_int_equal(vn_date_to_days(&d), k);
	}
	assert_int_equal(vn_date_parse_iso("2021-02-25", &d), 0);
	vn_date_iso(&d, iso);
	assert_string_equal(iso, "2021-02-25");
	assert_int_equal(vn_date_parse_iso("2021-02-30", &d), -1);
	assert_int_equal(vn_date_parse_iso("2021-2-25", &d), -1);
	assert_int_equal(vn_date_parse_iso("2021-02-25x", &d), -1);
	assert_int_equal(vn_date_parse_iso("", &d), -1);
	d = (struct vn_date){ 2021, 2, 31 };
	vn_date_iso(&d, iso);
	assert_string_equal(iso, "");
	{
		struct vn_date a = { 2021, 3, 1 }, b = { 2021, 2, 28 };
		assert_true(vn_date_cmp(&a, &b) > 0);
		assert_true(vn_date_cmp(&b, &a) < 0);
		assert_int_equal(vn_date_cmp(&a, &a), 0);
	}
}

/* Parse s from its start; returns 0/-1 and fills w; *used = bytes consumed. */
static int parse(const char *s, const struct vn_date *ctx, struct vn_when *w, size_t *used)
{
	const char *p = s;
	int rc = vn_when_parse(&p, s + strlen(s), ctx, w);
	*used = (size_t)(p - s);
	return rc;
}

static void iso2(const struct vn_when *w, char *out)
{
	char a[11], b[11];
	vn_date_iso(&w->from, a);
	vn_date_iso(&w->to, b);
	snprintf(out, 32, "%s..%s", a, b);
}

struct good {
	const char *in;
	enum vn_when_kind kind;
	const char *span; /* "from..to" in ISO */
	unsigned flags;
	size_t used; /* 0: the whole input */
};

static void test_phrases(void **state)
{
	static const struct good g[] = {
		{ "ngày 25/02/2021", VN_WHEN_DATE, "2021-02-25..2021-02-25", 0, 0 },
		{ "Ngày 25/02/2021, Ban Thường vụ họp", VN_WHEN_DATE, "2021-02-25..2021-02-25", 0, 16 },
		{ "25-02-2021", VN_WHEN_DATE, "2021-02-25..2021-02-25", 0, 0 },
		{ "ngày 16-6-2020", VN_WHEN_DATE, "2020-06-16..2020-06-16", 0, 0 },
		{ "25/2/2021", VN_WHEN_DATE, "2021-02-25..2021-02-25", 0, 0 },
		{ "ngày 25 tháng 02 năm 2021", VN_WHEN_DATE, "2021-02-25..2021-02-25", 0, 0 },
		{ "NGÀY 25 THÁNG 02 NĂM 2021", VN_WHEN_DATE, "2021-02-25..2021-02-25", 0, 0 },
		{ "ngay 25 thang 02 nam 2021", VN_WHEN_DATE, "2021-02-25..2021-02-25", 0, 0 },
		{ "ngày 25.02.2021", VN_WHEN_DATE, "2021-02-25..2021-02-25", 0, 0 },
		{ "ngày 19 - 12", VN_WHEN_DATE, "2021-12-19..2021-12-19", VN_WHEN_YEAR_INFERRED, 0 },
		{ "tháng 3 năm 2021", VN_WHEN_MONTH, "2021-03-01..2021-03-31", 0, 0 },
		{ "tháng 3/2021", VN_WHEN_MONTH, "2021-03-01..2021-03-31", 0, 0 },
		{ "tháng 02-2024", VN_WHEN_MONTH, "2024-02-01..2024-02-29", 0, 0 },
		{ "trong tháng 3 năm 2021", VN_WHEN_MONTH, "2021-03-01..2021-03-31", 0, 0 },
		{ "tháng 4", VN_WHEN_MONTH, "2021-04-01..2021-04-30", VN_WHEN_YEAR_INFERRED, 0 },
		{ "tháng Tám năm 2021", VN_WHEN_MONTH, "2021-08-01..2021-08-31", 0, 0 },
		{ "quý II/2021", VN_WHEN_QUARTER, "2021-04-01..2021-06-30", 0, 0 },
		{ "quý I năm 2021", VN_WHEN_QUARTER, "2021-01-01..2021-03-31", 0, 0 },
		{ "quý 3/2021", VN_WHEN_QUARTER, "2021-07-01..2021-09-30", 0, 0 },
		{ "QUÝ IV/2021", VN_WHEN_QUARTER, "2021-10-01..2021-12-31", 0, 0 },
		{ "Q2/2021", VN_WHEN_QUARTER, "2021-04-01..2021-06-30", 0, 0 },
		{ "quý III", VN_WHEN_QUARTER, "2021-07-01..2021-09-30", VN_WHEN_YEAR_INFERRED, 0 },
		{ "6 tháng đầu năm 2021", VN_WHEN_HALF, "2021-01-01..2021-06-30", 0, 0 },
		{ "6 tháng cuối năm 2021", VN_WHEN_HALF, "2021-07-01..2021-12-31", 0, 0 },
		{ "9 tháng đầu năm", VN_WHEN_HALF, "2021-01-01..2021-09-30", VN_WHEN_YEAR_INFERRED, 0 },
		{ "năm 2021", VN_WHEN_YEAR, "2021-01-01..2021-12-31", 0, 0 },
		{ "trong năm 2021", VN_WHEN_YEAR, "2021-01-01..2021-12-31", 0, 0 },
		{ "cuối năm 2021", VN_WHEN_YEAR, "2021-01-01..2021-12-31", 0, 0 },
		{ "đầu năm 2022", VN_WHEN_YEAR, "2022-01-01..2022-03-31", 0, 0 },
		{ "trước ngày 15/3", VN_WHEN_DATE, "2021-03-15..2021-03-15", VN_WHEN_BEFORE | VN_WHEN_YEAR_INFERRED, 0 },
		{ "trước 15/3/2021", VN_WHEN_DATE, "2021-03-15..2021-03-15", VN_WHEN_BEFORE, 0 },
		{ "chậm nhất ngày 20/3/2021", VN_WHEN_DATE, "2021-03-20..2021-03-20", VN_WHEN_BEFORE, 0 },
		{ "chậm nhất là ngày 20/3/2021", VN_WHEN_DATE, "2021-03-20..2021-03-20", VN_WHEN_BEFORE, 0 },
		{ "CHẬM NHẤT NGÀY 20/3/2021", VN_WHEN_DATE, "2021-03-20..2021-03-20", VN_WHEN_BEFORE, 0 },
		{ "cham nhat ngay 20/3/2021", VN_WHEN_DATE, "2021-03-20..2021-03-20", VN_WHEN_BEFORE, 0 },
		{ "không quá ngày 30/6/2021", VN_WHEN_DATE, "2021-06-30..2021-06-30", VN_WHEN_BEFORE, 0 },
		{ "hạn chót 31/12/2021", VN_WHEN_DATE, "2021-12-31..2021-12-31", VN_WHEN_BEFORE, 0 },
		{ "trước quý III/2021", VN_WHEN_QUARTER, "2021-07-01..2021-09-30", VN_WHEN_BEFORE, 0 },
		{ "trước tháng 6/2021", VN_WHEN_MONTH, "2021-06-01..2021-06-30", VN_WHEN_BEFORE, 0 },
		{ "trong vòng 15 ngày", VN_WHEN_WITHIN, "2021-02-26..2021-03-13", 0, 0 },
		{ "trong 07 ngày làm việc", VN_WHEN_WITHIN, "2021-02-26..2021-03-09", VN_WHEN_WORKING_DAYS, 0 },
		{ "trong thời hạn 10 ngày", VN_WHEN_WITHIN, "2021-02-26..2021-03-08", 0, 0 },
		{ "giai đoạn 2021 - 2025", VN_WHEN_TERM, "2021-01-01..2025-12-31", 0, 0 },
		{ "giai đoạn 2021–2025", VN_WHEN_TERM, "2021-01-01..2025-12-31", 0, 0 },
		{ "nhiệm kỳ 2020 - 2025", VN_WHEN_TERM, "2020-01-01..2025-12-31", 0, 0 },
		{ "từ ngày 01 - 05/3/2021", VN_WHEN_DATE, "2021-03-01..2021-03-05", 0, 0 },
		{ "từ ngày 01/3 đến ngày 15/3/2021", VN_WHEN_DATE, "2021-03-01..2021-03-15", 0, 0 },
		{ "ngày 25 và 26/02/2021", VN_WHEN_DATE, "2021-02-25..2021-02-26", 0, 0 },
		{ "ngày 29/02/2020", VN_WHEN_DATE, "2020-02-29..2020-02-29", 0, 0 },
		{ "từ ngày 10/5/2026 đến hết ngày 14/5/2026", VN_WHEN_DATE, "2026-05-10..2026-05-14", 0, 0 },
		{ "giữa năm 2021", VN_WHEN_YEAR, "2021-01-01..2021-06-30", 0, 0 },
		{ "năm học 2026 - 2027", VN_WHEN_TERM, "2026-01-01..2027-12-31", 0, 0 },
		{ "quy II/2021", VN_WHEN_QUARTER, "2021-04-01..2021-06-30", 0, 0 },
		{ "trong 2 tuần", VN_WHEN_WITHIN, "2021-02-26..2021-03-12", 0, 0 },
	};
	char span[32];
	(void)state;
	for (size_t k = 0; k < sizeof g / sizeof g[0]; k++) {
		struct vn_when w;
		size_t used;
		int rc = parse(g[k].in, &ctx2021, &w, &used);
		if (rc != 0)
			fail_msg("no parse: '%s'", g[k].in);
		iso2(&w, span);
		if (w.kind != g[k].kind || strcmp(span, g[k].span) != 0 || w.flags != g[k].flags ||
		    used != (g[k].used ? g[k].used : strlen(g[k].in)))
			fail_msg("'%s': kind %d span %s flags %u used %zu", g[k].in, (int)w.kind, span,
				 w.flags, used);
	}
}

static void test_recurring_open(void **state)
{
	static const struct {
		const char *in;
		enum vn_when_kind kind;
		const char *rec;
	} g[] = {
		{ "hằng tháng", VN_WHEN_RECURRING, "monthly" },
		{ "hàng tháng", VN_WHEN_RECURRING, "monthly" },
		{ "định kỳ hằng quý", VN_WHEN_RECURRING, "quarterly" },
		{ "định kỳ 6 tháng", VN_WHEN_RECURRING, "semiannual" },
		{ "hằng năm", VN_WHEN_RECURRING, "yearly" },
		{ "hàng tuần", VN_WHEN_RECURRING, "weekly" },
		{ "thường xuyên", VN_WHEN_RECURRING, "continuous" },
		{ "Thường xuyên", VN_WHEN_RECURRING, "continuous" },
		{ "trước ngày 20 hằng tháng", VN_WHEN_RECURRING, "monthly" },
		{ "trước ngày 25 của tháng cuối quý", VN_WHEN_RECURRING, "quarterly" },
		{ "kịp thời", VN_WHEN_OPEN, NULL },
		{ "khẩn trương", VN_WHEN_OPEN, NULL },
		{ "ngay", VN_WHEN_OPEN, NULL },
	};
	(void)state;
	for (size_t k = 0; k < sizeof g / sizeof g[0]; k++) {
		struct vn_when w;
		size_t used;
		if (parse(g[k].in, &ctx2021, &w, &used) != 0)
			fail_msg("no parse: '%s'", g[k].in);
		assert_int_equal(w.kind, g[k].kind);
		if (g[k].rec)
			assert_string_equal(w.recurrence, g[k].rec);
		else
			assert_null(w.recurrence);
		assert_int_equal(used, strlen(g[k].in));
	}
	{
		struct vn_when w;
		size_t used;
		assert_int_equal(parse("trước ngày 20 hằng tháng", &ctx2021, &w, &used), 0);
		assert_int_equal(w.to.d, 20);
		assert_true(w.flags & VN_WHEN_BEFORE);
	}
}

static void test_bad(void **state)
{
	static const char *const bad[] = {
		"31/02/2021", "ngày 31/02/2021", "ngày 30 tháng 02 năm 2021", "ngày 32/01/2021",
		"ngày 15/13/2021", "29/02/2021", "tháng 13/2021", "quý V/2021", "giai đoạn 2025 - 2021",
		"Nghị định 30/2020/NĐ-CP", "phiên bản 1.2.3", "3.14", "15/3", "Việt Nam 2021",
		"hàng hóa", "quy định", "trong 0 ngày", "ngày làm việc", "", "   ", "Số 25/02",
		"25.02.2021.1", "25/02/21", "xyz", "ngày 31/4/2021", "ngày 0/5/2021", "ngày 29/02/2100",
		"quý 0/2021", "tháng 0/2021", "năm 21", "năm 1800", "giai đoạn 2021", "khoản 2 Điều 3",
		"hằng", "định", "trong vòng ngày", "6 tháng", "13 tháng đầu năm 2021",
	};
	(void)state;
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		struct vn_when w;
		size_t used;
		if (parse(bad[k], &ctx2021, &w, &used) == 0)
			fail_msg("parsed but should not: '%s' (kind %d)", bad[k], (int)w.kind);
		assert_int_equal(used, 0);
	}
}

static void test_no_context(void **state)
{
	struct vn_when w;
	size_t used;
	(void)state;
	/* no year and no context: parsed, year unknown; 29/2 allowed, 30/2 not */
	assert_int_equal(parse("trước ngày 29/2", NULL, &w, &used), 0);
	assert_int_equal(w.to.y, 0);
	assert_int_equal(w.to.m, 2);
	assert_int_equal(w.to.d, 29);
	assert_false(w.flags & VN_WHEN_YEAR_INFERRED);
	assert_int_equal(parse("trước ngày 30/2", NULL, &w, &used), -1);
	/* the year rolls over when the month is long before the context month */
	{
		struct vn_date late = { 2021, 11, 20 };
		assert_int_equal(parse("trước ngày 15/2", &late, &w, &used), 0);
		assert_int_equal(w.to.y, 2022);
		assert_true(w.flags & VN_WHEN_YEAR_INFERRED);
	}
	/* within: no context date, no computed deadline */
	assert_int_equal(parse("trong vòng 15 ngày", NULL, &w, &used), 0);
	assert_int_equal(w.within_days, 15);
	assert_int_equal(w.to.y, 0);
}

static void test_find(void **state)
{
	const char *t = "Giao Sở Y tế chủ trì, hoàn thành trước ngày 15/3/2021 và báo cáo "
			"Thường trực Thành ủy định kỳ hằng quý.";
	struct vn_when w;
	char span[32];
	(void)state;
	assert_int_equal(vn_when_find(t, strlen(t), 0, &ctx2021, &w), 0);
	assert_int_equal(w.kind, VN_WHEN_DATE);
	assert_true(w.flags & VN_WHEN_BEFORE);
	assert_memory_equal(t + w.start, "trước ngày 15/3/2021", w.end - w.start);
	assert_int_equal(w.end - w.start, strlen("trước ngày 15/3/2021"));
	assert_int_equal(vn_when_find(t, strlen(t), w.end, &ctx2021, &w), 0);
	assert_int_equal(w.kind, VN_WHEN_RECURRING);
	assert_string_equal(w.recurrence, "quarterly");
	assert_memory_equal(t + w.start, "định kỳ hằng quý", w.end - w.start);
	assert_int_equal(vn_when_find(t, strlen(t), w.end, &ctx2021, &w), -1);
	/* nothing in plain text, numbers or codes */
	{
		const char *u = "Số: 367-QĐ/TW, Nghị định 30/2020/NĐ-CP, phiên bản 2.5.1; Việt Nam 2045 hùng cường";
		assert_int_equal(vn_when_find(u, strlen(u), 0, &ctx2021, &w), -1);
	}
	/* a date inside a header line */
	{
		const char *h = "Cần Thơ, ngày 26 tháng 02 năm 2021";
		assert_int_equal(vn_when_find(h, strlen(h), 0, NULL, &w), 0);
		iso2(&w, span);
		assert_string_equal(span, "2021-02-26..2021-02-26");
		assert_int_equal(w.start, strlen("Cần Thơ, "));
		assert_int_equal(w.end, strlen(h));
	}
	/* a decision number and its date: only the date */
	{
		const char *q = "Quyết định số 1989/QĐ-BGDĐT ngày 25/5/2018 của Bộ trưởng";
		assert_int_equal(vn_when_find(q, strlen(q), 0, NULL, &w), 0);
		iso2(&w, span);
		assert_string_equal(span, "2018-05-25..2018-05-25");
		assert_int_equal(vn_when_find(q, strlen(q), w.end, NULL, &w), -1);
	}
	/* OCR text without diacritics */
	{
		const char *o = "Hoan thanh truoc ngay 30/6/2021, bao cao dinh ky hang thang.";
		assert_int_equal(vn_when_find(o, strlen(o), 0, NULL, &w), 0);
		assert_true(w.flags & VN_WHEN_BEFORE);
		iso2(&w, span);
		assert_string_equal(span, "2021-06-30..2021-06-30");
		assert_int_equal(vn_when_find(o, strlen(o), w.end, NULL, &w), 0);
		assert_string_equal(w.recurrence, "monthly");
	}
	assert_int_equal(vn_when_find("", 0, 0, NULL, &w), -1);
	assert_int_equal(vn_when_find("abc", 3, 5, NULL, &w), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calendar),   cmocka_unit_test(test_phrases),
		cmocka_unit_test(test_recurring_open), cmocka_unit_test(test_bad),
		cmocka_unit_test(test_no_context), cmocka_unit_test(test_find),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
