/* server.c - the HTTP server: libmicrohttpd thread pool, limits, auth gate, access log, shutdown */
#include "server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "extract/extract.h"
#include "store/store.h"
#include "util/file.h"
#include "util/log.h"
#include "util/xalloc.h"
#include "web/assets.h"
#include "web/cache.h"
#include "web/mhdlib.h"
#include "web/router.h"

#define MAX_UPLOADS 64
#define UPLOAD_TTL 3600
#define MAX_UPLOAD_BYTES ((size_t)256 << 20) /* all uploads waiting, together */
#define MAX_STORES 256

void web_config_init(struct web_config *c)
{
	memset(c, 0, sizeof(*c));
	c->listen = "127.0.0.1:8080";
	c->db_path = "dondoc.db";
	c->threads = 4;
	c->max_connections = 512;
	c->timeout = 30;
	c->max_header = 16 * 1024;
	c->max_body = 256 * 1024;
	c->max_upload = 20 * 1024 * 1024;
	c->session_idle = 2 * 3600;
	c->session_max = 12 * 3600;
	c->login_max_fail = 5;
	c->login_window = 15 * 60;
}

/* ---- uploads waiting for confirmation -------------------------------------------- */

struct web_uploads {
	pthread_mutex_t lock;
	int64_t next_id;
	struct web_upload items[MAX_UPLOADS];
};

void web_upload_release(struct web_upload *u)
{
	if (!u)
		return;
	free(u->name);
	free(u->bytes);
	memset(u, 0, sizeof(*u));
}

int64_t web_upload_put(struct web_server *srv, const char *owner, const char *name, const void *bytes,
		       size_t len)
{
	struct web_uploads *up = srv->uploads;
	struct web_upload *slot = NULL;
	time_t now = time(NULL);
	int64_t id;

	pthread_mutex_lock(&up->lock);
	for (;;) {
		size_t total = len;
		struct web_upload *oldest = NULL;
		for (size_t i = 0; i < MAX_UPLOADS; i++) {
			struct web_upload *u = &up->items[i];
			if (u->id && now - u->at > UPLOAD_TTL)
				web_upload_release(u);
			if (u->id) {
				total += u->len;
				if (!oldest || u->at < oldest->at)
					oldest = u;
			}
		}
		/* bounded memory: the oldest uploads go first */
		if (total <= MAX_UPLOAD_BYTES || !oldest)
			break;
		web_upload_release(oldest);
	}
	for (size_t i = 0; i < MAX_UPLOADS && !slot; i++)
		if (!up->items[i].id)
			slot = &up->items[i];
	if (!slot) { /* full: drop the oldest */
		slot = &up->items[0];
		for (size_t i = 1; i < MAX_UPLOADS; i++)
			if (up->items[i].at < slot->at)
				slot = &up->items[i];
		web_upload_release(slot);
	}
	id = slot->id = ++up->next_id;
	snprintf(slot->owner, sizeof(slot->owner), "%s", owner);
	slot->name = xstrdup(name);
	slot->bytes = xmalloc(len ? len : 1);
	memcpy(slot->bytes, bytes, len);
	slot->len = len;
	slot->at = now;
	pthread_mutex_unlock(&up->lock);
	return id;
}

int web_upload_take(struct web_server *srv, int64_t id, const char *owner, struct web_upload *out)
{
	struct web_uploads *up = srv->uploads;
	int found = 0;

	pthread_mutex_lock(&up->lock);
	for (size_t i = 0; i < MAX_UPLOADS; i++) {
		struct web_upload *u = &up->items[i];
		if (u->id == id && strcmp(u->owner, owner) == 0) {
			*out = *u;
			memset(u, 0, sizeof(*u));
			found = 1;
			break;
		}
	}
	pthread_mutex_unlock(&up->lock);
	return found;
}

void web_upload_return(struct web_server *srv, struct web_upload *u)
{
	struct web_uploads *up = srv->uploads;
	int placed = 0;

	pthread_mutex_lock(&up->lock);
	for (size_t i = 0; i < MAX_UPLOADS && !placed; i++) {
		if (!up->items[i].id) {
			up->items[i] = *u;
			memset(u, 0, sizeof(*u));
			placed = 1;
		}
	}
	pthread_mutex_unlock(&up->lock);
	if (!placed)
		web_upload_release(u);
}

/* ---- one store handle per worker thread ------------------------------------------ */

