/* xmlzip.h - libxml2 (with ICU and libstdc++ under it) and libzip (with libcrypto), loaded by
 * the HTML reader, the XLSX task import and the DOCX report writer rather than at every dondoc
 * start (util/dynlib.h); DOCX reading uses expat and minizip instead (read/expatzip.h).
 * Include it after the libxml2 and libzip headers: the functions listed below then resolve to
 * the loaded table. A function not listed here fails to link: add it to the list and to the
 * redirects. */
#ifndef READ_XMLZIP_H
#define READ_XMLZIP_H

#include <libxml/HTMLparser.h>
#include <libxml/globals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#include "util/dynlib.h"
#include "util/error.h"

/* xmlFree is a variable (a function pointer), the others are functions */
/* clang-format off */
#define XMLZIP_XML_SYMS(X)                                                           \
	X(__xmlGenericError) X(__xmlGenericErrorContext) X(__xmlStructuredError)     \
	X(__xmlStructuredErrorContext) X(htmlReadMemory) X(xmlDocGetRootElement)     \
	X(xmlFreeDoc) X(xmlFreeTextReader) X(xmlGetProp) X(xmlInitParser)            \
	X(xmlReaderForMemory) X(xmlSetGenericErrorFunc) X(xmlSetStructuredErrorFunc) \
	X(xmlTextReaderConstLocalName) X(xmlTextReaderConstValue)                    \
	X(xmlTextReaderGetAttribute) X(xmlTextReaderIsEmptyElement)                  \
	X(xmlTextReaderNodeType) X(xmlTextReaderRead) X(xmlFree)

#define XMLZIP_ZIP_SYMS(X)                                                            \
	X(zip_close) X(zip_discard) X(zip_error_fini) X(zip_error_init)               \
	X(zip_error_strerror) X(zip_fclose) X(zip_file_add) X(zip_fopen) X(zip_fread) \
	X(zip_open_from_source) X(zip_set_file_compression) X(zip_source_buffer)      \
	X(zip_source_buffer_create) X(zip_source_close) X(zip_source_free)            \
	X(zip_source_keep) X(zip_source_open) X(zip_source_read) X(zip_stat)          \
	X(zip_strerror)
/* clang-format on */

struct xmlzip_api {
	XMLZIP_XML_SYMS(DYNLIB_FIELD)
	XMLZIP_ZIP_SYMS(DYNLIB_FIELD)
};

extern struct xmlzip_api xmlzip_api;

/* Load libxml2, resp. libzip (once each, thread-safe); 0, or -1 with DD_ERR_UNAVAILABLE and
 * "reading HTML and XLSX needs libxml2 (apt install libxml2): ...". Call it before any
 * of the functions listed above. */
int xmlzip_load_xml(struct dd_error *err);
int xmlzip_load_zip(struct dd_error *err);

#ifndef XMLZIP_NO_REDIRECT
#define xmlFree (*xmlzip_api.xmlFree)
#define __xmlGenericError (xmlzip_api.__xmlGenericError)
#define __xmlGenericErrorContext (xmlzip_api.__xmlGenericErrorContext)
#define __xmlStructuredError (xmlzip_api.__xmlStructuredError)
#define __xmlStructuredErrorContext (xmlzip_api.__xmlStructuredErrorContext)
#define htmlReadMemory (xmlzip_api.htmlReadMemory)
#define xmlDocGetRootElement (xmlzip_api.xmlDocGetRootElement)
#define xmlFreeDoc (xmlzip_api.xmlFreeDoc)
#define xmlFreeTextReader (xmlzip_api.xmlFreeTextReader)
#define xmlGetProp (xmlzip_api.xmlGetProp)
#define xmlInitParser (xmlzip_api.xmlInitParser)
#define xmlReaderForMemory (xmlzip_api.xmlReaderForMemory)
#define xmlSetGenericErrorFunc (xmlzip_api.xmlSetGenericErrorFunc)
#define xmlSetStructuredErrorFunc (xmlzip_api.xmlSetStructuredErrorFunc)
#define xmlTextReaderConstLocalName (xmlzip_api.xmlTextReaderConstLocalName)
#define xmlTextReaderConstValue (xmlzip_api.xmlTextReaderConstValue)
#define xmlTextReaderGetAttribute (xmlzip_api.xmlTextReaderGetAttribute)
#define xmlTextReaderIsEmptyElement (xmlzip_api.xmlTextReaderIsEmptyElement)
#define xmlTextReaderNodeType (xmlzip_api.xmlTextReaderNodeType)
#define xmlTextReaderRead (xmlzip_api.xmlTextReaderRead)
#define zip_close (xmlzip_api.zip_close)
#define zip_discard (xmlzip_api.zip_discard)
#define zip_error_fini (xmlzip_api.zip_error_fini)
#define zip_error_init (xmlzip_api.zip_error_init)
#define zip_error_strerror (xmlzip_api.zip_error_strerror)
#define zip_fclose (xmlzip_api.zip_fclose)
#define zip_file_add (xmlzip_api.zip_file_add)
#define zip_fopen (xmlzip_api.zip_fopen)
#define zip_fread (xmlzip_api.zip_fread)
#define zip_open_from_source (xmlzip_api.zip_open_from_source)
#define zip_set_file_compression (xmlzip_api.zip_set_file_compression)
#define zip_source_buffer (xmlzip_api.zip_source_buffer)
#define zip_source_buffer_create (xmlzip_api.zip_source_buffer_create)
#define zip_source_close (xmlzip_api.zip_source_close)
#define zip_source_free (xmlzip_api.zip_source_free)
#define zip_source_keep (xmlzip_api.zip_source_keep)
#define zip_source_open (xmlzip_api.zip_source_open)
#define zip_source_read (xmlzip_api.zip_source_read)
#define zip_stat (xmlzip_api.zip_stat)
#define zip_strerror (xmlzip_api.zip_strerror)
#endif

#endif
