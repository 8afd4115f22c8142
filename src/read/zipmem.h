/* zipmem.h - reading the entries of a zip archive held in memory (minizip over the buffer),
 * with the checks an untrusted file needs: entry count, uncompressed size declared and
 * counted while inflating, CRC, encryption and compression method */
#ifndef READ_ZIPMEM_H
#define READ_ZIPMEM_H

#include <stddef.h>

#include "util/buf.h"
#include "util/error.h"

struct zipmem;

/* Open the archive data[0..n) (the caller's; it must outlive the reader). kind names the
 * format in messages ("DOCX"). At most max_entries entries (0: no limit). NULL with err set:
 * DD_ERR_DATA "not a DOCX file (not a zip archive)", "corrupt or truncated DOCX (...)",
 * "DOCX has too many zip entries (...)"; DD_ERR_UNAVAILABLE when minizip cannot be loaded. */
struct zipmem *zipmem_open(const char *data, size_t n, const char *kind, size_t max_entries,
			   struct dd_error *err);
void zipmem_close(struct zipmem *z);

/* Whether the archive has an entry of that exact name. */
int zipmem_has(const struct zipmem *z, const char *name);

/* Inflate entry name into out (initialised here, at most max bytes, 0: no limit): 0, 1 when
 * there is no such entry (out empty), -1 with err set (DD_ERR_DATA) when it is too large
 * (declared or inflated), encrypted, compressed with another method than deflate, corrupt or
 * fails its CRC. */
int zipmem_read(struct zipmem *z, const char *name, size_t max, struct buf *out, struct dd_error *err);

#endif
