/* zipmem.c - minizip reading from a memory buffer through its I/O callbacks; the central
 * directory is indexed once at open (names, positions), so look-ups do not re-read it */
#include "zipmem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read/expatzip.h"
#include "util/xalloc.h"

#define ZM_NAME_MAX 1024 /* longer entry names are cut: they are none we look up */
#define ZM_CHUNK 65536

struct zm_stream {
	const char *data;
	size_t n;
	uint64_t pos;
	int short_read; /* the last read ended early: minizip asks (zm_error) to tell EOF from data */
};

struct zm_entry {
	size_t name; /* offset into names */
	unz64_file_pos pos;
};

struct zipmem {
	unzFile uf;
	struct zm_stream s;
	const char *kind;
	struct zm_entry *ent;
	size_t nent, cent;
	struct buf names;
};

static voidpf ZCALLBACK zm_open(voidpf opaque, const void *filename, int mode)
{
	struct zm_stream *s = opaque;

	(void)filename;
	(void)mode;
	s->pos = 0;
	return s;
}

static uLong ZCALLBACK zm_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
	struct zm_stream *s = stream;
	uLong k;

	(void)opaque;
	k = s->pos >= s->n ? 0 : s->n - s->pos < size ? (uLong)(s->n - s->pos) : size;
	if (k)
		memcpy(buf, s->data + s->pos, k);
	s->pos += k;
	s->short_read = k < size;
	return k;
}

static uLong ZCALLBACK zm_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
	(void)opaque;
	(void)stream;
	(void)buf;
	(void)size;
	return 0;
}

static ZPOS64_T ZCALLBACK zm_tell(voidpf opaque, voidpf stream)
{
	(void)opaque;
	return ((struct zm_stream *)stream)->pos;
}

static long ZCALLBACK zm_seek(voidpf opaque, voidpf stream, ZPOS64_T offset, int origin)
{
	struct zm_stream *s = stream;
	uint64_t base;

	(void)opaque;
	switch (origin) {
	case ZLIB_FILEFUNC_SEEK_SET:
		base = 0;
		break;
	case ZLIB_FILEFUNC_SEEK_CUR:
		base = s->pos;
		break;
	case ZLIB_FILEFUNC_SEEK_END:
		base = s->n;
		break;
	default:
		return -1;
	}
	if (offset > UINT64_MAX - base)
		return -1;
	s->pos = base + offset; /* past the end is allowed, as with a file: reads give 0 */
	return 0;
}

static int ZCALLBACK zm_close(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0;
}

/* Asked after a short read of a header field: running out of data there is an error (minizip
 * would otherwise take it for success and use a value it never read). */
static int ZCALLBACK zm_error(voidpf opaque, voidpf stream)
{
	(void)opaque;
	return ((struct zm_stream *)stream)->short_read;
}

/* The end-of-central-directory signature within the last 64 KiB + 22 bytes. */
static int has_eocd(const char *data, size_t n)
{
	size_t lo = n > 65557 ? n - 65557 : 0;

	for (size_t i = n >= 22 ? n - 22 + 1 : 0; i-- > lo;)
		if (memcmp(data + i, "PK\x05\x06", 4) == 0)
			return 1;
	return 0;
}

static int cmp_names(const void *a, const void *b, void *names)
{
	const struct zm_entry *x = a, *y = b;
	return strcmp((const char *)names + x->name, (const char *)names + y->name);
}

