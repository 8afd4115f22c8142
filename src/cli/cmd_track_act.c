/* cmd_track_act.c - tracking commands that change tasks: assign, progress, done, extend, cancel */
#include "cmd_track.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "util/file.h"
#include "util/xalloc.h"

#define ATTACH_MAX (64u << 20)

static int fail(struct tcli *c, struct dd_error *err)
{
	tcli_close(c);
	return cli_report(err);
}

static int unknown(char **argv)
{
	return cli_usage_error(argv[0], "unknown option or missing value '%s'", argv[optind - 1]);
}

int cmd_assign(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{"lead", required_argument, NULL, 'l'}, {"support", required_argument, NULL, 's'},
		{"due", required_argument, NULL, 'd'},  {"as", required_argument, NULL, 'a'},
		{NULL, 0, NULL, 0}};
	const char *lead = NULL, *due = NULL, *as = NULL;
	const char **sup = NULL;
	size_t nsup = 0, cap = 0;
	int64_t task, lead_id = 0, *sup_ids = NULL;
	struct dd_error err = {0};
	struct tcli c;
	int opt, rc;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'l': lead = optarg; break;
		case 'd': due = optarg; break;
		case 'a': as = optarg; break;
		case 's':
			XGROW(sup, nsup + 1, cap);
			sup[nsup++] = optarg;
			break;
		default: free(sup); return unknown(argv);
		}
	}
	if (optind + 1 != argc) {
		free(sup);
		return cli_usage_error(argv[0], "give one task id");
	}
	if (tcli_id(argv[0], "task id", argv[optind], &task) < 0) {
		free(sup);
		return EXIT_USAGE;
	}
	if (tcli_open(&c, ctx, as, &err) < 0) {
		free(sup);
		return cli_report(&err);
	}
	sup_ids = xcalloc(nsup + 1, sizeof(*sup_ids));
	if (lead && tcli_unit(&c, lead, &lead_id, &err) < 0)
		goto out;
	for (size_t i = 0; i < nsup; i++)
		if (tcli_unit(&c, sup[i], &sup_ids[i], &err) < 0)
			goto out;
	if (track_assign(&c.t, task, lead_id, sup_ids, nsup, due, &err) < 0)
		goto out;
	printf("task %lld assigned\n", (long long)task);
	free(sup);
	free(sup_ids);
	tcli_close(&c);
	return 0;
out:
	free(sup);
	free(sup_ids);
	rc = fail(&c, &err);
	return rc;
}

int cmd_progress(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{"unit", required_argument, NULL, 'u'},   {"percent", required_argument, NULL, 'p'},
		{"note", required_argument, NULL, 'n'},   {"attach", required_argument, NULL, 'f'},
		{"as", required_argument, NULL, 'a'},     {NULL, 0, NULL, 0}};
	const char *unit = NULL, *note = NULL, *attach = NULL, *as = NULL;
	int64_t task, unit_id = 0, percent = -1, pid = 0;
	struct buf data = BUF_INIT;
	struct dd_error err = {0};
	struct tcli c;
	int opt;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'u': unit = optarg; break;
		case 'n': note = optarg; break;
		case 'f': attach = optarg; break;
		case 'a': as = optarg; break;
		case 'p':
			if (tcli_num(argv[0], "--percent", optarg, 100, &percent) < 0)
				return EXIT_USAGE;
			break;
		default: return unknown(argv);
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(argv[0], "give one task id");
	if (tcli_id(argv[0], "task id", argv[optind], &task) < 0)
		return EXIT_USAGE;
	if (percent < 0)
		return cli_usage_error(argv[0], "--percent N is required");
	if (!note || !*note)
		return cli_usage_error(argv[0], "--note TEXT is required");
	if (attach && file_read_all(attach, ATTACH_MAX, &data, &err) < 0) {
		buf_release(&data);
		return cli_report(&err);
	}
	if (tcli_open(&c, ctx, as, &err) < 0) {
		buf_release(&data);
		return cli_report(&err);
	}
	if (unit && tcli_unit(&c, unit, &unit_id, &err) < 0)
		goto out;
	if (track_progress(&c.t, task, unit_id, (int)percent, note,
			   attach ? (strrchr(attach, '/') ? strrchr(attach, '/') + 1 : attach) : NULL,
			   attach ? (data.ptr ? data.ptr : "") : NULL, data.len, &pid, &err) < 0)
		goto out;
	printf("progress report %lld recorded for task %lld (%lld%%)\n", (long long)pid,
	       (long long)task, (long long)percent);
	buf_release(&data);
	tcli_close(&c);
	return 0;
out:
	buf_release(&data);
	return fail(&c, &err);
}

int cmd_done(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{"propose", no_argument, NULL, 'p'}, {"confirm", no_argument, NULL, 'c'},
		{"reject", no_argument, NULL, 'r'},  {"as", required_argument, NULL, 'a'},
		{NULL, 0, NULL, 0}};
	enum track_done_mode mode = TRACK_DONE_AUTO;
	const char *as = NULL;
	int reject = 0, confirmed = 0, opt;
	int64_t task;
	struct dd_error err = {0};
	struct tcli c;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'p': mode = TRACK_DONE_PROPOSE; break;
		case 'c': mode = TRACK_DONE_CONFIRM; break;
		case 'r': reject = 1; break;
		case 'a': as = optarg; break;
		default: return unknown(argv);
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(argv[0], "give one task id");
	if (tcli_id(argv[0], "task id", argv[optind], &task) < 0)
		return EXIT_USAGE;
	if (reject && mode != TRACK_DONE_AUTO)
		return cli_usage_error(argv[0], "--reject cannot go with --propose or --confirm");
	if (tcli_open(&c, ctx, as, &err) < 0)
		return cli_report(&err);
	if (reject) {
		if (track_reject_done(&c.t, task, NULL, &err) < 0)
			return fail(&c, &err);
		printf("task %lld: done proposal refused, back to open\n", (long long)task);
	} else {
		if (track_done(&c.t, task, mode, &confirmed, &err) < 0)
			return fail(&c, &err);
		if (confirmed) {
			struct store_task t;
			struct buf name = BUF_INIT;
			if (store_task_get(c.s, task, &t, &err) < 0)
				return fail(&c, &err);
			track_status_name(&c.t, track_status_of(&t, c.t.today_iso), &name);
			printf("task %lld confirmed done on %s: %s\n", (long long)task, c.t.today_iso,
			       buf_str(&name));
			buf_release(&name);
			store_task_release(&t);
		} else {
			printf("task %lld proposed done on %s, waiting for the office to confirm\n",
			       (long long)task, c.t.today_iso);
		}
	}
	tcli_close(&c);
	return 0;
}

