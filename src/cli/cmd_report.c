/* cmd_report.c - `dondoc report monthly` and `dondoc report draft-notice`: official documents from the tracked tasks */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_track.h"
#include "report/docxw.h"
#include "report/report.h"
#include "util/buf.h"
#include "util/file.h"

#define REPORT_MAX ((size_t)1 << 30)

enum rformat { RF_DOCX, RF_HTML, RF_MD };

static int parse_format(const char *s, enum rformat *f)
{
	if (strcmp(s, "docx") == 0)
		*f = RF_DOCX;
	else if (strcmp(s, "html") == 0)
		*f = RF_HTML;
	else if (strcmp(s, "md") == 0 || strcmp(s, "markdown") == 0)
		*f = RF_MD;
	else
		return -1;
	return 0;
}

/* The format from the output file's extension, when it has a known one. */
static int format_of_path(const char *path, enum rformat *f)
{
	const char *dot = strrchr(path, '.');
	if (!dot || strchr(dot, '/'))
		return -1;
	if (strcmp(dot, ".htm") == 0)
		dot = ".html";
	return parse_format(dot + 1, f);
}

static int write_out(const char *path, const struct buf *b, struct dd_error *err)
{
	if (strcmp(path, "-") == 0) {
		if (fwrite(buf_str(b), 1, b->len, stdout) != b->len || fflush(stdout) != 0)
			return dd_error(err, "cannot write to standard output");
		return 0;
	}
	return file_write_atomic(path, buf_str(b), b->len, err);
}

static int run(int argc, char **argv, struct cli_ctx *ctx, int notice)
{
	static const struct option opts[] = {
		{"month", required_argument, NULL, 'm'}, {"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'}, {"as", required_argument, NULL, 'a'},
		{NULL, 0, NULL, 0}};
	const char *month = NULL, *out = NULL, *as = NULL, *fmt = NULL;
	enum rformat f = RF_DOCX;
	struct dd_error err = {0};
	struct report_monthly m;
	struct report_layout l;
	struct tcli c;
	struct buf b;
	char defname[64];
	int y, mo, opt, code = 0;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (opt) {
		case 'm': month = optarg; break;
		case 'f': fmt = optarg; break;
		case 'o': out = optarg; break;
		case 'a': as = optarg; break;
		default: return cli_usage_error("report", "unknown option or missing value '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("report", "unexpected argument '%s'", argv[optind]);
	if (fmt && parse_format(fmt, &f) < 0)
		return cli_usage_error("report", "unknown format '%s' (docx, html or md)", fmt);
	if (!fmt && out && strcmp(out, "-") != 0)
		format_of_path(out, &f);
	if (notice && f != RF_DOCX)
		return cli_usage_error("report", "the draft notice is written as docx only");
	if (month) {
		if (report_parse_month(month, &y, &mo) < 0)
			return cli_usage_error("report", "bad month '%s' (expected YYYY-MM)", month);
	} else {
		y = ctx->today.y;
		mo = ctx->today.m;
		if (notice && ++mo > 12) {
			mo = 1;
			y++;
		}
	}
	/* the draft notice for month M lists what the report on M-1 carries over */
	if (notice && --mo < 1) {
		mo = 12;
		y--;
	}
	if (!out) {
		if (f == RF_DOCX) {
			int ny = mo == 12 ? y + 1 : y, nm = mo == 12 ? 1 : mo + 1;
			if (notice)
				snprintf(defname, sizeof(defname), "du-thao-thong-bao-%04d-%02d.docx", ny % 10000, nm % 100);
			else
				snprintf(defname, sizeof(defname), "bao-cao-%04d-%02d.docx", y % 10000, mo % 100);
			out = defname;
		} else {
			out = "-";
		}
	}
	if (tcli_open(&c, ctx, as, &err) < 0)
		return cli_report(&err);
	if (report_layout_load(c.s, &l, &err) < 0) {
		tcli_close(&c);
		return cli_report(&err);
	}
	if (report_monthly_build(&c.t, y, mo, &m, &err) < 0) {
		report_layout_release(&l);
		tcli_close(&c);
		return cli_report(&err);
	}
	buf_init(&b, REPORT_MAX);
	if (notice)
		code = report_notice_docx(&m, &l, &b, &err);
	else if (f == RF_DOCX)
		code = report_monthly_docx(&m, &l, &b, &err);
	else if (f == RF_HTML)
		code = report_monthly_html(&m, &l, &b, &err);
	else
		code = report_monthly_md(&m, &l, &b, &err);
	if (code == 0)
		code = write_out(out, &b, &err);
	if (code == 0 && !ctx->quiet && strcmp(out, "-") != 0)
		fprintf(stderr, "dondoc: wrote '%s' (%lld tasks in %04d-%02d)\n", out,
			(long long)m.ntotal, y, mo);
	buf_release(&b);
	report_monthly_release(&m);
	report_layout_release(&l);
	tcli_close(&c);
	return code == 0 ? 0 : cli_report(&err);
}

/* `report settings [KEY VALUE | --unset KEY]` */
static int settings(int argc, char **argv, struct cli_ctx *ctx)
{
	struct dd_error err = {0};
	struct tcli c;
	int code = 0;

	if (argc != 1 && argc != 3)
		return cli_usage_error("report", "settings takes KEY VALUE, --unset KEY, or nothing");
	if (argc == 3) {
		int unset = strcmp(argv[1], "--unset") == 0;
		const char *key = unset ? argv[2] : argv[1];
		if (report_setting_check(key, unset ? NULL : argv[2], &err) < 0)
			return cli_report(&err);
		if (tcli_open(&c, ctx, NULL, &err) < 0)
			return cli_report(&err);
		if (!c.t.role || (strcmp(c.t.role, "admin") != 0 && strcmp(c.t.role, "office") != 0)) {
			dd_error_code(&err, DD_ERR_USAGE, "only the office may change report settings "
				      "(user '%s' is '%s')", c.t.actor, c.t.role ? c.t.role : "?");
			code = cli_report(&err);
		} else if (store_setting_set(c.s, key, unset ? NULL : argv[2], &err) < 0) {
			code = cli_report(&err);
		}
		tcli_close(&c);
		return code;
	}
	if (tcli_open(&c, ctx, NULL, &err) < 0)
		return cli_report(&err);
	for (const struct report_setting *r = report_settings; r->key; r++) {
		struct buf v = BUF_INIT;
		int got = store_setting_get(c.s, r->key, &v, &err);
		if (got < 0) {
			buf_release(&v);
			code = cli_report(&err);
			break;
		}
		printf("%-20s %s\n", r->key, got ? buf_str(&v) : "(default)");
		if (!got)
			printf("%-20s   %s\n", "", r->help);
		buf_release(&v);
	}
	tcli_close(&c);
	return code;
}

int cmd_report(int argc, char **argv, struct cli_ctx *ctx)
{
	if (argc < 2)
		return cli_usage_error("report", "which report? 'monthly' or 'draft-notice'");
	if (strcmp(argv[1], "monthly") == 0)
		return run(argc - 1, argv + 1, ctx, 0);
	if (strcmp(argv[1], "draft-notice") == 0)
		return run(argc - 1, argv + 1, ctx, 1);
	if (strcmp(argv[1], "settings") == 0)
		return settings(argc - 1, argv + 1, ctx);
	return cli_usage_error("report", "unknown report '%s' (monthly or draft-notice)", argv[1]);
}
