/* when.c - cursor parsers for Vietnamese dates, periods and deadlines on folded text */
#include "when.h"

#include <stdio.h>
#include <string.h>

int ex_days_in_month(int y, int m)
{
	static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

int ex_date_valid(int y, int m, int d)
{
	return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= ex_days_in_month(y, m);
}

void ex_when_iso(int y, int m, int d, char *out)
{
	if (!ex_date_valid(y, m, d)) {
		out[0] = '\0';
		return;
	}
	char tmp[40];
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, m, d);
	memcpy(out, tmp, 11);
	out[10] = '\0';
}

static int isdig(char c)
{
	return c >= '0' && c <= '9';
}

static int isword(char c)
{
	return (c >= 'a' && c <= 'z') || isdig(c);
}

/* Skip spaces. */
static size_t sp(const char *f, size_t n, size_t p)
{
	while (p < n && f[p] == ' ')
		p++;
	return p;
}

/* A literal word (or words) at p, ending at a word boundary; returns the end or 0. */
static size_t lit(const char *f, size_t n, size_t p, const char *w)
{
	size_t k = strlen(w);
	if (p + k > n || memcmp(f + p, w, k) != 0)
		return 0;
	if (p + k < n && isword(f[p + k]) && isword(w[k - 1]))
		return 0;
	return p + k;
}

/* An unsigned number of 1..maxd digits at p; returns the end or 0. */
static size_t num(const char *f, size_t n, size_t p, int maxd, int *v)
{
	size_t q = p;
	int x = 0;
	while (q < n && isdig(f[q]) && (int)(q - p) < maxd)
		x = x * 10 + (f[q++] - '0');
	if (q == p || (q < n && isdig(f[q])))
		return 0;
	*v = x;
	return q;
}

static size_t year(const char *f, size_t n, size_t p, int *y)
{
	size_t q = num(f, n, p, 4, y);
	if (!q || q - p != 4 || *y < 1900 || *y > 2199)
		return 0;
	return q;
}

/* A date separator: "/" or "-" (spaces allowed around) or "." (none). */
static size_t dsep(const char *f, size_t n, size_t p)
{
	size_t q = sp(f, n, p);
	if (q < n && (f[q] == '/' || f[q] == '-'))
		return sp(f, n, q + 1);
	if (p < n && f[p] == '.')
		return p + 1;
	return 0;
}

/* 1 when one of the words occurs in f[from..to). */
static int occurs(const char *f, size_t from, size_t to, const char *w)
{
	size_t k = strlen(w);
	for (size_t i = from; i + k <= to; i++)
		if (memcmp(f + i, w, k) == 0)
			return 1;
	return 0;
}

/* Roman or Arabic quarter number. */
static size_t quarter(const char *f, size_t n, size_t p, int *q)
{
	static const char *const roman[] = {"iv", "iii", "ii", "i"};
	static const int rv[] = {4, 3, 2, 1};
	for (int i = 0; i < 4; i++) {
		size_t e = lit(f, n, p, roman[i]);
		if (e) {
			*q = rv[i];
			return e;
		}
	}
	size_t e = num(f, n, p, 1, q);
	if (e && *q >= 1 && *q <= 4)
		return e;
	return 0;
}

static void set_day(struct ex_when *w, int y, int m, int d)
{
	w->kind = EXW_DATE;
	w->fy = w->y = y;
	w->fm = w->m = m;
	w->fd = w->d = d;
}

static void set_month(struct ex_when *w, int y, int m)
{
	w->kind = EXW_MONTH;
	w->fy = w->y = y;
	w->fm = w->m = m;
	w->fd = 1;
	w->d = ex_days_in_month(y, m);
}

