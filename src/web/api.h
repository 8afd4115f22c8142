/* api.h - the JSON API handlers (api_*.c), one group per file, and their shared helpers */
#ifndef DD_WEB_API_H
#define DD_WEB_API_H

#include "web/router.h"

/* api_session.c: login, logout, who am I */
int api_session_create(struct web_req *rq, struct web_resp *rs);
int api_session_delete(struct web_req *rq, struct web_resp *rs);
int api_me(struct web_req *rq, struct web_resp *rs);

/* api_tasks.c: tasks, progress, assignment, done, extensions, cancel */
int api_tasks_list(struct web_req *rq, struct web_resp *rs);
int api_task_get(struct web_req *rq, struct web_resp *rs);
int api_task_progress(struct web_req *rq, struct web_resp *rs);
int api_task_assign(struct web_req *rq, struct web_resp *rs);
int api_task_done(struct web_req *rq, struct web_resp *rs);
int api_task_extension(struct web_req *rq, struct web_resp *rs);
int api_task_cancel(struct web_req *rq, struct web_resp *rs);
int api_extensions_list(struct web_req *rq, struct web_resp *rs);
int api_extension_decide(struct web_req *rq, struct web_resp *rs);

/* api_docs.c: documents, upload preview, confirm, search */
int api_docs_list(struct web_req *rq, struct web_resp *rs);
int api_doc_get(struct web_req *rq, struct web_resp *rs);
int api_doc_upload(struct web_req *rq, struct web_resp *rs);
int api_doc_confirm(struct web_req *rq, struct web_resp *rs);
int api_search(struct web_req *rq, struct web_resp *rs);

/* api_admin.c: statistics, units, users */
int api_stats(struct web_req *rq, struct web_resp *rs);
int api_units_list(struct web_req *rq, struct web_resp *rs);
int api_unit_create(struct web_req *rq, struct web_resp *rs);
int api_users_list(struct web_req *rq, struct web_resp *rs);
int api_user_create(struct web_req *rq, struct web_resp *rs);
int api_user_update(struct web_req *rq, struct web_resp *rs);
int api_settings_get(struct web_req *rq, struct web_resp *rs);
int api_settings_set(struct web_req *rq, struct web_resp *rs);

/* api_reports.c: the monthly report as a file (DOCX, HTML, Markdown) */
int api_report_monthly(struct web_req *rq, struct web_resp *rs);

/* ---- helpers shared by the handlers (api_tasks.c) ----------------------------------- */

/* 1 when the logged-in user may see the task (units see their own unit's tasks only). */
int api_may_see_task(const struct web_req *rq, const struct store_task *t);
/* Read a non-negative integer query argument (default def, at most max); -1 after
 * answering 400. */
int api_query_int(struct web_req *rq, struct web_resp *rs, const char *name, int64_t def, int64_t max,
		  int64_t *out);
/* A JSON string or null member as text (NULL for null/absent); -1 after answering 400
 * when present with another type. */
int api_opt_string(json_t *obj, const char *key, struct web_resp *rs, const char **out);
/* A unit given as an id (number) or a name/alias (string) in JSON; 0 ok (*id set), -1 after
 * answering 400/422. */
int api_unit_arg(struct web_req *rq, struct web_resp *rs, json_t *v, const char *what, int64_t *id);

#endif
