/* date.c - Vietnamese dates, periods and deadline phrases parsed into structured values */
#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "fold.h"

int vn_days_in_month(int y, int m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && (y == 0 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))))
		return 29; /* an unknown year (0) allows 29 February */
	return dm[m - 1];
}

int vn_date_valid(int y, int m, int d)
{
	return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= vn_days_in_month(y, m);
}

void vn_date_iso(const struct vn_date *dt, char *out)
{
	if (!vn_date_valid(dt->y, dt->m, dt->d)) {
		out[0] = '\0';
		return;
	}
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)dt->y % 10000u, (unsigned)dt->m % 100u, (unsigned)dt->d % 100u);
}

int vn_date_parse_iso(const char *s, struct vn_date *out)
{
	int v[3] = { 0, 0, 0 };
	static const int width[3] = { 4, 2, 2 };

	for (int k = 0; k < 3; k++) {
		for (int j = 0; j < width[k]; j++, s++) {
			if (*s < '0' || *s > '9')
				return -1;
			v[k] = v[k] * 10 + (*s - '0');
		}
		if (k < 2 && *s++ != '-')
			return -1;
	}
	if (*s || !vn_date_valid(v[0], v[1], v[2]))
		return -1;
	out->y = v[0];
	out->m = v[1];
	out->d = v[2];
	return 0;
}

