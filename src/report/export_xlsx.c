/* export_xlsx.c - the task list as an Excel workbook through libxlsxwriter (loaded on first
 * use) */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "chart.h"
#include "export.h"
#include "util/dynlib.h"
#include "vn/date.h"

#ifndef DD_SONAME_XLSXWRITER
#error "DD_SONAME_XLSXWRITER (the SONAME of libxlsxwriter) comes from CMakeLists.txt"
#endif

/* libxlsxwriter (with minizip) is opened only to write a workbook (util/dynlib.h) */
#define XLSX_SYMS(X)                                                                           \
	X(workbook_new_opt) X(workbook_set_properties) X(workbook_add_format)                  \
	X(workbook_add_worksheet) X(workbook_close) X(worksheet_set_column)                    \
	X(worksheet_freeze_panes) X(worksheet_autofilter) X(worksheet_write_string)            \
	X(worksheet_write_number) X(format_set_bold) X(format_set_bg_color)                    \
	X(format_set_font_color) X(format_set_border) X(format_set_num_format)                 \
	X(format_set_text_wrap) X(format_set_align) X(lxw_strerror)

struct xlsx_api {
	XLSX_SYMS(DYNLIB_FIELD)
};

static struct xlsx_api xlsx_api;
#define XLSX_SYM(name) DYNLIB_SYM(xlsx_api, name)
static const struct dynlib_sym xlsx_syms[] = {XLSX_SYMS(XLSX_SYM)};
static struct dynlib xlsx_lib = DYNLIB_LIB(XLSXWRITER, "Excel export", xlsx_syms, &xlsx_api);

#define workbook_new_opt (xlsx_api.workbook_new_opt)
#define workbook_set_properties (xlsx_api.workbook_set_properties)
#define workbook_add_format (xlsx_api.workbook_add_format)
#define workbook_add_worksheet (xlsx_api.workbook_add_worksheet)
#define workbook_close (xlsx_api.workbook_close)
#define worksheet_set_column (xlsx_api.worksheet_set_column)
#define worksheet_freeze_panes (xlsx_api.worksheet_freeze_panes)
#define worksheet_autofilter (xlsx_api.worksheet_autofilter)
#define worksheet_write_string (xlsx_api.worksheet_write_string)
#define worksheet_write_number (xlsx_api.worksheet_write_number)
#define format_set_bold (xlsx_api.format_set_bold)
#define format_set_bg_color (xlsx_api.format_set_bg_color)
#define format_set_font_color (xlsx_api.format_set_font_color)
#define format_set_border (xlsx_api.format_set_border)
#define format_set_num_format (xlsx_api.format_set_num_format)
#define format_set_text_wrap (xlsx_api.format_set_text_wrap)
#define format_set_align (xlsx_api.format_set_align)
#define lxw_strerror (xlsx_api.lxw_strerror)

/* Excel's serial day number of an ISO date (1900 date system); -1 when not a date. */
static double excel_serial(const char *iso)
{
	struct vn_date d;

	if (!iso || !*iso || vn_date_parse_iso(iso, &d) < 0)
		return -1;
	return (double)(vn_date_to_days(&d) + 25569); /* 1970-01-01 is serial 25569 */
}

/* "#e53935" -> 0xE53935 */
static lxw_color_t color_of(const char *hex)
{
	unsigned v = 0;
	for (const char *p = hex + 1; *p; p++)
		v = v * 16 + (unsigned)(*p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10);
	return v;
}

