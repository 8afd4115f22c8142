/* ocr.c - OCR engine: pages rendered (poppler + cairo) or decoded (leptonica), recognised by
 * Tesseract in worker threads (one TessBaseAPI each), collected in page order into rd_doc */
#include "ocr.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cairo.h>
#include <leptonica/allheaders.h>
#include <poppler.h>
#include <tesseract/capi.h>

#include "ocr_int.h"
#include "ocrlib.h"
#include "util/buf.h"
#include "util/log.h"
#include "util/xalloc.h"

const struct ocr_opts ocr_opts_default = {
	.lang = "vie",
	.datapath = NULL,
	.dpi = 300,
	.max_pages = 200,
	.max_side = 12000,
	.max_pixels = 40u * 1000 * 1000,
	.page_seconds = 120,
	.threads = 0,
	.progress = -1,
	.drop_color = 1,
};

#define MAX_THREADS 8
#define MAX_WORDS 100000 /* per page */
#define MIN_DPI 100

enum page_state { PAGE_PENDING = 0, PAGE_OK, PAGE_EMPTY, PAGE_TIMEOUT };

/* A page image: 8-bit grey, one byte per pixel, rows of w bytes. */
struct gray {
	unsigned char *px;
	int w, h, ppi;
};

struct run {
	const struct ocr_opts *o;
	PopplerDocument *pdoc;        /* PDF source, or NULL */
	const unsigned char *data;    /* image source */
	size_t n;
	int tiff;
	int npages;
	struct ocr_page *pages;
	const char *name;
	int progress;
	pthread_mutex_t mu;           /* next, done, stop, err, progress output */
	pthread_mutex_t render_mu;    /* poppler is used by one thread at a time */
	int next, done, stop;
	struct dd_error err;          /* the first fatal error */
};

/* ---- page images ------------------------------------------------------------------------ */

static unsigned char to_gray(unsigned r, unsigned g, unsigned b, int drop_color)
{
	/* the brightest channel: black print stays black, red seals and blue signatures fade */
	if (drop_color) {
		unsigned m = r > g ? r : g;
		return (unsigned char)(m > b ? m : b);
	}
	return (unsigned char)((r * 299 + g * 587 + b * 114) / 1000);
}

/* 600 dpi scans are halved: Tesseract reads 300 dpi best, four times faster. */
static void maybe_halve(struct gray *g)
{
	int w2 = g->w / 2, h2 = g->h / 2;

	if (g->ppi < 450 || w2 < 1 || h2 < 1)
		return;
	for (int y = 0; y < h2; y++) {
		const unsigned char *a = g->px + (size_t)(2 * y) * (size_t)g->w;
		const unsigned char *b = a + g->w;
		unsigned char *d = g->px + (size_t)y * (size_t)w2;
		for (int x = 0; x < w2; x++)
			d[x] = (unsigned char)((a[2 * x] + a[2 * x + 1] + b[2 * x] + b[2 * x + 1] + 2) / 4);
	}
	g->w = w2;
	g->h = h2;
	g->ppi /= 2;
}

static int check_size(const struct ocr_opts *o, long w, long h, int page, struct dd_error *err)
{
	if (w <= 0 || h <= 0)
		return dd_error_code(err, DD_ERR_DATA, "page %d: image has no pixels", page);
	if ((o->max_side && (w > (long)o->max_side || h > (long)o->max_side)) ||
	    (o->max_pixels && (double)w * (double)h > (double)o->max_pixels))
		return dd_error_code(err, DD_ERR_DATA,
				     "page %d: image too large (%ldx%ld pixels, limit %u a side and %zu in all)",
				     page, w, h, o->max_side, o->max_pixels);
	return 0;
}

/* The resolution page i is rendered at: the wanted one, lower for a large page (down to
 * MIN_DPI, below which the page is refused). */
static int page_dpi(PopplerDocument *pdoc, int i, const struct ocr_opts *o, double *dpi,
		   struct dd_error *err)
{
	PopplerPage *page = poppler_document_get_page(pdoc, i);
	double wpt = 0, hpt = 0;

	if (!page)
		return dd_error_code(err, DD_ERR_DATA, "page %d cannot be read", i + 1);
	poppler_page_get_size(page, &wpt, &hpt);
	g_object_unref(page);
	if (!(wpt >= 1 && hpt >= 1 && wpt < 1e6 && hpt < 1e6))
		return dd_error_code(err, DD_ERR_DATA, "page %d has no usable size", i + 1);
	double want = o->dpi ? o->dpi : 300;

	*dpi = want;
	if (o->max_side)
		*dpi = fmin(*dpi, (double)o->max_side * 72.0 / fmax(wpt, hpt));
	if (o->max_pixels)
		*dpi = fmin(*dpi, 72.0 * sqrt((double)o->max_pixels / (wpt * hpt)));
	if (*dpi < fmin(MIN_DPI, want))
		return dd_error_code(err, DD_ERR_DATA, "page %d too large for OCR (%.0fx%.0f pt)", i + 1,
				     wpt, hpt);
	return 0;
}

