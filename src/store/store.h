/* store.h - the persistent store: documents, tasks, units, progress, extensions, users, audit, search */
#ifndef DD_STORE_H
#define DD_STORE_H

/*
 * The store keeps facts; it does not decide what they mean. Which status a task has, who
 * may confirm what, when a reminder is due: those rules live in track/ (track.h), which
 * both the CLI and the web server call. The store offers primitive filters (state, due date
 * before/after, progress reported or not, ...) from which track/ builds its statuses.
 *
 * Backends: every function below dispatches through an ops table (store/backend.h); SQLite
 * (store/sqlite*.c) is the only backend today. A PostgreSQL backend adds one more ops table
 * and an entry in store_open's URL switch; nothing above store/ changes.
 *
 * Conventions
 *  - Functions return 0 on success, -1 with err set. "find" functions return 1 found,
 *    0 not found, -1 error.
 *  - Dates are ISO strings "YYYY-MM-DD" in fixed char[11] fields; "" means none.
 *    Timestamps (audit, created_at) are UTC "YYYY-MM-DDTHH:MM:SSZ" from the real clock;
 *    business dates (progress date, confirm date) come from the caller (--today).
 *  - Ids are int64_t > 0; 0 means none.
 *  - Strings in result structs are heap copies owned by the struct; release with the
 *    matching *_release / *_list_release (all accept NULL and zeroed structs).
 *  - Every write runs in a transaction and leaves rows in the append-only audit table
 *    with the actor set by store_set_actor (default "system").
 *  - One struct store is used by one thread at a time; open one per thread.
 */

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/error.h"

#define STORE_DATE_LEN 11 /* "YYYY-MM-DD" + NUL */

struct store; /* opaque: an open database */

/* ---- opening ---------------------------------------------------------------------- */

/* Open (creating and migrating when needed) the database at path. For SQLite, path is a
 * file name; "sqlite:FILE" is accepted too; ":memory:" gives a private in-memory database.
 * On first use the units table is seeded from data/units.tsv compiled into the binary
 * (or DATA_DIR/units.tsv when data_dir is not NULL and has one). */
struct store *store_open(const char *path, const char *data_dir, struct dd_error *err);
/* Close; accepts NULL. */
void store_close(struct store *s);

/* The user name recorded as "who" in the audit log for the following writes (copied). */
void store_set_actor(struct store *s, const char *who);
const char *store_actor(const struct store *s);

/* Group several writes into one transaction (nests: only the outermost commits). The
 * transaction takes the write lock at once, so concurrent writers wait (busy timeout)
 * instead of failing half-way. store_rollback undoes everything since the outermost begin. */
int store_begin(struct store *s, struct dd_error *err);
int store_commit(struct store *s, struct dd_error *err);
void store_rollback(struct store *s);

/* Schema version (PRAGMA user_version for SQLite). */
int store_schema_version(struct store *s);
/* A number that changes whenever the database changed: after every write committed through
 * s, and after writes committed by any other connection or process (for SQLite: PRAGMA
 * data_version plus s's own commit count). Only equality is meaningful: a cache keyed by
 * it is stale when the number differs. */
int store_data_version(struct store *s, int64_t *out, struct dd_error *err);
/* Integrity and foreign-key check; problems are appended one per line to report (0 lines = ok). */
int store_check(struct store *s, struct buf *report, struct dd_error *err);
/* Online backup of the whole database into a new file at path. */
int store_backup(struct store *s, const char *path, struct dd_error *err);

/* ---- settings (key/value, e.g. "status.overdue" -> "Quá hạn", "smtp.url") ------------- */

/* 1 found (value appended to out), 0 not set, -1 error. */
int store_setting_get(struct store *s, const char *key, struct buf *out, struct dd_error *err);
/* value NULL deletes the key. */
int store_setting_set(struct store *s, const char *key, const char *value, struct dd_error *err);

/* ---- documents -------------------------------------------------------------------- */

