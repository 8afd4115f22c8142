/* cmd_importtasks.c - `dondoc import-tasks`: read an edited task sheet back, preview, apply with --apply */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_track.h"
#include "report/taskimport.h"

static const char *const kind_name[] = {"change", "conflict", "error"};

int cmd_import_tasks(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{"apply", no_argument, NULL, 'y'}, {"json", no_argument, NULL, 'j'},
		{"as", required_argument, NULL, 'a'}, {NULL, 0, NULL, 0}};
	const char *as = NULL, *path;
	struct dd_error err = {0};
	struct taskimport_sheet sh;
	struct taskimport_plan p;
	struct tcli c;
	size_t applied = 0;
	int opt, apply = 0, json = 0, code = 0;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'y': apply = 1; break;
		case 'j': json = 1; break;
		case 'a': as = optarg; break;
		default: return cli_usage_error(argv[0], "unknown option or missing value '%s'", argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(argv[0], optind < argc ? "one file at a time" : "which file? FILE.xlsx or FILE.csv");
	path = argv[optind];
	if (taskimport_read(path, &sh, &err) < 0)
		return cli_report(&err);
	if (tcli_open(&c, ctx, as, &err) < 0) {
		taskimport_sheet_release(&sh);
		return cli_report(&err);
	}
	if (taskimport_plan(&c.t, &sh, &p, &err) < 0) {
		code = cli_report(&err);
		goto out;
	}
	if (apply && taskimport_apply(&c.t, &p, &applied, &err) < 0) {
		code = cli_report(&err);
		taskimport_plan_release(&p);
		goto out;
	}
	if (json) {
		json_t *o = json_object(), *a = json_array();
		for (size_t i = 0; i < p.n; i++) {
			json_t *it = json_object();
			json_object_set_new(it, "kind", json_string(kind_name[p.items[i].kind]));
			json_object_set_new(it, "line", json_integer(p.items[i].line));
			json_object_set_new(it, "task", json_integer(p.items[i].task_id));
			json_object_set_new(it, "message", json_string(p.items[i].message ? p.items[i].message : ""));
			json_array_append_new(a, it);
		}
		json_object_set_new(o, "rows", json_integer((json_int_t)sh.n));
		json_object_set_new(o, "unchanged", json_integer((json_int_t)p.unchanged));
		json_object_set_new(o, "changes", json_integer((json_int_t)p.changes));
		json_object_set_new(o, "conflicts", json_integer((json_int_t)p.conflicts));
		json_object_set_new(o, "errors", json_integer((json_int_t)p.errors));
		json_object_set_new(o, "applied", json_integer((json_int_t)applied));
		json_object_set_new(o, "items", a);
		tcli_print_json(o);
	} else {
		for (size_t i = 0; i < p.n; i++)
			printf("%s: line %ld, task %lld: %s\n", kind_name[p.items[i].kind], p.items[i].line,
			       (long long)p.items[i].task_id, p.items[i].message ? p.items[i].message : "");
		printf("%zu rows: %zu unchanged, %zu changed, %zu conflicts, %zu errors\n", sh.n,
		       p.unchanged, p.changes, p.conflicts, p.errors);
		if (apply)
			printf("applied %zu changes\n", applied);
		else if (p.changes)
			printf("nothing written: run again with --apply to apply the %zu changes\n", p.changes);
	}
	/* conflicts and bad rows are not silent: exit 65 so scripts notice */
	if (p.conflicts || p.errors)
		code = EXIT_DATAERR;
	taskimport_plan_release(&p);
out:
	taskimport_sheet_release(&sh);
	tcli_close(&c);
	return code;
}
