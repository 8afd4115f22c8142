/* cmd_track_admin.c - tracking commands around the tasks: units, search, remind, backup, check, settings */
#include "cmd_track.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/report.h"
#include "track/mail.h"
#include "util/xalloc.h"

static int fail(struct tcli *c, struct dd_error *err)
{
	tcli_close(c);
	return cli_report(err);
}

static int unknown(char **argv)
{
	return cli_usage_error(argv[0], "unknown option or missing value '%s'", argv[optind - 1]);
}

/* ---- units ---- */

static void print_units(struct tcli *c, const struct store_unit_list *l, int json, int csv)
{
	(void)c;
	if (json) {
		json_t *a = json_array();
		for (size_t i = 0; i < l->n; i++)
			json_array_append_new(a, track_unit_json(&l->items[i]));
		tcli_print_json(a);
		return;
	}
	if (csv)
		printf("id,name,short_name,kind,parent_id,active,merged_into,email,aliases\n");
	for (size_t i = 0; i < l->n; i++) {
		const struct store_unit *u = &l->items[i];
		struct buf al = BUF_INIT;
		for (size_t k = 0; k < u->naliases; k++) {
			if (k)
				buf_addstr(&al, csv ? "|" : ", ");
			buf_addstr(&al, u->aliases[k]);
		}
		if (csv) {
			printf("%lld,", (long long)u->id);
			tcli_csv(stdout, u->name, ',');
			tcli_csv(stdout, u->short_name, ',');
			tcli_csv(stdout, u->kind, ',');
			printf("%lld,%d,%lld,", (long long)u->parent_id, u->active,
			       (long long)u->merged_into);
			tcli_csv(stdout, u->email, ',');
			tcli_csv(stdout, buf_str(&al), '\n');
		} else {
			printf("%-5lld ", (long long)u->id);
			tcli_put_cut(stdout, u->name, 50, 1);
			printf(" %-10s", u->short_name ? u->short_name : "");
			if (!u->active)
				printf(" (merged into %lld)", (long long)u->merged_into);
			if (al.len) {
				printf(" aka ");
				tcli_put_cut(stdout, buf_str(&al), 60, 0);
			}
			putchar('\n');
		}
		buf_release(&al);
	}
}