int cmd_extend(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{"due", required_argument, NULL, 'd'},     {"reason", required_argument, NULL, 'r'},
		{"unit", required_argument, NULL, 'u'},    {"approve", required_argument, NULL, 'A'},
		{"refuse", required_argument, NULL, 'R'},  {"note", required_argument, NULL, 'n'},
		{"list", no_argument, NULL, 'l'},          {"json", no_argument, NULL, 'j'},
		{"as", required_argument, NULL, 'a'},      {NULL, 0, NULL, 0}};
	const char *due = NULL, *reason = NULL, *unit = NULL, *note = NULL, *as = NULL;
	const char *approve = NULL, *refuse = NULL;
	int list = 0, json = 0, opt;
	int64_t task = 0, unit_id = 0, ext = 0;
	struct dd_error err = {0};
	struct tcli c;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'd': due = optarg; break;
		case 'r': reason = optarg; break;
		case 'u': unit = optarg; break;
		case 'A': approve = optarg; break;
		case 'R': refuse = optarg; break;
		case 'n': note = optarg; break;
		case 'l': list = 1; break;
		case 'j': json = 1; break;
		case 'a': as = optarg; break;
		default: return unknown(argv);
		}
	}
	if (!!approve + !!refuse + list > 1)
		return cli_usage_error(argv[0], "give only one of --approve, --refuse, --list");
	if (approve || refuse) {
		if (optind != argc)
			return cli_usage_error(argv[0], "unexpected argument '%s'", argv[optind]);
		if (tcli_id(argv[0], "extension id", approve ? approve : refuse, &ext) < 0)
			return EXIT_USAGE;
	} else if (list) {
		if (optind < argc && tcli_id(argv[0], "task id", argv[optind], &task) < 0)
			return EXIT_USAGE;
	} else {
		if (optind + 1 != argc)
			return cli_usage_error(argv[0], "give one task id");
		if (tcli_id(argv[0], "task id", argv[optind], &task) < 0)
			return EXIT_USAGE;
		if (!due || !reason)
			return cli_usage_error(argv[0], "--due DATE and --reason TEXT are required");
	}
	if (tcli_open(&c, ctx, as, &err) < 0)
		return cli_report(&err);
	if (list) {
		struct store_extension_list l;
		if (store_extension_list(c.s, task, &l, &err) < 0)
			return fail(&c, &err);
		if (json) {
			json_t *a = json_array();
			for (size_t i = 0; i < l.n; i++)
				json_array_append_new(a, track_extension_json(&l.items[i]));
			tcli_print_json(a);
		} else {
			static const char *const sn[] = {"pending", "approved", "refused"};
			for (size_t i = 0; i < l.n; i++)
				printf("%-5lld task %-6lld %s -> %s  %-8s %s\n", (long long)l.items[i].id,
				       (long long)l.items[i].task_id,
				       l.items[i].old_due[0] ? l.items[i].old_due : "-", l.items[i].new_due,
				       sn[l.items[i].state % 3], l.items[i].reason);
		}
		store_extension_list_release(&l);
	} else if (ext) {
		if (track_extend_decide(&c.t, ext, approve != NULL, note, &err) < 0)
			return fail(&c, &err);
		printf("extension request %lld %s\n", (long long)ext, approve ? "approved" : "refused");
	} else {
		if (unit && tcli_unit(&c, unit, &unit_id, &err) < 0)
			return fail(&c, &err);
		if (track_extend_request(&c.t, task, unit_id, due, reason, &ext, &err) < 0)
			return fail(&c, &err);
		printf("extension request %lld for task %lld: new deadline %s, waiting for approval\n",
		       (long long)ext, (long long)task, due);
	}
	tcli_close(&c);
	return 0;
}

int cmd_cancel(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{"reason", required_argument, NULL, 'r'}, {"as", required_argument, NULL, 'a'},
		{NULL, 0, NULL, 0}};
	const char *reason = NULL, *as = NULL;
	int64_t task;
	struct dd_error err = {0};
	struct tcli c;
	int opt;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'r': reason = optarg; break;
		case 'a': as = optarg; break;
		default: return unknown(argv);
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(argv[0], "give one task id");
	if (tcli_id(argv[0], "task id", argv[optind], &task) < 0)
		return EXIT_USAGE;
	if (!reason || !*reason)
		return cli_usage_error(argv[0], "--reason TEXT is required");
	if (tcli_open(&c, ctx, as, &err) < 0)
		return cli_report(&err);
	if (track_cancel(&c.t, task, reason, &err) < 0)
		return fail(&c, &err);
	printf("task %lld cancelled\n", (long long)task);
	tcli_close(&c);
	return 0;
}
