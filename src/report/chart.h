/* chart.h - SVG charts without JavaScript, for the web dashboard and the HTML report */
#ifndef DD_REPORT_CHART_H
#define DD_REPORT_CHART_H

/*
 * Each function appends one self-contained <svg> element (with xmlns, so the text is
 * also a valid .svg file) to out. Labels are escaped; every segment carries a <title>
 * so browsers show the figure on hover. Sizes are in CSS pixels; the SVG has a viewBox
 * and scales with its container. Returns 0, or -1 when out's limit was reached.
 *
 * Colours are "#rrggbb" strings; chart_status_color() gives the one colour per official
 * status used everywhere (web UI, HTML report, XLSX export).
 */

#include <stddef.h>
#include <stdint.h>

#include "track/track.h"
#include "util/buf.h"

/* "#rrggbb" for a status (done on time green, overdue red, ...). */
const char *chart_status_color(enum track_status st);

/* One row of a stacked bar chart: label and nseg values. */
struct chart_bar {
	const char *label;
	const int64_t *values;
};

/* Horizontal stacked bars (e.g. one bar per unit, one segment per status) with a legend;
 * bar lengths are proportional to the largest row total, which is printed after each bar.
 * width 0: 720. */
int chart_stacked_bars(struct buf *out, const char *title, const char *const *seg_names,
		       const char *const *seg_colors, size_t nseg, const struct chart_bar *bars,
		       size_t nbars, int width);

/* A donut of one distribution (e.g. tasks per status) with a legend and the total in the
 * middle. size 0: 240 (diameter area; the legend is drawn to its right). */
int chart_donut(struct buf *out, const char *title, const char *const *names,
		const char *const *colors, const int64_t *values, size_t n, int size);

/* A donut of tasks per status (n[st]) in the status colours; status_names[TRACK_NSTATUS]. */
int chart_status_donut(struct buf *out, const char *title, const char *const *status_names,
		       const int64_t n[TRACK_NSTATUS]);

#endif
