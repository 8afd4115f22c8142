/* ocr.h - OCR of scanned PDFs and images (poppler + cairo rendering, Tesseract "vie") into rd_doc lines */
#ifndef OCR_OCR_H
#define OCR_OCR_H

#include <stddef.h>

#include "read/read.h"
#include "util/error.h"

/* Options and limits. Defaults (ocr_opts_default): "vie", 300 dpi, 200 pages, page images
 * of at most 12,000 pixels a side and 40 million pixels (a larger image is rejected from its
 * header, before any pixel is decoded; a larger PDF page is rendered at a lower resolution,
 * down to 100 dpi), 120 s per page, one thread per core (at most 8; DONDOC_OCR_THREADS
 * overrides), progress on stderr when it is a terminal, coloured ink dropped. */
struct ocr_opts {
	const char *lang;        /* Tesseract language, "vie" */
	const char *datapath;    /* tessdata folder; NULL = Tesseract's default (TESSDATA_PREFIX) */
	unsigned dpi;            /* PDF rendering resolution */
	unsigned max_pages;      /* more pages: an error before any work (0 = no limit) */
	unsigned max_side;       /* pixels on one side of a page image */
	size_t max_pixels;       /* pixels of one page image (width * height) */
	double page_seconds;     /* recognition time limit per page (0 = none) */
	unsigned threads;        /* worker threads; 0 = number of cores (capped at pages and 8) */
	int progress;            /* -1: when stderr is a terminal, 0: never, 1: always */
	int drop_color;          /* keep only dark neutral ink: red seals, blue signatures fade */
};

extern const struct ocr_opts ocr_opts_default;

/* OCR every page of a PDF (data, n) and append the recognised lines to doc (page numbers set,
 * two-column header and signature blocks as RD_TABLE lines like the PDF reader gives them,
 * each line's conf its weakest word's confidence). The reader's limits that doc carries are
 * honoured: doc->no_ocr refuses the work (DD_ERR_DATA), doc->max_ocr_pages tightens max_pages.
 * Text the PDF already draws (a digital-signature stamp) is painted over before recognition
 * so that it does not reach the body; doc->stamp_* are left as they are. Sets doc->ocr = 1
 * and doc->ocr_confidence (mean word confidence 0..100), and adds a warning naming the pages
 * that gave no text or ran out of time. o NULL = defaults.
 * Errors (DD_ERR_DATA): corrupt PDF, too many pages, a page too large, no text recognised on
 * any page, every page over its time limit; DD_ERR_RUNTIME: the language data is missing. */
int ocr_pdf(const void *data, size_t n, const struct ocr_opts *o, struct rd_doc *doc,
	    struct dd_error *err);

/* The same for an image (PNG, JPEG, TIFF incl. multi-page, GIF, BMP, WebP: what leptonica
 * reads). The size is read from the header and checked before the pixels are decoded. */
int ocr_image(const void *data, size_t n, const struct ocr_opts *o, struct rd_doc *doc,
	      struct dd_error *err);

/* A text PDF's page rendered for its ruling lines (tables): 8-bit gray, 0 black .. 255
 * white, w x h pixels at scale pixels per point, the page's own text painted white. */
struct ocr_lines_image {
	unsigned char *px; /* malloc'd: the caller frees it */
	int w, h;
	double scale;
};

/* Render page (a PopplerPage) at dpi as above, its widgets hidden. Loads cairo only (not
 * Tesseract). 0, or -1 with err: DD_ERR_UNAVAILABLE without cairo, DD_ERR_DATA for a page
 * too large (over 40 million pixels), DD_ERR_RUNTIME when the image cannot be allocated. */
struct _PopplerPage;
int ocr_render_lines(struct _PopplerPage *page, double dpi, struct ocr_lines_image *img,
		     struct dd_error *err);

/* Repair typical OCR damage in one recognised line (appended to out, NFC): "Ø"/"O"/"o" for
 * "0" and "l"/"I" for "1" inside document numbers and dates, a space before a combining mark,
 * stray "|" and "_" debris, runs of spaces. Words are never guessed: only characters inside
 * a run that is otherwise digits are changed. Returns 0, or -1 when out's limit is reached. */
int ocr_fix_line(const char *s, size_t n, struct buf *out);

/* Join a line broken with a hyphen at its end to the next one ("phối hợp thực hi-" +
 * "ện ..."): nonzero when prev ends with a letter and "-" and next starts with a lower-case
 * letter. */
int ocr_is_hyphen_break(const char *prev, const char *next);

#endif