int export_xlsx(const struct export_set *s, const char *path, struct dd_error *err)
{
	static const double widths[EXPORT_NCOLS] = {7, 14, 12, 7, 60, 28, 28, 12, 20, 10, 14, 16, 21};
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *head, *date, *wrap, *stf[TRACK_NSTATUS];
	struct buf f = BUF_INIT, tmp = BUF_INIT;
	lxw_error e;
	int ret = -1;

	if (dynlib_load(&xlsx_lib, err) < 0)
		return -1;
	buf_printf(&tmp, "%s.tmp%ld", path, (long)getpid());
	{
		/* fail with our message before libxlsxwriter prints its own on stderr */
		FILE *probe = fopen(buf_str(&tmp), "wb");
		if (!probe) {
			dd_error(err, "cannot create '%s': %s", path, strerror(errno));
			buf_release(&tmp);
			return -1;
		}
		fclose(probe);
	}
	wb = workbook_new_opt(buf_str(&tmp), &opt);
	if (!wb) {
		unlink(buf_str(&tmp));
		buf_release(&tmp);
		return dd_error(err, "cannot create '%s'", path);
	}
	workbook_set_properties(wb, &(lxw_doc_properties){.title = "Danh sách nhiệm vụ",
							  .author = "dondoc"});
	ws = workbook_add_worksheet(wb, "Nhiệm vụ");
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xD9D9D9);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_text_wrap(head);
	format_set_align(head, LXW_ALIGN_CENTER);
	format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
	date = workbook_add_format(wb);
	format_set_num_format(date, "dd/mm/yyyy");
	format_set_align(date, LXW_ALIGN_VERTICAL_TOP);
	wrap = workbook_add_format(wb);
	format_set_text_wrap(wrap);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
	for (int st = 0; st < TRACK_NSTATUS; st++) {
		stf[st] = workbook_add_format(wb);
		format_set_font_color(stf[st], LXW_COLOR_WHITE);
		format_set_bold(stf[st]);
		format_set_bg_color(stf[st], color_of(chart_status_color((enum track_status)st)));
		format_set_align(stf[st], LXW_ALIGN_VERTICAL_TOP);
	}
	for (int c = 0; c < EXPORT_NCOLS; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c],
				     c == EXPORT_COL_TEXT || c == EXPORT_COL_LEAD || c == EXPORT_COL_SUPPORT ? wrap : NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)c, export_columns[c], head);
	}
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)(s->tasks.n ? s->tasks.n : 1), EXPORT_NCOLS - 1);

	for (size_t i = 0; i < s->tasks.n; i++) {
		const struct store_task *t = &s->tasks.items[i];
		lxw_row_t r = (lxw_row_t)(i + 1);
		double v;

		worksheet_write_number(ws, r, EXPORT_COL_ID, (double)t->id, NULL);
		worksheet_write_string(ws, r, EXPORT_COL_DOC, t->doc_number ? t->doc_number : "", NULL);
		if ((v = excel_serial(t->doc_date)) >= 0)
			worksheet_write_number(ws, r, EXPORT_COL_DOC_DATE, v, date);
		worksheet_write_string(ws, r, EXPORT_COL_REF, t->ref ? t->ref : "", NULL);
		worksheet_write_string(ws, r, EXPORT_COL_TEXT, t->text ? t->text : "", wrap);
		buf_reset(&f);
		export_lead(t, &f);
		worksheet_write_string(ws, r, EXPORT_COL_LEAD, buf_str(&f), wrap);
		buf_reset(&f);
		export_support(t, &f);
		worksheet_write_string(ws, r, EXPORT_COL_SUPPORT, buf_str(&f), wrap);
		if (t->due_kind == STORE_DUE_RECURRING)
			worksheet_write_string(ws, r, EXPORT_COL_DUE, EXPORT_RECURRING, NULL);
		else if ((v = excel_serial(t->due)) >= 0)
			worksheet_write_number(ws, r, EXPORT_COL_DUE, v, date);
		worksheet_write_string(ws, r, EXPORT_COL_STATUS, s->status_names[s->status[i]],
				       stf[s->status[i]]);
		worksheet_write_number(ws, r, EXPORT_COL_PERCENT, t->percent, NULL);
		if ((v = excel_serial(t->done_date)) >= 0)
			worksheet_write_number(ws, r, EXPORT_COL_DONE, v, date);
		worksheet_write_string(ws, r, EXPORT_COL_TOPICS, t->topics ? t->topics : "", NULL);
		worksheet_write_string(ws, r, EXPORT_COL_UPDATED, t->updated_at ? t->updated_at : "", NULL);
	}
	e = workbook_close(wb);
	if (e != LXW_NO_ERROR) {
		dd_error(err, "cannot write '%s': %s", path, lxw_strerror(e));
		unlink(buf_str(&tmp));
		goto out;
	}
	if (rename(buf_str(&tmp), path) < 0) {
		dd_error(err, "cannot write '%s': %s", path, strerror(errno));
		unlink(buf_str(&tmp));
		goto out;
	}
	ret = 0;
out:
	buf_release(&f);
	buf_release(&tmp);
	return ret;
}
