/* fuzz_read_pdf.c - libFuzzer harness: the pdf reader on arbitrary bytes (format forced) */
#include "fuzz_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read(RD_PDF, "fuzz.pdf", data, size);
}
