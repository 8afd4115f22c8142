/* xmlzip.c - the tables of libxml2 and libzip functions, filled by dlopen on first use */
#define XMLZIP_NO_REDIRECT
#include "xmlzip.h"

#if !defined(DD_SONAME_XML2) || !defined(DD_SONAME_ZIP)
#error "DD_SONAME_XML2 and DD_SONAME_ZIP come from CMakeLists.txt"
#endif

struct xmlzip_api xmlzip_api;

#define XMLZIP_SYM(name) DYNLIB_SYM(xmlzip_api, name)
static const struct dynlib_sym xml_syms[] = {XMLZIP_XML_SYMS(XMLZIP_SYM)};
static const struct dynlib_sym zip_syms[] = {XMLZIP_ZIP_SYMS(XMLZIP_SYM)};

static struct dynlib xml_lib = DYNLIB_LIB(XML2, "reading HTML and XLSX", xml_syms, &xmlzip_api);
static struct dynlib zip_lib = DYNLIB_LIB(ZIP, "writing DOCX and XLSX, reading XLSX", zip_syms, &xmlzip_api);

int xmlzip_load_xml(struct dd_error *err)
{
	return dynlib_load(&xml_lib, err);
}

int xmlzip_load_zip(struct dd_error *err)
{
	return dynlib_load(&zip_lib, err);
}
