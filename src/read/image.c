/* image.c - image reader (PNG, JPEG, TIFF, GIF, BMP, WebP): a scanned page, read by OCR (src/ocr) */
#include "read.h"

#include "ocr/ocr.h"

int rd_read_image(const char *data, size_t n, const struct rd_limits *lim, struct rd_doc *doc,
		  struct dd_error *err)
{
	struct ocr_opts o = ocr_opts_default;

	/* the reader's page limit, when tighter, also holds for the pages of a TIFF */
	if (lim && lim->max_pages && lim->max_pages < o.max_pages)
		o.max_pages = lim->max_pages;
	return ocr_image(data, n, &o, doc, err);
}