/* Signed PDFs draw their stamps in form widgets over the scan: hidden, the scan shows. */
static void hide_widgets(PopplerPage *page)
{
	GList *annots = poppler_page_get_annot_mapping(page);

	for (GList *l = annots; l; l = l->next) {
		PopplerAnnotMapping *m = l->data;
		if (poppler_annot_get_annot_type(m->annot) == POPPLER_ANNOT_WIDGET)
			poppler_annot_set_flags(m->annot, poppler_annot_get_flags(m->annot) | POPPLER_ANNOT_FLAG_HIDDEN);
	}
	poppler_page_free_annot_mapping(annots);
}

/* Render page at scale (pixels per point) into g->px (w x h, 8-bit gray), its widgets hidden
 * and the text the PDF draws itself painted white: what is left is the scan, or the lines and
 * pictures of a text page. */
static int render_gray(PopplerPage *page, double scale, long w, long h, int drop_color, int for_lines,
		       struct gray *g, int pageno, struct dd_error *err)
{
	cairo_surface_t *surf = NULL;
	cairo_t *cr = NULL;
	PopplerRectangle *rects = NULL;
	guint nrects = 0;

	surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w, (int)h);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(surf);
		return dd_error_code(err, DD_ERR_RUNTIME, "page %d: cannot allocate a %ldx%ld image", pageno,
				     w, h);
	}
	if (!poppler_page_get_text_layout(page, &rects, &nrects))
		nrects = 0;
	hide_widgets(page);
	cr = cairo_create(surf);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	if (for_lines)
		poppler_page_render(page, cr); /* on screen, a hairline is a pixel wide: it shows */
	else
		poppler_page_render_for_printing_with_options(page, cr, POPPLER_PRINT_DOCUMENT);
	/* text the PDF draws itself (a signature stamp) is painted over: the PDF reader has it */
	if (nrects) {
		cairo_set_source_rgb(cr, 1, 1, 1);
		/* for the lines, the glyphs' boxes alone, not the spaces between words: a cell's
		 * text sits close to its rules, and poppler's space between two cells' words spans
		 * the rule between them */
		double pad = for_lines ? 0 : 1;
		char *text = for_lines ? poppler_page_get_text(page) : NULL;
		const char *p = text;
		for (guint k = 0; k < nrects; k++) {
			if (p) {
				gunichar c = *p ? g_utf8_get_char(p) : 0;
				if (*p)
					p = g_utf8_find_next_char(p, NULL);
				if (c == 0 || c == ' ' || c == '\n' || c == '\t' || c == 0xA0)
					continue;
			}
			cairo_rectangle(cr, rects[k].x1 - pad, rects[k].y1 - pad, rects[k].x2 - rects[k].x1 + 2 * pad,
					rects[k].y2 - rects[k].y1 + 2 * pad);
		}
		g_free(text);
		cairo_fill(cr);
	}
	cairo_surface_flush(surf);
	{
		const unsigned char *data = cairo_image_surface_get_data(surf);
		int stride = cairo_image_surface_get_stride(surf);
		g->w = (int)w;
		g->h = (int)h;
		g->ppi = (int)lround(scale * 72.0);
		g->px = xmalloc((size_t)w * (size_t)h);
		for (long y = 0; y < h; y++) {
			const uint32_t *row = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
			unsigned char *d = g->px + (size_t)y * (size_t)w;
			for (long x = 0; x < w; x++)
				d[x] = to_gray((row[x] >> 16) & 0xff, (row[x] >> 8) & 0xff, row[x] & 0xff,
					       drop_color);
		}
	}
	g_free(rects);
	cairo_destroy(cr);
	cairo_surface_destroy(surf);
	return 0;
}

static int render_pdf_page(struct run *R, int i, struct gray *g, struct dd_error *err)
{
	const struct ocr_opts *o = R->o;
	PopplerPage *page = NULL;
	double wpt = 0, hpt = 0, dpi = 300, scale;
	long w, h;
	int ret = -1;

	pthread_mutex_lock(&R->render_mu);
	page = poppler_document_get_page(R->pdoc, i);
	if (!page) {
		dd_error_code(err, DD_ERR_DATA, "page %d cannot be read", i + 1);
		goto out;
	}
	poppler_page_get_size(page, &wpt, &hpt);
	if (page_dpi(R->pdoc, i, o, &dpi, err) < 0)
		goto out;
	scale = dpi / 72.0;
	w = (long)floor(wpt * scale);
	h = (long)floor(hpt * scale);
	if (check_size(o, w, h, i + 1, err) < 0)
		goto out;
	ret = render_gray(page, scale, w, h, o->drop_color, 0, g, i + 1, err);
out:
	if (page)
		g_object_unref(page);
	pthread_mutex_unlock(&R->render_mu);
	return ret;
}

