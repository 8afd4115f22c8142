/* server.h - `dondoc serve`: the libmicrohttpd server, its limits, and state shared by handlers */
#ifndef DD_WEB_SERVER_H
#define DD_WEB_SERVER_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "util/error.h"
#include "vn/date.h"
#include "web/auth.h"

struct gazetteer;
struct store;

/* Settings of one server; web_config_init gives the defaults (documented there). */
struct web_config {
	const char *listen; /* "HOST:PORT" (IPv4) or ":PORT"; port 0 picks a free one */
	const char *db_path;
	const char *data_dir; /* may be NULL */
	struct vn_date today; /* used when fixed_today, else the system date per request */
	int fixed_today;
	unsigned threads; /* worker threads, each with its own store handle */
	unsigned max_connections;
	unsigned timeout;	/* seconds a connection may stay idle mid-request */
	size_t max_header;	/* bytes per connection for the request line + headers */
	size_t max_body;	/* bytes of a JSON body */
	size_t max_upload;	/* bytes of an uploaded document or attachment */
	long session_idle;	/* seconds */
	long session_max;	/* seconds */
	int login_max_fail;	/* failed logins per account (x4 per address) before lockout */
	long login_window;	/* seconds the failures are counted and the lock lasts */
	const char *access_log; /* file to append to, "-" stdout, NULL stderr, "off" none */
	const char *ready_file; /* when set, the URL is written there once listening */
	int no_cache;		/* 1: compute every answer (no answer cache) */
};

void web_config_init(struct web_config *c);

/* Serve until SIGTERM or SIGINT, then refuse new connections, finish the requests in flight
 * (at most 10 s), close every store handle and return 0 (SIGTERM and SIGINT are left
 * blocked: the caller is expected to exit); -1 with err when it cannot start. Prints
 * "dondoc: serving http://ADDR:PORT/" on stdout once listening. */
int web_serve(const struct web_config *cfg, struct dd_error *err);

/* ---- shared state the handlers use ---------------------------------------------- */

struct web_server {
	const struct web_config *cfg;
	struct auth_sessions *sessions;
	struct auth_throttle *throttle_user, *throttle_addr;
	struct gazetteer *gz;
	struct web_uploads *uploads;
	struct web_cache *cache; /* web/cache.h */
};

/* Uploaded documents waiting for the office to confirm their extraction (in memory,
 * at most 64 and 256 MiB together, each kept one hour; the oldest goes first). */
struct web_upload {
	int64_t id;
	char owner[AUTH_NAME_MAX];
	char *name;
	unsigned char *bytes;
	size_t len;
	time_t at;
};

/* Keep a copy of bytes; returns the new id. */
int64_t web_upload_put(struct web_server *srv, const char *owner, const char *name, const void *bytes,
		       size_t len);
/* Take (remove) upload id if owner made it: 1 (out filled, release with
 * web_upload_release), 0 none. */
int web_upload_take(struct web_server *srv, int64_t id, const char *owner, struct web_upload *out);
/* Put back an upload taken but not used (the save failed). */
void web_upload_return(struct web_server *srv, struct web_upload *u);
void web_upload_release(struct web_upload *u);

#endif
