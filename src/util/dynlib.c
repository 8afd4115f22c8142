/* dynlib.c - dlopen + dlsym of optional libraries, once, with a message naming the package */
#include "dynlib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void set_failed(struct dynlib *lib, const char *why)
{
	snprintf(lib->msg, sizeof(lib->msg), "%s needs %s (apt install %s): %s", lib->feature,
		 lib->package, lib->package, why ? why : "cannot load it");
	lib->state = -1;
}

static void open_lib(struct dynlib *lib)
{
	const char *over = lib->env ? getenv(lib->env) : NULL;
	const char *soname = over && *over ? over : lib->soname;
	void *h, *addr[256];

	if (lib->nsyms > sizeof(addr) / sizeof(addr[0]))
		BUG("%s: %zu symbols, at most %zu", lib->soname, lib->nsyms, sizeof(addr) / sizeof(addr[0]));
	dlerror();
	/* RTLD_LAZY: the library's own calls are bound when first made, as if it were linked
	 * (RTLD_NOW cost a DOCX extraction ~1.3M instructions binding all of libxml2, ICU and
	 * libstdc++); our symbols are all looked up below, so a library too old for one of them
	 * still fails here, not in mid-work. RTLD_LOCAL: its symbols (and its dependencies')
	 * stay out of the global scope. */
	h = dlopen(soname, RTLD_LAZY | RTLD_LOCAL);
	if (!h) {
		set_failed(lib, dlerror());
		return;
	}
	for (size_t i = 0; i < lib->nsyms; i++) {
		dlerror();
		addr[i] = dlsym(h, lib->syms[i].name);
		if (!addr[i]) {
			set_failed(lib, dlerror()); /* before dlclose, which may free the message */
			dlclose(h);
			return;
		}
	}
	/* all or nothing: the table is only written once every symbol is there */
	for (size_t i = 0; i < lib->nsyms; i++)
		memcpy((char *)lib->table + lib->syms[i].offset, &addr[i], sizeof(addr[i]));
	lib->state = 1; /* the handle stays open for the life of the process */
}

int dynlib_load(struct dynlib *lib, struct dd_error *err)
{
	int state;

	pthread_mutex_lock(&lib->mu);
	if (lib->state == 0)
		open_lib(lib);
	state = lib->state;
	pthread_mutex_unlock(&lib->mu);
	if (state < 0)
		return dd_error_code(err, DD_ERR_UNAVAILABLE, "%s", lib->msg);
	return 0;
}
