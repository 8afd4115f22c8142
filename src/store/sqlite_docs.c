/* sqlite_docs.c - SQLite backend: importing extraction results, documents and their original bytes */
#include "sqlite_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define MAX_TASKS_PER_DOC 5000
#define MAX_TASK_TEXT (256u << 10)
#define MAX_FIELD (64u << 10)
#define MAX_EXTRACT_JSON (256u << 20)

static const char *jstr(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static const char *jstr2(const json_t *o, const char *key, const char *sub)
{
	const json_t *v = json_object_get(o, key);
	return json_is_object(v) ? jstr(v, sub) : NULL;
}

/* A date field: must be YYYY-MM-DD when present. */
static int jdate(const json_t *o, const char *key, const char *sub, const char **out,
		 struct dd_error *err)
{
	const json_t *v = json_object_get(o, key);
	*out = NULL;
	if (sub)
		v = json_is_object(v) ? json_object_get(v, sub) : NULL;
	if (!v || json_is_null(v))
		return 0;
	const char *s = json_is_string(v) ? json_string_value(v) : NULL;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return dd_error_code(err, DD_ERR_DATA, "field '%s%s%s' is not a YYYY-MM-DD date", key,
				     sub ? "." : "", sub ? sub : "");
	*out = s;
	return 0;
}

/* Join the strings of array key with sep into out (cleared first). */
static void join_array(const json_t *o, const char *key, const char *sep, struct buf *out)
{
	const json_t *a = json_object_get(o, key), *v;
	size_t i;
	buf_reset(out);
	json_array_foreach(a, i, v)
	{
		if (!json_is_string(v) || !*json_string_value(v))
			continue;
		if (out->len)
			buf_addstr(out, sep);
		buf_addstr(out, json_string_value(v));
	}
}

int sq_index_task(struct sq *q, int64_t task_id, const char *text, const char *extra,
		  struct dd_error *err)
{
	struct buf f;
	sqlite3_stmt *st;
	int rc = -1;

	buf_init(&f, 0);
	if (sq_fold(text, &f) < 0 || (extra && (buf_addch(&f, '\n') < 0 || sq_fold(extra, &f) < 0))) {
		dd_error(err, "cannot fold task text");
		goto out;
	}
	st = sq_prep(q, "INSERT OR REPLACE INTO fts(rowid, body) VALUES(?, ?)", err);
	if (!st)
		goto out;
	sqlite3_bind_int64(st, 1, task_id * 2);
	sqlite3_bind_text(st, 2, buf_str(&f), (int)f.len, SQLITE_STATIC);
	rc = sq_step_done(q, st, err, "cannot index task");
out:
	buf_release(&f);
	return rc;
}

/* Search rows of one import, written by one statement at the end: FTS5 flushes its pending
 * terms into a new segment at every statement savepoint, so one INSERT per task would write
 * (and later merge) a segment per task. */
struct fts_batch {
	int64_t *rowid;
	struct buf *text;
	size_t n, cap;
};

static int batch_add(struct fts_batch *b, int64_t rowid, const char *text)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 16;
		b->rowid = xreallocarray(b->rowid, b->cap, sizeof(*b->rowid));
		b->text = xreallocarray(b->text, b->cap, sizeof(*b->text));
	}
	b->rowid[b->n] = rowid;
	buf_init(&b->text[b->n], 0);
	return sq_fold(text, &b->text[b->n++]);
}

/* batch_add of a text already folded (store_import_prepare). */
static int batch_add_folded(struct fts_batch *b, int64_t rowid, const struct buf *folded)
{
	if (batch_add(b, rowid, NULL) < 0)
		return -1;
	return buf_add(&b->text[b->n - 1], buf_str(folded), folded->len);
}

/* The multi-row INSERTs of an import ("INSERT ... VALUES(..),(..)" with k rows), prepared
 * once per connection and row count: one statement per table and document instead of one
 * per row saves most of SQLite's per-statement work. */
static const struct {
	const char *head;
	int ncols;
} multi_sql[SQ_MULTI_KINDS] = {
	[SQ_MULTI_FTS] = {"INSERT INTO fts(rowid, body) VALUES", 2},
	[SQ_MULTI_STAGE] = {"INSERT INTO temp.fts_stage(id, body) VALUES", 2},
	[SQ_MULTI_TASKS] = {"INSERT INTO tasks(id, doc_id, parent_id, ref, label, line, text, due_kind,"
			    " due, due_orig, due_text, topics, suggested, unit_text) VALUES", 14},
	[SQ_MULTI_UNITS] = {"INSERT OR IGNORE INTO task_units(task_id, unit_id, role) VALUES", 3},
};

