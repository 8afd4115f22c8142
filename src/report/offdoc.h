/* offdoc.h - the frame of an official document in DOCX: header block, title, headings, body, signature */
#ifndef DD_REPORT_OFFDOC_H
#define DD_REPORT_OFFDOC_H

#include "docxw.h"
#include "report.h"

/* A writer with the page setup of l's style (A4, Times New Roman 14, margins 20/20/30/15 mm,
 * page numbers from page 2). title goes to the document properties. */
struct docxw *offdoc_new(const struct report_layout *l, const char *title);

/* The header: a borderless two-column table. type_code "BC" or "TB" gives the blank number
 * ("Số      -BC/TU" or "Số:      /BC-UBND"); date_iso NULL leaves the date blank (draft) for
 * year blank_year; draft_no > 0 adds "Dự thảo lần N". */
void offdoc_header(struct docxw *d, const struct report_layout *l, const char *type_code,
		   const char *date_iso, int blank_year, int draft_no);
/* Type name ("BÁO CÁO") and subject (Party: starts lower-case; State: upper-case), then the
 * separator ("-----" or a short rule). */
void offdoc_title(struct docxw *d, const struct report_layout *l, const char *type_name,
		  const char *subject);
/* Section heading: roman numeral n (1..) and upper-case text: "I- TEXT" (Party) or
 * "I. TEXT" (State). */
void offdoc_heading(struct docxw *d, const struct report_layout *l, int n, const char *text);
/* Bold sub-heading as given ("1. Tình hình chung"). */
void offdoc_subheading(struct docxw *d, const char *text);
/* Body paragraph: 14 pt, justified, first-line indent 1.27 cm, 6 pt after. */
void offdoc_body(struct docxw *d, const char *text);
/* The closing block: "Nơi nhận" left, signature right. */
void offdoc_signature(struct docxw *d, const struct report_layout *l);

/* Text width of the page in twips (A4 minus margins). */
#define OFFDOC_TEXT_WIDTH 9355

#endif
