/* api_docs.c - /api/v1/documents (list, upload -> extraction preview, confirm) and /api/v1/search */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "extract/jvjson.h"
#include "read/read.h"
#include "util/arena.h"
#include "web/api.h"
#include "web/server.h"

#define MARK_OPEN "\x02" /* snippet highlight markers: the UI escapes the text first */
#define MARK_CLOSE "\x03"
/* pages of a scanned upload recognised in the request */
#define WEB_UPLOAD_OCR_PAGES 30

int api_docs_list(struct web_req *rq, struct web_resp *rs)
{
	struct store_doc_list l = {0};
	struct dd_error err = {0};
	int64_t limit, offset;
	json_t *items;

	if (api_query_int(rq, rs, "limit", 50, 500, &limit) < 0 ||
	    api_query_int(rq, rs, "offset", 0, INT64_C(1) << 40, &offset) < 0)
		return 0;
	if (store_doc_list(rq->store, limit ? limit : 50, offset, &l, &err) < 0)
		return web_fail_err(rs, &err);
	items = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(items, track_doc_json(&l.items[i]));
	web_json(rs, 200,
		 json_pack("{s:o,s:I,s:I,s:I}", "items", items, "total", (json_int_t)l.total, "limit",
			   (json_int_t)(limit ? limit : 50), "offset", (json_int_t)offset));
	store_doc_list_release(&l);
	return 0;
}

int api_doc_get(struct web_req *rq, struct web_resp *rs)
{
	struct store_doc d = {0};
	struct dd_error err = {0};

	if (store_doc_get(rq->store, rq->id, &d, &err) < 0) {
		store_doc_release(&d);
		return web_fail_err(rs, &err);
	}
	web_json(rs, 200, track_doc_json(&d));
	store_doc_release(&d);
	return 0;
}

/* A file name fit to keep: no directory, printable, at most 200 bytes. */
static int good_name(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 200 || strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == '/' || s[i] == '\\' || s[i] == 0x7f)
			return 0;
	return 1;
}

/* POST /documents?name=FILE with the raw bytes as the body: read + extract, keep the bytes
 * for the confirmation, answer the preview. Nothing is stored yet. */
int api_doc_upload(struct web_req *rq, struct web_resp *rs)
{
	const char *name = web_query(rq, "name");
	struct rd_doc doc;
	struct dd_error err = {0};
	json_t *ex = NULL, *o;
	char hash[65];
	int64_t dup = 0, id;
	int r;

	memset(&doc, 0, sizeof(doc));
	if (!name || !good_name(name))
		return web_fail(rs, 400, "bad_request", "give the file name as ?name= (no directory)");
	if (rq->body_len == 0)
		return web_fail(rs, 400, "bad_request", "the uploaded file is empty");
	/* OCR runs inside the request (a few seconds a page): longer scans go through `dondoc
	 * import`, which has no request to time out */
	struct rd_limits lim = rd_limits_default;
	lim.max_ocr_pages = WEB_UPLOAD_OCR_PAGES;
	if (rd_read_buffer(name, rq->body, rq->body_len, &lim, &doc, &err) < 0) {
		rd_doc_release(&doc);
		return web_fail(rs, 422, "unreadable", "cannot read '%.200s': %s", name, err.msg);
	}
	struct arena mem;
	arena_init(&mem, 0);
	ex = jv_to_json(extract_doc(&doc, rq->srv->gz, &mem, &err)); /* the answer is jansson */
	arena_release(&mem);
	rd_doc_release(&doc);
	if (!ex)
		return web_fail(rs, 422, "unreadable", "cannot extract '%.200s': %s", name, err.msg);
	store_hash_hex(rq->body, rq->body_len, hash);
	r = store_doc_find_hash(rq->store, hash, &dup, &err);
	if (r < 0) {
		json_decref(ex);
		return web_fail_err(rs, &err);
	}
	id = web_upload_put(rq->srv, rq->user.username, name, rq->body, rq->body_len);
	o = json_pack("{s:I,s:s,s:I,s:o}", "upload_id", (json_int_t)id, "file_name", name, "size",
		      (json_int_t)rq->body_len, "extract", ex);
	json_object_set_new(o, "duplicate_of", r == 1 ? json_integer(dup) : json_null());
	return web_json(rs, 201, o);
}

