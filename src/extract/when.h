/* when.h - dates, periods and deadline phrases found in folded (ASCII) text */
#ifndef EX_WHEN_H
#define EX_WHEN_H

#include <stddef.h>

enum ex_when_kind {
	EXW_NONE = 0,
	EXW_DATE,    /* a day */
	EXW_MONTH,   /* "thang 3 nam 2021", "thang 3/2021" */
	EXW_QUARTER, /* "quy II/2021" */
	EXW_HALF,    /* "6 thang dau nam 2021" */
	EXW_YEAR,    /* "nam 2021" */
	EXW_RECUR    /* "hang thang", "dinh ky", "thuong xuyen" */
};

struct ex_when {
	enum ex_when_kind kind;
	int fy, fm, fd; /* first day of the span */
	int y, m, d;    /* last day: the deadline */
	int before;     /* "truoc", "cham nhat", "khong qua", "han" */
	int year_ctx;   /* the year is year_ctx's, the text gave none ("ngay 15/3") */
	int tet;        /* "truoc Tet Nguyen dan": the eve of the lunar new year of this year
			 * (its Gregorian year); a deadline moved to the next year takes the
			 * next lunar new year's eve (ex_tet_eve), not the same day */
	const char *recur; /* "monthly", ... for EXW_RECUR */
	size_t start, end; /* span in the folded text (including "trong"/"truoc" words) */
};

/* The eve of Tết Nguyên đán (the day before the first day of the lunar year, Vietnam's
 * calendar) of Gregorian year `year` into *y, *m, *d: 0, or -1 for a year outside the
 * table (2016..2029). */
int ex_tet_eve(int year, int *y, int *m, int *d);

/* 1 when y-m-d is a real calendar day (1900..2199). */
int ex_date_valid(int y, int m, int d);
int ex_days_in_month(int y, int m);

/* Parse a date or period starting exactly at fold[pos] ("ngay 25/02/2021", "25-02-2021",
 * "ngay 25 thang 02 nam 2021", "thang 3 nam 2021", "quy II/2021", "nam 2021"). year_ctx
 * (0 = none) completes "ngay 15/3". 0 ok (w filled, w->end set), -1 none. */
int ex_when_at(const char *fold, size_t n, size_t pos, int year_ctx, struct ex_when *w);

/* First date/period phrase at or after `from`; -1 when none. */
int ex_when_find(const char *fold, size_t n, size_t from, int year_ctx, struct ex_when *w);

/* A deadline in a task's folded text: the first phrase introduced by "truoc", "cham nhat",
 * "han", "hoan thanh", "trong" or a recurrence word; 0 found, -1 none. */
int ex_deadline_find(const char *fold, size_t n, int year_ctx, struct ex_when *w);
/* The same with the words of fold known (ex_words_of): one scan of a task's text serves
 * this and the topic search. */
struct ex_words;
int ex_deadline_find_words(const char *fold, size_t n, const struct ex_words *ws, int year_ctx,
			   struct ex_when *w);

/* "YYYY-MM-DD" of the end day into out[11]; "" when invalid. */
void ex_when_iso(int y, int m, int d, char *out);

#endif
