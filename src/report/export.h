/* export.h - task lists exported as XLSX (libxlsxwriter), CSV (UTF-8 with BOM) and iCalendar */
#ifndef DD_REPORT_EXPORT_H
#define DD_REPORT_EXPORT_H

/*
 * export_collect() runs the same query as `dondoc tasks` (track_tasks_each, one pass) and
 * keeps each task's status on t->today; the writers only format that set.
 *
 * XLSX and CSV share one column layout (export_columns), which import-tasks reads back:
 * the task id and "Cập nhật lúc" (the task's updated_at when exported) let the importer
 * tell the user's edits from changes made in the database since the export.
 */

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "track/track.h"
#include "util/buf.h"
#include "util/error.h"

enum export_col {
	EXPORT_COL_ID = 0,   /* "Mã" */
	EXPORT_COL_DOC,      /* "Văn bản" */
	EXPORT_COL_DOC_DATE, /* "Ngày văn bản" (date) */
	EXPORT_COL_REF,      /* "Mục" */
	EXPORT_COL_TEXT,     /* "Nội dung nhiệm vụ" (editable) */
	EXPORT_COL_LEAD,     /* "Đơn vị chủ trì" (editable) */
	EXPORT_COL_SUPPORT,  /* "Đơn vị phối hợp" */
	EXPORT_COL_DUE,      /* "Thời hạn" (date, "Thường xuyên", or empty; editable) */
	EXPORT_COL_STATUS,   /* "Tình trạng" */
	EXPORT_COL_PERCENT,  /* "Tiến độ (%)" */
	EXPORT_COL_DONE,     /* "Ngày hoàn thành" (date) */
	EXPORT_COL_TOPICS,   /* "Chủ đề" */
	EXPORT_COL_UPDATED,  /* "Cập nhật lúc" */
	EXPORT_NCOLS
};

/* Header texts, indexed by enum export_col. */
extern const char *const export_columns[EXPORT_NCOLS];

/* The text written for a recurring deadline. */
#define EXPORT_RECURRING "Thường xuyên"

struct export_set {
	struct store_task_list tasks;
	enum track_status *status;              /* one per task */
	char *status_names[TRACK_NSTATUS];
	char today[STORE_DATE_LEN];
};

/* All tasks matching q (limit/offset of q are ignored: everything is exported). */
int export_collect(struct track *t, const struct track_query *q, struct export_set *out,
		   struct dd_error *err);
void export_set_release(struct export_set *s);

/* Lead unit name ("" when none) and supporting units ("; "-joined) of a task, appended. */
void export_lead(const struct store_task *t, struct buf *out);
void export_support(const struct store_task *t, struct buf *out);

/* CSV (RFC 4180, CRLF), UTF-8 with a BOM so that Excel reads it as UTF-8. */
int export_csv(const struct export_set *s, struct buf *out, struct dd_error *err);

/* XLSX written to path: Vietnamese headers, frozen header row, autofilter, dates as real
 * dates, the status cell coloured. */
int export_xlsx(const struct export_set *s, const char *path, struct dd_error *err);

/* iCalendar (RFC 5545): one all-day VEVENT per task that has a due date (others are
 * skipped and counted in *skipped, may be NULL). dtstamp "YYYYMMDDTHHMMSSZ" (NULL: now).
 * calname names the calendar (X-WR-CALNAME). */
int export_ics(const struct export_set *s, const char *calname, const char *dtstamp,
	       struct buf *out, size_t *skipped, struct dd_error *err);

/* Append one iCalendar content line (folded at 75 octets, never inside a UTF-8 sequence,
 * CRLF-terminated). */
int export_ics_line(struct buf *out, const char *line);
/* Append text escaped as an iCalendar TEXT value (\\ \; \, \n). */
int export_ics_text(struct buf *out, const char *s);

#endif
