/* pdfgrid.c - ruled tables found in an image of a page's lines: rules, then bands between
 * horizontal rules, then the cells the vertical rules crossing each band cut */
#include "pdfgrid.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define DARK 200       /* gray below this is ink: rules, not a light cell shading */
#define JOIN 3         /* pixels: runs this close are one rule */
#define COVER 0.7      /* a vertical rule crosses a band it covers this much of */
#define MAX_RULES 4000 /* more rule pieces of either kind on a page: no tables looked for */
#define MIN_RUN 3      /* pixels: shorter runs of ink are not looked at */

/* A rule: pos across it (y of a horizontal one, x of a vertical one), first..last its
 * thickness, a..b its extent along it. */
struct rule {
	int pos, last, a, b;
};

struct rules {
	struct rule *v;
	size_t n, cap;
	int over; /* more than MAX_RULES: a picture, not tables (the search is quadratic) */
};

/* Add a run at pos from a to b to the rule it belongs to, else start one: a run on a
 * rule's own line lengthens it (overlapping, or at most gap pixels away along it: a glyph
 * box painted over a rule leaves a gap up to a line of text high); a run next to it across,
 * with the same extent, thickens it (a line two pixels wide, a shaded box). A run across
 * of another extent starts its own rule: a shaded cell's ink does not swallow the rule
 * beside it. */
static void add_run(struct rules *r, int pos, int a, int b, int gap)
{
	for (size_t k = r->n; k-- > 0;) {
		struct rule *q = &r->v[k];
		int along = pos >= q->pos && pos <= q->last && a - q->b <= gap && q->a - b <= gap;
		int across = (pos == q->pos - 1 || pos == q->last + 1) && abs(a - q->a) <= JOIN &&
			     abs(b - q->b) <= JOIN;
		if (!along && !across)
			continue;
		if (pos < q->pos)
			q->pos = pos;
		if (pos > q->last)
			q->last = pos;
		if (a < q->a)
			q->a = a;
		if (b > q->b)
			q->b = b;
		return;
	}
	if (r->n >= MAX_RULES) {
		r->over = 1;
		return;
	}
	XGROW(r->v, r->n + 1, r->cap);
	r->v[r->n++] = (struct rule){pos, pos, a, b};
}

/* Keep the rules at least minlen long; a thick one (a filled box, a picture) stands for its
 * two edges, which are where a shaded cell's rules are. */
static void keep_rules(struct rules *r, int minlen, int maxthick)
{
	size_t n = 0, old = r->n;

	for (size_t k = 0; k < old; k++) {
		struct rule q = r->v[k];
		if (q.b - q.a < minlen)
			continue;
		if (q.last - q.pos > maxthick) {
			r->v[n++] = (struct rule){q.pos, q.pos, q.a, q.b};
			XGROW(r->v, r->n + 1, r->cap); /* room for the second edge, at the end */
			r->v[r->n++] = (struct rule){q.last, q.last, q.a, q.b};
			continue;
		}
		r->v[n++] = q;
	}
	/* the second edges were added after the old rules: move them down */
	for (size_t k = old; k < r->n; k++)
		r->v[n++] = r->v[k];
	r->n = n;
}

/* Horizontal rule pieces: runs of ink along rows. */
static void find_hrules(const unsigned char *px, int w, int h, int gap, struct rules *out)
{
	for (int y = 0; y < h; y++) {
		const unsigned char *row = px + (size_t)y * (size_t)w;
		int x = 0;
		while (x < w) {
			int x0;
			while (x < w && row[x] >= DARK)
				x++;
			x0 = x;
			while (x < w && row[x] < DARK)
				x++;
			if (x - x0 >= MIN_RUN)
				add_run(out, y, x0, x - 1, gap);
		}
	}
}

