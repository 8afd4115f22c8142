/* cache.h - answers of expensive read-only endpoints (task lists, statistics), kept until the data changes */
#ifndef DD_WEB_CACHE_H
#define DD_WEB_CACHE_H

/*
 * An entry is valid while its stamp equals the current stamp. The stamp combines:
 *  - a counter the server bumps after every state-changing request it served, and
 *  - the size and modification time of the database file and its write-ahead log, which
 *    change when another process (the CLI, a reminder job) commits.
 * The key must hold everything the answer depends on: the endpoint, its query arguments,
 * the caller's visibility scope (all tasks, or one unit's) and "today".
 * Thread-safe (one rwlock).
 */

#include <stddef.h>
#include <stdint.h>

struct web_cache;

struct web_cache_stamp {
	uint64_t gen;
	int64_t db_size, db_mtime_ns, wal_size, wal_mtime_ns;
};

/* At most max_entries answers of at most max_body bytes each. db_path: the database file
 * ("sqlite:" prefix allowed) whose changes invalidate everything. */
struct web_cache *web_cache_new(const char *db_path, size_t max_entries, size_t max_body);
void web_cache_free(struct web_cache *c);
/* The stamp now; take it before computing an answer that will be stored. */
void web_cache_stamp(struct web_cache *c, struct web_cache_stamp *out);
/* Something was (or may have been) written by this process. */
void web_cache_bump(struct web_cache *c);
/* A stored answer, shared by reference: valid until web_cache_body_release. */
struct web_cache_body;
const char *web_cache_body_data(const struct web_cache_body *b, size_t *len);
void web_cache_body_release(struct web_cache_body *b);
/* A read-only file descriptor with the same bytes (from offset 0), or -1; owned by b:
 * dup it to hand it on. */
int web_cache_body_fd(const struct web_cache_body *b);
/* On a hit, the answer (one reference for the caller); NULL on a miss. */
struct web_cache_body *web_cache_get(struct web_cache *c, const char *key);
/* Store an answer computed under stamp st (ignored when the data changed since). */
void web_cache_put(struct web_cache *c, const char *key, const struct web_cache_stamp *st, const char *body,
		   size_t len);

#endif