struct store_doc {
	int64_t id;
	char hash[65];      /* sha256 of the original bytes, lower-case hex */
	char *file_name;    /* name the file was imported under (no directory) */
	char *format;       /* "docx", "pdf", "txt", ... (source.format) */
	char *type_code;    /* "TB", "KL", ... or NULL */
	char *type_name;
	char *number;       /* "45-TB/TU" or NULL */
	char *issuer;
	char *subject;
	char date[STORE_DATE_LEN];        /* issue date */
	char period_from[STORE_DATE_LEN]; /* the period the tasks are for */
	char period_to[STORE_DATE_LEN];
	int64_t size;       /* bytes of the original file */
	char *imported_at;  /* timestamp */
	char *imported_by;
	int ntasks;
	json_t *extract;    /* the dondoc.extract/1 object; only filled by store_doc_get */
};

struct store_doc_list {
	struct store_doc *items;
	size_t n;
	int64_t total; /* rows matching, ignoring limit/offset */
};

/* What store_import_extract did. */
struct store_import_result {
	int64_t doc_id;   /* the new document, or the existing one when duplicate */
	int duplicate;    /* 1: a document with the same content hash was already stored */
	int ntasks;       /* tasks created */
	int units_matched;   /* unit names of the extraction resolved to units */
	int units_unmatched; /* unit names left as text (shown in the task, not assigned) */
};

/* Import one document: the extraction object (schema dondoc.extract/1; not modified), the
 * original bytes and the file name. All in one transaction: on any error nothing is kept.
 * Inside a caller's transaction (store_begin, a batch of documents) it is one savepoint of
 * it: a failed document leaves nothing and the rest of the transaction stays; its search
 * rows are indexed at the outermost store_commit (searches before that do not see them). If
 * an error ended the whole transaction, later imports and that commit fail.
 * A document whose sha256 is already stored is not imported again (res->duplicate = 1).
 * dry_run: do everything, report what would happen, then roll back.
 * Errors: DD_ERR_DATA when the JSON does not follow the schema. */
int store_import_extract(struct store *s, const json_t *extract, const void *bytes, size_t n,
			 const char *file_name, int dry_run, struct store_import_result *res,
			 struct dd_error *err);

/* The part of an import that needs no database: the extraction's JSON text and the folded
 * search text of the document and its tasks. Thread-safe (no store), so an importer can do
 * it on the thread that extracts, ahead of the one that stores. NULL when the extraction
 * does not look importable: the import then does that work itself and says what is wrong.
 * json: the extraction's compact JSON text when the caller has it already (the bytes
 * json_dumps(extract, JSON_COMPACT | JSON_PRESERVE_ORDER) would write), taken over (freed
 * here); NULL: written here. */
struct store_import_prep;
struct store_import_prep *store_import_prepare(const json_t *extract, char *json);
void store_import_prep_free(struct store_import_prep *p);

/* store_import_extract_hashed with the work of store_import_prepare(extract) done (prep NULL:
 * not done). */
int store_import_extract_prepared(struct store *s, const json_t *extract,
				  const struct store_import_prep *prep, const void *bytes, size_t n,
				  const char hash[65], const char *file_name, int dry_run,
				  struct store_import_result *res, struct dd_error *err);

/* The same with the sha256 of bytes (store_hash_hex) already computed by the caller. */
int store_import_extract_hashed(struct store *s, const json_t *extract, const void *bytes, size_t n,
				const char hash[65], const char *file_name, int dry_run,
				struct store_import_result *res, struct dd_error *err);

/* sha256 of data as 64 hex digits + NUL into out. */
void store_hash_hex(const void *data, size_t n, char out[65]);
/* 1 when a document with this hash exists (*doc_id set), 0 not, -1 error. */
int store_doc_find_hash(struct store *s, const char *hash, int64_t *doc_id, struct dd_error *err);

/* One document with its extraction JSON; 0 ok, -1 (DD_ERR_NOINPUT when there is no such id). */
int store_doc_get(struct store *s, int64_t id, struct store_doc *out, struct dd_error *err);
/* The original bytes (appended to out). */
int store_doc_bytes(struct store *s, int64_t id, struct buf *out, struct dd_error *err);
/* Documents, newest first. */
int store_doc_list(struct store *s, int64_t limit, int64_t offset, struct store_doc_list *out,
		   struct dd_error *err);
void store_doc_release(struct store_doc *d);
void store_doc_list_release(struct store_doc_list *l);

/* ---- units ------------------------------------------------------------------------ */

