/* taskimport.c - comparing an edited task sheet with the database and applying the edits */
#include "taskimport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/xalloc.h"
#include "vn/date.h"

int taskimport_parse_due(const char *s, enum store_deadline_kind *kind, char iso[STORE_DATE_LEN])
{
	struct vn_date d;
	char *end;

	iso[0] = '\0';
	if (!s || !*s) {
		*kind = STORE_DUE_NONE;
		return 0;
	}
	if (strcmp(s, EXPORT_RECURRING) == 0 || strcasecmp(s, "thuong xuyen") == 0) {
		*kind = STORE_DUE_RECURRING;
		return 0;
	}
	if (vn_date_parse_iso(s, &d) == 0)
		goto ok;
	{
		/* D/M/YYYY or DD-MM-YYYY */
		long a, b, c;
		const char *p = s;
		a = strtol(p, &end, 10);
		if (end != p && (*end == '/' || *end == '-' || *end == '.')) {
			char sep = *end;
			p = end + 1;
			b = strtol(p, &end, 10);
			if (end != p && *end == sep) {
				p = end + 1;
				c = strtol(p, &end, 10);
				if (end != p && !*end && c >= 1900 && c <= 2199 && vn_date_valid((int)c, (int)b, (int)a)) {
					d.y = (int)c;
					d.m = (int)b;
					d.d = (int)a;
					goto ok;
				}
			}
		}
	}
	{
		/* a spreadsheet serial day number (a real date cell) */
		double v = strtod(s, &end);
		if (end != s && !*end && v >= 2 && v < 200000 && v == (double)(long)v) {
			vn_date_from_days((long)v - 25569, &d);
			if (vn_date_valid(d.y, d.m, d.d))
				goto ok;
		}
	}
	return -1;
ok:
	*kind = STORE_DUE_BY;
	vn_date_iso(&d, iso);
	return 0;
}

void taskimport_plan_release(struct taskimport_plan *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++) {
		free(p->items[i].message);
		free(p->items[i].text);
	}
	free(p->items);
	memset(p, 0, sizeof(*p));
}

static struct taskimport_item *add_item(struct taskimport_plan *p, size_t *cap,
					enum taskimport_kind kind, long line, int64_t id)
{
	struct taskimport_item *it;

	XGROW(p->items, p->n + 1, *cap);
	it = &p->items[p->n++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->line = line;
	it->task_id = id;
	return it;
}

static int64_t lead_id(const struct store_task *t, const char **name)
{
	for (size_t i = 0; i < t->nunits; i++)
		if (t->units[i].role == STORE_ROLE_LEAD) {
			if (name)
				*name = t->units[i].name;
			return t->units[i].unit_id;
		}
	if (name)
		*name = "";
	return 0;
}

static void due_show(enum store_deadline_kind k, const char *iso, char *out, size_t n)
{
	struct vn_date d;

	if (k == STORE_DUE_RECURRING)
		snprintf(out, n, "%s", EXPORT_RECURRING);
	else if (iso && *iso && vn_date_parse_iso(iso, &d) == 0)
		snprintf(out, n, "%02d/%02d/%04d", d.d % 100, d.m % 100, d.y % 10000);
	else
		snprintf(out, n, "(không có)");
}

int taskimport_plan(struct track *t, const struct taskimport_sheet *sh, struct taskimport_plan *p,
		    struct dd_error *err)
{
	size_t cap = 0;
	struct buf msg = BUF_INIT;

