/* ocrlib.h - the OCR libraries (Tesseract, leptonica, cairo; poppler via read/popplerlib.h)
 * loaded on first use (util/dynlib.h). Include it after their headers: the functions listed
 * below then resolve to the loaded tables, so call sites read as plain library code. A
 * function not listed here fails to link: add it to the list and to the redirects. */
#ifndef OCR_OCRLIB_H
#define OCR_OCRLIB_H

#include <cairo.h>
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "read/popplerlib.h"
#include "util/dynlib.h"
#include "util/error.h"

#define OCRLIB_TESS_SYMS(X)                                                                    \
	X(TessBaseAPICreate) X(TessBaseAPIDelete) X(TessBaseAPIInit3) X(TessBaseAPIEnd)        \
	X(TessBaseAPIClear) X(TessBaseAPISetVariable) X(TessBaseAPISetPageSegMode)             \
	X(TessBaseAPISetImage) X(TessBaseAPISetSourceResolution) X(TessBaseAPISetRectangle)    \
	X(TessBaseAPIRecognize) X(TessBaseAPIMeanTextConf) X(TessBaseAPIGetIterator)           \
	X(TessDeleteText) X(TessMonitorCreate) X(TessMonitorDelete) X(TessMonitorSetCancelFunc) \
	X(TessMonitorSetCancelThis) X(TessPageIteratorBoundingBox)                             \
	X(TessPageIteratorIsAtBeginningOf) X(TessResultIteratorConfidence)                     \
	X(TessResultIteratorDelete) X(TessResultIteratorGetPageIterator)                       \
	X(TessResultIteratorGetUTF8Text) X(TessResultIteratorNext)

#define OCRLIB_LEPT_SYMS(X)                                                                    \
	X(setMsgSeverity) X(pixReadHeaderMem) X(pixReadMem) X(pixReadMemTiff)                  \
	X(readHeaderMemTiff) X(tiffGetCount) X(pixConvertTo32) X(pixDestroy) X(pixGetData)     \
	X(pixGetWidth) X(pixGetHeight) X(pixGetWpl) X(pixGetXRes)

#define OCRLIB_CAIRO_SYMS(X)                                                                   \
	X(cairo_image_surface_create) X(cairo_image_surface_get_data)                          \
	X(cairo_image_surface_get_stride) X(cairo_surface_status) X(cairo_surface_flush)       \
	X(cairo_surface_destroy) X(cairo_create) X(cairo_destroy) X(cairo_scale)               \
	X(cairo_set_source_rgb) X(cairo_paint) X(cairo_rectangle) X(cairo_fill)

struct ocrlib_api {
	OCRLIB_TESS_SYMS(DYNLIB_FIELD)
	OCRLIB_LEPT_SYMS(DYNLIB_FIELD)
	OCRLIB_CAIRO_SYMS(DYNLIB_FIELD)
};

extern struct ocrlib_api ocrlib_api;

/* Load cairo, leptonica and libtesseract (once each, thread-safe; poppler is loaded by
 * popplerlib_load); 0, or -1 with DD_ERR_UNAVAILABLE and "OCR needs libtesseract5 (apt
 * install libtesseract5): ...". Call it before any of the functions listed above. */
int ocrlib_load(struct dd_error *err);
/* Load cairo alone (for rendering a text page's lines, read/pdf.c): the cairo_* functions
 * above can then be used, the others not. */
int ocrlib_load_cairo(struct dd_error *err);

