/* cmd_normalize.c - `dondoc normalize`: any supported encoding in, clean NFC UTF-8 out, streamed */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/buf.h"
#include "vn/legacy.h"
#include "vn/normalize.h"
#include "vn/utf8.h"

/* Input is read and normalized CHUNK bytes at a time, so memory stays a few MiB whatever
 * the size or line length; the one exception is UTF-16, converted whole (under --max-size). */
#define CHUNK (1u << 20)
#define DEFAULT_MAX ((size_t)256 << 20)

struct input {
	int fd;
	const char *name; /* for messages: the path or "<stdin>" */
	int eof;
	size_t total; /* bytes read so far */
	size_t max;
};

/* Parse "N", "NK", "NM", "NG" (binary units). */
static int parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	if (*s < '0' || *s > '9')
		return -1;
	v = strtoull(s, &end, 10);
	if (errno)
		return -1;
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	default: break;
	}
	if (*end || v == 0 || v > ((unsigned long long)1 << 40))
		return -1;
	*out = (size_t)v;
	return 0;
}

/* Append up to want bytes to b; sets in->eof at the end. */
static int fill(struct input *in, struct buf *b, size_t want, struct dd_error *err)
{
	while (want > 0 && !in->eof) {
		ssize_t n;
		if (buf_grow(b, want) < 0)
			return dd_error_code(err, DD_ERR_DATA, "'%s' is too large", in->name);
		n = read(in->fd, b->ptr + b->len, want);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return dd_error_code(err, DD_ERR_NOINPUT, "cannot read '%s': %s", in->name, strerror(errno));
		}
		if (n == 0) {
			in->eof = 1;
			break;
		}
		b->len += (size_t)n;
		b->ptr[b->len] = '\0';
		in->total += (size_t)n;
		want -= (size_t)n;
		if (in->total > in->max)
			return dd_error_code(err, DD_ERR_DATA, "'%s' is too large (over %zu bytes, see --max-size)",
					     in->name, in->max);
	}
	return 0;
}

