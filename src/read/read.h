/* read.h - document readers: bytes of any supported format -> clean NFC lines + layout hints */
#ifndef RD_READ_H
#define RD_READ_H

#include <stddef.h>

#include "util/arena.h"
#include "util/error.h"
#include "vn/normalize.h"

enum rd_format { RD_UNKNOWN = 0, RD_TXT, RD_MD, RD_HTML, RD_DOCX, RD_PDF, RD_IMAGE };

/* Layout hints a reader may know (bit flags). */
enum rd_line_flag {
	RD_BOLD = 1 << 0,
	RD_ITALIC = 1 << 1,
	RD_CENTER = 1 << 2,
	RD_TABLE = 1 << 3,    /* the line came from a table cell (col/row set) */
	RD_AUTONUM = 1 << 4,  /* the label at the start of text was rebuilt from Word numbering */
	RD_HEADING = 1 << 5,  /* a heading style / <h1..h6> */
	RD_UNDERLINE = 1 << 6,
	RD_LIST = 1 << 7      /* an HTML <li> or Word list paragraph */
};

/* Text and Markdown keep blank lines (as "") between paragraphs, one line per input line;
 * HTML, DOCX and PDF give no empty lines: one line per block / paragraph (and manual line
 * break) / physical PDF line. PDF column blocks (the two-column header, "Nơi nhận" beside the
 * signature) come as RD_TABLE lines read column by column, like DOCX header tables. */
/* OCR: one recognised word of a line, in reading order: how many bytes of the line's match
 * key (rd_match_key) it gave, and Tesseract's confidence in it (0..100). */
struct rd_word {
	unsigned keylen;
	float conf;
};

struct rd_line {
	char *text;     /* NFC UTF-8, no newline; leading/trailing space trimmed, inner runs kept;
			 * in the doc's text_mem or text_block (rd_doc_release frees them) */
	size_t len;     /* strlen(text) */
	unsigned indent; /* leading indentation in columns (text/PDF) or a nesting level (DOCX/HTML) */
	unsigned flags;  /* rd_line_flag */
	int page;        /* 1-based page when known, else 0 */
	int col, row;    /* table column/row (0-based) when RD_TABLE, else -1 */
	float conf;      /* OCR: the lowest word confidence on the line (0..100); -1 when the
			  * line was not recognised by OCR (rd_doc_add_line sets -1) */
	struct rd_word *words; /* OCR: the line's words (rd_doc_set_line_conf), else NULL */
	size_t nwords;
};

/* Limits; the defaults (rd_limits_default) are documented in docs/architecture.md:
 * 64 MiB input, 32 MiB text, 200,000 lines, 64 MiB per DOCX part (declared size checked and
 * inflated bytes counted), 5,000 zip entries, XML/HTML depth 256, 2,000 PDF pages. 0 = none. */
struct rd_limits {
	size_t max_input;      /* bytes of the file itself */
	size_t max_text;       /* bytes of extracted text */
	size_t max_lines;
	size_t max_zip_entry;  /* uncompressed bytes of one DOCX part */
	size_t max_zip_entries;
	unsigned max_xml_depth;
	unsigned max_pages;
	unsigned max_ocr_pages; /* pages of a scan or image recognised by OCR (0: OCR's own, 200) */
	int no_ocr;             /* nonzero: a scan or an image is refused, not recognised (fuzzers) */
};
extern const struct rd_limits rd_limits_default;

struct rd_doc {
	char *path;               /* as given */
	enum rd_format format;
	size_t bytes;             /* size of the input */
	struct vn_report report;  /* encoding detected, repairs made */
	struct rd_line *lines;
	size_t nlines, cap;
	/* the lines' texts, one after another: a malloc and a free per line were ~5% of
	 * extraction; chunks never move, so text pointers stay valid while lines are added */
	struct arena text_mem;
	/* the text reader's normalized text, where the texts of its lines without markup are
	 * (cut by a NUL each, not copied); NULL for the other readers */
	char *text_block;
	/* digital-signature stamp text found (PDF), kept out of lines; NULL when none */
	char *stamp_signer;
	char *stamp_time;         /* as written, e.g. "09.01.2025 10:21:11 +07:00" */
	int ocr;                  /* lines came from OCR */
	double ocr_confidence;    /* mean confidence 0..100 when ocr */
	char *warnings[8];        /* reader notes (heap strings), e.g. "tracked changes accepted" */
	size_t nwarnings;
	/* set by rd_read_*: limits enforced by rd_doc_add_line (0 = no limit) and text so far */
	size_t max_lines, max_text, text_bytes;
	/* set by rd_read_*: the OCR limits of rd_limits, enforced by ocr_pdf / ocr_image */
	unsigned max_ocr_pages;
	int no_ocr;
};