int ex_when_at(const char *f, size_t n, size_t pos, int year_ctx, struct ex_when *w)
{
	size_t p = pos, e;
	int d, m, y, q;
	memset(w, 0, sizeof(*w));
	w->start = pos;
	/* "ngay" D (thang M nam Y | sep M sep Y | sep M) */
	size_t day_start = p;
	if ((e = lit(f, n, p, "ngay")))
		day_start = sp(f, n, e);
	if ((e = num(f, n, day_start, 2, &d)) && d >= 1 && d <= 31) {
		size_t a = sp(f, n, e), b;
		if ((b = lit(f, n, a, "thang"))) {
			size_t c = num(f, n, sp(f, n, b), 2, &m);
			if (c) {
				size_t c2 = lit(f, n, sp(f, n, c), "nam");
				size_t c3 = c2 ? year(f, n, sp(f, n, c2), &y) : 0;
				if (c3 && ex_date_valid(y, m, d)) {
					set_day(w, y, m, d);
					w->end = c3;
					return 0;
				}
			}
		} else if ((b = dsep(f, n, e)) && (b = num(f, n, b, 2, &m)) && m >= 1 && m <= 12) {
			size_t c = dsep(f, n, b), c2;
			if (c && (c2 = year(f, n, c, &y)) && ex_date_valid(y, m, d)) {
				set_day(w, y, m, d);
				w->end = c2;
				return 0;
			}
			/* "ngay 15/3" without a year: only after "ngay", and not a number like 3/2021 */
			if (day_start != p && year_ctx && !(c && c < n && isdig(f[c])) &&
			    ex_date_valid(year_ctx, m, d)) {
				set_day(w, year_ctx, m, d);
				w->end = b;
				return 0;
			}
		}
	}
	p = pos;
	/* "thang" M (nam Y | sep Y) */
	if ((e = lit(f, n, p, "thang"))) {
		size_t a = num(f, n, sp(f, n, e), 2, &m);
		if (a && m >= 1 && m <= 12) {
			size_t b = lit(f, n, sp(f, n, a), "nam"), c;
			if (b && (c = year(f, n, sp(f, n, b), &y))) {
				set_month(w, y, m);
				w->end = c;
				return 0;
			}
			if ((b = dsep(f, n, a)) && (c = year(f, n, b, &y))) {
				set_month(w, y, m);
				w->end = c;
				return 0;
			}
		}
	}
	/* "quy" Q (/ Y | nam Y) */
	if ((e = lit(f, n, p, "quy"))) {
		size_t a = quarter(f, n, sp(f, n, e), &q);
		if (a) {
			size_t b = dsep(f, n, a), c = 0;
			if (!b && (b = lit(f, n, sp(f, n, a), "nam")))
				b = sp(f, n, b);
			if (b && (c = year(f, n, b, &y))) {
				w->kind = EXW_QUARTER;
				w->fy = w->y = y;
				w->fm = q * 3 - 2;
				w->fd = 1;
				w->m = q * 3;
				w->d = ex_days_in_month(y, w->m);
				w->end = c;
				return 0;
			}
		}
	}
	/* N "thang dau/cuoi nam" Y */
	if ((e = num(f, n, p, 2, &m)) && m >= 1 && m <= 12) {
		size_t a = lit(f, n, sp(f, n, e), "thang"), b;
		if (a && ((b = lit(f, n, sp(f, n, a), "dau nam")) || (b = lit(f, n, sp(f, n, a), "cuoi nam")))) {
			int last = f[sp(f, n, a)] == 'c';
			size_t c = year(f, n, sp(f, n, b), &y);
			if (!c && year_ctx) {
				y = year_ctx;
				c = b;
			}
			if (c) {
				w->kind = EXW_HALF;
				w->fy = w->y = y;
				w->fm = last ? 13 - m : 1;
				w->fd = 1;
				w->m = last ? 12 : m;
				w->d = ex_days_in_month(y, w->m);
				w->end = c;
				return 0;
			}
		}
	}
	/* "nam" Y */
	if ((e = lit(f, n, p, "nam")) && (e = year(f, n, sp(f, n, e), &y))) {
		/* not "nam 2021 - 2025" (a term) */
		size_t a = sp(f, n, e);
		if (!(a < n && f[a] == '-' && isdig(f[sp(f, n, a + 1)]))) {
			w->kind = EXW_YEAR;
			w->fy = w->y = y;
			w->fm = 1;
			w->fd = 1;
			w->m = 12;
			w->d = 31;
			w->end = e;
			return 0;
		}
	}
	return -1;
}

int ex_when_find(const char *f, size_t n, size_t from, int year_ctx, struct ex_when *w)
{
	for (size_t p = from; p < n; p++) {
		if (p > 0 && isword(f[p - 1]))
			continue;
		char c = f[p];
		if (c != 'n' && c != 't' && c != 'q' && !isdig(c))
			continue;
		if (ex_when_at(f, n, p, year_ctx, w) == 0)
			return 0;
	}
	return -1;
}

