/* taskimport_read.c - reading an exported task sheet: CSV (RFC 4180) and XLSX (sharedStrings + sheet1) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "read/xmlzip.h"
#include "taskimport.h"
#include "util/file.h"
#include "util/xalloc.h"

#define CELL_MAX ((size_t)1 << 20)   /* one cell */
#define MAX_STRINGS 4000000          /* shared strings */

void taskimport_sheet_release(struct taskimport_sheet *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		for (int c = 0; c < EXPORT_NCOLS; c++)
			free(s->rows[i].cells[c]);
	free(s->rows);
	memset(s, 0, sizeof(*s));
}

static void trim_ws(char *s)
{
	size_t n = strlen(s), i = 0;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	while (s[i] == ' ' || s[i] == '\t')
		i++;
	if (i)
		memmove(s, s + i, n - i + 1);
}

/* Map header cells to columns: map[k] = enum export_col of the k-th cell, or -1. */
static int map_header(char **cells, size_t ncells, int *map, struct taskimport_sheet *sh,
		      struct dd_error *err)
{
	for (size_t k = 0; k < ncells; k++) {
		map[k] = -1;
		if (!cells[k])
			continue;
		trim_ws(cells[k]);
		for (int c = 0; c < EXPORT_NCOLS; c++)
			if (strcmp(cells[k], export_columns[c]) == 0 && !sh->has_col[c]) {
				map[k] = c;
				sh->has_col[c] = 1;
				break;
			}
	}
	if (!sh->has_col[EXPORT_COL_ID])
		return dd_error_code(err, DD_ERR_DATA, "not a task sheet exported by dondoc: no column '%s'",
				     export_columns[EXPORT_COL_ID]);
	return 0;
}

/* Spreadsheets show a leading apostrophe as "text": the CSV export adds one before =+-@. */
static char *cell_value(const char *s)
{
	if (s[0] == '\'' && (s[1] == '=' || s[1] == '+' || s[1] == '-' || s[1] == '@'))
		s++;
	return xstrdup(s);
}

static int add_row(struct taskimport_sheet *sh, size_t *cap, long line, char **cells,
		   size_t ncells, const int *map, struct dd_error *err)
{
	struct taskimport_row *r;
	int any = 0;

	for (size_t k = 0; k < ncells; k++)
		if (cells[k] && cells[k][0])
			any = 1;
	if (!any)
		return 0; /* blank line */
	if (sh->n >= TASKIMPORT_MAX_ROWS)
		return dd_error_code(err, DD_ERR_DATA, "more than %d rows", TASKIMPORT_MAX_ROWS);
	XGROW(sh->rows, sh->n + 1, *cap);
	r = &sh->rows[sh->n++];
	memset(r, 0, sizeof(*r));
	r->line = line;
	for (size_t k = 0; k < ncells; k++) {
		if (map[k] < 0 || !cells[k] || !cells[k][0])
			continue;
		r->cells[map[k]] = cell_value(cells[k]);
		trim_ws(r->cells[map[k]]);
	}
	return 0;
}

/* ---- CSV ---- */

#define CSV_MAX_FIELDS 256

int taskimport_read_csv(const char *data, size_t n, struct taskimport_sheet *out,
			struct dd_error *err)
{
	char *cells[CSV_MAX_FIELDS];
	int map[CSV_MAX_FIELDS];
	size_t ncells = 0, i = 0, cap = 0;
	struct buf field;
	long record = 0;
	char sep = ',';
	int ret = -1;

