/* pdf.c - PDF reader (poppler-glib, loaded on first use): character boxes clustered into
 * lines and columns, signature-stamp text kept apart */
#include "read.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <poppler.h>

#include "ocr/ocr.h"
#include "read/pdfflat.h"
#include "read/pdfgrid.h"
#include "read/popplerlib.h"
#include "util/buf.h"
#include "util/xalloc.h"

struct glyph {
	double x1, y1, x2, y2;
	unsigned cp;
	unsigned char space_before, bold, italic;
};

/* A run of glyphs on one physical line between wide gaps. */
struct seg {
	double x1, x2, y1, y2;
	char *text;       /* NFC */
	unsigned flags;   /* RD_BOLD/RD_ITALIC/RD_CENTER */
	int line;         /* index of its physical line */
	int stamp;        /* part of a digital-signature stamp */
	char side;        /* 'L', 'R' or 'M' (spans the middle of the page) */
};

struct pdf_page {
	struct glyph *g;
	size_t ng, cg;
	struct seg *s;
	size_t ns, cs;
	double width, height;
	int table_head; /* the page's text has a table's header line (has_table_head) */
};

struct pdf_state {
	struct rd_doc *doc;
	const struct rd_limits *lim;
	struct dd_error *err;
	struct buf tmp, nfc;
	int table_row;     /* running number of two-column regions and table rows, for RD_TABLE rows */
	int grid_off;      /* ruled tables are not looked for (cairo missing) */
	int table_before;  /* the page before had a ruled table: look on this one too */
	/* the last line emitted: a gap of a line or more before the next one on the page is
	 * an empty line, as a text file has one between paragraphs */
	double last_y2;
	int last_page, last_col;
	size_t body_lines; /* lines that are not stamp text */
	int stamp_seen;
};

static double glyph_h(const struct glyph *g)
{
	return g->y2 - g->y1;
}

static int cmp_glyph_y(const void *a, const void *b)
{
	const struct glyph *x = a, *y = b;
	double cx = x->y2, cy = y->y2; /* the bottom edge: glyphs of one text line share it */

	if (cx < cy)
		return -1;
	if (cx > cy)
		return 1;
	return (x->x1 > y->x1) - (x->x1 < y->x1);
}

static int cmp_glyph_x(const void *a, const void *b)
{
	const struct glyph *x = a, *y = b;

	return (x->x1 > y->x1) - (x->x1 < y->x1);
}

static int is_space_cp(unsigned cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x3000 ||
	       (cp >= 0x2000 && cp <= 0x200B);
}

/* Whether a line of poppler's text of a page is only "STT", "TT" or "Số TT" (the first cell
 * of a task table's header, which poppler gives as a line of its own), or the header row as
 * one line ("STT Nội dung ..."). Only such pages, and the pages after a table, are drawn to
 * look for ruled tables: drawing costs a text page about as much again as reading it. */
