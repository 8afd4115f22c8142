/* report.h - the monthly report and the draft conclusion notice: data gathered from track/, rendered as DOCX, HTML or Markdown */
#ifndef DD_REPORT_H
#define DD_REPORT_H

/*
 * report_monthly_build() collects everything the monthly report says, on t->today:
 *  - the month's tasks: due in the month, or without a due date (recurring or none), the
 *    same set track_stats() counts for the period; each with its status (track_status_of),
 *    lead unit, latest progress note, approved extensions and, when overdue, the reason;
 *  - the figures: overall and per lead unit, straight from track_stats();
 *  - older overdue tasks (due before the month, still open) and tasks newly due next month.
 * No status rule lives here: statuses and counts come from track/.
 *
 * The renderers only read the struct, so the web server can call them too:
 *   report_monthly_docx / _html / _md and report_notice_docx (draft conclusion notice for
 *   the next month: older overdue + carried-over + newly due tasks).
 *
 * Layout and signature come from settings (report_layout_load), with these keys:
 *   report.style          party (default, Hướng dẫn 36-HD/VPTW) | state (Nghị định 30/2020)
 *   report.parent         superior body, upper case ("" default; e.g. "ĐẢNG BỘ THÀNH PHỐ CẦN THƠ")
 *   report.issuer         issuing body, upper case (default "THÀNH ỦY CẦN THƠ" / "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ")
 *   report.issuer_code    code after the type ("TU" / "UBND")
 *   report.body           the collective in sentences ("Ban Thường vụ Thành ủy" / "Ủy ban nhân dân thành phố")
 *   report.place          place in the date line ("Cần Thơ")
 *   report.authority      signing authority ("T/M BAN THƯỜNG VỤ" / "TM. ỦY BAN NHÂN DÂN")
 *   report.signer_title   "PHÓ BÍ THƯ" / "CHỦ TỊCH"
 *   report.signer_name    signer's name ("" leaves the line for the clerk)
 *   report.recipients     recipients, one per line (or separated by ";")
 *   report.archive        archive line ("Lưu Văn phòng Thành ủy" / "Lưu: VT, VP")
 */

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "track/track.h"
#include "util/buf.h"
#include "util/error.h"

/* ---- layout ------------------------------------------------------------------------ */

struct report_layout {
	int state; /* 0 Party style, 1 State style */
	char *parent, *issuer, *issuer_code, *body, *place;
	char *authority, *signer_title, *signer_name, *archive;
	char **recipients;
	size_t nrecipients;
};

/* The settings above, with a one-line description; ends with a NULL key. */
struct report_setting {
	const char *key;
	const char *help;
};
extern const struct report_setting report_settings[];
/* 0 when key is one of report_settings and value fits it (report.style: party|state);
 * -1 with DD_ERR_USAGE otherwise. */
int report_setting_check(const char *key, const char *value, struct dd_error *err);

/* Fill l from the settings above (defaults for those not set). */
int report_layout_load(struct store *s, struct report_layout *l, struct dd_error *err);
/* Defaults only, for style "party" or "state" (no database). */
void report_layout_defaults(struct report_layout *l, int state);
void report_layout_release(struct report_layout *l);

/* ---- the monthly report's data ------------------------------------------------------ */

struct report_item {
	const struct store_task *task; /* borrowed from a list in struct report_monthly */
	enum track_status status;
	long days_late;                /* track_days_late */
	char *unit;                    /* lead unit (supporting units in parentheses), or the
	                                  unit names left as text; "" when none */
	char *progress;                /* latest progress note, at most two sentences, or NULL */
	char progress_date[STORE_DATE_LEN];
	int percent;
	char *reason;                  /* overdue: latest explanation (progress or extension
	                                  request), or NULL */
	char *extension;               /* approved extensions, "05/3/2021 → 31/3/2021 (reason)" */
};

struct report_group { /* the month's tasks of one source document */
	int64_t doc_id;
	char *title;          /* "Thông báo số 45-TB/TU ngày 15/03/2021 ..." */
	size_t first, n;      /* range of items */
	int64_t count[TRACK_NSTATUS];
};

struct report_unit_row {
	int64_t unit_id;      /* 0: tasks with no lead unit */
	char *name;
	int64_t n[TRACK_NSTATUS];
	int64_t total;
};