static sqlite3_stmt *multi_prep(struct sq *q, int kind, size_t k, struct dd_error *err)
{
	sqlite3_stmt *st = q->multi[kind][k];
	struct buf sql;
	int ncols = multi_sql[kind].ncols;

	if (k == 0 || k > SQ_MULTI_ROWS)
		BUG("multi-row insert of %zu rows", k);
	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return st;
	}
	buf_init(&sql, 0);
	buf_addstr(&sql, multi_sql[kind].head);
	for (size_t i = 0; i < k; i++) {
		buf_addstr(&sql, i ? ",(" : "(");
		for (int c = 0; c < ncols; c++)
			buf_addstr(&sql, c ? ",?" : "?");
		buf_addch(&sql, ')');
	}
	if (sqlite3_prepare_v3(q->db, buf_str(&sql), -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) !=
	    SQLITE_OK) {
		sq_fail(q, err, "cannot prepare a database query");
		st = NULL;
	}
	buf_release(&sql);
	q->multi[kind][k] = st;
	return st;
}

/* Write the rows of b into the index (kind SQ_MULTI_FTS) or the staging table
 * (SQ_MULTI_STAGE, see sq_stage_flush). */
static int batch_flush(struct sq *q, struct fts_batch *b, int kind, struct dd_error *err)
{
	for (size_t at = 0; at < b->n; at += SQ_MULTI_ROWS) {
		size_t k = b->n - at < SQ_MULTI_ROWS ? b->n - at : SQ_MULTI_ROWS;
		sqlite3_stmt *st = multi_prep(q, kind, k, err);
		if (!st)
			return -1;
		for (size_t i = 0; i < k; i++) {
			sqlite3_bind_int64(st, (int)(2 * i + 1), b->rowid[at + i]);
			sqlite3_bind_text(st, (int)(2 * i + 2), buf_str(&b->text[at + i]),
					  (int)b->text[at + i].len, SQLITE_STATIC);
		}
		if (sq_step_done(q, st, err, "cannot index the document") < 0)
			return -1;
	}
	return 0;
}

/* FTS5 (3.40) writes its pending terms as a new segment at every savepoint and statement of
 * a transaction, and when rowids go down. A batch of documents therefore stages its search
 * rows in a temporary table (rolled back with a failed document's savepoint, like its other
 * rows) and moves them into the index here, by one statement in rowid order: one segment per
 * megabyte of terms instead of one per document, and far less merging. */
int sq_stage_flush(struct sq *q, struct dd_error *err)
{
	sqlite3_stmt *st = sq_prep(q, "INSERT INTO fts(rowid, body) SELECT id, body FROM"
				      " temp.fts_stage ORDER BY id", err);
	if (!st || sq_step_done(q, st, err, "cannot index the documents") < 0)
		return -1;
	st = sq_prep(q, "DELETE FROM temp.fts_stage", err);
	if (!st || sq_step_done(q, st, err, "cannot index the documents") < 0)
		return -1;
	q->staged = 0;
	return 0;
}

/* Run one of the savepoint statements of a nested import. */
static int savepoint(struct sq *q, const char *sql, struct dd_error *err)
{
	sqlite3_stmt *st = sq_prep(q, sql, err);
	return st ? sq_step_done(q, st, err, "cannot import") : -1;
}

static void batch_release(struct fts_batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		buf_release(&b->text[i]);
	free(b->rowid);
	free(b->text);
	memset(b, 0, sizeof(*b));
}

int sq_doc_find_hash(struct store *s, const char *hash, int64_t *doc_id, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = sq_prep(q, "SELECT id FROM documents WHERE hash = ?", err);
	int rc;
	*doc_id = 0;
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*doc_id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_fail(q, err, "cannot look up document");
	return rc == SQLITE_ROW;
}

/* Append one byte: without buf_add's call and checks when there is room (half the cost of
 * the JSON text was buf_addch). */
static inline int put_ch(struct buf *out, char c)
{
	if (out->len + 1 < out->cap && (!out->max || out->len < out->max)) {
		out->ptr[out->len++] = c;
		out->ptr[out->len] = '\0';
		return 0;
	}
	return buf_addch(out, c);
}

