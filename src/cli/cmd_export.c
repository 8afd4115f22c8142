/* cmd_export.c - `dondoc export tasks`: the task list as XLSX, CSV or iCalendar */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_track.h"
#include "report/export.h"
#include "util/buf.h"
#include "util/file.h"

#define EXPORT_MAX ((size_t)1 << 30)

int cmd_export(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'F'}, {"output", required_argument, NULL, 'o'},
		{"unit", required_argument, NULL, 'u'},   {"lead", no_argument, NULL, 'L'},
		{"status", required_argument, NULL, 's'}, {"overdue", no_argument, NULL, 'O'},
		{"due-before", required_argument, NULL, 'b'}, {"due-from", required_argument, NULL, 'f'},
		{"doc", required_argument, NULL, 'd'},    {"topic", required_argument, NULL, 't'},
		{"as", required_argument, NULL, 'a'},     {NULL, 0, NULL, 0}};
	struct track_query q = {0};
	const char *fmt = NULL, *out = NULL, *as = NULL;
	struct dd_error err = {0};
	struct export_set set;
	struct tcli c;
	struct buf b;
	size_t skipped = 0;
	int opt, code;

	if (argc < 2 || strcmp(argv[1], "tasks") != 0)
		return cli_usage_error("export", "what to export? only 'tasks' is known");
	argc--;
	argv++;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (opt) {
		case 'F': fmt = optarg; break;
		case 'o': out = optarg; break;
		case 'u': q.unit = optarg; break;
		case 'L': q.lead_only = 1; break;
		case 's': q.status = optarg; break;
		case 'O': q.overdue = 1; break;
		case 'b': q.due_before = optarg; break;
		case 'f': q.due_from = optarg; break;
		case 't': q.topic = optarg; break;
		case 'a': as = optarg; break;
		case 'd':
			if (tcli_id("export", "document id", optarg, &q.doc_id) < 0)
				return EXIT_USAGE;
			break;
		default: return cli_usage_error("export", "unknown option or missing value '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("export", "unexpected argument '%s'", argv[optind]);
	if (!fmt && out) {
		const char *dot = strrchr(out, '.');
		if (dot && (!strcmp(dot, ".xlsx") || !strcmp(dot, ".csv") || !strcmp(dot, ".ics")))
			fmt = dot + 1;
	}
	if (!fmt)
		return cli_usage_error("export", "give --format xlsx, csv or ics");
	if (strcmp(fmt, "xlsx") && strcmp(fmt, "csv") && strcmp(fmt, "ics"))
		return cli_usage_error("export", "unknown format '%s' (xlsx, csv or ics)", fmt);
	if (!out)
		out = strcmp(fmt, "xlsx") == 0 ? NULL : "-";
	if (!out)
		return cli_usage_error("export", "XLSX needs an output file: -o FILE.xlsx");
	if (strcmp(fmt, "xlsx") == 0 && strcmp(out, "-") == 0)
		return cli_usage_error("export", "XLSX cannot go to standard output: -o FILE.xlsx");

	if (tcli_open(&c, ctx, as, &err) < 0)
		return cli_report(&err);
	if (export_collect(&c.t, &q, &set, &err) < 0) {
		tcli_close(&c);
		return cli_report(&err);
	}
	buf_init(&b, EXPORT_MAX);
	if (strcmp(fmt, "xlsx") == 0) {
		code = export_xlsx(&set, out, &err);
	} else {
		if (strcmp(fmt, "csv") == 0) {
			code = export_csv(&set, &b, &err);
		} else {
			struct buf cal = BUF_INIT;
			buf_addstr(&cal, "Thời hạn nhiệm vụ");
			if (q.unit)
				buf_printf(&cal, " - %s", q.unit);
			code = export_ics(&set, buf_str(&cal), NULL, &b, &skipped, &err);
			buf_release(&cal);
		}
		if (code == 0 && strcmp(out, "-") == 0) {
			if (fwrite(buf_str(&b), 1, b.len, stdout) != b.len || fflush(stdout) != 0)
				code = dd_error(&err, "cannot write to standard output");
		} else if (code == 0) {
			code = file_write_atomic(out, buf_str(&b), b.len, &err);
		}
	}
	if (code == 0 && !ctx->quiet && strcmp(out, "-") != 0) {
		fprintf(stderr, "dondoc: wrote '%s' (%zu tasks", out, set.tasks.n - skipped);
		if (skipped)
			fprintf(stderr, "; %zu without a due date left out", skipped);
		fprintf(stderr, ")\n");
	}
	buf_release(&b);
	export_set_release(&set);
	tcli_close(&c);
	return code == 0 ? 0 : cli_report(&err);
}
