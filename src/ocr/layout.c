/* layout.c - recognised words -> reading-order lines: columns of the header and signature block kept apart */
#include "ocr_int.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ocr.h"
#include "read/read.h"
#include "util/buf.h"
#include "util/log.h"
#include "util/xalloc.h"
#include "vn/utf8.h"

#define LINE_MAX_BYTES (1u << 20)

/* A run of words of one Tesseract line between wide gaps. */
struct seg {
	double x1, y1, x2, y2;
	char *text;
	double conf;
	double minconf; /* of the weakest word */
	struct rd_word *words; /* each word's confidence, for tracing values to words */
	size_t nwords;
	int row;   /* physical row on the page */
	int drop;  /* stamp text, debris or consumed by a join */
	int stamp; /* certainly signature-stamp text */
	char side; /* 'L', 'R' or 'M' (across the column boundary) */
};

struct lay {
	struct seg *s;
	size_t ns, cs;
	int width;
	double margin, left, right; /* text area */
	struct ocr_page *out;
	struct buf tmp, fixed, nfc, kfold, key;
};

static int starts_ci(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* Text of a digital-signature stamp printed on the page, or an e-mail line of one. */
static int is_stamp_text(const char *s)
{
	static const char *const prefixes[] = {"Ký bởi", "Người ký", "Thời gian ký", "Được ký bởi",
					       "Signed by", "Ký số bởi", "Email:", "E-mail:"};
	const char *at = strchr(s, '@');

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (starts_ci(s, prefixes[i]))
			return 1;
	return at && !strchr(s, ' ') && strchr(at, '.');
}

/* Debris: no letter or digit, or a scrap of low confidence (seals, signatures, edges). */
static int is_noise(const char *s, double conf)
{
	size_t alnum = 0, chars = 0, n = strlen(s);

	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += vn_utf8_next(s + i, n - i, &cp);
		chars++;
		if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x1E00 && cp <= 0x1EFF))
			alnum++;
	}
	if (alnum == 0)
		return 1;
	/* the labels of the format are kept however faint ("Số:" beside a blank number) */
	if (strcmp(s, "Số:") == 0 || strcmp(s, "Số") == 0 || strcmp(s, "Nơi nhận:") == 0 ||
	    strcmp(s, "Kính gửi:") == 0)
		return 0;
	if (conf < 20)
		return 1;
	return conf < 45 && (alnum <= 1 || chars <= 2);
}

/* Lines a stamp block also holds, dropped when they sit near a certain stamp line. */
static int is_weak_stamp_text(const char *s)
{
	static const char *const prefixes[] = {"Cơ quan:", "Chức vụ:", "Đơn vị:", "Tổ chức:",
					       "Thời gian:"};
	const char *p = s;

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (starts_ci(s, prefixes[i]))
			return 1;
	/* a time alone: "22.04.2021 16:05:31 +07:00" */
	while (*p && strchr("0123456789.:/-+ ", *p))
		p++;
	return *p == '\0' && strchr(s, ':') && strlen(s) >= 8;
}

/* Drop the lines of a stamp block around each certain stamp line. */
static void drop_stamp_blocks(struct lay *L)
{
	for (size_t i = 0; i < L->ns; i++) {
		const struct seg *a = &L->s[i];
		double h = a->y2 - a->y1;
		if (!a->stamp)
			continue;
		for (size_t j = 0; j < L->ns; j++) {
			struct seg *b = &L->s[j];
			if (b->drop || fabs(b->y1 - a->y1) > 4 * h || b->x2 < a->x1 - 2 * h ||
			    b->x1 > a->x2 + 2 * h)
				continue;
			if (is_weak_stamp_text(b->text))
				b->drop = 1;
		}
	}
}

/* A word of one character, not a digit or a list mark, recognised with little confidence: a
 * speck of a seal or signature. */
static int is_speck_word(const struct ocr_word *w)
{
	uint32_t cp;
	size_t n = strlen(w->text), len;

	if (n == 0)
		return 1;
	len = vn_utf8_next(w->text, n, &cp);
	if (len != n || w->conf >= 90)
		return 0;
	if ((cp >= '0' && cp <= '9') || cp == '-' || cp == '+' || cp == '*' || cp == 0x2013)
		return 0;
	/* letters that are words alone ("ý", "ở") need little confidence to stay */
	return w->conf < 50 || !strstr("aàáạeêoôơởuưyýAÀÁẠEÊOÔƠỞUƯYÝ", w->text);
}

