/* expatzip.c - the tables of expat and minizip functions, filled by dlopen on first use */
#define EXPATZIP_NO_REDIRECT
#include "expatzip.h"

#if !defined(DD_SONAME_EXPAT) || !defined(DD_SONAME_MINIZIP)
#error "DD_SONAME_EXPAT and DD_SONAME_MINIZIP come from CMakeLists.txt"
#endif

struct expatzip_api expatzip_api;

#define EXPATZIP_SYM(name) DYNLIB_SYM(expatzip_api, name)
static const struct dynlib_sym expat_syms[] = {EXPATZIP_EXPAT_SYMS(EXPATZIP_SYM)};
static const struct dynlib_sym minizip_syms[] = {EXPATZIP_MINIZIP_SYMS(EXPATZIP_SYM)};

static struct dynlib expat_lib = DYNLIB_LIB(EXPAT, "reading DOCX", expat_syms, &expatzip_api);
static struct dynlib minizip_lib = DYNLIB_LIB(MINIZIP, "reading DOCX", minizip_syms, &expatzip_api);

int expatzip_load_expat(struct dd_error *err)
{
	return dynlib_load(&expat_lib, err);
}

int expatzip_load_minizip(struct dd_error *err)
{
	return dynlib_load(&minizip_lib, err);
}
