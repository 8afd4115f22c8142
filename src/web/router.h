/* router.h - HTTP requests and responses as the API handlers see them, and the route table */
#ifndef DD_WEB_ROUTER_H
#define DD_WEB_ROUTER_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"
#include "track/track.h"
#include "util/buf.h"
#include "web/auth.h"

struct web_server;     /* server.h */
struct web_cache_body; /* cache.h */

/* Roles as bits, for the allowed-roles mask of a route. */
enum web_role { ROLE_ADMIN = 1, ROLE_OFFICE = 2, ROLE_UNIT = 4, ROLE_LEADER = 8 };
#define ROLE_ANY (ROLE_ADMIN | ROLE_OFFICE | ROLE_UNIT | ROLE_LEADER)
#define ROLE_STAFF (ROLE_ADMIN | ROLE_OFFICE)

/* "admin" -> ROLE_ADMIN ...; 0 when unknown. */
unsigned web_role_bit(const char *role);

/* A request after routing and authentication. Handlers only read it. */
struct web_req {
	struct web_server *srv;
	void *conn; /* the MHD connection (for query arguments) */
	const char *method;
	const char *path;
	const char *body; /* NUL-terminated, may contain NULs for uploads */
	size_t body_len;
	int64_t id;	  /* the {id} of the route, 0 when none */
	const char *addr; /* client address as text */
	/* set when the route needs a session */
	int logged_in;
	struct auth_session sess;
	struct store_user user; /* the logged-in user, fresh from the store */
	unsigned role;		/* enum web_role bit of user.role */
	struct store *store;	/* this worker thread's store */
	struct track track;	/* acting as the user, today */
};

/* What a handler answers. */
struct web_resp {
	int status;
	struct buf body;	       /* capped */
	const char *content_type;      /* static string; default application/json */
	char *set_cookie;	       /* heap, or NULL */
	long retry_after;	       /* > 0: a Retry-After header */
	char disposition[128];	       /* "" or a Content-Disposition header (file downloads) */
	struct web_cache_body *cached; /* set instead of body for a cached answer (one reference) */
};

typedef int (*web_handler)(struct web_req *rq, struct web_resp *rs);

enum web_route_flag {
	ROUTE_PUBLIC = 1 << 0, /* no session needed */
	ROUTE_UPLOAD = 1 << 1, /* the larger body limit applies */
	ROUTE_NOCSRF = 1 << 2, /* state-changing but no CSRF token (login) */
	ROUTE_CACHE = 1 << 3   /* a read whose answer may be cached until the data changes */
};

struct web_route {
	const char *method;
	const char *pattern; /* "/api/v1/tasks/{id}/progress" */
	unsigned roles;	     /* enum web_role bits allowed */
	unsigned flags;	     /* enum web_route_flag */
	web_handler fn;
};

extern const struct web_route web_routes[];

/* Find the route for method + path; {id} must be a positive decimal below 2^53 and is
 * stored in *id. Returns the route, or NULL with *path_known set to 1 when some route has
 * this path with another method (405), 0 when none (404). */
const struct web_route *web_route_find(const char *method, const char *path, int64_t *id, int *path_known);

/* ---- response helpers (router.c) ------------------------------------------------- */

/* Answer status with a JSON value (stolen: decref'd here). */
int web_json(struct web_resp *rs, int status, json_t *v);
/* Answer {"error": {"code": code, "message": ...}}. Returns 0 so handlers can
 * `return web_fail(rs, 400, "bad_request", "...")`. */
int web_fail(struct web_resp *rs, int status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Answer an error from a lower layer: DD_ERR_NOINPUT 404, USAGE 400, DATA 422, else 500
 * (logged; the client sees a generic message). */
int web_fail_err(struct web_resp *rs, const struct dd_error *err);

/* A query argument of the request, NULL when absent. */
const char *web_query(struct web_req *rq, const char *name);

/* Parse the request body as a JSON object whose keys are all in allowed (NULL-terminated);
 * NULL after answering 400 (bad JSON, not an object, unknown field). */
json_t *web_body_object(struct web_req *rq, struct web_resp *rs, const char *const *allowed);

#endif
