/* error.c - recording error messages for the caller to report */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void dd_error_clear(struct dd_error *err)
{
	if (!err)
		return;
	err->code = DD_OK;
	err->msg[0] = '\0';
}

static void set(struct dd_error *err, enum dd_errcode code, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

static void set(struct dd_error *err, enum dd_errcode code, const char *fmt, va_list ap)
{
	if (!err)
		return;
	err->code = code;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
}

int dd_error(struct dd_error *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set(err, DD_ERR_RUNTIME, fmt, ap);
	va_end(ap);
	return -1;
}

int dd_error_code(struct dd_error *err, enum dd_errcode code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set(err, code, fmt, ap);
	va_end(ap);
	return -1;
}

void dd_error_prefix(struct dd_error *err, const char *fmt, ...)
{
	char pre[DD_ERRMSG_MAX], old[DD_ERRMSG_MAX];
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(pre, sizeof(pre), fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof(old));
	/* pre + ": " + old, truncated to fit */
	size_t lp = strnlen(pre, sizeof(err->msg) - 1), lo = strnlen(old, sizeof(old));
	size_t pos = 0, cap = sizeof(err->msg) - 1;
	memcpy(err->msg, pre, lp);
	pos = lp;
	for (const char *sep = ": "; *sep && pos < cap; sep++)
		err->msg[pos++] = *sep;
	if (lo > cap - pos)
		lo = cap - pos;
	memcpy(err->msg + pos, old, lo);
	err->msg[pos + lo] = '\0';
}

void dd_bug(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "BUG: %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}
