/* fuzz_read_text.c - libFuzzer harness: the text and Markdown readers on arbitrary bytes (format forced) */
#include "fuzz_read.h"

#include <stdlib.h>

/* The reader's fast paths and its plain ways give the same lines. */
static void same_lines(enum rd_format f, const uint8_t *data, size_t size)
{
	struct rd_doc a, b;
	struct dd_error err;
	struct rd_limits lim = rd_limits_default;
	int ra, rb;

	lim.max_text = 1u << 20;
	lim.max_lines = 20000;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	rd_text_fast_paths(0);
	ra = rd_read_buffer_as(f, "fuzz.txt", data, size, &lim, &a, &err);
	rd_text_fast_paths(1);
	rb = rd_read_buffer_as(f, "fuzz.txt", data, size, &lim, &b, &err);
	if (ra != rb || a.nlines != b.nlines)
		abort();
	for (size_t i = 0; i < a.nlines; i++)
		if (a.lines[i].len != b.lines[i].len || strcmp(a.lines[i].text, b.lines[i].text) != 0 ||
		    a.lines[i].flags != b.lines[i].flags || a.lines[i].indent != b.lines[i].indent ||
		    a.lines[i].page != b.lines[i].page)
			abort();
	rd_doc_release(&a);
	rd_doc_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	same_lines(RD_TXT, data, size);
	/* the Markdown rules too, on the same bytes */
	same_lines(RD_MD, data, size);
	return 0;
}
