/* mhdlib.c - the table of libmicrohttpd functions, filled by dlopen when the server starts */
#define MHDLIB_NO_REDIRECT
#include "mhdlib.h"

#ifndef DD_SONAME_MHD
#error "DD_SONAME_MHD (the SONAME of libmicrohttpd) comes from CMakeLists.txt"
#endif

struct mhdlib_api mhdlib_api;

#define MHDLIB_SYM(name) DYNLIB_SYM(mhdlib_api, name)
static const struct dynlib_sym syms[] = {MHDLIB_SYMS(MHDLIB_SYM)};

static struct dynlib lib = DYNLIB_LIB(MHD, "the web server", syms, &mhdlib_api);

int mhdlib_load(struct dd_error *err)
{
	return dynlib_load(&lib, err);
}