static pthread_key_t store_key;
static pthread_mutex_t stores_lock = PTHREAD_MUTEX_INITIALIZER;
static struct store *stores[MAX_STORES];
static size_t nstores;

static struct store *thread_store(const struct web_config *cfg, struct dd_error *err)
{
	struct store *s = pthread_getspecific(store_key);

	if (s)
		return s;
	pthread_mutex_lock(&stores_lock);
	if (nstores >= MAX_STORES) {
		pthread_mutex_unlock(&stores_lock);
		dd_error(err, "too many store handles");
		return NULL;
	}
	s = store_open(cfg->db_path, cfg->data_dir, err);
	if (s)
		stores[nstores++] = s;
	pthread_mutex_unlock(&stores_lock);
	if (s)
		pthread_setspecific(store_key, s);
	return s;
}

static void close_stores(void)
{
	pthread_mutex_lock(&stores_lock);
	for (size_t i = 0; i < nstores; i++)
		store_close(stores[i]);
	nstores = 0;
	pthread_mutex_unlock(&stores_lock);
}

/* ---- per-request state ---------------------------------------------------------- */

struct reqstate {
	struct timespec t0;
	const struct web_route *route;
	int64_t id;
	int path_known;
	int too_large;
	size_t limit;
	struct buf body;
	int status;
	size_t bytes_out;
	char user[AUTH_NAME_MAX];
	char method[8];
	char url[160];
};

static struct web_server server;
static FILE *access_log;
static atomic_int in_flight;

static void fmt_addr(struct MHD_Connection *c, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(out, n, "-");
	if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET) {
		const struct sockaddr_in *sin = (const struct sockaddr_in *)ci->client_addr;
		inet_ntop(AF_INET, &sin->sin_addr, out, (socklen_t)n);
	} else if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET6) {
		const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)ci->client_addr;
		inet_ntop(AF_INET6, &sin6->sin6_addr, out, (socklen_t)n);
	}
}

static void today_iso(const struct web_config *cfg, struct vn_date *d)
{
	if (cfg->fixed_today) {
		*d = cfg->today;
	} else {
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		d->y = tm.tm_year + 1900;
		d->m = tm.tm_mon + 1;
		d->d = tm.tm_mday;
	}
}

static int is_state_changing(const char *method)
{
	return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
}

static void add_common_headers(struct MHD_Response *r)
{
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
}

static void release_cached(void *cls);

static enum MHD_Result queue(struct MHD_Connection *c, struct reqstate *st, struct web_resp *rs)
{
	size_t len = 0;
	struct MHD_Response *r;
	enum MHD_Result ret;

