/* esc.h - escaping text for XML, HTML, Markdown and CSV output of reports and exports */
#ifndef DD_REPORT_ESC_H
#define DD_REPORT_ESC_H

#include "util/buf.h"

/* Append s escaped for XML 1.0 element content and attribute values (&, <, >, ", ').
 * Invalid UTF-8 becomes U+FFFD; control characters that XML 1.0 forbids are dropped
 * (tab and newline are kept). s may be NULL (nothing appended). Returns 0 or -1 (limit). */
int esc_xml(struct buf *b, const char *s);
/* Same, for at most n bytes of s. */
int esc_xml_n(struct buf *b, const char *s, size_t n);

/* Append s for a Markdown table cell or paragraph: "|", "*", "_", "`", "\\", "<", "[" and
 * "]" are backslash-escaped and newlines become spaces. */
int esc_md(struct buf *b, const char *s);

/* Append s as one CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF,
 * with quotes doubled. A field starting with =, +, - or @ gets a leading apostrophe so that
 * spreadsheet programs do not run it as a formula. */
int esc_csv(struct buf *b, const char *s);

#endif