/* Vertical rule pieces: runs of ink down columns. */
static void find_vrules(const unsigned char *px, int w, int h, int gap, struct rules *out)
{
	int *start = xmalloc((size_t)w * sizeof(int));

	/* row by row (the image's order in memory), a run open per column */
	for (int x = 0; x < w; x++)
		start[x] = -1;
	for (int y = 0; y <= h; y++) {
		const unsigned char *row = y < h ? px + (size_t)y * (size_t)w : NULL;
		for (int x = 0; x < w; x++) {
			int ink = row && row[x] < DARK;
			if (ink && start[x] < 0)
				start[x] = y;
			else if (!ink && start[x] >= 0) {
				if (y - start[x] >= MIN_RUN)
					add_run(out, x, start[x], y - 1, gap);
				start[x] = -1;
			}
		}
	}
	free(start);
}

static int cmp_rule(const void *a, const void *b)
{
	const struct rule *x = a, *y = b;

	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	return (x->a > y->a) - (x->a < y->a);
}

static int mid(const struct rule *r)
{
	return (r->pos + r->last) / 2;
}

/* Whether vertical rule v covers enough of the band between ya and yb. */
static int covers(const struct rule *v, int ya, int yb)
{
	int lo = v->a > ya ? v->a : ya, hi = v->b < yb ? v->b : yb;

	return hi > lo && (double)(hi - lo) >= COVER * (double)(yb - ya);
}

/* Vertical rules crossing the band between horizontal rules ha and hb, within both. */
static int band_rules(const struct rules *vr, const struct rule *ha, const struct rule *hb)
{
	int lo = (ha->a > hb->a ? ha->a : hb->a) - JOIN, hi = (ha->b < hb->b ? ha->b : hb->b) + JOIN;
	int n = 0;

	for (size_t k = 0; k < vr->n; k++)
		if (mid(&vr->v[k]) >= lo && mid(&vr->v[k]) <= hi && covers(&vr->v[k], mid(ha), mid(hb)))
			n++;
	return n;
}

static int overlap_half(const struct rule *x, const struct rule *y)
{
	int lo = x->a > y->a ? x->a : y->a, hi = x->b < y->b ? x->b : y->b;
	int sx = x->b - x->a, sy = y->b - y->a;

	return hi > lo && 2 * (hi - lo) >= (sx < sy ? sx : sy);
}

/* Build the table on the chain of horizontal rules hs[0..nh); 0 when it is no table. */
static int make_table(const struct rules *vr, struct rule **hs, size_t nh, double scale,
		      struct pdf_table *t)
{
	int x1 = hs[0]->a, x2 = hs[0]->b, maxcells = 0;
	int *cols = NULL;
	size_t ncols = 0, ccap = 0, cellcap = 0;

	for (size_t i = 1; i < nh; i++) {
		if (hs[i]->a < x1)
			x1 = hs[i]->a;
		if (hs[i]->b > x2)
			x2 = hs[i]->b;
	}
	/* the columns: the vertical rules inside the table crossing one of its bands, one per
	 * position (rules a few pixels apart are one) */
	for (size_t k = 0; k < vr->n; k++) {
		const struct rule *v = &vr->v[k];
		int x = mid(v), crosses = 0, known = 0;
		if (x < x1 - JOIN || x > x2 + JOIN)
			continue;
		for (size_t i = 0; i + 1 < nh && !crosses; i++)
			crosses = covers(v, mid(hs[i]), mid(hs[i + 1]));
		if (!crosses)
			continue;
		for (size_t c = 0; c < ncols && !known; c++)
			known = abs(cols[c] - x) <= JOIN;
		if (!known) {
			XGROW(cols, ncols + 1, ccap);
			cols[ncols++] = x;
		}
	}
	for (size_t i = 1; i < ncols; i++) /* insertion sort: a handful of columns */
		for (size_t j = i; j > 0 && cols[j - 1] > cols[j]; j--) {
			int tmp = cols[j];
			cols[j] = cols[j - 1];
			cols[j - 1] = tmp;
		}
	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i + 1 < nh; i++) {
		int ya = mid(hs[i]), yb = mid(hs[i + 1]), left = -1, ncells = 0;
		for (size_t c = 0; c < ncols; c++) {
			int crossing = 0;
			for (size_t k = 0; k < vr->n && !crossing; k++)
				crossing = abs(mid(&vr->v[k]) - cols[c]) <= JOIN && covers(&vr->v[k], ya, yb);
			if (!crossing)
				continue;
			if (left >= 0) {
				struct pdf_cell *cell;
				XGROW(t->cells, t->ncells + 1, cellcap);
				cell = &t->cells[t->ncells++];
				cell->x1 = cols[left] / scale;
				cell->x2 = cols[c] / scale;
				cell->y1 = ya / scale;
				cell->y2 = yb / scale;
				cell->row = (int)i;
				cell->col = left;
				ncells++;
			}
			left = (int)c;
		}
		if (ncells == 0) {
			/* a band no vertical rule cuts: one cell across the table */
			struct pdf_cell *cell;
			XGROW(t->cells, t->ncells + 1, cellcap);
			cell = &t->cells[t->ncells++];
			*cell = (struct pdf_cell){x1 / scale, ya / scale, x2 / scale, yb / scale, (int)i, 0};
		}
		if (ncells > maxcells)
			maxcells = ncells;
	}
	free(cols);
	if (maxcells < 3) {
		free(t->cells);
		memset(t, 0, sizeof(*t));
		return 0;
	}
	t->x1 = x1 / scale;
	t->x2 = x2 / scale;
	t->y1 = mid(hs[0]) / scale;
	t->y2 = mid(hs[nh - 1]) / scale;
	t->nrows = (int)nh - 1;
	t->ncols = (int)ncols - 1;
	return 1;
}

