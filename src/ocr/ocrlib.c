/* ocrlib.c - the tables of Tesseract, leptonica and cairo functions, filled by dlopen on
 * first use */
#define OCRLIB_NO_REDIRECT
#include "ocrlib.h"

#if !defined(DD_SONAME_TESSERACT) || !defined(DD_SONAME_LEPT) || !defined(DD_SONAME_CAIRO)
#error "DD_SONAME_TESSERACT, DD_SONAME_LEPT and DD_SONAME_CAIRO come from CMakeLists.txt"
#endif

struct ocrlib_api ocrlib_api;

#define OCRLIB_SYM(name) DYNLIB_SYM(ocrlib_api, name)
static const struct dynlib_sym tess_syms[] = {OCRLIB_TESS_SYMS(OCRLIB_SYM)};
static const struct dynlib_sym lept_syms[] = {OCRLIB_LEPT_SYMS(OCRLIB_SYM)};
static const struct dynlib_sym cairo_syms[] = {OCRLIB_CAIRO_SYMS(OCRLIB_SYM)};

/* each library writes its own fields of the one table */
static struct dynlib libs[] = {
	DYNLIB_LIB(CAIRO, "OCR", cairo_syms, &ocrlib_api),
	DYNLIB_LIB(LEPT, "OCR", lept_syms, &ocrlib_api),
	DYNLIB_LIB(TESSERACT, "OCR", tess_syms, &ocrlib_api),
};

int ocrlib_load(struct dd_error *err)
{
	for (size_t i = 0; i < sizeof(libs) / sizeof(libs[0]); i++)
		if (dynlib_load(&libs[i], err) < 0)
			return -1;
	return 0;
}

int ocrlib_load_cairo(struct dd_error *err)
{
	return dynlib_load(&libs[0], err);
}
