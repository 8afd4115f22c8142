/* read.c - format detection, limits and the rd_doc container shared by every reader */
#include "read.h"
#include "read_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/file.h"
#include "util/xalloc.h"
#include "vn/fold.h"

const struct rd_limits rd_limits_default = {
	.max_input = 64u << 20,
	.max_text = 32u << 20,
	.max_lines = 200000,
	.max_zip_entry = 64u << 20,
	.max_zip_entries = 5000,
	.max_xml_depth = 256,
	.max_pages = 2000,
};

static const char *const format_names[] = {
	[RD_UNKNOWN] = "unknown", [RD_TXT] = "txt",   [RD_MD] = "md",       [RD_HTML] = "html",
	[RD_DOCX] = "docx",       [RD_PDF] = "pdf",   [RD_IMAGE] = "image",
};

const char *rd_format_name(enum rd_format f)
{
	if ((unsigned)f >= sizeof(format_names) / sizeof(format_names[0]))
		return "unknown";
	return format_names[f];
}

/* The extension of name (after the last dot of the last path part), or "". */
static const char *extension(const char *name)
{
	const char *slash, *dot;

	if (!name)
		return "";
	slash = strrchr(name, '/');
	if (slash)
		name = slash + 1;
	dot = strrchr(name, '.');
	return dot ? dot + 1 : "";
}

static int has_prefix(const unsigned char *d, size_t n, const char *magic, size_t mlen)
{
	return n >= mlen && memcmp(d, magic, mlen) == 0;
}

/* Case-insensitive search for an ASCII needle in the first n bytes. */
static int contains_ci(const unsigned char *d, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	for (size_t i = 0; k && i + k <= n; i++)
		if (strncasecmp((const char *)d + i, needle, k) == 0)
			return 1;
	return 0;
}

