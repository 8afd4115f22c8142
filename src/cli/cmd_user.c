/* cmd_user.c - `dondoc user add|list|passwd|disable|enable`: web accounts from the command line */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/store.h"
#include "util/buf.h"
#include "web/auth.h"
#include "web/router.h"

/* Read one line (without the newline) from f into out (at most 1 KiB); -1 at EOF/too long. */
static int read_line(FILE *f, char *out, size_t n)
{
	size_t len;

	if (!fgets(out, (int)n, f))
		return -1;
	len = strlen(out);
	if (len && out[len - 1] == '\n')
		out[--len] = '\0';
	else if (!feof(f))
		return -1;
	if (len && out[len - 1] == '\r')
		out[--len] = '\0';
	return 0;
}

/* A password from the terminal (asked twice, echo off) or one line of stdin otherwise. */
static int get_password(char *out, size_t n, struct dd_error *err)
{
	char again[1024];
	struct termios old, quiet;
	FILE *tty;
	int rc = -1;

	if (!isatty(STDIN_FILENO)) {
		if (read_line(stdin, out, n) < 0)
			return dd_error_code(err, DD_ERR_NOINPUT, "no password on standard input");
		return 0;
	}
	tty = fopen("/dev/tty", "r+");
	if (!tty)
		return dd_error_code(err, DD_ERR_NOINPUT, "cannot open the terminal to ask a password");
	tcgetattr(fileno(tty), &old);
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
	fputs("Mật khẩu mới (new password): ", tty);
	fflush(tty);
	if (read_line(tty, out, n) < 0)
		goto out;
	fputs("\nNhập lại (again): ", tty);
	fflush(tty);
	if (read_line(tty, again, sizeof(again)) < 0)
		goto out;
	if (strcmp(out, again) != 0) {
		dd_error_code(err, DD_ERR_USAGE, "the two passwords differ");
		goto done;
	}
	rc = 0;
	goto done;
out:
	dd_error_code(err, DD_ERR_NOINPUT, "no password given");
done:
	fputc('\n', tty);
	tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fclose(tty);
	memset(again, 0, sizeof(again));
	return rc;
}

static int user_add(int argc, char **argv, struct store *s, struct dd_error *err)
{
	const char *name = NULL, *role = NULL, *unit = NULL, *display = NULL, *email = NULL;
	char pw[1024];
	char *hash = NULL;
	int64_t unit_id = 0, id = 0;
	struct store_user u = {0};
	int r, rc = -1;

	for (int i = 1; i < argc; i++) {
		const char **dst = NULL;
		if (strcmp(argv[i], "--role") == 0)
			dst = &role;
		else if (strcmp(argv[i], "--unit") == 0)
			dst = &unit;
		else if (strcmp(argv[i], "--display-name") == 0)
			dst = &display;
		else if (strcmp(argv[i], "--email") == 0)
			dst = &email;
		else if (argv[i][0] == '-')
			return dd_error_code(err, DD_ERR_USAGE, "user add: unknown option '%s'", argv[i]);
		else if (!name) {
			name = argv[i];
			continue;
		} else
			return dd_error_code(err, DD_ERR_USAGE, "user add: unexpected '%s'", argv[i]);
		if (i + 1 >= argc)
			return dd_error_code(err, DD_ERR_USAGE, "user add: '%s' needs a value", argv[i]);
		*dst = argv[++i];
	}
	if (!name || !role)
		return dd_error_code(err, DD_ERR_USAGE,
				     "usage: dondoc user add NAME --role ROLE [--unit UNIT]");
	if (!auth_valid_username(name))
		return dd_error_code(err, DD_ERR_USAGE,
				     "bad user name '%s' (1-63 letters, digits, '.', '_' or '-')", name);
	if (!web_role_bit(role))
		return dd_error_code(err, DD_ERR_USAGE, "unknown role '%s' (admin, office, unit, leader)",
				     role);
	if ((strcmp(role, "unit") == 0) != (unit != NULL))
		return dd_error_code(err, DD_ERR_USAGE,
				     strcmp(role, "unit") == 0 ? "a unit account needs --unit UNIT"
							       : "only unit accounts take --unit");
	if (unit) {
		r = store_unit_find(s, unit, 1, &unit_id, err);
		if (r < 0)
			return -1;
		if (r == 0)
			return dd_error_code(err, DD_ERR_DATA, "unknown unit '%s'", unit);
	}
	r = store_user_find(s, name, &u, err);
	store_user_release(&u);
	if (r < 0)
		return -1;
	if (r == 1)
		return dd_error_code(err, DD_ERR_DATA, "user '%s' exists already", name);
	if (get_password(pw, sizeof(pw), err) < 0)
		goto out;
	if (!(hash = auth_hash_password(pw, err)))
		goto out;
	if (store_user_create(s, name, display, role, unit_id, email, hash, &id, err) < 0)
		goto out;
	printf("user '%s' (%s) created\n", name, role);
	rc = 0;
out:
	memset(pw, 0, sizeof(pw));
	free(hash);
	return rc;
}

