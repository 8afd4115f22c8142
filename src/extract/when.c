/* when.c - cursor parsers for Vietnamese dates, periods and deadlines on folded text */
#include "when.h"

#include "text.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "util/error.h"

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
	/* valid: 1900 <= y <= 2199, so always "YYYY-MM-DD" */
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
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
	/* strlen and memcmp in one pass */
	size_t k = 0;
	while (w[k] && p + k < n && f[p + k] == w[k])
		k++;
	if (w[k])
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

/* The first day of the lunar year (Tết Nguyên đán) in Vietnam, month and day, from 2016. */
static const unsigned char tet_day[][2] = {
    {2, 8},  {1, 28}, {2, 16}, {2, 5},  {1, 25}, {2, 12}, {2, 1}, /* 2016..2022 */
    {1, 22}, {2, 10}, {1, 29}, {2, 17}, {2, 6},  {1, 26}, {2, 13}, /* 2023..2029 */
};
#define TET_FIRST 2016

int ex_tet_eve(int year, int *y, int *m, int *d)
{
	if (year < TET_FIRST || year >= TET_FIRST + (int)(sizeof(tet_day) / sizeof(tet_day[0])))
		return -1;
	*y = year;
	*m = tet_day[year - TET_FIRST][0];
	*d = tet_day[year - TET_FIRST][1] - 1;
	if (*d == 0) {
		*m -= 1;
		*d = ex_days_in_month(year, *m);
	}
	return 0;
}

/* The heavenly stems that start a year's name ("Bính Ngọ", "Ất Tỵ"), folded. */
static const char *const stems[] = {"giap", "at", "binh", "dinh", "mau", "ky", "canh", "tan", "nham", "quy"};

/* After a deadline's lead word ("truoc", "cham nhat"): "Tet Nguyen dan" [a year's name]
 * ["nam"] [Y] is the eve of that lunar new year (Y's, else year_ctx's, w->tet set);
 * "Tet Duong lich" [Y] is 31 December before it. 0 (w filled) or -1. */