	memset(p, 0, sizeof(*p));
	for (size_t i = 0; i < sh->n; i++) {
		const struct taskimport_row *row = &sh->rows[i];
		const char *idtext = row->cells[EXPORT_COL_ID];
		struct store_task task;
		struct dd_error e;
		char *end;
		int64_t id;
		int changed = 0, r;
		struct taskimport_item tmp;
		const char *cur_lead_name;
		int64_t cur_lead;

		memset(&tmp, 0, sizeof(tmp));
		id = idtext ? strtoll(idtext, &end, 10) : 0;
		if (!idtext || end == idtext || (*end && strcmp(end, ".0") != 0) || id <= 0) {
			struct taskimport_item *it = add_item(p, &cap, TASKIMPORT_ERROR, row->line, 0);
			it->message = xasprintf("no task id in column '%s'", export_columns[EXPORT_COL_ID]);
			p->errors++;
			continue;
		}
		if (store_task_get(t->store, id, &task, &e) < 0) {
			struct taskimport_item *it;
			if (e.code != DD_ERR_NOINPUT) {
				*err = e;
				goto fail;
			}
			it = add_item(p, &cap, TASKIMPORT_ERROR, row->line, id);
			it->message = xasprintf("no task %lld in the database", (long long)id);
			p->errors++;
			continue;
		}
		buf_reset(&msg);
		cur_lead = lead_id(&task, &cur_lead_name);
		if (sh->has_col[EXPORT_COL_SUPPORT] && row->cells[EXPORT_COL_UPDATED] && task.updated_at &&
		    strcmp(row->cells[EXPORT_COL_UPDATED], task.updated_at) == 0) {
			/* the database did not change, so a difference is the user's edit: say that
			 * this column is not imported rather than ignore it silently */
			struct buf sup = BUF_INIT;
			export_support(&task, &sup);
			if (strcmp(buf_str(&sup), row->cells[EXPORT_COL_SUPPORT] ? row->cells[EXPORT_COL_SUPPORT] : "") != 0) {
				struct taskimport_item *it = add_item(p, &cap, TASKIMPORT_ERROR, row->line, id);
				it->message = xasprintf("column '%s' is not imported: use 'dondoc assign %lld --support UNIT'",
							export_columns[EXPORT_COL_SUPPORT], (long long)id);
				p->errors++;
			}
			buf_release(&sup);
		}
		if (sh->has_col[EXPORT_COL_TEXT]) {
			const char *nt = row->cells[EXPORT_COL_TEXT] ? row->cells[EXPORT_COL_TEXT] : "";
			if (strcmp(nt, task.text ? task.text : "") != 0) {
				if (!*nt) {
					buf_printf(&msg, "%s'%s' is empty; ", msg.len ? "" : "",
						   export_columns[EXPORT_COL_TEXT]);
					goto row_error;
				}
				tmp.text = xstrdup(nt);
				buf_printf(&msg, "%s: đã sửa; ", export_columns[EXPORT_COL_TEXT]);
				changed = 1;
			}
		}
		if (sh->has_col[EXPORT_COL_LEAD]) {
			const char *nl = row->cells[EXPORT_COL_LEAD] ? row->cells[EXPORT_COL_LEAD] : "";
			if (strcmp(nl, cur_lead_name ? cur_lead_name : "") != 0) {
				int64_t uid = 0;
				struct dd_error ue;
				if (!*nl) {
					buf_printf(&msg, "removing the lead unit is not supported; ");
					goto row_error;
				}
				r = store_unit_find(t->store, nl, 1, &uid, &ue);
				if (r <= 0) {
					buf_printf(&msg, "%s '%s'; ", r == 0 ? "unknown unit" : ue.msg, nl);
					goto row_error;
				}
				if (uid != cur_lead) {
					tmp.lead = uid;
					buf_printf(&msg, "%s: %s → %s; ", export_columns[EXPORT_COL_LEAD],
						   *cur_lead_name ? cur_lead_name : "(chưa giao)", nl);
					changed = 1;
				}
			}
		}
		if (sh->has_col[EXPORT_COL_DUE]) {
			enum store_deadline_kind k;
			char iso[STORE_DATE_LEN], a[32], b[32];
			if (taskimport_parse_due(row->cells[EXPORT_COL_DUE], &k, iso) < 0) {
				buf_printf(&msg, "bad deadline '%s'; ", row->cells[EXPORT_COL_DUE]);
				goto row_error;
			}
			if (k != task.due_kind || (k == STORE_DUE_BY && strcmp(iso, task.due) != 0)) {
				tmp.due_set = 1;
				tmp.due_kind = k;
				memcpy(tmp.due, iso, sizeof(tmp.due));
				due_show(task.due_kind, task.due, a, sizeof(a));
				due_show(k, iso, b, sizeof(b));
				buf_printf(&msg, "%s: %s → %s; ", export_columns[EXPORT_COL_DUE], a, b);
				changed = 1;
			}
		}
		if (!changed) {
			p->unchanged++;
		} else {
			const char *stamp = row->cells[EXPORT_COL_UPDATED];
			int conflict = !stamp || !task.updated_at || strcmp(stamp, task.updated_at) != 0;
			struct taskimport_item *it = add_item(p, &cap, conflict ? TASKIMPORT_CONFLICT
										 : TASKIMPORT_CHANGE,
							      row->line, id);
			buf_truncate(&msg, msg.len >= 2 ? msg.len - 2 : 0);
			if (conflict) {
				it->message = xasprintf("the task changed in the database since the export "
							"(%s, sheet has %s); not applied: %s",
							task.updated_at ? task.updated_at : "?",
							stamp ? stamp : "no time", buf_str(&msg));
				free(tmp.text);
				p->conflicts++;
			} else {
				tmp.kind = it->kind;
				tmp.line = it->line;
				tmp.task_id = id;
				tmp.message = xstrdup(buf_str(&msg));
				*it = tmp;
				p->changes++;
			}
		}
		store_task_release(&task);
		continue;
row_error:
		{
			struct taskimport_item *it = add_item(p, &cap, TASKIMPORT_ERROR, row->line, id);
			buf_truncate(&msg, msg.len >= 2 ? msg.len - 2 : 0);
			it->message = xstrdup(buf_str(&msg));
			p->errors++;
			free(tmp.text);
			store_task_release(&task);
		}
	}
	buf_release(&msg);
	return 0;
fail:
	buf_release(&msg);
	taskimport_plan_release(p);
	return -1;
}

static int may_edit(const struct track *t)
{
	return t->role && (strcmp(t->role, "office") == 0 || strcmp(t->role, "admin") == 0);
}

int taskimport_apply(struct track *t, const struct taskimport_plan *p, size_t *applied,
		     struct dd_error *err)
{
	size_t n = 0;
	int64_t cur = 0;