	memset(out, 0, sizeof(*out));
	memset(cells, 0, sizeof(cells));
	buf_init(&field, CELL_MAX);
	if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	{
		/* Excel with a Vietnamese list separator writes ";" */
		size_t commas = 0, semis = 0;
		for (size_t k = i; k < n && data[k] != '\n'; k++) {
			commas += data[k] == ',';
			semis += data[k] == ';';
		}
		if (semis > commas)
			sep = ';';
	}
	while (i <= n) {
		int end_record = 0;

		buf_reset(&field);
		buf_addstr(&field, ""); /* non-NULL even when empty */
		if (i < n && data[i] == '"') {
			i++;
			for (;;) {
				if (i >= n) {
					dd_error_code(err, DD_ERR_DATA, "record %ld: unterminated quoted field",
						      record + 1);
					goto out;
				}
				if (data[i] == '"') {
					if (i + 1 < n && data[i + 1] == '"') {
						i += 2;
						if (buf_addch(&field, '"') < 0)
							goto toolong;
						continue;
					}
					i++;
					break;
				}
				if (buf_addch(&field, data[i++]) < 0)
					goto toolong;
			}
			/* anything up to the separator after the closing quote is ignored */
			while (i < n && data[i] != sep && data[i] != '\n')
				i++;
		} else {
			size_t s = i;
			while (i < n && data[i] != sep && data[i] != '\n')
				i++;
			if (buf_add(&field, data + s, i - s) < 0)
				goto toolong;
		}
		if (i >= n || data[i] == '\n')
			end_record = 1;
		i++; /* past the separator or newline (or past the end) */
		if (ncells >= CSV_MAX_FIELDS) {
			dd_error_code(err, DD_ERR_DATA, "record %ld: more than %d fields", record + 1,
				      CSV_MAX_FIELDS);
			goto out;
		}
		{
			char *f = buf_detach(&field, NULL);
			size_t l = strlen(f);
			if (l && f[l - 1] == '\r')
				f[l - 1] = '\0';
			cells[ncells++] = f;
		}
		if (end_record) {
			record++;
			if (record == 1) {
				if (map_header(cells, ncells, map, out, err) < 0)
					goto out;
				for (size_t k = ncells; k < CSV_MAX_FIELDS; k++)
					map[k] = -1;
			} else {
				if (add_row(out, &cap, record, cells, ncells, map, err) < 0)
					goto out;
			}
			for (size_t k = 0; k < ncells; k++) {
				free(cells[k]);
				cells[k] = NULL;
			}
			ncells = 0;
			if (i >= n)
				break;
		}
	}
	if (record == 0) {
		dd_error_code(err, DD_ERR_DATA, "empty file");
		goto out;
	}
	ret = 0;
	goto out;
toolong:
	dd_error_code(err, DD_ERR_DATA, "record %ld: field longer than %zu bytes", record + 1, CELL_MAX);
out:
	for (size_t k = 0; k < ncells; k++)
		free(cells[k]);
	buf_release(&field);
	if (ret < 0)
		taskimport_sheet_release(out);
	return ret;
}

/* ---- XLSX ---- */

struct strtab {
	char **s;
	size_t n, cap;
};

static void strtab_release(struct strtab *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->s[i]);
	free(t->s);
	memset(t, 0, sizeof(*t));
}

/* The bytes of one zip entry (at most TASKIMPORT_MAX_BYTES); 1 found, 0 absent, -1 error. */
static int zip_read(zip_t *za, const char *name, struct buf *out, struct dd_error *err)
{
	zip_stat_t st;
	zip_file_t *f;
	char chunk[65536];
	zip_int64_t r;

	if (zip_stat(za, name, 0, &st) < 0)
		return 0;
	if ((st.valid & ZIP_STAT_SIZE) && st.size > TASKIMPORT_MAX_BYTES)
		return dd_error_code(err, DD_ERR_DATA, "'%s' is too large", name);
	f = zip_fopen(za, name, 0);
	if (!f)
		return dd_error_code(err, DD_ERR_DATA, "cannot read '%s' in the workbook: %s", name,
				     zip_strerror(za));
	buf_init(out, TASKIMPORT_MAX_BYTES);
	while ((r = zip_fread(f, chunk, sizeof(chunk))) > 0)
		if (buf_add(out, chunk, (size_t)r) < 0) {
			zip_fclose(f);
			return dd_error_code(err, DD_ERR_DATA, "'%s' is too large", name);
		}
	zip_fclose(f);
	if (r < 0)
		return dd_error_code(err, DD_ERR_DATA, "cannot read '%s' in the workbook", name);
	buf_addstr(out, "");
	return 1;
}

static const int XML_OPTS = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

static int is_el(xmlTextReaderPtr r, const char *name)
{
	const xmlChar *n = xmlTextReaderConstLocalName(r);
	return n && strcmp((const char *)n, name) == 0;
}

/* Shared strings: each <si> is the concatenation of its <t> texts (rich runs included,
 * phonetic <rPh> runs excluded). */