static int write_all(const char *p, size_t n, struct dd_error *err)
{
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return dd_error(err, "cannot write the output: %s", strerror(errno));
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static void print_report(const struct vn_report *rep)
{
	fprintf(stderr, "encoding: %s\n", vn_encoding_name(rep->encoding));
	for (size_t i = 0; i < rep->nrepairs; i++)
		fprintf(stderr, "repaired: %s\n", rep->repairs[i]);
}

/* Where a chunk can end: a line break or word start; in one huge "word" without ASCII,
 * before the last character that is no combining mark (UTF-8 only; U+0300..U+037F are
 * the lead bytes 0xCC and 0xCD). n when there is no such place. */
static size_t cut_point(enum vn_encoding enc, const char *s, size_t n)
{
	size_t c = vn_chunk_boundary(s, n);
	if (c > 0 && c < n)
		return c;
	if (enc != VN_ENC_UTF8 && enc != VN_ENC_ASCII)
		return n;
	for (size_t i = n; i > 1 && n - i < 4096; i--) {
		unsigned char b = (unsigned char)s[i - 1];
		if (b >= 0xC0 && b != 0xCC && b != 0xCD)
			return i - 1;
	}
	return n;
}

static int run(struct input *in, int report, struct dd_error *err)
{
	struct buf pend = BUF_INIT, out = BUF_INIT, whole = BUF_INIT;
	struct vn_report rep = { VN_ENC_UNKNOWN, { NULL }, 0 };
	enum vn_encoding enc;
	size_t skip = 0, base = 0;
	int rc = -1, as_text = 0;

	buf_init(&pend, 0);
	buf_init(&out, 0);
	if (fill(in, &pend, CHUNK, err) < 0)
		goto out;
	if (pend.len == 0) {
		dd_error_code(err, DD_ERR_DATA, "'%s': empty input", in->name);
		goto out;
	}
	if (vn_utf16_bom(pend.ptr, pend.len)) {
		/* UTF-16: read it all (bounded by --max-size) and convert in one go */
		while (!in->eof)
			if (fill(in, &pend, CHUNK, err) < 0)
				goto out;
		buf_init(&whole, 0);
		if (vn_normalize(pend.ptr, pend.len, &whole, &rep, err) < 0) {
			dd_error_prefix(err, "'%s'", in->name);
			goto out;
		}
		if (write_all(whole.ptr, whole.len, err) < 0)
			goto out;
		if (report)
			print_report(&rep);
		rc = 0;
		goto out;
	}
	if (pend.len >= 3 && memcmp(pend.ptr, "\xEF\xBB\xBF", 3) == 0) {
		skip = 3;
		vn_report_add(&rep, "bom-removed");
		if (pend.len == 3 && in->eof) {
			dd_error_code(err, DD_ERR_DATA, "'%s': empty input", in->name);
			goto out;
		}
	}
	if (vn_looks_binary(pend.ptr + skip, pend.len - skip)) {
		dd_error_code(err, DD_ERR_DATA, "'%s': binary data, not text", in->name);
		goto out;
	}
	enc = vn_detect_encoding(pend.ptr + skip, in->eof ? pend.len - skip : cut_point(VN_ENC_UNKNOWN, pend.ptr + skip, pend.len - skip));
	if (enc == VN_ENC_UNKNOWN) {
		size_t bad = 0;
		vn_utf8_validate(pend.ptr + skip, pend.len - skip, &bad);
		dd_error_code(err, DD_ERR_DATA, "'%s': invalid UTF-8 at byte %zu (and no known legacy encoding)",
			      in->name, bad + skip);
		goto out;
	}
	if (enc == VN_ENC_UTF8) {
		size_t m = in->eof ? pend.len - skip : cut_point(enc, pend.ptr + skip, pend.len - skip);
		if ((enc = vn_detect_legacy_text(pend.ptr + skip, m)) != VN_ENC_UTF8)
			as_text = 1;
	}
	rep.encoding = enc;
	if (vn_repair_for(enc))
		vn_report_add(&rep, vn_repair_for(enc));
	base = skip;
	for (;;) {
		size_t cut = in->eof ? pend.len : cut_point(enc, pend.ptr + skip, pend.len - skip) + skip;
		if (vn_normalize_chunk(enc, as_text, pend.ptr + skip, cut - skip, base, &out, &rep, err) < 0) {
			dd_error_prefix(err, "'%s'", in->name);
			goto out;
		}
		if (write_all(buf_str(&out), out.len, err) < 0)
			goto out;
		buf_reset(&out);
		base += cut - skip;
		memmove(pend.ptr, pend.ptr + cut, pend.len - cut);
		buf_truncate(&pend, pend.len - cut);
		skip = 0;
		if (in->eof && pend.len == 0)
			break;
		if (fill(in, &pend, CHUNK, err) < 0)
			goto out;
	}
	if (report)
		print_report(&rep);
	rc = 0;
out:
	buf_release(&pend);
	buf_release(&out);
	buf_release(&whole);
	return rc;
}

int cmd_normalize(int argc, char **argv, struct cli_ctx *ctx)
{
	struct input in = { -1, NULL, 0, 0, DEFAULT_MAX };
	struct dd_error err;
	const char *path = NULL;
	int report = 0, rc;
	struct stat st;

	(void)ctx;
	dd_error_clear(&err);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--report") == 0) {
			report = 1;
		} else if (strcmp(a, "--max-size") == 0 || strncmp(a, "--max-size=", 11) == 0) {
			const char *v = a[10] == '=' ? a + 11 : (i + 1 < argc ? argv[++i] : NULL);
			if (!v)
				return cli_usage_error(argv[0], "--max-size needs a value");
			if (parse_size(v, &in.max) < 0)
				return cli_usage_error(argv[0], "bad size '%s' for --max-size", v);
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			cli_print_command_help(cli_find("normalize"));
			return 0;
		} else if (a[0] == '-' && a[1] != '\0') {
			return cli_usage_error(argv[0], "unknown option '%s'", a);
		} else if (path) {
			return cli_usage_error(argv[0], "only one input file, got '%s' and '%s'", path, a);
		} else {
			path = a;
		}
	}
	if (!path || strcmp(path, "-") == 0) {
		in.fd = STDIN_FILENO;
		in.name = "<stdin>";
	} else {
		in.name = path;
		in.fd = open(path, O_RDONLY | O_CLOEXEC);
		if (in.fd < 0) {
			dd_error_code(&err, DD_ERR_NOINPUT, "cannot open '%s': %s", path, strerror(errno));
			return cli_report(&err);
		}
		if (fstat(in.fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			close(in.fd);
			dd_error_code(&err, DD_ERR_NOINPUT, "cannot read '%s': it is a directory", path);
			return cli_report(&err);
		}
		if (fstat(in.fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > in.max) {
			close(in.fd);
			dd_error_code(&err, DD_ERR_DATA, "'%s' is too large (%lld bytes, limit %zu, see --max-size)",
				      path, (long long)st.st_size, in.max);
			return cli_report(&err);
		}
	}
	rc = run(&in, report, &err);
	if (in.fd != STDIN_FILENO)
		close(in.fd);
	return rc < 0 ? cli_report(&err) : 0;
}
