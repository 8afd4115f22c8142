/* fuzz_read_docx.c - libFuzzer harness: the docx reader on arbitrary bytes (format forced) */
#include "fuzz_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read(RD_DOCX, "fuzz.docx", data, size);
}
