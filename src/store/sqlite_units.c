/* sqlite_units.c - SQLite backend: units, their names and aliases, merges, seeding from units.tsv */
#include "sqlite_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/embed.h"
#include "util/file.h"
#include "util/log.h"
#include "util/xalloc.h"

#define UNIT_NAME_MAX 1024
#define UNITS_TSV_MAX (16u << 20)

/* The matching key of a unit name: folded, runs of spaces and punctuation made one space. */
static int unit_key(const char *name, struct buf *key)
{
	struct buf f;
	int sp = 0, rc = 0;

	buf_init(&f, 4 * UNIT_NAME_MAX);
	buf_init(key, 4 * UNIT_NAME_MAX);
	if (sq_fold(name, &f) < 0) {
		rc = -1;
		goto out;
	}
	for (const char *p = buf_str(&f); *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x80 && !isalnum(c)) {
			sp = key->len > 0;
			continue;
		}
		if (sp && buf_addch(key, ' ') < 0)
			rc = -1;
		sp = 0;
		if (buf_addch(key, (char)c) < 0)
			rc = -1;
	}
	if (buf_addstr(key, "") < 0)
		rc = -1;
out:
	buf_release(&f);
	return rc;
}

static int add_name(struct sq *q, int64_t id, const char *name, int is_alias, struct dd_error *err)
{
	struct buf key;
	sqlite3_stmt *st;
	int rc = -1;

	if (unit_key(name, &key) < 0 || key.len == 0) {
		dd_error_code(err, DD_ERR_DATA, "unit name '%s' is empty or too long", name);
		goto out;
	}
	st = sq_prep(q, "INSERT OR IGNORE INTO unit_names(key, unit_id, name, is_alias) VALUES(?,?,?,?)",
		     err);
	if (!st)
		goto out;
	sqlite3_bind_text(st, 1, buf_str(&key), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, is_alias);
	rc = sq_step_done(q, st, err, "cannot save unit name");
out:
	buf_release(&key);
	return rc;
}

static int parse_id(const char *s, int64_t *out)
{
	char *end;
	long long v;
	if (!*s || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v <= 0)
		return -1;
	*out = v;
	return 0;
}

int sq_unit_find(struct store *s, const char *text, int follow_merge, int64_t *id,
		 struct dd_error *err)
{
	struct sq *q = SQ(s);
	struct buf key;
	sqlite3_stmt *st;
	int64_t found = 0, v;
	int rc;

	*id = 0;
	if (parse_id(text, &v) == 0) {
		st = sq_prep(q, "SELECT id FROM units WHERE id = ?", err);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, v);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			found = v;
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return sq_fail(q, err, "cannot look up unit");
	} else {
		if (unit_key(text, &key) < 0) {
			buf_release(&key);
			return dd_error_code(err, DD_ERR_DATA, "unit name too long");
		}
		st = sq_prep(q, "SELECT DISTINCT unit_id FROM unit_names WHERE key = ? LIMIT 2", err);
		if (!st) {
			buf_release(&key);
			return -1;
		}
		sqlite3_bind_text(st, 1, buf_str(&key), -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (found) {
				sqlite3_reset(st);
				buf_release(&key);
				return dd_error_code(err, DD_ERR_DATA,
						     "ambiguous unit '%s': several units have that name",
						     text);
			}
			found = sqlite3_column_int64(st, 0);
		}
		sqlite3_reset(st);
		buf_release(&key);
		if (rc != SQLITE_DONE)
			return sq_fail(q, err, "cannot look up unit");
	}
	if (!found)
		return 0;
	for (int hops = 0; follow_merge && hops < 32; hops++) {
		int64_t next = 0;
		st = sq_prep(q, "SELECT merged_into FROM units WHERE id = ?", err);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, found);
		if (sqlite3_step(st) == SQLITE_ROW)
			next = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (!next)
			break;
		found = next;
	}
	*id = found;
	return 1;
}

static int fill_aliases(struct sq *q, struct store_unit *u, struct dd_error *err)
{
	sqlite3_stmt *st = sq_prep(q, "SELECT name FROM unit_names WHERE unit_id = ? AND is_alias"
				      " ORDER BY name", err);
	size_t cap = 0;
	int rc;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, u->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		XGROW(u->aliases, u->naliases + 2, cap);
		u->aliases[u->naliases++] = sq_col_str(st, 0);
		u->aliases[u->naliases] = NULL;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sq_fail(q, err, "cannot read unit aliases");
	return 0;
}

#define UNIT_COLS "id, name, short_name, kind, parent_id, active, merged_into, email"

