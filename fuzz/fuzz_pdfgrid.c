/* fuzz_pdfgrid.c - libFuzzer harness: the ruled-table finder of the PDF reader on arbitrary
 * page images (two bytes give the width and the scale, the rest is the pixels) */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read/pdfgrid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pdf_grid g;
	int w, h;
	double scale;

	if (size < 3)
		return 0;
	w = 1 + data[0] % 200;
	scale = 0.25 + (data[1] % 16) / 4.0;
	h = (int)((size - 2) / (size_t)w);
	if (h == 0)
		return 0;
	/* the pixels through a threshold-friendly mapping: runs of ink and white */
	{
		unsigned char *px = malloc((size_t)w * (size_t)h);
		for (size_t i = 0; i < (size_t)w * (size_t)h; i++)
			px[i] = data[2 + i] & 0x80 ? 0 : 255;
		size_t n = pdf_grid_find(px, w, h, scale, &g);
		for (size_t t = 0; t < n; t++) {
			const struct pdf_table *tb = &g.t[t];
			if (tb->ncells == 0 || tb->x1 > tb->x2 || tb->y1 > tb->y2 || tb->nrows < 1)
				abort();
			for (size_t c = 0; c < tb->ncells; c++) {
				const struct pdf_cell *cl = &tb->cells[c];
				if (cl->x1 > cl->x2 || cl->y1 > cl->y2 || cl->row < 0 || cl->row >= tb->nrows ||
				    cl->col < 0 || (c > 0 && cl->row < tb->cells[c - 1].row))
					abort();
			}
		}
		pdf_grid_release(&g);
		free(px);
	}
	return 0;
}