int ocr_render_lines(struct _PopplerPage *page, double dpi, struct ocr_lines_image *img,
		     struct dd_error *err)
{
	double wpt = 0, hpt = 0, scale = dpi / 72.0;
	struct gray g = {0};
	long w, h;

	memset(img, 0, sizeof(*img));
	if (ocrlib_load_cairo(err) < 0)
		return -1;
	poppler_page_get_size(page, &wpt, &hpt);
	w = (long)floor(wpt * scale);
	h = (long)floor(hpt * scale);
	if (w <= 0 || h <= 0 || w > 20000 || h > 20000 || w * h > 40000000L)
		return dd_error_code(err, DD_ERR_DATA, "page of %.0fx%.0f pt too large to look for tables", wpt,
				     hpt);
	if (render_gray(page, scale, w, h, 0, 1, &g, 0, err) < 0)
		return -1;
	img->px = g.px;
	img->w = g.w;
	img->h = g.h;
	img->scale = scale;
	return 0;
}

/* libpng and libjpeg, under leptonica, print their complaints about a damaged file on
 * stderr, and leptonica offers no hook to stop them: while an image is decoded, stderr is
 * pointed at /dev/null (one decoder at a time; the error is reported our way instead). */
static pthread_mutex_t quiet_mu = PTHREAD_MUTEX_INITIALIZER;

static int quiet_begin(void)
{
	int saved, nul;

	pthread_mutex_lock(&quiet_mu);
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	nul = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (saved >= 0 && nul >= 0)
		dup2(nul, STDERR_FILENO);
	if (nul >= 0)
		close(nul);
	return saved;
}

static void quiet_end(int saved)
{
	if (saved >= 0) {
		dup2(saved, STDERR_FILENO);
		close(saved);
	}
	pthread_mutex_unlock(&quiet_mu);
}

static int decode_image_page(struct run *R, int i, struct gray *g, struct dd_error *err)
{
	const struct ocr_opts *o = R->o;
	PIX *pix = NULL, *p32 = NULL;
	l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0, res = 0;
	int ret = -1;

	int quiet = quiet_begin();

	/* the size from the header first: nothing is decoded past the limits */
	if (R->tiff) {
		if (readHeaderMemTiff(R->data, R->n, i, &w, &h, &bps, &spp, &res, &cmap, &format) != 0) {
			dd_error_code(err, DD_ERR_DATA, "page %d: corrupt or unsupported TIFF", i + 1);
			goto out;
		}
	} else if (pixReadHeaderMem(R->data, R->n, &format, &w, &h, &bps, &spp, &cmap) != 0) {
		dd_error_code(err, DD_ERR_DATA, "corrupt or unsupported image (nothing to OCR)");
		goto out;
	}
	if (check_size(o, w, h, i + 1, err) < 0)
		goto out;
	pix = R->tiff ? pixReadMemTiff(R->data, R->n, i) : pixReadMem(R->data, R->n);
	quiet_end(quiet);
	quiet = -2;
	if (!pix || pixGetWidth(pix) != w || pixGetHeight(pix) != h) {
		dd_error_code(err, DD_ERR_DATA, "page %d: corrupt or truncated image", i + 1);
		goto out;
	}
	p32 = pixConvertTo32(pix);
	if (!p32) {
		dd_error_code(err, DD_ERR_DATA, "page %d: unsupported pixel format", i + 1);
		goto out;
	}
	g->w = w;
	g->h = h;
	g->ppi = pixGetXRes(pix);
	if (g->ppi < 70 || g->ppi > 2400)
		g->ppi = 300; /* unknown or implausible: assume a usual scan */
	g->px = xmalloc((size_t)w * (size_t)h);
	{
		const l_uint32 *data = pixGetData(p32);
		l_int32 wpl = pixGetWpl(p32);
		for (l_int32 y = 0; y < h; y++) {
			const l_uint32 *row = data + (size_t)y * (size_t)wpl;
			unsigned char *d = g->px + (size_t)y * (size_t)w;
			for (l_int32 x = 0; x < w; x++)
				d[x] = to_gray((row[x] >> L_RED_SHIFT) & 0xff, (row[x] >> L_GREEN_SHIFT) & 0xff,
					       (row[x] >> L_BLUE_SHIFT) & 0xff, o->drop_color);
		}
	}
	maybe_halve(g);
	ret = 0;
out:
	if (quiet != -2)
		quiet_end(quiet);
	pixDestroy(&p32);
	pixDestroy(&pix);
	return ret;
}

/* ---- recognition ------------------------------------------------------------------------ */

struct watch {
	struct timespec deadline;
	int limited, expired;
};

static bool cancel_cb(void *arg, int words)
{
	struct watch *wt = arg;
	struct timespec now;

	(void)words;
	if (!wt->limited)
		return false;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec > wt->deadline.tv_sec ||
	    (now.tv_sec == wt->deadline.tv_sec && now.tv_nsec >= wt->deadline.tv_nsec))
		wt->expired = 1;
	return wt->expired;
}

