/* read_int.h - what the readers share with read.c and the callers of read.h need not see */
#ifndef RD_READ_INT_H
#define RD_READ_INT_H

#include <stddef.h>

#include "read.h"
#include "util/xalloc.h"

/* A new last line of len bytes with its layout, its text not set; NULL past the doc's limits
 * (max_lines, max_text). Inline: the text reader adds a line per input line. */
static inline struct rd_line *rd_line_new(struct rd_doc *doc, size_t len, unsigned indent,
					  unsigned flags, int page, int col, int row)
{
	struct rd_line *l;

	if (doc->max_lines && doc->nlines >= doc->max_lines)
		return NULL;
	if (doc->max_text && (len > doc->max_text || doc->text_bytes > doc->max_text - len))
		return NULL;
	XGROW(doc->lines, doc->nlines + 1, doc->cap);
	l = &doc->lines[doc->nlines++];
	l->len = len;
	l->indent = indent;
	l->flags = flags;
	l->page = page;
	l->col = (flags & RD_TABLE) ? col : -1;
	l->row = (flags & RD_TABLE) ? row : -1;
	l->conf = -1;
	l->words = NULL;
	l->nwords = 0;
	doc->text_bytes += len + 1;
	return l;
}

/* rd_doc_add_line for a text with no NUL byte in text[0..len) (the text reader's lines):
 * copied into the doc's text_mem. */
int rd_doc_add_text(struct rd_doc *doc, const char *text, size_t len, unsigned indent,
		    unsigned flags, int page, int col, int row);

#endif
