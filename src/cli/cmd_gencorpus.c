/* cmd_gencorpus.c - `dondoc gen-corpus`: write a deterministic synthetic corpus to files or stdout */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "gen/gen.h"
#include "util/buf.h"

#define GEN_MAX_COUNT 100000000ULL           /* documents */
#define GEN_MAX_SIZE (1ULL << 40)             /* bytes (1 TiB) */
#define GEN_DOC_MAX ((size_t)4 * 1024 * 1024) /* one document, far above what the generator makes */

/* Parse an unsigned decimal number, with an optional K/M/G suffix (powers of 1024) when allowed. */
static int parse_u64(const char *s, int suffixes, unsigned long long *out)
{
	char *end;
	unsigned long long v, mul = 1;

	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return -1;
	if (suffixes && *end) {
		switch (*end) {
		case 'k': case 'K': mul = 1ULL << 10; break;
		case 'm': case 'M': mul = 1ULL << 20; break;
		case 'g': case 'G': mul = 1ULL << 30; break;
		default: return -1;
		}
		end++;
	}
	if (*end)
		return -1;
	if (v > ULLONG_MAX / mul)
		return -1;
	*out = v * mul;
	return 0;
}

/* "--name VALUE" or "--name=VALUE": 1 and *val set when argv[*i] is that option, 0 when it
 * is another argument, -1 when the value is missing. */
static int opt_value(int argc, char **argv, int *i, const char *name, const char **val)
{
	const char *a = argv[*i];
	size_t l = strlen(name);

	if (strncmp(a, name, l) != 0)
		return 0;
	if (a[l] == '=') {
		*val = a + l + 1;
		return 1;
	}
	if (a[l] != '\0')
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*val = argv[++*i];
	return 1;
}

static int write_file(const char *dir, unsigned long long n, const char *data, size_t len,
		      struct dd_error *err)
{
	char path[4096];
	FILE *f;
	int r;

	r = snprintf(path, sizeof(path), "%s/doc-%06llu.txt", dir, n);
	if (r < 0 || (size_t)r >= sizeof(path))
		return dd_error(err, "output folder name too long: '%s'", dir);
	f = fopen(path, "wb");
	if (!f)
		return dd_error(err, "cannot create '%s': %s", path, strerror(errno));
	if (fwrite(data, 1, len, f) != len) {
		fclose(f);
		return dd_error(err, "cannot write '%s': %s", path, strerror(errno));
	}
	if (fclose(f) != 0)
		return dd_error(err, "cannot write '%s': %s", path, strerror(errno));
	return 0;
}

static int make_dir(const char *dir, struct dd_error *err)
{
	struct stat st;

	if (mkdir(dir, 0777) == 0)
		return 0;
	if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	if (errno == EEXIST)
		return dd_error(err, "'%s' exists and is not a folder", dir);
	return dd_error(err, "cannot create folder '%s': %s", dir, strerror(errno));
}

int cmd_gen_corpus(int argc, char **argv, struct cli_ctx *ctx)
{
	const char *cmd = argv[0];
	unsigned long long count = 10, size = 0, seed = 1;
	int have_count = 0, have_size = 0;
	enum gen_variant variant = GEN_NFC;
	const char *out_dir = "-";
	struct buf doc = BUF_INIT, conv = BUF_INIT;
	struct dd_error err = {0};
	unsigned long long written = 0;
	int rc = EXIT_RUNTIME;

	(void)ctx;
	for (int i = 1; i < argc; i++) {
		const char *v = NULL;
		int r;

		if ((r = opt_value(argc, argv, &i, "--count", &v)) != 0) {
			if (r < 0 || parse_u64(v, 0, &count) < 0 || count > GEN_MAX_COUNT)
				return cli_usage_error(cmd, "--count wants a number from 0 to %llu",
						       GEN_MAX_COUNT);
			have_count = 1;
		} else if ((r = opt_value(argc, argv, &i, "--size", &v)) != 0) {
			if (r < 0 || parse_u64(v, 1, &size) < 0 || size == 0 || size > GEN_MAX_SIZE)
				return cli_usage_error(cmd, "--size wants a byte count from 1 to 1T "
							    "(suffix K, M or G allowed)");
			have_size = 1;
		} else if ((r = opt_value(argc, argv, &i, "--seed", &v)) != 0) {
			if (r < 0 || parse_u64(v, 0, &seed) < 0)
				return cli_usage_error(cmd, "--seed wants a non-negative number");
		} else if ((r = opt_value(argc, argv, &i, "--variant", &v)) != 0) {
			if (r < 0 || gen_parse_variant(v, &variant) < 0)
				return cli_usage_error(cmd, "unknown variant '%s' (want nfc, nfd or tcvn3)",
						       r < 0 ? "" : v);
		} else if ((r = opt_value(argc, argv, &i, "--out", &v)) != 0) {
			if (r < 0 || !*v)
				return cli_usage_error(cmd, "--out wants a folder or '-'");
			out_dir = v;
		} else {
			return cli_usage_error(cmd, "unexpected argument '%s'", argv[i]);
		}
	}
	if (have_count && have_size)
		return cli_usage_error(cmd, "give --count or --size, not both");

	int to_stdout = strcmp(out_dir, "-") == 0;
	if (!to_stdout && make_dir(out_dir, &err) < 0)
		goto fail;

	buf_init(&doc, GEN_DOC_MAX);
	buf_init(&conv, GEN_DOC_MAX * 3);
	for (unsigned long long n = 0; have_size ? written < size : n < count; n++) {
		const char *data;
		size_t len;

		buf_reset(&doc);
		if (gen_document(seed, n, &doc, NULL) < 0) {
			dd_error(&err, "document %llu is too large", n + 1);
			goto fail;
		}
		if (variant != GEN_NFC) {
			buf_reset(&conv);
			if (gen_convert(variant, doc.ptr, doc.len, &conv) < 0) {
				dd_error(&err, "document %llu is too large", n + 1);
				goto fail;
			}
			data = conv.ptr;
			len = conv.len;
		} else {
			data = doc.ptr;
			len = doc.len;
		}
		if (to_stdout) {
			/* documents are separated by one blank line */
			if ((n > 0 && fputc('\n', stdout) == EOF) || fwrite(data, 1, len, stdout) != len) {
				dd_error(&err, "cannot write to standard output: %s", strerror(errno));
				goto fail;
			}
			written += len + (n > 0);
		} else {
			if (write_file(out_dir, n + 1, data, len, &err) < 0)
				goto fail;
			written += len;
		}
	}
	if (to_stdout && fflush(stdout) != 0) {
		dd_error(&err, "cannot write to standard output: %s", strerror(errno));
		goto fail;
	}
	rc = 0;
	goto out;
fail:
	rc = cli_report(&err);
out:
	buf_release(&doc);
	buf_release(&conv);
	return rc;
}
