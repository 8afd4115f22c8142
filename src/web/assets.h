/* assets.h - the static web UI compiled into the binary (web/), with content types and ETags */
#ifndef DD_WEB_ASSETS_H
#define DD_WEB_ASSETS_H

#include <stddef.h>

struct asset {
	const char *path; /* URL path without the leading '/' */
	const unsigned char *data;
	size_t len;
	const char *type; /* Content-Type */
	char etag[20];	  /* "\"" + 16 hex digits + "\"" */
};

/* Find the file for a URL path ("/" is index.html); NULL when there is none or the path
 * is not a plain file name (no "..", no empty segment). Thread-safe after the first call
 * of assets_init. */
const struct asset *assets_find(const char *url_path);
/* Compute the ETags once (called by the server before it starts threads). */
void assets_init(void);
/* Content-Type for a file name by its extension. */
const char *assets_type(const char *name);

#endif
