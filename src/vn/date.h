/* date.h - Vietnamese dates, periods and deadline phrases parsed into structured values */
#ifndef VN_DATE_H
#define VN_DATE_H

#include <stddef.h>

struct vn_date {
	int y, m, d; /* 0 = unknown */
};

/* 1 when y-m-d is a real calendar date (1900..2199). */
int vn_date_valid(int y, int m, int d);
int vn_days_in_month(int y, int m);
/* "YYYY-MM-DD" into out (>= 11 bytes); "" when the date is not valid. */
void vn_date_iso(const struct vn_date *dt, char *out);
/* Parse "YYYY-MM-DD"; 0 ok, -1 bad. */
int vn_date_parse_iso(const char *s, struct vn_date *out);
/* Days since 1970-01-01 (for comparisons and arithmetic) and back. */
long vn_date_to_days(const struct vn_date *dt);
void vn_date_from_days(long days, struct vn_date *out);
/* Compare: <0, 0, >0. */
int vn_date_cmp(const struct vn_date *a, const struct vn_date *b);

enum vn_when_kind {
	VN_WHEN_NONE = 0,
	VN_WHEN_DATE,      /* a day: "ngày 25/02/2021", "25-02-2021", "ngày 25 tháng 02 năm 2021" */
	VN_WHEN_MONTH,     /* "tháng 3 năm 2021", "tháng 3/2021": from first to last day */
	VN_WHEN_QUARTER,   /* "quý II/2021" */
	VN_WHEN_HALF,      /* "6 tháng đầu năm 2021", "9 tháng đầu năm" (span from Jan 1) */
	VN_WHEN_YEAR,      /* "năm 2021", "trong năm 2021", "cuối năm 2021" */
	VN_WHEN_WITHIN,    /* "trong vòng 15 ngày" (relative; days in .within_days) */
	VN_WHEN_RECURRING, /* "hằng tháng", "định kỳ hằng quý", "thường xuyên" */
	VN_WHEN_OPEN,      /* "kịp thời", "khẩn trương", "ngay" (no fixed deadline) */
	VN_WHEN_TERM       /* "giai đoạn 2021 - 2025", "nhiệm kỳ 2020 - 2025": a term, not a deadline */
};

enum vn_when_flag {
	VN_WHEN_BEFORE = 1 << 0,       /* "trước", "chậm nhất", "không quá", "hạn chót" */
	VN_WHEN_YEAR_INFERRED = 1 << 1, /* the year came from the context date */
	VN_WHEN_WORKING_DAYS = 1 << 2   /* "ngày làm việc" */
};

struct vn_when {
	enum vn_when_kind kind;
	unsigned flags;
	struct vn_date from, to; /* the span; for a day from == to; the deadline is .to */
	int within_days;         /* VN_WHEN_WITHIN */
	const char *recurrence;  /* "daily","weekly","monthly","quarterly","semiannual","yearly",
				  * "continuous", "periodic" (định kỳ, no unit) or NULL */
	size_t start, end;       /* byte span of the phrase in the searched text (vn_when_find:
				  * offsets in s; vn_when_parse: offsets from the original *p) */
};

/* Phrases are matched case-insensitively and with or without diacritics (OCR text): the
 * text is folded first (vn_fold). Forms: see the vn_when_kind comments, plus day ranges
 * ("từ ngày 01 - 05/3/2021", "ngày 25 và 26/02/2021": kind DATE with from < to), dot dates
 * with a year only ("25.02.2021"), "đầu năm" (to = 31/3), "giữa năm" (to = 30/6), month
 * names with a year ("tháng Tám năm 2021"), "trước ngày 20 hằng tháng" (RECURRING, day in
 * .to.d). VN_WHEN_WITHIN gets from = ctx and to = ctx + N (working days skip weekends) when
 * ctx is a full date. A year taken from ctx moves to the next year when the month is six
 * or more months before ctx's month. Without ctx, a missing year stays 0.
 * Parse a date/period phrase that starts exactly at *p (leading spaces allowed); on success
 * advance *p past it and return 0, otherwise leave *p and return -1. ctx (may be NULL) gives
 * the year (and month) for phrases without a year. Impossible dates are rejected. */
int vn_when_parse(const char **p, const char *end, const struct vn_date *ctx, struct vn_when *out);

/* Find the first date/period/deadline phrase in s[0..n) at or after byte `from`; 0 found
 * (out->start/end set), -1 none. */
int vn_when_find(const char *s, size_t n, size_t from, const struct vn_date *ctx,
		 struct vn_when *out);

#endif
