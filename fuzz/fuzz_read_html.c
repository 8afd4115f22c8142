/* fuzz_read_html.c - libFuzzer harness: the html reader on arbitrary bytes (format forced) */
#include "fuzz_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read(RD_HTML, "fuzz.html", data, size);
}