static void read_unit(sqlite3_stmt *st, struct store_unit *u)
{
	memset(u, 0, sizeof(*u));
	u->id = sqlite3_column_int64(st, 0);
	u->name = sq_col_str(st, 1);
	u->short_name = sq_col_str(st, 2);
	u->kind = sq_col_str(st, 3);
	u->parent_id = sqlite3_column_int64(st, 4);
	u->active = sqlite3_column_int(st, 5);
	u->merged_into = sqlite3_column_int64(st, 6);
	u->email = sq_col_str(st, 7);
}

int sq_unit_get(struct store *s, int64_t id, struct store_unit *out, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = sq_prep(q, "SELECT " UNIT_COLS " FROM units WHERE id = ?", err);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_unit(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return dd_error_code(err, DD_ERR_NOINPUT, "no unit with id %lld", (long long)id);
	if (rc != SQLITE_ROW)
		return sq_fail(q, err, "cannot read unit");
	return fill_aliases(q, out, err);
}

int sq_unit_list(struct store *s, int all, struct store_unit_list *out, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st = sq_prep(q, "SELECT " UNIT_COLS " FROM units WHERE active OR ?"
				      " ORDER BY name COLLATE NOCASE, id", err);
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, all);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		XGROW(out->items, out->n + 1, cap);
		read_unit(st, &out->items[out->n++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		sq_fail(q, err, "cannot list units");
		goto fail;
	}
	for (size_t i = 0; i < out->n; i++)
		if (fill_aliases(q, &out->items[i], err) < 0)
			goto fail;
	return 0;
fail:
	store_unit_list_release(out);
	return -1;
}

static int insert_unit(struct sq *q, const char *name, const char *short_name, const char *kind,
		       int64_t parent_id, const char *email, int64_t *id, struct dd_error *err)
{
	sqlite3_stmt *st;
	int64_t existing;
	int r;

	if (!name || !*name || strlen(name) > UNIT_NAME_MAX)
		return dd_error_code(err, DD_ERR_DATA, "a unit needs a name (at most %d bytes)",
				     UNIT_NAME_MAX);
	r = sq_unit_find(&q->base, name, 0, &existing, err);
	if (r < 0)
		return -1;
	if (r == 1)
		return dd_error_code(err, DD_ERR_DATA, "unit '%s' already exists (id %lld)", name,
				     (long long)existing);
	st = sq_prep(q, "INSERT INTO units(name, short_name, kind, parent_id, email) VALUES(?,?,?,?,?)",
		     err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sq_bind_text(st, 2, short_name);
	sq_bind_text(st, 3, kind);
	sq_bind_id(st, 4, parent_id);
	sq_bind_text(st, 5, email);
	if (sq_step_done(q, st, err, "cannot add unit") < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(q->db);
	if (add_name(q, *id, name, 0, err) < 0)
		return -1;
	if (short_name && *short_name && add_name(q, *id, short_name, 0, err) < 0)
		return -1;
	return 0;
}

int sq_unit_add(struct store *s, const char *name, const char *short_name, const char *kind,
		int64_t parent_id, const char *email, int64_t *id, struct dd_error *err)
{
	sq_names_clear(SQ(s)); /* what imports looked up may change */
	int64_t tmp;
	if (!id)
		id = &tmp;
	if (sq_begin(s, err) < 0)
		return -1;
	if (insert_unit(SQ(s), name, short_name, kind, parent_id, email, id, err) < 0) {
		sq_rollback(s);
		return -1;
	}
	return sq_commit(s, err);
}

int sq_unit_add_alias(struct store *s, int64_t id, const char *alias, struct dd_error *err)
{
	sq_names_clear(SQ(s)); /* what imports looked up may change */
	struct sq *q = SQ(s);
	int64_t other;
	int r;

	if (!alias || !*alias || strlen(alias) > UNIT_NAME_MAX)
		return dd_error_code(err, DD_ERR_DATA, "an alias needs a name (at most %d bytes)",
				     UNIT_NAME_MAX);
	if (sq_begin(s, err) < 0)
		return -1;
	r = sq_unit_find(s, alias, 0, &other, err);
	if (r < 0)
		goto fail;
	if (r == 1 && other != id) {
		dd_error_code(err, DD_ERR_DATA, "'%s' already names unit %lld", alias, (long long)other);
		goto fail;
	}
	if (r == 0 && add_name(q, id, alias, 1, err) < 0)
		goto fail;
	return sq_commit(s, err);
fail:
	sq_rollback(s);
	return -1;
}

int sq_unit_set_email(struct store *s, int64_t id, const char *email, struct dd_error *err)
{
	struct sq *q = SQ(s);
	sqlite3_stmt *st;
	if (sq_begin(s, err) < 0)
		return -1;
	st = sq_prep(q, "UPDATE units SET email = ? WHERE id = ?", err);
	if (!st)
		goto fail;
	sq_bind_text(st, 1, email);
	sqlite3_bind_int64(st, 2, id);
	if (sq_step_done(q, st, err, "cannot set unit e-mail") < 0)
		goto fail;
	if (sqlite3_changes(q->db) == 0) {
		dd_error_code(err, DD_ERR_NOINPUT, "no unit with id %lld", (long long)id);
		goto fail;
	}
	return sq_commit(s, err);
fail:
	sq_rollback(s);
	return -1;
}

int sq_unit_merge(struct store *s, int64_t from, int64_t into, struct dd_error *err)
{
	sq_names_clear(SQ(s)); /* what imports looked up may change */
	struct sq *q = SQ(s);
	sqlite3_stmt *st;
	static const char *const steps[] = {
		/* the lead role wins when both units were on the task */
		"UPDATE task_units SET role = 'L' WHERE unit_id = ?2 AND role = 'S' AND task_id IN"
		" (SELECT task_id FROM task_units WHERE unit_id = ?1 AND role = 'L')",
		"DELETE FROM task_units WHERE unit_id = ?1 AND task_id IN"
		" (SELECT task_id FROM task_units WHERE unit_id = ?2)",
		"UPDATE task_units SET unit_id = ?2 WHERE unit_id = ?1",
		"UPDATE units SET active = 0, merged_into = ?2 WHERE id = ?1",
		"UPDATE users SET unit_id = ?2 WHERE unit_id = ?1",
	};

	if (from == into)
		return dd_error_code(err, DD_ERR_USAGE, "cannot merge a unit into itself");
	if (sq_begin(s, err) < 0)
		return -1;
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		st = sq_prep(q, steps[i], err);
		if (!st)
			goto fail;
		sqlite3_bind_int64(st, 1, from);
		sqlite3_bind_int64(st, 2, into);
		if (sq_step_done(q, st, err, "cannot merge units") < 0)
			goto fail;
	}
	return sq_commit(s, err);
fail:
	sq_rollback(s);
	return -1;
}

/* ---- seeding from units.tsv ---- */

enum { COL_ID, COL_NAME, COL_SHORT, COL_ALIASES, COL_KIND, COL_PARENT, COL_EMAIL, NCOLS };

static int col_of(const char *h)
{
	static const struct {
		const char *name;
		int col;
	} names[] = {
		{"id", COL_ID},         {"key", COL_ID},          {"code", COL_ID},
		{"name", COL_NAME},     {"unit", COL_NAME},
		{"short", COL_SHORT},   {"short_name", COL_SHORT}, {"abbr", COL_SHORT},
		{"abbreviation", COL_SHORT}, {"aliases", COL_ALIASES}, {"alias", COL_ALIASES},
		{"kind", COL_KIND},     {"type", COL_KIND},       {"level", COL_KIND},
		{"parent", COL_PARENT}, {"parent_id", COL_PARENT}, {"email", COL_EMAIL},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(h, names[i].name) == 0)
			return names[i].col;
	return -1;
}

/* Split line (modified in place) at tabs into at most max fields. */
static size_t split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *p = line;
	while (n < max) {
		char *t = strchr(p, '\t');
		f[n++] = p;
		if (!t)
			break;
		*t = '\0';
		p = t + 1;
	}
	return n;
}

static char *trim(char *s)
{
	char *e;
	while (*s == ' ' || *s == '\r')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* "# ... id<TAB>name<TAB>kind": the columns, named in the file's header comment. */
static int header_from_comment(char *line, int *map)
{
	char *p = strstr(line, "<TAB>"), *start;
	int col = 0, known = 0;

	start = p;
	while (start > line && start[-1] != ' ' && start[-1] != ':')
		start--;
	while (start && col < 16) {
		char save, *end = strstr(start, "<TAB>");
		char *w = start;
		size_t n = 0;
		while (w[n] && w[n] != ' ' && w[n] != '<' && w[n] != ',' && w[n] != '.')
			n++;
		save = w[n];
		w[n] = '\0';
		map[col] = col_of(w);
		known += map[col] >= 0;
		w[n] = save;
		col++;
		start = end ? end + 5 : NULL;
	}
	return known >= 2;
}

/* Aliases are separated by '|' or ';'. */
static int add_aliases(struct sq *q, int64_t id, char *list, struct dd_error *err)
{
	char *p = list;
	while (p && *p) {
		char *sep = strpbrk(p, "|;");
		char *a;
		if (sep)
			*sep = '\0';
		a = trim(p);
		if (*a) {
			int64_t other;
			int r = sq_unit_find(&q->base, a, 0, &other, err);
			if (r < 0)
				return -1;
			if (r == 0 && add_name(q, id, a, 1, err) < 0)
				return -1;
		}
		p = sep ? sep + 1 : NULL;
	}
	return 0;
}

int sq_seed_units(struct sq *q, struct dd_error *err)
{
	struct buf file = BUF_INIT;
	const char *text = NULL;
	char *copy = NULL, *line, *next;
	int map[16], have_header = 0, rc = -1, nunits = 0;
	int64_t *ids = NULL;
	char **keys = NULL;
	char **parents = NULL;
	size_t cap = 0, n = 0;

	for (int i = 0; i < 16; i++)
		map[i] = -1;
	if (q->data_dir) {
		char *path = xasprintf("%s/units.tsv", q->data_dir);
		struct dd_error e2 = {0};
		if (file_read_all(path, UNITS_TSV_MAX, &file, &e2) == 0)
			text = buf_str(&file);
		free(path);
	}
	if (!text) {
		const struct embed_file *f = embed_find(data_files, "units.tsv");
		if (!f) {
			LOG(LOG_INFO, "no units.tsv compiled in: starting with no units");
			rc = 0;
			goto out;
		}
		text = (const char *)f->data;
	}
	copy = xstrdup(text);
	for (line = copy; line; line = next) {
		char *f[16];
		size_t nf;
		const char *name, *val[NCOLS] = {0};
		int64_t id;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (*line == '#') {
			if (!have_header && strstr(line, "<TAB>"))
				have_header = header_from_comment(line, map);
			continue;
		}
		if (!*trim(line))
			continue;
		nf = split_tabs(line, f, 16);
		if (!have_header) {
			have_header = 1;
			if (col_of(trim(f[0])) >= 0) { /* a header row names the columns */
				for (size_t i = 0; i < nf; i++)
					map[i] = col_of(trim(f[i]));
				continue;
			}
			/* no header row: name, aliases, kind, parent */
			map[0] = COL_NAME;
			map[1] = COL_ALIASES;
			map[2] = COL_KIND;
			map[3] = COL_PARENT;
		}
		for (size_t i = 0; i < nf; i++)
			if (map[i] >= 0 && !val[map[i]])
				val[map[i]] = trim(f[i]);
		name = val[COL_NAME];
		if (!name || !*name)
			continue;
		int r = sq_unit_find(&q->base, name, 0, &id, err);
		if (r < 0)
			goto out;
		if (r == 1)
			continue; /* listed twice */
		if (insert_unit(q, name, val[COL_SHORT] ? val[COL_SHORT] : val[COL_ID], val[COL_KIND], 0,
				val[COL_EMAIL], &id, err) < 0)
			goto out;
		nunits++;
		if (val[COL_ALIASES] && add_aliases(q, id, (char *)val[COL_ALIASES], err) < 0)
			goto out;
		XGROW(ids, n + 1, cap);
		keys = xreallocarray(keys, cap, sizeof(*keys));
		parents = xreallocarray(parents, cap, sizeof(*parents));
		ids[n] = id;
		keys[n] = val[COL_ID] && *val[COL_ID] ? (char *)val[COL_ID] : NULL;
		parents[n] = val[COL_PARENT] && *val[COL_PARENT] ? (char *)val[COL_PARENT] : NULL;
		n++;
	}
	/* parents, by the file's id or by name, once every unit exists */
	for (size_t i = 0; i < n; i++) {
		int64_t pid = 0;
		if (!parents[i])
			continue;
		for (size_t j = 0; j < n; j++)
			if (keys[j] && strcmp(keys[j], parents[i]) == 0)
				pid = ids[j];
		if (!pid && sq_unit_find(&q->base, parents[i], 0, &pid, err) < 0)
			goto out;
		if (pid && pid != ids[i]) {
			sqlite3_stmt *st = sq_prep(q, "UPDATE units SET parent_id = ? WHERE id = ?", err);
			if (!st)
				goto out;
			sqlite3_bind_int64(st, 1, pid);
			sqlite3_bind_int64(st, 2, ids[i]);
			if (sq_step_done(q, st, err, "cannot set unit parent") < 0)
				goto out;
		}
	}
	LOG(LOG_INFO, "seeded %d units from units.tsv", nunits);
	rc = 0;
out:
	if (rc < 0)
		dd_error_prefix(err, "units.tsv");
	free(ids);
	free(keys);
	free(parents);
	free(copy);
	buf_release(&file);
	return rc;
}