int cmd_units(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{"all", no_argument, NULL, 'A'},         {"json", no_argument, NULL, 'j'},
		{"csv", no_argument, NULL, 'c'},         {"short", required_argument, NULL, 's'},
		{"kind", required_argument, NULL, 'k'},  {"parent", required_argument, NULL, 'p'},
		{"email", required_argument, NULL, 'e'}, {"as", required_argument, NULL, 'a'},
		{NULL, 0, NULL, 0}};
	const char *shortn = NULL, *kind = NULL, *parent = NULL, *email = NULL, *as = NULL, *sub;
	int all = 0, json = 0, csv = 0, opt, nargs;
	struct dd_error err = {0};
	struct tcli c;
	int64_t a = 0, b = 0;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'A': all = 1; break;
		case 'j': json = 1; break;
		case 'c': csv = 1; break;
		case 's': shortn = optarg; break;
		case 'k': kind = optarg; break;
		case 'p': parent = optarg; break;
		case 'e': email = optarg; break;
		case 'a': as = optarg; break;
		default: return unknown(argv);
		}
	}
	sub = optind < argc ? argv[optind++] : "list";
	nargs = argc - optind;
	if (strcmp(sub, "list") == 0 ? nargs != 0
	    : strcmp(sub, "add") == 0 ? nargs != 1
	    : strcmp(sub, "show") == 0 ? nargs != 1
	    : (strcmp(sub, "alias") == 0 || strcmp(sub, "merge") == 0 || strcmp(sub, "email") == 0)
		    ? nargs != 2
		    : 1)
		return cli_usage_error(argv[0], "usage: units [list|add NAME|show UNIT|alias UNIT ALIAS|"
				       "merge FROM INTO|email UNIT ADDRESS]");
	if (tcli_open(&c, ctx, as, &err) < 0)
		return cli_report(&err);
	if (strcmp(sub, "list") == 0) {
		struct store_unit_list l;
		if (store_unit_list(c.s, all, &l, &err) < 0)
			return fail(&c, &err);
		print_units(&c, &l, json, csv);
		store_unit_list_release(&l);
	} else if (strcmp(sub, "show") == 0) {
		struct store_unit_list l = {0};
		struct store_unit u;
		if (tcli_unit(&c, argv[optind], &a, &err) < 0 || store_unit_get(c.s, a, &u, &err) < 0)
			return fail(&c, &err);
		l.items = &u;
		l.n = 1;
		print_units(&c, &l, json, csv);
		store_unit_release(&u);
	} else if (strcmp(sub, "add") == 0) {
		if (strcmp(c.t.role, "admin") && strcmp(c.t.role, "office")) {
			dd_error_code(&err, DD_ERR_DENIED, "user '%s' may not add units", c.t.actor);
			return fail(&c, &err);
		}
		if (parent && tcli_unit(&c, parent, &b, &err) < 0)
			return fail(&c, &err);
		if (store_unit_add(c.s, argv[optind], shortn, kind, b, email, &a, &err) < 0)
			return fail(&c, &err);
		printf("unit %lld added: %s\n", (long long)a, argv[optind]);
	} else {
		if (strcmp(c.t.role, "admin") && strcmp(c.t.role, "office")) {
			dd_error_code(&err, DD_ERR_DENIED, "user '%s' may not change units", c.t.actor);
			return fail(&c, &err);
		}
		if (tcli_unit(&c, argv[optind], &a, &err) < 0)
			return fail(&c, &err);
		if (strcmp(sub, "alias") == 0) {
			if (store_unit_add_alias(c.s, a, argv[optind + 1], &err) < 0)
				return fail(&c, &err);
			printf("unit %lld is also known as '%s'\n", (long long)a, argv[optind + 1]);
		} else if (strcmp(sub, "email") == 0) {
			if (!strchr(argv[optind + 1], '@') || strpbrk(argv[optind + 1], " \r\n<>")) {
				dd_error_code(&err, DD_ERR_USAGE, "bad e-mail address '%s'", argv[optind + 1]);
				return fail(&c, &err);
			}
			if (store_unit_set_email(c.s, a, argv[optind + 1], &err) < 0)
				return fail(&c, &err);
			printf("unit %lld: e-mail %s\n", (long long)a, argv[optind + 1]);
		} else {
			if (tcli_unit(&c, argv[optind + 1], &b, &err) < 0 ||
			    store_unit_merge(c.s, a, b, &err) < 0)
				return fail(&c, &err);
			printf("unit %lld merged into unit %lld\n", (long long)a, (long long)b);
		}
	}
	tcli_close(&c);
	return 0;
}

/* ---- search ---- */