static int has_table_head(const char *text)
{
	static const char *const heads[] = {"STT", "TT", "Số TT", "Số thứ tự"};
	static const char *const cols[] = {"Nội dung", "NỘI DUNG", "Nhiệm vụ", "NHIỆM VỤ", "Công việc",
					   "CÔNG VIỆC", "Tên", "TÊN", "Đơn vị", "ĐƠN VỊ"};

	for (const char *p = text; p && *p;) {
		const char *e = strchr(p, '\n'), *q = p;
		size_t n;
		if (!e)
			e = p + strlen(p);
		while (q < e && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		n = (size_t)(e - q);
		while (n > 0 && (q[n - 1] == ' ' || q[n - 1] == '\t' || q[n - 1] == '\r'))
			n--;
		for (size_t k = 0; k < sizeof(heads) / sizeof(heads[0]); k++) {
			size_t h = strlen(heads[k]);
			if (n < h || strncasecmp(q, heads[k], h) != 0)
				continue;
			if (n == h)
				return 1;
			/* the header row as one line: "STT Nội dung ...", "TT Nhiệm vụ ..." */
			if (q[h] == ' ')
				for (size_t c = 0; c < sizeof(cols) / sizeof(cols[0]); c++)
					if (n - h - 1 >= strlen(cols[c]) && memcmp(q + h + 1, cols[c], strlen(cols[c])) == 0)
						return 1;
		}
		p = *e ? e + 1 : e;
	}
	return 0;
}

/* Collect the glyphs of a page with their boxes and fonts. */
static int page_glyphs(PopplerPage *page, struct pdf_page *pg)
{
	char *text = poppler_page_get_text(page);
	PopplerRectangle *rects = NULL;
	guint nrects = 0;
	GList *attrs = NULL;
	unsigned char *style = NULL; /* per character: 1 bold, 2 italic */
	size_t nchars, k = 0;
	const char *p;
	int pending_space = 0;

	if (!text)
		return 0;
	nchars = (size_t)g_utf8_strlen(text, -1);
	if (!poppler_page_get_text_layout(page, &rects, &nrects))
		nrects = 0;
	style = xcalloc(nchars + 1, 1);
	attrs = poppler_page_get_text_attributes(page);
	for (GList *l = attrs; l; l = l->next) {
		PopplerTextAttributes *a = l->data;
		unsigned char st = 0;
		if (a->font_name && (strcasestr(a->font_name, "bold") || strcasestr(a->font_name, "black") ||
				     strcasestr(a->font_name, "heavy")))
			st |= 1;
		if (a->font_name && (strcasestr(a->font_name, "italic") || strcasestr(a->font_name, "oblique")))
			st |= 2;
		for (gint i = a->start_index; i <= a->end_index && i >= 0 && (size_t)i < nchars; i++)
			style[i] = st;
	}
	poppler_page_free_text_attributes(attrs);
	pg->table_head = has_table_head(text);
	for (p = text; *p && k < nchars; p = g_utf8_find_next_char(p, NULL), k++) {
		gunichar cp = g_utf8_get_char(p);
		struct glyph *g;
		if (is_space_cp(cp) || cp < 0x20 || k >= nrects) {
			pending_space = 1;
			continue;
		}
		if (rects[k].x2 <= rects[k].x1 || rects[k].y2 <= rects[k].y1)
			continue;
		XGROW(pg->g, pg->ng + 1, pg->cg);
		g = &pg->g[pg->ng++];
		g->x1 = rects[k].x1;
		g->y1 = rects[k].y1;
		g->x2 = rects[k].x2;
		g->y2 = rects[k].y2;
		g->cp = cp;
		g->space_before = (unsigned char)pending_space;
		g->bold = style[k] & 1;
		g->italic = (style[k] & 2) != 0;
		pending_space = 0;
	}
	free(style);
	g_free(rects);
	g_free(text);
	return 0;
}

static int add_seg(struct pdf_state *ps, struct pdf_page *pg, const struct glyph *g, size_t n, int line)
{
	struct seg *s;
	size_t nbold = 0, nitalic = 0;
	double lh = 0;

	buf_reset(&ps->tmp);
	for (size_t i = 0; i < n; i++) {
		if (glyph_h(&g[i]) > lh)
			lh = glyph_h(&g[i]);
	}
	for (size_t i = 0; i < n; i++) {
		double gap = i ? g[i].x1 - g[i - 1].x2 : 0;
		if (i && (g[i].space_before || gap > 0.22 * lh) && buf_addch(&ps->tmp, ' ') < 0)
			goto toolong;
		if (buf_addcp(&ps->tmp, g[i].cp) < 0)
			goto toolong;
		nbold += g[i].bold;
		nitalic += g[i].italic;
	}
	buf_reset(&ps->nfc);
	if (vn_nfc(buf_str(&ps->tmp), ps->tmp.len, &ps->nfc, 1, &ps->doc->report) < 0)
		goto toolong;
	XGROW(pg->s, pg->ns + 1, pg->cs);
	s = &pg->s[pg->ns++];
	memset(s, 0, sizeof(*s));
	s->x1 = g[0].x1;
	s->x2 = g[n - 1].x2;
	s->y1 = g[0].y1;
	s->y2 = g[0].y2;
	for (size_t i = 1; i < n; i++) {
		if (g[i].y1 < s->y1)
			s->y1 = g[i].y1;
		if (g[i].y2 > s->y2)
			s->y2 = g[i].y2;
	}
	s->text = buf_detach(&ps->nfc, NULL);
	buf_init(&ps->nfc, ps->lim->max_text);
	s->line = line;
	if (nbold == n)
		s->flags |= RD_BOLD;
	if (nitalic == n)
		s->flags |= RD_ITALIC;
	return 0;
toolong:
	return dd_error_code(ps->err, DD_ERR_DATA, "too much text (limit %zu bytes)", ps->lim->max_text);
}

/* Cluster the glyphs into physical lines and split the lines into segments at wide gaps. */
static int page_segments(struct pdf_state *ps, struct pdf_page *pg)
{
	size_t i = 0;
	int line = 0;

	if (pg->ng == 0)
		return 0;
	qsort(pg->g, pg->ng, sizeof(*pg->g), cmp_glyph_y);
	while (i < pg->ng) {
		/* a line: the glyphs whose bottom edge is within a third of a glyph height of
		 * the first one's (two columns set at different heights stay apart) */
		double bottom = pg->g[i].y2, tol = 0.3 * glyph_h(&pg->g[i]);
		size_t j = i + 1, start;
		while (j < pg->ng && pg->g[j].y2 - bottom <= tol)
			j++;
		qsort(pg->g + i, j - i, sizeof(*pg->g), cmp_glyph_x);
		start = i;
		for (size_t k = i + 1; k <= j; k++) {
			double h = k < j ? fmax(glyph_h(&pg->g[k]), glyph_h(&pg->g[k - 1])) : 0;
			if (k == j || pg->g[k].x1 - pg->g[k - 1].x2 > fmax(1.5 * h, 0.025 * pg->width)) {
				if (add_seg(ps, pg, pg->g + start, k - start, line) < 0)
					return -1;
				start = k;
			}
		}
		line++;
		i = j;
	}
	return 0;
}

/* ---- signature stamps ------------------------------------------------------------------- */

static int starts_ci(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static const char *skip_digits(const char *p, int min, int max)
{
	int n = 0;

	while (*p >= '0' && *p <= '9' && n < max) {
		p++;
		n++;
	}
	return n >= min ? p : NULL;
}

/* "09.01.2025 10:21:11 +07:00" (the zone and seconds optional): where the stamp time
 * starts in s, or NULL. */
static const char *find_stamp_time(const char *s)
{
	for (const char *p = s; *p; p++) {
		const char *q = skip_digits(p, 1, 2);
		if (!q || (p > s && p[-1] >= '0' && p[-1] <= '9'))
			continue;
		if ((*q != '.' && *q != '/' && *q != '-') || !(q = skip_digits(q + 1, 1, 2)))
			continue;
		if ((*q != '.' && *q != '/' && *q != '-') || !(q = skip_digits(q + 1, 4, 4)))
			continue;
		while (*q == ' ' || *q == ',')
			q++;
		if (!(q = skip_digits(q, 1, 2)) || *q != ':' || !(q = skip_digits(q + 1, 2, 2)))
			continue;
		return p;
	}
	return NULL;
}

static int is_email_only(const char *s)
{
	const char *at = strchr(s, '@');

	if (starts_ci(s, "email") || starts_ci(s, "e-mail"))
		return 1;
	return at && !strchr(s, ' ') && strchr(at, '.');
}

/* How strongly a segment looks like stamp text: 2 certain, 1 possible near a stamp, 0 not. */
static int stamp_score(const char *s)
{
	static const char *const strong[] = {"Ký bởi", "Người ký", "Thời gian ký", "Được ký bởi",
					     "Signed by", "Signature", "Ký số bởi", "Ngày ký:"};
	static const char *const weak[] = {"Cơ quan:", "Chức vụ:", "Đơn vị:", "Tổ chức:"};
	const char *t;

	for (size_t i = 0; i < sizeof(strong) / sizeof(strong[0]); i++)
		if (starts_ci(s, strong[i]))
			return 2;
	t = find_stamp_time(s);
	if (t && t == s) {
		/* a line that is only a time stamp */
		const char *q = t;
		while (*q && (strchr("0123456789.:/-+ ", *q)))
			q++;
		if (*q == '\0')
			return 2;
	}
	for (size_t i = 0; i < sizeof(weak) / sizeof(weak[0]); i++)
		if (starts_ci(s, weak[i]))
			return 1;
	if (is_email_only(s))
		return 1;
	return 0;
}

/* Header text a stamp set just above it must not take: the national name and motto, the
 * number, the place and date ("Quảng Ngãi, ngày 24 tháng 01 năm 2025"). */
static int header_text(const char *s)
{
	static const char *const parts[] = {"CỘNG HÒA", "CỘNG HOÀ", "Độc lập", "ĐỘC LẬP", "ĐẢNG CỘNG SẢN"};

	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (strstr(s, parts[i]))
			return 1;
	if (starts_ci(s, "Số:") || starts_ci(s, "Số "))
		return 1;
	return strstr(s, "ngày") && strstr(s, "tháng") && strstr(s, "năm");
}

static int x_overlap(const struct seg *a, const struct seg *b)
{
	return a->x1 < b->x2 && b->x1 < a->x2;
}

/* Mark stamp segments: from each certain one, grow over the nearby segments of the same
 * small block (similar height, overlapping horizontally, close vertically). */
static void mark_stamps(struct pdf_state *ps, struct pdf_page *pg)
{
	for (size_t i = 0; i < pg->ns; i++) {
		struct seg *a = &pg->s[i];
		double h;
		if (a->stamp || stamp_score(a->text) != 2)
			continue;
		a->stamp = 1;
		h = a->y2 - a->y1;
		for (int dir = -1; dir <= 1; dir += 2) {
			struct seg *last = a;
			int grown = 0;
			for (long j = (long)i + dir; j >= 0 && (size_t)j < pg->ns && grown < 6; j += dir) {
				struct seg *b = &pg->s[j];
				double bh = b->y2 - b->y1;
				double vgap = dir < 0 ? last->y1 - b->y2 : b->y1 - last->y2;
				if (fabs(b->y1 - last->y1) > 4 * h)
					break; /* far away: the block has ended */
				if (b->line == last->line || !x_overlap(b, a))
					continue; /* another column of the same line */
				if (vgap > 1.2 * h || bh > 1.3 * h || bh < 0.7 * h || header_text(b->text))
					break;
				b->stamp = 1;
				last = b;
				grown++;
			}
		}
		ps->stamp_seen = 1;
	}
}

/* Fill doc->stamp_signer / stamp_time from the stamp segments of a page. */
static void stamp_fields(struct pdf_state *ps, struct pdf_page *pg)
{
	struct rd_doc *doc = ps->doc;
	struct buf signer = BUF_INIT;

	for (size_t i = 0; i < pg->ns; i++) {
		const struct seg *s = &pg->s[i];
		const char *t;
		if (!s->stamp)
			continue;
		if (!doc->stamp_time && (t = find_stamp_time(s->text)) != NULL)
			doc->stamp_time = xstrdup(t);
		if (starts_ci(s->text, "Ký bởi") || starts_ci(s->text, "Được ký bởi") ||
		    starts_ci(s->text, "Người ký") || starts_ci(s->text, "Signed by") ||
		    starts_ci(s->text, "Ký số bởi")) {
			const char *colon = strchr(s->text, ':');
			const char *v = colon ? colon + 1 : s->text;
			while (*v == ' ')
				v++;
			buf_reset(&signer);
			buf_addstr(&signer, v);
			if (*v) {
				free(doc->stamp_signer);
				doc->stamp_signer = buf_detach(&signer, NULL);
			}
		} else if (!doc->stamp_signer && stamp_score(s->text) == 0) {
			/* an unlabelled stamp starts with the signing organisation's name */
			if (signer.len)
				buf_addch(&signer, ' ');
			buf_addstr(&signer, s->text);
		}
	}
	if (!doc->stamp_signer && signer.len)
		doc->stamp_signer = buf_detach(&signer, NULL);
	buf_release(&signer);
}

/* ---- layout ----------------------------------------------------------------------------- */

static int emit(struct pdf_state *ps, const struct pdf_page *pg, const struct seg *s, int page,
		double margin, int col, int row)
{
	unsigned flags = s->flags, indent = 0;
	double h = s->y2 - s->y1, mid = (s->x1 + s->x2) / 2;

	if (h > 0 && s->x1 > margin && col < 0)
		indent = (unsigned)((s->x1 - margin) / (0.5 * h));
	if (indent > 200)
		indent = 200;
	if (fabs(mid - pg->width / 2) < 0.04 * pg->width && s->x1 > margin + 2 * h)
		flags |= RD_CENTER;
	if (col >= 0)
		flags |= RD_TABLE;
	if (col < 0 && ps->last_col < 0 && ps->last_page == page && h > 0 && s->y1 - ps->last_y2 > 0.6 * h &&
	    rd_doc_add_line(ps->doc, "", 0, 0, 0, page, -1, -1) < 0)
		return rd_doc_limit_error(ps->doc, ps->err);
	if (rd_doc_add_line(ps->doc, s->text, strlen(s->text), indent, flags, page, col, row) < 0)
		return rd_doc_limit_error(ps->doc, ps->err);
	ps->body_lines++;
	ps->last_y2 = s->y2;
	ps->last_page = page;
	ps->last_col = col;
	return 0;
}

/* The column boundary of each physical line: the middle of the widest gap on lines with
 * several segments, else that of the nearest such line (within a few lines), else the
 * middle of the page. Segments are then left, right or across ('M') that boundary. */
static void classify_sides(struct pdf_page *pg, double *margin)
{
	double tol = 0.02 * pg->width;
	int nlines = pg->ns ? pg->s[pg->ns - 1].line + 1 : 0;
	double *bound = xcalloc((size_t)nlines + 1, sizeof(double));

	for (int l = 0; l < nlines; l++)
		bound[l] = -1;
	for (size_t k = 0; k + 1 < pg->ns; k++) {
		struct seg *a = &pg->s[k], *b = &pg->s[k + 1];
		double gap = b->x1 - a->x2;
		if (a->stamp || b->stamp || a->line != b->line)
			continue;
		/* keep the widest gap of the line */
		if (bound[a->line] < 0 || gap > 0) {
			double best = -1;
			for (size_t m = k; m + 1 < pg->ns && pg->s[m + 1].line == a->line; m++) {
				double g2 = pg->s[m + 1].x1 - pg->s[m].x2;
				if (!pg->s[m].stamp && !pg->s[m + 1].stamp && g2 > best) {
					best = g2;
					bound[a->line] = (pg->s[m].x2 + pg->s[m + 1].x1) / 2;
				}
			}
		}
		while (k + 1 < pg->ns && pg->s[k + 1].line == a->line)
			k++;
	}
	for (size_t k = 0; k < pg->ns; k++) {
		struct seg *s = &pg->s[k];
		double b = bound[s->line];
		if (s->stamp)
			continue;
		if (s->x1 < *margin)
			*margin = s->x1;
		for (int d = 1; b < 0 && d <= 6; d++) {
			if (s->line - d >= 0 && bound[s->line - d] >= 0)
				b = bound[s->line - d];
			else if (s->line + d < nlines && bound[s->line + d] >= 0)
				b = bound[s->line + d];
		}
		if (b < 0)
			b = pg->width / 2;
		if (bound[s->line] < 0 && fabs((s->x1 + s->x2) / 2 - pg->width / 2) < 0.05 * pg->width) {
			s->side = 'M'; /* a centred line alone (a title): across the page */
			continue;
		}
		s->side = s->x2 <= b + tol ? 'L' : s->x1 >= b - tol ? 'R' : 'M';
	}
	free(bound);
}

/* Emit the page: runs of lines whose segments all keep to one half of the page and that
 * use both halves (the header, the signature block) become a two-column table read column
 * by column; everything else is read line by line, left to right. */
static int page_emit(struct pdf_state *ps, struct pdf_page *pg, int page)
{
	double margin = pg->width;
	size_t i = 0;

	classify_sides(pg, &margin);
	while (i < pg->ns) {
		size_t j = i, end;
		int left = 0, right = 0, lines = 0, last_line = -1;
		double last_bottom = -1, h = 0;
		const struct seg *s0 = &pg->s[i], *prev = i > 0 ? &pg->s[i - 1] : NULL;

		if (s0->stamp) {
			i++;
			continue;
		}
		/* the short last line of a body paragraph is not the start of a column block */
		if (s0->side == 'L' && prev && !prev->stamp && prev->side == 'M' &&
		    prev->line == s0->line - 1 && s0->y1 - prev->y2 < 0.8 * (s0->y2 - s0->y1))
			goto single;
		/* the longest run of segments keeping to one side of the column boundary */
		while (j < pg->ns) {
			struct seg *s = &pg->s[j];
			char side = s->side;
			if (s->stamp) {
				j++;
				continue;
			}
			if (side == 'M') {
				/* a long item of the left column ("- Bộ ... (b/cáo);") running past
				 * the boundary, alone on its line, continues a block */
				int alone = (j == 0 || pg->s[j - 1].line != s->line) &&
					    (j + 1 >= pg->ns || pg->s[j + 1].line != s->line);
				if (lines == 0 || !alone || s->x2 > 0.75 * pg->width ||
				    s->x1 > margin + 2 * (s->y2 - s->y1))
					break;
				side = 'L';
			}
			if (s->line != last_line) {
				double lh = s->y2 - s->y1;
				/* the signer's name sits a few blank lines under the title */
				double maxgap = (side == 'R' ? 6.0 : 2.0) * fmax(lh, h);
				if (last_bottom >= 0 && s->y1 - last_bottom > maxgap)
					break;
				lines++;
				last_line = s->line;
				h = lh;
			}
			if (s->y2 > last_bottom)
				last_bottom = s->y2;
			left += side == 'L';
			right += side == 'R';
			j++;
		}
		end = j;
		if (left && right && lines >= 2) {
			for (size_t k = i; k < end; k++)
				if (pg->s[k].side == 'M')
					pg->s[k].side = 'L';
			for (int pass = 0; pass < 2; pass++)
				for (size_t k = i; k < end; k++) {
					struct seg *s = &pg->s[k];
					char side = pass ? 'R' : 'L';
					if (s->stamp || s->side != side)
						continue;
					/* pieces of one cell line ("Số:" ... "/TB-UBND" around a blank
					 * left for the number) are one line */
					while (k + 1 < end && pg->s[k + 1].line == s->line &&
					       pg->s[k + 1].side == side && !pg->s[k + 1].stamp) {
						char *joined = xasprintf("%s %s", s->text, pg->s[k + 1].text);
						free(s->text);
						s->text = joined;
						s->x2 = pg->s[k + 1].x2;
						pg->s[k + 1].stamp = 1; /* consumed */
						k++;
					}
					if (emit(ps, pg, s, page, margin, pass, ps->table_row) < 0)
						return -1;
				}
			ps->table_row++;
			i = end;
			continue;
		}
		/* not a two-column run: the first line on its own */
single:
		{
			int line = pg->s[i].line;
			while (i < pg->ns && pg->s[i].line == line) {
				if (!pg->s[i].stamp && emit(ps, pg, &pg->s[i], page, margin, -1, -1) < 0)
					return -1;
				i++;
			}
		}
	}
	return 0;
}

/* Release the fields validated: wait (up to 2 s) until the GIO task of each has dropped its
 * reference, so that ours is the last and the field, and with it the document, is finalised
 * in this thread. Finalised in the task's thread, a document could tear down poppler's global
 * state while the process was exiting (a crash seen in 4 of 80 runs under load). */
static void release_validated(GPtrArray *validated)
{
	for (guint i = 0; i < validated->len; i++) {
		GObject *o = g_ptr_array_index(validated, i);
		for (int k = 0; k < 2000 && g_atomic_int_get(&o->ref_count) > 1; k++) {
			struct timespec ts = {0, 1000000};
			nanosleep(&ts, NULL);
		}
	}
	g_ptr_array_unref(validated);
}

/* Signed PDFs usually draw their stamp in signature widgets, outside the page text: take
 * the signer and time from the signature fields, the most recent signature winning (the
 * office's publication stamp comes last). No certificate validation, no network. */
static void signature_fields(struct rd_doc *doc, PopplerPage *page, GDateTime **latest,
			     GPtrArray *validated)
{
	GList *fields = poppler_page_get_form_field_mapping(page);

	for (GList *l = fields; l; l = l->next) {
		PopplerFormFieldMapping *m = l->data;
		PopplerSignatureInfo *si;
		GDateTime *t;
		const char *name;
		if (poppler_form_field_get_field_type(m->field) != POPPLER_FORM_FIELD_SIGNATURE)
			continue;
		/* validate_sync runs in a GIO worker thread whose task may drop the last
		 * reference to the field (and so the document) after we return: keep our own
		 * reference until the whole document is done, and release it only once the
		 * task's is gone (release_validated), so the final release happens here */
		g_ptr_array_add(validated, g_object_ref(m->field));
		si = poppler_form_field_signature_validate_sync(m->field, 0, NULL, NULL);
		if (!si)
			continue;
		t = poppler_signature_info_get_local_signing_time(si);
		name = poppler_signature_info_get_signer_name(si);
		if (name && *name && t && (!*latest || g_date_time_compare(t, *latest) > 0)) {
			/* the zone poppler reports is not reliable: the wall-clock time only */
			gchar *ts = g_date_time_format(t, "%d.%m.%Y %H:%M:%S");
			if (*latest)
				g_date_time_unref(*latest);
			*latest = g_date_time_ref(t);
			free(doc->stamp_signer);
			free(doc->stamp_time);
			doc->stamp_signer = xstrdup(name);
			doc->stamp_time = ts ? xstrdup(ts) : NULL;
			g_free(ts);
		}
		poppler_signature_info_free(si);
	}
	poppler_page_free_form_field_mapping(fields);
}

static void page_release(struct pdf_page *pg)
{
	for (size_t i = 0; i < pg->ns; i++)
		free(pg->s[i].text);
	free(pg->s);
	free(pg->g);
	memset(pg, 0, sizeof(*pg));
}

/* ---- ruled tables ------------------------------------------------------------------------ */

/* The text of a page (or of a part of one) read as lines and two-column blocks. */
static int page_text(struct pdf_state *ps, struct pdf_page *pg, int page)
{
	int rc = page_segments(ps, pg);

	if (rc == 0) {
		mark_stamps(ps, pg);
		stamp_fields(ps, pg);
		rc = page_emit(ps, pg, page);
	}
	return rc;
}

static void sub_add(struct pdf_page *sub, const struct glyph *g)
{
	XGROW(sub->g, sub->ng + 1, sub->cg);
	sub->g[sub->ng++] = *g;
}

/* A table's cells as RD_TABLE lines: a cell's text one line, with the cell's column and the
 * table's running row. */
static int emit_table(struct pdf_state *ps, const struct pdf_page *pg, const int *where, int t,
		      const struct pdf_table *tb, int page)
{
	int *cellof = xmalloc((pg->ng ? pg->ng : 1) * sizeof(int));
	int rc = 0;

	for (size_t k = 0; k < pg->ng; k++) {
		double cx = (pg->g[k].x1 + pg->g[k].x2) / 2, cy = (pg->g[k].y1 + pg->g[k].y2) / 2, best = -1;
		cellof[k] = -1;
		if (where[k] != t)
			continue;
		/* the cell holding its centre, else the nearest of its band */
		for (size_t c = 0; c < tb->ncells; c++) {
			const struct pdf_cell *cl = &tb->cells[c];
			double dx = cx < cl->x1 ? cl->x1 - cx : cx > cl->x2 ? cx - cl->x2 : 0;
			if (cy < cl->y1 || cy > cl->y2)
				continue;
			if (cellof[k] < 0 || dx < best) {
				cellof[k] = (int)c;
				best = dx;
			}
		}
	}
	for (size_t c = 0; c < tb->ncells && rc == 0; c++) {
		struct pdf_page sub = {0};
		const struct pdf_cell *cl = &tb->cells[c];
		sub.width = pg->width;
		sub.height = pg->height;
		for (size_t k = 0; k < pg->ng; k++)
			if (cellof[k] == (int)c)
				sub_add(&sub, &pg->g[k]);
		if (sub.ng)
			rc = page_segments(ps, &sub);
		if (rc == 0 && sub.ns) {
			/* the cell's lines are its text wrapped: one line, joined by spaces */
			unsigned flags = RD_BOLD | RD_ITALIC;
			buf_reset(&ps->tmp);
			for (size_t i = 0; i < sub.ns && rc == 0; i++) {
				if ((i > 0 && buf_addch(&ps->tmp, ' ') < 0) || buf_addstr(&ps->tmp, sub.s[i].text) < 0)
					rc = dd_error_code(ps->err, DD_ERR_DATA, "too much text (limit %zu bytes)",
							   ps->lim->max_text);
				flags &= sub.s[i].flags;
			}
			if (rc == 0 && rd_doc_add_line(ps->doc, buf_str(&ps->tmp), ps->tmp.len, 0, flags | RD_TABLE,
							page, cl->col, ps->table_row + cl->row) < 0)
				rc = rd_doc_limit_error(ps->doc, ps->err);
			if (rc == 0) {
				ps->body_lines++;
				ps->last_col = cl->col;
			}
		}
		page_release(&sub);
	}
	ps->table_row += tb->nrows;
	free(cellof);
	return rc;
}

/* A page with ruled tables: the text above, between and below them read as usual, each
 * table cell by cell. */
static int page_with_tables(struct pdf_state *ps, struct pdf_page *pg, const struct pdf_grid *grid,
			    int page)
{
	int *where = xmalloc((pg->ng ? pg->ng : 1) * sizeof(int));
	int rc = 0;

	for (size_t k = 0; k < pg->ng; k++) {
		double cx = (pg->g[k].x1 + pg->g[k].x2) / 2, cy = (pg->g[k].y1 + pg->g[k].y2) / 2;
		where[k] = -1;
		for (size_t t = 0; t < grid->n && where[k] < 0; t++)
			if (cx >= grid->t[t].x1 - 1 && cx <= grid->t[t].x2 + 1 && cy >= grid->t[t].y1 &&
			    cy <= grid->t[t].y2)
				where[k] = (int)t;
	}
	for (size_t t = 0; t <= grid->n && rc == 0; t++) {
		/* the text before table t (below table t-1): what lies beside a table comes after it */
		double top = t ? grid->t[t - 1].y1 : -1, bottom = t < grid->n ? grid->t[t].y1 : pg->height + 1;
		struct pdf_page sub = {0};
		sub.width = pg->width;
		sub.height = pg->height;
		for (size_t k = 0; k < pg->ng; k++) {
			double cy = (pg->g[k].y1 + pg->g[k].y2) / 2;
			if (where[k] < 0 && cy >= top && cy < bottom)
				sub_add(&sub, &pg->g[k]);
		}
		if (sub.ng)
			rc = page_text(ps, &sub, page);
		page_release(&sub);
		if (rc == 0 && t < grid->n)
			rc = emit_table(ps, pg, where, (int)t, &grid->t[t], page);
	}
	free(where);
	return rc;
}

/* The ruled tables of a page (none when the page has too little text for one, or cairo is
 * missing: then the page reads as before, line by line). */
static void page_grid(struct pdf_state *ps, PopplerPage *page, const struct pdf_page *pg,
		      struct pdf_grid *grid)
{
	struct ocr_lines_image img;
	struct dd_error e = {0};

	memset(grid, 0, sizeof(*grid));
	if (ps->grid_off || pg->ng < 12 || !(pg->table_head || ps->table_before))
		return;
	if (ocr_render_lines(page, 72, &img, &e) < 0) {
		if (e.code == DD_ERR_UNAVAILABLE)
			ps->grid_off = 1;
		return;
	}
	pdf_grid_find(img.px, img.w, img.h, img.scale, grid);
	free(img.px);
	ps->table_before = grid->n > 0; /* a table may go on over the next page */
}

/* Whether a page of pdoc carries an annotation a signing tool may have drawn text with:
 * form widgets (signatures and fields), free text, stamps. Links and pop-ups draw none. */
static int has_drawn_annots(PopplerDocument *pdoc, int npages)
{
	int found = 0;

	for (int i = 0; i < npages && !found; i++) {
		PopplerPage *page = poppler_document_get_page(pdoc, i);
		GList *annots;
		if (!page)
			continue;
		annots = poppler_page_get_annot_mapping(page);
		for (GList *l = annots; l && !found; l = l->next) {
			PopplerAnnotMapping *m = l->data;
			PopplerAnnotType t = poppler_annot_get_annot_type(m->annot);
			found = t == POPPLER_ANNOT_WIDGET || t == POPPLER_ANNOT_FREE_TEXT || t == POPPLER_ANNOT_STAMP;
		}
		poppler_page_free_annot_mapping(annots);
		g_object_unref(page);
	}
	return found;
}

/* Whether the pages of pdoc carry text other than signature stamps (a scan carries none).
 * Decided on the document as made, before its annotations are flattened into it: the
 * number a signing tool stamps on a scan does not make the scan a text PDF. */
static int has_body_text(struct pdf_state *ps, PopplerDocument *pdoc, int npages)
{
	int stamp_seen = ps->stamp_seen, found = 0;

	for (int i = 0; i < npages && !found; i++) {
		PopplerPage *page = poppler_document_get_page(pdoc, i);
		struct pdf_page pg;
		if (!page)
			continue;
		memset(&pg, 0, sizeof(pg));
		poppler_page_get_size(page, &pg.width, &pg.height);
		if (page_glyphs(page, &pg) == 0 && page_segments(ps, &pg) == 0) {
			mark_stamps(ps, &pg);
			for (size_t k = 0; k < pg.ns && !found; k++)
				found = !pg.s[k].stamp;
		} else {
			found = 1; /* too much text: the reading proper says so */
		}
		g_object_unref(page);
		page_release(&pg);
	}
	ps->stamp_seen = stamp_seen;
	return found;
}

/* The annotations of a text PDF flattened into its pages (pdfflat.h), opened; NULL when
 * there is nothing to flatten, or flattening failed (said in a warning: the text is then
 * read without them). */
static PopplerDocument *open_flattened(struct pdf_state *ps, const char *data, size_t n, int npages,
				       PopplerDocument *pdoc, char **flat, GBytes **fbytes)
{
	struct dd_error ferr = {0};
	PopplerDocument *fdoc = NULL;
	size_t nflat = 0;

	if (!has_drawn_annots(pdoc, npages) || !has_body_text(ps, pdoc, npages))
		return NULL;
	if (pdf_flatten(data, n, 0, flat, &nflat, &ferr) == 0) {
		*fbytes = g_bytes_new_static(*flat, nflat);
		fdoc = poppler_document_new_from_bytes(*fbytes, NULL, NULL);
		if (fdoc && poppler_document_get_n_pages(fdoc) == npages)
			return fdoc;
		if (fdoc)
			g_object_unref(fdoc);
		snprintf(ferr.msg, sizeof(ferr.msg), "the flattened copy does not open as the same PDF");
	}
	{
		char w[sizeof(ferr.msg) + 80];
		snprintf(w, sizeof(w), "text drawn by the PDF's annotations (form fields, stamps) not read: %s",
			 ferr.msg);
		rd_doc_add_warning(ps->doc, w);
	}
	return NULL;
}

int rd_read_pdf(const char *data, size_t n, const struct rd_limits *lim, struct rd_doc *doc,
		struct dd_error *err)
{
	struct pdf_state ps;
	GBytes *bytes = NULL;
	GError *gerr = NULL;
	PopplerDocument *pdoc = NULL, *fdoc = NULL;
	GBytes *fbytes = NULL;
	char *flat = NULL;
	GDateTime *latest = NULL;
	GPtrArray *validated;
	int npages, ret = -1;

	if (popplerlib_load(err) < 0)
		return -1;
	validated = g_ptr_array_new_with_free_func(g_object_unref);
	if (!lim)
		lim = &rd_limits_default;
	memset(&ps, 0, sizeof(ps));
	ps.doc = doc;
	ps.lim = lim;
	ps.err = err;
	buf_init(&ps.tmp, lim->max_text);
	buf_init(&ps.nfc, lim->max_text);
	doc->report.encoding = VN_ENC_UTF8;
	bytes = g_bytes_new_static(data, n);
	pdoc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
	if (!pdoc) {
		if (gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED)
			dd_error_code(err, DD_ERR_DATA, "password-protected PDF (not supported)");
		else
			dd_error_code(err, DD_ERR_DATA, "corrupt or truncated PDF (%s)",
				      gerr && gerr->message ? gerr->message : "cannot open");
		goto out;
	}
	npages = poppler_document_get_n_pages(pdoc);
	if (npages <= 0) {
		dd_error_code(err, DD_ERR_DATA, "PDF has no pages");
		goto out;
	}
	if (lim->max_pages && (unsigned)npages > lim->max_pages) {
		dd_error_code(err, DD_ERR_DATA, "PDF has too many pages (%d, limit %u)", npages, lim->max_pages);
		goto out;
	}
	/* text stamped by signing tools (the number, the day of the date) is in annotations */
	fdoc = open_flattened(&ps, data, n, npages, pdoc, &flat, &fbytes);
	for (int i = 0; i < npages; i++) {
		PopplerPage *page = poppler_document_get_page(fdoc ? fdoc : pdoc, i);
		struct pdf_page pg;
		struct pdf_grid grid = {0};
		int rc;
		if (!page)
			continue;
		memset(&pg, 0, sizeof(pg));
		poppler_page_get_size(page, &pg.width, &pg.height);
		rc = page_glyphs(page, &pg);
		if (rc == 0 && !ps.stamp_seen) {
			/* the signature fields are those of the document as made */
			PopplerPage *orig = fdoc ? poppler_document_get_page(pdoc, i) : g_object_ref(page);
			if (orig) {
				signature_fields(doc, orig, &latest, validated);
				g_object_unref(orig);
			}
		}
		if (rc == 0)
			page_grid(&ps, page, &pg, &grid);
		g_object_unref(page);
		if (rc == 0)
			rc = grid.n ? page_with_tables(&ps, &pg, &grid, i + 1) : page_text(&ps, &pg, i + 1);
		pdf_grid_release(&grid);
		page_release(&pg);
		if (rc < 0)
			goto out;
	}
	if (ps.body_lines == 0) {
		/* a scan (its only text a signature stamp, kept above for the signer and time): OCR */
		struct ocr_opts o = ocr_opts_default;
		if (lim->max_pages && lim->max_pages < o.max_pages)
			o.max_pages = lim->max_pages;
		if (ocr_pdf(data, n, &o, doc, err) < 0)
			goto out;
	}
	if (ps.stamp_seen)
		rd_doc_add_warning(doc, "digital-signature stamp text kept out of the body");
	ret = 0;
out:
	release_validated(validated);
	if (latest)
		g_date_time_unref(latest);
	if (gerr)
		g_error_free(gerr);
	if (fdoc)
		g_object_unref(fdoc);
	if (fbytes)
		g_bytes_unref(fbytes);
	free(flat);
	if (pdoc)
		g_object_unref(pdoc);
	if (bytes)
		g_bytes_unref(bytes);
	buf_release(&ps.tmp);
	buf_release(&ps.nfc);
	return ret;
}
