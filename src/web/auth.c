/* auth.c - argon2id password hashes, the in-memory session table and login throttling */
#include "auth.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define PW_MIN 8
#define PW_MAX 256
#define NBUCKETS 1024

int auth_global_init(struct dd_error *err)
{
	if (sodium_init() < 0)
		return dd_error(err, "cannot initialise libsodium");
	return 0;
}

char *auth_hash_password(const char *password, struct dd_error *err)
{
	char out[crypto_pwhash_STRBYTES];
	size_t n = strlen(password);

	if (n < PW_MIN)
		return dd_error_code(err, DD_ERR_DATA, "password too short (at least %d characters)", PW_MIN),
		       NULL;
	if (n > PW_MAX)
		return dd_error_code(err, DD_ERR_DATA, "password too long (at most %d bytes)", PW_MAX), NULL;
	if (crypto_pwhash_str_alg(out, password, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
				  crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return dd_error(err, "cannot hash password (out of memory)"), NULL;
	return xstrdup(out);
}

int auth_check_password(const char *hash, const char *password)
{
	if (!hash || !password || strnlen(hash, crypto_pwhash_STRBYTES) >= crypto_pwhash_STRBYTES)
		return 0;
	if (strlen(password) > PW_MAX)
		return 0;
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

int auth_valid_username(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n >= AUTH_NAME_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

void auth_random_password(char *out, size_t n)
{
	static const char alpha[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	if (n > 63)
		n = 63;
	for (size_t i = 0; i < n; i++)
		out[i] = alpha[randombytes_uniform((uint32_t)(sizeof(alpha) - 1))];
	out[n] = '\0';
}

static void random_hex(char out[AUTH_TOKEN_HEX])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, AUTH_TOKEN_HEX, raw, sizeof(raw));
}

static unsigned hash_key(const char *s)
{
	unsigned h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h % NBUCKETS;
}

/* ---- sessions --------------------------------------------------------------------- */

struct sess_node {
	struct auth_session s;
	struct sess_node *next;
};

struct auth_sessions {
	pthread_mutex_t lock;
	long idle, max_life;
	size_t max_count, count;
	struct sess_node *bucket[NBUCKETS];
};

struct auth_sessions *auth_sessions_new(long idle, long max_life, size_t max_count)
{
	struct auth_sessions *t = xcalloc(1, sizeof(*t));
	pthread_mutex_init(&t->lock, NULL);
	t->idle = idle > 0 ? idle : 1;
	t->max_life = max_life > 0 ? max_life : 1;
	t->max_count = max_count ? max_count : 1;
	return t;
}

void auth_sessions_free(struct auth_sessions *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < NBUCKETS; i++) {
		struct sess_node *n = t->bucket[i], *next;
		for (; n; n = next) {
			next = n->next;
			sodium_memzero(n, sizeof(*n));
			free(n);
		}
	}
	pthread_mutex_destroy(&t->lock);
	free(t);
}

static int expired(const struct auth_sessions *t, const struct auth_session *s, time_t now)
{
	return now - s->last_seen >= t->idle || now - s->created >= t->max_life;
}

/* Drop expired sessions, and when still full the oldest one. Lock held. */
static void make_room(struct auth_sessions *t, time_t now)
{
	struct sess_node **oldest = NULL;

	for (size_t i = 0; i < NBUCKETS; i++) {
		for (struct sess_node **pp = &t->bucket[i]; *pp;) {
			if (expired(t, &(*pp)->s, now)) {
				struct sess_node *dead = *pp;
				*pp = dead->next;
				free(dead);
				t->count--;
				continue;
			}
			if (!oldest || (*pp)->s.last_seen < (*oldest)->s.last_seen)
				oldest = pp;
			pp = &(*pp)->next;
		}
	}
	if (t->count >= t->max_count && oldest) {
		struct sess_node *dead = *oldest;
		*oldest = dead->next;
		free(dead);
		t->count--;
	}
}

/* The last bytes of an encoded hash (part of the hash itself, different for every hash). */
static void pw_tag(const char *pw_hash, char out[24])
{
	size_t n = pw_hash ? strlen(pw_hash) : 0;
	snprintf(out, 24, "%s", n > 23 ? pw_hash + n - 23 : pw_hash ? pw_hash : "");
}

int auth_session_pw_ok(const struct auth_session *s, const char *pw_hash)
{
	char tag[24];
	pw_tag(pw_hash, tag);
	return strcmp(tag, s->pwtag) == 0;
}

void auth_session_create(struct auth_sessions *t, const char *username, int64_t user_id, const char *pw_hash,
			 time_t now, struct auth_session *out)
{
	struct sess_node *n = xcalloc(1, sizeof(*n));

	pw_tag(pw_hash, n->s.pwtag);

	random_hex(n->s.token);
	random_hex(n->s.csrf);
	snprintf(n->s.username, sizeof(n->s.username), "%s", username);
	n->s.user_id = user_id;
	n->s.created = n->s.last_seen = now;
	pthread_mutex_lock(&t->lock);
	if (t->count >= t->max_count)
		make_room(t, now);
	unsigned h = hash_key(n->s.token);
	n->next = t->bucket[h];
	t->bucket[h] = n;
	t->count++;
	*out = n->s;
	pthread_mutex_unlock(&t->lock);
}

int auth_session_get(struct auth_sessions *t, const char *token, time_t now, struct auth_session *out)
{
	int found = 0;

	if (!token || strlen(token) != AUTH_TOKEN_HEX - 1)
		return 0;
	pthread_mutex_lock(&t->lock);
	for (struct sess_node **pp = &t->bucket[hash_key(token)]; *pp; pp = &(*pp)->next) {
		struct sess_node *n = *pp;
		if (sodium_memcmp(n->s.token, token, AUTH_TOKEN_HEX - 1) != 0)
			continue;
		if (expired(t, &n->s, now)) {
			*pp = n->next;
			free(n);
			t->count--;
		} else {
			n->s.last_seen = now;
			*out = n->s;
			found = 1;
		}
		break;
	}
	pthread_mutex_unlock(&t->lock);
	return found;
}

void auth_session_verified(struct auth_sessions *t, const char *token, const char *role, int64_t unit_id,
			   time_t now)
{
	if (!token || strlen(token) != AUTH_TOKEN_HEX - 1)
		return;
	pthread_mutex_lock(&t->lock);
	for (struct sess_node *n = t->bucket[hash_key(token)]; n; n = n->next) {
		if (strcmp(n->s.token, token) == 0) {
			snprintf(n->s.role, sizeof(n->s.role), "%s", role ? role : "");
			n->s.unit_id = unit_id;
			n->s.verified = now;
			break;
		}
	}
	pthread_mutex_unlock(&t->lock);
}

void auth_session_delete(struct auth_sessions *t, const char *token)
{
	if (!token || strlen(token) != AUTH_TOKEN_HEX - 1)
		return;
	pthread_mutex_lock(&t->lock);
	for (struct sess_node **pp = &t->bucket[hash_key(token)]; *pp; pp = &(*pp)->next) {
		if (strcmp((*pp)->s.token, token) == 0) {
			struct sess_node *dead = *pp;
			*pp = dead->next;
			free(dead);
			t->count--;
			break;
		}
	}
	pthread_mutex_unlock(&t->lock);
}

int auth_session_delete_user(struct auth_sessions *t, const char *username)
{
	int n = 0;

	pthread_mutex_lock(&t->lock);
	for (size_t i = 0; i < NBUCKETS; i++) {
		for (struct sess_node **pp = &t->bucket[i]; *pp;) {
			if (strcmp((*pp)->s.username, username) == 0) {
				struct sess_node *dead = *pp;
				*pp = dead->next;
				free(dead);
				t->count--;
				n++;
			} else {
				pp = &(*pp)->next;
			}
		}
	}
	pthread_mutex_unlock(&t->lock);
	return n;
}

int auth_csrf_ok(const struct auth_session *s, const char *given)
{
	if (!given || strlen(given) != AUTH_TOKEN_HEX - 1)
		return 0;
	return sodium_memcmp(s->csrf, given, AUTH_TOKEN_HEX - 1) == 0;
}

/* ---- throttling ------------------------------------------------------------------- */

struct thr_node {
	char *key;
	int fails;
	time_t first, locked_until;
	struct thr_node *next;
};

struct auth_throttle {
	pthread_mutex_t lock;
	int max_fail;
	long window;
	size_t count;
	struct thr_node *bucket[NBUCKETS];
};

struct auth_throttle *auth_throttle_new(int max_fail, long window)
{
	struct auth_throttle *t = xcalloc(1, sizeof(*t));
	pthread_mutex_init(&t->lock, NULL);
	t->max_fail = max_fail > 0 ? max_fail : 1;
	t->window = window > 0 ? window : 1;
	return t;
}

static void thr_node_free(struct thr_node *n)
{
	free(n->key);
	free(n);
}

void auth_throttle_free(struct auth_throttle *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < NBUCKETS; i++) {
		struct thr_node *n = t->bucket[i], *next;
		for (; n; n = next) {
			next = n->next;
			thr_node_free(n);
		}
	}
	pthread_mutex_destroy(&t->lock);
	free(t);
}

/* Find key's node, dropping stale nodes of its bucket on the way. Lock held. */
static struct thr_node *thr_find(struct auth_throttle *t, const char *key, time_t now)
{
	for (struct thr_node **pp = &t->bucket[hash_key(key)]; *pp;) {
		struct thr_node *n = *pp;
		if (now - n->first >= t->window && now >= n->locked_until) {
			*pp = n->next;
			thr_node_free(n);
			t->count--;
			continue;
		}
		if (strcmp(n->key, key) == 0)
			return n;
		pp = &n->next;
	}
	return NULL;
}

long auth_throttle_check(struct auth_throttle *t, const char *key, time_t now)
{
	long wait = 0;

	pthread_mutex_lock(&t->lock);
	struct thr_node *n = thr_find(t, key, now);
	if (n && now < n->locked_until)
		wait = (long)(n->locked_until - now);
	pthread_mutex_unlock(&t->lock);
	return wait;
}

void auth_throttle_fail(struct auth_throttle *t, const char *key, time_t now)
{
	pthread_mutex_lock(&t->lock);
	struct thr_node *n = thr_find(t, key, now);
	if (!n) {
		/* bounded: an attacker cycling keys cannot grow the table without limit */
		if (t->count >= 100000)
			goto out;
		n = xcalloc(1, sizeof(*n));
		n->key = xstrdup(key);
		n->first = now;
		unsigned h = hash_key(key);
		n->next = t->bucket[h];
		t->bucket[h] = n;
		t->count++;
	}
	if (++n->fails >= t->max_fail)
		n->locked_until = now + t->window;
out:
	pthread_mutex_unlock(&t->lock);
}

void auth_throttle_reset(struct auth_throttle *t, const char *key)
{
	pthread_mutex_lock(&t->lock);
	for (struct thr_node **pp = &t->bucket[hash_key(key)]; *pp; pp = &(*pp)->next) {
		if (strcmp((*pp)->key, key) == 0) {
			struct thr_node *dead = *pp;
			*pp = dead->next;
			thr_node_free(dead);
			t->count--;
			break;
		}
	}
	pthread_mutex_unlock(&t->lock);
}