/* Days from civil (proleptic Gregorian), after H. Hinnant's public-domain algorithm. */
long vn_date_to_days(const struct vn_date *dt)
{
	long y = dt->y - (dt->m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (dt->m + 9) % 12;
	long doy = (153 * mp + 2) / 5 + dt->d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void vn_date_from_days(long z, struct vn_date *out)
{
	long era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	out->y = (int)(y + (m <= 2));
	out->m = (int)m;
	out->d = (int)d;
}

int vn_date_cmp(const struct vn_date *a, const struct vn_date *b)
{
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return 0;
}

/* ---- the phrase parser works on the folded text (lower case, no diacritics) ---- */

struct cur {
	const char *f;      /* folded text */
	size_t n, i;        /* its length and the cursor */
	const char *orig;   /* the original text, its length and, per folded byte, its offset */
	size_t orig_n;
	const size_t *map;
	const struct vn_date *ctx;
};

static int is_alnum_at(const struct cur *c, size_t i)
{
	unsigned char ch;
	if (i >= c->n)
		return 0;
	ch = (unsigned char)c->f[i];
	/* letters of other scripts count (lead bytes), general punctuation (U+2000..) not */
	return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || (ch >= 0xC0 && ch != 0xE2);
}

static void skip_space(struct cur *c)
{
	while (c->i < c->n && (c->f[c->i] == ' ' || c->f[c->i] == '\t' || c->f[c->i] == '\n'))
		c->i++;
}

/* Match the words of w (single spaces between) at the cursor, whole words only. */
static int word(struct cur *c, const char *w)
{
	size_t save = c->i;

	skip_space(c);
	while (*w) {
		if (*w == ' ') {
			if (c->i >= c->n || c->f[c->i] != ' ')
				goto fail;
			skip_space(c);
			w++;
			continue;
		}
		if (c->i >= c->n || c->f[c->i] != *w)
			goto fail;
		c->i++;
		w++;
	}
	if (is_alnum_at(c, c->i))
		goto fail;
	return 1;
fail:
	c->i = save;
	return 0;
}

/* An unsigned number of mind..maxd digits, not followed by another digit. */
static int number(struct cur *c, int mind, int maxd, int *v)
{
	size_t save = c->i;
	int k = 0, x = 0;

	skip_space(c);
	while (c->i < c->n && c->f[c->i] >= '0' && c->f[c->i] <= '9' && k < maxd) {
		x = x * 10 + (c->f[c->i] - '0');
		c->i++;
		k++;
	}
	if (k < mind || (c->i < c->n && c->f[c->i] >= '0' && c->f[c->i] <= '9') ||
	    (c->i < c->n && c->f[c->i] >= 'a' && c->f[c->i] <= 'z')) {
		c->i = save;
		return 0;
	}
	*v = x;
	return 1;
}

/* A separator \s*[/.-–—]\s*; returns the separator character ('-' for the dashes). */
static int sep(struct cur *c)
{
	size_t save = c->i;
	int ch = 0;

	skip_space(c);
	if (c->i < c->n && (c->f[c->i] == '/' || c->f[c->i] == '.' || c->f[c->i] == '-')) {
		ch = c->f[c->i];
		c->i++;
	} else if (c->i + 3 <= c->n && memcmp(c->f + c->i, "\xe2\x80", 2) == 0 &&
		   ((unsigned char)c->f[c->i + 2] >= 0x90 && (unsigned char)c->f[c->i + 2] <= 0x94)) {
		ch = '-';
		c->i += 3;
	} else if (c->i + 3 <= c->n && memcmp(c->f + c->i, "\xe2\x88\x92", 3) == 0) {
		ch = '-';
		c->i += 3;
	}
	if (!ch) {
		c->i = save;
		return 0;
	}
	/* a dot or slash is written tight; spaces are allowed around dashes */
	if (ch == '-')
		skip_space(c);
	return ch;
}

/* The original bytes of folded range [a, b). */
static int orig_is(const struct cur *c, size_t a, size_t b, const char *s)
{
	size_t oa = c->map[a], ob = b < c->n ? c->map[b] : c->orig_n;
	size_t len = strlen(s);
	return ob - oa == len && memcmp(c->orig + oa, s, len) == 0;
}

static void set_span(struct vn_when *w, int y1, int m1, int d1, int y2, int m2, int d2)
{
	w->from.y = y1;
	w->from.m = m1;
	w->from.d = d1;
	w->to.y = y2;
	w->to.m = m2;
	w->to.d = d2;
}

/* The year for a phrase without one; 0 when there is no context. */
static int ctx_year(const struct cur *c, int m, unsigned *flags)
{
	int y;
	if (!c->ctx || !c->ctx->y)
		return 0;
	y = c->ctx->y;
	/* a month half a year or more before the context month most likely means next year */
	if (m && c->ctx->m && m + 6 <= c->ctx->m)
		y++;
	*flags |= VN_WHEN_YEAR_INFERRED;
	return y;
}

static int year4(struct cur *c, int *y)
{
	size_t save = c->i;
	if (number(c, 4, 4, y) && *y >= 1900 && *y <= 2199)
		return 1;
	c->i = save;
	return 0;
}

/* "giai đoạn 2021 - 2025", "nhiệm kỳ 2020 - 2025", "năm học 2026 - 2027" */
static int p_term(struct cur *c, struct vn_when *w)
{
	size_t save = c->i;
	int y1, y2;

	if (!word(c, "giai doan") && !word(c, "nhiem ky") && !word(c, "nam hoc"))
		return 0;
	if (!year4(c, &y1) || sep(c) != '-' || !year4(c, &y2) || y2 < y1) {
		c->i = save;
		return 0;
	}
	w->kind = VN_WHEN_TERM;
	set_span(w, y1, 1, 1, y2, 12, 31);
	return 1;
}

static const char *unit_recurrence(struct cur *c)
{
	if (word(c, "ngay"))
		return "daily";
	if (word(c, "tuan"))
		return "weekly";
	if (word(c, "thang"))
		return "monthly";
	if (word(c, "quy"))
		return "quarterly";
	if (word(c, "nam"))
		return "yearly";
	return NULL;
}

/* "hằng tháng", "định kỳ hằng quý", "định kỳ 6 tháng", "thường xuyên" */
static int p_recurring(struct cur *c, struct vn_when *w)
{
	size_t save = c->i;
	const char *r = NULL;

	if (word(c, "thuong xuyen")) {
		r = "continuous";
	} else if (word(c, "dinh ky")) {
		int nmon;
		size_t s2 = c->i;
		if (word(c, "hang") || word(c, "moi"))
			r = unit_recurrence(c);
		else if (number(c, 1, 2, &nmon) && word(c, "thang"))
			r = nmon == 1 ? "monthly" : nmon == 3 ? "quarterly" : nmon == 6 ? "semiannual" : nmon == 12 ? "yearly" : NULL;
		if (!r) {
			c->i = s2;
			r = "periodic";
		}
	} else if (word(c, "hang") || word(c, "moi")) {
		r = unit_recurrence(c);
	}
	if (!r) {
		c->i = save;
		return 0;
	}
	w->kind = VN_WHEN_RECURRING;
	w->recurrence = r;
	return 1;
}

/* "trong vòng 15 ngày", "trong thời hạn 07 ngày làm việc", "trong 2 tuần" */
static int p_within(struct cur *c, struct vn_when *w)
{
	size_t save = c->i;
	int nd, mult = 1;

	if (!word(c, "trong"))
		return 0;
	if (!word(c, "vong") && !word(c, "thoi han"))
		word(c, "thoi gian");
	if (!number(c, 1, 3, &nd) || nd == 0) {
		c->i = save;
		return 0;
	}
	if (word(c, "tuan"))
		mult = 7;
	else if (!word(c, "ngay")) {
		c->i = save;
		return 0;
	}
	w->kind = VN_WHEN_WITHIN;
	w->within_days = nd * mult;
	if (mult == 1 && word(c, "lam viec"))
		w->flags |= VN_WHEN_WORKING_DAYS;
	if (c->ctx && vn_date_valid(c->ctx->y, c->ctx->m, c->ctx->d)) {
		long days = vn_date_to_days(c->ctx);
		w->from = *c->ctx;
		if (w->flags & VN_WHEN_WORKING_DAYS) {
			for (int k = 0; k < w->within_days;) {
				days++;
				long wd = ((days % 7) + 11) % 7; /* 0 = Sunday (1970-01-01 was a Thursday) */
				if (wd != 0 && wd != 6)
					k++;
			}
		} else {
			days += w->within_days;
		}
		vn_date_from_days(days, &w->to);
	}
	return 1;
}

/* "6 tháng đầu năm 2021", "9 tháng đầu năm", "6 tháng cuối năm 2021" */
static int p_half(struct cur *c, struct vn_when *w)
{
	size_t save = c->i;
	int nm, y = 0, first;

	if (!number(c, 1, 2, &nm) || nm < 1 || nm > 12 || !word(c, "thang"))
		goto fail;
	if (word(c, "dau"))
		first = 1;
	else if (word(c, "cuoi"))
		first = 0;
	else
		goto fail;
	if (!word(c, "nam"))
		goto fail;
	if (!year4(c, &y))
		y = ctx_year(c, 0, &w->flags);
	w->kind = VN_WHEN_HALF;
	if (first)
		set_span(w, y, 1, 1, y, nm, vn_days_in_month(y, nm));
	else
		set_span(w, y, 13 - nm, 1, y, 12, 31);
	return 1;
fail:
	c->i = save;
	return 0;
}

static int roman_quarter(struct cur *c, int *q)
{
	static const char *const r[4] = { "iv", "iii", "ii", "i" };
	static const int v[4] = { 4, 3, 2, 1 };
	size_t save = c->i;

	skip_space(c);
	for (int k = 0; k < 4; k++) {
		size_t len = strlen(r[k]);
		if (c->i + len <= c->n && memcmp(c->f + c->i, r[k], len) == 0 && !is_alnum_at(c, c->i + len)) {
			c->i += len;
			*q = v[k];
			return 1;
		}
	}
	c->i = save;
	if (number(c, 1, 1, q) && *q >= 1 && *q <= 4)
		return 1;
	c->i = save;
	return 0;
}

/* "quý II/2021", "quý I năm 2021", "quý 3/2021", "Q2/2021", "cuối quý III" */
static int p_quarter(struct cur *c, struct vn_when *w)
{
	size_t save = c->i;
	int q, y = 0;

	(void)(word(c, "trong") || word(c, "cuoi") || word(c, "dau")); /* optional */
	skip_space(c);
	if (word(c, "quy")) {
		if (!roman_quarter(c, &q))
			goto fail;
	} else if (c->i + 2 <= c->n && c->f[c->i] == 'q' && c->f[c->i + 1] >= '1' && c->f[c->i + 1] <= '4' &&
		   !is_alnum_at(c, c->i + 2)) {
		q = c->f[c->i + 1] - '0';
		c->i += 2;
		{
			size_t s2 = c->i;
			if (sep(c) != '/' || !year4(c, &y))
				goto fail; /* "Q2" alone is too ambiguous */
			c->i = s2;
		}
	} else {
		goto fail;
	}
	{
		size_t s2 = c->i;
		int ch = sep(c);
		if (!((ch == '/' || ch == '-') && year4(c, &y))) {
			c->i = s2;
			if (!(word(c, "nam") && year4(c, &y))) {
				c->i = s2;
				y = ctx_year(c, 0, &w->flags);
			}
		}
	}
	w->kind = VN_WHEN_QUARTER;
	set_span(w, y, q * 3 - 2, 1, y, q * 3, vn_days_in_month(y, q * 3));
	return 1;
fail:
	c->i = save;
	return 0;
}

static int month_word(struct cur *c, int *m)
{
	static const struct {
		const char *w;
		int m;
	} names[] = {
		{ "gieng", 1 }, { "hai", 2 }, { "ba", 3 }, { "tu", 4 }, { "nam", 5 }, { "sau", 6 },
		{ "bay", 7 }, { "tam", 8 }, { "chin", 9 }, { "muoi mot", 11 }, { "muoi hai", 12 },
		{ "muoi", 10 }, { "chap", 12 },
	};
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
		if (word(c, names[k].w)) {
			*m = names[k].m;
			return 1;
		}
	return 0;
}

/* "tháng 3 năm 2021", "tháng 3/2021", "tháng 03-2021", "trong tháng 3", "tháng Tám năm 2021" */
static int p_month(struct cur *c, struct vn_when *w)
{
	size_t save = c->i;
	int m, y = 0;

	(void)(word(c, "trong") || word(c, "cuoi") || word(c, "dau") || word(c, "giua")); /* optional */
	if (!word(c, "thang"))
		goto fail;
	if (number(c, 1, 2, &m)) {
		size_t s2 = c->i;
		int ch;
		if (m < 1 || m > 12)
			goto fail;
		ch = sep(c);
		if (ch == '/' || ch == '-' || ch == '.') {
			if (!year4(c, &y))
				goto fail; /* "tháng 3/5" is no month phrase */
		} else {
			c->i = s2;
			if (!(word(c, "nam") && year4(c, &y))) {
				c->i = s2;
				y = ctx_year(c, m, &w->flags);
			}
		}
	} else if (month_word(c, &m)) {
		/* words only with an explicit year: "tháng Năm năm 2021" */
		if (!(word(c, "nam") && year4(c, &y)))
			goto fail;
	} else {
		goto fail;
	}
	w->kind = VN_WHEN_MONTH;
	set_span(w, y, m, 1, y, m, vn_days_in_month(y, m));
	return 1;
fail:
	c->i = save;
	return 0;
}

/* "năm 2021", "trong năm 2021", "cuối năm 2021", "đầu năm 2022", "giữa năm 2021" */
static int p_year(struct cur *c, struct vn_when *w)
{
	size_t save = c->i, wstart;
	int y, tom = 12;

	if (word(c, "dau"))
		tom = 3;
	else if (word(c, "giua"))
		tom = 6;
	else
		(void)(word(c, "trong") || word(c, "cuoi") || word(c, "ca")); /* optional */
	skip_space(c);
	wstart = c->i;
	if (!word(c, "nam") || orig_is(c, wstart, wstart + 3, "Nam") || !year4(c, &y)) {
		c->i = save;
		return 0;
	}
	/* "năm 2021 - 2025" is a term */
	{
		size_t s2 = c->i;
		int y2;
		if (sep(c) == '-' && year4(c, &y2) && y2 > y) {
			w->kind = VN_WHEN_TERM;
			set_span(w, y, 1, 1, y2, 12, 31);
			return 1;
		}
		c->i = s2;
	}
	w->kind = VN_WHEN_YEAR;
	set_span(w, y, 1, 1, y, tom, vn_days_in_month(y, tom));
	return 1;
}

/* D SEP M [SEP Y] with a given separator kind; *y = 0 when absent. dot dates need a year. */
static int dmy(struct cur *c, int need_year, int *d, int *m, int *y)
{
	size_t save = c->i;
	int ch, ch2;

	*y = 0;
	if (!number(c, 1, 2, d) || *d < 1 || *d > 31)
		goto fail;
	ch = sep(c);
	if (!ch || !number(c, 1, 2, m) || *m < 1 || *m > 12)
		goto fail;
	{
		size_t s2 = c->i;
		ch2 = sep(c);
		if (ch2 && ch2 == ch && year4(c, y)) {
			/* guard against versions and decimals: "25.02.2021.1" */
			size_t s3 = c->i;
			if (ch == '.' && c->i + 1 < c->n && c->f[c->i] == '.' && c->f[c->i + 1] >= '0' &&
			    c->f[c->i + 1] <= '9')
				goto fail;
			c->i = s3;
		} else {
			c->i = s2;
			*y = 0;
			if (ch == '.' || need_year)
				goto fail;
			/* "15/3/21": a short year is not supported; do not take "15/3" from it */
			if (c->i < c->n && (c->f[c->i] == '/' || c->f[c->i] == '-') && c->i + 1 < c->n &&
			    c->f[c->i + 1] >= '0' && c->f[c->i + 1] <= '9')
				goto fail;
		}
	}
	return 1;
fail:
	c->i = save;
	return 0;
}

static int finish_date(struct cur *c, struct vn_when *w, int d, int m, int y, struct vn_date *out)
{
	if (!y)
		y = ctx_year(c, m, &w->flags);
	if (y ? !vn_date_valid(y, m, d) : d > vn_days_in_month(0, m))
		return 0;
	out->y = y;
	out->m = m;
	out->d = d;
	return 1;
}

/* "ngày 25/02/2021", "25-02-2021", "ngày 25 tháng 02 năm 2021", "ngày 15/3", "ngày 25.02.2021",
 * ranges "từ ngày 01 - 05/3/2021", "từ ngày 01/3 đến ngày 15/3/2021", "ngày 25 và 26/02/2021" */
static int p_date(struct cur *c, struct vn_when *w, int before)
{
	size_t save = c->i;
	int from_kw, ngay, d, m, y;

	from_kw = word(c, "tu");
	ngay = word(c, "ngay");
	if (from_kw && !ngay)
		goto fail;
	if (ngay) {
		size_t s2 = c->i;
		if (number(c, 1, 2, &d) && word(c, "thang") && number(c, 1, 2, &m)) {
			y = 0;
			{
				size_t s3 = c->i;
				if (!(word(c, "nam") && year4(c, &y))) {
					c->i = s3;
					y = 0;
				}
			}
			if (!finish_date(c, w, d, m, y, &w->from))
				goto fail;
			w->to = w->from;
			w->kind = VN_WHEN_DATE;
			return 1;
		}
		c->i = s2;
	}
	{
		/* day ranges: "ngày 25 và 26/02/2021", "từ ngày 01 - 05/3/2021" */
		size_t s2 = c->i;
		int d1, d2, m2, y2;
		if ((ngay || from_kw) && number(c, 1, 2, &d1)) {
			size_t s3 = c->i;
			int joined = word(c, "va") || (from_kw && sep(c) == '-') || word(c, "den");
			if (joined && dmy(c, 0, &d2, &m2, &y2) && d1 < d2) {
				if (!finish_date(c, w, d1, m2, y2, &w->from) || !finish_date(c, w, d2, m2, y2, &w->to))
					goto fail;
				w->kind = VN_WHEN_DATE;
				return 1;
			}
			c->i = s3;
		}
		c->i = s2;
	}
	if (!dmy(c, !(ngay || before), &d, &m, &y))
		goto fail;
	if (!finish_date(c, w, d, m, y, &w->from))
		goto fail;
	w->to = w->from;
	w->kind = VN_WHEN_DATE;
	if (from_kw) {
		/* "từ ngày 01/3 đến (hết) ngày 15/3/2021" */
		size_t s2 = c->i;
		int d2, m2, y2;
		if ((word(c, "den het") || word(c, "den")) && (word(c, "ngay"), dmy(c, 0, &d2, &m2, &y2))) {
			struct vn_date to;
			if (!y && y2 && finish_date(c, w, d, m, y2, &w->from))
				w->flags &= ~(unsigned)VN_WHEN_YEAR_INFERRED;
			if (finish_date(c, w, d2, m2, y2 ? y2 : w->from.y, &to) && vn_date_cmp(&w->from, &to) <= 0) {
				w->to = to;
				return 1;
			}
		}
		c->i = s2;
	}
	return 1;
fail:
	c->i = save;
	return 0;
}

/* "kịp thời", "khẩn trương", "ngay", "trong thời gian tới" */
static int p_open(struct cur *c, struct vn_when *w)
{
	size_t save = c->i, wstart;

	if (word(c, "kip thoi") || word(c, "khan truong") || word(c, "trong thoi gian toi")) {
		w->kind = VN_WHEN_OPEN;
		return 1;
	}
	skip_space(c);
	wstart = c->i;
	if (word(c, "ngay") && (orig_is(c, wstart, c->i, "ngay") || orig_is(c, wstart, c->i, "Ngay"))) {
		size_t s2 = c->i;
		int v;
		if (!number(c, 1, 4, &v)) {
			c->i = s2;
			w->kind = VN_WHEN_OPEN;
			return 1;
		}
	}
	c->i = save;
	return 0;
}

/* "trước", "chậm nhất (là)", "không quá", "hạn chót (là)", "đến hết", "xong trước" */
static int before_prefix(struct cur *c)
{
	if (word(c, "xong truoc") || word(c, "truoc") || word(c, "khong qua") || word(c, "den het")) {
		return 1;
	}
	if (word(c, "cham nhat") || word(c, "han chot")) {
		if (!word(c, "la"))
			word(c, "vao");
		return 1;
	}
	return 0;
}

static int parse_when(struct cur *c, struct vn_when *w)
{
	size_t save = c->i;
	int before;

	memset(w, 0, sizeof *w);
	skip_space(c);
	w->start = c->i;
	before = before_prefix(c);
	if (before)
		w->flags |= VN_WHEN_BEFORE;
	if (!before && (p_term(c, w) || p_within(c, w)))
		goto ok;
	if (before) {
		/* "trước ngày 20 hằng tháng" */
		size_t s2 = c->i;
		int d;
		if (word(c, "ngay") && number(c, 1, 2, &d) && d >= 1 && d <= 31) {
			if (p_recurring(c, w)) {
				w->from.d = w->to.d = d;
				goto ok;
			}
			/* "trước ngày 25 của tháng cuối quý" */
			if (word(c, "cua thang cuoi quy") || word(c, "thang cuoi quy")) {
				w->kind = VN_WHEN_RECURRING;
				w->recurrence = "quarterly";
				w->from.d = w->to.d = d;
				goto ok;
			}
		}
		c->i = s2;
	}
	if (p_recurring(c, w) || p_half(c, w) || p_quarter(c, w) || p_month(c, w) || p_year(c, w) ||
	    p_date(c, w, before))
		goto ok;
	if (!before && p_open(c, w))
		goto ok;
	c->i = save;
	memset(w, 0, sizeof *w);
	return -1;
ok:
	w->end = c->i;
	return 0;
}

/* Fold s[0..n) with its map; returns 0 or -1. */
static int fold_text(const char *s, size_t n, struct buf *f, size_t **map)
{
	buf_init(f, 0);
	if (vn_fold_map(s, n, f, map) < 0) {
		buf_release(f);
		return -1;
	}
	return 0;
}

/* Longest phrase vn_when_parse looks at. */
#define PHRASE_MAX 240

int vn_when_parse(const char **p, const char *end, const struct vn_date *ctx, struct vn_when *out)
{
	struct buf f;
	size_t *map = NULL, n = (size_t)(end - *p);
	struct cur c;
	int rc = -1;

	if (n > PHRASE_MAX)
		n = PHRASE_MAX;
	if (fold_text(*p, n, &f, &map) < 0)
		return -1;
	c.f = buf_str(&f);
	c.n = f.len;
	c.i = 0;
	c.orig = *p;
	c.orig_n = n;
	c.map = map;
	c.ctx = ctx;
	if (parse_when(&c, out) == 0) {
		out->start = out->start < f.len ? map[out->start] : n;
		out->end = out->end < f.len ? map[out->end] : n;
		*p += out->end;
		rc = 0;
	}
	free(map);
	buf_release(&f);
	return rc;
}

int vn_when_find(const char *s, size_t n, size_t from, const struct vn_date *ctx, struct vn_when *out)
{
	struct buf f;
	size_t *map = NULL;
	struct cur c;
	int rc = -1;

	if (from >= n)
		return -1;
	if (fold_text(s + from, n - from, &f, &map) < 0)
		return -1;
	c.f = buf_str(&f);
	c.n = f.len;
	c.orig = s + from;
	c.orig_n = n - from;
	c.map = map;
	c.ctx = ctx;
	for (size_t i = 0; i < f.len; i++) {
		unsigned char prev = i ? (unsigned char)c.f[i - 1] : ' ';
		/* phrases start a word, and not inside "12/25/02/2021" or "1.25.02" */
		if (c.f[i] == ' ' || ((unsigned char)c.f[i] & 0xC0) == 0x80 || (i > 0 && is_alnum_at(&c, i - 1)))
			continue;
		if (prev == '/' || prev == '.' || prev == '-')
			continue;
		c.i = i;
		if (parse_when(&c, out) == 0) {
			out->start = from + map[out->start];
			out->end = from + (out->end < f.len ? map[out->end] : n - from);
			rc = 0;
			break;
		}
	}
	free(map);
	buf_release(&f);
	return rc;
}
