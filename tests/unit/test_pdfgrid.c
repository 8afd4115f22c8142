/* test_pdfgrid.c - ruled tables found in drawn page images: cells, merged cells, rules cut by
 * text boxes, shaded rows, boxes that are no tables, pictures, bad sizes */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "read/pdfgrid.h"

#define W 600
#define H 800

static unsigned char *blank(void)
{
	unsigned char *px = malloc(W * H);
	memset(px, 255, W * H);
	return px;
}

static void hline(unsigned char *px, int y, int x1, int x2, unsigned char ink)
{
	for (int x = x1; x <= x2; x++)
		px[y * W + x] = ink;
}

static void vline(unsigned char *px, int x, int y1, int y2, unsigned char ink)
{
	for (int y = y1; y <= y2; y++)
		px[y * W + x] = ink;
}

static void fill(unsigned char *px, int x1, int y1, int x2, int y2, unsigned char ink)
{
	for (int y = y1; y <= y2; y++)
		for (int x = x1; x <= x2; x++)
			px[y * W + x] = ink;
}

/* a table at scale 1 (a pixel a point): columns at xs, rows at ys */
static void grid(unsigned char *px, const int *xs, int nx, const int *ys, int ny, unsigned char ink)
{
	for (int i = 0; i < ny; i++)
		hline(px, ys[i], xs[0], xs[nx - 1], ink);
	for (int i = 0; i < nx; i++)
		vline(px, xs[i], ys[0], ys[ny - 1], ink);
}

static const struct pdf_cell *cell_at(const struct pdf_table *t, int row, int col)
{
	for (size_t i = 0; i < t->ncells; i++)
		if (t->cells[i].row == row && t->cells[i].col == col)
			return &t->cells[i];
	return NULL;
}

static void test_plain_grid(void **state)
{
	static const int xs[] = {50, 90, 330, 450, 560}, ys[] = {100, 130, 180, 230};
	unsigned char *px = blank();
	struct pdf_grid g;

	(void)state;
	grid(px, xs, 5, ys, 4, 0);
	assert_int_equal(pdf_grid_find(px, W, H, 1.0, &g), 1);
	assert_int_equal(g.t[0].nrows, 3);
	assert_int_equal(g.t[0].ncols, 4);
	assert_int_equal(g.t[0].ncells, 12);
	assert_true(g.t[0].x1 <= 50.5 && g.t[0].x2 >= 559.5);
	assert_true(g.t[0].y1 <= 100.5 && g.t[0].y2 >= 229.5);
	{
		const struct pdf_cell *c = cell_at(&g.t[0], 1, 2);
		assert_non_null(c);
		assert_true(c->x1 > 329 && c->x1 < 331 && c->x2 > 449 && c->x2 < 451);
		assert_true(c->y1 > 129 && c->y1 < 131 && c->y2 > 179 && c->y2 < 181);
	}
	/* cells row by row, left to right */
	for (size_t i = 1; i < g.t[0].ncells; i++) {
		const struct pdf_cell *a = &g.t[0].cells[i - 1], *b = &g.t[0].cells[i];
		assert_true(a->row < b->row || (a->row == b->row && a->col < b->col));
	}
	pdf_grid_release(&g);
	free(px);
}

static void test_scale(void **state)
{
	/* the same table drawn at 2 pixels a point: cells in points */
	static const int xs[] = {100, 180, 660, 900, 1120}, ys[] = {200, 260, 360};
	unsigned char *px = malloc((size_t)W * 2 * H);
	struct pdf_grid g;

	(void)state;
	memset(px, 255, (size_t)W * 2 * H);
	for (int i = 0; i < 3; i++)
		for (int x = xs[0]; x <= xs[4]; x++)
			px[ys[i] * W * 2 + x] = 0;
	for (int i = 0; i < 5; i++)
		for (int y = ys[0]; y <= ys[2]; y++)
			px[y * W * 2 + xs[i]] = 0;
	assert_int_equal(pdf_grid_find(px, W * 2, H, 2.0, &g), 1);
	assert_int_equal(g.t[0].ncells, 8);
	assert_true(g.t[0].x1 > 49 && g.t[0].x1 < 51 && g.t[0].y2 > 179 && g.t[0].y2 < 181);
	pdf_grid_release(&g);
	free(px);
}

static void test_merged_cells(void **state)
{
	/* row 1 is a group row ("1 | Hạ tầng ...") spanning columns 1-3 */
	static const int xs[] = {50, 90, 330, 450, 560}, ys[] = {100, 130, 160, 210};
	unsigned char *px = blank();
	struct pdf_grid g;

	(void)state;
	for (int i = 0; i < 4; i++)
		hline(px, ys[i], xs[0], xs[4], 0);
	vline(px, xs[0], ys[0], ys[3], 0);
	vline(px, xs[1], ys[0], ys[3], 0);
	vline(px, xs[4], ys[0], ys[3], 0);
	for (int i = 2; i < 4; i++) {
		vline(px, xs[i], ys[0], ys[1], 0);
		vline(px, xs[i], ys[2], ys[3], 0);
	}
	assert_int_equal(pdf_grid_find(px, W, H, 1.0, &g), 1);
	assert_int_equal(g.t[0].nrows, 3);
	assert_int_equal(g.t[0].ncells, 4 + 2 + 4);
	{
		const struct pdf_cell *c = cell_at(&g.t[0], 1, 1);
		assert_non_null(c);
		assert_true(c->x1 > 89 && c->x1 < 91 && c->x2 > 559 && c->x2 < 561);
		assert_null(cell_at(&g.t[0], 1, 2));
	}
	pdf_grid_release(&g);
	free(px);
}

