/* chart.c - SVG charts without JavaScript, for the web dashboard and the HTML report */
#include "chart.h"

#include <stdio.h>
#include <string.h>

#include "esc.h"

#define SVG_NS "http://www.w3.org/2000/svg"

const char *chart_status_color(enum track_status st)
{
	switch (st) {
	case TRACK_NOT_STARTED: return "#9e9e9e";
	case TRACK_IN_PROGRESS: return "#1e88e5";
	case TRACK_OVERDUE: return "#e53935";
	case TRACK_DONE_ON_TIME: return "#43a047";
	case TRACK_DONE_LATE: return "#fb8c00";
	case TRACK_RECURRING: return "#8e24aa";
	case TRACK_CANCELLED: return "#616161";
	default: return "#000000";
	}
}

/* A colour is only ever "#" + 6 hex digits in the output. */
static const char *safe_color(const char *c)
{
	if (!c || c[0] != '#' || strlen(c) != 7 || strspn(c + 1, "0123456789abcdefABCDEF") != 6)
		return "#000000";
	return c;
}

/* Code points in a UTF-8 string: a rough width in characters. */
static size_t ncp(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* At most max code points of s, with "…" when cut, into out. */
static void cut_label(const char *s, size_t max, char *out, size_t outsz)
{
	size_t i = 0, n = 0;

	if (!s)
		s = "";
	if (ncp(s) <= max) {
		snprintf(out, outsz, "%s", s);
		return;
	}
	while (s[i] && n < max - 1) {
		i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		n++;
	}
	snprintf(out, outsz, "%.*s…", (int)i, s);
}

static int text_el(struct buf *b, double x, double y, const char *anchor, int size,
		   const char *weight, const char *text)
{
	int r = buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\"%s%s%s>",
			   x, y, size, anchor, weight ? " font-weight=\"" : "", weight ? weight : "",
			   weight ? "\"" : "");
	r |= esc_xml(b, text);
	r |= buf_addstr(b, "</text>");
	return r ? -1 : 0;
}

#define CHAR_W 6.8 /* average width of a 12 px sans-serif character */

/* A legend from (x, y): one item per line when vertical, else in rows wrapping at width.
 * Returns the height used, or -1 when out's limit was reached. */
static double legend(struct buf *b, double x, double y, double width, const char *const *names,
		     const char *const *colors, const int64_t *values, size_t n, int vertical)
{
	double cx = x, cy = y;
	char label[512];
	int r = 0;

	for (size_t i = 0; i < n; i++) {
		double w;
		if (values)
			snprintf(label, sizeof(label), "%s: %lld", names[i], (long long)values[i]);
		else
			snprintf(label, sizeof(label), "%s", names[i]);
		w = 16 + CHAR_W * (double)ncp(label) + 14;
		if (!vertical && cx > x && cx + w > x + width) {
			cx = x;
			cy += 18;
		}
		r |= buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>",
				cx, cy, safe_color(colors[i]));
		r |= text_el(b, cx + 16, cy + 10.5, "start", 12, NULL, label);
		if (vertical)
			cy += 18;
		else
			cx += w;
	}
	if (r)
		return -1;
	return cy - y + 18;
}

/* The height a horizontal legend needs (same layout as legend()). */
static double legend_height(double width, const char *const *names, size_t n)
{
	double cx = 0, h = 18;

	for (size_t i = 0; i < n; i++) {
		double w = 16 + CHAR_W * (double)ncp(names[i]) + 14;
		if (cx > 0 && cx + w > width) {
			cx = 0;
			h += 18;
		}
		cx += w;
	}
	return h;
}

