/* file.h - reading whole files with an explicit size limit */
#ifndef DD_FILE_H
#define DD_FILE_H

#include <stddef.h>

#include "buf.h"
#include "error.h"

/* Read all of path ("-" = stdin) into out, at most max bytes (0: no limit).
 * Errors: DD_ERR_NOINPUT when it cannot be opened or read, DD_ERR_DATA when too large. */
int file_read_all(const char *path, size_t max, struct buf *out, struct dd_error *err);

/* Write data to path atomically (temporary file + rename). */
int file_write_atomic(const char *path, const void *data, size_t n, struct dd_error *err);

#endif
