/* assets.c - look up embedded UI files and give each a content type and a content ETag */
#include "assets.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/embed.h"
#include "util/xalloc.h"

static struct asset *table;
static size_t ntable;

const char *assets_type(const char *name)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
	    {".html", "text/html; charset=utf-8"},
	    {".js", "text/javascript; charset=utf-8"},
	    {".css", "text/css; charset=utf-8"},
	    {".svg", "image/svg+xml"},
	    {".png", "image/png"},
	    {".ico", "image/x-icon"},
	    {".json", "application/json; charset=utf-8"},
	    {".txt", "text/plain; charset=utf-8"},
	};
	const char *dot = strrchr(name, '.');

	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

void assets_init(void)
{
	if (table)
		return;
	table = xcalloc(webui_nfiles + 1, sizeof(*table));
	for (size_t i = 0; i < webui_nfiles; i++) {
		const struct embed_file *f = &webui_files[i];
		uint64_t h = 1469598103934665603ull; /* FNV-1a over the content */
		for (size_t k = 0; k < f->len; k++)
			h = (h ^ f->data[k]) * 1099511628211ull;
		table[i].path = f->name;
		table[i].data = f->data;
		table[i].len = f->len;
		table[i].type = assets_type(f->name);
		snprintf(table[i].etag, sizeof(table[i].etag), "\"%016llx\"", (unsigned long long)h);
	}
	ntable = webui_nfiles;
}

const struct asset *assets_find(const char *url_path)
{
	const char *p = url_path;

	if (!table)
		assets_init();
	if (*p == '/')
		p++;
	if (*p == '\0')
		p = "index.html";
	if (strstr(p, "..") || strstr(p, "//") || *p == '/')
		return NULL;
	for (size_t i = 0; i < ntable; i++)
		if (strcmp(table[i].path, p) == 0)
			return &table[i];
	return NULL;
}
