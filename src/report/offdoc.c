/* offdoc.c - the frame of an official document in DOCX: header block, title, headings, body, signature */
#include "offdoc.h"

#include <stdio.h>
#include <string.h>

#include "util/buf.h"

/* Margins from FORMAT-NOTES §1.3/§2.3: top/bottom 20 mm, left 30 mm, right 15 mm. */
#define MM20 1134
#define MM30 1701
#define MM15 850

struct docxw *offdoc_new(const struct report_layout *l, const char *title)
{
	struct docxw_page pg;

	(void)l;
	memset(&pg, 0, sizeof(pg));
	pg.top = MM20;
	pg.bottom = MM20;
	pg.left = MM30;
	pg.right = MM15;
	pg.font_size = 14;
	pg.page_numbers = 1;
	pg.title = title;
	pg.creator = "dondoc";
	return docxw_new(&pg);
}

static const struct docxw_par P_CENTER = {.align = DOCXW_CENTER};

void offdoc_header(struct docxw *d, const struct report_layout *l, const char *type_code,
		   const char *date_iso, int blank_year, int draft_no)
{
	int widths[2];
	char date[64], line[256];
	struct docxw_par rule = {.align = DOCXW_CENTER, .rule_below = 1};

	report_date_long(date_iso, blank_year, date, sizeof(date));
	if (!l->state) {
		widths[0] = 3900;
		widths[1] = OFFDOC_TEXT_WIDTH - 3900;
	} else {
		widths[0] = 3800;
		widths[1] = OFFDOC_TEXT_WIDTH - 3800;
	}
	docxw_table_begin(d, 2, widths, 0);
	docxw_row_begin(d, 0);
	docxw_cell_begin(d, NULL);
	if (!l->state) {
		if (l->parent && *l->parent)
			docxw_par(d, &P_CENTER, 0, 14, l->parent);
		docxw_par(d, &P_CENTER, DOCXW_B, 14, l->issuer);
		docxw_par(d, &P_CENTER, 0, 14, "*");
		snprintf(line, sizeof(line), "Số       -%s/%s", type_code, l->issuer_code);
		docxw_par(d, &P_CENTER, 0, 14, line);
	} else {
		if (l->parent && *l->parent)
			docxw_par(d, &P_CENTER, 0, 13, l->parent);
		docxw_par(d, &P_CENTER, DOCXW_B, 13, l->issuer);
		rule.left = 1300;
		rule.right = 1300;
		docxw_par(d, &rule, 0, 6, "");
		snprintf(line, sizeof(line), "Số:        /%s-%s", type_code, l->issuer_code);
		docxw_par(d, &(struct docxw_par){.align = DOCXW_CENTER, .before = 120}, 0, 13, line);
	}
	if (draft_no > 0) {
		snprintf(line, sizeof(line), "Dự thảo lần %d", draft_no);
		docxw_par(d, &(struct docxw_par){.align = DOCXW_CENTER, .before = 120}, DOCXW_I, 14, line);
	}
	docxw_cell_end(d);
	docxw_cell_begin(d, NULL);
	if (!l->state) {
		/* the rule under the title is as long as the title: an underline */
		docxw_par(d, &P_CENTER, DOCXW_B | DOCXW_U, 15, "ĐẢNG CỘNG SẢN VIỆT NAM");
		docxw_par(d, &P_CENTER, 0, 8, "");
	} else {
		docxw_par(d, &P_CENTER, DOCXW_B, 12, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
		/* the rule under the Tiêu ngữ is as long as the line: an underline */
		docxw_par(d, &P_CENTER, DOCXW_B | DOCXW_U, 13, "Độc lập - Tự do - Hạnh phúc");
	}
	snprintf(line, sizeof(line), "%s, %s", l->place, date);
	docxw_par(d, &(struct docxw_par){.align = DOCXW_CENTER, .before = 120}, DOCXW_I, 14, line);
	docxw_cell_end(d);
	docxw_row_end(d);
	docxw_table_end(d);
}

void offdoc_title(struct docxw *d, const struct report_layout *l, const char *type_name,
		  const char *subject)
{
	docxw_par(d, &(struct docxw_par){.align = DOCXW_CENTER, .before = 360, .keep_next = 1},
		  DOCXW_B, l->state ? 14 : 16, type_name);
	docxw_par(d, &(struct docxw_par){.align = DOCXW_CENTER, .left = 600, .right = 600,
					 .keep_next = 1},
		  DOCXW_B, 14, subject);
	if (!l->state)
		docxw_par(d, &(struct docxw_par){.align = DOCXW_CENTER, .after = 240}, 0, 14, "-----");
	else
		docxw_par(d, &(struct docxw_par){.align = DOCXW_CENTER, .left = 3400, .right = 3400,
						 .rule_below = 1, .after = 240},
			  0, 6, "");
}

static const char *const roman[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"};

void offdoc_heading(struct docxw *d, const struct report_layout *l, int n, const char *text)
{
	char line[512];

	snprintf(line, sizeof(line), "%s%s %s", (n >= 1 && n <= 10) ? roman[n - 1] : "",
		 l->state ? "." : "-", text);
	docxw_par(d, &(struct docxw_par){.align = DOCXW_JUSTIFY, .first_line = 720, .before = 120,
					 .after = 120, .keep_next = 1, .line = 276},
		  DOCXW_B, 14, line);
}

void offdoc_subheading(struct docxw *d, const char *text)
{
	docxw_par(d, &(struct docxw_par){.align = DOCXW_JUSTIFY, .first_line = 720, .before = 60,
					 .after = 120, .line = 276},
		  DOCXW_B, 14, text);
}

void offdoc_body(struct docxw *d, const char *text)
{
	docxw_par(d, &(struct docxw_par){.align = DOCXW_JUSTIFY, .first_line = 720, .after = 120,
					 .line = 276},
		  0, 14, text);
}

void offdoc_signature(struct docxw *d, const struct report_layout *l)
{
	int widths[2] = {4300, OFFDOC_TEXT_WIDTH - 4300};
	struct buf b = BUF_INIT;
	const struct docxw_par left = {.align = DOCXW_LEFT};

	docxw_par(d, NULL, 0, 12, "");
	docxw_table_begin(d, 2, widths, 0);
	docxw_row_begin(d, 0);
	docxw_cell_begin(d, NULL);
	if (!l->state)
		docxw_par(d, &left, DOCXW_U, 14, "Nơi nhận:");
	else
		docxw_par(d, &left, DOCXW_B | DOCXW_I, 12, "Nơi nhận:");
	for (size_t i = 0; i < l->nrecipients; i++) {
		buf_reset(&b);
		buf_printf(&b, "- %s%s", l->recipients[i], l->state ? ";" : ",");
		docxw_par(d, &left, 0, l->state ? 11 : 12, buf_str(&b));
	}
	buf_reset(&b);
	buf_printf(&b, "- %s.", l->archive);
	docxw_par(d, &left, 0, l->state ? 11 : 12, buf_str(&b));
	docxw_cell_end(d);
	docxw_cell_begin(d, NULL);
	docxw_par(d, &P_CENTER, DOCXW_B, 14, l->authority);
	docxw_par(d, &P_CENTER, l->state ? DOCXW_B : 0, 14, l->signer_title);
	for (int i = 0; i < 4; i++)
		docxw_par(d, &P_CENTER, 0, 14, "");
	docxw_par(d, &P_CENTER, DOCXW_B, 14, l->signer_name);
	docxw_cell_end(d);
	docxw_row_end(d);
	docxw_table_end(d);
	buf_release(&b);
}
