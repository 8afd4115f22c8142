/* error.h - one error convention for dondoc: int return, 0 ok, -1 failure + message */
#ifndef DD_ERROR_H
#define DD_ERROR_H

#include <stddef.h>

/* Error classes; the CLI maps them to exit codes (see cli/exitcode). */
enum dd_errcode {
	DD_OK = 0,
	DD_ERR_RUNTIME = 1, /* something failed at run time (disk, database, ...) */
	DD_ERR_USAGE = 2,   /* bad command line */
	DD_ERR_DATA = 65,   /* bad input data (EX_DATAERR) */
	DD_ERR_NOINPUT = 66, /* cannot open or read input (EX_NOINPUT) */
	DD_ERR_UNAVAILABLE = 69, /* an optional library is not installed (EX_UNAVAILABLE) */
	DD_ERR_DENIED = 77   /* the acting user is not allowed to do that (EX_NOPERM) */
};

#define DD_ERRMSG_MAX 512

struct dd_error {
	enum dd_errcode code;
	char msg[DD_ERRMSG_MAX];
};

/* Reset an error to "no error". Accepts NULL. */
void dd_error_clear(struct dd_error *err);

/* Record a runtime error message (printf-style) in err (may be NULL); returns -1 so that
 * `return dd_error(err, "cannot open '%s'", path);` is one line. */
int dd_error(struct dd_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Same, with an explicit error class. */
int dd_error_code(struct dd_error *err, enum dd_errcode code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prefix the existing message with "PREFIX: " (e.g. a file name). */
void dd_error_prefix(struct dd_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Programming errors, not bad input: print file:line and abort. */
#define BUG(...) dd_bug(__FILE__, __LINE__, __VA_ARGS__)
_Noreturn void dd_bug(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
