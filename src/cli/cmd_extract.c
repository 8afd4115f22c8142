/* cmd_extract.c - `dondoc extract`: documents in, dondoc.extract/1 JSON or a readable summary out */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "extract/extract.h"
#include "extract/jalloc.h"
#include "extract/jsonl.h"
#include "read/read.h"
#include "util/buf.h"

enum out_mode { OUT_TEXT = 0, OUT_JSON, OUT_JSONL, OUT_LINES };

static const char *str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : NULL;
}

static void print_opt(const char *label, const char *v)
{
	printf("%-16s%s\n", label, v ? v : "(không có)");
}

/* The summary a person reads: Vietnamese labels, one field a line, tasks indented. */
static void print_summary(json_t *j)
{
	json_t *src = json_object_get(j, "source");
	printf("== %s\n", str(src, "path") ? str(src, "path") : "");
	json_t *type = json_object_get(j, "type");
	print_opt("Loại văn bản:", json_is_object(type) ? str(type, "name") : NULL);
	print_opt("Số, ký hiệu:", str(j, "number"));
	print_opt("Cơ quan ban hành:", str(j, "issuer"));
	print_opt("Ngày ban hành:", str(j, "date"));
	print_opt("Trích yếu:", str(j, "subject"));
	json_t *m = json_object_get(j, "meeting");
	if (str(m, "date"))
		print_opt("Ngày họp:", str(m, "date"));
	json_t *p = json_object_get(j, "period");
	if (json_is_object(p))
		print_opt("Thời gian:", str(p, "text"));
	json_t *tasks = json_object_get(j, "tasks");
	printf("Nhiệm vụ:       %zu\n", json_array_size(tasks));
	size_t i;
	json_t *t;
	json_array_foreach(tasks, i, t) {
		const char *id = str(t, "id");
		size_t depth = 0;
		for (const char *c = id; c && *c; c++)
			depth += *c == '.';
		printf("%*s%s %s\n", (int)(2 + 2 * depth), "", str(t, "label") ? str(t, "label") : "•",
		       str(t, "text"));
		json_t *lead = json_object_get(t, "lead_units"), *supp = json_object_get(t, "supporting_units");
		size_t k;
		json_t *u;
		if (json_array_size(lead)) {
			printf("%*s  chủ trì:", (int)(2 + 2 * depth), "");
			json_array_foreach(lead, k, u) printf("%s %s", k ? "," : "", json_string_value(u));
			printf("\n");
		}
		if (json_array_size(supp)) {
			printf("%*s  phối hợp:", (int)(2 + 2 * depth), "");
			json_array_foreach(supp, k, u) printf("%s %s", k ? "," : "", json_string_value(u));
			printf("\n");
		}
		json_t *dl = json_object_get(t, "deadline");
		if (str(dl, "date"))
			printf("%*s  thời hạn: %s%s\n", (int)(2 + 2 * depth), "", str(dl, "date"),
			       json_is_true(json_object_get(dl, "inherited")) ? " (theo thời gian chung)" : "");
		else if (str(dl, "kind") && strcmp(str(dl, "kind"), "recurring") == 0)
			printf("%*s  thời hạn: định kỳ (%s)\n", (int)(2 + 2 * depth), "", str(dl, "text"));
	}
	json_t *sig = json_object_get(j, "signature");
	printf("Người ký:       ");
	if (str(sig, "authority"))
		printf("%s %s, ", str(sig, "authority"), str(sig, "on_behalf_of") ? str(sig, "on_behalf_of") : "");
	printf("%s %s\n", str(sig, "title") ? str(sig, "title") : "", str(sig, "name") ? str(sig, "name") : "(không có)");
	printf("Nơi nhận:       %zu\n", json_array_size(json_object_get(j, "recipients")));
	print_opt("Lưu:", str(j, "archive"));
	json_t *w = json_object_get(j, "warnings");
	json_array_foreach(w, i, t) printf("Lưu ý:          %s\n", json_string_value(t));
	printf("\n");
}

/* json_dump_callback sink: append to a struct buf */
static int dump_cb(const char *s, size_t n, void *arg)
{
	return buf_add(arg, s, n);
}

static int print_lines(const char *path)
{
	struct rd_doc doc;
	struct dd_error err;
	memset(&doc, 0, sizeof(doc));
	dd_error_clear(&err);
	if (rd_read_file(path, NULL, &doc, &err) < 0) {
		rd_doc_release(&doc);
		fprintf(stderr, "dondoc: %s: %s\n", path, err.msg);
		return err.code ? (int)err.code : EXIT_RUNTIME;
	}
	for (size_t i = 0; i < doc.nlines; i++)
		printf("%s\n", doc.lines[i].text);
	rd_doc_release(&doc);
	return 0;
}

int cmd_extract(int argc, char **argv, struct cli_ctx *ctx)
{
	enum out_mode mode = OUT_TEXT;
	int first = 1, i;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			mode = OUT_JSON;
		else if (strcmp(argv[i], "--jsonl") == 0)
			mode = OUT_JSONL;
		else if (strcmp(argv[i], "--text") == 0)
			mode = OUT_LINES;
		else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (argv[i][0] == '-' && argv[i][1])
			return cli_usage_error("extract", "unknown option '%s'", argv[i]);
		else
			break;
	}
	if (i >= argc)
		return cli_usage_error("extract", "no file given");
	int nfiles = argc - i, worst = 0;
	if (mode == OUT_LINES) {
		for (; i < argc; i++) {
			int rc = print_lines(argv[i]);
			if (rc > worst)
				worst = rc;
		}
		return worst;
	}
	struct dd_error err;
	dd_error_clear(&err);
	struct gazetteer *gz = gazetteer_load(ctx->data_dir, &err);
	if (!gz)
		return cli_report(&err);
	struct buf out;
	buf_init(&out, 0);
	int array = mode == OUT_JSON && nfiles > 1;
	if (array)
		printf("[");
	for (; i < argc; i++) {
		dd_error_clear(&err);
		/* the document's JSON values live in one arena, dropped after it is printed */
		ex_jalloc_begin();
		json_t *j = extract_file(argv[i], gz, &err);
		if (!j) {
			ex_jalloc_end();
			int code = err.code ? (int)err.code : EXIT_RUNTIME;
			fprintf(stderr, "dondoc: %s: %s\n", argv[i], err.msg[0] ? err.msg : "cannot extract");
			if (code > worst)
				worst = code;
			continue;
		}
		if (mode == OUT_TEXT) {
			print_summary(j);
		} else {
			size_t flags = JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII * 0;
			if (mode == OUT_JSON)
				flags |= JSON_INDENT(2);
			else
				flags |= JSON_COMPACT;
			/* one reused buffer and one fwrite per document */
			buf_reset(&out);
			if (array && !first)
				buf_addstr(&out, ",\n");
			size_t mark = out.len;
			if (mode == OUT_JSONL && ex_json_compact(j, &out) < 0)
				buf_truncate(&out, mark); /* something it does not write: jansson does */
			if ((mode != OUT_JSONL || out.len == mark) &&
			    json_dump_callback(j, dump_cb, &out, flags) < 0) {
				buf_reset(&out);
				buf_addstr(&out, array && !first ? ",\nnull" : "null");
			}
			if (!array)
				buf_addch(&out, '\n');
			fwrite(out.ptr, 1, out.len, stdout);
		}
		first = 0;
		ex_jalloc_end(); /* frees j: all of it was made in the arena, no json_decref needed */
	}
	ex_jalloc_release();
	if (array)
		printf("]\n");
	gazetteer_free(gz);
	buf_release(&out);
	fflush(stdout);
	return worst;
}
