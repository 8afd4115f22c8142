/* pdfflat.h - a PDF's annotations drawn into its pages (libqpdf, loaded on first use).
 *
 * Signing tools used by Vietnamese offices stamp the document number, the day of the issue
 * date and the signature stamp onto the PDF as form-widget appearances, after the document
 * was made. poppler's page text leaves annotations out, so "Số: 11/TB-UBND" reads "Số:
 * /TB-UBND". Flattened, that text becomes page content like any other. */
#ifndef READ_PDFFLAT_H
#define READ_PDFFLAT_H

#include <stddef.h>

#include "util/error.h"

/* Write a copy of the PDF data[0..n) whose visible annotations are part of the page content
 * into *out (malloc'd, *outn bytes; the caller frees it). At most max_out bytes of output
 * (0 = 4 times the input plus 1 MiB). 0, or -1 with err: DD_ERR_UNAVAILABLE when libqpdf is
 * not installed, DD_ERR_DATA when qpdf cannot read or write the file (its first error). */
int pdf_flatten(const char *data, size_t n, size_t max_out, char **out, size_t *outn,
		struct dd_error *err);

#endif
