/* cmd_extract.c - `dondoc extract`: documents in, dondoc.extract/1 JSON or a readable summary out */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "extract/extract.h"
#include "extract/jv.h"
#include "extract/jvwrite.h"
#include "read/read.h"
#include "util/arena.h"
#include "util/buf.h"

enum out_mode { OUT_TEXT = 0, OUT_JSON, OUT_JSONL, OUT_LINES };

#define ARENA_FIRST (256u << 10) /* a generated notice's values fit in one chunk */

static const char *str(const struct jv *o, const char *k)
{
	return jv_string(jv_get(o, k));
}

#define LABEL_COLS 18 /* the values of the summary start in this column */

/* A label padded to LABEL_COLS columns: counted in characters, not bytes ("Cơ quan ban
 * hành:" is 17 characters and 21 bytes), every letter of Vietnamese being one column. */
static void print_label(const char *label)
{
	size_t cols = 0;
	for (const char *c = label; *c; c++)
		cols += ((unsigned char)*c & 0xC0) != 0x80;
	printf("%s%*s", label, cols < LABEL_COLS ? (int)(LABEL_COLS - cols) : 1, "");
}

static void print_opt(const char *label, const char *v)
{
	print_label(label);
	printf("%s\n", v ? v : "(không có)");
}

/* The summary a person reads: Vietnamese labels, one field a line, tasks indented. */
static void print_summary(const struct jv *j)
{
	struct jv *src = jv_get(j, "source");
	printf("== %s\n", str(src, "path") ? str(src, "path") : "");
	struct jv *type = jv_get(j, "type");
	print_opt("Loại văn bản:", jv_is_object(type) ? str(type, "name") : NULL);
	print_opt("Số, ký hiệu:", str(j, "number"));
	print_opt("Cơ quan ban hành:", str(j, "issuer"));
	print_opt("Ngày ban hành:", str(j, "date"));
	print_opt("Trích yếu:", str(j, "subject"));
	struct jv *m = jv_get(j, "meeting");
	if (str(m, "date"))
		print_opt("Ngày họp:", str(m, "date"));
	struct jv *p = jv_get(j, "period");
	if (jv_is_object(p))
		print_opt("Thời gian:", str(p, "text"));
	struct jv *tasks = jv_get(j, "tasks");
	print_label("Nhiệm vụ:");
	printf("%zu\n", jv_size(tasks));
	size_t i;
	struct jv *t;
	jv_array_foreach(tasks, i, t)
	{
		const char *id = str(t, "id");
		size_t depth = 0;
		for (const char *c = id; c && *c; c++)
			depth += *c == '.';
		printf("%*s%s %s\n", (int)(2 + 2 * depth), "", str(t, "label") ? str(t, "label") : "•",
		       str(t, "text"));
		struct jv *lead = jv_get(t, "lead_units"), *supp = jv_get(t, "supporting_units");
		size_t k;
		struct jv *u;
		if (jv_size(lead)) {
			printf("%*s  chủ trì:", (int)(2 + 2 * depth), "");
			jv_array_foreach(lead, k, u) printf("%s %s", k ? "," : "", jv_string(u));
			printf("\n");
		}
		if (jv_size(supp)) {
			printf("%*s  phối hợp:", (int)(2 + 2 * depth), "");
			jv_array_foreach(supp, k, u) printf("%s %s", k ? "," : "", jv_string(u));
			printf("\n");
		}
		struct jv *dl = jv_get(t, "deadline");
		if (str(dl, "date"))
			printf("%*s  thời hạn: %s%s\n", (int)(2 + 2 * depth), "", str(dl, "date"),
			       jv_is_true(jv_get(dl, "inherited")) ? " (theo thời gian chung)" : "");
		else if (str(dl, "kind") && strcmp(str(dl, "kind"), "recurring") == 0)
			printf("%*s  thời hạn: %s (lặp lại)\n", (int)(2 + 2 * depth), "", str(dl, "text"));
	}
	struct jv *sig = jv_get(j, "signature");
	print_label("Người ký:");
	if (str(sig, "authority"))
		printf("%s %s, ", str(sig, "authority"), str(sig, "on_behalf_of") ? str(sig, "on_behalf_of") : "");
	printf("%s %s\n", str(sig, "title") ? str(sig, "title") : "", str(sig, "name") ? str(sig, "name") : "(không có)");
	print_label("Nơi nhận:");
	printf("%zu\n", jv_size(jv_get(j, "recipients")));
	print_opt("Lưu:", str(j, "archive"));
	struct jv *w = jv_get(j, "warnings");
	jv_array_foreach(w, i, t) print_opt("Lưu ý:", jv_string(t));
	printf("\n");
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
	/* many documents into a file or a pipe: large writes (stdio would write each line) */
	static char outbuf[1 << 18]; /* glibc ignores the size of a NULL buffer */
	if (mode == OUT_JSONL && nfiles > 1 && !isatty(STDOUT_FILENO))
		setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
	struct dd_error err;
	dd_error_clear(&err);
	struct gazetteer *gz = gazetteer_load(ctx->data_dir, &err);
	if (!gz)
		return cli_report(&err);
	struct buf out;
	buf_init(&out, 0);
	/* each document's JSON values live in one arena, dropped after it is printed */
	struct arena mem;
	arena_init(&mem, ARENA_FIRST);
	int array = mode == OUT_JSON && nfiles > 1;
	if (array)
		printf("[");
	for (; i < argc; i++) {
		dd_error_clear(&err);
		struct jv *j = extract_file(argv[i], gz, &mem, &err);
		if (!j) {
			arena_reset(&mem);
			int code = err.code ? (int)err.code : EXIT_RUNTIME;
			fprintf(stderr, "dondoc: %s: %s\n", argv[i], err.msg[0] ? err.msg : "cannot extract");
			if (code > worst)
				worst = code;
			continue;
		}
		if (mode == OUT_TEXT) {
			print_summary(j);
		} else {
			/* one reused buffer and one fwrite per document */
			buf_reset(&out);
			if (array && !first)
				buf_addstr(&out, ",\n");
			size_t mark = out.len;
			if ((mode == OUT_JSON ? jv_write_pretty(j, &out) : jv_write_compact(j, &out)) < 0) {
				buf_truncate(&out, mark);
				buf_addstr(&out, "null");
			}
			if (!array)
				buf_addch(&out, '\n');
			fwrite(out.ptr, 1, out.len, stdout);
		}
		first = 0;
		arena_reset(&mem); /* frees j */
	}
	arena_release(&mem);
	if (array)
		printf("]\n");
	gazetteer_free(gz);
	buf_release(&out);
	fflush(stdout);
	return worst;
}