	if (rs->cached) {
		const char *data = web_cache_body_data(rs->cached, &len);
		int fd = web_cache_body_fd(rs->cached);
		r = NULL;
		if (fd >= 0 && (fd = dup(fd)) >= 0) {
			/* sent with sendfile from the cache's memory file; MHD closes our dup */
			r = MHD_create_response_from_fd_at_offset64(len, fd, 0);
			if (!r)
				close(fd);
		}
		if (r) {
			web_cache_body_release(rs->cached);
		} else {
			/* shared with the cache: no copy, the reference goes when MHD is done */
			r = MHD_create_response_from_buffer_with_free_callback_cls(
			    len, (void *)(uintptr_t)data, release_cached, rs->cached);
			if (!r)
				web_cache_body_release(rs->cached);
		}
		rs->cached = NULL;
		if (!r)
			return MHD_NO;
	} else {
		char *body = buf_detach(&rs->body, &len);
		r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
		if (!r) {
			free(body);
			return MHD_NO;
		}
	}
	MHD_add_response_header(r, "Content-Type",
				rs->content_type ? rs->content_type : "application/json; charset=utf-8");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	add_common_headers(r);
	if (rs->set_cookie)
		MHD_add_response_header(r, "Set-Cookie", rs->set_cookie);
	if (rs->disposition[0])
		MHD_add_response_header(r, "Content-Disposition", rs->disposition);
	if (rs->retry_after > 0) {
		char ra[32];
		snprintf(ra, sizeof(ra), "%ld", rs->retry_after);
		MHD_add_response_header(r, "Retry-After", ra);
	}
	st->status = rs->status;
	st->bytes_out = len;
	ret = MHD_queue_response(c, (unsigned)rs->status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result serve_asset(struct MHD_Connection *c, struct reqstate *st, const char *url,
				   const char *method)
{
	const struct asset *a = assets_find(url);
	struct web_resp rs = {0};
	struct MHD_Response *r;
	const char *inm;
	enum MHD_Result ret;
	unsigned status = 200;

	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
		buf_init(&rs.body, 4096);
		web_fail(&rs, 405, "method_not_allowed", "method '%s' not allowed here", method);
		return queue(c, st, &rs);
	}
	if (!a) {
		buf_init(&rs.body, 4096);
		web_fail(&rs, 404, "not_found", "no such page '%.200s'", url);
		return queue(c, st, &rs);
	}
	inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
	if (inm && strcmp(inm, a->etag) == 0) {
		r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
		status = 304;
		st->bytes_out = 0;
	} else {
		r = MHD_create_response_from_buffer(a->len, (void *)(uintptr_t)a->data,
						    MHD_RESPMEM_PERSISTENT);
		MHD_add_response_header(r, "Content-Type", a->type);
		st->bytes_out = a->len;
	}
	if (!r)
		return MHD_NO;
	MHD_add_response_header(r, "ETag", a->etag);
	/* revalidate every time: file names are not versioned, 304s are cheap */
	MHD_add_response_header(r, "Cache-Control", "no-cache");
	add_common_headers(r);
	if (strstr(a->type, "text/html"))
		MHD_add_response_header(r, "Content-Security-Policy",
					"default-src 'self'; img-src 'self' data:; "
					"frame-ancestors 'none'; form-action 'self'");
	st->status = (int)status;
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
	struct buf *b = cls;
	(void)kind;
	if (buf_printf(b, "&%s=%s", k, v ? v : "") < 0)
		return MHD_NO;
	return MHD_YES;
}

/* What a cached answer depends on: endpoint, id, who may see what, today, the arguments.
 * key stays empty when it would be too long (the answer is then not cached). */
static void make_cache_key(struct MHD_Connection *c, const struct web_req *rq, const struct web_route *rt,
			   struct buf *key)
{
	buf_reset(key);
	if (buf_printf(key, "%s|%lld|%s|%s", rt->pattern, (long long)rq->id,
		       rq->role == ROLE_UNIT ? "unit" : "all", rq->track.today_iso) < 0 ||
	    (rq->role == ROLE_UNIT && buf_printf(key, ":%lld", (long long)rq->user.unit_id) < 0) ||
	    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_arg, key) < 0 || key->len >= key->max - 1)
		buf_release(key);
}

/* 1 when the answer came from the cache (rs->cached holds it). */
static int cached_answer(struct MHD_Connection *c, struct web_req *rq, const struct web_route *rt,
			 struct web_resp *rs)
{
	struct buf key;

	buf_init(&key, 4096);
	make_cache_key(c, rq, rt, &key);
	if (key.len && (rs->cached = web_cache_get(server.cache, buf_str(&key)))) {
		rs->status = 200;
		rs->content_type = "application/json; charset=utf-8";
	}
	buf_release(&key);
	return rs->cached != NULL;
}

static void release_cached(void *cls)
{
	web_cache_body_release(cls);
}

/* Authenticate and authorize the request, then run the handler. */
static void dispatch(struct MHD_Connection *c, struct reqstate *st, const char *url, const char *method,
		     struct web_resp *rs)
{
	struct web_req rq;
	struct dd_error err = {0};
	struct vn_date today;
	char addr[64];
	int have_track = 0;
	const struct web_route *rt = st->route;
	struct buf key;
	struct web_cache_stamp stamp;

	buf_init(&key, 4096);

	memset(&rq, 0, sizeof(rq));
	fmt_addr(c, addr, sizeof(addr));
	rq.srv = &server;
	rq.conn = c;
	rq.method = method;
	rq.path = url;
	rq.body = buf_str(&st->body);
	rq.body_len = st->body.len;
	rq.id = st->id;
	rq.addr = addr;

