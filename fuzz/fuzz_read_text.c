/* fuzz_read_text.c - libFuzzer harness: the text and Markdown readers on arbitrary bytes (format forced) */
#include "fuzz_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_read(RD_TXT, "fuzz.txt", data, size);
	/* the Markdown rules too, on the same bytes */
	return fuzz_read(RD_MD, "fuzz.md", data, size);
}
