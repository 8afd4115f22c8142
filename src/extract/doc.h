/* doc.h - the extractor's working copy of a document: cleaned lines, zones, paragraphs */
#ifndef EX_DOC_H
#define EX_DOC_H

#include <stddef.h>

#include "gazetteer.h"
#include "jv.h"
#include "read/read.h"
#include "text.h"
#include "util/buf.h"

/* One piece of a source line: the whole line, or one column of a two-column line. */
struct ex_seg {
	char *text; /* cleaned: markup dropped, white space collapsed */
	size_t len;
	struct ex_fold f;
	unsigned col; /* column where the piece starts (indent + characters before it) */
	size_t line;  /* index of the source line */
	void *mem;    /* the block holding text and fold; NULL when they are the line's own */
};

struct ex_line {
	const char *raw; /* the reader's text (inner runs of spaces kept), not owned */
	size_t rawlen;
	char *text;     /* cleaned */
	size_t len;
	struct ex_fold f;
	unsigned indent;
	int row;         /* 1-based line number */
	int blank_before;
	int utf8_ok; /* 1: text is valid UTF-8 (jv_utf8_valid), 0: not, or not known */
};

/* Label kinds of list items, in no particular order. */
enum ex_label {
	LB_NONE = 0,
	LB_PART,   /* "Phần I", "Chương II" */
	LB_ROMAN,  /* "I.", "II-" */
	LB_DIEU,   /* "Điều 1." */
	LB_NUM,    /* "1.", "1)", "1-" */
	LB_MULTI,  /* "1.1." */
	LB_LETTER, /* "a)", "đ)" */
	LB_ORD,    /* "Một là,", "Thứ nhất," */
	LB_DASH,   /* "-", "–" */
	LB_PLUS,   /* "+" */
	LB_BULLET  /* "•", "*", "▪" */
};

struct ex_par {
	struct buf text; /* label removed, cleaned */
	struct ex_fold f;
	enum ex_label kind;
	char label[24]; /* as written: "1.", "a)", "-" */
	char key[16];   /* for ids: "1", "a", "" for bullets */
	int row;
	int depth;  /* nesting depth from the label stack (0 = outermost) */
	int ends_colon;
	int utf8_ok; /* 1: text is valid UTF-8 (jv_utf8_valid), 0: not, or not known */
	long task;  /* index into tasks, -1 */
	size_t line0, line1, off0; /* made of lines line0..line1 (page numbers skipped), the
				    * first one from byte off0 (after the label) */
	/* a field line of the item above ("- Cơ quan chủ trì: Sở Nội vụ", "- Thời gian hoàn
	 * thành: Quý II/2026"): EX_FIELD_*, that item's paragraph, where the value starts in f */
	int field;
	size_t field_of, field_at;
};

enum { EX_FIELD_NONE, EX_FIELD_LEAD, EX_FIELD_SUPPORT, EX_FIELD_DEADLINE, EX_FIELD_OTHER };

struct ex_doc {
	const struct rd_doc *rd;
	const struct gazetteer *gz;
	struct ex_line *lines;
	size_t nlines;
	char *line_mem; /* the lines' texts and folds, one block */
	/* zones, as line indexes */
	size_t type_line; /* (size_t)-1 when none */
	size_t body_start, body_end, foot_start;
	struct ex_par *pars;
	size_t npars, cappars;
	size_t first_task_par; /* first paragraph that holds a task, or npars */
	int year_ctx;          /* year of the document (issue date, else first date seen) */
	char issue_date[11];   /* YYYY-MM-DD from the header, "" when none (ex_header) */
	struct arena *jv;      /* where the result's values are made (jv.h) */
	struct jv *warnings;   /* array of strings */
	/* per topic of the gazetteer (the first 256), made on first use: its id and its units
	 * as string values, shared by every task that has the topic */
	struct jv ***topic_vals;
};

/* Build the working copy from a reader's document; the result's values go into arena jv. */
void ex_doc_init(struct ex_doc *d, const struct rd_doc *rd, const struct gazetteer *gz, struct arena *jv);
/* 1 when ex_clean_to would give s[0..n) back as it is (no blank at either end, no control
 * byte, no "  ", "**" or "__"): then dst (n + 1 bytes) has the copy and a NUL, which
 * ex_doc_init takes for the cleaned line. 0 (dst undefined) may be a false alarm. */
int ex_copy_clean(char *dst, const char *s, size_t n);
/* For tests: 0 keeps ex_copy_clean on 16-byte blocks on a CPU with AVX2, 1 (the default)
 * lets it take 32 bytes at a time there. */
void ex_copy_clean_avx2(int on);
void ex_doc_release(struct ex_doc *d);
void ex_warn(struct ex_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Split a line into pieces at runs of three or more spaces. Caller frees with ex_segs_free. */
struct ex_seg *ex_line_segments(const struct ex_line *l, size_t line, size_t *count);
/* 1 when ex_line_segments makes at most one piece of l, and that piece is the line's own
 * text and fold (no tab, no run of three spaces). */
int ex_line_one_piece(const struct ex_line *l);
void ex_segs_free(struct ex_seg *s, size_t n);
/* Set s to text[0..len) cleaned and its fold, in one allocation that ex_seg_release frees. */
void ex_seg_set(struct ex_seg *s, const char *text, size_t len, unsigned col, size_t line);
void ex_seg_release(struct ex_seg *s);

/* Case a name written in capitals as a person would ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI" ->
 * "Ủy ban nhân dân tỉnh Quảng Ngãi"); text that is not all capitals is kept as is. */
char *ex_name_case(const struct gazetteer *gz, const char *s, size_t n);

/* Parse a list label at the start of s; returns the kind (LB_NONE when none) and sets
 * *text_off to where the item's text starts. */
enum ex_label ex_label_parse(const char *s, size_t n, char *label, size_t lsz, char *key,
			     size_t ksz, size_t *text_off);

/* Header, footer and tasks; each adds its keys to out. */
/* The document type that starts line l at fold offset s0 (*e: where it ends in the fold),
 * also when the type in capitals runs straight into a lower-case subject with no space
 * between ("THÔNG BÁOkết luận ...": two runs of a document copied from a web page). */
const struct gz_type *ex_line_type(const struct gazetteer *gz, const struct ex_line *l, size_t s0, size_t *e);

void ex_header(struct ex_doc *d, struct jv *out);
void ex_footer(struct ex_doc *d, struct jv *out);
void ex_body(struct ex_doc *d, struct jv *out);

/* Line where the footer ("Nơi nhận", the signature) starts, at or after from; -1 none. */
int ex_footer_start(const struct ex_doc *d, size_t from);

/* Units named at fold[pos..): a list like "Sở Tài chính, Sở Xây dựng và các cơ quan liên
 * quan"; appends canonical names (no duplicates) to arr and returns the end, or pos. */
size_t ex_units_at(const struct ex_doc *d, const char *text, const struct ex_fold *f, size_t pos,
		   struct jv *arr);

/* Find a personal name (2-5 capitalized words, family name first) filling s[b..e) exactly;
 * returns it (heap) or NULL. repair: accept a family name damaged by OCR ("Âguyên"). */
char *ex_person_name(const char *s, size_t b, size_t e, int repair);

#endif