struct store_unit {
	int64_t id;
	char *name;         /* official name "Sở Tài chính" */
	char *short_name;   /* "STC" or NULL */
	char *kind;         /* "party", "state", "mass", ... free text from units.tsv, or NULL */
	int64_t parent_id;  /* hierarchy; 0 = top */
	int active;         /* 0 after a merge or dissolution */
	int64_t merged_into;/* unit that took over its tasks, 0 none */
	char *email;        /* where reminders go, or NULL */
	char **aliases;     /* other names it is known by (NULL-terminated array, may be NULL) */
	size_t naliases;
};

struct store_unit_list {
	struct store_unit *items;
	size_t n;
};

/* Find a unit by id ("12"), exact name, short name or alias; diacritics-, case- and
 * đ-insensitive ("so tai chinh" finds "Sở Tài chính"). A merged unit resolves to the unit
 * it merged into when follow_merge is set. 1 found, 0 not found, -1 error (also when the
 * text matches several units: DD_ERR_DATA "ambiguous unit"). */
int store_unit_find(struct store *s, const char *text, int follow_merge, int64_t *id,
		    struct dd_error *err);
int store_unit_get(struct store *s, int64_t id, struct store_unit *out, struct dd_error *err);
/* all: include inactive (merged) units. Sorted by name. */
int store_unit_list(struct store *s, int all, struct store_unit_list *out, struct dd_error *err);
/* Add a unit; parent_id 0 for none; short_name, kind, email may be NULL. */
int store_unit_add(struct store *s, const char *name, const char *short_name, const char *kind,
		   int64_t parent_id, const char *email, int64_t *id, struct dd_error *err);
int store_unit_add_alias(struct store *s, int64_t id, const char *alias, struct dd_error *err);
int store_unit_set_email(struct store *s, int64_t id, const char *email, struct dd_error *err);
/* Merge unit from into unit into: from becomes inactive, merged_into = into, and its task
 * assignments move to into (kept once when into already has the task). */
int store_unit_merge(struct store *s, int64_t from, int64_t into, struct dd_error *err);
void store_unit_release(struct store_unit *u);
void store_unit_list_release(struct store_unit_list *l);

/* ---- tasks ------------------------------------------------------------------------ */

/* What happened to the task, as recorded; the derived status is track_status_of(). */
enum store_task_state {
	STORE_TASK_OPEN = 0,      /* being worked on (or not yet) */
	STORE_TASK_PROPOSED = 1,  /* a unit proposed it done; the office has not confirmed */
	STORE_TASK_DONE = 2,      /* the office confirmed it done on done_date */
	STORE_TASK_CANCELLED = 3  /* stopped, with cancel_reason */
};

enum store_deadline_kind {
	STORE_DUE_NONE = 0,       /* no deadline given */
	STORE_DUE_BY = 1,         /* a date */
	STORE_DUE_RECURRING = 2   /* "thường xuyên", "hằng tháng": reported each period */
};

enum store_unit_role { STORE_ROLE_LEAD = 'L', STORE_ROLE_SUPPORT = 'S' };

struct store_task_unit {
	int64_t unit_id;
	char *name;
	int role; /* enum store_unit_role */
};

struct store_task {
	int64_t id;
	int64_t doc_id;
	int64_t parent_id;      /* enclosing task, 0 for top level */
	char *ref;              /* position in the document: "2", "2.a" */
	char *label;            /* as written: "2.", "a)" */
	int line;               /* line in the document's text, 0 unknown */
	char *text;
	enum store_deadline_kind due_kind;
	char due[STORE_DATE_LEN];      /* current deadline (after approved extensions) */
	char due_orig[STORE_DATE_LEN]; /* as extracted */
	char *due_text;         /* "trong tháng 3 năm 2021" */
	enum store_task_state state;
	int percent;            /* last reported, 0..100 */
	int nprogress;          /* number of progress reports */
	char proposed_date[STORE_DATE_LEN]; /* when a unit proposed done */
	char done_date[STORE_DATE_LEN];     /* when the office confirmed done */
	char *cancel_reason;
	char *topics;           /* comma-separated topic codes, or NULL */
	char *unit_text;        /* unit names from the document that matched no unit, "; "-joined */
	char *suggested;        /* units the extractor suggested (not assigned), "; "-joined */
	char *doc_number;       /* the document's number (for listings), or NULL */
	char doc_date[STORE_DATE_LEN];
	struct store_task_unit *units; /* lead first */
	size_t nunits;
	char *updated_at;
};

