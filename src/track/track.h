/* track.h - the follow-up rules: task statuses, deadlines, done/confirm, extensions, reminders */
#ifndef DD_TRACK_H
#define DD_TRACK_H

/*
 * The one module the CLI and the web server both call for anything that changes a task or
 * decides what a task's status is, so they can never disagree. It checks who may do what,
 * validates input, and then writes through store/ (store.h).
 *
 * Statuses are the official reporting categories (QĐ 42/2014/QĐ-TTg, amended by QĐ
 * 23/2018) plus not started, recurring and cancelled. A task's status is derived, never
 * stored: it depends on "today" (struct track.today, from --today in the CLI), never on
 * the system clock:
 *   cancelled                                    -> CANCELLED      "Dừng thực hiện"
 *   confirmed done, done_date <= due (or no due) -> DONE_ON_TIME   "Hoàn thành đúng hạn"
 *   confirmed done, done_date > due              -> DONE_LATE      "Hoàn thành quá hạn"
 *   recurring deadline ("thường xuyên")          -> RECURRING      "Thường xuyên"
 *   due < today                                  -> OVERDUE        "Quá hạn"
 *   no progress reported yet                     -> NOT_STARTED    "Chưa thực hiện"
 *   otherwise                                    -> IN_PROGRESS    "Đang thực hiện trong hạn"
 * A task a unit proposed done stays in its open status until the office confirms; the
 * confirm date (today) decides on time vs late. Names are configurable: setting
 * "status.CODE" (e.g. "status.overdue") overrides the Vietnamese name.
 *
 * Errors: DD_ERR_DENIED (exit code 77, HTTP 403) when the actor's role or unit does not
 * allow the action; DD_ERR_USAGE for bad input; DD_ERR_DATA when the task's state forbids it.
 *
 * Actors: every call acts as t->actor (a user name). Roles: "admin" and "office" may do
 * everything; "unit" may report progress, propose done and ask for extensions for tasks of
 * its own unit; "leader" only reads. A user name not in the users table acts as "office"
 * (the CLI's default actor is the OS user name).
 */

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/error.h"
#include "vn/date.h"

enum track_status {
	TRACK_NOT_STARTED = 0,
	TRACK_IN_PROGRESS,
	TRACK_OVERDUE,
	TRACK_DONE_ON_TIME,
	TRACK_DONE_LATE,
	TRACK_RECURRING,
	TRACK_CANCELLED,
	TRACK_NSTATUS
};

/* Who acts and when; set up by track_init, released by track_release. */
struct track {
	struct store *store;      /* borrowed */
	struct vn_date today;
	char today_iso[STORE_DATE_LEN];
	char *actor;              /* user name (heap) */
	char *role;               /* "admin", "office", "unit", "leader" (heap) */
	int64_t actor_unit;       /* unit of a "unit" user, else 0 */
	/* the status names (setting "status.CODE" or the default), read on first use and kept
	 * until track_release: a struct track lives for one command or one web request */
	int names_loaded;
	char *status_names[TRACK_NSTATUS];
};

/* Set up t for actor (NULL: "office"). Looks the actor up in the users table; an unknown
 * name acts with role "office". Also calls store_set_actor. */
int track_init(struct track *t, struct store *s, const struct vn_date *today, const char *actor,
	       struct dd_error *err);
void track_release(struct track *t);

/* ---- statuses --------------------------------------------------------------------- */

/* Stable code: "not_started", "in_progress", "overdue", "done_on_time", "done_late",
 * "recurring", "cancelled". */
const char *track_status_code(enum track_status st);
/* Default Vietnamese name ("Quá hạn", ...). */
const char *track_status_default_name(enum track_status st);
/* The name to show: setting "status.CODE" when set, else the default; appended to out. */
int track_status_name(struct track *t, enum track_status st, struct buf *out);
/* Parse a code, an English alias ("late", "done"), or a Vietnamese name (diacritics-
 * insensitive: "qua han"); 0 ok, -1 unknown. */
int track_status_parse(const char *s, enum track_status *out);
/* The status of a task on a date ("YYYY-MM-DD"). */
enum track_status track_status_of(const struct store_task *task, const char *today);
/* Restrict f to tasks having status st on today. */
void track_status_filter(enum track_status st, const char *today, struct store_task_filter *f);
/* Days past the deadline on today (> 0 overdue), 0 when not overdue or no deadline. */
long track_days_late(const struct store_task *task, const char *today);

/* ---- queries ---------------------------------------------------------------------- */

/* What `dondoc tasks` and GET /api/tasks accept. Strings may be NULL. */
struct track_query {
	const char *unit;        /* unit id, name or alias */
	int lead_only;
	const char *status;      /* a status code or name; NULL any */
	int overdue;             /* 1: status overdue (same as status "overdue") */
	const char *due_before;  /* "YYYY-MM-DD": due <= this */
	const char *due_from;    /* "YYYY-MM-DD": due >= this */
	int64_t doc_id;
	const char *topic;
	int64_t limit, offset;
};

/* Tasks matching q on t->today. Errors: DD_ERR_USAGE for an unknown status, bad date or
 * unknown unit. */
