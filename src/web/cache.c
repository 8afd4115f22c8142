/* cache.c - a small keyed cache of JSON answers, invalidated by writes of this server or of others */
#include "cache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"

#define NBUCKETS 512
#define MEMFD_MIN 4096 /* smaller answers are cheaper to copy than to sendfile */

struct web_cache_body {
	atomic_int refs;
	int fd; /* a memfd holding the same bytes (for sendfile), or -1 */
	size_t len;
	char data[]; /* len bytes + NUL */
};

struct entry {
	char *key;
	struct web_cache_body *body;
	struct web_cache_stamp st;
	struct entry *next;
};

const char *web_cache_body_data(const struct web_cache_body *b, size_t *len)
{
	*len = b->len;
	return b->data;
}

int web_cache_body_fd(const struct web_cache_body *b)
{
	return b->fd;
}

void web_cache_body_release(struct web_cache_body *b)
{
	if (b && atomic_fetch_sub(&b->refs, 1) == 1) {
		if (b->fd >= 0)
			close(b->fd);
		free(b);
	}
}

/* A memory file with the answer, so that the server can send it with sendfile (no copy
 * through user space); -1 when that is not possible (the answer is then sent from memory). */
static int make_memfd(const char *body, size_t len)
{
	int fd = memfd_create("dondoc-answer", MFD_CLOEXEC);
	size_t off = 0;

	if (fd < 0)
		return -1;
	while (off < len) {
		ssize_t w = write(fd, body + off, len - off);
		if (w <= 0) {
			close(fd);
			return -1;
		}
		off += (size_t)w;
	}
	return fd;
}

struct web_cache {
	pthread_rwlock_t lock;
	atomic_uint_fast64_t gen;
	char *db, *wal;
	size_t max_entries, max_body, count;
	struct entry *bucket[NBUCKETS];
};

struct web_cache *web_cache_new(const char *db_path, size_t max_entries, size_t max_body)
{
	struct web_cache *c = xcalloc(1, sizeof(*c));

	if (strncmp(db_path, "sqlite:", 7) == 0)
		db_path += 7;
	pthread_rwlock_init(&c->lock, NULL);
	atomic_init(&c->gen, 1);
	c->db = xstrdup(db_path);
	c->wal = xasprintf("%s-wal", db_path);
	c->max_entries = max_entries ? max_entries : 1;
	c->max_body = max_body;
	return c;
}

static void clear(struct web_cache *c)
{
	for (size_t i = 0; i < NBUCKETS; i++) {
		struct entry *e = c->bucket[i], *next;
		for (; e; e = next) {
			next = e->next;
			free(e->key);
			web_cache_body_release(e->body);
			free(e);
		}
		c->bucket[i] = NULL;
	}
	c->count = 0;
}

void web_cache_free(struct web_cache *c)
{
	if (!c)
		return;
	clear(c);
	pthread_rwlock_destroy(&c->lock);
	free(c->db);
	free(c->wal);
	free(c);
}

static void file_stamp(const char *path, int64_t *size, int64_t *mtime)
{
	struct stat sb;

	if (stat(path, &sb) == 0) {
		*size = (int64_t)sb.st_size;
		*mtime = (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec;
	} else {
		*size = -1;
		*mtime = -1;
	}
}

void web_cache_stamp(struct web_cache *c, struct web_cache_stamp *out)
{
	out->gen = atomic_load(&c->gen);
	file_stamp(c->db, &out->db_size, &out->db_mtime_ns);
	file_stamp(c->wal, &out->wal_size, &out->wal_mtime_ns);
}

void web_cache_bump(struct web_cache *c)
{
	atomic_fetch_add(&c->gen, 1);
}

static int same(const struct web_cache_stamp *a, const struct web_cache_stamp *b)
{
	return a->gen == b->gen && a->db_size == b->db_size && a->db_mtime_ns == b->db_mtime_ns &&
	       a->wal_size == b->wal_size && a->wal_mtime_ns == b->wal_mtime_ns;
}

static unsigned hash_key(const char *s)
{
	unsigned h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h % NBUCKETS;
}

struct web_cache_body *web_cache_get(struct web_cache *c, const char *key)
{
	struct web_cache_stamp now;
	struct web_cache_body *out = NULL;

	web_cache_stamp(c, &now);
	pthread_rwlock_rdlock(&c->lock);
	for (struct entry *e = c->bucket[hash_key(key)]; e; e = e->next) {
		if (strcmp(e->key, key) != 0)
			continue;
		if (same(&e->st, &now)) {
			atomic_fetch_add(&e->body->refs, 1);
			out = e->body;
		}
		break;
	}
	pthread_rwlock_unlock(&c->lock);
	return out;
}

void web_cache_put(struct web_cache *c, const char *key, const struct web_cache_stamp *st, const char *body,
		   size_t len)
{
	struct web_cache_stamp now;
	struct entry *e;
	unsigned h = hash_key(key);

	if (len > c->max_body)
		return;
	web_cache_stamp(c, &now);
	if (!same(st, &now))
		return; /* the data changed while the answer was computed */
	pthread_rwlock_wrlock(&c->lock);
	for (e = c->bucket[h]; e; e = e->next)
		if (strcmp(e->key, key) == 0)
			break;
	if (!e) {
		if (c->count >= c->max_entries)
			clear(c); /* simple and rare: the working set of an office is small */
		e = xcalloc(1, sizeof(*e));
		e->key = xstrdup(key);
		e->next = c->bucket[h];
		c->bucket[h] = e;
		c->count++;
	}
	web_cache_body_release(e->body);
	e->body = xmalloc(sizeof(*e->body) + len + 1);
	atomic_init(&e->body->refs, 1);
	memcpy(e->body->data, body, len);
	e->body->data[len] = '\0';
	e->body->len = len;
	e->body->fd = len >= MEMFD_MIN ? make_memfd(body, len) : -1;
	e->st = *st;
	pthread_rwlock_unlock(&c->lock);
}