struct report_monthly {
	int year, month;
	char from[STORE_DATE_LEN], to[STORE_DATE_LEN];           /* the month */
	char next_from[STORE_DATE_LEN], next_to[STORE_DATE_LEN]; /* the month after */
	char today[STORE_DATE_LEN];
	char *status_names[TRACK_NSTATUS];
	struct store_task_list tasks, older, next; /* month set; older overdue; newly due next */
	struct report_item *items;       /* month set, grouped by document, document order */
	size_t nitems;
	struct report_group *groups;
	size_t ngroups;
	struct report_item *older_items;
	size_t nolder;
	struct report_item *next_items;
	size_t nnext;
	int64_t total[TRACK_NSTATUS];    /* track_stats for the month */
	int64_t ntotal;
	struct report_unit_row *units;   /* track_stats per lead unit, by name */
	size_t nunits;
};

/* Gather the report for year-month on t->today. */
int report_monthly_build(struct track *t, int year, int month, struct report_monthly *m,
			 struct dd_error *err);
void report_monthly_release(struct report_monthly *m);

/* Parse "YYYY-MM" (month 1..12); 0 or -1. */
int report_parse_month(const char *s, int *year, int *month);

/* ---- rendering (read-only on m; output appended to out) ---------------------------- */

int report_monthly_docx(const struct report_monthly *m, const struct report_layout *l,
			struct buf *out, struct dd_error *err);
/* A complete HTML page (no JavaScript), with the per-status SVG chart. */
int report_monthly_html(const struct report_monthly *m, const struct report_layout *l,
			struct buf *out, struct dd_error *err);
int report_monthly_md(const struct report_monthly *m, const struct report_layout *l,
		      struct buf *out, struct dd_error *err);
/* Draft conclusion notice for the month after m's month (m built for the month before). */
int report_notice_docx(const struct report_monthly *m, const struct report_layout *l,
		       struct buf *out, struct dd_error *err);

/* ---- helpers shared by the renderers ------------------------------------------------ */

/* What sections II and III list, as pointers into m's items:
 *  overdue  - older overdue tasks, then the month's overdue tasks
 *  extended - the month's tasks with an approved extension
 *  carried  - older overdue tasks, then the month's tasks whose status carries over
 *  next     - tasks newly due next month */
struct report_picks {
	const struct report_item **overdue, **extended, **carried, **next;
	size_t noverdue, nextended, ncarried, nnext;
};
void report_picks_build(const struct report_monthly *m, struct report_picks *p);
void report_picks_release(struct report_picks *p);

/* The report's subject: "kết quả thực hiện nhiệm vụ tháng 3 và nhiệm vụ trọng tâm tháng 4
 * năm 2021" (upper_first: "Kết quả ...", State style). */
void report_subject(const struct report_monthly *m, int upper_first, struct buf *out);

/* Share of tasks done on time among those that reached their deadline or were finished:
 * on_time / (on_time + late + overdue), in percent; -1 when that is 0. */
double report_on_time_rate(const int64_t n[TRACK_NSTATUS]);
/* The rate as shown to readers: "66,7%" (decimal comma), or "-" when nothing was due. */
void report_rate_text(const int64_t n[TRACK_NSTATUS], char *out, size_t outsz);
/* "2021-03-05" -> "05/03/2021" (out >= 16 bytes); "" stays "". */
void report_date_short(const char *iso, char *out, size_t outsz);
/* "ngày 05 tháng 3 năm 2021" (day < 10 and months 1-2 zero-padded); iso NULL or "" gives
 * the blank form "ngày      tháng      năm YEAR" with year from blank_year. */
void report_date_long(const char *iso, int blank_year, char *out, size_t outsz);
/* Open statuses that carry over to the next month (not started, in progress, overdue,
 * recurring). */
int report_status_carries(enum track_status st);
/* The deadline as shown: "31/03/2021", "Thường xuyên" or "Không thời hạn". */
void report_due_text(const struct store_task *t, char *out, size_t outsz);
/* The "result" column: the latest progress note with its percent and date, or a word for a
 * task done / cancelled / not reported; an extension follows after ext_sep ("\n" in DOCX
 * cells, " - " in one-line HTML and Markdown cells). */
void report_result_text(const struct report_item *it, const char *ext_sep, struct buf *b);

#endif