static int read_strings(const struct buf *xml, struct strtab *tab, struct dd_error *err)
{
	xmlTextReaderPtr r = xmlReaderForMemory(buf_str(xml), (int)xml->len, "sharedStrings.xml",
						 NULL, XML_OPTS);
	struct buf cur = BUF_INIT;
	int ret, in_si = 0, in_t = 0, in_rph = 0;

	if (!r)
		return dd_error_code(err, DD_ERR_DATA, "cannot parse the shared strings");
	buf_init(&cur, CELL_MAX);
	while ((ret = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		if (type == XML_READER_TYPE_ELEMENT) {
			if (is_el(r, "si")) {
				in_si = 1;
				buf_reset(&cur);
				buf_addstr(&cur, "");
				if (xmlTextReaderIsEmptyElement(r))
					goto end_si;
			} else if (is_el(r, "rPh")) {
				in_rph = !xmlTextReaderIsEmptyElement(r);
			} else if (is_el(r, "t")) {
				in_t = !xmlTextReaderIsEmptyElement(r);
			}
		} else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
			   in_si && in_t && !in_rph) {
			const xmlChar *v = xmlTextReaderConstValue(r);
			if (v && buf_addstr(&cur, (const char *)v) < 0) {
				ret = -2;
				break;
			}
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (is_el(r, "t"))
				in_t = 0;
			else if (is_el(r, "rPh"))
				in_rph = 0;
			else if (is_el(r, "si"))
				goto end_si;
		}
		continue;
end_si:
		in_si = 0;
		if (tab->n >= MAX_STRINGS) {
			ret = -2;
			break;
		}
		XGROW(tab->s, tab->n + 1, tab->cap);
		tab->s[tab->n++] = xstrdup(buf_str(&cur));
	}
	xmlFreeTextReader(r);
	buf_release(&cur);
	if (ret == -2)
		return dd_error_code(err, DD_ERR_DATA, "shared strings too large");
	if (ret < 0)
		return dd_error_code(err, DD_ERR_DATA, "malformed shared strings");
	return 0;
}

/* "AB12" -> column 27 (0-based); -1 when not a cell reference. */
static long col_of(const char *ref)
{
	long c = 0;
	int n = 0;

	for (; *ref >= 'A' && *ref <= 'Z'; ref++, n++) {
		c = c * 26 + (*ref - 'A' + 1);
		if (c > 16384)
			return -1;
	}
	return n ? c - 1 : -1;
}

#define XLSX_MAX_COLS 256

static void free_cells(char **cells, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		free(cells[k]);
		cells[k] = NULL;
	}
}

static int read_sheet(const struct buf *xml, const struct strtab *tab, struct taskimport_sheet *sh,
		      struct dd_error *err)
{
	xmlTextReaderPtr r = xmlReaderForMemory(buf_str(xml), (int)xml->len, "sheet1.xml", NULL, XML_OPTS);
	char *cells[XLSX_MAX_COLS];
	int map[XLSX_MAX_COLS];
	struct buf val = BUF_INIT;
	char ctype[16] = "";
	long col = -1, next_col = 0, rownum = 0, nrows_seen = 0;
	size_t cap = 0;
	int ret, in_v = 0, in_is_t = 0, header_done = 0, rc = -1;