/* "txt", "md", "html", "docx", "pdf", "image", "unknown". */
const char *rd_format_name(enum rd_format f);

/* Decide the format from the content (magic bytes), the name only breaking ties
 * (.md vs .txt). */
enum rd_format rd_detect(const void *data, size_t n, const char *name);

/* Read a file / a buffer into doc (caller-owned, zeroed or fresh). lim NULL = defaults.
 * Errors: DD_ERR_NOINPUT (cannot open/read), DD_ERR_DATA (corrupt, encrypted, over a limit,
 * not a supported format) with a message naming the problem (the caller adds the file). */
int rd_read_file(const char *path, const struct rd_limits *lim, struct rd_doc *doc,
		 struct dd_error *err);
int rd_read_buffer(const char *name, const void *data, size_t n, const struct rd_limits *lim,
		   struct rd_doc *doc, struct dd_error *err);

/* Append a line (text copied up to its first NUL, if any; UTF-8 expected to be NFC). -1
 * past max_lines or max_text (the doc's copies of the limits). */
int rd_doc_add_line(struct rd_doc *doc, const char *text, size_t len, unsigned indent,
		    unsigned flags, int page, int col, int row);
void rd_doc_add_warning(struct rd_doc *doc, const char *msg);
/* OCR: give the last line added its confidence and a copy of its words (n may be 0). */
void rd_doc_set_line_conf(struct rd_doc *doc, float conf, const struct rd_word *words, size_t n);
/* The key OCR confidences are traced by: vn_fold (lower case, no diacritics, đ -> d) keeping
 * only ASCII letters and digits, so spacing, punctuation and repairs that swap a letter for a
 * digit keep its length. Appended to out (tmp is scratch); -1 when out's limit is reached. */
int rd_match_key(const char *s, size_t n, struct buf *tmp, struct buf *out);
/* After rd_doc_add_line failed: set err to "too many lines" / "too much text" (DD_ERR_DATA). */
int rd_doc_limit_error(const struct rd_doc *doc, struct dd_error *err);
void rd_doc_release(struct rd_doc *doc);

/* Like rd_read_buffer but with the format forced (RD_UNKNOWN = detect); for fuzzers and
 * callers that know better than the magic bytes. */
int rd_read_buffer_as(enum rd_format f, const char *name, const void *data, size_t n,
		      const struct rd_limits *lim, struct rd_doc *doc, struct dd_error *err);

/* For tests: 0 makes the text reader take its plain ways (no 16-byte scans, no line read
 * where it is), 1 (the default) its fast paths; they must give the same lines. */
void rd_text_fast_paths(int on);

/* The per-format readers behind rd_read_buffer (text.c, html.c, docx.c, pdf.c). doc->path,
 * format, bytes and the doc limits are already set; they add lines, fill doc->report and
 * return 0, or -1 with err set (DD_ERR_DATA). The caller releases doc on failure. */
int rd_read_text(const char *data, size_t n, int markdown, const struct rd_limits *lim,
		 struct rd_doc *doc, struct dd_error *err);
int rd_read_html(const char *data, size_t n, const struct rd_limits *lim, struct rd_doc *doc,
		 struct dd_error *err);
int rd_read_docx(const char *data, size_t n, const struct rd_limits *lim, struct rd_doc *doc,
		 struct dd_error *err);
int rd_read_pdf(const char *data, size_t n, const struct rd_limits *lim, struct rd_doc *doc,
		struct dd_error *err);
/* image.c: PNG, JPEG, TIFF, ... read by OCR (src/ocr, which pdf.c calls for a PDF without text) */
int rd_read_image(const char *data, size_t n, const struct rd_limits *lim, struct rd_doc *doc,
		  struct dd_error *err);

#endif