static int user_list(struct store *s, struct dd_error *err)
{
	struct store_user_list l = {0};

	if (store_user_list(s, &l, err) < 0)
		return -1;
	printf("%-20s %-8s %-6s %s\n", "NAME", "ROLE", "ACTIVE", "UNIT");
	for (size_t i = 0; i < l.n; i++) {
		const struct store_user *u = &l.items[i];
		struct store_unit unit = {0};
		struct dd_error e2 = {0};
		const char *uname = "-";
		if (u->unit_id && store_unit_get(s, u->unit_id, &unit, &e2) == 0)
			uname = unit.name;
		printf("%-20s %-8s %-6s %s\n", u->username, u->role, u->active ? "yes" : "no", uname);
		store_unit_release(&unit);
	}
	store_user_list_release(&l);
	return 0;
}

/* passwd / disable / enable NAME */
static int user_change(const char *what, const char *name, struct store *s, struct dd_error *err)
{
	struct store_user u = {0};
	char pw[1024];
	char *hash = NULL;
	int r, rc = -1;

	r = store_user_find(s, name, &u, err);
	if (r < 0)
		return -1;
	if (r == 0) {
		dd_error_code(err, DD_ERR_DATA, "no user '%s'", name);
		goto out;
	}
	if (strcmp(what, "passwd") == 0) {
		if (get_password(pw, sizeof(pw), err) < 0 || !(hash = auth_hash_password(pw, err)) ||
		    store_user_set_password_hash(s, u.id, hash, err) < 0)
			goto out;
		printf("password of '%s' changed\n", name);
	} else {
		int active = strcmp(what, "enable") == 0;
		if (store_user_set_active(s, u.id, active, err) < 0)
			goto out;
		printf("user '%s' %s\n", name, active ? "enabled" : "disabled");
	}
	rc = 0;
out:
	memset(pw, 0, sizeof(pw));
	free(hash);
	store_user_release(&u);
	return rc;
}

int cmd_user(int argc, char **argv, struct cli_ctx *ctx)
{
	struct dd_error err = {0};
	struct store *s = NULL;
	const char *sub = argc > 1 ? argv[1] : NULL;
	const char *who = getenv("USER");
	int rc;

	if (!sub)
		return cli_usage_error("user", "give a subcommand: add, list, passwd, disable, enable");
	if (strcmp(sub, "add") != 0 && strcmp(sub, "list") != 0 && strcmp(sub, "passwd") != 0 &&
	    strcmp(sub, "disable") != 0 && strcmp(sub, "enable") != 0)
		return cli_usage_error("user", "unknown subcommand '%s'", sub);
	if (strcmp(sub, "list") == 0 ? argc != 2 : strcmp(sub, "add") == 0 ? argc < 3 : argc != 3)
		return cli_usage_error("user", "wrong arguments for '%s'", sub);
	if (auth_global_init(&err) < 0)
		return cli_report(&err);
	if (!(s = store_open(ctx->db_path, ctx->data_dir, &err)))
		return cli_report(&err);
	store_set_actor(s, who && *who ? who : "cli");
	if (strcmp(sub, "add") == 0)
		rc = user_add(argc - 1, argv + 1, s, &err);
	else if (strcmp(sub, "list") == 0)
		rc = user_list(s, &err);
	else
		rc = user_change(sub, argv[2], s, &err);
	store_close(s);
	if (rc < 0)
		return err.code == DD_ERR_USAGE ? (fprintf(stderr, "dondoc: user: %s\n", err.msg), EXIT_USAGE)
						: cli_report(&err);
	return 0;
}