static int add_seg(struct lay *L, struct ocr_word *w, size_t n)
{
	struct seg *s;
	double conf = 0, minconf = 100;

	/* specks at either end of the segment go */
	while (n > 1 && is_speck_word(&w[n - 1]))
		n--;
	while (n > 1 && is_speck_word(&w[0])) {
		w++;
		n--;
	}
	buf_reset(&L->tmp);
	for (size_t i = 0; i < n; i++) {
		if ((i && buf_addch(&L->tmp, ' ') < 0) || buf_addstr(&L->tmp, w[i].text) < 0)
			return -1;
		conf += w[i].conf;
		minconf = fmin(minconf, w[i].conf);
	}
	XGROW(L->s, L->ns + 1, L->cs);
	s = &L->s[L->ns++];
	memset(s, 0, sizeof(*s));
	s->x1 = w[0].x1;
	s->x2 = w[n - 1].x2;
	s->y1 = w[0].y1;
	s->y2 = w[0].y2;
	for (size_t i = 0; i < n; i++) {
		s->y1 = fmin(s->y1, w[i].y1);
		s->y2 = fmax(s->y2, w[i].y2);
		s->x1 = fmin(s->x1, w[i].x1);
		s->x2 = fmax(s->x2, w[i].x2);
	}
	s->conf = conf / (double)n;
	s->minconf = minconf;
	s->words = xcalloc(n, sizeof(*s->words));
	s->nwords = n;
	for (size_t i = 0; i < n; i++) {
		buf_reset(&L->key);
		if (rd_match_key(w[i].text, strlen(w[i].text), &L->kfold, &L->key) < 0)
			return -1;
		s->words[i].keylen = (unsigned)L->key.len;
		s->words[i].conf = w[i].conf;
	}
	s->text = xstrdup(buf_str(&L->tmp));
	s->stamp = is_stamp_text(s->text);
	s->drop = s->stamp || is_noise(s->text, s->conf);
	if (s->drop)
		LOG(LOG_DEBUG, "ocr: dropped %s '%s' (confidence %.0f)", s->stamp ? "stamp" : "noise", s->text,
		    s->conf);
	return 0;
}

/* Split each Tesseract line at gaps much wider than a space. */
static int make_segments(struct lay *L, struct ocr_word *w, size_t nw)
{
	size_t i = 0;

	while (i < nw) {
		size_t j = i + 1, start = i;
		while (j < nw && w[j].line == w[i].line && w[j].block == w[i].block)
			j++;
		for (size_t k = i + 1; k <= j; k++) {
			double h = k < j ? fmax(w[k].y2 - w[k].y1, w[k - 1].y2 - w[k - 1].y1) : 0;
			if (k == j || w[k].x1 - w[k - 1].x2 > fmax(1.5 * h, 0.025 * L->width)) {
				if (add_seg(L, w + start, k - start) < 0)
					return -1;
				start = k;
			}
		}
		i = j;
	}
	return 0;
}

