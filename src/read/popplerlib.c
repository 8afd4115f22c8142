/* popplerlib.c - the table of poppler-glib functions, filled by dlopen on first use */
#define POPPLERLIB_NO_REDIRECT
#include "popplerlib.h"

#ifndef DD_SONAME_POPPLER
#error "DD_SONAME_POPPLER (the SONAME of libpoppler-glib) comes from CMakeLists.txt"
#endif

struct popplerlib_api popplerlib_api;

#define POPPLERLIB_SYM(name) DYNLIB_SYM(popplerlib_api, name)
static const struct dynlib_sym syms[] = {POPPLERLIB_SYMS(POPPLERLIB_SYM)};

static struct dynlib lib = DYNLIB_LIB(POPPLER, "PDF support", syms, &popplerlib_api);

int popplerlib_load(struct dd_error *err)
{
	return dynlib_load(&lib, err);
}