struct store_task_list {
	struct store_task *items;
	size_t n;
	int64_t total; /* rows matching the filter, ignoring limit/offset */
};

/* Primitive filters; a zeroed struct (store_task_filter_init) matches every task.
 * track_status_filter() fills these from a status. */
struct store_task_filter {
	int64_t doc_id;        /* 0 any */
	int64_t unit_id;       /* 0 any: lead or supporting */
	int lead_only;         /* with unit_id: only where it leads */
	unsigned state_mask;   /* bits 1 << enum store_task_state; 0 any */
	int due_kind;          /* -1 any, or an enum store_deadline_kind */
	int not_recurring;     /* 1: due_kind != RECURRING */
	char due_before[STORE_DATE_LEN]; /* due < this (implies a due date) */
	char due_from[STORE_DATE_LEN];   /* due >= this (implies a due date) */
	char due_to[STORE_DATE_LEN];     /* due <= this (implies a due date) */
	char due_not_before[STORE_DATE_LEN]; /* due IS NULL or due >= this */
	char due_not_after[STORE_DATE_LEN];  /* due IS NULL or due <= this */
	int started;           /* -1 any, 0 nprogress = 0, 1 nprogress > 0 */
	int done_late;         /* -1 any, 0 done_date <= due or no due, 1 done_date > due */
	char done_from[STORE_DATE_LEN]; /* done_date >= this */
	char done_to[STORE_DATE_LEN];   /* done_date <= this */
	const char *topic;     /* topic code, NULL any */
	int top_level;         /* 1: only tasks without parent */
	int64_t limit;         /* 0: default 50; capped at 10000 */
	int64_t offset;
	int no_total;          /* 1: skip counting (total = -1) */
};

void store_task_filter_init(struct store_task_filter *f);

/* Tasks matching f ordered by due date (none last; same date: open before done, then id =
 * document order); the unit list of each task is filled. out->total counts all matches
 * unless f->no_total (without any condition the total is a stored count, not a count(*)). */
int store_task_list(struct store *s, const struct store_task_filter *f, struct store_task_list *out,
		    struct dd_error *err);
/* Called by store_task_each for each task (units filled). The task is released after the
 * call; to keep it, take it: copy the struct and zero *task. Return 0 to go on, 1 to stop
 * (store_task_each returns 0), or -1 with err set to stop with that error. */
typedef int (*store_task_fn)(struct store_task *task, void *arg, struct dd_error *err);
/* Every task matching f, in the order of store_task_list, in one pass (no page queries and
 * no count; f->limit and f->no_total are ignored, f->offset skips). For exports. */
int store_task_each(struct store *s, const struct store_task_filter *f, store_task_fn fn,
		    void *arg, struct dd_error *err);
/* One task; -1 with DD_ERR_NOINPUT when there is no such id. */
int store_task_get(struct store *s, int64_t id, struct store_task *out, struct dd_error *err);
void store_task_release(struct store_task *t);
void store_task_list_release(struct store_task_list *l);

/* Set the lead unit (replacing the previous lead), add supporting units, and optionally
 * (due not NULL/"") set the deadline (due_kind becomes BY). support may be NULL. */
int store_task_assign(struct store *s, int64_t task_id, int64_t lead, const int64_t *support,
		      size_t nsupport, const char *due, struct dd_error *err);
/* Remove one unit from a task. */
int store_task_unassign(struct store *s, int64_t task_id, int64_t unit_id, struct dd_error *err);
/* Change the recorded state; date is the business date (proposed_date / done_date), reason
 * only for CANCELLED. Going back to OPEN clears proposed/done dates. */
int store_task_set_state(struct store *s, int64_t task_id, enum store_task_state st,
			 const char *date, const char *reason, struct dd_error *err);
/* Edit the text of a task (the office corrects extraction mistakes). */
int store_task_set_text(struct store *s, int64_t task_id, const char *text, struct dd_error *err);
/* Set the deadline directly (no extension record). kind BY needs a due date. */
int store_task_set_due(struct store *s, int64_t task_id, enum store_deadline_kind kind,
		       const char *due, struct dd_error *err);

