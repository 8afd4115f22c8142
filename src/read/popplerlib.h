/* popplerlib.h - poppler-glib and the glib/gobject calls made around it, loaded on first use
 * (util/dynlib.h). Include it after <poppler.h>: the functions listed below then resolve to
 * the loaded table, so call sites read as plain poppler code. A poppler or glib function not
 * listed here fails to link: add it to POPPLERLIB_SYMS and to the redirects. */
#ifndef READ_POPPLERLIB_H
#define READ_POPPLERLIB_H

#include <poppler.h>

#include "util/dynlib.h"
#include "util/error.h"

/* glib and gobject symbols are looked up through libpoppler-glib's handle: they are among
 * its dependencies, so loading it loads them */
#define POPPLERLIB_SYMS(X)                                                                     \
	X(poppler_document_new_from_bytes) X(poppler_document_get_n_pages)                     \
	X(poppler_document_get_page) X(poppler_error_quark) X(poppler_page_get_size)           \
	X(poppler_page_get_text) X(poppler_page_get_text_layout)                               \
	X(poppler_page_get_text_attributes) X(poppler_page_free_text_attributes)               \
	X(poppler_page_get_form_field_mapping) X(poppler_page_free_form_field_mapping)         \
	X(poppler_form_field_get_field_type) X(poppler_form_field_signature_validate_sync)      \
	X(poppler_signature_info_free) X(poppler_signature_info_get_local_signing_time)        \
	X(poppler_signature_info_get_signer_name) X(poppler_page_get_annot_mapping)            \
	X(poppler_page_free_annot_mapping) X(poppler_annot_get_annot_type)                     \
	X(poppler_annot_get_flags) X(poppler_annot_set_flags)                                  \
	X(poppler_page_render_for_printing_with_options) X(poppler_page_render)                \
	X(g_free) X(g_error_free) X(g_object_ref) X(g_object_unref) X(g_bytes_new_static)      \
	X(g_bytes_unref) X(g_ptr_array_new_with_free_func) X(g_ptr_array_add)                  \
	X(g_ptr_array_unref) X(g_date_time_compare) X(g_date_time_format) X(g_date_time_ref)   \
	X(g_date_time_unref) X(g_utf8_strlen) X(g_utf8_get_char) X(g_utf8_find_next_char)

struct popplerlib_api {
	POPPLERLIB_SYMS(DYNLIB_FIELD)
};

extern struct popplerlib_api popplerlib_api;

/* Load libpoppler-glib (once, thread-safe) and fill popplerlib_api; 0, or -1 with
 * DD_ERR_UNAVAILABLE and "PDF support needs libpoppler-glib8 (apt install ...)". Call it
 * before any of the functions listed above. */
int popplerlib_load(struct dd_error *err);

#ifndef POPPLERLIB_NO_REDIRECT
/* g_utf8_next_char reads the data symbol g_utf8_skip: use g_utf8_find_next_char instead */
#undef g_utf8_next_char
#undef g_object_ref
#undef g_free
#define poppler_document_new_from_bytes (popplerlib_api.poppler_document_new_from_bytes)
#define poppler_document_get_n_pages (popplerlib_api.poppler_document_get_n_pages)
#define poppler_document_get_page (popplerlib_api.poppler_document_get_page)
#define poppler_error_quark (popplerlib_api.poppler_error_quark)
#define poppler_page_get_size (popplerlib_api.poppler_page_get_size)
#define poppler_page_get_text (popplerlib_api.poppler_page_get_text)
#define poppler_page_get_text_layout (popplerlib_api.poppler_page_get_text_layout)
#define poppler_page_get_text_attributes (popplerlib_api.poppler_page_get_text_attributes)
#define poppler_page_free_text_attributes (popplerlib_api.poppler_page_free_text_attributes)
#define poppler_page_get_form_field_mapping (popplerlib_api.poppler_page_get_form_field_mapping)
#define poppler_page_free_form_field_mapping (popplerlib_api.poppler_page_free_form_field_mapping)
#define poppler_form_field_get_field_type (popplerlib_api.poppler_form_field_get_field_type)
#define poppler_form_field_signature_validate_sync                                            \
	(popplerlib_api.poppler_form_field_signature_validate_sync)
#define poppler_signature_info_free (popplerlib_api.poppler_signature_info_free)
#define poppler_signature_info_get_local_signing_time                                         \
	(popplerlib_api.poppler_signature_info_get_local_signing_time)
#define poppler_signature_info_get_signer_name (popplerlib_api.poppler_signature_info_get_signer_name)
#define poppler_page_get_annot_mapping (popplerlib_api.poppler_page_get_annot_mapping)
#define poppler_page_free_annot_mapping (popplerlib_api.poppler_page_free_annot_mapping)
#define poppler_annot_get_annot_type (popplerlib_api.poppler_annot_get_annot_type)
#define poppler_annot_get_flags (popplerlib_api.poppler_annot_get_flags)
#define poppler_annot_set_flags (popplerlib_api.poppler_annot_set_flags)
#define poppler_page_render_for_printing_with_options                                         \
	(popplerlib_api.poppler_page_render_for_printing_with_options)
#define poppler_page_render (popplerlib_api.poppler_page_render)
#define g_free (popplerlib_api.g_free)
#define g_error_free (popplerlib_api.g_error_free)
#define g_object_ref (popplerlib_api.g_object_ref)
#define g_object_unref (popplerlib_api.g_object_unref)
#define g_bytes_new_static (popplerlib_api.g_bytes_new_static)
#define g_bytes_unref (popplerlib_api.g_bytes_unref)
#define g_ptr_array_new_with_free_func (popplerlib_api.g_ptr_array_new_with_free_func)
#define g_ptr_array_add (popplerlib_api.g_ptr_array_add)
#define g_ptr_array_unref (popplerlib_api.g_ptr_array_unref)
#define g_date_time_compare (popplerlib_api.g_date_time_compare)
#define g_date_time_format (popplerlib_api.g_date_time_format)
#define g_date_time_ref (popplerlib_api.g_date_time_ref)
#define g_date_time_unref (popplerlib_api.g_date_time_unref)
#define g_utf8_strlen (popplerlib_api.g_utf8_strlen)
#define g_utf8_get_char (popplerlib_api.g_utf8_get_char)
#define g_utf8_find_next_char (popplerlib_api.g_utf8_find_next_char)
#endif

#endif