int cmd_search(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'}, {"limit", required_argument, NULL, 'l'},
		{"offset", required_argument, NULL, 'o'}, {NULL, 0, NULL, 0}};
	int json = 0, opt, tty;
	int64_t limit = 20, offset = 0;
	struct dd_error err = {0};
	struct buf query = BUF_INIT;
	struct store_hit_list h;
	struct tcli c;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'j': json = 1; break;
		case 'l':
			if (tcli_num(argv[0], "--limit", optarg, 1000, &limit) < 0)
				return EXIT_USAGE;
			break;
		case 'o':
			if (tcli_num(argv[0], "--offset", optarg, 1000000, &offset) < 0)
				return EXIT_USAGE;
			break;
		default: return unknown(argv);
		}
	}
	if (optind >= argc)
		return cli_usage_error(argv[0], "nothing to search for");
	buf_init(&query, 4096);
	for (int i = optind; i < argc; i++) {
		if ((i > optind && buf_addch(&query, ' ') < 0) || buf_addstr(&query, argv[i]) < 0) {
			buf_release(&query);
			return cli_usage_error(argv[0], "search query too long");
		}
	}
	if (tcli_open(&c, ctx, NULL, &err) < 0) {
		buf_release(&query);
		return cli_report(&err);
	}
	tty = !json && isatty(1);
	if (store_search(c.s, buf_str(&query), limit, offset, json ? "<mark>" : tty ? "\033[1m" : "[",
			 json ? "</mark>" : tty ? "\033[0m" : "]", &h, &err) < 0) {
		buf_release(&query);
		return fail(&c, &err);
	}
	if (json) {
		json_t *o = json_object(), *a = json_array();
		for (size_t i = 0; i < h.n; i++)
			json_array_append_new(a, track_hit_json(&h.items[i]));
		json_object_set_new(o, "query", json_string(buf_str(&query)));
		json_object_set_new(o, "offset", json_integer(offset));
		json_object_set_new(o, "more", json_boolean(h.more));
		json_object_set_new(o, "hits", a);
		tcli_print_json(o);
	} else {
		for (size_t i = 0; i < h.n; i++)
			printf("%s %lld (%s)\n    %s\n", h.items[i].kind == 'd' ? "văn bản" : "nhiệm vụ",
			       (long long)h.items[i].id, h.items[i].title, h.items[i].snippet);
		if (!h.n)
			printf("no match\n");
		else if (h.more)
			printf("(more: --offset %lld)\n", (long long)(offset + (int64_t)h.n));
	}
	store_hit_list_release(&h);
	buf_release(&query);
	tcli_close(&c);
	return 0;
}

/* ---- remind ---- */