/* Counts for reports: tasks matching f grouped into classes from which track/ derives
 * statuses. today decides overdue (due < today). Grouped by lead unit when by_unit (tasks
 * without a lead unit in rows with unit_id 0), otherwise unit_id is 0 in every row. */
struct store_count_row {
	int64_t unit_id;
	enum store_task_state state;
	enum store_deadline_kind due_kind;
	int past_due;   /* due < today */
	int done_late;  /* done_date > due */
	int started;    /* nprogress > 0 */
	int64_t n;
};
int store_task_counts(struct store *s, const struct store_task_filter *f, const char *today,
		      int by_unit, struct store_count_row **rows, size_t *nrows, struct dd_error *err);

/* ---- progress reports -------------------------------------------------------------- */

struct store_progress {
	int64_t id;
	int64_t task_id;
	int64_t unit_id;
	char *unit_name;
	char date[STORE_DATE_LEN];
	int percent;
	char *note;
	char *attachment_name; /* NULL when none */
	int64_t attachment_size;
	char *by;              /* actor */
	char *created_at;
};

struct store_progress_list {
	struct store_progress *items;
	size_t n;
};

/* Record a progress report and update the task's percent / count. attachment may be NULL. */
int store_progress_add(struct store *s, int64_t task_id, int64_t unit_id, const char *date,
		       int percent, const char *note, const char *attachment_name,
		       const void *attachment, size_t attachment_len, int64_t *id,
		       struct dd_error *err);
/* Reports of a task, oldest first. */
int store_progress_list(struct store *s, int64_t task_id, struct store_progress_list *out,
			struct dd_error *err);
/* The attachment bytes of a report (appended to out); 0 found, -1 none/error. */
int store_progress_attachment(struct store *s, int64_t progress_id, struct buf *out,
			      struct dd_error *err);
void store_progress_list_release(struct store_progress_list *l);

/* ---- extensions (deadline changes asked by units) -------------------------------- */

enum store_ext_state { STORE_EXT_PENDING = 0, STORE_EXT_APPROVED = 1, STORE_EXT_REFUSED = 2 };

struct store_extension {
	int64_t id;
	int64_t task_id;
	int64_t unit_id;             /* who asked (0 when the office did) */
	char old_due[STORE_DATE_LEN];/* deadline when asked */
	char new_due[STORE_DATE_LEN];
	char *reason;
	enum store_ext_state state;
	char requested_date[STORE_DATE_LEN];
	char *requested_by;
	char decided_date[STORE_DATE_LEN];
	char *decided_by;
	char *decision_note;
};

struct store_extension_list {
	struct store_extension *items;
	size_t n;
};

int store_extension_request(struct store *s, int64_t task_id, int64_t unit_id, const char *new_due,
			    const char *reason, const char *date, int64_t *id, struct dd_error *err);
/* Approve (the task's due becomes new_due) or refuse a pending request. */
int store_extension_decide(struct store *s, int64_t ext_id, int approve, const char *date,
			   const char *note, struct dd_error *err);
int store_extension_get(struct store *s, int64_t ext_id, struct store_extension *out,
			struct dd_error *err);
/* Extensions of one task (task_id > 0), or all pending ones (task_id 0), oldest first. */
int store_extension_list(struct store *s, int64_t task_id, struct store_extension_list *out,
			 struct dd_error *err);
void store_extension_release(struct store_extension *e);
void store_extension_list_release(struct store_extension_list *l);

/* ---- reminders and notifications --------------------------------------------------- */

/* The last date a reminder of kind ("before", "overdue") was recorded for (task, unit);
 * 1 found (date in out), 0 never, -1 error. */
int store_reminder_last(struct store *s, int64_t task_id, int64_t unit_id, const char *kind,
			char out[STORE_DATE_LEN], struct dd_error *err);
int store_reminder_add(struct store *s, int64_t task_id, int64_t unit_id, const char *kind,
		       const char *date, struct dd_error *err);

struct store_notification {
	int64_t id;
	int64_t unit_id;
	char *subject;
	char *body;
	char *channel;   /* "app", "email" */
	char *status;    /* "sent", "failed: ...", "stored" */
	char date[STORE_DATE_LEN];
	int read;
	char *created_at;
};

struct store_notification_list {
	struct store_notification *items;
	size_t n;
};

