/* pdfgrid.h - the ruled tables of a PDF page, found in an image of its lines
 *
 * A PDF has no tables, only glyphs and strokes: a task table of a plan is text placed in the
 * boxes its ruling lines draw. Given the page rendered without its text (ocr_render_lines),
 * this finds the horizontal and vertical rules, groups them into tables, and gives each
 * table's cells, row by row, with merged cells (a rule missing inside a row) kept whole. */
#ifndef READ_PDFGRID_H
#define READ_PDFGRID_H

#include <stddef.h>

/* A cell in page points (origin top left), its row (0-based, top to bottom) and its column
 * (the index of its left rule among all the table's vertical rules: a cell spanning columns
 * has the column of its first). */
struct pdf_cell {
	double x1, y1, x2, y2;
	int row, col;
};

struct pdf_table {
	double x1, y1, x2, y2; /* the outer rules */
	int nrows, ncols;
	struct pdf_cell *cells; /* row by row, left to right */
	size_t ncells;
};

struct pdf_grid {
	struct pdf_table *t; /* top to bottom */
	size_t n;
};

/* Find the tables of a page image px (w x h, 8-bit gray, row after row; ink < 200) drawn at
 * scale pixels per point. A table is at least two rows between horizontal rules joined by
 * vertical ones, with three cells or more in one row: boxes and frames are no tables.
 * Returns the number of tables (out filled; pdf_grid_release frees it). */
size_t pdf_grid_find(const unsigned char *px, int w, int h, double scale, struct pdf_grid *out);

void pdf_grid_release(struct pdf_grid *g);

#endif