int cmd_remind(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{"days", required_argument, NULL, 'd'},  {"repeat", required_argument, NULL, 'r'},
		{"send", no_argument, NULL, 'S'},        {"smtp", required_argument, NULL, 's'},
		{"from", required_argument, NULL, 'f'},  {"json", no_argument, NULL, 'j'},
		{"as", required_argument, NULL, 'a'},    {NULL, 0, NULL, 0}};
	struct track_remind_opts ro = {3, 7};
	const char *smtp = NULL, *from = NULL, *as = NULL;
	int send = 0, json = 0, opt, failed = 0;
	int64_t v;
	struct dd_error err = {0};
	struct buf s_url = BUF_INIT, s_from = BUF_INIT;
	struct track_digest *ds = NULL;
	size_t nd = 0;
	struct tcli c;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'd':
			if (tcli_num(argv[0], "--days", optarg, 365, &v) < 0)
				return EXIT_USAGE;
			ro.days_before = (int)v;
			break;
		case 'r':
			if (tcli_num(argv[0], "--repeat", optarg, 365, &v) < 0)
				return EXIT_USAGE;
			ro.repeat_every = (int)v;
			break;
		case 'S': send = 1; break;
		case 's': smtp = optarg; break;
		case 'f': from = optarg; break;
		case 'j': json = 1; break;
		case 'a': as = optarg; break;
		default: return unknown(argv);
		}
	}
	if (optind < argc)
		return cli_usage_error(argv[0], "unexpected argument '%s'", argv[optind]);
	if (tcli_open(&c, ctx, as, &err) < 0)
		return cli_report(&err);
	if (send && strcmp(c.t.role, "admin") && strcmp(c.t.role, "office")) {
		dd_error_code(&err, DD_ERR_USAGE, "user '%s' may not send reminders", c.t.actor);
		return fail(&c, &err);
	}
	/* options win over the settings smtp.url / smtp.from */
	if (!smtp && store_setting_get(c.s, "smtp.url", &s_url, &err) == 1)
		smtp = buf_str(&s_url);
	if (!from && store_setting_get(c.s, "smtp.from", &s_from, &err) == 1)
		from = buf_str(&s_from);
	if (send && smtp && (!from || !*from)) {
		dd_error_code(&err, DD_ERR_USAGE, "remind: --send with an smtp server needs --from ADDRESS");
		goto fail_out;
	}
	if (track_reminders(&c.t, &ro, &ds, &nd, &err) < 0)
		goto fail_out;
	for (size_t i = 0; i < nd && send; i++) {
		struct track_digest *d = &ds[i];
		struct buf status = BUF_INIT;
		const char *channel = "app";
		if (smtp && d->email) {
			struct mail_server srv = {smtp, from, NULL, NULL, 30};
			struct dd_error me = {0};
			channel = "email";
			if (mail_send(&srv, d->email, d->subject, d->body, &me) < 0) {
				buf_printf(&status, "failed: %s", me.msg);
				fprintf(stderr, "dondoc: remind: %s\n", me.msg);
				failed++;
			} else {
				buf_addstr(&status, "sent");
			}
		} else {
			buf_addstr(&status, "stored");
		}
		if (track_reminders_record(&c.t, d, channel, buf_str(&status), &err) < 0) {
			buf_release(&status);
			goto fail_out;
		}
		buf_release(&status);
	}
	if (json) {
		json_t *o = json_object(), *a = json_array();
		for (size_t i = 0; i < nd; i++)
			json_array_append_new(a, track_digest_json(&ds[i]));
		json_object_set_new(o, "today", json_string(c.t.today_iso));
		json_object_set_new(o, "sent", json_boolean(send));
		json_object_set_new(o, "failed", json_integer(failed));
		json_object_set_new(o, "digests", a);
		tcli_print_json(o);
	} else {
		for (size_t i = 0; i < nd; i++) {
			printf("== %s <%s>: %zu task%s\n", ds[i].unit_name,
			       ds[i].email ? ds[i].email : "no e-mail", ds[i].n, ds[i].n == 1 ? "" : "s");
			for (size_t k = 0; k < ds[i].n; k++)
				printf("   %-6lld %-8s %s %s%ld %s\n", (long long)ds[i].items[k].task_id,
				       ds[i].items[k].kind, ds[i].items[k].due,
				       strcmp(ds[i].items[k].kind, "overdue") == 0 ? "+" : "-",
				       ds[i].items[k].days, "days");
		}
		printf("%zu digest%s%s\n", nd, nd == 1 ? "" : "s",
		       send ? (smtp ? " sent" : " stored as in-app notifications (no --smtp)")
			    : " (not sent: use --send)");
	}
	track_digests_free(ds, nd);
	buf_release(&s_url);
	buf_release(&s_from);
	tcli_close(&c);
	return failed ? EXIT_RUNTIME : 0;
fail_out:
	track_digests_free(ds, nd);
	buf_release(&s_url);
	buf_release(&s_from);
	return fail(&c, &err);
}

/* ---- backup, check ---- */

int cmd_backup(int argc, char **argv, struct cli_ctx *ctx)
{
	struct dd_error err = {0};
	struct tcli c;

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage_error(argv[0], "give the backup file name");
	if (tcli_open(&c, ctx, NULL, &err) < 0)
		return cli_report(&err);
	if (store_backup(c.s, argv[1], &err) < 0)
		return fail(&c, &err);
	printf("backup written to %s\n", argv[1]);
	tcli_close(&c);
	return 0;
}

int cmd_check(int argc, char **argv, struct cli_ctx *ctx)
{
	struct dd_error err = {0};
	struct buf rep = BUF_INIT;
	struct tcli c;

	if (argc != 1)
		return cli_usage_error(argv[0], "unexpected argument '%s'", argv[1]);
	if (tcli_open(&c, ctx, NULL, &err) < 0)
		return cli_report(&err);
	if (store_check(c.s, &rep, &err) < 0) {
		buf_release(&rep);
		return fail(&c, &err);
	}
	if (rep.len) {
		fputs(buf_str(&rep), stdout);
		buf_release(&rep);
		tcli_close(&c);
		return EXIT_DATAERR;
	}
	printf("ok: schema version %d, integrity and foreign keys checked\n",
	       store_schema_version(c.s));
	tcli_close(&c);
	return 0;
}

/* ---- settings ---- */

