/* docxw.c - a small writer of WordprocessingML (.docx) documents: paragraphs, runs, tables */
#include "docxw.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "esc.h"
#include "read/xmlzip.h"
#include "util/file.h"
#include "util/xalloc.h"

#define DOCXW_MAX ((size_t)1 << 30) /* document.xml; far above any report */

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PR "http://schemas.openxmlformats.org/package/2006/relationships"
#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

struct docxw {
	struct docxw_page page;
	char *font, *title, *creator;
	struct buf doc;     /* body of word/document.xml */
	int failed;         /* an append passed the limit */
	int in_par;
	int ncols, *widths; /* current table */
	int cell_pars;      /* paragraphs written in the current cell */
	int col;            /* current column in the row */
	int borders;        /* current table has lines (a data table) */
};

static void add(struct docxw *d, const char *s)
{
	if (buf_addstr(&d->doc, s) < 0)
		d->failed = 1;
}

static void addf(struct docxw *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void addf(struct docxw *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (buf_vprintf(&d->doc, fmt, ap) < 0)
		d->failed = 1;
	va_end(ap);
}

struct docxw *docxw_new(const struct docxw_page *page)
{
	struct docxw *d = xcalloc(1, sizeof(*d));

	if (page)
		d->page = *page;
	if (!d->page.width || !d->page.height) {
		d->page.width = 11906;
		d->page.height = 16838;
	}
	if (!d->page.font_size)
		d->page.font_size = 14;
	d->font = xstrdup(page && page->font ? page->font : "Times New Roman");
	d->title = xstrdup(page && page->title ? page->title : "");
	d->creator = xstrdup(page && page->creator ? page->creator : "dondoc");
	buf_init(&d->doc, DOCXW_MAX);
	return d;
}

void docxw_free(struct docxw *d)
{
	if (!d)
		return;
	buf_release(&d->doc);
	free(d->font);
	free(d->title);
	free(d->creator);
	free(d->widths);
	free(d);
}

void docxw_par_begin(struct docxw *d, const struct docxw_par *p)
{
	static const char *const jc[] = {"left", "center", "right", "both"};
	struct docxw_par z;

	if (d->in_par)
		docxw_par_end(d);
	if (!p) {
		memset(&z, 0, sizeof(z));
		p = &z;
	}
	d->in_par = 1;
	d->cell_pars++;
	add(d, "<w:p><w:pPr>");
	if (p->keep_next)
		add(d, "<w:keepNext/>");
	if (p->page_break)
		add(d, "<w:pageBreakBefore/>");
	if (p->rule_below)
		add(d, "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" "
		       "w:color=\"000000\"/></w:pBdr>");
	addf(d, "<w:spacing w:before=\"%d\" w:after=\"%d\" w:line=\"%d\" w:lineRule=\"auto\"/>",
	     p->before, p->after, p->line > 0 ? p->line : 240);
	if (p->left || p->right || p->first_line) {
		addf(d, "<w:ind w:left=\"%d\" w:right=\"%d\"", p->left, p->right);
		if (p->first_line > 0)
			addf(d, " w:firstLine=\"%d\"", p->first_line);
		else if (p->first_line < 0)
			addf(d, " w:hanging=\"%d\"", -p->first_line);
		add(d, "/>");
	}
	if ((unsigned)p->align < 4)
		addf(d, "<w:jc w:val=\"%s\"/>", jc[p->align]);
	add(d, "</w:pPr>");
}

/* One w:r per line/tab segment keeps the markup simple. */
void docxw_run(struct docxw *d, unsigned style, int size, const char *text)
{
	const char *p;

	if (!d->in_par)
		docxw_par_begin(d, NULL);
	if (!text)
		text = "";
	add(d, "<w:r><w:rPr>");
	if (style & DOCXW_B)
		add(d, "<w:b/><w:bCs/>");
	if (style & DOCXW_I)
		add(d, "<w:i/><w:iCs/>");
	if (size > 0)
		addf(d, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>", size * 2, size * 2);
	if (style & DOCXW_U)
		add(d, "<w:u w:val=\"single\"/>");
	add(d, "</w:rPr>");
	p = text;
	while (*p) {
		size_t n = strcspn(p, "\n\t");
		if (n) {
			add(d, "<w:t xml:space=\"preserve\">");
			if (esc_xml_n(&d->doc, p, n) < 0)
				d->failed = 1;
			add(d, "</w:t>");
		}
		p += n;
		if (*p == '\n')
			add(d, "<w:br/>");
		else if (*p == '\t')
			add(d, "<w:tab/>");
		if (*p)
			p++;
	}
	add(d, "</w:r>");
}

void docxw_par_end(struct docxw *d)
{
	if (!d->in_par)
		return;
	add(d, "</w:p>");
	d->in_par = 0;
}

void docxw_par(struct docxw *d, const struct docxw_par *p, unsigned style, int size,
	       const char *text)
{
	docxw_par_begin(d, p);
	if (text && *text)
		docxw_run(d, style, size, text);
	docxw_par_end(d);
}

void docxw_table_begin(struct docxw *d, int ncols, const int *widths, int borders)
{
	static const char *const sides[] = {"top", "left", "bottom", "right", "insideH", "insideV"};
	int total = 0;

	docxw_par_end(d);
	free(d->widths);
	d->ncols = ncols;
	d->borders = borders;
	d->widths = xcalloc((size_t)ncols, sizeof(int));
	for (int i = 0; i < ncols; i++) {
		d->widths[i] = widths[i];
		total += widths[i];
	}
	addf(d, "<w:tbl><w:tblPr><w:tblW w:w=\"%d\" w:type=\"dxa\"/><w:tblBorders>", total);
	for (size_t i = 0; i < sizeof(sides) / sizeof(sides[0]); i++) {
		if (borders)
			addf(d, "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>",
			     sides[i]);
		else
			addf(d, "<w:%s w:val=\"nil\"/>", sides[i]);
	}
	add(d, "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar>"
	       "<w:left w:w=\"70\" w:type=\"dxa\"/><w:right w:w=\"70\" w:type=\"dxa\"/>"
	       "</w:tblCellMar></w:tblPr><w:tblGrid>");
	for (int i = 0; i < ncols; i++)
		addf(d, "<w:gridCol w:w=\"%d\"/>", widths[i]);
	add(d, "</w:tblGrid>");
	d->cell_pars = 0;
}

void docxw_row_begin(struct docxw *d, int header)
{
	/* layout tables (header, signature) never split; data rows may, or long rows would
	 * leave half-empty pages */
	add(d, "<w:tr><w:trPr>");
	if (header || !d->borders)
		add(d, "<w:cantSplit/>");
	if (header)
		add(d, "<w:tblHeader/>");
	add(d, "</w:trPr>");
	d->col = 0;
}

void docxw_cell_begin(struct docxw *d, const char *shade)
{
	int w = (d->widths && d->col < d->ncols) ? d->widths[d->col] : 1000;

	addf(d, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", w);
	if (shade)
		addf(d, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"%.6s\"/>", shade);
	add(d, "</w:tcPr>");
	d->cell_pars = 0;
	d->col++;
}

void docxw_cell_end(struct docxw *d)
{
	docxw_par_end(d);
	if (d->cell_pars == 0)
		add(d, "<w:p/>");
	add(d, "</w:tc>");
}

void docxw_row_end(struct docxw *d)
{
	add(d, "</w:tr>");
}

void docxw_table_end(struct docxw *d)
{
	add(d, "</w:tbl>");
	free(d->widths);
	d->widths = NULL;
	d->ncols = 0;
}

void docxw_cell_text(struct docxw *d, const char *shade, const struct docxw_par *p, unsigned style,
		     int size, const char *text)
{
	docxw_cell_begin(d, shade);
	docxw_par(d, p, style, size, text);
	docxw_cell_end(d);
}

/* ---- packaging ---------------------------------------------------------------------- */

static const char content_types[] =
	XML_HEAD
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
	"<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
	"<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
	"<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
	"<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
	"</Types>";

static const char root_rels[] =
	XML_HEAD
	"<Relationships xmlns=\"" NS_PR "\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
	"</Relationships>";

static const char doc_rels[] =
	XML_HEAD
	"<Relationships xmlns=\"" NS_PR "\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>"
	"</Relationships>";

static const char settings_xml[] =
	XML_HEAD
	"<w:settings xmlns:w=\"" NS_W "\">"
	"<w:defaultTabStop w:val=\"720\"/>"
	"<w:characterSpacingControl w:val=\"doNotCompress\"/>"
	"<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
	"w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
	"</w:settings>";

static const char app_xml[] =
	XML_HEAD
	"<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
	"<Application>dondoc</Application></Properties>";

static void build_styles(const struct docxw *d, struct buf *b)
{
	buf_addstr(b, XML_HEAD "<w:styles xmlns:w=\"" NS_W "\"><w:docDefaults><w:rPrDefault><w:rPr>");
	buf_addstr(b, "<w:rFonts w:ascii=\"");
	esc_xml(b, d->font);
	buf_addstr(b, "\" w:hAnsi=\"");
	esc_xml(b, d->font);
	buf_addstr(b, "\" w:eastAsia=\"");
	esc_xml(b, d->font);
	buf_addstr(b, "\" w:cs=\"");
	esc_xml(b, d->font);
	buf_printf(b, "\"/><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>"
		      "<w:lang w:val=\"vi-VN\" w:eastAsia=\"vi-VN\" w:bidi=\"ar-SA\"/>",
		   d->page.font_size * 2, d->page.font_size * 2);
	buf_addstr(b, "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" "
		      "w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
		      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
		      "<w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
		      "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
		      "<w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>"
		      "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
		      "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
		      "</w:tblCellMar></w:tblPr></w:style></w:styles>");
}

static void build_header(const struct docxw *d, struct buf *b)
{
	buf_addstr(b, XML_HEAD "<w:hdr xmlns:w=\"" NS_W "\"><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>");
	if (d->page.page_numbers)
		buf_printf(b, "<w:r><w:rPr><w:sz w:val=\"%d\"/></w:rPr><w:fldChar w:fldCharType=\"begin\"/></w:r>"
			      "<w:r><w:rPr><w:sz w:val=\"%d\"/></w:rPr><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
			      "<w:r><w:rPr><w:sz w:val=\"%d\"/></w:rPr><w:fldChar w:fldCharType=\"separate\"/></w:r>"
			      "<w:r><w:rPr><w:sz w:val=\"%d\"/></w:rPr><w:t>2</w:t></w:r>"
			      "<w:r><w:rPr><w:sz w:val=\"%d\"/></w:rPr><w:fldChar w:fldCharType=\"end\"/></w:r>",
			   d->page.font_size * 2, d->page.font_size * 2, d->page.font_size * 2,
			   d->page.font_size * 2, d->page.font_size * 2);
	buf_addstr(b, "</w:p></w:hdr>");
}

static void build_core(const struct docxw *d, struct buf *b)
{
	buf_addstr(b, XML_HEAD "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
		      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>");
	esc_xml(b, d->title);
	buf_addstr(b, "</dc:title><dc:creator>");
	esc_xml(b, d->creator);
	buf_addstr(b, "</dc:creator><dc:language>vi-VN</dc:language></cp:coreProperties>");
}

static void build_document(const struct docxw *d, struct buf *b)
{
	buf_addstr(b, XML_HEAD "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\"><w:body>");
	buf_add(b, buf_str(&d->doc), d->doc.len);
	buf_printf(b, "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId3\"/>"
		      "<w:pgSz w:w=\"%d\" w:h=\"%d\"/>"
		      "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" "
		      "w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/><w:titlePg/></w:sectPr>"
		      "</w:body></w:document>",
		   d->page.width, d->page.height, d->page.top, d->page.right, d->page.bottom,
		   d->page.left);
}

static int zip_add_part(zip_t *za, const char *name, const void *data, size_t len,
			struct dd_error *err)
{
	zip_source_t *src = zip_source_buffer(za, data, len, 0);
	zip_int64_t idx;

	if (!src)
		return dd_error(err, "cannot add '%s' to the document: %s", name, zip_strerror(za));
	idx = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
	if (idx < 0) {
		zip_source_free(src);
		return dd_error(err, "cannot add '%s' to the document: %s", name, zip_strerror(za));
	}
	/* the fastest deflate level: WordprocessingML compresses well anyway, and level 6 took
	 * half of the time of a 10,000-task report */
	if (zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 1) < 0)
		return dd_error(err, "cannot compress '%s': %s", name, zip_strerror(za));
	return 0;
}

int docxw_zip_parts(const char *const *names, const struct buf *parts, size_t n, struct buf *out,
		    struct dd_error *err)
{
	zip_error_t ze;
	zip_source_t *mem = NULL;
	zip_t *za = NULL;
	int ret = -1;
	char chunk[65536];
	zip_int64_t r;

	if (xmlzip_load_zip(err) < 0)
		return -1;
	zip_error_init(&ze);
	mem = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!mem) {
		dd_error(err, "cannot create the zip package: %s", zip_error_strerror(&ze));
		goto out;
	}
	za = zip_open_from_source(mem, ZIP_TRUNCATE, &ze);
	if (!za) {
		dd_error(err, "cannot create the zip package: %s", zip_error_strerror(&ze));
		goto out;
	}
	zip_source_keep(mem);
	for (size_t i = 0; i < n; i++)
		if (zip_add_part(za, names[i], buf_str(&parts[i]), parts[i].len, err) < 0)
			goto out;
	if (zip_close(za) < 0) {
		dd_error(err, "cannot write the zip package: %s", zip_strerror(za));
		goto out;
	}
	za = NULL;
	if (zip_source_open(mem) < 0) {
		dd_error(err, "cannot read back the zip package");
		goto out;
	}
	while ((r = zip_source_read(mem, chunk, sizeof(chunk))) > 0) {
		if (buf_add(out, chunk, (size_t)r) < 0) {
			zip_source_close(mem);
			dd_error(err, "document too large");
			goto out;
		}
	}
	zip_source_close(mem);
	if (r < 0) {
		dd_error(err, "cannot read back the zip package");
		goto out;
	}
	ret = 0;
out:
	if (za)
		zip_discard(za);
	zip_source_free(mem);
	return ret;
}

int docxw_finish(struct docxw *d, struct buf *out, struct dd_error *err)
{
	static const char *const names[] = {
		"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels",
		"word/document.xml", "word/styles.xml", "word/settings.xml", "word/header1.xml",
		"docProps/core.xml", "docProps/app.xml",
	};
	struct buf parts[9];
	int ret;

	docxw_par_end(d);
	if (d->failed)
		return dd_error(err, "document too large");
	for (size_t i = 0; i < 9; i++)
		buf_init(&parts[i], 0);
	buf_addstr(&parts[0], content_types);
	buf_addstr(&parts[1], root_rels);
	buf_addstr(&parts[2], doc_rels);
	build_document(d, &parts[3]);
	build_styles(d, &parts[4]);
	buf_addstr(&parts[5], settings_xml);
	build_header(d, &parts[6]);
	build_core(d, &parts[7]);
	buf_addstr(&parts[8], app_xml);
	ret = docxw_zip_parts(names, parts, 9, out, err);
	for (size_t i = 0; i < 9; i++)
		buf_release(&parts[i]);
	return ret;
}

int docxw_save_bytes(const struct buf *zip, const char *path, struct dd_error *err)
{
	if (strcmp(path, "-") == 0) {
		if (fwrite(buf_str(zip), 1, zip->len, stdout) != zip->len || fflush(stdout) != 0)
			return dd_error(err, "cannot write to standard output");
		return 0;
	}
	return file_write_atomic(path, buf_str(zip), zip->len, err);
}
