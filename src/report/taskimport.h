/* taskimport.h - reading an exported task sheet back (XLSX or CSV) and applying the office's edits */
#ifndef DD_REPORT_TASKIMPORT_H
#define DD_REPORT_TASKIMPORT_H

/*
 * The sheet has the columns of export.h (found by their header text, in any order; only
 * "Mã" is required). Editable: "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"
 * (a date as a real spreadsheet date, "YYYY-MM-DD" or "DD/MM/YYYY"; "Thường xuyên";
 * empty for none). An edited "Đơn vị phối hợp" is reported as an error item (not imported:
 * `dondoc assign --support`); the other columns are derived and ignored.
 *
 * taskimport_plan() compares every row with the database: a row equal to the database is
 * unchanged; a row that differs is a change when the task's updated_at still equals the
 * sheet's "Cập nhật lúc", and a conflict otherwise (the task changed since the export, so
 * applying would overwrite someone's work). Nothing is written. taskimport_apply() writes
 * the changes (never the conflicts) in one transaction, through track_assign for the lead
 * unit and deadline (role checks included).
 */

#include <stddef.h>
#include <stdint.h>

#include "export.h"
#include "track/track.h"
#include "util/error.h"

#define TASKIMPORT_MAX_BYTES ((size_t)64 << 20)  /* the file, and any part of an XLSX */
#define TASKIMPORT_MAX_ROWS 1000000

struct taskimport_row {
	long line;                   /* spreadsheet row / CSV record number (header = 1) */
	char *cells[EXPORT_NCOLS];   /* NULL: the column is absent or the cell empty */
};

struct taskimport_sheet {
	struct taskimport_row *rows;
	size_t n;
	int has_col[EXPORT_NCOLS];   /* which columns the header named */
};

/* Read FILE.xlsx or FILE.csv (by extension; otherwise by content: "PK" = XLSX).
 * Errors: DD_ERR_NOINPUT (cannot read), DD_ERR_DATA (not a task sheet, malformed). */
int taskimport_read(const char *path, struct taskimport_sheet *out, struct dd_error *err);
int taskimport_read_csv(const char *data, size_t n, struct taskimport_sheet *out,
			struct dd_error *err);
int taskimport_read_xlsx(const void *data, size_t n, struct taskimport_sheet *out,
			 struct dd_error *err);
void taskimport_sheet_release(struct taskimport_sheet *s);

enum taskimport_kind { TASKIMPORT_CHANGE = 0, TASKIMPORT_CONFLICT, TASKIMPORT_ERROR };

/* One row that needs attention. */
struct taskimport_item {
	enum taskimport_kind kind;
	long line;
	int64_t task_id;
	char *message;               /* what changes / why not ("Thời hạn: 31/03/2021 → 15/04/2021") */
	/* the new values for a change (NULL: unchanged) */
	char *text;
	int64_t lead;                /* 0: unchanged */
	int due_set;                 /* 1: due_kind/due below are new */
	enum store_deadline_kind due_kind;
	char due[STORE_DATE_LEN];
};

struct taskimport_plan {
	struct taskimport_item *items;
	size_t n;
	size_t unchanged, changes, conflicts, errors;
};

int taskimport_plan(struct track *t, const struct taskimport_sheet *sh, struct taskimport_plan *p,
		    struct dd_error *err);
/* Apply the changes of p (all or nothing); *applied = number of tasks changed. */
int taskimport_apply(struct track *t, const struct taskimport_plan *p, size_t *applied,
		     struct dd_error *err);
void taskimport_plan_release(struct taskimport_plan *p);

/* Parse a deadline cell: "" -> NONE, "Thường xuyên" -> RECURRING, an ISO or D/M/YYYY date
 * or an Excel serial number -> BY with iso set. 0 ok, -1 not a deadline. */
int taskimport_parse_due(const char *s, enum store_deadline_kind *kind, char iso[STORE_DATE_LEN]);

#endif
