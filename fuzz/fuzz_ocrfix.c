/* fuzz_ocrfix.c - libFuzzer harness: the repairs made to each OCR line (ocr_fix_line) and the
 * hyphen-break test, on arbitrary bytes */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ocr/ocr.h"
#include "util/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out;
	char *s = malloc(size + 1);
	size_t half = size / 2;

	memcpy(s, data, size);
	s[size] = '\0';
	buf_init(&out, 1u << 20);
	if (ocr_fix_line(s, strlen(s), &out) == 0 && out.len > 4 * size + 64)
		abort(); /* a repair never makes a line much longer */
	buf_release(&out);
	/* two lines: the first half and the rest */
	{
		char *a = malloc(half + 1), *b = malloc(size - half + 1);
		memcpy(a, data, half);
		a[half] = '\0';
		memcpy(b, data + half, size - half);
		b[size - half] = '\0';
		(void)ocr_is_hyphen_break(a, b);
		free(a);
		free(b);
	}
	free(s);
	return 0;
}