/* The settings dondoc reads, besides the report.* ones (report/report.h). */
enum setting_kind { SET_STATUS, SET_SMTP_URL, SET_EMAIL };

static const struct {
	const char *key;
	enum setting_kind kind;
	const char *help;
} track_settings[] = {
	{"smtp.url", SET_SMTP_URL, "mail server for 'remind --send' (smtp://HOST:PORT or smtps://...)"},
	{"smtp.from", SET_EMAIL, "sender address of reminder e-mails"},
};

#define SETTING_MAX 1000

/* The default of a key ("" none), its description, and whether it is known at all. */
static int setting_known(const char *key, const char **def, const char **help)
{
	*def = "";
	*help = "";
	if (strncmp(key, "status.", 7) == 0) {
		enum track_status st;
		for (int i = 0; i < TRACK_NSTATUS; i++) {
			st = (enum track_status)i;
			if (strcmp(key + 7, track_status_code(st)) == 0) {
				*def = track_status_default_name(st);
				*help = "name shown for this status";
				return 1;
			}
		}
		return 0;
	}
	for (size_t i = 0; i < sizeof(track_settings) / sizeof(track_settings[0]); i++)
		if (strcmp(key, track_settings[i].key) == 0) {
			*help = track_settings[i].help;
			return 1;
		}
	for (const struct report_setting *r = report_settings; r->key; r++)
		if (strcmp(key, r->key) == 0) {
			*help = r->help;
			return 1;
		}
	return 0;
}