int chart_stacked_bars(struct buf *out, const char *title, const char *const *seg_names,
		       const char *const *seg_colors, size_t nseg, const struct chart_bar *bars,
		       size_t nbars, int width)
{
	const double label_w = 230, row_h = 22;
	double bar_w, height, top;
	int64_t max = 0;
	int r = 0;

	if (width <= 0)
		width = 720;
	bar_w = width - label_w - 60;
	if (bar_w < 100)
		bar_w = 100;
	for (size_t i = 0; i < nbars; i++) {
		int64_t t = 0;
		for (size_t k = 0; k < nseg; k++)
			t += bars[i].values[k] > 0 ? bars[i].values[k] : 0;
		if (t > max)
			max = t;
	}
	top = 26 + legend_height(width, seg_names, nseg) + 6;
	height = top + row_h * (double)(nbars ? nbars : 1) + 10;
	r |= buf_printf(out, "<svg xmlns=\"" SVG_NS "\" class=\"chart\" role=\"img\" viewBox=\"0 0 %d %.0f\" "
			     "width=\"%d\" height=\"%.0f\" font-family=\"sans-serif\">",
			width, height, width, height);
	r |= buf_addstr(out, "<title>");
	r |= esc_xml(out, title);
	r |= buf_addstr(out, "</title>");
	r |= text_el(out, 0, 16, "start", 14, "bold", title);
	r |= legend(out, 0, 26, width, seg_names, seg_colors, NULL, nseg, 0) < 0;
	if (!nbars)
		r |= text_el(out, 0, top + 14, "start", 12, NULL, "Không có số liệu");
	for (size_t i = 0; i < nbars; i++) {
		double y = top + row_h * (double)i, x = label_w;
		int64_t total = 0;
		char num[32], label[256];

		/* long names are cut to the label column; the full name is the tooltip */
		cut_label(bars[i].label, (size_t)((label_w - 10) / CHAR_W), label, sizeof(label));
		r |= buf_addstr(out, "<g><title>");
		r |= esc_xml(out, bars[i].label);
		r |= buf_addstr(out, "</title>");
		r |= text_el(out, label_w - 6, y + 14, "end", 12, NULL, label);
		for (size_t k = 0; k < nseg; k++) {
			int64_t v = bars[i].values[k];
			double w;
			if (v <= 0)
				continue;
			total += v;
			w = max ? bar_w * (double)v / (double)max : 0;
			r |= buf_printf(out, "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" fill=\"%s\"><title>",
					x, y + 3, w, row_h - 6, safe_color(seg_colors[k]));
			r |= esc_xml(out, bars[i].label);
			r |= buf_addstr(out, " - ");
			r |= esc_xml(out, seg_names[k]);
			r |= buf_printf(out, ": %lld</title></rect>", (long long)v);
			x += w;
		}
		snprintf(num, sizeof(num), "%lld", (long long)total);
		r |= text_el(out, x + 4, y + 14, "start", 12, NULL, num);
		r |= buf_addstr(out, "</g>");
	}
	r |= buf_addstr(out, "</svg>");
	return r ? -1 : 0;
}

int chart_donut(struct buf *out, const char *title, const char *const *names,
		const char *const *colors, const int64_t *values, size_t n, int size)
{
	const double pi = 3.14159265358979323846;
	double rad, circ, off = 0, cx, cy;
	int64_t total = 0;
	int width, r = 0;
	char num[32];

	if (size <= 0)
		size = 240;
	rad = size * 0.35;
	circ = 2 * pi * rad;
	cx = size / 2.0;
	cy = size / 2.0 + 24;
	width = size + 300;
	for (size_t i = 0; i < n; i++)
		total += values[i] > 0 ? values[i] : 0;
	r |= buf_printf(out, "<svg xmlns=\"" SVG_NS "\" class=\"chart\" role=\"img\" viewBox=\"0 0 %d %d\" "
			     "width=\"%d\" height=\"%d\" font-family=\"sans-serif\">",
			width, size + 30, width, size + 30);
	r |= buf_addstr(out, "<title>");
	r |= esc_xml(out, title);
	r |= buf_addstr(out, "</title>");
	r |= text_el(out, 0, 16, "start", 14, "bold", title);
	r |= buf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"none\" stroke=\"#eeeeee\" stroke-width=\"%.1f\"/>",
			cx, cy, rad, size * 0.15);
	for (size_t i = 0; total > 0 && i < n; i++) {
		double len;
		if (values[i] <= 0)
			continue;
		len = circ * (double)values[i] / (double)total;
		/* one dashed circle per segment, rotated so the first starts at 12 o'clock */
		r |= buf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"none\" stroke=\"%s\" "
				     "stroke-width=\"%.1f\" stroke-dasharray=\"%.3f %.3f\" stroke-dashoffset=\"%.3f\" "
				     "transform=\"rotate(-90 %.1f %.1f)\"><title>",
				cx, cy, rad, safe_color(colors[i]), size * 0.15, len, circ - len, -off, cx, cy);
		r |= esc_xml(out, names[i]);
		r |= buf_printf(out, ": %lld</title></circle>", (long long)values[i]);
		off += len;
	}
	snprintf(num, sizeof(num), "%lld", (long long)total);
	r |= text_el(out, cx, cy + 8, "middle", 22, "bold", num);
	r |= legend(out, size + 10, 40, 290, names, colors, values, n, 1) < 0;
	r |= buf_addstr(out, "</svg>");
	return r ? -1 : 0;
}

int chart_status_donut(struct buf *out, const char *title, const char *const *status_names,
		       const int64_t n[TRACK_NSTATUS])
{
	const char *colors[TRACK_NSTATUS];

	for (int i = 0; i < TRACK_NSTATUS; i++)
		colors[i] = chart_status_color((enum track_status)i);
	return chart_donut(out, title, status_names, colors, n, TRACK_NSTATUS, 0);
}
