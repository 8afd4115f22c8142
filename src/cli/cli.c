/* cli.c - command lookup, help and error reporting shared by all commands */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const struct cli_command *cli_find(const char *name)
{
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

void cli_print_command_help(const struct cli_command *c)
{
	printf("usage: dondoc %s%s%s\n\n%s\n", c->name, *c->usage ? " " : "", c->usage, c->summary);
	if (c->help)
		printf("\n%s", c->help);
}

int cli_report(const struct dd_error *err)
{
	/* the error classes are the exit codes: DD_ERR_DATA 65, DD_ERR_NOINPUT 66,
	 * DD_ERR_DENIED 77 (EX_NOPERM) */
	int code = err->code ? (int)err->code : EXIT_RUNTIME;
	fprintf(stderr, "dondoc: %s\n", err->msg[0] ? err->msg : "unknown error");
	return code;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "dondoc: %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'dondoc help %s')\n", cmd);
	return EXIT_USAGE;
}
