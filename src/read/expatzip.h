/* expatzip.h - expat (libc only) and minizip (zlib only), the DOCX reader's XML parser and zip
 * reader, loaded on first use rather than at every dondoc start (util/dynlib.h). Include it
 * after <expat.h> and <minizip/unzip.h>: the functions listed below then resolve to the loaded
 * table. A function not listed here fails to link: add it to the list and to the redirects. */
#ifndef READ_EXPATZIP_H
#define READ_EXPATZIP_H

#include <expat.h>
#include <minizip/unzip.h>

#include "util/dynlib.h"
#include "util/error.h"

/* clang-format off */
#define EXPATZIP_EXPAT_SYMS(X)                                                      \
	X(XML_ErrorString) X(XML_GetCurrentByteCount) X(XML_GetCurrentLineNumber)   \
	X(XML_GetErrorCode) X(XML_Parse) X(XML_ParserCreate) X(XML_ParserFree)      \
	X(XML_ResumeParser) X(XML_SetCharacterDataHandler) X(XML_SetElementHandler) \
	X(XML_SetStartDoctypeDeclHandler) X(XML_SetUnknownEncodingHandler)          \
	X(XML_SetUserData) X(XML_StopParser)

#define EXPATZIP_MINIZIP_SYMS(X)                                                    \
	X(unzClose) X(unzCloseCurrentFile) X(unzGetCurrentFileInfo64)               \
	X(unzGetFilePos64) X(unzGetGlobalInfo64) X(unzGoToFilePos64)                \
	X(unzGoToFirstFile) X(unzGoToNextFile) X(unzOpen2_64) X(unzOpenCurrentFile) \
	X(unzReadCurrentFile)
/* clang-format on */

struct expatzip_api {
	EXPATZIP_EXPAT_SYMS(DYNLIB_FIELD)
	EXPATZIP_MINIZIP_SYMS(DYNLIB_FIELD)
};

extern struct expatzip_api expatzip_api;

/* Load expat, resp. minizip (once each, thread-safe); 0, or -1 with DD_ERR_UNAVAILABLE and
 * "reading DOCX needs libexpat1 (apt install libexpat1): ...". Call it before any of the
 * functions listed above. */
int expatzip_load_expat(struct dd_error *err);
int expatzip_load_minizip(struct dd_error *err);

#ifndef EXPATZIP_NO_REDIRECT
#define XML_ErrorString (expatzip_api.XML_ErrorString)
#define XML_GetCurrentByteCount (expatzip_api.XML_GetCurrentByteCount)
#define XML_GetCurrentLineNumber (expatzip_api.XML_GetCurrentLineNumber)
#define XML_GetErrorCode (expatzip_api.XML_GetErrorCode)
#define XML_Parse (expatzip_api.XML_Parse)
#define XML_ParserCreate (expatzip_api.XML_ParserCreate)
#define XML_ParserFree (expatzip_api.XML_ParserFree)
#define XML_ResumeParser (expatzip_api.XML_ResumeParser)
#define XML_SetCharacterDataHandler (expatzip_api.XML_SetCharacterDataHandler)
#define XML_SetElementHandler (expatzip_api.XML_SetElementHandler)
#define XML_SetStartDoctypeDeclHandler (expatzip_api.XML_SetStartDoctypeDeclHandler)
#define XML_SetUnknownEncodingHandler (expatzip_api.XML_SetUnknownEncodingHandler)
#define XML_SetUserData (expatzip_api.XML_SetUserData)
#define XML_StopParser (expatzip_api.XML_StopParser)
#define unzClose (expatzip_api.unzClose)
#define unzCloseCurrentFile (expatzip_api.unzCloseCurrentFile)
#define unzGetCurrentFileInfo64 (expatzip_api.unzGetCurrentFileInfo64)
#define unzGetFilePos64 (expatzip_api.unzGetFilePos64)
#define unzGetGlobalInfo64 (expatzip_api.unzGetGlobalInfo64)
#define unzGoToFilePos64 (expatzip_api.unzGoToFilePos64)
#define unzGoToFirstFile (expatzip_api.unzGoToFirstFile)
#define unzGoToNextFile (expatzip_api.unzGoToNextFile)
#define unzOpen2_64 (expatzip_api.unzOpen2_64)
#define unzOpenCurrentFile (expatzip_api.unzOpenCurrentFile)
#define unzReadCurrentFile (expatzip_api.unzReadCurrentFile)
#endif

#endif