/* A JSON string literal of the n bytes at s (valid UTF-8), written in place, 4 KiB of s at a
 * time: room for the worst case (every byte \u00XX) is made first. */
static int dump_str(const char *s, size_t n, struct buf *out)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	char *w;

	if (put_ch(out, '"') < 0)
		return -1;
	for (size_t at = 0; at < n; at += 4096) {
		size_t end = n - at < 4096 ? n : at + 4096;
		if (buf_grow(out, 6 * (end - at) + 1) < 0)
			return -1;
		w = out->ptr + out->len;
		for (size_t i = at; i < end; i++) {
			unsigned char c = p[i];
			if (c >= 0x20 && c != '"' && c != '\\') {
				*w++ = (char)c;
				continue;
			}
			*w++ = '\\';
			switch (c) {
			case '"': *w++ = '"'; break;
			case '\\': *w++ = '\\'; break;
			case '\n': *w++ = 'n'; break;
			case '\t': *w++ = 't'; break;
			case '\r': *w++ = 'r'; break;
			case '\b': *w++ = 'b'; break;
			case '\f': *w++ = 'f'; break;
			default:
				memcpy(w, "u00", 3);
				w[3] = hex[c >> 4];
				w[4] = hex[c & 15];
				w += 5;
			}
		}
		out->len = (size_t)(w - out->ptr);
		*w = '\0';
	}
	return put_ch(out, '"');
}

/* Compact JSON text of v appended to out, like json_dumps(JSON_COMPACT) but several times
 * faster: jansson decodes every string character by character, while its strings are known
 * to be valid UTF-8, so only '"', '\\' and control bytes need work. Reals are left to
 * jansson. -1 when the text would be too long. */
static int dump_json(const json_t *v, struct buf *out)
{
	const char *key;
	const json_t *x;
	size_t i;
	int r = 0;

	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		int first = 1;
		r |= put_ch(out, '{');
		json_object_foreach((json_t *)v, key, x)
		{
			if (!first)
				r |= put_ch(out, ',');
			first = 0;
			r |= dump_str(key, strlen(key), out);
			r |= put_ch(out, ':');
			r |= dump_json(x, out);
		}
		return r | put_ch(out, '}');
	}
	case JSON_ARRAY:
		r |= put_ch(out, '[');
		json_array_foreach(v, i, x)
		{
			if (i)
				r |= put_ch(out, ',');
			r |= dump_json(x, out);
		}
		return r | put_ch(out, ']');
	case JSON_STRING:
		return dump_str(json_string_value(v), json_string_length(v), out);
	case JSON_INTEGER:
		return buf_printf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	case JSON_TRUE:
		return buf_addstr(out, "true");
	case JSON_FALSE:
		return buf_addstr(out, "false");
	case JSON_NULL:
		return buf_addstr(out, "null");
	default: {
		char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		if (!s)
			return -1;
		r = buf_addstr(out, s);
		free(s);
		return r;
	}
	}
}

/* The document's searchable text: type, number, issuer, subject. */
static void doc_search_text(const json_t *ex, struct buf *out)
{
	const char *parts[] = {jstr2(ex, "type", "name"), jstr(ex, "number"), jstr(ex, "issuer"),
			       jstr(ex, "subject")};
	buf_reset(out);
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		if (!parts[i])
			continue;
		if (out->len)
			buf_addch(out, '\n');
		buf_addstr(out, parts[i]);
	}
}

/* One task of an import, gathered before the rows are written. Strings point into the
 * extraction JSON (not modified during the import) or into the row's own buffers. */
struct task_row {
	int64_t id, parent;
	const char *ext_id, *label, *text, *due, *due_text;
	const json_t *line;
	int due_kind;
	struct buf topics, suggested, unit_text;
};

struct unit_row {
	int64_t task_id, unit_id;
	const char *role;
};

struct import_rows {
	struct task_row *t;
	size_t nt;
	struct unit_row *u;
	size_t nu, ucap;
};

static struct sq_name *name_slot(struct sq *q, const char *name)
{
	uint64_t h = 14695981039346656037u; /* FNV-1a */
	size_t i;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	for (i = (size_t)h & (q->namecap - 1); q->names[i].name; i = (i + 1) & (q->namecap - 1))
		if (strcmp(q->names[i].name, name) == 0)
			break;
	return &q->names[i];
}

void sq_names_clear(struct sq *q)
{
	for (size_t i = 0; i < q->namecap; i++)
		free(q->names[i].name);
	free(q->names);
	q->names = NULL;
	q->nnames = q->namecap = 0;
}