int store_notification_add(struct store *s, int64_t unit_id, const char *subject, const char *body,
			   const char *channel, const char *status, const char *date, int64_t *id,
			   struct dd_error *err);
/* Newest first; unit_id 0 = all units. */
int store_notification_list(struct store *s, int64_t unit_id, int64_t limit,
			    struct store_notification_list *out, struct dd_error *err);
int store_notification_mark_read(struct store *s, int64_t id, struct dd_error *err);
void store_notification_list_release(struct store_notification_list *l);

/* ---- users ------------------------------------------------------------------------ */

/* Roles: "admin", "office" (văn phòng: assigns, confirms, approves), "unit" (reports for
 * its unit), "leader" (reads everything). */
struct store_user {
	int64_t id;
	char *username;
	char *display_name;
	char *role;
	int64_t unit_id;        /* for role "unit"; 0 otherwise */
	char *email;
	char *password_hash;    /* argon2id encoded string (crypto_pwhash_str), or NULL */
	int active;
	char *created_at;
};

struct store_user_list {
	struct store_user *items;
	size_t n;
};

/* 1 found, 0 not, -1 error. */
int store_user_find(struct store *s, const char *username, struct store_user *out,
		    struct dd_error *err);
int store_user_get(struct store *s, int64_t id, struct store_user *out, struct dd_error *err);
/* Create; display_name, email, password_hash may be NULL; unit_id 0 for none. */
int store_user_create(struct store *s, const char *username, const char *display_name,
		      const char *role, int64_t unit_id, const char *email,
		      const char *password_hash, int64_t *id, struct dd_error *err);
int store_user_set_password_hash(struct store *s, int64_t id, const char *hash,
				 struct dd_error *err);
int store_user_set_active(struct store *s, int64_t id, int active, struct dd_error *err);
int store_user_list(struct store *s, struct store_user_list *out, struct dd_error *err);
void store_user_release(struct store_user *u);
void store_user_list_release(struct store_user_list *l);

/* ---- audit ------------------------------------------------------------------------ */

struct store_audit {
	int64_t id;
	char *at;        /* timestamp */
	char *who;
	char *entity;    /* "task", "document", "unit", "progress", "extension", "user", "setting" */
	int64_t entity_id;
	int64_t task_id; /* the task concerned, 0 when none */
	char *action;    /* "import", "update", "assign", "unassign", "progress", ... */
	json_t *before;  /* changed fields before (object) or NULL */
	json_t *after;   /* after, or NULL */
};

struct store_audit_list {
	struct store_audit *items;
	size_t n;
};

/* The audit trail of one task (including its progress, extensions, assignments and the
 * import of its document), oldest first. */
int store_audit_task(struct store *s, int64_t task_id, struct store_audit_list *out,
		     struct dd_error *err);
/* The whole log, newest first. */
int store_audit_list(struct store *s, int64_t limit, int64_t offset, struct store_audit_list *out,
		     struct dd_error *err);
void store_audit_list_release(struct store_audit_list *l);

/* ---- search ----------------------------------------------------------------------- */

struct store_hit {
	char kind;        /* 'd' document, 't' task */
	int64_t id;       /* document or task id */
	int64_t doc_id;
	double score;     /* ranking score, lower is better (negative) */
	char *title;      /* document number + subject, or task ref + document number */
	char *snippet;    /* original text around the match, matches wrapped in open/close */
};

struct store_hit_list {
	struct store_hit *items;
	size_t n;
	int more; /* 1 when there are hits after this page */
};

/* Full-text search over documents and tasks, insensitive to case, diacritics and đ.
 * Words are ANDed; words in double quotes form a phrase; a trailing * makes a prefix.
 * open/close (e.g. "[" "]", or "<mark>" "</mark>") wrap matches in snippets, which are cut
 * from the original text. Ranked (BM25 term frequency and length, no idf) among the newest
 * 1000 matches, so limit + offset beyond 1000 find nothing more (docs/store.md).
 * Errors: DD_ERR_USAGE when the query has no searchable word or is too long. */
int store_search(struct store *s, const char *query, int64_t limit, int64_t offset,
		 const char *open, const char *close, struct store_hit_list *out,
		 struct dd_error *err);
void store_hit_list_release(struct store_hit_list *l);

#endif
