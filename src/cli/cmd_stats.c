/* cmd_stats.c - `dondoc stats`: counts per official status and on-time rate, per unit and topic, for a period */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_track.h"
#include "report/stats.h"
#include "util/buf.h"
#include "util/file.h"

int cmd_stats(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{"from", required_argument, NULL, 'f'}, {"to", required_argument, NULL, 't'},
		{"json", no_argument, NULL, 'j'},       {"svg", required_argument, NULL, 's'},
		{"as", required_argument, NULL, 'a'},   {NULL, 0, NULL, 0}};
	const char *from = NULL, *to = NULL, *svg = NULL, *as = NULL;
	struct dd_error err = {0};
	struct stats st;
	struct tcli c;
	int opt, json = 0, code = 0;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'f': from = optarg; break;
		case 't': to = optarg; break;
		case 'j': json = 1; break;
		case 's': svg = optarg; break;
		case 'a': as = optarg; break;
		default: return cli_usage_error(argv[0], "unknown option or missing value '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error(argv[0], "unexpected argument '%s'", argv[optind]);
	if (tcli_open(&c, ctx, as, &err) < 0)
		return cli_report(&err);
	if (stats_compute(&c.t, from, to, &st, &err) < 0) {
		tcli_close(&c);
		return cli_report(&err);
	}
	if (json) {
		tcli_print_json(stats_json(&st));
	} else {
		struct buf b = BUF_INIT;
		stats_text(&st, &b);
		fputs(buf_str(&b), stdout);
		buf_release(&b);
	}
	if (svg) {
		struct buf b = BUF_INIT;
		buf_addstr(&b, "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Thống kê nhiệm vụ</title></head><body>\n");
		stats_svg(&st, &b);
		buf_addstr(&b, "\n</body></html>\n");
		if (file_write_atomic(svg, buf_str(&b), b.len, &err) < 0)
			code = cli_report(&err);
		buf_release(&b);
	}
	stats_release(&st);
	tcli_close(&c);
	return code;
}
