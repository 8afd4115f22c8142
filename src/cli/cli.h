/* cli.h - the command table and what every command handler receives */
#ifndef DD_CLI_H
#define DD_CLI_H

#include "util/error.h"
#include "vn/date.h"

/* Global settings from options and the environment, shared by all commands. */
struct cli_ctx {
	const char *argv0;
	const char *db_path;     /* --db, $DONDOC_DB, default "./dondoc.db" */
	struct vn_date today;    /* --today, $DONDOC_TODAY, default the system date */
	const char *data_dir;    /* --data-dir, $DONDOC_DATA: user gazetteers overriding data/ */
	int quiet;               /* --quiet: no progress output */
};

/* A handler gets argv with argv[0] = the command name and returns the process exit code. */
typedef int (*cli_handler)(int argc, char **argv, struct cli_ctx *ctx);

struct cli_command {
	const char *name;
	const char *usage;   /* arguments after the command name */
	const char *summary; /* one line for the command list */
	const char *help;    /* longer help (options), may be NULL */
	cli_handler run;
};

/* The one table of subcommands (commands.c), ending with a NULL name. */
extern const struct cli_command cli_commands[];

const struct cli_command *cli_find(const char *name);
/* Print "usage: dondoc NAME USAGE" and the help of a command to stdout. */
void cli_print_command_help(const struct cli_command *c);

/* Print "dondoc: MESSAGE" on stderr and return the exit code for err's class. */
int cli_report(const struct dd_error *err);
/* Print "dondoc: COMMAND: MESSAGE" (printf-style) and return 2 (usage). */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Exit codes (sysexits where one fits). */
enum { EXIT_OK_ = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2, EXIT_DATAERR = 65, EXIT_NOINPUT = 66,
       EXIT_NOPERM = 77 };

/* Handlers, one file per command group (cmd_*.c). */
int cmd_help(int argc, char **argv, struct cli_ctx *ctx);
int cmd_version(int argc, char **argv, struct cli_ctx *ctx);
int cmd_normalize(int argc, char **argv, struct cli_ctx *ctx);
int cmd_gen_corpus(int argc, char **argv, struct cli_ctx *ctx);
int cmd_extract(int argc, char **argv, struct cli_ctx *ctx);
int cmd_serve(int argc, char **argv, struct cli_ctx *ctx);
int cmd_user(int argc, char **argv, struct cli_ctx *ctx);
/* task tracking (cmd_track*.c) */
int cmd_import(int argc, char **argv, struct cli_ctx *ctx);
int cmd_docs(int argc, char **argv, struct cli_ctx *ctx);
int cmd_doc(int argc, char **argv, struct cli_ctx *ctx);
int cmd_tasks(int argc, char **argv, struct cli_ctx *ctx);
int cmd_task(int argc, char **argv, struct cli_ctx *ctx);
int cmd_history(int argc, char **argv, struct cli_ctx *ctx);
int cmd_assign(int argc, char **argv, struct cli_ctx *ctx);
int cmd_progress(int argc, char **argv, struct cli_ctx *ctx);
int cmd_done(int argc, char **argv, struct cli_ctx *ctx);
int cmd_extend(int argc, char **argv, struct cli_ctx *ctx);
int cmd_cancel(int argc, char **argv, struct cli_ctx *ctx);
int cmd_units(int argc, char **argv, struct cli_ctx *ctx);
int cmd_search(int argc, char **argv, struct cli_ctx *ctx);
int cmd_remind(int argc, char **argv, struct cli_ctx *ctx);
int cmd_backup(int argc, char **argv, struct cli_ctx *ctx);
int cmd_check(int argc, char **argv, struct cli_ctx *ctx);
int cmd_settings(int argc, char **argv, struct cli_ctx *ctx);
/* reports and exports (cmd_report.c, cmd_export.c, cmd_stats.c, cmd_importtasks.c) */
int cmd_report(int argc, char **argv, struct cli_ctx *ctx);
int cmd_export(int argc, char **argv, struct cli_ctx *ctx);
int cmd_stats(int argc, char **argv, struct cli_ctx *ctx);
int cmd_import_tasks(int argc, char **argv, struct cli_ctx *ctx);

#endif
