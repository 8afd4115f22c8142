/* fuzz_ocr.c - libFuzzer harness: the OCR entry points (image, or PDF when the first byte is odd) */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ocr/ocr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rd_doc doc;
	struct dd_error err;
	struct ocr_opts o = ocr_opts_default;

	if (size < 1)
		return 0;
	/* tiny limits keep each run fast and exercise the limit paths */
	o.dpi = 36;
	o.max_pages = 2;
	o.max_side = 1500;
	o.max_pixels = 600u * 600u;
	o.page_seconds = 2;
	o.threads = 1;
	o.progress = 0;
	memset(&doc, 0, sizeof(doc));
	doc.max_lines = 20000;
	doc.max_text = 1u << 20;
	if (data[0] & 1)
		ocr_pdf(data + 1, size - 1, &o, &doc, &err);
	else
		ocr_image(data + 1, size - 1, &o, &doc, &err);
	rd_doc_release(&doc);
	return 0;
}