/* HTML: the first non-blank thing is a tag that starts an HTML document. */
static int looks_like_html(const unsigned char *d, size_t n)
{
	static const char *const starts[] = {"<!doctype html", "<html", "<head", "<body", "<meta",
					     "<title", "<p>", "<div", "<table", "<h1", "<h2"};
	size_t i = 0, head = n < 2048 ? n : 2048;

	if (has_prefix(d, n, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < n && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n'))
		i++;
	if (i >= n || d[i] != '<')
		return 0;
	for (size_t k = 0; k < sizeof(starts) / sizeof(starts[0]); k++) {
		size_t len = strlen(starts[k]);
		if (n - i >= len && strncasecmp((const char *)d + i, starts[k], len) == 0)
			return 1;
	}
	/* a comment or an XML declaration before the <html> element */
	return (has_prefix(d + i, n - i, "<!--", 4) || has_prefix(d + i, n - i, "<?xml", 5)) &&
	       contains_ci(d, head, "<html");
}

enum rd_format rd_detect(const void *data, size_t n, const char *name)
{
	const unsigned char *d = data;
	const char *ext = extension(name);
	size_t head = n < 1024 ? n : 1024;

	if (!d || n == 0)
		return RD_UNKNOWN;
	/* PDF readers accept the header anywhere in the first kilobyte */
	for (const unsigned char *p = memchr(d, '%', head); p;
	     p = memchr(p + 1, '%', head - (size_t)(p + 1 - d)))
		if (head - (size_t)(p - d) >= 5 && memcmp(p, "%PDF-", 5) == 0)
			return RD_PDF;
	if (has_prefix(d, n, "PK\x03\x04", 4))
		return RD_DOCX;
	if (has_prefix(d, n, "\x89PNG", 4) || has_prefix(d, n, "\xFF\xD8\xFF", 3) ||
	    has_prefix(d, n, "GIF8", 4) || has_prefix(d, n, "II*\0", 4) ||
	    has_prefix(d, n, "MM\0*", 4))
		return RD_IMAGE;
	if (has_prefix(d, n, "\xD0\xCF\x11\xE0", 4) || has_prefix(d, n, "{\\rtf", 5))
		return RD_UNKNOWN; /* legacy .doc, encrypted Office files, RTF */
	if (looks_like_html(d, n))
		return RD_HTML;
	/* UTF-16 text has NUL bytes but a byte-order mark */
	if (!has_prefix(d, n, "\xFF\xFE", 2) && !has_prefix(d, n, "\xFE\xFF", 2) &&
	    memchr(d, '\0', head))
		return RD_UNKNOWN;
	if (strcasecmp(ext, "md") == 0 || strcasecmp(ext, "markdown") == 0)
		return RD_MD;
	if ((strcasecmp(ext, "html") == 0 || strcasecmp(ext, "htm") == 0) && memchr(d, '<', head))
		return RD_HTML;
	return RD_TXT;
}

/* Why a buffer could not be read: the clearest message for what it looks like. */
static int unsupported(const unsigned char *d, size_t n, const char *name, struct dd_error *err)
{
	const char *ext = extension(name);

	if (n == 0)
		return dd_error_code(err, DD_ERR_DATA, "empty file");
	if (has_prefix(d, n, "\xD0\xCF\x11\xE0", 4))
		return dd_error_code(err, DD_ERR_DATA,
				     "old Word/Office format or password-protected Office file "
				     "(not supported; save it as .docx)");
	if (has_prefix(d, n, "{\\rtf", 5))
		return dd_error_code(err, DD_ERR_DATA, "RTF is not supported (save it as .docx)");
	if (strcasecmp(ext, "docx") == 0)
		return dd_error_code(err, DD_ERR_DATA, "not a DOCX file (no zip signature)");
	if (strcasecmp(ext, "pdf") == 0)
		return dd_error_code(err, DD_ERR_DATA, "not a PDF file (no %%PDF header)");
	return dd_error_code(err, DD_ERR_DATA, "not a supported document format (binary data)");
}

int rd_read_buffer_as(enum rd_format f, const char *name, const void *data, size_t n,
		      const struct rd_limits *lim, struct rd_doc *doc, struct dd_error *err)
{
	const char *ext = extension(name);
	int rc;

	if (!lim)
		lim = &rd_limits_default;
	if (!doc->path)
		doc->path = xstrdup(name ? name : "-");
	doc->bytes = n;
	doc->max_lines = lim->max_lines;
	doc->max_text = lim->max_text;
	doc->max_ocr_pages = lim->max_ocr_pages;
	doc->no_ocr = lim->no_ocr;
	if (lim->max_input && n > lim->max_input)
		return dd_error_code(err, DD_ERR_DATA, "file too large (%zu bytes, limit %zu)", n,
				     lim->max_input);
	if (f == RD_UNKNOWN) {
		f = rd_detect(data, n, name);
		/* a name promising a container the bytes are not: say so rather than show junk */
		if ((f == RD_TXT || f == RD_MD) &&
		    (strcasecmp(ext, "docx") == 0 || strcasecmp(ext, "pdf") == 0))
			f = RD_UNKNOWN;
	}
	doc->format = f;
	switch (f) {
	case RD_TXT:
	case RD_MD:
		rc = rd_read_text(data, n, f == RD_MD, lim, doc, err);
		break;
	case RD_HTML:
		rc = rd_read_html(data, n, lim, doc, err);
		break;
	case RD_DOCX:
		rc = rd_read_docx(data, n, lim, doc, err);
		break;
	case RD_PDF:
		rc = rd_read_pdf(data, n, lim, doc, err);
		break;
	case RD_IMAGE:
		rc = rd_read_image(data, n, lim, doc, err);
		break;
	default:
		return unsupported(data, n, name, err);
	}
	return rc;
}

int rd_read_buffer(const char *name, const void *data, size_t n, const struct rd_limits *lim,
		   struct rd_doc *doc, struct dd_error *err)
{
	return rd_read_buffer_as(RD_UNKNOWN, name, data, n, lim, doc, err);
}

int rd_read_file(const char *path, const struct rd_limits *lim, struct rd_doc *doc,
		 struct dd_error *err)
{
	struct buf in;
	int rc;

	if (!lim)
		lim = &rd_limits_default;
	buf_init(&in, lim->max_input);
	if (file_read_all(path, lim->max_input, &in, err) < 0) {
		/* file_read_all names the file; the callers of this module add it themselves */
		if (err && err->code == DD_ERR_DATA) {
			dd_error_code(err, DD_ERR_DATA, "file too large (limit %zu bytes)", lim->max_input);
		} else if (err) {
			const char *why = strstr(err->msg, "': ");
			char reason[DD_ERRMSG_MAX];
			snprintf(reason, sizeof(reason), "%s", why ? why + 3 : err->msg);
			if (strstr(err->msg, "is a directory"))
				snprintf(reason, sizeof(reason), "is a directory");
			dd_error_code(err, DD_ERR_NOINPUT, "cannot read: %s", reason);
		}
		buf_release(&in);
		return -1;
	}
	rc = rd_read_buffer(path, buf_str(&in), in.len, lim, doc, err);
	buf_release(&in);
	return rc;
}

int rd_doc_add_text(struct rd_doc *doc, const char *text, size_t len, unsigned indent,
		    unsigned flags, int page, int col, int row)
{
	struct rd_line *l = rd_line_new(doc, len, indent, flags, page, col, row);

	if (!l)
		return -1;
	if (!doc->text_mem.first)
		arena_init(&doc->text_mem, 0);
	l->text = arena_alloc(&doc->text_mem, len + 1);
	memcpy(l->text, text, len);
	l->text[len] = '\0';
	return 0;
}

int rd_doc_add_line(struct rd_doc *doc, const char *text, size_t len, unsigned indent,
		    unsigned flags, int page, int col, int row)
{
	/* what strlen() of the copy gives: a NUL inside ends the text (the limits count all
	 * of len, as they did when the copy was len bytes) */
	const char *nul = memchr(text, '\0', len);
	size_t text_bytes, tlen = nul ? (size_t)(nul - text) : len;

	if (doc->max_text && (len > doc->max_text || doc->text_bytes > doc->max_text - len))
		return -1;
	text_bytes = doc->text_bytes;
	if (rd_doc_add_text(doc, text, tlen, indent, flags, page, col, row) < 0)
		return -1;
	doc->text_bytes = text_bytes + len + 1;
	return 0;
}

int rd_doc_limit_error(const struct rd_doc *doc, struct dd_error *err)
{
	if (doc->max_lines && doc->nlines >= doc->max_lines)
		return dd_error_code(err, DD_ERR_DATA, "too many lines (limit %zu)", doc->max_lines);
	return dd_error_code(err, DD_ERR_DATA, "too much text (limit %zu bytes)", doc->max_text);
}

void rd_doc_set_line_conf(struct rd_doc *doc, float conf, const struct rd_word *words, size_t n)
{
	struct rd_line *l;

	if (!doc->nlines)
		return;
	l = &doc->lines[doc->nlines - 1];
	l->conf = conf;
	free(l->words);
	l->words = n ? xreallocarray(NULL, n, sizeof(*words)) : NULL;
	if (n)
		memcpy(l->words, words, n * sizeof(*words));
	l->nwords = n;
}

int rd_match_key(const char *s, size_t n, struct buf *tmp, struct buf *out)
{
	buf_reset(tmp);
	if (vn_fold(s, n, tmp) < 0)
		return -1;
	for (size_t i = 0; i < tmp->len; i++) {
		unsigned char c = (unsigned char)tmp->ptr[i];
		if (((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) && buf_addch(out, (char)c) < 0)
			return -1;
	}
	return 0;
}

void rd_doc_add_warning(struct rd_doc *doc, const char *msg)
{
	size_t max = sizeof(doc->warnings) / sizeof(doc->warnings[0]);

	for (size_t i = 0; i < doc->nwarnings; i++)
		if (strcmp(doc->warnings[i], msg) == 0)
			return;
	if (doc->nwarnings < max)
		doc->warnings[doc->nwarnings++] = xstrdup(msg);
}

void rd_doc_release(struct rd_doc *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->nlines; i++)
		if (doc->lines[i].words) /* OCR lines only: no call for the others */
			free(doc->lines[i].words);
	free(doc->lines);
	arena_release(&doc->text_mem);
	free(doc->text_block);
	for (size_t i = 0; i < doc->nwarnings; i++)
		free(doc->warnings[i]);
	free(doc->path);
	free(doc->stamp_signer);
	free(doc->stamp_time);
	memset(doc, 0, sizeof(*doc));
}
