/* file.c - whole-file reads with limits and atomic writes */
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

int file_read_all(const char *path, size_t max, struct buf *out, struct dd_error *err)
{
	int fd, rc = -1;
	int is_stdin = strcmp(path, "-") == 0;
	struct stat st;
	size_t whole = 0; /* a regular file's size: reading stops there, without a read() for EOF */

	fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return dd_error_code(err, DD_ERR_NOINPUT, "cannot open '%s': %s", path, strerror(errno));
	if (fstat(fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			dd_error_code(err, DD_ERR_NOINPUT, "'%s' is a directory", path);
			goto out;
		}
		if (S_ISREG(st.st_mode) && max && (size_t)st.st_size > max) {
			dd_error_code(err, DD_ERR_DATA, "'%s' is too large (%lld bytes, limit %zu)", path,
				      (long long)st.st_size, max);
			goto out;
		}
		if (S_ISREG(st.st_mode) && st.st_size > 0 && buf_grow(out, (size_t)st.st_size) < 0) {
			dd_error_code(err, DD_ERR_DATA, "'%s' is too large", path);
			goto out;
		}
		if (S_ISREG(st.st_mode) && st.st_size > 0 && out->len == 0)
			whole = (size_t)st.st_size;
	}
	for (;;) {
		ssize_t n;
		/* fill the room the size from fstat made first: growing by a whole chunk for the
		 * final read() that returns 0 would make every small file a 64 KiB+ allocation */
		size_t chunk = out->cap > out->len + 1 ? out->cap - out->len - 1 : 65536;
		if (buf_grow(out, chunk) < 0) {
			/* allow filling up to the cap exactly */
			size_t room = out->max > out->len ? out->max - out->len : 0;
			if (!room || buf_grow(out, room) < 0) {
				char c;
				n = read(fd, &c, 1);
				if (n == 0)
					break;
				dd_error_code(err, DD_ERR_DATA, "'%s' is too large (limit %zu bytes)", is_stdin ? "<stdin>" : path, out->max);
				goto out;
			}
			n = read(fd, out->ptr + out->len, room);
		} else {
			n = read(fd, out->ptr + out->len, chunk);
		}
		if (n < 0) {
			if (errno == EINTR)
				continue;
			dd_error_code(err, DD_ERR_NOINPUT, "cannot read '%s': %s", is_stdin ? "<stdin>" : path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->ptr[out->len] = '\0';
		if (whole && out->len == whole)
			break;
	}
	rc = 0;
out:
	if (!is_stdin)
		close(fd);
	return rc;
}

int file_write_atomic(const char *path, const void *data, size_t n, struct dd_error *err)
{
	char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "wb");
	int rc = -1;

	if (!f) {
		dd_error(err, "cannot create '%s': %s", tmp, strerror(errno));
		goto out;
	}
	if (fwrite(data, 1, n, f) != n || fflush(f) != 0 || fsync(fileno(f)) != 0) {
		dd_error(err, "cannot write '%s': %s", path, strerror(errno));
		fclose(f);
		unlink(tmp);
		goto out;
	}
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		dd_error(err, "cannot write '%s': %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(tmp);
	return rc;
}