size_t pdf_grid_find(const unsigned char *px, int w, int h, double scale, struct pdf_grid *out)
{
	struct rules hr = {0}, vr = {0};
	struct rule **chain = NULL;
	char *used;
	size_t tcap = 0;

	memset(out, 0, sizeof(*out));
	if (!px || w <= 0 || h <= 0 || scale <= 0)
		return 0;
	/* pieces join over a gap a line of text high; a table is at least ~10% of the page
	 * wide, its rows at least ~8 points high; rules are at most ~4 points thick */
	find_hrules(px, w, h, (int)(20 * scale), &hr);
	find_vrules(px, w, h, (int)(20 * scale), &vr);
	if (hr.over || vr.over) {
		free(hr.v);
		free(vr.v);
		return 0;
	}
	keep_rules(&hr, w / 10, (int)(4 * scale));
	keep_rules(&vr, (int)(8 * scale), (int)(4 * scale));
	if (hr.n < 2 || vr.n < 2) {
		free(hr.v);
		free(vr.v);
		return 0;
	}
	qsort(hr.v, hr.n, sizeof(*hr.v), cmp_rule);
	used = xcalloc(hr.n, 1);
	chain = xmalloc(hr.n * sizeof(*chain));
	for (size_t i = 0; i < hr.n; i++) {
		size_t nh = 1, cur = i;
		struct pdf_table t;
		if (used[i])
			continue;
		chain[0] = &hr.v[i];
		/* the next rule below that shares the extent and is joined to this one by two
		 * vertical rules or more */
		for (;;) {
			size_t next = hr.n;
			for (size_t j = cur + 1; j < hr.n && next == hr.n; j++)
				if (!used[j] && mid(&hr.v[j]) - mid(&hr.v[cur]) >= (int)(4 * scale) &&
				    overlap_half(&hr.v[cur], &hr.v[j]) && band_rules(&vr, &hr.v[cur], &hr.v[j]) >= 2)
					next = j;
			if (next == hr.n)
				break;
			chain[nh++] = &hr.v[next];
			used[next] = 1;
			cur = next;
		}
		if (nh >= 2 && make_table(&vr, chain, nh, scale, &t)) {
			XGROW(out->t, out->n + 1, tcap);
			out->t[out->n++] = t;
		}
	}
	free(chain);
	free(used);
	free(hr.v);
	free(vr.v);
	return out->n;
}

void pdf_grid_release(struct pdf_grid *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->n; i++)
		free(g->t[i].cells);
	free(g->t);
	memset(g, 0, sizeof(*g));
}