/* The page segmentation of every page: one column of text of varying sizes. On the shared
 * scans it kept the lines beside a seal or a signature that PSM_SINGLE_BLOCK (the library's
 * default) ran together or lost, and did not break up the subject or the recipient list as
 * PSM_AUTO did: 127, 124 and 125 of 132 values right. Before this was set, a worker's pages
 * after one with a weak line ran in PSM_AUTO, the others in the default: the result depended
 * on which worker took a page. */
#define OCR_PSM PSM_SINGLE_COLUMN

static TessBaseAPI *api_new(const struct ocr_opts *o, struct dd_error *err)
{
	TessBaseAPI *api = TessBaseAPICreate();
	const char *lang = o->lang ? o->lang : "vie";

	/* Tesseract's own diagnostics ("Estimating resolution ...") are not for our users */
	TessBaseAPISetVariable(api, "debug_file", "/dev/null");
	if (TessBaseAPIInit3(api, o->datapath, lang) != 0) {
		TessBaseAPIDelete(api);
		dd_error_code(err, DD_ERR_RUNTIME,
			      "cannot load the OCR language data '%s' (install tesseract-ocr-%s)", lang, lang);
		return NULL;
	}
	/* the same mode for every page; the re-reading of weak lines sets it back after itself */
	TessBaseAPISetPageSegMode(api, OCR_PSM);
	return api;
}

/* Append the words Tesseract recognised (line numbers from line_base on). */
static void collect_words(TessBaseAPI *api, struct ocr_word **pw, size_t *pn, size_t *pc, int line_base)
{
	TessResultIterator *ri = TessBaseAPIGetIterator(api);
	TessPageIterator *pi;
	int block = -1, line = line_base - 1;

	if (!ri)
		return;
	pi = TessResultIteratorGetPageIterator(ri);
	do {
		struct ocr_word *w;
		char *t;
		int x1, y1, x2, y2;
		if (TessPageIteratorIsAtBeginningOf(pi, RIL_BLOCK))
			block++;
		if (TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE))
			line++;
		t = TessResultIteratorGetUTF8Text(ri, RIL_WORD);
		if (!t)
			continue;
		if (!*t || *pn >= MAX_WORDS || !TessPageIteratorBoundingBox(pi, RIL_WORD, &x1, &y1, &x2, &y2)) {
			TessDeleteText(t);
			continue;
		}
		XGROW(*pw, *pn + 1, *pc);
		w = &(*pw)[(*pn)++];
		w->x1 = x1;
		w->y1 = y1;
		w->x2 = x2;
		w->y2 = y2;
		w->block = line_base ? line_base : block;
		w->line = line;
		w->conf = TessResultIteratorConfidence(ri, RIL_WORD);
		w->text = xstrdup(t);
		TessDeleteText(t);
	} while (TessResultIteratorNext(ri, RIL_WORD));
	TessResultIteratorDelete(ri);
}

struct line_box {
	int x1, y1, x2, y2, line;
	double conf;
	size_t first, n;
};

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* Lines Tesseract read with little confidence (a bold italic "Nơi nhận:" merged with the line
 * under it) are read again on their own as a block; what the second reading finds on the
 * rows of other, confident lines is left out, and it replaces the first only when it is much
 * more confident. */
static void retry_weak_lines(TessBaseAPI *api, const struct gray *g, ETEXT_DESC *mon,
			     struct ocr_word **pw, size_t *pn, size_t *pc)
{
	struct line_box *lb = NULL;
	size_t nl = 0, cl = 0, n0 = *pn, retries = 0;
	int base = 1000000, tall;

