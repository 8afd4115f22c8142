/* pdfflat.c - a PDF's annotations flattened into its pages by libqpdf's job interface
 * (the same work as `qpdf --flatten-annotations=screen in.pdf -`), in memory */
#include "pdfflat.h"

#include <qpdf/qpdfjob-c.h>
#include <qpdf/qpdflogger-c.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/dynlib.h"

#ifndef DD_SONAME_QPDF
#error "DD_SONAME_QPDF (the SONAME of libqpdf) comes from CMakeLists.txt"
#endif

#define QPDFLIB_SYMS(X)                                                                        \
	X(qpdfjob_init) X(qpdfjob_cleanup) X(qpdfjob_set_logger) X(qpdfjob_initialize_from_argv) \
	X(qpdfjob_run) X(qpdflogger_create) X(qpdflogger_cleanup) X(qpdflogger_set_info)         \
	X(qpdflogger_set_warn) X(qpdflogger_set_error) X(qpdflogger_set_save)

struct qpdflib_api {
	QPDFLIB_SYMS(DYNLIB_FIELD)
};

static struct qpdflib_api api;
#define QPDFLIB_SYM(name) DYNLIB_SYM(qpdflib_api, name)
static const struct dynlib_sym syms[] = {QPDFLIB_SYMS(QPDFLIB_SYM)};
static struct dynlib lib = DYNLIB_LIB(QPDF, "Reading the number and date stamped on signed PDFs",
				      syms, &api);

struct sink {
	struct buf out;
	int over;          /* the output passed its limit: the rest is dropped */
	char first[200];   /* qpdf's first error message */
};

/* qpdf writes the new file to "-" through the logger's save pipeline */
static int on_save(const char *data, size_t len, void *udata)
{
	struct sink *s = udata;

	if (!s->over && buf_add(&s->out, data, len) < 0)
		s->over = 1;
	return 0;
}

static int on_error(const char *data, size_t len, void *udata)
{
	struct sink *s = udata;
	size_t have = strlen(s->first);

	if (have == 0) {
		/* "qpdf: /proc/self/fd/5: <reason>": keep the reason's first line */
		const char *p = memchr(data, '\n', len);
		size_t n = p ? (size_t)(p - data) : len;
		const char *c = NULL;
		for (size_t i = 0; i + 1 < n; i++)
			if (data[i] == ':' && data[i + 1] == ' ')
				c = data + i + 2;
		if (c && (size_t)(c - data) < n) {
			n -= (size_t)(c - data);
			data = c;
		}
		if (n >= sizeof(s->first))
			n = sizeof(s->first) - 1;
		memcpy(s->first, data, n);
		s->first[n] = 0;
	}
	return 0;
}

static int on_discard(const char *data, size_t len, void *udata)
{
	(void)data;
	(void)len;
	(void)udata;
	return 0;
}

int pdf_flatten(const char *data, size_t n, size_t max_out, char **out, size_t *outn,
		struct dd_error *err)
{
	struct sink s;
	qpdfjob_handle job = NULL;
	qpdflogger_handle log = NULL;
	char in_path[64];
	int fd, rc, ret = -1;

	*out = NULL;
	*outn = 0;
	if (dynlib_load(&lib, err) < 0)
		return -1;
	/* qpdf reads a named file: give it the bytes as an anonymous in-memory file */
	fd = memfd_create("dondoc-pdf", MFD_CLOEXEC);
	if (fd < 0)
		return dd_error_code(err, DD_ERR_UNAVAILABLE, "cannot make an in-memory file: %m");
	for (size_t done = 0; done < n;) {
		ssize_t w = write(fd, data + done, n - done);
		if (w <= 0) {
			close(fd);
			return dd_error_code(err, DD_ERR_UNAVAILABLE, "cannot fill an in-memory file: %m");
		}
		done += (size_t)w;
	}
	snprintf(in_path, sizeof(in_path), "/proc/self/fd/%d", fd);
	memset(&s, 0, sizeof(s));
	buf_init(&s.out, max_out ? max_out : n * 4 + ((size_t)1 << 20));

	log = api.qpdflogger_create();
	api.qpdflogger_set_info(log, qpdf_log_dest_custom, on_discard, &s);
	api.qpdflogger_set_warn(log, qpdf_log_dest_custom, on_discard, &s);
	api.qpdflogger_set_error(log, qpdf_log_dest_custom, on_error, &s);
	api.qpdflogger_set_save(log, qpdf_log_dest_custom, on_save, &s, 0);
	job = api.qpdfjob_init();
	api.qpdfjob_set_logger(job, log);
	{
		/* "-": the output goes to the save pipeline (on_save) */
		const char *argv[] = {"qpdf", in_path, "--flatten-annotations=screen", "--decrypt",
				      "--warning-exit-0", "-", NULL};
		rc = api.qpdfjob_initialize_from_argv(job, argv);
	}
	if (rc == 0)
		rc = api.qpdfjob_run(job);
	close(fd);
	if (rc != 0 && rc != 3)
		dd_error_code(err, DD_ERR_DATA, "qpdf could not rewrite the PDF (%s)",
			      s.first[0] ? s.first : "no reason given");
	else if (s.over)
		dd_error_code(err, DD_ERR_DATA, "the flattened PDF passed its size limit");
	else if (s.out.len == 0)
		dd_error_code(err, DD_ERR_DATA, "qpdf wrote nothing");
	else {
		*out = buf_detach(&s.out, outn);
		ret = 0;
	}
	buf_release(&s.out);
	api.qpdfjob_cleanup(&job);
	api.qpdflogger_cleanup(&log);
	return ret;
}