static int tet_at(const char *f, size_t n, size_t p, int year_ctx, struct ex_when *w)
{
	size_t e = lit(f, n, p, "tet"), a, e2;
	int y = 0, lunar = 1, ty, tm, td;

	if (!e)
		return -1;
	a = sp(f, n, e);
	if ((e2 = lit(f, n, a, "nguyen dan")) != 0) {
		e = e2;
		a = sp(f, n, e);
		/* "Bính Ngọ": a stem, then one word */
		for (size_t k = 0; k < sizeof(stems) / sizeof(stems[0]); k++) {
			size_t s1 = lit(f, n, a, stems[k]), s2;
			if (!s1 || s1 >= n || f[s1] != ' ')
				continue;
			s2 = s1 + 1;
			if (s2 < n && f[s2] >= 'a' && f[s2] <= 'z') {
				while (s2 < n && f[s2] >= 'a' && f[s2] <= 'z')
					s2++;
				e = s2;
				a = sp(f, n, e);
			}
			break;
		}
	} else if ((e2 = lit(f, n, a, "duong lich")) != 0) {
		e = e2;
		a = sp(f, n, e);
		lunar = 0;
	} else {
		return -1; /* "Tết" alone may be any feast */
	}
	if ((e2 = lit(f, n, a, "nam")) != 0 && (e2 = year(f, n, sp(f, n, e2), &y)) != 0)
		e = e2;
	else if ((e2 = year(f, n, a, &y)) != 0)
		e = e2;
	memset(w, 0, sizeof(*w));
	if (!y) {
		if (!year_ctx)
			return -1;
		y = year_ctx;
		w->year_ctx = 1;
	}
	if (lunar) {
		if (ex_tet_eve(y, &ty, &tm, &td) < 0) {
			memset(w, 0, sizeof(*w));
			return -1;
		}
		w->tet = y;
	} else {
		/* New Year's Day of year y: its eve is 31 December of y - 1, except for a year
		 * taken from the context, whose coming New Year is meant */
		ty = w->year_ctx ? y : y - 1;
		tm = 12;
		td = 31;
	}
	set_day(w, ty, tm, td);
	w->start = p;
	w->end = e;
	return 0;
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
				w->year_ctx = 1;
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
			/* "trong tháng 12." with no year: year_ctx's, when nothing numeric follows */
			int more = a < n && (isdig(f[a]) || ((f[a] == '/' || f[a] == '-' || f[a] == '.') &&
							      a + 1 < n && isdig(f[a + 1])));
			if (year_ctx && !more && !lit(f, n, sp(f, n, a), "nam")) {
				set_month(w, year_ctx, m);
				w->year_ctx = 1;
				w->end = a;
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
				w->year_ctx = 1;
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

/* lit() with the length of w known */
static size_t lit_n(const char *f, size_t n, size_t p, const char *w, size_t k)
{
	if (p + k > n)
		return 0;
	/* short words that mostly differ in the first bytes: no call */
	for (size_t i = 0; i < k; i++)
		if (f[p + i] != w[i])
			return 0;
	if (p + k < n && isword(f[p + k]) && isword(w[k - 1]))
		return 0;
	return p + k;
}

#define WORDS(s) s, sizeof(s) - 1

static const struct {
	const char *words;
	size_t len;
	const char *recur;
} recurs[] = {
	/* grouped by first letter (the order within a letter is the order of preference) */
	{WORDS("dinh ky"), "periodic"},
	{WORDS("hang ngay"), "daily"},      {WORDS("hang tuan"), "weekly"},
	{WORDS("hang thang"), "monthly"},   {WORDS("hang quy"), "quarterly"},
	{WORDS("hang nam"), "yearly"},
	{WORDS("moi thang"), "monthly"},    {WORDS("moi quy"), "quarterly"},
	{WORDS("moi nam"), "yearly"},       {WORDS("moi tuan"), "weekly"},
	{WORDS("thuong xuyen"), "continuous"},
};

/* Words that introduce a deadline (the phrase after them is the deadline). bare: the word
 * is part of the date ("ngay", "thang", "quy"); strong: a deadline for sure ("truoc",
 * "cham nhat", "khong qua", "han chot", "thoi han"); trong: "trong" (not "trong thoi gian"). */
static const struct {
	const char *w;
	size_t len;
	int bare, strong, trong;
} lead_words[] = {
	/* grouped by first letter (the order within a letter is the order of preference) */
	{WORDS("cham nhat la ngay"), 0, 1, 0}, {WORDS("cham nhat la"), 0, 1, 0},
	{WORDS("cham nhat ngay"), 0, 1, 0},   {WORDS("cham nhat"), 0, 1, 0},
	{WORDS("den het ngay"), 0, 0, 0},     {WORDS("den ngay"), 0, 0, 0},
	{WORDS("den cuoi"), 0, 0, 0},         {WORDS("den het"), 0, 0, 0},
	{WORDS("han chot"), 0, 1, 0},         {WORDS("hoan thanh trong"), 0, 0, 0},
	{WORDS("khong qua ngay"), 0, 1, 0},
	{WORDS("ngay"), 1, 0, 0},
	{WORDS("quy"), 1, 0, 0},
	{WORDS("truoc ngay"), 0, 1, 0},       {WORDS("truoc"), 0, 1, 0},
	{WORDS("thoi han"), 0, 1, 0},         {WORDS("thoi gian:"), 0, 1, 0},
	{WORDS("trong"), 0, 0, 1},
	{WORDS("truoc cuoi"), 0, 1, 0},       {WORDS("thang"), 1, 0, 0},
	{WORDS("xong trong"), 0, 0, 0},
};

#define NLEAD (sizeof(lead_words) / sizeof(lead_words[0]))
#define NRECUR (sizeof(recurs) / sizeof(recurs[0]))

/* The entries of lead_words and recurs by their first two letters, in table order: indices
 * + 1, then 0. Every entry is longer than two letters and its first two are letters. */
#define PAIR_MAX 8
static unsigned char lead2[26][26][PAIR_MAX], recur2[26][26][PAIR_MAX];
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

static int is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static void pair_add(unsigned char (*idx)[26][PAIR_MAX], const char *w, size_t i)
{
	if (!is_lower(w[0]) || !is_lower(w[1]) || !w[2])
		BUG("deadline word '%s' does not start with two letters and go on", w);
	unsigned char *v = idx[w[0] - 'a'][w[1] - 'a'];
	size_t k = 0;
	while (v[k])
		k++;
	if (k + 1 >= PAIR_MAX)
		BUG("more than %d deadline words start with '%.2s'", PAIR_MAX - 1, w);
	v[k] = (unsigned char)(i + 1);
}

/* 1 for the bytes isword says yes to: the scan below looks at every byte */
static unsigned char wordc[256];

/* The same entries by their whole first word, for a scan whose words and their hashes are
 * known (ex_words): an entry matches only where the text's word is its first word (lit_n
 * wants the space after that word, or the word boundary when the entry is one word), so most
 * words cost a look-up in a set. */
#define FIRST_MAX 32
#define FIRST_SLOTS 64 /* a power of two, at least twice FIRST_MAX */
#define FIRST_SET 4096 /* entries of the set of first words' hashes, a byte each */
struct dl_first {
	const char *w;
	size_t len;
	unsigned char leads[PAIR_MAX], recs[PAIR_MAX]; /* indices + 1 in table order, then 0 */
};
static struct dl_first firsts[FIRST_MAX];
static size_t nfirsts;
static unsigned char first_slot[FIRST_SLOTS]; /* index + 1 into firsts, 0: empty */
static unsigned char first_set[FIRST_SET];    /* 1 for the first words' hashes */

static struct dl_first *first_find(const char *w, size_t len, uint32_t h)
{
	for (size_t i = (h / FIRST_SET) % FIRST_SLOTS; first_slot[i]; i = (i + 1) % FIRST_SLOTS) {
		struct dl_first *e = &firsts[first_slot[i] - 1];
		if (e->len == len && memcmp(e->w, w, len) == 0)
			return e;
	}
	return NULL;
}

static void first_add(const char *entry, size_t i, int recur)
{
	size_t len = 0;
	while (isword(entry[len]))
		len++;
	uint32_t h = ex_word_hash(entry, len);
	struct dl_first *e = first_find(entry, len, h);
	if (!e) {
		if (nfirsts == FIRST_MAX)
			BUG("more than %d first words of deadline words", FIRST_MAX);
		e = &firsts[nfirsts++];
		e->w = entry;
		e->len = len;
		size_t s = (h / FIRST_SET) % FIRST_SLOTS;
		while (first_slot[s])
			s = (s + 1) % FIRST_SLOTS;
		first_slot[s] = (unsigned char)nfirsts;
		first_set[h % FIRST_SET] = 1;
	}
	unsigned char *v = recur ? e->recs : e->leads;
	size_t k = 0;
	while (v[k])
		k++;
	if (k + 1 >= PAIR_MAX)
		BUG("more than %d deadline words start with '%.*s'", PAIR_MAX - 1, (int)len, entry);
	v[k] = (unsigned char)(i + 1);
}

static void index_build(void)
{
	for (unsigned c = 0; c < 256; c++)
		wordc[c] = isword((char)c);
	for (size_t i = 0; i < NLEAD; i++) {
		pair_add(lead2, lead_words[i].w, i);
		first_add(lead_words[i].w, i, 0);
	}
	for (size_t i = 0; i < NRECUR; i++) {
		pair_add(recur2, recurs[i].words, i);
		first_add(recurs[i].words, i, 1);
	}
}

/* A time of day at f[p] ("17 gio", "17 gio 30", "17 gio 30 phut", "17h", "16h30", then maybe
 * "sang", "chieu", "toi"): the position of the next word, else 0. */
static size_t time_of_day(const char *f, size_t n, size_t p)
{
	size_t q = p;
	while (q < n && isdig(f[q]) && q - p < 2)
		q++;
	if (q == p || (q < n && isdig(f[q])))
		return 0;
	size_t e = lit(f, n, q + (q < n && f[q] == ' '), "gio");
	if (!e && q < n && f[q] == 'h') {
		e = q + 1;
		while (e < n && isdig(f[e]) && e - q <= 2)
			e++;
		if (e < n && f[e] != ' ')
			return 0;
	} else if (e) {
		size_t m = sp(f, n, e), m2 = m;
		while (m2 < n && isdig(f[m2]) && m2 - m < 2)
			m2++;
		if (m2 > m && (m2 == n || f[m2] == ' ')) {
			e = m2;
			size_t ph = lit(f, n, sp(f, n, e), "phut");
			if (ph)
				e = ph;
		}
	} else {
		return 0;
	}
	e = sp(f, n, e);
	static const char *const part[] = {"sang", "chieu", "toi", "trua"};
	for (size_t i = 0; i < sizeof(part) / sizeof(part[0]); i++) {
		size_t k = lit(f, n, e, part[i]);
		if (k) {
			e = sp(f, n, k);
			break;
		}
	}
	return e < n ? e : 0;
}

/* The search state of ex_deadline_find. */
struct dl_scan {
	struct ex_when best;
	int have;
};

/* One word at f[p] of ex_deadline_find's scan, with the lead and recurrence words that may
 * start there (indices + 1, table order, then 0); 1 when a strong deadline ends the search
 * (*w is then the result). */
static inline __attribute__((always_inline)) int deadline_word(const char *f, size_t n, size_t p,
							       const unsigned char *leads,
							       const unsigned char *recs, int year_ctx,
							       struct ex_when *w, struct dl_scan *st)
{
	for (size_t li = 0; leads[li]; li++) {
		size_t i = leads[li] - 1u;
		const char *lw = lead_words[i].w;
		/* the third letter first: "tr", "th", "ng" start many words */
		if (p + 2 < n && lw[2] != f[p + 2])
			continue;
		size_t e = lit_n(f, n, p, lw, lead_words[i].len);
		if (!e)
			continue;
		size_t a = sp(f, n, e);
		if (a < n && f[a] == ':') /* "thời hạn: 15/01/2026" */
			a = sp(f, n, a + 1);
		/* "ngay", "thang", "quy" as the lead word: the date itself starts at p */
		int bare = lead_words[i].bare;
		size_t at = bare ? p : a;
		/* "trước 17 giờ ngày 05/12/2025", "trước 16h30 ngày 10/01": the hour is part of
		 * the phrase, the day is the deadline */
		if (!bare && a < n && isdig(f[a])) {
			size_t t = time_of_day(f, n, a);
			if (t && lit(f, n, t, "ngay"))
				at = t;
		}
		if (lead_words[i].trong) {
			size_t t = lit(f, n, a, "thoi gian");
			if (t)
				continue;
		}
		/* "trước Tết Nguyên đán": only after a lead word ("Tết" alone is no date) */
		if (ex_when_at(f, n, at, year_ctx, w) == 0 ||
		    (!bare && lead_words[i].strong && tet_at(f, n, at, year_ctx, w) == 0)) {
			int strong = lead_words[i].strong;
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
			if (!st->have || strong) {
				st->best = *w;
				st->have = 1;
			}
			if (strong) {
				*w = st->best;
				return 1;
			}
			break;
		}
	}
	for (size_t ri = 0; recs[ri] && !st->have; ri++) {
		size_t i = recs[ri] - 1u;
		size_t e = lit_n(f, n, p, recurs[i].words, recurs[i].len);
		/* "nguồn chi thường xuyên" is a budget line, not a rhythm */
		if (e && p >= 4 && memcmp(f + p - 4, "chi ", 4) == 0)
			continue;
		/* "các vùng thường xuyên thiếu nước", "... thường xuyên bị ngập": how things are, not
		 * how often the work is done */
		if (e) {
			static const char *const state[] = {"thieu", "bi", "xay ra", "ngap", "sat lo", "xuat hien"};
			size_t a = sp(f, n, e);
			for (size_t k = 0; k < sizeof(state) / sizeof(state[0]) && e; k++)
				if (lit(f, n, a, state[k]))
					e = 0;
			if (!e)
				continue;
		}
		if (e && !st->have) {
			memset(&st->best, 0, sizeof(st->best));
			st->best.kind = EXW_RECUR;
			st->best.recur = recurs[i].recur;
			st->best.start = p;
			st->best.end = e;
			st->have = 2;
			/* "định kỳ hằng quý": the rhythm that follows says more */
			size_t a = sp(f, n, e);
			int more = 0;
			for (size_t j = 1; j < NRECUR && i == 0 && a < n; j++) {
				size_t e2 = lit_n(f, n, a, recurs[j].words, recurs[j].len);
				if (e2) {
					st->best.recur = recurs[j].recur;
					st->best.end = e2;
					more = 1;
					break;
				}
			}
			/* "định kỳ 6 tháng", "định kỳ 3 tháng một lần", "định kỳ 1 năm": the count of
			 * months or years is part of the rhythm (1, 3 or 12 months name one) */
			if (i == 0 && !more && a < n && isdig(f[a])) {
				size_t q = a, num = 0;
				while (q < n && isdig(f[q]) && num < 100)
					num = num * 10 + (size_t)(f[q++] - '0');
				size_t e2 = 0;
				if (q < n && f[q] == ' ' && num > 0 && num < 100) {
					e2 = lit(f, n, q + 1, "thang");
					if (e2)
						st->best.recur = num == 1 ? "monthly" : num == 3 ? "quarterly" : num == 12 ? "yearly" : "periodic";
					else if ((e2 = lit(f, n, q + 1, "nam")) != 0)
						st->best.recur = num == 1 ? "yearly" : "periodic";
				}
				if (e2) {
					size_t e3 = lit(f, n, sp(f, n, e2), "mot lan");
					st->best.end = e3 ? e3 : e2;
				}
			}
		}
	}
	return 0;
}

int ex_deadline_find(const char *f, size_t n, int year_ctx, struct ex_when *w)
{
	pthread_once(&index_once, index_build);
	struct dl_scan st;
	st.have = 0;
	for (size_t p = 0; p < n; p++) {
		/* p at the start of a word (after it, the rest of the word is skipped) */
		if (!wordc[(unsigned char)f[p]])
			continue;
		size_t we = p;
		while (we + 1 < n && wordc[(unsigned char)f[we + 1]])
			we++;
		/* the lead and recurrence words starting with the word's first two letters */
		if (we > p && is_lower(f[p]) && is_lower(f[p + 1]) &&
		    deadline_word(f, n, p, lead2[f[p] - 'a'][f[p + 1] - 'a'],
				  recur2[f[p] - 'a'][f[p + 1] - 'a'], year_ctx, w, &st))
			return 0;
		p = we;
	}
	if (!st.have)
		return -1;
	*w = st.best;
	return 0;
}

int ex_deadline_find_words(const char *f, size_t n, const struct ex_words *ws, int year_ctx,
			   struct ex_when *w)
{
	pthread_once(&index_once, index_build);
	struct dl_scan st;
	st.have = 0;
	const uint32_t *hash = ws->hash;
	for (size_t k = 0, nw = ws->n; k < nw; k++) {
		/* the entries whose first word is this word: the set says no to most words */
		uint32_t h = hash[k];
		if (!first_set[h % FIRST_SET])
			continue;
		const struct dl_first *e = first_find(f + ws->pos[k], ws->len[k], h);
		if (e && deadline_word(f, n, ws->pos[k], e->leads, e->recs, year_ctx, w, &st))
			return 0;
	}
	if (!st.have)
		return -1;
	*w = st.best;
	return 0;
}