#ifndef OCRLIB_NO_REDIRECT
#define TessBaseAPICreate (ocrlib_api.TessBaseAPICreate)
#define TessBaseAPIDelete (ocrlib_api.TessBaseAPIDelete)
#define TessBaseAPIInit3 (ocrlib_api.TessBaseAPIInit3)
#define TessBaseAPIEnd (ocrlib_api.TessBaseAPIEnd)
#define TessBaseAPIClear (ocrlib_api.TessBaseAPIClear)
#define TessBaseAPISetVariable (ocrlib_api.TessBaseAPISetVariable)
#define TessBaseAPISetPageSegMode (ocrlib_api.TessBaseAPISetPageSegMode)
#define TessBaseAPISetImage (ocrlib_api.TessBaseAPISetImage)
#define TessBaseAPISetSourceResolution (ocrlib_api.TessBaseAPISetSourceResolution)
#define TessBaseAPISetRectangle (ocrlib_api.TessBaseAPISetRectangle)
#define TessBaseAPIRecognize (ocrlib_api.TessBaseAPIRecognize)
#define TessBaseAPIMeanTextConf (ocrlib_api.TessBaseAPIMeanTextConf)
#define TessBaseAPIGetIterator (ocrlib_api.TessBaseAPIGetIterator)
#define TessDeleteText (ocrlib_api.TessDeleteText)
#define TessMonitorCreate (ocrlib_api.TessMonitorCreate)
#define TessMonitorDelete (ocrlib_api.TessMonitorDelete)
#define TessMonitorSetCancelFunc (ocrlib_api.TessMonitorSetCancelFunc)
#define TessMonitorSetCancelThis (ocrlib_api.TessMonitorSetCancelThis)
#define TessPageIteratorBoundingBox (ocrlib_api.TessPageIteratorBoundingBox)
#define TessPageIteratorIsAtBeginningOf (ocrlib_api.TessPageIteratorIsAtBeginningOf)
#define TessResultIteratorConfidence (ocrlib_api.TessResultIteratorConfidence)
#define TessResultIteratorDelete (ocrlib_api.TessResultIteratorDelete)
#define TessResultIteratorGetPageIterator (ocrlib_api.TessResultIteratorGetPageIterator)
#define TessResultIteratorGetUTF8Text (ocrlib_api.TessResultIteratorGetUTF8Text)
#define TessResultIteratorNext (ocrlib_api.TessResultIteratorNext)
#define setMsgSeverity (ocrlib_api.setMsgSeverity)
#define pixReadHeaderMem (ocrlib_api.pixReadHeaderMem)
#define pixReadMem (ocrlib_api.pixReadMem)
#define pixReadMemTiff (ocrlib_api.pixReadMemTiff)
#define readHeaderMemTiff (ocrlib_api.readHeaderMemTiff)
#define tiffGetCount (ocrlib_api.tiffGetCount)
#define pixConvertTo32 (ocrlib_api.pixConvertTo32)
#define pixDestroy (ocrlib_api.pixDestroy)
#define pixGetData (ocrlib_api.pixGetData)
#define pixGetWidth (ocrlib_api.pixGetWidth)
#define pixGetHeight (ocrlib_api.pixGetHeight)
#define pixGetWpl (ocrlib_api.pixGetWpl)
#define pixGetXRes (ocrlib_api.pixGetXRes)
#define cairo_image_surface_create (ocrlib_api.cairo_image_surface_create)
#define cairo_image_surface_get_data (ocrlib_api.cairo_image_surface_get_data)
#define cairo_image_surface_get_stride (ocrlib_api.cairo_image_surface_get_stride)
#define cairo_surface_status (ocrlib_api.cairo_surface_status)
#define cairo_surface_flush (ocrlib_api.cairo_surface_flush)
#define cairo_surface_destroy (ocrlib_api.cairo_surface_destroy)
#define cairo_create (ocrlib_api.cairo_create)
#define cairo_destroy (ocrlib_api.cairo_destroy)
#define cairo_scale (ocrlib_api.cairo_scale)
#define cairo_set_source_rgb (ocrlib_api.cairo_set_source_rgb)
#define cairo_paint (ocrlib_api.cairo_paint)
#define cairo_rectangle (ocrlib_api.cairo_rectangle)
#define cairo_fill (ocrlib_api.cairo_fill)
#endif

#endif
