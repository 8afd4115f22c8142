/* dynlib.h - heavy optional libraries (poppler, Tesseract, libcurl, ...) opened with dlopen on
 * first use, so that commands which never need them do not pay for loading them at start-up */
#ifndef DD_DYNLIB_H
#define DD_DYNLIB_H

#include <pthread.h>
#include <stddef.h>

#include "util/error.h"

/* One symbol to resolve: its name and where its address goes in the caller's table (a struct
 * of function pointers, one field per symbol, named like the symbol). */
struct dynlib_sym {
	const char *name;
	size_t offset;
};

/* A library and its symbol table. Callers define one statically with DYNLIB_INIT and call
 * dynlib_load before using the table; mu, state and msg are private. */
struct dynlib {
	const char *soname;  /* "libpoppler-glib.so.8" (found at configure time) */
	const char *env;     /* test-only override of the SONAME (e.g. "DONDOC_SONAME_POPPLER") */
	const char *feature; /* "PDF support", for the message */
	const char *package; /* "libpoppler-glib8": the Debian package that ships it */
	const struct dynlib_sym *syms;
	size_t nsyms;
	void *table;         /* the struct the addresses are written into */
	pthread_mutex_t mu;
	int state;           /* 0 not tried, 1 loaded, -1 failed (msg says why) */
	char msg[400];
};

#define DYNLIB_INIT(soname_, env_, feature_, package_, syms_, table_)                         \
	{                                                                                     \
		.soname = (soname_), .env = (env_), .feature = (feature_), .package = (package_), \
		.syms = (syms_), .nsyms = sizeof(syms_) / sizeof((syms_)[0]), .table = (table_), \
		.mu = PTHREAD_MUTEX_INITIALIZER                                               \
	}

/* Helpers for an X-macro list of symbols, LIST(X) calling X(name) once per symbol:
 *   struct foo_api { LIST(DYNLIB_FIELD) };   -- a field `name` of the symbol's own type
 *   #define FOO_SYM(name) DYNLIB_SYM(foo_api, name)
 *   static const struct dynlib_sym foo_syms[] = { LIST(FOO_SYM) }; */
/* The usual case: library ID's SONAME and package come from CMake as DD_SONAME_<ID> and
 * DD_PKG_<ID>, its test override is $DONDOC_SONAME_<ID>. */
#define DYNLIB_LIB(id, feature_, syms_, table_)                                                 \
	DYNLIB_INIT(DD_SONAME_##id, "DONDOC_SONAME_" #id, feature_, DD_PKG_##id, syms_, table_)
#define DYNLIB_FIELD(name) __typeof__(name) *name;
#define DYNLIB_SYM(api, name) {#name, offsetof(struct api, name)},

/* Open lib (dlopen by SONAME; the env variable, when set and non-empty, names another one)
 * and fill its table, once: later calls return the first result at the cost of one mutex.
 * Thread-safe. Error (DD_ERR_UNAVAILABLE): "PDF support needs libpoppler-glib8 (apt install
 * libpoppler-glib8): ..." with the loader's reason; nothing is left half filled. */
int dynlib_load(struct dynlib *lib, struct dd_error *err);

#endif
