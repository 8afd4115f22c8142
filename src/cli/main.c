/* main.c - dondoc entry point: global options, then dispatch through the command table */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "util/log.h"

static void print_main_help(void)
{
	printf("dondoc %s - follow up the tasks that leaders' documents assign\n\n"
	       "usage: dondoc [GLOBAL OPTIONS] COMMAND [ARGS]\n\n"
	       "global options (anywhere on the line):\n"
	       "  --db PATH          database file (default $DONDOC_DB or ./dondoc.db)\n"
	       "  --today YYYY-MM-DD the date deadline rules use (default $DONDOC_TODAY or today)\n"
	       "  --data-dir DIR     folder with your own units.tsv, topics.tsv, ... (default $DONDOC_DATA)\n"
	       "  --log-level L      debug, info, warn (default), error, off\n"
	       "  --quiet            no progress output\n"
	       "  -h, --help         this help;  -V, --version  the version\n\n"
	       "commands:\n",
	       DONDOC_VERSION);
	for (const struct cli_command *c = cli_commands; c->name; c++)
		printf("  %-12s %s\n", c->name, c->summary);
	printf("\n'dondoc help COMMAND' shows the options of one command.\n");
}

int cmd_help(int argc, char **argv, struct cli_ctx *ctx)
{
	(void)ctx;
	if (argc < 2) {
		print_main_help();
		return 0;
	}
	const struct cli_command *c = cli_find(argv[1]);
	if (!c) {
		fprintf(stderr, "dondoc: help: unknown command '%s' (see 'dondoc --help')\n", argv[1]);
		return EXIT_USAGE;
	}
	cli_print_command_help(c);
	return 0;
}

int cmd_version(int argc, char **argv, struct cli_ctx *ctx)
{
	(void)argc;
	(void)argv;
	(void)ctx;
	printf("dondoc %s\n", DONDOC_VERSION);
	return 0;
}

static int set_today(struct cli_ctx *ctx, const char *s)
{
	if (vn_date_parse_iso(s, &ctx->today) < 0) {
		fprintf(stderr, "dondoc: bad date '%s' for --today (want YYYY-MM-DD)\n", s);
		return -1;
	}
	return 0;
}

/* Remove the global options from argv (anywhere before a bare "--"); -1 on a bad value. */
static int take_globals(int *argcp, char **argv, struct cli_ctx *ctx)
{
	int argc = *argcp, out = 1;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = NULL;
		const char *names[] = {"--db", "--today", "--data-dir", "--log-level"};
		int which = -1;

		if (strcmp(a, "--") == 0) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		for (int k = 0; k < 4; k++) {
			size_t l = strlen(names[k]);
			if (strncmp(a, names[k], l) == 0 && (a[l] == '\0' || a[l] == '=')) {
				which = k;
				if (a[l] == '=')
					val = a + l + 1;
				else if (i + 1 < argc)
					val = argv[++i];
				else {
					fprintf(stderr, "dondoc: option '%s' needs a value\n", names[k]);
					return -1;
				}
			}
		}
		if (which < 0 && strcmp(a, "--quiet") == 0) {
			ctx->quiet = 1;
			continue;
		}
		switch (which) {
		case 0:
			ctx->db_path = val;
			break;
		case 1:
			if (set_today(ctx, val) < 0)
				return -1;
			break;
		case 2:
			ctx->data_dir = val;
			break;
		case 3: {
			enum log_level lv;
			if (log_parse_level(val, &lv) < 0) {
				fprintf(stderr, "dondoc: unknown log level '%s'\n", val);
				return -1;
			}
			log_set_level(lv);
			break;
		}
		default:
			argv[out++] = argv[i];
		}
	}
	argv[out] = NULL;
	*argcp = out;
	return 0;
}

int main(int argc, char **argv)
{
	struct cli_ctx ctx = {0};
	const char *env;
	const struct cli_command *c;

	ctx.argv0 = argv[0];
	ctx.db_path = (env = getenv("DONDOC_DB")) && *env ? env : "dondoc.db";
	ctx.data_dir = (env = getenv("DONDOC_DATA")) && *env ? env : NULL;
	if ((env = getenv("DONDOC_TODAY")) && *env) {
		if (set_today(&ctx, env) < 0)
			return EXIT_USAGE;
	} else {
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		ctx.today.y = tm.tm_year + 1900;
		ctx.today.m = tm.tm_mon + 1;
		ctx.today.d = tm.tm_mday;
	}
	if (take_globals(&argc, argv, &ctx) < 0)
		return EXIT_USAGE;
	if (argc < 2) {
		print_main_help();
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		print_main_help();
		return 0;
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0)
		return cmd_version(0, NULL, &ctx);
	if (argv[1][0] == '-') {
		fprintf(stderr, "dondoc: unknown option '%s' (see 'dondoc --help')\n", argv[1]);
		return EXIT_USAGE;
	}
	c = cli_find(argv[1]);
	if (!c) {
		fprintf(stderr, "dondoc: unknown command '%s' (see 'dondoc --help')\n", argv[1]);
		return EXIT_USAGE;
	}
	/* "dondoc CMD --help" shows the command's help */
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			cli_print_command_help(c);
			return 0;
		}
	}
	return c->run(argc - 1, argv + 1, &ctx);
}