int track_tasks(struct track *t, const struct track_query *q, struct store_task_list *out,
		struct dd_error *err);
/* Every task matching q (q->limit ignored, q->offset skips), in the same order, in one pass
 * with no total: fn is called per task (see store_task_fn: 0 go on, 1 stop, -1 error).
 * Same errors as track_tasks. For exports of many tasks. */
int track_tasks_each(struct track *t, const struct track_query *q, store_task_fn fn, void *arg,
		     struct dd_error *err);

/* Counts per status, overall (one row, unit_id 0) or per lead unit (by_unit; tasks without
 * a lead unit in a row with unit_id 0, so the rows add up to the total). due_from/due_to
 * ("" or NULL: open) restrict to tasks due in the period (tasks without a due date always
 * count). */
struct track_stats_row {
	int64_t unit_id;
	int64_t n[TRACK_NSTATUS];
	int64_t total;
};
int track_stats(struct track *t, const char *due_from, const char *due_to, int by_unit,
		struct track_stats_row **rows, size_t *nrows, struct dd_error *err);

/* ---- actions (each checks the actor's role and the task's state) ------------------ */

/* Office: set the lead unit, supporting units and (due not NULL) the deadline. */
int track_assign(struct track *t, int64_t task_id, int64_t lead, const int64_t *support,
		 size_t nsupport, const char *due, struct dd_error *err);

/* A unit reports progress on today. unit_id 0: the actor's unit, or the task's lead unit.
 * percent 0..100; note required; attachment optional (name + bytes). */
int track_progress(struct track *t, int64_t task_id, int64_t unit_id, int percent,
		   const char *note, const char *attachment_name, const void *attachment,
		   size_t attachment_len, int64_t *progress_id, struct dd_error *err);

/* "done": a unit user proposes (state PROPOSED); office/admin confirms on today (state
 * DONE, done_date = today). *confirmed tells which happened (may be NULL). confirm_only /
 * propose_only force one or the other (an office user may record a proposal for a unit). */
enum track_done_mode { TRACK_DONE_AUTO = 0, TRACK_DONE_PROPOSE, TRACK_DONE_CONFIRM };
int track_done(struct track *t, int64_t task_id, enum track_done_mode mode, int *confirmed,
	       struct dd_error *err);
/* Office refuses a proposal: back to OPEN. */
int track_reject_done(struct track *t, int64_t task_id, const char *note, struct dd_error *err);

/* Extensions: ask (unit or office) a new deadline later than the current one, with reason. */
int track_extend_request(struct track *t, int64_t task_id, int64_t unit_id, const char *new_due,
			 const char *reason, int64_t *ext_id, struct dd_error *err);
/* Office approves (deadline changes) or refuses a pending request. */
int track_extend_decide(struct track *t, int64_t ext_id, int approve, const char *note,
			struct dd_error *err);

/* Office stops a task, with a reason. */
int track_cancel(struct track *t, int64_t task_id, const char *reason, struct dd_error *err);

/* ---- reminders -------------------------------------------------------------------- */

/* One task in a reminder digest. */
struct track_reminder_item {
	int64_t task_id;
	char kind[16];                 /* "before" (due within days_before) or "overdue" */
	char due[STORE_DATE_LEN];
	long days;                     /* days left (before) or days late (overdue) */
	char *text;                    /* task text (shortened) */
	char *doc_number;
};

/* One message per unit. */
struct track_digest {
	int64_t unit_id;
	char *unit_name;
	char *email;                   /* NULL when the unit has none */
	struct track_reminder_item *items;
	size_t n;
	char *subject;                 /* Vietnamese, ready to send */
	char *body;                    /* plain text, UTF-8 */
};

struct track_remind_opts {
	int days_before;   /* remind this many days before the deadline (default 3) */
	int repeat_every;  /* repeat overdue notices every N days (default 7); 0 daily */
};

/* The digests due on t->today (open tasks of lead and supporting units: not done, not
 * cancelled, not proposed done and waiting for the office's confirmation),
 * skipping reminders already recorded in the repeat window. Nothing is written. */
int track_reminders(struct track *t, const struct track_remind_opts *o, struct track_digest **out,
		    size_t *n, struct dd_error *err);
/* Record that the digests were delivered (reminder rows + one in-app notification per
 * digest, status "sent" or the delivery error). status may be NULL ("stored"). */
int track_reminders_record(struct track *t, const struct track_digest *d, const char *channel,
			   const char *status, struct dd_error *err);
void track_digests_free(struct track_digest *d, size_t n);

/* ---- JSON (the CLI's --json and the web API use the same shapes) ------------------ */

/* A task with "status" (code), "status_name" (Vietnamese), "days_late", units, ... */
json_t *track_task_json(struct track *t, const struct store_task *task);
json_t *track_doc_json(const struct store_doc *d); /* with "extract" when d->extract is set */
json_t *track_unit_json(const struct store_unit *u);
json_t *track_progress_json(const struct store_progress *p);
json_t *track_extension_json(const struct store_extension *e);
json_t *track_audit_json(const struct store_audit *a);
json_t *track_hit_json(const struct store_hit *h);
json_t *track_digest_json(const struct track_digest *d);

#endif
