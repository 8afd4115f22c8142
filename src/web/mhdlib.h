/* mhdlib.h - libmicrohttpd (and gnutls under it) loaded when the server starts, not at every
 * dondoc start (util/dynlib.h). Include it after <microhttpd.h>: the functions listed below
 * then resolve to the loaded table. An MHD function not listed here fails to link: add it to
 * MHDLIB_SYMS and to the redirects. */
#ifndef WEB_MHDLIB_H
#define WEB_MHDLIB_H

#include <microhttpd.h>

#include "util/dynlib.h"
#include "util/error.h"

#define MHDLIB_SYMS(X)                                                                         \
	X(MHD_start_daemon) X(MHD_stop_daemon) X(MHD_quiesce_daemon) X(MHD_get_daemon_info)    \
	X(MHD_get_connection_info) X(MHD_get_connection_values)                                \
	X(MHD_lookup_connection_value) X(MHD_create_response_from_buffer)                      \
	X(MHD_create_response_from_buffer_with_free_callback_cls)                              \
	X(MHD_create_response_from_fd_at_offset64) X(MHD_add_response_header)                  \
	X(MHD_queue_response) X(MHD_destroy_response)

struct mhdlib_api {
	MHDLIB_SYMS(DYNLIB_FIELD)
};

extern struct mhdlib_api mhdlib_api;

/* Load libmicrohttpd (once, thread-safe); 0, or -1 with DD_ERR_UNAVAILABLE and "the web
 * server needs libmicrohttpd12 (apt install ...)". web_serve calls it before starting. */
int mhdlib_load(struct dd_error *err);

#ifndef MHDLIB_NO_REDIRECT
#define MHD_start_daemon (mhdlib_api.MHD_start_daemon)
#define MHD_stop_daemon (mhdlib_api.MHD_stop_daemon)
#define MHD_quiesce_daemon (mhdlib_api.MHD_quiesce_daemon)
#define MHD_get_daemon_info (mhdlib_api.MHD_get_daemon_info)
#define MHD_get_connection_info (mhdlib_api.MHD_get_connection_info)
#define MHD_get_connection_values (mhdlib_api.MHD_get_connection_values)
#define MHD_lookup_connection_value (mhdlib_api.MHD_lookup_connection_value)
#define MHD_create_response_from_buffer (mhdlib_api.MHD_create_response_from_buffer)
#define MHD_create_response_from_buffer_with_free_callback_cls                                 \
	(mhdlib_api.MHD_create_response_from_buffer_with_free_callback_cls)
#define MHD_create_response_from_fd_at_offset64 (mhdlib_api.MHD_create_response_from_fd_at_offset64)
#define MHD_add_response_header (mhdlib_api.MHD_add_response_header)
#define MHD_queue_response (mhdlib_api.MHD_queue_response)
#define MHD_destroy_response (mhdlib_api.MHD_destroy_response)
#endif

#endif