/* sq_unit_find (following merges), remembering the answers until the transaction ends:
 * documents repeat their units, and a batch of documents repeats them more. */
static int find_unit(struct sq *q, const char *name, int64_t *id, struct dd_error *err)
{
	struct sq_name *e;
	int r;
	if (q->namecap && (e = name_slot(q, name))->name) {
		*id = e->id;
		return *id != 0;
	}
	r = sq_unit_find(&q->base, name, 1, id, err);
	if (r < 0)
		return -1;
	if (2 * (q->nnames + 1) > q->namecap) {
		struct sq_name *old = q->names;
		size_t oldcap = q->namecap;
		q->namecap = oldcap ? 2 * oldcap : 64;
		q->names = xcalloc(q->namecap, sizeof(*q->names));
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].name)
				*name_slot(q, old[i].name) = old[i];
		free(old);
	}
	e = name_slot(q, name);
	e->name = xstrdup(name);
	e->id = r ? *id : 0;
	q->nnames++;
	return r;
}

static void rows_release(struct import_rows *r)
{
	for (size_t i = 0; i < r->nt; i++) {
		buf_release(&r->t[i].topics);
		buf_release(&r->t[i].suggested);
		buf_release(&r->t[i].unit_text);
	}
	free(r->t);
	free(r->u);
	memset(r, 0, sizeof(*r));
}

/* Check task idx of the extraction, resolve its parent and units, and add it to rows (its
 * id is rows->t[0].id + idx: ids are given out in order under the write lock). */
static int import_task(struct sq *q, const json_t *t, size_t idx, struct import_rows *rows,
		       struct store_import_result *res, const struct store_import_prep *prep,
		       struct fts_batch *fts, struct dd_error *err)
{
	const char *text = jstr(t, "text"), *kind, *due = NULL;
	const json_t *parent = json_object_get(t, "parent"), *dl = json_object_get(t, "deadline");
	const json_t *names, *v;
	struct task_row *r = &rows->t[idx];
	size_t i;

	if (!json_is_object(t))
		return dd_error_code(err, DD_ERR_DATA, "task %zu is not an object", idx + 1);
	if (!text || !*text)
		return dd_error_code(err, DD_ERR_DATA, "task %zu has no text", idx + 1);
	if (strlen(text) > MAX_TASK_TEXT)
		return dd_error_code(err, DD_ERR_DATA, "task %zu: text too long", idx + 1);
	r->ext_id = jstr(t, "id");
	if (json_is_string(parent)) {
		for (i = 0; i < idx; i++)
			if (rows->t[i].ext_id && strcmp(rows->t[i].ext_id, json_string_value(parent)) == 0)
				r->parent = rows->t[i].id;
		if (!r->parent)
			return dd_error_code(err, DD_ERR_DATA,
					     "task %zu: parent '%s' is not an earlier task", idx + 1,
					     json_string_value(parent));
	} else if (parent && !json_is_null(parent)) {
		return dd_error_code(err, DD_ERR_DATA, "task %zu: parent is not a string", idx + 1);
	}
	r->due_kind = STORE_DUE_NONE;
	if (dl && !json_is_null(dl)) {
		if (!json_is_object(dl))
			return dd_error_code(err, DD_ERR_DATA, "task %zu: deadline is not an object",
					     idx + 1);
		if (jdate(dl, "date", NULL, &due, err) < 0) {
			dd_error_prefix(err, "task %zu", idx + 1);
			return -1;
		}
		kind = jstr(dl, "kind");
		if (kind && strcmp(kind, "recurring") == 0)
			r->due_kind = STORE_DUE_RECURRING;
		else if (due)
			r->due_kind = STORE_DUE_BY;
		r->due_text = jstr(dl, "text");
	}
	r->due = due;
	r->text = text;
	r->label = jstr(t, "label");
	r->line = json_object_get(t, "line");
	join_array(t, "topics", ",", &r->topics);
	join_array(t, "suggested_units", "; ", &r->suggested);