	*applied = 0;
	if (!p->changes)
		return 0;
	if (!may_edit(t))
		return dd_error_code(err, DD_ERR_USAGE, "only the office may import task edits (user '%s' is '%s')",
				     t->actor ? t->actor : "?", t->role ? t->role : "?");
	if (store_begin(t->store, err) < 0)
		return -1;
	for (size_t i = 0; i < p->n; i++) {
		const struct taskimport_item *it = &p->items[i];
		if (it->kind != TASKIMPORT_CHANGE)
			continue;
		cur = it->task_id;
		if (it->text && store_task_set_text(t->store, it->task_id, it->text, err) < 0)
			goto fail;
		if (it->lead || (it->due_set && it->due_kind == STORE_DUE_BY)) {
			const char *due = it->due_set && it->due_kind == STORE_DUE_BY ? it->due : NULL;
			if (track_assign(t, it->task_id, it->lead, NULL, 0, due, err) < 0)
				goto fail;
		}
		if (it->due_set && it->due_kind != STORE_DUE_BY &&
		    store_task_set_due(t->store, it->task_id, it->due_kind, NULL, err) < 0)
			goto fail;
		n++;
	}
	if (store_commit(t->store, err) < 0)
		goto fail;
	*applied = n;
	return 0;
fail:
	dd_error_prefix(err, "task %lld", (long long)cur);
	store_rollback(t->store);
	return -1;
}