/* POST /documents/{upload_id}/confirm {"extract": {...}}: store the corrected preview. */
int api_doc_confirm(struct web_req *rq, struct web_resp *rs)
{
	static const char *const fields[] = {"extract", NULL};
	struct web_upload up = {0};
	struct store_import_result res = {0};
	struct dd_error err = {0};
	json_t *body, *ex;

	if (!(body = web_body_object(rq, rs, fields)))
		return 0;
	ex = json_object_get(body, "extract");
	if (!json_is_object(ex)) {
		web_fail(rs, 400, "bad_request", "'extract' must be the (corrected) preview object");
		goto out;
	}
	if (!web_upload_take(rq->srv, rq->id, rq->user.username, &up)) {
		web_fail(rs, 404, "not_found", "no upload %lld waiting for you (expired or saved?)",
			 (long long)rq->id);
		goto out;
	}
	if (store_import_extract(rq->store, ex, up.bytes, up.len, up.name, 0, &res, &err) < 0) {
		web_upload_return(rq->srv, &up); /* let the office fix the preview and retry */
		if (err.code == DD_ERR_DATA || err.code == DD_ERR_USAGE)
			web_fail(rs, 422, "invalid_extract", "%s", err.msg);
		else
			web_fail_err(rs, &err);
		goto out;
	}
	web_json(rs, res.duplicate ? 200 : 201,
		 json_pack("{s:I,s:b,s:i,s:i,s:i}", "document_id", (json_int_t)res.doc_id, "duplicate",
			   res.duplicate, "tasks", res.ntasks, "units_matched", res.units_matched,
			   "units_unmatched", res.units_unmatched));
out:
	web_upload_release(&up);
	json_decref(body);
	return 0;
}

int api_search(struct web_req *rq, struct web_resp *rs)
{
	const char *q = web_query(rq, "q");
	struct store_hit_list hits = {0};
	struct dd_error err = {0};
	int64_t limit, offset;
	json_t *items;
	int more;

	if (!q || !*q)
		return web_fail(rs, 400, "bad_query", "give the words to search as ?q=");
	if (strlen(q) > 500)
		return web_fail(rs, 400, "bad_query", "the query is too long (at most 500 bytes)");
	if (api_query_int(rq, rs, "limit", 20, 200, &limit) < 0 ||
	    api_query_int(rq, rs, "offset", 0, 100000, &offset) < 0)
		return 0;
	if (store_search(rq->store, q, limit ? limit : 20, offset, MARK_OPEN, MARK_CLOSE, &hits, &err) < 0) {
		if (err.code == DD_ERR_USAGE)
			return web_fail(rs, 400, "bad_query", "%s", err.msg);
		return web_fail_err(rs, &err);
	}
	items = json_array();
	for (size_t i = 0; i < hits.n; i++) {
		if (rq->role == ROLE_UNIT) {
			/* units see hits in their own tasks only */
			struct store_task t = {0};
			struct dd_error e2 = {0};
			int ok = hits.items[i].kind == 't' &&
				 store_task_get(rq->store, hits.items[i].id, &t, &e2) == 0 &&
				 api_may_see_task(rq, &t);
			store_task_release(&t);
			if (!ok)
				continue;
		}
		json_array_append_new(items, track_hit_json(&hits.items[i]));
	}
	more = hits.more;
	store_hit_list_release(&hits);
	return web_json(rs, 200,
			json_pack("{s:o,s:b,s:s,s:s}", "items", items, "more", more, "mark_open", MARK_OPEN,
				  "mark_close", MARK_CLOSE));
}