/* 0 when value suits key (known), -1 with a usage error. */
static int setting_check(const char *key, const char *value, struct dd_error *err)
{
	const char *def, *help;
	size_t n = strlen(value);

	if (!setting_known(key, &def, &help))
		return dd_error_code(err, DD_ERR_USAGE, "unknown setting '%s' (see 'dondoc settings "
				     "list')", key);
	if (strncmp(key, "report.", 7) == 0)
		return report_setting_check(key, value, err);
	if (n == 0 || n > SETTING_MAX)
		return dd_error_code(err, DD_ERR_USAGE, "setting '%s': the value must be 1-%d bytes "
				     "(use 'unset' to go back to the default)", key, SETTING_MAX);
	for (const unsigned char *p = (const unsigned char *)value; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return dd_error_code(err, DD_ERR_USAGE, "setting '%s': control characters are "
					     "not allowed", key);
	if (strncmp(key, "status.", 7) == 0) {
		if (n > 100)
			return dd_error_code(err, DD_ERR_USAGE, "setting '%s': a status name has at "
					     "most 100 bytes", key);
		return 0;
	}
	for (size_t i = 0; i < sizeof(track_settings) / sizeof(track_settings[0]); i++) {
		if (strcmp(key, track_settings[i].key) != 0)
			continue;
		if (track_settings[i].kind == SET_SMTP_URL && strncmp(value, "smtp://", 7) != 0 &&
		    strncmp(value, "smtps://", 8) != 0)
			return dd_error_code(err, DD_ERR_USAGE, "setting '%s': '%s' is not an smtp:// "
					     "or smtps:// URL", key, value);
		if (track_settings[i].kind == SET_EMAIL &&
		    (!strchr(value, '@') || strpbrk(value, " <>,;")))
			return dd_error_code(err, DD_ERR_USAGE, "setting '%s': '%s' is not an e-mail "
					     "address", key, value);
	}
	return 0;
}

/* Print every known key with its value (or default), in a fixed order. */
static int settings_list(struct tcli *c, int json, struct dd_error *err)
{
	const char *keys[TRACK_NSTATUS + 8 + 64];
	char status_keys[TRACK_NSTATUS][40];
	size_t n = 0;
	json_t *a = json ? json_array() : NULL;

	for (int i = 0; i < TRACK_NSTATUS; i++) {
		snprintf(status_keys[i], sizeof(status_keys[i]), "status.%s",
			 track_status_code((enum track_status)i));
		keys[n++] = status_keys[i];
	}
	for (size_t i = 0; i < sizeof(track_settings) / sizeof(track_settings[0]); i++)
		keys[n++] = track_settings[i].key;
	for (const struct report_setting *r = report_settings; r->key && n < sizeof(keys) / sizeof(keys[0]); r++)
		keys[n++] = r->key;
	for (size_t i = 0; i < n; i++) {
		const char *def, *help;
		struct buf v = BUF_INIT;
		int got = store_setting_get(c->s, keys[i], &v, err);
		if (got < 0) {
			buf_release(&v);
			json_decref(a);
			return -1;
		}
		setting_known(keys[i], &def, &help);
		if (json) {
			json_array_append_new(a, json_pack("{s:s,s:s?,s:s?,s:s}", "key", keys[i], "value",
							   got ? buf_str(&v) : NULL, "default",
							   *def ? def : NULL, "help", help));
		} else {
			printf("%-22s %s\n", keys[i], got ? buf_str(&v) : *def ? def : "(not set)");
			if (!got)
				printf("%-22s   %s%s\n", "", help, *def ? " (default)" : "");
		}
		buf_release(&v);
	}
	if (json)
		tcli_print_json(a);
	return 0;
}

int cmd_settings(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'}, {"as", required_argument, NULL, 'a'},
		{NULL, 0, NULL, 0}};
	const char *as = NULL, *sub, *key = NULL, *value = NULL, *def, *help;
	int json = 0, opt, nargs, code = 0;
	struct dd_error err = {0};
	struct tcli c;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'j': json = 1; break;
		case 'a': as = optarg; break;
		default: return unknown(argv);
		}
	}
	sub = optind < argc ? argv[optind++] : "list";
	nargs = argc - optind;
	if (strcmp(sub, "list") == 0 ? nargs != 0
	    : (strcmp(sub, "get") == 0 || strcmp(sub, "unset") == 0) ? nargs != 1
	    : strcmp(sub, "set") == 0 ? nargs != 2
	    : 1)
		return cli_usage_error(argv[0], "usage: settings [list|get KEY|set KEY VALUE|unset KEY]");
	if (nargs >= 1) {
		key = argv[optind];
		if (!setting_known(key, &def, &help)) {
			dd_error_code(&err, DD_ERR_USAGE, "unknown setting '%s' (see 'dondoc settings "
				      "list')", key);
			return cli_report(&err);
		}
	}
	if (nargs == 2) {
		value = argv[optind + 1];
		if (setting_check(key, value, &err) < 0)
			return cli_report(&err);
	}
	if (tcli_open(&c, ctx, as, &err) < 0)
		return cli_report(&err);
	if (strcmp(sub, "list") == 0) {
		if (settings_list(&c, json, &err) < 0)
			return fail(&c, &err);
	} else if (strcmp(sub, "get") == 0) {
		struct buf v = BUF_INIT;
		int got = store_setting_get(c.s, key, &v, &err);
		if (got < 0) {
			buf_release(&v);
			return fail(&c, &err);
		}
		if (json)
			tcli_print_json(json_pack("{s:s,s:s?,s:s?}", "key", key, "value",
						  got ? buf_str(&v) : NULL, "default", *def ? def : NULL));
		else if (got || *def)
			printf("%s\n", got ? buf_str(&v) : def);
		else
			code = 1; /* like `git config`: not set, nothing printed */
		buf_release(&v);
	} else {
		if (strcmp(c.t.role, "admin") != 0 && strcmp(c.t.role, "office") != 0) {
			dd_error_code(&err, DD_ERR_DENIED, "user '%s' (%s) may not change settings: the "
				      "office does that", c.t.actor, c.t.role);
			return fail(&c, &err);
		}
		if (store_setting_set(c.s, key, value, &err) < 0)
			return fail(&c, &err);
		if (value)
			printf("%s = %s\n", key, value);
		else
			printf("%s unset%s%s\n", key, *def ? ", back to the default: " : "", def);
	}
	tcli_close(&c);
	return code;
}
