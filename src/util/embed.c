/* embed.c - looking up files compiled into the binary */
#include "embed.h"

#include <string.h>

const struct embed_file *embed_find(const struct embed_file *tab, const char *name)
{
	for (; tab && tab->name; tab++)
		if (strcmp(tab->name, name) == 0)
			return tab;
	return NULL;
}