static struct zm_entry *find(const struct zipmem *z, const char *name)
{
	size_t lo = 0, hi = z->nent;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, z->names.ptr + z->ent[mid].name);
		if (c == 0)
			return &z->ent[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Every entry's name and position, sorted by name; duplicates are an error, as libzip has it. */
static int index_entries(struct zipmem *z, uint64_t count, struct dd_error *err)
{
	char name[ZM_NAME_MAX];
	int rc = count ? unzGoToFirstFile(z->uf) : UNZ_END_OF_LIST_OF_FILE;

	buf_init(&z->names, 0);
	for (uint64_t i = 0; rc == UNZ_OK && i < count; i++) {
		unz_file_info64 fi;
		struct zm_entry *e;
		if (unzGetCurrentFileInfo64(z->uf, &fi, name, sizeof(name), NULL, 0, NULL, 0) != UNZ_OK)
			break;
		name[sizeof(name) - 1] = '\0';
		XGROW(z->ent, z->nent + 1, z->cent);
		e = &z->ent[z->nent++];
		e->name = z->names.len;
		buf_add(&z->names, name, strlen(name) + 1);
		if (unzGetFilePos64(z->uf, &e->pos) != UNZ_OK)
			break;
		rc = unzGoToNextFile(z->uf);
	}
	/* 0xffff entries: minizip takes the count for unknown and reads on past the last one */
	if (z->nent != count || (rc != UNZ_END_OF_LIST_OF_FILE && count != 0xffff))
		return dd_error_code(err, DD_ERR_DATA, "corrupt or truncated %s (bad zip directory)",
				     z->kind);
	if (z->nent > 1)
		qsort_r(z->ent, z->nent, sizeof(*z->ent), cmp_names, z->names.ptr);
	for (size_t i = 1; i < z->nent; i++)
		if (strcmp(z->names.ptr + z->ent[i - 1].name, z->names.ptr + z->ent[i].name) == 0)
			return dd_error_code(err, DD_ERR_DATA,
					     "corrupt or truncated %s (zip entry '%s' twice)", z->kind,
					     z->names.ptr + z->ent[i].name);
	return 0;
}

struct zipmem *zipmem_open(const char *data, size_t n, const char *kind, size_t max_entries,
			   struct dd_error *err)
{
	struct zipmem *z;
	zlib_filefunc64_def io;
	unz_global_info64 gi;

	if (expatzip_load_minizip(err) < 0)
		return NULL;
	z = xcalloc(1, sizeof(*z));
	z->s.data = data;
	z->s.n = n;
	z->kind = kind;
	memset(&io, 0, sizeof(io));
	io.zopen64_file = zm_open;
	io.zread_file = zm_read;
	io.zwrite_file = zm_write;
	io.ztell64_file = zm_tell;
	io.zseek64_file = zm_seek;
	io.zclose_file = zm_close;
	io.zerror_file = zm_error;
	io.opaque = &z->s;
	z->uf = unzOpen2_64("memory", &io);
	if (!z->uf) {
		if (has_eocd(data, n))
			dd_error_code(err, DD_ERR_DATA, "corrupt or truncated %s (bad zip directory)", kind);
		else if (n >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
			dd_error_code(err, DD_ERR_DATA, "corrupt or truncated %s (zip directory missing)",
				      kind);
		else
			dd_error_code(err, DD_ERR_DATA, "not a %s file (not a zip archive)", kind);
		goto fail;
	}
	if (unzGetGlobalInfo64(z->uf, &gi) != UNZ_OK) {
		dd_error_code(err, DD_ERR_DATA, "corrupt or truncated %s (bad zip directory)", kind);
		goto fail;
	}
	if (max_entries && gi.number_entry > max_entries) {
		dd_error_code(err, DD_ERR_DATA, "%s has too many zip entries (%llu, limit %zu)", kind,
			      (unsigned long long)gi.number_entry, max_entries);
		goto fail;
	}
	if (index_entries(z, gi.number_entry, err) < 0)
		goto fail;
	return z;
fail:
	zipmem_close(z);
	return NULL;
}

void zipmem_close(struct zipmem *z)
{
	if (!z)
		return;
	if (z->uf)
		unzClose(z->uf);
	free(z->ent);
	buf_release(&z->names);
	free(z);
}

int zipmem_has(const struct zipmem *z, const char *name)
{
	return find(z, name) != NULL;
}

static const char *zlib_reason(int rc)
{
	switch (rc) {
	case Z_DATA_ERROR:
		return "invalid compressed data";
	case Z_MEM_ERROR:
		return "out of memory";
	case Z_BUF_ERROR:
		return "compressed data cut short";
	case UNZ_ERRNO:
		return "read error";
	case UNZ_BADZIPFILE:
		return "bad zip entry";
	default:
		return "inflate error";
	}
}

int zipmem_read(struct zipmem *z, const char *name, size_t max, struct buf *out, struct dd_error *err)
{
	const struct zm_entry *e = find(z, name);
	unz_file_info64 fi;
	char chunk[ZM_CHUNK];
	int rc = -1, open = 0, got;

	buf_init(out, max);
	if (!e)
		return 1;
	if (unzGoToFilePos64(z->uf, &e->pos) != UNZ_OK ||
	    unzGetCurrentFileInfo64(z->uf, &fi, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK) {
		dd_error_code(err, DD_ERR_DATA, "corrupt %s: cannot open '%s': bad zip directory", z->kind,
			      name);
		goto out;
	}
	if (max && fi.uncompressed_size > max) {
		dd_error_code(err, DD_ERR_DATA, "%s part '%s' too large (%llu bytes uncompressed, limit %zu)",
			      z->kind, name, (unsigned long long)fi.uncompressed_size, max);
		goto out;
	}
	if (fi.flag & 1) {
		dd_error_code(err, DD_ERR_DATA, "encrypted %s part '%s' (not supported)", z->kind, name);
		goto out;
	}
	if (fi.compression_method != 0 && fi.compression_method != Z_DEFLATED) {
		dd_error_code(err, DD_ERR_DATA,
			      "corrupt %s: cannot open '%s': compression method %lu not supported", z->kind,
			      name, (unsigned long)fi.compression_method);
		goto out;
	}
	if (unzOpenCurrentFile(z->uf) != UNZ_OK) {
		dd_error_code(err, DD_ERR_DATA, "corrupt %s: cannot open '%s': bad local header", z->kind,
			      name);
		goto out;
	}
	open = 1;
	/* the declared size only sizes the buffer (no more than deflate can give from the
	 * compressed size): the bytes that come out are counted (zip bomb) */
	if (fi.uncompressed_size <= (max ? max : ZM_CHUNK) &&
	    fi.uncompressed_size <= fi.compressed_size * 1032 + ZM_CHUNK)
		buf_grow(out, (size_t)fi.uncompressed_size);
	while ((got = unzReadCurrentFile(z->uf, chunk, sizeof(chunk))) > 0)
		if (buf_add(out, chunk, (size_t)got) < 0) {
			dd_error_code(err, DD_ERR_DATA, "%s part '%s' inflates past %zu bytes (zip bomb?)",
				      z->kind, name, max);
			goto out;
		}
	if (got < 0) {
		dd_error_code(err, DD_ERR_DATA, "corrupt %s: cannot inflate '%s': %s", z->kind, name,
			      zlib_reason(got));
		goto out;
	}
	open = 0;
	if (unzCloseCurrentFile(z->uf) == UNZ_CRCERROR) {
		dd_error_code(err, DD_ERR_DATA, "corrupt %s: cannot inflate '%s': CRC error", z->kind, name);
		goto out;
	}
	rc = 0;
out:
	if (open)
		unzCloseCurrentFile(z->uf);
	if (rc < 0)
		buf_release(out);
	return rc;
}
