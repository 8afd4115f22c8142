/* confidence.h - how sure OCR was of each extracted value, so the office checks the weak ones */
#ifndef EX_CONFIDENCE_H
#define EX_CONFIDENCE_H

#include "jv.h"
#include "read/read.h"

/* A value whose lines were recognised with a lower confidence than this is listed in
 * source.ocr_check (docs/extract-schema.md). */
#define EX_CONF_CHECK_BELOW 70.0

/* For a document read by OCR (rd->ocr set): find the reader lines each value of out (a
 * dondoc.extract/1 object) was taken from, by its folded letters and digits, and add to
 * out.source "ocr_fields": {"number": 38.5, "tasks[2].deadline": 44.0, ...} (the lowest
 * confidence of those lines, one decimal) and "ocr_check": the same paths whose confidence is
 * below EX_CONF_CHECK_BELOW, in document order. A value found on no recognised line gets no
 * entry. Nothing is added when rd->ocr is 0 or out has no "source" object. */
void ex_confidence(struct jv *out, const struct rd_doc *rd);

#endif
