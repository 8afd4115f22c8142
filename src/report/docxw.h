/* docxw.h - a small writer of WordprocessingML (.docx) documents: paragraphs, runs, tables */
#ifndef DD_REPORT_DOCXW_H
#define DD_REPORT_DOCXW_H

/*
 * Builds word/document.xml in memory as the caller adds paragraphs and tables, then packs
 * it with the fixed parts ([Content_Types].xml, relationships, styles, settings, a page
 * header with the page number, core properties) into a zip with libzip. No template file
 * is needed. Lengths are in twips (1/20 pt; 1 mm = 56.7 twips), font sizes in points.
 *
 *   struct docxw *d = docxw_new(&page);
 *   docxw_par(d, &center, DOCXW_B, 16, "BÁO CÁO");
 *   docxw_table_begin(d, 3, widths, 1); docxw_row_begin(d, 1); docxw_cell_text(...); ...
 *   docxw_finish(d, &zipbytes, &err); docxw_free(d);
 *
 * Text is escaped (and invalid UTF-8 replaced); "\n" inside a run is a line break, "\t" a tab.
 */

#include <stddef.h>

#include "util/buf.h"
#include "util/error.h"

struct docxw;

/* Page setup: A4 portrait by default when zero. */
struct docxw_page {
	int width, height;                  /* twips; 0: A4 11906 x 16838 */
	int top, bottom, left, right;       /* margins, twips */
	const char *font;                   /* NULL: "Times New Roman" */
	int font_size;                      /* default run size in points (0: 14) */
	int page_numbers;                   /* 1: number pages from 2, centred in the top margin */
	const char *title;                  /* document properties (may be NULL) */
	const char *creator;
};

enum docxw_align { DOCXW_LEFT = 0, DOCXW_CENTER, DOCXW_RIGHT, DOCXW_JUSTIFY };

/* Run style flags. */
enum { DOCXW_B = 1, DOCXW_I = 2, DOCXW_U = 4 };

/* Paragraph properties; a zeroed struct is a left-aligned paragraph with no spacing. */
struct docxw_par {
	enum docxw_align align;
	int first_line;      /* first-line indent, twips (negative: hanging) */
	int left, right;     /* indents, twips */
	int before, after;   /* spacing, twips */
	int line;            /* line spacing in 240ths of a line (240 single), 0: single */
	int keep_next;       /* keep with the next paragraph */
	int rule_below;      /* a solid line under the paragraph (within its indents) */
	int page_break;      /* start on a new page */
};

/* Create an empty document (page may be NULL for the defaults). Never NULL. */
struct docxw *docxw_new(const struct docxw_page *page);
void docxw_free(struct docxw *d);

/* A paragraph is par_begin, any number of runs, par_end. size 0 = the default size. */
void docxw_par_begin(struct docxw *d, const struct docxw_par *p);
void docxw_run(struct docxw *d, unsigned style, int size, const char *text);
void docxw_par_end(struct docxw *d);
/* One paragraph with one run. */
void docxw_par(struct docxw *d, const struct docxw_par *p, unsigned style, int size,
	       const char *text);

/* Tables: widths[ncols] in twips. borders 0: borderless (layout tables such as the header
 * and signature blocks), 1: single lines around every cell. Rows: row_begin(header) where
 * header 1 repeats the row on every page; cells: cell_begin(shade) with shade an RGB hex
 * "D9D9D9" or NULL, then paragraphs, then cell_end. A cell must hold at least one paragraph
 * (cell_end adds an empty one when none was written). */
void docxw_table_begin(struct docxw *d, int ncols, const int *widths, int borders);
void docxw_row_begin(struct docxw *d, int header);
void docxw_cell_begin(struct docxw *d, const char *shade);
void docxw_cell_end(struct docxw *d);
void docxw_row_end(struct docxw *d);
void docxw_table_end(struct docxw *d);
/* A cell with one paragraph of one run. */
void docxw_cell_text(struct docxw *d, const char *shade, const struct docxw_par *p, unsigned style,
		     int size, const char *text);

/* Pack the document into a .docx (zip) appended to out. The writer can be freed after. */
int docxw_finish(struct docxw *d, struct buf *out, struct dd_error *err);

/* Pack n parts (names[i] -> parts[i]) into a zip held in memory, appended to out. */
int docxw_zip_parts(const char *const *names, const struct buf *parts, size_t n, struct buf *out,
		    struct dd_error *err);

/* Write zip bytes to path atomically ("-": standard output). */
int docxw_save_bytes(const struct buf *zip, const char *path, struct dd_error *err);

#endif