static int cmp_seg_y(const void *a, const void *b)
{
	const struct seg *x = a, *y = b;
	double cx = (x->y1 + x->y2) / 2, cy = (y->y1 + y->y2) / 2;

	return (cx > cy) - (cx < cy);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int cmp_seg_row_x(const void *a, const void *b)
{
	const struct seg *x = a, *y = b;

	if (x->row != y->row)
		return (x->row > y->row) - (x->row < y->row);
	return (x->x1 > y->x1) - (x->x1 < y->x1);
}

/* Group segments into physical rows: a segment whose vertical centre falls inside the first
 * segment of the row belongs to it. Returns the number of rows. */
static int make_rows(struct lay *L)
{
	int row = -1;
	double top = 0, bottom = -1, *hs, tall;
	size_t nh = 0;

	qsort(L->s, L->ns, sizeof(*L->s), cmp_seg_y);
	/* a segment much taller than a text line (a seal, a signature read as text) neither
	 * anchors a row nor joins one: it would pull several lines into one row */
	hs = xcalloc(L->ns + 1, sizeof(double));
	for (size_t i = 0; i < L->ns; i++)
		if (!L->s[i].drop)
			hs[nh++] = L->s[i].y2 - L->s[i].y1;
	qsort(hs, nh, sizeof(double), cmp_double);
	tall = nh ? 1.8 * hs[nh / 2] : 1e30;
	free(hs);
	for (size_t i = 0; i < L->ns; i++) {
		struct seg *s = &L->s[i];
		double cy = (s->y1 + s->y2) / 2;
		int alone = s->drop || s->y2 - s->y1 > tall;
		if (alone) {
			s->row = ++row;
			bottom = -1; /* the next segment starts a row */
			continue;
		}
		if (row < 0 || bottom < 0 || cy < top || cy > bottom) {
			row++;
			top = s->y1;
			bottom = s->y2;
		}
		s->row = row;
	}
	qsort(L->s, L->ns, sizeof(*L->s), cmp_seg_row_x);
	return row + 1;
}

/* The column boundary of each row (the middle of its widest gap, or that of a row nearby, or
 * the middle of the text), and so the side of each segment. */
static void classify_sides(struct lay *L, int nrows)
{
	double *bound = xcalloc((size_t)nrows + 1, sizeof(double));
	double tol = 0.02 * L->width, mid = (L->left + L->right) / 2;

	for (int r = 0; r < nrows; r++)
		bound[r] = -1;
	for (size_t k = 0; k + 1 < L->ns; k++) {
		struct seg *a = &L->s[k], *b = &L->s[k + 1];
		double best = -1;
		if (a->row != b->row)
			continue;
		for (size_t m = k; m + 1 < L->ns && L->s[m + 1].row == a->row; m++) {
			double g = L->s[m + 1].x1 - L->s[m].x2;
			if (!L->s[m].drop && !L->s[m + 1].drop && g > best) {
				best = g;
				bound[a->row] = (L->s[m].x2 + L->s[m + 1].x1) / 2;
			}
		}
		while (k + 1 < L->ns && L->s[k + 1].row == a->row)
			k++;
	}
	for (size_t k = 0; k < L->ns; k++) {
		struct seg *s = &L->s[k];
		double b = bound[s->row];
		for (int d = 1; b < 0 && d <= 6; d++) {
			if (s->row - d >= 0 && bound[s->row - d] >= 0)
				b = bound[s->row - d];
			else if (s->row + d < nrows && bound[s->row + d] >= 0)
				b = bound[s->row + d];
		}
		if (b < 0)
			b = mid;
		if (bound[s->row] < 0 && fabs((s->x1 + s->x2) / 2 - mid) < 0.05 * L->width) {
			s->side = 'M'; /* a centred line alone (a title) */
			continue;
		}
		s->side = s->x2 <= b + tol ? 'L' : s->x1 >= b - tol ? 'R' : 'M';
	}
	free(bound);
}

/* Repair, normalise and append one line to the page. */
/* A copy of words[0..n) appended to (*dst)[0..*dn). */
static void add_words(struct rd_word **dst, size_t *dn, const struct rd_word *words, size_t n)
{
	if (!n)
		return;
	*dst = xreallocarray(*dst, *dn + n, sizeof(**dst));
	memcpy(*dst + *dn, words, n * sizeof(*words));
	*dn += n;
}

static int emit_text(struct lay *L, const char *text, double conf, const struct rd_word *words,
		     size_t nwords, unsigned indent, unsigned flags, int col, int row)
{
	struct ocr_page *P = L->out;
	struct ocr_line *l;

	buf_reset(&L->fixed);
	buf_reset(&L->nfc);
	/* NFC first so that the repairs see composed letters, and again after them */
	if (vn_nfc(text, strlen(text), &L->nfc, 1, &P->report) < 0 ||
	    ocr_fix_line(buf_str(&L->nfc), L->nfc.len, &L->fixed) < 0)
		return -1;
	buf_reset(&L->nfc);
	if (vn_nfc(buf_str(&L->fixed), L->fixed.len, &L->nfc, 1, &P->report) < 0)
		return -1;
	if (L->nfc.len == 0)
		return 0;
	/* a word broken at the end of the previous body line */
	if (col < 0 && P->n && P->l[P->n - 1].col < 0 &&
	    ocr_is_hyphen_break(P->l[P->n - 1].text, buf_str(&L->nfc))) {
		struct ocr_line *prev = &P->l[P->n - 1];
		size_t plen = strlen(prev->text);
		char *joined = xasprintf("%.*s%s", (int)(plen - 1), prev->text, buf_str(&L->nfc));
		free(prev->text);
		prev->text = joined;
		prev->conf = fminf(prev->conf, (float)conf);
		add_words(&prev->words, &prev->nwords, words, nwords);
		return 0;
	}
	/* "Nơi nhận: - Như trên;": the heading and the first recipient are two lines */
	if (strncmp(buf_str(&L->nfc), "Nơi nhận: ", strlen("Nơi nhận: ")) == 0 &&
	    L->nfc.len > strlen("Nơi nhận: ")) {
		char *rest = xstrdup(buf_str(&L->nfc) + strlen("Nơi nhận: "));
		XGROW(P->l, P->n + 1, P->cap);
		l = &P->l[P->n++];
		l->text = xstrdup("Nơi nhận:");
		l->conf = (float)conf;
		l->words = NULL; /* split inside the words: both lines are traced by conf alone */
		l->nwords = 0;
		nwords = 0;
		l->indent = indent;
		l->flags = flags | (col >= 0 ? RD_TABLE : 0);
		l->col = col;
		l->row = row;
		buf_reset(&L->nfc);
		buf_addstr(&L->nfc, rest);
		free(rest);
	}
	XGROW(P->l, P->n + 1, P->cap);
	l = &P->l[P->n++];
	l->text = buf_detach(&L->nfc, NULL);
	buf_init(&L->nfc, LINE_MAX_BYTES);
	l->conf = (float)conf;
	l->words = NULL;
	l->nwords = 0;
	add_words(&l->words, &l->nwords, words, nwords);
	l->indent = indent;
	l->flags = flags | (col >= 0 ? RD_TABLE : 0);
	l->col = col;
	l->row = row;
	return 0;
}

static int emit_seg(struct lay *L, const struct seg *s, int col, int row)
{
	unsigned indent = 0, flags = 0;
	double h = s->y2 - s->y1, mid = (s->x1 + s->x2) / 2, cmid = (L->left + L->right) / 2;

	if (h > 0 && s->x1 > L->margin && col < 0)
		indent = (unsigned)fmin((s->x1 - L->margin) / (0.5 * h), 200);
	if (fabs(mid - cmid) < 0.04 * L->width && s->x1 > L->margin + 2 * h)
		flags |= RD_CENTER;
	return emit_text(L, s->text, s->minconf, s->words, s->nwords, indent, flags, col, row);
}

/* First and one-past-last segment of row r starting the search at k. */
static size_t row_end(const struct lay *L, size_t k)
{
	int r = L->s[k].row;

	while (k < L->ns && L->s[k].row == r)
		k++;
	return k;
}

static double row_top(const struct lay *L, size_t a, size_t b, double *bottom, double *h)
{
	double top = 1e30;

	*bottom = -1;
	*h = 0;
	for (size_t k = a; k < b; k++) {
		if (L->s[k].drop)
			continue;
		top = fmin(top, L->s[k].y1);
		*bottom = fmax(*bottom, L->s[k].y2);
		*h = fmax(*h, L->s[k].y2 - L->s[k].y1);
	}
	return top;
}

/* Emit rows a..b (segment indices) of a two-column run: left column, then right column. */
static int emit_table(struct lay *L, size_t a, size_t b)
{
	int row = L->out->nrows++;

	for (int pass = 0; pass < 2; pass++) {
		char side = pass ? 'R' : 'L';
		for (size_t k = a; k < b; k++) {
			struct seg *s = &L->s[k];
			if (s->drop || s->side != side)
				continue;
			/* pieces of one cell line ("Số:" ... "/TB-UBND" around a blank) are one line */
			while (k + 1 < b && L->s[k + 1].row == s->row && L->s[k + 1].side == side &&
			       !L->s[k + 1].drop) {
				char *joined = xasprintf("%s %s", s->text, L->s[k + 1].text);
				free(s->text);
				s->text = joined;
				s->x2 = L->s[k + 1].x2;
				s->minconf = fmin(s->minconf, L->s[k + 1].minconf);
				add_words(&s->words, &s->nwords, L->s[k + 1].words, L->s[k + 1].nwords);
				L->s[k + 1].drop = 1;
				k++;
			}
			if (emit_seg(L, s, pass, row) < 0)
				return -1;
		}
	}
	return 0;
}

static int emit_page(struct lay *L)
{
	size_t i = 0;

	while (i < L->ns) {
		size_t e = row_end(L, i), j = i;
		int left = 0, right = 0, lines = 0;
		double last_bottom = -1, h = 0;

		/* the short last line of a body paragraph does not start a column block */
		if (i > 0) {
			size_t p = i - 1, ps = p;
			double pb, ph, top, bt, th;
			while (ps > 0 && L->s[ps - 1].row == L->s[p].row)
				ps--;
			row_top(L, ps, p + 1, &pb, &ph);
			top = row_top(L, i, e, &bt, &th);
			if (e - i == 1 && L->s[i].side == 'L' && L->s[p].side == 'M' && ps == p &&
			    top - pb < 0.8 * th)
				goto single;
		}
		while (j < L->ns) {
			size_t re = row_end(L, j);
			double bottom, lh, top = row_top(L, j, re, &bottom, &lh);
			int rl = 0, rr = 0, bad = 0;
			if (bottom < 0) { /* only dropped segments */
				j = re;
				continue;
			}
			for (size_t k = j; k < re; k++) {
				struct seg *s = &L->s[k];
				if (s->drop)
					continue;
				/* the addressee line follows the header: it never belongs to a column */
				if (starts_ci(s->text, "Kính gửi")) {
					bad = 1;
					break;
				}
				if (s->side == 'M') {
					/* a long item of the left column running past the boundary */
					if (lines == 0 || re - j != 1 || s->x2 > 0.75 * L->width ||
					    s->x1 > L->margin + 2 * (s->y2 - s->y1))
						bad = 1;
					else
						rl++;
				} else if (s->side == 'L') {
					rl++;
				} else {
					rr++;
				}
			}
			if (bad)
				break;
			/* the signer's name sits a few blank lines under the title */
			if (last_bottom >= 0 && top - last_bottom > (rl ? 2.5 : 6.0) * fmax(lh, h))
				break;
			left += rl;
			right += rr;
			lines++;
			last_bottom = bottom;
			h = lh;
			j = re;
		}
		if (left && right && lines >= 2) {
			for (size_t k = i; k < j; k++)
				if (L->s[k].side == 'M')
					L->s[k].side = 'L';
			if (emit_table(L, i, j) < 0)
				return -1;
			i = j;
			continue;
		}
single:
		for (size_t k = i; k < e; k++)
			if (!L->s[k].drop && emit_seg(L, &L->s[k], -1, -1) < 0)
				return -1;
		i = e;
	}
	return 0;
}

int ocr_layout(struct ocr_word *w, size_t nw, int width, struct ocr_page *out)
{
	struct lay L;
	int nrows, ret = -1;

	memset(&L, 0, sizeof(L));
	L.width = width > 0 ? width : 1;
	L.out = out;
	buf_init(&L.tmp, LINE_MAX_BYTES);
	buf_init(&L.fixed, LINE_MAX_BYTES);
	buf_init(&L.nfc, LINE_MAX_BYTES);
	buf_init(&L.kfold, LINE_MAX_BYTES);
	buf_init(&L.key, LINE_MAX_BYTES);
	if (make_segments(&L, w, nw) < 0)
		goto out;
	drop_stamp_blocks(&L);
	L.margin = L.left = 1e30;
	L.right = 0;
	for (size_t k = 0; k < L.ns; k++) {
		if (L.s[k].drop)
			continue;
		L.left = fmin(L.left, L.s[k].x1);
		L.right = fmax(L.right, L.s[k].x2);
	}
	if (L.right <= 0) {
		ret = 0; /* nothing legible */
		goto out;
	}
	L.margin = L.left;
	nrows = make_rows(&L);
	classify_sides(&L, nrows);
	ret = emit_page(&L);
out:
	for (size_t k = 0; k < L.ns; k++) {
		free(L.s[k].text);
		free(L.s[k].words);
	}
	free(L.s);
	buf_release(&L.tmp);
	buf_release(&L.fixed);
	buf_release(&L.nfc);
	buf_release(&L.kfold);
	buf_release(&L.key);
	return ret;
}

void ocr_page_release(struct ocr_page *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++) {
		free(p->l[i].text);
		free(p->l[i].words);
	}
	free(p->l);
	p->l = NULL;
	p->n = p->cap = 0;
}