	for (size_t i = 0; i < n0; i++) {
		struct ocr_word *w = &(*pw)[i];
		struct line_box *b = nl ? &lb[nl - 1] : NULL;
		const struct ocr_word *prev = i ? &(*pw)[i - 1] : NULL;
		/* a wide gap starts another piece, as in the layout */
		int gap = prev && prev->line == w->line &&
			  w->x1 - prev->x2 > fmax(1.5 * (w->y2 - w->y1), 0.025 * g->w);
		if (!b || b->line != w->line || gap) {
			XGROW(lb, nl + 1, cl);
			b = &lb[nl++];
			b->x1 = w->x1;
			b->y1 = w->y1;
			b->x2 = w->x2;
			b->y2 = w->y2;
			b->line = w->line;
			b->conf = 0;
			b->first = i;
			b->n = 0;
		}
		b->x1 = w->x1 < b->x1 ? w->x1 : b->x1;
		b->y1 = w->y1 < b->y1 ? w->y1 : b->y1;
		b->x2 = w->x2 > b->x2 ? w->x2 : b->x2;
		b->y2 = w->y2 > b->y2 ? w->y2 : b->y2;
		b->conf += w->conf;
		b->n++;
	}
	for (size_t k = 0; k < nl; k++)
		lb[k].conf /= (double)lb[k].n;
	/* the usual height of a word: seals and signatures are much taller and not worth it */
	{
		int *hs = xcalloc(n0 + 1, sizeof(int));
		for (size_t i = 0; i < n0; i++)
			hs[i] = (*pw)[i].y2 - (*pw)[i].y1;
		qsort(hs, n0, sizeof(int), cmp_int);
		tall = n0 ? 3 * hs[n0 / 2] : 0;
		free(hs);
	}
	for (size_t k = 0; k < nl && retries < 8; k++) {
		struct line_box *b = &lb[k];
		int h = b->y2 - b->y1, pad = 8, x, y, w, hh;
		size_t start = *pn, kept = 0;
		double conf = 0;
		if (b->conf >= 40 || b->x2 - b->x1 < 2 * h || h < 10 || h > tall)
			continue;
		retries++;
		x = b->x1 - pad > 0 ? b->x1 - pad : 0;
		y = b->y1 - pad > 0 ? b->y1 - pad : 0;
		w = (b->x2 + pad < g->w ? b->x2 + pad : g->w) - x;
		hh = (b->y2 + pad < g->h ? b->y2 + pad : g->h) - y;
		TessBaseAPISetPageSegMode(api, PSM_SINGLE_BLOCK);
		TessBaseAPISetRectangle(api, x, y, w, hh);
		if (TessBaseAPIRecognize(api, mon) != 0)
			break;
		collect_words(api, pw, pn, pc, base);
		/* keep the new words that are not on the row of another, confident line */
		for (size_t i = start; i < *pn; i++) {
			struct ocr_word *nw = &(*pw)[i];
			int cy = (nw->y1 + nw->y2) / 2, other = 0;
			for (size_t m = 0; m < nl && !other; m++)
				other = m != k && lb[m].conf >= 60 && cy >= lb[m].y1 && cy <= lb[m].y2 &&
					nw->x1 < lb[m].x2 && lb[m].x1 < nw->x2;
			if (other) {
				free(nw->text);
				nw->text = NULL;
				continue;
			}
			conf += nw->conf;
			kept++;
		}
		LOG(LOG_DEBUG, "ocr: weak line at %d,%d %dx%d (confidence %.0f) read again: %.0f", x, y, w, hh,
		    b->conf, kept ? conf / (double)kept : 0);
		if (kept && conf / (double)kept >= 60 && conf / (double)kept >= b->conf + 25) {
			for (size_t i = b->first; i < b->first + b->n; i++) {
				free((*pw)[i].text);
				(*pw)[i].text = NULL;
			}
		} else {
			for (size_t i = start; i < *pn; i++) {
				free((*pw)[i].text);
				(*pw)[i].text = NULL;
			}
		}
		base += 1000;
	}
	if (retries)
		TessBaseAPISetPageSegMode(api, OCR_PSM);
	/* close the gaps left by replaced words */
	{
		size_t j = 0;
		for (size_t i = 0; i < *pn; i++)
			if ((*pw)[i].text)
				(*pw)[j++] = (*pw)[i];
		*pn = j;
	}
	free(lb);
}

static int has_letter(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p >= 0xC0)
			return 1;
	return 0;
}

/* A number (no letters) read with little confidence is most often handwriting (the number
 * and day a clerk writes in after signing): better none, which the extractor reports, than a
 * wrong one. A list item's number at the start of a printed line is kept. */
/* A list item's number that starts a line of text ("5." read as "5_" or "5,"): one or two
 * digits and at most one mark, the first word of its line, words with letters after it. */
static int list_number(const struct ocr_word *w, size_t i, size_t n)
{
	const char *t = w[i].text;
	size_t d = 0;

	while (t[d] >= '0' && t[d] <= '9')
		d++;
	if (d == 0 || d > 2 || (t[d] && (strchr("._,)", t[d]) == NULL || t[d + 1])))
		return 0;
	if (i > 0 && w[i - 1].block == w[i].block && w[i - 1].line == w[i].line)
		return 0;
	return i + 1 < n && w[i + 1].block == w[i].block && w[i + 1].line == w[i].line &&
	       has_letter(w[i + 1].text);
}

void ocr_drop_unsure_numbers(struct ocr_word *w, size_t *pn)
{
	size_t j = 0;

	for (size_t i = 0; i < *pn; i++) {
		if (w[i].conf < 50 && list_number(w, i, *pn)) {
			/* kept: its mark, where unsure, is the usual full stop */
			char *m = w[i].text + strspn(w[i].text, "0123456789");
			if (*m == '_' || *m == ',')
				*m = '.';
		} else if (w[i].conf < 50 && strpbrk(w[i].text, "0123456789") && !has_letter(w[i].text)) {
			LOG(LOG_DEBUG, "ocr: unsure number '%s' (confidence %.0f) left out", w[i].text, w[i].conf);
			free(w[i].text);
			continue;
		}
		w[j++] = w[i];
	}
	*pn = j;
}

