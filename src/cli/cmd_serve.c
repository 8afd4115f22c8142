/* cmd_serve.c - `dondoc serve`: run the web application (web/server.c) with options from the command line */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "web/server.h"

/* "--name VALUE" or "--name=VALUE" at argv[*i]; 1 matched (value in *val), 0 not this
 * option, -1 missing value. */
static int opt_value(int argc, char **argv, int *i, const char *name, const char **val)
{
	size_t l = strlen(name);

	if (strncmp(argv[*i], name, l) != 0)
		return 0;
	if (argv[*i][l] == '=') {
		*val = argv[*i] + l + 1;
		return 1;
	}
	if (argv[*i][l] != '\0')
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*val = argv[++*i];
	return 1;
}

static int parse_num(const char *s, long long min, long long max, long long *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int cmd_serve(int argc, char **argv, struct cli_ctx *ctx)
{
	struct web_config cfg;
	struct dd_error err = {0};
	static const struct {
		const char *name;
		long long min, max;
	} nums[] = {
	    {"--threads", 1, 64},
	    {"--max-connections", 1, 100000},
	    {"--timeout", 1, 3600},
	    {"--max-header", 4096, 1 << 20},
	    {"--max-body", 1024, 64LL << 20},
	    {"--max-upload", 1024, 512LL << 20},
	    {"--session-idle", 1, 30LL * 86400},
	    {"--session-max", 1, 90LL * 86400},
	    {"--login-max-fail", 1, 1000},
	    {"--login-window", 1, 86400},
	};
	time_t now = time(NULL);
	struct tm tm;

	web_config_init(&cfg);
	cfg.db_path = ctx->db_path;
	cfg.data_dir = ctx->data_dir;
	cfg.today = ctx->today;
	/* a --today / $DONDOC_TODAY other than the real date pins the date (tests, demos) */
	localtime_r(&now, &tm);
	cfg.fixed_today = !(ctx->today.y == tm.tm_year + 1900 && ctx->today.m == tm.tm_mon + 1 &&
			    ctx->today.d == tm.tm_mday);
	for (int i = 1; i < argc; i++) {
		const char *val = NULL;
		int r, done = 0;

		if (strcmp(argv[i], "--no-cache") == 0) {
			cfg.no_cache = 1;
			continue;
		}
		if ((r = opt_value(argc, argv, &i, "--listen", &val)) != 0) {
			if (r < 0)
				return cli_usage_error("serve", "option '--listen' needs a value");
			cfg.listen = val;
			continue;
		}
		if ((r = opt_value(argc, argv, &i, "--access-log", &val)) != 0) {
			if (r < 0)
				return cli_usage_error("serve", "option '--access-log' needs a value");
			cfg.access_log = val;
			continue;
		}
		if ((r = opt_value(argc, argv, &i, "--ready-file", &val)) != 0) {
			if (r < 0)
				return cli_usage_error("serve", "option '--ready-file' needs a value");
			cfg.ready_file = val;
			continue;
		}
		for (size_t k = 0; k < sizeof(nums) / sizeof(nums[0]) && !done; k++) {
			long long v;
			if ((r = opt_value(argc, argv, &i, nums[k].name, &val)) == 0)
				continue;
			if (r < 0)
				return cli_usage_error("serve", "option '%s' needs a value", nums[k].name);
			if (parse_num(val, nums[k].min, nums[k].max, &v) < 0)
				return cli_usage_error("serve", "bad value '%s' for '%s' (%lld..%lld)", val,
						       nums[k].name, nums[k].min, nums[k].max);
			switch (k) {
			case 0:
				cfg.threads = (unsigned)v;
				break;
			case 1:
				cfg.max_connections = (unsigned)v;
				break;
			case 2:
				cfg.timeout = (unsigned)v;
				break;
			case 3:
				cfg.max_header = (size_t)v;
				break;
			case 4:
				cfg.max_body = (size_t)v;
				break;
			case 5:
				cfg.max_upload = (size_t)v;
				break;
			case 6:
				cfg.session_idle = (long)v;
				break;
			case 7:
				cfg.session_max = (long)v;
				break;
			case 8:
				cfg.login_max_fail = (int)v;
				break;
			default:
				cfg.login_window = (long)v;
				break;
			}
			done = 1;
		}
		if (!done)
			return cli_usage_error("serve", "unknown argument '%s'", argv[i]);
	}
	if (web_serve(&cfg, &err) < 0)
		return cli_report(&err);
	return 0;
}