	if (!rt) {
		if (st->path_known)
			web_fail(rs, 405, "method_not_allowed", "method '%s' not allowed on '%.200s'", method,
				 url);
		else
			web_fail(rs, 404, "not_found", "no such endpoint '%.200s'", url);
		return;
	}
	if (st->too_large) {
		web_fail(rs, 413, "too_large", "request body larger than %zu bytes", st->limit);
		return;
	}
	rq.store = thread_store(server.cfg, &err);
	if (!rq.store) {
		web_fail_err(rs, &err);
		return;
	}
	today_iso(server.cfg, &today);
	if (!(rt->flags & ROUTE_PUBLIC)) {
		const char *tok = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "dd_session");
		int found;
		time_t now = time(NULL);
		if (!auth_session_get(server.sessions, tok, now, &rq.sess)) {
			web_fail(rs, 401, "unauthenticated", "not logged in or the session expired");
			return;
		}
		/* a cached read for an account checked against the store within the last second
		 * needs no database work at all (account changes made by another process show
		 * within that second; this server's own end sessions at once) */
		if ((rt->flags & ROUTE_CACHE) && server.cache && rq.sess.verified &&
		    now - rq.sess.verified <= 1 && (rt->roles & web_role_bit(rq.sess.role))) {
			rq.role = web_role_bit(rq.sess.role);
			rq.user.unit_id = rq.sess.unit_id;
			vn_date_iso(&today, rq.track.today_iso);
			if (cached_answer(c, &rq, rt, rs)) {
				snprintf(st->user, sizeof(st->user), "%s", rq.sess.username);
				return;
			}
			rq.role = 0;
			rq.user.unit_id = 0;
		}
		found = store_user_get(rq.store, rq.sess.user_id, &rq.user, &err);
		if (found < 0 && err.code != DD_ERR_NOINPUT) {
			web_fail_err(rs, &err);
			goto out;
		}
		if (found < 0 || !rq.user.active || strcmp(rq.user.username, rq.sess.username) != 0 ||
		    !auth_session_pw_ok(&rq.sess, rq.user.password_hash)) {
			auth_session_delete(server.sessions, rq.sess.token);
			web_fail(rs, 401, "unauthenticated",
				 "the account was disabled, removed or given a new password");
			goto out;
		}
		rq.logged_in = 1;
		auth_session_verified(server.sessions, rq.sess.token, rq.user.role, rq.user.unit_id, now);
		snprintf(st->user, sizeof(st->user), "%s", rq.user.username);
		rq.role = web_role_bit(rq.user.role);
		if (is_state_changing(method) && !(rt->flags & ROUTE_NOCSRF) &&
		    !auth_csrf_ok(&rq.sess,
				  MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token"))) {
			web_fail(rs, 403, "csrf", "missing or wrong X-CSRF-Token header");
			goto out;
		}
		if (!(rt->roles & rq.role)) {
			web_fail(rs, 403, "forbidden", "role '%s' may not do this", rq.user.role);
			goto out;
		}
		/* a cached answer needs no more work (today_iso is set for the key) */
		vn_date_iso(&today, rq.track.today_iso);
		if ((rt->flags & ROUTE_CACHE) && server.cache) {
			if (cached_answer(c, &rq, rt, rs))
				goto out;
			web_cache_stamp(server.cache, &stamp);
			make_cache_key(c, &rq, rt, &key);
		}
		if (track_init(&rq.track, rq.store, &today, rq.user.username, &err) < 0) {
			web_fail_err(rs, &err);
			goto out;
		}
		have_track = 1;
	} else {
		rq.track.today = today;
		vn_date_iso(&today, rq.track.today_iso);
	}
	rt->fn(&rq, rs);
	if (key.len && rs->status == 200)
		web_cache_put(server.cache, buf_str(&key), &stamp, buf_str(&rs->body), rs->body.len);
	if (is_state_changing(method) && !(rt->flags & ROUTE_PUBLIC) && server.cache)
		web_cache_bump(server.cache);
out:
	if (have_track)
		track_release(&rq.track);
	store_user_release(&rq.user);
	buf_release(&key);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_data_size,
				  void **con_cls)
{
	struct reqstate *st = *con_cls;
	struct web_resp rs;
	enum MHD_Result ret;

	(void)cls;
	(void)version;
	if (!st) {
		const char *cl;
		st = xcalloc(1, sizeof(*st));
		clock_gettime(CLOCK_MONOTONIC, &st->t0);
		atomic_fetch_add(&in_flight, 1);
		*con_cls = st;
		snprintf(st->method, sizeof(st->method), "%s", method);
		snprintf(st->url, sizeof(st->url), "%s", url);
		/* the path is already %-decoded: keep control bytes and quotes out of the log */
		for (char *p = st->url; *p; p++)
			if ((unsigned char)*p < 0x20 || *p == '"' || *p == 0x7f)
				*p = '?';
		if (strncmp(url, "/api/", 5) == 0) {
			st->route = web_route_find(method, url, &st->id, &st->path_known);
			st->limit = st->route && (st->route->flags & ROUTE_UPLOAD) ? server.cfg->max_upload
										   : server.cfg->max_body;
		} else {
			st->limit = server.cfg->max_body;
		}
		buf_init(&st->body, st->limit);
		cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		if (cl) {
			char *end;
			errno = 0;
			unsigned long long v = strtoull(cl, &end, 10);
			if (errno || *end || v > st->limit) {
				/* refuse before reading: the connection closes after the answer */
				st->too_large = 1;
				memset(&rs, 0, sizeof(rs));
				buf_init(&rs.body, 4096);
				web_fail(&rs, 413, "too_large", "request body larger than %zu bytes",
					 st->limit);
				ret = queue(c, st, &rs);
				buf_release(&rs.body);
				return ret;
			}
		}
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (!st->too_large && buf_add(&st->body, upload_data, *upload_data_size) < 0) {
			st->too_large = 1;
			buf_release(&st->body);
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (strncmp(url, "/api/", 5) != 0)
		return serve_asset(c, st, url, method);
	memset(&rs, 0, sizeof(rs));
	buf_init(&rs.body, 64 * 1024 * 1024);
	dispatch(c, st, url, method, &rs);
	ret = queue(c, st, &rs);
	buf_release(&rs.body);
	free(rs.set_cookie);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct reqstate *st = *con_cls;
	struct timespec t1;
	char addr[64];

	(void)cls;
	if (!st)
		return;
	*con_cls = NULL;
	if (access_log) {
		time_t now = time(NULL);
		struct tm tm;
		char stamp[32];
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double ms =
		    (double)(t1.tv_sec - st->t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - st->t0.tv_nsec) / 1e6;
		fmt_addr(c, addr, sizeof(addr));
		gmtime_r(&now, &tm);
		strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
		fprintf(access_log, "%s %s %s \"%s %s\" %d %zu %.1fms%s\n", stamp, addr,
			st->user[0] ? st->user : "-", st->method, st->url, st->status, st->bytes_out, ms,
			toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
	}
	buf_release(&st->body);
	free(st);
	atomic_fetch_sub(&in_flight, 1);
}

static int parse_listen(const char *s, struct sockaddr_in *sa, struct dd_error *err)
{
	const char *colon = strrchr(s, ':');
	char host[64];
	char *end;
	long port;

	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	if (!colon)
		return dd_error_code(err, DD_ERR_USAGE, "bad --listen '%s' (want HOST:PORT)", s);
	if ((size_t)(colon - s) >= sizeof(host))
		return dd_error_code(err, DD_ERR_USAGE, "bad --listen '%s' (host too long)", s);
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	errno = 0;
	port = strtol(colon + 1, &end, 10);
	if (errno || end == colon + 1 || *end || port < 0 || port > 65535)
		return dd_error_code(err, DD_ERR_USAGE, "bad port in --listen '%s'", s);
	sa->sin_port = htons((uint16_t)port);
	if (host[0] == '\0' || strcmp(host, "*") == 0 || strcmp(host, "0.0.0.0") == 0)
		sa->sin_addr.s_addr = htonl(INADDR_ANY);
	else if (strcmp(host, "localhost") == 0)
		sa->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	else if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		return dd_error_code(err, DD_ERR_USAGE, "bad address in --listen '%s' (want IPv4)", s);
	return 0;
}

int web_serve(const struct web_config *cfg, struct dd_error *err)
{
	struct sockaddr_in sa;
	struct MHD_Daemon *d = NULL;
	struct store *first = NULL;
	sigset_t sigs, old;
	int sig, rc = -1, key_made = 0;
	char url[96];

	if (parse_listen(cfg->listen, &sa, err) < 0 || mhdlib_load(err) < 0)
		return -1;
	{
		/* sockets, database files and cached answers (memory files) all need descriptors */
		struct rlimit rl;
		if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
			rl.rlim_cur = rl.rlim_max;
			setrlimit(RLIMIT_NOFILE, &rl);
		}
	}
	if (auth_global_init(err) < 0)
		return -1;
	/* open (and create or migrate) the database once before any worker touches it */
	first = store_open(cfg->db_path, cfg->data_dir, err);
	if (!first)
		return -1;
	memset(&server, 0, sizeof(server));
	server.cfg = cfg;
	server.gz = gazetteer_load(cfg->data_dir, err);
	if (!server.gz)
		goto out;
	server.sessions = auth_sessions_new(cfg->session_idle, cfg->session_max, 10000);
	server.throttle_user = auth_throttle_new(cfg->login_max_fail, cfg->login_window);
	server.throttle_addr = auth_throttle_new(cfg->login_max_fail * 4, cfg->login_window);
	if (!cfg->no_cache)
		server.cache = web_cache_new(cfg->db_path, 256, 4 * 1024 * 1024);
	server.uploads = xcalloc(1, sizeof(*server.uploads));
	pthread_mutex_init(&server.uploads->lock, NULL);
	assets_init();
	if (!cfg->access_log)
		access_log = stderr;
	else if (strcmp(cfg->access_log, "off") == 0)
		access_log = NULL;
	else if (strcmp(cfg->access_log, "-") == 0)
		access_log = stdout;
	else if (!(access_log = fopen(cfg->access_log, "a"))) {
		dd_error_code(err, DD_ERR_NOINPUT, "cannot open access log '%s': %s", cfg->access_log,
			      strerror(errno));
		goto out;
	}
	if (access_log)
		setvbuf(access_log, NULL, _IOLBF, 0);
	if (pthread_key_create(&store_key, NULL) != 0) {
		dd_error(err, "cannot create thread key");
		goto out;
	}
	key_made = 1;

	/* workers inherit the blocked signals; only sigwait below sees them */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, &old);
	signal(SIGPIPE, SIG_IGN);
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL_LINUX_ONLY | MHD_USE_ITC |
				 MHD_USE_TURBO | MHD_USE_ERROR_LOG,
			     0, NULL, NULL, on_request, NULL, MHD_OPTION_SOCK_ADDR, &sa,
			     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(cfg->threads ? cfg->threads : 1),
			     MHD_OPTION_CONNECTION_LIMIT, cfg->max_connections, MHD_OPTION_CONNECTION_TIMEOUT,
			     cfg->timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT, cfg->max_header,
			     MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1, MHD_OPTION_NOTIFY_COMPLETED,
			     on_completed, NULL, MHD_OPTION_END);
	if (!d) {
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		dd_error(err, "cannot listen on '%s' (address in use or not allowed?)", cfg->listen);
		goto out;
	}
	{
		const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_LISTEN_FD);
		struct sockaddr_in bound;
		socklen_t bl = sizeof(bound);
		char host[INET_ADDRSTRLEN];
		if (di && getsockname(di->listen_fd, (struct sockaddr *)&bound, &bl) == 0)
			sa = bound;
		inet_ntop(AF_INET, &sa.sin_addr, host, sizeof(host));
		snprintf(url, sizeof(url), "http://%s:%u/", host, (unsigned)ntohs(sa.sin_port));
	}
	printf("dondoc: serving %s\n", url);
	fflush(stdout);
	if (cfg->ready_file) {
		struct dd_error e2 = {0};
		if (file_write_atomic(cfg->ready_file, url, strlen(url), &e2) < 0)
			LOG(LOG_WARN, "%s", e2.msg);
	}
	LOG(LOG_INFO, "serving %s with %u threads", url, cfg->threads);

	while (sigwait(&sigs, &sig) != 0)
		;
	LOG(LOG_INFO, "signal %d: finishing requests in flight", sig);
	{
		/* stop accepting (close the listening socket so clients are refused at once),
		 * then let the requests in flight finish, at most 10 s */
		MHD_socket lfd = MHD_quiesce_daemon(d);
		if (lfd != MHD_INVALID_SOCKET)
			close(lfd);
	}
	for (int i = 0; i < 1000 && atomic_load(&in_flight) > 0; i++)
		usleep(10000);
	MHD_stop_daemon(d);
	/* SIGTERM and SIGINT stay blocked: a second one while closing must not kill us */
	fprintf(stderr, "dondoc: stopped (signal %d)\n", sig);
	rc = 0;
out:
	close_stores();
	if (key_made)
		pthread_key_delete(store_key);
	store_close(first);
	if (access_log && access_log != stderr && access_log != stdout)
		fclose(access_log);
	access_log = NULL;
	if (server.uploads) {
		for (size_t i = 0; i < MAX_UPLOADS; i++)
			web_upload_release(&server.uploads->items[i]);
		pthread_mutex_destroy(&server.uploads->lock);
		free(server.uploads);
	}
	auth_sessions_free(server.sessions);
	auth_throttle_free(server.throttle_user);
	auth_throttle_free(server.throttle_addr);
	gazetteer_free(server.gz);
	web_cache_free(server.cache);
	memset(&server, 0, sizeof(server));
	return rc;
}