static void recognise(struct run *R, TessBaseAPI *api, const struct gray *g, struct ocr_page *P)
{
	ETEXT_DESC *mon = TessMonitorCreate();
	struct watch wt;
	struct ocr_word *words = NULL;
	size_t nw = 0, cw = 0;
	int rc;

	memset(&wt, 0, sizeof(wt));
	if (R->o->page_seconds > 0) {
		double whole;
		double frac = modf(R->o->page_seconds, &whole);
		clock_gettime(CLOCK_MONOTONIC, &wt.deadline);
		wt.deadline.tv_sec += (time_t)whole;
		wt.deadline.tv_nsec += (long)(frac * 1e9);
		if (wt.deadline.tv_nsec >= 1000000000L) {
			wt.deadline.tv_sec++;
			wt.deadline.tv_nsec -= 1000000000L;
		}
		wt.limited = 1;
	}
	TessMonitorSetCancelFunc(mon, cancel_cb);
	TessMonitorSetCancelThis(mon, &wt);
	TessBaseAPISetImage(api, g->px, g->w, g->h, 1, g->w);
	TessBaseAPISetSourceResolution(api, g->ppi);
	rc = TessBaseAPIRecognize(api, mon);
	if (wt.expired || cancel_cb(&wt, 0)) {
		P->state = PAGE_TIMEOUT;
		goto out;
	}
	if (rc != 0) {
		P->state = PAGE_EMPTY;
		goto out;
	}
	collect_words(api, &words, &nw, &cw, 0);
	P->conf = nw ? TessBaseAPIMeanTextConf(api) : 0;
	retry_weak_lines(api, g, mon, &words, &nw, &cw);
	ocr_drop_unsure_numbers(words, &nw);
	P->nwords = nw;
	if (ocr_layout(words, nw, g->w, P) < 0) {
		ocr_page_release(P);
		P->state = PAGE_EMPTY;
		goto out;
	}
	P->state = P->n ? PAGE_OK : PAGE_EMPTY;
out:
	for (size_t k = 0; k < nw; k++)
		free(words[k].text);
	free(words);
	TessMonitorDelete(mon);
	TessBaseAPIClear(api);
}

/* ---- workers ---------------------------------------------------------------------------- */

static void fail(struct run *R, const struct dd_error *e)
{
	pthread_mutex_lock(&R->mu);
	if (!R->stop) {
		R->stop = 1;
		R->err = *e;
	}
	pthread_mutex_unlock(&R->mu);
}

static void *worker(void *arg)
{
	struct run *R = arg;
	struct dd_error e;
	TessBaseAPI *api;

	dd_error_clear(&e);
	api = api_new(R->o, &e);
	if (!api) {
		fail(R, &e);
		return NULL;
	}
	for (;;) {
		struct gray g = {NULL, 0, 0, 0};
		int i, rc;
		pthread_mutex_lock(&R->mu);
		i = R->stop || R->next >= R->npages ? -1 : R->next++;
		pthread_mutex_unlock(&R->mu);
		if (i < 0)
			break;
		rc = R->pdoc ? render_pdf_page(R, i, &g, &e) : decode_image_page(R, i, &g, &e);
		if (rc < 0) {
			free(g.px);
			fail(R, &e);
			break;
		}
		recognise(R, api, &g, &R->pages[i]);
		free(g.px);
		pthread_mutex_lock(&R->mu);
		R->done++;
		if (R->progress && !R->stop)
			fprintf(stderr, "\rocr '%s': page %d of %d", R->name, R->done, R->npages);
		pthread_mutex_unlock(&R->mu);
	}
	TessBaseAPIEnd(api);
	TessBaseAPIDelete(api);
	return NULL;
}

static unsigned thread_count(const struct ocr_opts *o, int npages)
{
	unsigned n = o->threads;
	const char *env = getenv("DONDOC_OCR_THREADS");

	if (!n && env && *env) {
		char *end;
		long v;
		errno = 0;
		v = strtol(env, &end, 10);
		if (!errno && *end == '\0' && v > 0 && v <= MAX_THREADS)
			n = (unsigned)v;
	}
	if (!n) {
		long c = sysconf(_SC_NPROCESSORS_ONLN);
		n = c > 0 ? (unsigned)c : 1;
	}
	if (n > MAX_THREADS)
		n = MAX_THREADS;
	if (n > (unsigned)npages)
		n = (unsigned)npages;
	return n ? n : 1;
}

/* Append page list "3, 5, 7" of pages in state st to b; the count. */
static int list_pages(const struct run *R, int st, struct buf *b)
{
	int count = 0;

	for (int i = 0; i < R->npages; i++) {
		if (R->pages[i].state != st)
			continue;
		if (count < 20)
			buf_printf(b, "%s%d", count ? ", " : "", i + 1);
		else if (count == 20)
			buf_addstr(b, ", ...");
		count++;
	}
	return count;
}