static void test_cut_rules(void **state)
{
	/* rules with gaps where text boxes were painted over them, and faint hairlines */
	static const int xs[] = {50, 90, 330, 450, 560}, ys[] = {100, 130, 180, 230};
	unsigned char *px = blank();
	struct pdf_grid g;

	(void)state;
	grid(px, xs, 5, ys, 4, 180);
	fill(px, 200, 120, 212, 140, 255);  /* glyphs of a line of text touching the rule at y 130 */
	fill(px, 80, 150, 100, 165, 255);   /* and the rule at x 90 */
	assert_int_equal(pdf_grid_find(px, W, H, 1.0, &g), 1);
	assert_int_equal(g.t[0].ncells, 12);
	pdf_grid_release(&g);
	free(px);
}

static void test_shaded_header(void **state)
{
	/* a header row filled a grey dark enough to count as ink: its edges are the rules, and
	 * the rules between its cells are still there */
	static const int xs[] = {50, 90, 330, 450, 560}, ys[] = {100, 130, 180, 230};
	unsigned char *px = blank();
	struct pdf_grid g;

	(void)state;
	grid(px, xs, 5, ys, 4, 0);
	for (int i = 0; i < 4; i++)
		fill(px, xs[i] + 1, 101, xs[i + 1] - 1, 129, 170);
	assert_int_equal(pdf_grid_find(px, W, H, 1.0, &g), 1);
	assert_int_equal(g.t[0].nrows, 3);
	assert_int_equal(g.t[0].ncells, 12);
	assert_non_null(cell_at(&g.t[0], 0, 3));
	assert_non_null(cell_at(&g.t[0], 2, 3));
	pdf_grid_release(&g);
	free(px);
}

static void test_two_tables(void **state)
{
	static const int xs[] = {50, 150, 300, 560}, ys1[] = {100, 130, 160}, ys2[] = {400, 430, 460, 490};
	unsigned char *px = blank();
	struct pdf_grid g;

	(void)state;
	grid(px, xs, 4, ys1, 3, 0);
	grid(px, xs, 4, ys2, 4, 0);
	assert_int_equal(pdf_grid_find(px, W, H, 1.0, &g), 2);
	assert_true(g.t[0].y2 < g.t[1].y1);
	assert_int_equal(g.t[0].nrows, 2);
	assert_int_equal(g.t[1].nrows, 3);
	pdf_grid_release(&g);
	free(px);
}

static void test_no_tables(void **state)
{
	unsigned char *px = blank();
	struct pdf_grid g;

	(void)state;
	/* nothing */
	assert_int_equal(pdf_grid_find(px, W, H, 1.0, &g), 0);
	assert_null(g.t);
	/* an underline, a frame round a box, a two-column box */
	hline(px, 60, 200, 400, 0);
	{
		static const int xs[] = {50, 560}, ys[] = {100, 300};
		grid(px, xs, 2, ys, 2, 0);
	}
	{
		static const int xs[] = {50, 300, 560}, ys[] = {400, 450, 500};
		grid(px, xs, 3, ys, 3, 0);
	}
	assert_int_equal(pdf_grid_find(px, W, H, 1.0, &g), 0);
	/* a picture: too many pieces of rules to be a table, and quick about it */
	for (int y = 0; y < H; y += 2)
		for (int x = (y / 2) % 7; x < W; x += 7)
			px[y * W + x] = 0;
	assert_int_equal(pdf_grid_find(px, W, H, 1.0, &g), 0);
	/* a page all ink */
	memset(px, 0, W * H);
	assert_int_equal(pdf_grid_find(px, W, H, 1.0, &g), 0);
	free(px);
}

static void test_bad_sizes(void **state)
{
	unsigned char one = 0;
	struct pdf_grid g;

	(void)state;
	assert_int_equal(pdf_grid_find(NULL, W, H, 1.0, &g), 0);
	assert_int_equal(pdf_grid_find(&one, 0, 1, 1.0, &g), 0);
	assert_int_equal(pdf_grid_find(&one, 1, 1, 1.0, &g), 0);
	assert_int_equal(pdf_grid_find(&one, 1, 1, 0.0, &g), 0);
	pdf_grid_release(&g);
	pdf_grid_release(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_grid),   cmocka_unit_test(test_scale),
	    cmocka_unit_test(test_merged_cells), cmocka_unit_test(test_cut_rules),
	    cmocka_unit_test(test_shaded_header), cmocka_unit_test(test_two_tables),
	    cmocka_unit_test(test_no_tables),    cmocka_unit_test(test_bad_sizes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