	/* units the document names: matched ones are assigned, the rest kept as text */
	for (int role = 0; role < 2; role++) {
		names = json_object_get(t, role == 0 ? "lead_units" : "supporting_units");
		json_array_foreach(names, i, v)
		{
			int64_t uid;
			int found;
			if (!json_is_string(v) || !*json_string_value(v))
				continue;
			found = find_unit(q, json_string_value(v), &uid, err);
			if (found < 0)
				return -1;
			if (found == 0) {
				res->units_unmatched++;
				if (r->unit_text.len)
					buf_addstr(&r->unit_text, "; ");
				buf_addstr(&r->unit_text, json_string_value(v));
				continue;
			}
			res->units_matched++;
			XGROW(rows->u, rows->nu + 1, rows->ucap);
			rows->u[rows->nu].task_id = r->id;
			rows->u[rows->nu].unit_id = uid;
			rows->u[rows->nu++].role = role == 0 ? "L" : "S";
		}
	}
	if ((prep ? batch_add_folded(fts, r->id * 2, &prep->task_text[idx])
		  : batch_add(fts, r->id * 2, text)) < 0)
		return dd_error_code(err, DD_ERR_DATA, "task %zu: text cannot be indexed", idx + 1);
	return 0;
}

static void bind_buf(sqlite3_stmt *st, int i, const struct buf *b)
{
	if (b->len)
		sqlite3_bind_text(st, i, b->ptr, (int)b->len, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* Write the gathered tasks and their units, SQ_MULTI_ROWS rows per statement. */
static int rows_flush(struct sq *q, int64_t doc_id, const struct import_rows *rows,
		      struct dd_error *err)
{
	for (size_t at = 0; at < rows->nt; at += SQ_MULTI_ROWS) {
		size_t k = rows->nt - at < SQ_MULTI_ROWS ? rows->nt - at : SQ_MULTI_ROWS;
		sqlite3_stmt *st = multi_prep(q, SQ_MULTI_TASKS, k, err);
		if (!st)
			return -1;
		for (size_t i = 0; i < k; i++) {
			const struct task_row *r = &rows->t[at + i];
			int c = (int)(14 * i);
			sqlite3_bind_int64(st, c + 1, r->id);
			sqlite3_bind_int64(st, c + 2, doc_id);
			sq_bind_id(st, c + 3, r->parent);
			sq_bind_text(st, c + 4, r->ext_id);
			sq_bind_text(st, c + 5, r->label);
			if (json_is_integer(r->line))
				sqlite3_bind_int64(st, c + 6, json_integer_value(r->line));
			sqlite3_bind_text(st, c + 7, r->text, -1, SQLITE_STATIC);
			sqlite3_bind_int(st, c + 8, r->due_kind);
			sq_bind_text(st, c + 9, r->due);
			sq_bind_text(st, c + 10, r->due);
			sq_bind_text(st, c + 11, r->due_text);
			bind_buf(st, c + 12, &r->topics);
			bind_buf(st, c + 13, &r->suggested);
			bind_buf(st, c + 14, &r->unit_text);
		}
		if (sq_step_done(q, st, err, "cannot save task") < 0)
			return -1;
	}
	for (size_t at = 0; at < rows->nu; at += SQ_MULTI_ROWS) {
		size_t k = rows->nu - at < SQ_MULTI_ROWS ? rows->nu - at : SQ_MULTI_ROWS;
		sqlite3_stmt *st = multi_prep(q, SQ_MULTI_UNITS, k, err);
		if (!st)
			return -1;
		for (size_t i = 0; i < k; i++) {
			const struct unit_row *u = &rows->u[at + i];
			sqlite3_bind_int64(st, (int)(3 * i + 1), u->task_id);
			sqlite3_bind_int64(st, (int)(3 * i + 2), u->unit_id);
			sqlite3_bind_text(st, (int)(3 * i + 3), u->role, 1, SQLITE_STATIC);
		}
		if (sq_step_done(q, st, err, "cannot assign unit") < 0)
			return -1;
	}
	return 0;
}

static int validate(const json_t *ex, struct dd_error *err)
{
	const char *schema;
	const json_t *tasks;
	const char *d;
	static const char *const text_fields[] = {"number", "issuer", "subject", "place"};

	if (!json_is_object(ex))
		return dd_error_code(err, DD_ERR_DATA, "extraction result is not a JSON object");
	schema = jstr(ex, "schema");
	if (!schema || strcmp(schema, "dondoc.extract/1") != 0)
		return dd_error_code(err, DD_ERR_DATA, "extraction result: schema is '%s', not "
				     "'dondoc.extract/1'", schema ? schema : "(none)");
	tasks = json_object_get(ex, "tasks");
	if (!json_is_array(tasks))
		return dd_error_code(err, DD_ERR_DATA, "extraction result: 'tasks' is not a list");
	if (json_array_size(tasks) > MAX_TASKS_PER_DOC)
		return dd_error_code(err, DD_ERR_DATA, "extraction result: more than %d tasks",
				     MAX_TASKS_PER_DOC);
	for (size_t i = 0; i < sizeof(text_fields) / sizeof(text_fields[0]); i++) {
		const json_t *v = json_object_get(ex, text_fields[i]);
		if (v && !json_is_null(v) && (!json_is_string(v) || strlen(json_string_value(v)) > MAX_FIELD))
			return dd_error_code(err, DD_ERR_DATA, "extraction result: '%s' is not a string "
					     "(or is too long)", text_fields[i]);
	}
	if (jdate(ex, "date", NULL, &d, err) < 0 || jdate(ex, "period", "from", &d, err) < 0 ||
	    jdate(ex, "period", "to", &d, err) < 0)
		return -1;
	return 0;
}

struct store_import_prep *sq_import_prepare(const json_t *ex, char *json)
{
	const json_t *tasks = json_object_get(ex, "tasks"), *t;
	struct store_import_prep *p;
	struct buf jb, text;
	size_t i;

	if (!json_is_object(ex) || !json_is_array(tasks) || json_array_size(tasks) > MAX_TASKS_PER_DOC) {
		free(json);
		return NULL;
	}
	p = xcalloc(1, sizeof(*p));
	buf_init(&p->doc_text, 0);
	if (json && strlen(json) > MAX_EXTRACT_JSON) {
		free(json); /* too long, as dump_json would have found */
	} else if (json) {
		p->json = json;
	} else {
		buf_init(&jb, MAX_EXTRACT_JSON);
		p->json = dump_json(ex, &jb) < 0 ? NULL : buf_detach(&jb, NULL);
		buf_release(&jb);
	}
	buf_init(&text, 0);
	doc_search_text(ex, &text);
	if (!p->json || (text.len && sq_fold(buf_str(&text), &p->doc_text) < 0)) {
		buf_release(&text);
		goto fail;
	}
	buf_release(&text);
	p->task_text = xcalloc(json_array_size(tasks) + 1, sizeof(*p->task_text));
	json_array_foreach(tasks, i, t)
	{
		const char *s = jstr(t, "text");
		buf_init(&p->task_text[i], 0);
		p->ntasks++;
		if (s && sq_fold(s, &p->task_text[i]) < 0)
			goto fail;
	}
	return p;
fail:
	store_import_prep_free(p);
	return NULL;
}

int sq_import_extract(struct store *s, const json_t *ex, const struct store_import_prep *prep,
		      const void *bytes, size_t n,
		      const char *given_hash, const char *file_name, int dry_run,
		      struct store_import_result *res, struct dd_error *err)
{
	struct sq *q = SQ(s);
	char hash[65];
	const char *json = NULL;
	char *own_json = NULL;
	const char *date, *pfrom, *pto;
	const json_t *tasks, *t;
	struct import_rows rows = {0};
	struct buf sb;
	struct fts_batch fts = {0};
	sqlite3_stmt *st;
	size_t i;
	int64_t existing, first_id = 1;
	int r, rc = -1, nested = q->depth > 0;

	memset(res, 0, sizeof(*res));
	buf_init(&sb, 0);
	if (validate(ex, err) < 0)
		return -1;
	if (prep && prep->ntasks != json_array_size(json_object_get(ex, "tasks")))
		BUG("import of a prepared extraction that is not the one given");
	jdate(ex, "date", NULL, &date, err);
	jdate(ex, "period", "from", &pfrom, err);
	jdate(ex, "period", "to", &pto, err);
	if (given_hash && strlen(given_hash) == 64)
		memcpy(hash, given_hash, sizeof(hash));
	else
		store_hash_hex(bytes, n, hash);
	/* inside a caller's transaction (a batch of documents): the document is a savepoint,
	 * released when it is whole, rolled back when not, so it leaves all or nothing */
	if (nested) {
		if (q->lost)
			return dd_error(err, "database: the transaction was rolled back after an "
					"earlier error");
		if (!q->stage_table) {
			if (sq_exec(q, "CREATE TEMP TABLE IF NOT EXISTS fts_stage(id INTEGER PRIMARY KEY,"
				       " body TEXT NOT NULL)", err) < 0)
				return -1;
			q->stage_table = 1;
		}
		if (savepoint(q, "SAVEPOINT dd_doc", err) < 0)
			return -1;
	} else if (sq_begin(s, err) < 0) {
		return -1;
	}
	q->importing = 1;
	/* under the write lock, so two processes importing the same file cannot both insert */
	r = sq_doc_find_hash(s, hash, &existing, err);
	if (r < 0)
		goto fail;
	if (r == 1) {
		res->doc_id = existing;
		res->duplicate = 1;
		rc = 0;
		goto fail; /* nothing to keep */
	}
	if (prep) {
		json = prep->json;
	} else {
		struct buf jb;
		buf_init(&jb, MAX_EXTRACT_JSON);
		json = own_json = dump_json(ex, &jb) < 0 ? NULL : buf_detach(&jb, NULL);
		buf_release(&jb);
	}
	if (!json) {
		dd_error_code(err, DD_ERR_DATA, "extraction result cannot be serialized");
		goto fail;
	}
	tasks = json_object_get(ex, "tasks");
	st = sq_prep(q, "INSERT INTO documents(hash, file_name, format, type_code, type_name, number,"
			" issuer, subject, date, period_from, period_to, size, imported_by, extract,"
			" ntasks) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,dd_actor(),?,?)", err);
	if (!st)
		goto fail;
	sqlite3_bind_text(st, 1, hash, 64, SQLITE_STATIC);
	sq_bind_text(st, 2, file_name);
	sq_bind_text(st, 3, jstr2(ex, "source", "format"));
	sq_bind_text(st, 4, jstr2(ex, "type", "code"));
	sq_bind_text(st, 5, jstr2(ex, "type", "name"));
	sq_bind_text(st, 6, jstr(ex, "number"));
	sq_bind_text(st, 7, jstr(ex, "issuer"));
	sq_bind_text(st, 8, jstr(ex, "subject"));
	sq_bind_text(st, 9, date);
	sq_bind_text(st, 10, pfrom);
	sq_bind_text(st, 11, pto);
	sqlite3_bind_int64(st, 12, (sqlite3_int64)n);
	sqlite3_bind_text(st, 13, json, -1, SQLITE_STATIC);
	/* every task is stored or the import fails: the count is known now */
	sqlite3_bind_int64(st, 14, (sqlite3_int64)json_array_size(tasks));
	if (sq_step_done(q, st, err, "cannot save document") < 0)
		goto fail;
	res->doc_id = sqlite3_last_insert_rowid(q->db);
	st = sq_prep(q, "INSERT INTO document_files(doc_id, bytes) VALUES(?, ?)", err);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, res->doc_id);
	sqlite3_bind_blob64(st, 2, n ? bytes : "", n, SQLITE_STATIC);
	if (sq_step_done(q, st, err, "cannot save document file") < 0)
		goto fail;
	doc_search_text(ex, &sb);
	if (sb.len && (prep ? batch_add_folded(&fts, res->doc_id * 2 + 1, &prep->doc_text)
			    : batch_add(&fts, res->doc_id * 2 + 1, buf_str(&sb))) < 0) {
		dd_error_code(err, DD_ERR_DATA, "document text cannot be indexed");
		goto fail;
	}

	/* ids in order from the highest one: we hold the write lock, so no one else inserts */
	st = sq_prep(q, "SELECT coalesce(max(id), 0) + 1 FROM tasks", err);
	if (!st)
		goto fail;
	if (sqlite3_step(st) == SQLITE_ROW)
		first_id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	rows.t = xcalloc(json_array_size(tasks) + 1, sizeof(*rows.t));
	json_array_foreach(tasks, i, t)
	{
		rows.t[i].id = first_id + (int64_t)i;
		buf_init(&rows.t[i].topics, 0);
		buf_init(&rows.t[i].suggested, 0);
		buf_init(&rows.t[i].unit_text, 0);
		rows.nt++;
		if (import_task(q, t, i, &rows, res, prep, &fts, err) < 0)
			goto fail;
		res->ntasks++;
	}
	if (rows_flush(q, res->doc_id, &rows, err) < 0)
		goto fail;
	st = sq_prep(q, "UPDATE meta SET value = value + ? WHERE key = 'tasks'", err);
	if (!st)
		goto fail;
	sqlite3_bind_int(st, 1, res->ntasks);
	if (sq_step_done(q, st, err, "cannot save document") < 0)
		goto fail;
	/* last: see struct fts_batch; in a batch, staged (see sq_stage_flush) */
	if (batch_flush(q, &fts, nested ? SQ_MULTI_STAGE : SQ_MULTI_FTS, err) < 0)
		goto fail;
	q->importing = 0;
	if (dry_run) {
		rc = 0;
		goto fail;
	}
	if (nested) {
		if (savepoint(q, "RELEASE dd_doc", err) < 0)
			goto fail;
		q->staged += (int64_t)fts.n;
		rc = 0;
	} else {
		rc = sq_commit(s, err);
	}
	goto out;
fail:
	if (!nested) {
		sq_rollback(s);
	} else if (sqlite3_get_autocommit(q->db) ||
		   sqlite3_exec(q->db, "ROLLBACK TO dd_doc; RELEASE dd_doc", NULL, NULL, NULL) !=
			   SQLITE_OK) {
		/* the error ended the transaction, or the document cannot be taken out of it:
		 * the batch is lost, and said so at its commit */
		q->lost = 1;
		if (sqlite3_get_autocommit(q->db) == 0)
			sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
	}
out:
	q->importing = 0;
	if (!nested)
		sq_names_clear(q);
	if (rc < 0 && file_name)
		dd_error_prefix(err, "%s", file_name);
	free(own_json);
	rows_release(&rows);
	buf_release(&sb);
	batch_release(&fts);
	return rc;
}

#define DOC_COLS                                                                               \
	"id, hash, file_name, format, type_code, type_name, number, issuer, subject, date,"    \
	" period_from, period_to, size, imported_at, imported_by, ntasks"

static void read_doc(sqlite3_stmt *st, struct store_doc *d)
{
	const unsigned char *h;
	memset(d, 0, sizeof(*d));
	d->id = sqlite3_column_int64(st, 0);
	h = sqlite3_column_text(st, 1);
	snprintf(d->hash, sizeof(d->hash), "%s", h ? (const char *)h : "");
	d->file_name = sq_col_str(st, 2);
	d->format = sq_col_str(st, 3);
	d->type_code = sq_col_str(st, 4);
	d->type_name = sq_col_str(st, 5);
	d->number = sq_col_str(st, 6);
	d->issuer = sq_col_str(st, 7);
	d->subject = sq_col_str(st, 8);
	sq_col_date(st, 9, d->date);
	sq_col_date(st, 10, d->period_from);
	sq_col_date(st, 11, d->period_to);
	d->size = sqlite3_column_int64(st, 12);
	d->imported_at = sq_col_str(st, 13);
	d->imported_by = sq_col_str(st, 14);
	d->ntasks = sqlite3_column_int(st, 15);
}

int sq_doc_get(struct store *s, int64_t id, struct store_doc *out, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = sq_prep(q, "SELECT " DOC_COLS ", extract FROM documents WHERE id = ?", err);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		json_error_t je;
		read_doc(st, out);
		out->extract = json_loads((const char *)sqlite3_column_text(st, 16), 0, &je);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return dd_error_code(err, DD_ERR_NOINPUT, "no document with id %lld", (long long)id);
	if (rc != SQLITE_ROW)
		return sq_fail(q, err, "cannot read document");
	return 0;
}

int sq_doc_bytes(struct store *s, int64_t id, struct buf *out, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = sq_prep(q, "SELECT bytes FROM document_files WHERE doc_id = ?", err);
	int rc, r = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		r = buf_add(out, sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0));
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return dd_error_code(err, DD_ERR_NOINPUT, "no document with id %lld", (long long)id);
	if (rc != SQLITE_ROW)
		return sq_fail(q, err, "cannot read document file");
	if (r < 0)
		return dd_error(err, "document %lld is too large", (long long)id);
	return 0;
}

int sq_doc_list(struct store *s, int64_t limit, int64_t offset, struct store_doc_list *out,
		struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (limit <= 0)
		limit = 50;
	st = sq_prep(q, "SELECT " DOC_COLS " FROM documents ORDER BY id DESC LIMIT ? OFFSET ?", err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, limit);
	sqlite3_bind_int64(st, 2, offset < 0 ? 0 : offset);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		XGROW(out->items, out->n + 1, cap);
		read_doc(st, &out->items[out->n++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		goto fail;
	st = sq_prep(q, "SELECT count(*) FROM documents", err);
	if (!st)
		goto fail;
	if (sqlite3_step(st) == SQLITE_ROW)
		out->total = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
fail:
	sq_fail(q, err, "cannot list documents");
	store_doc_list_release(out);
	return -1;
}