static const struct {
	const char *words, *recur;
} recurs[] = {
	{"hang ngay", "daily"},      {"hang tuan", "weekly"},      {"hang thang", "monthly"},
	{"hang quy", "quarterly"},   {"hang nam", "yearly"},       {"dinh ky", "periodic"},
	{"thuong xuyen", "continuous"}, {"moi thang", "monthly"}, {"moi quy", "quarterly"},
	{"moi nam", "yearly"},          {"moi tuan", "weekly"},
};

/* Words that introduce a deadline (the phrase after them is the deadline). */
static const char *const lead_words[] = {
	"truoc ngay", "truoc", "cham nhat la ngay", "cham nhat la", "cham nhat ngay", "cham nhat",
	"khong qua ngay", "han chot", "thoi han", "xong trong", "hoan thanh trong", "trong",
	"den het ngay", "den ngay", "den cuoi", "truoc cuoi", "ngay", "thang", "quy",
};

int ex_deadline_find(const char *f, size_t n, int year_ctx, struct ex_when *w)
{
	struct ex_when best;
	int have = 0;
	for (size_t p = 0; p < n; p++) {
		if (p > 0 && isword(f[p - 1]))
			continue;
		/* every lead and recurrence word starts with one of these letters */
		if (!strchr("tckhxdnqm", f[p]) || !f[p])
			continue;
		for (size_t i = 0; i < sizeof(lead_words) / sizeof(lead_words[0]); i++) {
			if (lead_words[i][0] != f[p] || (p + 1 < n && lead_words[i][1] != f[p + 1]))
				continue;
			size_t e = lit(f, n, p, lead_words[i]);
			if (!e)
				continue;
			size_t a = sp(f, n, e);
			/* "ngay", "thang", "quy" as the lead word: the date itself starts at p */
			int bare = strcmp(lead_words[i], "ngay") == 0 || strcmp(lead_words[i], "thang") == 0 ||
				   strcmp(lead_words[i], "quy") == 0;
			size_t at = bare ? p : a;
			if (strcmp(lead_words[i], "trong") == 0) {
				size_t t = lit(f, n, a, "thoi gian");
				if (t)
					continue;
			}
			if (ex_when_at(f, n, at, year_ctx, w) == 0) {
				int strong = strncmp(lead_words[i], "truoc", 5) == 0 ||
					     strncmp(lead_words[i], "cham", 4) == 0 ||
					     strncmp(lead_words[i], "khong", 5) == 0 ||
					     strncmp(lead_words[i], "han", 3) == 0 ||
					     strncmp(lead_words[i], "thoi han", 8) == 0;
				/* a bare date ("ngay 25/02/2021", "thang 4 nam 2021") is a deadline
				 * only shortly after "hoan thanh", "bao cao", "trinh": look back */
				if (bare) {
					size_t b = p > 64 ? p - 64 : 0;
					if (!occurs(f, b, p, "hoan thanh") && !occurs(f, b, p, "xong") &&
					    !occurs(f, b, p, "bao cao") && !occurs(f, b, p, "trinh "))
						break;
				}
				w->start = p;
				w->before = strong;
				if (!have || strong) {
					best = *w;
					have = 1;
				}
				if (strong) {
					*w = best;
					return 0;
				}
				break;
			}
		}
		for (size_t i = 0; i < sizeof(recurs) / sizeof(recurs[0]) && !have; i++) {
			if (recurs[i].words[0] != f[p] || (p + 1 < n && recurs[i].words[1] != f[p + 1]))
				continue;
			size_t e = lit(f, n, p, recurs[i].words);
			/* "nguồn chi thường xuyên" is a budget line, not a rhythm */
			if (e && p >= 4 && memcmp(f + p - 4, "chi ", 4) == 0)
				continue;
			if (e && !have) {
				memset(&best, 0, sizeof(best));
				best.kind = EXW_RECUR;
				best.recur = recurs[i].recur;
				best.start = p;
				best.end = e;
				have = 2;
			}
		}
	}
	if (!have)
		return -1;
	*w = best;
	return 0;
}
