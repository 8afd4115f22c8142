/* embed.h - files compiled into the binary (data/ gazetteers, web/ assets) */
#ifndef DD_EMBED_H
#define DD_EMBED_H

#include <stddef.h>

struct embed_file {
	const char *name;           /* path relative to its folder, e.g. "units.tsv" */
	const unsigned char *data;  /* NUL-terminated for convenience (len excludes it) */
	size_t len;
};

/* Tables generated at build time; each ends with a {NULL,...} entry. */
extern const struct embed_file data_files[];
extern const size_t data_nfiles;
extern const struct embed_file webui_files[];
extern const size_t webui_nfiles;

/* Find name in a table; NULL when absent. */
const struct embed_file *embed_find(const struct embed_file *tab, const char *name);

#endif
