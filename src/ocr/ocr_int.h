/* ocr_int.h - what the OCR engine (ocr.c) and the page layout (layout.c) share */
#ifndef OCR_OCR_INT_H
#define OCR_OCR_INT_H

#include <stddef.h>

#include "read/read.h"
#include "vn/normalize.h"

/* A recognised word in page pixels (y down), with Tesseract's block and text line. */
struct ocr_word {
	int x1, y1, x2, y2;
	int block, line;
	float conf;
	char *text;
};

/* A line ready for rd_doc_add_line; col/row as there (row page-local). */
struct ocr_line {
	char *text;
	unsigned indent, flags;
	int col, row;
	float conf; /* the lowest confidence of the words on the line */
	struct rd_word *words; /* each word's confidence and match-key length, or NULL */
	size_t nwords;
};

/* What one page gave. */
struct ocr_page {
	struct ocr_line *l;
	size_t n, cap;
	int nrows;               /* table rows used (numbered from 0 on each page) */
	struct vn_report report; /* repairs made by NFC */
	double conf;             /* Tesseract's mean text confidence */
	size_t nwords;
	int state;               /* enum in ocr.c */
	char msg[256];           /* why the page failed */
};

/* Turn a page's words (in Tesseract's reading order) into lines: wide gaps split Tesseract's
 * lines, two-column runs (the header, the signature block) become RD_TABLE lines read column
 * by column, signature-stamp text and debris are dropped, each line repaired (ocr_fix_line)
 * and NFC. width is the page width in pixels. Returns 0 or -1 (a line over 1 MiB). */
int ocr_layout(struct ocr_word *w, size_t nw, int width, struct ocr_page *out);

void ocr_page_release(struct ocr_page *p);

/* Drop the numbers (no letters) read with a confidence under 50, freeing their text: most
 * often handwriting (the number and day a clerk writes in), better none than a wrong one.
 * A list item's number that starts a printed line ("5." read as "5_") is kept, its mark
 * made a full stop. w[0..*pn) in reading order; *pn is updated. */
void ocr_drop_unsure_numbers(struct ocr_word *w, size_t *pn);

#endif