/* Collect the pages in order into doc. */
static int collect(struct run *R, struct rd_doc *doc, struct dd_error *err)
{
	int row_base = 0;
	double conf = 0;
	size_t words = 0, lines = 0;
	struct buf b;
	int n;

	for (int i = 0; i < R->npages; i++) {
		struct ocr_page *P = &R->pages[i];
		for (size_t k = 0; k < P->report.nrepairs; k++)
			vn_report_add(&doc->report, P->report.repairs[k]);
		if (P->state != PAGE_OK)
			continue;
		for (size_t k = 0; k < P->n; k++) {
			const struct ocr_line *l = &P->l[k];
			if (rd_doc_add_line(doc, l->text, strlen(l->text), l->indent, l->flags, i + 1,
					    l->col, l->col >= 0 ? row_base + l->row : -1) < 0)
				return rd_doc_limit_error(doc, err);
			rd_doc_set_line_conf(doc, l->conf, l->words, l->nwords);
			lines++;
		}
		row_base += P->nrows;
		conf += P->conf * (double)P->nwords;
		words += P->nwords;
	}
	buf_init(&b, 512);
	if (lines == 0) {
		int timeouts = list_pages(R, PAGE_TIMEOUT, &b);
		buf_release(&b);
		if (timeouts)
			return dd_error_code(err, DD_ERR_DATA,
					     "OCR time limit reached (%g s per page) on every page with text",
					     R->o->page_seconds);
		return dd_error_code(err, DD_ERR_DATA, "%sOCR recognised no text (blank or unreadable scan)",
				     R->pdoc ? "no text layer, and " : "");
	}
	doc->ocr = 1;
	doc->ocr_confidence = words ? conf / (double)words : 0;
	buf_reset(&b);
	buf_printf(&b, "text recognised by OCR (mean confidence %.0f%%): check numbers, dates and names",
		   doc->ocr_confidence);
	rd_doc_add_warning(doc, buf_str(&b));
	buf_reset(&b);
	buf_addstr(&b, "OCR time limit reached, text missing on page ");
	n = list_pages(R, PAGE_TIMEOUT, &b);
	if (n)
		rd_doc_add_warning(doc, buf_str(&b));
	buf_reset(&b);
	buf_addstr(&b, "OCR found no text on page ");
	n = list_pages(R, PAGE_EMPTY, &b);
	if (n)
		rd_doc_add_warning(doc, buf_str(&b));
	buf_release(&b);
	return 0;
}

static pthread_once_t lept_once = PTHREAD_ONCE_INIT;

static void lept_quiet(void)
{
	setMsgSeverity(L_SEVERITY_NONE);
}

/* Run the workers over R->npages pages and collect the result. */
static int run_pages(struct run *R, struct rd_doc *doc, struct dd_error *err)
{
	pthread_t tids[MAX_THREADS];
	unsigned nt = thread_count(R->o, R->npages), started = 0;
	int ret = -1;

	R->pages = xcalloc((size_t)R->npages, sizeof(*R->pages));
	R->name = doc->path ? doc->path : "-";
	R->progress = R->o->progress < 0 ? isatty(STDERR_FILENO) : R->o->progress;
	pthread_mutex_init(&R->mu, NULL);
	pthread_mutex_init(&R->render_mu, NULL);
	dd_error_clear(&R->err);
	LOG(LOG_DEBUG, "ocr: %d pages, %u threads", R->npages, nt);
	if (R->progress)
		fprintf(stderr, "\rocr '%s': page 0 of %d", R->name, R->npages);
	for (unsigned t = 1; t < nt; t++) {
		if (pthread_create(&tids[t], NULL, worker, R) != 0)
			break;
		started++;
	}
	worker(R); /* the calling thread works too */
	for (unsigned t = 1; t <= started; t++)
		pthread_join(tids[t], NULL);
	if (R->progress)
		fputs("\r\033[K", stderr);
	if (R->stop) {
		if (err)
			*err = R->err;
		goto out;
	}
	ret = collect(R, doc, err);
out:
	for (int i = 0; i < R->npages; i++)
		ocr_page_release(&R->pages[i]);
	free(R->pages);
	pthread_mutex_destroy(&R->mu);
	pthread_mutex_destroy(&R->render_mu);
	return ret;
}

/* The options with the reader's OCR limits that doc carries (rd_limits.no_ocr, max_ocr_pages)
 * applied, tmp holding a changed copy; NULL with err set when OCR is turned off. */
static const struct ocr_opts *doc_opts(const struct ocr_opts *o, const struct rd_doc *doc,
				       struct ocr_opts *tmp, struct dd_error *err)
{
	if (!o)
		o = &ocr_opts_default;
	if (doc->no_ocr) {
		dd_error_code(err, DD_ERR_DATA, "scanned document or image: OCR is turned off");
		return NULL;
	}
	if (doc->max_ocr_pages && (!o->max_pages || doc->max_ocr_pages < o->max_pages)) {
		*tmp = *o;
		tmp->max_pages = doc->max_ocr_pages;
		return tmp;
	}
	return o;
}

