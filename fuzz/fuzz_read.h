/* fuzz_read.h - the body shared by the reader harnesses: one reader, forced, on arbitrary bytes */
#ifndef FUZZ_READ_H
#define FUZZ_READ_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "read/read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fuzz_read(enum rd_format f, const char *name, const uint8_t *data, size_t size)
{
	struct rd_doc doc;
	struct dd_error err;
	struct rd_limits lim = rd_limits_default;

	/* small limits keep each run fast and exercise the limit paths */
	lim.max_text = 1u << 20;
	lim.max_lines = 20000;
	lim.max_zip_entry = 4u << 20;
	lim.max_pages = 50;
	/* OCR takes seconds a page: the readers stop where a scan would be recognised (the
	 * OCR entry points have their own harness, fuzz_ocr) */
	lim.no_ocr = 1;
	memset(&doc, 0, sizeof(doc));
	rd_read_buffer_as(f, name, data, size, &lim, &doc, &err);
	rd_doc_release(&doc);
	return 0;
}

#endif