	if (!r)
		return dd_error_code(err, DD_ERR_DATA, "cannot parse the worksheet");
	memset(cells, 0, sizeof(cells));
	for (int k = 0; k < XLSX_MAX_COLS; k++)
		map[k] = -1;
	buf_init(&val, CELL_MAX);
	while ((ret = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);
		if (type == XML_READER_TYPE_ELEMENT) {
			if (is_el(r, "row")) {
				xmlChar *a = xmlTextReaderGetAttribute(r, (const xmlChar *)"r");
				nrows_seen++;
				rownum = a ? strtol((const char *)a, NULL, 10) : nrows_seen;
				xmlFree(a);
				next_col = 0;
				free_cells(cells, XLSX_MAX_COLS);
				if (xmlTextReaderIsEmptyElement(r))
					goto end_row;
			} else if (is_el(r, "c")) {
				xmlChar *a = xmlTextReaderGetAttribute(r, (const xmlChar *)"r");
				xmlChar *t = xmlTextReaderGetAttribute(r, (const xmlChar *)"t");
				col = a ? col_of((const char *)a) : next_col;
				next_col = col + 1;
				snprintf(ctype, sizeof(ctype), "%s", t ? (const char *)t : "n");
				xmlFree(a);
				xmlFree(t);
				buf_reset(&val);
				buf_addstr(&val, "");
				if (xmlTextReaderIsEmptyElement(r))
					col = -1;
			} else if (is_el(r, "v")) {
				in_v = 1;
			} else if (is_el(r, "t")) {
				in_is_t = 1;
			}
		} else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
			const xmlChar *v = xmlTextReaderConstValue(r);
			if ((in_v || in_is_t) && v && buf_addstr(&val, (const char *)v) < 0) {
				dd_error_code(err, DD_ERR_DATA, "row %ld: cell too large", rownum);
				goto out;
			}
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (is_el(r, "v")) {
				in_v = 0;
			} else if (is_el(r, "t")) {
				in_is_t = 0;
			} else if (is_el(r, "c")) {
				if (col >= 0 && col < XLSX_MAX_COLS) {
					const char *s = buf_str(&val);
					if (strcmp(ctype, "s") == 0) {
						char *end;
						long idx = strtol(s, &end, 10);
						if (end == s || idx < 0 || (size_t)idx >= tab->n) {
							dd_error_code(err, DD_ERR_DATA, "row %ld: bad shared string index", rownum);
							goto out;
						}
						s = tab->s[idx];
					}
					free(cells[col]);
					cells[col] = xstrdup(s);
				}
				col = -1;
			} else if (is_el(r, "row")) {
				goto end_row;
			}
		}
		continue;
end_row:
		if (!header_done) {
			if (map_header(cells, XLSX_MAX_COLS, map, sh, err) < 0)
				goto out;
			header_done = 1;
		} else if (add_row(sh, &cap, rownum, cells, XLSX_MAX_COLS, map, err) < 0) {
			goto out;
		}
		free_cells(cells, XLSX_MAX_COLS);
	}
	if (ret < 0) {
		dd_error_code(err, DD_ERR_DATA, "malformed worksheet");
		goto out;
	}
	if (!header_done) {
		dd_error_code(err, DD_ERR_DATA, "the worksheet is empty");
		goto out;
	}
	rc = 0;
out:
	free_cells(cells, XLSX_MAX_COLS);
	buf_release(&val);
	xmlFreeTextReader(r);
	return rc;
}

int taskimport_read_xlsx(const void *data, size_t n, struct taskimport_sheet *out,
			 struct dd_error *err)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za = NULL;
	struct buf strings = BUF_INIT, sheet = BUF_INIT;
	struct strtab tab = {0};
	int r, ret = -1;

	memset(out, 0, sizeof(*out));
	if (xmlzip_load_xml(err) < 0 || xmlzip_load_zip(err) < 0)
		return -1;
	zip_error_init(&ze);
	src = zip_source_buffer_create(data, n, 0, &ze);
	if (!src)
		return dd_error_code(err, DD_ERR_DATA, "not an XLSX workbook");
	za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!za) {
		zip_source_free(src);
		dd_error_code(err, DD_ERR_DATA, "not an XLSX workbook (%s)", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	r = zip_read(za, "xl/sharedStrings.xml", &strings, err);
	if (r < 0)
		goto out;
	if (r == 1 && read_strings(&strings, &tab, err) < 0)
		goto out;
	r = zip_read(za, "xl/worksheets/sheet1.xml", &sheet, err);
	if (r < 0)
		goto out;
	if (r == 0) {
		dd_error_code(err, DD_ERR_DATA, "not an XLSX workbook: no xl/worksheets/sheet1.xml");
		goto out;
	}
	if (read_sheet(&sheet, &tab, out, err) < 0)
		goto out;
	ret = 0;
out:
	zip_discard(za);
	strtab_release(&tab);
	buf_release(&strings);
	buf_release(&sheet);
	if (ret < 0)
		taskimport_sheet_release(out);
	return ret;
}

int taskimport_read(const char *path, struct taskimport_sheet *out, struct dd_error *err)
{
	struct buf data = BUF_INIT;
	size_t l = strlen(path);
	int xlsx, ret;

	memset(out, 0, sizeof(*out));
	if (file_read_all(path, TASKIMPORT_MAX_BYTES, &data, err) < 0)
		return -1;
	if (l > 5 && strcasecmp(path + l - 5, ".xlsx") == 0)
		xlsx = 1;
	else if (l > 4 && strcasecmp(path + l - 4, ".csv") == 0)
		xlsx = 0;
	else
		xlsx = data.len >= 2 && memcmp(data.ptr, "PK", 2) == 0;
	if (xlsx)
		ret = taskimport_read_xlsx(buf_str(&data), data.len, out, err);
	else
		ret = taskimport_read_csv(buf_str(&data), data.len, out, err);
	if (ret < 0)
		dd_error_prefix(err, "%s", path);
	buf_release(&data);
	return ret;
}