int ocr_pdf(const void *data, size_t n, const struct ocr_opts *o, struct rd_doc *doc,
	    struct dd_error *err)
{
	struct run R;
	struct ocr_opts tmp;
	GBytes *bytes = NULL;
	GError *gerr = NULL;
	int npages, ret = -1;

	o = doc_opts(o, doc, &tmp, err);
	if (!o)
		return -1;
	if (popplerlib_load(err) < 0 || ocrlib_load(err) < 0)
		return -1;
	pthread_once(&lept_once, lept_quiet);
	memset(&R, 0, sizeof(R));
	R.o = o;
	bytes = g_bytes_new_static(data, n);
	R.pdoc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
	if (!R.pdoc) {
		if (gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED)
			dd_error_code(err, DD_ERR_DATA, "password-protected PDF (not supported)");
		else
			dd_error_code(err, DD_ERR_DATA, "corrupt or truncated PDF (%s)",
				      gerr && gerr->message ? gerr->message : "cannot open");
		goto out;
	}
	npages = poppler_document_get_n_pages(R.pdoc);
	if (npages <= 0) {
		dd_error_code(err, DD_ERR_DATA, "PDF has no pages");
		goto out;
	}
	if (o->max_pages && (unsigned)npages > o->max_pages) {
		dd_error_code(err, DD_ERR_DATA, "scanned PDF has too many pages for OCR (%d, limit %u)",
			      npages, o->max_pages);
		goto out;
	}
	for (int i = 0; i < npages; i++) {
		double dpi;
		if (page_dpi(R.pdoc, i, o, &dpi, err) < 0)
			goto out;
	}
	R.npages = npages;
	ret = run_pages(&R, doc, err);
out:
	if (gerr)
		g_error_free(gerr);
	if (R.pdoc)
		g_object_unref(R.pdoc);
	if (bytes)
		g_bytes_unref(bytes);
	return ret;
}

/* Pages of a TIFF, without decoding them; -1 when it cannot be read. */
static int tiff_pages(const void *data, size_t n)
{
	FILE *fp = fmemopen((void *)(uintptr_t)data, n, "rb");
	l_int32 count = 0;
	int ok;

	if (!fp)
		return -1;
	ok = tiffGetCount(fp, &count) == 0;
	fclose(fp);
	return ok ? count : -1;
}

static int image_headers(struct run *R, const struct ocr_opts *o, struct dd_error *err);

int ocr_image(const void *data, size_t n, const struct ocr_opts *o, struct rd_doc *doc,
	      struct dd_error *err)
{
	struct run R;
	struct ocr_opts tmp;
	const unsigned char *d = data;
	int quiet, rc;

	o = doc_opts(o, doc, &tmp, err);
	if (!o)
		return -1;
	if (ocrlib_load(err) < 0)
		return -1;
	pthread_once(&lept_once, lept_quiet);
	memset(&R, 0, sizeof(R));
	R.o = o;
	R.data = data;
	R.n = n;
	if (n < 8)
		return dd_error_code(err, DD_ERR_DATA, "corrupt or truncated image (nothing to OCR)");
	R.tiff = (d[0] == 'I' && d[1] == 'I' && d[2] == '*' && d[3] == 0) ||
		 (d[0] == 'M' && d[1] == 'M' && d[2] == 0 && d[3] == '*');
	R.npages = 1;
	quiet = quiet_begin();
	rc = image_headers(&R, o, err);
	quiet_end(quiet);
	if (rc < 0)
		return -1;
	return run_pages(&R, doc, err);
}

/* The page count and every page's size, from the headers. */
static int image_headers(struct run *R, const struct ocr_opts *o, struct dd_error *err)
{
	const unsigned char *d = R->data;
	size_t n = R->n;

	if (R->tiff) {
		R->npages = tiff_pages(d, n);
		if (R->npages <= 0)
			return dd_error_code(err, DD_ERR_DATA, "corrupt or truncated TIFF");
		if (o->max_pages && (unsigned)R->npages > o->max_pages)
			return dd_error_code(err, DD_ERR_DATA, "TIFF has too many pages for OCR (%d, limit %u)",
					     R->npages, o->max_pages);
	}
	for (int i = 0; i < R->npages; i++) {
		l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0, res = 0;
		if (R->tiff ? readHeaderMemTiff(d, n, i, &w, &h, &bps, &spp, &res, &cmap, &format) != 0
			    : pixReadHeaderMem(d, n, &format, &w, &h, &bps, &spp, &cmap) != 0)
			return dd_error_code(err, DD_ERR_DATA, "corrupt or unsupported image (nothing to OCR)");
		if (check_size(o, w, h, i + 1, err) < 0)
			return -1;
	}
	return 0;
}
